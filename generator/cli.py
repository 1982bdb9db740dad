"""Command line: `generator validate | generate | check` (also `python -m generator`).

Exit codes: 0 success; 1 the pipeline's own result is negative (generated/ is stale, a generation
step failed); 2 the input is rejected (unreadable, not YAML, not valid OpenAPI 3.0, lint errors).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from generator.checking import compare_trees
from generator.diagnostics import Diagnostic, SpecError, has_errors
from generator.generation import DEFAULT_OUTPUT, DEFAULT_SPEC, GenerationError, build, generate
from generator.loading import load_spec
from generator.validation import validate_document

EXIT_NEGATIVE = 1
EXIT_REJECTED = 2
FIX_COMMAND = "make generate"

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)

SpecOption = Annotated[Path, typer.Option("--spec", help="The OpenAPI 3.0 spec (YAML).")]
OutputOption = Annotated[Path, typer.Option("--output", help="The generated SDK's directory.")]


@app.command()
def validate(spec: SpecOption = DEFAULT_SPEC) -> None:
    """Validate the spec: openapi-spec-validator, then the project's lint rules."""
    try:
        diagnostics = validate_document(load_spec(spec))
    except SpecError as exc:
        _fail(spec, exc.diagnostics)
    if has_errors(diagnostics):
        _fail(spec, diagnostics)
    _print(spec, diagnostics)
    typer.echo(f"{spec}: valid OpenAPI 3.0, lint clean", err=True)


@app.command(name="generate")
def generate_command(
    spec: SpecOption = DEFAULT_SPEC, output: OutputOption = DEFAULT_OUTPUT
) -> None:
    """Regenerate the SDK from the spec; the output changes only if every step succeeds."""
    try:
        result = generate(spec, output)
    except SpecError as exc:
        _fail(spec, exc.diagnostics, untouched=output)
    except GenerationError as exc:
        typer.echo(f"error: {exc}\n{output} was left untouched.", err=True)
        raise typer.Exit(EXIT_NEGATIVE) from None
    _print(spec, result.diagnostics)
    typer.echo(f"generated {output} from {spec} (sha256 {result.document.sha256[:12]})", err=True)


@app.command()
def check(spec: SpecOption = DEFAULT_SPEC, output: OutputOption = DEFAULT_OUTPUT) -> None:
    """Fail, with a diff, when the committed output differs from a fresh generation."""
    with tempfile.TemporaryDirectory(prefix="generator-check-") as tmp:
        fresh = Path(tmp) / "out"
        try:
            build(spec, fresh)
        except SpecError as exc:
            _fail(spec, exc.diagnostics, untouched=output)
        except GenerationError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(EXIT_NEGATIVE) from None
        diff = compare_trees(output, fresh)
    if diff:
        typer.echo(diff, nl=False)
        typer.echo(f"\n{output} is stale (it does not match {spec}). Fix: {FIX_COMMAND}", err=True)
        raise typer.Exit(EXIT_NEGATIVE)
    typer.echo(f"{output} is up to date with {spec}", err=True)


def _print(spec: Path, diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        typer.echo(diagnostic.render(str(spec)), err=True)


def _fail(spec: Path, diagnostics: Sequence[Diagnostic], untouched: Path | None = None) -> NoReturn:
    _print(spec, diagnostics)
    count = len(diagnostics)
    summary = f"{spec}: rejected ({count} problem{'s' if count != 1 else ''})"
    if untouched is not None:
        summary += f"; {untouched} was not touched"
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_REJECTED)


def main() -> None:
    """Console-script entry point."""
    sys.exit(app())
