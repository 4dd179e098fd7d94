"""Per-answer scoring vectors for both profiles (docs/network.md §6, §6b, §6c)."""

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


# ---- complex ground truths: mathgenerator prints Python's complex repr

Z = "(-153+96j)"
PARTIAL = 1 - 96 / (15 * 145**0.5 + 1e-8)  # |(-153+96j) - (-153)| = 96, |-153+96j| = 15·√145


@pytest.mark.parametrize(
    "truth,answer,score,method",
    [
        (Z, "(-153+96j) m^2", 1.0, "numeric"),  # m^2 is stripped, as for real numbers
        (Z, "-153+96j", 1.0, "numeric"),
        (Z, "(-153 + 96j)", 1.0, "numeric"),
        (Z, "-153+96i", 1.0, "numeric"),
        (Z, "-153 + 96i", 1.0, "numeric"),
        (Z, "96j - 153", 1.0, "numeric"),
        (Z, "((-153+96J))", 1.0, "numeric"),
        (Z, "-153.0+96.0j", 1.0, "numeric"),
        (Z, "2*(-76.5+48j)", 1.0, "numeric"),  # the whole expression is valued
        (Z, "(-153+96J)", 1.0, "exact"),
        (Z, "(-153-96j)", 0.0, "numeric"),
        (Z, "(96-153j)", 0.0, "numeric"),
        (Z, "-153-96i", 0.0, "numeric"),
        (Z, "-153", PARTIAL, "numeric"),  # no imaginary part: the network gives 0.4685 too
        (Z, "(-150+96j)", 1 - 3 / (15 * 145**0.5 + 1e-8), "numeric"),
        # Any word or other unit left in a text valued whole: the judge, as for real numbers
        (Z, "(-153+96j) m", None, "judge"),
        (Z, "(-153+96j) cm^2", None, "judge"),
        (Z, "x = -153+96j", None, "judge"),
        (Z, "-153 + 96 i", None, "judge"),  # a unit apart from its number is no literal
        (Z, "-153+96*I", None, "judge"),
        (Z, "-153+96j,", None, "judge"),
        (Z, "-153, 96", None, "judge"),
        (Z, "-153+96j/0", None, "judge"),
        # Pure imaginary truths: one number each compares those numbers, signs and units aside
        ("5j", "5j", 1.0, "exact"),
        ("5j", "5i", 1.0, "numeric"),
        ("5j", "-5j", 1.0, "numeric"),
        ("5j", "5", 1.0, "numeric"),
        ("5j", "6j", 1 - 1 / (5 + 1e-8), "numeric"),
        ("5j", "(0+5j)", 1.0, "numeric"),
        ("5j", "(-0-5j)", 0.0, "numeric"),
        ("(-0-5j)", "-5j", 1.0, "numeric"),
        ("(-0-5j)", "-5i", 1.0, "numeric"),
        ("(-0-5j)", "0-5j", 1.0, "numeric"),
        ("(-0-5j)", "5j", 0.0, "numeric"),
        ("(-0-5j)", "-5", 0.0, "numeric"),  # |−5i + 5| = 5√2 > 5
        ("(3+0j)", "3", 1.0, "numeric"),
        ("(3+0j)", "3+0i", 1.0, "numeric"),
        ("(3+0j)", "4", 1 - 1 / (3 + 1e-8), "numeric"),
        ("(0+0j)", "(0+1e-9j)", 0.9, "numeric"),
        ("0j", "0", 1.0, "numeric"),
        ("(-48-124j)", "-48 - 124i", 1.0, "numeric"),
        # A real truth never takes the complex step
        ("12", "12+0j", None, "judge"),
        ("1/8", "0.125+0j", None, "judge"),
        ("1/8", "0.125 m", None, "judge"),
        ("1+2i", "1+2i", 1.0, "exact"),
        ("1+2i", "(1+2j)", None, "judge"),  # a truth written with i is not complex here
    ],
)
def test_network_profile_complex_truths(
    truth: str, answer: str, score: float | None, method: str
) -> None:
    got = correctness("network-2025-05", truth, answer)
    expected = None if score is None else pytest.approx(score, abs=1e-12)
    assert (got.method, got.score) == (method, expected)


@pytest.mark.parametrize(
    "truth,answer,score",
    [
        # The seed revision reads the first signed number only; the j is never part of it
        (Z, "(-153+96j) m^2", 1.0),
        (Z, "-153+96i", 1.0),
        (Z, "(-153-96j)", 1.0),
        (Z, "-153", 1.0),
        (Z, "(96-153j)", 0.0),
        ("5j", "5", 1.0),
        ("5j", "-5j", 0.0),
        ("(-0-5j)", "-5j", 0.0),  # -0 against -5
    ],
)
def test_seed_profile_complex_truths(truth: str, answer: str, score: float) -> None:
    got = correctness("seed", truth, answer)
    assert (got.method, got.score) == ("numeric", pytest.approx(score, abs=1e-12))


HOSTILE_COMPLEX = [
    "(" + "9" * 10_000 + "+96j)",
    "(-153+" + "9" * 10_000 + "j)",
    "1e999j",
    "(-153-1e999j)",
    "(inf+1j)",
    "(nan+nanj)",
    "(" * 90 + "-153+96j" + ")" * 90,
    "(" * 5000 + "-153+96j" + ")" * 5000,
    "-" * 150 + "96j",
    "(1+2j)/(0j)",
    "*".join(["1e308j"] * 20),
    "1/" + "/".join(["1e-308j"] * 18),
    "(" + "*".join(["(1e308+1e308j)"] * 8) + ")",
    "__import__('os').system('id') + 1j",
    "2pi + 3i",
    "96j" * 2000,
]


@pytest.mark.parametrize("hostile", HOSTILE_COMPLEX)
def test_hostile_complex_texts_are_bounded(hostile: str) -> None:
    import time

    started = time.perf_counter()
    for truth, answer in ((Z, hostile), (hostile, Z), (hostile, hostile + " ")):
        for profile in ("network-2025-05", "seed"):
            got = correctness(profile, truth, answer)
            assert got.score is None or 0.0 <= got.score <= 1.0
    assert time.perf_counter() - started < 0.5


def test_hostile_complex_answers_are_judged_or_simply_wrong() -> None:
    outcomes = {h: correctness("network-2025-05", Z, h) for h in HOSTILE_COMPLEX}
    assert outcomes["1e999j"].method == "judge"  # as a real 1e999 is: too large to read
    assert outcomes["(" * 90 + "-153+96j" + ")" * 90].score == 1.0  # parentheses cost nothing
    for product in HOSTILE_COMPLEX[10:13]:
        assert (outcomes[product].method, outcomes[product].score) == ("numeric", 0.0)


def test_safe_eval_complex() -> None:
    from fractions import Fraction

    from logicnet.validator.safe_math import ComplexValue, safe_eval_complex

    assert safe_eval_complex("(-153+96j)") == (-153, 96)
    assert safe_eval_complex("(-0-5j)") == (0, -5)
    assert safe_eval_complex("5j") == ComplexValue(Fraction(0), Fraction(5))
    assert safe_eval_complex("(3+0j)") == (3, 0)
    assert safe_eval_complex("1/8") == (Fraction(1, 8), 0)
    assert safe_eval_complex("(1+2j)*(3-4j)") == (11, 2)
    assert safe_eval_complex("(1+2j)/(3-4j)") == (Fraction(-1, 5), Fraction(2, 5))
    assert safe_eval_complex("2.5j") == (0, Fraction(5, 2))
    assert safe_eval_complex("-153+96i") is None  # i only when asked for
    assert safe_eval_complex("-153+96i", unit_i=True) == (-153, 96)
    assert safe_eval_complex("3.5i", unit_i=True) == (0, Fraction(7, 2))
    for refused in ("j", "3+i", "96 j", "2pi", "1e999j", "(1+2j)**2", "1j/0", "[1j]", "I"):
        assert safe_eval_complex(refused, unit_i=True) is None, refused
    assert safe_eval("(-153+96j)") is None  # the real grammar still refuses complex literals


def test_relative_score_complex_edges() -> None:
    from fractions import Fraction

    from logicnet.validator.safe_math import ComplexValue as C
    from logicnet.validator.scoring import relative_score_complex

    zero = Fraction(0)
    z = C(Fraction(-153), Fraction(96))
    assert relative_score_complex(z, z) == 1.0
    assert relative_score_complex(z, C(Fraction(-153), -Fraction(96))) == 0.0
    assert relative_score_complex(C(Fraction(3), zero), C(Fraction(4), zero)) == relative_score(
        Fraction(3), Fraction(4)
    )
    # 3+4i against 0: distance 5 = |truth| < |truth| + 1e-8, so a tiny positive score
    assert 0.0 < relative_score_complex(C(Fraction(3), Fraction(4)), C(zero, zero)) < 1e-8
    assert relative_score_complex(C(zero, zero), C(zero, Fraction(1))) == 0.0
    huge = C(Fraction(10**400), Fraction(10**400))
    assert relative_score_complex(huge, huge) == 1.0
    assert relative_score_complex(huge, C(Fraction(10**400), zero)) == pytest.approx(1 - 1 / 2**0.5)
