"""Turn a validated spec into the IR (sdkbuild.ir): names, Python annotations, sorted."""

from __future__ import annotations

import json
import keyword
import re
from typing import Any

from sdkbuild.ir import (
    Api,
    BodyField,
    Callback,
    CallbackMessage,
    DocDecision,
    FieldReference,
    ModelReference,
    Operation,
    Param,
    ParamReference,
    Resource,
    ResponseReference,
    SecurityScheme,
)
from speccore.diagnostics import Diagnostic, SpecError
from speccore.pointers import pointer
from speccore.refs import deref
from speccore.text import one_line
from speccore.walk import OperationSite, iter_operations

PACKAGE = "metastudio"

# Headers the runtime's auth layer sets (token auth, AK/SK signing): never method arguments.
AUTH_HEADERS = frozenset({"authorization", "x-auth-token", "x-sdk-date"})
# Parameters that take a client-level setting unless the call overrides it: the project ID is
# both the path's {project_id} and, for AK/SK, the X-Project-Id header.
CLIENT_SETTINGS = {"project_id": "project_id", "x-project-id": "project_id"}
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


def parse(document: dict[str, Any], spec_name: str) -> Api:
    """Build the IR; raise SpecError for what the generator cannot express."""
    problems: list[Diagnostic] = []
    by_tag: dict[str, list[Operation]] = {}
    callbacks: list[Callback] = []
    for site in iter_operations(document):
        if site.is_callback:
            callbacks.append(_callback(document, site, problems))
            continue
        tag = site.operation["tags"][0]
        by_tag.setdefault(tag, []).append(
            _operation(document, site.at, site.method, site.path, site.operation, tag, problems)
        )
    if problems:
        raise SpecError(problems)
    tag_docs = {t["name"]: t.get("description", "") for t in document.get("tags") or []}
    resources = tuple(
        Resource(
            tag=tag,
            attribute=snake(tag),
            class_name=_class_name(tag),
            description=tag_docs.get(tag, ""),
            operations=tuple(sorted(ops, key=lambda o: o.method_name)),
        )
        for tag, ops in sorted(by_tag.items())
    )
    server = (document.get("servers") or [{}])[0]
    region = (server.get("variables") or {}).get("region") or {}
    schemas = (document.get("components") or {}).get("schemas") or {}
    return Api(
        title=document["info"]["title"],
        version=str(document["info"]["version"]),
        description=one_line(document["info"].get("description", "")),
        spec_name=spec_name,
        package=PACKAGE,
        default_region=str(region.get("default", "")),
        regions=tuple(sorted(str(r) for r in region.get("enum") or [])),
        endpoint_template=str(server.get("url", "")),
        resources=resources,
        callbacks=tuple(sorted(callbacks, key=lambda c: c.function_name)),
        models=tuple(sorted(schemas)),
        security=_security_schemes(document),
        reference=tuple(
            _model_reference(document, name, deref(document, schemas[name]))
            for name in sorted(schemas)
        ),
    )


def _operation(
    document: dict[str, Any],
    at: str,
    method: str,
    path: str,
    op: dict[str, Any],
    tag: str,
    problems: list[Diagnostic],
) -> Operation:
    op_id = op["operationId"]
    params: dict[str, list[Param]] = {"path": [], "query": [], "header": []}
    references: list[ParamReference] = []
    for i, raw in enumerate(op.get("parameters") or []):
        p = deref(document, raw)
        if p["in"] == "cookie":
            problems.append(
                Diagnostic(
                    at + pointer("parameters", i), "cookie parameters are not supported", "generate"
                )
            )
            continue
        param = _param(document, p)
        references.append(_param_reference(document, p, param))
        if param is not None:
            params[param.location].append(param)
    body_model: str | None = None
    body_required = False
    fields: tuple[BodyField, ...] = ()
    body = deref(document, op.get("requestBody")) if op.get("requestBody") else None
    if isinstance(body, dict):
        schema_ref = ((body.get("content") or {}).get("application/json") or {}).get("schema") or {}
        if "$ref" not in schema_ref:
            problems.append(
                Diagnostic(
                    at + "/requestBody",
                    "the JSON body must be a $ref to a component schema",
                    "generate",
                )
            )
        else:
            body_model = _ref_name(schema_ref["$ref"])
            body_required = bool(body.get("required"))
            schema = deref(document, schema_ref)
            required = set(schema.get("required") or [])
            fields = tuple(
                BodyField(
                    name=name,
                    annotation=annotation(document, prop),
                    required=name in required,
                    description=one_line(deref(document, prop).get("description", "")),
                )
                for name, prop in (schema.get("properties") or {}).items()
            )
    names = [p.python_name for ps in params.values() for p in ps if not p.from_client] + [
        f.name for f in fields
    ]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        problems.append(
            Diagnostic(at, f"two arguments of {op_id} would both be named {dup!r}", "generate")
        )
    statuses = sorted(int(s) for s in (op.get("responses") or {}) if str(s).isdigit())
    success = tuple(s for s in statuses if 200 <= s < 300)
    result_model = "EmptyResult"
    for status in success:
        media = (deref(document, op["responses"][str(status)]).get("content") or {}).get(
            "application/json"
        ) or {}
        if "$ref" in (media.get("schema") or {}):
            result_model = _ref_name(media["schema"]["$ref"])
    return Operation(
        operation_id=op_id,
        method_name=op.get("x-sdk-method-name") or _method_name(op_id, tag),
        http_method=method.upper(),
        path=path,
        summary=one_line(op.get("summary", "")),
        description=one_line(op.get("description", "")),
        path_params=tuple(params["path"]),
        query_params=tuple(params["query"]),
        header_params=tuple(params["header"]),
        body_model=body_model,
        body_required=body_required,
        body_description=one_line(body.get("description", "")) if isinstance(body, dict) else "",
        body_fields=fields,
        result_model=result_model,
        success_statuses=success,
        error_statuses=tuple(s for s in statuses if s >= 300),
        parameters=tuple(references),
        responses=_responses(document, op),
    )


def _param(document: dict[str, Any], p: dict[str, Any]) -> Param | None:
    """The SDK argument for a parameter; None for the headers the runtime's auth layer sets."""
    location, name = p["in"], p["name"]
    if location == "header" and name.lower() in AUTH_HEADERS:
        return None
    setting = CLIENT_SETTINGS.get(name.lower())
    return Param(
        name=name,
        python_name=setting or _python_name(re.sub(r"^x-", "", name, flags=re.I)),
        location=location,
        required=bool(p.get("required")),
        annotation=annotation(document, p.get("schema") or {}),
        description=one_line(p.get("description", "")),
        from_client=setting is not None,
    )


def _param_reference(
    document: dict[str, Any], p: dict[str, Any], param: Param | None
) -> ParamReference:
    """A parameter for the reference page; `param` is its SDK argument, if it has one."""
    schema = p.get("schema") or {}
    return ParamReference(
        name=p["name"],
        location=p["in"],
        sdk_keyword=param.python_name if param else "",
        from_client=param.from_client if param else False,
        required=bool(p.get("required")),
        type_text=type_text(document, schema),
        constraints=constraints(document, schema),
        description=one_line(p.get("description", "")),
        decisions=_decisions(p) + _decisions(schema),
    )


def _responses(document: dict[str, Any], op: dict[str, Any]) -> tuple[ResponseReference, ...]:
    """The operation's responses in spec order."""
    return tuple(
        _response(document, str(status), deref(document, raw))
        for status, raw in (op.get("responses") or {}).items()
    )


def _response(document: dict[str, Any], status: str, response: dict[str, Any]) -> ResponseReference:
    media = (response.get("content") or {}).get("application/json") or {}
    schema = media.get("schema")
    return ResponseReference(
        status=status,
        description=one_line(response.get("description", "")),
        model=type_text(document, schema) if isinstance(schema, dict) else None,
        headers=tuple(str(name) for name in response.get("headers") or {}),
        error_codes=_error_codes(document, media),
    )


def _error_codes(document: dict[str, Any], media: dict[str, Any]) -> tuple[str, ...]:
    """The `error_code` of each example of a response body (Huawei Cloud's error envelope)."""
    values = [deref(document, ex).get("value") for ex in (media.get("examples") or {}).values()]
    if "example" in media:
        values.append(media["example"])
    codes = {v["error_code"] for v in values if isinstance(v, dict) and "error_code" in v}
    return tuple(sorted(str(code) for code in codes))


def _security_schemes(document: dict[str, Any]) -> tuple[SecurityScheme, ...]:
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    return tuple(
        _security_scheme(name, deref(document, scheme)) for name, scheme in sorted(schemes.items())
    )


def _security_scheme(name: str, scheme: dict[str, Any]) -> SecurityScheme:
    return SecurityScheme(
        name=name,
        kind=str(scheme.get("type", "")),
        location=str(scheme.get("in", "")),
        header=str(scheme.get("name", "")),
        description=one_line(scheme.get("description", "")),
    )


def _model_reference(document: dict[str, Any], name: str, schema: dict[str, Any]) -> ModelReference:
    """A component schema for the reference page: its fields in spec order."""
    required = set(schema.get("required") or [])
    return ModelReference(
        name=name,
        description=one_line(schema.get("description", "")),
        doc_tables=tuple(int(t) for t in schema.get("x-doc-tables") or []),
        fields=tuple(
            _field_reference(document, field, prop, field in required)
            for field, prop in (schema.get("properties") or {}).items()
        ),
        decisions=_decisions(schema),
    )


def _field_reference(
    document: dict[str, Any], name: str, prop: dict[str, Any], required: bool
) -> FieldReference:
    return FieldReference(
        name=name,
        type_text=type_text(document, prop),
        required=required,
        constraints=constraints(document, prop),
        secret=prop.get("x-secret") is True,
        description=one_line(deref(document, prop).get("description", "")),
        decisions=_decisions(prop),
    )


def _decisions(node: dict[str, Any]) -> tuple[DocDecision, ...]:
    """The `x-doc` decisions recorded on a spec object, in spec order."""
    return tuple(
        DocDecision(
            keyword=str(d.get("keyword", "")),
            quote=one_line(d.get("quote", "")),
            choice=one_line(d.get("choice", "")),
        )
        for d in node.get("x-doc") or []
        if isinstance(d, dict)
    )


def _callback(
    document: dict[str, Any], site: OperationSite, problems: list[Diagnostic]
) -> Callback:
    op, at = site.operation, site.at
    op_id = op["operationId"]
    schema_ref = (
        ((op.get("requestBody") or {}).get("content") or {}).get("application/json") or {}
    ).get("schema") or {}
    if "$ref" not in schema_ref:
        problems.append(
            Diagnostic(
                at + "/requestBody",
                "a callback body must be a $ref to a component schema",
                "generate",
            )
        )
        return _unusable_callback(op_id)
    envelope = deref(document, schema_ref)
    # x-message-schemas maps each event type to the schema of the decoded message. The property
    # that names the event type is the one whose enum is exactly those keys; the message is the
    # envelope's other string property.
    mapping = envelope.get("x-message-schemas") or {}
    properties = envelope.get("properties") or {}
    discriminators = [n for n, p in properties.items() if set(p.get("enum") or ()) == set(mapping)]
    messages = [
        n for n, p in properties.items() if p.get("type") == "string" and n not in discriminators
    ]
    if not mapping or len(discriminators) != 1 or len(messages) != 1:
        msg = (
            "a callback envelope needs x-message-schemas, one property whose enum is its keys, "
            "and one other string property holding the JSON message"
        )
        problems.append(Diagnostic(schema_ref["$ref"][1:], msg, "generate"))
        return _unusable_callback(op_id)
    discriminator, message_field = discriminators[0], messages[0]
    return Callback(
        operation_id=op_id,
        function_name=f"parse_{snake(op_id)}",
        summary=one_line(op.get("summary", "")),
        envelope_model=_ref_name(schema_ref["$ref"]),
        discriminator=discriminator,
        message_field=message_field,
        messages=tuple(
            CallbackMessage(event, _ref_name(ref["$ref"])) for event, ref in sorted(mapping.items())
        ),
        http_method=site.method.upper(),
        expression=site.path,
        description=one_line(op.get("description", "")),
        parameters=tuple(
            _param_reference(document, deref(document, raw), None)
            for raw in op.get("parameters") or []
        ),
    )


def _unusable_callback(op_id: str) -> Callback:
    """A placeholder for a callback that has a diagnostic already: parse() raises before use."""
    return Callback(op_id, snake(op_id), "", "", "", "", (), "", "", "", ())


def annotation(document: dict[str, Any], schema: dict[str, Any]) -> str:
    """The Python type of a schema, as the generated models name it (constraints stay in the model)."""
    if "$ref" in schema:
        target = deref(document, schema)
        if _is_model(target):
            return _ref_name(schema["$ref"])
        return annotation(document, target)
    if len(schema.get("allOf") or []) == 1:
        return annotation(document, schema["allOf"][0])
    if "enum" in schema:
        return "Literal[" + ", ".join(repr(v) for v in schema["enum"]) + "]"
    kind = schema.get("type")
    if kind == "array":
        return f"list[{annotation(document, schema.get('items') or {})}]"
    simple = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
    if kind in simple:
        return simple[kind]
    return "dict[str, Any]"


def type_text(document: dict[str, Any], schema: dict[str, Any]) -> str:
    """A readable type: `string`, `integer (int32)`, `array of string`, or a model's name."""
    if "$ref" in schema:
        target = deref(document, schema)
        return _ref_name(schema["$ref"]) if _is_model(target) else type_text(document, target)
    if len(schema.get("allOf") or []) == 1:
        return type_text(document, schema["allOf"][0])
    kind = schema.get("type")
    if kind == "array":
        return "array of " + type_text(document, schema.get("items") or {})
    if kind is None:
        return "object" if "properties" in schema else "any"
    return f"{kind} ({schema['format']})" if schema.get("format") else str(kind)


def constraints(document: dict[str, Any], schema: dict[str, Any]) -> tuple[str, ...]:
    """What a schema demands of a value, as text: enum, bounds, lengths, pattern, items, default.

    A model's constraints are its fields' (listed with the model), so a reference to one has none.
    """
    own = _value_schema(document, schema)
    texts: list[str] = []
    if "enum" in own:
        texts.append("one of: " + ", ".join(_json(v) for v in own["enum"]))
    texts.extend(f"{k}: {_bound_text(own, k)}" for k in CONSTRAINT_KEYWORDS if k in own)
    items = own.get("items")
    if own.get("type") == "array" and isinstance(items, dict):
        texts.extend("items " + text for text in constraints(document, items))
    if "default" in own:
        texts.append("default: " + _json(own["default"]))
    return tuple(texts)


def _value_schema(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The keywords constraining a value: `$ref`s and one-member allOfs followed, not to models."""
    if "$ref" in schema:
        target = deref(document, schema)
        return {} if _is_model(target) else _value_schema(document, target)
    parts = schema.get("allOf") or []
    if len(parts) == 1:
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        return {**_value_schema(document, parts[0]), **rest}
    return schema


def _bound_text(schema: dict[str, Any], keyword: str) -> str:
    value = schema[keyword]
    if keyword == "pattern":
        return str(value)
    exclusive = {"minimum": "exclusiveMinimum", "maximum": "exclusiveMaximum"}.get(keyword)
    suffix = " (exclusive)" if exclusive and schema.get(exclusive) is True else ""
    return _json(value) + suffix


def _is_model(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def snake(name: str) -> str:
    """CamelCase or kebab-case → snake_case: StartSmartLive → start_smart_live, RTCUser → rtc_user."""
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return re.sub(r"[^0-9a-zA-Z]+", "_", s).strip("_").lower()


def _method_name(operation_id: str, tag: str) -> str:
    # StartSmartLive under tag SmartLive → start: the resource already says "smart_live".
    full, resource = snake(operation_id), snake(tag)
    for trimmed in (full.removesuffix("_" + resource), full.removeprefix(resource + "_")):
        if trimmed != full and trimmed:
            return trimmed
    return full


def _python_name(name: str) -> str:
    python = snake(name)
    return python + "_" if keyword.iskeyword(python) else python


def _class_name(tag: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9a-zA-Z]+", tag) if part)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]
