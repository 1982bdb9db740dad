"""Responses in the API's own shape: the error envelope, JSON bodies and the Prefer header."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

# The doc's error codes (表19-21), and the API gateway's own code for "no such API" (APIG.0101),
# which the real endpoint answers for any path or method it does not publish.
INVALID_PARAMETER = "MSS.00000003"
UNAUTHORIZED = "MSS.00000001"
INTERNAL_ERROR = "MSS.00000004"
NO_SUCH_API = "APIG.0101"


def json_response(
    status: int,
    body: Any,
    headers: Mapping[str, str] | None = None,
    *,
    media_type: str = "application/json",
) -> Response:
    """A JSON response (UTF-8, compact)."""
    # allow_nan=False: Infinity and NaN are not JSON; a mock bug is a 500, not a broken answer.
    content = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    return Response(content, status_code=status, headers=dict(headers or {}), media_type=media_type)


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
    for token in (value or "").replace(";", ",").split(","):
        key, sep, raw = token.partition("=")
        if sep:
            preferences[key.strip().lower()] = raw.strip().strip('"')
    return preferences
