"""Render a doc-drift report (specreview.docdiff) as Markdown, grouped by table, or as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from speccore.text import markdown_cell
from specreview.docdiff import Decision, Difference, DriftReport

_NOTHING = "—"


def _value(value: object) -> str:
    if value is None:
        return _NOTHING
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) and value.strip() != value else str(value)


def describe(difference: Difference, mode: str) -> str:
    """One line: what differs at the field, doc (old) value → spec (new) value."""
    old_side, new_side = ("doc", "spec") if mode == "doc-vs-spec" else ("old", "new")
    d = difference
    if d.keyword == "missing":
        return f"in the doc ({_value(d.doc)}), not in the spec (expected in {_value(d.spec)})"
    if d.keyword == "invented":
        return f"in the spec ({_value(d.spec)}), not in the doc"
    if d.keyword == "added":
        return f"added in the new page ({_value(d.spec)})"
    if d.keyword == "removed":
        return f"removed from the new page (was {_value(d.doc)})"
    if d.keyword == "table" and mode == "doc-vs-spec":
        if d.spec is None:
            return f"a table of the doc (fields {_value(d.doc)}) that no spec object is tagged with"
        return f"tagged in the spec ({d.spec}), but the doc has no such table"
    if d.keyword == "table":
        if d.doc is None:
            return f"table added (fields {_value(d.spec)})"
        return f"table removed (had fields {_value(d.doc)})"
    if (
        d.keyword == "enum"
        and isinstance(d.doc, (list, tuple))
        and isinstance(d.spec, (list, tuple))
    ):
        gone = sorted(set(map(str, d.doc)) - set(map(str, d.spec)))
        new = sorted(set(map(str, d.spec)) - set(map(str, d.doc)))
        parts = [f"only in the {old_side}: {', '.join(gone)}"] if gone else []
        parts += [f"only in the {new_side}: {', '.join(new)}"] if new else []
        return f"enum: {'; '.join(parts)}"
    return f"{d.keyword}: {old_side} {_value(d.doc)} → {new_side} {_value(d.spec)}"


def _table_number(label: str) -> tuple[int, str]:
    head = label.split()[0]
    digits = head.removeprefix("表")
    return (int(digits), label) if digits.isdigit() else (10_000, label)


def render_markdown(report: DriftReport) -> str:
    """A readable report: verdict, drift grouped by table, then the accepted decisions."""
    lines = [f"# Doc drift: `{report.old}` → `{report.new}`", ""]
    drift = report.drift
    if report.mode == "doc-vs-spec":
        verdict = (
            f"**{len(drift)} difference(s) between the doc and the spec.**"
            if drift
            else ("**No drift**: the spec says what the doc says.")
        )
        stale = f" **{len(report.stale)} stale decision(s).**" if report.stale else ""
        lines.append(
            f"{verdict}{stale} {len(report.accepted)} difference(s) accepted by x-doc decisions; "
            f"the spec records {len(report.decisions)} decision(s), all listed below."
        )
    else:
        lines.append(
            f"**{len(drift)} change(s)** between the two pages."
            if drift
            else "**No change** between the two pages."
        )
    groups: dict[str, list[Difference]] = {}
    for difference in drift:
        groups.setdefault(difference.table, []).append(difference)
    for table in sorted(groups, key=_table_number):
        lines += ["", f"## {table}", ""]
        for d in groups[table]:
            where = f" (`#{d.pointer}`)" if d.pointer.startswith("/") else ""
            name = "table" if d.field == "-" else f"`{d.field}`"
            lines.append(f"- {name}: {describe(d, report.mode)}{where}")
    if report.stale:
        lines += ["", f"## Stale decisions ({len(report.stale)})", ""]
        lines.append("Made against text the page no longer has; revisit each, then its quote.")
        lines += ["", "| field | keyword | why stale | the decision's quote | the page now |"]
        lines.append("|---|---|---|---|---|")
        for s in report.stale:
            cells = [s.decision.field, s.decision.keyword, s.reason, s.decision.quote, s.page_now]
            lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    if report.mode == "doc-vs-spec":
        lines += _decisions_section(report)
    return "\n".join(lines) + "\n"


def _decisions_section(report: DriftReport) -> list[str]:
    lines = [
        "",
        f"## Accepted: the spec's x-doc decisions ({len(report.decisions)})",
        "",
        "| table | field | keyword | doc → spec | decision | doc text |",
        "|---|---|---|---|---|---|",
    ]
    for decision in report.decisions:
        covered = _covered(decision, report.accepted)
        change = (
            "; ".join(f"{_value(d.doc)} → {_value(d.spec)}" for d in covered)
            if covered
            else "no difference left (the doc's text read as chosen)"
        )
        tables = ", ".join(f"表{n}" for n in decision.tables) or f"`{decision.pointer}`"
        cells = [tables, decision.field, decision.keyword, change, decision.choice, decision.quote]
        lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    return lines


def _covered(decision: Decision, accepted: tuple[Difference, ...]) -> list[Difference]:
    """The accepted differences this decision accounts for (same place, same keyword)."""
    found: list[Difference] = []
    for d in accepted:
        if d.decision is None or d.decision.keyword != decision.keyword:
            continue
        if decision.pointer.startswith(d.pointer + "/") and d.key not in {f.key for f in found}:
            found.append(d)
    return found


def _difference_json(d: Difference, mode: str) -> dict[str, Any]:
    old_key, new_key = ("doc", "spec") if mode == "doc-vs-spec" else ("old", "new")
    out: dict[str, Any] = {
        "table": d.table,
        "field": d.field,
        "keyword": d.keyword,
        old_key: d.doc,
        new_key: d.spec,
        "pointer": d.pointer,
        "text": describe(d, mode),
    }
    if d.decision is not None:
        out["decision"] = asdict(d.decision)
    return out


def _decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "pointer": decision.pointer,
        "tables": list(decision.tables),
        "field": decision.field,
        "keyword": decision.keyword,
        "quote": decision.quote,
        "choice": decision.choice,
    }


def render_json(report: DriftReport) -> str:
    """The report as stable JSON (sorted keys, UTF-8 text kept as is)."""
    data = {
        "mode": report.mode,
        "old": report.old,
        "new": report.new,
        "drift": [_difference_json(d, report.mode) for d in report.drift],
        "accepted": [_difference_json(d, report.mode) for d in report.accepted],
        "decisions": [_decision_json(d) for d in report.decisions],
        "stale": [
            {**_decision_json(s.decision), "reason": s.reason, "page_now": s.page_now}
            for s in report.stale
        ],
        "summary": {
            "drift": len(report.drift),
            "accepted": len(report.accepted),
            "decisions": len(report.decisions),
            "stale": len(report.stale),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
