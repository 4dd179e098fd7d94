"""Test miners on 127.0.0.1: real bittensor Axons (real signatures), one per hotkey, many
in one process, each with a scripted behaviour; plus a raw HTTP server for replies no Axon
would build in memory (a 300 MB body streamed chunk by chunk).

No ``from __future__ import annotations`` here: bittensor's ``attach`` checks the forward
functions' annotations as real classes.
"""

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Tuple  # noqa: UP035  (bittensor compares against typing.Tuple)

import bittensor as bt

from logicnet.chain import Neuron, write_registry
from logicnet.netutil import free_port
from logicnet.protocol import Information, LogicSynapse
from logicnet.wallets import create_wallet

# question, deadline (loop time) -> (logic_answer, logic_reasoning); any JSON value goes
Behaviour = Callable[[str, float], Awaitable[tuple[Any, Any]]]
MISSING = object()


async def engine_behaviour(question: str, deadline: float) -> tuple[Any, Any]:
    """An honest miner: the embedded engine, its working as reasoning."""
    from logicnet.engine import solve

    found = await asyncio.get_running_loop().run_in_executor(None, solve, question)
    if found is None:
        return "I do not know", "I could not work this one out."
    return found.answer, found.reasoning


def fixed(
    answer: Any, reasoning: Any = "Worked it out step by step.", delay: float = 0.0
) -> Behaviour:
    async def behave(question: str, deadline: float) -> tuple[Any, Any]:
        if delay:
            await asyncio.sleep(delay)
        return answer, reasoning

    return behave


def just_before_timeout(answer: Any, margin_s: float = 0.3) -> Behaviour:
    async def behave(question: str, deadline: float) -> tuple[Any, Any]:
        await asyncio.sleep(max(deadline - asyncio.get_running_loop().time() - margin_s, 0))
        return answer, "Took my time."

    return behave


@dataclass
class ScriptedMiner:
    uid: int
    wallet: Any
    port: int
    behaviour: Behaviour
    info: Any = field(default_factory=lambda: {"epoch_volume": 50, "category": "Logic"})
    refuse: bool = False  # refuse every LogicSynapse (403), as a miner's blacklist does
    axon: Any = None
    questions: list[str] = field(default_factory=list)

    def start(self) -> None:
        axon = bt.Axon(wallet=self.wallet, port=self.port, external_ip="127.0.0.1")
        axon.fast_config.host = "127.0.0.1"
        me = self

        async def forward_logic(synapse: LogicSynapse) -> LogicSynapse:
            me.questions.append(synapse.logic_question)
            deadline = asyncio.get_running_loop().time() + float(synapse.timeout or 12)
            answer, reasoning = await me.behaviour(synapse.logic_question, deadline)
            synapse.logic_answer = answer
            synapse.logic_reasoning = reasoning
            return synapse

        async def forward_info(synapse: Information) -> Information:
            if me.info is not MISSING:
                synapse.response_dict = me.info
            return synapse

        def blacklist_logic(synapse: LogicSynapse) -> Tuple[bool, str]:  # noqa: UP006
            return me.refuse, "refused by the test"

        axon.attach(forward_fn=forward_logic, blacklist_fn=blacklist_logic).attach(
            forward_fn=forward_info
        )
        axon.start()
        self.axon = axon

    def listening(self) -> bool:
        return bool(self.axon is not None and getattr(self.axon.fast_server, "started", False))

    def stop(self) -> None:
        if self.axon is not None:
            self.axon.stop()


class RawMiner:
    """Speaks just enough of the Axon's wire to be a miner, for replies a real Axon cannot
    send: Information gets a normal small reply; LogicSynapse gets ``body`` as it is (e.g.
    JSON escapes of a lone surrogate, which the Axon's own encoder refuses), or ``size``
    bytes of one JSON string written in chunks from one reused buffer (the sender holds
    64 KiB, never the whole body), with or without a Content-Length."""

    def __init__(self, body: bytes = b"", size: int = 0, declare_length: bool = True) -> None:
        self.body = body
        self.size = size
        self.declare_length = declare_length
        self.port = free_port()
        self.sent = 0
        self._loop = asyncio.new_event_loop()
        self._server: Any = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            # One request per connection, and said so: a kept-alive connection we then close
            # could be picked from the validator's pool for its next call and fail there.
            common = (
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n"
                b"bt_header_axon_status_code: 200\r\nbt_header_axon_status_message: ok\r\n"
            )
            if head.startswith(b"POST /Information"):
                body = b'{"response_dict": {"epoch_volume": 50, "category": "Logic"}}'
                writer.write(common + b"content-length: %d\r\n\r\n" % len(body) + body)
                await writer.drain()
                return
            if not self.size:
                writer.write(common + b"content-length: %d\r\n\r\n" % len(self.body) + self.body)
                await writer.drain()
                return
            prefix, suffix = b'{"logic_answer": "', b'"}'
            fill = self.size - len(prefix) - len(suffix)
            if self.declare_length:
                writer.write(common + b"content-length: %d\r\n\r\n" % self.size + prefix)
            else:
                writer.write(common + b"\r\n" + prefix)
            chunk = b"9" * 65536
            while fill > 0:
                piece = chunk[:fill]
                writer.write(piece)
                await writer.drain()
                self.sent += len(piece)
                fill -= len(piece)
            writer.write(suffix)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass  # the validator hung up on us: exactly what it should do
        finally:
            writer.close()

    def __enter__(self) -> "RawMiner":
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._handle, "127.0.0.1", self.port), self._loop
        ).result(10)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._loop.call_soon_threadsafe(self._server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


@dataclass
class Subnet:
    """A validator wallet, miners, and the registry file naming them."""

    registry: Path
    wallet_dir: Path
    validator: Any
    miners: list[ScriptedMiner]

    def stop(self) -> None:
        for m in self.miners:
            m.stop()


def axon_info_for(subnet: Subnet, uid: int, port: int | None = None) -> Any:
    """The AxonInfo a validator would build for scripted miner ``uid`` (another ``port``:
    the same hotkey somewhere else, e.g. a socket that never answers)."""
    miner = subnet.miners[uid - 1]
    return bt.AxonInfo(
        version=0,
        ip="127.0.0.1",
        port=miner.port if port is None else port,
        ip_type=4,
        hotkey=miner.wallet.hotkey.ss58_address,
        coldkey=miner.wallet.coldkeypub.ss58_address,
    )


def start_subnet(
    tmp: Path,
    behaviours: list[tuple[Behaviour, Any]],
    extra_ports: list[int] | None = None,
    wallet_dir: Path | None = None,
    start_timeout_s: float = 60.0,
) -> Subnet:
    """One validator (uid 0, big stake) and one scripted miner per (behaviour, info).
    ``extra_ports``: more miners, served by something else (a ``RawMiner``), with the uids
    that follow the scripted ones."""
    wallet_dir = wallet_dir or tmp / "wallets"
    validator = create_wallet("validator", "default", str(wallet_dir))
    neurons = [
        Neuron(
            0,
            validator.hotkey.ss58_address,
            validator.coldkeypub.ss58_address,
            100_000.0,
            True,
            "127.0.0.1",
            0,
        )
    ]
    miners = []
    for uid, (behaviour, info) in enumerate(behaviours, start=1):
        wallet = create_wallet(f"miner{uid}", "default", str(wallet_dir))
        miner = ScriptedMiner(uid, wallet, free_port(), behaviour, info)
        miners.append(miner)
        neurons.append(
            Neuron(
                uid,
                wallet.hotkey.ss58_address,
                wallet.coldkeypub.ss58_address,
                0.0,
                False,
                "127.0.0.1",
                miner.port,
            )
        )
    for uid, port in enumerate(extra_ports or [], start=len(behaviours) + 1):
        wallet = create_wallet(f"raw{uid}", "default", str(wallet_dir))
        neurons.append(
            Neuron(
                uid,
                wallet.hotkey.ss58_address,
                wallet.coldkeypub.ss58_address,
                0.0,
                False,
                "127.0.0.1",
                port,
            )
        )
    registry = tmp / "registry.json"
    write_registry(registry, 35, neurons)
    for m in miners:
        m.start()
    deadline = time.monotonic() + start_timeout_s
    while not all(m.listening() for m in miners):
        if time.monotonic() > deadline:
            raise RuntimeError("scripted miners did not start listening")
        time.sleep(0.02)
    return Subnet(registry, wallet_dir, validator, miners)


def build_service(
    subnet: Subnet,
    state_path: Path,
    *,
    timeout: float = 3.0,
    loop_base_time: float = 0.0,
    judge_llm: Any = None,
    judge_timeout_s: float = 2.0,
    questions: Any = None,
    similarity: Any = None,
    chain: Any = None,
    profile: str = "network-2025-05",
    batch: int = 16,
    seed: int = 1,
    max_loops: int | None = None,
    round_grace_s: float = 20.0,
) -> Any:
    """The validator service over ``subnet`` as ``logicnet validator`` builds it, offline."""
    import random

    from logicnet.chain import LocalRegistry
    from logicnet.validator.challenges import Challenger, parse_weights
    from logicnet.validator.judge import Judge
    from logicnet.validator.reference import ReferenceSolver
    from logicnet.validator.rewarder import Rewarder
    from logicnet.validator.service import ValidatorConfig, ValidatorService
    from logicnet.validator.state import ValidatorState
    from logicnet.validator.transport import BoundedDendrite

    challenger = Challenger(
        parse_weights("1,0,0,0,0,0,0"), random.Random(seed), questions=questions
    )
    rewarder = Rewarder(
        profile,
        Judge(judge_llm, timeout_s=judge_timeout_s),
        similarity,
        timeout,
        cheats=challenger.current_cheats,
    )
    config = ValidatorConfig(
        timeout=timeout,
        info_timeout=5.0,
        loop_base_time=loop_base_time,
        async_batch_size=batch,
        min_stake=1000.0,
        profile=profile,
        state_path=state_path,
        max_loops=max_loops,
        seed=seed,
        round_grace_s=round_grace_s,
    )
    return ValidatorService(
        wallet=subnet.validator,
        chain=chain or LocalRegistry(subnet.registry, netuid=35),
        dendrite=BoundedDendrite(subnet.validator),
        challenger=challenger,
        rewarder=rewarder,
        reference=ReferenceSolver(None),
        config=config,
        state=ValidatorState(),
    )


def one_question(truth: str = "42", question: str = "What is six times seven?") -> Any:
    from logicnet.validator.question_file import FileQuestion

    return [
        FileQuestion(
            1,
            question,
            truth,
            "test",
            question,
            "Six times seven: 6 x 7 = 42. The final answer is 42.",
        )
    ]
