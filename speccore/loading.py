"""Load a spec file: read it, parse YAML strictly, and remember the line of every JSON pointer."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from speccore.diagnostics import Diagnostic, SpecError
from speccore.pointers import pointer

NON_STRING_KEY = "yaml-key"
"""The rule of a mapping key YAML reads as a number (`200:`); the loader takes it as a string."""


@dataclass(frozen=True)
class SpecDocument:
    """A parsed spec: its data, its source bytes and where each JSON pointer starts (1-based line)."""

    path: Path
    data: dict[str, Any]
    raw: bytes
    lines: dict[str, int]
    findings: tuple[Diagnostic, ...] = ()
    """What the loader tolerated (a status code written as a bare number), rule `yaml-key`: the
    lint configuration decides its level."""

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
    return parse_spec(raw, path)


def parse_spec(raw: bytes, path: Path) -> SpecDocument:
    """Parse a spec's bytes (a file's, or a git revision's named `path`) as `load_spec` does."""
    if len(raw) > MAX_BYTES:
        msg = f"the spec is {len(raw)} bytes; at most {MAX_BYTES} are read"
        raise SpecError([Diagnostic("", msg, "size")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = f"not UTF-8: byte 0x{raw[exc.start]:02x} at line {line}, column {column}"
        raise SpecError([Diagnostic("", msg, "encoding", line=line)]) from None
    composed = _compose_fast(text)
    if composed is None:
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            raise SpecError([_yaml_error(exc)]) from None
        except RecursionError:
            msg = "the YAML nests too deeply to be read"
            raise SpecError([Diagnostic("", msg, "size")]) from None
    else:
        node = composed[0]
    if node is None or not isinstance(node, yaml.MappingNode):
        kind = "sequence" if isinstance(node, yaml.SequenceNode) else "scalar"
        found = "an empty document" if node is None else f"a YAML {kind}"
        line = 1 if node is None else node.start_mark.line + 1
        msg = f"the spec must be a YAML mapping (an OpenAPI object); found {found}"
        raise SpecError([Diagnostic("", msg, "yaml", line=line)])
    lines: dict[str, int] = {}
    problems: list[Diagnostic] = []
    try:
        _index(node, "", node.start_mark.line + 1, lines, problems, [0])
    except _TooLarge as exc:
        raise SpecError([exc.diagnostic]) from None
    fatal = [d for d in problems if d.rule != NON_STRING_KEY]
    if fatal:
        raise SpecError(fatal)
    data = _string_keys(composed[1]() if composed is not None else yaml.safe_load(text))
    findings = tuple(d for d in problems if d.rule == NON_STRING_KEY)
    return SpecDocument(path=path, data=data, raw=raw, lines=lines, findings=findings)


_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _compose_fast(text: str) -> tuple[yaml.Node | None, Callable[[], Any]] | None:
    """The node tree, and the data built from it, read once by libyaml; None when it cannot be
    used.

    libyaml reads a spec more than ten times faster than PyYAML's Python parser, but its composer
    recurses in C, where a deep enough document overflows the stack: a crash, not an exception.
    Its event stream is flat, so the nesting is measured there first. A document too deep, or one
    libyaml refuses, goes the Python way, which also words the errors as it always has.
    """
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:  # PyYAML built without libyaml
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, _OPENING):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, _CLOSING):
                depth -= 1
        loader = loader_class(text)
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None

    def construct() -> Any:
        # Later: constructing flattens merge keys (<<) in the node tree, which the lines are
        # read from first, as on the Python path.
        try:
            return loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()

    return node, construct


def _string_keys(node: Any) -> Any:
    # A bare `200:` is the integer 200 to YAML; OpenAPI wants the string "200" (JSON has no other
    # kind of key), which is what every real-world reader makes of it.
    if isinstance(node, dict):
        return {_key_text(k): _string_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_string_keys(item) for item in node]
    return node


def _key_text(key: Any) -> str:
    if isinstance(key, bool) or key is None:
        return json.dumps(key)
    return str(key)


def _yaml_error(exc: yaml.MarkedYAMLError) -> Diagnostic:
    # The problem mark is where the parser gave up; the context mark is where the construct it
    # was reading began (an unclosed "[" a line earlier): report both.
    mark = exc.problem_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    msg = f"invalid YAML: {where}{exc.problem or exc}"
    if exc.context and exc.context_mark:
        ctx = exc.context_mark
        msg += f" ({exc.context} that starts at line {ctx.line + 1}, column {ctx.column + 1})"
    return Diagnostic("", msg, "yaml", line=mark.line + 1 if mark else None)


MAX_BYTES = 32 * 1024 * 1024
"""The largest spec file read (the largest public one in tests/corpus is about 0.5 MiB)."""
MAX_NODES = 2_000_000
"""The most YAML nodes a spec may expand to, aliases counted each time they are used: a few KiB
of nested aliases (a "billion laughs") would otherwise expand to gigabytes downstream."""
MAX_DEPTH = 256
"""The deepest nesting walked; real specs stay under 30."""


class _TooLarge(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _index(
    node: yaml.Node,
    at: str,
    line: int,
    lines: dict[str, int],
    problems: list[Diagnostic],
    count: list[int],
) -> None:
    # PyYAML silently keeps the last of two equal keys and accepts non-string keys (202 → int);
    # both corrupt a spec without a word, so the node tree is walked here to catch them.
    # A mapping member's line is its key's line: that is where an editor should jump.
    # The walk also bounds the document: an alias is walked each time it is used, as every
    # later step (a copy, a JSON dump) expands it.
    count[0] += 1
    if count[0] > MAX_NODES:
        msg = f"the YAML expands to more than {MAX_NODES} nodes (through aliases); not read"
        raise _TooLarge(Diagnostic(at, msg, "size", line=line))
    if at.count("/") > MAX_DEPTH:
        msg = f"the YAML nests more than {MAX_DEPTH} levels deep; not read"
        raise _TooLarge(Diagnostic(at[:200], msg, "size", line=line))
    lines[at] = line
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key_node.tag != "tag:yaml.org,2002:str" and key != "<<":
                msg = f"mapping key {key!r} is not a string; quote it"
                problems.append(Diagnostic(at + pointer(key), msg, NON_STRING_KEY, line=line))
            if key in seen:
                msg = f"duplicate key {key!r}"
                problems.append(Diagnostic(at + pointer(key), msg, "yaml", line=line))
            seen.add(key)
            _index(value_node, at + pointer(key), line, lines, problems, count)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, at + pointer(i), item.start_mark.line + 1, lines, problems, count)
    elif node.tag not in _JSON_SCALAR_TAGS:
        # e.g. an unquoted 2025-06-17 becomes a date, which no JSON Schema type accepts.
        msg = f"value {node.value!r} is a YAML {node.tag.rsplit(':', 1)[-1]}, not JSON; quote it"
        problems.append(Diagnostic(at, msg, "yaml", line=node.start_mark.line + 1))


_JSON_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")
)
