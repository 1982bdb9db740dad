"""Diagnostics: problems found in a spec, as values with a level, a place and a message."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Level(enum.Enum):
    """How bad a problem is: an error fails validation, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where (a JSON pointer into the spec, or file:line), what, and which rule."""

    pointer: str
    message: str
    rule: str
    level: Level = Level.ERROR
    line: int | None = None

    def render(self, source: str) -> str:
        """One line for a terminal: `file:line: level [rule] #/pointer: message`."""
        where = f"{source}:{self.line}" if self.line else source
        at = f" #{self.pointer}:" if self.pointer else ""
        return f"{where}: {self.level.value} [{self.rule}]{at} {self.message}"


class SpecError(Exception):
    """The document cannot be used at all (unreadable, not YAML, not OpenAPI); exit code 2."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("; ".join(d.message for d in self.diagnostics))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any diagnostic is an error."""
    return any(d.level is Level.ERROR for d in diagnostics)
