# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Digital-human smart live jobs (数字人智能直播)."""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import AsyncIterator, Collection, Iterator
from typing import Any, Literal

from .._base_client import PreparedRequest
from .._base_model import EmptyResult
from .._exceptions import InvalidArgumentError
from .._lifecycle import astop_on_exit, async_wait_until, stop_on_exit, wait_until
from .._pagination import AsyncOffsetPager, OffsetPagination, SyncOffsetPage
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    body_json,
    build_body,
    build_union_body,
    header_params,
    path_segment,
    query_params,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    CleanUpInsertCommandCommand,
    CoStreamerConfig,
    ExecuteSmartLiveCommandResponse,
    GetCurrentPlayingScriptsCommand,
    GetLiveJobConfigInfoCommand,
    InsertPlayAudioCommand,
    InsertPlayScriptCommand,
    ListSmartLiveResponse,
    LiveEventCallBackConfig,
    LiveExitConfig,
    LiveJobRunConfig,
    PlayAudioInfo,
    PlayPolicy,
    PlayTextInfo,
    RefreshOutputUrlCommand,
    ResetExitConfigCommand,
    ReviewConfig,
    RewriteInteractionRulesCommand,
    RewritePlayScriptCommand,
    RTCLiveEventCallBackConfig,
    SmartLiveJob,
    StartSmartLiveReq,
    StartSmartLiveResponse,
    VideoConfig,
)

__all__ = ["SmartLive", "AsyncSmartLive"]


class SmartLive(SyncAPIResource):
    """Digital-human smart live jobs (数字人智能直播). Reached as `client.smart_live`."""

    def command(
        self,
        room_id: str,
        job_id: str,
        *,
        command: Literal[
            "INSERT_PLAY_SCRIPT",
            "REWRITE_PLAY_SCRIPT",
            "INSERT_PLAY_AUDIO",
            "REWRITE_INTERACTION_RULES",
            "GET_CURRENT_PLAYING_SCRIPTS",
            "REFRESH_OUTPUT_URL",
            "GET_LIVE_JOB_CONFIG_INFO",
            "CLEAN_UP_INSERT_COMMAND",
            "RESET_EXIT_CONFIG",
        ],
        params: PlayTextInfo | dict[str, Any] | PlayAudioInfo | LiveExitConfig | None = None,
        review_config: ReviewConfig | None = None,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ExecuteSmartLiveCommandResponse:
        """Send a control command to a running smart live job.

        Sends a control command to a live job (控制数字人直播过程): insert a script or audio, rewrite the
        unplayed script or the interaction rules, refresh the output address, reset the exit rules,
        and more. The params' shape depends on the command. `POST /v1/{project_id}/smart-live-
        rooms/{room_id}/smart-live-jobs/{job_id}/command` (ExecuteSmartLiveCommand).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            room_id: Live room ID (直播间ID).
            job_id: Live job ID (直播任务ID), the job_id StartSmartLive returned.
            command: The command that picks the body's variant: INSERT_PLAY_SCRIPT
                (InsertPlayScriptCommand), REWRITE_PLAY_SCRIPT (RewritePlayScriptCommand),
                INSERT_PLAY_AUDIO (InsertPlayAudioCommand), REWRITE_INTERACTION_RULES
                (RewriteInteractionRulesCommand), GET_CURRENT_PLAYING_SCRIPTS
                (GetCurrentPlayingScriptsCommand), REFRESH_OUTPUT_URL (RefreshOutputUrlCommand),
                GET_LIVE_JOB_CONFIG_INFO (GetLiveJobConfigInfoCommand), CLEAN_UP_INSERT_COMMAND
                (CleanUpInsertCommandCommand), RESET_EXIT_CONFIG (ResetExitConfigCommand).
            params: By command: INSERT_PLAY_SCRIPT: PlayTextInfo; REWRITE_PLAY_SCRIPT: dict[str,
                Any]; INSERT_PLAY_AUDIO: PlayAudioInfo; REWRITE_INTERACTION_RULES: dict[str, Any];
                REFRESH_OUTPUT_URL: dict[str, Any]; GET_LIVE_JOB_CONFIG_INFO: dict[str, Any];
                CLEAN_UP_INSERT_COMMAND: dict[str, Any]; RESET_EXIT_CONFIG: LiveExitConfig. Not
                taken by GET_CURRENT_PLAYING_SCRIPTS.
            review_config: Content review settings (审核配置).
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            NotFoundError: the service answered 404.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "command",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        body = build_union_body(
            "ControlSmartLiveReq",
            "command",
            {
                "INSERT_PLAY_SCRIPT": InsertPlayScriptCommand,
                "REWRITE_PLAY_SCRIPT": RewritePlayScriptCommand,
                "INSERT_PLAY_AUDIO": InsertPlayAudioCommand,
                "REWRITE_INTERACTION_RULES": RewriteInteractionRulesCommand,
                "GET_CURRENT_PLAYING_SCRIPTS": GetCurrentPlayingScriptsCommand,
                "REFRESH_OUTPUT_URL": RefreshOutputUrlCommand,
                "GET_LIVE_JOB_CONFIG_INFO": GetLiveJobConfigInfoCommand,
                "CLEAN_UP_INSERT_COMMAND": CleanUpInsertCommandCommand,
                "RESET_EXIT_CONFIG": ResetExitConfigCommand,
            },
            {
                "command": command,
                "params": params,
                "review_config": review_config,
            },
        )
        request = PreparedRequest(
            method="POST",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs/{path_segment('job_id', job_id)}/command",
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=body_json(body),
            timeout=timeout,
        )
        return self._client.request(request, ExecuteSmartLiveCommandResponse)

    def list(
        self,
        room_id: str,
        *,
        offset: int | None = None,
        limit: int | None = None,
        state: builtins.list[Literal["WAITING", "PROCESSING", "SUCCEED", "FAILED", "BLOCKED"]]
        | None = None,
        sort_key: Literal["create_time", "update_time", "asset_order"] | None = None,
        sort_dir: Literal["asc", "desc"] | None = None,
        create_since: str | None = None,
        create_until: str | None = None,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncOffsetPage[SmartLiveJob, ListSmartLiveResponse]:
        """List the smart live jobs of a live room.

        Lists the digital-human smart live jobs of a live room (查询数字人智能直播任务列表), a page at a time
        (offset, limit), filtered by state and creation time. `GET /v1/{project_id}/smart-live-
        rooms/{room_id}/smart-live-jobs` (ListSmartLive).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            room_id: Live room ID (直播间ID).
            offset: Sent as the offset query. Offset to start the page at (偏移量，表示从此偏移量开始查询).
            limit: Sent as the limit query. Jobs per page (每页显示的条目数量).
            state: Sent as the state query. Only jobs in these states, comma-separated
                (任务状态，默认所有状态。可多个状态查询，使用英文逗号分隔); all states when absent.
            sort_key: Sent as the sort_key query. Sort field (排序字段): create_time (by creation time),
                update_time (by update time), asset_order (by asset).
            sort_dir: Sent as the sort_dir query. Sort direction (排序方式): asc ascending, desc
                descending; asc when absent.
            create_since: Sent as the create_since query. Only jobs created at or after this time
                (过滤创建时间>=输入时间的记录).
            create_until: Sent as the create_until query. Only jobs created at or before this time
                (过滤创建时间<=输入时间的记录).
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The first page (a SyncOffsetPage): `items` are the smart_live_jobs of the parsed
            200 body, `response` the body itself (its `request_id` is the X-Request-Id);
            iterating the page yields every item of every page, fetched as needed.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "list",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        request = PreparedRequest(
            method="GET",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs",
            params=query_params(
                ("offset", offset, True),
                ("limit", limit, True),
                ("state", state, False),
                ("sort_key", sort_key, True),
                ("sort_dir", sort_dir, True),
                ("create_since", create_since, True),
                ("create_until", create_until, True),
            ),
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=None,
            idempotent=True,
            timeout=timeout,
        )
        return SyncOffsetPage.first(
            self._client,
            request,
            ListSmartLiveResponse,
            OffsetPagination(
                offset="offset",
                items="smart_live_jobs",
                limit="limit",
                total="count",
                default_limit=10,
            ),
        )

    def show(
        self,
        room_id: str,
        job_id: str,
        *,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SmartLiveJob:
        """Show a smart live job.

        Shows a digital-human smart live job, its state and timings (查询数字人智能直播任务详情). `GET
        /v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs/{job_id}` (ShowSmartLive).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            room_id: Live room ID (直播间ID).
            job_id: Live job ID (直播任务ID), the job_id StartSmartLive returned.
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            NotFoundError: the service answered 404.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "show",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        request = PreparedRequest(
            method="GET",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs/{path_segment('job_id', job_id)}",
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=None,
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, SmartLiveJob)

    def start(
        self,
        room_id: str,
        *,
        video_config: VideoConfig | None = None,
        play_policy: PlayPolicy | None = None,
        output_urls: builtins.list[str] | None = None,
        stream_keys: builtins.list[str] | None = None,
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

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

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
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
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

    @contextlib.contextmanager
    def live_job(
        self,
        room_id: str,
        *,
        video_config: VideoConfig | None = None,
        play_policy: PlayPolicy | None = None,
        output_urls: builtins.list[str] | None = None,
        stream_keys: builtins.list[str] | None = None,
        interaction_callback_url: str | None = None,
        live_event_callback_config: LiveEventCallBackConfig | None = None,
        rtc_callback_config: RTCLiveEventCallBackConfig | None = None,
        view_mode: Literal["LANDSCAPE", "VERTICAL"] | None = None,
        co_streamer_config: CoStreamerConfig | None = None,
        job_run_config: LiveJobRunConfig | None = None,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        stop_attempts: int = 5,
        stop_deadline: float = 120.0,
    ) -> Iterator[StartSmartLiveResponse]:
        """Start a digital-human smart live job. Stopped when the `with` block ends.

        Starts it as `start` does and gives its answer to the block; however the block ends
        (normally, by an exception, KeyboardInterrupt included), stops it with
        `client.smart_live.stop` until the service confirms it: a 2xx, or a 404 after an earlier
        attempt. The block's exception then propagates.

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
            timeout: Overrides the client's timeout for the start and each stop.
            stop_attempts: At most this many stops are sent (connection errors, 5xx, 404, 408,
                409 and 429 are tried again, after the client's retry back-off).
            stop_deadline: No stop is sent once this many seconds have passed since the first.

        Yields:
            The start's parsed answer; its `job_id` is the one stopped.

        Raises:
            StopNotConfirmedError: the stop was not confirmed: the job may still be running; the
                error names its job_id, and its __cause__ is the block's exception, if any.
            LifecycleError: the start's answer has no job_id (nothing can be stopped).
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        with stop_on_exit(
            lambda: self.start(
                room_id,
                video_config=video_config,
                play_policy=play_policy,
                output_urls=output_urls,
                stream_keys=stream_keys,
                interaction_callback_url=interaction_callback_url,
                live_event_callback_config=live_event_callback_config,
                rtc_callback_config=rtc_callback_config,
                view_mode=view_mode,
                co_streamer_config=co_streamer_config,
                job_run_config=job_run_config,
                app_user_id=app_user_id,
                project_id=project_id,
                timeout=timeout,
            ),
            "job_id",
            lambda job_id: self._client.smart_live.stop(
                room_id, job_id, app_user_id=app_user_id, project_id=project_id, timeout=timeout
            ),
            attempts=stop_attempts,
            deadline=stop_deadline,
            client=self._client,
        ) as _started:
            yield _started

    def wait_for(
        self,
        room_id: str,
        job_id: str,
        states: Literal["WAITING", "PROCESSING", "SUCCEED", "FAILED", "BLOCKED"]
        | Collection[Literal["WAITING", "PROCESSING", "SUCCEED", "FAILED", "BLOCKED"]],
        *,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: float = 300.0,
        interval: float = 5.0,
    ) -> SmartLiveJob:
        """Wait until ShowSmartLive says the state is one of `states`.

        Calls `client.smart_live.show` every `interval` seconds and returns its answer once its
        state is one of `states` (WAITING, PROCESSING are still running: any other state means it
        has ended).

        Args:
            room_id: Live room ID (直播间ID).
            job_id: Live job ID (直播任务ID), the job_id StartSmartLive returned.
            states: The state (or states) to wait for.
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Seconds to wait in all (each call takes the client's timeout).
            interval: Seconds between two calls.

        Returns:
            The parsed answer whose state is one of `states`.

        Raises:
            WaitTimeoutError: `timeout` passed first (also a TimeoutError).
            LifecycleError: it ended in a state not asked for (none of WAITING, PROCESSING).
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            NotFoundError: the service answered 404.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        return wait_until(
            lambda: self._client.smart_live.show(
                room_id, job_id, app_user_id=app_user_id, project_id=project_id
            ),
            state_field="state",
            states=states,
            live_states=("WAITING", "PROCESSING"),
            id_name="job_id",
            id=job_id,
            timeout=timeout,
            interval=interval,
            client=self._client,
        )

    def stop(
        self,
        room_id: str,
        job_id: str,
        *,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EmptyResult:
        """Stop a smart live job.

        Ends a digital-human smart live job (结束数字人智能直播任务); the job ends as SUCCEED. Stopping a job
        that has already ended leaves it ended, so a stop is safe to retry. `POST
        /v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs/{job_id}/stop` (StopSmartLive).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            room_id: Live room ID (直播间ID).
            job_id: Live job ID (直播任务ID), the job_id StartSmartLive returned.
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            NotFoundError: the service answered 404.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "stop",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        request = PreparedRequest(
            method="POST",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs/{path_segment('job_id', job_id)}/stop",
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=None,
            idempotent=True,
            timeout=timeout,
        )
        return self._client.request(request, EmptyResult)


class AsyncSmartLive(AsyncAPIResource):
    """Digital-human smart live jobs (数字人智能直播). Reached as `client.smart_live`."""

    async def command(
        self,
        room_id: str,
        job_id: str,
        *,
        command: Literal[
            "INSERT_PLAY_SCRIPT",
            "REWRITE_PLAY_SCRIPT",
            "INSERT_PLAY_AUDIO",
            "REWRITE_INTERACTION_RULES",
            "GET_CURRENT_PLAYING_SCRIPTS",
            "REFRESH_OUTPUT_URL",
            "GET_LIVE_JOB_CONFIG_INFO",
            "CLEAN_UP_INSERT_COMMAND",
            "RESET_EXIT_CONFIG",
        ],
        params: PlayTextInfo | dict[str, Any] | PlayAudioInfo | LiveExitConfig | None = None,
        review_config: ReviewConfig | None = None,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ExecuteSmartLiveCommandResponse:
        """Send a control command to a running smart live job.

        Sends a control command to a live job (控制数字人直播过程): insert a script or audio, rewrite the
        unplayed script or the interaction rules, refresh the output address, reset the exit rules,
        and more. The params' shape depends on the command. `POST /v1/{project_id}/smart-live-
        rooms/{room_id}/smart-live-jobs/{job_id}/command` (ExecuteSmartLiveCommand).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            room_id: Live room ID (直播间ID).
            job_id: Live job ID (直播任务ID), the job_id StartSmartLive returned.
            command: The command that picks the body's variant: INSERT_PLAY_SCRIPT
                (InsertPlayScriptCommand), REWRITE_PLAY_SCRIPT (RewritePlayScriptCommand),
                INSERT_PLAY_AUDIO (InsertPlayAudioCommand), REWRITE_INTERACTION_RULES
                (RewriteInteractionRulesCommand), GET_CURRENT_PLAYING_SCRIPTS
                (GetCurrentPlayingScriptsCommand), REFRESH_OUTPUT_URL (RefreshOutputUrlCommand),
                GET_LIVE_JOB_CONFIG_INFO (GetLiveJobConfigInfoCommand), CLEAN_UP_INSERT_COMMAND
                (CleanUpInsertCommandCommand), RESET_EXIT_CONFIG (ResetExitConfigCommand).
            params: By command: INSERT_PLAY_SCRIPT: PlayTextInfo; REWRITE_PLAY_SCRIPT: dict[str,
                Any]; INSERT_PLAY_AUDIO: PlayAudioInfo; REWRITE_INTERACTION_RULES: dict[str, Any];
                REFRESH_OUTPUT_URL: dict[str, Any]; GET_LIVE_JOB_CONFIG_INFO: dict[str, Any];
                CLEAN_UP_INSERT_COMMAND: dict[str, Any]; RESET_EXIT_CONFIG: LiveExitConfig. Not
                taken by GET_CURRENT_PLAYING_SCRIPTS.
            review_config: Content review settings (审核配置).
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            NotFoundError: the service answered 404.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "command",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        body = build_union_body(
            "ControlSmartLiveReq",
            "command",
            {
                "INSERT_PLAY_SCRIPT": InsertPlayScriptCommand,
                "REWRITE_PLAY_SCRIPT": RewritePlayScriptCommand,
                "INSERT_PLAY_AUDIO": InsertPlayAudioCommand,
                "REWRITE_INTERACTION_RULES": RewriteInteractionRulesCommand,
                "GET_CURRENT_PLAYING_SCRIPTS": GetCurrentPlayingScriptsCommand,
                "REFRESH_OUTPUT_URL": RefreshOutputUrlCommand,
                "GET_LIVE_JOB_CONFIG_INFO": GetLiveJobConfigInfoCommand,
                "CLEAN_UP_INSERT_COMMAND": CleanUpInsertCommandCommand,
                "RESET_EXIT_CONFIG": ResetExitConfigCommand,
            },
            {
                "command": command,
                "params": params,
                "review_config": review_config,
            },
        )
        request = PreparedRequest(
            method="POST",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs/{path_segment('job_id', job_id)}/command",
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=body_json(body),
            timeout=timeout,
        )
        return await self._client.request(request, ExecuteSmartLiveCommandResponse)

    def list(
        self,
        room_id: str,
        *,
        offset: int | None = None,
        limit: int | None = None,
        state: builtins.list[Literal["WAITING", "PROCESSING", "SUCCEED", "FAILED", "BLOCKED"]]
        | None = None,
        sort_key: Literal["create_time", "update_time", "asset_order"] | None = None,
        sort_dir: Literal["asc", "desc"] | None = None,
        create_since: str | None = None,
        create_until: str | None = None,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncOffsetPager[SmartLiveJob, ListSmartLiveResponse]:
        """List the smart live jobs of a live room.

        Lists the digital-human smart live jobs of a live room (查询数字人智能直播任务列表), a page at a time
        (offset, limit), filtered by state and creation time. `GET /v1/{project_id}/smart-live-
        rooms/{room_id}/smart-live-jobs` (ListSmartLive).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            room_id: Live room ID (直播间ID).
            offset: Sent as the offset query. Offset to start the page at (偏移量，表示从此偏移量开始查询).
            limit: Sent as the limit query. Jobs per page (每页显示的条目数量).
            state: Sent as the state query. Only jobs in these states, comma-separated
                (任务状态，默认所有状态。可多个状态查询，使用英文逗号分隔); all states when absent.
            sort_key: Sent as the sort_key query. Sort field (排序字段): create_time (by creation time),
                update_time (by update time), asset_order (by asset).
            sort_dir: Sent as the sort_dir query. Sort direction (排序方式): asc ascending, desc
                descending; asc when absent.
            create_since: Sent as the create_since query. Only jobs created at or after this time
                (过滤创建时间>=输入时间的记录).
            create_until: Sent as the create_until query. Only jobs created at or before this time
                (过滤创建时间<=输入时间的记录).
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            An AsyncOffsetPager: `await` it for the first page (an AsyncOffsetPage, whose `items`
            are the smart_live_jobs of the parsed 200 body, `response`), or
            `async for` over it for every item of every page, fetched as needed.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "list",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        request = PreparedRequest(
            method="GET",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs",
            params=query_params(
                ("offset", offset, True),
                ("limit", limit, True),
                ("state", state, False),
                ("sort_key", sort_key, True),
                ("sort_dir", sort_dir, True),
                ("create_since", create_since, True),
                ("create_until", create_until, True),
            ),
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=None,
            idempotent=True,
            timeout=timeout,
        )
        return AsyncOffsetPager(
            self._client,
            request,
            ListSmartLiveResponse,
            OffsetPagination(
                offset="offset",
                items="smart_live_jobs",
                limit="limit",
                total="count",
                default_limit=10,
            ),
        )

    async def show(
        self,
        room_id: str,
        job_id: str,
        *,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SmartLiveJob:
        """Show a smart live job.

        Shows a digital-human smart live job, its state and timings (查询数字人智能直播任务详情). `GET
        /v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs/{job_id}` (ShowSmartLive).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            room_id: Live room ID (直播间ID).
            job_id: Live job ID (直播任务ID), the job_id StartSmartLive returned.
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            NotFoundError: the service answered 404.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "show",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        request = PreparedRequest(
            method="GET",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs/{path_segment('job_id', job_id)}",
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=None,
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, SmartLiveJob)

    async def start(
        self,
        room_id: str,
        *,
        video_config: VideoConfig | None = None,
        play_policy: PlayPolicy | None = None,
        output_urls: builtins.list[str] | None = None,
        stream_keys: builtins.list[str] | None = None,
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

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

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
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
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

    @contextlib.asynccontextmanager
    async def live_job(
        self,
        room_id: str,
        *,
        video_config: VideoConfig | None = None,
        play_policy: PlayPolicy | None = None,
        output_urls: builtins.list[str] | None = None,
        stream_keys: builtins.list[str] | None = None,
        interaction_callback_url: str | None = None,
        live_event_callback_config: LiveEventCallBackConfig | None = None,
        rtc_callback_config: RTCLiveEventCallBackConfig | None = None,
        view_mode: Literal["LANDSCAPE", "VERTICAL"] | None = None,
        co_streamer_config: CoStreamerConfig | None = None,
        job_run_config: LiveJobRunConfig | None = None,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        stop_attempts: int = 5,
        stop_deadline: float = 120.0,
    ) -> AsyncIterator[StartSmartLiveResponse]:
        """Start a digital-human smart live job. Stopped when the `async with` block ends.

        Starts it as `start` does and gives its answer to the block; however the block ends
        (normally, by an exception, KeyboardInterrupt included), stops it with
        `client.smart_live.stop` until the service confirms it: a 2xx, or a 404 after an earlier
        attempt. The block's exception then propagates.

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
            timeout: Overrides the client's timeout for the start and each stop.
            stop_attempts: At most this many stops are sent (connection errors, 5xx, 404, 408,
                409 and 429 are tried again, after the client's retry back-off).
            stop_deadline: No stop is sent once this many seconds have passed since the first.

        Yields:
            The start's parsed answer; its `job_id` is the one stopped.

        Raises:
            StopNotConfirmedError: the stop was not confirmed: the job may still be running; the
                error names its job_id, and its __cause__ is the block's exception, if any.
            LifecycleError: the start's answer has no job_id (nothing can be stopped).
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        async with astop_on_exit(
            lambda: self.start(
                room_id,
                video_config=video_config,
                play_policy=play_policy,
                output_urls=output_urls,
                stream_keys=stream_keys,
                interaction_callback_url=interaction_callback_url,
                live_event_callback_config=live_event_callback_config,
                rtc_callback_config=rtc_callback_config,
                view_mode=view_mode,
                co_streamer_config=co_streamer_config,
                job_run_config=job_run_config,
                app_user_id=app_user_id,
                project_id=project_id,
                timeout=timeout,
            ),
            "job_id",
            lambda job_id: self._client.smart_live.stop(
                room_id, job_id, app_user_id=app_user_id, project_id=project_id, timeout=timeout
            ),
            attempts=stop_attempts,
            deadline=stop_deadline,
            client=self._client,
        ) as _started:
            yield _started

    async def wait_for(
        self,
        room_id: str,
        job_id: str,
        states: Literal["WAITING", "PROCESSING", "SUCCEED", "FAILED", "BLOCKED"]
        | Collection[Literal["WAITING", "PROCESSING", "SUCCEED", "FAILED", "BLOCKED"]],
        *,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: float = 300.0,
        interval: float = 5.0,
    ) -> SmartLiveJob:
        """Wait until ShowSmartLive says the state is one of `states`.

        Calls `client.smart_live.show` every `interval` seconds and returns its answer once its
        state is one of `states` (WAITING, PROCESSING are still running: any other state means it
        has ended).

        Args:
            room_id: Live room ID (直播间ID).
            job_id: Live job ID (直播任务ID), the job_id StartSmartLive returned.
            states: The state (or states) to wait for.
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Seconds to wait in all (each call takes the client's timeout).
            interval: Seconds between two calls.

        Returns:
            The parsed answer whose state is one of `states`.

        Raises:
            WaitTimeoutError: `timeout` passed first (also a TimeoutError).
            LifecycleError: it ended in a state not asked for (none of WAITING, PROCESSING).
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            NotFoundError: the service answered 404.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        return await async_wait_until(
            lambda: self._client.smart_live.show(
                room_id, job_id, app_user_id=app_user_id, project_id=project_id
            ),
            state_field="state",
            states=states,
            live_states=("WAITING", "PROCESSING"),
            id_name="job_id",
            id=job_id,
            timeout=timeout,
            interval=interval,
            client=self._client,
        )

    async def stop(
        self,
        room_id: str,
        job_id: str,
        *,
        app_user_id: str | None = None,
        project_id: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> EmptyResult:
        """Stop a smart live job.

        Ends a digital-human smart live job (结束数字人智能直播任务); the job ends as SUCCEED. Stopping a job
        that has already ended leaves it ended, so a stop is safe to retry. `POST
        /v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs/{job_id}/stop` (StopSmartLive).

        Idempotent: retried on 5xx answers and lost answers (timeouts, resets), as on connection
        failures and 429.

        Args:
            room_id: Live room ID (直播间ID).
            job_id: Live job ID (直播任务ID), the job_id StartSmartLive returned.
            app_user_id: Sent as the X-App-UserId header. Third-party user ID. Chinese characters
                are not allowed.
            project_id: Overrides the client's project_id for this call.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            BadRequestError: the service answered 400.
            AuthenticationError: the service answered 401.
            PermissionDeniedError: the service answered 403.
            NotFoundError: the service answered 404.
            InternalServerError: the service answered 500.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        if project_id is None:
            project_id = self._client.project_id
        if not project_id:
            raise InvalidArgumentError.of(
                "stop",
                ("project_id",),
                "project_id is required: pass it to the client or to this call",
            )
        request = PreparedRequest(
            method="POST",
            path=f"/v1/{path_segment('project_id', project_id)}/smart-live-rooms/{path_segment('room_id', room_id)}/smart-live-jobs/{path_segment('job_id', job_id)}/stop",
            headers=header_params(
                ("X-Project-Id", project_id),
                ("X-App-UserId", app_user_id),
            ),
            json_body=None,
            idempotent=True,
            timeout=timeout,
        )
        return await self._client.request(request, EmptyResult)
