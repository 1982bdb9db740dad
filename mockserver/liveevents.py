"""Which live events a smart-live job calls back, and when: pure functions of the job."""

# The events follow from the job as stored (its times, output URLs and subscription) and, for
# REPLY_COMMAND_FINISH, from the command that asked for a reply. Nothing here reads a clock:
# `timeline` plans every event the job has as it stands, and whoever sends them asks it again
# when the job changes, so that an event planned for a moment the job no longer reaches (a
# script paragraph after a stop, an END at a deadline a stop came before) is simply no longer
# in the plan.

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from mockserver.jobs import Job
from mockserver.lifecycle import planned_end

__all__ = [
    "AUTH_TYPES",
    "DEFAULT_PARAGRAPH_SECONDS",
    "EVENT_TYPES",
    "LIVE_EVENT_CALLBACK",
    "REPLY_COMMANDS",
    "SCENE_SCRIPT_NAME",
    "SCRIPT_PARAGRAPHS",
    "LiveEvent",
    "Subscription",
    "callback_body",
    "command_reply",
    "subscription",
    "timeline",
]

LIVE_EVENT_CALLBACK = "LiveEventCallback"
"""The operation id of StartSmartLive's callback: its body schema and x-callback-signature."""

SHOOT_SCRIPT_SWITCH = "SHOOT_SCRIPT_SWITCH"
RTMP_STREAM_STATE_CHANGE = "RTMP_STREAM_STATE_CHANGE"
REPLY_COMMAND_FINISH = "REPLY_COMMAND_FINISH"
EVENT_TYPES = (SHOOT_SCRIPT_SWITCH, RTMP_STREAM_STATE_CHANGE, REPLY_COMMAND_FINISH)
"""LiveEventCallBackConfig.callback_event_type's values (表8); any other is ignored."""

AUTH_TYPES = ("NONE", "MSS_A", "MSS_A_HEAD", "MEITUAN_DEFAULT")
"""LiveEventCallBackConfig.auth_type's values; NONE when unset (the spec's default)."""

REPLY_COMMANDS = frozenset({"INSERT_PLAY_SCRIPT", "INSERT_PLAY_AUDIO"})
"""The commands that play a reply, whose end REPLY_COMMAND_FINISH reports."""

# The mock plays no real script (a start names none): it plays a synthetic scene script of a few
# paragraphs, once, so that a job has a bounded number of script switches however long it lives.
SCENE_SCRIPT_NAME = "mock scene script"
SCRIPT_PARAGRAPHS = 3
DEFAULT_PARAGRAPH_SECONDS = 10.0

CONNECTING, CONNECTED, END = "CONNECTING", "CONNECTED", "END"
# At one moment, events come in the order a stream lives: connecting, connected, the script, the end.
_RANK = {CONNECTING: 0, CONNECTED: 1, SHOOT_SCRIPT_SWITCH: 2, REPLY_COMMAND_FINISH: 3, END: 4}


@dataclass(frozen=True)
class Subscription:
    """A job's live_event_callback_config, as far as sending needs it. The URL and the key are
    secrets (x-secret): kept out of the repr, and never to be logged."""

    url: str = field(repr=False)
    key: str = field(repr=False)
    auth_type: str
    """One of AUTH_TYPES, or "(other)" for a value outside them (a lenient mock lets one in)."""
    event_types: frozenset[str]


@dataclass(frozen=True)
class LiveEvent:
    """One callback a job sends: when it is due, its type, and its message (a JSON string).

    `name` tells it apart from the job's other events (RTMP END/0, SCRIPT/2, REPLY/<id>), so that
    a sender that asks `timeline` again knows which events it has already sent.
    """

    due: datetime
    event_type: str
    name: str
    message: str = field(repr=False)
    """RtmpStreamStateChangeMessage carries the stream key: never in a repr."""

    @property
    def rank(self) -> tuple[datetime, int, str]:
        """The order of events: by due time, then as a stream lives, then by name."""
        return self.due, _RANK[self.name.partition("/")[0]], self.name


def subscription(job: Job) -> Subscription | None:
    """The job's subscription to live events; None without a callback URL or a known event type."""
    details = job.details
    if "live_event_callback_config" not in details:  # most starts subscribe to nothing
        return None
    config = _object(details["live_event_callback_config"])
    url = config.get("live_event_type_callback_url")
    types = config.get("callback_event_type")
    wanted = frozenset(t for t in types if t in EVENT_TYPES) if isinstance(types, list) else None
    if not isinstance(url, str) or not url or not wanted:
        return None
    auth_type = config.get("auth_type", "NONE")
    key = config.get("key")
    return Subscription(
        url=url,
        key=key if isinstance(key, str) else "",
        auth_type=auth_type if auth_type in AUTH_TYPES else "(other)",
        event_types=wanted,
    )


def timeline(
    job: Job, subscribed: Subscription, paragraph_seconds: float = DEFAULT_PARAGRAPH_SECONDS
) -> tuple[LiveEvent, ...]:
    """Every event the job sends as it stands now (subscribed types only), in the order of `rank`.

    Each output URL's stream: CONNECTING at the start, CONNECTED when the job turns PROCESSING
    (if it does before it ends), END when it ends (stopped, its deadline, or its injected failure
    at the moment it would have turned PROCESSING, lifecycle.planned_end). The scene script:
    paragraph 1 when it turns PROCESSING, then one every `paragraph_seconds`, each only if it
    begins before the job ends.
    """
    end = planned_end(job)

    def before_end(moment: datetime) -> bool:
        return end is None or moment < end

    events: list[LiveEvent] = []
    if RTMP_STREAM_STATE_CHANGE in subscribed.event_types:
        for index, output_url in enumerate(job.output_urls):
            key = job.stream_keys[index] if index < len(job.stream_keys) else None
            states = [(CONNECTING, job.created)]
            if before_end(job.started):
                states.append((CONNECTED, job.started))
            if end is not None:
                states.append((END, end))
            events += [
                LiveEvent(
                    due=moment,
                    event_type=RTMP_STREAM_STATE_CHANGE,
                    name=f"{state}/{index}",
                    message=_message(job, output_url=output_url, stream_key=key, state=state),
                )
                for state, moment in states
            ]
    if SHOOT_SCRIPT_SWITCH in subscribed.event_types:
        for number in range(1, SCRIPT_PARAGRAPHS + 1):
            moment = job.started + timedelta(seconds=paragraph_seconds * (number - 1))
            if not before_end(moment):
                break
            message = _message(
                job,
                scene_script_name=SCENE_SCRIPT_NAME,
                shoot_script_sequence_no=str(number),
                shoot_script_title=f"paragraph {number}",
            )
            events.append(
                LiveEvent(moment, SHOOT_SCRIPT_SWITCH, f"{SHOOT_SCRIPT_SWITCH}/{number}", message)
            )
    return tuple(sorted(events, key=lambda event: event.rank))


def command_reply(
    job: Job, subscribed: Subscription, command: str, command_id: str, now: datetime
) -> LiveEvent | None:
    """REPLY_COMMAND_FINISH for a command that plays a reply, due at once; None for others."""
    if command not in REPLY_COMMANDS or REPLY_COMMAND_FINISH not in subscribed.event_types:
        return None
    # reply_id: the mock's choice is the command's command_id, which the client has from the
    # command's answer (the doc's example reuses the job id; no source says what it really is).
    message = _message(job, reply_id=command_id)
    return LiveEvent(now, REPLY_COMMAND_FINISH, f"{REPLY_COMMAND_FINISH}/{command_id}", message)


def callback_body(event: LiveEvent) -> bytes:
    """The LiveEventCallback body of `event`: its type and its message, a JSON string."""
    body = {"event_type": event.event_type, "message": event.message}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _message(job: Job, **fields: str | None) -> str:
    message = {"room_id": job.room_id, "job_id": job.job_id}
    message.update({name: value for name, value in fields.items() if value is not None})
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def _object(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}
