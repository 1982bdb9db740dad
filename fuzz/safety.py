"""What every live start body carries: a duration limit, an immediate stop, addresses to no one."""

from __future__ import annotations

import copy
from typing import Any

SAFE_MAX_LIVE_DURATION = 1
"""Hours. 表7 max_live_duration: "0表示不限时" (0 means no limit), range 0-168, so 1 is the
smallest value that is a limit: a job that slips past every other net ends within the hour."""

SAFE_STOP_MODE = "FORCE_EXIT"
"""表7 auto_stop_mode: with an immediate stop (立即停止) the live ends within 5 minutes of its limit;
the other modes wait for a paragraph, scene or script to end."""

NOWHERE = "rtmp://127.0.0.1:9/live/metastudio-fuzz"
"""The default output address: loopback's discard port, so a job that starts streams to no one
(never the doc's example address, which is somebody's real push URL)."""

CALLBACK_NOWHERE = "https://127.0.0.1:9/metastudio-fuzz/callback"
"""Every callback address of a live start: the service would POST its events (and interaction
requests) there, so a fuzzed one would make MetaStudio call whatever host the fuzzer drew. The
service's own loopback discard port: heard by no one."""


def safe_start_body(body: Any, output_url: str = NOWHERE) -> Any:
    """`body` with its output address, callback addresses and exit rules set to the safe ones (a
    copy).

    Whatever the case mutated there is replaced: a negative case aimed at these fields becomes a
    valid one, which the live filter then keeps back. A body that is not an object carries no
    job settings at all; it is left as it is (if a lax service starts a job from it, the run stops
    that job at once).
    """
    if not isinstance(body, dict):
        return body
    safe = copy.deepcopy(body)
    safe["output_urls"] = [output_url]
    policy = safe.get("play_policy")
    safe["play_policy"] = policy = dict(policy) if isinstance(policy, dict) else {}
    exit_config = policy.get("live_exit_config")
    exit_config = dict(exit_config) if isinstance(exit_config, dict) else {}
    exit_config["max_live_duration"] = SAFE_MAX_LIVE_DURATION
    exit_config["auto_stop_mode"] = SAFE_STOP_MODE
    policy["live_exit_config"] = exit_config
    if "interaction_callback_url" in safe:
        safe["interaction_callback_url"] = CALLBACK_NOWHERE
    if "live_event_callback_config" in safe:
        callback = safe["live_event_callback_config"]
        callback = dict(callback) if isinstance(callback, dict) else {}
        callback["live_event_type_callback_url"] = CALLBACK_NOWHERE
        safe["live_event_callback_config"] = callback
    return safe
