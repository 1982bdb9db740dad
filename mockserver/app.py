"""The mock as an ASGI app: route, authenticate, validate, then answer from the spec."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from mockserver import bodies
from mockserver.auth import Authenticator, AuthRequest, Credentials
from mockserver.responses import (
    NO_SUCH_API,
    bad_request,
    error_response,
    internal_error,
    json_response,
    parse_prefer,
    unauthorized,
)
from mockserver.spec import MockSpec, Operation
from mockserver.validation import (
    MAX_BODY_BYTES,
    BadRequest,
    check_body,
    check_content_type,
    check_parameters,
    parse_json,
)

logger = logging.getLogger("mockserver")

REQUEST_ID_HEADER = "X-Request-Id"


class _BodyTooLarge(Exception):
    pass


@dataclass(frozen=True)
class Rejected:
    """A request the mock refuses: at which stage, and the error response."""

    stage: str  # "route", "auth", "parameters", "content-type" or "body"
    response: Response


@dataclass(frozen=True)
class Accepted:
    """A valid request: its operation, path parameters, headers and parsed body."""

    operation: Operation
    path_params: dict[str, str]
    headers: dict[str, str]
    body: Any


class MockApp:
    """Serves every operation of a spec; bad requests get the API's own error envelope."""

    def __init__(
        self,
        spec: MockSpec,
        credentials: Credentials,
        *,
        seed: int = 0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.spec = spec
        self.seed = seed
        self._rng = random.Random(seed)
        self._clock = clock
        self._max_body_bytes = max_body_bytes
        self._auth = Authenticator(
            credentials, {name: s.header for name, s in spec.schemes.items()}, clock
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request_id = f"{self._rng.getrandbits(128):032x}"
        try:
            response = await self._handle(scope, receive)
        except Exception:
            # A bug in the mock, not in the request: logged here, never shown to the client.
            logger.exception("unexpected error serving %s %s", scope["method"], scope["path"])
            response = internal_error()
        response.headers[REQUEST_ID_HEADER] = request_id
        await response(scope, receive, send)

    async def _handle(self, scope: Scope, receive: Receive) -> Response:
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        query_string = scope.get("query_string", b"").decode("latin-1")
        target = raw_path + (f"?{query_string}" if query_string else "")
        headers = _headers(scope)
        routed = self._route(scope["method"], raw_path)
        if isinstance(routed, Rejected):
            return routed.response
        try:
            raw_body = await _read_body(receive, headers, self._max_body_bytes)
        except _BodyTooLarge:
            return self._too_large()
        verdict = self.judge(scope["method"], target, headers, raw_body)
        if isinstance(verdict, Rejected):
            return verdict.response
        return self._answer(verdict)

    def judge(
        self, method: str, target: str, headers: dict[str, str], raw_body: bytes
    ) -> Accepted | Rejected:
        """What the mock makes of a request, in the gateway's order: route, auth, parameters, body.

        `target` is the raw path with its query, `headers` has lower-case names. Pure apart from
        the clock: nothing is answered, no job id is drawn.
        """
        raw_path, _, query_string = target.partition("?")
        routed = self._route(method, raw_path)
        if isinstance(routed, Rejected):
            return routed
        operation, path_params = routed
        if len(raw_body) > self._max_body_bytes:
            return Rejected("body", self._too_large())
        if not self._auth.allows(
            operation.security, AuthRequest(method, target, headers, raw_body)
        ):
            return Rejected("auth", unauthorized())
        try:
            check_parameters(
                operation, path_params, parse_qsl(query_string, keep_blank_values=True), headers
            )
        except BadRequest as exc:
            return Rejected("parameters", bad_request(str(exc)))
        try:
            check_content_type(operation, headers.get("content-type"), raw_body)
        except BadRequest as exc:
            return Rejected("content-type", bad_request(str(exc)))
        try:
            body = parse_json(raw_body) if raw_body else None
            if raw_body:
                check_body(operation, body)
        except BadRequest as exc:
            return Rejected("body", bad_request(str(exc)))
        return Accepted(operation, path_params, headers, body)

    def _too_large(self) -> Response:
        return bad_request(f"body: larger than {self._max_body_bytes} bytes (maxBodySize)")

    def _route(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | Rejected:
        found = self.spec.find(raw_path)
        if found is None:
            message = f"The API does not exist: no path of the spec matches {raw_path}"
            return Rejected("route", error_response(404, NO_SUCH_API, message))
        route, path_params = found
        operation = route.operations.get(method)
        if operation is None:
            allow = ", ".join(sorted(route.operations))
            message = (
                f"The API does not exist: {method} is not allowed on {route.template}; use {allow}"
            )
            return Rejected("route", error_response(405, NO_SUCH_API, message, {"Allow": allow}))
        return operation, path_params

    def _answer(self, accepted: Accepted) -> Response:
        operation, path_params, headers, body = (
            accepted.operation,
            accepted.path_params,
            accepted.headers,
            accepted.body,
        )
        prefer = parse_prefer(headers.get("prefer"))
        status = operation.success.status
        if "code" in prefer:
            if not prefer["code"].isdigit() or int(prefer["code"]) not in operation.responses:
                documented = ", ".join(str(s) for s in sorted(operation.responses))
                return bad_request(
                    f"header Prefer: code={prefer['code']} is not a documented response of "
                    f"{operation.operation_id} (documented: {documented}) (prefer)"
                )
            status = int(prefer["code"])
        response = operation.responses[status]
        if "example" in prefer:
            if prefer["example"] not in response.examples:
                names = ", ".join(sorted(response.examples)) or "none"
                return bad_request(
                    f"header Prefer: example={prefer['example']} is not an example of the "
                    f"{status} response (examples: {names}) (prefer)"
                )
            return json_response(status, response.examples[prefer["example"]])
        if status == operation.success.status:
            return json_response(status, self._success_body(operation, path_params, headers, body))
        if response.examples:
            return json_response(status, next(iter(response.examples.values())))
        return json_response(
            status, self._success_body(operation, path_params, headers, body, response.schema)
        )

    def _success_body(
        self,
        operation: Operation,
        path_params: dict[str, str],
        headers: dict[str, str],
        body: Any,
        schema: Any = None,
    ) -> Any:
        builder = bodies.BUILDERS.get(operation.operation_id, bodies.from_schema)
        if schema is not None:
            builder = bodies.from_schema
        host = headers.get("host", "localhost")
        context = bodies.SuccessContext(
            rng=self._rng,
            document=self.spec.document,
            schema=schema if schema is not None else operation.success.schema,
            path_params=path_params,
            body=body,
            now=self._clock(),
            base_url=f"http://{host}",
        )
        return builder(context)


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
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
