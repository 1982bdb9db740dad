"""The project's generator settings: `[tool.generator]` of pyproject.toml (package, lint rules)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sdkbuild.parsing import DEFAULT_PACKAGE
from sdkbuild.paths import ROOT

CONFIG_FILE = ROOT / "pyproject.toml"


@dataclass(frozen=True)
class ProjectConfig:
    """What `[tool.generator]` says; each key has a default, so the table may be absent."""

    package: str = DEFAULT_PACKAGE
    lint: str = "house"
    rules: Mapping[str, str] = field(default_factory=dict)
    """Per-rule levels over the profile's: `[tool.generator.lint-rules] bounds = "warning"`."""


def project_config(path: Path) -> ProjectConfig:
    """Read the settings; ValueError says what is wrong (an unreadable file, a bad value)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"cannot read the generator settings: {exc}") from None
    table = data.get("tool", {}).get("generator", {})
    if not isinstance(table, dict):
        raise ValueError("[tool.generator] must be a table")
    rules = table.get("lint-rules", {})
    package, lint = table.get("package", DEFAULT_PACKAGE), table.get("lint", "house")
    if not isinstance(rules, dict) or not all(isinstance(v, str) for v in rules.values()):
        raise ValueError(
            '[tool.generator.lint-rules] maps rule names to "error", "warning" or "off"'
        )
    if not isinstance(package, str) or not isinstance(lint, str):
        raise ValueError("[tool.generator] package and lint must be strings")
    return ProjectConfig(package=package, lint=lint, rules=dict(rules))
