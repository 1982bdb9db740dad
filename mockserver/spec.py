"""The spec as the mock serves it: routes, parameters, bodies, responses and security, compiled once."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from mockserver.schemas import CompiledSchema, SchemaCycle, compile_schema
from speccore import model
from speccore.diagnostics import SpecError, has_errors
from speccore.loading import load_spec
from speccore.model import HTTP_METHODS, is_json, security_schemes
from speccore.refs import cycle_diagnostic, deref
from speccore.validation import validate_document

__all__ = [
    "HTTP_METHODS",
    "Media",
    "MockSpec",
    "Operation",
    "Parameter",
    "RequestBody",
    "ResponseSpec",
    "Route",
    "SecurityScheme",
    "lenient_spec",
    "load_mock_spec",
]

_TEMPLATE_PART = re.compile(r"\{([^{}]+)\}")
# Statuses that never carry a body (RFC 9110): answered bare, whatever the spec says.
BODILESS_STATUSES = frozenset({204, 205, 304})


@dataclass(frozen=True)
class Parameter:
    """A path, query, header or cookie parameter with its compiled schema and serialisation."""

    name: str
    location: str
    required: bool
    json_type: str | None
    schema: CompiledSchema
    style: str = "simple"
    explode: bool = False
    item_type: str | None = None
    property_types: Mapping[str, str | None] = field(default_factory=dict)
    json_content: bool = False

    @functools.cached_property
    def plain_key(self) -> str | None:
        """For a path or header string read as sent (no content, no list): the key it is looked
        up by (a header's name in lower case); None for any other."""
        if self.json_type != "string" or self.json_content:
            return None
        if self.location == "header":
            return self.name.lower()
        return self.name if self.location == "path" else None

    @functools.cached_property
    def label(self) -> str:
        """Where a violation is: `header X-App-UserId`, `path room_id`."""
        return f"{self.location} {self.name}"


@dataclass(frozen=True)
class Media:
    """One accepted request media type: its schema compiled, and its properties' types (forms)."""

    media_type: str
    schema: CompiledSchema | None
    property_types: Mapping[str, str | None]
    item_types: Mapping[str, str | None]
    required: tuple[str, ...]

    @functools.cached_property
    def base(self) -> str:
        """The declared type in lower case, without parameters: `application/json`."""
        return self.media_type.split(";", 1)[0].strip().lower()

    @functools.cached_property
    def is_json(self) -> bool:
        """Whether the declared type is JSON (application/json, any `+json`)."""
        return is_json(self.base)

    def accepts(self, base: str) -> bool:
        """Whether a request's media type (lower case, no parameters) fits this declared one."""
        declared = self.base
        if declared in ("*/*", base):
            return True
        kind, _, sub = declared.partition("/")
        return sub == "*" and base.partition("/")[0] == kind


@dataclass(frozen=True)
class RequestBody:
    """The request body: whether it is required, and its media types."""

    required: bool
    media: tuple[Media, ...]

    @property
    def media_types(self) -> tuple[str, ...]:
        """The declared media types, in declaration order."""
        return tuple(m.media_type for m in self.media)

    @functools.cached_property
    def _exact(self) -> Mapping[str, Media]:
        # The first declared of each lower-cased type: what a request naming it exactly gets.
        exact: dict[str, Media] = {}
        for media in self.media:
            exact.setdefault(media.media_type.lower(), media)
        return exact

    def match(self, base: str) -> Media | None:
        """The declared media type a request's (lower case, no parameters) fits, if any."""
        exact = self._exact.get(base)
        return exact or next((m for m in self.media if m.accepts(base)), None)


@dataclass(frozen=True)
class ResponseSpec:
    """A documented response: status as written, its content type, schema and examples."""

    status: str
    header_names: tuple[str, ...]
    examples: Mapping[str, Any]
    schema: Any
    media_type: str | None = None
    """The content type answered (a JSON one first); None when the response has no content."""

    @property
    def code(self) -> int | None:
        """The status as a number; None for `default` and ranges."""
        return int(self.status) if self.status.isdigit() else None

    def covers(self, status: int) -> bool:
        """Whether this entry documents `status` (exactly, by its range such as 4XX, or default)."""
        if self.status.isdigit():
            return int(self.status) == status
        if self.status.upper().endswith("XX"):
            return self.status[0] == str(status)[0]
        return self.status == "default"


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, ready to be served."""

    operation_id: str
    method: str
    path_template: str
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[ResponseSpec, ...]
    security: tuple[tuple[str, ...], ...]
    """Alternative requirements, each the scheme names it needs; empty means public."""

    def response_for(self, status: int, *, default: bool = True) -> ResponseSpec | None:
        """The entry documenting `status`: exact first, then its range, then `default`."""
        for rank in range(3 if default else 2):
            for response in self.responses:
                kind = 0 if response.status.isdigit() else 2 if response.status == "default" else 1
                if kind == rank and response.covers(status):
                    return response
        return None

    @functools.cached_property
    def has_cookie_parameters(self) -> bool:
        """Whether a parameter travels in a cookie (the Cookie header is then read)."""
        return any(p.location == "cookie" for p in self.parameters)

    @functools.cached_property
    def answer(self) -> tuple[int, ResponseSpec]:
        """What a valid request gets: the lowest 2xx, else 2XX as 200, else default as 200, else
        the lowest documented status (worked out once: every valid request asks)."""
        codes = sorted((r.code, r) for r in self.responses if r.code is not None)
        for code, response in codes:
            if 200 <= code < 300:
                return code, response
        ranged = next((r for r in self.responses if r.status.upper() == "2XX"), None)
        if ranged is not None:
            return 200, ranged
        default = next((r for r in self.responses if r.status == "default"), None)
        if default is not None:
            return 200, default
        if codes:
            return codes[0]
        return 200, ResponseSpec("200", (), {}, None)

    @functools.cached_property
    def success(self) -> ResponseSpec:
        """The response a valid request gets."""
        return self.answer[1]


@dataclass(frozen=True)
class SecurityScheme:
    """A security scheme as the mock checks it.

    `kind` is "signature" (Huawei AK/SK: an apiKey scheme marked x-signature), "api-key",
    "bearer" (http bearer; oauth2 and openIdConnect, whose access tokens travel the same way),
    "basic", or "unsupported" (never passes). `location` and `parameter` say where an api key
    travels (header names in lower case).
    """

    name: str
    kind: str
    location: str = "header"
    parameter: str = "authorization"

    @property
    def header(self) -> str:
        """The header it travels in (`authorization` for http schemes)."""
        return self.parameter if self.location == "header" else ""


@dataclass(frozen=True)
class Route:
    """A path template split into literal segments and parameter names, with its operations."""

    template: str
    segments: tuple[str | None, ...]
    parameter_names: tuple[str, ...]
    operations: dict[str, Operation] = field(default_factory=dict)

    @functools.cached_property
    def _pattern(self) -> re.Pattern[str]:
        # The template as one regular expression: a parameter is a non-empty raw segment.
        return re.compile(
            "/".join(
                "([^/]+)" if literal is None else re.escape(literal) for literal in self.segments
            )
        )

    def match(self, raw_path: str) -> dict[str, str] | None:
        """The percent-decoded path parameters if the raw path fits this template."""
        found = self._pattern.fullmatch(raw_path)
        if found is None:
            return None
        return dict(zip(self.parameter_names, map(unquote, found.groups()), strict=True))


@dataclass(frozen=True)
class MockSpec:
    """Everything the mock needs from the spec."""

    path: Path
    document: dict[str, Any]
    routes: tuple[Route, ...]
    schemes: Mapping[str, SecurityScheme]
    lenient: bool = False
    """Whether requests are judged by relaxed schemas and read laxly (see `lenient_spec`)."""

    @functools.cached_property
    def _routes_by_length(self) -> Mapping[int, tuple[Route, ...]]:
        # Only a template of as many segments can match a path: each request tries those alone,
        # in the order of `routes`.
        by_length: dict[int, list[Route]] = {}
        for route in self.routes:
            by_length.setdefault(len(route.segments), []).append(route)
        return {length: tuple(routes) for length, routes in by_length.items()}

    def find(self, raw_path: str) -> tuple[Route, dict[str, str]] | None:
        """The route serving a raw (still percent-encoded) path, and its path parameters."""
        for route in self._routes_by_length.get(raw_path.count("/") + 1, ()):
            params = route.match(raw_path)
            if params is not None:
                return route, params
        return None

    def operations(self) -> Iterator[Operation]:
        """Every operation served, route by route."""
        for route in self.routes:
            yield from route.operations.values()

    def error_response(self, status: int) -> ResponseSpec | None:
        """The JSON error response every operation documenting `status` agrees on, if any: what
        an error outside any operation (no such path) is answered with."""
        found: dict[str, ResponseSpec] = {}
        for operation in self.operations():
            # `default` speaks for one operation's statuses, not for the spec's.
            response = operation.response_for(status, default=False)
            if response is not None and response.schema is not None:
                found[json.dumps(response.schema, sort_keys=True, default=str)] = response
        return next(iter(found.values())) if len(found) == 1 else None


def load_mock_spec(path: Path) -> MockSpec:
    """Load, validate and compile a spec; SpecError (with located diagnostics) if it is unusable.

    Any valid OpenAPI 3.0 spec will do: the project's lint rules judge transcriptions, not mocks.
    """
    doc = load_spec(path)
    diagnostics = validate_document(doc, config=None)
    if has_errors(diagnostics):
        raise SpecError(diagnostics)
    try:
        return _compile(path, doc.data)
    except SchemaCycle as exc:
        cycle = cycle_diagnostic(exc.chain)
        raise SpecError([replace(cycle, line=doc.line_of(cycle.pointer))]) from None


def lenient_spec(spec: MockSpec) -> MockSpec:
    """The same spec judging requests as a laxer service would: parameter and body schemas relaxed
    (no enum, range, length, size or pattern checks; types and `required` stay) and bodies read
    with null as absent and "4000" or "true" as the number or boolean their schema declares."""
    if spec.lenient:
        return spec
    return _compile(spec.path, spec.document, lenient=True)


def _compile(path: Path, data: dict[str, Any], *, lenient: bool = False) -> MockSpec:
    routes: dict[str, Route] = {}
    for operation in model.operations(data):
        route = routes.setdefault(operation.path, _route(operation.path))
        route.operations[operation.method.upper()] = _operation(data, operation, lenient)
    # Literal templates before templated ones, so /a/b wins over /a/{x} (OpenAPI path matching).
    ordered = sorted(routes.values(), key=lambda r: (r.template.count("{"), r.template))
    return MockSpec(
        path=path, document=data, routes=tuple(ordered), schemes=_schemes(data), lenient=lenient
    )


def _schemes(data: dict[str, Any]) -> dict[str, SecurityScheme]:
    # What each scheme is comes from the spec core; the mock checks oauth2 and openIdConnect
    # access tokens the way they travel, as bearer tokens.
    schemes = {}
    for name, scheme in security_schemes(data).items():
        if scheme.kind in ("signature", "api-key"):
            location = scheme.location or "header"
            parameter = scheme.parameter.lower() if location == "header" else scheme.parameter
            schemes[name] = SecurityScheme(name, scheme.kind, location, parameter)
        elif scheme.kind in ("oauth2", "openIdConnect"):
            schemes[name] = SecurityScheme(name, "bearer")
        else:
            schemes[name] = SecurityScheme(name, scheme.kind)
    return schemes


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


def _type(data: dict[str, Any], schema: Any) -> str | None:
    node = deref(data, schema) if isinstance(schema, dict) else {}
    if not isinstance(node, dict):
        return None
    kind = node.get("type")
    if isinstance(kind, str):
        return kind
    for key in ("allOf", "oneOf", "anyOf"):
        for member in node.get(key) or ():
            found = _type(data, member)
            if found is not None:
                return found
    return "object" if "properties" in node else None


def _properties(data: dict[str, Any], schema: Any) -> dict[str, Any]:
    node = deref(data, schema) if isinstance(schema, dict) else {}
    props: dict[str, Any] = {}
    if not isinstance(node, dict):
        return props
    for member in node.get("allOf") or ():
        props.update(_properties(data, member))
    props.update(node.get("properties") or {})
    return props


def _required(data: dict[str, Any], schema: Any) -> tuple[str, ...]:
    node = deref(data, schema) if isinstance(schema, dict) else {}
    if not isinstance(node, dict):
        return ()
    names = [str(r) for r in node.get("required") or ()]
    for member in node.get("allOf") or ():
        names += _required(data, member)
    return tuple(dict.fromkeys(names))


def _item_type(data: dict[str, Any], schema: Any) -> str | None:
    node = deref(data, schema) if isinstance(schema, dict) else {}
    return _type(data, node.get("items")) if isinstance(node, dict) else None


def _parameter(data: dict[str, Any], param: model.Parameter, lenient: bool) -> Parameter:
    props = _properties(data, param.schema)
    return Parameter(
        name=param.name,
        location=param.location,
        required=param.required,
        json_type=_type(data, param.schema),
        schema=compile_schema(data, param.schema, lenient=lenient),
        style=param.style,
        explode=param.explode,
        item_type=_item_type(data, param.schema),
        property_types={name: _type(data, sub) for name, sub in props.items()},
        json_content="schema" not in param.node and "content" in param.node,
    )


def _media(data: dict[str, Any], media: model.MediaType, lenient: bool) -> Media:
    schema = media.schema
    props = _properties(data, schema)
    return Media(
        media_type=media.media_type,
        schema=compile_schema(data, schema, lenient=lenient) if schema is not None else None,
        property_types={name: _type(data, sub) for name, sub in props.items()},
        item_types={name: _item_type(data, sub) for name, sub in props.items()},
        required=_required(data, schema),
    )


def _response(data: dict[str, Any], response: model.Response) -> ResponseSpec:
    chosen = response.json or (response.content[0] if response.content else None)
    examples: dict[str, Any] = {}
    if chosen is not None:
        examples = {
            name: deref(data, example).get("value")
            for name, example in (chosen.node.get("examples") or {}).items()
        }
        if not examples and "example" in chosen.node:
            examples = {"example": chosen.node["example"]}
    return ResponseSpec(
        status=response.status,
        header_names=tuple(h.name for h in response.headers),
        examples=examples,
        schema=chosen.schema if chosen is not None else None,
        media_type=chosen.media_type if chosen is not None else None,
    )


def _operation(data: dict[str, Any], operation: model.Operation, lenient: bool) -> Operation:
    body = None
    if operation.body is not None:
        body = RequestBody(
            required=operation.body.required,
            media=tuple(_media(data, m, lenient) for m in operation.body.content),
        )
    return Operation(
        operation_id=operation.operation_id or operation.label,
        method=operation.method.upper(),
        path_template=operation.path,
        parameters=tuple(
            _parameter(data, p, lenient)
            for p in operation.parameters
            if p.location in ("path", "query", "header", "cookie")
        ),
        body=body,
        responses=tuple(_response(data, r) for r in operation.responses),
        security=tuple(tuple(sorted(req)) for req in operation.security or ()),
    )


def json_media(media_type: str | None) -> bool:
    """Whether an answered content type is JSON."""
    return media_type is not None and is_json(media_type)
