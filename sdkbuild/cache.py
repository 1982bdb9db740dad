"""A content-addressed cache of build outputs under build/cache: the same inputs give the same bytes."""

# Why: datamodel-code-generator is most of a generation's time (its imports and its parse), and
# its output depends only on what it is given. A doc update that leaves the models alone, and a
# no-op regeneration, take it from here. An entry is named by the sha256 of every input and
# holds its own digest, so a stale or damaged entry is a miss, never a wrong output.

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from sdkbuild.paths import ROOT

CACHE = ROOT / "build" / "cache"
ENTRIES = 32
"""Entries kept of each kind, the newest: enough for a few branches' worth of specs."""
DISABLE = "GENERATOR_NO_CACHE"
"""Set (to anything) in the environment: every step runs, nothing is read or written here."""


def key(*parts: str) -> str:
    """The sha256 of the parts, each length-prefixed so that no two lists of parts collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        digest.update(f"{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


def read(kind: str, name: str) -> str | None:
    """The text stored under `name`, or None (absent, damaged, or the cache is off)."""
    if os.environ.get(DISABLE):
        return None
    try:
        entry = json.loads((CACHE / kind / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    text = entry.get("text") if isinstance(entry, dict) else None
    if not isinstance(text, str) or hashlib.sha256(text.encode()).hexdigest() != entry.get(
        "sha256"
    ):
        return None
    return text


def write(kind: str, name: str, text: str) -> None:
    """Store `text` under `name`, atomically, keeping the newest ENTRIES of its kind; a cache
    that cannot be written is no cache."""
    if os.environ.get(DISABLE):
        return
    folder = CACHE / kind
    entry = json.dumps({"sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(entry)
        os.replace(temporary, folder / f"{name}.json")
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def directory(kind: str) -> Path | None:
    """A folder of the cache for a tool's own cache (Jinja's bytecode), or None when off."""
    if os.environ.get(DISABLE):
        return None
    try:
        (CACHE / kind).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return CACHE / kind


VALID = "valid"


class ValidatorVerdicts:
    """speccore.validation's `Verdicts` here: a warm generation of an unchanged spec skips
    openapi-spec-validator (a third of its time); with the cache off, every spec is validated."""

    def known_valid(self, key: str) -> bool:
        """Whether a clean verdict is stored under `key`."""
        return read("verdicts", key) == VALID

    def remember_valid(self, key: str) -> None:
        """Store a clean verdict under `key`."""
        write("verdicts", key, VALID)
