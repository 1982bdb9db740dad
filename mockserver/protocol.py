"""uvicorn's HTTP protocol with a gateway's limits, answering unparseable or oversized HTTP and slow
clients in the API's envelope instead of plain text (or not at all)."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from mockserver.deadlines import Deadline
from mockserver.responses import INVALID_PARAMETER
from mockserver.writes import CoalescedWrites

# Why a subclass: a request that is not HTTP never reaches the ASGI app; uvicorn answers it itself
# with a text/plain 400, a framework page. And uvicorn sets no limit on the size or number of
# request headers, nor a time by which they must have arrived: 12 connections sending 8 MiB of
# headers took the server from 86 to 200 MB, and a client that connects and sends nothing (or one
# byte a minute) holds its connection forever. The parser callbacks are where both can be seen, so
# this keeps uvicorn's connection handling and adds what a gateway does (nginx's defaults are of
# the same order: 8 KiB a header line, 32 KiB in all, 60 s to send them).

MAX_HEADER_BYTES = 64 * 1024
"""The request line and all header names and values together."""
MAX_HEADERS = 100
HEADER_TIMEOUT_SECONDS = 10.0
"""From the connection (or the end of the previous answer) to the last header of the request."""


class _ExplainParserErrors(logging.Filter):
    """uvicorn logs "Invalid HTTP request received." for every refused connection, with no word of
    what happened to it; `make fuzz` printed it unexplained. Say what the mock did."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage() == "Invalid HTTP request received.":
            record.msg = (
                "refused bytes that are not a valid HTTP/1.1 request (or over the header limits): "
                "answered in the API's error envelope and closed; fuzzing sends such on purpose"
            )
            record.args = ()
        return True


logging.getLogger("uvicorn.error").addFilter(_ExplainParserErrors())


class _Refused(Exception):
    """Raised inside a parser callback: httptools stops parsing, uvicorn calls send_400_response."""


class EnvelopeHttpToolsProtocol(HttpToolsProtocol):
    """httptools protocol whose parser-level answers are `{"error_code": ..., "error_msg": ...}`,
    with limits on header size, header count and the time headers may take. Its writes of one turn
    of the event loop go out as one (mockserver.writes), or at once when the answer is complete
    and no other request is in flight, and its time limits cost no timer per request
    (mockserver.deadlines)."""

    _refusal: tuple[int, str] | None = None
    _deferred: tuple[int, str] | None = None
    _header_bytes = 0
    _headers: Deadline
    """The last header of the request awaited must have come by then (HEADER_TIMEOUT_SECONDS)."""
    _idle: Deadline
    """uvicorn's keep-alive wait: an idle connection is closed once it passes (uvicorn's handler
    and its timeout_keep_alive; uvicorn's own timer was made and cancelled for every request)."""
    _writes: CoalescedWrites
    """The connection's transport as uvicorn writes to it (its `transport`)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # reason: uvicorn narrows BaseTransport the same way
        self._writes = CoalescedWrites(transport, self.loop)
        super().connection_made(self._writes)
        self._headers = Deadline(self.loop, self._headers_too_slow)
        self._idle = Deadline(self.loop, self.timeout_keep_alive_handler)
        self._headers.set(HEADER_TIMEOUT_SECONDS)

    def connection_lost(self, exc: Exception | None) -> None:
        self._headers.close()
        self._idle.close()
        super().connection_lost(exc)

    def _unset_keepalive_if_required(self) -> None:
        self._idle.clear()  # uvicorn calls it where a request's bytes or the connection's end come

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        if not self._headers.pending:
            self._headers.set(HEADER_TIMEOUT_SECONDS)

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._header_bytes += len(url)
        if self._header_bytes > MAX_HEADER_BYTES:
            self._refuse_size()

    def on_header(self, name: bytes, value: bytes) -> None:
        # Every header of every request comes here: the checks are inline, not a method call.
        super().on_header(name, value)
        self._header_bytes += len(name) + len(value)
        if self._header_bytes > MAX_HEADER_BYTES:
            self._refuse_size()
        if len(self.headers) > MAX_HEADERS:
            self._refuse(431, f"the request has more than {MAX_HEADERS} headers")

    def on_headers_complete(self) -> None:
        self._headers.clear()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        if len(self.server_state.tasks) == 1:
            # The only request in flight (this one): its answer goes out now, for its client is
            # all that waits. With others in flight it leaves at the turn's end with theirs, so
            # that their clients' next requests come together and are served in one turn. The
            # flush the first write scheduled stays: it sends what a streamed answer or a 100
            # Continue writes with no completion after it, and finds nothing here.
            self._writes.flush()
        self._after_response()
        if self._deferred is not None and not self._busy():
            self._send_envelope(*self._deferred)
        elif not self.transport.is_closing():
            self._headers.set(HEADER_TIMEOUT_SECONDS)  # the next request has its own limit

    def _after_response(self) -> None:
        # uvicorn 0.54's on_response_complete, word for word but for its keep-alive timer.
        self.server_state.total_requests += 1
        if self.transport.is_closing():
            return
        self._idle.clear()
        self.flow.resume_reading()
        if self.pipeline:
            cycle, app = self.pipeline.pop()
            self._start_asgi_task(cycle, app)
        else:
            self._idle.set(self.timeout_keep_alive)

    def send_400_response(self, msg: str) -> None:
        status, message = self._refusal or (400, f"Invalid parameter: {msg} (http)")
        if self._busy():
            # Requests pipelined before the bad one are answered first, in order; closing now
            # would drop answers to requests the app already ran.
            self._deferred = (status, message)
            self.flow.pause_reading()
            return
        self._send_envelope(status, message)

    def _busy(self) -> bool:
        in_flight = self.cycle is not None and not self.cycle.response_complete
        return in_flight or bool(self.pipeline)

    def _refuse_size(self) -> None:
        self._refuse(431, f"the request line and headers are over {MAX_HEADER_BYTES} bytes")

    def _refuse(self, status: int, message: str) -> None:
        self._refusal = (status, f"Invalid parameter: {message} (http)")
        raise _Refused(message)

    def _headers_too_slow(self) -> None:
        if self.transport.is_closing():
            return
        message = f"the request headers did not arrive within {HEADER_TIMEOUT_SECONDS:g} s"
        self._send_envelope(408, f"Invalid parameter: {message} (http)")

    def _send_envelope(self, status: int, message: str) -> None:
        body = json.dumps({"error_code": INVALID_PARAMETER, "error_msg": message}).encode()
        content = [STATUS_LINE[status]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: application/json\r\n",
                b"x-request-id: " + secrets.token_hex(16).encode() + b"\r\n",
                b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                b"connection: close\r\n",
                b"\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()
