"""Our generators for ``computer_science`` subtopics that PyPI mathgenerator 1.5.0 lacks.

Formats follow the upstream GitHub version of mathgenerator: "What is the 14th
Tribonacci number?" answers ``$504$``, counting the sequence 0, 0, 1, 1, 2, 4, ...
from the 1st term.
"""

from __future__ import annotations

import random

from logicnet.challenges.extra import EXTRA_GENERATORS

__all__ = ["nth_tribonacci_number"]


def _tribonacci(n: int) -> int:
    """The n-th term (1-based) of 0, 0, 1, 1, 2, 4, 7, ..."""
    a, b, c = 0, 0, 1
    for _ in range(n - 1):
        a, b, c = b, c, a + b + c
    return a


def nth_tribonacci_number(
    rng: random.Random, min_length: int = 1, max_length: int = 80
) -> tuple[str, str]:
    n = rng.randint(min_length, max_length)
    return f"What is the {n}th Tribonacci number?", f"${_tribonacci(n)}$"


EXTRA_GENERATORS[("computer_science", "nth_tribonacci_number")] = nth_tribonacci_number
