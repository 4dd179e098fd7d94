"""A real HTTP server that speaks the OpenAI chat-completions API, with a script.

Each request takes the next scripted step (or the default one when the script
is empty): a reply after a delay, an HTTP error, a hang, garbage, or a dropped
connection. Every request is recorded so tests can assert what was sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from logicnet.netutil import free_port  # noqa: F401  (the tests import it from here)


@dataclass
class Step:
    kind: str = "reply"  # reply | status | hang | garbage | drop
    text: str = "The answer follows.\nFinal answer: 42"
    delay: float = 0.0
    status: int = 200
    body: str = ""


def reply(text: str, delay: float = 0.0) -> Step:
    return Step("reply", text=text, delay=delay)


def status(code: int, body: str = '{"error": {"message": "scripted failure"}}') -> Step:
    return Step("status", status=code, body=body)


def hang(seconds: float) -> Step:
    return Step("hang", delay=seconds)


def garbage() -> Step:
    return Step("garbage")


def drop() -> Step:
    return Step("drop")


class ScriptedLLM:
    """Start with ``with ScriptedLLM() as llm:``; ``llm.base_url`` is the /v1 URL."""

    def __init__(
        self, default: Step | None = None, responder: Callable[[dict[str, Any]], str] | None = None
    ) -> None:
        self.default = default or reply("Step 1: think.\nFinal answer: 42")
        self.responder = responder
        self.script: deque[Step] = deque()
        self.requests: list[dict[str, Any]] = []
        self.auth_headers: list[str] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def enqueue(self, *steps: Step) -> None:
        with self._lock:
            self.script.extend(steps)

    def _next(self) -> Step:
        with self._lock:
            return self.script.popleft() if self.script else self.default

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> ScriptedLLM:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # One write per reply and no Nagle delay: otherwise every call waits ~40 ms for a
            # delayed ACK between the header and body writes, which would pollute timings.
            disable_nagle_algorithm = True
            wbufsize = -1

            def log_message(self, *args: Any) -> None:
                return None

            def do_GET(self) -> None:  # noqa: N802
                if self.path.rstrip("/").endswith("/models"):
                    body = {
                        "object": "list",
                        "data": [
                            {"id": "scripted", "object": "model", "created": 0, "owned_by": "tests"}
                        ],
                    }
                    self._send(200, json.dumps(body).encode())
                else:
                    self._send(404, b'{"error": "not found"}')

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    payload = json.loads(raw)
                except json.JSONDecodeError:
                    payload = {"unparsable": raw[:200].decode("latin-1")}
                with owner._lock:
                    owner.requests.append(payload)
                    owner.auth_headers.append(self.headers.get("authorization", ""))
                step = owner._next()
                if step.kind == "hang":
                    time.sleep(step.delay)
                    self._send(500, b'{"error": "hung"}')
                    return
                if step.kind == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if step.kind == "status":
                    self._send(step.status, step.body.encode())
                    return
                if step.kind == "garbage":
                    self._send(200, b"<html>this is not json", "text/html")
                    return
                time.sleep(step.delay)
                text = owner.responder(payload) if owner.responder else step.text
                body = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": payload.get("model", "scripted"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
                }
                self._send(200, json.dumps(body).encode())

            def _send(self, code: int, data: bytes, ctype: str = "application/json") -> None:
                try:
                    self.send_response(code)
                    self.send_header("content-type", ctype)
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(ThreadingHTTPServer):
            request_queue_size = 256  # bursts of connections in load tests are not dropped

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()


if __name__ == "__main__":  # a server for manual runs: python logicnet/devkit/scripted_llm.py
    import sys

    delay = float(sys.argv[1]) if len(sys.argv) > 1 else 0.2
    with ScriptedLLM(default=reply("Work.\nFinal answer: 42", delay=delay)) as srv:
        print(srv.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
