"""Scoring throughput with similarity on: answers/s, tokens/s beside the matmul bound, CPU, RSS.

    python benchmarks/scoring_throughput.py [--groups 24] [--seed 1]

``Rewarder.score_group`` (network-2025-05 rules, all-MiniLM-L6-v2 on the numpy backend)
over groups of 8 replies, each group a new challenge with its own reference, in three
workloads:

a. distinct: every reasoning text in the group differs (LLM miners), 150-250 word pieces;
b. engine:   2-3 distinct texts per group, repeated as miners running the same engine send
             them (5 + 2 + 1, or 6 + 2);
c. shared:   as b, two groups per challenge (a batch of 16 miners asks one question).

For each: answers scored per second of wall time, texts the model embedded and their word
pieces per second, CPU seconds of the whole process, and the matmul bound for those lengths:
tokens/s = measured GFLOPS / FLOPs per token, with FLOPs per token counted from the model's
shapes (~21 MFLOP of projections and FFN, plus attention over the text's own length) and
GFLOPS measured by numpy matmuls of the same shapes, with one BLAS thread (the model's
setting) and with every core. RSS is read from /proc/self/status at the end (VmHWM: peak).

Runs against any checkout (``cp`` it into an older tree's benchmarks/ to time that tree):
the capacity and cache figures print only where the rewarder and model have them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from logicnet.validator.challenges import Challenge  # noqa: E402
from logicnet.validator.judge import Judge  # noqa: E402
from logicnet.validator.rewarder import Rewarder, bound_reply  # noqa: E402

GROUP = 8

_GOALS = [
    "find the derivative using the power rule",
    "solve the linear equation for \\(x\\)",
    "find the volume of the cube",
    "evaluate the definite integral from 0 to 1",
    "find the greatest common divisor of the two numbers",
    "multiply the two matrices",
    "find the simple interest",
    "find the area of the triangle",
]
_OPENINGS = [
    "To {goal}, we work through it step by step.",
    "We need to {goal}. Let us set out what is given first.",
    "Our task is to {goal}; each step below uses the numbers of the question.",
]
_STEPS = [
    "First, we multiply \\( {a} \\times {b} = {ab} \\), which gives the first term.",
    "Next, we subtract {b} from {a}, so \\( {a} - {b} = {amb} \\).",
    "Dividing both sides by {b} gives \\( x = \\frac{{{a}}}{{{b}}} \\approx {q:.4f} \\).",
    "Then we add the two partial results: \\( {ab} + {a} = {abpa} \\).",
    "Squaring the side length, \\( {a}^2 = {a2} \\), and we keep it for the next step.",
    "We check the intermediate value: since \\( {ab} \\div {b} = {a} \\), the product is right.",
    "The remainder when {a} is divided by {b} is {r}, so we continue with {b} and {r}.",
    "Substituting back, \\[ f({b}) = {a} \\cdot {b} + {r} = {abpr} \\] as expected.",
]
_CLOSINGS = [
    "Therefore, the final answer is \\(\\boxed{{{ans}}}\\).",
    "So the result is \\(\\boxed{{{ans}}}\\), which answers the question.",
]


def reasoning(rng: random.Random, steps: int) -> str:
    """A solution in the register of the validator's reference model (engine/working.py)."""
    lines = [rng.choice(_OPENINGS).format(goal=rng.choice(_GOALS))]
    for _ in range(steps):
        a, b = rng.randint(12, 9999), rng.randint(2, 97)
        lines.append(
            rng.choice(_STEPS).format(
                a=a,
                b=b,
                ab=a * b,
                amb=a - b,
                q=a / b,
                abpa=a * b + a,
                a2=a * a,
                r=a % b,
                abpr=a * b + a % b,
            )
        )
    lines.append(rng.choice(_CLOSINGS).format(ans=rng.randint(2, 99999)))
    return "\n".join(lines)


def realistic(rng: random.Random, count_pieces: Any, lo: int = 150, hi: int = 250) -> str:
    """A reasoning text of lo..hi word pieces ([CLS] and [SEP] included)."""
    while True:
        text = reasoning(rng, rng.randint(5, 9))
        if lo <= count_pieces(text) <= hi:
            return text


def _reply(uid: int, answer: str, text: str) -> Any:
    syn = SimpleNamespace(
        logic_answer=answer,
        logic_reasoning=text,
        dendrite=SimpleNamespace(status_code=200, process_time=1.0),
    )
    return bound_reply(uid, f"hk{uid}", syn, 64.0)


@dataclass
class Workload:
    name: str
    groups: list[tuple[Challenge, list[Any], str]]  # challenge, replies, reference


def workloads(n_groups: int, seed: int, count_pieces: Any) -> list[Workload]:
    rng = random.Random(seed)
    out = []
    for name in ("distinct", "engine", "shared"):
        groups = []
        challenge: Challenge | None = None
        ref = ""
        for g in range(n_groups):
            if name != "shared" or g % 2 == 0:
                truth = str(rng.randint(2, 9999))
                challenge = Challenge(f"{name}{g:04d}", "mathgenerator", "bench/t", "q", "q", truth)
                ref = realistic(rng, count_pieces)
                if name == "shared":
                    texts = [realistic(rng, count_pieces) for _ in range(3)]
            assert challenge is not None
            if name == "distinct":
                pattern = [realistic(rng, count_pieces) for _ in range(GROUP)]
            elif name == "engine":
                texts = [realistic(rng, count_pieces) for _ in range(3)]
                split = [texts[0]] * 5 + [texts[1]] * 2 + [texts[2]]
                pattern = split if g % 2 else [texts[0]] * 6 + [texts[1]] * 2
            else:  # shared: both groups of a challenge draw from the same 2-3 texts
                pattern = [texts[0]] * 5 + [texts[1]] * 2 + [texts[2 if g % 2 else 0]]
            rng.shuffle(pattern)
            replies = [_reply(uid, challenge.ground_truth, t) for uid, t in enumerate(pattern)]
            groups.append((challenge, replies, ref))
        out.append(Workload(name, groups))
    return out


def flops_per_token(seq: float, hidden: int = 384, inter: int = 1536, layers: int = 6) -> float:
    """Multiply-adds x 2 per token: Q, K, V, output and the FFN's two matmuls, plus attention
    (scores and the weighted sum) over a text of ``seq`` tokens."""
    dense = 4 * hidden * hidden + 2 * hidden * inter
    attention = 2 * seq * hidden
    return 2.0 * layers * (dense + attention)


def measured_gflops(threads: int, rows: int = 256, hidden: int = 384, inter: int = 1536) -> float:
    """GFLOPS of numpy matmuls of the model's shapes: (rows, 384) by the (384, 384) projection,
    the (384, 1536) FFN-up and the (1536, 384) FFN-down weights (weights transposed, as the
    model holds them), best of several runs."""
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(0)
    x = rng.standard_normal((rows, hidden), dtype=np.float32)
    h = rng.standard_normal((rows, inter), dtype=np.float32)
    w_qkv = rng.standard_normal((hidden, hidden), dtype=np.float32).T
    w_up = rng.standard_normal((inter, hidden), dtype=np.float32).T
    w_down = rng.standard_normal((hidden, inter), dtype=np.float32).T
    flops = 2.0 * rows * (4 * hidden * hidden + 2 * hidden * inter)
    with threadpool_limits(limits=threads, user_api="blas"):
        best = float("inf")
        for _ in range(12):
            start = time.perf_counter()
            for _ in range(4):
                x @ w_qkv
            x @ w_up
            h @ w_down
            best = min(best, time.perf_counter() - start)
    return flops / best / 1e9


def rss_mb() -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return (
        int(fields["VmRSS"].split()[0]) / 1024,
        int(fields["VmHWM"].split()[0]) / 1024,
    )


def run(workload: Workload, model: Any, profile: str) -> dict[str, Any]:
    before = None
    if hasattr(model, "clear_cache"):
        model.clear_cache()
        before = model.stats()
    rewarder = Rewarder(profile, Judge(None), model.score_pairs, 64.0)
    inner = getattr(model, "_encode", None)
    minilm = getattr(inner, "__self__", None)
    tokens0 = getattr(minilm, "tokens_encoded", None)
    texts0 = getattr(minilm, "texts_encoded", None)
    counted = {"texts": 0, "tokens": 0}
    if tokens0 is None:  # an older model without counters: count what reaches it
        real = model._encode

        def counting(texts: list[str]) -> Any:
            counted["texts"] += len(texts)
            counted["tokens"] += sum(minilm.token_count(t) for t in texts)
            return real(texts)

        model._encode = counting

    async def go() -> int:
        scored = 0
        for challenge, replies, ref in workload.groups:
            scores = await rewarder.score_group(challenge, replies, ref, {})
            scored += sum(s.reward is not None for s in scores)
        return scored

    cpu, wall = time.process_time(), time.perf_counter()
    answers = asyncio.run(go())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if tokens0 is None:
        model._encode = real
        embedded, tokens = counted["texts"], counted["tokens"]
    else:
        embedded = minilm.texts_encoded - texts0
        tokens = minilm.tokens_encoded - tokens0
    result: dict[str, Any] = {
        "workload": workload.name,
        "groups": len(workload.groups),
        "answers": answers,
        "wall_s": wall,
        "cpu_s": cpu,
        "answers_per_s": answers / wall,
        "embedded": embedded,
        "texts_per_s": embedded / wall,
        "tokens": tokens,
    }
    if hasattr(rewarder, "capacity"):
        result["capacity"] = rewarder.capacity()
    if before is not None:
        stats = model.stats()
        lookups = stats.lookups - before.lookups
        result["cache_hit_rate"] = (stats.hits - before.hits) / lookups if lookups else 0.0
        result["cache_bytes"] = stats.cache_bytes
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--groups", type=int, default=24, help="groups of 8 per workload")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    logging.getLogger("logicnet.validator.rewarder").setLevel(logging.ERROR)
    from logicnet.validator.minilm import load_minilm
    from logicnet.validator.similarity import Similarity

    print(f"load average at start: {os.getloadavg()}, {os.cpu_count()} cores")
    minilm = load_minilm()
    model = Similarity(minilm.encode, "numpy")
    if hasattr(minilm, "tokens_encoded"):  # the current tree: its token counter too
        model = Similarity(minilm.encode, "numpy", tokens=lambda: minilm.tokens_encoded)
    sets = workloads(args.groups, args.seed, minilm.token_count)
    lengths = [
        minilm.token_count(r.reasoning) for w in sets for _, replies, _ in w.groups for r in replies
    ]
    mean_len = sum(lengths) / len(lengths)
    print(
        f"reasoning texts: {min(lengths)}-{max(lengths)} word pieces, mean {mean_len:.0f} "
        f"([CLS] and [SEP] included); references the same kind"
    )
    per_token = flops_per_token(mean_len)
    # GFLOPS before and after the workloads, the better of each: on a shared machine the
    # figure moves with the other load, and the bound is what the cores can do.
    one, every = measured_gflops(1), measured_gflops(os.cpu_count() or 1)
    # Warm-up: the first passes pay for page faults in the weights and the allocator.
    run(Workload("warm-up", sets[0].groups[:2]), model, "network-2025-05")
    results = [run(workload, model, "network-2025-05") for workload in sets]
    one, every = max(one, measured_gflops(1)), max(every, measured_gflops(os.cpu_count() or 1))
    bound_one, bound_all = one * 1e9 / per_token, every * 1e9 / per_token
    print(
        f"matmul: {per_token / 1e6:.1f} MFLOP per token at {mean_len:.0f} pieces "
        f"({flops_per_token(0) / 1e6:.1f} without attention); numpy float32 matmuls of the "
        f"model's shapes: {one:.0f} GFLOPS on 1 BLAS thread, {every:.0f} on "
        f"{os.cpu_count()} -> bound {bound_one:,.0f} tokens/s on 1 thread (the model's "
        f"setting), {bound_all:,.0f} tokens/s on all cores"
    )
    for r in results:
        tokens = r["tokens"]
        tok = (
            f", {tokens / r['wall_s']:,.0f} tokens/s wall, {tokens / r['cpu_s']:,.0f} per CPU "
            f"second = {100 * tokens / r['cpu_s'] / bound_one:.0f}% of the 1-thread bound"
            if tokens
            else ""
        )
        extra = ""
        if "capacity" in r:
            extra = (
                f"; capacity() {r['capacity']:,.1f} answers/s, cache hit rate "
                f"{r['cache_hit_rate']:.0%}, {r['cache_bytes'] / 1024:.0f} KiB cached"
            )
        print(
            f"{r['workload']:>8}: {r['answers']} answers in {r['wall_s']:.1f} s wall, "
            f"{r['cpu_s']:.1f} CPU s -> {r['answers_per_s']:,.1f} answers/s "
            f"({r['answers'] / r['cpu_s']:,.1f} per CPU second); {r['embedded']} texts "
            f"embedded ({r['texts_per_s']:.1f}/s){tok}{extra}"
        )
    rss, peak = rss_mb()
    print(f"RSS at the end {rss:.0f} MB, peak {peak:.0f} MB")
    print(f"load average at end: {os.getloadavg()}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "mean_pieces": mean_len,
                    "gflops_1": one,
                    "gflops_all": every,
                    "mflop_per_token": per_token / 1e6,
                    "results": results,
                    "rss_mb": rss,
                    "peak_rss_mb": peak,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
