"""Bad requests to the mock: each gets its exact status, the API's error code and a message naming it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest

from metastudio._signing import (
    canonical_request,
    compute_signature,
    signed_header_names,
    string_to_sign,
)
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN, create_app
from mockserver.background import serving
from mockserver.validation import MAX_BODY_BYTES
from tests.mock_requests import PATH, VALID_BODY, json_bytes, signed_headers, token_headers


@dataclass(frozen=True)
class Bad:
    """One bad request and what the mock must answer."""

    name: str
    body: bytes
    headers: Callable[[bytes, str], dict[str, str]] | None = None  # default: the development token
    status: int = 400
    code: str = "MSS.00000003"
    says: tuple[str, ...] = ()
    method: str = "POST"
    path: str = PATH


def _token(body: bytes, host: str) -> dict[str, str]:
    return token_headers()


def _with(**extra: str) -> Callable[[bytes, str], dict[str, str]]:
    return lambda body, host: token_headers(**extra)


def _signed(**kwargs: object) -> Callable[[bytes, str], dict[str, str]]:
    return lambda body, host: signed_headers(body, host=host, **kwargs)  # type: ignore[arg-type]


def _tampered(body: bytes, host: str) -> dict[str, str]:
    # Signed over a different body than the one sent.
    return signed_headers(json_bytes({"output_urls": ["rtmp://127.0.0.1/live/other"]}), host=host)


def _unsigned_date(body: bytes, host: str) -> dict[str, str]:
    # A correct signature over every header but X-Sdk-Date, which the gateway requires signed.
    headers = signed_headers(body, host=host)
    del headers["Authorization"]
    names = [n for n in signed_header_names(headers) if n != "x-sdk-date"]
    canonical = canonical_request("POST", PATH, [], headers, names, body)
    signature = compute_signature(DEV_SK, string_to_sign(canonical, headers["X-Sdk-Date"]))
    access = f"Access={DEV_AK}, SignedHeaders={';'.join(names)}, Signature={signature}"
    return {**headers, "Authorization": f"SDK-HMAC-SHA256 {access}"}


def _body(**fields: object) -> bytes:
    return json_bytes({**VALID_BODY, **fields})


CASES = [
    # Malformed bodies.
    Bad("malformed JSON", b'{"output_urls": [', says=("body", "malformed JSON", "(json)")),
    Bad("trailing garbage", b"{} x", says=("body", "Extra data")),
    Bad("NaN is not JSON", b'{"play_policy": {"repeat_count": NaN}}', says=("NaN",)),
    Bad("not UTF-8", b'{"view_mode": "\xff"}', says=("not UTF-8",)),
    Bad("lone surrogate", b'{"view_mode": "\\ud800"}', says=("surrogate",)),
    Bad("nested too deeply", b"[" * 100_000 + b"]" * 100_000, says=("nested too deeply",)),
    Bad("body is an array", b"[]", says=("body:", "(type)")),
    Bad("body is null", b"null", says=("body:", "null", "(type)")),
    # Wrong types, strictly.
    Bad(
        "string for integer",
        _body(play_policy={"repeat_count": "4000"}),
        says=("body.play_policy.repeat_count", '"4000"', "(type)"),
    ),
    Bad(
        "96.0 for integer",
        _body(video_config={"bitrate": 40, "width": 96.0, "height": 0}),
        says=("body.video_config.width", "(type)"),
    ),
    Bad(
        "0 for boolean",
        _body(play_policy={"auto_play_script": 0}),
        says=("body.play_policy.auto_play_script", "(type)"),
    ),
    Bad("null for a non-nullable field", _body(view_mode=None), says=("body.view_mode", "(type)")),
    Bad("string for object", _body(video_config="1080p"), says=("body.video_config", "(type)")),
    Bad("integer in a string array", _body(output_urls=[1]), says=("body.output_urls.0", "(type)")),
    # Bounds, enums, lengths, items.
    Bad(
        "below minimum",
        _body(play_policy={"repeat_count": -2}),
        says=("body.play_policy.repeat_count", "(minimum)"),
    ),
    Bad(
        "above maximum",
        _body(play_policy={"repeat_count": 101}),
        says=("body.play_policy.repeat_count", "(maximum)"),
    ),
    Bad(
        "nested maximum",
        _body(play_policy={"live_exit_config": {"max_live_duration": 169}}),
        says=("body.play_policy.live_exit_config.max_live_duration", "(maximum)"),
    ),
    Bad("int32 overflow", _body(play_policy={"repeat_count": 2**31}), says=("(maximum)",)),
    Bad(
        "float bound",
        _body(
            video_config={
                "bitrate": 40,
                "width": 0,
                "height": 0,
                "subtitle_config": {"opacity": 1.5},
            }
        ),
        says=("body.video_config.subtitle_config.opacity", "(maximum)"),
    ),
    Bad("unknown enum value", _body(view_mode="SIDEWAYS"), says=("body.view_mode", "(enum)")),
    Bad("enum is case-sensitive", _body(view_mode="vertical"), says=("(enum)",)),
    Bad(
        "enum inside an array",
        _body(live_event_callback_config={"callback_event_type": ["NOPE"]}),
        says=("body.live_event_callback_config.callback_event_type.0", "(enum)"),
    ),
    Bad(
        "string too long",
        _body(interaction_callback_url="h" * 2049),
        says=("body.interaction_callback_url", "(maxLength)"),
    ),
    Bad(
        "two URLs where one is allowed",
        _body(output_urls=["rtmp://a/1", "rtmp://a/2"]),
        says=("body.output_urls", "(maxItems)"),
    ),
    Bad(
        "nested object missing its required field",
        _body(video_config={"width": 0, "height": 0}),
        says=("body.video_config", "bitrate", "(required)"),
    ),
    Bad(
        "required field deeper down",
        _body(
            video_config={"bitrate": 40, "width": 0, "height": 0},
            co_streamer_config={"voice_config": {}},
        ),
        says=("voice_asset_id", "(required)"),
    ),
    # Media type and size.
    Bad(
        "wrong content type",
        json_bytes(VALID_BODY),
        _with(**{"Content-Type": "text/plain"}),
        says=("Content-Type", "text/plain", "(content-type)"),
    ),
    Bad(
        "form-encoded",
        b"output_urls=rtmp",
        _with(**{"Content-Type": "application/x-www-form-urlencoded"}),
        says=("(content-type)",),
    ),
    Bad(
        "huge body",
        b'{"x": "' + b"a" * MAX_BODY_BYTES + b'"}',
        says=("larger than", "(maxBodySize)"),
    ),
    # Headers.
    Bad(
        "X-Sdk-Date not in the documented format",
        json_bytes(VALID_BODY),
        _with(**{"X-Sdk-Date": "2025-06-17T08:00:00Z"}),
        says=("header X-Sdk-Date", "(pattern)"),
    ),
    # Authentication: 401 MSS.00000001, before the body is looked at.
    Bad(
        "no credentials",
        b"{not json",
        lambda body, host: {"Content-Type": "application/json"},
        status=401,
        code="MSS.00000001",
    ),
    Bad(
        "unknown token",
        b"{not json",
        _with(**{"X-Auth-Token": "not-" + DEV_TOKEN}),
        status=401,
        code="MSS.00000001",
    ),
    Bad(
        "empty token",
        json_bytes(VALID_BODY),
        _with(**{"X-Auth-Token": ""}),
        status=401,
        code="MSS.00000001",
    ),
    Bad(
        "wrong SK", json_bytes(VALID_BODY), _signed(sk="wrong-sk"), status=401, code="MSS.00000001"
    ),
    Bad(
        "unknown AK",
        json_bytes(VALID_BODY),
        _signed(ak="UNKNOWNAK"),
        status=401,
        code="MSS.00000001",
    ),
    Bad("tampered body", json_bytes(VALID_BODY), _tampered, status=401, code="MSS.00000001"),
    Bad(
        "expired signature",
        json_bytes(VALID_BODY),
        _signed(skew=-timedelta(minutes=16)),
        status=401,
        code="MSS.00000001",
    ),
    Bad(
        "signature from the future",
        json_bytes(VALID_BODY),
        _signed(skew=timedelta(minutes=16)),
        status=401,
        code="MSS.00000001",
    ),
    Bad(
        "X-Sdk-Date left out of the signature",
        json_bytes(VALID_BODY),
        _unsigned_date,
        status=401,
        code="MSS.00000001",
    ),
    Bad(
        "malformed Authorization",
        json_bytes(VALID_BODY),
        lambda body, host: {
            "Content-Type": "application/json",
            "Authorization": "Basic Zm9vOmJhcg==",
        },
        status=401,
        code="MSS.00000001",
    ),
    # Routing.
    Bad(
        "unknown path",
        b"",
        status=404,
        code="APIG.0101",
        path="/v1/proj-1/smart-live-rooms",
        says=("does not exist",),
    ),
    Bad(
        "empty path parameter",
        b"",
        status=404,
        code="APIG.0101",
        path="/v1//smart-live-rooms/room-1/smart-live-jobs",
    ),
    Bad("wrong method", b"", status=405, code="APIG.0101", method="PUT", says=("PUT", "GET, POST")),
    # Prefer that names no documented response.
    Bad(
        "Prefer names an undocumented code",
        json_bytes(VALID_BODY),
        _with(Prefer="code=418"),
        says=("Prefer", "418", "(prefer)"),
    ),
]


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with serving(create_app(seed=5)) as base_url, httpx.Client(base_url=base_url) as http:
        yield http


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_request(client: httpx.Client, case: Bad) -> None:
    headers = (case.headers or _token)(case.body, client.base_url.netloc.decode())
    response = client.request(case.method, case.path, content=case.body, headers=headers)
    assert response.status_code == case.status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"]
    envelope = response.json()
    assert set(envelope) == {"error_code", "error_msg"}
    assert envelope["error_code"] == case.code
    if case.status == 401:
        assert envelope["error_msg"] == "Unauthorized"
    for fragment in case.says:
        assert fragment in envelope["error_msg"]
    if case.status == 405:
        assert response.headers["allow"] == "GET, POST"


def test_each_bad_request_differs_from_a_good_one_only_in_its_defect(client: httpx.Client) -> None:
    # The baseline the table mutates is itself accepted, with both kinds of credentials.
    body = json_bytes(VALID_BODY)
    assert client.post(PATH, content=body, headers=token_headers()).status_code == 202
    host = client.base_url.netloc.decode()
    assert (
        client.post(PATH, content=body, headers=signed_headers(body, host=host)).status_code == 202
    )
    assert (
        client.post(PATH, headers={"X-Auth-Token": DEV_TOKEN}).status_code == 202
    )  # no body at all
