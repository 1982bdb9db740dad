"""Acceptance: every field of every doc table is in the spec with the doc's type, enum, bounds and default."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from speccore.refs import deref as resolve
from specreview.docdiff import (
    HEADER_PARAMS,
    PATH_PARAMS,
    Difference,
    callback_only_schemas,
    table_owners,
)
from specreview.docdiff import compare_doc_spec as compare
from specreview.docpage import DocPage, read_text_page

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "openapi" / "doc" / "start-smart-live.zh.txt"
SPEC = ROOT / "openapi" / "metastudio-smart-live.yaml"

# Schemas from the prose of 表8 (the callback envelope and its messages): not rows of any table.
CALLBACK_SCHEMAS = frozenset(
    {
        "LiveEventCallback",
        "ShootScriptSwitchMessage",
        "RtmpStreamStateChangeMessage",
        "ReplyCommandFinishMessage",
    }
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
        assert d.decision.keyword == d.keyword, str(d)
        assert d.decision.quote and d.decision.choice, f"decision lacks quote/choice: {d}"
    keys = {(int(d.table.split()[0].removeprefix("表")), d.field, d.keyword) for d in accepted}
    assert keys == EXPECTED_ACCEPTED, "accepted differences changed:\n" + render(accepted)


def test_every_doc_table_is_mapped_and_read(doc: DocPage, spec: dict[str, Any]) -> None:
    assert [t.number for t in doc.tables] == list(range(1, 22))
    owners, conflicts = table_owners(spec)
    assert set(owners) == {t.number for t in doc.tables}
    assert not conflicts
    assert owners[4] == "VideoConfig" and owners[1] == "path parameters"


def test_callback_schemas_are_found_from_the_spec(spec: dict[str, Any]) -> None:
    assert callback_only_schemas(spec) == CALLBACK_SCHEMAS


def test_doc_dump_states_no_required_flags(doc: DocPage) -> None:
    stated = [
        (t.number, f.name, f.required)
        for t in doc.tables
        for f in t.fields
        if f.required is not None
    ]
    assert not stated, f"the page now states 是否必选; compare() checks it: {stated}"


def request_required(spec: dict[str, Any]) -> tuple[set[tuple[str, str]], list[str]]:
    """The request side's required flags of the page's operations: (owner, name) pairs, and any
    other required things."""
    required: set[tuple[str, str]] = set()
    others: list[str] = []
    for path_item in spec["paths"].values():
        for method, operation in path_item.items():
            if method not in ("get", "put", "post", "delete", "patch", "head", "options"):
                continue
            if "x-source" in operation:
                continue  # not the page's: tests/test_companion_operations.py holds it to its source
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
        [("表18 LiveWarningItem", "warning_type", "missing", "String", "LiveWarningItem")],
    ),
    "X-App-UserId removed": (
        _drop_header_param,
        [("表2 请求Header参数", "X-App-UserId", "missing", "String", HEADER_PARAMS)],
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
