"""Engine recognizers and typed problems for mathgenerator's ``basic_math`` topic.

Each subtopic has a frozen problem type of its operands (``Factorial(n)``,
``CompareFractions(a, b, c, d)``, ...) that checks the generator's rules and the
engine's bounds; the generator's own sentences are parsed into it (``register``) and
the paraphrase readers (``logicnet.engine.readers.basic_math``) build it directly. One
solver per type (``solves``) answers it.

Answers reproduce the generator's printed strings, float rounding included:
where the generator computes with floats (``round(a / b, 2)``, ``b ** (1 / 3)``,
``"{:.2f}".format(a / 100 * b)``) the same float expression is evaluated on the
numbers read from the question, so the last digit agrees.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from logicnet.engine.bounds import (
    MAX_ITEMS,
    MAX_NUMBER_DIGITS,
    power_digits,
    require_at_most,
    require_factorial,
    require_power,
    require_trial_division,
)
from logicnet.engine.core import Problem, loosen, register
from logicnet.engine.problem import Solution, Unreadable, drawn, solves, unsigned

__all__ = [
    "QUIRKS",
    "AbsoluteDifference",
    "CompareFractions",
    "CubeRoot",
    "Exponentiation",
    "Factorial",
    "FractionMultiplication",
    "FractionToDecimal",
    "GreatestCommonDivisor",
    "IsComposite",
    "IsPrime",
    "Percentage",
    "PercentageDifference",
    "PercentageError",
    "PowerOfPowers",
    "SimplifySquareRoot",
    "decimal_text",
    "plain_rounding",
]

T = "basic_math"


def _frac(n: int, d: int) -> str:
    return rf"\frac{{{n}}}{{{d}}}"


def decimal_text(value: Fraction, places: int, fixed: bool = False) -> str:
    """``value`` rounded half up to ``places`` decimals, exactly: in the look of
    ``str(round(x, places))`` ("2.0", "0.5") or, with ``fixed``, always ``places`` decimals
    ("3.50")."""
    scaled = abs(value) * 10**places
    whole = math.floor(scaled + Fraction(1, 2))
    sign = "-" if value < 0 and whole else ""
    units, rest = divmod(whole, 10**places)
    decimals = str(rest).rjust(places, "0") if places else ""
    if not fixed:
        decimals = decimals.rstrip("0") or "0"
    return f"{sign}{units}.{decimals}" if decimals else f"{sign}{units}"


def plain_rounding(answer: str, exact: Fraction, places: int, fixed: bool = False) -> str:
    """The exact rounding of ``exact`` where the generator's float ``answer`` is not a
    rounding of it (past float precision, or printed as "1e+20"); "" where it is."""
    if "e" not in answer and abs(Fraction(answer) - exact) <= Fraction(1, 2 * 10**places):
        return ""
    return decimal_text(exact, places, fixed)


def _icbrt(n: int) -> int:
    """The integer cube root of ``n >= 0``: the largest r with r³ <= n."""
    if n == 0:
        return 0
    r = 1 << -(-n.bit_length() // 3)  # above the root
    while True:
        s = (2 * r + n // (r * r)) // 3
        if s >= r:
            break
        r = s
    while r**3 > n:
        r -= 1
    while (r + 1) ** 3 <= n:
        r += 1
    return r


def _is_prime(n: int) -> bool:
    require_trial_division(max(n, 1))
    if n < 2:
        return False
    return all(n % i for i in range(2, math.isqrt(n) + 1))


def _smallest_factor(n: int) -> int:
    require_trial_division(n)
    return next(i for i in range(2, math.isqrt(n) + 1) if n % i == 0)


@dataclass(frozen=True)
class FractionToDecimal:
    """``a ÷ b`` to two decimal places."""

    a: int
    b: int

    def __post_init__(self) -> None:
        if self.b == 0:
            raise Unreadable("a division by 0")

    def wording(self) -> str:
        return f"{self.a}\\div{self.b}="


@register(T, "fraction_to_decimal", r"^(\d+) ?\\div ?(\d+) ?=$")
def _fraction_to_decimal(m: re.Match[str], p: Problem) -> FractionToDecimal:
    return FractionToDecimal(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "fraction_to_decimal",
    FractionToDecimal,
    goal="write the division as a decimal",
    drawn=drawn(a=(0, 99), b=(1, 99)),
)
def fraction_to_decimal(q: FractionToDecimal) -> Solution:
    a, b = q.a, q.b
    answer = str(round(a / b, 2))
    reasoning = (
        f"We need {a} ÷ {b} as a decimal.\n"
        f"{a} / {b} = {a / b:.6g}.\n"
        f"Rounded to two decimal places: {answer}.\n"
        f"So {a} ÷ {b} ≈ {answer}."
    )
    return Solution(answer, reasoning, plain_rounding(answer, Fraction(a, b), 2))


@dataclass(frozen=True)
class FractionMultiplication:
    """``a/b · c/d``, in lowest terms (the generator's way)."""

    a: int
    b: int
    c: int
    d: int

    def __post_init__(self) -> None:
        unsigned(self.a, self.b, self.c, self.d)
        if self.b == 0 or self.d == 0:
            raise Unreadable("a denominator of 0")

    def wording(self) -> str:
        return f"{_frac(self.a, self.b)}\\cdot{_frac(self.c, self.d)}="


@register(
    T,
    "fraction_multiplication",
    loosen(r"^\\frac\{(\d+)\}\{(\d+)\} ?\\cdot ?\\frac\{(\d+)\}\{(\d+)\} ?=$"),
)
def _fraction_multiplication(m: re.Match[str], p: Problem) -> FractionMultiplication:
    a, b, c, d = (int(g) for g in m.groups())
    return FractionMultiplication(a, b, c, d)


# a/b and c/d, each part 1..10, neither fraction 1 (fraction_multiplication, compare_fractions)
_TWO_FRACTIONS = drawn(
    a=(1, 10),
    b=(1, 10),
    c=(1, 10),
    d=(1, 10),
    rules={"a != b": lambda q: q.a != q.b, "c != d": lambda q: q.c != q.d},
)


@solves(
    T,
    "fraction_multiplication",
    FractionMultiplication,
    goal="multiply the two fractions",
    drawn=_TWO_FRACTIONS,
)
def fraction_multiplication(q: FractionMultiplication) -> Solution:
    a, b, c, d = q.a, q.b, q.c, q.d
    num, den = a * c, b * d
    g = math.gcd(num, den)
    # Generator quirk: when the product is a whole number it prints num/gcd over gcd
    # (i.e. the unreduced num over den) instead of reducing to n/1.
    answer = _frac(num, g) if den in (1, g) else _frac(num // g, den // g)
    reduced = f"{num // g}/{den // g}" if den // g != 1 else str(num // g)
    reasoning = (
        f"Multiply the fractions {a}/{b} and {c}/{d}: multiply numerators and denominators.\n"
        f"Numerator: {a} × {c} = {num}. Denominator: {b} × {d} = {den}.\n"
        f"So the product is {num}/{den}; the greatest common divisor is {g}, "
        f"which simplifies it to {reduced}.\n"
        f"Answer: {answer}"
    )
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class Factorial:
    """``n!``."""

    n: int

    def __post_init__(self) -> None:
        if self.n < 0:
            raise Unreadable("a negative factorial")
        require_factorial(self.n)  # the working lists every factor

    def wording(self) -> str:
        return f"{self.n}! ="


@register(T, "factorial", r"^(\d+) ?! ?=$")
def _factorial(m: re.Match[str], p: Problem) -> Factorial:
    return Factorial(int(m.group(1)))


@solves(T, "factorial", Factorial, goal="find the factorial", drawn=drawn(n=(0, 6)))
def factorial(q: Factorial) -> Solution:
    n = q.n
    value = math.factorial(n)
    if n < 2:
        steps = f"By definition {n}! = 1."
    else:
        steps = f"{n}! = " + " × ".join(str(k) for k in range(n, 0, -1)) + f" = {value}."
    reasoning = (
        f"The factorial {n}! is the product of all positive integers up to {n}.\n"
        f"{steps}\nSo {n}! = {value}."
    )
    return Solution(str(value), reasoning)


@dataclass(frozen=True)
class CompareFractions:
    """The symbol (``>``, ``<`` or ``=``) between ``a/b`` and ``c/d``."""

    a: int
    b: int
    c: int
    d: int

    def __post_init__(self) -> None:
        unsigned(self.a, self.b, self.c, self.d)
        if self.b == 0 or self.d == 0:
            raise Unreadable("a denominator of 0")

    def wording(self) -> str:
        return (
            "Which symbol represents the comparison between "
            f"{_frac(self.a, self.b)} and {_frac(self.c, self.d)}?"
        )


@register(
    T,
    "compare_fractions",
    loosen(
        r"^Which symbol represents the comparison between "
        r"\\frac\{(\d+)\}\{(\d+)\} and \\frac\{(\d+)\}\{(\d+)\} ?\?$"
    ),
)
def _compare_fractions(m: re.Match[str], p: Problem) -> CompareFractions:
    a, b, c, d = (int(g) for g in m.groups())
    return CompareFractions(a, b, c, d)


@solves(
    T,
    "compare_fractions",
    CompareFractions,
    goal="compare the two fractions",
    drawn=_TWO_FRACTIONS,
)
def compare_fractions(q: CompareFractions) -> Solution:
    a, b, c, d = q.a, q.b, q.c, q.d
    # The generator compares floats; cross-multiplying (b, d > 0) agrees on its small
    # integers and stays exact for large ones.
    first, second = a / b, c / d
    symbol = ">" if a * d > c * b else "<" if a * d < c * b else "="
    reasoning = (
        f"Compare {a}/{b} and {c}/{d}.\n"
        f"Cross-multiply: {a} × {d} = {a * d} and {c} × {b} = {c * b}.\n"
        f"As decimals: {a}/{b} ≈ {first:.4f} and {c}/{d} ≈ {second:.4f}.\n"
        f"So {a}/{b} {symbol} {c}/{d}; the symbol is {symbol}."
    )
    return Solution(symbol, reasoning)


@dataclass(frozen=True)
class CubeRoot:
    """``∛b`` to 2 decimal places."""

    b: int

    def __post_init__(self) -> None:
        unsigned(self.b)

    def wording(self) -> str:
        return rf"What is the cube root of: \sqrt[3]{{{self.b}}}= to 2 decimal places?"


@register(
    T,
    "cube_root",
    loosen(r"^What is the cube root of:? ?\\sqrt\[3\]\{(\d+)\} ?=? ?to 2 decimal places\??$"),
)
def _cube_root(m: re.Match[str], p: Problem) -> CubeRoot:
    return CubeRoot(int(m.group(1)))


@solves(
    T,
    "cube_root",
    CubeRoot,
    goal="find the cube root to 2 decimal places",
    drawn=drawn(b=(1, 1000)),
)
def cube_root(q: CubeRoot) -> Solution:
    b = q.b
    root = b ** (1 / 3)  # the generator's own float expression, so rounding agrees
    answer = str(round(root, 2))
    reasoning = (
        f"We want the cube root of {b}, i.e. the number x with x³ = {b}.\n"
        f"∛{b} ≈ {root:.5f}, since {root:.5f}³ ≈ {b}.\n"
        f"Rounded to 2 decimal places: {answer}."
    )
    # past float precision the float root misses the 2nd decimal: round the exact root
    hundredths = _icbrt(b * 10**6)
    if (2 * hundredths + 1) ** 3 < 8 * b * 10**6:
        hundredths += 1
    plain = plain_rounding(answer, Fraction(hundredths, 100), 2)
    return Solution(answer, reasoning, plain)


@dataclass(frozen=True)
class Exponentiation:
    """``base ^ exponent``, exactly."""

    base: int
    exponent: int

    def __post_init__(self) -> None:
        unsigned(self.base, self.exponent)
        require_power(self.base, self.exponent)

    def wording(self) -> str:
        return f"{self.base}^{self.exponent} ="


@register(T, "exponentiation", r"^(\d+)\^(?:\{(\d+)\}|(\d+)) ?=$")
def _exponentiation(m: re.Match[str], p: Problem) -> Exponentiation:
    return Exponentiation(int(m.group(1)), int(m.group(2) or m.group(3)))


# both wordings ("13^7 =", upstream "9^{5}=") draw base 1..20 and exponent 1..10
@solves(
    T,
    "exponentiation",
    Exponentiation,
    goal="evaluate the power",
    drawn=drawn(base=(1, 20), exponent=(1, 10)),
)
def exponentiation(q: Exponentiation) -> Solution:
    base, expo = q.base, q.exponent
    value = base**expo
    shown = (
        " × ".join([str(base)] * expo) if expo <= 6 else f"{base} multiplied by itself {expo} times"
    )
    reasoning = (
        f"We compute {base}^{expo}, the base {base} raised to the power {expo}.\n"
        f"{base}^{expo} = {shown} = {value}.\n"
        f"So {base}^{expo} = {value}."
    )
    return Solution(str(value), reasoning)


@dataclass(frozen=True)
class AbsoluteDifference:
    """``|a - b|``; either operand may be negative."""

    a: int
    b: int

    def wording(self) -> str:
        return f"|{self.a}-{self.b}|="


@register(T, "absolute_difference", r"^\|(-?\d+) ?- ?(-?\d+)\| ?=$")
def _absolute_difference(m: re.Match[str], p: Problem) -> AbsoluteDifference:
    return AbsoluteDifference(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "absolute_difference",
    AbsoluteDifference,
    goal="find the absolute difference",
    drawn=drawn(a=(-100, 100), b=(-100, 100)),
)
def absolute_difference(q: AbsoluteDifference) -> Solution:
    a, b = q.a, q.b
    diff = a - b
    b_shown = f"({b})" if b < 0 else str(b)
    reasoning = (
        f"We need the absolute difference |{a} - {b_shown}|.\n"
        f"First {a} - {b_shown} = {diff}.\n"
        f"The absolute value of {diff} is {abs(diff)}.\n"
        f"So |{a} - {b_shown}| = {abs(diff)}."
    )
    return Solution(str(abs(diff)), reasoning)


@dataclass(frozen=True)
class Percentage:
    """``percent``% of ``of``, to two decimals."""

    percent: int
    of: int

    def __post_init__(self) -> None:
        unsigned(self.percent, self.of)

    def wording(self) -> str:
        return f"What is {self.percent}% of {self.of}?"


@register(T, "percentage", loosen(r"^What is (\d+) ?% of (\d+) ?\?$"))
def _percentage(m: re.Match[str], p: Problem) -> Percentage:
    return Percentage(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "percentage",
    Percentage,
    goal="find the percentage of the number",
    drawn=drawn(percent=(1, 99), of=(1, 99)),
)
def percentage(q: Percentage) -> Solution:
    a, b = q.percent, q.of
    answer = f"{a / 100 * b:.2f}"  # the generator's float expression and format
    reasoning = (
        f"To find {a}% of {b}, convert the percentage to a decimal and multiply.\n"
        f"{a}% = {a}/100 = {a / 100}.\n"
        f"{a / 100} × {b} = {answer}.\n"
        f"So {a}% of {b} is {answer}."
    )
    return Solution(answer, reasoning, plain_rounding(answer, Fraction(a * b, 100), 2, fixed=True))


@dataclass(frozen=True)
class IsPrime:
    """Whether ``n`` is prime: Yes or No."""

    n: int

    def __post_init__(self) -> None:
        unsigned(self.n)
        require_trial_division(max(self.n, 1))

    def wording(self) -> str:
        return f"Is {self.n} prime?"


@register(T, "is_prime", loosen(r"^Is (\d+) prime ?\?$"))
def _is_prime_question(m: re.Match[str], p: Problem) -> IsPrime:
    return IsPrime(int(m.group(1)))


@solves(
    T,
    "is_prime",
    IsPrime,
    goal="determine whether the number is prime",
    drawn=drawn(n=(2, 100)),
)
def is_prime(q: IsPrime) -> Solution:
    n = q.n
    if _is_prime(n):
        why = f"{n} has no divisor between 2 and √{n} ≈ {math.sqrt(n):.2f}, so it is prime."
        answer = "Yes"
    elif n < 2:
        why = f"{n} is less than 2, and primes are at least 2."
        answer = "No"
    else:
        f = _smallest_factor(n)
        why = f"{n} = {f} × {n // f}, so it has a divisor other than 1 and itself."
        answer = "No"
    reasoning = (
        f"A prime number has exactly two divisors, 1 and itself. Check {n}.\n{why}\n"
        f"Answer: {answer}"
    )
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class PowerOfPowers:
    """``base^{p1^{p2}}``, which the generator simplifies as ``(base^p1)^p2``."""

    base: int
    p1: int
    p2: int

    def __post_init__(self) -> None:
        unsigned(self.base, self.p1, self.p2)

    def wording(self) -> str:
        return f"Simplify {self.base}^{{{self.p1}^{{{self.p2}}}}}"


@register(T, "power_of_powers", loosen(r"^Simplify (\d+)\^\{(\d+)\^\{(\d+)\}\}$"))
def _power_of_powers(m: re.Match[str], p: Problem) -> PowerOfPowers:
    base, p1, p2 = (int(g) for g in m.groups())
    return PowerOfPowers(base, p1, p2)


@solves(
    T,
    "power_of_powers",
    PowerOfPowers,
    goal="simplify the power of a power",
    drawn=drawn(base=(1, 50), p1=(1, 10), p2=(1, 10)),
)
def power_of_powers(q: PowerOfPowers) -> Solution:
    base, p1, p2 = q.base, q.p1, q.p2
    step = p1 * p2
    # Generator quirk: b^{p^{q}} is read as (b^p)^q = b^{pq}, not b^(p^q).
    answer = f"{base}^{{{step}}}"
    reasoning = (
        f"Simplify the power of a power with base {base}, exponents {p1} and {p2}.\n"
        f"By the power-of-a-power rule (a^m)^n = a^(m·n): "
        f"({base}^{p1})^{p2} = {base}^({p1}·{p2}) = {base}^{step}.\n"
        f"So the simplified form is {answer}."
    )
    # plain: b^(p^q), exponents right to left; 1 to any power is 1 either way
    if base == 1:
        plain = ""
    elif power_digits(p1, p2) <= MAX_NUMBER_DIGITS:
        plain = "" if p1**p2 == step else f"{base}^{{{p1**p2}}}"
    else:
        plain = f"{base}^{{{p1}^{{{p2}}}}}"  # an exponent too long to print stays a tower
    return Solution(answer, reasoning, plain)


@dataclass(frozen=True)
class PercentageDifference:
    """``|a - b|`` over the mean of ``a`` and ``b``, as a percentage."""

    a: int
    b: int

    def __post_init__(self) -> None:
        unsigned(self.a, self.b)
        if self.a + self.b == 0:
            raise Unreadable("a mean of 0")

    def wording(self) -> str:
        return f"What is the percentage difference between {self.a} and {self.b}?"


@register(
    T,
    "percentage_difference",
    loosen(r"^What is the percentage difference between (\d+) and (\d+) ?\?$"),
)
def _percentage_difference(m: re.Match[str], p: Problem) -> PercentageDifference:
    return PercentageDifference(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "percentage_difference",
    PercentageDifference,
    goal="find the percentage difference between the two numbers",
    drawn=drawn(a=(0, 200), b=(0, 200)),
)
def percentage_difference(q: PercentageDifference) -> Solution:
    a, b = q.a, q.b
    diff = round(2 * (abs(a - b) / abs(a + b)) * 100, 2)
    answer = f"{diff}%"
    reasoning = (
        f"Percentage difference = |a - b| / ((a + b)/2) × 100 with a = {a}, b = {b}.\n"
        f"|{a} - {b}| = {abs(a - b)}; the average is ({a} + {b})/2 = {(a + b) / 2}.\n"
        f"{abs(a - b)} / {(a + b) / 2} × 100 = {diff}.\n"
        f"So the percentage difference is {answer}."
    )
    exact = Fraction(200 * abs(a - b), a + b)
    plain = plain_rounding(str(diff), exact, 2)
    return Solution(answer, reasoning, plain and f"{plain}%")


@dataclass(frozen=True)
class PercentageError:
    """``|observed - exact|`` over ``|exact|``, as a percentage."""

    observed: int
    exact: int

    def __post_init__(self) -> None:
        if self.exact == 0:
            raise Unreadable("an exact value of 0")

    def wording(self) -> str:
        # no full stop after the last number: "-99." would read as a decimal's start
        return (
            f"Find the percentage error when observed value equals {self.observed} "
            f"and exact value equals {self.exact}"
        )


@register(
    T,
    "percentage_error",
    loosen(
        r"^Find the percentage error when observed value equals (-?\d+) "
        r"and exact value equals (-?\d+) ?\.?$"
    ),
)
def _percentage_error(m: re.Match[str], p: Problem) -> PercentageError:
    return PercentageError(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "percentage_error",
    PercentageError,
    goal="find the percentage error",
    # the generator flips the observed value's sign when the two signs differ
    drawn=drawn(
        observed=(-100, 100),
        exact=(-100, 100),
        rules={"observed and exact not of opposite signs": lambda q: q.observed * q.exact >= 0},
    ),
)
def percentage_error(q: PercentageError) -> Solution:
    obs, exact = q.observed, q.exact
    error = round((abs(obs - exact) / abs(exact)) * 100, 2)
    # The generator prints the percent sign LaTeX-escaped: "12.5\%".
    answer = f"{error}\\%"
    reasoning = (
        "Percentage error = |observed - exact| / |exact| × 100.\n"
        f"|{obs} - {exact if exact > 0 else f'({exact})'}| = {abs(obs - exact)} and "
        f"|{exact}| = {abs(exact)}.\n"
        f"{abs(obs - exact)} / {abs(exact)} × 100 = {error}.\n"
        f"So the percentage error is {error}%."
    )
    plain = plain_rounding(str(error), Fraction(100 * abs(obs - exact), abs(exact)), 2)
    return Solution(answer, reasoning, plain and f"{plain}\\%")


@dataclass(frozen=True)
class GreatestCommonDivisor:
    """``GCD(n1, n2, ...)`` of two or more whole numbers."""

    numbers: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.numbers) < 2:
            raise Unreadable("a GCD of fewer than two numbers")
        require_at_most(len(self.numbers), MAX_ITEMS, "numbers")
        unsigned(*self.numbers)

    def wording(self) -> str:
        return f"GCD({','.join(str(n) for n in self.numbers)}) ="


@register(T, "greatest_common_divisor", r"^GCD ?\((\d+(?: ?, ?\d+)+)\) ?=$")
def _greatest_common_divisor(m: re.Match[str], p: Problem) -> GreatestCommonDivisor:
    return GreatestCommonDivisor(tuple(int(x) for x in m.group(1).split(",")))


@solves(
    T,
    "greatest_common_divisor",
    GreatestCommonDivisor,
    goal="find the greatest common divisor (GCD)",
    drawn=drawn(numbers=(0, 10**9), lengths={"numbers": (2, 2)}),
)
def greatest_common_divisor(q: GreatestCommonDivisor) -> Solution:
    numbers = q.numbers
    g = math.gcd(*numbers)
    steps: list[str] = []
    x, y = numbers[0], numbers[1]
    while y and len(steps) < 6:
        steps.append(f"{x} = {x // y} × {y} + {x % y}")
        x, y = y, x % y
    if y:
        steps.append("and so on")
    shown = ", ".join(str(n) for n in numbers)
    euclid = "; ".join(steps) if steps else f"one number is 0, so the GCD is {g}"
    reasoning = (
        f"Find the greatest common divisor of {shown} with the Euclidean algorithm.\n"
        f"{euclid}.\n"
        f"The last non-zero remainder is the GCD: GCD({shown}) = {g}."
    )
    return Solution(str(g), reasoning)


@dataclass(frozen=True)
class IsComposite:
    """Whether ``n`` is composite: Yes or No."""

    n: int

    def __post_init__(self) -> None:
        unsigned(self.n)
        require_trial_division(max(self.n, 1))

    def wording(self) -> str:
        return f"Is {self.n} composite?"


@register(T, "is_composite", loosen(r"^Is (\d+) composite ?\?$"))
def _is_composite(m: re.Match[str], p: Problem) -> IsComposite:
    return IsComposite(int(m.group(1)))


@solves(
    T,
    "is_composite",
    IsComposite,
    goal="determine whether the number is composite",
    drawn=drawn(n=(2, 250)),
)
def is_composite(q: IsComposite) -> Solution:
    n = q.n
    if n < 2:
        answer, why = "No", f"{n} is neither prime nor composite."
    elif _is_prime(n):
        answer, why = "No", f"{n} is prime: its only divisors are 1 and {n}."
    else:
        f = _smallest_factor(n)
        answer, why = "Yes", f"{n} = {f} × {n // f}, so it has a divisor other than 1 and itself."
    reasoning = (
        f"A composite number has a divisor other than 1 and itself. Check {n}.\n{why}\n"
        f"Answer: {answer}"
    )
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class SimplifySquareRoot:
    """``√n`` with its largest square factor taken out."""

    n: int

    def __post_init__(self) -> None:
        if self.n <= 0:
            raise Unreadable("not a positive radicand")
        require_trial_division(self.n)  # the square part is found by trial division

    def wording(self) -> str:
        return rf"Simplify \sqrt{{{self.n}}}"


@register(T, "simplify_square_root", loosen(r"^(?:Simplify )?\\sqrt\{(\d+)\}$"))
def _simplify_square_root(m: re.Match[str], p: Problem) -> SimplifySquareRoot:
    return SimplifySquareRoot(int(m.group(1)))


def _square_part(n: int) -> tuple[int, int]:
    """(a, b) with n = a² · b and b square-free."""
    a, b, f = 1, n, 2
    while f * f <= b:
        while b % (f * f) == 0:
            a *= f
            b //= f * f
        f += 1
    return a, b


def _surd_drawn(q: SimplifySquareRoot) -> bool:
    a, b = _square_part(q.n)
    return a != 1 and b != 1


# our port of the upstream generator: n in 1..100, redrawn until the root is a·√b
@solves(
    T,
    "simplify_square_root",
    SimplifySquareRoot,
    goal="simplify the square root",
    drawn=drawn(n=(8, 99), rules={"n has a square factor and is not a square": _surd_drawn}),
)
def simplify_square_root(q: SimplifySquareRoot) -> Solution:
    n = q.n
    a, b = _square_part(n)
    if b == 1:
        answer = str(a)
    elif a == 1:
        answer = rf"\sqrt{{{b}}}"
    else:
        answer = rf"{a}\sqrt{{{b}}}"
    reasoning = (
        f"Simplify √{n} by taking out the largest perfect-square factor.\n"
        f"{n} = {a * a} × {b}, and {a * a} = {a}².\n"
        f"So √{n} = √{a * a} × √{b} = {a}√{b}" + (f" = {a}" if b == 1 else "") + ".\n"
        f"Answer: {answer}"
    )
    return Solution(answer, reasoning)


QUIRKS = {
    "fraction_to_decimal": "answer is Python's round(a / b, 2) printed with str(), so 0.5 not "
    "0.50 and 2.0 for whole numbers; banker's-style float rounding is reproduced by "
    "evaluating the same float expression",
    "fraction_multiplication": "when the product is a whole number the generator prints "
    "\\frac{num}{den} unreduced (num over gcd, which equals den), e.g. \\frac{12}{4}; "
    "otherwise it prints the reduced fraction",
    "cube_root": "answer is str(round(b ** (1 / 3), 2)); for perfect cubes the float root is "
    "slightly below the integer, e.g. 1000 gives 10.0",
    "percentage": "answer is '{:.2f}'.format(a / 100 * b) (always two decimals)",
    "power_of_powers": "b^{p^{q}} is answered as b^{p*q}, i.e. read as (b^p)^q; the answer "
    "keeps the LaTeX braces: 25^{7}",
    "percentage_difference": "relative to the mean of the two values, round(.., 2), printed "
    "with a trailing %: 65.75%",
    "percentage_error": "printed with a LaTeX-escaped percent sign: 97.87\\% (upstream GitHub "
    "HEAD prints 97.87% instead; the question text is identical, so 1.5.0's form is used)",
    "exponentiation": "1.5.0 asks '13^7 =' and upstream '9^{5}='; both are accepted",
    "simplify_square_root": "not in PyPI 1.5.0; our generator follows upstream: \\sqrt{63} -> "
    "3\\sqrt{7}, only numbers with both a square factor and a non-square part",
}
