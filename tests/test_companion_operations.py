"""The lifecycle operations against their source, openapi/sources/companion-operations.json, both ways.

Forward: every fact of the file (operation, path, parameter, body and response field, its type,
enum, range, length, default and required flag) is in the spec. Reverse: every `x-source` of the
spec points at an entry of the file that has the same name, and every decision taken on a fact from
the file quotes the entry it is about.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import yaml

from speccore.decisions import decisions_of, source_references
from speccore.model import operations
from speccore.pointers import pointer
from speccore.refs import deref, resolve_pointer
from tests.conftest import ROOT, SPEC

SOURCE = ROOT / "openapi" / "sources" / "companion-operations.json"
REFERENCE: dict[str, Any] = json.loads(SOURCE.read_text())
SPEC_DATA: dict[str, Any] = yaml.safe_load(SPEC.read_text())
PREFIX = "companion-operations.json#"
SCHEMAS: dict[str, Any] = SPEC_DATA["components"]["schemas"]
OPERATIONS = {op.operation_id: op for op in operations(SPEC_DATA)}
ENDPOINTS = {e["operation"]: e for e in REFERENCE["endpoints"]}
SCALARS = {"String": "string", "Integer": "integer", "Float": "number", "Boolean": "boolean"}
OBJECT = re.compile(r"^(?P<name>\w+) object$")
ARRAY = re.compile(r"^Array of (?P<name>\w+) objects$")


def ref_name(node: Mapping[str, Any]) -> str | None:
    """The component a property refers to: `$ref`, or the one `allOf` entry beside a description."""
    target = node.get("$ref") or next(
        (entry.get("$ref") for entry in node.get("allOf") or [] if "$ref" in entry), None
    )
    return str(target).rsplit("/", 1)[1] if target else None


def assert_field(where: str, fact: dict[str, Any], prop: dict[str, Any]) -> None:
    """One field of the file against the spec's schema for it."""
    kind = fact["type"]
    if kind in SCALARS:
        assert prop.get("type") == SCALARS[kind], (where, kind, prop.get("type"))
    elif m := OBJECT.match(kind):
        assert ref_name(prop) == m["name"], (where, kind)
    elif m := ARRAY.match(kind):
        assert prop.get("type") == "array" and ref_name(prop["items"]) == m["name"], (where, kind)
    else:
        raise AssertionError(f"{where}: type {kind!r} has no reading here")
    enum = fact.get("enum") or fact.get("doc_values")
    if enum is not None:
        values = prop.get("enum") or (prop.get("items") or {}).get("enum")
        assert values == enum, (where, values, enum)
    for keyword, key in (
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("default", "default"),
        ("minLength", "min_length"),
        ("maxLength", "max_length"),
    ):
        if key in fact:
            assert prop.get(keyword) == fact[key], (where, keyword, prop.get(keyword), fact[key])


def wire_schema(parameter: Any) -> dict[str, Any]:
    """A query parameter's schema as the source types it: a comma-separated String is an array
    sent `style: form, explode: false` (one value, commas between), if a decision says so."""
    schema = dict(parameter.schema)
    if schema.get("type") == "array" and (parameter.style, parameter.explode) == ("form", False):
        assert decisions_of(parameter.node), f"{parameter.name}: an array for a String, undecided"
        return {**schema["items"], "type": "string"}
    return schema


def properties_of(name: str) -> dict[str, Any]:
    return dict(SCHEMAS[name].get("properties") or {})


# -- forward: the file's facts are in the spec -------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_each_operation_is_in_the_spec_with_its_method_path_and_parameters(name: str) -> None:
    endpoint, op = ENDPOINTS[name], OPERATIONS[name]
    assert (op.method.upper(), op.path) == (endpoint["method"], endpoint["path"])
    by_location = {(p.location, p.name): p for p in op.parameters}
    for location, key in (("path", "path_params"), ("query", "query_params")):
        declared = {n for loc, n in by_location if loc == location}
        assert declared == {p["name"] for p in endpoint[key]}, (name, location)
        for fact in endpoint[key]:
            parameter = by_location[(location, fact["name"])]
            assert parameter.required == bool(fact["required"]), (name, fact["name"])
            if location == "query":
                assert_field(f"{name} query {fact['name']}", fact, wire_schema(parameter))
    headers = {n.lower() for loc, n in by_location if loc == "header"}
    assert headers == {h["name"].lower() for h in endpoint["header_params"]}, name


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_each_response_body_field_is_in_the_spec(name: str) -> None:
    endpoint, op = ENDPOINTS[name], OPERATIONS[name]
    success = [r for r in op.responses if r.code is not None and 200 <= r.code < 300]
    assert len(success) == 1, name
    (response,) = success
    assert all(any(h.name == "X-Request-Id" for h in r.headers) for r in op.responses), name
    if endpoint["success_status"] is not None:
        assert response.code == endpoint["success_status"]
    else:
        # Not in the source: the chosen status is a recorded decision.
        assert any(d.keyword == "responses" for d in decisions_of(response.node)), name
    body = endpoint["response"]["body"]
    media = response.json
    if body is None:
        assert media is None, f"{name}: the source has no body"
        return
    assert media is not None and media.schema is not None
    schema_name = ref_name(media.schema)
    assert schema_name is not None
    declared = properties_of(schema_name)
    assert list(declared) == [fact["name"] for fact in body], name
    for fact in body:
        assert_field(f"{name} response {fact['name']}", fact, declared[fact["name"]])


def test_the_command_body_has_one_variant_per_command_of_the_sdk_enum() -> None:
    (command, params_field, review) = ENDPOINTS["ExecuteSmartLiveCommand"]["request_body"]["fields"]
    body = OPERATIONS["ExecuteSmartLiveCommand"].body
    assert body is not None and body.json is not None and body.json.schema is not None
    request = SCHEMAS[str(ref_name(body.json.schema))]
    mapping = request["discriminator"]["mapping"]
    assert request["discriminator"]["propertyName"] == command["name"]
    assert list(mapping) == command["enum"]
    assert [m["$ref"] for m in request["oneOf"]] == list(mapping.values())
    for value, target in mapping.items():
        variant = SCHEMAS[target.rsplit("/", 1)[1]]
        assert variant["properties"]["command"]["enum"] == [value]
        assert variant["required"] == ["command"]
        assert ref_name(variant["properties"]["review_config"]) == "ReviewConfig"
        chosen = command["params_by_command"][value]
        params = variant["properties"].get("params")
        if chosen.startswith("no params"):
            assert params is None, value
        elif ref_name(params or {}) is None:
            assert (params or {}).get("type") == "object", value
        else:
            assert chosen.startswith(str(ref_name(params or {}))), (value, chosen)
        assert {params_field["name"], review["name"]} >= set(variant["properties"]) - {"command"}


@pytest.mark.parametrize(
    "name",
    ["SmartLiveJob", "LiveJobLog", "PlatformLiveDetailInfo", "ReviewConfig", "ErrorResponse"],
)
def test_each_shared_model_is_a_component_with_its_fields(name: str) -> None:
    facts = REFERENCE["shared_models"][name]
    declared = properties_of(name)
    assert list(declared) == [fact["name"] for fact in facts]
    for fact in facts:
        assert_field(f"{name}.{fact['name']}", fact, declared[fact["name"]])
        assert (fact["name"] in SCHEMAS[name].get("required", [])) is bool(fact["required"])


def test_the_models_the_file_shares_with_the_page_are_the_pages() -> None:
    shared = {
        name: text for name, text in REFERENCE["shared_models"].items() if isinstance(text, str)
    }
    assert shared
    for name, text in shared.items():
        assert text == f"same as facts.json component {name}"
        assert "x-doc-tables" in SCHEMAS[name], name


@pytest.mark.parametrize("name", ["PlayTextInfo", "TextConfig", "PlayAudioInfo"])
def test_each_command_params_model_has_its_fields(name: str) -> None:
    facts = REFERENCE["command_param_models"][name]
    declared = properties_of(name)
    assert list(declared) == [fact["name"] for fact in facts]
    for fact in facts:
        where = f"{name}.{fact['name']}"
        assert_field(where, fact, declared[fact["name"]])
        assert (fact["name"] in SCHEMAS[name].get("required", [])) is bool(fact["required"]), where
        if "min_length_doc" in fact:
            assert declared[fact["name"]]["minLength"] == fact["min_length_doc"], where


# -- reverse: every x-source names an entry of the file ----------------------------------------------


def sourced(node: Any, at: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping that carries an x-source, with its pointer."""
    if isinstance(node, dict):
        if "x-source" in node:
            yield at, node
        for key, value in node.items():
            yield from sourced(value, at + pointer(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from sourced(value, at + pointer(index))


def targets(node: dict[str, Any]) -> list[Any]:
    """The entries of the file an x-source points at (URLs name other sources)."""
    return [
        resolve_pointer(REFERENCE, "#" + reference.removeprefix(PREFIX))
        for reference in source_references(node["x-source"])
        if reference.startswith(PREFIX)
    ]


def test_every_x_source_resolves_to_an_entry_of_the_same_name() -> None:
    checked = 0
    for at, node in sourced(SPEC_DATA):
        for reference in source_references(node["x-source"]):
            assert reference.startswith((PREFIX, "https://")), (at, reference)
        for target in targets(node):
            checked += 1
            if "operationId" in node:
                assert target["operation"] == node["operationId"], at
            elif isinstance(target, dict) and "name" in target:
                name = node.get("name") or at.rsplit("/", 1)[1]
                assert target["name"] == name, (at, target["name"])
    assert checked >= 80


def test_every_operation_and_component_from_the_file_is_sourced() -> None:
    for name in ENDPOINTS:
        assert "x-source" in OPERATIONS[name].node, name
    from_file = {name for name, schema in SCHEMAS.items() if "x-source" in schema}
    assert from_file >= {"SmartLiveJob", "ControlSmartLiveReq", "PlayTextInfo", "TextConfig"}
    for name in from_file:
        for field, prop in properties_of(name).items():
            assert "x-source" in prop and "x-doc-tables" not in prop, (name, field)


def nearest_targets(at: str) -> list[Any]:
    """The file entries named by the x-source on `at` or the nearest object enclosing it."""
    parts = at.split("/")[1:]
    for depth in range(len(parts), -1, -1):
        node = resolve_pointer(SPEC_DATA, "#/" + "/".join(parts[:depth]) if depth else "#")
        if isinstance(node, dict) and "x-source" in node:
            return targets(node)
    return []


def test_each_decision_on_a_fact_from_the_file_quotes_its_entry() -> None:
    checked = 0
    for at, node in sourced(SPEC_DATA):
        for scope_at, scope in [(at, node), *_descendants(node, at)]:
            for decision in decisions_of(scope):
                found = nearest_targets(scope_at)
                text = " ".join(json.dumps(t, ensure_ascii=False) for t in found)
                assert decision.quote in text.replace('\\"', '"'), (scope_at, decision.quote)
                checked += 1
    assert checked >= 10


def _descendants(node: Any, at: str) -> Iterator[tuple[str, dict[str, Any]]]:
    # The objects inside a sourced one that carry no x-source of their own (a response's x-doc).
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        child_at = at + pointer(key)
        if isinstance(value, dict) and "x-source" not in value:
            yield child_at, value
        if not (isinstance(value, dict) and "x-source" in value):
            yield from _descendants(value, child_at)


def test_a_responses_decision_exists_only_where_the_file_has_no_status() -> None:
    for name, endpoint in ENDPOINTS.items():
        op = OPERATIONS[name]
        chosen = [
            r for r in op.responses if any(d.keyword == "responses" for d in decisions_of(r.node))
        ]
        assert bool(chosen) is (endpoint["success_status"] is None), name


def test_sources_resolve_through_the_spec_refs() -> None:
    # ShowSmartLive's body is SmartLiveJob: the fields the file lists for both are one schema.
    media = OPERATIONS["ShowSmartLive"].responses[0].json
    assert media is not None and media.schema is not None
    assert deref(SPEC_DATA, media.schema) is SCHEMAS["SmartLiveJob"]
