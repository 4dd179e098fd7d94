"""``engine``: the embedded math engine alone (no LLM, no network).

It answers the mathgenerator families exactly and says honestly when it does
not recognise a question; then the miner sends its fallback.
"""

from __future__ import annotations

import asyncio

from logicnet.answers import cap_reasoning
from logicnet.engine import EngineAnswer
from logicnet.engine import solve as engine_solve
from logicnet.errors import LogicNetError
from logicnet.miner.solvers.base import Solution, fallback_solution

__all__ = ["EngineSolver", "NotRecognised", "solve_in_thread"]


class NotRecognised(LogicNetError):
    """The engine does not know this problem."""

    public_reason = "the embedded engine does not recognise this problem"


async def solve_in_thread(question: str) -> EngineAnswer | None:
    """Run the engine off the event loop: a slow family must not stall other requests."""
    return await asyncio.get_running_loop().run_in_executor(None, engine_solve, question)


def engine_solution(found: EngineAnswer, strategy: str) -> Solution:
    return Solution(
        reasoning=cap_reasoning(found.reasoning), answer=found.answer, strategy=strategy
    )


class EngineSolver:
    name = "engine"

    async def solve(self, question: str, deadline: float) -> Solution:
        found = await solve_in_thread(question)
        if found is None:
            raise NotRecognised("the engine does not recognise this problem")
        return engine_solution(found, self.name)

    def fallback(self, question: str, why: str) -> Solution:
        return fallback_solution(question, self.name, why)
