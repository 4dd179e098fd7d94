"""One module per mathgenerator topic; importing a module registers its recognizers."""

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
    global _loaded
    if not _loaded:
        for name in FAMILIES:
            importlib.import_module(f"logicnet.engine.families.{name}")
        _loaded = True
