"""Turn a resolved spec (speccore.model) into the IR (sdkbuild.ir): names, Python annotations, sorted.

What the generator cannot render (a cookie parameter, say) is a diagnostic of rule `unsupported`
naming it and where; the operation is left out of the IR and listed in `Api.skipped`. Whether that
is an error (the house rules) or a warning (`--lint openapi`) is the caller's decision.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sdkbuild.ir import (
    Api,
    BodyField,
    BodyUnion,
    Call,
    Callback,
    CallbackMessage,
    FieldReference,
    Lifecycle,
    LifecycleWait,
    ModelReference,
    Operation,
    Pagination,
    Param,
    ParamReference,
    Resource,
    ResponseReference,
    Result,
    SecurityScheme,
    SkippedOperation,
    UnionVariant,
)
from sdkbuild.modelplan import ModelPlan, is_object_model, plan_models
from sdkbuild.naming import (
    RESERVED_ATTRIBUTES,
    Namer,
    argument_name,
    identifier,
    method_name,
    pascal,
    snake,
)
from speccore import model
from speccore.decisions import DocDecision, decisions_of
from speccore.diagnostics import Diagnostic, Level
from speccore.pointers import last, parts
from speccore.refs import deref
from speccore.text import one_line

DEFAULT_PACKAGE = "metastudio"
DEFAULT_RESOURCE = "default"
"""The resource of untagged operations (`client.default`), as in openapi-python-client."""

# Headers the runtime's auth layer sets (token auth, AK/SK signing): never method arguments.
AUTH_HEADERS = frozenset({"authorization", "x-auth-token", "x-sdk-date"})
# Parameters that take a client-level setting unless the call overrides it: the project ID is
# both the path's {project_id} and, for AK/SK, the X-Project-Id header.
CLIENT_SETTINGS = {"project_id": "project_id", "x-project-id": "project_id"}
# Body media types the runtime can send, in order of preference when a body offers several.
BODY_KINDS = (
    ("json", model.is_json),
    ("form", lambda m: m.split(";")[0].strip().lower() == "application/x-www-form-urlencoded"),
    ("multipart", lambda m: m.split(";")[0].strip().lower() == "multipart/form-data"),
    ("binary", lambda m: m.split(";")[0].strip().lower() == "application/octet-stream"),
)
# Methods whose requests have the same effect however often they arrive (RFC 9110, 9.2.2): the
# runtime retries them on 5xx answers and lost answers too; `x-idempotent` says so of any other.
IDEMPOTENT_METHODS = frozenset({"get", "head", "options", "trace", "put", "delete"})
# The lifecycle helpers' own keyword arguments, claimed after the operation's (a spec parameter
# of the same name keeps its name; the helper's gets a suffix).
STOP_ATTEMPTS, STOP_DEADLINE, STATES, INTERVAL = (
    "stop_attempts",
    "stop_deadline",
    "states",
    "interval",
)
# Schema keywords the reference page states as constraints, in the order it states them (enum comes
# first, items' constraints and the default last).
CONSTRAINT_KEYWORDS = (
    "multipleOf",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
)


class Unsupported(Exception):
    """A construct the generator cannot render; the operation holding it is left out."""

    def __init__(self, at: str, message: str) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(at, message, "unsupported")


def parse(document: dict[str, Any], spec_name: str, package: str = DEFAULT_PACKAGE) -> Api:
    """Build the IR from a valid document; unsupported operations are skipped with a diagnostic."""
    operations = tuple(model.operations(document))
    plan = plan_models(document, operations)
    ctx = _Context(document, plan)
    tags = [t for t in document.get("tags") or [] if isinstance(t, dict)]
    tag_docs = {str(t.get("name")): one_line(t.get("description", "")) for t in tags}
    by_tag: dict[str, list[model.Operation]] = {}
    for op in operations:
        by_tag.setdefault(op.tags[0] if op.tags else DEFAULT_RESOURCE, []).append(op)
    attributes = Namer(RESERVED_ATTRIBUTES)
    class_namer = Namer(plan.all_classes, separator="")
    skipped: list[SkippedOperation] = []
    groups: list[_Group] = []
    for tag in sorted(by_tag, key=lambda t: (snake(t), t)):
        attribute = attributes.claim(identifier(snake(tag), "resource"))
        class_base = identifier(pascal(tag), "Resource")
        if class_base.lower() in {c.lower() for c in plan.all_classes}:
            class_base += "Resource"  # the resource module imports the model of the same name
        group = _Group(tag, attribute, class_namer.claim(class_base), Namer(("with_options",)))
        for op in by_tag[tag]:
            try:
                group.built.append(ctx.operation(op, attribute, group.methods))
            except Unsupported as exc:
                skipped.append(SkippedOperation(op.operation_id or op.label, exc.diagnostic))
        groups.append(group)
    _attach_lifecycles(ctx, operations, groups)
    resources = []
    for group in groups:
        built = group.built
        shadowed = _method_names(built) & BUILTIN_TYPES
        if shadowed:
            built = [_qualify_builtins(o, shadowed) for o in built]
        resources.append(
            Resource(
                tag=group.tag,
                attribute=group.attribute,
                class_name=group.class_name,
                description=tag_docs.get(group.tag) or f"The operations tagged {group.tag}.",
                operations=tuple(sorted(built, key=lambda o: o.method_name)),
            )
        )
    callbacks = []
    for op in operations:
        for callback_op in op.callbacks:
            callbacks.append(ctx.callback(callback_op))
    server = (document.get("servers") or [{}])[0]
    variables = server.get("variables") or {}
    region = variables.get("region") or {}
    schemas = (document.get("components") or {}).get("schemas") or {}
    return Api(
        title=document["info"]["title"],
        version=str(document["info"]["version"]),
        description=one_line(document["info"].get("description", "")),
        spec_name=spec_name,
        package=package,
        default_region=str(region.get("default", "")),
        regions=tuple(sorted(str(r) for r in region.get("enum") or [])),
        endpoint_template=str(server.get("url", "")),
        default_base_url=_default_base_url(server),
        resources=tuple(r for r in resources if r.operations),
        callbacks=tuple(sorted(callbacks, key=lambda c: c.function_name)),
        models=tuple(sorted(plan.model_classes(document))),
        security=_security_schemes(document),
        reference=tuple(
            ctx.model_reference(plan.classes[name], deref(document, schemas[name]))
            for name in sorted(schemas, key=lambda n: plan.classes[n])
        ),
        skipped=tuple(skipped),
        ignored_extensions=tuple(ctx.ignored),
        models_document=plan.document,
    )


@dataclass
class _Group:
    """The operations of one tag while the IR is built (they become a Resource)."""

    tag: str
    attribute: str
    class_name: str
    methods: Namer
    built: list[Operation] = field(default_factory=list)


def _method_names(ops: list[Operation]) -> set[str]:
    """The names a resource class defines: its operations' methods and their helpers'."""
    names = {o.method_name for o in ops}
    for o in ops:
        if o.lifecycle:
            names.add(o.lifecycle.context_name)
            if o.lifecycle.wait:
                names.add(o.lifecycle.wait.name)
    return names


def _attach_lifecycles(
    ctx: _Context, operations: tuple[model.Operation, ...], groups: list[_Group]
) -> None:
    """Give each operation with an `x-lifecycle` (read by speccore.model.lifecycles) its helpers;
    one the SDK cannot honour is a diagnostic, and the operation stays as it is."""
    try:
        lifecycles = model.lifecycles(ctx.document)
    except ValueError as exc:
        at = next(
            (o.at + "/x-lifecycle" for o in operations if f"{o.at}/x-lifecycle" in str(exc)), ""
        )
        ctx.ignored.append(Diagnostic(at, f"x-lifecycle not honoured: {exc}", "unsupported"))
        return
    spec_ops = {o.operation_id: o for o in operations if o.operation_id}
    found: dict[str, tuple[_Group, int]] = {}
    for group in groups:
        for index, op in enumerate(group.built):
            found[op.operation_id] = (group, index)
    for lc in lifecycles:
        if lc.creator not in found:
            continue  # the operation itself is left out, and said so
        group, index = found[lc.creator]
        start = group.built[index]
        at = spec_ops[lc.creator].at + "/x-lifecycle"
        try:
            lifecycle = _lifecycle(ctx, lc, start, spec_ops, found, group)
        except Unsupported as exc:
            message = f"x-lifecycle of {lc.creator} not honoured: {exc}"
            ctx.ignored.append(Diagnostic(at, message, "unsupported"))
            continue
        group.built[index] = replace(start, lifecycle=lifecycle)


def _lifecycle(
    ctx: _Context,
    lc: model.Lifecycle,
    start: Operation,
    spec_ops: Mapping[str, model.Operation],
    found: Mapping[str, tuple[_Group, int]],
    group: _Group,
) -> Lifecycle:
    """The helpers of one x-lifecycle; Unsupported says why there can be none."""
    at = spec_ops[lc.creator].at + "/x-lifecycle"

    def target(operation_id: str, role: str) -> tuple[_Group, Operation]:
        if operation_id not in found:
            raise Unsupported(at, f"its {role} operation {operation_id!r} is not in the SDK")
        where, index = found[operation_id]
        return where, where.built[index]

    if not start.single_model_result:
        raise Unsupported(at, f"{lc.creator} does not answer with one model")
    if lc.id_field not in ctx.response_object(spec_ops[lc.creator])["properties"]:
        raise Unsupported(at, f"{lc.creator}'s answer has no property {lc.id_field!r}")
    stop_group, stop = target(lc.stop, "stop")
    start_names = {a.python_name for a in _arguments(start)}
    id_param = _id_parameter(stop, lc.id_field, at)
    arguments = []
    for p in stop.path_params:
        if p.from_client:
            continue
        if p is not id_param and p.python_name not in start_names:
            raise Unsupported(at, f"nothing of {lc.creator}'s call gives {lc.stop}'s {p.name!r}")
        arguments.append(p.python_name)
    for name, required in _keywords(stop):
        if name == id_param.python_name or name in start_names:
            arguments.append(f"{name}={name}")
        elif required:
            raise Unsupported(at, f"nothing of {lc.creator}'s call gives {lc.stop}'s {name!r}")
    arguments.append("timeout=timeout")
    start_namer = Namer([a.python_name for a in _arguments(start)] + ["timeout"])
    wait = None
    if lc.show and lc.state_field:
        wait = _lifecycle_wait(ctx, lc, target(lc.show, "show"), spec_ops, group, at)
    noun = snake(lc.id_field)
    noun = noun.removesuffix("_id") if noun.endswith("_id") and len(noun) > 3 else start.method_name
    return Lifecycle(
        context_name=group.methods.claim(identifier(f"live_{noun}", "live")),
        id_field=lc.id_field,
        id_argument=id_param.python_name,
        stop=Call(stop_group.attribute, stop.method_name, tuple(arguments)),
        attempts_argument=start_namer.claim(STOP_ATTEMPTS),
        deadline_argument=start_namer.claim(STOP_DEADLINE),
        wait=wait,
    )


def _lifecycle_wait(
    ctx: _Context,
    lc: model.Lifecycle,
    show_target: tuple[_Group, Operation],
    spec_ops: Mapping[str, model.Operation],
    group: _Group,
    at: str,
) -> LifecycleWait:
    show_group, show = show_target
    if not show.single_model_result:
        raise Unsupported(at, f"its show operation {lc.show} does not answer with one model")
    state = ctx.response_object(spec_ops[lc.show])["properties"].get(lc.state_field)
    if state is None:
        raise Unsupported(at, f"{lc.show}'s answer has no property {lc.state_field!r}")
    id_param = _id_parameter(show, lc.id_field, at)
    positional = [p.python_name for p in show.path_params if not p.from_client]
    keywords = [f"{name}={name}" for name, _ in _keywords(show)]
    names = Namer([a.python_name for a in _arguments(show)] + ["timeout"])
    return LifecycleWait(
        name=group.methods.claim("wait_for"),
        show=show,
        call=Call(show_group.attribute, show.method_name, tuple(positional + keywords)),
        state_field=lc.state_field,
        state_annotation=ctx.annotation(state),
        live_states=lc.live_states,
        id_argument=id_param.python_name,
        states_argument=names.claim(STATES),
        interval_argument=names.claim(INTERVAL),
    )


def _arguments(op: Operation) -> list[Param | BodyField]:
    """Every argument of an operation's method, client settings included (timeout aside)."""
    params = [p for p in op.path_params + op.query_params + op.header_params if not p.from_client]
    return [*params, *op.body_fields, *op.client_params]


def _keywords(op: Operation) -> list[tuple[str, bool]]:
    """(name, required) of an operation's keyword arguments, in signature order (timeout aside)."""
    found = [(f.python_name, f.required_argument) for f in op.body_fields]
    found += [
        (p.python_name, p.required) for p in op.query_params + op.header_params if not p.from_client
    ]
    return found + [(p.python_name, False) for p in op.client_params]


def _id_parameter(op: Operation, id_field: str, at: str) -> Param:
    """The parameter of a show or stop that takes the id: the one named like the id."""
    for p in op.path_params + op.query_params + op.header_params:
        if p.name == id_field and not p.from_client:
            return p
    raise Unsupported(at, f"{op.operation_id} has no parameter {id_field!r} to take the id")


BUILTIN_TYPES = frozenset({"bool", "bytes", "dict", "float", "int", "list", "str"})
"""Builtins the annotations use: a method of that name (`list`) hides it in its class's scope."""


def _qualify_builtins(op: Operation, shadowed: set[str]) -> Operation:
    """`list[str]` → `builtins.list[str]` wherever a method of the same class hides `list`."""
    pattern = re.compile(r"(?<![\w.])(" + "|".join(sorted(shadowed)) + r")\b")

    def fix(annotation: str) -> str:
        return pattern.sub(r"builtins.\1", annotation)

    lifecycle = op.lifecycle
    if lifecycle and lifecycle.wait:
        wait = replace(
            lifecycle.wait,
            show=_qualify_builtins(lifecycle.wait.show, shadowed),
            state_annotation=fix(lifecycle.wait.state_annotation),
        )
        lifecycle = replace(lifecycle, wait=wait)
    pagination = op.pagination
    if pagination:
        pagination = replace(pagination, item_annotation=fix(pagination.item_annotation))
    return replace(
        op,
        lifecycle=lifecycle,
        pagination=pagination,
        path_params=tuple(replace(p, annotation=fix(p.annotation)) for p in op.path_params),
        query_params=tuple(replace(p, annotation=fix(p.annotation)) for p in op.query_params),
        header_params=tuple(replace(p, annotation=fix(p.annotation)) for p in op.header_params),
        body_fields=tuple(replace(f, annotation=fix(f.annotation)) for f in op.body_fields),
        body_annotation=fix(op.body_annotation) if op.body_annotation else None,
        results=tuple(
            replace(r, annotation=fix(r.annotation) if r.annotation else None) for r in op.results
        ),
    )


def unsupported_diagnostics(api: Api, level: Level) -> list[Diagnostic]:
    """The diagnostics of the operations left out and of the extensions not honoured, at `level`."""
    found = [s.diagnostic for s in api.skipped] + list(api.ignored_extensions)
    return [Diagnostic(d.pointer, d.message, d.rule, level) for d in found]


def _default_base_url(server: Mapping[str, Any]) -> str:
    """The first server's URL when it needs no variable (a region picks it otherwise)."""
    url = str(server.get("url", ""))
    if "{" in url or not url.startswith(("http://", "https://")):
        return ""
    return url


class _Context:
    """The document and its model plan, shared by the operation and callback builders."""

    def __init__(self, document: dict[str, Any], plan: ModelPlan) -> None:
        self.document = document
        self.plan = plan
        self.ignored: list[Diagnostic] = []
        """Extensions not honoured (Api.ignored_extensions)."""

    def operation(self, op: model.Operation, tag_attribute: str, methods: Namer) -> Operation:
        names = Namer(("timeout",))
        params: dict[str, list[Param]] = {"path": [], "query": [], "header": []}
        references: list[ParamReference] = []
        client_names: set[str] = set()
        for p in op.parameters:
            if p.location not in params:
                raise Unsupported(
                    p.at, f"{p.location} parameter {p.name!r} of {op.label} is not supported"
                )
            if p.location == "query" and p.style not in ("form",):
                raise Unsupported(
                    p.at,
                    f"query parameter {p.name!r} of {op.label}: style {p.style} is not supported",
                )
            param = self.param(p, names, client_names)
            references.append(self.param_reference(p, param))
            if param is not None:
                params[param.location].append(param)
        body_kind, body_model, body_annotation, fields, media_type, union = self.body(op, names)
        results = self.results(op)
        return Operation(
            operation_id=op.operation_id or op.label,
            method_name=methods.claim(
                str(op.node.get("x-sdk-method-name") or "")
                or method_name(op.operation_id, op.method, op.path, tag_attribute)
            ),
            http_method=op.method.upper(),
            path=op.path,
            summary=one_line(op.summary),
            description=one_line(op.description),
            path_params=tuple(params["path"]),
            query_params=tuple(params["query"]),
            header_params=tuple(params["header"]),
            body_kind=body_kind,
            body_media_type=media_type,
            body_model=body_model,
            body_annotation=body_annotation,
            body_required=bool(op.body and op.body.required),
            body_description=one_line(op.body.description) if op.body else "",
            body_fields=fields,
            results=results,
            success_statuses=tuple(r.status for r in results),
            error_statuses=tuple(
                sorted(r.code for r in op.responses if r.code is not None and r.code >= 300)
            ),
            security=tuple(tuple(sorted(req)) for req in op.security or ()),
            parameters=tuple(references),
            responses=tuple(self.response_reference(r) for r in op.responses),
            idempotent=self.idempotent(op),
            body_union=union,
            pagination=self.pagination(op, tuple(params["query"]), results),
        )

    def idempotent(self, op: model.Operation) -> bool:
        """Its method's idempotence (IDEMPOTENT_METHODS), unless `x-idempotent` says otherwise."""
        declared = op.node.get("x-idempotent")
        if declared is not None and not isinstance(declared, bool):
            message = f"x-idempotent of {op.label} must be true or false, not {declared!r}"
            self.ignored.append(Diagnostic(op.at + "/x-idempotent", message, "unsupported"))
            declared = None
        return declared if declared is not None else op.method in IDEMPOTENT_METHODS

    def pagination(
        self, op: model.Operation, query: tuple[Param, ...], results: tuple[Result, ...]
    ) -> Pagination | None:
        """The operation's `x-pagination` (offset, limit, items, total), if it has one the SDK
        can honour; one it cannot is a diagnostic, and the method returns the answer as it is."""
        raw = op.node.get("x-pagination")
        if raw is None:
            return None
        at = op.at + "/x-pagination"
        try:
            return self._pagination(op, raw, query, results)
        except Unsupported as exc:
            message = f"x-pagination of {op.label} not honoured: {exc}"
            self.ignored.append(Diagnostic(at, message, "unsupported"))
            return None

    def _pagination(
        self, op: model.Operation, raw: Any, query: tuple[Param, ...], results: tuple[Result, ...]
    ) -> Pagination:
        at = op.at + "/x-pagination"
        keys = ("offset", "limit", "items", "total")
        if not isinstance(raw, Mapping) or not all(
            isinstance(raw.get(k), str) for k in ("offset", "items")
        ):
            raise Unsupported(at, "it needs `offset` and `items` (and may have `limit`, `total`)")
        if any(raw.get(k) is not None and not isinstance(raw.get(k), str) for k in keys):
            raise Unsupported(at, "its offset, limit, items and total must be names")
        by_name = {p.name: p for p in query}
        for key in ("offset", "limit"):
            name = raw.get(key)
            if name is not None and (name not in by_name or by_name[name].from_client):
                raise Unsupported(at, f"{key} {name!r} is not a query parameter of {op.label}")
        if len(results) != 1 or results[0].annotation is None or not _is_model(results[0]):
            raise Unsupported(at, f"{op.label} does not answer with one model")
        properties = self.response_object(op)["properties"]
        items = properties.get(raw["items"])
        items_schema = self.value_schema(items) if items is not None else {}
        if items_schema.get("type") != "array":
            raise Unsupported(at, f"its answer has no array property {raw['items']!r}")
        if raw.get("total") is not None and raw["total"] not in properties:
            raise Unsupported(at, f"its answer has no property {raw['total']!r}")
        limit = next((p for p in op.parameters_in("query") if p.name == raw.get("limit")), None)
        default = (self.value_schema(limit.schema) if limit else {}).get("default")
        return Pagination(
            offset=raw["offset"],
            limit=raw.get("limit"),
            items=raw["items"],
            total=raw.get("total"),
            default_limit=default if isinstance(default, int) and default > 0 else None,
            item_annotation=self.annotation(items_schema.get("items") or {}),
            page_model=results[0].annotation,
        )

    def response_object(self, op: model.Operation) -> dict[str, Any]:
        """The object schema of the operation's first JSON success answer (allOf merged)."""
        for response in op.responses:
            if response.code is not None and 200 <= response.code < 300 and response.json:
                return self.object_schema(response.json.schema or {})
        return {"properties": {}, "required": []}

    def param(self, p: model.Parameter, names: Namer, client_names: set[str]) -> Param | None:
        """The SDK argument for a parameter; None for the headers the runtime's auth layer sets."""
        if p.location == "header" and p.name.lower() in AUTH_HEADERS:
            return None
        setting = CLIENT_SETTINGS.get(p.name.lower())
        if setting is not None and setting in client_names:
            python_name = setting
        elif setting is not None:
            client_names.add(setting)
            python_name = names.claim(setting)
        else:
            python_name = names.claim(argument_name(p.name, strip_x_prefix=p.location == "header"))
        return Param(
            name=p.name,
            python_name=python_name,
            location=p.location,
            required=p.required,
            annotation=self.annotation(p.schema),
            description=one_line(p.description),
            from_client=setting is not None,
            explode=p.explode,
        )

    def body(
        self, op: model.Operation, names: Namer
    ) -> tuple[str | None, str | None, str | None, tuple[BodyField, ...], str, BodyUnion | None]:
        """(kind, model class, annotation of a non-model body, keyword fields, media type,
        discriminated union)."""
        if op.body is None:
            return None, None, None, (), "", None
        chosen = next(
            (
                (kind, m)
                for kind, accepts in BODY_KINDS
                for m in op.body.content
                if accepts(m.media_type)
            ),
            None,
        )
        if chosen is None:
            types = ", ".join(m.media_type for m in op.body.content) or "none"
            raise Unsupported(
                op.body.at, f"request body of {op.label}: no supported media type (has {types})"
            )
        kind, media = chosen
        schema = media.schema or {}
        if kind == "binary":
            return kind, None, "bytes", (), media.media_type, None
        class_name = self.model_class(schema, media.at + "/schema")
        if class_name is None:
            if kind != "json":
                raise Unsupported(
                    media.at, f"a {media.media_type} body of {op.label} must be an object schema"
                )
            flattened = self.body_union(schema, names, op)
            if flattened is not None:
                union, union_fields = flattened
                return kind, None, None, union_fields, media.media_type, union
            return kind, None, self.annotation(schema), (), media.media_type, None
        target = self.object_schema(schema)
        required = set(target.get("required") or [])
        fields = tuple(
            BodyField(
                name=name,
                python_name=names.claim(argument_name(name)),
                annotation=self.annotation(prop),
                required=name in required,
                description=one_line(deref(self.document, prop).get("description", "")),
            )
            for name, prop in (target.get("properties") or {}).items()
            if not deref(self.document, prop).get("readOnly")
        )
        return kind, class_name, None, fields, media.media_type, None

    def body_union(
        self, schema: Mapping[str, Any], names: Namer, op: model.Operation
    ) -> tuple[BodyUnion, tuple[BodyField, ...]] | None:
        """A oneOf of object models with a discriminator, flattened: the discriminator first (a
        Literal of every value), then each variant's fields (the union of their types)."""
        target = deref(self.document, dict(schema))
        variants = target.get("oneOf")
        discriminator = target.get("discriminator")
        if not isinstance(variants, list) or not variants or not isinstance(discriminator, dict):
            return None
        prop = discriminator.get("propertyName")
        mapping = discriminator.get("mapping") or {}
        if not isinstance(prop, str) or not isinstance(mapping, dict):
            return None
        found: list[tuple[list[str], str, dict[str, Any]]] = []
        for variant in variants:
            ref = variant.get("$ref") if isinstance(variant, dict) else None
            class_name = self.plan.class_of_ref(ref) if isinstance(ref, str) else None
            if class_name is None or not is_object_model(deref(self.document, variant)):
                return None
            merged = self.object_schema(variant)
            if prop not in merged["properties"]:
                return None
            tags = [str(k) for k, v in mapping.items() if _mapping_ref(str(v)) == ref]
            found.append((tags or [parts(str(ref))[2]], class_name, merged))
        tag_of = {class_name: "/".join(tags) for tags, class_name, _ in found}
        fields: dict[str, list[tuple[str, str, str]]] = {}
        for _, class_name, merged in found:
            for name, field_schema in merged["properties"].items():
                if name == prop or deref(self.document, field_schema).get("readOnly"):
                    continue
                described = one_line(deref(self.document, field_schema).get("description", ""))
                fields.setdefault(name, []).append(
                    (class_name, self.annotation(field_schema), described)
                )
        all_tags = [tag for tags, _, _ in found for tag in tags]
        choices = ", ".join(f"{tag_of[c]} ({c})" for _, c, _ in found)
        flattened = [
            BodyField(
                name=prop,
                python_name=names.claim(argument_name(prop)),
                annotation="Literal[" + ", ".join(repr(t) for t in all_tags) + "]",
                required=True,
                description=f"The {prop} that picks the body's variant: {choices}.",
                required_argument=bool(op.body and op.body.required),
            )
        ]
        for name, uses in fields.items():
            annotations = list(dict.fromkeys(annotation for _, annotation, _ in uses))
            descriptions = set(d for _, _, d in uses)
            users = {c for c, _, _ in uses}
            others = [tag_of[c] for _, c, _ in found if c not in users]
            if len(annotations) == 1 and len(descriptions) == 1:
                text = descriptions.pop()
            else:
                text = f"By {prop}: " + "; ".join(f"{tag_of[c]}: {a}" for c, a, _ in uses) + "."
            if others:
                text += f" Not taken by {', '.join(others)}."
            flattened.append(
                BodyField(
                    name=name,
                    python_name=names.claim(argument_name(name)),
                    annotation=" | ".join(annotations),
                    required=len(users) == len(found)
                    and all(name in (m.get("required") or []) for _, _, m in found),
                    description=text.strip(),
                )
            )
        ref = schema.get("$ref")
        title = (self.plan.class_of_ref(ref) if isinstance(ref, str) else None) or (
            f"{op.operation_id or op.label} body"
        )
        union = BodyUnion(
            title=title,
            discriminator=prop,
            variants=tuple(
                UnionVariant(tag, class_name) for tags, class_name, _ in found for tag in tags
            ),
        )
        return union, tuple(flattened)

    def results(self, op: model.Operation) -> tuple[Result, ...]:
        """The 2xx responses (or `default` when there is none), each with its Python type."""
        success = [r for r in op.responses if r.code is not None and 200 <= r.code < 300]
        if not success:
            success = [r for r in op.responses if r.status in ("default", "2XX")]
        found = []
        for response in success:
            media = response.json
            if media is None or media.schema is None:
                other = next(iter(response.content), None)
                annotation = "bytes" if other is not None and not other.is_json else None
            else:
                annotation = self.annotation(media.schema, media.at + "/schema")
            found.append(Result(response.code or 200, annotation))
        return tuple(found) or (Result(200, None),)

    def callback(self, op: model.Operation) -> Callback:
        """A callback with an envelope whose message is decoded by its event type (x-message-schemas),
        or a plain body parser."""
        media = op.body.json if op.body else None
        schema = dict(media.schema) if media and media.schema else {}
        envelope_class = self.model_class(schema, media.at + "/schema" if media else "") or ""
        envelope = self.object_schema(schema) if envelope_class else {}
        mapping = envelope.get("x-message-schemas") or {}
        properties = envelope.get("properties") or {}
        discriminators = [
            n for n, p in properties.items() if mapping and set(p.get("enum") or ()) == set(mapping)
        ]
        messages = [
            n
            for n, p in properties.items()
            if p.get("type") == "string" and n not in discriminators
        ]
        decoded = bool(mapping) and len(discriminators) == 1 and len(messages) == 1
        return Callback(
            signature_modes=self.signature_modes(op),
            operation_id=op.operation_id or op.label,
            function_name=f"parse_{snake(op.operation_id or op.label)}",
            summary=one_line(op.summary),
            envelope_model=envelope_class,
            discriminator=discriminators[0] if decoded else "",
            message_field=messages[0] if decoded else "",
            messages=tuple(
                CallbackMessage(event, self.plan.class_of_ref(ref["$ref"]) or "")
                for event, ref in sorted(mapping.items())
            )
            if decoded
            else (),
            http_method=op.method.upper(),
            expression=op.path,
            description=one_line(op.description),
            parameters=tuple(self.param_reference(p, None) for p in op.parameters),
        )

    def signature_modes(self, op: model.Operation) -> tuple[model.SignatureMode, ...]:
        """The modes of a callback's `x-callback-signature`; one the SDK cannot honour is a
        diagnostic, and the callback is rendered without a verifier."""
        try:
            signature = model.callback_signature(op)
        except ValueError as exc:
            at = f"{op.at}/{model.CALLBACK_SIGNATURE_EXTENSION}"
            self.ignored.append(Diagnostic(at, f"not honoured: {exc}", "unsupported"))
            return ()
        return signature.modes if signature is not None else ()

    # Types --------------------------------------------------------------------------------------

    def model_class(self, schema: Mapping[str, Any], at: str) -> str | None:
        """The model class a body schema is: a component model, or a hoisted inline one."""
        if at in self.plan.hoisted:
            return self.plan.hoisted[at]
        ref = schema.get("$ref")
        if isinstance(ref, str) and is_object_model(deref(self.document, schema)):
            return self.plan.class_of_ref(ref)
        return None

    def object_schema(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        """The object a model schema describes, `allOf` parts merged (for its keyword fields)."""
        target = deref(self.document, dict(schema))
        merged: dict[str, Any] = {"properties": {}, "required": []}
        for part in target.get("allOf") or []:
            sub = self.object_schema(part)
            merged["properties"].update(sub.get("properties") or {})
            merged["required"] += sub.get("required") or []
        merged["properties"].update(target.get("properties") or {})
        merged["required"] += target.get("required") or []
        return {**target, **merged}

    def annotation(self, schema: Mapping[str, Any], at: str = "") -> str:
        """The Python type of a schema, as the generated models name it."""
        if at and at in self.plan.hoisted:
            return self.plan.hoisted[at]
        if "$ref" in schema:
            target = deref(self.document, dict(schema))
            class_name = self.plan.class_of_ref(str(schema["$ref"]))
            if class_name is not None and is_object_model(target):
                return class_name
            return self.annotation(target)
        if len(schema.get("allOf") or []) == 1:
            return self.annotation(schema["allOf"][0])
        for union in ("oneOf", "anyOf"):
            if schema.get(union):
                return " | ".join(dict.fromkeys(self.annotation(v) for v in schema[union]))
        if "enum" in schema:
            members = [v for v in schema["enum"] if v is not None]
            text = "Literal[" + ", ".join(repr(v) for v in members) + "]" if members else "None"
            return text + (" | None" if None in schema["enum"] and members else "")
        kind = schema.get("type")
        if kind == "array":
            return f"list[{self.annotation(schema.get('items') or {})}]"
        if kind == "string" and schema.get("format") == "binary":
            return "bytes"
        simple = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
        if kind in simple:
            return simple[kind]
        additional = schema.get("additionalProperties")
        value_type = (
            self.annotation(additional) if isinstance(additional, dict) and additional else "Any"
        )
        if kind is None and not schema.get("properties"):
            return "Any"
        return f"dict[str, {value_type}]"

    def type_text(self, schema: Mapping[str, Any]) -> str:
        """A readable type: `string`, `integer (int32)`, `array of string`, or a model's class."""
        if "$ref" in schema:
            target = deref(self.document, dict(schema))
            class_name = self.plan.class_of_ref(str(schema["$ref"]))
            if class_name is not None and is_object_model(target):
                return class_name
            return self.type_text(target)
        if len(schema.get("allOf") or []) == 1:
            return self.type_text(schema["allOf"][0])
        kind = schema.get("type")
        if kind == "array":
            return "array of " + self.type_text(schema.get("items") or {})
        if kind is None:
            return "object" if "properties" in schema else "any"
        return f"{kind} ({schema['format']})" if schema.get("format") else str(kind)

    def constraints(self, schema: Mapping[str, Any]) -> tuple[str, ...]:
        """What a schema demands of a value, as text: enum, bounds, lengths, pattern, items, default.

        A model's constraints are its fields' (listed with the model), so a reference to one has
        none.
        """
        own = self.value_schema(schema)
        texts: list[str] = []
        if "enum" in own:
            texts.append("one of: " + ", ".join(_json(v) for v in own["enum"]))
        texts.extend(f"{k}: {_bound_text(own, k)}" for k in CONSTRAINT_KEYWORDS if k in own)
        items = own.get("items")
        if own.get("type") == "array" and isinstance(items, dict):
            texts.extend("items " + text for text in self.constraints(items))
        if "default" in own:
            texts.append("default: " + _json(own["default"]))
        return tuple(texts)

    def value_schema(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        """The keywords constraining a value: `$ref`s and one-member allOfs followed, not to models."""
        if "$ref" in schema:
            target = deref(self.document, dict(schema))
            return {} if is_object_model(target) else self.value_schema(target)
        parts = schema.get("allOf") or []
        if len(parts) == 1:
            rest = {k: v for k, v in schema.items() if k != "allOf"}
            return {**self.value_schema(parts[0]), **rest}
        return dict(schema)

    # The reference page (API.md) ----------------------------------------------------------------

    def param_reference(self, p: model.Parameter, param: Param | None) -> ParamReference:
        """A parameter for the reference page; `param` is its SDK argument, if it has one."""
        return ParamReference(
            name=p.name,
            location=p.location,
            sdk_keyword=param.python_name if param else "",
            from_client=param.from_client if param else False,
            required=p.required,
            type_text=self.type_text(p.schema),
            constraints=self.constraints(p.schema),
            description=one_line(p.description),
            decisions=_decisions(p.node) + _decisions(p.schema),
        )

    def response_reference(self, response: model.Response) -> ResponseReference:
        """One documented response, for the reference page."""
        media = response.json
        schema = media.schema if media else None
        return ResponseReference(
            status=response.status,
            description=one_line(response.description),
            model=self.type_text(schema) if schema is not None else None,
            headers=tuple(h.name for h in response.headers),
            error_codes=_error_codes(self.document, media.node if media else {}),
        )

    def model_reference(self, name: str, schema: dict[str, Any]) -> ModelReference:
        """A component schema for the reference page: its fields in spec order."""
        required = set(schema.get("required") or [])
        return ModelReference(
            name=name,
            description=one_line(schema.get("description", "")),
            doc_tables=tuple(int(t) for t in schema.get("x-doc-tables") or []),
            fields=tuple(
                FieldReference(
                    name=field,
                    type_text=self.type_text(prop),
                    required=field in required,
                    constraints=self.constraints(prop),
                    secret=prop.get("x-secret") is True,
                    description=one_line(deref(self.document, prop).get("description", "")),
                    decisions=_decisions(prop),
                )
                for field, prop in (schema.get("properties") or {}).items()
            ),
            decisions=_decisions(schema),
            variants=tuple(
                self.plan.classes.get(last(member["$ref"]), last(member["$ref"]))
                for member in schema.get("oneOf") or schema.get("anyOf") or ()
                if isinstance(member, dict) and isinstance(member.get("$ref"), str)
            ),
            discriminator=(schema.get("discriminator") or {}).get("propertyName"),
        )


def _is_model(result: Result) -> bool:
    annotation = result.annotation or ""
    return annotation.isidentifier() and annotation[:1].isupper()


def _mapping_ref(value: str) -> str:
    """A discriminator mapping's value as a reference: a bare schema name means its component."""
    return value if "/" in value or value.startswith("#") else f"#/components/schemas/{value}"


def _error_codes(document: dict[str, Any], media: Mapping[str, Any]) -> tuple[str, ...]:
    """The `error_code` of each example of a response body (Huawei Cloud's error envelope)."""
    values = [deref(document, ex).get("value") for ex in (media.get("examples") or {}).values()]
    if "example" in media:
        values.append(media["example"])
    codes = {v["error_code"] for v in values if isinstance(v, dict) and "error_code" in v}
    return tuple(sorted(str(code) for code in codes))


CLIENT_ARGUMENTS = (
    "project_id",
    "ak",
    "sk",
    "token",
    "region",
    "base_url",
    "timeout",
    "retry",
    "transport",
    "http_client",
)
"""The clients' own keyword arguments: a scheme's credential argument must not take one."""


def _security_schemes(document: dict[str, Any]) -> tuple[SecurityScheme, ...]:
    names = Namer(CLIENT_ARGUMENTS)
    schemes = model.security_schemes(document)
    return tuple(_security_scheme(schemes[name], names) for name in sorted(schemes))


# What the client does for each kind of scheme (speccore.model): the Huawei signature and the IAM
# token beside it go through auth_from_arguments; oauth2 and the like are the caller's business,
# through `http_client`.
CLIENT_AUTH = {
    "signature": "huawei-aksk",
    "api-key": "api-key",
    "bearer": "bearer",
    "basic": "basic",
}


def _security_scheme(scheme: model.SecurityScheme, names: Namer) -> SecurityScheme:
    auth = CLIENT_AUTH.get(scheme.kind, "")
    return SecurityScheme(
        name=scheme.name,
        kind=scheme.type,
        location=scheme.location,
        header=scheme.parameter,
        description=one_line(scheme.description),
        auth=auth,
        argument=names.claim(argument_name(scheme.name)) if auth != "huawei-aksk" and auth else "",
    )


def _decisions(node: Mapping[str, Any]) -> tuple[DocDecision, ...]:
    """The `x-doc` decisions of a spec object, their text on one line for the reference page."""
    return tuple(
        replace(d, quote=one_line(d.quote), choice=one_line(d.choice)) for d in decisions_of(node)
    )


def _bound_text(schema: Mapping[str, Any], keyword: str) -> str:
    value = schema[keyword]
    if keyword == "pattern":
        return str(value)
    exclusive = {"minimum": "exclusiveMinimum", "maximum": "exclusiveMaximum"}.get(keyword)
    suffix = " (exclusive)" if exclusive and schema.get(exclusive) is True else ""
    return _json(value) + suffix


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
