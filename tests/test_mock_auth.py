"""The mock's Authenticator, its checks chosen once per scheme and per security list, against the
plain reading: any requirement whose schemes all pass, each scheme judged on its own."""

from __future__ import annotations

import base64
import itertools
from datetime import UTC, datetime

import pytest

from metastudio._signing import sign, verify
from mockserver.auth import MAX_CLOCK_SKEW, Authenticator, Credentials
from mockserver.spec import SecurityScheme
from mockserver.wire import WireRequest

NOW = datetime(2025, 3, 14, 15, 9, 26, tzinfo=UTC)
AK, SK, TOKEN, USER, PASSWORD = "AKEXAMPLE", "sk-example", "token-1", "user", "pass"
CREDENTIALS = Credentials({AK: SK}, frozenset({TOKEN, "token-2"}), {USER: PASSWORD})
SCHEMES = {
    "aksk": SecurityScheme("aksk", "signature"),
    "token": SecurityScheme("token", "api-key", "header", "x-auth-token"),
    "query_key": SecurityScheme("query_key", "api-key", "query", "key"),
    "cookie_key": SecurityScheme("cookie_key", "api-key", "cookie", "session"),
    "bearer": SecurityScheme("bearer", "bearer"),
    "basic": SecurityScheme("basic", "basic"),
    "odd": SecurityScheme("odd", "unsupported"),
}
SECURITY_LISTS = [
    (),
    (("aksk",),),
    (("aksk",), ("token",)),
    (("token", "query_key"),),
    (("cookie_key",), ("bearer",), ("basic",)),
    (("odd",),),
    (("missing",), ("token",)),
    (("aksk", "token"),),
    ((),),
]
PATH = "/v1/p/jobs"


def _signed(target: str = PATH, **extra: str) -> dict[str, str]:
    headers = {"host": "h.example", **extra}
    added = sign("POST", f"https://h.example{target}", headers, b"{}", ak=AK, sk=SK, now=NOW)
    return {**headers, **{name.lower(): value for name, value in added.items()}}


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


REQUESTS = {
    "nothing": ({}, PATH),
    "signed": (_signed(), PATH),
    "signed, wrong target": (_signed(), PATH + "x"),
    "signed and a token": ({**_signed(), "x-auth-token": TOKEN}, PATH),
    "token": ({"x-auth-token": TOKEN}, PATH),
    "other token": ({"x-auth-token": "token-2"}, PATH),
    "wrong token": ({"x-auth-token": "nope"}, PATH),
    "token and query key": ({"x-auth-token": TOKEN}, PATH + "?key=token-2"),
    "query key only": ({}, PATH + "?key=" + TOKEN),
    "cookie": ({"cookie": f"session={TOKEN}"}, PATH),
    "bad cookie": ({"cookie": 'session="'}, PATH),
    "bearer": ({"authorization": f"Bearer {TOKEN}"}, PATH),
    "bearer, other case": ({"authorization": f"bEARER  {TOKEN} "}, PATH),
    "basic": ({"authorization": _basic(USER, PASSWORD)}, PATH),
    "basic, wrong password": ({"authorization": _basic(USER, "x")}, PATH),
    "basic, not base64": ({"authorization": "Basic ***"}, PATH),
}


def _plainly(security: tuple[tuple[str, ...], ...], request: WireRequest) -> bool:
    """The Authenticator as it read before its checks were compiled."""

    def passes(name: str) -> bool:
        scheme = SCHEMES.get(name)
        if scheme is None:
            return False
        headers = request.headers
        if scheme.kind == "signature":
            token_headers = [
                s.parameter
                for s in SCHEMES.values()
                if s.kind == "api-key" and s.location == "header"
            ]
            if "authorization" not in headers or any(h in headers for h in token_headers):
                return False
            return verify(
                request.method,
                request.target,
                headers,
                request.body,
                secret_for=CREDENTIALS.aksk.get,
                now=NOW,
                max_skew=MAX_CLOCK_SKEW,
            ).ok
        if scheme.kind == "api-key":
            if scheme.location == "query":
                offered = request.query(scheme.parameter)
            elif scheme.location == "cookie":
                offered = request.cookie(scheme.parameter)
            else:
                offered = headers.get(scheme.parameter)
            return offered is not None and offered in CREDENTIALS.tokens
        kind, _, value = headers.get("authorization", "").partition(" ")
        if scheme.kind == "bearer" and kind.lower() == "bearer":
            return value.strip() in CREDENTIALS.tokens
        if scheme.kind == "basic" and kind.lower() == "basic":
            try:
                decoded = base64.b64decode(value.strip(), validate=True).decode()
            except ValueError:
                return False
            user, sep, password = decoded.partition(":")
            return bool(sep) and CREDENTIALS.basic.get(user) == password
        return False

    if not security:
        return True
    return any(all(passes(name) for name in requirement) for requirement in security)


@pytest.mark.parametrize("request_name", REQUESTS)
def test_allows_answers_as_the_plain_reading(request_name: str) -> None:
    headers, target = REQUESTS[request_name]
    request = WireRequest("POST", target, headers, b"{}")
    authenticator = Authenticator(CREDENTIALS, SCHEMES, clock=lambda: NOW)
    for security, _ in itertools.product(SECURITY_LISTS, range(2)):  # twice: compiled, cached
        expected = _plainly(security, request)
        assert authenticator.allows(security, request) is expected, security


def test_a_signed_request_passes_only_within_the_clock_window() -> None:
    request = WireRequest("POST", PATH, _signed(), b"{}")
    late = datetime(2025, 3, 14, 15, 24, 27, tzinfo=UTC)  # 15 minutes and 1 second after
    assert Authenticator(CREDENTIALS, SCHEMES, clock=lambda: NOW).allows((("aksk",),), request)
    assert not Authenticator(CREDENTIALS, SCHEMES, clock=lambda: late).allows((("aksk",),), request)


def test_the_compiled_security_lists_are_bounded() -> None:
    authenticator = Authenticator(CREDENTIALS, SCHEMES, clock=lambda: NOW)
    request = WireRequest("GET", PATH, {"x-auth-token": TOKEN}, b"")
    for index in range(1100):
        assert authenticator.allows((("token",), (f"scheme-{index}",)), request)
    assert len(authenticator._compiled) == 1024
