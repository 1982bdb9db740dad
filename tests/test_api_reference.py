"""generated/API.md lists every operation, parameter, schema and property of the spec, correctly."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from sdkbuild.generation import provenance
from sdkbuild.parsing import parse
from sdkbuild.paths import TEMPLATES
from sdkbuild.rendering import render_package
from speccore.refs import deref
from speccore.text import markdown_cell, markdown_code
from tests.conftest import GENERATED, SPEC

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
Row = dict[str, str]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def page() -> str:
    return (GENERATED / "API.md").read_text(encoding="utf-8")


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], bool]]:
    """(method, path or callback expression, operation, is_callback) for every operation."""
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op = item[method]
            yield method, path, op, False
            for callback in (op.get("callbacks") or {}).values():
                for expression, cb_item in callback.items():
                    for cb_method in HTTP_METHODS:
                        if cb_method in cb_item:
                            yield cb_method, expression, cb_item[cb_method], True


def heading(op: dict[str, Any], is_callback: bool) -> str:
    return f"### {op['operationId']}" + (" (callback)" if is_callback else "")


def section(page: str, title: str) -> str:
    """The text under the heading line `title`, up to the next level-2 or level-3 heading."""
    lines = page.splitlines()
    start = lines.index(title)
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith(("## ", "### "))),
        len(lines),
    )
    return "\n".join(lines[start + 1 : end])


def cells(line: str) -> list[str]:
    """The cells of a table row, split on the `|` that are not escaped."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def tables(text: str) -> list[list[list[str]]]:
    """Every table in `text`: its header row and body rows (the separator row dropped)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append(cells(line))
        elif current:
            found.append([current[0], *current[2:]])
            current = []
    return found


def rows(text: str, first_column: str) -> dict[str, Row]:
    """The rows of the one table in `text` whose first column is `first_column`, by first cell."""
    (table,) = [t for t in tables(text) if t[0][0] == first_column]
    header, *body = table
    return {row[0]: dict(zip(header, row, strict=True)) for row in body}


def yes_no(flag: object) -> str:
    return "yes" if flag else "no"


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_page_names_the_api_its_regions_and_its_security_schemes(
    spec: dict[str, Any], page: str
) -> None:
    assert page.splitlines()[2] == f"# {spec['info']['title']}"
    assert f"`{spec['info']['version']}`" in page
    server = spec["servers"][0]
    regions = rows(section(page, "## Base URL"), "Region")
    assert sorted(regions) == sorted(
        f"`{r}`" + (" (default)" if r == server["variables"]["region"]["default"] else "")
        for r in server["variables"]["region"]["enum"]
    )
    schemes = rows(section(page, "## Authentication"), "Scheme")
    assert {name: row["Header"] for name, row in schemes.items()} == {
        f"`{name}`": f"`{scheme['name']}`"
        for name, scheme in spec["components"]["securitySchemes"].items()
    }


def test_every_operation_is_listed_with_method_path_and_sdk_call(
    spec: dict[str, Any], page: str
) -> None:
    api = parse(spec, SPEC.name)
    sdk_calls = {
        op.operation_id: f"client.{resource.attribute}.{op.method_name}("
        for resource in api.resources
        for op in resource.operations
    }
    listed = [line for line in page.splitlines() if line.startswith("### ")]
    for method, path, op, is_callback in operations(spec):
        assert heading(op, is_callback) in listed
        text = section(page, heading(op, is_callback))
        assert f"`{method.upper()} {path}`" in text
        if not is_callback:
            assert sdk_calls[op["operationId"]] in text


def test_every_parameter_is_listed_with_location_and_required_flag(
    spec: dict[str, Any], page: str
) -> None:
    count = 0
    for _, _, op, is_callback in operations(spec):
        listed = rows(section(page, heading(op, is_callback)), "Name")
        for raw in op.get("parameters") or []:
            parameter = deref(spec, raw)
            row = listed[f"`{parameter['name']}`"]
            assert row["In"] == parameter["in"]
            assert row["Required"] == yes_no(parameter.get("required")), parameter["name"]
            count += 1
    assert count >= 10


def test_every_response_is_listed_with_its_documented_error_codes(
    spec: dict[str, Any], page: str
) -> None:
    for _, _, op, is_callback in operations(spec):
        if is_callback:
            continue
        listed = rows(section(page, heading(op, False)), "Status")
        assert sorted(listed) == sorted(str(status) for status in op["responses"])
        for status, response in op["responses"].items():
            media = (deref(spec, response).get("content") or {}).get("application/json") or {}
            for example in (media.get("examples") or {}).values():
                code = example["value"].get("error_code")
                if code:
                    assert f"`{code}`" in listed[str(status)]["Error codes"]


def model_rows(page: str, name: str) -> dict[str, Row]:
    """A model's field table; none for a model that is one of others (its variants are listed)."""
    text = section(page, f"### {name}")
    if "\n| Field |" not in text:
        return {}
    return rows(text, "Field")


def test_a_model_that_is_one_of_others_lists_them_and_their_tag(
    spec: dict[str, Any], page: str
) -> None:
    unions = {n: s for n, s in spec["components"]["schemas"].items() if "oneOf" in s}
    assert unions, "the spec has a oneOf model (ControlSmartLiveReq)"
    for name, schema in unions.items():
        variants = ", ".join(f"`{m['$ref'].rsplit('/', 1)[1]}`" for m in schema["oneOf"])
        tag = schema["discriminator"]["propertyName"]
        assert f"One of {variants}, told apart by `{tag}`." in section(page, f"### {name}")


def test_every_component_schema_lists_every_property_in_spec_order(
    spec: dict[str, Any], page: str
) -> None:
    schemas = spec["components"]["schemas"]
    models = section(page, "## Models")
    assert models.strip(), "the Models section is empty"
    for name, schema in schemas.items():
        listed = model_rows(page, name)
        assert list(listed) == [f"`{field}`" for field in schema.get("properties") or {}], name


def test_required_flags_match_the_spec(spec: dict[str, Any], page: str) -> None:
    required_seen = 0
    for name, schema in spec["components"]["schemas"].items():
        required = set(schema.get("required") or [])
        for field, row in model_rows(page, name).items():
            assert row["Required"] == yes_no(field.strip("`") in required), (name, field)
        required_seen += len(required)
    assert required_seen >= 4  # VideoConfig's three and VoiceConfig's one, at least


def test_secrets_are_marked_and_nothing_else_is(spec: dict[str, Any], page: str) -> None:
    secret_in_spec = {
        (name, field)
        for name, schema in spec["components"]["schemas"].items()
        for field, prop in (schema.get("properties") or {}).items()
        if prop.get("x-secret") is True
    }
    marked = {
        (name, field.strip("`"))
        for name in spec["components"]["schemas"]
        for field, row in model_rows(page, name).items()
        if row["Secret"] == "yes"
    }
    assert marked == secret_in_spec
    assert ("StartSmartLiveReq", "stream_keys") in marked


def test_x_doc_decisions_on_properties_and_parameters_show(spec: dict[str, Any], page: str) -> None:
    holders: list[tuple[str, str, dict[str, Any]]] = [
        (f"### {name}", field, prop)
        for name, schema in spec["components"]["schemas"].items()
        for field, prop in (schema.get("properties") or {}).items()
    ]
    for _, _, op, is_callback in operations(spec):
        for raw in op.get("parameters") or []:
            parameter = deref(spec, raw)
            holders.append((heading(op, is_callback), parameter["name"], parameter))
    shown = 0
    for title, name, holder in holders:
        text = section(page, title)
        for decision in holder.get("x-doc") or []:
            line = f"- `{name}` ({decision['keyword']}): {one_line(decision['choice'])}"
            assert line in text, (title, name)
            shown += 1
    assert shown >= 10


def assert_tables_are_well_formed(markdown: str) -> int:
    """Every table row has as many cells as its header; returns the number of tables."""
    found = tables(markdown)
    for table in found:
        header, *body = table
        for row in body:
            assert len(row) == len(header), row
    return len(found)


def test_every_table_row_has_as_many_cells_as_its_header(page: str) -> None:
    assert assert_tables_are_well_formed(page) >= 15


def test_pipes_and_line_breaks_in_spec_text_cannot_break_a_table(spec: dict[str, Any]) -> None:
    hostile = copy.deepcopy(spec)
    prop = hostile["components"]["schemas"]["VideoConfig"]["properties"]["codec"]
    prop["description"] = "H264 | VP8\n| QTRLE `a|b`"
    prop["pattern"] = "^(a|b)$"
    hostile["components"]["parameters"]["RoomId"]["description"] = "room | id"
    api = parse(hostile, SPEC.name)
    markdown = render_package(api, TEMPLATES, provenance(SPEC))["API.md"]
    assert_tables_are_well_formed(markdown)
    codec = model_rows(markdown, "VideoConfig")["`codec`"]
    assert codec["Description"] == r"H264 \| VP8 \| QTRLE `a\|b`"
    assert r"`pattern: ^(a\|b)$`" in codec["Constraints"]


def test_markdown_filters_keep_cells_on_one_line() -> None:
    assert markdown_cell("a |\n b") == r"a \| b"
    assert markdown_code("x|y") == r"`x\|y`"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`a`") == "`` `a` ``"
