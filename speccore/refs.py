"""Local `$ref` handling: find every reference in a document and resolve it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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


def ref_cycles(data: Any) -> list[Diagnostic]:
    """A diagnostic per `$ref` cycle that never steps into a property or an item (A → B → A, a
    parameter referring to itself, a schema that is its own allOf): such a cycle describes nothing.

    A tree `Node` whose `children` are `Node`s is a legal recursion and is not reported.
    """
    edges: dict[str, list[str]] = {}
    for ref, _ in iter_refs(data):
        if ref.startswith("#") and ref not in edges:
            try:
                edges[ref] = sorted(set(_direct_refs(resolve_pointer(data, ref))))
            except KeyError:
                edges[ref] = []  # dangling: validation reports it
    reported: set[frozenset[str]] = set()
    problems = []
    for start in sorted(edges):
        for chain in _cycles_from(start, edges):
            key = frozenset(chain)
            if key not in reported:
                reported.add(key)
                problems.append(cycle_diagnostic((*chain, chain[0])))
    return sorted(problems)


def _direct_refs(node: Any) -> Iterator[str]:
    # What a node is made of without stepping into a property or an item: its own $ref and
    # those of its allOf/anyOf/oneOf/not members.
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str):
        yield ref
        return
    for key in ("allOf", "anyOf", "oneOf"):
        members = node.get(key)
        for member in members if isinstance(members, list) else ():
            yield from _direct_refs(member)
    yield from _direct_refs(node.get("not"))


def _cycles_from(start: str, edges: Mapping[str, list[str]]) -> Iterator[tuple[str, ...]]:
    stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
    visited: set[str] = set()
    while stack:
        ref, chain = stack.pop()
        for target in edges.get(ref, ()):
            if target == start:
                yield chain
            elif target not in visited and target not in chain:
                visited.add(target)
                stack.append((target, (*chain, target)))


def cycle_diagnostic(chain: tuple[str, ...]) -> Diagnostic:
    """The diagnostic of a `$ref` chain that comes back to its start."""
    at = chain[0][1:]
    message = (
        f"$ref cycle {' -> '.join(chain)} never reaches a property or an item, so it describes "
        "no value; break it, or recurse through properties/items"
    )
    return Diagnostic(at, message, "ref-cycle")
