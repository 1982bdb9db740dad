"""`generator review --base REV`: one Markdown report for a pull request that changes the spec.

Sections: the spec diff against REV (breaking or compatible, waivers applied), the doc drift status,
lint results, what changed in the generated SDK's public surface, and the diff of the generated API
reference page. The base revision's files are read with `git archive`; nothing of it is executed.
"""

from __future__ import annotations

import difflib
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import griffe

from speccore.diagnostics import Diagnostic, SpecError
from speccore.loading import load_spec
from speccore.text import one_line
from speccore.validation import validate_document
from specreview.docdiff import drift_against_spec, drift_between_docs
from specreview.docpage import DocPageError, read_page
from specreview.drift_report import describe
from specreview.gates import GATES
from specreview.specdiff import DiffReport, apply_waivers, diff_specs, load_waivers, read_spec
from specreview.specdiff import render_markdown as render_spec_diff
from specreview.surface import diff_surfaces, public_surface, render_surface_markdown

SPEC = Path("openapi/metastudio-smart-live.yaml")
DOC_PAGE = Path("openapi/doc/start-smart-live.zh.txt")
WAIVERS = Path("openapi/spec-diff-waivers.yaml")
PACKAGE = Path("generated/metastudio")
API_REFERENCE = Path("generated/API.md")


class ReviewError(SpecError):
    """The base revision or the working tree cannot be read."""


@dataclass(frozen=True)
class Review:
    """The assembled report and its headline numbers."""

    markdown: str
    breaking: int
    drift: int
    lint_errors: int
    stale: int = 0

    def counts(self) -> dict[str, int]:
        """Each gate's count: what `--fail-on` can fail on."""
        return {
            "breaking": self.breaking,
            "drift": self.drift,
            "stale": self.stale,
            "lint": self.lint_errors,
        }


def failed_gates(result: Review, gates: tuple[str, ...]) -> list[str]:
    """The gates among `gates` that the review fails, in GATES order."""
    counts = result.counts()
    return [gate for gate in GATES if gate in gates and counts[gate]]


def gate_header(result: Review, failed: list[str]) -> str:
    """The report's first lines when a gate failed: which, and how many."""
    labels = {
        "breaking": "unwaived breaking spec change(s)",
        "drift": "doc drift(s)",
        "stale": "stale x-doc decision(s)",
        "lint": "lint error(s)",
    }
    counts = result.counts()
    named = "; ".join(f"{gate} ({counts[gate]} {labels[gate]})" for gate in failed)
    return f"> **Review gate failed: {named}.**\n\n"


def review(repo: Path, base: str) -> Review:
    """Compare the working tree of `repo` with its revision `base`."""
    with tempfile.TemporaryDirectory(prefix="generator-review-") as tmp:
        base_tree = Path(tmp)
        _extract(repo, base, base_tree)
        spec_section, breaking = _spec_section(repo, base)
        drift_section, drift, stale = _drift_section(repo, base_tree)
        lint_section, lint_errors = _lint_section(repo)
        surface_section = _surface_section(repo, base_tree)
        reference_section = _reference_section(repo, base_tree)
    verdict = ", ".join(
        [
            f"{breaking} unwaived breaking spec change(s)",
            f"{drift} doc drift(s)",
            f"{lint_errors} lint error(s)",
            f"{stale} stale x-doc decision(s)",
        ]
    )
    head = [f"# Spec review: working tree against `{base}`", "", f"**{verdict}.**", "", ""]
    body = [spec_section, drift_section, lint_section, surface_section, reference_section]
    markdown = "\n".join(head) + "\n\n".join(body) + "\n"
    return Review(markdown, breaking, drift, lint_errors, stale)


def _extract(repo: Path, base: str, into: Path) -> None:
    """The base revision's openapi/ and generated/ trees, via git archive (never checked out)."""
    result = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", base, "openapi", "generated"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        problem = f"git cannot read revision {base!r}: {message[0] if message else '?'}"
        raise ReviewError([Diagnostic("", problem, "git", file=str(repo))])
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(into, filter="data")


def _spec_section(repo: Path, base: str) -> tuple[str, int]:
    old_label, old = read_spec(base, repo=repo, default_path=str(SPEC))
    new_label, new = read_spec(str(repo / SPEC), repo=repo, default_path=str(SPEC))
    changes, unused = apply_waivers(diff_specs(old, new), load_waivers(repo / WAIVERS))
    report = DiffReport(old_label, str(SPEC), changes, unused)
    return "## Spec diff\n\n" + _demote(render_spec_diff(report)), len(report.breaking)


def _drift_section(repo: Path, base_tree: Path) -> tuple[str, int, int]:
    lines = ["## Doc drift", ""]
    try:
        page = read_page(repo / DOC_PAGE)
        spec = load_spec(repo / SPEC).data
    except (DocPageError, SpecError) as exc:
        return "\n".join([*lines, f"The doc page or the spec cannot be read: {exc}"]), 1, 0
    report = drift_against_spec(page, spec, str(DOC_PAGE), str(SPEC))
    for stale in report.stale:
        lines.append(
            f"- **stale decision** at `{stale.decision.field}` ({stale.decision.keyword}): "
            f"{stale.reason}; it quotes “{one_line(stale.decision.quote)}”"
        )
    if report.stale:
        lines.append("")
    if report.drift:
        lines.append(f"**{len(report.drift)} difference(s)** between the doc page and the spec:")
        lines += [""] + [
            f"- {d.table}, `{d.field}`: {describe(d, report.mode)}" for d in report.drift
        ]
    else:
        lines.append(
            f"No drift: the spec says what `{DOC_PAGE}` says "
            f"({len(report.accepted)} difference(s) accepted by {len(report.decisions)} x-doc "
            "decisions; `generator doc-diff` lists them)."
        )
    old_page_path = base_tree / DOC_PAGE
    if old_page_path.exists() and old_page_path.read_bytes() != (repo / DOC_PAGE).read_bytes():
        try:
            changes = drift_between_docs(read_page(old_page_path), page, "base", "now")
        except DocPageError as exc:
            lines += ["", f"The base revision's doc page cannot be read: {exc}"]
        else:
            lines += [
                "",
                f"The doc page changed since the base ({len(changes.drift)} change(s)):",
                "",
            ]
            lines += [
                f"- {d.table}, `{d.field}`: {describe(d, changes.mode)}" for d in changes.drift
            ]
    return "\n".join(lines), len(report.drift), len(report.stale)


def _lint_section(repo: Path) -> tuple[str, int]:
    lines = ["## Validation and lint", ""]
    try:
        diagnostics = validate_document(load_spec(repo / SPEC))
    except SpecError as exc:
        diagnostics = list(exc.diagnostics)
    if not diagnostics:
        return "\n".join([*lines, "`generator validate`: valid OpenAPI 3.0, lint clean."]), 0
    lines += ["```", *(d.render(str(SPEC)) for d in diagnostics), "```"]
    errors = sum(1 for d in diagnostics if d.level.value == "error")
    return "\n".join(lines), errors


def _surface_section(repo: Path, base_tree: Path) -> str:
    header = "## Generated SDK: public surface\n\n"
    old_package = base_tree / PACKAGE
    if not old_package.is_dir():
        return header + f"The base revision has no `{PACKAGE}`; everything in it is new."
    changes = diff_surfaces(public_surface(old_package), public_surface(repo / PACKAGE))
    return (
        header
        + _demote(render_surface_markdown(changes))
        + _griffe_breakages(old_package, repo / PACKAGE)
    )


def _griffe_breakages(old_package: Path, new_package: Path) -> str:
    """griffe's verdict (`griffe check`) on the same two trees: what breaks a caller.

    Measured on this SDK: griffe finds removed objects, required or reordered parameters and
    changed defaults, but lists no addition and renders no signature, and a reviewer needs both;
    so the surface above is still read by specreview.surface, and griffe's findings stand beside
    it as the second opinion of a maintained tool.
    """
    name = new_package.name
    try:
        old = griffe.load(name, search_paths=[str(old_package.parent)], resolve_aliases=False)
        new = griffe.load(name, search_paths=[str(new_package.parent)], resolve_aliases=False)
        breakages = list(griffe.find_breaking_changes(old, new))
    except Exception as exc:  # noqa: BLE001 - a tool's failure is reported, not raised
        return f"\n\n### Breaking changes (griffe)\n\ngriffe could not load the package: {exc}"
    lines = [b.explain(style=griffe.ExplanationStyle.MARKDOWN) for b in breakages]
    body = "\n".join(lines) if lines else "None."
    return f"\n\n### Breaking changes (griffe {metadata.version('griffelib')})\n\n{body}"


def _reference_section(repo: Path, base_tree: Path) -> str:
    header = f"## Generated API reference (`{API_REFERENCE}`)\n\n"
    new_path = repo / API_REFERENCE
    if not new_path.exists():
        return header + "The working tree has no API reference page."
    old_path = base_tree / API_REFERENCE
    old = old_path.read_text(encoding="utf-8").splitlines() if old_path.exists() else []
    new = new_path.read_text(encoding="utf-8").splitlines()
    diff = list(
        difflib.unified_diff(old, new, f"base/{API_REFERENCE}", str(API_REFERENCE), lineterm="")
    )
    if not diff:
        return header + "Unchanged."
    note = "" if old_path.exists() else "New in this change.\n\n"
    return header + note + "```diff\n" + "\n".join(diff) + "\n```"


def _demote(markdown: str) -> str:
    """Headings one level down, so that a sub-report nests under this report's section."""
    return "\n".join(f"#{line}" if line.startswith("#") else line for line in markdown.splitlines())
