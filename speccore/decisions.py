"""`x-doc` decisions (the doc text, the keyword, the choice) and `x-source` references.

The one reader of `x-doc` lists: the lint rule checks their shape, the SDK's reference page lists
them, and doc drift accepts a difference only through one of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DocDecision:
    """One `x-doc` entry: the doc text it quotes, the keyword it concerns, the choice made."""

    keyword: str
    quote: str
    choice: str
    doc: object = None
    """The value the page states for `keyword` (as specreview.docdiff reads it), when recorded:
    the decision accepts a difference only while the page still says exactly that."""
    pinned: bool = False
    """Whether `doc` is recorded (a page may state no value: `doc: null`)."""


def source_references(value: object) -> tuple[str, ...]:
    """The references an `x-source` names (a string or a list of strings); () when malformed."""
    found = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    if not found or not all(isinstance(v, str) and v.strip() for v in found):
        return ()
    return tuple(found)


def decision_entries(node: Mapping[str, Any]) -> list[tuple[int, DocDecision]]:
    """(index in the `x-doc` list, decision) of each mapping entry on a spec object."""
    entries = node.get("x-doc")
    return [
        (
            index,
            DocDecision(
                keyword=str(entry.get("keyword", "")),
                quote=str(entry.get("quote", "")),
                choice=str(entry.get("choice", "")).strip(),
                doc=entry.get("doc"),
                pinned="doc" in entry,
            ),
        )
        for index, entry in enumerate(entries if isinstance(entries, list) else ())
        if isinstance(entry, dict)
    ]


def decisions_of(node: Mapping[str, Any]) -> tuple[DocDecision, ...]:
    """The `x-doc` decisions recorded on a spec object, in spec order."""
    return tuple(decision for _, decision in decision_entries(node))
