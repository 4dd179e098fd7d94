"""The code that runs inside the sandbox: a worker that serves jobs, each in a fresh child.

``logicnet.miner.sandbox`` starts this file's *source* as ``python -s -B -c <source> serve
<config>`` (inside bubblewrap when the host allows it), so nothing of the project has to be
visible in the sandbox. It may therefore import only the standard library, ``sympy`` (imported
once here so every job finds it ready) and, optionally, ``pyseccomp`` (the syscall filter).
Importing this module has no side effects; the parent imports it for the frame format.

Protocol on the worker's stdin/stdout, one frame = 4-byte big-endian length + UTF-8 JSON object:

    worker -> parent   {"ready": true, "seccomp": bool, "seccomp_error": str,    once
                        "sympy": bool}
    parent -> worker   {"code": str, "timeout_s": float}                       per job
    worker -> parent   {"accepted": true}                                      per job
    worker -> parent   {"reason": str, "stdout": str, "stderr_tail": str}      per job

End of input makes the worker exit. One job, in time order:

    (idle) worker ── fork ──► child: own process group, dies with the worker, fds 0..4 =
                              /dev/null, stdout, stderr, status, job pipes; every other fd
                              closed (the control pipe carries other jobs); cwd = a fresh job
                              dir; blocks reading its job
    job arrives ─► worker acknowledges it, passes it to the child ─► child: environment
                   rebuilt, rlimits, seccomp, "R" on the status pipe (then closed), exec(code)
    worker: polls stdout / stderr / pidfd until the child exits; kills its process group at
            the deadline or when stdout passes the cap; replies
    after the reply: kill everything else in the sandbox's pid namespace, wipe the scratch
            dir, fork the next job's child

The "R" byte comes before the model's code runs and its pipe is closed, so a job can never make
the parent believe that *our* set-up failed (which raises instead of being an outcome). The
acknowledgement lets the parent re-run a job on a fresh worker when the old one died unnoticed:
without it, the code cannot have started.
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import errno
import fcntl
import functools
import gc
import json
import os
import resource
import select
import shutil
import signal
import struct
import sys
import tempfile
import time
import traceback
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "EXIT_REASONS",
    "FRAME_HEADER",
    "SETUP_FAILED",
    "decode_frame_length",
    "encode_frame",
    "main",
]

FRAME_HEADER = struct.Struct(">I")
# What a job can end as; SETUP_FAILED is ours (the parent raises), never the model's.
EXIT_REASONS = ("ok", "error", "timeout", "memory", "output_limit", "killed")
SETUP_FAILED = "setup_failed"

_EXIT_ERROR = 1
_EXIT_MEMORY = 86  # the child's own code for "MemoryError escaped the job"
_EXIT_SETUP = 87
_READY_BYTE = b"R"
_DRAIN_GRACE_S = 0.25  # after the child died: how long stragglers may keep its pipes open
_GUARD_INTERVAL_S = 0.05  # how often the scratch tmpfs is measured when bwrap cannot cap it
_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_PR_SET_NO_NEW_PRIVS = 38

# Syscalls a job gets EPERM for (default: allowed). bubblewrap already hides the filesystem and
# the network; this closes what namespaces leave open inside the sandbox.
_DENIED_SYSCALLS: dict[str, tuple[str, ...]] = {
    "network": ("socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
                "sendto", "sendmsg", "sendmmsg", "recvfrom", "recvmsg", "recvmmsg"),
    "new processes and programs": ("fork", "vfork", "clone", "clone3", "execve", "execveat"),
    "reaching other processes": ("ptrace", "process_vm_readv", "process_vm_writev", "kcmp",
                                 "pidfd_open", "pidfd_getfd", "pidfd_send_signal", "kill",
                                 "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo"),
    "leaving the process group or raising limits": ("setsid", "setpgid", "setrlimit"),
    "namespaces and mounts": ("unshare", "setns", "mount", "umount2", "pivot_root", "chroot",
                              "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount",
                              "fspick", "mount_setattr"),
    "kernel attack surface": ("bpf", "perf_event_open", "userfaultfd", "io_uring_setup",
                              "io_uring_enter", "io_uring_register", "keyctl", "add_key",
                              "request_key", "personality", "name_to_handle_at",
                              "open_by_handle_at", "init_module", "finit_module",
                              "delete_module", "kexec_load", "kexec_file_load", "reboot",
                              "swapon", "swapoff", "acct", "syslog", "iopl", "ioperm"),
}


# ---- frames ---------------------------------------------------------------------------------

def encode_frame(message: Mapping[str, Any]) -> bytes:
    """One protocol frame; ASCII JSON so any code (even lone surrogates) survives the trip."""
    body = json.dumps(message, ensure_ascii=True).encode("ascii")
    return FRAME_HEADER.pack(len(body)) + body


def decode_frame_length(header: bytes) -> int:
    length: int = FRAME_HEADER.unpack(header)[0]
    return length


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = os.read(fd, size - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)


def _read_frame(fd: int) -> dict[str, Any] | None:
    header = _read_exactly(fd, FRAME_HEADER.size)
    if header is None:
        return None
    body = _read_exactly(fd, decode_frame_length(header))
    if body is None:
        return None
    message: dict[str, Any] = json.loads(body)
    return message


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


# ---- restricting one job (runs in the forked child) --------------------------------------------

@functools.cache
def _libc() -> Any:
    return ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, arg: Any) -> None:
    if _libc().prctl(option, arg, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def compile_seccomp_filter(seccomp: Any) -> bytes:
    """The job filter as classic BPF, built once per worker (libseccomp takes ~8 ms to build
    it; loading the finished program in each child takes microseconds)."""
    deny = seccomp.ERRNO(errno.EPERM)
    arch = seccomp.system_arch()
    syscall_filter = seccomp.SyscallFilter(seccomp.ALLOW)
    for names in _DENIED_SYSCALLS.values():
        for name in names:
            if int(seccomp.resolve_syscall(arch, name)) >= 0:  # fork/vfork: not on aarch64
                syscall_filter.add_rule(deny, name)
    # getrlimit() is prlimit64(0, r, NULL, &old): only setting a limit (arg 2 != NULL) is denied.
    syscall_filter.add_rule(deny, "prlimit64", seccomp.Arg(2, seccomp.NE, 0))
    with tempfile.TemporaryFile() as out:
        syscall_filter.export_bpf(out)
        out.seek(0)
        return out.read()


def _load_seccomp_filter(program: bytes) -> None:
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))  # 8 bytes per instruction
    _prctl(_PR_SET_NO_NEW_PRIVS, 1)  # required to filter without CAP_SYS_ADMIN
    if _libc().prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")


def _detach(keep_fds: int) -> None:
    """First steps of a job child: its own process group, death with the worker, no fds
    beyond 0..keep_fds-1 (the worker's control pipe must not reach a job: it carries the
    other jobs)."""
    os.setpgid(0, 0)  # the worker kills the whole group: nothing the job starts survives it
    worker_pid = os.getppid()
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != worker_pid:  # the worker died before the death signal was armed
        os._exit(_EXIT_SETUP)
    os.closerange(keep_fds, resource.getrlimit(resource.RLIMIT_NOFILE)[0])


def _set_rlimits(config: Mapping[str, Any], timeout_s: float) -> None:
    cpu_s = int(timeout_s) + 2  # a backstop: the worker's wall clock normally fires first
    limits = {
        resource.RLIMIT_CPU: (cpu_s, cpu_s + 1),  # soft: SIGXCPU, hard: SIGKILL
        resource.RLIMIT_AS: (config["memory_bytes"],) * 2,
        resource.RLIMIT_FSIZE: (config["file_bytes"],) * 2,  # Python ignores SIGXFSZ: EFBIG
        resource.RLIMIT_NOFILE: (config["open_files"],) * 2,
        resource.RLIMIT_NPROC: (0, 0),  # no fork (root of the initial user ns is exempt)
        resource.RLIMIT_CORE: (0, 0),
    }
    for which, soft_hard in limits.items():
        resource.setrlimit(which, soft_hard)


def _restrict(config: Mapping[str, Any], seccomp_program: bytes | None,
              timeout_s: float) -> None:
    """The per-job limits, last thing before the model's code: rlimits, then seccomp (which
    forbids setting limits afterwards)."""
    os.environ.clear()
    os.environ.update(config["env"])
    if config["rlimits"]:
        _set_rlimits(config, timeout_s)
    if seccomp_program is not None:
        _load_seccomp_filter(seccomp_program)


def _text_stream(fd: int) -> Any:
    return open(fd, "w", encoding="utf-8", errors="backslashreplace",  # noqa: SIM115
                buffering=1, closefd=False)


def _run_model_code(code: str) -> int:
    """Execute as a fresh ``__main__``; map the outcome to an exit status."""
    module = types.ModuleType("__main__")
    module.__dict__["__builtins__"] = builtins
    sys.modules["__main__"] = module
    try:
        exec(compile(code, "<model-code>", "exec"), module.__dict__)
        status = 0
    except MemoryError:
        status = _EXIT_MEMORY
        os.write(2, b"MemoryError: the job ran out of its memory limit\n")
    except SystemExit as exc:  # like the interpreter: None -> 0, int -> itself, text -> 1
        if exc.code is None:
            status = 0
        elif isinstance(exc.code, int):
            status = exc.code if 0 <= exc.code <= 255 else _EXIT_ERROR
        else:
            status = _EXIT_ERROR
            print(exc.code, file=sys.stderr)
    except BaseException as exc:  # the model's error is an outcome: report it, do not die
        status = _EXIT_ERROR
        try:  # the traceback starts at the model's code, not in this file
            tb = exc.__traceback__
            traceback.print_exception(type(exc), exc, tb.tb_next if tb else None)
        except MemoryError:
            status = _EXIT_MEMORY
    for stream in (sys.stdout, sys.stderr):
        # OSError: the worker stopped reading (output cap); ValueError: the code closed it.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    return status


# Fds of a job child: 0 /dev/null, 1 stdout, 2 stderr, 3 status ("R"), 4 the job frame.
_STATUS_FD, _JOB_FD = 3, 4


def _job_child(job_dir: str, fds: tuple[int, int, int, int], config: Mapping[str, Any],
               seccomp_program: bytes | None) -> None:
    """Body of a forked child; never returns. Forked ahead of its job, it waits on fd 4."""
    status = _EXIT_SETUP
    try:
        sources = (os.open(os.devnull, os.O_RDONLY), *fds)
        # Lift every source above 0..4 first, so no dup2 below overwrites one not yet moved.
        lifted = [fcntl.fcntl(fd, fcntl.F_DUPFD, len(sources)) for fd in sources]
        for target, fd in enumerate(lifted):
            os.dup2(fd, target)
        _detach(keep_fds=len(sources))
        os.chdir(job_dir)
        job = _read_frame(_JOB_FD)
        if job is None:  # the worker is shutting down
            os._exit(0)
        os.close(_JOB_FD)
        _restrict(config, seccomp_program, float(job["timeout_s"]))
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout, sys.stderr = _text_stream(1), _text_stream(2)
        os.write(_STATUS_FD, _READY_BYTE)
        os.close(_STATUS_FD)
    except BaseException:
        try:
            traceback.print_exc()  # our set-up failed: the parent shows this tail in the error
        finally:
            os._exit(status)
    os._exit(_run_model_code(job["code"]))


# ---- supervising one job (runs in the worker) -------------------------------------------------

def _kill_job(pid: int) -> None:
    """SIGKILL the job's process group (whatever it started) and the job itself."""
    for kill, target in ((os.killpg, pid), (os.kill, pid)):
        with contextlib.suppress(ProcessLookupError):
            kill(target, signal.SIGKILL)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _wipe(root: str, keep: list[str] | None = None) -> None:
    """Remove everything a job left under root, even if it chmod-ed things to 000.

    ``keep`` are read-only binds (the Python installation) that live inside root: the
    directories leading to them are walked and emptied, the binds themselves left alone.
    """
    keep = keep or []
    os.chmod(root, 0o700)
    for entry in os.listdir(root):
        path = os.path.join(root, entry)
        holds = [k for k in keep if _inside(k, path)]
        if holds and not os.path.islink(path):
            if path not in holds:
                _wipe(path, holds)
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            for dirpath, dirnames, _files in os.walk(path):
                os.chmod(dirpath, 0o700)
                for name in dirnames:
                    sub = os.path.join(dirpath, name)
                    if not os.path.islink(sub):  # never chmod what a job's symlink points at
                        os.chmod(sub, 0o700)
            shutil.rmtree(path)  # does not follow symlinks
        else:
            os.unlink(path)


def _used_bytes(path: str) -> int:
    """Bytes in use on the filesystem of path: inside bwrap, the sandbox's private tmpfs."""
    stats = os.statvfs(path)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize


def _exit_reason(status: int, killed_for: str | None, started: bool) -> str:
    if killed_for is not None:
        return killed_for
    if not started:
        return SETUP_FAILED
    if os.WIFEXITED(status):
        code = os.WEXITSTATUS(status)
        return "ok" if code == 0 else "memory" if code == _EXIT_MEMORY else "error"
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        return "timeout"
    return "killed"


@dataclass
class _Child:
    """A job child forked ahead of its job, as the worker sees it."""

    pid: int
    job_w: int
    stdout_r: int
    stderr_r: int
    status_r: int

    def close(self) -> None:
        for fd in (self.job_w, self.stdout_r, self.stderr_r, self.status_r):
            with contextlib.suppress(OSError):
                os.close(fd)


class _Worker:
    """Serves jobs one at a time. The next job's child is forked while the worker is idle,
    so the fork (milliseconds for a process holding sympy) is off the job's clock."""

    def __init__(self, config: Mapping[str, Any], seccomp_program: bytes | None) -> None:
        self.config = config
        self.seccomp_program = seccomp_program
        self.forked = 0
        self.spare: _Child | None = None

    def fork_spare(self) -> None:
        if self.spare is None:
            self.spare = self._fork_child()

    def _fork_child(self) -> _Child:
        self.forked += 1
        job_dir = os.path.join(self.config["scratch"], f"job-{self.forked}")
        os.mkdir(job_dir, 0o700)
        job_r, job_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        status_r, status_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            _job_child(job_dir, (stdout_w, stderr_w, status_w, job_r), self.config,
                       self.seccomp_program)
        with contextlib.suppress(OSError):  # also done by the child: no race with a kill
            os.setpgid(pid, pid)
        for fd in (job_r, stdout_w, stderr_w, status_w):
            os.close(fd)
        return _Child(pid, job_w, stdout_r, stderr_r, status_r)

    def run(self, code: str, timeout_s: float) -> dict[str, Any]:
        child, self.spare = self.spare or self._fork_child(), None
        try:
            deadline = time.monotonic() + timeout_s
            # BrokenPipeError: the child died in set-up; no "R", so reported as SETUP_FAILED.
            with contextlib.suppress(BrokenPipeError):
                _write_all(child.job_w, encode_frame({"code": code, "timeout_s": timeout_s}))
            os.close(child.job_w)
            stdout, stderr, killed_for, status = self._supervise(
                child.pid, child.stdout_r, child.stderr_r, deadline)
            started = os.read(child.status_r, 1) == _READY_BYTE
        finally:
            child.close()
        return {
            "reason": _exit_reason(status, killed_for, started),
            "stdout": stdout.decode("utf-8", errors="replace"),
            "stderr_tail": stderr.decode("utf-8", errors="replace"),
        }

    def after_job(self) -> None:
        """Between jobs: end and remove what the last one left, then fork the next one's child.

        run() has taken the spare, so in bwrap's pid namespace nothing but this worker and
        bwrap's init (pid 1, which kill(-1) skips) should be alive now. Anything else escaped
        the job's process group: possible without seccomp when the sandbox uid maps to host
        root, which RLIMIT_NPROC exempts. Never outside the namespace: there -1 means every
        process of the miner's user.
        """
        if self.config["own_pid_namespace"]:
            with contextlib.suppress(ProcessLookupError):  # ESRCH: nothing left, the usual case
                os.kill(-1, signal.SIGKILL)
        _wipe(self.config["scratch"], self.config.get("keep"))
        self.fork_spare()

    def _supervise(self, pid: int, stdout_r: int, stderr_r: int,
                   deadline: float) -> tuple[bytes, bytes, str | None, int]:
        stdout_cap, tail = self.config["stdout_bytes"], self.config["stderr_tail_bytes"]
        # Set when bwrap is too old for --size: then the tmpfs is measured here instead.
        scratch_guard: int | None = self.config.get("scratch_guard_bytes")
        stdout, stderr = bytearray(), bytearray()
        killed_for: str | None = None
        poller = select.poll()
        open_pipes = {stdout_r, stderr_r}
        for fd in open_pipes:
            poller.register(fd, select.POLLIN)
        pidfd: int | None = None
        try:
            pidfd = os.pidfd_open(pid)
            poller.register(pidfd, select.POLLIN)
        except (AttributeError, OSError):  # kernel < 5.3: fall back to polling waitpid
            pidfd = None
        exited_at: float | None = None
        try:
            while open_pipes or exited_at is None:
                now = time.monotonic()
                if exited_at is None and now >= deadline and killed_for is None:
                    killed_for = "timeout"
                    _kill_job(pid)
                if exited_at is not None and now >= exited_at + _DRAIN_GRACE_S:
                    break
                if exited_at is not None:
                    wait_s = exited_at + _DRAIN_GRACE_S - now
                elif killed_for is not None:
                    wait_s = 0.02  # until the SIGKILL has landed
                else:
                    wait_s = deadline - now if pidfd is not None else min(deadline - now, 0.02)
                    if scratch_guard is not None:
                        wait_s = min(wait_s, _GUARD_INTERVAL_S)
                        if _used_bytes(self.config["scratch"]) > scratch_guard:
                            killed_for = "memory"  # tmpfs is RAM
                            stderr += b"\nsandbox: the job's files exceeded the scratch space\n"
                            _kill_job(pid)
                for fd, _event in poller.poll(max(0.0, wait_s) * 1000):
                    if fd == pidfd:
                        continue  # exit is checked below, with waitid
                    data = os.read(fd, 65536)
                    if not data:
                        poller.unregister(fd)
                        open_pipes.discard(fd)
                    elif fd == stdout_r:
                        stdout += data
                        if len(stdout) > stdout_cap and killed_for is None:
                            killed_for = "output_limit"
                            _kill_job(pid)
                    else:
                        stderr = (stderr + data)[-tail:]
                # WNOWAIT: an unreaped zombie keeps its pid and group number from being reused,
                # so killing stragglers in its group cannot hit anybody else.
                if exited_at is None and os.waitid(
                        os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                    exited_at = time.monotonic()
                    if pidfd is not None:
                        poller.unregister(pidfd)
                    _kill_job(pid)  # stragglers of its group may keep the pipes open
        finally:
            if exited_at is None:
                _kill_job(pid)
            status = os.waitpid(pid, 0)[1]
            if pidfd is not None:
                os.close(pidfd)
        return bytes(stdout[:stdout_cap]), bytes(stderr), killed_for, status


# ---- entry points ------------------------------------------------------------------------------

def _seccomp_program(wanted: bool) -> tuple[bytes | None, str]:
    """The compiled job filter, or None with the reason it is unavailable."""
    if not wanted:
        return None, "not requested"
    try:
        import pyseccomp

        return compile_seccomp_filter(pyseccomp), ""
    except (ImportError, RuntimeError, OSError) as exc:  # RuntimeError: no libseccomp.so
        return None, f"{type(exc).__name__}: {exc}"


def _take_control_fds() -> tuple[int, int]:
    """Keep the protocol pipes on private fds; stray prints of libraries go to the log."""
    control_in, control_out = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    return control_in, control_out


def _harden_worker() -> None:
    # '' (the cwd) on sys.path would let a job's leftovers shadow modules imported later.
    sys.path[:] = [path for path in sys.path if path]
    # Not dumpable: a job without seccomp still cannot ptrace the worker that serves the next.
    _prctl(_PR_SET_DUMPABLE, 0)


def _warm_up_sympy() -> bool:
    """Import sympy and run the common operations once: their first call imports submodules
    and fills caches (~30 ms for solve, ~150 ms for integrate), which every forked job inherits."""
    try:
        import sympy
    except ImportError:
        return False
    try:
        x, y = sympy.symbols("x y")
        sympy.solve([x + y - 3, x - y - 1], [x, y])
        sympy.solve(x**2 - 4, x)
        sympy.simplify(sympy.sin(x) ** 2 + sympy.cos(x) ** 2)
        sympy.factor(x**2 - 1)
        sympy.integrate(x * sympy.sin(x), x)
        sympy.diff(sympy.exp(x**2), x)
        sympy.limit(sympy.sin(x) / x, x, 0)
        sympy.Matrix([[1, 2], [3, 4]]).det()
        sympy.N(sympy.pi, 20)
        sympy.isprime(97)
        sympy.sympify("x**2 + 1")  # a constant string of ours: loads the parser
    except Exception as exc:  # a slower first call is not worth losing the worker over
        print(f"sandbox worker: sympy warm-up failed: {exc!r}", file=sys.stderr)
    return True


def serve(config: Mapping[str, Any]) -> int:
    control_in, control_out = _take_control_fds()
    _harden_worker()
    seccomp_program, why_not = _seccomp_program(bool(config["seccomp"]))
    has_sympy = _warm_up_sympy()
    gc.freeze()  # fewer copy-on-write faults after each fork
    worker = _Worker(config, seccomp_program)
    with contextlib.suppress(OSError):  # if this fails, run() forks (and reports) on demand
        worker.fork_spare()
    _write_all(control_out, encode_frame(
        {"ready": True, "seccomp": seccomp_program is not None, "seccomp_error": why_not,
         "sympy": has_sympy}))
    while (job := _read_frame(control_in)) is not None:
        # The parent retries a job on a fresh worker only if this never arrived: the code
        # cannot have run, so a worker that died between jobs costs no outcome.
        _write_all(control_out, encode_frame({"accepted": True}))
        try:
            reply = worker.run(job["code"], float(job["timeout_s"]))
        except OSError as exc:  # fork, pipe or the scratch dir failed: ours, not the job's
            reply = {"reason": SETUP_FAILED, "stdout": "", "stderr_tail": f"worker: {exc!r}"}
        _write_all(control_out, encode_frame(reply))
        try:
            worker.after_job()
        except OSError as exc:
            # Leftovers could reach the next job: stop, and let the parent start a clean worker.
            print(f"sandbox worker: cleaning up after a job failed: {exc!r}", file=sys.stderr)
            return 1
    return 0


def probe(config: Mapping[str, Any]) -> int:
    """Print which layers hold here, testing them the way a job meets them."""
    report: dict[str, Any] = {
        "hidden_paths_visible": [path for path in config["hidden_paths"]
                                 if os.path.lexists(path)],
    }
    try:
        import socket
        report["network_interfaces"] = [name for _index, name in socket.if_nameindex()]
    except OSError as exc:
        report["network_interfaces"] = [f"unknown: {exc}"]
    seccomp_program, report["seccomp_error"] = _seccomp_program(True)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        checks: dict[str, Any] = {"rlimits": False, "seccomp": False, "empty_env": False}
        try:
            os.dup2(write_fd, 3)
            _detach(keep_fds=4)
            _restrict(config, seccomp_program, timeout_s=5.0)
            checks["rlimits"] = resource.getrlimit(resource.RLIMIT_AS) == (
                (config["memory_bytes"],) * 2)
            checks["empty_env"] = dict(os.environ) == dict(config["env"])
            checks["seccomp"] = seccomp_program is not None and _seccomp_blocks_probes()
        except BaseException as exc:
            checks["error"] = f"{type(exc).__name__}: {exc}"
        os.write(3, json.dumps(checks).encode())
        os._exit(0)
    os.close(write_fd)
    os.waitpid(pid, 0)
    child_report = b""
    while chunk := os.read(read_fd, 65536):
        child_report += chunk
    report.update(json.loads(child_report or b"{}"))
    print(json.dumps(report))
    return 0


def _seccomp_blocks_probes() -> bool:
    import socket

    for attempt in (socket.socket, os.fork):
        try:
            result = attempt()
        except PermissionError:
            continue
        if result == 0:  # a fork that succeeded: the child leaves at once
            os._exit(0)
        return False
    return True


def main(argv: list[str]) -> int:
    mode, config = argv[0], json.loads(argv[1])
    return serve(config) if mode == "serve" else probe(config)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
