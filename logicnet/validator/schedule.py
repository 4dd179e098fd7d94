"""When each miner is asked during a loop: the network's two schedules, as pure functions.

Both start from the census: every miner that answered ``Information``, with its *rate limit*
for this validator (its epoch_volume split by stake, ``logicnet.volume``). The validator
keeps a share of that limit for its own (synthetic) questions; the rest is left for organic
traffic. Both revisions fill a queue with each uid ``synthetic_share(limit)`` times and
then differ in how they empty it (docs/validator-schedule.md says the same in prose):

``queue`` (the seed revision, January 2025)
    The queue is shuffled and emptied in order, ``batch_size`` uids a batch; batch k starts
    ``k * loop_time * batch_size / (len(queue) + 1)`` seconds into the loop, so the batches
    are spread evenly over the whole loop and every uid gets its whole share.

``draws`` (the May 2025 revision)
    Every ``spacing_s`` seconds a batch of ``batch_size`` uids is drawn at random from the
    queue (each draw weighted by the uid's share), ``batch_number`` batches an iteration and
    iterations back to back until the loop's time is used. The network draws with
    replacement; we keep the uids of one batch distinct (a batch shares challenges between
    its uids) and never draw a uid past its rate limit (its miner would refuse the rest).

A batch is split into groups of at most 8 that share one challenge; every batch is in
flight on its own. ``thin`` drops batches evenly when the schedule asks for more answers
than the validator can score in the loop.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "Batch",
    "ScheduleRule",
    "draws_schedule",
    "plan",
    "queue_of",
    "queue_schedule",
    "synthetic_share",
    "thin",
]


@dataclass(frozen=True)
class Batch:
    at: float  # seconds after the loop's start
    uids: tuple[int, ...]


@dataclass(frozen=True)
class ScheduleRule:
    """A profile's schedule: which of the two, and its sizes."""

    kind: str  # "queue" | "draws"
    batch_size: int
    batch_number: int = 1  # draws: batches per iteration
    spacing_s: float = 0.0  # draws: seconds between batch starts


def synthetic_share(limit: int) -> int:
    """How many of a miner's ``limit`` questions the validator asks itself in one loop.

    The network keeps about a fifth for organic queries: ``s = max(1, floor(0.8 limit) - 1)``,
    and then the larger of ``s`` and ``limit - s`` (so a small limit is not cut to nothing).
    """
    if limit <= 0:
        return 0
    share = max(1, math.floor(limit * 0.8) - 1)
    return max(limit - share, share)


def queue_of(limits: Mapping[int, int]) -> list[int]:
    """Each uid its synthetic share of times, in uid order (the schedules shuffle it)."""
    return [uid for uid, limit in sorted(limits.items()) for _ in range(synthetic_share(limit))]


def queue_schedule(
    limits: Mapping[int, int], *, batch_size: int, loop_time: float, rng: random.Random
) -> list[Batch]:
    """The seed revision: the shuffled queue in batches, spread evenly over the loop."""
    queue = queue_of(limits)
    rng.shuffle(queue)
    spacing = loop_time * batch_size / (len(queue) + 1)
    return [
        Batch(round(k * spacing, 6), tuple(queue[i : i + batch_size]))
        for k, i in enumerate(range(0, len(queue), batch_size))
    ]


def draws_schedule(
    limits: Mapping[int, int],
    *,
    batch_size: int,
    batch_number: int,
    spacing_s: float,
    loop_time: float,
    rng: random.Random,
) -> list[Batch]:
    """The May 2025 revision: a batch drawn every ``spacing_s`` until the loop's time is used.

    ``batch_number`` only groups the batches into iterations (which start back to back), so
    a batch starts at every multiple of ``spacing_s`` below ``loop_time``. A uid is drawn at
    most its rate limit over the loop and at most once per batch.
    """
    left = {uid: limit for uid, limit in limits.items() if limit > 0}
    weight = {uid: synthetic_share(limit) for uid, limit in left.items()}
    spacing = spacing_s if spacing_s > 0 else loop_time
    starts = max(1, math.ceil(loop_time / spacing - 1e-9))
    del batch_number  # iterations run back to back: the start times alone are the schedule
    batches: list[Batch] = []
    for k in range(starts):
        chosen: list[int] = []
        pool = [uid for uid in sorted(left) if left[uid] > 0]
        while pool and len(chosen) < batch_size:
            uid = rng.choices(pool, weights=[weight[u] for u in pool])[0]
            chosen.append(uid)
            pool.remove(uid)
            left[uid] -= 1
        if not chosen:
            break
        batches.append(Batch(round(k * spacing, 6), tuple(chosen)))
    return batches


def plan(
    rule: ScheduleRule, limits: Mapping[int, int], loop_time: float, rng: random.Random
) -> list[Batch]:
    """The loop's batches under ``rule``."""
    if rule.kind == "queue":
        return queue_schedule(limits, batch_size=rule.batch_size, loop_time=loop_time, rng=rng)
    if rule.kind == "draws":
        return draws_schedule(
            limits,
            batch_size=rule.batch_size,
            batch_number=rule.batch_number,
            spacing_s=rule.spacing_s,
            loop_time=loop_time,
            rng=rng,
        )
    raise ValueError(f"unknown schedule {rule.kind!r}")


def thin(batches: Sequence[Batch], keep: int) -> list[Batch]:
    """At most ``keep`` queries: whole batches dropped evenly over the loop, the first one
    always kept, so the remaining ones keep their start times and their spread."""
    total = sum(len(b.uids) for b in batches)
    if total <= keep:
        return list(batches)
    if keep <= 0 or not batches:
        return []
    count = max(1, math.floor(keep * len(batches) / total))  # batches of the mean size
    picked = sorted({math.floor(i * len(batches) / count) for i in range(count)})
    kept = [batches[i] for i in picked]
    while len(kept) > 1 and sum(len(b.uids) for b in kept) > keep:
        kept.pop()
    return kept
