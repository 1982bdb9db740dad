"""The SDK's cost per call against the floor server: raw httpx (the floor), ours, the official SDK."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

import metastudio
from mockserver import DEV_AK, DEV_SK, DEV_TOKEN

PROJECT, ROOM = "bench-project", "bench-room"
PATH = f"/v1/{PROJECT}/smart-live-rooms/{ROOM}/smart-live-jobs"
OUTPUT = "rtmp://127.0.0.1:9/live/bench"
BODY = b'{"output_urls":["rtmp://127.0.0.1:9/live/bench"]}'
HEADERS = {"Content-Type": "application/json", "X-Auth-Token": DEV_TOKEN, "X-Project-Id": PROJECT}
RAW = "raw httpx, body pre-serialized (floor)"
SENT = "httpx, a request built from a parsed URL, sent (reference)"
"""What httpx itself costs: the floor's call without build_request's parse and merge of its URL
string. The SDK parses each URL once (metastudio._base_client._url), so it can cost less than
the floor; this says how far from httpx's own cost it is."""
OURS_TOKEN = "metastudio SDK, token"
OURS_AKSK = "metastudio SDK, AK/SK"
OFFICIAL = "huaweicloudsdkmetastudio, AK/SK (official)"
ROUNDS = 20
"""Many short rounds, the clients in turn: on a shared machine the best of many short windows is
the cost without the neighbours; a few long ones each catch some of their work."""


@dataclass(frozen=True)
class CallCost:
    """Microseconds per call of one client: the best of `rounds` rounds of `calls` calls."""

    client: str
    microseconds: float
    rounds: int
    calls: int


def _best(clients: dict[str, Callable[[], object]], calls: int, rounds: int) -> dict[str, float]:
    """Each client's best round, in µs per call; the rounds take the clients in turn, so that a
    machine busier at one moment than another slows them alike."""
    for call in clients.values():
        call()  # a connection, and everything imported, before timing
    best = dict.fromkeys(clients, float("inf"))
    for _ in range(rounds):
        for name, call in clients.items():
            started = time.perf_counter()
            for _ in range(calls):
                call()
            best[name] = min(best[name], (time.perf_counter() - started) / calls)
    return {name: seconds * 1e6 for name, seconds in best.items()}


def _official(base_url: str) -> Callable[[], object]:
    # Imported here: it writes ~/.huaweicloud/application_id on import. AK, SK and project id
    # are always explicit (without them it probes a cloud metadata address); no retries.
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkmetastudio.v1 import (
        MetaStudioClient,
        StartSmartLiveReq,
        StartSmartLiveRequest,
    )

    config = HttpConfig.get_default_config()
    config.retry_times = 0
    client = (
        MetaStudioClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(DEV_AK, DEV_SK, PROJECT))
        .with_endpoints([base_url])
        .build()
    )
    request = StartSmartLiveRequest(room_id=ROOM, body=StartSmartLiveReq(output_urls=[OUTPUT]))
    return lambda: client.start_smart_live(request)


def measure(base_url: str, calls: int = 100, rounds: int = ROUNDS) -> list[CallCost]:
    """Each client's cost per start against the server at `base_url`, in one run."""
    raw = httpx.Client(base_url=base_url, trust_env=False)
    url = httpx.URL(base_url + PATH)
    token = metastudio.Client(project_id=PROJECT, token=DEV_TOKEN, base_url=base_url)
    aksk = metastudio.Client(project_id=PROJECT, ak=DEV_AK, sk=DEV_SK, base_url=base_url)
    clients: dict[str, Callable[[], object]] = {
        RAW: lambda: raw.post(PATH, content=BODY, headers=HEADERS).raise_for_status(),
        SENT: lambda: raw.send(
            httpx.Request("POST", url, content=BODY, headers=HEADERS)
        ).raise_for_status(),
        OURS_TOKEN: lambda: token.smart_live.start(ROOM, output_urls=[OUTPUT]),
        OURS_AKSK: lambda: aksk.smart_live.start(ROOM, output_urls=[OUTPUT]),
        OFFICIAL: _official(base_url),
    }
    try:
        return [
            CallCost(name, microseconds, rounds, calls)
            for name, microseconds in _best(clients, calls, rounds).items()
        ]
    finally:
        raw.close()
        token.close()
        aksk.close()
