"""OpenAPI 3.0 schemas → self-contained JSON Schema (draft 4), compiled once with jsonschema-rs."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from speccore.refs import deref

# OpenAPI 3.0 validation keywords that JSON Schema draft 4 also has; everything else (example,
# description, x-*, discriminator, xml, readOnly, ...) only documents and is dropped.
_KEPT_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        "required",
        "additionalProperties",
        "properties",
        "items",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
    }
)

# An integer's `format` bounds it, as the service's typed fields do (OpenAPI 3.0 data types).
_FORMAT_BOUNDS = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}


def to_json_schema(document: dict[str, Any], schema: Any) -> dict[str, Any]:
    """A draft-4 JSON Schema equal in meaning to the OpenAPI 3.0 `schema`, with every $ref inlined."""
    return _convert(document, schema, ())


def _convert(document: dict[str, Any], schema: Any, seen: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(schema, dict):
        return {}
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref in seen:
            raise ValueError(f"recursive schema at {ref}: the mock inlines schemas and cannot")
        return _convert(document, deref(document, schema), (*seen, ref))
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key not in _KEPT_KEYWORDS:
            continue
        if key == "properties":
            out[key] = {name: _convert(document, sub, seen) for name, sub in value.items()}
        elif key in ("items", "not") or (key == "additionalProperties" and isinstance(value, dict)):
            out[key] = _convert(document, value, seen)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [_convert(document, sub, seen) for sub in value]
        else:
            out[key] = copy.deepcopy(value)
    bounds = (
        _FORMAT_BOUNDS.get(schema.get("format", "")) if schema.get("type") == "integer" else None
    )
    if bounds is not None:
        low, high = bounds
        out["minimum"] = max(out.get("minimum", low), low)
        out["maximum"] = min(out.get("maximum", high), high)
    if schema.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


def secret_paths(document: dict[str, Any], schema: Any) -> frozenset[tuple[str, ...]]:
    """Instance paths (array indexes as "*") of every `x-secret` value under `schema`."""
    return frozenset(_secret_paths(document, schema, (), ()))


def _secret_paths(
    document: dict[str, Any], schema: Any, at: tuple[str, ...], seen: tuple[str, ...]
) -> Iterator[tuple[str, ...]]:
    if not isinstance(schema, dict):
        return
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref not in seen:
            yield from _secret_paths(document, deref(document, schema), at, (*seen, ref))
        return
    if schema.get("x-secret") is True:
        yield at
    for name, sub in (schema.get("properties") or {}).items():
        yield from _secret_paths(document, sub, (*at, name), seen)
    if "items" in schema:
        yield from _secret_paths(document, schema["items"], (*at, "*"), seen)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key) or ():
            yield from _secret_paths(document, sub, at, seen)


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (e.g. `body.video_config.width`), which keyword, and what."""

    location: str
    keyword: str
    message: str

    def render(self) -> str:
        """`location: message (keyword)`, the text of an MSS.00000003 error_msg."""
        return f"{self.location}: {self.message} ({self.keyword})"


class CompiledSchema:
    """A JSON Schema compiled once; `check` returns the first violation, secrets masked."""

    def __init__(self, json_schema: dict[str, Any], secrets: frozenset[tuple[str, ...]]) -> None:
        self.json_schema = json_schema
        self._validator = jsonschema_rs.Draft4Validator(json_schema, validate_formats=False)
        self._secrets = secrets

    def check(self, instance: Any, location: str) -> Violation | None:
        """None if `instance` is valid, else the first violation found."""
        if self._validator.is_valid(instance):
            return None
        error = next(iter(self._validator.iter_errors(instance)))
        path = tuple(str(part) for part in error.instance_path)
        keyword = str(error.schema_path[-1]) if error.schema_path else "schema"
        where = ".".join((location, *path)) if path else location
        if self._is_secret(path):
            limit = getattr(error.kind, "limit", None)
            detail = f" (limit {limit})" if limit is not None else ""
            return Violation(where, keyword, f"the value (hidden) breaks the rule{detail}")
        return Violation(where, keyword, error.message)

    def _is_secret(self, path: tuple[str, ...]) -> bool:
        generic = tuple("*" if part.isdigit() else part for part in path)
        return any(generic[: len(secret)] == secret for secret in self._secrets)


def compile_schema(document: dict[str, Any], schema: Any) -> CompiledSchema:
    """Convert and compile an OpenAPI schema of `document`."""
    return CompiledSchema(to_json_schema(document, schema), secret_paths(document, schema))
