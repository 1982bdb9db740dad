"""`x-callback-signature`, read once by speccore.model.callback_signature: the SDK's verifier and the mock's signer."""

from __future__ import annotations

import copy
import importlib
import json
import sys
import time
from typing import Any

import pytest
import yaml

from sdkbuild.parsing import parse
from speccore.model import CallbackSignature, SignatureMode, callback_signature, operations
from tests import callback_signer
from tests.conftest import ROOT, SPEC

DOCUMENT: dict[str, Any] = yaml.safe_load(SPEC.read_text())
START = ("/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs", "post")
CALLBACK = "{$request.body#/live_event_callback_config/live_event_type_callback_url}"


def callback_node(document: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = document["paths"][START[0]][START[1]]["callbacks"]["liveEvent"]
    post: dict[str, Any] = node[CALLBACK]["post"]
    return post


def signature_of(document: dict[str, Any]) -> CallbackSignature | None:
    (callback,) = next(op for op in operations(document) if op.callbacks).callbacks
    return callback_signature(callback)


def with_extension(change: Any) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    node = callback_node(document)
    if callable(change):
        change(node["x-callback-signature"])
    else:
        node["x-callback-signature"] = change
    return document


def test_the_spec_names_both_modes_of_metastudios_callbacks() -> None:
    assert signature_of(DOCUMENT) == CallbackSignature(
        algorithm="HMAC-SHA256-URI-TIME",
        modes=(
            SignatureMode("MSS_A", "query", "hwSecret", "hwTime"),
            SignatureMode("MSS_A_HEAD", "header", "x-hw-mss-secret", "x-hw-mss-time"),
        ),
    )


def test_the_modes_are_the_auth_types_that_sign() -> None:
    signature = signature_of(DOCUMENT)
    assert signature is not None
    auth_types = DOCUMENT["components"]["schemas"]["LiveEventCallBackConfig"]["properties"][
        "auth_type"
    ]["enum"]
    assert {m.name for m in signature.modes} < set(auth_types)


def test_a_callback_without_the_extension_has_no_signature() -> None:
    document = copy.deepcopy(DOCUMENT)
    del callback_node(document)["x-callback-signature"]
    assert signature_of(document) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("HMAC", "needs algorithm"),
        (lambda n: n.update(algorithm="MD5"), "needs algorithm"),
        (lambda n: n.update(modes={}), "needs at least one mode"),
        (lambda n: n["modes"]["MSS_A"].update({"in": "cookie"}), "query or header, not 'cookie'"),
        (lambda n: n["modes"]["MSS_A"].pop("time"), "needs in, secret and time"),
        (
            lambda n: n["modes"]["MSS_A"].update(secret="sig"),
            "sig is not a query parameter of LiveEventCallback",
        ),
        (
            lambda n: n["modes"]["MSS_A_HEAD"].update({"in": "query"}),
            "x-hw-mss-secret is not a query parameter",
        ),
    ],
)
def test_a_malformed_extension_says_where_and_what(change: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        signature_of(with_extension(change))
    assert "/callbacks/liveEvent/" in str(caught.value)


def test_header_parameters_match_whatever_their_case() -> None:
    document = with_extension(lambda n: n["modes"]["MSS_A_HEAD"].update(secret="X-HW-MSS-SECRET"))
    signature = signature_of(document)
    assert signature is not None and signature.modes[1].secret == "X-HW-MSS-SECRET"


def test_the_sdk_leaves_out_a_verifier_it_cannot_honour_and_says_so() -> None:
    api = parse(with_extension(lambda n: n.update(algorithm="MD5")), "spec.yaml")
    (callback,) = api.callbacks
    assert callback.signature_modes == ()
    (problem,) = api.ignored_extensions
    assert problem.rule == "unsupported"
    assert problem.pointer.endswith("/post/x-callback-signature")


def test_the_sdk_verifies_by_the_names_the_spec_gives() -> None:
    # The feature-coverage spec signs with headers of its own (X-Event-Signature, X-Event-Time):
    # its golden package's verifier reads those, not MetaStudio's.
    sys.path.insert(0, str(ROOT / "tests" / "feature_coverage" / "golden"))
    try:
        fc = importlib.import_module("feature_coverage")
    finally:
        sys.path.pop(0)
    url, key, now = "http://127.0.0.1:9/events?x=1", "fc-key", int(time.time())
    hw = callback_signer.mss_a_head(url, key, now)
    headers = {"X-Event-Signature": hw["x-hw-mss-secret"], "X-Event-Time": hw["x-hw-mss-time"]}
    body = json.dumps({"id": "e1", "kind": "created"})
    event = fc.verify_on_event_callback(url=url, headers=headers, body=body, key=key)
    assert event.id == "e1"
    with pytest.raises(fc.CallbackVerificationError) as caught:
        fc.verify_on_event_callback(url=url, headers=hw, body=body, key=key)
    assert caught.value.reason == "missing"
