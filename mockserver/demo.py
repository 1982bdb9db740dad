"""`python -m mockserver.demo`: a job's whole life through the SDK against the mock, in-process.

Start, show, wait until it is live, command, list, stop: AK/SK-signed, on a free loopback port.
"""

from __future__ import annotations

from metastudio import Client
from metastudio.models import LiveExitConfig, PlayPolicy, PlayTextInfo, TextConfig
from mockserver import DEV_AK, DEV_SK, create_app
from mockserver.background import serving

DEMO_PROJECT_ID = "demo-project"
DEMO_ROOM_ID = "demo-room"
PROCESSING_DELAY_SECONDS = 0.2
"""The mock keeps a started job WAITING this long, so that wait_for has something to wait for."""


def main() -> None:
    """One job's life: live_job starts it and stops it when the block ends."""
    app = create_app(seed=1, processing_delay=PROCESSING_DELAY_SECONDS)
    with serving(app) as base_url:
        print(f"demo: the mock at {base_url}; metastudio.Client, AK/SK-signed")
        with Client(project_id=DEMO_PROJECT_ID, ak=DEV_AK, sk=DEV_SK, base_url=base_url) as client:
            smart_live = client.smart_live
            with smart_live.live_job(
                DEMO_ROOM_ID,
                output_urls=["rtmp://127.0.0.1:9/live/demo"],
                play_policy=PlayPolicy(live_exit_config=LiveExitConfig(max_live_duration=1)),
            ) as job:
                job_id = str(job.job_id)
                print(f"demo: started   job {job_id}")
                print(f"demo: show      {smart_live.show(DEMO_ROOM_ID, job_id).state}")
                live = smart_live.wait_for(DEMO_ROOM_ID, job_id, "PROCESSING", interval=0.05)
                print(f"demo: wait_for  {live.state}")
                done = smart_live.command(
                    DEMO_ROOM_ID,
                    job_id,
                    command="INSERT_PLAY_SCRIPT",
                    params=PlayTextInfo(text_config=TextConfig(text="Welcome to the live room!")),
                )
                print(f"demo: command   {done.command} {done.command_id}: {done.result}")
                listed = [(j.job_id, j.state) for j in smart_live.list(DEMO_ROOM_ID)]
                print(f"demo: list      {len(listed)} job(s) in the room: {listed}")
            print(f"demo: stopped   {smart_live.show(DEMO_ROOM_ID, job_id).state}")
    app.close()


if __name__ == "__main__":
    main()
