"""x-lifecycle helpers: live_job starts a job and always stops it (confirmed, retried, bounded);
wait_for polls show until a state, on a fake clock."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from metastudio import (
    AsyncClient,
    Client,
    LifecycleError,
    PermissionDeniedError,
    RetryPolicy,
    StopNotConfirmedError,
    WaitTimeoutError,
)
from metastudio.models import StartSmartLiveResponse
from tests.smart_live_service import (
    JOB,
    MODES,
    PROJECT_ID,
    ROOM,
    TOKEN,
    FakeTime,
    Mode,
    Service,
    make_client,
)

URL = "rtmp://127.0.0.1/live/a"
STREAM_KEY = "sk-stream-S3cret-key"


class Boom(Exception):
    """What the block raises."""


def live(
    mode: Mode,
    service: Service,
    body: Any = None,
    *,
    time: FakeTime | None = None,
    client_options: dict[str, Any] | None = None,
    **kwargs: Any,
) -> list[Any]:
    """Run `body(started)` inside live_job(ROOM, output_urls=[URL], **kwargs); what it saw."""
    seen: list[Any] = []
    client = make_client(mode, service, time=time or FakeTime(), **(client_options or {}))
    arguments = {"output_urls": [URL], "stream_keys": [STREAM_KEY], **kwargs}
    if isinstance(client, Client):
        with client, client.smart_live.live_job(ROOM, **arguments) as started:
            seen.append(started)
            seen.append([r.url.path for r in service.requests])
            if body:
                body(started)
        return seen

    async def go(client: AsyncClient) -> None:
        async with client, client.smart_live.live_job(ROOM, **arguments) as started:
            seen.append(started)
            seen.append([r.url.path for r in service.requests])
            if body:
                result = body(started)
                if asyncio.iscoroutine(result):
                    await result

    asyncio.run(go(client))
    return seen


STOP_PATH = f"/v1/{PROJECT_ID}/smart-live-rooms/{ROOM}/smart-live-jobs/{JOB}/stop"


def raise_(error: BaseException) -> Any:
    def body(started: Any) -> None:
        raise error

    return body


@pytest.mark.parametrize("mode", MODES)
def test_the_job_is_stopped_when_the_block_ends(mode: Mode) -> None:
    service = Service()
    started, inside = live(mode, service)
    assert isinstance(started, StartSmartLiveResponse) and started.job_id == JOB
    assert len(inside) == 1  # only the start while inside the block
    assert [r.url.path for r in service.sent("stop")] == [STOP_PATH]
    assert [r.method for r in service.requests] == ["POST", "POST"]


@pytest.mark.parametrize("mode", MODES)
def test_an_exception_in_the_block_stops_the_job_and_propagates(mode: Mode) -> None:
    service = Service()
    with pytest.raises(Boom):
        live(mode, service, raise_(Boom("inside the block")))
    assert len(service.sent("stop")) == 1


@pytest.mark.parametrize("mode", MODES)
def test_keyboard_interrupt_in_the_block_stops_the_job_and_propagates(mode: Mode) -> None:
    service = Service()
    with pytest.raises(KeyboardInterrupt):
        live(mode, service, raise_(KeyboardInterrupt()))
    assert len(service.sent("stop")) == 1


def test_cancellation_of_an_async_block_stops_the_job() -> None:
    service = Service()

    async def cancelled(started: Any) -> None:
        task = asyncio.current_task()
        assert task is not None
        task.cancel()
        await asyncio.sleep(0)

    with pytest.raises(asyncio.CancelledError):
        live("async", service, cancelled)
    assert len(service.sent("stop")) == 1


@pytest.mark.parametrize("mode", MODES)
def test_a_stop_answered_503_twice_then_200_is_retried_and_confirmed(mode: Mode) -> None:
    service = Service().then("stop", 503, 503, 200)
    live(mode, service)
    assert [r.url.path for r in service.sent("stop")] == [STOP_PATH] * 3


@pytest.mark.parametrize("mode", MODES)
def test_stops_are_tried_again_after_the_calls_own_retries_are_spent(mode: Mode) -> None:
    # No retries in the call itself: each 503 ends one stop; the lifecycle sends the next.
    service = Service().then("stop", 503, 502, 200)
    time = FakeTime()
    live(mode, service, time=time, client_options={"retry": RetryPolicy(max_retries=0)})
    assert len(service.sent("stop")) == 3
    assert len(time.sleeps) == 2  # a back-off before each new stop, on the fake clock


@pytest.mark.parametrize("mode", MODES)
def test_a_404_after_an_earlier_attempt_counts_as_stopped(mode: Mode) -> None:
    service = Service().then("stop", 500, 404, 500)
    live(mode, service, client_options={"retry": RetryPolicy(max_retries=0)})
    assert len(service.sent("stop")) == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_404_on_the_first_attempt_is_tried_again(mode: Mode) -> None:
    service = Service().then("stop", 404, 200)
    live(mode, service)
    assert len(service.sent("stop")) == 2


@pytest.mark.parametrize("mode", MODES)
def test_an_unconfirmed_stop_names_the_job_and_chains_the_blocks_exception(mode: Mode) -> None:
    service = Service().then("stop", *[503] * 20)
    with pytest.raises(StopNotConfirmedError) as info:
        live(mode, service, raise_(Boom("inside")), stop_attempts=2)
    error = info.value
    assert isinstance(error.__cause__, Boom)
    assert JOB in str(error) and error.id == JOB and error.id_name == "job_id"
    assert error.attempts == 2 and "InternalServerError" in str(error)
    assert len(service.sent("stop")) == 2 * 3  # two stops, each retried twice by the call
    for secret in (TOKEN, STREAM_KEY):
        assert secret not in str(error) and secret not in repr(error.last_error)


@pytest.mark.parametrize("mode", MODES)
def test_an_unconfirmed_stop_after_a_normal_exit_is_chained_to_the_last_stop_error(
    mode: Mode,
) -> None:
    service = Service().then("stop", *[503] * 20)
    with pytest.raises(StopNotConfirmedError) as info:
        live(mode, service, stop_attempts=1)
    assert info.value.__cause__ is info.value.last_error
    assert len(service.sent("stop")) == 3


@pytest.mark.parametrize("mode", MODES)
def test_a_refusal_ends_the_attempts_at_once(mode: Mode) -> None:
    service = Service().then("stop", 403)
    with pytest.raises(StopNotConfirmedError) as info:
        live(mode, service)
    assert isinstance(info.value.last_error, PermissionDeniedError)
    assert len(service.sent("stop")) == 1


@pytest.mark.parametrize("mode", MODES)
def test_the_deadline_bounds_the_stops(mode: Mode) -> None:
    service = Service().then("stop", *[503] * 20)
    policy = RetryPolicy(max_retries=0, initial_delay=10.0, max_delay=100.0, jitter=0.0)
    time = FakeTime()
    with pytest.raises(StopNotConfirmedError) as info:
        live(mode, service, time=time, client_options={"retry": policy}, stop_deadline=25.0)
    # Stops at 0 and 10 (fake) seconds; the next would come at 30, past the deadline.
    assert len(service.sent("stop")) == 2 and info.value.attempts == 2
    assert time.sleeps == [10.0]


@pytest.mark.parametrize("mode", MODES)
def test_the_stop_gets_the_starts_room_project_and_user(mode: Mode) -> None:
    service = Service()
    live(mode, service, project_id="other-project", app_user_id="user-7")
    (stop,) = service.sent("stop")
    assert stop.url.path == f"/v1/other-project/smart-live-rooms/{ROOM}/smart-live-jobs/{JOB}/stop"
    assert stop.headers["X-App-UserId"] == "user-7"
    assert stop.headers["X-Project-Id"] == "other-project"


@pytest.mark.parametrize("mode", MODES)
def test_a_failed_start_stops_nothing(mode: Mode) -> None:
    service = Service().then("start", 400)
    with pytest.raises(Exception, match="HTTP 400"):
        live(mode, service)
    assert service.sent("stop") == []


@pytest.mark.parametrize("mode", MODES)
def test_an_accepted_start_whose_answer_does_not_parse_is_still_stopped(mode: Mode) -> None:
    service = Service().then("start", (202, {"job_id": JOB, "live_event_callback_config": 3}))
    with pytest.raises(Exception, match="does not fit the spec") as info:
        live(mode, service)
    assert type(info.value).__name__ == "ResponseValidationError"
    assert [r.url.path for r in service.sent("stop")] == [STOP_PATH]


@pytest.mark.parametrize("mode", MODES)
def test_a_start_without_a_job_id_is_a_lifecycle_error(mode: Mode) -> None:
    service = Service().then("start", (202, {}))
    with pytest.raises(LifecycleError, match="no job_id"):
        live(mode, service)
    assert service.sent("stop") == []


# --------------------------------------------------------------------------- wait_for


def states(*names: str) -> Service:
    """A service whose shows answer these states in turn, the last one forever."""
    service = Service()
    answers = list(names)

    def answer(op: str, request: Any) -> tuple[int, Any]:
        state = answers.pop(0) if len(answers) > 1 else answers[0]
        return 200, {"job_id": JOB, "state": state}

    service.answer = answer
    return service


def wait(mode: Mode, service: Service, time: FakeTime, *args: Any, **kwargs: Any) -> Any:
    client = make_client(mode, service, time=time)
    if isinstance(client, Client):
        with client:
            return client.smart_live.wait_for(ROOM, JOB, *args, **kwargs)

    async def go(client: AsyncClient) -> Any:
        async with client:
            return await client.smart_live.wait_for(ROOM, JOB, *args, **kwargs)

    return asyncio.run(go(client))


@pytest.mark.parametrize("mode", MODES)
def test_wait_for_returns_when_the_state_is_reached(mode: Mode) -> None:
    service, time = states("WAITING", "WAITING", "PROCESSING"), FakeTime()
    job = wait(mode, service, time, ["PROCESSING"], timeout=60, interval=5)
    assert job.state == "PROCESSING" and job.job_id == JOB
    assert len(service.sent("show")) == 3
    assert time.sleeps == [5, 5]


@pytest.mark.parametrize("mode", MODES)
def test_wait_for_takes_one_state_too(mode: Mode) -> None:
    service, time = states("WAITING", "PROCESSING"), FakeTime()
    assert wait(mode, service, time, "PROCESSING").state == "PROCESSING"


@pytest.mark.parametrize("mode", MODES)
def test_wait_for_times_out(mode: Mode) -> None:
    service, time = states("WAITING"), FakeTime()
    with pytest.raises(WaitTimeoutError) as info:
        wait(mode, service, time, ["PROCESSING"], timeout=30, interval=10)
    error = info.value
    assert isinstance(error, TimeoutError) and isinstance(error, LifecycleError)
    assert error.state == "WAITING" and error.states == ("PROCESSING",)
    assert JOB in str(error) and "PROCESSING" in str(error)
    assert len(service.sent("show")) == 4  # at 0, 10, 20 and 30 fake seconds
    assert TOKEN not in str(error)


@pytest.mark.parametrize("mode", MODES)
def test_wait_for_stops_early_when_the_job_has_ended_otherwise(mode: Mode) -> None:
    service, time = states("WAITING", "FAILED"), FakeTime()
    with pytest.raises(LifecycleError, match="ended as FAILED") as info:
        wait(mode, service, time, ["PROCESSING"], timeout=600)
    assert not isinstance(info.value, WaitTimeoutError)
    assert len(service.sent("show")) == 2


@pytest.mark.parametrize("mode", MODES)
def test_wait_for_an_end_state(mode: Mode) -> None:
    service, time = states("PROCESSING", "SUCCEED"), FakeTime()
    assert wait(mode, service, time, ["SUCCEED", "FAILED"]).state == "SUCCEED"


@pytest.mark.parametrize("mode", MODES)
def test_wait_for_polls_through_a_failing_show_by_its_own_retries(mode: Mode) -> None:
    service, time = states("WAITING", "PROCESSING"), FakeTime()
    service.then("show", 503)
    assert wait(mode, service, time, ["PROCESSING"]).state == "PROCESSING"
    assert len(service.sent("show")) == 3


def test_the_helpers_exist_only_where_the_spec_has_x_lifecycle() -> None:
    from metastudio.resources.smart_live import AsyncSmartLive, SmartLive

    for resource in (SmartLive, AsyncSmartLive):
        public = {name for name in dir(resource) if not name.startswith("_")}
        assert public == {"command", "list", "live_job", "show", "start", "stop", "wait_for"}
