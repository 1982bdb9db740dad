"""The smart-live jobs' lifecycle on the store: start, show, list, stop and commands; states by the clock."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from operator import attrgetter
from typing import Any, Protocol

from mockserver import bodies
from mockserver.answers import ErrorAnswers
from mockserver.jobs import Job, JobStore, RoomJobs
from mockserver.responses import Response, json_response
from mockserver.spec import MockSpec, Operation
from mockserver.verdicts import Accepted

START = "StartSmartLive"
SHOW = "ShowSmartLive"
LIST = "ListSmartLive"
STOP = "StopSmartLive"
COMMAND = "ExecuteSmartLiveCommand"
OPERATION_IDS = (START, SHOW, LIST, STOP, COMMAND)
"""A spec with all five is served statefully; any other spec as before, stateless."""

DEFAULT_PROCESSING_DELAY_SECONDS = 2.0
MAX_PROCESSING_DELAY_SECONDS = 366 * 24 * 3600.0

WAITING, PROCESSING, SUCCEED, FAILED = "WAITING", "PROCESSING", "SUCCEED", "FAILED"
DEFAULT_LIVE_STATES = frozenset({WAITING, PROCESSING})
"""Used when StartSmartLive's x-lifecycle names no live_states."""

# The real service's codes for these refusals are in no source the spec was written from. These are
# the mock's own, in a MOCK. namespace no Huawei service uses, so that no client comes to depend on
# a code that looks real and is not. (A bad create_since is a bad parameter: MSS.00000003.)
JOB_NOT_FOUND = "MOCK.JOB_NOT_FOUND"
JOB_NOT_LIVE = "MOCK.JOB_NOT_LIVE"
ROOM_HAS_LIVE_JOB = "MOCK.ROOM_HAS_LIVE_JOB"
INJECTED_FAULT = "MOCK.INJECTED_FAULT"
INJECTED_FAULT_STATUS = 503
INJECTED_FAILURE = "MOCK.INJECTED_FAILURE"
"""A failed job's error_info.error_code (--fail-jobs); the service's codes for why a live job
fails are in no source either."""

# Results of the commands that answer with data: JSON strings (ExecuteSmartLiveCommandResponse.result).
# Their shapes are in no source (LivePlayingScriptList, SmartLiveRoomInfo); these are the mock's.
_SCRIPTS_COMMAND = "GET_CURRENT_PLAYING_SCRIPTS"
_CONFIG_COMMAND = "GET_LIVE_JOB_CONFIG_INFO"
_RESET_EXIT_COMMAND = "RESET_EXIT_CONFIG"
_REFRESH_OUTPUT_COMMAND = "REFRESH_OUTPUT_URL"
_DONE = "SUCCESS"

_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
_MAX_ID_DRAWS = 16


def planned_end(job: Job) -> datetime | None:
    """When the job ends as it stands (stopped, its max_live_duration run out, or failed when it
    would have turned PROCESSING); None: never."""
    failure = job.started if job.failed else None
    ends = [t for t in (job.stopped, job.deadline, failure) if t is not None]
    return min(ends) if ends else None


def has_failed(job: Job, now: datetime) -> bool:
    """Whether the job has ended by `now` in its injected failure (a stop before it ends it
    sooner, and as a stop does)."""
    return job.failed and ended_at(job, now) == job.started


def ended_at(job: Job, now: datetime) -> datetime | None:
    """When the job ended (stopped, its max_live_duration run out, or failed), if it has by `now`."""
    end = planned_end(job)
    return end if end is not None and end <= now else None


def state_at(job: Job, now: datetime) -> str:
    """WAITING until the processing delay has passed, then PROCESSING, SUCCEED once ended; FAILED
    instead of PROCESSING for a job failed by the mock."""
    if ended_at(job, now) is not None:
        return FAILED if has_failed(job, now) else SUCCEED
    return PROCESSING if now >= job.started else WAITING


def rfc3339(moment: datetime) -> str:
    """`2021-01-10T08:43:17Z`: UTC, whole seconds, as SmartLiveJob's times are written."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _second(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def smart_live_job(job: Job, now: datetime) -> dict[str, Any]:
    """The job as ShowSmartLive answers it (a SmartLiveJob), at `now`."""
    end = ended_at(job, now)
    failure = has_failed(job, now)
    started = now >= job.started and (end is None or end >= job.started) and not failure
    live_seconds = ((end or now) - job.started).total_seconds() if started else 0.0
    body: dict[str, Any] = {
        "job_id": job.job_id,
        "room_id": job.room_id,
        "state": state_at(job, now),
        "duration": round(live_seconds, 3),
        "stream_duration": round(live_seconds, 3),
        "create_time": rfc3339(job.created),
        "lastupdate_time": rfc3339(_last_update(job, now)),
    }
    if started:
        body["start_time"] = rfc3339(job.started)
    if end is not None:
        body["end_time"] = rfc3339(end)
    if failure:
        body["error_info"] = {
            "error_code": INJECTED_FAILURE,
            "error_msg": "The live did not come up (a failure injected by the mock's --fail-jobs)",
        }
    body.update(job.details)
    return body


def _last_update(job: Job, now: datetime) -> datetime:
    moments = [job.created, job.updated]
    if now >= job.started:
        moments.append(job.started)
    end = ended_at(job, now)
    if end is not None:
        moments.append(end)
    return max(moments)


def _deadline(
    started: datetime, exit_config: Mapping[str, Any], not_before: datetime
) -> datetime | None:
    # 表7: n hours after the live starts; 0 or unset: no limit. A limit set while live that has
    # already passed ends the job at once (FORCE_EXIT's "within 5 minutes", at its earliest).
    # auto_stop_mode and max_exception_waiting_duration are only recorded: the mock plays no
    # script and meets no exception, so every mode ends at the deadline itself.
    hours = exit_config.get("max_live_duration")
    if not isinstance(hours, int) or isinstance(hours, bool) or hours <= 0:
        return None
    try:
        return max(started + timedelta(hours=hours), not_before)
    except OverflowError:  # a lenient mock's 10**9 hours: beyond any calendar, so no limit
        return None


def _object(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


class _BadListParameter(Exception):
    pass


class JobObserver(Protocol):
    """Told of each change a request makes to a job, once it is stored (mockserver.callbacks).

    Called on the request's path: it must return at once, and never raise.
    """

    def job_changed(self, job: Job, now: datetime) -> None:
        """`job` was started, stopped or commanded at `now`; this is how it now stands."""
        ...

    def command_executed(self, job: Job, command: str, command_id: str, now: datetime) -> None:
        """`command` (answered with `command_id`) was carried out on the live `job` at `now`."""
        ...


def serves_jobs(spec: MockSpec) -> bool:
    """Whether `spec` has all of OPERATION_IDS, and so is served statefully."""
    present = {op.operation_id for op in spec.operations()}
    return all(name in present for name in OPERATION_IDS)


class Lifecycle:
    """Answers the five smart-live operations from the job store; None for any other operation."""

    def __init__(
        self,
        store: JobStore,
        errors: ErrorAnswers,
        *,
        processing_delay: float = DEFAULT_PROCESSING_DELAY_SECONDS,
        fail_stops: int = 0,
        fail_jobs: int = 0,
        live_states: frozenset[str] = DEFAULT_LIVE_STATES,
        observer: JobObserver | None = None,
    ) -> None:
        if not 0 <= processing_delay <= MAX_PROCESSING_DELAY_SECONDS:  # NaN too
            raise ValueError(
                f"the processing delay must be 0 to {MAX_PROCESSING_DELAY_SECONDS:g} seconds"
            )
        if fail_stops < 0:
            raise ValueError("the number of stops to fail must not be negative")
        if fail_jobs < 0:
            raise ValueError("the number of jobs to fail must not be negative")
        self.store = store
        self._errors = errors
        self._delay = timedelta(seconds=processing_delay)
        self._live_states = live_states
        self._faults_left = {STOP: fail_stops, START: fail_jobs}
        """The injected faults still to come, by the operation they fall on."""
        self._faults_lock = threading.Lock()
        self._observer = observer
        self._handlers: Mapping[
            str, Callable[[Accepted, bodies.SuccessContext, int, Operation], Response]
        ] = {
            START: self._start,
            SHOW: self._show,
            LIST: self._list,
            STOP: self._stop,
            COMMAND: self._command,
        }

    @classmethod
    def for_spec(
        cls,
        spec: MockSpec,
        store: JobStore,
        errors: ErrorAnswers,
        *,
        processing_delay: float = DEFAULT_PROCESSING_DELAY_SECONDS,
        fail_stops: int = 0,
        fail_jobs: int = 0,
        observer: JobObserver | None = None,
    ) -> Lifecycle | None:
        """The lifecycle of `spec`'s jobs if it has all of OPERATION_IDS, else None; `observer`
        is told of every change to a job."""
        if not serves_jobs(spec):
            return None
        start = next(op for op in spec.operations() if op.operation_id == START)
        return cls(
            store,
            errors,
            processing_delay=processing_delay,
            fail_stops=fail_stops,
            fail_jobs=fail_jobs,
            live_states=_live_states(spec, start),
            observer=observer,
        )

    def resume(self, now: datetime) -> int:
        """Tell the observer of every job in the store not stopped, as a mock restarted on its
        state file finds them, so that their events still to come are sent; how many there are."""
        if self._observer is None:
            return 0
        jobs = self.store.open_jobs()
        for job in jobs:
            self._observer.job_changed(job, now)
        return len(jobs)

    def answer(self, accepted: Accepted, context: bodies.SuccessContext) -> Response | None:
        """The stateful answer to a valid request of one of the five operations."""
        operation = accepted.operation
        handler = self._handlers.get(operation.operation_id)
        if handler is None:
            return None
        status, _ = operation.answer
        return handler(accepted, context, status, operation)

    def _room(self, accepted: Accepted) -> tuple[str, str]:
        return accepted.path_params.get("project_id", ""), accepted.path_params.get("room_id", "")

    def _not_found(self, accepted: Accepted) -> Response:
        job_id = accepted.path_params.get("job_id", "")
        project_id, room_id = self._room(accepted)
        return self._errors.error(
            404,
            JOB_NOT_FOUND,
            f"No smart live job {job_id} in room {room_id} of project {project_id}",
            accepted.operation,
        )

    def _start(
        self, accepted: Accepted, ctx: bodies.SuccessContext, status: int, operation: Operation
    ) -> Response:
        request = _object(accepted.body)
        play_policy = _object(request.get("play_policy"))
        exit_config = dict(_object(play_policy.get("live_exit_config")))
        single = _object(request.get("job_run_config")).get("single_job_in_room") is True
        started = ctx.now + self._delay
        project_id, room_id = self._room(accepted)
        with self.store.room(project_id, room_id) as room:
            refusal = self._refusal(room, single, ctx.now)
            if refusal is not None:
                return self._errors.error(400, ROOM_HAS_LIVE_JOB, refusal, operation)
            # Read before the lock: a start with no failure to inject takes no lock for it.
            failing = self._faults_left[START] > 0 and self._take_fault(START) is not None
            # The start's answer is today's request-shaped one (looked up now, so that a test can
            # replace it). Seeded job ids repeat after a restart on the same --state file, and a
            # taken one is drawn again.
            builder: bodies.BodyBuilder = bodies.BUILDERS.get(START, bodies.start_smart_live)
            for _ in range(_MAX_ID_DRAWS):
                body = builder(ctx)
                job = Job(
                    project_id=project_id,
                    room_id=room_id,
                    job_id=str(body["job_id"]),
                    created=ctx.now,
                    started=started,
                    updated=ctx.now,
                    deadline=_deadline(started, exit_config, started),
                    single_job_in_room=single,
                    failed=failing,
                    exit_config=exit_config,
                    output_urls=tuple(map(str, request.get("output_urls") or ())),
                    stream_keys=tuple(map(str, request.get("stream_keys") or ())),
                    details=_details(request, body),
                )
                if room.add(job):
                    break
            else:
                raise RuntimeError(f"no unused job id in {_MAX_ID_DRAWS} draws")
        if self._observer is not None:
            self._observer.job_changed(job, ctx.now)
        return json_response(status, body, media_type=_media(operation))

    def _refusal(self, room: RoomJobs, single: bool, now: datetime) -> str | None:
        # 表12 single_job_in_room: true allows one running job in the room. The mock reads it both
        # ways: a start asking for it is refused while the room has a live job, and a live job
        # started with it refuses every later start until it ends; other starts run side by side.
        live_states = self._live_states
        if single:
            other = next(
                (job for job in room.open_jobs() if state_at(job, now) in live_states), None
            )
            if other is not None:
                return (
                    "job_run_config.single_job_in_room is true and the room has a live job "
                    f"({other.job_id})"
                )
        owners = room.open_jobs(single_job_in_room=True)
        owner = next((job for job in owners if state_at(job, now) in live_states), None)
        if owner is not None:
            return (
                f"live job {owner.job_id} was started with job_run_config.single_job_in_room true: "
                "the room allows no other job until it ends"
            )
        return None

    def _show(
        self, accepted: Accepted, ctx: bodies.SuccessContext, status: int, operation: Operation
    ) -> Response:
        with self.store.room(*self._room(accepted)) as room:
            job = room.get(accepted.path_params.get("job_id", ""))
        if job is None:
            return self._not_found(accepted)
        return json_response(status, smart_live_job(job, ctx.now), media_type=_media(operation))

    def _list(
        self, accepted: Accepted, ctx: bodies.SuccessContext, status: int, operation: Operation
    ) -> Response:
        query = accepted.query
        try:
            since = _bound(query, "create_since")
            until = _bound(query, "create_until")
        except _BadListParameter as exc:
            return self._errors.bad_request(str(exc), operation)
        with self.store.room(*self._room(accepted)) as room:
            jobs = room.jobs()
        states = {str(s) for s in query.get("state") or ()}
        now = ctx.now
        matching = [
            job
            for job in jobs
            if (not states or state_at(job, now) in states)
            and (since is None or _second(job.created) >= since)
            and (until is None or _second(job.created) <= until)
        ]
        # The store gives the room's jobs in insertion order and sort() is stable: equal times
        # stay in that order (reversed, too, for desc). asset_order: the mock knows no assets, so
        # it orders by create_time, as when sort_key is unset.
        if query.get("sort_key") == "update_time":
            matching.sort(key=lambda job: _last_update(job, now))
        else:
            matching.sort(key=attrgetter("created"))
        if query.get("sort_dir") == "desc":
            matching.reverse()
        offset = max(_integer(query.get("offset"), 0), 0)  # the spec's defaults: 0 and 10
        limit = max(_integer(query.get("limit"), 10), 0)
        page = [smart_live_job(job, now) for job in matching[offset : offset + limit]]
        body = {"count": len(matching), "smart_live_jobs": page}
        return json_response(status, body, media_type=_media(operation))

    def _stop(
        self, accepted: Accepted, ctx: bodies.SuccessContext, status: int, operation: Operation
    ) -> Response:
        left = self._take_fault(STOP)
        if left is not None:
            return self._errors.error(
                INJECTED_FAULT_STATUS,
                INJECTED_FAULT,
                f"Service Unavailable (fault injected by the mock's --fail-stops; {left} more "
                "StopSmartLive request(s) will fail); the job was not stopped",
                operation,
            )
        stopped = None
        with self.store.room(*self._room(accepted)) as room:
            job = room.get(accepted.path_params.get("job_id", ""))
            if job is not None and ended_at(job, ctx.now) is None:
                stopped = replace(job, stopped=ctx.now)
                room.put(stopped)
        if job is None:
            return self._not_found(accepted)
        if stopped is not None and self._observer is not None:
            self._observer.job_changed(stopped, ctx.now)
        # Stopping an ended job leaves it as it ended and answers the same (x-idempotent).
        return Response(status_code=status)

    def _take_fault(self, operation_id: str) -> int | None:
        """One injected fault of the operation's, if any is left: how many are left after it."""
        with self._faults_lock:
            left = self._faults_left[operation_id]
            if left <= 0:
                return None
            self._faults_left[operation_id] = left - 1
            return left - 1

    def _command(
        self, accepted: Accepted, ctx: bodies.SuccessContext, status: int, operation: Operation
    ) -> Response:
        request = _object(accepted.body)
        command = str(request.get("command", ""))
        params = _object(request.get("params"))
        with self.store.room(*self._room(accepted)) as room:
            job = room.get(accepted.path_params.get("job_id", ""))
            if job is None:
                return self._not_found(accepted)
            # A command is for a live job: an ended one has nothing to act on. 400, as for any
            # request the service cannot carry out as sent (the code is the mock's, see above).
            if state_at(job, ctx.now) not in self._live_states:
                return self._errors.error(
                    400,
                    JOB_NOT_LIVE,
                    f"Smart live job {job.job_id} is not live (state {state_at(job, ctx.now)}); "
                    f"{command} needs a job in {', '.join(sorted(self._live_states))}",
                    operation,
                )
            changed = _commanded(job, command, params, ctx.now)
            if changed is not job:
                room.put(changed)
        command_id = str(bodies.seeded_uuid(ctx.rng))
        body = {"command_id": command_id, "command": command, "result": _result(command, changed)}
        if self._observer is not None:
            if changed is not job:
                self._observer.job_changed(changed, ctx.now)
            self._observer.command_executed(changed, command, command_id, ctx.now)
        return json_response(status, body, media_type=_media(operation))


def _commanded(job: Job, command: str, params: Mapping[str, Any], now: datetime) -> Job:
    if command == _RESET_EXIT_COMMAND:
        # The new exit configuration replaces the old; its max_live_duration still counts from
        # the start of the live.
        exit_config = dict(params)
        return replace(
            job,
            exit_config=exit_config,
            deadline=_deadline(job.started, exit_config, now),
            updated=now,
        )
    urls = params.get("output_urls")
    if command == _REFRESH_OUTPUT_COMMAND and isinstance(urls, list):
        # RefreshOutputUrlConfig is in no source; read as StartSmartLiveReq's output_urls.
        return replace(job, output_urls=tuple(str(u) for u in urls), updated=now)
    return job


def _result(command: str, job: Job) -> str:
    if command == _SCRIPTS_COMMAND:
        data: Any = {"scripts": []}  # the mock plays no script
    elif command == _CONFIG_COMMAND:
        data = {
            "room_id": job.room_id,
            "job_id": job.job_id,
            "output_urls": list(job.output_urls),
            "play_policy": {"live_exit_config": dict(job.exit_config)},
            "job_run_config": {"single_job_in_room": job.single_job_in_room},
        }
    else:
        return _DONE
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# SmartLiveJob fields the start decides: from its answer, and from its request where both have one.
_FROM_ANSWER = ("rtc_room_info", "live_event_report_url")
_FROM_REQUEST = ("live_event_callback_config", "rtc_callback_config", "co_streamer_config")


def _details(request: Mapping[str, Any], answer: Mapping[str, Any]) -> dict[str, Any]:
    details = {key: answer[key] for key in _FROM_ANSWER if key in answer}
    details.update({key: request[key] for key in _FROM_REQUEST if key in request})
    return details


def _bound(query: Mapping[str, Any], name: str) -> datetime | None:
    # An empty value is no time either: refused like any other (a client that means "no bound"
    # leaves the parameter out), so that what the mock accepts is what `format: date-time` would.
    text = query.get(name)
    if not isinstance(text, str):
        return None
    moment = None
    if _RFC3339.fullmatch(text):
        try:
            moment = datetime.fromisoformat(text.upper())
        except ValueError:  # 2021-13-40T...: the right shape, no such time
            moment = None
    if moment is None:
        raise _BadListParameter(
            f"query {name}: {text[:64]!r} is not an RFC 3339 date-time such as "
            "2021-01-10T08:43:17Z (format)"
        )
    return moment.astimezone(UTC)


def _integer(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _media(operation: Operation) -> str:
    return operation.answer[1].media_type or "application/json"


def _live_states(spec: MockSpec, start: Operation) -> frozenset[str]:
    # StartSmartLive's x-lifecycle says which states are live; the mock's own are the default.
    node = (spec.document.get("paths") or {}).get(start.path_template) or {}
    extension = _object(_object(node.get(start.method.lower())).get("x-lifecycle"))
    states = extension.get("live_states")
    if isinstance(states, list) and states and all(isinstance(s, str) for s in states):
        return frozenset(states)
    return DEFAULT_LIVE_STATES
