"""AK/SK in-process: the mock's verification (its whole judgement with a signed start minus with a
token one, and `verify` alone) and the SDK's signing (`sign`), each in µs per request."""

from __future__ import annotations

import time
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
    """Microseconds per request (CPU time of this process), each the best of REPEATS repeats of
    `loops` calls (see `_best_us`)."""

    judge_token_us: float
    judge_aksk_us: float
    verify_us: float
    sign_us: float
    loops: int

    @property
    def judge_difference_us(self) -> float:
        """What AK/SK adds to the mock's judgement of a request: its verification as served."""
        return self.judge_aksk_us - self.judge_token_us


REPEATS = 20
"""Many repeats taken in turns: the best of many is the cost a busy neighbour did not add to."""


def _best_us(functions: dict[str, Callable[[], object]], loops: int) -> dict[str, float]:
    """Each function's best of REPEATS timings of `loops` calls, in µs per call.

    CPU time, not the wall clock: on a machine shared with other work, time spent waiting for a
    core is not the code's cost. The repeats take turns (one of each, then again), so that a
    busy moment slows every figure a difference is taken of, not only one of them.
    """
    timers = {
        name: timeit.Timer(function, timer=time.process_time)
        for name, function in functions.items()
    }
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(REPEATS):
        for name, timer in timers.items():
            timings[name].append(timer.timeit(number=loops))
    return {name: min(seconds) / loops * 1e6 for name, seconds in timings.items()}


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
        best = _best_us(
            {
                "judge_token": lambda: app.judge(token),
                "judge_aksk": lambda: app.judge(aksk),
                "verify": lambda: verify(
                    "POST", PATH, aksk.headers, BODY, secret_for=secrets, now=now
                ),
                "sign": lambda: sign("POST", URL, UNSIGNED, BODY, ak=DEV_AK, sk=DEV_SK),
            },
            loops,
        )
        return SigningCost(
            judge_token_us=best["judge_token"],
            judge_aksk_us=best["judge_aksk"],
            verify_us=best["verify"],
            sign_us=best["sign"],
            loops=loops,
        )
    finally:
        app.close()
