"""Timeouts and the retry policy of the generated clients: what is retried, how often, how long."""

import asyncio
import dataclasses
import functools
import random
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, Literal

import httpx
import pytest

import metastudio._auth
from metastudio import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncClient,
    Client,
    InternalServerError,
    RateLimitError,
    RetryPolicy,
    StartSmartLiveResponse,
)
from metastudio._signing import SDK_DATE_FORMAT, sign, verify

AK = "AKEXAMPLE0123456789"
SK = "sk-Policy-Test-S3cret"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
ACCEPTED = b'{"job_id":"26f06524-4f75-4b3a-a853-b649a21aaf66"}'
NO_WAIT = RetryPolicy(initial_delay=0, max_delay=0)

Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")
Outcome = int | tuple[int, dict[str, str]] | type[httpx.TransportError]


class Script:
    """A MockTransport handler playing `outcomes` in order; the last one repeats forever."""

    def __init__(self, *outcomes: Outcome) -> None:
        self.outcomes = outcomes
        self.requests: list[httpx.Request] = []

    @property
    def calls(self) -> int:
        return len(self.requests)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        outcome = self.outcomes[min(self.calls, len(self.outcomes)) - 1]
        if isinstance(outcome, type):
            raise outcome("simulated failure", request=request)
        status, extra = outcome if isinstance(outcome, tuple) else (outcome, {})
        headers = {"X-Request-Id": f"req-{self.calls}", **extra}
        return httpx.Response(status, content=ACCEPTED if status < 300 else b"", headers=headers)


def start(
    mode: Mode,
    script: Script,
    *,
    client_options: dict[str, Any] | None = None,
    **call_options: Any,
) -> StartSmartLiveResponse:
    """One start() call through a sync or async client on a MockTransport playing `script`."""
    options: dict[str, Any] = {"project_id": PROJECT_ID, "ak": AK, "sk": SK, "retry": NO_WAIT}
    options.update(client_options or {})
    transport = httpx.MockTransport(script)
    if mode == "sync":
        with Client(transport=transport, **options) as client:
            return client.smart_live.start("room", **call_options)

    async def run() -> StartSmartLiveResponse:
        async with AsyncClient(transport=transport, **options) as client:
            return await client.smart_live.start("room", **call_options)

    return asyncio.run(run())


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the sync client's sleeps instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr(time, "sleep", recorded.append)
    return recorded


# --------------------------------------------------------------------------- timeouts


def _timeout_of(script: Script) -> dict[str, float | None]:
    timeouts: dict[str, float | None] = script.requests[-1].extensions["timeout"]
    return timeouts


def _all(value: float | None) -> dict[str, float | None]:
    return {"connect": value, "read": value, "write": value, "pool": value}


@pytest.mark.parametrize("mode", MODES)
def test_default_timeout_reaches_the_transport(mode: Mode) -> None:
    script = Script(202)
    start(mode, script)
    assert _timeout_of(script) == {"connect": 10.0, "read": 30.0, "write": 30.0, "pool": 30.0}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        (5.0, _all(5.0)),
        (httpx.Timeout(3.0, read=60.0), {"connect": 3.0, "read": 60.0, "write": 3.0, "pool": 3.0}),
        (None, _all(None)),
    ],
)
def test_client_timeout_reaches_the_transport(
    mode: Mode, timeout: float | httpx.Timeout | None, expected: dict[str, float | None]
) -> None:
    script = Script(202)
    start(mode, script, client_options={"timeout": timeout})
    assert _timeout_of(script) == expected


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        (1.5, _all(1.5)),
        (httpx.Timeout(2.0, connect=0.5), {"connect": 0.5, "read": 2.0, "write": 2.0, "pool": 2.0}),
        (None, _all(None)),
    ],
)
def test_per_call_timeout_overrides_the_client(
    mode: Mode, timeout: float | httpx.Timeout | None, expected: dict[str, float | None]
) -> None:
    script = Script(202)
    start(mode, script, client_options={"timeout": 7.0}, timeout=timeout)
    assert _timeout_of(script) == expected


def test_per_call_timeout_does_not_stick() -> None:
    script = Script(202)
    with Client(
        project_id=PROJECT_ID, ak=AK, sk=SK, timeout=7.0, transport=httpx.MockTransport(script)
    ) as client:
        client.smart_live.start("room", timeout=None)
        client.smart_live.start("room")
        client.smart_live.start("room", timeout=0.25)
        client.smart_live.start("room")
    assert [request.extensions["timeout"] for request in script.requests] == [
        _all(None),
        _all(7.0),
        _all(0.25),
        _all(7.0),
    ]


# --------------------------------------------------------------------------- transport errors


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("error", [httpx.ReadTimeout, httpx.WriteTimeout])
def test_timeout_after_sending_is_not_retried(
    mode: Mode, error: type[httpx.TransportError]
) -> None:
    script = Script(error, 202)
    with pytest.raises(APITimeoutError) as info:
        start(mode, script, client_options={"retry": RetryPolicy(max_retries=5, initial_delay=0)})
    assert script.calls == 1
    assert isinstance(info.value, APIConnectionError)
    assert isinstance(info.value.__cause__, error)
    assert error.__name__ in str(info.value)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "error",
    [httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.LocalProtocolError],
)
def test_failure_after_sending_is_not_retried(
    mode: Mode, error: type[httpx.TransportError]
) -> None:
    script = Script(error, 202)
    with pytest.raises(APIConnectionError) as info:
        start(mode, script, client_options={"retry": RetryPolicy(max_retries=5, initial_delay=0)})
    assert type(info.value) is APIConnectionError
    assert script.calls == 1
    # Named, not chained: a protocol error may quote what was sent (a header value, a secret).
    assert error.__name__ in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("max_retries", [0, 1, 2, 4])
def test_connect_error_is_retried_up_to_max_retries(mode: Mode, max_retries: int) -> None:
    script = Script(httpx.ConnectError)
    policy = RetryPolicy(max_retries=max_retries, initial_delay=0, max_delay=0)
    with pytest.raises(APIConnectionError) as info:
        start(mode, script, client_options={"retry": policy})
    assert type(info.value) is APIConnectionError
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert script.calls == max_retries + 1


@pytest.mark.parametrize("mode", MODES)
def test_default_policy_makes_three_attempts(mode: Mode) -> None:
    assert RetryPolicy().max_retries == 2
    script = Script(httpx.ConnectError)
    with pytest.raises(APIConnectionError):
        start(
            mode,
            script,
            client_options={"retry": RetryPolicy(initial_delay=0, max_delay=0)},
        )
    assert script.calls == 3


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("error", [httpx.ConnectError, httpx.ConnectTimeout])
def test_connect_failure_then_success(mode: Mode, error: type[httpx.TransportError]) -> None:
    script = Script(error, error, 202)
    result = start(mode, script)
    assert result.job_id == "26f06524-4f75-4b3a-a853-b649a21aaf66"
    assert result.request_id == "req-3"
    assert script.calls == 3


@pytest.mark.parametrize("mode", MODES)
def test_connect_timeout_is_retried_then_raises_a_timeout(mode: Mode) -> None:
    script = Script(httpx.ConnectTimeout)
    with pytest.raises(APITimeoutError) as info:
        start(mode, script)
    assert isinstance(info.value.__cause__, httpx.ConnectTimeout)
    assert script.calls == NO_WAIT.max_retries + 1


@pytest.mark.parametrize("mode", MODES)
def test_connect_error_then_read_timeout_stops(mode: Mode) -> None:
    script = Script(httpx.ConnectError, httpx.ReadTimeout, 202)
    with pytest.raises(APITimeoutError):
        start(mode, script)
    assert script.calls == 2


# --------------------------------------------------------------------------- statuses


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_is_never_retried(mode: Mode, status: int) -> None:
    script = Script((status, {"Retry-After": "0"}), 202)
    with pytest.raises(InternalServerError) as info:
        start(mode, script, client_options={"retry": RetryPolicy(max_retries=5, initial_delay=0)})
    assert info.value.status_code == status
    assert script.calls == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [400, 401, 403, 404, 408, 409])
def test_other_errors_are_never_retried(mode: Mode, status: int) -> None:
    script = Script((status, {"Retry-After": "0"}), 202)
    with pytest.raises(APIStatusError) as info:
        start(mode, script)
    assert info.value.status_code == status
    assert script.calls == 1


def test_429_honours_retry_after_then_succeeds(sleeps: list[float]) -> None:
    script = Script((429, {"Retry-After": "0"}), 202)
    # The default policy would wait 0.5 s or so; Retry-After: 0 says "at once".
    result = start("sync", script, client_options={"retry": RetryPolicy()})
    assert result.job_id == "26f06524-4f75-4b3a-a853-b649a21aaf66"
    assert result.request_id == "req-2"
    assert script.calls == 2
    assert sleeps == [0.0]


def test_429_retry_after_is_capped(sleeps: list[float]) -> None:
    script = Script((429, {"Retry-After": "3600"}), 202)
    start("sync", script, client_options={"retry": RetryPolicy(max_delay=2.0)})
    assert sleeps == [2.0]


def test_429_without_retry_after_backs_off_exponentially(sleeps: list[float]) -> None:
    script = Script(429, 429, 429, 202)
    policy = RetryPolicy(max_retries=3, initial_delay=0.5, max_delay=8.0, jitter=0.0)
    start("sync", script, client_options={"retry": policy})
    assert sleeps == [0.5, 1.0, 2.0]
    assert script.calls == 4


def test_connect_error_backs_off_exponentially(sleeps: list[float]) -> None:
    script = Script(httpx.ConnectError)
    policy = RetryPolicy(max_retries=4, initial_delay=0.25, max_delay=1.0, jitter=0.0)
    with pytest.raises(APIConnectionError):
        start("sync", script, client_options={"retry": policy})
    assert sleeps == [0.25, 0.5, 1.0, 1.0]


@pytest.mark.parametrize("mode", MODES)
def test_429_retried_then_202(mode: Mode) -> None:
    script = Script((429, {"Retry-After": "0"}), (429, {"Retry-After": "0"}), 202)
    result = start(mode, script, client_options={"retry": RetryPolicy()})
    assert result.request_id == "req-3"
    assert script.calls == 3


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("max_retries", [0, 2, 3])
def test_429_forever(mode: Mode, max_retries: int) -> None:
    script = Script((429, {"Retry-After": "0"}))
    with pytest.raises(RateLimitError) as info:
        start(mode, script, client_options={"retry": RetryPolicy(max_retries=max_retries)})
    assert info.value.status_code == 429
    assert info.value.request_id == f"req-{max_retries + 1}"
    assert script.calls == max_retries + 1


@pytest.mark.parametrize("mode", MODES)
def test_mixed_retryable_failures_share_one_budget(mode: Mode) -> None:
    script = Script(httpx.ConnectError, (429, {"Retry-After": "0"}), httpx.ConnectTimeout, 202)
    with pytest.raises(APITimeoutError):
        start(mode, script)
    assert script.calls == 3


# --------------------------------------------------------------------------- re-signing


def _ticking_sign(ticks: Iterator[datetime]) -> Any:
    @functools.wraps(sign)
    def signer(*args: Any, **kwargs: Any) -> dict[str, str]:
        return sign(*args, now=next(ticks), **kwargs)

    return signer


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "outcomes",
    [
        (httpx.ConnectError, httpx.ConnectTimeout, 202),
        ((429, {"Retry-After": "0"}), (429, {"Retry-After": "0"}), 202),
    ],
)
def test_each_retry_is_signed_afresh(
    mode: Mode, outcomes: tuple[Outcome, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    epoch = datetime(2025, 6, 17, 8, 0, 0)
    ticks = (epoch + timedelta(seconds=n) for n in range(100))
    monkeypatch.setattr(metastudio._auth, "sign", _ticking_sign(ticks))
    script = Script(*outcomes)
    start(mode, script)
    assert script.calls == 3
    dates = [request.headers["X-Sdk-Date"] for request in script.requests]
    assert dates == [(epoch + timedelta(seconds=n)).strftime(SDK_DATE_FORMAT) for n in range(3)]
    authorizations = [request.headers["Authorization"] for request in script.requests]
    assert len(set(authorizations)) == 3
    for request in script.requests:
        assert request.headers.get_list("Authorization") == [request.headers["Authorization"]]
        assert request.headers.get_list("X-Sdk-Date") == [request.headers["X-Sdk-Date"]]
        signed_at = datetime.strptime(request.headers["X-Sdk-Date"], SDK_DATE_FORMAT)
        result = verify(
            request.method,
            str(request.url),
            request.headers,
            request.content,
            secret_for=lambda access: SK if access == AK else None,
            now=signed_at,
        )
        assert result.ok, result.reason
    assert len({request.content for request in script.requests}) == 1


# --------------------------------------------------------------------------- RetryPolicy.delay


def test_retry_policy_defaults() -> None:
    policy = RetryPolicy()
    assert (policy.max_retries, policy.initial_delay, policy.max_delay, policy.jitter) == (
        2,
        0.5,
        8.0,
        0.25,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.max_retries = 5  # type: ignore[misc]


@pytest.mark.parametrize("with_response", [False, True])
def test_delay_is_exponential_and_capped(with_response: bool) -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=8.0, jitter=0.0)
    response = httpx.Response(429) if with_response else None
    delays = [policy.delay(attempt, response) for attempt in range(1, 9)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]


def test_delay_with_zero_initial_delay() -> None:
    policy = RetryPolicy(initial_delay=0, max_delay=0)
    assert [policy.delay(attempt, None) for attempt in range(1, 5)] == [0.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        ("0", 0.0),
        ("3", 3.0),
        ("2.5", 2.5),
        (" 4 ", 4.0),
        ("8", 8.0),
        ("9", 8.0),
        ("3600", 8.0),
        ("inf", 8.0),
    ],
)
def test_delay_honours_retry_after_up_to_max_delay(retry_after: str, expected: float) -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=8.0, jitter=0.25)
    response = httpx.Response(429, headers={"Retry-After": retry_after})
    for attempt in (1, 2, 5):
        assert policy.delay(attempt, response) == expected  # never jittered


@pytest.mark.parametrize("retry_after", ["-1", "soon", "", "nan", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_unusable_retry_after_falls_back_to_backoff(retry_after: str) -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=8.0, jitter=0.0)
    response = httpx.Response(429, headers={"Retry-After": retry_after})
    assert [policy.delay(attempt, response) for attempt in (1, 2, 3)] == [0.5, 1.0, 2.0]


def test_jitter_bounds_at_the_extremes(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = RetryPolicy(initial_delay=1.0, max_delay=8.0, jitter=0.25)
    monkeypatch.setattr(random, "random", lambda: 0.0)
    assert [policy.delay(attempt, None) for attempt in (1, 2, 3, 4, 5)] == [1, 2, 4, 8, 8]
    monkeypatch.setattr(random, "random", lambda: 1.0 - 2**-53)
    for attempt, base in ((1, 1.0), (2, 2.0), (4, 8.0), (6, 8.0)):
        assert policy.delay(attempt, None) == pytest.approx(base * 0.75)


@pytest.mark.parametrize("jitter", [0.0, 0.1, 0.25, 0.5, 1.0])
def test_jitter_stays_within_bounds(jitter: float) -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=8.0, jitter=jitter)
    for attempt in range(1, 8):
        base = min(0.5 * 2 ** (attempt - 1), 8.0)
        samples = [policy.delay(attempt, None) for _ in range(300)]
        assert all(base * (1 - jitter) <= value <= base for value in samples)
        if jitter:
            assert len(set(samples)) > 1
        else:
            assert set(samples) == {base}
