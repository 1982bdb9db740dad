"""The live events a job calls back with (mockserver.liveevents), and where callbacks may go
(mockserver.targets): pure functions, checked against the spec's callback schemas."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from metastudio import decode_live_event_callback_message, parse_live_event_callback
from mockserver.jobs import Job
from mockserver.liveevents import (
    EVENT_TYPES,
    SCRIPT_PARAGRAPHS,
    LiveEvent,
    Subscription,
    callback_body,
    command_reply,
    subscription,
    timeline,
)
from mockserver.targets import allowed_host, origin, refusal
from tests.mock_lifecycle import SPEC_DATA, T0, component

STARTED = T0 + timedelta(seconds=2)
PARAGRAPH = 10.0
URL_SECRET = "url-secret-token"
CONFIG: dict[str, Any] = {
    "live_event_type_callback_url": f"https://127.0.0.1:8443/hooks?token={URL_SECRET}",
    "auth_type": "MSS_A",
    "key": "callback-key-secret",
    "callback_event_type": list(EVENT_TYPES),
}
CALLBACK = component("LiveEventCallback")
MESSAGE_SCHEMAS = SPEC_DATA["components"]["schemas"]["LiveEventCallback"]["x-message-schemas"]


def job(config: Any = CONFIG, **changes: Any) -> Job:
    details = {"live_event_callback_config": config} if config is not None else {}
    stored = Job(
        project_id="proj-1",
        room_id="room-1",
        job_id="job-1",
        created=T0,
        started=STARTED,
        updated=T0,
        output_urls=("rtmp://127.0.0.1/live/a",),
        stream_keys=("stream-key-secret",),
        details=details,
    )
    return replace(stored, **changes)


def subscribed(stored: Job) -> Subscription:
    found = subscription(stored)
    assert found is not None
    return found


def plan(stored: Job) -> list[tuple[str, datetime]]:
    return [(e.name, e.due) for e in timeline(stored, subscribed(stored), PARAGRAPH)]


def paragraph(number: int) -> datetime:
    return STARTED + timedelta(seconds=PARAGRAPH * (number - 1))


def test_a_running_job_connects_plays_its_script_and_waits_for_its_end() -> None:
    assert plan(job()) == [
        ("CONNECTING/0", T0),
        ("CONNECTED/0", STARTED),
        ("SHOOT_SCRIPT_SWITCH/1", paragraph(1)),
        ("SHOOT_SCRIPT_SWITCH/2", paragraph(2)),
        ("SHOOT_SCRIPT_SWITCH/3", paragraph(3)),
    ]
    assert SCRIPT_PARAGRAPHS == 3  # a bounded script: no switch after the third, however long


def test_a_stop_ends_every_stream_and_cuts_the_script_short() -> None:
    stopped = job(stopped=paragraph(2) + timedelta(seconds=1))
    assert plan(stopped)[-2:] == [
        ("SHOOT_SCRIPT_SWITCH/2", paragraph(2)),
        ("END/0", paragraph(2) + timedelta(seconds=1)),
    ]


def test_a_job_stopped_while_waiting_never_connects_nor_plays() -> None:
    stopped = job(stopped=T0 + timedelta(seconds=1))
    assert plan(stopped) == [("CONNECTING/0", T0), ("END/0", T0 + timedelta(seconds=1))]


def test_a_job_failed_by_the_mock_never_connects_nor_plays_and_ends_when_it_would_have_gone_live() -> (
    None
):
    assert plan(job(failed=True)) == [("CONNECTING/0", T0), ("END/0", STARTED)]
    stopped_first = job(failed=True, stopped=T0 + timedelta(seconds=1))
    assert plan(stopped_first) == [("CONNECTING/0", T0), ("END/0", T0 + timedelta(seconds=1))]


def test_the_end_follows_the_deadline_a_reset_moves_and_the_stop_that_comes_first() -> None:
    deadline = STARTED + timedelta(hours=2)
    assert plan(job(deadline=deadline))[-1] == ("END/0", deadline)
    earlier = paragraph(2)  # RESET_EXIT_CONFIG moved it: paragraphs from the second on are gone
    assert plan(job(deadline=earlier))[-2:] == [
        ("SHOOT_SCRIPT_SWITCH/1", paragraph(1)),
        ("END/0", earlier),
    ]
    stop = paragraph(1) + timedelta(seconds=1)
    ends = [e for e in plan(job(deadline=deadline, stopped=stop)) if e[0].startswith("END")]
    assert ends == [("END/0", stop)]  # no END at the old deadline as well


def test_only_the_subscribed_event_types_are_planned() -> None:
    only_streams = job({**CONFIG, "callback_event_type": ["RTMP_STREAM_STATE_CHANGE"]})
    assert [name for name, _ in plan(only_streams)] == ["CONNECTING/0", "CONNECTED/0"]
    subscribed_types = {"SHOOT_SCRIPT_SWITCH", "NOT_AN_EVENT"}
    only_script = job({**CONFIG, "callback_event_type": sorted(subscribed_types)})
    assert {e.event_type for e in timeline(only_script, subscribed(only_script))} == {
        "SHOOT_SCRIPT_SWITCH"
    }


@pytest.mark.parametrize(
    "config",
    [
        None,
        {**CONFIG, "live_event_type_callback_url": ""},
        {key: value for key, value in CONFIG.items() if key != "live_event_type_callback_url"},
        {**CONFIG, "callback_event_type": []},
        {**CONFIG, "callback_event_type": ["NOT_AN_EVENT"]},
    ],
)
def test_without_a_callback_url_or_an_event_type_there_is_no_subscription(config: Any) -> None:
    assert subscription(job(config)) is None


def test_the_subscription_reads_defaults_and_keeps_its_secrets_out_of_its_repr() -> None:
    bare = {
        "live_event_type_callback_url": "http://127.0.0.1/x",
        "callback_event_type": ["REPLY_COMMAND_FINISH"],
    }
    found = subscribed(job(bare))
    assert (found.auth_type, found.key) == ("NONE", "")
    assert subscribed(job({**CONFIG, "auth_type": "SOMETHING"})).auth_type == "(other)"
    shown = repr(subscribed(job()))
    assert URL_SECRET not in shown and "callback-key-secret" not in shown


@pytest.mark.parametrize("command", ["INSERT_PLAY_SCRIPT", "INSERT_PLAY_AUDIO"])
def test_a_reply_command_finishes_with_its_command_id(command: str) -> None:
    stored = job()
    reply = command_reply(stored, subscribed(stored), command, "command-7", paragraph(2))
    assert reply is not None and reply.due == paragraph(2)
    assert json.loads(reply.message)["reply_id"] == "command-7"


def test_other_commands_and_unsubscribed_replies_send_nothing() -> None:
    stored = job()
    assert command_reply(stored, subscribed(stored), "RESET_EXIT_CONFIG", "c", T0) is None
    no_replies = job({**CONFIG, "callback_event_type": ["SHOOT_SCRIPT_SWITCH"]})
    assert command_reply(no_replies, subscribed(no_replies), "INSERT_PLAY_SCRIPT", "c", T0) is None


def every_event() -> list[LiveEvent]:
    stored = job(stopped=paragraph(3) + timedelta(seconds=1))
    events = list(timeline(stored, subscribed(stored), PARAGRAPH))
    reply = command_reply(stored, subscribed(stored), "INSERT_PLAY_SCRIPT", "command-1", T0)
    assert reply is not None
    return [*events, reply]


def test_every_body_is_valid_against_the_spec_and_its_message_against_its_schema() -> None:
    events = every_event()
    assert {e.event_type for e in events} == set(EVENT_TYPES)
    for event in events:
        body = json.loads(callback_body(event))
        violation = CALLBACK.check(body, "body")
        assert violation is None, violation.render()
        name = MESSAGE_SCHEMAS[event.event_type]["$ref"].rsplit("/", 1)[-1]
        message = json.loads(body["message"])
        violation = component(name).check(message, "message")
        assert violation is None, violation.render()
        declared = SPEC_DATA["components"]["schemas"][name]["properties"]
        assert set(message) <= set(declared), (name, set(message) - set(declared))


def test_the_sdk_parses_and_decodes_every_body() -> None:
    for event in every_event():
        parsed = parse_live_event_callback(callback_body(event))
        decoded = decode_live_event_callback_message(parsed)
        assert decoded is not None and decoded.job_id == "job-1" and decoded.room_id == "room-1"


def test_stream_messages_pair_each_output_url_with_its_stream_key() -> None:
    stored = job()
    connecting = timeline(stored, subscribed(stored))[0]
    assert json.loads(connecting.message) == {
        "room_id": "room-1",
        "job_id": "job-1",
        "output_url": "rtmp://127.0.0.1/live/a",
        "stream_key": "stream-key-secret",
        "state": "CONNECTING",
    }
    assert "stream-key-secret" not in repr(connecting)
    assert "stream-key-secret" not in repr(stored) and URL_SECRET not in repr(stored)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/cb",
        "https://127.255.0.7/cb?token=x",
        "http://[::1]:8080/cb",
        "http://localhost:9/cb",
        "HTTP://LOCALHOST/cb",
    ],
)
def test_loopback_targets_are_allowed(url: str) -> None:
    assert refusal(url) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://example.com/cb", "not a loopback address"),
        ("http://10.0.0.1/cb", "not a loopback address"),
        ("http://0.0.0.0:9/cb", "not a loopback address"),
        ("http://127.1/cb", "not a loopback address"),  # no IP literal: a name the OS resolves
        ("http://localhost.example.com/cb", "not a loopback address"),
        ("http://[::ffff:127.0.0.1]/cb", "not a loopback address"),
        ("http://127.0.0.1\\@example.com/cb", "host example.com"),  # the host httpx would call
        ("ftp://127.0.0.1/cb", "not an http or https URL"),
        ("/relative/cb", "not an http or https URL"),
        ("not a url", "not an http or https URL"),
        ("http:///cb", "no host"),
    ],
)
def test_every_other_target_is_refused(url: str, why: str) -> None:
    reason = refusal(url)
    assert reason is not None and why in reason


def test_a_named_host_is_allowed_exactly() -> None:
    hosts = frozenset({allowed_host("Example.COM"), allowed_host("fd00::0001")})
    assert hosts == {"example.com", "fd00::1"}
    assert refusal("https://example.com/cb", hosts) is None
    assert refusal("http://[fd00:0::1]:9/cb", hosts) is None
    assert refusal("https://www.example.com/cb", hosts) is not None
    assert refusal("https://example.com.evil.test/cb", hosts) is not None


@pytest.mark.parametrize("name", ["", "http://example.com", "example.com/cb", "a b", "host:80"])
def test_an_allowed_host_must_be_a_bare_host(name: str) -> None:
    with pytest.raises(ValueError, match="not a host name or IP address"):
        allowed_host(name)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (f"https://127.0.0.1/hooks/live?token={URL_SECRET}#frag", "https://127.0.0.1:443"),
        ("http://user:password@localhost:8080/cb", "http://localhost:8080"),
        ("http://[::1]/cb", "http://[::1]:80"),
        ("not a url with a secret", "(not an http or https URL)"),
    ],
)
def test_an_origin_is_all_a_log_shows_of_a_url(url: str, shown: str) -> None:
    assert origin(url) == shown
