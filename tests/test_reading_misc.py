"""Misc paraphrases in voices the dev set does not use, and the near misses that must not be
answered (prime factors are not factors, an AP's term is not its sum, Fahrenheit to
Celsius is not Celsius to Fahrenheit). Voices are filled with real generator draws and
must get the generator's exact answer (``tests/reading_harness.py``)."""

from __future__ import annotations

import pytest

from logicnet.engine import solve
from tests.reading_harness import check_voices

PREFACE = "Sure! Here's the rephrased question:\n\n"

VOICES: dict[str, tuple[str, list[str]]] = {
    "prime_factors": (r"of (?P<n>\d+)", [
        "prime factorisation of {n}?",
        "Break {n} into primes for me — what are its prime factors? 🔢",
        "**Task:** list the prime factors of \\( {n} \\).",
        "Topic: Misc, Subtopic: Prime factors.\nWhat primes multiply to give {n}? List the "
        "prime factors.",
    ]),
    "common_factors": (r"of (?P<a>\d+) and (?P<b>\d+)", [
        "Which factors do {a} and {b} have in common?",
        "List all the common factors of {a} and {b}.",
        PREFACE + "What numbers divide both {a} and {b}? (their common factors)",
    ]),
    "factors": (r"Factors of (?P<n>\d+)", [
        "List every factor of {n}.",
        "What are all the divisors of {n}?",
        "factors of `{n}` pls",
    ]),
    "surds_comparison": (r"(?P<a>\d+)\^\{\\frac\{1\}\{(?P<da>\d+)\}\} _ "
                         r"(?P<b>\d+)\^\{\\frac\{1\}\{(?P<db>\d+)\}\}", [
        "Compare {a}^(1/{da}) and {b}^(1/{db}): which symbol, <, > or =, goes between them?",
        "Fill in the blank with <, > or =: \\( {a}^{{\\frac{{1}}{{{da}}}}} \\) _ "
        "\\( {b}^{{\\frac{{1}}{{{db}}}}} \\)",
    ]),
    "profit_loss_percent": (r"(?P<kind>Profit|Loss) percent when CP = (?P<cp>\d+) and "
                            r"SP = (?P<sp>\d+)", [
        "I bought it for {cp} and sold it for {sp}. What's my {kind} percentage?",
        "CP = {cp}, SP = {sp}. {kind} %?",
        "An item with a cost price of {cp} sells at a selling price of {sp}. Find the "
        "{kind} percent.",
    ]),
    "geometric_progression": (r"GP \[(?P<terms>[^\]]*)\]\. Find the value of a common ratio, "
                              r"(?P<k>\d+)th term value, sum upto (?P<s>\d+)th term", [
        "Given the geometric sequence {terms}, find the common ratio, the {k}th term and the "
        "sum of the first {s} terms.",
        "GP: [{terms}] — ratio? {k}th term? sum up to the {s}th term?",
    ]),
    "geometric_mean": (r"of (?P<c>\d+) numbers \[(?P<nums>[^\]]*)\]", [
        "What's the geometric mean of {nums}?",
        "Compute the GM — the geometric mean — of the numbers [{nums}].",
    ]),
    "harmonic_mean": (r"of (?P<c>\d+) numbers (?P<nums>[\d, ]+?) =", [
        "Find the harmonic mean of {nums}.",
        "harmonic mean of these values: {nums}?",
    ]),
    "euclidian_norm": (r"vector \[(?P<v>[^\]]*)\]", [
        "What is the Euclidean norm of the vector [{v}]?",
        "Find the magnitude (L2 norm) of v = [{v}].",
    ]),
    "celsius_to_fahrenheit": (r"Convert (?P<c>-?\d+) degrees", [
        "{c}°C in Fahrenheit?",
        "Convert a temperature of {c} degrees Celsius into Fahrenheit, please.",
        "If it's {c} °C outside, what is that in °F?",
    ]),
    "arithmetic_progression_term": (r"number (?P<n>\d+) of the AP series: (?P<a>-?\d+), "
                                    r"(?P<b>-?\d+), (?P<c>-?\d+)", [
        "Find the {n}th term of the arithmetic sequence {a}, {b}, {c}, ...",
        "AP: {a}, {b}, {c} ... what is term number {n}?",
        "In the arithmetic progression {a}, {b}, {c}, what's the value of term {n}?",
    ]),
    "arithmetic_progression_sum": (r"first (?P<n>\d+) terms of the AP series: (?P<a>-?\d+), "
                                   r"(?P<b>-?\d+), (?P<c>-?\d+)", [
        "Add up the first {n} terms of the arithmetic sequence {a}, {b}, {c}, ...",
        "What's the sum of {n} terms of the AP {a}, {b}, {c} ...?",
    ]),
    "complex_to_polar": (r"^(?P<z>.*)$", [
        "Convert {z} into polar form.",
        "What is the polar form of the complex number {z}?",
    ]),
    "set_operation": (r"a=\{(?P<a>[^}]*)\}, b=\{(?P<b>[^}]*)\}", [
        "Let A = {{{a}}} and B = {{{b}}}. Find the union, the intersection, A-B, B-A and the "
        "symmetric difference.",
        "For a={{{a}}} and b={{{b}}}: union? intersection? a-b? b-a? symmetric difference?",
    ]),
    "base_conversion": (r"Convert (?P<x>\w+) from base (?P<s>\d+) to base (?P<d>\d+)", [
        "What is {x} (base {s}) written in base {d}?",
        "Convert the base-{s} number {x} to base {d}.",
        "I need {x} converted from base {s} into base {d}.",
    ]),
    "quotient_of_power_same_base": (r"Quotient of (?P<b>\d+)\^\{(?P<p>\d+)\} and "
                                    r"\d+\^\{(?P<q>\d+)\}", [
        "What is {b}^{p} divided by {b}^{q}?",
        "Find the quotient of {b}^{{{p}}} and {b}^{{{q}}}.",
    ]),
    "quotient_of_power_same_power": (r"Quotient of (?P<b>\d+)\^\{(?P<p>\d+)\} and "
                                     r"(?P<c>\d+)\^\{\d+\}", [
        "What's the quotient of {b}^{p} and {c}^{p}?",
        "Evaluate {b}^{{{p}}} divided by {c}^{{{p}}}.",
    ]),
    "is_leap_year": (r"Is (?P<y>\d+)", [
        "was {y} a leap year?",
        "Quick calendar check 📅: is the year {y} a leap year or not?",
    ]),
    "minutes_to_hours": (r"Convert (?P<m>\d+) minutes", [
        "How many hours and minutes is {m} minutes?",
        "Express {m} mins in hours & minutes.",
    ]),
    "signum_function": (r"signum of (?P<x>-?\d+)", [
        "sgn({x}) = ?",
        "What does the signum function give for {x}?",
    ]),
    "product_of_scientific_notations": (r"notations (?P<a>[\d.]+) \\times 10\^\{(?P<ea>-?\d+)\} "
                                        r"and (?P<b>[\d.]+) \\times 10\^\{(?P<eb>-?\d+)\}", [
        "Multiply ({a} × 10^{ea}) by ({b} × 10^{eb}) and write it in scientific notation.",
        "What's the product of {a} \\times 10^{{{ea}}} and {b} \\times 10^{{{eb}}}?",
    ]),
    "velocity_of_object": (r"distance of (?P<d>\d+) m in (?P<t>\d+) seconds", [
        "An object covers {d} m in {t} s at a steady pace. What's its velocity?",
        "What speed does a car have if it travels {d} metres in {t} seconds at uniform "
        "velocity?",
    ]),
}


@pytest.mark.parametrize("subtopic", sorted(VOICES))
def test_voices_get_the_generator_answer(subtopic: str) -> None:
    parse, voices = VOICES[subtopic]
    failures, answered, asked = check_voices("misc", subtopic, parse, voices)
    assert failures == []
    assert answered >= 0.6 * asked, f"lettered coverage {answered}/{asked}"


NEAR_MISSES = [
    "How many prime factors does 60 have?",
    "What is the sum of the factors of 28?",
    "What is the greatest common factor of 12 and 18?",
    "What is the least common multiple of 4 and 6?",
    "Convert 98 degrees Fahrenheit to Celsius.",
    "What's 300 Kelvin in Celsius?",
    "Find the common ratio of the AP 3, 7, 11, ...",
    "Find the sum of the first 10 terms of the geometric sequence 2, 6, 18, ...",
    "What is the arithmetic mean of 3, 5 and 7?",
    "What is the modulus of 14.87(-11.0\\theta + i-10.0\\theta)?",
    "What is the union of a={1, 2} and the empty set?",
    "Convert 255 to binary.",  # no base named: the computer-science subtopics' words
    "What is 2^{5} times 2^{3}?",
    "What is 3^{4} divided by 2^{5}?",  # neither the same base nor the same power
    "If the cost price is 500 and the selling price is 600, what's the profit?",  # amount
    "If the cost price is 500 and the selling price is 400, what's the profit percent?",
    "Convert 3 hours to minutes.",
    "Is 2024 a leap year and is 2023 one?",
    "What is the signum of x^2 - 4?",
    "A car travels 120 km in 2 hours. What is its speed?",
    "Divide 6.94 × 10^60 by 9.14 × 10^35.",
]


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_miss_is_not_answered(question: str) -> None:
    found = solve(question)
    assert found is None or not found.topic.startswith("misc/"), (
        f"{question!r} -> {found.answer!r} by {found.topic}")


def _answer(question: str) -> str:
    found = solve(question)
    assert found is not None, question
    return found.answer


def test_factors_prime_factors_and_common_factors_read_apart() -> None:
    assert _answer("What are the factors of 12?") == "[1, 2, 3, 4, 6, 12]"
    assert _answer("What are the prime factors of 12?") == "2, 2, 3"
    assert _answer("What are the common factors of 12 and 18?") == "[1, 2, 3, 6]"


def test_ap_term_and_sum_read_apart() -> None:
    assert _answer("What is the 10th term of the AP 3, 7, 11, ...?") == "39"
    assert _answer("What is the sum of the first 10 terms of the AP 3, 7, 11, ...?") == "210.0"


def test_celsius_direction() -> None:
    assert _answer("What is 100 degrees Celsius in Fahrenheit?") == "212.0"
    assert solve("What is 212 degrees Fahrenheit in Celsius?") is None


def test_same_base_and_same_power_quotients() -> None:
    assert _answer("What's the quotient of 49^{3} and 49^{5}?") == "0.00041649312786339027"
    assert _answer("What's the quotient of 20^{6} and 34^{6}?") == "0.04142919280727898"
    assert _answer("What's the quotient of 18^{4} and 18^{4}?") == "1"


def test_profit_side_must_match_the_numbers() -> None:
    assert _answer("Loss percent when the cost price is 533 and the selling price is 358?") \
        == "32.83"
    assert solve("Profit percent when the cost price is 533 and the selling price is 358?") is None
