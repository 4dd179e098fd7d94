"""Paraphrases in voices the dev set does not use, built from fresh generator problems.

The dev set's 303 paraphrases come from one model; a live validator's come from others.
``voiced`` renders a generator problem of the calculus, algebra, basic_math and statistics
families as a person might ask it (other verbs, prose instead of LaTeX, Unicode powers,
number words, a Topic line or none, a preface, chatter before and after), and ``near``
changes the question's meaning while keeping its numbers (integral for derivative,
composite for prime, LCM for GCD), which must never get the original subtopic's answer.
Used by ``engine_paraphrase.py --voices N``.
"""

from __future__ import annotations

import random
import re

from logicnet.challenges.wrap import topic_label

__all__ = ["FAMILIES", "NEAR", "near", "voiced"]

FAMILIES = ("algebra", "basic_math", "calculus", "statistics")

_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_WORDS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    15: "fifteen",
    20: "twenty",
}
_PRE = [
    "As a data scientist who's feeling curious, I have to ask: ",
    "Okay, tutor hat on! ",
    "Hmm, I'm a bit puzzled here. ",
    "Greetings! As a theoretical physicist, ",
    "Quick one for you - ",
    "",
]
_POST = [
    "",
    " I'd love to see the steps!",
    " Thanks in advance!",
    " Can you walk me through it carefully?",
]
_TRIG = {
    "sin": "sine",
    "cos": "cosine",
    "tan": "tangent",
    "sec": "secant",
    "csc": "cosecant",
    "cot": "cotangent",
}


def _nums(text: str) -> list[str]:
    return re.findall(r"-?\d+(?:\.\d+)?", text)


def _sup(text: str) -> str:
    return re.sub(r"\^\{?(\d+)\}?", lambda m: m.group(1).translate(_SUPER), text)


def _rows(raw: str) -> list[str]:
    body = re.search(r"bmatrix\}(.*)\\end", raw)
    assert body is not None
    return [
        "[" + ", ".join(c.strip() for c in row.split("&")) + "]"
        for row in body.group(1).split("\\\\")
    ]


def _calculus(sub: str, raw: str, body: str, v: list[str]) -> list[str]:
    if sub == "power_rule_differentiation":
        return [f"Differentiate f(x) = {_sup(body)}.", f"d/dx of \\( {body} \\): what is it?"]
    if sub == "power_rule_integration":
        return [
            f"∫ ({_sup(body)}) dx using the power rule?",
            f"What's the antiderivative of {body}?",
        ]
    if sub == "trig_differentiation":
        name = re.search(r"\\(\w+)\)", raw)
        assert name is not None
        return [
            f"What is the derivative of {name.group(1)}(x)?",
            f"Differentiate the {_TRIG[name.group(1)]} function with respect to x.",
        ]
    if sub == "definite_integral":
        a, b, c = v[2], v[4], v[5]
        return [
            f"Compute ∫ from 0 to 1 of ({a}x² + {b}x + {c}) dx.",
            f"What's the area under y = {a}x^2 + {b}x + {c} on the interval [0, 1]?",
        ]
    expr = body.split("=", 1)[1]  # stationary_points
    return [
        f"What are the critical points of the function {expr.replace('*', '')}?",
        f"Locate the stationary points of y = {_sup(expr)}.",
    ]


def _algebra(sub: str, raw: str, body: str, v: list[str]) -> list[str]:
    out: list[str] = []
    if sub == "basic_algebra":
        out = [
            f"Find x: {v[0]}x + {v[1]} = {v[2]}",
            f"What value of x makes {v[0]}x + {v[1]} = {v[2]} true?",
        ]
    elif sub == "log":
        out = [f"What is log base {v[0]} of {v[1]}?", f"Evaluate \\(\\log_{{{v[0]}}} {v[1]}\\)."]
    elif sub == "multiply_int_to_22_matrix":
        rows = _rows(raw)
        out = [
            f"Multiply the matrix [{', '.join(rows)}] by {v[0]}.",
            f"What is {v[0]} times the 2x2 matrix with rows {rows[0]} and {rows[1]}?",
        ]
    elif sub == "linear_equations":
        m = re.search(r"equations (.*) and (.*), solve", raw)
        assert m is not None
        e1, e2 = (x.replace("+ -", "- ") for x in m.groups())
        out = [f"Solve the system:\n{e1}\n{e2}", f"Find x and y if {e1} and {e2}."]
    elif sub == "intersection_of_two_lines":
        m = re.search(r"lines: (.*) and (.*)", raw)
        assert m is not None
        out = [
            f"Where do the lines {m.group(1)} and {m.group(2)} meet?",
            f"Find the intersection point of {m.group(1)} with {m.group(2)}.",
        ]
    elif sub in ("vector_cross", "vector_dot"):
        u, w = re.findall(r"\[[^\]]*\]", raw)
        word, sym = ("cross", "×") if sub == "vector_cross" else ("dot", "·")
        out = [f"What is the {word} product of the vectors {u} and {w}?", f"Compute {u} {sym} {w}."]
    elif sub in ("simple_interest", "compound_interest"):
        p, r, t = v
        kind = sub.split("_")[0]
        out = [
            f"If you deposit ${int(p):,} at {r}% {kind} interest for {t} years, how much "
            f"{kind} interest is there?",
            f"{kind.title()} interest question: principal {p} dollars, annual rate {r} "
            f"percent, {t} years. What is the {kind} interest?",
        ]
    elif sub == "matrix_multiplication":
        a, c = re.findall(r"\\begin\{bmatrix\}.*?\\end\{bmatrix\}", raw)
        out = [f"What is the product of the matrices {a} and {c}?"]
    elif sub == "quadratic_equation":
        out = [
            f"Find the roots of {v[0]}x² + {v[2]}x + {v[3]} = 0.",
            f"Solve {v[0]}x^2+{v[2]}x+{v[3]}=0 for its zeros.",
        ]
    elif sub == "complex_quadratic":
        eq = raw.split("Equation ")[1]
        out = [f"Solve {eq} for x.", f"What are the roots of the quadratic {_sup(eq)}?"]
    elif sub == "multiply_complex_numbers":
        z1, z2 = re.findall(r"\([^)]*\)|-?\d+j", raw)
        out = [f"What is the product of the complex numbers {z1} and {z2}?"]
    elif sub == "invert_matrix":
        out = [f"Find the inverse of the matrix [{', '.join(_rows(raw))}]."]
    elif sub == "int_matrix_22_determinant":
        out = [
            f"Find the determinant of the matrix [{', '.join(_rows(raw))}].",
            f"What's the determinant of {raw.replace(chr(92) + 'det ', '').rstrip('=')}?",
        ]
    elif sub == "combine_like_terms":
        out = [
            f"Combine like terms in the expression {body}.",
            f"Simplify {_sup(body)} by collecting like terms.",
        ]
    elif sub == "expanding":
        out = [f"Multiply out {body}.", f"Expand {body} fully, please."]
    elif sub == "line_equation_from_2_points":
        x1, y1, x2, y2 = v[-4:]
        out = [f"What is the equation of the line through ({x1}, {y1}) and ({x2}, {y2})?"]
    elif sub == "orthogonal_projection":
        u, w = re.findall(r"\[[^\]]*\]", raw)
        out = [f"Project the vector {u} onto {w}. What's the orthogonal projection?"]
    return out


def _basic_math(sub: str, raw: str, body: str, v: list[str]) -> list[str]:
    table = {
        "fraction_to_decimal": lambda: [
            f"What is {v[0]} divided by {v[1]} as a decimal?",
            f"Express {v[0]}/{v[1]} as a decimal.",
        ],
        "fraction_multiplication": lambda: [
            f"What is {v[0]}/{v[1]} times {v[2]}/{v[3]}?",
            f"Find the product of \\frac{{{v[0]}}}{{{v[1]}}} and \\frac{{{v[2]}}}{{{v[3]}}}.",
        ],
        "factorial": lambda: [f"What is {v[0]} factorial?", f"Compute {v[0]}!"],
        "compare_fractions": lambda: [
            f"Which is bigger, {v[0]}/{v[1]} or {v[2]}/{v[3]}? Answer with <, > or =."
        ],
        "cube_root": lambda: [
            f"What is the cube root of {v[1]}, rounded to 2 decimal places?",
            f"∛{v[1]} ≈ ? (2 d.p.)",
        ],
        "exponentiation": lambda: [
            f"What is {v[0]} to the power of {v[1]}?",
            f"Compute {v[0]}^{v[1]}.",
        ],
        "absolute_difference": lambda: [
            "What's the absolute difference between {} and {}?".format(
                *re.match(r"\|(-?\d+)-(-?\d+)\|", raw).groups()
            )
        ],  # type: ignore[union-attr]
        "percentage": lambda: [f"What is {v[0]} percent of {v[1]}?", f"Find {v[0]}% of {v[1]}."],
        "is_prime": lambda: [f"Is {v[0]} a prime number?", f"Determine whether {v[0]} is prime."],
        "is_composite": lambda: [
            f"Is {v[0]} a composite number?",
            f"Tell me if {v[0]} is composite.",
        ],
        "power_of_powers": lambda: [
            f"How would you simplify {v[0]}^{{{v[1]}^{{{v[2]}}}}}?",
            f"Simplify ({v[0]}^{v[1]})^{v[2]}.",
        ],
        "percentage_difference": lambda: [
            f"Find the percent difference between {v[0]} and {v[1]}."
        ],
        "percentage_error": lambda: [
            f"The measured value is {v[0]} and the true value is "
            f"{v[1]}. What is the percentage error?"
        ],
        "greatest_common_divisor": lambda: [
            f"What's the greatest common divisor of {v[0]} and {v[1]}?",
            f"Find the HCF of {int(v[0]):,} and {int(v[1]):,}.",
        ],
        "simplify_square_root": lambda: [
            f"Simplify √{v[0]}.",
            f"Write the square root of {v[0]} in simplest radical form.",
        ],
    }
    return table[sub]() if sub in table else []


def _statistics(sub: str, raw: str, body: str, v: list[str]) -> list[str]:
    listed = re.search(r"\[[^\]]*\]", raw)
    if sub == "combinations":
        return [
            f"How many ways can you choose {v[1]} items from {v[0]}?",
            f"Compute C({v[0]}, {v[1]}).",
        ]
    if sub == "permutation":
        return [
            f"How many permutations of {v[1]} objects can be made from {v[0]} objects?",
            f"Find P({v[0]}, {v[1]}).",
        ]
    if sub == "dice_sum_probability":
        return [f"Roll {v[0]} dice. What's the probability that the total is {v[1]}?"]
    if sub == "confidence_interval" and listed:
        level = re.search(r"(\d+)% confidence", raw)
        assert level is not None
        return [
            f"Compute the {level.group(1)}% confidence interval for the sample {listed.group(0)}."
        ]
    if sub == "data_summary":
        return [
            f"For the dataset {raw.split('data ')[1]}, what are the mean, standard deviation "
            "and variance?"
        ]
    if sub == "mean_median" and listed:
        return [f"What are the mean and the median of {listed.group(0)}?"]
    if sub == "conditional_probability":
        p, sn, sp = re.findall(r"\d+\.\d+", raw)
        return [
            f"A disease affects {p}% of the population. A test has a sensitivity of {sn}% "
            f"and a specificity of {sp}%. If a person tests positive, what's the "
            "probability they actually have the disease?"
        ]
    return []


def _number_words(text: str, rng: random.Random) -> str:
    def word(m: re.Match[str]) -> str:
        value = int(m.group(1))
        return _WORDS.get(value, m.group(1)) if rng.random() < 0.5 else m.group(1)

    return re.sub(r"(?<![\w.\-^{/\[,])(\d+)(?![\w.^}/\],])", word, text)


def voiced(topic: str, sub: str, raw: str, rng: random.Random) -> list[str]:
    """The problem asked in a few voices (empty for a subtopic without templates)."""
    body = raw.rstrip("= ").strip()
    maker = {
        "calculus": _calculus,
        "algebra": _algebra,
        "basic_math": _basic_math,
        "statistics": _statistics,
    }.get(topic)
    if maker is None:
        return []
    out = []
    for text in maker(sub, raw, body, _nums(raw)):
        text = rng.choice(_PRE) + text + rng.choice(_POST)
        if rng.random() < 0.3:
            text = _number_words(text, rng)
        if rng.random() < 0.4:
            text = f"Topic: {topic_label(topic)}, Subtopic: {topic_label(sub)}.\n{text}"
        if rng.random() < 0.2:
            text = f'Sure! Here\'s the rephrased question:\n\n"{text}"'
        out.append(text)
    return out


# Changes of meaning with the same numbers: none of them may get the original's answer.
NEAR = {
    "power_rule_differentiation": [
        ("Differentiate", "Integrate"),
        ("d/dx of", "the second derivative of"),
    ],
    "power_rule_integration": [("antiderivative", "derivative"), ("∫ (", "∫ from 0 to 2 of (")],
    "definite_integral": [("0 to 1", "0 to 2"), ("[0, 1]", "[1, 3]")],
    "is_prime": [("prime", "composite")],
    "is_composite": [("composite", "prime")],
    "combinations": [("choose", "arrange"), ("C(", "P(")],
    "permutation": [("permutations", "combinations"), ("P(", "C(")],
    "vector_cross": [("cross", "dot"), ("×", "·")],
    "vector_dot": [("dot", "cross"), ("·", "×")],
    "greatest_common_divisor": [
        ("greatest common divisor", "least common multiple"),
        ("HCF", "LCM"),
    ],
    "percentage_difference": [("percent difference", "percent increase")],
    "percentage_error": [("percentage error", "percentage difference")],
    "simple_interest": [("simple", "compound")],
    "compound_interest": [("compound", "simple")],
    "invert_matrix": [("inverse", "determinant")],
    "int_matrix_22_determinant": [("determinant", "inverse")],
    "cube_root": [("cube root", "square root"), ("2 decimal", "3 decimal")],
    "exponentiation": [("to the power of", "times")],
    "fraction_multiplication": [("times", "plus")],
    "mean_median": [("median", "mode")],
    "factorial": [("factorial", "squared")],
}


_TOPIC_LINE = re.compile(r"[^\n]*\w+:[^,\n]+,\s*\w+:[^\n]*\n")


def near(sub: str, question: str) -> list[str]:
    """The question (without its Topic line) with its meaning changed, once per change."""
    asked = _TOPIC_LINE.sub("", question, count=1)
    return [asked.replace(old, new, 1) for old, new in NEAR.get(sub, []) if old in asked]
