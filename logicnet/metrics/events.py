"""Events from code that knows nothing of metrics: an LLM call ended, a sandbox run ended.

The LLM pool and the sandbox are shared by the miner, the validator, ``logicnet solve`` and
the bench, so they take no metrics object. Instead the service binds its metrics to the
running task (``bind``, a context variable: asyncio copies it into every task and
``to_thread`` call started below) and these functions report to whatever is bound; with
nothing bound they do nothing. Several miners in one process each count their own calls.
"""

from __future__ import annotations

import contextvars
import logging
import re
from typing import Protocol
from urllib.parse import urlsplit

__all__ = ["EventSink", "bind", "classify_llm_failure", "endpoint_label", "llm_call", "sandbox_run"]

log = logging.getLogger(__name__)


class EventSink(Protocol):
    def count_llm_call(self, endpoint: str, outcome: str) -> None: ...

    def count_sandbox_run(self, outcome: str) -> None: ...


_current: contextvars.ContextVar[EventSink | None] = contextvars.ContextVar(
    "logicnet_metrics_sink", default=None
)


def bind(sink: EventSink | None) -> None:
    """Report this task's (and its children's) LLM and sandbox events to ``sink``."""
    _current.set(sink)


def endpoint_label(base_url: str) -> str:
    """scheme://host:port/path of a base URL: credentials and query never become a label."""
    try:
        parts = urlsplit(base_url)
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "invalid-url"
    return f"{parts.scheme}://{host}{port}{parts.path.rstrip('/')}"[:120]


# The LLM pool's failure texts (llm.py, _one_call), first match wins.
_FAILURES = (
    (re.compile(r"^rate limited"), "rate_limited"),
    (re.compile(r"^HTTP (\d{3})"), "http_{0}"),
    (re.compile(r"^(no reply within|request timed out)"), "timeout"),
    (re.compile(r"^connection failed"), "connection_error"),
    (re.compile(r"^(unreadable reply|reply has no)"), "bad_reply"),
)


def classify_llm_failure(message: str) -> str:
    """A small fixed set of outcomes from a failure's text (bounded label values)."""
    for pattern, outcome in _FAILURES:
        match = pattern.search(message)
        if match:
            return outcome.format(*match.groups())
    return "error"


def llm_call(base_url: str, failure: str | None = None) -> None:
    """One attempt at ``base_url`` ended: ``failure`` is None when it answered."""
    sink = _current.get()
    if sink is None:
        return
    outcome = "ok" if failure is None else classify_llm_failure(failure)
    sink.count_llm_call(endpoint_label(base_url), outcome)


def sandbox_run(exit_reason: str) -> None:
    """One sandbox job ended with ``exit_reason`` (SandboxResult.exit_reason)."""
    sink = _current.get()
    if sink is not None:
        sink.count_sandbox_run(str(exit_reason)[:32])
