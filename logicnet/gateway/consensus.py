"""Choosing one answer from several miners' answers: the weight that agrees on it decides.

Each miner's answer counts with the miner's weight (the validator's current weights); answers
are the same when the scorer would call them the same (``logicnet.answers.vote_key``:
normalised text, and numbers by value). A miner that failed, timed out or sent something the
cheat checks flag counts for nothing. The decision, as answers come in:

- ``agreement``: one answer holds more weight than all the others together could still
  reach (those answered and those still out): it cannot be overtaken, so the gateway
  returns at once;
- ``engine``: at the deadline (or when all are in) two or more answers hold the most weight
  equally, and the validator's own engine read the question: its exact answer breaks the tie;
- ``weight``: at the deadline, the answer with the most weight;
- ``none``: no miner answered.

When the engine's answer is known it is always reported beside the decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from logicnet.answers import vote_key

__all__ = ["Decision", "MinerAnswer", "Tally"]


@dataclass(frozen=True)
class MinerAnswer:
    uid: int
    answer: str | None  # None: failed, timed out or flagged
    reasoning: str = ""
    latency: float = 0.0
    why: str = ""  # why it counts for nothing, when it does not count


@dataclass(frozen=True)
class Decision:
    answer: str | None
    reasoning: str
    agreement: float  # share of the asked miners' weight behind the answer, 0..1
    decided_by: str  # agreement | engine | weight | none
    agreed: frozenset[int] = frozenset()


@dataclass
class Tally:
    """The weights of the miners asked, and their answers as they arrive."""

    weights: dict[int, float]
    engine_answer: str | None = None
    answers: dict[int, MinerAnswer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # equal weights when the validator has none yet (a fresh validator)
        if not any(w > 0 for w in self.weights.values()):
            self.weights = {uid: 1.0 for uid in self.weights}

    @property
    def total(self) -> float:
        return sum(self.weights.values())

    def add(self, answer: MinerAnswer) -> None:
        self.answers[answer.uid] = answer

    def _groups(self) -> dict[str, list[MinerAnswer]]:
        groups: dict[str, list[MinerAnswer]] = {}
        for a in self.answers.values():
            if a.answer is None:
                continue
            key = vote_key(a.answer)
            if key:
                groups.setdefault(key, []).append(a)
        return groups

    def _weight(self, rows: Iterable[MinerAnswer]) -> float:
        return sum(self.weights.get(a.uid, 0.0) for a in rows)

    def decided(self) -> Decision | None:
        """The decision if no answer still out can change it, else None."""
        groups = self._groups()
        if not groups:
            return None
        outstanding = sum(w for uid, w in self.weights.items() if uid not in self.answers)
        ranked = sorted(groups.values(), key=self._weight, reverse=True)
        best = self._weight(ranked[0])
        runner_up = self._weight(ranked[1]) if len(ranked) > 1 else 0.0
        if best > runner_up + outstanding:
            return self._decision(ranked[0], "agreement")
        return None

    def final(self) -> Decision:
        """The decision with what has arrived (the deadline passed, or all are in)."""
        groups = self._groups()
        if not groups:
            return Decision(None, "", 0.0, "none")
        ranked = sorted(groups.values(), key=self._weight, reverse=True)
        best = self._weight(ranked[0])
        tied = [g for g in ranked if abs(self._weight(g) - best) <= 1e-12]
        if len(tied) > 1:
            if self.engine_answer is not None:
                engine_key = vote_key(self.engine_answer)
                for group in tied:
                    if vote_key(group[0].answer or "") == engine_key:
                        return self._decision(group, "engine")
            # no tie-breaker: the group whose first answer came first
            tied.sort(key=lambda g: min(a.latency for a in g))
            return self._decision(tied[0], "weight")
        decided = self.decided()
        return decided if decided is not None else self._decision(ranked[0], "weight")

    def _decision(self, group: list[MinerAnswer], how: str) -> Decision:
        total = self.total
        share = self._weight(group) / total if total > 0 else 0.0
        fastest = min(group, key=lambda a: a.latency)
        return Decision(
            fastest.answer,
            fastest.reasoning,
            round(share, 6),
            how,
            frozenset(a.uid for a in group),
        )
