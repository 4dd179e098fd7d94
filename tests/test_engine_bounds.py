"""The engine's bounds (issue 18, item 1): at each bound a question is answered, quickly;
just past it the engine refuses (None) before computing anything.

Every check runs the real ``solve``. Expected answers come from Python itself (``3**8383``,
``math.factorial``), never from the engine; CPU time is measured, so a loaded machine
does not fail the suite while an unbounded power still does.
"""

from __future__ import annotations

import math
import re
import time
from decimal import Decimal
from fractions import Fraction

import pytest

from logicnet.engine import bounds, solve
from logicnet.engine.bounds import (
    MAX_BASE_DIGITS,
    MAX_CHOOSE_N,
    MAX_DICE,
    MAX_FACTORIAL,
    MAX_FIBONACCI_INDEX,
    MAX_INVERSE_DIM,
    MAX_ITEMS,
    MAX_MATRIX_DIM,
    MAX_POLY_TERMS,
    MAX_RESULT_DIGITS,
    MAX_SERIES_TERMS,
    MAX_TRIAL_DIVISION,
    MAX_TRIBONACCI_INDEX,
    TooLarge,
    power_digits,
    require_power,
)
from logicnet.engine.core import EngineAnswer

CPU_LIMIT_S = 0.5  # the brief's bound per question; answers at the bounds take a few ms


def _timed(question: str) -> EngineAnswer | None:
    solve("warm-up")
    start = time.process_time()
    found = solve(question)
    spent = time.process_time() - start
    assert spent < CPU_LIMIT_S, f"{spent:.2f} s of CPU for {question[:80]!r}"
    return found


def _answer(question: str) -> str:
    found = _timed(question)
    assert found is not None, question[:120]
    return found.answer


def _refused(question: str) -> None:
    found = _timed(question)
    assert found is None, (question[:120], found and found.answer[:80])


def _largest_exponent(base: int) -> int:
    """The largest n with len(str(base**n)) <= MAX_RESULT_DIGITS, found with Python's ints."""
    n = int(MAX_RESULT_DIGITS / math.log10(base)) - 2
    while len(str(base ** (n + 1))) <= MAX_RESULT_DIGITS:
        n += 1
    return n


# ------------------------------------------------------------------------ the helpers


@pytest.mark.parametrize("base", [2, 3, 7, 12, 99, 10**30 + 7])
def test_power_digits_agree_with_the_printed_power(base: int) -> None:
    for exp in (0, 1, 5, 97, 130):  # (10^30 + 7)^130: 3,901 digits
        assert power_digits(base, exp) == len(str(base**exp))


def test_power_digits_of_a_huge_exponent_cost_nothing() -> None:
    start = time.process_time()
    assert power_digits(9, 10**12) > 10**11
    assert power_digits(1, 10**60) == 1
    assert power_digits(9, -(10**12)) == power_digits(9, 10**12)
    assert time.process_time() - start < 0.01


def test_too_large_is_a_value_error_past_the_bound() -> None:
    edge = _largest_exponent(3)
    require_power(3, edge)
    with pytest.raises(TooLarge):
        require_power(3, edge + 1)
    assert issubclass(TooLarge, ValueError)


def test_every_bound_is_in_the_documented_table() -> None:
    doc = bounds.__doc__ or ""
    names = [n for n in dir(bounds) if re.fullmatch(r"(?:MAX|READ)_[A-Z_]+", n)]
    assert len(names) >= 15
    for name in names:
        assert re.search(rf"^{name}\s", doc, re.M), f"{name} is not in the bounds table"


# ------------------------------------------------------------------------ the finding


FINDING = [
    "For the given GP [2, 6, 18, 54]. Find the value of a common ratio, 99999999th term "
    "value, sum upto 5th term",
    "The Quotient of 9^{999999999} and 9^{1} = 9^{999999999-1} = 9^{999999998}",
    "Fill in the blanks 2^{\\frac{1}{999999937}} _ 3^{\\frac{1}{999999929}}",
    "The Quotient of 3^{99999999} and 7^{99999999} = (3/7)^99999999 = ...",
    "The Quotient of 3^{99999999} and 7^{99999999} = (3/7)^99999999 = "
    "0.42857142857142855^{99999999}",
]


@pytest.mark.parametrize("question", FINDING, ids=lambda q: q[:30])
def test_the_finding_is_refused_at_once(question: str) -> None:
    _refused(question)


_HUGE = [10**6, 10**7, 10**12, 99999999]


@pytest.mark.parametrize("n", _HUGE)
@pytest.mark.parametrize(
    "terms", ["2, 6, 18, 54", "5, 10, 20, 40", "1, 12, 144, 1728", "3, -6, 12"]
)
def test_a_progression_term_far_out_is_refused(n: int, terms: str) -> None:
    _refused(
        f"For the given GP [{terms}]. Find the value of a common ratio, {n}th term value, "
        "sum upto 5th term"
    )
    _refused(
        f"For the given GP [{terms}]. Find the value of a common ratio, 7th term value, "
        f"sum upto {n}th term"
    )


@pytest.mark.parametrize("n", _HUGE)
def test_huge_exponents_are_refused_in_every_power_family(n: int) -> None:
    _refused(f"The Quotient of 9^{{{n}}} and 9^{{1}} = 9^{{{n}-1}} = 9^{{{n - 1}}}")
    _refused(f"The Quotient of 9^{{1}} and 9^{{{n}}} = 9^{{1-{n}}} = 9^{{{1 - n}}}")  # negative
    _refused(f"The Quotient of 3^{{{n}}} and 7^{{{n}}} = (3/7)^{n} = 0.42857142857142855^{{{n}}}")
    _refused(f"Fill in the blanks 2^{{\\frac{{1}}{{{n}}}}} _ 3^{{\\frac{{1}}{{{n + 1}}}}}")
    _refused(f"{7}^{{{n}}} =")
    _refused(f"Simplify: 1x^{{{n}}} for x = 3")
    _refused(f"Find the derivative of 1x^{{{n}}} at x = 3")


def test_a_paraphrased_power_past_the_bound_is_refused() -> None:
    _refused(
        "For the geometric progression 2, 6, 18, 54, find the common ratio, the 9999999th "
        "term and the sum of the first 5 terms."
    )
    _refused(
        "What is the 99999999th term of the GP 2, 6, 18, 54? Give the ratio and the sum "
        "of the first 5 terms too."
    )


# ------------------------------------------------------------------------ powers


def test_exponentiation_at_and_past_the_bound() -> None:
    edge = _largest_exponent(3)
    assert _answer(f"3^{edge} =") == str(3**edge)
    _refused(f"3^{edge + 1} =")
    edge = _largest_exponent(2)
    assert _answer(f"2^{{{edge}}} =") == str(2**edge)
    _refused(f"2^{{{edge + 1}}} =")


def test_geometric_progression_at_and_past_the_bound() -> None:
    edge = _largest_exponent(3)  # term n is 1·3^(n-1)
    question = (
        "For the given GP [1, 3, 9, 27]. Find the value of a common ratio, {n}th term value, "
        "sum upto 5th term"
    )
    got = _answer(question.format(n=edge + 1))
    assert f"{edge + 1}th term is {3**edge}," in got
    _refused(question.format(n=edge + 2))


def test_a_progression_read_from_a_paraphrase_stays_answerable_below_the_bound() -> None:
    got = _answer(
        "For the geometric progression 2, 6, 18, 54, find the common ratio, the 8000th term "
        "and the sum of the first 5 terms."
    )
    assert str(2 * 3**7999) in got


def test_quotient_of_powers_with_the_same_base_at_and_past_the_bound() -> None:
    edge = _largest_exponent(3)
    same = "The Quotient of 3^{{{p}}} and 3^{{{q}}} = 3^{{{p}-{q}}} = 3^{{{r}}}"
    assert _answer(same.format(p=edge + 1, q=1, r=edge)) == str(3**edge)
    _refused(same.format(p=edge + 2, q=1, r=edge + 1))
    # a negative difference beyond the generator's exponents (1..10): the plain value, not
    # the float's 0.0
    assert _close(_answer(same.format(p=1, q=edge + 1, r=-edge)), Fraction(1, 3**edge))
    _refused(same.format(p=1, q=edge + 2, r=-edge - 1))


def test_quotient_of_powers_with_the_same_power_at_and_past_the_bound() -> None:
    edge = _largest_exponent(7)  # the exact (3/7)^n has 7^n below the line
    same = "The Quotient of 3^{{{n}}} and 7^{{{n}}} = (3/7)^{n} = 0.42857142857142855^{{{n}}}"
    # beyond the generator's exponents (1..10): the plain value, not the float's 0.0
    assert _close(_answer(same.format(n=edge)), Fraction(3**edge, 7**edge))
    _refused(same.format(n=edge + 1))
    assert _answer(same.format(n=9)) == str((3 / 7) ** 9)


def test_surds_comparison_at_and_past_the_bound() -> None:
    edge = _largest_exponent(2)  # 2^(1/1) against 3^(1/edge): 2^edge against 3
    assert (
        _answer(f"Fill in the blanks 2^{{\\frac{{1}}{{1}}}} _ 3^{{\\frac{{1}}{{{edge}}}}}") == ">"
    )
    assert (
        _answer(f"Fill in the blanks 3^{{\\frac{{1}}{{{edge}}}}} _ 2^{{\\frac{{1}}{{1}}}}") == "<"
    )
    _refused(f"Fill in the blanks 2^{{\\frac{{1}}{{1}}}} _ 3^{{\\frac{{1}}{{{edge + 1}}}}}")
    # coprime degrees multiply: 5·7 = 35, so 2^7 against 3^5
    assert _answer("Fill in the blanks 2^{\\frac{1}{5}} _ 3^{\\frac{1}{7}}") == "<"


def test_polynomials_evaluated_at_a_point_at_and_past_the_bound() -> None:
    edge = _largest_exponent(2)
    assert _answer(f"Simplify: 1x^{{{edge}}} for x = 2") == str(2**edge)
    _refused(f"Simplify: 1x^{{{edge + 1}}} for x = 2")
    many = " + ".join(["1x^{1}"] * MAX_POLY_TERMS)
    assert _answer(f"Simplify: {many} for x = 2") == str(2 * MAX_POLY_TERMS)
    _refused(f"Simplify: {many} + 1x^{{1}} for x = 2")
    assert _answer("Find the derivative of 1x^{13000} at x = 2") == str(13000 * 2**12999)
    _refused("Find the derivative of 1x^{14000} at x = 2")


def test_logarithm_of_the_largest_admitted_number() -> None:
    assert _answer(f"log_{{2}}({2**196}) =") == "196"
    _refused(f"log_{{2}}({2**200}) =")  # 61 digits: not admitted at all


# ------------------------------------------------------------------------ counting


def test_factorial_at_and_past_the_bound() -> None:
    assert _answer(f"{MAX_FACTORIAL}! =") == str(math.factorial(MAX_FACTORIAL))
    _refused(f"{MAX_FACTORIAL + 1}! =")
    _refused("What is 99999999 factorial?")


def test_combinations_and_permutations_at_and_past_the_bound() -> None:
    n, k = MAX_CHOOSE_N, MAX_CHOOSE_N // 2
    combos = "Find the number of combinations from {n} objects picked {k} at a time."
    # beyond the generator's 10..20 objects: the exact count, not the float division's
    assert _answer(combos.format(n=n, k=k)) == str(math.comb(n, k))
    _refused(combos.format(n=n + 1, k=k))
    perms = "Number of Permutations from {n} objects picked 3 at a time is:"
    assert _answer(perms.format(n=n)) == str(math.perm(n, 3))
    _refused(perms.format(n=n + 1))


def test_dice_at_and_past_the_bound() -> None:
    dice = "If {d} dice are rolled at the same time, the probability of getting a sum of 35 ="
    got = _answer(dice.format(d=MAX_DICE))
    assert got.endswith(f"{{{6**MAX_DICE}}}")
    _refused(dice.format(d=MAX_DICE + 1))


def _close(answer: str, exact: Fraction) -> bool:
    """Whether a float-style answer ("1.96e-4000" too) is the exact value to 15 digits."""
    return abs(Decimal(answer) - Decimal(exact.numerator) / Decimal(exact.denominator)) <= abs(
        Decimal(exact.numerator) / Decimal(exact.denominator)
    ) * Decimal("1e-15")


def _fibonacci(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def test_fibonacci_and_tribonacci_at_and_past_the_bound() -> None:
    got = _answer(f"What is the {MAX_FIBONACCI_INDEX}th Fibonacci number?")
    # the generator's Binet floats drift from F(n); they keep its number of digits
    assert len(got) == len(str(_fibonacci(MAX_FIBONACCI_INDEX)))
    _refused(f"What is the {MAX_FIBONACCI_INDEX + 1}th Fibonacci number?")
    series = _answer(f"The Fibonacci Series of the first {MAX_SERIES_TERMS} numbers is ?")
    assert series.split(", ")[-1] == str(_fibonacci(MAX_SERIES_TERMS - 1))
    _refused(f"The Fibonacci Series of the first {MAX_SERIES_TERMS + 1} numbers is ?")
    assert _answer(f"What is the {MAX_TRIBONACCI_INDEX}th Tribonacci number?")
    _refused(f"What is the {MAX_TRIBONACCI_INDEX + 1}th Tribonacci number?")


# ------------------------------------------------------------------------ trial division


def test_primality_and_factors_at_and_past_the_bound() -> None:
    prime = 999999937  # the largest prime below 10^9
    assert prime <= MAX_TRIAL_DIVISION
    assert _answer(f"Is {prime} prime?") == "Yes"
    _refused(f"Is {MAX_TRIAL_DIVISION + 7} prime?")
    assert _answer(f"Find prime factors of {prime}") == str(prime)
    _refused(f"Find prime factors of {MAX_TRIAL_DIVISION + 7}")
    assert _answer(f"Is {MAX_TRIAL_DIVISION} composite?") == "Yes"
    _refused(f"Is {MAX_TRIAL_DIVISION + 1} composite?")
    got = _answer(f"Factors of {MAX_TRIAL_DIVISION} =")
    assert got.endswith(f", {MAX_TRIAL_DIVISION}]")
    _refused(f"Factors of {MAX_TRIAL_DIVISION + 1} =")
    big = MAX_TRIAL_DIVISION
    assert _answer(f"Common Factors of {big} and {big} =") == got
    _refused(f"Common Factors of {big + 1} and {big + 1} =")
    assert _answer(f"Simplify \\sqrt{{{prime}}}") == f"\\sqrt{{{prime}}}"
    _refused(f"Simplify \\sqrt{{{big + 1}}}")


def test_stationary_points_bound_the_discriminant() -> None:
    # f'(x) = 3x² + 2c·x + 1: the discriminant 4c² - 12 is split into k²·r by trial division
    inside, past = 15811, 15812
    assert 4 * inside**2 - 12 <= MAX_TRIAL_DIVISION < 4 * past**2 - 12
    got = _answer(f"f(x) = x^3 + {inside}*x^2 + x + 7")
    assert got.startswith(f"{{- \\frac{{{inside}}}{{3}} - ")
    _refused(f"f(x) = x^3 + {past}*x^2 + x + 7")
    _refused(f"f(x) = x^3 + {10**15}*x^2 + x + 7")  # trial division up to 10^15: hours


# ------------------------------------------------------------------------ sizes


def test_base_conversion_at_and_past_the_bound() -> None:
    digits = "F" * MAX_BASE_DIGITS
    assert _answer(f"Convert {digits} from base 16 to base 10.") == str(int(digits, 16))
    _refused(f"Convert {digits}F from base 16 to base 10.")


def _bmatrix(rows: list[list[int]]) -> str:
    body = " \\\\ ".join(" & ".join(map(str, row)) for row in rows)
    return f"\\begin{{bmatrix}} {body} \\end{{bmatrix}}"


def test_matrix_multiplication_at_and_past_the_bound() -> None:
    for n in (MAX_MATRIX_DIM, MAX_MATRIX_DIM + 1):
        a = [[(i * j) % 7 - 3 for j in range(n)] for i in range(n)]
        question = f"Multiply {_bmatrix(a)} and {_bmatrix(a)}"
        if n > MAX_MATRIX_DIM:
            _refused(question)
            continue
        product = [[sum(a[i][t] * a[t][j] for t in range(n)) for j in range(n)] for i in range(n)]
        assert _answer(question) == _bmatrix(product)


def test_matrix_inverse_at_and_past_the_bound() -> None:
    for n in (MAX_INVERSE_DIM, MAX_INVERSE_DIM + 1):
        rows = [[2 if i == j else 1 for j in range(n)] for i in range(n)]
        question = f"Inverse of Matrix {_bmatrix(rows)} is:"
        if n > MAX_INVERSE_DIM:
            _refused(question)
            continue
        # (I + J)^-1 = I - J/(n+1)
        inverse = [[Fraction(int(i == j)) - Fraction(1, n + 1) for j in range(n)] for i in range(n)]
        shown = [[str(v) for v in row] for row in inverse]
        body = " \\\\ ".join(" & ".join(row) for row in shown)
        assert _answer(question) == f"\\begin{{bmatrix}} {body} \\end{{bmatrix}}"


def test_means_bound_their_products_and_lists() -> None:
    # 60-digit numbers: the exact reciprocal sum's denominator grows by ~60 digits each
    fits = MAX_RESULT_DIGITS // 60
    values = [10**59 + i for i in range(fits + 1)]
    inside = ", ".join(map(str, values[:fits]))
    got = _answer(f"Harmonic mean of {fits} numbers {inside} =")
    # beyond the generator's 1..100: the true mean (the count over the reciprocal sum), not
    # its quirk of dividing the last number
    assert _close(got, fits / sum(Fraction(1, x) for x in values[:fits]))
    _refused(f"Harmonic mean of {fits + 1} numbers {', '.join(map(str, values))} =")
    _refused(f"Geometric mean of {fits + 1} numbers [{', '.join(map(str, values))}] =")
    ones = ", ".join(["1"] * MAX_ITEMS)
    assert _answer(f"Geometric mean of {MAX_ITEMS} numbers [{ones}] =") == "1.0"
    _refused(f"Geometric mean of {MAX_ITEMS + 1} numbers [{ones}, 1] =")


def test_data_lists_at_and_past_the_bound() -> None:
    data = ", ".join(["5"] * MAX_ITEMS)
    got = _answer(f"Find the mean, standard deviation and variance for the data {data}")
    assert got.startswith("The Mean is 5.0,")
    _refused(f"Find the mean, standard deviation and variance for the data {data}, 5")
