"""`python -m benchmarks` (`make bench`): every goal of the report measured in one run, each against
its peer; report.json, report.md and PNG plots in the output folder."""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Annotated

import typer

from benchmarks import (
    generator_speed,
    goals,
    machine,
    opc,
    plots,
    report,
    sdk,
    signing_cost,
    sweep,
    validation,
    verification,
    wrk,
)
from benchmarks.figures import Figures, ValidationFigures
from benchmarks.floor import running_floor
from benchmarks.goals import Section
from benchmarks.prism import PRISM
from benchmarks.progress import say

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def _prism_version() -> str | None:
    package = PRISM.parent.parent / "@stoplight" / "prism-cli" / "package.json"
    return str(json.loads(package.read_text())["version"]) if package.exists() else None


def _tools() -> dict[str, object]:
    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    return {
        "wrk": wrk.versions(),
        "prism": _prism_version(),
        "openapi-python-client": opc.version(),
        "openapi-core": validation.peer_version(),
        **{
            name: version(name)
            for name in ("uvicorn", "httpx", "huaweicloudsdkmetastudio", "matplotlib")
        },
    }


def _section(
    figures: Figures, section: Section, chosen: set[Section], work: Callable[[], None]
) -> None:
    """Run one section if chosen; a failure is recorded and the run goes on to the next."""
    if section not in chosen:
        return
    say(f"section {section.value}")
    try:
        work()
    except Exception as exc:  # noqa: BLE001  # reason: one broken section must not lose the rest
        figures.errors[section.value] = f"{type(exc).__name__}: {exc}"[:1000]
        say(f"section {section.value} failed: {figures.errors[section.value]}")
        traceback.print_exc()


@app.command()
def bench(
    seconds: Annotated[
        int,
        typer.Option(
            help="Seconds of each throughput run (wrk counts whole seconds).", min=1, max=600
        ),
    ] = 5,
    rounds: Annotated[
        int, typer.Option(help="Throughput rounds; each figure is the best round.", min=1, max=10)
    ] = 3,
    connections: Annotated[
        list[int] | None,
        typer.Option(
            help="Concurrent connections of the sweep (repeatable; default 1 4 16 64).",
            min=1,
            max=256,
        ),
    ] = None,
    aksk_connections: Annotated[
        int,
        typer.Option(
            help="Where the mock's AK/SK run goes (one of --connections).", min=1, max=256
        ),
    ] = 16,
    loops: Annotated[
        int, typer.Option(help="Calls per timing of validation and signing.", min=1, max=1_000_000)
    ] = 2000,
    sdk_calls: Annotated[
        int,
        typer.Option(help=f"SDK calls per round ({sdk.ROUNDS} rounds).", min=1, max=100_000),
    ] = 100,
    repeats: Annotated[
        int, typer.Option(help="Runs of each generator and of the no-op make.", min=1, max=10)
    ] = 3,
    section: Annotated[
        list[Section] | None,
        typer.Option(help="Run only this section (repeatable; default: all)."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Where the report is written.")] = Path("build/bench"),
) -> None:
    """Measure every goal, each as a ratio within this run, and write the report."""
    concurrency = sorted(set(connections or sweep.CONCURRENCY))
    if aksk_connections not in concurrency:
        raise typer.BadParameter(f"must be one of {concurrency}", param_hint="--aksk-connections")
    chosen = set(section or Section)
    ticks = machine.cpu_ticks()
    figures = Figures(
        machine=machine.at_start(),
        tools=_tools(),
        settings={
            "seconds": seconds,
            "rounds": rounds,
            "connections": concurrency,
            "aksk_connections": aksk_connections,
            "loops": loops,
            "sdk_calls": sdk_calls,
            "repeats": repeats,
            "sections": sorted(s.value for s in chosen),
        },
    )
    out.mkdir(parents=True, exist_ok=True)

    def validate() -> None:
        say(f"validation: openapi-core, {max(1, loops // 100)} loops per timing (its own venv)")
        peer = validation.measure_peer(max(1, loops // 100), out)
        say(f"validation: ours, {loops} loops per timing")
        figures.validation = ValidationFigures(
            validation.PEER, peer, validation.measure_ours(loops)
        )

    def throughput() -> None:
        figures.runs = sweep.sweep(
            seconds,
            rounds,
            out,
            concurrency=concurrency,
            aksk_connections=aksk_connections,
            progress=say,
        )

    def served_verification() -> None:
        figures.verification = verification.measure(out, connections=aksk_connections, progress=say)

    def signing() -> None:
        say(f"signing: judge, verify and sign in process, {loops} loops per timing")
        figures.signing = signing_cost.measure(loops)

    def per_call() -> None:
        with running_floor() as (base_url, _):
            say(
                f"sdk: raw httpx, ours (token, AK/SK), official; {sdk.ROUNDS} rounds of "
                f"{sdk_calls} calls"
            )
            figures.sdk = sdk.measure(base_url, calls=sdk_calls)

    def generator() -> None:
        figures.generator = generator_speed.measure(repeats, progress=say)

    def make() -> None:
        figures.noop_make = generator_speed.noop_make(out, repeats, progress=say)

    _section(figures, Section.VALIDATION, chosen, validate)
    _section(figures, Section.THROUGHPUT, chosen, throughput)
    _section(figures, Section.VERIFICATION, chosen, served_verification)
    _section(figures, Section.SIGNING, chosen, signing)
    _section(figures, Section.SDK, chosen, per_call)
    _section(figures, Section.GENERATOR, chosen, generator)
    _section(figures, Section.MAKE, chosen, make)
    figures.machine.update(machine.at_end(ticks))

    judged, written = report.write(figures, out)
    written += plots.write(figures, out)
    typer.echo((out / "report.md").read_text())
    for path in written:
        typer.echo(f"(written: {path})")
    say(f"done: goals {goals.summary(judged)}; report in {out}")
    if figures.errors:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
