"""Acceptance: every field of every doc table is in the spec with the doc's type, enum, bounds and default."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.docpage import DocField, DocPage, read_text_page

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "openapi" / "doc" / "start-smart-live.zh.txt"
SPEC = ROOT / "openapi" / "metastudio-smart-live.yaml"

PATH_PARAMS = "path parameters"
HEADER_PARAMS = "header parameters"
RESPONSE_HEADERS = "response headers"

# Which spec object holds the fields of each doc table.
TABLE_OWNERS: dict[int, str] = {
    1: PATH_PARAMS,
    2: HEADER_PARAMS,
    3: "StartSmartLiveReq",
    4: "VideoConfig",
    5: "SubtitleConfig",
    6: "PlayPolicy",
    7: "LiveExitConfig",
    8: "LiveEventCallBackConfig",
    9: "RTCLiveEventCallBackConfig",
    10: "CoStreamerConfig",
    11: "VoiceConfig",
    12: "LiveJobRunConfig",
    13: RESPONSE_HEADERS,
    14: "StartSmartLiveResponse",
    15: "RTCRoomInfoList",
    16: "RTCUserInfo",
    17: "LiveEventCallBackConfig",
    18: "LiveWarningItem",
    19: "ErrorResponse",
    20: "ErrorResponse",
    21: "ErrorResponse",
}
# A doc type `X object` refers to the spec schema X unless mapped here.
OBJECT_SCHEMAS: dict[str, str] = {}
# Schemas from the prose of 表8 (the callback envelope and its messages): not rows of any table.
CALLBACK_SCHEMAS = frozenset(
    {
        "LiveEventCallback",
        "ShootScriptSwitchMessage",
        "RtmpStreamStateChangeMessage",
        "ReplyCommandFinishMessage",
    }
)
SCALAR_TYPES = {
    "String": "string",
    "Integer": "integer/int32",
    "Long": "integer/int64",
    "Float": "number/float",
    "Double": "number/double",
    "Boolean": "boolean",
}
ARRAY_OF_SCALARS = {
    "strings": "string",
    "integers": "integer/int32",
    "longs": "integer/int64",
    "floats": "number/float",
    "doubles": "number/double",
    "booleans": "boolean",
}
# Keywords whose differences a decision covers only if it names the value the spec chose.
VALUE_KEYWORDS = frozenset(
    {"enum", "minimum", "maximum", "minLength", "maxLength", "maxItems", "default"}
)
# Constraints the doc's tables cannot state: any of them in the spec needs an x-doc decision.
UNSTATED_KEYWORDS = (
    "pattern",
    "minItems",
    "uniqueItems",
    "multipleOf",
    "exclusiveMinimum",
    "exclusiveMaximum",
)

# The only request-side required flags (the doc dump lost its 是否必选 column; these are the
# flags the spec chose, checked separately from the doc).
EXPECTED_REQUIRED = frozenset(
    {
        (PATH_PARAMS, "project_id"),
        (PATH_PARAMS, "room_id"),
        ("VideoConfig", "bitrate"),
        ("VideoConfig", "width"),
        ("VideoConfig", "height"),
        ("VoiceConfig", "voice_asset_id"),
    }
)
# The differences the spec makes on purpose, each covered by an x-doc decision.
EXPECTED_ACCEPTED = frozenset(
    {
        (2, "X-Sdk-Date", "pattern"),
        (2, "X-App-UserId", "pattern"),
        (7, "max_live_duration", "default"),
        (7, "auto_stop_mode", "default"),
        (7, "max_exception_waiting_duration", "default"),
        (14, "limit_duration", "default"),
    }
)


# -- the comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One way the spec differs from the doc; `decision` is the x-doc entry that accepts it, if any."""

    table: str
    field: str
    keyword: str
    doc: object
    spec: object
    pointer: str
    decision: dict[str, Any] | None = None

    @property
    def accepted(self) -> bool:
        return self.decision is not None

    @property
    def key(self) -> tuple[str, str, str, object, object]:
        """The difference without its place and decision; lists become tuples, so keys hash."""
        return (self.table, self.field, self.keyword, freeze(self.doc), freeze(self.spec))

    def __str__(self) -> str:
        verdict = f" [accepted by x-doc: {self.decision['choice']!r}]" if self.decision else ""
        return (
            f"{self.table}, field {self.field}: {self.keyword}: doc {self.doc!r}, "
            f"spec {self.spec!r} (#{self.pointer}){verdict}"
        )


@dataclass(frozen=True)
class SpecItem:
    """A spec parameter, response header or property that carries x-doc-tables."""

    owner: str
    name: str
    pointer: str
    node: dict[str, Any]
    schema: dict[str, Any]
    tables: tuple[int, ...]
    required: bool
    decisions: tuple[dict[str, Any], ...]
    from_callback: bool


def freeze(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def table_label(doc: DocPage, number: int) -> str:
    try:
        return f"表{number} {doc.table(number).name}"
    except KeyError:
        return f"表{number} (not in the doc)"


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local $ref (once per hop) to the node it names."""
    while "$ref" in node:
        target: Any = spec
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def walk(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in the spec, with its JSON pointer."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            yield from walk(value, f"{pointer}/{escape(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{pointer}/{index}")


def decisions_of(*nodes: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    found: list[dict[str, Any]] = []
    for node in nodes:
        found.extend(node.get("x-doc", []))
        if isinstance(node.get("items"), dict):
            found.extend(node["items"].get("x-doc", []))
    return tuple(found)


def response_header_names(spec: dict[str, Any]) -> dict[str, set[str]]:
    """components/headers/X -> the names under which responses use it."""
    names: dict[str, set[str]] = {}
    for pointer, node in walk(spec.get("paths", {}), "/paths"):
        if re.search(r"/responses/[^/]+/headers$", pointer):
            for name, header in node.items():
                ref = header.get("$ref", "") if isinstance(header, dict) else ""
                if ref.startswith("#/components/headers/"):
                    names.setdefault(ref.rsplit("/", 1)[1], set()).add(name)
    return names


def spec_items(spec: dict[str, Any]) -> tuple[list[SpecItem], list[Difference]]:
    """The spec's tagged fields, and the x-doc-tables found where no field can be."""
    items: list[SpecItem] = []
    misplaced: list[Difference] = []
    header_names = response_header_names(spec)
    for pointer, node in walk(spec):
        if "x-doc-tables" not in node:
            continue
        tables = tuple(node["x-doc-tables"])
        from_callback = "/callbacks/" in pointer
        owner = None
        if re.fullmatch(r"/components/parameters/([^/]+)", pointer):
            owner = {"path": PATH_PARAMS, "header": HEADER_PARAMS}.get(node["in"], node["in"])
        elif from_callback and "/parameters/" in pointer:
            owner = "callback parameters"
        if owner is not None:
            schema = node.get("schema", {})
            items.append(
                SpecItem(
                    owner,
                    node["name"],
                    pointer,
                    node,
                    schema,
                    tables,
                    bool(node.get("required", False)),
                    decisions_of(node, schema),
                    from_callback,
                )
            )
        elif m := re.fullmatch(r"/components/headers/([^/]+)", pointer):
            names = sorted(header_names.get(m.group(1), {m.group(1)}))
            for name in names:
                schema = node.get("schema", {})
                items.append(
                    SpecItem(
                        RESPONSE_HEADERS,
                        name,
                        pointer,
                        node,
                        schema,
                        tables,
                        False,
                        decisions_of(node, schema),
                        from_callback,
                    )
                )
        elif m := re.fullmatch(r"/components/schemas/([^/]+)/properties/([^/]+)", pointer):
            owner_schema = spec["components"]["schemas"][m.group(1)]
            items.append(
                SpecItem(
                    m.group(1),
                    m.group(2),
                    pointer,
                    node,
                    node,
                    tables,
                    m.group(2) in owner_schema.get("required", []),
                    decisions_of(node),
                    m.group(1) in CALLBACK_SCHEMAS,
                )
            )
        elif re.fullmatch(r"/components/schemas/[^/]+", pointer):
            continue  # a table-level tag, checked with the table
        elif re.fullmatch(r"/paths/[^/]+/[^/]+/responses/\d{3}/content/[^/]+/schema", pointer):
            continue  # a response body's table, checked with the status codes
        elif not from_callback:
            for number in tables:
                misplaced.append(
                    Difference(
                        f"表{number}",
                        "-",
                        "x-doc-tables",
                        None,
                        "tag at an unexpected place",
                        pointer,
                    )
                )
    # A field without x-doc-tables would escape both directions of the comparison.
    for pointer, node in walk(spec):
        m = re.fullmatch(
            r"/components/(?:schemas/([^/]+)/properties|parameters|headers)/([^/]+)", pointer
        )
        if m and "x-doc-tables" not in node and "$ref" not in node:
            owner = m.group(1) or pointer.split("/")[2]
            misplaced.append(
                Difference(owner, m.group(2), "untagged", None, "no x-doc-tables", pointer)
            )
    return items, misplaced


def doc_type_label(doc_type: str) -> str | None:
    """The doc type as the spec spells it: string, integer/int32, array of X, X (a schema)."""
    if doc_type in SCALAR_TYPES:
        return SCALAR_TYPES[doc_type]
    if m := re.fullmatch(r"Array of ([a-z]+)", doc_type):
        inner = ARRAY_OF_SCALARS.get(m.group(1))
        return f"array of {inner}" if inner else None
    if m := re.fullmatch(r"Array of (\w+) objects", doc_type):
        return f"array of {OBJECT_SCHEMAS.get(m.group(1), m.group(1))}"
    if m := re.fullmatch(r"(\w+) object", doc_type):
        return OBJECT_SCHEMAS.get(m.group(1), m.group(1))
    return None


def spec_type_label(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1]
    all_of = schema.get("allOf")
    if (
        isinstance(all_of, list)
        and len(all_of) == 1
        and "$ref" in all_of[0]
        and "type" not in schema
    ):
        return str(all_of[0]["$ref"]).rsplit("/", 1)[1]
    kind = schema.get("type")
    if kind == "array":
        return f"array of {spec_type_label(schema.get('items', {}))}"
    if kind is None:
        return "(no type)"
    return f"{kind}/{schema['format']}" if "format" in schema else str(kind)


def typed_default(text: str | None, kind: str | None) -> tuple[bool, object]:
    """The doc's default text read as a value of the spec's type: (parsed, value)."""
    if text is None:
        return True, None
    if kind == "string":
        return True, text
    if kind == "boolean":
        return (True, text == "true") if text in ("true", "false") else (False, text)
    if kind == "integer":
        return (True, int(text)) if re.fullmatch(r"-?\d+", text) else (False, text)
    if kind == "number":
        return (True, float(text)) if re.fullmatch(r"-?\d+(\.\d+)?", text) else (False, text)
    return False, text


def same(a: object, b: object) -> bool:
    """Equal as JSON values: 1 == 1.0, but True != 1 and "1" != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    return a == b


def names_value(choice: str, value: object) -> bool:
    """Whether a decision's choice names the value the spec chose (a number as a whole token)."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(names_value(choice, v) for v in value)
    if isinstance(value, bool):
        return ("true" if value else "false") in choice
    if isinstance(value, float) and value.is_integer():
        return names_value(choice, int(value)) or names_value(choice, repr(value))
    if isinstance(value, (int, float)):
        token = re.escape(str(value))
        return re.search(rf"(?<![\d.]){token}(?![\d.])", choice) is not None
    return str(value) in choice


def covering(item: SpecItem, keyword: str, spec_value: object) -> dict[str, Any] | None:
    """The x-doc decision that accepts a difference at `keyword`, if any.

    For the doc's value keywords the decision must also say what the spec does: its choice names
    the spec's value, or, when the spec omits the keyword, says "no <keyword>". So a decision that
    explains keeping a value (bitrate's maximum 30000) does not accept another value (3000).
    """
    for decision in item.decisions:
        if decision.get("keyword") != keyword:
            continue
        choice = str(decision.get("choice", ""))
        if keyword in VALUE_KEYWORDS:
            if spec_value is None:
                if not re.search(rf"\bno {re.escape(keyword)}\b", choice, re.IGNORECASE):
                    continue
            elif not names_value(choice, spec_value):
                continue
        return decision
    return None


def compare_field(label: str, doc_field: DocField, item: SpecItem) -> list[Difference]:
    """The differences between a doc field and its spec parameter/property."""
    found: list[Difference] = []
    schema = item.schema

    def differ(keyword: str, doc_value: object, spec_value: object, named: object = None) -> None:
        decision = covering(item, keyword, spec_value if named is None else named)
        found.append(
            Difference(
                label, doc_field.name, keyword, doc_value, spec_value, item.pointer, decision
            )
        )

    expected_type = doc_type_label(doc_field.type)
    actual_type = spec_type_label(schema)
    if expected_type != actual_type:
        differ("type", doc_field.type, actual_type)

    is_array = schema.get("type") == "array"
    values = schema.get("items", {}) if is_array else schema
    values = values if isinstance(values, dict) else {}

    doc_enum = set(doc_field.enum)
    if doc_field.type in ("Boolean", "Array of booleans") and doc_enum <= {"true", "false"}:
        doc_enum = set()  # a boolean's bullet list describes its two values: not an enum
    spec_enum = values.get("enum")
    spec_enum_set = {str(v).lower() if isinstance(v, bool) else str(v) for v in spec_enum or []}
    if doc_enum != spec_enum_set:
        extra = sorted(spec_enum_set - doc_enum)
        differ(
            "enum",
            sorted(doc_enum) or None,
            sorted(spec_enum_set) if spec_enum is not None else None,
            named=extra or None,
        )

    for keyword, doc_value in (
        ("minimum", doc_field.minimum),
        ("maximum", doc_field.maximum),
        ("minLength", doc_field.min_length),
        ("maxLength", doc_field.max_length),
    ):
        spec_value = values.get(keyword)
        if not (doc_value is None and spec_value is None) and not same(doc_value, spec_value):
            differ(keyword, doc_value, spec_value)

    spec_max_items = schema.get("maxItems")
    if not (doc_field.max_items is None and spec_max_items is None) and not same(
        doc_field.max_items, spec_max_items
    ):
        differ("maxItems", doc_field.max_items, spec_max_items)

    parsed, doc_default = typed_default(doc_field.default, schema.get("type"))
    spec_default = schema.get("default")
    if not parsed or not same(doc_default, spec_default):
        shown = doc_default if parsed else f"{doc_field.default} (no {schema.get('type')} value)"
        differ("default", shown, spec_default)

    for keyword in UNSTATED_KEYWORDS:
        for where in (schema, values) if values is not schema else (schema,):
            if keyword in where:
                differ(keyword, None, where[keyword])

    if doc_field.required is not None and doc_field.required != item.required:
        differ("required", doc_field.required, item.required)
    return found


def compare(doc: DocPage, spec: dict[str, Any]) -> list[Difference]:
    """Every difference between the doc's tables and the spec, accepted (x-doc) or not."""
    items, found = spec_items(spec)
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})

    # Forward: each doc field is in the spec object of its table, with the doc's values.
    for table in doc.tables:
        label = table_label(doc, table.number)
        owner = TABLE_OWNERS.get(table.number)
        if owner is None:
            found.append(Difference(label, "-", "table", table.name, None, ""))
            continue
        if owner in schemas and table.number not in schemas[owner].get("x-doc-tables", []):
            pointer = f"/components/schemas/{owner}"
            tags = schemas[owner].get("x-doc-tables")
            found.append(Difference(label, "-", "x-doc-tables", table.number, tags, pointer))
        for doc_field in table.fields:
            matches = [
                i
                for i in items
                if i.owner == owner and i.name == doc_field.name and not i.from_callback
            ]
            if not matches:
                found.append(
                    Difference(label, doc_field.name, "missing", doc_field.type, None, f"({owner})")
                )
                continue
            if len(matches) > 1:
                pointers = [i.pointer for i in matches]
                found.append(
                    Difference(label, doc_field.name, "duplicate", doc_field.type, pointers, "")
                )
                continue
            item = matches[0]
            if table.number not in item.tables:
                found.append(
                    Difference(
                        label,
                        doc_field.name,
                        "x-doc-tables",
                        table.number,
                        item.tables,
                        item.pointer,
                    )
                )
            found.extend(compare_field(label, doc_field, item))

    # Reverse: each tagged spec field is a row of each table it names, in that table's spec object.
    for item in items:
        if item.from_callback:
            continue
        for number in item.tables:
            label = table_label(doc, number)
            names = next((t.field_names for t in doc.tables if t.number == number), ())
            if item.name not in names:
                found.append(
                    Difference(label, item.name, "invented", None, item.owner, item.pointer)
                )
            elif TABLE_OWNERS.get(number) != item.owner:
                found.append(
                    Difference(
                        label,
                        item.name,
                        "x-doc-tables",
                        TABLE_OWNERS.get(number),
                        item.owner,
                        item.pointer,
                    )
                )

    found.extend(compare_operation(doc, spec))
    return found


def compare_operation(doc: DocPage, spec: dict[str, Any]) -> list[Difference]:
    """URI, status codes, and which tables are each status's headers and body."""
    found: list[Difference] = []
    paths: dict[str, Any] = spec.get("paths", {})
    operation: dict[str, Any] = {}
    if doc.path not in paths or (doc.method or "").lower() not in paths[doc.path]:
        found.append(
            Difference("URI", "-", "path", f"{doc.method} {doc.path}", sorted(paths), "/paths")
        )
    else:
        operation = paths[doc.path][(doc.method or "").lower()]
    op_pointer = f"/paths/{escape(doc.path or '')}/{(doc.method or '').lower()}"
    responses: dict[str, Any] = operation.get("responses", {})
    doc_codes = sorted(str(s.code) for s in doc.status_codes)
    spec_codes = sorted(code for code in responses if code != "default")
    if doc_codes != spec_codes:
        found.append(
            Difference("状态码", "-", "responses", doc_codes, spec_codes, f"{op_pointer}/responses")
        )
    for status in doc.status_codes:
        response = resolve(spec, responses.get(str(status.code), {}))
        pointer = f"{op_pointer}/responses/{status.code}"
        tables = [t for t in doc.tables if t.status_code == status.code]
        header_tables = [t for t in tables if "Header" in t.name]
        body_tables = [t for t in tables if "Body" in t.name]
        doc_headers = {f.name for t in header_tables for f in t.fields}
        spec_headers: dict[str, Any] = response.get("headers", {})
        where = ", ".join(table_label(doc, t.number) for t in header_tables) or "no header table"
        label = f"状态码 {status.code} response headers ({where})"
        for name in sorted(doc_headers ^ set(spec_headers)):
            header = spec_headers.get(name)
            header_ref = header.get("$ref", name) if isinstance(header, dict) else None
            decisions = list(response.get("x-doc", []))
            if isinstance(header, dict):
                decisions += resolve(spec, header).get("x-doc", []) + header.get("x-doc", [])
            decision = next((d for d in decisions if d.get("keyword") == "headers"), None)
            keyword = "invented" if header is not None else "missing"
            found.append(
                Difference(
                    label,
                    name,
                    keyword,
                    name if header is None else None,
                    header_ref,
                    pointer,
                    decision,
                )
            )
        body = response.get("content", {}).get("application/json", {}).get("schema", {})
        body_tags = set(body.get("x-doc-tables", [])) | set(
            resolve(spec, body).get("x-doc-tables", [])
        )
        for table in body_tables:
            if table.number not in body_tags:
                found.append(
                    Difference(
                        table_label(doc, table.number),
                        "-",
                        "body",
                        table.number,
                        sorted(body_tags),
                        pointer,
                    )
                )
        examples = response.get("content", {}).get("application/json", {}).get("examples", {})
        spec_errors = sorted(
            (str(e["value"].get("error_code")), str(e["value"].get("error_msg")))
            for e in examples.values()
            if isinstance(e.get("value"), dict) and "error_code" in e["value"]
        )
        doc_errors = sorted(
            (e.error_code, e.error_msg) for e in doc.error_examples if e.status == status.code
        )
        if doc_errors != spec_errors:
            found.append(
                Difference(
                    f"状态码 {status.code}", "-", "example", doc_errors, spec_errors, pointer
                )
            )
    return found


# -- fixtures -------------------------------------------------------------------------------------


@cache
def _doc() -> DocPage:
    return read_text_page(SEED.read_text(encoding="utf-8"))


@cache
def _spec_text() -> str:
    return SPEC.read_text(encoding="utf-8")


def load_spec() -> dict[str, Any]:
    data = yaml.safe_load(_spec_text())
    assert isinstance(data, dict)
    return data


@pytest.fixture
def doc() -> DocPage:
    return _doc()


@pytest.fixture
def spec() -> dict[str, Any]:
    return load_spec()


def render(differences: list[Difference]) -> str:
    return "\n".join(f"  {d}" for d in differences)


# -- the acceptance checks ------------------------------------------------------------------------


def test_every_doc_field_is_in_the_spec_with_the_docs_values(
    doc: DocPage, spec: dict[str, Any]
) -> None:
    unaccepted = [d for d in compare(doc, spec) if not d.accepted]
    assert not unaccepted, "the spec differs from the doc without an x-doc decision:\n" + render(
        unaccepted
    )


def test_accepted_differences_are_exactly_the_x_doc_decisions(
    doc: DocPage, spec: dict[str, Any]
) -> None:
    accepted = [d for d in compare(doc, spec) if d.accepted]
    for d in accepted:
        assert d.decision is not None
        assert d.decision.get("keyword") == d.keyword, str(d)
        assert d.decision.get("quote") and d.decision.get("choice"), (
            f"decision lacks quote/choice: {d}"
        )
    keys = {(int(d.table.split()[0].removeprefix("表")), d.field, d.keyword) for d in accepted}
    assert keys == EXPECTED_ACCEPTED, "accepted differences changed:\n" + render(accepted)


def test_every_doc_table_is_mapped_and_read(doc: DocPage) -> None:
    assert [t.number for t in doc.tables] == list(range(1, 22))
    assert set(TABLE_OWNERS) == {t.number for t in doc.tables}


def test_doc_dump_states_no_required_flags(doc: DocPage) -> None:
    stated = [
        (t.number, f.name, f.required)
        for t in doc.tables
        for f in t.fields
        if f.required is not None
    ]
    assert not stated, f"the page now states 是否必选; compare() checks it: {stated}"


def request_required(spec: dict[str, Any]) -> tuple[set[tuple[str, str]], list[str]]:
    """The request side's required flags: (owner, name) pairs, and any other required things."""
    required: set[tuple[str, str]] = set()
    others: list[str] = []
    for path_item in spec["paths"].values():
        for method, operation in path_item.items():
            if method not in ("get", "put", "post", "delete", "patch", "head", "options"):
                continue
            for parameter in operation.get("parameters", []):
                parameter = resolve(spec, parameter)
                if parameter.get("required"):
                    owner = {"path": PATH_PARAMS, "header": HEADER_PARAMS}.get(
                        parameter["in"], parameter["in"]
                    )
                    required.add((owner, parameter["name"]))
            body = resolve(spec, operation.get("requestBody", {}))
            if body.get("required"):
                others.append(f"requestBody of {operation.get('operationId')}")
            pending = [s for s in body.get("content", {}).values() if isinstance(s, dict)]
            seen: set[str] = set()
            stack: list[Any] = [m.get("schema", {}) for m in pending]
            while stack:
                node = stack.pop()
                if isinstance(node, list):
                    stack.extend(node)
                    continue
                if not isinstance(node, dict):
                    continue
                if "$ref" in node:
                    name = str(node["$ref"]).rsplit("/", 1)[1]
                    if name not in seen:
                        seen.add(name)
                        target = resolve(spec, node)
                        required.update((name, p) for p in target.get("required", []))
                        stack.append(target)
                    continue
                stack.extend(
                    v for k, v in node.items() if k not in ("example", "examples", "default")
                )
    return required, others


def test_request_side_required_flags_are_exactly_the_chosen_ones(spec: dict[str, Any]) -> None:
    required, others = request_required(spec)
    assert required == EXPECTED_REQUIRED, (
        f"request-side required flags: spec has {sorted(required - EXPECTED_REQUIRED)} beyond "
        f"the chosen ones, lacks {sorted(EXPECTED_REQUIRED - required)} (doc: 是否必选 lost in the dump)"
    )
    assert not others, f"required beyond the chosen fields: {others}"


def test_callback_schemas_come_from_table_8(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for name in CALLBACK_SCHEMAS:
        assert schemas[name].get("x-doc-tables") == [8], (
            f"{name}: x-doc-tables {schemas[name].get('x-doc-tables')}"
        )
        for prop, node in schemas[name]["properties"].items():
            assert node.get("x-doc-tables") == [8], (
                f"{name}.{prop}: x-doc-tables {node.get('x-doc-tables')}"
            )


# -- the checks can fail --------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def schema_of(spec: dict[str, Any], name: str) -> dict[str, Any]:
    node = spec["components"]["schemas"][name]
    assert isinstance(node, dict)
    return node


def prop(spec: dict[str, Any], schema: str, name: str) -> dict[str, Any]:
    node = schema_of(spec, schema)["properties"][name]
    assert isinstance(node, dict)
    return node


def _set(schema: str, name: str, keyword: str, value: object) -> Mutation:
    def mutate(spec: dict[str, Any]) -> None:
        prop(spec, schema, name)[keyword] = value

    return mutate


def _delete(schema: str, name: str, keyword: str) -> Mutation:
    def mutate(spec: dict[str, Any]) -> None:
        del prop(spec, schema, name)[keyword]

    return mutate


def _drop_enum_value(spec: dict[str, Any]) -> None:
    prop(spec, "VideoConfig", "clip_mode")["enum"].remove("CROP")


def _items_integer(spec: dict[str, Any]) -> None:
    prop(spec, "StartSmartLiveReq", "output_urls")["items"]["type"] = "integer"


def _remove_property(spec: dict[str, Any]) -> None:
    del schema_of(spec, "LiveWarningItem")["properties"]["warning_type"]


def _invent_property(spec: dict[str, Any]) -> None:
    schema_of(spec, "VideoConfig")["properties"]["bogus"] = {"type": "string", "x-doc-tables": [4]}


def _wrong_ref(spec: dict[str, Any]) -> None:
    prop(spec, "StartSmartLiveReq", "play_policy")["allOf"] = [
        {"$ref": "#/components/schemas/VideoConfig"}
    ]


def _untagged_property(spec: dict[str, Any]) -> None:
    schema_of(spec, "VoiceConfig")["properties"]["emotion"] = {"type": "string"}


def _drop_header_param(spec: dict[str, Any]) -> None:
    del spec["components"]["parameters"]["XAppUserId"]


def _pattern_on_header(spec: dict[str, Any]) -> None:
    spec["components"]["parameters"]["XProjectId"]["schema"]["pattern"] = "^[0-9a-f]{32}$"


MUTATIONS: dict[str, tuple[Mutation, list[tuple[str, str, str, object, object]]]] = {
    "bitrate maximum 3000": (
        _set("VideoConfig", "bitrate", "maximum", 3000),
        [("表4 VideoConfig", "bitrate", "maximum", 30000, 3000)],
    ),
    "dx minimum -100": (
        _set("VideoConfig", "dx", "minimum", -100),
        [("表4 VideoConfig", "dx", "minimum", -1920, -100)],
    ),
    "dy maximum 1080": (
        _set("VideoConfig", "dy", "maximum", 1080),
        [("表4 VideoConfig", "dy", "maximum", 3840, 1080)],
    ),
    "clip_mode without CROP": (
        _drop_enum_value,
        [("表4 VideoConfig", "clip_mode", "enum", ("CROP", "RESIZE"), ("RESIZE",))],
    ),
    "repeat_count default 1": (
        _set("PlayPolicy", "repeat_count", "default", 1),
        [("表6 PlayPolicy", "repeat_count", "default", 0, 1)],
    ),
    "frame_rate default as a number": (
        _set("VideoConfig", "frame_rate", "default", 25),
        [("表4 VideoConfig", "frame_rate", "default", "25", 25)],
    ),
    "opacity default 0.5": (
        _set("SubtitleConfig", "opacity", "default", 0.5),
        [("表5 SubtitleConfig", "opacity", "default", 1.0, 0.5)],
    ),
    "font_color without maxLength": (
        _delete("SubtitleConfig", "font_color", "maxLength"),
        [("表5 SubtitleConfig", "font_color", "maxLength", 7, None)],
    ),
    "output_urls without maxItems": (
        _delete("StartSmartLiveReq", "output_urls", "maxItems"),
        [("表3 请求Body参数", "output_urls", "maxItems", 1, None)],
    ),
    "ctime as int32": (
        _set("RTCUserInfo", "ctime", "format", "int32"),
        [("表16 RTCUserInfo", "ctime", "type", "Long", "integer/int32")],
    ),
    "output_urls of integers": (
        _items_integer,
        [("表3 请求Body参数", "output_urls", "type", "Array of strings", "array of integer")],
    ),
    "play_policy refers to VideoConfig": (
        _wrong_ref,
        [("表3 请求Body参数", "play_policy", "type", "PlayPolicy object", "VideoConfig")],
    ),
    "key maxLength 64 (one schema, two tables)": (
        _set("LiveEventCallBackConfig", "key", "maxLength", 64),
        [
            ("表8 LiveEventCallBackConfig", "key", "maxLength", 32, 64),
            ("表17 LiveEventCallBackConfig", "key", "maxLength", 32, 64),
        ],
    ),
    "max_live_duration default 0 (its x-doc names no 0)": (
        _set("LiveExitConfig", "max_live_duration", "default", 0),
        [
            (
                "表7 LiveExitConfig",
                "max_live_duration",
                "default",
                "不设置则表示不限时。 (no integer value)",
                0,
            )
        ],
    ),
    "auto_stop_mode x-doc removed": (
        _delete("LiveExitConfig", "auto_stop_mode", "x-doc"),
        [
            (
                "表7 LiveExitConfig",
                "auto_stop_mode",
                "default",
                "不设置则表示FORCE_EXIT。",
                "FORCE_EXIT",
            )
        ],
    ),
    "warning_type removed": (
        _remove_property,
        [("表18 LiveWarningItem", "warning_type", "missing", "String", None)],
    ),
    "X-App-UserId removed": (
        _drop_header_param,
        [("表2 请求Header参数", "X-App-UserId", "missing", "String", None)],
    ),
    "invented VideoConfig.bogus": (
        _invent_property,
        [("表4 VideoConfig", "bogus", "invented", None, "VideoConfig")],
    ),
    "untagged VoiceConfig.emotion": (
        _untagged_property,
        [("VoiceConfig", "emotion", "untagged", None, "no x-doc-tables")],
    ),
    "undocumented pattern": (
        _pattern_on_header,
        [("表2 请求Header参数", "X-Project-Id", "pattern", None, "^[0-9a-f]{32}$")],
    ),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_mutated_spec_reports_exactly_the_mutation(name: str, doc: DocPage) -> None:
    mutate, expected = MUTATIONS[name]
    original = load_spec()
    mutated = copy.deepcopy(original)
    mutate(mutated)
    before = {d.key for d in compare(doc, original) if not d.accepted}
    after = [d for d in compare(doc, mutated) if not d.accepted and d.key not in before]
    assert [d.key for d in after] == expected, f"{name}:\n{render(after)}"


def test_a_decision_naming_the_value_accepts_the_difference(doc: DocPage) -> None:
    spec = load_spec()
    bitrate = prop(spec, "VideoConfig", "bitrate")
    bitrate["maximum"] = 3000
    bitrate["x-doc"] = [
        {"keyword": "maximum", "quote": "取值范围: 40-30000", "choice": "capped at 3000"}
    ]
    found = [d for d in compare(doc, spec) if d.field == "bitrate"]
    assert [(d.key, d.accepted) for d in found] == [
        (("表4 VideoConfig", "bitrate", "maximum", 30000, 3000), True)
    ]


def test_a_changed_doc_is_reported(doc: DocPage, spec: dict[str, Any]) -> None:
    table = doc.table(11)
    speed = replace(table.field("speed"), maximum=400)
    changed_table = replace(
        table, fields=tuple(speed if f.name == "speed" else f for f in table.fields)
    )
    changed = replace(doc, tables=tuple(changed_table if t is table else t for t in doc.tables))
    before = {d.key for d in compare(doc, spec) if not d.accepted}
    found = [d.key for d in compare(changed, spec) if not d.accepted and d.key not in before]
    assert found == [("表11 VoiceConfig", "speed", "maximum", 400, 200)]


def test_a_difference_message_names_table_field_doc_and_spec_values(doc: DocPage) -> None:
    spec = load_spec()
    prop(spec, "VideoConfig", "bitrate")["maximum"] = 3000
    (difference,) = [d for d in compare(doc, spec) if d.field == "bitrate"]
    assert str(difference) == (
        "表4 VideoConfig, field bitrate: maximum: doc 30000, spec 3000 "
        "(#/components/schemas/VideoConfig/properties/bitrate)"
    )
