"""Validate a spec: local refs, then openapi-spec-validator (OpenAPI 3.0), then our lint rules."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import replace
from importlib import metadata
from typing import TYPE_CHECKING, Any, Protocol

# openapi-spec-validator switches to a jsonschema-rs backend whenever that package is installed (the
# mock and schemathesis bring it), and the two backends word and locate errors differently. Our
# diagnostics must not depend on what else is installed: always the python-jsonschema backend.
os.environ["OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"] = "jsonschema"

from speccore.diagnostics import Diagnostic, Level, SpecError  # noqa: E402
from speccore.lint import HOUSE, LintConfig, lint, rule_examples
from speccore.loading import SpecDocument
from speccore.pointers import pointer
from speccore.refs import check_refs, ref_cycles, resolve_pointer

if TYPE_CHECKING:
    import jsonschema.exceptions

_MAX_MESSAGE = 200
VALIDATOR_PACKAGES = ("openapi-spec-validator", "openapi-schema-validator", "jsonschema")
"""What openapi-spec-validator's verdict depends on beside the spec: a remembered verdict is
keyed by their versions."""


class Verdicts(Protocol):
    """Where openapi-spec-validator's clean verdicts are remembered (the build cache), by key."""

    def known_valid(self, key: str) -> bool:
        """Whether the validator found the spec of `key` valid before."""

    def remember_valid(self, key: str) -> None:
        """Record that the validator found the spec of `key` valid."""


def verdict_key(doc: SpecDocument) -> str:
    """The spec's sha256 and the validator's versions: a clean verdict holds for exactly these."""
    parts = [doc.sha256, *(f"{p}=={metadata.version(p)}" for p in VALIDATOR_PACKAGES)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def validate_document(
    doc: SpecDocument, *, config: LintConfig | None = HOUSE, verdicts: Verdicts | None = None
) -> list[Diagnostic]:
    """All diagnostics of `doc`, sorted, each with the line it points at.

    Raises SpecError when the document is not OpenAPI 3.0 at all (no point in linting it).
    `config=None` stops after openapi-spec-validator: a valid spec that is not a transcription
    of ours (the mock serves any 3.0 spec). With `verdicts`, a spec the same validator found
    valid before is not validated again (its bytes are the same, so is the verdict).
    """
    version = doc.data.get("openapi")
    if not isinstance(version, str) or not version.startswith("3.0."):
        msg = f"'openapi' must be a 3.0.x version string (3.0.3); found {version!r}"
        raise SpecError([_locate(doc, Diagnostic("/openapi", msg, "openapi-version"))])
    found = (
        [replace(d, level=config.level(d.rule) or Level.WARNING) for d in doc.findings]
        if config
        else []
    )
    if any(d.level is Level.ERROR for d in found):
        return sorted(found)
    # Cycles before the validator: openapi-spec-validator recurses until Python gives up on one.
    problems = check_refs(doc.data) or ref_cycles(doc.data)
    if not problems:
        # openapi-spec-validator raises (not yields) on a dangling $ref, hence the check above.
        problems = _remembered_validator_diagnostics(doc, verdicts)
    if not problems and config is not None:
        problems = list(lint(doc.data, config))
    return sorted([*found, *(_locate(doc, d) for d in problems)])


def _remembered_validator_diagnostics(
    doc: SpecDocument, verdicts: Verdicts | None
) -> list[Diagnostic]:
    # Only a clean verdict is remembered: a spec with errors is being edited, and is validated
    # anew each time.
    key = verdict_key(doc) if verdicts is not None else ""
    if verdicts is not None and verdicts.known_valid(key):
        return []
    problems = _validator_diagnostics(doc.data)
    if verdicts is not None and not problems:
        verdicts.remember_valid(key)
    return problems


def _validator_diagnostics(data: dict[str, Any]) -> list[Diagnostic]:
    # openapi-spec-validator checks each schema (and each default) on its own and reports those
    # errors with a path relative to that schema, or none at all. Such an error is dropped when a
    # located error says the same thing (its path is a suffix of the located pointer); otherwise our
    # own example/default rule, which knows where it is, is asked to locate it.
    # Imported here: its import chain (jsonschema-path, requests, pydantic-settings) is a good part
    # of a generation's time, and a spec with a remembered verdict does not need it.
    from openapi_spec_validator import OpenAPIV30SpecValidator

    located: list[Diagnostic] = []
    unlocated: list[Diagnostic] = []
    for error in OpenAPIV30SpecValidator(data).iter_errors():
        diagnostic = _from_schema_error(error)
        target = (
            located if diagnostic.pointer and _resolves(data, diagnostic.pointer) else unlocated
        )
        target.append(diagnostic)
    unlocated = [
        u
        for u in unlocated
        if not (u.pointer and any(d.pointer.endswith(u.pointer) for d in located))
    ]
    if unlocated:
        try:
            found = list(rule_examples(data))
        except Exception:  # the rule assumes a valid document, and this one is not
            found = []
        if found:
            return located + found
    return located + unlocated


def _resolves(data: Any, json_pointer: str) -> bool:
    try:
        resolve_pointer(data, "#" + json_pointer)
    except KeyError:
        return False
    return True


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
