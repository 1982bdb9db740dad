"""The bare start: a valid start's least work on the mock's stack, with the mock's own spec, schemas and
body builder; how near the floor any start can come on this machine."""

# Why it exists: the goal asks the mock for half the floor's rate with every behaviour kept. This
# app keeps only what no start can skip (route, token, path parameters, the JSON body against its
# schema, a new job's answer built and kept in a bounded store, the answer encoded) and leaves out
# the rest (Prefer, header parameters, Content-Type, the room's refusal, the job's record, the
# access log, the body's timeout, the request id's header). Its rate in the same run bounds what
# trimming the mock could reach: an app that does all of the mock's work is no faster than this.

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from starlette.types import Receive, Scope, Send

from mockserver import DEFAULT_SPEC, DEV_TOKEN, bodies
from mockserver.app import lifespan
from mockserver.background import serve, serving_module
from mockserver.jobs import MEMORY_CAPACITY
from mockserver.lifecycle import START
from mockserver.responses import NO_SUCH_API, bad_request, error_response, to_json, unauthorized
from mockserver.spec import MockSpec, load_mock_spec
from mockserver.validation import BadRequest, parse_json

TOKEN_HEADER = b"x-auth-token"
BASE_URL = "http://127.0.0.1"
"""Where the answer's live_event_report_url points (the mock takes it from the Host header)."""


class BareStart:
    """Answers `spec`'s StartSmartLive as the mock does a valid one, with nothing but its bare steps;
    a request that fails one of them gets the API's envelope (404, 401 or 400)."""

    def __init__(self, spec: MockSpec, token: str = DEV_TOKEN, seed: int = 1) -> None:
        self._spec = spec
        self._token = token.encode()
        self._rng = random.Random(seed)
        self._jobs: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._start = next(op for op in spec.operations() if op.operation_id == START)
        self._path_parameters = [p for p in self._start.parameters if p.location == "path"]
        assert self._start.body is not None  # reason: the spec's start has a JSON body
        self._body_schema = self._start.body.media[0].schema

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        chunks = []
        more = True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False) and message["type"] == "http.request"
        try:
            content = self._answer(scope, b"".join(chunks))
        except LookupError:
            await error_response(404, NO_SUCH_API, "The API does not exist")(scope, receive, send)
            return
        except PermissionError:
            await unauthorized()(scope, receive, send)
            return
        except BadRequest as exc:
            await bad_request(str(exc))(scope, receive, send)
            return
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", b"%d" % len(content)),
        ]
        await send({"type": "http.response.start", "status": 202, "headers": headers})
        await send({"type": "http.response.body", "body": content})

    def _answer(self, scope: Scope, raw_body: bytes) -> bytes:
        found = self._spec.find(scope["raw_path"].decode("latin-1"))
        if found is None or found[0].operations.get(scope["method"]) is not self._start:
            raise LookupError
        path_params = found[1]
        if not any(n == TOKEN_HEADER and v == self._token for n, v in scope["headers"]):
            raise PermissionError
        for param in self._path_parameters:
            violation = param.schema.check(path_params.get(param.name), param.label)
            if violation is not None:
                raise BadRequest(violation.render())
        body = parse_json(raw_body)
        if self._body_schema is not None:
            violation = self._body_schema.check(body, "body")
            if violation is not None:
                raise BadRequest(violation.render())
        context = bodies.SuccessContext(
            self._rng, self._spec.document, None, path_params, body, datetime.now(UTC), BASE_URL
        )
        answer = bodies.start_smart_live(context)
        self._jobs[answer["job_id"]] = answer
        if len(self._jobs) > MEMORY_CAPACITY:
            self._jobs.popitem(last=False)
        return to_json(answer)


@contextmanager
def running_bare_start() -> Iterator[tuple[str, int]]:
    """The bare start in its own process on a free loopback port; yields (base URL, pid)."""
    with serving_module("benchmarks.barestart") as served:
        yield served


def main(port: Annotated[int, typer.Option(help="Loopback port.")] = 4012) -> None:
    """Serve the bare start on 127.0.0.1."""
    serve(BareStart(load_mock_spec(DEFAULT_SPEC)), "127.0.0.1", port)


if __name__ == "__main__":
    typer.run(main)
