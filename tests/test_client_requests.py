"""What the generated Client puts on the wire: request line, headers, body, validation, credentials, endpoint."""

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pydantic
import pytest

from metastudio import (
    DEFAULT_REGION,
    REGIONS,
    Client,
    CoStreamerConfig,
    LiveEventCallBackConfig,
    LiveExitConfig,
    LiveJobRunConfig,
    PlayPolicy,
    RTCLiveEventCallBackConfig,
    SubtitleConfig,
    VideoConfig,
    VoiceConfig,
    endpoint_for_region,
)
from metastudio._auth import AkSkAuth, TokenAuth
from metastudio._signing import SDK_DATE_FORMAT, VerifyResult, parse_authorization, verify

AK = "AKEXAMPLE0123456789"
SK = "sk-Request-Test-S3cret"
TOKEN = "MIIToken-Request-Test-Value"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
ROOM_ID = "26f065244f754b3aa853b649a21aaf66"
BASE = "https://metastudio.cn-north-4.myhuaweicloud.com"
ACCEPTED = b'{"job_id":"26f06524-4f75-4b3a-a853-b649a21aaf66"}'


class Recorder:
    """A MockTransport handler that records every request and answers 202."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(202, content=ACCEPTED, headers={"X-Request-Id": "req-1"})

    @property
    def only(self) -> httpx.Request:
        assert len(self.requests) == 1
        return self.requests[0]


def make_client(recorder: Recorder, **kwargs: Any) -> Client:
    options: dict[str, Any] = {"project_id": PROJECT_ID, "ak": AK, "sk": SK}
    options.update(kwargs)
    return Client(transport=httpx.MockTransport(recorder), **options)


def verify_request(request: httpx.Request, *, ak: str = AK, sk: str = SK) -> VerifyResult:
    return verify(
        request.method,
        str(request.url),
        request.headers,
        request.content,
        secret_for=lambda access: sk if access == ak else None,
        now=datetime.now(UTC),
    )


def send(kwargs: dict[str, Any], room_id: str = ROOM_ID) -> httpx.Request:
    recorder = Recorder()
    with make_client(recorder) as client:
        client.smart_live.start(room_id, **kwargs)
    return recorder.only


# --------------------------------------------------------------------------- request line


def test_request_line() -> None:
    request = send({})
    assert request.method == "POST"
    assert str(request.url) == (
        f"{BASE}/v1/{PROJECT_ID}/smart-live-rooms/{ROOM_ID}/smart-live-jobs"
    )
    assert request.url.query == b""


@pytest.mark.parametrize(
    ("room_id", "encoded"),
    [
        ("room 1", "room%201"),
        ("直播间", "%E7%9B%B4%E6%92%AD%E9%97%B4"),
        ("a/b", "a%2Fb"),
        ("../../admin", "..%2F..%2Fadmin"),
        ("r?x=1#frag", "r%3Fx%3D1%23frag"),
        ("100%", "100%25"),
        ("é+~", "%C3%A9%2B~"),
    ],
)
def test_room_id_is_percent_encoded_as_one_segment(room_id: str, encoded: str) -> None:
    request = send({}, room_id=room_id)
    expected_path = f"/v1/{PROJECT_ID}/smart-live-rooms/{encoded}/smart-live-jobs"
    assert request.url.raw_path == expected_path.encode("ascii")
    assert str(request.url) == BASE + expected_path
    assert verify_request(request).ok


def test_project_id_from_the_client() -> None:
    request = send({})
    assert request.url.path.startswith(f"/v1/{PROJECT_ID}/")
    assert request.headers["X-Project-Id"] == PROJECT_ID


def test_project_id_overridden_per_call() -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        client.smart_live.start("r", project_id="other-project")
        client.smart_live.start("r")
    first, second = recorder.requests
    assert first.url.raw_path == b"/v1/other-project/smart-live-rooms/r/smart-live-jobs"
    assert first.headers["X-Project-Id"] == "other-project"
    assert second.url.raw_path == f"/v1/{PROJECT_ID}/smart-live-rooms/r/smart-live-jobs".encode()
    assert second.headers["X-Project-Id"] == PROJECT_ID


def test_project_id_per_call_when_the_client_has_none() -> None:
    recorder = Recorder()
    with make_client(recorder, project_id=None) as client:
        client.smart_live.start("r", project_id="p-1")
    assert recorder.only.url.raw_path == b"/v1/p-1/smart-live-rooms/r/smart-live-jobs"
    assert recorder.only.headers["X-Project-Id"] == "p-1"


def test_project_id_is_percent_encoded() -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        client.smart_live.start("r", project_id="a/b c")
    assert recorder.only.url.raw_path == b"/v1/a%2Fb%20c/smart-live-rooms/r/smart-live-jobs"


# --------------------------------------------------------------------------- headers


def test_headers_with_ak_sk() -> None:
    request = send({"output_urls": ["rtmp://a"]})
    headers = request.headers
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Project-Id"] == PROJECT_ID
    assert "X-App-UserId" not in headers
    assert "X-Auth-Token" not in headers
    assert headers["Host"] == "metastudio.cn-north-4.myhuaweicloud.com"
    assert headers["Content-Length"] == str(len(request.content))


def test_x_app_user_id_when_given() -> None:
    request = send({"app_user_id": "user-42"})
    assert request.headers["X-App-UserId"] == "user-42"
    parsed = parse_authorization(request.headers["Authorization"])
    assert parsed is not None
    assert "x-app-userid" in parsed.signed_headers
    assert verify_request(request).ok


def test_x_sdk_date_format() -> None:
    before = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    request = send({})
    after = datetime.now(UTC).replace(tzinfo=None)
    value = request.headers["X-Sdk-Date"]
    assert re.fullmatch(r"[0-9]{8}T[0-9]{6}Z", value)
    signed_at = datetime.strptime(value, SDK_DATE_FORMAT)
    assert before - timedelta(seconds=1) <= signed_at <= after


def test_authorization_is_accepted_by_verify() -> None:
    request = send({"output_urls": ["rtmp://a"], "stream_keys": ["key"]}, room_id="a b/ü")
    value = request.headers["Authorization"]
    assert value.startswith(f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=")
    parsed = parse_authorization(value)
    assert parsed is not None
    for name in ("host", "x-sdk-date", "x-project-id", "content-type"):
        assert name in parsed.signed_headers
    assert verify_request(request) == VerifyResult(True, "ok")


def test_authorization_is_rejected_with_another_sk() -> None:
    request = send({"output_urls": ["rtmp://a"]})
    result = verify_request(request, sk="another-secret-key")
    assert not result.ok
    assert result.reason == "signature mismatch"


def test_authorization_is_rejected_when_the_body_is_changed() -> None:
    request = send({"output_urls": ["rtmp://a"]})
    tampered = verify(
        request.method,
        str(request.url),
        request.headers,
        b'{"output_urls":["rtmp://b"]}',
        secret_for=lambda access: SK if access == AK else None,
        now=datetime.now(UTC),
    )
    assert not tampered.ok


def test_token_auth_headers() -> None:
    recorder = Recorder()
    with Client(
        project_id=PROJECT_ID, token=TOKEN, transport=httpx.MockTransport(recorder)
    ) as client:
        client.smart_live.start("r", app_user_id="u")
    headers = recorder.only.headers
    assert headers["X-Auth-Token"] == TOKEN
    assert "Authorization" not in headers
    assert headers["X-Project-Id"] == PROJECT_ID
    assert headers["X-App-UserId"] == "u"
    assert headers["Content-Type"] == "application/json"


def test_a_callers_http_client_adds_its_headers_cookies_and_query_as_build_request_does() -> None:
    recorder = Recorder()
    http = httpx.Client(
        transport=httpx.MockTransport(recorder),
        headers={"X-Trace": "t-1", "User-Agent": "caller/1"},
        cookies={"session": "s1"},
        params={"tenant": "a b"},
    )
    with Client(project_id=PROJECT_ID, token=TOKEN, http_client=http) as client:
        client.smart_live.start(ROOM_ID, output_urls=["rtmp://a"])
        client.smart_live.start(ROOM_ID, output_urls=["rtmp://b"])  # the URL parsed before
    sent = recorder.requests[-1]
    expected = http.build_request(
        "POST",
        f"{BASE}/v1/{PROJECT_ID}/smart-live-rooms/{ROOM_ID}/smart-live-jobs",
        headers={"X-Project-Id": PROJECT_ID, "X-Auth-Token": TOKEN},
        json={"output_urls": ["rtmp://b"]},
    )
    assert sent.url == expected.url
    assert str(sent.url).endswith("smart-live-jobs?tenant=a+b")
    assert sorted(sent.headers.multi_items()) == sorted(expected.headers.multi_items())
    assert sent.headers["Cookie"] == "session=s1"
    assert sent.headers["User-Agent"] == "caller/1"
    assert sent.content == expected.content
    http.close()


# --------------------------------------------------------------------------- body


@pytest.mark.parametrize(
    ("kwargs", "body"),
    [
        pytest.param({}, b"{}", id="nothing"),
        pytest.param({"output_urls": ["rtmp://a"]}, b'{"output_urls":["rtmp://a"]}', id="url"),
        pytest.param(
            {
                "video_config": None,
                "play_policy": None,
                "output_urls": None,
                "stream_keys": None,
                "interaction_callback_url": None,
                "live_event_callback_config": None,
                "rtc_callback_config": None,
                "view_mode": None,
                "co_streamer_config": None,
                "job_run_config": None,
                "app_user_id": None,
            },
            b"{}",
            id="all-none",
        ),
        pytest.param(
            {"output_urls": ["rtmp://a"], "stream_keys": ["s3cret-stream-key"]},
            b'{"output_urls":["rtmp://a"],"stream_keys":["s3cret-stream-key"]}',
            id="stream-keys-are-sent",
        ),
        pytest.param(
            {"video_config": VideoConfig(bitrate=4000, width=1080, height=1920)},
            b'{"video_config":{"bitrate":4000,"width":1080,"height":1920}}',
            id="nested-defaults-not-sent",
        ),
        pytest.param(
            {"video_config": VideoConfig(bitrate=4000, width=1080, height=1920, codec=None)},
            b'{"video_config":{"bitrate":4000,"width":1080,"height":1920}}',
            id="nested-none-not-sent",
        ),
        pytest.param(
            {"video_config": {"bitrate": 4000, "width": 1920, "height": 1080}},
            b'{"video_config":{"bitrate":4000,"width":1920,"height":1080}}',
            id="nested-dict",
        ),
        pytest.param(
            {
                "play_policy": PlayPolicy(
                    repeat_count=-1, live_exit_config=LiveExitConfig(max_live_duration=2)
                )
            },
            b'{"play_policy":{"repeat_count":-1,"live_exit_config":{"max_live_duration":2}}}',
            id="twice-nested",
        ),
        pytest.param(
            {"co_streamer_config": CoStreamerConfig(voice_config=VoiceConfig(voice_asset_id="v"))},
            b'{"co_streamer_config":{"voice_config":{"voice_asset_id":"v"}}}',
            id="voice-defaults-not-sent",
        ),
        pytest.param(
            {"interaction_callback_url": "https://cb.example/x?token=abc"},
            b'{"interaction_callback_url":"https://cb.example/x?token=abc"}',
            id="interaction-callback-url-is-sent",
        ),
        pytest.param(
            {
                "live_event_callback_config": LiveEventCallBackConfig(
                    auth_type="MSS_A",
                    key="callback-key",
                    callback_event_type=["SHOOT_SCRIPT_SWITCH"],
                )
            },
            b'{"live_event_callback_config":{"auth_type":"MSS_A","key":"callback-key",'
            b'"callback_event_type":["SHOOT_SCRIPT_SWITCH"]}}',
            id="callback-key-is-sent",
        ),
        pytest.param(
            {
                "rtc_callback_config": RTCLiveEventCallBackConfig(
                    rtc_callback_event_type=["LIVE_PROGRESS", "REPLY_COMMAND_FINISH"]
                )
            },
            b'{"rtc_callback_config":{"rtc_callback_event_type":["LIVE_PROGRESS","REPLY_COMMAND_FINISH"]}}',
            id="rtc-callback",
        ),
        pytest.param({"view_mode": "LANDSCAPE"}, b'{"view_mode":"LANDSCAPE"}', id="view-mode"),
        pytest.param(
            {"view_mode": "VERTICAL"}, b'{"view_mode":"VERTICAL"}', id="explicit-default-is-sent"
        ),
        pytest.param(
            {"job_run_config": LiveJobRunConfig(single_job_in_room=True)},
            b'{"job_run_config":{"single_job_in_room":true}}',
            id="job-run-config",
        ),
        pytest.param({"app_user_id": "u-1"}, b"{}", id="app-user-id-is-a-header"),
    ],
)
def test_body_bytes(kwargs: dict[str, Any], body: bytes) -> None:
    request = send(kwargs)
    assert request.content == body
    assert request.headers["Content-Type"] == "application/json"
    assert verify_request(request).ok


def test_full_body() -> None:
    request = send(
        {
            "video_config": VideoConfig(
                bitrate=4000,
                width=1080,
                height=1920,
                subtitle_config=SubtitleConfig(font_name="思源黑体", font_size=48),
            ),
            "play_policy": PlayPolicy(play_mode="AUDIO", auto_play_script=False),
            "output_urls": ["rtmp://push.example/live/room"],
            "stream_keys": ["stream-key-1"],
            "interaction_callback_url": "https://cb.example/interact",
            "live_event_callback_config": LiveEventCallBackConfig(
                live_event_type_callback_url="https://cb.example/events", key="k"
            ),
            "rtc_callback_config": RTCLiveEventCallBackConfig(),
            "view_mode": "VERTICAL",
            "co_streamer_config": CoStreamerConfig(streamer_action="SILENCE"),
            "job_run_config": LiveJobRunConfig(allow_resource_type="PERIOD"),
        }
    )
    assert json.loads(request.content.decode("utf-8")) == {
        "video_config": {
            "bitrate": 4000,
            "width": 1080,
            "height": 1920,
            "subtitle_config": {"font_name": "思源黑体", "font_size": 48},
        },
        "play_policy": {"auto_play_script": False, "play_mode": "AUDIO"},
        "output_urls": ["rtmp://push.example/live/room"],
        "stream_keys": ["stream-key-1"],
        "interaction_callback_url": "https://cb.example/interact",
        "live_event_callback_config": {
            "live_event_type_callback_url": "https://cb.example/events",
            "key": "k",
        },
        "rtc_callback_config": {},
        "view_mode": "VERTICAL",
        "co_streamer_config": {"streamer_action": "SILENCE"},
        "job_run_config": {"allow_resource_type": "PERIOD"},
    }
    assert verify_request(request).ok


# --------------------------------------------------------------------------- validation


def _bad_bitrate_model() -> dict[str, Any]:
    return {"video_config": VideoConfig(bitrate=50000, width=1080, height=1920)}


def _bad_bitrate_dict() -> dict[str, Any]:
    return {"video_config": {"bitrate": 50000, "width": 1080, "height": 1920}}


def _bad_play_mode_model() -> dict[str, Any]:
    return {"play_policy": PlayPolicy.model_validate({"play_mode": "VIDEO"})}


def _bad_play_mode_dict() -> dict[str, Any]:
    return {"play_policy": {"play_mode": "VIDEO"}}


def _two_output_urls() -> dict[str, Any]:
    return {"output_urls": ["rtmp://a", "rtmp://b"]}


def _two_stream_keys() -> dict[str, Any]:
    return {"stream_keys": ["k1", "k2"]}


def _missing_width_model() -> dict[str, Any]:
    return {"video_config": VideoConfig(bitrate=4000, height=1920)}  # type: ignore[call-arg]


def _missing_width_dict() -> dict[str, Any]:
    return {"video_config": {"bitrate": 4000, "height": 1920}}


def _bad_view_mode() -> dict[str, Any]:
    return {"view_mode": "SIDEWAYS"}


def _callback_key_too_long() -> dict[str, Any]:
    return {"live_event_callback_config": {"key": "k" * 33}}


@pytest.mark.parametrize(
    ("make_kwargs", "loc", "error_type"),
    [
        (_bad_bitrate_model, ("bitrate",), "less_than_equal"),
        (_bad_bitrate_dict, ("video_config", "bitrate"), "less_than_equal"),
        (_bad_play_mode_model, ("play_mode",), "literal_error"),
        (_bad_play_mode_dict, ("play_policy", "play_mode"), "literal_error"),
        (_two_output_urls, ("output_urls",), "too_long"),
        (_two_stream_keys, ("stream_keys",), "too_long"),
        (_missing_width_model, ("width",), "missing"),
        (_missing_width_dict, ("video_config", "width"), "missing"),
        (_bad_view_mode, ("view_mode",), "literal_error"),
        (_callback_key_too_long, ("live_event_callback_config", "key"), "string_too_long"),
    ],
)
def test_validation_before_sending(
    make_kwargs: Callable[[], dict[str, Any]], loc: tuple[str, ...], error_type: str
) -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        with pytest.raises(pydantic.ValidationError) as info:
            client.smart_live.start("r", **make_kwargs())
    assert recorder.requests == []
    errors = info.value.errors()
    assert [(error["loc"], error["type"]) for error in errors] == [(loc, error_type)]
    assert ".".join(loc) in str(info.value)


def test_empty_room_id_is_rejected_without_sending() -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        with pytest.raises(ValueError, match="room_id"):
            client.smart_live.start("")
    assert recorder.requests == []


def test_missing_project_id_is_rejected_without_sending() -> None:
    recorder = Recorder()
    with make_client(recorder, project_id=None) as client:
        with pytest.raises(ValueError, match="project_id"):
            client.smart_live.start("r")
    assert recorder.requests == []


# --------------------------------------------------------------------------- credentials


@pytest.fixture
def no_env_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLOUD_SDK_AK", raising=False)
    monkeypatch.delenv("CLOUD_SDK_SK", raising=False)


@pytest.mark.usefixtures("no_env_credentials")
def test_credentials_from_arguments() -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        assert isinstance(client._auth, AkSkAuth)
        client.smart_live.start("r")
    assert verify_request(recorder.only).ok


@pytest.mark.usefixtures("no_env_credentials")
def test_credentials_from_token() -> None:
    with Client(project_id=PROJECT_ID, token=TOKEN) as client:
        assert isinstance(client._auth, TokenAuth)


def test_credentials_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUD_SDK_AK", "ENVAK0000")
    monkeypatch.setenv("CLOUD_SDK_SK", "env-secret-key")
    recorder = Recorder()
    with Client(project_id=PROJECT_ID, transport=httpx.MockTransport(recorder)) as client:
        client.smart_live.start("r")
    request = recorder.only
    assert request.headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=ENVAK0000, ")
    assert verify_request(request, ak="ENVAK0000", sk="env-secret-key").ok
    assert not verify_request(request, ak="ENVAK0000", sk=SK).ok


def test_arguments_win_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUD_SDK_AK", "ENVAK0000")
    monkeypatch.setenv("CLOUD_SDK_SK", "env-secret-key")
    recorder = Recorder()
    with make_client(recorder) as client:
        client.smart_live.start("r")
    assert verify_request(recorder.only).ok
    token_recorder = Recorder()
    with Client(
        project_id=PROJECT_ID, token=TOKEN, transport=httpx.MockTransport(token_recorder)
    ) as client:
        client.smart_live.start("r")
    assert token_recorder.only.headers["X-Auth-Token"] == TOKEN
    assert "Authorization" not in token_recorder.only.headers


@pytest.mark.usefixtures("no_env_credentials")
def test_no_credentials_at_all() -> None:
    with pytest.raises(ValueError, match="credentials"):
        Client(project_id=PROJECT_ID)


@pytest.mark.parametrize(
    ("name", "value"), [("CLOUD_SDK_AK", "ENVAK0000"), ("CLOUD_SDK_SK", "env-secret-key")]
)
def test_half_an_environment_pair_is_no_credentials(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.delenv("CLOUD_SDK_AK", raising=False)
    monkeypatch.delenv("CLOUD_SDK_SK", raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError):
        Client(project_id=PROJECT_ID)


@pytest.mark.usefixtures("no_env_credentials")
@pytest.mark.parametrize(
    "kwargs",
    [
        {"ak": AK},
        {"sk": SK},
        {"ak": AK, "sk": ""},
        {"ak": "", "sk": SK},
        {"token": TOKEN, "ak": AK},
        {"token": TOKEN, "sk": SK},
        {"token": TOKEN, "ak": AK, "sk": SK},
        {"token": ""},
    ],
)
def test_bad_credential_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Client(project_id=PROJECT_ID, **kwargs)


def test_ak_argument_is_not_completed_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLOUD_SDK_AK", "ENVAK0000")
    monkeypatch.setenv("CLOUD_SDK_SK", "env-secret-key")
    with pytest.raises(ValueError):
        Client(project_id=PROJECT_ID, ak=AK)


# --------------------------------------------------------------------------- endpoint


def test_region_endpoint() -> None:
    recorder = Recorder()
    with make_client(recorder, region="cn-east-3") as client:
        assert client.base_url == "https://metastudio.cn-east-3.myhuaweicloud.com"
        client.smart_live.start("r")
    request = recorder.only
    assert str(request.url) == (
        f"https://metastudio.cn-east-3.myhuaweicloud.com/v1/{PROJECT_ID}/smart-live-rooms/r/smart-live-jobs"
    )
    assert request.headers["Host"] == "metastudio.cn-east-3.myhuaweicloud.com"
    assert verify_request(request).ok


def test_default_region() -> None:
    assert DEFAULT_REGION == "cn-north-4"
    assert set(REGIONS) == {"cn-east-3", "cn-north-4"}
    recorder = Recorder()
    with make_client(recorder) as client:
        assert client.base_url == "https://metastudio.cn-north-4.myhuaweicloud.com"
        client.smart_live.start("r")
    assert recorder.only.url.host == "metastudio.cn-north-4.myhuaweicloud.com"


@pytest.mark.parametrize("region", ["cn-east-3", "cn-north-4", "ap-southeast-1"])
def test_endpoint_for_region(region: str) -> None:
    assert endpoint_for_region(region) == f"https://metastudio.{region}.myhuaweicloud.com"


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/p/smart-live-rooms/r/smart-live-jobs"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/p/smart-live-rooms/r/smart-live-jobs"),
        (
            "https://gateway.example/metastudio",
            "https://gateway.example/metastudio/v1/p/smart-live-rooms/r/smart-live-jobs",
        ),
    ],
)
def test_explicit_base_url(base_url: str, expected: str) -> None:
    recorder = Recorder()
    with make_client(recorder, project_id="p", base_url=base_url, region="cn-east-3") as client:
        client.smart_live.start("r")
    assert str(recorder.only.url) == expected
    assert verify_request(recorder.only).ok


@pytest.mark.parametrize(
    "region",
    [
        "cn north 4",
        "cn-north-4.evil.example",
        "cn-north-4/",
        "evil.example#",
        "cn-north-4:443",
        "user@host",
    ],
)
def test_invalid_region_is_rejected(region: str) -> None:
    with pytest.raises(ValueError, match="region"):
        endpoint_for_region(region)
    with pytest.raises(ValueError, match="region"):
        Client(project_id=PROJECT_ID, ak=AK, sk=SK, region=region)


@pytest.mark.parametrize("region", ["cn-东-3", "cn-north-４", "çn-north-4"])
def test_non_ascii_region_is_rejected(region: str) -> None:
    # str.isalnum() accepts any Unicode letter or digit; a region ID is ASCII, and a non-ASCII
    # one would be IDNA-encoded into some other host (xn--...).
    with pytest.raises(ValueError, match="region"):
        endpoint_for_region(region)
    with pytest.raises(ValueError, match="region"):
        Client(project_id=PROJECT_ID, ak=AK, sk=SK, region=region)


def test_empty_region_is_rejected() -> None:
    with pytest.raises(ValueError, match="region"):
        endpoint_for_region("")
    # An explicit but empty region (say, from an unset environment variable) must not silently
    # become the default region.
    with pytest.raises(ValueError, match="region"):
        Client(project_id=PROJECT_ID, ak=AK, sk=SK, region="")
