"""Engine on questions no generator subtopic asks: every answer it gives there is a claim.

    python benchmarks/engine_ood.py [--input FILE.jsonl]

Reads a JSONL of ``{"id", "kind", "question", ...}`` (default:
``benchmarks/data/out-of-domain.jsonl``: word problems, multiple-choice science questions
and plain-math questions outside the generator's subtopics) and asks the embedded engine
alone (no LLM). Prints the claims per kind, then each claim with the subtopic the engine
read and its answer. A multiple-choice math question may be claimed with the text of its
right option (docs/conventions.md: the stem's plain value); every other claim is wrong. The
target is no wrong claim; the exit status is 1 when there is one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from logicnet.engine import solve  # noqa: E402

DEFAULT_INPUT = ROOT / "benchmarks" / "data" / "out-of-domain.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    args = parser.parse_args()
    if not args.input.is_file():
        print(f"no such file: {args.input}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.input.read_text().splitlines() if line.strip()]
    solve("warm-up")
    asked: Counter[str] = Counter()
    claimed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    claims: list[str] = []
    times: list[float] = []
    for row in rows:
        kind = str(row.get("kind", "unknown"))
        question = str(row["question"])
        start = time.process_time()
        found = solve(question)
        times.append((time.process_time() - start) * 1000)
        asked[kind] += 1
        if found is not None:
            claimed[kind] += 1
            right = found.answer.strip().lower() == str(row.get("answer", "")).strip().lower()
            wrong[kind] += not right
            claims.append(
                f"  {row.get('id', '?')} [{kind}] {'right' if right else 'WRONG'} "
                f"{found.topic} -> {found.answer[:60]!r}: {' '.join(question.split())[:160]!r}"
            )
    print(f"{len(rows)} questions from {args.input.name}; engine only")
    print(f"{'kind':<18}{'asked':>7}{'claimed':>9}{'wrong':>7}")
    for kind in sorted(asked):
        print(f"{kind:<18}{asked[kind]:>7}{claimed[kind]:>9}{wrong[kind]:>7}")
    print(f"{'all':<18}{sum(asked.values()):>7}{sum(claimed.values()):>9}{sum(wrong.values()):>7}")
    times.sort()
    print(
        f"engine CPU per question: p50 {statistics.median(times):.2f} ms, "
        f"p99 {times[int(0.99 * (len(times) - 1))]:.2f} ms, max {times[-1]:.2f} ms"
    )
    if claims:
        print("claims:")
        print("\n".join(claims))
    return 1 if sum(wrong.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
