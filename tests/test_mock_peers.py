"""Clients against the mock over real HTTP: the official Huawei SDK, and our Client / AsyncClient."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkmetastudio.v1 import (
    MetaStudioClient,
    StartSmartLiveReq,
    StartSmartLiveRequest,
)

from metastudio import AsyncClient, AuthenticationError, Client
from metastudio.models import PlayPolicy
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN, create_app
from mockserver.background import serving
from tests.mock_requests import ClientCredentials

PROJECT_ID = "0123456789abcdef0123456789abcdef"
ROOM_ID = "24bad716-87b1-45e5-8912-6102f7693265"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with serving(create_app(seed=11)) as base_url:
        yield base_url


def _official_client(base_url: str, sk: str) -> MetaStudioClient:
    # AK, SK and project id always explicit: without them the SDK probes a cloud metadata address.
    credentials = BasicCredentials(DEV_AK, sk, PROJECT_ID)
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    return (
        MetaStudioClient.new_builder()
        .with_http_config(config)
        .with_credentials(credentials)
        .with_endpoints([base_url])
        .build()
    )


def _official_request() -> StartSmartLiveRequest:
    body = StartSmartLiveReq(output_urls=["rtmp://127.0.0.1/live/a"])
    return StartSmartLiveRequest(room_id=ROOM_ID, body=body)


def test_official_sdk_starts_a_job_on_the_mock(mock_url: str) -> None:
    response = _official_client(mock_url, DEV_SK).start_smart_live(_official_request())
    assert response.status_code == 202
    assert UUID.fullmatch(response.job_id)
    assert response.rtc_room_info.users[0].user_type == "PLAYER"


def test_official_sdk_with_a_wrong_sk_gets_401(mock_url: str) -> None:
    with pytest.raises(ClientRequestException) as caught:
        _official_client(mock_url, "not-the-" + DEV_SK).start_smart_live(_official_request())
    assert caught.value.status_code == 401
    assert caught.value.error_code == "MSS.00000001"
    assert caught.value.error_msg == "Unauthorized"


@pytest.mark.parametrize(
    "credentials",
    [{"ak": DEV_AK, "sk": DEV_SK}, {"token": DEV_TOKEN}],
    ids=["aksk", "token"],
)
def test_our_client_starts_a_job(mock_url: str, credentials: ClientCredentials) -> None:
    with Client(project_id=PROJECT_ID, base_url=mock_url, **credentials) as client:
        job = client.smart_live.start(
            ROOM_ID,
            output_urls=["rtmp://127.0.0.1/live/a"],
            play_policy=PlayPolicy(need_independent_capture_client=True),
            app_user_id="user-1",
        )
    assert job.job_id is not None and UUID.fullmatch(job.job_id)
    assert job.request_id is not None and re.fullmatch(r"[0-9a-f]{32}", job.request_id)
    assert job.rtc_room_info is not None and job.rtc_room_info.users is not None
    assert [user.user_type for user in job.rtc_room_info.users] == ["CAPTURE", "PLAYER"]


@pytest.mark.parametrize(
    "credentials",
    [{"ak": DEV_AK, "sk": DEV_SK}, {"token": DEV_TOKEN}],
    ids=["aksk", "token"],
)
def test_our_async_client_starts_a_job(mock_url: str, credentials: ClientCredentials) -> None:
    async def start() -> str:
        async with AsyncClient(project_id=PROJECT_ID, base_url=mock_url, **credentials) as client:
            job = await client.smart_live.start(ROOM_ID, output_urls=["rtmp://127.0.0.1/live/a"])
            return job.job_id or ""

    assert UUID.fullmatch(asyncio.run(start()))


@pytest.mark.parametrize(
    "credentials",
    [{"ak": DEV_AK, "sk": "wrong"}, {"ak": "UNKNOWN", "sk": DEV_SK}, {"token": "wrong"}],
    ids=["wrong-sk", "unknown-ak", "wrong-token"],
)
def test_our_client_with_bad_credentials_gets_401(
    mock_url: str, credentials: ClientCredentials
) -> None:
    with Client(project_id=PROJECT_ID, base_url=mock_url, **credentials) as client:
        with pytest.raises(AuthenticationError) as caught:
            client.smart_live.start(ROOM_ID)
    assert caught.value.status_code == 401
    assert caught.value.error_code == "MSS.00000001"
    assert caught.value.request_id is not None


def test_our_async_client_with_a_wrong_sk_gets_401(mock_url: str) -> None:
    async def start() -> None:
        async with AsyncClient(
            project_id=PROJECT_ID, base_url=mock_url, ak=DEV_AK, sk="x"
        ) as client:
            await client.smart_live.start(ROOM_ID)

    with pytest.raises(AuthenticationError) as caught:
        asyncio.run(start())
    assert caught.value.error_code == "MSS.00000001"
