"""Progress lines of a benchmark run, on stderr ("bench: ..."): stdout stays the report's."""

from __future__ import annotations

import sys


def say(message: str) -> None:
    """One progress line, flushed at once (a run takes minutes)."""
    print(f"bench: {message}", file=sys.stderr, flush=True)
