"""Where the mock keeps smart-live jobs, by project and room: in memory, or in SQLite across restarts."""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "MEMORY_CAPACITY",
    "Job",
    "JobStore",
    "MemoryJobStore",
    "RoomJobs",
    "SqliteJobStore",
    "StateFileError",
]

MEMORY_CAPACITY = 5_000
"""Jobs the memory store keeps; beyond it the oldest is forgotten, so that a long or loaded run
stays within bounded memory and time (the SQLite store keeps every job)."""

SQLITE_BUSY_TIMEOUT_SECONDS = 10.0
_STATE_VERSION = 1


@dataclass(frozen=True)
class Job:
    """A job as stored: whose it is, the times its state follows from, and what Show tells of it.

    The state is not stored: it follows from these times and the clock (mockserver.lifecycle).
    """

    project_id: str
    room_id: str
    job_id: str
    created: datetime
    started: datetime
    """When it turns from WAITING to PROCESSING (created + the processing delay)."""
    updated: datetime
    """The last change a request made (the start, a command)."""
    stopped: datetime | None = None
    deadline: datetime | None = None
    """When max_live_duration ends it; None: no limit."""
    single_job_in_room: bool = False
    failed: bool = False
    """A failure the mock injects (--fail-jobs): the job ends FAILED when it would have turned
    PROCESSING, unless a stop came first."""
    exit_config: Mapping[str, Any] = field(default_factory=dict)
    output_urls: tuple[str, ...] = ()
    stream_keys: tuple[str, ...] = field(default=(), repr=False)
    """The start's stream_keys, paired with output_urls by index: secrets, never in a repr. Only
    the live events' callbacks carry them (RtmpStreamStateChangeMessage.stream_key)."""
    details: Mapping[str, Any] = field(default_factory=dict, repr=False)
    """SmartLiveJob fields fixed at the start (rtc_room_info, callback configurations, ...), as
    parsed JSON, never changed after the start. Not in the repr: the callback configurations hold
    secrets (their URLs and keys)."""

    def to_record(self) -> str:
        """The job as JSON text."""
        record = {
            "project_id": self.project_id,
            "room_id": self.room_id,
            "job_id": self.job_id,
            "created": self.created.isoformat(),
            "started": self.started.isoformat(),
            "updated": self.updated.isoformat(),
            "stopped": self.stopped.isoformat() if self.stopped is not None else None,
            "deadline": self.deadline.isoformat() if self.deadline is not None else None,
            "single_job_in_room": self.single_job_in_room,
            "failed": self.failed,
            "exit_config": dict(self.exit_config),
            "output_urls": list(self.output_urls),
            "stream_keys": list(self.stream_keys),
            "details": dict(self.details),
        }
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_record(cls, text: str) -> Job:
        """The job `to_record` wrote."""
        record = json.loads(text)

        def when(key: str) -> datetime | None:
            value = record.get(key)
            return datetime.fromisoformat(value) if isinstance(value, str) else None

        created, started, updated = when("created"), when("started"), when("updated")
        if created is None or started is None or updated is None:
            raise ValueError("a job record without its times")
        return cls(
            project_id=record["project_id"],
            room_id=record["room_id"],
            job_id=record["job_id"],
            created=created,
            started=started,
            updated=updated,
            stopped=when("stopped"),
            deadline=when("deadline"),
            single_job_in_room=bool(record.get("single_job_in_room")),
            failed=bool(record.get("failed")),  # absent from the records of earlier mocks
            exit_config=record.get("exit_config") or {},
            output_urls=tuple(record.get("output_urls") or ()),
            stream_keys=tuple(record.get("stream_keys") or ()),
            details=_details(record.get("details")),
        )


def _details(recorded: Any) -> Mapping[str, Any]:
    # Written as an object; state files of earlier mocks hold it as JSON text.
    value = json.loads(recorded) if isinstance(recorded, str) else recorded
    return value if isinstance(value, dict) else {}


class RoomJobs(Protocol):
    """The jobs of one project's room, inside one transaction of the store."""

    def jobs(self) -> list[Job]:
        """Every job of the room, in insertion order."""
        ...

    def get(self, job_id: str) -> Job | None:
        """The room's job with this id (None for none, or for a job of another project or room)."""
        ...

    def open_jobs(self, *, single_job_in_room: bool = False) -> Iterator[Job]:
        """The room's jobs not stopped (the clock may still find them live), newest first, read
        as iterated so that a search can end early; only those started with single_job_in_room
        true when asked."""
        ...

    def add(self, job: Job) -> bool:
        """Insert a new job of this room; False, and nothing changed, if its id is taken anywhere."""
        ...

    def put(self, job: Job) -> None:
        """Replace a job of this room (by job_id) with `job`."""
        ...


class JobStore(Protocol):
    """Jobs by project and room; every read and write of a room happens in one transaction."""

    def room(self, project_id: str, room_id: str) -> AbstractContextManager[RoomJobs]:
        """A transaction on one room: committed when the block ends, rolled back if it raises."""
        ...

    def open_jobs(self) -> list[Job]:
        """Every job of every room not stopped (the clock may still find them live), oldest
        first: what a mock restarted on the store finds still running."""
        ...

    def close(self) -> None:
        """Release the store's resources (a no-op in memory)."""
        ...


class StateFileError(ValueError):
    """A --state file the mock cannot use (not SQLite, not the mock's, unreadable)."""


class MemoryJobStore:
    """Jobs in a dict, one lock around each transaction; writes apply when the block ends."""

    def __init__(self, capacity: int = MEMORY_CAPACITY) -> None:
        self._capacity = capacity
        self._lock = threading.Lock()
        # By job_id, in insertion order. An OrderedDict, for the oldest is evicted on every start
        # once full: a dict's first key is found by skipping the holes its pops leave at the
        # front, 5 µs a start at 5,000 jobs, where popitem(last=False) takes 1.
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._rooms: dict[tuple[str, str], dict[str, None]] = {}  # job ids, in insertion order
        self._singles: dict[tuple[str, str], dict[str, None]] = {}  # those with the flag

    def room(self, project_id: str, room_id: str) -> _MemoryRoom:
        """A transaction on one room (see JobStore.room)."""
        return _MemoryRoom(self, (project_id, room_id))

    def open_jobs(self) -> list[Job]:
        """Every job not stopped, oldest first (see JobStore.open_jobs)."""
        with self._lock:
            return [job for job in self._jobs.values() if job.stopped is None]

    def close(self) -> None:
        """Nothing to release."""

    def _apply(self, session: _MemoryRoom) -> None:
        for job in session.written.values():
            if job.job_id not in self._jobs:
                self._rooms.setdefault(session.key, {})[job.job_id] = None
                if job.single_job_in_room:
                    self._singles.setdefault(session.key, {})[job.job_id] = None
            self._jobs[job.job_id] = job
        while len(self._jobs) > self._capacity:
            oldest = self._jobs.popitem(last=False)[1]
            key = (oldest.project_id, oldest.room_id)
            for index in (self._rooms, self._singles):
                ids = index.get(key)
                if ids is not None:
                    ids.pop(oldest.job_id, None)
                    if not ids:
                        del index[key]


class _MemoryRoom:
    """One transaction: the store's lock held from `with` to its end, the writes applied at an
    end without an exception. (A class, not a @contextmanager generator: every request that
    reads or writes a job comes here.)"""

    def __init__(self, store: MemoryJobStore, key: tuple[str, str]) -> None:
        self.store = store
        self.key = key
        self.written: dict[str, Job] = {}

    def __enter__(self) -> _MemoryRoom:
        self.store._lock.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: object
    ) -> None:
        try:
            if kind is None:
                self.store._apply(self)
        finally:
            self.store._lock.release()

    def jobs(self) -> list[Job]:
        stored = self.store._rooms.get(self.key, {})
        jobs = list(map(self.store._jobs.__getitem__, stored))
        if not self.written:
            return jobs
        jobs = [self.written.get(job.job_id, job) for job in jobs]
        return jobs + [job for job in self.written.values() if job.job_id not in stored]

    def open_jobs(self, *, single_job_in_room: bool = False) -> Iterator[Job]:
        index = self.store._singles if single_job_in_room else self.store._rooms
        stored = index.get(self.key, {})
        if not stored and not self.written:
            return iter(())  # every start asks this of a room with no single-job job in it
        return self._open_jobs(stored, single_job_in_room)

    def _open_jobs(self, stored: dict[str, None], single_job_in_room: bool) -> Iterator[Job]:
        added = [job for job in self.written.values() if job.job_id not in self.store._jobs]
        newest_first = itertools.chain(
            reversed(added),
            (self.written.get(job_id) or self.store._jobs[job_id] for job_id in reversed(stored)),
        )
        for job in newest_first:
            if job.stopped is None and (job.single_job_in_room or not single_job_in_room):
                yield job

    def get(self, job_id: str) -> Job | None:
        job = self.written.get(job_id) or self.store._jobs.get(job_id)
        if job is None or (job.project_id, job.room_id) != self.key:
            return None
        return job

    def add(self, job: Job) -> bool:
        if job.job_id in self.store._jobs or job.job_id in self.written:
            return False
        self.written[job.job_id] = _in_room(job, self.key)
        return True

    def put(self, job: Job) -> None:
        if self.get(job.job_id) is None:
            raise KeyError(job.job_id)
        self.written[job.job_id] = job


def _in_room(job: Job, key: tuple[str, str]) -> Job:
    """`job` as a job of the room `key`: itself when it already names that room (every start
    does: a job is immutable, so it can be kept as given), else a copy that does."""
    if job.project_id == key[0] and job.room_id == key[1]:
        return job
    return replace(job, project_id=key[0], room_id=key[1])


_SCHEMA = (
    """CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL UNIQUE,
        project_id TEXT NOT NULL,
        room_id TEXT NOT NULL,
        open INTEGER NOT NULL,
        single INTEGER NOT NULL,
        record TEXT NOT NULL
    )""",
    "CREATE INDEX jobs_by_room ON jobs (project_id, room_id, seq)",
    "CREATE INDEX open_jobs_by_room ON jobs (project_id, room_id, open, single, seq)",
    f"PRAGMA user_version = {_STATE_VERSION}",
)


class SqliteJobStore:
    """Jobs in an SQLite file (WAL): one connection behind a lock, each room's transaction
    `BEGIN IMMEDIATE` … `COMMIT`, so that two mocks on one file do not interleave either."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self._connection = sqlite3.connect(
                path,
                timeout=SQLITE_BUSY_TIMEOUT_SECONDS,
                isolation_level=None,  # transactions are explicit, below
                check_same_thread=False,  # the lock serialises every use
            )
        except sqlite3.Error as exc:
            raise StateFileError(f"{path}: cannot open the state file ({exc})") from None
        try:
            self._connection.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL loses no commit when the process dies, only on power loss.
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._initialise()
        except sqlite3.Error as exc:
            self._connection.close()
            raise StateFileError(f"{path}: not a mock state file ({exc})") from None
        except StateFileError:
            self._connection.close()
            raise

    def _initialise(self) -> None:
        with self._transaction():
            version = self._connection.execute("PRAGMA user_version").fetchone()[0]
            tables = self._connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
            if version == 0 and not tables:
                for statement in _SCHEMA:
                    self._connection.execute(statement)
            elif version != _STATE_VERSION:
                raise StateFileError(
                    f"{self.path}: not a mock state file (an SQLite database of another kind or "
                    f"version: user_version {version}, expected {_STATE_VERSION})"
                )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    @contextmanager
    def room(self, project_id: str, room_id: str) -> Iterator[RoomJobs]:
        """A transaction on one room (see JobStore.room)."""
        with self._lock, self._transaction():
            yield _SqliteRoom(self._connection, project_id, room_id)

    def open_jobs(self) -> list[Job]:
        """Every job not stopped, oldest first (see JobStore.open_jobs)."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT record FROM jobs WHERE open = 1 ORDER BY seq"
            ).fetchall()
        return [Job.from_record(record) for (record,) in rows]

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed into the file)."""
        with self._lock:
            self._connection.close()


class _SqliteRoom:
    def __init__(self, connection: sqlite3.Connection, project_id: str, room_id: str) -> None:
        self._connection = connection
        self._key = (project_id, room_id)

    def jobs(self) -> list[Job]:
        rows = self._connection.execute(
            "SELECT record FROM jobs WHERE project_id = ? AND room_id = ? ORDER BY seq",
            self._key,
        ).fetchall()
        return [Job.from_record(record) for (record,) in rows]

    def get(self, job_id: str) -> Job | None:
        row = self._connection.execute(
            "SELECT record FROM jobs WHERE job_id = ? AND project_id = ? AND room_id = ?",
            (job_id, *self._key),
        ).fetchone()
        return Job.from_record(row[0]) if row is not None else None

    def open_jobs(self, *, single_job_in_room: bool = False) -> Iterator[Job]:
        cursor = self._connection.execute(
            "SELECT record FROM jobs WHERE project_id = ? AND room_id = ? AND open = 1 "
            "AND single >= ? ORDER BY seq DESC",
            (*self._key, int(single_job_in_room)),
        )
        try:
            for (record,) in cursor:
                yield Job.from_record(record)
        finally:
            cursor.close()  # a search that ended early leaves no statement open

    def add(self, job: Job) -> bool:
        job = _in_room(job, self._key)
        cursor = self._connection.execute(
            "INSERT OR IGNORE INTO jobs (job_id, project_id, room_id, open, single, record) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (job.job_id, *self._key, *_flags(job), job.to_record()),
        )
        return cursor.rowcount == 1

    def put(self, job: Job) -> None:
        cursor = self._connection.execute(
            "UPDATE jobs SET open = ?, single = ?, record = ? "
            "WHERE job_id = ? AND project_id = ? AND room_id = ?",
            (*_flags(job), job.to_record(), job.job_id, *self._key),
        )
        if cursor.rowcount != 1:
            raise KeyError(job.job_id)


def _flags(job: Job) -> tuple[int, int]:
    return int(job.stopped is None), int(job.single_job_in_room)
