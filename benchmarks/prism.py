"""Prism, the peer mock server (npm @stoplight/prism-cli, pinned in tools/prism), on loopback."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from mockserver.background import free_port

ROOT = Path(__file__).resolve().parent.parent
PRISM = ROOT / "tools" / "prism" / "node_modules" / ".bin" / "prism"
STARTUP_SECONDS = 90.0


@contextmanager
def running_prism(spec: Path, log_path: Path) -> Iterator[str]:
    """`prism mock SPEC` on a free loopback port until the block ends; yields its base URL."""
    if not PRISM.exists():
        raise FileNotFoundError(f"{PRISM} is missing: run `make prism` (make test and bench do)")
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(PRISM), "mock", str(spec), "--host", "127.0.0.1", "--port", str(port), "--errors"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _answers(base_url):
                if process.poll() is not None:
                    raise RuntimeError(f"prism exited with {process.returncode}: see {log_path}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"prism did not listen on {base_url}: see {log_path}")
                time.sleep(0.2)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _answers(base_url: str) -> bool:
    try:
        httpx.get(base_url, timeout=1)
    except httpx.TransportError:
        return False
    return True
