# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Client and AsyncClient: one surface over the Feature Coverage API."""

from __future__ import annotations

from types import TracebackType

import httpx

from ._auth import ApiKeyAuth, BasicAuth, BearerAuth, SchemeAuth
from ._base_client import DEFAULT_TIMEOUT, AsyncAPIClient, RetryPolicy, SyncAPIClient
from ._types import Timeout
from .resources import (
    AsyncDefault,
    AsyncEvents,
    AsyncFooBar,
    AsyncFooBar2,
    AsyncForms,
    AsyncItems,
    AsyncJobs,
    AsyncMessageResource,
    AsyncModels,
    AsyncPets,
    AsyncThings,
    Default,
    Events,
    FooBar,
    FooBar2,
    Forms,
    Items,
    Jobs,
    MessageResource,
    Models,
    Pets,
    Things,
)

__all__ = ["DEFAULT_BASE_URL", "AsyncClient", "Client"]

DEFAULT_BASE_URL = "http://127.0.0.1:4010"
"""The spec's first server."""


class Client(SyncAPIClient):
    """Synchronous client of the Feature Coverage API.

    Endpoint: `base_url=` (default http://127.0.0.1:4010).
    Credentials, each sent to the operations whose security names its scheme:
    `api_key_header=` (ApiKeyHeader: API key in the header X-Api-Key).
    `api_key_query=` (ApiKeyQuery: API key in the query api_key).
    `basic_auth=` (BasicAuth: (username, password)).
    `bearer_auth=` (BearerAuth: bearer token).
    """

    default: Default
    events: Events
    foo_bar: FooBar
    foo_bar_2: FooBar2
    forms: Forms
    items: Items
    jobs: Jobs
    message: MessageResource
    models: Models
    pets: Pets
    things: Things

    def __init__(
        self,
        *,
        api_key_header: str | None = None,
        api_key_query: str | None = None,
        basic_auth: tuple[str, str] | None = None,
        bearer_auth: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        schemes: dict[str, httpx.Auth] = {}
        if api_key_header is not None:
            schemes["ApiKeyHeader"] = ApiKeyAuth("X-Api-Key", "header", api_key_header)
        if api_key_query is not None:
            schemes["ApiKeyQuery"] = ApiKeyAuth("api_key", "query", api_key_query)
        if basic_auth is not None:
            schemes["BasicAuth"] = BasicAuth(*basic_auth)
        if bearer_auth is not None:
            schemes["BearerAuth"] = BearerAuth(bearer_auth)
        super().__init__(
            base_url=base_url,
            auth=SchemeAuth(schemes),
            timeout=timeout,
            retry=retry or RetryPolicy(),
            http_client=http_client,
            transport=transport,
        )
        self.default = Default(self)
        self.events = Events(self)
        self.foo_bar = FooBar(self)
        self.foo_bar_2 = FooBar2(self)
        self.forms = Forms(self)
        self.items = Items(self)
        self.jobs = Jobs(self)
        self.message = MessageResource(self)
        self.models = Models(self)
        self.pets = Pets(self)
        self.things = Things(self)

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
    """Asynchronous client of the Feature Coverage API.

    Endpoint: `base_url=` (default http://127.0.0.1:4010).
    Credentials, each sent to the operations whose security names its scheme:
    `api_key_header=` (ApiKeyHeader: API key in the header X-Api-Key).
    `api_key_query=` (ApiKeyQuery: API key in the query api_key).
    `basic_auth=` (BasicAuth: (username, password)).
    `bearer_auth=` (BearerAuth: bearer token).
    """

    default: AsyncDefault
    events: AsyncEvents
    foo_bar: AsyncFooBar
    foo_bar_2: AsyncFooBar2
    forms: AsyncForms
    items: AsyncItems
    jobs: AsyncJobs
    message: AsyncMessageResource
    models: AsyncModels
    pets: AsyncPets
    things: AsyncThings

    def __init__(
        self,
        *,
        api_key_header: str | None = None,
        api_key_query: str | None = None,
        basic_auth: tuple[str, str] | None = None,
        bearer_auth: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        schemes: dict[str, httpx.Auth] = {}
        if api_key_header is not None:
            schemes["ApiKeyHeader"] = ApiKeyAuth("X-Api-Key", "header", api_key_header)
        if api_key_query is not None:
            schemes["ApiKeyQuery"] = ApiKeyAuth("api_key", "query", api_key_query)
        if basic_auth is not None:
            schemes["BasicAuth"] = BasicAuth(*basic_auth)
        if bearer_auth is not None:
            schemes["BearerAuth"] = BearerAuth(bearer_auth)
        super().__init__(
            base_url=base_url,
            auth=SchemeAuth(schemes),
            timeout=timeout,
            retry=retry or RetryPolicy(),
            http_client=http_client,
            transport=transport,
        )
        self.default = AsyncDefault(self)
        self.events = AsyncEvents(self)
        self.foo_bar = AsyncFooBar(self)
        self.foo_bar_2 = AsyncFooBar2(self)
        self.forms = AsyncForms(self)
        self.items = AsyncItems(self)
        self.jobs = AsyncJobs(self)
        self.message = AsyncMessageResource(self)
        self.models = AsyncModels(self)
        self.pets = AsyncPets(self)
        self.things = AsyncThings(self)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
