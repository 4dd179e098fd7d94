"""Choosing a solver from the settings (one place for the miner and ``logicnet solve``).

The strategies themselves, by name, are in ``logicnet.miner.solvers.registry``.
"""

from __future__ import annotations

from logicnet.llm import LLMPool
from logicnet.miner.solvers.base import SolverBundle
from logicnet.miner.solvers.registry import builder_for
from logicnet.settings import LLMSettings

__all__ = ["SolverBundle", "build_solver", "choose_strategy"]


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
    """Build the solver for ``strategy`` (see ``choose_strategy``) from the registry."""
    return builder_for(strategy)(settings, notes)
