"""The sandbox against real subprocesses: what model code can and cannot do.

Needs bubblewrap (``apt-get install bubblewrap``) and unprivileged user namespaces; without them
``Sandbox()`` refuses to start and these tests fail loudly rather than skip.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import logicnet.miner.sandbox_setup as sandbox_setup
from logicnet.errors import LogicNetError
from logicnet.miner.sandbox import (
    SANDBOX_ENV,
    Sandbox,
    SandboxClosed,
    SandboxLayers,
    SandboxLimits,
    SandboxResult,
    SandboxUnavailable,
    detect_layers,
)

SECRET = "sk-test-secret-xyz"
WALLET_WORDS = "fake twelve words of a hotkey that must never leave the host"
PROJECT_DIR = Path(__file__).resolve().parents[1]
# A checkout under /tmp (as CI may make) puts the venv there: the sandbox binds it on top of
# its private /tmp, so the directories leading to it show up there (on the private tmpfs).
_PYTHON_UNDER_TMP = sorted(
    {
        Path(p).resolve().relative_to("/tmp").parts[0]
        for p in {sys.prefix, sys.base_prefix}
        if Path(p).resolve().is_relative_to("/tmp")
    }
)
SOLVE = "import sympy\nx = sympy.symbols('x')\nprint(sympy.solve(x**2 - 9, x))"
HAS_PYSECCOMP = importlib.util.find_spec("pyseccomp") is not None


@pytest.fixture(scope="module")
def fake_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    hotkeys = home / ".bittensor" / "wallets" / "miner" / "hotkeys"
    hotkeys.mkdir(parents=True)
    (hotkeys / "default").write_text(WALLET_WORDS)
    return home


@pytest.fixture(scope="module")
def sandbox(fake_home: Path) -> Iterator[Sandbox]:
    """One sandbox for the module, created while the miner's environment holds a secret."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OPENAI_API_KEY", SECRET)
        patch.setenv("HOME", str(fake_home))
        with ready(Sandbox()) as box:
            yield box


def run(box: Sandbox, code: str, timeout_s: float = 5.0) -> SandboxResult:
    return asyncio.run(box.run(code, timeout_s))


def ready(box: Sandbox) -> Sandbox:
    """Wait for the workers to start: on a loaded machine that can take seconds, and a run
    waits no longer than its own timeout for a worker (it ends "busy")."""
    asyncio.run(box.wait_ready())
    return box


def assert_still_works(box: Sandbox) -> None:
    # A generous timeout: after a worker was killed, this run may wait for its restart.
    result = run(box, SOLVE, timeout_s=30.0)
    assert result.exit_reason == "ok", result
    assert result.last_printed_line == "[-3, 3]"


def test_layer_report_is_truthful_here(sandbox: Sandbox) -> None:
    assert shutil.which("bwrap"), "install bubblewrap: apt-get install -y bubblewrap"
    layers = detect_layers()
    assert layers.bubblewrap and layers.rlimits and layers.empty_env
    assert layers.seccomp == HAS_PYSECCOMP
    assert layers.describe() == "+".join(
        ["bubblewrap", *(["seccomp"] if HAS_PYSECCOMP else []), "rlimits", "empty-env"]
    )
    assert sandbox.layers == layers
    # What the report claims is what a job meets: nothing of the host's tree but the basics.
    listing = run(sandbox, "import os\nprint(sorted(os.listdir('/')))").stdout
    assert "home" not in listing and "proc" not in listing and "etc" in listing


def test_sympy_computation_prints_the_answer(sandbox: Sandbox) -> None:
    result = run(sandbox, SOLVE)
    assert result.ok and result.exit_reason == "ok"
    assert result.last_printed_line == "[-3, 3]"
    assert result.elapsed_s < 2.0


def test_last_printed_line_skips_blank_lines() -> None:
    result = SandboxResult(
        ok=True,
        stdout="working...\n  42  \n\n  \n",
        stderr_tail="",
        exit_reason="ok",
        elapsed_s=0.0,
    )
    assert result.last_printed_line == "42"
    assert SandboxResult(True, "", "", "ok", 0.0).last_printed_line is None


def test_environment_is_rebuilt_and_the_secret_stays_out(sandbox: Sandbox) -> None:
    assert os.environ["OPENAI_API_KEY"] == SECRET  # the miner's side really holds it
    code = f"""
import os
print(sorted(os.environ))
print(os.environ.get("OPENAI_API_KEY"))
for path in ("/proc/self/environ", "/proc/{os.getpid()}/environ", "/proc/1/environ"):
    try:
        print(open(path, "rb").read())
    except OSError as exc:
        print("denied", path, type(exc).__name__)
"""
    result = run(sandbox, code)
    assert result.ok, result
    assert result.stdout.splitlines()[0] == repr(sorted(SANDBOX_ENV))
    assert SECRET not in result.stdout + result.stderr_tail
    assert result.stdout.count("denied") == 3
    assert_still_works(sandbox)


def test_wallet_directory_is_unreadable(sandbox: Sandbox, fake_home: Path) -> None:
    wallet_file = fake_home / ".bittensor" / "wallets" / "miner" / "hotkeys" / "default"
    assert wallet_file.read_text() == WALLET_WORDS  # readable from the host
    code = f"""
import os
for path in ({str(fake_home / ".bittensor")!r}, {str(wallet_file)!r}, "/root/.bittensor",
             os.path.expanduser("~/.bittensor")):
    try:
        print("READ", path, open(path).read() if os.path.isfile(path) else os.listdir(path))
    except OSError as exc:
        print("denied", path, type(exc).__name__)
"""
    result = run(sandbox, code)
    assert result.ok, result
    assert "READ" not in result.stdout and WALLET_WORDS not in result.stdout
    assert result.stdout.count("denied") == 4
    assert_still_works(sandbox)


def test_network_is_unreachable(sandbox: Sandbox) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.3)
        port = listener.getsockname()[1]
        code = f"""
import socket
import sys
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=1).send(b"leak")
    print("CONNECTED")
except OSError as exc:
    print("blocked", type(exc).__name__)
"""
        result = run(sandbox, code)
        with pytest.raises(TimeoutError):
            listener.accept()  # nothing arrived on the host's loopback
    assert "CONNECTED" not in result.stdout
    assert "blocked" in result.stdout
    assert_still_works(sandbox)


@pytest.mark.parametrize(
    "code",
    [
        "import os\npid = os.fork()\nprint('forked', pid)",
        "import subprocess\nprint(subprocess.run(['sh', '-c', 'echo pwned'], capture_output=True))",
        "import os\nprint('status', os.system(\"sh -c 'echo pwned'\"))",
        "import os\nos.execv('/bin/sh', ['sh', '-c', 'echo pwned'])",
        "import threading\nthreading.Thread(target=print, args=('pwned',)).start()",
    ],
)
def test_no_new_processes_or_programs(sandbox: Sandbox, code: str) -> None:
    # RLIMIT_NPROC alone stops neither exec nor, when the miner runs as root, fork.
    assert HAS_PYSECCOMP, "pip install pyseccomp: only seccomp denies fork/exec in every setup"
    result = run(sandbox, code)
    assert "pwned" not in result.stdout
    assert "forked" not in result.stdout
    if "os.system" in code:  # system() reports failure through its status, not an exception
        assert result.last_printed_line != "status 0"
    else:
        assert result.exit_reason == "error", result
    assert_still_works(sandbox)


def test_writes_never_reach_the_host(sandbox: Sandbox, fake_home: Path) -> None:
    tag = uuid.uuid4().hex
    targets = [
        Path("/tmp") / f"logicnet-escape-{tag}",
        PROJECT_DIR / f"escape-{tag}",
        fake_home / f"escape-{tag}",
    ]
    code = f"""
for path in {[str(path) for path in targets]!r} + ["in-cwd.txt"]:
    try:
        with open(path, "w") as out:
            out.write("x")
        print("wrote", path)
    except OSError as exc:
        print("denied", path, type(exc).__name__)
"""
    result = run(sandbox, code)
    assert result.ok, result
    if not _PYTHON_UNDER_TMP:  # else the project's skeleton sits on the private tmpfs
        assert f"denied {PROJECT_DIR / f'escape-{tag}'}" in result.stdout
    assert "wrote in-cwd.txt" in result.stdout  # the fresh working directory is writable
    for path in targets:
        assert not path.exists(), f"the sandbox wrote {path} on the host"
    assert_still_works(sandbox)


def test_one_job_leaves_nothing_for_the_next(sandbox: Sandbox) -> None:
    planted = run(
        sandbox,
        "import os\nopen('/tmp/planted', 'w').write('x')\n"
        "open('planted', 'w').write('x')\nos.mkdir('locked')\n"
        "os.chmod('locked', 0)\nprint(sorted(os.listdir('.')))",
    )
    assert planted.ok and planted.last_printed_line == "['locked', 'planted']", planted
    for _ in range(3):  # whichever worker of the pool serves it
        probe = run(sandbox, "import os\nprint(sorted(os.listdir('/tmp')), os.listdir('.'))")
        assert probe.ok, probe
        assert "planted" not in probe.stdout and "locked" not in probe.stdout, probe.stdout
        assert probe.stdout.rstrip().endswith("[]")  # a fresh, empty working directory


def test_job_inherits_only_stdio(sandbox: Sandbox) -> None:
    # The worker's control pipe carries other jobs: it must never be reachable from one.
    code = """
import os
open_fds = []
for fd in range(3, 1024):
    try:
        os.fstat(fd)
        open_fds.append(fd)
    except OSError:
        pass
print(open_fds, os.fstat(0).st_size, os.read(0, 10))
"""
    result = run(sandbox, code)
    assert result.last_printed_line == "[] 0 b''", result


def test_infinite_loop_is_killed_at_the_timeout(sandbox: Sandbox) -> None:
    started = time.monotonic()
    result = run(sandbox, "while True:\n    pass", timeout_s=1.0)
    assert result.exit_reason == "timeout" and not result.ok
    assert time.monotonic() - started < 2.0
    assert_still_works(sandbox)


@pytest.mark.parametrize(
    "code",
    [
        "x = bytearray(10 * 1024**3)",
        "chunks = []\nwhile True:\n    chunks.append(bytes(64 * 2**20))",
        "x = [0] * 10**10",
    ],
)
def test_memory_hog_ends_quickly(sandbox: Sandbox, code: str) -> None:
    started = time.monotonic()
    result = run(sandbox, code)
    assert result.exit_reason == "memory", result
    assert "MemoryError" in result.stderr_tail
    assert time.monotonic() - started < 3.0
    assert_still_works(sandbox)


@pytest.mark.parametrize(
    "code",
    [
        "print('x' * 100_000_000)",
        "while True:\n    print('spam')",
    ],
)
def test_flood_of_output_is_capped(sandbox: Sandbox, code: str) -> None:
    started = time.monotonic()
    result = run(sandbox, code)
    assert result.exit_reason == "output_limit" and not result.ok
    assert 0 < len(result.stdout.encode()) <= sandbox.limits.stdout_bytes
    assert time.monotonic() - started < 3.0
    assert_still_works(sandbox)


def test_big_files_are_refused(sandbox: Sandbox) -> None:
    result = run(sandbox, "open('big', 'wb').write(b'x' * (40 * 2**20))")
    assert result.exit_reason == "error"
    assert "File too large" in result.stderr_tail or "No space" in result.stderr_tail
    assert_still_works(sandbox)


@pytest.mark.parametrize(
    ("code", "reason", "in_stderr"),
    [
        ("print(1 / 0)", "error", "ZeroDivisionError"),
        ("def broken(:\n    pass", "error", "SyntaxError"),
        ("import sys\nprint('done')\nsys.exit(0)", "ok", ""),
        ("import sys\nsys.exit('gave up')", "error", "gave up"),
        ("import ctypes\nctypes.string_at(0)", "killed", ""),  # SIGSEGV
    ],
)
def test_what_the_code_does_is_an_outcome(
    sandbox: Sandbox, code: str, reason: str, in_stderr: str
) -> None:
    result = run(sandbox, code)
    assert result.exit_reason == reason, result
    assert in_stderr in result.stderr_tail
    assert "_sandbox_worker" not in result.stderr_tail  # tracebacks start at the model's code


def test_oversized_code_is_refused_without_running(sandbox: Sandbox) -> None:
    result = run(sandbox, "x = 1\n" * 8000)  # 48 KB > 32 KiB
    assert result.exit_reason == "error" and "limit" in result.stderr_tail
    assert result.elapsed_s == 0.0


def test_bad_timeout_is_a_caller_error(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError):
        run(sandbox, "print(1)", timeout_s=0)
    assert run(sandbox, "print(1)", timeout_s=1e9).ok  # clamped to max_timeout_s


def test_jobs_run_concurrently(sandbox: Sandbox) -> None:
    async def four_jobs() -> list[SandboxResult]:
        slow = "import time\ntime.sleep(0.5)\nprint({})"
        return await asyncio.gather(*(sandbox.run(slow.format(i), 5.0) for i in range(4)))

    started = time.monotonic()
    results = asyncio.run(four_jobs())
    assert [r.last_printed_line for r in results] == ["0", "1", "2", "3"]
    assert time.monotonic() - started < 1.8  # two workers: two rounds of 0.5 s


def _children(pid: int) -> list[int]:
    try:
        listing = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in listing.split()]


def kill_worker_processes(box: Sandbox) -> None:
    """What the OOM killer would do: SIGKILL each python worker inside its bwrap, from outside.

    The tree is bwrap -> bwrap (init, pid 1 inside) -> python worker -> supervisor -> job
    child. Returns once each worker is dead (a kill lands asynchronously): its supervisor,
    killed by its death signal, can then no longer accept a job.
    """
    killed = []
    for worker in box._workers:
        assert worker._proc is not None
        inits = _children(worker._proc.pid)
        pythons = [pid for init in inits for pid in _children(init)]
        assert pythons, "no worker process found under bwrap"
        for pid in pythons:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
    deadline = time.monotonic() + 10.0
    while any(_alive(pid) for pid in killed) and time.monotonic() < deadline:
        time.sleep(0.01)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


async def _both_workers_ready(box: Sandbox) -> None:
    await asyncio.gather(*(box.run("print(1)", 5.0) for _ in range(2)))


def test_dead_workers_are_replaced(sandbox: Sandbox) -> None:
    asyncio.run(_both_workers_ready(sandbox))
    kill_worker_processes(sandbox)  # between jobs: the next job must not notice
    for _ in range(2):
        assert_still_works(sandbox)

    async def killed_mid_job() -> SandboxResult:
        await _both_workers_ready(sandbox)  # so that the kill lands on a running job
        job = asyncio.ensure_future(sandbox.run("import time\ntime.sleep(5)", 10.0))
        await asyncio.sleep(0.3)
        kill_worker_processes(sandbox)
        return await job

    result = asyncio.run(killed_mid_job())
    assert result.exit_reason == "killed" and result.elapsed_s < 2.0
    assert_still_works(sandbox)


def test_close_during_a_run_raises_closed() -> None:
    async def close_mid_job(box: Sandbox) -> None:
        job = asyncio.ensure_future(box.run("import time\ntime.sleep(5)", 10.0))
        await asyncio.sleep(0.2)
        box.close()
        with pytest.raises(SandboxClosed):
            await asyncio.wait_for(job, 2.0)

    asyncio.run(close_mid_job(Sandbox(SandboxLimits(workers=1))))


def test_cancelled_run_leaves_a_working_sandbox(sandbox: Sandbox) -> None:
    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(asyncio.wait_for(sandbox.run("import time\ntime.sleep(10)", 20.0), 0.3))
    assert_still_works(sandbox)


def test_older_bwrap_still_isolates_and_caps_scratch(monkeypatch: pytest.MonkeyPatch) -> None:
    # bubblewrap < 0.8 (Ubuntu 22.04) has no --disable-userns; the job's tmpfs is ours anyway.
    monkeypatch.setattr(sandbox_setup, "_bwrap_options_supported", lambda bwrap: frozenset())
    assert "--disable-userns" not in sandbox_setup.bwrap_options("bwrap")
    assert detect_layers().bubblewrap
    with ready(Sandbox(SandboxLimits(workers=1, scratch_bytes=32 << 20))) as box:
        result = run(
            box, "i = 0\nwhile True:\n    open(f'f{i}', 'wb').write(b'x' * (8 << 20))\n    i += 1"
        )
        assert result.exit_reason == "error" and "No space left" in result.stderr_tail, result
        listed = run(box, "import os\nprint(sorted(os.listdir('/tmp')))").last_printed_line
        assert listed == str(sorted(["work", *_PYTHON_UNDER_TMP]))
        assert_still_works(box)


def test_nothing_a_job_starts_outlives_it_without_seccomp() -> None:
    # Without seccomp only RLIMIT_NPROC stops fork, and it does not bind when the miner runs as
    # root (the sandbox uid maps to host root). Whatever the job starts must still die with it.
    layers = SandboxLayers(bubblewrap=True, seccomp=False, rlimits=True, empty_env=True)
    with ready(Sandbox(SandboxLimits(workers=1), layers=layers)) as box:
        started = run(
            box,
            """
import os, time
try:
    if os.fork() == 0:
        os.setsid()  # out of the job's process group
        if os.fork() == 0:
            for _ in range(300):
                open('/tmp/straggler', 'a').write('x')
                time.sleep(0.01)
        os._exit(0)
    print('forked')
except OSError as exc:
    print('fork refused:', exc)
""",
        )
        assert started.ok, started
        time.sleep(0.1)
        later = run(
            box, "import os, time\ntime.sleep(0.2)\nprint(os.path.exists('/tmp/straggler'))"
        )
        assert later.last_printed_line == "False", (started, later)


def test_refuses_without_filesystem_isolation() -> None:
    no_bwrap = SandboxLayers(bubblewrap=False, seccomp=HAS_PYSECCOMP, rlimits=True, empty_env=True)
    with pytest.raises(SandboxUnavailable) as refused:
        Sandbox(layers=no_bwrap)
    assert isinstance(refused.value, LogicNetError)
    assert "allow_unisolated" in str(refused.value)


def test_unisolated_opt_in_still_limits_the_job(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    no_bwrap = SandboxLayers(bubblewrap=False, seccomp=HAS_PYSECCOMP, rlimits=True, empty_env=True)
    with caplog.at_level(logging.WARNING, logger="logicnet.miner.sandbox"):
        box = ready(Sandbox(SandboxLimits(workers=1), allow_unisolated=True, layers=no_bwrap))
    with box:
        assert "WITHOUT filesystem isolation" in caplog.text
        result = run(box, "import os\nprint(os.environ.get('OPENAI_API_KEY'))\nprint(os.getcwd())")
        assert result.ok and SECRET not in result.stdout
        assert os.path.basename(result.last_printed_line or "").startswith("job-")
        assert run(box, "x = bytearray(10 * 1024**3)").exit_reason == "memory"
        if HAS_PYSECCOMP:
            assert run(box, "import os\nos.fork()").exit_reason == "error"
        assert_still_works(box)


def test_closed_sandbox_raises() -> None:
    box = Sandbox(SandboxLimits(workers=1))
    box.close()
    box.close()  # idempotent
    with pytest.raises(SandboxClosed):
        run(box, "print(1)")


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError):
        SandboxLimits(workers=0)
    with pytest.raises(ValueError):
        SandboxLimits(max_timeout_s=float("nan"))


# ---- attacks on the pool itself, each followed by an innocent job ------------------------------

INNOCENT = "print(6 * 7)"


def assert_innocent_job_runs_in_time(box: Sandbox) -> None:
    """What a validator's next question meets after an attack: a normal, prompt run."""
    for _ in range(box.limits.workers):  # whichever worker the attack left behind
        started = time.monotonic()
        result = run(box, INNOCENT, timeout_s=5.0)
        assert result.exit_reason == "ok" and result.last_printed_line == "42", result
        assert time.monotonic() - started < 2.0


def test_a_million_empty_files_are_stopped_early(sandbox: Sandbox) -> None:
    code = """
made = 0
try:
    for i in range(1_000_000):
        open(f"f{i}", "w").close()
        made += 1
except OSError as exc:
    print(made, type(exc).__name__, exc.errno)
"""
    started = time.monotonic()
    result = run(sandbox, code, timeout_s=20.0)
    assert time.monotonic() - started < 5.0, result
    made, error, errno_value = (result.last_printed_line or "").split()
    assert int(made) < sandbox.limits.max_files and error == "OSError" and errno_value == "28"
    assert_innocent_job_runs_in_time(sandbox)


def test_deep_directories_are_capped_and_cleaned_up_at_once(sandbox: Sandbox) -> None:
    code = """
import os
depth = 0
try:
    for _ in range(3000):
        os.mkdir("d")
        os.chdir("d")
        depth += 1
except OSError as exc:
    print("stopped", exc.errno)
os.chmod(".", 0)
print(depth)
"""
    result = run(sandbox, code, timeout_s=10.0)
    assert result.ok, result
    assert "stopped 28" in result.stdout  # no space: out of inodes, long before 3000 levels
    assert int(result.last_printed_line or "0") < sandbox.limits.max_files
    assert_innocent_job_runs_in_time(sandbox)


def test_memfds_and_shared_memory_get_nothing_beyond_the_limit(sandbox: Sandbox) -> None:
    code = """
import ctypes, mmap, os
held = []
try:
    for _ in range(60):
        fd = os.memfd_create("x")
        os.write(fd, b"x" * (16 << 20))
        held.append(fd)
except OSError as exc:
    print("memfd", len(held), exc.errno)
for path in ("/dev/shm/x", "/run/shm/x"):
    try:
        open(path, "wb").write(b"x" * (16 << 20))
        print("wrote", path)
    except OSError as exc:
        print("shm file refused", exc.errno)
libc = ctypes.CDLL(None, use_errno=True)
print("shmget", libc.shmget(0, 16 << 20, 0o1600), ctypes.get_errno())
try:
    mmap.mmap(-1, 2 << 30, flags=mmap.MAP_SHARED)
    print("mapped 2 GiB")
except OSError as exc:
    print("shared mapping refused", exc.errno)
"""
    result = run(sandbox, code, timeout_s=10.0)
    assert result.ok, result
    lines = result.stdout.splitlines()
    assert "memfd 0 1" in lines  # EPERM at the first one
    assert (
        "wrote" not in result.stdout
        and lines.count("shm file refused 30") + lines.count("shm file refused 2") == 2
    )
    assert "shmget -1 1" in lines
    assert "shared mapping refused 12" in lines  # counted against the address-space limit
    assert_innocent_job_runs_in_time(sandbox)


def test_a_job_cannot_read_the_previous_jobs_code_or_output() -> None:
    # One worker, so the second job is served by the very process tree that ran the first.
    code_marker, output_marker = f"code-{uuid.uuid4().hex}", f"output-{uuid.uuid4().hex}"
    first = f"SECRET = {code_marker!r}\nprint({output_marker!r})"
    # The search must not hold the markers itself: it gets their halves, joined at run time,
    # and skips its own copies; then it walks every object, frame and module it can reach.
    halves = [[marker[:10], marker[10:]] for marker in (code_marker, output_marker)]
    search = f"""
import gc, sys
halves = {halves!r}
wanted = ["".join(parts) for parts in halves]
seen = []
skip = {{id(wanted), id(seen), id(halves), *map(id, wanted)}}
def look(container):
    if id(container) in skip:
        return
    if isinstance(container, dict):
        items = [*container.keys(), *container.values()]
    elif isinstance(container, (list, tuple, set, frozenset)):
        items = list(container)
    else:
        items = [container]
    for item in items:
        if id(item) in skip:
            continue
        if isinstance(item, (bytes, bytearray)):
            item = item.decode("latin-1")
        if isinstance(item, str):
            seen.extend(w for w in wanted if w in item)
for obj in gc.get_objects():
    look(obj)
frame = sys._getframe()
while frame is not None:
    look(frame.f_locals)
    look(frame.f_code.co_consts)
    frame = frame.f_back
for module in list(sys.modules.values()):
    look(vars(module))
print(sorted(set(seen)))
"""
    with ready(Sandbox(SandboxLimits(workers=1))) as box:
        assert run(box, first).last_printed_line == output_marker
        result = run(box, search)
    assert result.ok, result
    assert result.last_printed_line == "[]", result.stdout


def test_control_characters_never_leave_the_sandbox(sandbox: Sandbox) -> None:
    code = r"""
import sys
print("\x1b[31m\x1b]0;owned\x07red\x1b[0m\x00 \x08\x07answer\r\n42\u202e")
sys.stderr.write("\x1b[2Jcleared\x00\x9b1m\n")
"""
    result = run(sandbox, code)
    assert result.ok, result
    for text in (result.stdout, result.stderr_tail):
        assert not any(ch in text for ch in "\x1b\x07\x00\x08\r\x9b\u202e"), repr(text)
    assert result.stdout.splitlines() == ["red answer", "42"]
    assert "cleared" in result.stderr_tail
    assert_innocent_job_runs_in_time(sandbox)


def test_waiting_for_a_busy_worker_ends_at_the_deadline() -> None:
    async def busy_pool(box: Sandbox) -> tuple[SandboxResult, float]:
        await box.run("pass", 10.0)  # the worker is up
        hog = asyncio.ensure_future(box.run("import time\ntime.sleep(3)\nprint('hog')", 10.0))
        await asyncio.sleep(0.1)
        started = time.monotonic()
        waited = await box.run(INNOCENT, 0.8)
        elapsed = time.monotonic() - started
        assert (await hog).last_printed_line == "hog"
        return waited, elapsed

    with ready(Sandbox(SandboxLimits(workers=1))) as box:
        waited, elapsed = asyncio.run(busy_pool(box))
        assert waited.exit_reason == "busy" and not waited.ok, waited
        assert elapsed < 1.3
        assert_innocent_job_runs_in_time(box)


def test_unisolated_cleanup_survives_deep_directories(monkeypatch: pytest.MonkeyPatch) -> None:
    no_bwrap = SandboxLayers(bubblewrap=False, seccomp=HAS_PYSECCOMP, rlimits=True, empty_env=True)
    with ready(Sandbox(SandboxLimits(workers=1), allow_unisolated=True, layers=no_bwrap)) as box:
        result = run(
            box,
            "import os\nfor _ in range(3000):\n    os.mkdir('d')\n"
            "    os.chdir('d')\nos.chmod('.', 0)\nprint('deep')",
            timeout_s=20.0,
        )
        assert result.last_printed_line == "deep", result
        assert_innocent_job_runs_in_time(box)


def test_a_relative_interpreter_path_still_starts_workers(tmp_path: Path) -> None:
    # ``../venv/bin/python -m pytest`` from a checkout: sys.executable is
    # "<checkout>/../venv/bin/python", a path that does not exist inside bubblewrap.
    script = tmp_path / "one_job.py"
    script.write_text(
        "import asyncio, sys\n"
        "from logicnet.miner.sandbox import Sandbox, SandboxLimits\n"
        "print(sys.executable)\n"
        "with Sandbox(SandboxLimits(workers=1)) as box:\n"
        "    print(asyncio.run(box.run('print(6 * 7)', 10.0)).last_printed_line)\n"
    )
    # From a subfolder, so the path climbs out with ".." wherever the venv lives (CI keeps it
    # inside the checkout, where a path relative to the checkout itself would have none).
    start_dir = PROJECT_DIR / "tests"
    relative = os.path.relpath(sys.executable, start_dir)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    done = subprocess.run(
        [relative, str(script)],
        cwd=start_dir,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    executable, answer = done.stdout.split()
    assert ".." in executable or not os.path.isabs(executable)  # the case this guards
    assert answer == "42"
