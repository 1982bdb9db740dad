"""The jobs of the live room, through the generated SDK: list them all, and stop one until confirmed."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from metastudio import (
    APIConnectionError,
    APIStatusError,
    Client,
    NotFoundError,
    ResponseValidationError,
)
from speccore.model import Lifecycle

STOP_ATTEMPTS = 8
BACKOFF_SECONDS = (0.5, 1.0, 2.0, 4.0, 8.0)
LIST_PAGE = 100
"""ListSmartLive's largest page (limit 1-100)."""
MAX_PAGES = 1000
"""At most 100,000 jobs are read: every loop is bounded."""


class JobKeeper:
    """What a live run needs of the room: its jobs, their states, and stops that are confirmed.

    The generated client is used as a user of the SDK would use it; its stop is retried on 5xx and
    read timeouts by the SDK's own policy (StopSmartLive is idempotent), and here again, with a
    longer back-off, until a show says the job no longer runs. A service laxer than the spec
    echoes back what it accepted, which the SDK's models then refuse (ResponseValidationError):
    the keeper needs only ids and states, and reads those from the raw answer.
    """

    def __init__(
        self,
        client: Client,
        room_id: str,
        lifecycle: Lifecycle,
        *,
        attempts: int = STOP_ATTEMPTS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._room_id = room_id
        self._lifecycle = lifecycle
        self._attempts = attempts
        self._sleep = sleep

    def states(self) -> dict[str, str]:
        """job_id → state of every job of the room (every page)."""
        found: dict[str, str] = {}
        offset = 0
        for _ in range(MAX_PAGES):
            jobs, total = self._page(offset)
            for job in jobs:
                job_id, state = job.get(self._lifecycle.id_field), job.get("state")
                if isinstance(job_id, str) and job_id:
                    found[job_id] = str(state)
            offset += len(jobs)
            if not jobs or len(jobs) < LIST_PAGE or (total is not None and offset >= total):
                break
        return found

    def live(self, states: dict[str, str]) -> list[str]:
        """The ids among `states` whose state is one a job still runs in."""
        return sorted(j for j, state in states.items() if state in self._lifecycle.live_states)

    def stop(self, job_id: str) -> bool:
        """Stop `job_id` until a show confirms it no longer runs (bounded); True once confirmed."""
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(BACKOFF_SECONDS[min(attempt - 1, len(BACKOFF_SECONDS) - 1)])
            try:
                self._client.smart_live.stop(self._room_id, job_id)
                state = self._state(job_id)
            except NotFoundError:
                # Right after its start a job may not be visible yet: a first 404 is tried again
                # (as the SDK's live_job does); after an earlier attempt, it is gone.
                if attempt:
                    return True
                continue
            except (APIStatusError, APIConnectionError):
                continue
            if state not in self._lifecycle.live_states:
                return True
        return False

    def _page(self, offset: int) -> tuple[list[dict[str, Any]], int | None]:
        try:
            page = self._client.smart_live.list(self._room_id, offset=offset, limit=LIST_PAGE)
            raw: Any = page.response.model_dump(mode="json")
        except ResponseValidationError as exc:
            raw = _json(exc.body)
        jobs = raw.get("smart_live_jobs") if isinstance(raw, dict) else None
        total = raw.get("count") if isinstance(raw, dict) else None
        listed = [job for job in jobs or () if isinstance(job, dict)]
        return listed, total if isinstance(total, int) else None

    def _state(self, job_id: str) -> str | None:
        try:
            raw: Any = self._client.smart_live.show(self._room_id, job_id).model_dump(mode="json")
        except ResponseValidationError as exc:
            raw = _json(exc.body)
        state = raw.get(self._lifecycle.state_field) if isinstance(raw, dict) else None
        return state if isinstance(state, str) else None


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None
