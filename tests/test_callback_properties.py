"""Properties of callback verification over keys, URLs and times, against the test's own signer."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import metastudio
from metastudio import _callback_signing
from tests import callback_signer

BODY = json.dumps({"event_type": "SHOOT_SCRIPT_SWITCH", "message": "{}"})
WINDOW = 300

UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
ESCAPE = st.sampled_from(["%20", "%2F", "%E4%B8%AD", "%3D", "%26", "+"])
WORD = st.lists(st.sampled_from(UNRESERVED) | ESCAPE, min_size=1, max_size=8).map("".join)

keys = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=32)
hosts = st.sampled_from(["127.0.0.1", "localhost", "receiver.example", "[::1]", "a.b.example"])
ports = st.none() | st.integers(1, 65535)
paths = st.lists(WORD, max_size=4).map(lambda segments: "/" + "/".join(segments))
queries = st.lists(
    st.tuples(WORD.filter(lambda n: n not in ("hwSecret", "hwTime")), st.none() | WORD),
    max_size=5,
)
times = st.integers(0, 2**40)


@st.composite
def urls(draw: st.DrawFn) -> str:
    port = draw(ports)
    pairs = [name if value is None else f"{name}={value}" for name, value in draw(queries)]
    authority = draw(hosts) + (f":{port}" if port is not None else "")
    query = "?" + "&".join(pairs) if pairs else ""
    return f"{draw(st.sampled_from(['https', 'http']))}://{authority}{draw(paths)}{query}"


def verifies(url: str, headers: dict[str, str], key: str, now: int, seconds: int) -> str:
    try:
        metastudio.verify_live_event_callback(
            url=url,
            headers=headers,
            body=BODY,
            key=key,
            now=now,
            max_age=WINDOW,
            replay_store=metastudio.MemoryReplayStore(),
        )
    except metastudio.CallbackVerificationError as exc:
        return exc.reason
    return "verified"


@settings(max_examples=300, deadline=None)
@given(urls())
def test_the_sdk_signs_the_uri_the_tests_signer_does(url: str) -> None:
    assert _callback_signing.canonical_uri(url) == callback_signer.uri_of(url)


@settings(max_examples=300, deadline=None)
@given(urls(), keys, times, st.integers(-WINDOW, WINDOW))
def test_every_callback_signed_by_the_formula_verifies_in_both_modes(
    url: str, key: str, seconds: int, skew: int
) -> None:
    now = seconds + skew
    query_signed = callback_signer.mss_a(url, key, seconds)
    assert verifies(query_signed, {}, key, now, seconds) == "verified"
    headers = callback_signer.mss_a_head(url, key, seconds)
    assert verifies(url, headers, key, now, seconds) == "verified"


@settings(max_examples=300, deadline=None)
@given(urls(), keys, times, st.integers(WINDOW + 1, 2**41), st.booleans())
def test_a_time_beyond_the_window_either_way_is_expired(
    url: str, key: str, seconds: int, distance: int, future: bool
) -> None:
    now = seconds - distance if future else seconds + distance
    headers = callback_signer.mss_a_head(url, key, seconds)
    assert verifies(url, headers, key, now, seconds) == "expired"


@settings(max_examples=300, deadline=None)
@given(urls(), keys, keys, times)
def test_another_key_never_verifies(url: str, key: str, other: str, seconds: int) -> None:
    if other == key:
        return
    headers = callback_signer.mss_a_head(url, key, seconds)
    assert verifies(url, headers, other, seconds, seconds) == "bad signature"


@settings(max_examples=300, deadline=None)
@given(urls(), keys, times, WORD)
def test_any_change_to_the_path_is_a_bad_signature(
    url: str, key: str, seconds: int, extra: str
) -> None:
    headers = callback_signer.mss_a_head(url, key, seconds)
    scheme, rest = url.split("://", 1)
    authority, _, tail = rest.partition("/")
    tampered = f"{scheme}://{authority}/{extra}/{tail}"
    assert verifies(tampered, headers, key, seconds, seconds) == "bad signature"


@settings(max_examples=300, deadline=None)
@given(urls(), keys, times, st.integers(1, 2**20))
def test_a_changed_time_is_a_bad_signature(url: str, key: str, seconds: int, shift: int) -> None:
    headers = callback_signer.mss_a_head(url, key, seconds)
    later = seconds + (shift % WINDOW or 1)
    headers["x-hw-mss-time"] = f"{later:x}"
    assert verifies(url, headers, key, later, seconds) == "bad signature"


@pytest.mark.parametrize("mode", ["MSS_A", "MSS_A_HEAD"])
@settings(max_examples=100, deadline=None)
@given(url=urls(), key=keys, seconds=times)
def test_the_sdks_own_signer_agrees_with_the_tests(
    mode: str, url: str, key: str, seconds: int
) -> None:
    modes = {m.name: m for m in metastudio.callbacks._LIVE_EVENT_CALLBACK_MODES}
    signed_url, headers = _callback_signing.signed_request(url, key, modes[mode], seconds)
    if mode == "MSS_A":
        assert (signed_url, headers) == (callback_signer.mss_a(url, key, seconds), {})
    else:
        assert (signed_url, headers) == (url, callback_signer.mss_a_head(url, key, seconds))
