"""`x-lifecycle`, read once by speccore.model.lifecycles: what the SDK, the mock and live fuzzing share."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from speccore.model import Lifecycle, lifecycles
from tests.conftest import SPEC

DOCUMENT: dict[str, Any] = yaml.safe_load(SPEC.read_text())
START = ("/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs", "post")


def with_lifecycle(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    operation = document["paths"][START[0]][START[1]]
    for key, value in changes.items():
        if value is None:
            operation["x-lifecycle"].pop(key)
        else:
            operation["x-lifecycle"][key] = value
    return document


def test_the_spec_names_how_a_started_job_is_followed_and_ended() -> None:
    assert lifecycles(DOCUMENT) == (
        Lifecycle(
            creator="StartSmartLive",
            id_field="job_id",
            show="ShowSmartLive",
            list="ListSmartLive",
            stop="StopSmartLive",
            state_field="state",
            live_states=("WAITING", "PROCESSING"),
        ),
    )


def test_an_incomplete_lifecycle_names_what_it_lacks() -> None:
    with pytest.raises(ValueError, match=r"x-lifecycle: needs .* \(lacks \['stop'\]\)"):
        lifecycles(with_lifecycle(stop=None))


def test_a_lifecycle_naming_an_operation_the_spec_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="no operation HaltSmartLive in the spec"):
        lifecycles(with_lifecycle(stop="HaltSmartLive"))


def test_an_operation_without_an_operation_id_has_no_lifecycle() -> None:
    document = copy.deepcopy(DOCUMENT)
    del document["paths"][START[0]][START[1]]["operationId"]
    assert lifecycles(document) == ()
