"""Hostile miners on 127.0.0.1 (real Axons and signatures, or a raw HTTP miner where no Axon
would send the bytes) with honest miners beside them: each hostile reply costs only its own
sender, honest miners are still scored, and the loop stays bounded in time and memory."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from logicnet.credentials import Secret
from logicnet.devkit.scripted_llm import ScriptedLLM, hang
from logicnet.devkit.scripted_miners import (
    MISSING,
    RawMiner,
    Subnet,
    build_service,
    fixed,
    just_before_timeout,
    one_question,
    start_subnet,
)
from logicnet.llm import LLMPool, RetryPolicy
from logicnet.validator.service import LoopReport

LOGIC = {"epoch_volume": 50, "category": "Logic"}
HONEST = (fixed("42", "Six times seven is 42. The final answer is 42."), LOGIC)


def run_loop(service: Any) -> LoopReport:
    async def go() -> LoopReport:
        try:
            return await service.run_loop()
        finally:
            await service.close()

    return asyncio.run(go())


def by_uid(report: LoopReport) -> dict[int, Any]:
    """uid -> its one score this loop (every test here asks each miner once)."""
    out = {}
    for uid, rows in report.scores.items():
        assert len(rows) == 1, rows
        out[uid] = rows[0]
    return out


@pytest.fixture
def subnets() -> Any:
    started: list[Subnet] = []
    yield started
    for s in started:
        s.stop()


def _start(
    subnets: list[Subnet], tmp: Path, behaviours: list[Any], extra_ports: list[int] | None = None
) -> Subnet:
    subnet = start_subnet(tmp, behaviours, extra_ports)
    subnets.append(subnet)
    return subnet


def _vm_peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def test_hostile_answers_cost_only_their_senders(tmp_path: Path, subnets: list[Subnet]) -> None:
    hostile = {
        "overflow-mul": fixed("1e300*1e300"),
        "overflow-add": fixed("1e308+1e308"),
        "unknown": fixed("unknown"),
        "dict": fixed({"answer": 42}),
        "list": fixed([42]),
        "null": fixed(None),
    }
    surrogate = RawMiner(body=b'{"logic_answer": "42", "logic_reasoning": "six \\ud800 seven"}')
    deep = RawMiner(body=b'{"logic_answer": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    forged = RawMiner(
        body=b'{"logic_answer": "42", "dendrite": {"process_time": "0.0001", '
        b'"status_code": 200}, "axon": {"status_code": 200}}'
    )
    with surrogate, deep, forged:
        subnet = _start(
            subnets,
            tmp_path,
            [HONEST, HONEST] + [(b, LOGIC) for b in hostile.values()],
            [surrogate.port, deep.port, forged.port],
        )
        names = {
            1: "honest",
            2: "honest",
            **{i + 3: n for i, n in enumerate(hostile)},
            len(hostile) + 3: "surrogate",
            len(hostile) + 4: "deep",
            len(hostile) + 5: "forged",
        }
        service = build_service(subnet, tmp_path / "state.json", questions=one_question())
        report = run_loop(service)
    scores = by_uid(report)
    assert set(scores) == set(names)  # nobody skipped: a miner's reply never skips others
    for uid, name in names.items():
        s = scores[uid]
        if name == "honest":
            assert s.correctness == 1.0 and s.method == "exact" and s.reward > 0.7
        elif name == "forged":  # right answer; the time is ours to measure, not its to claim
            assert s.correctness == 1.0 and s.process_time > 0.0001
        else:
            assert s.reward is not None and s.correctness <= 0.0, (name, s)
            assert s.reward < scores[1].reward, name
    assert scores[names_uid(names, "unknown")].method == "local-judge"  # scored, not skipped
    assert scores[names_uid(names, "surrogate")].method == "invalid"
    for name in ("dict", "list", "null"):
        assert scores[names_uid(names, name)].method == "invalid"
    assert scores[names_uid(names, "deep")].status == 422  # unparsable: its own 0
    assert report.skipped == 0 and report.weights_set
    honest_weight = report.weights[1]
    assert all(
        report.weights[u] < honest_weight for u, n in names.items() if n not in ("honest", "forged")
    )


def names_uid(names: dict[int, str], name: str) -> int:
    return next(u for u, n in names.items() if n == name)


@pytest.mark.parametrize("declare_length", [True, False])
def test_a_300_mb_reply_is_cut_off_without_the_memory(
    tmp_path: Path, subnets: list[Subnet], declare_length: bool
) -> None:
    huge = RawMiner(size=300 * 1024 * 1024, declare_length=declare_length)
    with huge:
        subnet = _start(subnets, tmp_path, [HONEST, HONEST], [huge.port])
        service = build_service(
            subnet, tmp_path / "state.json", questions=one_question(), timeout=10.0
        )
        before = _vm_peak_mb()
        report = run_loop(service)
        grown = _vm_peak_mb() - before
    scores = by_uid(report)
    assert scores[3].method == "failed" and scores[3].status == 413 and scores[3].reward == 0.0
    assert report.outcomes["oversized"] == 1
    assert scores[1].correctness == scores[2].correctness == 1.0
    assert huge.sent < 20 * 1024 * 1024  # the validator hung up early, it did not read it all
    assert grown < 25, f"peak RSS grew by {grown:.0f} MB"


def test_unusable_epoch_volume_counts_as_512_and_is_asked(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    infos = [
        {"category": "Logic"},
        {"category": "Logic", "epoch_volume": 0},
        {"category": "Logic", "epoch_volume": None},
        {"category": "Logic", "epoch_volume": "lots"},
        {"category": "Logic", "epoch_volume": -3},
        {"category": "Logic", "epoch_volume": [1]},
        {"category": "Logic", "epoch_volume": 512},
    ]
    answer = fixed("42", "Six times seven is 42. The final answer is 42.")
    subnet = _start(
        subnets,
        tmp_path,
        [(answer, info) for info in infos]
        + [(answer, {"category": "Other", "epoch_volume": 50}), (answer, MISSING)],
    )
    service = build_service(subnet, tmp_path / "state.json", questions=one_question())
    report = run_loop(service)
    census = report.census
    assert sorted(census.volume_defaulted) == [1, 2, 3, 4, 5, 6]
    assert all(census.volumes[u] == 512 for u in range(1, 8))
    assert census.skipped == {8: "not a Logic miner", 9: "not a Logic miner"}
    scores = by_uid(report)
    assert set(scores) == set(range(1, 8))
    # full reward scale, as the explicit 512: equal rewards up to the time term
    assert all(abs(scores[u].reward - scores[7].reward) < 0.01 for u in range(1, 7))


def test_a_huge_volume_cannot_stretch_the_loop(tmp_path: Path, subnets: list[Subnet]) -> None:
    hog = (just_before_timeout("42", margin_s=0.3), {"category": "Logic", "epoch_volume": 100_000})
    subnet = _start(subnets, tmp_path, [HONEST, HONEST, hog])
    timeout, base = 2.0, 6.0  # batches at 0 s and 4 s (network-2025-05: one every 4 s)
    service = build_service(
        subnet,
        tmp_path / "state.json",
        questions=one_question(),
        timeout=timeout,
        loop_base_time=base,
        batch=2,
    )
    assert service.limits(service.chain.snapshot(), _census(service))[3] > 1000
    started = time.monotonic()
    report = run_loop(service)
    seconds = time.monotonic() - started
    assert report.batches_planned == 2 and report.batches_run == 2
    assert report.queries <= 2 * 2  # batches x async_batch_size, whatever was advertised
    assert seconds < base + timeout + 3.0, seconds
    assert report.weights_set and set(report.weights) == {1, 2, 3}
    assert all(s.reward is not None for rows in report.scores.values() for s in rows)
    assert {1, 2} <= set(report.scores)  # the honest miners were asked too


def _census(service: Any) -> Any:
    async def go() -> Any:
        try:
            return await service.census(service.chain.snapshot())
        finally:
            await service.dendrite.aclose_session()

    return asyncio.run(go())


def test_a_hanging_judge_costs_one_loop_a_few_deadlines(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    judged = (fixed("forty-two", "It is forty-two."), LOGIC)  # no digits: the judge decides
    subnet = _start(
        subnets, tmp_path, [HONEST, HONEST, judged, judged, judged, judged, judged, judged, judged]
    )
    with ScriptedLLM(default=hang(6.0)) as judge_server:
        pool = LLMPool(
            [judge_server.base_url],
            "judge",
            Secret("sk-judge-000"),
            RetryPolicy(max_attempts=1, base_delay_s=0.01, max_delay_s=0.02, cooldown_s=0.05),
        )
        service = build_service(
            subnet,
            tmp_path / "state.json",
            questions=one_question(),
            judge_llm=pool,
            judge_timeout_s=1.0,
            batch=16,
        )
        started = time.monotonic()

        async def go() -> LoopReport:
            try:
                return await service.run_loop()
            finally:
                await service.close()
                await pool.close()

        report = asyncio.run(go())
        seconds = time.monotonic() - started
    assert seconds < 12.0, seconds  # 9 judged queries, not 9 x the hang
    assert report.skipped >= 1  # our outage: items skipped, never scored
    honest = [s for u in (1, 2) for s in report.scores.get(u, [])]
    judged_scores = [s for u in range(3, 10) for s in report.scores.get(u, [])]
    assert all(s.method != "judge" for s in judged_scores)  # nobody got a judge's 0.5
    # the group without a judged answer is scored normally; a skipped group is skipped whole
    assert honest or report.skipped == 9
    assert len(judge_server.requests) <= 7  # at most one call per judged answer, no retries


def test_a_reply_that_breaks_the_transport_costs_only_its_sender(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    """Whatever unforeseen error one miner's reply raises inside the dendrite, the rest of
    its group is scored (the raise is planted in a real dendrite, for one port)."""
    from logicnet.validator.transport import BoundedDendrite

    subnet = _start(subnets, tmp_path, [HONEST, HONEST, HONEST])
    broken_port = subnet.miners[1].port

    class Planted(BoundedDendrite):
        async def call(
            self,
            target_axon: Any,
            synapse: Any = None,
            timeout: float = 12.0,
            deserialize: bool = False,
        ) -> Any:
            reply = await super().call(target_axon, synapse, timeout, deserialize)
            if target_axon.port == broken_port and type(synapse).__name__ == "LogicSynapse":
                raise KeyError("something nobody foresaw")
            return reply

    service = build_service(subnet, tmp_path / "state.json", questions=one_question())
    service.dendrite = Planted(subnet.validator)
    scores = by_uid(run_loop(service))
    assert scores[2].method == "failed" and scores[2].reward == 0.0
    assert scores[1].correctness == scores[3].correctness == 1.0
