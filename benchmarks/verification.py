"""AK/SK's cost as served: the mock's CPU per answer to token and to AK/SK-signed starts, the two
sent in turn in the same runs, counted inside the served process."""

# Why count inside the process: one wrk run against another, minutes or seconds apart, differs on
# this shared machine by more than verification costs (pairs of 2 s runs differed by -31 to +90 µs
# per request, for a cost near 12 µs in process). Here every connection sends a token start and
# a signed one in turn, so both meet the same moments of the machine, and the mock's process
# tells the CPU its app spent on each kind (time.thread_time around the app's call: a valid start
# is answered without waiting, so no other request's work falls inside). What this leaves out is
# uvicorn's parsing of the two longer headers before the app is called.

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from starlette.types import Receive, Scope, Send

from benchmarks import wrk
from benchmarks.logs import server_log
from benchmarks.sweep import AKSK, TOKEN, signed_start, token_start
from mockserver import create_app
from mockserver.background import serve, serving_module

TALLY_PATH = "/-/bench/cpu"
"""Answered by the counting wrapper itself (never by the mock): the tallies since the last read."""
RUNS = 5
SECONDS = 3
CONNECTIONS = 16


class CpuByAuth:
    """An ASGI wrapper that adds up the wrapped app's CPU per HTTP request, by its kind: AK/SK
    when it carries an Authorization header, else token."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._tally = {TOKEN: [0, 0], AKSK: [0, 0]}  # kind: [CPU ns, requests]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        if scope["path"] == TALLY_PATH:
            await self._report(send)
            return
        signed = any(name == b"authorization" for name, _ in scope["headers"])
        started = time.thread_time_ns()
        await self._app(scope, receive, send)
        tally = self._tally[AKSK if signed else TOKEN]
        tally[0] += time.thread_time_ns() - started
        tally[1] += 1

    async def _report(self, send: Send) -> None:
        body = json.dumps(self._tally).encode()
        self._tally = {TOKEN: [0, 0], AKSK: [0, 0]}
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


@dataclass(frozen=True)
class VerificationRun:
    """One run: the mock's app CPU per answer of each kind (µs), and what wrk saw."""

    token_us: float
    aksk_us: float
    token_requests: int
    aksk_requests: int
    load: wrk.LoadRun

    @property
    def difference_us(self) -> float:
        """What AK/SK added to an answer in this run."""
        return self.aksk_us - self.token_us


@dataclass(frozen=True)
class ServedVerification:
    """The runs at `connections` connections; the figure is the median of their differences."""

    connections: int
    runs: list[VerificationRun]

    def valid(self) -> list[VerificationRun]:
        """The runs in which every answer was a 202 and both kinds were answered."""
        return [r for r in self.runs if r.load.only(202) and r.token_requests and r.aksk_requests]

    def cost_us(self) -> float | None:
        """The median difference of the valid runs (None: none)."""
        valid = self.valid()
        return statistics.median(r.difference_us for r in valid) if valid else None


@contextmanager
def counting_mock(workdir: Path) -> Iterator[str]:
    """The counted mock in its own process (its access log to `workdir`); yields its base URL."""
    with (
        server_log(workdir / "mock-counted.log") as log,
        serving_module("benchmarks.verification", log=log) as (base_url, _),
    ):
        yield base_url


def _tally(base_url: str) -> dict[str, list[int]]:
    answer = httpx.get(base_url + TALLY_PATH, timeout=10.0, trust_env=False)
    answer.raise_for_status()
    tally: dict[str, list[int]] = answer.json()
    return tally


def measure(
    workdir: Path,
    *,
    runs: int = RUNS,
    seconds: int = SECONDS,
    connections: int = CONNECTIONS,
    progress: Callable[[str], None] = lambda _: None,
) -> ServedVerification:
    """`runs` wrk runs of `seconds` at `connections`, token and signed starts in turn."""
    measured = []
    with counting_mock(workdir) as base_url:
        both = [token_start(), signed_start(base_url)]
        progress(f"verification: warming up the counted mock ({seconds} s)")
        wrk.run(base_url, both, connections, seconds)
        _tally(base_url)
        for number in range(1, runs + 1):
            progress(f"verification: run {number}/{runs}, c={connections}, {seconds} s ...")
            load = wrk.run(base_url, both, connections, seconds)
            tally = _tally(base_url)
            (token_ns, token_n), (aksk_ns, aksk_n) = tally[TOKEN], tally[AKSK]
            run = VerificationRun(
                token_ns / token_n / 1000 if token_n else 0.0,
                aksk_ns / aksk_n / 1000 if aksk_n else 0.0,
                token_n,
                aksk_n,
                load,
            )
            progress(
                f"verification: token {run.token_us:.1f} µs, AK/SK {run.aksk_us:.1f} µs per "
                f"answer: {run.difference_us:+.1f} µs; statuses {load.statuses}"
            )
            measured.append(run)
    return ServedVerification(connections, measured)


def main(port: Annotated[int, typer.Option(help="Loopback port.")] = 4012) -> None:
    """Serve the mock as `python -m mockserver --seed 1` does, counted, on 127.0.0.1."""
    app = create_app(seed=1, access_log=sys.stderr)
    try:
        serve(CpuByAuth(app), "127.0.0.1", port)
    finally:
        app.close()


if __name__ == "__main__":
    typer.run(main)
