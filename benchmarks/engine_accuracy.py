"""Engine accuracy and speed over fresh mathgenerator problems (issue: earn the reward).

    python benchmarks/engine_accuracy.py [--per-topic 50] [--offset 100000]

For every subtopic of docs/network.md §9: ``--per-topic`` draws at seeds the tests never
use, each sent raw, wrapped (docs/network.md §5) and wrapped with an inserted letter
(§6b); the engine's answer is scored with both profiles' correctness rules
(a judge-only item counts 0 here). Prints per-form means overall (winnable
topics), the topics below target, and solve time p50/p99/max.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from logicnet.challenges.generate import GeneratorFailed, generate_problem  # noqa: E402
from logicnet.challenges.topics import UNWINNABLE, topic_pairs  # noqa: E402
from logicnet.challenges.wrap import insert_random_letter, wrap_math_question  # noqa: E402
from logicnet.engine import solve  # noqa: E402
from logicnet.validator.scoring import correctness  # noqa: E402

FORMS = ("raw", "wrapped", "lettered")
PROFILES = ("seed", "network-2025-05")


def score_of(profile: str, truth: str, answer: str | None) -> float:
    """Programmatic correctness; where only a judge could decide, an answer identical to the
    ground truth counts 1 (what any judge says) and anything else 0."""
    if answer is None:
        return 0.0
    result = correctness(profile, truth, answer)
    if result.needs_judge:
        return 1.0 if answer.strip().lower() == truth.strip().lower() else 0.0
    return min(max(result.score or 0.0, 0.0), 1.0)


TARGET = {"raw": 0.98, "wrapped": 0.98, "lettered": 0.95}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-topic", type=int, default=50)
    parser.add_argument("--offset", type=int, default=100_000)
    args = parser.parse_args()
    solve("warm-up")
    times: list[float] = []
    per_topic: dict[str, dict[str, list[float]]] = {}
    for topic, subtopic in topic_pairs():
        name = f"{topic}/{subtopic}"
        scores: dict[str, list[float]] = {f"{f}:{p}": [] for f in FORMS for p in PROFILES}
        seed = args.offset
        drawn = 0
        while drawn < args.per_topic:
            seed += 1
            try:
                raw, truth = generate_problem(topic, subtopic, seed)
            except GeneratorFailed:
                continue
            drawn += 1
            wrapped = wrap_math_question(topic, subtopic, raw)
            texts = {
                "raw": raw,
                "wrapped": wrapped,
                "lettered": insert_random_letter(wrapped, random.Random(seed)),
            }
            for form, text in texts.items():
                start = time.perf_counter()
                found = solve(text)
                times.append(time.perf_counter() - start)
                answer = found.answer if found else None
                for profile in PROFILES:
                    scores[f"{form}:{profile}"].append(score_of(profile, truth, answer))
        per_topic[name] = scores

    winnable = {n: s for n, s in per_topic.items() if tuple(n.split("/")) not in UNWINNABLE}
    print(
        f"engine over {args.per_topic} fresh problems per subtopic, {len(per_topic)} subtopics "
        f"({len(winnable)} winnable)\n"
    )
    print(f"{'form':10} {'seed rules':>11} {'2025-05 rules':>14} {'target':>7}")
    for form in FORMS:
        means = [
            statistics.fmean(x for s in winnable.values() for x in s[f"{form}:{p}"])
            for p in PROFILES
        ]
        mark = "PASS" if min(means) >= TARGET[form] else "MISS"
        print(f"{form:10} {means[0]:>11.4f} {means[1]:>14.4f} {TARGET[form]:>7.2f}  {mark}")
    print("\nsubtopics below target in some form (min over the two rule sets):")
    short = 0
    for name, s in sorted(per_topic.items()):
        means = {f: min(statistics.fmean(s[f"{f}:{p}"]) for p in PROFILES) for f in FORMS}
        if any(means[f] < TARGET[f] for f in FORMS):
            short += 1
            tag = (
                " (unwinnable: left out of the means above)"
                if tuple(name.split("/")) in UNWINNABLE
                else ""
            )
            print(f"  {name:50} " + "  ".join(f"{f} {means[f]:.3f}" for f in FORMS) + tag)
    if not short:
        print("  none")
    ordered = sorted(times)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    print(
        f"\nsolve time over {len(times)} solves: p50 {p(0.5):.3f} ms, p99 {p(0.99):.3f} ms, "
        f"max {ordered[-1] * 1000:.2f} ms (target p99 <= 50 ms: "
        f"{'PASS' if p(0.99) <= 50 else 'MISS'})"
    )


if __name__ == "__main__":
    main()
