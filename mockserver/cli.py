"""The mock's command line: --host --port --spec --aksk --token --basic --seed --state
--processing-delay --lenient --fail-stops --fail-jobs --no-access-log and the callbacks' options,
on uvicorn."""

from __future__ import annotations

import logging
import random
import sys
from importlib import metadata
from pathlib import Path
from typing import Annotated

import typer

from mockserver import DEFAULT_SPEC, DEV_AK, MockApp, background
from mockserver.auth import DEV_BASIC_USER, Credentials
from mockserver.callbacks import CallbackSettings
from mockserver.jobs import JobStore, SqliteJobStore, StateFileError
from mockserver.lifecycle import DEFAULT_PROCESSING_DELAY_SECONDS, INJECTED_FAULT_STATUS
from mockserver.liveevents import DEFAULT_PARAGRAPH_SECONDS
from mockserver.spec import load_mock_spec
from speccore.diagnostics import SpecError, render

app = typer.Typer(add_completion=False, no_args_is_help=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mockserver {metadata.version('metastudio-pipeline')}")
        raise typer.Exit()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Port to bind (0: any free port).", min=0, max=65535)
    ] = 4010,
    spec: Annotated[Path, typer.Option(help="OpenAPI spec to serve.")] = DEFAULT_SPEC,
    aksk: Annotated[
        list[str] | None, typer.Option(help="An accepted AK:SK pair (repeatable).", metavar="AK:SK")
    ] = None,
    token: Annotated[
        list[str] | None,
        typer.Option(help="An accepted token: api keys and bearer tokens (repeatable)."),
    ] = None,
    basic: Annotated[
        list[str] | None,
        typer.Option(help="An accepted http basic USER:PASS (repeatable).", metavar="USER:PASS"),
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="Seed for job ids and request ids (default: random).")
    ] = None,
    state: Annotated[
        Path | None,
        typer.Option(
            help="SQLite file keeping the smart-live jobs across restarts (default: in memory).",
            metavar="FILE",
        ),
    ] = None,
    processing_delay: Annotated[
        float,
        typer.Option(
            help="Seconds a started job is WAITING before PROCESSING (0: at once).", min=0
        ),
    ] = DEFAULT_PROCESSING_DELAY_SECONDS,
    lenient: Annotated[
        bool,
        typer.Option(
            help='Judge requests as a laxer service: null as absent, "4000" as 4000, no enum, '
            "range, length, size or pattern checks."
        ),
    ] = False,
    fail_stops: Annotated[
        int,
        typer.Option(
            help=f"Answer the first N StopSmartLive requests {INJECTED_FAULT_STATUS}, "
            "without stopping (tests of clients' retries).",
            min=0,
            metavar="N",
        ),
    ] = 0,
    fail_jobs: Annotated[
        int,
        typer.Option(
            help="End the first N jobs started FAILED when they would turn PROCESSING (tests "
            "of clients that follow a job to its end).",
            min=0,
            metavar="N",
        ),
    ] = 0,
    allow_callback_host: Annotated[
        list[str] | None,
        typer.Option(
            help="A host besides loopback that live-event callbacks may go to: an exact host "
            "name or IP address (repeatable).",
            metavar="HOST",
        ),
    ] = None,
    callback_log: Annotated[
        Path | None,
        typer.Option(
            help="Append a JSON line to FILE for every callback attempt and outcome.",
            metavar="FILE",
        ),
    ] = None,
    paragraph_seconds: Annotated[
        float,
        typer.Option(
            help="Seconds each paragraph of the mock's scene script plays (SHOOT_SCRIPT_SWITCH).",
        ),
    ] = DEFAULT_PARAGRAPH_SECONDS,
    no_callbacks: Annotated[
        bool,
        typer.Option("--no-callbacks", help="Send no live-event callbacks at all."),
    ] = False,
    no_access_log: Annotated[
        bool,
        typer.Option(
            "--no-access-log",
            help="Print no line per answer (client, method, target, status, request id).",
        ),
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = None,
) -> None:
    """Serve the spec (by default MetaStudio's) as a mock of its endpoint."""
    try:
        credentials = Credentials.parse(aksk or [], token or [], basic or [])
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    try:
        mock_spec = load_mock_spec(spec)
    except SpecError as exc:
        print(render(exc.diagnostics, str(spec)), file=sys.stderr, end="")
        print(f"{spec}: rejected ({len(exc.diagnostics)} problem(s)); not serving", file=sys.stderr)
        raise typer.Exit(2) from None
    if credentials.empty:
        credentials = Credentials.development()
        print(
            f"mockserver: no --aksk, --token or --basic given; accepting the development "
            f"credentials (AK {DEV_AK} and its SK, the development token, basic user "
            f"{DEV_BASIC_USER} and its password; see README, Mock server)",
            file=sys.stderr,
        )
    else:
        print(
            f"mockserver: accepting {len(credentials.aksk)} AK/SK pair(s) "
            f"(AK {', '.join(sorted(credentials.aksk)) or '-'}) and {len(credentials.tokens)} token(s)"
            f" and {len(credentials.basic)} basic user(s)",
            file=sys.stderr,
        )
    chosen_seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
    print(f"mockserver: serving {spec} with seed {chosen_seed}", file=sys.stderr)
    try:
        store: JobStore | None = SqliteJobStore(state) if state is not None else None
    except StateFileError as exc:
        print(f"mockserver: --state {exc}; not serving", file=sys.stderr)
        raise typer.Exit(2) from None
    try:
        callbacks = CallbackSettings(
            enabled=not no_callbacks,
            allowed_hosts=frozenset(allow_callback_host or ()),
            paragraph_seconds=paragraph_seconds,
            log_file=callback_log,
        )
        mock = MockApp(
            mock_spec,
            credentials,
            seed=chosen_seed,
            lenient=lenient,
            store=store,
            processing_delay=processing_delay,
            fail_stops=fail_stops,
            fail_jobs=fail_jobs,
            callback_settings=callbacks,
            access_log=None if no_access_log else sys.stderr,
        )
    except ValueError as exc:
        if store is not None:
            store.close()
        raise typer.BadParameter(str(exc)) from None
    for line in _modes(mock, state, processing_delay, lenient, fail_stops, fail_jobs):
        print(f"mockserver: {line}", file=sys.stderr)
    print(f"mockserver: {_callbacks_mode(mock, callbacks)}", file=sys.stderr)
    _log_callbacks()
    try:
        background.serve(mock, host, port)
    finally:
        mock.close()


def _modes(
    mock: MockApp,
    state: Path | None,
    processing_delay: float,
    lenient: bool,
    fail_stops: int,
    fail_jobs: int,
) -> list[str]:
    lines = []
    if mock.lifecycle is None:
        if state is not None or fail_stops or fail_jobs:
            lines.append(
                "the spec has no smart-live job operations: stateless, --state, --fail-stops "
                "and --fail-jobs do nothing"
            )
    else:
        kept = f"in {state}" if state is not None else "in memory"
        lines.append(
            f"smart-live jobs kept {kept}; WAITING for {processing_delay:g} s, then PROCESSING"
        )
        if fail_stops:
            lines.append(
                f"the first {fail_stops} StopSmartLive request(s) answer "
                f"{INJECTED_FAULT_STATUS} without stopping (--fail-stops)"
            )
        if fail_jobs:
            lines.append(
                f"the first {fail_jobs} job(s) started end FAILED when they would turn "
                "PROCESSING (--fail-jobs)"
            )
    if lenient:
        lines.append(
            "lenient: null read as absent, numeric and boolean strings as their values; enum, "
            "range, length, size and pattern not checked"
        )
    return lines


def _callbacks_mode(mock: MockApp, settings: CallbackSettings) -> str:
    if mock.callbacks is None:
        return "no live-event callbacks" + (" (--no-callbacks)" if not settings.enabled else "")
    hosts = ", ".join(sorted(settings.allowed_hosts))
    where = f"loopback and {hosts}" if hosts else "loopback only"
    logged = f"; each attempt logged to {settings.log_file}" if settings.log_file else ""
    resumed = (
        f"; {mock.resumed_jobs} job(s) of the state file not stopped, their callbacks still to "
        "come sent (not those that fell due while the mock was down)"
        if mock.resumed_jobs
        else ""
    )
    return f"live-event callbacks to {where}{logged}{resumed}"


def _log_callbacks() -> None:
    # uvicorn configures its own loggers only: without a handler the callbacks' records below
    # WARNING would be lost. Each line names an origin, never a URL's path or query.
    callbacks = logging.getLogger("mockserver.callbacks")
    if not callbacks.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("mockserver: %(message)s"))
        callbacks.addHandler(handler)
        callbacks.setLevel(logging.INFO)
        callbacks.propagate = False


def main() -> None:
    """Console-script entry point."""
    app()
