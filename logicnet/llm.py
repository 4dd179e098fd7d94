"""A pool of OpenAI-compatible chat endpoints with deadlines, retries and failover.

One ``LLMPool`` is built in ``main()`` and passed to every solver. Each call
carries an absolute deadline (event-loop time); retries, backoff and failover
all happen inside it. Works with vLLM, together.ai, OpenAI, Ollama and the
llama.cpp server: anything that speaks ``POST /v1/chat/completions``.

Outcomes: a ``ChatReply``, or ``DeadlineExceeded`` / ``LLMUnavailable``.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import openai

from logicnet.credentials import Secret, redact
from logicnet.errors import DeadlineExceeded, LLMUnavailable
from logicnet.metrics import events as metric_events

__all__ = ["ChatReply", "LLMPool", "RetryPolicy"]

log = logging.getLogger(__name__)

# Below this much time left, a new HTTP request is not worth starting.
MIN_USEFUL_TIME_S = 0.05


@dataclass(frozen=True)
class RetryPolicy:
    """How many tries, and how long to wait between them (exponential, jittered)."""

    max_attempts: int = 4
    base_delay_s: float = 0.2
    max_delay_s: float = 3.0
    jitter: float = 0.25
    cooldown_s: float = 5.0  # how long a failed endpoint is skipped

    def delay(self, attempt: int) -> float:
        base = min(self.max_delay_s, self.base_delay_s * (2 ** max(attempt - 1, 0)))
        return base * (1 + random.uniform(-self.jitter, self.jitter))


@dataclass(frozen=True)
class ChatReply:
    text: str
    endpoint: str
    model: str
    latency_s: float
    attempts: int


class _Failure(Exception):
    """One attempt failed; ``retryable`` says whether trying again may help."""

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass
class _Endpoint:
    base_url: str
    model: str
    client: Any
    cool_until: float = 0.0
    failures: int = 0


class LLMPool:
    """Chat completions spread over one or more base URLs.

    Usually every URL serves the same model with the same key (vLLM replicas); a
    validator may give one model and key per URL (``models``/``keys``).
    """

    def __init__(
        self,
        base_urls: Sequence[str],
        model: str,
        key: Secret,
        policy: RetryPolicy | None = None,
        request_timeout_s: float = 120.0,
        *,
        models: Sequence[str] | None = None,
        keys: Sequence[Secret] | None = None,
    ) -> None:
        if not base_urls:
            raise ValueError("at least one base URL is needed")
        models = list(models) if models else [model] * len(base_urls)
        keys = list(keys) if keys else [key] * len(base_urls)
        if len(models) != len(base_urls) or len(keys) != len(base_urls):
            raise ValueError("give one model and one key per base URL, or one for all")
        self.model = model
        self.policy = policy or RetryPolicy()
        self._key = key
        self._keys = keys
        self._endpoints = [
            _Endpoint(
                base_url=url,
                model=endpoint_model,
                client=openai.AsyncOpenAI(
                    base_url=url,
                    api_key=endpoint_key.reveal(),
                    max_retries=0,  # retries are ours, inside the caller's deadline
                    timeout=request_timeout_s,
                ),
            )
            for url, endpoint_model, endpoint_key in zip(base_urls, models, keys, strict=True)
        ]
        self._rotation = itertools.count()

    @property
    def base_urls(self) -> list[str]:
        return [e.base_url for e in self._endpoints]

    def describe(self) -> str:
        return f"model {self.model} at {', '.join(self.base_urls)} (key from {self._key.source})"

    def _pick(self, now: float, tried: set[int]) -> int:
        """Round-robin over endpoints, skipping cooling ones unless all are cooling."""
        n = len(self._endpoints)
        start = next(self._rotation) % n
        order = [(start + i) % n for i in range(n)]
        fresh = [i for i in order if i not in tried] or order
        healthy = [i for i in fresh if self._endpoints[i].cool_until <= now]
        if healthy:
            return healthy[0]
        return min(fresh, key=lambda i: self._endpoints[i].cool_until)

    async def chat(
        self,
        messages: list[dict[str, str]],
        *,
        deadline: float,
        temperature: float = 0.7,
        max_tokens: int = 1024,
    ) -> ChatReply:
        """One chat completion before ``deadline`` (``loop.time()`` seconds)."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        tried: set[int] = set()
        last_error = "no attempt was made"
        for attempt in range(1, self.policy.max_attempts + 1):
            remaining = deadline - loop.time()
            if remaining < MIN_USEFUL_TIME_S:
                break
            index = self._pick(time.monotonic(), tried)
            tried.add(index)
            endpoint = self._endpoints[index]
            try:
                text = await self._one_call(endpoint, messages, remaining, temperature, max_tokens)
            except _Failure as failure:
                last_error = redact(str(failure), *self._keys)
                metric_events.llm_call(endpoint.base_url, last_error)
                endpoint.failures += 1
                endpoint.cool_until = time.monotonic() + self.policy.cooldown_s * min(
                    endpoint.failures, 6
                )
                log.warning(
                    "llm attempt %d at %s failed: %s", attempt, endpoint.base_url, last_error
                )
                if not failure.retryable and len(tried) >= len(self._endpoints):
                    raise LLMUnavailable(last_error) from None
                pause = self.policy.delay(attempt) if len(tried) >= len(self._endpoints) else 0
                if deadline - loop.time() <= pause + MIN_USEFUL_TIME_S:
                    break
                await asyncio.sleep(pause)
                continue
            endpoint.failures = 0
            endpoint.cool_until = 0.0
            metric_events.llm_call(endpoint.base_url)
            return ChatReply(
                text=text,
                endpoint=endpoint.base_url,
                model=endpoint.model,
                latency_s=loop.time() - started,
                attempts=attempt,
            )
        if deadline - loop.time() < MIN_USEFUL_TIME_S:
            raise DeadlineExceeded(f"no usable LLM reply before the deadline ({last_error})")
        raise LLMUnavailable(last_error)

    async def _one_call(
        self,
        endpoint: _Endpoint,
        messages: list[dict[str, str]],
        remaining: float,
        temperature: float,
        max_tokens: int,
    ) -> str:
        try:
            response = await asyncio.wait_for(
                endpoint.client.chat.completions.create(
                    model=endpoint.model,
                    messages=messages,
                    temperature=temperature,
                    max_tokens=max_tokens,
                    timeout=remaining,
                ),
                timeout=remaining,
            )
        except asyncio.TimeoutError:
            raise _Failure(f"no reply within {remaining:.1f} s", retryable=True) from None
        except openai.RateLimitError as exc:
            raise _Failure(f"rate limited (429): {_short(exc)}", retryable=True) from None
        except openai.APIStatusError as exc:
            retryable = exc.status_code >= 500 or exc.status_code in (408, 409)
            raise _Failure(f"HTTP {exc.status_code}: {_short(exc)}", retryable) from None
        except openai.APITimeoutError:
            raise _Failure("request timed out", retryable=True) from None
        except openai.APIConnectionError as exc:
            raise _Failure(f"connection failed: {_short(exc)}", retryable=True) from None
        except (openai.APIResponseValidationError, ValueError, TypeError) as exc:
            raise _Failure(f"unreadable reply: {_short(exc)}", retryable=True) from None
        return _reply_text(response)

    async def probe(self, timeout_s: float = 3.0) -> bool:
        """Does at least one endpoint answer ``GET /models``? (Used to pick a default strategy.)"""

        async def one(endpoint: _Endpoint) -> bool:
            try:
                await asyncio.wait_for(endpoint.client.models.list(timeout=timeout_s), timeout_s)
                return True
            except (asyncio.TimeoutError, openai.OpenAIError, ValueError, TypeError):
                return False

        results = await asyncio.gather(*(one(e) for e in self._endpoints))
        return any(results)

    async def close(self) -> None:
        for endpoint in self._endpoints:
            await endpoint.client.close()


def _short(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _reply_text(response: Any) -> str:
    """The assistant's text, or a retryable failure when the reply has none."""
    try:
        choice = response.choices[0]
        text = choice.message.content
    except (AttributeError, IndexError, TypeError):
        raise _Failure("reply has no choices", retryable=True) from None
    if not isinstance(text, str) or not text.strip():
        raise _Failure("reply has no text", retryable=True)
    return text
