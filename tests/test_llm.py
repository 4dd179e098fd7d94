"""The LLM pool against a real HTTP server through the real openai client."""

from __future__ import annotations

import asyncio
import time

import pytest

from logicnet.credentials import Secret
from logicnet.devkit.scripted_llm import ScriptedLLM, drop, free_port, garbage, hang, reply, status
from logicnet.errors import DeadlineExceeded, LLMUnavailable
from logicnet.llm import LLMPool, RetryPolicy

FAST = RetryPolicy(max_attempts=4, base_delay_s=0.01, max_delay_s=0.05, cooldown_s=0.5)
MESSAGES = [{"role": "user", "content": "What is 6*7?"}]


def run_chat(pool: LLMPool, budget: float = 5.0) -> tuple[object, float]:
    async def go() -> tuple[object, float]:
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            return await pool.chat(MESSAGES, deadline=start + budget), loop.time() - start
        finally:
            await pool.close()

    return asyncio.run(go())


def test_plain_reply_sends_model_and_key() -> None:
    with ScriptedLLM(default=reply("x\nFinal answer: 42")) as srv:
        pool = LLMPool([srv.base_url], "test-model", Secret("sk-test-123"), FAST)
        result, _ = run_chat(pool)
        assert result.text.endswith("Final answer: 42")
        assert srv.requests[0]["model"] == "test-model"
        assert srv.requests[0]["messages"] == MESSAGES
        assert srv.auth_headers[0] == "Bearer sk-test-123"


@pytest.mark.parametrize(
    "failure",
    [status(429), status(500), status(503), garbage(), drop()],
    ids=["429", "500", "503", "garbage", "dropped"],
)
def test_transient_failures_are_retried(failure) -> None:
    with ScriptedLLM(default=reply("ok\nFinal answer: 7")) as srv:
        srv.enqueue(failure)
        pool = LLMPool([srv.base_url], "m", Secret("k"), FAST)
        result, _ = run_chat(pool)
        assert result.text.endswith("7")
        assert result.attempts == 2
        assert len(srv.requests) == 2


def test_hang_past_deadline_raises_in_time() -> None:
    with ScriptedLLM(default=hang(10)) as srv:
        pool = LLMPool([srv.base_url], "m", Secret("k"), FAST)
        start = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            run_chat(pool, budget=1.0)
        assert time.monotonic() - start < 1.6


def test_connection_refused_fails_over_to_next_url() -> None:
    dead = f"http://127.0.0.1:{free_port()}/v1"
    with ScriptedLLM(default=reply("fine\nFinal answer: 3")) as srv:
        pool = LLMPool([dead, srv.base_url], "m", Secret("k"), FAST)

        async def several() -> list[str]:
            loop = asyncio.get_running_loop()
            out = []
            for _ in range(4):
                r = await pool.chat(MESSAGES, deadline=loop.time() + 5)
                out.append(r.endpoint)
            await pool.close()
            return out

        endpoints = asyncio.run(several())
        assert set(endpoints) == {srv.base_url}
        assert len(srv.requests) == 4


def test_load_is_spread_over_replicas() -> None:
    with ScriptedLLM() as a, ScriptedLLM() as b:
        pool = LLMPool([a.base_url, b.base_url], "m", Secret("k"), FAST)

        async def many() -> None:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 5
            await asyncio.gather(*(pool.chat(MESSAGES, deadline=deadline) for _ in range(10)))
            await pool.close()

        asyncio.run(many())
        assert len(a.requests) == 5 and len(b.requests) == 5


def test_all_endpoints_down_is_llm_unavailable_without_the_key() -> None:
    secret = "sk-very-secret-value"
    echo = '{"error": {"message": "bad key sk-very-secret-value"}}'
    with ScriptedLLM(default=status(401, echo)) as srv:
        pool = LLMPool([srv.base_url], "m", Secret(secret), FAST)
        with pytest.raises(LLMUnavailable) as info:
            run_chat(pool)
        assert "401" in str(info.value)
        assert secret not in str(info.value)
        assert len(srv.requests) == 1  # an auth failure is not retried on the same endpoint


def test_empty_choices_are_retried() -> None:
    with ScriptedLLM() as srv:
        srv.enqueue(reply(""))
        pool = LLMPool([srv.base_url], "m", Secret("k"), FAST)
        result, _ = run_chat(pool)
        assert "42" in result.text
