"""The mock's live-event callbacks end to end on loopback: a subscriber that verifies each one with
the SDK, every auth_type, retries, refused targets, no secrets in what the mock records, the CLI."""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from metastudio import (
    CallbackVerificationError,
    Client,
    MemoryReplayStore,
    RetryPolicy,
    decode_live_event_callback_message,
    parse_live_event_callback,
    verify_live_event_callback,
)
from metastudio.models import LiveEventCallBackConfig, PlayTextInfo, TextConfig
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN, CallbackSettings, MockApp, create_app
from mockserver.background import free_port, running_process, serving
from mockserver.deliveries import (
    DELIVERED,
    DROPPED,
    FAILED,
    REFUSED,
    RETRYING,
    DeliveryRecord,
)
from tests.conftest import ROOT
from tests.mock_lifecycle import SPEC_DATA, component

ROOM = "room-callbacks"
PROJECT = "proj-callbacks"
OUTPUT = "rtmp://127.0.0.1:9/live/callbacks"
STREAM_KEY = "stream-key-secret-1"
KEY = "callback-key-secret"
URL_SECRET = "url-secret-token"
HOOK_PATH = "/hooks/live-events"
ALL_TYPES = ["SHOOT_SCRIPT_SWITCH", "RTMP_STREAM_STATE_CHANGE", "REPLY_COMMAND_FINISH"]
DELAY = 0.2
"""Seconds a job is WAITING: CONNECTING comes before CONNECTED."""
PARAGRAPH = 0.05
NO_WAIT = RetryPolicy(initial_delay=0, max_delay=0, jitter=0)
WAIT_SECONDS = 10.0
"""The most any wait here lasts; each ends as soon as what it waits for has happened."""
CALLBACK = component("LiveEventCallback")
MESSAGE_SCHEMAS = SPEC_DATA["components"]["schemas"]["LiveEventCallback"]["x-message-schemas"]


@dataclass(frozen=True)
class Received:
    """One request the subscriber got, and what its verification said."""

    url: str
    headers: dict[str, str]
    body: bytes
    verified: bool
    reason: str | None


class Subscriber:
    """A loopback subscriber (an ASGI app): checks each callback as the SDK's user would, with
    the key the start sent, and answers 503 to the first `fail_first` of them."""

    def __init__(self, mode: str | None, *, fail_first: int = 0, status: int = 503) -> None:
        self.mode = mode
        self.fail_first = fail_first
        self.status = status
        self.replays = MemoryReplayStore()
        self._calls: list[Received] = []
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope["query_string"].decode("latin-1")
        url = f"http://{headers['host']}{scope['raw_path'].decode('latin-1')}"
        url += f"?{query}" if query else ""
        verified, reason = self._check(url, headers, body)
        with self._lock:
            self._calls.append(Received(url, headers, body, verified, reason))
            failing = len(self._calls) <= self.fail_first
        status = self.status if failing else 204
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def _check(self, url: str, headers: dict[str, str], body: bytes) -> tuple[bool, str | None]:
        try:
            if self.mode is None:
                parse_live_event_callback(body)
            else:
                verify_live_event_callback(
                    url=url,
                    headers=headers,
                    body=body,
                    key=KEY,
                    replay_store=self.replays,
                    mode="MSS_A" if self.mode == "MSS_A" else "MSS_A_HEAD",
                )
        except CallbackVerificationError as exc:
            return False, exc.reason
        except ValueError as exc:
            return False, type(exc).__name__
        return True, None

    def calls(self) -> list[Received]:
        with self._lock:
            return list(self._calls)

    def events(self) -> list[tuple[str, str]]:
        """(event_type, what it says: the stream state, paragraph number or reply id) in order."""
        said = []
        for call in self.calls():
            event = parse_live_event_callback(call.body)
            message = decode_live_event_callback_message(event)
            assert message is not None
            fields = message.model_dump()
            what = fields.get("state") or fields.get("shoot_script_sequence_no")
            said.append((str(event.event_type), str(what or fields.get("reply_id"))))
        return said

    def wait_for(self, event: tuple[str, str]) -> None:
        """Until the subscriber has got `event` (bounded)."""
        eventually(lambda: event in self.events(), lambda: f"the subscriber got {self.events()}")


def eventually(done: Callable[[], bool], saw: Callable[[], str]) -> None:
    """Until `done()`, for at most WAIT_SECONDS; `saw()` says what there was instead."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not done():
        assert time.monotonic() < deadline, saw()
        time.sleep(0.01)


@contextmanager
def mock(
    processing_delay: float = DELAY, state: Path | None = None, **settings: Any
) -> Iterator[tuple[MockApp, str]]:
    """The mock on loopback, with quick callbacks (its jobs in `state` when given); its sender's
    thread is gone afterwards."""
    options: dict[str, Any] = {"paragraph_seconds": PARAGRAPH, "first_retry_delay": 0.01}
    app = create_app(
        seed=12,
        state=state,
        processing_delay=processing_delay,
        callback_settings=CallbackSettings(**(options | settings)),
    )
    try:
        with serving(app) as url:
            yield app, url
    finally:
        app.close()
        assert app.callbacks is None or not app.callbacks.running


@contextmanager
def subscribed(subscriber: Subscriber) -> Iterator[str]:
    """The subscriber on loopback; its callback URL (with a secret in its query)."""
    with serving(subscriber) as base_url:
        yield f"{base_url}{HOOK_PATH}?token={URL_SECRET}"


def sdk(url: str) -> Client:
    return Client(project_id=PROJECT, ak=DEV_AK, sk=DEV_SK, base_url=url, retry=NO_WAIT)


def config(url: str, auth_type: Any, types: list[Any] | None = None) -> LiveEventCallBackConfig:
    return LiveEventCallBackConfig(
        live_event_type_callback_url=url,
        auth_type=auth_type,
        key=KEY,
        callback_event_type=ALL_TYPES if types is None else types,
    )


def start(client: Client, callback: LiveEventCallBackConfig) -> str:
    started = client.smart_live.start(
        ROOM, output_urls=[OUTPUT], stream_keys=[STREAM_KEY], live_event_callback_config=callback
    )
    return str(started.job_id)


def settled(app: MockApp) -> list[DeliveryRecord]:
    """Every delivery record, once all that is due has been sent."""
    assert app.callbacks is not None
    assert app.callbacks.wait_idle(WAIT_SECONDS)
    return app.callbacks.deliveries()


def no_secret_in(text: str, *more: str) -> None:
    for secret in (URL_SECRET, HOOK_PATH, KEY, STREAM_KEY, *more):
        assert secret not in text, secret


def signatures(calls: list[Received]) -> list[str]:
    found = []
    for call in calls:
        found += [v for k, v in call.headers.items() if k == "x-hw-mss-secret"]
        found += [
            p[len("hwSecret=") :] for p in call.url.split("?")[-1].split("&") if "hwSecret=" in p
        ]
    return found


@pytest.mark.parametrize("auth_type", ["NONE", "MSS_A", "MSS_A_HEAD"])
def test_a_job_calls_back_its_whole_life_signed_and_valid(
    auth_type: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mockserver.callbacks")
    log_file = tmp_path / "callbacks.jsonl"
    subscriber = Subscriber(None if auth_type == "NONE" else auth_type)
    with subscribed(subscriber) as hook, mock(log_file=log_file) as (app, url), sdk(url) as client:
        job_id = start(client, config(hook, auth_type))
        subscriber.wait_for(("SHOOT_SCRIPT_SWITCH", "3"))
        done = client.smart_live.command(
            ROOM,
            job_id,
            command="INSERT_PLAY_SCRIPT",
            params=PlayTextInfo(text_config=TextConfig(text="hello")),
        )
        client.smart_live.stop(ROOM, job_id)
        records = settled(app)
    assert subscriber.events() == [
        ("RTMP_STREAM_STATE_CHANGE", "CONNECTING"),
        ("RTMP_STREAM_STATE_CHANGE", "CONNECTED"),
        ("SHOOT_SCRIPT_SWITCH", "1"),
        ("SHOOT_SCRIPT_SWITCH", "2"),
        ("SHOOT_SCRIPT_SWITCH", "3"),
        ("REPLY_COMMAND_FINISH", str(done.command_id)),
        ("RTMP_STREAM_STATE_CHANGE", "END"),
    ]
    calls = subscriber.calls()
    assert [(c.verified, c.reason) for c in calls] == [(True, None)] * len(calls)
    for call in calls:
        body = json.loads(call.body)
        assert CALLBACK.check(body, "body") is None
        message = json.loads(body["message"])
        schema = component(MESSAGE_SCHEMAS[body["event_type"]]["$ref"].rsplit("/", 1)[-1])
        assert schema.check(message, "message") is None
        assert message["job_id"] == job_id and message["room_id"] == ROOM
        assert f"token={URL_SECRET}" in call.url  # the configured query arrives as it was
        assert ("hwSecret=" in call.url) == (auth_type == "MSS_A")
        assert ("x-hw-mss-secret" in call.headers) == (auth_type == "MSS_A_HEAD")
    origin = hook.split(HOOK_PATH)[0]
    assert [(r.outcome, r.attempt, r.status) for r in records] == [(DELIVERED, 1, 204)] * 7
    assert {(r.job_id, r.origin, r.auth_type) for r in records} == {(job_id, origin, auth_type)}
    written = log_file.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in written] == [json.loads(r.to_json()) for r in records]
    said = caplog.text
    assert said.count(": delivered") == 7
    for text in (repr(records), "\n".join(written), said):
        no_secret_in(text, *signatures(calls))


def test_a_failing_subscriber_gets_the_callback_again_signed_afresh() -> None:
    subscriber = Subscriber("MSS_A_HEAD", fail_first=2)
    with (
        subscribed(subscriber) as hook,
        mock(processing_delay=60) as (app, url),
        sdk(url) as client,
    ):
        start(client, config(hook, "MSS_A_HEAD", ["RTMP_STREAM_STATE_CHANGE"]))
        records = settled(app)
    assert [(r.outcome, r.attempt, r.status) for r in records] == [
        (RETRYING, 1, 503),
        (RETRYING, 2, 503),
        (DELIVERED, 3, 204),
    ]
    calls = subscriber.calls()
    # Each attempt verified, none taken for a replay: each was signed with a time of its own.
    assert [c.verified for c in calls] == [True] * 3
    assert len({c.headers["x-hw-mss-time"] for c in calls}) == 3


def test_a_subscriber_that_always_fails_gets_max_attempts_then_a_failed_record() -> None:
    subscriber = Subscriber("MSS_A", fail_first=1_000, status=500)
    with (
        subscribed(subscriber) as hook,
        mock(processing_delay=60, max_attempts=3) as (app, url),
        sdk(url) as client,
    ):
        start(client, config(hook, "MSS_A", ["RTMP_STREAM_STATE_CHANGE"]))
        records = settled(app)
    assert [(r.outcome, r.attempt, r.status) for r in records] == [
        (RETRYING, 1, 500),
        (RETRYING, 2, 500),
        (FAILED, 3, 500),
    ]
    assert len(subscriber.calls()) == 3


def test_a_subscriber_that_is_not_there_fails_with_the_error_alone() -> None:
    closed = f"http://127.0.0.1:{free_port()}{HOOK_PATH}?token={URL_SECRET}"
    with mock(processing_delay=60, max_attempts=2) as (app, url), sdk(url) as client:
        start(client, config(closed, "NONE", ["RTMP_STREAM_STATE_CHANGE"]))
        records = settled(app)
    assert [(r.outcome, r.attempt, r.error) for r in records] == [
        (RETRYING, 1, "ConnectError"),
        (FAILED, 2, "ConnectError"),
    ]


def test_beyond_the_pending_limit_a_callback_is_dropped_and_recorded() -> None:
    subscriber = Subscriber(None)
    with (
        subscribed(subscriber) as hook,
        mock(processing_delay=0, max_pending=1) as (app, url),
        sdk(url) as client,
    ):
        start(client, config(hook, "NONE", ["RTMP_STREAM_STATE_CHANGE"]))
        records = settled(app)
    # CONNECTING and CONNECTED fall due together: the second finds the one place taken.
    assert [(r.event, r.outcome) for r in records] == [
        ("CONNECTED/0", DROPPED),
        ("CONNECTING/0", DELIVERED),
    ]
    assert records[0].error == "more than 1 callbacks were waiting to be sent"


def test_beyond_the_job_limit_the_oldest_jobs_callbacks_to_come_are_dropped() -> None:
    subscriber = Subscriber(None)
    with (
        subscribed(subscriber) as hook,
        mock(processing_delay=60, max_jobs=1) as (app, url),
        sdk(url) as client,
    ):
        first = start(client, config(hook, "NONE", ["RTMP_STREAM_STATE_CHANGE"]))
        subscriber.wait_for(("RTMP_STREAM_STATE_CHANGE", "CONNECTING"))
        second = start(client, config(hook, "NONE", ["RTMP_STREAM_STATE_CHANGE"]))
        records = settled(app)
    assert sorted((r.job_id == first, r.event, r.outcome) for r in records) == [
        (False, "CONNECTING/0", DELIVERED),
        (True, "CONNECTED/0", DROPPED),
        (True, "CONNECTING/0", DELIVERED),
    ]
    assert {r.job_id for r in records} == {first, second}


def test_closing_the_mock_drops_a_callback_waiting_for_its_retry() -> None:
    subscriber = Subscriber(None, fail_first=1)
    with subscribed(subscriber) as hook:
        with mock(processing_delay=60, first_retry_delay=60) as (app, url), sdk(url) as client:
            start(client, config(hook, "NONE", ["RTMP_STREAM_STATE_CHANGE"]))
            assert app.callbacks is not None
            deliveries = app.callbacks.deliveries
            eventually(lambda: len(deliveries()) == 1, lambda: repr(deliveries()))
        assert [(r.outcome, r.attempt) for r in deliveries()] == [(RETRYING, 1), (DROPPED, 0)]
    assert len(subscriber.calls()) == 1


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The hosts the mock's callback client sent a request to (none is actually sent)."""
    sent: list[str] = []

    async def send(self: httpx.AsyncClient, request: httpx.Request, **_: Any) -> httpx.Response:
        sent.append(request.url.host)
        raise httpx.ConnectError("not in this test")

    monkeypatch.setattr(httpx.AsyncClient, "send", send)
    return sent


@pytest.mark.parametrize(
    ("target", "auth_type", "reason"),
    [
        (f"https://example.com{HOOK_PATH}?token={URL_SECRET}", "MSS_A", "not a loopback address"),
        (f"http://10.0.0.1{HOOK_PATH}", "NONE", "host 10.0.0.1 is not a loopback address"),
        (f"http://127.0.0.1\\@example.com{HOOK_PATH}", "NONE", "host example.com"),
        (f"ftp://127.0.0.1{HOOK_PATH}", "NONE", "not an http or https URL"),
        (f"http://127.0.0.1:9{HOOK_PATH}", "MEITUAN_DEFAULT", "MEITUAN_DEFAULT"),
    ],
)
def test_a_target_it_must_not_call_is_refused_without_a_connection(
    target: str, auth_type: str, reason: str, connections: list[str]
) -> None:
    with mock(processing_delay=60) as (app, url), sdk(url) as client:
        job_id = start(client, config(target, auth_type))
        client.smart_live.stop(ROOM, job_id)  # while WAITING: CONNECTING and END
        records = settled(app)
    assert [(r.event_type, r.event, r.outcome, r.attempt) for r in records] == [
        ("RTMP_STREAM_STATE_CHANGE", "CONNECTING/0", REFUSED, 0),
        ("RTMP_STREAM_STATE_CHANGE", "END/0", REFUSED, 0),
    ]
    assert all(r.error is not None and reason in r.error for r in records), records
    assert connections == []
    no_secret_in(repr(records))


def test_a_signed_auth_type_without_a_key_is_refused(connections: list[str]) -> None:
    with mock(processing_delay=60) as (app, url), sdk(url) as client:
        callback = config(f"http://127.0.0.1:9{HOOK_PATH}", "MSS_A", ["RTMP_STREAM_STATE_CHANGE"])
        start(client, callback.model_copy(update={"key": None}))
        records = settled(app)
    assert [(r.outcome, r.error) for r in records] == [
        (REFUSED, "auth_type MSS_A signs with the subscription's key, and it has none")
    ]
    assert connections == []


def test_a_host_named_by_the_operator_is_called_back_and_only_it() -> None:
    subscriber = Subscriber("MSS_A")
    with subscribed(subscriber) as hook:
        # 127.1 is no IP literal, only a name the system resolves to 127.0.0.1: refused unless
        # the operator names it, and called once named (without leaving loopback either way).
        by_name = hook.replace("127.0.0.1", "127.1")
        for allowed, outcome in ((frozenset(), REFUSED), (frozenset({"127.1"}), DELIVERED)):
            with mock(processing_delay=60, allowed_hosts=allowed) as (app, url), sdk(url) as client:
                start(client, config(by_name, "MSS_A", ["RTMP_STREAM_STATE_CHANGE"]))
                assert [r.outcome for r in settled(app)] == [outcome]
    assert [c.verified for c in subscriber.calls()] == [True]


def test_a_job_stopped_while_waiting_never_connects_nor_plays_its_script() -> None:
    subscriber = Subscriber(None)
    with subscribed(subscriber) as hook, mock() as (app, url), sdk(url) as client:
        job_id = start(client, config(hook, "NONE"))
        client.smart_live.stop(ROOM, job_id)
        # Long enough for what was planned at the start: CONNECTED and the whole script.
        time.sleep(DELAY + 3 * PARAGRAPH)
        settled(app)
    assert subscriber.events() == [
        ("RTMP_STREAM_STATE_CHANGE", "CONNECTING"),
        ("RTMP_STREAM_STATE_CHANGE", "END"),
    ]


def test_a_restart_on_the_same_state_file_sends_the_callbacks_still_to_come(
    tmp_path: Path,
) -> None:
    subscriber = Subscriber("MSS_A")
    state = tmp_path / "jobs.sqlite"
    # WAITING long enough for the first mock to be closed and the second started before the
    # job turns CONNECTED, which only the second can then send.
    waiting = 3.0
    with subscribed(subscriber) as hook:
        with mock(waiting, state) as (_, url), sdk(url) as client:
            job_id = start(client, config(hook, "MSS_A"))
            subscriber.wait_for(("RTMP_STREAM_STATE_CHANGE", "CONNECTING"))
        with mock(waiting, state) as (app, url), sdk(url) as client:
            # No request tells the second mock of the job: it finds it in the state file.
            subscriber.wait_for(("SHOOT_SCRIPT_SWITCH", "3"))
            client.smart_live.stop(ROOM, job_id)
            records = settled(app)
    assert subscriber.events() == [
        ("RTMP_STREAM_STATE_CHANGE", "CONNECTING"),  # from the first mock, not sent again
        ("RTMP_STREAM_STATE_CHANGE", "CONNECTED"),
        ("SHOOT_SCRIPT_SWITCH", "1"),
        ("SHOOT_SCRIPT_SWITCH", "2"),
        ("SHOOT_SCRIPT_SWITCH", "3"),
        ("RTMP_STREAM_STATE_CHANGE", "END"),
    ]
    assert [c.verified for c in subscriber.calls()] == [True] * 6
    assert [(r.event.split("/")[0], r.outcome) for r in records] == [
        ("CONNECTED", DELIVERED),
        ("SHOOT_SCRIPT_SWITCH", DELIVERED),
        ("SHOOT_SCRIPT_SWITCH", DELIVERED),
        ("SHOOT_SCRIPT_SWITCH", DELIVERED),
        ("END", DELIVERED),
    ]


def test_without_callbacks_nothing_is_sent() -> None:
    subscriber = Subscriber(None)
    with subscribed(subscriber) as hook, mock(enabled=False) as (app, url), sdk(url) as client:
        assert app.callbacks is None
        client.smart_live.stop(ROOM, start(client, config(hook, "NONE")))
    assert subscriber.calls() == []


def test_a_bug_in_the_sender_is_logged_and_never_fails_the_request(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(job: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("mockserver.callbacks.subscription", broken)
    with mock() as (app, url), sdk(url) as client:
        job_id = start(client, config("http://127.0.0.1:9/hook", "NONE"))
        client.smart_live.command(ROOM, job_id, command="GET_CURRENT_PLAYING_SCRIPTS")
        client.smart_live.stop(ROOM, job_id)
    said = [r.getMessage() for r in caplog.records if r.name == "mockserver.callbacks"]
    assert said.count("the callback sender could not take in job_changed") == 2  # start, stop
    assert said.count("the callback sender could not take in command_executed") == 1


def test_a_stateless_spec_has_no_callback_sender() -> None:
    app = create_app(ROOT / "tests" / "corpus" / "oai-petstore.yaml")
    try:
        assert app.lifecycle is None and app.callbacks is None
    finally:
        app.close()


def test_the_command_line_allows_named_hosts_and_writes_the_callback_log(tmp_path: Path) -> None:
    subscriber = Subscriber("MSS_A")
    log, callback_log = tmp_path / "mock.log", tmp_path / "callbacks.jsonl"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"

    def written() -> str:
        return callback_log.read_text(encoding="utf-8") if callback_log.exists() else ""

    def count(outcome: str) -> int:
        return written().count(f'"outcome":"{outcome}"')

    command = [
        *(sys.executable, "-m", "mockserver", "--port", str(port), "--seed", "5"),
        *("--processing-delay", "0", "--paragraph-seconds", str(PARAGRAPH)),
        *("--allow-callback-host", "127.1", "--callback-log", str(callback_log)),
    ]
    with (
        subscribed(subscriber) as hook,
        log.open("w") as out,
        running_process(command, base_url, log=out),
        sdk(base_url) as client,
    ):
        by_name = hook.replace("127.0.0.1", "127.1")
        job_id = start(client, config(by_name, "MSS_A", ["RTMP_STREAM_STATE_CHANGE"]))
        subscriber.wait_for(("RTMP_STREAM_STATE_CHANGE", "CONNECTED"))
        client.smart_live.stop(ROOM, job_id)
        eventually(lambda: count(DELIVERED) == 3, written)
        elsewhere = f"https://example.com{HOOK_PATH}"
        refused = start(client, config(elsewhere, "NONE", ["RTMP_STREAM_STATE_CHANGE"]))
        client.smart_live.stop(ROOM, refused)
        eventually(lambda: count(REFUSED) == 3, written)
    records = [json.loads(line) for line in written().splitlines()]
    origin = by_name.split(HOOK_PATH)[0]
    assert [(r["job_id"], r["origin"], r["outcome"]) for r in records] == [
        (job_id, origin, DELIVERED),
        (job_id, origin, DELIVERED),
        (job_id, origin, DELIVERED),
        (refused, "https://example.com:443", REFUSED),
        (refused, "https://example.com:443", REFUSED),
        (refused, "https://example.com:443", REFUSED),
    ]
    said = log.read_text()
    assert "live-event callbacks to loopback and 127.1" in said
    assert (
        f"callback RTMP_STREAM_STATE_CHANGE (END/0) of job {job_id} to {origin} (MSS_A) "
        "attempt 1: delivered (HTTP 204)"
    ) in said
    for text in (said, written()):
        no_secret_in(text, DEV_SK, DEV_TOKEN, *signatures(subscriber.calls()))
