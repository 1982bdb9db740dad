"""No credential or secret field ever shows in a repr, an exception's text or a log record."""

import asyncio
import json
import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pydantic
import pytest

from metastudio import (
    APIConnectionError,
    AsyncClient,
    Client,
    InvalidArgumentError,
    LiveEventCallBackConfig,
    MetaStudioError,
    RetryPolicy,
    RTCRoomInfoList,
    RTCUserInfo,
    RtmpStreamStateChangeMessage,
    StartSmartLiveReq,
    StartSmartLiveResponse,
    decode_live_event_callback_message,
    parse_live_event_callback,
)
from metastudio._auth import AkSkAuth, TokenAuth
from metastudio._signing import verify
from tests.conftest import serving_on_loopback

AK = "AKLEAKCANARY4ACCESSKEY"
SK = "SKLEAKCANARY-secret-key-value"
TOKEN = "TOKENLEAKCANARY-iam-token-value"
STREAM_KEY = "STREAMKEYLEAKCANARY"
CALLBACK_KEY = "CBKEYLEAKCANARY"  # a callback key has at most 32 characters
INTERACTION_URL = "https://hooks.example/interact?auth=INTERACTIONLEAKCANARY"
EVENT_URL = "https://hooks.example/events?auth=EVENTURLLEAKCANARY"
RTC_SIGNATURE = "RTCSIGNATURELEAKCANARY"
SECRETS = (
    AK,
    SK,
    TOKEN,
    STREAM_KEY,
    CALLBACK_KEY,
    INTERACTION_URL,
    "INTERACTIONLEAKCANARY",
    EVENT_URL,
    "EVENTURLLEAKCANARY",
    RTC_SIGNATURE,
)
PROJECT_ID = "0123456789abcdef0123456789abcdef"
NO_WAIT = RetryPolicy(initial_delay=0, max_delay=0)
LOGGERS = ("metastudio", "httpx", "httpcore")

SECRET_CALL: dict[str, Any] = {
    "output_urls": ["rtmp://push.example/live"],
    "stream_keys": [STREAM_KEY],
    "interaction_callback_url": INTERACTION_URL,
    "live_event_callback_config": LiveEventCallBackConfig(
        live_event_type_callback_url=EVENT_URL, auth_type="MSS_A", key=CALLBACK_KEY
    ),
    "app_user_id": "user-1",
}
SECRET_ANSWER = json.dumps(
    {
        "job_id": "26f06524-4f75-4b3a-a853-b649a21aaf66",
        "rtc_room_info": {
            "app_id": "rtc-app",
            "room_id": "rtc-room",
            "users": [
                {"user_type": "PLAYER", "user_id": "u-1", "signature": RTC_SIGNATURE, "ctime": 1},
                {"user_type": "CAPTURE", "user_id": "u-2", "signature": RTC_SIGNATURE, "ctime": 2},
            ],
        },
        "live_event_callback_config": {
            "live_event_type_callback_url": EVENT_URL,
            "auth_type": "MSS_A",
            "key": CALLBACK_KEY,
        },
    }
).encode()


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"secret leaked: {text!r}"


def assert_exception_clean(exc: BaseException) -> None:
    assert_clean(str(exc))
    assert_clean(repr(exc))
    assert_clean("".join(traceback.format_exception(exc)))
    for arg in exc.args:
        assert_clean(str(arg))
    if isinstance(exc, pydantic.ValidationError):
        assert_clean(exc.json(include_input=False))


def raised(action: Callable[[], object]) -> BaseException:
    try:
        action()
    except Exception as exc:
        return exc
    pytest.fail("expected an exception")


@pytest.fixture(autouse=True)
def _no_env_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLOUD_SDK_AK", raising=False)
    monkeypatch.delenv("CLOUD_SDK_SK", raising=False)


def mock_client(handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> Client:
    settings: dict[str, Any] = {"project_id": PROJECT_ID, "ak": AK, "sk": SK, "retry": NO_WAIT}
    settings.update(options)
    return Client(transport=httpx.MockTransport(handler), **settings)


def answer(
    status: int, content: bytes, **headers: str
) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers={"X-Request-Id": "req-1", **headers})

    return handler


def _raising(error: type[httpx.TransportError]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error("simulated failure", request=request)

    return handler


# --------------------------------------------------------------------------- reprs


def test_client_reprs() -> None:
    clients: list[Client | AsyncClient] = [
        Client(project_id=PROJECT_ID, ak=AK, sk=SK),
        Client(project_id=PROJECT_ID, token=TOKEN),
        AsyncClient(project_id=PROJECT_ID, ak=AK, sk=SK),
        AsyncClient(project_id=PROJECT_ID, token=TOKEN),
    ]
    for client in clients:
        assert_clean(repr(client))
        assert_clean(str(client))
        assert_clean(repr(client.smart_live))
        assert_clean(repr(client.retry))
    assert "<redacted>" in repr(clients[0])
    assert "<redacted>" in repr(clients[1])
    for client in clients:
        if isinstance(client, Client):
            client.close()
        else:
            asyncio.run(client.close())


def test_client_repr_with_environment_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUD_SDK_AK", AK)
    monkeypatch.setenv("CLOUD_SDK_SK", SK)
    with Client(project_id=PROJECT_ID) as client:
        assert_clean(repr(client))


def test_auth_reprs() -> None:
    for auth in (AkSkAuth(AK, SK), TokenAuth(TOKEN)):
        assert_clean(repr(auth))
        assert_clean(str(auth))
        assert_clean(f"{auth!r} {auth}")


def test_request_model_reprs() -> None:
    callback = LiveEventCallBackConfig(
        live_event_type_callback_url=EVENT_URL, auth_type="MSS_A_HEAD", key=CALLBACK_KEY
    )
    body = StartSmartLiveReq(
        output_urls=["rtmp://push.example/live"],
        stream_keys=[STREAM_KEY],
        interaction_callback_url=INTERACTION_URL,
        live_event_callback_config=callback,
    )
    for model in (callback, body):
        assert_clean(repr(model))
        assert_clean(str(model))
        assert_clean(f"{model}")
        assert_clean(repr(list(model.__repr_args__())))
    assert "<redacted>" in repr(body)
    assert "auth_type='MSS_A_HEAD'" in repr(callback)
    assert "rtmp://push.example/live" in repr(body), "non-secret fields stay visible"
    # Masking is for display only: the values are intact.
    assert body.stream_keys == [STREAM_KEY]
    assert callback.key == CALLBACK_KEY


def test_response_model_reprs() -> None:
    result = StartSmartLiveResponse.model_validate_json(SECRET_ANSWER)
    assert result.rtc_room_info is not None
    assert result.rtc_room_info.users is not None
    nested: list[pydantic.BaseModel] = [
        result,
        result.rtc_room_info,
        *result.rtc_room_info.users,
    ]
    for model in nested:
        assert_clean(repr(model))
        assert_clean(str(model))
    assert_clean(repr(result.rtc_room_info.users))
    assert_clean(str([result]))
    assert "user_id='u-1'" in repr(result)
    assert result.rtc_room_info.users[0].signature == RTC_SIGNATURE


def test_models_built_directly() -> None:
    models: list[pydantic.BaseModel] = [
        RTCUserInfo(user_id="u", signature=RTC_SIGNATURE),
        RTCRoomInfoList(users=[RTCUserInfo(signature=RTC_SIGNATURE)]),
        RtmpStreamStateChangeMessage(stream_key=STREAM_KEY, state="CONNECTED"),
    ]
    for model in models:
        assert_clean(repr(model))
        assert_clean(str(model))


def test_callback_message_reprs() -> None:
    message = json.dumps({"room_id": "r", "stream_key": STREAM_KEY, "state": "END"})
    event = parse_live_event_callback(
        json.dumps({"event_type": "RTMP_STREAM_STATE_CHANGE", "message": message})
    )
    decoded = decode_live_event_callback_message(event)
    assert isinstance(decoded, RtmpStreamStateChangeMessage)
    assert decoded.stream_key == STREAM_KEY
    assert_clean(repr(decoded))
    assert_clean(str(decoded))


# --------------------------------------------------------------------------- exceptions


Start = Callable[..., object]
VALIDATION_CASES: list[Any] = [
    pytest.param(lambda start: start("r", stream_keys=[STREAM_KEY, STREAM_KEY + "2"]), id="keys"),
    pytest.param(lambda start: start("r", stream_keys=STREAM_KEY), id="keys-str"),
    pytest.param(lambda start: start("r", stream_keys=[STREAM_KEY, 7]), id="keys-mixed"),
    pytest.param(
        lambda start: start("r", interaction_callback_url=INTERACTION_URL + "x" * 2048),
        id="url-long",
    ),
    pytest.param(
        lambda start: start("r", interaction_callback_url=[INTERACTION_URL]), id="url-type"
    ),
    pytest.param(
        lambda start: start("r", live_event_callback_config={"key": CALLBACK_KEY * 3}),
        id="callback-key-long",
    ),
    pytest.param(
        lambda start: start(
            "r", live_event_callback_config={"key": CALLBACK_KEY, "auth_type": EVENT_URL}
        ),
        id="callback-auth-type",
    ),
    pytest.param(
        lambda start: start(
            "r",
            live_event_callback_config={
                "live_event_type_callback_url": EVENT_URL * 100,
                "key": CALLBACK_KEY,
            },
        ),
        id="event-url-long",
    ),
    pytest.param(lambda start: LiveEventCallBackConfig(key=CALLBACK_KEY * 3), id="model-key"),
    pytest.param(
        lambda start: StartSmartLiveReq(stream_keys=[STREAM_KEY, STREAM_KEY]), id="model-keys"
    ),
    pytest.param(
        lambda start: StartSmartLiveReq.model_validate_json(
            json.dumps({"stream_keys": [STREAM_KEY, STREAM_KEY]})
        ),
        id="json-keys",
    ),
    pytest.param(
        lambda start: StartSmartLiveReq.model_validate_json(f'{{"stream_keys": ["{STREAM_KEY}"'),
        id="json-truncated",
    ),
    pytest.param(
        lambda start: RTCUserInfo.model_validate({"signature": RTC_SIGNATURE, "ctime": -1}),
        id="rtc-ctime",
    ),
    pytest.param(
        lambda start: RTCUserInfo.model_validate({"signature": [RTC_SIGNATURE]}),
        id="rtc-signature-type",
    ),
    pytest.param(
        lambda start: RtmpStreamStateChangeMessage.model_validate(
            {"stream_key": STREAM_KEY, "state": STREAM_KEY}
        ),
        id="rtmp-state",
    ),
]


@pytest.mark.parametrize("case", VALIDATION_CASES)
def test_validation_errors_hide_the_input(case: Callable[[Start], object]) -> None:
    recorder: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        recorder.append(request)
        return httpx.Response(202, content=SECRET_ANSWER)

    with mock_client(handler) as client:
        start: Start = client.smart_live.start
        exc = raised(lambda: case(start))
    assert isinstance(exc, pydantic.ValidationError)
    assert_exception_clean(exc)
    assert recorder == []


CALL_FAILURES: list[Any] = [
    pytest.param("", {}, answer(202, b"{}"), id="empty-room"),
    pytest.param("r", {"project_id": None}, answer(202, b"{}"), id="no-project"),
    pytest.param("r", {}, answer(400, b'{"error_code":"MSS.00000003"}'), id="400"),
    pytest.param("r", {}, answer(401, b""), id="401"),
    pytest.param("r", {}, answer(500, b"<html/>"), id="500"),
    pytest.param("r", {}, answer(429, b"", **{"Retry-After": "0"}), id="429"),
    pytest.param("r", {}, _raising(httpx.ConnectError), id="connect-error"),
    pytest.param("r", {}, _raising(httpx.ReadTimeout), id="read-timeout"),
    pytest.param(
        "r",
        {"token": TOKEN, "ak": None, "sk": None},
        _raising(httpx.RemoteProtocolError),
        id="token-protocol-error",
    ),
]


@pytest.mark.parametrize(("room_id", "options", "handler"), CALL_FAILURES)
def test_errors_of_a_call_carrying_secrets(
    room_id: str, options: dict[str, Any], handler: Callable[[httpx.Request], httpx.Response]
) -> None:
    with mock_client(handler, **options) as client:
        exc = raised(lambda: client.smart_live.start(room_id, **SECRET_CALL))
    assert_exception_clean(exc)


def test_error_of_a_202_with_secrets_that_does_not_parse() -> None:
    body = json.loads(SECRET_ANSWER)
    body["rtc_room_info"]["users"][0]["ctime"] = -5
    body["live_event_callback_config"]["auth_type"] = "SOMETHING_NEW"
    client = mock_client(answer(202, json.dumps(body).encode()))
    exc = raised(lambda: client.smart_live.start("r", **SECRET_CALL))
    assert_exception_clean(exc)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"ak": AK},
        {"sk": SK},
        {"ak": AK, "sk": ""},
        {"token": TOKEN, "ak": AK},
        {"token": TOKEN, "sk": SK},
        {"token": ""},
    ],
)
def test_credential_errors(kwargs: dict[str, Any]) -> None:
    exc = raised(lambda: Client(project_id=PROJECT_ID, **kwargs))
    assert isinstance(exc, ValueError)
    assert_exception_clean(exc)


def test_async_errors_carrying_secrets() -> None:
    async def run(status: int) -> BaseException:
        async with AsyncClient(
            project_id=PROJECT_ID,
            ak=AK,
            sk=SK,
            retry=NO_WAIT,
            transport=httpx.MockTransport(answer(status, b"")),
        ) as client:
            try:
                await client.smart_live.start("r", **SECRET_CALL)
            except MetaStudioError as exc:
                return exc
        pytest.fail("expected an error")

    for status in (400, 401, 429, 503):
        assert_exception_clean(asyncio.run(run(status)))


# --------------------------------------------------------------------------- logs


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def assert_logs_clean(caplog: pytest.LogCaptureFixture) -> None:
    assert caplog.records, "nothing was logged: the check would be vacuous"
    for record in caplog.records:
        assert_clean(record.getMessage())
        assert_clean(repr(record.args))
        assert_clean(str(record.msg))
        if record.exc_info and record.exc_info[1] is not None:
            assert_exception_clean(record.exc_info[1])
        assert_clean(record.exc_text or "")
    assert_clean(caplog.text)


def _logged_by(caplog: pytest.LogCaptureFixture) -> set[str]:
    return {record.name.split(".")[0] for record in caplog.records}


def test_logs_of_a_successful_call(debug_logs: pytest.LogCaptureFixture) -> None:
    with mock_client(answer(202, SECRET_ANSWER)) as client:
        result = client.smart_live.start("r", **SECRET_CALL)
    assert result.rtc_room_info is not None
    assert {"metastudio", "httpx"} <= _logged_by(debug_logs)
    assert_logs_clean(debug_logs)


@pytest.mark.parametrize(
    "handler",
    [
        answer(400, b'{"error_code":"MSS.00000003","error_msg":"Invalid parameter"}'),
        answer(401, b'{"error_code":"MSS.00000001","error_msg":"Unauthorized"}'),
        answer(429, b"", **{"Retry-After": "0"}),
        answer(500, b'{"error_code":"MSS.00000004","error_msg":"Internal Error"}'),
        _raising(httpx.ConnectError),
        _raising(httpx.ReadTimeout),
    ],
)
def test_logs_of_a_failing_call(
    debug_logs: pytest.LogCaptureFixture, handler: Callable[[httpx.Request], httpx.Response]
) -> None:
    with mock_client(handler) as client:
        with pytest.raises(MetaStudioError) as info:
            client.smart_live.start("r", **SECRET_CALL)
    logging.getLogger("metastudio").exception("caller logs the failure", exc_info=info.value)
    assert_logs_clean(debug_logs)


def test_logs_of_a_failing_call_with_token(debug_logs: pytest.LogCaptureFixture) -> None:
    with mock_client(answer(401, b""), token=TOKEN, ak=None, sk=None) as client:
        with pytest.raises(MetaStudioError):
            client.smart_live.start("r", **SECRET_CALL)
    assert_logs_clean(debug_logs)


def test_logs_of_async_calls(debug_logs: pytest.LogCaptureFixture) -> None:
    async def run() -> None:
        async with AsyncClient(
            project_id=PROJECT_ID,
            ak=AK,
            sk=SK,
            retry=NO_WAIT,
            transport=httpx.MockTransport(answer(202, SECRET_ANSWER)),
        ) as client:
            await client.smart_live.start("r", **SECRET_CALL)
        async with AsyncClient(
            project_id=PROJECT_ID,
            token=TOKEN,
            retry=NO_WAIT,
            transport=httpx.MockTransport(answer(429, b"", **{"Retry-After": "0"})),
        ) as client:
            with pytest.raises(MetaStudioError):
                await client.smart_live.start("r", **SECRET_CALL)

    asyncio.run(run())
    assert_logs_clean(debug_logs)


# --------------------------------------------------------------------------- loopback


class _LoopbackHandler(BaseHTTPRequestHandler):
    """Answers like the service: 202 with the secret-bearing body if the signature verifies."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {name: value for name, value in self.headers.items()}
        if self.headers.get("X-Auth-Token") == TOKEN:
            ok = True
        else:
            ok = verify(
                "POST",
                self.path,
                headers,
                body,
                secret_for=lambda access: SK if access == AK else None,
                now=datetime.now(UTC),
            ).ok
        status, content = (202, SECRET_ANSWER) if ok else (401, b'{"error_code":"MSS.00000001"}')
        if self.path.endswith("/fail/smart-live-jobs"):
            status, content = 400, b'{"error_code":"MSS.00000003","error_msg":"Invalid parameter"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.send_header("X-Request-Id", "loopback-1")
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def loopback_server() -> Iterator[str]:
    with serving_on_loopback(ThreadingHTTPServer(("127.0.0.1", 0), _LoopbackHandler)) as url:
        yield url


@pytest.mark.parametrize("credentials", [{"ak": AK, "sk": SK}, {"token": TOKEN}])
def test_logs_over_a_real_loopback_connection(
    debug_logs: pytest.LogCaptureFixture, credentials: dict[str, Any]
) -> None:
    # httpcore only logs on a real connection; an explicit transport ignores proxy variables.
    with loopback_server() as base_url:
        with Client(
            project_id=PROJECT_ID,
            base_url=base_url,
            retry=NO_WAIT,
            transport=httpx.HTTPTransport(),
            **credentials,
        ) as client:
            result = client.smart_live.start("r", **SECRET_CALL)
            with pytest.raises(MetaStudioError):
                client.smart_live.start("fail", **SECRET_CALL)
    assert result.request_id == "loopback-1"
    assert result.rtc_room_info is not None
    assert {"metastudio", "httpx", "httpcore"} <= _logged_by(debug_logs)
    assert_logs_clean(debug_logs)


BAD_SECRETS = [
    "tok-secret-1\n",
    "tok-secret-2\r\nX-Injected: 1",
    "tok-secret-中文",
    " tok-secret-3 ",
    "tok-secret-4\x00",
]


@pytest.mark.parametrize("secret", BAD_SECRETS)
@pytest.mark.parametrize("argument", ["token", "ak"])
def test_an_unusable_credential_is_refused_when_the_client_is_made(
    secret: str, argument: str
) -> None:
    # Once a defect: Client(token="T\n") built, then every call raised APIConnectionError
    # (LocalProtocolError: Illegal header value b'T\n'): the token in str, repr and traceback.
    arguments: dict[str, Any] = (
        {"token": secret} if argument == "token" else {"ak": secret, "sk": "sk"}
    )
    with pytest.raises(InvalidArgumentError) as caught:
        Client(project_id="p", region="cn-north-4", **arguments)
    rendered = str(caught.value) + repr(caught.value) + caught.value.json()
    rendered += "".join(traceback.format_exception(caught.value))
    assert argument in str(caught.value)
    assert secret.strip() not in rendered
    assert isinstance(caught.value, MetaStudioError | ValueError)


def test_a_rejected_secret_stays_out_of_errors_and_json() -> None:
    # Once a defect: only str() hid a rejected value; errors() and json() carried the stream key.
    never = httpx.MockTransport(lambda request: pytest.fail("nothing may be sent"))
    client = Client(project_id="p", region="cn-north-4", token="t", transport=never)
    key = "secret-stream-key-1"
    with pytest.raises(InvalidArgumentError) as caught:
        # Two keys: the spec allows one (maxItems 1), so both are rejected values.
        client.smart_live.start("room", output_urls=["rtmp://127.0.0.1/a"], stream_keys=[key, key])
    error = caught.value
    assert isinstance(error, pydantic.ValidationError) and isinstance(error, MetaStudioError)
    assert key not in str(error) + json.dumps(error.errors(), default=str) + error.json()
    assert all("input" not in e for e in error.errors())


def test_bad_arguments_are_one_catchable_type() -> None:
    # Once a defect: `except MetaStudioError` missed the ValueError and ValidationError the SDK
    # raises for bad arguments.
    never = httpx.MockTransport(lambda request: pytest.fail("nothing may be sent"))
    client = Client(region="cn-north-4", token="t", transport=never)
    calls: list[Callable[[], object]] = [
        lambda: client.smart_live.start("room"),  # no project_id anywhere
        lambda: client.smart_live.start("", project_id="p"),  # empty path parameter
        lambda: client.smart_live.start("room", project_id="p", app_user_id="用户"),
        # reason: the wrong value is the point of the test
        lambda: client.smart_live.start("room", project_id="p", view_mode="SIDEWAYS"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(MetaStudioError):
            call()


def test_a_transport_error_that_may_quote_the_request_is_not_chained() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.LocalProtocolError(f"Illegal header value {request.headers['X-Auth-Token']!r}")

    client = Client(
        project_id="p", region="cn-north-4", token="tok-secret", transport=httpx.MockTransport(fail)
    )
    with pytest.raises(APIConnectionError) as caught:
        client.smart_live.start("room")
    rendered = "".join(traceback.format_exception(caught.value))
    assert "LocalProtocolError" in rendered and "tok-secret" not in rendered


def test_close_leaves_a_callers_http_client_open() -> None:
    # Once a defect: close() closed an http_client the caller passed in and still owns.
    http = httpx.Client()
    with Client(project_id="p", region="cn-north-4", token="t", http_client=http):
        pass
    assert not http.is_closed
    http.close()
    own = Client(project_id="p", region="cn-north-4", token="t")
    own.close()
    assert own._http.is_closed


def test_an_assignment_keeps_rejected_secrets_out_of_its_errors() -> None:
    key = "secret-stream-key-2"
    body = StartSmartLiveReq(stream_keys=[key])
    with pytest.raises(InvalidArgumentError) as assigned:
        body.stream_keys = [key, key]  # validate_assignment; maxItems 1
    rendered = assigned.value.json() + str(assigned.value) + json.dumps(assigned.value.errors())
    assert key not in rendered
