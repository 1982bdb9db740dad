"""The mock's access log: one line per answer, batched per turn of the event loop, secrets hidden;
on by default on the command line, off with --no-access-log."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import httpx

from mockserver import DEV_TOKEN, MockApp, create_app
from mockserver.accesslog import FLUSH_SECONDS, HIDDEN, AccessLog
from mockserver.auth import Credentials
from mockserver.spec import load_mock_spec
from tests.conftest import SPEC
from tests.mock_requests import PATH, VALID_BODY, json_bytes, token_headers
from tests.test_mock_cli import mock_process
from tests.test_mock_server import call


class CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_lines_recorded_close_together_are_written_together_and_soon() -> None:
    stream = CountingStream()
    log = AccessLog(stream)

    async def two_answers() -> tuple[str, str]:
        log.record("127.0.0.1:5000", "GET", "/a", 200, "r1")
        await asyncio.sleep(0)  # another turn of the loop: still the same batch
        log.record("127.0.0.1:5001", "POST", "/b?x=1", 400, "r2")
        before = stream.getvalue()
        await asyncio.sleep(FLUSH_SECONDS / 2)
        meanwhile = stream.getvalue()
        await asyncio.sleep(FLUSH_SECONDS)
        return before, meanwhile

    before, meanwhile = asyncio.run(two_answers())
    assert before == ""  # nothing on the request's own path
    assert meanwhile == ""  # nor within the batch's time
    assert stream.getvalue() == (
        "mockserver: 127.0.0.1:5000 GET /a 200 r1\nmockserver: 127.0.0.1:5001 POST /b?x=1 400 r2\n"
    )
    assert stream.writes == 1


def test_a_batch_left_by_a_closed_loop_is_written_with_the_next_or_by_flush() -> None:
    stream = io.StringIO()
    log = AccessLog(stream)

    async def answer(request_id: str) -> None:
        log.record("-", "GET", "/a", 200, request_id)

    asyncio.run(answer("r1"))  # the loop closes before the batch's time
    assert stream.getvalue() == ""
    asyncio.run(answer("r2"))
    log.flush()
    assert [line.split()[-1] for line in stream.getvalue().splitlines()] == ["r1", "r2"]


def test_a_control_character_in_the_target_cannot_forge_a_line() -> None:
    stream = io.StringIO()
    log = AccessLog(stream)

    async def forged() -> None:
        log.record("-", "GET", "/a\nmockserver: 1.2.3.4 GET /admin 200 x", 404, "r1")
        log.flush()

    asyncio.run(forged())
    assert stream.getvalue().count("\n") == 1
    assert "\\n" in stream.getvalue()


def test_an_api_key_in_the_query_is_hidden(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.0.3\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /things:\n"
        "    get:\n"
        "      security: [{key: []}]\n"
        "      parameters: [{name: limit, in: query, schema: {type: integer}}]\n"
        "      responses: {'200': {description: ok}}\n"
        "components:\n"
        "  securitySchemes:\n"
        "    key: {type: apiKey, in: query, name: api_key}\n"
    )
    stream = io.StringIO()
    app = MockApp(load_mock_spec(spec), Credentials.parse([], ["the-key"], []), access_log=stream)
    try:
        answer = call(app, "GET", "/things?limit=2&api_key=the-key&x_api_key=kept")
    finally:
        app.close()
    assert answer.status_code == 200
    assert stream.getvalue().startswith(
        f"mockserver: 127.0.0.1:123 GET /things?limit=2&api_key={HIDDEN}&x_api_key=kept 200 "
    )
    assert "the-key" not in stream.getvalue()


def test_an_app_without_a_stream_logs_nothing_and_one_with_logs_each_answer() -> None:
    quiet = create_app(seed=1)
    stream = io.StringIO()
    loud = MockApp(quiet.spec, Credentials.development(), seed=1, access_log=stream)
    try:
        assert quiet.access_log is None
        for wanted, headers in ((202, token_headers()), (401, {})):
            answer = call(loud, "POST", PATH, headers=headers, content=json_bytes(VALID_BODY))
            assert answer.status_code == wanted
    finally:
        quiet.close()
        loud.close()
    lines = stream.getvalue().splitlines()
    assert [line.split()[2:5] for line in lines] == [["POST", PATH, "202"], ["POST", PATH, "401"]]
    assert DEV_TOKEN not in stream.getvalue()


def test_the_command_line_logs_each_answer_unless_told_not_to(tmp_path: Path) -> None:
    said = {}
    for args in ((), ("--no-access-log",)):
        log = tmp_path / f"mock{len(args)}.log"
        with mock_process("--seed", "1", "--spec", str(SPEC), *args, log=log) as url:
            spoofed = token_headers(**{"X-Forwarded-For": "10.9.9.9"})
            answer = httpx.post(f"{url}{PATH}", headers=spoofed, json=VALID_BODY)
            assert answer.status_code == 202
            request_id = answer.headers["x-request-id"]
        said[args] = log.read_text()
    assert f"POST {PATH} 202 {request_id}" in said[()]
    assert "mockserver: 127.0.0.1:" in said[()] and "10.9.9.9" not in said[()]  # no proxy headers
    assert f"POST {PATH} 202" not in said[("--no-access-log",)]
    assert "uvicorn" not in said[()] and '"POST ' not in said[()]  # uvicorn's own log is off
