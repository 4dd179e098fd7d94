"""Miner figures under hostile connections, all on 127.0.0.1; stops by itself.

Each server runs in its own process, as on a miner host: scripted LLMs
(``python -m logicnet.devkit.scripted_llm``)
and miners (``python -m logicnet miner --miner.strategy baseline`` at their default caps:
``--miner.max_concurrency 128``, ``--miner.max_connections 1024``, ``--miner.header_timeout
5``). The idle connections come from a third kind of process (this script's hidden
``--hold-idle PORT N`` mode): it keeps N sockets open against the miner, half sending
nothing and half sending half a request header, and opens a new one whenever the miner
closes one (the header deadline does so every 5 s).

1. Latency, miner A (LLM answering at once, so the miner's own cost is what is timed): one
   validator's Dendrite sends signed queries one after another, in rounds that alternate
   undisturbed / with 256 idle connections held (``--rounds`` each, ``--round-seconds`` 6
   long, so the held sockets are closed by the 5 s deadline and reopened inside a round).
   Target: the held-connection p50 within 1.25x of the undisturbed p50; every query
   answered 200.
2. Throughput, miner B (LLM replying after 200 ms): 32 validators with 4 Dendrites each
   (128 at once = the default in-flight cap) send queries back to back for ``--seconds``;
   answered requests per second, undisturbed and with 256 idle connections held. Also
   the CPU each process used (this process drives the dendrites; on a 2-core machine it
   competes with the miner).

Run from the repository root:

    python benchmarks/miner_hostile.py [--rounds 4] [--seconds 10]

Percentiles are nearest-rank. Other work on the machine skews the figures: the load
average is printed at start and end.
"""

import argparse
import asyncio
import contextlib
import os
import selectors
import signal
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bittensor as bt  # noqa: E402
from miner_latency import (  # noqa: E402  (also pins the public-IP lookup: offline)
    ROOT,
    axon_info,
    cpu_s,
    first_line,
    loadavg,
    pct,
    spawn,
    wait_port,
)

from logicnet.chain import Neuron, write_registry  # noqa: E402
from logicnet.devkit.scripted_llm import free_port  # noqa: E402
from logicnet.protocol import LogicSynapse  # noqa: E402
from logicnet.wallets import create_wallet  # noqa: E402

N_VALIDATORS, DENDRITES_EACH, IDLE_HELD = 32, 4, 256
STAKE, EPOCH_VOLUME = 20000.0, 1_000_000
QUERY_TIMEOUT_S = 12.0
QUESTION = "Find the solution of this math problem:\n---\nGCD of 12 and 18 = \n---\n"
HALF_HEADER = b"POST /LogicSynapse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 900\r\n"


# ----------------------------------------------------------------------------- idle holder


def hold_idle(port: int, count: int) -> int:
    """Hidden mode: keep ``count`` idle or half-header sockets open until SIGTERM."""
    stopping = False

    def stop(*_: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    selector = selectors.DefaultSelector()
    reopened = 0

    def open_one(i: int) -> None:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2.0)
        except OSError:
            return
        if i % 2:
            s.sendall(HALF_HEADER)
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ, i)

    for i in range(count):
        open_one(i)
    print(f"holding {len(selector.get_map())}", flush=True)
    while not stopping:
        for key, _ in selector.select(timeout=0.2):
            sock: socket.socket = key.fileobj  # type: ignore[assignment]
            try:
                data = sock.recv(4096)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:  # the miner closed it: open a fresh one in its place
                selector.unregister(sock)
                sock.close()
                open_one(key.data)
                reopened += 1
        while len(selector.get_map()) < count and not stopping:  # refused ones
            open_one(len(selector.get_map()))
    print(f"reopened {reopened}", flush=True)
    return 0


# ----------------------------------------------------------------------------- figures


async def one_query(dendrite: Any, info: Any) -> tuple[float, int]:
    synapse = LogicSynapse(logic_question=QUESTION, task_uid="hostile1")
    t0 = time.perf_counter()
    out = await dendrite.forward(info, synapse, timeout=QUERY_TIMEOUT_S, deserialize=False)
    return time.perf_counter() - t0, int(out.dendrite.status_code or 0)


async def sequential(dendrite: Any, info: Any, seconds: float) -> list[tuple[float, int]]:
    until, results = time.perf_counter() + seconds, []
    while time.perf_counter() < until:
        results.append(await one_query(dendrite, info))
    return results


async def throughput(
    wallets: list[Any], info: Any, seconds: float, pids: list[int]
) -> dict[str, Any]:
    dendrites = [bt.Dendrite(wallet=w) for w in wallets for _ in range(DENDRITES_EACH)]
    codes: dict[int, int] = {}
    latencies: list[float] = []

    async def worker(d: Any, until: float) -> None:
        while time.perf_counter() < until:
            sec, code = await one_query(d, info)
            codes[code] = codes.get(code, 0) + 1
            if code == 200:
                latencies.append(sec * 1000)

    try:
        await asyncio.gather(*(one_query(d, info) for d in dendrites))  # sessions warm
        cpu0, t0 = [cpu_s(p) for p in pids], time.perf_counter()
        await asyncio.gather(*(worker(d, t0 + seconds) for d in dendrites))
        wall = time.perf_counter() - t0
        cpu = [cpu_s(p) - c for p, c in zip(pids, cpu0, strict=True)]
    finally:
        for d in dendrites:
            await d.aclose_session()
    return {
        "rps": codes.get(200, 0) / wall,
        "codes": dict(sorted(codes.items())),
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "wall": wall,
        "cpu": "/".join(f"{c:.1f}" for c in cpu),
    }


def held(stack: contextlib.ExitStack, port: int, tmp: Path) -> Any:
    holder = spawn(
        stack,
        [sys.executable, str(Path(__file__).resolve()), "--hold-idle", str(port), str(IDLE_HELD)],
        tmp / f"holder-{port}.log",
        ROOT,
        stdout_pipe=True,
    )
    line = first_line(holder, 30.0)
    if not line.startswith("holding"):
        raise RuntimeError(f"idle holder: {line}")
    time.sleep(0.5)  # a margin for the miner to accept the last of them before timing
    return holder


def release(holder: Any) -> str:
    holder.terminate()
    out = holder.communicate(timeout=10)[0].decode().strip()
    return out.splitlines()[-1] if out else "?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=4, help="latency rounds of each kind")
    ap.add_argument("--round-seconds", type=float, default=6.0, help="length of a latency round")
    ap.add_argument("--seconds", type=float, default=10.0, help="length of a throughput run")
    ap.add_argument("--hold-idle", nargs=2, type=int, metavar=("PORT", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.hold_idle:
        return hold_idle(*args.hold_idle)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: children get stopped
    bt.logging.set_warning(True)
    print(f"machine: {os.cpu_count()} CPUs, load average at start {loadavg()}", flush=True)
    with (
        tempfile.TemporaryDirectory(prefix="logicnet-hostile-") as tmp_name,
        contextlib.ExitStack() as stack,
    ):
        tmp = Path(tmp_name)
        wdir = str(tmp / "wallets")
        miner_w = create_wallet("miner", "default", wdir)
        vals = [create_wallet(f"validator{i:02d}", "default", wdir) for i in range(N_VALIDATORS)]
        ports = {"A": free_port(), "B": free_port()}
        miners, infos = {}, {}
        for name, delay in (("A", 0.0), ("B", 0.2)):
            reg = tmp / f"registry-{name}.json"
            write_registry(
                reg,
                35,
                [
                    Neuron(
                        0,
                        miner_w.hotkey.ss58_address,
                        miner_w.coldkeypub.ss58_address,
                        0.0,
                        False,
                        "127.0.0.1",
                        ports[name],
                    )
                ]
                + [
                    Neuron(
                        i + 1,
                        v.hotkey.ss58_address,
                        v.coldkeypub.ss58_address,
                        STAKE,
                        True,
                        "127.0.0.1",
                        0,
                    )
                    for i, v in enumerate(vals)
                ],
            )
            llm = spawn(
                stack,
                [sys.executable, "-m", "logicnet.devkit.scripted_llm", str(delay)],
                tmp / f"llm-{name}.log",
                ROOT,
                stdout_pipe=True,
            )
            url = first_line(llm)
            miners[name] = spawn(
                stack,
                [
                    sys.executable,
                    "-m",
                    "logicnet",
                    "miner",
                    "--localnet.registry",
                    str(reg),
                    "--wallet.name",
                    "miner",
                    "--wallet.path",
                    wdir,
                    "--axon.port",
                    str(ports[name]),
                    "--miner.llm_client.base_url",
                    url,
                    "--miner.strategy",
                    "baseline",
                    "--miner.epoch_volume",
                    str(EPOCH_VOLUME),
                ],
                tmp / f"miner-{name}.log",
                tmp,
            )
            miners[name].llm_pid = llm.pid  # type: ignore[attr-defined]
            infos[name] = axon_info(miner_w, ports[name])
        for name, proc in miners.items():
            try:
                wait_port(ports[name], proc, f"miner {name}", timeout_s=120.0)
            except RuntimeError as exc:
                log = (tmp / f"miner-{name}.log").read_text(errors="replace")[-2500:]
                print(f"SETUP ERROR: {exc}\n{log}")
                return 1

        # [1] latency, alternating rounds
        quiet: list[tuple[float, int]] = []
        busy: list[tuple[float, int]] = []
        round_p50: list[str] = []
        cpu_quiet: list[tuple[float, int]] = []  # (miner CPU seconds, queries) per round
        cpu_busy: list[tuple[float, int]] = []

        async def latency_rounds() -> None:
            dendrite = bt.Dendrite(wallet=vals[0])
            try:
                await sequential(dendrite, infos["A"], 1.0)  # warm-up
                pid = miners["A"].pid
                for _ in range(args.rounds):
                    c0 = cpu_s(pid)
                    q = await sequential(dendrite, infos["A"], args.round_seconds)
                    c1 = cpu_s(pid)
                    holder = held(stack, ports["A"], tmp)
                    c2 = cpu_s(pid)  # accepting the held sockets is not counted per query
                    b = await sequential(dendrite, infos["A"], args.round_seconds)
                    c3 = cpu_s(pid)
                    note = release(holder)
                    cpu_quiet.append((c1 - c0, len(q)))
                    cpu_busy.append((c3 - c2, len(b)))
                    quiet.extend(q)
                    busy.extend(b)
                    round_p50.append(
                        f"{pct([s * 1000 for s, _ in q], 50):.1f}/"
                        f"{pct([s * 1000 for s, _ in b], 50):.1f} ({note})"
                    )
            finally:
                await dendrite.aclose_session()

        asyncio.run(latency_rounds())
        q_ms, b_ms = [s * 1000 for s, _ in quiet], [s * 1000 for s, _ in busy]
        ratio = pct(b_ms, 50) / pct(q_ms, 50)
        ok_q, ok_b = sum(c == 200 for _, c in quiet), sum(c == 200 for _, c in busy)
        print(
            f"\n[1] latency, miner A (LLM at once), {args.rounds} alternating rounds of "
            f"{args.round_seconds:g} s: p50 undisturbed/held per round (ms, holder's reopen "
            f"count): {', '.join(round_p50)}"
        )
        print(
            f"    undisturbed: {ok_q}/{len(quiet)} answered, p50 {pct(q_ms, 50):.1f} p99 "
            f"{pct(q_ms, 99):.1f} max {max(q_ms):.1f} ms"
        )
        print(
            f"    {IDLE_HELD} idle held: {ok_b}/{len(busy)} answered, p50 {pct(b_ms, 50):.1f} "
            f"p99 {pct(b_ms, 99):.1f} max {max(b_ms):.1f} ms"
        )
        per_q = [
            sum(c for c, _ in rows) * 1000 / max(sum(n for _, n in rows), 1)
            for rows in (cpu_quiet, cpu_busy)
        ]
        print(
            f"    miner CPU per query (ms, insensitive to other load): undisturbed "
            f"{per_q[0]:.2f}, {IDLE_HELD} idle held {per_q[1]:.2f}"
        )
        print(
            f"    p50 ratio held/undisturbed {ratio:.2f} (target <= 1.25: "
            f"{'PASS' if ratio <= 1.25 and ok_b == len(busy) else 'MISS'})",
            flush=True,
        )

        # [2] throughput at default caps, 200 ms LLM
        print(
            f"\n[2] throughput, miner B (LLM 200 ms), {N_VALIDATORS * DENDRITES_EACH} dendrites "
            f"back to back for {args.seconds:g} s"
        )
        pids = [os.getpid(), miners["B"].pid, miners["B"].llm_pid]  # type: ignore[attr-defined]
        results = {}
        for label in ("undisturbed", f"{IDLE_HELD} idle held"):
            holder = held(stack, ports["B"], tmp) if "held" in label else None
            r = asyncio.run(throughput(vals, infos["B"], args.seconds, pids))
            note = f"; holder {release(holder)}" if holder else ""
            results[label] = r
            print(
                f"    {label:<16} {r['rps']:6.1f} answered/s, status codes {r['codes']}, "
                f"p50 {r['p50']:.0f} p99 {r['p99']:.0f} ms, CPU s bench/miner/LLM "
                f"{r['cpu']}{note}",
                flush=True,
            )
        drop = results[f"{IDLE_HELD} idle held"]["rps"] / results["undisturbed"]["rps"]
        print(f"    held/undisturbed throughput {drop:.2f}")
    print(
        f"\nload average at end {loadavg()}; medians: latency p50 "
        f"{statistics.median(q_ms):.1f} -> {statistics.median(b_ms):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
