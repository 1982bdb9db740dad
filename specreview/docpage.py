"""Read a Huawei Cloud API doc page (its text dump) into tables of fields; no comparison happens here."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TypeVar

from speccore.diagnostics import Diagnostic, SpecError

__all__ = [
    "DocErrorExample",
    "DocField",
    "DocPage",
    "DocPageError",
    "DocStatus",
    "DocTable",
    "Number",
    "READERS",
    "read_page",
    "read_text_page",
]

# The model (DocPage and its parts) says nothing of where a page came from: each reader
# (read_text_page here; an HTML reader later) builds it, and comparisons only consume it.

Number = int | float
_V = TypeVar("_V")

# The four section headings of a field's description; content may follow a colon on the same line.
_SECTION_RE = re.compile(r"^(参数解释|约束限制|取值范围|默认取值)(?:\s*[::]\s*(.*))?$")
NOT_APPLICABLE = frozenset({"不涉及", "不涉及。", "不涉及.", "无", "无。"})
"""What a section says when it states nothing (not applicable, none)."""

_UPDATED_RE = re.compile(r"^更新时间\s*[::]\s*(\S.*)$")
_URI_RE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(/\S*)$")
_TABLE_RE = re.compile(r"^表(\d+)\s*(\S.*)$")
_STATUS_LINE_RE = re.compile(r"^状态码\s*[::]\s*(\d{3})$")
_STATUS_CODE_RE = re.compile(r"^\d{3}$")
# Lines that close a parameter table (besides a `状态码:NNN` line and the next `表N` heading).
_TABLE_ENDS = frozenset(
    {"请求参数", "响应参数", "请求示例", "响应示例", "SDK代码示例", "状态码", "错误码"}
)

_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_TYPE_RE = re.compile(
    r"^(?:String|Integer|Long|Float|Double|Number|Boolean|Object|Map<[^<>]+>"
    r"|[A-Z][A-Za-z0-9_]* object"
    r"|Array of [a-z]+s"
    r"|Array of [A-Z][A-Za-z0-9_]* objects)$"
)
_REQUIRED_VALUES = {"是": True, "否": False}

_BULLET_RE = re.compile(r"^\s*[•·]\s*(.*)$")
_ENUM_ITEM_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_.\-]*)\s*(?:[::].*)?$")
_NUMBER = r"-?\d+(?:\.\d+)?"
_RANGE_RE = re.compile(rf"^({_NUMBER})\s*[-~]\s*({_NUMBER})[。.]?$")
_LENGTH_RE = re.compile(r"字符长度\s*(\d+)\s*[-~]\s*(\d+)\s*位")
_MAX_ITEMS_RE = re.compile(r"(?:当前)?仅支持\s*(一|两|二|三|四|五|\d+)\s*[条个]")
_CHINESE_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


class DocPageError(SpecError):
    """The text is not a doc page this reader understands: one diagnostic (rule `doc-page`) at the
    line where reading stopped."""

    def __init__(self, line: int, message: str, file: str = "") -> None:
        super().__init__([Diagnostic("", message, "doc-page", line=line, file=file)])
        self.line = line
        self.reason = message


@dataclass(frozen=True)
class DocField:
    """One row of a parameter table, with what its description states formally.

    `type` is the doc's own spelling (`String`, `Array of strings`, `VideoConfig object`, ...).
    `required` is None when the page does not state it (the 是否必选 cell is missing or empty).
    `enum` comes from the first bullet list whose items all read `VALUE:` or `VALUE: text`
    (for a Boolean that list is `true`/`false`: the page's words, left for a comparison to judge).
    `minimum`/`maximum`, `min_length`/`max_length` and `max_items` come from the 取值范围 section(s).
    `default` is the raw text of 默认取值, None when absent or 不涉及 (not applicable).
    """

    name: str
    type: str
    required: bool | None
    description: str
    enum: tuple[str, ...] = ()
    minimum: Number | None = None
    maximum: Number | None = None
    min_length: int | None = None
    max_length: int | None = None
    max_items: int | None = None
    default: str | None = None
    line: int = 0


@dataclass(frozen=True)
class DocTable:
    """A `表N name` table: its header row, its fields in page order, and the status code it answers."""

    number: int
    name: str
    fields: tuple[DocField, ...]
    columns: tuple[str, ...] = ()
    status_code: int | None = None
    line: int = 0

    @property
    def field_names(self) -> tuple[str, ...]:
        """The names of the fields, in page order."""
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> DocField:
        """The field called `name`; KeyError when the table has none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"表{self.number} {self.name} has no field {name!r}")


@dataclass(frozen=True)
class DocStatus:
    """A row of the page's status-code table."""

    code: int
    description: str


@dataclass(frozen=True)
class DocErrorExample:
    """An error body from the page's response examples."""

    status: int
    error_code: str
    error_msg: str


@dataclass(frozen=True)
class DocPage:
    """What a doc page states: title, operation, parameter tables, status codes, error examples."""

    title: str
    tables: tuple[DocTable, ...]
    updated: str | None = None
    method: str | None = None
    path: str | None = None
    status_codes: tuple[DocStatus, ...] = ()
    error_examples: tuple[DocErrorExample, ...] = ()
    source: str = field(default="", compare=False, repr=False)
    """The text the page was read from: where x-doc decisions find their quotes."""

    def table(self, number: int) -> DocTable:
        """Table `表number`; KeyError when the page has none."""
        for t in self.tables:
            if t.number == number:
                return t
        raise KeyError(f"the page has no table 表{number}")


@dataclass(frozen=True)
class _Line:
    number: int
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()


def read_text_page(text: str) -> DocPage:
    """Read the text dump of a doc page (navigation first, then the API text) into a DocPage."""
    lines = [_Line(i + 1, raw) for i, raw in enumerate(text.lstrip("\ufeff").splitlines())]
    return replace(_TextReader(lines).read(), source=text)


class _TextReader:
    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.last = lines[-1].number if lines else 1

    # -- page -----------------------------------------------------------------------------------

    def read(self) -> DocPage:
        start = next((i for i, ln in enumerate(self.lines) if _UPDATED_RE.match(ln.text)), None)
        if start is None:
            raise DocPageError(1, "not a doc page: no '更新时间:' (update time) line under a title")
        updated_line = self.lines[start]
        title = next((ln.text for ln in reversed(self.lines[:start]) if ln.text), None)
        if title is None:
            raise DocPageError(updated_line.number, "not a doc page: no title before '更新时间:'")
        updated_match = _UPDATED_RE.match(updated_line.text)
        updated = updated_match.group(1) if updated_match else None

        method: str | None = None
        path: str | None = None
        tables: list[DocTable] = []
        status_codes: tuple[DocStatus, ...] | None = None
        examples: list[DocErrorExample] = []
        section = ""
        status: int | None = None
        i = start + 1
        while i < len(self.lines):
            ln = self.lines[i]
            text = ln.text
            table_match = _TABLE_RE.match(text)
            status_match = _STATUS_LINE_RE.match(text)
            if table_match:
                table, i = self._table(i, status if section == "响应参数" else None)
                if any(t.number == table.number for t in tables):
                    raise DocPageError(table.line, f"table 表{table.number} appears twice")
                tables.append(table)
                continue
            if text == "URI" and method is None:
                uri = self._next_text(i)
                if uri is not None and (uri_match := _URI_RE.match(uri[1].text)):
                    method, path = uri_match.group(1), uri_match.group(2)
            elif text in ("请求参数", "响应参数", "请求示例", "响应示例", "SDK代码示例"):
                section, status = text, None
            elif status_match:
                status = int(status_match.group(1))
                if section == "响应示例":
                    example, i = self._response_example(i, status)
                    if example is not None:
                        examples.append(example)
                    continue
            elif text == "状态码" and status_codes is None and self._is_status_table(i):
                status_codes, i = self._status_table(i)
                continue
            i += 1

        if not tables:
            raise DocPageError(
                updated_line.number, "not a doc page: no parameter table ('表N ...')"
            )
        if status_codes is None:
            raise DocPageError(
                self.last,
                "truncated page: the text ends before the status-code table (状态码 / 状态码 / 描述)",
            )
        return DocPage(
            title=title,
            tables=tuple(tables),
            updated=updated,
            method=method,
            path=path,
            status_codes=status_codes,
            error_examples=tuple(examples),
        )

    def _next_text(self, i: int) -> tuple[int, _Line] | None:
        """The index and line of the first non-blank line after index i, or None at the end."""
        for j in range(i + 1, len(self.lines)):
            if self.lines[j].text:
                return j, self.lines[j]
        return None

    # -- parameter tables -----------------------------------------------------------------------

    def _table(self, i: int, status: int | None) -> tuple[DocTable, int]:
        heading = self.lines[i]
        match = _TABLE_RE.match(heading.text)
        assert match is not None
        number, name = int(match.group(1)), match.group(2).strip()
        label = f"table 表{number} {name}"

        columns: list[str] = []
        j = i
        for expected in ("参数", "是否必选", "参数类型", "描述"):
            nxt = self._next_text(j)
            if nxt is None:
                raise DocPageError(self.last, f"truncated page: {label} ends inside its header row")
            if expected == "是否必选" and nxt[1].text != expected:
                continue  # response tables have no 是否必选 column
            if nxt[1].text != expected:
                raise DocPageError(
                    nxt[1].number,
                    f"{label}: expected the header row 参数 / [是否必选 /] 参数类型 / 描述, "
                    f"found {nxt[1].text!r} where {expected!r} should be",
                )
            columns.append(expected)
            j = nxt[0]

        body: list[_Line] = []
        j += 1
        while True:
            if j >= len(self.lines):
                raise DocPageError(
                    self.last,
                    f"truncated page: {label} (line {heading.number}) is cut off by the end of the text",
                )
            text = self.lines[j].text
            if _TABLE_RE.match(text) or _STATUS_LINE_RE.match(text) or text in _TABLE_ENDS:
                break
            body.append(self.lines[j])
            j += 1

        fields = self._fields(body, label, has_required="是否必选" in columns)
        if not fields:
            raise DocPageError(heading.number, f"{label} has no fields")
        table = DocTable(
            number=number,
            name=name,
            fields=tuple(fields),
            columns=tuple(columns),
            status_code=status,
            line=heading.number,
        )
        return table, j

    def _fields(self, body: list[_Line], label: str, has_required: bool) -> list[DocField]:
        in_json = _json_lines(body)
        starts: list[
            tuple[int, int, bool | None, str]
        ] = []  # (body index, body index after type, required, type)
        k = 0
        while k < len(body):
            start = self._field_start(body, k, in_json, has_required)
            if start is not None:
                starts.append((k, start[0], start[1], start[2]))
                k = start[0]
            k += 1

        first = starts[0][0] if starts else len(body)
        stray = next((ln for ln in body[:first] if ln.text), None)
        if stray is not None:
            raise DocPageError(
                stray.number,
                f"{label}: text before the first field (a name line, then a type line): {stray.text!r}",
            )

        fields: list[DocField] = []
        for n, (name_at, type_at, required, type_) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(body)
            name_line = body[name_at]
            if any(f.name == name_line.text for f in fields):
                raise DocPageError(
                    name_line.number, f"{label}: field {name_line.text!r} appears twice"
                )
            fields.append(
                _field(
                    name_line,
                    type_,
                    required,
                    body[type_at + 1 : end],
                    in_json[type_at + 1 : end],
                    label,
                )
            )
        return fields

    @staticmethod
    def _field_start(
        body: list[_Line], k: int, in_json: list[bool], has_required: bool
    ) -> tuple[int, bool | None, str] | None:
        """If body[k] starts a field: (index of its type line, required, type)."""
        line = body[k]
        if in_json[k] or line.raw != line.raw.lstrip() or not _NAME_RE.match(line.text):
            return None
        following = list(islice((m for m in range(k + 1, len(body)) if body[m].text), 2))
        if not following:
            return None
        required: bool | None = None
        at = following[0]
        if has_required and body[at].text in _REQUIRED_VALUES:
            required = _REQUIRED_VALUES[body[at].text]
            if len(following) < 2:
                return None
            at = following[1]
        type_line = body[at]
        if (
            in_json[at]
            or type_line.raw != type_line.raw.lstrip()
            or not _TYPE_RE.match(type_line.text)
        ):
            return None
        return at, required, type_line.text

    # -- status codes and response examples -----------------------------------------------------

    def _is_status_table(self, i: int) -> bool:
        first = self._next_text(i)
        second = self._next_text(first[0]) if first else None
        return bool(first and second and first[1].text == "状态码" and second[1].text == "描述")

    def _status_table(self, i: int) -> tuple[tuple[DocStatus, ...], int]:
        """Rows of `状态码 / 状态码 / 描述`: a three-digit code line, then a description line."""
        header = self._next_text(i)
        assert header is not None
        desc_header = self._next_text(header[0])
        assert desc_header is not None
        rows: list[DocStatus] = []
        j = desc_header[0]
        while (code := self._next_text(j)) is not None and _STATUS_CODE_RE.match(code[1].text):
            desc = self._next_text(code[0])
            if desc is None or _STATUS_CODE_RE.match(desc[1].text):
                raise DocPageError(code[1].number, f"status code {code[1].text} has no description")
            rows.append(DocStatus(int(code[1].text), desc[1].text))
            j = desc[0]
        if not rows:
            raise DocPageError(
                self.lines[i].number, "the status-code table (状态码 / 描述) has no rows"
            )
        return tuple(rows), j + 1

    def _response_example(self, i: int, status: int) -> tuple[DocErrorExample | None, int]:
        """After `状态码:NNN` in 响应示例: a description, then maybe a JSON body; error bodies are kept."""
        j = i + 1
        while j < len(self.lines):
            text = self.lines[j].text
            if _STATUS_LINE_RE.match(text) or text in _TABLE_ENDS or _TABLE_RE.match(text):
                return None, j
            if text.startswith("{"):
                break
            j += 1
        else:
            return None, j
        start = self.lines[j]
        block: list[str] = []
        depth = 0
        while j < len(self.lines):
            text = self.lines[j].raw
            block.append(text)
            depth += text.count("{") - text.count("}")
            j += 1
            if depth <= 0:
                break
        else:
            raise DocPageError(
                self.last,
                f"truncated page: the {status} response example (line {start.number}) is cut off",
            )
        try:
            body: object = json.loads("\n".join(block))
        except (ValueError, RecursionError) as exc:
            raise DocPageError(
                start.number, f"the {status} response example is not valid JSON: {exc}"
            ) from None
        if isinstance(body, dict) and "error_code" in body:
            code, msg = body.get("error_code"), body.get("error_msg")
            if not isinstance(code, str) or not isinstance(msg, str):
                raise DocPageError(
                    start.number,
                    f"the {status} error example's error_code/error_msg are not strings",
                )
            return DocErrorExample(status, code, msg), j
        return None, j


def _json_lines(body: Sequence[_Line]) -> list[bool]:
    """Which lines belong to a JSON example (a block that opens with `{` and closes when braces balance)."""
    marks: list[bool] = []
    depth = 0
    for line in body:
        if depth <= 0 and not line.text.startswith("{"):
            marks.append(False)
            depth = 0
            continue
        marks.append(True)
        depth += line.text.count("{") - line.text.count("}")
    return marks


def _field(
    name_line: _Line,
    type_: str,
    required: bool | None,
    body: list[_Line],
    in_json: list[bool],
    label: str,
) -> DocField:
    """A field from its description lines: sections, bullet lists and the formal values they state."""
    where = f"{label}, field {name_line.text!r}"
    text_lines = [ln for ln in body if ln.text]
    # Sections: (heading, lines); the lines before the first heading belong to "".
    sections: list[tuple[str, list[_Line]]] = [("", [])]
    for ln, is_json in zip(body, in_json, strict=True):
        if not ln.text:
            continue
        match = None if is_json else _SECTION_RE.match(ln.text)
        if match:
            sections.append((match.group(1), []))
            rest = (match.group(2) or "").strip()
            if rest:
                sections[-1][1].append(_Line(ln.number, rest))
        else:
            sections[-1][1].append(ln)

    ranges: list[tuple[tuple[Number, Number], int]] = []
    lengths: list[tuple[tuple[int, int], int]] = []
    items: list[tuple[int, int]] = []
    defaults: list[tuple[str, int]] = []
    for heading, lines in sections:
        if heading == "取值范围":
            for ln in lines:
                if m := _RANGE_RE.match(ln.text):
                    ranges.append(((_number(m.group(1)), _number(m.group(2))), ln.number))
                if m := _LENGTH_RE.search(ln.text):
                    lengths.append(((int(m.group(1)), int(m.group(2))), ln.number))
                if m := _MAX_ITEMS_RE.search(ln.text):
                    count = m.group(1)
                    items.append((_CHINESE_DIGITS.get(count) or int(count), ln.number))
        elif heading == "默认取值":
            value = "\n".join(ln.text for ln in lines if ln.text)
            if lines and value not in NOT_APPLICABLE:
                defaults.append((value, lines[0].number))

    minimum, maximum = _one(ranges, where, "取值范围 range") or (None, None)
    min_length, max_length = _one(lengths, where, "字符长度 length") or (None, None)
    max_items = _one(items, where, "maximum item count")
    default = _one(defaults, where, "默认取值 default")
    return DocField(
        name=name_line.text,
        type=type_,
        required=required,
        description="\n".join(ln.text for ln in text_lines),
        enum=_enum(body, in_json),
        minimum=minimum,
        maximum=maximum,
        min_length=min_length,
        max_length=max_length,
        max_items=max_items,
        default=default,
        line=name_line.number,
    )


def _one(found: list[tuple[_V, int]], where: str, what: str) -> _V | None:
    """The value stated (possibly more than once, identically); DocPageError when statements differ."""
    if not found:
        return None
    first = found[0][0]
    for value, line in found[1:]:
        if value != first:
            raise DocPageError(line, f"{where}: conflicting {what}: {first!r} and {value!r}")
    return first


def _enum(body: list[_Line], in_json: list[bool]) -> tuple[str, ...]:
    """The first bullet list (blank lines allowed between items) whose items all read `VALUE:`."""
    runs: list[list[str]] = []
    current: list[str] | None = None
    for ln, is_json in zip(body, in_json, strict=True):
        if not ln.text:
            continue
        bullet = None if is_json else _BULLET_RE.match(ln.raw)
        if bullet is None:
            current = None
            continue
        if current is None:
            current = []
            runs.append(current)
        current.append(bullet.group(1).strip())
    for run in runs:
        values = [_ENUM_ITEM_RE.match(item) for item in run]
        if all(values):
            return tuple(m.group(1) for m in values if m)
    return ()


def _number(text: str) -> Number:
    return float(text) if "." in text else int(text)


def read_markdown_page(text: str) -> DocPage:
    """Read the Markdown form of a doc page (pipe tables 参数 | 是否必选 | 参数类型 | 描述, headings
    `#### URI`, captions `**表N** ...`, field prose in the 描述 cell) into a DocPage, 是否必选 flags
    included.

    The page's structure (tables, fields, sections, status codes, examples) is the text dump's, so
    the Markdown is laid out as the text reader reads it, cell by cell, and read by it: one reader
    of the structure, two of the notation.
    """
    return replace(_TextReader(_markdown_lines(text)).read(), source=text)


_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_MD_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _markdown_lines(text: str) -> list[_Line]:
    """The page's lines as the text dump has them: a table cell per line, `<br>` a line break,
    `**bold**` plain, list items as bullets (indented, as the dump indents them)."""
    lines: list[_Line] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if _PIPE_RULE.match(raw) or raw.strip().startswith("```"):
            continue
        row = _PIPE_ROW.match(raw)
        if row is None:
            lines.append(_Line(number, _markdown_text(raw)))
            continue
        for cell in _MD_CELL_SPLIT.split(row.group(1)):
            for part in _MD_BREAK.split(cell):
                lines += [_Line(number, _markdown_text(part)), _Line(number, "")]
    return lines


def _markdown_text(raw: str) -> str:
    text = _MD_HEADING.sub("", raw).replace("**", "").replace("\\|", "|").rstrip()
    item = _MD_ITEM.match(text)
    return f"  • {item.group(1).strip()}" if item else text.strip()


def _is_markdown(text: str) -> bool:
    """A page with at least one pipe-table header row of a parameter table is the Markdown form."""
    return any(
        _PIPE_ROW.match(line) and "参数" in line and "描述" in line for line in text.splitlines()
    )


# Readers by name; `read_page` picks one from the content, not the file name.
READERS = {"text": read_text_page, "markdown": read_markdown_page}


def read_doc_text(text: str) -> DocPage:
    """A page's text read with the reader its content calls for."""
    return READERS["markdown" if _is_markdown(text) else "text"](text)


def description_sections(description: str) -> dict[str, str]:
    """A field description split into its sections: 参数解释 (also any text before the first
    heading), 约束限制, 取值范围 and 默认取值. Bullet lines (the enum's values) are left out: the
    enum is compared on its own."""
    sections: dict[str, list[str]] = {}
    current = "参数解释"
    for line in description.splitlines():
        text = line.strip()
        if head := _SECTION_RE.match(text):
            current, text = head.group(1), (head.group(2) or "").strip()
        if text and not _BULLET_RE.match(text):
            sections.setdefault(current, []).append(text)
    return {name: " ".join(lines) for name, lines in sections.items()}


def read_page(path: Path) -> DocPage:
    """Read a doc page file (its format told from its content); DocPageError says why it cannot."""
    try:
        return _read_page(path)
    except DocPageError as exc:
        raise DocPageError(exc.line, exc.reason, str(path)) from None


def _read_page(path: Path) -> DocPage:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocPageError(1, f"cannot read the page: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DocPageError(line, f"not UTF-8: byte 0x{raw[exc.start]:02x}") from None
    return read_doc_text(text)
