"""Lifecycle helpers (x-lifecycle): stop what a `with` block started, and wait for a state.

`stop_on_exit` wraps the block of a resource's `live_<name>` context manager. When the block ends,
normally or by any exception (KeyboardInterrupt and cancellation included), it stops the job and
retries the stop until the service confirms it: a 2xx answer, or a 404 after an earlier attempt
(that attempt stopped it, and its answer was lost). Connection errors, 5xx, 404 (first), 408, 409
and 429 answers are tried again, after the client's RetryPolicy back-off, until `attempts` stops
were sent or the `deadline` (seconds) would pass; any other refusal (400, 401, 403, a bad argument)
ends the attempts at once. An unconfirmed stop raises StopNotConfirmedError naming the job's ID,
chained to the block's exception if it raised one.

`wait_until` polls a show call until the answer's state is one of the awaited states, and raises
WaitTimeoutError when the timeout passes first; with the spec's live states it stops early when the
job has ended in another state (LifecycleError).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Iterator
from typing import Any, TypeVar

from ._base_client import AsyncAPIClient, SyncAPIClient
from ._base_model import BaseModel, field_value
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    LifecycleError,
    MetaStudioError,
    ResponseValidationError,
    StopNotConfirmedError,
    WaitTimeoutError,
)

__all__ = ["astop_on_exit", "async_wait_until", "stop_on_exit", "wait_until"]

ModelT = TypeVar("ModelT", bound=BaseModel)

# Statuses after which another stop may succeed: not found yet (right after the start), timeouts,
# conflicts (the job is still starting), rate limits. 5xx are retried too.
_RETRY_STATUSES = frozenset({404, 408, 409, 425, 429})
_DONE, _RETRY, _GIVE_UP = "done", "retry", "give up"


def lifecycle_id(started: BaseModel, id_field: str) -> Any:
    """The started job's ID (the start answer's `id_field`); LifecycleError when it has none."""
    value = field_value(started, id_field)
    if value is None or value == "":
        raise LifecycleError(
            f"the start was accepted but its answer has no {id_field}: the job cannot be stopped "
            f"here (request id {started.request_id or 'unknown'})",
            id_name=id_field,
            id=None,
        )
    return value


def id_of_unparsed_start(error: ResponseValidationError, id_field: str) -> Any:
    """The job ID in a start answer that did not fit the spec, if it holds one (to stop it)."""
    try:
        body = json.loads(error.body)
    except ValueError:
        return None
    value = body.get(id_field) if isinstance(body, dict) else None
    return value if isinstance(value, str | int) and value != "" else None


def _verdict(error: MetaStudioError, attempt: int) -> str:
    if isinstance(error, ResponseValidationError):
        return _DONE  # a 2xx answer whose body does not fit: the stop was accepted
    if isinstance(error, APIStatusError):
        if error.status_code == 404 and attempt > 1:
            return _DONE
        if error.status_code >= 500 or error.status_code in _RETRY_STATUSES:
            return _RETRY
        return _GIVE_UP
    if isinstance(error, APIConnectionError):
        return _RETRY
    return _GIVE_UP


def _stop(
    stop: Callable[[Any], object],
    job: Any,
    *,
    id_field: str,
    attempts: int,
    deadline: float,
    client: SyncAPIClient,
    cause: BaseException | None,
) -> None:
    began = client._clock()
    attempt, last = 0, None
    while True:
        attempt += 1
        try:
            stop(job)
            return
        except MetaStudioError as exc:
            verdict = _verdict(exc, attempt)
            if verdict == _DONE:
                return
            last = exc
            if verdict == _GIVE_UP:
                break
        delay = client.retry.delay(attempt, None)
        if attempt >= attempts or client._clock() - began + delay > deadline:
            break
        client._sleep(delay)
    error = StopNotConfirmedError(id_name=id_field, id=job, attempts=attempt, last_error=last)
    raise error from cause if cause is not None else last


async def _astop(
    stop: Callable[[Any], Awaitable[object]],
    job: Any,
    *,
    id_field: str,
    attempts: int,
    deadline: float,
    client: AsyncAPIClient,
    cause: BaseException | None,
) -> None:
    began = client._clock()
    attempt, last = 0, None
    while True:
        attempt += 1
        try:
            await stop(job)
            return
        except MetaStudioError as exc:
            verdict = _verdict(exc, attempt)
            if verdict == _DONE:
                return
            last = exc
            if verdict == _GIVE_UP:
                break
        delay = client.retry.delay(attempt, None)
        if attempt >= attempts or client._clock() - began + delay > deadline:
            break
        await client._sleep(delay)
    error = StopNotConfirmedError(id_name=id_field, id=job, attempts=attempt, last_error=last)
    raise error from cause if cause is not None else last


@contextlib.contextmanager
def stop_on_exit(
    start: Callable[[], ModelT],
    id_field: str,
    stop: Callable[[Any], object],
    *,
    attempts: int,
    deadline: float,
    client: SyncAPIClient,
) -> Iterator[ModelT]:
    """Start (call `start`), yield its answer, and stop the job (`stop(id)`) however the block
    ends; see the module's docstring."""
    options: dict[str, Any] = {"id_field": id_field, "attempts": attempts, "deadline": deadline}
    try:
        started = start()
    except ResponseValidationError as exc:
        # Accepted, so a job may run: stop it if the answer names it, then say what went wrong.
        job = id_of_unparsed_start(exc, id_field)
        if job is not None:
            _stop(stop, job, client=client, cause=exc, **options)
        raise
    job = lifecycle_id(started, id_field)
    try:
        yield started
    except BaseException as exc:
        _stop(stop, job, client=client, cause=exc, **options)
        raise
    _stop(stop, job, client=client, cause=None, **options)


@contextlib.asynccontextmanager
async def astop_on_exit(
    start: Callable[[], Awaitable[ModelT]],
    id_field: str,
    stop: Callable[[Any], Awaitable[object]],
    *,
    attempts: int,
    deadline: float,
    client: AsyncAPIClient,
) -> AsyncIterator[ModelT]:
    """stop_on_exit for an async client, as an async context manager."""
    options: dict[str, Any] = {"id_field": id_field, "attempts": attempts, "deadline": deadline}
    try:
        started = await start()
    except ResponseValidationError as exc:
        job = id_of_unparsed_start(exc, id_field)
        if job is not None:
            await _astop(stop, job, client=client, cause=exc, **options)
        raise
    job = lifecycle_id(started, id_field)
    try:
        yield started
    except BaseException as exc:
        await _astop(stop, job, client=client, cause=exc, **options)
        raise
    await _astop(stop, job, client=client, cause=None, **options)


def _wanted(states: str | Collection[str]) -> tuple[str, ...]:
    return (states,) if isinstance(states, str) else tuple(states)


def _check(
    current: BaseModel,
    *,
    state_field: str,
    wanted: tuple[str, ...],
    live_states: Collection[str],
    id_name: str,
    id: object,
) -> object:
    """The answer's state; LifecycleError when the job has ended in a state not awaited."""
    state = field_value(current, state_field)
    if state not in wanted and live_states and state is not None and state not in live_states:
        raise LifecycleError(
            f"{id_name} {id} ended as {state} without reaching {' or '.join(wanted)}",
            id_name=id_name,
            id=id,
        )
    return state


def wait_until(
    show: Callable[[], ModelT],
    *,
    state_field: str,
    states: str | Collection[str],
    live_states: Collection[str],
    id_name: str,
    id: object,
    timeout: float,
    interval: float,
    client: SyncAPIClient,
) -> ModelT:
    """Call `show` every `interval` seconds until its answer's state is one of `states`; return
    that answer. WaitTimeoutError after `timeout` seconds."""
    wanted = _wanted(states)
    deadline = client._clock() + timeout
    while True:
        current = show()
        state = _check(
            current,
            state_field=state_field,
            wanted=wanted,
            live_states=live_states,
            id_name=id_name,
            id=id,
        )
        if state in wanted:
            return current
        remaining = deadline - client._clock()
        if remaining <= 0:
            raise WaitTimeoutError(
                id_name=id_name, id=id, states=wanted, state=state, timeout=timeout
            )
        client._sleep(min(interval, remaining))


async def async_wait_until(
    show: Callable[[], Awaitable[ModelT]],
    *,
    state_field: str,
    states: str | Collection[str],
    live_states: Collection[str],
    id_name: str,
    id: object,
    timeout: float,
    interval: float,
    client: AsyncAPIClient,
) -> ModelT:
    """wait_until for an async client."""
    wanted = _wanted(states)
    deadline = client._clock() + timeout
    while True:
        current = await show()
        state = _check(
            current,
            state_field=state_field,
            wanted=wanted,
            live_states=live_states,
            id_name=id_name,
            id=id,
        )
        if state in wanted:
            return current
        remaining = deadline - client._clock()
        if remaining <= 0:
            raise WaitTimeoutError(
                id_name=id_name, id=id, states=wanted, state=state, timeout=timeout
            )
        await client._sleep(min(interval, remaining))
