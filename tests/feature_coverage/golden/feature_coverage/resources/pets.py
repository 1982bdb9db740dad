# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Discriminated unions and the case-only twin schemas Pet and pet."""

from __future__ import annotations

import builtins
from typing import Literal, cast

from .._base_client import PreparedRequest
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    body_json,
    build_union_body,
    header_params,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    Cat,
    Dog,
    Pet,
    Pet2,
)

__all__ = ["Pets", "AsyncPets"]


class Pets(SyncAPIResource):
    """Discriminated unions and the case-only twin schemas Pet and pet. Reached as `client.pets`."""

    def create_animal(
        self,
        *,
        pet_type: Literal["cat", "dog"],
        name: str | None = None,
        indoor: bool | None = None,
        bark_volume: int | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Cat | Dog:
        """createAnimal

        `POST /pets` (createAnimal).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            pet_type: The petType that picks the body's variant: cat (Cat), dog (Dog).
            name:
            indoor: Not taken by dog.
            bark_volume: Not taken by cat.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 201 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_union_body(
            "Animal",
            "petType",
            {
                "cat": Cat,
                "dog": Dog,
            },
            {
                "petType": pet_type,
                "name": name,
                "indoor": indoor,
                "barkVolume": bark_volume,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/pets",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return cast(
            "Cat | Dog",
            self._client.request_as(
                request,
                {
                    201: Cat | Dog,
                },
            ),
        )

    def get_legacy_pet(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Pet2:
        """getLegacyPet

        `GET /pets/legacy` (getLegacyPet).

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
            path="/pets/legacy",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, Pet2)

    def list(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> builtins.list[Pet]:
        """listPets

        `GET /pets` (listPets).

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
            path="/pets",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return cast(
            "builtins.list[Pet]",
            self._client.request_as(
                request,
                {
                    200: builtins.list[Pet],
                },
            ),
        )


class AsyncPets(AsyncAPIResource):
    """Discriminated unions and the case-only twin schemas Pet and pet. Reached as `client.pets`."""

    async def create_animal(
        self,
        *,
        pet_type: Literal["cat", "dog"],
        name: str | None = None,
        indoor: bool | None = None,
        bark_volume: int | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Cat | Dog:
        """createAnimal

        `POST /pets` (createAnimal).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            pet_type: The petType that picks the body's variant: cat (Cat), dog (Dog).
            name:
            indoor: Not taken by dog.
            bark_volume: Not taken by cat.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 201 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_union_body(
            "Animal",
            "petType",
            {
                "cat": Cat,
                "dog": Dog,
            },
            {
                "petType": pet_type,
                "name": name,
                "indoor": indoor,
                "barkVolume": bark_volume,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/pets",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return cast(
            "Cat | Dog",
            await self._client.request_as(
                request,
                {
                    201: Cat | Dog,
                },
            ),
        )

    async def get_legacy_pet(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Pet2:
        """getLegacyPet

        `GET /pets/legacy` (getLegacyPet).

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
            path="/pets/legacy",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, Pet2)

    async def list(
        self,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> builtins.list[Pet]:
        """listPets

        `GET /pets` (listPets).

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
            path="/pets",
            headers=header_params(),
            json_body=None,
            security=(("ApiKeyHeader",),),
            idempotent=True,
            timeout=timeout,
        )
        return cast(
            "builtins.list[Pet]",
            await self._client.request_as(
                request,
                {
                    200: builtins.list[Pet],
                },
            ),
        )
