"""The solver interface and the answer a miner gives when it has nothing better."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

__all__ = [
    "Completeness",
    "Solution",
    "Solver",
    "SolverBundle",
    "fallback_solution",
    "public_reason",
]


def public_reason(exc: Exception) -> str:
    """What a fallback may say about a failure: our own words, never an endpoint's reply."""
    return str(getattr(exc, "public_reason", "") or "the solver backend failed")


class Completeness(str, Enum):
    """How far a strategy got with a question."""

    SOLVED = "solved"  # its own full answer
    STATED = "stated"  # the model's stated answer: the computation meant to check it gave none
    FALLBACK = "fallback"  # no solution: time or the backend ran out (``fallback_solution``)


@dataclass(frozen=True)
class Solution:
    reasoning: str
    answer: str
    strategy: str
    completeness: Completeness = Completeness.SOLVED
    # The plain mathematical value, when ``answer`` follows mathgenerator's convention and
    # differs from it (the engine knows; "" otherwise). Never sent: for a person reading it.
    plain: str = ""
    # The engine's answers only: which convention ``answer`` follows ("generator": operands
    # mathgenerator draws; "plain": any other, ``convention_why`` says why); "" otherwise.
    convention: str = ""
    convention_why: str = ""

    @property
    def complete(self) -> bool:
        """False for a fallback: given because time or the backend ran out."""
        return self.completeness is not Completeness.FALLBACK

    @property
    def label(self) -> str:
        """The strategy as the miner's logs and metrics name it: ``engine``,
        ``program:stated`` (a fallback is counted apart, under its strategy's name)."""
        if self.completeness is Completeness.STATED:
            return f"{self.strategy}:{self.completeness.value}"
        return self.strategy

    @property
    def shown(self) -> str:
        """The strategy as ``logicnet solve`` and ``bench`` show it: the label, and
        ``:fallback`` after it for a fallback (``engine:fallback``)."""
        return self.label if self.complete else f"{self.label}:{self.completeness.value}"


class Solver(Protocol):
    name: str

    async def solve(self, question: str, deadline: float) -> Solution:
        """Solve before ``deadline`` (event-loop time); raise LogicNetError on our failures."""
        ...

    def fallback(self, question: str, why: str) -> Solution:
        """The best answer without further work."""
        ...


@dataclass
class SolverBundle:
    """The solver and what it owns (closed together), as a strategy's builder makes it."""

    solver: Solver
    llm: Any | None  # an LLMPool; typed loosely so this module imports nothing heavy
    sandbox: Any | None = None
    engine: Any | None = None  # an EngineWorkers (logicnet.engine.workers)
    notes: str = ""

    def describe(self) -> str:
        from logicnet.miner.solvers.registry import uses_llm

        parts = [self.solver.name]
        if self.llm is not None and uses_llm(self.solver.name):
            parts.append(self.llm.describe())
        if self.engine is not None:
            parts.append(self.engine.describe())
        if self.sandbox is not None:
            parts.append(f"sandbox {self.sandbox.layers.describe()}")
        if self.notes:
            parts.append(self.notes)
        return "; ".join(parts)

    def warm_up(self) -> None:
        """Start what takes seconds to start (the engine's first worker) before serving."""
        if self.engine is not None:
            self.engine.start()

    async def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
        if self.llm is not None:
            await self.llm.close()
        if self.sandbox is not None:
            self.sandbox.close()


def fallback_solution(question: str, strategy: str, why: str) -> Solution:
    """A well-formed answer that says honestly that no solution was reached."""
    excerpt = " ".join(question.split())[:400]
    reasoning = f"Restating the problem: {excerpt}\nNo complete solution could be produced: {why}."
    return Solution(
        reasoning=reasoning,
        answer="unknown",
        strategy=strategy,
        completeness=Completeness.FALLBACK,
    )
