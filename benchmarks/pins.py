"""The version a pinned requirements file (`name==version` lines) names for a package."""

from __future__ import annotations

from pathlib import Path


def pinned_version(requirements: Path, package: str) -> str | None:
    """`package`'s pinned version in `requirements`, or None when it pins none."""
    for line in requirements.read_text().splitlines():
        name, _, pinned = line.partition("==")
        if name.strip() == package:
            return pinned.strip()
    return None
