"""The spec diff (specreview.specdiff): one mutation of the real spec per kind of change."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from specreview.specdiff import (
    KINDS,
    Change,
    DiffReport,
    SpecSourceError,
    Waiver,
    WaiverError,
    apply_waivers,
    diff_specs,
    load_waivers,
    read_spec,
    render_json,
    render_markdown,
    run_diff,
)
from tests.conftest import ROOT, SPEC

Spec = dict[str, Any]
Mutation = Callable[[Spec], None]
Locate = Callable[[Spec], Any]

PATH = "/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs"
EXPRESSION = "{$request.body#/live_event_callback_config/live_event_type_callback_url}"
OP = "/paths/~1v1~1{project_id}~1smart-live-rooms~1{room_id}~1smart-live-jobs/post"
CB = (
    OP
    + "/callbacks/liveEvent/{$request.body#~1live_event_callback_config~1live_event_type_callback_url}/post"
)
SCHEMAS = "/components/schemas"
PARAMS = "/components/parameters"
ORIGINAL: Spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))


# Where to mutate ---------------------------------------------------------------------------------


def op(spec: Spec) -> Any:
    return spec["paths"][PATH]["post"]


def callback(spec: Spec) -> Any:
    return op(spec)["callbacks"]["liveEvent"][EXPRESSION]["post"]


def schema(name: str) -> Locate:
    return lambda spec: spec["components"]["schemas"][name]


def prop(name: str, field: str) -> Locate:
    return lambda spec: spec["components"]["schemas"][name]["properties"][field]


def param(name: str) -> Locate:
    return lambda spec: spec["components"]["parameters"][name]


def response(status: str) -> Locate:
    return lambda spec: op(spec)["responses"][status]


def at(*parts: str | int) -> Locate:
    def locate(spec: Spec) -> Any:
        node: Any = spec
        for part in parts:
            node = node[part]
        return node

    return locate


# How to mutate -----------------------------------------------------------------------------------


def put(locate: Locate, values: dict[str, Any]) -> Mutation:
    return lambda spec: locate(spec).update(copy.deepcopy(values))


def drop(locate: Locate, key: str | int) -> Mutation:
    return lambda spec: locate(spec).pop(key)


def append(locate: Locate, value: Any) -> Mutation:
    return lambda spec: locate(spec).append(copy.deepcopy(value))


def remove(locate: Locate, value: Any) -> Mutation:
    return lambda spec: locate(spec).remove(value)


def both(*mutations: Mutation) -> Mutation:
    def mutate(spec: Spec) -> None:
        for mutation in mutations:
            mutation(spec)

    return mutate


def diff(mutate: Mutation, setup: Mutation | None = None) -> list[Change]:
    old = copy.deepcopy(ORIGINAL)
    if setup is not None:
        setup(old)
    new = copy.deepcopy(old)
    mutate(new)
    return diff_specs(old, new)


def found(changes: list[Change]) -> list[tuple[str, bool, str]]:
    return [(c.kind, c.breaking, c.pointer) for c in changes]


# One case per kind -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    kind: str
    breaking: bool
    pointer: str
    mutate: Mutation
    setup: Mutation | None = None


BODY = {
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StartSmartLiveReq"}}}
}
NEW_PARAM = {"name": "trace", "in": "query", "schema": {"type": "string"}}
BITRATE = prop("VideoConfig", "bitrate")
JOB_ID = prop("StartSmartLiveResponse", "job_id")
LIMIT = prop("StartSmartLiveResponse", "limit_duration")
WARNINGS = prop("StartSmartLiveResponse", "live_warning_info")
URLS = prop("StartSmartLiveReq", "output_urls")
# A request-only string with both lengths (VoiceConfig is in ShowSmartLive's answer too).
TEXT = prop("TextConfig", "text")
VIEW_MODE = prop("StartSmartLiveReq", "view_mode")
USER_TYPE = prop("RTCUserInfo", "user_type")
CODEC = prop("VideoConfig", "codec")
CLIP_MODE = prop("VideoConfig", "clip_mode")


def p(schema_name: str, *parts: str | int) -> str:
    """A pointer under /components/schemas."""
    return SCHEMAS + "/" + schema_name + "".join(f"/{part}" for part in parts)


def bitrate(keyword: str) -> str:
    return p("VideoConfig", "properties", "bitrate", keyword)


def limit(keyword: str) -> str:
    return p("StartSmartLiveResponse", "properties", "limit_duration", keyword)


def job_id(keyword: str) -> str:
    return p("StartSmartLiveResponse", "properties", "job_id", keyword)


CASES = [
    # Operations.
    Case("operation-removed", True, CB, drop(at("paths", PATH, "post", "callbacks"), "liveEvent")),
    Case(
        "operation-added",
        False,
        "/paths/~1v1~1{project_id}~1ping/get",
        put(
            at("paths"),
            {
                "/v1/{project_id}/ping": {
                    "get": {"operationId": "Ping", "responses": {"200": {"description": "OK"}}}
                }
            },
        ),
    ),
    Case("operation-id-changed", True, OP + "/operationId", put(op, {"operationId": "StartLive"})),
    Case("deprecated-changed", False, OP + "/deprecated", put(op, {"deprecated": True})),
    # Parameters.
    Case(
        "parameter-removed",
        True,
        OP + "/parameters/6",
        drop(at("paths", PATH, "post", "parameters"), 6),
    ),
    Case(
        "parameter-added",
        False,
        OP + "/parameters/7",
        append(at("paths", PATH, "post", "parameters"), NEW_PARAM),
    ),
    Case(
        "required-parameter-added",
        True,
        OP + "/parameters/7",
        append(at("paths", PATH, "post", "parameters"), {**NEW_PARAM, "required": True}),
    ),
    Case(
        "parameter-became-required",
        True,
        PARAMS + "/XAppUserId/required",
        put(param("XAppUserId"), {"required": True}),
    ),
    Case(
        "parameter-became-optional",
        False,
        PARAMS + "/ProjectId/required",
        put(param("ProjectId"), {"required": False}),
    ),
    # Request bodies and media types.
    Case("request-body-removed", True, OP + "/requestBody", drop(op, "requestBody")),
    Case(
        "request-body-added",
        False,
        OP + "/requestBody",
        put(op, {"requestBody": BODY}),
        drop(op, "requestBody"),
    ),
    Case(
        "required-request-body-added",
        True,
        OP + "/requestBody",
        put(op, {"requestBody": {**BODY, "required": True}}),
        drop(op, "requestBody"),
    ),
    Case(
        "request-body-became-required",
        True,
        OP + "/requestBody/required",
        put(at("paths", PATH, "post", "requestBody"), {"required": True}),
    ),
    Case(
        "request-body-became-optional",
        False,
        CB + "/requestBody/required",
        put(lambda s: callback(s)["requestBody"], {"required": False}),
    ),
    Case(
        "media-type-removed",
        True,
        OP + "/responses/400/content/application~1json",
        drop(response("400"), "content"),
    ),
    Case(
        "media-type-added",
        False,
        OP + "/responses/400/content/text~1plain",
        put(
            lambda s: response("400")(s)["content"], {"text/plain": {"schema": {"type": "string"}}}
        ),
    ),
    # Responses and their headers.
    Case(
        "response-status-removed",
        True,
        OP + "/responses/500",
        drop(at("paths", PATH, "post", "responses"), "500"),
    ),
    Case(
        "response-status-added",
        False,
        OP + "/responses/403",
        put(at("paths", PATH, "post", "responses"), {"403": {"description": "Forbidden"}}),
    ),
    Case(
        "response-header-removed",
        True,
        OP + "/responses/202/headers/X-Request-Id",
        drop(lambda s: response("202")(s)["headers"], "X-Request-Id"),
    ),
    Case(
        "response-header-added",
        False,
        OP + "/responses/202/headers/X-Trace-Id",
        put(
            lambda s: response("202")(s)["headers"], {"X-Trace-Id": {"schema": {"type": "string"}}}
        ),
    ),
    # Security, servers, info.
    Case("security-requirement-removed", True, "/security/1", drop(at("security"), 1)),
    Case(
        "security-requirement-added",
        False,
        "/security/2",
        append(at("security"), {"aksk": [], "token": []}),
    ),
    Case(
        "security-scheme-removed",
        True,
        "/components/securitySchemes/token",
        drop(at("components", "securitySchemes"), "token"),
    ),
    Case(
        "security-scheme-added",
        False,
        "/components/securitySchemes/bearer",
        put(at("components", "securitySchemes"), {"bearer": {"type": "http", "scheme": "bearer"}}),
    ),
    Case(
        "security-scheme-changed",
        True,
        "/components/securitySchemes/token/name",
        put(at("components", "securitySchemes", "token"), {"name": "X-Token"}),
    ),
    Case(
        "server-removed",
        True,
        "/servers/1",
        drop(at("servers"), 1),
        append(at("servers"), {"url": "https://example.com"}),
    ),
    Case(
        "server-added", False, "/servers/1", append(at("servers"), {"url": "https://example.com"})
    ),
    Case(
        "server-url-changed",
        True,
        "/servers/0/url",
        put(at("servers", 0), {"url": "https://example.com"}),
    ),
    Case("info-changed", False, "/info/version", put(at("info"), {"version": "2026-01-01"})),
    # Component schemas.
    Case(
        "schema-removed",
        True,
        p("Spare"),
        drop(at("components", "schemas"), "Spare"),
        put(at("components", "schemas"), {"Spare": {"type": "object"}}),
    ),
    Case(
        "schema-added",
        False,
        p("Spare"),
        put(at("components", "schemas"), {"Spare": {"type": "object"}}),
    ),
    # Schemas, either direction.
    Case(
        "type-changed",
        True,
        p("VideoConfig", "properties", "frame_rate", "type"),
        put(prop("VideoConfig", "frame_rate"), {"type": "integer"}),
    ),
    # Formats by direction: once every format change was breaking (issue: spec-diff precision).
    Case("format-widened", False, bitrate("format"), put(BITRATE, {"format": "int64"})),
    Case(
        "format-narrowed",
        True,
        bitrate("format"),
        put(BITRATE, {"format": "int32"}),
        put(BITRATE, {"format": "int64"}),
    ),
    Case("response-format-widened", True, limit("format"), put(LIMIT, {"format": "int64"})),
    Case(
        "response-format-narrowed",
        False,
        limit("format"),
        put(LIMIT, {"format": "int32"}),
        put(LIMIT, {"format": "int64"}),
    ),
    Case(
        "format-changed",
        True,
        job_id("format"),
        put(JOB_ID, {"format": "email"}),
        put(JOB_ID, {"format": "uuid"}),
    ),
    # oneOf / anyOf variants by direction: once only a generic keyword-changed.
    Case(
        "variant-added",
        False,
        bitrate("oneOf"),
        put(BITRATE, {"oneOf": [{"minimum": 1}, {"maximum": 5}, {"multipleOf": 7}]}),
        put(BITRATE, {"oneOf": [{"minimum": 1}, {"maximum": 5}]}),
    ),
    Case(
        "variant-removed",
        True,
        bitrate("oneOf"),
        put(BITRATE, {"oneOf": [{"minimum": 1}]}),
        put(BITRATE, {"oneOf": [{"minimum": 1}, {"maximum": 5}]}),
    ),
    Case(
        "response-variant-added",
        True,
        limit("anyOf"),
        put(LIMIT, {"anyOf": [{"minimum": 1}, {"maximum": 5}, {"multipleOf": 7}]}),
        put(LIMIT, {"anyOf": [{"minimum": 1}, {"maximum": 5}]}),
    ),
    Case(
        "response-variant-removed",
        False,
        limit("anyOf"),
        put(LIMIT, {"anyOf": [{"minimum": 1}]}),
        put(LIMIT, {"anyOf": [{"minimum": 1}, {"maximum": 5}]}),
    ),
    Case(
        "property-removed",
        True,
        p("StartSmartLiveResponse", "properties", "live_event_report_url"),
        drop(
            at("components", "schemas", "StartSmartLiveResponse", "properties"),
            "live_event_report_url",
        ),
    ),
    Case(
        "property-added",
        False,
        p("VideoConfig", "properties", "gop"),
        put(at("components", "schemas", "VideoConfig", "properties"), {"gop": {"type": "integer"}}),
    ),
    Case(
        "required-property-added",
        True,
        p("VideoConfig", "properties", "gop"),
        both(
            put(
                at("components", "schemas", "VideoConfig", "properties"),
                {"gop": {"type": "integer"}},
            ),
            append(at("components", "schemas", "VideoConfig", "required"), "gop"),
        ),
    ),
    Case(
        "pattern-narrowed",
        True,
        PARAMS + "/XAppUserId/schema/pattern",
        put(lambda s: param("XAppUserId")(s)["schema"], {"pattern": "^[ -~]*$"}),
    ),
    # Patterns by direction where containment is decidable: once every change was breaking.
    Case(
        "pattern-widened",
        False,
        p("TextConfig", "properties", "text", "pattern"),
        put(TEXT, {"pattern": "^[0-9a-z]+$"}),
        put(TEXT, {"pattern": "^[0-9a-f]+$"}),
    ),
    Case(
        "pattern-equivalent",
        False,
        p("TextConfig", "properties", "text", "pattern"),
        put(TEXT, {"pattern": "^[a-f0-9]+$"}),
        put(TEXT, {"pattern": "^[0-9a-f]+$"}),
    ),
    Case(
        "pattern-changed",
        True,
        p("TextConfig", "properties", "text", "pattern"),
        put(TEXT, {"pattern": "^[0-9]+x$"}),
        put(TEXT, {"pattern": "^[0-9a-f]+$"}),
    ),
    Case(
        "response-pattern-widened",
        True,
        job_id("pattern"),
        put(JOB_ID, {"pattern": "^[0-9a-z-]+$"}),
        put(JOB_ID, {"pattern": "^[0-9a-f-]+$"}),
    ),
    Case(
        "response-pattern-narrowed",
        False,
        job_id("pattern"),
        put(JOB_ID, {"pattern": "^[0-9a-f]+$"}),
        put(JOB_ID, {"pattern": "^[0-9a-f-]+$"}),
    ),
    Case(
        "default-changed",
        True,
        p("VideoConfig", "properties", "clip_mode", "default"),
        put(CLIP_MODE, {"default": "CROP"}),
    ),
    Case(
        "default-added",
        False,
        p("VideoConfig", "properties", "codec", "default"),
        put(CODEC, {"default": "H264"}),
    ),
    Case(
        "default-removed",
        False,
        p("VideoConfig", "properties", "clip_mode", "default"),
        drop(CLIP_MODE, "default"),
    ),
    # Requiredness of properties, by direction.
    Case(
        "property-became-required",
        True,
        p("VideoConfig", "properties", "clip_mode"),
        append(at("components", "schemas", "VideoConfig", "required"), "clip_mode"),
    ),
    Case(
        "property-became-optional",
        False,
        p("VideoConfig", "properties", "height"),
        remove(at("components", "schemas", "VideoConfig", "required"), "height"),
    ),
    Case(
        "response-property-became-required",
        False,
        p("StartSmartLiveResponse", "properties", "job_id"),
        put(schema("StartSmartLiveResponse"), {"required": ["job_id"]}),
    ),
    Case(
        "response-property-became-optional",
        True,
        p("StartSmartLiveResponse", "properties", "job_id"),
        drop(schema("StartSmartLiveResponse"), "required"),
        put(schema("StartSmartLiveResponse"), {"required": ["job_id"]}),
    ),
    # Enums, by direction.
    Case(
        "enum-value-removed",
        True,
        p("StartSmartLiveReq", "properties", "view_mode", "enum", 0),
        remove(lambda s: VIEW_MODE(s)["enum"], "LANDSCAPE"),
    ),
    Case(
        "enum-value-added",
        False,
        p("StartSmartLiveReq", "properties", "view_mode", "enum", 2),
        append(lambda s: VIEW_MODE(s)["enum"], "SQUARE"),
    ),
    Case(
        "response-enum-value-added",
        True,
        p("RTCUserInfo", "properties", "user_type", "enum", 6),
        append(lambda s: USER_TYPE(s)["enum"], "ROBOT"),
    ),
    Case(
        "response-enum-value-removed",
        False,
        p("RTCUserInfo", "properties", "user_type", "enum", 5),
        remove(lambda s: USER_TYPE(s)["enum"], "END_USER"),
    ),
    Case(
        "enum-added",
        True,
        p("SubtitleConfig", "properties", "font_name", "enum"),
        put(prop("SubtitleConfig", "font_name"), {"enum": ["HarmonyOS_Sans_SC_Black"]}),
    ),
    Case(
        "enum-removed",
        False,
        p("StartSmartLiveReq", "properties", "view_mode", "enum"),
        drop(VIEW_MODE, "enum"),
    ),
    Case(
        "response-enum-added",
        False,
        p("RTCUserInfo", "properties", "user_id", "enum"),
        put(prop("RTCUserInfo", "user_id"), {"enum": ["u1"]}),
    ),
    Case(
        "response-enum-removed",
        True,
        p("RTCUserInfo", "properties", "user_type", "enum"),
        drop(USER_TYPE, "enum"),
    ),
    # Patterns and nullability, by direction.
    Case(
        "pattern-added",
        True,
        p("TextConfig", "properties", "text", "pattern"),
        put(TEXT, {"pattern": "^[0-9a-f]+$"}),
    ),
    Case(
        "pattern-removed",
        False,
        PARAMS + "/XSdkDate/schema/pattern",
        drop(lambda s: param("XSdkDate")(s)["schema"], "pattern"),
    ),
    Case(
        "response-pattern-added", False, job_id("pattern"), put(JOB_ID, {"pattern": "^[0-9a-f-]+$"})
    ),
    Case(
        "response-pattern-removed",
        True,
        job_id("pattern"),
        drop(JOB_ID, "pattern"),
        put(JOB_ID, {"pattern": "^[0-9a-f-]+$"}),
    ),
    Case(
        "nullable-added",
        False,
        p("VideoConfig", "properties", "codec", "nullable"),
        put(CODEC, {"nullable": True}),
    ),
    Case(
        "nullable-removed",
        True,
        p("VideoConfig", "properties", "codec", "nullable"),
        drop(CODEC, "nullable"),
        put(CODEC, {"nullable": True}),
    ),
    Case("response-nullable-added", True, job_id("nullable"), put(JOB_ID, {"nullable": True})),
    Case(
        "response-nullable-removed",
        False,
        job_id("nullable"),
        drop(JOB_ID, "nullable"),
        put(JOB_ID, {"nullable": True}),
    ),
    # Numeric bounds: VideoConfig.bitrate (request), StartSmartLiveResponse.limit_duration (response).
    Case("minimum-narrowed", True, bitrate("minimum"), put(BITRATE, {"minimum": 100})),
    Case("minimum-widened", False, bitrate("minimum"), put(BITRATE, {"minimum": 10})),
    Case("maximum-narrowed", True, bitrate("maximum"), put(BITRATE, {"maximum": 3000})),
    Case("maximum-widened", False, bitrate("maximum"), put(BITRATE, {"maximum": 50000})),
    Case(
        "response-minimum-narrowed",
        False,
        p("StartSmartLiveResponse", "properties", "limit_duration", "minimum"),
        put(LIMIT, {"minimum": 1}),
    ),
    Case(
        "response-minimum-widened",
        True,
        p("StartSmartLiveResponse", "properties", "limit_duration", "minimum"),
        put(LIMIT, {"minimum": -1}),
    ),
    Case(
        "response-maximum-narrowed",
        False,
        p("StartSmartLiveResponse", "properties", "limit_duration", "maximum"),
        put(LIMIT, {"maximum": 24}),
    ),
    Case(
        "response-maximum-widened",
        True,
        p("StartSmartLiveResponse", "properties", "limit_duration", "maximum"),
        put(LIMIT, {"maximum": 720}),
    ),
    # Lengths: TextConfig.text (request, 1-131072), StartSmartLiveResponse.job_id (response).
    Case(
        "min-length-narrowed",
        True,
        p("TextConfig", "properties", "text", "minLength"),
        put(TEXT, {"minLength": 2}),
    ),
    Case(
        "min-length-widened",
        False,
        p("TextConfig", "properties", "text", "minLength"),
        put(TEXT, {"minLength": 0}),
    ),
    Case(
        "max-length-narrowed",
        True,
        p("TextConfig", "properties", "text", "maxLength"),
        put(TEXT, {"maxLength": 64}),
    ),
    Case(
        "max-length-widened",
        False,
        p("TextConfig", "properties", "text", "maxLength"),
        put(TEXT, {"maxLength": 262144}),
    ),
    Case("response-min-length-narrowed", False, job_id("minLength"), put(JOB_ID, {"minLength": 1})),
    Case(
        "response-min-length-widened",
        True,
        job_id("minLength"),
        put(JOB_ID, {"minLength": 1}),
        put(JOB_ID, {"minLength": 2}),
    ),
    Case(
        "response-max-length-narrowed", False, job_id("maxLength"), put(JOB_ID, {"maxLength": 64})
    ),
    Case(
        "response-max-length-widened",
        True,
        job_id("maxLength"),
        put(JOB_ID, {"maxLength": 128}),
        put(JOB_ID, {"maxLength": 64}),
    ),
    # Item counts: StartSmartLiveReq.output_urls (request), live_warning_info (response).
    Case(
        "min-items-narrowed",
        True,
        p("StartSmartLiveReq", "properties", "output_urls", "minItems"),
        put(URLS, {"minItems": 1}),
    ),
    Case(
        "min-items-widened",
        False,
        p("StartSmartLiveReq", "properties", "output_urls", "minItems"),
        drop(URLS, "minItems"),
        put(URLS, {"minItems": 1}),
    ),
    Case(
        "max-items-narrowed",
        True,
        p("StartSmartLiveReq", "properties", "output_urls", "maxItems"),
        put(URLS, {"maxItems": 0}),
    ),
    Case(
        "max-items-widened",
        False,
        p("StartSmartLiveReq", "properties", "output_urls", "maxItems"),
        put(URLS, {"maxItems": 2}),
    ),
    Case(
        "response-min-items-narrowed",
        False,
        p("StartSmartLiveResponse", "properties", "live_warning_info", "minItems"),
        put(WARNINGS, {"minItems": 1}),
    ),
    Case(
        "response-min-items-widened",
        True,
        p("StartSmartLiveResponse", "properties", "live_warning_info", "minItems"),
        drop(WARNINGS, "minItems"),
        put(WARNINGS, {"minItems": 1}),
    ),
    Case(
        "response-max-items-narrowed",
        False,
        p("StartSmartLiveResponse", "properties", "live_warning_info", "maxItems"),
        put(WARNINGS, {"maxItems": 10}),
    ),
    Case(
        "response-max-items-widened",
        True,
        p("StartSmartLiveResponse", "properties", "live_warning_info", "maxItems"),
        put(WARNINGS, {"maxItems": 20}),
        put(WARNINGS, {"maxItems": 10}),
    ),
    # Documentation, extensions, anything else.
    Case(
        "description-changed",
        False,
        bitrate("description"),
        put(BITRATE, {"description": "Bitrate."}),
    ),
    Case("example-changed", False, job_id("example"), put(JOB_ID, {"example": "another-id"})),
    Case("extension-changed", False, bitrate("x-doc"), put(BITRATE, {"x-doc": []})),
    Case("keyword-changed", True, bitrate("multipleOf"), put(BITRATE, {"multipleOf": 10})),
]


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_each_kind_of_change(case: Case) -> None:
    assert found(diff(case.mutate, case.setup)) == [(case.kind, case.breaking, case.pointer)]


def test_the_cases_cover_every_kind() -> None:
    kinds = [c.kind for c in CASES]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) == set(KINDS)
    assert all(KINDS[c.kind] == c.breaking for c in CASES)
    assert len(KINDS) >= 20
    assert sum(KINDS.values()) >= 8
    assert sum(not breaking for breaking in KINDS.values()) >= 8


def test_kinds_are_kebab_case() -> None:
    assert all(kind == kind.lower() and " " not in kind and "_" not in kind for kind in KINDS)


def test_identical_specs_have_no_changes() -> None:
    assert diff_specs(ORIGINAL, copy.deepcopy(ORIGINAL)) == []


# Direction, sharing, callbacks -------------------------------------------------------------------


def test_narrowing_a_request_bound_is_breaking_with_a_readable_message() -> None:
    [change] = diff(put(BITRATE, {"maximum": 3000}))
    assert change.breaking
    assert change.contexts == ("request",)
    assert change.message == "maximum of VideoConfig.bitrate narrowed from 30000 to 3000"
    assert (change.old, change.new) == (30000, 3000)


def test_response_bounds_and_enums_break_the_other_way() -> None:
    assert found(diff(put(LIMIT, {"maximum": 720})))[0][:2] == ("response-maximum-widened", True)
    assert found(diff(put(LIMIT, {"maximum": 24})))[0][:2] == ("response-maximum-narrowed", False)
    user_type = diff(append(lambda s: USER_TYPE(s)["enum"], "ROBOT"))
    assert [(c.breaking, c.contexts) for c in user_type] == [(True, ("response",))]
    view_mode = diff(append(lambda s: VIEW_MODE(s)["enum"], "SQUARE"))
    assert [(c.breaking, c.contexts) for c in view_mode] == [(False, ("request",))]


def test_an_exclusive_bound_is_a_narrower_bound() -> None:
    assert found(diff(put(BITRATE, {"exclusiveMaximum": True}))) == [
        ("maximum-narrowed", True, bitrate("exclusiveMaximum"))
    ]


def test_a_schema_used_in_requests_and_responses_is_reported_once() -> None:
    key = prop("LiveEventCallBackConfig", "key")
    [change] = diff(put(key, {"type": "integer"}))
    assert change.kind == "type-changed"
    assert change.pointer == p("LiveEventCallBackConfig", "properties", "key", "type")
    assert change.contexts == ("request", "response")


def test_a_shared_schema_gets_each_direction_once() -> None:
    key = prop("LiveEventCallBackConfig", "key")
    at_ = p("LiveEventCallBackConfig", "properties", "key", "maxLength")
    changes = diff(put(key, {"maxLength": 16}))
    assert [(c.kind, c.breaking, c.pointer, c.contexts) for c in changes] == [
        ("max-length-narrowed", True, at_, ("request",)),
        ("response-max-length-narrowed", False, at_, ("response",)),
    ]


def test_callback_payloads_are_parsed_like_responses() -> None:
    state = prop("RtmpStreamStateChangeMessage", "state")  # reached through x-message-schemas
    changes = diff(append(lambda s: state(s)["enum"], "PAUSED"))
    assert [(c.kind, c.breaking, c.contexts) for c in changes] == [
        ("response-enum-value-added", True, ("callback",))
    ]


def test_removing_an_operation_removes_its_callbacks_too() -> None:
    assert found(diff(drop(at("paths", PATH), "post"))) == [
        ("operation-removed", True, OP),
        ("operation-removed", True, CB),
    ]


def test_pointing_a_property_at_another_model_changes_its_type() -> None:
    video = prop("StartSmartLiveReq", "video_config")
    changes = diff(put(video, {"allOf": [{"$ref": "#/components/schemas/SubtitleConfig"}]}))
    assert found(changes) == [
        ("type-changed", True, p("StartSmartLiveReq", "properties", "video_config"))
    ]
    assert (
        changes[0].message
        == "StartSmartLiveReq.video_config changed from model VideoConfig to model SubtitleConfig"
    )


def test_changes_are_sorted_by_pointer_then_kind() -> None:
    changes = diff(
        both(
            put(BITRATE, {"maximum": 3000, "description": "x"}),
            drop(at("paths", PATH, "post", "responses"), "500"),
        )
    )
    assert [(c.pointer, c.kind) for c in changes] == sorted((c.pointer, c.kind) for c in changes)
    assert len(changes) == 3


# Waivers -----------------------------------------------------------------------------------------

WAIVED = Waiver("maximum-narrowed", bitrate("maximum"), "The service caps bitrates at 3000.")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_waived_breaking_change_passes_with_its_reason(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# Accepted on purpose.\nwaivers:\n"
        f"  - kind: maximum-narrowed\n    pointer: {bitrate('maximum')}\n"
        "    reason: The service caps bitrates at 3000.\n",
    )
    waivers = load_waivers(path)
    assert waivers == [WAIVED]
    changes, unused = apply_waivers(diff(put(BITRATE, {"maximum": 3000})), waivers)
    report = DiffReport("old", "new", changes, unused)
    assert unused == []
    assert [c.waived_by for c in changes] == ["The service caps bitrates at 3000."]
    assert report.breaking == [] and report.exit_code == 0
    markdown = render_markdown(report)
    assert markdown.splitlines()[0] == "No unwaived breaking changes (1 waived), 0 compatible"
    assert "The service caps bitrates at 3000." in markdown


def test_an_unwaived_breaking_change_exits_1() -> None:
    changes, unused = apply_waivers(diff(put(BITRATE, {"maximum": 3000})), [])
    assert DiffReport("old", "new", changes, unused).exit_code == 1


def test_an_unused_waiver_is_reported() -> None:
    changes, unused = apply_waivers(diff(put(BITRATE, {"description": "x"})), [WAIVED])
    assert unused == [WAIVED]
    report = DiffReport("old", "new", changes, unused)
    assert report.exit_code == 0
    assert "Unused waivers (1)" in render_markdown(report)
    assert json.loads(render_json(report))["unused_waivers"][0]["kind"] == "maximum-narrowed"


@pytest.mark.parametrize(
    "reason", ["", "    reason: ''\n", "    reason: '   '\n"], ids=["missing", "empty", "spaces"]
)
def test_a_waiver_needs_a_reason(tmp_path: Path, reason: str) -> None:
    path = write(
        tmp_path,
        "waivers:\n  - kind: maximum-narrowed\n    pointer: /a\n    reason: ok\n"
        f"  - kind: maximum-narrowed\n    pointer: /b\n{reason}",
    )
    with pytest.raises(WaiverError, match=r"#/waivers/1: .*reason") as excinfo:
        load_waivers(path)
    assert str(path) in str(excinfo.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "waivers:\n  - kind: no-such-kind\n    pointer: /a\n    reason: r\n",
            r"#/waivers/0: unknown kind",
        ),
        ("waivers:\n  - pointer: /a\n    reason: r\n", r"#/waivers/0: missing `kind`"),
        (
            "waivers:\n  - kind: maximum-narrowed\n    reason: r\n",
            r"#/waivers/0: missing `pointer`",
        ),
        ("waivers:\n  - just a string\n", r"#/waivers/0: expected a mapping"),
        ("waivers:\n  - {kind: maximum-narrowed, pointer: /a, reason: r, why: x}\n", "unknown key"),
        ("waivers: {kind: maximum-narrowed}\n", "must be a list"),
        ("- kind: maximum-narrowed\n", "expected a mapping with a `waivers` list"),
        ("waivers: [\n", "not valid YAML"),
    ],
    ids=[
        "unknown-kind",
        "no-kind",
        "no-pointer",
        "not-a-mapping",
        "unknown-key",
        "not-a-list",
        "no-waivers",
        "bad-yaml",
    ],
)
def test_a_malformed_waiver_file_is_rejected(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(WaiverError, match=problem):
        load_waivers(write(tmp_path, text))


def test_missing_or_empty_waiver_files_mean_no_waivers(tmp_path: Path) -> None:
    assert load_waivers(tmp_path / "absent.yaml") == []
    assert load_waivers(write(tmp_path, "# nothing yet\nwaivers: []\n")) == []
    assert load_waivers(write(tmp_path, "waivers:\n")) == []


def test_the_committed_waiver_file_loads() -> None:
    load_waivers(ROOT / "openapi" / "spec-diff-waivers.yaml")


# Reading specs -----------------------------------------------------------------------------------


def test_read_spec_from_a_file() -> None:
    label, spec = read_spec(str(SPEC), repo=ROOT)
    assert label == str(SPEC)
    assert spec == ORIGINAL


def test_read_spec_from_a_git_revision() -> None:
    label, head = read_spec("HEAD", repo=ROOT)
    assert label == "HEAD:openapi/metastudio-smart-live.yaml"
    assert head["openapi"] == "3.0.3"
    explicit_label, explicit = read_spec("HEAD:openapi/metastudio-smart-live.yaml", repo=ROOT)
    assert (explicit_label, explicit) == (label, head)
    changes = diff_specs(head, ORIGINAL)  # whatever the working tree changed since HEAD
    assert all(c.kind in KINDS for c in changes)


def test_read_spec_with_a_bad_revision() -> None:
    with pytest.raises(
        SpecSourceError,
        match=r"^no-such-rev-42: error \[spec-source\] not a file, and git cannot show no-such-rev-42:openapi/",
    ):
        read_spec("no-such-rev-42", repo=ROOT)


def test_read_spec_refuses_an_option_as_a_revision() -> None:
    with pytest.raises(SpecSourceError, match="not a git revision"):
        read_spec("--output=/tmp/x", repo=ROOT)


def test_read_spec_needs_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(SpecSourceError, match="must be a YAML mapping"):
        read_spec(str(path), repo=ROOT)


# Reports -----------------------------------------------------------------------------------------


def report_with(changes: list[Change]) -> DiffReport:
    return DiffReport("HEAD:openapi/spec.yaml", "openapi/spec.yaml", changes)


def test_markdown_report() -> None:
    changes = diff(
        both(put(BITRATE, {"maximum": 3000}), append(lambda s: VIEW_MODE(s)["enum"], "A|B"))
    )
    markdown = render_markdown(report_with(changes))
    lines = markdown.splitlines()
    assert lines[0] == "**1 breaking change**, 1 compatible"
    assert "### Breaking (1)" in lines and "### Compatible (1)" in lines
    assert f"`{bitrate('maximum')}`" in markdown
    assert "| kind | where | change |" in lines
    assert all(line.count(" | ") == 2 for line in lines if line.startswith("| `"))
    assert 'enum value "A\\|B" added to StartSmartLiveReq.view_mode (request) |' in markdown
    changes = diff(put(at("components", "schemas"), {"A|B": {"type": "object"}}))
    assert "`/components/schemas/A\\|B`" in render_markdown(report_with(changes))


def test_markdown_report_without_changes() -> None:
    assert render_markdown(report_with([])) == "No changes.\n"


def test_json_report_round_trips() -> None:
    changes = diff(put(BITRATE, {"maximum": 3000}))
    text = render_json(report_with(changes))
    data = json.loads(text)
    assert data["exit_code"] == 1
    assert data["summary"] == {"breaking": 1, "compatible": 0, "waived": 0}
    [change] = data["changes"]
    assert change == {
        "kind": "maximum-narrowed",
        "breaking": True,
        "pointer": bitrate("maximum"),
        "message": "maximum of VideoConfig.bitrate narrowed from 30000 to 3000",
        "old": 30000,
        "new": 3000,
        "contexts": ["request"],
        "waived_by": None,
    }
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_run_diff(tmp_path: Path) -> None:
    new = copy.deepcopy(ORIGINAL)
    put(BITRATE, {"maximum": 3000})(new)
    new_path = tmp_path / "new.yaml"
    new_path.write_text(yaml.safe_dump(new, allow_unicode=True), encoding="utf-8")
    absent = tmp_path / "none.yaml"
    text, code = run_diff(str(SPEC), str(new_path), repo=ROOT, waivers=absent, fmt="markdown")
    assert (text.splitlines()[0], code) == ("**1 breaking change**, 0 compatible", 1)
    waivers = write(
        tmp_path,
        f"waivers:\n  - kind: maximum-narrowed\n    pointer: {bitrate('maximum')}\n    reason: Capped.\n",
    )
    text, code = run_diff(str(SPEC), str(new_path), repo=ROOT, waivers=waivers, fmt="json")
    assert code == 0
    assert json.loads(text)["changes"][0]["waived_by"] == "Capped."
    with pytest.raises(SpecSourceError):
        run_diff("no-such-rev-42", str(new_path), repo=ROOT, waivers=absent, fmt="json")


def test_read_spec_rejects_what_validate_rejects(tmp_path: Path) -> None:
    # Once a defect: the diff read specs with plain yaml.safe_load, which keeps the last of two
    # equal keys without a word; it now reads them as `validate` does, located.
    path = tmp_path / "twice.yaml"
    path.write_text("openapi: 3.0.3\ninfo: {}\ninfo: {}\npaths: {}\n", encoding="utf-8")
    with pytest.raises(
        SpecSourceError, match=r"twice\.yaml:3: error \[yaml\] #/info: duplicate key"
    ):
        read_spec(str(path), repo=ROOT)
