"""From rewards to weights (SPEC §7, §6c), as pure functions ruled by the profile.

    rewards this loop ─mean per uid─► rank from 1 ─curve─► incentive
    last N incentives per uid ─sum/N, clamp [0, 1]─► normalise ─► weights (NaN -> 0)

``seed``: equal means share the rank of the first of their group; a mean <= 0
gets 0. ``network-2025-05``: a stable sort by mean, so equal means take
consecutive ranks in the order the uids first appeared; only a mean above 0.3
at rank <= 160 gets f(rank), every other uid (a zero mean too) gets f(250).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from logicnet.validator.profiles import IncentiveRule, ScoringProfile, get_profile

__all__ = [
    "incentive_for_rank",
    "loop_incentives",
    "loop_means",
    "ranks",
    "weights_from_history",
]


def incentive_for_rank(rank: int) -> float:
    """1 + (-1.038e-7 r^3 + 6.214e-5 r^2 - 0.0129 r - 0.0118), the best rank being 1."""
    r = float(rank)
    return 1 + (-1.038e-7 * r**3 + 6.214e-5 * r**2 - 0.0129 * r - 0.0118)


def ranks(means: Mapping[int, float], share_ties: bool, start: int = 1) -> dict[int, int]:
    """Rank by mean, best first, from ``start``, in a stable sort (ties keep the mapping's
    order)."""
    ordered = sorted(means.items(), key=lambda kv: -kv[1])
    result: dict[int, int] = {}
    previous: float | None = None
    current = start
    for position, (uid, mean) in enumerate(ordered, start=start):
        if not share_ties or previous is None or mean != previous:
            current = position
            previous = mean
        result[uid] = current
    return result


def loop_means(rewards: Mapping[int, Sequence[float]]) -> dict[int, float]:
    """Mean reward per uid; no rewards, NaN or a mean <= 0 count as 0."""
    out: dict[int, float] = {}
    for uid, values in rewards.items():
        # a plain left-to-right sum, as the network computes it: equal means stay equal
        mean = sum(values) / len(values) if values else 0.0
        out[uid] = mean if math.isfinite(mean) and mean > 0 else 0.0
    return out


def _incentive(rule: IncentiveRule, mean: float, rank: int) -> float:
    if rule.fallback_rank is None:
        return incentive_for_rank(rank) if mean > 0 else 0.0
    admitted = (rule.min_mean is None or mean > rule.min_mean) and (
        rule.max_rank is None or rank <= rule.max_rank
    )
    return incentive_for_rank(rank if admitted else rule.fallback_rank)


def loop_incentives(
    rewards: Mapping[int, Sequence[float]], profile: ScoringProfile | str
) -> dict[int, float]:
    """Incentive of every uid scored this loop (``rewards`` in first-appearance order)."""
    rule = get_profile(profile).incentive
    means = loop_means(rewards)
    rank_of = ranks(means, rule.share_ties, rule.rank_start)
    return {uid: _incentive(rule, mean, rank_of[uid]) for uid, mean in means.items()}


def weights_from_history(
    history: Mapping[int, Sequence[float]], profile: ScoringProfile | str
) -> dict[int, float]:
    """Weight per uid: sum of its last N incentives / N, clamped to [0, 1], normalised to 1."""
    n = get_profile(profile).history
    raw: dict[int, float] = {}
    for uid, values in history.items():
        total = math.fsum(list(values)[-n:])
        raw[uid] = min(max(total / n, 0.0), 1.0) if math.isfinite(total) else 0.0
    total = math.fsum(raw.values())
    if total <= 0 or not math.isfinite(total):
        return {uid: 0.0 for uid in raw}
    return {uid: value / total for uid, value in raw.items()}
