"""Success bodies: seeded, valid against the spec, and shaped by the request where the doc says how."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mockserver.samples import Sampler

RTC_SIGNATURE_LIFETIME_SECONDS = 24 * 3600


@dataclass
class SuccessContext:
    """What a body builder may look at: the seeded RNG, the request and the server's clock.

    Not frozen: every valid request makes one, and a frozen dataclass's __init__ costs twice a
    plain one's (a setattr per field); nothing keeps it past the answer."""

    rng: random.Random
    document: dict[str, Any]
    schema: Any
    path_params: Mapping[str, str]
    body: Any
    now: datetime
    base_url: str
    sampler: Sampler | None = None


# A version-4 UUID's fixed bits (RFC 9562): what uuid.UUID(int=..., version=4) sets, without
# building the object (every start and command draws one).
_UUID_KEEP = ~((0xC000 << 48) | (0xF000 << 64))
_UUID_SET = (0x8000 << 48) | (4 << 76)


def seeded_uuid(rng: random.Random) -> str:
    """A version-4 UUID drawn from the seeded RNG (job ids, command ids), as uuid.UUID writes it."""
    text = format(rng.getrandbits(128) & _UUID_KEEP | _UUID_SET, "032x")
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def start_smart_live(ctx: SuccessContext) -> dict[str, Any]:
    """表14: a fresh job_id; RTC users per need_independent_capture_client; limit_duration per 表7."""
    request = ctx.body if isinstance(ctx.body, dict) else {}
    play_policy = request.get("play_policy") or {}
    exit_config = play_policy.get("live_exit_config") or {}
    rng = ctx.rng
    job_id = seeded_uuid(rng)
    expires = int(ctx.now.timestamp()) + RTC_SIGNATURE_LIFETIME_SECONDS
    # 表6: true allocates two RTC users, CAPTURE and PLAYER; false only PLAYER.
    user_types = (
        ["CAPTURE", "PLAYER"] if play_policy.get("need_independent_capture_client") else ["PLAYER"]
    )
    users = [
        {
            "user_type": kind,
            "user_id": f"{rng.getrandbits(64):016x}",
            "signature": f"{rng.getrandbits(256):064x}",
            "ctime": expires,
        }
        for kind in user_types
    ]
    room_id = ctx.path_params.get("room_id", "")
    project_id = ctx.path_params.get("project_id", "")
    body: dict[str, Any] = {
        "job_id": job_id,
        "rtc_room_info": {
            "app_id": f"{rng.getrandbits(64):016x}",
            "room_id": f"{rng.getrandbits(128):032x}",
            "users": users,
        },
        "live_event_report_url": (
            f"{ctx.base_url}/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs/{job_id}/events"
        ),
        # 表7/表14: the configured maximum in hours; unset means 0, no limit.
        "limit_duration": exit_config.get("max_live_duration", 0),
        "live_warning_info": _warnings(play_policy),
    }
    if "live_event_callback_config" in request:
        body["live_event_callback_config"] = request["live_event_callback_config"]
    return body


def _warnings(play_policy: Mapping[str, Any]) -> list[dict[str, str]]:
    # 表18: the only warning the request alone decides; the others depend on the room's script.
    if play_policy.get("random_play_mode") == "NONE":
        return [{"warning_type": "RANDOM_PLAY_CLOSED"}]
    return []


def from_schema(ctx: SuccessContext) -> Any:
    """Any other operation: a seeded value built from the response schema (examples first)."""
    sampler = ctx.sampler if ctx.sampler is not None else Sampler(ctx.document)
    return sampler.sample(ctx.schema, ctx.rng)


BodyBuilder = Callable[[SuccessContext], Any]

# Operations whose success body follows from the request (by operationId); others use from_schema.
BUILDERS: Mapping[str, BodyBuilder] = {"StartSmartLive": start_smart_live}
