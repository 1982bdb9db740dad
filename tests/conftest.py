"""Shared test fixtures: repository paths and a helper that runs the generator's CLI."""

from __future__ import annotations

import socketserver
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
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


@contextmanager
def serving_on_loopback(server: socketserver.TCPServer) -> Iterator[str]:
    """Serve `server` (bound to 127.0.0.1) on a thread until the block ends; yields its base URL."""
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
