"""The broken-spec corpus: each file is rejected (exit 2) with located, snapshotted diagnostics."""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple, TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "metastudio-smart-live.yaml"
GENERATED = ROOT / "generated"
CORPUS = ROOT / "tests" / "broken_specs"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
UPDATE_COMMAND = "UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_broken_specs.py"
EXIT_REJECTED = 2
MIN_CORPUS = 14

# `FILE[:LINE]: level [rule][ #/pointer:] message`, as speccore.diagnostics.Diagnostic renders it.
DIAGNOSTIC = re.compile(
    r"^(?P<file>[^:]+?)(?::(?P<line>\d+))?: (?P<level>error|warning) \[(?P<rule>[^\]]+)\]"
    r"(?: #(?P<pointer>/\S*?):)? (?P<message>.+)$"
)
SUMMARY = re.compile(
    r"^(?P<file>[^:]+): rejected \(\d+ problems?\)(; (?P<output>.+) was not touched)?$"
)

OP = "/paths/~1v1~1{project_id}~1smart-live-rooms~1{room_id}~1smart-live-jobs/post"
CALLBACK = (
    OP + "/callbacks/liveEvent/{$request.body#~1live_event_callback_config"
    "~1live_event_type_callback_url}/post"
)
SCHEMAS = "/components/schemas"


class Place(NamedTuple):
    """Where the planted defect is: a JSON pointer (a diagnostic may point below it).

    The line is computed, not typed in (`names_the_defect`): a diagnostic must name a line where
    the file differs from the real spec, the line just after it (where a parser notices an
    unclosed bracket), or the key of a block that encloses it (a missing key is reported at the
    object that lacks it); line 1 for a whole-file defect.
    """

    pointer: str | None


PLACES: dict[str, Place] = {
    "01_empty_file": Place(None),
    "02_invalid_yaml": Place(None),
    "03_list_not_mapping": Place(None),
    "04_duplicate_key": Place(f"{SCHEMAS}/StartSmartLiveReq/properties/view_mode/default"),
    "05_unquoted_status_code": Place(f"{OP}/responses/401"),
    "06_unquoted_date": Place("/info/version"),
    "07_openapi_3_1": Place("/openapi"),
    "08_missing_openapi": Place("/openapi"),
    "09_broken_ref": Place(f"{SCHEMAS}/VideoConfig/properties/subtitle_config/allOf/0/$ref"),
    "10_external_ref": Place(f"{OP}/responses/401/content/application~1json/schema/allOf/0/$ref"),
    "11_wrong_type": Place(f"{SCHEMAS}/VideoConfig/properties/bitrate/type"),
    "12_duplicate_operation_id": Place(f"{CALLBACK}/operationId"),
    "13_missing_operation_id": Place(OP),
    "14_operation_without_tags": Place(OP),
    "15_undeclared_tag": Place(f"{CALLBACK}/tags/0"),
    "16_property_without_description": Place(f"{SCHEMAS}/StartSmartLiveResponse/properties/job_id"),
    "17_property_without_doc_tables": Place(f"{SCHEMAS}/VoiceConfig/properties/volume"),
    "18_request_example_two_urls": Place(
        f"{OP}/requestBody/content/application~1json/examples/doc/value"
    ),
    "19_error_example_integer_code": Place(
        f"{OP}/responses/400/content/application~1json/examples/doc/value"
    ),
    "20_default_out_of_range": Place(f"{SCHEMAS}/VoiceConfig/properties/speed/default"),
    "21_minimum_above_maximum": Place(
        f"{SCHEMAS}/StartSmartLiveResponse/properties/limit_duration/minimum"
    ),
    "22_integer_without_maximum": Place(
        f"{SCHEMAS}/LiveExitConfig/properties/max_exception_waiting_duration"
    ),
    "23_unused_component_schema": Place(f"{SCHEMAS}/LegacyVideoConfig"),
    "24_x_doc_without_choice": Place("/components/parameters/XSdkDate/x-doc/0"),
    "25_not_utf8": Place(None),
}

# Files whose defect is the whole file: every other one differs from the real spec in one hunk.
WHOLE_FILE_DEFECTS = frozenset({"01_empty_file", "03_list_not_mapping"})

CASES = sorted(p.stem for p in CORPUS.glob("*.yaml"))
T = TypeVar("T")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` from the repository root; never raises on a non-zero exit."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        check=False,
        env=env,
        timeout=120,
    )


def spec_arg(name: str) -> str:
    """The --spec argument for a corpus file, as the CLI prints it back."""
    return (CORPUS / f"{name}.yaml").relative_to(ROOT).as_posix()


def in_parallel(names: list[str], job: Callable[[str], T]) -> dict[str, T]:
    """`job` of each name, a few at a time: the tests spend their time waiting for subprocesses."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        return dict(zip(names, pool.map(job, names), strict=True))


@functools.cache
def validations() -> dict[str, subprocess.CompletedProcess[str]]:
    """`validate` of every corpus file, run once."""
    return in_parallel(CASES, lambda name: run_cli("validate", "--spec", spec_arg(name)))


def validate(name: str) -> subprocess.CompletedProcess[str]:
    """`validate` of one corpus file."""
    return validations()[name]


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    """Neither stream shows a Python traceback."""
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr


def diagnostic_lines(stderr: str) -> list[str]:
    """The diagnostic lines of stderr (not the summary)."""
    return [line for line in stderr.splitlines() if DIAGNOSTIC.match(line)]


def tree_digest(tree: Path) -> dict[str, str]:
    """Every entry under `tree`: a file's sha256, a directory or a symlink's target."""
    digest: dict[str, str] = {}
    for path in sorted(tree.rglob("*")):
        key = path.relative_to(tree).as_posix()
        if path.is_symlink():
            digest[key] = "link:" + os.readlink(path)
        elif path.is_dir():
            digest[key] = "dir"
        else:
            digest[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def test_corpus_is_complete() -> None:
    assert len(CASES) >= MIN_CORPUS, f"only {len(CASES)} broken specs in {CORPUS}"
    assert set(CASES) == set(PLACES), "every corpus file needs a PLACES entry, and vice versa"
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+", name) for name in CASES), CASES
    orphans = sorted(p.name for p in CORPUS.glob("*.expected") if p.stem not in CASES)
    assert not orphans, f"snapshots without a spec: {orphans}"


def planted_hunks(name: str) -> list[tuple[str, int, int, int, int]]:
    """The places where a corpus file differs from the real spec (difflib opcodes)."""
    real = SPEC.read_bytes().splitlines(keepends=True)
    broken = (CORPUS / f"{name}.yaml").read_bytes().splitlines(keepends=True)
    return [
        op for op in difflib.SequenceMatcher(None, real, broken).get_opcodes() if op[0] != "equal"
    ]


def names_the_defect(name: str, line: int) -> bool:
    """Whether 1-based `line` of a corpus file is the planted defect's line or encloses it."""
    if name in WHOLE_FILE_DEFECTS:
        return line == 1
    (_, _, _, first, last) = planted_hunks(name)[0]
    if first + 1 <= line <= max(last, first + 1) + 1:
        return True
    text = (CORPUS / f"{name}.yaml").read_bytes().decode("utf-8", "replace").splitlines()
    if not 1 <= line <= first:
        return False

    def indent(s: str) -> int:
        return len(s) - len(s.lstrip(" "))

    # An enclosing key: every non-blank line from it down to the defect is indented deeper.
    return all(indent(t) > indent(text[line - 1]) for t in text[line:first] if t.strip())


@pytest.mark.parametrize("name", sorted(set(CASES) - WHOLE_FILE_DEFECTS))
def test_each_file_plants_one_defect(name: str) -> None:
    hunks = planted_hunks(name)
    assert len(hunks) == 1, (
        f"{name}.yaml should differ from {SPEC.name} in one place: {hunks}. When the spec "
        "changes, apply the same change to the corpus files and update the snapshots."
    )


@pytest.mark.parametrize("name", CASES)
def test_validate_rejects_with_the_snapshotted_diagnostics(name: str) -> None:
    result = validate(name)
    assert_no_traceback(result)
    assert result.returncode == EXIT_REJECTED, result.stderr
    assert result.stdout == ""
    snapshot = CORPUS / f"{name}.expected"
    if UPDATE:
        snapshot.write_text(result.stderr, encoding="utf-8", newline="\n")
        return
    expected = snapshot.read_text(encoding="utf-8") if snapshot.exists() else ""
    if result.stderr != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                result.stderr.splitlines(keepends=True),
                fromfile=snapshot.relative_to(ROOT).as_posix(),
                tofile="stderr of validate",
            )
        )
        pytest.fail(
            f"{snapshot.name} differs from validate's stderr:\n{diff}\n"
            f"If the new diagnostics are right, update the snapshots with:\n  {UPDATE_COMMAND}",
            pytrace=False,
        )


@pytest.mark.parametrize("name", CASES)
def test_every_diagnostic_names_the_planted_place(name: str) -> None:
    result = validate(name)
    place = PLACES[name]
    lines = result.stderr.splitlines()
    diagnostics = diagnostic_lines(result.stderr)
    assert diagnostics, result.stderr
    unexpected = [line for line in lines if not DIAGNOSTIC.match(line) and not SUMMARY.match(line)]
    assert not unexpected, (
        f"stderr lines that are neither a diagnostic nor the summary: {unexpected}"
    )
    for line in diagnostics:
        match = DIAGNOSTIC.match(line)
        assert match is not None
        assert match["file"] == spec_arg(name), line
        assert match["line"] or match["pointer"], f"no place (neither :LINE nor #/pointer): {line}"
        assert match["line"] and names_the_defect(name, int(match["line"])), (
            f"the line does not name or enclose the planted defect: {line}"
        )
        if place.pointer is not None:
            pointer = match["pointer"] or ""
            assert pointer == place.pointer or pointer.startswith(place.pointer + "/"), (
                f"expected #{place.pointer}: {line}"
            )


class GenerateRun(NamedTuple):
    """`generate --output DIR` of a broken spec, DIR a copy of generated/, and DIR around it."""

    result: subprocess.CompletedProcess[str]
    before: dict[str, str]
    after: dict[str, str]
    replaced: bool
    beside: list[str]


@pytest.fixture(scope="module")
def generate_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GenerateRun]:
    """`generate` of every corpus file, each into its own copy of generated/."""
    ignore = shutil.ignore_patterns("__pycache__", ".generate-*")
    outputs = {name: tmp_path_factory.mktemp(name) / "generated" for name in CASES}
    for output in outputs.values():
        shutil.copytree(GENERATED, output, ignore=ignore)

    def run(name: str) -> GenerateRun:
        output = outputs[name]
        before, inode = tree_digest(output), output.stat().st_ino
        result = run_cli("generate", "--spec", spec_arg(name), "--output", str(output))
        return GenerateRun(
            result=result,
            before=before,
            after=tree_digest(output),
            replaced=output.stat().st_ino != inode,
            beside=sorted(p.name for p in output.parent.iterdir()),
        )

    return in_parallel(CASES, run)


@pytest.mark.parametrize("name", CASES)
def test_generate_rejects_and_leaves_the_output_untouched(
    name: str, generate_runs: dict[str, GenerateRun]
) -> None:
    run = generate_runs[name]
    assert_no_traceback(run.result)
    assert run.result.returncode == EXIT_REJECTED, run.result.stderr
    assert run.after == run.before
    assert not run.replaced, "the output directory was replaced"
    assert run.beside == ["generated"], "a stray file or .generate-* directory beside the output"
    assert diagnostic_lines(run.result.stderr) == diagnostic_lines(validate(name).stderr)
    assert run.result.stderr.splitlines()[-1].endswith(f"; {run.result.args[-1]} was not touched")


def test_missing_spec_file_is_rejected_clearly(tmp_path: Path) -> None:
    missing = spec_arg("00_no_such_file")
    assert not (ROOT / missing).exists()
    result = run_cli("validate", "--spec", missing)
    assert_no_traceback(result)
    assert result.returncode == EXIT_REJECTED
    assert result.stderr == (
        f"{missing}: error [io] cannot read the spec: No such file or directory\n"
        f"{missing}: rejected (1 problem)\n"
    )
    output = tmp_path / "generated"
    result = run_cli("generate", "--spec", missing, "--output", str(output))
    assert_no_traceback(result)
    assert result.returncode == EXIT_REJECTED
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_real_spec_is_valid() -> None:
    spec = SPEC.relative_to(ROOT).as_posix()
    result = run_cli("validate", "--spec", spec)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"{spec}: valid OpenAPI 3.0, lint clean (house rules)\n"
