"""Engine: mathgenerator's statistics topic."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from logicnet.challenges.generate import generate_problem
from logicnet.challenges.topics import TOPICS
from logicnet.engine import solve
from logicnet.engine.bounds import MAX_CHOOSE_N, MAX_DICE, MAX_ITEMS
from logicnet.engine.families.statistics import (
    Combinations,
    ConditionalProbability,
    ConfidenceInterval,
    DataSummary,
    DiceSumProbability,
    MeanMedian,
    Permutation,
)
from logicnet.engine.problem import Unreadable
from tests.engine_harness import check_subtopic

TOPIC = "statistics"


@pytest.mark.parametrize("subtopic", list(dict.fromkeys(TOPICS[TOPIC])))
def test_subtopic(subtopic: str) -> None:
    assert check_subtopic(TOPIC, subtopic, n=20) == []


# Upstream (GitHub) mathgenerator words a few questions differently from PyPI 1.5.0.
@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "Someone tested positive for a nasty disease which only $1.18$% of the population "
            "have. "
            "Test sensitivity (true positive) is equal to $SN=98.73$% whereas test specificity "
            "(true negative) $SP=99.99$%. What is the probability that this guy really has that "
            "disease?",
            "99.16%",
        ),
        (
            "Given the series of numbers $[4, 19, 21, 22, 43, 44, 60, 81, 87, 92]$. Find the "
            "arithmatic mean and median of the series",
            "Arithmetic mean of the series is 47.3 and Arithmetic median of this series is 43.5",
        ),
    ],
)
def test_upstream_wording(question: str, answer: str) -> None:
    got = solve(question)
    assert got is not None and got.answer == answer


@pytest.mark.parametrize("subtopic", list(dict.fromkeys(TOPICS[TOPIC])))
def test_the_problem_solved_is_said_in_the_generator_wording(subtopic: str) -> None:
    # The typed problem's wording() is the generator's sentence: solved again, it is the
    # same problem with the same answer and working.
    for seed in range(5):
        question, _ = generate_problem(TOPIC, subtopic, seed)
        first = solve(question)
        assert first is not None and first.topic == f"{TOPIC}/{subtopic}"
        again = solve(first.problem)
        assert again == first


@pytest.mark.parametrize(
    "make",
    [
        lambda: Combinations(3, 5),
        lambda: Permutation(4, -1),
        lambda: Combinations(MAX_CHOOSE_N + 1, 2),
        lambda: DiceSumProbability(0, 3),
        lambda: DiceSumProbability(MAX_DICE + 1, 30),
        lambda: ConfidenceInterval((1, 2, 3), 85),
        lambda: ConfidenceInterval((1, -2, 3), 95),
        lambda: DataSummary(()),
        lambda: MeanMedian((4, -1)),
        lambda: MeanMedian(tuple(range(MAX_ITEMS + 1))),
        lambda: ConditionalProbability(Decimal(0), Decimal(50), Decimal(100)),
    ],
)
def test_problems_outside_the_rules_are_unreadable(make: Callable[[], object]) -> None:
    with pytest.raises(Unreadable):
        make()


def test_rates_are_worded_as_written() -> None:
    q = ConditionalProbability(Decimal("1.20"), Decimal("95.00"), Decimal("90"))
    assert q.wording() == (
        "Someone tested positive for a nasty disease which only 1.20\\% of the population "
        "have. Test sensitivity (true positive) is equal to SN=95.00% whereas test specificity "
        "(true negative) SP=90\\%. What is the probability that this guy really has that "
        "disease?"
    )
