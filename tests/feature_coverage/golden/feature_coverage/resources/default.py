# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""The operations tagged default."""

from __future__ import annotations

from typing import Literal

from .._base_client import PreparedRequest
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    body_json,
    build_body,
    header_params,
    query_params,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    HealthStatus,
    Node,
    SearchResult,
)

__all__ = ["Default", "AsyncDefault"]


class Default(SyncAPIResource):
    """The operations tagged default. Reached as `client.default`."""

    def echo_node(
        self,
        *,
        value: str | None = None,
        children: list[Node] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Node:
        """Untagged; recursive schema.

        `POST /nodes` (echo node).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            value:
            children:
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
        body = build_body(
            Node,
            {
                "value": value,
                "children": children,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/nodes",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return self._client.request(request, Node)

    def health(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> HealthStatus:
        """Untagged, no auth, only a default response.

        `GET /health` (health).

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
            path="/health",
            headers=header_params(),
            json_body=None,
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, HealthStatus)

    def op_123start(
        self,
        *,
        id: int,
        from_: str | None = None,
        type: Literal["a-b", "1x", "", "with space", "None", "null", "true", "plain"] | None = None,
        list: list[str] | None = None,
        page_size: int | None = None,
        page_size_2: int | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SearchResult:
        """Untagged; operationId starts with a digit; parameter names collide with keywords, builtins
        and each other.

        `GET /search` (123start).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            from_: Sent as the from query. A Python keyword.
            type: Sent as the type query. A Python builtin.
            id: Sent as the id query. A Python builtin.
            list: Sent as the list query. A Python builtin, and an array.
            page_size: Sent as the page-size query. Collides with page_size after snake-casing.
            page_size_2: Sent as the page_size query. Collides with page-size after snake-casing.
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
            path="/search",
            params=query_params(
                ("from", from_, True),
                ("type", type, True),
                ("id", id, True),
                ("list", list, True),
                ("page-size", page_size, True),
                ("page_size", page_size_2, True),
            ),
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, SearchResult)


class AsyncDefault(AsyncAPIResource):
    """The operations tagged default. Reached as `client.default`."""

    async def echo_node(
        self,
        *,
        value: str | None = None,
        children: list[Node] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Node:
        """Untagged; recursive schema.

        `POST /nodes` (echo node).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            value:
            children:
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
        body = build_body(
            Node,
            {
                "value": value,
                "children": children,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/nodes",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return await self._client.request(request, Node)

    async def health(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> HealthStatus:
        """Untagged, no auth, only a default response.

        `GET /health` (health).

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
            path="/health",
            headers=header_params(),
            json_body=None,
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, HealthStatus)

    async def op_123start(
        self,
        *,
        id: int,
        from_: str | None = None,
        type: Literal["a-b", "1x", "", "with space", "None", "null", "true", "plain"] | None = None,
        list: list[str] | None = None,
        page_size: int | None = None,
        page_size_2: int | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SearchResult:
        """Untagged; operationId starts with a digit; parameter names collide with keywords, builtins
        and each other.

        `GET /search` (123start).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            from_: Sent as the from query. A Python keyword.
            type: Sent as the type query. A Python builtin.
            id: Sent as the id query. A Python builtin.
            list: Sent as the list query. A Python builtin, and an array.
            page_size: Sent as the page-size query. Collides with page_size after snake-casing.
            page_size_2: Sent as the page_size query. Collides with page-size after snake-casing.
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
            path="/search",
            params=query_params(
                ("from", from_, True),
                ("type", type, True),
                ("id", id, True),
                ("list", list, True),
                ("page-size", page_size, True),
                ("page_size", page_size_2, True),
            ),
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, SearchResult)
