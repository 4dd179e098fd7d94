"""The solving strategies against a scripted OpenAI-compatible server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest

from logicnet.credentials import Secret
from logicnet.errors import LogicNetError
from logicnet.llm import LLMPool, RetryPolicy
from logicnet.miner.solvers.auto import REASONING_PROMPT, RESTATE_PROMPT, AutoSolver
from logicnet.miner.solvers.engine import EngineSolver
from tests.fake_llm import ScriptedLLM

FAST = RetryPolicy(max_attempts=2, base_delay_s=0.01, max_delay_s=0.02, cooldown_s=0.1)


def by_role(restate: str = "no idea", reasoning: str = "", cot: Callable[[int], str] | None = None,
            cot_delay: Callable[[int], float] | None = None) -> Callable[[dict[str, Any]], str]:
    """A responder that answers each kind of prompt the auto strategy sends."""
    counter = {"cot": 0}

    def respond(payload: dict[str, Any]) -> str:
        system = payload["messages"][0]["content"]
        if system == RESTATE_PROMPT:
            return restate
        if system == REASONING_PROMPT:
            return reasoning
        counter["cot"] += 1
        n = counter["cot"]
        if cot_delay:
            time.sleep(cot_delay(n))
        return cot(n) if cot else "Final answer: 1"

    return respond


def run(solver: Any, question: str, budget: float = 10.0) -> Any:
    async def go() -> Any:
        loop = asyncio.get_running_loop()
        try:
            return await solver.solve(question, loop.time() + budget)
        finally:
            if getattr(solver, "llm", None) is not None:
                await solver.llm.close()

    return asyncio.run(go())


def auto(server: ScriptedLLM, samples: int = 3, reasoning_budget: float = 5.0) -> AutoSolver:
    pool = LLMPool([server.base_url], "m", Secret("k"), FAST)
    return AutoSolver(pool, None, samples=samples, reasoning_budget_s=reasoning_budget)


def test_engine_strategy_answers_and_refuses_honestly() -> None:
    assert run(EngineSolver(), "8x + 5 = 6").answer == "1/8"
    with pytest.raises(LogicNetError):
        run(EngineSolver(), "Who wrote Hamlet?")


def test_auto_uses_the_engine_and_llm_reasoning_that_agrees() -> None:
    explained = "Subtract 5 from both sides: 8x = 1. Divide by 8.\nFinal answer: 1/8"
    with ScriptedLLM(responder=by_role(reasoning=explained)) as srv:
        out = run(auto(srv), "8x + 5 = 6")
    assert out.answer == "1/8"
    assert out.strategy == "auto:engine+llm" and "Divide by 8" in out.reasoning
    assert len(srv.requests) == 1


def test_auto_keeps_engine_working_when_llm_disagrees() -> None:
    with ScriptedLLM(responder=by_role(reasoning="Final answer: 7")) as srv:
        out = run(auto(srv), "8x + 5 = 6")
    assert out.answer == "1/8" and out.strategy == "auto:engine"


def test_auto_restates_a_persona_question_for_the_engine() -> None:
    persona = "Hey! As a curious student I wonder: if 8 times x plus 5 gives 6, what's x?"
    with ScriptedLLM(responder=by_role(restate="8x + 5 = 6", cot=lambda n: "Final answer: 9",
                                       cot_delay=lambda n: 2.0)) as srv:
        out = run(auto(srv, reasoning_budget=0), persona)
    assert out.answer == "1/8" and out.strategy == "auto:engine"


def test_auto_majority_vote_with_early_stop() -> None:
    answers = {1: "Final answer: 0.5", 2: "Final answer: 7", 3: "Final answer: 1/2"}
    delays = {1: 0.1, 2: 0.3, 3: 0.5}
    with ScriptedLLM(responder=by_role(cot=lambda n: answers[n],
                                       cot_delay=lambda n: delays[n])) as srv:
        start = time.monotonic()
        out = run(auto(srv), "A riddle the engine does not know")
        elapsed = time.monotonic() - start
    assert out.answer in ("0.5", "1/2") and out.strategy == "auto:vote"
    assert elapsed < 2.0


def test_auto_returns_best_so_far_at_the_deadline() -> None:
    with ScriptedLLM(responder=by_role(cot=lambda n: f"Final answer: {n}",
                                       cot_delay=lambda n: 0.1 if n == 1 else 30)) as srv:
        start = time.monotonic()
        out = run(auto(srv), "Another unknown question", budget=1.5)
        assert time.monotonic() - start < 2.0
    assert out.answer == "1"


def test_engine_reads_the_wrapper_line_without_fences_and_says_why_it_falls_back() -> None:
    from logicnet.solve import solve_with

    known = "Find the solution of this math problem: Volume of cube with a side length of 6m is"
    assert run(EngineSolver(), known).answer == "216 m^3"
    out = asyncio.run(solve_with(EngineSolver(), "Who wrote Hamlet?", 10))
    assert out["strategy"] == "engine:fallback" and out["logic_answer"] == "unknown"
    assert "does not recognise this problem" in out["logic_reasoning"]
