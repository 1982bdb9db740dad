"""schemathesis's stateful phase against the stateful mock: job lives chained through the spec's links
(start → show, command, stop; list → show), every check, every operation and job state reached."""

from __future__ import annotations

import collections
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case, CheckFunction
from schemathesis.config import SchemathesisConfig
from schemathesis.core.transport import Response
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput
from schemathesis.specs.openapi.checks import positive_data_acceptance
from starlette.types import Receive, Scope, Send

from fuzz.config import token_config
from mockserver import DEV_TOKEN, Credentials, MockApp
from mockserver.spec import load_mock_spec
from speccore.model import operations
from tests.conftest import SPEC
from tests.mock_requests import state_refusal

STEP = timedelta(seconds=1)
PROCESSING_DELAY_SECONDS = 8.0
"""A started job is WAITING for eight of the clock's steps (a few requests), then PROCESSING."""


class StepClock:
    """A clock that moves one second each time it is read: job states advance with the requests."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += STEP
        return self.now


MOCK_SPEC = load_mock_spec(SPEC)


def stateful_mock() -> MockApp:
    return MockApp(
        MOCK_SPEC,
        Credentials.development(),
        seed=20261201,
        clock=StepClock(),
        processing_delay=PROCESSING_DELAY_SECONDS,
    )


class FreshMock:
    """The ASGI app schemathesis calls: a new mock (same seed, new clock) for each sequence, so that
    a sequence replayed by hypothesis meets the same answers (no state carried between them)."""

    def __init__(self) -> None:
        self.app = stateful_mock()

    def reset(self) -> None:
        self.app.close()
        self.app = stateful_mock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


MOCK = FreshMock()
OUTCOMES: collections.Counter[tuple[str, int]] = collections.Counter()
STATES: collections.Counter[str] = collections.Counter()
REFUSED_BY_STATE: collections.Counter[str] = collections.Counter()
LINKS: collections.Counter[str] = collections.Counter()

schema = schemathesis.openapi.from_path(
    SPEC, config=SchemathesisConfig.from_str(token_config(DEV_TOKEN))
)
schema.app = MOCK


def _states(body: Any) -> list[str]:
    """The job states an answer shows: a job's, or each listed job's."""
    if not isinstance(body, dict):
        return []
    jobs = body.get("smart_live_jobs") if "smart_live_jobs" in body else [body]
    return [str(job["state"]) for job in jobs or () if isinstance(job, dict) and "state" in job]


class JobLives(schema.as_state_machine()):  # type: ignore[misc]
    """The spec's state machine; every answer is recorded before it is validated."""

    def setup(self) -> None:
        MOCK.reset()

    def step(self, input: StepInput) -> StepOutput | None:
        if input.transition is not None and input.is_applied:
            LINKS[input.transition.id] += 1
        return super().step(input)  # type: ignore[no-any-return]

    def validate_response(
        self, response: Response, case: Case[Any], additional_checks: Any = None, **kwargs: Any
    ) -> None:
        operation = str(case.operation.definition.raw.get("operationId"))
        OUTCOMES[(operation, response.status_code)] += 1
        try:
            body = json.loads(response.content or b"null")
        except ValueError:
            body = None
        STATES.update(_states(body))
        excluded: list[CheckFunction] = []
        refusal = state_refusal(response.status_code, response.content)
        if refusal is not None:
            REFUSED_BY_STATE[refusal] += 1
            excluded.append(positive_data_acceptance)
        # As the base class validates, with the one exclusion (which it has no parameter for).
        case.validate_response(
            response,
            additional_checks=additional_checks,
            excluded_checks=excluded,
            transport_kwargs=kwargs or None,
            recorder=self.recorder,
        )


TestJobLives = JobLives.TestCase
TestJobLives.settings = settings(
    max_examples=60,
    stateful_step_count=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def test_every_operation_and_every_job_state_was_reached() -> None:
    # Runs after the state machine above (file order): reads what it did.
    assert OUTCOMES, "run the whole module: this test reads what TestJobLives did"
    reached = {operation for operation, status in OUTCOMES if 200 <= status < 300}
    assert reached == {
        "StartSmartLive",
        "ShowSmartLive",
        "ListSmartLive",
        "StopSmartLive",
        "ExecuteSmartLiveCommand",
    }, OUTCOMES
    assert {"WAITING", "PROCESSING", "SUCCEED"} <= set(STATES), STATES
    # Every link the spec declares was followed with the value it names (schemathesis labels a
    # transition "SOURCE -> [STATUS] LINK -> TARGET"; it also infers links of its own).
    declared = declared_links()
    assert len(declared) == 4
    assert {label: LINKS[label] for label in declared if not LINKS[label]} == {}, sorted(LINKS)


def declared_links() -> list[str]:
    """The spec's links, as schemathesis labels the transitions they make."""
    ops = {op.operation_id: op for op in operations(load_mock_spec(SPEC).document)}
    return [
        f"{op.method.upper()} {op.path} -> [{response.status}] {name} -> "
        f"{ops[link['operationId']].method.upper()} {ops[link['operationId']].path}"
        for op in ops.values()
        for response in op.responses
        for name, link in (response.node.get("links") or {}).items()
    ]
    assert not [key for key in OUTCOMES if key[1] >= 500], OUTCOMES
