# Copied from templates/runtime/_exceptions.py by generator. Do not edit here: edit templates/runtime/_exceptions.py.
"""The SDK's exception tree.

    MetaStudioError
     ├── InvalidArgumentError        an argument breaks the spec (or is unusable): nothing was
     │                               sent; also a pydantic.ValidationError and a ValueError
     ├── APIConnectionError          the request got no HTTP answer
     │    └── APITimeoutError        ... because a timeout expired
     ├── ResponseValidationError     a 2xx answer that does not fit the spec: the request WAS
     │                               accepted (a live job may exist), so do not simply resend it
     ├── APIStatusError              the service answered with an error status
     │    ├── BadRequestError        400  (e.g. MSS.00000003 Invalid parameter)
     │    ├── AuthenticationError    401  (e.g. MSS.00000001 Unauthorized)
     │    ├── PermissionDeniedError  403  (e.g. APIGW.0302 Forbidden)
     │    ├── NotFoundError          404  (e.g. no such job)
     │    ├── RateLimitError         429  (after the retries: see _base_client)
     │    ├── InternalServerError    5xx  (e.g. MSS.00000004 Internal Error)
     │    └── UnexpectedStatusError  any other non-2xx status (408, 409, ...)
     ├── LifecycleError              a lifecycle helper (live_job, wait_for) could not do its job
     │    ├── StopNotConfirmedError  the stop of what a `with` block started was never confirmed:
     │    │                          it may still run (and bill); its id is in the message
     │    └── WaitTimeoutError       the awaited state was not reached in time; also a TimeoutError
     └── CallbackVerificationError   a callback you received is not shown to come from the service:
                                     its `reason` is missing, malformed, expired, replayed or
                                     bad signature

Every APIStatusError carries the HTTP status, the API's error_code and error_msg, and the
X-Request-Id. Messages never contain credentials or request bodies, and an
InvalidArgumentError's errors() and json() never carry the rejected values (a stream key, a
callback key) unless asked with include_input=True.
"""

from __future__ import annotations

import json
import typing
from typing import Any, Literal

import httpx
import pydantic
from pydantic_core import InitErrorDetails, PydanticCustomError
from pydantic_core.core_schema import ErrorType

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "CallbackVerificationError",
    "CallbackVerificationReason",
    "InternalServerError",
    "InvalidArgumentError",
    "LifecycleError",
    "MetaStudioError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "StopNotConfirmedError",
    "UnexpectedStatusError",
    "WaitTimeoutError",
]


_PYDANTIC_ERROR_TYPES = frozenset(typing.get_args(ErrorType))


class MetaStudioError(Exception):
    """Base of every error this SDK raises on purpose."""


class InvalidArgumentError(MetaStudioError, pydantic.ValidationError):
    """An argument is refused before anything is sent: it breaks the spec's constraints, or cannot
    travel (a header value that is not ASCII, an empty path parameter, a credential with a line
    break). One type for all of them: `except MetaStudioError`, `except pydantic.ValidationError`
    and `except ValueError` each catch it."""

    @classmethod
    def of(cls, title: str, location: tuple[str | int, ...], message: str) -> InvalidArgumentError:
        """One refused argument, e.g. of("Client", ("token",), "must be printable ASCII")."""
        error: InitErrorDetails = {
            "type": PydanticCustomError("invalid_argument", message),
            "loc": location,
            "input": None,
        }
        return cls.from_exception_data(title, [error], hide_input=True)

    @classmethod
    def from_validation_error(
        cls, exc: pydantic.ValidationError, title: str | None = None
    ) -> InvalidArgumentError:
        """The same errors, as this type (a rejected value is kept out of every rendering);
        `title` names what was validated when pydantic's own title would not (a union's)."""
        details: list[Any] = [
            # An error of a type of our own (a discriminator's) travels as a custom error.
            error
            if error["type"] in _PYDANTIC_ERROR_TYPES
            else {
                "type": PydanticCustomError(error["type"], error["msg"]),
                "loc": error["loc"],
                "input": error.get("input"),
            }
            for error in exc.errors(include_url=False)
        ]
        return cls.from_exception_data(title or exc.title, details, hide_input=True)

    def errors(  # the default keeps rejected values out
        self,
        *,
        include_url: bool = True,
        include_context: bool = True,
        include_input: bool = False,
    ) -> list[Any]:
        return list(
            super().errors(
                include_url=include_url,
                include_context=include_context,
                include_input=include_input,
            )
        )

    def json(  # the default keeps rejected values out
        self,
        *,
        indent: int | None = None,
        include_url: bool = True,
        include_context: bool = True,
        include_input: bool = False,
    ) -> str:
        return super().json(
            indent=indent,
            include_url=include_url,
            include_context=include_context,
            include_input=include_input,
        )


class APIConnectionError(MetaStudioError):
    """No HTTP answer: connection refused, DNS failure, reset, protocol error."""

    def __init__(self, message: str = "Connection error.") -> None:
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout expired."""

    def __init__(self, message: str = "Request timed out.") -> None:
        super().__init__(message)


class ResponseValidationError(MetaStudioError):
    """A success answer whose body does not fit the spec (or is not JSON).

    The service accepted the request: for a start, the billable live job probably exists. Check
    before sending again. `body` holds the raw answer; it is never part of the message.
    """

    def __init__(
        self, *, status_code: int, request_id: str | None, body: bytes, problem: str
    ) -> None:
        self.status_code = status_code
        self.request_id = request_id
        self.body = body
        super().__init__(
            f"HTTP {status_code} accepted the request, but the answer does not fit the spec "
            f"({problem}); request id {request_id or 'unknown'}"
        )


class APIStatusError(MetaStudioError):
    """The service answered with a status that is not 2xx."""

    status_code: int
    error_code: str | None
    error_msg: str | None
    request_id: str | None

    def __init__(
        self,
        *,
        status_code: int,
        error_code: str | None,
        error_msg: str | None,
        request_id: str | None,
    ) -> None:
        self.status_code = status_code
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        detail = ": ".join(part for part in (error_code, error_msg) if part) or "no error body"
        super().__init__(f"HTTP {status_code} ({detail}); request id {request_id or 'unknown'}")


class BadRequestError(APIStatusError):
    """400: the service rejected the request's parameters."""


class AuthenticationError(APIStatusError):
    """401: no credentials, or the token or signature was not accepted."""


class PermissionDeniedError(APIStatusError):
    """403: authenticated, but not allowed to do this (the account, the project or a policy)."""


class NotFoundError(APIStatusError):
    """404: no such resource (a job ID of another project or room, say), or no such API."""


class RateLimitError(APIStatusError):
    """429: too many requests; raised once the retry policy's retries are spent."""


class InternalServerError(APIStatusError):
    """5xx: the service failed."""


class UnexpectedStatusError(APIStatusError):
    """A non-2xx status without an exception of its own (408, 409, 418, ...)."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def status_error_type(status: int) -> type[APIStatusError]:
    """The exception an error status raises: its own class, InternalServerError for any 5xx,
    else UnexpectedStatusError."""
    if status >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status, UnexpectedStatusError)


def status_error_from_response(response: httpx.Response) -> APIStatusError:
    """Map an error response to the matching exception, reading the {error_code, error_msg} body."""
    error_code, error_msg = _error_fields(response.content)
    status = response.status_code
    return status_error_type(status)(
        status_code=status,
        error_code=error_code,
        error_msg=error_msg,
        request_id=response.headers.get("X-Request-Id"),
    )


def _error_fields(content: bytes) -> tuple[str | None, str | None]:
    try:
        body = json.loads(content)
    except ValueError:
        return None, None
    if not isinstance(body, dict):
        return None, None
    code, msg = body.get("error_code"), body.get("error_msg")
    return (code if isinstance(code, str) else None, msg if isinstance(msg, str) else None)


class LifecycleError(MetaStudioError):
    """A lifecycle helper could not do its job: the start named no id, or the job ended in a
    state that is not the one awaited. `id_name` and `id` say which job (an ID, never a secret)."""

    def __init__(self, message: str, *, id_name: str, id: object) -> None:
        self.id_name = id_name
        self.id = id
        super().__init__(message)


class StopNotConfirmedError(LifecycleError):
    """The stop of what a `with` block started was not confirmed within its attempts or deadline:
    the job may still be running, and billing. Stop it yourself (its id is in the message).

    `attempts` is how many stops were sent; `last_error` is the last one's error (its message is
    part of this one's). The block's own exception, if it raised one, is this one's __cause__.
    """

    def __init__(
        self, *, id_name: str, id: object, attempts: int, last_error: BaseException | None
    ) -> None:
        self.attempts = attempts
        self.last_error = last_error
        why = f"{type(last_error).__name__}: {last_error}" if last_error else "no answer"
        super().__init__(
            f"could not confirm the stop of {id_name} {id} after {attempts} attempt"
            f"{'s' if attempts != 1 else ''} ({why}); it may still be running: stop it yourself",
            id_name=id_name,
            id=id,
        )


class WaitTimeoutError(LifecycleError, TimeoutError):
    """The awaited state was not reached before the timeout; `state` is the last one seen."""

    def __init__(
        self, *, id_name: str, id: object, states: tuple[str, ...], state: object, timeout: float
    ) -> None:
        self.states = states
        self.state = state
        self.timeout = timeout
        super().__init__(
            f"{id_name} {id} did not reach {' or '.join(states)} within {timeout:g} s "
            f"(last state {state})",
            id_name=id_name,
            id=id,
        )


CallbackVerificationReason = Literal["missing", "malformed", "expired", "replayed", "bad signature"]


class CallbackVerificationError(MetaStudioError):
    """A received callback is not shown to come from the service; answer it 401 and drop it.

    `reason` is one of CallbackVerificationReason: "missing" (no signature or time), "malformed"
    (not the shape the scheme gives, or its body is not the callback's), "expired" (its time is
    outside the freshness window), "replayed" (its signature and time were already accepted),
    "bad signature". The message says where; it never holds the key or the expected signature.
    """

    def __init__(self, reason: CallbackVerificationReason, message: str) -> None:
        self.reason: CallbackVerificationReason = reason
        super().__init__(f"callback not verified ({reason}): {message}")
