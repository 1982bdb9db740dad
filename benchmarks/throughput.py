"""Mock throughput on one valid, token-authenticated start: ours against Prism, same client, same run."""

from __future__ import annotations

import asyncio
import collections
import time
from pathlib import Path

from benchmarks.load import PATH, VALID, KeepAliveConnection
from benchmarks.prism import running_prism
from mockserver import DEFAULT_SPEC, DEV_TOKEN
from mockserver.background import serving_process

HEADERS = {"Content-Type": "application/json", "X-Auth-Token": DEV_TOKEN}


async def drive(base_url: str, seconds: float, connections: int) -> collections.Counter[int]:
    """Send the valid start over `connections` keep-alive connections for `seconds`; count statuses."""
    host, _, port = base_url.removeprefix("http://").partition(":")
    statuses: collections.Counter[int] = collections.Counter()
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        connection = KeepAliveConnection(host, int(port))
        while time.monotonic() < deadline:
            statuses[await connection.request("POST", PATH, VALID, HEADERS)] += 1
        await connection.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return statuses


def report(seconds: float, connections: int, workdir: Path) -> str:
    """A Markdown table: requests per second of each server and the ratio to Prism."""
    rates: dict[str, float] = {}
    with running_prism(DEFAULT_SPEC, workdir / "prism.log") as prism_url:
        statuses = asyncio.run(drive(prism_url, seconds, connections))
        assert set(statuses) == {202}, statuses
        rates["Prism 5.14.2 (peer)"] = statuses[202] / seconds
    with serving_process("--seed", "1") as (mock_url, _):
        statuses = asyncio.run(drive(mock_url, seconds, connections))
        assert set(statuses) == {202}, statuses
        rates["mockserver (uvicorn, 1 process)"] = statuses[202] / seconds
    peer = rates["Prism 5.14.2 (peer)"]
    lines = ["| server | valid starts/s | × Prism |", "|---|---|---|"]
    lines += [f"| {name} | {rate:.0f} | {rate / peer:.2f}× |" for name, rate in rates.items()]
    return "\n".join(lines)
