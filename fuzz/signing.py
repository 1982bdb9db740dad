"""Sign a request schemathesis has built, with our SDK-HMAC-SHA256 signer, keeping fuzzed headers."""

from __future__ import annotations

from datetime import UTC, datetime

import requests

from fuzz.guard import LiveGuard, body_bytes
from metastudio._signing import (
    ALGORITHM,
    SDK_DATE_FORMAT,
    _split_url,  # the gateway's URL reading ("+" stays "+"), shared so that both sides agree
    canonical_request,
    compute_signature,
    signed_header_names,
    string_to_sign,
)

_DATE = "X-Sdk-Date"
_AUTHORIZATION = "Authorization"


class SdkHmacAuth(requests.auth.AuthBase):
    """requests auth for schemathesis: signs the final bytes; never overwrites a fuzzed header.

    Why not metastudio._signing.sign: it parses an existing X-Sdk-Date (as the official signer does)
    and so cannot sign the empty or malformed dates that fuzzing produces; here the date header's
    text is signed exactly as schemathesis generated it, and the gateway must reject it.
    A request whose Authorization header schemathesis generated is sent as generated, unsigned.
    """

    def __init__(self, ak: str, sk: str, guard: LiveGuard | None = None) -> None:
        if not ak or not sk:
            raise ValueError("both an AK and an SK are needed to sign")
        self._ak = ak
        self._sk = sk
        self._guard = guard

    def __repr__(self) -> str:
        return f"SdkHmacAuth(ak={self._ak!r}, sk=<hidden>)"

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        headers = request.headers
        if _AUTHORIZATION in headers:
            return self._guarded(request)
        if _DATE not in headers:
            headers[_DATE] = datetime.now(UTC).strftime(SDK_DATE_FORMAT)
        netloc, path, query = _split_url(request.url or "")
        if "Host" not in headers:
            headers["Host"] = netloc
        body = body_bytes(request)
        sent = {str(name): str(value) for name, value in headers.items()}
        names = signed_header_names(sent)
        canonical = canonical_request(request.method or "GET", path, query, sent, names, body)
        signature = compute_signature(self._sk, string_to_sign(canonical, sent[_DATE]))
        headers[_AUTHORIZATION] = (
            f"{ALGORITHM} Access={self._ak}, SignedHeaders={';'.join(names)}, Signature={signature}"
        )
        return self._guarded(request)

    def _guarded(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if self._guard is not None:
            self._guard.check(request)
        return request
