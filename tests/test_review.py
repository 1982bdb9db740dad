"""`generator diff` and `generator review` / `make review` from the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, SPEC, RunCli


def mutated_spec(tmp_path: Path, mutate: Any, name: str = "new.yaml") -> Path:
    data = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def narrow_bitrate(data: dict[str, Any]) -> None:
    data["components"]["schemas"]["VideoConfig"]["properties"]["bitrate"]["maximum"] = 3000


BITRATE_MAX = "/components/schemas/VideoConfig/properties/bitrate/maximum"


def waivers(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_of_identical_specs_exits_0(run_cli: RunCli) -> None:
    result = run_cli("diff", str(SPEC), str(SPEC))
    assert result.returncode == 0, result.stderr
    assert "No changes." in result.stdout


def test_diff_with_a_breaking_change_exits_1(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("diff", str(SPEC), str(mutated_spec(tmp_path, narrow_bitrate)))
    assert result.returncode == 1
    assert "maximum-narrowed" in result.stdout
    assert f"`{BITRATE_MAX}`" in result.stdout
    as_json = run_cli(
        "diff", str(SPEC), str(mutated_spec(tmp_path, narrow_bitrate)), "--format", "json"
    )
    assert as_json.returncode == 1
    (change,) = json.loads(as_json.stdout)["changes"]
    assert (change["kind"], change["breaking"], change["pointer"]) == (
        "maximum-narrowed",
        True,
        BITRATE_MAX,
    )


def test_a_waiver_with_a_reason_lets_it_pass(run_cli: RunCli, tmp_path: Path) -> None:
    waiver_file = waivers(
        tmp_path,
        f"waivers:\n  - kind: maximum-narrowed\n    pointer: {BITRATE_MAX}\n"
        "    reason: The doc of 2026-10 caps the bitrate at 3000.\n",
    )
    new = mutated_spec(tmp_path, narrow_bitrate)
    result = run_cli("diff", str(SPEC), str(new), "--waivers", str(waiver_file))
    assert result.returncode == 0, result.stdout
    assert "caps the bitrate at 3000" in result.stdout


@pytest.mark.parametrize("reason", ["", "    reason: ''\n", "    reason: '   '\n"])
def test_a_waiver_without_a_reason_is_refused(run_cli: RunCli, tmp_path: Path, reason: str) -> None:
    waiver_file = waivers(
        tmp_path, f"waivers:\n  - kind: maximum-narrowed\n    pointer: {BITRATE_MAX}\n{reason}"
    )
    new = mutated_spec(tmp_path, narrow_bitrate)
    result = run_cli("diff", str(SPEC), str(new), "--waivers", str(waiver_file))
    assert result.returncode == 2
    assert "reason" in result.stderr
    assert str(waiver_file) in result.stderr
    assert "Traceback" not in result.stderr


def test_diff_reads_git_revisions(run_cli: RunCli) -> None:
    result = run_cli("diff", "HEAD", "HEAD")
    assert result.returncode == 0, result.stderr
    bad = run_cli("diff", "no-such-revision-xyz", str(SPEC))
    assert bad.returncode == 2
    assert "no-such-revision-xyz" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_the_committed_waiver_file_is_valid_and_every_waiver_has_a_reason() -> None:
    from specreview.specdiff import load_waivers

    for waiver in load_waivers(ROOT / "openapi" / "spec-diff-waivers.yaml"):
        assert waiver.reason.strip()


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def changed_repo(tmp_path: Path) -> Path:
    """A git repository holding this project's openapi/ and generated/, then a spec change:
    bitrate's maximum narrowed, and a new optional VideoConfig field, regenerated."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "openapi", repo / "openapi")
    shutil.copytree(ROOT / "generated", repo / "generated")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base")

    def change(data: dict[str, Any]) -> None:
        narrow_bitrate(data)
        data["components"]["schemas"]["VideoConfig"]["properties"]["hdr"] = {
            "type": "boolean",
            "description": "Whether to output HDR video.",
            "x-doc-tables": [4],
        }

    spec = repo / "openapi" / "metastudio-smart-live.yaml"
    changed = mutated_spec(tmp_path, change)
    shutil.copy(changed, spec)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--spec",
            str(spec),
            "--output",
            str(repo / "generated"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return repo


def test_review_reports_every_section(changed_repo: Path) -> None:
    out = changed_repo / "review.md"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "review", "--base", "HEAD", "--output", str(out)],
        cwd=changed_repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = out.read_text(encoding="utf-8")
    assert (
        "**1 unwaived breaking spec change(s), 2 doc drift(s), 0 lint error(s), "
        "0 stale x-doc decision(s).**"
    ) in report
    spec_section = report.split("## Spec diff")[1].split("## Doc drift")[0]
    assert "maximum-narrowed" in spec_section and f"`{BITRATE_MAX}`" in spec_section
    assert "property-added" in spec_section
    drift_section = report.split("## Doc drift")[1].split("## Validation and lint")[0]
    assert "`bitrate`: maximum: doc 30000 → spec 3000" in drift_section
    assert "`hdr`: in the spec (VideoConfig), not in the doc" in drift_section
    surface = report.split("## Generated SDK: public surface")[1].split(
        "## Generated API reference"
    )[0]
    assert "metastudio.models.VideoConfig.hdr" in surface
    # griffe's second opinion: adding an optional field breaks nobody.
    assert "### Breaking changes (griffe" in surface and "None." in surface
    reference = report.split("## Generated API reference")[1]
    assert "+| `hdr` |" in reference


def test_review_of_an_unknown_base_exits_2(changed_repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "review", "--base", "nope~3"],
        cwd=changed_repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "nope~3" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_review_writes_the_report() -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "review", "BASE=HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = (ROOT / "build" / "review" / "review.md").read_text(encoding="utf-8")
    assert report.startswith("# Spec review: working tree against `HEAD`")
    for section in ("## Spec diff", "## Doc drift", "## Validation and lint", "## Generated SDK"):
        assert section in report


def _review(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "review", "--base", "HEAD", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("gates", "failed"),
    [("breaking", "breaking"), ("drift", "drift"), ("breaking,drift,lint", "breaking")],
)
def test_review_fails_on_each_gate_it_is_given(changed_repo: Path, gates: str, failed: str) -> None:
    # Once a defect: review exited 0 whatever it found, so no pipeline could gate on it.
    out = changed_repo / "gated.md"
    result = _review(changed_repo, "--output", str(out), "--fail-on", gates)
    assert result.returncode == 1, result.stderr
    assert f"review gate failed: {failed}" in result.stderr
    report = out.read_text(encoding="utf-8")
    assert report.startswith(f"> **Review gate failed: {failed} (")


def test_review_passes_the_gates_it_does_not_fail(changed_repo: Path) -> None:
    out = changed_repo / "clean.md"
    assert _review(changed_repo, "--output", str(out), "--fail-on", "stale,lint").returncode == 0
    assert _review(changed_repo, "--output", str(out)).returncode == 0  # no gate: a report only
    assert not out.read_text(encoding="utf-8").startswith(">")


def test_review_fails_on_a_stale_decision(changed_repo: Path) -> None:
    page = changed_repo / "openapi" / "doc" / "start-smart-live.zh.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("40-30000", "40-3001", 1))
    result = _review(changed_repo, "--output", str(changed_repo / "r.md"), "--fail-on", "stale")
    assert result.returncode == 1 and "review gate failed: stale" in result.stderr


def test_an_unknown_gate_is_refused(changed_repo: Path) -> None:
    result = _review(changed_repo, "--fail-on", "breaking,vibes")
    assert result.returncode == 2 and "vibes" in result.stderr and "Traceback" not in result.stderr


def test_make_review_passes_fail_on_through() -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "review", "BASE=HEAD", "FAIL_ON=breaking,vibes"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode != 0 and "--fail-on vibes" in result.stderr


def test_review_names_griffes_breaking_changes(changed_repo: Path) -> None:
    models = changed_repo / "generated" / "metastudio" / "models.py"
    models.write_text(
        models.read_text(encoding="utf-8").replace("    bitrate:", "    bit_rate:", 1)
    )
    out = changed_repo / "review.md"
    assert _review(changed_repo, "--output", str(out)).returncode == 0
    surface = out.read_text(encoding="utf-8").split("## Generated SDK: public surface")[1]
    assert "`VideoConfig.bitrate`: *Public object was removed*" in surface


def test_review_fails_on_a_lint_error(changed_repo: Path) -> None:
    spec = changed_repo / "openapi" / "metastudio-smart-live.yaml"
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    del data["components"]["schemas"]["VideoConfig"]["properties"]["hdr"]["description"]
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _review(changed_repo, "--output", str(changed_repo / "r.md"), "--fail-on", "lint")
    assert result.returncode == 1 and "review gate failed: lint" in result.stderr
