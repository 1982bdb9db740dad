"""The peer: openapi-core validating the same requests (run in its own venv; prints JSON).

Usage: python benchmarks/openapi_core_peer.py SPEC CASES_JSON LOOPS
"""

from __future__ import annotations

import json
import sys
import timeit
from functools import partial
from pathlib import Path

import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest


def main() -> None:
    spec_path, cases_path, loops = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    api = OpenAPI.from_dict(yaml.safe_load(spec_path.read_text()))
    cases = json.loads(cases_path.read_text())
    results = {}
    for case in cases:
        request = MockRequest(
            "https://metastudio.cn-north-4.myhuaweicloud.com",  # matched against servers, not called
            "post",
            case["path"],
            headers=case["headers"],
            data=case["body"].encode(),
            content_type="application/json",
        )
        valid = True
        try:
            api.validate_request(request)
        except Exception:  # noqa: BLE001 - any validation error means "invalid"
            valid = False
        assert valid == case["valid"], (case["name"], valid)
        timer = timeit.Timer(partial(_validate, api, request))
        best = min(timer.repeat(repeat=5, number=loops)) / loops
        results[case["name"]] = best * 1e6
    print(json.dumps(results))


def _validate(api: OpenAPI, request: MockRequest) -> None:
    try:
        api.validate_request(request)
    except Exception:  # noqa: BLE001
        pass


if __name__ == "__main__":
    main()
