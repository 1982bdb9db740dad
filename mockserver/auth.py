"""The authenticate stage: the spec's security schemes (api keys, bearer, basic, Huawei AK/SK) checked."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from metastudio._signing import verify
from mockserver.spec import SecurityScheme
from mockserver.wire import WireRequest

# Development credentials, accepted when the mock is started without --aksk, --token or --basic.
# They are public on purpose (README "Mock server"); never use them anywhere but a mock on loopback.
DEV_AK = "MOCKDEVAKMETASTUDIO0"
DEV_SK = "mock-dev-sk-not-a-secret"
DEV_TOKEN = "mock-dev-token"

DEV_BASIC_USER = "mock-dev-user"
DEV_BASIC_PASSWORD = "mock-dev-password"

MAX_CLOCK_SKEW = timedelta(minutes=15)

SIGNATURE_HEADER = "authorization"


@dataclass(frozen=True)
class Credentials:
    """The AK → SK pairs, tokens (api keys and bearer tokens) and basic pairs the mock accepts."""

    aksk: Mapping[str, str] = field(default_factory=dict)
    tokens: frozenset[str] = frozenset()
    basic: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def development(cls) -> Credentials:
        """The documented development pair, token and basic user."""
        return cls({DEV_AK: DEV_SK}, frozenset({DEV_TOKEN}), {DEV_BASIC_USER: DEV_BASIC_PASSWORD})

    @classmethod
    def parse(
        cls, aksk: Iterable[str], tokens: Iterable[str], basic: Iterable[str] = ()
    ) -> Credentials:
        """From `AK:SK` strings, tokens and `USER:PASS` strings; ValueError (naming the argument,
        never the secret) if malformed."""
        pairs = _pairs(aksk, "--aksk", "AK:SK")
        accepted = frozenset(tokens)
        if "" in accepted:
            raise ValueError("--token must not be empty")
        return cls(pairs, accepted, _pairs(basic, "--basic", "USER:PASS"))

    @property
    def empty(self) -> bool:
        """Whether nothing at all is accepted."""
        return not self.aksk and not self.tokens and not self.basic

    def __repr__(self) -> str:
        return (
            f"Credentials(access_keys={sorted(self.aksk)}, tokens={len(self.tokens)} hidden, "
            f"basic_users={sorted(self.basic)})"
        )


def _pairs(items: Iterable[str], option: str, shape: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for index, item in enumerate(items, start=1):
        key, sep, secret = item.partition(":")
        if not sep or not key or not secret:
            raise ValueError(f"{option} number {index} is not {shape} (both non-empty)")
        pairs[key] = secret
    return pairs


class Authenticator:
    """Accepts a request that passes one of its operation's security requirements."""

    def __init__(
        self,
        credentials: Credentials,
        schemes: Mapping[str, SecurityScheme],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._credentials = credentials
        self._schemes = dict(schemes)
        self._clock = clock

    def allows(self, security: tuple[tuple[str, ...], ...], request: WireRequest) -> bool:
        """Whether any requirement (all of its schemes) is met; no requirement means public."""
        if not security:
            return True
        return any(all(self._passes(n, request) for n in req) for req in security)

    def _passes(self, name: str, request: WireRequest) -> bool:
        scheme = self._schemes.get(name)
        if scheme is None:
            return False
        if scheme.kind == "signature":
            return self._signature(request)
        if scheme.kind == "api-key":
            return self._token(_api_key(scheme, request))
        authorization = request.headers.get("authorization", "")
        kind, _, value = authorization.partition(" ")
        if scheme.kind == "bearer" and kind.lower() == "bearer":
            return self._token(value.strip())
        if scheme.kind == "basic" and kind.lower() == "basic":
            return self._basic(value.strip())
        return False

    def _signature(self, request: WireRequest) -> bool:
        if SIGNATURE_HEADER not in request.headers:
            return False
        # A request that also carries a token is judged by its token (the gateway's order).
        if any(h in request.headers for h in self._token_headers()):
            return False
        result = verify(
            request.method,
            request.target,
            request.headers,
            request.body,
            secret_for=self._credentials.aksk.get,
            now=self._clock(),
            max_skew=MAX_CLOCK_SKEW,
        )
        return result.ok

    def _token(self, offered: str | None) -> bool:
        if offered is None:
            return False
        # compare_digest on every accepted token: no early exit on the first differing byte.
        matches = [
            hmac.compare_digest(offered.encode(), t.encode()) for t in self._credentials.tokens
        ]
        return any(matches)

    def _basic(self, encoded: str) -> bool:
        try:
            user, sep, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, ValueError):
            return False
        expected = self._credentials.basic.get(user)
        if not sep or expected is None:
            return False
        return hmac.compare_digest(password.encode(), expected.encode())

    def _token_headers(self) -> list[str]:
        return [
            s.parameter
            for s in self._schemes.values()
            if s.kind == "api-key" and s.location == "header"
        ]


def _api_key(scheme: SecurityScheme, request: WireRequest) -> str | None:
    if scheme.location == "query":
        return request.query(scheme.parameter)
    if scheme.location == "cookie":
        return request.cookie(scheme.parameter)
    return request.headers.get(scheme.parameter)
