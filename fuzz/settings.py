"""What a live run hands to its schemathesis process: the environment both sides read, in one place."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml

from fuzz.findings import FindingLog
from fuzz.guard import LiveGuard
from fuzz.jobs import JobKeeper
from fuzz.net import LiveNet, NetSettings
from metastudio import Client
from metastudio._auth import AK_ENV, SK_ENV
from mockserver import DEFAULT_SPEC
from mockserver.spec import load_mock_spec
from speccore.model import Lifecycle, lifecycles, operations
from speccore.walk import iter_schemas

ENDPOINT_ENV = "METASTUDIO_ENDPOINT"
PROJECT_ENV = "METASTUDIO_PROJECT_ID"
ROOM_ENV = "METASTUDIO_ROOM_ID"
LIVE_NEEDS = (ENDPOINT_ENV, AK_ENV, SK_ENV, PROJECT_ENV, ROOM_ENV)
"""What the user provides."""

LIVE_ENV = "METASTUDIO_FUZZ_LIVE"
SPEC_ENV = "METASTUDIO_FUZZ_SPEC"
OUTPUT_URL_ENV = "METASTUDIO_FUZZ_OUTPUT_URL"
ALLOW_STARTS_ENV = "METASTUDIO_FUZZ_ALLOW_STARTS"
MAX_ACCEPTED_ENV = "METASTUDIO_FUZZ_MAX_ACCEPTED"
FINDINGS_ENV = "METASTUDIO_FUZZ_FINDINGS"
"""What the run passes to its schemathesis process (fuzz.hooks)."""


def run_environment(
    spec: Path, output_url: str, allow_starts: bool, max_accepted: int, findings: Path
) -> dict[str, str]:
    """The variables the schemathesis process reads, beside the user's LIVE_NEEDS."""
    return {
        LIVE_ENV: "1",
        SPEC_ENV: str(spec),
        OUTPUT_URL_ENV: output_url,
        ALLOW_STARTS_ENV: "1" if allow_starts else "0",
        MAX_ACCEPTED_ENV: str(max_accepted),
        FINDINGS_ENV: str(findings),
    }


def lifecycle_of(spec: Path) -> Lifecycle:
    """The one creating operation's x-lifecycle (ValueError when the spec has none or several)."""
    found = lifecycles(yaml.safe_load(spec.read_text(encoding="utf-8")))
    if len(found) != 1:
        raise ValueError(f"{spec}: live fuzzing needs exactly one x-lifecycle, found {len(found)}")
    return found[0]


def secret_names(spec: Path) -> frozenset[str]:
    """Names of the properties marked x-secret: masked in the findings."""
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    return frozenset(
        site.property_name
        for site in iter_schemas(document)
        if site.property_name is not None and site.schema.get("x-secret") is True
    )


def example_output_urls(spec: Path) -> frozenset[str]:
    """Every output address in the spec's examples of its start bodies: real pushes, never a target."""
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    creator = lifecycle_of(spec).creator
    found: set[str] = set()
    for op in operations(document):
        media = op.body.json if op.operation_id == creator and op.body else None
        for example in (media.node.get("examples") or {}).values() if media else ():
            value = example.get("value") if isinstance(example, dict) else None
            urls = value.get("output_urls") if isinstance(value, dict) else None
            found.update(u for u in urls or () if isinstance(u, str))
    return frozenset(found)


def keeper_for(environ: Mapping[str, str], lifecycle: Lifecycle) -> JobKeeper:
    """The room's job keeper, with the user's endpoint, credentials, project and room."""
    client = Client(
        project_id=environ[PROJECT_ENV],
        ak=environ[AK_ENV],
        sk=environ[SK_ENV],
        base_url=environ[ENDPOINT_ENV],
    )
    return JobKeeper(client, environ[ROOM_ENV], lifecycle)


def live_net_from_environment(environ: Mapping[str, str] = os.environ) -> LiveNet:
    """The net of the schemathesis process, from what run_environment passed."""
    spec = Path(environ.get(SPEC_ENV, str(DEFAULT_SPEC)))
    lifecycle = lifecycle_of(spec)
    mock_spec = load_mock_spec(spec)
    ak, sk = environ[AK_ENV], environ[SK_ENV]

    def make_guard(may_start: Callable[[], bool], spent: Callable[[], bool]) -> LiveGuard:
        return LiveGuard(mock_spec, ak, sk, frozenset({lifecycle.creator}), may_start, spent)

    return LiveNet(
        lifecycle,
        make_guard,
        ak,
        sk,
        keeper_for(environ, lifecycle).stop,
        FindingLog(Path(environ[FINDINGS_ENV])),
        NetSettings(
            endpoint=environ[ENDPOINT_ENV],
            output_url=environ[OUTPUT_URL_ENV],
            allow_starts=environ.get(ALLOW_STARTS_ENV) == "1",
            max_accepted=int(environ.get(MAX_ACCEPTED_ENV, "0")),
        ),
        secret_names(spec),
    )
