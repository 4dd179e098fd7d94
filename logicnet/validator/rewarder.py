"""Scoring one group's answers: bounded inputs, correctness, similarity, time, reward.

Everything read from a miner is untrusted: fields are type-checked and cut to
size before any rule sees them, and correctness is always measured against the
validator's own copy of the ground truth.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from logicnet.validator.challenges import Challenge
from logicnet.validator.judge import Judge, JudgeUnavailable
from logicnet.validator.scoring import correctness, reward

__all__ = ["MAX_ANSWER_CHARS", "MAX_REASONING_CHARS", "MinerReply", "Rewarder", "Score",
           "bound_reply"]

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 2000
MAX_REASONING_CHARS = 20000


@dataclass(frozen=True)
class MinerReply:
    uid: int
    hotkey: str
    ok: bool  # an HTTP 200 with a synapse
    status: int
    process_time: float
    answer: str
    reasoning: str


def _bounded_text(value: Any, limit: int) -> str:
    if isinstance(value, str):
        return value[:limit]
    if value is None:
        return ""
    if isinstance(value, (int, float, bool)):
        return str(value)[:limit]
    return ""  # lists, dicts, objects: not an answer


def bound_reply(uid: int, hotkey: str, synapse: Any, timeout: float) -> MinerReply:
    """Read a dendrite response defensively: nothing in it is trusted."""
    dendrite = getattr(synapse, "dendrite", None)
    status = getattr(dendrite, "status_code", None)
    status = status if isinstance(status, int) else 0
    raw_time = getattr(dendrite, "process_time", None)
    try:
        process_time = float(raw_time) if raw_time is not None else timeout
    except (TypeError, ValueError):
        process_time = timeout
    if not 0 <= process_time < float("inf"):
        process_time = timeout
    return MinerReply(
        uid=uid, hotkey=hotkey, ok=status == 200, status=status,
        process_time=min(process_time, timeout),
        answer=_bounded_text(getattr(synapse, "logic_answer", None), MAX_ANSWER_CHARS),
        reasoning=_bounded_text(getattr(synapse, "logic_reasoning", None), MAX_REASONING_CHARS),
    )


@dataclass(frozen=True)
class Score:
    uid: int
    reward: float | None  # None: skipped (our side could not score it)
    correctness: float
    similarity: float
    process_time: float
    method: str
    status: int
    note: str = ""


class Rewarder:
    def __init__(
        self,
        profile: str,
        judge: Judge,
        similarity: Callable[[list[str], list[str]], list[float]] | None,
        timeout: float,
    ) -> None:
        self.profile = profile
        self.judge = judge
        self.similarity = similarity
        self.timeout = timeout
        self._cheat_score = -1.0 if profile == "network-2025-05" else 0.0

    async def score_group(self, challenge: Challenge, replies: Sequence[MinerReply],
                          reference: str | None, volumes: dict[int, int]) -> list[Score]:
        answered = [r for r in replies if r.ok and (r.answer.strip() or r.reasoning.strip())]
        sims: dict[int, float] = {}
        if answered and self.similarity is not None and reference:
            try:
                values = self.similarity([r.reasoning for r in answered],
                                         [reference] * len(answered))
            except (RuntimeError, ValueError, OSError, MemoryError) as exc:
                # Our model failed: nobody in this group is scored, rather than scored wrongly.
                log.warning("task %s: similarity failed (%s); group skipped", challenge.task_uid,
                            exc)
                return [Score(r.uid, None if r in answered else 0.0, 0.0, 0.0, r.process_time,
                              "skipped" if r in answered else "failed", r.status,
                              "similarity model failed") for r in replies]
            sims = {r.uid: max(min(v, 1.0), -1.0) for r, v in zip(answered, values, strict=True)}
        scores = []
        for r in replies:
            if r not in answered:
                scores.append(Score(r.uid, 0.0, 0.0, 0.0, r.process_time, "failed", r.status,
                                    f"no answer (status {r.status})"))
                continue
            try:
                value, method = await self._correctness(challenge, r.answer)
            except JudgeUnavailable as exc:
                log.info("task %s uid %d: skipped, %s", challenge.task_uid, r.uid, exc)
                scores.append(Score(r.uid, None, 0.0, 0.0, r.process_time, "skipped", r.status,
                                    str(exc)))
                continue
            sim = sims.get(r.uid, 0.0)
            total = reward(self.profile, value, sim, r.process_time, self.timeout,
                           volumes.get(r.uid, 0))
            scores.append(Score(r.uid, total, value, sim, r.process_time, method, r.status))
        return scores

    async def _correctness(self, challenge: Challenge, answer: str) -> tuple[float, str]:
        if self.profile == "network-2025-05":
            answer = await self.judge.extract(answer)
        result = correctness(self.profile, challenge.ground_truth, answer)
        if not result.needs_judge:
            return float(result.score or 0.0), result.method
        if await self.judge.is_trick(answer):
            return self._cheat_score, "cheat"
        verdict = await self.judge.score(challenge.raw_question, challenge.ground_truth, answer)
        return verdict, "judge"
