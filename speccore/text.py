"""Text shared by every report and template: one-line prose, Markdown table cells and code spans."""

from __future__ import annotations

import re


def one_line(text: object) -> str:
    """Any text on one line, runs of white space folded to one space."""
    return " ".join(str(text).split())


def markdown_cell(text: object) -> str:
    """Text for one Markdown table cell: on one line, with `|` escaped so it cannot split the row.

    Spec descriptions are CommonMark (OpenAPI says so), so nothing else is escaped.
    """
    return one_line(text).replace("|", "\\|")


def markdown_code(text: object) -> str:
    """Text as one inline code span, safe in a table cell: backticks fenced, `|` escaped."""
    flat = one_line(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return fence + pad + flat.replace("|", "\\|") + pad + fence
