"""Plain answers beyond the generator's ranges (issue 20): claims, correctness, convention.

    python benchmarks/plain_answers.py [--input benchmarks/data/plain-math.jsonl] [--misses]

Each line is ``{"id", "kind", "topic", "question", "answer"}`` with the plain mathematical
answer (benchmarks/data/plain-math.README.md). The engine answers each; an answer is
scored by the network's 2025 correctness rules against the plain answer (a judge-only item
counts as correct only when identical). Prints per kind: items, claimed, correct, wrong,
precision, and how many claims were in plain mathematics.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from logicnet.engine import PLAIN, solve  # noqa: E402
from logicnet.validator.scoring import correctness  # noqa: E402

PROFILE = "network-2025-05"


def right(truth: str, answer: str) -> bool:
    result = correctness(PROFILE, truth, answer)
    if result.needs_judge:
        return answer.strip().lower() == truth.strip().lower()
    return (result.score or 0.0) >= 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=str(ROOT / "benchmarks/data/plain-math.jsonl"))
    parser.add_argument("--misses", action="store_true", help="print each wrong or unclaimed item")
    args = parser.parse_args()
    items = [json.loads(line) for line in Path(args.input).read_text().splitlines() if line.strip()]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        kind = item["kind"]
        c = counts[kind]
        c["items"] += 1
        found = solve(item["question"])
        if found is None:
            if args.misses:
                print(f"  unclaimed {item['id']}: {item['question'][:90]!r}")
            continue
        c["claimed"] += 1
        c["plain"] += found.convention == PLAIN
        if right(item["answer"], found.answer):
            c["correct"] += 1
        else:
            c["wrong"] += 1
            if args.misses:
                print(
                    f"  WRONG {item['id']}: {item['question'][:80]!r} -> {found.answer!r} "
                    f"(expected {item['answer']!r}, {found.convention}, {found.topic})"
                )
    print(
        f"{'kind':<14}{'items':>7}{'claimed':>9}{'correct':>9}{'wrong':>7}"
        f"{'precision':>11}{'plain':>7}"
    )
    total: Counter[str] = Counter()
    for kind, c in sorted(counts.items()):
        total.update(c)
        precision = c["correct"] / c["claimed"] if c["claimed"] else 1.0
        print(
            f"{kind:<14}{c['items']:>7}{c['claimed']:>9}{c['correct']:>9}{c['wrong']:>7}"
            f"{precision:>11.3f}{c['plain']:>7}"
        )
    precision = total["correct"] / total["claimed"] if total["claimed"] else 1.0
    print(
        f"{'all':<14}{total['items']:>7}{total['claimed']:>9}{total['correct']:>9}"
        f"{total['wrong']:>7}{precision:>11.3f}{total['plain']:>7}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
