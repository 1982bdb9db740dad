"""The lenient mock: bodies and queries the strict one refuses are read as a laxer service reads them
(null as absent, "4000" as 4000, no enum, range, length, size or pattern checks) and start jobs;
types, required fields and the command's discriminator still hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mockserver import create_app
from mockserver.schemas import compile_schema
from tests.mock_lifecycle import SPEC_DATA, Mock, asgi_call

LAX_BODIES: list[tuple[str, dict[str, Any], str]] = [
    ("null field", {"output_urls": None, "view_mode": None}, "(type)"),
    ("integer as a string", {"play_policy": {"repeat_count": "4000"}}, "(type)"),
    ("boolean as a string", {"play_policy": {"auto_play_script": "true"}}, "(type)"),
    ("out-of-enum value", {"view_mode": "DIAGONAL"}, "(enum)"),
    ("too-long string", {"interaction_callback_url": "https://x/" + "a" * 3000}, "(maxLength)"),
    ("out-of-range number", {"play_policy": {"repeat_count": 4000}}, "(maximum)"),
    ("too many items", {"output_urls": ["rtmp://127.0.0.1/a", "rtmp://127.0.0.1/b"]}, "(maxItems)"),
    (
        "too-short string",
        {"co_streamer_config": {"voice_config": {"voice_asset_id": ""}}},
        "(minLength)",
    ),
    (
        "all at once",
        {
            "output_urls": ["rtmp://127.0.0.1/a", "rtmp://127.0.0.1/b"],
            "play_policy": {
                "repeat_count": "4000",
                "need_independent_capture_client": "true",
                "random_play_mode": None,
                "live_exit_config": {"max_live_duration": "400"},
            },
            "job_run_config": {"allow_resource_type": "FREE", "single_job_in_room": "false"},
        },
        "(maxItems)",  # the first rule broken
    ),
]


@pytest.mark.parametrize(
    ("body", "rule"), [(b, r) for _, b, r in LAX_BODIES], ids=[n for n, _, _ in LAX_BODIES]
)
def test_what_the_strict_mock_refuses_the_lenient_one_starts(
    body: dict[str, Any], rule: str
) -> None:
    strict = Mock().start(body)
    assert strict.status_code == 400
    assert strict.json()["error_code"] == "MSS.00000003"
    assert rule in strict.json()["error_msg"]

    lenient = Mock(lenient=True)
    started = lenient.start(body)
    assert started.status_code == 202, started.text
    shown = lenient.show(started.json()["job_id"])
    assert shown.status_code == 200
    assert shown.json()["state"] == "PROCESSING"
    assert lenient.list().json()["count"] == 1


def test_lenient_values_are_read_as_their_types() -> None:
    mock = Mock(lenient=True)
    body = {
        "play_policy": {
            "need_independent_capture_client": "true",
            "random_play_mode": "NONE",
            "live_exit_config": {"max_live_duration": "400"},
        },
        "live_event_callback_config": {"auth_type": "NONE", "key": None},
    }
    started = mock.start(body).json()
    assert [u["user_type"] for u in started["rtc_room_info"]["users"]] == ["CAPTURE", "PLAYER"]
    assert started["limit_duration"] == 400  # beyond 168: echoed as the lax service took it
    assert started["live_event_callback_config"] == {"auth_type": "NONE"}  # null key: absent
    mock.clock.advance(hours=400)
    assert mock.state(started["job_id"]) == "SUCCEED"


def test_lenient_single_job_in_room_as_a_string_still_counts() -> None:
    mock = Mock(lenient=True)
    mock.started()
    refused = mock.start({"job_run_config": {"single_job_in_room": "true"}})
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "MOCK.ROOM_HAS_LIVE_JOB"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"output_urls": "rtmp://127.0.0.1/a"}, "body.output_urls"),  # a string is no array
        ({"play_policy": {"repeat_count": "four"}}, "body.play_policy.repeat_count"),
        ({"play_policy": {"repeat_count": "4.0"}}, "body.play_policy.repeat_count"),
        ({"play_policy": {"auto_play_script": "yes"}}, "body.play_policy.auto_play_script"),
        ({"co_streamer_config": {"voice_config": {}}}, "voice_asset_id"),  # required
        ({"co_streamer_config": {"voice_config": {"voice_asset_id": None}}}, "voice_asset_id"),
        ({"play_policy": []}, "body.play_policy"),
    ],
    ids=["string-for-array", "word", "decimal", "yes", "required", "required-null", "array"],
)
def test_lenient_still_checks_types_and_required(body: dict[str, Any], says: str) -> None:
    refused = Mock(lenient=True).start(body)
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "MSS.00000003"
    assert says in refused.json()["error_msg"]


def test_lenient_commands_are_read_by_their_discriminator() -> None:
    mock = Mock(lenient=True)
    job_id = mock.started()
    reset = {"command": "RESET_EXIT_CONFIG", "params": {"max_live_duration": "1", "x": None}}
    assert mock.command(job_id, reset).status_code == 200
    mock.clock.advance(hours=1)
    assert mock.state(job_id) == "SUCCEED"
    # An unknown command stays refused: which params shape applies, and the answer's command
    # (an enum in the spec), both follow from it.
    other = mock.started()
    unknown = mock.command(other, {"command": "SHOW_LAYER", "params": {}})
    assert unknown.status_code == 400
    assert "body" in unknown.json()["error_msg"]
    odd_play_type = {"command": "INSERT_PLAY_SCRIPT", "params": {"play_type": "SOMETIMES"}}
    assert mock.command(other, odd_play_type).status_code == 200
    strict = Mock()
    refused = strict.command(strict.started(), odd_play_type)
    assert refused.status_code == 400
    assert "body" in refused.json()["error_msg"]


def test_lenient_headers_skip_patterns() -> None:
    chinese = {"X-App-UserId": "用户一".encode()}
    strict = Mock().call(
        "POST", "/v1/proj-1/smart-live-rooms/room-1/smart-live-jobs", headers=chinese, json={}
    )
    assert strict.status_code == 400
    assert "(pattern)" in strict.json()["error_msg"]
    mock = Mock(lenient=True)
    lenient = mock.call(
        "POST", "/v1/proj-1/smart-live-rooms/room-1/smart-live-jobs", headers=chinese, json={}
    )
    assert lenient.status_code == 202
    assert mock.state(lenient.json()["job_id"]) == "PROCESSING"


def test_lenient_query_parameters_skip_ranges_and_enums() -> None:
    mock = Mock(lenient=True)
    jobs = [mock.started() for _ in range(3)]
    assert mock.list(limit=1000).json()["count"] == 3
    assert len(mock.list(limit=1000).json()["smart_live_jobs"]) == 3
    assert mock.list(state="RUNNING").json() == {"count": 0, "smart_live_jobs": []}
    assert [j["job_id"] for j in mock.list(sort_key="name").json()["smart_live_jobs"]] == jobs
    assert mock.list(limit="ten").status_code == 400  # still an integer
    strict = Mock()
    assert strict.list(limit=1000).status_code == 400
    assert strict.list(state="RUNNING").status_code == 400


def test_the_strict_mock_judges_exactly_as_before() -> None:
    # Lenient reading is a property of the relaxed schemas only: a strict schema returns the very
    # instance it is given.
    schema = compile_schema(SPEC_DATA, {"$ref": "#/components/schemas/StartSmartLiveReq"})
    body = {"play_policy": {"repeat_count": "4000"}, "view_mode": None}
    assert schema.normalise(body) is body
    relaxed = compile_schema(
        SPEC_DATA, {"$ref": "#/components/schemas/StartSmartLiveReq"}, lenient=True
    )
    assert relaxed.normalise(body) == {"play_policy": {"repeat_count": 4000}}
    assert "enum" not in str(relaxed.json_schema["properties"]["view_mode"])


OTHER_SPEC = """
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: AddThing
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 10}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1, maximum: 5}
                kind: {type: string, enum: [a, b]}
                tags: {type: array, maxItems: 1, items: {type: string, pattern: "^[a-z]+$"}}
      responses:
        "201": {description: created}
"""


def test_lenient_is_a_reading_of_any_spec(tmp_path: Path) -> None:
    spec = tmp_path / "other.yaml"
    spec.write_text(OTHER_SPEC)
    lax = {"size": "40", "kind": "c", "tags": ["A1", "B2"], "note": None}
    strict, lenient = create_app(spec, seed=1), create_app(spec, seed=1, lenient=True)
    assert strict.lifecycle is None and lenient.lifecycle is None  # no smart-live jobs here
    for app, status in ((strict, 400), (lenient, 201)):
        answer = asgi_call(app, "POST", "/things?limit=99", json=lax)
        assert answer.status_code == status, answer.text
    assert asgi_call(lenient, "POST", "/things", json={"kind": "a"}).status_code == 400  # required
    assert (
        asgi_call(lenient, "POST", "/things", json={"size": None}).status_code == 400
    )  # null: absent
