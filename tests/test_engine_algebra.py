"""Engine: mathgenerator's algebra topic."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from logicnet.challenges.generate import GeneratorFailed, generate_problem
from logicnet.challenges.topics import TOPICS
from logicnet.engine import solve
from logicnet.engine.core import answer_problem
from logicnet.engine.families import algebra as fam
from logicnet.engine.families.algebra import QUIRKS
from logicnet.engine.problem import Unreadable
from tests.engine_harness import FORMS, check_subtopic

T = "algebra"
# The same text is also a power-rule question: only the wrapper's subtopic decides.
HINT_ONLY = {"combine_like_terms"}


def undecidable(subtopic: str, question: str) -> bool:
    """Draws whose generator answer does not follow from the text (documented in QUIRKS)."""
    if subtopic == "expanding":
        return question.startswith("(x")  # leading coefficient 0 prints like 1
    return False


def failures(subtopic: str, n: int, offset: int = 0, forms: tuple[str, ...] = FORMS) -> list[str]:
    found: list[str] = []
    for seed in range(offset, offset + n):
        try:
            question, _ = generate_problem(T, subtopic, seed)
        except GeneratorFailed:
            continue  # the generator itself crashes on this draw; validators never send it
        if not undecidable(subtopic, question):
            found += check_subtopic(T, subtopic, n=1, offset=seed, forms=forms)
    return found


@pytest.mark.parametrize("subtopic", TOPICS[T])
def test_subtopic(subtopic: str) -> None:
    forms = ("wrapped", "lettered") if subtopic in HINT_ONLY else FORMS
    assert failures(subtopic, n=20, forms=forms) == []


@pytest.mark.parametrize("subtopic", sorted(HINT_ONLY))
def test_raw_polynomial_is_answered_only_when_certain(subtopic: str) -> None:
    answered = 0
    for seed in range(40):
        question, truth = generate_problem(T, subtopic, seed)
        got = solve(question)
        if got is not None:
            answered += 1
            assert got.answer == truth, question
    assert answered > 0  # long or high-power sums cannot be power-rule questions


def test_dependent_linear_system_is_declined() -> None:
    assert solve("Given the equations -2x + 2y = 0 and  = 0, solve for x and y") is None
    assert solve("Given the equations 2x + 4y = 6 and 1x + 2y = 3, solve for x and y") is None


def test_leading_x_is_ambiguous_and_refused() -> None:
    # mathgenerator prints a first coefficient of 0 and of 1 alike ("(x+6)(7x+4)" has the
    # ground truth x^2+42x+24 when it was 0, 7x^2+46x+24 when it was 1): half the
    # answers would be wrong, so the engine leaves these to the fallback
    assert solve("(x+6)(-8x+4)") is None
    got = solve("(2x+6)(x+4)")  # a second "x" is always 1 (0 crashes the generator)
    assert got is not None and got.answer == "2x^2+14x+24"


# Wordings of mathgenerator's GitHub master (what the seed guide installs), answers worked out
# by hand from its source.
GITHUB_CASES = [
    ("Solve for x: $8x + 5 = 6$", "0.125"),
    ("Solve for x: $7x + 7 = 7$", "0.0"),
    (r"Find the determinant of $\begin{bmatrix} 88 & 40 \\ 9 & 91 \end{bmatrix}$", "7648"),
    ("Simplify: $6x^{9} + 3x^{2} for x = 2$", "3084"),
    ("Given the equations $10x + -20y = 310$ and $-16x + -17y = 141$, solve for x", "5"),
    ("Given the equations $10x + -20y = 310$ and $-16x + -17y = 141$, solve for y", "-13"),
    (
        r"Find the point of intersection of the two lines: $y = \frac{-2}{6}x + 3$ and "
        r"$y = \frac{3}{6}x - 8$",
        r"(\frac{66}{5}, \frac{-7}{5})",
    ),
    (
        "Find the equation of the line passing through the points $(-19,-8)$ and $(-2,0)$.",
        r"y=\frac{8}{17}x+\frac{16}{17}",
    ),
    ("Find the equation of the line passing through the points $(1,2)$ and $(3,6)$.", "y=2x+0"),
    ("Find the equation of the line passing through the points $(1,5)$ and $(-4,5)$.", "y=+5"),
    ("Find the orthogonal projection of $[2, 3]$ onto $[4, -7]$", r"[\frac{-4}{5}, \frac{7}{5}]"),
]


@pytest.mark.parametrize(("question", "answer"), GITHUB_CASES)
def test_github_wordings(question: str, answer: str) -> None:
    got = solve(question)
    assert got is not None and got.answer == answer


def test_quirks_name_real_subtopics() -> None:
    assert set(QUIRKS) <= set(TOPICS[T])


# Typed problems: the generator's sentence and a paraphrase build one object, said back in
# the generator's wording; operands that break the subtopic's rules are refused.
WORDINGS = [
    "7x + 3 = 10",
    "Given the equations 14x + -12y = 3 and 2x + 5y = 1, solve for x and y",
    "Given the equations 3x = 6 and 2x + 5y = 1, solve for y",
    "Find the equation of the line passing through the points (1, 2) and (3, 6).",
    r"[1, 2, 3] \times [4, 5, 6] =",
    r"[1, 2, 3]\cdot[4, 5, 6]=",
    "Find the orthogonal projection of [2, 3] onto [4, -7]",
    r"5 * \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} =",
    r"Multiply \begin{bmatrix} 1 & 2 \end{bmatrix} and \begin{bmatrix} 3 \\ 4 \end{bmatrix}",
    r"\det \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}=",
    r"Inverse of Matrix \begin{bmatrix} 2 & 0 \\ 0 & 1 \end{bmatrix} is:",
    "log_{2}(8)=",
    "Simple interest for a principle amount of 100 dollars, 5% rate of interest and for a "
    "time period of 2 years is =",
    "Compound interest for a principle amount of 100 dollars, 5% rate of interest and for a "
    "time period of 2 years is =",
    "(3-2j) * 13j =",
    "What are the zeros of the quadratic equation 12x^2+50x+3=0",
    "Find the roots of given Quadratic Equation x^2 + 5x + 3 = 0",
    "(2x+6)(x-4)",
]


@pytest.mark.parametrize("wording", WORDINGS)
def test_generator_sentence_builds_a_typed_problem_worded_back(wording: str) -> None:
    from logicnet.engine.core import Problem, registered

    built = [
        rec.parse(m, Problem(wording))
        for rec in registered()
        if rec.topic == T and (m := rec.pattern.search(wording)) is not None
    ]
    typed = [b for b in built if b is not None]
    assert len(typed) == 1 and typed[0].wording() == wording
    assert solve(wording) is not None


@pytest.mark.parametrize(
    "build",
    [
        lambda: fam.BasicAlgebra(0, 1, 2),
        lambda: fam.LinearEquations(2, 4, 6, 1, 2, 3),
        lambda: fam.LineEquationFrom2Points(1, 2, 1, 5),
        lambda: fam.OrthogonalProjection((1, 2), (0, 0)),
        lambda: fam.MatrixMultiplication(((1, 2),), ((1, 2),)),
        lambda: fam.IntMatrix22Determinant(((1, 2, 3), (4, 5, 6))),
        lambda: fam.InvertMatrix(((1, 2),)),
        lambda: fam.InvertMatrix(tuple(tuple(range(7)) for _ in range(7))),
        lambda: fam.MultiplyIntTo22Matrix(2, ((1, 2), (3,))),
        lambda: fam.Log(2, 10),
        lambda: fam.Log(1, 1),
        lambda: fam.QuadraticEquation(1, 1, 1),
        lambda: fam.ComplexQuadratic(0, 1, 1),
    ],
)
def test_operands_breaking_the_rules_are_unreadable(build: Callable[[], object]) -> None:
    with pytest.raises(Unreadable):
        build()


def test_singular_matrix_is_refused_by_its_solver() -> None:
    assert answer_problem(fam.InvertMatrix(((1, 2), (2, 4)))) is None
