"""The throughput sweep: the mock, Prism, the floor and the bare start, each in its own process, driven
by wrk at each concurrency, in alternating rounds; and the mock with an AK/SK-signed start beside a
token one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks import wrk
from benchmarks.barestart import running_bare_start
from benchmarks.floor import running_floor
from benchmarks.logs import server_log
from benchmarks.prism import prism_process
from metastudio._signing import sign
from mockserver import DEFAULT_SPEC, DEV_AK, DEV_SK, DEV_TOKEN
from mockserver.background import serving_process

MOCK, PRISM, FLOOR, BARE = "mock", "Prism", "floor", "bare start"
SERVERS = (MOCK, PRISM, FLOOR, BARE)
"""In the order of each round, the plots' and the tables'."""
TOKEN, AKSK = "token", "AK/SK"
CONCURRENCY = (1, 4, 16, 64)
PROJECT = "bench-project"
PATH = f"/v1/{PROJECT}/smart-live-rooms/bench-room/smart-live-jobs"
# A valid start: the mock routes, authenticates, validates it in full and answers a new job, as
# for any client; no callback is subscribed, so no callback traffic joins the run.
BODY = b'{"output_urls":["rtmp://127.0.0.1/live/bench"],"play_policy":{"repeat_count":3}}'
WARM_UP_SECONDS = 1


@dataclass(frozen=True)
class Run:
    """One wrk run against one server, with the CPU the server's processes spent meanwhile."""

    server: str
    auth: str
    round: int
    load: wrk.LoadRun
    server_cpu_seconds: float


def token_start() -> wrk.FixedRequest:
    """The valid start, authenticated by the development token."""
    headers = (("Content-Type", "application/json"), ("X-Auth-Token", DEV_TOKEN))
    return wrk.FixedRequest("POST", PATH, headers, BODY)


def signed_start(base_url: str) -> wrk.FixedRequest:
    """The valid start signed once with the development AK/SK for `base_url`'s host: the mock
    accepts an X-Sdk-Date within 15 minutes, longer than a run, so wrk can repeat its bytes."""
    host = base_url.removeprefix("http://")
    headers = {"Content-Type": "application/json", "Host": host, "X-Project-Id": PROJECT}
    added = sign("POST", base_url + PATH, headers, BODY, ak=DEV_AK, sk=DEV_SK)
    return wrk.FixedRequest("POST", PATH, tuple({**headers, **added}.items()), BODY)


def tree_cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process and its living descendants (Prism forks)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    spent: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # it ended while we looked
            continue
        parents[int(entry.name)] = int(fields[1])
        spent[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    family, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, p in parents.items() if p == parent and child not in family]
        family.update(children)
        frontier += children
    return sum(spent.get(member, 0.0) for member in family)


@contextmanager
def serving(name: str, workdir: Path) -> Iterator[tuple[str, int]]:
    """One server in its own process: (base URL, pid) while the block runs."""
    if name == MOCK:
        # As a user runs it: its access log on, written to a file as Prism's log is.
        with (
            server_log(workdir / "mock.log") as log,
            serving_process("--seed", "1", log=log) as served,
        ):
            yield served
    elif name == PRISM:
        with prism_process(DEFAULT_SPEC, workdir / "prism.log") as served:
            yield served
    elif name == FLOOR:
        with running_floor() as served:
            yield served
    elif name == BARE:
        with running_bare_start() as served:
            yield served
    else:
        raise ValueError(f"no server {name!r}")


def _measure(
    server: str,
    auth: str,
    round_: int,
    url_pid: tuple[str, int],
    request: wrk.FixedRequest,
    connections: int,
    seconds: int,
) -> Run:
    base_url, pid = url_pid
    before = tree_cpu_seconds(pid)
    load = wrk.run(base_url, request, connections, seconds)
    return Run(server, auth, round_, load, tree_cpu_seconds(pid) - before)


def sweep(
    seconds: int,
    rounds: int,
    workdir: Path,
    *,
    servers: Sequence[str] = SERVERS,
    concurrency: Sequence[int] = CONCURRENCY,
    aksk_connections: int | None = 16,
    progress: Callable[[str], None] = lambda _: None,
) -> list[Run]:
    """Every run: each round, each concurrency, each server in turn (so that the runs a ratio
    compares are minutes apart at most), the mock's AK/SK run after its token run at
    `aksk_connections`. The servers all run throughout, each idle but for its own runs."""
    runs: list[Run] = []
    with ExitStack() as stack:
        served = {}
        for name in servers:
            progress(f"throughput: starting {name}")
            served[name] = stack.enter_context(serving(name, workdir))
        signed = signed_start(served[MOCK][0]) if MOCK in served else None
        for name, url_pid in served.items():
            progress(f"throughput: warming up {name} ({WARM_UP_SECONDS} s)")
            warm = wrk.run(url_pid[0], token_start(), 16, WARM_UP_SECONDS)
            if not warm.only(202):
                raise RuntimeError(f"{name} answered {warm.statuses} to the valid start")
        for round_ in range(1, rounds + 1):
            for connections in concurrency:
                for name, url_pid in served.items():
                    plan = [(TOKEN, token_start())]
                    if name == MOCK and signed is not None and connections == aksk_connections:
                        plan.append((AKSK, signed))
                    for auth, request in plan:
                        progress(
                            f"throughput: {name} {auth} c={connections} "
                            f"(round {round_}/{rounds}, {seconds} s) ..."
                        )
                        run = _measure(name, auth, round_, url_pid, request, connections, seconds)
                        progress(
                            f"throughput: {name} {auth} c={connections}: "
                            f"{run.load.requests_per_second:.0f} req/s, "
                            f"p50 {run.load.p50_us / 1000:.2f} ms, "
                            f"p99 {run.load.p99_us / 1000:.2f} ms, statuses {run.load.statuses}"
                        )
                        runs.append(run)
    return runs


def best(runs: Sequence[Run], server: str, connections: int, auth: str = TOKEN) -> Run | None:
    """The run of highest rate among those that got only 202s (None: none did)."""
    valid = [
        r
        for r in runs
        if r.server == server
        and r.auth == auth
        and r.load.connections == connections
        and r.load.only(202)
    ]
    return max(valid, key=lambda r: r.load.requests_per_second, default=None)
