# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""A lifecycle (x-lifecycle: a context manager that starts and always stops, wait_for), a stop marked
x-idempotent, and an offset pagination (x-pagination) whose answer has no total."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Collection, Iterator
from typing import Literal

from .._base_client import PreparedRequest
from .._base_model import EmptyResult
from .._lifecycle import astop_on_exit, async_wait_until, stop_on_exit, wait_until
from .._pagination import AsyncOffsetPager, OffsetPagination, SyncOffsetPage
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    body_json,
    build_body,
    header_params,
    path_segment,
    query_params,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    Job,
    JobInput,
    JobPage,
)

__all__ = ["Jobs", "AsyncJobs"]


class Jobs(SyncAPIResource):
    """A lifecycle (x-lifecycle: a context manager that starts and always stops, wait_for), a stop
    marked x-idempotent, and an offset pagination (x-pagination) whose answer has no total. Reached as `client.jobs`."""

    def cancel_job(
        self,
        job_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EmptyResult:
        """Cancel a job; cancelling a cancelled job changes nothing.

        `POST /jobs/{jobId}/cancel` (cancelJob).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            job_id:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 204 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            NotFoundError: the service answered 404.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="POST",
            path=f"/jobs/{path_segment('jobId', job_id)}/cancel",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, EmptyResult)

    def list(
        self,
        *,
        start: int | None = None,
        size: int | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncOffsetPage[Job, JobPage]:
        """List the jobs, a page at a time; the answer has no total.

        `GET /jobs` (listJobs).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            start: Sent as the start query. Index of the first job of the page.
            size: Sent as the size query. Jobs per page.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The first page (a SyncOffsetPage): `items` are the jobs of the parsed
            200 body, `response` the body itself (its `request_id` is the X-Request-Id);
            iterating the page yields every item of every page, fetched as needed.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="GET",
            path="/jobs",
            params=query_params(
                ("start", start, True),
                ("size", size, True),
            ),
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return SyncOffsetPage.first(
            self._client,
            request,
            JobPage,
            OffsetPagination(
                offset="start",
                items="jobs",
                limit="size",
                default_limit=5,
            ),
        )

    def show_job(
        self,
        job_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Job:
        """showJob

        `GET /jobs/{jobId}` (showJob).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            job_id:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            NotFoundError: the service answered 404.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="GET",
            path=f"/jobs/{path_segment('jobId', job_id)}",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, Job)

    def start_job(
        self,
        *,
        name: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Job:
        """Start a job; it runs until cancelled.

        `POST /jobs` (startJob).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            name:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 201 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            JobInput,
            {
                "name": name,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/jobs",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return self._client.request(request, Job)

    @contextlib.contextmanager
    def live_job(
        self,
        *,
        name: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        stop_attempts: int = 5,
        stop_deadline: float = 120.0,
    ) -> Iterator[Job]:
        """Start a job; it runs until cancelled. Stopped when the `with` block ends.

        Starts it as `start_job` does and gives its answer to the block; however the block ends
        (normally, by an exception, KeyboardInterrupt included), stops it with
        `client.jobs.cancel_job` until the service confirms it: a 2xx, or a 404 after an earlier
        attempt. The block's exception then propagates.

        Args:
            name:
            timeout: Overrides the client's timeout for the start and each stop.
            stop_attempts: At most this many stops are sent (connection errors, 5xx, 404, 408,
                409 and 429 are tried again, after the client's retry back-off).
            stop_deadline: No stop is sent once this many seconds have passed since the first.

        Yields:
            The start's parsed answer; its `jobId` is the one stopped.

        Raises:
            StopNotConfirmedError: the stop was not confirmed: the job may still be running; the
                error names its jobId, and its __cause__ is the block's exception, if any.
            LifecycleError: the start's answer has no jobId (nothing can be stopped).
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        with stop_on_exit(
            lambda: self.start_job(name=name, timeout=timeout),
            "jobId",
            lambda job_id: self._client.jobs.cancel_job(job_id, timeout=timeout),
            attempts=stop_attempts,
            deadline=stop_deadline,
            client=self._client,
        ) as _started:
            yield _started

    def wait_for(
        self,
        job_id: str,
        states: Literal["queued", "running", "done", "failed"]
        | Collection[Literal["queued", "running", "done", "failed"]],
        *,
        timeout: float = 300.0,
        interval: float = 5.0,
    ) -> Job:
        """Wait until showJob says the status is one of `states`.

        Calls `client.jobs.show_job` every `interval` seconds and returns its answer once its status
        is one of `states` (queued, running are still running: any other state means it has ended).

        Args:
            job_id:
            states: The status (or states) to wait for.
            timeout: Seconds to wait in all (each call takes the client's timeout).
            interval: Seconds between two calls.

        Returns:
            The parsed answer whose status is one of `states`.

        Raises:
            WaitTimeoutError: `timeout` passed first (also a TimeoutError).
            LifecycleError: it ended in a status not asked for (none of queued, running).
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            NotFoundError: the service answered 404.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        return wait_until(
            lambda: self._client.jobs.show_job(job_id),
            state_field="status",
            states=states,
            live_states=("queued", "running"),
            id_name="jobId",
            id=job_id,
            timeout=timeout,
            interval=interval,
            client=self._client,
        )


class AsyncJobs(AsyncAPIResource):
    """A lifecycle (x-lifecycle: a context manager that starts and always stops, wait_for), a stop
    marked x-idempotent, and an offset pagination (x-pagination) whose answer has no total. Reached as `client.jobs`."""

    async def cancel_job(
        self,
        job_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EmptyResult:
        """Cancel a job; cancelling a cancelled job changes nothing.

        `POST /jobs/{jobId}/cancel` (cancelJob).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            job_id:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 204 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            NotFoundError: the service answered 404.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="POST",
            path=f"/jobs/{path_segment('jobId', job_id)}/cancel",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, EmptyResult)

    def list(
        self,
        *,
        start: int | None = None,
        size: int | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncOffsetPager[Job, JobPage]:
        """List the jobs, a page at a time; the answer has no total.

        `GET /jobs` (listJobs).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            start: Sent as the start query. Index of the first job of the page.
            size: Sent as the size query. Jobs per page.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            An AsyncOffsetPager: `await` it for the first page (an AsyncOffsetPage, whose `items`
            are the jobs of the parsed 200 body, `response`), or
            `async for` over it for every item of every page, fetched as needed.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="GET",
            path="/jobs",
            params=query_params(
                ("start", start, True),
                ("size", size, True),
            ),
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return AsyncOffsetPager(
            self._client,
            request,
            JobPage,
            OffsetPagination(
                offset="start",
                items="jobs",
                limit="size",
                default_limit=5,
            ),
        )

    async def show_job(
        self,
        job_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Job:
        """showJob

        `GET /jobs/{jobId}` (showJob).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            job_id:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            NotFoundError: the service answered 404.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="GET",
            path=f"/jobs/{path_segment('jobId', job_id)}",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, Job)

    async def start_job(
        self,
        *,
        name: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Job:
        """Start a job; it runs until cancelled.

        `POST /jobs` (startJob).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            name:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 201 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            JobInput,
            {
                "name": name,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/jobs",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return await self._client.request(request, Job)

    @contextlib.asynccontextmanager
    async def live_job(
        self,
        *,
        name: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        stop_attempts: int = 5,
        stop_deadline: float = 120.0,
    ) -> AsyncIterator[Job]:
        """Start a job; it runs until cancelled. Stopped when the `async with` block ends.

        Starts it as `start_job` does and gives its answer to the block; however the block ends
        (normally, by an exception, KeyboardInterrupt included), stops it with
        `client.jobs.cancel_job` until the service confirms it: a 2xx, or a 404 after an earlier
        attempt. The block's exception then propagates.

        Args:
            name:
            timeout: Overrides the client's timeout for the start and each stop.
            stop_attempts: At most this many stops are sent (connection errors, 5xx, 404, 408,
                409 and 429 are tried again, after the client's retry back-off).
            stop_deadline: No stop is sent once this many seconds have passed since the first.

        Yields:
            The start's parsed answer; its `jobId` is the one stopped.

        Raises:
            StopNotConfirmedError: the stop was not confirmed: the job may still be running; the
                error names its jobId, and its __cause__ is the block's exception, if any.
            LifecycleError: the start's answer has no jobId (nothing can be stopped).
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        async with astop_on_exit(
            lambda: self.start_job(name=name, timeout=timeout),
            "jobId",
            lambda job_id: self._client.jobs.cancel_job(job_id, timeout=timeout),
            attempts=stop_attempts,
            deadline=stop_deadline,
            client=self._client,
        ) as _started:
            yield _started

    async def wait_for(
        self,
        job_id: str,
        states: Literal["queued", "running", "done", "failed"]
        | Collection[Literal["queued", "running", "done", "failed"]],
        *,
        timeout: float = 300.0,
        interval: float = 5.0,
    ) -> Job:
        """Wait until showJob says the status is one of `states`.

        Calls `client.jobs.show_job` every `interval` seconds and returns its answer once its status
        is one of `states` (queued, running are still running: any other state means it has ended).

        Args:
            job_id:
            states: The status (or states) to wait for.
            timeout: Seconds to wait in all (each call takes the client's timeout).
            interval: Seconds between two calls.

        Returns:
            The parsed answer whose status is one of `states`.

        Raises:
            WaitTimeoutError: `timeout` passed first (also a TimeoutError).
            LifecycleError: it ended in a status not asked for (none of queued, running).
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            NotFoundError: the service answered 404.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        return await async_wait_until(
            lambda: self._client.jobs.show_job(job_id),
            state_field="status",
            states=states,
            live_states=("queued", "running"),
            id_name="jobId",
            id=job_id,
            timeout=timeout,
            interval=interval,
            client=self._client,
        )
