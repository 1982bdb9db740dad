"""Local `$ref` handling: find every reference in a document and resolve it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from speccore.diagnostics import Diagnostic
from speccore.pointers import parts, pointer


def iter_refs(node: Any, at: str = "") -> Iterator[tuple[str, str]]:
    """Every (`$ref` value, JSON pointer of the object holding it), extensions included."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref, at
        for key in sorted(node, key=str):
            yield from iter_refs(node[key], at + pointer(key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from iter_refs(item, at + pointer(i))


def resolve_pointer(document: Any, ref: str) -> Any:
    """The value a local reference `#/a/b` points at; KeyError if it points nowhere."""
    if not ref.startswith("#"):
        raise KeyError(ref)
    node = document
    for part in parts(ref):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(ref)
    return node


def deref(document: Any, node: Any) -> Any:
    """Follow `$ref` chains from `node` until a value without `$ref`."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in seen:
            raise KeyError(f"circular $ref {ref}")
        seen.add(ref)
        node = resolve_pointer(document, ref)
    return node


def follow(document: Any, node: Any, at: str) -> tuple[Any, str]:
    """`node` with its `$ref` chain followed as far as it goes, and the pointer of where it ends.

    Lenient on purpose (a dangling or circular chain stops where it breaks): validation reports
    those, and every reader of a possibly invalid document (the spec diff) still gets an answer.
    """
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        ref = node["$ref"]
        seen.add(ref)
        try:
            node = resolve_pointer(document, ref)
        except KeyError:
            break
        at = ref[1:]
    return node, at


def check_refs(document: Any) -> list[Diagnostic]:
    """A diagnostic for each `$ref` that is not local or points nowhere."""
    problems = []
    for ref, at in iter_refs(document):
        if not ref.startswith("#/"):
            msg = f"$ref {ref!r} is not a local reference (#/...); external files are not supported"
            problems.append(Diagnostic(at + "/$ref", msg, "ref"))
            continue
        try:
            resolve_pointer(document, ref)
        except KeyError:
            problems.append(Diagnostic(at + "/$ref", f"$ref {ref!r} points nowhere", "ref"))
    return problems
