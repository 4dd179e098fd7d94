"""The loop's two schedules as functions: which uids, how many times, and when."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from logicnet.validator.profiles import PROFILES
from logicnet.validator.schedule import (
    Batch,
    ScheduleRule,
    draws_schedule,
    plan,
    queue_of,
    queue_schedule,
    synthetic_share,
    thin,
)


@pytest.mark.parametrize(
    ("limit", "share"),
    [(0, 0), (1, 1), (2, 1), (3, 2), (5, 3), (10, 7), (100, 79), (409, 326), (512, 408)],
)
def test_the_synthetic_share_of_a_rate_limit(limit: int, share: int) -> None:
    assert synthetic_share(limit) == share


def test_the_queue_holds_every_uid_its_share() -> None:
    limits = {3: 10, 1: 2, 7: 0}
    assert Counter(queue_of(limits)) == {3: 7, 1: 1}


def test_the_seed_schedule_asks_every_share_spread_over_the_loop() -> None:
    limits = {uid: 10 for uid in range(1, 33)}  # 32 miners, 7 questions each
    batches = queue_schedule(limits, batch_size=16, loop_time=600.0, rng=random.Random(1))
    counts = Counter(uid for b in batches for uid in b.uids)
    assert counts == {uid: 7 for uid in range(1, 33)}
    assert [len(b.uids) for b in batches] == [16] * 14  # 224 = 14 batches of 16
    spacing = 600.0 * 16 / (224 + 1)
    assert [b.at for b in batches] == pytest.approx([k * spacing for k in range(14)])
    assert batches[-1].at < 600.0  # all of them start inside the loop


def test_the_draws_schedule_starts_a_batch_every_spacing_until_the_loop_ends() -> None:
    limits = {uid: 512 for uid in range(1, 257)}
    batches = draws_schedule(
        limits, batch_size=8, batch_number=8, spacing_s=4.0, loop_time=600.0, rng=random.Random(2)
    )
    assert [b.at for b in batches] == [4.0 * k for k in range(150)]
    assert all(len(b.uids) == 8 and len(set(b.uids)) == 8 for b in batches)
    assert sum(len(b.uids) for b in batches) == 1200


def test_draws_follow_the_shares_and_never_pass_a_rate_limit() -> None:
    limits = {1: 400, 2: 100, 3: 2}
    batches = draws_schedule(
        limits, batch_size=2, batch_number=8, spacing_s=1.0, loop_time=300.0, rng=random.Random(3)
    )
    counts = Counter(uid for b in batches for uid in b.uids)
    assert counts[3] == 2  # its whole rate limit, never more
    assert counts[2] <= 100 and counts[1] <= 400
    assert counts[1] > 2 * counts[2]  # drawn about 319:79 while all are available


def test_a_zero_loop_time_is_one_batch_at_once() -> None:
    rule = PROFILES["network-2025-05"].schedule
    batches = plan(rule, {1: 5, 2: 5}, 0.0, random.Random(1))
    assert batches == [Batch(0.0, batches[0].uids)] and sorted(batches[0].uids) == [1, 2]
    seed = plan(PROFILES["seed"].schedule, {1: 5, 2: 5}, 0.0, random.Random(1))
    assert all(b.at == 0.0 for b in seed) and Counter(u for b in seed for u in b.uids) == {
        1: 3,
        2: 3,
    }


def test_no_miners_no_batches() -> None:
    for profile in PROFILES.values():
        assert plan(profile.schedule, {}, 600.0, random.Random(1)) == []


def test_each_profile_has_its_revisions_schedule() -> None:
    assert PROFILES["seed"].schedule == ScheduleRule("queue", batch_size=16)
    assert PROFILES["network-2025-05"].schedule == ScheduleRule(
        "draws", batch_size=8, batch_number=8, spacing_s=4.0
    )


def test_thinning_keeps_the_spread_and_the_first_batch() -> None:
    batches = [Batch(float(k), (k, k + 100)) for k in range(100)]  # 200 queries
    kept = thin(batches, 50)
    assert sum(len(b.uids) for b in kept) <= 50 and kept[0] == batches[0]
    gaps = [b.at - a.at for a, b in zip(kept, kept[1:], strict=False)]
    assert max(gaps) <= 5.0 and kept[-1].at >= 90.0  # spread over the loop, not bunched
    assert thin(batches, 500) == batches
    assert thin(batches, 0) == []
