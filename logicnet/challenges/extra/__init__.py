"""Our own generators for the docs/network.md §9 subtopics that PyPI mathgenerator 1.5.0 lacks.

Each returns ``(problem, solution)`` like mathgenerator does (``$``-wrapped
LaTeX-ish strings), drawing from the ``random.Random`` it is given.
"""

from __future__ import annotations

import random
from collections.abc import Callable

__all__ = ["EXTRA_GENERATORS"]

Generator = Callable[[random.Random], tuple[str, str]]

EXTRA_GENERATORS: dict[tuple[str, str], Generator] = {}
