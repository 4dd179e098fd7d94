"""The benchmark fleet (benchmarks/fleet.py) speaks the Axon's wire: bittensor's own Dendrite
and the validator's BoundedDendrite get answers from it, and it checks signatures as an Axon
does. Six miners, one of each kind (two honest), in one child process."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import bittensor as bt
import pytest

from benchmarks.fleet import EMPTY_BODY_HASH, VALIDATOR_STAKE, WRONG_ANSWER, WRONG_REASONING
from logicnet.chain import read_registry
from logicnet.engine import solve
from logicnet.protocol import Information, LogicSynapse
from logicnet.validator.transport import BoundedDendrite, Status

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "What is the greatest common divisor of 12 and 18?"
SHORT = 1  # seconds (LogicSynapse.timeout is an int): what slow and silent are tried with
LATE_BY = 0.5


@dataclass
class Running:
    proc: subprocess.Popen[bytes]
    workdir: Path
    ready: dict[str, Any]

    def miner(self, kind: str, nth: int = 0) -> dict[str, Any]:
        return [m for m in self.ready["miners"] if m["kind"] == kind][nth]

    async def astats(self) -> dict[str, Any]:
        url = f"http://127.0.0.1:{self.ready['control_port']}/stats"
        async with (
            aiohttp.ClientSession() as session,
            session.get(url, timeout=aiohttp.ClientTimeout(total=5)) as reply,
        ):
            return dict(await reply.json())

    def stats(self) -> dict[str, Any]:
        return asyncio.run(self.astats())

    def output(self) -> str:
        return (self.workdir / "out.txt").read_text() + (self.workdir / "err.txt").read_text()


def wait_ready(path: Path, proc: subprocess.Popen[bytes], within_s: float) -> dict[str, Any]:
    """The fleet writes fleet.json once every port listens: wait for it (or for the child to
    die, or the deadline)."""
    deadline = time.monotonic() + within_s
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the fleet exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError(f"the fleet was not ready within {within_s:.0f} s")
        time.sleep(0.05)
    return dict(json.loads(path.read_text()))


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory, wallets: dict[str, Any]) -> Iterator[Running]:
    workdir = tmp_path_factory.mktemp("fleet")
    kinds = ["--honest", "2", "--wrong", "1", "--slow", "1", "--silent", "1", "--mute", "1"]
    with (workdir / "out.txt").open("w") as out, (workdir / "err.txt").open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "fleet.py"), "--dir", str(workdir), *kinds]
            + ["--validator-hotkey", wallets["validator"].hotkey.ss58_address]
            + ["--late-by", str(LATE_BY), "--max-seconds", "120"]
            + ["--parent-pid", str(os.getpid())],
            stdout=out,
            stderr=err,
        )
    try:
        yield Running(proc, workdir, wait_ready(workdir / "fleet.json", proc, 25))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


def axon(miner: dict[str, Any], hotkey: str | None = None) -> Any:
    return bt.AxonInfo(
        version=0,
        ip="127.0.0.1",
        port=miner["port"],
        ip_type=4,
        hotkey=hotkey or miner["hotkey"],
        coldkey="",
    )


def both_dendrites(wallet: Any) -> list[Any]:
    return [bt.Dendrite(wallet=wallet), BoundedDendrite(wallet)]


async def ask(dendrite: Any, target: Any, synapse: Any, timeout: float) -> Any:
    return await dendrite.call(
        target_axon=target, synapse=synapse, timeout=timeout, deserialize=False
    )


async def raw_post(
    dendrite: Any,
    miner: dict[str, Any],
    synapse: Any,
    timeout: float,
    *,
    tamper: bool = False,
    times: int = 1,
    client_timeout: float = 5.0,
) -> list[tuple[int, dict[str, Any], float]]:
    """A request signed by ``dendrite`` sent by hand ``times`` times (status, body, seconds)."""
    synapse = dendrite.preprocess_synapse_for_request(axon(miner), synapse, timeout)
    headers = synapse.to_headers()
    if tamper:
        sig = headers["bt_header_dendrite_signature"]
        headers["bt_header_dendrite_signature"] = sig[:-1] + ("0" if sig[-1] != "0" else "1")
    url = f"http://127.0.0.1:{miner['port']}/{type(synapse).__name__}"
    out = []
    async with aiohttp.ClientSession() as session:
        for _ in range(times):
            started = time.monotonic()
            async with session.post(
                url,
                headers=headers,
                json=synapse.model_dump(),
                timeout=aiohttp.ClientTimeout(total=client_timeout),
            ) as reply:
                out.append((reply.status, await reply.json(), time.monotonic() - started))
    return out


def test_the_registry_names_every_miner_and_the_validator(
    fleet: Running, wallets: dict[str, Any]
) -> None:
    snap = read_registry(fleet.workdir / "registry.json", 35)
    validator = snap.by_hotkey(wallets["validator"].hotkey.ss58_address)
    assert validator is not None and validator.uid == 0
    assert validator.validator_permit and validator.stake == VALIDATOR_STAKE
    assert len(snap.neurons) == 7
    for m in fleet.ready["miners"]:
        neuron = snap.by_hotkey(m["hotkey"])
        assert neuron is not None
        assert (neuron.uid, neuron.ip, neuron.port) == (m["uid"], "127.0.0.1", m["port"])
    # The constant body hash the fleet checks is bittensor's for both synapses
    assert LogicSynapse(logic_question=QUESTION).body_hash == EMPTY_BODY_HASH
    assert Information().body_hash == EMPTY_BODY_HASH


def test_a_signed_logic_synapse_is_answered(fleet: Running, wallets: dict[str, Any]) -> None:
    found = solve(QUESTION)
    expected = (found.answer, found.reasoning) if found else ("", None)

    async def go() -> None:
        for dendrite in both_dendrites(wallets["validator"]):
            try:
                for nth in (0, 1):
                    honest = fleet.miner("honest", nth)
                    reply = await ask(
                        dendrite, axon(honest), LogicSynapse(logic_question=QUESTION), 10
                    )
                    assert reply.dendrite.status_code == 200, reply.dendrite.status_message
                    assert reply.logic_answer == expected[0]
                    if expected[1] is not None:
                        assert reply.logic_reasoning == expected[1]
                    assert reply.axon.hotkey == honest["hotkey"]
                    assert reply.axon.signature.startswith("0x")
                    assert reply.logic_question == QUESTION
                reply = await ask(
                    dendrite, axon(fleet.miner("wrong")), LogicSynapse(logic_question=QUESTION), 10
                )
                assert reply.dendrite.status_code == 200
                assert (reply.logic_answer, reply.logic_reasoning) == (
                    WRONG_ANSWER,
                    WRONG_REASONING,
                )
            finally:
                await dendrite.aclose_session()

    asyncio.run(go())
    engine = fleet.stats()["engine"]
    assert engine["solved"] + engine["unsolved"] == 1  # one computation, the rest cached
    assert engine["hits"] >= 3


def test_information_returns_the_volume(fleet: Running, wallets: dict[str, Any]) -> None:
    async def go() -> None:
        for dendrite in both_dendrites(wallets["validator"]):
            try:
                for kind in ("honest", "wrong", "slow", "silent"):
                    reply = await ask(dendrite, axon(fleet.miner(kind)), Information(), 5)
                    assert reply.dendrite.status_code == 200, (kind, reply.dendrite)
                    assert reply.response_dict == {"category": "Logic", "epoch_volume": 50}
            finally:
                await dendrite.aclose_session()

    asyncio.run(go())


def test_a_bad_signature_is_refused_as_an_axon_does(
    fleet: Running, wallets: dict[str, Any]
) -> None:
    honest, other = fleet.miner("honest", 0), fleet.miner("honest", 1)

    async def go() -> None:
        dendrite = BoundedDendrite(wallets["validator"])
        stock = bt.Dendrite(wallet=wallets["validator"])
        stranger = BoundedDendrite(wallets["stranger"])
        try:
            # Signed for another miner's hotkey: the miner checks against its own
            for d in (dendrite, stock):
                reply = await ask(
                    d, axon(honest, other["hotkey"]), LogicSynapse(logic_question=QUESTION), 5
                )
                assert reply.dendrite.status_code == 401
                assert "Signature mismatch" in str(reply.dendrite.status_message)
            # A forged signature, then a replayed nonce
            (forged,) = await raw_post(dendrite, honest, Information(), 5, tamper=True)
            assert forged[0] == 401 and "Signature mismatch" in forged[1]["message"]
            first, replay = await raw_post(dendrite, honest, Information(), 5, times=2)
            assert first[0] == 200 and first[1]["response_dict"]["epoch_volume"] == 50
            assert replay[0] == 401 and "Nonce is too old" in replay[1]["message"]
            # Properly signed, but not by a validator of this subnet: the blacklist's 403
            reply = await ask(stranger, axon(honest), Information(), 5)
            assert reply.dendrite.status_code == 403
        finally:
            for d in (dendrite, stock, stranger):
                await d.aclose_session()

    asyncio.run(go())
    counts = fleet.stats()["miners"][str(honest["uid"])]
    assert counts["LogicSynapse_401"] == 2 and counts["Information_401"] == 2
    assert counts["Information_403"] == 1


def test_slow_and_silent_miners_never_answer_in_time(
    fleet: Running, wallets: dict[str, Any]
) -> None:
    cases = [
        ("slow", LogicSynapse(logic_question=QUESTION)),
        ("silent", LogicSynapse(logic_question=QUESTION)),
        ("mute", Information()),
        ("mute", LogicSynapse(logic_question=QUESTION)),
    ]

    async def go() -> None:
        for dendrite in both_dendrites(wallets["validator"]):
            try:
                started = time.monotonic()
                replies = await asyncio.gather(
                    *(ask(dendrite, axon(fleet.miner(k)), s.model_copy(), SHORT) for k, s in cases)
                )
                assert SHORT * 0.9 <= time.monotonic() - started < SHORT + 2
                for (kind, _), reply in zip(cases, replies, strict=True):
                    assert reply.dendrite.status_code == Status.TIMEOUT, (kind, reply.dendrite)
            finally:
                await dendrite.aclose_session()
        # The slow miner does answer, correctly, LATE_BY after the synapse's timeout
        dendrite = BoundedDendrite(wallets["validator"])
        try:
            synapse = LogicSynapse(logic_question=QUESTION)
            ((status, body, seconds),) = await raw_post(
                dendrite, fleet.miner("slow"), synapse, 1, client_timeout=5
            )
        finally:
            await dendrite.aclose_session()
        found = solve(QUESTION)
        assert status == 200 and body["logic_answer"] == (found.answer if found else "")
        assert 1 + LATE_BY * 0.9 <= seconds < 1 + LATE_BY + 2

    asyncio.run(go())
    stats = fleet.stats()["miners"]
    assert stats[str(fleet.miner("silent")["uid"])]["held_LogicSynapse"] == 2
    assert stats[str(fleet.miner("mute")["uid"])]["held_Information"] == 2
    assert stats[str(fleet.miner("slow")["uid"])]["sent_late"] >= 1


def test_the_fleet_exits_cleanly_with_requests_held(
    fleet: Running, wallets: dict[str, Any]
) -> None:
    """Last in this file: it stops the module's fleet."""

    async def go() -> tuple[int, float]:
        dendrite = BoundedDendrite(wallets["validator"])
        before = await held_by_silent(fleet)
        try:
            held = asyncio.ensure_future(
                raw_post(
                    dendrite,
                    fleet.miner("silent"),
                    LogicSynapse(logic_question=QUESTION),
                    30,
                    client_timeout=15,
                )
            )
            deadline = time.monotonic() + 10
            while await held_by_silent(fleet) <= before:  # the request has reached the miner
                assert time.monotonic() < deadline and not held.done()
                await asyncio.sleep(0.02)
            started = time.monotonic()
            fleet.proc.send_signal(signal.SIGTERM)
            ((status, _, _),) = await held
            return status, time.monotonic() - started
        finally:
            await dendrite.aclose_session()

    status, seconds = asyncio.run(go())
    assert status == 503 and seconds < 5  # released at once, not left to the client's timeout
    assert fleet.proc.wait(timeout=10) == 0, fleet.output()
    assert "fleet: stopped" in fleet.output()


async def held_by_silent(fleet: Running) -> int:
    counts = (await fleet.astats())["miners"][str(fleet.miner("silent")["uid"])]
    return int(counts.get("held_LogicSynapse", 0))
