"""schemathesis in-process against the mock: examples, coverage and fuzzing, positive and negative,
every check (configuration: schemathesis.toml, with the mock's development token)."""

from __future__ import annotations

import collections
from typing import Any

import schemathesis
from schemathesis import Case
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from fuzz.config import token_config
from mockserver import DEV_TOKEN, create_app
from tests.conftest import SPEC
from tests.mock_requests import StatusRecorder, state_refusal

MOCK = StatusRecorder(create_app(seed=20261125))
STATUSES = MOCK.statuses
PHASES: collections.Counter[tuple[str, str]] = collections.Counter()


schema = schemathesis.openapi.from_path(
    SPEC, config=SchemathesisConfig.from_str(token_config(DEV_TOKEN))
)
schema.app = MOCK


@schema.parametrize()
def test_schemathesis_finds_nothing(case: Case[Any]) -> None:
    response = case.call()
    # One mock answers every case, and a stateless fuzzer cannot know its state: a start in a room
    # whose live job asked to be alone is refused however valid it is (a CI run met it). That
    # refusal alone is excused from "valid data is accepted", as in tests/test_fuzz_stateful.py.
    refused = state_refusal(response.status_code, response.content) is not None
    case.validate_response(response, excluded_checks=[positive_data_acceptance] if refused else [])
    if case.meta is not None:
        PHASES[(case.meta.phase.name.value, case.meta.generation.mode.value)] += 1


def test_fuzzing_reached_every_outcome() -> None:
    # Runs after the test above (file order): proves it exercised the mock, not a 401 wall.
    assert STATUSES, (
        "run the whole module: this test reads what test_schemathesis_finds_nothing did"
    )
    assert STATUSES[202] >= 50
    assert STATUSES[400] >= 100
    assert STATUSES[405] >= 1  # unsupported_method
    assert STATUSES[401] >= 1  # ignored_auth
    assert not [status for status in STATUSES if status >= 500]
    for phase_mode in [
        ("examples", "positive"),
        ("coverage", "positive"),
        ("coverage", "negative"),
        ("fuzzing", "positive"),
        ("fuzzing", "negative"),
    ]:
        assert PHASES[phase_mode] >= 1, phase_mode
