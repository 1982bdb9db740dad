"""Spec diff: each change between two specs, breaking or compatible for existing SDK callers."""

from __future__ import annotations

import json
import math
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from speccore.diagnostics import Diagnostic, SpecError
from speccore.loading import parse_spec
from speccore.model import Operation, all_operations
from speccore.pointers import last, pointer
from speccore.refs import follow, iter_refs, resolve_pointer
from speccore.text import markdown_cell, one_line
from specreview.regex_order import admits_all

DEFAULT_SPEC_PATH = "openapi/metastudio-smart-live.yaml"

# Every kind of change and whether it breaks an existing client or caller. Where the effect
# depends on the direction of the data, a kind has a `response-` twin with the opposite flag:
# a request (what the caller sends) breaks when it accepts less; a response (what this SDK's strict
# pydantic models parse) breaks when it may carry more. Callback payloads count as responses: the
# service sends them and the SDK parses them.
KINDS: dict[str, bool] = {
    # Operations (paths and callbacks alike).
    "operation-removed": True,
    "operation-added": False,
    "operation-id-changed": True,  # the SDK's method is named after it
    "deprecated-changed": False,
    # Parameters, matched by `in` and name.
    "parameter-removed": True,
    "parameter-added": False,
    "required-parameter-added": True,
    "parameter-became-required": True,
    "parameter-became-optional": False,
    # Request bodies, and media types of bodies and responses.
    "request-body-removed": True,
    "request-body-added": False,
    "required-request-body-added": True,
    "request-body-became-required": True,
    "request-body-became-optional": False,
    "media-type-removed": True,
    "media-type-added": False,
    # Responses, by status code, and their headers.
    "response-status-removed": True,
    "response-status-added": False,
    "response-header-removed": True,
    "response-header-added": False,
    # Security, servers, info.
    "security-requirement-removed": True,
    "security-requirement-added": False,
    "security-scheme-removed": True,
    "security-scheme-added": False,
    "security-scheme-changed": True,
    "server-removed": True,
    "server-added": False,
    "server-url-changed": True,
    "info-changed": False,
    # Component schemas: each one is a public model of the generated SDK.
    "schema-removed": True,
    "schema-added": False,
    # Schemas, breaking or not whatever the direction.
    "type-changed": True,
    "format-changed": True,  # between formats of no common order (date → uuid)
    "property-removed": True,
    "property-added": False,
    "pattern-changed": True,  # neither pattern contains the other, or undecidable
    "default-changed": True,
    "default-added": False,
    "default-removed": False,
    # Schemas, by direction (request first, then its response twin).
    "required-property-added": True,  # in a response a new required field is just a new field
    "property-became-required": True,
    "response-property-became-required": False,
    "property-became-optional": False,
    "response-property-became-optional": True,
    "enum-value-removed": True,
    "response-enum-value-removed": False,
    "enum-value-added": False,
    "response-enum-value-added": True,
    "enum-added": True,
    "response-enum-added": False,
    "enum-removed": False,
    "response-enum-removed": True,
    # A format that admits more values (int32 → int64, float → double, or none at all) widens.
    "format-widened": False,
    "response-format-widened": True,
    "format-narrowed": True,
    "response-format-narrowed": False,
    # oneOf / anyOf: a variant more is a value more.
    "variant-added": False,
    "response-variant-added": True,
    "variant-removed": True,
    "response-variant-removed": False,
    # A changed pattern by direction, where containment is decidable (specreview.regex_order).
    "pattern-widened": False,
    "response-pattern-widened": True,
    "pattern-narrowed": True,
    "response-pattern-narrowed": False,
    "pattern-equivalent": False,
    "pattern-added": True,
    "response-pattern-added": False,
    "pattern-removed": False,
    "response-pattern-removed": True,
    "nullable-removed": True,
    "response-nullable-removed": False,
    "nullable-added": False,
    "response-nullable-added": True,
    "minimum-narrowed": True,
    "response-minimum-narrowed": False,
    "minimum-widened": False,
    "response-minimum-widened": True,
    "maximum-narrowed": True,
    "response-maximum-narrowed": False,
    "maximum-widened": False,
    "response-maximum-widened": True,
    "min-length-narrowed": True,
    "response-min-length-narrowed": False,
    "min-length-widened": False,
    "response-min-length-widened": True,
    "max-length-narrowed": True,
    "response-max-length-narrowed": False,
    "max-length-widened": False,
    "response-max-length-widened": True,
    "min-items-narrowed": True,
    "response-min-items-narrowed": False,
    "min-items-widened": False,
    "response-min-items-widened": True,
    "max-items-narrowed": True,
    "response-max-items-narrowed": False,
    "max-items-widened": False,
    "response-max-items-widened": True,
    # Documentation and extensions (x-doc, x-doc-tables, ...).
    "description-changed": False,
    "example-changed": False,
    "extension-changed": False,
    # Any other keyword: its effect is unknown, so breaking until a reviewer waives it.
    "keyword-changed": True,
}

# Contexts where this SDK parses the data strictly: their kinds take the `response-` twin.
_PARSED = frozenset({"response", "callback"})
_DOC_KEYS = frozenset({"description", "summary", "title", "externalDocs"})
_EXAMPLE_KEYS = frozenset({"example", "examples"})
# keyword, its OpenAPI 3.0 boolean `exclusive*` companion, kind stem, whether it is an upper bound.
_BOUNDS: tuple[tuple[str, str | None, str, bool], ...] = (
    ("minimum", "exclusiveMinimum", "minimum", False),
    ("maximum", "exclusiveMaximum", "maximum", True),
    ("minLength", None, "min-length", False),
    ("maxLength", None, "max-length", True),
    ("minItems", None, "min-items", False),
    ("maxItems", None, "max-items", True),
)
_SCHEMA_KEYS_HANDLED = frozenset(
    {"type", "format", "properties", "required", "items", "enum", "pattern", "nullable"}
    | {"default", "additionalProperties", "not", "allOf", "oneOf", "anyOf"}
    | {keyword for keyword, _, _, _ in _BOUNDS}
    | {exclusive for _, exclusive, _, _ in _BOUNDS if exclusive}
)


class SpecSourceError(SpecError):
    """A spec to compare cannot be read: not a file, not a git revision, or not strict YAML."""


class WaiverError(SpecError):
    """The waiver file is malformed: its diagnostic names the file, the entry and the problem."""


def _source_error(source: str, message: str) -> SpecSourceError:
    return SpecSourceError([Diagnostic("", message, "spec-source", file=source)])


def _waiver_error(path: Path, message: str, at: str = "") -> WaiverError:
    return WaiverError([Diagnostic(at, message, "waiver", file=str(path))])


@dataclass(frozen=True)
class Change:
    """One change between two specs and what it does to an existing client or caller."""

    kind: str
    breaking: bool
    pointer: str
    message: str
    old: object = None
    new: object = None
    contexts: tuple[str, ...] = ()
    waived_by: str | None = None


@dataclass(frozen=True)
class Waiver:
    """A breaking change accepted on purpose: its kind and pointer, and why."""

    kind: str
    pointer: str
    reason: str


@dataclass(frozen=True)
class DiffReport:
    """The changes between two specs, waivers applied, and the waivers that matched nothing."""

    old: str
    new: str
    changes: Sequence[Change]
    unused_waivers: Sequence[Waiver] = field(default_factory=tuple)

    @property
    def breaking(self) -> list[Change]:
        """Breaking changes no waiver accepts."""
        return [c for c in self.changes if c.breaking and c.waived_by is None]

    @property
    def waived(self) -> list[Change]:
        """Breaking changes a waiver accepts."""
        return [c for c in self.changes if c.breaking and c.waived_by is not None]

    @property
    def compatible(self) -> list[Change]:
        """Changes that break nothing."""
        return [c for c in self.changes if not c.breaking]

    @property
    def exit_code(self) -> int:
        """1 when an unwaived breaking change remains, else 0."""
        return 1 if self.breaking else 0


@dataclass(frozen=True)
class _At:
    """The same place in the old and in the new spec (they differ when a `$ref` moved it)."""

    old: str
    new: str

    def sub(self, *parts: str | int) -> _At:
        return _At(self.old + pointer(*parts), self.new + pointer(*parts))

    def of(self, key: str, new: dict[str, Any]) -> str:
        """The pointer to `key`: in the new spec when it is there, else in the old one."""
        return self.new + pointer(key) if key in new else self.old + pointer(key)


def diff_specs(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new`, sorted by pointer then kind, one per pointer and kind."""
    differ = _Differ(old, new)
    differ.operations()
    differ.security_schemes()
    differ.servers()
    differ.top_level()
    differ.component_schemas()  # last: only the schemas no operation reached
    return sorted(differ.found.values(), key=lambda c: (c.pointer, c.kind))


class _Differ:
    """Walks both specs side by side and collects changes, merged by pointer and kind."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old = old
        self.new = new
        self.found: dict[tuple[str, str], Change] = {}
        self.walked: set[tuple[str, str]] = set()
        self.reached: set[str] = set()

    def emit(
        self, kind: str, at: str, message: str, old: object, new: object, context: str | None
    ) -> None:
        contexts = (context,) if context else ()
        seen = self.found.get((at, kind))
        if seen is not None:
            merged = tuple(sorted({*seen.contexts, *contexts}))
            self.found[(at, kind)] = replace(seen, contexts=merged)
        else:
            self.found[(at, kind)] = Change(kind, KINDS[kind], at, message, old, new, contexts)

    # Operations ------------------------------------------------------------------------------

    def operations(self) -> None:
        old_ops = {site.at: site for site in all_operations(self.old)}
        new_ops = {site.at: site for site in all_operations(self.new)}
        for at in sorted(old_ops.keys() | new_ops.keys()):
            old_site, new_site = old_ops.get(at), new_ops.get(at)
            if new_site is None and old_site is not None:
                text = f"operation {_op_name(old_site)} removed"
                self.emit("operation-removed", at, text, old_site.label, None, None)
            elif old_site is None and new_site is not None:
                text = f"operation {_op_name(new_site)} added"
                self.emit("operation-added", at, text, None, new_site.label, None)
            elif old_site is not None and new_site is not None:
                self.operation(old_site, new_site)

    def operation(self, old_site: Operation, new_site: Operation) -> None:
        name = _op_name(new_site)
        # In a callback the service sends the request and the subscriber answers it.
        request, response = (
            ("callback", "callback-response") if new_site.is_callback else ("request", "response")
        )
        at = _At(old_site.at, new_site.at)
        old, new = dict(old_site.node), dict(new_site.node)
        if old.get("operationId") != new.get("operationId"):
            text = f"operationId of {name} changed"
            old_id, new_id = old.get("operationId"), new.get("operationId")
            self.emit("operation-id-changed", at.of("operationId", new), text, old_id, new_id, None)
        self.parameters(old_site, new_site, request, name)
        self.request_body(old, new, at, request, name)
        self.responses(old, new, at, response, name)
        self.security(old, new, at, name)
        skip = {"operationId", "parameters", "requestBody", "responses", "callbacks", "security"}
        self.rest(old, new, at, None, name, skip)

    def parameters(self, old_site: Operation, new_site: Operation, ctx: str, name: str) -> None:
        old_params, new_params = _parameters(old_site), _parameters(new_site)
        for key in sorted(old_params.keys() | new_params.keys()):
            where = f"{key[0]} parameter {key[1]} of {name}"
            if key not in new_params:
                _, _, entry = old_params[key]
                self.emit("parameter-removed", entry, f"{where} removed", key[1], None, ctx)
            elif key not in old_params:
                new_param, _, entry = new_params[key]
                required = bool(new_param.get("required"))
                kind = "required-parameter-added" if required else "parameter-added"
                text = f"{where} added" + (" (required)" if required else "")
                self.emit(kind, entry, text, None, key[1], ctx)
            else:
                self.parameter(old_params[key], new_params[key], ctx, where)

    def parameter(
        self,
        old: tuple[dict[str, Any], str, str],
        new: tuple[dict[str, Any], str, str],
        ctx: str,
        where: str,
    ) -> None:
        (old_param, old_at, _), (new_param, new_at, _) = old, new
        at = _At(old_at, new_at)
        was, now = bool(old_param.get("required")), bool(new_param.get("required"))
        if was != now:
            kind = "parameter-became-required" if now else "parameter-became-optional"
            text = f"{where} became {'required' if now else 'optional'}"
            self.emit(kind, at.of("required", new_param), text, was, now, ctx)
        if "schema" in old_param or "schema" in new_param:
            self.schema(
                old_param.get("schema"), new_param.get("schema"), at.sub("schema"), ctx, where
            )
        self.rest(old_param, new_param, at, ctx, where, {"name", "in", "required", "schema"})

    def request_body(
        self, old_op: dict[str, Any], new_op: dict[str, Any], at: _At, ctx: str, name: str
    ) -> None:
        entry = at.sub("requestBody")
        old, old_at = follow(self.old, old_op.get("requestBody"), entry.old)
        new, new_at = follow(self.new, new_op.get("requestBody"), entry.new)
        where = f"request body of {name}"
        if not isinstance(old, dict) and not isinstance(new, dict):
            return
        if not isinstance(new, dict):
            self.emit("request-body-removed", entry.old, f"{where} removed", True, None, ctx)
            return
        if not isinstance(old, dict):
            required = bool(new.get("required"))
            kind = "required-request-body-added" if required else "request-body-added"
            text = f"{where} added" + (" (required)" if required else "")
            self.emit(kind, entry.new, text, None, True, ctx)
            return
        body_at = _At(old_at, new_at)
        was, now = bool(old.get("required")), bool(new.get("required"))
        if was != now:
            kind = "request-body-became-required" if now else "request-body-became-optional"
            text = f"{where} became {'required' if now else 'optional'}"
            self.emit(kind, body_at.of("required", new), text, was, now, ctx)
        self.content(old, new, body_at, ctx, where)
        self.rest(old, new, body_at, ctx, where, {"required", "content"})

    def content(
        self, old_holder: dict[str, Any], new_holder: dict[str, Any], at: _At, ctx: str, where: str
    ) -> None:
        old, new = _mapping(old_holder.get("content")), _mapping(new_holder.get("content"))
        for media in sorted(old.keys() | new.keys()):
            sub = at.sub("content", media)
            if media not in new:
                self.emit(
                    "media-type-removed", sub.old, f"{media} removed from {where}", media, None, ctx
                )
            elif media not in old:
                self.emit(
                    "media-type-added", sub.new, f"{media} added to {where}", None, media, ctx
                )
            else:
                old_media, new_media = _mapping(old[media]), _mapping(new[media])
                if "schema" in old_media or "schema" in new_media:
                    old_schema, new_schema = old_media.get("schema"), new_media.get("schema")
                    self.schema(old_schema, new_schema, sub.sub("schema"), ctx, where)
                self.rest(old_media, new_media, sub, ctx, where, {"schema"})

    def responses(
        self, old_op: dict[str, Any], new_op: dict[str, Any], at: _At, ctx: str, name: str
    ) -> None:
        old = {str(k): v for k, v in _mapping(old_op.get("responses")).items()}
        new = {str(k): v for k, v in _mapping(new_op.get("responses")).items()}
        for status in sorted(old.keys() | new.keys()):
            entry = at.sub("responses", status)
            where = f"response {status} of {name}"
            if status not in new:
                self.emit(
                    "response-status-removed", entry.old, f"{where} removed", status, None, ctx
                )
            elif status not in old:
                self.emit("response-status-added", entry.new, f"{where} added", None, status, ctx)
            else:
                old_response, old_at = follow(self.old, old[status], entry.old)
                new_response, new_at = follow(self.new, new[status], entry.new)
                old_r, new_r = _mapping(old_response), _mapping(new_response)
                self.headers(old_r, new_r, _At(old_at, new_at), ctx, where)
                self.content(old_r, new_r, _At(old_at, new_at), ctx, where)
                self.rest(old_r, new_r, _At(old_at, new_at), ctx, where, {"headers", "content"})

    def headers(
        self,
        old_response: dict[str, Any],
        new_response: dict[str, Any],
        at: _At,
        ctx: str,
        where: str,
    ) -> None:
        old, new = _mapping(old_response.get("headers")), _mapping(new_response.get("headers"))
        for name in sorted(old.keys() | new.keys()):
            sub = at.sub("headers", name)
            header_where = f"header {name} of {where}"
            if name not in new:
                self.emit(
                    "response-header-removed", sub.old, f"{header_where} removed", name, None, ctx
                )
            elif name not in old:
                self.emit(
                    "response-header-added", sub.new, f"{header_where} added", None, name, ctx
                )
            else:
                old_header, old_at = follow(self.old, old[name], sub.old)
                new_header, new_at = follow(self.new, new[name], sub.new)
                old_h, new_h = _mapping(old_header), _mapping(new_header)
                header_at = _At(old_at, new_at)
                if "schema" in old_h or "schema" in new_h:
                    old_schema, new_schema = old_h.get("schema"), new_h.get("schema")
                    self.schema(old_schema, new_schema, header_at.sub("schema"), ctx, header_where)
                self.rest(old_h, new_h, header_at, ctx, header_where, {"schema"})

    def security(self, old_op: dict[str, Any], new_op: dict[str, Any], at: _At, name: str) -> None:
        # An operation without `security` inherits the spec's: compare what applies to it.
        old, old_at = _security(self.old, old_op, at.old)
        new, new_at = _security(self.new, new_op, at.new)
        for requirement, index in old.items():
            if requirement not in new:
                text = f"security requirement {requirement} of {name} removed"
                at_i = old_at + pointer(index)
                self.emit("security-requirement-removed", at_i, text, requirement, None, None)
        for requirement, index in new.items():
            if requirement not in old:
                text = f"security requirement {requirement} of {name} added"
                at_i = new_at + pointer(index)
                self.emit("security-requirement-added", at_i, text, None, requirement, None)

    # Schemas ---------------------------------------------------------------------------------

    def schema(self, old: Any, new: Any, at: _At, ctx: str, where: str) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            if old != new:
                where_at = at.new if new is not None else at.old
                self.emit("type-changed", where_at, f"schema of {where} changed", old, new, ctx)
            return
        old_ref, new_ref = _schema_ref(old), _schema_ref(new)
        if old_ref != new_ref:
            # Another model (or an inline schema instead of one) is another type in the SDK.
            text = f"{where} changed from {_model(old_ref)} to {_model(new_ref)}"
            self.emit("type-changed", at.new, text, old_ref, new_ref, ctx)
            return
        self.keywords(_without_ref(old), _without_ref(new), at, ctx, where)
        if old_ref is not None:
            self.component(old_ref, ctx)

    def component(self, ref: str, ctx: str) -> None:
        """A component schema reached through `$ref`, compared once per context."""
        self.reached.add(ref)
        if (ref, ctx) in self.walked:
            return
        self.walked.add((ref, ctx))
        try:
            old, new = resolve_pointer(self.old, ref), resolve_pointer(self.new, ref)
        except KeyError:
            return  # a dangling or removed target: validation and schema-removed report it
        name = last(ref)
        self.schema(old, new, _At(ref[1:], ref[1:]), ctx, name)

    def keywords(
        self, old: dict[str, Any], new: dict[str, Any], at: _At, ctx: str, where: str
    ) -> None:
        if old.get("type") != new.get("type"):
            text = (
                f"type of {where} changed from {_show(old.get('type'))} to {_show(new.get('type'))}"
            )
            self.emit(
                "type-changed", at.of("type", new), text, old.get("type"), new.get("type"), ctx
            )
        elif old.get("format") != new.get("format"):
            was, now = old.get("format"), new.get("format")
            direction = _format_direction(was, now)
            kind = _kind(f"format-{direction}", ctx) if direction else "format-changed"
            text = f"format of {where} {direction or 'changed'} from {_show(was)} to {_show(now)}"
            self.emit(kind, at.of("format", new), text, was, now, ctx)
        self.properties(old, new, at, ctx, where)
        if "items" in old or "items" in new:
            self.schema(old.get("items"), new.get("items"), at.sub("items"), ctx, where + "[]")
        self.enum(old, new, at, ctx, where)
        for keyword, exclusive, stem, upper in _BOUNDS:
            self.bound(old, new, at, ctx, where, (keyword, exclusive, stem, upper))
        self.pattern(old, new, at, ctx, where)
        self.nullable(old, new, at, ctx, where)
        self.default(old, new, at, ctx, where)
        self.subschemas(old, new, at, ctx, where)
        self.rest(old, new, at, ctx, where, _SCHEMA_KEYS_HANDLED)
        self.extension_refs(old, new, ctx)

    def properties(
        self, old: dict[str, Any], new: dict[str, Any], at: _At, ctx: str, where: str
    ) -> None:
        old_props, new_props = _mapping(old.get("properties")), _mapping(new.get("properties"))
        old_required, new_required = _names(old.get("required")), _names(new.get("required"))
        for name in sorted(old_props.keys() | new_props.keys()):
            sub, label = at.sub("properties", name), f"{where}.{name}"
            if name not in new_props:
                self.emit("property-removed", sub.old, f"{label} removed", name, None, ctx)
            elif name not in old_props:
                # A field the service must now be sent breaks callers; one it now always sends does not.
                required = name in new_required and ctx not in _PARSED
                kind = "required-property-added" if required else "property-added"
                text = f"{label} added" + (" (required)" if required else "")
                self.emit(kind, sub.new, text, None, name, ctx)
            else:
                self.requiredness(name in old_required, name in new_required, sub.new, ctx, label)
                self.schema(old_props[name], new_props[name], sub, ctx, label)

    def requiredness(self, was: bool, now: bool, at: str, ctx: str, label: str) -> None:
        if was != now:
            kind = _kind("property-became-required" if now else "property-became-optional", ctx)
            self.emit(
                kind, at, f"{label} became {'required' if now else 'optional'}", was, now, ctx
            )

    def enum(self, old: dict[str, Any], new: dict[str, Any], at: _At, ctx: str, where: str) -> None:
        old_enum, new_enum = old.get("enum"), new.get("enum")
        if old_enum == new_enum:
            return
        if not isinstance(new_enum, list):
            text = f"enum of {where} removed: any value is accepted"
            self.emit(_kind("enum-removed", ctx), at.old + "/enum", text, old_enum, None, ctx)
            return
        if not isinstance(old_enum, list):
            text = f"enum of {where} added: {_show(new_enum)}"
            self.emit(_kind("enum-added", ctx), at.new + "/enum", text, None, new_enum, ctx)
            return
        for i, value in enumerate(old_enum):
            if not _contains(new_enum, value):
                text = f"enum value {_show(value)} removed from {where}"
                self.emit(
                    _kind("enum-value-removed", ctx),
                    at.old + pointer("enum", i),
                    text,
                    value,
                    None,
                    ctx,
                )
        for i, value in enumerate(new_enum):
            if not _contains(old_enum, value):
                text = f"enum value {_show(value)} added to {where}"
                self.emit(
                    _kind("enum-value-added", ctx),
                    at.new + pointer("enum", i),
                    text,
                    None,
                    value,
                    ctx,
                )

    def bound(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        at: _At,
        ctx: str,
        where: str,
        bound: tuple[str, str | None, str, bool],
    ) -> None:
        keyword, exclusive, stem, upper = bound
        old_key, new_key = (
            _bound_key(old, keyword, exclusive, upper),
            _bound_key(new, keyword, exclusive, upper),
        )
        if old_key == new_key:
            return
        narrowed = new_key < old_key if upper else new_key > old_key
        changed = keyword if old.get(keyword) != new.get(keyword) or not exclusive else exclusive
        verb = "narrowed" if narrowed else "widened"
        text = (
            f"{keyword} of {where} {verb} from {_bound_text(old, keyword, exclusive)}"
            f" to {_bound_text(new, keyword, exclusive)}"
        )
        kind = _kind(f"{stem}-{verb}", ctx)
        self.emit(kind, at.of(changed, new), text, old.get(keyword), new.get(keyword), ctx)

    def pattern(
        self, old: dict[str, Any], new: dict[str, Any], at: _At, ctx: str, where: str
    ) -> None:
        old_pattern, new_pattern = old.get("pattern"), new.get("pattern")
        if old_pattern == new_pattern:
            return
        if old_pattern is None:
            kind, verb = _kind("pattern-added", ctx), "added"
        elif new_pattern is None:
            kind, verb = _kind("pattern-removed", ctx), "removed"
        else:
            widened = admits_all(new_pattern, old_pattern)
            narrowed = admits_all(old_pattern, new_pattern)
            if widened and narrowed:
                kind, verb = "pattern-equivalent", "rewritten, admitting the same strings"
            elif widened:
                kind, verb = _kind("pattern-widened", ctx), "widened"
            elif narrowed:
                kind, verb = _kind("pattern-narrowed", ctx), "narrowed"
            else:
                kind, verb = "pattern-changed", "changed"
        text = f"pattern of {where} {verb}"
        self.emit(kind, at.of("pattern", new), text, old_pattern, new_pattern, ctx)

    def nullable(
        self, old: dict[str, Any], new: dict[str, Any], at: _At, ctx: str, where: str
    ) -> None:
        was, now = old.get("nullable") is True, new.get("nullable") is True
        if was != now:
            kind = _kind("nullable-added" if now else "nullable-removed", ctx)
            text = f"{where} {'became' if now else 'is no longer'} nullable"
            self.emit(kind, at.of("nullable", new), text, was, now, ctx)

    def default(
        self, old: dict[str, Any], new: dict[str, Any], at: _At, ctx: str, where: str
    ) -> None:
        if "default" not in old and "default" not in new:
            return
        old_default, new_default = old.get("default"), new.get("default")
        if "default" in old and "default" in new:
            if _same(old_default, new_default):
                return
            kind = "default-changed"
            text = f"default of {where} changed from {_show(old_default)} to {_show(new_default)}"
        elif "default" in new:
            kind, text = "default-added", f"default {_show(new_default)} added to {where}"
        else:
            kind, text = "default-removed", f"default {_show(old_default)} removed from {where}"
        self.emit(kind, at.of("default", new), text, old_default, new_default, ctx)

    def subschemas(
        self, old: dict[str, Any], new: dict[str, Any], at: _At, ctx: str, where: str
    ) -> None:
        for key in ("additionalProperties", "not"):
            old_sub, new_sub = old.get(key), new.get(key)
            if isinstance(old_sub, dict) and isinstance(new_sub, dict):
                self.schema(old_sub, new_sub, at.sub(key), ctx, f"{where} ({key})")
            elif old_sub != new_sub:
                text = f"{key} of {where} changed"
                self.emit("keyword-changed", at.of(key, new), text, old_sub, new_sub, ctx)
        for key in ("allOf", "oneOf", "anyOf"):
            old_list, new_list = old.get(key), new.get(key)
            if (
                isinstance(old_list, list)
                and isinstance(new_list, list)
                and len(old_list) == len(new_list)
            ):
                for i, (old_sub, new_sub) in enumerate(zip(old_list, new_list, strict=True)):
                    self.schema(old_sub, new_sub, at.sub(key, i), ctx, where)
            elif key != "allOf" and (change := _variants(old_list, new_list)) is not None:
                verb, variants = change
                text = f"{key} of {where}: variant(s) {verb}: {_show(variants)}"
                self.emit(
                    _kind(f"variant-{verb}", ctx), at.of(key, new), text, old_list, new_list, ctx
                )
            elif old_list != new_list:
                text = f"{key} of {where} changed"
                self.emit("keyword-changed", at.of(key, new), text, old_list, new_list, ctx)

    def extension_refs(self, old: dict[str, Any], new: dict[str, Any], ctx: str) -> None:
        # An extension may name models the SDK uses (x-message-schemas: the decoded callback
        # messages); walk those in the same context so their changes get the right direction.
        for key in sorted(old.keys() & new.keys(), key=str):
            if not str(key).startswith("x-"):
                continue
            refs = {r for r, _ in iter_refs(old[key])} & {r for r, _ in iter_refs(new[key])}
            for ref in sorted(refs):
                if ref.startswith("#/components/schemas/"):
                    self.component(ref, ctx)

    # Everything else -------------------------------------------------------------------------

    def rest(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        at: _At,
        ctx: str | None,
        where: str,
        skip: Iterable[str],
        other: str = "keyword-changed",
    ) -> None:
        """Keys not handled elsewhere: documentation, extensions, else `other` (breaking)."""
        for key in sorted((old.keys() | new.keys()) - set(skip), key=str):
            if key in old and key in new and _same(old[key], new[key]):
                continue
            verb = "added" if key not in old else "removed" if key not in new else "changed"
            kind = _loose_kind(str(key), other)
            self.emit(
                kind, at.of(key, new), f"{key} of {where} {verb}", old.get(key), new.get(key), ctx
            )

    def security_schemes(self) -> None:
        old = _mapping(_mapping(self.old.get("components")).get("securitySchemes"))
        new = _mapping(_mapping(self.new.get("components")).get("securitySchemes"))
        for name in sorted(old.keys() | new.keys()):
            at_ = pointer("components", "securitySchemes", name)
            if name not in new:
                self.emit(
                    "security-scheme-removed",
                    at_,
                    f"security scheme {name} removed",
                    name,
                    None,
                    None,
                )
            elif name not in old:
                self.emit(
                    "security-scheme-added", at_, f"security scheme {name} added", None, name, None
                )
            else:
                old_s, new_s = _mapping(old[name]), _mapping(new[name])
                where = f"security scheme {name}"
                self.rest(old_s, new_s, _At(at_, at_), None, where, (), "security-scheme-changed")

    def servers(self) -> None:
        old, new = _list(self.old.get("servers")), _list(self.new.get("servers"))
        for i in range(max(len(old), len(new))):
            at = _At(pointer("servers", i), pointer("servers", i))
            if i >= len(new):
                url = _mapping(old[i]).get("url")
                self.emit("server-removed", at.old, f"server {url} removed", url, None, None)
            elif i >= len(old):
                url = _mapping(new[i]).get("url")
                self.emit("server-added", at.new, f"server {url} added", None, url, None)
            else:
                self.server(_mapping(old[i]), _mapping(new[i]), at)

    def server(self, old: dict[str, Any], new: dict[str, Any], at: _At) -> None:
        if old.get("url") != new.get("url"):
            text = f"server URL changed from {old.get('url')} to {new.get('url')}"
            self.emit(
                "server-url-changed", at.of("url", new), text, old.get("url"), new.get("url"), None
            )
        old_vars, new_vars = _mapping(old.get("variables")), _mapping(new.get("variables"))
        for name in sorted(old_vars.keys() | new_vars.keys()):
            sub, where = at.sub("variables", name), f"server variable {name}"
            if name in old_vars and name in new_vars:
                # The caller picks a variable's value, as it fills in a request.
                self.keywords(
                    _mapping(old_vars[name]), _mapping(new_vars[name]), sub, "server", where
                )
            else:
                verb, place = ("removed", sub.old) if name in old_vars else ("added", sub.new)
                self.emit(
                    "keyword-changed",
                    place,
                    f"{where} {verb}",
                    old_vars.get(name),
                    new_vars.get(name),
                    None,
                )
        self.rest(old, new, at, None, f"server {new.get('url')}", {"url", "variables"})

    def top_level(self) -> None:
        old_info, new_info = _mapping(self.old.get("info")), _mapping(self.new.get("info"))
        self.rest(old_info, new_info, _At("/info", "/info"), None, "info", (), "info-changed")
        if not _same(self.old.get("tags"), self.new.get("tags")):
            # The spec's tag list is documentation; the tags operations carry are compared with them.
            self.emit(
                "description-changed",
                "/tags",
                "tags changed",
                self.old.get("tags"),
                self.new.get("tags"),
                None,
            )
        skip = {"paths", "components", "servers", "info", "security", "tags"}
        self.rest(self.old, self.new, _At("", ""), None, "the spec", skip)

    def component_schemas(self) -> None:
        old = _mapping(_mapping(self.old.get("components")).get("schemas"))
        new = _mapping(_mapping(self.new.get("components")).get("schemas"))
        for name in sorted(old.keys() | new.keys()):
            at_ = pointer("components", "schemas", name)
            if name not in new:
                self.emit(
                    "schema-removed",
                    at_,
                    f"schema {name} removed (a public model)",
                    name,
                    None,
                    None,
                )
            elif name not in old:
                self.emit("schema-added", at_, f"schema {name} added", None, name, None)
            elif "#" + at_ not in self.reached:
                # Used by no operation: still a public model, which callers build like a request.
                self.component("#" + at_, "component")


# Formats of one number type, from narrowest to widest.
_FORMAT_ORDERS = (("int32", "int64"), ("float", "double"))


def _format_direction(was: Any, now: Any) -> str | None:
    """ "widened" or "narrowed" when the two formats are ordered (none admits the most)."""
    if now is None:
        return "widened"
    if was is None:
        return "narrowed"
    for order in _FORMAT_ORDERS:
        if was in order and now in order:
            return "widened" if order.index(now) > order.index(was) else "narrowed"
    return None


def _variants(old: Any, new: Any) -> tuple[str, list[Any]] | None:
    """("added" | "removed", the variants) when one oneOf/anyOf list contains the other."""
    old_items, new_items = _list(old), _list(new)
    if not old_items or not new_items:
        return None
    if all(_contains(new_items, item) for item in old_items):
        return "added", [item for item in new_items if not _contains(old_items, item)]
    if all(_contains(old_items, item) for item in new_items):
        return "removed", [item for item in old_items if not _contains(new_items, item)]
    return None


def _kind(base: str, ctx: str | None) -> str:
    """The kind for a change in `ctx`: the `response-` twin where the SDK parses strictly."""
    twin = "response-" + base
    return twin if ctx in _PARSED and twin in KINDS else base


def _loose_kind(key: str, other: str) -> str:
    if key.startswith("x-"):
        return "extension-changed"
    if key in _DOC_KEYS:
        return "description-changed"
    if key in _EXAMPLE_KEYS:
        return "example-changed"
    if key == "deprecated":
        return "deprecated-changed"
    return other


def _parameters(site: Operation) -> dict[tuple[str, str], tuple[dict[str, Any], str, str]]:
    """(in, name) → (parameter, its pointer after `$ref`, its entry's pointer), as the spec core
    merges them (the operation's own parameters override its path item's)."""
    return {(p.location, p.name): (dict(p.node), p.target_at, p.at) for p in site.parameters}


def _security(
    document: dict[str, Any], op: dict[str, Any], op_at: str
) -> tuple[dict[str, int], str]:
    """The security requirements applying to `op` (canonical text → index), and their pointer."""
    requirements, at = (
        (op["security"], op_at + "/security")
        if "security" in op
        else (document.get("security"), "/security")
    )
    found: dict[str, int] = {}
    for i, requirement in enumerate(_list(requirements)):
        found.setdefault(" + ".join(sorted(map(str, _mapping(requirement)))) or "(none)", i)
    return found, at


def _schema_ref(schema: dict[str, Any]) -> str | None:
    """The component a schema stands for: a `$ref`, or `allOf` with a single `$ref` in it."""
    if isinstance(schema.get("$ref"), str):
        return str(schema["$ref"])
    all_of = schema.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
        ref = all_of[0].get("$ref")
        return ref if isinstance(ref, str) else None
    return None


def _without_ref(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema's own keywords: what sits beside its `$ref` (a description, an x-doc...)."""
    drop = {"$ref", "allOf"} if _schema_ref(schema) is not None else set()
    return {k: v for k, v in schema.items() if k not in drop}


def _model(ref: str | None) -> str:
    return f"model {ref.rsplit('/', 1)[-1]}" if ref else "an inline schema"


def _bound_key(
    schema: dict[str, Any], keyword: str, exclusive: str | None, upper: bool
) -> tuple[float, int]:
    """A bound as a sortable key; an exclusive bound sits just inside its value."""
    value = schema.get(keyword)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        # No bound: unlimited, except that lengths and item counts cannot go below 0.
        floor = 0.0 if keyword in ("minLength", "minItems") else -math.inf
        return (math.inf if upper else floor, 0)
    inward = (-1 if upper else 1) if exclusive and schema.get(exclusive) is True else 0
    return (float(value), inward)


def _bound_text(schema: dict[str, Any], keyword: str, exclusive: str | None) -> str:
    if keyword not in schema:
        return "none"
    suffix = " (exclusive)" if exclusive and schema.get(exclusive) is True else ""
    return f"{_show(schema[keyword])}{suffix}"


def _contains(values: list[Any], value: Any) -> bool:
    return any(_same(v, value) for v in values)


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values: `1` and `1.0` are the same number, but `true` is not `1`."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and bool(a == b)


def _names(value: Any) -> set[str]:
    return {str(v) for v in value} if isinstance(value, list) else set()


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _op_name(site: Operation) -> str:
    return site.operation_id or site.label


# Waivers -----------------------------------------------------------------------------------------


def load_waivers(path: Path) -> list[Waiver]:
    """The waivers in `path`; none when the file does not exist."""
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise _waiver_error(path, f"not valid YAML: {one_line(exc)}") from None
    if data is None:
        return []
    if not isinstance(data, dict) or "waivers" not in data:
        raise _waiver_error(path, "expected a mapping with a `waivers` list")
    entries = data["waivers"] if data["waivers"] is not None else []
    if not isinstance(entries, list):
        raise _waiver_error(path, "`waivers` must be a list of entries", "/waivers")
    return [_waiver(path, i, entry) for i, entry in enumerate(entries)]


def _waiver(path: Path, index: int, entry: Any) -> Waiver:
    where = pointer("waivers", index)

    def problem(message: str) -> WaiverError:
        return _waiver_error(path, message, where)

    if not isinstance(entry, dict):
        raise problem("expected a mapping with kind, pointer and reason")
    unknown = sorted(set(map(str, entry)) - {"kind", "pointer", "reason"})
    if unknown:
        raise problem(f"unknown key(s) {', '.join(unknown)}")
    kind, at, reason = entry.get("kind"), entry.get("pointer"), entry.get("reason")
    if not isinstance(kind, str) or not kind:
        raise problem("missing `kind`")
    if kind not in KINDS:
        raise problem(f"unknown kind {kind!r} (the kinds are KINDS in {__name__})")
    if not isinstance(at, str) or not at.startswith("/"):
        raise problem("missing `pointer` (a JSON pointer such as /components/...)")
    if not isinstance(reason, str) or not reason.strip():
        raise problem(f"({kind} at {at}): needs a `reason`, why the break is accepted")
    return Waiver(kind, at, reason.strip())


def apply_waivers(
    changes: Iterable[Change], waivers: Sequence[Waiver]
) -> tuple[list[Change], list[Waiver]]:
    """The changes, marked waived where a waiver names their kind and pointer; unused waivers."""
    by_key = {(w.kind, w.pointer): w for w in waivers}
    used: set[tuple[str, str]] = set()
    result = []
    for change in changes:
        waiver = by_key.get((change.kind, change.pointer))
        if waiver is not None:
            used.add((waiver.kind, waiver.pointer))
            change = replace(change, waived_by=waiver.reason)
        result.append(change)
    return result, [w for w in waivers if (w.kind, w.pointer) not in used]


# Reading specs -----------------------------------------------------------------------------------


def read_spec(
    source: str, *, repo: Path, default_path: str = DEFAULT_SPEC_PATH
) -> tuple[str, dict[str, Any]]:
    """(label, spec) from a file, or from a git revision of `repo`: `REV` or `REV:path`."""
    if Path(source).is_file():
        return source, _parse(source, Path(source).read_bytes())
    revision, _, path = source.partition(":")
    label = f"{revision}:{path or default_path}"
    # A leading dash would make git read the revision as an option.
    if not revision or revision.startswith("-"):
        raise _source_error(source, "not a file, and not a git revision")
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), "show", label],
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise _source_error(source, f"not a file, and git cannot run: {exc}") from None
    if result.returncode != 0:
        first = (result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[0]
        raise _source_error(source, f"not a file, and git cannot show {label}: {first}")
    return label, _parse(label, result.stdout)


def _parse(label: str, raw: bytes) -> dict[str, Any]:
    # The same strict reading as `validate` (duplicate keys rejected, lines kept): a spec diff must
    # not compare a document that validation would refuse.
    try:
        return parse_spec(raw, Path(label)).data
    except SpecError as exc:
        raise SpecSourceError([replace(d, file=label) for d in exc.diagnostics]) from None


# Reports -----------------------------------------------------------------------------------------


def render_markdown(report: DiffReport) -> str:
    """A pull-request comment: the verdict, then a table per group, then unused waivers."""
    lines = [_verdict(report)]
    if report.changes:
        lines += ["", f"Compared `{markdown_cell(report.old)}` with `{markdown_cell(report.new)}`."]
    groups = (
        ("Breaking", report.breaking),
        ("Waived", report.waived),
        ("Compatible", report.compatible),
    )
    for title, changes in groups:
        if changes:
            lines += ["", f"### {title} ({len(changes)})", ""] + _table(changes, title == "Waived")
    if report.unused_waivers:
        lines += ["", f"### Unused waivers ({len(report.unused_waivers)})", ""]
        lines.append("These waivers match no change; remove them from the waiver file.")
        lines.append("")
        lines += [
            f"- `{w.kind}` at `{markdown_cell(w.pointer)}`: {markdown_cell(w.reason)}"
            for w in report.unused_waivers
        ]
    return "\n".join(lines) + "\n"


def _verdict(report: DiffReport) -> str:
    if not report.changes:
        return "No changes."
    breaking, waived = len(report.breaking), len(report.waived)
    if breaking:
        head = f"**{breaking} breaking change{'s' if breaking != 1 else ''}**"
    else:
        head = "No unwaived breaking changes" if waived else "No breaking changes"
    if waived:
        head += f" ({waived} waived)"
    return f"{head}, {len(report.compatible)} compatible"


def _table(changes: Sequence[Change], with_reason: bool) -> list[str]:
    header = ["kind", "where", "change"] + (["reason"] if with_reason else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for c in changes:
        text = c.message + (f" ({', '.join(c.contexts)})" if c.contexts else "")
        cells = [f"`{c.kind}`", f"`{markdown_cell(c.pointer)}`", markdown_cell(text)]
        cells += [markdown_cell(c.waived_by or "")] if with_reason else []
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_json(report: DiffReport) -> str:
    """The report as stable JSON: sorted keys, indent 2, every field of every change."""
    data = {
        "old": report.old,
        "new": report.new,
        "exit_code": report.exit_code,
        "summary": {
            "breaking": len(report.breaking),
            "waived": len(report.waived),
            "compatible": len(report.compatible),
        },
        "changes": [asdict(c) for c in report.changes],
        "unused_waivers": [asdict(w) for w in report.unused_waivers],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"


_RENDERERS: dict[str, Callable[[DiffReport], str]] = {
    "markdown": render_markdown,
    "json": render_json,
}


def run_diff(
    old_source: str, new_source: str, *, repo: Path, waivers: Path, fmt: str
) -> tuple[str, int]:
    """Read both specs and the waivers, diff, render in `fmt` (markdown or json): (text, exit code)."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(_RENDERERS)}")
    accepted = load_waivers(waivers)
    old_label, old = read_spec(old_source, repo=repo)
    new_label, new = read_spec(new_source, repo=repo)
    changes, unused = apply_waivers(diff_specs(old, new), accepted)
    report = DiffReport(old_label, new_label, changes, unused)
    return _RENDERERS[fmt](report), report.exit_code
