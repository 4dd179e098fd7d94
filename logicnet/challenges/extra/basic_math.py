"""Our generators for ``basic_math`` subtopics that PyPI mathgenerator 1.5.0 lacks.

Formats follow the upstream GitHub version of mathgenerator (question
``$\\sqrt{63}$``, answer ``$3\\sqrt{7}$``).
"""

from __future__ import annotations

import random

from logicnet.challenges.extra import EXTRA_GENERATORS

__all__ = ["simplify_square_root"]


def _square_part(n: int) -> tuple[int, int]:
    """(a, b) with n = a^2 * b and b square-free."""
    outside, inside, f = 1, n, 2
    while f * f <= inside:
        while inside % (f * f) == 0:
            outside *= f
            inside //= f * f
        f += 1
    return outside, inside


def simplify_square_root(rng: random.Random, max_variable: int = 100) -> tuple[str, str]:
    """sqrt(y) = a sqrt(b), drawn until neither a nor b is 1 (as upstream does)."""
    while True:
        y = rng.randint(1, max_variable)
        a, b = _square_part(y)
        if a != 1 and b != 1:
            return rf"$\sqrt{{{y}}}$", rf"${a}\sqrt{{{b}}}$"


EXTRA_GENERATORS[("basic_math", "simplify_square_root")] = simplify_square_root
