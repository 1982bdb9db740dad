"""A bounded load run: the mock in its own process, 64 connections for 30 s, valid and invalid
requests mixed. Asserts counts and memory, never timings (throughput is reported, not judged)."""

from __future__ import annotations

from benchmarks.load import MIX, run

SECONDS = 30
CONNECTIONS = 64


def test_load_gives_no_5xx_no_dropped_connection_and_flat_memory() -> None:
    report = run(SECONDS, CONNECTIONS)
    print(
        f"load: {report.requests} requests, {report.requests / SECONDS:.0f}/s, "
        f"statuses {report.statuses}, RSS KiB {report.rss_kib[0]}..{report.rss_kib[-1]}"
    )
    assert report.errors == {}
    assert report.server_errors == 0
    assert set(report.statuses) == {202, 400, 401, 405}
    # Every kind in the mix was answered as many times as it was sent (round-robin per worker).
    assert report.requests >= len(MIX) * CONNECTIONS
    assert sum(report.statuses.values()) == report.requests
    assert len(report.rss_kib) >= SECONDS - 2
    assert report.rss_growth_kib < 16 * 1024, report.rss_kib
