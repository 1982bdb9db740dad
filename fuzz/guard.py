"""The live guard: a start is sent to the real endpoint only if it must be rejected there, or if the run
may still start a job (--allow-starts, within its budget)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import requests

from mockserver.app import MockApp
from mockserver.auth import Credentials
from mockserver.spec import MockSpec
from mockserver.verdicts import Accepted, Rejected, Stage
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
    """Judges each final, signed request with the mock, holding the same credentials.

    Only the operations in `creators` (those with `x-lifecycle`: StartSmartLive) create anything;
    a valid request to another operation (a list, a show, a stop of a job that does not exist) is
    sent. `may_start` says whether the run may still send a valid start (--allow-starts, within
    its budget); once `spent` says the budget is spent, no start at all is sent.
    """

    def __init__(
        self,
        spec: MockSpec,
        ak: str,
        sk: str,
        creators: frozenset[str],
        may_start: Callable[[], bool] = lambda: False,
        spent: Callable[[], bool] = lambda: False,
    ) -> None:
        self._mock = MockApp(spec, Credentials({ak: sk}))
        self._creators = creators
        self._may_start = may_start
        self._spent = spent

    def verdict(self, request: requests.PreparedRequest) -> Accepted | Rejected:
        """What the spec makes of a final, signed request."""
        return self._mock.judge(wire_request(request))

    def check(self, request: requests.PreparedRequest) -> None:
        """Raise RefusedRequest unless `request` (final, signed) is safe to send."""
        self.check_wire(wire_request(request))

    def check_wire(self, request: WireRequest) -> None:
        """`check` on a request as the endpoint would receive it."""
        refusal = self.refusal(self._mock.judge(request), request)
        if refusal is not None:
            raise RefusedRequest(refusal)

    def refusal(self, verdict: Accepted | Rejected, request: WireRequest) -> str | None:
        """Why `request` must not be sent (None: it may be)."""
        method, path = request.method, request.path
        if self._spent() and self._operation_id(method, path) in self._creators:
            return f"not sent: {method} {path} is a start, and the run's budget is spent"
        if isinstance(verdict, Accepted):
            if verdict.operation.operation_id not in self._creators or self._may_start():
                return None
            return f"not sent: {method} {path} is a valid start request"
        if verdict.stage not in SAFE_STAGES:
            return (
                f"not sent: {method} {path} is invalid only in its {verdict.stage.value}, "
                "which the endpoint may not enforce"
            )
        return None

    def _operation_id(self, method: str, path: str) -> str | None:
        found = self._mock.spec.find(path)
        operation = found[0].operations.get(method) if found is not None else None
        return operation.operation_id if operation is not None else None
