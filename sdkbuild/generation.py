"""Generate the SDK: models by datamodel-code-generator, the client from templates, runtime copied.

Everything is built in a temporary directory beside the output, formatted with ruff, recorded in a
manifest, and only then swapped in: a failure at any step leaves the output untouched.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, replace
from functools import partial
from importlib import metadata
from pathlib import Path

from sdkbuild import cache, concurrently
from sdkbuild.checking import compare_trees
from sdkbuild.ir import Api
from sdkbuild.parsing import DEFAULT_PACKAGE, parse, unsupported_diagnostics
from sdkbuild.paths import ROOT, RUNTIME, TEMPLATES
from sdkbuild.rendering import render_package
from speccore.diagnostics import Diagnostic, SpecError, has_errors
from speccore.lint import HOUSE, RULES, UNSUPPORTED, LintConfig
from speccore.loading import SpecDocument, load_spec
from speccore.validation import validate_document

DEFAULT_SPEC = ROOT / "openapi" / "metastudio-smart-live.yaml"
DEFAULT_OUTPUT = ROOT / "generated"
PINNED_TOOLS = ("datamodel-code-generator", "jinja2", "ruff", "pydantic", "openapi-spec-validator")
MANIFEST = "manifest.json"


class GenerationError(Exception):
    """A step of generation failed after the spec was accepted; exit code 1."""


@dataclass(frozen=True)
class Generated:
    """What a generation produced: the spec it came from and the diagnostics (warnings only)."""

    document: SpecDocument
    diagnostics: list[Diagnostic]
    api: Api


@dataclass(frozen=True)
class Options:
    """How to generate: the package's name and the lint rules that judge the spec."""

    package: str = DEFAULT_PACKAGE
    lint: LintConfig = HOUSE


def provenance(spec: Path) -> str:
    """The first line of every generated text file."""
    return f'# Generated from {_display(spec)} by generator. Do not edit: run "make generate".'


@dataclass(frozen=True)
class Sources:
    """The SDK's files as text, before ruff (relative path → text), or what making them raised."""

    files: dict[str, str]
    failure: Exception | None = None


def accept(spec: Path, options: Options = Options()) -> tuple[Generated, Sources]:
    """Load, validate and parse `spec`, and make the SDK's files in memory; raise SpecError when
    it has an error-level diagnostic.

    Operations the generator cannot render are diagnostics of rule `unsupported`, at the level
    the lint configuration gives (an error under the house rules, a warning under `openapi`).
    """
    document = load_spec(spec)
    # openapi-spec-validator and the lint rules run in a child process while this one parses the
    # spec and makes the files (sdkbuild.concurrently): neither needs the other, and each is
    # about half of a generation's time. Nothing is written before the verdict, and what the
    # spec broke here counts only if the verdict has no OpenAPI error: before it, the spec may
    # be anything at all.
    api: Api | Exception
    with concurrently.started(partial(_validate, document, options.lint)) as validating:
        try:
            api = parse(document.data, spec.name, options.package)
        except Exception as exc:
            api = exc
        sources = _sources(api, provenance(document.path)) if isinstance(api, Api) else None
        diagnostics, rejected = validating.result()
    # A valid OpenAPI document with house-rule errors is still parsed: its unsupported constructs
    # are reported with them, so one run names every problem.
    if rejected or has_errors(d for d in diagnostics if d.rule not in RULES):
        raise SpecError(diagnostics)
    if not isinstance(api, Api):
        raise api
    assert sources is not None
    level = options.lint.level(UNSUPPORTED)
    if level is not None:
        diagnostics = sorted(
            diagnostics
            + [
                replace(d, line=document.line_of(d.pointer))
                for d in unsupported_diagnostics(api, level)
            ]
        )
    if has_errors(diagnostics):
        raise SpecError(diagnostics)
    return Generated(document, diagnostics, api), sources


def _validate(document: SpecDocument, lint: LintConfig) -> tuple[list[Diagnostic], bool]:
    """validate_document's diagnostics, and whether they rejected the spec outright (SpecError,
    returned rather than raised: it is sent back from a child process)."""
    try:
        return validate_document(document, config=lint, verdicts=cache.ValidatorVerdicts()), False
    except SpecError as exc:
        return list(exc.diagnostics), True


def _sources(api: Api, header: str) -> Sources:
    # What fails here is raised when the files are written, where it was raised before the spec
    # was validated beside this work: a failed step still comes after the output's own checks.
    files: dict[str, str] = {}
    try:
        # Jinja (compiling the templates is most of it) in a child of its own, beside
        # datamodel-code-generator here: the two are the larger half of a cold generation.
        with concurrently.started(partial(render_package, api, TEMPLATES, header)) as rendering:
            files[f"{api.package}/models.py"] = _models(api, header)
            for runtime_file in sorted(RUNTIME.glob("*.py")):
                source = f"templates/runtime/{runtime_file.name}"
                text = runtime_file.read_text(encoding="utf-8").replace(
                    f"from {DEFAULT_PACKAGE}.", f"from {api.package}."
                )
                files[f"{api.package}/{runtime_file.name}"] = runtime_header(source) + "\n" + text
            files.update(rendering.result())
    except Exception as exc:
        return Sources({}, exc)
    files[f"{api.package}/py.typed"] = ""
    return Sources(files)


def build(spec: Path, into: Path, options: Options = Options()) -> Generated:
    """Validate `spec` and write the whole SDK into the empty directory `into`."""
    accepted, sources = accept(spec, options)
    _write_tree(accepted, sources, into)
    return accepted


def _write_tree(accepted: Generated, sources: Sources, into: Path) -> None:
    try:
        _build(accepted, sources, into)
    except OSError as exc:
        raise GenerationError(f"cannot write the SDK into {into}: {exc}") from None


def _build(accepted: Generated, sources: Sources, into: Path) -> None:
    if sources.failure is not None:
        raise sources.failure
    package = into / accepted.api.package
    package.mkdir(parents=True)
    for relative, text in sources.files.items():
        _write(into / relative, text)
    _ruff(into)
    _check_models(accepted.api, package / "models.py")
    _write(into / MANIFEST, _manifest(accepted, into))


def runtime_header(source: str) -> str:
    """The first line of a runtime module copied into the SDK: it names its real source."""
    return f"# Copied from {source} by generator. Do not edit here: edit {source}."


def generate(
    spec: Path = DEFAULT_SPEC,
    output: Path = DEFAULT_OUTPUT,
    options: Options = Options(),
    *,
    force: bool = False,
) -> Generated:
    """Build into a temporary directory beside `output`, then swap it in; when the fresh tree is
    what `output` already holds, touch nothing (files keep their inodes and mtimes).

    The spec is validated first, so that a rejected spec creates nothing at all. An `output` that
    is neither absent, empty nor a previous output of the generator (its manifest.json) is refused
    unless `force`: the swap would delete what is in it.
    """
    accepted, sources = accept(spec, options)
    _check_output(output, force)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".generate-", dir=output.parent))
    except OSError as exc:
        raise GenerationError(f"cannot create a staging directory beside {output}: {exc}") from None
    try:
        _write_tree(accepted, sources, staging / "out")
        if output.is_dir() and not compare_trees(output, staging / "out"):
            return accepted  # nothing changed: nothing is written
        try:
            _swap(staging / "out", output, staging / "old")
        except OSError as exc:
            raise GenerationError(f"cannot replace {output}: {exc}") from None
        return accepted
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_output(output: Path, force: bool) -> None:
    if force or not output.exists() and not output.is_symlink():
        return
    if not output.is_dir() or output.is_symlink():
        problem = "is not a directory; refusing to replace it (pass --force to do so)"
    elif any(output.iterdir()) and not (output / MANIFEST).is_file():
        problem = (
            "is not empty and holds no manifest.json, so it is not a previous output of the "
            "generator; refusing to replace what is in it (pass --force to do so)"
        )
    else:
        return
    raise SpecError([Diagnostic("", f"{output} {problem}", "output", file=str(output))])


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


def _models(api: Api, header: str) -> str:
    # Options live in [tool.datamodel-codegen] of pyproject.toml (read from ROOT); only I/O and the
    # header here. The input is the model plan's document (sdkbuild.modelplan), not the spec file.
    # The output depends on nothing else, so it is cached by all of it (sdkbuild.cache).
    document = json.dumps(api.models_document, ensure_ascii=False, sort_keys=True)
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    name = cache.key(
        document,
        header,
        api.package,
        json.dumps(options["tool"]["datamodel-codegen"], sort_keys=True),
        metadata.version("datamodel-code-generator"),
        metadata.version("ruff"),  # its formatter runs inside
        sys.version.split()[0],
    )
    cached = cache.read("models", name)
    if cached is not None:
        return cached
    text = _run_datamodel_codegen(api, header)
    cache.write("models", name, text)
    return text


def _run_datamodel_codegen(api: Api, header: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "models.json"
        source.write_text(json.dumps(api.models_document, ensure_ascii=False), encoding="utf-8")
        target = Path(tmp) / "models.py"
        arguments = [
            "--input",
            str(source),
            "--output",
            str(target),
            "--custom-file-header",
            header,
            "--base-class",
            f"{api.package}._base_model.BaseModel",
        ]
        # In this process: a second interpreter would import pydantic and the rest anew, the
        # larger part of the generator's time. Its command line reads [tool.datamodel-codegen]
        # from the working directory's pyproject.toml, hence ROOT for the call (the generator is
        # a command line, one generation at a time: nothing else runs while it is changed).
        # Its warnings (a format it does not know) are its own output, as they were on its
        # stderr in a process of its own: recorded, never raised by a caller's warning filters.
        messages = io.StringIO()
        with (
            _working_directory(ROOT),
            redirect_stdout(messages),
            redirect_stderr(messages),
            warnings.catch_warnings(record=True) as warned,
        ):
            warnings.simplefilter("always")
            try:
                status: object = datamodel_codegen(arguments)
            except SystemExit as exc:  # argparse's way of refusing arguments
                status = exc.code
        if status != 0 or not target.exists():
            said = messages.getvalue() + "".join(f"warning: {w.message}\n" for w in warned)
            raise GenerationError("datamodel-codegen failed:\n" + _tail(said))
        return target.read_text(encoding="utf-8")


def datamodel_codegen(arguments: list[str]) -> object:
    """datamodel-codegen's command line, in this process; its exit status."""
    # Imported here, not at the top: a generation whose models are cached never needs it, and
    # it is the heaviest import of all.
    from datamodel_code_generator.__main__ import main

    return main(arguments)


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _check_models(api: Api, models: Path) -> None:
    # The resources name model classes that sdkbuild.modelplan chose; if datamodel-code-generator
    # named one otherwise, the package would fail at import: say so now, write nothing.
    tree = ast.parse(models.read_text(encoding="utf-8"))
    defined = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    defined |= {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    missing = sorted(set(api.models) - defined)
    if missing:
        raise GenerationError(
            "datamodel-codegen did not define the model classes " + ", ".join(missing)
        )


def _ruff(tree: Path) -> None:
    config = str(ROOT / "pyproject.toml")
    for args in (["check", "--fix", "--quiet"], ["format", "--quiet"]):
        command = [*_ruff_binary(), *args, "--config", config, str(tree)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise GenerationError(
                f"ruff {args[0]} failed on the output:\n" + _tail(result.stdout + result.stderr)
            )


def _ruff_binary() -> list[str]:
    # The binary beside this interpreter, as `python -m ruff` finds it: that command would start
    # a second interpreter only to exec the binary (0.05 s a run).
    binary = Path(sysconfig.get_path("scripts")) / "ruff"
    return [str(binary)] if binary.is_file() else [sys.executable, "-m", "ruff"]


def _manifest(accepted: Generated, tree: Path) -> str:
    document = accepted.document
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
        "package": accepted.api.package,
        "skipped_operations": {s.operation: s.diagnostic.message for s in accepted.api.skipped},
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
