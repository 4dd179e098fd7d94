"""A model's right value in the generator's exact format (logicnet.engine.formats)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from logicnet.answers import answer_from_reply, normalise_for_validator
from logicnet.challenges.generate import draw_problem
from logicnet.challenges.topics import UNWINNABLE, topic_pairs
from logicnet.challenges.wrap import wrap_math_question
from logicnet.engine.formats import FORMATTERS, asked_subtopic, in_convention, render
from logicnet.validator.scoring import correctness

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "llm-replies.jsonl"
PROFILE = "network-2025-05"


def _asked(topic: str, subtopic: str, seed: int = 7) -> tuple[str, str]:
    """(wrapped question, the generator's answer) for a fixed draw."""
    question, truth = draw_problem(topic, subtopic, seed)
    return wrap_math_question(topic, subtopic, question), truth


def _wins(truth: str, answer: str) -> bool:
    """The validators' programmatic rule; a judge-only result counts only when identical."""
    result = correctness(PROFILE, truth, answer)
    if result.needs_judge:
        return answer.strip().lower() == truth.strip().lower()
    return (result.score or 0.0) >= 1 - 1e-6


# Per subtopic kind: answers a model writes with the right value, each of which must come
# out as the generator's exact string for the draw at seed 7 (shown in the comments).
CASES: list[tuple[str, str, list[str]]] = [
    # 21x^{6} + 2x^{1} + 18x^{1}: term order, x^{1}, like terms kept apart
    (
        "calculus",
        "power_rule_differentiation",
        ["21x^6 + 2x + 18x", "21x^6 + 20x", "f'(x) = 21*x**6 + 20*x", "21x⁶+2x+18x"],
    ),
    # \frac{3}{7}x^{8} + \frac{1}{2}x^{3} + \frac{9}{2}x^{3} + C (divides by the old exponent)
    (
        "calculus",
        "power_rule_integration",
        [
            "(3/7)x^8 + (1/2)x^3 + (9/2)x^3 + C",
            "\\frac{3}{7}x^{8} + 5x^{3} + C",
            "3x^8/7 + 5x^3 + C",
        ],
    ),
    ("calculus", "trig_differentiation", ["\\sec^2(x)", "sec²x", "\\sec^{2} x"]),
    (
        "calculus",
        "stationary_points",
        [
            "x = \\frac{-16 \\pm \\sqrt{244}}{6}",
            "x = -8/3 - √61/3 and x = -8/3 + √61/3",
            "x = (-16 ± 2√61)/6",
        ],
    ),
    ("algebra", "basic_algebra", ["x = 6", "6", "x = 6.0"]),
    (
        "algebra",
        "multiply_int_to_22_matrix",
        ["\\begin{pmatrix} 0 & 0 \\\\ 0 & 0 \\end{pmatrix}", "[[0, 0], [0, 0]]"],
    ),
    (
        "algebra",
        "linear_equations",
        ["x = 0 and y = -11", "(x, y) = (0, -11)", "x=0, y=-11", "x = 0; y = -11"],
    ),
    (
        "algebra",
        "intersection_of_two_lines",
        ["x = -3, y = -9", "(-3, -9)", "\\left(-3, -9\\right)"],
    ),
    (
        "algebra",
        "vector_cross",
        ["(-74, -85, -187)", "\\langle -74, -85, -187 \\rangle", "-74i - 85j - 187k"],
    ),
    (
        "algebra",
        "quadratic_equation",
        ["x ≈ -0.13 and x ≈ -3.68", "{-3.68, -0.13}", "x₁ = -0.13, x₂ = -3.68"],
    ),
    ("algebra", "multiply_complex_numbers", ["-187 - 55i", "-187-55j", "(-187 - 55i)"]),
    (
        "algebra",
        "invert_matrix",
        [
            "\\begin{pmatrix} 1 & -2 & 5 \\\\ -1 & 0 & 2 \\\\ 0 & 1 & -3 \\end{pmatrix}",
            "[[1, -2, 5], [-1, 0, 2], [0, 1, -3]]",
            "[[ 1 -2  5]\n [-1  0  2]\n [ 0  1 -3]]",
        ],
    ),
    (
        "algebra",
        "complex_quadratic",
        ["x = -0.177 and x = -2.823", "x = \\frac{-6 \\pm \\sqrt{28}}{4}"],
    ),
    (
        "algebra",
        "combine_like_terms",
        ["7x^19 + 2x^17 + 3x^12 + 9x^7 + 3x^2", "3x^{2} + 9x^{7} + 3x^{12} + 2x^{17} + 7x^{19}"],
    ),
    ("algebra", "expanding", ["20x^2 - 12x", "20x^{2}-12x"]),
    ("algebra", "line_equation_from_2_points", ["y = 2x + 5", "2x + 5"]),
    (
        "algebra",
        "orthogonal_projection",
        [
            "[-15/13, -75/13]",
            "(-\\frac{15}{13}, -\\frac{75}{13})",
            "\\begin{pmatrix} -15/13 \\\\ -75/13 \\end{pmatrix}",
        ],
    ),
    # a whole product keeps the unreduced \frac{ac}{bd}
    ("basic_math", "fraction_multiplication", ["14", "42/3", "\\frac{42}{3}"]),
    (
        "basic_math",
        "compare_fractions",
        ["<", "6/3 < 7/1", "7/1 > 6/3", "\\frac{6}{3} < \\frac{7}{1}"],
    ),
    ("basic_math", "exponentiation", ["1,331", "1331", "The result is 1,331."]),
    ("basic_math", "is_prime", ["Yes", "Yes, 43 is prime.", "43 is a prime number", "**Yes**"]),
    ("basic_math", "power_of_powers", ["21^21", "21^{21}", "(21^{21})"]),
    ("basic_math", "percentage_error", ["70.97%", "70.97\\%", "about 70.97 percent"]),
    ("basic_math", "simplify_square_root", ["2√5", "2\\sqrt{5}", "\\sqrt{20} = 2\\sqrt{5}"]),
    ("geometry", "surface_area_cube", ["726 square meters", "726 m²", "726"]),
    ("geometry", "basic_trigonometry", ["√2/2", "\\frac{\\sqrt{2}}{2}", "1/√2", "0.7071"]),
    ("geometry", "equation_of_line_from_two_points", ["y = 2x + 5", "2x + 5"]),
    (
        "geometry",
        "valid_triangle",
        ["Yes", "Yes, the triangle exists.", "such a triangle can exist"],
    ),
    ("geometry", "arc_length", ["28.58849", "Arc length ≈ 28.58849", "28.58849 units"]),
    ("misc", "prime_factors", ["83", "[83]"]),
    (
        "misc",
        "factors",
        ["1, 2, 4, 83, 166, 332", "{1, 2, 4, 83, 166, 332}", "1, 2, 4, 83, 166 and 332"],
    ),
    ("misc", "surds_comparison", ["<", "42^{1/7} < 20^{1/1}", "20^{1/1} > 42^{1/7}"]),
    (
        "misc",
        "geometric_progression",
        [
            "a = 4, r = 7, 9th term = 23059204, sum of first 11 terms = 1318217828",
            "a = 4, r = 7, a_{9} = 23059204, S_{11} = 1318217828",
        ],
    ),
    (
        "misc",
        "set_operation",
        [
            "Union: {1, 2, 6, 7, 9, 10}; Intersection: {1, 9}; a−b: {2, 7}; b−a: {6, 10}; "
            "Symmetric difference: {2, 6, 7, 10}",
            "A ∪ B = {1,2,6,7,9,10}, A ∩ B = {1,9}, A − B = {2,7}, B − A = {6,10}, "
            "A Δ B = {2,6,7,10}",
        ],
    ),
    ("misc", "base_conversion", ["101001100001110", "(101001100001110)_2", "101001100001110₂"]),
    ("misc", "is_leap_year", ["No", "No, 1982 is not a leap year.", "1982 is not a leap year"]),
    ("misc", "minutes_to_hours", ["5 hours 32 minutes", "5 h 32 min", "5:32"]),
    (
        "misc",
        "product_of_scientific_notations",
        ["1.78 × 10^-149", "1.78e-149", "17.8 \\times 10^{-150}", "1.78 × 10⁻¹⁴⁹"],
    ),
    ("statistics", "dice_sum_probability", ["3/36", "1/12", "\\frac{1}{12}"]),
    (
        "statistics",
        "confidence_interval",
        [
            "(241.91529263613555, 260.75137403053117)",
            "[241.91529263613555, 260.75137403053117]",
            "241.91529263613555 to 260.75137403053117",
        ],
    ),
    (
        "statistics",
        "data_summary",
        [
            # the true labels: the generator swaps standard deviation and variance
            "Mean = 22.133333333333333, Standard deviation = 13.49007865885971, "
            "Variance = 181.9822222222222",
            "mean: 22.133333333333333; variance: 181.9822222222222; "
            "standard deviation: 13.49007865885971",
        ],
    ),
    ("statistics", "mean_median", ["Mean = 41.8, Median = 44.5", "mean: 41.8, median: 44.5"]),
    ("computer_science", "binary_to_hex", ["0x11", "11", "0X11", "11_{16}", "17"]),
    # 1.5.0 asks for "binary" and answers in hex: the binary digits are the same number
    ("computer_science", "decimal_to_hexadeci", ["0x14B", "14b", "101001011", "101001011_2"]),
    ("computer_science", "binary_2s_complement", ["01111", "1111", "0b1111"]),
    ("computer_science", "nth_fibonacci_number", ["267,914,296", "267914296"]),
]


@pytest.mark.parametrize("topic,subtopic,answers", CASES, ids=[c[1] for c in CASES])
def test_answers_come_out_in_the_generators_format(
    topic: str, subtopic: str, answers: list[str]
) -> None:
    question, truth = _asked(topic, subtopic)
    for answer in answers:
        assert render(answer, question) == truth, answer
        assert render(truth, question) == truth  # the generator's own answer is a fixed point


def test_every_subtopic_has_a_formatter_and_keeps_its_own_answer() -> None:
    for topic, subtopic in topic_pairs():
        if (topic, subtopic) in UNWINNABLE:
            continue
        assert (topic, subtopic) in FORMATTERS
        for seed in (11, 12, 13):
            question, truth = _asked(topic, subtopic, seed)
            if not truth:
                continue
            got = normalise_for_validator(truth, question)
            if len(truth) <= 300:  # a longer one is cut by the answer path's cap
                assert got == truth, (subtopic, truth, got)


@pytest.mark.parametrize(
    "topic,subtopic,answer",
    [
        ("calculus", "power_rule_differentiation", "the derivative grows quickly"),
        ("algebra", "linear_equations", "x = 0"),  # y missing: not a solution of the system
        ("algebra", "invert_matrix", "[[1, 2], [3]]"),  # ragged
        ("algebra", "vector_cross", "[1, 2]"),  # two components for a 3-vector
        ("misc", "set_operation", "Union: {1, 2}; Intersection: {1}"),  # not all five sets
        ("basic_math", "compare_fractions", "5 < 6 < 7"),
        ("basic_math", "simplify_square_root", "∛20"),
        ("statistics", "data_summary", "Mean = 22.1, Standard deviation = 5, Variance = 7"),
        ("computer_science", "binary_to_hex", "twenty"),
        ("misc", "minutes_to_hours", "5 hours 75 minutes"),
        ("geometry", "surface_area_cube", "726 or 727"),
    ],
)
def test_unparseable_answers_are_left_unchanged(topic: str, subtopic: str, answer: str) -> None:
    question, _ = _asked(topic, subtopic)
    assert render(answer, question) is None
    assert in_convention(answer, question) == answer


def test_a_value_is_never_changed() -> None:
    question, truth = _asked("calculus", "power_rule_differentiation")
    # a wrong derivative stays a wrong derivative, only in the generator's notation
    assert render("21x^6 + 19x", question) == "21x^{6} + 19x^{1}"
    question, truth = _asked("algebra", "linear_equations")
    assert render("x = 1 and y = -11", question) == "x = 1, y = -11"
    question, _ = _asked("computer_science", "binary_to_hex")
    assert render("42", question) is None  # 0x42, 42 and 0b42: none is the question's 17


def test_ambiguous_or_unknown_questions_are_left_alone() -> None:
    # a bare polynomial is a derivative, an integral and like terms all at once
    assert asked_subtopic("3x^{7} + 1x^{2} + 9x^{2}") is None
    assert render("21x^6 + 20x", "3x^{7} + 1x^{2} + 9x^{2}") is None
    for question in (
        "",
        "Write a haiku about autumn.",
        "I teach a class of 40 students; 30% voted for the zoo. How many did not?",
        "Who wrote Hamlet?",
    ):
        assert in_convention("x = 28, y = 3", question) == "x = 28, y = 3"


@pytest.mark.parametrize(
    "question,answer,expected",
    [
        ("Janet has 3 apples and buys 1,204 more. How many apples?", "1,207", "1,207"),
        ("What is 1/2 + 1/4?", "3/4", "3/4"),
        ("Which is a prime?\nA. 4\nB. 7\nC. 9", "B", "B. 7"),
        ("Which fraction of offspring is aa?\nA. 1/4\nB. 1/2\nC. 3/4", "1/4", "1/4"),
        ("Solve: what is 12.5 cm^2 in total?", "12.5 cm^2", "12.5"),
    ],
)
def test_non_generator_questions_take_the_old_path(
    question: str, answer: str, expected: str
) -> None:
    assert normalise_for_validator(answer, question) == expected
    assert normalise_for_validator(answer, question, convention=False) == expected


def test_paraphrased_questions_without_the_wrapper_are_recognised() -> None:
    question = "Using the power rule, find the derivative with respect to x of 3x^7 + x^2 + 9x^2."
    asked = asked_subtopic(question)
    assert asked is not None and asked.subtopic == "power_rule_differentiation"
    assert render("21x^6 + 20x", question) == "21x^{6} + 2x^{1} + 18x^{1}"


def test_long_and_multiline_answers_are_read_from_the_reply() -> None:
    question, truth = draw_problem("algebra", "matrix_multiplication", 11)
    wrapped = wrap_math_question("algebra", "matrix_multiplication", question)
    body = truth.split("\\begin{bmatrix}")[1].split("\\end{bmatrix}")[0]
    rows = [r.strip() for r in body.split("\\\\")]
    pmatrix = "\\begin{pmatrix}\n" + " \\\\\n".join(rows) + "\n\\end{pmatrix}"
    assert len(truth) > 300  # longer than the answer path's usual cap
    reply = f"Multiplying row by column.\n\n**Final Answer:**\n\n$$\n{pmatrix}\n$$"
    assert answer_from_reply(reply, wrapped) == truth
    system, truth = _asked("algebra", "linear_equations")
    assert answer_from_reply("Solving...\n\nFinal answer:\nx = 0\ny = -11", system) == truth


@pytest.mark.parametrize(
    "answer",
    [
        "9" * 5000,
        "[" * 2000 + "1" + "]" * 2000,
        "x = " + "1" * 70 + ", y = 2",
        "2^99999999",
        "(" * 500 + "1",
        "-" * 3000 + "5",
        "\\sqrt" * 3000 + "{2}",
        "1/" * 2000 + "1",
        "x" * 100_000,
        ("3x^{7} + " * 12_000) + "1",
        "{" + ", ".join(["1"] * 30_000) + "}",
        "\\begin{pmatrix}" + " & ".join(["1"] * 20_000) + "\\end{pmatrix}",
        "1e999999 × 10^999999",
    ],
)
def test_hostile_answers_are_bounded_and_fast(answer: str) -> None:
    started = time.perf_counter()
    for topic, subtopic in FORMATTERS:
        question, _ = _asked(topic, subtopic)
        out = render(answer, question)
        assert out is None or len(out) <= 1200
    reply_question, _ = _asked("algebra", "invert_matrix")
    answer_from_reply(answer + "\nFinal answer:\n" + answer, reply_question)
    assert time.perf_counter() - started < 3.0


def test_huge_replies_are_bounded() -> None:
    question, _ = _asked("algebra", "matrix_multiplication")
    started = time.perf_counter()
    reply = "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}\n" * 20_000 + "[[" * 5000
    answer_from_reply(reply, question)
    answer_from_reply("[[1, 2], [3, 4]] " * 50_000, question)
    assert time.perf_counter() - started < 2.0


def test_hostile_questions_are_not_read() -> None:
    assert asked_subtopic("Topic: Algebra, Subtopic: Linear equations.\n" + "9" * 5000) is None
    assert render("x = 1, y = 2", "x" * 100_000) is None


def _rows() -> list[dict[str, str]]:
    return [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]


def test_the_reply_set_covers_every_family_and_has_right_values() -> None:
    rows = _rows()
    assert len(rows) >= 200
    families = {row["topic"].split("/")[0] for row in rows}
    assert families == {t for t, _ in topic_pairs()}
    for row in rows:
        assert {"id", "topic", "question", "ground_truth", "reply"} <= set(row)


def test_replies_with_the_right_value_win_in_the_generators_format() -> None:
    rows = _rows()
    before = after = regressions = 0
    for row in rows:
        old = _wins(
            row["ground_truth"], answer_from_reply(row["reply"], row["question"], convention=False)
        )
        new = _wins(row["ground_truth"], answer_from_reply(row["reply"], row["question"]))
        before += old
        after += new
        regressions += old and not new
    assert after / len(rows) >= 0.95
    assert regressions == 0
    assert after > before


def test_rendering_is_idempotent_over_the_reply_set() -> None:
    for row in _rows()[::3]:
        once = answer_from_reply(row["reply"], row["question"])
        assert normalise_for_validator(once, row["question"]) == once
