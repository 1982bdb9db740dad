"""A minimal signer of MetaStudio's callbacks, written from the doc's formula apart from the SDK's code.

hwSecret = hmac_sha256(Key, URI(live_event_callback_url) + hwTime), hwTime = hex(timestamp);
URI read as the spec's x-doc decision on LiveEventCallBackConfig.auth_type says: the URL without
scheme and fragment, its query parameters sorted by name, every byte as written.
"""

from __future__ import annotations

import hashlib
import hmac


def uri_of(url: str) -> str:
    """The URI the doc's formula signs, from scratch (no urllib): authority, path, sorted query."""
    rest = url.split("://", 1)[1].split("#", 1)[0]
    location, _, query = rest.partition("?")
    pairs = sorted((p for p in query.split("&") if p), key=lambda p: p.split("=", 1)[0])
    return location + ("?" + "&".join(pairs) if pairs else "")


def hw_secret(key: str, url: str, hw_time: str) -> str:
    """hmac_sha256(Key, URI(url) + hwTime) in lowercase hex."""
    return hmac.new(key.encode(), (uri_of(url) + hw_time).encode(), hashlib.sha256).hexdigest()


def mss_a(url: str, key: str, seconds: int) -> str:
    """The URL MetaStudio calls in MSS_A mode: hwSecret and hwTime appended to its query."""
    hw_time = f"{seconds:x}"
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}hwSecret={hw_secret(key, url, hw_time)}&hwTime={hw_time}"


def mss_a_head(url: str, key: str, seconds: int) -> dict[str, str]:
    """The headers MetaStudio adds in MSS_A_HEAD mode."""
    hw_time = f"{seconds:x}"
    return {"x-hw-mss-secret": hw_secret(key, url, hw_time), "x-hw-mss-time": hw_time}
