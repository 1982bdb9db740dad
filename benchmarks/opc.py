"""openapi-python-client, the peer generator (tools/opc, pinned), in its own venv: install, command."""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.pins import pinned_version

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "tools" / "opc" / "requirements.txt"
VENV = ROOT / "build" / "peer-opc-venv"
TIMEOUT = 300.0


def _bin(name: str) -> Path:
    return VENV / "bin" / name


def peer_venv() -> Path:
    """Create the peer's venv and install its pinned requirements, once per requirements file."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    stamp = VENV / ".requirements.sha256"
    VENV.parent.mkdir(parents=True, exist_ok=True)
    with open(VENV.parent / "peer-opc-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.is_file() and stamp.read_text().strip() == digest:
            return VENV
        stamp.unlink(missing_ok=True)
        if not _bin("python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=TIMEOUT)
        pip = [
            str(_bin("python")),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ]
        subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True, timeout=TIMEOUT)
        stamp.write_text(digest + "\n")
    return VENV


def version() -> str | None:
    """The pinned version, as tools/opc/requirements.txt names it."""
    return pinned_version(REQUIREMENTS, "openapi-python-client")


def generate(document: Path, output: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`openapi-python-client generate` of `document` into `output` (run in `cwd`, a scratch
    folder), with its default post hooks (ruff check --fix, ruff format) from its own venv."""
    venv = peer_venv()
    command = [
        str(venv / "bin" / "openapi-python-client"),
        "generate",
        "--path",
        str(document.resolve()),
        "--output-path",
        str(output),
        "--meta",
        "none",
        "--overwrite",
    ]
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.update({"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"})
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
