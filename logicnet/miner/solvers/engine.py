"""``engine``: the embedded math engine alone (no LLM, no network).

It answers the mathgenerator families exactly and says honestly when it does
not recognise a question; then the miner sends its fallback. The engine runs in
worker processes (``logicnet.engine.workers``): a question that would compute past
the deadline has its worker killed, and never holds the miner's other requests.
"""

from __future__ import annotations

from logicnet.answers import cap_reasoning
from logicnet.engine import EngineAnswer
from logicnet.engine.workers import EngineWorkers
from logicnet.errors import NotRecognised
from logicnet.miner.solvers.base import Solution, fallback_solution

__all__ = ["EngineSolver", "NotRecognised"]


def engine_solution(found: EngineAnswer, strategy: str) -> Solution:
    return Solution(
        reasoning=cap_reasoning(found.reasoning),
        answer=found.answer,
        strategy=strategy,
        plain=found.plain,
        convention=found.convention,
        convention_why=found.why,
    )


class EngineSolver:
    name = "engine"

    def __init__(self, engine: EngineWorkers) -> None:
        self.engine = engine

    async def solve(self, question: str, deadline: float) -> Solution:
        found = await self.engine.solve(question, deadline)  # EngineError: the fallback
        if found is None:
            raise NotRecognised("the engine does not recognise this problem")
        return engine_solution(found, self.name)

    def fallback(self, question: str, why: str) -> Solution:
        return fallback_solution(question, self.name, why)
