"""Drawing one mathgenerator problem for a (topic, subtopic), reproducibly."""

from __future__ import annotations

import importlib
import random

from logicnet.challenges.extra import EXTRA_GENERATORS
from logicnet.challenges.topics import MISSING_FROM_PYPI
from logicnet.challenges.wrap import strip_dollars
from logicnet.errors import GeneratorFailed

__all__ = ["GeneratorFailed", "draw_problem", "generate_problem"]


def _load_extras() -> None:
    for family in ("algebra", "basic_math", "geometry", "misc", "computer_science"):
        try:
            importlib.import_module(f"logicnet.challenges.extra.{family}")
        except ModuleNotFoundError:
            continue


def generate_problem(topic: str, subtopic: str, seed: int) -> tuple[str, str]:
    """(question, ground truth), both with `$` removed, for this seed.

    mathgenerator draws from the global ``random`` module, so its state is
    saved and restored around the call.
    """
    if (topic, subtopic) in MISSING_FROM_PYPI:
        _load_extras()
        extra = EXTRA_GENERATORS[(topic, subtopic)]  # a missing one is our bug: let it raise
    try:
        if (topic, subtopic) in MISSING_FROM_PYPI:
            question, answer = extra(random.Random(seed))
        else:
            import mathgenerator

            state = random.getstate()
            try:
                random.seed(seed)
                question, answer = getattr(getattr(mathgenerator, topic), subtopic)()
            finally:
                random.setstate(state)
    except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
        raise GeneratorFailed(f"{topic}/{subtopic} seed {seed}: {exc!r}") from exc
    return strip_dollars(str(question)), strip_dollars(str(answer))


def draw_problem(topic: str, subtopic: str, seed: int, tries: int = 20) -> tuple[str, str]:
    """Like ``generate_problem``, moving on to the next seed when the generator crashes."""
    for offset in range(tries):
        try:
            return generate_problem(topic, subtopic, seed + offset)
        except GeneratorFailed:
            continue
    raise GeneratorFailed(f"{topic}/{subtopic}: {tries} draws in a row crashed")
