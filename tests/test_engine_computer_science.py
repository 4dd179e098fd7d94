"""Engine: mathgenerator's computer_science topic."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from logicnet.challenges.generate import generate_problem
from logicnet.challenges.topics import TOPICS, UNWINNABLE
from logicnet.engine import solve
from logicnet.engine.bounds import MAX_FIBONACCI_INDEX, MAX_SERIES_TERMS, MAX_TRIBONACCI_INDEX
from logicnet.engine.families.computer_science import (
    BcdToDecimal,
    Binary2sComplement,
    BinaryToHex,
    DecimalToBcd,
    DecimalToHexadeci,
    DecimalToOctal,
    FibonacciSeries,
    NthFibonacciNumber,
    NthTribonacciNumber,
)
from logicnet.engine.problem import TypedProblem, Unreadable
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


# The typed problems: the generator's sentence builds one, its wording says it again, and
# operands outside the subtopic's rules or the engine's bounds are refused (Unreadable).
@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ("The Fibonacci Series of the first $8$ numbers is ?", FibonacciSeries(8)),
        ("The Fibonacci Series of the first ${n}$ numbers is ?", FibonacciSeries(None)),
        ("What is the 85th Fibonacci number?", NthFibonacciNumber(85)),
        ("What is the 14th Tribonacci number?", NthTribonacciNumber(14)),
        ("$010101$", BinaryToHex("010101")),
        ("2's complement of $1011 = $", Binary2sComplement("1011")),
        ("2's complement of $ = $", Binary2sComplement("")),
        ("Binary of $195 = $", DecimalToHexadeci(195, binary=True)),
        ("Hexadecimal of $410 = $", DecimalToHexadeci(410, binary=False)),
        ("The decimal number $3698$ in Octal is: ", DecimalToOctal(3698)),
        ("The decimal number ${x}$ in Octal is: ", DecimalToOctal(None)),
        ("Integer of Binary Coded Decimal $7$ is $=$ ", BcdToDecimal(7)),
        ("BCD of Decimal Number $6575 = $", DecimalToBcd(6575)),
    ],
)
def test_the_sentence_is_a_typed_problem(question: str, problem: TypedProblem) -> None:
    got = solve(question)
    assert got is not None and got.problem == problem.wording()
    assert solve(problem.wording()) == got


def test_the_lettered_binary_question_keeps_its_plain_binary_value() -> None:
    got = solve("Bbinary of $522 = $")
    assert got is not None and (got.answer, got.plain) == ("0x20a", "1000001010")
    assert got.problem == "Binary of 522 ="


@pytest.mark.parametrize(
    "make",
    [
        lambda: FibonacciSeries(0),
        lambda: FibonacciSeries(MAX_SERIES_TERMS + 1),
        lambda: NthFibonacciNumber(0),
        lambda: NthFibonacciNumber(MAX_FIBONACCI_INDEX + 1),
        lambda: NthTribonacciNumber(0),
        lambda: NthTribonacciNumber(MAX_TRIBONACCI_INDEX + 1),
        lambda: BinaryToHex(""),
        lambda: BinaryToHex("012"),
        lambda: Binary2sComplement("10a"),
        lambda: DecimalToHexadeci(-1),
        lambda: DecimalToOctal(-1),
        lambda: BcdToDecimal(12),
        lambda: DecimalToBcd(-5),
    ],
)
def test_operands_outside_the_rules_are_unreadable(make: Callable[[], object]) -> None:
    with pytest.raises(Unreadable):
        make()


def test_out_of_rule_sentences_are_not_answered() -> None:
    assert solve("What is the 0th Fibonacci number?") is None
    assert solve("The Fibonacci Series of the first $0$ numbers is ?") is None
    assert solve("Integer of Binary Coded Decimal $12$ is $=$ ") is None
