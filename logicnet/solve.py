"""``logicnet solve``: the miner's solver without a chain, for one question or a file.

The file mode writes each answer as soon as it is ready (one JSON object per
line, flushed), so an interrupted run loses nothing; ``--resume`` skips the ids
already written. Bad input lines become error records, never a crash.

Files are read only when they are regular files within a cap (a FIFO, a device such as
``/dev/zero`` or a directory is refused in one line, without blocking): ``--input`` up to
``MAX_INPUT_BYTES`` (64 MiB: a thousand questions of the longest kind, or some 200,000
usual ones), and ``--output`` for ``--resume`` up to ``MAX_OUTPUT_BYTES`` (256 MiB, as
answers carry their reasoning).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from logicnet.fileio import read_text_capped
from logicnet.miner.deadline import solve_before
from logicnet.miner.solvers.base import Solution, Solver
from logicnet.miner.solvers.factory import build_solver, choose_strategy
from logicnet.settings import LLMSettings

__all__ = ["BatchSummary", "Solved", "attempt_with", "solve_file", "solve_one", "solve_with"]

MAX_QUESTION_CHARS = 64 * 1024
MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_OUTPUT_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Solved:
    """One question's outcome: the solution (its completeness included), the time it took,
    why a fallback was sent (``error``) and why the backend is not the one asked for."""

    solution: Solution
    elapsed_s: float
    error: str = ""
    notes: str = ""

    @property
    def answered(self) -> bool:
        """The strategy answered itself, not through its fallback."""
        return self.solution.complete and not self.error

    def record(self) -> dict[str, Any]:
        """What ``logicnet solve`` writes (``--json``, ``--output``)."""
        solution = self.solution
        result: dict[str, Any] = {
            "logic_reasoning": solution.reasoning,
            "logic_answer": solution.answer,
            "elapsed_s": self.elapsed_s,
            "strategy": solution.shown,
        }
        if self.error:
            result["error"] = self.error
        if solution.plain:
            result["plain_value"] = solution.plain
        if solution.convention:
            result["convention"] = solution.convention
            if solution.convention_why:
                result["convention_why"] = solution.convention_why
        if self.notes:
            result["notes"] = self.notes
        return result


async def attempt_with(solver: Solver, question: str, timeout: float) -> Solved:
    """Solve as the miner's forward does: same budget, same fallback on failure."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    attempt = await solve_before(solver, question, timeout, max_timeout=max(timeout, 1.0))
    return Solved(attempt.solution, round(loop.time() - started, 4), attempt.problem or "")


async def solve_with(solver: Solver, question: str, timeout: float) -> dict[str, Any]:
    """``attempt_with``'s outcome as the record ``logicnet solve`` writes."""
    return (await attempt_with(solver, question, timeout)).record()


async def solve_one(settings: LLMSettings, question: str, timeout: float) -> Solved:
    """One answer; ``notes`` (only when there are any) says why the backend is not the one
    asked for, e.g. no LLM answered and the engine alone solved it."""
    strategy, notes = await choose_strategy(settings)
    bundle = build_solver(settings, strategy, notes)
    try:
        await asyncio.to_thread(bundle.warm_up)  # the engine's worker, outside the timed solve
        solved = await attempt_with(bundle.solver, question, timeout)
    finally:
        await bundle.close()
    return dataclasses.replace(solved, notes=notes)


@dataclass
class BatchSummary:
    total: int = 0
    skipped: int = 0
    solved: int = 0
    fallbacks: int = 0
    failed: int = 0
    seconds: float = 0.0
    notes: str = ""  # why the backend is not the one asked for (no LLM answered, ...)

    def describe(self) -> str:
        return (
            f"{self.total} questions: {self.solved} solved, {self.fallbacks} fallbacks, "
            f"{self.failed} bad input, {self.skipped} skipped (already answered) "
            f"in {self.seconds:.1f} s"
        )


def _read_jobs(path: Path) -> list[tuple[Any, str | None, str | None]]:
    """(id, question, error) per non-empty line."""
    # Split at "\n" only: splitlines() would also split at U+2028, legal inside a JSON string.
    lines = read_text_capped(path, MAX_INPUT_BYTES, "--input").split("\n")
    jobs: list[tuple[Any, str | None, str | None]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (ValueError, RecursionError):  # not JSON, an over-long integer, deep nesting
            jobs.append((f"line-{number}", None, f"line {number} is not JSON"))
            continue
        if not isinstance(item, dict):
            jobs.append((f"line-{number}", None, f"line {number} is not a JSON object"))
            continue
        ident = item.get("id", f"line-{number}")
        question = item.get("logic_question")
        if not isinstance(question, str) or not question.strip():
            jobs.append((ident, None, f"line {number}: logic_question must be a non-empty string"))
        elif len(question) > MAX_QUESTION_CHARS:
            jobs.append(
                (
                    ident,
                    None,
                    f"line {number}: logic_question longer than {MAX_QUESTION_CHARS} characters",
                )
            )
        else:
            jobs.append((ident, question, None))
    return jobs


def _written_ids(path: Path) -> tuple[set[str], set[str]]:
    """Ids already answered, and ids already written as bad input lines."""
    done: set[str] = set()
    bad: set[str] = set()
    if not os.path.exists(path):
        return done, bad
    text = read_text_capped(path, MAX_OUTPUT_BYTES, "--resume: --output")
    for line in text.split("\n"):
        try:
            item = json.loads(line)
        except (ValueError, RecursionError):
            continue  # a line cut short by a crash is simply solved again
        if isinstance(item, dict) and "id" in item:
            if "logic_answer" in item:
                done.add(json.dumps(item["id"]))
            elif "error" in item:
                bad.add(json.dumps(item["id"]))
    return done, bad


async def solve_file(
    settings: LLMSettings,
    source: Path,
    target: Path,
    concurrency: int,
    timeout: float,
    resume: bool = False,
) -> BatchSummary:
    from tqdm import tqdm

    jobs = _read_jobs(source)
    summary = BatchSummary(total=len(jobs))
    done, bad = _written_ids(target) if resume else (set(), set())
    # A line still bad is not written again; one mended since is solved.
    todo = [
        j
        for j in jobs
        if json.dumps(j[0]) not in done and not (j[1] is None and json.dumps(j[0]) in bad)
    ]
    summary.skipped = len(jobs) - len(todo)
    strategy, summary.notes = await choose_strategy(settings)
    bundle = build_solver(settings, strategy, summary.notes)
    solver = bundle.solver
    await asyncio.to_thread(bundle.warm_up)  # the engine's first worker, before the clock
    gate = asyncio.Semaphore(concurrency)
    started = time.monotonic()
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        target.open("a" if resume else "w", encoding="utf-8") as out,
        tqdm(total=len(todo), unit="q", file=sys.stderr, disable=None) as bar,
    ):

        async def run(ident: Any, question: str | None, problem: str | None) -> None:
            if question is None:
                record: dict[str, Any] = {"id": ident, "error": problem}
                summary.failed += 1
            else:
                async with gate:
                    solved = await attempt_with(solver, question, timeout)
                record = {"id": ident, **solved.record()}
                if solved.error:
                    summary.fallbacks += 1
                else:
                    summary.solved += 1
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            bar.update(1)

        try:
            await asyncio.gather(*(run(*job) for job in todo))
        finally:
            await bundle.close()
    summary.seconds = time.monotonic() - started
    return summary
