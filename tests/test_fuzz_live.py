"""`make fuzz-live`: what it needs, what it refuses, its guard and signer; and, with credentials, the
real endpoint (skipped, saying why, without them)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Unpack

import httpx
import pytest
import requests
import yaml

from fuzz.guard import LiveGuard, RefusedRequest, wire_request
from fuzz.settings import LIVE_NEEDS
from fuzz.signing import SdkHmacAuth
from metastudio import AuthenticationError, BadRequestError, Client
from metastudio.models import PlayPolicy
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN, create_app
from mockserver.background import serving
from mockserver.spec import load_mock_spec
from mockserver.verdicts import Rejected, Stage
from mockserver.wire import WireRequest
from tests.conftest import ROOT, SPEC
from tests.mock_requests import PATH, VALID_BODY, ClientCredentials, StatusRecorder, json_bytes

JOBS = "/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs"
LIVE_STATES = ("WAITING", "PROCESSING")


def run_fuzz(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in LIVE_NEEDS}
    return subprocess.run(
        [sys.executable, "-m", "fuzz", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A loopback socket that records whether anything connected."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield f"http://127.0.0.1:{server.getsockname()[1]}", server


def nothing_connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


def test_without_credentials_it_says_what_it_needs_and_sends_nothing(
    listener: tuple[str, socket.socket],
) -> None:
    url, server = listener
    result = run_fuzz("live", env={"METASTUDIO_ENDPOINT": url, "CLOUD_SDK_AK": "ak"})
    assert result.returncode == 2
    assert "nothing sent" in result.stderr
    for name in LIVE_NEEDS:
        assert name in result.stderr
    assert "missing: CLOUD_SDK_SK, METASTUDIO_PROJECT_ID, METASTUDIO_ROOM_ID" in result.stderr
    assert nothing_connected(server)


def test_make_fuzz_live_without_credentials_fails(listener: tuple[str, socket.socket]) -> None:
    url, server = listener
    clean = {k: v for k, v in os.environ.items() if k not in LIVE_NEEDS}
    result = subprocess.run(
        ["make", "--no-print-directory", "fuzz-live"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode != 0
    assert "It needs these environment variables" in result.stderr
    assert nothing_connected(server)


def test_a_spec_without_a_lifecycle_is_refused(
    listener: tuple[str, socket.socket], tmp_path: Path
) -> None:
    # Without x-lifecycle nothing says how a started job is stopped: nothing is sent at all.
    document = yaml.safe_load(SPEC.read_text())
    del document["paths"][JOBS]["post"]["x-lifecycle"]
    spec = tmp_path / "no-lifecycle.yaml"
    spec.write_text(yaml.safe_dump(document, allow_unicode=True))
    url, server = listener
    env = dict.fromkeys(LIVE_NEEDS, "x") | {"METASTUDIO_ENDPOINT": url}
    result = run_fuzz("live", "--spec", str(spec), env=env)
    assert result.returncode == 2
    assert "nothing sent" in result.stderr and "x-lifecycle" in result.stderr
    assert nothing_connected(server)


def test_the_docs_example_address_and_starts_without_a_budget_are_refused(
    listener: tuple[str, socket.socket],
) -> None:
    url, server = listener
    env = dict.fromkeys(LIVE_NEEDS, "x") | {"METASTUDIO_ENDPOINT": url}
    example = run_fuzz("live", "--output-url", "rtmp://vfxpush.hwcloudvr.cn/live/lysa", env=env)
    assert example.returncode == 2 and "example address" in example.stderr
    unbudgeted = run_fuzz("live", "--allow-starts", env=env)
    assert unbudgeted.returncode == 2 and "--max-accepted" in unbudgeted.stderr
    assert nothing_connected(server)


ROOM = "room-1"
PROJECT = "proj-1"


def live_env(url: str) -> dict[str, str]:
    return {
        "METASTUDIO_ENDPOINT": url,
        "CLOUD_SDK_AK": DEV_AK,
        "CLOUD_SDK_SK": DEV_SK,
        "METASTUDIO_PROJECT_ID": PROJECT,
        "METASTUDIO_ROOM_ID": ROOM,
    }


def room_states(url: str) -> dict[str, str]:
    """job_id → state of every job of the test room, read with raw HTTP (not the code under test)."""
    found: dict[str, str] = {}
    for offset in range(0, 10_000, 100):
        answer = httpx.get(
            f"{url}/v1/{PROJECT}/smart-live-rooms/{ROOM}/smart-live-jobs",
            params={"offset": offset, "limit": 100},
            headers={"X-Auth-Token": DEV_TOKEN},
        )
        assert answer.status_code == 200, answer.text
        jobs = answer.json()["smart_live_jobs"]
        found.update((job["job_id"], job["state"]) for job in jobs)
        if len(jobs) < 100:
            return found
    raise AssertionError("more than 10,000 jobs in the test room")


def still_running(url: str) -> list[str]:
    return sorted(job for job, state in room_states(url).items() if state in LIVE_STATES)


def report(report_dir: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((report_dir / "live-report.json").read_text())
    return loaded


def test_the_live_run_against_the_mock_starts_no_job(tmp_path: Path) -> None:
    # The default budget (no accepted start) against a service as strict as the spec: exit 0.
    recording = StatusRecorder(create_app(seed=4, processing_delay=0))
    statuses = recording.statuses
    with serving(recording) as url:
        result = run_fuzz(
            "live", "--max-examples", "30", "--report-dir", str(tmp_path), env=live_env(url)
        )
        assert room_states(url) == {}
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert statuses[202] == 0
    # Signed properly, the body cases reach validation (400) instead of stopping at auth (401).
    assert statuses[400] > 100
    assert statuses[400] > 3 * statuses[401] > 0, statuses
    assert report(tmp_path)["findings"] == [] and report(tmp_path)["left_running"] == []
    assert (tmp_path / "junit.xml").exists()
    assert DEV_SK not in (tmp_path / "junit.xml").read_text()
    assert DEV_SK not in result.stdout + result.stderr


def test_a_running_job_in_the_room_stops_the_run_before_it_sends_anything(tmp_path: Path) -> None:
    with serving(create_app(seed=4, processing_delay=0)) as url:
        with Client(project_id=PROJECT, ak=DEV_AK, sk=DEV_SK, base_url=url) as client:
            theirs = client.smart_live.start(ROOM, output_urls=["rtmp://127.0.0.1:9/live/x"])
        refused = run_fuzz("live", "--report-dir", str(tmp_path), env=live_env(url))
        assert refused.returncode == 2
        assert "running jobs" in refused.stderr and str(theirs.job_id) in refused.stderr
        gone_on = run_fuzz(
            "live",
            "--allow-live-jobs",
            "--max-examples",
            "5",
            "--report-dir",
            str(tmp_path),
            env=live_env(url),
        )
        assert gone_on.returncode == 0, gone_on.stderr[-2000:]
        assert still_running(url) == [theirs.job_id]  # the user's job is not touched


@pytest.mark.parametrize("fail_stops", [0, 3], ids=["stops-answer", "first-stops-fail"])
def test_against_a_lenient_service_every_accepted_start_is_stopped(
    tmp_path: Path, fail_stops: int
) -> None:
    # A service laxer than the spec (null read as absent, strings coerced, no bounds): starts
    # the spec forbids are accepted. Each is stopped at once, reported, and none is left running.
    app = create_app(seed=4, processing_delay=0, lenient=True, fail_stops=fail_stops)
    with serving(app) as url:
        result = run_fuzz(
            "live",
            "--max-examples",
            "20",
            "--max-accepted",
            "25",
            "--report-dir",
            str(tmp_path),
            env=live_env(url),
        )
        states = room_states(url)
        assert still_running(url) == []
    outcome = report(tmp_path)
    assert result.returncode == 1, result.stderr[-3000:]
    assert len(outcome["findings"]) >= 5
    assert all(f["kind"] == "accepted-forbidden" for f in outcome["findings"])
    assert sorted(outcome["created"]) == sorted(states)  # every job of the room is the run's
    assert outcome["left_running"] == []
    assert "the service accepted what the spec forbids" in result.stderr
    assert DEV_SK not in result.stdout + result.stderr + json.dumps(outcome)


def test_the_budget_ends_the_run_and_what_it_started_is_stopped(tmp_path: Path) -> None:
    with serving(create_app(seed=4, processing_delay=0, lenient=True)) as url:
        result = run_fuzz(
            "live", "--max-examples", "50", "--report-dir", str(tmp_path), env=live_env(url)
        )
        assert still_running(url) == []
    outcome = report(tmp_path)
    assert result.returncode == 1
    assert outcome["ended_by"] == "budget"
    assert len(outcome["findings"]) == 1  # the first accepted start spends the budget of 0


def test_valid_starts_are_sent_only_within_the_budget_and_each_is_stopped(tmp_path: Path) -> None:
    recording = StatusRecorder(create_app(seed=4, processing_delay=0))
    with serving(recording) as url:
        result = run_fuzz(
            "live",
            "--allow-starts",
            "--max-accepted",
            "3",
            "--max-examples",
            "20",
            "--report-dir",
            str(tmp_path),
            env=live_env(url),
        )
        states = room_states(url)
    outcome = report(tmp_path)
    assert 1 <= recording.statuses[202] <= 3
    assert all(f["kind"] == "allowed-start" for f in outcome["findings"])
    assert len(states) == recording.statuses[202] and not set(states.values()) & set(LIVE_STATES)
    assert result.returncode in (0, 1), result.stderr[-2000:]


def test_an_interrupted_run_still_stops_every_job_it_started(tmp_path: Path) -> None:
    # Stops fail at first, so jobs are still running when the run is interrupted (SIGINT).
    recording = StatusRecorder(create_app(seed=4, processing_delay=0, lenient=True, fail_stops=6))
    clean = {k: v for k, v in os.environ.items() if k not in LIVE_NEEDS}
    with serving(recording) as url:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fuzz",
                "live",
                "--max-accepted",
                "25",
                "--max-examples",
                "50",
                "--report-dir",
                str(tmp_path),
            ],
            cwd=ROOT,
            env={**clean, **live_env(url)},
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(600):  # bounded: at most 60 s for the first accepted start
            if recording.statuses[202] or process.poll() is not None:
                break
            time.sleep(0.1)
        assert recording.statuses[202] >= 1, "the lenient mock accepted no start"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=300)
        assert still_running(url) == []
    outcome = report(tmp_path)
    assert outcome["ended_by"] == "interrupt", stderr[-2000:]
    assert process.returncode == 130
    # The first start's stops were still failing: the clean-up, not the net, stopped it.
    assert "job(s) the run left running" in stderr, stderr[-2000:]
    assert outcome["left_running"] == [] and outcome["created"]


def _prepared(
    body: bytes, url: str = f"http://127.0.0.1:9{PATH}", **headers: str
) -> requests.PreparedRequest:
    request = requests.Request(
        "POST", url, data=body, headers={"Content-Type": "application/json", **headers}
    )
    return request.prepare()


def _mock_verdict_stage(prepared: requests.PreparedRequest) -> Stage | None:
    """The stage that rejects the request; None when it is accepted."""
    verdict = create_app(seed=1).judge(wire_request(prepared))
    return verdict.stage if isinstance(verdict, Rejected) else None


def test_the_signer_signs_what_the_mock_verifies() -> None:
    request = SdkHmacAuth(DEV_AK, DEV_SK)(_prepared(json_bytes(VALID_BODY)))
    assert _mock_verdict_stage(request) is None


def test_the_signer_keeps_fuzzed_credential_headers() -> None:
    signed = SdkHmacAuth(DEV_AK, DEV_SK)(_prepared(json_bytes(VALID_BODY), **{"X-Sdk-Date": ""}))
    assert signed.headers["X-Sdk-Date"] == ""
    assert signed.headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=")
    assert _mock_verdict_stage(signed) is Stage.AUTH
    fuzzed = SdkHmacAuth(DEV_AK, DEV_SK)(_prepared(b"{}", Authorization="garbage"))
    assert fuzzed.headers["Authorization"] == "garbage"
    assert DEV_SK not in repr(SdkHmacAuth(DEV_AK, DEV_SK))


@pytest.fixture(scope="module")
def guard() -> LiveGuard:
    return LiveGuard(load_mock_spec(SPEC), DEV_AK, DEV_SK, frozenset({"StartSmartLive"}))


def _signed(body: bytes, **headers: str) -> requests.PreparedRequest:
    return SdkHmacAuth(DEV_AK, DEV_SK)(_prepared(body, **headers))


def test_the_guard_refuses_a_valid_start(guard: LiveGuard) -> None:
    with pytest.raises(RefusedRequest, match="valid start request"):
        guard.check(_signed(json_bytes(VALID_BODY)))
    with pytest.raises(RefusedRequest, match="valid start request"):
        guard.check(_signed(b""))  # no body is a valid start too


def test_the_guard_refuses_a_request_invalid_only_in_a_header(guard: LiveGuard) -> None:
    with pytest.raises(RefusedRequest, match="content-type"):
        guard.check(_signed(json_bytes(VALID_BODY), **{"Content-Type": "text/plain"}))
    # A CJK X-App-UserId breaks the spec's pattern, but the service may not check it. requests
    # cannot put CJK text in a header, so the guard is given the parts directly.
    signed = _signed(json_bytes(VALID_BODY))
    headers = {name.lower(): str(value) for name, value in signed.headers.items()}
    headers["host"] = "127.0.0.1:9"
    with pytest.raises(RefusedRequest, match="valid start request"):
        guard.check_wire(WireRequest("POST", PATH, headers, json_bytes(VALID_BODY)))
    headers["x-app-userid"] = "用户"
    with pytest.raises(RefusedRequest, match="invalid only in its parameters"):
        guard.check_wire(WireRequest("POST", PATH, headers, json_bytes(VALID_BODY)))


def test_the_guard_lets_through_what_must_be_rejected(guard: LiveGuard) -> None:
    guard.check(_signed(json_bytes({"play_policy": {"repeat_count": 101}})))  # body
    guard.check(_signed(b'{"output_urls": ['))  # malformed JSON
    guard.check(_prepared(json_bytes(VALID_BODY), Authorization="SDK-HMAC-SHA256 garbage"))  # auth
    guard.check(_signed(json_bytes(VALID_BODY), **{"X-Sdk-Date": "20000101T000000Z"}))  # expired


# The real endpoint: only with credentials, and only requests it must reject.
LIVE = {name: os.environ.get(name, "") for name in LIVE_NEEDS}
live_only = pytest.mark.skipif(
    not all(LIVE.values()),
    reason=f"real-endpoint test: set {', '.join(LIVE_NEEDS)} to run it (nothing is sent without them)",
)


def _live_client(**credentials: Unpack[ClientCredentials]) -> Client:
    return Client(
        project_id=LIVE["METASTUDIO_PROJECT_ID"],
        base_url=LIVE["METASTUDIO_ENDPOINT"],
        **credentials,
    )


INVALID_POLICY = PlayPolicy.model_construct(repeat_count=101)  # breaks 表6: the service must refuse


@live_only
def test_live_wrong_sk_is_401() -> None:
    with _live_client(ak=LIVE["CLOUD_SDK_AK"], sk="not-the-real-sk") as client:
        with pytest.raises(AuthenticationError) as caught:
            client.smart_live.start(LIVE["METASTUDIO_ROOM_ID"], play_policy=INVALID_POLICY)
    assert caught.value.status_code == 401


@live_only
def test_live_invalid_body_is_400_mss_00000003() -> None:
    with _live_client(ak=LIVE["CLOUD_SDK_AK"], sk=LIVE["CLOUD_SDK_SK"]) as client:
        with pytest.raises(BadRequestError) as caught:
            client.smart_live.start(LIVE["METASTUDIO_ROOM_ID"], play_policy=INVALID_POLICY)
    assert caught.value.error_code == "MSS.00000003"


@live_only
def test_live_fuzzing_finds_nothing(tmp_path: Path) -> None:
    result = run_fuzz("live", "--report-dir", str(tmp_path), env=LIVE)
    assert result.returncode == 0, result.stdout[-3000:]
