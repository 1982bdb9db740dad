"""Every figure of one benchmark run, and the few derived from them (best runs, ratios)."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.generator_speed import GeneratorSpeed, NoopMake
from benchmarks.sdk import OURS_AKSK, OURS_TOKEN, RAW, CallCost
from benchmarks.signing_cost import SigningCost
from benchmarks.sweep import AKSK, MOCK, TOKEN, Run, best
from benchmarks.verification import ServedVerification


@dataclass(frozen=True)
class ValidationFigures:
    """Request validation, µs per request: the peer's per case, ours per validator and case."""

    peer_name: str
    peer: dict[str, float]
    ours: dict[str, dict[str, float]]


@dataclass
class Figures:
    """One run's figures, by section; a section not run (or failed: see `errors`) is None."""

    machine: dict[str, object]
    tools: dict[str, object]
    settings: dict[str, object]
    validation: ValidationFigures | None = None
    runs: list[Run] | None = None
    verification: ServedVerification | None = None
    signing: SigningCost | None = None
    sdk: list[CallCost] | None = None
    generator: GeneratorSpeed | None = None
    noop_make: NoopMake | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def concurrency(self) -> list[int]:
        """The concurrencies the sweep ran, in order."""
        return sorted({r.load.connections for r in self.runs or []})

    def best(self, server: str, connections: int, auth: str = TOKEN) -> Run | None:
        """The best valid run of a server at a concurrency (None: none, or no sweep)."""
        return best(self.runs or [], server, connections, auth)

    def rate_ratio(self, connections: int, peer: str, server: str = MOCK) -> float | None:
        """`server`'s best rate over `peer`'s (sweep.FLOOR or sweep.PRISM) at `connections`."""
        ours, theirs = self.best(server, connections), self.best(peer, connections)
        if ours is None or theirs is None or theirs.load.requests_per_second <= 0:
            return None
        return ours.load.requests_per_second / theirs.load.requests_per_second

    def round_ratios(self, connections: int, peer: str, server: str = MOCK) -> list[float | None]:
        """`server`'s rate over `peer`'s in each round of the sweep at `connections`, in round
        order (the two runs of a round are minutes apart at most); None for a round without a
        valid run of both. How far another round would have put the best runs' ratio."""
        rates: dict[tuple[str, int], float] = {}
        rounds: set[int] = set()
        for run in self.runs or []:
            if run.auth != TOKEN or run.load.connections != connections:
                continue
            rounds.add(run.round)
            if run.server in (server, peer) and run.load.only(202):
                rates[(run.server, run.round)] = run.load.requests_per_second
        return [
            rates[(server, n)] / rates[(peer, n)]
            if (server, n) in rates and rates.get((peer, n), 0) > 0
            else None
            for n in sorted(rounds)
        ]

    def aksk_connections(self) -> int | None:
        """The concurrency of the mock's AK/SK runs (None: none ran)."""
        signed = [r.load.connections for r in self.runs or [] if r.auth == AKSK]
        return signed[0] if signed else None

    def served_verification_us(self) -> float | None:
        """What AK/SK adds to the served mock's CPU per answer (benchmarks.verification)."""
        return self.verification.cost_us() if self.verification is not None else None

    def sdk_ratio(self, client: str) -> float | None:
        """A client's µs per call over raw httpx's, round by round (CallCost.ratio_to)."""
        costs = {c.client: c for c in self.sdk or []}
        if client not in costs or RAW not in costs:
            return None
        return costs[client].ratio_to(costs[RAW])

    def sdk_token_ratio(self) -> float | None:
        """Ours with a token over raw httpx."""
        return self.sdk_ratio(OURS_TOKEN)

    def sdk_aksk_ratio(self) -> float | None:
        """Ours with AK/SK over raw httpx."""
        return self.sdk_ratio(OURS_AKSK)
