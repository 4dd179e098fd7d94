"""Scoring vectors for both profiles (SPEC §6, §6b)."""

from __future__ import annotations

import pytest

from logicnet.validator.safe_math import safe_eval
from logicnet.validator.scoring import correctness, reward


@pytest.mark.parametrize(
    "truth,answer,score,method",
    [
        ("1", "1", 1.0, "first-number"),
        ("216 m^3", "216", 1.0, "first-number"),
        ("\\frac{28}{15}", "28/15", 1.0, "first-number"),
        ("5", "The answer is 4", 0.8, "first-number"),
        ("-12", "x = 12", 0.0, "first-number"),  # the sign is read on both sides
        ("10", "x=2, then 10", 0.2, "first-number"),  # only the first number counts
        ("No", "No", None, "judge"),
    ],
)
def test_seed_profile(truth: str, answer: str, score: float | None, method: str) -> None:
    got = correctness("seed", truth, answer)
    assert got.method == method
    assert got.score == (pytest.approx(score) if score is not None else None)


@pytest.mark.parametrize(
    "truth,answer,score,method",
    [
        ("No", " no ", 1.0, "exact"),
        ("x = -12, y = -4", "x = -12, y = -4", 1.0, "exact"),
        ("216 m^3", "216", 1.0, "single-number"),
        ("50%", "40", 0.8, "single-number"),
        ("1/8", "1/8", 1.0, "exact"),
        ("1/8", "0.125", 1.0, "expression"),  # two numbers vs one: both parsed whole
        ("1/8", "2/16", 1.0, "expression"),
        ("2^3", "8", None, "judge"),
        ("Yes", "yes it is", None, "judge"),
        ("[-211, 191, -177]", "[1, 2, 3]", None, "judge"),
    ],
)
def test_network_profile(truth: str, answer: str, score: float | None, method: str) -> None:
    got = correctness("network-2025-05", truth, answer)
    assert (got.method, got.score) == (method, score if score is None else pytest.approx(score))


def test_safe_eval_refuses_anything_but_arithmetic() -> None:
    assert safe_eval("(1 + 2) * 3 / 4") == pytest.approx(2.25)
    for hostile in ("__import__('os').system('id')", "x", "9" * 500, "1" + "+1" * 200,
                    "[1]", "lambda: 1", "2**10000"):
        assert safe_eval(hostile) is None


def test_reward_formulas() -> None:
    # seed: (0.2*1 + 0.8*1 - 0.1*0.5)/2 + 0.5 = 0.975, times 0.9 + 0.1*50/512
    assert reward("seed", 1.0, 1.0, 32, 64, 50) == pytest.approx(0.975 * (0.9 + 0.1 * 50 / 512))
    # network: (0.3*0.5 + 0.7*0 - 0.05*1)/2 + 0.5 = 0.55, volume 512 -> scale 1
    assert reward("network-2025-05", 0.0, 0.5, 100, 64, 512) == pytest.approx(0.55)
    with pytest.raises(KeyError):
        reward("nope", 1, 1, 1, 1, 1)
