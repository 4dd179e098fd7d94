"""The gateway (--proxy.port) under load, beside the scoring loop; all on 127.0.0.1.

    python benchmarks/gateway_load.py [--miners 6] [--requests 60] [--seconds 15]
                                      [--clients 16] [--organic-rps 20] [--loop-base-time 20]

Six honest miners (benchmarks/fleet.py, one process, the embedded engine, signatures checked)
and our validator built from its own flags with ``--proxy.port``, in this process, as
``logicnet validator`` runs it (the gateway on the validator's event loop). Figures:

1. latency: ``--requests`` /v1/solve requests one after another (top 5): the request's wall
   time, and what the gateway added over the slowest miner whose answer it waited for (the
   agreeing miners' latencies as the gateway measured them);
2. throughput: ``--clients`` clients back to back for ``--seconds``: answered requests per
   second and the statuses;
3. the scoring loop's seconds with no organic traffic and with ``--organic-rps`` requests per
   second, loop_base_time ``--loop-base-time``;
4. this process's RSS before the gateway and at the end.

The miners declare a large volume so the validator's organic share never runs out here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = [
    "What is the GCD of 84 and 36?",
    "Find the solution of this math problem:\n---\n"
    "Volume of cube with a side length of 6m is\n---\n",
    "Is 97 a prime number?",
    "What is the factorial of 7?",
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def one(session: Any, url: str, key: str, question: str) -> tuple[int, float, Any]:
    t0 = time.monotonic()
    async with session.post(
        f"{url}/solve",
        json={"question": question, "miners": {"top": 5}, "timeout": 10},
        headers={"Authorization": f"Bearer {key}"},
    ) as reply:
        body = await reply.json(content_type=None)
        return reply.status, time.monotonic() - t0, body


async def measure(args: argparse.Namespace, workdir: Path) -> None:
    import aiohttp

    from logicnet.gateway.keys import KeyStore
    from logicnet.netutil import pin_external_ip
    from logicnet.settings import ValidatorSettings, add_validator_args
    from logicnet.validator.run import build_validator, start_gateway
    from logicnet.wallets import create_wallet

    pin_external_ip("127.0.0.1")
    wallet = create_wallet("validator", "default", str(workdir / "wallets"))
    fleet = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "fleet.py"),
            "--dir",
            str(workdir),
            "--honest",
            str(args.miners),
            "--volume",
            "100000",
            "--validator-hotkey",
            wallet.hotkey.ss58_address,
            "--parent-pid",
            str(os.getpid()),
            "--max-seconds",
            "1800",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while not (workdir / "fleet.json").exists():
            if fleet.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the fleet did not start")
            await asyncio.sleep(0.1)
        ready = json.loads((workdir / "fleet.json").read_text())
        port = free_port()
        argv = [
            "--localnet.registry",
            ready["registry"],
            "--wallet.name",
            "validator",
            "--wallet.path",
            str(workdir / "wallets"),
            "--validator.state",
            str(workdir / "state.json"),
            "--loop_base_time",
            str(args.loop_base_time),
            "--validator.timeout",
            "10",
            "--validator.info_timeout",
            "10",
            "--min_stake",
            "1000",
            "--dataset_weight",
            "1,0,0,0,0,0,0",
            "--proxy.port",
            str(port),
            "--proxy.db",
            str(workdir / "gateway.sqlite"),
        ]
        parser = argparse.ArgumentParser()
        add_validator_args(parser)
        settings = ValidatorSettings.from_args(parser.parse_args(argv), argv)
        service, _ = build_validator(settings, similarity="auto")
        before = rss_mb()
        gateway = await start_gateway(service, settings, None)
        with KeyStore(workdir / "gateway.sqlite") as keys:
            key, _ = keys.create("bench")
        url = f"http://127.0.0.1:{gateway.port}/v1"
        quiet = await service.run_loop()
        print(f"loop without organic traffic: {quiet.seconds:.1f} s ({quiet.queries} queries)")
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
            walls, added = [], []
            for i in range(args.requests):
                status, wall, body = await one(session, url, key, QUESTIONS[i % len(QUESTIONS)])
                if status != 200:
                    continue
                waited = [m["latency"] for m in body["miners"] if m["agreed"]]
                walls.append(wall)
                added.append(wall - max(waited))
            print(f"\n1. {len(walls)} requests one after another (top 5)")
            for label, values in (("wall", walls), ("added", added)):
                p50, p99 = pct(values, 50) * 1e3, pct(values, 99) * 1e3
                print(f"   {label:8s}  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")

            statuses: dict[int, int] = {}
            stop_at = time.monotonic() + args.seconds

            async def client(k: int) -> None:
                i = k
                while time.monotonic() < stop_at:
                    status, _, _ = await one(session, url, key, QUESTIONS[i % len(QUESTIONS)])
                    statuses[status] = statuses.get(status, 0) + 1
                    i += 1

            t0 = time.monotonic()
            await asyncio.gather(*(client(k) for k in range(args.clients)))
            seconds = time.monotonic() - t0
            print(
                f"\n2. {args.clients} clients for {seconds:.1f} s: "
                f"{statuses.get(200, 0) / seconds:.1f} answered/s, statuses {statuses}"
            )

            stop = asyncio.Event()

            async def organic() -> int:
                sent = 0
                while not stop.is_set():
                    asyncio.ensure_future(one(session, url, key, QUESTIONS[sent % 4]))
                    sent += 1
                    await asyncio.sleep(1 / args.organic_rps)
                return sent

            load = asyncio.ensure_future(organic())
            busy = await service.run_loop()
            stop.set()
            sent = await load
            after = await service.run_loop()
            print(
                f"\n3. loop seconds: {quiet.seconds:.1f} without organic traffic, "
                f"{busy.seconds:.1f} with {sent} requests at {args.organic_rps}/s, "
                f"{after.seconds:.1f} after (loop_base_time {args.loop_base_time:g} s); "
                f"batches {busy.batches_run}/{busy.batches_planned} under load"
            )
        print(f"\n4. RSS {before:.0f} MB before the gateway, {rss_mb():.0f} MB at the end")
        await gateway.stop()
        gateway.keys.close()
        await service.close()
    finally:
        fleet.send_signal(signal.SIGTERM)
        try:
            fleet.wait(10)
        except subprocess.TimeoutExpired:
            fleet.kill()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--miners", type=int, default=6)
    ap.add_argument("--requests", type=int, default=60)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--organic-rps", type=float, default=20.0)
    ap.add_argument("--loop-base-time", type=float, default=20.0)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="logicnet-gateway-") as tmp:
        asyncio.run(measure(args, Path(tmp)))
    print(f"load average at end {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
