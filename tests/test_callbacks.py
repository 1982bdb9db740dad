"""The callback helpers parse and decode every callback example of the spec."""

from __future__ import annotations

import json
from typing import Any

import pydantic
import pytest
import yaml

import metastudio
from tests.conftest import SPEC

OPERATION = yaml.safe_load(SPEC.read_text())["paths"][
    "/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs"
]["post"]
(CALLBACK,) = OPERATION["callbacks"]["liveEvent"].values()
EXAMPLES: dict[str, Any] = CALLBACK["post"]["requestBody"]["content"]["application/json"][
    "examples"
]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_spec_example_parses_and_decodes_to_its_message_model(name: str) -> None:
    body = EXAMPLES[name]["value"]
    event = metastudio.parse_live_event_callback(json.dumps(body, ensure_ascii=False).encode())
    message = metastudio.decode_live_event_callback_message(event)
    assert message is not None
    expected_model = {
        "SHOOT_SCRIPT_SWITCH": metastudio.ShootScriptSwitchMessage,
        "RTMP_STREAM_STATE_CHANGE": metastudio.RtmpStreamStateChangeMessage,
        "REPLY_COMMAND_FINISH": metastudio.ReplyCommandFinishMessage,
    }[body["event_type"]]
    assert type(message) is expected_model
    assert message.model_dump(exclude_unset=True) == json.loads(body["message"])


def test_an_event_type_this_sdk_does_not_know_decodes_to_none() -> None:
    event = metastudio.LiveEventCallback.model_construct(event_type="NEW_EVENT", message="{}")  # type: ignore[arg-type]  # reason: a value from a newer service
    assert metastudio.decode_live_event_callback_message(event) is None


def test_an_envelope_with_an_unknown_event_type_is_rejected() -> None:
    with pytest.raises(pydantic.ValidationError):
        metastudio.parse_live_event_callback(b'{"event_type": "NOPE", "message": "{}"}')


def test_a_message_that_is_not_json_raises_value_error() -> None:
    event = metastudio.parse_live_event_callback(
        b'{"event_type": "REPLY_COMMAND_FINISH", "message": "{not json"}'
    )
    with pytest.raises(ValueError):
        metastudio.decode_live_event_callback_message(event)
