"""The loop on its schedule, against real Axons on 127.0.0.1: batches start at their times
whatever earlier ones are waiting for, the loop ends by loop_base_time + one timeout, and
a miner's timeout counts from when its request is sent."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from logicnet.devkit.scripted_miners import (
    Subnet,
    axon_info_for,
    build_service,
    fixed,
    one_question,
    start_subnet,
)
from logicnet.protocol import Information
from logicnet.validator.schedule import Batch
from logicnet.validator.service import LoopReport
from logicnet.validator.transport import BoundedDendrite

LOGIC = {"epoch_volume": 50, "category": "Logic"}


def recording(arrivals: list[float], delay_s: float = 0.0) -> Any:
    """Answers 42 after ``delay_s``, noting when each question arrived."""

    async def behave(question: str, deadline: float) -> tuple[Any, Any]:
        arrivals.append(time.monotonic())
        await asyncio.sleep(delay_s)
        return "42", "Six times seven is 42."

    return behave


@pytest.fixture
def subnets() -> Iterator[list[Subnet]]:
    started: list[Subnet] = []
    yield started
    for s in started:
        s.stop()


def fixed_schedule(service: Any, batches: list[Batch]) -> None:
    """The service with this schedule instead of its profile's (what is under test here is
    how a schedule is carried out, not which one is drawn)."""

    def schedule(limits: dict[int, int], report: LoopReport) -> list[Batch]:
        report.planned = report.scheduled = sum(len(b.uids) for b in batches)
        report.batches_planned = len(batches)
        return batches

    service.schedule = schedule


def run(service: Any) -> tuple[LoopReport, float]:
    async def go() -> LoopReport:
        try:
            return await service.run_loop()
        finally:
            await service.close()

    start = time.monotonic()
    report = asyncio.run(go())
    return report, time.monotonic() - start


def test_a_batch_starts_on_time_while_an_earlier_one_waits_for_a_slow_miner(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    slow_arrivals: list[float] = []
    arrivals: list[float] = []
    subnet = start_subnet(
        tmp_path,
        [(recording(slow_arrivals, delay_s=4.0), LOGIC), (recording(arrivals), LOGIC)],
    )
    subnets.append(subnet)
    service = build_service(
        subnet, tmp_path / "s.json", questions=one_question(), timeout=5.0, loop_base_time=3.0
    )
    fixed_schedule(service, [Batch(0.0, (1,)), Batch(1.0, (2,))])
    report, seconds = run(service)
    assert len(slow_arrivals) == 1 and len(arrivals) == 1
    # lock-step rounds would send the second batch only after the first one's answer (4 s)
    assert arrivals[0] - slow_arrivals[0] < 2.5
    assert set(report.scores) == {1, 2} and report.batches_run == 2
    assert seconds < 3.0 + 5.0 + 2.0


def test_the_loop_ends_by_its_time_plus_one_timeout_and_says_so(
    tmp_path: Path, subnets: list[Subnet], caplog: pytest.LogCaptureFixture
) -> None:
    """Scoring that never ends (a similarity model that hangs) cannot hold the loop: the
    group is cut off one timeout after loop_base_time, its items skipped, never scored."""
    subnet = start_subnet(tmp_path, [(fixed("42"), LOGIC), (fixed("42"), LOGIC)])
    subnets.append(subnet)

    def hanging_similarity(texts: list[str], refs: list[str]) -> list[float]:
        time.sleep(12)  # a thread cannot be cancelled: the test's event loop waits for it at exit
        return [1.0] * len(texts)

    service = build_service(
        subnet,
        tmp_path / "s.json",
        questions=one_question(),
        timeout=2.0,
        loop_base_time=1.0,
        similarity=hanging_similarity,
        round_grace_s=60.0,
    )
    fixed_schedule(service, [Batch(0.0, (1, 2))])
    caplog.set_level(logging.WARNING, logger="logicnet.validator.service")
    report, _ = run(service)
    assert report.seconds < 1.0 + 2.0 + 5.0 + 1.0, report.seconds  # + the scoring grace
    assert report.cut_off == 1 and report.scores == {}
    assert report.outcomes["skipped"] == 2
    assert any("cut off" in r.getMessage() for r in caplog.records)
    assert any("past loop_base_time" in r.getMessage() for r in caplog.records)


def _silent_listener() -> tuple[socket.socket, int]:
    """Accepts connections (the kernel's backlog does) and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock, sock.getsockname()[1]


def test_a_timeout_counts_from_when_the_request_is_sent(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    """With every connection held by silent miners, an answering miner still gets its whole
    timeout once a connection is free (bittensor's pool counted the wait in the timeout)."""
    subnet = start_subnet(tmp_path, [(fixed("42"), LOGIC)])
    subnets.append(subnet)
    silent = [_silent_listener() for _ in range(2)]
    try:
        miner = axon_info_for(subnet, 1)

        async def go() -> list[int]:
            dendrite = BoundedDendrite(subnet.validator, max_connections=2)
            try:
                targets = [axon_info_for(subnet, 1, port=port) for _, port in silent] + [miner]
                replies = await asyncio.gather(
                    *(
                        dendrite.call(target_axon=t, synapse=Information(), timeout=1.5)
                        for t in targets
                    )
                )
            finally:
                await dendrite.aclose_session()
            return [int(r.dendrite.status_code) for r in replies]

        statuses = asyncio.run(go())
    finally:
        for sock, _ in silent:
            sock.close()
    assert statuses[:2] == [408, 408]
    assert statuses[2] == 200  # asked after the silent ones' 1.5 s, and answered


def test_the_loops_queries_and_coverage_reach_the_metrics(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    from prometheus_client import generate_latest
    from prometheus_client.parser import text_string_to_metric_families

    from logicnet.metrics.validator import ValidatorMetrics

    subnet = start_subnet(tmp_path, [(fixed("42"), LOGIC) for _ in range(3)])
    subnets.append(subnet)
    service = build_service(
        subnet, tmp_path / "s.json", questions=one_question(), loop_base_time=4.5, batch=2
    )
    metrics = ValidatorMetrics()
    service.on_event = metrics.on_event
    report, _ = run(service)
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(generate_latest(metrics.registry).decode())
        for s in family.samples
    }
    # network-2025-05: a batch of 2 at 0 s and at 4 s
    assert report.batches_run == 2 and report.queries == 4
    assert samples[("logicnet_validator_loop_queries", (("kind", "asked"),))] == 4
    assert samples[("logicnet_validator_loop_queries", (("kind", "scheduled"),))] == 4
    assert samples[("logicnet_validator_loop_miners_asked", ())] == report.miners_asked >= 2


def test_a_fractional_timeout_is_whole_seconds_on_the_wire(
    tmp_path: Path, subnets: list[Subnet]
) -> None:
    """LogicSynapse's timeout is an int: --validator.timeout 6.5 tells the miner 6 s and
    still waits 6.5 s (it once raised before the request was sent, for every miner)."""
    from logicnet.protocol import LogicSynapse

    subnet = start_subnet(tmp_path, [(fixed("42"), LOGIC)])
    subnets.append(subnet)

    async def go() -> Any:
        dendrite = BoundedDendrite(subnet.validator)
        try:
            return await dendrite.call(
                target_axon=axon_info_for(subnet, 1),
                synapse=LogicSynapse(logic_question="What is six times seven?", timeout=6),
                timeout=6.5,
            )
        finally:
            await dendrite.aclose_session()

    reply = asyncio.run(go())
    assert reply.dendrite.status_code == 200 and reply.logic_answer == "42"
    assert reply.timeout == 6
