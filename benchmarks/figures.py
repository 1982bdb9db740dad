"""Every figure of one benchmark run, and the few derived from them (best runs, ratios)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from benchmarks.generator_speed import GeneratorSpeed, NoopMake
from benchmarks.sdk import OURS_AKSK, OURS_TOKEN, RAW, CallCost
from benchmarks.signing_cost import SigningCost
from benchmarks.sweep import AKSK, FLOOR, MOCK, PAIRED, PRISM, TOKEN, Run, best


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

    def rate_ratio(self, connections: int, peer: str) -> float | None:
        """The mock's best rate over `peer`'s (FLOOR or PRISM) at `connections`."""
        ours, theirs = self.best(MOCK, connections), self.best(peer, connections)
        if ours is None or theirs is None or theirs.load.requests_per_second <= 0:
            return None
        return ours.load.requests_per_second / theirs.load.requests_per_second

    def aksk_connections(self) -> int | None:
        """The concurrency of the mock's AK/SK runs (None: none ran)."""
        signed = [r.load.connections for r in self.runs or [] if r.auth == AKSK]
        return signed[0] if signed else None

    def verification_pairs(self) -> list[float]:
        """Each pair's AK/SK run's CPU per request minus its token run's, µs, in pair order (the
        pairs of which either run got an answer other than 202 left out)."""
        paired: dict[int, dict[str, float | None]] = {}
        for run in self.runs or []:
            if run.phase == PAIRED and run.server == MOCK and run.load.only(202):
                paired.setdefault(run.round, {})[run.auth] = run.cpu_us_per_request
        differences = []
        for pair in sorted(paired):
            token, signed = paired[pair].get(TOKEN), paired[pair].get(AKSK)
            if token is not None and signed is not None:
                differences.append(signed - token)
        return differences

    def served_verification_us(self) -> float | None:
        """What AK/SK adds to the mock's CPU per request as served: the median of the pairs."""
        differences = self.verification_pairs()
        return statistics.median(differences) if differences else None

    def sdk_ratio(self, client: str) -> float | None:
        """A client's µs per call over raw httpx's."""
        costs = {c.client: c.microseconds for c in self.sdk or []}
        if client not in costs or not costs.get(RAW):
            return None
        return costs[client] / costs[RAW]

    def sdk_token_ratio(self) -> float | None:
        """Ours with a token over raw httpx."""
        return self.sdk_ratio(OURS_TOKEN)

    def sdk_aksk_ratio(self) -> float | None:
        """Ours with AK/SK over raw httpx."""
        return self.sdk_ratio(OURS_AKSK)


SERVERS = (MOCK, PRISM, FLOOR)
