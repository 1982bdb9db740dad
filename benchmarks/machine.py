"""The machine a run ran on: cores, Python, CPU model, load, and the CPU time its host took meanwhile."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# Why the stolen time: the same code on two machines of one kind gave AK/SK's served cost as 24.3
# and 13.1 µs, and the mock 5,082 and 8,422 starts/s (benchmarks/PROFILES.md, seventh round). On
# a virtual machine the hypervisor's other guests take CPU time the kernel counts as "steal"; a
# run that lost much of it is not comparable with one that lost none, whatever its ratios say.

PROC_STAT = Path("/proc/stat")
CPU_INFO = Path("/proc/cpuinfo")


@dataclass(frozen=True)
class CpuTicks:
    """The whole machine's CPU time so far, in the kernel's ticks: all of it, and the host's."""

    total: int
    stolen: int


def cpu_ticks(stat: str | None = None) -> CpuTicks | None:
    """From /proc/stat's `cpu` line (`stat`: its text); None where there is none (not Linux)."""
    stat = _text(PROC_STAT) if stat is None else stat
    for line in stat.splitlines():
        fields = line.split()
        if fields and fields[0] == "cpu":
            # user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is
            # counted in user and nice already, so it is left out of the total.
            ticks = [int(value) for value in fields[1:9]]
            if len(ticks) < 8:
                return None
            return CpuTicks(total=sum(ticks), stolen=ticks[7])
    return None


def stolen_share(before: CpuTicks | None, after: CpuTicks | None) -> float | None:
    """The share of the machine's CPU time its host took between two readings; None if unknown."""
    if before is None or after is None or after.total <= before.total:
        return None
    return (after.stolen - before.stolen) / (after.total - before.total)


def cpu_model(cpuinfo: str | None = None) -> str | None:
    """The first `model name` of /proc/cpuinfo (`cpuinfo`: its text); None where there is none."""
    cpuinfo = _text(CPU_INFO) if cpuinfo is None else cpuinfo
    for line in cpuinfo.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip() == "model name":
            return value.strip() or None
    return None


def _text(path: Path) -> str:
    """The file's text; empty where it cannot be read (no /proc on this system)."""
    try:
        return path.read_text()
    except OSError:
        return ""


def at_start() -> dict[str, object]:
    """What is known of the machine before the run."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "cpu_model": cpu_model() or platform.processor() or None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "load_average_at_start": list(os.getloadavg()),
    }


def at_end(start: CpuTicks | None) -> dict[str, object]:
    """What is known after the run: the load, and the share of CPU time stolen since `start`."""
    return {
        "load_average_at_end": list(os.getloadavg()),
        "cpu_stolen_share": stolen_share(start, cpu_ticks()),
    }
