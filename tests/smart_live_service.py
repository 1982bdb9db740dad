"""A scripted smart-live service for httpx.MockTransport: answers by operation, failures on demand."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any, Literal

import httpx

from metastudio import AsyncClient, Client, RetryPolicy

PROJECT_ID = "0123456789abcdef0123456789abcdef"
ROOM = "room-1"
JOB = "26f06524-4f75-4b3a-a853-b649a21aaf66"
TOKEN = "iam-token-S3cret-value"
NO_WAIT = RetryPolicy(initial_delay=0, max_delay=0)

Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")
# An outcome: a status, (status, JSON body or None), or an httpx exception type to raise.
Outcome = int | tuple[int, Any] | type[httpx.TransportError]

SUCCESS: dict[str, tuple[int, Any]] = {
    "start": (202, {"job_id": JOB}),
    "show": (200, {"job_id": JOB, "room_id": ROOM, "state": "PROCESSING"}),
    "list": (200, {"count": 0, "smart_live_jobs": []}),
    "stop": (200, None),
    "command": (200, {"command_id": "cmd-1", "command": "INSERT_PLAY_SCRIPT"}),
}


def operation_of(request: httpx.Request) -> str:
    """Which smart-live operation a request is, by its method and path."""
    path = request.url.path
    if path.endswith("/stop"):
        return "stop"
    if path.endswith("/command"):
        return "command"
    if path.endswith("/smart-live-jobs"):
        return "start" if request.method == "POST" else "list"
    return "show"


class Service:
    """Answers each operation with its queued outcomes first, then with `answer(op, request)`
    (by default its SUCCESS); every request is kept, in order."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self._queues: dict[str, list[Outcome]] = defaultdict(list)
        self.answer: Callable[[str, httpx.Request], tuple[int, Any]] = lambda op, _: SUCCESS[op]

    def then(self, op: str, *outcomes: Outcome) -> Service:
        """Queue `outcomes` for the next requests of `op`."""
        self._queues[op].extend(outcomes)
        return self

    def sent(self, op: str) -> list[httpx.Request]:
        """The requests of one operation, in order."""
        return [r for r in self.requests if operation_of(r) == op]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        op = operation_of(request)
        queue = self._queues[op]
        outcome: Outcome = queue.pop(0) if queue else self.answer(op, request)
        if isinstance(outcome, type):
            raise outcome("simulated failure", request=request)
        status, body = outcome if isinstance(outcome, tuple) else (outcome, None)
        if body is None and status >= 400:
            body = {"error_code": f"MSS.{status}", "error_msg": "scripted"}
        content = b"" if body is None else json.dumps(body).encode()
        headers = {"X-Request-Id": f"req-{len(self.requests)}"}
        return httpx.Response(status, content=content, headers=headers)


class FakeTime:
    """A clock that only moves when slept on: no test waits, and none measures real time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


Handler = Callable[[httpx.Request], httpx.Response]


def _settings(options: dict[str, Any]) -> dict[str, Any]:
    return {"project_id": PROJECT_ID, "token": TOKEN, "retry": NO_WAIT, **options}


def sync_client(service: Handler, *, time: FakeTime | None = None, **options: Any) -> Client:
    """A Client on a MockTransport playing `service`; `time` replaces its clock and sleep."""
    client = Client(transport=httpx.MockTransport(service), **_settings(options))
    if time is not None:
        client._clock, client._sleep = time.clock, time.sleep
    return client


def async_client(service: Handler, *, time: FakeTime | None = None, **options: Any) -> AsyncClient:
    """An AsyncClient on a MockTransport playing `service`; `time` replaces its clock and sleep."""
    client = AsyncClient(transport=httpx.MockTransport(service), **_settings(options))
    if time is not None:
        client._clock, client._sleep = time.clock, time.asleep
    return client


def make_client(
    mode: Mode, service: Handler, *, time: FakeTime | None = None, **options: Any
) -> Client | AsyncClient:
    """A client of `mode` (sync_client or async_client)."""
    if mode == "sync":
        return sync_client(service, time=time, **options)
    return async_client(service, time=time, **options)


def run(
    mode: Mode,
    service: Handler,
    call: Callable[[Any], Any],
    *,
    time: FakeTime | None = None,
    **options: Any,
) -> Any:
    """`call(client)` on a client of `mode`: awaited (when it gives an awaitable) for async."""
    client = make_client(mode, service, time=time, **options)
    if isinstance(client, Client):
        with client:
            return call(client)

    async def go(client: AsyncClient) -> Any:
        async with client:
            result = call(client)
            return await result if inspect.isawaitable(result) else result

    return asyncio.run(go(client))
