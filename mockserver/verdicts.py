"""What the mock makes of a request: accepted, or rejected at a named stage with its error answer."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mockserver.responses import Response
from mockserver.spec import Operation


class Stage(enum.Enum):
    """The stage that refused a request, in the order the mock (and the gateway) checks them."""

    ROUTE = "route"
    AUTH = "auth"
    PARAMETERS = "parameters"
    CONTENT_TYPE = "content-type"
    BODY = "body"


@dataclass(frozen=True)
class Rejected:
    """A request the mock refuses: at which stage, and the error response."""

    stage: Stage
    response: Response


@dataclass(slots=True)
class Accepted:
    """A valid request: its operation, path parameters, headers, parsed body and query values.

    Not frozen: every valid request makes one (a frozen one cost three times as much), and
    nothing changes it."""

    operation: Operation
    path_params: dict[str, str]
    headers: dict[str, str]
    body: Any
    query: Mapping[str, Any] = field(default_factory=dict)
    """The query parameters given, by name, read as their types (an array as a list)."""
