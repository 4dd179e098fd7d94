"""How much of what a model got right survives the answer format (issue 13, item 5).

    python benchmarks/answer_format.py [--input benchmarks/data/llm-replies.jsonl] [--show N]

Each line of the input is a model reply to a wrapped mathgenerator question whose VALUE is
right, written in the many ways models write final answers (``\\boxed{}``, pmatrix, ``x = 2
and y = 3``, ``14x^6+12x``, "The answer is 0x297", units, thousands commas, ...). The
answer the miner would send is taken from the reply twice:

- before: ``answer_from_reply`` without the generator-convention step (today's path);
- after: ``answer_from_reply`` with it (``logicnet.engine.formats``).

Each is scored with the network-2025-05 profile's programmatic rule; where only a judge
could decide, an answer identical to the truth counts 1 and anything else 0 (as
``engine_accuracy.score_of`` does). A reply "wins" when it scores 1 (to six places).
Prints the share of winning replies per family, before and after, the replies that lost
before and after, and any that won before but lose after (a regression).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.engine_accuracy import score_of  # noqa: E402
from logicnet.answers import answer_from_reply  # noqa: E402

PROFILE = "network-2025-05"
DEFAULT_INPUT = Path(__file__).resolve().parent / "data" / "llm-replies.jsonl"
TARGET = 0.95


def wins(truth: str, answer: str) -> bool:
    return score_of(PROFILE, truth, answer) >= 1 - 1e-6


def measure(rows: list[dict[str, str]]) -> dict[str, dict[str, list[bool]]]:
    """Per family: 'before' and 'after' win flags, one per reply."""
    out: dict[str, dict[str, list[bool]]] = defaultdict(lambda: {"before": [], "after": []})
    for row in rows:
        family = row["topic"].split("/")[0]
        before = answer_from_reply(row["reply"], row["question"], convention=False)
        after = answer_from_reply(row["reply"], row["question"])
        out[family]["before"].append(wins(row["ground_truth"], before))
        out[family]["after"].append(wins(row["ground_truth"], after))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--show", type=int, default=10, help="losing replies to print")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.input.read_text().splitlines() if line.strip()]
    started = time.perf_counter()
    figures = measure(rows)
    elapsed = time.perf_counter() - started

    print(f"{len(rows)} replies with the right value ({args.input.name}), {PROFILE} rules\n")
    print(f"{'family':18} {'replies':>7} {'before':>7} {'after':>7}")
    for family in sorted(figures):
        f = figures[family]
        print(
            f"{family:18} {len(f['before']):>7} {statistics.fmean(f['before']):>7.3f} "
            f"{statistics.fmean(f['after']):>7.3f}"
        )
    every_before = [x for f in figures.values() for x in f["before"]]
    every_after = [x for f in figures.values() for x in f["after"]]
    after = statistics.fmean(every_after)
    print(
        f"{'all':18} {len(every_before):>7} {statistics.fmean(every_before):>7.3f} "
        f"{after:>7.3f}   target {TARGET:.2f}: {'PASS' if after >= TARGET else 'MISS'}"
    )

    regressions, losing = [], []
    for row in rows:
        before = answer_from_reply(row["reply"], row["question"], convention=False)
        now = answer_from_reply(row["reply"], row["question"])
        if wins(row["ground_truth"], before) and not wins(row["ground_truth"], now):
            regressions.append((row, now))
        elif not wins(row["ground_truth"], now):
            losing.append((row, now))
    print(f"\nregressions (won before, lose after): {len(regressions)}")
    for row, now in regressions:
        print(f"  {row['id']} {row['topic']}: truth {row['ground_truth']!r}, sent {now!r}")
    print(f"still losing: {len(losing)}" + (f" (first {args.show})" if losing else ""))
    for row, now in losing[: args.show]:
        print(f"  {row['id']} {row['topic']}: truth {row['ground_truth']!r}, sent {now!r}")
    print(f"\n{2 * len(rows)} answers read in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
