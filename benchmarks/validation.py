"""Request validation cost: the mock's compiled jsonschema-rs pipeline against openapi-core (the peer,
~9 ms a request in the issue), python-jsonschema and the generated pydantic models in strict mode."""

from __future__ import annotations

import json
import subprocess
import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pydantic

from benchmarks.cases import CASES, HEADERS, PATH
from benchmarks.pins import pinned_version
from metastudio.models import StartSmartLiveReq
from mockserver import DEFAULT_SPEC, create_app
from mockserver.app import Accepted
from mockserver.wire import WireRequest

ROOT = Path(__file__).resolve().parent.parent
PEER_VENV = ROOT / "build" / "bench-peer-venv"
PEER_REQUIREMENTS = ROOT / "benchmarks" / "peer-requirements.txt"
PEER = "openapi-core 0.23.1 (validate_request)"


def peer_version() -> str | None:
    """The peer's pinned version, as benchmarks/peer-requirements.txt names it."""
    return pinned_version(PEER_REQUIREMENTS, "openapi-core")


def _best_us(function: Callable[[], object], loops: int) -> float:
    return min(timeit.Timer(function).repeat(repeat=5, number=loops)) / loops * 1e6


def _validators() -> dict[str, Callable[[bytes], bool]]:
    app = create_app(seed=1)
    body = app.spec.routes[0].operations["POST"].body
    media = body.match("application/json") if body is not None else None
    assert media is not None and media.schema is not None
    compiled = media.schema
    py_validator = jsonschema.Draft4Validator(compiled.json_schema)

    def pydantic_strict(body: bytes) -> bool:
        try:
            StartSmartLiveReq.model_validate_json(body, strict=True)
        except pydantic.ValidationError:
            return False
        return True

    return {
        "mock: whole request (route, token, headers, JSON, jsonschema-rs)": lambda body: isinstance(
            app.judge(WireRequest("POST", PATH, dict(HEADERS), body)), Accepted
        ),
        "body only: jsonschema-rs, compiled (the mock's choice)": lambda body: (
            compiled.check(json.loads(body), "body") is None
        ),
        "body only: python-jsonschema, compiled": lambda body: py_validator.is_valid(
            json.loads(body)
        ),
        "body only: generated pydantic models, strict": pydantic_strict,
    }


def measure_ours(loops: int) -> dict[str, dict[str, float]]:
    """Microseconds per request, per validator and case; each validator must judge each case right."""
    results: dict[str, dict[str, float]] = {}
    for name, validate in _validators().items():
        results[name] = {}
        for case, body, valid in CASES:
            assert validate(body) == valid, (name, case)
            results[name][case] = _best_us(lambda: validate(body), loops)  # noqa: B023
    return results


def ensure_peer_venv() -> Path:
    """The peer's own venv (openapi-core needs openapi-spec-validator < 0.9); built once."""
    python = PEER_VENV / "bin" / "python"
    stamp = PEER_VENV / ".installed"
    if not stamp.exists() or stamp.read_text() != PEER_REQUIREMENTS.read_text():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-r", str(PEER_REQUIREMENTS)],
            check=True,
        )
        stamp.write_text(PEER_REQUIREMENTS.read_text())
    return python


def measure_peer(loops: int, workdir: Path) -> dict[str, float]:
    """openapi-core on the same cases, in its venv, in this run."""
    workdir.mkdir(parents=True, exist_ok=True)
    cases_file = workdir / "cases.json"
    cases: list[dict[str, Any]] = [
        {"name": n, "body": b.decode(), "valid": v, "headers": HEADERS, "path": PATH}
        for n, b, v in CASES
    ]
    cases_file.write_text(json.dumps(cases))
    output = subprocess.run(
        [
            str(ensure_peer_venv()),
            str(ROOT / "benchmarks" / "openapi_core_peer.py"),
            str(DEFAULT_SPEC),
            str(cases_file),
            str(loops),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {str(k): float(v) for k, v in json.loads(output).items()}
