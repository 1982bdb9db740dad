# Copied from templates/runtime/_callback_signing.py by generator. Do not edit here: edit templates/runtime/_callback_signing.py.
"""Callback signatures HMAC-SHA256(key, URI + time): signing, and verifying with freshness and replay checks."""

# Why this is hand-written: the scheme is the service's own (MetaStudio's auth_type MSS_A and
# MSS_A_HEAD); no library implements it, and the official SDK only describes it in a docstring.
#
# The canonical form, as decided in the spec (x-doc on LiveEventCallBackConfig.auth_type, from
# the doc's formula and the worked example of the official SDK's CustomPlatformAuthConfig):
#
#   URI       the URL without its scheme and fragment: authority, path and, when any parameter is
#             left, "?" and the query's parameters sorted by name (stable: a repeated name keeps
#             its order), each byte as on the wire (nothing decoded or re-encoded); in the query
#             mode the signature and time parameters are removed first
#   time      hex(Unix seconds), lowercase, no prefix: 66df9308
#   secret    lowercase hex of HMAC-SHA256(key as UTF-8, UTF-8 of URI + time as sent)
#
# What it cannot do: the signature covers the URI and the time, not the body. Whoever sees one
# signed callback can send another body under the same signature until it is stale; freshness
# and the replay store only partly make up for it (the first request to arrive is the one kept).
#
# Secrets: no exception message, repr or log carries the key or an expected signature.

from __future__ import annotations

import hashlib
import hmac
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from ._exceptions import CallbackVerificationError

__all__ = [
    "DEFAULT_MAX_AGE_SECONDS",
    "DEFAULT_REPLAY_CAPACITY",
    "MemoryReplayStore",
    "ReplayStore",
    "SignatureMode",
    "canonical_uri",
    "hex_time",
    "sign",
    "signed_request",
    "verify",
]

DEFAULT_MAX_AGE_SECONDS = 300.0
"""How far a callback's time may be from the receiver's clock, either way (clock skew too)."""

DEFAULT_REPLAY_CAPACITY = 10_000
"""Pairs the in-memory replay store keeps; beyond it the oldest unexpired one is forgotten."""

_SECRET = re.compile(r"[0-9a-fA-F]{64}")
_TIME = re.compile(r"[0-9a-fA-F]{1,16}")


@dataclass(frozen=True)
class SignatureMode:
    """Where a callback carries its signature: `name` as the subscription names it (MSS_A), the
    location ("query" or "header"), and the names of the signature and time parameters."""

    name: str
    location: str
    secret: str
    time: str


class ReplayStore(Protocol):
    """The (time, signature) pairs already accepted, shared by every receiver of one subscriber."""

    def seen(self, pair: tuple[str, str], *, now: float, expires_at: float) -> bool:
        """Record `pair` until `expires_at`; True if it was recorded and unexpired at `now`.

        Times are Unix seconds on the verifier's clock. Check and record must be one atomic step,
        or two copies arriving together both pass.
        """
        ...


class MemoryReplayStore:
    """A bounded, thread-safe ReplayStore in this process's memory.

    Expired pairs are dropped first; when `capacity` unexpired pairs are held, the oldest is
    forgotten (and could then be replayed): size it above the callbacks a max_age brings. Several
    processes behind one URL need a shared store instead (a database or cache with an atomic
    insert-if-absent).
    """

    def __init__(self, capacity: int = DEFAULT_REPLAY_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("a replay store needs room for at least one pair")
        self.capacity = capacity
        self._pairs: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pairs)

    def seen(self, pair: tuple[str, str], *, now: float, expires_at: float) -> bool:
        with self._lock:
            known = self._pairs.get(pair)
            if known is not None and known > now:
                return True
            self._pairs.pop(pair, None)
            # Insertion order is close to expiry order (every pair lives max_age past its time),
            # so expired pairs gather at the front.
            while self._pairs and next(iter(self._pairs.values())) <= now:
                self._pairs.popitem(last=False)
            while len(self._pairs) >= self.capacity:
                self._pairs.popitem(last=False)
            self._pairs[pair] = expires_at
            return False


def hex_time(moment: datetime | float) -> str:
    """hex(Unix seconds), lowercase: 66df9308 for 2024-09-10T00:30:00Z."""
    seconds = moment.timestamp() if isinstance(moment, datetime) else moment
    return format(int(seconds), "x")


def canonical_uri(url: str, *, without: Sequence[str] = ()) -> str:
    """The URI a signature covers: authority, path and sorted query, parameters `without` removed."""
    parts = urlsplit(url)
    pairs = [p for p in parts.query.split("&") if p] if parts.query else []
    kept = sorted((p for p in pairs if p.partition("=")[0] not in without), key=_name)
    return parts.netloc + parts.path + ("?" + "&".join(kept) if kept else "")


def _name(pair: str) -> str:
    return pair.partition("=")[0]


def sign(key: str, uri: str, time_text: str) -> str:
    """Lowercase hex HMAC-SHA256(key, uri + time_text)."""
    message = (uri + time_text).encode("utf-8")
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signed_request(
    url: str, key: str, mode: SignatureMode, moment: datetime | float
) -> tuple[str, dict[str, str]]:
    """The URL to call and the headers to add for a callback to `url`, signed at `moment`."""
    stamp = hex_time(moment)
    secret = sign(key, canonical_uri(url), stamp)
    if mode.location == "header":
        return url, {mode.secret: secret, mode.time: stamp}
    base, _, fragment = url.partition("#")
    joiner = "&" if urlsplit(base).query else ("" if base.endswith("?") else "?")
    signed = f"{base}{joiner}{mode.secret}={secret}&{mode.time}={stamp}"
    return signed + (f"#{fragment}" if fragment else ""), {}


def verify(
    *,
    url: str,
    headers: Mapping[str, str],
    key: str,
    modes: Sequence[SignatureMode],
    mode: str | None = None,
    now: datetime | float | None = None,
    max_age: float = DEFAULT_MAX_AGE_SECONDS,
    replay_store: ReplayStore,
) -> SignatureMode:
    """Check a received callback's signature; the mode it used, or CallbackVerificationError.

    `url` is the URL as requested (raw path and query), `mode` pins one of `modes` by name.
    The checks, in order: missing, malformed, expired, bad signature, replayed (a pair is recorded
    only once its signature holds, so forgeries cannot fill the store).
    """
    if not key:
        raise ValueError("the callback key is empty: nothing could be verified with it")
    if not max_age > 0:  # NaN too
        raise ValueError("max_age must be a positive number of seconds")
    chosen, secret, stamp = _signature_of(url, headers, modes, mode)
    if not _SECRET.fullmatch(secret):
        raise CallbackVerificationError(
            "malformed", f"{_where(chosen, chosen.secret)} is not 64 hexadecimal digits"
        )
    if not _TIME.fullmatch(stamp):
        raise CallbackVerificationError(
            "malformed", f"{_where(chosen, chosen.time)} is not hexadecimal Unix seconds"
        )
    clock = time.time() if now is None else now.timestamp() if isinstance(now, datetime) else now
    age = clock - int(stamp, 16)
    if abs(age) > max_age:
        when = f"{age:.0f} s old" if age > 0 else f"{-age:.0f} s in the future"
        raise CallbackVerificationError(
            "expired", f"{_where(chosen, chosen.time)} is {when}; at most {max_age:g} s allowed"
        )
    without = (chosen.secret, chosen.time) if chosen.location == "query" else ()
    expected = sign(key, canonical_uri(url, without=without), stamp)
    if not hmac.compare_digest(expected, secret.lower()):
        raise CallbackVerificationError(
            "bad signature",
            f"{_where(chosen, chosen.secret)} does not match the URI and time under this key",
        )
    pair = (stamp.lower(), secret.lower())
    if replay_store.seen(pair, now=clock, expires_at=int(stamp, 16) + max_age):
        raise CallbackVerificationError(
            "replayed", f"this {chosen.name} signature and time were already accepted"
        )
    return chosen


def _signature_of(
    url: str, headers: Mapping[str, str], modes: Sequence[SignatureMode], pinned: str | None
) -> tuple[SignatureMode, str, str]:
    if pinned is not None:
        candidates = [m for m in modes if m.name == pinned]
        if not candidates:
            known = ", ".join(m.name for m in modes)
            raise ValueError(f"unknown signature mode {pinned!r}; known: {known}")
    else:
        candidates = list(modes)
    query = _query_values(url)
    lowered = {name.lower(): value for name, value in headers.items()}
    found: list[tuple[SignatureMode, list[str], list[str]]] = []
    for mode in candidates:
        if mode.location == "header":
            secrets = [lowered[mode.secret.lower()]] if mode.secret.lower() in lowered else []
            stamps = [lowered[mode.time.lower()]] if mode.time.lower() in lowered else []
        else:
            secrets, stamps = query.get(mode.secret, []), query.get(mode.time, [])
        if secrets or stamps:
            found.append((mode, secrets, stamps))
    if not found:
        places = "; ".join(f"{_where(m, m.secret)} and {_where(m, m.time)}" for m in candidates)
        raise CallbackVerificationError("missing", f"no callback signature: expected {places}")
    if len(found) > 1:
        names = " and ".join(m.name for m, _, _ in found)
        raise CallbackVerificationError(
            "malformed", f"signatures of {names} at once: which one holds is ambiguous"
        )
    chosen, secrets, stamps = found[0]
    for name, values in ((chosen.secret, secrets), (chosen.time, stamps)):
        if not values:
            raise CallbackVerificationError("missing", f"{_where(chosen, name)} is missing")
        if len(values) > 1:
            raise CallbackVerificationError(
                "malformed", f"{_where(chosen, name)} is given {len(values)} times"
            )
    return chosen, secrets[0], stamps[0]


def _query_values(url: str) -> dict[str, list[str]]:
    # Raw values: the signature and time are hex digits, which no encoding changes.
    values: dict[str, list[str]] = {}
    for pair in urlsplit(url).query.split("&"):
        if pair:
            name, _, value = pair.partition("=")
            values.setdefault(name, []).append(value)
    return values


def _where(mode: SignatureMode, name: str) -> str:
    return f"query parameter {name}" if mode.location == "query" else f"header {name}"
