"""From rewards to weights (SPEC §7, §6b), as pure functions.

    rewards this loop ─mean per uid─► rank (ties share a rank) ─curve─► incentive
    last 20 incentives per uid ─sum/20, clamp [0, 1]─► normalise ─► weights (NaN -> 0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

__all__ = [
    "HISTORY",
    "incentive_for_rank",
    "loop_incentives",
    "ranks",
    "weights_from_history",
]

HISTORY = 20
# The 2025 network: only uids with a mean above this and a rank within the cut get the curve.
MIN_MEAN_2025 = 0.3
MAX_RANK_2025 = 160
FALLBACK_RANK_2025 = 250


def incentive_for_rank(rank: int) -> float:
    """1 + (-1.038e-7 r^3 + 6.214e-5 r^2 - 0.0129 r - 0.0118), rank counted from 0."""
    r = float(rank)
    return 1 + (-1.038e-7 * r**3 + 6.214e-5 * r**2 - 0.0129 * r - 0.0118)


def ranks(means: Mapping[int, float]) -> dict[int, int]:
    """Rank by mean, best first, from 0; equal means share the better rank."""
    ordered = sorted(means.items(), key=lambda kv: -kv[1])
    result: dict[int, int] = {}
    previous: float | None = None
    current = 0
    for position, (uid, mean) in enumerate(ordered):
        if previous is None or mean != previous:
            current = position
            previous = mean
        result[uid] = current
    return result


def loop_incentives(rewards: Mapping[int, Sequence[float]], profile: str) -> dict[int, float]:
    """Incentive of every uid that was scored this loop."""
    means = {uid: (sum(v) / len(v) if v else 0.0) for uid, v in rewards.items()}
    means = {uid: (m if math.isfinite(m) else 0.0) for uid, m in means.items()}
    rank_of = ranks(means)
    out: dict[int, float] = {}
    for uid, mean in means.items():
        if mean <= 0:
            out[uid] = 0.0
            continue
        rank = rank_of[uid]
        if profile == "network-2025-05" and (mean <= MIN_MEAN_2025 or rank > MAX_RANK_2025):
            rank = FALLBACK_RANK_2025
        out[uid] = max(incentive_for_rank(rank), 0.0)
    return out


def weights_from_history(history: Mapping[int, Sequence[float]]) -> dict[int, float]:
    """Weight per uid from its recent incentives: sum/20 clamped to [0, 1], normalised to 1."""
    raw: dict[int, float] = {}
    for uid, values in history.items():
        recent = [v for v in list(values)[-HISTORY:] if math.isfinite(v)]
        raw[uid] = min(max(sum(recent) / HISTORY, 0.0), 1.0)
    total = sum(raw.values())
    if total <= 0 or not math.isfinite(total):
        return {uid: 0.0 for uid in raw}
    return {uid: value / total for uid, value in raw.items()}
