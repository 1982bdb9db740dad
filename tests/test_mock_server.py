"""The mock's answers: valid, request-shaped and seeded 202s, Prefer, request ids, and robustness."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockserver import DEV_SK, DEV_TOKEN, Credentials, MockApp, bodies, create_app
from mockserver.background import serving
from mockserver.schemas import compile_schema
from mockserver.spec import load_mock_spec
from speccore.refs import resolve_pointer
from tests.conftest import SPEC
from tests.mock_requests import PATH, VALID_BODY, json_bytes, signed_headers, token_headers

FIXED_NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SPEC_DATA = load_mock_spec(SPEC).document


def call(app: Any, method: str, path: str = PATH, **kwargs: Any) -> httpx.Response:
    """One request to an ASGI app, in-process."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            return await client.request(method, path, **kwargs)

    return asyncio.run(send())


def start(app: Any, body: Any = VALID_BODY, **headers: str) -> httpx.Response:
    return call(app, "POST", content=json_bytes(body), headers=token_headers(**headers))


def fixed_app(seed: int) -> MockApp:
    return MockApp(
        load_mock_spec(SPEC), Credentials.development(), seed=seed, clock=lambda: FIXED_NOW
    )


def response_schema(status: int) -> Any:
    pointer = f"#/paths/{PATH_KEY}/post/responses/{status}/content/application~1json/schema"
    return compile_schema(SPEC_DATA, resolve_pointer(SPEC_DATA, pointer))


PATH_KEY = "~1v1~1{project_id}~1smart-live-rooms~1{room_id}~1smart-live-jobs"

RICH_BODY = {
    "output_urls": ["rtmp://127.0.0.1/live/a"],
    "stream_keys": ["stream-key-secret"],
    "play_policy": {
        "need_independent_capture_client": True,
        "random_play_mode": "NONE",
        "live_exit_config": {"max_live_duration": 12},
    },
    "live_event_callback_config": {
        "live_event_type_callback_url": "https://127.0.0.1/callback",
        "auth_type": "NONE",
        "callback_event_type": ["SHOOT_SCRIPT_SWITCH"],
    },
}


@pytest.mark.parametrize("body", [VALID_BODY, RICH_BODY, {}], ids=["minimal", "rich", "empty"])
def test_202_bodies_are_valid_against_the_spec(body: dict[str, Any]) -> None:
    response = start(fixed_app(1), body)
    assert response.status_code == 202
    assert response_schema(202).check(response.json(), "202") is None
    assert response.headers["content-type"] == "application/json"


def test_202_body_follows_the_request() -> None:
    job = start(fixed_app(1), RICH_BODY).json()
    assert [u["user_type"] for u in job["rtc_room_info"]["users"]] == ["CAPTURE", "PLAYER"]
    assert job["limit_duration"] == 12
    assert job["live_event_callback_config"] == RICH_BODY["live_event_callback_config"]
    assert job["live_warning_info"] == [{"warning_type": "RANDOM_PLAY_CLOSED"}]
    expiry = int(FIXED_NOW.timestamp()) + bodies.RTC_SIGNATURE_LIFETIME_SECONDS
    assert {u["ctime"] for u in job["rtc_room_info"]["users"]} == {expiry}
    assert (
        f"/smart-live-rooms/room-1/smart-live-jobs/{job['job_id']}/" in job["live_event_report_url"]
    )

    plain = start(fixed_app(1)).json()
    assert [u["user_type"] for u in plain["rtc_room_info"]["users"]] == ["PLAYER"]
    assert plain["limit_duration"] == 0
    assert plain["live_warning_info"] == []
    assert "live_event_callback_config" not in plain


def test_unknown_fields_are_ignored() -> None:
    response = start(
        fixed_app(1), {**VALID_BODY, "future_field": {"x": 1}, "view_mode": "VERTICAL"}
    )
    assert response.status_code == 202


def test_same_seed_same_answers_and_every_job_id_fresh() -> None:
    def run(seed: int) -> list[tuple[str, str]]:
        app = fixed_app(seed)
        answers = []
        for body in (VALID_BODY, RICH_BODY, VALID_BODY):
            response = start(app, body)
            answers.append((response.text, response.headers["x-request-id"]))
        return answers

    first, again, other = run(7), run(7), run(8)
    assert first == again
    assert first != other
    job_ids = [json.loads(text)["job_id"] for text, _ in first]
    assert len(set(job_ids)) == len(job_ids)


@pytest.mark.parametrize(
    ("prefer", "status", "expected"),
    [
        ("code=400", 400, {"error_code": "MSS.00000003", "error_msg": "Invalid parameter"}),
        ("code=401", 401, {"error_code": "MSS.00000001", "error_msg": "Unauthorized"}),
        ("code=500", 500, {"error_code": "MSS.00000004", "error_msg": "Internal Error"}),
        ("example=doc", 202, {"job_id": "26f06524-4f75-4b3a-a853-b649a21aaf66"}),
        (
            "code=500, example=doc",
            500,
            {"error_code": "MSS.00000004", "error_msg": "Internal Error"},
        ),
        ("code=401; example=doc", 401, {"error_code": "MSS.00000001", "error_msg": "Unauthorized"}),
    ],
)
def test_prefer_forces_a_documented_response(prefer: str, status: int, expected: object) -> None:
    response = start(fixed_app(1), Prefer=prefer)
    assert response.status_code == status
    assert response.json() == expected
    assert response.headers["x-request-id"]


def test_prefer_code_202_is_a_generated_answer() -> None:
    response = start(fixed_app(1), Prefer="code=202")
    assert response.status_code == 202
    assert response.json()["job_id"] != "26f06524-4f75-4b3a-a853-b649a21aaf66"


def test_prefer_unknown_example_is_a_400() -> None:
    response = start(fixed_app(1), Prefer="example=nope")
    assert response.status_code == 400
    assert "example=nope" in response.json()["error_msg"]


def test_prefer_does_not_bypass_auth_or_validation() -> None:
    app = fixed_app(1)
    body = json_bytes({"view_mode": "X"})
    response = call(app, "POST", content=body, headers={"Prefer": "code=202", "X-Auth-Token": "x"})
    assert response.status_code == 401
    assert start(app, {"view_mode": "X"}, Prefer="code=202").status_code == 400


def test_a_bug_in_the_mock_is_a_500_envelope_without_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(context: bodies.SuccessContext) -> dict[str, Any]:
        raise RuntimeError("boom")

    monkeypatch.setitem(bodies.BUILDERS, "StartSmartLive", broken)
    with caplog.at_level(logging.ERROR, logger="mockserver"):
        response = start(fixed_app(1), RICH_BODY)
    assert response.status_code == 500
    assert response.json() == {"error_code": "MSS.00000004", "error_msg": "Internal Error"}
    assert response.headers["x-request-id"]
    assert "boom" in caplog.text  # logged for whoever runs the mock...
    assert "stream-key-secret" not in caplog.text  # ...without the request's secrets


def test_secret_values_are_not_echoed_in_errors() -> None:
    secret = "rtmp-stream-key-do-not-echo"
    response = start(fixed_app(1), {"stream_keys": [secret, secret]})
    assert response.status_code == 400
    assert "body.stream_keys" in response.json()["error_msg"]
    assert secret not in response.text
    long_key = {"live_event_callback_config": {"key": "k" * 33}}
    response = start(fixed_app(1), long_key)
    assert response.status_code == 400
    assert "k" * 33 not in response.text
    assert "(maxLength)" in response.json()["error_msg"]


def test_signature_within_the_allowed_skew_is_accepted() -> None:
    with serving(create_app(seed=1)) as base_url:
        host = httpx.URL(base_url).netloc.decode()
        body = json_bytes(VALID_BODY)
        for skew in (timedelta(minutes=-14), timedelta(minutes=14)):
            headers = signed_headers(body, host=host, skew=skew)
            assert httpx.post(f"{base_url}{PATH}", content=body, headers=headers).status_code == 202


def test_a_chunked_body_over_the_limit_is_refused_while_streaming() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"x": "'
        for _ in range(20):
            yield b"a" * 65536
        yield b'"}'

    response = call(fixed_app(1), "POST", content=chunks(), headers=token_headers())
    # ASGITransport buffers; over real HTTP the same limit applies to chunked uploads (load test).
    assert response.status_code == 400
    assert "(maxBodySize)" in response.json()["error_msg"]


def test_chunked_upload_over_http_is_refused() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"a" * 65536

    with serving(create_app(seed=1)) as base_url:
        response = httpx.post(f"{base_url}{PATH}", content=chunks(), headers=token_headers())
    assert response.status_code == 400
    assert "(maxBodySize)" in response.json()["error_msg"]


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"])
def test_other_methods_get_405_with_allow(method: str) -> None:
    response = call(fixed_app(1), method, headers={"X-Auth-Token": DEV_TOKEN})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"  # ListSmartLive and StartSmartLive
    assert response.headers["x-request-id"]


def test_credentials_repr_hides_secrets() -> None:
    credentials = Credentials.parse(["AK1:very-secret-sk"], ["very-secret-token"])
    assert "very-secret" not in repr(credentials)
    assert "AK1" in repr(credentials)
    assert DEV_SK not in repr(Credentials.development())


@pytest.mark.parametrize("bad", ["no-colon", ":sk-only", "ak-only:"])
def test_malformed_aksk_is_refused_without_echoing_it(bad: str) -> None:
    with pytest.raises(ValueError) as caught:
        Credentials.parse([bad], [])
    assert "AK:SK" in str(caught.value)
    assert bad not in str(caught.value)


MINIMAL_SPEC = """
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: GetThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, required: true, schema: {type: integer, maximum: 10}}
        - {name: flag, in: query, schema: {type: boolean}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: string}
                  size: {type: integer, minimum: 1, maximum: 5}
                  kind: {type: string, enum: [a, b]}
"""


def test_any_valid_spec_is_served(tmp_path: Path) -> None:
    spec = tmp_path / "other.yaml"
    spec.write_text(MINIMAL_SPEC)
    app = create_app(spec, seed=3)  # no security: every request is public
    ok = call(app, "GET", "/things/abc?limit=4000".replace("4000", "4"))
    assert ok.status_code == 200
    assert set(ok.json()) == {"id", "size", "kind"}
    assert 1 <= ok.json()["size"] <= 5
    assert call(app, "GET", "/things/abc?limit=11").status_code == 400
    assert "(maximum)" in call(app, "GET", "/things/abc?limit=11").json()["error_msg"]
    assert call(app, "GET", "/things/abc?limit=4.0").status_code == 400
    assert call(app, "GET", "/things/abc").json()["error_msg"].endswith("(required)")
    assert call(app, "GET", "/things/abc?limit=1&flag=1").status_code == 400
    assert call(app, "GET", "/things/abc?limit=1&flag=true").status_code == 200
    assert call(app, "GET", "/things/a%2Fb?limit=1").status_code == 200
    assert call(app, "POST", "/things/abc?limit=1").headers["allow"] == "GET"


@pytest.mark.parametrize(
    "raw",
    [
        b"NOT HTTP AT ALL\r\n\r\n",
        b"POST /v1/p/smart-live-rooms/r/smart-live-jobs HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        b"POST /v1/p/smart-live-rooms/r/smart-live-jobs HTTP/1.1\r\nHost: x\r\n"
        b"Content-Length: nope\r\n\r\n",
    ],
    ids=["garbage", "header-without-colon", "bad-content-length"],
)
def test_unparseable_http_gets_the_envelope_too(raw: bytes) -> None:
    with serving(create_app(seed=1)) as base_url:
        url = httpx.URL(base_url)
        with socket.create_connection((url.host, url.port or 80), timeout=5) as connection:
            connection.sendall(raw)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/json" in head.lower()
    assert b"x-request-id: " in head.lower()
    envelope = json.loads(body)
    assert envelope["error_code"] == "MSS.00000003"
    assert envelope["error_msg"].endswith("(http)")


def test_a_chinese_app_user_id_sent_as_utf8_breaks_the_pattern() -> None:
    headers: dict[str, str | bytes] = {**token_headers(), "X-App-UserId": "用户一".encode()}
    response = call(fixed_app(1), "POST", content=json_bytes(VALID_BODY), headers=headers)
    assert response.status_code == 400
    assert "header X-App-UserId" in response.json()["error_msg"]
    assert "(pattern)" in response.json()["error_msg"]
    ascii_id = {**token_headers(), "X-App-UserId": "user-1"}
    assert (
        call(fixed_app(1), "POST", content=json_bytes(VALID_BODY), headers=ascii_id).status_code
        == 202
    )


@pytest.mark.parametrize("code", ["²", "٤٠٠", "4OO", "99999"])
def test_prefer_with_a_code_that_is_not_ascii_digits_is_a_400(code: str) -> None:
    # Once a defect: "²".isdigit() is true and int("²") is not: a 500 and a traceback in the log.
    headers: dict[str, Any] = {**token_headers(), "Prefer": f"code={code}".encode()}
    response = call(fixed_app(1), "POST", content=json_bytes(VALID_BODY), headers=headers)
    assert response.status_code == 400
    assert response.json()["error_code"] == "MSS.00000003"


def test_prefer_code_429_answers_throttled_with_retry_after() -> None:
    response = start(fixed_app(1), Prefer="code=429, retry-after=7")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.json()["error_code"] == "APIG.0308"
    assert start(fixed_app(1), Prefer="code=429, retry-after=soon").status_code == 400


def test_the_sdk_retries_a_429_from_the_mock_end_to_end() -> None:
    # The one status the SDK retries, now testable against the mock: max_retries + 1 requests,
    # each answered 429 with Retry-After 0, then RateLimitError carrying the 429.
    from metastudio import AsyncClient, RateLimitError, RetryPolicy

    seen: list[int] = []
    inner = httpx.ASGITransport(app=fixed_app(1))

    class Counting(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await inner.handle_async_request(request)
            seen.append(response.status_code)
            return response

    async def go() -> None:
        http = httpx.AsyncClient(
            transport=Counting(), headers={"Prefer": "code=429, retry-after=0"}
        )
        async with AsyncClient(
            project_id="p",
            token=DEV_TOKEN,
            base_url="http://mock",
            http_client=http,
            retry=RetryPolicy(max_retries=2, initial_delay=0),
        ) as client:
            await client.smart_live.start("room", output_urls=["rtmp://127.0.0.1/live/a"])

    with pytest.raises(RateLimitError) as caught:
        asyncio.run(go())
    assert seen == [429, 429, 429]
    assert caught.value.status_code == 429


def test_a_number_beyond_a_double_is_refused_not_answered_as_infinity() -> None:
    # Once a defect: {"...": 1e400} got a 202 whose body said Infinity, which is not JSON.
    body = b'{"output_urls": ["rtmp://127.0.0.1/live/a"], "extra": 1e400}'
    response = call(fixed_app(1), "POST", content=body, headers=token_headers())
    assert response.status_code == 400
    assert "out of range" in response.json()["error_msg"]


@pytest.mark.parametrize("host", ["a.example, evil.example", "evil.example/x?y", "<script>", ""])
def test_an_odd_host_header_is_not_reflected(host: str) -> None:
    # Once a defect: a duplicate or odd Host was copied into live_event_report_url.
    headers = {**token_headers(), "Host": host}
    response = call(fixed_app(1), "POST", content=json_bytes(VALID_BODY), headers=headers)
    assert response.status_code == 202
    url = response.json()["live_event_report_url"]
    assert url.startswith("http://localhost/") and "evil" not in url


def test_a_plain_host_header_is_kept() -> None:
    headers = {**token_headers(), "Host": "127.0.0.1:4010"}
    response = call(fixed_app(1), "POST", content=json_bytes(VALID_BODY), headers=headers)
    assert response.json()["live_event_report_url"].startswith("http://127.0.0.1:4010/v1/")


ROUTING_SPEC = """
openapi: 3.0.3
info: {title: routing, version: "1"}
paths:
  /v1.0/files/{name}:
    get:
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
  /a+b/(x)/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"204": {description: literal}}
  /a+b/{group}/{id}:
    get:
      parameters:
        - {name: group, in: path, required: true, schema: {type: string}}
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"202": {description: templated}}
"""


def test_a_template_matches_its_literal_characters_only_and_a_literal_route_first(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "routing.yaml"
    spec.write_text(ROUTING_SPEC)
    app = create_app(spec)
    # Characters that mean something in a regular expression are literal in a template.
    assert call(app, "GET", "/a+b/(x)/7").status_code == 204  # the literal route before {group}
    assert call(app, "GET", "/a+b/y/7").status_code == 202
    assert call(app, "GET", "/aab/y/7").status_code == 404  # "+" is no quantifier
    assert call(app, "GET", "/v1.0/files/report").status_code == 200
    assert call(app, "GET", "/v1x0/files/report").status_code == 404  # "." is no wildcard
    # A parameter is a non-empty segment: neither empty nor spanning a "/".
    assert call(app, "GET", "/a+b//7").status_code == 404
    assert call(app, "GET", "/a+b/y/z/7").status_code == 404
    assert call(app, "GET", "/v1.0/files/").status_code == 404
