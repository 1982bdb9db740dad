"""Where the mock may send a callback (loopback, and hosts its operator names); a URL's origin."""

# A mock that POSTs wherever a request body tells it to is a request forwarder: anyone who can
# start a job could make it call any host its network reaches. So a callback goes only to a
# loopback address, or to a host the operator named (--allow-callback-host), and the decision is
# taken on the URL as httpx parses it, the parser that will connect: urllib reads
# "http://127.0.0.1\@example.com/" as a loopback URL, httpx (and browsers) as one to example.com.

from __future__ import annotations

import ipaddress
import re

import httpx

__all__ = ["LOOPBACK_NAMES", "allowed_host", "origin", "refusal"]

LOOPBACK_NAMES = frozenset({"localhost"})
"""Host names that are loopback by definition (RFC 6761); the rest must be IP literals."""

_DEFAULT_PORTS = {"http": 80, "https": 443}
# What a host may look like in a log line: a name, or an IP literal. Anything else is not shown.
_PRINTABLE_HOST = re.compile(r"[A-Za-z0-9._~%:-]{1,253}")


def allowed_host(name: str) -> str:
    """An --allow-callback-host value as hosts are compared: lowercase; ValueError if not a host."""
    host = name.strip().lower()
    if ":" in host:
        try:
            return str(ipaddress.IPv6Address(host.strip("[]")))
        except ValueError:
            pass
    elif _PRINTABLE_HOST.fullmatch(host) and "%" not in host:
        return host
    raise ValueError(
        f"allowed callback host {name[:64]!r}: not a host name or IP address (no scheme, port or path)"
    )


def _parsed(url: str) -> httpx.URL | None:
    try:
        return httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return None


def origin(url: str) -> str:
    """scheme://host:port of `url`: all of it a log may show (its path and query may hold secrets)."""
    parsed = _parsed(url)
    if parsed is None or parsed.scheme not in _DEFAULT_PORTS or not parsed.host:
        return "(not an http or https URL)"
    host = parsed.host
    if not _PRINTABLE_HOST.fullmatch(host):
        return f"{parsed.scheme}://(unprintable host)"
    shown = f"[{host}]" if ":" in host else host
    return f"{parsed.scheme}://{shown}:{parsed.port or _DEFAULT_PORTS[parsed.scheme]}"


def refusal(url: str, allowed_hosts: frozenset[str] = frozenset()) -> str | None:
    """Why a callback to `url` must not be sent, or None if it may: http or https, to a loopback
    host (127.0.0.0/8, ::1, localhost) or one of `allowed_hosts` (as `allowed_host` gives them)."""
    parsed = _parsed(url)
    if parsed is None or parsed.scheme not in _DEFAULT_PORTS:
        return "not an http or https URL"
    host = parsed.host
    if not host:
        return "the URL has no host"
    if host in LOOPBACK_NAMES or _is_loopback_literal(host) or _comparable(host) in allowed_hosts:
        return None
    shown = host if _PRINTABLE_HOST.fullmatch(host) else "(unprintable host)"
    return (
        f"host {shown} is not a loopback address: the mock calls back only to 127.0.0.0/8, ::1 "
        "and localhost, and to hosts named with --allow-callback-host"
    )


def _comparable(host: str) -> str:
    # An IP literal compares in its canonical spelling (fd00::0001 is fd00::1); a name as it is.
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host


def _is_loopback_literal(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: only those in LOOPBACK_NAMES are known to be loopback
    return address.is_loopback
