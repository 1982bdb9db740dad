"""Shared test fixtures: repository paths and a helper that runs the generator's CLI."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "metastudio-smart-live.yaml"
GENERATED = ROOT / "generated"

RunCli = Callable[..., subprocess.CompletedProcess[str]]


def run_module(module: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m MODULE ARGS` from the repository root; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def run_cli() -> RunCli:
    """Run `python -m generator ARGS` from the repository root; never raises on a non-zero exit."""

    def run(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env=None if env is None else dict(env),
            timeout=300,
        )

    return run
