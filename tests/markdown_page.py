"""Renders the committed text page in Huawei's Markdown form, with the 是否必选 flags the spec
records: the fixture tests/doc_pages/start-smart-live.zh.md is this function's output."""

from __future__ import annotations

import re
from typing import Any

from specreview.docdiff import spec_items, table_owners
from specreview.docpage import DocTable, read_text_page

HEADINGS = frozenset(
    {"URI", "请求参数", "响应参数", "请求示例", "响应示例", "SDK代码示例", "状态码", "错误码"}
)
_STATUS = re.compile(r"^状态码\s*[:：]\s*\d{3}$")
_TABLE = re.compile(r"^表(\d+)\s*(\S.*)$")


def render(text: str, spec: dict[str, Any]) -> str:
    """The page as Markdown: headings `####`, captions `**表N** name`, parameter tables as pipe
    tables whose 描述 cells hold the field prose (`<br>` between lines, `**section**:` headings,
    `- ` bullets), 是否必选 filled in from the spec."""
    page = read_text_page(text)
    lines = text.splitlines()
    owners, _ = table_owners(spec)
    items, _ = spec_items(spec)
    out: list[str] = []
    index = 0
    tables = {t.line: t for t in page.tables}
    while index < len(lines):
        number = index + 1
        if number in tables:
            table = tables[number]
            end = _table_end(lines, index + 1)
            out += _table(table, owners.get(table.number), items)
            index = end
            continue
        raw = lines[index].strip()
        if raw in HEADINGS or _STATUS.match(raw):
            out.append(f"#### {raw}")
        else:
            out.append(lines[index])
        index += 1
    return "\n".join(out) + "\n"


def _table_end(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        text = lines[index].strip()
        if text in HEADINGS or _STATUS.match(text) or _TABLE.match(text):
            return index
    return len(lines)


def _table(table: DocTable, owner: str | None, items: list[Any]) -> list[str]:
    with_required = "是否必选" in table.columns
    header = ["参数", *(["是否必选"] if with_required else []), "参数类型", "描述"]
    rows = [
        "",
        f"**表{table.number}** {table.name}",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    for doc_field in table.fields:
        cells = [doc_field.name]
        if with_required:
            item = next((i for i in items if i.owner == owner and i.name == doc_field.name), None)
            cells.append("是" if item is not None and item.required else "否")
        cells += [
            doc_field.type,
            "<br>".join(_cell_line(t) for t in doc_field.description.splitlines()),
        ]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return [*rows, ""]


def _cell_line(text: str) -> str:
    bullet = re.match(r"^[•·]\s*(.*)$", text)
    if bullet:
        return f"- {bullet.group(1)}"
    heading = re.match(r"^(参数解释|约束限制|取值范围|默认取值)\s*[:：]?\s*(.*)$", text)
    if heading:
        rest = heading.group(2)
        return f"**{heading.group(1)}**:" + (f" {rest}" if rest else "")
    return text
