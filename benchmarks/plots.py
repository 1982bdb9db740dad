"""The report's plots (matplotlib, Agg: no display): throughput and latency against concurrency for
the mock, Prism, the floor and the bare start, and the SDK's cost per call."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot: files only, on a machine with no display

import matplotlib.pyplot as plt  # noqa: E402  # reason: the backend is chosen first
from matplotlib.axes import Axes  # noqa: E402  # reason: as above

from benchmarks.figures import Figures  # noqa: E402  # reason: as above
from benchmarks.sweep import BARE, FLOOR, MOCK, PRISM, SERVERS  # noqa: E402  # reason: as above

THROUGHPUT, LATENCY, SDK = "throughput.png", "latency.png", "sdk.png"
MARKERS = {MOCK: "o", PRISM: "s", FLOOR: "^", BARE: "D"}


def _series(figures: Figures, server: str, field: str) -> tuple[list[int], list[float]]:
    xs: list[int] = []
    ys: list[float] = []
    for connections in figures.concurrency():
        run = figures.best(server, connections)
        if run is not None:
            xs.append(connections)
            ys.append(float(getattr(run.load, field)))
    return xs, ys


def _concurrency_axis(axes: Axes, figures: Figures) -> None:
    axes.set_xscale("log", base=2)
    axes.set_xticks(figures.concurrency(), [str(c) for c in figures.concurrency()])
    axes.set_xlabel("concurrent connections")
    axes.grid(True, which="major", alpha=0.3)


def throughput(figures: Figures, path: Path) -> None:
    """Requests/s against concurrency, one line per server (log scale: Prism is far below)."""
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for server in SERVERS:
        xs, ys = _series(figures, server, "requests_per_second")
        axes.plot(xs, ys, marker=MARKERS[server], label=server)
    _concurrency_axis(axes, figures)
    axes.set_yscale("log")
    axes.set_ylabel("requests/s (valid start, 202)")
    axes.set_title("Throughput against concurrency")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def latency(figures: Figures, path: Path) -> None:
    """p50 and p99 latency against concurrency, one line per server, a panel for each."""
    figure, panels = plt.subplots(1, 2, figsize=(10, 4.5), sharey=True)
    for axes, (field, title) in zip(
        panels, (("p50_us", "p50 latency"), ("p99_us", "p99 latency")), strict=True
    ):
        for server in SERVERS:
            xs, ys = _series(figures, server, field)
            axes.plot(xs, [y / 1000 for y in ys], marker=MARKERS[server], label=server)
        _concurrency_axis(axes, figures)
        axes.set_yscale("log")
        axes.set_title(title)
    panels[0].set_ylabel("ms")
    panels[0].legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def sdk(figures: Figures, path: Path) -> None:
    """µs per call of each client against the floor, as bars."""
    costs = figures.sdk or []
    figure, axes = plt.subplots(figsize=(8, 4.5))
    names = [c.client for c in costs]
    bars = axes.barh(names, [c.microseconds for c in costs], color="#4c72b0")
    axes.bar_label(bars, labels=[f"{c.microseconds:.0f} µs" for c in costs], padding=3)
    axes.invert_yaxis()
    axes.set_xlabel("µs per call (start, against the floor)")
    axes.set_title("SDK cost per call")
    axes.margins(x=0.2)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write(figures: Figures, out: Path) -> list[Path]:
    """The plots of the sections that ran, into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if figures.runs is not None:
        throughput(figures, out / THROUGHPUT)
        latency(figures, out / LATENCY)
        written += [out / THROUGHPUT, out / LATENCY]
    if figures.sdk is not None:
        sdk(figures, out / SDK)
        written.append(out / SDK)
    return written
