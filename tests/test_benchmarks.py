"""The benchmarks' machinery works (each validator judges every case right); timings are not judged."""

from __future__ import annotations

import asyncio

from benchmarks import validation
from benchmarks.cases import CASES
from benchmarks.throughput import drive
from mockserver.background import serving_process


def test_every_validator_measures_every_case() -> None:
    results = validation.measure_ours(loops=3)  # raises if a validator misjudges a case
    assert len(results) == 4
    for per_case in results.values():
        assert set(per_case) == {name for name, _, _ in CASES}
        assert all(microseconds > 0 for microseconds in per_case.values())


def test_the_throughput_driver_gets_only_valid_starts_from_the_mock() -> None:
    with serving_process("--seed", "1") as (base_url, _):
        statuses = asyncio.run(drive(base_url, seconds=1, connections=4))
    assert set(statuses) == {202}
    assert statuses[202] > 0
