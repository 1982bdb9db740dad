"""verify_live_event_callback: both signing modes, every rejection reason, and no secret in any message."""

from __future__ import annotations

import importlib.util
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import metastudio
from metastudio import _callback_signing
from tests import callback_signer

KEY = "k" * 16 + "S3cr3tCallbackK"
NOW = 0x6A000000  # 2026-05-..., any fixed moment
URL = "https://receiver.example/metastudio/events?tenant=7&a=1"
BODY = json.dumps(
    {
        "event_type": "REPLY_COMMAND_FINISH",
        "message": json.dumps({"room_id": "r", "job_id": "j", "reply_id": "c"}),
    }
).encode()


def verify(**changes: Any) -> metastudio.LiveEventCallback:
    arguments: dict[str, Any] = {
        "url": callback_signer.mss_a(URL, KEY, NOW),
        "headers": {},
        "body": BODY,
        "key": KEY,
        "now": NOW,
        "replay_store": metastudio.MemoryReplayStore(),
    }
    arguments.update(changes)
    return metastudio.verify_live_event_callback(**arguments)


def rejection(**changes: Any) -> metastudio.CallbackVerificationError:
    with pytest.raises(metastudio.CallbackVerificationError) as caught:
        verify(**changes)
    return caught.value


def head(url: str = URL, key: str = KEY, seconds: int = NOW) -> dict[str, str]:
    return callback_signer.mss_a_head(url, key, seconds)


# -- accepted ----------------------------------------------------------------------------------------


def test_an_mss_a_callback_signed_by_the_doc_formula_verifies_and_parses() -> None:
    event = verify()
    assert event.event_type == "REPLY_COMMAND_FINISH"
    message = metastudio.decode_live_event_callback_message(event)
    assert isinstance(message, metastudio.ReplyCommandFinishMessage)
    assert message.reply_id == "c"


def test_an_mss_a_head_callback_verifies() -> None:
    assert verify(url=URL, headers=head()).event_type == "REPLY_COMMAND_FINISH"


def test_header_names_are_matched_whatever_their_case() -> None:
    headers = {name.upper(): value for name, value in head().items()}
    assert verify(url=URL, headers=headers).event_type == "REPLY_COMMAND_FINISH"


def test_the_official_sdks_worked_example_verifies() -> None:
    # The one computed example of this scheme in any source: the official SDK's docstring of
    # CustomPlatformAuthConfig.key (the same x-hw-mss headers, same formula). Read from the
    # installed peer's file, not retyped, so that a changed example fails here.
    spec = importlib.util.find_spec("huaweicloudsdkmetastudio")
    assert spec is not None and spec.submodule_search_locations
    source = Path(spec.submodule_search_locations[0], "v1/model/custom_platform_auth_config.py")
    doc = source.read_text(encoding="utf-8").replace("&amp;", "&").replace("&#x3D;", "=")
    url = re.search(r"URL\s+(https://\S+)", doc)
    key = re.search(r"Key：(\w+)", doc)
    stamp = re.search(r"hwTime：([0-9a-f]+)", doc)
    secret = re.search(r"x-hw-mss-secret: ([0-9a-f]{64})", doc)
    assert url and key and stamp and secret, "the worked example moved"
    signed_uri = re.search(r"hmac_sha256\(\w+,(\S+?)" + stamp[1] + r"\)", doc)
    assert signed_uri is not None
    assert _callback_signing.canonical_uri(url[1]) == signed_uri[1]
    event = verify(
        url=url[1],
        headers={"x-hw-mss-secret": secret[1], "x-hw-mss-time": stamp[1]},
        key=key[1],
        now=int(stamp[1], 16) + 30,
    )
    assert event.event_type == "REPLY_COMMAND_FINISH"


def test_the_scheme_is_not_signed_so_a_tls_terminating_proxy_does_not_matter() -> None:
    received = callback_signer.mss_a(URL, KEY, NOW).replace("https://", "http://", 1)
    assert verify(url=received).event_type == "REPLY_COMMAND_FINISH"


def test_percent_escapes_are_verified_as_received() -> None:
    url = "https://receiver.example/a%20b/events?q=x%2Fy&name=%E4%B8%AD"
    assert verify(url=callback_signer.mss_a(url, KEY, NOW)).event_type == "REPLY_COMMAND_FINISH"
    decoded = callback_signer.mss_a(url, KEY, NOW).replace("%20", " ")
    assert rejection(url=decoded).reason == "bad signature"


def test_a_url_without_a_query_signs_no_question_mark() -> None:
    url = "https://receiver.example/events"
    assert _callback_signing.canonical_uri(url) == "receiver.example/events"
    assert verify(url=callback_signer.mss_a(url, KEY, NOW)).event_type == "REPLY_COMMAND_FINISH"


def test_hex_digits_of_either_case_verify() -> None:
    signed = callback_signer.mss_a(URL, KEY, NOW)
    upper_secret = re.sub(r"hwSecret=([0-9a-f]+)", lambda m: "hwSecret=" + m[1].upper(), signed)
    assert verify(url=upper_secret).event_type == "REPLY_COMMAND_FINISH"
    stamp = f"{NOW:X}"  # a signer writing uppercase hex signs that text
    headers = {
        "x-hw-mss-secret": callback_signer.hw_secret(KEY, URL, stamp),
        "x-hw-mss-time": stamp,
    }
    assert verify(url=URL, headers=headers).event_type == "REPLY_COMMAND_FINISH"


def test_the_freshness_window_is_configurable() -> None:
    assert verify(now=NOW + 299).event_type == "REPLY_COMMAND_FINISH"
    assert verify(now=NOW + 3000, max_age=3600).event_type == "REPLY_COMMAND_FINISH"


# -- refused, by reason --------------------------------------------------------------------------------


def test_no_signature_at_all_is_missing() -> None:
    error = rejection(url=URL)
    assert error.reason == "missing"
    assert "hwSecret" in str(error) and "x-hw-mss-secret" in str(error)


@pytest.mark.parametrize("dropped", ["hwSecret", "hwTime"])
def test_half_a_query_signature_is_missing(dropped: str) -> None:
    signed = callback_signer.mss_a(URL, KEY, NOW)
    url = re.sub(rf"&{dropped}=[0-9a-f]+", "", signed)
    error = rejection(url=url)
    assert error.reason == "missing"
    assert f"query parameter {dropped} is missing" in str(error)


def test_half_a_header_signature_is_missing() -> None:
    error = rejection(url=URL, headers={"x-hw-mss-secret": head()["x-hw-mss-secret"]})
    assert (error.reason, str(error).endswith("header x-hw-mss-time is missing")) == (
        "missing",
        True,
    )


def test_a_pinned_mode_the_request_does_not_use_is_missing() -> None:
    assert rejection(mode="MSS_A_HEAD").reason == "missing"
    assert verify(url=URL, headers=head(), mode="MSS_A_HEAD").event_type == "REPLY_COMMAND_FINISH"


@pytest.mark.parametrize(
    ("name", "tamper"),
    [
        ("a secret that is not hex", lambda u: re.sub(r"hwSecret=[0-9a-f]{4}", "hwSecret=zzzz", u)),
        ("a short secret", lambda u: re.sub(r"(hwSecret=[0-9a-f]{62})[0-9a-f]{2}", r"\1", u)),
        ("an empty secret", lambda u: re.sub(r"hwSecret=[0-9a-f]+", "hwSecret=", u)),
        ("a time that is not hex", lambda u: re.sub(r"hwTime=[0-9a-f]+", "hwTime=0x6a", u)),
        ("a time of 17 digits", lambda u: re.sub(r"hwTime=[0-9a-f]+", "hwTime=" + "1" * 17, u)),
        ("a repeated secret", lambda u: u + "&hwSecret=" + "0" * 64),
        ("a repeated time", lambda u: u + "&hwTime=6a000000"),
    ],
)
def test_a_signature_of_the_wrong_shape_is_malformed(
    name: str, tamper: Callable[[str], str]
) -> None:
    assert rejection(url=tamper(callback_signer.mss_a(URL, KEY, NOW))).reason == "malformed", name


def test_signatures_in_both_places_are_malformed() -> None:
    error = rejection(headers=head())
    assert error.reason == "malformed"
    assert "MSS_A and MSS_A_HEAD" in str(error)


def test_a_body_that_is_not_a_live_event_callback_is_malformed() -> None:
    error = rejection(body=b'{"event_type": "NOPE"}')
    assert error.reason == "malformed"
    assert "body" in str(error)
    assert error.__cause__ is not None


@pytest.mark.parametrize("offset", [-301, 301, 10**6])
def test_a_time_outside_the_window_is_expired(offset: int) -> None:
    error = rejection(now=NOW + offset)
    assert error.reason == "expired"
    assert ("in the future" in str(error)) == (offset < 0)


def test_a_time_in_milliseconds_is_expired_not_accepted() -> None:
    # hex(timestamp) read as seconds: a signer sending milliseconds is 50,000 years ahead.
    stamp = f"{NOW * 1000:x}"
    headers = {
        "x-hw-mss-secret": callback_signer.hw_secret(KEY, URL, stamp),
        "x-hw-mss-time": stamp,
    }
    assert rejection(url=URL, headers=headers).reason == "expired"


@pytest.mark.parametrize(
    ("name", "url_of"),
    [
        ("another path", lambda u: u.replace("/metastudio/events", "/metastudio/evil")),
        ("another host", lambda u: u.replace("receiver.example", "attacker.example")),
        ("another port", lambda u: u.replace("receiver.example", "receiver.example:8443")),
        ("a changed parameter", lambda u: u.replace("tenant=7", "tenant=8")),
        ("an added parameter", lambda u: u.replace("tenant=7", "tenant=7&admin=1")),
        ("a dropped parameter", lambda u: u.replace("&a=1", "")),
    ],
)
def test_a_tampered_url_is_a_bad_signature(name: str, url_of: Callable[[str], str]) -> None:
    assert rejection(url=url_of(callback_signer.mss_a(URL, KEY, NOW))).reason == "bad signature"


def test_a_reordered_query_is_the_same_uri() -> None:
    signed = callback_signer.mss_a(URL, KEY, NOW)
    reordered = signed.replace("tenant=7&a=1", "a=1&tenant=7")
    assert verify(url=reordered).event_type == "REPLY_COMMAND_FINISH"


def test_another_key_is_a_bad_signature() -> None:
    assert rejection(key=KEY + "x").reason == "bad signature"


def test_a_tampered_time_is_a_bad_signature() -> None:
    signed = callback_signer.mss_a(URL, KEY, NOW)
    later = signed.replace(f"hwTime={NOW:x}", f"hwTime={NOW + 1:x}")
    assert rejection(url=later).reason == "bad signature"
    headers = head() | {"x-hw-mss-time": f"{NOW + 1:x}"}
    assert rejection(url=URL, headers=headers).reason == "bad signature"


def test_the_second_arrival_of_a_callback_is_replayed() -> None:
    store = metastudio.MemoryReplayStore()
    assert verify(replay_store=store).event_type == "REPLY_COMMAND_FINISH"
    assert rejection(replay_store=store).reason == "replayed"
    assert rejection(replay_store=store, url=URL, headers=head()).reason == "replayed"


def test_the_default_replay_store_remembers_across_calls() -> None:
    url = callback_signer.mss_a(URL + "&default-store=1", KEY, NOW)
    metastudio.verify_live_event_callback(url=url, headers={}, body=BODY, key=KEY, now=NOW)
    with pytest.raises(metastudio.CallbackVerificationError) as caught:
        metastudio.verify_live_event_callback(url=url, headers={}, body=BODY, key=KEY, now=NOW)
    assert caught.value.reason == "replayed"


def test_a_forgery_never_enters_the_replay_store() -> None:
    # Only a pair whose signature held is recorded: a forged request carrying the genuine pair
    # (under another URL) must not make the genuine callback look replayed.
    store = metastudio.MemoryReplayStore()
    genuine = callback_signer.mss_a(URL, KEY, NOW)
    forged = genuine.replace("receiver.example", "attacker.example")
    assert rejection(url=forged, replay_store=store).reason == "bad signature"
    assert rejection(key="wrong", replay_store=store).reason == "bad signature"
    assert len(store) == 0
    assert verify(url=genuine, replay_store=store).event_type == "REPLY_COMMAND_FINISH"


def test_one_of_two_simultaneous_copies_is_accepted() -> None:
    store = metastudio.MemoryReplayStore()
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def receive() -> None:
        barrier.wait(timeout=10)
        try:
            verify(replay_store=store)
            outcomes.append("accepted")
        except metastudio.CallbackVerificationError as exc:
            outcomes.append(exc.reason)

    threads = [threading.Thread(target=receive) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(outcomes) == ["accepted"] + ["replayed"] * 7


def test_a_custom_replay_store_is_asked_with_the_pair_and_its_expiry() -> None:
    class Recording:
        def __init__(self) -> None:
            self.calls: list[tuple[tuple[str, str], float, float]] = []

        def seen(self, pair: tuple[str, str], *, now: float, expires_at: float) -> bool:
            self.calls.append((pair, now, expires_at))
            return len(self.calls) > 1

    store = Recording()
    verify(replay_store=store, max_age=60, now=NOW + 5)
    assert rejection(replay_store=store, max_age=60).reason == "replayed"
    secret = callback_signer.hw_secret(KEY, URL, f"{NOW:x}")
    assert store.calls[0] == ((f"{NOW:x}", secret), NOW + 5, NOW + 60)


def test_the_memory_store_is_bounded_and_forgets_expired_pairs() -> None:
    store = metastudio.MemoryReplayStore(capacity=3)
    for n in range(5):
        assert store.seen((str(n), "s"), now=1000.0, expires_at=2000.0) is False
    assert len(store) == 3
    assert store.seen(("4", "s"), now=1000.0, expires_at=2000.0) is True
    assert store.seen(("0", "s"), now=1000.0, expires_at=2000.0) is False  # beyond capacity
    assert store.seen(("new", "s"), now=2000.0, expires_at=3000.0) is False
    assert len(store) == 1  # the expired ones are gone
    assert store.seen(("new", "s"), now=3000.0, expires_at=4000.0) is False  # itself expired
    with pytest.raises(ValueError, match="at least one"):
        metastudio.MemoryReplayStore(capacity=0)


# -- what the verifier does not claim ------------------------------------------------------------------


def test_the_body_is_not_signed_and_the_verifier_does_not_pretend_it_is() -> None:
    # By the doc's formula the signature covers the URI and the time only: another body under a
    # genuine, unused signature verifies. The docstring says so plainly.
    other = json.dumps(
        {
            "event_type": "SHOOT_SCRIPT_SWITCH",
            "message": json.dumps({"room_id": "r", "job_id": "forged"}),
        }
    )
    assert verify(body=other).event_type == "SHOOT_SCRIPT_SWITCH"
    doc = " ".join((metastudio.verify_live_event_callback.__doc__ or "").split())
    assert "The signature covers the URL and the time, not the body" in doc


def test_an_empty_key_or_a_window_of_nothing_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="key is empty"):
        verify(key="")
    for max_age in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="max_age"):
            verify(max_age=max_age)
    with pytest.raises(ValueError, match="unknown signature mode 'MSS_B'"):
        verify(mode="MSS_B")


# -- secrets -----------------------------------------------------------------------------------------


def _every_rejection() -> list[metastudio.CallbackVerificationError]:
    signed = callback_signer.mss_a(URL, KEY, NOW)
    store = metastudio.MemoryReplayStore()
    verify(replay_store=store)
    cases: list[dict[str, Any]] = [
        {"url": URL},
        {"url": re.sub(r"&hwTime=[0-9a-f]+", "", signed)},
        {"url": signed + "&hwSecret=" + "0" * 64},
        {"now": NOW + 10_000},
        {"key": KEY + "x"},
        {"url": signed.replace("tenant=7", "tenant=8")},
        {"replay_store": store},
        {"body": b"not json"},
        {"url": URL, "headers": head() | {"x-hw-mss-time": f"{NOW + 1:x}"}},
    ]
    return [rejection(**case) for case in cases]


def test_every_reason_is_reached_and_none_reveals_the_key_or_the_signature() -> None:
    errors = _every_rejection()
    assert {e.reason for e in errors} == {
        "missing",
        "malformed",
        "expired",
        "replayed",
        "bad signature",
    }
    expected = callback_signer.hw_secret(KEY, URL, f"{NOW:x}")
    secrets = {KEY, expected, expected.upper(), expected[:16], "tenant=7", "receiver.example"}
    for error in errors:
        shown = f"{error}|{error!r}|{error.args}"
        leaked = [s for s in secrets if s in shown]
        assert not leaked, (error.reason, leaked)
        assert isinstance(error, metastudio.MetaStudioError)
