"""Connection limits for the miner's HTTP server: uvicorn's h11 protocol with deadlines.

Stock uvicorn gives a new connection no deadline at all (its keep-alive timer starts only
after a first response), so a socket that sends nothing, or half a header, stays open for
good; and its ``limit_concurrency`` counts open connections, so 128 such sockets make every
request, signed or not, get 503. This protocol class adds, per connection:

- a header deadline: a request's header must be complete within ``header_timeout_s`` of
  the connection opening, or of the first byte after an answered request on a kept-alive
  connection. Trickling one byte at a time does not extend it. A connection that misses it
  is closed.
- an idle limit between requests (uvicorn's own ``timeout_keep_alive``).
- a cap on open connections, apart from the cap on requests in flight (that one lives in
  ``guard.RequestGuard``): when it is reached, a new connection evicts the oldest one that
  is not being answered: first one that never sent a whole header, then one still sending
  its body, then one idle after an answer. Only when every open connection has a whole
  request being answered is the newcomer closed (which the in-flight cap, kept below this
  one, makes rare).

No HTTP work happens for a connection until its header is complete, so none of this costs
more than a timer per socket. uvicorn's ``limit_concurrency`` must stay ``None`` beside it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import resource
from dataclasses import dataclass
from typing import Any, ClassVar

from uvicorn.protocols.http.h11_impl import H11Protocol

from logicnet.flags import MINER

__all__ = ["FD_RESERVE", "ConnectionLimits", "fit_to_fd_limit", "guarded_protocol"]

log = logging.getLogger(__name__)

# Descriptors the miner needs beside its connections: LLM and chain sockets, the sandbox's
# pipes, logs, wallets, imports.
FD_RESERVE = 256


@dataclass(frozen=True)
class ConnectionLimits:
    """Per-server connection limits (flags: ``--miner.max_connections`` and friends)."""

    max_connections: int = MINER.default("max_connections")
    header_timeout_s: float = MINER.default("header_timeout")
    keep_alive_s: float = MINER.default("keep_alive")
    max_header_bytes: int = 32 * 1024

    def __post_init__(self) -> None:
        if self.max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        if not self.header_timeout_s > 0 or not self.keep_alive_s > 0:
            raise ValueError("header_timeout_s and keep_alive_s must be positive")
        if self.max_header_bytes < 1024:
            raise ValueError("max_header_bytes must be at least 1024")

    def apply(self, config: Any) -> None:
        """Set these limits on a not-yet-started ``uvicorn.Config``."""
        config.http = guarded_protocol(self)
        config.ws = "none"  # no websocket upgrades: an upgraded socket would escape the limits
        config.limit_concurrency = None  # counts connections, not requests: never use it
        config.timeout_keep_alive = self.keep_alive_s
        config.h11_max_incomplete_event_size = self.max_header_bytes


def fit_to_fd_limit(limits: ConnectionLimits) -> ConnectionLimits:
    """Raise the open-file limit as far as allowed for ``max_connections``, or lower the cap.

    With the descriptors used up, accept() fails and asyncio stops accepting for a second
    at a time: everybody, validators included, is refused. A common default soft limit is
    1024, which the default cap alone would fill.
    """
    need = limits.max_connections + FD_RESERVE
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = need if hard == resource.RLIM_INFINITY else min(need, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as exc:
            log.warning("cannot raise the open-file limit to %d: %s", target, exc)
    if soft != resource.RLIM_INFINITY and soft < need:
        fitted = max(soft - FD_RESERVE, 1)
        log.warning(
            "open-file limit %d: --miner.max_connections lowered from %d to %d "
            "(raise it with ulimit -n)",
            soft,
            limits.max_connections,
            fitted,
        )
        return dataclasses.replace(limits, max_connections=fitted)
    return limits


class _GuardedH11Protocol(H11Protocol):
    limits: ClassVar[ConnectionLimits] = ConnectionLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opened_at = 0.0
        self._requests_seen = 0
        self._last_cycle: object = None
        self._header_timer: asyncio.TimerHandle | None = None

    # -------------------------------------------------------------- asyncio protocol

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._opened_at = self.loop.time()
        self._arm_header_deadline()
        self._enforce_connection_cap()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and not self._busy():
            self._arm_header_deadline()  # first byte of the next request on a kept-alive link
        super().data_received(data)
        self._note_new_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._note_new_request()  # a pipelined request may have started inside

    # -------------------------------------------------------------- bookkeeping

    def _busy(self) -> bool:
        """A request of this connection is being answered."""
        cycle = self.cycle
        return cycle is not None and not cycle.response_complete

    def _answering(self) -> bool:
        """A whole request is in and being answered: the one state never evicted."""
        cycle = self.cycle
        return self._busy() and not cycle.more_body

    def _eviction_rank(self) -> int:
        """Who goes first when the cap is reached: a socket that never sent a whole header
        (slowloris), then one still sending a body, then one idle after an answer."""
        if self._requests_seen == 0:
            return 0
        return 1 if self._busy() else 2

    def _note_new_request(self) -> None:
        if self.cycle is not None and self.cycle is not self._last_cycle:
            self._last_cycle = self.cycle
            self._requests_seen += 1
            self._cancel_header_deadline()

    def _arm_header_deadline(self) -> None:
        self._cancel_header_deadline()
        self._header_timer = self.loop.call_later(
            self.limits.header_timeout_s, self._header_deadline_passed
        )

    def _cancel_header_deadline(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_deadline_passed(self) -> None:
        self._header_timer = None
        if self._busy() or self.transport.is_closing():
            return
        log.debug(
            "closing %s: no complete request header within %.1f s",
            _peer(self),
            self.limits.header_timeout_s,
        )
        self.transport.close()

    def _enforce_connection_cap(self) -> None:
        if len(self.connections) <= self.limits.max_connections:
            return  # the common case costs one len()
        open_now = [
            c
            for c in self.connections
            if isinstance(c, _GuardedH11Protocol) and not c.transport.is_closing()
        ]
        if len(open_now) <= self.limits.max_connections:
            return
        evictable = [c for c in open_now if c is not self and not c._answering()]
        if not evictable:
            log.warning(
                "refusing a connection from %s: all %d open connections are running requests",
                _peer(self),
                len(open_now) - 1,
            )
            self.transport.close()
            return
        victim = min(evictable, key=lambda c: (c._eviction_rank(), c._opened_at))
        log.debug(
            "connection cap %d reached: closing idle %s", self.limits.max_connections, _peer(victim)
        )
        victim.transport.close()


def _peer(protocol: H11Protocol) -> str:
    client = protocol.client
    return f"{client[0]}:{client[1]}" if client else "a client"


def guarded_protocol(limits: ConnectionLimits) -> type[H11Protocol]:
    """An h11 protocol class for ``uvicorn.Config(http=...)`` enforcing ``limits``."""
    return type("GuardedH11Protocol", (_GuardedH11Protocol,), {"limits": limits})
