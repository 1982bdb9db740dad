"""x-doc decisions are pinned to the doc text they quote and the doc value they override: an edit
of the page at a decision's quote makes doc-diff report the decision stale, and exit 1."""

from __future__ import annotations

import re
import unicodedata

import pytest

from speccore.loading import load_spec
from specreview.docdiff import (
    _decision_field,
    drift_against_spec,
    drift_between_docs,
    quote_on,
    spec_decisions,
)
from specreview.docpage import read_text_page
from tests.conftest import SPEC, RunCli

SEED = SPEC.parent / "doc" / "start-smart-live.zh.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SPEC_DATA = load_spec(SPEC).data
SEED_PAGE = read_text_page(SEED_TEXT)
DECISIONS = spec_decisions(SPEC_DATA)


def _edit_at_quote(text: str, quote: str, from_line: int) -> str:
    """The page with one character of the quote's last fragment changed, from `from_line` on: a
    digit moves by one, any other character becomes 改."""
    kept: list[int] = []  # raw index of each character of the quote form
    form: list[str] = []
    for index, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char)
        if folded and not re.fullmatch(r"[\s:•·]+", folded):
            kept.extend([index] * len(folded))
            form.append(folded)
    flat = "".join(form)
    start = next((i for i, raw in enumerate(kept) if text.count("\n", 0, raw) + 1 >= from_line), 0)
    fragments = [f for f in quote.split("…") if re.sub(r"[\s:•·]+", "", f)]
    target = re.sub(r"[\s:•·]+", "", unicodedata.normalize("NFKC", fragments[-1]))
    found = flat.find(target, start)
    assert found >= 0, quote
    span = range(found, found + len(target))
    digits = [i for i in span if flat[i].isdigit()]
    at = kept[digits[len(digits) // 2] if digits else span[len(span) // 2]]
    replacement = str((int(text[at]) + 1) % 10) if text[at].isdigit() else "改"
    return text[:at] + replacement + text[at + 1 :]


def test_the_committed_page_has_no_drift_and_no_stale_decision() -> None:
    report = drift_against_spec(SEED_PAGE, SPEC_DATA, "seed", "spec")
    assert not report.drift and not report.stale and report.exit_code == 0
    assert len(DECISIONS) >= 20
    assert all(quote_on(d.quote, SEED_TEXT) for d in DECISIONS)


@pytest.mark.parametrize("decision", DECISIONS, ids=[d.pointer for d in DECISIONS])
def test_an_edit_at_a_decisions_quote_makes_it_stale(decision: object) -> None:
    # Once a defect: a decision accepted any difference on its keyword forever, so a page that
    # moved the very value it was made about still looked clean.
    from specreview.docdiff import Decision

    assert isinstance(decision, Decision)
    doc_field = _decision_field(SEED_PAGE, decision)
    edited = _edit_at_quote(SEED_TEXT, decision.quote, doc_field.line if doc_field else 1)
    # A decision on no table field (an example) is pinned to the page as a whole: it is stale
    # when its quote is nowhere on it, so every place that quotes it is edited.
    for _ in range(5):
        if doc_field is not None or not quote_on(decision.quote, edited):
            break
        edited = _edit_at_quote(edited, decision.quote, 1)
    report = drift_against_spec(read_text_page(edited), SPEC_DATA, "edited", "spec")
    assert decision.pointer in {s.decision.pointer for s in report.stale}
    assert report.exit_code == 1


def test_a_moved_value_is_drift_and_the_decision_stale() -> None:
    # bitrate: the decision keeps maximum 30000 from "取值范围: 40-30000"; a page that says 40-3000
    # is drift (the decision no longer accepts it) and the decision is stale.
    edited = SEED_TEXT.replace("40-30000", "40-3000", 1)
    report = drift_against_spec(read_text_page(edited), SPEC_DATA, "edited", "spec")
    assert any(d.field == "bitrate" and d.keyword == "maximum" for d in report.drift)
    stale = [s for s in report.stale if s.decision.field == "bitrate"]
    assert stale and report.exit_code == 1


def test_the_cli_reports_stale_decisions(run_cli: RunCli, tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    page = tmp_path / "page.txt"
    page.write_text(SEED_TEXT.replace("40-30000", "40-3000", 1), encoding="utf-8")
    result = run_cli("doc-diff", str(page))
    assert result.returncode == 1
    assert "Stale" in result.stdout and "bitrate" in result.stdout
    as_json = run_cli("doc-diff", str(page), "--format", "json")
    assert as_json.returncode == 1 and '"stale"' in as_json.stdout


def test_between_two_pages_an_edit_at_a_quote_names_the_decision() -> None:
    edited = SEED_TEXT.replace("40-30000", "40-3000", 1)
    report = drift_between_docs(SEED_PAGE, read_text_page(edited), "old", "new", DECISIONS)
    assert [s.decision.field for s in report.stale] == ["bitrate"]
    assert report.drift and report.exit_code == 1
    unchanged = drift_between_docs(SEED_PAGE, SEED_PAGE, "old", "new", DECISIONS)
    assert not unchanged.stale and unchanged.exit_code == 0
