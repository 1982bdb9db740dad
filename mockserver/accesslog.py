"""The mock's access log: a line per answer (client, method, target, status, request id), written
in batches, so that a loaded mock makes one write per turn of the event loop, not one per request."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from typing import TextIO

# Why not uvicorn's access log: it makes a LogRecord, takes the handler's lock, formats it through
# its colour formatter and flushes stderr for every request, about 60 µs of a request's CPU on the
# development machine, more than the bare server itself (benchmarks/PROFILES.md). This writes the
# same facts with one join and one write per batch.

HIDDEN = "(hidden)"


class AccessLog:
    """Lines `record`ed while the event loop is busy go out together at its next turn.

    The values of `secret_query` parameters (api keys that travel in the query) are hidden.
    """

    def __init__(self, stream: TextIO, secret_query: Iterable[str] = ()) -> None:
        self._stream = stream
        self._pending: list[str] = []
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
        if not self._pending:
            asyncio.get_running_loop().call_soon(self.flush)
        self._pending.append(f"mockserver: {client} {method} {target} {status} {request_id}\n")

    def flush(self) -> None:
        """Write what is pending."""
        if self._pending:
            text = "".join(self._pending)
            self._pending.clear()
            self._stream.write(text)
            self._stream.flush()
