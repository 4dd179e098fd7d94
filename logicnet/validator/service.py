"""The validator loop (SPEC §7): ask, score, weigh, persist.

    sync metagraph ─► Information from every miner ─► queue (each uid x its rate limit)
      ─► batches of distinct uids ─► groups of <= 8 sharing one challenge
         (each miner its own copy, optionally with an inserted letter)
      ─► score each reply (Rewarder) ─► end of loop: incentives by rank,
         weights from the last 20, set on chain (or the local weights file), save state
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from logicnet.chain import ChainSource, MetagraphSnapshot
from logicnet.errors import ChainError
from logicnet.volume import volume_table
from logicnet.protocol import Information, LogicSynapse
from logicnet.validator.challenges import Challenger
from logicnet.validator.incentive import loop_incentives, weights_from_history
from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES, ScoringProfile
from logicnet.validator.reference import ReferenceSolver
from logicnet.validator.rewarder import Rewarder, bound_reply
from logicnet.validator.state import ValidatorState, save_state

__all__ = ["LoopReport", "ValidatorConfig", "ValidatorService"]

log = logging.getLogger(__name__)

MAX_EPOCH_VOLUME = 100_000


@dataclass(frozen=True)
class ValidatorConfig:
    timeout: float = 64.0
    info_timeout: float = 60.0
    loop_base_time: float = 600.0
    async_batch_size: int = 16
    group_size: int = 8
    min_stake: float = 10000.0
    profile: ScoringProfile = PROFILES[DEFAULT_PROFILE]
    insert_letter: bool = False
    disable_set_weights: bool = False
    set_weights_tries: int = 3
    state_path: Path = Path("validator_state.json")
    max_loops: int | None = None
    seed: int | None = None


@dataclass
class LoopReport:
    step: int
    seconds: float = 0.0
    scores: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    skipped: int = 0
    skipped_by_uid: dict[int, int] = field(default_factory=dict)
    incentives: dict[int, float] = field(default_factory=dict)
    weights: dict[int, float] = field(default_factory=dict)
    weights_set: bool = False


Event = Callable[[str, dict[str, Any]], None]


class ValidatorService:
    def __init__(
        self,
        *,
        wallet: Any,
        chain: ChainSource,
        dendrite: Any,
        challenger: Challenger,
        rewarder: Rewarder,
        reference: ReferenceSolver,
        config: ValidatorConfig,
        state: ValidatorState,
        on_event: Event | None = None,
    ) -> None:
        self.wallet = wallet
        self.chain = chain
        self.dendrite = dendrite
        self.challenger = challenger
        self.rewarder = rewarder
        self.reference = reference
        self.config = config
        self.state = state
        self.on_event = on_event or (lambda kind, data: None)
        self.rng = random.Random(config.seed)
        self.hotkey = wallet.hotkey.ss58_address

    # ------------------------------------------------------------------ one loop

    async def _miner_volumes(self, snapshot: MetagraphSnapshot) -> dict[int, int]:
        """uid -> epoch_volume, from the Information replies of miners that answer."""
        import bittensor as bt

        targets = [n for n in snapshot.neurons if n.hotkey != self.hotkey and n.port > 0]
        axons = [bt.AxonInfo(version=0, ip=n.ip, port=n.port, ip_type=4, hotkey=n.hotkey,
                             coldkey=n.coldkey) for n in targets]
        replies = await asyncio.gather(*(
            self.dendrite.call(target_axon=a, synapse=Information(),
                               timeout=self.config.info_timeout, deserialize=False)
            for a in axons))
        volumes: dict[int, int] = {}
        for neuron, reply in zip(targets, replies, strict=True):
            data = getattr(reply, "response_dict", None)
            if getattr(getattr(reply, "dendrite", None), "status_code", None) != 200:
                continue
            if not isinstance(data, dict) or data.get("category") != "Logic":
                continue
            volume = data.get("epoch_volume")
            if isinstance(volume, int) and not isinstance(volume, bool) and (
                    0 < volume <= MAX_EPOCH_VOLUME):
                volumes[neuron.uid] = volume
        return volumes

    def _queue(self, snapshot: MetagraphSnapshot, volumes: dict[int, int]) -> list[list[int]]:
        """Batches of distinct uids; each uid appears as often as its rate limit allows."""
        remaining = {}
        for uid, volume in volumes.items():
            limit = volume_table(snapshot, volume, self.config.min_stake).get(self.hotkey, 0)
            if limit > 0:
                remaining[uid] = limit
        batches = []
        while remaining:
            uids = list(remaining)
            self.rng.shuffle(uids)
            batch = uids[: self.config.async_batch_size]
            for uid in batch:
                remaining[uid] -= 1
                if remaining[uid] == 0:
                    del remaining[uid]
            batches.append(batch)
        return batches

    async def _group(self, snapshot: MetagraphSnapshot, uids: list[int],
                     volumes: dict[int, int], report: LoopReport) -> None:
        import bittensor as bt

        challenge = await self.challenger.next()
        reference_task = asyncio.ensure_future(
            self.reference.reasoning_for(challenge.raw_question))
        neurons = {n.uid: n for n in snapshot.neurons}
        timeout = self.config.timeout

        async def ask(uid: int) -> Any:
            n = neurons[uid]
            axon = bt.AxonInfo(version=0, ip=n.ip, port=n.port, ip_type=4, hotkey=n.hotkey,
                               coldkey=n.coldkey)
            synapse = LogicSynapse(
                logic_question=challenge.for_miner(self.rng, self.config.insert_letter),
                category="Logic", timeout=int(timeout), task_uid=challenge.task_uid,
            ).miner_view()
            return await self.dendrite.call(target_axon=axon, synapse=synapse, timeout=timeout,
                                            deserialize=False)

        responses = await asyncio.gather(*(ask(uid) for uid in uids))
        replies = [bound_reply(uid, neurons[uid].hotkey, resp, timeout)
                   for uid, resp in zip(uids, responses, strict=True)]
        reference = await reference_task
        scores = await self.rewarder.score_group(challenge, replies, reference, volumes)
        for s in scores:
            if s.reward is None:
                report.skipped += 1
                report.skipped_by_uid[s.uid] = report.skipped_by_uid.get(s.uid, 0) + 1
                continue
            report.scores.setdefault(s.uid, []).append(asdict(s))
        self.on_event("group", {"step": report.step, "task_uid": challenge.task_uid,
                                "topic": challenge.topic, "scores": [asdict(s) for s in scores]})

    async def run_loop(self) -> LoopReport:
        started = time.monotonic()
        report = LoopReport(step=self.state.step)
        snapshot = self.chain.snapshot()
        self.state.forget_missing({n.uid: n.hotkey for n in snapshot.neurons})
        self.state.round_history(self.config.profile)  # seed: 3 decimals at each loop's start
        self.rewarder.start_loop()  # the judge's breaker closes again
        volumes = await self._miner_volumes(snapshot)
        batches = self._queue(snapshot, volumes)
        self.on_event("loop_start", {"step": report.step, "miners": sorted(volumes),
                                     "queries": sum(len(b) for b in batches)})
        for batch in batches:
            groups = [batch[i:i + self.config.group_size]
                      for i in range(0, len(batch), self.config.group_size)]
            results = await asyncio.gather(
                *(self._group(snapshot, g, volumes, report) for g in groups),
                return_exceptions=True)
            for group, result in zip(groups, results, strict=True):
                if isinstance(result, Exception):  # our bug or outage: skip, never score it
                    log.error("group %s skipped: %s: %s", group, type(result).__name__, result)
                    report.skipped += len(group)
        rewards = {uid: [s["reward"] for s in rows] for uid, rows in report.scores.items()}
        report.incentives = loop_incentives(rewards, self.config.profile)
        hotkeys = {n.uid: n.hotkey for n in snapshot.neurons}
        self.state.record_loop(report.incentives, hotkeys, self.config.profile)
        report.weights = weights_from_history(
            {uid: rec.incentives for uid, rec in self.state.history.items()},
            self.config.profile)
        report.weights_set = self._set_weights(report.weights)
        report.seconds = time.monotonic() - started
        self.state.step += 1
        self.state.last_loop = {
            "step": report.step, "seconds": round(report.seconds, 3), "skipped": report.skipped,
            "rewards": {str(u): v for u, v in rewards.items()},
            "incentives": {str(u): v for u, v in report.incentives.items()},
            "weights": {str(u): v for u, v in report.weights.items()},
        }
        save_state(self.state, self.config.state_path)
        self.on_event("loop_end", {"report": report})
        return report

    def _set_weights(self, weights: dict[int, float]) -> bool:
        if self.config.disable_set_weights or not weights:
            return False
        for attempt in range(1, self.config.set_weights_tries + 1):
            try:
                self.chain.set_weights(self.wallet, weights)
                return True
            except ChainError as exc:
                log.warning("set_weights attempt %d failed: %s", attempt, exc)
                time.sleep(min(2.0 * attempt, 10.0))
        log.error("weights not set this loop after %d attempts", self.config.set_weights_tries)
        return False

    async def run(self, stop: asyncio.Event) -> list[LoopReport]:
        """Loop until ``stop`` is set or ``max_loops`` loops are done."""
        reports: list[LoopReport] = []
        while not stop.is_set():
            started = time.monotonic()
            reports.append(await self.run_loop())
            if self.config.max_loops is not None and len(reports) >= self.config.max_loops:
                break
            pause = self.config.loop_base_time - (time.monotonic() - started)
            if pause > 0:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(stop.wait(), pause)
        return reports
