"""Prism, the peer mock server (npm @stoplight/prism-cli, pinned in tools/prism), on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.logs import server_log
from mockserver.background import free_port, running_process

ROOT = Path(__file__).resolve().parent.parent
PRISM = ROOT / "tools" / "prism" / "node_modules" / ".bin" / "prism"
STARTUP_SECONDS = 90.0


@contextmanager
def running_prism(spec: Path, log_path: Path) -> Iterator[str]:
    """`prism mock SPEC` on a free loopback port until the block ends; yields its base URL."""
    with prism_process(spec, log_path) as (base_url, _):
        yield base_url


@contextmanager
def prism_process(spec: Path, log_path: Path) -> Iterator[tuple[str, int]]:
    """`prism mock SPEC` on a free loopback port until the block ends; yields (base URL, pid)."""
    if not PRISM.exists():
        raise FileNotFoundError(f"{PRISM} is missing: run `make prism` (make test and bench do)")
    port = free_port()
    command = [
        str(PRISM),
        "mock",
        str(spec),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--errors",
    ]
    base_url = f"http://127.0.0.1:{port}"
    with server_log(log_path) as log:
        try:
            with running_process(
                command, base_url, log=log, startup_timeout=STARTUP_SECONDS
            ) as process:
                yield base_url, process.pid
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}; prism's output: {log_path}") from None
