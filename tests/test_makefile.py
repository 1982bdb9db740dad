"""The Makefile's promises, read from `make -n` (nothing runs): what `make test`, and so CI, does."""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT


def _plan(target: str) -> list[str]:
    result = subprocess.run(
        ["make", "-n", "--always-make", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_make_test_runs_the_gates_before_the_tests() -> None:
    # Once a defect: `make test` ran pytest alone, so CI never saw a stale generated/, a type
    # error or a lint error.
    plan = _plan("test")
    steps = {
        "check": next(i for i, line in enumerate(plan) if "-m generator check" in line),
        "mypy": next(i for i, line in enumerate(plan) if "mypy --strict" in line),
        "ruff": next(i for i, line in enumerate(plan) if "ruff check" in line),
        "format": next(i for i, line in enumerate(plan) if "ruff format --check" in line),
        "pytest": next(i for i, line in enumerate(plan) if "-m pytest" in line),
    }
    assert max(v for k, v in steps.items() if k != "pytest") < steps["pytest"], steps


def test_ci_runs_make_test() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_make_test_says_early_that_it_needs_npm() -> None:
    # The README once said Python and make were enough; `make test` also needs Node's npm.
    result = subprocess.run(
        ["/usr/bin/make", "-B", "prism"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/nonexistent"},
        check=False,
    )
    assert result.returncode != 0
    assert "needs Node.js and npm" in result.stderr


def test_a_no_op_make_generate_leaves_generated_untouched() -> None:
    # Once a defect: a no-op `make` rewrote every file of generated/ (new inodes and mtimes).
    generated = ROOT / "generated"

    def stamps() -> dict[str, tuple[int, int]]:
        return {
            str(p.relative_to(generated)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(generated.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts
        }

    before = stamps()
    # -W: as if the spec were newer, so that the step runs although nothing changed.
    command = ["make", "-s", "-W", "openapi/metastudio-smart-live.yaml", "generate"]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    assert stamps() == before


def _recipes(*args: str) -> list[str]:
    """The commands `make -n ARGS all` would run (make's own messages left out)."""
    result = subprocess.run(
        ["make", "-n", *args, "all"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [line for line in result.stdout.splitlines() if not line.startswith("make")]


def test_a_no_op_make_runs_nothing_and_an_edit_runs_what_depends_on_it() -> None:
    subprocess.run(["make", "-s", "all"], cwd=ROOT, capture_output=True, check=True)
    assert _recipes() == []
    # The spec: validate, generate, check and the demo; not the type check or lint.
    spec = " ".join(_recipes("-W", "openapi/metastudio-smart-live.yaml"))
    assert "generator validate" in spec and "generator generate" in spec
    assert "generator check" in spec and "mockserver.demo" in spec
    assert "mypy" not in spec and "ruff" not in spec
    # A test file: the type check and lint only.
    test_file = " ".join(_recipes("-W", str(ROOT / "tests" / "test_makefile.py")))
    assert "mypy --strict" in test_file and "ruff check" in test_file
    assert "-m generator" not in test_file and "mockserver.demo" not in test_file
    # A folder (a file was added or removed in it) counts as an edit of the folder's steps.
    folder = " ".join(_recipes("-W", str(ROOT / "speccore")))
    assert "generator validate" in folder and "mypy --strict" in folder
