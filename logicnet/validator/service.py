"""The validator loop (docs/network.md §7): ask, score, weigh, persist, in bounded time.

    metagraph (in a thread, with a deadline)
      ─► census: Information from every miner at once (category, epoch_volume;
         unusable -> 512), each call's timeout counted from when it is sent
      ─► schedule (logicnet.validator.schedule, the profile's): batches with start times
         spread over loop_base_time, each uid at most its rate limit (docs/network.md §4); thinned
         when it asks for more answers than the scorer gets through in the loop
      ─► each batch at its time: groups of <= 8 sharing one challenge, each group in
         flight on its own (at most max_in_flight queries at once) and scored as soon as
         its answers are in ─► bounded replies ─► Rewarder ─► scores
      ─► end: incentives by rank, weights from history, set on chain (in a thread),
         save state; one log line of what happened to every miner

No batch starts once ``loop_base_time`` is used up, and the loop's queries and scoring
end by ``loop_base_time`` + one timeout: groups still running then are cut off (their
items skipped, never scored) and the overrun is logged. A group is also cut off
``round_grace_s`` after its timeout. A slow or silent miner holds only its own query.
Chain calls and sleeps run off the event loop, so a stop request (SIGTERM) is seen at
once: the groups in flight are cancelled and the state saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import math
import random
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from logicnet.chain import ChainSource, MetagraphSnapshot, Neuron
from logicnet.errors import ChainError
from logicnet.flags import VALIDATOR, VALIDATOR_OWN
from logicnet.options import EPOCH_VOLUME
from logicnet.protocol import Information, LogicSynapse
from logicnet.validator.challenges import Challenge, Challenger
from logicnet.validator.events import (
    Census,
    EventSink,
    GroupScored,
    LoopEnded,
    LoopReport,
    LoopStarted,
    QuestionsDropped,
    ignore,
)
from logicnet.validator.incentive import loop_incentives
from logicnet.validator.profiles import ScoringProfile, get_profile
from logicnet.validator.reference import ReferenceSolver
from logicnet.validator.rewarder import MinerReply, Rewarder, Score, ScoreMethod, bound_reply
from logicnet.validator.schedule import Batch, ScheduleRule, plan, thin
from logicnet.validator.state import ValidatorState, save_state
from logicnet.validator.transport import BoundedDendrite, Status
from logicnet.volume import DEFAULT_EPOCH_VOLUME, volume_table

__all__ = [
    "ValidatorConfig",
    "ValidatorService",
    "usable_volume",
]

if TYPE_CHECKING:
    from logicnet.settings import ValidatorSettings

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_EPOCH_VOLUME = int(EPOCH_VOLUME.high)  # what --miner.epoch_volume accepts at most
SCORING_GRACE_S = 5.0  # past loop_base_time + one timeout, to score the last answers
CHAIN_READ_TIMEOUT_S = 90.0
CHAIN_WRITE_TIMEOUT_S = 200.0
REFUSED = frozenset({401, 403, 429})  # the miner's blacklist said no (auth, stake, volume)
UNREACHABLE = frozenset({Status.TIMEOUT, Status.UNREACHABLE, 502, 504})


@dataclass(frozen=True)
class ValidatorConfig:
    """The service's knobs. Those with a flag take its declared default (logicnet/flags.py)
    and, in ``from_settings``, its value from ``ValidatorSettings``'s field of the same name."""

    timeout: float = VALIDATOR_OWN.default("timeout")
    info_timeout: float = VALIDATOR_OWN.default("info_timeout")
    loop_base_time: float = VALIDATOR.default("loop_base_time")
    async_batch_size: int | None = VALIDATOR.default("async_batch_size")  # None: the profile's
    group_size: int = 8
    max_in_flight: int = VALIDATOR.default("max_in_flight")  # LogicSynapse queries at once
    min_stake: float = VALIDATOR.default("min_stake")
    profile: ScoringProfile | str = VALIDATOR_OWN.default("profile")
    insert_letter: bool = VALIDATOR_OWN.default("insert_letter")
    disable_set_weights: bool = VALIDATOR.default("disable_set_weights")
    set_weights_tries: int = 3
    state_path: Path = Path("validator_state.json")
    max_loops: int | None = VALIDATOR_OWN.default("loops")
    seed: int | None = VALIDATOR_OWN.default("seed")
    # Time a group may take beyond the miners' timeout, for the reference and the judge.
    round_grace_s: float = 120.0
    # Answers the scorer is assumed to get through per second before it has measured itself
    # (programmatic scoring is far faster; the numpy similarity model about this).
    assumed_scoring_rate: float = 20.0

    @classmethod
    def from_settings(cls, settings: ValidatorSettings) -> ValidatorConfig:
        """From ``logicnet.settings.ValidatorSettings``: every field the two share, by name
        (the others keep their defaults)."""
        have = {f.name for f in dataclasses.fields(settings)}
        return cls(
            **{f.name: getattr(settings, f.name) for f in dataclasses.fields(cls) if f.name in have}
        )


def usable_volume(value: object) -> int | None:
    """A miner's advertised epoch_volume as a whole number >= 1, or None when unusable."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not math.isfinite(value) or value < 1:
        return None
    return int(min(value, MAX_EPOCH_VOLUME))


def _axon(n: Neuron) -> Any:
    import bittensor as bt

    return bt.AxonInfo(
        version=0, ip=n.ip, port=n.port, ip_type=4, hotkey=n.hotkey, coldkey=n.coldkey
    )


def _status(synapse: object) -> int:
    status: Any = getattr(getattr(synapse, "dendrite", None), "status_code", None)
    try:
        return int(status)
    except (TypeError, ValueError):
        return 0


def _outcome(score: Score) -> str:
    if score.method is ScoreMethod.FAILED:
        if score.status in REFUSED:
            return "refused"
        if score.status in UNREACHABLE:
            return "unreachable"
        if score.status == Status.TOO_LARGE:
            return "oversized"
        return "failed"
    if score.method is ScoreMethod.INVALID:
        return "invalid"
    return "skipped" if score.reward is None else "answered"


class ValidatorService:
    def __init__(
        self,
        *,
        wallet: Any,
        chain: ChainSource,
        dendrite: BoundedDendrite,
        challenger: Challenger,
        rewarder: Rewarder,
        reference: ReferenceSolver,
        config: ValidatorConfig,
        state: ValidatorState,
        on_event: EventSink | None = None,
    ) -> None:
        self.wallet = wallet
        self.chain = chain
        self.dendrite = dendrite
        self.challenger = challenger
        self.rewarder = rewarder
        self.reference = reference
        self.config = config
        self.state = state
        self.profile = get_profile(config.profile)
        self.on_event: EventSink = on_event or ignore
        # Questions a source left out (too large for miners, malformed) reach the metrics too;
        # those dropped while loading are reported here at once.
        challenger.report_drops(
            lambda source, reason, n: self.on_event(QuestionsDropped(source, reason, n))
        )
        self.rng = random.Random(config.seed)
        self.hotkey = wallet.hotkey.ss58_address
        self._snapshot: MetagraphSnapshot | None = None
        # What the gateway (logicnet.gateway) reads between loops: the last census's rate
        # limits, and organic answers scored since the last loop ended (--proxy.score).
        self.last_limits: dict[int, int] = {}
        self._organic: dict[int, list[Score]] = {}

    @property
    def schedule_rule(self) -> ScheduleRule:
        """The profile's schedule, with ``--async_batch_size`` as its batch size when given."""
        rule = self.profile.schedule
        if self.config.async_batch_size is None:
            return rule
        return dataclasses.replace(rule, batch_size=self.config.async_batch_size)

    def describe_schedule(self) -> str:
        rule = self.schedule_rule
        if rule.kind == "queue":
            return (
                f"every miner its synthetic share, in batches of {rule.batch_size} spread "
                f"over {self.config.loop_base_time:g} s"
            )
        return (
            f"a batch of {rule.batch_size} drawn every {rule.spacing_s:g} s for "
            f"{self.config.loop_base_time:g} s"
        )

    def scoring_rate(self) -> float:
        """Answers per second the scorer gets through: measured once it has scored, else
        the configured assumption."""
        measured = self.rewarder.capacity()  # inf until it has scored a group
        return measured if math.isfinite(measured) else self.config.assumed_scoring_rate

    def schedule(self, limits: dict[int, int], report: LoopReport) -> list[Batch]:
        """This loop's batches: the profile's schedule, thinned to what can be scored."""
        batches = plan(self.schedule_rule, limits, self.config.loop_base_time, self.rng)
        report.scheduled = sum(len(b.uids) for b in batches)
        rate = self.scoring_rate()
        keep = max(
            len(batches[0].uids) if batches else 0,
            math.floor(rate * self.config.loop_base_time),
        )
        kept = thin(batches, keep)
        report.planned = sum(len(b.uids) for b in kept)
        report.batches_planned = len(kept)
        if report.planned < report.scheduled:
            log.warning(
                "the schedule asks %d queries this loop; the scorer gets through about %.1f "
                "answers/s, %d in %g s: asking %d",
                report.scheduled,
                rate,
                keep,
                self.config.loop_base_time,
                report.planned,
            )
        return kept

    # ------------------------------------------------------------------ for the gateway

    def current_weights(self) -> dict[int, float]:
        """The weights the last finished loop computed (empty before the first)."""
        raw = self.state.last_loop.get("weights", {})
        out: dict[int, float] = {}
        if isinstance(raw, dict):
            for uid, value in raw.items():
                with contextlib.suppress(TypeError, ValueError):
                    if isinstance(value, (int, float)) and math.isfinite(value):
                        out[int(uid)] = float(value)
        return out

    def neuron(self, uid: int) -> Neuron | None:
        snapshot = self._snapshot
        if snapshot is None:
            return None
        return next((n for n in snapshot.neurons if n.uid == uid), None)

    @staticmethod
    def axon_of(neuron: Neuron) -> Any:
        return _axon(neuron)

    async def score_organic(
        self, question: str, truth: str, reference: str, replies: list[MinerReply]
    ) -> None:
        """--proxy.score: an organic question whose answer the engine read is scored like a
        synthetic one (the same rewarder) and counts in the next loop's means."""
        challenge = Challenge(
            task_uid=f"organic-{int(time.time() * 1000)}",
            source="organic",
            topic="organic",
            raw_question=question,
            question=question,
            ground_truth=truth,
            reference=reference or None,
        )
        scores = await self.rewarder.score_group(
            challenge, replies, reference or None, dict(self.last_limits)
        )
        for score in scores:
            if score.reward is not None:
                self._organic.setdefault(score.uid, []).append(score)

    # ------------------------------------------------------------------ chain, off the loop

    async def _read_snapshot(self) -> MetagraphSnapshot | None:
        try:
            snap = await asyncio.wait_for(
                asyncio.to_thread(self.chain.snapshot), CHAIN_READ_TIMEOUT_S
            )
        except (ChainError, asyncio.TimeoutError) as exc:
            log.error(
                "metagraph unreadable (%s)%s",
                exc or "timed out",
                "; using the last one" if self._snapshot else "",
            )
            return self._snapshot
        self._snapshot = snap
        return snap

    async def _set_weights(self, weights: dict[int, float], stop: asyncio.Event) -> bool:
        if self.config.disable_set_weights:
            return False
        if not weights:
            log.warning("no weights to set this loop (no miner has a score yet)")
            return False
        for attempt in range(1, self.config.set_weights_tries + 1):
            try:
                await asyncio.wait_for(
                    asyncio.to_thread(self.chain.set_weights, self.wallet, weights),
                    CHAIN_WRITE_TIMEOUT_S,
                )
                return True
            except (ChainError, asyncio.TimeoutError) as exc:
                log.warning("set_weights attempt %d failed: %s", attempt, exc or "timed out")
            if attempt < self.config.set_weights_tries and await _sleep(
                min(2.0 * attempt, 10.0), stop
            ):
                break
        log.error("weights not set this loop")
        return False

    # ------------------------------------------------------------------ census and plan

    async def census(self, snapshot: MetagraphSnapshot) -> Census:
        census = Census()
        targets = []
        for n in snapshot.neurons:
            if n.hotkey == self.hotkey:
                continue
            if n.port <= 0 or n.ip in ("", "0.0.0.0"):
                census.skipped[n.uid] = "no axon served"
                continue
            targets.append(n)
        replies = await asyncio.gather(
            *(
                self.dendrite.call(
                    target_axon=_axon(n),
                    synapse=Information(),
                    timeout=self.config.info_timeout,
                    deserialize=False,
                )
                for n in targets
            )
        )
        for neuron, reply in zip(targets, replies, strict=True):
            status = _status(reply)
            if status != 200:
                (census.refused if status in REFUSED else census.unreachable).append(neuron.uid)
                continue
            data = getattr(reply, "response_dict", None)
            data = data if isinstance(data, dict) else {}
            category = data.get("category")
            if category != "Logic":
                census.skipped[neuron.uid] = "not a Logic miner"
                continue
            volume = usable_volume(data.get("epoch_volume"))
            if volume is None:  # docs/network.md §6c: treated as 512, and the miner is still asked
                census.volume_defaulted.append(neuron.uid)
                volume = DEFAULT_EPOCH_VOLUME
            census.volumes[neuron.uid] = volume
        return census

    def limits(self, snapshot: MetagraphSnapshot, census: Census) -> dict[int, int]:
        """uid -> how many questions this validator may ask it per interval (docs/network.md §4)."""
        limits: dict[int, int] = {}
        for uid, volume in census.volumes.items():
            limit = volume_table(snapshot, volume, self.config.min_stake).get(self.hotkey, 0)
            if limit > 0:
                limits[uid] = limit
            else:
                census.skipped[uid] = "no volume for this validator's stake"
        return limits

    # ------------------------------------------------------------------ one group, one round

    async def _group(
        self,
        neurons: dict[int, Neuron],
        uids: list[int],
        volumes: dict[int, int],
        report: LoopReport,
        slots: asyncio.Semaphore,
    ) -> None:
        challenge = await self.challenger.next()
        await self.challenger.refresh_cheats()
        reference_task = asyncio.ensure_future(self.reference.reference_for(challenge))
        timeout = self.config.timeout

        async def ask(uid: int) -> Any:
            synapse = LogicSynapse(
                logic_question=challenge.for_miner(self.rng, self.config.insert_letter),
                category="Logic",
                timeout=int(timeout),
                task_uid=challenge.task_uid,
            ).miner_view()
            async with slots:  # the timeout starts when the query is sent, not while it waits
                return await self.dendrite.call(
                    target_axon=_axon(neurons[uid]),
                    synapse=synapse,
                    timeout=timeout,
                    deserialize=False,
                )

        try:
            responses = await asyncio.gather(*(ask(uid) for uid in uids), return_exceptions=True)
            for uid, resp in zip(uids, responses, strict=True):
                if isinstance(resp, asyncio.CancelledError):
                    raise resp
                if isinstance(resp, Exception):
                    # Whatever one miner's reply broke in the transport costs only that miner.
                    log.warning(
                        "task %s uid %d: reply unreadable (%s); scored as failed",
                        challenge.task_uid,
                        uid,
                        type(resp).__name__,
                    )
            replies = [
                bound_reply(
                    uid,
                    neurons[uid].hotkey,
                    None if isinstance(resp, BaseException) else resp,
                    timeout,
                )
                for uid, resp in zip(uids, responses, strict=True)
            ]
            del responses  # the raw synapses may be large: keep only the bounded copies
            reference = await reference_task
        finally:
            reference_task.cancel()
        scores = await self.rewarder.score_group(challenge, replies, reference, volumes)
        for s in scores:
            report.outcomes[_outcome(s)] += 1
            if s.reward is None:
                report.skipped += 1
                report.skipped_by_uid[s.uid] = report.skipped_by_uid.get(s.uid, 0) + 1
                continue
            report.scores.setdefault(s.uid, []).append(s)
        self.on_event(GroupScored(report.step, challenge.task_uid, challenge.topic, tuple(scores)))

    async def _bounded_group(
        self,
        neurons: dict[int, Neuron],
        uids: list[int],
        volumes: dict[int, int],
        report: LoopReport,
        slots: asyncio.Semaphore,
    ) -> None:
        """One group, cut off ``round_grace_s`` after its timeout; our failure skips it."""
        limit = self.config.timeout + self.config.round_grace_s
        try:
            await asyncio.wait_for(self._group(neurons, uids, volumes, report, slots), limit)
        except asyncio.TimeoutError:
            log.error("group %s cut off after %.0f s: its items are skipped", uids, limit)
            report.skipped += len(uids)
            report.outcomes["skipped"] += len(uids)
        except Exception as exc:  # our bug or outage: skip, never score it
            log.error("group %s skipped: %s: %s", uids, type(exc).__name__, exc, exc_info=exc)
            report.skipped += len(uids)
            report.outcomes["skipped"] += len(uids)

    async def _ask_on_schedule(
        self,
        batches: list[Batch],
        neurons: dict[int, Neuron],
        report: LoopReport,
        started: float,
        stop: asyncio.Event,
    ) -> bool:
        """Start each batch at its time; wait for the groups until the loop's hard end.

        False when ``stop`` was set (everything in flight is cancelled)."""
        slots = asyncio.Semaphore(max(1, self.config.max_in_flight))
        loop_end = started + self.config.loop_base_time
        # one timeout for the last batch's answers, and a moment to score what came last
        hard_end = loop_end + self.config.timeout + min(self.config.round_grace_s, SCORING_GRACE_S)
        size = self.config.group_size
        running: dict[asyncio.Task[None], int] = {}  # group task -> its number of uids
        asked: set[int] = set()
        stopped = False
        try:
            for index, batch in enumerate(batches):
                wait = started + batch.at - time.monotonic()
                if wait > 0 and await _sleep(wait, stop):
                    stopped = True
                    break
                if stop.is_set():
                    stopped = True
                    break
                if index > 0 and time.monotonic() >= loop_end:
                    report.notes.append(
                        f"loop time used up after {index} batch{'' if index == 1 else 'es'}"
                    )
                    break
                report.batches_run += 1
                report.queries += len(batch.uids)
                asked.update(batch.uids)
                uids = list(batch.uids)
                for i in range(0, len(uids), size):
                    group = uids[i : i + size]
                    task = asyncio.ensure_future(
                        self._bounded_group(neurons, group, report.census.volumes, report, slots)
                    )
                    running[task] = len(group)
                running = {t: n for t, n in running.items() if not t.done()}
            report.miners_asked = len(asked)
            while running and not stopped:
                left = hard_end - time.monotonic()
                if left <= 0:
                    break
                stopper = asyncio.ensure_future(stop.wait())
                try:
                    done, _ = await asyncio.wait(
                        {*running, stopper}, timeout=left, return_when=asyncio.FIRST_COMPLETED
                    )
                finally:
                    stopper.cancel()
                running = {t: n for t, n in running.items() if t not in done}
                stopped = stop.is_set()
            if running and not stopped:
                report.cut_off = len(running)
                unscored = sum(running.values())  # never scored: skipped, not failed
                report.skipped += unscored
                report.outcomes["skipped"] += unscored
                log.warning(
                    "loop %d: %d group%s still running %.0f s after loop_base_time (one "
                    "timeout and %.0f s to score): cut off, their items skipped",
                    report.step,
                    len(running),
                    "" if len(running) == 1 else "s",
                    self.config.timeout,
                    min(self.config.round_grace_s, SCORING_GRACE_S),
                )
        finally:
            for task in running:
                task.cancel()
            for task in running:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        overrun = time.monotonic() - loop_end
        if self.config.loop_base_time > 0 and overrun > 0 and not stopped:
            report.overrun_s = overrun
            log.warning(
                "loop %d: queries and scoring ran %.1f s past loop_base_time (%g s)",
                report.step,
                overrun,
                self.config.loop_base_time,
            )
        return not stopped

    # ------------------------------------------------------------------ the loop

    async def run_loop(self, stop: asyncio.Event | None = None) -> LoopReport:
        stop = stop or asyncio.Event()
        started = time.monotonic()
        report = LoopReport(step=self.state.step)
        self.rewarder.start_loop()
        self.state.round_history(self.profile)
        snapshot = await self._read_snapshot()
        if snapshot is None:
            report.notes.append("no metagraph: nothing asked")
            report.seconds = time.monotonic() - started
            self.on_event(LoopEnded(report))
            return report
        hotkeys = {n.uid: n.hotkey for n in snapshot.neurons}
        neurons = {n.uid: n for n in snapshot.neurons}
        self.state.forget_missing(hotkeys)
        finished, census = await _until_stopped(self.census(snapshot), stop)
        report.census = census if finished and census is not None else Census()
        report.interrupted = not finished
        limits = self.limits(snapshot, report.census)
        if not report.interrupted:
            self.last_limits = dict(limits)
        batches = [] if report.interrupted else self.schedule(limits, report)
        self.on_event(
            LoopStarted(
                step=report.step,
                miners=sorted(report.census.volumes),
                queries=report.planned,
                scheduled=report.scheduled,
            )
        )
        if not report.interrupted and not await self._ask_on_schedule(
            batches, neurons, report, started, stop
        ):
            report.interrupted = True
        if report.interrupted:
            # An unfinished loop would skew everyone's history: keep the last full loop's state.
            report.notes.append("stopped before the loop's end: no incentives recorded")
            report.seconds = time.monotonic() - started
            save_state(self.state, self.config.state_path)
            self.on_event(LoopEnded(report))
            return report
        organic, self._organic = self._organic, {}
        for uid, rows in organic.items():  # --proxy.score: scored organic answers count too
            if uid in hotkeys:
                report.scores.setdefault(uid, []).extend(rows)
        rewards = {
            uid: [s.reward for s in rows if s.reward is not None]
            for uid, rows in report.scores.items()
        }
        report.incentives = loop_incentives(rewards, self.profile)
        report.weights = self.state.close_loop(report.incentives, hotkeys, self.profile)
        report.weights_set = await self._set_weights(report.weights, stop)
        if self.config.disable_set_weights:
            report.notes.append("--neuron.disable_set_weights")
        report.seconds = time.monotonic() - started
        self.state.step += 1
        self.state.last_loop = {
            "step": report.step,
            "seconds": round(report.seconds, 3),
            "skipped": report.skipped,
            "queries": report.queries,
            "outcomes": dict(report.outcomes),
            "rewards": {str(u): v for u, v in rewards.items()},
            "incentives": {str(u): v for u, v in report.incentives.items()},
            "weights": {str(u): v for u, v in report.weights.items()},
        }
        save_state(self.state, self.config.state_path)
        log.info("%s", report.summary())
        self.on_event(LoopEnded(report))
        return report

    async def close(self) -> None:
        self.reference.close()
        await self.dendrite.aclose_session()
        if self.challenger.task_pool is not None:
            await self.challenger.task_pool.close()

    async def run(self, stop: asyncio.Event) -> list[LoopReport]:
        """Loop until ``stop`` is set or ``max_loops`` loops are done."""
        reports: list[LoopReport] = []
        while not stop.is_set():
            started = time.monotonic()
            reports.append(await self.run_loop(stop))
            if self.config.max_loops is not None and len(reports) >= self.config.max_loops:
                break
            pause = self.config.loop_base_time - (time.monotonic() - started)
            if pause > 0 and await _sleep(pause, stop):
                break
        return reports


async def _sleep(seconds: float, stop: asyncio.Event) -> bool:
    """Sleep, waking at once when ``stop`` is set; True when it was."""
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        return False
    return True


async def _until_stopped(work: Awaitable[T], stop: asyncio.Event) -> tuple[bool, T | None]:
    """(True, result of ``work``), or (False, None) when ``stop`` was set first: the work is
    then cancelled. Exceptions of the work propagate."""
    task = asyncio.ensure_future(work)
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()
        raise
    finally:
        stopper.cancel()
    if task.done():
        return True, task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return False, None
