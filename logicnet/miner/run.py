"""Start-up and shutdown of the miner: settings in, serving axons out (one per hotkey)."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from logicnet.chain import ChainSource
from logicnet.errors import ChainError, ConfigError, LogicNetError
from logicnet.metrics.miner import MinerMetrics
from logicnet.metrics.server import serve_metrics
from logicnet.miner.admission import Admission
from logicnet.miner.axons import AxonServer, open_listener
from logicnet.miner.connections import ConnectionLimits, fit_to_fd_limit
from logicnet.miner.guard import InFlightShares
from logicnet.miner.hotkeys import HotkeySlot, short_hotkey
from logicnet.miner.service import MinerService
from logicnet.miner.solvers.factory import build_solver, choose_strategy
from logicnet.netutil import lookup_external_ip, pin_external_ip
from logicnet.settings import MinerSettings
from logicnet.wallets import load_wallet

__all__ = ["RefusalLogLimit", "run_miner", "start_axon"]

log = logging.getLogger(__name__)

STATUS_INTERVAL_S = 300.0


@dataclass
class _Hotkey:
    """One hotkey of the process on its way to being served (or the reason it is not)."""

    slot: HotkeySlot
    wallet: Any = None
    uid: int | None = None
    problem: LogicNetError | None = None
    listener: socket.socket | None = None
    service: MinerService | None = None

    @property
    def label(self) -> str:
        if self.wallet is None:
            return self.slot.name
        return f"{self.slot.name} ({short_hotkey(self.wallet.hotkey.ss58_address)})"


def run_miner(settings: MinerSettings, stop: threading.Event | None = None) -> int:
    """Serve every hotkey of ``settings`` until SIGINT/SIGTERM (or ``stop``); return the
    process exit code.

    Each hotkey is checked on its own (wallet, registration, port, serve_axon): one that
    fails is logged and left out, and the others are served; only when none is left does
    the miner stop with the reason (with one hotkey: that hotkey's error, as ever).
    """
    stop = stop or threading.Event()
    local = settings.chain.local
    if local:
        pin_external_ip(settings.external_ip or "127.0.0.1")

    hotkeys = [_Hotkey(slot) for slot in settings.slots]
    for h in hotkeys:
        try:
            h.wallet = load_wallet(
                settings.chain.wallet_name, h.slot.name, settings.chain.wallet_path
            )
        except LogicNetError as exc:
            h.problem = exc
    _raise_if_none_left(hotkeys)
    chain = settings.chain.open(next((h.wallet for h in hotkeys if h.wallet), None))
    try:
        snapshot = chain.snapshot()  # ChainError here is fatal: nothing to serve without it
    except ChainError:
        chain.close()
        raise
    for h in _usable(hotkeys):
        me = snapshot.by_hotkey(h.wallet.hotkey.ss58_address)
        if me is None:
            h.problem = ChainError(
                f"hotkey {h.wallet.hotkey.ss58_address} is not registered on netuid "
                f"{settings.chain.netuid} ({chain.description}); register it first"
            )
        else:
            h.uid = me.uid

    bind_host = (settings.axon_ip or "127.0.0.1") if local else settings.axon_ip
    for h in _usable(hotkeys):
        try:
            h.listener = open_listener(
                bind_host, h.slot.port, "--axon.ports" if settings.hotkeys else "--axon.port"
            )
        except ConfigError as exc:
            h.problem = exc
    _report_left_out(hotkeys, chain)
    served = _usable(hotkeys)

    try:  # until the server owns them, the sockets and the chain are ours to close
        strategy, notes = asyncio.run(choose_strategy(settings.llm))
        if notes:
            log.warning("%s", notes)
        bundle = build_solver(settings.llm, strategy, notes)
        metrics = MinerMetrics()
        # One in-flight cap for the process, each hotkey sure of its share of it.
        shares = InFlightShares(
            settings.max_concurrency,
            tuple(h.wallet.hotkey.ss58_address for h in served),
        )
        limits = fit_to_fd_limit(
            ConnectionLimits(
                max_connections=settings.max_connections,
                header_timeout_s=settings.header_timeout,
                keep_alive_s=settings.keep_alive,
            )
        )
        if local:
            external_ip = settings.external_ip or "127.0.0.1"
        else:
            external_ip = settings.external_ip or lookup_external_ip()
        listeners: dict[int, tuple[socket.socket, Any]] = {}
        for h in served:
            assert h.listener is not None
            h.service = MinerService(
                wallet=h.wallet,
                chain=chain,
                solver=bundle.solver,
                admission=Admission(
                    h.slot.epoch_volume, settings.min_stake, settings.limit_interval
                ),
                epoch_volume=h.slot.epoch_volume,
                max_timeout=settings.max_timeout,
                max_body_bytes=settings.max_body_bytes,
                max_concurrency=settings.max_concurrency,
                connection_limits=limits,
                body_timeout_s=settings.body_timeout,
                metrics=metrics,
                shares=shares,
            )
            h.service.resync(snapshot)
            axon = h.service.build_axon(
                port=h.slot.port,
                external_ip=external_ip,
                external_port=settings.external_port if len(hotkeys) == 1 else None,
                bind_host=bind_host,
                max_workers=settings.max_workers,
            )
            listeners[h.slot.port] = (h.listener, axon)
            metrics.serving(h.service.label, h.uid, h.slot.port)
        server = AxonServer(listeners, limits)
    except BaseException:
        for h in served:
            if h.listener is not None:
                h.listener.close()
        chain.close()
        raise

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info("received %s, shutting down", signal.Signals(signum).name)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)

    for h in served:
        log.info(
            "miner uid %s hotkey %s: port %d, epoch_volume %d",
            h.uid,
            h.wallet.hotkey.ss58_address,
            h.slot.port,
            h.slot.epoch_volume,
        )
    log.info(
        "%s; solver %s; %d of %d hotkeys served by this process",
        chain.description,
        bundle.describe(),
        len(served),
        len(hotkeys),
    )
    bundle.warm_up()  # the engine's first worker, now rather than inside the first answer
    metrics_server = serve_metrics(metrics, settings.metrics)  # off: a no-op
    log_limit = RefusalLogLimit().install()
    try:
        server.start()
        # Everything built so far lives as long as the process: keep the collector off it,
        # so a full collection never stalls an answer (measured: 80-100 ms pauses without).
        gc.collect()
        gc.freeze()
        if not local:
            _serve_on_chain(served, chain, external_ip, settings)
        for h in served:
            log.info("serving on %s:%d (hotkey %s)", bind_host or "0.0.0.0", h.slot.port, h.label)
        _serve_until(stop, hotkeys, chain, settings.sync_interval_s)
    finally:
        server.stop()
        log_limit.remove()
        metrics_server.stop()
        chain.close()
        if bundle.engine is not None:
            bundle.engine.close()
        if bundle.sandbox is not None:
            bundle.sandbox.close()
    return 0


def _usable(hotkeys: list[_Hotkey]) -> list[_Hotkey]:
    return [h for h in hotkeys if h.problem is None]


def _raise_if_none_left(hotkeys: list[_Hotkey], chain: ChainSource | None = None) -> None:
    """Stop the start-up when no hotkey can be served: with one hotkey, with its error."""
    if any(h.problem is None for h in hotkeys):
        return
    for h in hotkeys:
        if h.listener is not None:
            h.listener.close()
    if chain is not None:
        chain.close()
    if len(hotkeys) == 1:
        raise hotkeys[0].problem  # type: ignore[misc]
    reasons = "; ".join(f"{h.label}: {h.problem}" for h in hotkeys)
    raise ConfigError(f"none of the {len(hotkeys)} hotkeys can be served: {reasons}")


def _report_left_out(hotkeys: list[_Hotkey], chain: ChainSource) -> None:
    """Log each hotkey left out and why; raise when none is left (one hotkey: its error)."""
    _raise_if_none_left(hotkeys, chain)
    for h in hotkeys:
        if h.problem is None:
            continue
        log.error(
            "hotkey %s is left out, the other hotkeys are served: %s "
            "(`logicnet doctor miner` with the same flags checks each hotkey)",
            h.label,
            h.problem,
        )


def _serve_on_chain(
    served: list[_Hotkey], chain: ChainSource, external_ip: str, settings: MinerSettings
) -> None:
    """Publish each hotkey's axon; a refusal is logged for that hotkey alone, unless every
    hotkey was refused (then the miner stops: no validator could find it)."""
    failed: list[tuple[_Hotkey, ChainError]] = []
    for h in served:
        assert h.service is not None
        try:
            chain.serve_axon(h.service.axon)
        except ChainError as exc:
            failed.append((h, exc))
            log.error("hotkey %s: serve_axon failed, validators may not find it: %s", h.label, exc)
            continue
        port = (settings.external_port if len(served) == 1 else None) or h.slot.port
        log.info("hotkey %s: axon served on chain at %s:%s", h.label, external_ip, port)
    if failed and len(failed) == len(served):
        raise failed[0][1]


def _serve_until(
    stop: threading.Event, hotkeys: list[_Hotkey], chain: ChainSource, sync_interval_s: float
) -> None:
    """Re-sync the metagraph (read once, for every hotkey) and log a status line per hotkey
    until ``stop`` is set; say when a hotkey left out gets registered."""
    served = [h for h in hotkeys if h.service is not None]
    waiting = [h for h in hotkeys if h.service is None and h.wallet is not None]
    last_status = time.monotonic()
    while not stop.wait(sync_interval_s):
        try:
            snapshot = chain.snapshot()
        except ChainError as exc:
            log.warning("metagraph sync failed, keeping the previous one: %s", exc)
            continue
        for h in served:
            assert h.service is not None
            h.service.resync(snapshot)
        for h in list(waiting):
            me = snapshot.by_hotkey(h.wallet.hotkey.ss58_address)
            if me is not None:
                waiting.remove(h)
                log.warning(
                    "hotkey %s is now registered as uid %d: restart the miner to serve it",
                    h.label,
                    me.uid,
                )
        if time.monotonic() - last_status >= STATUS_INTERVAL_S:
            last_status = time.monotonic()
            for h in served:
                assert h.service is not None
                log.info("status %s: %s", h.service.label, h.service.stats.summary())
    for h in served:
        assert h.service is not None
        log.info("stopping %s: %s", h.service.label, h.service.stats.summary())


class RefusalLogLimit(logging.Filter):
    """bittensor logs one ERROR line per refused request (``NotVerifiedException#<uuid>:
    ...``), and anyone can send refused requests: a disk-filling log for free. This filter,
    on the ``bittensor`` logger, lets ``burst`` such lines through per ``window_s`` and then
    one line saying how many it held back."""

    _REFUSAL = re.compile(r"\w+#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}: ")

    def __init__(
        self, burst: int = 20, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.burst, self.window_s, self._clock = burst, window_s, clock
        self._lock = threading.Lock()
        self._window_start = clock()
        self._passed = 0
        self.held_back = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR or not self._REFUSAL.search(str(record.msg)):
            return True
        with self._lock:
            now = self._clock()
            if now - self._window_start >= self.window_s:
                if self.held_back:
                    log.warning(
                        "%d more refused requests in the last %.0f s (bittensor's "
                        "error lines held back)",
                        self.held_back,
                        now - self._window_start,
                    )
                self._window_start, self._passed, self.held_back = now, 0, 0
            self._passed += 1
            if self._passed <= self.burst:
                return True
            self.held_back += 1
            return False

    def install(self) -> RefusalLogLimit:
        logging.getLogger("bittensor").addFilter(self)
        return self

    def remove(self) -> None:
        logging.getLogger("bittensor").removeFilter(self)


def start_axon(axon: Any, timeout_s: float = 15.0) -> None:
    """Start the axon and wait until it listens (uvicorn fails silently in its thread)."""
    host, port = axon.fast_config.host, axon.fast_config.port
    probe = socket.socket(socket.AF_INET6 if ":" in str(host) else socket.AF_INET)
    try:  # say now why the port cannot be had, instead of waiting for a server that never listens
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc} (another process has the "
            "port? pick one with --axon.port)"
        ) from exc
    finally:
        probe.close()
    axon.start()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if getattr(axon.fast_server, "started", False):
            return
        time.sleep(0.01)
    axon.fast_server.should_exit = True
    raise ConfigError(
        f"the axon did not start listening on {axon.fast_config.host}:{axon.fast_config.port} "
        f"within {timeout_s:.0f} s (is the port in use?)"
    )
