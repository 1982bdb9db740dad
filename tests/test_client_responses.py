"""How the generated Client turns responses into results and errors into the SDK's exceptions."""

import json
from typing import Any

import httpx
import pydantic
import pytest

from metastudio import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    Client,
    InternalServerError,
    LiveEventCallBackConfig,
    LiveWarningItem,
    MetaStudioError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    RTCRoomInfoList,
    RTCUserInfo,
    StartSmartLiveResponse,
    UnexpectedStatusError,
)

PROJECT_ID = "0123456789abcdef0123456789abcdef"
NO_WAIT = RetryPolicy(initial_delay=0, max_delay=0)

DOC_400 = {"error_code": "MSS.00000003", "error_msg": "Invalid parameter"}
DOC_401 = {"error_code": "MSS.00000001", "error_msg": "Unauthorized"}
DOC_500 = {"error_code": "MSS.00000004", "error_msg": "Internal Error"}

FULL_BODY: dict[str, Any] = {
    "job_id": "26f06524-4f75-4b3a-a853-b649a21aaf66",
    "rtc_room_info": {
        "app_id": "rtc-app",
        "room_id": "rtc-room",
        "users": [
            {"user_type": "PLAYER", "user_id": "u-1", "signature": "sig-1", "ctime": 1700000000},
            {"user_type": "CAPTURE", "user_id": "u-2", "signature": "sig-2", "ctime": 1700000001},
        ],
    },
    "live_event_report_url": "https://report.example/live",
    "live_event_callback_config": {
        "live_event_type_callback_url": "https://cb.example/events",
        "auth_type": "MSS_A_HEAD",
        "key": "callback-key",
        "callback_event_type": ["RTMP_STREAM_STATE_CHANGE"],
    },
    "live_warning_info": [
        {"warning_type": "TOO_LESSS_SCRIPT_ITEMS"},
        {"warning_type": "RANDOM_PLAY_CLOSED"},
    ],
    "limit_duration": 24,
}


class Responder:
    """A MockTransport handler that counts calls and answers each with the same response."""

    def __init__(self, status: int, content: bytes, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.content = content
        self.headers = headers if headers is not None else {"X-Request-Id": "req-abc"}
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        return httpx.Response(self.status, content=self.content, headers=self.headers)


def call(responder: Responder) -> StartSmartLiveResponse:
    with Client(
        project_id=PROJECT_ID,
        ak="AKEXAMPLE",
        sk="sk-example",
        retry=NO_WAIT,
        transport=httpx.MockTransport(responder),
    ) as client:
        return client.smart_live.start("room", output_urls=["rtmp://a"])


def as_json(body: Any) -> bytes:
    return json.dumps(body).encode()


# --------------------------------------------------------------------------- results


def test_doc_example_202() -> None:
    responder = Responder(
        202,
        b'{"job_id":"26f06524-4f75-4b3a-a853-b649a21aaf66"}',
        {"X-Request-Id": "b1e6c5f0c3a84c1b", "Content-Type": "application/json"},
    )
    result = call(responder)
    assert isinstance(result, StartSmartLiveResponse)
    assert result.job_id == "26f06524-4f75-4b3a-a853-b649a21aaf66"
    assert result.request_id == "b1e6c5f0c3a84c1b"
    assert result.rtc_room_info is None
    assert result.live_warning_info is None
    assert responder.calls == 1


def test_nested_result() -> None:
    result = call(Responder(202, as_json(FULL_BODY)))
    assert result.request_id == "req-abc"
    room = result.rtc_room_info
    assert isinstance(room, RTCRoomInfoList)
    assert room.app_id == "rtc-app"
    assert room.room_id == "rtc-room"
    assert room.users is not None
    assert [type(user) for user in room.users] == [RTCUserInfo, RTCUserInfo]
    assert [(u.user_type, u.user_id, u.signature, u.ctime) for u in room.users] == [
        ("PLAYER", "u-1", "sig-1", 1700000000),
        ("CAPTURE", "u-2", "sig-2", 1700000001),
    ]
    callback = result.live_event_callback_config
    assert isinstance(callback, LiveEventCallBackConfig)
    assert callback.auth_type == "MSS_A_HEAD"
    assert callback.key == "callback-key"
    assert callback.callback_event_type == ["RTMP_STREAM_STATE_CHANGE"]
    assert result.live_warning_info == [
        LiveWarningItem(warning_type="TOO_LESSS_SCRIPT_ITEMS"),
        LiveWarningItem(warning_type="RANDOM_PLAY_CLOSED"),
    ]
    assert result.live_event_report_url == "https://report.example/live"
    assert result.limit_duration == 24
    assert result.model_dump(mode="json", exclude_none=True) == FULL_BODY


def test_unknown_fields_are_tolerated() -> None:
    body = {
        "job_id": "j",
        "brand_new_field": {"a": 1},
        "rtc_room_info": {
            "room_id": "rtc-room",
            "region": "cn-north-4",
            "users": [{"user_id": "u", "future_flag": True}],
        },
    }
    result = call(Responder(202, as_json(body)))
    assert result.job_id == "j"
    assert result.model_extra == {"brand_new_field": {"a": 1}}
    assert result.rtc_room_info is not None
    assert result.rtc_room_info.model_extra == {"region": "cn-north-4"}
    assert result.rtc_room_info.users is not None
    assert result.rtc_room_info.users[0].user_id == "u"
    assert result.rtc_room_info.users[0].model_extra == {"future_flag": True}


def test_request_id_missing() -> None:
    result = call(Responder(202, b'{"job_id":"j"}', headers={}))
    assert result.job_id == "j"
    assert result.request_id is None


@pytest.mark.parametrize("status", [200, 201, 202])
def test_any_2xx_is_a_result(status: int) -> None:
    assert call(Responder(status, b'{"job_id":"j"}')).job_id == "j"


def test_empty_202_body() -> None:
    result = call(Responder(202, b""))
    assert result.job_id is None
    assert result.request_id == "req-abc"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"<html>accepted</html>", id="not-json"),
        pytest.param(b"[]", id="json-array"),
        pytest.param(b'{"job_id":"j","limit_duration":500}', id="out-of-range"),
        pytest.param(
            b'{"job_id":"j","live_warning_info":[{"warning_type":"TOO_FEW_PRODUCTS"}]}',
            id="new-enum-value",
        ),
        pytest.param(
            b'{"job_id":"j","rtc_room_info":{"users":[{"user_type":"OBSERVER"}]}}',
            id="new-user-type",
        ),
    ],
)
def test_202_body_off_spec_is_not_reported_as_a_validation_error(content: bytes) -> None:
    # The docstring of start() reserves pydantic.ValidationError for "an argument breaks the
    # spec's constraints; nothing was sent". After a 202 the billable job exists: a caller who
    # reads ValidationError as "fix the input and call again" starts a second live job. So a 202
    # the SDK cannot fully parse must either give a result or raise a MetaStudioError.
    responder = Responder(202, content)
    try:
        call(responder)
    except MetaStudioError:
        pass
    except pydantic.ValidationError as exc:
        pytest.fail(f"a 202 surfaced as pydantic.ValidationError: {exc.errors()[0]['type']}")
    assert responder.calls == 1


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("status", "body", "error_type", "error_code", "error_msg"),
    [
        (400, DOC_400, BadRequestError, "MSS.00000003", "Invalid parameter"),
        (401, DOC_401, AuthenticationError, "MSS.00000001", "Unauthorized"),
        (500, DOC_500, InternalServerError, "MSS.00000004", "Internal Error"),
        (503, DOC_500, InternalServerError, "MSS.00000004", "Internal Error"),
        (
            502,
            {"error_code": "APIGW.0201", "error_msg": "Bad gateway"},
            InternalServerError,
            "APIGW.0201",
            "Bad gateway",
        ),
        (
            403,
            {"error_code": "APIGW.0302", "error_msg": "Forbidden"},
            PermissionDeniedError,
            "APIGW.0302",
            "Forbidden",
        ),
        (
            404,
            {"error_code": "APIGW.0101", "error_msg": "The API does not exist"},
            NotFoundError,
            "APIGW.0101",
            "The API does not exist",
        ),
        (409, DOC_400, UnexpectedStatusError, "MSS.00000003", "Invalid parameter"),
    ],
)
def test_error_mapping(
    status: int,
    body: dict[str, str],
    error_type: type[APIStatusError],
    error_code: str,
    error_msg: str,
) -> None:
    responder = Responder(status, as_json(body), {"X-Request-Id": "req-err-1"})
    with pytest.raises(APIStatusError) as info:
        call(responder)
    error = info.value
    assert type(error) is error_type
    assert isinstance(error, MetaStudioError)
    assert error.status_code == status
    assert error.error_code == error_code
    assert error.error_msg == error_msg
    assert error.request_id == "req-err-1"
    message = str(error)
    assert str(status) in message
    assert error_code in message
    assert error_msg in message
    assert "req-err-1" in message
    assert responder.calls == 1, "no error status but 429 is retried"


def test_429_after_retries() -> None:
    responder = Responder(
        429,
        as_json({"error_code": "APIGW.0308", "error_msg": "Too many requests"}),
        {"X-Request-Id": "req-429", "Retry-After": "0"},
    )
    with pytest.raises(RateLimitError) as info:
        call(responder)
    assert info.value.status_code == 429
    assert info.value.error_code == "APIGW.0308"
    assert info.value.error_msg == "Too many requests"
    assert info.value.request_id == "req-429"
    assert responder.calls == NO_WAIT.max_retries + 1


@pytest.mark.parametrize(
    ("status", "content", "error_type"),
    [
        (502, b"<html><body>502 Bad Gateway</body></html>", InternalServerError),
        (500, b"Internal Server Error", InternalServerError),
        (400, b"{not json", BadRequestError),
        (401, b"", AuthenticationError),
        (500, b"", InternalServerError),
        (404, b"", NotFoundError),
        (400, b"[1, 2]", BadRequestError),
        (400, b'"just a string"', BadRequestError),
        (400, b"null", BadRequestError),
        (400, b'{"error_code": 3, "error_msg": ["x"]}', BadRequestError),
        (400, b"\xff\xfe\x00garbage", BadRequestError),
    ],
)
def test_error_without_a_usable_body(
    status: int, content: bytes, error_type: type[APIStatusError]
) -> None:
    with pytest.raises(APIStatusError) as info:
        call(Responder(status, content, {"X-Request-Id": "req-x"}))
    error = info.value
    assert type(error) is error_type
    assert error.status_code == status
    assert error.error_code is None
    assert error.error_msg is None
    assert error.request_id == "req-x"
    assert str(error) == f"HTTP {status} (no error body); request id req-x"


def test_error_with_partial_body_and_no_request_id() -> None:
    with pytest.raises(BadRequestError) as info:
        call(Responder(400, b'{"error_code":"MSS.00000003"}', headers={}))
    assert info.value.error_code == "MSS.00000003"
    assert info.value.error_msg is None
    assert info.value.request_id is None
    assert str(info.value) == "HTTP 400 (MSS.00000003); request id unknown"


def test_error_body_with_extra_fields() -> None:
    body = {"error_code": "MSS.00000003", "error_msg": "Invalid parameter", "detail": {"x": 1}}
    with pytest.raises(BadRequestError) as info:
        call(Responder(400, as_json(body)))
    assert (info.value.error_code, info.value.error_msg) == ("MSS.00000003", "Invalid parameter")


# --------------------------------------------------------------------------- hierarchy


@pytest.mark.parametrize(
    ("error_type", "parent"),
    [
        (APIConnectionError, MetaStudioError),
        (APITimeoutError, APIConnectionError),
        (APIStatusError, MetaStudioError),
        (BadRequestError, APIStatusError),
        (AuthenticationError, APIStatusError),
        (PermissionDeniedError, APIStatusError),
        (NotFoundError, APIStatusError),
        (RateLimitError, APIStatusError),
        (InternalServerError, APIStatusError),
        (UnexpectedStatusError, APIStatusError),
    ],
)
def test_exception_hierarchy(error_type: type[Exception], parent: type[Exception]) -> None:
    assert issubclass(error_type, parent)
    assert issubclass(error_type, MetaStudioError)
    assert issubclass(MetaStudioError, Exception)


def test_status_and_connection_errors_are_disjoint() -> None:
    assert not issubclass(APIStatusError, APIConnectionError)
    assert not issubclass(APIConnectionError, APIStatusError)
    status_errors = (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        RateLimitError,
        InternalServerError,
        UnexpectedStatusError,
    )
    for status_error in status_errors:
        for other in status_errors:
            assert issubclass(status_error, other) == (status_error is other)


def test_exceptions_can_be_built_directly() -> None:
    error = BadRequestError(
        status_code=400, error_code="MSS.00000003", error_msg="Invalid parameter", request_id="r"
    )
    assert str(error) == "HTTP 400 (MSS.00000003: Invalid parameter); request id r"
    assert str(APIConnectionError()) == "Connection error."
    assert str(APITimeoutError()) == "Request timed out."
