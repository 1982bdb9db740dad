"""The stateful mock: jobs started, shown, listed, commanded and stopped, states by the test's clock."""

from __future__ import annotations

import dataclasses
import json
import random
import uuid
from pathlib import Path
from typing import Any

import pytest

from mockserver import bodies, create_app
from mockserver.jobs import Job, MemoryJobStore, SqliteJobStore, StateFileError
from mockserver.lifecycle import OPERATION_IDS
from tests.mock_lifecycle import SPEC_DATA, T0, Mock, component

SMART_LIVE_JOB = component("SmartLiveJob")
LIST_RESPONSE = component("ListSmartLiveResponse")
COMMAND_RESPONSE = component("ExecuteSmartLiveCommandResponse")
START_RESPONSE = component("StartSmartLiveResponse")

RICH = {
    "output_urls": ["rtmp://127.0.0.1/live/a"],
    "stream_keys": ["stream-key-secret"],
    "play_policy": {"live_exit_config": {"max_live_duration": 2, "auto_stop_mode": "SCENE_END"}},
    "live_event_callback_config": {
        "live_event_type_callback_url": "https://127.0.0.1/callback",
        "auth_type": "NONE",
        "callback_event_type": ["SHOOT_SCRIPT_SWITCH"],
    },
    "rtc_callback_config": {"rtc_callback_event_type": ["LIVE_PROGRESS"]},
}


def valid(schema: Any, body: Any) -> None:
    violation = schema.check(body, "answer")
    assert violation is None, violation.render()


def test_a_started_job_is_shown_as_a_valid_smart_live_job() -> None:
    mock = Mock()
    started = mock.start(RICH)
    assert started.status_code == 202
    valid(START_RESPONSE, started.json())
    shown = mock.show(started.json()["job_id"])
    assert shown.status_code == 200
    job = shown.json()
    valid(SMART_LIVE_JOB, job)
    assert job["job_id"] == started.json()["job_id"]
    assert job["room_id"] == "room-1"
    assert job["state"] == "PROCESSING"  # processing delay 0
    assert job["create_time"] == job["start_time"] == "2026-11-25T12:00:00Z"
    assert "end_time" not in job
    assert job["rtc_room_info"] == started.json()["rtc_room_info"]
    assert job["live_event_report_url"] == started.json()["live_event_report_url"]
    assert job["live_event_callback_config"] == RICH["live_event_callback_config"]
    assert job["rtc_callback_config"] == RICH["rtc_callback_config"]
    assert "stream-key-secret" not in shown.text


def test_waiting_until_the_processing_delay_has_passed() -> None:
    mock = Mock(processing_delay=2)
    job_id = mock.started()
    shown = mock.show(job_id).json()
    assert shown["state"] == "WAITING"
    assert "start_time" not in shown and shown["duration"] == 0
    mock.clock.advance(seconds=1.5)
    assert mock.state(job_id) == "WAITING"
    mock.clock.advance(seconds=0.5)
    shown = mock.show(job_id).json()
    assert shown["state"] == "PROCESSING"
    assert shown["start_time"] == "2026-11-25T12:00:02Z"
    mock.clock.advance(seconds=10)
    assert mock.show(job_id).json()["duration"] == 10


def test_stop_ends_the_job_and_stopping_again_changes_nothing() -> None:
    mock = Mock()
    job_id = mock.started()
    mock.clock.advance(seconds=30)
    stopped = mock.stop(job_id)
    assert stopped.status_code == 200
    assert stopped.content == b""
    first = mock.show(job_id).json()
    valid(SMART_LIVE_JOB, first)
    assert first["state"] == "SUCCEED"
    assert first["end_time"] == first["lastupdate_time"] == "2026-11-25T12:00:30Z"
    assert first["duration"] == 30
    mock.clock.advance(seconds=30)
    assert mock.stop(job_id).status_code == 200
    assert mock.show(job_id).json() == first


def test_a_job_stopped_while_waiting_never_started() -> None:
    mock = Mock(processing_delay=5)
    job_id = mock.started()
    mock.clock.advance(seconds=1)
    assert mock.stop(job_id).status_code == 200
    mock.clock.advance(seconds=10)
    shown = mock.show(job_id).json()
    assert shown["state"] == "SUCCEED"
    assert "start_time" not in shown
    assert shown["duration"] == 0


def test_max_live_duration_ends_the_job_that_many_hours_after_it_started() -> None:
    mock = Mock(processing_delay=2)
    job_id = mock.started(RICH)  # max_live_duration 2 (hours)
    mock.clock.advance(hours=2)
    assert mock.state(job_id) == "PROCESSING"  # started 2 s after creation
    mock.clock.advance(seconds=2)
    shown = mock.show(job_id).json()
    assert shown["state"] == "SUCCEED"
    assert shown["end_time"] == "2026-11-25T14:00:02Z"
    assert shown["duration"] == 7200
    assert mock.stop(job_id).status_code == 200  # already ended: still 200, still that end
    assert mock.show(job_id).json()["end_time"] == "2026-11-25T14:00:02Z"


@pytest.mark.parametrize("hours", [0, None], ids=["zero", "absent"])
def test_no_max_live_duration_means_no_limit(hours: int | None) -> None:
    mock = Mock()
    exit_config = {} if hours is None else {"max_live_duration": hours}
    job_id = mock.started({"play_policy": {"live_exit_config": exit_config}})
    mock.clock.advance(days=30)
    assert mock.state(job_id) == "PROCESSING"


def test_reset_exit_config_sets_a_new_limit_from_the_start_of_the_live() -> None:
    mock = Mock()
    job_id = mock.started(RICH)
    mock.clock.advance(minutes=30)
    reset = {"command": "RESET_EXIT_CONFIG", "params": {"max_live_duration": 1}}
    answer = mock.command(job_id, reset)
    assert answer.status_code == 200
    valid(COMMAND_RESPONSE, answer.json())
    assert answer.json()["command"] == "RESET_EXIT_CONFIG"
    assert answer.json()["result"] == "SUCCESS"
    mock.clock.advance(minutes=29)
    assert mock.state(job_id) == "PROCESSING"
    mock.clock.advance(minutes=1)
    shown = mock.show(job_id).json()
    assert shown["state"] == "SUCCEED"
    assert shown["end_time"] == "2026-11-25T13:00:00Z"


def test_a_limit_reset_to_one_already_passed_ends_the_job_at_once() -> None:
    mock = Mock()
    job_id = mock.started()
    mock.clock.advance(hours=3)
    mock.command(job_id, {"command": "RESET_EXIT_CONFIG", "params": {"max_live_duration": 1}})
    shown = mock.show(job_id).json()
    assert shown["state"] == "SUCCEED"
    assert shown["end_time"] == "2026-11-25T15:00:00Z"


def test_config_info_follows_reset_and_refresh_commands() -> None:
    mock = Mock()
    job_id = mock.started(RICH)

    def config() -> Any:
        answer = mock.command(job_id, {"command": "GET_LIVE_JOB_CONFIG_INFO"})
        assert answer.status_code == 200
        valid(COMMAND_RESPONSE, answer.json())
        return json.loads(answer.json()["result"])

    before = config()
    assert before["output_urls"] == ["rtmp://127.0.0.1/live/a"]
    assert before["play_policy"]["live_exit_config"]["auto_stop_mode"] == "SCENE_END"
    refresh = {"command": "REFRESH_OUTPUT_URL", "params": {"output_urls": ["rtmp://127.0.0.1/b"]}}
    assert mock.command(job_id, refresh).json()["result"] == "SUCCESS"
    mock.command(job_id, {"command": "RESET_EXIT_CONFIG", "params": {"max_live_duration": 5}})
    after = config()
    assert after["output_urls"] == ["rtmp://127.0.0.1/b"]
    assert after["play_policy"]["live_exit_config"] == {"max_live_duration": 5}


@pytest.mark.parametrize(
    "command",
    [
        {"command": "INSERT_PLAY_SCRIPT", "params": {"text_config": {"text": "hello"}}},
        {"command": "INSERT_PLAY_AUDIO", "params": {"audio_url": "https://127.0.0.1/a.wav"}},
        {"command": "REWRITE_PLAY_SCRIPT", "params": {}},
        {"command": "REWRITE_INTERACTION_RULES", "params": {}},
        {"command": "GET_CURRENT_PLAYING_SCRIPTS"},
        {"command": "REFRESH_OUTPUT_URL", "params": {}},
        {"command": "GET_LIVE_JOB_CONFIG_INFO"},
        {"command": "CLEAN_UP_INSERT_COMMAND", "params": {}},
        {"command": "RESET_EXIT_CONFIG", "params": {}},
    ],
    ids=lambda body: body["command"],
)
def test_every_command_gets_a_fresh_id_and_a_valid_answer(command: dict[str, Any]) -> None:
    mock = Mock()
    job_id = mock.started()
    first, second = mock.command(job_id, command), mock.command(job_id, command)
    for answer in (first, second):
        assert answer.status_code == 200, answer.text
        valid(COMMAND_RESPONSE, answer.json())
        assert answer.json()["command"] == command["command"]
    assert first.json()["command_id"] != second.json()["command_id"]
    result = first.json()["result"]
    if command["command"].startswith("GET_"):
        assert isinstance(json.loads(result), dict)
    else:
        assert result == "SUCCESS"


def test_a_command_to_an_ended_job_is_a_400_saying_it_is_not_live() -> None:
    mock = Mock()
    job_id = mock.started()
    mock.stop(job_id)
    answer = mock.command(job_id, {"command": "GET_CURRENT_PLAYING_SCRIPTS"})
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "MOCK.JOB_NOT_LIVE"
    assert "not live" in answer.json()["error_msg"]
    assert job_id in answer.json()["error_msg"]


def test_a_command_to_a_waiting_job_is_taken() -> None:
    mock = Mock(processing_delay=10)
    job_id = mock.started()
    assert mock.command(job_id, {"command": "GET_CURRENT_PLAYING_SCRIPTS"}).status_code == 200


@pytest.mark.parametrize("operation", ["show", "stop", "command"])
def test_an_unknown_job_or_one_of_another_room_or_project_is_a_404(operation: str) -> None:
    mock = Mock()
    job_id = mock.started(room="room-1")
    body = {"command": "GET_CURRENT_PLAYING_SCRIPTS"}
    for room, project, wanted in [
        ("room-1", "proj-1", "no-such-job"),
        ("room-2", "proj-1", job_id),
        ("room-1", "proj-2", job_id),
    ]:
        if operation == "show":
            answer = mock.show(wanted, room, project)
        elif operation == "stop":
            answer = mock.stop(wanted, room, project)
        else:
            answer = mock.command(wanted, body, room, project)
        assert answer.status_code == 404, (room, project, wanted)
        assert answer.json() == {
            "error_code": "MOCK.JOB_NOT_FOUND",
            "error_msg": f"No smart live job {wanted} in room {room} of project {project}",
        }
    assert mock.state(job_id) == "PROCESSING"  # stops of other rooms did not reach it


def _ids(answer: Any) -> list[str]:
    assert answer.status_code == 200, answer.text
    valid(LIST_RESPONSE, answer.json())
    return [job["job_id"] for job in answer.json()["smart_live_jobs"]]


def test_list_pages_filters_and_sorts() -> None:
    mock = Mock()
    jobs = []
    for _ in range(5):
        jobs.append(mock.started())
        mock.clock.advance(minutes=1)
    mock.started(room="room-2")  # another room: never listed here
    mock.stop(jobs[1])
    mock.stop(jobs[3])

    everything = mock.list()
    assert everything.json()["count"] == 5
    assert _ids(everything) == jobs
    assert _ids(mock.list(sort_dir="desc")) == jobs[::-1]
    assert _ids(mock.list(offset=1, limit=2)) == jobs[1:3]
    assert mock.list(offset=1, limit=2).json()["count"] == 5
    assert _ids(mock.list(offset=10)) == []
    assert _ids(mock.list(state="SUCCEED")) == [jobs[1], jobs[3]]
    assert _ids(mock.list(state="PROCESSING,SUCCEED")) == jobs
    assert mock.list(state="WAITING").json() == {"count": 0, "smart_live_jobs": []}
    # Stopped at 12:05: those two were the last updated.
    assert _ids(mock.list(sort_key="update_time")) == [jobs[0], jobs[2], jobs[4], jobs[1], jobs[3]]
    # asset_order: the mock knows no assets and orders by create_time.
    assert _ids(mock.list(sort_key="asset_order", sort_dir="desc")) == jobs[::-1]
    assert _ids(mock.list(create_since="2026-11-25T12:02:00Z")) == jobs[2:]
    assert _ids(mock.list(create_until="2026-11-25T12:02:00Z")) == jobs[:3]
    window = {"create_since": "2026-11-25T20:01:00+08:00", "create_until": "2026-11-25T12:03:30Z"}
    assert _ids(mock.list(**window)) == jobs[1:4]


def test_list_defaults_to_ten_jobs_and_takes_up_to_a_hundred() -> None:
    mock = Mock()
    jobs = [mock.started() for _ in range(12)]
    assert _ids(mock.list()) == jobs[:10]
    assert _ids(mock.list(limit=100)) == jobs
    assert mock.list(limit=101).status_code == 400


@pytest.mark.parametrize("name", ["create_since", "create_until"])
@pytest.mark.parametrize(
    "value", ["", "yesterday", "2021-01-10", "2021-13-10T08:43:17Z", "1610268197"]
)
def test_list_with_an_unparseable_time_is_a_400_naming_the_parameter(name: str, value: str) -> None:
    answer = Mock().list(**{name: value})
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "MSS.00000003"
    assert f"query {name}" in answer.json()["error_msg"]
    assert "RFC 3339" in answer.json()["error_msg"]


def test_single_job_in_room_is_refused_while_the_room_has_a_live_job() -> None:
    mock = Mock()
    single = {"job_run_config": {"single_job_in_room": True}}
    first = mock.started()
    refused = mock.start(single)
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "MOCK.ROOM_HAS_LIVE_JOB"
    assert first in refused.json()["error_msg"]
    assert mock.started(single, room="room-2")  # another room is free
    mock.stop(first)
    assert mock.started(single)


def test_a_live_single_job_refuses_later_starts_until_it_ends() -> None:
    mock = Mock()
    owner = mock.started({"job_run_config": {"single_job_in_room": True}})
    refused = mock.start()
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "MOCK.ROOM_HAS_LIVE_JOB"
    assert owner in refused.json()["error_msg"]
    mock.stop(owner)
    assert mock.started()
    assert mock.list().json()["count"] == 2


def test_without_the_flag_jobs_run_side_by_side() -> None:
    mock = Mock()
    flag_off = {"job_run_config": {"single_job_in_room": False}}
    assert len({mock.started(), mock.started(flag_off), mock.started()}) == 3
    assert mock.list(state="PROCESSING").json()["count"] == 3


def test_prefer_answers_as_documented_and_keeps_no_job() -> None:
    mock = Mock()
    doc = mock.start(Prefer="example=doc")
    assert doc.json() == {"job_id": "26f06524-4f75-4b3a-a853-b649a21aaf66"}
    assert mock.start(Prefer="code=400").status_code == 400
    assert mock.start(Prefer="code=202").status_code == 202
    forced = mock.call("GET", "/v1/proj-1/smart-live-rooms/room-1/smart-live-jobs/x", headers={})
    assert forced.status_code == 404  # no Prefer: the store answers
    shown = mock.call(
        "GET",
        "/v1/proj-1/smart-live-rooms/room-1/smart-live-jobs/x",
        headers={"Prefer": "code=200"},
    )
    assert shown.status_code == 200  # Prefer: a seeded SmartLiveJob, as before
    assert mock.list().json()["count"] == 0


def test_stop_faults_answer_503_and_leave_the_job_live() -> None:
    mock = Mock(fail_stops=2)
    job_id = mock.started()
    for left in (1, 0):
        answer = mock.stop(job_id)
        assert answer.status_code == 503
        assert answer.json()["error_code"] == "MOCK.INJECTED_FAULT"
        assert f"{left} more" in answer.json()["error_msg"]
        assert mock.state(job_id) == "PROCESSING"
    assert mock.stop(job_id).status_code == 200
    assert mock.state(job_id) == "SUCCEED"
    assert mock.stop(job_id).status_code == 200  # faults spent


def test_injected_failures_end_the_first_jobs_failed_when_they_would_have_gone_live() -> None:
    mock = Mock(processing_delay=30, fail_jobs=2)
    failing = mock.started(RICH)
    stopped_first = mock.started()
    mock.stop(stopped_first)  # while WAITING: it ends as a stop ends it, SUCCEED
    healthy = mock.started(room="room-2")  # the failures are spent on the two starts before
    assert mock.state(failing) == "WAITING"
    assert "error_info" not in mock.show(failing).json()
    mock.clock.advance(seconds=30)
    shown = mock.show(failing).json()
    valid(SMART_LIVE_JOB, shown)
    assert shown["state"] == "FAILED"
    assert shown["error_info"]["error_code"] == "MOCK.INJECTED_FAILURE"
    assert "--fail-jobs" in shown["error_info"]["error_msg"]
    assert shown["end_time"] == shown["lastupdate_time"] == "2026-11-25T12:00:30Z"
    assert "start_time" not in shown and shown["duration"] == shown["stream_duration"] == 0
    assert mock.state(stopped_first) == "SUCCEED"
    assert mock.state(healthy, room="room-2") == "PROCESSING"
    listed = mock.list(state="FAILED").json()
    assert [job["job_id"] for job in listed["smart_live_jobs"]] == [failing]
    refused = mock.command(failing, {"command": "GET_CURRENT_PLAYING_SCRIPTS"})
    assert (refused.status_code, refused.json()["error_code"]) == (400, "MOCK.JOB_NOT_LIVE")
    assert mock.stop(failing).status_code == 200  # an ended job: nothing changes
    assert mock.show(failing).json() == shown
    # A single-job start is not refused for a failed job in the room: it is not live.
    assert mock.start({"job_run_config": {"single_job_in_room": True}}).status_code == 202


def test_a_spec_without_all_five_operations_is_served_statelessly(tmp_path: Path) -> None:
    assert Mock().app.lifecycle is not None
    only_start = tmp_path / "start-only.yaml"
    document = json.loads(json.dumps(SPEC_DATA))
    for path in list(document["paths"]):
        if path != "/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs":
            del document["paths"][path]
    del document["paths"]["/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs"]["get"]
    only_start.write_text(json.dumps(document))
    app = create_app(only_start, seed=1)
    assert app.lifecycle is None


def test_the_spec_names_the_lifecycle_the_mock_keeps() -> None:
    start = SPEC_DATA["paths"]["/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs"]
    lifecycle = start["post"]["x-lifecycle"]
    assert (lifecycle["show"], lifecycle["list"], lifecycle["stop"]) == OPERATION_IDS[1:4]
    assert lifecycle["live_states"] == ["WAITING", "PROCESSING"]


def _job(job_id: str, room: str = "room-1") -> Job:
    return Job("proj-1", room, job_id, created=T0, started=T0, updated=T0)


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_a_transaction_that_raises_writes_nothing(kind: str, tmp_path: Path) -> None:
    store = MemoryJobStore() if kind == "memory" else SqliteJobStore(tmp_path / "state.db")
    try:
        with pytest.raises(RuntimeError), store.room("proj-1", "room-1") as room:
            assert room.add(_job("a"))
            raise RuntimeError("after the write")
        with store.room("proj-1", "room-1") as room:
            assert room.jobs() == []
            assert room.add(_job("a"))
        with store.room("proj-1", "room-2") as room:
            assert not room.add(_job("a", "room-2"))  # job ids are unique across rooms
            assert room.get("a") is None
    finally:
        store.close()


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_the_stores_open_jobs_are_every_rooms_jobs_not_stopped_oldest_first(
    kind: str, tmp_path: Path
) -> None:
    store = MemoryJobStore() if kind == "memory" else SqliteJobStore(tmp_path / "state.db")
    try:
        for job_id, room_id in (("a", "room-1"), ("b", "room-2"), ("c", "room-1"), ("d", "room-3")):
            with store.room("proj-1", room_id) as room:
                room.add(_job(job_id, room_id))
        with store.room("proj-1", "room-1") as room:
            room.put(dataclasses.replace(_job("c"), stopped=T0))
        with pytest.raises(RuntimeError), store.room("proj-1", "room-4") as room:
            room.add(_job("e", "room-4"))
            raise RuntimeError("rolled back")
        assert [(job.job_id, job.room_id) for job in store.open_jobs()] == [
            ("a", "room-1"),
            ("b", "room-2"),
            ("d", "room-3"),
        ]
    finally:
        store.close()


def test_the_memory_store_forgets_its_oldest_job_beyond_its_capacity() -> None:
    store = MemoryJobStore(capacity=3)
    for name in "abcd":
        with store.room("proj-1", "room-1") as room:
            room.add(_job(name))
    with store.room("proj-1", "room-1") as room:
        assert [job.job_id for job in room.jobs()] == ["b", "c", "d"]
        assert [job.job_id for job in room.open_jobs()] == ["d", "c", "b"]


def test_a_state_file_keeps_jobs_across_app_restarts(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    first = Mock(store=SqliteJobStore(state), seed=5)
    job_id = first.started(RICH)
    before = first.show(job_id).json()
    first.app.close()
    # The same seed draws the same job id first: taken, so the restarted mock draws again.
    again = Mock(store=SqliteJobStore(state), seed=5)
    assert again.show(job_id).json() == before
    other = again.started()
    assert other != job_id
    assert again.list().json()["count"] == 2
    again.app.close()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not a database at all, just text" * 100, "not a mock state file"),
        (None, "another kind"),
    ],
    ids=["text", "other-sqlite"],
)
def test_a_state_file_that_is_not_the_mocks_is_refused(
    tmp_path: Path, content: bytes | None, says: str
) -> None:
    state = tmp_path / "state.db"
    if content is None:
        import sqlite3

        with sqlite3.connect(state) as other:
            other.execute("CREATE TABLE notes (text TEXT)")
        other.close()
    else:
        state.write_bytes(content)
    with pytest.raises(StateFileError) as caught:
        SqliteJobStore(state)
    assert says in str(caught.value)
    assert str(state) in str(caught.value)


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_a_job_added_to_a_room_is_that_rooms_and_stays_immutable(kind: str, tmp_path: Path) -> None:
    # A job naming another room is stored as a copy naming this one (what dataclasses.replace
    # makes); a job naming this room is kept as it is given (memory) or read back equal (SQLite).
    job = Job(
        "elsewhere",
        "other-room",
        "job-1",
        T0,
        T0,
        T0,
        single_job_in_room=True,
        exit_config={"max_live_duration": 2},
        output_urls=("rtmp://127.0.0.1/live/a",),
        stream_keys=("key",),
        details={"rtc_room_info": {}},
    )
    own = dataclasses.replace(job, project_id="project", room_id="room", job_id="job-2")
    store = MemoryJobStore() if kind == "memory" else SqliteJobStore(tmp_path / "state.db")
    try:
        with store.room("project", "room") as room:
            assert room.add(job)
            assert room.add(own)
        with store.room("project", "room") as room:
            stored, kept = room.jobs()
    finally:
        store.close()
    assert stored == dataclasses.replace(job, project_id="project", room_id="room")
    assert stored is not job and job.project_id == "elsewhere"
    assert kept == own
    assert (kept is own) == (kind == "memory")
    with pytest.raises(dataclasses.FrozenInstanceError):
        stored.job_id = "changed"  # type: ignore[misc]  # reason: frozen, as the test checks


def test_a_record_keeps_the_details_as_an_object_and_reads_earlier_ones_written_as_text() -> None:
    job = Job("p", "r", "j", T0, T0, T0, details={"rtc_room_info": {"app_id": "a"}})
    record = json.loads(job.to_record())
    assert record["details"] == {"rtc_room_info": {"app_id": "a"}}
    assert Job.from_record(job.to_record()).details == job.details
    earlier = json.dumps({**record, "details": json.dumps(record["details"])})  # before issue 13
    assert Job.from_record(earlier).details == job.details


def test_a_record_keeps_an_injected_failure_and_reads_earlier_ones_without_it() -> None:
    job = Job("p", "r", "j", T0, T0, T0, failed=True)
    assert Job.from_record(job.to_record()) == job
    earlier = {k: v for k, v in json.loads(job.to_record()).items() if k != "failed"}
    assert Job.from_record(json.dumps(earlier)).failed is False


def test_seeded_uuids_are_the_ones_uuid_makes_of_the_same_draws() -> None:
    ours, theirs = random.Random(7), random.Random(7)
    for _ in range(2000):
        assert bodies.seeded_uuid(ours) == str(uuid.UUID(int=theirs.getrandbits(128), version=4))
