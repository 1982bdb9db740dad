"""Client and AsyncClient send the same bytes, return the same results and raise the same errors."""

import asyncio
import functools
import inspect
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pydantic
import pytest

import metastudio._auth
from metastudio import (
    APIStatusError,
    AsyncClient,
    Client,
    CoStreamerConfig,
    LiveEventCallBackConfig,
    LiveExitConfig,
    LiveJobRunConfig,
    PlayPolicy,
    RetryPolicy,
    RTCLiveEventCallBackConfig,
    StartSmartLiveResponse,
    VideoConfig,
    VoiceConfig,
)
from metastudio._signing import sign, verify

AK = "AKEXAMPLE0123456789"
SK = "sk-Parity-Test-S3cret"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
FROZEN = datetime(2025, 6, 17, 8, 30, 0, tzinfo=UTC)
NO_WAIT = RetryPolicy(initial_delay=0, max_delay=0)
ANSWER = (
    b'{"job_id":"26f06524-4f75-4b3a-a853-b649a21aaf66","rtc_room_info":{"app_id":"a",'
    b'"room_id":"r","users":[{"user_type":"PLAYER","user_id":"u","signature":"sig","ctime":1}]},'
    b'"live_warning_info":[{"warning_type":"RANDOM_PLAY_CLOSED"}],"limit_duration":3,"new":1}'
)

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Records requests and delegates the answer to `answer`."""

    def __init__(self, answer: Handler) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request)


def accepted(request: httpx.Request) -> httpx.Response:
    return httpx.Response(202, content=ANSWER, headers={"X-Request-Id": "req-parity"})


def _options(**overrides: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"project_id": PROJECT_ID, "ak": AK, "sk": SK, "retry": NO_WAIT}
    options.update(overrides)
    return options


def run_sync(
    answer: Handler, room_id: str, kwargs: dict[str, Any], **client_options: Any
) -> tuple[Any, list[httpx.Request]]:
    """(result or raised exception, requests) of one call through Client."""
    recorder = Recorder(answer)
    with Client(transport=httpx.MockTransport(recorder), **_options(**client_options)) as client:
        try:
            outcome: Any = client.smart_live.start(room_id, **kwargs)
        except Exception as exc:
            outcome = exc
    return outcome, recorder.requests


def run_async(
    answer: Handler, room_id: str, kwargs: dict[str, Any], **client_options: Any
) -> tuple[Any, list[httpx.Request]]:
    """(result or raised exception, requests) of one call through AsyncClient."""
    recorder = Recorder(answer)

    async def run() -> Any:
        async with AsyncClient(
            transport=httpx.MockTransport(recorder), **_options(**client_options)
        ) as client:
            try:
                return await client.smart_live.start(room_id, **kwargs)
            except Exception as exc:
                return exc

    return asyncio.run(run()), recorder.requests


def verified(request: httpx.Request, now: datetime) -> bool:
    return verify(
        request.method,
        str(request.url),
        request.headers,
        request.content,
        secret_for=lambda access: SK if access == AK else None,
        now=now,
    ).ok


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metastudio._auth, "sign", functools.partial(sign, now=FROZEN))


CALLS: list[Any] = [
    pytest.param("room", {}, id="empty"),
    pytest.param("room", {"output_urls": ["rtmp://a"]}, id="url"),
    pytest.param(
        "room with spaces/and slash",
        {"output_urls": ["rtmp://a"], "stream_keys": ["key"], "app_user_id": "user-1"},
        id="encoded-room",
    ),
    pytest.param("直播间", {"view_mode": "LANDSCAPE"}, id="unicode-room"),
    pytest.param("room", {"project_id": "another-project"}, id="project-override"),
    pytest.param("room", {"timeout": 3.0}, id="timeout"),
    pytest.param("room", {"timeout": None}, id="no-timeout"),
    pytest.param(
        "room",
        {
            "video_config": VideoConfig(bitrate=4000, width=1080, height=1920, codec="H264"),
            "play_policy": PlayPolicy(
                repeat_count=-1, live_exit_config=LiveExitConfig(auto_stop_mode="SCRIPT_END")
            ),
            "output_urls": ["rtmp://push.example/live"],
            "stream_keys": ["stream-key"],
            "interaction_callback_url": "https://cb.example/?auth=x",
            "live_event_callback_config": LiveEventCallBackConfig(key="k", auth_type="MSS_A"),
            "rtc_callback_config": RTCLiveEventCallBackConfig(
                rtc_callback_event_type=["LIVE_PROGRESS"]
            ),
            "co_streamer_config": CoStreamerConfig(
                voice_config=VoiceConfig(voice_asset_id="voice", speed=120)
            ),
            "job_run_config": LiveJobRunConfig(single_job_in_room=True),
            "app_user_id": "user-2",
        },
        id="everything",
    ),
    pytest.param(
        "room", {"video_config": {"bitrate": 2000, "width": 1920, "height": 1080}}, id="dict"
    ),
]


def _same_requests(sync_requests: list[httpx.Request], async_requests: list[httpx.Request]) -> None:
    assert len(sync_requests) == len(async_requests) >= 1
    for ours, theirs in zip(sync_requests, async_requests, strict=True):
        assert ours.method == theirs.method
        assert str(ours.url) == str(theirs.url)
        assert ours.url.raw_path == theirs.url.raw_path
        assert ours.headers.multi_items() == theirs.headers.multi_items()
        assert ours.content == theirs.content
        assert ours.extensions["timeout"] == theirs.extensions["timeout"]


@pytest.mark.usefixtures("frozen_clock")
@pytest.mark.parametrize(("room_id", "kwargs"), CALLS)
def test_same_request_and_result(room_id: str, kwargs: dict[str, Any]) -> None:
    sync_result, sync_requests = run_sync(accepted, room_id, kwargs)
    async_result, async_requests = run_async(accepted, room_id, kwargs)
    assert isinstance(sync_result, StartSmartLiveResponse)
    assert isinstance(async_result, StartSmartLiveResponse)
    _same_requests(sync_requests, async_requests)
    assert all(verified(request, FROZEN) for request in sync_requests + async_requests)
    assert sync_result == async_result
    assert sync_result.model_dump() == async_result.model_dump()
    assert sync_result.model_extra == async_result.model_extra == {"new": 1}
    assert sync_result.request_id == async_result.request_id == "req-parity"


@pytest.mark.parametrize(("room_id", "kwargs"), CALLS)
def test_same_request_with_a_live_clock(room_id: str, kwargs: dict[str, Any]) -> None:
    sync_result, (ours,) = run_sync(accepted, room_id, kwargs)
    async_result, (theirs,) = run_async(accepted, room_id, kwargs)
    now = datetime.now(UTC)
    assert verified(ours, now)
    assert verified(theirs, now)
    dated = {"x-sdk-date", "authorization"}
    assert [item for item in ours.headers.multi_items() if item[0] not in dated] == [
        item for item in theirs.headers.multi_items() if item[0] not in dated
    ]
    assert str(ours.url) == str(theirs.url)
    assert ours.url.raw_path == theirs.url.raw_path
    assert ours.content == theirs.content
    assert sync_result == async_result


@pytest.mark.usefixtures("frozen_clock")
def test_same_request_with_token_auth() -> None:
    options = {"ak": None, "sk": None, "token": "iam-token"}
    sync_result, sync_requests = run_sync(accepted, "room", {"app_user_id": "u"}, **options)
    async_result, async_requests = run_async(accepted, "room", {"app_user_id": "u"}, **options)
    _same_requests(sync_requests, async_requests)
    assert sync_requests[0].headers["X-Auth-Token"] == "iam-token"
    assert sync_result == async_result


def _status(status: int, body: bytes, headers: dict[str, str] | None = None) -> Handler:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, content=body, headers={"X-Request-Id": "req-e", **(headers or {})}
        )

    return answer


def _raise(error: type[httpx.TransportError]) -> Handler:
    def answer(request: httpx.Request) -> httpx.Response:
        raise error("simulated failure", request=request)

    return answer


ERRORS: list[Any] = [
    pytest.param(
        _status(400, b'{"error_code":"MSS.00000003","error_msg":"Invalid parameter"}'), id="400"
    ),
    pytest.param(
        _status(401, b'{"error_code":"MSS.00000001","error_msg":"Unauthorized"}'), id="401"
    ),
    pytest.param(_status(403, b'{"error_code":"APIGW.0302","error_msg":"Forbidden"}'), id="403"),
    pytest.param(_status(404, b""), id="404"),
    pytest.param(_status(429, b"slow down", {"Retry-After": "0"}), id="429"),
    pytest.param(
        _status(500, b'{"error_code":"MSS.00000004","error_msg":"Internal Error"}'), id="500"
    ),
    pytest.param(_status(503, b"<html>busy</html>"), id="503"),
    pytest.param(_raise(httpx.ConnectError), id="connect-error"),
    pytest.param(_raise(httpx.ConnectTimeout), id="connect-timeout"),
    pytest.param(_raise(httpx.ReadTimeout), id="read-timeout"),
    pytest.param(_raise(httpx.RemoteProtocolError), id="protocol-error"),
    pytest.param(_raise(httpx.ReadError), id="read-error"),
]


@pytest.mark.usefixtures("frozen_clock")
@pytest.mark.parametrize("answer", ERRORS)
def test_same_errors(answer: Handler) -> None:
    sync_error, sync_requests = run_sync(answer, "room", {"output_urls": ["rtmp://a"]})
    async_error, async_requests = run_async(answer, "room", {"output_urls": ["rtmp://a"]})
    assert isinstance(sync_error, Exception)
    assert type(sync_error) is type(async_error)
    assert str(sync_error) == str(async_error)
    assert type(sync_error.__cause__) is type(async_error.__cause__)
    _same_requests(sync_requests, async_requests)
    if isinstance(sync_error, APIStatusError):
        assert isinstance(async_error, APIStatusError)
        assert (
            sync_error.status_code,
            sync_error.error_code,
            sync_error.error_msg,
            sync_error.request_id,
        ) == (
            async_error.status_code,
            async_error.error_code,
            async_error.error_msg,
            async_error.request_id,
        )


BAD_CALLS: list[Any] = [
    pytest.param("", {}, {}, ValueError, id="empty-room"),
    pytest.param("room", {}, {"project_id": None}, ValueError, id="no-project"),
    pytest.param("room", {"output_urls": ["a", "b"]}, {}, pydantic.ValidationError, id="two-urls"),
    pytest.param(
        "room",
        {"video_config": {"bitrate": 50000, "width": 1, "height": 1}},
        {},
        pydantic.ValidationError,
        id="bitrate",
    ),
    pytest.param("room", {"view_mode": "SQUARE"}, {}, pydantic.ValidationError, id="view-mode"),
]


@pytest.mark.parametrize(("room_id", "kwargs", "client_options", "error_type"), BAD_CALLS)
def test_same_errors_before_sending(
    room_id: str,
    kwargs: dict[str, Any],
    client_options: dict[str, Any],
    error_type: type[Exception],
) -> None:
    sync_error, sync_requests = run_sync(accepted, room_id, kwargs, **client_options)
    async_error, async_requests = run_async(accepted, room_id, kwargs, **client_options)
    assert type(sync_error) is type(async_error) is not None
    assert isinstance(sync_error, error_type)
    assert str(sync_error) == str(async_error)
    assert sync_requests == async_requests == []


def test_same_public_surface() -> None:
    def public(cls: type) -> set[str]:
        return {name for name in dir(cls) if not name.startswith("_")}

    assert public(Client) == public(AsyncClient)
    sync_client = Client(project_id=PROJECT_ID, ak=AK, sk=SK)
    async_client = AsyncClient(project_id=PROJECT_ID, ak=AK, sk=SK)
    assert public(type(sync_client.smart_live)) == public(type(async_client.smart_live))
    sync_start = inspect.signature(type(sync_client.smart_live).start)
    async_start = inspect.signature(type(async_client.smart_live).start)
    assert sync_start.parameters == async_start.parameters
    assert sync_start.return_annotation == async_start.return_annotation
    assert inspect.iscoroutinefunction(type(async_client.smart_live).start)
    # Same constructor arguments (transport and http_client differ in type only).
    assert list(inspect.signature(Client).parameters) == list(
        inspect.signature(AsyncClient).parameters
    )
    assert sync_client.base_url == async_client.base_url
    assert sync_client.timeout == async_client.timeout
    assert sync_client.retry == async_client.retry
    assert repr(sync_client).removeprefix("Client") == repr(async_client).removeprefix(
        "AsyncClient"
    )
    sync_client.close()
    asyncio.run(async_client.close())
