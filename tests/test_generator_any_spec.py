"""Small specs through the generator, one per defect it once had with specs other than ours: each
generates, imports and behaves; what it cannot render is named, at the level the rules give."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from sdkbuild.generation import Options, build
from sdkbuild.naming import class_names
from speccore.lint import OPENAPI
from tests.conftest import RunCli

# No servers, no tags, no callbacks, a parameter without a description, an inline JSON body, a
# form body and a cookie parameter (which the generator cannot render).
PLAIN_SPEC = """
openapi: 3.0.3
info: {title: Plain, version: "1"}
paths:
  /notes/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      operationId: get-note
      parameters:
        - {name: verbose, in: query, schema: {type: boolean}}
      responses:
        '200':
          description: A note.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/note'}
    put:
      operationId: put note
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [text]
              properties: {text: {type: string, maxLength: 5}}
      responses:
        '204': {description: Stored.}
  /login:
    post:
      operationId: login
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties: {user: {type: string}, remember: {type: boolean}}
      responses:
        '200':
          description: Logged in.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/note'}
  /session:
    get:
      operationId: getSession
      parameters:
        - {name: sid, in: cookie, required: true, schema: {type: string}}
      responses:
        '204': {description: Alive.}
components:
  schemas:
    note:
      type: object
      properties: {id: {type: integer}, text: {type: string}}
"""


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("plain")
    spec = root / "plain.yaml"
    spec.write_text(PLAIN_SPEC)
    build(spec, root / "out", Options(package="plain_sdk", lint=OPENAPI))
    sys.path.insert(0, str(root / "out"))
    try:
        yield importlib.import_module("plain_sdk")
    finally:
        sys.path.remove(str(root / "out"))


def _answer(request: httpx.Request) -> httpx.Response:
    if request.method == "PUT":
        return httpx.Response(204)
    return httpx.Response(200, json={"id": 1, "text": request.url.query.decode()})


def test_untagged_operations_without_callbacks_or_servers(plain: ModuleType) -> None:
    # Once defects: `from .callbacks import ()` (a SyntaxError) without callbacks; KeyError: 'tags'
    # for an untagged operation; Client() raising "not a region ID: ''" without regions.
    assert not hasattr(plain, "callbacks") or "parse_" not in dir(plain)
    with pytest.raises(TypeError, match="base_url"):
        plain.Client()
    client = plain.Client(base_url="http://127.0.0.1:9", transport=httpx.MockTransport(_answer))
    note = client.default.get_note(1, verbose=True)
    assert note.text == "verbose=true"  # the query parameter is sent, as JSON spells booleans
    assert type(note).__name__ == "Note"  # a lower-case schema name is a valid class


def test_inline_json_and_form_bodies(plain: ModuleType) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return _answer(request)

    client = plain.Client(base_url="http://127.0.0.1:9", transport=httpx.MockTransport(record))
    result = client.default.put_note(2, text="hello")
    assert type(result).__name__ == "EmptyResult"  # 204: no body
    assert json.loads(sent[-1].content) == {"text": "hello"}
    with pytest.raises(ValueError):  # the hoisted model enforces maxLength before sending
        client.default.put_note(2, text="too long")
    client.default.login(user="u", remember=False)
    assert sent[-1].headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent[-1].content == b"user=u&remember=false"


def test_an_unsupported_construct_is_left_out_and_named(plain: ModuleType, tmp_path: Path) -> None:
    assert not hasattr(plain.Client(base_url="http://x"), "get_session")
    assert "get_session" not in dir(plain.Client(base_url="http://x").default)


def test_unsupported_under_each_profile(run_cli: RunCli, tmp_path: Path) -> None:
    spec = tmp_path / "plain.yaml"
    spec.write_text(PLAIN_SPEC)
    out = tmp_path / "sdk"
    house = run_cli("generate", "--spec", str(spec), "--output", str(out), "--package", "p")
    assert house.returncode == 2
    assert not out.exists()  # nothing written
    assert "error [unsupported] #/paths/~1session/get/parameters/0:" in house.stderr
    assert "cookie parameter 'sid' of GET /session is not supported" in house.stderr

    lax = run_cli(
        "generate", "--spec", str(spec), "--output", str(out), "--lint", "openapi", "--package", "p"
    )
    assert lax.returncode == 0, lax.stderr
    assert "warning [unsupported] #/paths/~1session/get/parameters/0:" in lax.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert list(manifest["skipped_operations"]) == ["getSession"]
    assert "Traceback" not in house.stderr + lax.stderr


def test_a_bad_package_name_or_profile_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    spec = tmp_path / "plain.yaml"
    spec.write_text(PLAIN_SPEC)
    for args, says in (
        (["--package", "not-a-name"], "is not a Python package name"),
        (["--lint", "strictest"], "unknown lint profile 'strictest'"),
    ):
        result = run_cli("generate", "--spec", str(spec), "--output", str(tmp_path / "o"), *args)
        assert result.returncode == 2 and says in result.stderr, result.stderr
        assert not (tmp_path / "o").exists()


def test_model_names_avoid_every_name_the_runtime_exports() -> None:
    # The resources import PreparedRequest and the runtime helpers beside the models; the package
    # re-exports Client, NotGiven and the exceptions: a schema of such a name gets a suffix.
    names = class_names(["PreparedRequest", "Client", "NotGiven", "BadRequestError", "Pet", "pet"])
    assert names == {
        "PreparedRequest": "PreparedRequestModel",
        "Client": "ClientModel",
        "NotGiven": "NotGivenModel",
        "BadRequestError": "BadRequestErrorModel",
        "Pet": "Pet",
        "pet": "Pet2",
    }


CYCLE_SPEC = """
openapi: 3.0.3
info: {title: Cycle, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      parameters: [{$ref: '#/components/parameters/P'}]
      responses:
        '200':
          description: An A.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
components:
  parameters:
    P: {$ref: '#/components/parameters/P'}
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {allOf: [{$ref: '#/components/schemas/A'}]}
"""


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_a_ref_cycle_is_a_located_diagnostic(run_cli: RunCli, tmp_path: Path, command: str) -> None:
    # Once a defect: A → B → A (or a parameter that refers to itself) gave a RecursionError
    # traceback and exit 1; a tree Node (children: Node) is legal and generates (feature coverage).
    spec = tmp_path / "cycle.yaml"
    spec.write_text(CYCLE_SPEC)
    args = ["--output", str(tmp_path / "out")] if command == "generate" else []
    result = run_cli(command, "--spec", str(spec), "--lint", "openapi", *args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "error [ref-cycle] #/components/parameters/P:" in result.stderr
    assert "error [ref-cycle] #/components/schemas/A:" in result.stderr
    assert "#/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A" in (
        result.stderr
    )
    assert not (tmp_path / "out").exists()


# The SDK's extensions in a spec not ours: a discriminated body written in place, an x-pagination
# and an x-lifecycle the SDK cannot honour (named, and their operations rendered without them).
EXTENSIONS_SPEC = """
openapi: 3.0.3
info: {title: Extensions, version: "1"}
paths:
  /shapes:
    post:
      operationId: drawShape
      x-idempotent: true
      x-lifecycle: {id: id, show: getShape, list: listShapes, stop: eraseShape, state: state,
                    live_states: [drawn]}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
              discriminator: {propertyName: kind, mapping: {round: Circle}}
      responses:
        '200':
          description: Drawn.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Shape'}
    get:
      operationId: listShapes
      x-pagination: {offset: skip, items: shapes}
      responses:
        '200':
          description: Shapes.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Shape'}
components:
  schemas:
    Circle:
      type: object
      required: [kind]
      properties: {kind: {type: string, enum: [round]}, radius: {type: number}}
    Square:
      type: object
      required: [kind]
      properties: {kind: {type: string, enum: [Square]}, side: {type: number}}
    Shape:
      type: object
      properties: {id: {type: string}, state: {type: string}}
"""


def test_extensions_the_sdk_cannot_honour_are_named_and_left_aside(
    run_cli: RunCli, tmp_path: Path
) -> None:
    spec = tmp_path / "extensions.yaml"
    spec.write_text(EXTENSIONS_SPEC)
    out = tmp_path / "sdk"
    result = run_cli(
        "generate",
        "--spec",
        str(spec),
        "--output",
        str(out),
        "--lint",
        "openapi",
        "--package",
        "ext",
    )
    assert result.returncode == 0, result.stderr
    assert "warning [unsupported] #/paths/~1shapes/get/x-pagination:" in result.stderr
    assert "'skip' is not a query parameter" in result.stderr
    assert "warning [unsupported] #/paths/~1shapes/post/x-lifecycle:" in result.stderr
    assert "no operation getShape, eraseShape in the spec" in result.stderr
    sys.path.insert(0, str(out))
    try:
        ext = importlib.import_module("ext")
        sent: list[httpx.Request] = []

        def answer(request: httpx.Request) -> httpx.Response:
            sent.append(request)
            if request.method == "POST" and len(sent) == 1:
                return httpx.Response(502)
            return httpx.Response(200, json={"id": "s-1", "state": "drawn"})

        client = ext.Client(base_url="http://127.0.0.1:9", transport=httpx.MockTransport(answer))
        # The inline union is flattened; the mapping's `round` and the implicit `Square` pick.
        shape = client.default.draw_shape(kind="round", radius=2.0)
        assert shape.id == "s-1" and len(sent) == 2  # x-idempotent: the 502 was retried
        assert json.loads(sent[-1].content) == {"kind": "round", "radius": 2.0}
        client.default.draw_shape(kind="Square", side=1.0)
        with pytest.raises(ext.InvalidArgumentError, match="drawShape body"):
            client.default.draw_shape(kind="round", side=1.0)
        assert type(client.default.list_shapes()).__name__ == "Shape"  # the answer, not a page
        assert not [n for n in dir(client.default) if n.startswith(("live_", "wait_for"))]
    finally:
        sys.path.remove(str(out))
