# Copied from templates/runtime/_signing.py by generator. Do not edit here: edit templates/runtime/_signing.py.
"""Huawei API-gateway AK/SK request signing and verification (scheme SDK-HMAC-SHA256)."""

# Why this is hand-written: no maintained PyPI library implements Huawei's SDK-HMAC-SHA256
# scheme on its own, and the generated SDK must not depend on huaweicloudsdkcore (the official
# SDK core, which pulls in its whole HTTP stack). This module reproduces, byte for byte, what
# huaweicloudsdkcore.signer.signer.Signer computes (checked against it by
# tests/test_signing_peer.py), using only the standard library.
#
# Secrets: nothing here logs, and no exception message, reason or repr ever contains the SK or
# a computed signature.

import functools
import hashlib
import hmac
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol
from urllib.parse import quote, unquote, urlsplit

__all__ = [
    "ALGORITHM",
    "SDK_DATE_FORMAT",
    "ParsedAuthorization",
    "VerifyResult",
    "canonical_request",
    "compute_signature",
    "parse_authorization",
    "sign",
    "signed_header_names",
    "string_to_sign",
    "verify",
    "verify_received",
]

SDK_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
ALGORITHM = "SDK-HMAC-SHA256"

_HEADER_DATE = "X-Sdk-Date"
_HEADER_HOST = "Host"
_HEADER_AUTHORIZATION = "Authorization"
_HEADER_CONTENT_SHA256 = "X-Sdk-Content-Sha256"
_UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_EMPTY_HASH = hashlib.sha256(b"").hexdigest()
_sha256 = hashlib.sha256
_compare_digest = hmac.compare_digest
_DATE_KEY, _HOST_KEY = _HEADER_DATE.lower(), _HEADER_HOST.lower()
_AUTHORIZATION_KEY, _CONTENT_SHA256_KEY = (
    _HEADER_AUTHORIZATION.lower(),
    _HEADER_CONTENT_SHA256.lower(),
)

_STRICT_DATE = re.compile(r"[0-9]{8}T[0-9]{6}Z")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")
_HEADER_NAME = r"[0-9a-z!#$%&'*+.^_`|~-]+"
_SIGNED_HEADERS = re.compile(f"{_HEADER_NAME}(?:;{_HEADER_NAME})*")
"""SignedHeaders: lowercase header names (RFC 9110 tokens) separated by ";"."""
_ACCESS_KEY = re.compile(r"[^\s,;]+")
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_AUTHORIZATION_HEAD = re.compile(
    f"{ALGORITHM} Access=([^\\s,;]+), SignedHeaders=({_HEADER_NAME}(?:;{_HEADER_NAME})*)"
)
_SIGNATURE_FIELD = ", Signature="
_HEX = "0123456789abcdef"


def _first_values(headers: Mapping[str, str]) -> dict[str, str]:
    """Lowercased name → the first value under it, in iteration order (what a lookup reads)."""
    first: dict[str, str] = {}
    for key in headers:
        first.setdefault(key.lower(), headers[key])
    return first


_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")
"""What quote(value, safe="~") leaves as it is: most values, which then skip it."""


def _encode(value: str) -> str:
    return value if _UNRESERVED.fullmatch(value) else quote(value, safe="~")


# A client signs the same few paths again and again, and a server sees each job's path a few
# times: the canonical form of the latest ones is kept (bounded).
@functools.lru_cache(maxsize=1024)
def _canonical_uri(path: str) -> str:
    # The peer unquotes the whole path first (so "%2F" becomes a separator, and invalid UTF-8
    # becomes U+FFFD), re-quotes every segment with only "~" safe, and forces a trailing slash.
    encoded = "/".join(_encode(segment) for segment in unquote(path or "/").split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def _canonical_query(query: Sequence[tuple[str, str]]) -> str:
    # Sorted on the decoded (key, value) pairs, then encoded.
    if not query:
        return ""
    return "&".join(f"{_encode(key)}={_encode(value)}" for key, value in sorted(query))


def _payload_hash(declared: str | None, body: bytes) -> str:
    # `declared`: the request's X-Sdk-Content-Sha256, if any.
    if not body:
        return _EMPTY_HASH
    if declared is not None:
        # The peer reads this header after it has rewritten header values as
        # strip() + UTF-8 bytes reinterpreted as ISO-8859-1.
        rewritten = declared.strip().encode("utf-8").decode("iso-8859-1")
        if rewritten:
            return rewritten
    return hashlib.sha256(body).hexdigest()


def signed_header_names(headers: Mapping[str, str]) -> list[str]:
    """Every header name lowercased, minus names containing "_", sorted (duplicates kept)."""
    return sorted(key.lower() for key in headers if "_" not in key)


def canonical_request(
    method: str,
    path: str,
    query: Sequence[tuple[str, str]],
    headers: Mapping[str, str],
    signed_headers: Sequence[str],
    body: bytes,
) -> str:
    """The canonical request string, exactly as huaweicloudsdkcore's Signer builds it.

    ``path`` is the raw (possibly percent-encoded) request path, ``query`` the decoded
    (key, value) pairs, ``headers`` the final headers being sent (including Host, X-Sdk-Date and
    any X-Sdk-Content-Sha256). Raises ValueError if a signed header is absent from ``headers``.
    """
    declared = _first_values(headers).get(_CONTENT_SHA256_KEY)
    return _canonical(method, path, query, headers, signed_headers, _payload_hash(declared, body))


def _canonical(
    method: str,
    path: str,
    query: Sequence[tuple[str, str]],
    headers: Mapping[str, str],
    signed_headers: Sequence[str],
    payload_hash: str,
) -> str:
    values = {key.lower(): headers[key].strip() for key in headers}  # later duplicates win
    lines: list[str] = []
    for name in signed_headers:
        if name not in values:
            raise ValueError(f"signed header {name!r} is not among the request headers")
        lines.append(f"{name}:{values[name]}")
    return "\n".join(
        [
            method.upper(),
            _canonical_uri(path),
            _canonical_query(query),
            "\n".join(lines) + "\n",
            ";".join(signed_headers),
            payload_hash,
        ]
    )


def string_to_sign(canonical: str, sdk_date: str) -> str:
    """Algorithm, date and the hex SHA-256 of the canonical request, newline-separated."""
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{sdk_date}\n{digest}"


def compute_signature(sk: str, string_to_sign: str) -> str:
    """Hex HMAC-SHA256 of ``string_to_sign`` keyed with the secret key."""
    return _hmac_hex(sk, string_to_sign.encode("utf-8"))


_BLOCK_SIZE = 64  # SHA-256's
_INNER_PAD = bytes(byte ^ 0x36 for byte in range(256))
_OUTER_PAD = bytes(byte ^ 0x5C for byte in range(256))


class _Hash(Protocol):
    """A hashlib hash object, as the HMAC below uses one."""

    def update(self, data: bytes, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...
    def copy(self) -> "_Hash": ...


# HMAC (RFC 2104) with the key's two padded blocks hashed once per secret key: a message then
# costs two hash-state copies instead of OpenSSL's one-shot HMAC set-up (several µs under
# OpenSSL 3). The few latest keys are kept (never shown: lru_cache's statistics are counts).
# tests/test_signing_fast_paths.py holds it to hmac.digest.
@functools.lru_cache(maxsize=16)
def _hmac_keys(sk: str) -> tuple[_Hash, _Hash]:
    """SHA-256 states after the inner and the outer padded key (copy them, never update)."""
    key = sk.encode("utf-8")
    if len(key) > _BLOCK_SIZE:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK_SIZE, b"\0")
    return hashlib.sha256(key.translate(_INNER_PAD)), hashlib.sha256(key.translate(_OUTER_PAD))


def _hmac_hex(sk: str, message: bytes) -> str:
    """hmac.digest(sk, message, "sha256").hex(), from the key's cached states."""
    inner_key, outer_key = _hmac_keys(sk)
    inner = inner_key.copy()
    inner.update(message)
    outer = outer_key.copy()
    outer.update(inner.digest())
    return outer.hexdigest()


def _authorization_value(ak: str, signed_headers: Sequence[str], signature: str) -> str:
    names = ";".join(signed_headers)
    return f"{ALGORITHM} Access={ak}, SignedHeaders={names}, Signature={signature}"


def _parse_query(raw: str) -> list[tuple[str, str]]:
    # As the gateway's reference signer (apig-sdk) parses a URL: split on "&" then on the first
    # "=", skip empty keys, and percent-decode with unquote (so "+" stays a literal "+").
    pairs: list[tuple[str, str]] = []
    for item in raw.split("&"):
        key, _, value = item.partition("=")
        if key:
            pairs.append((unquote(key), unquote(value)))
    return pairs


@functools.lru_cache(maxsize=1024)
def _split_url(url: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """(netloc, raw path, decoded query pairs) of ``url`` (the latest ones are kept)."""
    if _CONTROL_CHARS.search(url):
        # urlsplit silently drops some of these, which would sign something else than is sent.
        raise ValueError("url must not contain control characters")
    parts = urlsplit(url)
    if "@" in parts.netloc:
        raise ValueError("url must not contain user info")
    return parts.netloc, parts.path or "/", tuple(_parse_query(parts.query))


_date_cache: tuple[int, str] = (-1, "")


def _date_now() -> str:
    """X-Sdk-Date for this second, formatted once a second (a tuple swap: thread-safe)."""
    global _date_cache
    second = int(time.time())
    cached = _date_cache
    if cached[0] != second:
        cached = (second, time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(second)))
        _date_cache = cached
    return cached[1]


def _parse_date(text: str) -> datetime:
    """A date of _STRICT_DATE's form (YYYYMMDDTHHMMSSZ), as strptime reads it, without strptime's
    cost; ValueError for no such time (month 13)."""
    return datetime(
        int(text[0:4]),
        int(text[4:6]),
        int(text[6:8]),
        int(text[9:11]),
        int(text[11:13]),
        int(text[13:15]),
    )


def _utc_naive(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def sign(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    ak: str,
    sk: str,
    now: datetime | None = None,
) -> dict[str, str]:
    """Sign a request; returns the headers to add to (or overwrite in) ``headers``.

    Send ``{**headers, **sign(...)}`` (exact-key merge). The result holds X-Sdk-Content-Sha256
    (UNSIGNED-PAYLOAD, when the exact-case "Content-Type" header is set and is neither
    application/json nor application/bson), X-Sdk-Date (unless ``headers`` already has one, in
    any case; ``now`` defaults to the current time, naive values are taken as UTC), Host (the
    url's host[:port], unless ``headers`` has one) and Authorization.
    """
    if not ak:
        raise ValueError("ak is required")
    if not sk:
        raise ValueError("sk is required")
    netloc, path, query = _split_url(url)
    added: dict[str, str] = {}

    # Exact-case lookup, as the peer does (a "content-type" key does not count).
    content_type = next((headers[key] for key in headers if key == "Content-Type"), None)
    if content_type and not content_type.startswith(("application/json", "application/bson")):
        added[_HEADER_CONTENT_SHA256] = _UNSIGNED_PAYLOAD

    first = _first_values(headers)
    existing_date = first.get(_DATE_KEY)
    if existing_date is None:
        sdk_date = _utc_naive(now).strftime(SDK_DATE_FORMAT) if now is not None else _date_now()
        added[_HEADER_DATE] = sdk_date
    else:
        # The peer parses the caller's date and re-formats it for the string to sign.
        sdk_date = datetime.strptime(existing_date, SDK_DATE_FORMAT).strftime(SDK_DATE_FORMAT)

    if _HOST_KEY not in first:
        if not netloc:
            raise ValueError(
                "url must be absolute (scheme://host/...) when no Host header is given"
            )
        added[_HEADER_HOST] = netloc

    final = {**headers, **added}
    names = signed_header_names(final)
    # Only a request that has an X-Sdk-Content-Sha256 (in any case) declares its payload hash.
    declares = body and (_CONTENT_SHA256_KEY in first or _HEADER_CONTENT_SHA256 in added)
    declared = _first_values(final).get(_CONTENT_SHA256_KEY) if declares else None
    canonical = _canonical(method, path, query, final, names, _payload_hash(declared, body))
    signature = compute_signature(sk, string_to_sign(canonical, sdk_date))
    added[_HEADER_AUTHORIZATION] = _authorization_value(ak, names, signature)
    return added


@dataclass(frozen=True)
class ParsedAuthorization:
    """The parts of an ``SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`` value."""

    access_key: str = field(repr=False)
    signed_headers: tuple[str, ...]
    signature: str = field(repr=False)


def parse_authorization(value: str) -> ParsedAuthorization | None:
    """Parse an Authorization header value; None if it is not a well-formed SDK-HMAC-SHA256 one."""
    algorithm, _, rest = value.strip().partition(" ")
    if algorithm != ALGORITHM:
        return None
    fields: dict[str, str] = {}
    for part in rest.split(","):
        name, sep, content = part.strip().partition("=")
        if not sep or name not in ("Access", "SignedHeaders", "Signature") or name in fields:
            return None
        fields[name] = content
    if len(fields) != 3:
        return None
    access_key, signature = fields["Access"], fields["Signature"]
    signed = tuple(fields["SignedHeaders"].split(";"))
    if not _ACCESS_KEY.fullmatch(access_key) or not _SIGNATURE.fullmatch(signature):
        return None
    if not _SIGNED_HEADERS.fullmatch(fields["SignedHeaders"]):
        return None
    return ParsedAuthorization(access_key=access_key, signed_headers=signed, signature=signature)


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of ``verify``: ``ok``, or a short ``reason`` free of secrets."""

    ok: bool
    reason: str


_OK = VerifyResult(True, "ok")


def _fail(reason: str) -> VerifyResult:
    return VerifyResult(False, reason)


@dataclass(frozen=True)
class _SignedNames:
    """What a SignedHeaders list asks of a request, worked out once per list."""

    names: tuple[str, ...]
    text: str  # as signed: the names joined by ";"
    unsigned: str | None  # why verify refuses them: X-Sdk-Date or Host not among them


def _signed_names(names: Sequence[str]) -> _SignedNames:
    return _SignedNames(
        names=tuple(names),
        text=";".join(names),
        unsigned=(
            "X-Sdk-Date not signed"
            if _DATE_KEY not in names
            else "Host not signed"
            if _HOST_KEY not in names
            else None
        ),
    )


# A client signs every request with the same AK and the same header names: the part of its
# Authorization before the signature is read once (the latest ones are kept; lru_cache is
# thread-safe). Equal to reading the whole value with one regular expression, which
# tests/test_signing_fast_paths.py holds to parse_authorization.
@functools.lru_cache(maxsize=256)
def _authorization_head(head: str) -> tuple[str, _SignedNames] | None:
    """(AK, its SignedHeaders) of "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b", else None."""
    match = _AUTHORIZATION_HEAD.fullmatch(head)
    if match is None:
        return None
    access_key, names = match.groups()
    return access_key, _signed_names(names.split(";"))


def verify(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    secret_for: Callable[[str], str | None],
    now: datetime,
    max_skew: timedelta = timedelta(minutes=15),
) -> VerifyResult:
    """Check a received request's SDK-HMAC-SHA256 signature the way the API gateway does.

    ``url`` is the request target as received (full URL or path with query), ``headers`` the
    received headers, ``secret_for`` maps an AK to its SK (None if unknown), ``now`` is the
    server's time (naive values are taken as UTC). Also requires host and x-sdk-date to be
    signed and a declared X-Sdk-Content-Sha256 other than UNSIGNED-PAYLOAD to match the body.
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    if len(lowered) != len(headers):
        # A name given twice, in different cases: the checks read its first value and the
        # canonical request its last, which only the step-by-step verifier tells apart.
        return _verify_step_by_step(
            method, url, headers, body, secret_for=secret_for, now=now, max_skew=max_skew
        )
    return verify_received(
        method, url, lowered, body, secret_for=secret_for, now=now, max_skew=max_skew
    )


@functools.lru_cache(maxsize=1024)
def _canonical_target(url: str) -> tuple[str, str]:
    """The canonical URI and query of a request target (the latest ones are kept)."""
    _, path, query = _split_url(url)
    return _canonical_uri(path), _canonical_query(query)


# Every request signed in the same second carries the same X-Sdk-Date: what it allows is worked
# out once for the latest ones (bounded; an lru_cache is thread-safe).
@functools.lru_cache(maxsize=64)
def _date_window(
    raw: str, max_skew: timedelta
) -> tuple[str, datetime, datetime, datetime, datetime] | None:
    """A received X-Sdk-Date's (stripped text, earliest and latest server time it is good at as
    UTC datetimes, the same naive); None if it is no date of the strict form."""
    sdk_date = raw.strip()
    if not _STRICT_DATE.fullmatch(sdk_date):
        return None
    try:
        signed_at = _parse_date(sdk_date)
    except ValueError:
        return None
    # |now - signed_at| <= max_skew, as two comparisons; past the datetime range, no bound.
    try:
        earliest = signed_at - max_skew
    except OverflowError:
        earliest = datetime.min
    try:
        latest = signed_at + max_skew
    except OverflowError:
        latest = datetime.max
    return (
        sdk_date,
        earliest.replace(tzinfo=UTC),
        latest.replace(tzinfo=UTC),
        earliest,
        latest,
    )


def verify_received(
    method: str,
    target: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    secret_for: Callable[[str], str | None],
    now: datetime,
    max_skew: timedelta = timedelta(minutes=15),
) -> VerifyResult:
    """``verify`` for headers whose names are all lower case already, as a server holds them
    (an ASGI scope's, the mock's WireRequest): the same checks, reasons and result, without
    lowercasing them again. A name in another case is not found (a signed header missing)."""
    raw_authorization = headers.get(_AUTHORIZATION_KEY)
    if raw_authorization is None:
        return _fail("missing Authorization")
    # The usual spelling (sign()'s and the peer's): the part before the signature read once.
    head, found, signature = raw_authorization.rpartition(_SIGNATURE_FIELD)
    parts = (
        _authorization_head(head)
        if found and len(signature) == 64 and not signature.strip(_HEX)
        else None
    )
    if parts is not None:
        access_key, signed = parts
    else:  # other spacing or order
        parsed = parse_authorization(raw_authorization)
        if parsed is None:
            return _fail("malformed Authorization")
        access_key, signature = parsed.access_key, parsed.signature
        signed = _signed_names(parsed.signed_headers)
    sk = secret_for(access_key)
    if not sk:
        return _fail("unknown access key")

    raw_date = headers.get(_DATE_KEY)
    if raw_date is None:
        return _fail("missing X-Sdk-Date")
    window = _date_window(raw_date, max_skew)
    if window is None:
        return _fail("bad X-Sdk-Date")
    sdk_date, earliest, latest, earliest_naive, latest_naive = window
    if now.tzinfo is UTC:
        in_window = earliest <= now <= latest
    else:
        server_now = _utc_naive(now)
        in_window = earliest_naive <= server_now <= latest_naive
    if not in_window:
        return _fail("X-Sdk-Date outside the allowed skew")

    if signed.unsigned is not None:
        return _fail(signed.unsigned)
    try:
        header_lines = "".join([f"{name}:{headers[name].strip()}\n" for name in signed.names])
    except KeyError:
        for name in signed.names:
            if name not in headers:
                return _fail(f"signed header missing: {name}")
        raise

    declared = headers.get(_CONTENT_SHA256_KEY)
    if not body:
        payload_hash = _EMPTY_HASH
    elif declared is None:
        payload_hash = _sha256(body).hexdigest()
    else:
        stripped = declared.strip()
        if stripped != _UNSIGNED_PAYLOAD and stripped != _sha256(body).hexdigest():
            return _fail("X-Sdk-Content-Sha256 does not match body")
        payload_hash = _payload_hash(declared, body)  # the declared one: no second hashing

    try:
        canonical_uri, canonical_query = _canonical_target(target)
    except ValueError:
        return _fail("bad request target")
    canonical = (
        f"{method.upper()}\n{canonical_uri}\n{canonical_query}\n{header_lines}\n{signed.text}\n"
        f"{payload_hash}"
    )
    digest = _sha256(canonical.encode()).hexdigest()
    inner_key, outer_key = _hmac_keys(sk)  # _hmac_hex, inline
    inner = inner_key.copy()
    inner.update(f"{ALGORITHM}\n{sdk_date}\n{digest}".encode())
    outer = outer_key.copy()
    outer.update(inner.digest())
    expected = outer.hexdigest()
    # Both are ASCII hex (the signature was matched as such): compared as text, in constant time.
    if not _compare_digest(expected, signature):
        return _fail("signature mismatch")
    return _OK


def _verify_step_by_step(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    secret_for: Callable[[str], str | None],
    now: datetime,
    max_skew: timedelta = timedelta(minutes=15),
) -> VerifyResult:
    """``verify`` as the gateway's steps read, one after the other, on any headers: what
    ``verify_received`` is held to (tests/test_signing_fast_paths.py), and what ``verify``
    does when a name comes twice in different cases."""
    first = _first_values(headers)
    raw_authorization = first.get(_AUTHORIZATION_KEY)
    if raw_authorization is None:
        return _fail("missing Authorization")
    parsed = parse_authorization(raw_authorization)
    if parsed is None:
        return _fail("malformed Authorization")
    sk = secret_for(parsed.access_key)
    if not sk:
        return _fail("unknown access key")

    raw_date = first.get(_DATE_KEY)
    if raw_date is None:
        return _fail("missing X-Sdk-Date")
    sdk_date = raw_date.strip()
    if not _STRICT_DATE.fullmatch(sdk_date):
        return _fail("bad X-Sdk-Date")
    try:
        signed_at = _parse_date(sdk_date)
    except ValueError:
        return _fail("bad X-Sdk-Date")
    if abs(_utc_naive(now) - signed_at) > max_skew:
        return _fail("X-Sdk-Date outside the allowed skew")

    if "x-sdk-date" not in parsed.signed_headers:
        return _fail("X-Sdk-Date not signed")
    if "host" not in parsed.signed_headers:
        return _fail("Host not signed")
    for name in parsed.signed_headers:
        if name not in first:
            return _fail(f"signed header missing: {name}")

    declared = first.get(_CONTENT_SHA256_KEY)
    if body and declared is not None:
        stripped = declared.strip()
        if stripped != _UNSIGNED_PAYLOAD and stripped != hashlib.sha256(body).hexdigest():
            return _fail("X-Sdk-Content-Sha256 does not match body")

    try:
        _, path, query = _split_url(url)
    except ValueError:
        return _fail("bad request target")
    payload_hash = _payload_hash(declared, body)
    canonical = _canonical(method, path, query, headers, parsed.signed_headers, payload_hash)
    expected = compute_signature(sk, string_to_sign(canonical, sdk_date))
    if not hmac.compare_digest(expected.encode("ascii"), parsed.signature.encode("ascii")):
        return _fail("signature mismatch")
    return _OK
