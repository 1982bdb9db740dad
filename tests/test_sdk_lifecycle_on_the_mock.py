"""The generated SDK's whole job lifecycle against the stateful mock over HTTP, sync and async:
start, show, wait_for, command, list across pages, stop, live_job, and the errors a job's state gives."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from metastudio import (
    AsyncClient,
    BadRequestError,
    Client,
    InternalServerError,
    LifecycleError,
    NotFoundError,
    RetryPolicy,
)
from metastudio.models import LiveExitConfig, PlayTextInfo, TextConfig
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN, create_app
from mockserver.background import serving

PROJECT = "proj-sdk"
ROOM = "room-sdk"
OUTPUT = ["rtmp://127.0.0.1:9/live/sdk-test"]
NO_WAIT = RetryPolicy(initial_delay=0, max_delay=0, jitter=0)
DELAY = 0.05
"""Seconds a started job is WAITING on this mock: wait_for has something to wait for."""


class Boom(Exception):
    pass


@pytest.fixture
def url() -> Iterator[str]:
    app = create_app(seed=9, processing_delay=DELAY)
    with serving(app) as base_url:
        yield base_url
    app.close()


def client(url: str) -> Client:
    return Client(project_id=PROJECT, ak=DEV_AK, sk=DEV_SK, base_url=url, retry=NO_WAIT)


def async_client(url: str) -> AsyncClient:
    return AsyncClient(project_id=PROJECT, ak=DEV_AK, sk=DEV_SK, base_url=url, retry=NO_WAIT)


def test_a_whole_life_sync(url: str) -> None:
    with client(url) as sdk:
        live = sdk.smart_live
        started = [str(live.start(ROOM, output_urls=OUTPUT).job_id) for _ in range(5)]
        assert live.show(ROOM, started[0]).state == "WAITING"
        assert live.wait_for(ROOM, started[0], "PROCESSING", interval=0.01).state == "PROCESSING"
        done = live.command(
            ROOM,
            started[0],
            command="INSERT_PLAY_SCRIPT",
            params=PlayTextInfo(text_config=TextConfig(text="hello")),
        )
        assert done.command == "INSERT_PLAY_SCRIPT" and done.command_id
        live.command(
            ROOM,
            started[0],
            command="RESET_EXIT_CONFIG",
            params=LiveExitConfig(max_live_duration=2),
        )
        page = live.list(ROOM, limit=2)
        assert len(page.items) == 2 and page.response.count == 5 and page.has_next_page()
        assert sorted(str(job.job_id) for job in page) == sorted(started)  # three pages
        for job_id in started:
            live.stop(ROOM, job_id)
            live.stop(ROOM, job_id)  # idempotent
        assert {job.state for job in live.list(ROOM, limit=2)} == {"SUCCEED"}
        assert [j.job_id for j in live.list(ROOM, state=["PROCESSING", "WAITING"])] == []
        with pytest.raises(BadRequestError) as not_live:
            live.command(ROOM, started[0], command="GET_CURRENT_PLAYING_SCRIPTS")
        assert not_live.value.error_code == "MOCK.JOB_NOT_LIVE"
        with pytest.raises(NotFoundError):
            live.show(ROOM, "no-such-job")
        with pytest.raises(NotFoundError):
            live.show("another-room", started[0])


def test_a_whole_life_async(url: str) -> None:
    async def life() -> None:
        async with async_client(url) as sdk:
            live = sdk.smart_live
            started = [str((await live.start(ROOM, output_urls=OUTPUT)).job_id) for _ in range(3)]
            assert (await live.show(ROOM, started[0])).state == "WAITING"
            reached = await live.wait_for(ROOM, started[0], "PROCESSING", interval=0.01)
            assert reached.state == "PROCESSING"
            done = await live.command(
                ROOM,
                started[0],
                command="INSERT_PLAY_SCRIPT",
                params=PlayTextInfo(text_config=TextConfig(text="hello")),
            )
            assert done.command == "INSERT_PLAY_SCRIPT"
            first = await live.list(ROOM, limit=2)
            assert len(first.items) == 2 and first.has_next_page()
            assert sorted([str(job.job_id) async for job in live.list(ROOM, limit=2)]) == sorted(
                started
            )
            for job_id in started:
                await live.stop(ROOM, job_id)
            states = {job.state async for job in live.list(ROOM, limit=2)}
            assert states == {"SUCCEED"}

    asyncio.run(life())


def test_live_job_stops_the_job_when_the_block_raises_sync(url: str) -> None:
    with client(url) as sdk:
        with pytest.raises(Boom):
            with sdk.smart_live.live_job(ROOM, output_urls=OUTPUT) as job:
                assert sdk.smart_live.show(ROOM, str(job.job_id)).state == "WAITING"
                raise Boom
        assert sdk.smart_live.show(ROOM, str(job.job_id)).state == "SUCCEED"


def test_live_job_stops_the_job_when_the_block_raises_async(url: str) -> None:
    async def block() -> str:
        async with async_client(url) as sdk:
            try:
                async with sdk.smart_live.live_job(ROOM, output_urls=OUTPUT) as job:
                    raise Boom
            except Boom:
                pass
            return str((await sdk.smart_live.show(ROOM, str(job.job_id))).state)

    assert asyncio.run(block()) == "SUCCEED"


def test_a_stop_is_retried_through_5xx_until_it_lands() -> None:
    # The first two stops answer 503 without stopping: the SDK retries the idempotent stop.
    app = create_app(seed=9, processing_delay=0, fail_stops=2)
    with serving(app) as base_url, client(base_url) as sdk:
        job_id = str(sdk.smart_live.start(ROOM, output_urls=OUTPUT).job_id)
        sdk.smart_live.stop(ROOM, job_id)
        assert sdk.smart_live.show(ROOM, job_id).state == "SUCCEED"
    app.close()


def test_waiting_for_a_job_that_fails_raises_its_end_and_a_live_job_block_lets_it_be() -> None:
    # --fail-jobs: the first two jobs end FAILED when they would turn PROCESSING.
    app = create_app(seed=9, processing_delay=DELAY, fail_jobs=2)
    with serving(app) as base_url, client(base_url) as sdk:
        live = sdk.smart_live
        job_id = str(live.start(ROOM, output_urls=OUTPUT).job_id)
        with pytest.raises(LifecycleError, match=f"job_id {job_id} ended as FAILED"):
            live.wait_for(ROOM, job_id, "PROCESSING", interval=0.01)
        with live.live_job(ROOM, output_urls=OUTPUT) as job:
            ended = live.wait_for(ROOM, str(job.job_id), ["SUCCEED", "FAILED"], interval=0.01)
        assert ended.state == "FAILED"
        assert (
            ended.error_info is not None and ended.error_info.error_code == "MOCK.INJECTED_FAILURE"
        )
        after = live.show(ROOM, str(job.job_id))
        assert after.model_dump() == ended.model_dump()  # the block's stop changed nothing
    app.close()


def test_a_start_is_not_retried_on_5xx() -> None:
    # Prefer: code=500 is a documented answer of StartSmartLive: it must be raised, not resent.
    app = create_app(seed=9, processing_delay=0)
    with serving(app) as base_url:
        sent: list[str] = []

        def count(request: httpx.Request) -> None:
            sent.append(request.method)

        http = httpx.Client(
            base_url=base_url, headers={"Prefer": "code=500"}, event_hooks={"request": [count]}
        )
        with Client(
            project_id=PROJECT, ak=DEV_AK, sk=DEV_SK, base_url=base_url, http_client=http
        ) as sdk:
            with pytest.raises(InternalServerError):
                sdk.smart_live.start(ROOM, output_urls=OUTPUT)
        http.close()
    assert sent == ["POST"]
    app.close()


def test_an_empty_state_list_is_no_filter_and_an_empty_state_on_the_wire_is_refused(
    url: str,
) -> None:
    # The SDK leaves an empty list out (RFC 6570: a list of zero members is undefined), so
    # state=[] lists every state; on the wire `state=` cannot be told from one empty state, and
    # the spec's minItems 1 refuses it either way.
    with client(url) as sdk:
        job_id = str(sdk.smart_live.start(ROOM, output_urls=OUTPUT).job_id)
        assert [str(j.job_id) for j in sdk.smart_live.list(ROOM, state=[])] == [job_id]
    answer = httpx.get(
        f"{url}/v1/{PROJECT}/smart-live-rooms/{ROOM}/smart-live-jobs?state=",
        headers={"X-Auth-Token": DEV_TOKEN},
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["error_code"] == "MSS.00000003"
    assert "query state" in answer.json()["error_msg"]
