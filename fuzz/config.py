"""The schemathesis configuration of a run: the project's schemathesis.toml plus the run's own auth."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_CONFIG = ROOT / "schemathesis.toml"


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes for quotes, backslashes, controls).
    return json.dumps(value)


def token_config(token: str) -> str:
    """The base configuration, authenticating with an X-Auth-Token (the `token` security scheme)."""
    return f"{BASE_CONFIG.read_text()}\n[auth.openapi.token]\napi_key = {_toml_string(token)}\n"


def live_config(project_id: str, room_id: str) -> str:
    """The base configuration with the live project, room and non-credential headers pinned.

    Pinned values are not fuzzed: the real project and room are the target, and the headers the
    service may not enforce (X-Project-Id, X-App-UserId) stay valid (AK/SK signing is a hook).
    """
    return (
        f"{BASE_CONFIG.read_text()}\n[parameters]\n"
        f'"path.project_id" = {_toml_string(project_id)}\n'
        f'"path.room_id" = {_toml_string(room_id)}\n'
        f'"header.X-Project-Id" = {_toml_string(project_id)}\n'
        f'"header.X-App-UserId" = "metastudio-fuzz-live"\n'
    )
