"""Validator figures: rewards per second the scorer sustains, validator RSS, localnet wall time.

    python benchmarks/validator_figures.py [--replies 2000] [--skip-localnet] [--scorer-only]

1. Scorer throughput: ``Rewarder.score_group`` over groups of 8 replies to real mathgenerator
   challenges (answers: half right, some wrong, some malformed), programmatic correctness,
   with and without the all-MiniLM-L6-v2 similarity model; with it, CPU seconds and the
   rewarder's own ``capacity()`` estimate too. benchmarks/scoring_throughput.py times the
   similarity side on realistic reasoning texts, beside the matmul bound.
2. Validator RSS: ``logicnet validator`` as its own process against two engine miners on a
   local registry, two loops; peak resident memory (VmHWM) and the RSS at the end.
3. ``logicnet localnet`` with its defaults: wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from logicnet.chain import Neuron, write_registry  # noqa: E402
from logicnet.devkit.scripted_llm import free_port  # noqa: E402
from logicnet.validator.challenges import Challenger, parse_weights  # noqa: E402
from logicnet.validator.judge import Judge  # noqa: E402
from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES  # noqa: E402
from logicnet.validator.rewarder import Rewarder, bound_reply  # noqa: E402
from logicnet.wallets import create_wallet  # noqa: E402

ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}


def replies_for(truth: str, rng: random.Random) -> list[Any]:
    out = []
    for uid in range(8):
        kind = rng.random()
        # half right; wrong; abstaining (the local verdict); overflow bait; malformed
        answer: Any = (
            truth
            if kind < 0.5
            else (
                "7"
                if kind < 0.7
                else "unknown"
                if kind < 0.8
                else "1e300*1e300"
                if kind < 0.9
                else {"bad": 1}
            )
        )
        working = f"Miner {uid} restates the problem, works it in steps, and finds {answer}. "
        syn = SimpleNamespace(
            logic_answer=answer,
            logic_reasoning=working * 4,
            dendrite=SimpleNamespace(status_code=200, process_time=0.5),
        )
        out.append(bound_reply(uid, f"hk{uid}", syn, 64.0))
    return out


def scorer_throughput(
    n_replies: int, similarity: Any, profile: str = DEFAULT_PROFILE
) -> tuple[float, float, Rewarder]:
    """Rewards per second of wall time and CPU seconds over ``n_replies`` replies."""
    rng = random.Random(1)
    challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), rng)
    rewarder = Rewarder(PROFILES[profile], Judge(None), similarity, 64.0)

    async def go() -> tuple[float, float]:
        groups = []
        for _ in range(max(n_replies // 8, 1)):
            challenge = await challenger.next()
            groups.append((challenge, replies_for(challenge.ground_truth, rng)))
        start, cpu = time.perf_counter(), time.process_time()
        scored = 0
        for challenge, replies in groups:
            scores = await rewarder.score_group(challenge, replies, "Reference working.", {})
            scored += len(scores)
        return scored / (time.perf_counter() - start), time.process_time() - cpu

    rate, cpu = asyncio.run(go())
    return rate, cpu, rewarder


def rss_figures(tmp: Path) -> tuple[float, float, float]:
    wallets = tmp / "w"
    v = create_wallet("v", "default", str(wallets))
    miners = [create_wallet(f"m{i}", "default", str(wallets)) for i in range(2)]
    ports = [free_port() for _ in miners]
    neurons = [
        Neuron(0, v.hotkey.ss58_address, v.coldkeypub.ss58_address, 50000.0, True, "127.0.0.1", 0)
    ]
    neurons += [
        Neuron(i + 1, m.hotkey.ss58_address, m.coldkeypub.ss58_address, 0.0, False, "127.0.0.1", p)
        for i, (m, p) in enumerate(zip(miners, ports, strict=True))
    ]
    registry = tmp / "registry.json"
    write_registry(registry, 35, neurons)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "logicnet",
                "miner",
                "--localnet.registry",
                str(registry),
                "--wallet.name",
                f"m{i}",
                "--wallet.path",
                str(wallets),
                "--axon.port",
                str(p),
                "--miner.strategy",
                "engine",
                "--miner.epoch_volume",
                "8",
                "--miner.limit_interval",
                "1",
            ],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i, p in enumerate(ports)
    ]
    try:
        time.sleep(6)
        start = time.monotonic()
        validator = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "logicnet",
                "validator",
                "--localnet.registry",
                str(registry),
                "--wallet.name",
                "v",
                "--wallet.path",
                str(wallets),
                "--loop_base_time",
                "0",
                "--validator.loops",
                "2",
                "--validator.timeout",
                "5",
                "--validator.info_timeout",
                "5",
                "--min_stake",
                "1000",
                "--dataset_weight",
                "1,0,0,0,0,0,0",
                "--validator.state",
                str(tmp / "state.json"),
            ],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        peak = last = 0.0
        while validator.poll() is None:
            try:
                status = Path(f"/proc/{validator.pid}/status").read_text()
            except OSError:
                break
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            last = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
            peak = max(peak, int(fields.get("VmHWM", "0 kB").split()[0]) / 1024)
            time.sleep(0.2)
        return peak, last, time.monotonic() - start
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description="validator figures")
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--skip-localnet", action="store_true")
    parser.add_argument(
        "--scorer-only",
        action="store_true",
        help="only the scorer's throughput (no validator or localnet process)",
    )
    args = parser.parse_args()
    # The malformed replies are logged one line each; the figure is what matters here.
    logging.getLogger("logicnet.validator.rewarder").setLevel(logging.ERROR)
    print(f"load average at start: {os.getloadavg()}")
    for name in PROFILES:
        plain, _, _ = scorer_throughput(args.replies, None, name)
        print(
            f"scorer ({name}), correctness rules and local verdict, no similarity: "
            f"{plain:,.0f} rewards/s"
        )
    from logicnet.validator.similarity import load_similarity

    model = load_similarity()
    if model is not None:
        scorer_throughput(64, model.score_pairs)  # warm-up
        model.clear_cache()  # the figure below pays for every text it embeds
        with_sim, cpu, rewarder = scorer_throughput(args.replies, model.score_pairs)
        seen = rewarder.throughput()
        stats = seen.similarity
        print(
            f"scorer, with all-MiniLM-L6-v2 similarity (CPU): {with_sim:,.0f} rewards/s, "
            f"{cpu:.1f} CPU s; capacity() {seen.answers_per_second:,.0f} answers/s"
            + (f", {stats.hit_rate:.0%} of texts from the cache" if stats is not None else "")
        )
        print(
            "  (these replies' reasoning is one short sentence; for realistic 150-250 piece "
            "texts, distinct or repeated, see benchmarks/scoring_throughput.py)"
        )
    else:
        print("similarity model not installed: skipped")
    if args.scorer_only:
        return
    with TemporaryDirectory() as tmp:
        peak, last, seconds = rss_figures(Path(tmp))
    print(
        f"validator process (2 loops, 2 engine miners, similarity model loaded): peak RSS "
        f"{peak:.0f} MB, RSS at the end {last:.0f} MB, {seconds:.1f} s"
    )
    if not args.skip_localnet:
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "logicnet", "localnet"],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=600,
        )
        wall = time.monotonic() - start
        print(
            f"logicnet localnet (defaults: 6 miners, 2 rounds, 5 s timeout): exit "
            f"{done.returncode}, wall time {wall:.1f} s"
        )
        print("\n".join(done.stdout.splitlines()[-12:]))
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
