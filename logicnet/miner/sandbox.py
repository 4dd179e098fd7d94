"""Run Python written by an LLM where it cannot reach the miner's keys, wallet, files or network.

The miner holds a hotkey and API keys, so model code never runs in its process or environment.
Layers, outermost first; ``detect_layers()`` finds out, by trying them, which hold on this host:

    ┌─ bubblewrap ───────────────────────────────────────────────────────────────────┐
    │ own user, pid, net, ipc, uts, cgroup namespaces; uid 65534                     │
    │ network: only a private loopback          environment: cleared                 │
    │ filesystem: / read-only, holding only /usr, the Python install (read-only),    │
    │   /etc/ld.so.cache and a minimal read-only /dev (so no /dev/shm);              │
    │   no /proc, no home, no ~/.bittensor, no project checkout                      │
    │   ┌─ per job: forked from a worker that never saw a job ───────────────────┐   │
    │   │ /tmp: a fresh tmpfs (scratch_bytes, max_files inodes) in its own mount │   │
    │   │   namespace, gone with the job                                         │   │
    │   │ no capabilities; rlimits: CPU, address space, file size, open files,   │   │
    │   │   no new processes (*), no core dumps                                  │   │
    │   │ seccomp: EPERM for sockets, fork/clone/exec, ptrace, signals, raising  │   │
    │   │   limits, memfd and shared memory, namespaces, mounts, bpf, io_uring…  │   │
    │   │ environment rebuilt from SANDBOX_ENV; fds other than 0/1/2 closed      │   │
    │   └────────────────────────────────────────────────────────────────────────┘   │
    └────────────────────────────────────────────────────────────────────────────────┘

(*) RLIMIT_NPROC does not bind when the miner runs as root: the sandbox uid then maps to host
root, which the kernel exempts. Seccomp denies fork and exec regardless; without seccomp each
job is pid 1 of its own pid namespace, so the kernel ends anything it started when it exits.

Process tree, once per pool slot (``SandboxLimits.workers``, default 2):

    miner (asyncio) ─ Sandbox.run()
      └─ bwrap --die-with-parent ...          own session; killing it ends the whole sandbox
           └─ bwrap's init (pid 1)
                └─ python -c <_sandbox_worker>  imports sympy once; never reads a job
                     ├─ supervisor (fork)       reads the jobs and their output, replies
                     └─ job child (fork)        forked before its job arrived; runs code

Without bubblewrap (only with ``allow_unisolated=True``) the worker runs directly under the miner
with the same empty environment and a fresh host directory per job; rlimits and seccomp still
apply to each job, but the job can read whatever the miner's user can, and its files are
bounded only by ``file_bytes`` each.

Time: ``run(code, timeout_s)`` returns within ``timeout_s`` (plus a short backstop when a worker
hangs), waiting for a free worker included; a job that found no worker in time ends "busy",
so the caller can use what it already has. The worker kills the job at its deadline, and the
parent kills the whole worker when no reply arrives shortly after; a dead worker is restarted
at once. What the code does is an outcome (``SandboxResult.exit_reason``); only our own
failures raise. Output is stripped of control characters before anybody reads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import time
from collections import deque
from dataclasses import dataclass
from types import TracebackType

from logicnet.miner import _sandbox_worker as protocol
from logicnet.miner._sandbox_client import JobNotAccepted, WorkerLost, WorkerProcess
from logicnet.miner.sandbox_setup import (
    DEFAULT_LIMITS,
    SANDBOX_ENV,
    ExitReason,
    Launcher,
    SandboxClosed,
    SandboxError,
    SandboxLayers,
    SandboxLimits,
    SandboxUnavailable,
    detect_layers,
)
from logicnet.printable import printable

__all__ = [
    "DEFAULT_LIMITS",
    "SANDBOX_ENV",
    "ExitReason",
    "Sandbox",
    "SandboxClosed",
    "SandboxError",
    "SandboxLayers",
    "SandboxLimits",
    "SandboxResult",
    "SandboxUnavailable",
    "detect_layers",
]

log = logging.getLogger(__name__)

_BACKSTOP_S = 0.5  # extra wait before the parent kills a worker that did not answer in time
_MIN_TIMEOUT_S = 0.05


@dataclass(frozen=True)
class SandboxResult:
    """How one run ended. ``stdout`` holds at most ``SandboxLimits.stdout_bytes``, without
    control characters (tab and newline stay)."""

    ok: bool
    stdout: str
    stderr_tail: str
    exit_reason: ExitReason
    elapsed_s: float

    @property
    def last_printed_line(self) -> str | None:
        """The last non-empty stdout line, stripped: what the miner takes as the answer."""
        for line in reversed(self.stdout.splitlines()):
            if line.strip():
                return line.strip()
        return None


class Sandbox:
    """A small pool of sandboxed workers running model-written Python, one job each at a time.

    Use from one event loop at a time (successive loops are fine, e.g. one ``asyncio.run`` per
    test). ``layers`` overrides detection; it exists for tests and for operators who know better.
    """

    def __init__(
        self,
        limits: SandboxLimits = DEFAULT_LIMITS,
        *,
        allow_unisolated: bool = False,
        layers: SandboxLayers | None = None,
    ) -> None:
        self._limits = limits
        self._layers = layers if layers is not None else detect_layers(limits)
        if not self._layers.isolates_filesystem:
            if not allow_unisolated:
                raise SandboxUnavailable(
                    f"no layer isolates the filesystem on this host (active: "
                    f"{self._layers.describe()}); install bubblewrap and allow unprivileged "
                    f"user namespaces, or opt in with allow_unisolated=True"
                )
            log.warning(
                "sandbox WITHOUT filesystem isolation (layers: %s): model code can read "
                "whatever this user can, including wallets; install bubblewrap",
                self._layers.describe(),
            )
        bwrap = None
        if self._layers.bubblewrap:
            bwrap = shutil.which("bwrap")
            if bwrap is None:
                raise SandboxUnavailable("bubblewrap layer requested but bwrap is not on PATH")
        launcher = Launcher(bwrap, limits)
        self._workers = [
            WorkerProcess(launcher, seccomp=self._layers.seccomp, rlimits=self._layers.rlimits)
            for _ in range(limits.workers)
        ]
        # FIFO: back-to-back jobs alternate workers, so each has time to fork its next child.
        self._idle: deque[WorkerProcess] = deque()
        self._waiters: deque[asyncio.Future[WorkerProcess]] = deque()
        self._closed = False
        try:
            for worker in self._workers:
                worker.spawn()  # now: sympy imports while the miner starts up
                self._idle.append(worker)
        except SandboxUnavailable:
            self.close()
            raise
        log.info("sandbox: layers=%s workers=%d", self._layers.describe(), limits.workers)

    @property
    def layers(self) -> SandboxLayers:
        return self._layers

    @property
    def limits(self) -> SandboxLimits:
        return self._limits

    async def run(self, code: str, timeout_s: float) -> SandboxResult:
        """Run ``code`` and report how it ended, within ``timeout_s`` including any wait for a
        free worker. Raises only for our failures (SandboxError)."""
        self._check_open()
        if not timeout_s > 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s!r}")
        timeout_s = min(max(timeout_s, _MIN_TIMEOUT_S), self._limits.max_timeout_s)
        loop = asyncio.get_running_loop()
        started, deadline = time.monotonic(), loop.time() + timeout_s
        size = len(code.encode("utf-8", errors="surrogatepass"))
        if size > self._limits.code_bytes:
            return SandboxResult(
                ok=False,
                stdout="",
                exit_reason="error",
                elapsed_s=0.0,
                stderr_tail=f"code of {size} bytes is over the "
                f"{self._limits.code_bytes}-byte limit",
            )
        try:
            worker = await asyncio.wait_for(self._acquire(), timeout_s)
        except asyncio.TimeoutError:
            log.info("sandbox: no worker free within %.2f s; the job did not run", timeout_s)
            return _busy(started, "no sandbox worker became free before the deadline")
        try:
            return await self._run_before(worker, code, deadline, started)
        except BaseException:
            worker.kill()  # cancelled or failed mid-job: its state is unknown, replace it
            raise
        finally:
            self._release(worker)

    async def wait_ready(self) -> None:
        """Wait until every worker has started (sympy imported): before serving, or in a test
        on a loaded machine. A run itself never waits past its own deadline for a start-up.
        Raises SandboxUnavailable when a worker does not start within ``startup_timeout_s``."""
        self._check_open()
        workers = [await self._acquire() for _ in self._workers]
        try:
            await asyncio.gather(*(worker.ensure_ready() for worker in workers))
        finally:
            for worker in workers:
                self._release(worker)

    def close(self) -> None:
        """Kill every worker; running jobs end with SandboxClosed. Idempotent. Call it from the
        event loop's thread (or once no loop runs)."""
        self._closed = True
        for worker in self._workers:
            worker.retire()
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                with contextlib.suppress(RuntimeError):  # its loop is already closed
                    waiter.set_exception(SandboxClosed("the sandbox was closed"))

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def _run_before(
        self, worker: WorkerProcess, code: str, deadline: float, started: float
    ) -> SandboxResult:
        loop = asyncio.get_running_loop()
        retried = False
        while True:
            try:
                # A worker restarted after a crash imports sympy (~1 s): not past the deadline.
                await asyncio.wait_for(
                    worker.ensure_ready(), max(deadline - loop.time(), _MIN_TIMEOUT_S)
                )
            except asyncio.TimeoutError:
                return _busy(started, "the sandbox worker was still starting")
            except SandboxUnavailable:
                self._check_open()  # closed while it was starting: say so instead
                raise
            remaining = deadline - loop.time()
            if remaining < _MIN_TIMEOUT_S:
                return _busy(started, "no time was left to run the code")
            try:
                return await self._run_on(worker, code, remaining)
            except JobNotAccepted as exc:
                # It died between jobs, unnoticed until now; the code never ran.
                worker.kill()
                self._check_open()
                if retried:
                    raise SandboxUnavailable(
                        f"sandbox workers keep dying before accepting a job: {exc}"
                    ) from exc
                retried = True
                log.warning("sandbox worker was dead before the job (%s); replaced", exc)

    async def _run_on(self, worker: WorkerProcess, code: str, timeout_s: float) -> SandboxResult:
        started = time.monotonic()

        def outcome(reason: ExitReason, stdout: str = "", stderr_tail: str = "") -> SandboxResult:
            return SandboxResult(
                ok=reason == "ok",
                stdout=stdout,
                stderr_tail=stderr_tail,
                exit_reason=reason,
                elapsed_s=time.monotonic() - started,
            )

        try:
            reply = await asyncio.wait_for(worker.run(code, timeout_s), timeout_s + _BACKSTOP_S)
        except asyncio.TimeoutError:
            worker.kill()
            self._check_open()
            log.warning("sandbox worker missed the %.1f s deadline; replaced", timeout_s)
            return outcome("timeout")
        except JobNotAccepted:
            raise  # not an outcome: the caller retries it on a fresh worker
        except WorkerLost as exc:
            tail = worker.log_tail()
            worker.kill()
            self._check_open()
            log.warning("sandbox worker lost mid-job (%s); replaced. log: %s", exc, tail)
            return outcome("killed")
        reason, stdout, stderr_tail = (
            reply.get(key) for key in ("reason", "stdout", "stderr_tail")
        )
        if reason == protocol.SETUP_FAILED:
            worker.kill()
            raise SandboxError(
                f"the sandbox could not set up a job: {printable(str(stderr_tail))[-500:]}"
            )
        if (
            reason not in protocol.EXIT_REASONS
            or not isinstance(stdout, str)
            or not isinstance(stderr_tail, str)
        ):
            worker.kill()
            log.warning("sandbox worker sent a malformed reply; replaced")
            return outcome("killed")
        return outcome(
            reason,
            printable(stdout[: self._limits.stdout_bytes]),
            printable(stderr_tail[-self._limits.stderr_tail_bytes :]),
        )

    def _check_open(self) -> None:
        if self._closed:
            raise SandboxClosed("the sandbox is closed")

    async def _acquire(self) -> WorkerProcess:
        if self._idle:
            return self._idle.popleft()
        waiter: asyncio.Future[WorkerProcess] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._release(waiter.result())  # handed over just as we were cancelled
            raise

    def _release(self, worker: WorkerProcess) -> None:
        if not self._closed and not worker.alive:
            worker.kill()  # closes what is left of the old one
            try:  # start its replacement now: sympy imports while nobody waits for it
                worker.spawn()
            except SandboxError as exc:
                log.warning("could not restart a sandbox worker yet (%s); next use retries", exc)
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)


def _busy(started: float, why: str) -> SandboxResult:
    return SandboxResult(
        ok=False,
        stdout="",
        stderr_tail=why,
        exit_reason="busy",
        elapsed_s=time.monotonic() - started,
    )
