"""Request-side strictness: typos, assignments, header text and per-call overrides fail before sending."""

from __future__ import annotations

from typing import Annotated

import httpx
import pydantic
import pytest

from metastudio import Client, LiveExitConfig, PlayPolicy, VideoConfig
from metastudio._base_model import BaseModel
from metastudio._resource import build_body


def client_counting(calls: list[httpx.Request]) -> Client:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(202, json={"job_id": "j"})

    return Client(
        project_id="p",
        token="t",
        base_url="https://api.test",
        transport=httpx.MockTransport(handler),
    )


def test_an_unknown_nested_field_is_rejected_naming_its_path() -> None:
    calls: list[httpx.Request] = []
    video = VideoConfig.model_validate({"bitrate": 4000, "width": 1080, "height": 1920, "widht": 3})
    with pytest.raises(pydantic.ValidationError) as excinfo:
        client_counting(calls).smart_live.start("r", video_config=video)
    assert [e["loc"] for e in excinfo.value.errors()] == [("video_config", "widht")]
    assert calls == []


def test_an_unknown_field_in_a_dict_argument_is_rejected() -> None:
    calls: list[httpx.Request] = []
    with pytest.raises(pydantic.ValidationError) as excinfo:
        client_counting(calls).smart_live.start("r", play_policy={"play_mod": "TEXT"})  # type: ignore[arg-type]  # reason: a dict, as untyped callers pass
    assert [e["loc"] for e in excinfo.value.errors()] == [("play_policy", "play_mod")]
    assert calls == []


def test_assignment_is_validated_like_construction() -> None:
    video = VideoConfig(bitrate=4000, width=1080, height=1920)
    with pytest.raises(pydantic.ValidationError):
        video.bitrate = 50000
    policy = PlayPolicy()
    with pytest.raises(pydantic.ValidationError):
        policy.play_mode = "SING"  # type: ignore[assignment]  # reason: the invalid value under test


def test_a_non_ascii_header_value_is_refused_before_sending() -> None:
    calls: list[httpx.Request] = []
    with pytest.raises(ValueError, match="X-App-UserId must be ASCII"):
        client_counting(calls).smart_live.start("r", app_user_id="用户")
    assert calls == []


def test_an_empty_per_call_project_id_does_not_fall_back_to_the_client() -> None:
    calls: list[httpx.Request] = []
    with pytest.raises(ValueError, match="project_id is required"):
        client_counting(calls).smart_live.start("r", project_id="")
    assert calls == []


def test_responses_keep_fields_a_newer_service_adds() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(202, json={"job_id": "j", "new_field": 1})

    client = Client(
        project_id="p",
        token="t",
        base_url="https://api.test",
        transport=httpx.MockTransport(handler),
    )
    result = client.smart_live.start("r")
    assert result.model_extra == {"new_field": 1}
    assert calls == []


def test_building_a_body_does_not_touch_deprecated_fields() -> None:
    # Once a defect: build_body read every field to find unknown ones, and pydantic warns on
    # reading a field the spec marks deprecated (pytest turns the warning into an error here).
    class Legacy(BaseModel):
        name: str
        old: Annotated[str | None, pydantic.Field(deprecated=True)] = None

    assert build_body(Legacy, {"name": "n"}).name == "n"


def test_an_unknown_field_of_a_model_assigned_after_construction_is_rejected() -> None:
    # build_body walks only the fields the caller set: an assignment sets one as well.
    calls: list[httpx.Request] = []
    policy = PlayPolicy()
    policy.live_exit_config = LiveExitConfig.model_validate({"max_live_duration": 2, "max_live": 3})
    with pytest.raises(pydantic.ValidationError) as excinfo:
        client_counting(calls).smart_live.start("r", play_policy=policy)
    assert [e["loc"] for e in excinfo.value.errors()] == [
        ("play_policy", "live_exit_config", "max_live")
    ]
    assert calls == []
