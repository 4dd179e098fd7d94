"""From rewards to weights (docs/network.md §7, §6c), as pure functions ruled by the profile.

    rewards this loop ─mean per uid─► rank from 1 ─curve─► incentive
    last N incentives per uid ─each clamped to [0, 1], sum/N, clamp [0, 1]─► normalise
        ─► weights (a NaN among them -> 0)

``seed``: equal means share the rank of the first of their group; a mean <= 0
gets 0. ``network-2025-05``: a stable sort by mean, so equal means take
consecutive ranks in the order the uids first appeared; only a mean above 0.3
at rank <= 160 gets f(rank), every other uid (a zero mean too) gets f(250).

``INCENTIVE_RANGE`` is every value a loop can give: the curve falls with the rank, so over
the ranks a subnet of 256 uids reaches (from the profiles' ``rank_start``) it runs from
f(1) = 0.975362... down to f(256) = 0.016732..., and the seed's "mean <= 0" adds 0. The
state records values clamped into it and refuses a saved value outside it (a hand-edited
or hostile file); the weights clamp every value again before summing, so nothing a state
holds can overflow the sum or outweigh the others.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from logicnet.validator.profiles import PROFILES, IncentiveRule, ScoringProfile, get_profile

__all__ = [
    "INCENTIVE_RANGE",
    "SUBNET_UIDS",
    "clamp_incentive",
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


# Subnet 35 holds 256 uids, so no loop ranks a uid past 256. (From rank 266 on the curve is
# negative: a larger subnet's seed loop records 0 there, which weighs the same after the
# weights' clamp.)
SUBNET_UIDS = 256
_RANKS = range(min(p.incentive.rank_start for p in PROFILES.values()), SUBNET_UIDS + 1)
INCENTIVE_RANGE: tuple[float, float] = (
    min(0.0, *(incentive_for_rank(r) for r in _RANKS)),
    max(incentive_for_rank(r) for r in _RANKS),
)


def clamp_incentive(value: float) -> float:
    """``value`` moved into ``INCENTIVE_RANGE``; NaN, infinity or anything but a number is 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    if isinstance(value, float) and not math.isfinite(value):
        return 0.0
    low, high = INCENTIVE_RANGE
    return float(min(max(value, low), high))  # an int past float's range compares exactly


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


def _usable(value: float) -> bool:
    try:
        return math.isfinite(value)
    except (TypeError, OverflowError):  # not a number, or an int past float's range
        return False


def weights_from_history(
    history: Mapping[int, Sequence[float]], profile: ScoringProfile | str
) -> dict[int, float]:
    """Weight per uid: sum of its last N incentives / N, clamped to [0, 1], normalised to 1.

    A uid with a NaN or infinite value among them weighs 0 (as the network's sum turns NaN);
    every other value is clamped to [0, 1] before the sum, which leaves the values a loop
    gives alone and keeps the sum finite whatever a state holds (two values of 1.7e308 once
    made ``fsum`` raise at every loop's end).
    """
    n = get_profile(profile).history
    raw: dict[int, float] = {}
    for uid, values in history.items():
        kept = list(values)[-n:]
        if all(_usable(v) for v in kept):
            total = math.fsum(min(max(v, 0.0), 1.0) for v in kept)
            raw[uid] = min(max(total / n, 0.0), 1.0)
        else:
            raw[uid] = 0.0
    total = math.fsum(raw.values())
    if total <= 0 or not math.isfinite(total):
        return {uid: 0.0 for uid in raw}
    return {uid: value / total for uid, value in raw.items()}
