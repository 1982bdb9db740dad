"""Whether one `pattern` admits every string another admits: regex containment, where decidable.

A spec diff classifies a changed pattern by direction as it does a bound: a wider request pattern
breaks no caller, a narrower one may. For the regular subset of the pattern language (literals,
classes, `.`, groups, alternation, bounded and unbounded repetition, `^`/`$` at the ends) the
answer is exact: both patterns become automata over the few character classes they distinguish,
and their product is searched for a string one accepts and the other does not. Anything else
(lookarounds, back references, inline flags) is "unknown", and the change stays breaking.
No library does this for Python's regex syntax (interegular, greenery: not in this project's
environment, and unmaintained), hence the ~150 lines here.
"""

from __future__ import annotations

import re

# Python's own regex parser and its opcodes (no second parser is written here); typeshed has
# stubs only for their deprecated public names, whose import warns.
import re._constants as sre_constants  # type: ignore[import-not-found]  # reason: no stubs
import re._parser as sre_parse  # type: ignore[import-not-found]  # reason: no stubs
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_MAX_CODE = sys.maxunicode + 1
_MAX_REPEAT_EXPANSION = 64
_MAX_STATES = 20_000

Intervals = tuple[tuple[int, int], ...]  # half-open [start, end) code point ranges


class Undecidable(Exception):
    """The pattern uses something outside the regular subset (or is too large to decide)."""


@dataclass
class _Nfa:
    transitions: list[list[tuple[Intervals | None, int]]]  # None: an epsilon move
    start: int
    accept: int


def _new_state(nfa: _Nfa) -> int:
    nfa.transitions.append([])
    return len(nfa.transitions) - 1


_CATEGORIES: dict[object, Intervals] = {
    sre_constants.CATEGORY_DIGIT: ((48, 58),),
    sre_constants.CATEGORY_WORD: ((48, 58), (65, 91), (95, 96), (97, 123)),
    sre_constants.CATEGORY_SPACE: ((9, 14), (32, 33)),
}


def _negate(intervals: Intervals) -> Intervals:
    out, at = [], 0
    for start, end in sorted(intervals):
        if start > at:
            out.append((at, start))
        at = max(at, end)
    if at < _MAX_CODE:
        out.append((at, _MAX_CODE))
    return tuple(out)


def _class(items: Iterable[tuple[Any, Any]]) -> Intervals:
    negate, ranges = False, []
    for op, arg in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            ranges.append((int(arg), int(arg) + 1))
        elif op is sre_constants.RANGE:
            low, high = arg
            ranges.append((int(low), int(high) + 1))
        elif op is sre_constants.CATEGORY and arg in _CATEGORIES:
            ranges.extend(_CATEGORIES[arg])
        elif op is sre_constants.CATEGORY and arg in _NOT_CATEGORIES:
            ranges.extend(_negate(_CATEGORIES[_NOT_CATEGORIES[arg]]))
        else:
            raise Undecidable(f"class item {op}")
    return _negate(tuple(ranges)) if negate else tuple(ranges)


_NOT_CATEGORIES: dict[object, object] = {
    sre_constants.CATEGORY_NOT_DIGIT: sre_constants.CATEGORY_DIGIT,
    sre_constants.CATEGORY_NOT_WORD: sre_constants.CATEGORY_WORD,
    sre_constants.CATEGORY_NOT_SPACE: sre_constants.CATEGORY_SPACE,
}


def _build(nfa: _Nfa, items: list[tuple[Any, Any]], start: int) -> int:
    """Thompson's construction of `items` from `start`; the state it ends in."""
    at = start
    for op, arg in items:
        at = _build_one(nfa, op, arg, at)
    return at


def _build_one(nfa: _Nfa, op: Any, arg: Any, at: int) -> int:
    if op in (
        sre_constants.LITERAL,
        sre_constants.NOT_LITERAL,
        sre_constants.ANY,
        sre_constants.IN,
    ):
        if op is sre_constants.LITERAL:
            chars: Intervals = ((int(arg), int(arg) + 1),)
        elif op is sre_constants.NOT_LITERAL:
            chars = _negate(((int(arg), int(arg) + 1),))
        elif op is sre_constants.ANY:
            chars = _negate(((10, 11),))  # `.` is anything but a newline
        else:
            chars = _class(arg)
        end = _new_state(nfa)
        nfa.transitions[at].append((chars, end))
        return end
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, sub = arg
        if add_flags or del_flags:
            raise Undecidable("inline flags")
        return _build(nfa, list(sub), at)
    if op is sre_constants.BRANCH:
        _, branches = arg
        end = _new_state(nfa)
        for branch in branches:
            entry = _new_state(nfa)
            nfa.transitions[at].append((None, entry))
            nfa.transitions[_build(nfa, list(branch), entry)].append((None, end))
        return end
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, high, sub = arg
        unbounded = high is sre_constants.MAXREPEAT
        if low > _MAX_REPEAT_EXPANSION or (not unbounded and high > _MAX_REPEAT_EXPANSION):
            raise Undecidable("a repetition too large to expand")
        for _ in range(low):
            at = _build(nfa, list(sub), at)
        if unbounded:
            loop = _new_state(nfa)
            nfa.transitions[at].append((None, loop))
            nfa.transitions[_build(nfa, list(sub), loop)].append((None, loop))
            return loop
        end = _new_state(nfa)
        nfa.transitions[at].append((None, end))
        for _ in range(high - low):
            at = _build(nfa, list(sub), at)
            nfa.transitions[at].append((None, end))
        return end
    raise Undecidable(f"regex construct {op}")


def _automaton(pattern: str) -> _Nfa:
    try:
        items = list(sre_parse.parse(pattern))
    except re.error:
        raise Undecidable("not a regex") from None
    # JSON Schema's `pattern` matches anywhere in the string unless anchored.
    anchored_start = bool(items) and items[0] == (sre_constants.AT, sre_constants.AT_BEGINNING)
    anchored_end = bool(items) and items[-1] == (sre_constants.AT, sre_constants.AT_END)
    items = items[int(anchored_start) : len(items) - int(anchored_end)]
    nfa = _Nfa([], 0, 0)
    nfa.start = at = _new_state(nfa)
    anything: Intervals = ((0, _MAX_CODE),)
    if not anchored_start:
        nfa.transitions[at].append((anything, at))
    at = _build(nfa, items, at)
    if not anchored_end:
        tail = _new_state(nfa)
        nfa.transitions[at].append((None, tail))
        nfa.transitions[tail].append((anything, tail))
        at = tail
    nfa.accept = at
    return nfa


def _closure(nfa: _Nfa, states: Iterable[int]) -> frozenset[int]:
    seen, stack = set(states), list(states)
    while stack:
        for chars, target in nfa.transitions[stack.pop()]:
            if chars is None and target not in seen:
                seen.add(target)
                stack.append(target)
    return frozenset(seen)


def _representatives(*nfas: _Nfa) -> list[int]:
    # One code point per class of characters that every transition treats alike.
    cuts = {0, _MAX_CODE}
    for nfa in nfas:
        for moves in nfa.transitions:
            for chars, _ in moves:
                for start, end in chars or ():
                    cuts.update((start, end))
    ordered = sorted(cuts)
    return [low for low, high in zip(ordered, ordered[1:], strict=False) if low < high]


def _step(nfa: _Nfa, states: frozenset[int], char: int) -> frozenset[int]:
    targets = [
        target
        for state in states
        for chars, target in nfa.transitions[state]
        if chars is not None and any(start <= char < end for start, end in chars)
    ]
    return _closure(nfa, targets)


def admits_all(wider: str, narrower: str) -> bool | None:
    """Whether every string `narrower` matches, `wider` matches too; None when undecidable."""
    try:
        a, b = _automaton(narrower), _automaton(wider)
    except Undecidable:
        return None
    chars = _representatives(a, b)
    start = (_closure(a, [a.start]), _closure(b, [b.start]))
    seen, stack = {start}, [start]
    while stack:
        left, right = stack.pop()
        if a.accept in left and b.accept not in right:
            return False  # a string the narrower admits and the wider does not
        for char in chars:
            pair = (_step(a, left, char), _step(b, right, char))
            if pair[0] and pair not in seen:
                if len(seen) > _MAX_STATES:
                    return None
                seen.add(pair)
                stack.append(pair)
    return True
