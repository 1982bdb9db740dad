# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""urlencoded and multipart request bodies."""

from __future__ import annotations

from typing import Literal

from .._base_client import PreparedRequest
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    build_body,
    form_fields,
    header_params,
    multipart_parts,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    FormEcho,
    SubmitFormBody,
    UploadFileBody,
    UploadResult,
)

__all__ = ["Forms", "AsyncForms"]


class Forms(SyncAPIResource):
    """urlencoded and multipart request bodies. Reached as `client.forms`."""

    def submit_form(
        self,
        *,
        name: str | None = None,
        count: int | None = None,
        agree: bool | None = None,
        color: Literal["red", "green", "blue"] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> FormEcho:
        """submitForm

        `POST /forms/urlencoded` (submitForm).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            name: String field.
            count:
            agree:
            color:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            SubmitFormBody,
            {
                "name": name,
                "count": count,
                "agree": agree,
                "color": color,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/forms/urlencoded",
            headers=header_params(),
            json_body=None,
            form=form_fields(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return self._client.request(request, FormEcho)

    def upload_file(
        self,
        *,
        description: str | None = None,
        file: bytes | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> UploadResult:
        """uploadFile

        `POST /forms/multipart` (uploadFile).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            description: A string field.
            file: A binary file field.
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
            UploadFileBody,
            {
                "description": description,
                "file": file,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/forms/multipart",
            headers=header_params(),
            json_body=None,
            form=multipart_parts(body)[0],
            files=multipart_parts(body)[1],
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return self._client.request(request, UploadResult)


class AsyncForms(AsyncAPIResource):
    """urlencoded and multipart request bodies. Reached as `client.forms`."""

    async def submit_form(
        self,
        *,
        name: str | None = None,
        count: int | None = None,
        agree: bool | None = None,
        color: Literal["red", "green", "blue"] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> FormEcho:
        """submitForm

        `POST /forms/urlencoded` (submitForm).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            name: String field.
            count:
            agree:
            color:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            SubmitFormBody,
            {
                "name": name,
                "count": count,
                "agree": agree,
                "color": color,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/forms/urlencoded",
            headers=header_params(),
            json_body=None,
            form=form_fields(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return await self._client.request(request, FormEcho)

    async def upload_file(
        self,
        *,
        description: str | None = None,
        file: bytes | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> UploadResult:
        """uploadFile

        `POST /forms/multipart` (uploadFile).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            description: A string field.
            file: A binary file field.
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
            UploadFileBody,
            {
                "description": description,
                "file": file,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/forms/multipart",
            headers=header_params(),
            json_body=None,
            form=multipart_parts(body)[0],
            files=multipart_parts(body)[1],
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return await self._client.request(request, UploadResult)
