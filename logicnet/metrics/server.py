"""The metrics HTTP server: /metrics (Prometheus text), / (status page), /status.json.

It runs in its own threads beside the miner or validator and shares nothing with them but
the counters, so a slow or hostile client can never hold up an answer: every connection
has a socket deadline, a bounded number are served at once (the rest get 503 straight
away), only GET/HEAD of three paths is served, and request logging goes to the debug log.
Bound to 127.0.0.1 unless ``--metrics.host`` says otherwise.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from logicnet.errors import ConfigError
from logicnet.metrics.config import MetricsSettings
from logicnet.metrics.page import render_page

__all__ = ["MetricsServer", "StatusSource", "serve_metrics"]

log = logging.getLogger(__name__)

# Seconds a client has to send its request and take the reply, per socket operation.
CLIENT_TIMEOUT_S = 5.0
# Connections served at once; a scraper and a browser or two need far fewer.
MAX_CLIENTS = 16


class StatusSource(Protocol):
    role: str
    registry: CollectorRegistry

    def status(self) -> dict[str, Any]: ...


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(
        self, address: tuple[str, int], source: StatusSource, client_timeout_s: float
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.source = source
        self.client_timeout_s = client_timeout_s
        self.slots = threading.BoundedSemaphore(MAX_CLIENTS)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Over the cap: answer 503 on this (accept) thread without reading the request, so
        # a flood of idle sockets cannot pile up threads.
        if not self.slots.acquire(blocking=False):
            try:
                request.settimeout(1.0)
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                    b"Connection: close\r\n\r\n"
                )
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "logicnet-metrics"
    sys_version = ""

    def setup(self) -> None:
        # A socket deadline for each read and write (the class-wide ``timeout`` stays None).
        self.request.settimeout(self.server.client_timeout_s)
        super().setup()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        source = self.server.source
        if path == "/metrics":
            body, kind = generate_latest(source.registry), CONTENT_TYPE_LATEST
        elif path == "/status.json":
            body = json.dumps(source.status(), separators=(",", ":")).encode()
            kind = "application/json"
        elif path in ("/", "/index.html"):
            body = render_page(source.role, source.status()).encode()
            kind = "text/html; charset=utf-8"
        else:
            self._reply(
                HTTPStatus.NOT_FOUND,
                b"not found: try /metrics or /\n",
                "text/plain; charset=utf-8",
                send_body,
            )
            return
        self._reply(HTTPStatus.OK, body, kind, send_body)

    def _reply(self, status: HTTPStatus, body: bytes, kind: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        # The page is self-contained: forbid anything it does not ship itself.
        self.send_header(
            "Content-Security-Policy",
            "default-src 'none'; script-src "
            "'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
            "img-src 'self' data:",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("metrics %s: " + format, self.client_address[0], *args)


class MetricsServer:
    """``start()`` binds and serves in a daemon thread; ``stop()`` closes it."""

    def __init__(
        self,
        source: StatusSource,
        host: str = "127.0.0.1",
        port: int = 0,
        client_timeout_s: float = CLIENT_TIMEOUT_S,
    ) -> None:
        self.source = source
        self.client_timeout_s = client_timeout_s
        self.host = host
        self.requested_port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the metrics server is not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> MetricsServer:
        """Bind now (an OSError says why the port cannot be used) and serve in the background."""
        self._server = _Server((self.host, self.requested_port), self.source, self.client_timeout_s)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.5},
            name=f"metrics-{self.source.role}",
            daemon=True,
        )
        self._thread.start()
        log.info("metrics: %s/metrics, status page %s/", self.url, self.url)
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> MetricsServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_metrics(source: StatusSource, settings: MetricsSettings) -> MetricsServer:
    """The server ``--metrics.port`` asks for, started; a stopped one when the flag is off
    (its ``stop`` does nothing). A port that cannot be bound is a ConfigError, one line."""
    server = MetricsServer(source, settings.host, settings.port or 0)
    if not settings.enabled:
        return server
    try:
        return server.start()
    except OSError as exc:
        raise ConfigError(
            f"--metrics.port {settings.port}: cannot listen on "
            f"{settings.host}:{settings.port} ({exc.strerror or exc})"
        ) from exc
