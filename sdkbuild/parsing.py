"""Turn a resolved spec (speccore.model) into the IR (sdkbuild.ir): names, Python annotations, sorted.

What the generator cannot render (a cookie parameter, say) is a diagnostic of rule `unsupported`
naming it and where; the operation is left out of the IR and listed in `Api.skipped`. Whether that
is an error (the house rules) or a warning (`--lint openapi`) is the caller's decision.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sdkbuild.ir import (
    Api,
    BodyField,
    Callback,
    CallbackMessage,
    FieldReference,
    ModelReference,
    Operation,
    Param,
    ParamReference,
    Resource,
    ResponseReference,
    Result,
    SecurityScheme,
    SkippedOperation,
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
    resources = []
    skipped: list[SkippedOperation] = []
    for tag in sorted(by_tag, key=lambda t: (snake(t), t)):
        attribute = attributes.claim(identifier(snake(tag), "resource"))
        class_base = identifier(pascal(tag), "Resource")
        if class_base.lower() in {c.lower() for c in plan.all_classes}:
            class_base += "Resource"  # the resource module imports the model of the same name
        class_name = class_namer.claim(class_base)
        methods = Namer(("with_options",))
        built = []
        for op in by_tag[tag]:
            try:
                built.append(ctx.operation(op, attribute, methods))
            except Unsupported as exc:
                skipped.append(SkippedOperation(op.operation_id or op.label, exc.diagnostic))
        shadowed = {o.method_name for o in built} & BUILTIN_TYPES
        if shadowed:
            built = [_qualify_builtins(o, shadowed) for o in built]
        resources.append(
            Resource(
                tag=tag,
                attribute=attribute,
                class_name=class_name,
                description=tag_docs.get(tag) or f"The operations tagged {tag}.",
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
        models_document=plan.document,
    )


BUILTIN_TYPES = frozenset({"bool", "bytes", "dict", "float", "int", "list", "str"})
"""Builtins the annotations use: a method of that name (`list`) hides it in its class's scope."""


def _qualify_builtins(op: Operation, shadowed: set[str]) -> Operation:
    """`list[str]` → `builtins.list[str]` wherever a method of the same class hides `list`."""
    pattern = re.compile(r"(?<![\w.])(" + "|".join(sorted(shadowed)) + r")\b")

    def fix(annotation: str) -> str:
        return pattern.sub(r"builtins.\1", annotation)

    return replace(
        op,
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
    """The diagnostics of the operations left out, at `level`."""
    return [
        Diagnostic(d.pointer, d.message, d.rule, level) for d in (s.diagnostic for s in api.skipped)
    ]


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
        body_kind, body_model, body_annotation, fields, media_type = self.body(op, names)
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
        )

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
    ) -> tuple[str | None, str | None, str | None, tuple[BodyField, ...], str]:
        """(kind, model class, annotation of a non-model body, keyword fields, media type)."""
        if op.body is None:
            return None, None, None, (), ""
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
            return kind, None, "bytes", (), media.media_type
        class_name = self.model_class(schema, media.at + "/schema")
        if class_name is None:
            if kind != "json":
                raise Unsupported(
                    media.at, f"a {media.media_type} body of {op.label} must be an object schema"
                )
            return kind, None, self.annotation(schema), (), media.media_type
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
        return kind, class_name, None, fields, media.media_type

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
        )


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
