"""uvicorn's HTTP protocol, answering unparseable HTTP in the API's envelope instead of plain text."""

from __future__ import annotations

import json
import secrets

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from mockserver.responses import INVALID_PARAMETER

# Why a subclass: a request that is not HTTP never reaches the ASGI app; uvicorn answers it itself
# with a text/plain 400, a framework page. This keeps the status and the connection handling and
# only changes the body (and adds X-Request-Id, which every answer of the mock carries).


class EnvelopeHttpToolsProtocol(HttpToolsProtocol):
    """httptools protocol whose parser-level 400 is `{"error_code": "MSS.00000003", ...}`."""

    def send_400_response(self, msg: str) -> None:
        body = json.dumps(
            {"error_code": INVALID_PARAMETER, "error_msg": f"Invalid parameter: {msg} (http)"}
        ).encode()
        content = [STATUS_LINE[400]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: application/json\r\n",
                b"x-request-id: " + secrets.token_hex(16).encode() + b"\r\n",
                b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                b"connection: close\r\n",
                b"\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()
