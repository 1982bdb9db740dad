# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Helpers for the callbacks the service sends to you: verify the signature, parse, decode the message."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Literal

import pydantic

from . import _callback_signing
from ._callback_signing import (
    DEFAULT_MAX_AGE_SECONDS,
    MemoryReplayStore,
    ReplayStore,
    SignatureMode,
)
from ._exceptions import CallbackVerificationError
from .models import (
    LiveEventCallback,
    ReplyCommandFinishMessage,
    RtmpStreamStateChangeMessage,
    ShootScriptSwitchMessage,
)

__all__ = [
    "parse_live_event_callback",
    "decode_live_event_callback_message",
    "verify_live_event_callback",
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


_LIVE_EVENT_CALLBACK_MODES = (
    SignatureMode("MSS_A", "query", "hwSecret", "hwTime"),
    SignatureMode("MSS_A_HEAD", "header", "x-hw-mss-secret", "x-hw-mss-time"),
)
_LIVE_EVENT_CALLBACK_REPLAYS = MemoryReplayStore()


def verify_live_event_callback(
    *,
    url: str,
    headers: Mapping[str, str],
    body: bytes | str,
    key: str,
    now: datetime | float | None = None,
    max_age: float = DEFAULT_MAX_AGE_SECONDS,
    replay_store: ReplayStore | None = None,
    mode: Literal["MSS_A", "MSS_A_HEAD"] | None = None,
) -> LiveEventCallback:
    """Verify the signature of a LiveEventCallback callback, then parse its body.

    `url` is the URL the request was sent to, as received (raw path and query: a framework that
    decodes the path changes what was signed), `headers` its headers, `body` its bytes, `key`
    the key of the subscription. The modes (`mode` requires one; by default, the one the request
    carries):
    - MSS_A: the query parameters hwSecret and hwTime
    - MSS_A_HEAD: the headers x-hw-mss-secret and x-hw-mss-time

    A callback is accepted once: its time must be within `max_age` seconds of `now` (default:
    the clock), and its (time, signature) pair not already in `replay_store` (by default one in
    this process's memory, bounded; pass a shared one when several processes receive). The
    body is then parsed as parse_live_event_callback does.

    The signature covers the URL and the time, not the body: whoever saw one signed callback
    can send another body under its signature until it is stale, and the body this returns is
    only as trustworthy as that. Freshness and the replay store make it up only in part.

    Raises CallbackVerificationError with a `reason`: "missing", "malformed" (the body too),
    "expired", "replayed" or "bad signature"; ValueError for an empty key.
    """
    _callback_signing.verify(
        url=url,
        headers=headers,
        key=key,
        modes=_LIVE_EVENT_CALLBACK_MODES,
        mode=mode,
        now=now,
        max_age=max_age,
        replay_store=replay_store if replay_store is not None else _LIVE_EVENT_CALLBACK_REPLAYS,
    )
    try:
        return parse_live_event_callback(body)
    except (pydantic.ValidationError, ValueError) as exc:
        raise CallbackVerificationError(
            "malformed", "the signature holds, but the body is not a LiveEventCallback"
        ) from exc
