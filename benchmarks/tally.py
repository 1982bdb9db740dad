"""What a load run counted, per kind of request: statuses and dropped connections, and by worker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

# A status (int) or an error type (str): both sort.
K = TypeVar("K", int, str)


@dataclass
class Tally:
    """Counts that add up across Locust workers: each sends its own, the master merges them."""

    statuses: dict[str, dict[int, int]] = field(default_factory=dict)  # kind → status → n
    dropped: dict[str, dict[str, int]] = field(default_factory=dict)  # kind → error type → n
    workers: dict[str, int] = field(default_factory=dict)  # worker index → requests

    def answered(self, kind: str, status: int) -> None:
        """A whole response with `status`."""
        per_kind = self.statuses.setdefault(kind, {})
        per_kind[status] = per_kind.get(status, 0) + 1

    def lost(self, kind: str, error: str) -> None:
        """No whole response: refused, reset, closed early, timed out or cut short."""
        per_kind = self.dropped.setdefault(kind, {})
        per_kind[error] = per_kind.get(error, 0) + 1

    @property
    def requests(self) -> int:
        """Requests that ended, answered or dropped."""
        answered = sum(sum(c.values()) for c in self.statuses.values())
        return answered + sum(sum(c.values()) for c in self.dropped.values())

    def status_totals(self) -> dict[int, int]:
        """Responses per status, over every kind."""
        return _totals(self.statuses)

    def drop_totals(self) -> dict[str, int]:
        """Dropped connections per error type, over every kind."""
        return _totals(self.dropped)

    def merge(self, other: Tally, worker: str | None = None) -> None:
        """Add `other`'s counts; a worker's requests are also credited to it."""
        for kind, statuses in other.statuses.items():
            for status, n in statuses.items():
                per_kind = self.statuses.setdefault(kind, {})
                per_kind[status] = per_kind.get(status, 0) + n
        for kind, errors in other.dropped.items():
            for error, n in errors.items():
                per_kind_errors = self.dropped.setdefault(kind, {})
                per_kind_errors[error] = per_kind_errors.get(error, 0) + n
        for name, n in other.workers.items():
            self.workers[name] = self.workers.get(name, 0) + n
        if worker is not None and other.requests:  # a worker that sent nothing is not listed
            self.workers[worker] = self.workers.get(worker, 0) + other.requests

    def take(self) -> Tally:
        """These counts, leaving this tally empty (a worker sends each count once)."""
        taken = Tally(self.statuses, self.dropped, self.workers)
        self.statuses, self.dropped, self.workers = {}, {}, {}
        return taken

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (statuses as string keys)."""
        return {
            "statuses": {
                k: {str(s): n for s, n in sorted(c.items())} for k, c in self.statuses.items()
            },
            "dropped": {k: dict(sorted(c.items())) for k, c in self.dropped.items()},
            "workers": dict(sorted(self.workers.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        """The inverse of `to_json`."""
        return cls(
            statuses={
                k: {int(s): int(n) for s, n in c.items()} for k, c in data["statuses"].items()
            },
            dropped={k: {e: int(n) for e, n in c.items()} for k, c in data["dropped"].items()},
            workers={w: int(n) for w, n in data["workers"].items()},
        )


def _totals(per_kind: dict[str, dict[K, int]]) -> dict[K, int]:
    totals: dict[K, int] = {}
    for counts in per_kind.values():
        for key, n in counts.items():
            totals[key] = totals.get(key, 0) + n
    return dict(sorted(totals.items()))
