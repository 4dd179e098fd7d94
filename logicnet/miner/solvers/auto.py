"""``auto``: the engine when it is certain, otherwise a vote of several attempts.

    question ──engine──► recognised? ── yes ─► engine answer (+ LLM reasoning if time allows)
        │                     no
        ├─ restate as a plain problem (LLM) ──engine──► recognised? ─► engine answer
        ├─ program sample (LLM writes code, sandbox runs it)       ┐
        └─ chain-of-thought samples (LLM, temperature 0.7)         ┴─► majority of answers
                                                                     (early stop once a
                                                                      majority agrees)
Everything ends before the deadline with the best answer so far.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from logicnet.answers import answer_from_reply, cap_reasoning, vote_key
from logicnet.engine import EngineAnswer
from logicnet.engine.workers import EngineWorkers
from logicnet.errors import EngineError, LogicNetError
from logicnet.flags import LLM
from logicnet.llm import LLMPool
from logicnet.miner.solvers.base import Solution, fallback_solution
from logicnet.miner.solvers.baseline import SYSTEM_PROMPT as COT_PROMPT
from logicnet.miner.solvers.engine import engine_solution
from logicnet.miner.solvers.program import ProgramSolver

__all__ = ["AutoSolver", "REASONING_PROMPT", "RESTATE_PROMPT"]

log = logging.getLogger(__name__)

RESTATE_PROMPT = (
    "The user's message hides one math exercise inside a chatty persona. Rewrite it as the bare "
    "exercise in the terse style of an auto-generated worksheet, keeping every number, symbol "
    "and expression exactly as given, for example 'GCD of 12 and 17 = ', '8x + 5 = 6', "
    "'Volume of cube with a side length of 6m is', 'Is 90 prime?'. Output only the exercise."
)
REASONING_PROMPT = (
    "Explain step by step, in under 150 words and plain language, how to solve the user's "
    "problem. The correct final answer is given; end with 'Final answer: <that answer>'."
)


@dataclass(frozen=True)
class _Vote:
    solution: Solution
    key: str
    source: str  # "program" | "cot"


class AutoSolver:
    name = "auto"

    def __init__(
        self,
        llm: LLMPool,
        program: ProgramSolver | None,
        engine: EngineWorkers,
        samples: int = 3,
        reasoning_budget_s: float = 15.0,
        max_tokens: int = LLM.default("max_tokens"),
    ) -> None:
        self.llm = llm
        self.engine = engine
        self.program = program
        self.samples = max(1, samples)
        self.reasoning_budget_s = reasoning_budget_s
        self.max_tokens = max_tokens

    # ------------------------------------------------------------------ engine path

    async def _engine(self, question: str, deadline: float) -> EngineAnswer | None:
        """The engine's answer; a worker that ran out of time counts as not recognised."""
        try:
            return await self.engine.solve(question, deadline)
        except EngineError as exc:
            log.debug("auto: no engine answer (%s)", exc)
            return None

    async def _engine_with_reasoning(
        self, question: str, found: EngineAnswer, deadline: float
    ) -> Solution:
        loop = asyncio.get_running_loop()
        budget = min(deadline - loop.time(), self.reasoning_budget_s)
        if budget < 1.0:
            return engine_solution(found, f"{self.name}:engine")
        try:
            reply = await self.llm.chat(
                [
                    {"role": "system", "content": REASONING_PROMPT},
                    {
                        "role": "user",
                        "content": f"{question}\n\nCorrect final answer: {found.answer}",
                    },
                ],
                deadline=loop.time() + budget,
                temperature=0.3,
                max_tokens=400,
            )
        except LogicNetError as exc:
            log.debug("no LLM reasoning for an engine answer: %s", exc)
            return engine_solution(found, f"{self.name}:engine")
        if vote_key(answer_from_reply(reply.text, question)) != vote_key(found.answer):
            # The model argued its way elsewhere; the engine's own working is consistent.
            return engine_solution(found, f"{self.name}:engine")
        return Solution(
            reasoning=cap_reasoning(reply.text),
            answer=found.answer,
            strategy=f"{self.name}:engine+llm",
            plain=found.plain,
            convention=found.convention,
            convention_why=found.why,
        )

    # ------------------------------------------------------------------ sampling path

    async def _restate(self, question: str, deadline: float) -> EngineAnswer | None:
        reply = await self.llm.chat(
            [{"role": "system", "content": RESTATE_PROMPT}, {"role": "user", "content": question}],
            deadline=deadline,
            temperature=0.0,
            max_tokens=200,
        )
        return await self._engine(reply.text.strip().strip("`").strip(), deadline)

    async def _cot(self, question: str, deadline: float) -> _Vote:
        reply = await self.llm.chat(
            [{"role": "system", "content": COT_PROMPT}, {"role": "user", "content": question}],
            deadline=deadline,
            temperature=0.7,
            max_tokens=self.max_tokens,
        )
        answer = answer_from_reply(reply.text, question)
        solution = Solution(cap_reasoning(reply.text), answer, f"{self.name}:vote")
        return _Vote(solution, vote_key(answer), "cot")

    async def _program(self, question: str, deadline: float) -> _Vote:
        assert self.program is not None
        solution = await self.program.solve(question, deadline)
        solution = Solution(solution.reasoning, solution.answer, f"{self.name}:vote")
        return _Vote(solution, vote_key(solution.answer), "program")

    async def solve(self, question: str, deadline: float) -> Solution:
        found = await self._engine(question, deadline)
        if found is not None:
            return await self._engine_with_reasoning(question, found, deadline)

        loop = asyncio.get_running_loop()
        jobs: dict[asyncio.Task[Any], str] = {}

        def launch(kind: str, coro: Awaitable[Any]) -> None:
            jobs[asyncio.ensure_future(coro)] = kind

        launch("restate", self._restate(question, deadline))
        cot_count = self.samples
        if self.program is not None:
            launch("program", self._program(question, deadline))
            cot_count -= 1
        for _ in range(cot_count):
            launch("cot", self._cot(question, deadline))

        votes: list[_Vote] = []
        counts: Counter[str] = Counter()
        majority = self.samples // 2 + 1
        pending = set(jobs)
        try:
            while pending:
                timeout = deadline - loop.time()
                if timeout <= 0:
                    break
                done, pending = await asyncio.wait(
                    pending, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                )
                if not done:
                    break
                for task in done:
                    kind = jobs[task]
                    if task.cancelled() or task.exception() is not None:
                        if task.exception() is not None:
                            log.debug("auto: %s attempt failed: %s", kind, task.exception())
                        continue
                    result = task.result()
                    if kind == "restate":
                        if result is not None:
                            return await self._engine_with_reasoning(question, result, deadline)
                        continue
                    votes.append(result)
                    counts[result.key] += 1
                    if counts[result.key] >= majority:
                        return result.solution
        finally:
            for task in jobs:
                if not task.done():
                    task.cancel()
        return self._best_of(votes, question)

    def _best_of(self, votes: list[_Vote], question: str) -> Solution:
        """Most votes; on a tie the program's answer, then the earliest."""
        if not votes:
            raise _NoAnswer("no attempt produced an answer before the deadline")
        counts = Counter(v.key for v in votes)
        top = max(counts.values())
        leaders = [v for v in votes if counts[v.key] == top]
        leaders.sort(key=lambda v: v.source != "program")
        return leaders[0].solution

    def fallback(self, question: str, why: str) -> Solution:
        return fallback_solution(question, self.name, why)


class _NoAnswer(LogicNetError):
    """Every attempt failed or ran out of time."""
