"""Public OpenAPI 3.0 documents (tests/corpus/sources.yaml): each validates under `--lint openapi`,
generates an importable, `mypy --strict` clean package, and leaves out no more operations than
openapi-python-client, the peer generator, leaves out of the same document (both measured here)."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sdkbuild.generation import Options, build
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
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
