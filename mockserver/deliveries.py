"""The record of the mock's callbacks: every attempt and outcome, in a ring, a log and a file."""

from __future__ import annotations

import json
import logging
import threading
from collections import deque
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

__all__ = [
    "DEFAULT_HISTORY",
    "DELIVERED",
    "DROPPED",
    "FAILED",
    "OUTCOMES",
    "REFUSED",
    "RETRYING",
    "DeliveryLog",
    "DeliveryRecord",
]

logger = logging.getLogger("mockserver.callbacks")

DELIVERED = "delivered"
"""The subscriber answered 2xx."""
RETRYING = "retrying"
"""This attempt failed (an error, or not 2xx); another follows after the back-off."""
FAILED = "failed"
"""The last attempt failed too: the callback is given up."""
REFUSED = "refused"
"""Never sent: a target outside loopback and the allowed hosts, or an auth_type it cannot sign."""
DROPPED = "dropped"
"""Never sent: more callbacks were waiting than the mock keeps, or the mock was closed."""
OUTCOMES = (DELIVERED, RETRYING, FAILED, REFUSED, DROPPED)

DEFAULT_HISTORY = 1_000
"""Records the ring keeps; beyond it the oldest is forgotten (the log and the file keep all)."""

_LEVELS = {DELIVERED: logging.INFO, RETRYING: logging.INFO}


@dataclass(frozen=True)
class DeliveryRecord:
    """One attempt to call back, or one callback never attempted (refused, dropped; attempt 0).

    It holds no secret: the target is its origin alone (the URL's path and query may carry
    credentials), and neither the key, the signature nor the message (a stream key) is kept.
    """

    at: str
    """When, on the mock's clock (RFC 3339, milliseconds)."""
    event_type: str
    event: str
    """Which of the job's events (LiveEvent.name): CONNECTED/0 (the first output URL's stream
    connected), SHOOT_SCRIPT_SWITCH/2, REPLY_COMMAND_FINISH/<command id>."""
    job_id: str
    origin: str
    """scheme://host:port of the callback URL."""
    auth_type: str
    attempt: int
    outcome: str
    """One of OUTCOMES."""
    status: int | None = None
    """The subscriber's HTTP status, when it answered."""
    error: str | None = None
    """Why it failed or was not sent: an exception's class, or a reason in words."""

    def to_json(self) -> str:
        """The record as one line of JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    def describe(self) -> str:
        """The record as a log line says it."""
        what = f"HTTP {self.status}" if self.status is not None else ""
        if self.error:
            what = f"{what}, {self.error}" if what else self.error
        attempt = f" attempt {self.attempt}" if self.attempt else ""
        return (
            f"callback {self.event_type} ({self.event}) of job {self.job_id} to {self.origin} "
            f"({self.auth_type}){attempt}: {self.outcome}" + (f" ({what})" if what else "")
        )


class DeliveryLog:
    """Keeps the newest `history` records for tests to read, logs each one, and appends each to
    `path` as a JSON line when given; thread-safe."""

    def __init__(self, history: int = DEFAULT_HISTORY, path: Path | None = None) -> None:
        if history < 1:
            raise ValueError("the callback history must keep at least one record")
        self._records: deque[DeliveryRecord] = deque(maxlen=history)
        self._lock = threading.Lock()
        self._file: IO[str] | None = None
        if path is not None:
            try:
                self._file = path.open("a", encoding="utf-8")
            except OSError as exc:
                raise ValueError(f"callback log {path}: cannot open it ({exc.strerror})") from None

    def add(self, record: DeliveryRecord) -> None:
        """Keep, log and write `record`."""
        with self._lock:
            self._records.append(record)
            if self._file is not None and not self._file.closed:
                self._file.write(record.to_json() + "\n")
                self._file.flush()  # a test, or a person with tail -f, reads it while it runs
        logger.log(_LEVELS.get(record.outcome, logging.WARNING), "%s", record.describe())

    def records(self) -> list[DeliveryRecord]:
        """The records kept, oldest first."""
        with self._lock:
            return list(self._records)

    def close(self) -> None:
        """Close the file (records added later are still kept and logged)."""
        with self._lock:
            if self._file is not None:
                self._file.close()
