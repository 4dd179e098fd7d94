"""Bad input (issue 7, item 5): answered within the bound or refused, never slow."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from logicnet.engine import solve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from engine_paraphrase import hostile_questions  # noqa: E402

# The engine's bound is 50 ms of CPU; the suite runs on a loaded 2-core machine, so the
# test allows a margin while still failing on anything quadratic or exponential.
LIMIT_MS = 150


@pytest.mark.parametrize("question", hostile_questions(), ids=lambda q: q[:30])
def test_hostile_question_is_refused_quickly(question: str) -> None:
    solve("warm-up")
    start = time.process_time()
    found = solve(question)
    spent = (time.process_time() - start) * 1000
    assert found is None, found
    assert spent < LIMIT_MS


def test_a_huge_number_in_a_generator_question_is_refused() -> None:
    big = "7" * 5000
    assert solve(f"GCD({big},{big}1)=") is None
    assert solve(f"Is {big} prime?") is None


# Shapes the paraphrase readers look for, repeated to the length bound: a bar or bracket row
# that never closes, a run of negations, a very long token. Each must stay within the bound.
_REPEATED = [
    "determinant of the matrix | " + "1 " * 2900,
    "inverse of the matrix [1 " + "2 " * 2900,
    "not " * 1400 + "simple interest on 5 dollars at 2% for 3 years",
    "derivative " + "x" * 5000 + " vanish",
    "matrix with rows " + "(1, 2) and " * 500,
    "is " + "- 1 " * 1400 + "prime",
]


@pytest.mark.parametrize("question", _REPEATED, ids=lambda q: q[:20])
def test_repeated_reader_shapes_stay_within_the_bound(question: str) -> None:
    solve("warm-up")
    start = time.process_time()
    solve(question)
    assert (time.process_time() - start) * 1000 < LIMIT_MS
