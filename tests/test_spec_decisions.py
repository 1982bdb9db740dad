"""Every x-doc decision in the spec is listed in openapi/README.md, and the required flags hold."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import ROOT, SPEC


def decisions(node: Any, at: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of every object that carries an x-doc decision."""
    found: list[tuple[str, ...]] = []
    if isinstance(node, dict):
        if "x-doc" in node:
            found.append(at)
        for key, value in node.items():
            found += decisions(value, (*at, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += decisions(value, (*at, str(i)))
    return found


def readme_name(path: tuple[str, ...]) -> str:
    """How the README names a decision's place: Schema.property, a header name, or the example."""
    if path[:2] == ("components", "schemas"):
        return f"{path[2]}.{path[4]}" if len(path) > 4 else path[2]
    if path[:2] == ("components", "parameters"):
        spec = yaml.safe_load(SPEC.read_text())
        return str(spec["components"]["parameters"][path[2]]["name"])
    if "callbacks" in path and "examples" in path:
        return "REPLY_COMMAND_FINISH callback example"
    if path[0] == "paths":
        spec = yaml.safe_load(SPEC.read_text())
        operation = spec["paths"][path[1]][path[2]]["operationId"]
        if "requestBody" in path:
            return f"{operation} request body"
        if "responses" in path:
            return f"{operation} {path[path.index('responses') + 1]} response"
        return str(operation)
    raise AssertionError(f"no README naming rule for {'/'.join(path)}")


def test_every_decision_is_listed_in_the_readme() -> None:
    spec = yaml.safe_load(SPEC.read_text())
    readme = (ROOT / "openapi" / "README.md").read_text()
    found = decisions(spec)
    assert len(found) >= 20
    missing = [readme_name(p) for p in found if readme_name(p) not in readme]
    assert not missing, f"x-doc decisions not listed in openapi/README.md: {missing}"


def test_only_the_six_documented_fields_are_required() -> None:
    # The page's schemas and parameters; those with x-source come from elsewhere and are held to
    # their source by tests/test_companion_operations.py.
    spec = yaml.safe_load(SPEC.read_text())
    required = {
        f"{name}.{field}"
        for name, schema in spec["components"]["schemas"].items()
        if "x-source" not in schema
        for field in schema.get("required", [])
    }
    required |= {
        f"path.{p['name']}"
        for p in spec["components"]["parameters"].values()
        if p.get("required") and "x-source" not in p
    }
    assert required == {
        "path.project_id",
        "path.room_id",
        "VideoConfig.bitrate",
        "VideoConfig.width",
        "VideoConfig.height",
        "VoiceConfig.voice_asset_id",
    }
    operation = spec["paths"]["/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs"]["post"]
    assert operation["requestBody"]["required"] is False
