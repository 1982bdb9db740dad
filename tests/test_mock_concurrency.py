"""64 clients at once against the stateful mock over HTTP, and 64 threads on each store: no job
lost, no state torn, counts exact (in memory and in SQLite)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockserver import Credentials, MockApp
from mockserver.background import serving
from mockserver.jobs import Job, JobStore, MemoryJobStore, SqliteJobStore
from tests.mock_lifecycle import MOCK_SPEC, T0, jobs_path
from tests.mock_requests import token_headers

CLIENTS = 64
ROOM = "room-concurrent"
BARRIER_TIMEOUT_SECONDS = 60


def _store(kind: str, tmp_path: Path) -> JobStore:
    return MemoryJobStore() if kind == "memory" else SqliteJobStore(tmp_path / "state.db")


@contextmanager
def _mock(store: JobStore) -> Iterator[str]:
    app = MockApp(MOCK_SPEC, Credentials.development(), seed=64, store=store, processing_delay=0)
    try:
        with serving(app) as base_url:
            yield base_url
    finally:
        app.close()


def _all_at_once(work: Callable[[int], Any]) -> list[Any]:
    # Every worker waits for the others before its first request, so that they overlap.
    barrier = threading.Barrier(CLIENTS, timeout=BARRIER_TIMEOUT_SECONDS)

    def run(index: int) -> Any:
        barrier.wait()
        return work(index)

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(run, range(CLIENTS)))


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_64_clients_start_command_and_stop_at_once(kind: str, tmp_path: Path) -> None:
    with _mock(_store(kind, tmp_path)) as base_url:
        path = jobs_path(room_id=ROOM)

        def client(index: int) -> tuple[str, list[int], dict[str, Any], dict[str, Any]]:
            with httpx.Client(base_url=base_url, headers=token_headers(), timeout=60) as http:
                body = {"output_urls": [f"rtmp://127.0.0.1/live/{index}"]}
                started = http.post(path, json=body)
                job_id = started.json()["job_id"]
                live = http.get(f"{path}/{job_id}")
                command = {"command": "RESET_EXIT_CONFIG", "params": {"max_live_duration": 7}}
                commanded = http.post(f"{path}/{job_id}/command", json=command)
                stopped = http.post(f"{path}/{job_id}/stop")
                ended = http.get(f"{path}/{job_id}")
                statuses = [r.status_code for r in (started, live, commanded, stopped, ended)]
                return job_id, statuses, live.json(), ended.json()

        results = _all_at_once(client)
        with httpx.Client(base_url=base_url, headers=token_headers(), timeout=60) as http:
            listed = http.get(path, params={"limit": 100}).json()
            succeeded = http.get(path, params={"state": "SUCCEED", "limit": 100}).json()
            live = http.get(path, params={"state": "WAITING,PROCESSING"}).json()

    job_ids = [job_id for job_id, _, _, _ in results]
    assert len(set(job_ids)) == CLIENTS
    assert [statuses for _, statuses, _, _ in results] == [[202, 200, 200, 200, 200]] * CLIENTS
    for job_id, _, before, after in results:
        assert before["job_id"] == after["job_id"] == job_id
        assert before["state"] == "PROCESSING"
        assert after["state"] == "SUCCEED" and "end_time" in after
    assert listed["count"] == CLIENTS
    assert sorted(job["job_id"] for job in listed["smart_live_jobs"]) == sorted(job_ids)
    assert {job["state"] for job in listed["smart_live_jobs"]} == {"SUCCEED"}
    assert succeeded["count"] == CLIENTS
    assert live == {"count": 0, "smart_live_jobs": []}


def _job(job_id: str) -> Job:
    return Job("proj-1", ROOM, job_id, created=T0, started=T0, updated=T0)


STEPS = 20


@pytest.mark.parametrize("kind", ["memory", "sqlite", "two-sqlite-stores"])
def test_64_threads_on_one_store_lose_no_write(kind: str, tmp_path: Path) -> None:
    # Each thread adds a job, then puts it STEPS times, each a read-modify-write of a counter
    # (output_urls' length) in its own transaction; a lost update or a torn write shows as a
    # wrong length. "two-sqlite-stores": two connections on one file, as two mock processes.
    stores = [_store(kind, tmp_path)]
    if kind == "two-sqlite-stores":
        stores.append(SqliteJobStore(tmp_path / "state.db"))
    shared = f"{ROOM}-shared"

    def work(index: int) -> None:
        store = stores[index % len(stores)]
        job_id = f"job-{index}"
        with store.room("proj-1", ROOM) as room:
            assert room.add(_job(job_id))
        for step in range(STEPS):
            with store.room("proj-1", ROOM) as room:
                job = room.get(job_id)
                assert job is not None
                time.sleep(0)  # let other threads run mid-transaction: only the lock keeps them out
                room.put(replace(job, output_urls=(*job.output_urls, str(step))))
            # One job every thread bumps: only transactions keep its count exact.
            with store.room("proj-1", shared) as room:
                counter = room.get("counter")
                if counter is None:
                    room.add(Job("proj-1", shared, "counter", created=T0, started=T0, updated=T0))
                    counter = room.get("counter")
                assert counter is not None
                time.sleep(0)
                room.put(replace(counter, output_urls=(*counter.output_urls, "x")))

    try:
        _all_at_once(work)
        with stores[0].room("proj-1", ROOM) as room:
            jobs = room.jobs()
        with stores[0].room("proj-1", shared) as room:
            counter = room.get("counter")
    finally:
        for store in stores:
            store.close()
    assert sorted(job.job_id for job in jobs) == sorted(f"job-{i}" for i in range(CLIENTS))
    assert {len(job.output_urls) for job in jobs} == {STEPS}
    assert counter is not None and len(counter.output_urls) == CLIENTS * STEPS
