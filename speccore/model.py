"""The document resolved once into typed objects: operations with merged parameters, bodies, responses.

Every consumer (the SDK build, the mock, the lint rules, the review tools) reads operations from
here, so there is one answer to "what are the parameters of this operation?" (path-item-level
merged with operation-level, the operation's winning), "which security applies?" (the operation's,
else the document's) and "where is it?" (each node keeps its JSON pointer for diagnostics).
Schemas stay JSON Schema mappings: the models generator and the mock's validator read them as such.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from speccore.pointers import pointer
from speccore.refs import follow

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PARAMETER_LOCATIONS = ("path", "query", "header", "cookie")
# OpenAPI 3.0's default `style` per location (explode defaults to true only for form).
DEFAULT_STYLES = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}


@dataclass(frozen=True)
class Parameter:
    """A parameter, after its `$ref` chain: `at` is its entry in a `parameters` list, `target_at` the
    object itself (the component when it was a reference)."""

    at: str
    target_at: str
    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    description: str
    style: str
    explode: bool
    node: Mapping[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        """What makes a parameter unique (OpenAPI: name and location; header names ignore case)."""
        return self.location, self.name.lower() if self.location == "header" else self.name


@dataclass(frozen=True)
class MediaType:
    """One entry of a `content` map: its media type, schema (None when absent) and examples."""

    at: str
    media_type: str
    schema: Mapping[str, Any] | None
    node: Mapping[str, Any]

    @property
    def is_json(self) -> bool:
        """application/json, or any `+json` type (application/problem+json)."""
        return is_json(self.media_type)


@dataclass(frozen=True)
class RequestBody:
    """A request body after its `$ref` chain."""

    at: str
    required: bool
    description: str
    content: tuple[MediaType, ...]
    node: Mapping[str, Any]

    def media(self, media_type: str) -> MediaType | None:
        """The content entry of exactly that media type."""
        return next((m for m in self.content if m.media_type == media_type), None)

    @property
    def json(self) -> MediaType | None:
        """The first JSON entry, if any."""
        return next((m for m in self.content if m.is_json), None)


@dataclass(frozen=True)
class Header:
    """A response header after its `$ref` chain."""

    at: str
    name: str
    required: bool
    schema: Mapping[str, Any]
    description: str


@dataclass(frozen=True)
class Response:
    """A response of an operation: `status` as written ("200", "2XX" or "default")."""

    at: str
    status: str
    description: str
    content: tuple[MediaType, ...]
    headers: tuple[Header, ...]
    node: Mapping[str, Any]

    @property
    def code(self) -> int | None:
        """The status as a number; None for "default" and ranges such as "2XX"."""
        return int(self.status) if self.status.isdigit() else None

    @property
    def json(self) -> MediaType | None:
        """The first JSON entry of its content, if any."""
        return next((m for m in self.content if m.is_json), None)


@dataclass(frozen=True)
class Operation:
    """One operation under `paths` (or inside a callback), resolved."""

    at: str
    path: str
    method: str
    operation_id: str | None
    tags: tuple[str, ...]
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    """Path-item-level and operation-level parameters merged, the operation's winning; in
    declaration order (path item first)."""
    body: RequestBody | None
    responses: tuple[Response, ...]
    security: tuple[Mapping[str, tuple[str, ...]], ...] | None
    """The requirements that apply (the operation's, else the document's); None when neither says;
    an empty tuple when the operation says `security: []` (no authentication)."""
    security_at: str
    callbacks: tuple[Operation, ...]
    is_callback: bool
    node: Mapping[str, Any]

    def parameters_in(self, location: str) -> tuple[Parameter, ...]:
        """The parameters in one location, in declaration order."""
        return tuple(p for p in self.parameters if p.location == location)

    def response(self, status: str) -> Response | None:
        """The response declared for a status as written ("200", "default")."""
        return next((r for r in self.responses if r.status == status), None)

    @property
    def label(self) -> str:
        """`GET /pets/{id}` for messages."""
        return f"{self.method.upper()} {self.path}"


SIGNATURE_EXTENSION = "x-signature"
"""On an apiKey scheme: it is not a key but a request signature (`SDK-HMAC-SHA256`, the Huawei
API gateway's), computed by the client and verified by the mock."""


@dataclass(frozen=True)
class SecurityScheme:
    """A security scheme and what a client sends for it.

    `kind` is "signature" (an apiKey scheme marked `x-signature`), "api-key", "bearer", "basic",
    "oauth2", "openIdConnect" or "unsupported" (another http scheme, say digest). For an api key,
    `location` is header, query or cookie and `parameter` its name as the spec writes it.
    """

    at: str
    name: str
    type: str
    """As the spec writes it: apiKey, http, oauth2, openIdConnect."""
    kind: str
    location: str
    parameter: str
    description: str


def security_schemes(document: Mapping[str, Any]) -> dict[str, SecurityScheme]:
    """The document's security schemes by name, in declaration order."""
    found = {}
    components = document.get("components") or {}
    for name, raw in _items(components.get("securitySchemes")):
        at = pointer("components", "securitySchemes", name)
        node, at = follow(document, raw, at)
        node = node if isinstance(node, dict) else {}
        kind = openapi_type = str(node.get("type", ""))
        if kind == "apiKey":
            kind = "signature" if node.get(SIGNATURE_EXTENSION) else "api-key"
        elif kind == "http":
            http = str(node.get("scheme", "")).lower()
            kind = http if http in ("bearer", "basic") else "unsupported"
        elif kind not in ("oauth2", "openIdConnect"):
            kind = "unsupported"
        found[name] = SecurityScheme(
            at=at,
            name=name,
            type=openapi_type,
            kind=kind,
            location=str(node.get("in", "")),
            parameter=str(node.get("name", "")),
            description=_text(node.get("description")),
        )
    return found


@dataclass(frozen=True)
class Lifecycle:
    """`x-lifecycle` on an operation that creates something billable (a live job): the operations
    that follow and end what it creates, its id and state fields, and the states it still runs in."""

    creator: str
    """operationId of the operation that carries it (StartSmartLive)."""
    id_field: str
    show: str
    list: str
    stop: str
    state_field: str
    live_states: tuple[str, ...]


def lifecycles(document: Mapping[str, Any]) -> tuple[Lifecycle, ...]:
    """Every operation's `x-lifecycle`, in document order (ValueError names an incomplete one);
    an operation without an operationId has none."""
    found = []
    known = {op.operation_id for op in operations(document)}
    for op in operations(document):
        raw = op.node.get("x-lifecycle")
        if raw is None:
            continue
        keys = ("id", "show", "list", "stop", "state", "live_states")
        missing = [k for k in keys if not raw.get(k)] if isinstance(raw, Mapping) else list(keys)
        if not isinstance(raw, Mapping) or missing:
            raise ValueError(f"{op.at}/x-lifecycle: needs {', '.join(keys)} (lacks {missing})")
        if op.operation_id is None:
            continue  # nothing could name it as the creator; rule operation-id names the lack
        unknown = [str(raw[k]) for k in ("show", "list", "stop") if raw[k] not in known]
        if unknown:
            raise ValueError(f"{op.at}/x-lifecycle: no operation {', '.join(unknown)} in the spec")
        found.append(
            Lifecycle(
                creator=op.operation_id,
                id_field=str(raw["id"]),
                show=str(raw["show"]),
                list=str(raw["list"]),
                stop=str(raw["stop"]),
                state_field=str(raw["state"]),
                live_states=tuple(str(state) for state in raw["live_states"]),
            )
        )
    return tuple(found)


CALLBACK_SIGNATURE_EXTENSION = "x-callback-signature"
CALLBACK_SIGNATURE_ALGORITHMS = ("HMAC-SHA256-URI-TIME",)
"""HMAC-SHA256(key, URI + hex(Unix seconds)), hex: MetaStudio's auth_type MSS_A and MSS_A_HEAD."""


@dataclass(frozen=True)
class SignatureMode:
    """One way a signed callback carries its signature: `name` as the subscription names it
    (auth_type MSS_A), `location` query or header, and its signature and time parameters."""

    name: str
    location: str
    secret: str
    time: str


@dataclass(frozen=True)
class CallbackSignature:
    """`x-callback-signature` on a callback operation: how the service signs what it sends."""

    algorithm: str
    modes: tuple[SignatureMode, ...]


def callback_signature(op: Operation) -> CallbackSignature | None:
    """A callback operation's `x-callback-signature` (ValueError says what is wrong); None without.

    Every mode's parameters must be declared on the operation where the mode puts them.
    """
    raw = op.node.get(CALLBACK_SIGNATURE_EXTENSION)
    if raw is None:
        return None
    at = f"{op.at}/{CALLBACK_SIGNATURE_EXTENSION}"
    if not isinstance(raw, Mapping) or raw.get("algorithm") not in CALLBACK_SIGNATURE_ALGORITHMS:
        known = ", ".join(CALLBACK_SIGNATURE_ALGORITHMS)
        raise ValueError(f"{at}: needs algorithm ({known}) and modes")
    modes_raw = raw.get("modes")
    if not isinstance(modes_raw, Mapping) or not modes_raw:
        raise ValueError(f"{at}/modes: needs at least one mode, by name")
    declared = {
        (p.location, p.name.lower() if p.location == "header" else p.name) for p in op.parameters
    }
    modes = []
    for name, mode in modes_raw.items():
        keys = ("in", "secret", "time")
        if not isinstance(mode, Mapping) or not all(isinstance(mode.get(k), str) for k in keys):
            raise ValueError(f"{at}/modes/{name}: needs in, secret and time")
        location = mode["in"]
        if location not in ("query", "header"):
            raise ValueError(f"{at}/modes/{name}/in: query or header, not {location!r}")
        for key in ("secret", "time"):
            parameter = mode[key].lower() if location == "header" else mode[key]
            if (location, parameter) not in declared:
                raise ValueError(
                    f"{at}/modes/{name}/{key}: {mode[key]} is not a {location} parameter of "
                    f"{op.operation_id or op.label}"
                )
        modes.append(SignatureMode(str(name), location, mode["secret"], mode["time"]))
    return CallbackSignature(str(raw["algorithm"]), tuple(modes))


def operations(document: Mapping[str, Any]) -> Iterator[Operation]:
    """Every operation under `paths` in document order, each with its callbacks resolved."""
    default_security = document.get("security")
    for path, item in _items(document.get("paths")):
        yield from _path_item(document, pointer("paths", path), path, item, False, default_security)


def all_operations(document: Mapping[str, Any]) -> Iterator[Operation]:
    """Every operation, each followed by the operations of its callbacks (depth first)."""
    for operation in operations(document):
        yield from _with_callbacks(operation)


def _with_callbacks(operation: Operation) -> Iterator[Operation]:
    yield operation
    for callback in operation.callbacks:
        yield from _with_callbacks(callback)


def _path_item(
    document: Mapping[str, Any],
    at: str,
    path: str,
    raw_item: Any,
    is_callback: bool,
    default_security: Any,
) -> Iterator[Operation]:
    item, item_at = follow(document, raw_item, at)
    if not isinstance(item, dict):
        return
    shared = _parameters(document, item.get("parameters"), item_at)
    for method in HTTP_METHODS:
        node = item.get(method)
        if not isinstance(node, dict):
            continue
        # Pointers stay under `paths` even for a `$ref`'d path item: they pair old and new
        # operations in the spec diff, and name what the user wrote.
        op_at = at + pointer(method)
        merged = {p.key: p for p in shared}
        for parameter in _parameters(document, node.get("parameters"), op_at):
            merged[parameter.key] = parameter
        if "security" in node:
            security, security_at = _security(node["security"]), op_at + "/security"
        elif default_security is not None and not is_callback:
            security, security_at = _security(default_security), "/security"
        else:
            security, security_at = None, ""
        yield Operation(
            at=op_at,
            path=path,
            method=method,
            operation_id=_text_or_none(node.get("operationId")),
            tags=tuple(str(t) for t in node.get("tags") or () if isinstance(t, str)),
            summary=_text(node.get("summary")),
            description=_text(node.get("description")),
            parameters=tuple(merged.values()),
            body=_request_body(document, node.get("requestBody"), op_at + "/requestBody"),
            responses=tuple(
                _response(document, str(status), raw, op_at + pointer("responses", status))
                for status, raw in _items(node.get("responses"))
            ),
            security=security,
            security_at=security_at,
            callbacks=tuple(
                callback
                for name, raw_callback in _items(node.get("callbacks"))
                for expression, cb_item in _items(
                    follow(document, raw_callback, op_at + pointer("callbacks", name))[0]
                )
                for callback in _path_item(
                    document,
                    op_at + pointer("callbacks", name, expression),
                    expression,
                    cb_item,
                    True,
                    None,
                )
            ),
            is_callback=is_callback,
            node=node,
        )


def _parameters(document: Mapping[str, Any], raw: Any, owner_at: str) -> list[Parameter]:
    found = []
    for i, entry in enumerate(raw if isinstance(raw, list) else ()):
        at = owner_at + pointer("parameters", i)
        node, target_at = follow(document, entry, at)
        if not isinstance(node, dict) or not isinstance(node.get("name"), str):
            continue
        location = str(node.get("in", ""))
        schema = node.get("schema")
        if not isinstance(schema, dict):
            # OpenAPI also allows `content` with one media type instead of `schema`.
            first: Any = next(iter(_items(node.get("content"))), ("", {}))[1]
            schema = first.get("schema") if isinstance(first, dict) else None
        style = str(node.get("style") or DEFAULT_STYLES.get(location, "simple"))
        explode = node.get("explode")
        found.append(
            Parameter(
                at=at,
                target_at=target_at,
                name=node["name"],
                location=location,
                required=node.get("required") is True,
                schema=schema if isinstance(schema, dict) else {},
                description=_text(node.get("description")),
                style=style,
                explode=explode if isinstance(explode, bool) else style == "form",
                node=node,
            )
        )
    return found


def _request_body(document: Mapping[str, Any], raw: Any, at: str) -> RequestBody | None:
    if raw is None:
        return None
    node, target_at = follow(document, raw, at)
    if not isinstance(node, dict):
        return None
    return RequestBody(
        at=target_at,
        required=node.get("required") is True,
        description=_text(node.get("description")),
        content=_content(document, node.get("content"), target_at),
        node=node,
    )


def _response(document: Mapping[str, Any], status: str, raw: Any, at: str) -> Response:
    node, target_at = follow(document, raw, at)
    node = node if isinstance(node, dict) else {}
    headers = []
    for name, raw_header in _items(node.get("headers")):
        header, header_at = follow(document, raw_header, target_at + pointer("headers", name))
        if isinstance(header, dict):
            schema = header.get("schema")
            headers.append(
                Header(
                    at=header_at,
                    name=name,
                    required=header.get("required") is True,
                    schema=schema if isinstance(schema, dict) else {},
                    description=_text(header.get("description")),
                )
            )
    return Response(
        at=target_at,
        status=status,
        description=_text(node.get("description")),
        content=_content(document, node.get("content"), target_at),
        headers=tuple(headers),
        node=node,
    )


def _content(document: Mapping[str, Any], raw: Any, owner_at: str) -> tuple[MediaType, ...]:
    found = []
    for media_type, node in _items(raw):
        if isinstance(node, dict):
            schema = node.get("schema")
            found.append(
                MediaType(
                    at=owner_at + pointer("content", media_type),
                    media_type=media_type,
                    schema=schema if isinstance(schema, dict) else None,
                    node=node,
                )
            )
    return tuple(found)


def _security(raw: Any) -> tuple[Mapping[str, tuple[str, ...]], ...]:
    return tuple(
        {str(name): tuple(map(str, scopes or ())) for name, scopes in requirement.items()}
        for requirement in (raw if isinstance(raw, list) else ())
        if isinstance(requirement, dict)
    )


def is_json(media_type: str) -> bool:
    """Whether a media type (parameters such as `; charset=utf-8` ignored) is JSON."""
    base = media_type.split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _items(mapping: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(mapping, dict):
        yield from ((str(k), v) for k, v in mapping.items())
