"""client.smart_live.list: a page that iterates every job across pages (x-pagination), sync and
async, fetching the next pages lazily and stopping at the total or a short or empty page."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from metastudio import AsyncClient, AsyncOffsetPage, AsyncOffsetPager, Client, SyncOffsetPage
from metastudio.models import SmartLiveJob
from tests.smart_live_service import (
    MODES,
    ROOM,
    Mode,
    Service,
    async_client,
    make_client,
    sync_client,
)

JOBS = [{"job_id": f"job-{n:02}", "state": "PROCESSING"} for n in range(25)]


def paged(jobs: list[dict[str, Any]], *, total: bool = True) -> Service:
    """A service whose list answers a window of `jobs` by offset and limit (default 10)."""
    service = Service()

    def answer(op: str, request: httpx.Request) -> tuple[int, Any]:
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params.get("limit", 10))
        body: dict[str, Any] = {"smart_live_jobs": jobs[offset : offset + limit]}
        if total:
            body["count"] = len(jobs)
        return 200, body

    service.answer = answer
    return service


def offsets(service: Service) -> list[str | None]:
    return [r.url.params.get("offset") for r in service.sent("list")]


def every_job(mode: Mode, service: Service, **kwargs: Any) -> list[SmartLiveJob]:
    """Every job a list call iterates: `for` on the sync page, `async for` on the async call."""
    client = make_client(mode, service)
    if isinstance(client, Client):
        with client:
            return list(client.smart_live.list(ROOM, **kwargs))

    async def go(client: AsyncClient) -> list[SmartLiveJob]:
        async with client:
            return [job async for job in client.smart_live.list(ROOM, **kwargs)]

    return asyncio.run(go(client))


@pytest.mark.parametrize("mode", MODES)
def test_25_jobs_by_10_are_three_requests(mode: Mode) -> None:
    service = paged(JOBS)
    jobs = every_job(mode, service, limit=10)
    assert [job.job_id for job in jobs] == [job["job_id"] for job in JOBS]
    assert all(isinstance(job, SmartLiveJob) for job in jobs)
    assert offsets(service) == [None, "10", "20"]  # the first page at the caller's offset: none
    assert [r.url.params.get("limit") for r in service.sent("list")] == ["10"] * 3


@pytest.mark.parametrize("mode", MODES)
def test_the_first_page_is_one_request_with_the_whole_answer(mode: Mode) -> None:
    service = paged(JOBS)
    page: SyncOffsetPage[SmartLiveJob, Any] | AsyncOffsetPage[SmartLiveJob, Any]
    if mode == "sync":
        with sync_client(service) as client:
            page = client.smart_live.list(ROOM, limit=10)
    else:

        async def first() -> AsyncOffsetPage[SmartLiveJob, Any]:
            async with async_client(service) as client:
                pager = client.smart_live.list(ROOM, limit=10)
                assert isinstance(pager, AsyncOffsetPager)
                assert service.requests == []  # nothing is sent before it is awaited
                return await pager

        page = asyncio.run(first())
    assert isinstance(page, SyncOffsetPage if mode == "sync" else AsyncOffsetPage)
    assert len(service.requests) == 1
    assert [job.job_id for job in page.items] == [f"job-{n:02}" for n in range(10)]
    assert page.response.count == 25
    assert page.response.request_id == "req-1"
    assert page.offset == 0 and page.total == 25
    assert page.has_next_page()
    assert "items=10" in repr(page) and "job-" not in repr(page)


def test_next_page_walks_the_pages_by_hand() -> None:
    service = paged(JOBS)
    with sync_client(service) as client:
        page = client.smart_live.list(ROOM, limit=10)
        seen = [len(page.items)]
        while page.has_next_page():
            page = page.next_page()
            seen.append(len(page.items))
        assert seen == [10, 10, 5] and page.offset == 20
        with pytest.raises(RuntimeError, match="last page"):
            page.next_page()
        assert [len(p.items) for p in client.smart_live.list(ROOM, limit=10).iter_pages()] == [
            10,
            10,
            5,
        ]


def test_async_pages_by_hand_and_async_for_over_an_awaited_page() -> None:
    service = paged(JOBS)

    async def go() -> tuple[list[int], list[str | None]]:
        async with async_client(service) as client:
            page = await client.smart_live.list(ROOM, limit=10)
            sizes = [len(page.items)]
            while page.has_next_page():
                page = await page.next_page()
                sizes.append(len(page.items))
            first = await client.smart_live.list(ROOM, limit=10)
            ids = [job.job_id async for job in first]
            return sizes, ids

    sizes, ids = asyncio.run(go())
    assert sizes == [10, 10, 5]
    assert ids == [job["job_id"] for job in JOBS]
    assert offsets(service) == [None, "10", "20", None, "10", "20"]


@pytest.mark.parametrize("mode", MODES)
def test_filters_and_headers_ride_along_and_only_the_offset_moves(mode: Mode) -> None:
    service = paged(JOBS)
    every_job(
        mode,
        service,
        offset=5,
        limit=10,
        state=["PROCESSING", "WAITING"],
        sort_key="create_time",
        app_user_id="user-1",
    )
    requests = service.sent("list")
    assert offsets(service) == ["5", "15"]  # 5..14, 15..24: the total says that was all
    for request in requests:
        params = request.url.params
        assert params["state"] == "PROCESSING,WAITING" and params["sort_key"] == "create_time"
        assert params["limit"] == "10" and request.headers["X-App-UserId"] == "user-1"
    assert [list(r.url.params) for r in requests][0] == list(requests[1].url.params)


@pytest.mark.parametrize("mode", MODES)
def test_without_a_total_a_short_page_is_the_last(mode: Mode) -> None:
    service = paged(JOBS, total=False)
    assert len(every_job(mode, service, limit=10)) == 25
    assert offsets(service) == [None, "10", "20"]
    # No limit sent: the spec's default (10) is the page size expected.
    service = paged(JOBS, total=False)
    assert len(every_job(mode, service)) == 25
    assert offsets(service) == [None, "10", "20"]


@pytest.mark.parametrize("mode", MODES)
def test_without_a_total_a_full_last_page_is_followed_by_an_empty_one(mode: Mode) -> None:
    service = paged(JOBS[:20], total=False)
    assert len(every_job(mode, service, limit=10)) == 20
    assert offsets(service) == [None, "10", "20"]


@pytest.mark.parametrize("mode", MODES)
def test_an_empty_page_ends_the_iteration_whatever_the_total_says(mode: Mode) -> None:
    service = Service()
    service.answer = lambda op, request: (200, {"count": 1000, "smart_live_jobs": []})
    assert every_job(mode, service, limit=10) == []
    assert len(service.requests) == 1


@pytest.mark.parametrize("mode", MODES)
def test_the_total_ends_the_iteration_even_if_pages_keep_coming(mode: Mode) -> None:
    service = Service()
    full = {"count": 15, "smart_live_jobs": JOBS[:10]}
    service.answer = lambda op, request: (200, full)
    assert len(every_job(mode, service, limit=10)) == 20  # two pages: offset 10 < 15, 20 is not
    assert offsets(service) == [None, "10"]


@pytest.mark.parametrize("mode", MODES)
def test_a_page_that_fails_once_is_retried_as_a_get(mode: Mode) -> None:
    service = paged(JOBS).then("list", (200, {"count": 25, "smart_live_jobs": JOBS[:10]}), 503)
    assert len(every_job(mode, service, limit=10)) == 25
    assert offsets(service) == [None, "10", "10", "20"]
