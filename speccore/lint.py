"""Our lint rules, beyond what openapi-spec-validator checks. Each rule yields Diagnostics."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from speccore.decisions import source_references
from speccore.diagnostics import Diagnostic, Level
from speccore.loading import NON_STRING_KEY
from speccore.model import all_operations
from speccore.pointers import pointer
from speccore.refs import deref, iter_refs
from speccore.walk import iter_schemas

if TYPE_CHECKING:  # imported where the examples are checked: 0.35 s that most commands skip
    from openapi_schema_validator import OAS30Validator

Rule = Callable[[dict[str, Any]], Iterator[Diagnostic]]
COMPONENT_KINDS = ("schemas", "parameters", "headers", "responses", "requestBodies", "examples")


def rule_operation_ids(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every operation has an operationId, and no two share one."""
    seen: dict[str, str] = {}
    for op in all_operations(document):
        if op.operation_id is None:
            yield Diagnostic(op.at, f"{op.label} has no operationId", "operation-id")
        elif op.operation_id in seen:
            msg = f"operationId {op.operation_id!r} is already used at {seen[op.operation_id]}"
            yield Diagnostic(op.at + "/operationId", msg, "operation-id")
        else:
            seen[op.operation_id] = op.at


def rule_operation_tags(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every operation has a tag, and every tag it uses is declared in the top-level `tags`."""
    declared = {t.get("name") for t in document.get("tags") or [] if isinstance(t, dict)}
    for op in all_operations(document):
        if not op.tags:
            yield Diagnostic(op.at, f"{op.label} has no tag", "operation-tag")
        for i, tag in enumerate(op.tags):
            if tag not in declared:
                msg = f"tag {tag!r} is not declared in the top-level tags"
                yield Diagnostic(op.at + pointer("tags", i), msg, "operation-tag")


def rule_descriptions(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every property, component schema and parameter has a description."""
    for site in iter_schemas(document):
        if (site.property_name is not None or site.is_component) and not site.schema.get(
            "description"
        ):
            what = f"property {site.property_name!r}" if site.property_name else "schema"
            yield Diagnostic(site.at, f"{what} has no description", "description")
    for at, parameter in _parameters(document):
        if not parameter.get("description"):
            yield Diagnostic(
                at, f"parameter {parameter.get('name')!r} has no description", "description"
            )


def rule_doc_tables(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every property and parameter says where it comes from: the doc table(s) of the committed page
    it was transcribed from (x-doc-tables), or, for a fact the page does not have, its source
    (x-source: a reference such as `companion-operations.json#/endpoints/1`, or a list of them)."""
    holders = [(s.at, s.schema) for s in iter_schemas(document) if s.property_name is not None]
    holders += _parameters(document)
    for at, holder in holders:
        tables, source = holder.get("x-doc-tables"), holder.get("x-source")
        if source is not None and tables is not None:
            msg = "both x-doc-tables and x-source: a fact comes from the doc page or from elsewhere"
            yield Diagnostic(at, msg, "doc-table")
        elif source is not None:
            if not source_references(source):
                msg = "x-source must name where this comes from: a non-empty string or list of them"
                yield Diagnostic(at + "/x-source", msg, "doc-table")
        elif not (
            isinstance(tables, list)
            and tables
            and all(isinstance(t, int) and not isinstance(t, bool) and t >= 1 for t in tables)
        ):
            msg = (
                "x-doc-tables must list the doc table numbers this comes from, e.g. [4] "
                "(or x-source name its source)"
            )
            yield Diagnostic(at, msg, "doc-table")


def rule_doc_decisions(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every x-doc decision quotes the doc, names the keyword it concerns and states the choice."""
    for at, node in _walk(document, ""):
        decisions = node.get("x-doc") if isinstance(node, dict) else None
        if decisions is None:
            continue
        if not isinstance(decisions, list) or not decisions:
            yield Diagnostic(at + "/x-doc", "x-doc must be a non-empty list of decisions", "x-doc")
            continue
        for i, decision in enumerate(decisions):
            missing = [
                key
                for key in ("keyword", "quote", "choice")
                if not (
                    isinstance(decision, dict)
                    and isinstance(decision.get(key), str)
                    and decision[key]
                )
            ]
            if missing:
                msg = f"x-doc decision lacks {', '.join(missing)}"
                yield Diagnostic(at + pointer("x-doc", i), msg, "x-doc")


def rule_bounds(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Numbers carry both bounds (the doc gives a 取值范围 for each); bounds are ordered."""
    for site in iter_schemas(document):
        schema = site.schema
        kind = schema.get("type")
        if kind in ("integer", "number") and not schema.get("x-doc-unbounded"):
            for keyword in ("minimum", "maximum"):
                if keyword not in schema:
                    msg = f"{kind} has no {keyword}: transcribe the doc's 取值范围 (or set x-doc-unbounded)"
                    yield Diagnostic(site.at, msg, "bounds")
        for low, high in (
            ("minimum", "maximum"),
            ("minLength", "maxLength"),
            ("minItems", "maxItems"),
        ):
            if isinstance(schema.get(low), int | float) and isinstance(
                schema.get(high), int | float
            ):
                if schema[low] > schema[high]:
                    msg = f"{low} {schema[low]} is greater than {high} {schema[high]}"
                    yield Diagnostic(site.at + pointer(low), msg, "bounds")
        if "minLength" in schema and "maxLength" not in schema:
            msg = "minLength without maxLength: the doc's 字符长度 gives both"
            yield Diagnostic(site.at, msg, "bounds")


def rule_examples(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every example, enum value and default validates against the schema it belongs to."""
    from openapi_schema_validator import OAS30Validator

    root = OAS30Validator(document)
    for site in iter_schemas(document):
        schema = site.schema
        if "example" in schema:
            yield from _check(root, schema, schema["example"], site.at + "/example", "example")
        if "default" in schema:
            yield from _check(root, schema, schema["default"], site.at + "/default", "default")
        if isinstance(schema.get("enum"), list):
            unconstrained = {k: v for k, v in schema.items() if k != "enum"}
            for i, value in enumerate(schema["enum"]):
                yield from _check(root, unconstrained, value, site.at + pointer("enum", i), "enum")
    for at, holder in _example_holders(document):
        holder_schema = holder.get("schema")
        if not isinstance(holder_schema, dict):
            continue
        if "example" in holder:
            yield from _check(root, holder_schema, holder["example"], at + "/example", "example")
        for name, example in (holder.get("examples") or {}).items():
            example = deref(document, example)
            if isinstance(example, dict) and "value" in example:
                where = at + pointer("examples", name, "value")
                yield from _check(root, holder_schema, example["value"], where, "example")


def rule_unused_components(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every component is referenced somewhere (a `$ref` in an extension counts)."""
    used = {ref for ref, _ in iter_refs(document)}
    components = document.get("components") or {}
    for kind in COMPONENT_KINDS:
        for name in components.get(kind) or {}:
            target = "#" + pointer("components", kind, name)
            if target not in used:
                yield Diagnostic(
                    target[1:], f"{kind[:-1]} {name!r} is never referenced", "unused-component"
                )


RULES: dict[str, Rule] = {
    "operation-id": rule_operation_ids,
    "operation-tag": rule_operation_tags,
    "description": rule_descriptions,
    "doc-table": rule_doc_tables,
    "x-doc": rule_doc_decisions,
    "bounds": rule_bounds,
    "example": rule_examples,
    "unused-component": rule_unused_components,
}
"""The project's house rules by name: what a transcription of a doc page must satisfy."""

UNSUPPORTED = "unsupported"
"""The rule of a construct the SDK generator cannot render (the operation is left out)."""

PROFILES: dict[str, dict[str, Level | None]] = {
    "house": {
        **{name: Level.ERROR for name in RULES},
        UNSUPPORTED: Level.ERROR,
        NON_STRING_KEY: Level.ERROR,
    },
    "openapi": {
        **{name: None for name in RULES},
        UNSUPPORTED: Level.WARNING,
        NON_STRING_KEY: Level.WARNING,
    },
}
"""Rule levels per profile: `house` for the project's own spec, `openapi` for any valid OpenAPI
3.0 document (OpenAPI validity only; what the generator cannot render is a warning)."""


@dataclass(frozen=True)
class LintConfig:
    """Which rules run, at which level (None: off)."""

    profile: str
    levels: Mapping[str, Level | None]

    @classmethod
    def of(cls, profile: str, overrides: Mapping[str, str] | None = None) -> LintConfig:
        """A profile's levels with per-rule overrides ("error", "warning" or "off").

        ValueError names an unknown profile, rule or level.
        """
        if profile not in PROFILES:
            raise ValueError(f"unknown lint profile {profile!r}; use one of: {', '.join(PROFILES)}")
        levels: dict[str, Level | None] = dict(PROFILES[profile])
        for rule, text in (overrides or {}).items():
            if rule not in levels:
                raise ValueError(f"unknown lint rule {rule!r}; rules: {', '.join(sorted(levels))}")
            if text not in ("error", "warning", "off"):
                raise ValueError(f"lint rule {rule!r}: level must be error, warning or off")
            levels[rule] = None if text == "off" else Level(text)
        return cls(profile, levels)

    def level(self, rule: str) -> Level | None:
        """The level of a rule (None: off)."""
        return self.levels.get(rule)


HOUSE = LintConfig.of("house")
OPENAPI = LintConfig.of("openapi")


def lint(document: dict[str, Any], config: LintConfig = HOUSE) -> Iterator[Diagnostic]:
    """Run every enabled rule on a document that openapi-spec-validator already accepted."""
    for name, rule in RULES.items():
        level = config.level(name)
        if level is None:
            continue
        for diagnostic in rule(document):
            yield replace(diagnostic, level=level)


def _check(
    root: OAS30Validator, schema: Any, value: Any, at: str, what: str
) -> Iterator[Diagnostic]:
    validator = root.evolve(schema=copy.deepcopy(schema))
    for error in validator.iter_errors(value):
        where = "".join(f"[{p!r}]" for p in error.absolute_path)
        message = f"{what}{where} does not fit its schema: {error.message}"
        yield Diagnostic(at + pointer(*error.absolute_path), message, "example")


def _parameters(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    # Each parameter object once, where it is written: components, path items and operations.
    found = {
        pointer("components", "parameters", name): p
        for name, p in ((document.get("components") or {}).get("parameters") or {}).items()
        if isinstance(p, dict)
    }
    for op in all_operations(document):
        for parameter in op.parameters:
            found.setdefault(parameter.target_at, dict(parameter.node))
    return list(found.items())


def _example_holders(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    # Parameters and media type objects: both hold a schema beside example / examples.
    found = dict(_parameters(document))
    for op in all_operations(document):
        for holder in ([op.body] if op.body else []) + list(op.responses):
            for media in holder.content:
                found.setdefault(media.at, dict(media.node))
    yield from found.items()


def _walk(node: Any, at: str) -> Iterator[tuple[str, Any]]:
    yield at, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, at + pointer(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, at + pointer(i))
