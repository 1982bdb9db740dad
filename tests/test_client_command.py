"""client.smart_live.command: the discriminated body flattened into keywords, checked by its
variant before anything is sent."""

from __future__ import annotations

import json
import typing
from typing import Any, get_args

import pydantic
import pytest
import yaml

from metastudio import InvalidArgumentError, MetaStudioError
from metastudio.models import (
    LiveExitConfig,
    PlayAudioInfo,
    PlayTextInfo,
    ReviewConfig,
    TextConfig,
)
from metastudio.resources.smart_live import AsyncSmartLive, SmartLive
from tests.conftest import SPEC
from tests.smart_live_service import JOB, MODES, ROOM, Mode, Service, run

STREAM_KEY = "sk-stream-S3cret-key"


def command(mode: Mode, service: Service, **kwargs: Any) -> Any:
    return run(mode, service, lambda c: c.smart_live.command(ROOM, JOB, **kwargs))


def sent_body(service: Service) -> Any:
    (request,) = service.sent("command")
    return json.loads(request.content)


@pytest.mark.parametrize("mode", MODES)
def test_a_model_that_fits_the_command_is_sent_as_its_variant(mode: Mode) -> None:
    service = Service()
    text = PlayTextInfo(text_config=TextConfig(text="hello"), play_type="INSERT")
    result = command(
        mode,
        service,
        command="INSERT_PLAY_SCRIPT",
        params=text,
        review_config=ReviewConfig(no_need_review=True),
    )
    assert result.command_id == "cmd-1"
    assert sent_body(service) == {
        "command": "INSERT_PLAY_SCRIPT",
        "params": {"text_config": {"text": "hello"}, "play_type": "INSERT"},
        "review_config": {"no_need_review": True},
    }


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("kwargs", "body"),
    [
        (
            {"command": "RESET_EXIT_CONFIG", "params": LiveExitConfig(max_live_duration=2)},
            {"command": "RESET_EXIT_CONFIG", "params": {"max_live_duration": 2}},
        ),
        (
            {"command": "RESET_EXIT_CONFIG", "params": {"auto_stop_mode": "SCENE_END"}},
            {"command": "RESET_EXIT_CONFIG", "params": {"auto_stop_mode": "SCENE_END"}},
        ),
        (
            {"command": "REWRITE_PLAY_SCRIPT", "params": {"scene_scripts": [{"a": 1}]}},
            {"command": "REWRITE_PLAY_SCRIPT", "params": {"scene_scripts": [{"a": 1}]}},
        ),
        (
            {"command": "INSERT_PLAY_AUDIO", "params": PlayAudioInfo(audio_url="https://a/b")},
            {"command": "INSERT_PLAY_AUDIO", "params": {"audio_url": "https://a/b"}},
        ),
        ({"command": "GET_CURRENT_PLAYING_SCRIPTS"}, {"command": "GET_CURRENT_PLAYING_SCRIPTS"}),
    ],
    ids=["model", "dict-for-a-model", "free-form", "audio", "no-params"],
)
def test_each_variant_is_sent_as_given(
    mode: Mode, kwargs: dict[str, Any], body: dict[str, Any]
) -> None:
    service = Service()
    command(mode, service, **kwargs)
    assert sent_body(service) == body


MISMATCHES: list[Any] = [
    pytest.param(
        {"command": "RESET_EXIT_CONFIG", "params": PlayTextInfo(text_config=TextConfig(text="x"))},
        ("RESET_EXIT_CONFIG", "params"),
        "model_type",
        id="PlayTextInfo-for-RESET_EXIT_CONFIG",
    ),
    pytest.param(
        {"command": "REWRITE_PLAY_SCRIPT", "params": PlayTextInfo()},
        ("REWRITE_PLAY_SCRIPT", "params"),
        "dict_type",
        id="a-model-for-free-form-params",
    ),
    pytest.param(
        {"command": "INSERT_PLAY_AUDIO", "params": LiveExitConfig()},
        ("INSERT_PLAY_AUDIO", "params"),
        "model_type",
        id="LiveExitConfig-for-INSERT_PLAY_AUDIO",
    ),
    pytest.param(
        {"command": "GET_CURRENT_PLAYING_SCRIPTS", "params": {"x": 1}},
        ("params",),
        "extra_forbidden",
        id="params-for-a-command-without-params",
    ),
    pytest.param(
        {"command": "RESET_EXIT_CONFIG", "params": {"max_live_duration": 169}},
        ("RESET_EXIT_CONFIG", "params", "max_live_duration"),
        "less_than_equal",
        id="a-dict-breaking-the-variants-constraints",
    ),
    pytest.param({"command": "SHOW_LAYER"}, (), "invalid_variant", id="an-unknown-command"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("kwargs", "location", "error_type"), MISMATCHES)
def test_a_mismatch_is_refused_before_anything_is_sent(
    mode: Mode, kwargs: dict[str, Any], location: tuple[str, ...], error_type: str
) -> None:
    service = Service()
    with pytest.raises(InvalidArgumentError) as info:
        command(mode, service, **kwargs)
    assert service.requests == []
    error = info.value
    assert isinstance(error, MetaStudioError | pydantic.ValidationError | ValueError)
    assert [(e["loc"], e["type"]) for e in error.errors()] == [(location, error_type)]
    assert error.title == "ControlSmartLiveReq"


@pytest.mark.parametrize("mode", MODES)
def test_a_refused_command_keeps_its_values_out_of_the_error(mode: Mode) -> None:
    service = Service()
    with pytest.raises(InvalidArgumentError) as info:
        command(mode, service, command="GET_CURRENT_PLAYING_SCRIPTS", params={"key": STREAM_KEY})
    assert service.requests == []
    assert STREAM_KEY not in str(info.value)
    assert STREAM_KEY not in info.value.json()
    assert STREAM_KEY not in repr(info.value.errors())


def test_command_is_a_literal_of_every_mapping_value_and_params_the_variants_union() -> None:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    mapping = spec["components"]["schemas"]["ControlSmartLiveReq"]["discriminator"]["mapping"]
    for resource in (SmartLive, AsyncSmartLive):
        hints = typing.get_type_hints(resource.command)
        assert get_args(hints["command"]) == tuple(mapping)
        assert set(get_args(hints["params"])) == {
            PlayTextInfo,
            PlayAudioInfo,
            LiveExitConfig,
            dict[str, Any],
            type(None),
        }
        assert hints["review_config"] == ReviewConfig | None


def test_command_is_required() -> None:
    service = Service()
    with pytest.raises(TypeError, match="command"):
        run("sync", service, lambda c: c.smart_live.command(ROOM, JOB))
    assert service.requests == []
