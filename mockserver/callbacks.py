"""Sends jobs' live events to their subscribers: signed, retried, bounded, off the request path."""

# How it runs. Lifecycle tells the sender of every change to a job (lifecycle.JobObserver) from
# the request's own thread; the sender hands it to its event loop, on its own daemon thread
# (started with the first job that subscribes), and returns. There, `liveevents.timeline`
# is asked again for the job as it now stands, and each event goes out when it falls due:
# one job's events in order (a failing one holds back the later ones of its job, not those of
# other jobs), with a bounded number of attempts at once.
#
# Its clock. The sender never reads the mock's clock: a test's clock may move each time it is
# read (tests/test_fuzz_stateful.py), and a read from this thread would change what requests
# see. It keeps the latest moment a request told it, and adds the real time passed since.
#
# What it never does: connect anywhere but loopback and the allowed hosts (mockserver.targets),
# follow a redirect, read a proxy from the environment, or put a secret (the URL's path and
# query, the key, a signature, a stream key) in a record, a log line or an exception.

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import heapq
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from metastudio._callback_signing import SignatureMode, signed_request
from mockserver import targets
from mockserver.deliveries import (
    DEFAULT_HISTORY,
    DELIVERED,
    DROPPED,
    FAILED,
    REFUSED,
    RETRYING,
    DeliveryLog,
    DeliveryRecord,
)
from mockserver.jobs import Job
from mockserver.lifecycle import START, planned_end
from mockserver.liveevents import (
    DEFAULT_PARAGRAPH_SECONDS,
    LIVE_EVENT_CALLBACK,
    RTMP_STREAM_STATE_CHANGE,
    LiveEvent,
    Subscription,
    callback_body,
    command_reply,
    subscription,
    timeline,
)
from mockserver.spec import MockSpec
from speccore.model import callback_signature, operations

__all__ = ["CallbackSender", "CallbackSettings", "signature_modes"]

logger = logging.getLogger("mockserver.callbacks")

MAX_CONCURRENT_ATTEMPTS = 8
"""Callbacks in flight at once, across all jobs."""
CLOSE_TIMEOUT_SECONDS = 5.0
_MAX_NAP_SECONDS = 1.0
"""The longest the scheduler sleeps without looking again (a clock may jump)."""
_IDLE_POLL_SECONDS = 0.1
_MAX_STAMPED_URLS = 10_000


@dataclass(frozen=True)
class CallbackSettings:
    """How the mock calls back: whether at all, where to, how often it retries, what it keeps.

    `allowed_hosts`: hosts besides loopback that callbacks may go to (exact names or IP
    addresses); `paragraph_seconds`: how long each paragraph of the mock's scene script plays;
    `max_attempts` per callback, `first_retry_delay` seconds before the second (doubling after),
    `attempt_timeout` seconds per attempt; at most `max_pending` callbacks waiting to be sent and
    `max_jobs` jobs with callbacks still to come (beyond either, the newest or oldest is dropped
    and recorded); `history` records kept in memory; `log_file` gets each as a JSON line.
    """

    enabled: bool = True
    allowed_hosts: frozenset[str] = frozenset()
    paragraph_seconds: float = DEFAULT_PARAGRAPH_SECONDS
    max_attempts: int = 4
    first_retry_delay: float = 0.5
    attempt_timeout: float = 5.0
    max_pending: int = 1_000
    max_jobs: int = 1_000
    history: int = DEFAULT_HISTORY
    log_file: Path | None = None

    def __post_init__(self) -> None:
        hosts = frozenset(targets.allowed_host(name) for name in self.allowed_hosts)
        object.__setattr__(self, "allowed_hosts", hosts)  # frozen: normalised once, here
        if not 0 < self.paragraph_seconds <= 24 * 3600:  # NaN too
            raise ValueError("callbacks: paragraph_seconds must be above 0 and at most a day")
        if not 1 <= self.max_attempts <= 100:
            raise ValueError("callbacks: max_attempts must be 1 to 100")
        if not 0 <= self.first_retry_delay <= 3600:
            raise ValueError("callbacks: first_retry_delay must be 0 to 3600 seconds")
        if not 0 < self.attempt_timeout <= 3600:
            raise ValueError("callbacks: attempt_timeout must be above 0 and at most 3600 seconds")
        if self.max_pending < 1 or self.max_jobs < 1:
            raise ValueError("callbacks: max_pending and max_jobs must be at least 1")


def signature_modes(spec: MockSpec) -> Mapping[str, SignatureMode] | None:
    """The signature modes of StartSmartLive's LiveEventCallback, by auth_type; None if the spec
    has no such callback (the mock then sends none). ValueError if x-callback-signature is bad."""
    for operation in operations(spec.document):
        if operation.operation_id != START:
            continue
        for callback in operation.callbacks:
            if callback.operation_id == LIVE_EVENT_CALLBACK:
                signature = callback_signature(callback)
                modes = signature.modes if signature is not None else ()
                return {m.name: SignatureMode(m.name, m.location, m.secret, m.time) for m in modes}
    return None


@dataclass
class _Watched:
    """A job with callbacks to come, as the sender last heard of it (loop thread only)."""

    job: Job
    subscribed: Subscription
    since: datetime
    """Events due before it are not this sender's to send (a job first heard of after a restart)."""
    refusal: str | None
    sent: set[str] = field(default_factory=set)
    replies: list[LiveEvent] = field(default_factory=list)
    queue: deque[LiveEvent] = field(default_factory=deque)
    worker: asyncio.Task[None] | None = None
    version: int = 0


class CallbackSender:
    """Sends jobs' live events to their subscribers (a lifecycle.JobObserver); `deliveries()`
    tells what became of them, `wait_idle()` waits until nothing due is left to send."""

    def __init__(self, modes: Mapping[str, SignatureMode], settings: CallbackSettings) -> None:
        self.settings = settings
        self._modes = dict(modes)
        self._log = DeliveryLog(settings.history, settings.log_file)
        self._lock = threading.Lock()  # guards starting and closing, from any thread
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        # Everything below is the loop thread's alone.
        self._closing = False
        self._anchor: tuple[datetime, float] | None = None
        self._watched: dict[str, _Watched] = {}
        self._heap: list[tuple[datetime, int, str, int]] = []
        self._order = itertools.count()
        self._pending = 0
        self._wakeup = asyncio.Event()
        self._progress = asyncio.Event()
        self._stamps: dict[str, int] = {}
        self._client: httpx.AsyncClient | None = None
        self._attempts = asyncio.Semaphore(MAX_CONCURRENT_ATTEMPTS)
        self._workers: set[asyncio.Task[None]] = set()

    @classmethod
    def for_spec(cls, spec: MockSpec, settings: CallbackSettings) -> CallbackSender | None:
        """A sender for `spec`'s live events; None if disabled or the spec describes none."""
        if not settings.enabled:
            return None
        modes = signature_modes(spec)
        return cls(modes, settings) if modes is not None else None

    # -- called from request threads ---------------------------------------------------------

    def job_changed(self, job: Job, now: datetime) -> None:
        """Plan `job`'s events as it now stands (lifecycle.JobObserver)."""
        # The request that changed the job has succeeded: a bug here must not turn it into a 500.
        try:
            subscribed = subscription(job)
            if subscribed is not None:
                self._submit(self._observe, job, subscribed, now, None)
        except Exception:
            logger.exception("the callback sender could not take in job_changed")

    def command_executed(self, job: Job, command: str, command_id: str, now: datetime) -> None:
        """Send REPLY_COMMAND_FINISH if `command` plays a reply (lifecycle.JobObserver)."""
        try:
            subscribed = subscription(job)
            if subscribed is None:
                return
            reply = command_reply(job, subscribed, command, command_id, now)
            if reply is not None:
                self._submit(self._observe, job, subscribed, now, reply)
        except Exception:  # as in job_changed
            logger.exception("the callback sender could not take in command_executed")

    @property
    def running(self) -> bool:
        """Whether the sender's thread is running (it starts with the first subscribed job)."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    def deliveries(self) -> list[DeliveryRecord]:
        """Every attempt and outcome kept (the newest `settings.history`), oldest first."""
        return self._log.records()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every callback due by now has been delivered, failed, refused or dropped
        (retries included); False if that takes longer than `timeout` seconds. True at once when
        nothing was ever sent, and once the sender is closed (nothing more will be)."""
        with self._lock:
            loop = self._loop if not self._closed else None
        if loop is None:
            return True
        future = asyncio.run_coroutine_threadsafe(self._until_idle(), loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            return False
        except concurrent.futures.CancelledError:  # closed while waiting
            return True

    def close(self) -> None:
        """Stop sending (callbacks not yet attempted are dropped) and end the sender's thread."""
        self.close_soon()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=CLOSE_TIMEOUT_SECONDS)
        self._log.close()

    def close_soon(self) -> None:
        """Tell the sender to stop, without waiting for it (MockApp's finaliser calls it)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            loop = self._loop
        if loop is None:
            self._log.close()
            return
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(self._begin_close)

    def _submit(self, callback: Callable[..., None], *args: Any) -> None:
        with self._lock:
            if self._closed:
                return
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=self._run, name="mockserver-callbacks", daemon=True
                )
                self._thread.start()
            loop = self._loop
        with contextlib.suppress(RuntimeError):  # closed meanwhile
            loop.call_soon_threadsafe(callback, *args)

    # -- the loop thread ---------------------------------------------------------------------

    def _run(self) -> None:
        loop = self._loop
        assert loop is not None  # reason: _submit sets it before starting this thread
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._schedule())
        except Exception:  # a bug: logged, never raised out of a daemon thread
            logger.exception("the callback sender stopped")
        finally:
            self._finish(loop)

    def _finish(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            if self._client is not None:
                loop.run_until_complete(self._client.aclose())
            loop.run_until_complete(loop.shutdown_asyncgens())
        except Exception:
            logger.exception("the callback sender did not shut down cleanly")
        finally:
            loop.close()
            self._log.close()

    def _begin_close(self) -> None:
        self._closing = True
        for watched in self._watched.values():
            for event in watched.queue:
                self._record(watched, event, DROPPED, error="the mock was closed first")
            self._pending -= len(watched.queue)
            watched.queue.clear()
        self._wakeup.set()

    async def _schedule(self) -> None:
        while not self._closing:
            self._wakeup.clear()
            try:
                next_due = self._dispatch_due()
            except Exception:  # a bug: logged, and the sender carries on after a pause
                logger.exception("the callback scheduler failed")
                next_due = self._now() + timedelta(seconds=_MAX_NAP_SECONDS)
            if next_due is None:
                await self._wakeup.wait()
                continue
            nap = min(max((next_due - self._now()).total_seconds(), 0.0), _MAX_NAP_SECONDS)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(nap):
                    await self._wakeup.wait()

    async def _until_idle(self) -> bool:
        while True:
            next_due = self._dispatch_due()
            if self._pending == 0 and (next_due is None or next_due > self._now()):
                return True
            self._progress.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(_IDLE_POLL_SECONDS):
                    await self._progress.wait()

    def _now(self) -> datetime:
        if self._anchor is None:  # no request has told the time yet
            return datetime.now(UTC)
        moment, monotonic = self._anchor
        return moment + timedelta(seconds=time.monotonic() - monotonic)

    def _observe(
        self, job: Job, subscribed: Subscription, now: datetime, reply: LiveEvent | None
    ) -> None:
        if self._closing:
            return
        if self._anchor is None or now > self._now():  # the sender's time never runs back
            self._anchor = (now, time.monotonic())
        watched = self._watched.get(job.job_id)
        if watched is None:
            if len(self._watched) >= self.settings.max_jobs:
                self._evict_oldest()
            watched = _Watched(job, subscribed, since=now, refusal=self._refusal(subscribed))
            self._watched[job.job_id] = watched
        else:
            watched.job = job
        if reply is not None:
            watched.replies.append(reply)
        self._plan(watched)
        self._wakeup.set()

    def _refusal(self, subscribed: Subscription) -> str | None:
        auth_type = subscribed.auth_type
        if auth_type == "MEITUAN_DEFAULT":
            return (
                "auth_type MEITUAN_DEFAULT: how it signs is documented nowhere the spec was "
                "written from, so the mock does not send it"
            )
        if auth_type == "(other)":
            return "auth_type is none of NONE, MSS_A, MSS_A_HEAD and MEITUAN_DEFAULT"
        if auth_type != "NONE":
            if auth_type not in self._modes:
                return f"auth_type {auth_type}: the spec's x-callback-signature has no such mode"
            if not subscribed.key:
                return f"auth_type {auth_type} signs with the subscription's key, and it has none"
        return targets.refusal(subscribed.url, self.settings.allowed_hosts)

    def _remaining(self, watched: _Watched) -> list[LiveEvent]:
        planned = timeline(watched.job, watched.subscribed, self.settings.paragraph_seconds)
        events = [e for e in planned if e.name not in watched.sent and e.due >= watched.since]
        return sorted(events + watched.replies, key=lambda event: event.rank)

    def _plan(self, watched: _Watched) -> None:
        watched.version += 1
        remaining = self._remaining(watched)
        if remaining:
            entry = (remaining[0].due, next(self._order), watched.job.job_id, watched.version)
            heapq.heappush(self._heap, entry)
            if len(self._heap) > 4 * len(self._watched) + 64:
                self._compact()
            return
        # Nothing left to plan. A job that has ended sends nothing more, and one without a
        # stream to end sends nothing but replies, which a command plans afresh. It is kept
        # while its worker is busy, so that one job's callbacks never go out of order.
        if watched.worker is not None:
            return
        end = planned_end(watched.job)
        streams = RTMP_STREAM_STATE_CHANGE in watched.subscribed.event_types
        if (end is not None and end <= self._now()) or not (streams and watched.job.output_urls):
            self._watched.pop(watched.job.job_id, None)

    def _compact(self) -> None:
        # Every change pushes a new entry and leaves the old one to be skipped when it falls due;
        # under many changes to jobs with far-off events, the stale ones are swept out here.
        current = {(job_id, w.version) for job_id, w in self._watched.items()}
        self._heap = [e for e in self._heap if (e[2], e[3]) in current]
        heapq.heapify(self._heap)

    def _evict_oldest(self) -> None:
        job_id = next(iter(self._watched))
        watched = self._watched.pop(job_id)
        reason = f"more than {self.settings.max_jobs} jobs had callbacks to come"
        for event in self._remaining(watched):
            self._record(watched, event, DROPPED, error=reason)

    def _dispatch_due(self) -> datetime | None:
        """Hand every event due by now to its job's worker; when the next one falls due."""
        now = self._now()
        while self._heap and self._heap[0][0] <= now:
            _, _, job_id, version = heapq.heappop(self._heap)
            watched = self._watched.get(job_id)
            if watched is None or watched.version != version:
                continue  # superseded by a later change to the job
            for event in self._remaining(watched):
                if event.due > now:
                    break
                if event in watched.replies:
                    watched.replies.remove(event)
                else:
                    watched.sent.add(event.name)
                self._dispatch(watched, event)
            self._plan(watched)
        return self._heap[0][0] if self._heap else None

    def _dispatch(self, watched: _Watched, event: LiveEvent) -> None:
        if watched.refusal is not None:
            self._record(watched, event, REFUSED, error=watched.refusal)
            return
        if self._pending >= self.settings.max_pending:
            reason = f"more than {self.settings.max_pending} callbacks were waiting to be sent"
            self._record(watched, event, DROPPED, error=reason)
            return
        self._pending += 1
        watched.queue.append(event)
        if watched.worker is None:
            watched.worker = asyncio.get_running_loop().create_task(self._work(watched))
            self._workers.add(watched.worker)
            watched.worker.add_done_callback(self._workers.discard)

    async def _work(self, watched: _Watched) -> None:
        try:
            while watched.queue:
                event = watched.queue.popleft()
                try:
                    await self._deliver(watched, event)
                except asyncio.CancelledError:  # closing: between attempts, or during one
                    self._record(watched, event, DROPPED, error="the mock was closed first")
                    raise
                finally:
                    self._pending -= 1
                    self._progress.set()
        finally:
            watched.worker = None
        if self._watched.get(watched.job.job_id) is watched:
            self._plan(watched)  # it may now be forgotten (see _plan)
            self._wakeup.set()

    async def _deliver(self, watched: _Watched, event: LiveEvent) -> None:
        body = callback_body(event)
        attempts = self.settings.max_attempts
        for attempt in range(1, attempts + 1):
            status, error = await self._attempt(watched.subscribed, body)
            if status is not None and 200 <= status < 300:
                self._record(watched, event, DELIVERED, attempt=attempt, status=status)
                return
            if error is None:
                error = "not a 2xx answer"
            outcome = FAILED if attempt == attempts else RETRYING
            self._record(watched, event, outcome, attempt=attempt, status=status, error=error)
            if outcome == FAILED:
                return
            await asyncio.sleep(self.settings.first_retry_delay * 2 ** (attempt - 1))

    async def _attempt(
        self, subscribed: Subscription, body: bytes
    ) -> tuple[int | None, str | None]:
        url, headers = subscribed.url, {"Content-Type": "application/json"}
        mode = self._modes.get(subscribed.auth_type)
        if mode is not None:
            # Each attempt is signed afresh, with its own time (see _stamp).
            stamp = self._stamp(subscribed.url)
            url, extra = signed_request(subscribed.url, subscribed.key, mode, stamp)
            headers.update(extra)
        # The URL as sent is judged again: signing only adds to its query, and this keeps it so.
        refused = targets.refusal(url, self.settings.allowed_hosts)
        if refused is not None:
            return None, refused
        try:
            async with self._attempts:  # the timeout starts once the attempt has its turn
                async with asyncio.timeout(self.settings.attempt_timeout):
                    request = self._http().stream("POST", url, content=body, headers=headers)
                    async with request as response:
                        return response.status_code, None  # the answer's body is never read
        except Exception as exc:  # any failure of one attempt is that attempt's failure
            # The class alone: an exception's message may quote the URL, and with it a secret.
            return None, type(exc).__name__

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            # trust_env=False: no proxy from the environment (it would carry callbacks elsewhere);
            # follow_redirects=False: a redirect must not either (a 3xx is a failed attempt).
            self._client = httpx.AsyncClient(
                trust_env=False,
                follow_redirects=False,
                timeout=httpx.Timeout(self.settings.attempt_timeout),
                limits=httpx.Limits(max_connections=MAX_CONCURRENT_ATTEMPTS),
            )
        return self._client

    def _stamp(self, url: str) -> int:
        # The verifier's replay store refuses a second callback with the same hwTime and
        # hwSecret, and hwTime has one-second resolution while the signature leaves out the
        # body: two callbacks to one URL signed in the same second would look like one replayed.
        # So no two attempts to one URL share an hwTime: each takes the next second not yet
        # used, and under a burst the times run a few seconds ahead of the clock.
        now = int(self._now().timestamp())
        stamp = max(now, self._stamps.get(url, now - 1) + 1)
        self._stamps[url] = stamp
        if len(self._stamps) > _MAX_STAMPED_URLS:
            # A URL last stamped before this second constrains nothing any more.
            self._stamps = {u: s for u, s in self._stamps.items() if s >= now}
        return stamp

    def _record(
        self,
        watched: _Watched,
        event: LiveEvent,
        outcome: str,
        *,
        attempt: int = 0,
        status: int | None = None,
        error: str | None = None,
    ) -> None:
        at = self._now().astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        record = DeliveryRecord(
            at=at,
            event_type=event.event_type,
            event=event.name,
            job_id=watched.job.job_id,
            origin=targets.origin(watched.subscribed.url),
            auth_type=watched.subscribed.auth_type,
            attempt=attempt,
            outcome=outcome,
            status=status,
            error=error,
        )
        self._log.add(record)
