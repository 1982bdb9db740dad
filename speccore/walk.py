"""Walk an OpenAPI 3.0 document: its operations (callbacks included) and every schema in it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from speccore.pointers import pointer

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class OperationSite:
    """An operation object and where it is: under `paths`, or inside a callback."""

    at: str
    path: str
    method: str
    operation: dict[str, Any]
    is_callback: bool


@dataclass(frozen=True)
class SchemaSite:
    """A schema object and where it is; `property_name` is set for a member of `properties`."""

    at: str
    schema: dict[str, Any]
    property_name: str | None
    is_component: bool = False


def iter_operations(document: dict[str, Any]) -> Iterator[OperationSite]:
    """Every operation, in document order, then the callbacks each one declares."""
    for path, item in _items(document.get("paths")):
        yield from _path_item_operations(pointer("paths", path), path, item, False)


def _path_item_operations(
    at: str, path: str, item: Any, is_callback: bool
) -> Iterator[OperationSite]:
    for method in HTTP_METHODS:
        operation = item.get(method) if isinstance(item, dict) else None
        if not isinstance(operation, dict):
            continue
        op_at = at + pointer(method)
        yield OperationSite(op_at, path, method, operation, is_callback)
        for name, callback in _items(operation.get("callbacks")):
            for expression, cb_item in _items(callback):
                cb_at = op_at + pointer("callbacks", name, expression)
                yield from _path_item_operations(cb_at, expression, cb_item, True)


def iter_schemas(document: dict[str, Any]) -> Iterator[SchemaSite]:
    """Every schema object that is not a bare `$ref`, with the pointer to it."""
    raw_components = document.get("components")
    components: dict[str, Any] = raw_components if isinstance(raw_components, dict) else {}
    for name, schema in _items(components.get("schemas")):
        if isinstance(schema, dict):
            yield SchemaSite(pointer("components", "schemas", name), schema, None, True)
            yield from _subschemas(pointer("components", "schemas", name), schema)
    for kind in ("parameters", "headers"):
        for name, holder in _items(components.get(kind)):
            yield from _holder_schemas(pointer("components", kind, name), holder)
    for site in iter_operations(document):
        op = site.operation
        for i, parameter in enumerate(op.get("parameters") or []):
            yield from _holder_schemas(site.at + pointer("parameters", i), parameter)
        body = op.get("requestBody")
        if isinstance(body, dict):
            yield from _content_schemas(site.at + pointer("requestBody"), body)
        for status, response in _items(op.get("responses")):
            response_at = site.at + pointer("responses", status)
            yield from _content_schemas(response_at, response)
            for name, header in _items(
                response.get("headers") if isinstance(response, dict) else None
            ):
                yield from _holder_schemas(response_at + pointer("headers", name), header)


def _holder_schemas(at: str, holder: Any) -> Iterator[SchemaSite]:
    if isinstance(holder, dict) and isinstance(holder.get("schema"), dict):
        yield from _schema_tree(at + pointer("schema"), holder["schema"], None)


def _content_schemas(at: str, holder: Any) -> Iterator[SchemaSite]:
    content = holder.get("content") if isinstance(holder, dict) else None
    for media, media_object in _items(content):
        yield from _holder_schemas(at + pointer("content", media), media_object)


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
