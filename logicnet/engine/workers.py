"""The engine in worker processes, so that a deadline always fires.

A big-integer power or a long sympy call holds the GIL: a thread cannot be interrupted
and ``asyncio.wait_for`` never fires while it runs. So the miner, ``logicnet solve`` and the
validator's reference solver ask the engine through ``EngineWorkers``: each worker is a
small Python process (``python -m logicnet.engine.workers``, ~20 MB, tables built once at
its start) that answers one question at a time over a pipe, one JSON line each way::

    parent ──{"q": question}──► worker ──{"a": {topic, answer, reasoning, problem,
                                                 plain, convention, why}}
                                           | {"a": null} | {"error": why}──►

A question that has not been answered when its time is up (the caller's deadline, and
never more than ``budget_s``) gets its worker killed; a new one starts in the background
and the caller is told ``EngineTimeout``. Nothing a question contains can hold the caller
past its deadline, or hold other callers for longer than the budget.

``start()`` starts ``size`` workers (the pool also grows to that on demand); one that is
killed or dies is replaced at once in the background.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import importlib
import json
import logging
import os
import queue
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, Any

from logicnet.engine.core import EngineAnswer
from logicnet.errors import EngineTimeout, EngineUnavailable

__all__ = ["CALLER", "DEFAULT_BUDGET_S", "DEFAULT_WORKERS", "EngineWorkers", "WorkerStats"]

log = logging.getLogger(__name__)

# The engine answers a generator question in ~1-20 ms of CPU (p99 ~10 ms for a paraphrase);
# two seconds is a hundred times that, enough for a machine under heavy load.
DEFAULT_BUDGET_S = 2.0
DEFAULT_WORKERS = 2
DEFAULT_TARGET = "logicnet.engine:solve"
START_TIMEOUT_S = 60.0  # building the tables takes ~0.7 s idle, several seconds under load
# Who is asking (the miner sets the validator's hotkey for each request): the pool's
# fairness between callers reads it when the caller is not given.
CALLER: contextvars.ContextVar[str] = contextvars.ContextVar("engine_caller", default="")
MAX_QUESTION_CHARS = 64 * 1024  # the engine reads 12,000 at most; more is not sent
MAX_REPLY_BYTES = 1 << 20  # an answer and its working are a few KB
_FAILED_START_BACKOFF_S = 5.0


@dataclass
class WorkerStats:
    started: int = 0
    killed: int = 0  # over budget, or broke the protocol
    answered: int = 0
    timeouts: int = 0
    busy: int = 0  # no worker was free before the caller's deadline


class _Worker:
    """One worker process and its pipes; used by one thread at a time."""

    def __init__(self, target: str) -> None:
        env = dict(os.environ)
        # the worker imports what this process can import (a checkout, a test's target)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        env.pop("PYTHONSTARTUP", None)
        self.proc: subprocess.Popen[bytes] = subprocess.Popen(
            [sys.executable, "-m", "logicnet.engine.workers", target],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            start_new_session=True,  # a Ctrl-C in the terminal is the parent's to handle
            close_fds=True,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._stdin: IO[bytes] = self.proc.stdin
        self._fd = self.proc.stdout.fileno()
        os.set_blocking(self._fd, False)
        self._buffer = bytearray()

    def _line(self, until: float) -> bytes | None:
        """The next line from the worker, or None when ``until`` (monotonic) passes."""
        poller = select.poll()
        poller.register(self._fd, select.POLLIN | select.POLLHUP | select.POLLERR)
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                return line
            if len(self._buffer) > MAX_REPLY_BYTES:
                raise _Broken("the worker sent a reply over 1 MiB")
            left = until - time.monotonic()
            if left <= 0:
                return None
            if not poller.poll(max(1, int(left * 1000))):
                continue
            try:
                chunk = os.read(self._fd, 65536)
            except BlockingIOError:
                continue
            except OSError as exc:
                raise _Broken(f"the worker's pipe failed ({exc})") from exc
            if not chunk:
                raise _Broken(f"the worker exited (status {self.proc.poll()})")
            self._buffer += chunk

    def wait_ready(self, timeout: float) -> None:
        line = self._line(time.monotonic() + timeout)
        if line is None:
            raise _Broken(f"the worker did not start within {timeout:.0f} s")
        if json.loads(line) != {"ready": True}:
            raise _Broken("the worker's greeting was not understood")

    def ask(self, question: str, timeout: float) -> dict[str, Any]:
        """The worker's reply, or ``_Late`` when ``timeout`` passes first."""
        until = time.monotonic() + timeout
        try:
            self._stdin.write(json.dumps({"q": question}).encode() + b"\n")
            self._stdin.flush()
        except OSError as exc:
            raise _Broken(f"the worker is gone ({exc})") from exc
        line = self._line(until)
        if line is None:
            raise _Late
        try:
            reply = json.loads(line)
        except ValueError as exc:
            raise _Broken("the worker's reply is not JSON") from exc
        if not isinstance(reply, dict):
            raise _Broken("the worker's reply is not an object")
        return reply

    def kill(self) -> None:
        """Kill the process. Its output pipe stays open: a thread may be reading it, and
        sees the end of it; ``discard`` closes it once nobody is."""
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(OSError):
            self._stdin.close()
        # a killed process is reaped at once; never wait for ever
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)

    def discard(self) -> None:
        self.kill()
        with contextlib.suppress(OSError):
            if self.proc.stdout is not None:
                self.proc.stdout.close()

    def stop(self) -> None:
        """Ask it to leave (end of input), then kill it if it does not."""
        with contextlib.suppress(OSError):
            self._stdin.close()
        try:
            self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self.kill()
        with contextlib.suppress(OSError):
            if self.proc.stdout is not None:
                self.proc.stdout.close()


class _Late(Exception):
    """The worker has not answered in time."""


class _Broken(Exception):
    """The worker died, would not start, or broke the protocol."""


def _answer(reply: dict[str, Any]) -> EngineAnswer | None:
    if "error" in reply:  # the engine raised on this question: a bug, not the worker's state
        log.warning("the engine failed on a question: %s", str(reply["error"])[:200])
        return None
    found = reply.get("a")
    if found is None:
        return None
    if not isinstance(found, dict):
        raise _Broken("the worker's answer is not an object")
    fields = ("topic", "answer", "reasoning", "problem", "plain", "convention", "why")
    if any(not isinstance(found.get(name), str) for name in fields):
        raise _Broken("the worker's answer lacks a field")
    return EngineAnswer(*(found[name] for name in fields))


class EngineWorkers:
    """A pool of engine worker processes; thread-safe, usable from any event loop.

    Fair between callers: while the pool has two workers or more, one caller (a validator's
    hotkey, say) holds at most ``size - 1`` of them at once, so a caller whose questions
    all run to their deadline always leaves a worker for everyone else.

    ``target`` is the function each worker runs, as ``module:function`` (the engine's
    ``solve``; a benchmark may name another with the same signature).
    """

    def __init__(
        self,
        size: int = DEFAULT_WORKERS,
        budget_s: float = DEFAULT_BUDGET_S,
        target: str = DEFAULT_TARGET,
        start_timeout_s: float = START_TIMEOUT_S,
    ) -> None:
        if size < 1:
            raise ValueError("an engine pool needs at least one worker")
        self.size = size
        self.budget_s = budget_s
        self.target = target
        self.start_timeout_s = start_timeout_s
        self.per_caller = max(1, size - 1)
        self.stats = WorkerStats()
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._held: dict[str, int] = {}  # workers in use, by caller
        self._live = 0  # workers started or starting, not yet retired
        self._all: set[_Worker] = set()
        self._closed = False
        self._last_failure = ""
        self._failed_at = -_FAILED_START_BACKOFF_S
        self._executor: ThreadPoolExecutor | None = None
        self._spawns: queue.Queue[bool] = queue.Queue()
        self._spawner: threading.Thread | None = None

    @property
    def idle(self) -> int:
        """Workers started and waiting for a question."""
        with self._cond:
            return len(self._idle)

    def describe(self) -> str:
        return f"engine in up to {self.size} worker process{'es' if self.size > 1 else ''}"

    # ------------------------------------------------------------------ workers

    def _grow_locked(self) -> None:
        """Start one more worker in the background when the pool is below its size."""
        if self._closed or self._live >= self.size:
            return
        if time.monotonic() - self._failed_at < _FAILED_START_BACKOFF_S:
            return  # the last start failed a moment ago: do not spawn in a loop
        self._live += 1
        if self._spawner is None:
            # Workers are started by one thread that lives as long as the pool: Linux's
            # parent-death signal fires when the *thread* that started a worker ends.
            self._spawner = threading.Thread(
                target=self._spawn_loop, name="engine-workers", daemon=True
            )
            self._spawner.start()
        self._spawns.put(True)

    def _spawn_loop(self) -> None:
        while self._spawns.get():
            self._start_one()

    def _start_one(self) -> None:
        worker: _Worker | None = None
        try:
            worker = _Worker(self.target)
            with self._cond:
                self._all.add(worker)
            worker.wait_ready(self.start_timeout_s)
        except (OSError, ValueError, _Broken) as exc:
            if not self._closed:  # closing kills a starting worker: no news
                log.warning("an engine worker did not start: %s", exc)
            with self._cond:
                self._last_failure = str(exc)
                self._failed_at = time.monotonic()
                self._live -= 1
                if worker is not None:
                    self._all.discard(worker)
                self._cond.notify_all()
            if worker is not None:
                worker.discard()
            return
        with self._cond:
            self.stats.started += 1
            closed = self._closed
            if not closed:
                self._idle.append(worker)
                self._cond.notify_all()
        if closed:
            self._retire(worker)
            worker.discard()

    def _retire(self, worker: _Worker, kill: bool = True) -> None:
        with self._cond:
            if worker not in self._all:  # once per worker, whoever sees it go first
                return
            self._live -= 1
            self._all.discard(worker)
        if kill:
            worker.kill()
        else:
            worker.stop()

    def start(self, wait: bool = True) -> None:
        """Start every worker now; with ``wait``, until one is ready (or refuse)."""
        with self._cond:
            if self._closed:
                raise EngineUnavailable("the engine workers are closed")
            while self._live < self.size and self._spawns.qsize() < self.size:
                before = self._live
                self._grow_locked()
                if self._live == before:
                    break
        if wait:
            self._release(self._take(time.monotonic() + self.start_timeout_s + 1, ""), "")

    def _take(self, until: float, caller: str) -> _Worker:
        """An idle worker within the caller's share, growing the pool when none is idle;
        ``EngineUnavailable`` when ``until`` (monotonic) passes first."""
        with self._cond:
            while True:
                if self._closed:
                    raise EngineUnavailable("the engine workers are closed")
                within_share = self._held.get(caller, 0) < self.per_caller
                if self._idle and within_share:
                    self._held[caller] = self._held.get(caller, 0) + 1
                    return self._idle.pop()
                if within_share:
                    self._grow_locked()
                left = until - time.monotonic()
                if left <= 0:
                    if self._live == 0 and self._last_failure:
                        raise EngineUnavailable(
                            f"no engine worker could start: {self._last_failure}"
                        )
                    self.stats.busy += 1
                    raise EngineUnavailable("every engine worker was busy until the deadline")
                # woken by a release, a start, a failure or close(); the timeout covers the
                # end of a failed start's back-off
                self._cond.wait(min(left, 0.5))

    def _release(self, worker: _Worker | None, caller: str) -> None:
        """Give the caller's worker back (None: it was retired) and wake the waiting."""
        with self._cond:
            held = self._held.get(caller, 0) - 1
            if held > 0:
                self._held[caller] = held
            else:
                self._held.pop(caller, None)
            if worker is not None and not self._closed:
                self._idle.append(worker)
                worker = None
            elif worker is None:
                self._grow_locked()  # the retired one's replacement starts now
            self._cond.notify_all()
        if worker is not None:  # closed meanwhile
            self._retire(worker, kill=False)

    # ------------------------------------------------------------------ asking

    def solve_blocking(
        self, question: str, timeout: float | None = None, caller: str = ""
    ) -> EngineAnswer | None:
        """The engine's answer within ``timeout`` seconds (never more than the budget).

        None: the engine does not know the question. ``EngineTimeout``: it was still working
        when time ran out (its worker is replaced). ``EngineUnavailable``: no worker.
        """
        if len(question) > MAX_QUESTION_CHARS:
            return None
        limit = self.budget_s if timeout is None else min(max(timeout, 0.0), self.budget_s)
        until = time.monotonic() + limit
        worker = self._take(until, caller)
        try:
            reply = worker.ask(question, max(until - time.monotonic(), 0.001))
            found = _answer(reply)
        except _Late:
            self._retire(worker)
            worker.discard()
            self._release(None, caller)
            with self._cond:
                self.stats.timeouts += 1
                self.stats.killed += 1
            raise EngineTimeout(f"the engine was still working after {limit:.2f} s") from None
        except _Broken as exc:
            self._retire(worker)
            worker.discard()
            self._release(None, caller)
            if self._closed:
                raise EngineUnavailable("the engine workers are closed") from None
            with self._cond:
                self.stats.killed += 1
            log.warning("engine worker replaced: %s", exc)
            raise EngineUnavailable(f"the engine worker failed: {exc}") from None
        except BaseException:
            self._retire(worker)
            worker.discard()
            self._release(None, caller)
            raise
        with self._cond:
            self.stats.answered += 1
        self._release(worker, caller)
        return found

    async def solve(
        self, question: str, deadline: float | None = None, caller: str = ""
    ) -> EngineAnswer | None:
        """``solve_blocking`` off the event loop; ``deadline`` in the running loop's time."""
        loop = asyncio.get_running_loop()
        timeout = None if deadline is None else deadline - loop.time()
        with self._cond:
            if self._executor is None:
                # one thread per question that may wait for a worker; waiting is cheap
                self._executor = ThreadPoolExecutor(4 * self.size + 4, "engine-ask")
            executor = self._executor
        return await loop.run_in_executor(
            executor, self.solve_blocking, question, timeout, caller or CALLER.get()
        )

    def close(self) -> None:
        """Stop every worker: idle ones are asked to leave, busy or starting ones are killed."""
        with self._cond:
            self._closed = True
            executor, self._executor = self._executor, None
            idle, self._idle = self._idle, []
            self._cond.notify_all()
        for worker in idle:
            self._retire(worker, kill=False)
        with self._cond:
            rest = list(self._all)
        for worker in rest:
            self._retire(worker)
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        self._spawns.put(False)


# ------------------------------------------------------------------ the worker's side


def _load(target: str) -> Callable[[str], Any]:
    module, _, name = target.partition(":")
    fn = getattr(importlib.import_module(module), name)
    if not callable(fn):
        raise TypeError(f"{target} is not callable")
    return fn  # type: ignore[no-any-return]


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when its parent dies (no orphan keeps working)."""
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent is already gone
            os._exit(0)


def _serve(target: str) -> int:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything the engine prints goes to stderr, never into the protocol
    _die_with_parent()
    solve = _load(target)
    solve("warm-up")  # builds every table now, not inside the first question

    def send(payload: dict[str, Any]) -> None:
        out.write(json.dumps(payload).encode() + b"\n")
        out.flush()

    send({"ready": True})
    for raw in sys.stdin.buffer:
        try:
            question = json.loads(raw)["q"]
            if not isinstance(question, str):
                raise TypeError("the question is not text")
        except (ValueError, KeyError, TypeError) as exc:
            send({"error": f"bad request: {exc}"})
            continue
        try:
            found = solve(question)
        except Exception as exc:  # a bug in the engine: said to the parent, which logs it
            send({"error": f"{type(exc).__name__}: {exc}"})
            continue
        if found is None:
            send({"a": None})
        else:
            send(
                {
                    "a": {
                        "topic": found.topic,
                        "answer": found.answer,
                        "reasoning": found.reasoning,
                        "problem": found.problem,
                        "plain": found.plain,
                        "convention": found.convention,
                        "why": found.why,
                    }
                }
            )
    return 0


if __name__ == "__main__":
    sys.exit(_serve(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_TARGET))
