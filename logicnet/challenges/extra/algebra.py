"""Algebra generators that PyPI mathgenerator 1.5.0 lacks, in the upstream GitHub style.

Validators install mathgenerator from its GitHub master, whose ``algebra.py``
has ``line_equation_from_2_points`` and ``orthogonal_projection``. These
functions draw the same parameter ranges and print the same question and
answer text, including upstream's formatting habits (an integer intercept is
always signed, so a zero intercept prints ``+0``; fractions are ``\\frac{p}{q}``
with the sign on the numerator), so the engine can be tested against them.
"""

from __future__ import annotations

import random
from fractions import Fraction

from logicnet.challenges.extra import EXTRA_GENERATORS

__all__ = ["line_equation_from_2_points", "orthogonal_projection"]


def _signed_term(value: Fraction) -> str:
    """An intercept as upstream appends it: ``+3``, ``-2``, ``+0``, ``-\\frac{16}{17}``."""
    if value.denominator == 1:
        return f"{value.numerator:+d}"
    sign = "+" if value > 0 else "-"
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def line_equation_from_2_points(rng: random.Random) -> tuple[str, str]:
    """The line through two integer points in -20..20 with distinct x, as ``y=mx+c``."""
    x1 = x2 = 0
    while x1 == x2:  # upstream redraws a vertical line
        x1 = rng.randint(-20, 20)
        x2 = rng.randint(-20, 20)
    y1 = rng.randint(-20, 20)
    y2 = rng.randint(-20, 20)
    slope = Fraction(y2 - y1, x2 - x1)
    intercept = Fraction(y1 * (x2 - x1) - (y2 - y1) * x1, x2 - x1)
    tail = _signed_term(intercept)
    problem = (
        f"Find the equation of the line passing through the points $({x1},{y1})$ and $({x2},{y2})$."
    )
    if slope == 0:
        answer = f"y={tail}"
    elif slope.denominator == 1:
        lead = {1: "", -1: "-"}.get(slope.numerator, str(slope.numerator))
        answer = f"y={lead}x{tail}"
    else:
        answer = f"y=\\frac{{{slope.numerator}}}{{{slope.denominator}}}x{tail}"
    return problem, f"${answer}$"


def _entry(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"\\frac{{{value.numerator}}}{{{value.denominator}}}"


def orthogonal_projection(rng: random.Random) -> tuple[str, str]:
    """Project an integer 2-vector onto another (entries -10..10) as exact fractions."""
    v = [rng.randint(-10, 10) for _ in range(2)]
    u = [0, 0]
    while u == [0, 0]:  # upstream divides by |u|^2 and would fail on the zero vector
        u = [rng.randint(-10, 10) for _ in range(2)]
    scale = Fraction(v[0] * u[0] + v[1] * u[1], u[0] * u[0] + u[1] * u[1])
    projection = [_entry(scale * u[0]), _entry(scale * u[1])]
    problem = f"Find the orthogonal projection of ${v}$ onto ${u}$"
    return problem, f"$[{projection[0]}, {projection[1]}]$"


EXTRA_GENERATORS[("algebra", "line_equation_from_2_points")] = line_equation_from_2_points
EXTRA_GENERATORS[("algebra", "orthogonal_projection")] = orthogonal_projection
