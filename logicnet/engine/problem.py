"""Typed problems: what a reader reads, what a subtopic's solver solves.

A subtopic's problem is a frozen dataclass of its operands as exact values (ints,
``Fraction``s, tuples for vectors and matrix rows). Both ways into the engine make one:
the generator's own sentence (``core.register``: a pattern and a ``parse`` of its match)
and a paraphrase (``reading.reader``: a function of the normalised text). The subtopic's
solver, registered here with ``solves``, answers the object directly; no text is
rendered to be read again.

A problem type has three duties:

- ``__post_init__`` checks the subtopic's own rules (a denominator is not 0, a matrix is
  square) and the engine's bounds, raising ``Unreadable`` when they fail;
- ``wording()`` says the problem in the generator's sentence: shown as the problem the
  engine solved, and compared with the question to see that every number of it was used
  (``reading.unconsumed``), never parsed;
- nothing else: the answer and working come from the solver.

``Unreadable`` is the one refusal a reader, a parse or a solver may raise on purpose. Any
other exception out of them is a bug: tests see it, the engine's worker reports it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

__all__ = [
    "Solution",
    "Subtopic",
    "TypedProblem",
    "Unreadable",
    "goal_of",
    "unsigned",
    "solves",
    "subtopic_of",
    "subtopics",
]


class Unreadable(ValueError):
    """The text or its operands are not this subtopic's problem (or exceed the bounds)."""


def unsigned(*values: int) -> None:
    """Refuse a negative operand where the generator writes whole numbers without a sign
    (its patterns read ``\\d+``, so a paraphrase's "-3" is not its problem)."""
    if any(v < 0 for v in values):
        raise Unreadable("a negative operand")


class TypedProblem(Protocol):
    def wording(self) -> str: ...


@dataclass(frozen=True)
class Solution:
    answer: str  # exactly what the generator would print, without ``$``
    working: str  # short plain lines (``working.present`` casts them in the model's register)
    # The plain mathematical value where the generator's convention answers otherwise
    # (mathgenerator 1.5.0's quirks); "" when the two agree.
    plain: str = ""


@dataclass(frozen=True)
class Subtopic:
    topic: str
    name: str
    problem: type
    solve: Callable[[Any], Solution]
    # what the subtopic asks, as a solution's opening says it ("find the volume of the
    # cube"): ``working.present`` writes it
    goal: str = ""

    @property
    def key(self) -> str:
        return f"{self.topic}/{self.name}"


P = TypeVar("P")

_SUBTOPICS: dict[type, Subtopic] = {}
_lock = threading.Lock()


def solves(
    topic: str, name: str, problem: type[P], goal: str = ""
) -> Callable[[Callable[[P], Solution]], Callable[[P], Solution]]:
    """Decorator: ``fn`` is the one solver of ``problem``, subtopic ``topic/name``.

    ``goal``: what the subtopic asks, said once per subtopic (a second problem type of the
    same subtopic, such as another wording's, leaves it out)."""

    def add(fn: Callable[[P], Solution]) -> Callable[[P], Solution]:
        with _lock:
            if problem in _SUBTOPICS:
                raise RuntimeError(f"{problem.__name__} already has a solver")
            if goal and goal_of(name):
                raise RuntimeError(f"{name} has a goal already")
            _SUBTOPICS[problem] = Subtopic(topic, name, problem, fn, goal)
        return fn

    return add


def goal_of(name: str) -> str:
    """What subtopic ``name`` asks, as its ``solves`` said; "" for one nobody registered."""
    return next((s.goal for s in _SUBTOPICS.values() if s.name == name and s.goal), "")


def subtopic_of(problem: object) -> Subtopic:
    """The registered subtopic of a problem object; a type nobody solves is a bug."""
    try:
        return _SUBTOPICS[type(problem)]
    except KeyError:
        raise TypeError(f"no solver registered for {type(problem).__name__}") from None


def subtopics() -> list[Subtopic]:
    return list(_SUBTOPICS.values())
