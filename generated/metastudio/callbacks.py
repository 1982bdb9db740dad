# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Helpers for the callbacks the service sends to you: parse the envelope, decode its message."""

from __future__ import annotations

import json

from .models import (
    LiveEventCallback,
    ReplyCommandFinishMessage,
    RtmpStreamStateChangeMessage,
    ShootScriptSwitchMessage,
)

__all__ = [
    "parse_live_event_callback",
    "decode_live_event_callback_message",
]


def parse_live_event_callback(body: bytes | str) -> LiveEventCallback:
    """Parse and validate the body of a LiveEventCallback: Live event notification sent by MetaStudio to the subscriber's HTTPS URL."""
    return LiveEventCallback.model_validate_json(body)


def decode_live_event_callback_message(
    event: LiveEventCallback,
) -> ReplyCommandFinishMessage | RtmpStreamStateChangeMessage | ShootScriptSwitchMessage | None:
    """Decode `event.message` (a JSON string) into the model its `event_type` names.

    Returns None when the event type is one this SDK does not know yet.
    Raises pydantic.ValidationError (or ValueError) when the message does not fit.
    """
    models: dict[
        str,
        type[ReplyCommandFinishMessage | RtmpStreamStateChangeMessage | ShootScriptSwitchMessage],
    ] = {
        "REPLY_COMMAND_FINISH": ReplyCommandFinishMessage,
        "RTMP_STREAM_STATE_CHANGE": RtmpStreamStateChangeMessage,
        "SHOOT_SCRIPT_SWITCH": ShootScriptSwitchMessage,
    }
    model = models.get(str(event.event_type))
    if model is None or event.message is None:
        return None
    return model.model_validate(json.loads(event.message))
