"""Strategies that turn a question into reasoning and an answer.

Every solver has the same shape (``Solver``): ``solve`` before a deadline,
and ``fallback`` for when there is no time or no backend left. Strategies are
found by name in ``registry`` (``{name: builder}``); the miner service and
``logicnet solve`` both build one with ``factory.build_solver``. Importing this
package is cheap: no solver, LLM client or sandbox is imported here.
"""

from __future__ import annotations

from logicnet.miner.solvers.base import Solution, Solver, SolverBundle, fallback_solution

__all__ = ["Solution", "Solver", "SolverBundle", "fallback_solution"]
