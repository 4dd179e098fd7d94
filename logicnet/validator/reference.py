"""The validator's own solution of the raw question: what miners' reasoning is compared to.

As the network's validators do it (docs/network.md §6c): the model gets ONE user message, the raw
question, with no system prompt, at temperature 0.7 and at most 300 tokens. A challenge
that brings its own reference (a questions file line with ``reference``) uses that one.
Without an LLM, or when it fails: the engine's working of the raw question, asked of an
engine worker process under a deadline (``logicnet.engine.workers``), so no question can
hold the validator's loop.
"""

from __future__ import annotations

import asyncio
import logging

from logicnet.engine.workers import EngineWorkers
from logicnet.errors import EngineError, LLMError
from logicnet.llm import LLMPool
from logicnet.validator.challenges import Challenge

__all__ = ["REFERENCE_MAX_TOKENS", "REFERENCE_TEMPERATURE", "ReferenceSolver", "reference_messages"]

log = logging.getLogger(__name__)

REFERENCE_TEMPERATURE = 0.7
REFERENCE_MAX_TOKENS = 300
ENGINE_TIMEOUT_S = 2.0  # the engine's working of one raw question, at most


def reference_messages(raw_question: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": raw_question}]


class ReferenceSolver:
    def __init__(
        self, llm: LLMPool | None, timeout_s: float = 60.0, engine: EngineWorkers | None = None
    ) -> None:
        self.llm = llm
        self.timeout_s = timeout_s
        self.engine = engine or EngineWorkers(size=1, budget_s=ENGINE_TIMEOUT_S)

    def warm_up(self) -> None:
        """Start the engine's worker now (its tables take seconds on a busy machine), so the
        first loop does not wait for it."""
        try:
            self.engine.start()
        except EngineError as exc:
            log.warning("the engine is not available for reference solutions: %s", exc)

    def close(self) -> None:
        self.engine.close()

    async def reference_for(self, challenge: Challenge) -> str | None:
        """The similarity reference of this challenge; None when there is none to be had."""
        if challenge.reference:
            return challenge.reference
        return await self.reasoning_for(challenge.raw_question)

    async def reasoning_for(self, raw_question: str) -> str | None:
        if self.llm is not None:
            loop = asyncio.get_running_loop()
            try:
                # wait_for as well as the pool's deadline: a stuck connection must not outlive it
                reply = await asyncio.wait_for(
                    self.llm.chat(
                        reference_messages(raw_question),
                        deadline=loop.time() + self.timeout_s,
                        temperature=REFERENCE_TEMPERATURE,
                        max_tokens=REFERENCE_MAX_TOKENS,
                    ),
                    self.timeout_s + 1.0,
                )
                if reply.text.strip():
                    return reply.text
                log.warning("reference solution came back empty; using the engine's")
            except (LLMError, asyncio.TimeoutError) as exc:
                log.warning(
                    "reference solution failed (%s); using the engine's", exc or "no reply in time"
                )
        try:
            found = await self.engine.solve(raw_question)
        except EngineError as exc:
            log.warning("no engine working for the reference: %s", exc)
            return None
        return found.reasoning if found else None
