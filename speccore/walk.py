"""Walk every schema of an OpenAPI 3.0 document (components and those of each operation)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from speccore.model import all_operations
from speccore.pointers import pointer


@dataclass(frozen=True)
class SchemaSite:
    """A schema object and where it is; `property_name` is set for a member of `properties`."""

    at: str
    schema: dict[str, Any]
    property_name: str | None
    is_component: bool = False


def iter_schemas(document: dict[str, Any]) -> Iterator[SchemaSite]:
    """Every schema object that is not a bare `$ref`, with the pointer to it, each once."""
    seen: set[str] = set()
    for site in _all_schemas(document):
        if site.at not in seen:
            seen.add(site.at)
            yield site


def _all_schemas(document: dict[str, Any]) -> Iterator[SchemaSite]:
    raw_components = document.get("components")
    components: dict[str, Any] = raw_components if isinstance(raw_components, dict) else {}
    for name, schema in _items(components.get("schemas")):
        if isinstance(schema, dict):
            yield SchemaSite(pointer("components", "schemas", name), schema, None, True)
            yield from _subschemas(pointer("components", "schemas", name), schema)
    for kind in ("parameters", "headers"):
        for name, holder in _items(components.get(kind)):
            yield from _holder_schemas(pointer("components", kind, name), holder)
    for operation in all_operations(document):
        for parameter in operation.parameters:
            yield from _holder_schemas(parameter.target_at, parameter.node)
        for holder in ([operation.body] if operation.body else []) + list(operation.responses):
            for media in holder.content:
                yield from _holder_schemas(media.at, media.node)
        for response in operation.responses:
            for header in response.headers:
                yield from _schema_tree(header.at + "/schema", dict(header.schema), None)


def _holder_schemas(at: str, holder: Any) -> Iterator[SchemaSite]:
    if isinstance(holder, dict) and isinstance(holder.get("schema"), dict):
        yield from _schema_tree(at + pointer("schema"), holder["schema"], None)


def _schema_tree(at: str, schema: Any, property_name: str | None) -> Iterator[SchemaSite]:
    if not isinstance(schema, dict):
        return
    if "$ref" not in schema or property_name is not None:
        yield SchemaSite(at, schema, property_name)
    yield from _subschemas(at, schema)


def _subschemas(at: str, schema: dict[str, Any]) -> Iterator[SchemaSite]:
    for name, sub in _items(schema.get("properties")):
        yield from _schema_tree(at + pointer("properties", name), sub, name)
    for keyword in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(keyword), dict):
            yield from _schema_tree(at + pointer(keyword), schema[keyword], None)
    for keyword in ("allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(schema.get(keyword) or []):
            yield from _schema_tree(at + pointer(keyword, i), sub, None)


def _items(mapping: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(mapping, dict):
        yield from mapping.items()
