"""Engine recognizers for mathgenerator's ``calculus`` topic.

Each subtopic's problem is a typed problem (``logicnet.engine.problem``): the generator's
sentence (``register``) and the paraphrase readers (``readers/calculus.py``) both build
it, and its solver answers it. A polynomial is a tuple of (coefficient, exponent) terms in
the order the question writes them.

Both power-rule generators print the same question text as ``combine_like_terms``
(``7x^{1} + 5x^{9}``), so those parsers build a problem only when the wrapper's
subtopic names them (see ``core.hinted``). ``stationary_points`` answers with
sympy's LaTeX of a set of algebraic numbers; the few shapes that can occur are
rebuilt here without importing sympy.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from logicnet.engine.bounds import (
    MAX_POLY_TERMS,
    require_at_most,
    require_power,
    require_trial_division,
)
from logicnet.engine.core import Problem, hinted, register
from logicnet.engine.families.algebra import parse_terms
from logicnet.engine.families.basic_math import plain_rounding
from logicnet.engine.problem import Solution, Unreadable, drawn, solves

__all__ = [
    "QUIRKS",
    "DefiniteIntegral",
    "PowerRuleDifferentiation",
    "PowerRuleIntegration",
    "StationaryPoints",
    "TrigDifferentiation",
]

T = "calculus"

Terms = tuple[tuple[int, int], ...]

_TERMS = r"(\d+x\^\{\d+\}(?: \+ \d+x\^\{\d+\})*)"


def _read_terms(text: str) -> Terms:
    """``7x^{16} + 1x^{12}`` (a match of ``_TERMS``) -> ((7, 16), (1, 12))."""
    return tuple(parse_terms(text))


def _check_terms(terms: Terms) -> None:
    if not terms:
        raise Unreadable("no terms")
    if any(c < 0 or e < 0 for c, e in terms):
        raise Unreadable("a negative coefficient or exponent")
    require_at_most(len(terms), MAX_POLY_TERMS, "terms")


def _tex_terms(terms: Terms) -> str:
    """The generators' ``7x^{1} + 5x^{9}``."""
    return " + ".join(f"{c}x^{{{e}}}" for c, e in terms)


def _show_terms(terms: list[tuple[Fraction, int]]) -> str:
    """Plain-text polynomial for the reasoning: ``7x^0 + 45x^8`` -> ``7 + 45x^8``."""
    out = []
    for coef, exp in terms:
        c = str(coef.numerator) if coef.denominator == 1 else f"({coef})"
        if exp == 0:
            out.append(c)
            continue
        c = "" if c == "1" else c
        out.append(f"{c}x" if exp == 1 else f"{c}x^{exp}")
    return " + ".join(out)


# ---------------------------------------------------------------- power rules


@dataclass(frozen=True)
class PowerRuleDifferentiation:
    """The derivative of ``terms``; at ``x = at`` in the GitHub wording, else as terms."""

    terms: Terms
    at: int | None = None

    def __post_init__(self) -> None:
        _check_terms(self.terms)
        if self.at is not None:
            if self.at < 0:
                raise Unreadable("a negative x")
            for c, e in self.terms:
                if e:  # a constant term's derivative is 0
                    require_power(self.at, e - 1, c * e)

    def wording(self) -> str:
        if self.at is None:
            return _tex_terms(self.terms)
        return f"Find the derivative of {_tex_terms(self.terms)} at x = {self.at}"


@register(T, "power_rule_differentiation", rf"^{_TERMS}$")
def _power_rule_differentiation(m: re.Match[str], p: Problem) -> PowerRuleDifferentiation | None:
    if not hinted(p, "power_rule_differentiation"):
        return None  # the same text is an integration or combine-like-terms question
    return PowerRuleDifferentiation(_read_terms(m.group(1)))


@register(T, "power_rule_differentiation", rf"^Find the derivative of {_TERMS} at x = (\d+)$")
def _power_rule_differentiation_github(m: re.Match[str], p: Problem) -> PowerRuleDifferentiation:
    return PowerRuleDifferentiation(_read_terms(m.group(1)), int(m.group(2)))


@solves(
    T,
    "power_rule_differentiation",
    PowerRuleDifferentiation,
    goal="find the derivative using the power rule",
    # 1 to 5 terms, coefficients and exponents 1..10; upstream's "at x = N" draws N in 1..20
    drawn=drawn(
        terms=(1, 10),
        lengths={"terms": (1, 5)},
        rules={"x in 1..20": lambda q: q.at is None or 1 <= q.at <= 20},
    ),
)
def power_rule_differentiation(q: PowerRuleDifferentiation) -> Solution:
    terms = q.terms
    derivative = _show_terms([(Fraction(c * e), e - 1) for c, e in terms])
    if q.at is None:
        answer = " + ".join(f"{c * e}x^{{{e - 1}}}" for c, e in terms)
        reasoning = (
            "By the power rule, d/dx (c·x^n) = c·n·x^(n−1); differentiate term by term.\n"
            + "\n".join(f"{c}x^{e} → {c}·{e}x^{e - 1} = {c * e}x^{e - 1}" for c, e in terms)
            + f"\nSo the derivative is {derivative}."
        )
        # plain: a constant term (x^{0}, never drawn) differentiates to 0, not 0x^{-1}
        kept = [f"{c * e}x^{{{e - 1}}}" for c, e in terms if e]
        plain = " + ".join(kept) or "0"
        return Solution(answer, reasoning, plain)
    x = q.at
    value = sum(c * e * x ** (e - 1) for c, e in terms if e)
    reasoning = (
        f"By the power rule the derivative is {derivative}.\n"
        f"At x = {x}: " + " + ".join(f"{c * e}·{x}^{e - 1}" for c, e in terms) + f" = {value}."
    )
    return Solution(str(value), reasoning)


@dataclass(frozen=True)
class PowerRuleIntegration:
    """The antiderivative of ``terms``; ``integrate``: the GitHub wording 'Integrate ...'."""

    terms: Terms
    integrate: bool = False

    def __post_init__(self) -> None:
        _check_terms(self.terms)

    def wording(self) -> str:
        body = _tex_terms(self.terms)
        return f"Integrate {body}" if self.integrate else body


@register(T, "power_rule_integration", rf"^{_TERMS}$")
def _power_rule_integration(m: re.Match[str], p: Problem) -> PowerRuleIntegration | None:
    if not hinted(p, "power_rule_integration"):
        return None  # the same text is a differentiation or combine-like-terms question
    return PowerRuleIntegration(_read_terms(m.group(1)))


@register(T, "power_rule_integration", rf"^Integrate {_TERMS}$")
def _power_rule_integration_github(m: re.Match[str], p: Problem) -> PowerRuleIntegration:
    return PowerRuleIntegration(_read_terms(m.group(1)), integrate=True)


@solves(
    T,
    "power_rule_integration",
    PowerRuleIntegration,
    goal="find the integral using the power rule for integration",
    # both wordings: 1 to 5 terms, coefficients and exponents 1..10
    drawn=drawn(terms=(1, 10), lengths={"terms": (1, 5)}),
)
def power_rule_integration(q: PowerRuleIntegration) -> Solution:
    terms = q.terms
    # Generator quirk: each term prints \frac{c}{n} x^{n+1}, dividing by n instead of n+1.
    answer = " + ".join(rf"\frac{{{c}}}{{{e}}}x^{{{e + 1}}}" for c, e in terms) + " + C"
    exact = _show_terms([(Fraction(c, e + 1), e + 1) for c, e in terms])
    reasoning = (
        "By the power rule for integrals, ∫ c·x^n dx = c/(n+1)·x^(n+1) + C; integrate term "
        "by term.\n"
        + "\n".join(f"∫ {c}x^{e} dx = {c}/{e + 1}·x^{e + 1}" for c, e in terms)
        + f"\nSo the integral is {exact} + C."
    )
    # plain: divide by the new exponent n+1, in the generator's unreduced style
    plain = " + ".join(rf"\frac{{{c}}}{{{e + 1}}}x^{{{e + 1}}}" for c, e in terms) + " + C"
    return Solution(answer, reasoning, plain)


# ---------------------------------------------------------------- trigonometric derivatives

_TRIG = {
    "sin": (r"\cos", "cos x"),
    "cos": (r"-\sin", "−sin x"),
    # The generator's answer keeps doubled braces: its table entries are not f-strings.
    "tan": (r"\sec^{{2}}", "sec² x"),
    "cot": (r"-\csc^{{2}}", "−csc² x"),
    "sec": (r"\sec \cdot \tan", "sec x · tan x"),
    "csc": (r"-\csc \cdot \cot", "−csc x · cot x"),
}


@dataclass(frozen=True)
class TrigDifferentiation:
    """d/dx of one of the six trigonometric functions, by name (``sin`` .. ``csc``)."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in _TRIG:
            raise Unreadable(f"not a trigonometric function: {self.name}")

    def wording(self) -> str:
        return rf"\frac{{d}}{{dx}}(\{self.name})="


@register(T, "trig_differentiation", r"^\\frac\{d\}\{dx\} ?\(\\(sin|cos|tan|cot|sec|csc)\) ?=$")
def _trig_differentiation(m: re.Match[str], p: Problem) -> TrigDifferentiation:
    return TrigDifferentiation(m.group(1).lower())


@solves(
    T,
    "trig_differentiation",
    TrigDifferentiation,
    goal="find the derivative of the trigonometric function",
    drawn=drawn(),  # one of the six functions, no numbers
)
def trig_differentiation(q: TrigDifferentiation) -> Solution:
    name = q.name
    answer, plain = _TRIG[name]
    reasoning = (
        f"We need the derivative of {name} x with respect to x.\n"
        f"This is a standard result: d/dx ({name} x) = {plain}.\n"
        f"So the answer is {plain}."
    )
    return Solution(answer, reasoning)


# ---------------------------------------------------------------- definite integral


@dataclass(frozen=True)
class DefiniteIntegral:
    """∫₀¹ (a·x² + b·x + c) dx."""

    a: int
    b: int
    c: int

    def __post_init__(self) -> None:
        if min(self.a, self.b, self.c) < 0:
            raise Unreadable("the generator's coefficients are not negative")

    def wording(self) -> str:
        return (
            "The definite integral within limits 0 to 1 of the equation "
            f"{self.a}x^2 + {self.b}x + {self.c} ="
        )


@register(
    T,
    "definite_integral",
    r"^The definite integral within limits 0 to 1 of the equation "
    r"(\d+)x\^2 \+ (\d+)x \+ (\d+) ?=$",
)
def _definite_integral(m: re.Match[str], p: Problem) -> DefiniteIntegral:
    a, b, c = (int(g) for g in m.groups())
    return DefiniteIntegral(a, b, c)


# upstream asks the same question over the same coefficients (it rounds to 2 places)
@solves(
    T,
    "definite_integral",
    DefiniteIntegral,
    goal="evaluate the definite integral from 0 to 1",
    drawn=drawn(a=(0, 100), b=(0, 100), c=(0, 100)),
)
def definite_integral(q: DefiniteIntegral) -> Solution:
    a, b, c = q.a, q.b, q.c
    exact = Fraction(a, 3) + Fraction(b, 2) + c
    # The generator rounds scipy's quad result to 4 places; exact /6 values never tie there.
    answer = str(round(float(exact), 4))
    reasoning = (
        f"∫₀¹ ({a}x² + {b}x + {c}) dx = [{a}x³/3 + {b}x²/2 + {c}x] from 0 to 1.\n"
        f"= {a}/3 + {b}/2 + {c} = {exact.numerator}/{exact.denominator} ≈ {answer}."
        if exact.denominator != 1
        else f"∫₀¹ ({a}x² + {b}x + {c}) dx = [{a}x³/3 + {b}x²/2 + {c}x] from 0 to 1.\n"
        f"= {a}/3 + {b}/2 + {c} = {exact}."
    )
    # past float precision (huge coefficients) round the exact value instead
    return Solution(answer, reasoning, plain_rounding(answer, exact, 4))


# ---------------------------------------------------------------- stationary points


@dataclass(frozen=True)
class StationaryPoints:
    """Where the derivative of a polynomial of degree <= 3 vanishes.

    ``terms`` in the order written; ``star``: sympy's ``3*x^3`` (the generator), else the
    GitHub version's ``3x^3``."""

    terms: Terms
    star: bool = True

    def __post_init__(self) -> None:
        _check_terms(self.terms)
        exps = [e for _, e in self.terms]
        if max(exps) > 3 or len(set(exps)) != len(exps):
            raise Unreadable("not a cubic with one term per power")

    def coefficients(self) -> tuple[int, int, int, int]:
        """(c0, c1, c2, c3) of c0 + c1·x + c2·x² + c3·x³."""
        coef = [0, 0, 0, 0]
        for c, e in self.terms:
            coef[e] = c
        return coef[0], coef[1], coef[2], coef[3]

    def polynomial(self) -> str:
        """``3*x^3 + 9*x^2 + x + 7`` (sympy's ``str``), or ``3x^3 + 9x^2 + x + 7``."""
        times = "*" if self.star else ""
        parts = []
        for c, e in self.terms:
            var = "" if e == 0 else ("x" if e == 1 else f"x^{e}")
            parts.append(str(c) if not var else (var if c == 1 else f"{c}{times}{var}"))
        return " + ".join(parts)

    def wording(self) -> str:
        return f"f(x)={self.polynomial()}"


_POLY_TERM = re.compile(r"(?:(\d+)(\*?))?x(?:\^(\d+))?|(\d+)")


def _read_cubic(text: str) -> StationaryPoints | None:
    """sympy's ``3*x^3 + 9*x^2 + x + 7`` (or GitHub's ``3x^3 + ...``), or None."""
    terms = []
    star = True
    for part in text.split(" + "):
        term = _POLY_TERM.fullmatch(part.strip())
        if term is None:
            return None
        if term.group(4) is not None:
            terms.append((int(term.group(4)), 0))
            continue
        if term.group(1) is not None and not term.group(2):
            star = False  # "3x^3": the GitHub version's spelling
        terms.append((int(term.group(1) or 1), int(term.group(3) or 1)))
    return StationaryPoints(tuple(terms), star)


def _latex_rational(q: Fraction) -> str:
    if q.denominator == 1:
        return str(q.numerator)
    sign = "- " if q < 0 else ""
    return rf"{sign}\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"


def _latex_surd(coef: Fraction, radicand: int) -> str:
    """sympy's LaTeX of a positive coef·√radicand: ``\\sqrt{2}``, ``\\frac{2 \\sqrt{7}}{9}``."""
    top = rf"\sqrt{{{radicand}}}"
    if coef.numerator != 1:
        top = f"{coef.numerator} {top}"
    return top if coef.denominator == 1 else rf"\frac{{{top}}}{{{coef.denominator}}}"


def _split_root(n: int) -> tuple[int, int]:
    """n = k²·r with r squarefree -> (k, r)."""
    require_trial_division(n)  # the generator's discriminants are below 1,000
    k, r = 1, n
    f = 2
    while f * f <= r:
        while r % (f * f) == 0:
            r //= f * f
            k *= f
        f += 1
    return k, r


def _stationary(a: int, b: int, c: int) -> tuple[list[str], str]:
    """Real roots of a·x² + b·x + c (b >= 0) as sympy prints them, ascending; plus working."""
    if a == 0:
        if b == 0:
            raise Unreadable("a constant derivative: no stationary points, or all of them")
        root = Fraction(-c, b)
        return [_latex_rational(root)], f"{b}x + {c} = 0 gives x = {root}."
    disc = b * b - 4 * a * c
    if disc < 0:
        raise Unreadable("no real stationary points: the generator would have redrawn")
    centre = Fraction(-b, 2 * a)
    if disc == 0:
        return [_latex_rational(centre)], f"The discriminant is 0, so x = {centre}."
    s = math.isqrt(disc)
    if s * s == disc:
        lo, hi = sorted((Fraction(-b - s, 2 * a), Fraction(-b + s, 2 * a)))
        return [_latex_rational(lo), _latex_rational(hi)], (
            f"The discriminant is {disc} = {s}², so x = {lo} or x = {hi}."
        )
    if centre > 0:
        raise Unreadable("sympy's term order for a positive rational part is not modelled")
    k, r = _split_root(disc)
    surd = _latex_surd(Fraction(k, 2 * a), r)
    if centre == 0:
        roots = [f"- {surd}", surd]
    else:
        roots = [f"{_latex_rational(centre)} - {surd}", f"{_latex_rational(centre)} + {surd}"]
    return roots, f"The discriminant is {disc}, so x = ({-b} ± √{disc}) / {2 * a}."


@register(T, "stationary_points", r"^f\(x\) ?= ?(.+)$")
def _stationary_points(m: re.Match[str], p: Problem) -> StationaryPoints | None:
    return _read_cubic(m.group(1))


def _has_stationary(q: StationaryPoints) -> bool:
    """The generator redraws a polynomial with no real stationary point, and fails on a
    constant one."""
    _, c1, c2, c3 = q.coefficients()
    if c3 == 0:
        return c2 != 0
    return 4 * c2 * c2 - 12 * c3 * c1 >= 0


# both wordings: f = c0 + c1·x + c2·x² + c3·x³ with each c in 0..10, zero terms left out
@solves(
    T,
    "stationary_points",
    StationaryPoints,
    goal="find the stationary points of the function",
    drawn=drawn(
        lengths={"terms": (1, 4)},
        rules={
            "coefficients in 1..10": lambda q: all(1 <= c <= 10 for c, _ in q.terms),
            "f has a real stationary point": _has_stationary,
        },
    ),
)
def stationary_points(q: StationaryPoints) -> Solution:
    c0, c1, c2, c3 = q.coefficients()
    # f'(x) = 3·c3·x² + 2·c2·x + c1
    roots, working = _stationary(3 * c3, 2 * c2, c1)
    answer = "{" + ", ".join(roots) + "}"
    reasoning = (
        f"Stationary points are where f'(x) = 0. For f(x) = {q.polynomial()}:\n"
        f"f'(x) = {3 * c3}x² + {2 * c2}x + {c1}.\n"
        f"Solve f'(x) = 0: {working}\n"
        f"So the stationary points are at x ∈ {answer}."
    )
    return Solution(answer, reasoning)


QUIRKS = {
    "power_rule_differentiation": "the text is identical to power_rule_integration's and "
    "combine_like_terms' questions; answered only when the wrapper names the subtopic. "
    "Terms keep their order and print x^{0} / x^{1}. The GitHub wording 'Find the "
    "derivative of ... at x = N' evaluates each term at its own hidden x; only the last is "
    "shown, so multi-term answers there are answered with the true f'(N).",
    "power_rule_integration": "each term prints \\frac{c}{n}x^{n+1}: the generator divides by "
    "the old exponent n, not n+1; the engine prints the same, the reasoning the true "
    "integral. Same ambiguity with the other polynomial questions as above.",
    "trig_differentiation": "answers keep doubled braces from non-f-string table entries: "
    "'\\sec^{{2}}', '-\\csc^{{2}}'.",
    "definite_integral": "scipy quad result rounded to 4 places, printed as a float "
    "('117.8333', '90.0'); the GitHub version rounds to 2 places for the same question.",
    "stationary_points": "answer is sympy.latex of a FiniteSet with its '\\left\\{' and "
    "'\\right\\}' cut off and a '}' appended: '{- \\frac{5}{3}, - \\frac{1}{3}}', roots in "
    "ascending order, surds as '- \\frac{8}{9} - \\frac{2 \\sqrt{7}}{9}'.",
}
