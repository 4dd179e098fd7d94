"""One solving attempt under a validator's timeout: the same for the miner and ``logicnet solve``.

The solver gets a deadline a little before the hard stop, so it can hand over its best
answer; at the hard stop it is cancelled and its fallback is sent instead.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from logicnet.errors import LogicNetError
from logicnet.miner.solvers.base import Solution, Solver, public_reason

__all__ = ["SOLVER_GRACE_S", "Attempt", "deadline_budget", "solve_before"]

SOLVER_GRACE_S = 0.3


def deadline_budget(timeout: float, max_timeout: float) -> float:
    """Seconds the solver may use: the synapse timeout minus a safety margin.

    The margin covers serialisation, the network and the dendrite's own clock;
    it grows with the timeout but stays between 0.5 s and 3 s.
    """
    timeout = min(max(float(timeout), 1.0), max_timeout)
    margin = min(max(0.1 * timeout, 0.5), 3.0)
    return max(timeout - margin, 0.2)


@dataclass(frozen=True)
class Attempt:
    solution: Solution
    problem: str | None = None  # why a fallback was sent (for logs and records only)


async def solve_before(
    solver: Solver, question: str, timeout: float, max_timeout: float
) -> Attempt:
    """Solve within the budget of ``timeout``; a timeout or our failure gives the fallback."""
    budget = deadline_budget(timeout, max_timeout)
    deadline = asyncio.get_running_loop().time() + max(budget - SOLVER_GRACE_S, budget * 0.8)
    try:
        solution = await asyncio.wait_for(solver.solve(question, deadline), budget)
    except asyncio.TimeoutError:
        return Attempt(
            solver.fallback(question, "time ran out"), f"no solution within {budget:.1f} s"
        )
    except LogicNetError as exc:
        return Attempt(solver.fallback(question, public_reason(exc)), str(exc))
    return Attempt(solution)
