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
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from logicnet.cheats import contains_cheat_marker, talks_to_grader
from logicnet.validator.challenges import Challenge
from logicnet.validator.judge import Judge, JudgeUnavailable, local_verdict
from logicnet.validator.profiles import ScoringProfile, get_profile
from logicnet.validator.scoring import Correctness, ScoreMethod, correctness, reward
from logicnet.volume import DEFAULT_EPOCH_VOLUME

if TYPE_CHECKING:
    from logicnet.validator.similarity import SimilarityStats

__all__ = [
    "FULL_VOLUME",
    "MAX_ANSWER_CHARS",
    "MAX_REASONING_CHARS",
    "MinerReply",
    "Rewarder",
    "Score",
    "ScoreMethod",
    "ScoringThroughput",
    "bound_reply",
    "judge_answer",
]

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 2000
MAX_REASONING_CHARS = 20000
# a miner without a usable epoch_volume counts as full scale (docs/network.md §6c)
FULL_VOLUME = DEFAULT_EPOCH_VOLUME
# Weight of the newest group in the scorer's answers/s estimate (an EWMA over groups: about
# the last twenty count).
THROUGHPUT_WEIGHT = 0.1

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


def _defect(name: str, value: object, limit: int | None) -> str:
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


def bound_reply(uid: int, hotkey: str, synapse: object, timeout: float) -> MinerReply:
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
    method: ScoreMethod
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
        return Correctness(0.0, ScoreMethod.JUDGE, "the answer is ';'")
    if contains_cheat_marker(answer, cheats):
        return Correctness(path.cheat_score, ScoreMethod.CHEAT, "a cheat marker")
    if talks_to_grader(answer) or await judge.is_trick(answer):
        return Correctness(path.cheat_score, ScoreMethod.CHEAT, "addresses the grader")
    if path.extract_min_words is not None and len(answer.split()) >= path.extract_min_words:
        extracted = await judge.extract(answer)
        if extracted is None:
            return Correctness(0.0, ScoreMethod.JUDGE, "the extract step found no final answer")
        answer = extracted
    if not judge.available:
        verdict = local_verdict(truth, answer)
        return Correctness(
            verdict,
            ScoreMethod.LOCAL_JUDGE,
            "equal to the ground truth" if verdict else "not equal to the truth",
        )
    return Correctness(
        await judge.score(question, truth, answer), ScoreMethod.JUDGE, "the LLM's verdict"
    )


def _clean_similarity(value: float) -> float:
    return max(min(value, 1.0), -1.0) if math.isfinite(value) else 0.0


@dataclass(frozen=True)
class ScoringThroughput:
    """How fast the scorer has been scoring: ``Rewarder.throughput()``.

    ``answers_per_second`` is what ``Rewarder.capacity()`` returns: answers (replies that
    reached the similarity model and the correctness rules) per second of scoring work, an
    EWMA over recent groups. Scoring work is the wall time the group held the similarity
    model plus the time of its in-line correctness checks; the LLM judge's waits are not in
    it (they overlap, and cost no CPU here).
    """

    groups: int  # groups measured since the rewarder was made
    answers: int  # answers in them
    busy_seconds: float  # scoring work they took (see above), in total
    answers_per_second: float  # recent groups; math.inf before the first
    similarity: SimilarityStats | None  # the model's own figures, when it is a Similarity

    @property
    def texts_per_second(self) -> float | None:
        """Texts the similarity model embedded per second of its work (recent passes)."""
        return self.similarity.texts_per_second if self.similarity else None


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
        # Groups take the model one at a time (it is one model either way), so the time a
        # group measures is its own work, not its wait behind another group.
        self._model_lock = threading.Lock()
        self._meter_lock = threading.Lock()
        self._groups = self._answers = 0
        self._busy = 0.0
        self._recent_answers = self._recent_seconds = 0.0

    def start_loop(self) -> None:
        """Called at each loop's start: the judge's breaker closes again."""
        self.judge.start_loop()

    # ------------------------------------------------------------------ throughput

    def capacity(self) -> float:
        """Answers this scorer can score per second of work, from its recent groups.

        An EWMA over groups of (answers, seconds of scoring work), as their ratio; math.inf
        until a group with answers has been scored. A loop that plans N answers in a period
        of P seconds can score them all while N / P stays under this.
        """
        with self._meter_lock:
            if self._groups == 0:
                return math.inf
            if self._recent_seconds <= 0:
                return math.inf
            return self._recent_answers / self._recent_seconds

    def throughput(self) -> ScoringThroughput:
        """The figures behind ``capacity()``, and the similarity model's own."""
        # The model's figures when the callable is a Similarity's score_pairs (as the
        # validator passes it) or anything else with a stats() of the same kind.
        model = getattr(self.similarity, "__self__", self.similarity)
        stats_of = getattr(model, "stats", None)
        stats = stats_of() if callable(stats_of) else None
        with self._meter_lock:
            groups, answers, busy = self._groups, self._answers, self._busy
        return ScoringThroughput(groups, answers, busy, self.capacity(), stats)

    def _measured(self, answers: int, seconds: float) -> None:
        if answers <= 0:
            return
        with self._meter_lock:
            if self._groups == 0:
                self._recent_answers, self._recent_seconds = float(answers), seconds
            else:
                w = THROUGHPUT_WEIGHT
                self._recent_answers += w * (answers - self._recent_answers)
                self._recent_seconds += w * (seconds - self._recent_seconds)
            self._groups += 1
            self._answers += answers
            self._busy += seconds

    # ------------------------------------------------------------------ similarity

    def _timed_similarities(
        self, task: str, replies: list[MinerReply], reference: str
    ) -> tuple[tuple[dict[int, float], dict[int, str]] | None, float]:
        """``_similarities`` and the seconds it held the model (runs in a worker thread)."""
        with self._model_lock:
            start = time.perf_counter()
            found = self._similarities(task, replies, reference)
            return found, time.perf_counter() - start

    def _similarities(
        self, task: str, replies: list[MinerReply], reference: str
    ) -> tuple[dict[int, float], dict[int, str]] | None:
        """uid -> similarity and uid -> why its text broke the model; None: our model failed.

        Each distinct reasoning text goes to the model once (engine miners send the same
        working); every sender of a text gets its value.
        """
        assert self.similarity is not None
        texts = list(dict.fromkeys(r.reasoning for r in replies))
        try:
            values = self.similarity(texts, [reference] * len(texts))
            by_text = dict(zip(texts, values, strict=True))
            return {r.uid: _clean_similarity(by_text[r.reasoning]) for r in replies}, {}
        except (RuntimeError, ValueError, TypeError, OSError, MemoryError, UnicodeError) as exc:
            first = exc
        # One text may have broken the batch: try each alone; only if every one fails is it us.
        alone: dict[str, float | str] = {}
        for text in texts:
            try:
                alone[text] = _clean_similarity(self.similarity([text], [reference])[0])
            except (RuntimeError, ValueError, TypeError, OSError, MemoryError, UnicodeError) as exc:
                alone[text] = f"reasoning broke the similarity model ({type(exc).__name__})"
        sims: dict[int, float] = {}
        broken: dict[int, str] = {}
        for r in replies:
            value = alone[r.reasoning]
            if isinstance(value, str):
                broken[r.uid] = value
            else:
                sims[r.uid] = value
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
                    ScoreMethod.FAILED,
                    r.status,
                    f"no answer (status {r.status})",
                )
            elif r.defect:
                log.warning("task %s uid %d: scored 0, %s", task, r.uid, r.defect)
                out[r.uid] = Score(
                    r.uid, 0.0, 0.0, 0.0, r.process_time, ScoreMethod.INVALID, r.status, r.defect
                )
            elif not (r.answer.strip() or r.reasoning.strip()):
                out[r.uid] = Score(
                    r.uid,
                    0.0,
                    0.0,
                    0.0,
                    r.process_time,
                    ScoreMethod.FAILED,
                    r.status,
                    "empty answer",
                )
            else:
                answered.append(r)

        def skip_all(note: str) -> list[Score]:
            for r in answered:
                out[r.uid] = Score(
                    r.uid, None, 0.0, 0.0, r.process_time, ScoreMethod.SKIPPED, r.status, note
                )
            return [out[r.uid] for r in replies]

        sims: dict[int, float] = {}
        n_answers, work = len(answered), 0.0
        if answered and self.similarity is not None and reference:
            # In a thread: ~0.5 ms of CPU per word piece (0.1 s for a 200-piece text the
            # caches do not hold) must not hold the event loop (signals, I/O). BLAS there
            # runs on the model's bounded threads (minilm.DEFAULT_THREADS).
            found, work = await asyncio.to_thread(
                self._timed_similarities, task, answered, reference
            )
            if found is None:
                self._measured(n_answers, work)
                return skip_all("similarity model failed")
            sims, broken = found
            for r in [r for r in answered if r.uid in broken]:
                log.warning("task %s uid %d: scored 0, %s", task, r.uid, broken[r.uid])
                out[r.uid] = Score(
                    r.uid,
                    0.0,
                    0.0,
                    0.0,
                    r.process_time,
                    ScoreMethod.INVALID,
                    r.status,
                    broken[r.uid],
                )
            answered = [r for r in answered if r.uid not in broken]

        # The programmatic checks first, in line; only the undecided go to the judge path,
        # all at once (a slow judge costs the group one deadline, not one per answer).
        verdicts: list[Correctness | BaseException] = []
        checks = time.perf_counter()
        for r in answered:
            try:
                verdicts.append(correctness(self.profile, challenge.ground_truth, r.answer))
            except _MINER_INDUCED as exc:
                verdicts.append(exc)
        self._measured(n_answers, work + time.perf_counter() - checks)
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
                    ScoreMethod.INVALID,
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
