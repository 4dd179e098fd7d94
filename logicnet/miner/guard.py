"""A request guard in front of the bittensor Axon.

The bare Axon reads any body size, answers a non-JSON body or a wrongly typed
field with 500, and lets an unsigned ``timeout`` header widen its nonce
window. This pure-ASGI layer runs first and turns each of those into a clear
4xx (with ``{"message": reason}``) before bittensor sees the request:

    404  unknown route            405  method other than POST/GET
    413  body over the cap        400  missing bittensor headers, bad timeout,
                                       body not a JSON object, field of wrong type

A ``timeout`` above ``max_timeout_s`` is clamped rather than refused.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import pydantic

__all__ = ["REQUIRED_HEADERS", "RequestGuard"]

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

REQUIRED_HEADERS = (
    "bt_header_dendrite_hotkey",
    "bt_header_dendrite_nonce",
    "bt_header_dendrite_uuid",
    "bt_header_dendrite_signature",
)


class _Reject(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class RequestGuard:
    """ASGI middleware: validate size, headers and body shape, then pass the request on."""

    def __init__(
        self,
        app: ASGIApp,
        routes: Mapping[str, type[pydantic.BaseModel]],
        max_body_bytes: int = 64 * 1024,
        max_timeout_s: float = 120.0,
    ) -> None:
        self.app = app
        self.routes = dict(routes)
        self.max_body_bytes = max_body_bytes
        self.max_timeout_s = max_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._admit(scope, receive)
        except _Reject as reject:
            await _send_json(send, reject.status, {"message": reject.message})
            return
        await self.app(scope, _replay(body, receive), send)

    async def _admit(self, scope: Scope, receive: Receive) -> bytes:
        route = scope.get("path", "").strip("/")
        model = self.routes.get(route)
        if model is None:
            raise _Reject(404, f"unknown route /{route}; this miner serves {sorted(self.routes)}")
        if scope.get("method") not in ("POST", "GET"):
            raise _Reject(405, "use POST")
        headers = _headers(scope)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            raise _Reject(413, f"body larger than {self.max_body_bytes} bytes")
        missing = [h for h in REQUIRED_HEADERS if not headers.get(h)]
        if missing:
            raise _Reject(400, f"not a signed bittensor request: missing {', '.join(missing)}")
        self._check_timeout(scope, headers)
        body = await _read_body(receive, self.max_body_bytes)
        self._check_body(body, model)
        # The body is a JSON object now; say so, or FastAPI hands the route raw bytes (a 500).
        scope["headers"] = [
            (k, v) for k, v in scope["headers"] if k.lower() != b"content-type"
        ] + [(b"content-type", b"application/json")]
        return body

    def _check_timeout(self, scope: Scope, headers: dict[str, str]) -> None:
        raw = headers.get("timeout")
        if raw is None:
            return
        try:
            value = float(raw)
        except ValueError:
            raise _Reject(400, "timeout header is not a number") from None
        if not math.isfinite(value) or value <= 0:
            raise _Reject(400, "timeout header must be a positive number of seconds")
        if value > self.max_timeout_s:
            clamped = str(int(self.max_timeout_s)).encode()
            scope["headers"] = [
                (k, clamped if k.lower() == b"timeout" else v) for k, v in scope["headers"]
            ]

    @staticmethod
    def _check_body(body: bytes, model: type[pydantic.BaseModel]) -> None:
        try:
            data = json.loads(body) if body else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _Reject(400, "body is not JSON") from None
        if not isinstance(data, dict):
            raise _Reject(400, "body must be a JSON object")
        try:
            model.model_validate(data)
        except pydantic.ValidationError as exc:
            # Only field paths and messages: the offending values may be huge or hostile.
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}"
                for err in exc.errors()[:5]
            )
            raise _Reject(400, f"invalid fields: {problems}") from None


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


async def _read_body(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Reject(400, "client disconnected")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _Reject(413, f"body larger than {limit} bytes")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    data = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})
