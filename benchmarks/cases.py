"""The requests every validator in the benchmark judges: valid and invalid, small and rich."""

from __future__ import annotations

import json
from typing import Any

from mockserver import DEV_TOKEN

PATH = "/v1/bench-project/smart-live-rooms/bench-room/smart-live-jobs"
HEADERS = {"x-auth-token": DEV_TOKEN, "content-type": "application/json", "host": "127.0.0.1"}

_RICH: dict[str, Any] = {
    "video_config": {"bitrate": 4000, "width": 1920, "height": 1080, "frame_rate": "25"},
    "play_policy": {
        "repeat_count": 3,
        "play_mode": "TEXT",
        "random_play_mode": "SCENE",
        "live_exit_config": {"max_live_duration": 12, "auto_stop_mode": "SCENE_END"},
    },
    "output_urls": ["rtmp://127.0.0.1/live/bench"],
    "stream_keys": ["bench-key"],
    "live_event_callback_config": {
        "live_event_type_callback_url": "https://127.0.0.1/callback",
        "auth_type": "MSS_A",
        "callback_event_type": ["SHOOT_SCRIPT_SWITCH", "REPLY_COMMAND_FINISH"],
    },
    "view_mode": "LANDSCAPE",
    "job_run_config": {"allow_resource_type": "ONDEMAND", "single_job_in_room": True},
}

# (name, body, valid?)
CASES: list[tuple[str, bytes, bool]] = [
    ("minimal valid", json.dumps({"output_urls": ["rtmp://127.0.0.1/live/a"]}).encode(), True),
    ("rich valid", json.dumps(_RICH).encode(), True),
    ("invalid type", json.dumps({**_RICH, "play_policy": {"repeat_count": "3"}}).encode(), False),
]
