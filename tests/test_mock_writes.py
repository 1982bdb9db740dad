"""The transport that joins one turn's writes (mockserver.writes): one write per turn of the event
loop, the bytes and their order kept; closing sends what is held, aborting drops it. And the
protocol over it: an answer goes out once complete when no other request is in flight, else at the
turn's end with the others."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.server import ServerState

from mockserver.protocol import EnvelopeHttpToolsProtocol
from mockserver.writes import CoalescedWrites


class _Recorder(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[object] = []
        self.closing = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.events.append(bytes(data))

    def close(self) -> None:
        self.closing = True
        self.events.append("close")

    def abort(self) -> None:
        self.closing = True
        self.events.append("abort")

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return 0


def test_the_writes_of_one_turn_go_out_as_one_write_in_order() -> None:
    async def run() -> list[object]:
        inner = _Recorder()
        writes = CoalescedWrites(inner, asyncio.get_running_loop())
        parts = [b"HTTP/1.1 202 Accepted\r\n\r\n", b'{"job_id":', b'"j"}']
        writes.write(parts[0])
        writes.write(bytearray(parts[1]))
        writes.write(memoryview(parts[2]))
        assert inner.events == [] and writes.get_write_buffer_size() == len(b"".join(parts))
        await asyncio.sleep(0)
        writes.write(b"next turn")
        await asyncio.sleep(0)
        return inner.events

    assert asyncio.run(run()) == [b'HTTP/1.1 202 Accepted\r\n\r\n{"job_id":"j"}', b"next turn"]


def test_closing_sends_what_is_held_first_and_aborting_drops_it() -> None:
    async def run() -> tuple[list[object], list[object]]:
        loop = asyncio.get_running_loop()
        closed, aborted = _Recorder(), _Recorder()
        for inner in (closed, aborted):
            writes = CoalescedWrites(inner, loop)
            writes.write(b"head")
            writes.write(b"body")
            writes.close() if inner is closed else writes.abort()
        await asyncio.sleep(0)  # the flush scheduled for the turn's end finds nothing more
        return closed.events, aborted.events

    closed, aborted = asyncio.run(run())
    assert closed == [b"headbody", "close"]
    assert aborted == ["abort"]


def test_nothing_is_written_to_a_transport_that_is_closing() -> None:
    async def run() -> list[object]:
        inner = _Recorder()
        writes = CoalescedWrites(inner, asyncio.get_running_loop())
        writes.write(b"late")
        inner.closing = True  # the peer went away meanwhile
        await asyncio.sleep(0)
        return inner.events

    assert asyncio.run(run()) == []


class _Connection(_Recorder):
    """A recorder a protocol can be connected to: reading is paused and resumed as asked."""

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


REQUEST = b"GET /answer HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def _connected(app: Any, connections: int) -> list[tuple[EnvelopeHttpToolsProtocol, _Connection]]:
    """`connections` connections of one server on the mock's protocol to `app`, on the running
    loop, each with the recorder under its writes."""
    config = uvicorn.Config(app, http=EnvelopeHttpToolsProtocol, lifespan="off", access_log=False)
    config.load()
    state = ServerState()
    pairs = []
    for _ in range(connections):
        protocol = EnvelopeHttpToolsProtocol(config, state, {}, asyncio.get_running_loop())
        transport = _Connection()
        protocol.connection_made(transport)
        pairs.append((protocol, transport))
    return pairs


def _answering(record: Callable[[], None]) -> Any:
    """An ASGI app that answers 200 "ok" and then calls `record`."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", b"2")],
                }
            )
            await send({"type": "http.response.body", "body": b"ok"})
            record()

    return app


async def _turns(count: int) -> None:
    for _ in range(count):
        await asyncio.sleep(0)


def test_an_answer_with_no_other_request_in_flight_goes_out_when_it_is_complete() -> None:
    seen: list[list[object]] = []

    async def run() -> None:
        pairs = _connected(_answering(lambda: seen.append(list(pairs[0][1].events))), 1)
        pairs[0][0].data_received(REQUEST)
        await _turns(3)

    asyncio.run(run())
    assert len(seen) == 1 and len(seen[0]) == 1, seen  # written before the app's task ended
    (answer,) = seen[0]
    assert isinstance(answer, bytes)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and answer.endswith(b"\r\n\r\nok")


def test_answers_with_other_requests_in_flight_leave_together_at_the_turns_end() -> None:
    seen: list[list[list[object]]] = []
    after: list[list[object]] = []

    async def run() -> None:
        pairs = _connected(_answering(lambda: seen.append([list(t.events) for _, t in pairs])), 2)
        for protocol, _ in pairs:
            protocol.data_received(REQUEST)
        await _turns(3)
        after.extend(list(t.events) for _, t in pairs)

    asyncio.run(run())
    assert seen == [[[], []], [[], []]]  # neither was written while the other was in flight
    assert [len(events) for events in after] == [1, 1]  # then each as one write
    assert all(isinstance(e, bytes) and e.endswith(b"\r\n\r\nok") for (e,) in after)
