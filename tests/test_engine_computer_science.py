"""Engine: mathgenerator's computer_science topic."""

from __future__ import annotations

import pytest

from logicnet.challenges.generate import generate_problem
from logicnet.challenges.topics import TOPICS, UNWINNABLE
from logicnet.engine import solve
from tests.engine_harness import FORMS, check_subtopic, dressed

TOPIC = "computer_science"
SUBTOPICS = list(dict.fromkeys(TOPICS[TOPIC]))
# Answers that do not follow from the question (topics.UNWINNABLE): recognition only.
NO_ANSWER_IN_TEXT = {s for t, s in UNWINNABLE if t == TOPIC}


def unrecognised(subtopic: str, n: int = 20) -> list[str]:
    """Forms of drawn problems the engine does not attribute to this subtopic."""
    misses = []
    for seed in range(n):
        question, _ = generate_problem(TOPIC, subtopic, seed)
        for form in FORMS:
            got = solve(dressed(TOPIC, subtopic, question, form, seed))
            if got is None or got.topic != f"{TOPIC}/{subtopic}":
                misses.append(f"{form} seed {seed}: {question!r} -> {got}")
    return misses


@pytest.mark.parametrize("subtopic", [s for s in SUBTOPICS if s not in NO_ANSWER_IN_TEXT])
def test_subtopic(subtopic: str) -> None:
    assert check_subtopic(TOPIC, subtopic, n=20) == []


@pytest.mark.parametrize("subtopic", sorted(NO_ANSWER_IN_TEXT))
def test_unwinnable_recognised(subtopic: str) -> None:
    assert subtopic in SUBTOPICS
    assert unrecognised(subtopic) == []


# Upstream (GitHub) mathgenerator fills in the numbers and words some questions differently.
@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("The decimal number $3698$ in octal is: ", "0o7162"),
        ("Hexadecimal of $410 = $", "0x19a"),
        ("The Fibonacci Series of the first $8$ numbers is ?", "0, 1, 1, 2, 3, 5, 8, 13"),
        ("What is the 85th Fibonacci number?", "259695496911123328"),
        ("What is the 14th Tribonacci number?", "504"),
        ("BCD of Decimal Number $6575 = $", "191015"),
        ("2's complement of $1011 = $", "101"),
        ("$010101$", "0x15"),
    ],
)
def test_upstream_wording(question: str, answer: str) -> None:
    got = solve(question)
    assert got is not None and got.answer == answer
