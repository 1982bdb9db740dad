"""The official Huawei SDK against the stateful mock over HTTP: show, list, command and stop the jobs
it starts, a 404 for a job the mock never started, and a stop retried through injected 503s."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import (
    ClientRequestException,
    SdkException,
    ServerResponseException,
)
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.retry.backoff_strategy import NoBackoffStrategy
from huaweicloudsdkmetastudio.v1 import (
    ControlSmartLiveReq,
    ExecuteSmartLiveCommandRequest,
    ListSmartLiveRequest,
    MetaStudioClient,
    ShowSmartLiveRequest,
    StartSmartLiveReq,
    StartSmartLiveRequest,
    StopSmartLiveRequest,
)

from mockserver import DEV_AK, DEV_SK, create_app
from mockserver.background import serving

PROJECT_ID = "0123456789abcdef0123456789abcdef"
RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with serving(create_app(seed=12, processing_delay=0)) as base_url:
        yield base_url


def _client(base_url: str) -> MetaStudioClient:
    # AK, SK and project id always explicit: without them the SDK probes a cloud metadata address.
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    return (
        MetaStudioClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(DEV_AK, DEV_SK, PROJECT_ID))
        .with_endpoints([base_url])
        .build()
    )


def _start(client: MetaStudioClient, room_id: str) -> str:
    body = StartSmartLiveReq(output_urls=["rtmp://127.0.0.1/live/a"])
    response = client.start_smart_live(StartSmartLiveRequest(room_id=room_id, body=body))
    assert response.status_code == 202
    return str(response.job_id)


def _show(client: MetaStudioClient, room_id: str, job_id: str) -> Any:
    return client.show_smart_live(ShowSmartLiveRequest(room_id=room_id, job_id=job_id))


def test_show_a_started_job(mock_url: str) -> None:
    client = _client(mock_url)
    job_id = _start(client, "room-show")
    shown = _show(client, "room-show", job_id)
    assert shown.status_code == 200
    assert shown.job_id == job_id
    assert shown.room_id == "room-show"
    assert shown.state == "PROCESSING"
    assert RFC3339.fullmatch(shown.create_time) and RFC3339.fullmatch(shown.start_time)
    assert shown.end_time is None
    assert shown.rtc_room_info.users[0].user_type == "PLAYER"
    assert shown.x_request_id


def test_list_the_jobs_of_a_room(mock_url: str) -> None:
    client = _client(mock_url)
    jobs = [_start(client, "room-list") for _ in range(3)]
    client.stop_smart_live(StopSmartLiveRequest(room_id="room-list", job_id=jobs[0]))
    everything = client.list_smart_live(ListSmartLiveRequest(room_id="room-list", limit=100))
    assert everything.status_code == 200
    assert everything.count == 3
    assert [job.job_id for job in everything.smart_live_jobs] == jobs
    live = client.list_smart_live(
        ListSmartLiveRequest(
            room_id="room-list", state="WAITING,PROCESSING", sort_key="create_time", sort_dir="desc"
        )
    )
    assert live.count == 2
    assert [job.job_id for job in live.smart_live_jobs] == jobs[:0:-1]
    page = client.list_smart_live(ListSmartLiveRequest(room_id="room-list", offset=1, limit=1))
    assert page.count == 3
    assert [job.job_id for job in page.smart_live_jobs] == [jobs[1]]


def test_execute_commands(mock_url: str) -> None:
    client = _client(mock_url)
    job_id = _start(client, "room-command")

    def command(name: str, params: dict[str, Any] | None = None) -> Any:
        request = ExecuteSmartLiveCommandRequest(
            room_id="room-command",
            job_id=job_id,
            body=ControlSmartLiveReq(command=name, params=params),
        )
        return client.execute_smart_live_command(request)

    reset = command("RESET_EXIT_CONFIG", {"max_live_duration": 168, "auto_stop_mode": "FORCE_EXIT"})
    assert reset.status_code == 200
    assert reset.command == "RESET_EXIT_CONFIG"
    assert reset.result == "SUCCESS"
    assert reset.command_id
    config = command("GET_LIVE_JOB_CONFIG_INFO")
    assert config.command_id != reset.command_id
    assert json.loads(config.result)["play_policy"]["live_exit_config"]["max_live_duration"] == 168
    scripts = command("GET_CURRENT_PLAYING_SCRIPTS")
    assert isinstance(json.loads(scripts.result), dict)


def test_stop_and_stop_again(mock_url: str) -> None:
    client = _client(mock_url)
    job_id = _start(client, "room-stop")
    request = StopSmartLiveRequest(room_id="room-stop", job_id=job_id)
    assert client.stop_smart_live(request).status_code == 200
    shown = _show(client, "room-stop", job_id)
    assert shown.state == "SUCCEED"
    assert RFC3339.fullmatch(shown.end_time)
    assert client.stop_smart_live(request).status_code == 200
    assert _show(client, "room-stop", job_id).end_time == shown.end_time
    ended = ExecuteSmartLiveCommandRequest(
        room_id="room-stop",
        job_id=job_id,
        body=ControlSmartLiveReq(command="GET_CURRENT_PLAYING_SCRIPTS"),
    )
    with pytest.raises(ClientRequestException) as caught:
        client.execute_smart_live_command(ended)
    assert caught.value.status_code == 400
    assert caught.value.error_code == "MOCK.JOB_NOT_LIVE"


def test_an_unknown_job_is_a_404_the_sdk_reads(mock_url: str) -> None:
    client = _client(mock_url)
    job_id = _start(client, "room-a")
    for room_id, wanted in [("room-a", "no-such-job"), ("room-b", job_id)]:
        with pytest.raises(ClientRequestException) as caught:
            _show(client, room_id, wanted)
        assert caught.value.status_code == 404
        assert caught.value.error_code == "MOCK.JOB_NOT_FOUND"
        assert wanted in caught.value.error_msg


def test_the_sdk_retries_a_stop_through_injected_faults() -> None:
    with serving(create_app(seed=13, processing_delay=0, fail_stops=3)) as base_url:
        client = _client(base_url)
        job_id = _start(client, "room-retry")
        request = StopSmartLiveRequest(room_id="room-retry", job_id=job_id)
        with pytest.raises(ServerResponseException) as caught:
            client.stop_smart_live(request)  # no retry: the first fault is the answer
        assert caught.value.status_code == 503
        assert caught.value.error_code == "MOCK.INJECTED_FAULT"
        assert _show(client, "room-retry", job_id).state == "PROCESSING"

        attempts: list[int] = []

        def on_503(response: Any, error: SdkException | None) -> bool:
            status = getattr(error, "status_code", None) if error is not None else 200
            attempts.append(int(status or 0))
            return status == 503

        stopped = (
            client.stop_smart_live_invoker(request)
            .with_retry(on_503, 5, NoBackoffStrategy())
            .invoke()
        )
        assert stopped.status_code == 200
        assert attempts == [503, 503, 200]
        assert _show(client, "room-retry", job_id).state == "SUCCEED"
