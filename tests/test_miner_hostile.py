"""Connection-level abuse against a real miner Axon on 127.0.0.1.

Each test mounts one attack (sockets that send nothing, half a header, a header trickled a
byte at a time, more sockets than the cap, a body that never finishes, a burst of requests)
and then a signed validator's request that must still be answered, in time.
"""

from __future__ import annotations

import asyncio
import logging
import selectors
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import bittensor as bt
import pytest

from logicnet.chain import LocalRegistry, write_registry
from logicnet.credentials import Secret
from logicnet.devkit.scripted_llm import ScriptedLLM, free_port, reply
from logicnet.llm import LLMPool, RetryPolicy
from logicnet.miner.admission import Admission
from logicnet.miner.connections import ConnectionLimits
from logicnet.miner.run import start_axon
from logicnet.miner.service import MinerService
from logicnet.miner.solvers.baseline import BaselineSolver
from logicnet.protocol import LogicSynapse
from tests.conftest import LiveMiner, registry_neurons, wait_for

HALF_HEADER = b"POST /LogicSynapse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 900\r\n"


@pytest.fixture
def hostile_miner(wallets: dict[str, Any], tmp_path: Path) -> Iterator[Callable[..., LiveMiner]]:
    started: list[LiveMiner] = []

    def start(
        llm: ScriptedLLM,
        max_concurrency: int = 8,
        max_connections: int = 1024,
        header_timeout_s: float = 2.0,
        keep_alive_s: float = 3.0,
        body_timeout_s: float = 2.0,
    ) -> LiveMiner:
        port = free_port()
        registry = tmp_path / "registry.json"
        write_registry(registry, 35, registry_neurons(wallets, port))
        pool = LLMPool(
            [llm.base_url],
            "scripted",
            Secret("sk-test-key-0001"),
            RetryPolicy(base_delay_s=0.01, max_delay_s=0.05, cooldown_s=0.2),
        )
        service = MinerService(
            wallet=wallets["miner"],
            chain=LocalRegistry(registry, netuid=35),
            solver=BaselineSolver(pool),
            admission=Admission(200, 10000.0, 600.0),
            epoch_volume=200,
            max_concurrency=max_concurrency,
            connection_limits=ConnectionLimits(
                max_connections=max_connections,
                header_timeout_s=header_timeout_s,
                keep_alive_s=keep_alive_s,
            ),
            body_timeout_s=body_timeout_s,
        )
        service.resync()
        axon = service.build_axon(port=port, external_ip="127.0.0.1", bind_host="127.0.0.1")
        start_axon(axon)
        live = LiveMiner(service, axon, llm, registry, port, wallets)
        started.append(live)
        return live

    yield start
    for live in started:
        live.close()


def open_sockets(port: int, count: int, first_bytes: bytes = b"") -> list[socket.socket]:
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        if first_bytes:
            s.sendall(first_bytes)
        socks.append(s)
    return socks


def wait_closed_by_server(
    socks: list[socket.socket], timeout: float, since: float | None = None
) -> list[float]:
    """Seconds from ``since`` (default: now) until the server closed each socket (EOF or
    reset); inf for one still open after ``timeout`` seconds of waiting."""
    start = time.monotonic()
    origin = start if since is None else since
    closed_after = {id(s): float("inf") for s in socks}
    selector = selectors.DefaultSelector()
    for s in socks:
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ)
    try:
        while selector.get_map() and time.monotonic() - start < timeout:
            for key, _ in selector.select(timeout=0.2):
                sock: socket.socket = key.fileobj  # type: ignore[assignment]
                try:
                    data = sock.recv(65536)
                except (ConnectionResetError, BrokenPipeError):
                    data = b""
                except BlockingIOError:
                    continue
                if not data:
                    closed_after[id(sock)] = time.monotonic() - origin
                    selector.unregister(sock)
    finally:
        selector.close()
    return [closed_after[id(s)] for s in socks]


def close_all(socks: list[socket.socket]) -> None:
    for s in socks:
        s.close()


def timed_query(
    miner: LiveMiner, question: str = "What is 6*7?", timeout: float = 12.0
) -> tuple[Any, float]:
    start = time.monotonic()
    out = miner.query("validator", LogicSynapse(logic_question=question), timeout=timeout)
    return out, time.monotonic() - start


def test_idle_and_half_header_connections_neither_block_nor_linger(
    hostile_miner, llm_server
) -> None:
    miner = hostile_miner(llm_server, header_timeout_s=2.0)
    opened = time.monotonic()
    idle = open_sockets(miner.port, 160)
    half = open_sockets(miner.port, 100, HALF_HEADER)
    last_opened = time.monotonic()
    try:
        out, elapsed = timed_query(miner)
        assert out.dendrite.status_code == 200, out.dendrite.status_message
        assert out.logic_answer == "42"
        assert elapsed < 3.0
        closed = wait_closed_by_server(idle + half, timeout=10.0, since=opened)
        slack = last_opened - opened + 3.0
        assert max(closed) < 2.0 + slack, "an idle or half-header socket outlived its deadline"
        assert min(closed) > 1.5  # closed by the header deadline, not refused at once
    finally:
        close_all(idle + half)
    again, _ = timed_query(miner)
    assert again.dendrite.status_code == 200


def test_a_trickled_header_does_not_extend_the_deadline(hostile_miner, llm_server) -> None:
    miner = hostile_miner(llm_server, header_timeout_s=1.5)
    (sock,) = open_sockets(miner.port, 1, b"POST /LogicSynapse HTTP/1.1\r\n")
    start = time.monotonic()
    closed_at = None
    try:
        sock.settimeout(0.25)
        while time.monotonic() - start < 8.0:
            try:
                sock.sendall(b"X")  # one header byte every 0.25 s, forever
                if sock.recv(1024) == b"":
                    closed_at = time.monotonic() - start
                    break
            except TimeoutError:
                continue
            except (ConnectionResetError, BrokenPipeError):
                closed_at = time.monotonic() - start
                break
    finally:
        sock.close()
    assert closed_at is not None and closed_at < 1.5 + 2.0
    out, elapsed = timed_query(miner)
    assert out.dendrite.status_code == 200 and elapsed < 3.0


def test_connection_cap_evicts_idle_sockets_and_still_answers(hostile_miner, llm_server) -> None:
    # A long header deadline: only the cap can close these.
    miner = hostile_miner(llm_server, max_concurrency=8, max_connections=40, header_timeout_s=60.0)
    idle = open_sockets(miner.port, 70)
    try:
        closed = wait_closed_by_server(idle[:35], timeout=5.0)
        assert sum(c < 5.0 for c in closed) >= 30  # the oldest went first
        out, elapsed = timed_query(miner)
        assert out.dendrite.status_code == 200 and out.logic_answer == "42"
        assert elapsed < 3.0
    finally:
        close_all(idle)


def _burst(miner: LiveMiner, count: int, timeout: float = 12.0) -> list[int]:
    """``count`` signed requests at once, each from its own Dendrite (own nonce stream)."""
    dendrites = [bt.Dendrite(wallet=miner.wallets["validator"]) for _ in range(count)]

    async def go() -> list[int]:
        outs: list[Any] = await asyncio.gather(
            *(
                d.forward(
                    miner.info,
                    LogicSynapse(logic_question=f"What is 6*7? #{i}"),
                    timeout=timeout,
                    deserialize=False,
                )
                for i, d in enumerate(dendrites)
            )
        )
        for d in dendrites:
            await d.aclose_session()
        return [o.dendrite.status_code for o in outs]

    return miner.loop.run_until_complete(go())


def test_a_burst_of_exactly_max_concurrency_is_all_answered(hostile_miner) -> None:
    with ScriptedLLM(default=reply("Six sevens.\nFinal answer: 42", delay=1.0)) as llm:
        miner = hostile_miner(llm, max_concurrency=6)
        idle = open_sockets(miner.port, 200)  # idle sockets count against nothing here
        try:
            assert _burst(miner, 6) == [200] * 6
            before = len(llm.requests)
            codes = _burst(miner, 9)
            assert sorted(codes) == [200] * 6 + [503] * 3
            assert len(llm.requests) - before == 6  # the excess never reached the LLM
        finally:
            close_all(idle)
        assert miner.service.stats.refused.get("503") == 3


def slow_body_request(miner: LiveMiner, role: str) -> bytes:
    """A whole, well-formed header (bittensor's own) and the first bytes of a 5,000-byte body."""
    dendrite = miner.dendrite(role)
    synapse = dendrite.preprocess_synapse_for_request(
        miner.info, LogicSynapse(logic_question="What is 6*7?"), timeout=12.0
    )
    headers = {**synapse.to_headers(), "content-length": "5000"}
    head = (
        "POST /LogicSynapse HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        + "\r\n"
    )
    return head.encode() + b'{"logic_question": "'


def test_a_body_that_never_finishes_gets_408(hostile_miner, llm_server) -> None:
    miner = hostile_miner(llm_server, body_timeout_s=1.0, header_timeout_s=5.0)
    (sock,) = open_sockets(miner.port, 1, slow_body_request(miner, "validator"))
    try:
        sock.settimeout(6.0)
        start = time.monotonic()
        answer = b""
        while chunk := sock.recv(4096):  # the server closes after a 408
            answer += chunk
        assert time.monotonic() - start < 3.0
        assert answer.startswith(b"HTTP/1.1 408")
        assert b"body not received" in answer
    finally:
        sock.close()
    out, elapsed = timed_query(miner)
    assert out.dendrite.status_code == 200 and elapsed < 3.0


def test_keep_alive_connections_are_closed_after_the_idle_limit(hostile_miner, llm_server) -> None:
    miner = hostile_miner(llm_server, keep_alive_s=1.0, header_timeout_s=1.0)
    (sock,) = open_sockets(miner.port, 1, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    try:
        sock.settimeout(5.0)
        assert sock.recv(4096).startswith(b"HTTP/1.1 404")
        closed = wait_closed_by_server([sock], timeout=5.0)
        assert closed[0] < 3.0
    finally:
        sock.close()


def test_heavy_questions_from_one_validator_do_not_delay_another(wallets, tmp_path, engine) -> None:
    """Eight huge-power questions at once from one staked validator; the other's answer
    still comes in time (the engine runs in worker processes, bounded per question)."""
    from logicnet.miner.solvers.engine import EngineSolver

    class CountingEngine(EngineSolver):
        started = 0

        async def solve(self, question: str, deadline: float) -> Any:
            CountingEngine.started += 1
            return await super().solve(question, deadline)

    port = free_port()
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, port))
    service = MinerService(
        wallet=wallets["miner"],
        chain=LocalRegistry(registry, netuid=35),
        solver=CountingEngine(engine),
        admission=Admission(200, 10000.0, 600.0),
        epoch_volume=200,
    )
    service.resync()
    axon = service.build_axon(port=port, external_ip="127.0.0.1", bind_host="127.0.0.1")
    start_axon(axon)
    miner = LiveMiner(service, axon, None, registry, port, wallets)  # type: ignore[arg-type]
    heavy = "Find the solution of this math problem:\n---\n" + "9" * 4299 + "^1000 = \n---\n"
    attackers = [bt.Dendrite(wallet=wallets["validator2"]) for _ in range(8)]
    victim = miner.dendrite("validator")

    async def go() -> tuple[Any, float]:
        flood = [
            asyncio.ensure_future(
                d.forward(
                    miner.info, LogicSynapse(logic_question=heavy), timeout=12.0, deserialize=False
                )
            )
            for d in attackers
        ]
        deadline = time.monotonic() + 30
        while CountingEngine.started < len(attackers):  # the flood is being solved
            assert time.monotonic() < deadline, "the heavy questions never reached the engine"
            await asyncio.sleep(0.01)
        start = time.monotonic()
        out = await victim.forward(
            miner.info,
            LogicSynapse(
                logic_question="Find the solution of this math problem:\n---\n2^10 = \n---\n",
                timeout=4,
            ),
            timeout=4.0,
            deserialize=False,
        )
        elapsed = time.monotonic() - start
        await asyncio.gather(*flood)
        for d in attackers:
            await d.aclose_session()
        return out, elapsed

    try:
        out, elapsed = miner.loop.run_until_complete(go())
        assert out.dendrite.status_code == 200, out.dendrite.status_message
        assert elapsed < 4.0  # answered before its deadline, whatever the flood costs
        assert out.logic_answer == "1024"  # and solved: the flood held no worker for long
    finally:
        miner.close()


def test_a_websocket_upgrade_is_plain_http(hostile_miner, llm_server) -> None:
    """No upgraded socket escapes the connection limits: an upgrade request is answered as
    plain HTTP (the route's 404) and the socket still falls under the idle limit."""
    miner = hostile_miner(llm_server, keep_alive_s=1.0)
    request = (
        b"GET /LogicSynapse HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
        b"Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
    (sock,) = open_sockets(miner.port, 1, request)
    try:
        sock.settimeout(5.0)
        assert not sock.recv(4096).startswith(b"HTTP/1.1 101")
        assert wait_closed_by_server([sock], timeout=6.0)[0] < 5.0
    finally:
        sock.close()


def test_an_oversized_header_is_refused_and_closed(hostile_miner, llm_server) -> None:
    miner = hostile_miner(llm_server)
    (sock,) = open_sockets(
        miner.port,
        1,
        b"POST /LogicSynapse HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: " + b"a" * 40_000 + b"\r\n",
    )
    try:
        sock.settimeout(5.0)
        assert sock.recv(4096).startswith(b"HTTP/1.1 400")
        assert wait_closed_by_server([sock], timeout=5.0)[0] < 3.0
    finally:
        sock.close()
    out, elapsed = timed_query(miner)
    assert out.dendrite.status_code == 200 and elapsed < 3.0


def test_slow_bodies_filling_the_cap_do_not_lock_validators_out(hostile_miner, llm_server) -> None:
    """Whole headers, bodies that never finish: those sockets are not being answered, so a
    validator's new connection evicts one of them instead of being refused."""
    miner = hostile_miner(
        llm_server,
        max_concurrency=8,
        max_connections=30,
        header_timeout_s=60.0,
        body_timeout_s=60.0,
    )
    slow = open_sockets(miner.port, 40, slow_body_request(miner, "stranger"))
    conns = miner.axon.fast_server.server_state.connections
    # Ready when the cap is full of sockets whose header the server has read (its own view).
    assert wait_for(lambda: len(conns) == 30 and all(c._requests_seen for c in list(conns)))
    try:
        out, elapsed = timed_query(miner)
        assert out.dendrite.status_code == 200 and out.logic_answer == "42"
        assert elapsed < 3.0
        closed = wait_closed_by_server(slow, timeout=3.0)
        assert sum(c < 3.0 for c in closed) >= 10  # slow bodies made room, down to the cap
    finally:
        close_all(slow)


@pytest.mark.parametrize(
    "soft,hard,raised_to,cap",
    [
        (1024, 1024, None, 1024 - 256),  # cannot raise: the cap is lowered to fit
        (1024, 4096, 1024 + 256, 1024),  # raised as far as needed: the cap stands
        (65536, 65536, None, 1024),  # already enough
    ],
)
def test_the_connection_cap_fits_the_open_file_limit(
    monkeypatch, caplog, soft: int, hard: int, raised_to: int | None, cap: int
) -> None:
    """With descriptors used up accept() fails and nobody gets in: the cap must fit."""
    import resource

    from logicnet.miner.connections import fit_to_fd_limit

    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(resource, "getrlimit", lambda which: (soft, hard))
    monkeypatch.setattr(resource, "setrlimit", lambda which, limits: calls.append(limits))
    with caplog.at_level(logging.WARNING, logger="logicnet.miner.connections"):
        fitted = fit_to_fd_limit(ConnectionLimits(max_connections=1024))
    assert fitted.max_connections == cap
    assert calls == ([(raised_to, hard)] if raised_to else [])
    assert ("ulimit -n" in caplog.text) == (cap < 1024)
