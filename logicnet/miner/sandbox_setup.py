"""What a sandbox is made of, and how its workers are started: limits, layers, bubblewrap.

``detect_layers()`` finds out, by running the worker's probe, which layers hold on this host;
``Launcher`` builds a worker's command line (inside bubblewrap when it holds). The pool that
uses them is ``logicnet.miner.sandbox``; the code that runs inside is ``_sandbox_worker``.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from logicnet.errors import SandboxClosed, SandboxError, SandboxUnavailable
from logicnet.miner import _sandbox_worker as protocol

__all__ = [
    "DEFAULT_LIMITS",
    "SANDBOX_ENV",
    "ExitReason",
    "Launcher",
    "SandboxClosed",
    "SandboxError",
    "SandboxLayers",
    "SandboxLimits",
    "SandboxUnavailable",
    "bwrap_options",
    "detect_layers",
    "interpreter",
]

log = logging.getLogger(__name__)

ExitReason = Literal["ok", "error", "timeout", "memory", "output_limit", "killed", "busy"]

# The entire environment of the sandbox: built from scratch, nothing copied from the miner's.
SANDBOX_ENV: dict[str, str] = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
}
_SANDBOX_ID = "65534"  # uid and gid inside the user namespace ("nobody")
_SCRATCH = "/tmp"  # inside bubblewrap: each job gets a fresh tmpfs mounted here
_PYTHON_STASH = "/run/logicnet-python"  # a Python root under /tmp, bound a second time here
_PROBE_TIMEOUT_S = 30.0
_LOG_TAIL_BYTES = 2048


@dataclass(frozen=True)
class SandboxLimits:
    """Per-job limits and pool size. Sizes are bytes.

    A job's RAM is bounded by ``memory_bytes`` (its address space) plus ``scratch_bytes``
    (its tmpfs, which is RAM too); memfds and SysV/POSIX shared memory, which the address-space
    limit would not see once unmapped, are denied by seccomp.
    """

    memory_bytes: int = 1 << 30  # RLIMIT_AS of a job (includes the ~60 MB of sympy)
    stdout_bytes: int = 64 << 10  # more than this: the job is killed, "output_limit"
    stderr_tail_bytes: int = 2 << 10
    file_bytes: int = 16 << 20  # RLIMIT_FSIZE: largest file a job may write
    scratch_bytes: int = 64 << 20  # size of a job's tmpfs (all its files together)
    max_files: int = 1024  # inodes of a job's tmpfs: files + directories (so also the depth)
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
    """Which isolation layers are in force. ``bubblewrap`` is the one that hides files; it
    counts only with a fresh, capped tmpfs per job."""

    bubblewrap: bool = False
    seccomp: bool = False
    rlimits: bool = False
    empty_env: bool = True

    @property
    def isolates_filesystem(self) -> bool:
        return self.bubblewrap

    def describe(self) -> str:
        """One line for the start-up log, e.g. ``bubblewrap+seccomp+rlimits+empty-env``."""
        names = (
            ("bubblewrap", self.bubblewrap),
            ("seccomp", self.seccomp),
            ("rlimits", self.rlimits),
            ("empty-env", self.empty_env),
        )
        return "+".join(name for name, active in names if active) or "none"


# ---- paths ------------------------------------------------------------------------------------


@functools.cache
def interpreter() -> str:
    """This interpreter as an absolute path that exists inside the sandbox too.

    ``../venv/bin/python -m pytest`` makes ``sys.executable`` ``<checkout>/../venv/bin/python``:
    inside bubblewrap the checkout is hidden, so that path no longer resolves. The directory is
    resolved (the ``..`` goes); the file name is kept, since a venv's python is a symlink whose
    own location is what makes it the venv's.
    """
    if not sys.executable:
        raise SandboxUnavailable("this Python does not know its own executable")
    executable = os.path.abspath(sys.executable)
    return os.path.join(os.path.realpath(os.path.dirname(executable)), os.path.basename(executable))


def _is_within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _python_roots() -> list[str]:
    """Directories holding the interpreter, stdlib and packages (the venv), outside /usr."""
    interpreter_home = os.path.dirname(os.path.dirname(os.path.realpath(interpreter())))
    candidates = {
        sys.prefix,
        sys.exec_prefix,
        sys.base_prefix,
        sys.base_exec_prefix,
        interpreter_home,
    }
    roots = sorted({os.path.abspath(path) for path in candidates})
    return [root for root in roots if not _is_within(root, "/usr")]


def _hidden_paths(roots: list[str]) -> list[str]:
    """Paths the probe must not see. A parent of a bound root exists as an empty skeleton."""
    home = os.path.expanduser("~")
    wanted = [os.path.join(home, ".bittensor"), home, str(Path(__file__).resolve().parents[2])]
    return [
        path
        for path in wanted
        if not any(_is_within(root, path) or _is_within(path, root) for root in roots)
    ]


def _python_binds() -> list[list[str]]:
    """Python roots under /tmp, with their second mount point: the worker binds them back on
    top of each job's fresh tmpfs (a venv of a CI checkout under /tmp, say)."""
    under_tmp = [root for root in _python_roots() if _is_within(root, _SCRATCH)]
    return [[f"{_PYTHON_STASH}/{i}", root] for i, root in enumerate(under_tmp)]


# ---- bubblewrap -------------------------------------------------------------------------------


@functools.cache
def _bwrap_options_supported(bwrap: str) -> frozenset[str]:
    """Which of the options that arrived in bubblewrap 0.8 (2023) this bwrap knows; Ubuntu
    22.04 ships 0.6. Seccomp's unshare/clone denial stands in for --disable-userns."""
    try:
        done = subprocess.run(
            [bwrap, "--help"], capture_output=True, timeout=10, check=False, env=SANDBOX_ENV
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    text = (done.stdout + done.stderr).decode(errors="replace")
    return frozenset(option for option in ("--disable-userns",) if option in text)


def bwrap_options(bwrap: str) -> list[str]:
    """bubblewrap's options for a worker (the benchmark reuses them for a naive comparison)."""
    options = [
        "--unshare-all",
        "--unshare-user",
        "--uid",
        _SANDBOX_ID,
        "--gid",
        _SANDBOX_ID,
        # CAP_SYS_ADMIN of the sandbox's own user namespace only: each job child mounts its
        # tmpfs with it, then drops every capability before its job arrives.
        "--cap-drop",
        "ALL",
        "--cap-add",
        "CAP_SYS_ADMIN",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
    ]
    if "--disable-userns" in _bwrap_options_supported(bwrap):
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
    # /dev/shm stays on the read-only /dev: no shared memory outside a job's limits.
    options += ["--dev", "/dev", "--tmpfs", _SCRATCH]
    # After /tmp: a venv that lives under /tmp is bound on top of the tmpfs instead of being
    # hidden by it, and once more under the stash for the worker to bind back per job.
    for root in _python_roots():
        options += ["--ro-bind", root, root]
    for stash, root in _python_binds():
        options += ["--ro-bind", root, stash]
    options += [
        # bwrap's own root, /dev and /tmp are tmpfs too: read-only, nobody fills RAM there.
        "--remount-ro",
        "/dev",
        "--remount-ro",
        _SCRATCH,
        "--remount-ro",
        "/",
        "--chdir",
        "/",
    ]
    return options


@dataclass(frozen=True)
class Launcher:
    """Builds the worker's command line: inside bubblewrap when ``bwrap`` is set."""

    bwrap: str | None
    limits: SandboxLimits

    def argv(self, mode: str, config: dict[str, Any]) -> list[str]:
        python = [interpreter(), "-s", "-B", "-c", _worker_source(), mode, json.dumps(config)]
        if self.bwrap is None:
            return python
        return [self.bwrap, *bwrap_options(self.bwrap), "--", *python]

    def config(self, *, scratch: str, seccomp: bool, rlimits: bool) -> dict[str, Any]:
        limits = self.limits
        isolated = self.bwrap is not None
        return {
            "scratch": _SCRATCH if isolated else scratch,
            "seccomp": seccomp,
            "rlimits": rlimits,
            "env": SANDBOX_ENV,
            "job_tmpfs": (
                f"size={limits.scratch_bytes},nr_inodes={limits.max_files},mode=0700"
                if isolated
                else None
            ),
            "python_binds": _python_binds() if isolated else [],
            # Only without seccomp can a job start processes: then each job is pid 1 of its
            # own pid namespace, and whatever it started dies with it.
            "job_pid_namespace": isolated and not seccomp,
            "memory_bytes": limits.memory_bytes,
            "file_bytes": limits.file_bytes,
            "open_files": limits.open_files,
            "stdout_bytes": limits.stdout_bytes,
            "stderr_tail_bytes": limits.stderr_tail_bytes,
        }


@functools.cache
def _worker_source() -> str:
    return Path(protocol.__file__).read_text(encoding="utf-8")


# ---- detection --------------------------------------------------------------------------------


def _probe(launcher: Launcher) -> dict[str, Any] | None:
    """Run the worker's probe (a forked child restricts itself, then tries to break out)."""
    where = "bubblewrap" if launcher.bwrap else "no isolation"
    # An installed bwrap that fails (user namespaces blocked, old kernel) is the operator's news.
    level = logging.WARNING if launcher.bwrap else logging.INFO
    with tempfile.TemporaryDirectory(prefix="logicnet-sandbox-probe-") as cwd:
        config = launcher.config(scratch=cwd, seccomp=True, rlimits=True)
        config["job_pid_namespace"] = launcher.bwrap is not None  # the layer needs it to work
        config["hidden_paths"] = _hidden_paths(_python_roots())
        try:
            done = subprocess.run(
                launcher.argv("probe", config),
                env=SANDBOX_ENV,
                cwd=cwd,
                capture_output=True,
                timeout=_PROBE_TIMEOUT_S,
                start_new_session=True,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired, SandboxUnavailable) as exc:
            log.log(level, "sandbox probe (%s) could not run: %s", where, exc)
            return None
    if done.returncode != 0:
        log.log(
            level,
            "sandbox probe (%s) exited %d: %s",
            where,
            done.returncode,
            done.stderr[-_LOG_TAIL_BYTES:].decode(errors="replace").strip(),
        )
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
    (~/.bittensor, the home directory, the project) and no network interface but loopback,
    could give a job a fresh capped tmpfs and its own pid namespace, and left it no capability.
    """
    bwrap = shutil.which("bwrap")
    if bwrap is not None:
        report = _probe(Launcher(bwrap, limits))
        if report is not None:
            visible = report.get("hidden_paths_visible", ["?"])
            interfaces = report.get("network_interfaces", ["?"])
            files, caps = report.get("job_files") is True, report.get("capabilities_dropped")
            own_pids = report.get("own_pid_namespace") is True
            if not visible and set(interfaces) <= {"lo"} and files and caps is True and own_pids:
                return _layers_from(report, bubblewrap=True)
            log.error(
                "bubblewrap runs but does not isolate: visible=%s interfaces=%s "
                "job files=%s (%s) capabilities dropped=%s own pid namespace=%s",
                visible,
                interfaces,
                files,
                report.get("job_files_error", report.get("error", "")),
                caps,
                own_pids,
            )
    report = _probe(Launcher(None, limits))
    if report is None:
        return SandboxLayers(bubblewrap=False, seccomp=False, rlimits=False, empty_env=True)
    return _layers_from(report, bubblewrap=False)


def _layers_from(report: dict[str, Any], *, bubblewrap: bool) -> SandboxLayers:
    if report.get("error") or report.get("seccomp_error"):
        log.info(
            "sandbox probe: error=%s seccomp=%s",
            report.get("error"),
            report.get("seccomp_error") or "ok",
        )
    return SandboxLayers(
        bubblewrap=bubblewrap,
        seccomp=report.get("seccomp") is True,
        rlimits=report.get("rlimits") is True,
        empty_env=report.get("empty_env") is True,
    )
