"""Helpers for tests that talk to the mock: the operation's path, a valid body, signed headers."""

from __future__ import annotations

import collections
import json
from datetime import UTC, datetime, timedelta
from typing import Any, TypedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from metastudio._signing import sign
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN
from mockserver.lifecycle import JOB_NOT_LIVE, ROOM_HAS_LIVE_JOB


class ClientCredentials(TypedDict, total=False):
    """Keyword arguments for Client / AsyncClient credentials."""

    ak: str
    sk: str
    token: str


PATH = "/v1/proj-1/smart-live-rooms/room-1/smart-live-jobs"
VALID_BODY: dict[str, Any] = {"output_urls": ["rtmp://127.0.0.1/live/a"]}


def json_bytes(value: Any) -> bytes:
    """Compact JSON, as a client sends it."""
    return json.dumps(value, separators=(",", ":")).encode()


def token_headers(**extra: str) -> dict[str, str]:
    """A JSON request authenticated with the development token."""
    return {"X-Auth-Token": DEV_TOKEN, "Content-Type": "application/json", **extra}


def signed_headers(
    body: bytes,
    *,
    host: str,
    path: str = PATH,
    sk: str = DEV_SK,
    ak: str = DEV_AK,
    skew: timedelta = timedelta(0),
    method: str = "POST",
    **extra: str,
) -> dict[str, str]:
    """A JSON request signed with AK/SK (by default the development pair), `skew` off the clock."""
    headers = {"Content-Type": "application/json", "X-Project-Id": "proj-1", **extra}
    now = datetime.now(UTC) + skew
    return {**headers, **sign(method, f"http://{host}{path}", headers, body, ak=ak, sk=sk, now=now)}


class StatusRecorder:
    """An ASGI app in front of another that counts the statuses it answers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.statuses: collections.Counter[int] = collections.Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.statuses[message["status"]] += 1
            await send(message)

        await self.app(scope, receive, recording_send)


# Valid requests that a job's state makes the service refuse: a command to an ended job, a start in
# a room whose live job asked to be alone. Only they are excused from "valid data is accepted".
STATE_REFUSALS = frozenset({JOB_NOT_LIVE, ROOM_HAS_LIVE_JOB})


def state_refusal(status: int, content: bytes) -> str | None:
    """The error code of an answer that refuses a valid request for its job's state, else None."""
    if status != 400:
        return None
    try:
        body = json.loads(content or b"null")
    except ValueError:
        return None
    code = body.get("error_code") if isinstance(body, dict) else None
    return str(code) if code in STATE_REFUSALS else None
