"""Engine: mathgenerator's basic_math topic."""

from __future__ import annotations

import pytest

from logicnet.challenges.topics import TOPICS
from logicnet.engine import solve
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
