"""The intermediate representation templates render from: small frozen, sorted dataclasses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocDecision:
    """An `x-doc` decision: the doc text (quote), the keyword it concerns, and the choice made."""

    keyword: str
    quote: str
    choice: str


@dataclass(frozen=True)
class ParamReference:
    """A parameter as the reference page lists it: every spec parameter, auth headers included."""

    name: str
    location: str
    sdk_keyword: str
    """The SDK method's keyword for it; empty when the client sets it (authentication headers)."""
    from_client: bool
    required: bool
    type_text: str
    constraints: tuple[str, ...]
    description: str
    decisions: tuple[DocDecision, ...]


@dataclass(frozen=True)
class ResponseReference:
    """One documented response of an operation, in spec order."""

    status: str
    description: str
    model: str | None
    headers: tuple[str, ...]
    error_codes: tuple[str, ...]
    """The `error_code` values of the response's examples, sorted."""


@dataclass(frozen=True)
class FieldReference:
    """A property of a component schema, in spec order (the order the model declares it)."""

    name: str
    type_text: str
    """Readable: `string`, `integer (int32)`, `array of string`, or a model name (`VideoConfig`)."""
    required: bool
    constraints: tuple[str, ...]
    """Plain text such as `maximum: 30000` or `one of: "RESIZE", "CROP"`, in a fixed order."""
    secret: bool
    description: str
    decisions: tuple[DocDecision, ...]


@dataclass(frozen=True)
class ModelReference:
    """A component schema (one generated model) as the reference page documents it."""

    name: str
    description: str
    doc_tables: tuple[int, ...]
    fields: tuple[FieldReference, ...]
    decisions: tuple[DocDecision, ...]


@dataclass(frozen=True)
class SecurityScheme:
    """A security scheme of the spec, e.g. aksk (the Authorization header) or token."""

    name: str
    kind: str
    location: str
    header: str
    description: str


@dataclass(frozen=True)
class Param:
    """A path, query or header parameter the caller passes as a keyword (or positionally, for paths)."""

    name: str
    python_name: str
    location: str
    required: bool
    annotation: str
    description: str
    from_client: bool
    """Defaults to the client's setting of the same python_name (project_id) when not passed."""


@dataclass(frozen=True)
class BodyField:
    """A top-level property of a JSON request body, passed as a keyword argument."""

    name: str
    annotation: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    """One HTTP operation, as a resource method."""

    operation_id: str
    method_name: str
    http_method: str
    path: str
    summary: str
    description: str
    path_params: tuple[Param, ...]
    query_params: tuple[Param, ...]
    header_params: tuple[Param, ...]
    body_model: str | None
    body_required: bool
    body_description: str
    body_fields: tuple[BodyField, ...]
    result_model: str
    success_statuses: tuple[int, ...]
    error_statuses: tuple[int, ...]
    parameters: tuple[ParamReference, ...]
    """Every spec parameter in spec order, for the reference page (auth headers included)."""
    responses: tuple[ResponseReference, ...]

    @property
    def client_params(self) -> tuple[Param, ...]:
        """Parameters that fall back to a client setting, one per python name."""
        seen: dict[str, Param] = {}
        for p in self.path_params + self.header_params + self.query_params:
            if p.from_client:
                seen.setdefault(p.python_name, p)
        return tuple(seen.values())


@dataclass(frozen=True)
class Resource:
    """The operations of one tag, e.g. SmartLive → `client.smart_live`."""

    tag: str
    attribute: str
    class_name: str
    description: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class CallbackMessage:
    """A decoded callback message model, chosen by the envelope's event type."""

    event_type: str
    model: str


@dataclass(frozen=True)
class Callback:
    """An outgoing callback the service sends (OpenAPI `callbacks`), parsed by SDK helpers."""

    operation_id: str
    function_name: str
    summary: str
    envelope_model: str
    discriminator: str
    message_field: str
    messages: tuple[CallbackMessage, ...]
    http_method: str
    expression: str
    """The callback URL's runtime expression, e.g. {$request.body#/callback_url}."""
    description: str
    parameters: tuple[ParamReference, ...]

    @property
    def decode_function_name(self) -> str:
        """The SDK helper that decodes the envelope's message: decode_<callback>_message."""
        return "decode_" + self.function_name.removeprefix("parse_") + "_message"


@dataclass(frozen=True)
class Api:
    """Everything the templates need, and nothing else."""

    title: str
    version: str
    description: str
    spec_name: str
    package: str
    default_region: str
    regions: tuple[str, ...]
    endpoint_template: str
    resources: tuple[Resource, ...]
    callbacks: tuple[Callback, ...]
    models: tuple[str, ...]
    security: tuple[SecurityScheme, ...]
    """The spec's security schemes, sorted by name."""
    reference: tuple[ModelReference, ...]
    """Every component schema, sorted by name like `models`."""
