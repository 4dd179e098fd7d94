"""Engine recognizers and solvers for mathgenerator's ``misc`` topic.

Each subtopic's problem is a frozen dataclass of its operands (``PrimeFactors``,
``SurdsComparison``, ``GeometricProgression``, ...): the generator's sentence parses into
one and so do the paraphrase readers (``readers.misc``, ``readers.misc_sequences``). Its
``__post_init__`` checks the subtopic's rules and the engine's bounds (``bounds.py``).

Many misc generators print Python floats (``98.60000000000001``, ``65535.0``)
or Python containers (``[1, 2, 4]``, ``{8, 1, 2}``), so the answers here are
built with the same float operations, in the same order, and the same
``str``/``repr`` conventions; the reasoning gives the exact mathematics. Where a
generator prints a float operand (a vector's components, a mantissa, a complex number's
parts) the problem keeps the numeral as written: its value is the float it spells, and
the working shows it as given.
"""

from __future__ import annotations

import itertools
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, localcontext
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
from logicnet.engine.families.basic_math import decimal_text
from logicnet.engine.problem import Solution, Unreadable, drawn, solves

__all__ = [
    "QUIRKS",
    "ArithmeticProgressionSum",
    "ArithmeticProgressionTerm",
    "BaseConversion",
    "CelsiusToFahrenheit",
    "CommonFactors",
    "ComplexToPolar",
    "DecimalToRomanNumerals",
    "EuclidianNorm",
    "Factors",
    "GeometricMean",
    "GeometricProgression",
    "HarmonicMean",
    "IsLeapYear",
    "MinutesToHours",
    "PrimeFactors",
    "ProductOfScientificNotations",
    "ProfitLossPercent",
    "QuotientOfPowerSameBase",
    "QuotientOfPowerSamePower",
    "SetOperation",
    "SignumFunction",
    "SurdsComparison",
    "VelocityOfObject",
]

T = "misc"

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_INT_LIST = r"-?\d+(?:, -?\d+)*"


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(","))


def _numeral(text: str, pattern: str, what: str) -> None:
    """``text`` is a decimal numeral of ``pattern``'s shape, or ``Unreadable``."""
    if not re.fullmatch(pattern, text, re.I):
        raise Unreadable(f"not a {what}: {text[:40]!r}")


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


def _sci_text(value: Fraction) -> str:
    """``_sci_str`` of an exact value, also one beyond the float range."""
    number = float(value) if abs(value) < 10**300 else math.inf
    if number != 0 and abs(number) >= sys.float_info.min and math.isfinite(number):
        return _sci_str(number)
    if value == 0:
        return "0"
    return _e_notation(value, 6)


def _e_notation(value: Fraction, digits: int) -> str:
    """A non-zero ``value`` to ``digits`` significant digits in e-notation ("1.96e-4000"),
    trailing zeros dropped, at any size (no float in between)."""
    with localcontext() as ctx:
        ctx.prec = digits
        shown = Decimal(value.numerator) / Decimal(value.denominator)
    mantissa, exponent = f"{shown:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent):+03d}"


def _exact_decimal(value: Fraction) -> str:
    """A terminating fraction written out in full with at least one decimal place, as
    Python prints a float ("92972.0", "-12.5"), for values a float cannot hold exactly."""
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        raise ArithmeticError("not a terminating decimal")  # the loop below would not end
    places = 1
    while (value * 10**places).denominator != 1:
        places += 1
    return decimal_text(value, places)


def _float_text(value: Fraction) -> str:
    """``value`` in Python's float style (17 significant digits, e-notation), also beyond
    the float range where a float would overflow or underflow."""
    return "0.0" if value == 0 else _e_notation(value, 17)


def _float_faithful(value: float, exact: Fraction) -> bool:
    """Whether the float ``value`` stands for ``exact`` (it did not underflow to 0 or to a
    subnormal, which keeps few significant digits)."""
    return exact == 0 or abs(value) >= sys.float_info.min


# ---------------------------------------------------------------- factors and divisors


def _prime_factorisation(n: int) -> list[int]:
    """Prime factors with multiplicity, smallest first (trial division, bounded by the
    problem's ``require_trial_division``)."""
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
    small = [d for d in range(1, math.isqrt(n) + 1) if n % d == 0]
    return sorted(set(small + [n // d for d in small]))


@dataclass(frozen=True)
class PrimeFactors:
    """The prime factors of ``n``, with multiplicity."""

    n: int

    def __post_init__(self) -> None:
        require_trial_division(self.n)

    def wording(self) -> str:
        return f"Find prime factors of {self.n}"


@register(T, "prime_factors", r"^Find prime factors of (\d+)\s*[.?]?$")
def _prime_factors(m: re.Match[str], p: Problem) -> PrimeFactors:
    return PrimeFactors(int(m.group(1)))


@solves(
    T,
    "prime_factors",
    PrimeFactors,
    goal="find the prime factors of the number",
    drawn=drawn(n=(1, 200)),
)
def prime_factors(q: PrimeFactors) -> Solution:
    n = q.n
    factors = _prime_factorisation(n)
    answer = ", ".join(map(str, factors))
    if not factors:
        # The generator prints an empty solution for 1, which has no prime factors.
        return Solution(
            answer,
            "We want the prime factorisation of 1.\n1 is not prime and has no prime "
            "factors, so the list of prime factors is empty.",
        )
    if factors == [n]:
        return Solution(
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
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class CommonFactors:
    """The numbers that divide both ``a`` and ``b``."""

    a: int
    b: int

    def __post_init__(self) -> None:
        if self.a < 1 or self.b < 1:
            raise Unreadable("common factors of a number below 1")
        require_trial_division(math.gcd(self.a, self.b))  # the divisors of the gcd

    def wording(self) -> str:
        return f"Common Factors of {self.a} and {self.b} ="


@register(T, "common_factors", r"^Common Factors of (\d+) and (\d+)\s*=?$")
def _common_factors(m: re.Match[str], p: Problem) -> CommonFactors:
    return CommonFactors(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "common_factors",
    CommonFactors,
    goal="find the common factors of the two numbers",
    drawn=drawn(a=(1, 100), b=(1, 100)),
)
def common_factors(q: CommonFactors) -> Solution:
    a, b = q.a, q.b
    g = math.gcd(a, b)
    common = _divisors(g)
    reasoning = (
        f"We want the numbers that divide both {a} and {b}.\n"
        f"Every common factor divides gcd({a}, {b}) = {g}, so the common factors are exactly "
        f"the divisors of {g}.\n"
        f"The divisors of {g} are {', '.join(map(str, common))}.\n"
        f"So the common factors of {a} and {b} are {common}."
    )
    return Solution(str(common), reasoning)


@dataclass(frozen=True)
class Factors:
    """Every divisor of ``n``."""

    n: int

    def __post_init__(self) -> None:
        require_trial_division(self.n)

    def wording(self) -> str:
        return f"Factors of {self.n} ="


@register(T, "factors", r"^Factors of (\d+)\s*=?$")
def _factors(m: re.Match[str], p: Problem) -> Factors:
    return Factors(int(m.group(1)))


@solves(T, "factors", Factors, goal="find all the factors of the number", drawn=drawn(n=(1, 1000)))
def factors(q: Factors) -> Solution:
    n = q.n
    divs = _divisors(n)
    pairs = [f"{d} × {n // d}" for d in divs if d * d <= n]
    reasoning = (
        f"We list every number that divides {n} exactly, checking d = 1 to √{n} and pairing each "
        f"divisor d with {n}/d.\n"
        f"Pairs: {', '.join(pairs)}.\n"
        f"Sorted, the factors of {n} are {divs}."
    )
    return Solution(str(divs), reasoning)


# ---------------------------------------------------------------- comparisons and signs

_SURD = r"(\d+)\^\{\\frac\{1\}\{(\d+)\}\}"


@dataclass(frozen=True)
class SurdsComparison:
    """The sign between ``a^(1/da)`` and ``b^(1/db)``."""

    a: int
    da: int
    b: int
    db: int

    def __post_init__(self) -> None:
        if min(self.a, self.da, self.b, self.db) < 1:
            raise Unreadable("a surd of a number or an index below 1")
        lcm = math.lcm(self.da, self.db)
        # the exact comparison raises both to the lcm: 2^{1/999999937} would take 10^9 digits
        require_power(self.a, lcm // self.da)
        require_power(self.b, lcm // self.db)

    def wording(self) -> str:
        a, da, b, db = self.a, self.da, self.b, self.db
        return f"Fill in the blanks {a}^{{\\frac{{1}}{{{da}}}}} _ {b}^{{\\frac{{1}}{{{db}}}}}"


@register(T, "surds_comparison", rf"^Fill in the blanks {_SURD} _ {_SURD}$")
def _surds_comparison(m: re.Match[str], p: Problem) -> SurdsComparison:
    a, da, b, db = (int(g) for g in m.groups())
    return SurdsComparison(a, da, b, db)


@solves(
    T,
    "surds_comparison",
    SurdsComparison,
    goal="compare the two surds",
    # two different radicands from 1..99 and two different indices from 1..9
    drawn=drawn(
        a=(1, 99),
        b=(1, 99),
        da=(1, 9),
        db=(1, 9),
        rules={"a != b": lambda q: q.a != q.b, "da != db": lambda q: q.da != q.db},
    ),
)
def surds_comparison(q: SurdsComparison) -> Solution:
    a, da, b, db = q.a, q.da, q.b, q.db
    # The generator compares the two roots as floats (math.pow), so equal surds such as
    # 8^(1/3) and 2^(1/1) can come out as "<" or ">"; the answer follows the floats.
    lcm = math.lcm(da, db)
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
    return Solution(answer, reasoning, exact)


@dataclass(frozen=True)
class SignumFunction:
    """``sgn(x)``."""

    x: int

    def wording(self) -> str:
        return f"signum of {self.x} is ="


@register(T, "signum_function", r"^signum of (-?\d+) is\s*=?$")
def _signum_function(m: re.Match[str], p: Problem) -> SignumFunction:
    return SignumFunction(int(m.group(1)))


@solves(
    T,
    "signum_function",
    SignumFunction,
    goal="find the signum of the number",
    drawn=drawn(x=(-999, 999)),
)
def signum_function(q: SignumFunction) -> Solution:
    x = q.x
    sign = (x > 0) - (x < 0)
    case = "positive" if x > 0 else "negative" if x < 0 else "zero"
    reasoning = (
        "The signum function gives 1 for positive numbers, -1 for negative numbers and 0 for 0.\n"
        f"{x} is {case}, so sgn({x}) = {sign}."
    )
    return Solution(str(sign), reasoning)


@dataclass(frozen=True)
class IsLeapYear:
    """Whether ``year`` is a Gregorian leap year."""

    year: int

    def wording(self) -> str:
        return f"Is {self.year} a leap year?"


@register(T, "is_leap_year", r"^Is (\d+) a leap year\?$")
def _is_leap_year(m: re.Match[str], p: Problem) -> IsLeapYear:
    return IsLeapYear(int(m.group(1)))


@solves(
    T,
    "is_leap_year",
    IsLeapYear,
    goal="determine whether the year is a leap year",
    drawn=drawn(year=(1900, 2099)),
)
def is_leap_year(q: IsLeapYear) -> Solution:
    year = q.year
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
    return Solution(answer, reasoning)


# ---------------------------------------------------------------- percentages and units


@dataclass(frozen=True)
class ProfitLossPercent:
    """The profit or loss percent of selling at ``sale`` what cost ``cost``; the side
    (profit or loss) is the one the numbers are on, as the generator names it."""

    cost: int
    sale: int

    def __post_init__(self) -> None:
        if self.cost < 1 or self.sale < 0:
            raise Unreadable("a cost price below 1 or a negative selling price")

    def wording(self) -> str:
        kind = "Profit" if self.sale >= self.cost else "Loss"
        return f"{kind} percent when CP = {self.cost} and SP = {self.sale} is:"


@register(T, "profit_loss_percent", r"^(Profit|Loss) percent when CP = (\d+) and SP = (\d+) is:?$")
def _profit_loss_percent(m: re.Match[str], p: Problem) -> ProfitLossPercent:
    return ProfitLossPercent(int(m.group(2)), int(m.group(3)))


@solves(
    T,
    "profit_loss_percent",
    ProfitLossPercent,
    goal="find the profit or loss percentage",
    drawn=drawn(cost=(1, 1000), sale=(1, 1000)),
)
def profit_loss_percent(q: ProfitLossPercent) -> Solution:
    cost, sale = q.cost, q.sale
    diff = abs(sale - cost)
    percent = round(diff / cost * 100, 2)  # the generator's float expression, then round(.., 2)
    kind = "profit" if sale >= cost else "loss"
    reasoning = (
        f"Cost price CP = {cost}, selling price SP = {sale}, so there is a {kind} of "
        f"|{sale} - {cost}| = {diff}.\n"
        f"{kind.capitalize()} percent = {diff}/{cost} × 100 ≈ {percent}%.\n"
        f"So the {kind} percent is {percent}."
    )
    return Solution(str(percent), reasoning)


@dataclass(frozen=True)
class CelsiusToFahrenheit:
    """``celsius`` °C in °F."""

    celsius: int

    def wording(self) -> str:
        return f"Convert {self.celsius} degrees Celsius to degrees Fahrenheit"


@register(T, "celsius_to_fahrenheit", r"^Convert (-?\d+) degrees Celsius to degrees Fahrenheit\.?$")
def _celsius_to_fahrenheit(m: re.Match[str], p: Problem) -> CelsiusToFahrenheit:
    return CelsiusToFahrenheit(int(m.group(1)))


@solves(
    T,
    "celsius_to_fahrenheit",
    CelsiusToFahrenheit,
    goal="convert the temperature from Celsius to Fahrenheit",
    drawn=drawn(celsius=(-50, 100)),
)
def celsius_to_fahrenheit(q: CelsiusToFahrenheit) -> Solution:
    c = q.celsius
    fahrenheit = (c * (9 / 5)) + 32  # float, as the generator computes it (artefacts included)
    exact = Fraction(c) * Fraction(9, 5) + 32
    reasoning = (
        "We use F = C × 9/5 + 32.\n"
        f"F = {c} × 9/5 + 32 = {_frac_text(Fraction(c) * Fraction(9, 5))} + 32 = "
        f"{float(exact):g}.\n"
        f"So {c} °C is {float(exact):g} °F."
    )
    # for huge temperatures the float loses digits of the exact (9C + 160)/5
    plain = _exact_decimal(exact) if abs(c) > 10**12 else ""
    return Solution(str(fahrenheit), reasoning, plain)


@dataclass(frozen=True)
class MinutesToHours:
    """``minutes`` as hours and minutes."""

    minutes: int

    def wording(self) -> str:
        return f"Convert {self.minutes} minutes to hours & minutes"


@register(T, "minutes_to_hours", r"^Convert (\d+) minutes to hours (?:&|and) minutes\.?$")
def _minutes_to_hours(m: re.Match[str], p: Problem) -> MinutesToHours:
    return MinutesToHours(int(m.group(1)))


@solves(
    T,
    "minutes_to_hours",
    MinutesToHours,
    goal="convert the minutes to hours and minutes",
    drawn=drawn(minutes=(1, 999)),
)
def minutes_to_hours(q: MinutesToHours) -> Solution:
    minutes = q.minutes
    hours, rest = divmod(minutes, 60)
    reasoning = (
        f"There are 60 minutes in an hour, so we divide {minutes} by 60.\n"
        f"{minutes} = 60 × {hours} + {rest}.\n"
        f"So {minutes} minutes is {hours} hours and {rest} minutes."
    )
    return Solution(f"{hours} hours and {rest} minutes", reasoning)


@dataclass(frozen=True)
class VelocityOfObject:
    """The uniform velocity covering ``distance`` metres in ``seconds``."""

    distance: int
    seconds: int

    def __post_init__(self) -> None:
        if self.seconds < 1:
            raise Unreadable("a time below 1 second")

    def wording(self) -> str:
        return (
            f"An object travels at uniform velocity a distance of {self.distance} m in "
            f"{self.seconds} seconds. What is the velocity of the car?"
        )


@register(
    T,
    "velocity_of_object",
    r"^An object travels at uniform velocity a distance of (\d+) m in (\d+) seconds\. "
    r"What is the velocity of the car\?$",
)
def _velocity_of_object(m: re.Match[str], p: Problem) -> VelocityOfObject:
    return VelocityOfObject(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "velocity_of_object",
    VelocityOfObject,
    goal="find the velocity of the object",
    drawn=drawn(distance=(1, 1000), seconds=(1, 100)),  # our port of the upstream generator
)
def velocity_of_object(q: VelocityOfObject) -> Solution:
    distance, seconds = q.distance, q.seconds
    velocity = round(distance / seconds, 2)
    reasoning = (
        "For uniform motion, velocity = distance / time.\n"
        f"v = {distance} m / {seconds} s ≈ {velocity} m/s.\n"
        f"So the velocity is {velocity} m/s."
    )
    return Solution(f"{velocity} m/s", reasoning)


# ---------------------------------------------------------------- means and norms


@dataclass(frozen=True)
class GeometricMean:
    """The geometric mean of ``nums`` (non-negative integers)."""

    nums: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.nums or min(self.nums) < 0:
            raise Unreadable("a geometric mean of no numbers or of a negative one")
        require_product(self.nums)

    def wording(self) -> str:
        return f"Geometric mean of {len(self.nums)} numbers [{', '.join(map(str, self.nums))}] ="


@register(T, "geometric_mean", rf"^Geometric mean of (\d+) numbers \[({_INT_LIST})\]\s*=?$")
def _geometric_mean(m: re.Match[str], p: Problem) -> GeometricMean | None:
    count, nums = int(m.group(1)), _ints(m.group(2))
    return GeometricMean(nums) if count == len(nums) else None


def _integer_root(n: int, k: int) -> int:
    """The largest x with x^k <= n (Newton's method on integers)."""
    if n < 2:
        return n
    x = 1 << -(-n.bit_length() // k)  # above the root
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            return x
        x = y


def _root_to_cents(product: int, count: int) -> str:
    """``product ** (1/count)`` rounded to 2 places in exact integer arithmetic, written
    as Python prints the rounded float ("4.0", "12.25"), for products a float cannot hold."""
    cents = _integer_root(product * 100**count, count)
    if (2 * cents + 1) ** count <= product * 200**count:  # at or past the half cent
        cents += 1
    return _exact_decimal(Fraction(cents, 100))


@solves(
    T,
    "geometric_mean",
    GeometricMean,
    goal="find the geometric mean of the numbers",
    drawn=drawn(nums=(1, 100), lengths={"nums": (2, 4)}),
)
def geometric_mean(q: GeometricMean) -> Solution:
    nums = q.nums
    count = len(nums)
    product = math.prod(nums)
    if product > 2**53:
        # a float cannot hold the product (or the root to 2 places): decimal arithmetic
        shown = _root_to_cents(product, count)
        reasoning = (
            f"The geometric mean of {count} numbers is the {_ordinal(count)} root of their "
            f"product.\nProduct: {' × '.join(map(str, nums))} = {product}.\n"
            f"GM = {product}^(1/{count}) ≈ {shown}.\nSo the geometric mean is {shown}."
        )
        return Solution(shown, reasoning)
    root = float(product) ** (1 / count)
    # The generator rounds a numpy float64, whose round() is rint(x * 100) / 100.
    answer = round(root * 100.0) / 100.0
    reasoning = (
        f"The geometric mean of {count} numbers is the {_ordinal(count)} root of their product.\n"
        f"Product: {' × '.join(map(str, nums))} = {product}.\n"
        f"GM = {product}^(1/{count}) ≈ {root:.6f} ≈ {answer}.\n"
        f"So the geometric mean is {answer}."
    )
    return Solution(str(answer), reasoning)


@dataclass(frozen=True)
class HarmonicMean:
    """The harmonic mean of ``nums`` (positive integers)."""

    nums: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.nums or min(self.nums) < 1:
            raise Unreadable("a harmonic mean of no numbers or of one below 1")
        require_reciprocal_sum(self.nums)  # the exact sum's denominator divides their product

    def wording(self) -> str:
        return f"Harmonic mean of {len(self.nums)} numbers {', '.join(map(str, self.nums))} ="


@register(T, "harmonic_mean", rf"^Harmonic mean of (\d+) numbers ({_INT_LIST})\s*=?$")
def _harmonic_mean(m: re.Match[str], p: Problem) -> HarmonicMean | None:
    count, nums = int(m.group(1)), _ints(m.group(2))
    return HarmonicMean(nums) if count == len(nums) else None


@solves(
    T,
    "harmonic_mean",
    HarmonicMean,
    goal="find the harmonic mean of the numbers",
    drawn=drawn(nums=(1, 100), lengths={"nums": (2, 4)}),
)
def harmonic_mean(q: HarmonicMean) -> Solution:
    nums = q.nums
    count = len(nums)
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
    return Solution(str(quirk), reasoning, str(float(exact)))


_FLOAT = r"\d+(?:\.\d+)?(?:e[-+]\d+)?"


@dataclass(frozen=True)
class EuclidianNorm:
    """The L2 norm of a vector of non-negative decimals, each kept as the numeral written
    (its value is the float it spells: the generator prints its floats with ``repr``)."""

    components: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.components:
            raise Unreadable("a vector without components")
        require_at_most(len(self.components), MAX_ITEMS, "vector components")
        for x in self.components:
            _numeral(x, _FLOAT, "vector component")

    def wording(self) -> str:
        return f"Euclidian norm or L2 norm of the vector [{', '.join(self.components)}] is:"


@register(
    T,
    "euclidian_norm",
    rf"^Euclidian norm or L2 norm of the vector \[({_FLOAT}(?:, {_FLOAT})*)\] is:?$",
)
def _euclidian_norm(m: re.Match[str], p: Problem) -> EuclidianNorm:
    return EuclidianNorm(tuple(part.strip() for part in m.group(1).split(",")))


@solves(
    T,
    "euclidian_norm",
    EuclidianNorm,
    goal="find the Euclidean (L2) norm of the vector",
    # 2..20 components, each a float drawn uniformly from 0..1000
    drawn=drawn(
        lengths={"components": (2, 20)},
        rules={"components in 0..1000": lambda q: all(0 <= float(x) <= 1000 for x in q.components)},
    ),
)
def euclidian_norm(q: EuclidianNorm) -> Solution:
    vec = [float(part) for part in q.components]
    shown = ", ".join(f"{x:.2f}" for x in vec[:4]) + (", ..." if len(vec) > 4 else "")
    try:
        # Same expression as the generator (Python's own sum of the squares, in order).
        squares = sum([x**2 for x in vec])
        norm = round(math.sqrt(squares), 2)
        summed = f"Sum of squares ≈ {squares:.4f}.\nNorm = √{squares:.4f} ≈ {norm}.\n"
    except OverflowError:  # huge components: hypot scales them and does not overflow
        norm = round(math.hypot(*vec), 2)
        shown = ", ".join(f"{x:.6g}" for x in vec[:4]) + (", ..." if len(vec) > 4 else "")
        summed = f"Norm = √(sum of squares) ≈ {norm:.6g}.\n"
    reasoning = (
        "The Euclidean (L2) norm is the square root of the sum of the squared components.\n"
        f"The vector has {len(vec)} components ({shown}).\n" + summed + f"So the L2 norm is {norm}."
    )
    return Solution(str(norm), reasoning)


# ---------------------------------------------------------------- progressions


@dataclass(frozen=True)
class _ArithmeticProgression:
    """An AP given by its first three terms ``a1, a2, a3``, and a term count ``n``."""

    n: int
    a1: int
    a2: int
    a3: int

    def __post_init__(self) -> None:
        if self.a3 - self.a2 != self.a2 - self.a1:
            raise Unreadable("not an arithmetic progression")
        if self.n < 1:
            raise Unreadable("a term number below 1")


@dataclass(frozen=True)
class ArithmeticProgressionTerm(_ArithmeticProgression):
    """Term number ``n`` of the AP."""

    def wording(self) -> str:
        return f"Find term number {self.n} of the AP series: {self.a1}, {self.a2}, {self.a3} ..."


@dataclass(frozen=True)
class ArithmeticProgressionSum(_ArithmeticProgression):
    """The sum of the AP's first ``n`` terms."""

    def wording(self) -> str:
        return (
            f"Find the sum of first {self.n} terms of the AP series: "
            f"{self.a1}, {self.a2}, {self.a3} ..."
        )


@register(
    T,
    "arithmetic_progression_term",
    r"^Find term number (\d+) of the AP series: (-?\d+), (-?\d+), (-?\d+)\s*(?:\.\.\.)?$",
)
def _arithmetic_progression_term(m: re.Match[str], p: Problem) -> ArithmeticProgressionTerm:
    n, a1, a2, a3 = (int(g) for g in m.groups())
    return ArithmeticProgressionTerm(n, a1, a2, a3)


@solves(
    T,
    "arithmetic_progression_term",
    ArithmeticProgressionTerm,
    goal="find the term of the arithmetic progression",
    # n from 4..100, a1 and the difference d = a2 - a1 from -100..100
    drawn=drawn(
        n=(4, 100),
        a1=(-100, 100),
        rules={"a2 - a1 in -100..100": lambda q: -100 <= q.a2 - q.a1 <= 100},
    ),
)
def arithmetic_progression_term(q: ArithmeticProgressionTerm) -> Solution:
    n, a1, a2 = q.n, q.a1, q.a2
    d = a2 - a1
    term = a1 + (n - 1) * d
    reasoning = (
        f"The AP starts at a = {a1} with common difference d = {a2} - {_par(a1)} = {d}.\n"
        "The nth term is a + (n - 1)d.\n"
        f"a_{n} = {a1} + ({n} - 1) × {_par(d)} = {a1} {_plus((n - 1) * d)} = {term}.\n"
        f"So term number {n} is {term}."
    )
    return Solution(str(term), reasoning)


@register(
    T,
    "arithmetic_progression_sum",
    r"^Find the sum of first (\d+) terms of the AP series: (-?\d+), (-?\d+), (-?\d+)\s*"
    r"(?:\.\.\.)?$",
)
def _arithmetic_progression_sum(m: re.Match[str], p: Problem) -> ArithmeticProgressionSum:
    n, a1, a2, a3 = (int(g) for g in m.groups())
    return ArithmeticProgressionSum(n, a1, a2, a3)


@solves(
    T,
    "arithmetic_progression_sum",
    ArithmeticProgressionSum,
    goal="find the sum of the arithmetic progression",
    # n from 4..100, a1 and the difference d = a2 - a1 from -100..100
    drawn=drawn(
        n=(4, 100),
        a1=(-100, 100),
        rules={"a2 - a1 in -100..100": lambda q: -100 <= q.a2 - q.a1 <= 100},
    ),
)
def arithmetic_progression_sum(q: ArithmeticProgressionSum) -> Solution:
    n, a1 = q.n, q.a1
    d = q.a2 - a1
    last = a1 + (n - 1) * d
    exact = _exact_decimal(Fraction(n * (a1 + last), 2))
    try:
        total = str(n * (a1 + last) / 2)  # the generator's true division: a float
    except OverflowError:
        total = exact
    reasoning = (
        f"The AP starts at a = {a1} with common difference d = {d}.\n"
        f"The {_ordinal(n)} term is {a1} + ({n} - 1) × {_par(d)} = {last}.\n"
        f"S_n = n(a + l)/2 = {n} × ({a1} {_plus(last)}) / 2 = {n * (a1 + last)} / 2 = "
        f"{_frac_text(Fraction(n * (a1 + last), 2))}.\n"
        f"So the sum of the first {n} terms is {exact}."
    )
    # a float holds the sum exactly up to 2^53; beyond, the exact sum is the plain value
    return Solution(total, reasoning, exact if total != exact else "")


@dataclass(frozen=True)
class GeometricProgression:
    """The ratio, term ``n_term`` and sum of the first ``sum_term`` terms of the GP whose
    first terms are ``terms`` (an integer ratio other than 1)."""

    terms: tuple[int, ...]
    n_term: int
    sum_term: int

    def __post_init__(self) -> None:
        terms = self.terms
        if len(terms) < 2 or terms[0] == 0 or terms[1] % terms[0]:
            raise Unreadable("not a geometric progression with an integer ratio")
        a, r = terms[0], terms[1] // terms[0]
        if r == 1 or self.n_term < 1:
            raise Unreadable("a ratio of 1 or a term number below 1")
        require_at_most(len(terms), MAX_ITEMS, "terms")
        expected = a
        for t in terms:  # one multiplication a term; a wrong term stops it (terms are <= 60 digits)
            if t != expected:
                raise Unreadable("not a geometric progression")
            expected *= r
        if self.sum_term < 1:
            raise Unreadable("a sum of fewer than 1 term")
        require_power(r, self.n_term - 1, a)
        require_power(r, self.sum_term, a)

    def wording(self) -> str:
        return (
            f"For the given GP [{', '.join(map(str, self.terms))}]. Find the value of a common "
            f"ratio, {self.n_term}th term value, sum upto {self.sum_term}th term"
        )


@register(
    T,
    "geometric_progression",
    rf"^For the given GP \[({_INT_LIST})\]\.? Find the value of a common ratio, (\d+)th "
    r"term value, sum upto (\d+)th term\.?$",
)
def _geometric_progression(m: re.Match[str], p: Problem) -> GeometricProgression:
    return GeometricProgression(_ints(m.group(1)), int(m.group(2)), int(m.group(3)))


@solves(
    T,
    "geometric_progression",
    GeometricProgression,
    goal="find the common ratio, the term and the sum of the geometric progression",
    # six terms a*r^i with a and r from 2..12; both term numbers from 6..11
    drawn=drawn(
        n_term=(6, 11),
        sum_term=(6, 11),
        lengths={"terms": (6, 6)},
        rules={
            "first term in 2..12": lambda q: 2 <= q.terms[0] <= 12,
            "ratio in 2..12": lambda q: 2 <= q.terms[1] // q.terms[0] <= 12,
        },
    ),
)
def geometric_progression(q: GeometricProgression) -> Solution:
    terms, n_term, sum_term = q.terms, q.n_term, q.sum_term
    a, r = terms[0], terms[1] // terms[0]
    nth = a * r ** (n_term - 1)
    exact = a * (r**sum_term - 1) // (r - 1)
    try:
        total = str(a * ((r**sum_term - 1) / (r - 1)))  # float, as the generator computes it
    except OverflowError:
        total = f"{exact}.0"

    def sentence(total: str) -> str:
        return (
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
    # the float sum is exact up to 2^53; beyond, the plain value has the exact sum
    plain = sentence(f"{exact}.0") if total != f"{exact}.0" else ""
    return Solution(sentence(total), reasoning, plain)


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


@dataclass(frozen=True)
class DecimalToRomanNumerals:
    """``n`` (0 to 3999) in Roman numerals; 0 has none."""

    n: int

    def __post_init__(self) -> None:
        if not 0 <= self.n <= 3999:
            raise Unreadable("no standard Roman numeral above 3999")

    def wording(self) -> str:
        return f"The number {self.n} in Roman Numerals is:"


@register(T, "decimal_to_roman_numerals", r"^The number (\d+) in Roman Numerals is:?$")
def _decimal_to_roman_numerals(m: re.Match[str], p: Problem) -> DecimalToRomanNumerals:
    return DecimalToRomanNumerals(int(m.group(1)))


@solves(
    T,
    "decimal_to_roman_numerals",
    DecimalToRomanNumerals,
    goal="write the number in Roman numerals",
    # the generator's question always prints 0 (it empties the number it converts)
    drawn=drawn(n=frozenset({0})),
)
def decimal_to_roman_numerals(q: DecimalToRomanNumerals) -> Solution:
    # Unwinnable: mathgenerator 1.5.0 always prints 0 here but answers for another number.
    # We answer the question that is asked.
    n = q.n
    if n == 0:
        return Solution(
            "There is no Roman numeral for 0",
            "Roman numerals start at I = 1; the Roman system has no symbol for zero "
            "(medieval scholars sometimes wrote N, for nulla).\n"
            "So 0 cannot be written as a Roman numeral.",
            hidden="the number (it always shows 0)",
        )
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
    return Solution(numeral, reasoning)


def _to_base(n: int, base: int) -> str:
    digits = []
    while True:
        n, d = divmod(n, base)
        digits.append(_DIGITS[d])
        if n == 0:
            return "".join(reversed(digits))


@dataclass(frozen=True)
class BaseConversion:
    """``digits`` (upper-case digits of base ``src``) written in base ``dst``."""

    digits: str
    src: int
    dst: int

    def __post_init__(self) -> None:
        if not (2 <= self.src <= 36 and 2 <= self.dst <= 36):
            raise Unreadable("a base outside 2..36")
        # thousands of hex digits would cost ~100 ms to convert (the budget is 50 ms a question)
        require_at_most(len(self.digits), MAX_BASE_DIGITS, "digits")
        if not self.digits or any(
            ch not in _DIGITS or _DIGITS.index(ch) >= self.src for ch in self.digits
        ):
            raise Unreadable(f"not a number in base {self.src}")

    def wording(self) -> str:
        return f"Convert {self.digits} from base {self.src} to base {self.dst}."


@register(T, "base_conversion", r"^Convert ([0-9A-Za-z]+) from base (\d+) to base (\d+)\.?$")
def _base_conversion(m: re.Match[str], p: Problem) -> BaseConversion | None:
    digits = m.group(1)
    # The generator writes digits above 9 in upper case; a lower-case letter is one a
    # validator inserted into the number, so it is dropped.
    lowered = [ch for ch in digits if ch.islower()]
    if len(lowered) > 1:
        return None
    digits = "".join(ch for ch in digits if not ch.islower())
    return BaseConversion(digits, int(m.group(2)), int(m.group(3)))


@solves(
    T,
    "base_conversion",
    BaseConversion,
    goal="convert the number between the two bases",
    # a number from 40..60000, written without leading zeros, between two different bases
    # of 2..16
    drawn=drawn(
        src=(2, 16),
        dst=(2, 16),
        rules={
            "src != dst": lambda q: q.src != q.dst,
            "value in 40..60000": lambda q: 40 <= int(q.digits, q.src) <= 60000,
            "no leading zero": lambda q: not q.digits.startswith("0"),
        },
    ),
)
def base_conversion(q: BaseConversion) -> Solution:
    digits, src, dst = q.digits, q.src, q.dst
    value = int(digits, src)
    answer = _to_base(value, dst)
    reasoning = (
        f"We convert {digits} from base {src} to base {dst} through base 10.\n"
        f"In base 10: {digits} (base {src}) = {value}.\n"
        f"Dividing {value} repeatedly by {dst} and reading the remainders from last to first "
        f"gives {answer}.\n"
        f"So {digits} in base {src} is {answer} in base {dst}."
    )
    return Solution(answer, reasoning)


# ---------------------------------------------------------------- powers and notation


@dataclass(frozen=True)
class QuotientOfPowerSameBase:
    """``base^p1 / base^p2``."""

    base: int
    p1: int
    p2: int

    def __post_init__(self) -> None:
        if self.base < 1 or self.p1 < 0 or self.p2 < 0:
            raise Unreadable("a base below 1 or a negative exponent")
        require_power(self.base, self.p1 - self.p2)  # the solver computes base^|p1-p2|

    def wording(self) -> str:
        b, p1, p2 = self.base, self.p1, self.p2
        return (
            f"The Quotient of {b}^{{{p1}}} and {b}^{{{p2}}} = {b}^{{{p1}-{p2}}} = {b}^{{{p1 - p2}}}"
        )


@register(
    T,
    "quotient_of_power_same_base",
    r"^The Quotient of (\d+)\^\{(\d+)\} and (\d+)\^\{(\d+)\} = (\d+)\^\{(\d+)-(\d+)\} = "
    r"(\d+)\^\{(-?\d+)\}$",
)
def _quotient_of_power_same_base(m: re.Match[str], p: Problem) -> QuotientOfPowerSameBase | None:
    base, p1, base2, p2 = (int(g) for g in m.groups()[:4])
    return QuotientOfPowerSameBase(base, p1, p2) if base == base2 else None


@solves(
    T,
    "quotient_of_power_same_base",
    QuotientOfPowerSameBase,
    goal="find the quotient of the powers with the same base",
    drawn=drawn(base=(1, 50), p1=(1, 10), p2=(1, 10)),
)
def quotient_of_power_same_base(q: QuotientOfPowerSameBase) -> Solution:
    base, p1, p2 = q.base, q.p1, q.p2
    step = p1 - p2
    exact = Fraction(base) ** step
    try:
        value = base**step  # a negative exponent gives a Python float, as in the generator
        # a quotient too small for a float (0.0 or a subnormal) is written from the exact one
        shown = str(value) if _float_faithful(value, exact) else _float_text(exact)
    except OverflowError:  # a base too large to become a float
        shown = _float_text(exact)
    reasoning = (
        f"Dividing powers with the same base subtracts the exponents: "
        f"{base}^{p1} / {base}^{p2} = {base}^({p1}-{p2}) = {base}^{step}.\n"
        f"{base}^{step} = {_frac_text(exact)}"
        + (f" ≈ {_sci_text(exact)}" if exact.denominator != 1 else "")
        + f".\nSo the quotient is {_frac_text(exact)}."
    )
    return Solution(shown, reasoning)


@dataclass(frozen=True)
class QuotientOfPowerSamePower:
    """``b1^e / b2^e``."""

    b1: int
    b2: int
    e: int

    def __post_init__(self) -> None:
        if self.b1 < 0 or self.b2 < 1 or self.e < 0:
            raise Unreadable("a negative base, a divisor below 1 or a negative exponent")
        require_power(self.b1, self.e)  # the exact (b1/b2)^e
        require_power(self.b2, self.e)

    def wording(self) -> str:
        b1, b2, e = self.b1, self.b2, self.e
        return (
            f"The Quotient of {b1}^{{{e}}} and {b2}^{{{e}}} = ({b1}/{b2})^{e} = {b1 / b2}^{{{e}}}"
        )


@register(
    T,
    "quotient_of_power_same_power",
    r"^The Quotient of (\d+)\^\{(\d+)\} and (\d+)\^\{(\d+)\} = \((\d+)/(\d+)\)\^(\d+) = "
    r"(\S+)\^\{(\d+)\}$",
)
def _quotient_of_power_same_power(m: re.Match[str], p: Problem) -> QuotientOfPowerSamePower | None:
    b1, e1, b2, e2 = (int(g) for g in m.groups()[:4])
    return QuotientOfPowerSamePower(b1, b2, e1) if e1 == e2 else None


@solves(
    T,
    "quotient_of_power_same_power",
    QuotientOfPowerSamePower,
    goal="find the quotient of the powers with the same exponent",
    drawn=drawn(b1=(1, 50), b2=(1, 50), e=(1, 10)),
)
def quotient_of_power_same_power(q: QuotientOfPowerSamePower) -> Solution:
    b1, b2, e1 = q.b1, q.b2, q.e
    exact = Fraction(b1, b2) ** e1
    try:
        number = (b1 / b2) ** e1  # float power of the float quotient, as the generator does
        # a quotient too small for a float (0.0 or a subnormal) is written from the exact one
        value = str(number) if _float_faithful(number, exact) else _float_text(exact)
    except OverflowError:  # beyond the float range
        value = _float_text(exact)
    reasoning = (
        "Powers with the same exponent divide as (a/b)^n: "
        f"{b1}^{e1} / {b2}^{e1} = ({b1}/{b2})^{e1}.\n"
        f"({b1}/{b2})^{e1} = {_frac_text(exact)} ≈ {_sci_text(exact)}.\n"
        f"So the quotient is about {_sci_text(exact)}."
    )
    return Solution(value, reasoning)


_MANTISSA_NUMERAL = r"\d+(?:\.\d+)?"
_MANTISSA = rf"({_MANTISSA_NUMERAL}) \\times 10\^\{{(-?\d+)\}}"


@dataclass(frozen=True)
class ProductOfScientificNotations:
    """``a × 10^ea`` times ``b × 10^eb``; the mantissas are kept as the decimals written
    (the generator prints them as floats, and the working shows them as given)."""

    a: str
    ea: int
    b: str
    eb: int

    def __post_init__(self) -> None:
        _numeral(self.a, _MANTISSA_NUMERAL, "mantissa")
        _numeral(self.b, _MANTISSA_NUMERAL, "mantissa")

    def wording(self) -> str:
        return (
            f"Product of scientific notations {self.a} \\times 10^{{{self.ea}}} and "
            f"{self.b} \\times 10^{{{self.eb}}} ="
        )


@register(
    T,
    "product_of_scientific_notations",
    rf"^Product of scientific notations {_MANTISSA} and {_MANTISSA}\s*=?$",
)
def _product_of_scientific_notations(m: re.Match[str], p: Problem) -> ProductOfScientificNotations:
    return ProductOfScientificNotations(m.group(1), int(m.group(2)), m.group(3), int(m.group(4)))


@solves(
    T,
    "product_of_scientific_notations",
    ProductOfScientificNotations,
    goal="find the product of the numbers in scientific notation",
    # mantissas from 1..10 rounded to 2 places, exponents from -100..100
    drawn=drawn(
        ea=(-100, 100),
        eb=(-100, 100),
        rules={
            "mantissas in 1..10 with at most 2 decimals": lambda q: all(
                1 <= Fraction(m) <= 10 and (Fraction(m) * 100).denominator == 1 for m in (q.a, q.b)
            )
        },
    ),
)
def product_of_scientific_notations(q: ProductOfScientificNotations) -> Solution:
    a, ea, b, eb = float(q.a), q.ea, float(q.b), q.eb
    mantissa, exponent = a * b, ea + eb
    if mantissa >= 10:
        mantissa /= 10
        exponent += 1
    answer = f"{round(mantissa, 2)} \\times 10^{{{exponent}}}"
    product = Fraction(q.a) * Fraction(q.b)
    reasoning = (
        "Multiply the mantissas and add the exponents.\n"
        f"{q.a} × {q.b} = {float(product):g}, and {ea} + {_par(eb)} = {ea + eb}.\n"
        + (
            f"Since {float(product):g} ≥ 10, shift one place: {float(product) / 10:g} × "
            f"10^{ea + eb + 1}.\n"
            if product >= 10
            else ""
        )
        + f"Rounded to two decimals the product is {round(mantissa, 2)} × 10^{exponent}."
    )
    if 1 <= mantissa < 10 or product == 0:
        return Solution(answer, reasoning)
    # One shift by 10 only normalises mantissas from 1..10; others take as many as needed.
    exponent = ea + eb
    while product >= 10:
        product /= 10
        exponent += 1
    while product < 1:
        product *= 10
        exponent -= 1
    shown = round(float(product), 2)
    if shown >= 10:
        shown, exponent = 1.0, exponent + 1
    plain = f"{shown} \\times 10^{{{exponent}}}"
    reasoning += f"\nIn normalised scientific notation that is {shown} × 10^{exponent}."
    return Solution(answer, reasoning, plain)


# ---------------------------------------------------------------- complex numbers

_DECIMAL = r"-?\d+(?:\.\d+)?"


@dataclass(frozen=True)
class ComplexToPolar:
    """The polar angle of ``re + i·im``, written as the generator does, ``r(re θ + i im θ)``;
    the parts are kept as the decimals written (only the angle is asked)."""

    r: str
    re: str
    im: str

    def __post_init__(self) -> None:
        _numeral(self.r, r"\d+(?:\.\d+)?", "modulus")
        _numeral(self.re, _DECIMAL, "real part")
        _numeral(self.im, _DECIMAL, "imaginary part")

    def wording(self) -> str:
        return f"{self.r}({self.re}\\theta + i{self.im}\\theta)"


@register(
    T,
    "complex_to_polar",
    r"^(\d+(?:\.\d+)?)\((-?\d+(?:\.\d+)?)\\theta \+ i(-?\d+(?:\.\d+)?)\\theta\)$",
)
def _complex_to_polar(m: re.Match[str], p: Problem) -> ComplexToPolar:
    return ComplexToPolar(m.group(1), m.group(2), m.group(3))


@solves(
    T,
    "complex_to_polar",
    ComplexToPolar,
    goal="write the complex number in polar form",
    # whole-number parts from -20..20 (printed as floats) and their modulus to 2 places
    drawn=drawn(
        rules={
            "parts whole numbers in -20..20": lambda q: all(
                float(x).is_integer() and -20 <= float(x) <= 20 for x in (q.re, q.im)
            ),
            "r is the modulus to 2 places": lambda q: (
                float(q.r) == round(math.hypot(float(q.re), float(q.im)), 2)
            ),
        },
    ),
)
def complex_to_polar(q: ComplexToPolar) -> Solution:
    re_part, im_part = float(q.re), float(q.im)
    radius = math.hypot(re_part, im_part)
    theta = round(math.atan2(im_part, re_part), 2)
    reasoning = (
        f"The complex number is z = {re_part:g} {_plus(im_part)}i.\n"
        f"Its modulus is r = √({_par(re_part)}² + {_par(im_part)}²) ≈ {radius:.2f}.\n"
        f"Its argument is θ = atan2({im_part:g}, {re_part:g}) ≈ {theta} radians.\n"
        f"So the polar angle is θ ≈ {theta}."
    )
    return Solution(str(theta), reasoning)


# ---------------------------------------------------------------- sets


def _python_sets(shown: tuple[int, ...]) -> list[set[int]]:
    """Every CPython set, built by insertions, whose iteration order is the one printed.

    The generator prints set operations on sets built from random lists, so their order is
    CPython's hash-table order. Sets of five or more small ints sit in a 32-slot table in
    value order; smaller ones sit in 8 slots where collisions depend on the insertion order,
    so we rebuild them from each order that prints the same way.
    """
    orders = [shown] if len(shown) > 4 else list(itertools.permutations(shown))
    found: list[set[int]] = []
    for order in orders:
        built: set[int] = set()
        for x in order:
            built.add(x)
        if list(built) == list(shown):
            found.append(built)
    return found


def _set_text(s: set[int]) -> str:
    return str(s)  # "set()" when empty, like the generator


def _sorted_set_text(s: set[int]) -> str:
    return "{" + ", ".join(map(str, sorted(s))) + "}" if s else "set()"


@dataclass(frozen=True)
class SetOperation:
    """The union, intersection, differences and symmetric difference of two sets, each
    given by its elements in the order printed (CPython's order, which the answer keeps)."""

    a: tuple[int, ...]
    b: tuple[int, ...]

    def __post_init__(self) -> None:
        for shown in (self.a, self.b):
            if not shown or len(set(shown)) != len(shown) or min(shown) < 0:
                raise Unreadable("a set printed empty, negative or with an element twice")

    def wording(self) -> str:
        a, b = (", ".join(map(str, s)) for s in (self.a, self.b))
        return (
            f"Given the two sets a={{{a}}}, b={{{b}}}. Find the Union, intersection, a-b, "
            "b-a, and symmetric difference"
        )


@register(
    T,
    "set_operation",
    r"^Given the two sets a=\{(\d+(?:, \d+)*)\}, b=\{(\d+(?:, \d+)*)\}\.? Find the Union, "
    r"intersection, a-b, b-a, and symmetric difference\.?$",
)
def _set_operation(m: re.Match[str], p: Problem) -> SetOperation:
    return SetOperation(_ints(m.group(1)), _ints(m.group(2)))


@solves(
    T,
    "set_operation",
    SetOperation,
    goal="find the union, intersection and differences of the two sets",
    # 3..7 draws from 1..10 each, so 1..7 distinct elements
    drawn=drawn(a=(1, 10), b=(1, 10), lengths={"a": (1, 7), "b": (1, 7)}),
)
def set_operation(q: SetOperation) -> Solution:
    def said(a: set[int], b: set[int], text: Callable[[set[int]], str]) -> str:
        return (
            f"Union is {text(a.union(b))}. Intersection is "
            f"{text(a.intersection(b))}, a-b is {text(a.difference(b))}, "
            f"b-a is {text(b.difference(a))}. Symmetric difference is "
            f"{text(a.symmetric_difference(b))}."
        )

    answers = {said(a, b, _set_text) for a in _python_sets(q.a) for b in _python_sets(q.b)}
    sa, sb = set(q.a), set(q.b)
    # Sets the generator could not have printed (or whose printed order fits several
    # CPython sets) are answered with their elements in increasing order.
    answer = answers.pop() if len(answers) == 1 else said(sa, sb, _sorted_set_text)

    def show(s: set[int]) -> str:
        return "{" + ", ".join(map(str, sorted(s))) + "}" if s else "∅"

    reasoning = (
        f"a = {show(sa)}, b = {show(sb)}.\n"
        f"Union a ∪ b (in either set): {show(sa | sb)}.\n"
        f"Intersection a ∩ b (in both): {show(sa & sb)}.\n"
        f"a - b (in a only): {show(sa - sb)}; b - a (in b only): {show(sb - sa)}.\n"
        f"Symmetric difference (in exactly one): {show(sa ^ sb)}."
    )
    return Solution(answer, reasoning)


QUIRKS = {
    "prime_factors": "for 1 the generator prints an empty solution; the engine answers the "
    "empty string too",
    "surds_comparison": "the generator compares math.pow floats, so mathematically equal surds "
    "(e.g. 2^(1/2) and 8^(1/6)) may print '<' or '>'; the answer follows the floats, the "
    "plain value compares exact integer powers",
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
