"""Our generated client against Prism, the peer mock server, serving our spec (installed by `make prism`)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from benchmarks.prism import running_prism
from metastudio import Client
from tests.conftest import SPEC


@pytest.fixture(scope="module")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_prism(SPEC, tmp_path_factory.mktemp("prism") / "prism.log") as base_url:
        yield base_url


def test_our_client_gets_202_from_prism(prism_url: str) -> None:
    with Client(project_id="p1", token="prism-accepts-any-token", base_url=prism_url) as client:
        job = client.smart_live.start("room-1", output_urls=["rtmp://127.0.0.1/live/a"])
    # Prism answers with the spec's 202 example: our client parses what our spec documents.
    assert job.job_id == "26f06524-4f75-4b3a-a853-b649a21aaf66"
    assert job.request_id is not None


def test_prism_also_rejects_what_our_mock_rejects(prism_url: str) -> None:
    # Prism validates against the same spec; ours answers 400 MSS.00000003 (test_mock_bad_requests).
    response = httpx.post(
        f"{prism_url}/v1/p1/smart-live-rooms/room-1/smart-live-jobs",
        json={"output_urls": ["rtmp://a/1", "rtmp://a/2"]},
        headers={"X-Auth-Token": "t"},
    )
    assert response.status_code in (400, 422)
