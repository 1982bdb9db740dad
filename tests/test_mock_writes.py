"""The transport that joins one turn's writes (mockserver.writes): one write per turn of the event
loop, the bytes and their order kept; closing sends what is held, aborting drops it."""

from __future__ import annotations

import asyncio

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
