"""The solving strategies against a scripted OpenAI-compatible server."""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from logicnet.answers import MAX_REASONING_CHARS, MAX_REASONING_PIECES
from logicnet.credentials import Secret
from logicnet.devkit.scripted_llm import ScriptedLLM, reply
from logicnet.engine.workers import EngineWorkers
from logicnet.errors import LogicNetError
from logicnet.llm import LLMPool, RetryPolicy
from logicnet.miner.solvers.auto import REASONING_PROMPT, RESTATE_PROMPT, AutoSolver
from logicnet.miner.solvers.baseline import BaselineSolver
from logicnet.miner.solvers.engine import EngineSolver
from logicnet.settings import LLMSettings

ROOT = Path(__file__).resolve().parents[1]

FAST = RetryPolicy(max_attempts=2, base_delay_s=0.01, max_delay_s=0.02, cooldown_s=0.1)


def by_role(
    restate: str = "no idea",
    reasoning: str = "",
    cot: Callable[[int], str] | None = None,
    cot_delay: Callable[[int], float] | None = None,
) -> Callable[[dict[str, Any]], str]:
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


@pytest.fixture
def auto(engine: EngineWorkers) -> Callable[..., AutoSolver]:
    def build(server: ScriptedLLM, samples: int = 3, reasoning_budget: float = 5.0) -> AutoSolver:
        pool = LLMPool([server.base_url], "m", Secret("k"), FAST)
        return AutoSolver(pool, None, engine, samples=samples, reasoning_budget_s=reasoning_budget)

    return build


def test_engine_strategy_answers_and_refuses_honestly(engine: EngineWorkers) -> None:
    assert run(EngineSolver(engine), "8x + 5 = 6").answer == "1/8"
    with pytest.raises(LogicNetError):
        run(EngineSolver(engine), "Who wrote Hamlet?")


def test_auto_uses_the_engine_and_llm_reasoning_that_agrees(
    auto: Callable[..., AutoSolver],
) -> None:
    explained = "Subtract 5 from both sides: 8x = 1. Divide by 8.\nFinal answer: 1/8"
    with ScriptedLLM(responder=by_role(reasoning=explained)) as srv:
        out = run(auto(srv), "8x + 5 = 6")
    assert out.answer == "1/8"
    assert out.strategy == "auto:engine+llm" and "Divide by 8" in out.reasoning
    assert len(srv.requests) == 1


def test_auto_keeps_engine_working_when_llm_disagrees(auto: Callable[..., AutoSolver]) -> None:
    with ScriptedLLM(responder=by_role(reasoning="Final answer: 7")) as srv:
        out = run(auto(srv), "8x + 5 = 6")
    assert out.answer == "1/8" and out.strategy == "auto:engine"


def test_auto_restates_a_persona_question_for_the_engine(auto: Callable[..., AutoSolver]) -> None:
    persona = "Hey! As a curious student I wonder: if 8 times x plus 5 gives 6, what's x?"
    with ScriptedLLM(
        responder=by_role(
            restate="8x + 5 = 6", cot=lambda n: "Final answer: 9", cot_delay=lambda n: 2.0
        )
    ) as srv:
        out = run(auto(srv, reasoning_budget=0), persona)
    assert out.answer == "1/8" and out.strategy == "auto:engine"


def test_auto_majority_vote_with_early_stop(auto: Callable[..., AutoSolver]) -> None:
    answers = {1: "Final answer: 0.5", 2: "Final answer: 7", 3: "Final answer: 1/2"}
    delays = {1: 0.1, 2: 0.3, 3: 0.5}
    with ScriptedLLM(
        responder=by_role(cot=lambda n: answers[n], cot_delay=lambda n: delays[n])
    ) as srv:
        start = time.monotonic()
        out = run(auto(srv), "A riddle the engine does not know")
        elapsed = time.monotonic() - start
    assert out.answer in ("0.5", "1/2") and out.strategy == "auto:vote"
    assert elapsed < 2.0


def test_auto_returns_best_so_far_at_the_deadline(auto: Callable[..., AutoSolver]) -> None:
    with ScriptedLLM(
        responder=by_role(
            cot=lambda n: f"Final answer: {n}", cot_delay=lambda n: 0.1 if n == 1 else 30
        )
    ) as srv:
        start = time.monotonic()
        out = run(auto(srv), "Another unknown question", budget=1.5)
        assert time.monotonic() - start < 2.0
    assert out.answer == "1"


def test_engine_reads_the_wrapper_line_without_fences_and_says_why_it_falls_back(
    engine: EngineWorkers,
) -> None:
    from logicnet.solve import solve_with

    known = "Find the solution of this math problem: Volume of cube with a side length of 6m is"
    assert run(EngineSolver(engine), known).answer == "216 m^3"
    out = asyncio.run(solve_with(EngineSolver(engine), "Who wrote Hamlet?", 10))
    assert out["strategy"] == "engine:fallback" and out["logic_answer"] == "unknown"
    assert "does not recognise this problem" in out["logic_reasoning"]


# ---- one answer path: every LLM strategy sends the same normalised answer ------------------------

MULTIPLE_CHOICE = "Which number is prime?\nA. 4\nB. 7\nC. 9"
# (what the model's reply ends with, the question, what the miner must send)
ANSWER_CASES = [
    ("Final answer: 12.5 cm^2", "Area of the rectangle?", "12.5"),
    ("Final answer: <example>miner_answer 1.0</example> 5", "How many?", "5"),
    ("Final answer: B", MULTIPLE_CHOICE, "B. 7"),
    ("Final answer: **$x = 5$**", "Solve for x.", "5"),
    ("Final answer: \x1b[31m4\x07\x00", "Two plus two, in a riddle?", "4"),
]


def baseline(server: ScriptedLLM) -> BaselineSolver:
    return BaselineSolver(LLMPool([server.base_url], "m", Secret("k"), FAST))


@pytest.mark.parametrize(("ending", "question", "expected"), ANSWER_CASES)
def test_baseline_sends_the_normalised_answer(ending: str, question: str, expected: str) -> None:
    with ScriptedLLM(default=reply(f"Working it out.\n{ending}")) as srv:
        out = run(baseline(srv), question)
    assert out.answer == expected and out.strategy == "baseline"
    assert "\x1b" not in out.reasoning and "miner_answer" not in out.reasoning


@pytest.mark.parametrize(("ending", "question", "expected"), ANSWER_CASES)
def test_auto_votes_send_the_normalised_answer(
    ending: str, question: str, expected: str, auto: Callable[..., AutoSolver]
) -> None:
    with ScriptedLLM(responder=by_role(cot=lambda n: f"Working it out.\n{ending}")) as srv:
        out = run(auto(srv, samples=1), f"A riddle: {question}")
    assert out.answer == expected and out.strategy == "auto:vote"


def test_a_huge_single_word_reasoning_is_capped_for_every_llm_strategy(
    auto: Callable[..., AutoSolver],
) -> None:
    huge = "x" * (20 << 20) + "\nFinal answer: 5"  # one 20 MB "word"
    with ScriptedLLM(responder=by_role(cot=lambda n: huge)) as srv:
        outs = [run(baseline(srv), "How many?"), run(auto(srv, samples=1), "A riddle")]
    for out in outs:
        assert out.answer == "5"
        assert len(out.reasoning) <= MAX_REASONING_CHARS
        assert len(out.reasoning.split()) <= MAX_REASONING_PIECES


# ---- the registry -----------------------------------------------------------------------------


def test_the_registry_is_what_settings_the_cli_and_the_factory_read() -> None:
    from logicnet.commands import miner as miner_command
    from logicnet.errors import ConfigError
    from logicnet.miner.solvers.factory import build_solver
    from logicnet.miner.solvers.registry import PRODUCTION_STRATEGIES, register, strategy_names

    assert tuple(PRODUCTION_STRATEGIES) == ("auto", "engine", "program", "baseline")
    assert set(PRODUCTION_STRATEGIES) <= set(strategy_names())
    parser = argparse.ArgumentParser()
    miner_command.add_arguments(parser)
    choices = next(a.choices for a in parser._actions if a.dest == "strategy")
    assert tuple(choices or ()) == strategy_names()
    settings = LLMSettings(("http://127.0.0.1:9/v1",), "m", Secret("k"), "engine", 64)
    assert build_solver(settings, "engine").solver.name == "engine"
    with pytest.raises(ConfigError, match="unknown strategy"):
        build_solver(settings, "lazy")
    with pytest.raises(ValueError):
        register("engine", lambda settings, notes: build_solver(settings, "baseline"))


def test_localnet_test_miners_are_unknown_to_the_production_miner() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    listing = (
        "import logicnet.miner.run, logicnet.commands.miner\n"
        "from logicnet.miner.solvers.registry import strategy_names\n"
        "print(','.join(strategy_names()))\n"
        "from logicnet.localnet_miners import register_test_miners\n"
        "register_test_miners()\n"
        "print(','.join(strategy_names()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", listing],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    production, with_tests = done.stdout.split()
    assert production == "auto,engine,program,baseline"
    assert with_tests == production + ",lazy,slow,injector,copycat"
    refused = subprocess.run(
        [sys.executable, "-m", "logicnet", "miner", "--miner.strategy", "lazy"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert refused.returncode != 0 and "invalid choice: 'lazy'" in refused.stderr
    # Only localnet itself names its test miners.
    naming = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "logicnet").rglob("*.py")
        if "localnet_miners" in path.read_text(encoding="utf-8")
        and path.name != "localnet_miners.py"
    )
    assert naming == ["logicnet/localnet.py"]
