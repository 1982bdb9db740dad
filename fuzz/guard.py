"""The live guard: a request is sent to the real endpoint only if it must be rejected there."""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from mockserver.app import Accepted, MockApp
from mockserver.auth import Credentials
from mockserver.spec import MockSpec

# Stages at which the real endpoint is certain to refuse: no such API, failed gateway auth, a body
# that breaks the doc's rules. A request the mock refuses only for a header value or a media type
# is not sent: the service may be laxer there than the doc and start a billable live job.
SAFE_STAGES = frozenset({"route", "auth", "body"})


class RefusedRequest(Exception):
    """The guard kept a request from being sent (it names why, never a credential)."""


class LiveGuard:
    """Judges each final, signed request with the mock, holding the same credentials."""

    def __init__(self, spec: MockSpec, ak: str, sk: str) -> None:
        self._mock = MockApp(spec, Credentials({ak: sk}))

    def check(self, request: requests.PreparedRequest) -> None:
        """Raise RefusedRequest unless the endpoint must reject `request` (final, signed)."""
        url = urlsplit(request.url or "")
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers = {name.lower(): str(value) for name, value in request.headers.items()}
        headers.setdefault("host", url.netloc)
        target = url.path + (f"?{url.query}" if url.query else "")
        self.check_parts((request.method or "GET").upper(), target, headers, body)

    def check_parts(self, method: str, target: str, headers: dict[str, str], body: bytes) -> None:
        """`check` on a request's parts: headers with lower-case names, Host included."""
        verdict = self._mock.judge(method, target, headers, body)
        path = target.split("?", 1)[0]
        if isinstance(verdict, Accepted):
            raise RefusedRequest(f"not sent: {method} {path} is a valid start request")
        if verdict.stage not in SAFE_STAGES:
            raise RefusedRequest(
                f"not sent: {method} {path} is invalid only in its {verdict.stage}, "
                "which the endpoint may not enforce"
            )
