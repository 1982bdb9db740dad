"""`make load`: Locust drives the mock, in its own process, with the mix; statuses, drops, memory.

The mock runs in its own process (mockserver.background.serving_process), Locust headless in
others (benchmarks.swarm: one process, or a master and --workers local workers, all on loopback),
bounded by time and by request count. Reports statuses and dropped connections per kind, the
server's resident memory before, during and after, and Locust's own CSV and HTML stats, in the
report's folder; exits 1 on any 5xx, dropped connection or failed Locust run. Asserts nothing
else itself (tests/test_load.py does, on counts only, never on timings).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from benchmarks import swarm
from benchmarks.mix import MIX, loopback_refusal
from benchmarks.tally import Tally
from mockserver.background import serving_process

__all__ = ["LoadReport", "rss_kib", "run"]

PROGRESS_SECONDS = 5
DEFAULT_REPORT = Path("build/load/report.json")


@dataclass
class LoadReport:
    """What a load run saw."""

    seconds: float
    connections: int
    max_requests: int
    workers: int
    target: str = ""
    requests: int = 0
    elapsed_seconds: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)  # dropped connections, by error type
    by_kind: dict[str, Any] = field(default_factory=dict)
    per_worker: dict[str, int] = field(default_factory=dict)
    rss_kib: list[int] = field(default_factory=list)  # before, each second, after
    locust_exit_code: int | None = None
    worker_exit_codes: list[int | None] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why the run itself failed

    @property
    def server_errors(self) -> int:
        """Responses with a 5xx status."""
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def dropped(self) -> int:
        """Requests that got no whole response."""
        return sum(self.errors.values())

    @property
    def rss_growth_kib(self) -> int:
        """Peak RSS of the last third of the run minus that of the first third (after warm-up)."""
        if not self.rss_kib:
            return 0
        third = max(1, len(self.rss_kib) // 3)
        return max(self.rss_kib[-third:]) - max(self.rss_kib[:third])

    @property
    def failed(self) -> bool:
        """Any 5xx, any dropped connection, or a Locust run that did not end well."""
        return bool(self.server_errors or self.errors or self.problems)


def rss_kib(pid: int) -> int:
    """Resident set size of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def run(
    seconds: float,
    connections: int,
    *,
    max_requests: int,
    workers: int = 0,
    directory: Path = DEFAULT_REPORT.parent,
    target: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> LoadReport:
    """Load `target`, or a mock started in its own process, with Locust; count what came back."""
    if target is not None:
        refusal = loopback_refusal(target)
        if refusal is not None:
            raise ValueError(f"target {refusal}; load runs target loopback only")
        plan = swarm.Plan(target, connections, seconds, max_requests, workers, directory)
        return _load(plan, None, progress)
    with serving_process("--seed", "1") as (base_url, pid):
        plan = swarm.Plan(base_url, connections, seconds, max_requests, workers, directory)
        return _load(plan, pid, progress)


def _load(plan: swarm.Plan, pid: int | None, progress: Callable[[str], None] | None) -> LoadReport:
    report = LoadReport(
        plan.seconds, plan.users, plan.max_requests, plan.workers, target=plan.target
    )
    if pid is not None:
        report.rss_kib.append(rss_kib(pid))
    ticks = itertools.count(1)

    def tick() -> None:
        if pid is not None:
            report.rss_kib.append(rss_kib(pid))
        if progress is not None and (n := next(ticks)) % PROGRESS_SECONDS == 0:
            progress(_progress_line(n, _read_tally(plan.tally_file), report.rss_kib))

    outcome = swarm.run(plan, tick)
    if pid is not None:
        report.rss_kib.append(rss_kib(pid))
    report.locust_exit_code = outcome.exit_code
    report.worker_exit_codes = list(outcome.worker_exit_codes)
    document = _read_tally(plan.tally_file)
    if document is None or not document.get("finished"):
        report.problems.append(f"Locust wrote no final counts: see {plan.log_file}")
    if document is not None:
        _fill(report, document)
    # Locust exits 1 when a request failed, which here is a 5xx or a drop, already counted.
    explained = {0, 1} if report.server_errors or report.errors else {0}
    if outcome.exit_code is None:
        report.problems.append(f"Locust outran its bounds and was stopped: see {plan.log_file}")
    elif outcome.exit_code not in explained:
        report.problems.append(f"Locust exited with {outcome.exit_code}: see {plan.log_file}")
    for index, code in enumerate(outcome.worker_exit_codes):
        if code not in explained:
            log = plan.directory / f"worker-{index}.log"
            report.problems.append(f"Locust worker {index} exited with {code}: see {log}")
    return report


def _fill(report: LoadReport, document: dict[str, Any]) -> None:
    tally = Tally.from_json(document["tally"])
    report.requests = tally.requests
    report.elapsed_seconds = float(document["elapsed_seconds"])
    report.statuses = tally.status_totals()
    report.errors = tally.drop_totals()
    report.per_worker = dict(tally.workers)
    report.by_kind = {
        kind.name: {
            "statuses": dict(sorted(tally.statuses.get(kind.name, {}).items())),
            "dropped": dict(sorted(tally.dropped.get(kind.name, {}).items())),
        }
        for kind in MIX
    }
    if report.workers and len(report.per_worker) < report.workers:
        report.problems.append(
            f"{len(report.per_worker)} of {report.workers} workers reported requests"
        )


def _read_tally(path: Path) -> dict[str, Any] | None:
    try:
        document: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError):  # not written yet; it is replaced whole, never half-written
        return None
    return document


def _progress_line(elapsed: int, document: dict[str, Any] | None, rss: list[int]) -> str:
    memory = f"; server RSS {rss[-1] // 1024} MiB" if rss else ""
    if document is None:
        return f"load: {elapsed} s, Locust starting{memory}"
    tally = Tally.from_json(document["tally"])
    server_errors = sum(n for status, n in tally.status_totals().items() if status >= 500)
    dropped = sum(tally.drop_totals().values())
    return (
        f"load: {elapsed} s, {tally.requests} requests, 5xx {server_errors}, "
        f"dropped {dropped}{memory}"
    )


def summary(report: LoadReport, report_path: Path) -> str:
    """The one line a run prints."""
    elapsed = report.elapsed_seconds or report.seconds
    rate = report.requests / elapsed
    over = f"{report.connections} connections"
    if report.workers:
        over += f" from {report.workers} workers {dict(sorted(report.per_worker.items()))}"
    if report.rss_kib:
        memory = (
            f"server RSS {report.rss_kib[0] // 1024}→{report.rss_kib[-1] // 1024} MiB "
            f"(growth {report.rss_growth_kib // 1024} MiB)"
        )
    else:
        memory = "server RSS not sampled (not our process)"
    problems = f"; FAILED: {'; '.join(report.problems)}" if report.problems else ""
    return (
        f"load: {report.requests} requests in {elapsed:.1f} s ({rate:.0f}/s) over {over}; "
        f"statuses {dict(sorted(report.statuses.items()))}; dropped connections "
        f"{report.errors or 0}; 5xx {report.server_errors}; {memory}; report {report_path}"
        f"{problems}"
    )


def write(report: LoadReport, report_path: Path) -> None:
    """The JSON report, with the derived figures beside the counts."""
    document = {
        **asdict(report),
        "server_errors": report.server_errors,
        "dropped": report.dropped,
        "rss_growth_kib": report.rss_growth_kib,
        "failed": report.failed,
    }
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(document, indent=2))


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def _loopback(url: str | None) -> str | None:
    if url is not None and (refusal := loopback_refusal(url)) is not None:
        raise typer.BadParameter(f"{refusal}; load runs target loopback only")
    return url


@app.command()
def main(
    seconds: Annotated[float, typer.Option(help="Longest the run may take.", min=1, max=3600)] = 60,
    connections: Annotated[
        int,
        typer.Option(
            "--connections", "--users", help="Locust users: one connection each.", min=1, max=512
        ),
    ] = 64,
    max_requests: Annotated[
        int, typer.Option(help="Most requests the run may send, in all.", min=1, max=100_000_000)
    ] = 10_000_000,
    workers: Annotated[
        int,
        typer.Option(help="Local Locust workers under one master (0: one process).", min=0, max=16),
    ] = 0,
    report_path: Annotated[
        Path,
        typer.Option("--report", help="The JSON report; Locust's files are written beside it."),
    ] = DEFAULT_REPORT,
    target: Annotated[
        str | None,
        typer.Option(
            help="Load this loopback server instead of starting the mock (memory not sampled).",
            callback=_loopback,
        ),
    ] = None,
) -> None:
    """`python -m benchmarks.load`: Locust against the mock in its own process."""
    who = f"{target}" if target else "a mock on loopback"
    how = f"{workers} workers" if workers else "one process"
    typer.echo(
        f"load: Locust, {connections} users ({how}), at most {seconds:g} s and {max_requests} "
        f"requests, against {who}",
        err=True,
    )
    report = run(
        seconds,
        connections,
        max_requests=max_requests,
        workers=workers,
        directory=report_path.parent,
        target=target,
        progress=lambda line: typer.echo(line, err=True),
    )
    write(report, report_path)
    print(summary(report, report_path))
    if report.failed:
        raise SystemExit(1)


if __name__ == "__main__":
    app()
