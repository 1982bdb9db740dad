"""Credential hygiene for signed runs: the signer owns the credential headers unless they are fuzzed."""

from __future__ import annotations

from typing import Any

from schemathesis import Case
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import negated_parameters

# Headers that carry credentials: ours to set (by the signer), unless schemathesis made one of them
# the point of a negative case; then its fuzzed value is sent exactly as generated (an empty
# X-Sdk-Date stays empty).
CREDENTIAL_HEADERS = frozenset({"authorization", "x-sdk-date", "x-auth-token"})


def fuzzed_headers(case: Case[Any]) -> frozenset[str]:
    """Lower-case names of the headers this case mutated on purpose (a negative case's target)."""
    return frozenset(
        name.lower()
        for name, location in negated_parameters(case.meta)
        if location == ParameterLocation.HEADER
    )


def without_generated_credentials(case: Case[Any]) -> Case[Any]:
    """Drop credential headers generation filled in by the way, so the signer's are the only ones."""
    if case.headers:
        keep = fuzzed_headers(case)
        for name in [n for n in case.headers if n.lower() in CREDENTIAL_HEADERS - keep]:
            del case.headers[name]
    return case


def fuzzes_only_enforced_parts(case: Case[Any]) -> bool:
    """False for a case whose mutation targets a header other than the credentials (Content-Type,
    X-App-UserId, ...): the gateway enforces credentials and the service the body, but a laxer
    service could accept such a case and start a billable job. The live guard would refuse it at
    send time; dropping it at generation keeps the run free of those refusals.
    """
    return all(
        location != ParameterLocation.HEADER or name.lower() in CREDENTIAL_HEADERS
        for name, location in negated_parameters(case.meta)
    )
