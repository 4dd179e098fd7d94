"""Engine on persona paraphrases: correctness, coverage, precision and time, per topic.

    python benchmarks/engine_paraphrase.py [--input FILE.jsonl] [--letters N] [--seed 7]
                                           [--similarity] [--show-misses] [--voices N]

Reads a JSONL of ``{"logic_question", "ground_truth", "topic", "reference"?}`` (default:
``benchmarks/data/paraphrases-7b-voices.jsonl``) and answers every line
with the embedded engine alone (no LLM). ``--letters N`` also scores N copies of each
question with one letter inserted by the network's rule (docs/network.md §6c). Correctness follows
the network's 2025 rules (docs/network.md §6b); where only a judge could decide, an answer counts 1
only when it is identical to the ground truth. Precision = answered items that are right.
``--similarity`` adds the mean cosine of the engine's reasoning to each line's reference
(all-MiniLM-L6-v2, offline; needs the validator extra).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from logicnet.challenges.wrap import insert_random_letter  # noqa: E402
from logicnet.engine import solve  # noqa: E402
from logicnet.validator.scoring import correctness  # noqa: E402

DEFAULT_INPUT = ROOT / "benchmarks" / "data" / "paraphrases-7b-voices.jsonl"
RIGHT = 0.999


def score_of(truth: str, answer: str | None) -> float:
    if answer is None:
        return 0.0
    result = correctness("network-2025-05", truth, answer)
    if result.needs_judge:
        return 1.0 if answer.strip().lower() == truth.strip().lower() else 0.0
    return min(max(result.score or 0.0, 0.0), 1.0)


def voices(per_subtopic: int, show: bool) -> list[str]:
    """Own-voice paraphrases of fresh problems (and their near misses), scored; misses listed."""
    from paraphrase_voices import FAMILIES, near, voiced

    from logicnet.challenges.generate import GeneratorFailed, generate_problem
    from logicnet.challenges.topics import topic_pairs

    items: list[tuple[bool, float]] = []
    misses: list[str] = []
    near_total = near_hit = 0
    for topic, subtopic in topic_pairs():
        if topic not in FAMILIES:
            continue
        seed, drawn = 700_000, 0
        while drawn < per_subtopic:
            seed += 1
            try:
                raw, truth = generate_problem(topic, subtopic, seed)
            except GeneratorFailed:
                continue
            drawn += 1
            rng = random.Random(seed)
            asked = voiced(topic, subtopic, raw, rng)
            for question in asked + [insert_random_letter(q, rng) for q in asked]:
                found = solve(question)
                answer = getattr(found, "answer", None)
                score = score_of(truth, answer)
                items.append((answer is not None, score))
                if show and (answer is None or score < RIGHT):
                    misses.append(
                        f"[voice] {subtopic}: {question[:160]!r} -> {answer!r} "
                        f"(truth {truth[:60]!r})"
                    )
                for changed in near(subtopic, question):
                    near_total += 1
                    other = solve(changed)
                    if other is not None and other.topic.endswith("/" + subtopic):
                        near_hit += 1
                        misses.append(
                            f"[near miss] {subtopic}: {changed[:160]!r} -> {other.answer!r}"
                        )
    done = [sc for ans, sc in items if ans]
    print(
        f"own voices ({per_subtopic} fresh problems per subtopic, {len(items)} questions "
        f"with lettered copies): correct {sum(sc for _, sc in items) / len(items):.4f}, "
        f"coverage {len(done) / len(items):.4f}, precision "
        f"{(sum(sc >= RIGHT for sc in done) / len(done) if done else 0.0):.4f}; "
        f"near misses answered as the original: {near_hit} of {near_total}"
    )
    return misses


def family_of(row: dict[str, object]) -> str:
    """The mathgenerator topic of a dev line, from its raw question's Topic line."""
    found = re.search(r"Topic: ([^,\n]+),", str(row.get("raw_question", "")))
    return found.group(1).strip().lower().replace(" ", "_") if found else "unknown"


def hostile_questions() -> list[str]:
    """Bad input (issue 7, item 5): each must be answered within the bound or refused."""
    big = "9" * 5000
    nested = "(" * 2000 + "1" + ")" * 2000
    return [
        "What is 2 + 2? " + "blah " * 20_000,  # 100 KB
        f"What is the GCD of {big} and {big}7?",
        f"Is {big} a prime number?",
        f"What is {big}! ?",
        f"What is {big}^{big}?",
        "What is 9^9^9^9?",
        "Simplify 9^{9^{9^{9}}}",
        "What is 99999^99999?",
        f"Compute the factorial of {nested}.",
        f"Differentiate {nested}x^{{3}}.",
        "Differentiate " + " + ".join(f"{i}x^{{{i}}}" for i in range(1, 3000)),
        "Find the determinant of [["
        + "], [".join(", ".join(["7"] * 300) for _ in range(300))
        + "]]",
        "What are the mean and median of [" + ", ".join(["5"] * 20_000) + "]?",
        "Find the solution of this math problem:\n---\nTopic: Basic math, Subtopic: "
        f"Exponentiation.\n{big}^{big} =\n---\n",
        "Find the solution of this math problem:\n---\nTopic: Basic math, Subtopic: "
        "Factorial.\n99999999! =\n---\n",
        "[" * 5000 + "]" * 5000,
        "Find prime factors of " + "9" * 40,  # trial division would take hours
        "Factors of 99999999999999999 =",
        "Common Factors of 999999999999999999 and 999999999999999999 =",
        "Is 999999999989 prime?",
        "\\frac{" * 3000 + "1" + "}" * 3000,
    ]


def _cpu_ms(question: str) -> tuple[object, float]:
    start = time.process_time()
    found = solve(question)
    return found, (time.process_time() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument(
        "--letters",
        type=int,
        default=0,
        metavar="N",
        help="also score N lettered copies of each question",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--similarity", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--voices",
        type=int,
        default=0,
        metavar="N",
        help="also score N fresh problems per subtopic of calculus, algebra, "
        "basic_math and statistics in our own voices (paraphrase_voices.py)",
    )
    args = parser.parse_args()
    if not args.input.is_file():
        print(f"no such file: {args.input}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.input.read_text().splitlines() if line.strip()]
    rng = random.Random(args.seed)
    solve("warm-up")
    forms = ["paraphrase"] + (["lettered"] if args.letters else [])
    per: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    totals: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    fam_items: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    times: list[float] = []
    pairs: list[tuple[str, str]] = []
    misses: list[str] = []
    for row in rows:
        truth = str(row["ground_truth"])
        variants = [("paraphrase", row["logic_question"])]
        variants += [
            ("lettered", insert_random_letter(row["logic_question"], rng))
            for _ in range(args.letters)
        ]
        for form, question in variants:
            found, ms = _cpu_ms(question)
            times.append(ms)
            answer = getattr(found, "answer", None)
            score = score_of(truth, answer)
            totals[form].append((answer is not None, score))
            fam_items[family_of(row)].append((answer is not None, score))
            per[row["topic"]][form].append(score if answer is not None else -1.0)
            if form == "paraphrase" and found is not None and row.get("reference"):
                pairs.append((getattr(found, "reasoning", ""), row["reference"]))
            if args.show_misses and (answer is None or score < RIGHT):
                misses.append(
                    f"[{form}] {row['topic']}: {question[:160]!r} -> {answer!r} (truth {truth!r})"
                )
    print(f"{len(rows)} questions from {args.input.name}; engine only, 2025 rules")
    print(f"{'form':<12}{'correct':>9}{'coverage':>10}{'precision':>11}")
    for form in forms:
        items = totals[form]
        answered = [s for a, s in items if a]
        correct = sum(s for _, s in items) / len(items)
        coverage = len(answered) / len(items)
        precision = sum(s >= RIGHT for s in answered) / len(answered) if answered else 0.0
        print(f"{form:<12}{correct:>9.4f}{coverage:>10.4f}{precision:>11.4f}")
    short = []
    for topic in sorted(per):
        scores = per[topic]["paraphrase"]
        mean = sum(max(s, 0.0) for s in scores) / len(scores)
        wrong = sum(0 <= s < RIGHT for s in scores)
        if mean < 0.999 or wrong:
            short.append(
                f"  {topic}: correct {mean:.2f}, unanswered "
                f"{sum(s < 0 for s in scores)}, wrong {wrong} of {len(scores)}"
            )
    print(f"topics below 1.0 on paraphrases: {len(short)} of {len(per)}")
    print("\n".join(short))
    print("per family (correct / coverage / precision, all forms):")
    for family in sorted(fam_items):
        items = fam_items[family]
        done = [sc for ans, sc in items if ans]
        print(
            f"  {family:<18}{sum(sc for _, sc in items) / len(items):>8.4f}"
            f"{len(done) / len(items):>10.4f}"
            f"{(sum(sc >= RIGHT for sc in done) / len(done) if done else 0.0):>11.4f}"
            f"  ({len(items)} items)"
        )
    times.sort()
    print(
        f"engine CPU per question: p50 {statistics.median(times):.2f} ms, "
        f"p99 {times[int(0.99 * (len(times) - 1))]:.2f} ms, max {times[-1]:.2f} ms"
    )
    if args.voices:
        misses += voices(args.voices, args.show_misses)
    hostile = [_cpu_ms(q) for q in hostile_questions()]
    print(
        f"hostile inputs: {len(hostile)}, answered {sum(f is not None for f, _ in hostile)}, "
        f"max CPU {max(ms for _, ms in hostile):.2f} ms"
    )
    if args.similarity and pairs:
        from logicnet.validator.similarity import load_similarity

        model = load_similarity()
        if model is None:
            print("similarity: the model is not installed (bash install.sh --validator)")
            return 0
        sims = model.score_pairs([r for r, _ in pairs], [ref for _, ref in pairs])
        print(
            f"reasoning similarity to references: mean {statistics.mean(sims):.3f} "
            f"over {len(sims)} answered items"
        )
    if misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
