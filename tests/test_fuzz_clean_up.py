"""A live run's clean-up when the room cannot be listed: what it recorded is stopped, the doubt is said."""

from __future__ import annotations

from pathlib import Path

from fuzz import live
from fuzz.findings import ALLOWED, Finding, FindingLog
from fuzz.jobs import JobKeeper
from metastudio import APIConnectionError

LIVE = ("WAITING", "PROCESSING")


class Room(JobKeeper):
    """A room whose listing fails the first `failures` times; stops always confirmed."""

    def __init__(self, jobs: dict[str, str], failures: int) -> None:  # no client: a fake room
        self.jobs = dict(jobs)
        self.failures = failures
        self.stopped: list[str] = []

    def states(self) -> dict[str, str]:
        if self.failures:
            self.failures -= 1
            raise APIConnectionError("Connection error: [Errno 111] Connection refused")
        return dict(self.jobs)

    def live(self, states: dict[str, str]) -> list[str]:
        return sorted(j for j, state in states.items() if state in LIVE)

    def stop(self, job_id: str) -> bool:
        self.stopped.append(job_id)
        self.jobs[job_id] = "SUCCEED"
        return True


def findings_of(tmp_path: Path, *job_ids: str) -> FindingLog:
    log = FindingLog(tmp_path / "findings.jsonl")
    for job_id in job_ids:
        log.append(Finding(ALLOWED, "StartSmartLive", 202, job_id, False, "positive", "{}"))
    return log


def test_when_the_room_cannot_be_listed_the_recorded_jobs_are_stopped_all_the_same(
    tmp_path: Path,
) -> None:
    room = Room({"recorded": "PROCESSING", "unseen": "PROCESSING"}, failures=1)
    said: list[str] = []
    outcome = live._clean_up(
        room, {}, findings_of(tmp_path, "recorded"), None, "crash", said.append
    )
    # The recorded job is stopped at once; once the room answers again, the job the run created
    # but never saw the answer of (not in the room before) is found and stopped too.
    assert room.stopped == ["recorded", "unseen"]
    assert outcome.created == ("recorded", "unseen")
    assert outcome.left_running == ()
    assert outcome.unchecked is None
    assert any("cannot list the room: APIConnectionError" in line for line in said)


def test_a_room_that_cannot_be_listed_at_the_end_is_an_exit_3_and_said(tmp_path: Path) -> None:
    room = Room({"recorded": "PROCESSING"}, failures=2)
    said: list[str] = []
    outcome = live._clean_up(room, {}, findings_of(tmp_path, "recorded"), None, "done", said.append)
    assert room.stopped == ["recorded"]
    assert outcome.unchecked is not None and "APIConnectionError" in outcome.unchecked
    assert outcome.exit_code == live.EXIT_LEFT_RUNNING
    text = live.summary(outcome)
    assert "THE ROOM COULD NOT BE LISTED" in text and "list the room yourself" in text
    report = live.write_report(outcome, tmp_path)
    assert '"room_unchecked": "APIConnectionError' in report.read_text()


def test_a_listed_room_is_cleaned_as_before(tmp_path: Path) -> None:
    room = Room({"old": "SUCCEED", "new": "PROCESSING"}, failures=0)
    outcome = live._clean_up(room, {"old": "SUCCEED"}, findings_of(tmp_path), None, "done", print)
    assert room.stopped == ["new"]
    assert outcome.created == ("new",)
    assert (outcome.left_running, outcome.unchecked, outcome.exit_code) == ((), None, 0)
