"""Engine: mathgenerator's misc topic."""

from __future__ import annotations

import pytest

from logicnet.challenges.generate import generate_problem
from logicnet.challenges.topics import TOPICS, UNWINNABLE
from logicnet.engine import solve
from tests.engine_harness import FORMS, check_subtopic, dressed

TOPIC = "misc"
SUBTOPICS = tuple(dict.fromkeys(TOPICS[TOPIC]))  # prime_factors is listed twice (draw weight)


def _unrecognised(subtopic: str, n: int) -> list[str]:
    """For unwinnable subtopics only recognition is checked: every form must get an answer."""
    misses: list[str] = []
    for seed in range(n):
        question, _ = generate_problem(TOPIC, subtopic, seed)
        for form in FORMS:
            text = dressed(TOPIC, subtopic, question, form, seed)
            got = solve(text)
            if got is None or not got.topic.endswith("/" + subtopic):
                misses.append(f"{form} seed {seed}: {text!r} -> {got}")
    return misses


@pytest.mark.parametrize("subtopic", SUBTOPICS)
def test_subtopic(subtopic: str) -> None:
    if (TOPIC, subtopic) in UNWINNABLE:
        assert _unrecognised(subtopic, n=20) == []
    else:
        assert check_subtopic(TOPIC, subtopic, n=20) == []


def test_prime_factors_of_one_is_empty() -> None:
    got = solve("Find prime factors of 1")
    assert got is not None and got.answer == ""


def test_roman_numerals_answer_the_question_asked() -> None:
    got = solve("The number 1994 in Roman Numerals is: ")
    assert got is not None and got.answer == "MCMXCIV"


def test_base_conversion_drops_an_inserted_lower_case_letter() -> None:
    got = solve("Convert FFqAB from base 16 to base 10.")
    assert got is not None and got.answer == str(0xFFAB)


def test_harmonic_mean_reproduces_the_generator_bug() -> None:
    got = solve("Harmonic mean of 2 numbers 1, 3 = ")
    # The generator divides the last number (3), not the count (2), by 1/1 + 1/3.
    assert got is not None and got.answer == str(3 / (1 + 1 / 3))
