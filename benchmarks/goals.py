"""The goals of issue 13 and how a measured figure is judged against one: a pure function."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal

Comparison = Literal["at least", "at most"]


class Section(enum.StrEnum):
    """The parts of a run, each rerunnable alone (`--section`)."""

    VALIDATION = "validation"
    THROUGHPUT = "throughput"
    VERIFICATION = "verification"
    SIGNING = "signing"
    SDK = "sdk"
    GENERATOR = "generator"
    MAKE = "make"


@dataclass(frozen=True)
class Goal:
    """A target for one figure, which `section` measures: `measured` must be `comparison`
    `target` (in `unit`)."""

    area: str
    name: str
    comparison: Comparison
    target: float
    unit: str
    section: Section


@dataclass(frozen=True)
class Verdict:
    """A goal, what was measured (None: not measured in this run) and whether it passed; `ran`
    is False for a goal whose section the run left out, which is neither met nor missed."""

    goal: Goal
    measured: float | None
    passed: bool
    note: str = ""
    ran: bool = True


def passes(measured: float, comparison: Comparison, target: float) -> bool:
    """Whether `measured` meets the target; exactly on it passes."""
    return measured >= target if comparison == "at least" else measured <= target


def judge(goal: Goal, measured: float | None, note: str = "") -> Verdict:
    """A verdict; a figure not measured (a section not run, a run with errors) does not pass."""
    if measured is None or measured != measured:  # NaN is no measurement either
        return Verdict(goal, None, False, note or "not measured")
    return Verdict(goal, measured, passes(measured, goal.comparison, goal.target), note)


def not_run(goal: Goal) -> Verdict:
    """The verdict on a goal whose section this run left out."""
    return Verdict(goal, None, False, f"not run: section {goal.section} not chosen", ran=False)


def summary(judged: list[Verdict]) -> str:
    """How many goals were met, of those whose sections ran: "12 of 17 met"."""
    ran = [v for v in judged if v.ran]
    met = f"{sum(v.passed for v in ran)} of {len(ran)} met"
    left_out = len(judged) - len(ran)
    return f"{met}, {left_out} not run (their sections were not chosen)" if left_out else met


MOCK, SDK, GENERATOR = "mock", "SDK", "generator"


def mock_vs_floor(connections: int) -> Goal:
    """The mock's rate as a share of the floor's, with full validation and the answer built."""
    return Goal(
        MOCK, f"mock / floor requests/s, c={connections}", "at least", 0.5, "×", Section.THROUGHPUT
    )


def mock_vs_prism(connections: int) -> Goal:
    """The mock's rate against Prism's."""
    return Goal(
        MOCK, f"mock / Prism requests/s, c={connections}", "at least", 10.0, "×", Section.THROUGHPUT
    )


VERIFY_IN_PROCESS = Goal(
    MOCK,
    "AK/SK verification, in process (judge: AK/SK − token)",
    "at most",
    15.0,
    "µs",
    Section.SIGNING,
)
VERIFY_ALONE = Goal(
    MOCK, "AK/SK verification, verify() alone", "at most", 15.0, "µs", Section.SIGNING
)
VERIFY_ON_THE_WIRE = Goal(
    MOCK,
    "AK/SK verification, served (the mock's CPU per answer, AK/SK − token, sent in turn)",
    "at most",
    15.0,
    "µs",
    Section.VERIFICATION,
)
SDK_TOKEN = Goal(SDK, "ours (token) / raw httpx, per call", "at most", 1.03, "×", Section.SDK)
SDK_AKSK = Goal(SDK, "ours (AK/SK) / raw httpx, per call", "at most", 1.05, "×", Section.SDK)
SIGNING = Goal(SDK, "signing, sign()", "at most", 15.0, "µs", Section.SIGNING)
GENERATE_COLD = Goal(
    GENERATOR,
    "ours cold (no cache) / openapi-python-client",
    "at most",
    1.0,
    "×",
    Section.GENERATOR,
)
GENERATE_WARM = Goal(
    GENERATOR, "ours warm (cache) / openapi-python-client", "at most", 1.0, "×", Section.GENERATOR
)
NOOP_MAKE = Goal(GENERATOR, "no-op make", "at most", 1.0, "s", Section.MAKE)
