"""`generator doc-diff`: the seed page against the spec, changed copies of the page, two pages, and
pages that cannot be read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from specreview.docdiff import compare_docs, drift_against_spec, walk
from specreview.docpage import read_text_page
from tests.conftest import SPEC, RunCli

SEED = SPEC.parent / "doc" / "start-smart-live.zh.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SPEC_DATA: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def edit(text: str, anchors: tuple[str, ...], old: str, new: str) -> str:
    """Replace the first `old` after each anchor in turn (an anchor narrows the place down)."""
    at = 0
    for anchor in anchors:
        at = text.index(anchor, at) + len(anchor)
    where = text.index(old, at)
    return text[:where] + new + text[where + len(old) :]


SPEED = ("表11 VoiceConfig\n", "\nspeed\n")
TABLE_12_END = ("表12 LiveJobRunConfig\n", "\nsingle_job_in_room\n", "默认取值:\n\nfalse\n")
NEW_FIELD = "\nlive_tag\n\nString\n\n直播标签。\n"
NEW_TABLE = "\n表22 LiveTagConfig\n\n参数\n\n参数类型\n\n描述\n\ntag_name\n\nString\n\n标签名。\n"
SINGLE_JOB = (
    "single_job_in_room\n\nBoolean\n\n一个直播间是否仅允许一个正在直播的任务。\n\n"
    "  • true: 限制直播间仅允许一个任务运行。\n\n  • false: 不限制直播间任务运行数量。\n\n"
    "默认取值:\n\nfalse\n\n"
)

# name → (page edit, drift against the spec, change between the pages), each as
# (table, field, keyword, doc or old value, spec or new value).
Row = tuple[str, str, str, object, object]
CHANGES: dict[str, tuple[Callable[[str], str], list[Row], list[Row]]] = {
    "range changed": (
        lambda t: edit(t, SPEED, "50-200", "50-300"),
        [("表11 VoiceConfig", "speed", "maximum", 300, 200)],
        [("表11 VoiceConfig", "speed", "maximum", 200, 300)],
    ),
    "length changed": (
        lambda t: edit(t, ("表11 VoiceConfig\n",), "字符长度1-256位", "字符长度1-128位"),
        [("表11 VoiceConfig", "voice_asset_id", "maxLength", 128, 256)],
        [("表11 VoiceConfig", "voice_asset_id", "maxLength", 256, 128)],
    ),
    "default changed": (
        lambda t: edit(t, (*SPEED, "默认取值:"), "100", "120"),
        [("表11 VoiceConfig", "speed", "default", 120, 100)],
        [("表11 VoiceConfig", "speed", "default", "100", "120")],
    ),
    "type changed": (
        lambda t: edit(t, SPEED, "Integer", "Long"),
        [("表11 VoiceConfig", "speed", "type", "Long", "integer/int32")],
        [("表11 VoiceConfig", "speed", "type", "Integer", "Long")],
    ),
    "enum value removed": (
        lambda t: edit(
            t, ("表18 LiveWarningItem\n",), "  • ROTATION_MODEL_CLOSED: 主播轮转未配置。\n\n", ""
        ),
        [
            (
                "表18 LiveWarningItem",
                "warning_type",
                "enum",
                (
                    "RANDOM_PLAY_CLOSED",
                    "TOO_LESSS_SCRIPT_ITEMS",
                    "TOO_LESS_DANMAKU_RULES",
                    "TOO_SHORT_SCRIPT_TIME",
                ),
                (
                    "RANDOM_PLAY_CLOSED",
                    "ROTATION_MODEL_CLOSED",
                    "TOO_LESSS_SCRIPT_ITEMS",
                    "TOO_LESS_DANMAKU_RULES",
                    "TOO_SHORT_SCRIPT_TIME",
                ),
            )
        ],
        [
            (
                "表18 LiveWarningItem",
                "warning_type",
                "enum",
                (
                    "RANDOM_PLAY_CLOSED",
                    "ROTATION_MODEL_CLOSED",
                    "TOO_LESSS_SCRIPT_ITEMS",
                    "TOO_LESS_DANMAKU_RULES",
                    "TOO_SHORT_SCRIPT_TIME",
                ),
                (
                    "RANDOM_PLAY_CLOSED",
                    "TOO_LESSS_SCRIPT_ITEMS",
                    "TOO_LESS_DANMAKU_RULES",
                    "TOO_SHORT_SCRIPT_TIME",
                ),
            )
        ],
    ),
    "field added": (
        lambda t: edit(t, TABLE_12_END, "", NEW_FIELD),
        [("表12 LiveJobRunConfig", "live_tag", "missing", "String", "LiveJobRunConfig")],
        [("表12 LiveJobRunConfig", "live_tag", "added", None, "String")],
    ),
    "field removed": (
        lambda t: edit(t, ("表12 LiveJobRunConfig\n",), SINGLE_JOB, ""),
        [("表12 LiveJobRunConfig", "single_job_in_room", "invented", None, "LiveJobRunConfig")],
        [("表12 LiveJobRunConfig", "single_job_in_room", "removed", "Boolean", None)],
    ),
    "new table": (
        lambda t: edit(t, TABLE_12_END, "", NEW_TABLE),
        [("表22 LiveTagConfig", "-", "table", ("tag_name",), None)],
        [("表22 LiveTagConfig", "-", "table", None, ("tag_name",))],
    ),
}


def drift_rows(text: str) -> list[Row]:
    report = drift_against_spec(read_text_page(text), SPEC_DATA, "page", "spec")
    return [d.key for d in report.drift]


def test_the_seed_page_and_the_spec_do_not_drift() -> None:
    report = drift_against_spec(read_text_page(SEED_TEXT), SPEC_DATA, "seed", "spec")
    assert report.drift == ()
    assert report.exit_code == 0
    assert len(report.accepted) >= 6
    assert all(d.decision is not None for d in report.accepted)


def page_decisions(node: Any, sourced: bool = False) -> list[dict[str, Any]]:
    """The x-doc entries on the page's facts: none under an object that names an x-source."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        sourced = sourced or "x-source" in node
        if not sourced:
            found += node.get("x-doc", [])
        for value in node.values():
            found += page_decisions(value, sourced)
    elif isinstance(node, list):
        for value in node:
            found += page_decisions(value, sourced)
    return found


def test_decisions_on_facts_from_elsewhere_are_not_the_pages() -> None:
    report = drift_against_spec(read_text_page(SEED_TEXT), SPEC_DATA, "seed", "spec")
    everywhere = [entry for _, node in walk(SPEC_DATA) for entry in node.get("x-doc", [])]
    assert len(everywhere) > len(page_decisions(SPEC_DATA)) == len(report.decisions)
    assert report.stale == ()


def test_every_x_doc_decision_is_listed_as_accepted() -> None:
    report = drift_against_spec(read_text_page(SEED_TEXT), SPEC_DATA, "seed", "spec")
    in_spec = page_decisions(SPEC_DATA)
    assert len(report.decisions) == len(in_spec) >= 20
    assert sorted(d.choice for d in report.decisions) == sorted(
        str(entry["choice"]).strip() for entry in in_spec
    )


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_changed_page_reports_exactly_its_change(name: str) -> None:
    change, expected, _ = CHANGES[name]
    changed = change(SEED_TEXT)
    assert changed != SEED_TEXT
    assert drift_rows(changed) == [tuple(row) for row in expected]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_two_pages_report_exactly_the_change_between_them(name: str) -> None:
    change, _, expected = CHANGES[name]
    old, new = read_text_page(SEED_TEXT), read_text_page(change(SEED_TEXT))
    assert [d.key for d in compare_docs(old, new)] == [tuple(row) for row in expected]
    assert compare_docs(old, old) == []


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_cli_on_the_seed_page_exits_0_and_lists_the_decisions(run_cli: RunCli) -> None:
    result = run_cli("doc-diff", str(SEED))
    assert result.returncode == 0, result.stderr
    assert "**No drift**" in result.stdout
    assert "## Accepted: the spec's x-doc decisions" in result.stdout
    assert "The stated format becomes the pattern" in result.stdout


def test_cli_markdown_names_table_field_and_both_values(run_cli: RunCli, tmp_path: Path) -> None:
    page = write(tmp_path, "page.txt", CHANGES["range changed"][0](SEED_TEXT))
    result = run_cli("doc-diff", str(page))
    assert result.returncode == 1
    assert "## 表11 VoiceConfig" in result.stdout
    assert "- `speed`: maximum: doc 300 → spec 200" in result.stdout


def test_cli_json(run_cli: RunCli, tmp_path: Path) -> None:
    page = write(tmp_path, "page.txt", CHANGES["field removed"][0](SEED_TEXT))
    result = run_cli("doc-diff", str(page), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["summary"]["drift"] == 1
    (drift,) = report["drift"]
    assert (drift["table"], drift["field"], drift["keyword"]) == (
        "表12 LiveJobRunConfig",
        "single_job_in_room",
        "invented",
    )
    assert drift["pointer"] == "/components/schemas/LiveJobRunConfig/properties/single_job_in_room"
    assert len(report["decisions"]) == report["summary"]["decisions"] >= 20


def test_cli_two_pages(run_cli: RunCli, tmp_path: Path) -> None:
    new = write(tmp_path, "new.txt", CHANGES["new table"][0](SEED_TEXT))
    result = run_cli("doc-diff", str(SEED), str(new))
    assert result.returncode == 1
    assert "## 表22 LiveTagConfig" in result.stdout
    assert "table added (fields [tag_name])" in result.stdout
    same = run_cli("doc-diff", str(SEED), str(SEED))
    assert same.returncode == 0
    assert "**No change**" in same.stdout


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("readme.txt", "# A README\n\nNot a doc page at all.\n", "not a doc page"),
        ("truncated.txt", SEED_TEXT[: len(SEED_TEXT) // 2], "truncated page"),
        ("latin1.txt", "更新时间".encode() + b"\xff\xfe", "not UTF-8"),
        # The format is told from the content, not the name: a Markdown table without a page.
        (
            "page.html",
            "| 参数 | 是否必选 | 参数类型 | 描述 |\n| --- | --- | --- | --- |\n",
            "not a doc page",
        ),
        ("empty.txt", "", "not a doc page"),
    ],
)
def test_an_unreadable_page_exits_2_saying_why_and_where(
    run_cli: RunCli, tmp_path: Path, name: str, content: str | bytes, says: str
) -> None:
    page = write(tmp_path, name, content)
    result = run_cli("doc-diff", str(page))
    assert result.returncode == 2
    assert says in result.stderr
    assert f"{page}:" in result.stderr  # file:line
    assert "cannot be read as a doc page" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_missing_page_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("doc-diff", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "cannot read the page" in result.stderr
    assert "Traceback" not in result.stderr
