# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Client and AsyncClient: one surface over the Huawei Cloud MetaStudio smart live API."""

from __future__ import annotations

import re
from types import TracebackType

import httpx

from ._auth import auth_from_arguments
from ._base_client import DEFAULT_TIMEOUT, AsyncAPIClient, RetryPolicy, SyncAPIClient
from ._types import Timeout
from .resources import (
    AsyncSmartLive,
    SmartLive,
)

__all__ = [
    "DEFAULT_REGION",
    "ENDPOINT_TEMPLATE",
    "REGIONS",
    "AsyncClient",
    "Client",
    "endpoint_for_region",
]

ENDPOINT_TEMPLATE = "https://metastudio.{region}.myhuaweicloud.com"
DEFAULT_REGION = "cn-north-4"
REGIONS = (
    "cn-east-3",
    "cn-north-4",
)
"""The regions the spec lists; other regions work too if MetaStudio serves them."""


def endpoint_for_region(region: str) -> str:
    """The endpoint of a region, e.g. https://metastudio.cn-north-4.myhuaweicloud.com."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", region):
        raise ValueError(f"not a region ID: {region!r}")
    return ENDPOINT_TEMPLATE.replace("{region}", region)


class Client(SyncAPIClient):
    """Synchronous client of the Huawei Cloud MetaStudio smart live API.

    Credentials: `token=` (X-Auth-Token), or `ak=` and `sk=` (AK/SK signing), or, with none of
    them, the CLOUD_SDK_AK and CLOUD_SDK_SK environment variables. Endpoint: `base_url=`, or
    `region=` (default cn-north-4). `project_id` fills every call's project ID unless the call passes
    its own.
    """

    smart_live: SmartLive

    def __init__(
        self,
        *,
        project_id: str | None = None,
        ak: str | None = None,
        sk: str | None = None,
        token: str | None = None,
        region: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            base_url=(
                base_url
                if base_url is not None
                else endpoint_for_region(DEFAULT_REGION if region is None else region)
            ),
            auth=auth_from_arguments(ak=ak, sk=sk, token=token),
            timeout=timeout,
            retry=retry or RetryPolicy(),
            http_client=http_client,
            transport=transport,
        )
        self.project_id = project_id
        self.smart_live = SmartLive(self)

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(AsyncAPIClient):
    """Asynchronous client of the Huawei Cloud MetaStudio smart live API.

    Credentials: `token=` (X-Auth-Token), or `ak=` and `sk=` (AK/SK signing), or, with none of
    them, the CLOUD_SDK_AK and CLOUD_SDK_SK environment variables. Endpoint: `base_url=`, or
    `region=` (default cn-north-4). `project_id` fills every call's project ID unless the call passes
    its own.
    """

    smart_live: AsyncSmartLive

    def __init__(
        self,
        *,
        project_id: str | None = None,
        ak: str | None = None,
        sk: str | None = None,
        token: str | None = None,
        region: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            base_url=(
                base_url
                if base_url is not None
                else endpoint_for_region(DEFAULT_REGION if region is None else region)
            ),
            auth=auth_from_arguments(ak=ak, sk=sk, token=token),
            timeout=timeout,
            retry=retry or RetryPolicy(),
            http_client=http_client,
            transport=transport,
        )
        self.project_id = project_id
        self.smart_live = AsyncSmartLive(self)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
