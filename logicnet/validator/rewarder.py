"""Scoring one group's answers: bounded inputs, correctness, similarity, time, reward.

Everything read from a miner is untrusted. A reply whose fields have the wrong
type, an absurd size or text that is not valid Unicode scores 0 for that miner
alone ("invalid"), as does an answer that makes a rule raise; the rest of the
group is scored normally. A failure on our side (the similarity model, the
judge) skips the item for the whole group instead: an outage never becomes a
miner's score, and abstaining never beats answering.

Per answer (``judge_answer``): the profile's programmatic checks in order, then
the judge path: ``;`` -> 0, cheat markers and grader talk -> the profile's cheat
score, the LLM trick detector, the extract step for long answers ("not_found"
-> 0), then the LLM's verdict, or without an LLM the local verdict.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from logicnet.cheats import contains_cheat_marker, talks_to_grader
from logicnet.validator.challenges import Challenge
from logicnet.validator.judge import Judge, JudgeUnavailable, local_verdict
from logicnet.validator.profiles import ScoringProfile, get_profile
from logicnet.validator.scoring import Correctness, correctness, reward

__all__ = [
    "FULL_VOLUME",
    "MAX_ANSWER_CHARS",
    "MAX_REASONING_CHARS",
    "MinerReply",
    "Rewarder",
    "Score",
    "bound_reply",
    "judge_answer",
]

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 2000
MAX_REASONING_CHARS = 20000
FULL_VOLUME = 512  # a miner without a usable epoch_volume counts as full scale (SPEC §6c)

# What a miner's text can make our rules raise; anything else is our bug and propagates.
_MINER_INDUCED = (ArithmeticError, ValueError, TypeError, RecursionError, UnicodeError, MemoryError)


@dataclass(frozen=True)
class MinerReply:
    uid: int
    hotkey: str
    ok: bool  # an HTTP 200 with a synapse
    status: int
    process_time: float
    answer: str
    reasoning: str
    defect: str = ""  # why the reply cannot be scored (it then scores 0)


def _defect(name: str, value: Any, limit: int | None) -> str:
    """Why ``value`` is not usable text ("" when it is)."""
    if not isinstance(value, str):
        return f"{name} is {'null' if value is None else type(value).__name__}, not text"
    if limit is not None and len(value) > limit:
        return f"{name} has {len(value)} characters (limit {limit})"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{name} is not valid Unicode (lone surrogate)"
    return ""


def bound_reply(uid: int, hotkey: str, synapse: Any, timeout: float) -> MinerReply:
    """Read a dendrite response defensively: nothing in it is trusted."""
    dendrite = getattr(synapse, "dendrite", None)
    status = getattr(dendrite, "status_code", None)
    status = status if isinstance(status, int) and not isinstance(status, bool) else 0
    raw_time = getattr(dendrite, "process_time", None)
    try:
        process_time = float(raw_time) if raw_time is not None else timeout
    except (TypeError, ValueError, OverflowError):
        process_time = timeout
    if not 0 <= process_time < float("inf"):
        process_time = timeout
    answer = getattr(synapse, "logic_answer", None)
    reasoning = getattr(synapse, "logic_reasoning", None)
    reasoning = "" if reasoning is None else reasoning
    defect = _defect("logic_answer", answer, MAX_ANSWER_CHARS) or _defect(
        "logic_reasoning", reasoning, None
    )
    if isinstance(reasoning, str) and not defect:
        reasoning = reasoning[:MAX_REASONING_CHARS]
    return MinerReply(
        uid=uid,
        hotkey=hotkey,
        ok=status == 200,
        status=status,
        process_time=min(process_time, timeout),
        answer=answer if isinstance(answer, str) and not defect else "",
        reasoning=reasoning if isinstance(reasoning, str) and not defect else "",
        defect=defect,
    )


@dataclass(frozen=True)
class Score:
    uid: int
    reward: float | None  # None: skipped (our side could not score it)
    correctness: float
    similarity: float
    process_time: float
    method: str  # exact | numeric | judge | local-judge | cheat | invalid | failed | skipped
    status: int
    note: str = ""


async def judge_answer(
    profile: ScoringProfile | str,
    judge: Judge,
    question: str,
    truth: str,
    answer: str,
    cheats: Iterable[str] = (),
) -> Correctness:
    """Correctness of one answer under ``profile``; raises JudgeUnavailable on our failure."""
    rules = get_profile(profile)
    result = correctness(rules, truth, answer)
    if not result.needs_judge:
        return result
    return await _judge_path(rules, judge, question, truth, answer, cheats)


async def _judge_path(
    rules: ScoringProfile,
    judge: Judge,
    question: str,
    truth: str,
    answer: str,
    cheats: Iterable[str],
) -> Correctness:
    """What the profile does with an answer its programmatic checks could not decide."""
    path = rules.judge
    if path.semicolon_is_zero and answer.strip() == ";":
        return Correctness(0.0, "judge", "the answer is ';'")
    if contains_cheat_marker(answer, cheats):
        return Correctness(path.cheat_score, "cheat", "a cheat marker")
    if talks_to_grader(answer) or await judge.is_trick(answer):
        return Correctness(path.cheat_score, "cheat", "addresses the grader")
    if path.extract_min_words is not None and len(answer.split()) >= path.extract_min_words:
        extracted = await judge.extract(answer)
        if extracted is None:
            return Correctness(0.0, "judge", "the extract step found no final answer")
        answer = extracted
    if not judge.available:
        verdict = local_verdict(truth, answer)
        return Correctness(
            verdict,
            "local-judge",
            "equal to the ground truth" if verdict else "not equal to the truth",
        )
    return Correctness(await judge.score(question, truth, answer), "judge", "the LLM's verdict")


def _clean_similarity(value: float) -> float:
    return max(min(value, 1.0), -1.0) if math.isfinite(value) else 0.0


class Rewarder:
    def __init__(
        self,
        profile: ScoringProfile | str,
        judge: Judge,
        similarity: Callable[[list[str], list[str]], list[float]] | None,
        timeout: float,
        cheats: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        self.profile = get_profile(profile)
        self.judge = judge
        self.similarity = similarity
        self.timeout = timeout
        self.cheats = cheats or (lambda: ())  # e.g. the task server's /cheats list

    def start_loop(self) -> None:
        """Called at each loop's start: the judge's breaker closes again."""
        self.judge.start_loop()

    def _similarities(
        self, task: str, replies: list[MinerReply], reference: str
    ) -> tuple[dict[int, float], dict[int, str]] | None:
        """uid -> similarity and uid -> why its text broke the model; None: our model failed."""
        assert self.similarity is not None
        try:
            values = self.similarity([r.reasoning for r in replies], [reference] * len(replies))
            return {r.uid: _clean_similarity(v) for r, v in zip(replies, values, strict=True)}, {}
        except (RuntimeError, ValueError, TypeError, OSError, MemoryError, UnicodeError) as exc:
            first = exc
        # One text may have broken the batch: try each alone; only if every one fails is it us.
        sims: dict[int, float] = {}
        broken: dict[int, str] = {}
        for r in replies:
            try:
                sims[r.uid] = _clean_similarity(self.similarity([r.reasoning], [reference])[0])
            except (RuntimeError, ValueError, TypeError, OSError, MemoryError, UnicodeError) as exc:
                broken[r.uid] = f"reasoning broke the similarity model ({type(exc).__name__})"
        if not sims:
            log.warning("task %s: similarity failed (%s); group skipped", task, first)
            return None
        return sims, broken

    async def score_group(
        self,
        challenge: Challenge,
        replies: Sequence[MinerReply],
        reference: str | None,
        volumes: dict[int, int],
    ) -> list[Score]:
        task = challenge.task_uid
        out: dict[int, Score] = {}
        answered: list[MinerReply] = []
        for r in replies:
            if not r.ok:
                out[r.uid] = Score(
                    r.uid,
                    0.0,
                    0.0,
                    0.0,
                    r.process_time,
                    "failed",
                    r.status,
                    f"no answer (status {r.status})",
                )
            elif r.defect:
                log.warning("task %s uid %d: scored 0, %s", task, r.uid, r.defect)
                out[r.uid] = Score(
                    r.uid, 0.0, 0.0, 0.0, r.process_time, "invalid", r.status, r.defect
                )
            elif not (r.answer.strip() or r.reasoning.strip()):
                out[r.uid] = Score(
                    r.uid, 0.0, 0.0, 0.0, r.process_time, "failed", r.status, "empty answer"
                )
            else:
                answered.append(r)

        def skip_all(note: str) -> list[Score]:
            for r in answered:
                out[r.uid] = Score(r.uid, None, 0.0, 0.0, r.process_time, "skipped", r.status, note)
            return [out[r.uid] for r in replies]

        sims: dict[int, float] = {}
        if answered and self.similarity is not None and reference:
            # In a thread: ~16 ms of CPU per text must not hold the event loop (signals, I/O).
            found = await asyncio.to_thread(self._similarities, task, answered, reference)
            if found is None:
                return skip_all("similarity model failed")
            sims, broken = found
            for r in [r for r in answered if r.uid in broken]:
                log.warning("task %s uid %d: scored 0, %s", task, r.uid, broken[r.uid])
                out[r.uid] = Score(
                    r.uid, 0.0, 0.0, 0.0, r.process_time, "invalid", r.status, broken[r.uid]
                )
            answered = [r for r in answered if r.uid not in broken]

        # The programmatic checks first, in line; only the undecided go to the judge path,
        # all at once (a slow judge costs the group one deadline, not one per answer).
        verdicts: list[Correctness | BaseException] = []
        for r in answered:
            try:
                verdicts.append(correctness(self.profile, challenge.ground_truth, r.answer))
            except _MINER_INDUCED as exc:
                verdicts.append(exc)
        undecided = [
            i for i, v in enumerate(verdicts) if isinstance(v, Correctness) and v.needs_judge
        ]
        if undecided:
            cheats = tuple(self.cheats())
            judged = await asyncio.gather(
                *(
                    _judge_path(
                        self.profile,
                        self.judge,
                        challenge.raw_question,
                        challenge.ground_truth,
                        answered[i].answer,
                        cheats,
                    )
                    for i in undecided
                ),
                return_exceptions=True,
            )
            for i, verdict in zip(undecided, judged, strict=True):
                verdicts[i] = verdict
        outage = next((v for v in verdicts if isinstance(v, JudgeUnavailable)), None)
        if outage is not None:
            # The judge failed for one of them: nobody in the group is scored on this item.
            log.info("task %s: group skipped, %s", task, outage)
            return skip_all(str(outage))
        for r, verdict in zip(answered, verdicts, strict=True):
            if isinstance(verdict, _MINER_INDUCED):
                log.warning(
                    "task %s uid %d: scored 0, its answer made scoring fail: %s: %s",
                    task,
                    r.uid,
                    type(verdict).__name__,
                    verdict,
                )
                out[r.uid] = Score(
                    r.uid,
                    0.0,
                    0.0,
                    0.0,
                    r.process_time,
                    "invalid",
                    r.status,
                    f"answer made scoring fail ({type(verdict).__name__})",
                )
                continue
            if isinstance(verdict, BaseException):
                raise verdict  # our own bug or a cancellation: the caller handles it
            value = float(verdict.score or 0.0)
            sim = sims.get(r.uid, 0.0)
            total = reward(
                self.profile,
                value,
                sim,
                r.process_time,
                self.timeout,
                volumes.get(r.uid, FULL_VOLUME),
            )
            out[r.uid] = Score(
                r.uid, total, value, sim, r.process_time, verdict.method, r.status, verdict.reason
            )
        return [out[r.uid] for r in replies]
