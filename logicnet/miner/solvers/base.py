"""The solver interface and the answer a miner gives when it has nothing better."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = ["Solution", "Solver", "fallback_solution", "public_reason"]


def public_reason(exc: Exception) -> str:
    """What a fallback may say about a failure: our own words, never an endpoint's reply."""
    return str(getattr(exc, "public_reason", "") or "the solver backend failed")


@dataclass(frozen=True)
class Solution:
    reasoning: str
    answer: str
    strategy: str
    complete: bool = True  # False: a fallback given because time or the backend ran out


class Solver(Protocol):
    name: str

    async def solve(self, question: str, deadline: float) -> Solution:
        """Solve before ``deadline`` (event-loop time); raise LogicNetError on our failures."""
        ...

    def fallback(self, question: str, why: str) -> Solution:
        """The best answer without further work."""
        ...


def fallback_solution(question: str, strategy: str, why: str) -> Solution:
    """A well-formed answer that says honestly that no solution was reached."""
    excerpt = " ".join(question.split())[:400]
    reasoning = (
        f"Restating the problem: {excerpt}\n"
        f"No complete solution could be produced: {why}."
    )
    return Solution(reasoning=reasoning, answer="unknown", strategy=strategy, complete=False)
