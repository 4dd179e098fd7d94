"""Functions an engine worker can run in place of the engine's ``solve`` (tests, benchmarks).

Each takes the question and answers as the engine does, except for questions that start
with one of these words:

    spin   a big-integer power that holds the GIL for minutes (as a runaway family would)
    crash  the worker process exits at once
    raise  the function raises (a bug in a family)
"""

from __future__ import annotations

import os

from logicnet.engine import EngineAnswer, solve

__all__ = ["misbehave"]


def misbehave(question: str) -> EngineAnswer | None:
    if question.startswith("spin"):
        return EngineAnswer("test/spin", str(len(str(7 ** (10**10)))), "", question)
    if question.startswith("crash"):
        os._exit(3)
    if question.startswith("raise"):
        raise ZeroDivisionError("a family's bug")
    return solve(question)
