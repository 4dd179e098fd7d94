"""Paraphrases of algebra problems in voices the dev set does not use, and near misses.

Each paraphrase must get the same answer as the generator's own wording of the problem
(solved by the exact recognizers); near misses must not be answered at all.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from logicnet.challenges.wrap import insert_random_letter
from logicnet.engine import solve
from tests.reading_harness import (
    assert_generator_answer,
    assert_lettered_right_or_unanswered,
    assert_not_read_by,
    check_family_paraphrases,
    generator_answer,
)

CASES = [
    ("Find x if 7x + 3 = 10.", "7x + 3 = 10"),
    ("Solve for x: 7x + 3 = 10", "7x + 3 = 10"),  # not GitHub's wording when unwrapped
    ("What's log base 2 of 128?", "log_{2}(128)="),
    ("Evaluate \\( \\log_{5}(625) \\).", "log_{5}(625)="),
    (
        "Scale the 2x2 matrix [[3, 4], [5, 6]] by 9. What do you get?",
        "9 * \\begin{bmatrix} 3 & 4 \\\\ 5 & 6 \\end{bmatrix} =",
    ),
    (
        "Find the determinant of the matrix with rows [4, 7] and [2, 6].",
        "\\det \\begin{bmatrix} 4 & 7 \\\\ 2 & 6 \\end{bmatrix}=",
    ),
    (
        "Invert [[2, 0], [0, 4]] please.",
        "Inverse of Matrix \\begin{bmatrix} 2 & 0 \\\\ 0 & 4 \\end{bmatrix} is:",
    ),
    (
        "Compute the product of [[1, 2], [3, 4]] and [[5, 6], [7, 8]].",
        "Multiply \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} and \\begin{bmatrix} 5 & 6 "
        "\\\\ 7 & 8 \\end{bmatrix}",
    ),
    (
        "Solve the system 2x + 3y = 12 and 4x - y = 10. What are x and y?",
        "Given the equations 2x + 3y = 12 and 4x + -1y = 10, solve for x and y",
    ),
    (
        "Where do y = 2x + 1 and y = -x + 7 meet?",
        "Find the point of intersection of the two lines: y = 2x + 1 and y = -x + 7",
    ),
    ("Cross product of [1, 2, 3] × [4, 5, 6]?", "[1, 2, 3] \\times [4, 5, 6] ="),
    ("What is the dot product [1, 2, 3] · [4, 5, 6]?", "[1, 2, 3]\\cdot[4, 5, 6]="),
    (
        "How much simple interest does $2,500 earn at 4% over 3 years?",
        "Simple interest for a principle amount of 2500 dollars, 4% rate of interest and for a "
        "time period of 3 years is =",
    ),
    (
        "A deposit of 1000 dollars earns 5% compound interest for 2 years. Compound interest?",
        "Compound interest for a principle amount of 1000 dollars, 5% rate of interest and for a "
        "time period of 2 years is =",
    ),
    (
        "What are the zeros of 25x^2 + 110x + 40 = 0?",
        "What are the zeros of the quadratic equation 25x^2+110x+40=0",
    ),
    (
        "Find the roots of the quadratic equation 2x^2 + 7x + 3 = 0.",
        "Find the roots of given Quadratic Equation 2x^2 + 7x + 3 = 0",
    ),
    # written compact, but quadratic_equation never draws b = 3 beside a*c = 2: the generator
    # whose draws hold the coefficients asked it
    ("roots: 2x²+3x+1=0", "Find the roots of given Quadratic Equation 2x^2 + 3x + 1 = 0"),
    (
        "solve the system nine x plus nineteen y equals negative fifty seven and negative "
        "seventeen x plus four y equals three hundred forty seven for x and y",
        "Given the equations 9x + 19y = -57 and -17x + 4y = 347, solve for x and y",
    ),
    ("Multiply (3+2i) by (1-4i).", "(3+2j) * (1-4j) ="),
    (
        "Combine like terms: 3x^{2} + 4x^{2} + 5x^{3}",
        "Topic: Algebra, Subtopic: Combine like terms.\n3x^{2} + 4x^{2} + 5x^{3}",
    ),
    ("Expand (2x+3)(x-4).", "(2x+3)(x-4)"),
    (
        "What is the orthogonal projection of [3, 4] onto [1, 0]?",
        "Find the orthogonal projection of [3, 4] onto [1, 0]",
    ),
    (
        "Find the zeros of 2x^2 + 9x + 4 = 0.",
        "Find the roots of given Quadratic Equation 2x^2 + 9x + 4 = 0",
    ),
    ("Compute the cross product of (1, 2, 3) and (4, 5, 6).", "[1, 2, 3] \\times [4, 5, 6] ="),
    ("What's (1+1i)(2+3i)?", "(1+1j) * (2+3j) ="),
    (
        "I've got a fun one!!\n\n1. Take the matrices [[2, 1], [0, 3]] and [[1, 4], [2, 5]].\n"
        "2. Multiply them.",
        "Multiply \\begin{bmatrix} 2 & 1 \\\\ 0 & 3 \\end{bmatrix} and "
        "\\begin{bmatrix} 1 & 4 \\\\ 2 & 5 \\end{bmatrix}",
    ),
    (
        "Find the equation of the line through (1, 2) and (3, 8).",
        "Find the equation of the line passing through the points (1, 2) and (3, 8).",
    ),
]

NEAR_MISSES = [
    "Solve 2x^2 - 3x + 1 = 0 for x.",  # a negative coefficient: neither generator's
    "What is the determinant of [[1, 2, 3], [4, 5, 6], [7, 8, 10]]?",
    "What is the inverse of the 2x2 matrix [[1, 2], [3, 4]] times 3?",
    "Find the angle between [1, 2, 3] and [4, 5, 6].",
    "What is ln(20)?",
    "Add (3+2i) and (1-4i).",
    "Factor x^2 + 5x + 6.",
    "Compound interest on 1000 dollars at 5% compounded monthly for 2 years?",
    "If 4x - 7 = 9, what is x?",  # a negative constant: the generator never writes one
    "What is the slope of the line through (1, 2) and (3, 8)?",
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
    assert_not_read_by(question, "algebra")


def test_dot_and_cross_product_of_the_same_vectors_differ() -> None:
    dot = solve("dot product of [1, 2, 3] and [4, 5, 6]?")
    cross = solve("cross product of [1, 2, 3] and [4, 5, 6]?")
    assert dot is not None and cross is not None
    assert dot.answer == "32"
    assert cross.answer == "[-3, 6, -3]"


def test_every_shipped_paraphrase_of_this_family_is_answered_exactly_or_refused() -> None:
    check_family_paraphrases("Algebra")


# ------------------------------------------------ negated cue words do not count (issue 7)


@pytest.mark.parametrize(
    "question",
    [
        "What interest does $4,000 earn at 3% per year for 5 years if it is not compounded?",
        "Interest on a $1,200 deposit at 6% for 4 years, without compounding: how much?",
        "Find the non-compound interest on 950 dollars at 8% over 2 years.",
    ],
)
def test_negated_compounding_never_gets_compound_interest(question: str) -> None:
    found = solve(question)
    assert found is None or found.topic == "algebra/simple_interest", found


def test_negated_simple_is_not_simple_interest() -> None:
    found = solve(
        "Rather than simple interest, work out the compound interest on 2000 dollars "
        "at 5% for 3 years."
    )
    assert found is None or found.topic == "algebra/compound_interest", found
    plain = solve("Work out the compound interest on 2000 dollars at 5% for 3 years.")
    assert plain is not None and plain.topic == "algebra/compound_interest"


# ------------------------------------------ unseen voices: prose matrices, words (issue 7)

MORE_VOICES = [
    ("If three times x plus four equals nineteen, find x.", "3x + 4 = 19"),
    ("2 raised to what power gives 512?", "log_{2}(512)="),
    ("What exponent must 3 be raised to to get 81?", "log_{3}(81)="),
    (
        "Scale the 2x2 matrix with rows (2, 7) and (3, 1) by the constant 4.",
        "4 * \\begin{bmatrix} 2 & 7 \\\\ 3 & 1 \\end{bmatrix} =",
    ),
    (
        "Find the scalar multiple \\[ 3 \\cdot \\begin{bmatrix} 1 & 2 \\\\ 0 & 5 "
        "\\end{bmatrix} \\] as a 2×2 matrix.",
        "3 * \\begin{bmatrix} 1 & 2 \\\\ 0 & 5 \\end{bmatrix} =",
    ),
    (
        "Evaluate the determinant\n| 7  2 |\n| 3  4 |",
        "\\det \\begin{bmatrix} 7 & 2 \\\\ 3 & 4 \\end{bmatrix}=",
    ),
    (
        "Compute B^{-1} where B = \\begin{bmatrix} 2 & 1 \\\\ 1 & 1 \\end{bmatrix}.",
        "Inverse of Matrix \\begin{bmatrix} 2 & 1 \\\\ 1 & 1 \\end{bmatrix} is:",
    ),
    (
        "Matrix product P * Q where\nP (2×2) has rows:\n[1, 2]\n[3, 4]\n"
        "Q (2×1) has rows:\n[5]\n[6]",
        "Multiply \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} and \\begin{bmatrix} 5 \\\\ 6 "
        "\\end{bmatrix}",
    ),
    (
        "For which x is 12x^2 + 130x + 75 equal to zero?",
        "What are the zeros of the quadratic equation 12x^2+130x+75=0",
    ),
]


@pytest.mark.parametrize(("question", "generator"), MORE_VOICES)
def test_more_voices_get_the_generator_answer(question: str, generator: str) -> None:
    found = solve(question)
    assert found is not None, question
    assert found.answer == _expected(generator)


def test_bars_with_an_operator_are_an_absolute_value_not_a_determinant() -> None:
    found = solve("What is | 7 - 2 | ?")
    assert found is None or not found.topic.endswith("determinant"), found


def test_a_negated_neighbour_word_does_not_block_the_asked_reading() -> None:
    # "(plain, not compounded)": compound is not asked, so it neither scores nor avoids
    found = solve(
        "What interest does a $3,000 loan gather (simple, not compounded) at 5% "
        "per year over 6 years?"
    )
    assert found is not None
    assert found.answer == _expected(
        "Simple interest for a principle amount of 3000 dollars, 5% rate of interest and for a "
        "time period of 6 years is ="
    )
    # both asked: refuse
    assert (
        solve(
            "Find the simple interest and the compound interest on 3000 dollars at 5% for 6 years."
        )
        is None
    )


@pytest.mark.parametrize(
    "question",
    [
        "If 3 times x plus 4 equals 19 plus x, find x.",  # x on both sides
        "Solve 5x + 2 = 12 - 3x.",
        "Find the values of x that make 9x^2 + 120x + 50 greater than zero.",
        "Find the values of x that make 9x^2 + 120x + 50 equal to 7.",
        "For which x is 9x^2 + 120x + 50 negative?",
    ],
)
def test_equations_of_another_shape_are_not_answered(question: str) -> None:
    assert solve(question) is None, question


@pytest.mark.parametrize(
    ("question", "generator"),
    [
        (
            "Find the determinant of the 2x2 matrix whose top row is (5, 2) and bottom row "
            "is (1, 9).",
            "\\det \\begin{bmatrix} 5 & 2 \\\\ 1 & 9 \\end{bmatrix}=",
        ),
        (
            "Evaluate \\begin{vmatrix} 5 & 2 \\\\ 1 & 9 \\end{vmatrix}.",
            "\\det \\begin{bmatrix} 5 & 2 \\\\ 1 & 9 \\end{bmatrix}=",
        ),
        (
            "Invert this one:\n[3 1]\n[2 1]",
            "Inverse of Matrix \\begin{bmatrix} 3 & 1 \\\\ 2 & 1 \\end{bmatrix} is:",
        ),
    ],
)
def test_rows_named_one_by_one_or_bracketed_without_commas(question: str, generator: str) -> None:
    found = solve(question)
    assert found is not None, question
    assert found.answer == _expected(generator)


def test_rows_of_different_lengths_are_no_matrix() -> None:
    assert solve("The first row is (1, 2) and the second row is (3, 4, 5): determinant?") is None


# ------------------------------- six small models' voices, written by hand (issue 13, item 3)
#
# tests/data/voices-algebra-calculus.jsonl: fresh generator problems paraphrased in the
# voices of Llama-3 (a "Here's a rephrased version" preface, the question in quotes), Mistral
# (terse), Gemma (markdown, bullet lists and tables of the givens), Phi-3 (formal prose:
# "whose first row is ..."), a sloppy typist (lower case, emoji, typos) and a one-sentence
# persona story. Matrices, vectors, lines and complex numbers are laid out every way those
# voices lay them out.

VOICES = Path(__file__).resolve().parent / "data" / "voices-algebra-calculus.jsonl"


def _voice_rows(family: str) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in VOICES.read_text().splitlines() if line.strip()]
    return [r for r in rows if f"Topic: {family}," in r["raw_question"]]


def check_voices(family: str) -> None:
    """Every subtopic of the family: nothing answered wrongly; >= 95% right over the family;
    lettered copies (the network's inserted letter) right or refused."""
    rows = _voice_rows(family)
    assert len({r["topic"] for r in rows}) >= 5 and len(rows) >= 40
    right: dict[str, int] = {}
    wrong = []
    rng = random.Random(13)
    for row in rows:
        truth = row["ground_truth"].strip()
        found = solve(row["logic_question"])
        if found is not None and found.answer.strip() != truth:
            wrong.append((row["id"], found.answer))
        right[row["topic"]] = right.get(row["topic"], 0) + (
            found is not None and found.answer.strip() == truth
        )
        for _ in range(2):
            lettered = insert_random_letter(row["logic_question"], rng)
            found = solve(lettered)
            if found is not None and found.answer.strip() != truth:
                wrong.append((lettered, found.answer))
    assert wrong == []  # precision 1.0
    assert sum(right.values()) >= 0.95 * len(rows)
    per_topic = Counter(r["topic"] for r in rows)
    low = {t: f"{right[t]}/{k}" for t, k in per_topic.items() if right[t] < 0.75 * k}
    assert low == {}


def test_six_voices_of_algebra_are_answered_exactly_or_refused() -> None:
    check_voices("Algebra")


MATRIX_LAYOUTS = [
    # (paraphrase, the generator's wording)
    (
        "Could you kindly find the inverse of the 3x3 matrix whose first row is 2, 0, 1, whose "
        "second row is 1, 1, 0, and whose third row is 0, 0, 1?",
        "Inverse of Matrix \\begin{bmatrix} 2 & 0 & 1 \\\\ 1 & 1 & 0 \\\\ 0 & 0 & 1 "
        "\\end{bmatrix} is:",
    ),
    (
        "**Given:**\n* Scalar: 7\n* Matrix: top row 1 and 3, bottom row 0 and 5",
        "7 * \\begin{bmatrix} 1 & 3 \\\\ 0 & 5 \\end{bmatrix} =",
    ),
    (
        "**Matrix A (2 rows × 2 columns):**\n  * Row 1: 4, -1\n  * Row 2: 6, 2\n\nDeterminant?",
        "\\det \\begin{bmatrix} 4 & -1 \\\\ 6 & 2 \\end{bmatrix}=",
    ),
    (
        "Compute AB. A (2x2) rows: [1, 2]; [0, -3]. B (2x1) rows: [4]; [5].",
        "Multiply \\begin{bmatrix} 1 & 2 \\\\ 0 & -3 \\end{bmatrix} and \\begin{bmatrix} 4 \\\\ 5 "
        "\\end{bmatrix}",
    ),
    (
        "Compute BA, where A = [[1, 2], [3, 4]] and B = [[5, 6], [7, 8]].",
        "Multiply \\begin{bmatrix} 5 & 6 \\\\ 7 & 8 \\end{bmatrix} and \\begin{bmatrix} 1 & 2 "
        "\\\\ 3 & 4 \\end{bmatrix}",
    ),
    (
        "inverse of\n2 1\n1 1\n?? pls",
        "Inverse of Matrix \\begin{bmatrix} 2 & 1 \\\\ 1 & 1 \\end{bmatrix} is:",
    ),
    ("|A| for A = [9 2; 4 3]?", "\\det \\begin{bmatrix} 9 & 2 \\\\ 4 & 3 \\end{bmatrix}="),
    (
        "Find det(M), M being the matrix with entries 6 and 1 in its first row and 2 and 5 in "
        "its second row.",
        "\\det \\begin{bmatrix} 6 & 1 \\\\ 2 & 5 \\end{bmatrix}=",
    ),
    (
        "Multiply the matrix with rows 1, 2 and 3, 4 by the matrix with rows 0, 1 and 1, 0.",
        "Multiply \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} and \\begin{bmatrix} 0 & 1 "
        "\\\\ 1 & 0 \\end{bmatrix}",
    ),
]

VECTOR_AND_NUMBER_SHAPES = [
    ("Find b × a where a = (1, 2, 3) and b = (4, 5, 6).", "[4, 5, 6] \\times [1, 2, 3] ="),
    (
        "What is the cross product of 2i + j - 3k and i - 4j + 2k?",
        "[2, 1, -3] \\times [1, -4, 2] =",
    ),
    ("Find v × u where u = (1, 2, 3) and v = (4, 5, 6).", "[4, 5, 6] \\times [1, 2, 3] ="),
    (
        "Solve three x squared plus eight x plus five equals zero.",
        "Find the roots of given Quadratic Equation 3x^2 + 8x + 5 = 0",
    ),
    (
        "Find the inverse of ((2, 1), (1, 1)).",
        "Inverse of Matrix \\begin{bmatrix} 2 & 1 \\\\ 1 & 1 \\end{bmatrix} is:",
    ),
    ("u·v for u=(3,-1,2), v=(1,5,-2)?", "[3, -1, 2]\\cdot[1, 5, -2]="),
    (
        "| Vector | x | y | z |\n|---|---|---|---|\n| a | 2 | -1 | 4 |\n| b | 3 | 0 | 5 |\n\nDot "
        "product of a and b?",
        "[2, -1, 4]\\cdot[3, 0, 5]=",
    ),
    (
        "proj_u v, where u = [1, 2] and v = [3, -4]",
        "Find the orthogonal projection of [3, -4] onto [1, 2]",
    ),
    (
        "**Given:**\n* Vector v: [5, 5]\n* Vector u: [2, -1]\n\nFind the orthogonal projection of "
        "v onto u.",
        "Find the orthogonal projection of [5, 5] onto [2, -1]",
    ),
    ("Could you kindly compute the product of z1 = 4 + 3j and z2 = 2 - 5j?", "(4+3j) * (2-5j) ="),
    (
        "I would be grateful if you could determine the point of intersection of two lines: the "
        "first has slope 3/2 and y-intercept 4, and the second has slope -1/2 and y-intercept 8.",
        "Find the point of intersection of the two lines: y = 3/2x + 4 and y = -1/2x + 8",
    ),
    (
        "| Line | Slope | y-intercept |\n|---|---|---|\n| 1 | 2 | -3 |\n| 2 | -1/4 | 6 |\n\nWhere "
        "do they meet?",
        "Find the point of intersection of the two lines: y = 2x - 3 and y = -1/4x + 6",
    ),
    (
        "**Given:**\n* a = 12\n* b = 50\n* c = 7\n* Equation: ax² + bx + c = 0\n\nFind the zeros.",
        "What are the zeros of the quadratic equation 12x^2+50x+7=0",
    ),
    (
        "**Compound Interest**\n- Principal (P): $2,000\n- Rate (r): 3%\n- Years (t): 4",
        "Compound interest for a principle amount of 2000 dollars, 3% rate of interest and for a "
        "time period of 4 years is =",
    ),
    ("Could you kindly evaluate the base-3 logarithm of 81?", "log_{3}(81)="),
    ("**Logarithm**\n* Base: 2\n* Argument: 64", "log_{2}(64)="),
    ("**Expand**\n* Factor 1: (3x + 1)\n* Factor 2: (2x - 5)", "(3x+1)(2x-5)"),
    (
        "solve for x n y 🙏 3x + 2y = 12 and x - y = -1",
        "Given the equations 3x + 2y = 12 and 1x + -1y = -1, solve for x and y",
    ),
]


@pytest.mark.parametrize(("question", "generator"), MATRIX_LAYOUTS + VECTOR_AND_NUMBER_SHAPES)
def test_operand_shapes_of_unseen_voices(question: str, generator: str) -> None:
    assert_generator_answer(question, generator)
    assert_lettered_right_or_unanswered(question, generator)


UNSEEN_VOICE_NEAR_MISSES = [
    # a layout that is not rows, or rows that cannot be read for sure
    "Find the inverse of the matrix whose first column is 2, 1 and whose second column is 1, 1.",
    "Row 1: 1, 2\nRow 3: 5, 6\nFind the determinant.",
    "The first row is 1/2, 3 and the second row is 4, 5: what is the determinant?",
    "A (2x3) rows: [1, 2]; [3, 4]. Find the determinant of A.",
    "Find the inverse of the 3x3 matrix whose first row is 1, 2, 3, whose second row is 4, 5, 6.",
    # more than the operation asked
    "What is the determinant of the matrix with top row 3 and 5 and bottom row 2 and 7, times 4?",
    "Scale the matrix [[1, 2], [3, 4]] by 1.5.",
    "Compute AB + C where A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]] and C = [[1, 0], [0, 1]].",
    "Find both AB and BA for A = [[1, 2], [3, 4]] and B = [[5, 6], [7, 8]].",
    # a product written by names the operands do not carry: which is which is unclear
    "Compute the product BA of [[1, 2], [3, 4]] and [[5, 6], [7, 8]].",
    "Compute v × u for the vectors (1, 2, 3) and (4, 5, 6).",
    "What is the cross product of 2i + 3j and 4i - j?",
    "What is the cross product of u = (1, 2, 3), v = (4, 5, 6) and w = (7, 8, 9)?",
    "Project v onto u, where v = [3, 4].",
    "| a | 1 | 2 | 3 |\n| b | 4 | 5 |\nWhat is the dot product of a and b?",
    "Multiply 3 + 2i * 4 - i.",
    "Multiply (3 + 2i) by 4.",
    # a line given otherwise than by slope and y-intercept
    "Find the intersection of the line with slope 2 and x-intercept 3 and the line with slope 1 "
    "and x-intercept 4.",
    "Where do the line with slope 1.5 and y-intercept 2 and the line with slope 2 and "
    "y-intercept 0 meet?",
    "Where does the line with slope 2 and y-intercept 3 meet the line y = x + 1?",
    "| Line | Slope | x-intercept |\n|---|---|---|\n| 1 | 2 | 3 |\n| 2 | 1 | 4 |\n"
    "Where do they meet?",
    # coefficients, sums and rates the generators never draw or ask
    "Solve ax^2 + bx + c = 0 with a = 2, b = -3, c = 1.",
    "What is the discriminant of ax^2 + bx + c = 0 with a = 2, b = 5, c = 3?",
    "What is the discriminant of 2x^2 + 5x + 3 = 0?",
    "Find x + y if 2x + 3y = 12 and 4x - y = 10.",
    "Expand (2x+1)(x+2) and then multiply by (x+3).",
    "Factor 1: (2x + 1)\nFactor 2: (x - 3)\nAdd the two factors.",
    "Compound interest: P = 1000, r = 5%, n = 12, t = 3 years.",
    "Simple interest on $5000 at 4% for t = 3 months?",
    "What is log base 2 of 8 plus log base 3 of 9?",
]


@pytest.mark.parametrize("question", UNSEEN_VOICE_NEAR_MISSES)
def test_unseen_voice_near_misses_are_refused(question: str) -> None:
    found = solve(question)
    assert found is None or not found.topic.startswith("algebra/"), found
