"""`make load` on Locust: the mock under the mix, in one process and from two local workers, and a
server that fails. Asserts counts only, never timings (throughput is reported, not judged).

Locust runs only as subprocesses: importing it monkey-patches the standard library with gevent.
"""

from __future__ import annotations

import itertools
import json
import re
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks import swarm
from benchmarks.load import LoadReport, run
from benchmarks.mix import MIX, loopback_refusal
from benchmarks.tally import Tally
from tests.conftest import ROOT, run_module, serving_on_loopback

# What the mock answers each kind of the mix.
EXPECTED = {
    "valid-token": 202,
    "valid-aksk": 202,
    "wrong-type": 400,
    "too-many-urls": 400,
    "malformed-json": 400,
    "wrong-token": 401,
    "wrong-media-type": 400,
    "wrong-method": 405,
    "big-body": 202,
}
# Generous: the request budget, not the clock, ends these runs.
SECONDS = 60
PER_WORKER = 450


def _assert_clean(report: LoadReport, requests: int) -> None:
    assert report.problems == [], report.problems
    assert report.errors == {}, report.by_kind
    assert report.server_errors == 0, report.statuses
    assert report.requests == requests
    assert sum(report.statuses.values()) == requests
    # Every kind was sent, and got its own answer each time.
    for kind, expected in EXPECTED.items():
        statuses = {int(status): n for status, n in report.by_kind[kind]["statuses"].items()}
        assert set(statuses) == {expected}, (kind, statuses)
        assert report.by_kind[kind]["dropped"] == {}
    assert not report.failed
    assert len(report.rss_kib) >= 2  # before and after, at least


def test_the_expected_statuses_cover_the_mix() -> None:
    assert list(EXPECTED) == [kind.name for kind in MIX]


def test_one_process_gets_every_expected_status_and_no_5xx_and_no_drop(tmp_path: Path) -> None:
    requests = 2 * PER_WORKER
    report = run(SECONDS, 8, max_requests=requests, directory=tmp_path)
    _assert_clean(report, requests)
    assert report.locust_exit_code == 0
    assert report.per_worker == {}
    assert (tmp_path / "locust_stats.csv").is_file() and (tmp_path / "locust.html").is_file()


def test_two_local_workers_share_the_run_and_get_the_same_answers(tmp_path: Path) -> None:
    report = run(SECONDS, 8, max_requests=2 * PER_WORKER, workers=2, directory=tmp_path)
    _assert_clean(report, 2 * PER_WORKER)
    # Both workers took part, each with its share of the budget, counted by the master.
    assert report.per_worker == {"0": PER_WORKER, "1": PER_WORKER}
    assert report.locust_exit_code == 0 and report.worker_exit_codes == [0, 0]
    tally = json.loads((tmp_path / "tally.json").read_text())
    assert tally["workers_expected"] == 2
    assert tally["locust"]["failures"] == 0


class _FailingHandler(socketserver.StreamRequestHandler):
    """Odd requests get a 500; even ones a connection closed without an answer."""

    counter = itertools.count(1)
    lock = threading.Lock()

    def handle(self) -> None:
        for _ in range(1000):  # requests on one connection, at most
            length = self._read_head()
            if length is None:
                return
            self.rfile.read(length)
            with self.lock:
                n = next(self.counter)
            if n % 2 == 0:
                return  # dropped: the connection closes with no answer
            body = b'{"error_code":"MSS.00000000","error_msg":"failing on purpose"}'
            self.wfile.write(
                b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
            )
            self.wfile.flush()

    def _read_head(self) -> int | None:
        """The request's Content-Length once its head has been read; None at the end."""
        length = 0
        for _ in range(100):  # header lines, at most
            line = self.rfile.readline(65536)
            if not line:
                return None
            if line in (b"\r\n", b"\n"):
                return length
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        return None


class _FailingServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    block_on_close = True  # server_close() joins every connection's thread


@contextmanager
def _failing_server() -> Iterator[str]:
    with serving_on_loopback(_FailingServer(("127.0.0.1", 0), _FailingHandler)) as url:
        yield url


def test_a_server_that_answers_500_or_drops_fails_the_load_command(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    with _failing_server() as url:
        result = run_module(
            "benchmarks.load",
            *("--target", url, "--seconds", str(SECONDS), "--connections", "4"),
            *("--max-requests", "200", "--report", str(report_path)),
            timeout=SECONDS + 120,
        )
    assert result.returncode == 1, result.stderr
    report = json.loads(report_path.read_text())
    assert report["failed"] is True
    assert report["statuses"] == {"500": report["server_errors"]} and report["server_errors"] > 0
    assert report["dropped"] > 0, report["by_kind"]
    assert report["server_errors"] + report["dropped"] == report["requests"] == 200
    line = result.stdout.strip()
    assert f"5xx {report['server_errors']}" in line and "dropped connections {" in line, line


def test_the_load_command_refuses_a_target_off_loopback() -> None:
    result = run_module("benchmarks.load", "--target", "http://192.0.2.1:4010", "--seconds", "1")
    assert result.returncode == 2
    said = " ".join(re.sub("[│╭╮╰╯─]", " ", result.stderr).split())  # typer's box, unwrapped
    assert "Invalid value for '--target'" in said and "192.0.2.1 is not a loopback address" in said
    with pytest.raises(ValueError, match="loopback only"):
        run(1, 1, max_requests=1, target="http://10.0.0.1")


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:4010", True),
        ("http://127.8.9.10", True),
        ("http://localhost:80", True),
        ("http://[::1]:4010", True),
        ("http://0.0.0.0:4010", False),
        ("http://10.0.0.1", False),
        ("https://example.com", False),
        ("http://127.0.0.1.example.com", False),
        ("ftp://127.0.0.1", False),
        ("127.0.0.1:4010", False),
    ],
)
def test_loopback_is_the_only_target(url: str, allowed: bool) -> None:
    assert (loopback_refusal(url) is None) is allowed


def test_the_locustfile_itself_refuses_a_host_off_loopback(tmp_path: Path) -> None:
    # 0.0.0.0 is off the rule yet, were the refusal broken, reaches only this machine.
    command = swarm.main_command(
        swarm.Plan("http://0.0.0.0:9", 1, 5, 1, 0, tmp_path), master_port=None
    )
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "refusing --host" in result.stderr and "loopback only" in result.stderr
    assert not (tmp_path / "tally.json").exists()


def test_tallies_merge_and_credit_their_worker() -> None:
    master, worker = Tally(), Tally()
    worker.answered("valid-token", 202)
    worker.lost("wrong-type", "ConnectionResetError")
    master.merge(Tally.from_json(worker.take().to_json()), worker="1")
    master.merge(Tally.from_json(worker.take().to_json()), worker="0")  # nothing new to credit
    assert master.requests == 2 and master.workers == {"1": 2}
    assert master.status_totals() == {202: 1}
    assert master.drop_totals() == {"ConnectionResetError": 1}


def test_locust_never_entered_this_process() -> None:
    # Its import patches sockets, threads and time with gevent's for the whole process.
    assert "locust" not in sys.modules and "gevent" not in sys.modules
