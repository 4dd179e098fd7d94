"""Public-IP lookups, with a deadline, and a switch to keep bittensor offline.

``bt.Dendrite()`` always, and ``bt.Axon()`` without an external IP, ask public
web services for this machine's address, with no timeout. Offline (tests,
local mode) that raises or hangs, so ``pin_external_ip`` answers for them.
"""

from __future__ import annotations

import concurrent.futures
import socket

from logicnet.errors import ConfigError

__all__ = ["free_port", "lookup_external_ip", "pin_external_ip"]


def pin_external_ip(ip: str = "127.0.0.1") -> None:
    """Make bittensor's public-IP lookup return ``ip`` without any network call."""
    import bittensor.utils.networking as networking

    networking.get_external_ip = lambda: ip


def lookup_external_ip(timeout_s: float = 15.0) -> str:
    """bittensor's public-IP lookup, bounded in time."""
    import bittensor.utils.networking as networking

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        return str(pool.submit(networking.get_external_ip).result(timeout=timeout_s))
    except concurrent.futures.TimeoutError:
        raise ConfigError(
            f"could not learn this machine's public IP within {timeout_s:.0f} s; "
            "pass --axon.external_ip"
        ) from None
    except Exception as exc:  # bittensor raises its own and requests' errors here
        raise ConfigError(
            f"could not learn this machine's public IP ({exc}); pass --axon.external_ip"
        ) from exc
    finally:
        pool.shutdown(wait=False)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` just now (the kernel's pick; another process may take it
    before it is bound, so bind it soon)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])
