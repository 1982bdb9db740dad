"""The README's Starlette receiver, run as written: it accepts signed callbacks and refuses the rest."""

from __future__ import annotations

import json
import re
import time
import types
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

import metastudio
from mockserver import DEV_AK, DEV_SK, CallbackSettings, create_app
from mockserver.background import serving
from tests import callback_signer
from tests.conftest import ROOT

KEY = "receiver-test-key-0123456789abcd"


def readme_receiver() -> types.ModuleType:
    """The README's receiver block, as a module."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"A receiver on Starlette.*?```python\n(.*?)```", readme, re.S)
    assert block is not None, "README.md lost its receiver example"
    module = types.ModuleType("readme_receiver")
    exec(compile(block[1], "README.md (receiver)", "exec"), module.__dict__)  # noqa: S102
    return module


RECEIVER = readme_receiver()
Received = list[tuple[metastudio.LiveEventCallback, object]]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Received]]:
    """The receiver, served by uvicorn on loopback (as in production: raw_path and all)."""
    received: Received = []
    app: Starlette = RECEIVER.live_event_receiver(KEY, lambda e, m: received.append((e, m)))
    with serving(app) as base_url:
        yield base_url, received


@pytest.fixture
def received(served: tuple[str, Received]) -> Received:
    served[1].clear()
    return served[1]


@pytest.fixture
def client(served: tuple[str, Received]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served[0], trust_env=False, timeout=10) as session:
        yield session


def body(job_id: str = "job-1") -> bytes:
    message = {"room_id": "room-1", "job_id": job_id, "reply_id": "reply-1"}
    return json.dumps(
        {"event_type": "REPLY_COMMAND_FINISH", "message": json.dumps(message)}
    ).encode()


def target(client: httpx.Client, **query: str) -> str:
    # A query of its own per test: the receiver uses the SDK's default replay store, shared by
    # the whole process, and one signature must not meet another test's.
    parameters = "&".join(f"{k}={v}" for k, v in {"n": uuid.uuid4().hex, **query}.items())
    return f"{str(client.base_url).rstrip('/')}/metastudio/events?{parameters}"


def post(client: httpx.Client, url: str, **kwargs: Any) -> tuple[int, str]:
    answer = client.post(url, content=kwargs.pop("content", body()), **kwargs)
    return answer.status_code, answer.text


def test_a_query_signed_callback_is_accepted_and_handed_over_decoded(
    client: httpx.Client, received: Received
) -> None:
    url = callback_signer.mss_a(target(client, tenant="a%2Fb"), KEY, int(time.time()))
    assert post(client, url) == (204, "")
    ((event, message),) = received
    assert event.event_type == "REPLY_COMMAND_FINISH"
    assert isinstance(message, metastudio.ReplyCommandFinishMessage)
    assert message.reply_id == "reply-1"


def test_a_header_signed_callback_is_accepted(client: httpx.Client, received: Received) -> None:
    url = target(client)
    headers = callback_signer.mss_a_head(url, KEY, int(time.time()))
    assert post(client, url, headers=headers) == (204, "")
    assert len(received) == 1


def test_the_same_callback_twice_is_refused_the_second_time(
    client: httpx.Client, received: Received
) -> None:
    url = callback_signer.mss_a(target(client), KEY, int(time.time()))
    assert post(client, url)[0] == 204
    assert post(client, url) == (401, "replayed")
    assert len(received) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("unsigned", "missing"),
        ("tampered", "bad signature"),
        ("stale", "expired"),
        ("other key", "bad signature"),
        ("not a callback body", "malformed"),
    ],
)
def test_what_is_not_shown_to_come_from_metastudio_is_refused(
    client: httpx.Client, received: Received, name: str, expected: str
) -> None:
    now = int(time.time())
    url = target(client)
    content = body()
    if name == "unsigned":
        signed = url
    elif name == "tampered":
        signed = callback_signer.mss_a(url, KEY, now).replace("?n=", "?n=0")
    elif name == "stale":
        signed = callback_signer.mss_a(url, KEY, now - 3600)
    elif name == "other key":
        signed = callback_signer.mss_a(url, "another-key", now)
    else:
        signed, content = callback_signer.mss_a(url, KEY, now), b"[1, 2]"
    assert post(client, signed, content=content) == (401, expected)
    assert received == []


@pytest.mark.parametrize("auth_type", ["MSS_A", "MSS_A_HEAD"])
def test_every_callback_the_mock_sends_passes_the_receiver(
    served: tuple[str, Received], received: Received, auth_type: str
) -> None:
    receiver_url = f"{served[0]}/metastudio/events?n={uuid.uuid4().hex}"
    settings = CallbackSettings(paragraph_seconds=0.05, first_retry_delay=0.01)
    app = create_app(seed=3, processing_delay=0.05, callback_settings=settings)
    try:
        with (
            serving(app) as mock_url,
            metastudio.Client(project_id="p", ak=DEV_AK, sk=DEV_SK, base_url=mock_url) as client,
        ):
            config = metastudio.LiveEventCallBackConfig(
                live_event_type_callback_url=receiver_url,
                auth_type=auth_type,
                key=KEY,
                callback_event_type=[
                    "SHOOT_SCRIPT_SWITCH",
                    "RTMP_STREAM_STATE_CHANGE",
                    "REPLY_COMMAND_FINISH",
                ],
            )
            job = client.smart_live.start(
                "room", output_urls=["rtmp://127.0.0.1:9/live/x"], live_event_callback_config=config
            )
            deadline = time.monotonic() + 20
            while sum(e.event_type == "SHOOT_SCRIPT_SWITCH" for e, _ in received) < 3:
                assert time.monotonic() < deadline, received
                time.sleep(0.01)
            client.smart_live.command(
                "room",
                str(job.job_id),
                command="INSERT_PLAY_SCRIPT",
                params=metastudio.PlayTextInfo(text_config=metastudio.TextConfig(text="hi")),
            )
            client.smart_live.stop("room", str(job.job_id))
            assert app.callbacks is not None and app.callbacks.wait_idle(20)
            records = app.callbacks.deliveries()
    finally:
        app.close()
    assert [(r.outcome, r.status) for r in records] == [("delivered", 204)] * 7
    assert [e.event_type for e, _ in received].count("RTMP_STREAM_STATE_CHANGE") == 3
    assert len(received) == 7
