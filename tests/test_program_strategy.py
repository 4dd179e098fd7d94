"""The program strategy: the model's code runs in the real sandbox, never in the miner."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Iterator
from typing import Any

import pytest

from logicnet.credentials import Secret
from logicnet.devkit.scripted_llm import ScriptedLLM, reply
from logicnet.engine.workers import EngineWorkers
from logicnet.llm import LLMPool, RetryPolicy
from logicnet.miner.sandbox import Sandbox, SandboxLimits
from logicnet.miner.solvers.auto import AutoSolver
from logicnet.miner.solvers.program import ProgramSolver, last_python_block, prose_of

FAST = RetryPolicy(max_attempts=2, base_delay_s=0.01, max_delay_s=0.02, cooldown_s=0.05)
SECRET = "sk-miner-secret-4242"


def program_reply(code: str, stated: str = "unknown") -> str:
    return f"We compute it directly.\n```python\n{code}\n```\nFinal answer: {stated}"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    os.environ["LOGICNET_TEST_SECRET"] = SECRET  # in the miner's environment, never the sandbox's
    box = Sandbox()
    asyncio.run(box.wait_ready())  # a loaded machine may take seconds to start the workers
    yield box
    box.close()
    os.environ.pop("LOGICNET_TEST_SECRET", None)


def solve(solver: Any, question: str, budget: float = 15.0) -> Any:
    async def go() -> Any:
        loop = asyncio.get_running_loop()
        try:
            return await solver.solve(question, loop.time() + budget)
        finally:
            await solver.llm.close()

    return asyncio.run(go())


def program(srv: ScriptedLLM, sandbox: Sandbox) -> ProgramSolver:
    return ProgramSolver(LLMPool([srv.base_url], "m", Secret("k"), FAST), sandbox)


def test_code_blocks_and_prose() -> None:
    text = "Idea.\n```python\nprint(1)\n```\nThen\n```py\nprint(2)\n```\nFinal answer: 2"
    assert last_python_block(text) == "print(2)"
    assert "print" not in prose_of(text) and "Idea." in prose_of(text)
    assert last_python_block("no code") is None


def test_the_last_printed_line_is_the_answer(sandbox: Sandbox) -> None:
    code = (
        "import sympy as sp\nx = sp.symbols('x')\nprint('debug')\n"
        "print(sp.solve(8*x + 5 - 6, x)[0])"
    )
    with ScriptedLLM(default=reply(program_reply(code, stated="0.2"))) as srv:
        out = solve(program(srv, sandbox), "Solve 8x + 5 = 6")
    assert out.answer == "1/8" and out.strategy == "program"
    assert "Running the computation gives 1/8." in out.reasoning


def test_failing_code_falls_back_to_the_stated_answer(sandbox: Sandbox) -> None:
    with ScriptedLLM(default=reply(program_reply("raise SystemExit(3)", stated="7"))) as srv:
        out = solve(program(srv, sandbox), "Something")
    assert out.answer == "7" and out.label == "program:stated"


@pytest.mark.parametrize(
    "code",
    [
        "import os\nprint(os.environ.get('LOGICNET_TEST_SECRET'))",
        "print(open('/proc/self/environ').read())",
        "import os\nprint(open(os.path.expanduser('~/.bittensor/wallets/x')).read())",
        "import socket\ns = socket.create_connection(('127.0.0.1', 22), 1)\nprint('connected')",
        "import os\nos.system('env')\nprint('ran')",
        "while True:\n    pass",
    ],
)
def test_hostile_code_is_contained(sandbox: Sandbox, code: str) -> None:
    with ScriptedLLM(default=reply(program_reply(code, stated="5"))) as srv:
        out = solve(program(srv, sandbox), "Anything", budget=6.0)
    assert SECRET not in out.answer and SECRET not in out.reasoning
    assert out.answer in ("5", "None", "ran")  # its own stated answer, or a harmless print
    assert "connected" not in out.answer


def test_auto_votes_with_a_program_sample(sandbox: Sandbox, engine: EngineWorkers) -> None:
    def respond(payload: dict[str, Any]) -> str:
        system = payload["messages"][0]["content"]
        if "Python" in system:
            return program_reply("print(6 * 7)", stated="40")
        if "exercise" in system:
            return "not an exercise"
        return "Six sevens.\nFinal answer: 42"

    with ScriptedLLM(responder=respond) as srv:
        pool = LLMPool([srv.base_url], "m", Secret("k"), FAST)
        solver = AutoSolver(pool, ProgramSolver(pool, sandbox), engine, samples=3)
        out = solve(solver, "What is six times seven, friend?")
    assert out.answer == "42" and out.strategy == "auto:vote"


@pytest.mark.parametrize(
    ("printed", "question", "expected"),
    [
        ("12.5 cm^2", "Area of the rectangle?", "12.5"),
        ("<example>miner_answer 1.0</example> 5", "How many?", "5"),
        ("B", "Which number is prime?\nA. 4\nB. 7\nC. 9", "B. 7"),
        ("\x1b[31m4\x07", "Two plus two?", "4"),
    ],
)
def test_computed_answers_take_the_one_answer_path(
    sandbox: Sandbox, printed: str, question: str, expected: str
) -> None:
    code = f"print({printed!r})"
    with ScriptedLLM(default=reply(program_reply(code, stated="unknown"))) as srv:
        out = solve(program(srv, sandbox), question)
    assert out.answer == expected and out.strategy == "program"
    assert "\x1b" not in out.reasoning and "miner_answer" not in out.reasoning


@pytest.mark.parametrize(
    ("stated", "question", "expected"),
    [
        ("12.5 cm^2", "Area?", "12.5"),
        ("<example>miner_answer 1.0</example> 5", "How many?", "5"),
        ("B", "Which number is prime?\nA. 4\nB. 7\nC. 9", "B. 7"),
    ],
)
def test_stated_answers_take_the_one_answer_path(
    sandbox: Sandbox, stated: str, question: str, expected: str
) -> None:
    with ScriptedLLM(default=reply(program_reply("raise SystemExit(3)", stated=stated))) as srv:
        out = solve(program(srv, sandbox), question)
    assert out.answer == expected and out.label == "program:stated"


def test_a_busy_sandbox_gives_the_stated_answer_in_time() -> None:
    """Every worker taken: the request still ends before its deadline, with the model's own
    stated answer instead of "unknown"."""

    async def go(box: Sandbox, srv: ScriptedLLM) -> tuple[Any, float]:
        await box.wait_ready()
        hog = asyncio.ensure_future(box.run("import time\ntime.sleep(6)", 10.0))
        await asyncio.sleep(0.1)
        solver = program(srv, box)
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            out = await solver.solve("What is six times seven?", started + 2.0)
        finally:
            await solver.llm.close()
        elapsed = loop.time() - started
        hog.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await hog
        return out, elapsed

    code = "print(41)"  # if it ran, the answer would say so
    with (
        ScriptedLLM(default=reply(program_reply(code, stated="42"))) as srv,
        Sandbox(SandboxLimits(workers=1)) as box,
    ):
        out, elapsed = asyncio.run(go(box, srv))
    assert out.answer == "42" and out.label == "program:stated"
    assert elapsed < 2.0
