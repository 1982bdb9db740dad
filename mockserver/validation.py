"""Request validation against the compiled spec: parameters, content type, JSON and body schema."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from mockserver.spec import Operation, Parameter

MAX_BODY_BYTES = 1024 * 1024

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


class BadRequest(Exception):
    """An invalid request; the message names the place and the rule (it becomes error_msg)."""


def check_parameters(
    operation: Operation,
    path_params: Mapping[str, str],
    query: Sequence[tuple[str, str]],
    headers: Mapping[str, str],
) -> None:
    """Raise BadRequest for the first missing or invalid path, query or header parameter."""
    for param in operation.parameters:
        raw = _raw_value(param, path_params, query, headers)
        if raw is None:
            if param.required:
                raise BadRequest(f"{param.location} {param.name}: required but missing (required)")
            continue
        value = _coerce(param, raw)
        violation = param.schema.check(value, f"{param.location} {param.name}")
        if violation is not None:
            raise BadRequest(violation.render())


def _raw_value(
    param: Parameter,
    path_params: Mapping[str, str],
    query: Sequence[tuple[str, str]],
    headers: Mapping[str, str],
) -> str | list[str] | None:
    if param.location == "path":
        return path_params.get(param.name)
    if param.location == "header":
        return headers.get(param.name.lower())
    values = [value for key, value in query if key == param.name]
    if not values:
        return None
    return values if param.json_type == "array" else values[-1]


def _coerce(param: Parameter, raw: str | list[str]) -> Any:
    # Parameters arrive as text; only text that spells the declared type exactly is converted
    # ("4000" → 4000 for an integer parameter, never "4000.0" or " 4000").
    if isinstance(raw, list):
        return [_scalar(param, item) for item in raw]
    return _scalar(param, raw)


def _scalar(param: Parameter, raw: str) -> Any:
    kind = param.json_type
    if kind == "integer" and _INTEGER.fullmatch(raw):
        return int(raw)
    if kind == "number" and _NUMBER.fullmatch(raw):
        return float(raw)
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


def check_content_type(operation: Operation, content_type: str | None, raw_body: bytes) -> None:
    """Raise BadRequest unless a non-empty body comes with one of the operation's media types."""
    if not raw_body:
        if operation.body is not None and operation.body.required:
            raise BadRequest("body: required but missing (required)")
        return
    if operation.body is None:
        raise BadRequest("body: this operation takes no body (requestBody)")
    base = (content_type or "").split(";", 1)[0].strip().lower()
    if base not in {m.lower() for m in operation.body.media_types}:
        allowed = ", ".join(operation.body.media_types)
        shown = base or "none"
        raise BadRequest(
            f"header Content-Type: {shown} is not accepted; use {allowed} (content-type)"
        )


def parse_json(raw_body: bytes) -> Any:
    """The body as JSON; BadRequest for bytes that are not UTF-8 JSON (NaN and Infinity included)."""
    try:
        text = raw_body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"body: not UTF-8 at byte {exc.start} (json)") from None
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise BadRequest(
            f"body: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg} (json)"
        ) from None
    except ValueError as exc:  # numbers beyond int's digit limit, NaN/Infinity
        raise BadRequest(f"body: malformed JSON: {exc} (json)") from None
    except RecursionError:
        raise BadRequest("body: JSON nested too deeply (json)") from None
    if _SURROGATE_ESCAPE.search(text):
        # json.loads turns an unpaired "\ud800" into a lone surrogate, which is not Unicode text.
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise BadRequest(
                "body: a string holds an unpaired UTF-16 surrogate escape (json)"
            ) from None
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def check_body(operation: Operation, body: Any) -> None:
    """Raise BadRequest if the parsed body breaks the operation's body schema."""
    if operation.body is None or operation.body.schema is None:
        return
    violation = operation.body.schema.check(body, "body")
    if violation is not None:
        raise BadRequest(violation.render())
