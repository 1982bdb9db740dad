# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Helpers for the callbacks the service sends to you: verify the signature, parse, decode the message."""

from __future__ import annotations

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
    Event,
)

__all__ = [
    "parse_on_event_callback",
    "verify_on_event_callback",
]


def parse_on_event_callback(body: bytes | str) -> Event:
    """Parse and validate the body of a onEventCallback: {$request.body#/eventUrl}"""
    return Event.model_validate_json(body)


_ON_EVENT_CALLBACK_MODES = (
    SignatureMode("hmac-header", "header", "X-Event-Signature", "X-Event-Time"),
)
_ON_EVENT_CALLBACK_REPLAYS = MemoryReplayStore()


def verify_on_event_callback(
    *,
    url: str,
    headers: Mapping[str, str],
    body: bytes | str,
    key: str,
    now: datetime | float | None = None,
    max_age: float = DEFAULT_MAX_AGE_SECONDS,
    replay_store: ReplayStore | None = None,
    mode: Literal["hmac-header"] | None = None,
) -> Event:
    """Verify the signature of a onEventCallback callback, then parse its body.

    `url` is the URL the request was sent to, as received (raw path and query: a framework that
    decodes the path changes what was signed), `headers` its headers, `body` its bytes, `key`
    the key of the subscription. The modes (`mode` requires one; by default, the one the request
    carries):
    - hmac-header: the headers X-Event-Signature and X-Event-Time

    A callback is accepted once: its time must be within `max_age` seconds of `now` (default:
    the clock), and its (time, signature) pair not already in `replay_store` (by default one in
    this process's memory, bounded; pass a shared one when several processes receive). The
    body is then parsed as parse_on_event_callback does.

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
        modes=_ON_EVENT_CALLBACK_MODES,
        mode=mode,
        now=now,
        max_age=max_age,
        replay_store=replay_store if replay_store is not None else _ON_EVENT_CALLBACK_REPLAYS,
    )
    try:
        return parse_on_event_callback(body)
    except (pydantic.ValidationError, ValueError) as exc:
        raise CallbackVerificationError(
            "malformed", "the signature holds, but the body is not a Event"
        ) from exc
