"""The servers' logs of a run, cut to their start and their end once each server has stopped."""

# Why: each server writes its log as a user runs it (the mock's access log, a line per answer;
# Prism's info lines), for writing it is part of what a run costs. One `make bench` left 210 MB
# of them in build/bench (the mock's 126 MB), line after line alike, and a disk of this workplace
# has been seen with 287 MB free. The start says how a server ran, the end how it stopped.

from __future__ import annotations

import contextlib
import itertools
import os
import stat
import tempfile
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

HEAD_LINES = 50
TAIL_LINES = 200


@contextmanager
def server_log(path: Path) -> Iterator[TextIO]:
    """`path`, open for a server's output while the block runs, and cut once it ends (`cut`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    log = path.open("w")
    try:
        with log:
            yield log
    finally:
        cut(path)


def cut(path: Path, head: int = HEAD_LINES, tail: int = TAIL_LINES) -> None:
    """Replace `path` with its first `head` lines, a line saying how many were left out, and its
    last `tail`; a file no longer than that is left as it is. The new file takes the old one's
    place whole (a failure leaves the old one)."""
    with path.open("rb") as source:
        first = list(itertools.islice(source, head))
        last: deque[bytes] = deque(maxlen=tail)
        rest = 0
        for line in source:
            last.append(line)
            rest += 1
    if rest <= tail:
        return
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.writelines(first)
            note = f"[benchmarks: {rest - tail} lines left out here, to keep build/bench small]"
            out.write(note.encode() + b"\n")
            out.writelines(last)
        os.chmod(scratch, stat.S_IMODE(path.stat().st_mode))  # mkstemp's file is the owner's alone
        os.replace(scratch, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
        raise
