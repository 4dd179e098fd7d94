"""Per-answer scoring vectors for both profiles (SPEC §6, §6b, §6c)."""

from __future__ import annotations

import pytest

from logicnet.validator.profiles import PROFILES, get_profile
from logicnet.validator.safe_math import safe_eval
from logicnet.validator.scoring import correctness, relative_score, reward

MATRIX = (
    "[[1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12, 13, 14, 15, 16], [17, 18, 19, 20, 21, 22, "
    "23, 24], [25, 26, 27, 28, 29, 30, 31, 32], [33, 34, 35, 36, 37, 38, 39, 40, 41]]"
)


@pytest.mark.parametrize(
    "truth,answer,score,method",
    [
        ("1", "1", 1.0, "numeric"),
        ("216 m^3", "216", 1.0, "numeric"),
        ("\\frac{28}{15}", "28/15", 1.0, "numeric"),
        ("5", "The answer is 4", 0.8, "numeric"),
        ("-12", "x = 12", 0.0, "numeric"),  # the sign is read on both sides
        ("10", "x=2, then 10", 0.2, "numeric"),  # only the first number counts
        ("1/8", "0.125", 0.125, "numeric"),  # 1 against 0.125: the seed reads first numbers
        ("No", "No", None, "judge"),  # seed has no exact-match rule
    ],
)
def test_seed_profile(truth: str, answer: str, score: float | None, method: str) -> None:
    got = correctness("seed", truth, answer)
    assert got.method == method
    assert got.score == (pytest.approx(score, abs=1e-6) if score is not None else None)


@pytest.mark.parametrize(
    "truth,answer,score,method",
    [
        ("No", " no ", 1.0, "exact"),
        ("x = -12, y = -4", "x = -12, y = -4", 1.0, "exact"),
        ("216 m^3", "216", 1.0, "numeric"),
        ("50%", "40", 0.8, "numeric"),
        ("-12", "12", 1.0, "numeric"),  # no sign in the 2025 number pattern
        ("1/8", "1/8", 1.0, "exact"),
        ("1/8", "0.125", 1.0, "numeric"),  # two numbers vs one: both parsed whole
        ("1/8", "2/16", 1.0, "numeric"),
        ("2^3", "8", None, "judge"),
        ("Yes", "yes it is", None, "judge"),
        ("[-211, 191, -177]", "[1, 2, 3]", None, "judge"),
        (MATRIX, MATRIX, 1.0, "exact"),  # 41 words: exact match runs before any extraction
    ],
)
def test_network_profile(truth: str, answer: str, score: float | None, method: str) -> None:
    got = correctness("network-2025-05", truth, answer)
    assert (got.method, got.score) == (method, score if score is None else pytest.approx(score))


def test_matrix_answer_is_long() -> None:
    assert len(MATRIX.split()) == 41


def test_numbers_read_the_raw_answer_not_an_extract() -> None:
    # A long answer with one number is scored on that number at HEAD, with no extract step.
    long = "Let me think about this problem step by step and carefully " * 3 + "giving 7"
    assert len(long.split()) >= 20
    got = correctness("network-2025-05", "7", long)
    assert (got.score, got.method) == (1.0, "numeric")


@pytest.mark.parametrize(
    "answer", ["1e300*1e300", "1e308+1e308", "1e308*10", "-1e308-1e308", "9" * 60 + "/0.0000001"]
)
def test_huge_values_are_wrong_not_an_overflow(answer: str) -> None:
    # At HEAD the whole expression is valued (exactly): far off, so 0; the seed reads only
    # the first number. Neither raises.
    assert correctness("network-2025-05", "12", answer).score == 0.0
    assert correctness("seed", "12", answer).method == "numeric"


def test_relative_score_is_exact() -> None:
    from fractions import Fraction

    assert relative_score(Fraction(10**400), Fraction(10**400)) == 1.0
    assert relative_score(Fraction(0), Fraction(0)) == 1.0
    assert relative_score(Fraction(1), Fraction(10**500)) == 0.0


def test_safe_eval_refuses_anything_but_arithmetic() -> None:
    assert safe_eval("(1 + 2) * 3 / 4") == pytest.approx(2.25)
    for hostile in (
        "__import__('os').system('id')",
        "x",
        "9" * 500,
        "1" + "+1" * 200,
        "[1]",
        "lambda: 1",
        "2**10000",
        "1e999",
    ):
        assert safe_eval(hostile) is None


def test_safe_eval_is_silent_on_odd_text() -> None:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert safe_eval("1 5") is None and safe_eval("2x") is None
    assert caught == []


def test_reward_formulas() -> None:
    # seed: (0.2*1 + 0.8*1 - 0.1*0.5)/2 + 0.5 = 0.975, times 0.9 + 0.1*50/512
    assert reward("seed", 1.0, 1.0, 32, 64, 50) == pytest.approx(0.975 * (0.9 + 0.1 * 50 / 512))
    # network: (0.3*0.5 + 0.7*0 - 0.05*1)/2 + 0.5 = 0.55, volume 512 -> scale 1
    assert reward("network-2025-05", 0.0, 0.5, 100, 64, 512) == pytest.approx(0.55)
    # a cheat: (0.7*-1)/2 + 0.5 = 0.15
    assert reward(PROFILES["network-2025-05"], -1.0, 0.0, 0, 64, 512) == pytest.approx(0.15)
    with pytest.raises(ValueError, match="unknown scoring profile 'nope'"):
        reward("nope", 1, 1, 1, 1, 1)
    assert get_profile(PROFILES["seed"]) is PROFILES["seed"]
