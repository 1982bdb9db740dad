"""`python -m mockserver` with --state, --processing-delay, --lenient and --fail-stops: jobs that
outlive the process, and what the options say at start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from mockserver.background import free_port, running_process
from tests.conftest import run_module
from tests.mock_lifecycle import jobs_path
from tests.mock_requests import token_headers

PATH = jobs_path()


def _serve(*args: str) -> tuple[list[str], str]:
    port = free_port()
    return [sys.executable, "-m", "mockserver", "--port", str(port), *args], (
        f"http://127.0.0.1:{port}"
    )


def test_jobs_outlive_the_process_with_state(tmp_path: Path) -> None:
    state = tmp_path / "jobs.db"
    log = tmp_path / "mock.log"
    command, url = _serve("--state", str(state), "--processing-delay", "0", "--seed", "1")
    with log.open("w") as out, running_process(command, url, log=out):
        started = httpx.post(f"{url}{PATH}", json={}, headers=token_headers())
        assert started.status_code == 202
        job_id = started.json()["job_id"]
        stopped_id = httpx.post(f"{url}{PATH}", json={}, headers=token_headers()).json()["job_id"]
        assert httpx.post(f"{url}{PATH}/{stopped_id}/stop", headers=token_headers()).is_success
        before = httpx.get(f"{url}{PATH}/{job_id}", headers=token_headers()).json()
    assert f"smart-live jobs kept in {state}" in log.read_text()
    assert "not stopped" not in log.read_text()  # a new state file has no jobs to resume

    command, url = _serve("--state", str(state), "--processing-delay", "0", "--seed", "1")
    with log.open("w") as out, running_process(command, url, log=out):
        shown = httpx.get(f"{url}{PATH}/{job_id}", headers=token_headers())
        stopped = httpx.get(f"{url}{PATH}/{stopped_id}", headers=token_headers())
        listed = httpx.get(f"{url}{PATH}", headers=token_headers()).json()
        again = httpx.post(f"{url}{PATH}", json={}, headers=token_headers()).json()["job_id"]
    assert "1 job(s) of the state file not stopped, their callbacks still to come" in (
        log.read_text()
    )
    assert shown.status_code == 200
    assert {k: v for k, v in shown.json().items() if k not in ("duration", "stream_duration")} == {
        k: v for k, v in before.items() if k not in ("duration", "stream_duration")
    }
    assert shown.json()["state"] == "PROCESSING"
    assert stopped.json()["state"] == "SUCCEED"
    assert listed["count"] == 2
    assert again not in (job_id, stopped_id)  # the same seed, yet a fresh id


def test_without_state_a_restart_forgets(tmp_path: Path) -> None:
    log = tmp_path / "mock.log"
    command, url = _serve("--processing-delay", "0")
    with log.open("w") as out, running_process(command, url, log=out):
        job_id = httpx.post(f"{url}{PATH}", json={}, headers=token_headers()).json()["job_id"]
        assert httpx.get(f"{url}{PATH}/{job_id}", headers=token_headers()).status_code == 200
    assert "smart-live jobs kept in memory" in log.read_text()
    command, url = _serve("--processing-delay", "0")
    with log.open("w") as out, running_process(command, url, log=out):
        assert httpx.get(f"{url}{PATH}/{job_id}", headers=token_headers()).status_code == 404


def test_fail_stops_lenient_and_processing_delay_from_the_command_line(tmp_path: Path) -> None:
    log = tmp_path / "mock.log"
    command, url = _serve(
        "--fail-stops", "2", "--fail-jobs", "1", "--lenient", "--processing-delay", "3600"
    )
    with log.open("w") as out, running_process(command, url, log=out):
        lax = {"play_policy": {"repeat_count": "4000", "random_play_mode": None}}
        started = httpx.post(f"{url}{PATH}", json=lax, headers=token_headers())
        assert started.status_code == 202, started.text
        job_id = started.json()["job_id"]
        assert httpx.get(f"{url}{PATH}/{job_id}", headers=token_headers()).json()["state"] == (
            "WAITING"
        )
        stops = [
            httpx.post(f"{url}{PATH}/{job_id}/stop", headers=token_headers()) for _ in range(3)
        ]
        assert [s.status_code for s in stops] == [503, 503, 200]
        assert {s.json()["error_code"] for s in stops[:2]} == {"MOCK.INJECTED_FAULT"}
        shown = httpx.get(f"{url}{PATH}/{job_id}", headers=token_headers()).json()
        assert shown["state"] == "SUCCEED"  # the first job was to fail: a stop came first
    said = log.read_text()
    assert "WAITING for 3600 s" in said
    assert "the first 2 StopSmartLive request(s) answer 503" in said
    assert "the first 1 job(s) started end FAILED when they would turn PROCESSING" in said
    assert "lenient:" in said


def test_fail_jobs_from_the_command_line_fails_the_first_jobs_started(tmp_path: Path) -> None:
    command, url = _serve("--fail-jobs", "1", "--processing-delay", "0")
    with (tmp_path / "mock.log").open("w") as out, running_process(command, url, log=out):
        first, second = (
            httpx.post(f"{url}{PATH}", json={}, headers=token_headers()).json()["job_id"]
            for _ in range(2)
        )
        states = [
            httpx.get(f"{url}{PATH}/{job_id}", headers=token_headers()).json()["state"]
            for job_id in (first, second)
        ]
        assert httpx.post(f"{url}{PATH}/{second}/stop", headers=token_headers()).is_success
    assert states == ["FAILED", "PROCESSING"]


def test_a_state_file_that_is_not_the_mocks_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "notes.txt"
    state.write_text("my notes, not a database " * 100)
    result = run_module("mockserver", "--state", str(state))
    assert result.returncode == 2
    assert f"--state {state}: not a mock state file" in result.stderr
    assert "Traceback" not in result.stderr
    assert state.read_text() == "my notes, not a database " * 100


def test_the_new_options_are_in_the_help() -> None:
    script = Path(sys.executable).parent / "mockserver"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for option in ("--state", "--processing-delay", "--lenient", "--fail-stops", "--fail-jobs"):
        assert option in result.stdout


def test_a_processing_delay_beyond_a_calendar_is_refused() -> None:
    for delay in ("nan", "1e300", "-1"):
        result = run_module("mockserver", "--processing-delay", delay)
        assert result.returncode == 2, delay
        assert "Traceback" not in result.stderr
