"""From rewards to weights under both profiles: the facts of docs/network.md §6c as vectors."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from logicnet.validator.incentive import (
    incentive_for_rank,
    loop_incentives,
    ranks,
    weights_from_history,
)
from logicnet.validator.profiles import PROFILES
from logicnet.validator.state import ValidatorState, load_state, save_state

SEED, HEAD = PROFILES["seed"], PROFILES["network-2025-05"]
F1 = 1 + (-1.038e-7 + 6.214e-5 - 0.0129 - 0.0118)


def test_curve_counts_ranks_from_one() -> None:
    assert incentive_for_rank(1) == pytest.approx(0.975362, abs=1e-6) == pytest.approx(F1)
    assert incentive_for_rank(250) == pytest.approx(0.025075, abs=1e-6)


def test_seed_shares_tied_ranks_head_does_not() -> None:
    means = {1: 0.9, 2: 0.9, 3: 0.5, 4: 0.95}
    assert ranks(means, share_ties=True) == {4: 1, 1: 2, 2: 2, 3: 4}
    assert ranks(means, share_ties=False) == {4: 1, 1: 2, 2: 3, 3: 4}
    # HEAD: equal means in the order the uids first appeared this loop
    assert ranks({2: 0.9, 1: 0.9}, share_ties=False) == {2: 1, 1: 2}
    assert ranks(means, share_ties=True, start=0) == {4: 0, 1: 1, 2: 1, 3: 3}
    assert PROFILES["seed"].incentive.rank_start == HEAD.incentive.rank_start == 1


def test_head_gives_rank_250_below_the_cut() -> None:
    rewards = {10: [0.8], 11: [0.8], 12: [0.3], 13: [0.0], 14: [-0.5], 15: [math.nan], 16: []}
    net = loop_incentives(rewards, HEAD)
    assert net[10] == pytest.approx(incentive_for_rank(1))
    assert net[11] == pytest.approx(incentive_for_rank(2))  # tie: the next rank, not shared
    for uid in (12, 13, 14, 15, 16):  # exactly 0.3, zero, negative, NaN, nothing: f(250)
        assert net[uid] == pytest.approx(incentive_for_rank(250))
    seed = loop_incentives(rewards, SEED)
    assert seed[10] == seed[11] == pytest.approx(incentive_for_rank(1))  # shared
    assert seed[12] == pytest.approx(incentive_for_rank(3))  # no cut in the seed revision
    assert [seed[u] for u in (13, 14, 15, 16)] == [0.0, 0.0, 0.0, 0.0]


def test_head_admits_rank_160_and_not_161() -> None:
    rewards = {uid: [0.9 - uid * 1e-4] for uid in range(1, 201)}  # distinct, all above 0.3
    net = loop_incentives(rewards, HEAD)
    assert net[160] == pytest.approx(incentive_for_rank(160))
    assert net[161] == pytest.approx(incentive_for_rank(250))
    assert net[200] == pytest.approx(incentive_for_rank(250))
    seed = loop_incentives(rewards, SEED)
    assert seed[161] == pytest.approx(incentive_for_rank(161))


def test_weights_read_the_profiles_history_length() -> None:
    history = {1: [1.0] * 5 + [0.0] * 5, 2: [0.5] * 10}
    head = weights_from_history(history, HEAD)  # last 5: uid 1 has only zeros
    assert head == {1: 0.0, 2: 1.0}
    seed = weights_from_history(history, SEED)  # sum / 20: 5/20 and 5/20
    assert seed == {1: pytest.approx(0.5), 2: pytest.approx(0.5)}
    assert weights_from_history({1: [0.0]}, HEAD) == {1: 0.0}
    nan = weights_from_history({1: [math.nan, 1.0], 2: [1.0]}, SEED)
    assert nan == {1: 0.0, 2: 1.0}


def test_one_loop_end_to_end_at_head() -> None:
    state = ValidatorState()
    rewards = {7: [0.8, 0.8], 3: [0.7, 0.9], 5: [0.2]}  # 7 and 3 tie; 7 appeared first
    incentives = loop_incentives(rewards, HEAD)
    state.record_loop(incentives, {7: "a", 3: "b", 5: "c"}, HEAD)
    weights = weights_from_history({u: r.incentives for u, r in state.history.items()}, HEAD)
    f1, f2, f250 = incentive_for_rank(1), incentive_for_rank(2), incentive_for_rank(250)
    total = f1 + f2 + f250
    assert weights == {
        7: pytest.approx(f1 / total),
        3: pytest.approx(f2 / total),
        5: pytest.approx(f250 / total),
    }


def test_history_kept_and_rounded_per_profile(tmp_path: Path) -> None:
    value = incentive_for_rank(2)  # 0.96293..., more than 3 decimals
    head, seed = ValidatorState(), ValidatorState()
    for _ in range(25):
        head.record_loop({1: value}, {1: "hk"}, HEAD)
        seed.record_loop({1: value}, {1: "hk"}, SEED)
    assert head.history[1].incentives == [value] * 5  # 5 kept, unrounded
    assert seed.history[1].incentives == [round(value, 3)] * 20  # 20 kept, 3 decimals
    # A state saved unrounded is rounded at the next seed loop's start, and only then.
    path = tmp_path / "state.json"
    save_state(head, path)
    restored = load_state(path)
    restored.round_history(HEAD)
    assert restored.history[1].incentives == [value] * 5
    restored.round_history(SEED)
    assert restored.history[1].incentives == [round(value, 3)] * 5
    assert json.loads(path.read_text())["history"]["1"]["incentives"] == [value] * 5


def _reference_loop(
    history: dict[int, list[float]], rewards: dict[int, list[float]], seed_rules: bool
) -> dict[int, float]:
    """docs/network.md §6c read literally, written independently of the module under test."""
    f = incentive_for_rank
    if seed_rules:
        history.update({u: [round(v, 3) for v in vs] for u, vs in history.items()})
    means = {}
    for uid, values in rewards.items():
        m = sum(values) / len(values) if values else 0.0
        means[uid] = 0.0 if (m != m or m <= 0) else m
    order = sorted(means, key=lambda u: means[u], reverse=True)  # stable: first appearance
    for position, uid in enumerate(order):
        if seed_rules:
            rank = 1 + next(i for i, u in enumerate(order) if means[u] == means[uid])
            value = f(rank) if means[uid] > 0 else 0.0
        else:
            rank = position + 1
            value = f(rank) if means[uid] > 0.3 and rank <= 160 else f(250)
        keep = 20 if seed_rules else 5
        history[uid] = (history.get(uid, []) + [value])[-keep:]
    n = 20 if seed_rules else 5
    raw = {u: min(max(sum(vs[-n:]) / n, 0.0), 1.0) for u, vs in history.items()}
    total = sum(raw.values())
    # the network's seed revision computes its weights first, then rounds what it stores
    if seed_rules:
        history.update({u: [round(v, 3) for v in vs] for u, vs in history.items()})
    return {u: (v / total if total > 0 else 0.0) for u, v in raw.items()}


@pytest.mark.parametrize("profile", [SEED, HEAD], ids=lambda p: p.name)
def test_random_tables_agree_with_the_spec_read_literally(profile: object) -> None:
    import random

    rng = random.Random(35)
    for n_uids in (8, 64, 256):
        state, reference_history = ValidatorState(), {}  # type: ignore[var-annotated]
        for _ in range(25):
            uids = rng.sample(range(n_uids), k=rng.randint(1, n_uids))  # who answered, in order
            rewards = {
                u: [
                    round(
                        rng.choice([0.0, 0.25, 0.5, 0.55, 0.9])
                        + rng.random() * 0.05 * rng.randint(0, 1),
                        2,
                    )
                    for _ in range(rng.randint(0, 3))
                ]
                for u in uids
            }
            state.round_history(profile)  # type: ignore[arg-type]
            incentives = loop_incentives(rewards, profile)  # type: ignore[arg-type]
            got = state.close_loop(incentives, {u: f"hk{u}" for u in uids}, profile)  # type: ignore[arg-type]
            want = _reference_loop(reference_history, rewards, profile is SEED)
            assert got.keys() == want.keys()
            for uid in want:
                assert got[uid] == pytest.approx(want[uid], abs=1e-12), (n_uids, uid)


def test_incentive_range_is_what_ranks_1_to_256_can_give() -> None:
    from logicnet.validator.incentive import INCENTIVE_RANGE, SUBNET_UIDS, clamp_incentive

    curve = [incentive_for_rank(r) for r in range(1, SUBNET_UIDS + 1)]
    assert all(a > b for a, b in zip(curve, curve[1:], strict=False))  # falls with the rank
    assert curve[-1] == pytest.approx(0.016732, abs=1e-6) and curve[-1] > 0
    low, high = INCENTIVE_RANGE
    assert low == 0.0 and high == pytest.approx(F1) == curve[0]  # 0: the seed's mean <= 0
    assert incentive_for_rank(266) < 0 < incentive_for_rank(265)  # past 256 it turns negative
    assert [clamp_incentive(v) for v in (-3.2, 0.5, 7.0, math.nan, math.inf, 10**400)] == [
        0.0,
        0.5,
        INCENTIVE_RANGE[1],
        0.0,
        0.0,
        INCENTIVE_RANGE[1],
    ]
