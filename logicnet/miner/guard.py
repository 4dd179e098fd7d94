"""A request guard in front of the bittensor Axon.

The bare Axon reads any body size at any pace, answers unparsable headers, a non-JSON
body or a wrongly typed field with 500, lets an unsigned ``timeout`` header widen its
nonce window, and builds the answer on the body's own ``axon``/``dendrite`` blocks (a
status code of a thousand digits there breaks the reply). This pure-ASGI layer runs first
and turns each of those into a clear 4xx (with ``{"message": reason}``) before bittensor
sees the request:

    404  unknown route            405  method other than POST/GET
    413  body over the cap        408  body not complete within ``body_timeout_s``
    400  missing or unparsable bittensor headers, bad ``timeout``, body not a JSON object
         (nested too deep, an integer too long, a broken unicode escape), field of wrong type
    503  ``max_in_flight`` requests already being answered (only the excess is refused);
         with several hotkeys in one process, this hotkey's share of it (``InFlightShares``)

The checks run cheapest first: route, method and headers before the body is read, the
in-flight cap before the body is parsed. A ``timeout`` above ``max_timeout_s`` is clamped
rather than refused. The body then goes on re-encoded, holding only the synapse's own
fields and the clamped ``timeout``: the body is not covered by the signature
(``LogicSynapse`` declares no hash fields), so nothing a validator signed is changed.
Connection-level limits (idle sockets, half headers, the cap on open connections) live in
``connections.py``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import threading
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import pydantic
from bittensor import Synapse

from logicnet.flags import MINER
from logicnet.protocol import DEFAULT_MAX_BODY_BYTES

__all__ = ["MAX_JSON_DEPTH", "MIN_TIMEOUT_S", "REQUIRED_HEADERS", "InFlightShares", "RequestGuard"]

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

# Below this a ``timeout`` cannot be a real deadline (bittensor turns it into a nonce window
# and the miner into a solving budget); refuse it instead of answering nobody.
MIN_TIMEOUT_S = 0.5
# No field of the wire classes nests; Information's dicts get a little room.
MAX_JSON_DEPTH = 32
# bittensor's envelope (name, timeout, sizes, axon, dendrite, hashes) travels in the headers;
# in the body it is only an echo, and the reply would be built on it.
_ENVELOPE = frozenset(Synapse.model_fields) - {"timeout"}


class _Reject(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class InFlightShares:
    """The in-flight cap, shared by the hotkeys one process serves.

    Each of the ``n`` hotkeys is sure of ``cap // n`` requests in flight (at least one);
    past its share a hotkey may borrow only what the others' unused shares leave over. So a
    hotkey flooded by its validators fills the idle capacity, yet the others always find
    their own share free. With one hotkey this is the plain cap.
    """

    def __init__(self, cap: int, hotkeys: tuple[str, ...] = ("",)) -> None:
        if cap < 1 or not hotkeys:
            raise ValueError("an in-flight cap needs cap >= 1 and at least one hotkey")
        self.cap = cap
        self.share = max(1, cap // len(hotkeys))
        self._used = dict.fromkeys(hotkeys, 0)
        self._lock = threading.Lock()  # the servers' loops may be several threads

    @property
    def in_flight(self) -> int:
        return sum(self._used.values())

    def in_flight_of(self, hotkey: str) -> int:
        return self._used[hotkey]

    def acquire(self, hotkey: str) -> bool:
        """Take one place for ``hotkey``; False when it must be refused (503)."""
        with self._lock:
            used = self._used
            total = sum(used.values())
            if total >= self.cap:
                return False
            if used[hotkey] >= self.share:
                # Borrowing: never into a place another hotkey is sure of.
                kept = sum(max(0, self.share - n) for k, n in used.items() if k != hotkey)
                if total + kept >= self.cap:
                    return False
            used[hotkey] += 1
            return True

    def release(self, hotkey: str) -> None:
        with self._lock:
            self._used[hotkey] -= 1


class RequestGuard:
    """ASGI middleware: validate size, headers and body, bound the work, pass the request on."""

    def __init__(
        self,
        app: ASGIApp,
        routes: Mapping[str, type[Synapse]],
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_timeout_s: float = MINER.default("max_timeout"),
        max_in_flight: int = MINER.default("max_concurrency"),
        body_timeout_s: float = MINER.default("body_timeout"),
        on_refuse: Callable[[int], None] | None = None,
        on_refuse_route: Callable[[str, int], None] | None = None,
        shares: InFlightShares | None = None,
        hotkey: str = "",
    ) -> None:
        self.app = app
        self.routes = dict(routes)
        self._input_headers = {
            route: {
                f"bt_header_input_obj_{name}".encode()
                for name, info in model.model_fields.items()
                if info.is_required()
            }
            for route, model in self.routes.items()
        }
        self.max_body_bytes = max_body_bytes
        self.max_timeout_s = max_timeout_s
        self.max_in_flight = max_in_flight
        self.body_timeout_s = body_timeout_s
        # The cap, alone or shared with the process's other hotkeys (``hotkey`` names ours).
        self.shares = shares or InFlightShares(max_in_flight, (hotkey,))
        self.hotkey = hotkey
        self.on_refuse = on_refuse  # counts refusals for the miner's status line
        self.on_refuse_route = on_refuse_route  # (route, status): the metrics' count

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            model, body = await self._receive(scope, receive)
        except _Reject as reject:
            await self._refuse(send, reject, scope)
            return
        # Waiting for a body costs nothing; answering does: only now count the request.
        if not self.shares.acquire(self.hotkey):
            busy = f"busy: {self.shares.in_flight} requests in flight; retry shortly"
            await self._refuse(send, _Reject(503, busy), scope)
            return
        try:
            try:
                body = self._clean_body(body, model)
            except _Reject as reject:
                await self._refuse(send, reject, scope)
                return
            scope["headers"] = [
                (k, v)
                for k, v in scope["headers"]
                if k.lower() not in (b"content-type", b"content-length")
            ] + [
                (b"content-type", b"application/json"),  # or FastAPI hands over raw bytes
                (b"content-length", str(len(body)).encode()),
            ]
            await self.app(scope, _replay(body, receive), send)
        finally:
            self.shares.release(self.hotkey)

    @property
    def in_flight(self) -> int:
        """Requests of this hotkey being answered now."""
        return self.shares.in_flight_of(self.hotkey)

    async def _refuse(self, send: Send, reject: _Reject, scope: Scope | None = None) -> None:
        if self.on_refuse is not None:
            self.on_refuse(reject.status)
        if self.on_refuse_route is not None and scope is not None:
            route = str(scope.get("path", "")).strip("/")  # known routes only: bounded labels
            self.on_refuse_route(route if route in self.routes else "unknown", reject.status)
        await _send_json(send, reject.status, {"message": reject.message})

    async def _receive(self, scope: Scope, receive: Receive) -> tuple[type[Synapse], bytes]:
        """The cheap checks, then the body (within its deadline)."""
        route = scope.get("path", "").strip("/")
        model = self.routes.get(route)
        if model is None:
            raise _Reject(
                404, f"unknown route /{route[:64]}; this miner serves {sorted(self.routes)}"
            )
        if scope.get("method") not in ("POST", "GET"):
            raise _Reject(405, "use POST")
        headers = _headers(scope)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            raise _Reject(413, f"body larger than {self.max_body_bytes} bytes")
        missing = [h for h in REQUIRED_HEADERS if not headers.get(h)]
        if missing:
            raise _Reject(400, f"not a signed bittensor request: missing {', '.join(missing)}")
        self._check_timeout_header(scope, headers)
        # Synapse fields as headers: a dendrite sends them (as empty dummies) only for fields
        # without a default, and bittensor logs an error line for each it cannot decode.
        keep = self._input_headers[route]
        scope["headers"] = [
            (k, v)
            for k, v in scope["headers"]
            if not k.lower().startswith(b"bt_header_input_obj_") or k.lower() in keep
        ]
        _check_headers_parse(model, _headers(scope))
        try:
            body = await asyncio.wait_for(
                _read_body(receive, self.max_body_bytes), self.body_timeout_s
            )
        except asyncio.TimeoutError:
            raise _Reject(408, f"body not received within {self.body_timeout_s:g} s") from None
        return model, body

    def _bounded_timeout(self, value: Any, where: str) -> float:
        """A timeout as seconds in [MIN_TIMEOUT_S, max_timeout_s]; refuse what is no number."""
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float, str))
            or (isinstance(value, str) and "_" in value)
        ):  # float() would take "1_0"
            raise _Reject(400, f"{where} is not a number")
        try:
            seconds = float(value)
        except (ValueError, OverflowError):
            # OverflowError: an integer beyond float's range is a clamped huge value.
            if isinstance(value, int) and value > 0:
                return self.max_timeout_s
            raise _Reject(400, f"{where} is not a number") from None
        if not math.isfinite(seconds) or seconds < MIN_TIMEOUT_S:
            raise _Reject(
                400, f"{where} must be a finite number of seconds, at least {MIN_TIMEOUT_S}"
            )
        return min(seconds, self.max_timeout_s)

    def _check_timeout_header(self, scope: Scope, headers: dict[str, str]) -> None:
        raw = headers.get("timeout")
        if raw is None:
            return
        # Whole seconds, rounded up: LogicSynapse types its timeout as int, so "0.7" or
        # "12.5" would fail bittensor's header parse with a 500.
        canonical = str(math.ceil(self._bounded_timeout(raw.strip(), "timeout header")))
        scope["headers"] = [
            (k, canonical.encode() if k.lower() == b"timeout" else v) for k, v in scope["headers"]
        ]

    def _clean_body(self, body: bytes, model: type[Synapse]) -> bytes:
        """The body as the route will parse it: checked, envelope dropped, re-encoded."""
        try:
            data = json.loads(body) if body else {}
        except RecursionError:
            raise _Reject(400, "body is nested too deeply") from None
        except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, int digit limit
            reason = "holds an integer too long" if "digits" in str(exc) else "is not JSON"
            raise _Reject(400, f"body {reason}") from None
        if not isinstance(data, dict):
            raise _Reject(400, "body must be a JSON object")
        if _depth(data) > MAX_JSON_DEPTH:
            raise _Reject(400, f"body is nested deeper than {MAX_JSON_DEPTH} levels")
        data = {k: v for k, v in data.items() if k not in _ENVELOPE}
        if "timeout" in data:
            seconds = self._bounded_timeout(data["timeout"], "timeout field")
            if isinstance(data["timeout"], int) or seconds == self.max_timeout_s:
                data["timeout"] = math.ceil(seconds)
            else:
                data["timeout"] = seconds  # a fraction stays one: the model decides its type
        try:
            model.model_validate(data)
        except pydantic.ValidationError as exc:
            # Only field paths and messages: the offending values may be huge or hostile.
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}"
                for err in exc.errors()[:5]
            )
            raise _Reject(400, f"invalid fields: {problems}") from None
        try:
            return json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise _Reject(400, "body holds an invalid unicode escape (a lone surrogate)") from None


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _check_headers_parse(model: type[Synapse], headers: dict[str, str]) -> None:
    """Parse the headers as bittensor will; what it cannot parse would be its 500."""
    try:
        model.from_headers(headers)
    except (pydantic.ValidationError, TypeError, ValueError, RecursionError) as exc:
        problem = exc.errors()[0]["loc"] if isinstance(exc, pydantic.ValidationError) else ()
        where = f" ({'.'.join(str(p) for p in problem)})" if problem else ""
        raise _Reject(400, f"bittensor headers cannot be parsed{where}") from None


def _depth(data: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


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
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    if status in (408, 413):
        headers.append((b"connection", b"close"))  # the rest of the body is never read
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})
