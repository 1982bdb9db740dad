# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Integer path parameters, optional headers and inline array bodies."""

from __future__ import annotations

from typing import Any

from .._base_client import PreparedRequest
from .._base_model import EmptyResult
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    header_params,
    json_value,
    path_segment,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    Item,
)

__all__ = ["Items", "AsyncItems"]


class Items(SyncAPIResource):
    """Integer path parameters, optional headers and inline array bodies. Reached as `client.items`."""

    def batch(
        self,
        *,
        body: list[dict[str, Any]],
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EmptyResult:
        """batchItems

        `POST /items/batch` (batchItems).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            body: The request body (application/json). Inline JSON array body.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 202 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="POST",
            path="/items/batch",
            headers=header_params(),
            json_body=json_value(body),
            security=(("ApiKeyQuery",),),
            timeout=timeout,
        )
        return self._client.request(request, EmptyResult)

    def get_item_by_index(
        self,
        item_id: int,
        *,
        trace_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Item:
        """getItemByIndex

        `GET /items/{itemId}` (getItemByIndex).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            item_id: Integer path parameter.
            trace_id: Sent as the X-Trace-Id header. Optional header.
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
            path=f"/items/{path_segment('itemId', item_id)}",
            headers=header_params(
                ("X-Trace-Id", trace_id),
            ),
            json_body=None,
            security=(("BasicAuth",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, Item)


class AsyncItems(AsyncAPIResource):
    """Integer path parameters, optional headers and inline array bodies. Reached as `client.items`."""

    async def batch(
        self,
        *,
        body: list[dict[str, Any]],
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EmptyResult:
        """batchItems

        `POST /items/batch` (batchItems).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            body: The request body (application/json). Inline JSON array body.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 202 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="POST",
            path="/items/batch",
            headers=header_params(),
            json_body=json_value(body),
            security=(("ApiKeyQuery",),),
            timeout=timeout,
        )
        return await self._client.request(request, EmptyResult)

    async def get_item_by_index(
        self,
        item_id: int,
        *,
        trace_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Item:
        """getItemByIndex

        `GET /items/{itemId}` (getItemByIndex).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            item_id: Integer path parameter.
            trace_id: Sent as the X-Trace-Id header. Optional header.
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
            path=f"/items/{path_segment('itemId', item_id)}",
            headers=header_params(
                ("X-Trace-Id", trace_id),
            ),
            json_body=None,
            security=(("BasicAuth",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, Item)
