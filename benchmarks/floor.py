"""The floor: a bare ASGI app answering a fixed, valid start (202), served as the mock is served."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from starlette.types import Receive, Scope, Send

from mockserver.app import lifespan
from mockserver.background import serve, serving_module

ANSWER = json.dumps(
    {
        "job_id": "7b2b4ac5-9e23-4e17-a1e7-1cd0a0a6a6b0",
        "room_id": "bench-room",
        "live_event_report_url": "wss://127.0.0.1/bench",
    },
    separators=(",", ":"),
).encode()
HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(ANSWER)).encode()),
    (b"x-request-id", b"0" * 32),
]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    """Read the request's body, answer ANSWER: the least any server of this stack can do."""
    if scope["type"] == "lifespan":
        await lifespan(receive, send)
        return
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False) and message["type"] == "http.request"
    await send({"type": "http.response.start", "status": 202, "headers": HEADERS})
    await send({"type": "http.response.body", "body": ANSWER})


@contextmanager
def running_floor() -> Iterator[tuple[str, int]]:
    """The floor in its own process on a free loopback port; yields (base URL, pid)."""
    with serving_module("benchmarks.floor") as served:
        yield served


def main(port: Annotated[int, typer.Option(help="Loopback port.")] = 4011) -> None:
    """Serve the floor on 127.0.0.1."""
    serve(app, "127.0.0.1", port)


if __name__ == "__main__":
    typer.run(main)
