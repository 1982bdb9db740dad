"""The mock's lean Response holds to Starlette's header rules; its JSON is strict and compact."""

from __future__ import annotations

import asyncio
import json
import math
from typing import Any

import pytest
from starlette.responses import Response as StarletteResponse
from starlette.types import Message

from mockserver.responses import Response, json_response, to_json


def _sent(app: Any) -> list[Message]:
    messages: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        messages.append(message)

    scope = {"type": "http", "method": "GET", "path": "/", "headers": []}
    asyncio.run(app(scope, receive, send))
    return messages


@pytest.mark.parametrize(
    ("content", "status", "headers", "media_type"),
    [
        (b'{"a":1}', 202, None, "application/json"),
        (b"", 202, None, None),
        (b"", 204, None, None),
        (b"", 304, {"ETag": "x"}, None),
        (b"hello", 200, None, "text/plain"),
        (b"hello", 200, None, "text/plain; charset=latin-1"),
        (b"{}", 429, {"Retry-After": "7"}, "application/problem+json"),
        (b"{}", 405, {"Allow": "GET, POST"}, "application/json"),
        (b"x", 100, None, "text/plain"),
    ],
)
def test_the_messages_are_starlettes(
    content: bytes, status: int, headers: dict[str, str] | None, media_type: str | None
) -> None:
    ours = _sent(Response(content, status, headers, media_type))
    theirs = _sent(StarletteResponse(content, status, headers, media_type))
    assert ours[0]["status"] == theirs[0]["status"]
    assert sorted(ours[0]["headers"]) == sorted(theirs[0]["headers"])
    assert ours[1]["body"] == theirs[1]["body"]


def test_a_header_set_later_replaces_one_given_in_any_case() -> None:
    response = Response(b"{}", 400, {"X-Request-Id": "a", "Connection": "keep-alive"})
    response.headers["x-request-id"] = "b"
    response.headers["connection"] = "close"
    start = _sent(response)[0]
    assert (b"x-request-id", b"b") in start["headers"]
    assert (b"connection", b"close") in start["headers"]
    assert len(start["headers"]) == 3  # and content-length


@pytest.mark.parametrize(
    "value",
    [
        {"job_id": "a", "n": [1, 2.5, -3], "nested": {"中文": True, "none": None}},
        {"text": "NaN and Infinity, spelled out in a string"},
        {"big": 10**30, "half": 0.5, "e": 1e16},
        [],
    ],
)
def test_json_is_compact_utf8_as_the_json_module_writes_it(value: Any) -> None:
    compact = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert to_json(value) == compact.encode()


def test_an_exponent_is_written_either_way_the_same_number() -> None:
    assert json.loads(to_json({"small": 1e-7})) == {"small": 1e-7}


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_a_non_finite_number_is_an_error_not_a_broken_answer(number: float) -> None:
    with pytest.raises(ValueError):
        to_json({"duration": number})
    with pytest.raises(ValueError):
        json_response(200, [number])
