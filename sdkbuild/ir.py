"""The intermediate representation templates render from: small frozen, sorted dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from speccore.decisions import DocDecision
from speccore.diagnostics import Diagnostic
from speccore.model import SignatureMode


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
    variants: tuple[str, ...] = ()
    """For a oneOf / anyOf of models: the models it is one of, in spec order."""
    discriminator: str | None = None
    """The property that tells the variants apart (OpenAPI discriminator), if any."""


@dataclass(frozen=True)
class SecurityScheme:
    """A security scheme of the spec, e.g. aksk (the Authorization header) or token."""

    name: str
    kind: str
    location: str
    header: str
    description: str
    auth: str
    """What the client does for it: huawei-aksk, api-key, bearer, basic; or "" (none:
    oauth2 and the like are the caller's business, through `http_client`)."""
    argument: str
    """The client's keyword for its credential (api-key schemes)."""


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
    explode: bool
    """For arrays in a query: one name=value pair per item (true) or one comma-joined value."""


@dataclass(frozen=True)
class BodyField:
    """A top-level property of a JSON request body, passed as a keyword argument."""

    name: str
    """The wire name (the key of the body's JSON object or form)."""
    python_name: str
    annotation: str
    required: bool
    description: str
    required_argument: bool = False
    """Whether the keyword has no default: the discriminator of a required union body."""


@dataclass(frozen=True)
class UnionVariant:
    """One variant of a discriminated union body: the discriminator's value and the model."""

    tag: str
    model: str


@dataclass(frozen=True)
class BodyUnion:
    """A JSON body that is a oneOf of object models with a discriminator: its variants' fields
    are the method's keyword arguments, and the discriminator's value picks the variant."""

    title: str
    """What errors name: the union's schema (ControlSmartLiveReq)."""
    discriminator: str
    """The discriminator's wire name (command)."""
    variants: tuple[UnionVariant, ...]
    """By the discriminator's value, in the spec's order (its mapping, else its oneOf)."""


@dataclass(frozen=True)
class Pagination:
    """An offset/limit list operation's `x-pagination`: the list method returns a page."""

    offset: str
    """The wire names: the offset and limit query parameters, the answer's items and total."""
    limit: str | None
    items: str
    total: str | None
    default_limit: int | None
    """The limit parameter's default: the page size when the caller sends none."""
    item_annotation: str
    page_model: str
    """The answer's model (ListSmartLiveResponse)."""

    def page_type(self, is_async: bool) -> str:
        """What the method returns: SyncOffsetPage[Item, Answer] or AsyncOffsetPager[...]."""
        kind = "AsyncOffsetPager" if is_async else "SyncOffsetPage"
        return f"{kind}[{self.item_annotation}, {self.page_model}]"


@dataclass(frozen=True)
class Call:
    """A call a helper makes: `client.<resource>.<method>(<arguments>)`, arguments as source."""

    resource: str
    method: str
    arguments: tuple[str, ...]
    """`room_id`, `job_id`, `app_user_id=app_user_id`: positional first, then keywords."""


@dataclass(frozen=True)
class LifecycleWait:
    """`wait_for`: polls the show operation until the job's state is one of the states asked."""

    name: str
    show: Operation
    """The show operation: wait_for takes its parameters."""
    call: Call
    state_field: str
    """The state's wire name in the show answer."""
    state_annotation: str
    live_states: tuple[str, ...]
    id_argument: str
    """The show parameter that takes the job's id (its Python name)."""
    states_argument: str
    interval_argument: str


@dataclass(frozen=True)
class Lifecycle:
    """An operation's `x-lifecycle`: it starts something billable, which `stop` ends; the SDK
    has a context manager that starts it and always stops it, and `wait_for` with a show."""

    context_name: str
    """The context manager's name (live_job)."""
    id_field: str
    """The wire name of the id in the start's answer (job_id)."""
    id_argument: str
    """The stop parameter that takes the id (its Python name)."""
    stop: Call
    attempts_argument: str
    deadline_argument: str
    wait: LifecycleWait | None


@dataclass(frozen=True)
class Result:
    """A success response: its status and the Python type of its body (None: no body)."""

    status: int
    annotation: str | None

    @property
    def type_text(self) -> str:
        """The type a caller receives: the body's, or EmptyResult (which carries the request id)."""
        return self.annotation or "EmptyResult"


@dataclass(frozen=True)
class SkippedOperation:
    """An operation left out of the SDK, and why."""

    operation: str
    diagnostic: Diagnostic


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
    body_kind: str | None
    """json, form (x-www-form-urlencoded), multipart, binary (octet-stream); None without a body."""
    body_media_type: str
    body_model: str | None
    """The model class of an object body, whose properties are keyword arguments."""
    body_annotation: str | None
    """The type of any other body (an array, bytes), passed as `body=`."""
    body_required: bool
    body_description: str
    body_fields: tuple[BodyField, ...]
    results: tuple[Result, ...]
    success_statuses: tuple[int, ...]
    error_statuses: tuple[int, ...]
    security: tuple[tuple[str, ...], ...]
    """The security requirements (alternatives of scheme names) the call must satisfy."""
    parameters: tuple[ParamReference, ...]
    """Every spec parameter in spec order, for the reference page (auth headers included)."""
    responses: tuple[ResponseReference, ...]
    idempotent: bool = False
    """GET, HEAD, OPTIONS, TRACE, PUT, DELETE, or `x-idempotent: true`: 5xx answers and lost
    answers are retried too."""
    body_union: BodyUnion | None = None
    """A discriminated union body, whose fields (body_fields) are the keyword arguments."""
    pagination: Pagination | None = None
    lifecycle: Lifecycle | None = None

    def return_type(self, is_async: bool) -> str:
        """What the method returns: the result model, or a page for a paginated list."""
        return self.pagination.page_type(is_async) if self.pagination else self.result_model

    @property
    def result_model(self) -> str:
        """The return type: one type, or the union of every success response's."""
        return " | ".join(dict.fromkeys(r.type_text for r in self.results))

    @property
    def single_model_result(self) -> bool:
        """Whether the answer is always one model class (the client parses it directly)."""
        return len(self.results) == 1 and _is_class(self.result_model)

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
    signature_modes: tuple[SignatureMode, ...] = ()
    """From `x-callback-signature`: the modes `verify_<callback>` checks; () for an unsigned one."""

    @property
    def verify_function_name(self) -> str:
        """The SDK helper that checks the signature, then parses: verify_<callback>."""
        return "verify_" + self.function_name.removeprefix("parse_")

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
    default_base_url: str
    """The first server's URL when it has no variables; empty otherwise (a region, or base_url=)."""
    resources: tuple[Resource, ...]
    callbacks: tuple[Callback, ...]
    models: tuple[str, ...]
    security: tuple[SecurityScheme, ...]
    """The spec's security schemes, sorted by name."""
    reference: tuple[ModelReference, ...]
    """Every component schema, sorted by class name."""
    skipped: tuple[SkippedOperation, ...]
    """Operations the generator cannot render, left out (named in the output and the manifest)."""
    ignored_extensions: tuple[Diagnostic, ...]
    """x-pagination, x-lifecycle or x-idempotent values the generator cannot honour: their
    operations are rendered without them (rule `unsupported`, as skipped operations)."""
    models_document: dict[str, Any]
    """The document datamodel-code-generator reads (sdkbuild.modelplan)."""

    @property
    def client_settings(self) -> tuple[str, ...]:
        """The settings a client holds for every call (project_id), sorted."""
        return tuple(
            sorted(
                {
                    p.python_name
                    for r in self.resources
                    for o in r.operations
                    for p in o.client_params
                }
            )
        )

    def scheme(self, auth: str) -> SecurityScheme | None:
        """The first security scheme the client handles as `auth`."""
        return next((s for s in self.security if s.auth == auth), None)


def _is_class(annotation: str) -> bool:
    return annotation.isidentifier() and annotation[:1].isupper()
