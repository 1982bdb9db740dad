"""Where the SDK build finds its inputs: the repository, its templates and the runtime it copies."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
RUNTIME = TEMPLATES / "runtime"
