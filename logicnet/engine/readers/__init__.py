"""Paraphrase readers, one module per mathgenerator topic (see ``logicnet.engine.reading``).

Each module registers, per subtopic, the cues that say the subtopic is asked and a
function that renders the question's operands in the generator's own wording.
"""

from __future__ import annotations

import importlib

__all__ = ["READER_FAMILIES", "load_readers"]

READER_FAMILIES = (
    "algebra",
    "basic_math",
    "calculus",
    "computer_science",
    "geometry",
    "misc",
    "statistics",
)
_loaded = False


def load_readers() -> None:
    global _loaded
    if not _loaded:
        for name in READER_FAMILIES:
            importlib.import_module(f"logicnet.engine.readers.{name}")
        _loaded = True
