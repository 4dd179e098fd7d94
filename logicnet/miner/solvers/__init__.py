"""Strategies that turn a question into reasoning and an answer.

Every solver has the same shape (``Solver``): ``solve`` before a deadline,
and ``fallback`` for when there is no time or no backend left. The miner
service and ``logicnet solve`` both pick one with ``build_solver``.
"""

from __future__ import annotations

from logicnet.miner.solvers.base import Solution, Solver, fallback_solution
from logicnet.miner.solvers.baseline import BaselineSolver

__all__ = ["BaselineSolver", "Solution", "Solver", "fallback_solution"]
