"""The mock as an ASGI app: the stages route, authenticate, validate and answer, composed."""

from __future__ import annotations

import asyncio
import logging
import random
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO
from urllib.parse import parse_qsl

from starlette.types import Message, Receive, Scope, Send

from mockserver.accesslog import AccessLog
from mockserver.answers import Answers, ErrorAnswers
from mockserver.auth import Authenticator, Credentials
from mockserver.callbacks import CallbackSender, CallbackSettings
from mockserver.deadlines import task_deadlines
from mockserver.jobs import JobStore, MemoryJobStore
from mockserver.lifecycle import DEFAULT_PROCESSING_DELAY_SECONDS, Lifecycle, serves_jobs
from mockserver.responses import INVALID_PARAMETER, UNAUTHORIZED, Response, internal_error
from mockserver.routing import route
from mockserver.samples import Sampler
from mockserver.spec import MockSpec, Operation, lenient_spec
from mockserver.validation import (
    MAX_BODY_BYTES,
    BadRequest,
    check_content_type,
    check_parameters,
    parse_body,
)
from mockserver.verdicts import Accepted, Rejected, Stage
from mockserver.wire import WireRequest

__all__ = ["Accepted", "MockApp", "Rejected", "Stage", "lifespan"]

logger = logging.getLogger("mockserver")

REQUEST_ID_HEADER = "x-request-id"
BODY_TIMEOUT_SECONDS = 10.0
"""From the end of the headers to the last byte of the body."""


class _BodyTooLarge(Exception):
    pass


class MockApp:
    """Serves every operation of a spec; bad requests get the API's own error envelope.

    A spec with the smart-live operations (lifecycle.OPERATION_IDS) is served statefully, its
    jobs in `store` (in memory when None); `processing_delay` seconds from WAITING to PROCESSING;
    the first `fail_stops` StopSmartLive requests answer 503, and the first `fail_jobs` jobs started
    end FAILED when they would have turned PROCESSING. `lenient` judges requests as a laxer
    service would (spec.lenient_spec). A started job's live events are called back to its
    live_event_callback_config as `callback_settings` say (mockserver.callbacks); each answer
    is logged to the `access_log` stream when one is given (mockserver.accesslog).
    """

    def __init__(
        self,
        spec: MockSpec,
        credentials: Credentials,
        *,
        seed: int = 0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_body_bytes: int = MAX_BODY_BYTES,
        lenient: bool = False,
        store: JobStore | None = None,
        processing_delay: float = DEFAULT_PROCESSING_DELAY_SECONDS,
        fail_stops: int = 0,
        fail_jobs: int = 0,
        callback_settings: CallbackSettings | None = None,
        access_log: TextIO | None = None,
    ) -> None:
        if lenient:
            spec = lenient_spec(spec)
        self.spec = spec
        self.seed = seed
        self.access_log = (
            AccessLog(access_log, _query_keys(spec)) if access_log is not None else None
        )
        """Where each answer is logged (mockserver.accesslog); None: nowhere."""
        self._rng = random.Random(seed)
        self._clock = clock
        self._max_body_bytes = max_body_bytes
        self._auth = Authenticator(credentials, spec.schemes, clock)
        sampler = Sampler(spec.document)
        # Error bodies draw from their own generator, so that judging a request draws no job id.
        self._errors = ErrorAnswers(spec, sampler, random.Random(seed))
        self.callbacks = (
            CallbackSender.for_spec(spec, callback_settings or CallbackSettings())
            if serves_jobs(spec)
            else None
        )
        """The sender of the jobs' live-event callbacks (`deliveries()`, `wait_idle()`); None for
        a stateless spec, one without the LiveEventCallback callback, or when disabled."""
        if self.callbacks is not None:
            # An app dropped without close() must not leave its sender's thread running.
            weakref.finalize(self, self.callbacks.close_soon)
        self._store = store if store is not None else MemoryJobStore()
        self.lifecycle = Lifecycle.for_spec(
            spec,
            self._store,
            self._errors,
            processing_delay=processing_delay,
            fail_stops=fail_stops,
            fail_jobs=fail_jobs,
            observer=self.callbacks,
        )
        """The smart-live jobs' lifecycle; None for a spec without those operations (stateless)."""
        self.resumed_jobs = self.lifecycle.resume(clock()) if self.lifecycle is not None else 0
        """The jobs a store kept from before (a --state file) found not stopped, whose callbacks
        still to come the sender was told of (0 without a callback sender)."""
        self._answers = Answers(spec, sampler, self._rng, clock, self._errors, self.lifecycle)

    def close(self) -> None:
        """Write the access log's pending lines, stop the callback sender (its thread ends) and
        release the job store (an SQLite state file's connection)."""
        if self.access_log is not None:
            self.access_log.flush()
        if self.callbacks is not None:
            self.callbacks.close()
        self._store.close()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request_id = f"{self._rng.getrandbits(128):032x}"
        target = _target(scope)
        try:
            response = await self._handle(scope, target, receive)
        except Exception:
            # A bug in the mock, not in the request: logged here, never shown to the client.
            logger.exception("unexpected error serving %s %s", scope["method"], scope["path"])
            response = internal_error()
        response.headers[REQUEST_ID_HEADER] = request_id
        await response(scope, receive, send)
        if self.access_log is not None:
            client = scope.get("client")
            self.access_log.record(
                f"{client[0]}:{client[1]}" if client else "-",
                scope["method"],
                target,
                response.status_code,
                request_id,
            )

    async def _handle(self, scope: Scope, target: str, receive: Receive) -> Response:
        raw_path = target.partition("?")[0]
        headers = _headers(scope)
        routed = route(self.spec, scope["method"], raw_path, self._errors)
        if isinstance(routed, Rejected):
            return routed.response
        try:
            raw_body = await _read_body(receive, headers, self._max_body_bytes)
        except _BodyTooLarge:
            return self._too_large(routed[0])
        except TimeoutError:
            # A gateway does not wait forever for a body either (a slow client holds a worker).
            message = f"body: did not arrive within {BODY_TIMEOUT_SECONDS:g} s (timeout)"
            response = self._errors.error(408, INVALID_PARAMETER, message, routed[0])
            response.headers["connection"] = "close"
            return response
        request = WireRequest(scope["method"], target, headers, raw_body)
        verdict = self._judge_routed(request, routed)
        if isinstance(verdict, Rejected):
            return verdict.response
        return self._answers.answer(verdict, scope["method"])

    def judge(self, request: WireRequest) -> Accepted | Rejected:
        """What the mock makes of a request, in the gateway's order: route, auth, parameters, body.

        Pure apart from the clock: nothing is answered, no job id is drawn.
        """
        routed = route(self.spec, request.method, request.path, self._errors)
        if isinstance(routed, Rejected):
            return routed
        return self._judge_routed(request, routed)

    def _judge_routed(
        self, request: WireRequest, routed: tuple[Operation, dict[str, str]]
    ) -> Accepted | Rejected:
        # The headers as a dict of their own (a WireRequest from _handle has one already).
        headers = request.headers if type(request.headers) is dict else dict(request.headers)
        raw_body, query_string = request.body, request.query_string
        operation, path_params = routed
        if len(raw_body) > self._max_body_bytes:
            return Rejected(Stage.BODY, self._too_large(operation))
        if not self._auth.allows(operation.security, request):
            return Rejected(
                Stage.AUTH, self._errors.error(401, UNAUTHORIZED, "Unauthorized", operation)
            )
        try:
            query = check_parameters(
                operation,
                path_params,
                parse_qsl(query_string, keep_blank_values=True) if query_string else [],
                headers,
            )
        except BadRequest as exc:
            return Rejected(Stage.PARAMETERS, self._errors.bad_request(str(exc), operation))
        content_type = headers.get("content-type", "")
        try:
            media = check_content_type(operation, content_type, raw_body)
        except BadRequest as exc:
            return Rejected(Stage.CONTENT_TYPE, self._errors.bad_request(str(exc), operation))
        try:
            body = parse_body(media, content_type, raw_body) if media is not None else None
        except BadRequest as exc:
            return Rejected(Stage.BODY, self._errors.bad_request(str(exc), operation))
        return Accepted(operation, path_params, headers, body, query)

    def _too_large(self, operation: Operation) -> Response:
        return self._errors.bad_request(
            f"body: larger than {self._max_body_bytes} bytes (maxBodySize)", operation
        )


def _query_keys(spec: MockSpec) -> list[str]:
    """The query parameters that carry an api key: the access log hides their values."""
    return [s.parameter for s in spec.schemes.values() if s.location == "query"]


def _target(scope: Scope) -> str:
    """The raw path and query, still percent-encoded."""
    raw_path: str = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
    query_string: str = scope.get("query_string", b"").decode("latin-1")
    return raw_path + (f"?{query_string}" if query_string else "")


def _headers(scope: Scope) -> dict[str, str]:
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1").lower()
        value = _header_text(raw_value)
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _header_text(raw: bytes) -> str:
    # Clients that send non-ASCII header values (X-App-UserId) send UTF-8; Latin-1 otherwise, as
    # HTTP/1.1 defines, so that every byte sequence still has a reading.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


async def _read_body(receive: Receive, headers: dict[str, str], limit: int) -> bytes:
    """The request's body; TimeoutError when it has not all come within BODY_TIMEOUT_SECONDS."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _BodyTooLarge
    # What asyncio.timeout does, with no timer of its own (mockserver.deadlines): as there, a
    # cancellation that is not the deadline's is passed on.
    task = asyncio.current_task()
    assert task is not None  # reason: called from the request's task
    deadlines = task_deadlines(task.get_loop())
    deadlines.watch(task, BODY_TIMEOUT_SECONDS)
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _BodyTooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
    except asyncio.CancelledError:
        if deadlines.release(task) and task.uncancel() == 0:
            raise TimeoutError from None
        raise
    finally:
        deadlines.release(task)
    return b"".join(chunks)  # one chunk (most bodies) is returned as it is, not copied


async def lifespan(receive: Receive, send: Send) -> None:
    """Complete the server's start-up and shut-down: nothing is to be done at either (the mock's
    own resources are released by `MockApp.close`). The benchmarks' servers answer it too."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
