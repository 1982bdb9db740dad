"""End to end: what our Client sends under AK/SK is signed exactly as huaweicloudsdkcore would sign it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

from metastudio import Client, VideoConfig
from metastudio._signing import parse_authorization

AK, SK, PROJECT = "AKEXAMPLE0000", "sk-example-secret", "0123456789abcdef0123456789abcdef"

CALLS: dict[str, dict[str, Any]] = {
    "empty body": {},
    "doc example": {"output_urls": ["rtmp://vfxpush.hwcloudvr.cn/live/lysa"]},
    "nested and unicode": {
        "video_config": VideoConfig(bitrate=4000, width=1080, height=1920),
        "interaction_callback_url": "https://example.test/回调?a=1&b=two words",
    },
    "header argument": {"app_user_id": "user-42"},
}
ROOMS = ("24bad716-87b1-45e5-8912-6102f7693265", "room with spaces", "房间/1")


def sent_request(room: str, arguments: dict[str, Any]) -> httpx.Request:
    captured: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(202, json={"job_id": "j"})

    client = Client(
        project_id=PROJECT,
        ak=AK,
        sk=SK,
        region="cn-north-4",
        transport=httpx.MockTransport(handler),
    )
    client.smart_live.start(room, **arguments)
    (request,) = captured
    return request


@pytest.mark.parametrize("room", ROOMS)
@pytest.mark.parametrize("call", sorted(CALLS))
def test_peer_signs_our_request_identically(room: str, call: str) -> None:
    request = sent_request(room, CALLS[call])
    parsed = parse_authorization(request.headers["Authorization"])
    assert parsed is not None
    # The peer signs every header it is given: give it exactly the ones we signed.
    headers = {name: request.headers[name] for name in parsed.signed_headers}
    peer_request = SdkRequest(
        method=request.method,
        schema=request.url.scheme,
        host=request.url.host,
        resource_path=request.url.raw_path.decode("ascii"),
        query_params=[],
        header_params=headers,
        body=request.content,
    )
    signed = Signer(BasicCredentials(ak=AK, sk=SK, project_id=PROJECT)).sign(peer_request)
    assert signed.header_params["Authorization"] == request.headers["Authorization"]
    assert {"host", "x-sdk-date", "x-project-id", "content-type"} <= set(parsed.signed_headers)
    assert not {"connection", "accept-encoding", "content-length"} & set(parsed.signed_headers)
