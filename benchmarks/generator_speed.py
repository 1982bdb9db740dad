"""The generator's speed: `generate` cold (no build cache) and warm against openapi-python-client on
the same spec, each a whole command line, best of N; and a no-op `make`, timed in a copy of the tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import opc
from mockserver import DEFAULT_SPEC

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600.0
# Build state the copy takes along, so that its first `make` redoes only what is stale here.
CARRIED = (".mypy_cache", "build/cache", "build/make")


@dataclass(frozen=True)
class GeneratorSpeed:
    """Seconds of each command line, the best of `repeats` runs into a new folder each."""

    ours_cold: float
    ours_warm: float
    peer: float
    repeats: int


@dataclass(frozen=True)
class NoopMake:
    """A no-op `make`: the best of `repeats` timed runs after one that brought the tree up to date,
    and what each timed run did (a true no-op runs no recipe)."""

    seconds: float
    repeats: int
    recipes: list[str]
    first_make_seconds: float


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {(done.stdout + done.stderr)[-2000:]}")
    return elapsed


def ours(output: Path, *, cold: bool) -> float:
    """Seconds of `python -m generator generate` of the spec into `output` (cold: no cache)."""
    env = {k: v for k, v in os.environ.items() if k != "GENERATOR_NO_CACHE"}
    if cold:
        env["GENERATOR_NO_CACHE"] = "1"
    command = [sys.executable, "-m", "generator", "generate", "--spec", str(DEFAULT_SPEC)]
    return _timed([*command, "--output", str(output)], ROOT, env)


def peer(output: Path) -> float:
    """Seconds of `openapi-python-client generate` of the spec into `output`."""
    opc.peer_venv()  # installed before the clock starts
    started = time.perf_counter()
    done = opc.generate(DEFAULT_SPEC, output, output.parent)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"openapi-python-client failed: {(done.stdout + done.stderr)[-2000:]}")
    return elapsed


def measure(repeats: int, progress: Callable[[str], None] = lambda _: None) -> GeneratorSpeed:
    """Each generator `repeats` times, alternating, each run into a new folder."""
    times: dict[str, list[float]] = {"cold": [], "warm": [], "peer": []}
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as scratch:
        ours(Path(scratch) / "fill-cache", cold=False)  # a warm run finds the cache filled
        for i in range(repeats):
            for kind in times:
                progress(f"generator: {kind} run {i + 1}/{repeats}")
                output = Path(scratch) / f"{kind}-{i}" / "out"
                output.parent.mkdir()
                seconds = peer(output) if kind == "peer" else ours(output, cold=kind == "cold")
                times[kind].append(seconds)
    return GeneratorSpeed(
        min(times["cold"]), min(times["warm"]), min(times["peer"]), repeats=repeats
    )


def _copy_tree(tree: Path) -> None:
    """The work tree's files (tracked and untracked, not ignored) with their times, the build state
    of CARRIED, and .venv as a link: the copy runs `make` without touching the real tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tree / name, follow_symlinks=False)
    for name in CARRIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tree / name, symlinks=True, dirs_exist_ok=True)
    (tree / ".venv").symlink_to(ROOT / ".venv")


def _plain_environment() -> dict[str, str]:
    # As a user's own `make`: not a sub-make of `make bench` (no inherited flags or level).
    inherited = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")
    return {k: v for k, v in os.environ.items() if k not in inherited}


def _bootstrapped(tree: Path) -> None:
    # The copy shares .venv: were its bootstrap stale, `make` would reinstall the venv with the
    # copy's sources as the editable ones. So nothing runs unless bootstrap is up to date.
    checked = subprocess.run(
        ["make", "-q", "bootstrap"], cwd=tree, env=_plain_environment(), timeout=60
    )
    if checked.returncode != 0:
        raise RuntimeError("the venv is not up to date: run `make bootstrap` (make bench does)")


def noop_make(
    workdir: Path, repeats: int, progress: Callable[[str], None] = lambda _: None
) -> NoopMake:
    """Time `make` in a copy of the tree, after one `make` there that brings it up to date: a
    benchmark must not regenerate the real generated/ (it may hold someone's work)."""
    tree = workdir / "noop-make-tree"
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    try:
        progress("no-op make: copying the tree")
        _copy_tree(tree)
        _bootstrapped(tree)
        progress("no-op make: one make to bring the copy up to date")
        first = _timed(["make"], tree, _plain_environment())
        recipes: list[str] = []
        best = float("inf")
        for i in range(repeats):
            _bootstrapped(tree)
            progress(f"no-op make: timed run {i + 1}/{repeats}")
            started = time.perf_counter()
            done = subprocess.run(
                ["make"],
                cwd=tree,
                env=_plain_environment(),
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=True,
            )
            best = min(best, time.perf_counter() - started)
            recipes += [line for line in done.stdout.splitlines() if not line.startswith("make")]
        return NoopMake(best, repeats, recipes, first)
    finally:
        shutil.rmtree(tree, ignore_errors=True)
