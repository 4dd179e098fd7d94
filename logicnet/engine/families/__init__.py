"""The engine's topics: one family module (typed problems, the generator's sentences,
solvers) and one reader module (paraphrases) per mathgenerator topic.

Importing a module registers what it defines; ``load_all`` imports both modules of every
topic in ``FAMILIES``, the one list of them.
"""

from __future__ import annotations

import importlib

__all__ = ["FAMILIES", "load_all"]

FAMILIES = (
    "algebra",
    "basic_math",
    "calculus",
    "computer_science",
    "geometry",
    "misc",
    "statistics",
)
_loaded = False


def load_all() -> None:
    """Register every topic's subtopics, recognizers and readers (once)."""
    global _loaded
    if not _loaded:
        for name in FAMILIES:
            importlib.import_module(f"logicnet.engine.families.{name}")
        for name in FAMILIES:
            importlib.import_module(f"logicnet.engine.readers.{name}")
        _loaded = True
