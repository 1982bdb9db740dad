"""Deadlines that cost no timer each: one pending timer per holder, which looks when it fires."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable

# Why by hand: under uvloop a timer made and then cancelled (call_later, cancel) costs about 3 µs,
# and every request of a kept-alive connection made and cancelled three (the wait for its headers,
# the read of its body, the keep-alive wait after its answer) although none of them ever fired;
# asyncio.timeout costs more still (9 µs). Moving a deadline here is an assignment; a timer is
# armed only when none is pending, and when it fires it acts on the deadline that holds then, or
# re-arms for it.


class Deadline:
    """One deadline on an event loop: `expired` is called once it passes unmet."""

    __slots__ = ("_due", "_expired", "_loop", "_timer")

    def __init__(self, loop: asyncio.AbstractEventLoop, expired: Callable[[], object]) -> None:
        self._loop = loop
        self._expired = expired
        self._due: float | None = None
        self._timer: asyncio.TimerHandle | None = None

    def set(self, seconds: float) -> None:
        """Due `seconds` from now, in place of any deadline set before."""
        self._due = due = self._loop.time() + seconds
        if self._timer is None:
            self._timer = self._loop.call_at(due, self._fire)

    def clear(self) -> None:
        """Met: nothing is due (a pending timer finds nothing and lapses)."""
        self._due = None

    @property
    def pending(self) -> bool:
        """Whether a deadline is set and not met yet."""
        return self._due is not None

    def close(self) -> None:
        """Met, and its timer cancelled: for a holder that is going away."""
        self._due = None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _fire(self) -> None:
        self._timer = None
        due = self._due
        if due is None:
            return
        if self._loop.time() < due:  # moved since the timer was armed
            self._timer = self._loop.call_at(due, self._fire)
            return
        self._due = None
        self._expired()


class TaskDeadlines:
    """Tasks watched on one event loop: a task still watched when its time is up is cancelled."""

    __slots__ = ("_due", "_expired", "_loop", "_timer")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._due: dict[asyncio.Task[object], float] = {}
        self._expired: set[asyncio.Task[object]] = set()
        self._timer: asyncio.TimerHandle | None = None

    def watch(self, task: asyncio.Task[object], seconds: float) -> None:
        """Cancel `task` if it is still watched `seconds` from now."""
        self._due[task] = due = self._loop.time() + seconds
        if self._timer is None:
            self._timer = self._loop.call_at(due, self._fire)

    def release(self, task: asyncio.Task[object]) -> bool:
        """Watch `task` no longer; whether it was cancelled because its time was up."""
        self._due.pop(task, None)
        if task in self._expired:
            self._expired.discard(task)
            return True
        return False

    def _fire(self) -> None:
        self._timer = None
        now = self._loop.time()
        due = [(task, at) for task, at in self._due.items() if at <= now]
        for task, _ in due:
            del self._due[task]
            self._expired.add(task)
            task.cancel()
        if self._due:
            self._timer = self._loop.call_at(min(self._due.values()), self._fire)


_on_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, TaskDeadlines] = (
    weakref.WeakKeyDictionary()
)
_last: tuple[weakref.ref[asyncio.AbstractEventLoop], TaskDeadlines] | None = None


def task_deadlines(loop: asyncio.AbstractEventLoop) -> TaskDeadlines:
    """`loop`'s TaskDeadlines, made on first use (a timer belongs to one loop, and tests run many)."""
    global _last
    last = _last  # one read: another thread's loop may replace it meanwhile
    if last is not None and last[0]() is loop:
        return last[1]
    deadlines = _on_loop.get(loop)
    if deadlines is None:
        deadlines = _on_loop[loop] = TaskDeadlines(loop)
    _last = (weakref.ref(loop), deadlines)
    return deadlines
