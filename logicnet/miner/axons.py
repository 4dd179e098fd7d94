"""One HTTP server for every axon of the process: one event loop, one set of connections.

bittensor gives each ``Axon`` its own uvicorn server in its own thread, with its own event
loop. Several hotkeys in one process must not run that way: the solver's LLM client and
the engine's and sandbox's async pipes belong to the loop that first used them, and each
server would count its own connections against the open-file limit. So the axons are built
as usual (hooks, signature checks, request guard, on their own FastAPI apps) but never
started; this server listens on every axon's port, on one loop in one thread, and hands
each request to the app of the port it arrived on. The connection limits
(``connections.py``) hold for the process as a whole: one cap, one eviction order.

With one hotkey it is one port: the same path, the same behaviour.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import uvicorn

from logicnet.errors import ConfigError
from logicnet.miner.connections import ConnectionLimits

__all__ = ["AxonServer", "open_listener"]

log = logging.getLogger(__name__)

Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]

# Requests still being answered at shutdown get this long before they are cancelled.
GRACEFUL_S = 3


def open_listener(host: str | None, port: int, flag: str = "--axon.port") -> socket.socket:
    """A socket bound to ``host:port`` (all interfaces when None), or a one-line ConfigError
    saying why the port cannot be had. It listens only once the server starts on it: until
    then a connection is refused, so "it listens" means "it answers"."""
    bind = host or "0.0.0.0"
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((bind, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"cannot listen on {bind}:{port}: {exc.strerror or exc} (another process has the "
            f"port? pick another with {flag})"
        ) from exc
    sock.set_inheritable(True)
    return sock


class _ByPort:
    """ASGI: the request goes to the app of the local port it came in on."""

    def __init__(self, apps: Mapping[int, ASGIApp]) -> None:
        self.apps = dict(apps)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        server = scope.get("server") or ("", 0)
        app = self.apps.get(int(server[1] or 0))
        if app is None:  # a socket of ours always has an app: this is not reachable
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        await app(scope, receive, send)


class AxonServer:
    """Serve ``{port: (listening socket, axon)}`` until ``stop()``."""

    def __init__(
        self,
        listeners: Mapping[int, tuple[socket.socket, Any]],
        limits: ConnectionLimits,
        graceful_s: int = GRACEFUL_S,
    ) -> None:
        if not listeners:
            raise ValueError("no axon to serve")
        self.listeners = dict(listeners)
        config = uvicorn.Config(
            _ByPort({port: axon.app for port, (_, axon) in self.listeners.items()}),
            lifespan="off",
            log_level="warning",
            timeout_graceful_shutdown=graceful_s,
        )
        limits.apply(config)
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None
        self._crash: list[BaseException] = []

    def start(self, timeout_s: float = 15.0) -> None:
        """Serve in a thread; return once every port listens (ConfigError if it never does)."""
        sockets = [sock for sock, _ in self.listeners.values()]

        def serve() -> None:
            try:
                asyncio.run(self.server.serve(sockets=sockets))
            except BaseException as exc:  # handed to start()/the log: the thread ends here
                self._crash.append(exc)
                log.exception("the axon server stopped")

        self._thread = threading.Thread(target=serve, name="axons", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self._thread.is_alive():
            if self.server.started:
                for _, axon in self.listeners.values():
                    axon.started = True  # what Axon.__str__ and friends read
                return
            self._thread.join(0.01)
        self.server.should_exit = True
        why = f": {self._crash[0]}" if self._crash else f" within {timeout_s:.0f} s"
        raise ConfigError(f"the axons on ports {sorted(self.listeners)} did not start{why}")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout_s: float = GRACEFUL_S + 2.0) -> None:
        """Stop listening, give requests in flight ``graceful_s``, then close everything."""
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                self.server.force_exit = True
                self._thread.join(1.0)
        for sock, axon in self.listeners.values():
            axon.started = False
            sock.close()
