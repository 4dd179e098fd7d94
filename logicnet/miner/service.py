"""The miner service: a bittensor Axon answering LogicNet validators.

Request path (bittensor's order, with our hooks):

    connection limits (header deadline, idle limit, cap on open sockets; connections.py)
    -> RequestGuard (size, headers, body deadline, in-flight cap, body shape)
    -> bittensor header parse
    -> blacklist_*  (read-only admission: registered? enough stake? volume left?)
    -> signature / nonce verification (bittensor's default_verify)
    -> priority_*   (first hook after verification: spends one unit of volume)
    -> forward_*    (solve before the synapse's deadline; always a well-formed answer)

No ``from __future__ import annotations`` here: bittensor's ``attach`` checks the
hooks' annotations as real classes.
"""

import asyncio
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Tuple  # noqa: UP035  (bittensor compares against typing.Tuple)

from bittensor.core.errors import BlacklistedException

from logicnet.chain import ChainSource, MetagraphSnapshot
from logicnet.engine.workers import CALLER as ENGINE_CALLER
from logicnet.errors import ChainError, ConfigError
from logicnet.flags import MINER
from logicnet.metrics.miner import MinerMetrics, admission_volumes
from logicnet.miner.admission import Admission, Refusal
from logicnet.miner.connections import ConnectionLimits
from logicnet.miner.deadline import solve_before
from logicnet.miner.guard import InFlightShares, RequestGuard
from logicnet.miner.hotkeys import short_hotkey
from logicnet.miner.solvers.base import Solution, Solver
from logicnet.protocol import DEFAULT_MAX_BODY_BYTES, Information, LogicSynapse

__all__ = ["MinerService", "MinerStats"]

log = logging.getLogger(__name__)

_TASK_UID = re.compile(r"[^A-Za-z0-9_-]")


def _safe_task_uid(value: Any) -> str:
    return _TASK_UID.sub("", str(value))[:16] or "-"


@dataclass
class MinerStats:
    """Counters for the periodic status line."""

    answered: int = 0
    fallbacks: int = 0
    errors: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, solution: Solution, error: bool) -> None:
        with self.lock:
            self.answered += 1
            self.fallbacks += 0 if solution.complete else 1
            self.errors += 1 if error else 0
            self.latencies.append(seconds)
            del self.latencies[:-1000]

    def refuse(self, status: int) -> None:
        with self.lock:
            key = str(status)
            self.refused[key] = self.refused.get(key, 0) + 1

    def summary(self) -> str:
        with self.lock:
            lat = sorted(self.latencies)
            p50 = lat[len(lat) // 2] if lat else 0.0
            p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0.0
            refused = ", ".join(f"{k}:{v}" for k, v in sorted(self.refused.items())) or "0"
            return (
                f"answered {self.answered} (fallbacks {self.fallbacks}, errors {self.errors}), "
                f"refused {refused}, latency p50 {p50:.2f}s p99 {p99:.2f}s"
            )


class MinerService:
    """Wires admission and a solver into a bittensor Axon, for one hotkey.

    Several hotkeys in one process (``--wallet.hotkeys``) are several services sharing the
    solver, the ``metrics`` (each counts under its own ``hotkey`` label) and the in-flight
    cap (``shares``); each keeps its own wallet, axon, signature checks and volume table.
    """

    def __init__(
        self,
        *,
        wallet: Any,
        chain: ChainSource,
        solver: Solver,
        admission: Admission,
        epoch_volume: int,
        max_timeout: float = MINER.default("max_timeout"),
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_concurrency: int = MINER.default("max_concurrency"),
        connection_limits: ConnectionLimits | None = None,
        body_timeout_s: float = MINER.default("body_timeout"),
        metrics: MinerMetrics | None = None,
        shares: InFlightShares | None = None,
    ) -> None:
        self.wallet = wallet
        self.chain = chain
        self.solver = solver
        self.admission = admission
        self.epoch_volume = epoch_volume
        self.max_timeout = max_timeout
        self.max_body_bytes = max_body_bytes
        self.max_concurrency = max_concurrency  # requests in flight, not connections
        self.connection_limits = connection_limits or ConnectionLimits(
            max_connections=max(ConnectionLimits.max_connections, 4 * max_concurrency)
        )
        if self.connection_limits.max_connections <= max_concurrency:
            raise ConfigError(
                f"--miner.max_connections ({self.connection_limits.max_connections}, after "
                f"fitting the open-file limit) must exceed --miner.max_concurrency "
                f"({max_concurrency}): raise ulimit -n or lower --miner.max_concurrency"
            )
        self.body_timeout_s = body_timeout_s
        self.stats = MinerStats()
        self.hotkey = str(wallet.hotkey.ss58_address)
        self.label = short_hotkey(self.hotkey)  # this hotkey in metrics and log lines
        self.shares = shares
        self.metrics = metrics or MinerMetrics()  # served by --metrics.port
        self.metrics.watch_volumes(lambda: admission_volumes(self.admission), self.label)
        self.axon: Any = None

    # ------------------------------------------------------------------ metagraph

    def resync(self, snapshot: MetagraphSnapshot | None = None) -> MetagraphSnapshot | None:
        """Re-read the metagraph (or take ``snapshot``, read once for every hotkey of the
        process) and rebuild the volume table; keep the old one on failure."""
        if snapshot is None:
            try:
                snapshot = self.chain.snapshot()
            except ChainError as exc:
                log.warning("metagraph sync failed, keeping the previous one: %s", exc)
                return None
        if snapshot is not self.admission.snapshot:
            self.admission.update(snapshot)
            log.debug(
                "hotkey %s: metagraph synced from %s: %d neurons%s",
                self.label,
                self.chain.description,
                len(snapshot.neurons),
                "" if snapshot.block is None else f", block {snapshot.block}",
            )
        return snapshot

    # ------------------------------------------------------------------ hooks: LogicSynapse

    def _refuse(self, synapse: LogicSynapse, refusal: Refusal) -> None:
        """Stop the request with the refusal's own status (403, 429 or 503) and reason."""
        self.stats.refuse(refusal.status)
        self.metrics.refused(type(synapse).__name__, refusal.status, self.label)
        if synapse.axon is not None:
            synapse.axon.status_code = refusal.status
            synapse.axon.status_message = refusal.reason
        raise BlacklistedException(refusal.reason, synapse=synapse)

    def blacklist_logic(self, synapse: LogicSynapse) -> Tuple[bool, str]:  # noqa: UP006
        """Runs BEFORE the signature check: look, never spend."""
        refusal = self.admission.check(synapse.dendrite.hotkey if synapse.dendrite else None)
        if refusal is not None:
            self._refuse(synapse, refusal)
        return False, "admitted"

    def priority_logic(self, synapse: LogicSynapse) -> float:
        """Runs after the signature check: spend one unit of volume here."""
        hotkey = synapse.dendrite.hotkey if synapse.dendrite else None
        refusal = self.admission.consume(hotkey)
        if refusal is not None:
            self._refuse(synapse, refusal)
        # The forward's synapse is rebuilt from the body, without the verified hotkey; the
        # request's task (and so the forward) inherits this context: the engine's workers
        # are shared fairly between validators by it (logicnet.engine.workers).
        ENGINE_CALLER.set(hotkey or "")
        return self.admission.stake_of(hotkey)

    async def forward_logic(self, synapse: LogicSynapse) -> LogicSynapse:
        loop = asyncio.get_running_loop()
        started = loop.time()
        self.metrics.bind()  # the LLM and sandbox calls below count for this miner
        task = _safe_task_uid(synapse.task_uid)
        question = synapse.logic_question if isinstance(synapse.logic_question, str) else ""
        error = False
        if not question.strip():
            solution = self.solver.fallback(question, "the question was empty")
        else:
            try:
                attempt = await solve_before(
                    self.solver, question, synapse.timeout, self.max_timeout
                )
                solution = attempt.solution
                if attempt.problem:
                    log.warning("task %s: %s; sent fallback", task, attempt.problem)
            except Exception:  # the service edge: log with the task id and keep serving
                error = True
                solution = self.solver.fallback(question, "an internal error")
                log.exception("task %s: solver crashed; sent fallback", task)
        synapse.logic_reasoning = solution.reasoning
        synapse.logic_answer = solution.answer
        synapse.miner_view()  # never echo validator-only fields
        elapsed = loop.time() - started
        self.stats.record(elapsed, solution, error)
        self.metrics.answered(
            "LogicSynapse", elapsed, solution.label, solution.complete, self.label
        )
        log.info(
            "task %s answered in %.2fs by %s%s (hotkey %s): %s",
            task,
            elapsed,
            solution.label,
            "" if solution.complete else " (fallback)",
            self.label,
            solution.answer[:60],
        )
        return synapse

    # ------------------------------------------------------------------ hooks: Information

    def blacklist_info(self, synapse: Information) -> Tuple[bool, str]:  # noqa: UP006
        return False, "identity queries are always answered"

    def priority_info(self, synapse: Information) -> float:
        return self.admission.stake_of(synapse.dendrite.hotkey if synapse.dendrite else None)

    async def forward_info(self, synapse: Information) -> Information:
        synapse.response_dict = {"epoch_volume": self.epoch_volume, "category": "Logic"}
        self.metrics.info_answered(self.label)
        return synapse

    # ------------------------------------------------------------------ axon

    def build_axon(
        self,
        port: int,
        external_ip: str,
        external_port: int | None = None,
        bind_host: str | None = None,
        max_workers: int = 10,
    ) -> Any:
        import bittensor as bt

        axon = bt.Axon(
            wallet=self.wallet,
            port=port,
            external_ip=external_ip,
            external_port=external_port,
            max_workers=max_workers,
        )
        axon.attach(
            forward_fn=self.forward_logic,
            blacklist_fn=self.blacklist_logic,
            priority_fn=self.priority_logic,
        ).attach(
            forward_fn=self.forward_info,
            blacklist_fn=self.blacklist_info,
            priority_fn=self.priority_info,
        )
        axon.app.add_middleware(
            RequestGuard,
            routes={"LogicSynapse": LogicSynapse, "Information": Information},
            max_body_bytes=self.max_body_bytes,
            max_timeout_s=self.max_timeout,
            max_in_flight=self.max_concurrency,
            body_timeout_s=self.body_timeout_s,
            on_refuse=self.stats.refuse,
            on_refuse_route=lambda route, status: self.metrics.refused(route, status, self.label),
            shares=self.shares,
            hotkey=self.hotkey,
        )
        # uvicorn's own limit_concurrency counts idle sockets too: the protocol replaces it.
        self.connection_limits.apply(axon.fast_config)
        if bind_host:
            axon.fast_config.host = bind_host
        self.axon = axon
        return axon

    def serve_forever(
        self, stop: threading.Event, sync_interval_s: float, status_interval_s: float = 300.0
    ) -> None:
        """Re-sync the metagraph and log a status line until ``stop`` is set."""
        last_status = time.monotonic()
        while not stop.wait(sync_interval_s):
            self.resync()
            if time.monotonic() - last_status >= status_interval_s:
                last_status = time.monotonic()
                log.info("status: %s", self.stats.summary())
        log.info("stopping: %s", self.stats.summary())
