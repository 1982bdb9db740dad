"""Run the mock on loopback in the background: on a thread (in-process) or in its own process."""

from __future__ import annotations

import gc
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

import httpx
import uvicorn

from mockserver.protocol import EnvelopeHttpToolsProtocol

STARTUP_TIMEOUT_SECONDS = 10.0


def serve(app: Any, host: str, port: int, *, log_level: str = "info") -> None:
    """Serve `app` until interrupted, on the mock's server stack: uvicorn, httptools with the
    gateway's limits (mockserver.protocol), no access log of uvicorn's (the app keeps its own,
    mockserver.accesslog), no proxy headers. The benchmarks' floor is served by this too."""
    # What exists now (the spec, its compiled schemas, the modules) lives as long as the server:
    # out of the collector's reach, a request's garbage no longer makes it walk all of it again
    # (about 70 µs of every start's CPU on the development machine; benchmarks/PROFILES.md).
    gc.collect()
    gc.freeze()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        # Not behind a proxy: no X-Forwarded-For of a client is taken for its address.
        proxy_headers=False,
        lifespan="on",
        http=EnvelopeHttpToolsProtocol,
    )


@contextmanager
def serving(
    app: Any, host: str = "127.0.0.1", port: int = 0, *, keep_alive_seconds: int = 5
) -> Iterator[str]:
    """Serve `app` until the block ends; yields its base URL (port 0 picks a free port). An idle
    connection is closed after `keep_alive_seconds` (uvicorn's default)."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        lifespan="on",
        http=EnvelopeHttpToolsProtocol,
        timeout_keep_alive=keep_alive_seconds,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="mockserver", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the mock server did not start on {host}:{port}")
        time.sleep(0.01)
    bound_port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT_SECONDS)


@contextmanager
def serving_process(
    *args: str, startup_timeout: float = 30.0, log: IO[str] | None = None
) -> Iterator[tuple[str, int]]:
    """Run `python -m mockserver ARGS` in its own process on a free loopback port, its output to
    `log` (discarded when None).

    Yields (base URL, pid) once it answers; the process is stopped when the block ends.
    """
    with serving_module("mockserver", *args, startup_timeout=startup_timeout, log=log) as served:
        yield served


@contextmanager
def serving_module(
    module: str, *args: str, startup_timeout: float = 30.0, log: IO[str] | None = None
) -> Iterator[tuple[str, int]]:
    """Run `python -m MODULE --port PORT ARGS`, a server of `--port` on 127.0.0.1 (the mock, the
    benchmarks' floor and counted mock), on a free port, its output to `log` (discarded when
    None); yields (base URL, pid) once it answers, and stops it when the block ends."""
    port = free_port()
    command = [sys.executable, "-m", module, "--port", str(port), *args]
    base_url = f"http://127.0.0.1:{port}"
    with running_process(command, base_url, log=log, startup_timeout=startup_timeout) as process:
        yield base_url, process.pid


@contextmanager
def running_process(
    command: Sequence[str],
    base_url: str,
    *,
    log: IO[str] | None = None,
    startup_timeout: float = 30.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start an HTTP server process, wait until `base_url` answers, stop it when the block ends.

    Its output goes to `log` (discarded when None); RuntimeError if it exits or stays silent.
    """
    output = log if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + startup_timeout
        while not _answers(base_url):
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {process.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not answer on {base_url}")
            time.sleep(0.05)
        yield process
    finally:
        end_process(process)


def end_process(process: subprocess.Popen[Any], grace_seconds: float = 10.0) -> None:
    """Terminate `process`, and kill it if it has not ended within the grace time."""
    process.terminate()
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    """A port that was free on 127.0.0.1 a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(base_url: str) -> bool:
    try:
        httpx.get(base_url, timeout=1)
    except httpx.TransportError:
        return False
    return True
