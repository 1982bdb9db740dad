"""Which model classes the SDK has, and the document datamodel-code-generator makes them from.

datamodel-code-generator names classes after component schemas, and renames on its own terms when a
name is not a valid or free Python class name (`message` → `Message`, `pet` beside `Pet` → `Pet1`).
The resources must name the same classes, so the names are chosen here (sdkbuild.naming) and the
document it reads has its components already renamed to them. Inline object schemas of request
and response bodies become components too (`CreateThingBody`, `CreateThingResponse201`), as in
openapi-python-client, so that every body has a model that enforces its constraints.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sdkbuild.naming import Namer, class_names, identifier, pascal
from speccore.model import Operation
from speccore.pointers import parts, pointer
from speccore.refs import deref, resolve_pointer

SCHEMA_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class ModelPlan:
    """Class names for component schemas and hoisted inline schemas, and the models document."""

    classes: Mapping[str, str]
    """Component schema name → class name."""
    hoisted: Mapping[str, str]
    """Pointer of an inline schema (in the original document) → the class made from it."""
    document: dict[str, Any]
    """What datamodel-code-generator reads: components renamed, inline schemas hoisted."""

    def class_of_ref(self, ref: str) -> str | None:
        """The class of a `#/components/schemas/<name>` reference."""
        if not ref.startswith(SCHEMA_PREFIX):
            return None
        return self.classes.get(parts(ref)[2])

    @property
    def all_classes(self) -> tuple[str, ...]:
        """Every model class, sorted (datamodel-code-generator folds some into their users)."""
        return tuple(sorted({*self.classes.values(), *self.hoisted.values()}))

    def model_classes(self, document: Mapping[str, Any]) -> frozenset[str]:
        """The classes the SDK's modules name as models: object schemas (always a class of their
        own) and the hoisted ones. Enums and unions become annotations where they are used."""
        schemas = (document.get("components") or {}).get("schemas") or {}
        objects = {
            self.classes[name]
            for name, schema in schemas.items()
            if is_object_model(deref(dict(document), schema))
        }
        return frozenset(objects | set(self.hoisted.values()))


def plan_models(document: Mapping[str, Any], operations: tuple[Operation, ...]) -> ModelPlan:
    """Name every model and build the models document (the input is not modified)."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    classes = class_names(schemas)
    namer = Namer(classes.values(), separator="")
    out = copy.deepcopy(dict(document))
    _rename_refs(out, classes)
    _tidy_descriptions(out)
    out_components = out.setdefault("components", {})
    out_components["schemas"] = {
        classes[name]: schema for name, schema in (out_components.get("schemas") or {}).items()
    }
    hoisted: dict[str, str] = {}
    for operation in operations:
        base = pascal(operation.operation_id or f"{operation.method} {operation.path}")
        base = identifier(base, "Operation")
        sites = [(m, "Body") for m in operation.body.content] if operation.body else []
        sites += [
            (m, f"Response{r.status.title()}")
            for r in operation.responses
            if r.status in ("default", "2XX") or (r.code is not None and 200 <= r.code < 300)
            for m in r.content
        ]
        for media, suffix in sites:
            at = media.at + "/schema"
            if media.schema is None or at in hoisted or not _is_inline_model(media.schema):
                continue
            name = namer.claim(base + suffix)
            hoisted[at] = name
            holder = resolve_pointer(out, "#" + media.at)
            out_components["schemas"][name] = holder["schema"]
            holder["schema"] = {"$ref": SCHEMA_PREFIX + name}
    return ModelPlan(classes=classes, hoisted=hoisted, document=out)


def is_object_model(schema: Any) -> bool:
    """Whether a (dereferenced) schema is a model class of its own: an object with properties, or
    an allOf of several. A union (oneOf, anyOf) and a map (only additionalProperties) are not:
    datamodel-code-generator folds them into the fields that use them."""
    if not isinstance(schema, dict) or schema.get("oneOf") or schema.get("anyOf"):
        return False
    return bool(schema.get("properties")) or len(schema.get("allOf") or []) > 1


def _is_inline_model(schema: Mapping[str, Any]) -> bool:
    """An object schema written in place (not a `$ref`): it becomes a model class of its own.

    A one-member `allOf` is a reference with a description beside it, not a model of its own; a
    `oneOf` or `anyOf` is the union of its variants' types (sdkbuild.parsing's annotation).
    """
    if "$ref" in schema:
        return False
    has_properties = schema.get("type") in ("object", None) and bool(schema.get("properties"))
    return has_properties or len(schema.get("allOf") or []) > 1


def _tidy_descriptions(node: Any) -> None:
    # Descriptions become docstrings; trailing blanks on a line would fail the output's lint, and
    # removing them from a docstring is a change ruff will not make on its own.
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = "\n".join(line.rstrip() for line in value.splitlines()).strip()
            else:
                _tidy_descriptions(value)
    elif isinstance(node, list):
        for item in node:
            _tidy_descriptions(item)


def _rename_refs(node: Any, classes: Mapping[str, str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
            keys = parts(ref)
            if len(keys) >= 3 and keys[2] in classes:
                node["$ref"] = "#" + pointer("components", "schemas", classes[keys[2]], *keys[3:])
        for value in node.values():
            _rename_refs(value, classes)
    elif isinstance(node, list):
        for item in node:
            _rename_refs(item, classes)
