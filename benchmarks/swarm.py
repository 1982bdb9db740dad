"""Locust as processes on loopback: one local process, or a master and N workers; all stopped."""

from __future__ import annotations

import math
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mockserver.background import end_process, free_port

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# Beyond --run-time: start-up, workers connecting (at most WORKERS_WAIT), the final reports.
GRACE_SECONDS = 60.0
WORKERS_WAIT_SECONDS = 30
WORKER_EXIT_SECONDS = 10.0  # a worker ends on its master's quit; after that it is stopped


@dataclass(frozen=True)
class Plan:
    """One Locust run: whom to load, how hard, for how long at most, and where its files go."""

    target: str
    users: int
    seconds: float
    max_requests: int
    workers: int  # 0: one local process; N: a master and N local workers
    directory: Path

    @property
    def tally_file(self) -> Path:
        """Where the locustfile's master (or one process) writes its counts."""
        return self.directory / "tally.json"

    @property
    def log_file(self) -> Path:
        """The master's (or the one process's) output, Locust's final tables included."""
        return self.directory / "locust.log"


@dataclass(frozen=True)
class Outcome:
    """How the Locust processes ended."""

    exit_code: int | None  # the master's or the one process's; None when it had to be stopped
    worker_exit_codes: tuple[int | None, ...]


def main_command(plan: Plan, master_port: int | None) -> list[str]:
    """The headless run: the one process, or (with a port) the master that the workers join."""
    command = [
        *_locust(),
        "--headless",
        "--only-summary",  # progress is benchmarks.load's one line, not Locust's tables
        "--host",
        plan.target,
        "--users",
        str(plan.users),
        "--spawn-rate",
        str(plan.users),
        "--run-time",
        f"{math.ceil(plan.seconds)}s",
        "--stop-timeout",
        "5",
        "--max-requests",
        str(plan.max_requests),
        "--tally-file",
        str(plan.tally_file),
        "--csv",
        str(plan.directory / "locust"),
        "--html",
        str(plan.directory / "locust.html"),
    ]
    if master_port is not None:
        command += [
            "--master",
            "--master-bind-host",
            "127.0.0.1",  # the workers are local: nothing else may join
            "--master-bind-port",
            str(master_port),
            "--expect-workers",
            str(plan.workers),
            "--expect-workers-max-wait",
            str(WORKERS_WAIT_SECONDS),
        ]
    return command


def worker_command(master_port: int) -> list[str]:
    """A worker: the master sends it the host, the users and the options."""
    return [*_locust(), "--worker", "--master-host", "127.0.0.1", "--master-port", str(master_port)]


def run(plan: Plan, tick: Callable[[], None]) -> Outcome:
    """Run Locust to its end (or stop it past its bounds), calling `tick` about once a second."""
    plan.directory.mkdir(parents=True, exist_ok=True)
    plan.tally_file.unlink(missing_ok=True)  # a stale tally must not pass for this run's
    port = free_port() if plan.workers else None
    logs: list[IO[str]] = []
    workers: list[subprocess.Popen[Any]] = []
    main: subprocess.Popen[Any] | None = None
    try:
        main = _start(main_command(plan, port), plan.log_file, logs)
        if port is not None:
            for index in range(plan.workers):
                worker_log = plan.directory / f"worker-{index}.log"
                workers.append(_start(worker_command(port), worker_log, logs))
        deadline = time.monotonic() + plan.seconds + GRACE_SECONDS
        next_tick = time.monotonic()
        while main.poll() is None and time.monotonic() < deadline:
            if time.monotonic() >= next_tick:
                tick()
                next_tick += 1.0
            time.sleep(0.1)
        for worker in workers:
            try:
                worker.wait(timeout=WORKER_EXIT_SECONDS)
            except subprocess.TimeoutExpired:
                pass
        return Outcome(main.poll(), tuple(worker.poll() for worker in workers))
    finally:
        for process in [*workers, *([main] if main is not None else [])]:
            if process.poll() is None:
                end_process(process)
        for handle in logs:
            handle.close()


def _locust() -> list[str]:
    # `python -m`: this venv's Locust, the repository (cwd) importable as benchmarks.*
    return [sys.executable, "-m", "locust", "--locustfile", str(LOCUSTFILE)]


def _start(command: list[str], log: Path, logs: list[IO[str]]) -> subprocess.Popen[Any]:
    handle = log.open("w")
    logs.append(handle)
    return subprocess.Popen(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
