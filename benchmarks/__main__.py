"""`python -m benchmarks`: validation cost and mock throughput, each against its peer, in one run."""

from __future__ import annotations

import argparse
import platform
from pathlib import Path

from benchmarks import throughput, validation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loops", type=int, default=2000, help="validations per timing")
    parser.add_argument("--seconds", type=float, default=10, help="length of each throughput run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--out", type=Path, default=Path("build/bench"))
    args = parser.parse_args()
    sections = [
        f"# Benchmarks ({platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()})",
        "## Request validation (µs per request, best of 5; ratio: openapi-core time / ours)",
        validation.report(args.loops, args.out),
        f"## Throughput ({args.connections} keep-alive connections, {args.seconds:.0f} s each)",
        throughput.report(args.seconds, args.connections, args.out),
    ]
    text = "\n\n".join(sections) + "\n"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.md").write_text(text)
    print(text)
    print(f"(written to {args.out / 'report.md'})")


if __name__ == "__main__":
    main()
