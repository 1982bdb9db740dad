# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from metastudio._base_model import BaseModel


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
