"""Compare a committed generated tree with a fresh one, as a unified diff."""

from __future__ import annotations

import difflib
from pathlib import Path


def compare_trees(committed: Path, fresh: Path) -> str:
    """A unified diff of every file that differs, is missing or is extra; empty when identical."""
    committed_files = _files(committed)
    fresh_files = _files(fresh)
    chunks: list[str] = []
    for relative in sorted(committed_files | fresh_files):
        old = _read(committed / relative) if relative in committed_files else []
        new = _read(fresh / relative) if relative in fresh_files else []
        if old != new:
            label = committed.name or str(committed)
            chunks.extend(
                difflib.unified_diff(
                    old, new, f"{label}/{relative} (committed)", f"{label}/{relative} (fresh)"
                )
            )
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


# What installing or building the generated package leaves beside what the generator writes
# (`pip install ./generated`: build/ and *.egg-info; `python -m build`: dist/; imports:
# __pycache__). None of it is the generator's, so none of it makes the output stale.
BUILD_ARTIFACT_DIRS = ("build", "dist")


def _is_artifact(relative: Path) -> bool:
    parts = relative.parts
    return (
        parts[0] in BUILD_ARTIFACT_DIRS
        or "__pycache__" in parts
        or any(part.endswith(".egg-info") for part in parts)
    )


def _files(tree: Path) -> set[str]:
    if not tree.is_dir():
        return set()
    return {
        p.relative_to(tree).as_posix()
        for p in tree.rglob("*")
        if p.is_file() and not _is_artifact(p.relative_to(tree))
    }


def _read(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8", errors="replace").splitlines(keepends=True)
