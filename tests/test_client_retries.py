"""Retries by operation: idempotent calls (GET, x-idempotent) survive 5xx and lost answers; the rest
never resend what may have arrived; 403, 404 and 429 raise their own exceptions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import yaml

from metastudio import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    UnexpectedStatusError,
)
from metastudio._exceptions import status_error_type
from metastudio.models import PlayTextInfo, TextConfig
from sdkbuild.parsing import parse
from sdkbuild.rendering import status_error
from tests.conftest import SPEC
from tests.smart_live_service import JOB, MODES, ROOM, FakeTime, Mode, Outcome, Service, run

Call = Callable[[Any], Any]
CALLS: dict[str, Call] = {
    "start": lambda c: c.smart_live.start(ROOM, output_urls=["rtmp://127.0.0.1/live/a"]),
    "show": lambda c: c.smart_live.show(ROOM, JOB),
    "list": lambda c: c.smart_live.list(ROOM, limit=10),
    "stop": lambda c: c.smart_live.stop(ROOM, JOB),
    "command": lambda c: c.smart_live.command(
        ROOM,
        JOB,
        command="INSERT_PLAY_SCRIPT",
        params=PlayTextInfo(text_config=TextConfig(text="hi")),
    ),
}
IDEMPOTENT = ("show", "list", "stop")
NOT_IDEMPOTENT = ("start", "command")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("op", IDEMPOTENT)
@pytest.mark.parametrize(
    "failures",
    [(500,), (503,), (httpx.ReadTimeout,), (503, httpx.ReadTimeout), (500, httpx.ReadError)],
    ids=["500", "503", "read-timeout", "503-then-read-timeout", "500-then-reset"],
)
def test_idempotent_calls_are_retried_then_succeed(
    mode: Mode, op: str, failures: tuple[Outcome, ...]
) -> None:
    service = Service().then(op, *failures)
    result = run(mode, service, CALLS[op])
    assert result is not None
    assert len(service.sent(op)) == len(failures) + 1
    assert result.response.request_id if op == "list" else result.request_id


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("op", IDEMPOTENT)
def test_idempotent_retries_are_bounded(mode: Mode, op: str) -> None:
    service = Service().then(op, *[503] * 10)
    with pytest.raises(InternalServerError) as info:
        run(mode, service, CALLS[op], retry=RetryPolicy(max_retries=3, initial_delay=0))
    assert info.value.status_code == 503
    assert len(service.sent(op)) == 4


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("op", NOT_IDEMPOTENT)
@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (500, InternalServerError),
        (503, InternalServerError),
        (httpx.ReadTimeout, APITimeoutError),
        (httpx.ReadError, APIConnectionError),
    ],
)
def test_calls_that_are_not_idempotent_are_sent_once(
    mode: Mode, op: str, failure: Outcome, error: type[Exception]
) -> None:
    service = Service().then(op, failure)
    with pytest.raises(error):
        run(mode, service, CALLS[op], retry=RetryPolicy(max_retries=5, initial_delay=0))
    assert len(service.requests) == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("op", NOT_IDEMPOTENT)
def test_calls_that_are_not_idempotent_still_retry_what_never_left(mode: Mode, op: str) -> None:
    service = Service().then(op, httpx.ConnectError, (429, None))
    assert run(mode, service, CALLS[op]) is not None
    assert len(service.sent(op)) == 3


@pytest.mark.parametrize("mode", MODES)
def test_a_5xx_retry_honours_retry_after(mode: Mode) -> None:
    service = Service().then("stop", 503)

    def with_retry_after(request: httpx.Request) -> httpx.Response:
        response = service(request)
        if response.status_code == 503:
            response.headers["Retry-After"] = "3"
        return response

    time = FakeTime()
    run(mode, with_retry_after, CALLS["stop"], time=time, retry=RetryPolicy())
    assert len(service.sent("stop")) == 2
    assert time.sleeps == [3.0]  # the fake clock's record: nothing waited


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("op", sorted(CALLS))
@pytest.mark.parametrize(
    ("status", "error"),
    [(403, PermissionDeniedError), (404, NotFoundError), (429, RateLimitError)],
)
def test_403_404_and_429_raise_their_own_exceptions(
    mode: Mode, op: str, status: int, error: type[APIStatusError]
) -> None:
    service = Service().then(op, *[status] * 5)
    with pytest.raises(APIStatusError) as info:
        run(mode, service, CALLS[op])
    assert type(info.value) is error
    assert info.value.status_code == status
    assert info.value.error_code == f"MSS.{status}"
    assert not isinstance(info.value, UnexpectedStatusError)
    retried = status == 429  # 429 is retried for every call; 403 and 404 never
    assert len(service.sent(op)) == (3 if retried else 1)


@pytest.mark.parametrize("status", [300, 400, 401, 403, 404, 408, 409, 418, 429, 500, 502, 599])
def test_the_docstrings_name_the_exception_the_runtime_raises(status: int) -> None:
    assert status_error(status) == status_error_type(status).__name__


def test_each_operations_idempotence_comes_from_its_method_or_x_idempotent() -> None:
    api = parse(yaml.safe_load(SPEC.read_text(encoding="utf-8")), SPEC.name)
    flags = {o.method_name: o.idempotent for r in api.resources for o in r.operations}
    assert flags == {"start": False, "command": False, "show": True, "list": True, "stop": True}


SMALL = """
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      x-idempotent: false
      responses: {'204': {description: No.}}
    post:
      operationId: postA
      x-idempotent: "yes"
      responses: {'204': {description: No.}}
    put:
      operationId: putA
      responses: {'204': {description: No.}}
"""


def test_x_idempotent_false_turns_retries_off_and_a_non_boolean_is_named() -> None:
    api = parse(yaml.safe_load(SMALL), "small.yaml")
    flags = {o.method_name: o.idempotent for r in api.resources for o in r.operations}
    assert flags == {"get_a": False, "post_a": False, "put_a": True}
    (problem,) = api.ignored_extensions
    assert problem.pointer == "/paths/~1a/post/x-idempotent"
    assert "must be true or false" in problem.message
