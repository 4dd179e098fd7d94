"""``baseline``: reasoning and final answer from ONE chat round-trip.

The network's reference miner asks twice in sequence (reason, then "give the
short answer"), doubling latency; one well-formed prompt and a robust parse of
its last line give the same two fields in half the time. The answer and the
reasoning take the one path of ``logicnet.answers`` like every other strategy.
"""

from __future__ import annotations

from logicnet.answers import answer_from_reply, cap_reasoning
from logicnet.flags import LLM
from logicnet.llm import LLMPool
from logicnet.miner.solvers.base import Solution, fallback_solution

__all__ = ["SYSTEM_PROMPT", "BaselineSolver"]

SYSTEM_PROMPT = (
    "You are a careful mathematician. Solve the user's problem step by step, "
    "briefly and clearly. The problem may be phrased casually; solve the underlying "
    "math or logic question. Finish with exactly one last line of the form\n"
    "Final answer: <answer>\n"
    "where <answer> is only the final result: a plain number or expression with no "
    "units, no dollar signs and no LaTeX; for several values write them separated by "
    "commas in the order asked; for yes/no or a choice, write just that word or option."
)


class BaselineSolver:
    name = "baseline"

    def __init__(
        self, llm: LLMPool, max_tokens: int = LLM.default("max_tokens"), temperature: float = 0.3
    ) -> None:
        self.llm = llm
        self.max_tokens = max_tokens
        self.temperature = temperature

    async def solve(self, question: str, deadline: float) -> Solution:
        reply = await self.llm.chat(
            [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": question},
            ],
            deadline=deadline,
            temperature=self.temperature,
            max_tokens=self.max_tokens,
        )
        return Solution(
            reasoning=cap_reasoning(reply.text),
            answer=answer_from_reply(reply.text, question),
            strategy=self.name,
        )

    def fallback(self, question: str, why: str) -> Solution:
        return fallback_solution(question, self.name, why)
