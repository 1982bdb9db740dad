"""The mock's gateway limits over a real loopback socket: header size and count, and slow clients,
answered in the API's envelope."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import Coroutine, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from starlette.types import Message, Receive

from mockserver import app as app_module
from mockserver import create_app, protocol
from mockserver.background import serving
from tests.mock_requests import PATH, VALID_BODY, json_bytes, token_headers


@pytest.fixture()
def address(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int]]:
    monkeypatch.setattr(protocol, "HEADER_TIMEOUT_SECONDS", 0.5)
    with serving(create_app(seed=1)) as base_url:
        url = urlsplit(base_url)
        yield str(url.hostname), int(url.port or 0)


def _exchange(address: tuple[str, int], data: bytes, *, wait: float = 5.0) -> bytes:
    with socket.create_connection(address, timeout=wait) as sock:
        if data:
            try:
                sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server refused and closed while we were still sending
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def _status_and_body(raw: bytes) -> tuple[int, dict[str, str]]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def _request(headers: dict[str, str], extra: bytes = b"") -> bytes:
    body = json_bytes(VALID_BODY)
    lines = [f"POST {PATH} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in headers.items()] + ["Connection: close"]
    return "\r\n".join(lines).encode() + b"\r\n" + extra + b"\r\n" + body


def test_a_plain_request_still_passes(address: tuple[str, int]) -> None:
    status, _ = _status_and_body(_exchange(address, _request(token_headers())))
    assert status == 202


def test_headers_over_the_size_limit_are_a_431_envelope(address: tuple[str, int]) -> None:
    # Once a defect: no limit; 12 connections sending 8 MiB of headers took 114 MB more.
    big = b"X-Filler: " + b"a" * (protocol.MAX_HEADER_BYTES + 10) + b"\r\n"
    status, body = _status_and_body(_exchange(address, _request(token_headers(), big)))
    assert status == 431 and body["error_code"] == "MSS.00000003"
    assert "bytes" in body["error_msg"]


def test_too_many_headers_are_a_431_envelope(address: tuple[str, int]) -> None:
    many = b"".join(f"X-H{i}: v\r\n".encode() for i in range(protocol.MAX_HEADERS + 5))
    status, body = _status_and_body(_exchange(address, _request(token_headers(), many)))
    assert status == 431 and "headers" in body["error_msg"]


def test_a_client_that_sends_nothing_is_answered_408_and_let_go(address: tuple[str, int]) -> None:
    # Once a defect: an idle or slow connection was held forever.
    status, body = _status_and_body(_exchange(address, b""))
    assert status == 408 and body["error_code"] == "MSS.00000003"


def test_a_client_that_stops_inside_its_headers_is_let_go(address: tuple[str, int]) -> None:
    status, _ = _status_and_body(
        _exchange(address, f"POST {PATH} HTTP/1.1\r\nHost: x\r\n".encode())
    )
    assert status == 408


def test_a_request_pipelined_before_garbage_is_answered_first(address: tuple[str, int]) -> None:
    # Once a defect: the valid request ran, but its client only received the 400.
    valid = _request(token_headers()).replace(b"Connection: close\r\n", b"")
    raw = _exchange(address, valid + b"NOT HTTP AT ALL\r\n\r\n")
    first, _, rest = raw.partition(b"\r\n\r\n")
    assert first.startswith(b"HTTP/1.1 202"), raw[:200]
    assert b"HTTP/1.1 400" in rest and b"MSS.00000003" in rest


def test_a_refused_request_is_logged_with_what_was_done(
    address: tuple[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    # Once a defect: `make fuzz` printed "Invalid HTTP request received." and nothing else.
    with caplog.at_level(logging.WARNING, logger="uvicorn.error"):
        _exchange(address, b"NOT HTTP\r\n\r\n")
    messages = [r.getMessage() for r in caplog.records if r.name == "uvicorn.error"]
    assert any("answered in the API's error envelope" in m for m in messages), messages


def test_a_body_that_never_arrives_is_a_408(
    address: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once a defect: a client that sent its headers and then a trickle of body was held forever.
    monkeypatch.setattr(app_module, "BODY_TIMEOUT_SECONDS", 0.5)
    head = _request(token_headers()).split(b"\r\n\r\n", 1)[0]
    partial = head + b"\r\n\r\n" + b'{"out'
    status, body = _status_and_body(_exchange(address, partial))
    assert status == 408 and "did not arrive" in body["error_msg"]


def _reading(receive: Receive) -> Coroutine[Any, Any, bytes]:
    return app_module._read_body(receive, {"content-length": "5"}, 1024)


def test_the_body_read_times_out_and_is_cancelled_as_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "BODY_TIMEOUT_SECONDS", 0.05)

    async def whole() -> Message:
        return {"type": "http.request", "body": b"hello", "more_body": False}

    async def never() -> Message:
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    async def cancelled_from_outside() -> None:
        reading = asyncio.ensure_future(_reading(never))
        await asyncio.sleep(0.01)
        reading.cancel()  # a server that stops: the request's task is cancelled, not timed out
        with pytest.raises(asyncio.CancelledError):
            await reading

    async def timed_out() -> None:
        with pytest.raises(TimeoutError):
            await _reading(never)
        assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]  # reason: in a task

    assert asyncio.run(_reading(whole)) == b"hello"
    asyncio.run(cancelled_from_outside())
    asyncio.run(timed_out())
