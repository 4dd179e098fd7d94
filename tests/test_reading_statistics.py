"""Paraphrases of statistics problems in voices the dev set does not use, and near misses.

Each paraphrase must get the same answer as the generator's own wording of the problem
(solved by the exact recognizers); near misses must not be answered at all.
"""

from __future__ import annotations

import pytest

from logicnet.engine import solve
from tests.reading_harness import (
    DEV_SET,
    assert_generator_answer,
    assert_lettered_right_or_unanswered,
    assert_not_read_by,
    check_dev_family,
    generator_answer,
)

CASES = [
    (
        "In how many ways can you choose 4 objects out of 10? (combinations)",
        "Find the number of combinations from 10 objects picked 4 at a time.",
    ),
    (
        "How many permutations of 8 objects taken 3 at a time are there?",
        "Number of Permutations from 8 objects picked 3 at a time is:",
    ),
    (
        "Roll two dice. What's the probability their sum is 7?",
        "If 2 dice are rolled at the same time, the probability of getting a sum of 7 =",
    ),
    (
        "Give the 95% confidence interval for the sample [10, 12, 14, 16, 18, 20].",
        "The confidence interval for sample [10, 12, 14, 16, 18, 20] with 95% confidence is",
    ),
    (
        "For the data 4, 8, 15, 16, 23, 42 compute the mean, the standard deviation and the "
        "variance.",
        "Find the mean,standard deviation and variance for the data 4, 8, 15, 16, 23, 42",
    ),
    (
        "What are the mean and median of [3, 5, 9, 12, 20]?",
        "Given the series of numbers [3, 5, 9, 12, 20]. Find the arithmatic mean and mdian of "
        "the series",
    ),
    (
        "A disease affects 1.20% of the population. A test has sensitivity 95.00% and "
        "specificity 90.00%. If someone tests positive, what's the probability they have it?",
        "Someone tested positive for a nasty disease which only 1.20\\% of the population have. "
        "Test sensitivity (true positive) is equal to SN=95.00% whereas test specificity (true "
        "negative) SP=90.00\\%. What is the probability that this guy really has that disease?",
    ),
    ("What is 15C9?", "Find the number of combinations from 15 objects picked 9 at a time."),
    (
        "For exercise 5, how many combinations of 10 objects taken 4 at a time are there?",
        "Find the number of combinations from 10 objects picked 4 at a time.",
    ),
    (
        "Give the 90% CI for [1, 2, 3, 4, 5].",
        "The confidence interval for sample [1, 2, 3, 4, 5] with 90% confidence is",
    ),
]

NEAR_MISSES = [
    "How many permutations or combinations of 8 objects taken 3 at a time?",
    "Roll two dice. What's the probability their sum is at least 7?",
    "What are the mean, median and mode of [3, 5, 9, 12, 20]?",
    "How many ways can 5 people sit around a table?",
]


_expected = generator_answer


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_paraphrase_gets_the_generator_answer(question: str, generator: str) -> None:
    assert_generator_answer(question, generator)


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_lettered_paraphrase_is_right_or_unanswered(question: str, generator: str) -> None:
    assert_lettered_right_or_unanswered(question, generator)


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_miss_is_not_answered_by_a_neighbour(question: str) -> None:
    assert_not_read_by(question, "statistics")


def test_permutations_and_combinations_differ() -> None:
    perm = solve("How many permutations of 10 objects taken 4 at a time?")
    comb = solve("How many combinations of 10 objects taken 4 at a time?")
    assert perm is not None and comb is not None
    assert (perm.answer, comb.answer) == ("5040", "210")


DEV = DEV_SET


@pytest.mark.skipif(
    not DEV.is_file(),
    reason="the dev set ../shared/data/paraphrased-dev.jsonl is not beside the repository",
)
def test_dev_set_paraphrases_of_this_family_are_answered_exactly() -> None:
    check_dev_family("Statistics")


def test_ordered_selections_are_permutations() -> None:
    found = solve("In how many ordered selections can 3 items be taken from 11 distinct items?")
    assert found is not None
    assert found.answer == _expected(
        "Number of Permutations from 11 objects picked 3 at a time is:"
    )
    unordered = solve("How many unordered selections of 3 items can be taken from 11 items?")
    assert unordered is None or unordered.answer != found.answer
