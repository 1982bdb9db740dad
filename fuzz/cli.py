"""`python -m fuzz mock|live`: schemathesis over HTTP against the mock, or against the real endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from fuzz.config import ROOT, live_config, token_config
from fuzz.findings import FindingLog
from fuzz.live import LiveJobsRunning, summary, write_report
from fuzz.live import run as run_live
from fuzz.safety import NOWHERE
from fuzz.settings import (
    ENDPOINT_ENV,
    LIVE_NEEDS,
    PROJECT_ENV,
    ROOM_ENV,
    example_output_urls,
    keeper_for,
    lifecycle_of,
    run_environment,
)
from mockserver import DEFAULT_SPEC, DEV_TOKEN, create_app
from mockserver.background import serving

app = typer.Typer(add_completion=False, no_args_is_help=True)

SpecOption = Annotated[Path, typer.Option(help="OpenAPI spec to fuzz.")]
ExamplesOption = Annotated[int, typer.Option(help="Most test cases per operation and phase.")]
ReportOption = Annotated[Path, typer.Option(help="Where the JUnit report (and run config) go.")]
BUILD = ROOT / "build"


def _schemathesis_command(config_text: str, report_dir: Path, args: list[str]) -> list[str]:
    report_dir.mkdir(parents=True, exist_ok=True)
    config_file = report_dir / "schemathesis.toml"
    config_file.write_text(config_text)
    return [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(config_file),
        "--no-color",
        "run",
        *args,
        "--report",
        "junit",
        "--report-junit-path",
        str(report_dir / "junit.xml"),
    ]


def _schemathesis(config_text: str, report_dir: Path, args: list[str], env: dict[str, str]) -> int:
    command = _schemathesis_command(config_text, report_dir, args)
    return subprocess.run(command, env=env, cwd=ROOT, check=False).returncode


@app.command()
def mock(
    spec: SpecOption = DEFAULT_SPEC,
    max_examples: ExamplesOption = 1000,
    report_dir: ReportOption = BUILD / "fuzz",
    seed: Annotated[int, typer.Option(help="The mock's seed.")] = 1,
) -> None:
    """Fuzz a mock served over HTTP on loopback (token auth), every phase and check."""
    with serving(create_app(spec, seed=seed)) as base_url:
        print(f"fuzz: mock at {base_url}; report in {report_dir}", file=sys.stderr)
        code = _schemathesis(
            token_config(DEV_TOKEN),
            report_dir,
            [str(spec), "--url", base_url, "--max-examples", str(max_examples)],
            dict(os.environ),
        )
    raise typer.Exit(code)


@app.command()
def live(
    spec: SpecOption = DEFAULT_SPEC,
    max_examples: ExamplesOption = 100,
    report_dir: ReportOption = BUILD / "fuzz-live",
    allow_starts: Annotated[
        bool,
        typer.Option(
            help="Also send valid starts, within --max-accepted; each is stopped at once."
        ),
    ] = False,
    max_accepted: Annotated[
        int,
        typer.Option(help="Accepted starts the run tolerates; one more ends it.", min=0, max=1000),
    ] = 0,
    output_url: Annotated[
        str, typer.Option(help="Output address of every start (default: one that leads nowhere).")
    ] = NOWHERE,
    allow_live_jobs: Annotated[
        bool, typer.Option(help="Go on although the room has running jobs (they are not touched).")
    ] = False,
) -> None:
    """Fuzz the real endpoint with requests it must reject, AK/SK signed; no run leaves a job running."""
    missing = [name for name in LIVE_NEEDS if not os.environ.get(name)]
    if missing:
        _refuse(
            "It needs these environment variables: "
            f"{', '.join(LIVE_NEEDS)}; missing: {', '.join(missing)}."
        )
    try:
        lifecycle = lifecycle_of(spec)
    except ValueError as exc:
        _refuse(f"{exc}: without a stop operation a started job could not be undone.")
    if allow_starts and max_accepted < 1:
        _refuse("--allow-starts sends valid starts only within --max-accepted; give it N >= 1.")
    if output_url in example_output_urls(spec):
        _refuse(f"--output-url {output_url} is the doc's example address, somebody's real one.")
    report_dir.mkdir(parents=True, exist_ok=True)
    findings = FindingLog(report_dir / "findings.jsonl")
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "fuzz.hooks",
        **run_environment(spec, output_url, allow_starts, max_accepted, findings.path),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    endpoint = os.environ[ENDPOINT_ENV]
    mode = "all" if allow_starts else "negative"
    print(
        f"fuzz-live: {mode} cases against {endpoint}, at most {max_accepted} accepted start(s); "
        f"report in {report_dir}",
        file=sys.stderr,
    )
    command = _schemathesis_command(
        live_config(os.environ[PROJECT_ENV], os.environ[ROOM_ENV]),
        report_dir,
        [
            str(spec),
            "--url",
            endpoint,
            "--mode",
            mode,
            # The examples phase sends the spec's examples, valid by design: never live.
            "--phases",
            "coverage,fuzzing",
            "--max-examples",
            str(max_examples),
            # A finding is what the run is for: keep going to find them all (the budget ends it).
            "--continue-on-failure",
        ],
    )
    try:
        outcome = run_live(
            command,
            env,
            keeper_for(os.environ, lifecycle),
            findings,
            max_accepted,
            allow_live_jobs=allow_live_jobs,
            log=lambda line: print(line, file=sys.stderr),
        )
    except LiveJobsRunning as exc:
        _refuse(f"the room has running jobs ({exc}); --allow-live-jobs goes on without them.")
    write_report(outcome, report_dir)
    print(summary(outcome), file=sys.stderr)
    raise typer.Exit(outcome.exit_code)


def _refuse(why: str) -> NoReturn:
    print(f"fuzz-live: nothing sent. {why}", file=sys.stderr)
    raise typer.Exit(2)


def main() -> None:
    """Console entry point."""
    app()
