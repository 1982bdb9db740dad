"""`python -m mockserver.demo`: start the mock in-process and start one live job through the SDK."""

from __future__ import annotations

from metastudio import Client
from metastudio.models import LiveExitConfig, PlayPolicy
from mockserver import DEV_AK, DEV_SK, create_app
from mockserver.background import serving

DEMO_PROJECT_ID = "demo-project"
DEMO_ROOM_ID = "demo-room"


def main() -> None:
    """Call StartSmartLive once, AK/SK-signed, against a mock on a free loopback port."""
    with serving(create_app(seed=1)) as base_url:
        with Client(project_id=DEMO_PROJECT_ID, ak=DEV_AK, sk=DEV_SK, base_url=base_url) as client:
            job = client.smart_live.start(
                DEMO_ROOM_ID,
                output_urls=["rtmp://127.0.0.1/live/demo"],
                play_policy=PlayPolicy(live_exit_config=LiveExitConfig(max_live_duration=2)),
            )
    print(f"demo: StartSmartLive through metastudio.Client against the mock at {base_url}")
    print(f"demo: job_id {job.job_id}")


if __name__ == "__main__":
    main()
