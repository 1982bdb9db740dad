"""Responses in the API's own shape: the error envelope, JSON bodies and the Prefer header."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

import pydantic_core
from starlette.types import Receive, Scope, Send

# The doc's error codes (表19-21), and the API gateway's own code for "no such API" (APIG.0101),
# which the real endpoint answers for any path or method it does not publish.
INVALID_PARAMETER = "MSS.00000003"
UNAUTHORIZED = "MSS.00000001"
INTERNAL_ERROR = "MSS.00000004"
NO_SUCH_API = "APIG.0101"

_NO_BODY_STATUSES = frozenset({204, 304})

# allow_nan=False: Infinity and NaN are not JSON; a mock bug is a 500, not a broken answer.
_STRICT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def to_json(value: Any) -> bytes:
    """UTF-8 JSON of a value, compact, non-ASCII kept; ValueError for NaN and the infinities.

    pydantic-core writes it (a third of the json module's time per answer), but writes NaN and
    the infinities as bare words: where those words appear at all, json's strict encoder decides.
    """
    content = pydantic_core.to_json(value)
    if b"NaN" in content or b"Infinity" in content:
        return _STRICT(value).encode()
    return content


class Response:
    """An answer to send: status, headers (lower-case names) and body bytes.

    Starlette's Response did this with a case-insensitive header list and a background-task
    check, several µs of every answer; the mock needs only these, sent as two ASGI messages.
    Content-Length and Content-Type follow Starlette's rules (no Content-Length on 1xx, 204, 304).
    """

    __slots__ = ("body", "headers", "status_code")

    def __init__(
        self,
        content: bytes = b"",
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.body = content
        self.headers: dict[str, str] = {k.lower(): v for k, v in headers.items()} if headers else {}
        if not (status_code < 200 or status_code in _NO_BODY_STATUSES):
            self.headers.setdefault("content-length", str(len(content)))
        if media_type is not None:
            self.headers.setdefault("content-type", _content_type(media_type))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in self.headers.items()]
        await send({"type": "http.response.start", "status": self.status_code, "headers": raw})
        await send({"type": "http.response.body", "body": self.body})


@functools.lru_cache(maxsize=256)
def _content_type(media_type: str) -> str:
    # Media types come from the spec (a bounded set); every answer asks.
    text = media_type.startswith("text/") and "charset=" not in media_type.lower()
    return media_type + ("; charset=utf-8" if text else "")


def json_response(
    status: int,
    body: Any,
    headers: Mapping[str, str] | None = None,
    *,
    media_type: str = "application/json",
) -> Response:
    """A JSON response (UTF-8, compact)."""
    content = to_json(body)
    return Response(content, status, headers, media_type)


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """The API's error envelope: {"error_code": ..., "error_msg": ...}."""
    return json_response(status, {"error_code": code, "error_msg": message}, headers)


def bad_request(message: str) -> Response:
    """400 MSS.00000003; `message` names the field and the rule."""
    return error_response(400, INVALID_PARAMETER, f"Invalid parameter: {message}")


def unauthorized() -> Response:
    """401 MSS.00000001, word for word the doc's example."""
    return error_response(401, UNAUTHORIZED, "Unauthorized")


def internal_error() -> Response:
    """500 MSS.00000004 (only when asked for with Prefer, or on a bug in the mock)."""
    return error_response(500, INTERNAL_ERROR, "Internal Error")


def parse_prefer(value: str | None) -> dict[str, str]:
    """Prism's `Prefer: code=400, example=doc` (`,` or `;` between preferences)."""
    preferences: dict[str, str] = {}
    if not value:
        return preferences
    for token in value.replace(";", ",").split(","):
        key, sep, raw = token.partition("=")
        if sep:
            preferences[key.strip().lower()] = raw.strip().strip('"')
    return preferences
