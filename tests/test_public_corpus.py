"""Public OpenAPI 3.0 documents (tests/corpus/sources.yaml): each validates under `--lint openapi`,
generates an importable, `mypy --strict` clean package that leaves out no more operations than
openapi-python-client, the peer generator, leaves out of the same document (both measured here),
and the mock serving the document answers its operations through the generated client."""

from __future__ import annotations

import asyncio
import importlib
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pydantic
import pytest
import yaml

from mockserver import DEV_BASIC_PASSWORD, DEV_BASIC_USER, DEV_TOKEN, create_app
from mockserver.samples import Sampler
from sdkbuild.generation import Options, build
from sdkbuild.ir import Api, Operation
from sdkbuild.parsing import parse
from speccore import model
from speccore.diagnostics import has_errors
from speccore.lint import OPENAPI
from speccore.loading import load_spec
from speccore.validation import validate_document
from tests.conftest import ROOT
from tests.peer_opc import document_operations, generated_operations

CORPUS = ROOT / "tests" / "corpus"
SOURCES = yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))
DOCUMENTS = [CORPUS / entry["file"] for entry in SOURCES]


def _package(document: Path) -> str:
    return "corpus_" + document.stem.replace("-", "_")


def test_the_corpus_is_varied_and_has_production_apis() -> None:
    assert len(DOCUMENTS) >= 8
    sizes = [len(document_operations(d)) for d in DOCUMENTS]
    assert sum(1 for n in sizes if n > 30) >= 2, sizes
    assert all(entry["licence"] and entry["commit"] for entry in SOURCES)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.stem)
def test_a_public_document_generates_a_typed_package(document: Path, tmp_path: Path) -> None:
    diagnostics = validate_document(load_spec(document), config=OPENAPI)
    assert not has_errors(diagnostics), [d.render(document.name) for d in diagnostics][:5]

    package = _package(document)
    build(document, tmp_path / "out", Options(package=package, lint=OPENAPI))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    ours_left_out = len(manifest["skipped_operations"])
    total = len(document_operations(document))
    peer_left_out = total - len(generated_operations(document))
    assert ours_left_out <= peer_left_out, (
        f"{document.name}: we leave out {ours_left_out} of {total} operations, "
        f"openapi-python-client {peer_left_out}: {manifest['skipped_operations']}"
    )

    shutil.copytree(tmp_path / "out" / package, tmp_path / "check" / package)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml")]
        + ["--cache-dir", str(tmp_path / ".mypy"), "-p", package],
        cwd=tmp_path / "check",
        capture_output=True,
        text=True,
        check=False,
        env={"MYPYPATH": str(tmp_path / "check"), "PATH": str(Path(sys.executable).parent)},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]

    sys.path.insert(0, str(tmp_path / "out"))
    try:
        module = importlib.import_module(package)
        assert isinstance(module.Client, type) and isinstance(module.AsyncClient, type)
        data = load_spec(document).data
        called, failed = asyncio.run(
            _round_trip(module, parse(data, document.name), data, document)
        )
        assert called and not failed, (len(called), failed)
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


CLIENT_AUTH = ("api-key", "bearer", "basic")
"""The schemes a generated client sends credentials for (oauth2 is the caller's http_client's)."""


async def _round_trip(
    module: Any, api: Api, document: dict[str, Any], path: Path
) -> tuple[list[str], list[str]]:
    """Call every operation the client can authenticate and that has a success answer, with
    arguments sampled from the spec; (called, failed with why)."""
    sampler, rng = Sampler(document), random.Random(7)
    spec_ops = {(op.method.upper(), op.path): op for op in model.operations(document)}
    credentials: dict[str, Any] = {
        s.argument: (DEV_BASIC_USER, DEV_BASIC_PASSWORD) if s.auth == "basic" else DEV_TOKEN
        for s in api.security
        if s.auth in CLIENT_AUTH
    }
    usable = {s.name for s in api.security if s.auth in CLIENT_AUTH}
    called: list[str] = []
    failed: list[str] = []
    transport = httpx.ASGITransport(app=create_app(path, seed=1))
    async with module.AsyncClient(
        base_url="http://127.0.0.1:4010", transport=transport, **credentials
    ) as client:
        for resource in api.resources:
            for op in resource.operations:
                spec_op = spec_ops[(op.http_method, op.path)]
                if not _answerable(op, spec_op, usable):
                    continue
                name = f"{resource.attribute}.{op.method_name}"
                args, kwargs = _arguments(op, spec_op, sampler, rng)
                method = getattr(getattr(client, resource.attribute), op.method_name)
                try:
                    await method(*args, **kwargs)
                except pydantic.ValidationError:
                    continue  # the sample broke a constraint the client checks: nothing was sent
                except Exception as exc:  # noqa: BLE001 - every other failure is a finding
                    failed.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
                else:
                    called.append(name)
    return called, failed


def _answerable(op: Operation, spec_op: model.Operation, usable: set[str]) -> bool:
    authenticated = not op.security or any(all(s in usable for s in r) for r in op.security)
    succeeds = any(
        r.status in ("default", "2XX") or (r.code is not None and 200 <= r.code < 300)
        for r in spec_op.responses
    )
    return authenticated and succeeds


def _arguments(
    op: Operation, spec_op: model.Operation, sampler: Sampler, rng: random.Random
) -> tuple[list[Any], dict[str, Any]]:
    schemas = {(p.location, p.name): p.schema for p in spec_op.parameters}
    args = [
        sampler.sample(schemas[("path", p.name)], rng) for p in op.path_params if not p.from_client
    ]
    kwargs = {
        p.python_name: sampler.sample(schemas[(p.location, p.name)], rng)
        for p in op.query_params + op.header_params
        if p.required and not p.from_client
    }
    media = spec_op.body.media(op.body_media_type) if spec_op.body else None
    sample = sampler.sample(media.schema, rng) if media and media.schema else None
    if op.body_annotation == "bytes":
        kwargs["body"] = b"corpus bytes"
    elif op.body_annotation:
        kwargs["body"] = sample
    elif op.body_fields and isinstance(sample, dict):
        kwargs.update({f.python_name: sample[f.name] for f in op.body_fields if f.name in sample})
    return args, kwargs
