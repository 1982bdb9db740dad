"""`make demo` (the end of `make`): a job's whole life through the SDK against the mock."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_the_demo_starts_shows_commands_lists_and_stops_a_job() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mockserver.demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [line.split(None, 2)[1:] for line in result.stdout.splitlines()[1:]]
    steps = [words[0] for words in lines]
    assert steps == ["started", "show", "wait_for", "command", "list", "stopped"]
    job_id = lines[0][1].removeprefix("job ")
    assert re.fullmatch(r"[0-9a-f-]{36}", job_id)
    assert lines[1][1] == "WAITING" and lines[2][1] == "PROCESSING"
    assert lines[3][1].startswith("INSERT_PLAY_SCRIPT ")
    assert job_id in lines[4][1] and lines[5][1] == "SUCCEED"
