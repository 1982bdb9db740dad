"""Helpers for tests of the mock's smart-live jobs: paths, a clock tests move, an in-process client."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from mockserver import Credentials, MockApp
from mockserver.jobs import JobStore
from mockserver.schemas import CompiledSchema, compile_schema
from mockserver.spec import load_mock_spec
from tests.conftest import SPEC
from tests.mock_requests import token_headers

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
MOCK_SPEC = load_mock_spec(SPEC)  # frozen: loaded once, shared by every test's app
SPEC_DATA = MOCK_SPEC.document


def jobs_path(project_id: str = "proj-1", room_id: str = "room-1") -> str:
    """StartSmartLive's and ListSmartLive's path."""
    return f"/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs"


def component(name: str) -> CompiledSchema:
    """A component schema of the spec, compiled with formats, as a generated client reads it."""
    return compile_schema(SPEC_DATA, {"$ref": f"#/components/schemas/{name}"}, check_formats=True)


def asgi_call(app: Any, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request to an ASGI app, in-process."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            return await client.request(method, path, **kwargs)

    return asyncio.run(send())


class Clock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Mock:
    """A stateful mock on a test clock, called in-process with the development token."""

    def __init__(
        self,
        *,
        processing_delay: float = 0,
        store: JobStore | None = None,
        lenient: bool = False,
        fail_stops: int = 0,
        fail_jobs: int = 0,
        seed: int = 1,
    ) -> None:
        self.clock = Clock()
        self.app = MockApp(
            MOCK_SPEC,
            Credentials.development(),
            seed=seed,
            clock=self.clock,
            processing_delay=processing_delay,
            store=store,
            lenient=lenient,
            fail_stops=fail_stops,
            fail_jobs=fail_jobs,
        )

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request, in-process, with the development token."""
        kwargs["headers"] = {**token_headers(), **kwargs.get("headers", {})}
        return asgi_call(self.app, method, path, **kwargs)

    def start(self, body: Any = None, room: str = "room-1", **headers: str) -> httpx.Response:
        """StartSmartLive in `room` of proj-1."""
        payload = {"output_urls": ["rtmp://127.0.0.1/live/a"]} if body is None else body
        return self.call("POST", jobs_path(room_id=room), json=payload, headers=headers)

    def started(self, body: Any = None, room: str = "room-1") -> str:
        """The job id of a successful start."""
        response = self.start(body, room)
        assert response.status_code == 202, response.text
        return str(response.json()["job_id"])

    def show(self, job_id: str, room: str = "room-1", project: str = "proj-1") -> httpx.Response:
        return self.call("GET", f"{jobs_path(project, room)}/{job_id}")

    def stop(self, job_id: str, room: str = "room-1", project: str = "proj-1") -> httpx.Response:
        return self.call("POST", f"{jobs_path(project, room)}/{job_id}/stop")

    def command(
        self, job_id: str, body: Any, room: str = "room-1", project: str = "proj-1"
    ) -> httpx.Response:
        return self.call("POST", f"{jobs_path(project, room)}/{job_id}/command", json=body)

    def list(self, room: str = "room-1", **query: str | int) -> httpx.Response:
        return self.call("GET", jobs_path(room_id=room), params=query)

    def state(self, job_id: str, room: str = "room-1") -> str:
        response = self.show(job_id, room)
        assert response.status_code == 200, response.text
        return str(response.json()["state"])
