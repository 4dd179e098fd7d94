"""The embedded math engine: mathgenerator problems solved exactly, with no LLM.

    from logicnet.engine import solve
    solve("Find the solution of this math problem: ... 8x + 5 = 6 ...")
    -> EngineAnswer(topic="algebra/basic_algebra", answer="1/8", reasoning="...")

``solve`` returns None for anything it does not recognise with certainty.
Families live in ``logicnet.engine.families``, one module per mathgenerator topic.
"""

from __future__ import annotations

from logicnet.engine.core import EngineAnswer, solve_text
from logicnet.engine.families import load_all

__all__ = ["EngineAnswer", "solve"]


def solve(question: str) -> EngineAnswer | None:
    load_all()
    return solve_text(question)
