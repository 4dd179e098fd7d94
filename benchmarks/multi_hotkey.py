"""Several hotkeys in one miner process against one process per hotkey, on 127.0.0.1.

Prints figures; not a test. Every miner is a real ``python -m logicnet miner`` (strategy
``engine``, local registry), every query a real ``bt.Dendrite`` call with real signatures.

1. Memory: one process serving 1, 4 and 16 hotkeys (``--wallet.hotkeys``) against 1, 4 and
   16 processes of one hotkey each. The figure is the resident memory of the whole process
   tree (the miner and its engine worker processes), summed, after every hotkey answered
   one question; PSS (shared pages split between the processes that share them) beside it.
   Target: each extra hotkey in one process costs <= 30 MB.
2. Load: 16 hotkeys queried at once (``--concurrency`` requests in flight, spread over the
   16 axons, for ``--seconds``), one process against 16, on the same cores: answers per
   second and p50/p99 latency (nearest rank).
3. ``logicnet localnet`` wall time with its honest miners in one process (now) and with
   ``--separate-miners`` (one process each, as before): ``--localnet-miners`` honest engine
   miners and one lazy cheater, one round.

Run from the repository root:

    python benchmarks/multi_hotkey.py [--sizes 1,4,16] [--seconds 20] [--concurrency 32]
                                      [--skip-localnet]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from logicnet.netutil import pin_external_ip  # noqa: E402

pin_external_ip("127.0.0.1")  # before any Dendrite/Axon: keeps bittensor offline

import bittensor as bt  # noqa: E402

from logicnet.chain import Neuron, write_registry  # noqa: E402
from logicnet.netutil import free_port  # noqa: E402
from logicnet.protocol import LogicSynapse  # noqa: E402
from logicnet.wallets import create_wallet  # noqa: E402

QUESTION = "GCD(84,120) ="
START_TIMEOUT_S = 180.0
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}


# --------------------------------------------------------------------------- /proc


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def _kib(path: str, field: str) -> int:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory_mb(pids: list[int]) -> tuple[float, float]:
    """(RSS, PSS) in MB of these processes and all their descendants."""
    every = [p for pid in pids for p in _tree(pid)]
    rss = sum(_kib(f"/proc/{p}/status", "VmRSS") for p in every)
    pss = sum(_kib(f"/proc/{p}/smaps_rollup", "Pss") for p in every)
    return rss / 1024, pss / 1024


# --------------------------------------------------------------------------- a subnet


class Subnet:
    """A validator and ``n`` hotkeys of one operator wallet, in a registry file."""

    def __init__(self, root: Path, n: int) -> None:
        self.wallets = root / "wallets"
        self.validator = create_wallet("validator", "default", str(self.wallets))
        self.names = [f"h{i}" for i in range(1, n + 1)]
        self.hotkeys = {h: create_wallet("operator", h, str(self.wallets)) for h in self.names}
        self.ports = {h: free_port() for h in self.names}
        self.registry = root / "registry.json"
        neurons = [
            Neuron(
                0,
                self.validator.hotkey.ss58_address,
                self.validator.coldkeypub.ss58_address,
                100_000.0,
                True,
                "127.0.0.1",
                0,
            )
        ]
        for uid, h in enumerate(self.names, start=1):
            w = self.hotkeys[h]
            neurons.append(
                Neuron(
                    uid,
                    w.hotkey.ss58_address,
                    w.coldkeypub.ss58_address,
                    0.0,
                    False,
                    "127.0.0.1",
                    self.ports[h],
                )
            )
        write_registry(self.registry, 35, neurons)

    def info(self, name: str) -> Any:
        w = self.hotkeys[name]
        return bt.AxonInfo(
            version=1,
            ip="127.0.0.1",
            port=self.ports[name],
            ip_type=4,
            hotkey=w.hotkey.ss58_address,
            coldkey=w.coldkeypub.ss58_address,
        )

    def start(self, names: list[str], log: Path) -> subprocess.Popen[bytes]:
        identity = (
            ["--wallet.hotkey", names[0], "--axon.port", str(self.ports[names[0]])]
            if len(names) == 1
            else [
                "--wallet.hotkeys",
                ",".join(names),
                "--axon.ports",
                ",".join(str(self.ports[n]) for n in names),
            ]
        )
        args = [
            sys.executable,
            "-m",
            "logicnet",
            "miner",
            "--localnet.registry",
            str(self.registry),
            "--wallet.name",
            "operator",
            "--wallet.path",
            str(self.wallets),
            *identity,
            "--miner.strategy",
            "engine",
            "--miner.epoch_volume",
            "100000",
            "--miner.min_stake",
            "1000",
            "--miner.max_concurrency",
            "1024",
            "--miner.max_connections",
            "4096",
        ]
        with log.open("wb") as out:
            return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=ENV)


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_listening(subnet: Subnet, procs: list[subprocess.Popen[bytes]], log: Path) -> float:
    started = time.monotonic()
    waiting = set(subnet.names)
    while waiting:
        if time.monotonic() - started > START_TIMEOUT_S:
            raise SystemExit(f"miners did not listen within {START_TIMEOUT_S:.0f} s; see {log}")
        if any(p.poll() is not None for p in procs):
            raise SystemExit(f"a miner exited at start-up; see {log}")
        waiting = {n for n in waiting if not _listening(subnet.ports[n])}
        time.sleep(0.05)
    return time.monotonic() - started


def stop(procs: list[subprocess.Popen[bytes]]) -> float:
    started = time.monotonic()
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    return time.monotonic() - started


# --------------------------------------------------------------------------- load


async def _load(
    subnet: Subnet, seconds: float, concurrency: int
) -> tuple[int, dict[str, int], list[float], float]:
    """(answered, failed, latencies, elapsed) of ``concurrency`` workers querying the
    hotkeys round-robin for ``seconds``."""
    dendrites = [bt.Dendrite(wallet=subnet.validator) for _ in range(min(concurrency, 8))]
    infos = [subnet.info(n) for n in subnet.names]
    latencies: list[float] = []
    failed: dict[str, int] = {}
    deadline = time.monotonic() + seconds

    async def worker(i: int) -> None:
        k = i
        dendrite = dendrites[i % len(dendrites)]
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            out = await dendrite.forward(
                infos[k % len(infos)],
                LogicSynapse(logic_question=QUESTION),
                timeout=30,
                deserialize=False,
            )
            k += 1
            if out.dendrite.status_code == 200 and out.logic_answer == "12":
                latencies.append(time.monotonic() - t0)
            else:
                why = f"{out.dendrite.status_code} {str(out.logic_answer)[:12]!r}"
                failed[why] = failed.get(why, 0) + 1

    started = time.monotonic()
    try:
        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    finally:
        for d in dendrites:
            await d.aclose_session()
    return len(latencies), failed, latencies, time.monotonic() - started


def _rank(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(q * len(ordered) + 0.999999) - 1))]


def _warm(subnet: Subnet) -> None:
    async def each() -> None:
        d = bt.Dendrite(wallet=subnet.validator)
        try:
            for n in subnet.names:
                out = await d.forward(
                    subnet.info(n), LogicSynapse(logic_question=QUESTION), timeout=30
                )
                assert out.dendrite.status_code == 200, (n, out.dendrite.status_message)
        finally:
            await d.aclose_session()

    asyncio.run(each())


def run_setup(
    root: Path, n: int, one_process: bool, seconds: float, concurrency: int, load: bool
) -> dict[str, Any]:
    subnet = Subnet(root / f"{'one' if one_process else 'many'}-{n}", n)
    logdir = root / "logs"
    logdir.mkdir(exist_ok=True)
    log = logdir / f"{'one' if one_process else 'many'}-{n}.log"
    groups = [subnet.names] if one_process else [[name] for name in subnet.names]
    procs = [
        subnet.start(g, log if one_process else log.with_suffix(f".{g[0]}.log")) for g in groups
    ]
    try:
        ready = wait_listening(subnet, procs, log)
        _warm(subnet)
        rss, pss = tree_memory_mb([p.pid for p in procs])
        row: dict[str, Any] = {"hotkeys": n, "ready_s": ready, "rss": rss, "pss": pss}
        if load:
            answered, failed, lat, elapsed = asyncio.run(_load(subnet, seconds, concurrency))
            row |= {
                "rate": answered / elapsed,
                "failed": failed,
                "p50": _rank(lat, 0.5),
                "p99": _rank(lat, 0.99),
                "rss_after": tree_memory_mb([p.pid for p in procs])[0],
            }
    finally:
        row_stop = stop(procs)
    row["stop_s"] = row_stop
    return row


# --------------------------------------------------------------------------- localnet


def localnet_wall(root: Path, honest: int, separate: bool) -> float:
    args = [
        sys.executable,
        "-m",
        "logicnet",
        "localnet",
        "--miners",
        ",".join(["engine"] * honest + ["lazy"]),
        "--rounds",
        "1",
        "--timeout",
        "3",
        "--volume",
        "2",
        "--seed",
        "7",
        "--dir",
        str(root / f"localnet-{'separate' if separate else 'shared'}"),
    ]
    if separate:
        args.append("--separate-miners")
    started = time.monotonic()
    out = subprocess.run(args, capture_output=True, text=True, env=ENV, timeout=900)
    elapsed = time.monotonic() - started
    if out.returncode != 0:
        raise SystemExit(f"localnet failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    listening = next((ln for ln in out.stdout.splitlines() if "miners listening" in ln), "")
    print(f"  {'separate' if separate else 'one process'}: wall {elapsed:.1f} s ({listening})")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4,16")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--localnet-miners", type=int, default=4)
    parser.add_argument("--skip-localnet", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="logicnet-multi-") as tmp:
        root = Path(tmp)
        rows: dict[tuple[int, bool], dict[str, Any]] = {}
        for n in sizes:
            for one in (True, False):
                if n == 1 and not one:
                    rows[(1, False)] = rows[(1, True)]
                    continue
                load = n == max(sizes)
                rows[(n, one)] = run_setup(root, n, one, args.seconds, args.concurrency, load)
                r = rows[(n, one)]
                print(
                    f"{n:>2} hotkeys, {'1 process ' if one else f'{n} processes'}: "
                    f"RSS {r['rss']:.0f} MB, PSS {r['pss']:.0f} MB, listening after "
                    f"{r['ready_s']:.1f} s, SIGTERM stopped all in {r['stop_s']:.1f} s",
                    flush=True,
                )
        print("\nmemory (whole process trees, after one answer per hotkey)")
        print(f"{'hotkeys':>7} {'1 process':>12} {'N processes':>12} {'per extra hotkey':>18}")
        base = rows[(sizes[0], True)]
        for n in sizes:
            one, many = rows[(n, True)], rows[(n, False)]
            extra = (one["rss"] - base["rss"]) / (n - sizes[0]) if n > sizes[0] else 0.0
            verdict = "" if n == sizes[0] else (" ok" if extra <= 30 else " MISSES <= 30 MB")
            print(f"{n:>7} {one['rss']:>9.0f} MB {many['rss']:>9.0f} MB {extra:>15.1f} MB{verdict}")
        top = max(sizes)
        print(
            f"\nload: {top} hotkeys, {args.concurrency} requests in flight, "
            f"{args.seconds:g} s, {os.cpu_count()} cores shared with the load generator"
        )
        for one in (True, False):
            r = rows[(top, one)]
            if "rate" not in r:
                continue
            print(
                f"  {'1 process ' if one else f'{top} processes'}: {r['rate']:.1f} answers/s, "
                f"p50 {r['p50'] * 1000:.0f} ms, p99 {r['p99'] * 1000:.0f} ms, not answered "
                f"{sum(r['failed'].values())} {r['failed'] or ''}, RSS after "
                f"{r['rss_after']:.0f} MB"
            )
        if not args.skip_localnet:
            print(f"\nlocalnet, {args.localnet_miners} honest engine miners + 1 lazy, 1 round:")
            shared = localnet_wall(root, args.localnet_miners, separate=False)
            separate = localnet_wall(root, args.localnet_miners, separate=True)
            print(f"  one process saves {separate - shared:.1f} s of {separate:.1f} s")


if __name__ == "__main__":
    main()
