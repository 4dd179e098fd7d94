"""The one seam to the chain.

A miner or validator needs a small view of the metagraph (who is registered,
with what stake, where their axon is) and, in chain mode, to publish its own
axon. ``SubtensorChain`` reads the real chain; ``LocalRegistry`` reads a JSON
file and never opens a connection, so a whole subnet can run on one laptop.

Registry file format (``--localnet.registry``; read only when it is a regular file of at
most ``MAX_REGISTRY_BYTES``, 8 MiB, as is the weights file beside it)::

    {"netuid": 35, "neurons": [
        {"uid": 0, "hotkey": "<ss58>", "coldkey": "<ss58>", "stake": 20000.0,
         "validator_permit": true, "ip": "127.0.0.1", "port": 8091}, ...]}
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import math
import threading
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from logicnet.errors import ChainError
from logicnet.fileio import FileRefused, read_bytes_capped, write_json_atomic
from logicnet.netutil import call_with_deadline

__all__ = [
    "ChainSource",
    "LocalRegistry",
    "MetagraphSnapshot",
    "Neuron",
    "SubtensorChain",
    "parse_registry",
    "read_registry",
    "write_registry",
]

log = logging.getLogger(__name__)

# A chain call that has not answered by then is treated as failed.
CHAIN_CALL_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Neuron:
    uid: int
    hotkey: str
    coldkey: str = ""
    stake: float = 0.0
    validator_permit: bool = False
    ip: str = "0.0.0.0"
    port: int = 0


@dataclass(frozen=True)
class MetagraphSnapshot:
    """An immutable picture of the subnet at one moment."""

    netuid: int
    neurons: tuple[Neuron, ...]
    block: int | None = None
    _by_hotkey: dict[str, Neuron] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_hotkey.update({n.hotkey: n for n in self.neurons})

    def by_hotkey(self, hotkey: str | None) -> Neuron | None:
        if not hotkey:
            return None
        return self._by_hotkey.get(hotkey)

    @property
    def stakes(self) -> dict[int, float]:
        return {n.uid: n.stake for n in self.neurons}


class ChainSource(Protocol):
    """What the services need from a chain."""

    description: str

    def snapshot(self) -> MetagraphSnapshot:
        """Read the current metagraph (raise ChainError when it cannot be read)."""
        ...

    def serve_axon(self, axon: Any) -> None:
        """Publish the axon's address for this hotkey (a no-op without a chain)."""
        ...

    def set_weights(self, wallet: Any, weights: dict[int, float]) -> None:
        """Publish a validator's weights (raise ChainError when refused)."""
        ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- local registry


# A subnet holds at most a few thousand uids; anything near these bounds is not a registry.
MAX_REGISTRY_BYTES = 8 * 1024 * 1024
MAX_NEURONS = 65536
_MAX_ID = 65535
_MAX_TEXT = 256


def _neuron_from_json(raw: Any, index: int, source: str) -> Neuron:
    where = f"{source}: neurons[{index}]"
    if not isinstance(raw, Mapping):
        raise ChainError(f"{where} must be an object")

    def get(name: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if name not in raw:
            if default is ...:
                raise ChainError(f"{where} lacks '{name}'")
            return default
        value = raw[name]
        if isinstance(value, bool) and kind is not bool:
            raise ChainError(f"{where}.{name} has the wrong type")
        if not isinstance(value, kind):
            raise ChainError(f"{where}.{name} has the wrong type ({type(value).__name__})")
        if isinstance(value, str) and len(value) > _MAX_TEXT:
            raise ChainError(f"{where}.{name} is longer than {_MAX_TEXT} characters")
        return value

    try:
        stake = float(get("stake", (int, float), 0.0))
    except OverflowError:  # an integer beyond float's range
        stake = math.inf
    if not math.isfinite(stake) or stake < 0:
        raise ChainError(f"{where}.stake must be a finite number >= 0")
    port = get("port", int, 0)
    if not 0 <= port < 65536:
        raise ChainError(f"{where}.port must be 0..65535")
    uid = get("uid", int)
    if not 0 <= uid <= _MAX_ID:
        raise ChainError(f"{where}.uid must be 0..{_MAX_ID}")
    return Neuron(
        uid=uid,
        hotkey=str(get("hotkey", str)),
        coldkey=str(get("coldkey", str, "")),
        stake=stake,
        validator_permit=bool(get("validator_permit", bool, False)),
        ip=str(get("ip", str, "127.0.0.1")),
        port=port,
    )


def parse_registry(data: Any, source: str = "registry") -> MetagraphSnapshot:
    """A snapshot from parsed registry JSON; raise ChainError (only) for any bad content."""
    if not isinstance(data, Mapping):
        raise ChainError(f"{source}: the top level must be an object")
    netuid = data.get("netuid", 35)
    if not isinstance(netuid, int) or isinstance(netuid, bool) or not 0 <= netuid <= _MAX_ID:
        raise ChainError(f"{source}: netuid must be an integer 0..{_MAX_ID}")
    raw_neurons = data.get("neurons")
    if not isinstance(raw_neurons, list):
        raise ChainError(f"{source}: 'neurons' must be a list")
    if len(raw_neurons) > MAX_NEURONS:
        raise ChainError(f"{source}: more than {MAX_NEURONS} neurons")
    neurons = tuple(_neuron_from_json(n, i, source) for i, n in enumerate(raw_neurons))
    seen: set[int] = set()
    hotkeys: set[str] = set()
    for n in neurons:
        if n.uid in seen:
            raise ChainError(f"{source}: uid {n.uid} appears twice")
        if n.hotkey in hotkeys:
            raise ChainError(f"{source}: hotkey {n.hotkey} appears twice")
        seen.add(n.uid)
        hotkeys.add(n.hotkey)
    return MetagraphSnapshot(netuid=netuid, neurons=neurons)


def read_registry(path: Path, netuid: int | None = None) -> MetagraphSnapshot:
    """Read and check a registry file; raise ChainError (only) whatever the file holds."""
    try:  # never blocks: a FIFO or a device is refused at once
        raw = read_bytes_capped(path, MAX_REGISTRY_BYTES, "registry")
    except FileRefused as exc:
        if exc.too_large:
            raise ChainError(f"registry {path} is larger than {MAX_REGISTRY_BYTES} bytes") from None
        raise ChainError(f"cannot read registry {path}: {exc.reason}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ChainError(f"registry {path} is not UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise ChainError(f"registry {path} is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, or an integer past Python's digit limit
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)[:120]
        raise ChainError(f"registry {path} is not valid JSON: {reason}") from None
    snap = parse_registry(data, str(path))
    if netuid is not None and snap.netuid != netuid:
        raise ChainError(f"registry {path} is for netuid {snap.netuid}, not {netuid}")
    return snap


def write_registry(path: Path | str, netuid: int, neurons: Iterable[Neuron]) -> None:
    """Write a registry file atomically (readers never see half a file)."""
    write_json_atomic(Path(path), {"netuid": netuid, "neurons": [asdict(n) for n in neurons]})


class LocalRegistry:
    """A metagraph read from a JSON file, re-read whenever the file changes.

    A file that cannot be used (missing, half-written by hand, hostile) never replaces a
    good metagraph: the last good one stays in force and the reason is logged once per
    change of the file. Only with no good metagraph yet does ``snapshot`` raise.
    """

    def __init__(self, path: Path | str, netuid: int | None = None) -> None:
        self.path = Path(path)
        self.description = f"local registry {self.path}"
        self._netuid = netuid
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._cached: MetagraphSnapshot | None = None
        self._failed: tuple[tuple[int, int, int] | None, ChainError] | None = None

    def snapshot(self) -> MetagraphSnapshot:
        with self._lock:
            try:
                st = self.path.stat()
                stamp: tuple[int, int, int] | None = (st.st_ino, st.st_mtime_ns, st.st_size)
            except OSError:
                stamp = None  # read_registry says why
            if self._cached is not None and stamp == self._stamp:
                return self._cached
            if self._failed is not None and self._failed[0] == stamp and stamp is not None:
                return self._keep_or_raise(self._failed[1], first=False)
            try:
                snap = read_registry(self.path, self._netuid)
            except ChainError as exc:
                first = self._failed is None or self._failed[0] != stamp
                self._failed = (stamp, exc)
                return self._keep_or_raise(exc, first)
            self._cached, self._stamp, self._failed = snap, stamp, None
            return snap

    def _keep_or_raise(self, problem: ChainError, first: bool) -> MetagraphSnapshot:
        if self._cached is None:
            raise problem
        if first:
            log.warning(
                "%s; keeping the last good metagraph (%d neurons)",
                problem,
                len(self._cached.neurons),
            )
        return self._cached

    def serve_axon(self, axon: Any) -> None:
        log.info("local mode: the axon is not published; the registry file names it")

    @property
    def weights_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".weights.json")

    def set_weights(self, wallet: Any, weights: dict[int, float]) -> None:
        """Local mode: weights go beside the registry (``registry.json`` ->
        ``registry.weights.json``), keyed by validator hotkey."""
        path = self.weights_path
        current: Any = {}
        if path.exists():
            try:
                current = json.loads(read_bytes_capped(path, MAX_REGISTRY_BYTES, "weights file"))
            except (FileRefused, ValueError, RecursionError) as exc:  # incl. JSONDecodeError
                reason = exc.reason if isinstance(exc, FileRefused) else "not JSON"
                log.warning("weights file %s %s: written afresh", path, reason)
                current = {}
        if not isinstance(current, dict):
            current = {}
        current[wallet.hotkey.ss58_address] = {str(uid): w for uid, w in sorted(weights.items())}
        write_json_atomic(path, current)

    def close(self) -> None:
        return None


# --------------------------------------------------------------------------- real chain


def _with_deadline(
    what: str, fn: Any, *args: Any, timeout: float = CHAIN_CALL_TIMEOUT_S, **kwargs: Any
) -> Any:
    """Run a blocking chain call with a deadline; bittensor sets none of its own."""
    try:
        return call_with_deadline(fn, timeout, *args, thread_name="chain", **kwargs)
    except concurrent.futures.TimeoutError as exc:
        raise ChainError(f"{what}: no answer from the chain within {timeout:.0f} s") from exc
    except Exception as exc:  # the SDK raises many unrelated types; translate them all here
        raise ChainError(f"{what}: {type(exc).__name__}: {exc}") from exc


class SubtensorChain:
    """The real chain through bittensor's Subtensor (opens a websocket)."""

    def __init__(self, network: str, netuid: int, wallet: Any | None = None) -> None:
        self.network = network
        self.netuid = netuid
        self.wallet = wallet
        self.description = f"subtensor {network} (netuid {netuid})"
        self._subtensor: Any | None = None

    def _connect(self) -> Any:
        if self._subtensor is None:
            import bittensor as bt

            self._subtensor = _with_deadline(
                f"connect to {self.network}", bt.Subtensor, network=self.network
            )
        return self._subtensor

    def snapshot(self) -> MetagraphSnapshot:
        sub = self._connect()
        mg = _with_deadline("read the metagraph", sub.metagraph, self.netuid)
        stakes = [float(s) for s in mg.S]
        permits = [bool(p) for p in mg.validator_permit]
        neurons = tuple(
            Neuron(
                uid=int(uid),
                hotkey=str(mg.hotkeys[i]),
                coldkey=str(mg.coldkeys[i]),
                stake=stakes[i],
                validator_permit=permits[i],
                ip=str(mg.axons[i].ip),
                port=int(mg.axons[i].port),
            )
            for i, uid in enumerate(mg.uids)
        )
        return MetagraphSnapshot(netuid=self.netuid, neurons=neurons, block=int(mg.block))

    def serve_axon(self, axon: Any) -> None:
        sub = self._connect()
        result = _with_deadline(
            "serve the axon on chain",
            sub.serve_axon,
            netuid=self.netuid,
            axon=axon,
            timeout=120.0,
        )
        if getattr(result, "success", True) is False:
            raise ChainError(f"serve_axon was refused: {getattr(result, 'message', result)}")

    def set_weights(self, wallet: Any, weights: dict[int, float]) -> None:
        sub = self._connect()
        uids = sorted(weights)
        result = _with_deadline(
            "set weights",
            sub.set_weights,
            wallet=wallet,
            netuid=self.netuid,
            uids=uids,
            weights=[weights[u] for u in uids],
            wait_for_inclusion=True,
            wait_for_finalization=False,
            timeout=180.0,
        )
        if getattr(result, "success", True) is False:
            raise ChainError(f"set_weights was refused: {getattr(result, 'message', result)}")

    def close(self) -> None:
        if self._subtensor is not None:
            try:
                self._subtensor.close()
            except Exception as exc:  # closing a dead websocket must not stop a shutdown
                log.debug("closing subtensor: %s", exc)
            self._subtensor = None
