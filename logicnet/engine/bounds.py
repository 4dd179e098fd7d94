"""The engine's bounds: one table, and the checks that enforce it before anything is computed.

A question is text from the network, so every number in it is hostile until checked. The
engine answers mathgenerator 1.5.0's problems, whose operands are small (the defaults of
``mathgenerator/funcs/*/*.py``), and it refuses anything whose *work* or *result* an
operand can make large. Each check runs BEFORE the computation it guards, from the
operands alone (the digits of ``a ** n`` come from ``n * log10(a)``, not from computing
it), and raises ``TooLarge``: a ``ValueError``, which the core and the readers already
turn into "not recognised" (``solve`` returns None).

Admission (the text, before any recognizer runs):

===========================  ========  =========================================  ===============
bound                        value     largest generator value                    cost at bound
===========================  ========  =========================================  ===============
MAX_QUESTION_CHARS           12,000    a few hundred characters (matrix: ~1,200)  regexes, ~ms
MAX_NUMBER_DIGITS            60        gcd operands up to 10^9 (10 digits)        int(): ~1 us
MAX_DEPTH                    16        matrix brackets nest 2 deep                --
MAX_REPAIRS                  60        one inserted letter (docs/network.md §6b)  60 x recognizers
MAX_PARAPHRASE_CHARS         2,500     longest paraphrase seen under 1,000        ~40 ms reading
READ_CHARS                   2,000     (readers) longest paraphrase seen ~800     ~30 ms reading
READ_DIGITS                  30        (readers) same as MAX_NUMBER_DIGITS        --
READ_ITEMS                   200       (readers) a 10x10 matrix: 100 cells        --
===========================  ========  =========================================  ===============

Computation (every solver, whichever path rendered the question):

===========================  ========  =========================================  ===============
bound                        value     largest generator value                    cost at bound
===========================  ========  =========================================  ===============
MAX_RESULT_DIGITS            4,000     21 digits (F(100)); 20^10 exponentiation,  power + str()
                                       12·12^10 progression, 99^9 surds           ~0.3 ms
MAX_FACTORIAL                200       6! (factorial, maxInput=6)                 375 digits
MAX_CHOOSE_N                 170       n = 20 (combinations, permutation)         170!: 307 digits
MAX_TRIAL_DIVISION           10^9      1,000 (factors), 250 (is_composite),       31,623 trials,
                                       400 (a stationary_points discriminant)     ~4 ms
MAX_FIBONACCI_INDEX          1,000     n = 100 (nth_fibonacci_number)             1,000 additions
MAX_TRIBONACCI_INDEX         2,000     (upstream only; small n)                   2,000 additions
MAX_SERIES_TERMS             500       (fibonacci_series: placeholder or <= 20)   105-digit terms
MAX_BASE_DIGITS              64        16 binary digits (base_conversion, 60000)  ~10 us
MAX_MATRIX_DIM               12        10 (matrix_multiplication, max_dim=10)     1,728 products
MAX_INVERSE_DIM              6         3 (invert_matrix)                          ~3 ms Fractions
MAX_DICE                     10        3 (dice_sum_probability)                   360 DP steps
MAX_POLY_TERMS               20        10 terms (combine_like_terms)              20 powers
MAX_ITEMS                    500       40 (confidence_interval sample)            linear, ~1 ms
===========================  ========  =========================================  ===============

``MAX_RESULT_DIGITS`` covers every exact integer an operand can grow: powers (a
progression's n-th term and its sum, a quotient of powers, the powers that compare two
surds, a polynomial evaluated at x), products of many numbers (a geometric mean) and
the denominators of sums of fractions (a harmonic mean). The count comes from logarithms
and bit lengths: exact for a power, within one digit for a product. It stays below
CPython's 4,300-digit limit for ``str(int)``, so an answer that passes the check can
always be printed. Work that is linear in the text (sums, sorts, a list's statistics)
is bounded by ``MAX_QUESTION_CHARS`` and ``MAX_ITEMS``.

The readers (``logicnet.engine.readers``) never compute an answer: each renders the
question in the generator's wording and a family's solver answers it, so the same checks
guard both paths. Their ``READ_*`` caps are tighter and say what a reading may take as an
operand at all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from logicnet.engine.problem import Unreadable

__all__ = [
    "MAX_BASE_DIGITS",
    "MAX_CHOOSE_N",
    "MAX_DEPTH",
    "MAX_DICE",
    "MAX_FACTORIAL",
    "MAX_FIBONACCI_INDEX",
    "MAX_INVERSE_DIM",
    "MAX_ITEMS",
    "MAX_MATRIX_DIM",
    "MAX_NUMBER_DIGITS",
    "MAX_PARAPHRASE_CHARS",
    "MAX_POLY_TERMS",
    "MAX_QUESTION_CHARS",
    "MAX_REPAIRS",
    "MAX_RESULT_DIGITS",
    "MAX_SERIES_TERMS",
    "MAX_TRIAL_DIVISION",
    "MAX_TRIBONACCI_INDEX",
    "READ_CHARS",
    "READ_DIGITS",
    "READ_ITEMS",
    "TooLarge",
    "digits",
    "power_digits",
    "require",
    "require_at_most",
    "require_digits",
    "require_factorial",
    "require_power",
    "require_product",
    "require_reciprocal_sum",
    "require_trial_division",
]

# ----------------------------------------------------------------------------- admission

# A generator question is a few hundred characters (the largest, a 10x10 matrix product,
# ~1,200); every recognizer's pattern runs over the text, so 100 KB is refused unread.
MAX_QUESTION_CHARS = 12_000
# The generator's largest operands are gcd's (below 10^9); 60 digits is far beyond any of
# them and ``int()`` of it costs a microsecond.
MAX_NUMBER_DIGITS = 60
# Brackets nested deeper than any generator problem (a matrix nests 2).
MAX_DEPTH = 16
# Texts with one inserted letter undone, tried per question; each runs every recognizer.
MAX_REPAIRS = 60
# The longest persona paraphrase seen is under 1,000 characters and the largest matrix
# product under 1,200; reading costs ~16 ms of CPU per 1,000 characters.
MAX_PARAPHRASE_CHARS = 2500
# What a paraphrase reader reads at all (the cleaned text), and accepts as one operand or
# as one list or matrix. The longest paraphrase (two 20-element vectors and chatter) is ~800.
READ_CHARS = 2000
READ_DIGITS = 30
READ_ITEMS = 200

# --------------------------------------------------------------------------- computation

# Digits of any exact integer an operand makes grow (powers, products, terms, sums,
# denominators). The generator's largest has 21 (F(100)). A 4,000-digit power costs
# ~20 us and its ``str`` ~0.3 ms; CPython refuses ``str`` of ints above 4,300 digits.
MAX_RESULT_DIGITS = 4000
# factorial: the generator draws n <= 6; 200! has 375 digits and the working lists every
# factor of it.
MAX_FACTORIAL = 200
# combinations / permutation: the generator draws n <= 20 and divides factorials as
# floats, which overflow past 170!.
MAX_CHOOSE_N = 170
# Trial division (primality, prime factors, divisors, the square part of a number): the
# generator's numbers are below 1,000; 10^9 needs at most 31,623 trial divisors, ~4 ms.
MAX_TRIAL_DIVISION = 10**9
# nth_fibonacci_number draws n <= 100; F(1000) has 209 digits, and the generator's Binet
# floats overflow at n = 1,475.
MAX_FIBONACCI_INDEX = 1000
# nth_tribonacci_number (upstream only): T(2000) has ~530 digits, 2,000 additions.
MAX_TRIBONACCI_INDEX = 2000
# fibonacci_series: 1.5.0 prints a placeholder, upstream n <= 20; 500 terms of at most 105
# digits make a 27 KB answer.
MAX_SERIES_TERMS = 500
# base_conversion: the generator's numbers are below 60,000 (16 binary digits).
MAX_BASE_DIGITS = 64
# matrix_multiplication: max_dim=10; at 12 a product is 1,728 multiplications.
MAX_MATRIX_DIM = 12
# invert_matrix: 3x3; Gauss-Jordan over Fractions on 6x6 takes ~3 ms, on 12x12 ~20 ms.
MAX_INVERSE_DIM = 6
# dice_sum_probability: maxDice=3; 10 dice are 6^10 outcomes counted in 360 steps.
MAX_DICE = 10
# Terms of a polynomial evaluated at a point (combine_like_terms draws up to 10).
MAX_POLY_TERMS = 20
# Items of one list a solver takes (the largest generator list, a confidence interval's
# sample, has 40).
MAX_ITEMS = 500


class TooLarge(Unreadable):
    """An operand whose work or result would pass one of the engine's bounds."""


def require(ok: bool, what: str) -> None:
    """Raise ``TooLarge`` unless ``ok``; ``what`` names the bound for the message."""
    if not ok:
        raise TooLarge(what)


def require_at_most(value: int, bound: int, what: str) -> None:
    """``value <= bound``, or ``TooLarge``."""
    if value > bound:
        raise TooLarge(f"{what}: {value} > {bound}")


def digits(n: int) -> int:
    """Decimal digits of ``|n|`` (1 for 0), estimated from the bit length without ``str``.

    Exact to within one digit, which is all a bound needs; never below the true count.
    """
    bits = abs(n).bit_length()
    return max(1, math.ceil(bits * math.log10(2)))


def power_digits(base: int, exp: int) -> int:
    """Decimal digits of ``base ** |exp|``, by logarithms: ``floor(|exp| * log10(|base|)) + 1``.

    A negative exponent counts as its magnitude: an exact ``Fraction`` power (or its
    reciprocal) computes ``base ** |exp|``. Bases 0, 1 and -1 give one digit for any
    exponent; ``math.log10`` takes integers of any size.
    """
    magnitude = abs(base)
    if magnitude <= 1:
        return 1
    return math.floor(abs(exp) * math.log10(magnitude)) + 1


def require_digits(count: int, what: str) -> None:
    """An exact integer of ``count`` digits is within ``MAX_RESULT_DIGITS``."""
    if count > MAX_RESULT_DIGITS:
        raise TooLarge(f"{what}: {count} digits > {MAX_RESULT_DIGITS}")


def require_power(base: int, exp: int, factor: int = 1) -> None:
    """``factor * base ** exp`` (exact) has at most ``MAX_RESULT_DIGITS`` digits. A product
    has at most the sum of its factors' digits, so a factor other than 0 or ±1 may refuse a
    result one digit short of the bound."""
    extra = digits(factor) if abs(factor) > 1 else 0
    require_digits(power_digits(base, exp) + extra, f"{factor} * {base}^{exp}")


def require_product(values: Iterable[int]) -> None:
    """The product of ``values`` has at most ``MAX_RESULT_DIGITS`` digits (and there are at
    most ``MAX_ITEMS`` of them): the product has at most the sum of their digits."""
    items = list(values)
    require_at_most(len(items), MAX_ITEMS, "items")
    require_digits(sum(digits(v) for v in items), "product")


def require_reciprocal_sum(values: Iterable[int]) -> None:
    """``sum(Fraction(1, v))`` stays within bounds: its denominator divides the product."""
    require_product(values)


def require_factorial(n: int, bound: int = MAX_FACTORIAL) -> None:
    """``n!`` for ``0 <= n <= bound``."""
    require(n >= 0, "factorial of a negative number")
    require_at_most(n, bound, "factorial")


def require_trial_division(n: int) -> None:
    """Trial division of ``n`` up to its square root: ``1 <= n <= MAX_TRIAL_DIVISION``."""
    require(n >= 1, "trial division of a number below 1")
    require_at_most(n, MAX_TRIAL_DIVISION, "trial division")
