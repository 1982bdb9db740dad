"""A request as it arrives on the wire: the one shape the mock's stages, the live fuzzing guard and
the benchmarks hand to `MockApp.judge` (the SDK's PreparedRequest is the other side: before auth
and serialisation)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qsl


@dataclass(slots=True)
class WireRequest:
    """A request as received: method, raw target (path and query, still percent-encoded),
    headers with lower-case names, and the body's bytes.

    Not frozen: every request makes one (a frozen one cost four times as much), and nothing
    changes it."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes

    def query(self, name: str) -> str | None:
        """The last value of a query parameter."""
        values = [v for k, v in parse_qsl(self.target.partition("?")[2], True) if k == name]
        return values[-1] if values else None

    def cookie(self, name: str) -> str | None:
        """A cookie's value."""
        jar = SimpleCookie()
        try:
            jar.load(self.headers.get("cookie", ""))
        except CookieError:
            return None
        morsel = jar.get(name)
        return morsel.value if morsel is not None else None

    @property
    def path(self) -> str:
        """The raw path, without the query."""
        return self.target.partition("?")[0]

    @property
    def query_string(self) -> str:
        """The raw query, without `?`."""
        return self.target.partition("?")[2]
