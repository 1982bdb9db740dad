"""The SDK's cost per call against the floor server: raw httpx (the floor), ours, the official SDK."""

from __future__ import annotations

import statistics
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
"""Rounds of `calls` calls of every client, interleaved call by call (see `_interleaved`)."""


@dataclass(frozen=True)
class CallCost:
    """One client's µs per call in each round; the clients' rounds are paired by index."""

    client: str
    rounds_us: tuple[float, ...]
    calls: int

    @property
    def microseconds(self) -> float:
        """The median round's µs per call."""
        return statistics.median(self.rounds_us)

    @property
    def rounds(self) -> int:
        """How many rounds were measured."""
        return len(self.rounds_us)

    def ratio_to(self, floor: CallCost) -> float:
        """The median, over the rounds, of this client's µs per call over `floor`'s in the same
        round: a round the machine slowed slowed both, so their ratio keeps what the client adds."""
        return statistics.median(
            ours / theirs for ours, theirs in zip(self.rounds_us, floor.rounds_us, strict=True)
        )


def _interleaved(
    clients: dict[str, Callable[[], object]],
    calls: int,
    rounds: int,
    clock: Callable[[], float] = time.perf_counter,
) -> list[CallCost]:
    """Each client's µs per call in each round. Within a round the clients take turns call by
    call, the first of each turn moving on by one, so that whatever else the machine does in a
    round (it moves the per-call cost by ±20% from one minute to the next here) falls on all of
    them alike, and none always runs just after the same other."""
    names = list(clients)
    for call in clients.values():
        call()  # a connection, and everything imported, before timing
    per_round: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        spent = dict.fromkeys(names, 0.0)
        for index in range(calls):
            first = index % len(names)
            for name in names[first:] + names[:first]:
                call = clients[name]
                started = clock()
                call()
                spent[name] += clock() - started
        for name in names:
            per_round[name].append(spent[name] / calls * 1e6)
    return [CallCost(name, tuple(per_round[name]), calls) for name in names]


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
        return _interleaved(clients, calls, rounds)
    finally:
        raw.close()
        token.close()
        aksk.close()
