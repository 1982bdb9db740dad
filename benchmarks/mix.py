"""The load run's request mix: each kind of valid and invalid start, and the loopback-only rule."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from metastudio._signing import sign
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN

PATH = "/v1/load-project/smart-live-rooms/load-room/smart-live-jobs"
VALID = b'{"output_urls":["rtmp://127.0.0.1/live/load"],"play_policy":{"repeat_count":3}}'
JSON = {"Content-Type": "application/json"}
TOKEN = {**JSON, "X-Auth-Token": DEV_TOKEN}


@dataclass(frozen=True)
class Kind:
    """One kind of request in the mix; `signed` ones are AK/SK-signed anew for each call."""

    name: str
    method: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    signed: bool = False

    def build(self, host: str) -> tuple[str, str, bytes, dict[str, str]]:
        """(method, path, body, headers) for a server at `host` (host:port, as sent in Host)."""
        headers = dict(self.headers)
        if self.signed:
            # Signed with the Host the client will send; the client writes that header itself.
            added = sign(
                self.method,
                f"http://{host}{PATH}",
                {**headers, "Host": host},
                self.body,
                ak=DEV_AK,
                sk=DEV_SK,
            )
            headers.update((name, value) for name, value in added.items() if name != "Host")
        return self.method, PATH, self.body, headers


# Three kinds in nine are starts the mock accepts; the rest are each kind of bad request.
MIX: tuple[Kind, ...] = (
    Kind("valid-token", "POST", VALID, TOKEN),
    Kind("valid-aksk", "POST", VALID, {**JSON, "X-Project-Id": "load-project"}, signed=True),
    Kind("wrong-type", "POST", b'{"play_policy":{"repeat_count":"3"}}', TOKEN),
    Kind("too-many-urls", "POST", b'{"output_urls":["rtmp://a/1","rtmp://a/2"]}', TOKEN),
    Kind("malformed-json", "POST", b'{"output_urls": [', TOKEN),
    Kind("wrong-token", "POST", VALID, {**JSON, "X-Auth-Token": "wrong-token"}),
    Kind("wrong-media-type", "POST", VALID, {**TOKEN, "Content-Type": "text/plain"}),
    Kind("wrong-method", "PUT", b"", {"X-Auth-Token": DEV_TOKEN}),
    # 200 kB the spec lets through (it requires no field and allows unknown ones), answered with
    # the status Prefer asks for: the mock reads and validates a big body under load.
    Kind("big-body", "POST", b'{"x":"' + b"a" * 200_000 + b'"}', {**TOKEN, "Prefer": "code=202"}),
)


def loopback_refusal(url: str) -> str | None:
    """Why `url` is not a target a load run may send to, or None when it is (loopback only)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"{url!r}: not an http(s) URL"
    host = parts.hostname or ""
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return f"{url!r}: {host or 'no host'} is not a loopback address (127.0.0.0/8, ::1, localhost)"
