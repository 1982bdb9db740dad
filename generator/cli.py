"""Command line: `generator validate | generate | check | doc-diff | diff | review` (also
`python -m generator`).

Exit codes: 0 success; 1 the pipeline's own result is negative (generated/ is stale, a generation
step failed, the doc and the spec drifted); 2 the input is rejected (unreadable, not YAML, not
valid OpenAPI 3.0, lint errors, not a doc page).
"""

from __future__ import annotations

import atexit
import enum
import gc
import keyword
import os
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from generator.config import CONFIG_FILE, project_config
from sdkbuild.checking import compare_trees
from sdkbuild.generation import (
    DEFAULT_OUTPUT,
    DEFAULT_SPEC,
    GenerationError,
    Options,
    build,
    generate,
)
from speccore.diagnostics import Diagnostic, SpecError, has_errors, render
from speccore.lint import LintConfig
from speccore.loading import load_spec
from specreview.gates import GATES

# The review tools are imported by the commands that use them: `generate` and `check` have no need
# of them, and they are a tenth of a generation's time (griffe and the rest).
if TYPE_CHECKING:
    from specreview.docpage import DocPage

EXIT_NEGATIVE = 1
EXIT_REJECTED = 2
FIX_COMMAND = "make generate"

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"generator {metadata.version('metastudio-pipeline')}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = None,
) -> None:
    """Validate OpenAPI 3.0 specs, generate typed Python SDKs, and review spec changes."""


SpecOption = Annotated[Path, typer.Option("--spec", help="The OpenAPI 3.0 spec (YAML).")]
LintOption = Annotated[
    str | None,
    typer.Option(
        "--lint",
        help="house (the project's rules, the default from pyproject.toml) or openapi (OpenAPI "
        "validity only; what the generator cannot render is a warning and is left out).",
    ),
]
PackageOption = Annotated[
    str | None, typer.Option("--package", help="The generated package's name (default: config).")
]
OutputOption = Annotated[Path, typer.Option("--output", help="The generated SDK's directory.")]


class ReportFormat(enum.StrEnum):
    """How a report is printed."""

    MARKDOWN = "markdown"
    JSON = "json"


FormatOption = Annotated[
    ReportFormat, typer.Option("--format", help="markdown (a readable report) or json.")
]
DEFAULT_WAIVERS = Path("openapi/spec-diff-waivers.yaml")


@app.command()
def validate(spec: SpecOption = DEFAULT_SPEC, lint: LintOption = None) -> None:
    """Validate the spec: openapi-spec-validator, then the lint rules (levels from pyproject.toml)."""
    from speccore.validation import validate_document

    options = _options(lint, None)
    try:
        diagnostics = validate_document(load_spec(spec), config=options.lint)
    except SpecError as exc:
        _fail(spec, exc.diagnostics)
    if has_errors(diagnostics):
        _fail(spec, diagnostics)
    _print(spec, diagnostics)
    typer.echo(f"{spec}: valid OpenAPI 3.0, lint clean ({options.lint.profile} rules)", err=True)


@app.command(name="generate")
def generate_command(
    spec: SpecOption = DEFAULT_SPEC,
    output: OutputOption = DEFAULT_OUTPUT,
    lint: LintOption = None,
    package: PackageOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace an output that is not a previous output of the generator."
        ),
    ] = False,
) -> None:
    """Regenerate the SDK from the spec; the output changes only if every step succeeds."""
    _without_cycle_collection()
    options = _options(lint, package)
    try:
        result = generate(spec, output, options, force=force)
    except SpecError as exc:
        _fail(spec, exc.diagnostics, untouched=output)
    except GenerationError as exc:
        typer.echo(f"error: {exc}\n{output} was left untouched.", err=True)
        raise typer.Exit(EXIT_NEGATIVE) from None
    _print(spec, result.diagnostics)
    typer.echo(f"generated {output} from {spec} (sha256 {result.document.sha256[:12]})", err=True)


@app.command()
def check(
    spec: SpecOption = DEFAULT_SPEC,
    output: OutputOption = DEFAULT_OUTPUT,
    lint: LintOption = None,
    package: PackageOption = None,
) -> None:
    """Fail, with a diff, when the committed output differs from a fresh generation."""
    _without_cycle_collection()
    options = _options(lint, package)
    with tempfile.TemporaryDirectory(prefix="generator-check-") as tmp:
        fresh = Path(tmp) / "out"
        try:
            build(spec, fresh, options)
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


@app.command(name="doc-diff")
def doc_diff(
    doc: Annotated[Path, typer.Argument(help="A doc page (its text dump).")],
    new_doc: Annotated[
        Path | None, typer.Argument(help="A newer version of the page: compare the two pages.")
    ] = None,
    spec: SpecOption = DEFAULT_SPEC,
    report_format: FormatOption = ReportFormat.MARKDOWN,
) -> None:
    """Doc drift: what differs between a doc page and the spec (or between two pages).

    Exit 0 without drift, 1 with drift, 2 when a page or the spec cannot be read.
    """
    from specreview.docdiff import drift_against_spec, drift_between_docs, spec_decisions
    from specreview.drift_report import render_json, render_markdown

    page = _read_page(doc)
    try:
        document = load_spec(spec)
    except SpecError as exc:
        _fail(spec, exc.diagnostics)
    if new_doc is not None:
        report = drift_between_docs(
            page, _read_page(new_doc), str(doc), str(new_doc), spec_decisions(document.data)
        )
    else:
        report = drift_against_spec(page, document.data, str(doc), _display(spec))
    render = render_json if report_format is ReportFormat.JSON else render_markdown
    typer.echo(render(report), nl=False)
    raise typer.Exit(report.exit_code)


@app.command(name="diff")
def spec_diff(
    old: Annotated[
        str, typer.Argument(help="The old spec: a file, or a git revision (REV[:path]).")
    ],
    new: Annotated[str, typer.Argument(help="The new spec: a file, or a git revision.")],
    waivers: Annotated[
        Path, typer.Option("--waivers", help="Breaking changes accepted on purpose, with reasons.")
    ] = DEFAULT_WAIVERS,
    report_format: FormatOption = ReportFormat.MARKDOWN,
) -> None:
    """Classify every change between two specs as breaking or compatible for existing callers.

    Exit 0 when nothing breaks (or every breaking change is waived), 1 on an unwaived breaking
    change, 2 when a spec or the waiver file cannot be read.
    """
    from specreview.specdiff import run_diff

    try:
        text, code = run_diff(old, new, repo=Path.cwd(), waivers=waivers, fmt=report_format.value)
    except SpecError as exc:  # a spec that cannot be read, or the waiver file
        _reject(exc.diagnostics, "cannot compare")
    typer.echo(text, nl=False)
    raise typer.Exit(code)


@app.command(name="review")
def review_command(
    base: Annotated[str, typer.Option("--base", help="The git revision to review against.")],
    output: Annotated[
        Path, typer.Option("--output", help="Where the Markdown report is written.")
    ] = Path("build/review/review.md"),
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Exit 1 when any of these is present: comma-separated from "
            + ", ".join(GATES)
            + " (default: none, the report only).",
        ),
    ] = "",
) -> None:
    """Write one pull-request report: spec diff, doc drift, lint, SDK surface, API reference diff.

    With --fail-on, a gate: exit 1 when one of the named problems is present (the report's first
    line says which); without it, exit 0 once the report is written.
    """
    from specreview.review import failed_gates, gate_header, review

    gates = tuple(g.strip() for g in fail_on.split(",") if g.strip())
    unknown = [g for g in gates if g not in GATES]
    if unknown:
        message = f"--fail-on {', '.join(unknown)}: not a gate; gates: {', '.join(GATES)}"
        _reject([Diagnostic("", message, "usage", file="generator review")], "no report written")
    try:
        result = review(Path.cwd(), base)
    except SpecError as exc:  # the base revision, a spec or the waiver file cannot be read
        _reject(exc.diagnostics, "no report written")
    failed = failed_gates(result, gates)
    markdown = (gate_header(result, failed) if failed else "") + result.markdown
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(markdown, encoding="utf-8")
    typer.echo(
        f"review against {base}: {result.breaking} unwaived breaking change(s), "
        f"{result.drift} doc drift(s), {result.stale} stale decision(s), {result.lint_errors} "
        f"lint error(s); written to {output}",
        err=True,
    )
    if failed:
        typer.echo(f"review gate failed: {', '.join(failed)}", err=True)
        raise typer.Exit(EXIT_NEGATIVE)


def _without_cycle_collection() -> None:
    # Why: a generation allocates millions of objects (imports, datamodel-code-generator's parse)
    # and Python's cycle collector walked them again and again: 0.25 s of CPU of a cold run, 0.5 s
    # on a large spec. The garbage it would free is a few megabytes (9 MB on the largest corpus
    # spec), and the process ends with the command.
    gc.disable()


def _options(lint: str | None, package: str | None) -> Options:
    """Generation options: the command line's, else `[tool.generator]` of pyproject.toml."""
    try:
        config = project_config(CONFIG_FILE)
        profile = lint or config.lint
        options = Options(
            package=package or config.package, lint=LintConfig.of(profile, config.rules)
        )
    except ValueError as exc:
        _reject([Diagnostic("", str(exc), "config", file=str(CONFIG_FILE))], "nothing done")
    if not options.package.isidentifier() or keyword.iskeyword(options.package):
        message = f"--package {options.package!r} is not a Python package name"
        _reject([Diagnostic("", message, "usage", file="generator")], "nothing done")
    return options


def _display(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_page(path: Path) -> DocPage:
    from specreview.docpage import DocPageError, read_page

    try:
        return read_page(path)
    except DocPageError as exc:
        _reject(exc.diagnostics, f"{path}: cannot be read as a doc page")


def _print(spec: Path, diagnostics: Sequence[Diagnostic]) -> None:
    typer.echo(render(diagnostics, str(spec)), err=True, nl=False)


def _reject(diagnostics: Sequence[Diagnostic], summary: str) -> NoReturn:
    """Print located diagnostics and a summary; exit 2 (the input is rejected)."""
    typer.echo(render(diagnostics), err=True, nl=False)
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_REJECTED)


def _fail(spec: Path, diagnostics: Sequence[Diagnostic], untouched: Path | None = None) -> NoReturn:
    _print(spec, diagnostics)
    count = len(diagnostics)
    summary = f"{spec}: rejected ({count} problem{'s' if count != 1 else ''})"
    if untouched is not None:
        summary += f"; {untouched} was not touched"
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_REJECTED)


def main() -> NoReturn:
    """Console-script entry point."""
    try:
        status: object = app()
    except SystemExit as exc:
        status = exc.code
    leave(status)


def leave(status: object) -> NoReturn:
    """Exit with `status` as sys.exit would, without the interpreter's clean-up.

    Why: that clean-up frees every object of every module imported (datamodel-code-generator's,
    pydantic's, Jinja's), a quarter of a second after the work is done. Nothing needs it: every
    file is closed and every child process reaped by then. The atexit handlers still run and
    stdout and stderr are flushed.
    """
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:
        print(status, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
