"""Paraphrases of calculus problems in voices the dev set does not use, and near misses.

Each paraphrase must get the same answer as the generator's own wording of the problem
(solved by the exact recognizers); near misses must not be answered at all.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from logicnet.challenges.wrap import insert_random_letter
from logicnet.engine import solve
from logicnet.engine.families import calculus as cal
from logicnet.engine.normalise import Normalised, normalise
from logicnet.engine.readers import calculus as rcal
from tests.reading_harness import (
    assert_generator_answer,
    assert_lettered_right_or_unanswered,
    assert_not_read_by,
    check_family_paraphrases,
    generator_answer,
)

CASES = [
    # (paraphrase, the generator's wording of the same problem with its Topic line)
    (
        "yo what's d/dx of 3x^{4} + 2x^{2}? power rule pls",
        "Topic: Calculus, Subtopic: Power rule differentiation.\n3x^{4} + 2x^{2}",
    ),
    (
        "**Differentiate** \\( 5x^{3} \\) with respect to x.",
        "Topic: Calculus, Subtopic: Power rule differentiation.\n5x^{3}",
    ),
    (
        "Sure! Here's the rephrased question:\n\nUsing the power rule, integrate 6x⁵ + 2x³.",
        "Topic: Calculus, Subtopic: Power rule integration.\n6x^{5} + 2x^{3}",
    ),
    (
        "Find the antiderivative of $9x^{2}$ (don't forget the constant).",
        "Topic: Calculus, Subtopic: Power rule integration.\n9x^{2}",
    ),
    (
        "Evaluate ∫ from 0 to 1 of 12x² + 5x + 3 dx, the definite integral please.",
        "The definite integral within limits 0 to 1 of the equation 12x^2 + 5x + 3 =",
    ),
    ("Find dy/dx for y = 4x^3.", "Topic: Calculus, Subtopic: Power rule differentiation.\n4x^{3}"),
    ("What is the derivative of cosine? That is, \\frac{d}{dx}(\\cos).", "\\frac{d}{dx}(\\cos)="),
    (
        "Topic: Calculus, Subtopic: Stationary points.\nLocate the critical points of "
        "f(x) = 2x³ + 3x² for me.",
        "f(x)=2*x^3 + 3*x^2",
    ),
]

NEAR_MISSES = [
    "What is the integral of 3x^{4} + 2x^{2} from 0 to 2?",  # other limits
    "Find the second derivative of 5x^{3}.",
    "What is the derivative of sin(2x)?",
    "Evaluate the definite integral of 12x^2 + 5x + 3 from 0 to 3.",
    "What is the maximum value of f(x) = 2x^3 + 3x^2 on [0, 1]?",
    "Differentiate 4x^3 + 2x and then integrate 4x^3 + 2x.",  # two operations
]


_expected = generator_answer


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_paraphrase_gets_the_generator_answer(question: str, generator: str) -> None:
    assert_generator_answer(question, generator)


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_lettered_paraphrase_is_right_or_unanswered(question: str, generator: str) -> None:
    assert_lettered_right_or_unanswered(question, generator)


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_miss_is_not_answered_by_a_neighbour(question: str) -> None:
    assert_not_read_by(question, "calculus")


def test_integral_and_derivative_of_one_polynomial_differ() -> None:
    d = solve("What is the derivative of 4x^{3}?")
    i = solve("What is the integral of 4x^{3}?")
    assert d is not None and i is not None
    assert d.answer == "12x^{2}"
    assert i.answer == "\\frac{4}{3}x^{4} + C"


def test_every_shipped_paraphrase_of_this_family_is_answered_exactly_or_refused() -> None:
    check_family_paraphrases("Calculus")


# ------------------------------------------ unseen voices: synonyms and field layouts (issue 7)

MORE_VOICES = [
    (
        "How fast does tan x change with respect to x? Give its rate of change.",
        "\\frac{d}{dx}(\\tan)=",
    ),
    (
        "Definite integral, as fields:\n* Function: 7x^2 + 3x + 11\n* Lower bound: 0\n"
        "* Upper bound: 1\nValue?",
        "The definite integral within limits 0 to 1 of the equation 7x^2 + 3x + 11 =",
    ),
    (
        "For g(x) = x^3 + 6x^2 + 9x + 2, list the x-values where the slope is zero, i.e. its "
        "stationary points.",
        "f(x)=x^3 + 6*x^2 + 9*x + 2",
    ),
]


@pytest.mark.parametrize(("question", "generator"), MORE_VOICES)
def test_more_voices_get_the_generator_answer(question: str, generator: str) -> None:
    found = solve(question)
    assert found is not None, question
    assert found.answer == _expected(generator)


@pytest.mark.parametrize(
    "question",
    [
        "Definite integral:\n- Integrand: 7x^2 + 3x + 11\n- Lower limit: 0\n- Upper limit: 4",
        "Evaluate 7x^2 + 3x + 11 with lower bound 2 and upper bound 1.",
    ],
)
def test_fields_with_other_limits_are_not_answered(question: str) -> None:
    assert solve(question) is None, question


@pytest.mark.parametrize(
    ("question", "generator"),
    [
        ("Where is the slope of f(x) = x^3 + 6x^2 + 2 equal to zero?", "f(x)=x^3 + 6*x^2 + 2"),
        (
            "Find the critical numbers of f(x) = 2x^3 + 9x^2 + 2x + 1.",
            "f(x)=2*x^3 + 9*x^2 + 2*x + 1",
        ),
        (
            "Integrand 4x^2 + 6x + 1; limits: 0 and 1.",
            "The definite integral within limits 0 to 1 of the equation 4x^2 + 6x + 1 =",
        ),
        (
            "Integrate 4x^2 + 6x + 1 from x=0 up to x=1.",
            "The definite integral within limits 0 to 1 of the equation 4x^2 + 6x + 1 =",
        ),
    ],
)
def test_zero_slope_and_limit_wordings(question: str, generator: str) -> None:
    found = solve(question)
    assert found is not None, question
    assert found.answer == _expected(generator)


def test_a_derivative_equal_to_zero_is_not_the_derivative() -> None:
    found = solve("Where does the derivative of 2x^3 + 3x^2 vanish?")
    assert found is None or found.topic == "calculus/stationary_points", found


# ------------------------------- six small models' voices, written by hand (issue 13, item 3)

VOICES = Path(__file__).resolve().parent / "data" / "voices-algebra-calculus.jsonl"


def test_six_voices_of_calculus_are_answered_exactly_or_refused() -> None:
    """tests/data/voices-algebra-calculus.jsonl, the calculus lines (Llama-3, Mistral, Gemma,
    Phi-3, sloppy and persona voices of fresh problems): nothing wrong, >= 95% right, lettered
    copies right or refused."""
    rows = [json.loads(line) for line in VOICES.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if "Topic: Calculus," in r["raw_question"]]
    assert len({r["topic"] for r in rows}) == 5 and len(rows) >= 40
    rng = random.Random(13)
    right, wrong = Counter[str](), []
    for row in rows:
        truth = row["ground_truth"].strip()
        lettered = [insert_random_letter(row["logic_question"], rng) for _ in range(2)]
        for k, question in enumerate([row["logic_question"], *lettered]):
            found = solve(question)
            if found is None:
                continue
            if found.answer.strip() != truth:
                wrong.append((question, found.answer))
            elif k == 0:
                right[row["topic"]] += 1
    assert wrong == []  # precision 1.0
    assert sum(right.values()) >= 0.95 * len(rows)
    per_topic = Counter(r["topic"] for r in rows)
    assert {t: right[t] for t in per_topic if right[t] < 0.75 * per_topic[t]} == {}


UNSEEN_VOICES = [
    (
        "where r the stationery points of f(x) = 9x^3 + 7x^2 + x ?? just need the x valus",
        "f(x)=9*x^3 + 7*x^2 + x",
    ),
    ("wats the derivitive of cos x again?? 🤔", "\\frac{d}{dx}(\\cos)="),
    (
        "**Derivative**\n\n- f(x) = 2x⁵ + 4x⁹\n- Find: f'(x) (power rule)",
        "Topic: Calculus, Subtopic: Power rule differentiation.\n2x^{5} + 4x^{9}",
    ),
    (
        "Differentiate 6x^6 plus 3x^8.",
        "Topic: Calculus, Subtopic: Power rule differentiation.\n6x^{6} + 3x^{8}",
    ),
    (
        "pls intergrate 5x^4 + 2x^3, its indefinite 🙏",
        "Topic: Calculus, Subtopic: Power rule integration.\n5x^{4} + 2x^{3}",
    ),
    (
        "Could you kindly evaluate the definite integral of 16x^2 + 15x + 35 with lower limit zero "
        "and upper limit one?",
        "The definite integral within limits 0 to 1 of the equation 16x^2 + 15x + 35 =",
    ),
    (
        "∫₀¹ (18x² + 2x + 8) dx",
        "The definite integral within limits 0 to 1 of the equation 18x^2 + 2x + 8 =",
    ),
    (
        "I've baked bread for 30 years, and my niece's homework stumped me: find the "
        "turning points of f(x) = x^3 + 8x^2 + 3x + 6.",
        "f(x)=x^3 + 8*x^2 + 3*x + 6",
    ),
]


@pytest.mark.parametrize(("question", "generator"), UNSEEN_VOICES)
def test_unseen_voices_get_the_generator_answer(question: str, generator: str) -> None:
    assert_generator_answer(question, generator)
    assert_lettered_right_or_unanswered(question, generator)


@pytest.mark.parametrize(
    "question",
    [
        "Integrate 16x^2 + 15x + 35 with lower limit zero and upper limit two.",
        "Integrate 16x^2 + 15x + 35 from one to two.",
        "wats the second derivitive of 3x^4?",
        "What is f''(x) for f(x) = 3x^4?",
        "Find the derivitive of 3x^4 at x = 2.",
        "Find the stationery points of f(x) = x^4 + 2x^2.",
        "where r the turning points of f(x) = -x^3 + 2x?",
        "Differentiate 6x^6 plus 3x^8 and then integrate the result.",
    ],
)
def test_unseen_voice_near_misses_are_refused(question: str) -> None:
    assert_not_read_by(question, "calculus")


@pytest.mark.parametrize(
    ("read", "question", "problem"),
    [
        (
            rcal.power_rule_differentiation,
            "yo what's d/dx of 3x^{4} + 2x^{2}? power rule pls",
            cal.PowerRuleDifferentiation(((3, 4), (2, 2))),
        ),
        (
            rcal.power_rule_integration,
            "pls intergrate 5x^4 + 2x^3, its indefinite 🙏",
            cal.PowerRuleIntegration(((5, 4), (2, 3))),
        ),
        (
            rcal.trig_differentiation,
            "wats the derivitive of cos x again?? 🤔",
            cal.TrigDifferentiation("cos"),
        ),
        (
            rcal.definite_integral,
            "∫₀¹ (18x² + 2x + 8) dx",
            cal.DefiniteIntegral(18, 2, 8),
        ),
        (
            rcal.stationary_points,
            "Find the critical numbers of f(x) = 2x^3 + 9x^2 + 2x + 1.",
            cal.StationaryPoints(((2, 3), (9, 2), (2, 1), (1, 0))),
        ),
    ],
)
def test_a_reader_builds_its_typed_problem(
    read: Callable[[Normalised], object], question: str, problem: object
) -> None:
    n = normalise(question)
    assert n is not None
    assert read(n) == problem


@pytest.mark.parametrize(
    ("read", "question"),
    [
        (rcal.power_rule_differentiation, "Differentiate 0x^3 + 2x^2."),
        (rcal.stationary_points, "Find the stationary points of f(x) = x^2 + 2x^3."),
        (rcal.stationary_points, "Find the stationary points of f(x) = 12x^3 + 2x."),
        (rcal.definite_integral, "Integrate 4x^2 + 6x from 0 to 1."),
    ],
)
def test_a_reader_refuses_operands_the_generator_never_writes(
    read: Callable[[Normalised], object], question: str
) -> None:
    n = normalise(question)
    assert n is not None
    assert read(n) is None
