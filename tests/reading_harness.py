"""Paraphrases in voices of our own, filled with real generator draws, checked against the
generator's own answer.

``check_voices`` draws problems from the generator (``generate_problem``), takes the
operands out of the generator's question with a test-side pattern, writes them into each
voice (a ``str.format`` template: terse, chatty, markdown, LaTeX, Unicode, number words,
a Topic line, a "Sure! Here's..." preface) and asks the engine. Every voice must get the
generator's exact answer; the same voice with a letter inserted by the network's rule
must be answered right or not at all (a wrong exact answer costs the whole item).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from logicnet.challenges.generate import GeneratorFailed, generate_problem
from logicnet.challenges.wrap import insert_random_letter
from logicnet.engine import solve

WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]

Extra = Callable[[dict[str, str]], dict[str, str]]


def check_voices(
    topic: str,
    subtopic: str,
    parse: str,
    voices: list[str],
    seeds: range = range(6),
    extra: Extra | None = None,
    letters: int = 2,
) -> tuple[list[str], int, int]:
    """(failures, lettered questions answered, lettered questions asked)."""
    failures: list[str] = []
    answered = asked = 0
    for seed in seeds:
        try:
            question, truth = generate_problem(topic, subtopic, seed)
        except GeneratorFailed:
            continue
        match = re.search(parse, question)
        if match is None:
            failures.append(f"seed {seed}: the test's pattern does not read {question!r}")
            continue
        fields = {k: v for k, v in match.groupdict().items() if v is not None}
        if extra is not None:
            fields.update(extra(fields))
        for voice in voices:
            text = voice.format(**fields)
            got = solve(text)
            if got is None or got.answer != truth:
                failures.append(
                    f"seed {seed}: {text!r} -> "
                    f"{None if got is None else got.answer!r}, want {truth!r}"
                )
            for k in range(letters):
                lettered = insert_random_letter(text, random.Random(seed * 31 + k))
                found = solve(lettered)
                asked += 1
                if found is not None:
                    answered += 1
                    if found.answer != truth:
                        failures.append(
                            f"lettered seed {seed}: {lettered!r} -> "
                            f"{found.answer!r}, want {truth!r}"
                        )
    return failures, answered, asked


def number_word(value: str) -> str:
    n = int(value)
    return WORDS[n] if 0 <= n < len(WORDS) else value


# Every paraphrase set the repository ships that tests may pin: our own six-voice files
# and the deliberately varied voices (benchmarks/data/README.md). The other sets there are
# for measuring (some held out) and stay out, so that no test makes them a tuning target.
PARAPHRASE_SETS = (
    *sorted((Path(__file__).resolve().parent / "data").glob("voices-*.jsonl")),
    Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "paraphrases-varied-voices.jsonl",
)


def generator_answer(generator_text: str) -> str:
    """What the engine answers for the generator's own wording (wrapped when it names a topic)."""
    found = solve(
        f"Find the solution of this math problem:\n---\n{generator_text}\n---\n"
        if "Topic:" in generator_text
        else generator_text
    )
    assert found is not None, generator_text
    return found.answer


def family_paraphrases(topic_label: str) -> list[dict[str, str]]:
    """The lines of every set in ``PARAPHRASE_SETS`` whose raw question names the topic."""
    rows = [
        json.loads(line)
        for path in PARAPHRASE_SETS
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    return [r for r in rows if f"Topic: {topic_label}," in r["raw_question"]]


def check_family_paraphrases(topic_label: str) -> None:
    """Every shipped paraphrase of one topic ("Algebra"), plain and with the network's
    inserted letter: nothing answered wrongly, and at least 90% of the two answered."""
    mine = family_paraphrases(topic_label)
    assert len(mine) >= 30, f"only {len(mine)} paraphrases of {topic_label}"
    rng = random.Random(11)
    answered = 0
    wrong = []
    for row in mine:
        truth = row["ground_truth"].strip()
        for question in (row["logic_question"], insert_random_letter(row["logic_question"], rng)):
            found = solve(question)
            if found is None:
                continue
            answered += 1
            if found.answer.strip() != truth:
                wrong.append((question, found.answer, truth))
    assert wrong == []  # precision: nothing answered wrongly
    assert answered >= 0.9 * 2 * len(mine), f"{answered} of {2 * len(mine)} answered"


def assert_generator_answer(question: str, generator_text: str) -> None:
    """The paraphrase gets what the generator's own wording gets."""
    found = solve(question)
    assert found is not None, question
    assert found.answer == generator_answer(generator_text)


def assert_lettered_right_or_unanswered(question: str, generator_text: str) -> None:
    """Six copies with the network's inserted letter: each right, or refused, never wrong."""
    for seed in range(6):
        lettered = insert_random_letter(question, random.Random(seed))
        found = solve(lettered)
        assert found is None or found.answer == generator_answer(generator_text), lettered


def assert_not_read_by(question: str, family: str) -> None:
    """A near miss: another family may know it, but a reading of ``family`` would be a guess."""
    found = solve(question)
    assert found is None or not found.topic.startswith(f"{family}/"), found
