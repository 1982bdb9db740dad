# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Typed Python SDK for the Huawei Cloud MetaStudio smart live API, generated from its OpenAPI spec."""

from ._base_client import RetryPolicy
from ._client import DEFAULT_REGION, REGIONS, AsyncClient, Client, endpoint_for_region
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    InvalidArgumentError,
    MetaStudioError,
    ResponseValidationError,
    UnexpectedStatusError,
)
from ._types import NOT_GIVEN, NotGiven, Timeout
from .callbacks import (
    decode_live_event_callback_message,
    parse_live_event_callback,
)
from .models import (
    CoStreamerConfig,
    ErrorResponse,
    LiveEventCallback,
    LiveEventCallBackConfig,
    LiveExitConfig,
    LiveJobRunConfig,
    LiveWarningItem,
    PlayPolicy,
    ReplyCommandFinishMessage,
    RTCLiveEventCallBackConfig,
    RTCRoomInfoList,
    RTCUserInfo,
    RtmpStreamStateChangeMessage,
    ShootScriptSwitchMessage,
    StartSmartLiveReq,
    StartSmartLiveResponse,
    SubtitleConfig,
    VideoConfig,
    VoiceConfig,
)

__version__ = "2025.6.17"

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "DEFAULT_REGION",
    "InternalServerError",
    "InvalidArgumentError",
    "MetaStudioError",
    "NOT_GIVEN",
    "NotGiven",
    "REGIONS",
    "ResponseValidationError",
    "RetryPolicy",
    "Timeout",
    "UnexpectedStatusError",
    "endpoint_for_region",
    "parse_live_event_callback",
    "decode_live_event_callback_message",
    "CoStreamerConfig",
    "ErrorResponse",
    "LiveEventCallBackConfig",
    "LiveEventCallback",
    "LiveExitConfig",
    "LiveJobRunConfig",
    "LiveWarningItem",
    "PlayPolicy",
    "RTCLiveEventCallBackConfig",
    "RTCRoomInfoList",
    "RTCUserInfo",
    "ReplyCommandFinishMessage",
    "RtmpStreamStateChangeMessage",
    "ShootScriptSwitchMessage",
    "StartSmartLiveReq",
    "StartSmartLiveResponse",
    "SubtitleConfig",
    "VideoConfig",
    "VoiceConfig",
]
