"""The deadlines without a timer each (mockserver.deadlines): they expire when due, not when met
or moved, with one timer pending at most; and the keep-alive wait built on them, over a socket."""

from __future__ import annotations

import asyncio
import inspect
import re
import socket
import textwrap
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from mockserver import create_app
from mockserver.background import serving
from mockserver.deadlines import Deadline, TaskDeadlines, task_deadlines
from mockserver.protocol import EnvelopeHttpToolsProtocol
from tests.mock_requests import PATH, VALID_BODY, json_bytes, token_headers


class _CountingLoop:
    """The running loop, counting the timers armed through it."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop, self.armed = loop, 0

    def time(self) -> float:
        return self.loop.time()

    def call_at(self, when: float, callback: Any) -> asyncio.TimerHandle:
        self.armed += 1
        return self.loop.call_at(when, callback)


def test_a_deadline_moved_many_times_expires_once_when_due_with_one_timer() -> None:
    async def run() -> tuple[list[float], int, float]:
        loop = _CountingLoop(asyncio.get_running_loop())
        fired: list[float] = []
        deadline = Deadline(loop, lambda: fired.append(loop.time()))  # type: ignore[arg-type]  # reason: a stand-in loop
        began = loop.time()
        for _ in range(20):  # a kept-alive connection's requests: set, met, set again
            deadline.set(0.1)
            deadline.clear()
            deadline.set(0.1)
            await asyncio.sleep(0.01)
        last_set = loop.time()
        await asyncio.sleep(0.3)
        return [t - last_set for t in fired], loop.armed, last_set - began

    fired, armed, spent = asyncio.run(run())
    assert len(fired) == 1 and 0.09 <= fired[0] < 0.2
    assert armed <= 2 + spent / 0.1  # a timer per expiry of the first due at most, not per set


def test_a_met_or_closed_deadline_never_expires() -> None:
    async def run() -> list[str]:
        loop = asyncio.get_running_loop()
        fired: list[str] = []
        met = Deadline(loop, lambda: fired.append("met"))
        closed = Deadline(loop, lambda: fired.append("closed"))
        met.set(0.05)
        closed.set(0.05)
        met.clear()
        closed.close()
        assert not met.pending and not closed.pending
        await asyncio.sleep(0.15)
        return fired

    assert asyncio.run(run()) == []


def test_only_the_task_whose_time_is_up_is_cancelled() -> None:
    async def run() -> tuple[bool, bool, bool]:
        deadlines = TaskDeadlines(asyncio.get_running_loop())
        outcome: dict[str, bool] = {}

        async def wait(name: str, seconds: float, limit: float) -> None:
            task = asyncio.current_task()
            assert task is not None
            deadlines.watch(task, limit)
            try:
                await asyncio.sleep(seconds)
            except asyncio.CancelledError:
                outcome[name] = deadlines.release(task)
                task.uncancel()
                return
            outcome[name] = deadlines.release(task)

        slow = asyncio.ensure_future(wait("slow", 5, 0.05))
        quick = asyncio.ensure_future(wait("quick", 0.01, 1))
        late = asyncio.ensure_future(wait("late", 0.1, 0.2))
        await asyncio.gather(slow, quick, late)
        return outcome["slow"], outcome["quick"], outcome["late"]

    assert asyncio.run(run()) == (True, False, False)


def test_each_event_loop_has_its_own_task_deadlines() -> None:
    async def mine() -> TaskDeadlines:
        return task_deadlines(asyncio.get_running_loop())

    first, second = asyncio.run(mine()), asyncio.run(mine())
    assert first is not second

    async def twice() -> bool:
        loop = asyncio.get_running_loop()
        return task_deadlines(loop) is task_deadlines(loop)

    assert asyncio.run(twice())


@pytest.fixture()
def address() -> Iterator[tuple[str, int]]:
    with serving(create_app(seed=1), keep_alive_seconds=1) as base_url:
        url = urlsplit(base_url)
        yield str(url.hostname), int(url.port or 0)


def _kept_alive_start() -> bytes:
    body = json_bytes(VALID_BODY)
    lines = [f"POST {PATH} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in token_headers().items()]
    return "\r\n".join(lines).encode() + b"\r\n\r\n" + body


def _answer(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the connection was closed before the answer"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(rest) < length:
        rest += sock.recv(65536)
    return head


def test_an_idle_kept_alive_connection_is_closed_after_the_keep_alive_time(
    address: tuple[str, int],
) -> None:
    with socket.create_connection(address, timeout=5) as sock:
        sock.sendall(_kept_alive_start())
        assert _answer(sock).startswith(b"HTTP/1.1 202")
        idle_since = time.monotonic()
        assert sock.recv(65536) == b""  # closed by the server, not by the 5 s socket timeout
        assert 0.9 <= time.monotonic() - idle_since < 3


def test_a_busy_connection_outlives_the_keep_alive_time(address: tuple[str, int]) -> None:
    # Its deadline moves with each answer: the timer armed for the first one must not end it.
    with socket.create_connection(address, timeout=5) as sock:
        began = time.monotonic()
        answered = 0
        while time.monotonic() - began < 2.5:
            sock.sendall(_kept_alive_start())
            assert _answer(sock).startswith(b"HTTP/1.1 202")
            answered += 1
            time.sleep(0.2)
        assert answered >= 10


def _statements(function: Any) -> list[str]:
    source = textwrap.dedent(inspect.getsource(function)).splitlines()[1:]  # without the def
    lines = [line.split("#")[0].rstrip() for line in source]
    return [line for line in lines if line.strip()]


def test_the_copy_of_uvicorns_on_response_complete_differs_only_in_its_keep_alive_timer() -> None:
    # The protocol copies uvicorn's method to replace its timer: a uvicorn that changed the
    # method must be read again before it is taken.
    theirs = "\n".join(_statements(HttpToolsProtocol.on_response_complete))
    theirs = theirs.replace("self._unset_keepalive_if_required()", "self._idle.clear()")
    theirs = re.sub(
        r"self\.timeout_keep_alive_task = self\.loop\.call_later\(\s*"
        r"self\.timeout_keep_alive, self\.timeout_keep_alive_handler\s*\)",
        "self._idle.set(self.timeout_keep_alive)",
        theirs,
    )
    assert theirs == "\n".join(_statements(EnvelopeHttpToolsProtocol._after_response))
