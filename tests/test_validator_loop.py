"""The validator loop: the bound on what a loop plans, weights every loop, chain calls that
never block the event loop, a stop that is seen at once, and the per-loop log line.
Real Axons on 127.0.0.1; the chain is the local registry (wrapped to be slow or failing)."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import pytest

from logicnet.chain import LocalRegistry, MetagraphSnapshot
from logicnet.devkit.scripted_miners import (
    Subnet,
    build_service,
    fixed,
    free_port,
    one_question,
    start_subnet,
)
from logicnet.errors import ChainError, ConfigError
from logicnet.validator.events import LoopReport
from logicnet.validator.service import usable_volume
from logicnet.validator.state import load_state

LOGIC = {"epoch_volume": 50, "category": "Logic"}
HONEST = (fixed("42", "Six times seven is 42. The final answer is 42."), LOGIC)


@pytest.fixture
def subnets() -> Any:
    started: list[Subnet] = []
    yield started
    for s in started:
        s.stop()


def _start(subnets: list[Subnet], tmp: Path, behaviours: list[Any], **kw: Any) -> Subnet:
    subnet = start_subnet(tmp, behaviours, **kw)
    subnets.append(subnet)
    return subnet


# ----------------------------------------------------------------------------- the plan


@pytest.mark.parametrize(
    "value, expected",
    [
        (50, 50),
        (50.9, 50),
        (10**9, 100_000),
        (0, None),
        (-1, None),
        (None, None),
        (True, None),
        ("50", None),
        ([50], None),
        (float("inf"), None),
        (float("nan"), None),
    ],
)
def test_usable_volume(value: Any, expected: int | None) -> None:
    assert usable_volume(value) == expected


@pytest.mark.parametrize(
    ("profile", "base", "expected"),
    [
        ("network-2025-05", 0.0, "a batch of 16 drawn every 4 s for 0 s"),
        ("seed", 600.0, "every miner its synthetic share, in batches of 16 spread over 600 s"),
    ],
)
def test_the_schedule_follows_the_profile(
    tmp_path: Path, subnets: list[Subnet], profile: str, base: float, expected: str
) -> None:
    subnet = _start(subnets, tmp_path, [])
    service = build_service(subnet, tmp_path / "s.json", loop_base_time=base, profile=profile)
    assert service.describe_schedule() == expected


# ----------------------------------------------------------------------------- the chain


class SlowChain:
    """The local registry, with a chain's latency: blocking calls, as bittensor's are."""

    def __init__(
        self,
        registry: Path,
        snapshot_s: float = 0.6,
        weights_s: float = 1.2,
        fail_weights: bool = False,
    ) -> None:
        self.inner = LocalRegistry(registry, netuid=35)
        self.description = "slow chain"
        self.snapshot_s, self.weights_s, self.fail_weights = snapshot_s, weights_s, fail_weights
        self.weights_calls: list[dict[int, float]] = []

    def snapshot(self) -> MetagraphSnapshot:
        time.sleep(self.snapshot_s)
        return self.inner.snapshot()

    def serve_axon(self, axon: Any) -> None:
        return None

    def set_weights(self, wallet: Any, weights: dict[int, float]) -> None:
        time.sleep(self.weights_s)
        self.weights_calls.append(dict(weights))
        if self.fail_weights:
            raise ChainError("set_weights was refused: too soon")
        self.inner.set_weights(wallet, weights)

    def close(self) -> None:
        return None


def test_chain_calls_never_block_the_event_loop_and_weights_are_set_every_loop(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    subnet = _start(subnets, tmp_path, [HONEST, HONEST])
    chain = SlowChain(subnet.registry)
    service = build_service(
        subnet, tmp_path / "state.json", questions=one_question(), chain=chain, max_loops=2
    )
    gaps: list[float] = []

    async def go() -> list[LoopReport]:
        done = False

        async def ticker() -> None:
            last = time.monotonic()
            while not done:
                await asyncio.sleep(0.05)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        tick = asyncio.ensure_future(ticker())
        try:
            return await service.run(asyncio.Event())
        finally:
            done = True
            await tick
            await service.close()

    reports = asyncio.run(go())
    assert len(reports) == 2 and all(r.weights_set for r in reports)
    assert len(chain.weights_calls) == 2  # once per loop
    assert max(gaps) < 0.5, max(gaps)  # the loop kept running through 0.6 s and 1.2 s calls
    saved = json.loads(chain.inner.weights_path.read_text())
    assert set(saved[subnet.validator.hotkey.ss58_address]) == {"1", "2"}
    assert load_state(tmp_path / "state.json").step == 2


def test_refused_weights_are_retried_then_the_loop_goes_on(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    subnet = _start(subnets, tmp_path, [HONEST])
    chain = SlowChain(subnet.registry, snapshot_s=0, weights_s=0, fail_weights=True)
    service = build_service(subnet, tmp_path / "state.json", questions=one_question(), chain=chain)

    async def go() -> LoopReport:
        try:
            return await service.run_loop()
        finally:
            await service.close()

    report = asyncio.run(go())
    assert not report.weights_set and len(chain.weights_calls) == 3
    assert load_state(tmp_path / "state.json").step == 1  # the loop's scores are kept


def test_stop_cancels_the_round_in_flight_and_keeps_the_last_state(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    slow = (fixed("42", "slow", delay=20.0), LOGIC)
    subnet = _start(subnets, tmp_path, [slow, slow])
    state_path = tmp_path / "state.json"
    service = build_service(subnet, state_path, questions=one_question(), timeout=30.0)

    async def go() -> tuple[list[LoopReport], float]:
        stop = asyncio.Event()
        task = asyncio.ensure_future(service.run(stop))
        while not all(m.questions for m in subnet.miners):  # both miners are working on it
            await asyncio.sleep(0.02)
        stopped = time.monotonic()
        stop.set()  # what the SIGTERM handler does
        try:
            reports = await asyncio.wait_for(task, 10)
        finally:
            await service.close()
        return reports, time.monotonic() - stopped

    reports, seconds = asyncio.run(go())
    assert seconds < 2.0, seconds
    assert len(reports) == 1 and reports[0].interrupted and not reports[0].weights_set
    state = load_state(state_path)  # saved, and an unfinished loop left no half history
    assert state.step == 0 and state.history == {}


# ----------------------------------------------------------------------------- the log line


def test_each_loop_says_what_happened_to_every_miner(
    tmp_path: Path, subnets: list[Subnet], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="logicnet.validator.service")
    dead_port = free_port()  # registered, nothing listening
    subnet = _start(
        subnets,
        tmp_path,
        [HONEST, HONEST, HONEST, (fixed("42"), {"category": "Other"})],
        extra_ports=[dead_port],
    )
    subnet.miners[2].refuse = True
    service = build_service(subnet, tmp_path / "state.json", questions=one_question())

    async def go() -> LoopReport:
        try:
            return await service.run_loop()
        finally:
            await service.close()

    report = asyncio.run(go())
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("loop 0:"))
    assert "3 queries in 1/1 batches to 3 of 3 miners" in line
    assert "answered 2" in line and "refused 1" in line
    assert "Information unreachable: uids [5]" in line
    assert "not asked: 1 not a Logic miner" in line
    assert "weights set" in line
    assert report.outcomes == {"answered": 2, "refused": 1}


# ----------------------------------------------------------------------------- questions file


def _validator_settings(tmp: Path, subnet: Subnet, *extra: str) -> Any:
    from logicnet.settings import ValidatorSettings, add_validator_args

    parser = argparse.ArgumentParser()
    add_validator_args(parser)
    argv = [
        "--localnet.registry",
        str(subnet.registry),
        "--wallet.name",
        "validator",
        "--wallet.path",
        str(subnet.wallet_dir),
        "--validator.state",
        str(tmp / "state.json"),
        "--min_stake",
        "1000",
        "--validator.timeout",
        "3",
        "--loop_base_time",
        "0",
        *extra,
    ]
    return ValidatorSettings.from_args(parser.parse_args(argv), argv)


def test_validator_draws_from_a_questions_file_and_scores_against_its_reference(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    from logicnet.validator.run import build_validator

    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {
                "logic_question": "Hey, quick one: what do you get multiplying six by seven?",
                "ground_truth": "42",
                "topic": "mult",
                "reference": "Six times seven is 42. The final answer is 42.",
            }
        )
        + "\n"
    )
    subnet = _start(subnets, tmp_path, [HONEST, HONEST])
    settings = _validator_settings(
        tmp_path, subnet, "--challenge.questions", str(questions), "--challenge.insert_letter"
    )

    async def go() -> LoopReport:
        service, _ = build_validator(settings, similarity=None)
        try:
            return await service.run_loop()
        finally:
            await service.close()

    report = asyncio.run(go())
    assert {u: [s.correctness for s in rows] for u, rows in report.scores.items()} == {
        1: [1.0],
        2: [1.0],
    }
    asked = [q for m in subnet.miners for q in m.questions]
    # each miner its own copy, one letter inserted into the file's question
    original = "Hey, quick one: what do you get multiplying six by seven?"
    assert len(asked) == 2 and all(len(q) == len(original) + 1 for q in asked)
    assert all(q != original for q in asked)


def test_a_bad_questions_file_is_a_clear_error_naming_the_line(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    from logicnet.validator.run import build_validator

    questions = tmp_path / "q.jsonl"
    questions.write_text('{"logic_question": "q", "ground_truth": "1"}\n{"oops": 1}\n')
    subnet = _start(subnets, tmp_path, [])
    settings = _validator_settings(tmp_path, subnet, "--challenge.questions", str(questions))

    async def go() -> None:
        build_validator(settings, similarity=None)

    with pytest.raises(ConfigError, match="line 2: lacks 'logic_question'"):
        asyncio.run(go())


def test_localnet_runs_on_a_questions_file(tmp_path: Path) -> None:
    """``logicnet localnet --questions FILE``: the challenges are the file's lines."""
    import subprocess
    import sys

    from logicnet.challenges.generate import draw_problem
    from logicnet.challenges.wrap import wrap_math_question

    lines = []
    for seed in range(3):
        question, truth = draw_problem("basic_math", "factorial", seed)
        lines.append(
            json.dumps(
                {
                    "logic_question": wrap_math_question("basic_math", "factorial", question),
                    "ground_truth": truth,
                    "topic": "from-the-file",
                    "reference": f"Multiply down to one. The answer is {truth}.",
                }
            )
        )
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(lines) + "\n")
    out = tmp_path / "run.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "logicnet",
            "localnet",
            "--miners",
            "engine,lazy",
            "--rounds",
            "1",
            "--timeout",
            "8",
            "--questions",
            str(questions),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    summary = json.loads(out.read_text())
    groups = [g for r in summary["rounds"] for g in r["groups"]]
    assert groups and all(g["topic"] == "from-the-file" for g in groups)
    rows = {r["kind"]: r for r in summary["miners"]}
    assert rows["engine"]["correctness"] == 1.0 and rows["lazy"]["correctness"] < 1.0


def test_sigterm_stops_a_validator_process_within_seconds(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    """A real ``logicnet validator`` process, mid-round with miners still thinking: SIGTERM
    ends it promptly with exit code 0 and its state file written."""
    import signal
    import subprocess
    import sys

    slow = (fixed("42", "slow", delay=60.0), LOGIC)
    subnet = _start(subnets, tmp_path, [slow, slow])
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {"logic_question": "What is six times seven?", "ground_truth": "42", "topic": "t"}
        )
        + "\n"
    )
    state = tmp_path / "state.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "logicnet",
            "validator",
            "--localnet.registry",
            str(subnet.registry),
            "--wallet.name",
            "validator",
            "--wallet.path",
            str(subnet.wallet_dir),
            "--validator.state",
            str(state),
            "--min_stake",
            "1000",
            "--validator.timeout",
            "90",
            "--challenge.questions",
            str(questions),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    try:
        deadline = time.monotonic() + 120
        while not all(m.questions for m in subnet.miners):
            assert proc.poll() is None, proc.communicate()[0][-2000:]
            assert time.monotonic() < deadline, "the validator never asked the miners"
            time.sleep(0.05)
        stopped = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
        seconds = time.monotonic() - stopped
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, output[-2000:]
    assert seconds < 5.0, seconds
    assert load_state(state).step == 0  # saved; the unfinished loop recorded nothing


def test_validator_draws_from_the_task_pool_and_punishes_its_cheat_list(
    tmp_path: Path, subnets: list[Subnet], monkeypatch: pytest.MonkeyPatch
) -> None:
    from logicnet.validator.run import build_validator
    from tests.test_task_pool import PASSWORD, USER, PoolServer

    pool = PoolServer().start()
    try:
        monkeypatch.setenv("VALIDATOR_USERNAME", USER)
        monkeypatch.setenv("VALIDATOR_PASSWORD", PASSWORD)
        cheat = (fixed("the answer: xyzzy-plugh"), LOGIC)  # a string on the pool's /cheats
        subnet = _start(subnets, tmp_path, [HONEST, cheat])
        settings = _validator_settings(tmp_path, subnet, "--challenge.task_pool_url", pool.url)

        async def go() -> LoopReport:
            service, _ = build_validator(settings, similarity=None)
            try:
                return await service.run_loop()
            finally:
                await service.close()

        report = asyncio.run(go())
    finally:
        pool.stop()
    assert [m.questions for m in subnet.miners] == [["What is 6*7?"], ["What is 6*7?"]]
    honest, cheater = report.scores[1][0], report.scores[2][0]
    assert honest.correctness == 1.0
    assert cheater.method == "cheat" and cheater.correctness == -1.0
