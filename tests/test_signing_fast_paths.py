"""The signer's and the verifier's shortcuts say what the slow way says: dates, percent-encoding,\nthe cached parts, the HMAC, the usual Authorization, headers already lower case."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import quote

from hypothesis import event, given, settings
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


# --- The verifier's shortcuts: HMAC from cached key states, the Authorization read from its
# usual spelling, the date's window, headers already lower case. Each against the slow way.

AK = "HPUAEXAMPLEACCESSKEY"
SK = "sk-Th1s-Is-The-S3cret-Never-Print-Me"
SECRETS = {AK: SK, "other-ak": "other-sk"}
SIGNED_AT = datetime(2025, 3, 14, 15, 9, 26)  # naive UTC
BASE_HEADERS = {
    "Content-Type": "application/json",
    "X-Project-Id": "0123456789abcdef",
    "X-App-UserId": "user 1",
}
TARGETS = (
    "https://h.example/v1/p/rooms/r%201/jobs?limit=10&offset=0",
    "/v1/p/rooms/r%201/jobs?offset=0&limit=10",
    "/v1/p/rooms/r%201/jobs",
    "/v1/p/rooms/r%202/jobs",
    "/v1/p/rooms/r%201/jobs?limit=10\n",  # control character: a bad target
    "https://user@h.example/v1/p",  # user info: a bad target
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=100), st.binary(max_size=300))
def test_the_cached_hmac_is_hmac_digest(sk: str, message: bytes) -> None:
    for _ in range(2):  # the second time from the cache
        assert _signing._hmac_hex(sk, message) == hmac.digest(sk.encode(), message, "sha256").hex()


def test_the_cached_hmac_of_long_and_non_ascii_keys() -> None:
    for sk in ("k" * 64, "k" * 65, "ключ" * 40, ""):
        expected = hmac.digest(sk.encode(), b"message", "sha256").hex()
        assert _signing.compute_signature(sk, "message") == expected


def _authorization(ak: str, names: str, signature: str, *, order: int, separator: str) -> str:
    fields = [f"Access={ak}", f"SignedHeaders={names}", f"Signature={signature}"]
    fields = fields[order:] + fields[:order]
    return f"{_signing.ALGORITHM} " + separator.join(fields)


NAME = st.text("abcxyz-0;%_", min_size=0, max_size=12)


@settings(max_examples=1000, deadline=None)
@given(
    ak=st.sampled_from([AK, "ak=1", "ак", "a b", "a;b", ""]) | st.text(max_size=8),
    names=st.sampled_from(["host;x-sdk-date", "content-type;host;x-sdk-date"]) | NAME,
    signature=st.sampled_from(["a" * 64, "0f" * 32, "A" * 64, "a" * 63, "a" * 65]),
    order=st.integers(0, 2),
    separator=st.sampled_from([", ", ",", " , ", ",\t"]),
    tail=st.sampled_from(["", " ", ", Extra=1", ", Signature=" + "b" * 64]),
)
def test_the_usual_authorization_reads_as_parse_authorization_reads_it(
    ak: str, names: str, signature: str, order: int, separator: str, tail: str
) -> None:
    value = _authorization(ak, names, signature, order=order, separator=separator) + tail
    slow = _signing.parse_authorization(value)
    head, found, sig = value.rpartition(_signing._SIGNATURE_FIELD)
    if found and len(sig) == 64 and not sig.strip(_signing._HEX):
        fast = _signing._authorization_head(head)
        if fast is not None:  # the shortcut's answer: the slow reader's, field by field
            assert slow is not None
            assert (fast[0], fast[1].names, sig) == (
                slow.access_key,
                slow.signed_headers,
                slow.signature,
            )
            assert fast[1].text == ";".join(slow.signed_headers)


def _signed(headers: dict[str, str], target: str, body: bytes) -> dict[str, str]:
    url = target if "://" in target else f"https://h.example{target}"
    url = url.replace("\n", "").replace("user@", "")
    added = _signing.sign("POST", url, headers, body, ak=AK, sk=SK, now=SIGNED_AT)
    return {**headers, **added}


MUTATIONS = st.sampled_from(
    [
        "none",
        "tamper body",
        "drop authorization",
        "drop date",
        "drop host",
        "drop project",
        "bad date",
        "impossible date",
        "padded date",
        "date unsigned",
        "host unsigned",
        "unknown ak",
        "respaced authorization",
        "reordered authorization",
        "uppercase signature",
        "declared hash",
        "declared wrong hash",
        "declared unsigned",
        "declared blank",
        "padded value",
    ]
)
NOWS = st.sampled_from(
    [
        timedelta(0),
        timedelta(minutes=15),
        timedelta(minutes=-15),
        timedelta(minutes=15, microseconds=1),
        timedelta(minutes=-15, microseconds=-1),
        timedelta(hours=3),
        timedelta(microseconds=535897),
    ]
)
ZONES = st.sampled_from(["naive", "utc", "+08:00"])
SKEWS = st.sampled_from(
    [timedelta(minutes=15), timedelta(0), timedelta(seconds=-1), timedelta.max, timedelta(1)]
)


def _mutated(mutation: str, headers: dict[str, str]) -> dict[str, str]:
    changed = dict(headers)
    auth = changed.get("Authorization", "")
    parsed = _signing.parse_authorization(auth)
    assert parsed is not None
    names = ";".join(parsed.signed_headers)
    rewrite = {
        "bad date": "2025-03-14T15:09:26Z",
        "impossible date": "20251314T150926Z",
        "padded date": f" {changed['X-Sdk-Date']} ",
    }
    if mutation in rewrite:
        changed["X-Sdk-Date"] = rewrite[mutation]
    elif mutation.startswith("drop "):
        key = {"authorization": "Authorization", "date": "X-Sdk-Date", "host": "Host"}
        changed.pop(key.get(mutation[5:], "X-Project-Id"))
    elif mutation == "date unsigned":
        changed["Authorization"] = auth.replace(names, names.replace(";x-sdk-date", ""))
    elif mutation == "host unsigned":
        changed["Authorization"] = auth.replace(names, names.replace("host;", ""))
    elif mutation == "unknown ak":
        changed["Authorization"] = auth.replace(AK, "unknown-ak")
    elif mutation == "respaced authorization":
        changed["Authorization"] = auth.replace(", ", ",")
    elif mutation == "reordered authorization":
        changed["Authorization"] = _authorization(
            parsed.access_key, names, parsed.signature, order=1, separator=", "
        )
    elif mutation == "uppercase signature":
        changed["Authorization"] = auth.replace(parsed.signature, parsed.signature.upper())
    elif mutation.startswith("declared "):
        value = {"hash": "h", "wrong hash": "0" * 64, "unsigned": "UNSIGNED-PAYLOAD"}
        changed["X-Sdk-Content-Sha256"] = value.get(mutation[9:], "  ")
    elif mutation == "padded value":
        changed["X-Project-Id"] = f"\t{changed['X-Project-Id']} "
    return changed


def _ask(
    verifier: Callable[..., _signing.VerifyResult],
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes,
    now: datetime,
    max_skew: timedelta = timedelta(minutes=15),
) -> _signing.VerifyResult:
    return verifier(
        method, target, headers, body, secret_for=SECRETS.get, now=now, max_skew=max_skew
    )


def _now(offset: timedelta, zone: str) -> datetime:
    moment = SIGNED_AT + offset
    if zone == "naive":
        return moment
    aware = moment.replace(tzinfo=UTC)
    return aware if zone == "utc" else aware.astimezone(timezone(timedelta(hours=8)))


@settings(max_examples=600, deadline=None)
@given(
    mutation=MUTATIONS,
    target=st.sampled_from(TARGETS),
    verified_target=st.none() | st.none() | st.sampled_from(TARGETS),  # None: the one signed
    body=st.sampled_from([b"", b'{"a":1}', b"other"]),
    offset=NOWS,
    zone=ZONES,
    max_skew=SKEWS,
    method=st.sampled_from(["POST", "post", "PUT"]),
)
def test_verify_received_answers_as_the_step_by_step_verifier(
    mutation: str,
    target: str,
    verified_target: str | None,
    body: bytes,
    offset: timedelta,
    zone: str,
    max_skew: timedelta,
    method: str,
) -> None:
    headers = _signed({**BASE_HEADERS, "Host": "h.example"}, target, body)
    if mutation == "declared hash":
        headers = _signed(
            {**BASE_HEADERS, "Host": "h.example", "X-Sdk-Content-Sha256": sha256(body)},
            target,
            body,
        )
    headers = _mutated(mutation, headers)
    sent_body = body + b" " if mutation == "tamper body" else body
    lowered = {name.lower(): value for name, value in headers.items()}
    now = _now(offset, zone)
    verified = target if verified_target is None else verified_target
    request = (method, verified, headers, sent_body, now, max_skew)
    slow = _ask(_signing._verify_step_by_step, *request)
    event(slow.reason)
    for _ in range(2):  # the second time from the caches
        assert _ask(_signing.verify_received, method, verified, lowered, *request[3:]) == slow
        assert _ask(_signing.verify, *request) == slow


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


@settings(max_examples=200, deadline=None)
@given(
    host_first=st.booleans(),
    other_host=st.sampled_from(["h.example", "evil.example", " h.example "]),
    date_twice=st.booleans(),
)
def test_verify_with_a_name_in_two_cases_answers_as_the_step_by_step_verifier(
    host_first: bool, other_host: str, date_twice: bool
) -> None:
    signed = _signed({**BASE_HEADERS, "Host": "h.example"}, TARGETS[2], b"")
    extra = {"host": other_host, **({"x-sdk-date": "20250314T150000Z"} if date_twice else {})}
    headers = {**extra, **signed} if host_first else {**signed, **extra}
    request = ("POST", TARGETS[2], headers, b"", SIGNED_AT)
    assert _ask(_signing.verify, *request) == _ask(_signing._verify_step_by_step, *request)


def test_the_date_window_at_the_ends_of_the_calendar() -> None:
    for text, now in (
        ("99991231T235959Z", datetime(9999, 12, 31, 23, 50)),
        ("00010101T000001Z", datetime(1, 1, 1, 0, 10)),
    ):
        headers = {"host": "h", "x-sdk-date": text}
        headers["authorization"] = _signing.sign("GET", "https://h/", headers, b"", ak=AK, sk=SK)[
            "Authorization"
        ]
        for max_skew in (timedelta(minutes=15), timedelta.max, timedelta(minutes=1)):
            request = ("GET", "/", headers, b"", now, max_skew)
            expected = _ask(_signing._verify_step_by_step, *request)
            assert _ask(_signing.verify_received, *request) == expected
