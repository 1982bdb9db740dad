"""A spec-driven mock of any OpenAPI 3.0 API (MetaStudio by default): strict, authenticated, seeded."""

from __future__ import annotations

from pathlib import Path

from mockserver.app import MockApp
from mockserver.auth import (
    DEV_AK,
    DEV_BASIC_PASSWORD,
    DEV_BASIC_USER,
    DEV_SK,
    DEV_TOKEN,
    Credentials,
)
from mockserver.spec import load_mock_spec

__all__ = [
    "DEFAULT_SPEC",
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
    spec: Path = DEFAULT_SPEC, credentials: Credentials | None = None, *, seed: int = 0
) -> MockApp:
    """The mock app for `spec`, accepting `credentials` (the development ones when None)."""
    return MockApp(load_mock_spec(spec), credentials or Credentials.development(), seed=seed)
