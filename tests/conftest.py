"""Shared fixtures: throw-away wallets, a registry file, a live miner on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# Nothing in the tests may reach beyond 127.0.0.1: answer bittensor's public-IP
# lookups before any Dendrite or Axon is built.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
from logicnet.netutil import pin_external_ip  # noqa: E402

pin_external_ip("127.0.0.1")

import bittensor as bt  # noqa: E402

from logicnet.chain import LocalRegistry, Neuron, write_registry  # noqa: E402
from logicnet.credentials import Secret  # noqa: E402
from logicnet.devkit.scripted_llm import ScriptedLLM, free_port  # noqa: E402
from logicnet.engine.workers import EngineWorkers  # noqa: E402
from logicnet.llm import LLMPool, RetryPolicy  # noqa: E402
from logicnet.miner.admission import Admission  # noqa: E402
from logicnet.miner.run import start_axon  # noqa: E402
from logicnet.miner.service import MinerService  # noqa: E402
from logicnet.miner.solvers.baseline import BaselineSolver  # noqa: E402
from logicnet.wallets import create_wallet  # noqa: E402

WALLET_ROLES = ("miner", "validator", "validator2", "poor", "stranger")


@pytest.fixture(scope="session")
def engine() -> Iterator[EngineWorkers]:
    """The engine in its worker processes, as the miner runs it; shared by the session."""
    workers = EngineWorkers()
    workers.start()
    yield workers
    workers.close()


@pytest.fixture(scope="session")
def wallet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wallets")


@pytest.fixture(scope="session")
def wallets(wallet_dir: Path) -> dict[str, Any]:
    return {role: create_wallet(role, "default", str(wallet_dir)) for role in WALLET_ROLES}


def registry_neurons(
    wallets: dict[str, Any], miner_port: int, stakes: dict[str, float] | None = None
) -> list[Neuron]:
    """miner, validator (big stake), validator2, poor (tiny stake); 'stranger' unregistered."""
    stakes = stakes or {"miner": 0.0, "validator": 30000.0, "validator2": 20000.0, "poor": 5.0}
    return [
        Neuron(
            uid=i,
            hotkey=wallets[role].hotkey.ss58_address,
            coldkey=wallets[role].coldkeypub.ss58_address,
            stake=stakes[role],
            validator_permit=role.startswith("validator"),
            ip="127.0.0.1",
            port=miner_port if role == "miner" else 0,
        )
        for i, role in enumerate(("miner", "validator", "validator2", "poor"))
    ]


@dataclass
class LiveMiner:
    service: MinerService
    axon: Any
    llm: ScriptedLLM
    registry: Path
    port: int
    wallets: dict[str, Any]
    _dendrites: dict[str, Any] = field(default_factory=dict)
    # One loop for all queries: a Dendrite's aiohttp session is bound to its first loop.
    loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)

    @property
    def info(self) -> Any:
        return self.axon.info()

    def dendrite(self, role: str) -> Any:
        if role not in self._dendrites:
            self._dendrites[role] = bt.Dendrite(wallet=self.wallets[role])
        return self._dendrites[role]

    def query(self, role: str, synapse: Any, timeout: float = 12.0) -> Any:
        dendrite = self.dendrite(role)

        async def go() -> Any:
            return await dendrite.forward(self.info, synapse, timeout=timeout, deserialize=False)

        return self.loop.run_until_complete(go())

    def close(self) -> None:
        for dendrite in self._dendrites.values():
            self.loop.run_until_complete(dendrite.aclose_session())
        self.loop.close()
        self.axon.stop()


@pytest.fixture
def start_miner(wallets: dict[str, Any], tmp_path: Path) -> Iterator[Callable[..., LiveMiner]]:
    started: list[tuple[LiveMiner, ScriptedLLM]] = []

    def start(
        llm: ScriptedLLM | None = None,
        epoch_volume: int = 50,
        min_stake: float = 10000.0,
        limit_interval: float = 600.0,
        max_timeout: float = 120.0,
        solver: Callable[[LLMPool], Any] = BaselineSolver,
    ) -> LiveMiner:
        server = llm or ScriptedLLM()
        if llm is None:
            server.__enter__()
        port = free_port()
        registry = tmp_path / "registry.json"
        write_registry(registry, 35, registry_neurons(wallets, port))
        pool = LLMPool(
            [server.base_url],
            "scripted",
            Secret("sk-test-key-0001"),
            RetryPolicy(base_delay_s=0.01, max_delay_s=0.05, cooldown_s=0.2),
        )
        service = MinerService(
            wallet=wallets["miner"],
            chain=LocalRegistry(registry, netuid=35),
            solver=solver(pool),
            admission=Admission(epoch_volume, min_stake, limit_interval),
            epoch_volume=epoch_volume,
            max_timeout=max_timeout,
        )
        service.resync()
        axon = service.build_axon(port=port, external_ip="127.0.0.1", bind_host="127.0.0.1")
        start_axon(axon)
        live = LiveMiner(service, axon, server, registry, port, wallets)
        started.append((live, server if llm is None else None))  # type: ignore[arg-type]
        return live

    yield start
    for live, own_server in started:
        live.close()
        if own_server is not None:
            own_server.__exit__(None, None, None)


@pytest.fixture
def llm_server() -> Iterator[ScriptedLLM]:
    with ScriptedLLM() as server:
        yield server


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    done = threading.Event()
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return True
        done.wait(0.05)
    return predicate()
