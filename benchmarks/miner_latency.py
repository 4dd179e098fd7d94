"""Miner latency, load and memory figures, all on 127.0.0.1.

What it measures (prints figures; it is not a test):

1. Sequential latency: a scripted OpenAI-compatible server answers every chat
   request after 200 ms; one real ``bt.Dendrite`` sends N LogicSynapse queries
   one after another to a real MinerService axon (N=100, ``--quick``: 30).
   End-to-end p50/p99 are timed around ``await dendrite.forward(...)``; the
   miner's overhead is end-to-end minus the scripted 200 ms
   (targets: p50 <= 15 ms, p99 <= 50 ms). The same run against a bare axon
   shows bittensor's own floor (Dendrite + Axon) for comparison.
2. Load: 32 validators (own wallets, 20000 stake each, epoch_volume 512,
   min_stake 10000), each with its own Dendrite sending 2 requests in a row,
   all 32 at once: against (a) our miner in this process, (b) a bare
   ``bt.Axon`` whose forward sleeps 200 ms, and (c) the miner as a subprocess.
3. Idle RSS of ``python -m logicnet miner`` (target <= 300 MB), its RSS after
   the load of 2(c), and whether SIGTERM stops it within 10 s.

Run from the repository root:

    python benchmarks/miner_latency.py [--quick] [--stock-llm] [--strategy NAME]

The scripted server gets TCP_NODELAY and a larger listen backlog unless
``--stock-llm`` (see _TunedServer). The miner process runs ``--miner.strategy
baseline`` like the in-process one (``--strategy ''``: its own default).
Percentiles are nearest-rank (with 64 samples p99 is the maximum).
"""

import argparse
import asyncio
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
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

import tests.fake_llm as fake_llm  # noqa: E402
from logicnet.chain import LocalRegistry, Neuron, write_registry  # noqa: E402
from logicnet.credentials import Secret  # noqa: E402
from logicnet.llm import LLMPool  # noqa: E402
from logicnet.miner.admission import Admission  # noqa: E402
from logicnet.miner.run import start_axon  # noqa: E402
from logicnet.miner.service import MinerService  # noqa: E402
from logicnet.miner.solvers.baseline import BaselineSolver  # noqa: E402
from logicnet.protocol import LogicSynapse  # noqa: E402
from logicnet.wallets import create_wallet  # noqa: E402
from tests.fake_llm import ScriptedLLM, free_port, reply  # noqa: E402

LLM_DELAY_S = 0.2
N_VALIDATORS, PER_VALIDATOR = 32, 2
STAKE, MIN_STAKE, EPOCH_VOLUME = 20000.0, 10000.0, 512
QUERY_TIMEOUT_S = 12.0
QUESTION = "Find the solution of this math problem:\n---\nGCD of 12 and 18 = \n---\n"


def pct(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else float("nan")


class _TunedServer(fake_llm.ThreadingHTTPServer):
    """The scripted server minus two artefacts of http.server that are not the miner's:
    a listen backlog of 5 (a burst of 64 connects loses SYNs: +1 s retransmits, resets)
    and Nagle on replies written as headers + body (+~40 ms delayed ACK per call)."""

    request_queue_size = 256

    def get_request(self) -> tuple[socket.socket, Any]:
        conn, addr = super().get_request()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn, addr


def write_reg(path: Path, miner: Any, port: int, validators: Sequence[Any]) -> None:
    def neuron(uid: int, w: Any, stake: float, permit: bool, p: int) -> Neuron:
        return Neuron(uid=uid, hotkey=w.hotkey.ss58_address, coldkey=w.coldkeypub.ss58_address,
                      stake=stake, validator_permit=permit, ip="127.0.0.1", port=p)

    neurons = [neuron(0, miner, 0.0, False, port)]
    neurons += [neuron(i + 1, v, STAKE, True, 0) for i, v in enumerate(validators)]
    write_registry(path, 35, neurons)


def start_inproc_miner(wallet: Any, registry: Path, llm_url: str) -> Any:
    pool = LLMPool([llm_url], "scripted", Secret("sk-bench-0001"))
    service = MinerService(
        wallet=wallet, chain=LocalRegistry(registry, netuid=35), solver=BaselineSolver(pool),
        admission=Admission(EPOCH_VOLUME, MIN_STAKE, 600.0), epoch_volume=EPOCH_VOLUME,
    )
    service.resync()
    port = int(LocalRegistry(registry).snapshot().neurons[0].port)
    axon = service.build_axon(port=port, external_ip="127.0.0.1", bind_host="127.0.0.1")
    start_axon(axon)
    return axon


async def bare_forward(synapse: LogicSynapse) -> LogicSynapse:
    await asyncio.sleep(LLM_DELAY_S)
    synapse.logic_answer = "42"
    synapse.logic_reasoning = "slept"
    return synapse


def start_bare_axon(wallet: Any, port: int) -> Any:
    axon = bt.Axon(wallet=wallet, port=port, external_ip="127.0.0.1")
    axon.attach(forward_fn=bare_forward)
    axon.fast_config.host = "127.0.0.1"
    start_axon(axon)
    return axon


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


def run_load(validators: Sequence[Any], info: Any) -> dict[str, Any]:
    """All validators at once; each sends its requests in order (nonces must increase)."""
    async def one_validator(dendrite: Any) -> list[tuple[float, int]]:
        return [await timed_query(dendrite, info) for _ in range(PER_VALIDATOR)]

    async def go() -> dict[str, Any]:
        dendrites = [bt.Dendrite(wallet=w) for w in validators]
        warm = bt.Dendrite(wallet=validators[0])  # one untimed request: no cold start
        try:
            await timed_query(warm, info)
            t0 = time.perf_counter()
            groups = await asyncio.gather(*(one_validator(d) for d in dendrites))
            wall = time.perf_counter() - t0
        finally:
            for d in [warm, *dendrites]:
                await d.aclose_session()
        results = [r for g in groups for r in g]
        lat = [s * 1000 for s, _ in results]
        return {"ok": sum(1 for _, c in results if c == 200), "n": len(results),
                "p50": pct(lat, 50), "p99": pct(lat, 99), "max": max(lat), "wall": wall,
                "codes": sorted({c for _, c in results})}

    return asyncio.run(go())


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout_s: float = 60.0) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout_s:
        if proc.poll() is not None:
            raise RuntimeError(f"miner exited early with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return time.perf_counter() - t0
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"miner port {port} not open within {timeout_s:.0f} s")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_process(tmp: Path, miner_w: Any, vals: Sequence[Any], llm_url: str,
                strategy: str) -> dict[str, Any]:
    """Start ``python -m logicnet miner``; idle RSS, the load, RSS after, SIGTERM."""
    port, reg, log_path = free_port(), tmp / "registry-proc.json", tmp / "miner.log"
    write_reg(reg, miner_w, port, vals)
    cmd = [sys.executable, "-m", "logicnet", "miner", "--localnet.registry", str(reg),
           "--wallet.name", "miner", "--wallet.hotkey", "default",
           "--wallet.path", str(tmp / "wallets"), "--axon.port", str(port),
           "--miner.llm_client.base_url", llm_url, "--miner.epoch_volume", str(EPOCH_VOLUME),
           "--miner.min_stake", str(MIN_STAKE)] + (["--miner.strategy", strategy] * bool(strategy))
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with open(log_path, "wb") as log_fh:
        proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=log_fh, stderr=subprocess.STDOUT)
    out: dict[str, Any] = {}
    try:
        out["ready"] = wait_port(port, proc)
        time.sleep(3.0)
        out["idle"] = rss_mb(proc.pid)
        info = bt.AxonInfo(version=version_as_int, ip="127.0.0.1", port=port, ip_type=4,
                           hotkey=miner_w.hotkey.ss58_address,
                           coldkey=miner_w.coldkeypub.ss58_address)
        out["load"] = run_load(vals, info)
        out["after"] = rss_mb(proc.pid)
        t_term = time.perf_counter()
        proc.send_signal(signal.SIGTERM)
        try:
            out["code"] = proc.wait(timeout=10.0)
        except subprocess.TimeoutExpired:
            out["code"] = None
        out["stop_s"] = time.perf_counter() - t_term
    except RuntimeError as exc:
        out["error"] = str(exc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        out["log"] = log_path.read_text(errors="replace")[-2500:]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="30 sequential queries instead of 100")
    ap.add_argument("--stock-llm", action="store_true",
                    help="use tests/fake_llm.py's server as is (backlog 5, Nagle on)")
    ap.add_argument("--strategy", default="baseline",
                    help="--miner.strategy for the miner process, as the in-process miner uses "
                    "(default: %(default)s; '' = the miner's own default)")
    args = ap.parse_args()
    n_seq = 30 if args.quick else 100
    if not args.stock_llm:
        fake_llm.ThreadingHTTPServer = _TunedServer  # type: ignore[misc]
    bt.logging.set_warning(True)
    rows: list[tuple[str, str, str, str]] = []  # metric, value, target, result

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    with tempfile.TemporaryDirectory(prefix="logicnet-bench-") as tmp_name, \
            ScriptedLLM(default=reply("Step 1: think.\nFinal answer: 6", delay=LLM_DELAY_S)) as llm:
        tmp = Path(tmp_name)
        wdir, t0 = str(tmp / "wallets"), time.perf_counter()
        miner_w = create_wallet("miner", "default", wdir)
        bare_w = create_wallet("bare", "default", wdir)
        vals = [create_wallet(f"validator{i:02d}", "default", wdir) for i in range(N_VALIDATORS)]
        print(f"setup: {N_VALIDATORS + 2} wallets in {time.perf_counter() - t0:.1f} s; "
              f"scripted LLM at {llm.base_url} ({LLM_DELAY_S * 1000:.0f} ms per reply, "
              f"{'stock server' if args.stock_llm else 'TCP_NODELAY, backlog 256'})")
        print(f"machine: {os.cpu_count()} CPUs, load average at start "
              f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} (other work skews the figures)")

        # 1. sequential (miner, then the bare axon: bittensor's own floor); 2. load ----------
        total = N_VALIDATORS * PER_VALIDATOR
        loads: dict[str, dict[str, Any]] = {}
        reg1, reg2 = tmp / "registry-seq.json", tmp / "registry-load.json"
        write_reg(reg1, miner_w, free_port(), vals[:1])
        write_reg(reg2, miner_w, free_port(), vals)
        bare = start_bare_axon(bare_w, free_port())
        try:
            axon = start_inproc_miner(miner_w, reg1, llm.base_url)
            try:
                seq = run_sequential(vals[0], axon.info(), n_seq)
            finally:
                axon.stop()
            bare_seq = run_sequential(vals[0], bare.info(), n_seq)
            axon = start_inproc_miner(miner_w, reg2, llm.base_url)
            try:
                loads["miner (in-process)"] = run_load(vals, axon.info())
            finally:
                axon.stop()
            loads["bare bt.Axon"] = run_load(vals, bare.info())
        finally:
            bare.stop()
        seq_ok = sum(1 for _, c in seq if c == 200)
        print(f"\n[1] sequential, {n_seq} queries (+3 warm-up), one dendrite: {seq_ok} answered")
        over: dict[str, list[float]] = {}
        for name, res in (("miner", seq), ("bare bt.Axon", bare_seq)):
            e2e = [sec * 1000 for sec, _ in res]
            over[name] = [ms - LLM_DELAY_S * 1000 for ms in e2e]
            print(f"    {name:<13} e2e p50 {pct(e2e, 50):6.1f} p99 {pct(e2e, 99):6.1f} "
                  f"max {max(e2e):6.1f} ms | overhead p50 {pct(over[name], 50):5.1f} "
                  f"p99 {pct(over[name], 99):5.1f} max {max(over[name]):5.1f} ms")
        o50, o99, d_ms = pct(over["miner"], 50), pct(over["miner"], 99), LLM_DELAY_S * 1e3
        b50, b99 = pct(over["bare bt.Axon"], 50), pct(over["bare bt.Axon"], 99)
        rows += [
            (f"seq answered (of {n_seq})", str(seq_ok), f"{n_seq}", verdict(seq_ok == n_seq)),
            ("seq e2e p50 / p99 (ms)", f"{o50 + d_ms:.1f} / {o99 + d_ms:.1f}", "-", ""),
            ("seq overhead p50 (ms)", f"{o50:.1f}", "<= 15", verdict(o50 <= 15)),
            ("seq overhead p99 (ms)", f"{o99:.1f}", "<= 50", verdict(o99 <= 50)),
            ("seq bare-axon overhead p50 / p99 (ms)", f"{b50:.1f} / {b99:.1f}", "-", ""),
        ]

        # 3. the miner as a process: idle RSS, the same load, RSS after, SIGTERM -------------
        proc_res = run_process(tmp, miner_w, vals, llm.base_url, args.strategy)
        if "load" in proc_res:
            loads["miner (subprocess)"] = proc_res["load"]

        print(f"\n[2] load: {N_VALIDATORS} validators x {PER_VALIDATOR} requests in order, "
              f"all at once ({total} requests after 1 untimed warm-up; latency over all)")
        print(f"    {'target':<20} {'answered':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
              f"{'wall s':>7}  status codes")
        for name, r in loads.items():
            print(f"    {name:<20} {r['ok']:>4}/{r['n']:<4} {r['p50']:8.1f} {r['p99']:8.1f} "
                  f"{r['max']:8.1f} {r['wall']:7.2f}  {r['codes']}")
            rows.append((f"load {name}: answered; p50/p99/max ms; wall s",
                         f"{r['ok']}/{r['n']}; {r['p50']:.0f}/{r['p99']:.0f}/{r['max']:.0f}; "
                         f"{r['wall']:.2f}", f"{total}/{total}", verdict(r["ok"] == total)))

        strat = args.strategy or "its default"
        if "error" in proc_res:
            print(f"\n[3] miner process (strategy {strat}): SETUP ERROR {proc_res['error']}\n"
                  f"--- miner log (tail) ---\n{proc_res['log']}")
            rows.append(("miner process", "did not start", "starts", "ERROR"))
        else:
            idle, after, code, stop_s = (proc_res[k] for k in ("idle", "after", "code", "stop_s"))
            print(f"\n[3] miner process (strategy {strat}): port open after {proc_res['ready']:.1f}"
                  f" s; idle RSS {idle:.1f} MB; RSS after load {after:.1f} MB")
            stopped = code is not None
            print("    SIGTERM: " + (f"exited with code {code} after {stop_s:.2f} s" if stopped
                                       else "still running after 10 s (killed)"))
            if not stopped or code != 0:
                print(f"--- miner log (tail) ---\n{proc_res['log']}")
            rows += [
                ("idle RSS (MB)", f"{idle:.1f}", "<= 300", verdict(idle <= 300)),
                ("RSS after load (MB)", f"{after:.1f}", "-", ""),
                ("SIGTERM exit", f"code {code}, {stop_s:.2f} s" if stopped else "no exit",
                 "<= 10 s", verdict(stopped)),
            ]

    rows.append(("load average at end (1/5/15 min)",
                 " / ".join(f"{x:.2f}" for x in os.getloadavg()), "-", ""))
    w0, w1 = (max(len(r[i]) for r in rows) for i in (0, 1))
    print(f"\n{'=' * (w0 + w1 + 20)}\nSUMMARY\n{'metric':<{w0}}  {'value':<{w1}}  "
          f"{'target':<8} result")
    for metric, value, target, result in rows:
        print(f"{metric:<{w0}}  {value:<{w1}}  {target:<8} {result}")
    return 1 if "error" in proc_res else 0


if __name__ == "__main__":
    sys.exit(main())
