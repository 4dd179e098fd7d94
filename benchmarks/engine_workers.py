"""What the engine's worker processes cost, and what they buy; all on 127.0.0.1, stops by itself.

    python benchmarks/engine_workers.py [--per-topic 5] [--queries 40]

1. Cost per question: the same wrapped generator questions (``--per-topic`` per subtopic)
   answered in this process (``logicnet.engine.solve``) and through ``EngineWorkers`` (a pipe
   hop and JSON each way); p50/p99 of each and the difference.
2. Memory: this process's RSS before and after starting two workers, and each worker's.
3. The hostile inputs of issue 18, each through the workers: wall time and outcome.
4. A live miner (``python -m logicnet miner --miner.strategy engine``, local registry):
   ``--queries`` ordinary questions from one validator, one after another, undisturbed and
   then while a second validator keeps 4 hostile questions in flight; p50/p99 latency and
   the status of every reply.

Percentiles are nearest-rank. Other work on the machine skews timings; the load average is
printed at the start and the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bittensor as bt  # noqa: E402
from miner_latency import (  # noqa: E402  (also pins the public-IP lookup: offline)
    axon_info,
    loadavg,
    pct,
    rss_mb,
    spawn,
    wait_port,
)

from logicnet.chain import Neuron, write_registry  # noqa: E402
from logicnet.challenges.generate import GeneratorFailed, generate_problem  # noqa: E402
from logicnet.challenges.topics import topic_pairs  # noqa: E402
from logicnet.challenges.wrap import wrap_math_question  # noqa: E402
from logicnet.engine import solve  # noqa: E402
from logicnet.engine.workers import EngineWorkers  # noqa: E402
from logicnet.errors import EngineError  # noqa: E402
from logicnet.protocol import LogicSynapse  # noqa: E402
from logicnet.wallets import create_wallet  # noqa: E402

HOSTILE = [
    "For the given GP [2, 6, 18, 54]. Find the value of a common ratio, 99999999th term value, "
    "sum upto 5th term",
    "The Quotient of 9^{999999999} and 9^{1} = 9^{999999999-1} = 9^{999999998}",
    "Fill in the blanks 2^{\\frac{1}{999999937}} _ 3^{\\frac{1}{999999929}}",
    "The Quotient of 3^{99999999} and 7^{99999999} = (3/7)^99999999 = ...",
    "What is 2^9\u200d9\u200d9?",
    "Find the solution of this math problem:\n---\n" + "9" * 4299 + "^1000 = \n---\n",
]
ORDINARY = "Find the solution of this math problem:\n---\nGCD of 12 and 18 = \n---\n"
STAKE = 20000.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def questions(per_topic: int) -> list[str]:
    out: list[str] = []
    for topic, subtopic in topic_pairs():
        seed, drawn = 500_000, 0
        while drawn < per_topic and seed < 500_000 + 20 * per_topic:
            seed += 1
            try:
                raw, _ = generate_problem(topic, subtopic, seed)
            except GeneratorFailed:
                continue
            drawn += 1
            out.append(wrap_math_question(topic, subtopic, raw))
    return out


def cost(per_topic: int) -> None:
    texts = questions(per_topic)
    solve("warm-up")
    inline: list[float] = []
    for text in texts:
        t0 = time.perf_counter()
        solve(text)
        inline.append(time.perf_counter() - t0)
    before = rss_mb(os.getpid())
    workers = EngineWorkers(size=2)
    workers.start()
    deadline = time.monotonic() + 60
    while workers.idle < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        after = rss_mb(os.getpid())
        hop: list[float] = []
        for text in texts:
            t0 = time.perf_counter()
            workers.solve_blocking(text, 10)
            hop.append(time.perf_counter() - t0)
        worker_rss = [rss_mb(w.proc.pid) for w in list(workers._all)]
        print(f"\n1. cost per question ({len(texts)} wrapped generator questions)")
        added = [b - a for a, b in zip(inline, hop, strict=True)]
        for label, values in (("in-process", inline), ("via a worker", hop), ("added", added)):
            p50, p99 = pct(values, 50) * 1e3, pct(values, 99) * 1e3
            print(f"   {label:14s} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms")
        print("\n2. memory")
        print(f"   this process {before:.0f} MB before the pool, {after:.0f} MB after")
        print("   workers " + ", ".join(f"{r:.0f} MB" for r in worker_rss))
        print("\n3. the hostile inputs through the workers")
        for text in HOSTILE:
            t0 = time.perf_counter()
            try:
                found = workers.solve_blocking(text, 10)
                outcome = f"answer {found.answer[:30]!r}" if found else "not recognised"
            except EngineError as exc:
                outcome = f"{type(exc).__name__}: {exc}"
            label = text.replace("\n", " ")[:60]
            print(f"   {time.perf_counter() - t0:7.3f} s  {outcome:40s} {label!r}")
    finally:
        workers.close()


async def one(dendrite: Any, info: Any, question: str, timeout: float) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    out = await dendrite.forward(
        info,
        LogicSynapse(logic_question=question, timeout=timeout),
        timeout=timeout,
        deserialize=False,
    )
    return time.perf_counter() - t0, int(out.dendrite.status_code or 0), str(out.logic_answer)


async def ordinary_run(dendrite: Any, info: Any, n: int) -> list[tuple[float, int, str]]:
    return [await one(dendrite, info, ORDINARY, 12.0) for _ in range(n)]


async def live(tmp: Path, stack: contextlib.ExitStack, n: int) -> None:
    wdir = str(tmp / "wallets")
    miner_w = create_wallet("miner", "default", wdir)
    normal_w = create_wallet("validator", "default", wdir)
    hostile_w = create_wallet("hostile", "default", wdir)
    port = free_port()
    registry = tmp / "registry.json"
    neurons = [
        Neuron(
            0,
            miner_w.hotkey.ss58_address,
            miner_w.coldkeypub.ss58_address,
            0.0,
            False,
            "127.0.0.1",
            port,
        )
    ]
    for uid, w in ((1, normal_w), (2, hostile_w)):
        neurons.append(
            Neuron(
                uid, w.hotkey.ss58_address, w.coldkeypub.ss58_address, STAKE, True, "127.0.0.1", 0
            )
        )
    write_registry(registry, 35, neurons)
    miner = spawn(
        stack,
        [
            sys.executable,
            "-m",
            "logicnet",
            "miner",
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            "miner",
            "--wallet.path",
            wdir,
            "--axon.port",
            str(port),
            "--miner.strategy",
            "engine",
            "--miner.epoch_volume",
            "100000",
        ],
        tmp / "miner.log",
        tmp,
    )
    wait_port(port, miner, "miner", timeout_s=120.0)
    info = axon_info(miner_w, port)
    normal = bt.Dendrite(wallet=normal_w)
    hostile = [bt.Dendrite(wallet=hostile_w) for _ in range(4)]
    try:
        await ordinary_run(normal, info, 3)  # warm: connections, the engine's workers
        quiet = await ordinary_run(normal, info, n)
        stop = asyncio.Event()
        sent = {"hostile": 0}

        async def flood(d: Any, k: int) -> None:
            while not stop.is_set():
                await one(d, info, HOSTILE[(k + sent["hostile"]) % 4], 12.0)
                sent["hostile"] += 1

        floods = [asyncio.ensure_future(flood(d, k)) for k, d in enumerate(hostile)]
        await asyncio.sleep(0.5)
        busy = await ordinary_run(normal, info, n)
        stop.set()
        await asyncio.gather(*floods)
    finally:
        for d in (normal, *hostile):
            await d.aclose_session()
    print(f"\n4. a live engine miner, {n} ordinary queries one after another")
    for label, rows in (("undisturbed", quiet), ("4 hostile in flight", busy)):
        times = [r[0] for r in rows]
        statuses = sorted({r[1] for r in rows})
        right = sum(r[2] == "6" for r in rows)
        print(
            f"   {label:20s} p50 {pct(times, 50) * 1e3:7.1f} ms  p99 {pct(times, 99) * 1e3:7.1f} ms"
            f"  statuses {statuses}  right {right}/{len(rows)}"
        )
    print(f"   hostile questions answered meanwhile: {sent['hostile']}")
    print(f"   miner RSS {rss_mb(miner.pid):.0f} MB (its engine workers are separate processes)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-topic", type=int, default=5, help="generator questions per subtopic")
    ap.add_argument("--queries", type=int, default=40, help="ordinary queries to the live miner")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    bt.logging.set_warning(True)
    print(f"machine: {os.cpu_count()} CPUs, load average at start {loadavg()}", flush=True)
    cost(args.per_topic)
    with (
        tempfile.TemporaryDirectory(prefix="logicnet-engine-workers-") as tmp_name,
        contextlib.ExitStack() as stack,
    ):
        asyncio.run(live(Path(tmp_name), stack, args.queries))
    print(f"\nload average at end {loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
