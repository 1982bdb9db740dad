"""Diagnostics: every problem any tool reports, as a value with a file, a place, a rule and a level.

The one error style: a spec's lint findings, a doc page that cannot be read, a malformed waiver
file and a spec revision git cannot show are all Diagnostics, rendered by `render` (one line each,
`file:line: level [rule] #/pointer: message`) and raised, when they stop a tool, in a SpecError.
"""

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
    file: str = ""
    """The file it is about, when the diagnostic knows it (else the caller's `source`)."""

    def render(self, source: str = "") -> str:
        """One line for a terminal: `file:line: level [rule] #/pointer: message`."""
        file = self.file or source
        if file:
            where = f"{file}:{self.line}" if self.line else file
        else:
            where = f"line {self.line}" if self.line else "(no file)"
        at = f" #{self.pointer}:" if self.pointer else ""
        return f"{where}: {self.level.value} [{self.rule}]{at} {self.message}"


def render(diagnostics: Iterable[Diagnostic], source: str = "") -> str:
    """Every diagnostic on its own line (the one renderer every command line uses)."""
    return "".join(d.render(source) + "\n" for d in diagnostics)


class SpecError(Exception):
    """An input cannot be used at all (unreadable, not YAML, not OpenAPI, not a doc page, a bad
    waiver file); exit code 2. Its diagnostics say where and what."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__(
            "; ".join(d.render() if d.file or d.line else d.message for d in self.diagnostics)
        )


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any diagnostic is an error."""
    return any(d.level is Level.ERROR for d in diagnostics)
