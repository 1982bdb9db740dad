"""The live guard: a request is sent to the real endpoint only if it must be rejected there."""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from mockserver.app import MockApp
from mockserver.auth import Credentials
from mockserver.spec import MockSpec
from mockserver.verdicts import Accepted, Stage
from mockserver.wire import WireRequest

# Stages at which the real endpoint is certain to refuse: no such API, failed gateway auth, a body
# that breaks the doc's rules. A request the mock refuses only for a header value or a media type
# is not sent: the service may be laxer there than the doc and start a billable live job.
SAFE_STAGES = frozenset({Stage.ROUTE, Stage.AUTH, Stage.BODY})


def body_bytes(request: requests.PreparedRequest) -> bytes:
    """The exact bytes a prepared request sends as its body."""
    body = request.body or b""
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def wire_request(request: requests.PreparedRequest) -> WireRequest:
    """A prepared request as the mock receives it: lower-case headers with Host, the raw target."""
    url = urlsplit(request.url or "")
    headers = {name.lower(): str(value) for name, value in request.headers.items()}
    headers.setdefault("host", url.netloc)
    target = url.path + (f"?{url.query}" if url.query else "")
    return WireRequest((request.method or "GET").upper(), target, headers, body_bytes(request))


class RefusedRequest(Exception):
    """The guard kept a request from being sent (it names why, never a credential)."""


class LiveGuard:
    """Judges each final, signed request with the mock, holding the same credentials."""

    def __init__(self, spec: MockSpec, ak: str, sk: str) -> None:
        self._mock = MockApp(spec, Credentials({ak: sk}))

    def check(self, request: requests.PreparedRequest) -> None:
        """Raise RefusedRequest unless the endpoint must reject `request` (final, signed)."""
        self.check_wire(wire_request(request))

    def check_wire(self, request: WireRequest) -> None:
        """`check` on a request as the endpoint would receive it."""
        verdict = self._mock.judge(request)
        method, path = request.method, request.path
        if isinstance(verdict, Accepted):
            raise RefusedRequest(f"not sent: {method} {path} is a valid start request")
        if verdict.stage not in SAFE_STAGES:
            raise RefusedRequest(
                f"not sent: {method} {path} is invalid only in its {verdict.stage.value}, "
                "which the endpoint may not enforce"
            )
