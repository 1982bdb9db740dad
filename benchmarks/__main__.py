"""`python -m benchmarks`: validation cost and mock throughput, each against its peer, in one run."""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Annotated

import typer

from benchmarks import throughput, validation

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command()
def bench(
    loops: Annotated[int, typer.Option(help="Validations per timing.", min=1)] = 2000,
    seconds: Annotated[
        float, typer.Option(help="Length of each throughput run.", min=0.5, max=600)
    ] = 10,
    connections: Annotated[int, typer.Option(help="Keep-alive connections.", min=1, max=256)] = 16,
    out: Annotated[Path, typer.Option(help="Where the report is written.")] = Path("build/bench"),
) -> None:
    """Validation cost and mock throughput, each against its peer, in one run."""
    typer.echo(
        f"bench: request validation, {loops} loops per timing (ours, then openapi-core)", err=True
    )
    validation_section = validation.report(loops, out)
    typer.echo(f"bench: throughput, {seconds:g} s per server (ours, then Prism)", err=True)
    throughput_section = throughput.report(seconds, connections, out)
    sections = [
        f"# Benchmarks ({platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()})",
        "## Request validation (µs per request, best of 5; ratio: openapi-core time / ours)",
        validation_section,
        f"## Throughput ({connections} keep-alive connections, {seconds:.0f} s each)",
        throughput_section,
    ]
    text = "\n\n".join(sections) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(text)
    typer.echo(text)
    typer.echo(f"(written to {out / 'report.md'})")


if __name__ == "__main__":
    app()
