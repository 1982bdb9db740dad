# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Subscriptions with a callback."""

from __future__ import annotations

from typing import Literal

from .._base_client import PreparedRequest
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    body_json,
    build_body,
    header_params,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    EventSubscription,
    Subscription,
)

__all__ = ["Events", "AsyncEvents"]


class Events(SyncAPIResource):
    """Subscriptions with a callback. Reached as `client.events`."""

    def subscribe(
        self,
        *,
        event_url: str | None = None,
        events: list[Literal["created", "deleted"]] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Subscription:
        """subscribe

        `POST /subscriptions` (subscribe).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            event_url: Where the callback is POSTed.
            events:
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
            EventSubscription,
            {
                "eventUrl": event_url,
                "events": events,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/subscriptions",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return self._client.request(request, Subscription)


class AsyncEvents(AsyncAPIResource):
    """Subscriptions with a callback. Reached as `client.events`."""

    async def subscribe(
        self,
        *,
        event_url: str | None = None,
        events: list[Literal["created", "deleted"]] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Subscription:
        """subscribe

        `POST /subscriptions` (subscribe).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            event_url: Where the callback is POSTed.
            events:
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
            EventSubscription,
            {
                "eventUrl": event_url,
                "events": events,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/subscriptions",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return await self._client.request(request, Subscription)
