"""``program``: the model writes Python, the sandbox runs it, the last printed line is the answer.

If the code cannot give an answer in time (an error, a timeout, nothing printed, no sandbox
worker free before the deadline, or a sandbox failure on our side) the model's own stated
final answer is used instead: the reply already holds one ("Final answer: 42"), so the miner
never sends "unknown" for want of a worker. The code never runs in the miner's process.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from logicnet.answers import cap_reasoning, extract_final_answer, normalise_for_validator
from logicnet.flags import LLM
from logicnet.llm import LLMPool
from logicnet.metrics import events
from logicnet.miner.sandbox_setup import SandboxError
from logicnet.miner.solvers.base import Completeness, Solution, fallback_solution

__all__ = ["MAX_CODE_RUN_S", "PROGRAM_PROMPT", "ProgramSolver", "last_python_block", "prose_of"]

log = logging.getLogger(__name__)

PROGRAM_PROMPT = (
    "You solve math and logic problems by writing a small Python 3 program. First explain the "
    "approach in two to four short sentences. Then give ONE ```python code block that computes "
    "the answer exactly (the standard library and sympy are available; no input, no files, no "
    "network) and prints only the final answer on its last line, as a bare value with no units "
    "or words. Finish with a line 'Final answer: <answer>'."
)

_BLOCK = re.compile(r"```(?:python|py)?[ \t]*\n(.*?)```", re.S | re.I)
MAX_CODE_RUN_S = 10.0
_MIN_RUN_S = 0.3  # less time than this left: do not start the code, use the stated answer
_HANDOVER_S = 0.1  # the sandbox's own backstop must never eat the caller's last moment


def last_python_block(text: str) -> str | None:
    blocks = _BLOCK.findall(text)
    return blocks[-1].strip() if blocks else None


def prose_of(text: str) -> str:
    """The reply without its code blocks: the part worth sending as reasoning."""
    return re.sub(r"\n{3,}", "\n\n", _BLOCK.sub("", text)).strip()


class ProgramSolver:
    name = "program"

    def __init__(
        self,
        llm: LLMPool,
        sandbox: Any,
        max_tokens: int = LLM.default("max_tokens"),
        temperature: float = 0.2,
    ) -> None:
        self.llm = llm
        self.sandbox = sandbox
        self.max_tokens = max_tokens
        self.temperature = temperature

    async def solve(self, question: str, deadline: float) -> Solution:
        reply = await self.llm.chat(
            [{"role": "system", "content": PROGRAM_PROMPT}, {"role": "user", "content": question}],
            deadline=deadline,
            temperature=self.temperature,
            max_tokens=self.max_tokens,
        )
        prose = prose_of(reply.text) or reply.text
        stated = extract_final_answer(prose)
        code = last_python_block(reply.text)
        computed = await self._run(code, deadline) if code else None
        answer = normalise_for_validator(computed or stated or "unknown", question)
        reasoning = f"{prose}\nRunning the computation gives {computed}." if computed else prose
        return Solution(
            reasoning=cap_reasoning(reasoning),
            answer=answer,
            strategy=self.name,
            completeness=Completeness.SOLVED if computed else Completeness.STATED,
        )

    async def _run(self, code: str, deadline: float) -> str | None:
        """The code's last printed line, or None when it gives no answer before ``deadline``."""
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining < _MIN_RUN_S:
            return None
        try:
            # run() counts its wait for a free worker in its timeout ("busy" when none came);
            # wait_for is the guarantee should a wedged worker need its backstop.
            result = await asyncio.wait_for(
                self.sandbox.run(code, timeout_s=min(MAX_CODE_RUN_S, remaining - 0.2)),
                remaining - _HANDOVER_S,
            )
        except asyncio.TimeoutError:
            events.sandbox_run("timeout")
            log.info("program: the sandbox gave no result in time; using the stated answer")
            return None
        except SandboxError as exc:
            events.sandbox_run("error")
            log.warning("program: the sandbox failed (%s); using the stated answer", exc)
            return None
        events.sandbox_run(result.exit_reason)
        if result.exit_reason == "busy":
            log.info("program: no sandbox worker was free in time; using the stated answer")
        line: str | None = result.last_printed_line if result.ok else None
        return line

    def fallback(self, question: str, why: str) -> Solution:
        return fallback_solution(question, self.name, why)
