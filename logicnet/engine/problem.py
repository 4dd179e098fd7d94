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

A subtopic also says which operands mathgenerator 1.5.0 draws when called with its default
parameters, as the network calls it (``drawn``; docs/conventions.md). Only a problem inside
those ranges can be a generator's challenge, so only there does the engine answer in the
generator's convention, quirks included; outside them it answers in plain mathematics
(``Solution.plain``), or refuses where the subtopic has no plain answer (``outside="refuse"``).

``Unreadable`` is the one refusal a reader, a parse or a solver may raise on purpose. Any
other exception out of them is a bug: tests see it, the engine's worker reports it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from fractions import Fraction
from typing import Any, Protocol, TypeVar

__all__ = [
    "Drawn",
    "Solution",
    "Subtopic",
    "TypedProblem",
    "Unreadable",
    "drawn",
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
    # What the generator's question hides that its answer is about ("the number of terms"),
    # so that no one can know the answer it scores; "" for a question that shows it all.
    hidden: str = ""


Number = int | float | Fraction
# inclusive bounds on every number a field holds, or the only values it may take
Bound = tuple[Number, Number] | frozenset[Number]


def _numbers(value: object) -> Iterator[Number]:
    """Every number inside a field's value: itself, or the items of tuples (vectors, matrix
    rows) at any depth. A string or other value in a bounded field is a declaration bug."""
    if isinstance(value, bool):
        raise TypeError("a flag is not an operand to bound")
    if isinstance(value, int | float | Fraction):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _numbers(item)
    else:
        raise TypeError(f"cannot bound a {type(value).__name__}")


def _shown(bound: Bound) -> str:
    if isinstance(bound, frozenset):
        return "{" + ", ".join(str(v) for v in sorted(bound)) + "}"
    return f"{bound[0]}..{bound[1]}"


@dataclass(frozen=True)
class Drawn:
    """The operands mathgenerator 1.5.0 draws with its default parameters (from its source):
    bounds on the numbers of named fields, on the lengths of others, and relations between
    fields (``rules``: a description and a test, "b <= c"). Fields not named are free."""

    values: Mapping[str, Bound] = field(default_factory=dict)
    lengths: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    rules: Mapping[str, Callable[[Any], bool]] = field(default_factory=dict)

    def outside(self, problem: object) -> str:
        """ "" when the generator could have drawn ``problem``; otherwise the first operand
        that it could not, said for a person ("c = 19 is outside the generator's range 1..10")."""
        for name, bound in self.values.items():
            value = getattr(problem, name)
            for number in _numbers(value):
                inside = (
                    number in bound
                    if isinstance(bound, frozenset)
                    else bound[0] <= number <= bound[1]
                )
                if not inside:
                    said = (
                        f"an item of {name} ({number})"
                        if isinstance(value, tuple | list)
                        else f"{name} = {number}"
                    )
                    return f"{said} is outside the generator's range {_shown(bound)}"
        for name, (low, high) in self.lengths.items():
            size = len(getattr(problem, name))
            if not low <= size <= high:
                return f"{name} has {size} items, not {low}..{high}"
        for said, holds in self.rules.items():
            if not holds(problem):
                return f"outside the generator's draws: {said}"
        return ""

    def describe(self) -> str:
        """The ranges in one line, for docs/conventions.md and ``--help``."""
        parts = [f"{n} in {_shown(b)}" for n, b in self.values.items()]
        parts += [f"len({n}) in {lo}..{hi}" for n, (lo, hi) in self.lengths.items()]
        parts += list(self.rules)
        return ", ".join(parts) or "no operands"

    def check(self, problem_type: type) -> None:
        """Every named field exists on the problem type (a misspelt name is a bug)."""
        if not is_dataclass(problem_type):
            return
        names = {f.name for f in fields(problem_type)}
        for name in [*self.values, *self.lengths]:
            if name not in names:
                raise TypeError(f"{problem_type.__name__} has no field {name!r}")


def drawn(
    *,
    lengths: Mapping[str, tuple[int, int]] | None = None,
    rules: Mapping[str, Callable[[Any], bool]] | None = None,
    **values: Bound,
) -> Drawn:
    """``drawn(a=(1, 10), b=(1, 10), c=(1, 10), rules={"b <= c": lambda q: q.b <= q.c})``."""
    return Drawn(dict(values), dict(lengths or {}), dict(rules or {}))


@dataclass(frozen=True)
class Subtopic:
    topic: str
    name: str
    problem: type
    solve: Callable[[Any], Solution]
    # what the subtopic asks, as a solution's opening says it ("find the volume of the
    # cube"): ``working.present`` writes it
    goal: str = ""
    # the operands the generator draws with its defaults; None: not stated (all count as drawn)
    drawn: Drawn | None = None
    # beyond ``drawn``: "plain" answers ``Solution.plain`` (or the answer, when the two agree);
    # "refuse" where the subtopic's answer is only the generator's convention
    outside: str = "plain"

    @property
    def key(self) -> str:
        return f"{self.topic}/{self.name}"

    def outside_ranges(self, problem: object) -> str:
        """ "" when the generator could have drawn ``problem`` (``Drawn.outside``)."""
        return "" if self.drawn is None else self.drawn.outside(problem)


P = TypeVar("P")

_SUBTOPICS: dict[type, Subtopic] = {}
_lock = threading.Lock()


def solves(
    topic: str,
    name: str,
    problem: type[P],
    goal: str = "",
    drawn: Drawn | None = None,
    outside: str = "plain",
) -> Callable[[Callable[[P], Solution]], Callable[[P], Solution]]:
    """Decorator: ``fn`` is the one solver of ``problem``, subtopic ``topic/name``.

    ``goal``: what the subtopic asks, said once per subtopic (a second problem type of the
    same subtopic, such as another wording's, leaves it out). ``drawn``: the operands the
    generator draws with its default parameters; ``outside``: "plain" or "refuse" beyond
    them (``Subtopic``)."""
    if outside not in ("plain", "refuse"):
        raise ValueError(f"outside must be 'plain' or 'refuse', not {outside!r}")
    if drawn is not None:
        drawn.check(problem)

    def add(fn: Callable[[P], Solution]) -> Callable[[P], Solution]:
        with _lock:
            if problem in _SUBTOPICS:
                raise RuntimeError(f"{problem.__name__} already has a solver")
            if goal and goal_of(name):
                raise RuntimeError(f"{name} has a goal already")
            _SUBTOPICS[problem] = Subtopic(topic, name, problem, fn, goal, drawn, outside)
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
