"""Each subtopic's declared generator ranges hold the generator's own draws (issue 20).

Every registered problem type states which operands mathgenerator 1.5.0 draws with its
default parameters (``@solves(..., drawn=...)``); the engine answers in the generator's
convention only inside them. Here each generator is drawn with its defaults, as the
network calls it, and every draw the engine reads must fall inside its ranges: a range
declared too narrow would turn a real challenge's answer into the plain value and lose it.
"""

from __future__ import annotations

import pytest

from logicnet.challenges.generate import GeneratorFailed, generate_problem
from logicnet.challenges.topics import topic_pairs
from logicnet.challenges.wrap import wrap_math_question
from logicnet.engine.core import typed_problem
from logicnet.engine.families import load_all
from logicnet.engine.problem import subtopic_of, subtopics

DRAWS = 60  # per subtopic: 112 x 60 reads take a few seconds
FIRST_SEED = 910_000  # no other test draws here

load_all()


@pytest.mark.parametrize(
    "topic, subtopic", topic_pairs(), ids=[f"{t}/{s}" for t, s in topic_pairs()]
)
def test_the_generators_draws_lie_inside_the_declared_ranges(topic: str, subtopic: str) -> None:
    read = 0
    for seed in range(FIRST_SEED, FIRST_SEED + DRAWS):
        try:
            question, _ = generate_problem(topic, subtopic, seed)
        except GeneratorFailed:
            continue
        problem = typed_problem(wrap_math_question(topic, subtopic, question))
        if problem is None:
            continue
        read += 1
        entry = subtopic_of(problem)
        assert entry.drawn is not None, f"{entry.key}: {type(problem).__name__} states no ranges"
        assert entry.outside_ranges(problem) == "", f"seed {seed}: {question!r}"
    if subtopic not in ("decimal_to_octal", "fibonacci_series", "decimal_to_roman_numerals"):
        assert read, f"no draw of {topic}/{subtopic} was read"


def test_every_problem_type_states_its_ranges() -> None:
    missing = [f"{s.key} ({s.problem.__name__})" for s in subtopics() if s.drawn is None]
    assert missing == []
