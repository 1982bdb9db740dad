"""specreview.docpage: the text reader on the seed doc page and on small synthetic pages."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specreview.docpage import (
    DocErrorExample,
    DocField,
    DocPage,
    DocPageError,
    DocStatus,
    read_text_page,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "openapi" / "doc" / "start-smart-live.zh.txt"

TABLES: dict[int, tuple[str, tuple[str, ...]]] = {
    1: ("路径参数", ("project_id", "room_id")),
    2: (
        "请求Header参数",
        ("X-Auth-Token", "Authorization", "X-Sdk-Date", "X-Project-Id", "X-App-UserId"),
    ),
    3: (
        "请求Body参数",
        (
            "video_config",
            "play_policy",
            "output_urls",
            "stream_keys",
            "interaction_callback_url",
            "live_event_callback_config",
            "rtc_callback_config",
            "view_mode",
            "co_streamer_config",
            "job_run_config",
        ),
    ),
    4: (
        "VideoConfig",
        (
            "clip_mode",
            "codec",
            "bitrate",
            "width",
            "height",
            "frame_rate",
            "is_subtitle_enable",
            "subtitle_config",
            "disable_system_watermark",
            "dx",
            "dy",
            "is_enable_super_resolution",
            "is_end_at_first_frame",
            "output_external_url",
            "is_vocabulary_config_enable",
        ),
    ),
    5: (
        "SubtitleConfig",
        (
            "dx",
            "dy",
            "h",
            "w",
            "font_name",
            "font_size",
            "font_color",
            "stroke_color",
            "stroke_thickness",
            "opacity",
            "sha256_font_enable",
        ),
    ),
    6: (
        "PlayPolicy",
        (
            "repeat_count",
            "auto_play_script",
            "play_mode",
            "random_play_mode",
            "need_independent_capture_client",
            "live_exit_config",
            "is_rewrite_delay",
        ),
    ),
    7: (
        "LiveExitConfig",
        ("max_live_duration", "auto_stop_mode", "max_exception_waiting_duration"),
    ),
    8: (
        "LiveEventCallBackConfig",
        ("live_event_type_callback_url", "auth_type", "key", "callback_event_type"),
    ),
    9: ("RTCLiveEventCallBackConfig", ("rtc_callback_event_type",)),
    10: ("CoStreamerConfig", ("voice_config", "streamer_action")),
    11: ("VoiceConfig", ("voice_asset_id", "speed", "pitch", "volume")),
    12: ("LiveJobRunConfig", ("allow_resource_type", "single_job_in_room")),
    13: ("响应Header参数", ("X-Request-Id",)),
    14: (
        "响应Body参数",
        (
            "job_id",
            "rtc_room_info",
            "live_event_report_url",
            "live_event_callback_config",
            "live_warning_info",
            "limit_duration",
        ),
    ),
    15: ("RTCRoomInfoList", ("app_id", "room_id", "users")),
    16: ("RTCUserInfo", ("user_type", "user_id", "signature", "ctime")),
    17: (
        "LiveEventCallBackConfig",
        ("live_event_type_callback_url", "auth_type", "key", "callback_event_type"),
    ),
    18: ("LiveWarningItem", ("warning_type",)),
    19: ("响应Body参数", ("error_code", "error_msg")),
    20: ("响应Body参数", ("error_code", "error_msg")),
    21: ("响应Body参数", ("error_code", "error_msg")),
}


@cache
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@cache
def seed_page() -> DocPage:
    return read_text_page(seed_text())


@pytest.fixture
def page() -> DocPage:
    return seed_page()


def field(page: DocPage, table: int, name: str) -> DocField:
    return page.table(table).field(name)


# -- the seed page --------------------------------------------------------------------------------


def test_page_header(page: DocPage) -> None:
    assert page.title == "启动数字人智能直播任务"
    assert page.updated == "2025-06-17 GMT+08:00"
    assert (page.method, page.path) == (
        "POST",
        "/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs",
    )


def test_all_21_tables_with_their_fields_in_order(page: DocPage) -> None:
    found = {t.number: (t.name, t.field_names) for t in page.tables}
    assert found == TABLES
    assert [t.number for t in page.tables] == sorted(TABLES)


def test_table_columns_and_status_codes(page: DocPage) -> None:
    request, response = ("参数", "是否必选", "参数类型", "描述"), ("参数", "参数类型", "描述")
    for table in page.tables:
        assert table.columns == (request if table.number <= 12 else response), table.number
    statuses = {t.number: t.status_code for t in page.tables}
    assert statuses == {
        **dict.fromkeys(range(1, 13)),
        **dict.fromkeys(range(13, 19), 202),
        19: 400,
        20: 401,
        21: 500,
    }


def test_required_is_unknown_everywhere(page: DocPage) -> None:
    """The dump lost the values of the 是否必选 column."""
    assert {f.required for t in page.tables for f in t.fields} == {None}


def test_types_as_the_doc_spells_them(page: DocPage) -> None:
    types = {f.type for t in page.tables for f in t.fields}
    assert {"String", "Integer", "Long", "Float", "Boolean", "Array of strings"} <= types
    assert field(page, 3, "video_config").type == "VideoConfig object"
    assert field(page, 14, "live_warning_info").type == "Array of LiveWarningItem objects"
    assert field(page, 15, "users").type == "Array of RTCUserInfo objects"
    assert field(page, 16, "ctime").type == "Long"
    assert field(page, 5, "opacity").type == "Float"


@pytest.mark.parametrize(
    ("table", "name", "expected"),
    [
        (4, "bitrate", {"type": "Integer", "minimum": 40, "maximum": 30000, "default": None}),
        (4, "width", {"minimum": 0, "maximum": 3840}),
        (4, "dx", {"minimum": -1920, "maximum": 3840}),
        (4, "frame_rate", {"type": "String", "default": "25", "minimum": None}),
        (4, "codec", {"enum": ("H264", "VP8", "QTRLE"), "default": None}),
        (4, "clip_mode", {"enum": ("RESIZE", "CROP"), "default": "RESIZE"}),
        (4, "is_subtitle_enable", {"enum": ("true", "false"), "default": "false"}),
        (4, "is_vocabulary_config_enable", {"default": "true"}),
        (4, "output_external_url", {"enum": (), "default": None, "max_length": None}),
        (6, "repeat_count", {"minimum": -1, "maximum": 100, "default": "0", "enum": ()}),
        (6, "is_rewrite_delay", {"default": "false"}),  # 默认取值 stated twice
        (5, "font_color", {"min_length": 0, "max_length": 7, "default": "#FFFFFF"}),
        (5, "stroke_color", {"min_length": 0, "max_length": 7, "default": None}),
        (5, "font_name", {"min_length": 0, "max_length": 64, "default": "HarmonyOS_Sans_SC_Black"}),
        (5, "font_size", {"minimum": 0, "maximum": 120, "default": "54"}),
        (5, "stroke_thickness", {"minimum": 0, "maximum": 50, "default": None}),  # 取值范围 twice
        (5, "opacity", {"minimum": 0, "maximum": 1, "default": "1"}),
        (3, "view_mode", {"enum": ("LANDSCAPE", "VERTICAL"), "default": "VERTICAL"}),
        (3, "output_urls", {"type": "Array of strings", "max_items": 1, "default": None}),
        (3, "stream_keys", {"max_items": 1}),
        (3, "interaction_callback_url", {"min_length": 0, "max_length": 2048}),
        (7, "max_live_duration", {"minimum": 0, "maximum": 168, "default": "不设置则表示不限时。"}),
        (
            7,
            "auto_stop_mode",
            {
                "enum": ("FORCE_EXIT", "SEGMENT_END", "SCENE_END", "SCRIPT_END"),
                "default": "不设置则表示FORCE_EXIT。",
            },
        ),
        (
            8,
            "auth_type",
            {"enum": ("NONE", "MSS_A", "MSS_A_HEAD", "MEITUAN_DEFAULT"), "default": "NONE"},
        ),
        (8, "key", {"min_length": 0, "max_length": 32}),
        (
            8,
            "callback_event_type",
            {"enum": ("SHOOT_SCRIPT_SWITCH", "RTMP_STREAM_STATE_CHANGE", "REPLY_COMMAND_FINISH")},
        ),
        (9, "rtc_callback_event_type", {"enum": ("LIVE_PROGRESS", "REPLY_COMMAND_FINISH")}),
        (10, "streamer_action", {"enum": ("SILENCE", "VOLUME_DOWN"), "default": None}),
        (11, "voice_asset_id", {"min_length": 1, "max_length": 256}),
        (11, "volume", {"minimum": 90, "maximum": 240, "default": "140"}),
        (
            12,
            "allow_resource_type",
            {"enum": ("PERIOD", "ONDEMAND", "UNLIMITED", "ONE_TIME"), "default": "UNLIMITED"},
        ),
        (12, "single_job_in_room", {"enum": ("true", "false"), "default": "false"}),
        (
            16,
            "user_type",
            {"enum": ("CAPTURE", "ANIMATION", "RENDER", "PLAYER", "INFERENCE_USER", "END_USER")},
        ),
        (16, "ctime", {"type": "Long", "minimum": 0, "maximum": 4294967295}),
        (14, "limit_duration", {"minimum": 0, "maximum": 168, "default": "不设置则表示不限时。"}),
        (
            18,
            "warning_type",
            {
                "enum": (
                    "TOO_LESSS_SCRIPT_ITEMS",
                    "TOO_SHORT_SCRIPT_TIME",
                    "TOO_LESS_DANMAKU_RULES",
                    "RANDOM_PLAY_CLOSED",
                    "ROTATION_MODEL_CLOSED",
                )
            },
        ),
    ],
)
def test_field_values(page: DocPage, table: int, name: str, expected: dict[str, object]) -> None:
    f = field(page, table, name)
    actual = {key: getattr(f, key) for key in expected}
    assert actual == expected, f"表{table} {name}"


def test_integer_bounds_are_ints(page: DocPage) -> None:
    ctime = field(page, 16, "ctime")
    assert isinstance(ctime.maximum, int) and ctime.maximum == 2**32 - 1


def test_callback_examples_are_description_not_fields(page: DocPage) -> None:
    for number in (8, 9, 17):
        names = page.table(number).field_names
        assert not {"event_type", "message", "message_type", "data", "room_id", "reply_id"} & set(
            names
        )
    description = field(page, 8, "callback_event_type").description
    assert '"event_type":  "SHOOT_SCRIPT_SWITCH",' in description
    assert "其中state取值" in description
    assert (
        '"message_type": "reply_command_finish_notify",'
        in field(page, 9, "rtc_callback_event_type").description
    )


def test_description_is_the_fields_text(page: DocPage) -> None:
    bitrate = field(page, 4, "bitrate")
    assert bitrate.description.splitlines() == [
        "参数解释",
        "输出平均码率。单位:kbps。",
        "约束限制",
        "• 分身数字人视频制作采用质量优先,可能会超过设置的码率。",
        "• 分身数字人直播码率范围[1000, 8000]。",
        "默认取值",
        "不涉及",
        "取值范围:",
        "40-30000",
    ]
    assert field(page, 1, "room_id").description == "直播间ID。"
    assert field(page, 21, "error_msg").description == "错误描述。"


def test_field_lines_point_into_the_page(page: DocPage) -> None:
    lines = seed_text().splitlines()
    for table in page.tables:
        assert lines[table.line - 1].startswith(f"表{table.number}")
        for f in table.fields:
            assert lines[f.line - 1] == f.name


def test_status_codes_and_error_examples(page: DocPage) -> None:
    assert page.status_codes == (
        DocStatus(202, "成功。"),
        DocStatus(400, "请求传参异常,包含错误码及对应描述。"),
        DocStatus(401, "未鉴权或鉴权失败。"),
        DocStatus(500, "内部服务错误。"),
    )
    assert page.error_examples == (
        DocErrorExample(400, "MSS.00000003", "Invalid parameter"),
        DocErrorExample(401, "MSS.00000001", "Unauthorized"),
        DocErrorExample(500, "MSS.00000004", "Internal Error"),
    )


def test_lookups_name_what_is_missing(page: DocPage) -> None:
    with pytest.raises(KeyError, match="表99"):
        page.table(99)
    with pytest.raises(KeyError, match="nope"):
        page.table(4).field("nope")


def test_windows_line_endings_and_bom_read_the_same(page: DocPage) -> None:
    assert read_text_page("\ufeff" + seed_text().replace("\n", "\r\n")) == page


# -- synthetic pages ------------------------------------------------------------------------------

HEAD = [
    "菜单",
    "",
    "查询任务",
    "",
    "更新时间:2025-01-01 GMT+08:00",
    "",
    "URI",
    "",
    "GET /v1/{project_id}/jobs",
    "",
]
REQUEST_TABLE = [
    "表1 查询参数",
    "",
    "参数",
    "",
    "是否必选",
    "",
    "参数类型",
    "",
    "描述",
    "",
    "project_id",
    "",
    "是",
    "",
    "String",
    "",
    "项目ID。",
    "",
    "limit",
    "",
    "否",
    "",
    "Integer",
    "",
    "参数解释",
    "",
    "条数。",
    "",
    "取值范围:",
    "",
    "1-100",
    "",
    "默认取值:",
    "",
    "10",
    "",
    "mode",
    "",
    "String",
    "",
    "取值范围",
    "",
    "  • FAST:快。",
    "",
    "  • SLOW",
    "",
    "字符长度1-8位",
    "",
    "默认取值",
    "",
    "不涉及。",
    "",
]
RESPONSE = [
    "响应参数",
    "",
    "状态码:400",
    "",
    "表2 响应Body参数",
    "",
    "参数",
    "",
    "参数类型",
    "",
    "描述",
    "",
    "error_code",
    "",
    "String",
    "",
    "错误码。",
    "",
    "请求示例",
    "",
    "无",
    "",
    "响应示例",
    "",
    "状态码:400",
    "",
    "参数错误。",
    "",
    "{",
    '  "error_code" : "X.1",',
    '  "error_msg" : "bad"',
    "}",
    "",
]
STATUS = [
    "状态码",
    "",
    "状态码",
    "",
    "描述",
    "",
    "200",
    "",
    "成功。",
    "",
    "400",
    "",
    "参数错误。",
    "",
    "错误码",
    "",
]


def synthetic(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part)


def error_of(text: str) -> DocPageError:
    with pytest.raises(DocPageError) as caught:
        read_text_page(text)
    error = caught.value
    assert str(error).startswith(f"line {error.line}: "), str(error)
    return error


def line_of(text: str, exact: str, occurrence: int = 1) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if line == exact]
    return hits[occurrence - 1]


def test_a_small_page_with_required_values() -> None:
    doc = read_text_page(synthetic(HEAD, REQUEST_TABLE, RESPONSE, STATUS))
    assert (doc.title, doc.method, doc.path) == ("查询任务", "GET", "/v1/{project_id}/jobs")
    query = doc.table(1)
    assert query.field_names == ("project_id", "limit", "mode")
    assert [f.required for f in query.fields] == [True, False, None]
    limit = query.field("limit")
    assert (limit.type, limit.minimum, limit.maximum, limit.default) == ("Integer", 1, 100, "10")
    mode = query.field("mode")
    assert (mode.enum, mode.min_length, mode.max_length, mode.default) == (
        ("FAST", "SLOW"),
        1,
        8,
        None,
    )
    assert doc.table(2).status_code == 400 and doc.table(2).columns == ("参数", "参数类型", "描述")
    assert doc.status_codes == (DocStatus(200, "成功。"), DocStatus(400, "参数错误。"))
    assert doc.error_examples == (DocErrorExample(400, "X.1", "bad"),)


def test_not_a_doc_page() -> None:
    error = error_of("hello\nworld\n表1 something\n")
    assert error.line == 1 and "not a doc page" in str(error)
    assert error_of("").line == 1


def test_a_page_without_tables() -> None:
    text = synthetic(HEAD, STATUS)
    error = error_of(text)
    assert error.line == line_of(text, "更新时间:2025-01-01 GMT+08:00")
    assert "no parameter table" in str(error)


def test_a_page_cut_inside_a_table() -> None:
    text = synthetic(HEAD, REQUEST_TABLE[:30])
    error = error_of(text)
    assert error.line == len(text.splitlines())
    assert "truncated page" in str(error) and "表1 查询参数" in str(error)


def test_a_page_cut_inside_a_header_row() -> None:
    text = synthetic(HEAD, REQUEST_TABLE[:6])
    error = error_of(text)
    assert "truncated page" in str(error) and "header row" in str(error)


def test_a_page_cut_before_the_status_codes() -> None:
    text = synthetic(HEAD, REQUEST_TABLE, RESPONSE)
    error = error_of(text)
    assert error.line == len(text.splitlines())
    assert "truncated page" in str(error) and "status-code table" in str(error)


def test_a_table_without_fields() -> None:
    text = synthetic(HEAD, REQUEST_TABLE[:10], ["请求参数", ""], RESPONSE, STATUS)
    error = error_of(text)
    assert error.line == line_of(text, "表1 查询参数")
    assert "has no fields" in str(error)


def test_a_table_with_a_wrong_header_row() -> None:
    text = synthetic(HEAD, ["表1 查询参数", "", "名称", ""], REQUEST_TABLE[10:], RESPONSE, STATUS)
    error = error_of(text)
    assert error.line == line_of(text, "名称")
    assert "header row" in str(error)


def test_text_before_the_first_field() -> None:
    text = synthetic(
        HEAD, REQUEST_TABLE[:10], ["这不是字段", ""], REQUEST_TABLE[10:], RESPONSE, STATUS
    )
    error = error_of(text)
    assert error.line == line_of(text, "这不是字段")


def test_conflicting_ranges() -> None:
    body = REQUEST_TABLE[:36] + ["取值范围:", "", "1-50", ""] + REQUEST_TABLE[36:]
    text = synthetic(HEAD, body, RESPONSE, STATUS)
    error = error_of(text)
    assert error.line == line_of(text, "1-50")
    assert "conflicting" in str(error) and "limit" in str(error)


def test_a_repeated_table() -> None:
    text = synthetic(HEAD, REQUEST_TABLE, REQUEST_TABLE, RESPONSE, STATUS)
    error = error_of(text)
    assert error.line == line_of(text, "表1 查询参数", 2)


def test_a_repeated_field() -> None:
    text = synthetic(HEAD, REQUEST_TABLE, REQUEST_TABLE[36:], RESPONSE, STATUS)
    error = error_of(text)
    assert error.line == line_of(text, "mode", 2)


def test_an_invalid_error_example() -> None:
    text = synthetic(
        HEAD, REQUEST_TABLE, [line.replace('"bad"', "bad") for line in RESPONSE], STATUS
    )
    error = error_of(text)
    assert error.line == line_of(text, "{") and "not valid JSON" in str(error)


def test_a_status_row_without_description() -> None:
    text = synthetic(HEAD, REQUEST_TABLE, RESPONSE, STATUS[:8])
    error = error_of(text)
    assert error.line == line_of(text, "200")


# -- robustness: truncations and shuffled lines give a DocPage or a DocPageError, nothing else --


def test_every_truncation_of_the_seed_is_an_error_until_the_status_table() -> None:
    lines = seed_text().splitlines()
    status_table_end = line_of(seed_text(), "内部服务错误。", 2)
    for cut in range(0, len(lines), 11):
        text = "\n".join(lines[:cut])
        try:
            read_text_page(text)
        except DocPageError as error:
            assert cut < status_table_end, f"cut at {cut}: {error}"
            assert 1 <= error.line <= max(cut, 1), f"cut at {cut}: {error}"
            assert re.match(r"line \d+: ", str(error))
        else:
            assert cut >= status_table_end, f"a page cut at line {cut} was read without error"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(seed_text().splitlines()[420:2160] or ["x"]), max_size=200))
def test_shuffled_seed_lines_never_raise_anything_else(lines: list[str]) -> None:
    try:
        read_text_page("\n".join(["标题", "更新时间:2025", *lines, *STATUS]))
    except DocPageError as error:
        assert re.match(r"line \d+: ", str(error))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_page_or_a_doc_page_error(text: str) -> None:
    try:
        read_text_page(text)
    except DocPageError as error:
        assert re.match(r"line \d+: ", str(error))
