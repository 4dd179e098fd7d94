"""Write the engine's working the way the validator's own model writes a solution.

Validators score ``logic_reasoning`` by its all-MiniLM-L6-v2 cosine to their model's
solution of the raw question (docs/network.md §6b: Qwen2.5-7B-Instruct, one user message, at most
300 tokens; the embedding reads the first ~256 word pieces). Such solutions share a
register: they say what is asked ("To find the volume of the cube, ..."), set out
steps with the actual numbers in LaTeX (``\\( \\)`` inline, ``\\[ \\]`` displayed,
``\\times``, ``\\frac``, ``\\sqrt``), and close with "the final answer is
\\(\\boxed{…}\\)". The families' solvers write their working as short plain lines;
``present`` keeps every step and number and recasts them in that register. The
openings and closings vary (picked from the answer's digest, so a question always
gets the same text) instead of one template.
"""

from __future__ import annotations

import hashlib
import re

from logicnet.engine.core import EngineAnswer

__all__ = ["GOALS", "MAX_CHARS", "present"]

MAX_CHARS = 1500  # about 256 word pieces of math-heavy text: what the embedding reads

# What each subtopic asks, as the opening of a solution says it.
GOALS: dict[str, str] = {
    "power_rule_differentiation": "find the derivative using the power rule",
    "power_rule_integration": "find the integral using the power rule for integration",
    "trig_differentiation": "find the derivative of the trigonometric function",
    "definite_integral": "evaluate the definite integral from 0 to 1",
    "stationary_points": "find the stationary points of the function",
    "basic_algebra": "solve the linear equation for \\(x\\)",
    "log": "evaluate the logarithm",
    "multiply_int_to_22_matrix": "multiply the matrix by the scalar",
    "linear_equations": "solve the system of linear equations",
    "intersection_of_two_lines": "find the point of intersection of the two lines",
    "vector_cross": "find the cross product of the two vectors",
    "simple_interest": "find the simple interest",
    "matrix_multiplication": "multiply the two matrices",
    "quadratic_equation": "find the zeros of the quadratic equation",
    "multiply_complex_numbers": "multiply the two complex numbers",
    "vector_dot": "find the dot product of the two vectors",
    "invert_matrix": "find the inverse of the matrix",
    "int_matrix_22_determinant": "find the determinant of the matrix",
    "compound_interest": "find the amount with compound interest",
    "complex_quadratic": "find the roots of the quadratic equation",
    "combine_like_terms": "simplify the expression by combining like terms",
    "expanding": "expand the product of the two binomials",
    "line_equation_from_2_points": "find the equation of the line through the two points",
    "orthogonal_projection": "find the orthogonal projection of one vector onto the other",
    "fraction_to_decimal": "write the division as a decimal",
    "fraction_multiplication": "multiply the two fractions",
    "factorial": "find the factorial",
    "compare_fractions": "compare the two fractions",
    "cube_root": "find the cube root to 2 decimal places",
    "exponentiation": "evaluate the power",
    "absolute_difference": "find the absolute difference",
    "percentage": "find the percentage of the number",
    "is_prime": "determine whether the number is prime",
    "power_of_powers": "simplify the power of a power",
    "percentage_difference": "find the percentage difference between the two numbers",
    "percentage_error": "find the percentage error",
    "greatest_common_divisor": "find the greatest common divisor (GCD)",
    "is_composite": "determine whether the number is composite",
    "simplify_square_root": "simplify the square root",
    "area_of_triangle": "find the area of the triangle from its side lengths",
    "valid_triangle": "determine whether the side lengths can form a triangle",
    "pythagorean_theorem": "find the length of the hypotenuse",
    "angle_regular_polygon": "find the interior angle of the regular polygon",
    "surface_area_cube": "find the surface area of the cube",
    "surface_area_cuboid": "find the surface area of the cuboid",
    "surface_area_cylinder": "find the surface area of the cylinder",
    "volume_cube": "find the volume of the cube",
    "volume_cuboid": "find the volume of the cuboid",
    "volume_cylinder": "find the volume of the cylinder",
    "surface_area_cone": "find the surface area of the cone",
    "volume_cone": "find the volume of the cone",
    "fourth_angle_of_quadrilateral": "find the fourth angle of the quadrilateral",
    "basic_trigonometry": "evaluate the trigonometric function",
    "sum_of_polygon_angles": "find the sum of the interior angles of the polygon",
    "surface_area_sphere": "find the surface area of the sphere",
    "volume_sphere": "find the volume of the sphere",
    "angle_btw_vectors": "find the angle between the two vectors",
    "sector_area": "find the area of the sector",
    "degree_to_rad": "convert the angle from degrees to radians",
    "radian_to_deg": "convert the angle from radians to degrees",
    "curved_surface_area_cylinder": "find the curved surface area of the cylinder",
    "perimeter_of_polygons": "find the perimeter of the polygon",
    "circumference": "find the circumference of the circle",
    "arc_length": "find the arc length",
    "area_of_circle": "find the area of the circle",
    "volume_cone_frustum": "find the volume of the frustum of the cone",
    "equation_of_line_from_two_points": "find the equation of the line through the two points",
    "area_of_circle_given_center_and_point": "find the area of the circle",
    "volume_hemisphere": "find the volume of the hemisphere",
    "volume_pyramid": "find the volume of the pyramid",
    "surface_area_pyramid": "find the surface area of the pyramid",
    "complementary_and_supplementary_angle": "find the complementary or supplementary angle",
    "area_of_trapezoid": "find the area of the trapezoid",
    "prime_factors": "find the prime factors of the number",
    "common_factors": "find the common factors of the two numbers",
    "surds_comparison": "compare the two surds",
    "profit_loss_percent": "find the profit or loss percentage",
    "geometric_progression": "find the common ratio, the term and the sum of the geometric "
    "progression",
    "geometric_mean": "find the geometric mean of the numbers",
    "harmonic_mean": "find the harmonic mean of the numbers",
    "euclidian_norm": "find the Euclidean (L2) norm of the vector",
    "celsius_to_fahrenheit": "convert the temperature from Celsius to Fahrenheit",
    "arithmetic_progression_term": "find the term of the arithmetic progression",
    "arithmetic_progression_sum": "find the sum of the arithmetic progression",
    "decimal_to_roman_numerals": "write the number in Roman numerals",
    "complex_to_polar": "write the complex number in polar form",
    "set_operation": "find the union, intersection and differences of the two sets",
    "base_conversion": "convert the number between the two bases",
    "quotient_of_power_same_base": "find the quotient of the powers with the same base",
    "quotient_of_power_same_power": "find the quotient of the powers with the same exponent",
    "is_leap_year": "determine whether the year is a leap year",
    "minutes_to_hours": "convert the minutes to hours and minutes",
    "signum_function": "find the signum of the number",
    "factors": "find all the factors of the number",
    "product_of_scientific_notations": "find the product of the numbers in scientific notation",
    "velocity_of_object": "find the velocity of the object",
    "combinations": "find the number of combinations",
    "permutation": "find the number of permutations",
    "dice_sum_probability": "find the probability of the dice sum",
    "confidence_interval": "find the confidence interval",
    "data_summary": "find the mean, standard deviation and variance of the data",
    "mean_median": "find the mean and median of the numbers",
    "conditional_probability": "find the conditional probability",
    "fibonacci_series": "list the Fibonacci series",
    "nth_fibonacci_number": "find the Fibonacci number",
    "binary_to_hex": "convert the binary number to hexadecimal",
    "binary_2s_complement": "find the 2's complement of the binary number",
    "decimal_to_hexadeci": "convert the decimal number",
    "decimal_to_octal": "convert the decimal number to octal",
    "bcd_to_decimal": "convert the binary coded decimal to an integer",
    "decimal_to_bcd": "write the decimal number in binary coded decimal (BCD)",
    "nth_tribonacci_number": "find the Tribonacci number",
}

_OPENINGS = (
    "To {goal}, we follow these steps:",
    "To {goal}, we work through it step by step.",
    "We need to {goal}. Let's solve it step by step.",
)
_STEP_HEADS = ("**Step {k}:**", "{k}.")
_CLOSINGS = (
    "Therefore, {what} is \\(\\boxed{{{answer}}}\\).",
    "Therefore, the final answer is \\(\\boxed{{{answer}}}\\).",
    "So, the final answer is \\(\\boxed{{{answer}}}\\).",
    "Therefore, the answer is:\n\\[\n\\boxed{{{answer}}}\n\\]",
)

_SYMBOLS = [
    ("×", " \\times "),
    ("·", " \\cdot "),
    ("÷", " \\div "),
    ("−", "-"),
    ("≈", " \\approx "),
    ("≤", " \\le "),
    ("≥", " \\ge "),
    ("≠", " \\neq "),
    ("π", "\\pi "),
    ("θ", "\\theta "),
    ("°", "^\\circ"),
    ("∫₀¹", "\\int_0^1 "),
    ("∫", "\\int "),
    ("√", "\\sqrt"),
]
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+")
_SQRT_ARG = re.compile(r"\\sqrt\s*\(?(\d+(?:\.\d+)?)\)?")
_PI_WORD = re.compile(r"\bpi\b")
# A span of math: numbers, one-letter names, LaTeX commands, function names, operators.
_MATH_SPAN = re.compile(
    r"(?:(?:\\[a-zA-Z]+|(?:sin|cos|tan|cot|sec|csc|log|ln|det|mod)\b|(?<![a-zA-Z])[a-zA-Z]"
    r"(?![a-zA-Z])|\d+(?:\.\d+)?|[-+*/^=<>()\[\]{}|!_',]|\.(?=\d))[ \t]*)+"
)
_RELATION = re.compile(r"=|<|>|\\approx|\\le|\\ge|\\neq")


def _latex(text: str) -> str:
    for plain, tex in _SYMBOLS:  # first: "∫₀¹" carries a superscript of its own
        text = text.replace(plain, tex)
    text = _SUPER_RUN.sub(lambda m: "^{" + m.group(0).translate(_SUPERSCRIPT) + "}", text)
    text = _SQRT_ARG.sub(r"\\sqrt{\1}", text)
    text = _PI_WORD.sub(r"\\pi", text)
    text = re.sub(r" ?(?<![*])\*(?![*]) ?", r" \\times ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _set_math(line: str) -> str:
    """A working line with its formulas set in LaTeX: the longest equation displayed on a
    line of its own, the others inline."""
    line = _latex(line)
    spans = []
    for m in _MATH_SPAN.finditer(line):
        raw = m.group(0)
        text = raw.strip().strip(",").strip()
        if _RELATION.search(text) and re.search(r"\d|\\pi", text) and len(text) >= 3:
            lead = raw.index(text)
            spans.append((m.start() + lead, m.start() + lead + len(text)))
    if not spans:
        return line
    main = max(spans, key=lambda sp: sp[1] - sp[0])
    out, at = [], 0
    for start, end in spans:
        out.append(line[at:start])
        formula = line[start:end]
        out.append(f"\n\\[\n{formula}\n\\]\n" if (start, end) == main else f"\\({formula}\\)")
        at = end
    tail = line[at:].strip()
    out.append("" if tail in (".", "") else tail)
    lines = [ln.strip() for ln in "".join(out).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _pick(options: tuple[str, ...], digest: bytes, slot: int) -> str:
    return options[digest[slot] % len(options)]


def _inline(line: str) -> str:
    return re.sub(r"\n?\\\[\n(.*?)\n\\\]\n?", r" \\(\1\\) ", _set_math(line)).strip()


def present(answer: EngineAnswer) -> str:
    """The working of ``answer`` in the register of the validator's model, within the
    first ~256 word pieces."""
    subtopic = answer.topic.rsplit("/", 1)[-1]
    goal = GOALS.get(subtopic, "solve the problem")
    digest = hashlib.sha256(f"{answer.topic}|{answer.answer}".encode()).digest()
    lines = [ln.strip() for ln in answer.reasoning.splitlines() if ln.strip()]
    if lines and re.match(r"^(?:answer|so the answer is)\s*:", lines[-1], re.I):
        lines = lines[:-1]  # the closing line says it again, boxed
    head = _pick(_STEP_HEADS, digest, 1)
    parts = [_pick(_OPENINGS, digest, 0).format(goal=goal)]
    if answer.problem:
        parts.append(f"We are given: {_inline(answer.problem)}")
    for k, line in enumerate(lines, start=1):
        body = _set_math(line)
        parts.append(f"{head.format(k=k)} {body}")
    what = goal[len("find ") :] if goal.startswith("find ") else "the answer"
    closing = _pick(_CLOSINGS, digest, 2).format(answer=_latex(answer.answer), what=what)
    text = "\n\n".join(parts)
    if len(text) + len(closing) + 2 > MAX_CHARS:
        text = text[: MAX_CHARS - len(closing) - 2].rsplit("\n", 1)[0]
    return f"{text}\n\n{closing}"
