"""A spec-driven mock of any OpenAPI 3.0 API (MetaStudio by default): strict, authenticated, seeded."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from mockserver.app import MockApp
from mockserver.auth import (
    DEV_AK,
    DEV_BASIC_PASSWORD,
    DEV_BASIC_USER,
    DEV_SK,
    DEV_TOKEN,
    Credentials,
)
from mockserver.callbacks import CallbackSender, CallbackSettings
from mockserver.jobs import JobStore, SqliteJobStore
from mockserver.lifecycle import DEFAULT_PROCESSING_DELAY_SECONDS
from mockserver.spec import load_mock_spec

__all__ = [
    "DEFAULT_SPEC",
    "CallbackSender",
    "CallbackSettings",
    "DEV_AK",
    "DEV_BASIC_PASSWORD",
    "DEV_BASIC_USER",
    "DEV_SK",
    "DEV_TOKEN",
    "Credentials",
    "MockApp",
    "create_app",
]

DEFAULT_SPEC = Path(__file__).resolve().parent.parent / "openapi" / "metastudio-smart-live.yaml"


def create_app(
    spec: Path = DEFAULT_SPEC,
    credentials: Credentials | None = None,
    *,
    seed: int = 0,
    state: Path | None = None,
    processing_delay: float = DEFAULT_PROCESSING_DELAY_SECONDS,
    lenient: bool = False,
    fail_stops: int = 0,
    fail_jobs: int = 0,
    callback_settings: CallbackSettings | None = None,
    access_log: TextIO | None = None,
) -> MockApp:
    """The mock app for `spec`, accepting `credentials` (the development ones when None).

    `state`: an SQLite file that keeps the smart-live jobs across restarts (in memory when None;
    jobs.StateFileError if it is not one); `processing_delay`: seconds a started job is WAITING;
    `lenient`: judge requests as a laxer service would; `fail_stops`: the first N StopSmartLive
    requests answer 503 without stopping; `fail_jobs`: the first N jobs started end FAILED when
    they would have turned PROCESSING; `callback_settings`: how jobs' live events are called back
    (by default: on, to loopback only); `access_log`: where each answer is logged (nowhere when
    None; mockserver.accesslog). Close the app (`MockApp.close`) to release a state file
    and end the callback sender's thread.
    """
    mock_spec = load_mock_spec(spec)
    store: JobStore | None = SqliteJobStore(state) if state is not None else None
    return MockApp(
        mock_spec,
        credentials or Credentials.development(),
        seed=seed,
        lenient=lenient,
        store=store,
        processing_delay=processing_delay,
        fail_stops=fail_stops,
        fail_jobs=fail_jobs,
        callback_settings=callback_settings,
        access_log=access_log,
    )
