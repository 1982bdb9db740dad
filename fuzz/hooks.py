"""Schemathesis hooks for signed runs (SCHEMATHESIS_HOOKS=fuzz.hooks): AK/SK signing and, live, a guard.

Reads CLOUD_SDK_AK and CLOUD_SDK_SK. With METASTUDIO_FUZZ_LIVE=1 every request also passes the live
guard (fuzz.guard), which keeps back anything the endpoint could accept: no billable job can start.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis import Case
from schemathesis.auths import GLOBAL_AUTH_STORAGE
from schemathesis.hooks import HookContext

from fuzz.guard import LiveGuard
from fuzz.policy import fuzzes_only_enforced_parts, without_generated_credentials
from fuzz.signing import SdkHmacAuth
from metastudio._auth import AK_ENV, SK_ENV
from mockserver import DEFAULT_SPEC
from mockserver.spec import load_mock_spec

LIVE_ENV = "METASTUDIO_FUZZ_LIVE"
SPEC_ENV = "METASTUDIO_FUZZ_SPEC"

_AK, _SK = os.environ[AK_ENV], os.environ[SK_ENV]
_GUARD = (
    LiveGuard(load_mock_spec(Path(os.environ.get(SPEC_ENV, str(DEFAULT_SPEC)))), _AK, _SK)
    if os.environ.get(LIVE_ENV) == "1"
    else None
)
# GLOBAL_AUTH_STORAGE is what `schemathesis.auth.set_from_requests` forwards to (typed there).
GLOBAL_AUTH_STORAGE.set_from_requests(SdkHmacAuth(_AK, _SK, _GUARD))


@schemathesis.hook
def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    without_generated_credentials(case)


if _GUARD is not None:

    @schemathesis.hook
    def filter_case(context: HookContext, case: Case[Any]) -> bool:
        return fuzzes_only_enforced_parts(case)
