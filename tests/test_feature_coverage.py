"""The feature-coverage spec: its generated package is a golden record, type-checked, and every
operation round-trips through the mock serving the same spec, checked on the wire."""

from __future__ import annotations

import asyncio
import datetime
import importlib
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from mockserver import DEV_BASIC_PASSWORD, DEV_BASIC_USER, DEV_TOKEN, create_app
from sdkbuild.checking import compare_trees
from sdkbuild.generation import Options, build
from speccore.lint import OPENAPI
from tests.conftest import ROOT

SPEC = ROOT / "tests" / "feature_coverage" / "openapi.yaml"
GOLDEN = ROOT / "tests" / "feature_coverage" / "golden"
PACKAGE = "feature_coverage"
OPTIONS = Options(package=PACKAGE, lint=OPENAPI)
UPDATE = (
    f"{sys.executable} -m generator generate --spec {SPEC.relative_to(ROOT)} "
    f"--output {GOLDEN.relative_to(ROOT)} --lint openapi --package {PACKAGE}"
)


def test_the_golden_record_is_what_the_generator_makes(tmp_path: Path) -> None:
    build(SPEC, tmp_path / "out", OPTIONS)
    diff = compare_trees(GOLDEN, tmp_path / "out")
    assert not diff, f"the golden record is stale; update it with:\n  {UPDATE}\n{diff[:4000]}"


def test_the_golden_record_passes_mypy_strict(tmp_path: Path) -> None:
    shutil.copytree(GOLDEN / PACKAGE, tmp_path / PACKAGE)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml")]
        + ["--cache-dir", str(tmp_path / ".mypy"), PACKAGE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"MYPYPATH": str(tmp_path), "PATH": str(Path(sys.executable).parent)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def fc() -> Iterator[ModuleType]:
    sys.path.insert(0, str(GOLDEN))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(GOLDEN))


class Recorder(httpx.AsyncBaseTransport):
    """Hands requests to the in-process mock and keeps each one, as sent, for the wire checks."""

    def __init__(self) -> None:
        self.inner = httpx.ASGITransport(app=create_app(SPEC, seed=3))
        self.sent: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.sent.append(request)
        return await self.inner.handle_async_request(request)


def _client(fc: ModuleType, recorder: Recorder) -> Any:
    return fc.AsyncClient(
        api_key_header=DEV_TOKEN,
        api_key_query=DEV_TOKEN,
        bearer_auth=DEV_TOKEN,
        basic_auth=(DEV_BASIC_USER, DEV_BASIC_PASSWORD),
        transport=recorder,
    )


async def _live_job(c: Any, m: ModuleType) -> Any:
    async with c.jobs.live_job(name="n") as started:
        return started


# resource.method → a call with the arguments its operation needs; each returns what it got.
CALLS: dict[str, Callable[[Any, ModuleType], Awaitable[Any]]] = {
    "default.echo_node": lambda c, m: c.default.echo_node(
        value="root", children=[m.Node(value="leaf")]
    ),
    "default.health": lambda c, m: c.default.health(),
    "default.op_123start": lambda c, m: c.default.op_123start(
        id=3,
        from_=datetime.date(2024, 1, 2),
        type="a-b",
        list=["p", "q"],
        page_size=5,
        page_size_2=6,
    ),
    "events.subscribe": lambda c, m: c.events.subscribe(event_url="http://127.0.0.1:9/hook"),
    "foo_bar.one": lambda c, m: c.foo_bar.one(),
    "foo_bar_2.foo_bar_two": lambda c, m: c.foo_bar_2.foo_bar_two(),
    "forms.submit_form": lambda c, m: c.forms.submit_form(name="n", count=3),
    "forms.upload_file": lambda c, m: c.forms.upload_file(file=b"\x00bytes"),
    "items.batch": lambda c, m: (
        c.items.batch(body=[m.BatchItemsBodyItem(name="one")])
        if hasattr(m, "BatchItemsBodyItem")
        else c.items.batch(body=[{"name": "one"}])
    ),
    "items.get_item_by_index": lambda c, m: c.items.get_item_by_index(7, trace_id=None),
    "message.list_messages": lambda c, m: c.message.list_messages(),
    "models.create_widget": lambda c, m: c.models.create_widget(name="w1", ratio=0.5),
    "models.echo_awkward": lambda c, m: c.models.echo_awkward(request_id="r", class_="c"),
    "models.echo_bundle": lambda c, m: c.models.echo_bundle(),
    "jobs.cancel_job": lambda c, m: c.jobs.cancel_job("j-1"),
    "jobs.list": lambda c, m: c.jobs.list(size=3),  # an awaitable pager: its first page
    "jobs.live_job": _live_job,  # a start, then a stop
    "jobs.show_job": lambda c, m: c.jobs.show_job("j-1"),
    "jobs.start_job": lambda c, m: c.jobs.start_job(name="n"),
    "jobs.wait_for": lambda c, m: c.jobs.wait_for(
        "j-1", ["queued", "running", "done", "failed"], timeout=0
    ),
    "pets.create_animal": lambda c, m: c.pets.create_animal(pet_type="cat", name="x"),
    "pets.get_legacy_pet": lambda c, m: c.pets.get_legacy_pet(),
    "pets.list": lambda c, m: c.pets.list(),
    "things.create_thing": lambda c, m: c.things.create_thing(title="t"),
    "things.delete_thing": lambda c, m: c.things.delete_thing("th-1", tenant_id="ten"),
    "things.get_item_by_id": lambda c, m: c.things.get_item_by_id("th-1", tenant_id="ten"),
    "things.list": lambda c, m: c.things.list(q="query", tag=["a", "b"], ids=[1, 2]),
    "things.replace_thing": lambda c, m: c.things.replace_thing("th-1", title="t"),
}


def _methods(client: Any) -> set[str]:
    found = set()
    for attribute, resource in vars(client).items():
        if type(resource).__module__.startswith(f"{PACKAGE}.resources"):
            found |= {
                f"{attribute}.{name}"
                for name in dir(type(resource))
                if not name.startswith("_") and callable(getattr(resource, name))
            }
    return found


def test_the_calls_cover_every_operation(fc: ModuleType) -> None:
    assert _methods(_client(fc, Recorder())) == set(CALLS)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_operation_round_trips_through_the_mock(fc: ModuleType, name: str) -> None:
    recorder = Recorder()

    async def go() -> Any:
        async with _client(fc, recorder) as client:
            return await CALLS[name](client, fc)

    result = asyncio.run(go())
    assert len(recorder.sent) == SENDS.get(name, 1)
    assert result is not None


SENDS = {"jobs.live_job": 2}
"""How many requests a call sends, when it is not one."""


def _sent(fc: ModuleType, name: str) -> httpx.Request:
    recorder = Recorder()

    async def go() -> None:
        async with _client(fc, recorder) as client:
            await CALLS[name](client, fc)

    asyncio.run(go())
    return recorder.sent[0]


def test_query_parameters_are_sent_with_their_array_styles(fc: ModuleType) -> None:
    # Once a defect: query parameters were documented as sent and never sent.
    request = _sent(fc, "things.list")
    query = request.url.query.decode()
    assert "q=query" in query
    assert "tag=a&tag=b" in query  # style form, explode true
    assert "ids=1%2C2" in query or "ids=1,2" in query  # style form, explode false
    assert request.headers["X-Api-Key"] == DEV_TOKEN


def test_path_level_parameters_are_merged(fc: ModuleType) -> None:
    # Once a defect: a required path-level header was dropped, and the mock refused every call.
    request = _sent(fc, "things.get_item_by_id")
    assert request.method == "GET" and request.url.path == "/things/th-1"
    assert request.headers["X-Tenant-Id"] == "ten"
    assert request.content == b""


def test_colliding_argument_names_are_both_sent(fc: ModuleType) -> None:
    request = _sent(fc, "default.op_123start")
    pairs = request.url.params.multi_items()
    assert ("page-size", "5") in pairs and ("page_size", "6") in pairs
    assert ("from", "2024-01-02") in pairs and ("type", "a-b") in pairs


def test_form_multipart_and_auth_schemes_on_the_wire(fc: ModuleType) -> None:
    form = _sent(fc, "forms.submit_form")
    assert form.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert b"name=n" in form.content and b"count=3" in form.content
    upload = _sent(fc, "forms.upload_file")
    assert upload.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b"\x00bytes" in upload.content
    assert _sent(fc, "things.create_thing").headers["Authorization"] == f"Bearer {DEV_TOKEN}"
    assert _sent(fc, "items.batch").url.params["api_key"] == DEV_TOKEN
    assert _sent(fc, "items.get_item_by_index").headers["Authorization"].startswith("Basic ")
    assert "X-Api-Key" not in _sent(fc, "default.health").headers  # security: []


def test_awkward_names_keep_their_wire_names(fc: ModuleType) -> None:
    request = _sent(fc, "models.echo_awkward")
    assert b'"request_id":"r"' in request.content.replace(b" ", b"")
    assert b'"class":"c"' in request.content.replace(b" ", b"")
    for name in ("Int", "BaseModelModel", "Message", "ModelWithDashes", "Model1stModel", "Pet2"):
        assert isinstance(getattr(fc, name), type), name


def test_a_client_without_regions_takes_the_servers_url(fc: ModuleType) -> None:
    # Once a defect: Client() on a spec without regions raised "not a region ID: ''".
    client = fc.Client()
    assert client.base_url == "http://127.0.0.1:4010"
    client.close()


def test_colliding_tags_and_a_tag_named_like_a_model(fc: ModuleType) -> None:
    # Once defects: two tags equal after snake-casing silently dropped an operation, and a tag
    # named like a model (Message beside schema `message`) broke `client.message` at run time.
    client = fc.Client()
    assert {"foo_bar", "foo_bar_2"} <= set(vars(client))
    assert type(client.message).__name__ == "MessageResource"
    assert fc.Message.__name__ == "Message"
    client.close()


def test_each_success_status_parses_as_its_own_model(fc: ModuleType) -> None:
    # createThing answers 200 with a Thing or 201 with a CreatedThing; Prefer: code= (as in Prism)
    # makes the mock answer either.
    async def go(prefer: str) -> Any:
        http = httpx.AsyncClient(
            transport=Recorder(), headers={"Prefer": prefer} if prefer else None
        )
        async with fc.AsyncClient(bearer_auth=DEV_TOKEN, http_client=http) as client:
            return await client.things.create_thing(title="t")

    assert type(asyncio.run(go(""))).__name__ == "Thing"
    assert type(asyncio.run(go("code=201"))).__name__ == "CreatedThing"


def _wire(fc: ModuleType, answer: Callable[[httpx.Request], httpx.Response]) -> Any:
    """A sync client of the golden package on a MockTransport; its requests in `.sent`."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer(request)

    client = fc.Client(
        api_key_header=DEV_TOKEN,
        transport=httpx.MockTransport(handler),
        retry=fc.RetryPolicy(initial_delay=0, max_delay=0),
    )
    client.sent = sent
    return client


def test_a_discriminated_body_is_flattened_into_keywords(fc: ModuleType) -> None:
    client = _wire(fc, lambda r: httpx.Response(201, content=r.content))
    created = client.pets.create_animal(pet_type="dog", name="Rex", bark_volume=3)
    assert type(created).__name__ == "Dog" and created.barkVolume == 3
    assert (
        client.sent[0].content.replace(b" ", b"")
        == b'{"petType":"dog","name":"Rex","barkVolume":3}'
    )
    for wrong in ({"pet_type": "dog", "name": "Rex", "indoor": True}, {"pet_type": "cow"}):
        with pytest.raises(fc.InvalidArgumentError):
            client.pets.create_animal(**wrong)
    assert len(client.sent) == 1


def test_a_page_without_a_total_ends_at_a_short_page(fc: ModuleType) -> None:
    jobs = [{"jobId": f"j{n}", "status": "queued"} for n in range(7)]

    def answer(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("start", 0))
        size = int(request.url.params["size"])
        return httpx.Response(200, json={"jobs": jobs[start : start + size]})

    client = _wire(fc, answer)
    assert [job.jobId for job in client.jobs.list(size=3)] == [f"j{n}" for n in range(7)]
    assert [r.url.params.get("start") for r in client.sent] == [None, "3", "6"]


def test_an_x_idempotent_post_is_retried_and_the_lifecycle_stops_by_it(fc: ModuleType) -> None:
    statuses = iter([503, 204])

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/jobs":
            return httpx.Response(201, json={"jobId": "j-1", "status": "queued"})
        return httpx.Response(next(statuses))

    client = _wire(fc, answer)
    with client.jobs.live_job(name="n") as started:
        assert started.jobId == "j-1"
    assert [(r.method, r.url.path) for r in client.sent] == [
        ("POST", "/jobs"),
        ("POST", "/jobs/j-1/cancel"),
        ("POST", "/jobs/j-1/cancel"),
    ]
