"""The intermediate representation templates render from: small frozen, sorted dataclasses."""

from __future__ import annotations

from dataclasses import dataclass


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
    body_fields: tuple[BodyField, ...]
    result_model: str
    success_statuses: tuple[int, ...]
    error_statuses: tuple[int, ...]

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


@dataclass(frozen=True)
class Api:
    """Everything the templates need, and nothing else."""

    title: str
    version: str
    spec_name: str
    package: str
    default_region: str
    regions: tuple[str, ...]
    endpoint_template: str
    resources: tuple[Resource, ...]
    callbacks: tuple[Callback, ...]
    models: tuple[str, ...]
