"""Choosing a solver from the settings (one place for the miner and ``logicnet solve``)."""

from __future__ import annotations

from logicnet.errors import ConfigError
from logicnet.llm import LLMPool
from logicnet.miner.solvers.base import Solver
from logicnet.miner.solvers.baseline import BaselineSolver
from logicnet.settings import LLMSettings

__all__ = ["build_solver"]


def build_solver(settings: LLMSettings) -> tuple[Solver, LLMPool]:
    """The configured solver and the LLM pool it uses (close the pool when done)."""
    llm = LLMPool(settings.base_urls, settings.model, settings.key)
    if settings.strategy == "baseline":
        return BaselineSolver(llm, max_tokens=settings.max_tokens), llm
    raise ConfigError(f"unknown strategy {settings.strategy!r}")
