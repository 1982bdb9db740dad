"""The authenticate stage: the spec's security schemes (api keys, bearer, basic, Huawei AK/SK) checked."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from metastudio._signing import verify_received
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


Check = Callable[[WireRequest], bool]
"""Whether one request passes one scheme."""

_MAX_SECURITY_LISTS = 1024
"""How many distinct security lists `allows` keeps a compiled check for (a spec has a few)."""


def _never(request: WireRequest) -> bool:
    return False


class Authenticator:
    """Accepts a request that passes one of its operation's security requirements.

    Each scheme's check is chosen once, here, and each security list's composition the first
    time it is asked about: a request costs its own checks and no dispatch on scheme kinds.
    """

    def __init__(
        self,
        credentials: Credentials,
        schemes: Mapping[str, SecurityScheme],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._credentials = credentials
        self._schemes = dict(schemes)
        self._clock = clock
        self._secret_for = credentials.aksk.get
        self._tokens = tuple(token.encode() for token in credentials.tokens)
        # A request that also carries a token is judged by its token (the gateway's order).
        self._token_headers = tuple(
            s.parameter
            for s in self._schemes.values()
            if s.kind == "api-key" and s.location == "header"
        )
        self._checks: dict[str, Check] = {
            name: self._check_for(scheme) for name, scheme in self._schemes.items()
        }
        self._compiled: dict[tuple[tuple[str, ...], ...], tuple[tuple[Check, ...], ...]] = {}

    def allows(self, security: tuple[tuple[str, ...], ...], request: WireRequest) -> bool:
        """Whether any requirement (all of its schemes) is met; no requirement means public."""
        requirements = self._compiled.get(security)
        if requirements is None:
            requirements = self._compile(security)
        for checks in requirements:
            for check in checks:
                if not check(request):
                    break
            else:
                return True
        return False

    def _compile(self, security: tuple[tuple[str, ...], ...]) -> tuple[tuple[Check, ...], ...]:
        """Each requirement's scheme checks (an unknown scheme never passes); no requirement
        is one requirement of no schemes, which every request meets."""
        requirements = tuple(
            tuple(self._checks.get(name, _never) for name in requirement)
            for requirement in security or ((),)
        )
        if len(self._compiled) < _MAX_SECURITY_LISTS:
            self._compiled[security] = requirements
        return requirements

    def _check_for(self, scheme: SecurityScheme) -> Check:
        if scheme.kind == "signature":
            return self._signature
        if scheme.kind == "api-key":
            location, parameter = scheme.location, scheme.parameter
            if location == "query":
                return lambda request: self._token(request.query(parameter))
            if location == "cookie":
                return lambda request: self._token(request.cookie(parameter))
            return lambda request: self._token(request.headers.get(parameter))
        if scheme.kind == "bearer":
            return self._bearer
        if scheme.kind == "basic":
            return self._basic_header
        return _never

    def _signature(self, request: WireRequest) -> bool:
        headers = request.headers
        if SIGNATURE_HEADER not in headers:
            return False
        for name in self._token_headers:
            if name in headers:
                return False
        # WireRequest's header names are lower case: no second lowercasing in the verifier.
        return verify_received(
            request.method,
            request.target,
            headers,
            request.body,
            secret_for=self._secret_for,
            now=self._clock(),
            max_skew=MAX_CLOCK_SKEW,
        ).ok

    def _bearer(self, request: WireRequest) -> bool:
        kind, _, value = request.headers.get("authorization", "").partition(" ")
        return kind.lower() == "bearer" and self._token(value.strip())

    def _basic_header(self, request: WireRequest) -> bool:
        kind, _, value = request.headers.get("authorization", "").partition(" ")
        return kind.lower() == "basic" and self._basic(value.strip())

    def _token(self, offered: str | None) -> bool:
        if offered is None:
            return False
        # compare_digest on every accepted token: no early exit on the first differing byte.
        given = offered.encode()
        matches = [hmac.compare_digest(given, token) for token in self._tokens]
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
