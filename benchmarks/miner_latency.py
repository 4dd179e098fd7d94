"""Miner latency, load and memory figures, all on 127.0.0.1, each server in its own process.

Three processes serve, as on a real miner host: the scripted LLM (``logicnet/devkit/scripted_llm.py
0.2``: every chat reply after 200 ms, standing in for a separate vLLM), the miner
(``python -m logicnet miner --miner.strategy baseline`` pointing at that LLM) and a bare
``bt.Axon`` whose forward sleeps 200 ms (this script's hidden ``--serve-bare-axon PORT
WALLET_PATH`` mode). Only the dendrites run in this process. It prints figures; not a test.

1. Sequential: one real ``bt.Dendrite`` sends N LogicSynapse queries one after another
   (N=100, ``--quick``: 30; 3 warm-up first) to the miner, then to the bare axon. End-to-end
   is timed around ``await dendrite.forward(...)``; overhead = end-to-end - 200 ms
   (miner targets: p50 <= 15 ms, p99 <= 50 ms); the bare axon shows bittensor's own floor.
2. Load: 32 validators (own wallets and Dendrites, equal stake above min_stake), all at
   once, each sending 2 requests in order, after one untimed warm-up burst (one request
   per validator) on the same dendrites. Bare axon and miner alternate, 3 runs each; every
   run is printed (with the CPU time this process, the target and the LLM used in it), then
   the median p99 of each (target: the miner's no worse than the bare axon's).
3. The miner process: idle RSS before its first query (target <= 300 MB), RSS after the
   load, and whether SIGTERM stops it within 10 s.

Other work on the machine skews the figures: the load average is printed at start and end,
and phases 1 and 2 each wait (up to 5 min) for the 1-minute load average to fall below 0.7.

Run from the repository root:

    python benchmarks/miner_latency.py [--quick] [--strategy NAME]

Percentiles are nearest-rank (with 64 samples p99 is the maximum).
"""

import argparse
import asyncio
import contextlib
import math
import os
import select
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from logicnet.netutil import pin_external_ip  # noqa: E402

pin_external_ip("127.0.0.1")  # before any Dendrite/Axon: keeps bittensor offline

import bittensor as bt  # noqa: E402
from bittensor.core.settings import version_as_int  # noqa: E402

from logicnet.chain import LocalRegistry, Neuron, write_registry  # noqa: E402
from logicnet.devkit.scripted_llm import free_port  # noqa: E402
from logicnet.miner.admission import volume_table  # noqa: E402
from logicnet.miner.run import start_axon  # noqa: E402
from logicnet.protocol import LogicSynapse  # noqa: E402
from logicnet.wallets import create_wallet, load_wallet  # noqa: E402

LLM_DELAY_S = 0.2
N_VALIDATORS, PER_VALIDATOR, LOAD_RUNS = 32, 2, 3
STAKE, MIN_STAKE, EPOCH_VOLUME = 20000.0, 10000.0, 4096  # volume: phase 1 + all load runs
QUERY_TIMEOUT_S = 12.0
QUIET_LOAD, QUIET_MAX_S = 0.7, 300.0
QUESTION = "Find the solution of this math problem:\n---\nGCD of 12 and 18 = \n---\n"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}


def pct(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else float("nan")


def loadavg() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


class StockLogicSynapse(bt.Synapse):
    """The wire class as a stock bittensor miner declares it (no schema caching): the bare
    axon is what the network's own miner costs, not one that borrows our optimisations."""

    logic_question: str = ""
    logic_answer: Any = ""
    logic_reasoning: str = ""
    raw_logic_question: str = ""
    ground_truth_answer: Any = ""
    category: str = ""
    timeout: int = 64
    task_uid: str = ""


StockLogicSynapse.__name__ = "LogicSynapse"  # the route is the class name


async def bare_forward(synapse: StockLogicSynapse) -> StockLogicSynapse:
    # This module has no ``from __future__ import annotations``: attach() sees real classes.
    await asyncio.sleep(LLM_DELAY_S)
    synapse.logic_answer = "42"
    synapse.logic_reasoning = "slept"
    return synapse


def serve_bare_axon(port: int, wallet_path: str) -> int:
    """Hidden mode: a bare bt.Axon on 127.0.0.1:port until SIGTERM/SIGINT."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    bt.logging.set_warning(True)
    axon = bt.Axon(
        wallet=load_wallet("bare", "default", wallet_path), port=port, external_ip="127.0.0.1"
    )
    axon.fast_config.host = "127.0.0.1"
    axon.attach(forward_fn=bare_forward)
    start_axon(axon)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        axon.stop()
    return 0


def stop_proc(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


def spawn(
    stack: contextlib.ExitStack, cmd: list[str], log: Path, cwd: Path, stdout_pipe: bool = False
) -> subprocess.Popen[bytes]:
    """Start a child that is stopped (TERM, then KILL) whenever ``stack`` unwinds."""
    with open(log, "wb") as log_fh:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=ENV, stderr=log_fh, stdout=subprocess.PIPE if stdout_pipe else log_fh
        )
    stack.callback(stop_proc, proc)
    return proc


def first_line(proc: subprocess.Popen[bytes], timeout_s: float = 30.0) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout_s)
    line = proc.stdout.readline().decode().strip() if ready else ""
    if not line:
        raise RuntimeError(f"the scripted LLM printed no URL within {timeout_s:.0f} s")
    return line


def wait_port(
    port: int, proc: subprocess.Popen[bytes], what: str, timeout_s: float = 60.0
) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout_s:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited early with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return time.perf_counter() - t0
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what}: port {port} not open within {timeout_s:.0f} s")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (10 ms resolution)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_quiet(label: str) -> None:
    t0 = time.monotonic()
    while os.getloadavg()[0] >= QUIET_LOAD and time.monotonic() - t0 < QUIET_MAX_S:
        time.sleep(5.0)
    one = os.getloadavg()[0]
    note = "" if one < QUIET_LOAD else f"; never fell below {QUIET_LOAD}: figures may be noisy"
    print(
        f"    (before {label}: waited {time.monotonic() - t0:.0f} s, load average {loadavg()}"
        f"{note})",
        flush=True,
    )


def axon_info(wallet: Any, port: int) -> Any:
    return bt.AxonInfo(
        version=version_as_int,
        ip="127.0.0.1",
        port=port,
        ip_type=4,
        hotkey=wallet.hotkey.ss58_address,
        coldkey=wallet.coldkeypub.ss58_address,
    )


async def timed_query(dendrite: Any, info: Any) -> tuple[float, int]:
    synapse = LogicSynapse(logic_question=QUESTION, task_uid="bench001")  # type: ignore[call-arg]
    t0 = time.perf_counter()
    out = await dendrite.forward(info, synapse, timeout=QUERY_TIMEOUT_S, deserialize=False)
    return time.perf_counter() - t0, int(out.dendrite.status_code or 0)


def run_sequential(wallet: Any, info: Any, n: int, warmup: int = 3) -> list[tuple[float, int]]:
    async def go() -> list[tuple[float, int]]:
        dendrite = bt.Dendrite(wallet=wallet)
        try:
            for _ in range(warmup):
                await timed_query(dendrite, info)
            return [await timed_query(dendrite, info) for _ in range(n)]
        finally:
            await dendrite.aclose_session()

    return asyncio.run(go())


def run_load(validators: Sequence[Any], info: Any, pids: Sequence[int]) -> dict[str, Any]:
    """All validators at once; each sends its requests in order (nonces must increase).

    Also the CPU seconds each of ``pids`` (this process first) used in the timed part."""

    async def one_validator(dendrite: Any) -> list[tuple[float, int]]:
        return [await timed_query(dendrite, info) for _ in range(PER_VALIDATOR)]

    async def go() -> dict[str, Any]:
        dendrites = [bt.Dendrite(wallet=w) for w in validators]
        try:  # untimed warm-up burst: sessions and connections open, both sides warm
            warm = await asyncio.gather(*(timed_query(d, info) for d in dendrites))
            cpu0, t0 = [cpu_s(p) for p in pids], time.perf_counter()
            groups = await asyncio.gather(*(one_validator(d) for d in dendrites))
            wall, cpu = time.perf_counter() - t0, [cpu_s(p) - cpu0[i] for i, p in enumerate(pids)]
        finally:
            for d in dendrites:
                await d.aclose_session()
        results = [r for g in groups for r in g]
        lat = [s * 1000 for s, _ in results]
        return {
            "ok": sum(1 for _, c in results if c == 200),
            "n": len(results),
            "p50": pct(lat, 50),
            "p99": pct(lat, 99),
            "max": max(lat),
            "wall": wall,
            "codes": sorted({c for _, c in results}),
            "warm_ok": sum(1 for _, c in warm if c == 200),
            "load": os.getloadavg()[0],
            "cpu": "/".join(f"{c * 1000:.0f}" for c in cpu),
        }

    return asyncio.run(go())


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def write_reg(path: Path, miner: Any, port: int, validators: Sequence[Any]) -> None:
    def neuron(uid: int, w: Any, stake: float, permit: bool, p: int) -> Neuron:
        return Neuron(
            uid=uid,
            hotkey=w.hotkey.ss58_address,
            coldkey=w.coldkeypub.ss58_address,
            stake=stake,
            validator_permit=permit,
            ip="127.0.0.1",
            port=p,
        )

    neurons = [neuron(0, miner, 0.0, False, port)]
    neurons += [neuron(i + 1, v, STAKE, True, 0) for i, v in enumerate(validators)]
    write_registry(path, 35, neurons)
    volumes = volume_table(LocalRegistry(path).snapshot(), EPOCH_VOLUME, MIN_STAKE)
    need = 100 + 3 + LOAD_RUNS * (PER_VALIDATOR + 1)  # validator 0 also runs phase 1
    if min(volumes[v.hotkey.ss58_address] for v in validators) < need:
        raise RuntimeError(f"EPOCH_VOLUME {EPOCH_VOLUME} leaves a validator < {need} requests")


def print_seq(
    rows: list[tuple[str, str, str, str]], n: int, seqs: dict[str, list[tuple[float, int]]]
) -> None:
    print(f"\n[1] sequential, {n} queries (+3 warm-up), one dendrite, LLM in its own process")
    d_ms = LLM_DELAY_S * 1000
    for name, res in seqs.items():
        ok = sum(1 for _, c in res if c == 200)
        e2e = [sec * 1000 for sec, _ in res]
        over = [ms - d_ms for ms in e2e]
        o50, o99 = pct(over, 50), pct(over, 99)
        print(
            f"    {name:<13} {ok:>3}/{n:<3} e2e p50 {o50 + d_ms:6.1f} p99 {o99 + d_ms:6.1f} "
            f"max {max(e2e):6.1f} ms | overhead p50 {o50:5.1f} p99 {o99:5.1f} "
            f"max {max(over):5.1f} ms"
        )
        if name == "miner":
            rows += [
                (f"seq answered (of {n})", str(ok), f"{n}", verdict(ok == n)),
                ("seq e2e p50 / p99 (ms)", f"{o50 + d_ms:.1f} / {o99 + d_ms:.1f}", "-", ""),
                ("seq overhead p50 (ms)", f"{o50:.1f}", "<= 15", verdict(o50 <= 15)),
                ("seq overhead p99 (ms)", f"{o99:.1f}", "<= 50", verdict(o99 <= 50)),
            ]
        else:
            rows.append(
                ("seq bare-axon overhead p50 / p99 (ms)", f"{o50:.1f} / {o99:.1f}", "-", "")
            )


def print_load(
    rows: list[tuple[str, str, str, str]], runs: list[tuple[str, dict[str, Any]]]
) -> None:
    total = N_VALIDATORS * PER_VALIDATOR
    print(
        f"\n[2] load: {N_VALIDATORS} validators x {PER_VALIDATOR} requests in order, all at "
        f"once ({total} requests after a warm-up burst of {N_VALIDATORS}), alternating"
    )
    print(
        f"    {'run':<3} {'target':<16} {'answered':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'wall s':>7} {'load1':>6} {'CPU ms':>12}  status codes"
    )
    for i, (name, r) in enumerate(runs):
        print(
            f"    {i // 2 + 1:<3} {name:<16} {r['ok']:>4}/{r['n']:<4} {r['p50']:8.1f} "
            f"{r['p99']:8.1f} {r['max']:8.1f} {r['wall']:7.2f} {r['load']:6.2f} {r['cpu']:>12}  "
            f"{r['codes']} (warm-up {r['warm_ok']}/{N_VALIDATORS})"
        )
    print("    CPU ms in the timed part: this process (dendrites)/target/scripted LLM")
    med: dict[str, float] = {}
    for name in dict(runs):
        mine = [r for n, r in runs if n == name]
        med[name] = statistics.median(r["p99"] for r in mine)
        ok = sum(r["ok"] for r in mine)
        rows.append(
            (
                f"load {name}: answered; p99 per run (ms)",
                f"{ok}/{total * len(mine)}; " + " ".join(f"{r['p99']:.0f}" for r in mine),
                f"all {total}",
                verdict(ok == total * len(mine)),
            )
        )
    bare, miner = med["bare bt.Axon"], med["miner"]
    print(
        f"    median p99: bare bt.Axon {bare:.1f} ms, miner {miner:.1f} ms "
        f"(miner - bare {miner - bare:+.1f} ms)"
    )
    rows.append(
        (
            "load median p99 miner / bare (ms)",
            f"{miner:.1f} / {bare:.1f}",
            "<= bare",
            verdict(miner <= bare),
        )
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="30 sequential queries instead of 100")
    ap.add_argument(
        "--strategy",
        default="baseline",
        help="--miner.strategy for the miner process (default: %(default)s; "
        "'' = the miner's own default)",
    )
    ap.add_argument(
        "--serve-bare-axon", nargs=2, metavar=("PORT", "WALLET_PATH"), help=argparse.SUPPRESS
    )
    args = ap.parse_args()
    if args.serve_bare_axon:
        return serve_bare_axon(int(args.serve_bare_axon[0]), args.serve_bare_axon[1])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: children get stopped
    n_seq = 30 if args.quick else 100
    bt.logging.set_warning(True)
    rows: list[tuple[str, str, str, str]] = []  # metric, value, target, result
    print(f"machine: {os.cpu_count()} CPUs, load average at start {loadavg()}", flush=True)

    with (
        tempfile.TemporaryDirectory(prefix="logicnet-bench-") as tmp_name,
        contextlib.ExitStack() as stack,
    ):
        tmp = Path(tmp_name)
        wdir, t0 = str(tmp / "wallets"), time.perf_counter()
        miner_w = create_wallet("miner", "default", wdir)
        bare_w = create_wallet("bare", "default", wdir)
        vals = [create_wallet(f"validator{i:02d}", "default", wdir) for i in range(N_VALIDATORS)]
        mport, bport, reg = free_port(), free_port(), tmp / "registry.json"
        write_reg(reg, miner_w, mport, vals)
        llm = spawn(
            stack,
            [sys.executable, "-m", "logicnet.devkit.scripted_llm", str(LLM_DELAY_S)],
            tmp / "llm.log",
            ROOT,
            stdout_pipe=True,
        )
        llm_url = first_line(llm)
        miner_cmd = [
            sys.executable,
            "-m",
            "logicnet",
            "miner",
            "--localnet.registry",
            str(reg),
            "--wallet.name",
            "miner",
            "--wallet.hotkey",
            "default",
            "--wallet.path",
            wdir,
            "--axon.port",
            str(mport),
            "--miner.llm_client.base_url",
            llm_url,
            "--miner.epoch_volume",
            str(EPOCH_VOLUME),
            "--miner.min_stake",
            str(MIN_STAKE),
        ] + (["--miner.strategy", args.strategy] * bool(args.strategy))
        miner = spawn(stack, miner_cmd, tmp / "miner.log", tmp)
        bare = spawn(
            stack,
            [sys.executable, str(Path(__file__).resolve()), "--serve-bare-axon", str(bport), wdir],
            tmp / "bare.log",
            ROOT,
        )

        def tail(name: str) -> str:
            return (
                f"--- {name} log (tail) ---\n"
                + (tmp / f"{name}.log").read_text(errors="replace")[-2500:]
            )

        try:
            ready = wait_port(mport, miner, "miner")
            wait_port(bport, bare, "bare axon")
        except RuntimeError as exc:
            print(f"SETUP ERROR: {exc}\n{tail('miner')}\n{tail('bare')}")
            return 1
        print(
            f"setup: {N_VALIDATORS + 2} wallets, LLM ({LLM_DELAY_S * 1000:.0f} ms per reply) "
            f"at {llm_url} pid {llm.pid}, miner pid {miner.pid} (port open after {ready:.1f} "
            f"s), bare axon pid {bare.pid}; {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        time.sleep(3.0)
        idle = rss_mb(miner.pid)
        minfo, binfo = axon_info(miner_w, mport), axon_info(bare_w, bport)

        wait_quiet("phase 1")
        seqs = {
            "miner": run_sequential(vals[0], minfo, n_seq),
            "bare bt.Axon": run_sequential(vals[0], binfo, n_seq),
        }
        print_seq(rows, n_seq, seqs)

        wait_quiet("phase 2")
        runs: list[tuple[str, dict[str, Any]]] = []
        for _ in range(LOAD_RUNS):
            runs.append(("bare bt.Axon", run_load(vals, binfo, [os.getpid(), bare.pid, llm.pid])))
            runs.append(("miner", run_load(vals, minfo, [os.getpid(), miner.pid, llm.pid])))
        print_load(rows, runs)

        after = rss_mb(miner.pid)
        t_term = time.perf_counter()
        miner.send_signal(signal.SIGTERM)
        try:
            code: int | None = miner.wait(timeout=10.0)
        except subprocess.TimeoutExpired:
            code = None
        stop_s = time.perf_counter() - t_term
        strat = args.strategy or "its default"
        print(
            f"\n[3] miner process (strategy {strat}): idle RSS {idle:.1f} MB; RSS after load "
            f"{after:.1f} MB"
        )
        print(
            "    SIGTERM: "
            + (
                f"exited with code {code} after {stop_s:.2f} s"
                if code is not None
                else "still running after 10 s (killed)"
            )
        )
        if code != 0:
            print(tail("miner"))
        rows += [
            ("idle RSS (MB)", f"{idle:.1f}", "<= 300", verdict(idle <= 300)),
            ("RSS after load (MB)", f"{after:.1f}", "-", ""),
            (
                "SIGTERM exit",
                f"code {code}, {stop_s:.2f} s" if code is not None else "no exit",
                "<= 10 s",
                verdict(code is not None),
            ),
        ]

    rows.append(("load average at end (1/5/15 min)", loadavg(), "-", ""))
    w0, w1 = (max(len(r[i]) for r in rows) for i in (0, 1))
    print(
        f"\n{'=' * (w0 + w1 + 20)}\nSUMMARY\n{'metric':<{w0}}  {'value':<{w1}}  "
        f"{'target':<8} result"
    )
    for metric, value, target, result in rows:
        print(f"{metric:<{w0}}  {value:<{w1}}  {target:<8} {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
