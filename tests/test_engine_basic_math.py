"""Engine: mathgenerator's basic_math topic."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from logicnet.challenges.topics import TOPICS
from logicnet.engine import solve
from logicnet.engine.core import answer_problem
from logicnet.engine.families import basic_math as bm
from logicnet.engine.problem import TypedProblem, Unreadable
from tests.engine_harness import check_subtopic

TOPIC = "basic_math"


@pytest.mark.parametrize("subtopic", list(dict.fromkeys(TOPICS[TOPIC])))
def test_subtopic(subtopic: str) -> None:
    assert check_subtopic(TOPIC, subtopic, n=20) == []


# Upstream (GitHub) mathgenerator words a few questions differently from PyPI 1.5.0.
@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("$9^{5}=$", "59049"),
        ("Simplify $18^{10^{8}}$", "18^{80}"),
        ("$GCD(488075608, 75348096)=$", "8"),
        ("$\\sqrt{63}$", "3\\sqrt{7}"),
        ("$\\sqrt{64}$", "8"),
    ],
)
def test_upstream_wording(question: str, answer: str) -> None:
    got = solve(question)
    assert got is not None and got.answer == answer


# Each subtopic's typed problem: its wording is the generator's sentence (solved again, the
# same problem), and its checks refuse what the generator never writes.
TYPED = [
    (bm.FractionToDecimal(41, 63), "41\\div63=", "0.65"),
    (bm.FractionMultiplication(3, 4, 2, 5), "\\frac{3}{4}\\cdot\\frac{2}{5}=", "\\frac{3}{10}"),
    (bm.Factorial(5), "5! =", "120"),
    (
        bm.CompareFractions(2, 3, 3, 5),
        "Which symbol represents the comparison between \\frac{2}{3} and \\frac{3}{5}?",
        ">",
    ),
    (bm.CubeRoot(1000), "What is the cube root of: \\sqrt[3]{1000}= to 2 decimal places?", "10.0"),
    (bm.Exponentiation(9, 5), "9^5 =", "59049"),
    (bm.AbsoluteDifference(65, -99), "|65--99|=", "164"),
    (bm.Percentage(35, 80), "What is 35% of 80?", "28.00"),
    (bm.IsPrime(97), "Is 97 prime?", "Yes"),
    (bm.PowerOfPowers(18, 10, 8), "Simplify 18^{10^{8}}", "18^{80}"),
    (
        bm.PercentageDifference(98, 194),
        "What is the percentage difference between 98 and 194?",
        "65.75%",
    ),
    (
        bm.PercentageError(-65, -99),
        "Find the percentage error when observed value equals -65 and exact value equals -99",
        "34.34\\%",
    ),
    (bm.GreatestCommonDivisor((84, 120)), "GCD(84,120) =", "12"),
    (bm.IsComposite(91), "Is 91 composite?", "Yes"),
    (bm.SimplifySquareRoot(72), "Simplify \\sqrt{72}", "6\\sqrt{2}"),
]


@pytest.mark.parametrize(("problem", "wording", "answer"), TYPED)
def test_typed_problem_is_the_generator_sentence(
    problem: TypedProblem, wording: str, answer: str
) -> None:
    assert problem.wording() == wording
    got = answer_problem(problem)
    assert got is not None and got.answer == answer and got.problem == wording
    again = solve(wording)
    assert again is not None and again.answer == answer and again.topic == got.topic


@pytest.mark.parametrize(
    "make",
    [
        lambda: bm.FractionToDecimal(1, 0),
        lambda: bm.FractionMultiplication(1, 0, 1, 2),
        lambda: bm.FractionMultiplication(-1, 2, 1, 2),
        lambda: bm.Factorial(-1),
        lambda: bm.Factorial(10_000),  # the bounds: the working lists every factor
        lambda: bm.CompareFractions(1, 2, 1, 0),
        lambda: bm.CompareFractions(-1, 2, 1, 3),
        lambda: bm.CubeRoot(-8),
        lambda: bm.Exponentiation(-3, 4),  # "-3^4": the generator's bases have no sign
        lambda: bm.Exponentiation(2, -1),
        lambda: bm.Exponentiation(10, 10**6),
        lambda: bm.Percentage(-5, 10),
        lambda: bm.IsPrime(-13),
        lambda: bm.IsPrime(10**30),
        lambda: bm.PowerOfPowers(-2, 3, 4),
        lambda: bm.PercentageDifference(0, 0),
        lambda: bm.PercentageDifference(-5, 3),
        lambda: bm.PercentageError(5, 0),
        lambda: bm.GreatestCommonDivisor((5,)),
        lambda: bm.GreatestCommonDivisor((-4, 6)),
        lambda: bm.GreatestCommonDivisor(tuple(range(2, 1000))),
        lambda: bm.IsComposite(-4),
        lambda: bm.SimplifySquareRoot(0),
        lambda: bm.SimplifySquareRoot(10**30),
    ],
)
def test_typed_problem_refuses_what_the_generator_never_writes(
    make: Callable[[], TypedProblem],
) -> None:
    with pytest.raises(Unreadable):
        make()
