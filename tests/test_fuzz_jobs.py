"""The live run's job keeper: every page listed, a stop confirmed by a show, lax answers read, bounded."""

from __future__ import annotations

import httpx

from fuzz.jobs import LIST_PAGE, JobKeeper
from fuzz.settings import lifecycle_of
from tests.conftest import SPEC
from tests.smart_live_service import JOB, ROOM, Service, sync_client

LIFECYCLE = lifecycle_of(SPEC)


def keeper(service: Service, sleeps: list[float]) -> JobKeeper:
    return JobKeeper(sync_client(service), ROOM, LIFECYCLE, sleep=sleeps.append)


def test_a_stop_counts_once_a_show_says_the_job_no_longer_runs() -> None:
    service = Service().then("show", (200, {"job_id": JOB, "state": "PROCESSING"}))
    service.then("show", (200, {"job_id": JOB, "state": "SUCCEED"}))
    sleeps: list[float] = []
    assert keeper(service, sleeps).stop(JOB) is True
    assert len(service.sent("stop")) == 2 and len(service.sent("show")) == 2
    assert sleeps == [0.5]


def test_a_first_404_is_tried_again_a_later_one_means_gone() -> None:
    # Right after a start the job may not be visible yet: the first 404 proves nothing.
    service = Service().then("stop", (404, {"error_code": "X", "error_msg": "no job"}))
    service.then("stop", (404, {"error_code": "X", "error_msg": "no job"}))
    assert keeper(service, []).stop(JOB) is True
    assert len(service.sent("stop")) == 2


def test_stops_that_keep_failing_end_after_a_bounded_number_of_attempts() -> None:
    service = Service()
    service.answer = lambda op, _: (503, {"error_code": "X", "error_msg": "busy"})
    sleeps: list[float] = []
    assert keeper(service, sleeps).stop(JOB) is False
    assert len(sleeps) == 7  # eight attempts, a back-off between each (the SDK's retries inside)


def test_answers_the_sdk_models_refuse_are_still_read_for_ids_and_states() -> None:
    # A lax service echoes back what it accepted: an out-of-enum value the SDK's models refuse.
    lax = {"job_id": JOB, "state": "PROCESSING", "view_mode": "SIDEWAYS", "used_resource_type": 7}
    service = Service()
    service.answer = lambda op, _: (200, {"count": 1, "smart_live_jobs": [lax]})
    assert keeper(service, []).states() == {JOB: "PROCESSING"}


def test_every_page_of_the_room_is_listed() -> None:
    jobs = [{"job_id": f"job-{i:03}", "state": "SUCCEED"} for i in range(2 * LIST_PAGE + 5)]

    def page(op: str, request: httpx.Request) -> tuple[int, object]:
        offset = int(request.url.params["offset"])
        return 200, {"count": len(jobs), "smart_live_jobs": jobs[offset : offset + LIST_PAGE]}

    service = Service()
    service.answer = page
    states = keeper(service, []).states()
    assert len(states) == len(jobs) and len(service.sent("list")) == 3
    assert keeper(service, []).live(states | {"x": "WAITING", "y": "FAILED"}) == ["x"]
