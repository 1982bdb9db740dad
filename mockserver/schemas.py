"""OpenAPI 3.0 schemas → self-contained JSON Schema (draft 4), compiled once with jsonschema-rs;
strict, or relaxed for the lenient mock (with the lax reading of a body that goes with it)."""

from __future__ import annotations

import base64
import binascii
import copy
import re
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

# What the lenient mock does not check, as a laxer service would not: value ranges, lengths, sizes,
# patterns and enums. Types, `required` and the structure stay (exclusive bounds go with theirs).
_RELAXED_KEYWORDS = frozenset(
    {
        "enum",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
    }
)

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def scalar(kind: str | None, raw: str) -> Any:
    """Text converted to `kind` (integer, number, boolean) when it spells one; else the text.

    Only text that spells the type exactly is converted ("4000" → 4000 for an integer, never
    "4000.0" or " 4000"): parameters arrive as text, and so do a lax client's body values.
    """
    if kind == "integer" and _INTEGER.fullmatch(raw):
        return int(raw)
    if kind == "number" and _NUMBER.fullmatch(raw):
        return float(raw)
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


# An integer's `format` bounds it, as the service's typed fields do (OpenAPI 3.0 data types).
_FORMAT_BOUNDS = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}


class SchemaCycle(ValueError):
    """A `$ref` cycle that never descends into a property or an item: it describes no value."""

    def __init__(self, chain: tuple[str, ...]) -> None:
        self.chain = chain
        super().__init__(" -> ".join(chain))


def to_json_schema(
    document: dict[str, Any], schema: Any, *, relaxed: bool = False
) -> dict[str, Any]:
    """A draft-4 JSON Schema equal in meaning to the OpenAPI 3.0 `schema`.

    `$ref`s are inlined, except where a schema refers back to itself (a tree `Node` whose
    `children` are `Node`s): those become draft-4 `definitions` and local `$ref`s, which is the
    only finite way to write a recursive schema. `relaxed` leaves out the keywords of
    `_RELAXED_KEYWORDS`; a discriminator's tag is still checked (it says which branch applies).
    """
    converter = _Converter(document, _RELAXED_KEYWORDS if relaxed else frozenset())
    out = converter.convert(schema, (), ())
    pending = list(converter.recursive)
    done: set[str] = set()
    while pending:
        ref = pending.pop(0)
        if ref in done:
            continue
        done.add(ref)
        converter.definitions[converter.recursive[ref]] = converter.convert(
            deref(document, {"$ref": ref}), (ref,), (ref,)
        )
        pending.extend(r for r in converter.recursive if r not in done)
    if converter.definitions:
        out = (
            {**out, "definitions": converter.definitions}
            if out
            else {"definitions": converter.definitions}
        )
    return out


class _Converter:
    def __init__(self, document: dict[str, Any], dropped: frozenset[str] = frozenset()) -> None:
        self.document = document
        self.dropped = dropped
        self.recursive: dict[str, str] = {}  # ref → its key under `definitions`
        self.definitions: dict[str, Any] = {}

    def convert(
        self, schema: Any, seen: tuple[str, ...], since_descent: tuple[str, ...]
    ) -> dict[str, Any]:
        # `seen`: the refs being inlined above this point; `since_descent`: those of them met
        # since the last step into a property or an item. Meeting a ref of the first kind again is
        # a recursive schema; of the second kind, a cycle that describes nothing.
        if not isinstance(schema, dict):
            return {}
        ref = schema.get("$ref")
        if isinstance(ref, str):
            if ref in since_descent:
                raise SchemaCycle((*since_descent[since_descent.index(ref) :], ref))
            if ref in seen:
                key = self.recursive.setdefault(ref, f"r{len(self.recursive)}")
                return {"$ref": f"#/definitions/{key}"}
            try:
                target = deref(self.document, schema)
            except KeyError:
                raise SchemaCycle((ref, ref)) from None
            return self.convert(target, (*seen, ref), (*since_descent, ref))
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key not in _KEPT_KEYWORDS or key in self.dropped:
                continue
            if key == "properties":
                out[key] = {name: self.convert(sub, seen, ()) for name, sub in value.items()}
            elif key == "items" or (key == "additionalProperties" and isinstance(value, dict)):
                out[key] = self.convert(value, seen, ())
            elif key == "not":
                out[key] = self.convert(value, seen, since_descent)
            elif key in ("anyOf", "oneOf") and _tag_property(schema):
                out[key] = [
                    _tagged(self.convert(sub, seen, since_descent), schema, sub) for sub in value
                ]
            elif key in ("allOf", "anyOf", "oneOf"):
                out[key] = [self.convert(sub, seen, since_descent) for sub in value]
            else:
                out[key] = copy.deepcopy(value)
        fmt = schema.get("format", "")
        bounds = _FORMAT_BOUNDS.get(fmt) if schema.get("type") == "integer" else None
        if "maximum" in self.dropped:
            bounds = None
        if bounds is not None:
            low, high = bounds
            out["minimum"] = max(out.get("minimum", low), low)
            out["maximum"] = min(out.get("maximum", high), high)
        if isinstance(fmt, str) and fmt and schema.get("type") in (None, "string"):
            out["format"] = fmt
        if schema.get("nullable") is True:
            if "type" in out:
                out["type"] = [out["type"], "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        return out


def _tag_property(schema: dict[str, Any]) -> str | None:
    discriminator = schema.get("discriminator")
    name = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    return name if isinstance(name, str) and name else None


def _tagged(converted: dict[str, Any], schema: dict[str, Any], branch: Any) -> dict[str, Any]:
    # OpenAPI's discriminator picks the branch by its property's value (the mapping's key for the
    # branch, else the branch's schema name); JSON Schema has no such thing, and without it a body
    # that fits two branches fails `oneOf`. So each branch also demands its own tag values.
    ref = branch.get("$ref") if isinstance(branch, dict) else None
    if not isinstance(ref, str):
        return converted
    prop = _tag_property(schema)
    mapping = (schema.get("discriminator") or {}).get("mapping") or {}
    names = [key for key, target in mapping.items() if target == ref] or [ref.rsplit("/", 1)[-1]]
    return {"allOf": [converted, {"properties": {prop: {"enum": names}}}]}


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
    """A JSON Schema compiled once; `check` returns the first violation, secrets masked;
    `normalise` is how a lenient schema reads an instance (a strict one leaves it as it is)."""

    def __init__(
        self,
        json_schema: dict[str, Any],
        secrets: frozenset[tuple[str, ...]],
        *,
        check_formats: bool = False,
        lenient: bool = False,
    ) -> None:
        self.json_schema = json_schema
        self._normaliser = _Normaliser(json_schema) if lenient else None
        # Requests are judged without `format` (the gateway does not check it); the mock's own
        # answers are checked with it, as a client generated from the spec would read them.
        self._validator = (
            jsonschema_rs.Draft4Validator(json_schema, validate_formats=True, formats=_FORMATS)
            if check_formats
            else jsonschema_rs.Draft4Validator(json_schema, validate_formats=False)
        )
        self._secrets = secrets

    def is_valid(self, instance: Any) -> bool:
        """Whether `instance` is valid."""
        return bool(self._validator.is_valid(instance))

    def normalise(self, instance: Any) -> Any:
        """`instance` as this schema reads it: unchanged when strict; when lenient, null properties
        as absent and strings that spell a declared number or boolean as that value."""
        if self._normaliser is None:
            return instance
        return self._normaliser.normalise(self.json_schema, instance)

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


def compile_schema(
    document: dict[str, Any], schema: Any, *, check_formats: bool = False, lenient: bool = False
) -> CompiledSchema:
    """Convert and compile an OpenAPI schema of `document` (SchemaCycle if it describes nothing);
    `lenient`: relaxed (see `to_json_schema`) and normalising (see `CompiledSchema.normalise`)."""
    return CompiledSchema(
        to_json_schema(document, schema, relaxed=lenient),
        secret_paths(document, schema),
        check_formats=check_formats,
        lenient=lenient,
    )


class _Normaliser:
    """Reads an instance along a (relaxed) draft-4 schema the way a lax service reads a body."""

    def __init__(self, root: dict[str, Any]) -> None:
        self._root = root
        # One validator per branch of a oneOf/anyOf, compiled when first needed: which branch an
        # instance is read by is the first one that accepts it once read.
        self._branches: dict[int, Any] = {}

    def normalise(self, schema: Any, value: Any) -> Any:
        schema = self._resolve(schema)
        if not isinstance(schema, dict):
            return value
        for member in schema.get("allOf") or ():
            value = self.normalise(member, value)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                value = self._branch(schema[key], value)
        if isinstance(value, str):
            value = _spelled(_types(schema), value)
        if isinstance(value, dict):
            value = self._object(schema, value)
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            value = [self.normalise(schema["items"], item) for item in value]
        return value

    def _object(self, schema: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
        properties = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        out: dict[str, Any] = {}
        for name, item in value.items():
            sub = properties.get(name, extra if isinstance(extra, dict) else None)
            if sub is None:
                out[name] = item  # not declared here: an allOf member, or nobody, reads it
            elif item is None and not self._admits_null(sub):
                continue  # null read as absent
            else:
                out[name] = self.normalise(sub, item)
        return out

    def _branch(self, branches: list[Any], value: Any) -> Any:
        for branch in branches:
            candidate = self.normalise(branch, value)
            if self._validator(branch).is_valid(candidate):
                return candidate
        return value

    def _validator(self, branch: Any) -> Any:
        found = self._branches.get(id(branch))
        if found is None:
            definitions = self._root.get("definitions")
            schema = {**branch, "definitions": definitions} if definitions else branch
            found = jsonschema_rs.Draft4Validator(schema, validate_formats=False)
            self._branches[id(branch)] = found
        return found

    def _admits_null(self, schema: Any) -> bool:
        schema = self._resolve(schema)
        if not isinstance(schema, dict):
            return True
        if "type" in schema and "null" not in _types(schema):
            return False
        if not all(self._admits_null(member) for member in schema.get("allOf") or ()):
            return False
        for key in ("oneOf", "anyOf"):
            if key in schema and not any(self._admits_null(b) for b in schema[key]):
                return False
        return True

    def _resolve(self, schema: Any) -> Any:
        # Only the local `#/definitions/<key>` refs that to_json_schema writes (recursive schemas).
        for _ in range(64):
            ref = schema.get("$ref") if isinstance(schema, dict) else None
            if not isinstance(ref, str):
                return schema
            schema = (self._root.get("definitions") or {}).get(ref.rsplit("/", 1)[-1], {})
        return {}


def _types(schema: dict[str, Any]) -> tuple[str, ...]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return (kind,)
    return tuple(k for k in kind if isinstance(k, str)) if isinstance(kind, list) else ()


def _spelled(types: tuple[str, ...], text: str) -> Any:
    # A string where a string is allowed stays one; else the first declared type it spells.
    if not types or "string" in types:
        return text
    for kind in ("integer", "number", "boolean"):
        if kind in types:
            value = scalar(kind, text)
            if value is not text:
                return value
    return text


def _is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value) is not None


def _is_base64(value: str) -> bool:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


# Formats OpenAPI names that draft 4 does not know; jsonschema-rs checks the draft-4 ones itself.
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_FORMATS = {"uuid": _is_uuid, "byte": _is_base64}
