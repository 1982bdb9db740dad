"""The answer stage: which documented response a request gets, and its body (errors included)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from mockserver import bodies
from mockserver.responses import INVALID_PARAMETER, Response, json_response, parse_prefer
from mockserver.samples import Sampler
from mockserver.spec import BODILESS_STATUSES, MockSpec, Operation, ResponseSpec, json_media
from mockserver.verdicts import Accepted

# Properties of a declared error schema that carry the message or the status, in order of
# likelihood: RFC 9457 problem details, the common `{code, message}`, Huawei's own envelope.
_MESSAGE_KEYS = ("error_msg", "message", "detail", "msg", "error_description", "title", "error")
_CODE_KEYS = ("error_code", "code", "status", "statusCode", "status_code")


class ErrorAnswers:
    """Error bodies valid against what the spec declares for the status, else the API's envelope."""

    def __init__(self, spec: MockSpec, sampler: Sampler, rng: random.Random) -> None:
        self._spec = spec
        self._sampler = sampler
        self._rng = rng

    def error(
        self,
        status: int,
        code: str,
        message: str,
        operation: Operation | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """The error answer for `status`: `{"error_code": code, "error_msg": message}` unless the
        operation (or every operation of the spec) declares another JSON shape for it."""
        declared = (
            operation.response_for(status) if operation is not None else None
        ) or self._spec.error_response(status)
        body = self.body(declared, status, code, message)
        media = (
            declared.media_type
            if declared is not None and json_media(declared.media_type)
            else None
        )
        return json_response(status, body, headers, media_type=media or "application/json")

    def bad_request(self, message: str, operation: Operation | None = None) -> Response:
        """400 MSS.00000003; `message` names the field and the rule."""
        return self.error(400, INVALID_PARAMETER, f"Invalid parameter: {message}", operation)

    def body(self, declared: ResponseSpec | None, status: int, code: str, message: str) -> Any:
        """The body of an error answer (see `error`)."""
        envelope = {"error_code": code, "error_msg": message}
        if declared is None or declared.schema is None or not json_media(declared.media_type):
            return envelope
        schema = declared.schema
        if self._sampler.valid(schema, envelope):
            return envelope
        candidates = [*declared.examples.values(), self._sampler.sample(schema, self._rng)]
        for candidate in candidates:
            if self._sampler.valid(schema, candidate):
                return self._filled(schema, candidate, status, message)
        return envelope

    def _filled(self, schema: Any, base: Any, status: int, message: str) -> Any:
        if not isinstance(base, dict):
            return base
        declared = {*base, *self._sampler.properties(schema)}
        for key in (k for k in _MESSAGE_KEYS if k in declared):
            candidate = {**base, key: message}
            if self._sampler.valid(schema, candidate):
                base = candidate
                break
        for key in (k for k in _CODE_KEYS if k in base):
            for value in (status, str(status)):
                candidate = {**base, key: value}
                if self._sampler.valid(schema, candidate):
                    return candidate
        return base


THROTTLED = "429"
_HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
)
_STATUS = re.compile(r"[1-5][0-9][0-9]")
_SECONDS = re.compile(r"[0-9]{1,4}")


class StatefulAnswers(Protocol):
    """Answers some operations from what earlier requests did (mockserver.lifecycle)."""

    def answer(self, accepted: Accepted, context: bodies.SuccessContext) -> Response | None:
        """The answer, or None for an operation it does not keep state for."""
        ...


class Answers:
    """Answers accepted requests: Prefer (code=, example=), else the stateful answer where there is
    one, else the operation's answer status with a seeded body (request-shaped for the operations
    in bodies.BUILDERS)."""

    def __init__(
        self,
        spec: MockSpec,
        sampler: Sampler,
        rng: random.Random,
        clock: Callable[[], datetime],
        errors: ErrorAnswers,
        stateful: StatefulAnswers | None = None,
    ) -> None:
        self._spec = spec
        self._sampler = sampler
        self._rng = rng
        self._clock = clock
        self._errors = errors
        self._stateful = stateful

    def _throttled(self, operation: Operation, prefer: Mapping[str, str]) -> Response:
        # 429 is the gateway's answer to any operation (its rate limit), documented or not; the
        # only status the SDK retries, so a test of the retry policy needs the mock to give it.
        # APIG.0308 is the gateway's code for a throttled request.
        after = prefer.get("retry-after", "1")
        if not _SECONDS.fullmatch(after):
            return self._errors.bad_request(
                f"header Prefer: retry-after={after} is not a number of seconds (prefer)",
                operation,
            )
        return self._errors.error(
            429,
            "APIG.0308",
            "The throttling threshold has been reached",
            operation,
            {"Retry-After": after},
        )

    def answer(self, accepted: Accepted, method: str) -> Response:
        """The response to a valid request."""
        operation, headers = accepted.operation, accepted.headers
        prefer = parse_prefer(headers.get("prefer"))
        status, response = operation.answer
        answer_status = status
        code = prefer.get("code", "")
        if code == THROTTLED:
            return self._throttled(operation, prefer)
        if self._stateful is not None and "code" not in prefer and "example" not in prefer:
            # A forced code or example is answered as documented and changes no state.
            stateful = self._stateful.answer(accepted, self._context(accepted, response))
            if stateful is not None:
                return stateful
        if "code" in prefer:
            # ASCII digits only: "²".isdigit() is true, and int("²") fails.
            chosen = operation.response_for(int(code)) if _STATUS.fullmatch(code) else None
            if chosen is None:
                documented = ", ".join(r.status for r in operation.responses)
                return self._errors.bad_request(
                    f"header Prefer: code={prefer['code']} is not a documented response of "
                    f"{operation.operation_id} (documented: {documented}) (prefer)",
                    operation,
                )
            status, response = int(prefer["code"]), chosen
        if "example" in prefer and prefer["example"] not in response.examples:
            names = ", ".join(sorted(response.examples)) or "none"
            return self._errors.bad_request(
                f"header Prefer: example={prefer['example']} is not an example of the "
                f"{status} response (examples: {names}) (prefer)",
                operation,
            )
        if method == "HEAD" or status in BODILESS_STATUSES or response.media_type is None:
            # No body and no Content-Type at all: a 204 with a body is a protocol error.
            return Response(status_code=status)
        if "example" in prefer:
            return self._render(status, response, response.examples[prefer["example"]])
        if status != answer_status and response.examples:
            return self._render(status, response, next(iter(response.examples.values())))
        builder = bodies.BUILDERS.get(operation.operation_id, bodies.from_schema)
        if status != answer_status:
            builder = bodies.from_schema
        return self._render(status, response, builder(self._context(accepted, response)))

    def _context(self, accepted: Accepted, response: ResponseSpec) -> bodies.SuccessContext:
        host = accepted.headers.get("host", "")
        if not _HOST.fullmatch(host):
            host = "localhost"  # a duplicate or odd Host is never reflected into an answer
        return bodies.SuccessContext(
            rng=self._rng,
            document=self._spec.document,
            schema=response.schema,
            path_params=accepted.path_params,
            body=accepted.body,
            now=self._clock(),
            base_url=f"http://{host}",
            sampler=self._sampler,
        )

    def _render(self, status: int, response: ResponseSpec, body: Any) -> Response:
        media_type = response.media_type or "application/json"
        if json_media(media_type):
            return json_response(status, body, media_type=media_type)
        if isinstance(body, bytes):
            content = body
        elif isinstance(body, str):
            content = body.encode()
        else:
            # A non-JSON type (XML, images) whose value the mock cannot write: an empty body.
            content = b""
        return Response(content, status_code=status, media_type=media_type)
