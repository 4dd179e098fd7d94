"""``program``: the model writes Python, the sandbox runs it, the last printed line is the answer.

If the code fails (error, timeout, nothing printed) the model's own stated
final answer is used instead. The code never runs in the miner's process.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from logicnet.answers import extract_final_answer, normalise_for_validator, trim_reasoning
from logicnet.llm import LLMPool
from logicnet.metrics import events as metric_events
from logicnet.miner.solvers.base import Solution, fallback_solution

__all__ = ["PROGRAM_PROMPT", "ProgramSolver", "last_python_block", "prose_of"]

PROGRAM_PROMPT = (
    "You solve math and logic problems by writing a small Python 3 program. First explain the "
    "approach in two to four short sentences. Then give ONE ```python code block that computes "
    "the answer exactly (the standard library and sympy are available; no input, no files, no "
    "network) and prints only the final answer on its last line, as a bare value with no units "
    "or words. Finish with a line 'Final answer: <answer>'."
)

_BLOCK = re.compile(r"```(?:python|py)?[ \t]*\n(.*?)```", re.S | re.I)
MAX_CODE_RUN_S = 10.0


def last_python_block(text: str) -> str | None:
    blocks = _BLOCK.findall(text)
    return blocks[-1].strip() if blocks else None


def prose_of(text: str) -> str:
    """The reply without its code blocks: the part worth sending as reasoning."""
    return re.sub(r"\n{3,}", "\n\n", _BLOCK.sub("", text)).strip()


class ProgramSolver:
    name = "program"

    def __init__(self, llm: LLMPool, sandbox: Any, max_tokens: int = 1024,
                 temperature: float = 0.2) -> None:
        self.llm = llm
        self.sandbox = sandbox
        self.max_tokens = max_tokens
        self.temperature = temperature

    async def solve(self, question: str, deadline: float) -> Solution:
        reply = await self.llm.chat(
            [{"role": "system", "content": PROGRAM_PROMPT}, {"role": "user", "content": question}],
            deadline=deadline, temperature=self.temperature, max_tokens=self.max_tokens,
        )
        stated = extract_final_answer(prose_of(reply.text) or reply.text)
        code = last_python_block(reply.text)
        computed: str | None = None
        note = ""
        if code:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining > 0.3:
                result = await self.sandbox.run(code, timeout_s=min(MAX_CODE_RUN_S,
                                                                    remaining - 0.2))
                metric_events.sandbox_run(result.exit_reason)
                if result.ok and result.last_printed_line:
                    computed = result.last_printed_line
                    note = f"Running the computation gives {computed}."
                else:
                    note = ""
        answer = normalise_for_validator(computed or stated or "unknown", question)
        reasoning = prose_of(reply.text) or reply.text
        if note:
            reasoning = f"{reasoning}\n{note}"
        return Solution(reasoning=trim_reasoning(reasoning), answer=answer,
                        strategy=self.name if computed else f"{self.name}:stated")

    def fallback(self, question: str, why: str) -> Solution:
        return fallback_solution(question, self.name, why)
