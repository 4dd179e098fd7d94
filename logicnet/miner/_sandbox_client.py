"""One sandbox worker seen from the miner: its process, its pipes, its frames.

The pool (``logicnet.miner.sandbox.Sandbox``) holds a few of these and hands each job to one.
A worker is started eagerly and replaced on the first use after it died; every wait on its
pipes goes through the running event loop, so a Sandbox outlives any one loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import subprocess
import tempfile
import threading
from typing import IO, Any

from logicnet.miner import _sandbox_worker as protocol
from logicnet.miner.sandbox_setup import (
    SANDBOX_ENV,
    Launcher,
    SandboxClosed,
    SandboxUnavailable,
)
from logicnet.printable import printable

__all__ = ["JobNotAccepted", "WorkerLost", "WorkerProcess"]

log = logging.getLogger(__name__)

_LOG_TAIL_BYTES = 2048


class WorkerLost(Exception):
    """The worker died, went silent, or broke the protocol."""


class JobNotAccepted(WorkerLost):
    """The worker was lost before it acknowledged the job: the code has not run."""


class WorkerProcess:
    """One worker process: started eagerly, replaced on the first use after it died."""

    def __init__(self, launcher: Launcher, *, seccomp: bool, rlimits: bool) -> None:
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
        config = self._launcher.config(
            scratch=scratch, seccomp=self._seccomp, rlimits=self._rlimits
        )
        to_worker_r, self._to_worker = os.pipe()
        self._from_worker, from_worker_w = os.pipe()
        # Lives as long as the worker; kill() closes it.
        self._log = tempfile.TemporaryFile(prefix="logicnet-sandbox-log-")  # noqa: SIM115
        try:
            self._proc = subprocess.Popen(
                self._launcher.argv("serve", config),
                stdin=to_worker_r,
                stdout=from_worker_w,
                stderr=self._log,
                env=SANDBOX_ENV,
                cwd=scratch if self._host_scratch else "/",
                start_new_session=True,
                close_fds=True,
            )
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
        if hello.get("job_files") is not True:
            self.kill()  # fail closed: jobs would share (or fill) one place for their files
            raise SandboxUnavailable(
                f"the sandbox worker could not prepare job files: {hello.get('job_files_error')}"
            )
        if self._seccomp and hello.get("seccomp") is not True:
            self.kill()  # fail closed: the layer report promised seccomp
            raise SandboxUnavailable(
                f"the sandbox worker could not load seccomp: {hello.get('seccomp_error')}"
            )
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
                return await asyncio.wait_for(
                    self._receive(), self._launcher.limits.startup_timeout_s
                )
            except (WorkerLost, asyncio.TimeoutError) as exc:
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
        except WorkerLost as exc:
            raise JobNotAccepted(str(exc)) from exc
        if acknowledgement.get("accepted") is not True:
            raise WorkerLost("the worker did not acknowledge the job")
        return await self._receive()

    def log_tail(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0, os.SEEK_END)
        self._log.seek(max(0, self._log.tell() - _LOG_TAIL_BYTES))
        return printable(self._log.read().decode(errors="replace")).strip()

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
                    ready.set_exception(WorkerLost("the worker was killed"))
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
            # Off the event loop: a job may have nested thousands of slow-to-remove directories.
            threading.Thread(
                target=_remove_scratch,
                args=(self._host_scratch,),
                name="sandbox-scratch-cleanup",
                daemon=True,
            ).start()
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
                raise WorkerLost(f"write failed: {exc}") from exc
            data = data[written:]

    async def _receive(self) -> dict[str, Any]:
        while (frame := self._take_frame()) is None:
            try:
                chunk = os.read(self._from_worker, 65536)
            except BlockingIOError:
                await self._wait_for_fd(self._from_worker, writable=False)
                continue
            except OSError as exc:
                raise WorkerLost(f"read failed: {exc}") from exc
            if not chunk:
                raise WorkerLost("the worker exited")
            self._buffer += chunk
        return frame

    def _take_frame(self) -> dict[str, Any] | None:
        header_size = protocol.FRAME_HEADER.size
        if len(self._buffer) < header_size:
            return None
        length = protocol.decode_frame_length(bytes(self._buffer[:header_size]))
        if length > self._max_frame:
            raise WorkerLost(f"oversized frame of {length} bytes")
        if len(self._buffer) < header_size + length:
            return None
        body = bytes(self._buffer[header_size : header_size + length])
        del self._buffer[: header_size + length]
        try:
            message = json.loads(body)
        except ValueError as exc:
            raise WorkerLost("a frame that is not JSON") from exc
        if not isinstance(message, dict):
            raise WorkerLost("a frame that is not a JSON object")
        return message


def _remove_scratch(path: str) -> None:
    try:
        protocol.remove_tree(path)
    except OSError as exc:
        log.warning("could not remove the sandbox's scratch %s: %s", path, exc)
