"""`fuzz live`: a run against the real endpoint that can never leave a job running.

Before: list the room; refuse while a job runs there (unless told to go on). During: schemathesis
with the safety net (fuzz.net) in its hooks, watched: the run ends once more starts were accepted
than the budget allows. After, and on any interrupt or crash: list again and stop every job the
run created; say which, if any, could not be stopped.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType

from fuzz.findings import FORBIDDEN, Finding, FindingLog
from fuzz.jobs import JobKeeper
from metastudio import MetaStudioError
from mockserver.background import end_process

WATCH_INTERVAL_SECONDS = 0.2
EXIT_CLEAN, EXIT_FINDINGS, EXIT_LEFT_RUNNING, EXIT_INTERRUPTED = 0, 1, 3, 130


@dataclass(frozen=True)
class Outcome:
    """What a live run did: its findings, the jobs it created, and those it could not stop."""

    findings: tuple[Finding, ...]
    created: tuple[str, ...]
    left_running: tuple[str, ...]
    schemathesis_exit: int | None
    ended_by: str
    unchecked: str | None = None
    """Why the room could not be listed after the run, if it could not: then no one can say
    that no job the run never saw answered for is still running."""

    @property
    def exit_code(self) -> int:
        """3 if a job is left running, or may be (the room could not be listed); 130 if
        interrupted; 1 on findings or a schemathesis failure; else 0."""
        if self.left_running or self.unchecked is not None:
            return EXIT_LEFT_RUNNING
        if self.ended_by == "interrupt":
            return EXIT_INTERRUPTED
        if any(f.kind == FORBIDDEN for f in self.findings) or self.schemathesis_exit:
            return EXIT_FINDINGS
        return EXIT_CLEAN


class LiveJobsRunning(Exception):
    """The room has running jobs before the run: starting would mix ours with the user's."""


def run(
    command: Sequence[str],
    env: dict[str, str],
    keeper: JobKeeper,
    findings: FindingLog,
    max_accepted: int,
    *,
    allow_live_jobs: bool,
    log: Callable[[str], None],
) -> Outcome:
    """Run schemathesis (`command`) inside the net; the clean-up runs whatever happens."""
    before = keeper.states()
    running = keeper.live(before)
    if running and not allow_live_jobs:
        raise LiveJobsRunning(", ".join(running))
    findings.clear()
    process: subprocess.Popen[bytes] | None = None
    ended_by = "crash"
    try:
        with _interrupt_on_sigterm():
            process = subprocess.Popen(command, env=env)
            ended_by = _watch(process, findings, max_accepted)
    except KeyboardInterrupt:
        ended_by = "interrupt"
    finally:
        # Whatever ended the run (its end, the budget, Ctrl-C, SIGTERM, a crash of either process):
        # schemathesis is stopped, then every job the run created is.
        if process is not None and process.poll() is None:
            end_process(process)
        with _shielded(log):
            outcome = _clean_up(keeper, before, findings, process, ended_by, log)
    return outcome


def _watch(process: subprocess.Popen[bytes], findings: FindingLog, max_accepted: int) -> str:
    # Bounded by the process: it ends by itself, or once the budget is spent.
    while process.poll() is None:
        if len(findings.read()) > max_accepted:
            end_process(process)
            return "budget"
        time.sleep(WATCH_INTERVAL_SECONDS)
    return "budget" if len(findings.read()) > max_accepted else "done"


def _clean_up(
    keeper: JobKeeper,
    before: dict[str, str],
    findings: FindingLog,
    process: subprocess.Popen[bytes] | None,
    ended_by: str,
    log: Callable[[str], None],
) -> Outcome:
    found = tuple(findings.read())
    recorded = {f.job_id for f in found if f.job_id}
    after, why = _listed(keeper, log)
    if after is None:
        # The room cannot be listed (the network, the service): every job the run recorded is
        # stopped all the same, each stop confirmed by a show of its own.
        created = sorted(recorded)
        still = created
    else:
        created = sorted((set(after) - set(before)) | recorded)
        still = keeper.live({job: after[job] for job in created if job in after})
    if still:
        log(f"fuzz-live: stopping {len(still)} job(s) the run left running: {', '.join(still)}")
    left = {job for job in still if not keeper.stop(job)}
    final, why_final = _listed(keeper, log)
    if after is None and final is not None:
        # The room answers again: a job the run created but never saw the answer of shows now.
        created = sorted(set(created) | (set(final) - set(before)))
        late = keeper.live({job: final[job] for job in created if job not in still})
        if late:
            names = ", ".join(late)
            log(f"fuzz-live: stopping {len(late)} more job(s) the run left running: {names}")
        left |= {job for job in late if not keeper.stop(job)}
        final, why_final = _listed(keeper, log)
    if final is not None:
        left |= {job for job in created if job in keeper.live(final)}
    return Outcome(
        findings=found,
        created=tuple(created),
        left_running=tuple(sorted(left)),
        schemathesis_exit=process.returncode if process is not None else None,
        ended_by=ended_by,
        unchecked=why_final if final is None else None,
    )


def _listed(
    keeper: JobKeeper, log: Callable[[str], None]
) -> tuple[dict[str, str], None] | tuple[None, str]:
    """The room's jobs and states, or why they could not be read (the SDK's messages hold no
    secret)."""
    try:
        return keeper.states(), None
    except MetaStudioError as exc:
        why = f"{type(exc).__name__}: {exc}"
        log(f"fuzz-live: cannot list the room: {why}")
        return None, why


@contextmanager
def _shielded(log: Callable[[str], None]) -> Iterator[None]:
    # A second Ctrl-C during the clean-up would leave jobs running: it is said, and ignored (the
    # clean-up is bounded: every stop has a limited number of attempts).
    def hold(signum: int, frame: FrameType | None) -> None:
        log("fuzz-live: stopping the run's jobs first; this ends by itself")

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _interrupt_on_sigterm() -> Iterator[None]:
    # SIGTERM (a CI timeout, `kill`) must clean up as Ctrl-C does.
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_report(outcome: Outcome, report_dir: Path) -> Path:
    """The run's report as JSON (findings with secrets masked, created and left-running jobs)."""
    path = report_dir / "live-report.json"
    payload = {
        "ended_by": outcome.ended_by,
        "schemathesis_exit": outcome.schemathesis_exit,
        "findings": [asdict(f) for f in outcome.findings],
        "created": list(outcome.created),
        "left_running": list(outcome.left_running),
        "room_unchecked": outcome.unchecked,
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return path


def summary(outcome: Outcome) -> str:
    """What to tell the user, one finding a line."""
    forbidden = [f for f in outcome.findings if f.kind == FORBIDDEN]
    lines = [
        f"fuzz-live: {len(outcome.findings)} start(s) accepted, {len(forbidden)} of them "
        f"forbidden by the spec; {len(outcome.created)} job(s) created, "
        f"{len(outcome.left_running)} left running (ended by {outcome.ended_by})"
    ]
    lines += [
        f"fuzz-live: finding: the service accepted what the spec forbids ({f.description}): "
        f"{f.status} job {f.job_id} {'stopped' if f.stopped else 'NOT confirmed stopped'}: {f.body}"
        for f in forbidden
    ]
    if outcome.left_running:
        lines.append(
            "fuzz-live: STILL RUNNING, stop these jobs yourself: " + ", ".join(outcome.left_running)
        )
    if outcome.unchecked is not None:
        lines.append(
            f"fuzz-live: THE ROOM COULD NOT BE LISTED after the run ({outcome.unchecked}): a job "
            "the run never saw the answer of may still run; list the room yourself"
        )
    return "\n".join(lines)
