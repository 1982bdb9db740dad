"""The HTTP machinery shared by every resource: base URL, auth, timeouts, safe retries, errors.

Retry policy, per operation. Starting a smart live job creates a billable live stream, so a request
that is not idempotent and that the service may have received is never sent again. Every request
is retried (up to ``RetryPolicy.max_retries`` times, with exponential back-off) when:

* the connection could not be made (connection refused, DNS failure, connect timeout): no byte of
  the request left this process, so the service cannot have seen it;
* HTTP 429 Too Many Requests: the service says it did not process the request. Its Retry-After
  (seconds) is honoured, up to ``RetryPolicy.max_delay``; otherwise the delay grows exponentially.

An idempotent request (its method is GET, HEAD, OPTIONS, TRACE, PUT or DELETE, or the spec marks
the operation ``x-idempotent: true``, as it does StopSmartLive) has the same effect however often
it arrives, so it is also retried on a 5xx answer (Retry-After honoured the same way) and when the
answer was lost: a read, write or pool timeout, a reset connection, a connection closed before the
answer. For any other request (a start, a command) those failures raise at once, and the caller
decides (for a start, by asking the service whether the job exists).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
import pydantic

from ._base_model import BaseModel, EmptyResult
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    ResponseValidationError,
    status_error_from_response,
)
from ._types import NotGiven, Timeout

__all__ = ["AsyncAPIClient", "PreparedRequest", "RetryPolicy", "SyncAPIClient"]

log = logging.getLogger("metastudio")

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
ModelT = TypeVar("ModelT", bound=BaseModel)

# Exceptions raised before any byte of the request was written: provably not received.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout)
# Exceptions after which the service may have received the request, but no answer came: a request
# is sent again after one of them only when it is idempotent. (Not LocalProtocolError: the request
# itself is malformed, and would be again.)
_ANSWER_LOST = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry what provably did not reach the service."""

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    jitter: float = 0.25

    def delay(self, attempt: int, response: httpx.Response | None) -> float:
        """Seconds to wait before retry number `attempt` (1-based)."""
        if response is not None:
            retry_after = _retry_after_seconds(response)
            if retry_after is not None:
                return min(retry_after, self.max_delay)
        base: float = min(self.initial_delay * 2.0 ** (attempt - 1), self.max_delay)
        return base * (1.0 - self.jitter * random.random())


def _retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


@dataclass(frozen=True)
class PreparedRequest:
    """One API call as resources describe it, before auth and sending: everything the spec can put
    on the wire (one of json_body, form, files or content carries the body)."""

    method: str
    path: str
    headers: Mapping[str, str]
    json_body: Any
    timeout: Timeout | NotGiven
    params: Sequence[tuple[str, str]] = ()
    form: Mapping[str, str | list[str]] | None = None
    files: Mapping[str, tuple[str, bytes]] | None = None
    content: bytes | None = None
    security: tuple[tuple[str, ...], ...] = ()
    """The operation's security requirements (alternatives of scheme names), for SchemeAuth."""
    idempotent: bool = False
    """Whether sending it twice has the effect of sending it once: then a 5xx answer or a lost
    answer is retried too (see the module's docstring)."""


class _BaseClient:
    def __init__(
        self,
        *,
        base_url: str,
        auth: httpx.Auth,
        timeout: Timeout,
        retry: RetryPolicy,
    ) -> None:
        if not base_url.startswith(("https://", "http://")):
            raise ValueError(f"base_url must be an http(s) URL, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry
        self._auth = auth
        # The clock the lifecycle helpers measure deadlines with (tests replace it, and _sleep).
        self._clock: Callable[[], float] = time.monotonic

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self._auth!r})"

    def _build(self, http: httpx.Client | httpx.AsyncClient, req: PreparedRequest) -> httpx.Request:
        # What http.build_request does, but with the URL parsed once for all calls to it (_url):
        # build_request parses its URL string anew, and httpx's parser (pure Python, checking
        # every character) took a quarter of a call to a server that answers at once. The http
        # client's own headers, cookies and query parameters are merged in as build_request does.
        timeout = self.timeout if isinstance(req.timeout, NotGiven) else req.timeout
        query = "?" + encode_query(req.params) if req.params else ""
        headers = httpx.Headers(http.headers)
        headers.update(req.headers)
        extensions: dict[str, Any] = {"timeout": httpx.Timeout(timeout).as_dict()}
        if req.security:
            extensions["security"] = req.security
        return httpx.Request(
            req.method,
            _url(self.base_url + req.path + query),
            params=http.params or None,
            headers=headers,
            cookies=http.cookies or None,
            json=req.json_body,
            data=req.form,
            files=req.files,
            content=req.content,
            extensions=extensions,
        )

    def _should_retry(
        self, req: PreparedRequest, attempt: int, response: httpx.Response | None
    ) -> bool:
        """Whether to send `req` again after attempt number `attempt` got `response` (None: an
        exception the caller has already judged retryable)."""
        if attempt > self.retry.max_retries:
            return False
        if response is None:
            return True
        status = response.status_code
        return status == 429 or (req.idempotent and status >= 500)

    def _parse_as(self, response: httpx.Response, results: Mapping[int, Any]) -> Any:
        """The body parsed as the type its status has in `results` (None: no body, EmptyResult;
        bytes: the raw body); an undocumented 2xx as the first documented type."""
        result_type = results.get(response.status_code, next(iter(results.values()), None))
        if result_type is None:
            return self._parse(response, EmptyResult)
        if isinstance(result_type, type) and issubclass(result_type, BaseModel):
            return self._parse(response, result_type)
        self._log(response)
        if not response.is_success:
            raise status_error_from_response(response)
        if result_type is bytes:
            return response.content
        try:
            return pydantic.TypeAdapter(result_type).validate_json(response.content)
        except pydantic.ValidationError as exc:
            raise _response_validation_error(response, exc) from None

    def _log(self, response: httpx.Response) -> None:
        if not log.isEnabledFor(logging.DEBUG):
            return  # the arguments below cost more than the call, when nobody listens
        log.debug(
            "%s %s -> %s (request id %s)",
            response.request.method,
            response.request.url.path,
            response.status_code,
            response.headers.get("X-Request-Id"),
        )

    def _parse(self, response: httpx.Response, result_type: type[ModelT]) -> ModelT:
        request_id = response.headers.get("X-Request-Id")
        self._log(response)
        if not response.is_success:
            raise status_error_from_response(response)
        try:
            result = result_type.model_validate_json(response.content or b"{}")
        except pydantic.ValidationError as exc:
            raise _response_validation_error(response, exc) from None
        result._request_id = request_id
        return result


class SyncAPIClient(_BaseClient):
    """Sends requests with an httpx.Client."""

    def __init__(
        self,
        *,
        base_url: str,
        auth: httpx.Auth,
        timeout: Timeout,
        retry: RetryPolicy,
        http_client: httpx.Client | None,
        transport: httpx.BaseTransport | None,
    ) -> None:
        super().__init__(base_url=base_url, auth=auth, timeout=timeout, retry=retry)
        self._http = http_client or httpx.Client(transport=transport)
        self._owns_http = http_client is None
        self._sleep: Callable[[float], None] = time.sleep

    def close(self) -> None:
        """Close the connection pool, unless it is an http_client the caller passed and owns."""
        if self._owns_http:
            self._http.close()

    def request(self, req: PreparedRequest, result_type: type[ModelT]) -> ModelT:
        """Send `req`, retrying what is safe to retry (the module's docstring); parse the answer."""
        return self._parse(self._send(req), result_type)

    def request_as(self, req: PreparedRequest, results: Mapping[int, Any]) -> Any:
        """Send `req` as `request` does; parse the answer as the type its status has in `results`."""
        return self._parse_as(self._send(req), results)

    def _send(self, req: PreparedRequest) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            response: httpx.Response | None = None
            try:
                response = self._http.send(self._build(self._http, req), auth=self._auth)
            except _NOT_SENT as exc:
                if not self._should_retry(req, attempt, None):
                    raise _connection_error(exc) from exc
            except _ANSWER_LOST as exc:
                if not (req.idempotent and self._should_retry(req, attempt, None)):
                    raise _connection_error(exc) from _cause(exc)
            except httpx.TransportError as exc:
                raise _connection_error(exc) from _cause(exc)
            if response is not None and not self._should_retry(req, attempt, response):
                return response
            delay = self.retry.delay(attempt, response)
            log.info("retrying %s %s in %.2fs (attempt %d)", req.method, req.path, delay, attempt)
            self._sleep(delay)


class AsyncAPIClient(_BaseClient):
    """Sends requests with an httpx.AsyncClient."""

    def __init__(
        self,
        *,
        base_url: str,
        auth: httpx.Auth,
        timeout: Timeout,
        retry: RetryPolicy,
        http_client: httpx.AsyncClient | None,
        transport: httpx.AsyncBaseTransport | None,
    ) -> None:
        super().__init__(base_url=base_url, auth=auth, timeout=timeout, retry=retry)
        self._http = http_client or httpx.AsyncClient(transport=transport)
        self._owns_http = http_client is None
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def close(self) -> None:
        """Close the connection pool, unless it is an http_client the caller passed and owns."""
        if self._owns_http:
            await self._http.aclose()

    async def request(self, req: PreparedRequest, result_type: type[ModelT]) -> ModelT:
        """Send `req`, retrying what is safe to retry (the module's docstring); parse the answer."""
        return self._parse(await self._send(req), result_type)

    async def request_as(self, req: PreparedRequest, results: Mapping[int, Any]) -> Any:
        """Send `req` as `request` does; parse the answer as the type its status has in `results`."""
        return self._parse_as(await self._send(req), results)

    async def _send(self, req: PreparedRequest) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            response: httpx.Response | None = None
            try:
                response = await self._http.send(self._build(self._http, req), auth=self._auth)
            except _NOT_SENT as exc:
                if not self._should_retry(req, attempt, None):
                    raise _connection_error(exc) from exc
            except _ANSWER_LOST as exc:
                if not (req.idempotent and self._should_retry(req, attempt, None)):
                    raise _connection_error(exc) from _cause(exc)
            except httpx.TransportError as exc:
                raise _connection_error(exc) from _cause(exc)
            if response is not None and not self._should_retry(req, attempt, response):
                return response
            delay = self.retry.delay(attempt, response)
            log.info("retrying %s %s in %.2fs (attempt %d)", req.method, req.path, delay, attempt)
            await self._sleep(delay)


@functools.lru_cache(maxsize=256)
def _url(text: str) -> httpx.URL:
    """The URL `text`, parsed (httpx.URL is immutable): a client calls the same URLs again and
    again, a room's starts, a job's polls and commands."""
    return httpx.URL(text)


def encode_query(pairs: Sequence[tuple[str, str]]) -> str:
    """A query string with every reserved character percent-encoded, a space as %20.

    Not httpx's `params=`: it writes a space as "+", which a server that decodes "+" literally
    (the Huawei API gateway does, as its reference signer shows) reads as a plus sign.
    """
    return "&".join(f"{quote(name, safe='~')}={quote(value, safe='~')}" for name, value in pairs)


def _response_validation_error(
    response: httpx.Response, exc: pydantic.ValidationError
) -> ResponseValidationError:
    # Not a ValidationError to the caller: that means "fix your arguments, nothing was sent", and
    # here the request was accepted.
    problem = "; ".join(
        f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:3]
    )
    return ResponseValidationError(
        status_code=response.status_code,
        request_id=response.headers.get("X-Request-Id"),
        body=response.content,
        problem=problem,
    )


def _connection_error(exc: httpx.TransportError) -> APIConnectionError:
    # A connect or timeout error names the OS-level failure ("[Errno 111] Connection refused"),
    # which holds no header or body. Any other transport error (a protocol error) may quote what
    # was sent, a header value among it: only its type is said, and its cause is not chained.
    if isinstance(exc, httpx.TimeoutException):
        error: APIConnectionError = APITimeoutError(
            f"Request timed out ({type(exc).__name__}: {exc})."
        )
    elif isinstance(exc, httpx.ConnectError):
        error = APIConnectionError(f"Connection error ({type(exc).__name__}: {exc}).")
    else:
        error = APIConnectionError(f"Connection error ({type(exc).__name__}).")
    return error


def _cause(exc: httpx.TransportError) -> BaseException | None:
    """What to chain a connection error to: only an error that cannot quote the request."""
    return exc if isinstance(exc, httpx.ConnectError | httpx.TimeoutException) else None
