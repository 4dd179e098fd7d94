"""One validator loop's wall time with 8, 32 and 64 local miners, and the validator's RSS.

    python benchmarks/validator_loop.py [--miners 8,32,64] [--loops 2] [--batch 8]
                                        [--loop-base-time 60] [--no-similarity]

The miners run in ONE child process that serves every hotkey with its own real bittensor
Axon on 127.0.0.1 (logicnet/devkit/scripted_miners.py: each answers with the embedded engine); the
validator runs in this process, built by ``build_validator`` from the validator's own flags
with the network's defaults except the loop's length (--validator.timeout 64, the
network-2025-05 schedule: a batch every 4 s for --loop_base_time, 60 s here so a loop
fits a benchmark; the network's is 600 s; see benchmarks/validator_scale.py for whole
loops at full size), mathgenerator
challenges, no LLM, and the similarity model when it is installed. Each loop is one
``run_loop``: the pause up to loop_base_time between loops is not counted. RSS is the
validator process's own (a fresh one per size; the miners live in another process). Last, one 300 MB
reply read by our dendrite and by bittensor's stock one, each in a fresh process.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve(count: int, workdir: Path) -> None:
    """Child: N engine miners from one process until SIGTERM."""
    from logicnet.netutil import pin_external_ip

    pin_external_ip("127.0.0.1")
    from logicnet.devkit.scripted_miners import engine_behaviour, start_subnet

    info = {"epoch_volume": 50, "category": "Logic"}
    subnet = start_subnet(workdir, [(engine_behaviour, info)] * count, start_timeout_s=300)
    (workdir / "ready").write_text("ok")
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    while not stopping:
        time.sleep(0.2)
    subnet.stop()


def measure(count: int, loops: int, similarity: bool, batch: int, loop_base_time: float) -> None:
    from logicnet.settings import ValidatorSettings, add_validator_args
    from logicnet.validator.run import build_validator

    with tempfile.TemporaryDirectory(prefix="bench-vloop-") as tmp:
        workdir = Path(tmp)
        child = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(count), "--dir", str(workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 600
            while not (workdir / "ready").exists():
                if child.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{count} miners did not start")
                time.sleep(0.2)
            parser = argparse.ArgumentParser()
            add_validator_args(parser)
            argv = [
                "--localnet.registry",
                str(workdir / "registry.json"),
                "--wallet.name",
                "validator",
                "--wallet.path",
                str(workdir / "wallets"),
                "--validator.state",
                str(workdir / "state.json"),
                "--min_stake",
                "1000",
                "--dataset_weight",
                "1,0,0,0,0,0,0",
                "--validator.seed",
                "1",
                "--async_batch_size",
                str(batch),
                "--loop_base_time",
                str(loop_base_time),
            ]
            settings = ValidatorSettings.from_args(parser.parse_args(argv), argv)

            async def go() -> None:
                service, _ = build_validator(settings, similarity="auto" if similarity else None)
                try:
                    for _ in range(loops):
                        started = time.monotonic()
                        report = await service.run_loop()
                        wall = time.monotonic() - started
                        rows = [s for v in report.scores.values() for s in v]
                        sims = [s.similarity for s in rows if s.similarity]
                        sim = f"{sum(sims) / len(sims):.2f}" if sims else "none"
                        print(
                            f"  {count:>3} miners: loop {report.step} {wall:6.2f} s, "
                            f"{report.queries} queries in {report.batches_run} batches to "
                            f"{report.miners_asked} miners, "
                            f"{len(rows)} scored ({dict(report.outcomes)}), mean "
                            f"similarity {sim}, "
                            f"weights set {report.weights_set}; validator RSS "
                            f"{_mb('VmRSS'):.0f} MB, peak {_mb('VmHWM'):.0f} MB",
                            flush=True,
                        )
                finally:
                    await service.close()

            asyncio.run(go())
        finally:
            child.terminate()
            try:
                child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.kill()


def huge_reply(kind: str) -> None:
    """One 300 MB reply, read by our dendrite or by bittensor's stock one: peak RSS."""
    import bittensor as bt

    from logicnet.netutil import pin_external_ip

    pin_external_ip("127.0.0.1")
    from logicnet.devkit.scripted_miners import RawMiner
    from logicnet.protocol import LogicSynapse
    from logicnet.validator.transport import BoundedDendrite
    from logicnet.wallets import create_wallet

    with (
        tempfile.TemporaryDirectory() as tmp,
        RawMiner(size=300 << 20, declare_length=False) as miner,
    ):
        wallet = create_wallet("v", "default", tmp)
        dendrite = BoundedDendrite(wallet) if kind == "bounded" else bt.Dendrite(wallet=wallet)
        axon = bt.AxonInfo(
            version=0,
            ip="127.0.0.1",
            port=miner.port,
            ip_type=4,
            hotkey=wallet.hotkey.ss58_address,
            coldkey="",
        )

        async def go() -> None:
            before, started = _mb("VmHWM"), time.monotonic()
            reply = await dendrite.call(
                target_axon=axon, synapse=LogicSynapse(), timeout=60, deserialize=False
            )
            print(
                f"  300 MB reply, {kind} dendrite: status {reply.dendrite.status_code}, peak "
                f"RSS {before:.0f} -> {_mb('VmHWM'):.0f} MB, {time.monotonic() - started:.1f}"
                f" s, {miner.sent >> 20} MB sent before the validator hung up",
                flush=True,
            )
            await dendrite.aclose_session()

        asyncio.run(go())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--miners", default="8,32,64")
    parser.add_argument("--loops", type=int, default=2)
    parser.add_argument("--no-similarity", action="store_true")
    parser.add_argument(
        "--batch",
        type=int,
        default=8,
        help="--async_batch_size (default: %(default)s, the network-2025-05 schedule's)",
    )
    parser.add_argument(
        "--loop-base-time",
        type=float,
        default=60.0,
        help="--loop_base_time (default: %(default)s; the network's is 600)",
    )
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--dir", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--huge", choices=("bounded", "stock"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, Path(args.dir))
        return
    import logging

    logging.basicConfig(level=logging.WARNING)
    if args.huge:
        huge_reply(args.huge)
        return
    if args.one is not None:
        measure(args.one, args.loops, not args.no_similarity, args.batch, args.loop_base_time)
        return
    print(f"load average at start: {os.getloadavg()}", flush=True)
    for count in args.miners.split(","):  # a fresh validator process per size: RSS is its own
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                count,
                "--loops",
                str(args.loops),
                "--batch",
                str(args.batch),
                "--loop-base-time",
                str(args.loop_base_time),
            ]
            + (["--no-similarity"] if args.no_similarity else []),
            check=False,
        )
    for kind in ("bounded", "stock"):
        subprocess.run([sys.executable, __file__, "--huge", kind], check=False)
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
