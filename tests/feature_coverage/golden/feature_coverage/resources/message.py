# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Its snake_case (message) equals the snake_case of the schema `message`."""

from __future__ import annotations

from typing import cast

from .._base_client import PreparedRequest
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    header_params,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    Message,
)

__all__ = ["MessageResource", "AsyncMessageResource"]


class MessageResource(SyncAPIResource):
    """Its snake_case (message) equals the snake_case of the schema `message`. Reached as `client.message`."""

    def list_messages(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> list[Message]:
        """listMessages

        `GET /messages` (listMessages).

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
            path="/messages",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return cast(
            "list[Message]",
            self._client.request_as(
                request,
                {
                    200: list[Message],
                },
            ),
        )


class AsyncMessageResource(AsyncAPIResource):
    """Its snake_case (message) equals the snake_case of the schema `message`. Reached as `client.message`."""

    async def list_messages(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> list[Message]:
        """listMessages

        `GET /messages` (listMessages).

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
            path="/messages",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return cast(
            "list[Message]",
            await self._client.request_as(
                request,
                {
                    200: list[Message],
                },
            ),
        )
