# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Collides with the tag Foo Bar after snake-casing."""

from __future__ import annotations

from .._base_client import PreparedRequest
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    header_params,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    Model1stModel,
)

__all__ = ["FooBar2", "AsyncFooBar2"]


class FooBar2(SyncAPIResource):
    """Collides with the tag Foo Bar after snake-casing. Reached as `client.foo_bar_2`."""

    def foo_bar_two(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Model1stModel:
        """foo_bar_two

        `GET /foo-bar/two` (foo_bar_two).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="GET",
            path="/foo-bar/two",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, Model1stModel)


class AsyncFooBar2(AsyncAPIResource):
    """Collides with the tag Foo Bar after snake-casing. Reached as `client.foo_bar_2`."""

    async def foo_bar_two(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Model1stModel:
        """foo_bar_two

        `GET /foo-bar/two` (foo_bar_two).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="GET",
            path="/foo-bar/two",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, Model1stModel)
