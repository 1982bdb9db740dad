"""The mock's command line: --host --port --spec --aksk --token --seed, served by uvicorn."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from mockserver import DEFAULT_SPEC, DEV_AK, MockApp
from mockserver.auth import Credentials
from mockserver.protocol import EnvelopeHttpToolsProtocol
from mockserver.spec import load_mock_spec
from speccore.diagnostics import SpecError

app = typer.Typer(add_completion=False, no_args_is_help=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to bind (0: any free port).")] = 4010,
    spec: Annotated[Path, typer.Option(help="OpenAPI spec to serve.")] = DEFAULT_SPEC,
    aksk: Annotated[
        list[str] | None, typer.Option(help="An accepted AK:SK pair (repeatable).", metavar="AK:SK")
    ] = None,
    token: Annotated[
        list[str] | None, typer.Option(help="An accepted X-Auth-Token (repeatable).")
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="Seed for job ids and request ids (default: random).")
    ] = None,
) -> None:
    """Serve the spec as a mock of the MetaStudio endpoint."""
    try:
        credentials = Credentials.parse(aksk or [], token or [])
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    try:
        mock_spec = load_mock_spec(spec)
    except SpecError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.render(str(spec)), file=sys.stderr)
        print(f"SPEC: rejected ({len(exc.diagnostics)} problems); not serving", file=sys.stderr)
        raise typer.Exit(2) from None
    if not credentials.aksk and not credentials.tokens:
        credentials = Credentials.development()
        print(
            f"mockserver: no --aksk or --token given; accepting the development credentials "
            f"(AK {DEV_AK} and its SK, and the development token; see README, Mock server)",
            file=sys.stderr,
        )
    else:
        print(
            f"mockserver: accepting {len(credentials.aksk)} AK/SK pair(s) "
            f"(AK {', '.join(sorted(credentials.aksk)) or '-'}) and {len(credentials.tokens)} token(s)",
            file=sys.stderr,
        )
    chosen_seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
    print(f"mockserver: serving {spec} with seed {chosen_seed}", file=sys.stderr)
    mock = MockApp(mock_spec, credentials, seed=chosen_seed)
    uvicorn.run(
        mock, host=host, port=port, log_level="info", lifespan="on", http=EnvelopeHttpToolsProtocol
    )


def main() -> None:
    """Console-script entry point."""
    app()
