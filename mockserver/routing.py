"""The route stage: a raw path and method to an operation and its path parameters, or 404/405."""

from __future__ import annotations

from mockserver.answers import ErrorAnswers
from mockserver.responses import NO_SUCH_API
from mockserver.spec import MockSpec, Operation
from mockserver.verdicts import Rejected, Stage


def route(
    spec: MockSpec, method: str, raw_path: str, errors: ErrorAnswers
) -> tuple[Operation, dict[str, str]] | Rejected:
    """The operation serving `method raw_path` and its (percent-decoded) path parameters."""
    found = spec.find(raw_path)
    if found is None:
        message = f"The API does not exist: no path of the spec matches {raw_path}"
        return Rejected(Stage.ROUTE, errors.error(404, NO_SUCH_API, message))
    matched, path_params = found
    operation = matched.operations.get(method)
    if operation is None:
        allow = ", ".join(sorted(matched.operations))
        message = (
            f"The API does not exist: {method} is not allowed on {matched.template}; use {allow}"
        )
        return Rejected(
            Stage.ROUTE, errors.error(405, NO_SUCH_API, message, headers={"Allow": allow})
        )
    return operation, path_params
