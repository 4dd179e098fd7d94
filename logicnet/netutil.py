"""Public-IP lookups, with a deadline, and a switch to keep bittensor offline; the one
thread-with-deadline wrapper (``call_with_deadline``) for blocking calls.

``bt.Dendrite()`` always, and ``bt.Axon()`` without an external IP, ask public
web services for this machine's address, with no timeout. Offline (tests,
local mode) that raises or hangs, so ``pin_external_ip`` answers for them.
"""

from __future__ import annotations

import concurrent.futures
import random
import socket
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from logicnet.errors import ConfigError

__all__ = ["call_with_deadline", "free_port", "lookup_external_ip", "pin_external_ip"]

T = TypeVar("T")


def pin_external_ip(ip: str = "127.0.0.1") -> None:
    """Make bittensor's public-IP lookup return ``ip`` without any network call."""
    import bittensor.utils.networking as networking

    networking.get_external_ip = lambda: ip


def call_with_deadline(
    fn: Callable[..., T], timeout: float, *args: Any, thread_name: str = "", **kwargs: Any
) -> T:
    """``fn(*args, **kwargs)`` in a thread of its own, waited for at most ``timeout`` s: its
    result, its exception, or ``concurrent.futures.TimeoutError`` (the thread is left to end
    on its own, for calls that set no deadline of their own)."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix=thread_name)
    try:
        return pool.submit(fn, *args, **kwargs).result(timeout=timeout)
    finally:
        pool.shutdown(wait=False)


def lookup_external_ip(timeout_s: float = 15.0) -> str:
    """bittensor's public-IP lookup, bounded in time."""
    import bittensor.utils.networking as networking

    try:
        return str(call_with_deadline(networking.get_external_ip, timeout_s))
    except concurrent.futures.TimeoutError:
        raise ConfigError(
            f"could not learn this machine's public IP within {timeout_s:.0f} s; "
            "pass --axon.external_ip"
        ) from None
    except Exception as exc:  # bittensor raises its own and requests' errors here
        raise ConfigError(
            f"could not learn this machine's public IP ({exc}); pass --axon.external_ip"
        ) from exc


# Ports handed out below the kernel's ephemeral range (32768-60999 on Linux, 49152 up
# elsewhere): a port the kernel picked could be taken by any outgoing connection before the
# server binds it ("address already in use" in a loaded test run).
_QUIET_PORTS = range(20000, 32768)
_handed_out: set[int] = set()
_handed_lock = threading.Lock()


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` just now, not handed out before by this process and
    outside the ephemeral range that outgoing connections draw from (another process may
    still take it before it is bound, so bind it soon)."""
    with _handed_lock:
        for _ in range(200):
            port = random.choice(_QUIET_PORTS)
            if port in _handed_out:
                continue
            with socket.socket() as s:
                try:
                    s.bind((host, port))
                except OSError:
                    continue
            _handed_out.add(port)
            return port
    with socket.socket() as s:  # a crowded range: the kernel's pick
        s.bind((host, 0))
        return int(s.getsockname()[1])
