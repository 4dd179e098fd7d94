"""The scoring rule sets, as values (docs/network.md §6, §6b, §6c).

A ``ScoringProfile`` holds every decision that differs between the network's
revisions: reward weights, the order of the correctness checks, what the judge
path does, the incentive curve's cut, how much history a uid keeps and how it
is rounded, and when miners are asked during a loop (``schedule``). Settings look
one up once (``--scoring.profile``); scoring, the rewarder, incentives, the state
and the loop read its fields and never its name.

    seed             the January 2025 revision the seed guide describes
    network-2025-05  the network's last public revision (May 2025), the default
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from logicnet.validator.schedule import ScheduleRule

__all__ = [
    "DEFAULT_PROFILE",
    "PROFILES",
    "Check",
    "IncentiveRule",
    "JudgePath",
    "RewardWeights",
    "ScoringProfile",
    "get_profile",
]


class Check(enum.Enum):
    """A programmatic correctness check; a profile lists them in the order they run."""

    EXACT = "exact"  # trimmed, lower-cased strings equal -> 1.0
    FIRST_NUMBER = "first-number"  # §6: the first signed number of each side
    NUMBERS = "numbers"  # §6b: unsigned numbers; one each, or the whole arithmetic


@dataclass(frozen=True)
class RewardWeights:
    similarity: float
    correctness: float
    time: float


@dataclass(frozen=True)
class JudgePath:
    """What happens to an answer the programmatic checks could not decide."""

    cheat_score: float  # a cheat marker, or the trick detector saying yes
    semicolon_is_zero: bool  # an answer of exactly ";" scores 0
    extract_min_words: int | None  # answers this long go through the extract step first


@dataclass(frozen=True)
class IncentiveRule:
    """From a loop's mean rewards to incentives."""

    share_ties: bool  # equal means share the first rank of their group
    rank_start: int = 1  # the best uid's rank (1 in both revisions; this project once used 0)
    # The cut (HEAD): only means above min_mean at ranks <= max_rank get f(rank), the rest
    # f(fallback_rank). None: no cut, and a mean <= 0 gets 0.
    min_mean: float | None = None
    max_rank: int | None = None
    fallback_rank: int | None = None


@dataclass(frozen=True)
class ScoringProfile:
    name: str
    summary: str
    weights: RewardWeights
    checks: tuple[Check, ...]
    judge: JudgePath
    incentive: IncentiveRule
    history: int  # incentive values kept per uid; the weight is their sum / history
    round_decimals: int | None  # stored values rounded at each loop's start and end
    schedule: ScheduleRule  # when miners are asked during a loop (logicnet.validator.schedule)

    def __str__(self) -> str:
        return self.name


SEED = ScoringProfile(
    name="seed",
    summary="the seed guide's rules (docs/network.md §6): first number, judge, ties share a rank, "
    "20 values of history",
    weights=RewardWeights(similarity=0.2, correctness=0.8, time=0.1),
    checks=(Check.FIRST_NUMBER,),
    judge=JudgePath(cheat_score=0.0, semicolon_is_zero=False, extract_min_words=None),
    incentive=IncentiveRule(share_ties=True),
    history=20,
    round_decimals=3,
    # the queue of synthetic shares, batches of 16 (--async_batch_size) spread over the loop
    schedule=ScheduleRule("queue", batch_size=16),
)

NETWORK_2025_05 = ScoringProfile(
    name="network-2025-05",
    summary="the network's last revision (docs/network.md §6b, §6c): exact match, numbers, "
    "judge path "
    "with cheats -1; ranks not shared, the rank-250 cut, 5 values of history",
    weights=RewardWeights(similarity=0.3, correctness=0.7, time=0.05),
    checks=(Check.EXACT, Check.NUMBERS),
    judge=JudgePath(cheat_score=-1.0, semicolon_is_zero=True, extract_min_words=20),
    incentive=IncentiveRule(share_ties=False, min_mean=0.3, max_rank=160, fallback_rank=250),
    history=5,
    round_decimals=None,
    # 8 batches of 8 an iteration, a batch every 4 s, until loop_base_time is used
    schedule=ScheduleRule("draws", batch_size=8, batch_number=8, spacing_s=4.0),
)

PROFILES: dict[str, ScoringProfile] = {p.name: p for p in (NETWORK_2025_05, SEED)}
DEFAULT_PROFILE = NETWORK_2025_05.name


def get_profile(profile: ScoringProfile | str) -> ScoringProfile:
    """The profile itself, or the registered profile of that name (ValueError if none)."""
    if isinstance(profile, ScoringProfile):
        return profile
    try:
        return PROFILES[profile]
    except KeyError:
        raise ValueError(
            f"unknown scoring profile {profile!r} (choose from {', '.join(PROFILES)})"
        ) from None
