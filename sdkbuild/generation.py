"""Generate the SDK: models by datamodel-code-generator, the client from templates, runtime copied.

Everything is built in a temporary directory beside the output, formatted with ruff, recorded in a
manifest, and only then swapped in: a failure at any step leaves the output untouched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sdkbuild.parsing import parse
from sdkbuild.rendering import render_package
from speccore.diagnostics import Diagnostic, SpecError, has_errors
from speccore.loading import SpecDocument, load_spec
from speccore.validation import validate_document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT / "openapi" / "metastudio-smart-live.yaml"
DEFAULT_OUTPUT = ROOT / "generated"
TEMPLATES = ROOT / "templates"
RUNTIME = TEMPLATES / "runtime"
PINNED_TOOLS = ("datamodel-code-generator", "jinja2", "ruff", "pydantic", "openapi-spec-validator")
MANIFEST = "manifest.json"


class GenerationError(Exception):
    """A step of generation failed after the spec was accepted; exit code 1."""


@dataclass(frozen=True)
class Generated:
    """What a generation produced: the spec it came from and the diagnostics (warnings only)."""

    document: SpecDocument
    diagnostics: list[Diagnostic]


def provenance(spec: Path) -> str:
    """The first line of every generated text file."""
    return f'# Generated from {_display(spec)} by generator. Do not edit: run "make generate".'


def accept(spec: Path) -> Generated:
    """Load and validate `spec`; raise SpecError when it has an error-level diagnostic."""
    document = load_spec(spec)
    diagnostics = validate_document(document)
    if has_errors(diagnostics):
        raise SpecError(diagnostics)
    return Generated(document, diagnostics)


def build(spec: Path, into: Path) -> Generated:
    """Validate `spec` and write the whole SDK into the empty directory `into`."""
    accepted = accept(spec)
    try:
        _build(accepted.document, into)
    except OSError as exc:
        raise GenerationError(f"cannot write the SDK into {into}: {exc}") from None
    return accepted


def _build(document: SpecDocument, into: Path) -> None:
    spec = document.path
    api = parse(document.data, spec.name)
    header = provenance(spec)
    package = into / api.package
    package.mkdir(parents=True)
    _write(package / "models.py", header + "\n" + _models(spec))
    for runtime_file in sorted(RUNTIME.glob("*.py")):
        _write(
            package / runtime_file.name, header + "\n" + runtime_file.read_text(encoding="utf-8")
        )
    for relative, text in render_package(api, TEMPLATES, header).items():
        _write(into / relative, text)
    _write(package / "py.typed", "")
    _ruff(into)
    _write(into / MANIFEST, _manifest(document, into))


def generate(spec: Path = DEFAULT_SPEC, output: Path = DEFAULT_OUTPUT) -> Generated:
    """Build into a temporary directory beside `output`, then swap it in.

    The spec is validated first, so that a rejected spec creates nothing at all.
    """
    accept(spec)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".generate-", dir=output.parent))
    except OSError as exc:
        raise GenerationError(f"cannot create a staging directory beside {output}: {exc}") from None
    try:
        result = build(spec, staging / "out")
        try:
            _swap(staging / "out", output, staging / "old")
        except OSError as exc:
            raise GenerationError(f"cannot replace {output}: {exc}") from None
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, output: Path, old: Path) -> None:
    # Two renames on one filesystem: the output is either the old tree or the new one.
    if output.exists():
        output.rename(old)
    try:
        new.rename(output)
    except OSError:
        if old.exists():
            old.rename(output)
        raise


def _models(spec: Path) -> str:
    # Options live in [tool.datamodel-codegen] of pyproject.toml (read from ROOT); only I/O here.
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "models.py"
        command = [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(spec.resolve()),
            "--output",
            str(target),
        ]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not target.exists():
            raise GenerationError("datamodel-codegen failed:\n" + _tail(result.stderr))
        return target.read_text(encoding="utf-8")


def _ruff(tree: Path) -> None:
    config = str(ROOT / "pyproject.toml")
    for args in (["check", "--fix", "--quiet"], ["format", "--quiet"]):
        command = [sys.executable, "-m", "ruff", *args, "--config", config, str(tree)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise GenerationError(
                f"ruff {args[0]} failed on the output:\n" + _tail(result.stdout + result.stderr)
            )


def _manifest(document: SpecDocument, tree: Path) -> str:
    files = {
        path.relative_to(tree).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(tree.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "generated_by": 'generator; do not edit, run "make generate"',
        "spec": _display(document.path),
        "spec_sha256": document.sha256,
        "tools": {tool: metadata.version(tool) for tool in PINNED_TOOLS},
        "files": files,
    }
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
