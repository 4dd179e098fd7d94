"""Engine: mathgenerator's statistics topic."""

from __future__ import annotations

import pytest

from logicnet.challenges.topics import TOPICS
from logicnet.engine import solve
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
