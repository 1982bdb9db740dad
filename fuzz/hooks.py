"""Schemathesis hooks for signed runs (SCHEMATHESIS_HOOKS=fuzz.hooks): AK/SK signing and, live, the net.

Reads CLOUD_SDK_AK and CLOUD_SDK_SK. With METASTUDIO_FUZZ_LIVE=1 every case passes the live net
(fuzz.net): start bodies made safe, only what the endpoint must refuse (or, with --allow-starts,
valid starts within the budget) is sent, and a start it accepts is stopped at once and recorded.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from schemathesis import Case
from schemathesis.auths import GLOBAL_AUTH_STORAGE
from schemathesis.core.transport import Response
from schemathesis.hooks import HookContext

from fuzz.net import LiveNet
from fuzz.policy import without_generated_credentials
from fuzz.settings import LIVE_ENV, live_net_from_environment
from fuzz.signing import SdkHmacAuth
from metastudio._auth import AK_ENV, SK_ENV

_AK, _SK = os.environ[AK_ENV], os.environ[SK_ENV]
_NET: LiveNet | None = live_net_from_environment() if os.environ.get(LIVE_ENV) == "1" else None
# GLOBAL_AUTH_STORAGE is what `schemathesis.auth.set_from_requests` forwards to (typed there).
GLOBAL_AUTH_STORAGE.set_from_requests(SdkHmacAuth(_AK, _SK, _NET.guard if _NET else None))


@schemathesis.hook
def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    without_generated_credentials(case)


if _NET is not None:
    _LIVE_NET = _NET

    @schemathesis.hook
    def filter_case(context: HookContext, case: Case[Any]) -> bool:
        return _LIVE_NET.admits(case)

    @schemathesis.hook
    def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
        _LIVE_NET.after_call(case, response)
