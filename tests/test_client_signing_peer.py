"""End to end: what our Client sends under AK/SK is signed exactly as huaweicloudsdkcore would sign it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

from metastudio import Client, VideoConfig
from metastudio._base_client import PreparedRequest
from metastudio._base_model import EmptyResult
from metastudio._resource import query_params
from metastudio._signing import parse_authorization
from metastudio._types import NOT_GIVEN

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


QUERIES = {
    "scalars": (("state", "PROCESSING"), ("limit", "10"), ("flag", "true")),
    "repeated and reserved": (("id", "a b"), ("id", "x/y"), ("q", "1+1=2&c")),
    "unicode": (("名称", "直播"),),
}


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_query_parameters_are_signed_as_the_peer_signs_them(query: str) -> None:
    # Query parameters (query_params in the generated resources) go through the same signer:
    # the peer, given the same decoded pairs, computes the same signature.
    captured: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(200, json={})

    client = Client(
        ak=AK, sk=SK, base_url="https://example.test", transport=httpx.MockTransport(handler)
    )
    pairs = query_params(*((name, value, True) for name, value in QUERIES[query]))
    client.request(
        PreparedRequest("GET", "/v1/p/jobs", {}, None, NOT_GIVEN, params=pairs), EmptyResult
    )
    (request,) = captured
    assert request.url.params.multi_items() == list(QUERIES[query])
    parsed = parse_authorization(request.headers["Authorization"])
    assert parsed is not None
    peer_request = SdkRequest(
        method="GET",
        schema="https",
        host="example.test",
        resource_path=request.url.path,
        query_params=list(QUERIES[query]),
        header_params={name: request.headers[name] for name in parsed.signed_headers},
        body=b"",
    )
    signed = Signer(BasicCredentials(ak=AK, sk=SK, project_id=PROJECT)).sign(peer_request)
    assert signed.header_params["Authorization"] == request.headers["Authorization"]
