"""The peer generator openapi-python-client, run from its own venv, and the operations it emits."""

from __future__ import annotations

import ast
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks import opc

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class PeerRun:
    """One generation: the operations emitted, and everything the peer printed."""

    operations: frozenset[tuple[str, str]]
    output: str
    returncode: int


def _load(document: Path) -> dict[str, Any]:
    with document.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    if not isinstance(loaded, dict):
        raise ValueError(f"{document}: not an OpenAPI document")
    return loaded


def document_operations(document: Path) -> frozenset[tuple[str, str]]:
    """Every (METHOD, path template) under `paths` in the document."""
    paths = _load(document).get("paths") or {}
    return frozenset(
        (method.upper(), path)
        for path, item in paths.items()
        if isinstance(item, dict)
        for method in METHODS
        if method in item
    )


def _template(node: ast.expr) -> str | None:
    """The path template of a `_get_kwargs` url: a literal, `"...".format(...)` or an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value
    if isinstance(node, ast.JoinedStr):
        parts: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(value.value)
            elif isinstance(value, ast.FormattedValue):
                parts.append("{" + ast.unparse(value.value) + "}")
        return "".join(parts)
    return None


def _endpoint(module: Path) -> tuple[str, str] | None:
    """The (METHOD, url template) that one generated endpoint module's `_get_kwargs` returns."""
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    for function in tree.body:
        if not (isinstance(function, ast.FunctionDef) and function.name == "_get_kwargs"):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Dict):
                continue
            fields = {
                key.value: value
                for key, value in zip(node.keys, node.values, strict=True)
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
            }
            method, url = fields.get("method"), fields.get("url")
            if isinstance(method, ast.Constant) and isinstance(method.value, str) and url:
                template = _template(url)
                if template is not None:
                    return method.value.upper(), template
    return None


def _skeleton(method: str, path: str) -> tuple[str, str]:
    return method, _PLACEHOLDER.sub("{}", path)


def run_generator(document: Path) -> PeerRun:
    """Generate a client from the document with the peer and read back its endpoints."""
    by_skeleton: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for method, path in sorted(document_operations(document)):
        by_skeleton.setdefault(_skeleton(method, path), []).append((method, path))
    with tempfile.TemporaryDirectory(prefix="peer-opc-") as scratch:
        output = Path(scratch) / "client"
        done = opc.generate(document, output, Path(scratch))
        found: set[tuple[str, str]] = set()
        for module in sorted((output / "api").rglob("*.py")) if (output / "api").is_dir() else []:
            endpoint = _endpoint(module)
            if endpoint is None:
                continue
            # opc renames path parameters to snake_case; map back to the spec's own template.
            candidates = by_skeleton.get(_skeleton(*endpoint), [])
            found.add(candidates[0] if len(candidates) == 1 else endpoint)
    return PeerRun(frozenset(found), done.stdout + done.stderr, done.returncode)


def generated_operations(document: Path) -> frozenset[tuple[str, str]]:
    """The (METHOD, path template) pairs of the operations the peer generated from the document."""
    return run_generator(document).operations


if __name__ == "__main__":
    for name in sys.argv[1:]:
        run = run_generator(Path(name))
        expected = document_operations(Path(name))
        print(f"{name}: {len(expected)} in document, {len(run.operations)} generated")
        for method, path in sorted(expected - run.operations):
            print(f"  missing {method} {path}")
        for method, path in sorted(run.operations - expected):
            print(f"  extra {method} {path}")
        print(run.output)
