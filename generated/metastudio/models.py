# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, RootModel

from metastudio._base_model import BaseModel


class CleanUpInsertCommandCommand(BaseModel):
    """
    ControlSmartLiveReq for CLEAN_UP_INSERT_COMMAND: Clear the inserted commands not yet played (清理未播放的插入命令); params are a CleanUpInsertCommand.
    """

    command: Literal["CLEAN_UP_INSERT_COMMAND"]
    """
    Command name (命令名称): CLEAN_UP_INSERT_COMMAND.
    """
    params: dict[str, Any] | None = None
    """
    Command params (命令参数), a free-form object: no source defines their fields.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class CoStreamerConfig(BaseModel):
    """
    Co-streamer (assistant host) configuration (表10 CoStreamerConfig).
    """

    voice_config: VoiceConfig | None = None
    """
    Voice of the co-streamer (语音配置参数).
    """
    streamer_action: Literal["SILENCE", "VOLUME_DOWN"] | None = None
    """
    What the main streamer does while the co-streamer speaks. SILENCE: silent; VOLUME_DOWN: lower volume.
    """


class ErrorResponse(BaseModel):
    """
    Error body of the 400, 401 and 500 responses (表19, 表20, 表21).
    """

    error_code: Annotated[str | None, Field(examples=["MSS.00000003"])] = None
    """
    Error code (错误码), e.g. MSS.00000003.
    """
    error_msg: Annotated[str | None, Field(examples=["Invalid parameter"])] = None
    """
    Error message (错误描述).
    """


class ExecuteSmartLiveCommandResponse(BaseModel):
    """
    Body of ExecuteSmartLiveCommand's 200 response.
    """

    command_id: str | None = None
    """
    Command ID (控制命令ID).
    """
    command: (
        Literal[
            "INSERT_PLAY_SCRIPT",
            "REWRITE_PLAY_SCRIPT",
            "INSERT_PLAY_AUDIO",
            "GET_CURRENT_PLAYING_SCRIPTS",
            "REFRESH_OUTPUT_URL",
            "REWRITE_INTERACTION_RULES",
            "GET_LIVE_JOB_CONFIG_INFO",
            "CLEAN_UP_INSERT_COMMAND",
            "RESET_EXIT_CONFIG",
        ]
        | None
    ) = None
    """
    Command name (命令名称).
    """
    result: str | None = None
    """
    Result of the command (命令执行结果), a JSON-encoded string for the commands that answer with data.
    """


class GetCurrentPlayingScriptsCommand(BaseModel):
    """
    ControlSmartLiveReq for GET_CURRENT_PLAYING_SCRIPTS: Query this round's script list (查询本轮剧本列表); the result is a LivePlayingScriptList.
    """

    command: Literal["GET_CURRENT_PLAYING_SCRIPTS"]
    """
    Command name (命令名称): GET_CURRENT_PLAYING_SCRIPTS.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class GetLiveJobConfigInfoCommand(BaseModel):
    """
    ControlSmartLiveReq for GET_LIVE_JOB_CONFIG_INFO: Get the room information the job runs with (获取任务中的房间信息).
    """

    command: Literal["GET_LIVE_JOB_CONFIG_INFO"]
    """
    Command name (命令名称): GET_LIVE_JOB_CONFIG_INFO.
    """
    params: dict[str, Any] | None = None
    """
    Command params (命令参数), a free-form object: no source defines their fields.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class InsertPlayAudioCommand(BaseModel):
    """
    ControlSmartLiveReq for INSERT_PLAY_AUDIO: Insert a driving audio, for audio-driven play; the avatar and background stay (插入驱动音频).
    """

    command: Literal["INSERT_PLAY_AUDIO"]
    """
    Command name (命令名称): INSERT_PLAY_AUDIO.
    """
    params: PlayAudioInfo | None = None
    """
    Command params (命令参数): a PlayAudioInfo.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class InsertPlayScriptCommand(BaseModel):
    """
    ControlSmartLiveReq for INSERT_PLAY_SCRIPT: Insert a performance script, for interactive replies; the avatar and background stay (插入表演脚本).
    """

    command: Literal["INSERT_PLAY_SCRIPT"]
    """
    Command name (命令名称): INSERT_PLAY_SCRIPT.
    """
    params: PlayTextInfo | None = None
    """
    Command params (命令参数): a PlayTextInfo.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class ListSmartLiveResponse(BaseModel):
    """
    Body of ListSmartLive's 200 response: the total and a page of jobs.
    """

    count: int | None = None
    """
    Total number of jobs that match (数字人直播任务总数).
    """
    smart_live_jobs: list[SmartLiveJob] | None = None
    """
    The jobs of this page (数字人直播任务列表).
    """


class LiveEventCallBackConfig(BaseModel):
    """
    HTTPS callback configuration for live events (表8 LiveEventCallBackConfig in the request; 表17, the same fields, in the 202 response).
    """

    live_event_type_callback_url: Annotated[
        str | None,
        Field(json_schema_extra={"secret": True}, max_length=2048, min_length=0),
    ] = None
    """
    Live event callback address; an https address. Secret: it may carry authentication, never logged.
    """
    auth_type: Literal["NONE", "MSS_A", "MSS_A_HEAD", "MEITUAN_DEFAULT"] = "NONE"
    """
    Authentication of callbacks. NONE: the URL carries its own authentication; MSS_A: HMAC-SHA256 signature, hwSecret and hwTime appended to the URL's query, hwSecret=hmac_sha256(key, URI(live_event_callback_url) + hwTime), hwTime=hex(timestamp); MSS_A_HEAD: the same signature in the headers x-hw-mss-secret and x-hw-mss-time; MEITUAN_DEFAULT: only for callbacks to the Meituan platform.
    """
    key: Annotated[
        str | None,
        Field(json_schema_extra={"secret": True}, max_length=32, min_length=0),
    ] = None
    """
    Secret key for the callback signature. Secret: never logged.
    """
    callback_event_type: (
        list[
            Literal[
                "SHOOT_SCRIPT_SWITCH",
                "RTMP_STREAM_STATE_CHANGE",
                "REPLY_COMMAND_FINISH",
            ]
        ]
        | None
    ) = None
    """
    Live event types to call back. SHOOT_SCRIPT_SWITCH: the script paragraph changed; RTMP_STREAM_STATE_CHANGE: the RTMP link changed; REPLY_COMMAND_FINISH: a reply finished playing. Each callback is a LiveEventCallback envelope.
    """


class LiveEventCallback(BaseModel):
    """
    Body of a live event callback (回调事件结构体, 表8): the event type and a JSON string whose decoded shape depends on it (see x-message-schemas).
    """

    event_type: (
        Literal["SHOOT_SCRIPT_SWITCH", "RTMP_STREAM_STATE_CHANGE", "REPLY_COMMAND_FINISH"] | None
    ) = None
    """
    Event type (事件类型).
    """
    message: str | None = None
    """
    Event description (事件描述): a JSON-encoded object, ShootScriptSwitchMessage, RtmpStreamStateChangeMessage or ReplyCommandFinishMessage by event_type.
    """


class LiveExitConfig(BaseModel):
    """
    Exit configuration of the live job (表7 LiveExitConfig).
    """

    max_live_duration: Annotated[int | None, Field(ge=0, le=168)] = None
    """
    Maximum live duration in hours: n stops the live n hours after it starts. At most 168 (one week); 0 means no limit, and so does leaving it unset. With auto_stop_mode FORCE_EXIT the stop comes within 5 minutes; other modes add their processing time.
    """
    auto_stop_mode: Literal["FORCE_EXIT", "SEGMENT_END", "SCENE_END", "SCRIPT_END"] = "FORCE_EXIT"
    """
    How the live stops automatically. FORCE_EXIT: stop at once, nothing else; SEGMENT_END: at the end of the paragraph; SCENE_END: at the end of the scene; SCRIPT_END: at the end of the script. Unset means FORCE_EXIT.
    """
    max_exception_waiting_duration: Annotated[int | None, Field(ge=0, le=60)] = None
    """
    Maximum wait after an exception, in minutes: n stops the live n minutes after an exception is detected. At most 60 (one hour); 0 means no limit. Unset means the system default, now 3 minutes, which the service may adjust.
    """


class LiveJobLog(BaseModel):
    """
    Record files of a live job (LiveJobLog).
    """

    interaction_records_url: str | None = None
    """
    Address of the live interaction record file (直播互动记录文件地址).
    """
    job_config_records_url: str | None = None
    """
    Address of the job configuration record file (任务配置记录文件地址).
    """
    scripts_records_url: str | None = None
    """
    Address of the script playback record file (剧本播放记录文件地址).
    """
    command_reviced_records_url: str | None = None
    """
    Address of the received-commands record file (命令接受记录文件地址); the field name is spelled so on the wire.
    """
    command_exec_records_url: str | None = None
    """
    Address of the executed-commands record file (命令执行记录文件地址).
    """


class LiveJobRunConfig(BaseModel):
    """
    Run configuration of the live job (表12 LiveJobRunConfig).
    """

    allow_resource_type: Literal["PERIOD", "ONDEMAND", "UNLIMITED", "ONE_TIME"] = "UNLIMITED"
    """
    Resource types the job may use. PERIOD: yearly/monthly resources; ONDEMAND: pay-per-use resources; UNLIMITED: any type; ONE_TIME: one-off resources.
    """
    single_job_in_room: bool = False
    """
    Whether a live room allows only one running job. true: only one; false: no limit on running jobs.
    """


class LiveWarningItem(BaseModel):
    """
    A live-start risk warning (表18 LiveWarningItem).
    """

    warning_type: (
        Literal[
            "TOO_LESSS_SCRIPT_ITEMS",
            "TOO_SHORT_SCRIPT_TIME",
            "TOO_LESS_DANMAKU_RULES",
            "RANDOM_PLAY_CLOSED",
            "ROTATION_MODEL_CLOSED",
        ]
        | None
    ) = None
    """
    Warning type. TOO_LESSS_SCRIPT_ITEMS: too few paragraphs (the wire value is spelled with three S); TOO_SHORT_SCRIPT_TIME: the paragraphs are too short in total; TOO_LESS_DANMAKU_RULES: too few bullet-comment interaction rules; RANDOM_PLAY_CLOSED: random playback is off; ROTATION_MODEL_CLOSED: host rotation is not configured.
    """


class PlatformLiveDetailInfo(BaseModel):
    """
    The live platform a job is linked to (PlatformLiveDetailInfo).
    """

    platform_id: str | None = None
    """
    Live platform ID (直播平台ID).
    """
    platform: str | None = None
    """
    Live platform (直播平台), e.g. meituan.
    """
    account: str | None = None
    """
    Authorised account (授权账号信息); Meituan: opBizCode.
    """
    live_id: str | None = None
    """
    Live ID (直播ID); when set, paragraph-switch callbacks carry it. Meituan: liveId.
    """


class PlayAudioInfo(BaseModel):
    """
    Params of INSERT_PLAY_AUDIO (PlayAudioInfo): the audio that drives the avatar.
    """

    audio_url: Annotated[str | None, Field(max_length=2048, min_length=0)] = None
    """
    URL of the driving audio (音频URL).
    """
    play_type: Annotated[
        Literal["APPEND", "INSERT", "PLAY_NOW"], Field(max_length=32, min_length=0)
    ] = "APPEND"
    """
    Play type (播放类型): APPEND, INSERT or PLAY_NOW.
    """
    play_role: Literal["STREAMER", "CO_STREAMER"] | None = None
    """
    Playing role (播放角色): STREAMER, the host, or CO_STREAMER, the co-streamer.
    """


class PlayPolicy(BaseModel):
    """
    Script playback policy (表6 PlayPolicy).
    """

    repeat_count: Annotated[int, Field(ge=-1, le=100)] = 0
    """
    How many times the script repeats. -1: repeat until stopped by hand; 0: play once, no repeat; any other n: play n+1 times.
    """
    auto_play_script: bool = True
    """
    Whether the script plays automatically. true: play once the job is initialised; false: wait for a signal after initialisation.
    """
    play_mode: Literal["TEXT", "AUDIO", "NO_PRESET"] = "TEXT"
    """
    Drive mode. TEXT: text-driven, speech synthesised by TTS; AUDIO: audio-driven; NO_PRESET: no preset script, manual control.
    """
    random_play_mode: Literal["NONE", "SCENE", "SCRIPT_ITEM", "SCENE_AND_SCRIPT_ITEM"] = (
        "SCRIPT_ITEM"
    )
    """
    Random playback, from the second round on. NONE: no random playback; SCENE: scenes in random order, paragraphs in order; SCRIPT_ITEM: paragraphs in random order, scenes in order; SCENE_AND_SCRIPT_ITEM: both random.
    """
    need_independent_capture_client: bool = False
    """
    Whether a separate capture client is needed, for set-ups that separate playback from commands. true: two RTC users are allocated, CAPTURE and PLAYER; false: only PLAYER.
    """
    live_exit_config: LiveExitConfig | None = None
    """
    When and how the live job exits (直播任务退出配置).
    """
    is_rewrite_delay: bool = False
    """
    Whether dynamic edits of not-yet-played script take effect from the next round. true: next round; false: at once.
    """


class PlayTextInfo(BaseModel):
    """
    Params of INSERT_PLAY_SCRIPT (PlayTextInfo): the text to speak and how to play it.
    """

    text_config: TextConfig | None = None
    """
    The text to speak (TextConfig).
    """
    play_type: Annotated[
        Literal["APPEND", "INSERT", "PLAY_NOW"], Field(max_length=32, min_length=0)
    ] = "PLAY_NOW"
    """
    Play type (播放类型): APPEND, INSERT or PLAY_NOW.
    """
    play_role: Annotated[Literal["STREAMER", "CO_STREAMER"], Field(max_length=32, min_length=0)] = (
        "STREAMER"
    )
    """
    Playing role (播放角色): STREAMER, the host, or CO_STREAMER, the co-streamer.
    """
    rule_index: Annotated[str | None, Field(max_length=64, min_length=0)] = None
    """
    Index of the interaction rule that triggered the reply (互动规则序号), from the interaction callback.
    """


class RTCLiveEventCallBackConfig(BaseModel):
    """
    RTC callback event configuration (表9 RTCLiveEventCallBackConfig).
    """

    rtc_callback_event_type: list[Literal["LIVE_PROGRESS", "REPLY_COMMAND_FINISH"]] | None = None
    """
    Live event types notified over RTC. LIVE_PROGRESS: script progress (message_type live_progress_notify, data with script_name, shoot_script_sequence_no, shoot_script_title, offset, reply_id); REPLY_COMMAND_FINISH: a reply finished playing (message_type reply_command_finish_notify, data with reply_id).
    """


class RTCRoomInfoList(BaseModel):
    """
    RTC room information (表15 RTCRoomInfoList).
    """

    app_id: str | None = None
    """
    RTC application ID.
    """
    room_id: str | None = None
    """
    RTC room ID.
    """
    users: list[RTCUserInfo] | None = None
    """
    Users that join the RTC room.
    """


class RTCUserInfo(BaseModel):
    """
    An RTC user (表16 RTCUserInfo).
    """

    user_type: (
        Literal["CAPTURE", "ANIMATION", "RENDER", "PLAYER", "INFERENCE_USER", "END_USER"] | None
    ) = None
    """
    User type. CAPTURE: the live assistant, pushes the camera stream into the RTC room; ANIMATION: the VDS service, pulls the stream and makes motion data; RENDER: the render service, renders motion data into the avatar animation; PLAYER: an ordinary viewer of the original or the avatar stream; INFERENCE_USER: the avatar inference user, receives audio and pushes video; END_USER: a device-side user, pushes audio and receives video.
    """
    user_id: str | None = None
    """
    RTC user ID.
    """
    signature: Annotated[str | None, Field(json_schema_extra={"secret": True})] = None
    """
    RTC authentication token. Secret: never logged.
    """
    ctime: Annotated[int | None, Field(ge=0, le=4294967295)] = None
    """
    Expiry time of the signature, a Unix timestamp in seconds.
    """


class RefreshOutputUrlCommand(BaseModel):
    """
    ControlSmartLiveReq for REFRESH_OUTPUT_URL: Update the job's RTMP output address and stream key (更新当前任务的rtmp推流信息); params are a RefreshOutputUrlConfig.
    """

    command: Literal["REFRESH_OUTPUT_URL"]
    """
    Command name (命令名称): REFRESH_OUTPUT_URL.
    """
    params: dict[str, Any] | None = None
    """
    Command params (命令参数), a free-form object: no source defines their fields.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class ReplyCommandFinishMessage(BaseModel):
    """
    Decoded message of a REPLY_COMMAND_FINISH callback (表8).
    """

    room_id: Annotated[str | None, Field(examples=["26f065244f754b3aa853b649a21aaf66"])] = None
    """
    Live room ID.
    """
    job_id: Annotated[str | None, Field(examples=["e87104f76d7546ce8a46ac6b04c49c3c"])] = None
    """
    Live job ID.
    """
    reply_id: Annotated[str | None, Field(examples=["e87104f76d7546ce8a46ac6b04c49c3c"])] = None
    """
    ID of the reply that finished playing.
    """


class ResetExitConfigCommand(BaseModel):
    """
    ControlSmartLiveReq for RESET_EXIT_CONFIG: Reset the exit rules (重置退出参数); params are a LiveExitConfig.
    """

    command: Literal["RESET_EXIT_CONFIG"]
    """
    Command name (命令名称): RESET_EXIT_CONFIG.
    """
    params: LiveExitConfig | None = None
    """
    Command params (命令参数): a LiveExitConfig.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class ReviewConfig(BaseModel):
    """
    Content review settings of a command (ReviewConfig).
    """

    no_need_review: bool | None = None
    """
    Skip content review (免审核); only allow-listed users may; others follow the system's review policy.
    """


class RewriteInteractionRulesCommand(BaseModel):
    """
    ControlSmartLiveReq for REWRITE_INTERACTION_RULES: Rewrite the interaction rules (动态修改互动规则); params are interaction_rules as in CreateSmartLiveRoom.
    """

    command: Literal["REWRITE_INTERACTION_RULES"]
    """
    Command name (命令名称): REWRITE_INTERACTION_RULES.
    """
    params: dict[str, Any] | None = None
    """
    Command params (命令参数), a free-form object: no source defines their fields.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class RewritePlayScriptCommand(BaseModel):
    """
    ControlSmartLiveReq for REWRITE_PLAY_SCRIPT: Rewrite the scripts not yet played (动态编辑未播放剧本); params are scene_scripts as in CreateSmartLiveRoom.
    """

    command: Literal["REWRITE_PLAY_SCRIPT"]
    """
    Command name (命令名称): REWRITE_PLAY_SCRIPT.
    """
    params: dict[str, Any] | None = None
    """
    Command params (命令参数), a free-form object: no source defines their fields.
    """
    review_config: ReviewConfig | None = None
    """
    Content review settings (审核配置).
    """


class ControlSmartLiveReq(
    RootModel[
        InsertPlayScriptCommand
        | RewritePlayScriptCommand
        | InsertPlayAudioCommand
        | RewriteInteractionRulesCommand
        | GetCurrentPlayingScriptsCommand
        | RefreshOutputUrlCommand
        | GetLiveJobConfigInfoCommand
        | CleanUpInsertCommandCommand
        | ResetExitConfigCommand
    ]
):
    root: Annotated[
        InsertPlayScriptCommand
        | RewritePlayScriptCommand
        | InsertPlayAudioCommand
        | RewriteInteractionRulesCommand
        | GetCurrentPlayingScriptsCommand
        | RefreshOutputUrlCommand
        | GetLiveJobConfigInfoCommand
        | CleanUpInsertCommandCommand
        | ResetExitConfigCommand,
        Field(discriminator="command"),
    ]
    """
    Body of ExecuteSmartLiveCommand (ControlSmartLiveReq): a command and the params of that command; the command field tells which params shape applies.
    """


class RtmpStreamStateChangeMessage(BaseModel):
    """
    Decoded message of an RTMP_STREAM_STATE_CHANGE callback (表8).
    """

    room_id: Annotated[str | None, Field(examples=["26f065244f754b3aa853b649a21aaf66"])] = None
    """
    Live room ID.
    """
    job_id: Annotated[str | None, Field(examples=["e87104f76d7546ce8a46ac6b04c49c3c"])] = None
    """
    Live job ID.
    """
    output_url: Annotated[str | None, Field(examples=["rtmp://xxx/xx/xx"])] = None
    """
    The RTMP output address whose link changed.
    """
    stream_key: Annotated[str | None, Field(json_schema_extra={"secret": True})] = None
    """
    The stream key of that address. Secret: never logged.
    """
    state: Literal["CONNECTING", "CONNECTED", "DISCONNECTED", "RECONNECTING", "END"] | None = None
    """
    Link state. CONNECTING: connecting; CONNECTED: connected; DISCONNECTED: disconnected; RECONNECTING: reconnecting; END: no more reconnects, the link has ended.
    """


class ShootScriptSwitchMessage(BaseModel):
    """
    Decoded message of a SHOOT_SCRIPT_SWITCH callback (表8).
    """

    room_id: Annotated[str | None, Field(examples=["26f065244f754b3aa853b649a21aaf66"])] = None
    """
    Live room ID.
    """
    job_id: Annotated[str | None, Field(examples=["e87104f76d7546ce8a46ac6b04c49c3c"])] = None
    """
    Live job ID.
    """
    scene_script_name: Annotated[str | None, Field(examples=["商品1"])] = None
    """
    Name of the scene script.
    """
    shoot_script_sequence_no: Annotated[str | None, Field(examples=["2"])] = None
    """
    Sequence number of the paragraph, as a string.
    """
    shoot_script_title: Annotated[str | None, Field(examples=["段落2"])] = None
    """
    Title of the paragraph.
    """


class SmartLiveJob(BaseModel):
    """
    A smart live job (SmartLiveJob): its state, timings and configuration; the body of ShowSmartLive and each item of ListSmartLive.
    """

    job_id: str | None = None
    """
    Live job ID (数字人直播任务ID).
    """
    room_id: str | None = None
    """
    Live room ID (直播间ID).
    """
    room_name: str | None = None
    """
    Live room name (直播间名称).
    """
    state: Literal["WAITING", "PROCESSING", "SUCCEED", "FAILED", "BLOCKED"] | None = None
    """
    Job state (数字人直播任务的状态): WAITING waiting, PROCESSING live, SUCCEED ended normally, FAILED failed, BLOCKED blocked.
    """
    duration: Annotated[float | None, Field(ge=0.0, le=2147483647.0)] = None
    """
    Live duration in seconds (数字人直播时长，单位秒).
    """
    start_time: str | None = None
    """
    When the job started (开始时间), RFC 3339, e.g. 2021-01-10T08:43:17Z.
    """
    end_time: str | None = None
    """
    When the job ended (结束时间), RFC 3339, e.g. 2021-01-10T08:43:17Z.
    """
    error_info: ErrorResponse | None = None
    """
    Error information of the job (数字人直播任务出错信息).
    """
    create_time: str | None = None
    """
    When the job was created (创建时间), RFC 3339, e.g. 2021-01-10T08:43:17Z.
    """
    lastupdate_time: str | None = None
    """
    When the job was last updated (最后更新时间), RFC 3339, e.g. 2021-01-10T08:43:17Z.
    """
    rtc_room_info: RTCRoomInfoList | None = None
    """
    RTC room information (RTC房间信息).
    """
    live_event_report_url: str | None = None
    """
    Address where the user reports live room events they collect, to trigger smart interaction and automatic replies (直播事件上报地址).
    """
    live_event_callback_config: LiveEventCallBackConfig | None = None
    """
    HTTPS callback configuration for live events (直播事件HTTPS回调通知配置).
    """
    rtc_callback_config: RTCLiveEventCallBackConfig | None = None
    """
    RTC callback event configuration (RTC回调配置).
    """
    stream_duration: float | None = None
    """
    Stream push duration in seconds (数字人直播推流时长，单位秒).
    """
    block_reason: str | None = None
    """
    Why the job was blocked (封禁信息).
    """
    cover_url: str | None = None
    """
    Cover image URL of the live room (直播间封面图URL).
    """
    co_streamer_config: CoStreamerConfig | None = None
    """
    Co-streamer (assistant host) configuration (助播配置).
    """
    live_job_log: LiveJobLog | None = None
    """
    Record files of the job (直播任务记录文件).
    """
    relation_live_platform_info: PlatformLiveDetailInfo | None = None
    """
    The live platform the job is linked to (关联直播平台信息).
    """
    used_resource_type: Literal["PERIOD", "ONDEMAND", "ONE_TIME", "UNKNOW"] | None = None
    """
    Resource type used (使用的资源类型): PERIOD yearly/monthly, ONDEMAND pay-per-use, ONE_TIME one-off, UNKNOW unknown (spelled so on the wire).
    """
    is_ai_mark_on: bool | None = None
    """
    Whether the AI mark is on (AI标识开关).
    """


class StartSmartLiveReq(BaseModel):
    """
    Request body of StartSmartLive (表3 请求Body参数). Every field is optional.
    """

    video_config: VideoConfig | None = None
    """
    Video output configuration (视频输出配置).
    """
    play_policy: PlayPolicy | None = None
    """
    Script playback policy (剧本播放策略).
    """
    output_urls: Annotated[
        list[str] | None,
        Field(examples=[["rtmp://vfxpush.hwcloudvr.cn/live/lysa"]], max_length=1),
    ] = None
    """
    RTMP push addresses of the third-party live platform. To change the address while live, send the REFRESH_OUTPUT_URL command. Only one RTMP output address is supported at present.
    """
    stream_keys: Annotated[
        list[str] | None, Field(json_schema_extra={"secret": True}, max_length=1)
    ] = None
    """
    RTMP stream keys of the third-party live platform, matching output_urls one to one. Secret: never logged. To change them while live, send the REFRESH_OUTPUT_URL command. Only one is supported at present.
    """
    interaction_callback_url: Annotated[
        str | None,
        Field(json_schema_extra={"secret": True}, max_length=2048, min_length=0),
    ] = None
    """
    Interaction callback URL, including its authentication information. Fill in when the interaction rule's trigger.reply_mode is CALLBACK. Secret: never logged.
    """
    live_event_callback_config: LiveEventCallBackConfig | None = None
    """
    HTTPS callback configuration for live events (直播事件HTTPS回调通知配置).
    """
    rtc_callback_config: RTCLiveEventCallBackConfig | None = None
    """
    RTC callback event configuration. For compatibility, when it is absent LIVE_PROGRESS is subscribed by default.
    """
    view_mode: Literal["LANDSCAPE", "VERTICAL"] = "VERTICAL"
    """
    Landscape or portrait. Users need not set it: the service derives it from video_config's resolution. LANDSCAPE: landscape; VERTICAL: portrait.
    """
    co_streamer_config: CoStreamerConfig | None = None
    """
    Co-streamer (assistant host) configuration (助播配置).
    """
    job_run_config: LiveJobRunConfig | None = None
    """
    Run configuration of the live job (数字人直播任务运行配置).
    """


class StartSmartLiveResponse(BaseModel):
    """
    Body of the 202 response (表14 响应Body参数).
    """

    job_id: Annotated[str | None, Field(examples=["26f06524-4f75-4b3a-a853-b649a21aaf66"])] = None
    """
    Live job ID (直播任务ID).
    """
    rtc_room_info: RTCRoomInfoList | None = None
    """
    RTC room information (RTC房间信息).
    """
    live_event_report_url: str | None = None
    """
    Address where the user reports live room events they collect, to trigger smart interaction and automatic replies.
    """
    live_event_callback_config: LiveEventCallBackConfig | None = None
    """
    HTTPS callback configuration for live events (表17).
    """
    live_warning_info: list[LiveWarningItem] | None = None
    """
    Risk warnings raised when the live started (开播风险告警列表).
    """
    limit_duration: Annotated[int | None, Field(ge=0, le=168)] = None
    """
    The configured maximum live duration in hours; 0 means no limit. With FORCE_EXIT the stop comes within 5 minutes; other modes add their processing time.
    """


class SubtitleConfig(BaseModel):
    """
    Subtitle configuration (表5 SubtitleConfig).
    """

    dx: Annotated[int | None, Field(ge=0, le=1920)] = None
    """
    X coordinate of the subtitle box's bottom-left pixel.
    """
    dy: Annotated[int | None, Field(ge=0, le=1920)] = None
    """
    Y coordinate of the subtitle box's bottom-left pixel.
    """
    h: Annotated[int | None, Field(ge=0, le=1920)] = None
    """
    Height of the subtitle box. Only helps a front end compute the box's top-left corner; the service does not use it.
    """
    w: Annotated[int | None, Field(ge=0, le=1920)] = None
    """
    Width of the subtitle box, fixed at 80% of the screen width. Only helps a front end compute the box's top-left corner; the service does not use it.
    """
    font_name: Annotated[str, Field(max_length=64, min_length=0)] = "HarmonyOS_Sans_SC_Black"
    """
    Font; see the service's list of supported fonts.
    """
    font_size: Annotated[int, Field(ge=0, le=120)] = 54
    """
    Font size. The API accepts 0-120; real use requires 24-120 (the doc says to follow the business requirement).
    """
    font_color: Annotated[str, Field(max_length=7, min_length=0)] = "#FFFFFF"
    """
    RGB value of the subtitle font colour, e.g. "#FFFFFF" (the doc calls its length fixed).
    """
    stroke_color: Annotated[str | None, Field(max_length=7, min_length=0)] = None
    """
    RGB value of the subtitle font's stroke colour (the doc calls its length fixed).
    """
    stroke_thickness: Annotated[float | None, Field(ge=0.0, le=50.0)] = None
    """
    Stroke thickness of the subtitle font, in pixels.
    """
    opacity: Annotated[float, Field(ge=0.0, le=1.0)] = 1.0
    """
    Opacity of the subtitle font; 0 is fully transparent, 1 fully opaque.
    """
    sha256_font_enable: bool = False
    """
    Whether the subtitle's sha256 covers the font (true: it does; false: it does not). Not included when unset.
    """


class TextConfig(BaseModel):
    """
    Text to speak (TextConfig), plain text or SSML.
    """

    text: Annotated[str, Field(max_length=131072, min_length=1)]
    """
    The script text (文本), plain text or SSML; at most 10000 characters apart from SSML tags (SDK docstring).
    """


class VideoConfig(BaseModel):
    """
    Video output configuration (表4 VideoConfig).
    """

    clip_mode: Literal["RESIZE", "CROP"] = "RESIZE"
    """
    How the output video is fitted. RESIZE: scale the video; CROP: crop the video.
    """
    codec: Literal["H264", "VP8", "QTRLE"] | None = None
    """
    Video codec and file format. H264: h264, mp4 file; VP8: vp8, webm file; QTRLE: qtrle, mov file. Only avatar video production supports VP8 and QTRLE; with QTRLE text input must be under 1500 characters and audio input under 5 minutes, and QTRLE must first be enabled by allow-list.
    """
    bitrate: Annotated[int, Field(ge=40, le=30000)]
    """
    Average output bitrate in kbps. Avatar video production favours quality and may exceed it. Avatar live streaming accepts [1000, 8000] only.
    """
    width: Annotated[int, Field(ge=0, le=3840)]
    """
    Video width in pixels. With clip_mode RESIZE six resolutions are supported: 1920x1080, 1080x1920, 1280x720, 720x1280, 3840x2160, 2160x3840 (4K only with a 4K-capable avatar model). With clip_mode CROP the video keeps width pixels from the origin (dx, dy). Avatar live streaming supports only 1080x1920 and 1920x1080.
    """
    height: Annotated[int, Field(ge=0, le=3840)]
    """
    Video height in pixels. With clip_mode RESIZE six resolutions are supported: 1920x1080, 1080x1920, 1280x720, 720x1280, 3840x2160, 2160x3840. With clip_mode CROP the video keeps height pixels from the origin (dx, dy). Avatar live streaming supports only 1080x1920 and 1920x1080.
    """
    frame_rate: str = "25"
    """
    Frame rate in FPS. Avatar video is fixed at 25 FPS.
    """
    is_subtitle_enable: bool = False
    """
    Whether the output video has subtitles (true: on; false: off). Avatar live streaming does not support subtitles yet.
    """
    subtitle_config: SubtitleConfig | None = None
    """
    Subtitle configuration (字幕配置).
    """
    disable_system_watermark: bool = False
    """
    Whether the output video turns the system watermark off (true: off; false: keep it). Takes effect only for allow-listed tenants.
    """
    dx: Annotated[int | None, Field(ge=-1920, le=3840)] = None
    """
    X coordinate of the crop's top-left pixel; takes effect with clip_mode CROP. The canvas is the model's resolution: for a 1920x1080 model dx is 0 at least and 1920 at most.
    """
    dy: Annotated[int | None, Field(ge=-1920, le=3840)] = None
    """
    Y coordinate of the crop's top-left pixel; takes effect with clip_mode CROP. The canvas is the model's resolution: for a 1920x1080 model dy is 0 at least and 1080 at most.
    """
    is_enable_super_resolution: bool = False
    """
    Whether super-resolution is on (true: on; false: off). Avatar video production only.
    """
    is_end_at_first_frame: bool = False
    """
    Whether the last frame equals the first, for seamless joins of several avatar videos (true: on; false: off). Avatar video production only; ignored once action tags are inserted.
    """
    output_external_url: str | None = None
    """
    External URL the video file is uploaded to. Needs allow-listing first.
    """
    is_vocabulary_config_enable: bool = True
    """
    Whether the tenant's pronunciation (读法) configuration applies (true: on; false: off). Avatar video production only.
    """


class VoiceConfig(BaseModel):
    """
    Voice configuration (表11 VoiceConfig).
    """

    voice_asset_id: Annotated[str, Field(max_length=256, min_length=1)]
    """
    Voice asset ID, found in the asset library (see "查询预置音色ID").
    """
    speed: Annotated[int, Field(ge=50, le=200)] = 100
    """
    Speaking rate: 50 is half speed, 100 normal (an adult's normal pace, about 250 characters a minute), 200 double.
    """
    pitch: Annotated[int, Field(ge=50, le=200)] = 100
    """
    Pitch.
    """
    volume: Annotated[int, Field(ge=90, le=240)] = 140
    """
    Volume.
    """
