"""The spec as the mock serves it: routes, parameters, bodies, responses and security, compiled once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from mockserver.schemas import CompiledSchema, compile_schema
from speccore.diagnostics import SpecError, has_errors
from speccore.loading import load_spec
from speccore.refs import deref
from speccore.validation import validate_document
from speccore.walk import HTTP_METHODS

_TEMPLATE_PART = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Parameter:
    """A path, query or header parameter with its compiled schema."""

    name: str
    location: str
    required: bool
    json_type: str | None
    schema: CompiledSchema


@dataclass(frozen=True)
class RequestBody:
    """The request body: whether it is required, its media types and its compiled schema."""

    required: bool
    media_types: tuple[str, ...]
    schema: CompiledSchema | None


@dataclass(frozen=True)
class ResponseSpec:
    """A documented response: status, headers and the examples of its JSON body."""

    status: int
    header_names: tuple[str, ...]
    examples: Mapping[str, Any]
    schema: Any


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, ready to be served."""

    operation_id: str
    method: str
    path_template: str
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: Mapping[int, ResponseSpec]
    security: tuple[tuple[str, ...], ...]

    @property
    def success(self) -> ResponseSpec:
        """The lowest documented 2xx response."""
        return self.responses[min(s for s in self.responses if 200 <= s < 300)]


@dataclass(frozen=True)
class SecurityScheme:
    """An apiKey scheme: the header it travels in."""

    name: str
    header: str


@dataclass(frozen=True)
class Route:
    """A path template split into literal segments and parameter names, with its operations."""

    template: str
    segments: tuple[str | None, ...]
    parameter_names: tuple[str, ...]
    operations: dict[str, Operation] = field(default_factory=dict)

    def match(self, raw_segments: list[str]) -> dict[str, str] | None:
        """The percent-decoded path parameters if the raw segments fit this template."""
        if len(raw_segments) != len(self.segments):
            return None
        values = []
        for literal, raw in zip(self.segments, raw_segments, strict=True):
            if literal is None:
                if not raw:
                    return None
                values.append(unquote(raw))
            elif literal != raw:
                return None
        return dict(zip(self.parameter_names, values, strict=True))


@dataclass(frozen=True)
class MockSpec:
    """Everything the mock needs from the spec."""

    path: Path
    document: dict[str, Any]
    routes: tuple[Route, ...]
    schemes: Mapping[str, SecurityScheme]

    def find(self, raw_path: str) -> tuple[Route, dict[str, str]] | None:
        """The route serving a raw (still percent-encoded) path, and its path parameters."""
        raw_segments = raw_path.split("/")
        for route in self.routes:
            params = route.match(raw_segments)
            if params is not None:
                return route, params
        return None


def load_mock_spec(path: Path) -> MockSpec:
    """Load, validate and compile a spec; SpecError (with located diagnostics) if it is unusable.

    Any valid OpenAPI 3.0 spec will do: the project's lint rules judge transcriptions, not mocks.
    """
    doc = load_spec(path)
    diagnostics = validate_document(doc, with_lint=False)
    if has_errors(diagnostics):
        raise SpecError(diagnostics)
    data = doc.data
    schemes = {
        name: SecurityScheme(name, scheme["name"])
        for name, raw in (data.get("components", {}).get("securitySchemes") or {}).items()
        if (scheme := deref(data, raw)).get("type") == "apiKey" and scheme.get("in") == "header"
    }
    default_security = data.get("security") or []
    routes = []
    # Literal templates before templated ones, so /a/b wins over /a/{x} (OpenAPI path matching).
    for template in sorted(data.get("paths") or {}, key=lambda t: (t.count("{"), t)):
        path_item = deref(data, data["paths"][template])
        route = _route(template)
        for method in HTTP_METHODS:
            if method in path_item:
                route.operations[method.upper()] = _operation(
                    data, template, method, path_item, default_security
                )
        routes.append(route)
    return MockSpec(path=path, document=data, routes=tuple(routes), schemes=schemes)


def _route(template: str) -> Route:
    segments: list[str | None] = []
    names: list[str] = []
    for part in template.split("/"):
        found = _TEMPLATE_PART.fullmatch(part)
        if found:
            segments.append(None)
            names.append(found.group(1))
        else:
            segments.append(part)
    return Route(template, tuple(segments), tuple(names))


def _operation(
    data: dict[str, Any],
    template: str,
    method: str,
    path_item: dict[str, Any],
    default_security: list[dict[str, Any]],
) -> Operation:
    raw = path_item[method]
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for item in [*(path_item.get("parameters") or []), *(raw.get("parameters") or [])]:
        param = deref(data, item)
        merged[(param["in"], param["name"])] = param
    parameters = tuple(
        Parameter(
            name=param["name"],
            location=param["in"],
            required=bool(param.get("required")),
            json_type=deref(data, param.get("schema", {})).get("type"),
            schema=compile_schema(data, param.get("schema", {})),
        )
        for param in merged.values()
        if param["in"] in ("path", "query", "header")
    )
    body = None
    if "requestBody" in raw:
        request_body = deref(data, raw["requestBody"])
        content = request_body.get("content") or {}
        json_media = next((m for m in content if _is_json(m)), None)
        body = RequestBody(
            required=bool(request_body.get("required")),
            media_types=tuple(content),
            schema=compile_schema(data, content[json_media].get("schema", {}))
            if json_media
            else None,
        )
    responses = {}
    for status, response in (raw.get("responses") or {}).items():
        if not str(status).isdigit():
            continue
        response = deref(data, response)
        media = (response.get("content") or {}).get("application/json") or {}
        examples = {
            name: deref(data, example).get("value")
            for name, example in (media.get("examples") or {}).items()
        }
        if not examples and "example" in media:
            examples = {"example": media["example"]}
        responses[int(status)] = ResponseSpec(
            status=int(status),
            header_names=tuple(response.get("headers") or {}),
            examples=examples,
            schema=media.get("schema"),
        )
    security = raw.get("security", default_security)
    return Operation(
        operation_id=raw.get("operationId", f"{method.upper()} {template}"),
        method=method.upper(),
        path_template=template,
        parameters=parameters,
        body=body,
        responses=responses,
        security=tuple(tuple(sorted(requirement)) for requirement in security),
    )


def _is_json(media_type: str) -> bool:
    base = media_type.split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")
