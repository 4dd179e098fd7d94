"""Engine: mathgenerator's calculus topic."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from logicnet.challenges.generate import generate_problem
from logicnet.challenges.topics import TOPICS
from logicnet.engine import solve
from logicnet.engine.core import answer_problem
from logicnet.engine.families import calculus as cal
from logicnet.engine.families.calculus import QUIRKS
from logicnet.engine.problem import TypedProblem, Unreadable
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


# Each subtopic's typed problem: its wording is the generator's sentence (solved again with
# the wrapper's hint where the bare polynomial needs one), and its checks refuse what the
# generator never writes.
TYPED = [
    (cal.PowerRuleDifferentiation(((3, 4), (2, 2))), "3x^{4} + 2x^{2}", "12x^{3} + 4x^{1}"),
    (
        cal.PowerRuleDifferentiation(((5, 4),), at=2),
        "Find the derivative of 5x^{4} at x = 2",
        "160",
    ),
    (cal.PowerRuleIntegration(((4, 3),)), "4x^{3}", r"\frac{4}{3}x^{4} + C"),
    (
        cal.PowerRuleIntegration(((9, 6), (4, 3)), integrate=True),
        "Integrate 9x^{6} + 4x^{3}",
        r"\frac{9}{6}x^{7} + \frac{4}{3}x^{4} + C",
    ),
    (cal.TrigDifferentiation("tan"), r"\frac{d}{dx}(\tan)=", r"\sec^{{2}}"),
    (
        cal.DefiniteIntegral(12, 5, 3),
        "The definite integral within limits 0 to 1 of the equation 12x^2 + 5x + 3 =",
        "9.5",
    ),
    (cal.StationaryPoints(((1, 3), (3, 2), (3, 1), (1, 0))), "f(x)=x^3 + 3*x^2 + 3*x + 1", "{-1}"),
    (
        cal.StationaryPoints(((6, 3), (6, 2), (1, 1), (8, 0)), star=False),
        "f(x)=6x^3 + 6x^2 + x + 8",
        r"{- \frac{1}{3} - \frac{\sqrt{2}}{6}, - \frac{1}{3} + \frac{\sqrt{2}}{6}}",
    ),
]


@pytest.mark.parametrize(("problem", "wording", "answer"), TYPED)
def test_typed_problem_is_the_generator_sentence(
    problem: TypedProblem, wording: str, answer: str
) -> None:
    assert problem.wording() == wording
    got = answer_problem(problem)
    assert got is not None and got.answer == answer and got.problem == wording
    question = wording
    if wording[0].isdigit():  # a bare polynomial: only the wrapper's subtopic decides
        name = got.topic.split("/")[1].replace("_", " ").capitalize()
        question = (
            f"Find the solution of this math problem:\n---\nTopic: Calculus, Subtopic: {name}."
            f"\n{wording}\n---\n"
        )
    again = solve(question)
    assert again is not None and again.answer == answer and again.topic == got.topic


@pytest.mark.parametrize(
    "make",
    [
        lambda: cal.PowerRuleDifferentiation(()),
        lambda: cal.PowerRuleDifferentiation(((-3, 2),)),
        lambda: cal.PowerRuleDifferentiation(((1, 1),) * 21),  # the bounds: 20 terms
        lambda: cal.PowerRuleDifferentiation(((1, 14000),), at=2),  # the result's digits
        lambda: cal.PowerRuleIntegration(()),
        lambda: cal.PowerRuleIntegration(((2, -1),)),
        lambda: cal.TrigDifferentiation("sinh"),
        lambda: cal.DefiniteIntegral(-1, 2, 3),
        lambda: cal.StationaryPoints(((1, 4), (2, 2))),  # a quartic
        lambda: cal.StationaryPoints(((1, 2), (2, 2))),  # one power twice
    ],
)
def test_typed_problem_refuses_what_the_generator_never_writes(
    make: Callable[[], TypedProblem],
) -> None:
    with pytest.raises(Unreadable):
        make()


@pytest.mark.parametrize(
    "problem",
    [
        cal.StationaryPoints(((1, 3), (1, 1), (1, 0))),  # f'(x) = 3x² + 1: no real roots
        cal.StationaryPoints(((5, 0),)),  # a constant: no stationary points, or all of them
    ],
)
def test_stationary_points_without_an_answer_are_declined(problem: TypedProblem) -> None:
    assert answer_problem(problem) is None
