"""metastudio.__all__ is pinned, free of duplicates, and names exactly the package's public members."""

import importlib
import types

import metastudio

EXPECTED_ALL = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncOffsetPage",
    "AsyncOffsetPager",
    "AuthenticationError",
    "BadRequestError",
    "CallbackVerificationError",
    "CleanUpInsertCommandCommand",
    "Client",
    "CoStreamerConfig",
    "DEFAULT_REGION",
    "ErrorResponse",
    "ExecuteSmartLiveCommandResponse",
    "GetCurrentPlayingScriptsCommand",
    "GetLiveJobConfigInfoCommand",
    "InsertPlayAudioCommand",
    "InsertPlayScriptCommand",
    "InternalServerError",
    "InvalidArgumentError",
    "LifecycleError",
    "ListSmartLiveResponse",
    "LiveEventCallBackConfig",
    "LiveEventCallback",
    "LiveExitConfig",
    "LiveJobLog",
    "LiveJobRunConfig",
    "LiveWarningItem",
    "MemoryReplayStore",
    "MetaStudioError",
    "NOT_GIVEN",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "PlatformLiveDetailInfo",
    "PlayAudioInfo",
    "PlayPolicy",
    "PlayTextInfo",
    "REGIONS",
    "RTCLiveEventCallBackConfig",
    "RTCRoomInfoList",
    "RTCUserInfo",
    "RateLimitError",
    "RefreshOutputUrlCommand",
    "ReplayStore",
    "ReplyCommandFinishMessage",
    "ResetExitConfigCommand",
    "ResponseValidationError",
    "RetryPolicy",
    "ReviewConfig",
    "RewriteInteractionRulesCommand",
    "RewritePlayScriptCommand",
    "RtmpStreamStateChangeMessage",
    "ShootScriptSwitchMessage",
    "SmartLiveJob",
    "StartSmartLiveReq",
    "StartSmartLiveResponse",
    "StopNotConfirmedError",
    "SubtitleConfig",
    "SyncOffsetPage",
    "TextConfig",
    "Timeout",
    "UnexpectedStatusError",
    "VideoConfig",
    "VoiceConfig",
    "WaitTimeoutError",
    "decode_live_event_callback_message",
    "endpoint_for_region",
    "parse_live_event_callback",
    "verify_live_event_callback",
]


def test_expected_list_is_sorted() -> None:
    assert EXPECTED_ALL == sorted(EXPECTED_ALL)


def test_all_is_pinned() -> None:
    assert sorted(metastudio.__all__) == EXPECTED_ALL


def test_all_has_no_duplicates() -> None:
    assert len(metastudio.__all__) == len(set(metastudio.__all__))


def test_every_exported_name_is_importable() -> None:
    module = importlib.import_module("metastudio")
    for name in metastudio.__all__:
        assert hasattr(module, name), name
        exec(f"from metastudio import {name}", {})


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from metastudio import *", namespace)
    assert sorted(name for name in namespace if name != "__builtins__") == EXPECTED_ALL


def test_all_imports_are_exported() -> None:
    # In the spirit of httpx's tests/test_exported_members.py: every public, non-module member
    # of the package is in __all__, so nothing public is exported by accident or left out.
    public = {
        name
        for name, value in vars(metastudio).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert sorted(public) == EXPECTED_ALL


def test_exported_members_come_from_the_package() -> None:
    for name in metastudio.__all__:
        value = getattr(metastudio, name)
        origin = getattr(value, "__module__", None)
        if isinstance(value, type | types.FunctionType):
            assert origin is not None
            assert origin.startswith("metastudio."), (name, origin)


def test_version_is_exposed_but_not_exported() -> None:
    assert isinstance(metastudio.__version__, str)
    assert metastudio.__version__
    assert "__version__" not in metastudio.__all__
