"""The report of a run: every goal judged, then report.json (every figure) and report.md (tables)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks import goals, signing_cost
from benchmarks.figures import Figures
from benchmarks.goals import Verdict
from benchmarks.sdk import RAW
from benchmarks.sweep import AKSK, BARE, FLOOR, MOCK, PRISM, SERVERS, Run
from benchmarks.wrk import LoadRun

CAVEAT = (
    "One run on a shared 2-core machine: absolute figures move with whatever else runs; the "
    "ratios, each between figures of this run, are what the goals judge."
)


def verdicts(figures: Figures) -> list[Verdict]:
    """Every goal, judged on this run's figures: the goals of a section that ran and measured
    nothing fail; those of a section the run left out (`settings["sections"]`) are not run."""
    found: list[Verdict] = []
    for connections in figures.concurrency() or [1, 4, 16, 64]:
        for goal, peer, note in (
            (goals.mock_vs_floor(connections), FLOOR, _bare_note(figures, connections)),
            (goals.mock_vs_prism(connections), PRISM, _reach_note(figures, connections)),
        ):
            notes = [note, _rounds_note(figures, connections, peer)]
            found.append(
                goals.judge(
                    goal,
                    figures.rate_ratio(connections, peer),
                    "; ".join(n for n in notes if n),
                )
            )
    signing = figures.signing
    found += [
        goals.judge(goals.VERIFY_IN_PROCESS, signing.judge_difference_us if signing else None),
        goals.judge(goals.VERIFY_ALONE, signing.verify_us if signing else None),
        goals.judge(
            goals.VERIFY_ON_THE_WIRE,
            figures.served_verification_us(),
            _verification_note(figures),
        ),
        goals.judge(goals.SDK_TOKEN, figures.sdk_token_ratio()),
        goals.judge(goals.SDK_AKSK, figures.sdk_aksk_ratio()),
        goals.judge(goals.SIGNING, signing.sign_us if signing else None),
    ]
    generator = figures.generator
    found += [
        goals.judge(
            goals.GENERATE_COLD, generator.ours_cold / generator.peer if generator else None
        ),
        goals.judge(
            goals.GENERATE_WARM, generator.ours_warm / generator.peer if generator else None
        ),
    ]
    noop = figures.noop_make
    if noop is not None and noop.recipes:
        found.append(goals.judge(goals.NOOP_MAKE, None, f"not a no-op: it ran {noop.recipes[:3]}"))
    else:
        found.append(goals.judge(goals.NOOP_MAKE, noop.seconds if noop else None))
    chosen = figures.settings.get("sections")
    if isinstance(chosen, list):
        found = [v if v.goal.section in chosen else goals.not_run(v.goal) for v in found]
    return found


def _load(run: LoadRun) -> dict[str, Any]:
    load = asdict(run)
    load["statuses"] = {str(k): v for k, v in run.statuses.items()}
    return load


def _run(run: Run) -> dict[str, Any]:
    return {
        "server": run.server,
        "auth": run.auth,
        "round": run.round,
        **_load(run.load),
        "only_202": run.load.only(202),
        "server_cpu_seconds": run.server_cpu_seconds,
        "server_cpu_us_per_request": run.server_cpu_seconds / run.load.requests * 1e6
        if run.load.requests
        else None,
    }


def _throughput(figures: Figures) -> dict[str, Any] | None:
    if figures.runs is None:
        return None
    best: dict[str, dict[str, Any]] = {}
    for server in SERVERS:
        for connections in figures.concurrency():
            run = figures.best(server, connections)
            best.setdefault(server, {})[str(connections)] = _run(run) if run else None
    signed_at = figures.aksk_connections()
    signed = figures.best(MOCK, signed_at, AKSK) if signed_at else None
    return {
        "runs": [_run(r) for r in figures.runs],
        "best": best,
        "ratios": {
            str(c): {
                "mock/floor": figures.rate_ratio(c, FLOOR),
                "mock/Prism": figures.rate_ratio(c, PRISM),
                "bare start/floor": figures.rate_ratio(c, FLOOR, server=BARE),
                "mock/floor by round": figures.round_ratios(c, FLOOR),
                "mock/Prism by round": figures.round_ratios(c, PRISM),
            }
            for c in figures.concurrency()
        },
        "aksk": {
            "connections": signed_at,
            "best": _run(signed) if signed else None,
        },
    }


def _verification(figures: Figures) -> dict[str, Any] | None:
    served = figures.verification
    if served is None:
        return None
    return {
        "connections": served.connections,
        "cost_us": served.cost_us(),
        "runs": [
            {
                "token_us": r.token_us,
                "aksk_us": r.aksk_us,
                "difference_us": r.difference_us,
                "token_requests": r.token_requests,
                "aksk_requests": r.aksk_requests,
                "valid": r in served.valid(),
                "load": _load(r.load),
            }
            for r in served.runs
        ],
    }


def _reach_note(figures: Figures, connections: int) -> str:
    """Said when the floor itself falls short of the Prism goal: no app on the mock's server stack
    could have met it in this run, for the floor is the most that stack answers."""
    goal = goals.mock_vs_prism(connections)
    reach = figures.rate_ratio(connections, PRISM, server=FLOOR)
    if reach is None or goals.passes(reach, goal.comparison, goal.target):
        return ""
    return f"out of the stack's reach in this run: the floor itself is {reach:.2f}× Prism"


def _bare_note(figures: Figures, connections: int) -> str:
    """How near the floor the bare start came (benchmarks.barestart). An app doing all of the
    mock's work comes no nearer, so where the mock and the bare start both miss the goal, no
    trimming of the mock would have met it in this run."""
    goal = goals.mock_vs_floor(connections)
    reach = figures.rate_ratio(connections, FLOOR, server=BARE)
    if reach is None:
        return ""
    ours = figures.rate_ratio(connections, FLOOR)
    missed = not goals.passes(reach, goal.comparison, goal.target)
    if missed and ours is not None and not goals.passes(ours, goal.comparison, goal.target):
        return f"out of the mock's reach in this run: a bare start reaches only {reach:.2f} of the floor"
    return f"a bare start reaches {reach:.2f} of the floor in this run"


def _rounds_note(figures: Figures, connections: int, peer: str) -> str:
    """The mock's ratio to `peer` round by round, beside the best runs' ratio the goal judges:
    whether another round would have given another verdict. Nothing for a single round."""
    ratios = figures.round_ratios(connections, peer)
    if len(ratios) < 2:
        return ""
    return "round by round: " + ", ".join(_number(r, "×") for r in ratios)


def _verification_note(figures: Figures) -> str:
    served = figures.verification
    if served is None:
        return ""
    return f"c={served.connections}, median of {len(served.valid())} runs"


def to_json(figures: Figures, judged: list[Verdict]) -> dict[str, Any]:
    """Every figure of the run, the goals with their verdicts, the machine and the tools."""
    signing = figures.signing
    return {
        "machine": figures.machine,
        "tools": figures.tools,
        "settings": figures.settings,
        "caveat": CAVEAT,
        "goals": [
            {
                **asdict(v.goal),
                "measured": v.measured,
                "passed": v.passed,
                "ran": v.ran,
                "note": v.note,
            }
            for v in judged
        ],
        "validation": asdict(figures.validation) if figures.validation else None,
        "throughput": _throughput(figures),
        "verification": _verification(figures),
        "signing": {**asdict(signing), "judge_difference_us": signing.judge_difference_us}
        if signing
        else None,
        "sdk": [
            {
                **asdict(c),
                "microseconds": c.microseconds,
                "ratio_to_raw": figures.sdk_ratio(c.client),
            }
            for c in figures.sdk
        ]
        if figures.sdk is not None
        else None,
        "generator": asdict(figures.generator) if figures.generator else None,
        "noop_make": asdict(figures.noop_make) if figures.noop_make else None,
        "errors": figures.errors,
    }


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "×":
        return f"{value:.3f}×" if value < 10 else f"{value:.1f}×"
    if unit == "µs":
        return f"{value:.1f} µs"
    return f"{value:.2f} {unit}"


def _goals_table(judged: list[Verdict]) -> list[str]:
    lines = ["| area | goal | target | measured | verdict |", "|---|---|---|---|---|"]
    for v in judged:
        target = f"{v.goal.comparison} {_number(v.goal.target, v.goal.unit)}"
        verdict = "pass" if v.passed else "**FAIL**" if v.ran else "not run"
        note = f" ({v.note})" if v.note else ""
        measured = _number(v.measured, v.goal.unit)
        lines.append(f"| {v.goal.area} | {v.goal.name} | {target} | {measured}{note} | {verdict} |")
    return lines


def _throughput_tables(figures: Figures) -> list[str]:
    if figures.runs is None:
        return []
    seconds = figures.settings.get("seconds")
    lines = [
        "## Throughput and latency (wrk, one valid start repeated; best of "
        f"{figures.settings.get('rounds')} rounds of {seconds} s)",
        "",
        "Server and wrk CPU are the cores each used during the run: a wrk near 1 core beside a "
        "server below it would mean the client, not the server, set the rate; a server well "
        "below 1 core was kept waiting by other work on the machine. CPU µs/request is the "
        "server's CPU time per answer.",
        "",
        "Each server runs as a user runs it: the mock with its access log on (a line per answer, "
        "to a file), Prism at its default info logging (to a file), the floor and the bare start "
        "with no log; the mock, the floor and the bare start on the same uvicorn and httptools "
        "stack, uvicorn's own access log off. The bare start (benchmarks/barestart.py) does only "
        "what no valid start can skip: route, token, path parameters, the body against its "
        "schema, the answer built, kept and encoded.",
        "",
        "| server | c | requests/s | p50 ms | p99 ms | server CPU | wrk CPU | CPU µs/request "
        "| mock / this |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for connections in figures.concurrency():
        mock = figures.best(MOCK, connections)
        for server in SERVERS:
            run = figures.best(server, connections)
            if run is None:
                lines.append(f"| {server} | {connections} | no valid run | | | | | | |")
                continue
            load = run.load
            ratio = (
                f"{mock.load.requests_per_second / load.requests_per_second:.2f}×"
                if mock and server != MOCK and load.requests_per_second
                else ""
            )
            lines.append(
                f"| {server} | {connections} | {load.requests_per_second:.0f} | "
                f"{load.p50_us / 1000:.2f} | {load.p99_us / 1000:.2f} | "
                f"{run.server_cpu_seconds / load.seconds:.2f} | "
                f"{load.client_cpu_seconds / load.seconds:.2f} | "
                f"{run.server_cpu_seconds / load.requests * 1e6:.0f} | {ratio} |"
            )
    invalid = [r for r in figures.runs if not r.load.only(202)]
    if invalid:
        lines += ["", "Runs left out (not every answer a 202, or socket errors):", ""]
        lines += [
            f"- {r.server} {r.auth} c={r.load.connections} round {r.round}: statuses "
            f"{r.load.statuses}, socket errors {r.load.socket_errors}, timeouts {r.load.timeouts}"
            for r in invalid
        ]
    signed_at = figures.aksk_connections()
    if signed_at is not None:
        token, signed = figures.best(MOCK, signed_at), figures.best(MOCK, signed_at, AKSK)
        lines += [
            "",
            f"AK/SK-signed start on the mock at c={signed_at} (signed once; X-Sdk-Date is good "
            "for 15 minutes): "
            + (
                f"{signed.load.requests_per_second:.0f} requests/s against "
                f"{token.load.requests_per_second:.0f} with the token (best runs; one run "
                "against another differs by more than verification costs, so these rates do "
                "not measure it)"
                if token and signed
                else "no valid run"
            )
            + ".",
        ]
    served = figures.verification
    if served is not None:
        lines += [
            "",
            f"AK/SK's served cost (benchmarks/verification.py): the mock's own CPU per answer, "
            f"time.thread_time around its app, token and signed starts sent in turn on each of "
            f"{served.connections} connections; µs per answer, token → AK/SK (difference):",
            "",
        ]
        lines += [
            f"- run {n}: {r.token_us:.1f} → {r.aksk_us:.1f} ({r.difference_us:+.1f})"
            + ("" if r in served.valid() else f", left out: statuses {r.load.statuses}")
            for n, r in enumerate(served.runs, 1)
        ]
        lines += ["", f"Median of the valid runs: {_number(served.cost_us(), 'µs')}."]
    return lines


def _validation_table(figures: Figures) -> list[str]:
    validation = figures.validation
    if validation is None:
        return []
    names = list(validation.peer)
    lines = [
        "## Request validation (µs per request, best of 5; ×: openapi-core time / ours)",
        "",
        f"| validator | {' | '.join(names)} |",
        f"|---|{'---|' * len(names)}",
        f"| {validation.peer_name} (peer) | "
        + " | ".join(f"{validation.peer[n]:.0f}" for n in names)
        + " |",
    ]
    for name, per_case in validation.ours.items():
        cells = [f"{per_case[n]:.1f} ({validation.peer[n] / per_case[n]:.0f}×)" for n in names]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return lines


def _signing_table(figures: Figures) -> list[str]:
    s = figures.signing
    if s is None:
        return []
    return [
        f"## AK/SK in process (µs per request, best of {signing_cost.REPEATS} × {s.loops})",
        "",
        "| what | µs |",
        "|---|---|",
        f"| mock: judge a token start | {s.judge_token_us:.1f} |",
        f"| mock: judge an AK/SK start | {s.judge_aksk_us:.1f} |",
        f"| mock: AK/SK's share (difference) | {s.judge_difference_us:.1f} |",
        f"| verify() alone | {s.verify_us:.1f} |",
        f"| SDK: sign() | {s.sign_us:.1f} |",
    ]


def _sdk_table(figures: Figures) -> list[str]:
    if figures.sdk is None:
        return []
    first = figures.sdk[0]
    lines = [
        f"## SDK cost per call against the floor ({first.rounds} rounds of {first.calls} calls "
        "of each client, the clients taking turns call by call)",
        "",
        "µs per call is the median round's; × raw httpx is the median of the rounds' ratios (each "
        "client's µs per call over raw httpx's in the same round).",
        "",
        "| client | µs per call | × raw httpx |",
        "|---|---|---|",
    ]
    for cost in figures.sdk:
        ratio = figures.sdk_ratio(cost.client)
        cell = f"{ratio:.3f}×" if ratio is not None and cost.client != RAW else "1×"
        lines.append(f"| {cost.client} | {cost.microseconds:.0f} | {cell} |")
    return lines


def _generator_table(figures: Figures) -> list[str]:
    lines: list[str] = []
    g = figures.generator
    if g is not None:
        lines += [
            f"## Generator (seconds, whole command line, best of {g.repeats})",
            "",
            "| generator | s | × openapi-python-client |",
            "|---|---|---|",
            f"| ours, cold (GENERATOR_NO_CACHE=1) | {g.ours_cold:.2f} | {g.ours_cold / g.peer:.2f}× |",
            f"| ours, warm (build/cache) | {g.ours_warm:.2f} | {g.ours_warm / g.peer:.2f}× |",
            f"| openapi-python-client (peer) | {g.peer:.2f} | 1× |",
        ]
    noop = figures.noop_make
    if noop is not None:
        lines += [
            "",
            f"No-op `make` (in a copy of the work tree, after one `make` there of "
            f"{noop.first_make_seconds:.1f} s): {noop.seconds:.2f} s, best of {noop.repeats}"
            + (f"; it ran {len(noop.recipes)} recipe lines" if noop.recipes else "")
            + ".",
        ]
    return lines


def _machine_facts(machine: dict[str, object]) -> list[str]:
    shown = {
        "date": "{}",
        "cores": "{} cores",
        "cpu_model": "{}",
        "python": "Python {}",
        "platform": "{}",
    }
    facts = [form.format(machine[key]) for key, form in shown.items() if machine.get(key)]
    stolen = machine.get("cpu_stolen_share")
    if isinstance(stolen, float):
        facts.append(f"CPU time taken by the host during the run: {stolen:.1%}")
    return facts


def markdown(figures: Figures, judged: list[Verdict]) -> str:
    """The report as Markdown: the goals first, then a table per section."""
    machine = figures.machine
    lines = [
        "# Benchmarks",
        "",
        " · ".join(_machine_facts(machine)),
        "",
        f"> {CAVEAT}",
        "",
        f"## Goals: {goals.summary(judged)}",
        "",
        *_goals_table(judged),
    ]
    if figures.errors:
        lines += ["", "Sections that failed:", ""]
        lines += [f"- {name}: {message}" for name, message in figures.errors.items()]
    for section in (
        _throughput_tables(figures),
        _signing_table(figures),
        _sdk_table(figures),
        _generator_table(figures),
        _validation_table(figures),
    ):
        if section:
            lines += ["", *section]
    tools = "; ".join(
        f"{k} {', '.join(map(str, v)) if isinstance(v, list) else v}"
        for k, v in figures.tools.items()
    )
    lines += ["", f"Tools: {tools}."]
    return "\n".join(lines) + "\n"


def write(figures: Figures, out: Path) -> tuple[list[Verdict], list[Path]]:
    """Write report.json and report.md into `out`; the verdicts and the files written."""
    judged = verdicts(figures)
    out.mkdir(parents=True, exist_ok=True)
    data = out / "report.json"
    data.write_text(json.dumps(to_json(figures, judged), indent=2, ensure_ascii=False) + "\n")
    text = out / "report.md"
    text.write_text(markdown(figures, judged), encoding="utf-8")
    return judged, [data, text]
