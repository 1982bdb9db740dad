"""The mock's access log: a line per answer, written in batches of at most FLUSH_SECONDS."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from typing import TextIO

# Why not uvicorn's access log: it makes a LogRecord, takes the handler's lock, formats it through
# its colour formatter and flushes stderr for every request, about 60 µs of a request's CPU on the
# development machine, more than the bare server itself (benchmarks/PROFILES.md). This writes the
# same facts with one join and one write per batch. A batch once ended with each turn of the event
# loop, but with a few connections a turn holds one or two answers, and its write cost more than
# the rest of the answer's logging (12-28 µs per answer at 4 connections): a batch now spans up to
# FLUSH_SECONDS, which no one reading the log can tell from at once.

HIDDEN = "(hidden)"
FLUSH_SECONDS = 0.05
"""A line is written at most this long after its answer (and by `flush`, at the latest)."""


class AccessLog:
    """Lines `record`ed within FLUSH_SECONDS of one another go out together, in one write.

    The values of `secret_query` parameters (api keys that travel in the query) are hidden.
    """

    def __init__(self, stream: TextIO, secret_query: Iterable[str] = ()) -> None:
        self._stream = stream
        self._pending: list[str] = []
        self._due: asyncio.TimerHandle | None = None
        """The pending batch's flush; None: no batch is pending."""
        self._loop: asyncio.AbstractEventLoop | None = None
        """The loop `_due` runs on."""
        names = sorted(set(secret_query))
        self._secret = (
            re.compile("(?<=[?&])(" + "|".join(map(re.escape, names)) + ")=[^&]*")
            if names
            else None
        )

    def record(self, client: str, method: str, target: str, status: int, request_id: str) -> None:
        """One answered request; `target` is its raw path and query."""
        if self._secret is not None and "?" in target:
            target = self._secret.sub(rf"\1={HIDDEN}", target)
        if not target.isprintable():  # a control character must not forge a log line
            target = target.encode("unicode_escape").decode("ascii")
        self._pending.append(f"mockserver: {client} {method} {target} {status} {request_id}\n")
        if self._due is None or self._loop is None or self._loop.is_closed():
            # A loop that closed with the batch pending (a test's asyncio.run) never flushes it.
            self._loop = asyncio.get_running_loop()
            self._due = self._loop.call_later(FLUSH_SECONDS, self.flush)

    def flush(self) -> None:
        """Write what is pending."""
        self._due = None
        if self._pending:
            text = "".join(self._pending)
            self._pending.clear()
            self._stream.write(text)
            self._stream.flush()
