"""The generated models enforce every bound, length, item count and enum of the spec, computed from it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydantic
import pytest
import yaml

import metastudio.models
from tests.conftest import SPEC

MISSING = object()
"""Marks a required field left out, in place of a bad value."""

SCHEMAS: dict[str, Any] = yaml.safe_load(SPEC.read_text())["components"]["schemas"]


def valid_value(prop: dict[str, Any]) -> Any:
    """Some value that satisfies a property schema (objects only through their required fields)."""
    if "allOf" in prop or "$ref" in prop:
        ref = (prop.get("allOf") or [prop])[0]["$ref"]
        return minimal(ref.rsplit("/", 1)[-1])
    if "enum" in prop:
        return prop["enum"][0]
    kind = prop.get("type")
    if kind == "integer":
        return prop.get("minimum", 0)
    if kind == "number":
        return float(prop.get("minimum", 0))
    if kind == "boolean":
        return True
    if kind == "string":
        return "x" * max(prop.get("minLength", 0), 1)
    if kind == "array":
        return [valid_value(prop["items"])]
    raise AssertionError(f"no valid value for {prop}")


def minimal(schema_name: str) -> dict[str, Any]:
    """The smallest valid instance of a component schema: its required fields only."""
    schema = SCHEMAS[schema_name]
    return {name: valid_value(schema["properties"][name]) for name in schema.get("required", [])}


def violations() -> Iterator[tuple[str, str, str, Any, Any]]:
    """(schema, property, rule, a valid boundary value, a value just past the boundary)."""
    for schema_name, schema in sorted(SCHEMAS.items()):
        for name, prop in sorted((schema.get("properties") or {}).items()):
            if "minimum" in prop:
                step = 1 if prop["type"] == "integer" else 0.5
                yield schema_name, name, "minimum", prop["minimum"], prop["minimum"] - step
            if "maximum" in prop:
                step = 1 if prop["type"] == "integer" else 0.5
                yield schema_name, name, "maximum", prop["maximum"], prop["maximum"] + step
            # An enum's values are all a model accepts: its length bounds hold for each value (lint
            # rule `example` checks every enum value against them), so only the enum is walked.
            if "maxLength" in prop and "enum" not in prop:
                yield (
                    schema_name,
                    name,
                    "maxLength",
                    "a" * prop["maxLength"],
                    "a" * (prop["maxLength"] + 1),
                )
            if prop.get("minLength", 0) > 0 and "enum" not in prop:
                yield (
                    schema_name,
                    name,
                    "minLength",
                    "a" * prop["minLength"],
                    "a" * (prop["minLength"] - 1),
                )
            if "maxItems" in prop:
                item = valid_value(prop["items"])
                yield (
                    schema_name,
                    name,
                    "maxItems",
                    [item] * prop["maxItems"],
                    [item] * (prop["maxItems"] + 1),
                )
            if "enum" in prop:
                yield (
                    schema_name,
                    name,
                    "enum",
                    prop["enum"][-1],
                    prop["enum"][-1].lower() + "_unknown",
                )
            items = prop.get("items") or {}
            if "enum" in items:
                yield (
                    schema_name,
                    name,
                    "items.enum",
                    [items["enum"][0]],
                    ["NOT_" + items["enum"][0]],
                )
            if name in schema.get("required", []):
                yield (
                    schema_name,
                    name,
                    "required",
                    valid_value(prop),
                    MISSING,
                )


CASES = list(violations())


def test_the_spec_has_the_constraints_this_test_walks() -> None:
    rules = {rule for _, _, rule, _, _ in CASES}
    assert rules == {
        "minimum",
        "maximum",
        "maxLength",
        "minLength",
        "maxItems",
        "enum",
        "items.enum",
        "required",
    }
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("schema", "prop", "rule", "good", "bad"), CASES, ids=[f"{c[0]}.{c[1]}:{c[2]}" for c in CASES]
)
def test_model_accepts_the_boundary_and_rejects_past_it(
    schema: str, prop: str, rule: str, good: Any, bad: Any
) -> None:
    model: type[pydantic.BaseModel] = getattr(metastudio.models, schema)
    base = minimal(schema)
    model.model_validate({**base, prop: good})
    data = {k: v for k, v in base.items() if k != prop}
    if bad is not MISSING:
        data[prop] = bad
    with pytest.raises(pydantic.ValidationError) as excinfo:
        model.model_validate(data)
    assert [tuple(e["loc"])[:1] for e in excinfo.value.errors()] == [(prop,)]


def test_unset_optional_fields_are_not_serialised() -> None:
    config = metastudio.models.VideoConfig(bitrate=4000, width=1080, height=1920)
    assert config.model_dump(mode="json", exclude_unset=True) == {
        "bitrate": 4000,
        "width": 1080,
        "height": 1920,
    }
    assert config.frame_rate == "25" and config.clip_mode == "RESIZE"
