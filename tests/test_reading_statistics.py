"""Paraphrases of statistics problems in voices the dev set does not use, and near misses.

Each paraphrase must get the same answer as the generator's own wording of the problem
(solved by the exact recognizers); near misses must not be answered at all.
"""

from __future__ import annotations

import pytest

from logicnet.engine import solve
from tests.reading_harness import (
    assert_generator_answer,
    assert_lettered_right_or_unanswered,
    assert_not_read_by,
    check_family_paraphrases,
    generator_answer,
)
from tests.test_reading_misc import assert_six_voices

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
    "How many ways can a president and a treasurer be chosen from 13 people?",
    "In how many ways can 2 objects be chosen from 13 objects if order matters, or not?",
    "Probability that 3 dice rolled together sum to at least 17?",
    "Probability that 3 dice rolled together sum to 17 or more?",
    "Prevalence: 1.10% Sensitivity: 99.45% Specificity: 97.44%. What is the probability of a "
    "false positive?",
    "Prevalence: 1.10% Sensitivity: 99.45% Specificity: 97.44%. What is the negative "
    "predictive value?",
]


_expected = generator_answer


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_paraphrase_gets_the_generator_answer(question: str, generator: str) -> None:
    assert_generator_answer(question, generator)


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_paraphrase_is_read_as_the_generator_problem(question: str, generator: str) -> None:
    # the reader's typed problem, said in the generator's wording, is the generator's sentence
    found = solve(question)
    assert found is not None and found.problem == generator


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_lettered_paraphrase_is_right_or_unanswered(question: str, generator: str) -> None:
    assert_lettered_right_or_unanswered(question, generator)


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_miss_is_not_answered_by_a_neighbour(question: str) -> None:
    assert_not_read_by(question, "statistics")


def test_six_voices_of_statistics() -> None:
    assert_six_voices("Statistics")


def test_each_rate_takes_the_number_after_its_own_word() -> None:
    # in a bullet list "Prevalence: 1.10% Sensitivity: 99.45%" the 1.10 written just before
    # "Sensitivity" is the prevalence's
    found = solve(
        "**Given:**\n* Prevalence: 1.10%\n* Sensitivity: 99.45%\n* Specificity: 97.44%\n\n"
        "**Find:** the probability of having the disease after a positive test"
    )
    assert found is not None
    assert found.answer == _expected(
        "Someone tested positive for a nasty disease which only 1.10\\% of the population have. "
        "Test sensitivity (true positive) is equal to SN=99.45% whereas test specificity (true "
        "negative) SP=97.44\\%. What is the probability that this guy really has that disease?"
    )


@pytest.mark.parametrize(
    ("question", "generator"),
    [
        (
            "how many ways to pick 8 from 18 if order doesnt matter??",
            "Find the number of combinations from 18 objects picked 8 at a time.",
        ),
        (
            "How many ways can 8 be picked from 18 if order does not matter?",
            "Find the number of combinations from 18 objects picked 8 at a time.",
        ),
        (
            "In how many ways can 2 objects be chosen from 13 objects?",
            "Find the number of combinations from 13 objects picked 2 at a time.",
        ),
        (
            "How many ways can 8 be picked from 18 if order matters?",
            "Number of Permutations from 18 objects picked 8 at a time is:",
        ),
        (
            "Probability that 3 dice rolled together sum to 17?",
            "If 3 dice are rolled at the same time, the probability of getting a sum of 17 =",
        ),
    ],
)
def test_order_words_and_sums_in_terse_voices(question: str, generator: str) -> None:
    assert_generator_answer(question, generator)


def test_permutations_and_combinations_differ() -> None:
    perm = solve("How many permutations of 10 objects taken 4 at a time?")
    comb = solve("How many combinations of 10 objects taken 4 at a time?")
    assert perm is not None and comb is not None
    assert (perm.answer, comb.answer) == ("5040", "210")


def test_every_shipped_paraphrase_of_this_family_is_answered_exactly_or_refused() -> None:
    check_family_paraphrases("Statistics")


def test_ordered_selections_are_permutations() -> None:
    found = solve("In how many ordered selections can 3 items be taken from 11 distinct items?")
    assert found is not None
    assert found.answer == _expected(
        "Number of Permutations from 11 objects picked 3 at a time is:"
    )
    unordered = solve("How many unordered selections of 3 items can be taken from 11 items?")
    assert unordered is None or unordered.answer != found.answer
