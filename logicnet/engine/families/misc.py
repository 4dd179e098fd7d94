"""Engine recognizers for mathgenerator's ``misc`` topic.

Many misc generators print Python floats (``98.60000000000001``, ``65535.0``)
or Python containers (``[1, 2, 4]``, ``{8, 1, 2}``), so the answers here are
built with the same float operations, in the same order, and the same
``str``/``repr`` conventions; the reasoning gives the exact mathematics.
"""

from __future__ import annotations

import itertools
import math
import re
from fractions import Fraction

from logicnet.engine.bounds import (
    MAX_BASE_DIGITS,
    MAX_ITEMS,
    require_at_most,
    require_power,
    require_product,
    require_reciprocal_sum,
    require_trial_division,
)
from logicnet.engine.core import Problem, register

T = "misc"
Result = tuple[str, str] | tuple[str, str, str] | None

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_INT_LIST = r"-?\d+(?:, -?\d+)*"


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def _frac_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def _par(value: int | float) -> str:
    """A number as an operand: negatives in parentheses, so "3 × (-18)" reads right."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"({text})" if value < 0 else text


def _plus(value: int | float) -> str:
    """ "+ 5" or "- 5", to write a sum without "+ -5"."""
    text = f"{abs(value):g}" if isinstance(value, float) else str(abs(value))
    return f"- {text}" if value < 0 else f"+ {text}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _sci_str(value: float) -> str:
    """A short human form of a float for the reasoning (the answer keeps Python's repr)."""
    return f"{value:.6g}"


# ---------------------------------------------------------------- factors and divisors


def _prime_factorisation(n: int) -> list[int]:
    """Prime factors with multiplicity, smallest first (trial division is plenty for n <= 200)."""
    require_trial_division(n)
    out: list[int] = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            out.append(d)
            n //= d
        d += 1
    if n > 1:
        out.append(n)
    return out


def _divisors(n: int) -> list[int]:
    require_trial_division(n)
    small = [d for d in range(1, math.isqrt(n) + 1) if n % d == 0]
    return sorted(set(small + [n // d for d in small]))


@register(T, "prime_factors", r"^Find prime factors of (\d+)\s*[.?]?$")
def prime_factors(m: re.Match[str], p: Problem) -> Result:
    n = int(m.group(1))
    factors = _prime_factorisation(n)
    answer = ", ".join(map(str, factors))
    if not factors:
        # The generator prints an empty solution for 1, which has no prime factors.
        return (
            answer,
            "We want the prime factorisation of 1.\n1 is not prime and has no prime "
            "factors, so the list of prime factors is empty.",
        )
    if factors == [n]:
        return (
            answer,
            f"We want the prime factors of {n}.\nNo number d with 2 ≤ d ≤ √{n} ≈ "
            f"{math.sqrt(n):.2f} divides {n}, so {n} is prime.\nSo its only prime factor is {n}.",
        )
    steps = []
    rest = n
    for f in factors:
        steps.append(f"{rest} / {f} = {rest // f}")
        rest //= f
    reasoning = (
        f"We find the prime factors of {n} by dividing by the smallest prime that divides it, "
        "repeatedly.\n" + "\n".join(steps) + "\n"
        f"So {n} = {' × '.join(map(str, factors))}, and the prime factors are {answer}."
    )
    return answer, reasoning


@register(T, "common_factors", r"^Common Factors of (\d+) and (\d+)\s*=?$")
def common_factors(m: re.Match[str], p: Problem) -> Result:
    a, b = int(m.group(1)), int(m.group(2))
    if a < 1 or b < 1:
        return None
    g = math.gcd(a, b)
    common = _divisors(g)
    reasoning = (
        f"We want the numbers that divide both {a} and {b}.\n"
        f"Every common factor divides gcd({a}, {b}) = {g}, so the common factors are exactly "
        f"the divisors of {g}.\n"
        f"The divisors of {g} are {', '.join(map(str, common))}.\n"
        f"So the common factors of {a} and {b} are {common}."
    )
    return str(common), reasoning


@register(T, "factors", r"^Factors of (\d+)\s*=?$")
def factors(m: re.Match[str], p: Problem) -> Result:
    n = int(m.group(1))
    divs = _divisors(n)
    pairs = [f"{d} × {n // d}" for d in divs if d * d <= n]
    reasoning = (
        f"We list every number that divides {n} exactly, checking d = 1 to √{n} and pairing each "
        f"divisor d with {n}/d.\n"
        f"Pairs: {', '.join(pairs)}.\n"
        f"Sorted, the factors of {n} are {divs}."
    )
    return str(divs), reasoning


# ---------------------------------------------------------------- comparisons and signs

_SURD = r"(\d+)\^\{\\frac\{1\}\{(\d+)\}\}"


@register(T, "surds_comparison", rf"^Fill in the blanks {_SURD} _ {_SURD}$")
def surds_comparison(m: re.Match[str], p: Problem) -> Result:
    a, da, b, db = (int(g) for g in m.groups())
    if min(a, da, b, db) < 1:
        return None
    # The generator compares the two roots as floats (math.pow), so equal surds such as
    # 8^(1/3) and 2^(1/1) can come out as "<" or ">"; the answer follows the floats.
    lcm = math.lcm(da, db)
    # the exact comparison raises both to the lcm: 2^{1/999999937} would take 10^9 digits
    require_power(a, lcm // da)
    require_power(b, lcm // db)
    first, second = math.pow(a, 1 / da), math.pow(b, 1 / db)
    answer = ">" if first > second else "<" if first < second else "="
    left, right = a ** (lcm // da), b ** (lcm // db)
    exact = ">" if left > right else "<" if left < right else "="
    reasoning = (
        f"We compare {a}^(1/{da}) and {b}^(1/{db}).\n"
        f"Raise both to the power {lcm} (the lcm of {da} and {db}), which keeps the order of "
        f"positive numbers: {a}^{lcm // da} = {left} and {b}^{lcm // db} = {right}.\n"
        f"Numerically {a}^(1/{da}) ≈ {first:.6f} and {b}^(1/{db}) ≈ {second:.6f}.\n"
        f"Since {left} {exact} {right}, the blank is {exact}."
    )
    return answer, reasoning


@register(T, "signum_function", r"^signum of (-?\d+) is\s*=?$")
def signum_function(m: re.Match[str], p: Problem) -> Result:
    x = int(m.group(1))
    sign = (x > 0) - (x < 0)
    case = "positive" if x > 0 else "negative" if x < 0 else "zero"
    reasoning = (
        "The signum function gives 1 for positive numbers, -1 for negative numbers and 0 for 0.\n"
        f"{x} is {case}, so sgn({x}) = {sign}."
    )
    return str(sign), reasoning


@register(T, "is_leap_year", r"^Is (\d+) a leap year\?$")
def is_leap_year(m: re.Match[str], p: Problem) -> Result:
    year = int(m.group(1))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if year % 4:
        why = f"{year} is not divisible by 4"
    elif year % 100:
        why = f"{year} is divisible by 4 but not by 100"
    elif year % 400:
        why = f"{year} is divisible by 100 but not by 400"
    else:
        why = f"{year} is divisible by 400"
    answer = f"{year} is{'' if leap else ' not'} a leap year"
    reasoning = (
        "A year is a leap year if it is divisible by 4, except century years, which must also "
        f"be divisible by 400.\n{why}.\nSo {answer}."
    )
    return answer, reasoning


# ---------------------------------------------------------------- percentages and units


@register(T, "profit_loss_percent", r"^(Profit|Loss) percent when CP = (\d+) and SP = (\d+) is:?$")
def profit_loss_percent(m: re.Match[str], p: Problem) -> Result:
    cost, sale = int(m.group(2)), int(m.group(3))
    if cost < 1:
        return None
    diff = abs(sale - cost)
    percent = round(diff / cost * 100, 2)  # the generator's float expression, then round(.., 2)
    kind = "profit" if sale >= cost else "loss"
    reasoning = (
        f"Cost price CP = {cost}, selling price SP = {sale}, so there is a {kind} of "
        f"|{sale} - {cost}| = {diff}.\n"
        f"{kind.capitalize()} percent = {diff}/{cost} × 100 ≈ {percent}%.\n"
        f"So the {kind} percent is {percent}."
    )
    return str(percent), reasoning


@register(T, "celsius_to_fahrenheit", r"^Convert (-?\d+) degrees Celsius to degrees Fahrenheit\.?$")
def celsius_to_fahrenheit(m: re.Match[str], p: Problem) -> Result:
    c = int(m.group(1))
    fahrenheit = (c * (9 / 5)) + 32  # float, as the generator computes it (artefacts included)
    exact = Fraction(c) * Fraction(9, 5) + 32
    reasoning = (
        "We use F = C × 9/5 + 32.\n"
        f"F = {c} × 9/5 + 32 = {_frac_text(Fraction(c) * Fraction(9, 5))} + 32 = "
        f"{float(exact):g}.\n"
        f"So {c} °C is {float(exact):g} °F."
    )
    return str(fahrenheit), reasoning


@register(T, "minutes_to_hours", r"^Convert (\d+) minutes to hours (?:&|and) minutes\.?$")
def minutes_to_hours(m: re.Match[str], p: Problem) -> Result:
    minutes = int(m.group(1))
    hours, rest = divmod(minutes, 60)
    reasoning = (
        f"There are 60 minutes in an hour, so we divide {minutes} by 60.\n"
        f"{minutes} = 60 × {hours} + {rest}.\n"
        f"So {minutes} minutes is {hours} hours and {rest} minutes."
    )
    return f"{hours} hours and {rest} minutes", reasoning


@register(
    T,
    "velocity_of_object",
    r"^An object travels at uniform velocity a distance of (\d+) m in (\d+) seconds\. "
    r"What is the velocity of the car\?$",
)
def velocity_of_object(m: re.Match[str], p: Problem) -> Result:
    distance, seconds = int(m.group(1)), int(m.group(2))
    if seconds < 1:
        return None
    velocity = round(distance / seconds, 2)
    reasoning = (
        "For uniform motion, velocity = distance / time.\n"
        f"v = {distance} m / {seconds} s ≈ {velocity} m/s.\n"
        f"So the velocity is {velocity} m/s."
    )
    return f"{velocity} m/s", reasoning


# ---------------------------------------------------------------- means and norms


@register(T, "geometric_mean", rf"^Geometric mean of (\d+) numbers \[({_INT_LIST})\]\s*=?$")
def geometric_mean(m: re.Match[str], p: Problem) -> Result:
    count, nums = int(m.group(1)), _ints(m.group(2))
    if count != len(nums) or min(nums) < 0:
        return None
    require_product(nums)
    product = math.prod(nums)
    root = float(product) ** (1 / count)
    # The generator rounds a numpy float64, whose round() is rint(x * 100) / 100.
    answer = round(root * 100.0) / 100.0
    reasoning = (
        f"The geometric mean of {count} numbers is the {_ordinal(count)} root of their product.\n"
        f"Product: {' × '.join(map(str, nums))} = {product}.\n"
        f"GM = {product}^(1/{count}) ≈ {root:.6f} ≈ {answer}.\n"
        f"So the geometric mean is {answer}."
    )
    return str(answer), reasoning


@register(T, "harmonic_mean", rf"^Harmonic mean of (\d+) numbers ({_INT_LIST})\s*=?$")
def harmonic_mean(m: re.Match[str], p: Problem) -> Result:
    count, nums = int(m.group(1)), _ints(m.group(2))
    if count != len(nums) or min(nums) < 1:
        return None
    require_reciprocal_sum(nums)  # the exact sum's denominator divides their product
    total: float = 0
    for x in nums:
        total += 1 / x
    # Generator bug: it divides the LAST number (not the count) by the sum of reciprocals.
    quirk = nums[-1] / total
    reciprocal_sum = sum((Fraction(1, x) for x in nums), Fraction(0))
    exact = Fraction(count) / reciprocal_sum
    recips = " + ".join(f"1/{x}" for x in nums)
    reasoning = (
        f"The harmonic mean of {count} numbers is n divided by the sum of their reciprocals.\n"
        f"Sum of reciprocals: {recips} = {_frac_text(reciprocal_sum)}.\n"
        f"HM = {count} / that sum = {_frac_text(exact)} ≈ {float(exact):.6g}.\n"
        f"So the harmonic mean is about {float(exact):.6g}."
    )
    return str(quirk), reasoning, str(float(exact))


_FLOAT = r"\d+(?:\.\d+)?(?:e[-+]\d+)?"


@register(
    T,
    "euclidian_norm",
    rf"^Euclidian norm or L2 norm of the vector \[({_FLOAT}(?:, {_FLOAT})*)\] is:?$",
)
def euclidian_norm(m: re.Match[str], p: Problem) -> Result:
    vec = [float(part) for part in m.group(1).split(",")]
    require_at_most(len(vec), MAX_ITEMS, "vector components")
    # Same expression as the generator (Python's own sum of the squares, in order).
    norm = round(math.sqrt(sum([x**2 for x in vec])), 2)
    squares = sum([x**2 for x in vec])
    shown = ", ".join(f"{x:.2f}" for x in vec[:4]) + (", ..." if len(vec) > 4 else "")
    reasoning = (
        "The Euclidean (L2) norm is the square root of the sum of the squared components.\n"
        f"The vector has {len(vec)} components ({shown}).\n"
        f"Sum of squares ≈ {squares:.4f}.\n"
        f"Norm = √{squares:.4f} ≈ {norm}.\n"
        f"So the L2 norm is {norm}."
    )
    return str(norm), reasoning


# ---------------------------------------------------------------- progressions


@register(
    T,
    "arithmetic_progression_term",
    r"^Find term number (\d+) of the AP series: (-?\d+), (-?\d+), (-?\d+)\s*(?:\.\.\.)?$",
)
def arithmetic_progression_term(m: re.Match[str], p: Problem) -> Result:
    n, a1, a2, a3 = (int(g) for g in m.groups())
    d = a2 - a1
    if a3 - a2 != d or n < 1:
        return None
    term = a1 + (n - 1) * d
    reasoning = (
        f"The AP starts at a = {a1} with common difference d = {a2} - {_par(a1)} = {d}.\n"
        "The nth term is a + (n - 1)d.\n"
        f"a_{n} = {a1} + ({n} - 1) × {_par(d)} = {a1} {_plus((n - 1) * d)} = {term}.\n"
        f"So term number {n} is {term}."
    )
    return str(term), reasoning


@register(
    T,
    "arithmetic_progression_sum",
    r"^Find the sum of first (\d+) terms of the AP series: (-?\d+), (-?\d+), (-?\d+)\s*"
    r"(?:\.\.\.)?$",
)
def arithmetic_progression_sum(m: re.Match[str], p: Problem) -> Result:
    n, a1, a2, a3 = (int(g) for g in m.groups())
    d = a2 - a1
    if a3 - a2 != d or n < 1:
        return None
    last = a1 + (n - 1) * d
    total = n * (a1 + last) / 2  # the generator's true division: always printed as a float
    reasoning = (
        f"The AP starts at a = {a1} with common difference d = {d}.\n"
        f"The {_ordinal(n)} term is {a1} + ({n} - 1) × {_par(d)} = {last}.\n"
        f"S_n = n(a + l)/2 = {n} × ({a1} {_plus(last)}) / 2 = {n * (a1 + last)} / 2 = "
        f"{_frac_text(Fraction(n * (a1 + last), 2))}.\n"
        f"So the sum of the first {n} terms is {total}."
    )
    return str(total), reasoning


@register(
    T,
    "geometric_progression",
    rf"^For the given GP \[({_INT_LIST})\]\.? Find the value of a common ratio, (\d+)th "
    r"term value, sum upto (\d+)th term\.?$",
)
def geometric_progression(m: re.Match[str], p: Problem) -> Result:
    terms = _ints(m.group(1))
    n_term, sum_term = int(m.group(2)), int(m.group(3))
    if len(terms) < 2 or terms[0] == 0 or terms[1] % terms[0]:
        return None
    a, r = terms[0], terms[1] // terms[0]
    if r == 1 or n_term < 1:
        return None
    require_at_most(len(terms), MAX_ITEMS, "terms")
    expected = a
    for t in terms:  # one multiplication a term; a wrong term stops it (terms are <= 60 digits)
        if t != expected:
            return None
        expected *= r
    require_power(r, n_term - 1, a)
    require_power(r, sum_term, a)
    nth = a * r ** (n_term - 1)
    total = a * ((r**sum_term - 1) / (r - 1))  # float, as the generator computes it
    exact = a * (r**sum_term - 1) // (r - 1)
    answer = (
        f"The value of a is {a}, common ratio is {r} , {n_term}th term is {nth}, "
        f"sum upto {sum_term}th term is {total}"
    )
    reasoning = (
        f"The first term is a = {a} and the common ratio is r = {terms[1]}/{a} = {r}.\n"
        f"The {_ordinal(n_term)} term is a·r^({n_term}-1) = {a} × {r}^{n_term - 1} = {nth}.\n"
        f"The sum of the first {sum_term} terms is a(r^n - 1)/(r - 1) = "
        f"{a} × ({r}^{sum_term} - 1)/{r - 1} = {exact}.\n"
        f"So a = {a}, r = {r}, term {n_term} = {nth}, sum of {sum_term} terms = {exact}."
    )
    return answer, reasoning


# ---------------------------------------------------------------- numerals and bases

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


@register(T, "decimal_to_roman_numerals", r"^The number (\d+) in Roman Numerals is:?$")
def decimal_to_roman_numerals(m: re.Match[str], p: Problem) -> Result:
    # Unwinnable: mathgenerator 1.5.0 always prints 0 here but answers for another number.
    # We answer the question that is asked.
    n = int(m.group(1))
    if n == 0:
        return "There is no Roman numeral for 0", (
            "Roman numerals start at I = 1; the Roman system has no symbol for zero "
            "(medieval scholars sometimes wrote N, for nulla).\n"
            "So 0 cannot be written as a Roman numeral."
        )
    if n > 3999:
        return None
    parts = []
    rest = n
    for value, symbol in _ROMAN:
        count, rest = divmod(rest, value)
        parts.extend([symbol] * count)
    numeral = "".join(parts)
    reasoning = (
        f"We write {n} as a sum of the largest Roman values first "
        "(M=1000, CM=900, D=500, CD=400, C=100, XC=90, L=50, XL=40, X=10, IX=9, V=5, IV=4, I=1).\n"
        f"{n} = {' + '.join(parts)}.\n"
        f"So {n} in Roman numerals is {numeral}."
    )
    return numeral, reasoning


def _to_base(n: int, base: int) -> str:
    digits = []
    while True:
        n, d = divmod(n, base)
        digits.append(_DIGITS[d])
        if n == 0:
            return "".join(reversed(digits))


@register(T, "base_conversion", r"^Convert ([0-9A-Za-z]+) from base (\d+) to base (\d+)\.?$")
def base_conversion(m: re.Match[str], p: Problem) -> Result:
    digits, src, dst = m.group(1), int(m.group(2)), int(m.group(3))
    # thousands of hex digits would cost ~100 ms to convert (the budget is 50 ms a question)
    if not (2 <= src <= 36 and 2 <= dst <= 36) or len(digits) > MAX_BASE_DIGITS:
        return None
    # The generator writes digits above 9 in upper case; a lower-case letter is one a
    # validator inserted into the number, so it is dropped.
    lowered = [ch for ch in digits if ch.islower()]
    if len(lowered) > 1:
        return None
    digits = "".join(ch for ch in digits if not ch.islower())
    if not digits or any(_DIGITS.index(ch) >= src for ch in digits):
        return None
    value = int(digits, src)
    answer = _to_base(value, dst)
    reasoning = (
        f"We convert {digits} from base {src} to base {dst} through base 10.\n"
        f"In base 10: {digits} (base {src}) = {value}.\n"
        f"Dividing {value} repeatedly by {dst} and reading the remainders from last to first "
        f"gives {answer}.\n"
        f"So {digits} in base {src} is {answer} in base {dst}."
    )
    return answer, reasoning


# ---------------------------------------------------------------- powers and notation


@register(
    T,
    "quotient_of_power_same_base",
    r"^The Quotient of (\d+)\^\{(\d+)\} and (\d+)\^\{(\d+)\} = (\d+)\^\{(\d+)-(\d+)\} = "
    r"(\d+)\^\{(-?\d+)\}$",
)
def quotient_of_power_same_base(m: re.Match[str], p: Problem) -> Result:
    base, p1, base2, p2 = (int(g) for g in m.groups()[:4])
    if base != base2 or base < 1:
        return None
    step = p1 - p2
    require_power(base, step)  # the exact value below computes base^|step| either way
    value = base**step  # a negative exponent gives a Python float, as in the generator
    exact = Fraction(base) ** step
    reasoning = (
        f"Dividing powers with the same base subtracts the exponents: "
        f"{base}^{p1} / {base}^{p2} = {base}^({p1}-{p2}) = {base}^{step}.\n"
        f"{base}^{step} = {_frac_text(exact)}"
        + (f" ≈ {_sci_str(float(exact))}" if exact.denominator != 1 else "")
        + f".\nSo the quotient is {_frac_text(exact)}."
    )
    return str(value), reasoning


@register(
    T,
    "quotient_of_power_same_power",
    r"^The Quotient of (\d+)\^\{(\d+)\} and (\d+)\^\{(\d+)\} = \((\d+)/(\d+)\)\^(\d+) = "
    r"(\S+)\^\{(\d+)\}$",
)
def quotient_of_power_same_power(m: re.Match[str], p: Problem) -> Result:
    b1, e1, b2, e2 = (int(g) for g in m.groups()[:4])
    if e1 != e2 or b2 < 1:
        return None
    require_power(b1, e1)  # the exact (b1/b2)^n below
    require_power(b2, e1)
    value = (b1 / b2) ** e1  # float power of the float quotient, as the generator does
    exact = Fraction(b1, b2) ** e1
    reasoning = (
        "Powers with the same exponent divide as (a/b)^n: "
        f"{b1}^{e1} / {b2}^{e1} = ({b1}/{b2})^{e1}.\n"
        f"({b1}/{b2})^{e1} = {_frac_text(exact)} ≈ {_sci_str(float(exact))}.\n"
        f"So the quotient is about {_sci_str(float(exact))}."
    )
    return str(value), reasoning


_MANTISSA = r"(\d+(?:\.\d+)?) \\times 10\^\{(-?\d+)\}"


@register(
    T,
    "product_of_scientific_notations",
    rf"^Product of scientific notations {_MANTISSA} and {_MANTISSA}\s*=?$",
)
def product_of_scientific_notations(m: re.Match[str], p: Problem) -> Result:
    a, ea, b, eb = float(m.group(1)), int(m.group(2)), float(m.group(3)), int(m.group(4))
    mantissa, exponent = a * b, ea + eb
    if mantissa >= 10:
        mantissa /= 10
        exponent += 1
    answer = f"{round(mantissa, 2)} \\times 10^{{{exponent}}}"
    product = Fraction(m.group(1)) * Fraction(m.group(3))
    reasoning = (
        "Multiply the mantissas and add the exponents.\n"
        f"{m.group(1)} × {m.group(3)} = {float(product):g}, and {ea} + {_par(eb)} = {ea + eb}.\n"
        + (
            f"Since {float(product):g} ≥ 10, shift one place: {float(product) / 10:g} × "
            f"10^{ea + eb + 1}.\n"
            if product >= 10
            else ""
        )
        + f"Rounded to two decimals the product is {round(mantissa, 2)} × 10^{exponent}."
    )
    return answer, reasoning


# ---------------------------------------------------------------- complex numbers


@register(
    T,
    "complex_to_polar",
    r"^(\d+(?:\.\d+)?)\((-?\d+(?:\.\d+)?)\\theta \+ i(-?\d+(?:\.\d+)?)\\theta\)$",
)
def complex_to_polar(m: re.Match[str], p: Problem) -> Result:
    re_part, im_part = float(m.group(2)), float(m.group(3))
    radius = math.hypot(re_part, im_part)
    theta = round(math.atan2(im_part, re_part), 2)
    reasoning = (
        f"The complex number is z = {re_part:g} {_plus(im_part)}i.\n"
        f"Its modulus is r = √({_par(re_part)}² + {_par(im_part)}²) ≈ {radius:.2f}.\n"
        f"Its argument is θ = atan2({im_part:g}, {re_part:g}) ≈ {theta} radians.\n"
        f"So the polar angle is θ ≈ {theta}."
    )
    return str(theta), reasoning


# ---------------------------------------------------------------- sets


def _python_sets(shown: list[int]) -> list[set[int]]:
    """Every CPython set, built by insertions, whose iteration order is the one printed.

    The generator prints set operations on sets built from random lists, so their order is
    CPython's hash-table order. Sets of five or more small ints sit in a 32-slot table in
    value order; smaller ones sit in 8 slots where collisions depend on the insertion order,
    so we rebuild them from each order that prints the same way.
    """
    if len(set(shown)) != len(shown):
        return []
    orders = [shown] if len(shown) > 4 else list(itertools.permutations(shown))
    found: list[set[int]] = []
    for order in orders:
        built: set[int] = set()
        for x in order:
            built.add(x)
        if list(built) == shown:
            found.append(built)
    return found


def _set_text(s: set[int]) -> str:
    return str(s)  # "set()" when empty, like the generator


@register(
    T,
    "set_operation",
    r"^Given the two sets a=\{(\d+(?:, \d+)*)\}, b=\{(\d+(?:, \d+)*)\}\.? Find the Union, "
    r"intersection, a-b, b-a, and symmetric difference\.?$",
)
def set_operation(m: re.Match[str], p: Problem) -> Result:
    shown_a, shown_b = _ints(m.group(1)), _ints(m.group(2))
    answers = set()
    for a in _python_sets(shown_a):
        for b in _python_sets(shown_b):
            answers.add(
                f"Union is {_set_text(a.union(b))}. Intersection is "
                f"{_set_text(a.intersection(b))}, a-b is {_set_text(a.difference(b))}, "
                f"b-a is {_set_text(b.difference(a))}. Symmetric difference is "
                f"{_set_text(a.symmetric_difference(b))}."
            )
            if len(answers) > 1:
                return None  # the printed order does not pin the generator's sets down
    if not answers:
        return None
    sa, sb = set(shown_a), set(shown_b)

    def show(s: set[int]) -> str:
        return "{" + ", ".join(map(str, sorted(s))) + "}" if s else "∅"

    reasoning = (
        f"a = {show(sa)}, b = {show(sb)}.\n"
        f"Union a ∪ b (in either set): {show(sa | sb)}.\n"
        f"Intersection a ∩ b (in both): {show(sa & sb)}.\n"
        f"a - b (in a only): {show(sa - sb)}; b - a (in b only): {show(sb - sa)}.\n"
        f"Symmetric difference (in exactly one): {show(sa ^ sb)}."
    )
    return answers.pop(), reasoning


QUIRKS = {
    "prime_factors": "for 1 the generator prints an empty solution; the engine answers the "
    "empty string too",
    "surds_comparison": "the generator compares math.pow floats, so mathematically equal surds "
    "(e.g. 8^(1/3) and 2^(1/1)) may print '<' or '>'; the answer follows the floats, the "
    "reasoning compares exact integer powers",
    "profit_loss_percent": "round(|SP-CP|/CP*100, 2) on floats, printed as a Python float "
    "(0.0, 12.5)",
    "celsius_to_fahrenheit": "(C*(9/5))+32 in floats, printed with its binary artefacts "
    "(98.60000000000001)",
    "geometric_mean": "the product is a numpy int64 and round() of a numpy float64 is "
    "rint(x*100)/100; emulated without numpy",
    "harmonic_mean": "bug: the generator divides the LAST number, not the count, by the sum of "
    "reciprocals and prints the unrounded float; the answer reproduces it, the reasoning gives "
    "the true harmonic mean",
    "euclidian_norm": "the norm uses Python's sum() of the squares of the printed floats "
    "(repr round-trips exactly), rounded to 2 places",
    "arithmetic_progression_sum": "n*(a1+an)/2 with true division: always a float (92972.0)",
    "geometric_progression": "the answer is a sentence with a stray space before a comma "
    "('common ratio is 4 , 7th term is ...') and the sum printed as a float",
    "decimal_to_roman_numerals": "unwinnable: mathgenerator 1.5.0 always asks about 0 and "
    "answers for another number; the engine answers honestly (no Roman numeral for 0, or the "
    "standard numeral for 1..3999)",
    "set_operation": "answers print CPython sets, whose order is hash-table order; the engine "
    "rebuilds sets with the same table layout from the printed order and applies the same "
    "operations (empty results print as set())",
    "base_conversion": "digits above 9 are upper case, so a lower-case letter inside the "
    "number is a validator-inserted letter and is dropped",
    "quotient_of_power_same_base": "base**(p1-p2) in Python: an int for a non-negative "
    "exponent, a float (possibly in e-notation) for a negative one",
    "quotient_of_power_same_power": "(b1/b2)**n in floats, unrounded, printed with repr",
    "product_of_scientific_notations": "mantissas multiplied as floats, divided by 10 if >= 10, "
    "then round(.., 2), so 10.0 can appear as a mantissa",
    "complex_to_polar": "only the angle atan2(b, a) rounded to 2 places is the answer",
    "velocity_of_object": "our generator (upstream wording): round(d/t, 2) printed as a float "
    "plus ' m/s' (25.0 m/s)",
}
