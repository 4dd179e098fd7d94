"""Engine recognizers for mathgenerator's ``algebra`` topic.

Answers reproduce the generator's printed strings. Where the generator computes
with floats (interest, quadratic roots, complex products) the same float
expression is evaluated on the numbers read from the question, so the last
digit agrees; everything else is exact integer or ``Fraction`` arithmetic.

The seed guide installs mathgenerator from GitHub, whose newer wording differs
for a few subtopics ("Solve for x: ...", "Find the determinant of ...",
"Simplify: ... for x = 3", one-variable linear systems, ``\\frac`` slopes).
Those wordings are recognised too when the question text says which one it is.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from logicnet.engine.bounds import (
    MAX_INVERSE_DIM,
    MAX_MATRIX_DIM,
    MAX_NUMBER_DIGITS,
    MAX_POLY_TERMS,
    digits,
    require_at_most,
    require_power,
)
from logicnet.engine.core import Problem, hinted, register

__all__ = ["QUIRKS", "parse_terms"]

T = "algebra"

Result = tuple[str, str] | tuple[str, str, str] | None

_MATRIX = r"\\begin\{bmatrix\} (.+?) \\end\{bmatrix\}"
_TERM = re.compile(r"(\d+)x\^\{(\d+)\}")


# ---------------------------------------------------------------- shared helpers


def parse_terms(text: str) -> list[tuple[int, int]]:
    """``7x^{16} + 1x^{12}`` -> [(7, 16), (1, 12)]; ValueError when it is not that shape."""
    parts = text.split(" + ")
    terms = [_TERM.fullmatch(part) for part in parts]
    if not all(terms):
        raise ValueError(text)
    return [(int(t.group(1)), int(t.group(2))) for t in terms if t]


def _slash(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _tex(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else rf"\frac{{{q.numerator}}}{{{q.denominator}}}"


def _read_matrix(body: str) -> list[list[int]]:
    rows = [[int(cell) for cell in row.split(" & ")] for row in body.split(r" \\ ")]
    if len({len(row) for row in rows}) != 1:
        raise ValueError("ragged matrix")
    return rows


def _bmatrix(rows: list[list[str]]) -> str:
    return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(r) for r in rows) + r" \end{bmatrix}"


def _plain(rows: list[list[str]]) -> str:
    return "[" + "; ".join(", ".join(r) for r in rows) + "]"


def _p(value: object) -> str:
    """A number for working shown in the reasoning: negatives in parentheses."""
    text = str(value)
    return f"({text})" if text.startswith("-") else text


def _combo(pairs: list[tuple[int | Fraction, str]]) -> str:
    """``[(14, "x"), (-12, "y"), (3, "")]`` -> ``14x − 12y + 3`` for the reasoning."""
    out = ""
    for coef, var in pairs:
        if coef == 0:
            continue
        mag = abs(coef)
        body = (str(mag) if mag != 1 or not var else "") + var
        if not out:
            out = ("-" if coef < 0 else "") + body
        else:
            out += (" − " if coef < 0 else " + ") + body
    return out or "0"


def _sign_int(z: int) -> str:
    """The generators' ``intParser``: ``+3``, ``-3``, and nothing at all for zero."""
    return f"+{z}" if z > 0 else (f"-{-z}" if z < 0 else "")


# ---------------------------------------------------------------- linear equations


@register(T, "basic_algebra", r"^(-?\d+)x \+ (-?\d+) = (-?\d+)$")
def basic_algebra(m: re.Match[str], p: Problem) -> Result:
    a, b, c = (int(g) for g in m.groups())
    if a == 0:
        return None
    x = Fraction(c - b, a)
    exact = str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    # Generator quirk: when a divides c - b (a != 0) it prints c - b itself, not the quotient.
    answer = "0" if c == b else (str(c - b) if (c - b) % a == 0 else exact)
    reasoning = (
        f"We solve {a}x + {b} = {c} for x.\n"
        f"Subtract {b} from both sides: {a}x = {c - b}.\n"
        f"Divide both sides by {a}: x = {c - b}/{a} = {exact}.\n"
        f"So x = {exact}."
    )
    return answer, reasoning, exact


@register(T, "basic_algebra", r"^Solve for x: (\d+)x \+ (\d+) = (\d+)$")
def basic_algebra_github(m: re.Match[str], p: Problem) -> Result:
    a, b, c = (int(g) for g in m.groups())
    if a == 0:
        return None
    if p.topic_hint is None and c != b and (c - b) % a == 0 and a != 1:
        # Unwrapped, "Solve for x: 7x + 3 = 10" is far more often a paraphrase of PyPI's
        # "7x + 3 = 10" (whose quirk prints 7) than a raw GitHub question (1.0): the two
        # disagree here, so this reading declines and the paraphrase reader decides.
        return None
    # The GitHub version always ends with eval("(c-b)/a"): a float, "0.5" or "3.0".
    answer = str((c - b) / a)
    reasoning = (
        f"We solve {a}x + {b} = {c} for x.\n"
        f"Subtract {b}: {a}x = {c - b}. Divide by {a}: x = {c - b}/{a} = {answer}."
    )
    return answer, reasoning


def _linear_side(text: str) -> tuple[int, int, int]:
    """``-18x + -4y = -96`` -> (-18, -4, -96); a zero coefficient's term is omitted."""
    lhs, rhs = text.split("=")
    coef = {"x": 0, "y": 0}
    for part in filter(None, (s.strip() for s in lhs.split(" + "))):
        term = re.fullmatch(r"(-?\d+)([xy])", part)
        if term is None or coef[term.group(2)]:
            raise ValueError(part)
        coef[term.group(2)] = int(term.group(1))
    return coef["x"], coef["y"], int(rhs)


@register(T, "linear_equations", r"^Given the equations (.*?) and (.*?), solve for (x and y|x|y)$")
def linear_equations(m: re.Match[str], p: Problem) -> Result:
    a1, b1, c1 = _linear_side(m.group(1))
    a2, b2, c2 = _linear_side(m.group(2))
    det = a1 * b2 - a2 * b1
    if det == 0:
        return None  # infinitely many solutions: the generator's pick is not in the text
    x = Fraction(c1 * b2 - c2 * b1, det)
    y = Fraction(a1 * c2 - a2 * c1, det)
    want = m.group(3).lower()
    answer = {"x": _slash(x), "y": _slash(y)}.get(want, f"x = {_slash(x)}, y = {_slash(y)}")
    reasoning = (
        f"We solve the system {_combo([(a1, 'x'), (b1, 'y')])} = {c1} and "
        f"{_combo([(a2, 'x'), (b2, 'y')])} = {c2}.\n"
        f"By Cramer's rule the determinant is {a1}·{_p(b2)} − {_p(a2)}·{_p(b1)} = {det}.\n"
        f"x = ({c1}·{_p(b2)} − {_p(c2)}·{_p(b1)}) / {_p(det)} = {_slash(x)}.\n"
        f"y = ({a1}·{_p(c2)} − {_p(a2)}·{_p(c1)}) / {_p(det)} = {_slash(y)}.\n"
        f"So x = {_slash(x)}, y = {_slash(y)}."
    )
    return answer, reasoning


_LINE = re.compile(
    r"y = (?:(?P<m>-?|-?\d+(?:/\d+)?|\\frac\{-?\d+\}\{\d+\})x(?: (?P<s>[+-]) (?P<b>\d+))?"
    r"|(?P<c>-?\d+))"
)


def _read_line(text: str) -> tuple[Fraction, int, bool]:
    """``y = 2/4x + 6`` -> (1/2, 6, False); the flag says the slope was written ``\\frac``."""
    line = _LINE.fullmatch(text)
    if line is None:
        raise ValueError(text)
    if line.group("c") is not None:
        return Fraction(0), int(line.group("c")), False
    raw = line.group("m")
    tex = raw.startswith("\\frac")
    if raw in ("", "-"):
        slope = Fraction(-1 if raw else 1)
    elif tex:
        num, den = re.findall(r"-?\d+", raw)
        slope = Fraction(int(num), int(den))
    else:
        slope = Fraction(raw)
    b = int(line.group("b") or 0) * (-1 if line.group("s") == "-" else 1)
    return slope, b, tex


@register(
    T,
    "intersection_of_two_lines",
    r"^Find the point of intersection of the two lines: (y = .+?) and (y = .+)$",
)
def intersection_of_two_lines(m: re.Match[str], p: Problem) -> Result:
    m1, b1, tex1 = _read_line(m.group(1))
    m2, b2, tex2 = _read_line(m.group(2))
    show = _tex if (tex1 or tex2) else _slash
    if m1 == m2:
        return "No Solution", (
            f"Both lines have slope {_slash(m1)}, so they are parallel (or the same line) "
            "and there is no single point of intersection.\nAnswer: No Solution"
        )
    x = Fraction(b1 - b2) / (m2 - m1)
    y = m1 * x + b1
    reasoning = (
        f"Set the two expressions for y equal: {_combo([(m1, 'x'), (b1, '')])} = "
        f"{_combo([(m2, 'x'), (b2, '')])}.\n"
        f"Then ({_slash(m1)} − {_p(_slash(m2))})x = {b2} − {_p(b1)}, so x = {_slash(x)}.\n"
        f"Substitute back: y = {_p(_slash(m1))}·{_p(_slash(x))} + {_p(b1)} = {_slash(y)}.\n"
        f"The lines meet at ({_slash(x)}, {_slash(y)})."
    )
    return f"({show(x)}, {show(y)})", reasoning


def _intercept(value: Fraction) -> str:
    # Upstream always signs an integer intercept, so a zero intercept prints "+0".
    if value.denominator == 1:
        return f"{value.numerator:+d}"
    sign = "+" if value > 0 else "-"
    return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


@register(
    T,
    "line_equation_from_2_points",
    r"^Find the equation of the line passing through the points "
    r"\((-?\d+), ?(-?\d+)\) and \((-?\d+), ?(-?\d+)\)\.?$",
)
def line_equation_from_2_points(m: re.Match[str], p: Problem) -> Result:
    x1, y1, x2, y2 = (int(g) for g in m.groups())
    if x1 == x2:
        return None
    slope = Fraction(y2 - y1, x2 - x1)
    intercept = y1 - slope * x1
    tail = _intercept(intercept)
    if slope == 0:
        answer = f"y={tail}"
    elif slope.denominator == 1:
        lead = {1: "", -1: "-"}.get(slope.numerator, str(slope.numerator))
        answer = f"y={lead}x{tail}"
    else:
        answer = rf"y=\frac{{{slope.numerator}}}{{{slope.denominator}}}x{tail}"
    reasoning = (
        f"The line passes through ({x1}, {y1}) and ({x2}, {y2}).\n"
        f"Slope m = ({y2} − {_p(y1)}) / ({x2} − {_p(x1)}) = {_slash(slope)}.\n"
        f"Intercept c = y1 − m·x1 = {y1} − {_p(_slash(slope))}·{_p(x1)} = "
        f"{_slash(intercept)}.\n"
        f"So the equation is y = {_combo([(slope, 'x'), (intercept, '')])}."
    )
    return answer, reasoning


# ---------------------------------------------------------------- vectors and matrices

_VEC3 = r"\[(-?\d+), (-?\d+), (-?\d+)\]"


@register(T, "vector_cross", rf"^{_VEC3} ?\\times ?{_VEC3} ?=$")
def vector_cross(m: re.Match[str], p: Problem) -> Result:
    a1, a2, a3, b1, b2, b3 = (int(g) for g in m.groups())
    c = [a2 * b3 - a3 * b2, a3 * b1 - a1 * b3, a1 * b2 - a2 * b1]
    reasoning = (
        f"For a = [{a1}, {a2}, {a3}] and b = [{b1}, {b2}, {b3}], a × b = "
        "[a2·b3 − a3·b2, a3·b1 − a1·b3, a1·b2 − a2·b1].\n"
        f"First: {a2}·{_p(b3)} − {_p(a3)}·{_p(b2)} = {c[0]}.\n"
        f"Second: {a3}·{_p(b1)} − {_p(a1)}·{_p(b3)} = {c[1]}.\n"
        f"Third: {a1}·{_p(b2)} − {_p(a2)}·{_p(b1)} = {c[2]}.\n"
        f"So a × b = {c}."
    )
    return str(c), reasoning


@register(T, "vector_dot", rf"^{_VEC3} ?\\cdot ?{_VEC3} ?=$")
def vector_dot(m: re.Match[str], p: Problem) -> Result:
    a1, a2, a3, b1, b2, b3 = (int(g) for g in m.groups())
    value = a1 * b1 + a2 * b2 + a3 * b3
    reasoning = (
        "The dot product is the sum of the products of matching components:\n"
        f"({a1})({b1}) + ({a2})({b2}) + ({a3})({b3}) = {a1 * b1} + {a2 * b2} + {a3 * b3} "
        f"= {value}.\nSo the dot product is {value}."
    )
    return str(value), reasoning


@register(
    T,
    "orthogonal_projection",
    r"^Find the orthogonal projection of \[(-?\d+), (-?\d+)\] onto \[(-?\d+), (-?\d+)\]$",
)
def orthogonal_projection(m: re.Match[str], p: Problem) -> Result:
    v1, v2, u1, u2 = (int(g) for g in m.groups())
    norm = u1 * u1 + u2 * u2
    if norm == 0:
        return None
    dot = v1 * u1 + v2 * u2
    scale = Fraction(dot, norm)
    proj = [scale * u1, scale * u2]
    reasoning = (
        f"The projection of v = [{v1}, {v2}] onto u = [{u1}, {u2}] is (v·u / u·u) u.\n"
        f"v·u = {v1}·{_p(u1)} + {_p(v2)}·{_p(u2)} = {dot}; "
        f"u·u = {_p(u1)}² + {_p(u2)}² = {norm}.\n"
        f"So the projection is ({dot}/{norm})·[{u1}, {u2}] = "
        f"[{_slash(proj[0])}, {_slash(proj[1])}]."
    )
    return f"[{_tex(proj[0])}, {_tex(proj[1])}]", reasoning


@register(T, "multiply_int_to_22_matrix", rf"^(\d+) ?\* ?{_MATRIX} ?=$")
def multiply_int_to_22_matrix(m: re.Match[str], p: Problem) -> Result:
    k = int(m.group(1))
    rows = _read_matrix(m.group(2))
    out = [[str(k * v) for v in row] for row in rows]
    reasoning = (
        f"Multiplying a matrix by the scalar {k} multiplies every entry by {k}.\n"
        f"{_plain([[str(v) for v in r] for r in rows])} times {k} gives {_plain(out)}.\n"
        f"So the result is {_plain(out)}."
    )
    return _bmatrix(out), reasoning


@register(T, "matrix_multiplication", rf"^Multiply {_MATRIX} and {_MATRIX}$")
def matrix_multiplication(m: re.Match[str], p: Problem) -> Result:
    a, b = _read_matrix(m.group(1)), _read_matrix(m.group(2))
    if len(a[0]) != len(b):
        return None
    for dim in (len(a), len(b), len(b[0])):
        require_at_most(dim, MAX_MATRIX_DIM, "matrix dimension")
    cols = list(zip(*b, strict=True))
    out = [[sum(x * y for x, y in zip(row, col, strict=True)) for col in cols] for row in a]
    first = " + ".join(f"({x})({y})" for x, y in zip(a[0], cols[0], strict=True))
    size = f"{len(a)}×{len(b[0])}"
    shown = [[str(v) for v in row] for row in out]
    result = _plain(shown) if len(a) * len(b[0]) <= 16 else f"the {size} matrix of the answer"
    reasoning = (
        f"A is {len(a)}×{len(b)} and B is {len(b)}×{len(b[0])}, so AB is {size}.\n"
        "Entry (i, j) of AB is the dot product of row i of A with column j of B.\n"
        f"For example, entry (1, 1) = {first} = {out[0][0]}.\n"
        f"Computing every entry the same way gives {result}."
    )
    return _bmatrix(shown), reasoning


@register(T, "int_matrix_22_determinant", rf"^(?:\\det ?|Find the determinant of ){_MATRIX} ?=?$")
def int_matrix_22_determinant(m: re.Match[str], p: Problem) -> Result:
    rows = _read_matrix(m.group(1))
    if len(rows) != 2 or len(rows[0]) != 2:
        return None
    (a, b), (c, d) = rows
    value = a * d - b * c
    reasoning = (
        f"For the 2×2 matrix [[{a}, {b}], [{c}, {d}]] the determinant is ad − bc.\n"
        f"ad = {a}·{d} = {a * d}; bc = {b}·{c} = {b * c}.\n"
        f"So the determinant is {a * d} − {b * c} = {value}."
    )
    return str(value), reasoning


def _inverse(rows: list[list[int]]) -> list[list[Fraction]] | None:
    """Gauss-Jordan over the rationals; None for a singular matrix."""
    n = len(rows)
    work = [
        [Fraction(v) for v in row] + [Fraction(int(i == j)) for j in range(n)]
        for i, row in enumerate(rows)
    ]
    for col in range(n):
        pivot = next((r for r in range(col, n) if work[r][col] != 0), None)
        if pivot is None:
            return None
        work[col], work[pivot] = work[pivot], work[col]
        lead = work[col][col]
        work[col] = [v / lead for v in work[col]]
        for r in range(n):
            if r != col and work[r][col] != 0:
                factor = work[r][col]
                work[r] = [v - factor * w for v, w in zip(work[r], work[col], strict=True)]
    return [row[n:] for row in work]


@register(T, "invert_matrix", rf"^Inverse of Matrix {_MATRIX} is:?$")
def invert_matrix(m: re.Match[str], p: Problem) -> Result:
    rows = _read_matrix(m.group(1))
    if len(rows) != len(rows[0]):
        return None
    require_at_most(len(rows), MAX_INVERSE_DIM, "matrix to invert")
    inverse = _inverse(rows)
    if inverse is None:
        return None
    shown = [[_slash(v) for v in row] for row in inverse]  # sympy prints rationals as p/q
    reasoning = (
        f"We invert A = {_plain([[str(v) for v in r] for r in rows])} by Gauss-Jordan "
        "elimination: row-reduce [A | I] until the left block is the identity; the right "
        "block is then A⁻¹.\n"
        f"This gives A⁻¹ = {_plain(shown)}, and A·A⁻¹ = I checks out."
    )
    return _bmatrix(shown), reasoning


# ---------------------------------------------------------------- numbers


@register(T, "log", r"^log_\{(\d+)\}\((\d+)\) ?=$")
def log(m: re.Match[str], p: Problem) -> Result:
    base, value = int(m.group(1)), int(m.group(2))
    if base < 2 or value < 1:
        return None
    # one multiplication per power of the base tried: at most ~200 for 60 digits
    require_at_most(digits(value), MAX_NUMBER_DIGITS, "logarithm's argument")
    power, exponent = 1, 0
    while power < value:
        power, exponent = power * base, exponent + 1
    if power != value:
        return None
    reasoning = (
        f"log_{base}({value}) asks which power of {base} gives {value}.\n"
        f"{base}^{exponent} = {value}, so log_{base}({value}) = {exponent}."
    )
    return str(exponent), reasoning


_MONEY = (
    r"interest for a principle amount of (\d+) dollars, (\d+)% rate of interest and "
    r"for a time period of (\d+) years is ?=?$"
)


@register(T, "simple_interest", r"^Simple " + _MONEY)
def simple_interest(m: re.Match[str], p: Problem) -> Result:
    principal, rate, years = (int(g) for g in m.groups())
    answer = str(round((principal * rate * years) / 100, 2))
    reasoning = (
        f"Simple interest is I = P·R·T / 100 with P = {principal}, R = {rate}%, T = {years} "
        "years.\n"
        f"I = {principal}·{rate}·{years} / 100 = {principal * rate * years} / 100 = {answer}.\n"
        f"So the simple interest is {answer} dollars."
    )
    return answer, reasoning


@register(T, "compound_interest", r"^Compound " + _MONEY)
def compound_interest(m: re.Match[str], p: Problem) -> Result:
    principal, rate, years = (int(g) for g in m.groups())
    # Generator quirk: the "compound interest" it prints is the final amount P(1 + r/100)^n.
    amount = round(principal * (1 + rate / 100) ** years, 2)
    reasoning = (
        f"With compounding once a year, the amount after {years} years is "
        f"A = P(1 + r/100)^n = {principal}·(1 + {rate}/100)^{years}.\n"
        f"(1.{rate:02d})^{years} ≈ {(1 + rate / 100) ** years:.6f}, so A ≈ {amount}.\n"
        f"The interest earned is A − P ≈ {round(amount - principal, 2)}; the amount is "
        f"{amount} dollars."
    )
    return str(amount), reasoning, str(round(amount - principal, 2))  # plain: the interest


_COMPLEX = r"(\(-?\d+[+-]\d+j\)|-?\d+j)"


@register(T, "multiply_complex_numbers", rf"^{_COMPLEX} ?\* ?{_COMPLEX} ?=$")
def multiply_complex_numbers(m: re.Match[str], p: Problem) -> Result:
    z1, z2 = complex(m.group(1)), complex(m.group(2))
    product = z1 * z2  # the generator multiplies Python complex numbers and prints the repr
    a, b, c, d = int(z1.real), int(z1.imag), int(z2.real), int(z2.imag)
    reasoning = (
        f"Multiply ({_combo([(a, ''), (b, 'i')])})({_combo([(c, ''), (d, 'i')])}) "
        "using i² = −1:\n"
        f"real part = {a}·{_p(c)} − {_p(b)}·{_p(d)} = {a * c - b * d}; "
        f"imaginary part = {a}·{_p(d)} + {_p(b)}·{_p(c)} = {a * d + b * c}.\n"
        f"So the product is {_combo([(a * c - b * d, ''), (a * d + b * c, 'i')])}, "
        f"written {product} in Python's j notation."
    )
    return str(product), reasoning


@register(
    T,
    "quadratic_equation",
    r"^What are the zeros of the quadratic equation (\d+)x\^2 ?\+ ?(\d+)x ?\+ ?(\d+) ?= ?0$",
)
def quadratic_equation(m: re.Match[str], p: Problem) -> Result:
    a, b, c = (int(g) for g in m.groups())
    disc = b * b - 4 * a * c
    if a == 0 or disc < 0:
        return None
    root = math.sqrt(disc)
    # The generator prints a Python set of the two rounded floats (set order and all).
    zeros = {round((-b + root) / (2 * a), 2), round((-b - root) / (2 * a), 2)}
    reasoning = (
        f"For {a}x² + {b}x + {c} = 0 use x = (−b ± √(b² − 4ac)) / 2a.\n"
        f"Discriminant: {b}² − 4·{a}·{c} = {disc}, √{disc} ≈ {root:.4f}.\n"
        f"x = (−{b} ± {root:.4f}) / {2 * a}, giving x ≈ {(-b + root) / (2 * a):.4f} and "
        f"x ≈ {(-b - root) / (2 * a):.4f}.\n"
        f"Rounded to two decimals the zeros are {zeros}."
    )
    return str(zeros), reasoning


@register(
    T,
    "complex_quadratic",
    r"^Find the roots of given Quadratic Equation (\d*)x\^2 \+ (\d*)x \+ (\d+) = 0$",
)
def complex_quadratic(m: re.Match[str], p: Problem) -> Result:
    a, b, c = (int(g) if g else 1 for g in m.groups())
    d = b * b - 4 * a * c
    if a == 0:
        return None
    if d < 0:
        s = math.isqrt(-d)
        r = f"{s}" if s * s == -d else rf"\sqrt{{{-d}}}"
        answer = rf"(\frac{{{-b} + {r}i}}{{2*{a}}}, \frac{{{-b} - {r}i}}{{2*{a}}})"
        exact = f"(−{b} ± {r}i) / {2 * a}"
    else:
        s = math.isqrt(d)
        r1, r2 = round((-b + d**0.5) / (2 * a), 3), round((-b - d**0.5) / (2 * a), 3)
        if s * s == d:
            form = rf"(\frac{{{-b} + {s}}}{{2*{a}}}, \frac{{{-b} - {s}}}{{2*{a}}})"
        else:  # the generator's stray "(" before the second root is part of its answer
            root = rf"\sqrt{{{d}}}"
            form = rf"(\frac{{{-b} + {root}}}{{2*{a}}}, (\frac{{{-b} - {root}}}{{2*{a}}})"
        answer = f"(({r1}, {r2})) = {form}"
        exact = f"(−{b} ± √{d}) / {2 * a} ≈ {r1}, {r2}"
    reasoning = (
        f"For {a}x² + {b}x + {c} = 0 the quadratic formula gives x = (−b ± √(b² − 4ac)) / 2a.\n"
        f"Discriminant: {b}² − 4·{a}·{c} = {d}.\n"
        f"So x = {exact}."
    )
    return answer, reasoning


# ---------------------------------------------------------------- polynomials

_TERMS = r"(\d+x\^\{\d+\}(?: \+ \d+x\^\{\d+\})*)"
_OTHER_READINGS = ("power_rule_differentiation", "power_rule_integration")


@register(T, "combine_like_terms", rf"^{_TERMS}$")
def combine_like_terms(m: re.Match[str], p: Problem) -> Result:
    terms = parse_terms(m.group(1))
    if any(hinted(p, other) for other in _OTHER_READINGS):
        return None
    # The same text is a power-rule question (<= 5 terms, exponents <= 10): without the
    # wrapper's subtopic only a text that cannot be one is certainly ours.
    certain = len(terms) > 5 or any(e > 10 for _, e in terms)
    if not (certain or hinted(p, "combine_like_terms")):
        return None
    total: dict[int, int] = {}
    for coef, exp in terms:
        total[exp] = total.get(exp, 0) + coef
    answer = " + ".join(f"{total[e]}x^{{{e}}}" for e in sorted(total))
    repeated = sorted(e for e in total if sum(1 for _, x in terms if x == e) > 1)
    note = (
        (
            "Terms with the same power are added: "
            + ", ".join(f"x^{e}: {total[e]}" for e in repeated)
            + ".\n"
        )
        if repeated
        else ("No two terms share a power, so nothing adds up; we only sort them.\n")
    )
    reasoning = (
        "Like terms have the same power of x; we add their coefficients and list the powers "
        f"in increasing order.\n{note}Result: {answer}"
    )
    return answer, reasoning


@register(T, "combine_like_terms", rf"^Simplify: {_TERMS} for x = (\d+)$")
def combine_like_terms_github(m: re.Match[str], p: Problem) -> Result:
    terms = parse_terms(m.group(1))
    x = int(m.group(2))
    require_at_most(len(terms), MAX_POLY_TERMS, "terms")
    for c, e in terms:
        require_power(x, e, c)
    value = sum(c * x**e for c, e in terms)
    reasoning = (
        f"Combine like terms, then substitute x = {x}.\n"
        + " + ".join(f"{c}·{x}^{e}" for c, e in terms)
        + f" = {value}.\n"
        f"So the value is {value}."
    )
    return str(value), reasoning


@register(T, "expanding", r"^\((-?\d*)x([+-]\d+)?\) ?\((-?\d*)x([+-]\d+)?\)$")
def expanding(m: re.Match[str], p: Problem) -> Result:
    def coef(text: str) -> int:
        # "x" is a coefficient of 1 (the generator also prints a 0 coefficient that way).
        return {"": 1, "-": -1}.get(text, 0) or int(text)

    if m.group(1) == "":
        # the generator prints both a = 1 and a = 0 as "(x...": either answer is a guess
        return None
    a, b = coef(m.group(1)), coef(m.group(3))
    x1, x2 = int(m.group(2) or 0), int(m.group(4) or 0)
    sq, mid, const = a * b, a * x2 + b * x1, x1 * x2
    lead = _sign_int(sq)
    lead = "" if lead == "+1" else lead.lstrip("+")
    middle = _sign_int(mid)
    middle = "" if middle == "+1" else middle
    # Generator quirks kept: "-1x^2", "-1x", and an empty middle coefficient for 0 or +1.
    answer = f"{lead}x^2{middle}x{_sign_int(const)}"
    reasoning = (
        f"Expand ({_combo([(a, 'x'), (x1, '')])})({_combo([(b, 'x'), (x2, '')])}) term by "
        "term (FOIL).\n"
        f"x²: {a}·{_p(b)} = {sq}. x: {a}·{_p(x2)} + {_p(b)}·{_p(x1)} = {mid}. "
        f"constant: {x1}·{_p(x2)} = {const}.\n"
        f"So the product is {_combo([(sq, 'x²'), (mid, 'x'), (const, '')])}."
    )
    return answer, reasoning


QUIRKS = {
    "basic_algebra": "when a divides c - b the generator answers c - b instead of (c - b)/a; "
    "the engine gives the generator's answer (what validators compare) and the true x in "
    "its reasoning. The GitHub wording 'Solve for x: ...' answers str((c - b)/a), a float.",
    "compound_interest": "the answer labelled compound interest is the final amount "
    "P(1 + r/100)^n, rounded with Python's round(x, 2) on the same float expression.",
    "simple_interest": "round(P*R*T/100, 2) printed as a Python float ('640.2', '300.0').",
    "quadratic_equation": "the answer is the repr of a Python set of the two roots rounded to "
    "2 places, so its order follows float hashing and equal roots collapse to one element.",
    "complex_quadratic": "roots are float-rounded to 3 places inside a doubled tuple "
    "'((r1, r2))', denominators stay unevaluated ('2*7'), and when the discriminant is not a "
    "perfect square a stray '(' precedes the second \\frac.",
    "multiply_complex_numbers": "the answer is Python's complex repr: '(-48-124j)', '5j' "
    "for a zero real part, '-0' for a negative float zero.",
    "intersection_of_two_lines": "slopes are printed unreduced ('2/4x'); answers use a/b, "
    "'No Solution' for equal slopes. The GitHub wording uses \\frac in question and answer.",
    "linear_equations": "when the two equations are dependent (determinant 0) the question "
    "has infinitely many solutions; the engine declines (None) rather than guess.",
    "invert_matrix": "entries are printed as sympy prints rationals (integers here).",
    "combine_like_terms": "the text 'c x^{e} + ...' is also what both power-rule generators "
    "print; without a subtopic in the wrapper it is answered only when it cannot be a "
    "power-rule question (more than 5 terms or an exponent above 10).",
    "expanding": "a leading coefficient of 0 prints as 'x', like 1, in the question (the "
    "answer then differs); the engine answers the written product, with coefficient 1. "
    "Answers keep the generator's '-1x^2', '-1x', and drop a middle coefficient of 0 or +1 "
    "('x^2x+6'). b = 0 makes the generator crash, so the second factor is never ambiguous.",
    "line_equation_from_2_points": "upstream GitHub format: an integer intercept is always "
    "signed, so a zero intercept prints '+0' ('y=2x+0'), horizontal lines print 'y=+5'.",
    "orthogonal_projection": "upstream GitHub format: '[\\frac{-4}{5}, \\frac{7}{5}]' with "
    "the sign on the numerator; whole entries print as integers.",
}
