# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Digital-human smart live jobs (数字人智能直播)."""

from __future__ import annotations

from typing import Literal

from .._base_client import PreparedRequest
from .._exceptions import InvalidArgumentError
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    body_json,
    build_body,
    header_params,
    path_segment,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    CoStreamerConfig,
    LiveEventCallBackConfig,
    LiveJobRunConfig,
    PlayPolicy,
    RTCLiveEventCallBackConfig,
    StartSmartLiveReq,
    StartSmartLiveResponse,
    VideoConfig,
)

__all__ = ["SmartLive", "AsyncSmartLive"]


class SmartLive(SyncAPIResource):
    """Digital-human smart live jobs (数字人智能直播). Reached as `client.smart_live`."""

    def start(
        self,
        room_id: str,
        *,
        video_config: VideoConfig | None = None,
        play_policy: PlayPolicy | None = None,
        output_urls: list[str] | None = None,
        stream_keys: list[str] | None = None,
        interaction_callback_url: str | None = None,
        live_event_callback_config: LiveEventCallBackConfig | None = None,
        rtc_callback_config: RTCLiveEventCallBackConfig | None = None,
        view_mode: Literal["LANDSCAPE", "VERTICAL"] | None = None,
        co_streamer_config: CoStreamerConfig | None = None,
        job_run_config: LiveJobRunConfig | None = None,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> StartSmartLiveResponse:
        """Start a digital-human smart live job.

        Starts a digital-human smart live job in a live room (该接口用于启动数字人智能直播任务). `POST
        /v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs` (StartSmartLive).

        Args:
            room_id: Live room ID (直播间ID).
            video_config: Video output configuration (视频输出配置).
            play_policy: Script playback policy (剧本播放策略).
            output_urls: RTMP push addresses of the third-party live platform. To change the address
                while live, send the REFRESH_OUTPUT_URL command. Only one RTMP output address is
                supported at present.
            stream_keys: RTMP stream keys of the third-party live platform, matching output_urls one
                to one. Secret: never logged. To change them while live, send the REFRESH_OUTPUT_URL
                command. Only one is supported at present.
            interaction_callback_url: Interaction callback URL, including its authentication
                information. Fill in when the interaction rule's trigger.reply_mode is CALLBACK.
                Secret: never logged.
            live_event_callback_config: HTTPS callback configuration for live events
                (直播事件HTTPS回调通知配置).
            rtc_callback_config: RTC callback event configuration. For compatibility, when it is
                absent LIVE_PROGRESS is subscribed by default.
            view_mode: Landscape or portrait. Users need not set it: the service derives it from
                video_config's resolution. LANDSCAPE: landscape; VERTICAL: portrait.
            co_streamer_config: Co-streamer (assistant host) configuration (助播配置).
            job_run_config: Run configuration of the live job (数字人直播任务运行配置).
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 202 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            InternalServerError: the service answered 500.
            UnexpectedStatusError: any other non-2xx status.
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "start",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        body = build_body(
            StartSmartLiveReq,
            {
                "video_config": video_config,
                "play_policy": play_policy,
                "output_urls": output_urls,
                "stream_keys": stream_keys,
                "interaction_callback_url": interaction_callback_url,
                "live_event_callback_config": live_event_callback_config,
                "rtc_callback_config": rtc_callback_config,
                "view_mode": view_mode,
                "co_streamer_config": co_streamer_config,
                "job_run_config": job_run_config,
            },
        )
        request = PreparedRequest(
            method="POST",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs",
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=body_json(body),
            timeout=timeout,
        )
        return self._client.request(request, StartSmartLiveResponse)


class AsyncSmartLive(AsyncAPIResource):
    """Digital-human smart live jobs (数字人智能直播). Reached as `client.smart_live`."""

    async def start(
        self,
        room_id: str,
        *,
        video_config: VideoConfig | None = None,
        play_policy: PlayPolicy | None = None,
        output_urls: list[str] | None = None,
        stream_keys: list[str] | None = None,
        interaction_callback_url: str | None = None,
        live_event_callback_config: LiveEventCallBackConfig | None = None,
        rtc_callback_config: RTCLiveEventCallBackConfig | None = None,
        view_mode: Literal["LANDSCAPE", "VERTICAL"] | None = None,
        co_streamer_config: CoStreamerConfig | None = None,
        job_run_config: LiveJobRunConfig | None = None,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> StartSmartLiveResponse:
        """Start a digital-human smart live job.

        Starts a digital-human smart live job in a live room (该接口用于启动数字人智能直播任务). `POST
        /v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs` (StartSmartLive).

        Args:
            room_id: Live room ID (直播间ID).
            video_config: Video output configuration (视频输出配置).
            play_policy: Script playback policy (剧本播放策略).
            output_urls: RTMP push addresses of the third-party live platform. To change the address
                while live, send the REFRESH_OUTPUT_URL command. Only one RTMP output address is
                supported at present.
            stream_keys: RTMP stream keys of the third-party live platform, matching output_urls one
                to one. Secret: never logged. To change them while live, send the REFRESH_OUTPUT_URL
                command. Only one is supported at present.
            interaction_callback_url: Interaction callback URL, including its authentication
                information. Fill in when the interaction rule's trigger.reply_mode is CALLBACK.
                Secret: never logged.
            live_event_callback_config: HTTPS callback configuration for live events
                (直播事件HTTPS回调通知配置).
            rtc_callback_config: RTC callback event configuration. For compatibility, when it is
                absent LIVE_PROGRESS is subscribed by default.
            view_mode: Landscape or portrait. Users need not set it: the service derives it from
                video_config's resolution. LANDSCAPE: landscape; VERTICAL: portrait.
            co_streamer_config: Co-streamer (assistant host) configuration (助播配置).
            job_run_config: Run configuration of the live job (数字人直播任务运行配置).
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 202 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            InternalServerError: the service answered 500.
            UnexpectedStatusError: any other non-2xx status.
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "start",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        body = build_body(
            StartSmartLiveReq,
            {
                "video_config": video_config,
                "play_policy": play_policy,
                "output_urls": output_urls,
                "stream_keys": stream_keys,
                "interaction_callback_url": interaction_callback_url,
                "live_event_callback_config": live_event_callback_config,
                "rtc_callback_config": rtc_callback_config,
                "view_mode": view_mode,
                "co_streamer_config": co_streamer_config,
                "job_run_config": job_run_config,
            },
        )
        request = PreparedRequest(
            method="POST",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs",
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=body_json(body),
            timeout=timeout,
        )
        return await self._client.request(request, StartSmartLiveResponse)
