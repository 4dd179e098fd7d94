"""Engine recognizers for mathgenerator's ``algebra`` topic."""

from __future__ import annotations

import re
from fractions import Fraction

from logicnet.engine.core import Problem, register

T = "algebra"


@register(T, "basic_algebra", r"^(-?\d+)x \+ (-?\d+) = (-?\d+)$")
def basic_algebra(m: re.Match[str], p: Problem) -> tuple[str, str] | None:
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
    return answer, reasoning


QUIRKS = {
    "basic_algebra": "when a divides c - b the generator answers c - b instead of (c - b)/a; "
    "the engine gives the generator's answer (what validators compare) and the true x in "
    "its reasoning",
}
