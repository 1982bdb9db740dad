"""The validate stage: parameters (by style), content type, then the body (JSON, form, multipart)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl

from mockserver.schemas import scalar
from mockserver.spec import Media, Operation, Parameter
from speccore.model import is_json

MAX_BODY_BYTES = 1024 * 1024

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class BadRequest(Exception):
    """An invalid request; the message names the place and the rule (it becomes error_msg)."""


def check_parameters(
    operation: Operation,
    path_params: Mapping[str, str],
    query: Sequence[tuple[str, str]],
    headers: Mapping[str, str],
) -> dict[str, Any]:
    """The query parameters given, by name, as their types read them; BadRequest for the first
    missing or invalid path, query, header or cookie parameter."""
    cookies = _cookies(headers) if operation.has_cookie_parameters else {}
    values: dict[str, Any] = {}
    for param in operation.parameters:
        plain_key = param.plain_key
        # A plain string is its text: looked up directly, nothing to split or convert.
        raw = (
            (headers if param.location == "header" else path_params).get(plain_key)
            if plain_key is not None
            else _raw_value(param, path_params, query, headers, cookies)
        )
        if raw is None:
            if param.required:
                raise BadRequest(f"{param.label}: required but missing (required)")
            continue
        value = param.schema.normalise(raw if plain_key is not None else _coerce(param, raw))
        violation = param.schema.check(value, param.label)
        if violation is not None:
            raise BadRequest(violation.render())
        if param.location == "query":
            values[param.name] = value
    return values


_DELIMITERS = {"form": ",", "simple": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


def _raw_value(
    param: Parameter,
    path_params: Mapping[str, str],
    query: Sequence[tuple[str, str]],
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
) -> str | list[str] | dict[str, str] | None:
    if param.location == "query":
        return _query_value(param, query)
    if param.location == "path":
        text = path_params.get(param.name)
    elif param.location == "header":
        text = headers.get(param.name.lower())
    else:
        text = cookies.get(param.name)
    if text is None or param.json_content:
        return text
    if param.json_type == "array":
        # simple style (path, header), form for cookies: comma-separated.
        return [item.strip() if param.location == "header" else item for item in text.split(",")]
    if param.json_type == "object":
        return _pairs(text.split(","))
    return text


def _query_value(
    param: Parameter, query: Sequence[tuple[str, str]]
) -> str | list[str] | dict[str, str] | None:
    if param.json_type == "object" and not param.json_content:
        if param.style == "deepObject":
            prefix = f"{param.name}["
            found = {
                k[len(prefix) : -1]: v for k, v in query if k.startswith(prefix) and k[-1] == "]"
            }
            return found or None
        if param.explode:
            found = {k: v for k, v in query if k in param.property_types}
            return found or None
    values = [value for key, value in query if key == param.name]
    if not values:
        return None
    if param.json_content:
        return values[-1]
    if param.json_type == "array":
        if param.explode and param.style == "form":
            return values
        # `state=` is one empty item: an empty list is no parameter at all (RFC 6570 §2.3, which
        # OpenAPI's styles follow: a list of zero members is undefined and left out).
        return values[-1].split(_DELIMITERS.get(param.style, ","))
    if param.json_type == "object":
        return _pairs(values[-1].split(","))
    return values[-1]


def _pairs(parts: list[str]) -> dict[str, str]:
    # `k1,v1,k2,v2` (explode false) or `k1=v1,k2=v2` (simple, explode true).
    if all("=" in part for part in parts):
        return dict(part.split("=", 1) for part in parts)
    return dict(zip(parts[::2], parts[1::2], strict=False))


def _cookies(headers: Mapping[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _coerce(param: Parameter, raw: str | list[str] | dict[str, str]) -> Any:
    # Parameters arrive as text; only text that spells the declared type exactly is converted
    # ("4000" → 4000 for an integer parameter, never "4000.0" or " 4000").
    if param.json_content and isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    if isinstance(raw, list):
        return [scalar(param.item_type, item) for item in raw]
    if isinstance(raw, dict):
        return {k: scalar(param.property_types.get(k), v) for k, v in raw.items()}
    return scalar(param.json_type, raw)


def check_content_type(
    operation: Operation, content_type: str | None, raw_body: bytes
) -> Media | None:
    """The declared media type a non-empty body comes with; BadRequest if it has none."""
    if not raw_body:
        if operation.body is not None and operation.body.required:
            raise BadRequest("body: required but missing (required)")
        return None
    if operation.body is None:
        raise BadRequest("body: this operation takes no body (requestBody)")
    base = (content_type or "").split(";", 1)[0].strip().lower()
    media = operation.body.match(base) if base else None
    if media is None:
        allowed = ", ".join(operation.body.media_types)
        shown = base or "none"
        raise BadRequest(
            f"header Content-Type: {shown} is not accepted; use {allowed} (content-type)"
        )
    return media


def parse_body(media: Media, content_type: str, raw_body: bytes) -> Any:
    """The body read as its declared media type says (JSON, form, multipart; other types as bytes)
    and checked against its schema; BadRequest if it is malformed or breaks the schema."""
    declared = media.base
    if media.is_json or (declared in ("*/*", "application/*") and is_json(content_type)):
        value = parse_json(raw_body)
    elif declared == "application/x-www-form-urlencoded":
        value = _form(media, raw_body)
    elif declared == "multipart/form-data":
        value = _multipart(media, content_type, raw_body)
    else:
        return raw_body  # octet-stream, images, text: any bytes are a valid instance
    if media.schema is not None:
        value = media.schema.normalise(value)
        violation = media.schema.check(value, "body")
        if violation is not None:
            raise BadRequest(violation.render())
    return value


def _form(media: Media, raw_body: bytes) -> dict[str, Any]:
    try:
        text = raw_body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"body: not UTF-8 at byte {exc.start} (form)") from None
    return _fields(media, parse_qsl(text, keep_blank_values=True))


def _fields(media: Media, pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    # Each value by its property's type; arrays collect the repeated keys (`tag=a&tag=b`).
    out: dict[str, Any] = {}
    for name, text in pairs:
        kind = media.property_types.get(name)
        if kind == "array":
            out.setdefault(name, []).append(scalar(media.item_types.get(name), text))
        elif kind == "object":
            try:
                out[name] = json.loads(text)
            except ValueError:
                out[name] = text
        else:
            out[name] = scalar(kind, text)
    return out


_BOUNDARY = re.compile(r';\s*boundary=(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)
_DISPOSITION_NAME = re.compile(r'\bname="([^"]*)"|\bname=([^;\s]+)', re.IGNORECASE)


def _multipart(media: Media, content_type: str, raw_body: bytes) -> dict[str, Any]:
    found = _BOUNDARY.search(content_type)
    if found is None:
        raise BadRequest("header Content-Type: multipart/form-data without a boundary (multipart)")
    delimiter = b"--" + (found.group(1) or found.group(2)).encode("latin-1")
    chunks = raw_body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise BadRequest("body: multipart body without its closing boundary (multipart)")
    pairs: list[tuple[str, str]] = []
    for chunk in chunks[1:-1]:
        head, sep, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not sep:
            raise BadRequest(
                "body: a multipart part without a blank line after its headers (multipart)"
            )
        disposition = next(
            (
                line.split(b":", 1)[1].decode("latin-1")
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-disposition:")
            ),
            "",
        )
        name = _DISPOSITION_NAME.search(disposition)
        if name is None:
            raise BadRequest(
                "body: a multipart part without a Content-Disposition name (multipart)"
            )
        # File contents are bytes: read as Latin-1 so that any byte has a reading.
        pairs.append(
            (name.group(1) or name.group(2), content.removesuffix(b"\r\n").decode("latin-1"))
        )
    value = _fields(media, pairs)
    for required in media.required:
        if required not in value:
            raise BadRequest(f"body.{required}: required part missing (required)")
    return value


def parse_json(raw_body: bytes) -> Any:
    """The body as JSON; BadRequest for bytes that are not UTF-8 JSON (NaN and Infinity included)."""
    try:
        text = raw_body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"body: not UTF-8 at byte {exc.start} (json)") from None
    try:
        value = _JSON.decode(text)
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


def _finite(literal: str) -> float:
    # 1e400 is a JSON number but no float: Python reads it as infinity, which no JSON can answer.
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"the number {literal[:40]} is out of range for a double")
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


# One decoder for every body: json.loads with options builds a new one per call.
_JSON = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite)
