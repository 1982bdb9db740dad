"""Doc drift: a doc page against the spec, or two versions of a page, table by table, field by field.

The page is read by specreview.docpage (one reader per input format); this module only compares
DocPage values with each other or with the spec. Which spec object a doc table became is read from
the spec itself: the `x-doc-tables` numbers on component schemas, parameters and headers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from speccore.decisions import DocDecision, decision_entries, decisions_of
from speccore.model import HTTP_METHODS
from speccore.pointers import parts, unescape
from speccore.pointers import pointer as json_pointer
from speccore.refs import deref
from specreview.docpage import NOT_APPLICABLE, DocField, DocPage, DocTable, description_sections

PATH_PARAMS = "path parameters"
HEADER_PARAMS = "header parameters"
QUERY_PARAMS = "query parameters"
RESPONSE_HEADERS = "response headers"
_PARAMETER_OWNERS = {"path": PATH_PARAMS, "header": HEADER_PARAMS, "query": QUERY_PARAMS}

SCALAR_TYPES = {
    "String": "string",
    "Integer": "integer/int32",
    "Long": "integer/int64",
    "Float": "number/float",
    "Double": "number/double",
    "Number": "number",
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


@dataclass(frozen=True)
class Difference:
    """One way two sources differ at a table's field; `decision` is the x-doc entry accepting it."""

    table: str
    field: str
    keyword: str
    doc: object
    spec: object
    pointer: str
    decision: DocDecision | None = None

    @property
    def accepted(self) -> bool:
        """Whether an x-doc decision of the spec records this difference as deliberate."""
        return self.decision is not None

    @property
    def key(self) -> tuple[str, str, str, object, object]:
        """The difference without its place and decision; lists become tuples, so keys hash."""
        return (self.table, self.field, self.keyword, _freeze(self.doc), _freeze(self.spec))

    def __str__(self) -> str:
        verdict = f" [accepted by x-doc: {self.decision.choice!r}]" if self.decision else ""
        where = f" (#{self.pointer})" if self.pointer else ""
        return (
            f"{self.table}, field {self.field}: {self.keyword}: doc {self.doc!r}, "
            f"spec {self.spec!r}{where}{verdict}"
        )


@dataclass(frozen=True)
class Decision:
    """An `x-doc` decision of the spec and where it sits: its pointer, tables and field."""

    pointer: str
    tables: tuple[int, ...]
    field: str
    decision: DocDecision

    @property
    def keyword(self) -> str:
        """The keyword the decision concerns."""
        return self.decision.keyword

    @property
    def quote(self) -> str:
        """The doc text it quotes."""
        return self.decision.quote

    @property
    def choice(self) -> str:
        """The choice the spec made."""
        return self.decision.choice


@dataclass(frozen=True)
class StaleDecision:
    """An x-doc decision made against text the page no longer has: its quote is gone, or the value
    it recorded (`doc`) is not what the page states now."""

    decision: Decision
    reason: str
    page_now: str
    """What the page says now at that field (its value, or its text when the quote is gone)."""


@dataclass(frozen=True)
class SpecItem:
    """A spec parameter, response header or property that carries x-doc-tables."""

    owner: str
    name: str
    pointer: str
    schema: dict[str, Any]
    tables: tuple[int, ...]
    required: bool
    decisions: tuple[DocDecision, ...]
    from_callback: bool


@dataclass(frozen=True)
class DriftReport:
    """A comparison's outcome: what differs, what the spec accepts, and every x-doc decision."""

    mode: str  # "doc-vs-spec" or "doc-vs-doc"
    old: str
    new: str
    differences: tuple[Difference, ...]
    decisions: tuple[Decision, ...] = field(default=())
    stale: tuple[StaleDecision, ...] = field(default=())

    @property
    def drift(self) -> tuple[Difference, ...]:
        """Differences no decision accepts."""
        return tuple(d for d in self.differences if not d.accepted)

    @property
    def accepted(self) -> tuple[Difference, ...]:
        """Differences an x-doc decision accepts."""
        return tuple(d for d in self.differences if d.accepted)

    @property
    def exit_code(self) -> int:
        """0 without drift or stale decision, 1 with."""
        return 1 if self.drift or self.stale else 0


# -- the spec's side --------------------------------------------------------------------------------


def _freeze(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def table_label(doc: DocPage, number: int) -> str:
    """`表4 VideoConfig`, or a note that the page has no such table."""
    try:
        return f"表{number} {doc.table(number).name}"
    except KeyError:
        return f"表{number} (not in the doc)"


def walk(node: Any, at: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in a document, with its JSON pointer."""
    if isinstance(node, dict):
        yield at, node
        for key, value in node.items():
            yield from walk(value, at + json_pointer(str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{at}/{index}")


def _schema_refs(node: Any) -> Iterator[str]:
    for _, mapping in walk(node):
        ref = mapping.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]


def _closure(spec: dict[str, Any], names: set[str]) -> set[str]:
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        pending.extend(_schema_refs(schemas[name]))
    return seen


def callback_only_schemas(spec: dict[str, Any]) -> frozenset[str]:
    """Component schemas used only by callbacks (what the service sends, not what it serves)."""
    served: set[str] = set()
    sent: set[str] = set()
    for path_item in spec.get("paths", {}).values():
        for method in HTTP_METHODS:
            operation = path_item.get(method)
            if not isinstance(operation, dict):
                continue
            served.update(_schema_refs({k: v for k, v in operation.items() if k != "callbacks"}))
            sent.update(_schema_refs(operation.get("callbacks", {})))
    served.update(_schema_refs(spec.get("components", {}).get("parameters", {})))
    served.update(_schema_refs(spec.get("components", {}).get("headers", {})))
    return frozenset(_closure(spec, sent) - _closure(spec, served))


def table_owners(spec: dict[str, Any]) -> tuple[dict[int, str], list[Difference]]:
    """Doc table number → the spec object it became, from the spec's own x-doc-tables tags.

    Component schemas own the tables they are tagged with; parameters own theirs as the
    "path/header/query parameters" of the operation; component headers as "response headers".
    A table claimed by two owners is reported.
    """
    claims: dict[int, set[str]] = {}
    callback_only = callback_only_schemas(spec)
    components = spec.get("components", {})
    for name, schema in components.get("schemas", {}).items():
        if name not in callback_only:
            for number in schema.get("x-doc-tables", []):
                claims.setdefault(number, set()).add(name)
    for parameter in components.get("parameters", {}).values():
        owner = _PARAMETER_OWNERS.get(parameter.get("in", ""), str(parameter.get("in")))
        for number in parameter.get("x-doc-tables", []):
            claims.setdefault(number, set()).add(owner)
    for header in components.get("headers", {}).values():
        for number in header.get("x-doc-tables", []):
            claims.setdefault(number, set()).add(RESPONSE_HEADERS)
    owners: dict[int, str] = {}
    conflicts: list[Difference] = []
    for number, names in sorted(claims.items()):
        owners[number] = sorted(names)[0]
        if len(names) > 1:
            conflicts.append(
                Difference(f"表{number}", "-", "x-doc-tables", None, sorted(names), "")
            )
    return owners, conflicts


def _decisions_of(*nodes: dict[str, Any]) -> tuple[DocDecision, ...]:
    found: list[DocDecision] = []
    for node in nodes:
        found.extend(decisions_of(node))
        if isinstance(node.get("items"), dict):
            found.extend(decisions_of(node["items"]))
    return tuple(found)


def _response_header_names(spec: dict[str, Any]) -> dict[str, set[str]]:
    """components/headers/X → the names under which responses use it."""
    names: dict[str, set[str]] = {}
    for at, node in walk(spec.get("paths", {}), "/paths"):
        if re.search(r"/responses/[^/]+/headers$", at):
            for name, header in node.items():
                ref = header.get("$ref", "") if isinstance(header, dict) else ""
                if ref.startswith("#/components/headers/"):
                    names.setdefault(ref.rsplit("/", 1)[1], set()).add(name)
    return names


def spec_items(spec: dict[str, Any]) -> tuple[list[SpecItem], list[Difference]]:
    """The spec's tagged fields, and the x-doc-tables found where no field can be."""
    items: list[SpecItem] = []
    misplaced: list[Difference] = []
    header_names = _response_header_names(spec)
    callback_only = callback_only_schemas(spec)
    schemas = spec.get("components", {}).get("schemas", {})
    for at, node in walk(spec):
        if "x-doc-tables" not in node:
            continue
        tables = tuple(node["x-doc-tables"])
        from_callback = "/callbacks/" in at
        if re.fullmatch(r"/components/parameters/[^/]+", at) or (
            from_callback and "/parameters/" in at
        ):
            owner = _PARAMETER_OWNERS.get(node.get("in", ""), str(node.get("in")))
            owner = "callback parameters" if from_callback else owner
            schema = node.get("schema", {})
            required = bool(node.get("required", False))
            decisions = _decisions_of(node, schema)
            items.append(
                SpecItem(
                    owner, node["name"], at, schema, tables, required, decisions, from_callback
                )
            )
        elif m := re.fullmatch(r"/components/headers/([^/]+)", at):
            schema = node.get("schema", {})
            for name in sorted(header_names.get(m.group(1), {m.group(1)})):
                decisions = _decisions_of(node, schema)
                items.append(
                    SpecItem(RESPONSE_HEADERS, name, at, schema, tables, False, decisions, False)
                )
        elif m := re.fullmatch(r"/components/schemas/([^/]+)/properties/([^/]+)", at):
            owner_name, name = m.group(1), unescape(m.group(2))
            required = name in schemas[owner_name].get("required", [])
            callback = owner_name in callback_only
            decisions = _decisions_of(node)
            items.append(
                SpecItem(owner_name, name, at, node, tables, required, decisions, callback)
            )
        elif re.fullmatch(r"/components/schemas/[^/]+", at):
            continue  # a table-level tag: it maps the table (table_owners)
        elif re.fullmatch(r"/paths/[^/]+/[^/]+/responses/\d{3}/content/[^/]+/schema", at):
            continue  # a response body's table, checked with the status codes
        elif not from_callback:
            for number in tables:
                misplaced.append(
                    Difference(f"表{number}", "-", "x-doc-tables", None, "tag misplaced", at)
                )
    # A field without x-doc-tables would escape both directions of the comparison.
    for at, node in walk(spec):
        m = re.fullmatch(
            r"/components/(?:schemas/([^/]+)/properties|parameters|headers)/([^/]+)", at
        )
        if m and "x-doc-tables" not in node and "x-source" not in node and "$ref" not in node:
            owner = m.group(1) or at.split("/")[2]
            misplaced.append(Difference(owner, m.group(2), "untagged", None, "no x-doc-tables", at))
    return items, misplaced


def spec_decisions(spec: dict[str, Any]) -> tuple[Decision, ...]:
    """Every x-doc decision on the page's facts, with the tables and field it belongs to.

    A decision on a fact from elsewhere (under an `x-source`) quotes that source, not the page;
    tests/test_companion_operations.py holds those to their source.
    """
    found: list[Decision] = []
    for at, node in walk(spec):
        if _sourced_elsewhere(spec, at):
            continue
        for index, decision in decision_entries(node):
            holder = at
            tables = tuple(node.get("x-doc-tables", ()))
            name = node.get("name") if isinstance(node.get("name"), str) else None
            if m := re.search(r"/properties/([^/]+)(?:/items)?$", at):
                name = m.group(1)
            if not tables and at.endswith(("/schema", "/items")):
                parent = _parent(spec, at)
                tables = tuple(parent.get("x-doc-tables", ()))
                name = name or (parent.get("name") if isinstance(parent.get("name"), str) else None)
            found.append(
                Decision(
                    pointer=f"{holder}/x-doc/{index}",
                    tables=tables,
                    field=str(name or "-"),
                    decision=decision,
                )
            )
    return tuple(found)


def _sourced_elsewhere(spec: dict[str, Any], at: str) -> bool:
    """Whether the object at `at`, or one that encloses it, names a source other than the page."""
    node: Any = spec
    for token in parts(at):
        if isinstance(node, dict) and "x-source" in node:
            return True
        node = node[int(token)] if isinstance(node, list) else node[token]
    return isinstance(node, dict) and "x-source" in node


def _parent(spec: dict[str, Any], at: str) -> dict[str, Any]:
    node: Any = spec
    for token in parts(at)[:-1]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node if isinstance(node, dict) else {}


# -- comparing a doc field with a spec field ---------------------------------------------------------


def doc_type_label(doc_type: str) -> str | None:
    """The doc type as the spec spells it: string, integer/int32, array of X, X (a schema)."""
    if doc_type in SCALAR_TYPES:
        return SCALAR_TYPES[doc_type]
    if m := re.fullmatch(r"Array of ([a-z]+)", doc_type):
        inner = ARRAY_OF_SCALARS.get(m.group(1))
        return f"array of {inner}" if inner else None
    if m := re.fullmatch(r"Array of (\w+) objects", doc_type):
        return f"array of {m.group(1)}"
    if m := re.fullmatch(r"(\w+) object", doc_type):
        return m.group(1)
    if m := re.fullmatch(r"Map<\s*String\s*,\s*(\w+)\s*>", doc_type):
        return f"map of {SCALAR_TYPES.get(m.group(1), m.group(1))}"
    return None


def spec_type_label(schema: dict[str, Any]) -> str:
    """The spec schema's type in the same spelling as doc_type_label."""
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
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"map of {spec_type_label(schema['additionalProperties'])}"
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


def covering(
    item: SpecItem, keyword: str, spec_value: object, doc_field: DocField | None = None
) -> DocDecision | None:
    """The x-doc decision that accepts a difference at `keyword`, if any.

    For the doc's value keywords the decision must also say what the spec does: its choice names
    the spec's value, or, when the spec omits the keyword, says "no <keyword>". So a decision that
    explains keeping a value (bitrate's maximum 30000) does not accept another value (3000). A
    decision that records the page's value (`doc`) accepts only while the page still states it.
    """
    for decision in item.decisions:
        if decision.keyword != keyword:
            continue
        if doc_field is not None and not pin_holds(decision, doc_field):
            continue
        choice = decision.choice
        if keyword in VALUE_KEYWORDS:
            if spec_value is None:
                if not re.search(rf"\bno {re.escape(keyword)}\b", choice, re.IGNORECASE):
                    continue
            elif not names_value(choice, spec_value):
                continue
        return decision
    return None


def doc_enum(doc_field: DocField) -> set[str]:
    """The field's enum values; a Boolean's true/false bullet list is not an enum."""
    values = set(doc_field.enum)
    if doc_field.type in ("Boolean", "Array of booleans") and values <= {"true", "false"}:
        return set()
    return values


def compare_field(label: str, doc_field: DocField, item: SpecItem) -> list[Difference]:
    """The differences between a doc field and its spec parameter/property."""
    found: list[Difference] = []
    schema = item.schema

    def differ(keyword: str, doc_value: object, spec_value: object, named: object = None) -> None:
        decision = covering(item, keyword, spec_value if named is None else named, doc_field)
        found.append(
            Difference(
                label, doc_field.name, keyword, doc_value, spec_value, item.pointer, decision
            )
        )

    actual_type = spec_type_label(schema)
    if doc_type_label(doc_field.type) != actual_type:
        differ("type", doc_field.type, actual_type)

    is_array = schema.get("type") == "array"
    values = schema.get("items", {}) if is_array else schema
    values = values if isinstance(values, dict) else {}

    expected_enum = doc_enum(doc_field)
    spec_enum = values.get("enum")
    spec_enum_set = {str(v).lower() if isinstance(v, bool) else str(v) for v in spec_enum or []}
    if expected_enum != spec_enum_set:
        extra = sorted(spec_enum_set - expected_enum)
        differ(
            "enum",
            sorted(expected_enum) or None,
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

    parsed, default = typed_default(doc_field.default, schema.get("type"))
    spec_default = schema.get("default")
    if not parsed or not same(default, spec_default):
        shown = default if parsed else f"{doc_field.default} (no {schema.get('type')} value)"
        differ("default", shown, spec_default)

    for keyword in UNSTATED_KEYWORDS:
        for where in (schema, values) if values is not schema else (schema,):
            if keyword in where:
                differ(keyword, None, where[keyword])

    if doc_field.required is not None and doc_field.required != item.required:
        differ("required", doc_field.required, item.required)
    return found


# -- doc against spec --------------------------------------------------------------------------------


def compare_doc_spec(doc: DocPage, spec: dict[str, Any]) -> list[Difference]:
    """Every difference between the doc's tables and the spec, accepted (x-doc) or not."""
    items, found = spec_items(spec)
    owners, conflicts = table_owners(spec)
    found.extend(conflicts)

    # Forward: each doc field is in the spec object of its table, with the doc's values.
    for table in doc.tables:
        label = table_label(doc, table.number)
        owner = owners.get(table.number)
        if owner is None:
            found.append(Difference(label, "-", "table", table.field_names, None, ""))
            continue
        for doc_field in table.fields:
            found.extend(_compare_row(label, owner, table, doc_field, items))

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
            elif owners.get(number) != item.owner:
                found.append(
                    Difference(
                        label,
                        item.name,
                        "x-doc-tables",
                        owners.get(number),
                        item.owner,
                        item.pointer,
                    )
                )
    for number in sorted(set(owners) - {t.number for t in doc.tables}):
        found.append(Difference(f"表{number}", "-", "table", None, owners[number], ""))

    found.extend(compare_operation(doc, spec))
    return found


def _compare_row(
    label: str, owner: str, table: DocTable, doc_field: DocField, items: list[SpecItem]
) -> list[Difference]:
    matches = [
        i for i in items if i.owner == owner and i.name == doc_field.name and not i.from_callback
    ]
    if not matches:
        return [Difference(label, doc_field.name, "missing", doc_field.type, owner, f"({owner})")]
    if len(matches) > 1:
        pointers = [i.pointer for i in matches]
        return [Difference(label, doc_field.name, "duplicate", doc_field.type, pointers, "")]
    item = matches[0]
    found: list[Difference] = []
    if table.number not in item.tables:
        found.append(
            Difference(
                label, doc_field.name, "x-doc-tables", table.number, item.tables, item.pointer
            )
        )
    found.extend(compare_field(label, doc_field, item))
    return found


def compare_operation(doc: DocPage, spec: dict[str, Any]) -> list[Difference]:
    """URI, status codes, and which tables are each status's headers and body."""
    found: list[Difference] = []
    paths: dict[str, Any] = spec.get("paths", {})
    method = (doc.method or "").lower()
    operation: dict[str, Any] = {}
    if doc.path not in paths or method not in paths[doc.path]:
        found.append(
            Difference("URI", "-", "path", f"{doc.method} {doc.path}", sorted(paths), "/paths")
        )
    else:
        operation = paths[doc.path][method]
    op_pointer = f"/paths{json_pointer(doc.path or '')}/{method}"
    responses: dict[str, Any] = operation.get("responses", {})
    doc_codes = sorted(str(s.code) for s in doc.status_codes)
    spec_codes = sorted(code for code in responses if code != "default")
    if doc_codes != spec_codes:
        found.append(
            Difference("状态码", "-", "responses", doc_codes, spec_codes, f"{op_pointer}/responses")
        )
    for status in doc.status_codes:
        response = deref(spec, responses.get(str(status.code), {}))
        found.extend(
            _compare_response(
                doc, spec, status.code, response, f"{op_pointer}/responses/{status.code}"
            )
        )
    return found


def _compare_response(
    doc: DocPage, spec: dict[str, Any], code: int, response: dict[str, Any], at: str
) -> list[Difference]:
    found: list[Difference] = []
    tables = [t for t in doc.tables if t.status_code == code]
    header_tables = [t for t in tables if "Header" in t.name]
    body_tables = [t for t in tables if "Body" in t.name]
    doc_headers = {f.name for t in header_tables for f in t.fields}
    spec_headers: dict[str, Any] = response.get("headers", {})
    where = ", ".join(table_label(doc, t.number) for t in header_tables) or "no header table"
    label = f"状态码 {code} response headers ({where})"
    for name in sorted(doc_headers ^ set(spec_headers)):
        header = spec_headers.get(name)
        header_ref = header.get("$ref", name) if isinstance(header, dict) else None
        decisions = list(decisions_of(response))
        if isinstance(header, dict):
            decisions += decisions_of(deref(spec, header)) + decisions_of(header)
        decision = next((d for d in decisions if d.keyword == "headers"), None)
        keyword = "invented" if header is not None else "missing"
        shown = name if header is None else None
        found.append(Difference(label, name, keyword, shown, header_ref, at, decision))
    body = response.get("content", {}).get("application/json", {}).get("schema", {})
    body_tags = set(body.get("x-doc-tables", [])) | set(deref(spec, body).get("x-doc-tables", []))
    for table in body_tables:
        if table.number not in body_tags:
            label = table_label(doc, table.number)
            found.append(Difference(label, "-", "body", table.number, sorted(body_tags), at))
    examples = response.get("content", {}).get("application/json", {}).get("examples", {})
    spec_errors = sorted(
        (str(e["value"].get("error_code")), str(e["value"].get("error_msg")))
        for e in examples.values()
        if isinstance(e.get("value"), dict) and "error_code" in e["value"]
    )
    doc_errors = sorted((e.error_code, e.error_msg) for e in doc.error_examples if e.status == code)
    if doc_errors != spec_errors:
        found.append(Difference(f"状态码 {code}", "-", "example", doc_errors, spec_errors, at))
    return found


def drift_against_spec(
    doc: DocPage, spec: dict[str, Any], doc_label: str, spec_label: str
) -> DriftReport:
    """The doc-vs-spec report: differences (accepted or not) and every x-doc decision."""
    differences = tuple(compare_doc_spec(doc, spec))
    decisions = spec_decisions(spec)
    stale = stale_decisions(doc, decisions)
    return DriftReport("doc-vs-spec", doc_label, spec_label, differences, decisions, stale)


def stale_decisions(doc: DocPage, decisions: tuple[Decision, ...]) -> tuple[StaleDecision, ...]:
    """The decisions the page no longer supports: quote gone from their field, or value moved."""
    found = []
    for decision in decisions:
        doc_field = _decision_field(doc, decision)
        where = field_text(doc_field) if doc_field is not None else doc.source
        if not quote_on(decision.quote, where):
            page_now = " ".join(where.split())[:300] if doc_field is not None else "(not found)"
            found.append(StaleDecision(decision, "its quote is no longer on the page", page_now))
        elif doc_field is not None and not pin_holds(decision.decision, doc_field):
            now = _FACTS[decision.keyword](doc_field)
            reason = f"it was made when the page said {decision.decision.doc!r}"
            found.append(StaleDecision(decision, reason, repr(now)))
    return tuple(found)


def pin_holds(decision: DocDecision, doc_field: DocField) -> bool:
    """Whether the page still states the value a decision recorded (true when none is)."""
    fact = _FACTS.get(decision.keyword)
    if not decision.pinned or fact is None:
        return True
    return _freeze(fact(doc_field)) == _freeze(decision.doc)


def page_fact(keyword: str, doc_field: DocField) -> object:
    """What the page states for `keyword` at a field (the value a decision records as `doc`)."""
    return _FACTS[keyword](doc_field)


def field_text(doc_field: DocField) -> str:
    """A field's row as the page has it: name, type, required flag and description."""
    return f"{doc_field.name} {doc_field.type} {doc_field.description}"


def quote_on(quote: str, text: str) -> bool:
    """Whether `text` has the quote: its fragments (between "…") in order, each verbatim but for
    white space, colons and bullets (the text dump drops or adds them around headings)."""
    haystack, at = _quote_form(text), 0
    for fragment in (f for f in (_quote_form(p) for p in quote.split("…")) if f):
        found = haystack.find(fragment, at)
        if found < 0:
            return False
        at = found + len(fragment)
    return True


def _quote_form(text: str) -> str:
    return re.sub(r"[\s:•·]+", "", unicodedata.normalize("NFKC", text))


def _decision_field(doc: DocPage, decision: Decision) -> DocField | None:
    for number in decision.tables:
        table = next((t for t in doc.tables if t.number == number), None)
        if table is not None and decision.field in table.field_names:
            return table.field(decision.field)
    return None


# -- doc against doc ---------------------------------------------------------------------------------


def _prose(section: str) -> Callable[[DocField], object]:
    def read(doc_field: DocField) -> object:
        text = description_sections(doc_field.description).get(section, "")
        return None if not text or text in NOT_APPLICABLE else text

    return read


# What a field of one page is compared on with the same field of another page. The prose of 取值范围
# and 默认取值 is left to the facts read from it (range, lengths, items, default).
_FIELD_FACTS: tuple[tuple[str, Callable[[DocField], object]], ...] = (
    ("type", lambda f: f.type),
    ("required", lambda f: f.required),
    ("enum", lambda f: sorted(doc_enum(f)) or None),
    ("minimum", lambda f: f.minimum),
    ("maximum", lambda f: f.maximum),
    ("minLength", lambda f: f.min_length),
    ("maxLength", lambda f: f.max_length),
    ("maxItems", lambda f: f.max_items),
    ("default", lambda f: f.default),
    ("description", _prose("参数解释")),
    ("constraints", _prose("约束限制")),
)


_FACTS = dict(_FIELD_FACTS)


def compare_docs(old: DocPage, new: DocPage) -> list[Difference]:
    """What changed between two versions of a page: tables, fields, their facts, URI and statuses.

    In each Difference `doc` is the old page's value and `spec` the new page's.
    """
    found: list[Difference] = []
    if (old.method, old.path) != (new.method, new.path):
        found.append(
            Difference(
                "URI", "-", "path", f"{old.method} {old.path}", f"{new.method} {new.path}", ""
            )
        )
    old_codes = [s.code for s in old.status_codes]
    new_codes = [s.code for s in new.status_codes]
    if old_codes != new_codes:
        found.append(Difference("状态码", "-", "responses", old_codes, new_codes, ""))
    old_errors = sorted((e.status, e.error_code, e.error_msg) for e in old.error_examples)
    new_errors = sorted((e.status, e.error_code, e.error_msg) for e in new.error_examples)
    if old_errors != new_errors:
        found.append(Difference("错误码", "-", "example", old_errors, new_errors, ""))
    old_tables = {t.number: t for t in old.tables}
    new_tables = {t.number: t for t in new.tables}
    for number in sorted(old_tables.keys() | new_tables.keys()):
        before, after = old_tables.get(number), new_tables.get(number)
        if before is None or after is None:
            label = table_label(new if after else old, number)
            found.append(
                Difference(
                    label,
                    "-",
                    "table",
                    before.field_names if before else None,
                    after.field_names if after else None,
                    "",
                )
            )
            continue
        found.extend(_compare_tables(table_label(new, number), before, after))
    return found


def _compare_tables(label: str, before: DocTable, after: DocTable) -> list[Difference]:
    found: list[Difference] = []
    if before.name != after.name:
        found.append(Difference(label, "-", "name", before.name, after.name, ""))
    old_fields = {f.name: f for f in before.fields}
    new_fields = {f.name: f for f in after.fields}
    for name in [*before.field_names, *(n for n in after.field_names if n not in old_fields)]:
        was, now = old_fields.get(name), new_fields.get(name)
        if was is None or now is None:
            keyword = "added" if was is None else "removed"
            found.append(Difference(label, name, keyword, was and was.type, now and now.type, ""))
            continue
        for keyword, fact in _FIELD_FACTS:
            if not same(fact(was), fact(now)):
                found.append(Difference(label, name, keyword, fact(was), fact(now), ""))
    return found


def drift_between_docs(
    old: DocPage,
    new: DocPage,
    old_label: str,
    new_label: str,
    decisions: tuple[Decision, ...] = (),
) -> DriftReport:
    """The doc-vs-doc report; `stale` lists the decisions (of a spec) an edit touched: their
    quote is on the old page and no longer on the new one."""
    touched = tuple(
        StaleDecision(s.decision, "the new page edits the text it quotes", s.page_now)
        for s in stale_decisions(new, decisions)
        if s.decision not in {t.decision for t in stale_decisions(old, decisions)}
    )
    return DriftReport(
        "doc-vs-doc", old_label, new_label, tuple(compare_docs(old, new)), (), touched
    )
