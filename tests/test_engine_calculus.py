"""Engine: mathgenerator's calculus topic."""

from __future__ import annotations

import pytest

from logicnet.challenges.generate import generate_problem
from logicnet.challenges.topics import TOPICS
from logicnet.engine import solve
from logicnet.engine.families.calculus import QUIRKS
from tests.engine_harness import FORMS, check_subtopic

T = "calculus"
# Both power rules print the same text as combine_like_terms: only the wrapper decides.
HINT_ONLY = {"power_rule_differentiation", "power_rule_integration"}


def failures(subtopic: str, n: int, forms: tuple[str, ...]) -> list[str]:
    return check_subtopic(T, subtopic, n=n, forms=forms)  # skips draws the generator crashes on


@pytest.mark.parametrize("subtopic", TOPICS[T])
def test_subtopic(subtopic: str) -> None:
    forms = ("wrapped", "lettered") if subtopic in HINT_ONLY else FORMS
    assert failures(subtopic, n=20, forms=forms) == []


@pytest.mark.parametrize("subtopic", sorted(HINT_ONLY))
def test_raw_power_rule_is_not_guessed(subtopic: str) -> None:
    question, _ = generate_problem(T, subtopic, 1)
    assert solve(question) is None


def test_hint_with_an_inserted_letter_still_decides() -> None:
    body = "---\nTopic: Calculus, Subtopic: Power rule integraqtion.\n3x^{2}\n---\n"
    got = solve("Find the solution of this math problem:\n" + body)
    assert got is not None and got.answer == r"\frac{3}{2}x^{3} + C"


GITHUB_CASES = [
    ("Find the derivative of  $5x^{4}$ at x = 2", "160"),
    (
        "Integrate $9x^{6} + 2x^{6} + 4x^{3}$",
        r"\frac{9}{6}x^{7} + \frac{2}{6}x^{7} + \frac{4}{3}x^{4} + C",
    ),
    (
        "$f(x)=6x^3 + 6x^2 + x + 8$",
        r"{- \frac{1}{3} - \frac{\sqrt{2}}{6}, - \frac{1}{3} + \frac{\sqrt{2}}{6}}",
    ),
]


@pytest.mark.parametrize(("question", "answer"), GITHUB_CASES)
def test_github_wordings(question: str, answer: str) -> None:
    got = solve(question)
    assert got is not None and got.answer == answer


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("f(x)=x^3 + 3*x^2 + 3*x + 1", "{-1}"),  # double root
        ("f(x)=2*x^2 + 7", "{0}"),
        (
            "f(x)=3*x^3 + 8*x^2 + 4*x + 1",
            r"{- \frac{8}{9} - \frac{2 \sqrt{7}}{9}, "
            r"- \frac{8}{9} + \frac{2 \sqrt{7}}{9}}",
        ),
        ("f(x)=x^3 + 6*x^2 + x", r"{-2 - \frac{\sqrt{33}}{3}, -2 + \frac{\sqrt{33}}{3}}"),
    ],
)
def test_stationary_point_shapes(question: str, answer: str) -> None:
    got = solve(question)
    assert got is not None and got.answer == answer


def test_no_real_stationary_points_is_declined() -> None:
    assert solve("f(x)=x^3 + x + 1") is None


def test_quirks_name_real_subtopics() -> None:
    assert set(QUIRKS) <= set(TOPICS[T])
