"""Validate a spec: local refs, then openapi-spec-validator (OpenAPI 3.0), then our lint rules."""

from __future__ import annotations

from collections.abc import Iterable

import jsonschema.exceptions
from openapi_spec_validator import OpenAPIV30SpecValidator

from generator.diagnostics import Diagnostic, SpecError, pointer
from generator.lint import lint
from generator.loading import SpecDocument
from generator.refs import check_refs

_MAX_MESSAGE = 200


def validate_document(doc: SpecDocument) -> list[Diagnostic]:
    """All diagnostics of `doc`, sorted, each with the line it points at.

    Raises SpecError when the document is not OpenAPI 3.0 at all (no point in linting it).
    """
    version = doc.data.get("openapi")
    if not isinstance(version, str) or not version.startswith("3.0."):
        msg = f"'openapi' must be a 3.0.x version string (3.0.3); found {version!r}"
        raise SpecError([_locate(doc, Diagnostic("/openapi", msg, "openapi-version"))])
    problems = check_refs(doc.data)
    if not problems:
        # openapi-spec-validator raises (not yields) on a dangling $ref, hence the check above.
        problems = [_from_schema_error(e) for e in OpenAPIV30SpecValidator(doc.data).iter_errors()]
    if not problems:
        problems = list(lint(doc.data))
    return sorted(_locate(doc, d) for d in problems)


def _locate(doc: SpecDocument, diagnostic: Diagnostic) -> Diagnostic:
    if diagnostic.line is not None:
        return diagnostic
    return Diagnostic(
        diagnostic.pointer,
        diagnostic.message,
        diagnostic.rule,
        diagnostic.level,
        doc.line_of(diagnostic.pointer),
    )


def _from_schema_error(error: jsonschema.exceptions.ValidationError) -> Diagnostic:
    # The OpenAPI meta-schema reports a bad property as "<whole schema> is not valid under any of
    # the given schemas"; the most relevant sub-error names the actual keyword and value.
    best = _deepest(error)
    path = list(best.absolute_path)
    message = best.message
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 3] + "..."
    return Diagnostic(pointer(*path), message, "openapi")


def _deepest(error: jsonschema.exceptions.ValidationError) -> jsonschema.exceptions.ValidationError:
    candidates: Iterable[jsonschema.exceptions.ValidationError] = error.context or ()
    best = error
    for sub in candidates:
        deeper = _deepest(sub)
        if len(deeper.absolute_path) > len(best.absolute_path):
            best = deeper
    return best
