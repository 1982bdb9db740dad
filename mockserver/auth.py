"""Who may call the mock: accepted tokens and AK/SK pairs, checked the way the API gateway does."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from metastudio._signing import verify

# Development credentials, accepted when the mock is started without --aksk or --token. They are
# public on purpose (README "Mock server"); never use them anywhere but a mock on loopback.
DEV_AK = "MOCKDEVAKMETASTUDIO0"
DEV_SK = "mock-dev-sk-not-a-secret"
DEV_TOKEN = "mock-dev-token"

MAX_CLOCK_SKEW = timedelta(minutes=15)

# Which scheme header means what: Huawei's gateway reads Authorization as an SDK-HMAC-SHA256
# signature and any other apiKey header (X-Auth-Token) as an IAM token.
SIGNATURE_HEADER = "authorization"


@dataclass(frozen=True)
class Credentials:
    """The AK → SK pairs and tokens the mock accepts."""

    aksk: Mapping[str, str] = field(default_factory=dict)
    tokens: frozenset[str] = frozenset()

    @classmethod
    def development(cls) -> Credentials:
        """The documented development pair and token."""
        return cls({DEV_AK: DEV_SK}, frozenset({DEV_TOKEN}))

    @classmethod
    def parse(cls, aksk: Iterable[str], tokens: Iterable[str]) -> Credentials:
        """From `AK:SK` strings and tokens; ValueError (naming the argument, not the SK) if malformed."""
        pairs: dict[str, str] = {}
        for index, item in enumerate(aksk, start=1):
            ak, sep, sk = item.partition(":")
            if not sep or not ak or not sk:
                raise ValueError(f"--aksk number {index} is not AK:SK (both non-empty)")
            pairs[ak] = sk
        accepted = frozenset(tokens)
        if "" in accepted:
            raise ValueError("--token must not be empty")
        return cls(pairs, accepted)

    def __repr__(self) -> str:
        return f"Credentials(access_keys={sorted(self.aksk)}, tokens={len(self.tokens)} hidden)"


@dataclass(frozen=True)
class AuthRequest:
    """What authentication looks at: method, raw target, headers (lower-case names) and body."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes


class Authenticator:
    """Accepts a request that passes one of its operation's security requirements."""

    def __init__(
        self,
        credentials: Credentials,
        scheme_headers: Mapping[str, str],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._credentials = credentials
        self._scheme_headers = {name: header.lower() for name, header in scheme_headers.items()}
        self._clock = clock

    def allows(self, security: tuple[tuple[str, ...], ...], request: AuthRequest) -> bool:
        """Whether any requirement (all of its schemes) is met; no requirement means public."""
        if not security:
            return True
        return any(all(self._passes(n, request) for n in req) for req in security)

    def _passes(self, scheme: str, request: AuthRequest) -> bool:
        header = self._scheme_headers.get(scheme)
        if header is None or header not in request.headers:
            return False
        if header == SIGNATURE_HEADER:
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
        offered = request.headers[header]
        # compare_digest on every accepted token: no early exit on the first differing byte.
        matches = [
            hmac.compare_digest(offered.encode(), t.encode()) for t in self._credentials.tokens
        ]
        return any(matches)

    def _token_headers(self) -> list[str]:
        return [h for h in self._scheme_headers.values() if h != SIGNATURE_HEADER]
