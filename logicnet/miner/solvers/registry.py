"""Every strategy by name: ``{name: builder}``, the one list settings, the CLI and the factory read.

A builder turns the LLM settings into a ``SolverBundle`` (the solver and what it owns). The
production strategies are listed here; a test harness adds its own with ``register`` before
it parses flags (localnet's misbehaving miners do, in localnet's own miner entry point), so
nothing on the production path knows about them.

Importing this module is cheap: the solvers, the LLM client and the sandbox are imported by
the builders, when a strategy is built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from logicnet.errors import ConfigError, LogicNetError
from logicnet.miner.solvers.base import SolverBundle

if TYPE_CHECKING:
    from logicnet.settings import LLMSettings

__all__ = [
    "PRODUCTION_STRATEGIES",
    "Builder",
    "Strategy",
    "builder_for",
    "register",
    "strategy",
    "strategy_names",
    "uses_llm",
]

log = logging.getLogger(__name__)

Builder = Callable[["LLMSettings", str], SolverBundle]
Need = Literal["required", "optional", "none"]


@dataclass(frozen=True)
class Strategy:
    """A strategy's builder and what it needs, so commands ask the registry, not the name."""

    build: Builder
    llm: Need = "none"
    sandbox: Need = "none"

    @property
    def uses_llm(self) -> bool:
        return self.llm != "none"


def _llm(settings: LLMSettings) -> Any:
    from logicnet.llm import LLMPool

    return LLMPool(settings.base_urls, settings.model, settings.key)


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


def _engine_workers() -> Any:
    from logicnet.engine.workers import EngineWorkers

    return EngineWorkers()


def _engine(settings: LLMSettings, notes: str) -> SolverBundle:
    from logicnet.miner.solvers.engine import EngineSolver

    engine = _engine_workers()
    return SolverBundle(EngineSolver(engine), _llm(settings), engine=engine, notes=notes)


def _baseline(settings: LLMSettings, notes: str) -> SolverBundle:
    from logicnet.miner.solvers.baseline import BaselineSolver

    llm = _llm(settings)
    return SolverBundle(BaselineSolver(llm, max_tokens=settings.max_tokens), llm, notes=notes)


def _program(settings: LLMSettings, notes: str) -> SolverBundle:
    from logicnet.miner.solvers.program import ProgramSolver

    sandbox = _sandbox(settings, required=True)
    llm = _llm(settings)
    solver = ProgramSolver(llm, sandbox, settings.max_tokens)
    return SolverBundle(solver, llm, sandbox, notes=notes)


def _auto(settings: LLMSettings, notes: str) -> SolverBundle:
    from logicnet.miner.solvers.auto import AutoSolver
    from logicnet.miner.solvers.program import ProgramSolver

    sandbox = _sandbox(settings, required=False)
    llm = _llm(settings)
    program = ProgramSolver(llm, sandbox, settings.max_tokens) if sandbox else None
    engine = _engine_workers()
    solver = AutoSolver(
        llm,
        program,
        engine,
        samples=settings.samples,
        reasoning_budget_s=settings.reasoning_budget_s,
        max_tokens=settings.max_tokens,
    )
    return SolverBundle(solver, llm, sandbox, engine=engine, notes=notes)


# Order is the order of ``--miner.strategy``'s choices in --help.
PRODUCTION_STRATEGIES: dict[str, Strategy] = {
    "auto": Strategy(_auto, llm="optional", sandbox="optional"),
    "engine": Strategy(_engine),
    "program": Strategy(_program, llm="required", sandbox="required"),
    "baseline": Strategy(_baseline, llm="required"),
}
_STRATEGIES: dict[str, Strategy] = dict(PRODUCTION_STRATEGIES)


def strategy_names() -> tuple[str, ...]:
    """Every registered strategy: the choices of ``--miner.strategy``."""
    return tuple(_STRATEGIES)


def register(name: str, builder: Builder, llm: Need = "none", sandbox: Need = "none") -> None:
    """Add a strategy (a test harness's, say). A production strategy cannot be replaced."""
    if name in PRODUCTION_STRATEGIES and builder is not PRODUCTION_STRATEGIES[name].build:
        raise ValueError(f"{name!r} is a production strategy; pick another name")
    _STRATEGIES[name] = Strategy(builder, llm, sandbox)


def strategy(name: str) -> Strategy:
    try:
        return _STRATEGIES[name]
    except KeyError:
        raise ConfigError(f"unknown strategy {name!r}; one of {', '.join(_STRATEGIES)}") from None


def uses_llm(name: str) -> bool:
    """Whether the strategy ``name`` asks an LLM (one not registered: assumed so)."""
    found = _STRATEGIES.get(name)
    return found is None or found.uses_llm


def builder_for(name: str) -> Builder:
    return strategy(name).build
