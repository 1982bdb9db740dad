"""The signer's shortcuts say what the slow way says: dates, percent-encoding, the cached parts."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from metastudio import _signing

DIGITS = st.text("0123456789", min_size=14, max_size=14)


def strptime_or_error(text: str) -> object:
    try:
        return datetime.strptime(text, _signing.SDK_DATE_FORMAT)
    except ValueError:
        return ValueError


def parse_or_error(text: str) -> object:
    try:
        return _signing._parse_date(text)
    except ValueError:
        return ValueError


@settings(max_examples=500, deadline=None)
@given(DIGITS)
def test_a_strict_date_reads_as_strptime_reads_it(digits: str) -> None:
    text = f"{digits[:8]}T{digits[8:]}Z"
    assert _signing._STRICT_DATE.fullmatch(text)
    assert parse_or_error(text) == strptime_or_error(text)


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9999, 12, 31)))
def test_a_real_date_reads_back(moment: datetime) -> None:
    text = moment.strftime(_signing.SDK_DATE_FORMAT)
    assert _signing._parse_date(text) == moment.replace(microsecond=0)


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_encoding_is_quote_with_only_the_tilde_safe(value: str) -> None:
    assert _signing._encode(value) == quote(value, safe="~")


def test_the_date_of_this_second_is_the_clocks() -> None:
    for _ in range(3):
        before = datetime.now(UTC).strftime(_signing.SDK_DATE_FORMAT)
        now = _signing._date_now()
        after = datetime.now(UTC).strftime(_signing.SDK_DATE_FORMAT)
        assert before <= now <= after
        time.sleep(0.4)


def test_the_cached_url_parts_are_immutable_and_still_refuse_bad_urls() -> None:
    netloc, path, query = _signing._split_url("https://h.example/a/b?x=1&y=%2F")
    assert (netloc, path, query) == ("h.example", "/a/b", (("x", "1"), ("y", "/")))
    for bad in ("https://user@h.example/", "https://h.example/\n"):
        for _ in range(2):  # an error is not cached as a result
            try:
                _signing._split_url(bad)
            except ValueError:
                continue
            raise AssertionError(f"{bad!r} was accepted")
