"""Choosing a solver from the settings (one place for the miner and ``logicnet solve``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from logicnet.errors import ConfigError, LogicNetError
from logicnet.llm import LLMPool
from logicnet.miner.solvers.base import Solver
from logicnet.settings import LLMSettings

__all__ = ["SolverBundle", "build_solver", "choose_strategy"]

log = logging.getLogger(__name__)


@dataclass
class SolverBundle:
    """The solver and what it owns (closed together)."""

    solver: Solver
    llm: LLMPool | None
    sandbox: Any | None = None
    notes: str = ""

    def describe(self) -> str:
        parts = [self.solver.name]
        if self.llm is not None and self.solver.name != "engine":
            parts.append(self.llm.describe())
        if self.sandbox is not None:
            parts.append(f"sandbox {self.sandbox.layers.describe()}")
        if self.notes:
            parts.append(self.notes)
        return "; ".join(parts)

    async def close(self) -> None:
        if self.llm is not None:
            await self.llm.close()
        if self.sandbox is not None:
            self.sandbox.close()


def _sandbox(settings: LLMSettings, required: bool) -> Any | None:
    """The sandbox for model-written code, or None (with a reason logged) when unavailable."""
    try:
        from logicnet.miner.sandbox import Sandbox

        return Sandbox(allow_unisolated=settings.allow_unisolated)
    except (LogicNetError, ImportError, OSError) as exc:
        if required:
            raise ConfigError(f"the 'program' strategy needs the sandbox: {exc}") from exc
        log.warning("no sandbox (%s): 'auto' votes with chain-of-thought samples only", exc)
        return None


async def choose_strategy(settings: LLMSettings) -> tuple[str, str]:
    """The configured strategy, or (none given) auto when the LLM answers, else engine.

    The probe uses its own short-lived clients: an HTTP client stays bound to the
    event loop that first used it, and the miner serves from another loop.
    """
    if settings.strategy is not None:
        return settings.strategy, ""
    probe = LLMPool(settings.base_urls, settings.model, settings.key)
    try:
        reachable = await probe.probe()
    finally:
        await probe.close()
    if reachable:
        return "auto", ""
    return "engine", (
        f"no LLM answered at {', '.join(settings.base_urls)}: mining with the embedded engine "
        "only (mathgenerator problems; other questions get a fallback answer)"
    )


def build_solver(settings: LLMSettings, strategy: str, notes: str = "") -> SolverBundle:
    """Build the solver for ``strategy`` (see ``choose_strategy``)."""
    from logicnet.miner.solvers.auto import AutoSolver
    from logicnet.miner.solvers.baseline import BaselineSolver
    from logicnet.miner.solvers.engine import EngineSolver
    from logicnet.miner.solvers.program import ProgramSolver

    llm = LLMPool(settings.base_urls, settings.model, settings.key)
    if strategy == "engine":
        return SolverBundle(EngineSolver(), llm, notes=notes)
    if strategy == "baseline":
        return SolverBundle(BaselineSolver(llm, max_tokens=settings.max_tokens), llm)
    if strategy == "program":
        sandbox = _sandbox(settings, required=True)
        return SolverBundle(ProgramSolver(llm, sandbox, settings.max_tokens), llm, sandbox)
    if strategy == "auto":
        sandbox = _sandbox(settings, required=False)
        program = ProgramSolver(llm, sandbox, settings.max_tokens) if sandbox else None
        solver = AutoSolver(llm, program, samples=settings.samples,
                            reasoning_budget_s=settings.reasoning_budget_s,
                            max_tokens=settings.max_tokens)
        return SolverBundle(solver, llm, sandbox)
    raise ConfigError(f"unknown strategy {strategy!r}")
