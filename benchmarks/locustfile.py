"""Locust's side of `make load`: a FastHttpUser sending the mix, bounded, counting per kind.

Only ever run by Locust in a process of its own (benchmarks/swarm.py starts them): importing
locust monkey-patches the standard library with gevent, which must never reach pytest or the mock.

Bounds: Locust's --run-time, and --max-requests, a request budget split between the workers
(each worker's own share, by its index); a worker that has spent its share sends its last counts
to the master, and the master quits once every worker has. Statuses and dropped connections are
counted per kind of request (`benchmarks.tally.Tally`), reported to the master with Locust's own
stats, and written by the master (or the one local process) to --tally-file.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, constant, events, task
from locust.argument_parser import LocustArgumentParser
from locust.contrib.fasthttp import LocustBadStatusCode
from locust.env import Environment
from locust.event import EventHook
from locust.exception import StopUser
from locust.rpc import Message
from locust.runners import MasterRunner, WorkerRunner

from benchmarks.mix import MIX, loopback_refusal
from benchmarks.tally import Tally

logger = logging.getLogger(__name__)

SPENT = "load_budget_spent"  # a worker's message: its share is spent; its last counts within
REPORT = "load_tally"  # the key of our counts in a worker's periodic report
DRAIN_SECONDS = 10.0  # how long a spent process waits for its requests in flight to end


class _Process:
    """This process's share of the run: what it may still send, what it counted, what is open."""

    def __init__(self) -> None:
        self.worker = "0"  # its index, once the master has given it one
        self.budget = 0
        self.in_flight = 0
        self.spent = False
        self.tally = Tally()
        self.offsets = itertools.count()


class _Master:
    """What the process that writes the tally file knows (the master, or the one local process)."""

    def __init__(self) -> None:
        self.total = Tally()
        self.spent_workers: set[str] = set()
        self.started: float | None = None
        self.stopped: float | None = None
        self.finished = False


PROCESS = _Process()
MASTER = _Master()


class MixUser(FastHttpUser):
    """One keep-alive connection sending the mix round-robin, with no wait between requests."""

    wait_time = constant(0)
    max_retries = 0  # a retry would hide a dropped connection
    network_timeout = 10.0
    connection_timeout = 10.0
    concurrency = 1  # one greenlet, one request at a time: one connection

    def on_start(self) -> None:
        refusal = loopback_refusal(self.host or "")
        if refusal is not None:
            logger.error("refusing to load %s; load runs target loopback only", refusal)
            raise StopUser()
        self._next = next(PROCESS.offsets)  # users start at different kinds, as today's did
        self._host = urlsplit(self.host or "").netloc

    @task
    def send(self) -> None:
        if PROCESS.budget <= 0:
            if not PROCESS.spent:
                PROCESS.spent = True
                gevent.spawn(_spent, self.environment)
            raise StopUser()
        PROCESS.budget -= 1
        kind = MIX[self._next % len(MIX)]
        self._next += 1
        method, path, body, headers = kind.build(self._host)
        PROCESS.in_flight += 1
        try:
            with self.client.request(
                method,
                path,
                name=kind.name,
                data=body,  # type: ignore[arg-type]  # reason: geventhttpclient sends bytes as given
                headers=headers,
                catch_response=True,
            ) as response:
                error = response.request_meta["exception"] or getattr(response, "error", None)
                status = response.status_code
                # A 4xx is an answer (geventhttpclient reports it as LocustBadStatusCode); any
                # other error, or no status at all, means no whole response came back.
                if status == 0 or (
                    error is not None and not isinstance(error, LocustBadStatusCode)
                ):
                    name = type(error).__name__ if error is not None else "NoResponse"
                    PROCESS.tally.lost(kind.name, name)
                    response.failure(f"dropped connection: {name}")
                elif status >= 500:
                    PROCESS.tally.answered(kind.name, status)
                    response.failure(f"server error: HTTP {status}")
                else:
                    PROCESS.tally.answered(kind.name, status)
                    response.success()
        finally:
            PROCESS.in_flight -= 1


def share(total: int, workers: int, index: int) -> int:
    """Worker `index`'s part of `total` requests split as evenly as whole numbers allow."""
    return total // workers + (1 if index < total % workers else 0)


def _options(parser: LocustArgumentParser) -> None:
    parser.add_argument(
        "--max-requests",
        type=int,
        default=1000,
        help="Stop after this many requests in all (split between the workers)",
        include_in_web_ui=False,
    )
    parser.add_argument(
        "--tally-file",
        default="",
        help="Where the master writes the counts per kind (JSON), every second and at the end",
        include_in_web_ui=False,
    )


def _init(environment: Environment, **_: Any) -> None:
    refusal = loopback_refusal(environment.host) if environment.host else None
    if refusal is not None:
        logger.error("refusing --host %s; load runs target loopback only", refusal)
        print(
            f"locustfile: refusing --host {refusal}; load runs target loopback only",
            file=sys.stderr,
        )
        sys.exit(2)
    if isinstance(environment.runner, MasterRunner):
        environment.runner.register_message(SPENT, _on_spent)


def _start(environment: Environment, **_: Any) -> None:
    runner, options = environment.runner, environment.parsed_options
    assert runner is not None and options is not None
    refusal = loopback_refusal(environment.host or "")
    if refusal is not None:  # a worker learns the host from the master only now
        logger.error("refusing host %s; load runs target loopback only", refusal)
        environment.process_exit_code = 2
        gevent.spawn(runner.quit)
        return
    if isinstance(runner, WorkerRunner):
        workers = max(1, int(options.expect_workers))
        PROCESS.worker = str(runner.worker_index)
        PROCESS.budget = share(int(options.max_requests), workers, runner.worker_index)
        return
    if not isinstance(runner, MasterRunner):
        PROCESS.budget = int(options.max_requests)
    MASTER.started = time.monotonic()
    gevent.spawn(_write_every_second, environment)


def _stopping(environment: Environment, **_: Any) -> None:
    if MASTER.stopped is None:
        MASTER.stopped = time.monotonic()


def _spent(environment: Environment) -> None:
    """This process's share is spent: once its requests in flight have ended, say so, or quit."""
    for _ in range(int(DRAIN_SECONDS / 0.05)):
        if PROCESS.in_flight == 0:
            break
        gevent.sleep(0.05)
    runner = environment.runner
    assert runner is not None
    if isinstance(runner, WorkerRunner):
        counts = {"worker": PROCESS.worker, "tally": PROCESS.tally.take().to_json()}
        runner.send_message(SPENT, counts)
    else:
        runner.quit()


def _on_spent(environment: Environment, msg: Message, **_: Any) -> None:
    MASTER.total.merge(Tally.from_json(msg.data["tally"]), worker=msg.data["worker"])
    MASTER.spent_workers.add(msg.data["worker"])
    options = environment.parsed_options
    assert options is not None and environment.runner is not None
    if len(MASTER.spent_workers) >= int(options.expect_workers):
        # Not from this handler: quitting kills the runner's greenlets, this one among them.
        gevent.spawn(environment.runner.quit)


def _report(client_id: str, data: dict[str, Any], **_: Any) -> None:
    data[REPORT] = {"worker": PROCESS.worker, "tally": PROCESS.tally.take().to_json()}


def _worker_report(client_id: str, data: dict[str, Any], **_: Any) -> None:
    if REPORT in data:
        MASTER.total.merge(Tally.from_json(data[REPORT]["tally"]), worker=data[REPORT]["worker"])


def _quitting(environment: Environment, **_: Any) -> None:
    if not isinstance(environment.runner, WorkerRunner):
        MASTER.finished = True
        _write(environment)


def _write_every_second(environment: Environment) -> None:
    options = environment.parsed_options
    assert options is not None
    for _ in range(int(options.run_time or 3600) + 120):  # the run's own bound, and some
        if MASTER.finished:
            return
        _write(environment)
        gevent.sleep(1)


def _write(environment: Environment) -> None:
    """The tally file, replaced whole: a reader never sees half of one."""
    options, runner = environment.parsed_options, environment.runner
    assert options is not None and runner is not None
    if not options.tally_file:
        return
    tally = MASTER.total if isinstance(runner, MasterRunner) else PROCESS.tally
    end = MASTER.stopped or time.monotonic()
    document = {
        "finished": MASTER.finished,
        "elapsed_seconds": round(end - MASTER.started, 3) if MASTER.started else 0.0,
        "workers_expected": int(options.expect_workers) if isinstance(runner, MasterRunner) else 0,
        "tally": tally.to_json(),
        "locust": {
            "requests": runner.stats.total.num_requests,
            "failures": runner.stats.total.num_failures,
        },
    }
    path = Path(options.tally_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + f".{os.getpid()}.partial")
    partial.write_text(json.dumps(document, indent=2))
    partial.replace(path)


def _on(hook: EventHook, handler: Callable[..., None]) -> None:
    hook.add_listener(handler)  # type: ignore[no-untyped-call]  # reason: locust leaves it unannotated


# Registered here, not by decorator: add_listener is untyped, and would untype each handler.
_on(events.init_command_line_parser, _options)
_on(events.init, _init)
_on(events.test_start, _start)
_on(events.test_stopping, _stopping)
_on(events.report_to_master, _report)
_on(events.worker_report, _worker_report)
_on(events.quitting, _quitting)
