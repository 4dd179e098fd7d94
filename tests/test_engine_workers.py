"""The engine in worker processes: a deadline always fires, and one question holds no one else.

The workers are real processes running either the engine itself or
``tests.engine_targets.misbehave`` (the engine, except for questions that spin, crash or
raise), so what is tested is the kill-and-replace path a runaway computation would take.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bittensor as bt
import pytest

from logicnet.chain import LocalRegistry, write_registry
from logicnet.devkit.scripted_llm import free_port
from logicnet.engine import solve
from logicnet.engine.workers import EngineWorkers
from logicnet.errors import EngineTimeout, EngineUnavailable
from logicnet.miner.admission import Admission
from logicnet.miner.run import start_axon
from logicnet.miner.service import MinerService
from logicnet.miner.solvers.engine import EngineSolver
from logicnet.protocol import LogicSynapse
from tests.conftest import LiveMiner, registry_neurons, wait_for

ROOT = Path(__file__).resolve().parents[1]
MISBEHAVE = "tests.engine_targets:misbehave"
CUBE = "Find the solution of this math problem: Volume of cube with a side length of 6m is"


@pytest.fixture
def misbehaving() -> Iterator[EngineWorkers]:
    workers = EngineWorkers(size=2, budget_s=1.0, target=MISBEHAVE)
    workers.start()
    assert wait_for(lambda: workers.idle == 2, 60), "the second worker did not start"
    yield workers
    workers.close()


def test_the_workers_answer_as_the_engine_does(engine: EngineWorkers) -> None:
    questions = [
        CUBE,
        "Find the solution of this math problem:\n---\nTopic: Algebra, Subtopic: Basic algebra."
        "\n8x + 5 = 6\n---\n",
        "Hey! What's the GCD of 84 and 36, pal?",
        "Who wrote Hamlet?",
    ]
    for question in questions:
        assert engine.solve_blocking(question, 10) == solve(question)


def test_a_runaway_question_is_killed_at_its_deadline_and_the_next_is_answered(
    misbehaving: EngineWorkers,
) -> None:
    start = time.monotonic()
    with pytest.raises(EngineTimeout, match="still working"):
        misbehaving.solve_blocking("spin 7^10^10", 0.5)
    assert time.monotonic() - start < 1.5
    assert misbehaving.stats.killed == 1
    found = misbehaving.solve_blocking(CUBE, 30)  # a replacement, or the other worker
    assert found is not None and found.answer == "216 m^3"


def test_the_budget_bounds_a_caller_with_no_deadline(misbehaving: EngineWorkers) -> None:
    start = time.monotonic()
    with pytest.raises(EngineTimeout):
        misbehaving.solve_blocking("spin")  # budget_s = 1.0
    assert 0.9 < time.monotonic() - start < 2.5


def test_a_runaway_question_does_not_hold_a_normal_one(misbehaving: EngineWorkers) -> None:
    async def go() -> tuple[Any, float]:
        loop = asyncio.get_running_loop()
        runaway = asyncio.ensure_future(misbehaving.solve("spin", loop.time() + 1.0, "mallory"))
        await asyncio.sleep(0)  # the runaway takes its worker first
        start = time.monotonic()
        found = await misbehaving.solve(CUBE, loop.time() + 30, "alice")
        elapsed = time.monotonic() - start
        with pytest.raises(EngineTimeout):
            await runaway
        return found, elapsed

    found, elapsed = asyncio.run(go())
    assert found is not None and found.answer == "216 m^3"
    assert elapsed < 0.9  # answered while the runaway was still running


def test_a_crashed_worker_is_replaced(misbehaving: EngineWorkers) -> None:
    with pytest.raises(EngineUnavailable, match="worker failed"):
        misbehaving.solve_blocking("crash", 5)
    found = misbehaving.solve_blocking(CUBE, 30)
    assert found is not None and found.answer == "216 m^3"


def test_an_engine_bug_is_not_recognised_and_keeps_the_worker(
    misbehaving: EngineWorkers, caplog: pytest.LogCaptureFixture
) -> None:
    assert misbehaving.solve_blocking("raise", 5) is None
    assert "ZeroDivisionError" in caplog.text
    assert misbehaving.stats.killed == 0


def test_one_caller_leaves_a_worker_for_the_others(misbehaving: EngineWorkers) -> None:
    """Two runaways from one caller: the second waits for the caller's share (one of two
    workers), while another caller is answered at once."""

    async def go() -> tuple[Any, float, list[BaseException]]:
        loop = asyncio.get_running_loop()
        runaways = [
            asyncio.ensure_future(misbehaving.solve("spin", loop.time() + 1.0, "mallory"))
            for _ in range(2)
        ]
        await asyncio.sleep(0.1)
        start = time.monotonic()
        found = await misbehaving.solve(CUBE, loop.time() + 30, "alice")
        elapsed = time.monotonic() - start
        outcomes = await asyncio.gather(*runaways, return_exceptions=True)
        return found, elapsed, [o for o in outcomes if isinstance(o, BaseException)]

    found, elapsed, failures = asyncio.run(go())
    assert found is not None and found.answer == "216 m^3"
    assert elapsed < 0.9
    # the first runs out of time in its worker; the second waits for the caller's share and
    # gets none (or a worker too late to finish) before its own deadline
    assert len(failures) == 2 and isinstance(failures[0], EngineTimeout)
    assert all(isinstance(f, (EngineTimeout, EngineUnavailable)) for f in failures)


def test_no_worker_free_before_the_deadline_is_said() -> None:
    workers = EngineWorkers(size=1, budget_s=2.0, target=MISBEHAVE)
    workers.start()
    try:

        async def go() -> None:
            loop = asyncio.get_running_loop()
            runaway = asyncio.ensure_future(workers.solve("spin", loop.time() + 2.0))
            await asyncio.sleep(0.2)
            with pytest.raises(EngineUnavailable, match="busy"):
                await workers.solve(CUBE, loop.time() + 0.3)
            with pytest.raises(EngineTimeout):
                await runaway

        asyncio.run(go())
    finally:
        workers.close()


def test_close_stops_busy_workers_at_once() -> None:
    workers = EngineWorkers(size=1, budget_s=30.0, target=MISBEHAVE)
    workers.start()
    (worker,) = workers._all
    failed: list[BaseException] = []

    async def go() -> None:
        task = asyncio.ensure_future(workers.solve("spin"))
        await asyncio.sleep(0.3)
        start = time.monotonic()
        workers.close()
        try:
            await task
        except EngineUnavailable as exc:
            failed.append(exc)
        assert time.monotonic() - start < 5

    asyncio.run(go())
    assert failed and "closed" in str(failed[0])
    assert worker.proc.poll() is not None


def test_a_worker_dies_with_its_parent(tmp_path: Path) -> None:
    """kill -9 of the process that owns the pool leaves no worker computing on its own."""
    script = textwrap.dedent(
        f"""
        import sys, threading, time
        from logicnet.engine.workers import EngineWorkers
        workers = EngineWorkers(size=1, budget_s=600, target={MISBEHAVE!r})
        workers.start()
        (worker,) = workers._all
        threading.Thread(target=workers.solve_blocking, args=("spin",), daemon=True).start()
        print(worker.proc.pid, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
    )
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)

        def gone() -> bool:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            # a zombie (dead, not yet reaped by init) has no work left either
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                return stat.read().split(") ")[1].startswith("Z")

        assert wait_for(gone, 10), "the worker outlived its parent"
    finally:
        parent.kill()
        parent.wait(10)


def test_a_live_miner_answers_while_hostile_questions_run(wallets: dict[str, Any], tmp_path):
    """Four runaway questions in flight from one validator; another validator's ordinary
    question is answered at once, and the runaways get the fallback before their timeout."""
    workers = EngineWorkers(size=2, budget_s=3.0, target=MISBEHAVE)
    workers.start()
    assert wait_for(lambda: workers.idle == 2, 60), "the second worker did not start"
    port = free_port()
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, port))
    service = MinerService(
        wallet=wallets["miner"],
        chain=LocalRegistry(registry, netuid=35),
        solver=EngineSolver(workers),
        admission=Admission(200, 10000.0, 600.0),
        epoch_volume=200,
    )
    service.resync()
    axon = service.build_axon(port=port, external_ip="127.0.0.1", bind_host="127.0.0.1")
    start_axon(axon)
    miner = LiveMiner(service, axon, None, registry, port, wallets)  # type: ignore[arg-type]
    attackers = [bt.Dendrite(wallet=wallets["validator2"]) for _ in range(4)]
    victim = miner.dendrite("validator")

    async def go() -> tuple[list[Any], Any, float]:
        flood = [
            asyncio.ensure_future(
                d.forward(
                    miner.info,
                    LogicSynapse(logic_question=f"spin {i}", timeout=6),
                    timeout=6.0,
                    deserialize=False,
                )
            )
            for i, d in enumerate(attackers)
        ]
        deadline = time.monotonic() + 30
        while workers.stats.timeouts == 0 and len(workers._all) < 2:
            assert time.monotonic() < deadline, "the runaways never reached the engine"
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        start = time.monotonic()
        out = await victim.forward(
            miner.info,
            LogicSynapse(logic_question=CUBE, timeout=6),
            timeout=6.0,
            deserialize=False,
        )
        elapsed = time.monotonic() - start
        replies = await asyncio.gather(*flood)
        for d in attackers:
            await d.aclose_session()
        return replies, out, elapsed

    try:
        replies, out, elapsed = miner.loop.run_until_complete(go())
        assert out.dendrite.status_code == 200, out.dendrite.status_message
        assert out.logic_answer == "216 m^3"
        # the flood's validator holds one of the two workers at a time; the other answers
        # the ordinary question at once (a normal answer takes a few ms here)
        assert elapsed < 1.0
        for reply in replies:
            assert reply.dendrite.status_code == 200, reply.dendrite.status_message
            assert reply.logic_answer == "unknown"  # the fallback, in time
        assert workers.stats.timeouts >= 1
    finally:
        miner.close()
        workers.close()
