"""`make fuzz-live`: what it needs, what it refuses, its guard and signer; and, with credentials, the
real endpoint (skipped, saying why, without them)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Unpack

import pytest
import requests

from fuzz.cli import LIVE_NEEDS
from fuzz.guard import LiveGuard, RefusedRequest, wire_request
from fuzz.signing import SdkHmacAuth
from metastudio import AuthenticationError, BadRequestError, Client
from metastudio.models import PlayPolicy
from mockserver import DEV_AK, DEV_SK, create_app
from mockserver.background import serving
from mockserver.spec import load_mock_spec
from mockserver.verdicts import Rejected, Stage
from mockserver.wire import WireRequest
from tests.conftest import ROOT, SPEC
from tests.mock_requests import PATH, VALID_BODY, ClientCredentials, StatusRecorder, json_bytes


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


def test_valid_starts_are_refused_while_the_spec_cannot_stop_a_job(
    listener: tuple[str, socket.socket],
) -> None:
    url, server = listener
    env = dict.fromkeys(LIVE_NEEDS, "x") | {"METASTUDIO_ENDPOINT": url}
    result = run_fuzz("live", "--allow-starts", env=env)
    assert result.returncode == 2
    assert "--allow-starts refused" in result.stderr
    assert "no operation that stops" in result.stderr
    assert nothing_connected(server)


def test_the_live_run_against_the_mock_starts_no_job(tmp_path: Path) -> None:
    recording = StatusRecorder(create_app(seed=4))
    statuses = recording.statuses
    with serving(recording) as url:
        env = {
            "METASTUDIO_ENDPOINT": url,
            "CLOUD_SDK_AK": DEV_AK,
            "CLOUD_SDK_SK": DEV_SK,
            "METASTUDIO_PROJECT_ID": "proj-1",
            "METASTUDIO_ROOM_ID": "room-1",
        }
        result = run_fuzz("live", "--max-examples", "30", "--report-dir", str(tmp_path), env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert statuses[202] == 0
    # Signed properly, the body cases reach validation (400) instead of stopping at auth (401).
    assert statuses[400] > 100
    assert statuses[400] > 5 * statuses[401] > 0
    assert (tmp_path / "junit.xml").exists()
    assert DEV_SK not in (tmp_path / "junit.xml").read_text()
    assert DEV_SK not in result.stdout + result.stderr


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
    return LiveGuard(load_mock_spec(SPEC), DEV_AK, DEV_SK)


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
