"""The live run's safety net inside the schemathesis process: what may be sent, and what becomes of
a start the service accepts (stopped at once, recorded as a finding)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from schemathesis import Case
from schemathesis.core.transport import Response

from fuzz.findings import ALLOWED, FORBIDDEN, Finding, FindingLog, body_text
from fuzz.guard import LiveGuard, wire_request
from fuzz.policy import fuzzes_only_enforced_parts, without_generated_credentials
from fuzz.safety import safe_start_body
from fuzz.signing import SdkHmacAuth
from mockserver.verdicts import Accepted
from speccore.model import Lifecycle

# The keyword arguments of requests.Request among what schemathesis serializes a case into.
_REQUEST_KEYS = ("method", "url", "headers", "params", "data", "json", "files", "cookies")


@dataclass(frozen=True)
class NetSettings:
    """What the user allowed: starts on purpose and how many accepted starts end the run."""

    endpoint: str
    output_url: str
    allow_starts: bool
    max_accepted: int


class LiveNet:
    """Keeps back what the endpoint could accept, and stops every job it accepts anyway."""

    def __init__(
        self,
        lifecycle: Lifecycle,
        make_guard: Callable[[Callable[[], bool], Callable[[], bool]], LiveGuard],
        ak: str,
        sk: str,
        stop: Callable[[str], bool],
        findings: FindingLog,
        settings: NetSettings,
        secrets: frozenset[str],
    ) -> None:
        self._lifecycle = lifecycle
        self._signer = SdkHmacAuth(ak, sk)
        self._stop = stop
        self._findings = findings
        self._settings = settings
        self._secrets = secrets
        self._accepted = 0
        self.guard = make_guard(self.may_start, self.spent)

    def may_start(self) -> bool:
        """Whether a valid start may still be sent: --allow-starts, and budget left."""
        return self._settings.allow_starts and self._accepted < self._settings.max_accepted

    def spent(self) -> bool:
        """Whether more starts were accepted than the budget allows: no start is sent any more."""
        return self._accepted > self._settings.max_accepted

    def admits(self, case: Case[Any]) -> bool:
        """The filter_case hook: make a start body safe, then keep the case only if sending it is
        safe (the guard's judgement on the exact, signed bytes)."""
        if not fuzzes_only_enforced_parts(case):
            return False
        without_generated_credentials(case)  # as before_call will: judge what is really sent
        if self._creates(case) and self.spent():
            return False  # no start more: the run is ending
        if self._creates(case):
            case.body = safe_start_body(case.body, self._settings.output_url)
        request = self._prepared(case)
        return self.guard.refusal(self.guard.verdict(request), wire_request(request)) is None

    def after_call(self, case: Case[Any], response: Response) -> None:
        """The after_call hook: a 2xx to a start is stopped at once and recorded."""
        if not (self._creates(case) and 200 <= response.status_code < 300):
            return
        self._accepted += 1
        job_id = _job_id(response, self._lifecycle.id_field)
        stopped = self._stop(job_id) if job_id is not None else False
        valid = isinstance(self.guard.verdict(response.request), Accepted)
        meta = case.meta
        self._findings.append(
            Finding(
                kind=ALLOWED if valid else FORBIDDEN,
                operation=self._lifecycle.creator,
                status=response.status_code,
                job_id=job_id,
                stopped=stopped,
                description=(meta.phase.name.value if meta is not None else "")
                + (f" {meta.generation.mode.value}" if meta is not None else ""),
                body=body_text(case.body, self._secrets),
            )
        )

    def _creates(self, case: Case[Any]) -> bool:
        return bool(case.operation.definition.raw.get("operationId") == self._lifecycle.creator)

    def _prepared(self, case: Case[Any]) -> requests.PreparedRequest:
        kwargs = case.as_transport_kwargs(base_url=self._settings.endpoint)
        request = requests.Request(**{k: kwargs[k] for k in _REQUEST_KEYS if k in kwargs})
        signed: requests.PreparedRequest = self._signer(request.prepare())
        return signed


def _job_id(response: Response, field: str) -> str | None:
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return None
    value = body.get(field) if isinstance(body, dict) else None
    return value if isinstance(value, str) and value else None
