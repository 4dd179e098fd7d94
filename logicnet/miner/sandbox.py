"""Run Python written by an LLM where it cannot reach the miner's keys, wallet, files or network.

The miner holds a hotkey and API keys, so model code never runs in its process or environment.
Layers, outermost first; ``detect_layers()`` finds out, by trying them, which hold on this host:

    ┌─ bubblewrap ───────────────────────────────────────────────────────────────────┐
    │ own user, pid, net, ipc, uts, cgroup namespaces; uid 65534, no capabilities    │
    │ network: only a private loopback          environment: cleared                 │
    │ filesystem: / read-only, holding only /usr, the Python install (read-only),    │
    │   /etc/ld.so.cache, a minimal /dev and a private size-capped tmpfs at /tmp;    │
    │   no /proc, no home, no ~/.bittensor, no project checkout                      │
    │   ┌─ per job, in a freshly forked child ───────────────────────────────────┐   │
    │   │ rlimits: CPU, address space, file size, open files, no new processes   │   │
    │   │   (*), no core dumps                                                   │   │
    │   │ seccomp: EPERM for sockets, fork/clone/exec, ptrace, signals, raising  │   │
    │   │   limits, namespaces, mounts, bpf, io_uring, ...                       │   │
    │   │ environment rebuilt from SANDBOX_ENV; fds other than 0/1/2 closed      │   │
    │   └────────────────────────────────────────────────────────────────────────┘   │
    │ between jobs: everything but the worker is killed, /tmp is emptied             │
    └────────────────────────────────────────────────────────────────────────────────┘

(*) RLIMIT_NPROC does not bind when the miner runs as root: the sandbox uid then maps to host
root, which the kernel exempts. Seccomp denies fork and exec regardless, and the sweep between
jobs ends anything a job managed to start.

Process tree, once per pool slot (``SandboxLimits.workers``, default 2):

    miner (asyncio) ─ Sandbox.run()
      └─ bwrap --die-with-parent ...          own session; killing it ends the whole sandbox
           └─ bwrap's init (pid 1)
                └─ python -c <_sandbox_worker>  imports sympy once; frames on stdin/stdout
                     └─ job child (fork)        forked ahead; restricts itself, runs code

Without bubblewrap (only with ``allow_unisolated=True``) the worker runs directly under the miner
with the same empty environment in a temporary directory; rlimits and seccomp still apply to
each job, but the job can read whatever the miner's user can.

Time is enforced twice: the worker kills the job's process group at the deadline, and the parent
kills the whole worker when no reply arrives shortly after. A dead worker is replaced on next use.
What the code does is an outcome (``SandboxResult.exit_reason``); only our own failures raise.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal

from logicnet.errors import LogicNetError
from logicnet.miner import _sandbox_worker as protocol

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

ExitReason = Literal["ok", "error", "timeout", "memory", "output_limit", "killed"]

# The entire environment of the sandbox: built from scratch, nothing copied from the miner's.
SANDBOX_ENV: dict[str, str] = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
}
_SANDBOX_ID = "65534"  # uid and gid inside the user namespace ("nobody")
_BACKSTOP_S = 0.5  # extra wait before the parent kills a worker that did not answer in time
_MIN_TIMEOUT_S = 0.05
_PROBE_TIMEOUT_S = 30.0
_LOG_TAIL_BYTES = 2048


class SandboxError(LogicNetError):
    """The sandbox failed on our side; never the outcome of the code it ran."""


class SandboxUnavailable(SandboxError):
    """No layer isolates the filesystem here (and no opt-in), or a worker could not start."""


class SandboxClosed(SandboxError):
    """The sandbox was closed before or during the run."""


@dataclass(frozen=True)
class SandboxLimits:
    """Per-job limits and pool size. Sizes are bytes."""

    memory_bytes: int = 1 << 30  # RLIMIT_AS of a job (includes the ~60 MB of sympy)
    stdout_bytes: int = 64 << 10  # more than this: the job is killed, "output_limit"
    stderr_tail_bytes: int = 2 << 10
    file_bytes: int = 16 << 20  # RLIMIT_FSIZE: largest file a job may write
    scratch_bytes: int = 64 << 20  # size of the sandbox's tmpfs (all files of a job)
    open_files: int = 64
    code_bytes: int = 32 << 10
    max_timeout_s: float = 60.0
    workers: int = 2
    startup_timeout_s: float = 30.0

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not value > 0:  # also rejects NaN
                raise ValueError(f"SandboxLimits.{name} must be positive, got {value!r}")


DEFAULT_LIMITS = SandboxLimits()


@dataclass(frozen=True)
class SandboxLayers:
    """Which isolation layers are in force. ``bubblewrap`` is the one that hides files."""

    bubblewrap: bool = False
    seccomp: bool = False
    rlimits: bool = False
    empty_env: bool = True

    @property
    def isolates_filesystem(self) -> bool:
        return self.bubblewrap

    def describe(self) -> str:
        """One line for the start-up log, e.g. ``bubblewrap+seccomp+rlimits+empty-env``."""
        names = (("bubblewrap", self.bubblewrap), ("seccomp", self.seccomp),
                 ("rlimits", self.rlimits), ("empty-env", self.empty_env))
        return "+".join(name for name, active in names if active) or "none"


@dataclass(frozen=True)
class SandboxResult:
    """How one run ended. ``stdout`` holds at most ``SandboxLimits.stdout_bytes``."""

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


# ---- how the worker is started ----------------------------------------------------------------

@functools.cache
def _worker_source() -> str:
    return Path(protocol.__file__).read_text(encoding="utf-8")


def _is_within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _python_roots() -> list[str]:
    """Directories holding the interpreter, stdlib and packages (the venv), outside /usr."""
    interpreter_home = os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))
    candidates = {sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix,
                  interpreter_home}
    roots = sorted({os.path.abspath(path) for path in candidates})
    return [root for root in roots if not _is_within(root, "/usr")]


def _hidden_paths(roots: list[str]) -> list[str]:
    """Paths the probe must not see. A parent of a bound root exists as an empty skeleton."""
    home = os.path.expanduser("~")
    wanted = [os.path.join(home, ".bittensor"), home, str(Path(__file__).resolve().parents[2])]
    return [path for path in wanted
            if not any(_is_within(root, path) or _is_within(path, root) for root in roots)]


@functools.cache
def _bwrap_options_supported(bwrap: str) -> frozenset[str]:
    """Which of the options that arrived in bubblewrap 0.8 (2023) this bwrap knows; Ubuntu
    22.04 ships 0.6. Both have stand-ins, so an older bwrap still isolates."""
    try:
        done = subprocess.run([bwrap, "--help"], capture_output=True, timeout=10, check=False,
                              env=SANDBOX_ENV)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    text = (done.stdout + done.stderr).decode(errors="replace")
    return frozenset(option for option in ("--disable-userns", "--size") if option in text)


def _bwrap_options(bwrap: str, limits: SandboxLimits) -> list[str]:
    supported = _bwrap_options_supported(bwrap)
    options = [
        "--unshare-all", "--unshare-user",
        "--uid", _SANDBOX_ID, "--gid", _SANDBOX_ID, "--cap-drop", "ALL",
        "--die-with-parent", "--new-session", "--clearenv",
    ]
    if "--disable-userns" in supported:  # else seccomp's unshare/clone denial stands in
        options.append("--disable-userns")
    for name, value in SANDBOX_ENV.items():
        options += ["--setenv", name, value]
    options += ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):  # merged /usr: keep the symlink, not a second copy
            options += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            options += ["--ro-bind", top, top]
    # ld.so.cache lets ctypes find libseccomp; it lists library paths, nothing private.
    options += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    options += ["--dev", "/dev"]
    if "--size" in supported:  # else the worker watches the tmpfs (scratch_guard_bytes)
        options += ["--size", str(limits.scratch_bytes)]
    options += ["--tmpfs", "/tmp"]
    # After /tmp: a venv that lives under /tmp (a CI checkout, say) is bound on top of the
    # fresh tmpfs instead of being hidden by it. The worker never wipes those binds.
    for root in _python_roots():
        options += ["--ro-bind", root, root]
    options += [
        # bwrap's own root and /dev are tmpfs too: without this a job could fill RAM there.
        "--remount-ro", "/dev", "--remount-ro", "/",
        "--chdir", "/tmp",
    ]
    return options


@dataclass(frozen=True)
class _Launcher:
    """Builds the worker's command line: inside bubblewrap when ``bwrap`` is set."""

    bwrap: str | None
    limits: SandboxLimits

    def argv(self, mode: str, config: dict[str, Any]) -> list[str]:
        python = [sys.executable, "-s", "-B", "-c", _worker_source(), mode, json.dumps(config)]
        if self.bwrap is None:
            return python
        return [self.bwrap, *_bwrap_options(self.bwrap, self.limits), "--", *python]

    def config(self, *, scratch: str, seccomp: bool, rlimits: bool) -> dict[str, Any]:
        limits = self.limits
        unsized_tmpfs = (self.bwrap is not None
                         and "--size" not in _bwrap_options_supported(self.bwrap))
        return {
            "scratch": scratch, "seccomp": seccomp, "rlimits": rlimits, "env": SANDBOX_ENV,
            # Python roots bound inside the scratch dir: its wipe walks around them.
            "keep": [root for root in _python_roots() if _is_within(root, scratch)],
            "scratch_guard_bytes": limits.scratch_bytes if unsized_tmpfs else None,
            "own_pid_namespace": self.bwrap is not None,
            "memory_bytes": limits.memory_bytes, "file_bytes": limits.file_bytes,
            "open_files": limits.open_files, "stdout_bytes": limits.stdout_bytes,
            "stderr_tail_bytes": limits.stderr_tail_bytes,
        }


# ---- detection --------------------------------------------------------------------------------

def _probe(launcher: _Launcher) -> dict[str, Any] | None:
    """Run the worker's probe (a forked child restricts itself, then tries to break out)."""
    config = launcher.config(scratch="/tmp", seccomp=True, rlimits=True)
    config["hidden_paths"] = _hidden_paths(_python_roots())
    where = "bubblewrap" if launcher.bwrap else "no isolation"
    # An installed bwrap that fails (user namespaces blocked, old kernel) is the operator's news.
    level = logging.WARNING if launcher.bwrap else logging.INFO
    with tempfile.TemporaryDirectory(prefix="logicnet-sandbox-probe-") as cwd:
        try:
            done = subprocess.run(launcher.argv("probe", config), env=SANDBOX_ENV, cwd=cwd,
                                  capture_output=True, timeout=_PROBE_TIMEOUT_S,
                                  start_new_session=True, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.log(level, "sandbox probe (%s) could not run: %s", where, exc)
            return None
    if done.returncode != 0:
        log.log(level, "sandbox probe (%s) exited %d: %s", where, done.returncode,
                done.stderr[-_LOG_TAIL_BYTES:].decode(errors="replace").strip())
        return None
    try:
        report = json.loads(done.stdout.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        log.log(level, "sandbox probe (%s) printed no report", where)
        return None
    return report if isinstance(report, dict) else None


def detect_layers(limits: SandboxLimits = DEFAULT_LIMITS) -> SandboxLayers:
    """Try each layer on this host and report those that actually hold.

    bubblewrap counts only if the probe ran inside it, saw none of the hidden paths
    (~/.bittensor, the home directory, the project) and no network interface but loopback.
    """
    bwrap = shutil.which("bwrap")
    if bwrap is not None:
        report = _probe(_Launcher(bwrap, limits))
        if report is not None:
            visible = report.get("hidden_paths_visible", ["?"])
            interfaces = report.get("network_interfaces", ["?"])
            if not visible and set(interfaces) <= {"lo"}:
                return _layers_from(report, bubblewrap=True)
            log.error("bubblewrap runs but does not isolate: visible=%s interfaces=%s",
                      visible, interfaces)
    report = _probe(_Launcher(None, limits))
    if report is None:
        return SandboxLayers(bubblewrap=False, seccomp=False, rlimits=False, empty_env=True)
    return _layers_from(report, bubblewrap=False)


def _layers_from(report: dict[str, Any], *, bubblewrap: bool) -> SandboxLayers:
    if report.get("error") or report.get("seccomp_error"):
        log.info("sandbox probe: error=%s seccomp=%s", report.get("error"),
                 report.get("seccomp_error") or "ok")
    return SandboxLayers(bubblewrap=bubblewrap, seccomp=report.get("seccomp") is True,
                         rlimits=report.get("rlimits") is True,
                         empty_env=report.get("empty_env") is True)


# ---- one worker, seen from the parent ---------------------------------------------------------

class _WorkerLost(Exception):
    """The worker died, went silent, or broke the protocol."""


class _JobNotAccepted(_WorkerLost):
    """The worker was lost before it acknowledged the job: the code has not run."""


class _WorkerProcess:
    """One pre-forked worker: started eagerly, replaced on the first use after it died."""

    def __init__(self, launcher: _Launcher, *, seccomp: bool, rlimits: bool) -> None:
        self._launcher = launcher
        self._seccomp = seccomp
        self._rlimits = rlimits
        limits = launcher.limits
        # A reply is ASCII JSON: at worst 6 bytes ("\\ufffd") per byte of captured output.
        self._max_frame = 6 * (limits.stdout_bytes + limits.stderr_tail_bytes) + 4096
        self._proc: subprocess.Popen[bytes] | None = None
        self._to_worker = self._from_worker = -1
        self._log: IO[bytes] | None = None
        self._host_scratch: str | None = None
        self._buffer = bytearray()
        self._ready = False
        self._retired = False
        # The one fd wait in progress (a worker serves one job at a time), so that kill() can
        # unregister it before closing the fd and wake its coroutine instead of stranding it.
        self._waiting: tuple[asyncio.AbstractEventLoop, int, bool, asyncio.Future[None]] | None
        self._waiting = None

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def spawn(self) -> None:
        if self._retired:
            raise SandboxClosed("the sandbox is closed")
        if self._launcher.bwrap is None:  # unisolated: a private directory on the host
            self._host_scratch = tempfile.mkdtemp(prefix="logicnet-sandbox-")
        scratch = self._host_scratch or "/tmp"
        config = self._launcher.config(scratch=scratch, seccomp=self._seccomp,
                                       rlimits=self._rlimits)
        to_worker_r, self._to_worker = os.pipe()
        self._from_worker, from_worker_w = os.pipe()
        # Lives as long as the worker; kill() closes it.
        self._log = tempfile.TemporaryFile(prefix="logicnet-sandbox-log-")  # noqa: SIM115
        try:
            self._proc = subprocess.Popen(
                self._launcher.argv("serve", config), stdin=to_worker_r, stdout=from_worker_w,
                stderr=self._log, env=SANDBOX_ENV, cwd=scratch if self._host_scratch else "/",
                start_new_session=True, close_fds=True)
        except OSError as exc:
            self.kill()
            raise SandboxUnavailable(f"could not start the sandbox worker: {exc}") from exc
        finally:
            os.close(to_worker_r)
            os.close(from_worker_w)
        os.set_blocking(self._to_worker, False)
        os.set_blocking(self._from_worker, False)

    async def ensure_ready(self) -> None:
        if self._ready and self.alive:
            return
        hello = await self._start()
        if self._seccomp and hello.get("seccomp") is not True:
            self.kill()  # fail closed: the layer report promised seccomp
            raise SandboxUnavailable(
                f"the sandbox worker could not load seccomp: {hello.get('seccomp_error')}")
        if hello.get("sympy") is not True:
            log.warning("sympy is not importable inside the sandbox")
        self._ready = True

    async def _start(self) -> dict[str, Any]:
        """Spawn if needed and wait for the greeting; a worker that dies starting gets a retry."""
        retried = False
        while True:
            if not self.alive:
                self.kill()
                self.spawn()
            try:
                return await asyncio.wait_for(self._receive(),
                                              self._launcher.limits.startup_timeout_s)
            except (_WorkerLost, asyncio.TimeoutError) as exc:
                tail = self.log_tail() or repr(exc)
                self.kill()
                if retried or isinstance(exc, asyncio.TimeoutError):
                    raise SandboxUnavailable(f"the sandbox worker did not start: {tail}") from exc
                retried = True
                log.warning("sandbox worker died while starting (%s); starting another", tail)

    async def run(self, code: str, timeout_s: float) -> dict[str, Any]:
        try:
            await self._send({"code": code, "timeout_s": timeout_s})
            acknowledgement = await self._receive()
        except _WorkerLost as exc:
            raise _JobNotAccepted(str(exc)) from exc
        if acknowledgement.get("accepted") is not True:
            raise _WorkerLost("the worker did not acknowledge the job")
        return await self._receive()

    def log_tail(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0, os.SEEK_END)
        self._log.seek(max(0, self._log.tell() - _LOG_TAIL_BYTES))
        return self._log.read().decode(errors="replace").strip()

    def retire(self) -> None:
        """Kill for good: later spawns raise SandboxClosed."""
        self._retired = True
        self.kill()

    def kill(self) -> None:
        """Kill the worker and everything under it; safe to call twice."""
        if self._waiting is not None:
            ready = self._stop_waiting()  # before the fd is closed and its number reused
            if not ready.done():
                with contextlib.suppress(RuntimeError):  # its loop is already closed
                    ready.set_exception(_WorkerLost("the worker was killed"))
        if self._proc is not None:
            if self._proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self._proc.pid, signal.SIGKILL)  # bwrap and its sandbox
                self._proc.wait()
            self._proc = None
        for fd in (self._to_worker, self._from_worker):
            if fd >= 0:
                os.close(fd)
        self._to_worker = self._from_worker = -1
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._host_scratch is not None:
            shutil.rmtree(self._host_scratch, ignore_errors=True)
            self._host_scratch = None
        self._buffer.clear()
        self._ready = False

    async def _wait_for_fd(self, fd: int, *, writable: bool) -> None:
        # Registered on whichever loop runs now, so a Sandbox outlives any one event loop.
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            if not ready.done():
                ready.set_result(None)

        if writable:
            loop.add_writer(fd, wake)
        else:
            loop.add_reader(fd, wake)
        self._waiting = (loop, fd, writable, ready)
        try:
            await ready
        finally:
            if self._waiting is not None and self._waiting[3] is ready:
                self._stop_waiting()

    def _stop_waiting(self) -> asyncio.Future[None]:
        assert self._waiting is not None
        loop, fd, writable, ready = self._waiting
        self._waiting = None
        if writable:
            loop.remove_writer(fd)
        else:
            loop.remove_reader(fd)
        return ready

    async def _send(self, message: dict[str, Any]) -> None:
        data = memoryview(protocol.encode_frame(message))
        while data:
            try:
                written = os.write(self._to_worker, data)
            except BlockingIOError:
                await self._wait_for_fd(self._to_worker, writable=True)
                continue
            except OSError as exc:  # EPIPE: the worker is gone
                raise _WorkerLost(f"write failed: {exc}") from exc
            data = data[written:]

    async def _receive(self) -> dict[str, Any]:
        while (frame := self._take_frame()) is None:
            try:
                chunk = os.read(self._from_worker, 65536)
            except BlockingIOError:
                await self._wait_for_fd(self._from_worker, writable=False)
                continue
            except OSError as exc:
                raise _WorkerLost(f"read failed: {exc}") from exc
            if not chunk:
                raise _WorkerLost("the worker exited")
            self._buffer += chunk
        return frame

    def _take_frame(self) -> dict[str, Any] | None:
        header_size = protocol.FRAME_HEADER.size
        if len(self._buffer) < header_size:
            return None
        length = protocol.decode_frame_length(bytes(self._buffer[:header_size]))
        if length > self._max_frame:
            raise _WorkerLost(f"oversized frame of {length} bytes")
        if len(self._buffer) < header_size + length:
            return None
        body = bytes(self._buffer[header_size:header_size + length])
        del self._buffer[:header_size + length]
        try:
            message = json.loads(body)
        except ValueError as exc:
            raise _WorkerLost("a frame that is not JSON") from exc
        if not isinstance(message, dict):
            raise _WorkerLost("a frame that is not a JSON object")
        return message


# ---- the public face --------------------------------------------------------------------------

class Sandbox:
    """A small pool of sandboxed workers running model-written Python, one job each at a time.

    Use from one event loop at a time (successive loops are fine, e.g. one ``asyncio.run`` per
    test). ``layers`` overrides detection; it exists for tests and for operators who know better.
    """

    def __init__(self, limits: SandboxLimits = DEFAULT_LIMITS, *, allow_unisolated: bool = False,
                 layers: SandboxLayers | None = None) -> None:
        self._limits = limits
        self._layers = layers if layers is not None else detect_layers(limits)
        if not self._layers.isolates_filesystem:
            if not allow_unisolated:
                raise SandboxUnavailable(
                    f"no layer isolates the filesystem on this host (active: "
                    f"{self._layers.describe()}); install bubblewrap and allow unprivileged "
                    f"user namespaces, or opt in with allow_unisolated=True")
            log.warning("sandbox WITHOUT filesystem isolation (layers: %s): model code can read "
                        "whatever this user can, including wallets; install bubblewrap",
                        self._layers.describe())
        bwrap = None
        if self._layers.bubblewrap:
            bwrap = shutil.which("bwrap")
            if bwrap is None:
                raise SandboxUnavailable("bubblewrap layer requested but bwrap is not on PATH")
        launcher = _Launcher(bwrap, limits)
        self._workers = [_WorkerProcess(launcher, seccomp=self._layers.seccomp,
                                        rlimits=self._layers.rlimits)
                         for _ in range(limits.workers)]
        # FIFO: back-to-back jobs alternate workers, so each has time to fork its next child.
        self._idle: deque[_WorkerProcess] = deque()
        self._waiters: deque[asyncio.Future[_WorkerProcess]] = deque()
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
        """Run ``code`` and report how it ended. Raises only for our failures (SandboxError)."""
        self._check_open()
        if not timeout_s > 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s!r}")
        timeout_s = min(max(timeout_s, _MIN_TIMEOUT_S), self._limits.max_timeout_s)
        size = len(code.encode("utf-8", errors="surrogatepass"))
        if size > self._limits.code_bytes:
            return SandboxResult(ok=False, stdout="", exit_reason="error", elapsed_s=0.0,
                                 stderr_tail=f"code of {size} bytes is over the "
                                             f"{self._limits.code_bytes}-byte limit")
        worker = await self._acquire()
        try:
            retried = False
            while True:
                try:
                    await worker.ensure_ready()
                except SandboxUnavailable:
                    self._check_open()  # closed while it was starting: say so instead
                    raise
                try:
                    return await self._run_on(worker, code, timeout_s)
                except _JobNotAccepted as exc:
                    # It died between jobs, unnoticed until now; the code never ran.
                    worker.kill()
                    self._check_open()
                    if retried:
                        raise SandboxUnavailable(
                            f"sandbox workers keep dying before accepting a job: {exc}") from exc
                    retried = True
                    log.warning("sandbox worker was dead before the job (%s); replaced", exc)
        except BaseException:
            worker.kill()  # cancelled or failed mid-job: its state is unknown, replace it
            raise
        finally:
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

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    async def _run_on(self, worker: _WorkerProcess, code: str, timeout_s: float) -> SandboxResult:
        started = time.monotonic()

        def outcome(reason: ExitReason, stdout: str = "", stderr_tail: str = "") -> SandboxResult:
            return SandboxResult(ok=reason == "ok", stdout=stdout, stderr_tail=stderr_tail,
                                 exit_reason=reason, elapsed_s=time.monotonic() - started)

        try:
            reply = await asyncio.wait_for(worker.run(code, timeout_s), timeout_s + _BACKSTOP_S)
        except asyncio.TimeoutError:
            worker.kill()
            self._check_open()
            log.warning("sandbox worker missed the %.1f s deadline; replaced", timeout_s)
            return outcome("timeout")
        except _JobNotAccepted:
            raise  # not an outcome: run() retries it on a fresh worker
        except _WorkerLost as exc:
            tail = worker.log_tail()
            worker.kill()
            self._check_open()
            log.warning("sandbox worker lost mid-job (%s); replaced. log: %s", exc, tail)
            return outcome("killed")
        reason, stdout, stderr_tail = (reply.get(key) for key in
                                       ("reason", "stdout", "stderr_tail"))
        if reason == protocol.SETUP_FAILED:
            worker.kill()
            raise SandboxError(f"the sandbox could not set up a job: {stderr_tail}")
        if (reason not in protocol.EXIT_REASONS or not isinstance(stdout, str)
                or not isinstance(stderr_tail, str)):
            worker.kill()
            log.warning("sandbox worker sent a malformed reply; replaced")
            return outcome("killed")
        return outcome(reason, stdout[:self._limits.stdout_bytes],
                       stderr_tail[-self._limits.stderr_tail_bytes:])

    def _check_open(self) -> None:
        if self._closed:
            raise SandboxClosed("the sandbox is closed")

    async def _acquire(self) -> _WorkerProcess:
        if self._idle:
            return self._idle.popleft()
        waiter: asyncio.Future[_WorkerProcess] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._release(waiter.result())  # handed over just as we were cancelled
            raise

    def _release(self, worker: _WorkerProcess) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)
