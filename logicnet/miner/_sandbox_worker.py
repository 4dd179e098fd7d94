"""The code that runs inside the sandbox: a clean worker that forks each job, a supervisor.

``logicnet.miner.sandbox`` starts this file's *source* as ``python -s -B -c <source> serve
<config>`` (inside bubblewrap when the host allows it), so nothing of the project has to be
visible in the sandbox. It may therefore import only the standard library, ``sympy`` (imported
once here so every job finds it ready) and, optionally, ``pyseccomp`` (the syscall filter).
Importing this module has no side effects; the parent imports it for the frame format. It is
one file, longer than our others, because it must run on its own.

Protocol on the worker's stdin/stdout, one frame = 4-byte big-endian length + UTF-8 JSON object:

    worker -> parent   {"ready": true, "seccomp": bool, "seccomp_error": str,    once
                        "sympy": bool, "job_files": bool, "job_files_error": str}
    parent -> worker   {"code": str, "timeout_s": float}                       per job
    worker -> parent   {"accepted": true}                                      per job
    worker -> parent   {"reason": str, "stdout": str, "stderr_tail": str}      per job

End of input makes the worker exit. Processes and what each may ever hold:

    worker (clean)   forks the supervisor first, then imports and warms sympy; it never
                     reads a frame, a job's code or its output: it forks a job child when the
                     supervisor asks (ahead of the job, while idle), passes the child's pipes
                     to it (SCM_RIGHTS) and reports the child's exit
      ├─ supervisor  forked before sympy (small), never forks: reads each job frame,
      │              acknowledges it, passes the code to the job child through its pipe,
      │              watches it, kills it at the deadline or the output cap, replies
      └─ job child   forked from the clean worker before its job existed: its own mount
                     namespace with a fresh tmpfs, no capabilities, own process group, fds
                     0..4 = /dev/null, stdout, stderr, status, job pipe; rlimits, seccomp,
                     "R" on the status pipe (then closed), exec(code)

So no process that a job runs in, or that a job is forked from, ever held another job's code or
output. A job's tmpfs belongs to its own mount namespace and goes with it: no walk over what the
job made, so cleanup takes the same time after a 3000-level directory as after nothing, and the
tmpfs's ``nr_inodes`` and ``size`` cap the files, their bytes and (as each level is an inode)
the depth of a job's directories. Without seccomp the job runs as pid 1 of its own pid
namespace (under a relay), so whatever it started dies with it. Without bubblewrap (opt-in
only) jobs get a fresh host directory, removed without recursion by a forked cleaner.

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
import signal
import socket
import struct
import sys
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
    "remove_tree",
]

FRAME_HEADER = struct.Struct(">I")
# What a job can end as; SETUP_FAILED is ours (the parent raises), never the model's.
EXIT_REASONS = ("ok", "error", "timeout", "memory", "output_limit", "killed")
SETUP_FAILED = "setup_failed"

_EXIT_ERROR = 1
_EXIT_MEMORY = 86  # the child's own code for "MemoryError escaped the job"
_EXIT_SETUP = 87
_SUPERVISOR_SERVED = 0
_SUPERVISOR_END_OF_INPUT = 3
_READY_BYTE = b"R"
_DRAIN_GRACE_S = 0.25  # after the child died: how long stragglers may keep its pipes open
_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_PR_SET_NO_NEW_PRIVS = 38
_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
_CLONE_NEWNS, _CLONE_NEWPID = 0x00020000, 0x20000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
_MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 0x20, 0x1000, 0x4000, 0x40000

# Syscalls a job gets EPERM for (default: allowed). bubblewrap already hides the filesystem and
# the network; this closes what namespaces leave open inside the sandbox.
_DENIED_SYSCALLS: dict[str, tuple[str, ...]] = {
    "network": (
        "socket",
        "socketpair",
        "connect",
        "bind",
        "listen",
        "accept",
        "accept4",
        "sendto",
        "sendmsg",
        "sendmmsg",
        "recvfrom",
        "recvmsg",
        "recvmmsg",
    ),
    "new processes and programs": ("fork", "vfork", "clone", "clone3", "execve", "execveat"),
    "reaching other processes": (
        "ptrace",
        "process_vm_readv",
        "process_vm_writev",
        "kcmp",
        "pidfd_open",
        "pidfd_getfd",
        "pidfd_send_signal",
        "kill",
        "tkill",
        "tgkill",
        "rt_sigqueueinfo",
        "rt_tgsigqueueinfo",
    ),
    "leaving the process group or raising limits": ("setsid", "setpgid", "setrlimit"),
    # RLIMIT_AS counts only what is mapped: a memfd, a SysV segment or a message queue holds
    # RAM after it is unmapped (60 memfds of 16 MiB were 960 MiB beyond the limit).
    "memory outside the address-space limit": (
        "memfd_create",
        "memfd_secret",
        "shmget",
        "shmat",
        "shmctl",
        "msgget",
        "msgsnd",
        "msgctl",
        "mq_open",
        "mq_timedsend",
        "mq_unlink",
        "mq_notify",
        "mq_getsetattr",
    ),
    "namespaces and mounts": (
        "unshare",
        "setns",
        "mount",
        "umount2",
        "pivot_root",
        "chroot",
        "open_tree",
        "move_mount",
        "fsopen",
        "fsconfig",
        "fsmount",
        "fspick",
        "mount_setattr",
    ),
    "kernel attack surface": (
        "bpf",
        "perf_event_open",
        "userfaultfd",
        "io_uring_setup",
        "io_uring_enter",
        "io_uring_register",
        "keyctl",
        "add_key",
        "request_key",
        "personality",
        "name_to_handle_at",
        "open_by_handle_at",
        "init_module",
        "finit_module",
        "delete_module",
        "kexec_load",
        "kexec_file_load",
        "reboot",
        "swapon",
        "swapoff",
        "acct",
        "syslog",
        "iopl",
        "ioperm",
    ),
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
        view = view[os.write(fd, view) :]


# ---- system calls Python does not wrap ---------------------------------------------------------


@functools.cache
def _libc() -> Any:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def _prctl(option: int, arg: Any) -> None:
    _check(_libc().prctl(option, arg, 0, 0, 0), f"prctl({option})")


def _mount(
    source: str | None, target: str, fstype: str | None, flags: int, options: str | None = None
) -> None:
    def c(text: str | None) -> bytes | None:
        return None if text is None else text.encode()

    _check(
        _libc().mount(c(source), c(target), c(fstype), ctypes.c_ulong(flags), c(options)),
        f"mount {target}",
    )


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _drop_capabilities() -> None:
    """Give up every capability. A job child holds CAP_SYS_ADMIN of the sandbox's user
    namespace until it has mounted its tmpfs; the supervisor drops it at once."""
    with contextlib.suppress(OSError):  # kernels before 4.3 have no ambient set
        _prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL)
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    _check(_libc().capset(ctypes.byref(header), (_CapData * 2)()), "capset")


def _capabilities() -> int:
    """Effective and permitted capabilities of this process as one bit set (0: none)."""
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(_libc().capget(ctypes.byref(header), data), "capget")
    return sum((d.effective | d.permitted) << (32 * i) for i, d in enumerate(data))


# ---- restricting one job (runs in the forked child) --------------------------------------------


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
            try:
                known = int(seccomp.resolve_syscall(arch, name)) >= 0  # fork: not on aarch64
            except ValueError:  # newer than this libseccomp: the kernel may lack it too
                known = False
            if known:
                syscall_filter.add_rule(deny, name)
    # getrlimit() is prlimit64(0, r, NULL, &old): only setting a limit (arg 2 != NULL) is denied.
    syscall_filter.add_rule(deny, "prlimit64", seccomp.Arg(2, seccomp.NE, 0))
    # A memfd, not a file under /tmp: the worker needs no writable directory of its own.
    with open(os.memfd_create("logicnet-seccomp"), "w+b") as out:
        syscall_filter.export_bpf(out)
        out.seek(0)
        return out.read()


def _load_seccomp_filter(program: bytes) -> None:
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))  # 8 bytes per instruction
    _prctl(_PR_SET_NO_NEW_PRIVS, 1)  # required to filter without CAP_SYS_ADMIN
    _check(
        _libc().prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0),
        "prctl(PR_SET_SECCOMP)",
    )


def _detach(keep_fds: int, own_group: bool = True) -> None:
    """First steps of a job child: its own process group, death with its parent, no fds
    beyond 0..keep_fds-1 (the worker's control pipe must not reach a job: it carries the
    other jobs)."""
    if own_group:  # the supervisor kills the whole group: nothing the job starts survives
        os.setpgid(0, 0)
    parent_pid = os.getppid()
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the death signal was armed
        os._exit(_EXIT_SETUP)
    os.closerange(keep_fds, resource.getrlimit(resource.RLIMIT_NOFILE)[0])


def _set_rlimits(config: Mapping[str, Any], timeout_s: float) -> None:
    cpu_s = int(timeout_s) + 2  # a backstop: the supervisor's wall clock normally fires first
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


def _restrict(config: Mapping[str, Any], seccomp_program: bytes | None, timeout_s: float) -> None:
    """The per-job limits, last thing before the model's code: rlimits, then seccomp (which
    forbids setting limits afterwards)."""
    os.environ.clear()
    os.environ.update(config["env"])
    if config["rlimits"]:
        _set_rlimits(config, timeout_s)
    if seccomp_program is not None:
        _load_seccomp_filter(seccomp_program)


def _text_stream(fd: int) -> Any:
    return open(
        fd,
        "w",
        encoding="utf-8",
        errors="backslashreplace",  # noqa: SIM115
        buffering=1,
        closefd=False,
    )


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
        # OSError: the supervisor stopped reading (output cap); ValueError: the code closed it.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    return status


# Fds of a job child: 0 /dev/null, 1 stdout, 2 stderr, 3 status ("R"), 4 the job frame.
_STATUS_FD, _JOB_FD = 3, 4


def _job_child(
    work_dir: str,
    fds: tuple[int, int, int, int],
    config: Mapping[str, Any],
    seccomp_program: bytes | None,
    own_group: bool = True,
) -> None:
    """Body of a forked child; never returns. Forked ahead of its job, it waits on fd 4."""
    status = _EXIT_SETUP
    try:
        sources = (os.open(os.devnull, os.O_RDONLY), *fds)
        # Lift every source above 0..4 first, so no dup2 below overwrites one not yet moved.
        lifted = [fcntl.fcntl(fd, fcntl.F_DUPFD, len(sources)) for fd in sources]
        for target, fd in enumerate(lifted):
            os.dup2(fd, target)
        _detach(keep_fds=len(sources), own_group=own_group)
        os.chdir(work_dir)
        job = _read_frame(_JOB_FD)
        if job is None:  # the supervisor is shutting down
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


# ---- where a job may write ------------------------------------------------------------------


def remove_tree(path: str) -> None:
    """Remove a directory tree whatever its depth and modes, without recursion and without
    long paths (a job can nest deeper than PATH_MAX): one directory fd at a time, ``..`` up."""
    if not os.path.lexists(path):
        return
    if os.path.islink(path) or not os.path.isdir(path):
        os.unlink(path)
        return
    os.chmod(path, 0o700)
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    fd = os.open(path, flags)
    below: list[str] = []
    try:
        while True:
            deeper = None
            with os.scandir(fd) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        deeper = entry.name
                        break
                    os.unlink(entry.name, dir_fd=fd)
            if deeper is not None:
                os.chmod(deeper, 0o700, dir_fd=fd)  # a job may have chmod-ed it to 000
                child = os.open(deeper, flags, dir_fd=fd)
                os.close(fd)
                fd = child
                below.append(deeper)
                continue
            if not below:
                break
            parent = os.open("..", flags, dir_fd=fd)
            os.close(fd)
            fd = parent
            os.rmdir(below.pop(), dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(path)


def job_files(config: Mapping[str, Any], number: int) -> str:
    """A fresh, empty place for job ``number``; returns its working directory. Runs in the
    job's child, before it drops its capabilities.

    Inside bubblewrap the child takes its own mount namespace (it holds CAP_SYS_ADMIN of
    the sandbox's user namespace) with a tmpfs on the scratch dir (``job_tmpfs`` holds its size
    and inode cap) and a Python installation under it bound back; the namespace, and the tmpfs
    with it, go when the job's processes do: no walk over what the job made. Without seccomp
    (which denies fork) the job child is also pid 1 of its own pid namespace, so the kernel
    ends whatever the job started when it exits. Without bubblewrap: a new host directory
    (see ``_HostTrash``).
    """
    scratch: str = config["scratch"]
    options: str | None = config.get("job_tmpfs")
    if options is None:
        path = os.path.join(scratch, f"job-{number}")
        os.mkdir(path, 0o700)
        return path
    # A pid namespace costs ~10 ms at each job's exit; only without seccomp can a job start
    # processes that would need it.
    flags = _CLONE_NEWNS | (_CLONE_NEWPID if config.get("job_pid_namespace") else 0)
    _check(_libc().unshare(flags), "unshare(CLONE_NEWNS)")
    _mount(None, "/", None, _MS_REC | _MS_PRIVATE)
    _mount("logicnet-job", scratch, "tmpfs", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC, options)
    for stash, root in config.get("python_binds", []):
        os.makedirs(root, exist_ok=True)
        _mount(stash, root, None, _MS_BIND | _MS_REC)
        _mount(None, root, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID | _MS_NODEV)
    work = os.path.join(scratch, "work")
    os.mkdir(work, 0o700)
    return work


class _HostTrash:
    """Without bubblewrap: a finished job's host directory is renamed out of the way at once
    and removed by a forked cleaner (on an overlay filesystem each rmdir can take
    milliseconds: 3000 levels took 12 s), so the next job never waits for it."""

    def __init__(self, scratch: str) -> None:
        self.scratch = scratch
        self.cleaners: set[int] = set()

    def discard(self, number: int) -> None:
        path = os.path.join(self.scratch, f"job-{number}")
        if not os.path.lexists(path):
            return
        trash = os.path.join(self.scratch, f"trash-{number}")
        os.rename(path, trash)
        self._reap()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                remove_tree(trash)
                code = 0
            finally:
                os._exit(code)
        self.cleaners.add(pid)

    def _reap(self) -> None:
        for pid in list(self.cleaners):
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    continue
            self.cleaners.discard(pid)


# ---- supervising one job (runs in the supervisor) ---------------------------------------------


def _kill_job(pid: int) -> None:
    """SIGKILL the job's process group (whatever it started) and the job itself."""
    for kill, target in ((os.killpg, pid), (os.kill, pid)):
        with contextlib.suppress(ProcessLookupError):
            kill(target, signal.SIGKILL)


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
    """A job child forked ahead of its job, as its supervisor sees it."""

    pid: int
    job_w: int
    stdout_r: int
    stderr_r: int
    status_r: int

    def close(self) -> None:
        for fd in (self.job_w, self.stdout_r, self.stderr_r, self.status_r):
            with contextlib.suppress(OSError):
                os.close(fd)


def _run_job(
    child: _Child, code: str, timeout_s: float, config: Mapping[str, Any], link: _WorkerLink
) -> dict[str, Any]:
    try:
        deadline = time.monotonic() + timeout_s
        # BrokenPipeError: the child died in set-up; no "R", so reported as SETUP_FAILED.
        with contextlib.suppress(BrokenPipeError):
            _write_all(child.job_w, encode_frame({"code": code, "timeout_s": timeout_s}))
        os.close(child.job_w)
        stdout, stderr, killed_for, status = _watch(child, deadline, config, link)
        started = os.read(child.status_r, 1) == _READY_BYTE
    finally:
        child.close()
    return {
        "reason": _exit_reason(status, killed_for, started),
        "stdout": stdout.decode("utf-8", errors="replace"),
        "stderr_tail": stderr.decode("utf-8", errors="replace"),
    }


def _watch(
    child: _Child, deadline: float, config: Mapping[str, Any], link: _WorkerLink
) -> tuple[bytes, bytes, str | None, int]:
    """Collect the child's output until it exits; kill it at the deadline or the output cap.
    The child is the worker's: its exit arrives as a message from the worker."""
    pid, stdout_r = child.pid, child.stdout_r
    stdout_cap, tail = config["stdout_bytes"], config["stderr_tail_bytes"]
    stdout, stderr = bytearray(), bytearray()
    killed_for: str | None = None
    poller = select.poll()
    open_pipes = {stdout_r, child.stderr_r}
    for fd in (*open_pipes, link.fileno):
        poller.register(fd, select.POLLIN)
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
                wait_s = deadline - now
            for fd, _event in poller.poll(max(0.0, wait_s) * 1000):
                if fd == link.fileno:
                    if not link.pump():
                        raise _WorkerGone
                    continue
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
            if exited_at is None and pid in link.exited:
                exited_at = time.monotonic()
                # Stragglers of its group may keep the pipes open. Its pid cannot have been
                # reused yet: the worker forks only when this supervisor asks.
                _kill_job(pid)
    finally:
        if exited_at is None:
            _kill_job(pid)
    return bytes(stdout[:stdout_cap]), bytes(stderr), killed_for, link.wait_exit(pid)


class _WorkerGone(Exception):
    """The worker died: its children with it. The supervisor leaves without a reply, so the
    parent sees a lost worker (and retries the job if it was never acknowledged)."""


class _WorkerLink:
    """The supervisor's end of its socket to the worker: ask for a job child, hear of exits.

    Messages (JSON, one per SOCK_SEQPACKET packet):
        worker -> supervisor  {"hello": {...}}                         once
        supervisor -> worker  {"fork": number}                         per job, ahead of it
        worker -> supervisor  {"forked": pid} + 4 fds, or {"fork_failed": why}
        worker -> supervisor  {"exited": pid, "status": waitpid status}
    """

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.fileno = sock.fileno()
        self.exited: dict[int, int] = {}
        self.replies: list[tuple[dict[str, Any], list[int]]] = []

    def pump(self) -> bool:
        """Take one message; False when the worker has gone."""
        data, fds, _flags, _address = socket.recv_fds(self.sock, 65536, 4)
        if not data:
            for fd in fds:
                os.close(fd)
            return False
        message = json.loads(data)
        if "exited" in message:
            self.exited[int(message["exited"])] = int(message["status"])
        else:
            self.replies.append((message, fds))
        return True

    def _reply(self) -> tuple[dict[str, Any], list[int]]:
        while not self.replies:
            if not self.pump():
                raise _WorkerGone
        return self.replies.pop(0)

    def hello(self) -> dict[str, Any]:
        message, _fds = self._reply()
        hello: dict[str, Any] = message["hello"]
        return hello

    def fork(self, number: int) -> _Child | str:
        """A job child forked by the (clean) worker, or why there is none."""
        self.sock.send(json.dumps({"fork": number}).encode())
        message, fds = self._reply()
        if "forked" not in message or len(fds) != 4:
            for fd in fds:
                os.close(fd)
            return f"worker: {message.get('fork_failed', 'no job child')}"
        job_w, stdout_r, stderr_r, status_r = fds
        return _Child(int(message["forked"]), job_w, stdout_r, stderr_r, status_r)

    def wait_exit(self, pid: int) -> int:
        while pid not in self.exited:
            if not self.pump():
                raise _WorkerGone
        return self.exited.pop(pid)


def _supervise(
    control: tuple[int, int], worker_pid: int, sock: socket.socket, config: Mapping[str, Any]
) -> int:
    """Body of the supervisor: the only process that reads jobs and their output. Forked once,
    before sympy was imported, it never forks: each job child comes from the clean worker."""
    control_in, control_out = control
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # never outlive the worker
    if os.getppid() != worker_pid:
        return _EXIT_SETUP
    _drop_capabilities()
    try:
        return _supervise_jobs(control_in, control_out, _WorkerLink(sock), config)
    except _WorkerGone:
        return _EXIT_ERROR


def _supervise_jobs(
    control_in: int, control_out: int, link: _WorkerLink, config: Mapping[str, Any]
) -> int:
    hello = link.hello()
    _write_all(control_out, encode_frame(hello))
    if not hello["job_files"]:
        return 1
    number = 1
    spare = link.fork(number)
    while (job := _read_frame(control_in)) is not None:
        # The parent retries a job on a fresh worker only if this never arrived: the code
        # cannot have run, so a worker that died between jobs costs no outcome.
        _write_all(control_out, encode_frame({"accepted": True}))
        if isinstance(spare, str):
            reply = {"reason": SETUP_FAILED, "stdout": "", "stderr_tail": spare}
        else:
            try:
                reply = _run_job(spare, job["code"], float(job["timeout_s"]), config, link)
            except OSError as exc:
                reply = {"reason": SETUP_FAILED, "stdout": "", "stderr_tail": f"worker: {exc!r}"}
        _write_all(control_out, encode_frame(reply))
        del job, reply  # nothing is forked from here, but hold no job longer than needed
        number += 1
        spare = link.fork(number)  # while idle: off the next job's clock
    if not isinstance(spare, str):
        _kill_job(spare.pid)
    return 0


def _relay_job(
    work_dir: str,
    fds: tuple[int, int, int, int],
    config: Mapping[str, Any],
    seccomp_program: bytes | None,
) -> int:
    """Without seccomp: run the job as pid 1 of the pid namespace ``job_files`` made, so the
    kernel ends whatever it started when it exits; end the way it ended."""
    os.setpgid(0, 0)
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    pid = os.fork()
    if pid == 0:
        _job_child(work_dir, fds, config, seccomp_program, own_group=False)
    for fd in fds:
        os.close(fd)
    status = os.waitpid(pid, 0)[1]
    if os.WIFSIGNALED(status):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    return os.waitstatus_to_exitcode(status)


def _fork_job_child(
    number: int, config: Mapping[str, Any], seccomp_program: bytes | None
) -> tuple[int, list[int]]:
    """Fork job ``number``'s child from this clean worker; return it and the supervisor's ends
    of its pipes."""
    job_r, job_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    status_r, status_w = os.pipe()
    child_ends = (stdout_w, stderr_w, status_w, job_r)
    pid = os.fork()
    if pid == 0:
        code = _EXIT_SETUP
        try:
            work_dir = job_files(config, number)
            _drop_capabilities()
            if config.get("job_pid_namespace"):
                code = _relay_job(work_dir, child_ends, config, seccomp_program)
            else:
                _job_child(work_dir, child_ends, config, seccomp_program)
        except BaseException:  # noqa: B036 - a forked child must end here, whatever happened
            traceback.print_exc()
        finally:
            os._exit(code)
    with contextlib.suppress(OSError):  # also done by the child: no race with a kill
        os.setpgid(pid, pid)
    for fd in child_ends:
        os.close(fd)
    return pid, [job_w, stdout_r, stderr_r, status_r]


def _serve_supervisor(
    sock: socket.socket, supervisor: int, config: Mapping[str, Any], seccomp_program: bytes | None
) -> int:
    """The worker's loop: fork job children when the supervisor asks, report their exits.
    It reads no job and no output, so every child it forks starts clean."""
    trash = _HostTrash(config["scratch"]) if config.get("job_tmpfs") is None else None
    children: dict[int, tuple[int, int | None]] = {}  # pid -> (job number, pidfd)
    poller = select.poll()
    poller.register(sock.fileno(), select.POLLIN)
    try:
        while True:
            pidfds_everywhere = all(pidfd is not None for _n, pidfd in children.values())
            events = poller.poll(None if pidfds_everywhere else 50)
            if any(fd == sock.fileno() for fd, _event in events):
                data = sock.recv(65536)
                if not data:  # the supervisor has exited
                    return 0
                number = int(json.loads(data)["fork"])
                try:
                    pid, ends = _fork_job_child(number, config, seccomp_program)
                except OSError as exc:
                    sock.send(json.dumps({"fork_failed": repr(exc)}).encode())
                else:
                    socket.send_fds(sock, [json.dumps({"forked": pid}).encode()], ends)
                    for fd in ends:
                        os.close(fd)
                    pidfd = None
                    with contextlib.suppress(AttributeError, OSError):  # kernel < 5.3
                        pidfd = os.pidfd_open(pid)
                        poller.register(pidfd, select.POLLIN)
                    children[pid] = (number, pidfd)
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                if pid == supervisor:
                    return 0 if os.waitstatus_to_exitcode(status) == 0 else 1
                if pid in children:
                    number, pidfd = children.pop(pid)
                    if pidfd is not None:
                        poller.unregister(pidfd)
                        os.close(pidfd)
                    sock.send(json.dumps({"exited": pid, "status": status}).encode())
                    if trash is not None:
                        trash.discard(number)
    finally:
        for pid in children:
            _kill_job(pid)


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


def _job_files_error(config: Mapping[str, Any]) -> str:
    """Try, in a throwaway child, what every supervisor will do; "" when it works."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        message = b""
        try:
            job_files(config, 0)
        except OSError as exc:
            message = f"{type(exc).__name__}: {exc}".encode()
        os.write(write_fd, message)
        os._exit(0)
    os.close(write_fd)
    os.waitpid(pid, 0)
    with os.fdopen(read_fd, "rb") as report:
        error = report.read().decode(errors="replace")
    if config.get("job_tmpfs") is None:  # a host directory: remove the trial one
        with contextlib.suppress(OSError):
            remove_tree(os.path.join(config["scratch"], "job-0"))
    return error


def serve(config: Mapping[str, Any]) -> int:
    """Start the supervisor (before sympy is imported: it stays small and never forks), then
    fork a clean job child each time it asks, until it exits."""
    control = _take_control_fds()
    _harden_worker()
    seccomp_program, why_not = _seccomp_program(bool(config["seccomp"]))
    files_error = _job_files_error(config)
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    worker_pid = os.getpid()
    supervisor = os.fork()
    if supervisor == 0:
        code = _EXIT_ERROR
        try:
            ours.close()
            code = _supervise(control, worker_pid, theirs, config)
        except BaseException:  # noqa: B036 - a forked child must end here, whatever happened
            traceback.print_exc()
        finally:
            os._exit(code)
    theirs.close()
    for fd in control:  # the jobs' pipe is the supervisor's alone
        os.close(fd)
    has_sympy = _warm_up_sympy() if not files_error else False
    gc.freeze()  # fewer copy-on-write faults after each fork
    hello = {
        "ready": True,
        "seccomp": seccomp_program is not None,
        "seccomp_error": why_not,
        "sympy": has_sympy,
        "job_files": not files_error,
        "job_files_error": files_error,
    }
    ours.send(json.dumps({"hello": hello}).encode())
    if files_error:
        os.waitpid(supervisor, 0)
        return 1  # the parent refuses such a worker: jobs would share their files
    return _serve_supervisor(ours, supervisor, config, seccomp_program)


def probe(config: Mapping[str, Any]) -> int:
    """Print which layers hold here, testing them the way a job meets them."""
    report: dict[str, Any] = {
        "hidden_paths_visible": [path for path in config["hidden_paths"] if os.path.lexists(path)],
    }
    try:
        import socket

        report["network_interfaces"] = [name for _index, name in socket.if_nameindex()]
    except OSError as exc:
        report["network_interfaces"] = [f"unknown: {exc}"]
    seccomp_program, report["seccomp_error"] = _seccomp_program(True)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # plays a job child: job files, no capabilities, then (in a fork) the job
        os.close(read_fd)
        _probe_as_job_child(config, seccomp_program, write_fd)
    os.close(write_fd)
    os.waitpid(pid, 0)
    child_report = b""
    while chunk := os.read(read_fd, 65536):
        child_report += chunk
    report.update(json.loads(child_report or b"{}"))
    print(json.dumps(report))
    return 0


def _probe_as_job_child(
    config: Mapping[str, Any], seccomp_program: bytes | None, report_fd: int
) -> None:
    checks: dict[str, Any] = {
        "job_files": False,
        "rlimits": False,
        "seccomp": False,
        "empty_env": False,
        "capabilities_dropped": False,
    }
    try:
        work_dir = job_files(config, 0)
        _drop_capabilities()
        pid = os.fork()
        if pid == 0:
            checks.update(_probe_as_job(config, seccomp_program, work_dir))
            os.write(report_fd, json.dumps(checks).encode())
            os._exit(0)
        os.waitpid(pid, 0)
    except BaseException as exc:  # noqa: B036 - reported, and the child must exit here
        checks["error"] = f"{type(exc).__name__}: {exc}"
        os.write(report_fd, json.dumps(checks).encode())
    os._exit(0)


def _probe_as_job(
    config: Mapping[str, Any], seccomp_program: bytes | None, work_dir: str
) -> dict[str, Any]:
    checks: dict[str, Any] = {}
    try:
        checks["capabilities_dropped"] = _capabilities() == 0
        os.chdir(work_dir)
        with open("probe", "w") as out:
            out.write("x")
        checks["job_files"] = os.listdir(".") == ["probe"]
        checks["own_pid_namespace"] = os.getpid() == 1
        _restrict(config, seccomp_program, timeout_s=5.0)
        checks["rlimits"] = resource.getrlimit(resource.RLIMIT_AS) == (
            (config["memory_bytes"],) * 2
        )
        checks["empty_env"] = dict(os.environ) == dict(config["env"])
        checks["seccomp"] = seccomp_program is not None and _seccomp_blocks_probes()
    except BaseException as exc:  # noqa: B036 - reported, and the child must exit here
        checks["error"] = f"{type(exc).__name__}: {exc}"
    return checks


def _seccomp_blocks_probes() -> bool:
    import socket

    attempts = (socket.socket, os.fork, lambda: os.memfd_create("probe"))
    for attempt in attempts:
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
