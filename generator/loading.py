"""Load a spec file: read it, parse YAML strictly, and remember the line of every JSON pointer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, SpecError, pointer


@dataclass(frozen=True)
class SpecDocument:
    """A parsed spec: its data, its source bytes and where each JSON pointer starts (1-based line)."""

    path: Path
    data: dict[str, Any]
    raw: bytes
    lines: dict[str, int]

    @property
    def sha256(self) -> str:
        """The sha256 of the file's bytes, recorded in the generated manifest."""
        return hashlib.sha256(self.raw).hexdigest()

    def line_of(self, json_pointer: str) -> int | None:
        """The line a pointer starts on, or that of its nearest ancestor that has one."""
        p = json_pointer
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p.rsplit("/", 1)[0]


def load_spec(path: Path) -> SpecDocument:
    """Read and parse `path`; raise SpecError with located diagnostics if it is not usable YAML."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError([Diagnostic("", f"cannot read the spec: {exc.strerror}", "io")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 at byte {exc.start}"
        raise SpecError([Diagnostic("", msg, "encoding")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        msg = f"invalid YAML: {where}{exc.problem or exc}"
        line = mark.line + 1 if mark else None
        raise SpecError([Diagnostic("", msg, "yaml", line=line)]) from None
    if node is None or not isinstance(node, yaml.MappingNode):
        raise SpecError(
            [Diagnostic("", "the spec must be a YAML mapping (an OpenAPI object)", "yaml")]
        )
    lines: dict[str, int] = {}
    problems: list[Diagnostic] = []
    _index(node, "", lines, problems)
    if problems:
        raise SpecError(problems)
    data = yaml.safe_load(text)
    return SpecDocument(path=path, data=data, raw=raw, lines=lines)


def _index(node: yaml.Node, at: str, lines: dict[str, int], problems: list[Diagnostic]) -> None:
    # PyYAML silently keeps the last of two equal keys and accepts non-string keys (202 → int);
    # both corrupt a spec without a word, so the node tree is walked here to catch them.
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key_node.tag != "tag:yaml.org,2002:str" and key != "<<":
                msg = f"mapping key {key!r} is not a string; quote it"
                problems.append(Diagnostic(pointer(*_parts(at), key), msg, "yaml", line=line))
            if key in seen:
                msg = f"duplicate key {key!r}"
                problems.append(Diagnostic(pointer(*_parts(at), key), msg, "yaml", line=line))
            seen.add(key)
            _index(value_node, at + pointer(key), lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, at + pointer(i), lines, problems)
    elif node.tag not in _JSON_SCALAR_TAGS:
        # e.g. an unquoted 2025-06-17 becomes a date, which no JSON Schema type accepts.
        msg = f"value {node.value!r} is a YAML {node.tag.rsplit(':', 1)[-1]}, not JSON; quote it"
        problems.append(Diagnostic(at, msg, "yaml", line=node.start_mark.line + 1))


_JSON_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")
)


def _parts(json_pointer: str) -> list[str]:
    if not json_pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in json_pointer[1:].split("/")]
