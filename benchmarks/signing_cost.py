"""AK/SK in-process: the mock's verification (its whole judgement with a signed start minus with a
token one, and `verify` alone) and the SDK's signing (`sign`), each in µs per request."""

from __future__ import annotations

import timeit
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from benchmarks.sweep import BODY, PATH, PROJECT
from metastudio._signing import sign, verify
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN, create_app
from mockserver.verdicts import Accepted
from mockserver.wire import WireRequest

HOST = "127.0.0.1:4010"
URL = f"http://{HOST}{PATH}"
UNSIGNED = {"Content-Type": "application/json", "Host": HOST, "X-Project-Id": PROJECT}


@dataclass(frozen=True)
class SigningCost:
    """Microseconds per request, each the best of 5 repeats of `loops` calls."""

    judge_token_us: float
    judge_aksk_us: float
    verify_us: float
    sign_us: float
    loops: int

    @property
    def judge_difference_us(self) -> float:
        """What AK/SK adds to the mock's judgement of a request: its verification as served."""
        return self.judge_aksk_us - self.judge_token_us


def _best_us(function: Callable[[], object], loops: int) -> float:
    return min(timeit.Timer(function).repeat(repeat=5, number=loops)) / loops * 1e6


def _wire(headers: dict[str, str]) -> WireRequest:
    return WireRequest("POST", PATH, {k.lower(): v for k, v in headers.items()}, BODY)


def measure(loops: int) -> SigningCost:
    """Each cost, after checking that the mock accepts both requests and `verify` the signature."""
    app = create_app(seed=1)
    signed = {**UNSIGNED, **sign("POST", URL, UNSIGNED, BODY, ak=DEV_AK, sk=DEV_SK)}
    token = _wire({"Content-Type": "application/json", "Host": HOST, "X-Auth-Token": DEV_TOKEN})
    aksk = _wire(signed)
    secrets = {DEV_AK: DEV_SK}.get
    now = datetime.now(UTC)
    for request in (token, aksk):
        verdict = app.judge(request)
        assert isinstance(verdict, Accepted), verdict
    assert verify("POST", PATH, aksk.headers, BODY, secret_for=secrets, now=now).ok
    try:
        return SigningCost(
            judge_token_us=_best_us(lambda: app.judge(token), loops),
            judge_aksk_us=_best_us(lambda: app.judge(aksk), loops),
            verify_us=_best_us(
                lambda: verify("POST", PATH, aksk.headers, BODY, secret_for=secrets, now=now),
                loops,
            ),
            sign_us=_best_us(
                lambda: sign("POST", URL, UNSIGNED, BODY, ak=DEV_AK, sk=DEV_SK), loops
            ),
            loops=loops,
        )
    finally:
        app.close()
