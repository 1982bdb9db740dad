"""Run a function in a forked child process while this one goes on; its result comes back by pipe.

Why: a generation is CPU work in three independent parts (openapi-spec-validator with the lint
rules, datamodel-code-generator, Jinja), each mostly import and compile time, and a generation is
one command line on a machine with more than one core. A thread would not help (the GIL); a
forked child starts with everything this process has already imported and read (the spec), so
nothing is sent to it, and only its result is pickled back.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class ChildFailed(RuntimeError):
    """The child ended without a result (killed, or its result or exception could not be sent)."""


def can_fork() -> bool:
    """Fork only on Linux (elsewhere a forked child may crash in system libraries) and only from
    a single thread: a lock another thread held at the fork would stay held in the child."""
    return sys.platform == "linux" and threading.active_count() == 1


class Pending(Generic[T]):
    """A function's result, computed in a child process (or here, when forking is not safe)."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._pid = 0
        self._pipe = -1
        self._outcome: tuple[bool, object] | None = None
        if not can_fork():
            self._outcome = _outcome(function, in_child=False)
            return
        read_end, write_end = os.pipe()
        sys.stdout.flush()  # what this process has buffered is its own to print, not the child's
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:  # no process to be had (a limit): the same work, here
            os.close(read_end)
            os.close(write_end)
            self._outcome = _outcome(function, in_child=False)
            return
        if pid == 0:  # the child: compute, send, and leave without running the parent's code
            try:
                os.close(read_end)
                data = _pickled(_outcome(function, in_child=True))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self) -> T:
        """Wait for the child; its return value, or its exception raised here."""
        if self._outcome is None:
            with os.fdopen(self._pipe, "rb") as pipe:
                data = pipe.read()
            self._pipe = -1
            self._reap()
            if not data:
                raise ChildFailed("the child process ended without a result")
            self._outcome = pickle.loads(data)
        ok, value = self._outcome
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[return-value]  # what `function` returned

    def close(self) -> None:
        """Stop a child whose result is no longer wanted (this process is failing), and reap it."""
        if self._pipe != -1:
            os.close(self._pipe)
            self._pipe = -1
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> None:
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0


@contextmanager
def started(function: Callable[[], T]) -> Iterator[Pending[T]]:
    """`function` running in a child for the length of the block; never left running after it."""
    pending = Pending(function)
    try:
        yield pending
    finally:
        pending.close()


def _outcome(function: Callable[[], T], *, in_child: bool) -> tuple[bool, object]:
    try:
        return True, function()
    except BaseException as exc:  # raised by `result`; a child's with where it was raised
        if in_child:
            exc.add_note("raised in a child process:\n" + "".join(traceback.format_exception(exc)))
        return False, exc


def _pickled(outcome: tuple[bool, object]) -> bytes:
    # An exception whose constructor does not take its own args cannot be unpickled: checked here,
    # where a failure can still be worded, so that the parent always gets an exception it can raise.
    try:
        data = pickle.dumps(outcome)
        pickle.loads(data)
        return data
    except Exception as exc:
        ok, value = outcome
        what = "result" if ok else f"exception {value!r}"
        notes = "" if ok else "\n".join(getattr(value, "__notes__", ()))
        return pickle.dumps((False, ChildFailed(f"cannot send the child's {what}: {exc}\n{notes}")))
