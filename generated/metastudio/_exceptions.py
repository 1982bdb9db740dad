# Copied from templates/runtime/_exceptions.py by generator. Do not edit here: edit templates/runtime/_exceptions.py.
"""The SDK's exception tree.

    MetaStudioError
     ├── InvalidArgumentError        an argument breaks the spec (or is unusable): nothing was
     │                               sent; also a pydantic.ValidationError and a ValueError
     ├── APIConnectionError          the request got no HTTP answer
     │    └── APITimeoutError        ... because a timeout expired
     ├── ResponseValidationError     a 2xx answer that does not fit the spec: the request WAS
     │                               accepted (a live job may exist), so do not simply resend it
     └── APIStatusError              the service answered with an error status
          ├── BadRequestError        400  (e.g. MSS.00000003 Invalid parameter)
          ├── AuthenticationError    401  (e.g. MSS.00000001 Unauthorized)
          ├── InternalServerError    5xx  (e.g. MSS.00000004 Internal Error)
          └── UnexpectedStatusError  any other non-2xx status, 429 included

Every APIStatusError carries the HTTP status, the API's error_code and error_msg, and the
X-Request-Id. Messages never contain credentials or request bodies, and an
InvalidArgumentError's errors() and json() never carry the rejected values (a stream key, a
callback key) unless asked with include_input=True.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pydantic
from pydantic_core import InitErrorDetails, PydanticCustomError

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "InternalServerError",
    "InvalidArgumentError",
    "MetaStudioError",
    "ResponseValidationError",
    "UnexpectedStatusError",
]


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
    def from_validation_error(cls, exc: pydantic.ValidationError) -> InvalidArgumentError:
        """The same errors, as this type (a rejected value is kept out of every rendering)."""
        details: list[Any] = exc.errors(include_url=False)
        return cls.from_exception_data(exc.title, details, hide_input=True)

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


class InternalServerError(APIStatusError):
    """5xx: the service failed."""


class UnexpectedStatusError(APIStatusError):
    """A status the spec does not document for the operation (429, 403, 404, ...)."""


def status_error_from_response(response: httpx.Response) -> APIStatusError:
    """Map an error response to the matching exception, reading the {error_code, error_msg} body."""
    error_code, error_msg = _error_fields(response.content)
    status = response.status_code
    cls: type[APIStatusError]
    if status == 400:
        cls = BadRequestError
    elif status == 401:
        cls = AuthenticationError
    elif status >= 500:
        cls = InternalServerError
    else:
        cls = UnexpectedStatusError
    return cls(
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
