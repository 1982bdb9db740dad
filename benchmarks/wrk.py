"""wrk, the load generator (Debian's package, extracted by `make wrk`): fixed requests, one run."""

# Why wrk: the floor answers ~30k requests/s on one core, so a client that spends more per request
# than the server measures itself and flattens every ratio to the floor. wrk is C on epoll. Against
# the floor on this 2-core machine it reached 1.3-1.8x the rate of autocannon (npm; Node, one
# thread) while using a quarter of a core, where autocannon used as much CPU as the server; and it
# keeps latencies in µs, where autocannon's histogram counts whole milliseconds. Each run's client
# CPU is reported beside the server's, so a run where the client was the bottleneck shows it.

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pydantic

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = ROOT / "tools" / "wrk" / "root"
WRK = INSTALLED / "usr" / "bin" / "wrk"
REPORTER = Path(__file__).with_name("wrk_report.lua")
MARKER = "WRK-JSON "
GRACE_SECONDS = 30.0
"""How long past its duration a run may take (connecting, the last answers) before it is killed."""


class WrkErrors(pydantic.BaseModel):
    """Socket errors and timeouts of a run (wrk's `status` counts answers >= 400)."""

    model_config = pydantic.ConfigDict(extra="forbid", strict=True)

    connect: int
    read: int
    write: int
    status: int
    timeout: int


class WrkLatency(pydantic.BaseModel):
    """Microseconds from a request's first byte written to its answer's last byte read."""

    model_config = pydantic.ConfigDict(extra="forbid")

    mean: float
    max: int
    p50: int
    p90: int
    p99: int


class WrkOutput(pydantic.BaseModel):
    """The JSON line wrk_report.lua prints."""

    model_config = pydantic.ConfigDict(extra="forbid", strict=True)

    duration_us: int
    requests: int
    bytes: int
    errors: WrkErrors
    statuses: dict[str, int]
    latency_us: WrkLatency


@dataclass(frozen=True)
class FixedRequest:
    """The one request a run repeats: wrk sends the same bytes every time."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class LoadRun:
    """What one wrk run saw: answers by status, errors, rate and latency (µs), client CPU."""

    connections: int
    seconds: float
    requests: int
    statuses: dict[int, int]
    socket_errors: int
    timeouts: int
    requests_per_second: float
    p50_us: float
    p90_us: float
    p99_us: float
    mean_us: float
    max_us: float
    client_cpu_seconds: float

    def only(self, status: int) -> bool:
        """Every answer had `status`, at least one came, and no socket error or timeout."""
        return (
            self.requests > 0
            and self.statuses == {status: self.requests}
            and self.socket_errors == 0
            and self.timeouts == 0
        )


def installed() -> bool:
    """Whether `make wrk` has run."""
    return WRK.exists()


def versions() -> list[str]:
    """The Debian packages wrk was installed from, with their versions."""
    listing = INSTALLED / "versions.txt"
    return listing.read_text().split("\n")[:-1] if listing.exists() else []


def _lua_string(data: bytes) -> str:
    """A Lua string literal holding exactly `data` (decimal escapes for all but plain ASCII)."""
    plain = (chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\{b:03d}" for b in data)
    return '"' + "".join(plain) + '"'


def script(request: FixedRequest | Sequence[FixedRequest]) -> str:
    """The wrk script of a run: the request (several: each connection sends them in turn), then
    the reporter."""
    if not isinstance(request, FixedRequest):
        return _turns(request) + REPORTER.read_text()
    lines = [
        f"wrk.method = {_lua_string(request.method.encode())}",
        f"wrk.path = {_lua_string(request.path.encode())}",
        f"wrk.body = {_lua_string(request.body)}",
    ]
    lines += [
        f"wrk.headers[{_lua_string(k.encode())}] = {_lua_string(v.encode())}"
        for k, v in request.headers
    ]
    return "\n".join(lines) + "\n" + REPORTER.read_text()


def _turns(requests: Sequence[FixedRequest]) -> str:
    if not requests:
        raise ValueError("a run needs a request")
    made = []
    for request in requests:
        headers = ", ".join(
            f"[{_lua_string(k.encode())}] = {_lua_string(v.encode())}" for k, v in request.headers
        )
        made.append(
            f"wrk.format({_lua_string(request.method.encode())}, "
            f"{_lua_string(request.path.encode())}, {{{headers}}}, {_lua_string(request.body)})"
        )
    formatted = "\n".join(f"  turns[{i}] = {call}" for i, call in enumerate(made, 1))
    return (
        "local turns, turn = {}, 0\n"
        f"function init(args)\n{formatted}\nend\n"
        "function request()\n  turn = turn % #turns + 1\n  return turns[turn]\nend\n"
    )


def parse(stdout: str) -> WrkOutput:
    """The reporter's line in wrk's output, checked against its shape."""
    lines = [line for line in stdout.splitlines() if line.startswith(MARKER)]
    if len(lines) != 1:
        raise RuntimeError(f"wrk printed no report line: {stdout[-2000:]!r}")
    return WrkOutput.model_validate_json(lines[0].removeprefix(MARKER))


def _environment() -> dict[str, str]:
    # The extracted package's libraries (luajit), which are not in the system's library path.
    libraries = [str(p) for p in sorted((INSTALLED / "usr" / "lib").glob("*-linux-gnu"))]
    inherited = os.environ.get("LD_LIBRARY_PATH", "")
    return {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join([*libraries, inherited])}


def run(
    base_url: str,
    request: FixedRequest | Sequence[FixedRequest],
    connections: int,
    seconds: int,
) -> LoadRun:
    """Send `request` (several: in turn on each connection) to `base_url` (loopback only) over
    `connections` keep-alive connections for `seconds` (wrk counts whole seconds), from one wrk
    thread (one core: the server has the other)."""
    if not base_url.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise ValueError(f"wrk runs against loopback only, not {base_url}")
    if not installed():
        raise FileNotFoundError(f"{WRK} is missing: run `make wrk` (make bench and test do)")
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as scratch:
        lua = Path(scratch) / "run.lua"
        lua.write_text(script(request))
        command = [
            str(WRK),
            "--threads",
            "1",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "5s",
            "--script",
            str(lua),
            base_url + (request if isinstance(request, FixedRequest) else request[0]).path,
        ]
        # wrk is this process's only child that ends within the call: the growth of the
        # children's CPU time is its own.
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=_environment(),
            timeout=seconds + GRACE_SECONDS,
            check=False,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(
            f"wrk exited with {done.returncode}: {(done.stderr + done.stdout)[-2000:]}"
        )
    output = parse(done.stdout)
    errors, latency = output.errors, output.latency_us
    duration = output.duration_us / 1e6
    return LoadRun(
        connections=connections,
        seconds=duration,
        requests=output.requests,
        statuses={int(k): v for k, v in sorted(output.statuses.items())},
        socket_errors=errors.connect + errors.read + errors.write,
        timeouts=errors.timeout,
        requests_per_second=output.requests / duration if duration > 0 else 0.0,
        p50_us=float(latency.p50),
        p90_us=float(latency.p90),
        p99_us=float(latency.p99),
        mean_us=latency.mean,
        max_us=float(latency.max),
        client_cpu_seconds=(after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
    )
