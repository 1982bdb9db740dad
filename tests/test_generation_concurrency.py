"""A generation's parts in child processes (sdkbuild.concurrently), the remembered validator
verdicts, and the imports a generation does without."""

from __future__ import annotations

import ast
import gc
import os
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator import cli
from sdkbuild import cache, concurrently, generation, naming
from sdkbuild.generation import build
from speccore import validation
from speccore.diagnostics import Diagnostic, SpecError
from speccore.loading import load_spec
from speccore.validation import validate_document, verdict_key
from tests.conftest import ROOT, SPEC


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forking allowed although the test session has threads of its own (a module's mock app
    starts its callback sender at import): the children below run a few lines and call no code
    another thread could hold a lock in. Without it `started` would compute in this process, and
    `os._exit` there would end the test session."""
    assert sys.platform == "linux", "these tests fork"
    monkeypatch.setattr(concurrently, "can_fork", lambda: True)


def test_forking_is_refused_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not concurrently.can_fork()
    finally:
        stop.set()
        thread.join()


@pytest.mark.usefixtures("forking")
def test_the_result_comes_back_from_another_process() -> None:
    with concurrently.started(os.getpid) as pending:
        child = pending.result()
    assert child != os.getpid()


@pytest.mark.usefixtures("forking")
def test_the_childs_exception_is_raised_here_with_its_traceback() -> None:
    def failing() -> None:
        raise ValueError("bad input")

    with (
        concurrently.started(failing) as pending,
        pytest.raises(ValueError, match="bad input") as e,
    ):
        pending.result()
    assert any("raised in a child process" in note for note in e.value.__notes__)
    assert any("failing" in note for note in e.value.__notes__)


@pytest.mark.usefixtures("forking")
def test_an_exception_that_cannot_travel_is_still_a_failure_here() -> None:
    # SpecError's constructor takes diagnostics, not its message: it cannot be unpickled as is.
    def rejecting() -> None:
        raise SpecError([Diagnostic("/x", "no", "openapi")])

    with concurrently.started(rejecting) as pending, pytest.raises(concurrently.ChildFailed) as e:
        pending.result()
    assert "SpecError" in str(e.value)


@pytest.mark.usefixtures("forking")
def test_a_child_that_dies_is_a_failure_not_a_hang() -> None:
    with concurrently.started(lambda: os._exit(3)) as pending:
        with pytest.raises(concurrently.ChildFailed, match="without a result"):
            pending.result()


@pytest.mark.usefixtures("forking")
def test_a_child_whose_result_is_not_wanted_is_stopped(tmp_path: Path) -> None:
    marker = tmp_path / "pid"

    def sleeping() -> None:
        marker.write_text(str(os.getpid()))
        time.sleep(600)

    with concurrently.started(sleeping):
        while not marker.exists() or not marker.read_text():
            time.sleep(0.01)
    with pytest.raises(ProcessLookupError):  # killed and reaped when the block was left
        os.kill(int(marker.read_text()), 0)


def test_with_other_threads_it_computes_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked while another thread ran"))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with concurrently.started(os.getpid) as pending:
            assert pending.result() == os.getpid()
    finally:
        stop.set()
        thread.join()


class Remembered:
    """A Verdicts store in memory."""

    def __init__(self, known: set[str] | None = None) -> None:
        self.known = known or set()

    def known_valid(self, key: str) -> bool:
        return key in self.known

    def remember_valid(self, key: str) -> None:
        self.known.add(key)


def test_a_remembered_clean_verdict_skips_the_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_spec(SPEC)
    verdicts = Remembered()
    first = validate_document(document, verdicts=verdicts)
    assert verdicts.known == {verdict_key(document)}

    def not_again(data: object) -> list[Diagnostic]:
        raise AssertionError("openapi-spec-validator ran for a remembered spec")

    monkeypatch.setattr(validation, "_validator_diagnostics", not_again)
    assert validate_document(document, verdicts=verdicts) == first


def test_a_spec_with_errors_is_not_remembered(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text("openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n", encoding="utf-8")
    verdicts = Remembered()
    diagnostics = validate_document(load_spec(spec), config=None, verdicts=verdicts)
    assert any(d.rule == "openapi" for d in diagnostics)
    assert not verdicts.known


def test_the_verdict_key_is_the_spec_and_the_validators_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = load_spec(SPEC)
    key = verdict_key(document)
    edited = tmp_path / "spec.yaml"
    edited.write_bytes(SPEC.read_bytes() + b"\n# a comment\n")
    assert verdict_key(load_spec(edited)) != key
    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "99.0" if name == "openapi-spec-validator" else real(name)
    )
    assert verdict_key(document) != key


def test_the_build_cache_remembers_verdicts_unless_it_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "CACHE", tmp_path / "cache")
    verdicts = cache.ValidatorVerdicts()
    monkeypatch.setenv(cache.DISABLE, "1")
    verdicts.remember_valid("k")
    assert not verdicts.known_valid("k")  # a cold run validates every spec
    monkeypatch.delenv(cache.DISABLE)
    assert not verdicts.known_valid("k")
    verdicts.remember_valid("k")
    assert verdicts.known_valid("k")


def test_an_invalid_spec_that_breaks_the_parser_is_reported_by_the_validator(
    tmp_path: Path,
) -> None:
    # The parser runs beside the validator, before its verdict: on an invalid spec it may fail,
    # and then the validator's diagnostics are what is reported, and nothing is written.
    spec = tmp_path / "broken.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get: 7\n",
        encoding="utf-8",
    )
    expected = validate_document(load_spec(spec))
    assert any(d.rule == "openapi" for d in expected)
    with pytest.raises(SpecError) as rejected:
        build(spec, tmp_path / "out")
    assert list(rejected.value.diagnostics) == expected
    assert not (tmp_path / "out").exists()


def test_a_failing_render_is_raised_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> dict[str, str]:
        raise RuntimeError("a template is broken")

    monkeypatch.setattr(generation, "render_package", broken)
    with pytest.raises(RuntimeError, match="a template is broken"):
        build(SPEC, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_generation_runs_the_ruff_binary_itself() -> None:
    command = generation._ruff_binary()
    assert len(command) == 1 and Path(command[0]).name == "ruff"


def test_the_command_line_does_not_import_the_review_tools_or_the_validator() -> None:
    # Imported by the commands that need them: `generate` has no use for the review tools, and
    # openapi-spec-validator is imported only where a spec is validated.
    code = "import sys, generator.cli; print(' '.join(sorted(sys.modules)))"
    modules = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "generator.cli" in modules
    light = {"specreview", "specreview.gates"}  # the gates' names, for --fail-on's help
    heavy = [m for m in modules if m.startswith(("specreview", "openapi_spec_validator"))]
    assert not [m for m in heavy if m not in light]


@pytest.mark.parametrize(
    "source",
    [
        '__all__ = ["A", "B"]\n',
        '"""Doc."""\n\n__all__ = (\n    "A",  # the first\n    "B",\n)\nx = [1]\n',
        '__all__ = ["A"]\n__all__ = ["B"]\n',
        '__all__ = ["A"]  # the one\n',
        "x = 1\n",
    ],
)
def test_runtime_exports_read_quickly_are_what_the_whole_module_says(source: str) -> None:
    tree = ast.parse(source)
    whole = {
        name
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", "") == "__all__" for t in node.targets)
        for name in ast.literal_eval(node.value)
    }
    assert naming._exports(source) == whole


@pytest.mark.parametrize(
    ("status", "code", "said"), [("None", 0, ""), ("3", 3, ""), ("'why'", 1, "why\n")]
)
def test_the_command_line_leaves_as_sys_exit_would(status: str, code: int, said: str) -> None:
    # It skips the interpreter's clean-up; what is buffered is still printed, atexit still runs.
    script = (
        "import atexit, sys; from generator.cli import leave; "
        "atexit.register(lambda: print('atexit ran')); "
        f"print('buffered', end=''); leave({status})"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (code, "bufferedatexit ran\n", said)


@pytest.mark.usefixtures("forking")
def test_when_no_process_can_be_forked_it_computes_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    with concurrently.started(os.getpid) as pending:
        assert pending.result() == os.getpid()


@pytest.mark.parametrize("command", ["generate", "check"])
def test_generate_and_check_run_without_the_cycle_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    disabled: list[bool] = []
    monkeypatch.setattr(gc, "disable", lambda: disabled.append(True))
    missing = tmp_path / "missing.yaml"
    result = CliRunner().invoke(
        cli.app, [command, "--spec", str(missing), "--output", str(tmp_path / "out")]
    )
    assert result.exit_code == 2 and disabled == [True]
