# Copied from templates/runtime/_pagination.py by generator. Do not edit here: edit templates/runtime/_pagination.py.
"""Pages of offset/limit list operations (x-pagination): one page, and iteration over every item.

A sync list call sends its first request at once and returns a SyncOffsetPage; iterating the page
yields every item of every page, fetching the next ones lazily. An async list call is a plain
method returning an AsyncOffsetPager, as in Stainless-generated SDKs: `await` it for the first
page (an AsyncOffsetPage), or `async for` over it (or over any page) for every item.

    for job in client.smart_live.list(room_id):              # every job, page after page
        ...
    page = client.smart_live.list(room_id, limit=10)         # one page: .items, .response
    page = await async_client.smart_live.list(room_id)       # the first page
    async for job in async_client.smart_live.list(room_id):  # every job
        ...

The next page starts at this page's offset plus its number of items. There is none when this page
is empty, when the answer's total says the items are exhausted, or, for an answer without a total,
when the page holds fewer items than were asked for.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from ._base_client import AsyncAPIClient, PreparedRequest, SyncAPIClient
from ._base_model import BaseModel, field_value

__all__ = ["AsyncOffsetPage", "AsyncOffsetPager", "OffsetPagination", "SyncOffsetPage"]

ItemT = TypeVar("ItemT")
ResponseT = TypeVar("ResponseT", bound=BaseModel)


@dataclass(frozen=True)
class OffsetPagination:
    """How an operation pages, by the spec's names: its offset and limit query parameters, the
    answer's properties holding the page's items and the total, the page size when no limit is
    sent (the limit parameter's default)."""

    offset: str
    items: str
    limit: str | None = None
    total: str | None = None
    default_limit: int | None = None


class _OffsetPage(Generic[ItemT, ResponseT]):
    """What sync and async pages share: the items, the answer, and whether another page follows."""

    def __init__(
        self, *, request: PreparedRequest, response: ResponseT, pagination: OffsetPagination
    ) -> None:
        self.response: ResponseT = response
        """The whole parsed answer (its total, its request_id, ...)."""
        self._request = request
        self._pagination = pagination
        items = field_value(response, pagination.items)
        self.items: list[ItemT] = list(items) if isinstance(items, Sequence) else []
        """This page's items."""
        self.offset: int = _int_param(request.params, pagination.offset) or 0
        """The offset this page was asked for."""

    @property
    def total(self) -> int | None:
        """The number of items of every page together, as the answer says (None: it does not)."""
        if self._pagination.total is None:
            return None
        value = field_value(self.response, self._pagination.total)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def has_next_page(self) -> bool:
        """Whether another page follows this one (see the module's docstring)."""
        if not self.items:
            return False
        total = self.total
        if total is not None:
            return self.offset + len(self.items) < total
        asked = (
            _int_param(self._request.params, self._pagination.limit)
            if self._pagination.limit
            else None
        )
        page_size = asked if asked is not None else self._pagination.default_limit
        return page_size is None or len(self.items) >= page_size

    def _next_request(self) -> PreparedRequest:
        if not self.has_next_page():
            raise RuntimeError("this is the last page: check has_next_page() first")
        offset = self.offset + len(self.items)
        return replace(
            self._request,
            params=_with_param(self._request.params, self._pagination.offset, str(offset)),
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(offset={self.offset}, items={len(self.items)}, "
            f"total={self.total}, request_id={self.response.request_id!r})"
        )


class SyncOffsetPage(_OffsetPage[ItemT, ResponseT]):
    """One page of a list; iterating it yields every item of this page and of the pages after it."""

    def __init__(
        self,
        *,
        client: SyncAPIClient,
        request: PreparedRequest,
        response_type: type[ResponseT],
        response: ResponseT,
        pagination: OffsetPagination,
    ) -> None:
        super().__init__(request=request, response=response, pagination=pagination)
        self._client = client
        self._response_type = response_type

    @classmethod
    def first(
        cls,
        client: SyncAPIClient,
        request: PreparedRequest,
        response_type: type[ResponseT],
        pagination: OffsetPagination,
    ) -> SyncOffsetPage[ItemT, ResponseT]:
        """Send `request` and wrap its answer: the first page."""
        return cls(
            client=client,
            request=request,
            response_type=response_type,
            response=client.request(request, response_type),
            pagination=pagination,
        )

    def next_page(self) -> SyncOffsetPage[ItemT, ResponseT]:
        """Fetch the page after this one; RuntimeError when there is none (has_next_page())."""
        request = self._next_request()
        return SyncOffsetPage(
            client=self._client,
            request=request,
            response_type=self._response_type,
            response=self._client.request(request, self._response_type),
            pagination=self._pagination,
        )

    def iter_pages(self) -> Iterator[SyncOffsetPage[ItemT, ResponseT]]:
        """This page, then each page after it, fetched when reached."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.items


class AsyncOffsetPage(_OffsetPage[ItemT, ResponseT]):
    """One page of a list; `async for` over it yields every item of this page and the next ones."""

    def __init__(
        self,
        *,
        client: AsyncAPIClient,
        request: PreparedRequest,
        response_type: type[ResponseT],
        response: ResponseT,
        pagination: OffsetPagination,
    ) -> None:
        super().__init__(request=request, response=response, pagination=pagination)
        self._client = client
        self._response_type = response_type

    async def next_page(self) -> AsyncOffsetPage[ItemT, ResponseT]:
        """Fetch the page after this one; RuntimeError when there is none (has_next_page())."""
        request = self._next_request()
        return AsyncOffsetPage(
            client=self._client,
            request=request,
            response_type=self._response_type,
            response=await self._client.request(request, self._response_type),
            pagination=self._pagination,
        )

    async def iter_pages(self) -> AsyncIterator[AsyncOffsetPage[ItemT, ResponseT]]:
        """This page, then each page after it, fetched when reached."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncOffsetPager(Generic[ItemT, ResponseT]):
    """What an async list call returns, before any request: `await` it for the first page, or
    `async for` over it for every item of every page. Each use sends its own requests."""

    def __init__(
        self,
        client: AsyncAPIClient,
        request: PreparedRequest,
        response_type: type[ResponseT],
        pagination: OffsetPagination,
    ) -> None:
        self._client = client
        self._request = request
        self._response_type = response_type
        self._pagination = pagination

    async def _first(self) -> AsyncOffsetPage[ItemT, ResponseT]:
        return AsyncOffsetPage(
            client=self._client,
            request=self._request,
            response_type=self._response_type,
            response=await self._client.request(self._request, self._response_type),
            pagination=self._pagination,
        )

    def __await__(self) -> Generator[Any, None, AsyncOffsetPage[ItemT, ResponseT]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self._first()
        async for item in page:
            yield item

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._request.method} {self._request.path})"


def _int_param(params: Sequence[tuple[str, str]], name: str | None) -> int | None:
    value = next((v for n, v in params if n == name), None)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _with_param(
    params: Sequence[tuple[str, str]], name: str, value: str
) -> tuple[tuple[str, str], ...]:
    """`params` with `name` set to `value`: in its place if it was there, else at the end."""
    out: list[tuple[str, str]] = []
    for n, v in params:
        if n != name:
            out.append((n, v))
        elif all(existing != name for existing, _ in out):
            out.append((name, value))
    if all(existing != name for existing, _ in out):
        out.append((name, value))
    return tuple(out)
