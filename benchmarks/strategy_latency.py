"""Latency of the solving strategies against a scripted LLM (issue: earn the reward).

    python benchmarks/strategy_latency.py [--llm-delay 1.0] [--n 10]

Every LLM call takes ``--llm-delay`` seconds (a real HTTP server speaking the
OpenAI API, the real openai client). Compared on the same questions:
- the network's reference miner: two sequential calls (reasoning, then "give the
  final short answer"), re-created here only to time it;
- ``baseline``: one call;
- ``auto`` on a question the engine knows (with and without LLM reasoning);
- ``auto`` on a question it does not (restate + program + chain-of-thought in parallel,
  early stop on a majority).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from logicnet.credentials import Secret  # noqa: E402
from logicnet.devkit.scripted_llm import ScriptedLLM  # noqa: E402
from logicnet.engine.workers import EngineWorkers  # noqa: E402
from logicnet.llm import LLMPool  # noqa: E402
from logicnet.miner.solvers.auto import AutoSolver  # noqa: E402
from logicnet.miner.solvers.baseline import BaselineSolver  # noqa: E402
from logicnet.miner.solvers.program import ProgramSolver  # noqa: E402

KNOWN = "Find the solution of this math problem:\n---\nTopic: Algebra, Subtopic: Basic algebra.\n8x + 5 = 6\n---\n"  # noqa: E501
UNKNOWN = "A train leaves at 3 pm going 60 km/h; how far has it gone by 5 pm?"


class TwoCallMiner:
    """The network's reference shape: reasoning, then a second call for the short answer."""

    name = "two-call"

    def __init__(self, llm: LLMPool) -> None:
        self.llm = llm

    async def solve(self, question: str, deadline: float) -> Any:
        first = await self.llm.chat([{"role": "user", "content": question}], deadline=deadline)
        await self.llm.chat(
            [
                {"role": "user", "content": question},
                {"role": "assistant", "content": first.text},
                {"role": "user", "content": "Give the final short answer."},
            ],
            deadline=deadline,
        )


def responder(payload: dict[str, Any]) -> str:
    system = payload["messages"][0]["content"]
    if "Python" in system:
        return "Distance is speed times time.\n```python\nprint(60 * 2)\n```\nFinal answer: 120"
    if "exercise" in system:
        return "Distance travelled at 60 km/h for 2 h"
    if "Explain step by step" in system:
        return "Subtract 5: 8x = 1. Divide by 8.\nFinal answer: 1/8"
    return "Two hours at 60 km/h is 120 km.\nFinal answer: 120"


async def time_it(solver: Any, question: str, n: int) -> list[float]:
    loop = asyncio.get_running_loop()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        await solver.solve(question, loop.time() + 60)
        out.append(time.perf_counter() - start)
    return out


async def run(args: argparse.Namespace, url: str) -> list[tuple[str, list[float]]]:
    from logicnet.miner.sandbox import Sandbox

    pool = LLMPool([url], "scripted", Secret("k"))
    sandbox = Sandbox()
    engine = EngineWorkers()  # the engine in its worker processes, as the miner runs it
    engine.start()
    try:
        await sandbox.wait_ready()  # sympy imported: the first program sample is not a start-up
        program = ProgramSolver(pool, sandbox)
        rows = [
            ("network two-call miner", await time_it(TwoCallMiner(pool), UNKNOWN, args.n)),
            ("baseline (one call)", await time_it(BaselineSolver(pool), UNKNOWN, args.n)),
            (
                "auto, engine knows it, LLM reasoning",
                await time_it(AutoSolver(pool, program, engine), KNOWN, args.n),
            ),
            (
                "auto, engine knows it, engine reasoning",
                await time_it(
                    AutoSolver(pool, program, engine, reasoning_budget_s=0), KNOWN, args.n
                ),
            ),
            (
                "auto, unknown question (3 samples)",
                await time_it(AutoSolver(pool, program, engine), UNKNOWN, args.n),
            ),
        ]
    finally:
        # The attempts 'auto' cancelled on an early stop end first, then the pools close.
        others = asyncio.all_tasks() - {asyncio.current_task()}
        if others:
            await asyncio.wait(others, timeout=5)
        engine.close()
        sandbox.close()
        await pool.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="strategy latency against a scripted LLM")
    parser.add_argument("--llm-delay", type=float, default=1.0)
    parser.add_argument("--n", type=int, default=10)
    args = parser.parse_args()

    def slow(payload: dict[str, Any]) -> str:
        time.sleep(args.llm_delay)
        return responder(payload)

    with ScriptedLLM(responder=slow) as srv:
        rows = asyncio.run(run(args, srv.base_url))
    print(f"each LLM call takes {args.llm_delay:.2f} s; {args.n} questions per row\n")
    print(f"{'strategy':42} {'p50 s':>7} {'p99 s':>7} {'mean s':>7}")
    for name, times in rows:
        ordered = sorted(times)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
        print(
            f"{name:42} {statistics.median(times):>7.3f} {p99:>7.3f} "
            f"{statistics.fmean(times):>7.3f}"
        )


if __name__ == "__main__":
    main()
