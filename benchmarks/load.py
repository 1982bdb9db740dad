"""A bounded load run against the mock in its own process: mixed valid and invalid requests.

Reports status counts, transport errors and the server's resident memory over time; asserts
nothing itself (tests/test_load.py does, on counts only, never on timings).
"""

from __future__ import annotations

import asyncio
import collections
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated

import httpx
import typer

from metastudio._signing import sign
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN
from mockserver.background import serving_process

PATH = "/v1/load-project/smart-live-rooms/load-room/smart-live-jobs"
VALID = b'{"output_urls":["rtmp://127.0.0.1/live/load"],"play_policy":{"repeat_count":3}}'
JSON = {"Content-Type": "application/json"}


@dataclass
class LoadReport:
    """What a load run saw."""

    seconds: float
    connections: int
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        """Responses with a 5xx status."""
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def rss_growth_kib(self) -> int:
        """Peak RSS of the last third of the run minus that of the first third (after warm-up)."""
        third = max(1, len(self.rss_kib) // 3)
        return max(self.rss_kib[-third:]) - max(self.rss_kib[:third])


Request = Callable[[str], tuple[str, str, bytes, dict[str, str]]]


def _signed(host: str) -> tuple[str, str, bytes, dict[str, str]]:
    headers = {**JSON, "Host": host, "X-Project-Id": "load-project"}
    added = sign("POST", f"http://{host}{PATH}", headers, VALID, ak=DEV_AK, sk=DEV_SK)
    del headers["Host"]  # the connection writes Host itself, with the same value
    return "POST", PATH, VALID, {**headers, **{k: v for k, v in added.items() if k != "Host"}}


def _token(body: bytes, **extra: str) -> Request:
    return lambda host: ("POST", PATH, body, {**JSON, "X-Auth-Token": DEV_TOKEN, **extra})


# The mix: one in three requests is valid; the rest are each kind of bad request.
MIX: tuple[Request, ...] = (
    _token(VALID),
    _signed,
    _token(b'{"play_policy":{"repeat_count":"3"}}'),
    _token(b'{"output_urls":["rtmp://a/1","rtmp://a/2"]}'),
    _token(b'{"output_urls": ['),
    lambda host: ("POST", PATH, VALID, {**JSON, "X-Auth-Token": "wrong-token"}),
    _token(VALID, **{"Content-Type": "text/plain"}),
    lambda host: ("PUT", PATH, b"", {"X-Auth-Token": DEV_TOKEN}),
    _token(b'{"x":"' + b"a" * 200_000 + b'"}', Prefer="code=202"),
)


class KeepAliveConnection:
    """One keep-alive HTTP/1.1 connection, hand-rolled on asyncio streams.

    Why not httpx: at 64 connections its pool spends about 4 ms of client CPU per request, so the
    client, not the server, would be what a load run measures. This speaks just enough HTTP/1.1
    for the mock's answers (Content-Length bodies), and tells a dropped connection (EOF or reset
    before a whole response) from a server that announced `Connection: close`.
    """

    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> int:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        assert self._reader is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self._host}:{self._port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        lines.append(f"Content-Length: {len(body)}")
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        fields = {
            k.strip().lower(): v.strip()
            for k, _, v in (h.partition(":") for h in header_lines if h)
        }
        await self._reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return int(status_line.split()[1])

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
        self._reader = self._writer = None


async def _worker(host: str, port: int, deadline: float, seen: LoadReport, start: int) -> None:
    connection = KeepAliveConnection(host, port)
    index = start
    statuses: collections.Counter[int] = collections.Counter()
    while time.monotonic() < deadline:
        method, path, body, headers = MIX[index % len(MIX)](f"{host}:{port}")
        index += 1
        try:
            statuses[await connection.request(method, path, body, headers)] += 1
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            seen.errors[type(exc).__name__] = seen.errors.get(type(exc).__name__, 0) + 1
            await connection.close()
        seen.requests += 1
    await connection.close()
    for status, count in statuses.items():
        seen.statuses[status] = seen.statuses.get(status, 0) + count


async def _sample_rss(pid: int, deadline: float, samples: list[int]) -> None:
    while time.monotonic() < deadline:
        samples.append(rss_kib(pid))
        await asyncio.sleep(1)


def rss_kib(pid: int) -> int:
    """Resident set size of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


async def load(base_url: str, pid: int, *, seconds: float, connections: int) -> LoadReport:
    """Drive `connections` concurrent keep-alive connections for `seconds` seconds."""
    report = LoadReport(seconds=seconds, connections=connections)
    url = httpx.URL(base_url)
    assert url.host in ("127.0.0.1", "localhost", "::1"), "load runs target loopback only"
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        _sample_rss(pid, deadline, report.rss_kib),
        *(_worker(url.host, url.port or 80, deadline, report, i) for i in range(connections)),
    )
    return report


def run(seconds: float, connections: int) -> LoadReport:
    """Start the mock in its own process and load it."""
    with serving_process("--seed", "1") as (base_url, pid):
        return asyncio.run(load(base_url, pid, seconds=seconds, connections=connections))


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command()
def main(
    seconds: Annotated[float, typer.Option(help="Length of the run.", min=1, max=3600)] = 60,
    connections: Annotated[int, typer.Option(help="Keep-alive connections.", min=1, max=512)] = 64,
    report_path: Annotated[
        Path, typer.Option("--report", help="Where the JSON report is written.")
    ] = Path("build/load/report.json"),
) -> None:
    """`python -m benchmarks.load`: a longer run against the mock in its own process."""
    typer.echo(
        f"load: {connections} connections for {seconds:g} s against a mock on loopback", err=True
    )
    report = run(seconds, connections)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(asdict(report), indent=2))
    rate = report.requests / report.seconds
    print(
        f"load: {report.requests} requests in {report.seconds:.0f} s ({rate:.0f}/s) over "
        f"{report.connections} connections; statuses {dict(sorted(report.statuses.items()))}; "
        f"transport errors {report.errors or 0}; 5xx {report.server_errors}; server RSS "
        f"{report.rss_kib[0] // 1024}→{report.rss_kib[-1] // 1024} MiB "
        f"(growth {report.rss_growth_kib // 1024} MiB); report {report_path}"
    )
    if report.server_errors or report.errors:
        raise SystemExit(1)


if __name__ == "__main__":
    app()
