"""Pulling the bare final answer out of a model's text."""

from __future__ import annotations

import pytest

from logicnet.answers import clean_answer, extract_final_answer


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Steps...\nFinal answer: 42", "42"),
        ("Steps...\n**Final Answer:** $\\frac{28}{15}$", "28/15"),
        ("So we get \\boxed{216}.", "216"),
        ("Work\nThe final answer is x = 1/8.", "1/8"),
        ("Natalia sold 48+24 = 72 clips.\n#### 72", "72"),
        ("Thus the answer: No", "No"),
        ("x and y\nFinal answer: x = -12, y = -4", "x = -12, y = -4"),
        ("Compute 3 + 4 = 7", "7"),
        ("Final answer: $$216 \\text{ m}^3$$.", "216 m^3"),
        ("", ""),
    ],
)
def test_extract(text: str, expected: str) -> None:
    assert extract_final_answer(text) == expected


def test_the_last_final_answer_line_wins() -> None:
    text = "Final answer: 3 (draft)\nWait, recheck.\nFinal answer: 5"
    assert extract_final_answer(text) == "5"


def test_answers_are_capped() -> None:
    assert len(clean_answer("9" * 5000)) == 300
