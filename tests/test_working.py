"""The engine's working, written in the register of the validator's own model."""

from __future__ import annotations

import re

from logicnet.challenges.topics import topic_pairs
from logicnet.engine import solve
from logicnet.engine.problem import goal_of
from logicnet.engine.working import MAX_CHARS

QUESTIONS = [
    "Area of circle with radius 97=",
    "[-17, -11, -5] \\times [-14, -8, -19] =",
    "Is 31 prime?",
    "Given the equations 3x + 12y = 24 and -16x + 13y = 26, solve for x and y",
    "GCD(12,18) =",
    "Volume of cube with a side length of 6m is",
]


def test_working_restates_sets_math_and_boxes_the_answer() -> None:
    for question in QUESTIONS:
        found = solve(question)
        assert found is not None, question
        text = found.reasoning
        assert text.rstrip().endswith(("\\).", "\\]")), text
        assert f"\\boxed{{{found.answer}}}" in text.replace(" m^", " m^"), text
        assert "We are given:" in text
        assert len(text) <= MAX_CHARS
        assert "\\(" in text or "\\[" in text, text


def test_numbers_of_the_solvers_working_survive() -> None:
    found = solve("Area of circle with radius 97=")
    assert found is not None
    for number in ("97", "9409", "29559.25"):
        assert number in found.reasoning
    assert "\\pi" in found.reasoning and "\\times" in found.reasoning


def test_openings_vary_and_every_subtopic_has_a_goal() -> None:
    openings = {solve(q).reasoning.split("\n", 1)[0].split(",")[0][:12] for q in QUESTIONS}
    assert len(openings) >= 2
    missing = [s for _, s in topic_pairs() if not goal_of(s)]
    assert missing == []


def test_same_question_same_text() -> None:
    a, b = solve("Is 31 prime?"), solve("Is 31 prime?")
    assert a is not None and b is not None and a.reasoning == b.reasoning
    assert not re.search(r"\n\s*\.\s*\n", a.reasoning)  # no stray full stops after a block
