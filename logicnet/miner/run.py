"""Start-up and shutdown of the miner: settings in, a serving axon out."""

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
from types import FrameType
from typing import Any

from logicnet.errors import ChainError, ConfigError
from logicnet.metrics.server import serve_metrics
from logicnet.miner.admission import Admission
from logicnet.miner.connections import ConnectionLimits, fit_to_fd_limit
from logicnet.miner.service import MinerService
from logicnet.miner.solvers.factory import build_solver, choose_strategy
from logicnet.netutil import lookup_external_ip, pin_external_ip
from logicnet.settings import MinerSettings
from logicnet.wallets import load_wallet

__all__ = ["RefusalLogLimit", "run_miner", "start_axon"]

log = logging.getLogger(__name__)


def run_miner(settings: MinerSettings, stop: threading.Event | None = None) -> int:
    """Serve until SIGINT/SIGTERM (or ``stop``); return the process exit code."""
    stop = stop or threading.Event()
    local = settings.chain.local
    if local:
        pin_external_ip(settings.external_ip or "127.0.0.1")

    wallet = load_wallet(
        settings.chain.wallet_name, settings.chain.wallet_hotkey, settings.chain.wallet_path
    )
    hotkey = wallet.hotkey.ss58_address
    chain = settings.chain.open(wallet)
    admission = Admission(settings.epoch_volume, settings.min_stake, settings.limit_interval)
    strategy, notes = asyncio.run(choose_strategy(settings.llm))
    if notes:
        log.warning("%s", notes)
    bundle = build_solver(settings.llm, strategy, notes)
    service = MinerService(
        wallet=wallet,
        chain=chain,
        solver=bundle.solver,
        admission=admission,
        epoch_volume=settings.epoch_volume,
        max_timeout=settings.max_timeout,
        max_body_bytes=settings.max_body_bytes,
        max_concurrency=settings.max_concurrency,
        connection_limits=fit_to_fd_limit(
            ConnectionLimits(
                max_connections=settings.max_connections,
                header_timeout_s=settings.header_timeout,
                keep_alive_s=settings.keep_alive,
            )
        ),
        body_timeout_s=settings.body_timeout,
    )
    snapshot = chain.snapshot()  # ChainError here is fatal: nothing to serve without it
    service.resync()
    me = snapshot.by_hotkey(hotkey)
    if me is None:
        raise ChainError(
            f"hotkey {hotkey} is not registered on netuid {settings.chain.netuid} "
            f"({chain.description}); register it first"
        )

    bind_host: str | None
    if local:
        external_ip = settings.external_ip or me.ip or "127.0.0.1"
        bind_host = settings.axon_ip or "127.0.0.1"
    else:
        external_ip = settings.external_ip or lookup_external_ip()
        bind_host = settings.axon_ip
    axon = service.build_axon(
        port=settings.axon_port,
        external_ip=external_ip,
        external_port=settings.external_port,
        bind_host=bind_host,
        max_workers=settings.max_workers,
    )

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info("received %s, shutting down", signal.Signals(signum).name)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)

    log.info(
        "miner uid %d hotkey %s: %s; solver %s; epoch_volume %d",
        me.uid,
        hotkey,
        chain.description,
        bundle.describe(),
        settings.epoch_volume,
    )
    bundle.warm_up()  # the engine's first worker, now rather than inside the first answer
    metrics_server = serve_metrics(service.metrics, settings.metrics)  # off: a no-op
    log_limit = RefusalLogLimit().install()
    start_axon(axon)
    # Everything built so far lives as long as the process: keep the collector off it, so a
    # full collection never stalls an answer (measured: 80-100 ms pauses without this).
    gc.collect()
    gc.freeze()
    try:
        if not local:
            chain.serve_axon(axon)
            log.info(
                "axon served on chain at %s:%s",
                external_ip,
                settings.external_port or settings.axon_port,
            )
        log.info("serving on %s:%d", bind_host or "0.0.0.0", settings.axon_port)
        service.serve_forever(stop, settings.sync_interval_s)
    finally:
        axon.stop()
        log_limit.remove()
        metrics_server.stop()
        chain.close()
        if bundle.engine is not None:
            bundle.engine.close()
        if bundle.sandbox is not None:
            bundle.sandbox.close()
    return 0


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
