# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""CRUD-like operations with every scalar query parameter type, links and path-level parameters."""

from __future__ import annotations

import builtins
from typing import Any, Literal, cast

from .._base_client import PreparedRequest
from .._base_model import EmptyResult
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
    CreatedThing,
    ReplaceThingBody,
    Thing,
    ThingInput,
)

__all__ = ["Things", "AsyncThings"]


class Things(SyncAPIResource):
    """CRUD-like operations with every scalar query parameter type, links and path-level parameters. Reached as `client.things`."""

    def create_thing(
        self,
        *,
        title: str | None = None,
        quantity: int | None = None,
        color: Literal["red", "green"] | None | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Thing | CreatedThing:
        """Create a thing; 200 if it already existed, 201 if created.

        `POST /things` (createThing).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            title:
            quantity:
            color:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200/201 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            ThingInput,
            {
                "title": title,
                "quantity": quantity,
                "color": color,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/things",
            headers=header_params(),
            json_body=body_json(body),
            security=(("BearerAuth",),),
            timeout=timeout,
        )
        return cast(
            "Thing | CreatedThing",
            self._client.request_as(
                request,
                {
                    200: Thing,
                    201: CreatedThing,
                },
            ),
        )

    def delete_thing(
        self,
        thing_id: str,
        *,
        tenant_id: str,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EmptyResult:
        """deleteThing

        `DELETE /things/{thingId}` (deleteThing).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            thing_id: String path parameter, declared at the path level.
            tenant_id: Sent as the X-Tenant-Id header. Required header, declared at the path level
                and shared by GET and DELETE.
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
            method="DELETE",
            path=f"/things/{path_segment('thingId', thing_id)}",
            headers=header_params(
                ("X-Tenant-Id", tenant_id),
            ),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, EmptyResult)

    def get_item_by_id(
        self,
        thing_id: str,
        *,
        tenant_id: str,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Thing:
        """Get one thing (operationId is not an identifier).

        `GET /things/{thingId}` (get-item/by id).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            thing_id: String path parameter, declared at the path level.
            tenant_id: Sent as the X-Tenant-Id header. Required header, declared at the path level
                and shared by GET and DELETE.
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
            path=f"/things/{path_segment('thingId', thing_id)}",
            headers=header_params(
                ("X-Tenant-Id", tenant_id),
            ),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, Thing)

    def list(
        self,
        *,
        q: str,
        since: str | None = None,
        owner_id: str | None = None,
        contact: str | None = None,
        day: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        min_score: float | None = None,
        max_score: float | None = None,
        include_archived: bool | None = None,
        sort: Literal["asc", "desc", "on", "yes"] | None = None,
        tag: builtins.list[str] | None = None,
        ids: builtins.list[int] | None = None,
        codes: builtins.list[int] | None = None,
        names: builtins.list[str] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> builtins.list[Thing]:
        """List things, filtered by one query parameter of every scalar type.

        `GET /things` (list.things).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            q: Sent as the q query. Required free-text filter.
            since: Sent as the since query. Only things changed at or after this instant.
            owner_id: Sent as the ownerId query. Owner UUID.
            contact: Sent as the contact query. Contact e-mail.
            day: Sent as the day query. Calendar day.
            limit: Sent as the limit query.
            offset: Sent as the offset query. int64 offset.
            min_score: Sent as the minScore query. float lower bound.
            max_score: Sent as the maxScore query. double upper bound.
            include_archived: Sent as the includeArchived query. Boolean with a default.
            sort: Sent as the sort query. String enum with a default, values YAML would read as
                booleans.
            tag: Sent as the tag query. Array of strings, style form, explode true (the default) ->
                ?tag=a&tag=b.
            ids: Sent as the ids query. Array of integers, style form, explode false -> ?ids=1,2,3.
            codes: Sent as the codes query. Array of integers, explicitly style form, explode true.
            names: Sent as the names query. Array of strings, style form, explode false.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="GET",
            path="/things",
            params=query_params(
                ("q", q, True),
                ("since", since, True),
                ("ownerId", owner_id, True),
                ("contact", contact, True),
                ("day", day, True),
                ("limit", limit, True),
                ("offset", offset, True),
                ("minScore", min_score, True),
                ("maxScore", max_score, True),
                ("includeArchived", include_archived, True),
                ("sort", sort, True),
                ("tag", tag, True),
                ("ids", ids, False),
                ("codes", codes, True),
                ("names", names, False),
            ),
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return cast(
            "builtins.list[Thing]",
            self._client.request_as(
                request,
                {
                    200: builtins.list[Thing],
                },
            ),
        )

    def replace_thing(
        self,
        thing_id: str,
        *,
        title: str | None = None,
        meta: dict[str, Any] | None = None,
        lines: builtins.list[dict[str, Any]] | None = None,
        labels: builtins.list[str] | None = None,
        tenant_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Thing:
        """Replace a thing; overrides the path-level X-Tenant-Id header, with an inline body.

        `PUT /things/{thingId}` (replaceThing).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            thing_id: String path parameter, declared at the path level.
            title:
            meta: Nested inline object.
            lines: Array of inline objects.
            labels:
            tenant_id: Sent as the X-Tenant-Id header. Operation-level override of the path-level
                header (optional here, with a default).
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            NotFoundError: the service answered 404.
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            ReplaceThingBody,
            {
                "title": title,
                "meta": meta,
                "lines": lines,
                "labels": labels,
            },
        )
        request = PreparedRequest(
            method="PUT",
            path=f"/things/{path_segment('thingId', thing_id)}",
            headers=header_params(
                ("X-Tenant-Id", tenant_id),
            ),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, Thing)


class AsyncThings(AsyncAPIResource):
    """CRUD-like operations with every scalar query parameter type, links and path-level parameters. Reached as `client.things`."""

    async def create_thing(
        self,
        *,
        title: str | None = None,
        quantity: int | None = None,
        color: Literal["red", "green"] | None | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Thing | CreatedThing:
        """Create a thing; 200 if it already existed, 201 if created.

        `POST /things` (createThing).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            title:
            quantity:
            color:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200/201 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            ThingInput,
            {
                "title": title,
                "quantity": quantity,
                "color": color,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/things",
            headers=header_params(),
            json_body=body_json(body),
            security=(("BearerAuth",),),
            timeout=timeout,
        )
        return cast(
            "Thing | CreatedThing",
            await self._client.request_as(
                request,
                {
                    200: Thing,
                    201: CreatedThing,
                },
            ),
        )

    async def delete_thing(
        self,
        thing_id: str,
        *,
        tenant_id: str,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EmptyResult:
        """deleteThing

        `DELETE /things/{thingId}` (deleteThing).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            thing_id: String path parameter, declared at the path level.
            tenant_id: Sent as the X-Tenant-Id header. Required header, declared at the path level
                and shared by GET and DELETE.
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
            method="DELETE",
            path=f"/things/{path_segment('thingId', thing_id)}",
            headers=header_params(
                ("X-Tenant-Id", tenant_id),
            ),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, EmptyResult)

    async def get_item_by_id(
        self,
        thing_id: str,
        *,
        tenant_id: str,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Thing:
        """Get one thing (operationId is not an identifier).

        `GET /things/{thingId}` (get-item/by id).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            thing_id: String path parameter, declared at the path level.
            tenant_id: Sent as the X-Tenant-Id header. Required header, declared at the path level
                and shared by GET and DELETE.
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
            path=f"/things/{path_segment('thingId', thing_id)}",
            headers=header_params(
                ("X-Tenant-Id", tenant_id),
            ),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, Thing)

    async def list(
        self,
        *,
        q: str,
        since: str | None = None,
        owner_id: str | None = None,
        contact: str | None = None,
        day: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        min_score: float | None = None,
        max_score: float | None = None,
        include_archived: bool | None = None,
        sort: Literal["asc", "desc", "on", "yes"] | None = None,
        tag: builtins.list[str] | None = None,
        ids: builtins.list[int] | None = None,
        codes: builtins.list[int] | None = None,
        names: builtins.list[str] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> builtins.list[Thing]:
        """List things, filtered by one query parameter of every scalar type.

        `GET /things` (list.things).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            q: Sent as the q query. Required free-text filter.
            since: Sent as the since query. Only things changed at or after this instant.
            owner_id: Sent as the ownerId query. Owner UUID.
            contact: Sent as the contact query. Contact e-mail.
            day: Sent as the day query. Calendar day.
            limit: Sent as the limit query.
            offset: Sent as the offset query. int64 offset.
            min_score: Sent as the minScore query. float lower bound.
            max_score: Sent as the maxScore query. double upper bound.
            include_archived: Sent as the includeArchived query. Boolean with a default.
            sort: Sent as the sort query. String enum with a default, values YAML would read as
                booleans.
            tag: Sent as the tag query. Array of strings, style form, explode true (the default) ->
                ?tag=a&tag=b.
            ids: Sent as the ids query. Array of integers, style form, explode false -> ?ids=1,2,3.
            codes: Sent as the codes query. Array of integers, explicitly style form, explode true.
            names: Sent as the names query. Array of strings, style form, explode false.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        request = PreparedRequest(
            method="GET",
            path="/things",
            params=query_params(
                ("q", q, True),
                ("since", since, True),
                ("ownerId", owner_id, True),
                ("contact", contact, True),
                ("day", day, True),
                ("limit", limit, True),
                ("offset", offset, True),
                ("minScore", min_score, True),
                ("maxScore", max_score, True),
                ("includeArchived", include_archived, True),
                ("sort", sort, True),
                ("tag", tag, True),
                ("ids", ids, False),
                ("codes", codes, True),
                ("names", names, False),
            ),
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return cast(
            "builtins.list[Thing]",
            await self._client.request_as(
                request,
                {
                    200: builtins.list[Thing],
                },
            ),
        )

    async def replace_thing(
        self,
        thing_id: str,
        *,
        title: str | None = None,
        meta: dict[str, Any] | None = None,
        lines: builtins.list[dict[str, Any]] | None = None,
        labels: builtins.list[str] | None = None,
        tenant_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Thing:
        """Replace a thing; overrides the path-level X-Tenant-Id header, with an inline body.

        `PUT /things/{thingId}` (replaceThing).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            thing_id: String path parameter, declared at the path level.
            title:
            meta: Nested inline object.
            lines: Array of inline objects.
            labels:
            tenant_id: Sent as the X-Tenant-Id header. Operation-level override of the path-level
                header (optional here, with a default).
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            NotFoundError: the service answered 404.
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            ReplaceThingBody,
            {
                "title": title,
                "meta": meta,
                "lines": lines,
                "labels": labels,
            },
        )
        request = PreparedRequest(
            method="PUT",
            path=f"/things/{path_segment('thingId', thing_id)}",
            headers=header_params(
                ("X-Tenant-Id", tenant_id),
            ),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, Thing)
