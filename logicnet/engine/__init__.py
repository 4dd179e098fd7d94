"""The embedded math engine: mathgenerator problems solved exactly, with no LLM.

    from logicnet.engine import solve
    solve("Find the solution of this math problem: ... 8x + 5 = 6 ...")
    -> EngineAnswer(topic="algebra/basic_algebra", answer="1/8", reasoning="...")

``solve`` returns None for anything it does not recognise with certainty.
Families live in ``logicnet.engine.families``, one module per mathgenerator topic.
"""

from __future__ import annotations

from dataclasses import replace

from logicnet.engine.core import EngineAnswer, solve_text
from logicnet.engine.families import load_all
from logicnet.engine.reading import read_question
from logicnet.engine.working import present

__all__ = ["EngineAnswer", "solve"]


def solve(question: str) -> EngineAnswer | None:
    """The generator's own wording first (exact recognizers), then a paraphrase's reading."""
    load_all()
    found = solve_text(question)
    if found is None:
        found = read_question(question)
    if found is None:
        return None
    return replace(found, reasoning=present(found))
