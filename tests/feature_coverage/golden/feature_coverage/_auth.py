# Copied from templates/runtime/_auth.py by generator. Do not edit here: edit templates/runtime/_auth.py.
"""Authentication as httpx.Auth flows: Huawei AK/SK signing and IAM tokens, API keys, bearer, basic."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Generator, Mapping

import httpx

from ._exceptions import InvalidArgumentError
from ._signing import sign

__all__ = [
    "AkSkAuth",
    "ApiKeyAuth",
    "BasicAuth",
    "BearerAuth",
    "SchemeAuth",
    "TokenAuth",
    "auth_from_arguments",
]

AK_ENV = "CLOUD_SDK_AK"
SK_ENV = "CLOUD_SDK_SK"
"""The variable names the doc's own code samples read the AK and SK from."""


class AkSkAuth(httpx.Auth):
    """Signs every request (retries included) with SDK-HMAC-SHA256 and sends X-Project-Id."""

    requires_request_body = True

    def __init__(self, ak: str, sk: str) -> None:
        # The AK travels in the Authorization header; the SK never travels, it only keys the HMAC.
        self._ak = _header_credential(ak, "ak")
        self._sk = _credential(sk, "sk")

    def __repr__(self) -> str:
        return "AkSkAuth(ak=<redacted>, sk=<redacted>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        added = sign(
            request.method,
            str(request.url),
            _header_map(request.headers),
            request.content,
            ak=self._ak,
            sk=self._sk,
        )
        for name, value in added.items():  # replaces that header, as Headers.update does
            request.headers[name] = value  # (which first copies `added` into new Headers)
        yield request


class TokenAuth(httpx.Auth):
    """Sends an IAM user token in X-Auth-Token."""

    def __init__(self, token: str) -> None:
        self._token = _header_credential(token, "token")

    def __repr__(self) -> str:
        return "TokenAuth(token=<redacted>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-Auth-Token"] = self._token
        yield request


class ApiKeyAuth(httpx.Auth):
    """Sends an API key in a header, a query parameter or a cookie (OpenAPI `type: apiKey`)."""

    def __init__(self, name: str, location: str, key: str) -> None:
        if location not in ("header", "query", "cookie"):
            raise ValueError(f"an API key goes in a header, query or cookie, not {location!r}")
        # A query parameter is percent-encoded, so any text travels; a header or cookie is not.
        check = _credential if location == "query" else _header_credential
        self._name, self._location, self._key = name, location, check(key, f"API key {name}")

    def __repr__(self) -> str:
        return f"ApiKeyAuth(name={self._name!r}, location={self._location!r}, key=<redacted>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._location == "header":
            request.headers[self._name] = self._key
        elif self._location == "query":
            request.url = request.url.copy_merge_params({self._name: self._key})
        else:
            cookie = f"{self._name}={self._key}"
            existing = request.headers.get("Cookie")
            request.headers["Cookie"] = f"{existing}; {cookie}" if existing else cookie
        yield request


class BearerAuth(httpx.Auth):
    """Sends `Authorization: Bearer <token>` (OpenAPI `type: http, scheme: bearer`)."""

    def __init__(self, token: str) -> None:
        self._token = _header_credential(token, "bearer token")

    def __repr__(self) -> str:
        return "BearerAuth(token=<redacted>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


class BasicAuth(httpx.Auth):
    """Sends `Authorization: Basic base64(user:password)` (OpenAPI `type: http, scheme: basic`)."""

    def __init__(self, username: str, password: str) -> None:
        if ":" in _credential(username, "username"):
            raise InvalidArgumentError.of("credentials", ("username",), "must not contain ':'")
        self._username, self._password = username, password

    def __repr__(self) -> str:
        return f"BasicAuth(username={self._username!r}, password=<redacted>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        pair = f"{self._username}:{self._password}".encode()
        request.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        yield request


class SchemeAuth(httpx.Auth):
    """Applies, per request, the configured schemes of the first security requirement that they
    satisfy (the operation's requirements travel in the request's "security" extension)."""

    def __init__(self, schemes: Mapping[str, httpx.Auth]) -> None:
        self._schemes = dict(schemes)

    def __repr__(self) -> str:
        return f"SchemeAuth(schemes={sorted(self._schemes)})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        requirements: tuple[tuple[str, ...], ...] = request.extensions.get("security", ())
        chosen = next((r for r in requirements if all(name in self._schemes for name in r)), ())
        for name in chosen:
            flow = self._schemes[name].sync_auth_flow(request)
            request = next(flow)
        yield request


def auth_from_arguments(
    *, ak: str | None, sk: str | None, token: str | None, environ: Mapping[str, str] | None = None
) -> httpx.Auth:
    """Choose the auth: a token, else AK/SK from the arguments, else AK/SK from CLOUD_SDK_AK/SK."""
    if token is not None and (ak is not None or sk is not None):
        raise InvalidArgumentError.of(
            "credentials", ("token",), "pass either a token or an AK/SK pair, not both"
        )
    if token is not None:
        return TokenAuth(token)
    if ak is not None or sk is not None:
        if not ak or not sk:
            missing = "sk" if ak else "ak"
            raise InvalidArgumentError.of(
                "credentials", (missing,), "AK/SK authentication needs both ak and sk"
            )
        return AkSkAuth(ak, sk)
    env = os.environ if environ is None else environ
    env_ak, env_sk = env.get(AK_ENV), env.get(SK_ENV)
    if env_ak and env_sk:
        return AkSkAuth(env_ak, env_sk)
    raise InvalidArgumentError.of(
        "credentials",
        ("token",),
        f"no credentials: pass token=..., or ak=... and sk=..., or set {AK_ENV} and {SK_ENV}",
    )


_HEADER_SAFE = re.compile(r"[\x21-\x7e]+(?: [\x21-\x7e]+)*")


def _credential(value: str, argument: str) -> str:
    # The message names the argument, never its value: the value is a secret.
    if not isinstance(value, str) or not value:
        raise InvalidArgumentError.of("credentials", (argument,), "must be a non-empty string")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise InvalidArgumentError.of(
            "credentials", (argument,), "must not contain a line break or control character"
        )
    return value


def _header_credential(value: str, argument: str) -> str:
    if not _HEADER_SAFE.fullmatch(_credential(value, argument)):
        raise InvalidArgumentError.of(
            "credentials",
            (argument,),
            "must be printable ASCII without leading or trailing blanks: it travels in a header",
        )
    return value


# Not signed: hop-by-hop headers that a proxy may rewrite or drop, and the transport's own
# framing and encoding headers. Everything else the request carries is signed, as the peer does.
UNSIGNED_HEADERS = frozenset(
    {
        "accept-encoding",
        "connection",
        "content-length",
        "keep-alive",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)


def _header_map(headers: httpx.Headers) -> dict[str, str]:
    # httpx.Headers is multi-valued; the gateway signs one value per name, joined with ", " as
    # headers[name] joins them (one pass: headers[name] scans every header each time).
    joined: dict[str, str] = {}
    for name, value in headers.multi_items():
        if name not in UNSIGNED_HEADERS:
            joined[name] = f"{joined[name]}, {value}" if name in joined else value
    return joined
