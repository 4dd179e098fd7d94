"""The validator's own solution of the raw question: what miners' reasoning is compared to.

With an LLM: the model answers the RAW question (at most 300 tokens, temperature 0.7, as
the network's validators do). Without one, or when it fails: the engine's working.
"""

from __future__ import annotations

import asyncio
import logging

from logicnet.engine import solve as engine_solve
from logicnet.errors import LLMError
from logicnet.llm import LLMPool

__all__ = ["ReferenceSolver"]

log = logging.getLogger(__name__)

REFERENCE_PROMPT = "Solve the problem step by step and state the final answer."


class ReferenceSolver:
    def __init__(self, llm: LLMPool | None, timeout_s: float = 60.0) -> None:
        self.llm = llm
        self.timeout_s = timeout_s

    async def reasoning_for(self, raw_question: str) -> str | None:
        if self.llm is not None:
            loop = asyncio.get_running_loop()
            try:
                reply = await self.llm.chat(
                    [{"role": "system", "content": REFERENCE_PROMPT},
                     {"role": "user", "content": raw_question}],
                    deadline=loop.time() + self.timeout_s, temperature=0.7, max_tokens=300,
                )
                return reply.text
            except LLMError as exc:
                log.warning("reference solution failed (%s); using the engine's", exc)
        found = await asyncio.get_running_loop().run_in_executor(None, engine_solve, raw_question)
        return found.reasoning if found else None
