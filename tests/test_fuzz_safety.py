"""What every live start body carries, whatever the fuzzer drew: safe exit rules and addresses to no one."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz.safety import (
    CALLBACK_NOWHERE,
    NOWHERE,
    SAFE_MAX_LIVE_DURATION,
    SAFE_STOP_MODE,
    safe_start_body,
)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        "output_urls",
        "play_policy",
        "interaction_callback_url",
        "live_event_callback_config",
        "stream_keys",
        "video_config",
    ]
)
BODIES = st.dictionaries(FIELDS, JSON, max_size=6)


@settings(max_examples=300, deadline=None)
@given(BODIES)
def test_a_safe_body_streams_and_calls_back_to_no_one(body: dict[str, Any]) -> None:
    safe = safe_start_body(body)
    assert safe["output_urls"] == [NOWHERE]
    exit_config = safe["play_policy"]["live_exit_config"]
    assert exit_config["max_live_duration"] == SAFE_MAX_LIVE_DURATION
    assert exit_config["auto_stop_mode"] == SAFE_STOP_MODE
    if "interaction_callback_url" in body:
        assert safe["interaction_callback_url"] == CALLBACK_NOWHERE
    if "live_event_callback_config" in body:
        callback = safe["live_event_callback_config"]
        assert callback["live_event_type_callback_url"] == CALLBACK_NOWHERE


def test_the_rest_of_a_callback_subscription_is_kept() -> None:
    body: dict[str, Any] = {
        "live_event_callback_config": {
            "live_event_type_callback_url": "https://somebody.example/hook",
            "auth_type": "MSS_A",
            "key": "k",
            "callback_event_type": ["SHOOT_SCRIPT_SWITCH"],
        }
    }
    safe = safe_start_body(body)
    assert safe["live_event_callback_config"] == {
        "live_event_type_callback_url": CALLBACK_NOWHERE,
        "auth_type": "MSS_A",
        "key": "k",
        "callback_event_type": ["SHOOT_SCRIPT_SWITCH"],
    }
    assert body["live_event_callback_config"]["live_event_type_callback_url"].startswith(
        "https://somebody"
    )  # the case's own body is left as it was


def test_a_body_without_callbacks_gets_none() -> None:
    safe = safe_start_body({"output_urls": ["rtmp://somebody.example/live/x"]})
    assert "live_event_callback_config" not in safe and "interaction_callback_url" not in safe
