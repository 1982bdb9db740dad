"""The Markdown form of the doc page: read to the same DocPage as the text dump, plus the 是否必选
flags, which doc-diff compares with the spec's `required`; seven kinds of edit each found."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from speccore.loading import load_spec
from specreview.docdiff import drift_against_spec
from specreview.docpage import (
    DocPage,
    description_sections,
    read_markdown_page,
    read_page,
    read_text_page,
)
from tests.conftest import SPEC, RunCli
from tests.markdown_page import render

TEXT_PAGE = SPEC.parent / "doc" / "start-smart-live.zh.txt"
FIXTURE = Path(__file__).parent / "doc_pages" / "start-smart-live.zh.md"
SPEC_DATA = load_spec(SPEC).data
MARKDOWN = FIXTURE.read_text(encoding="utf-8")


def _facts(page: DocPage) -> list[object]:
    return [
        (
            t.number,
            t.name,
            t.columns,
            [
                (
                    f.name,
                    f.type,
                    f.enum,
                    f.minimum,
                    f.maximum,
                    f.min_length,
                    f.max_length,
                    f.max_items,
                    f.default,
                    description_sections(f.description),
                )
                for f in t.fields
            ],
        )
        for t in page.tables
    ] + [page.title, page.updated, page.method, page.path, page.status_codes, page.error_examples]


def test_the_fixture_is_the_text_page_rendered_with_the_specs_flags() -> None:
    fresh = render(TEXT_PAGE.read_text(encoding="utf-8"), SPEC_DATA)
    assert fresh == MARKDOWN, "regenerate tests/doc_pages/start-smart-live.zh.md with render()"


def test_it_reads_to_the_same_page_as_the_text_dump_plus_required_flags() -> None:
    text_page = read_text_page(TEXT_PAGE.read_text(encoding="utf-8"))
    markdown_page = read_markdown_page(MARKDOWN)
    assert _facts(markdown_page) == _facts(text_page)
    flags = [f.required for t in markdown_page.tables for f in t.fields]
    # The text dump keeps the 是否必选 header but drops its values: only Markdown has the flags.
    assert all(f.required is None for t in text_page.tables for f in t.fields)
    in_tables_with_the_column = [
        f.required for t in markdown_page.tables if "是否必选" in t.columns for f in t.fields
    ]
    assert in_tables_with_the_column and None not in in_tables_with_the_column
    assert True in flags and False in flags


def test_the_format_is_told_from_the_content(tmp_path: Path) -> None:
    named_txt = tmp_path / "page.txt"
    named_txt.write_text(MARKDOWN, encoding="utf-8")
    assert _facts(read_page(named_txt)) == _facts(read_markdown_page(MARKDOWN))
    assert read_page(named_txt).tables[2].fields[0].required is not None


def test_the_committed_markdown_page_has_no_drift() -> None:
    report = drift_against_spec(read_markdown_page(MARKDOWN), SPEC_DATA, "md", "spec")
    assert not report.drift and not report.stale


def _on_row(name: str, change: Callable[[str], str]) -> str:
    return "\n".join(
        change(line) if line.startswith(f"| {name} |") else line for line in MARKDOWN.split("\n")
    )


def _without_table(number: int) -> str:
    kept, skipping = [], False
    for line in MARKDOWN.split("\n"):
        if line.startswith(f"**表{number}** "):
            skipping = True
            continue
        if skipping and (line.startswith("**表") or line.startswith("#### ")):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


EDITS: dict[str, tuple[str, set[tuple[str, str]]]] = {
    "required flag": (
        _on_row("bitrate", lambda line: line.replace("| 是 |", "| 否 |", 1)),
        {("bitrate", "required")},
    ),
    "range": (MARKDOWN.replace("40-30000", "40-30001", 1), {("bitrate", "maximum")}),
    "enum value": (
        _on_row("view_mode", lambda line: line.replace("- LANDSCAPE:横屏。<br>", "", 1)),
        {("view_mode", "enum")},
    ),
    "default": (
        _on_row("frame_rate", lambda line: line.replace("<br>25 |", "<br>30 |")),
        {("frame_rate", "default")},
    ),
    "type": (
        _on_row(
            "interaction_callback_url", lambda line: line.replace("| String |", "| Integer |", 1)
        ),
        {("interaction_callback_url", "type")},
    ),
    "field": (
        "\n".join(line for line in MARKDOWN.split("\n") if not line.startswith("| view_mode |")),
        {("view_mode", "invented")},
    ),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_each_kind_of_edit_is_found_and_nothing_else(kind: str) -> None:
    edited, expected = EDITS[kind]
    report = drift_against_spec(read_markdown_page(edited), SPEC_DATA, "md", "spec")
    assert {(d.field, d.keyword) for d in report.drift} == expected


def test_a_removed_table_is_found_and_nothing_else() -> None:
    report = drift_against_spec(read_markdown_page(_without_table(5)), SPEC_DATA, "md", "spec")
    assert report.drift and all(d.table.startswith("表5") for d in report.drift)
    assert ("-", "table") in {(d.field, d.keyword) for d in report.drift}


def test_an_unreadable_markdown_page_exits_2_saying_where(run_cli: RunCli, tmp_path: Path) -> None:
    cut = MARKDOWN[: MARKDOWN.index("**表4**")]
    page = tmp_path / "cut.md"
    page.write_text(cut, encoding="utf-8")
    result = run_cli("doc-diff", str(page))
    assert result.returncode == 2
    assert f"{page}:" in result.stderr and "[doc-page]" in result.stderr
    assert "Traceback" not in result.stderr


def test_doc_diff_reads_the_markdown_page(run_cli: RunCli) -> None:
    result = run_cli("doc-diff", str(FIXTURE))
    assert result.returncode == 0, result.stdout[-2000:]
