"""The validator's dendrite: bittensor's, with every reply read under a size cap.

bittensor's ``Dendrite.call`` reads a whole reply body into memory and parses it
(a 300 MB reply took the validator from 107 MB to 987 MB of RSS) and keeps every
synapse it ever sent in ``synapse_history``, a list that grows without end.
``BoundedDendrite.call`` does the same request with the same signature, but:

- the body is read in chunks and dropped as soon as it passes ``max_response_bytes``
  (status 413, "oversized"), and a declared ``Content-Length`` over the cap is refused
  before any byte is read;
- the whole exchange, not only aiohttp's socket reads, is bounded by the timeout, and the
  timeout counts from when the request is sent: at most ``max_connections`` calls are in
  flight (the connection pool's size, 1,024 by default, room for a whole subnet's census),
  and a call waiting for a free one has not started its clock (bittensor's default pool
  holds 100 connections and counts the wait for one in the timeout, so a census with many
  silent miners marked responsive ones unreachable without asking them);
- the status it sets is the HTTP status or one of ``Status`` (an int, one meaning each),
  never a value from the reply's body;
- nothing is kept after the call.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import aiohttp
import bittensor as bt

from logicnet.errors import ReplyTooLarge

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "BoundedDendrite", "ReplyTooLarge", "Status"]

log = logging.getLogger(__name__)

# A real reply is the synapse echoed back with an answer (<= 2,000 characters kept) and
# reasoning (<= 20,000 kept): well under 1 MiB even with a long question in it.
DEFAULT_MAX_RESPONSE_BYTES = 1 << 20
CHUNK_BYTES = 64 * 1024
DEFAULT_MAX_CONNECTIONS = 1024


class Status:
    """What ``synapse.dendrite.status_code`` means after ``BoundedDendrite.call``."""

    OK = 200
    BAD_REPLY = 422  # not JSON, or not this synapse's shape
    TOO_LARGE = 413
    TIMEOUT = 408
    UNREACHABLE = 503  # connection refused, reset, or closed mid-reply


async def read_capped(response: aiohttp.ClientResponse, cap: int) -> bytes:
    declared = response.content_length
    if declared is not None and declared > cap:
        raise ReplyTooLarge(cap)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(CHUNK_BYTES):
        size += len(chunk)
        if size > cap:
            raise ReplyTooLarge(cap)
        chunks.append(chunk)
    return b"".join(chunks)


def _as_int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class BoundedDendrite(bt.Dendrite):  # type: ignore[misc]
    def __init__(
        self,
        wallet: Any,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> None:
        super().__init__(wallet=wallet)
        self.max_response_bytes = max_response_bytes
        self.max_connections = max_connections
        self._slots: asyncio.Semaphore | None = None
        self._slots_loop: asyncio.AbstractEventLoop | None = None

    @property
    async def session(self) -> aiohttp.ClientSession:
        """One session with a pool as large as the calls allowed in flight."""
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self.max_connections, limit_per_host=0)
            self._session = aiohttp.ClientSession(connector=connector)
        return self._session

    def _slot(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots_loop is not loop:
            self._slots, self._slots_loop = asyncio.Semaphore(self.max_connections), loop
        return self._slots

    async def call(  # type: ignore[override]
        self,
        target_axon: Any,
        synapse: Any = None,
        timeout: float = 12.0,
        deserialize: bool = False,
    ) -> Any:
        async with self._slot():  # a free connection first; then the clock starts
            return await self._call(target_axon, synapse, timeout, deserialize)

    async def _call(self, target_axon: Any, synapse: Any, timeout: float, deserialize: bool) -> Any:
        started = time.time()
        synapse = synapse if synapse is not None else bt.Synapse()
        if isinstance(target_axon, bt.Axon):
            target_axon = target_axon.info()
        request_name = synapse.__class__.__name__
        url = self._get_endpoint_url(target_axon, request_name=request_name)
        # LogicSynapse's timeout is a whole number on the wire (the network's field): a
        # fractional --validator.timeout tells the miner the whole seconds below it (never
        # more time than we wait) and the exchange below still waits the exact timeout.
        told = (
            max(1, int(timeout)) if isinstance(getattr(synapse, "timeout", None), int) else timeout
        )
        synapse = self.preprocess_synapse_for_request(target_axon, synapse, told)
        session = await self.session

        async def exchange() -> int:
            async with session.post(
                url=url,
                headers=synapse.to_headers(),
                json=synapse.model_dump(),
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                try:
                    raw = await read_capped(response, self.max_response_bytes)
                except ReplyTooLarge:
                    response.close()  # drop the connection: the rest is never read
                    raise
                try:
                    data = json.loads(raw)
                except (UnicodeDecodeError, json.JSONDecodeError):
                    data = None
                if not isinstance(data, dict):
                    if response.status == 200:
                        raise ValueError("the reply is not a JSON object")
                    data = {}
                self.process_server_response(response, data, synapse)
                return response.status

        status, message = Status.OK, "Success"
        try:
            # The HTTP status, not the synapse's status fields: those came in the miner's body
            status = await asyncio.wait_for(exchange(), timeout)
            message = str(synapse.dendrite.status_message or "")[:200]
        except ReplyTooLarge as exc:
            status, message = Status.TOO_LARGE, str(exc)
        except asyncio.TimeoutError:
            status, message = Status.TIMEOUT, f"no reply within {timeout:g} s"
        except aiohttp.ClientResponseError as exc:
            status, message = _as_int(exc.status, Status.BAD_REPLY), type(exc).__name__
        except (aiohttp.ClientError, OSError) as exc:
            status, message = Status.UNREACHABLE, f"{type(exc).__name__}: {str(exc)[:120]}"
        except (ValueError, TypeError, RecursionError) as exc:
            # pydantic's ValidationError is a ValueError; deep nesting raises RecursionError
            status, message = Status.BAD_REPLY, f"unusable reply: {type(exc).__name__}"
        synapse.dendrite.status_code = status
        synapse.dendrite.status_message = message
        synapse.dendrite.process_time = str(time.time() - started)
        return synapse.deserialize() if deserialize else synapse
