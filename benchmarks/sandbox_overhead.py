"""Per-run cost of the sandbox, against starting a fresh interpreter per run.

What it measures (prints figures; it is not a test). For each of two snippets, ``print(1)``
and a small sympy solve, N sequential runs (default 50, ``--quick``: 10) of:

1. ``Sandbox.run``: pre-forked workers that imported and warmed sympy once; each job runs in
   a child forked ahead of time (by a per-job supervisor, itself forked from the clean worker
   while the previous job ran, with its own tmpfs) that applies rlimits + seccomp, inside
   bubblewrap.
2. compute floor: ``exec`` in a fork of this (warmed) process, timed inside the child: what
   the snippet itself costs with no sandbox and no process start. Sandbox overhead = 1 - 2.
3. naive: a fresh ``python -c`` per run that imports sympy, with no isolation at all.
4. naive + bwrap: the same fresh interpreter inside the same bubblewrap options.

Times 1, 3 and 4 are wall clock around each call, as the miner would see them.
Percentiles are nearest-rank (with 50 samples p99 is the maximum).

Run from the repository root:

    python benchmarks/sandbox_overhead.py [--quick | --runs N] [--sandbox-only]
"""

import argparse
import asyncio
import math
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import logicnet.miner.sandbox_setup as sandbox_setup  # noqa: E402
from logicnet.miner._sandbox_worker import _warm_up_sympy  # noqa: E402
from logicnet.miner.sandbox import DEFAULT_LIMITS, SANDBOX_ENV, Sandbox  # noqa: E402

SNIPPETS = {
    "print(1)": "print(1)",
    "sympy solve": "import sympy\nx = sympy.symbols('x')\nprint(sympy.solve(x**2 - 5*x + 6, x))",
}
EXPECTED = {"print(1)": "1", "sympy solve": "[2, 3]"}


def pct(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else float("nan")


def report(label: str, samples: Sequence[float]) -> None:
    print(
        f"  {label:<28} p50 {pct(samples, 50) * 1000:8.1f} ms   "
        f"p99 {pct(samples, 99) * 1000:8.1f} ms   (n={len(samples)})"
    )


async def time_sandbox(box: Sandbox, code: str, expected: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = await box.run(code, timeout_s=10.0)
        samples.append(time.perf_counter() - started)
        assert result.last_printed_line == expected, result
    return samples


def time_compute_floor(code: str, runs: int) -> list[float]:
    """The snippet alone, in a fresh fork of this process (sympy warmed as in a worker)."""
    _warm_up_sympy()
    samples = []
    for _ in range(runs):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            started = time.perf_counter()
            exec(code, {"__name__": "__main__"})
            sys.stdout.flush()
            os.write(write_fd, repr(time.perf_counter() - started).encode())
            os._exit(0)
        os.close(write_fd)
        os.waitpid(pid, 0)
        samples.append(float(os.read(read_fd, 64)))
        os.close(read_fd)
    return samples


def time_fresh_interpreter(
    argv_for: Callable[[str], list[str]], code: str, expected: str, runs: int
) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            argv_for(f"import sympy\n{code}"),
            capture_output=True,
            env=SANDBOX_ENV,
            timeout=60,
            check=True,
            cwd="/tmp",
        )
        samples.append(time.perf_counter() - started)
        assert done.stdout.decode().split()[-1] == expected.split()[-1], done
    return samples


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 runs per figure instead of 50")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure")
    parser.add_argument(
        "--sandbox-only",
        action="store_true",
        help="only the sandbox and the compute floor (no fresh interpreters)",
    )
    args = parser.parse_args()
    runs = args.runs or (10 if args.quick else 50)

    started = time.perf_counter()
    layers = sandbox_setup.detect_layers()
    detected_s = time.perf_counter() - started
    print(f"layers: {layers.describe()}   (detection took {detected_s * 1000:.0f} ms)")

    with Sandbox(layers=layers) as box:
        started = time.perf_counter()
        await box.wait_ready()
        await asyncio.gather(*(box.run("pass", 10.0) for _ in range(DEFAULT_LIMITS.workers)))
        print(
            f"pool of {DEFAULT_LIMITS.workers} workers ready (sympy imported and warmed) in "
            f"{(time.perf_counter() - started) * 1000:.0f} ms after start"
        )
        sandboxed = {
            name: await time_sandbox(box, code, EXPECTED[name], runs)
            for name, code in SNIPPETS.items()
        }

    python = [sys.executable, "-s", "-B", "-c"]
    bwrap = shutil.which("bwrap") if layers.bubblewrap else None
    wrapper = [bwrap, *sandbox_setup.bwrap_options(bwrap), "--"] if bwrap else []

    def plain(source: str) -> list[str]:
        return [*python, source]

    def in_bwrap(source: str) -> list[str]:
        return [*wrapper, *python, source]

    for name, code in SNIPPETS.items():
        print(f"\n{name}:")
        report("sandbox (pre-forked)", sandboxed[name])
        report("compute floor (no sandbox)", time_compute_floor(code, runs))
        if args.sandbox_only:
            continue
        report("naive python -c", time_fresh_interpreter(plain, code, EXPECTED[name], runs))
        if wrapper:
            report(
                "naive python -c in bwrap",
                time_fresh_interpreter(in_bwrap, code, EXPECTED[name], runs),
            )


if __name__ == "__main__":
    asyncio.run(main())
