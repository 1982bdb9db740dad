"""`python -m fuzz mock|live`: schemathesis over HTTP against the mock, or against the real endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from fuzz.config import ROOT, live_config, token_config
from metastudio._auth import AK_ENV, SK_ENV
from mockserver import DEFAULT_SPEC, DEV_TOKEN, create_app
from mockserver.background import serving
from mockserver.spec import load_mock_spec

ENDPOINT_ENV = "METASTUDIO_ENDPOINT"
PROJECT_ENV = "METASTUDIO_PROJECT_ID"
ROOM_ENV = "METASTUDIO_ROOM_ID"
LIVE_NEEDS = (ENDPOINT_ENV, AK_ENV, SK_ENV, PROJECT_ENV, ROOM_ENV)

app = typer.Typer(add_completion=False, no_args_is_help=True)

SpecOption = Annotated[Path, typer.Option(help="OpenAPI spec to fuzz.")]
ExamplesOption = Annotated[int, typer.Option(help="Most test cases per operation and phase.")]
ReportOption = Annotated[Path, typer.Option(help="Where the JUnit report (and run config) go.")]
BUILD = ROOT / "build"


def _schemathesis(config_text: str, report_dir: Path, args: list[str], env: dict[str, str]) -> int:
    report_dir.mkdir(parents=True, exist_ok=True)
    config_file = report_dir / "schemathesis.toml"
    config_file.write_text(config_text)
    command = [
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
        bool, typer.Option(help="Also send valid starts (needs a stop operation in the spec).")
    ] = False,
) -> None:
    """Fuzz the real endpoint with requests it must reject (negative data, bad auth), AK/SK signed."""
    missing = [name for name in LIVE_NEEDS if not os.environ.get(name)]
    if missing:
        print(
            "fuzz-live: nothing sent. It needs these environment variables: "
            f"{', '.join(LIVE_NEEDS)}; missing: {', '.join(missing)}.",
            file=sys.stderr,
        )
        raise typer.Exit(2)
    if allow_starts:
        stops = _stop_operations(spec)
        if not stops:
            print(
                "fuzz-live: --allow-starts refused: valid requests start billable live jobs, and "
                f"{spec.name} has no operation that stops one (operationId Stop...). Nothing sent.",
                file=sys.stderr,
            )
            raise typer.Exit(2)
        print(
            f"fuzz-live: --allow-starts is not supported yet, although the spec has {stops}: "
            "undoing each start must be wired first. Nothing sent.",
            file=sys.stderr,
        )
        raise typer.Exit(2)
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "fuzz.hooks",
        "METASTUDIO_FUZZ_LIVE": "1",
        "METASTUDIO_FUZZ_SPEC": str(spec),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    endpoint = os.environ[ENDPOINT_ENV]
    print(
        f"fuzz-live: negative cases only, against {endpoint}; report in {report_dir}",
        file=sys.stderr,
    )
    code = _schemathesis(
        live_config(os.environ[PROJECT_ENV], os.environ[ROOM_ENV]),
        report_dir,
        [
            str(spec),
            "--url",
            endpoint,
            "--mode",
            "negative",
            # The examples phase sends the spec's examples, valid by design: never live.
            "--phases",
            "coverage,fuzzing",
            "--max-examples",
            str(max_examples),
        ],
        env,
    )
    raise typer.Exit(code)


def _stop_operations(spec: Path) -> list[str]:
    mock_spec = load_mock_spec(spec)
    return sorted(
        operation.operation_id
        for route in mock_spec.routes
        for operation in route.operations.values()
        if operation.operation_id.lower().startswith("stop")
    )


def main() -> None:
    """Console entry point."""
    app()
