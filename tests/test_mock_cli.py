"""`python -m mockserver` / the `mockserver` script: its options, what it says at start-up, its refusals."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from mockserver import DEV_AK, DEV_SK, DEV_TOKEN
from mockserver.background import free_port, running_process
from tests.conftest import SPEC, run_module
from tests.mock_requests import PATH


@contextmanager
def mock_process(*args: str, log: Path) -> Iterator[str]:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "mockserver", "--port", str(port), *args]
    with log.open("w") as out, running_process(command, base_url, log=out):
        yield base_url


def test_without_credentials_it_accepts_the_documented_development_ones(tmp_path: Path) -> None:
    log = tmp_path / "mock.log"
    with mock_process("--seed", "3", log=log) as url:
        ok = httpx.post(f"{url}{PATH}", headers={"X-Auth-Token": DEV_TOKEN})
        assert ok.status_code == 202
    said = log.read_text()
    assert "development credentials" in said
    assert DEV_AK in said
    assert DEV_SK not in said and DEV_TOKEN not in said
    assert "seed 3" in said
    assert "127.0.0.1" in said  # bound to loopback by default


def test_given_credentials_replace_the_development_ones(tmp_path: Path) -> None:
    log = tmp_path / "mock.log"
    args = ("--aksk", "AK1:secret-sk-1", "--aksk", "AK2:secret-sk-2", "--token", "secret-token")
    with mock_process(*args, log=log) as url:
        assert (
            httpx.post(f"{url}{PATH}", headers={"X-Auth-Token": "secret-token"}).status_code == 202
        )
        assert httpx.post(f"{url}{PATH}", headers={"X-Auth-Token": DEV_TOKEN}).status_code == 401
    said = log.read_text()
    assert "2 AK/SK pair(s) (AK AK1, AK2) and 1 token(s)" in said
    assert "secret" not in said


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_module("mockserver", *args)


def test_a_malformed_aksk_is_refused_without_echoing_it() -> None:
    result = run("--aksk", "no-separator-secret")
    assert result.returncode == 2
    assert "AK:SK" in result.stderr
    assert "no-separator-secret" not in result.stderr + result.stdout


def test_a_malformed_basic_pair_is_refused_without_echoing_it() -> None:
    result = run("--basic", "user-without-password-secret")
    assert result.returncode == 2
    assert "USER:PASS" in result.stderr
    assert "user-without-password-secret" not in result.stderr + result.stdout


def test_a_broken_spec_is_refused_with_located_diagnostics(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(SPEC.read_text().replace("type: integer", "type: integr", 1))
    result = run("--spec", str(broken))
    assert result.returncode == 2
    assert "integr" in result.stderr
    assert f"{broken}:" in result.stderr
    assert f"{broken}: rejected (1 problem(s)); not serving" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "mockserver"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for option in ("--host", "--port", "--spec", "--aksk", "--token", "--basic", "--seed"):
        assert option in result.stdout
