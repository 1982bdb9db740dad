"""The accepted starts of a live run: one JSON line each, written as they happen, read by the run."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

FORBIDDEN = "accepted-forbidden"
"""A start the spec forbids, which the service accepted: what a live run is there to find."""
ALLOWED = "allowed-start"
"""A valid start sent on purpose (--allow-starts), within the run's budget."""
MASK = "<masked>"
MAX_BODY_CHARS = 2000


@dataclass(frozen=True)
class Finding:
    """One accepted start: what was sent (secrets masked), the answer, and whether it was stopped."""

    kind: str
    operation: str
    status: int
    job_id: str | None
    stopped: bool
    description: str
    body: str


class FindingLog:
    """An append-only JSON Lines file of findings (one writer: the schemathesis process)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def clear(self) -> None:
        """Start the run's log empty."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text("")

    def append(self, finding: Finding) -> None:
        """Add one finding, flushed at once: the run reads the log while schemathesis writes it."""
        with self.path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(asdict(finding), ensure_ascii=False) + "\n")
            log.flush()

    def read(self) -> list[Finding]:
        """Every complete line (a line being written is not read yet)."""
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="utf-8").split("\n")
        return [Finding(**json.loads(line)) for line in lines[:-1] if line]


def masked(value: Any, secrets: frozenset[str]) -> Any:
    """`value` with every property named in `secrets` (the spec's x-secret fields) masked."""
    if isinstance(value, dict):
        return {k: MASK if k in secrets else masked(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v, secrets) for v in value]
    return value


def body_text(body: Any, secrets: frozenset[str]) -> str:
    """A case's body for the report: JSON, secrets masked, cut at MAX_BODY_CHARS."""
    try:
        text = json.dumps(masked(body, secrets), ensure_ascii=False, default=repr)
    except ValueError:  # a circular structure: the repr says enough
        text = repr(type(body))
    return text if len(text) <= MAX_BODY_CHARS else text[: MAX_BODY_CHARS - 1] + "…"
