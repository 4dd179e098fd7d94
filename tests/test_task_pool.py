"""The network's task server and cheat list (docs/network.md §6c) against a real local HTTP server:
login, Bearer token, re-login on 401/403, 500s, a hang, garbage, and the fall-back to local
sources, logged once per outage. Secrets never show up in logs or errors."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from logicnet.credentials import Secret
from logicnet.errors import ConfigError
from logicnet.protocol import DEFAULT_MAX_BODY_BYTES
from logicnet.validator.challenges import Challenger, parse_weights
from logicnet.validator.judge import Judge
from logicnet.validator.rewarder import Rewarder, bound_reply
from logicnet.validator.task_pool import TaskPoolClient, TaskPoolUnavailable

PASSWORD = "hunter2-very-secret"
USER = "validator-7"


@dataclass
class PoolServer:
    """A scripted task server. ``mode`` decides what /tasks/random and /cheats do."""

    mode: str = "ok"  # ok | 500 | hang | garbage | huge | expire-once | forbid | bad-task
    cheats: Any = field(default_factory=lambda: [{"content": "xyzzy-plugh"}])
    task_body: bytes | None = None  # when set, /tasks/random answers exactly this
    cheats_body: bytes | None = None  # when set, /cheats answers exactly this
    hang_s: float = 5.0
    logins: int = 0
    tokens_issued: int = 0
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, auth
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""
    _server: ThreadingHTTPServer | None = None

    def start(self) -> PoolServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return None

            def _send(self, code: int, body: bytes) -> None:
                try:
                    self.send_response(code)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                with owner.lock:
                    owner.requests.append(("POST", self.path, ""))
                if self.path != "/auth/login":
                    return self._send(404, b"{}")
                creds = json.loads(raw)
                if creds != {"username": USER, "password": PASSWORD}:
                    return self._send(401, b'{"detail": "bad credentials"}')
                with owner.lock:
                    owner.logins += 1
                    owner.tokens_issued += 1
                    token = f"tok-{owner.tokens_issued}"
                self._send(200, json.dumps({"access_token": token}).encode())

            def do_GET(self) -> None:  # noqa: N802
                auth = self.headers.get("authorization", "")
                with owner.lock:
                    owner.requests.append(("GET", self.path, auth))
                    mode = owner.mode
                    current = f"Bearer tok-{owner.tokens_issued}"
                if mode == "hang":
                    time.sleep(owner.hang_s)
                    return self._send(500, b"{}")
                if mode == "500":
                    return self._send(500, b'{"detail": "boom"}')
                if mode == "forbid":
                    return self._send(403, b"{}")
                if auth != current or (mode == "expire-once" and current == "Bearer tok-1"):
                    return self._send(401, b'{"detail": "token expired"}')
                if mode == "garbage":
                    return self._send(200, b"<html>not json")
                if mode == "huge":
                    return self._send(200, b'{"question": "' + b"x" * (3 << 20) + b'"}')
                if self.path == "/tasks/random" and owner.task_body is not None:
                    return self._send(200, owner.task_body)
                if self.path == "/cheats" and owner.cheats_body is not None:
                    return self._send(200, owner.cheats_body)
                if self.path == "/tasks/random":
                    if mode == "bad-task":
                        return self._send(200, b'{"question": "", "answer": null}')
                    return self._send(
                        200, json.dumps({"question": "What is 6*7?", "answer": 42}).encode()
                    )
                if self.path == "/cheats":
                    return self._send(200, json.dumps(owner.cheats).encode())
                self._send(404, b"{}")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        return self

    def stop(self) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def pool_server() -> Iterator[PoolServer]:
    server = PoolServer().start()
    yield server
    server.stop()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _client(
    server: PoolServer, clock: Clock | None = None, timeout_s: float = 2.0, password: str = PASSWORD
) -> TaskPoolClient:
    return TaskPoolClient(
        server.url,
        USER,
        Secret(password, "$VALIDATOR_PASSWORD"),
        timeout_s=timeout_s,
        clock=clock or time.monotonic,
    )


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def _no_secrets(text: str) -> None:
    assert PASSWORD not in text and "tok-" not in text


def test_login_then_tasks_with_the_bearer_token(pool_server: PoolServer) -> None:
    async def go() -> list[Any]:
        client = _client(pool_server)
        try:
            return [await client.random_task() for _ in range(3)]
        finally:
            await client.close()

    tasks = run(go())
    assert [(t.question, t.answer) for t in tasks] == [("What is 6*7?", "42")] * 3
    assert pool_server.logins == 1  # one login serves every draw
    gets = [r for r in pool_server.requests if r[0] == "GET"]
    assert [r[2] for r in gets] == ["Bearer tok-1"] * 3


def test_an_expired_token_logs_in_again(pool_server: PoolServer) -> None:
    pool_server.mode = "expire-once"

    async def go() -> Any:
        client = _client(pool_server)
        try:
            return await client.random_task()
        finally:
            await client.close()

    assert run(go()).answer == "42"
    assert pool_server.logins == 2
    assert [r[2] for r in pool_server.requests if r[0] == "GET"] == ["Bearer tok-1", "Bearer tok-2"]


def test_refused_login_and_403_never_show_secrets(
    pool_server: PoolServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    async def go(client: TaskPoolClient) -> str:
        try:
            await client.random_task()
        except TaskPoolUnavailable as exc:
            return str(exc)
        finally:
            await client.close()
        raise AssertionError("no error")

    wrong = _client(pool_server, password="wrong-password-123")
    message = run(go(wrong))
    assert "login refused" in message and "VALIDATOR_PASSWORD" in message
    assert "wrong-password-123" not in message + caplog.text + repr(wrong)
    pool_server.mode = "forbid"
    message = run(go(_client(pool_server)))
    assert "refused after a fresh login" in message
    assert pool_server.logins == 2  # the 403 led to exactly one fresh login
    _no_secrets(message + caplog.text)


@pytest.mark.parametrize(
    "mode, expected",
    [
        ("500", "HTTP 500"),
        ("garbage", "not JSON"),
        ("huge", "larger than"),
        ("bad-task", "no question"),
        ("hang", "no answer within"),
    ],
)
def test_server_failures_are_one_clear_error_within_the_deadline(
    pool_server: PoolServer, mode: str, expected: str
) -> None:
    async def go() -> tuple[str, float]:
        client = _client(pool_server, timeout_s=0.5)
        try:
            await client.random_task()  # logged in, one good draw
            pool_server.mode = mode
            started = time.monotonic()
            try:
                await client.random_task()
            except TaskPoolUnavailable as exc:
                return str(exc), time.monotonic() - started
            raise AssertionError("no error")
        finally:
            await client.close()

    message, seconds = run(go())
    assert expected in message
    assert seconds < 2.0  # the 0.5 s deadline holds, also against a server that hangs
    _no_secrets(message)


def test_unreachable_pool_falls_back_to_local_sources_logging_once(
    pool_server: PoolServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="logicnet.validator.task_pool")
    clock = Clock()
    pool_server.mode = "500"

    async def go() -> list[Any]:
        client = _client(pool_server, clock)
        challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(1), task_pool=client)
        try:
            drawn = [await challenger.next() for _ in range(5)]  # down: local draws
            clock.now += 31  # past the retry interval: the pool is tried again
            drawn += [await challenger.next() for _ in range(3)]
            pool_server.mode = "ok"
            clock.now += 31
            drawn += [await challenger.next() for _ in range(2)]  # back
            return drawn
        finally:
            await client.close()

    drawn = run(go())
    assert [c.source for c in drawn[:8]] == ["mathgenerator"] * 8
    assert [c.source for c in drawn[8:]] == ["task_pool"] * 2
    assert drawn[8].ground_truth == "42" and drawn[8].raw_question == "What is 6*7?"
    tries = [r for r in pool_server.requests if r[1] == "/tasks/random"]
    assert len(tries) == 1 + 1 + 2  # once per retry interval while down, then every draw
    down = [r for r in caplog.records if "unreachable" in r.getMessage()]
    back = [r for r in caplog.records if "is back" in r.getMessage()]
    assert len(down) == 1 and len(back) == 1
    _no_secrets(caplog.text)


def test_nothing_listening_is_an_outage_too() -> None:
    server = PoolServer().start()
    url = server.url
    server.stop()

    async def go() -> str:
        client = TaskPoolClient(url, USER, Secret(PASSWORD), timeout_s=1.0)
        try:
            await client.random_task()
        except TaskPoolUnavailable as exc:
            return str(exc)
        finally:
            await client.close()
        raise AssertionError("no error")

    assert "POST /auth/login" in run(go())


def test_cheat_list_refreshes_at_most_every_100_s_and_survives_outages(
    pool_server: PoolServer,
) -> None:
    clock = Clock()
    pool_server.cheats = [
        {"content": "xyzzy-plugh"},
        {"content": ""},
        {"content": "  "},
        {"nope": 1},
        "string",
        {"content": 7},
        {"content": "xyzzy-plugh"},
        {"content": "<magic-word>"},
    ]

    async def go() -> list[tuple[str, ...]]:
        client = _client(pool_server, clock)
        try:
            seen = [await client.cheats()]
            pool_server.cheats = [{"content": "second-list"}]
            clock.now += 50
            seen.append(await client.cheats())  # too soon: the cached list
            clock.now += 51
            seen.append(await client.cheats())  # due: refreshed
            pool_server.mode = "garbage"
            clock.now += 101
            seen.append(await client.cheats())  # failed refresh: the last good list stays
            seen.append(client.cached_cheats)
            return seen
        finally:
            await client.close()

    seen = run(go())
    # empty and whitespace-only strings would "match" every answer: dropped
    assert seen[0] == ("xyzzy-plugh", "<magic-word>")
    assert seen[1] == seen[0]
    assert seen[2] == ("second-list",)
    assert seen[3] == seen[4] == ("second-list",)
    assert sum(1 for r in pool_server.requests if r[1] == "/cheats") == 3


def test_the_pools_cheat_list_reaches_scoring(pool_server: PoolServer) -> None:
    async def go() -> list[Any]:
        client = _client(pool_server)
        challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(1), task_pool=client)
        rewarder = Rewarder(
            "network-2025-05", Judge(None), None, 10.0, cheats=challenger.current_cheats
        )
        try:
            await challenger.refresh_cheats()
            challenge = await challenger.next()
            replies = []
            for uid, answer in enumerate(["forty-two", "The answer: xyzzy-plugh", "42"]):
                syn = SimpleNamespace(
                    logic_answer=answer,
                    logic_reasoning="work",
                    dendrite=SimpleNamespace(status_code=200, process_time=1.0),
                )
                replies.append(bound_reply(uid, f"hk{uid}", syn, 10.0))
            return await rewarder.score_group(challenge, replies, None, {})
        finally:
            await client.close()

    honest, cheat, right = run(go())
    assert cheat.method == "cheat" and cheat.correctness == -1.0
    assert honest.method != "cheat" and right.correctness == 1.0


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VALIDATOR_USERNAME", raising=False)
    monkeypatch.delenv("VALIDATOR_PASSWORD", raising=False)
    with pytest.raises(ConfigError, match="VALIDATOR_USERNAME"):
        TaskPoolClient.from_env("http://127.0.0.1:1")
    monkeypatch.setenv("VALIDATOR_USERNAME", USER)
    monkeypatch.setenv("VALIDATOR_PASSWORD", PASSWORD)
    client = TaskPoolClient.from_env("http://127.0.0.1:1/")
    assert client.url == "http://127.0.0.1:1" and PASSWORD not in repr(client)
    with pytest.raises(ConfigError, match="not an http"):
        TaskPoolClient("ftp://x", USER, Secret(PASSWORD))


# ----------------------------------------------------------------------------- bad replies

LIMIT = DEFAULT_MAX_BODY_BYTES
EMOJI = "\U0001f600"


def _task(question: Any = "What is 6*7?", answer: Any = 42) -> bytes:
    return json.dumps({"question": question, "answer": answer}).encode()


def _big_int_task(digits: int) -> bytes:
    return b'{"question": "What is 6*7?", "answer": ' + b"4" * digits + b"}"


@pytest.mark.parametrize(
    "body, reason, why",
    [
        (_big_int_task(5000), "malformed", "the reply is not JSON (an integer over 4,300 digits)"),
        (_big_int_task(4301), "malformed", "an integer over 4,300 digits"),
        (_big_int_task(200_000), "malformed", "an integer over 4,300 digits"),
        (
            b'{"question": "q", "answer": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "malformed",
            "the reply is nested too deeply",
        ),
        (b"[" * 100_000, "malformed", "the reply is nested too deeply"),
        (b'{"question": "caf\xe9", "answer": 1}', "malformed", "the reply is not UTF-8"),
        (_task(question=5), "malformed", "task reply has no question"),
        (_task(answer=[42]), "malformed", "task reply has no usable answer"),
        (_task(answer=True), "malformed", "task reply has no usable answer"),
        (b'["What is 6*7?", 42]', "malformed", "task reply is not an object"),
        (_task(question="\ud800 what?"), "malformed", "lone surrogate"),
        (
            _task(question=EMOJI * 19_000),
            "too_large",
            "19,000 characters are 230,051 bytes as sent, over the 65,536-byte request body",
        ),
        (_task(question="é" * 19_000), "too_large", "19,000 characters are 116,051 bytes"),
        (_task(question="x" * 63_500), "too_large", "task reply is too long"),
    ],
)
def test_a_bad_task_marks_the_pool_down_and_local_sources_fill_in(
    pool_server: PoolServer,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
    reason: str,
    why: str,
) -> None:
    caplog.set_level(logging.WARNING, logger="logicnet.validator.task_pool")
    clock = Clock()
    pool_server.task_body = body

    async def go() -> tuple[list[Any], bool, dict[tuple[str, str], int]]:
        client = _client(pool_server, clock)
        challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(1), task_pool=client)
        try:
            drawn = [await challenger.next() for _ in range(4)]  # one try, then local draws
            down = client.down
            pool_server.task_body = None  # the server is fixed
            clock.now += 31
            drawn.append(await challenger.next())
            return drawn, down, challenger.dropped
        finally:
            await client.close()

    drawn, down, dropped = run(go())
    assert down
    assert [c.source for c in drawn] == ["mathgenerator"] * 4 + ["task_pool"]
    assert all(len(c.question) < 5_000 for c in drawn)  # the bad item never goes out
    assert dropped == {("task_pool", reason): 1}
    assert sum(1 for r in pool_server.requests if r[1] == "/tasks/random") == 2
    down_lines = [r.getMessage() for r in caplog.records if "unusable reply" in r.getMessage()]
    assert len(down_lines) == 1 and why in down_lines[0], caplog.text
    assert down_lines[0].endswith("drawing from local sources meanwhile")
    assert "\n" not in down_lines[0] and len(down_lines[0]) < 500
    _no_secrets(caplog.text)


@pytest.mark.parametrize(
    "question",
    [
        EMOJI * 5_000,  # 60,002 bytes of escapes: within the limit
        "é" * 10_000,
        "x" * 19_999,
    ],
)
def test_a_large_task_within_the_miners_limit_is_used(
    pool_server: PoolServer, question: str
) -> None:
    pool_server.task_body = _task(question=question)

    async def go() -> Any:
        client = _client(pool_server)
        challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(1), task_pool=client)
        try:
            return await challenger.next(), client.down, challenger.dropped
        finally:
            await client.close()

    challenge, down, dropped = run(go())
    assert challenge.source == "task_pool" and challenge.question == question
    assert not down and dropped == {}


def test_a_cheat_list_with_a_huge_integer_keeps_the_last_good_list(pool_server: PoolServer) -> None:
    clock = Clock()

    async def go() -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        client = _client(pool_server, clock)
        try:
            first = await client.cheats()
            pool_server.cheats_body = b'[{"content": "x"}, ' + b"9" * 5000 + b"]"
            clock.now += 101
            return first, await client.cheats(), client.down
        finally:
            await client.close()

    first, second, down = run(go())
    assert first == second == ("xyzzy-plugh",) and down


@pytest.mark.parametrize(
    "body", [_big_int_task(5000), _task(question=EMOJI * 19_000)], ids=["5000-digits", "emoji"]
)
def test_bad_tasks_never_skip_a_group_nor_reach_a_miner(
    pool_server: PoolServer, tmp_path: Path, body: bytes
) -> None:
    """A real validator loop over real Axons: the pool's bad task costs nothing but its own
    draw; every group is asked a local question and scored; the drop is in the metrics."""
    from prometheus_client.parser import text_string_to_metric_families

    from logicnet.devkit.scripted_miners import build_service, fixed, start_subnet
    from logicnet.metrics.server import MetricsServer
    from logicnet.metrics.validator import ValidatorMetrics

    logic = {"epoch_volume": 50, "category": "Logic"}
    subnet = start_subnet(tmp_path, [(fixed("42"), logic), (fixed("42"), logic)])
    pool_server.task_body = body
    metrics = ValidatorMetrics()
    try:
        service = build_service(subnet, tmp_path / "state.json", timeout=5.0)
        service.on_event = metrics.on_event
        service.challenger.task_pool = _client(pool_server)

        async def go() -> Any:
            try:
                return await service.run_loop()
            finally:
                await service.close()

        report = run(go())
    finally:
        subnet.stop()
    assert report.queries == 2 and report.skipped == 0
    assert report.outcomes.get("answered") == 2
    sent = [q for m in subnet.miners for q in m.questions]
    assert len(sent) == 2 and all(len(q) < 5_000 for q in sent)
    assert service.challenger.task_pool.down
    reason = "malformed" if b"4444" in body else "too_large"
    with (
        MetricsServer(metrics) as server,
        urllib.request.urlopen(server.url + "/metrics", timeout=10) as r,
    ):
        text = r.read().decode()
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    key = (
        "logicnet_validator_questions_dropped_total",
        (("reason", reason), ("source", "task_pool")),
    )
    assert samples.get(key) == 1
