"""Turn a validated spec into the IR (generator.ir): names, Python annotations, sorted."""

from __future__ import annotations

import keyword
import re
from typing import Any

from generator.diagnostics import Diagnostic, SpecError, pointer
from generator.ir import Api, BodyField, Callback, CallbackMessage, Operation, Param, Resource
from generator.refs import deref
from generator.walk import iter_operations

PACKAGE = "metastudio"

# Headers the runtime's auth layer sets (token auth, AK/SK signing): never method arguments.
AUTH_HEADERS = frozenset({"authorization", "x-auth-token", "x-sdk-date"})
# Parameters that take a client-level setting unless the call overrides it: the project ID is
# both the path's {project_id} and, for AK/SK, the X-Project-Id header.
CLIENT_SETTINGS = {"project_id": "project_id", "x-project-id": "project_id"}


def parse(document: dict[str, Any], spec_name: str) -> Api:
    """Build the IR; raise SpecError for what the generator cannot express."""
    problems: list[Diagnostic] = []
    by_tag: dict[str, list[Operation]] = {}
    callbacks: list[Callback] = []
    for site in iter_operations(document):
        if site.is_callback:
            callbacks.append(_callback(document, site.operation, site.at, problems))
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
    return Api(
        title=document["info"]["title"],
        version=str(document["info"]["version"]),
        spec_name=spec_name,
        package=PACKAGE,
        default_region=str(region.get("default", "")),
        regions=tuple(sorted(str(r) for r in region.get("enum") or [])),
        endpoint_template=str(server.get("url", "")),
        resources=resources,
        callbacks=tuple(sorted(callbacks, key=lambda c: c.function_name)),
        models=tuple(sorted((document.get("components") or {}).get("schemas") or {})),
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
    for i, raw in enumerate(op.get("parameters") or []):
        p = deref(document, raw)
        location, name = p["in"], p["name"]
        if location == "cookie":
            problems.append(
                Diagnostic(
                    at + pointer("parameters", i), "cookie parameters are not supported", "generate"
                )
            )
            continue
        if location == "header" and name.lower() in AUTH_HEADERS:
            continue
        setting = CLIENT_SETTINGS.get(name.lower())
        python_name = setting or _python_name(re.sub(r"^x-", "", name, flags=re.I))
        params[location].append(
            Param(
                name=name,
                python_name=python_name,
                location=location,
                required=bool(p.get("required")),
                annotation=annotation(document, p.get("schema") or {}),
                description=_one_line(p.get("description", "")),
                from_client=setting is not None,
            )
        )
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
                    description=_one_line(deref(document, prop).get("description", "")),
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
        summary=_one_line(op.get("summary", "")),
        description=_one_line(op.get("description", "")),
        path_params=tuple(params["path"]),
        query_params=tuple(params["query"]),
        header_params=tuple(params["header"]),
        body_model=body_model,
        body_required=body_required,
        body_fields=fields,
        result_model=result_model,
        success_statuses=success,
        error_statuses=tuple(s for s in statuses if s >= 300),
    )


def _callback(
    document: dict[str, Any], op: dict[str, Any], at: str, problems: list[Diagnostic]
) -> Callback:
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
        return Callback(op_id, snake(op_id), "", "", "", "", ())
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
        return Callback(op_id, snake(op_id), "", "", "", "", ())
    discriminator, message_field = discriminators[0], messages[0]
    return Callback(
        operation_id=op_id,
        function_name=f"parse_{snake(op_id)}",
        summary=_one_line(op.get("summary", "")),
        envelope_model=_ref_name(schema_ref["$ref"]),
        discriminator=discriminator,
        message_field=message_field,
        messages=tuple(
            CallbackMessage(event, _ref_name(ref["$ref"])) for event, ref in sorted(mapping.items())
        ),
    )


def annotation(document: dict[str, Any], schema: dict[str, Any]) -> str:
    """The Python type of a schema, as the generated models name it (constraints stay in the model)."""
    if "$ref" in schema:
        target = deref(document, schema)
        if target.get("type") == "object" or "properties" in target:
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


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
