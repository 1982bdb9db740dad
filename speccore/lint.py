"""Our lint rules, beyond what openapi-spec-validator checks. Each rule yields Diagnostics."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from openapi_schema_validator import OAS30Validator

from speccore.diagnostics import Diagnostic
from speccore.pointers import pointer
from speccore.refs import deref, iter_refs
from speccore.walk import iter_operations, iter_schemas

Rule = Callable[[dict[str, Any]], Iterator[Diagnostic]]
COMPONENT_KINDS = ("schemas", "parameters", "headers", "responses", "requestBodies", "examples")


def rule_operation_ids(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every operation has an operationId, and no two share one."""
    seen: dict[str, str] = {}
    for site in iter_operations(document):
        op_id = site.operation.get("operationId")
        if not isinstance(op_id, str) or not op_id:
            yield Diagnostic(
                site.at, f"{site.method.upper()} {site.path} has no operationId", "operation-id"
            )
        elif op_id in seen:
            msg = f"operationId {op_id!r} is already used at {seen[op_id]}"
            yield Diagnostic(site.at + "/operationId", msg, "operation-id")
        else:
            seen[op_id] = site.at


def rule_operation_tags(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every operation has a tag, and every tag it uses is declared in the top-level `tags`."""
    declared = {t.get("name") for t in document.get("tags") or [] if isinstance(t, dict)}
    for site in iter_operations(document):
        tags = site.operation.get("tags") or []
        if not tags:
            yield Diagnostic(
                site.at, f"{site.method.upper()} {site.path} has no tag", "operation-tag"
            )
        for i, tag in enumerate(tags):
            if tag not in declared:
                msg = f"tag {tag!r} is not declared in the top-level tags"
                yield Diagnostic(site.at + pointer("tags", i), msg, "operation-tag")


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
    """Every property and parameter names the doc table(s) it was transcribed from (x-doc-tables)."""
    holders = [(s.at, s.schema) for s in iter_schemas(document) if s.property_name is not None]
    holders += _parameters(document)
    for at, holder in holders:
        tables = holder.get("x-doc-tables")
        ok = (
            isinstance(tables, list)
            and tables
            and all(isinstance(t, int) and not isinstance(t, bool) and t >= 1 for t in tables)
        )
        if not ok:
            msg = "x-doc-tables must list the doc table numbers this comes from, e.g. [4]"
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


RULES: tuple[Rule, ...] = (
    rule_operation_ids,
    rule_operation_tags,
    rule_descriptions,
    rule_doc_tables,
    rule_doc_decisions,
    rule_bounds,
    rule_examples,
    rule_unused_components,
)


def lint(document: dict[str, Any]) -> Iterator[Diagnostic]:
    """Run every rule on a document that openapi-spec-validator already accepted."""
    for rule in RULES:
        yield from rule(document)


def _check(
    root: OAS30Validator, schema: Any, value: Any, at: str, what: str
) -> Iterator[Diagnostic]:
    validator = root.evolve(schema=copy.deepcopy(schema))
    for error in validator.iter_errors(value):
        where = "".join(f"[{p!r}]" for p in error.absolute_path)
        message = f"{what}{where} does not fit its schema: {error.message}"
        yield Diagnostic(at + pointer(*error.absolute_path), message, "example")


def _parameters(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [
        (pointer("components", "parameters", name), p)
        for name, p in ((document.get("components") or {}).get("parameters") or {}).items()
        if isinstance(p, dict)
    ]
    for site in iter_operations(document):
        for i, p in enumerate(site.operation.get("parameters") or []):
            if isinstance(p, dict) and "$ref" not in p:
                found.append((site.at + pointer("parameters", i), p))
    return found


def _example_holders(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    # Parameters and media type objects: both hold a schema beside example / examples.
    yield from _parameters(document)
    for site in iter_operations(document):
        op = site.operation
        holders = [(site.at + "/requestBody", op.get("requestBody"))]
        holders += [
            (site.at + pointer("responses", s), r) for s, r in (op.get("responses") or {}).items()
        ]
        for at, holder in holders:
            content = holder.get("content") if isinstance(holder, dict) else None
            for media, media_object in (content or {}).items():
                if isinstance(media_object, dict):
                    yield at + pointer("content", media), media_object


def _walk(node: Any, at: str) -> Iterator[tuple[str, Any]]:
    yield at, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, at + pointer(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, at + pointer(i))
