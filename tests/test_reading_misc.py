# ruff: noqa: E501  (hand-written paraphrases read best on one line each)
"""Misc paraphrases in voices the dev set does not use, and the near misses that must not be
answered (prime factors are not factors, an AP's term is not its sum, Fahrenheit to
Celsius is not Celsius to Fahrenheit). Voices are filled with real generator draws and
must get the generator's exact answer (``tests/reading_harness.py``)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from logicnet.challenges.wrap import insert_random_letter
from logicnet.engine import solve
from tests.reading_harness import check_family_paraphrases, check_voices

# Hand-written paraphrases of fresh generator draws in six small models' voices (a Llama-3
# preface with the question in quotes, terse Mistral one-liners, Gemma markdown with bold
# headings and bullets, formal Phi-3, sloppy lower case with emoji and typos, a persona's
# story with numbers of its own), for misc, computer_science, basic_math and statistics.
VOICES_FILE = Path(__file__).resolve().parent / "data" / "voices-misc-cs-basic-stats.jsonl"


def six_voices_scores(topic_label: str) -> tuple[int, int, int, int, int, int]:
    """(lines, right, answered, lettered right, lettered answered, lettered asked) for the
    dev set's paraphrases of one topic ("Misc"); an answer is right when it is the ground
    truth exactly. Two lettered copies of each line (the network's inserted letter)."""
    rows = [json.loads(line) for line in VOICES_FILE.read_text().splitlines() if line.strip()]
    mine = [r for r in rows if re.search(rf"Topic: {topic_label},", r["raw_question"])]
    rng = random.Random(35)
    right = answered = l_right = l_answered = l_asked = 0
    for row in mine:
        truth = row["ground_truth"].strip()
        found = solve(row["logic_question"])
        if found is not None:
            answered += 1
            right += found.answer.strip() == truth
        for _ in range(2):
            lettered = solve(insert_random_letter(row["logic_question"], rng))
            l_asked += 1
            if lettered is not None:
                l_answered += 1
                l_right += lettered.answer.strip() == truth
    return len(mine), right, answered, l_right, l_answered, l_asked


def assert_six_voices(topic_label: str) -> None:
    """At least 95% of a topic's lines answered right, none wrong; lettered copies right or
    refused, at least 85% right."""
    lines, right, answered, l_right, l_answered, l_asked = six_voices_scores(topic_label)
    assert lines >= 20
    assert right == answered, "a paraphrase answered wrongly"
    assert right >= 0.95 * lines, f"{right} of {lines} right"
    assert l_right == l_answered, "a lettered paraphrase answered wrongly"
    assert l_right >= 0.85 * l_asked, f"lettered: {l_right} of {l_asked} right"


def test_six_voices_of_misc() -> None:
    assert_six_voices("Misc")


def test_every_shipped_paraphrase_of_this_family_is_answered_exactly_or_refused() -> None:
    check_family_paraphrases("Misc")


PREFACE = "Sure! Here's the rephrased question:\n\n"

VOICES: dict[str, tuple[str, list[str]]] = {
    "prime_factors": (
        r"of (?P<n>\d+)",
        [
            "prime factorisation of {n}?",
            "Break {n} into primes for me — what are its prime factors? 🔢",
            "**Task:** list the prime factors of \\( {n} \\).",
            "Topic: Misc, Subtopic: Prime factors.\nWhat primes multiply to give {n}? List the "
            "prime factors.",
        ],
    ),
    "common_factors": (
        r"of (?P<a>\d+) and (?P<b>\d+)",
        [
            "Which factors do {a} and {b} have in common?",
            "List all the common factors of {a} and {b}.",
            PREFACE + "What numbers divide both {a} and {b}? (their common factors)",
        ],
    ),
    "factors": (
        r"Factors of (?P<n>\d+)",
        [
            "List every factor of {n}.",
            "What are all the divisors of {n}?",
            "factors of `{n}` pls",
        ],
    ),
    "surds_comparison": (
        r"(?P<a>\d+)\^\{\\frac\{1\}\{(?P<da>\d+)\}\} _ "
        r"(?P<b>\d+)\^\{\\frac\{1\}\{(?P<db>\d+)\}\}",
        [
            "Compare {a}^(1/{da}) and {b}^(1/{db}): which symbol, <, > or =, goes between them?",
            "Fill in the blank with <, > or =: \\( {a}^{{\\frac{{1}}{{{da}}}}} \\) _ "
            "\\( {b}^{{\\frac{{1}}{{{db}}}}} \\)",
        ],
    ),
    "profit_loss_percent": (
        r"(?P<kind>Profit|Loss) percent when CP = (?P<cp>\d+) and "
        r"SP = (?P<sp>\d+)",
        [
            "I bought it for {cp} and sold it for {sp}. What's my {kind} percentage?",
            "CP = {cp}, SP = {sp}. {kind} %?",
            "An item with a cost price of {cp} sells at a selling price of {sp}. Find the "
            "{kind} percent.",
        ],
    ),
    "geometric_progression": (
        r"GP \[(?P<terms>[^\]]*)\]\. Find the value of a common ratio, "
        r"(?P<k>\d+)th term value, sum upto (?P<s>\d+)th term",
        [
            "Given the geometric sequence {terms}, find the common ratio, the {k}th term and the "
            "sum of the first {s} terms.",
            "GP: [{terms}] — ratio? {k}th term? sum up to the {s}th term?",
        ],
    ),
    "geometric_mean": (
        r"of (?P<c>\d+) numbers \[(?P<nums>[^\]]*)\]",
        [
            "What's the geometric mean of {nums}?",
            "Compute the GM — the geometric mean — of the numbers [{nums}].",
        ],
    ),
    "harmonic_mean": (
        r"of (?P<c>\d+) numbers (?P<nums>[\d, ]+?) =",
        [
            "Find the harmonic mean of {nums}.",
            "harmonic mean of these values: {nums}?",
        ],
    ),
    "euclidian_norm": (
        r"vector \[(?P<v>[^\]]*)\]",
        [
            "What is the Euclidean norm of the vector [{v}]?",
            "Find the magnitude (L2 norm) of v = [{v}].",
        ],
    ),
    "celsius_to_fahrenheit": (
        r"Convert (?P<c>-?\d+) degrees",
        [
            "{c}°C in Fahrenheit?",
            "Convert a temperature of {c} degrees Celsius into Fahrenheit, please.",
            "If it's {c} °C outside, what is that in °F?",
        ],
    ),
    "arithmetic_progression_term": (
        r"number (?P<n>\d+) of the AP series: (?P<a>-?\d+), "
        r"(?P<b>-?\d+), (?P<c>-?\d+)",
        [
            "Find the {n}th term of the arithmetic sequence {a}, {b}, {c}, ...",
            "AP: {a}, {b}, {c} ... what is term number {n}?",
            "In the arithmetic progression {a}, {b}, {c}, what's the value of term {n}?",
        ],
    ),
    "arithmetic_progression_sum": (
        r"first (?P<n>\d+) terms of the AP series: (?P<a>-?\d+), "
        r"(?P<b>-?\d+), (?P<c>-?\d+)",
        [
            "Add up the first {n} terms of the arithmetic sequence {a}, {b}, {c}, ...",
            "What's the sum of {n} terms of the AP {a}, {b}, {c} ...?",
        ],
    ),
    "complex_to_polar": (
        r"^(?P<z>.*)$",
        [
            "Convert {z} into polar form.",
            "What is the polar form of the complex number {z}?",
        ],
    ),
    "set_operation": (
        r"a=\{(?P<a>[^}]*)\}, b=\{(?P<b>[^}]*)\}",
        [
            "Let A = {{{a}}} and B = {{{b}}}. Find the union, the intersection, A-B, B-A and the "
            "symmetric difference.",
            "For a={{{a}}} and b={{{b}}}: union? intersection? a-b? b-a? symmetric difference?",
        ],
    ),
    "base_conversion": (
        r"Convert (?P<x>\w+) from base (?P<s>\d+) to base (?P<d>\d+)",
        [
            "What is {x} (base {s}) written in base {d}?",
            "Convert the base-{s} number {x} to base {d}.",
            "I need {x} converted from base {s} into base {d}.",
        ],
    ),
    "quotient_of_power_same_base": (
        r"Quotient of (?P<b>\d+)\^\{(?P<p>\d+)\} and \d+\^\{(?P<q>\d+)\}",
        [
            # b^p / b^p is also the same-power subtopic; the copied working tells them apart
            "What is {b}^{p} divided by {b}^{q}, i.e. {b}^{{{p}-{q}}}?",
            "Find the quotient of {b}^{{{p}}} and {b}^{{{q}}} = {b}^{{{p}-{q}}}.",
        ],
    ),
    "quotient_of_power_same_power": (
        r"Quotient of (?P<b>\d+)\^\{(?P<p>\d+)\} and (?P<c>\d+)\^\{\d+\}",
        [
            "What's the quotient of {b}^{p} and {c}^{p}, i.e. ({b}/{c})^{p}?",
            "Evaluate {b}^{{{p}}} divided by {c}^{{{p}}} = ({b}/{c})^{p}.",
        ],
    ),
    "is_leap_year": (
        r"Is (?P<y>\d+)",
        [
            "was {y} a leap year?",
            "Quick calendar check 📅: is the year {y} a leap year or not?",
        ],
    ),
    "minutes_to_hours": (
        r"Convert (?P<m>\d+) minutes",
        [
            "How many hours and minutes is {m} minutes?",
            "Express {m} mins in hours & minutes.",
        ],
    ),
    "signum_function": (
        r"signum of (?P<x>-?\d+)",
        [
            "sgn({x}) = ?",
            "What does the signum function give for {x}?",
        ],
    ),
    "product_of_scientific_notations": (
        r"notations (?P<a>[\d.]+) \\times 10\^\{(?P<ea>-?\d+)\} "
        r"and (?P<b>[\d.]+) \\times 10\^\{(?P<eb>-?\d+)\}",
        [
            "Multiply ({a} × 10^{ea}) by ({b} × 10^{eb}) and write it in scientific notation.",
            "What's the product of {a} \\times 10^{{{ea}}} and {b} \\times 10^{{{eb}}}?",
        ],
    ),
    "velocity_of_object": (
        r"distance of (?P<d>\d+) m in (?P<t>\d+) seconds",
        [
            "An object covers {d} m in {t} s at a steady pace. What's its velocity?",
            "What speed does a car have if it travels {d} metres in {t} seconds at uniform "
            "velocity?",
        ],
    ),
}


@pytest.mark.parametrize("subtopic", sorted(VOICES))
def test_voices_get_the_generator_answer(subtopic: str) -> None:
    parse, voices = VOICES[subtopic]
    failures, answered, asked = check_voices("misc", subtopic, parse, voices)
    assert failures == []
    assert answered >= 0.6 * asked, f"lettered coverage {answered}/{asked}"


NEAR_MISSES = [
    "What is 2^{5} divided by 2^{3}, plus 1?",
    "What's the largest prime factor of 146?",
    "How many factors does 350 have?",
    "What are the odd factors of 350?",
    "How many common factors do 62 and 54 have?",
    "What's 55 °F in °C?",
    "Is 2282 a term of the AP 59, 116, 173?",
    "Find the union of a={1, 2} and b={2, 3}.",
    "How many digits does 45984 have in base 6?",
    "How many seconds are in 374 minutes?",
    "How many leap years are there between 1900 and 2000?",
    "A car travels 500 m in 20 seconds and then 300 m in 10 seconds. What's its average velocity?",
    "Convert 120 minutes to hours and then to seconds.",
    "If the cost price is 100 and the profit percent is 20, what is the selling price?",
    "What is the sum of the first 10 terms of the AP 2, 4, 6 and the 10th term?",
    "Find the prime factors of 60 and 84.",
    "What is the product of the factors of 12?",
    "Convert 100 degrees Fahrenheit to Celsius and Kelvin.",
    "What is the common difference of the AP 3, 7, 11?",
    "Find the 10th term of the sequence 1, 4, 9, 16, ...",
    "What is the geometric mean of 4 and -9?",
    "Find the magnitude of the complex number 3 + 4i.",
    "Is 1900 a leap year in the Julian calendar?",
    "Convert 90 seconds to minutes.",
    "A train travels 300 km at 60 km/h. How long does it take?",
    "What is the velocity of an object falling for 3 seconds from rest?",
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
    # a story before the question may hold numbers; a number with or after it changes it
    "What are the prime factors of 84 and 7?",
    "What are the prime factors of 84? Multiply them by 3.",
    "I have 2 numbers, 84 and 7. What are the prime factors?",
    "Find the factors of 12 and of 18.",
    "What are the common factors of 12, 18 and 30?",
    "Is 2024 a leap year? And 2025?",
    "I was born in 1990. How many leap years have there been since?",
    "My flight took 334 minutes and then 45 more. How many hours is that?",
    "I bought a dresser for $491 and sold it for $674. What's my profit in dollars?",
    "I bought a dresser for $491, spent $50 fixing it, and sold it for $674. What's my profit percentage?",
    "What is 33 °C in Fahrenheit plus 10?",
    "A runner covers 491 m in 85 seconds and then 200 m in 40 seconds. What's the velocity?",
    "What is the geometric mean of 63, 33 and 13, and of 4 and 9?",
    "What is the geometric mean of 70 58 77 57 plus 3?",
    "Find the 14th term of the geometric sequence 2, 6, 18, ...",
    "In the arithmetic progression 68, 90, 112, what is the sum of the 14th and 15th terms?",
    "What is the 61st term of the sequence 1, 4, 9, 16?",
    "Compare the square root of 62 with 85.",
    "Compare the eighth root of 71 with the ninth root of 70 plus 1.",
    "Which is larger, the cube root of 9 or the square root of 5, and by how much?",
    "union of the set A containing 2, 3, 5 and the set B containing 1, 2",
    "convert 53A1 from hex to octal and then to binary",
    "Convert 42489 from decimal to hexadecimal.",  # decimal_to_hexadeci's words, answered 0x...
    "Convert 1011 from decimal to binary.",  # no base number: the "binary of N" subtopic's
    "Number: 42489 From: base 10 To: base 16 How many digits?",
]


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_miss_is_not_answered(question: str) -> None:
    found = solve(question)
    assert found is None or not found.topic.startswith("misc/"), (
        f"{question!r} -> {found.answer!r} by {found.topic}"
    )


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


def test_lower_case_digits_or_an_inserted_letter() -> None:
    # the network never inserts a letter first or in the last two places of a word
    assert _answer("Please convert 758f from base 16 to base 10.") == "30095"
    assert _answer("Please convert 179x93 from base 10 to base 13.") == "8261"
    assert solve("Please convert 17a993 from base 13 to base 10.") is None  # either reading


def test_named_bases_without_base_numbers() -> None:
    assert _answer("convert 53A1 from hex to decimal pls") == "21409"
    assert _answer("Convert 1F from hexadecimal to binary.") == "11111"
    assert _answer("**Convert:**\n* Number: 42489\n* From: base 10\n* To: base 16") == "A5F9"
    # bits to hex is computer_science/binary_to_hex (0x...), not this subtopic
    found = solve("convert 1011 from binary to hex")
    assert found is not None and found.topic == "computer_science/binary_to_hex"


def test_ordinals_in_words_and_the_first_n_terms() -> None:
    ap = "of the arithmetic sequence 38, 79, 120, ...?"
    assert _answer(f"What is the sixty-first term {ap}") == "2498"
    assert _answer(f"What is the sixty first term {ap}") == "2498"
    assert _answer(f"What is the 61st term {ap}") == "2498"
    assert _answer(f"Add up the 1st 61 terms {ap}") == "77348.0"
    assert _answer(f"What is the sum of the first sixty-one terms {ap}") == "77348.0"


def test_lists_in_bullets_spaces_and_sets_in_prose() -> None:
    assert _answer("**Geometric mean of:**\n* 70\n* 58\n* 77\n* 57") == "64.97"
    assert _answer("geometric mean of 70 58 77 57??") == "64.97"
    assert _answer(
        "Take the set A containing 8, 9 and 4 and the set B with elements 1, 10 and 7. "
        "Find the union, intersection, A-B, B-A and symmetric difference."
    ) == _answer(
        "Given the two sets a={8, 9, 4}, b={1, 10, 7}. Find the Union, intersection, a-b, "
        "b-a, and symmetric difference"
    )


STORIES = [
    # (story and question, the subtopic's reader, the canonical question it must render)
    (
        "My son is 7 and loves the number 84 — what are the prime factors of 84?",
        "prime_factors",
        "Find prime factors of 84",
    ),
    (
        "I run 2 book clubs: what factors do 71 and 70 have in common?",
        "common_factors",
        "Common Factors of 71 and 70 =",
    ),
    (
        "I've done 12 flips. I bought it for $491 and sold it for $674. Profit %?",
        "profit_loss_percent",
        "Profit percent when CP = 491 and SP = 674 is:",
    ),
    (
        "My grandmother was born in 1962. Was 2022 a leap year?",
        "is_leap_year",
        "Is 2022 a leap year?",
    ),
    (
        "As a coach with 15 runners, I timed one who covered 491 m in 85 seconds. Velocity?",
        "velocity_of_object",
        "An object travels at uniform velocity a distance of 491 m in 85 seconds. What is the "
        "velocity of the car?",
    ),
    (
        "I work 12-hour shifts and the incubator read 33 °C. What is 33 °C in Fahrenheit?",
        "celsius_to_fahrenheit",
        "Convert 33 degrees Celsius to degrees Fahrenheit",
    ),
]


@pytest.mark.parametrize(("question", "subtopic", "canonical"), STORIES)
def test_a_story_before_the_question_keeps_its_numbers(
    question: str, subtopic: str, canonical: str
) -> None:
    # the reader itself, whatever the shared layer does with the story around it
    from logicnet.engine.normalise import normalise
    from logicnet.engine.reading import readers

    solve("warm-up")  # loads the readers
    (entry,) = [r for r in readers() if r.name == f"misc/{subtopic}"]
    n = normalise(question)
    assert n is not None
    read = entry.read(n)
    assert read is not None and not isinstance(read, str)
    assert read.wording() == canonical


def test_celsius_direction() -> None:
    assert _answer("What is 100 degrees Celsius in Fahrenheit?") == "212.0"
    assert solve("What is 212 degrees Fahrenheit in Celsius?") is None


def test_same_base_and_same_power_quotients() -> None:
    assert _answer("What's the quotient of 49^{3} and 49^{5}?") == "0.00041649312786339027"
    assert _answer("What's the quotient of 20^{6} and 34^{6}?") == "0.04142919280727898"
    # b^p / b^p is both subtopics ("1" and "1.0"): only the working or the Topic line says
    assert solve("What's the quotient of 18^{4} and 18^{4}?") is None
    assert _answer("What's the quotient of 18^{4} and 18^{4}, i.e. 18^{4-4}?") == "1"
    assert _answer("What's the quotient of 18^{4} and 18^{4}, i.e. (18/18)^4?") == "1.0"


def test_profit_side_must_match_the_numbers() -> None:
    assert (
        _answer("Loss percent when the cost price is 533 and the selling price is 358?") == "32.83"
    )
    assert solve("Profit percent when the cost price is 533 and the selling price is 358?") is None


# Hand-written voices: (paraphrase, the generator's own wording of the same problem)
CASES = [
    ("List the prime factors of 123, please.", "Find prime factors of 123"),
    ("What are 89's prime factors?", "Find prime factors of 89"),
    (
        "Which numbers divide both 62 and 54 evenly? List the common factors.",
        "Common Factors of 62 and 54 =",
    ),
    ("Find every factor of 350.", "Factors of 350 ="),
    (
        "Convert 1001010001110111 from base 2 into base 10, please.",
        "Convert 1001010001110111 from base 2 to base 10.",
    ),
    ("What is the signum of zero?", "signum of 0 is ="),
    ("Determine whether 2043 is a leap year.", "Is 2043 a leap year?"),
    ("Break 199 minutes down into hours and minutes.", "Convert 199 minutes to hours & minutes"),
    ("What's -5°C in Fahrenheit?", "Convert -5 degrees Celsius to degrees Fahrenheit"),
    (
        "A cost price of 533 and a selling price of 358 — what's the loss percent?",
        "Loss percent when CP = 533 and SP = 358 is:",
    ),
    (
        "What is the sum of the first 36 terms of the arithmetic progression whose first three terms are -54, -86 and -118?",
        "Find the sum of first 36 terms of the AP series: -54, -86, -118 ...",
    ),
    (
        "What's the 29th term in the AP 41, 126, 211?",
        "Find term number 29 of the AP series: 41, 126, 211 ...",
    ),
    (
        "For the GP [2, 22, 242, 2662, 29282, 322102], what are the common ratio, the 8th term and the sum up to the 10th term?",
        "For the given GP [2, 22, 242, 2662, 29282, 322102]. Find the value of a common ratio, 8th term value, sum upto 10th term",
    ),
    ("What's the geometric mean of 22, 28 and 82?", "Geometric mean of 3 numbers [22, 28, 82] ="),
    ("Compute the harmonic mean of 39, 19, and 30.", "Harmonic mean of 3 numbers 39, 19, 30 ="),
    (
        "What's the quotient when 26^{6} is divided by 26^{7}? (26^{6-7} = 26^{-1})",
        "The Quotient of 26^{6} and 26^{7} = 26^{6-7} = 26^{-1}",
    ),
    (
        "Multiply 6.94 × 10^60 and 9.14 × 10^35.",
        "Product of scientific notations 6.94 \\times 10^{60} and 9.14 \\times 10^{35} =",
    ),
    (
        "What's the velocity of an object that travels a distance of 50 m in 10 seconds at uniform velocity?",
        "An object travels at uniform velocity a distance of 50 m in 10 seconds. What is the velocity of the car?",
    ),
    (
        "`Find prime factors of 123` — that's my homework question, can you help?",
        "Find prime factors of 123",
    ),
    (
        "Evaluate: $\\frac{26^{6}}{26^{7}}$",
        "The Quotient of 26^{6} and 26^{7} = 26^{6-7} = 26^{-1}",
    ),
    (
        "Here's what I want to know: for $a=\\{1, 4, 5\\}$ and $b=\\{3, 5, 7, 8, 10\\}$, give the union, intersection, $a-b$, $b-a$ and symmetric difference.",
        "Given the two sets a={1, 4, 5}, b={3, 5, 7, 8, 10}. Find the Union, intersection, a-b, b-a, and symmetric difference",
    ),
    (
        "An arithmetic sequence begins 97, 0, -97. What is its 52nd term?",
        "Find term number 52 of the AP series: 97, 0, -97 ...",
    ),
    (
        "What do you get when you add the first 67 terms of 81, -7, -95, ...? (It's an arithmetic progression.)",
        "Find the sum of first 67 terms of the AP series: 81, -7, -95 ...",
    ),
    (
        "Consider the geometric progression with terms 2, 14, 98, 686, 4802, 33614. Determine (a) the common ratio, (b) the 9th term, and (c) the sum of the first 11 terms.",
        "For the given GP [2, 14, 98, 686, 4802, 33614]. Find the value of a common ratio, 9th term value, sum upto 11th term",
    ),
    (
        "What's the Euclidean length of the vector (131.8804335290107, 970.4734512887213)?",
        "Euclidian norm or L2 norm of the vector [131.8804335290107, 970.4734512887213] is:",
    ),
    ("How many hours and minutes make up 48 minutes?", "Convert 48 minutes to hours & minutes"),
    ("Tell me the sign (signum) of -505.", "signum of -505 is ="),
    (
        "What's the union, intersection, differences (a−b, b−a) and symmetric difference of the sets {1, 2, 4, 5, 6, 8} and {8, 2, 4, 6}?",
        "Given the two sets a={1, 2, 4, 5, 6, 8}, b={8, 2, 4, 6}. Find the Union, intersection, a-b, b-a, and symmetric difference",
    ),
    ("Let's see... what are the factors of 679?", "Factors of 679 ="),
    ("Can you find all common factors shared by 53 and 72?", "Common Factors of 53 and 72 ="),
    ("Prime factors of 146? 🙂", "Find prime factors of 146"),
    (
        "What profit percentage do I make if I buy at 507 and sell at 784?",
        "Profit percent when CP = 507 and SP = 784 is:",
    ),
    (
        "Turn 55 degrees Celsius into Fahrenheit.",
        "Convert 55 degrees Celsius to degrees Fahrenheit",
    ),
    (
        "Given the numbers 35 and 81, what's their geometric mean?",
        "Geometric mean of 2 numbers [35, 81] =",
    ),
    (
        "Calculate the harmonic mean for the following numbers: 57, 100, 18.",
        "Harmonic mean of 3 numbers 57, 100, 18 =",
    ),
    ("Was 2043 (or will it be) a leap year?", "Is 2043 a leap year?"),
    (
        "Could you help me convert 45984 from base ten to base six?",
        "Convert 45984 from base 10 to base 6.",
    ),
    ("What is 49^{3} ÷ 49^{5}?", "The Quotient of 49^{3} and 49^{5} = 49^{3-5} = 49^{-2}"),
    (
        "Find (6.65 × 10^57) × (1.77 × 10^38).",
        "Product of scientific notations 6.65 \\times 10^{57} and 1.77 \\times 10^{38} =",
    ),
    (
        "If something travels 900 m in 36 seconds at a constant velocity, what's the velocity?",
        "An object travels at uniform velocity a distance of 900 m in 36 seconds. What is the velocity of the car?",
    ),
    (
        "What does 21.26(-14.0\\theta + i-16.0\\theta) look like in polar form?",
        "21.26(-14.0\\theta + i-16.0\\theta)",
    ),
    (
        "Which is greater, 43^{1/6} or 61^{1/7}? Fill in the blank with <, > or =.",
        "Fill in the blanks 43^{\\frac{1}{6}} _ 61^{\\frac{1}{7}}",
    ),
    ("Find all the prime factors of 146, listed with multiplicity.", "Find prime factors of 146"),
    ("What's the prime factorization of 123?", "Find prime factors of 123"),
    ("Determine the common divisors of 62 and 54.", "Common Factors of 62 and 54 ="),
    (
        "Calculate the profit percentage if an article is bought for ₹507 and sold for ₹784.",
        "Profit percent when CP = 507 and SP = 784 is:",
    ),
    (
        "Calculate the profit percentage if an article is bought for $507 and sold for $784.",
        "Profit percent when CP = 507 and SP = 784 is:",
    ),
    ("Convert 55 °C to °F.", "Convert 55 degrees Celsius to degrees Fahrenheit"),
    (
        "What's the 40th term of the AP whose first three terms are 59, 116, 173?",
        "Find term number 40 of the AP series: 59, 116, 173 ...",
    ),
    (
        "Find the sum of the first 36 terms of the arithmetic series -54, -86, -118, …",
        "Find the sum of first 36 terms of the AP series: -54, -86, -118 ...",
    ),
    ("What is the geometric mean of 22, 28, and 82?", "Geometric mean of 3 numbers [22, 28, 82] ="),
    ("Find the harmonic mean of 13 and 30.", "Harmonic mean of 2 numbers 13, 30 ="),
    (
        "Find A ∪ B, A ∩ B, A − B, B − A and the symmetric difference for A = {1, 4, 5}, B = {3, 5, 7, 8, 10}.",
        "Given the two sets a={1, 4, 5}, b={3, 5, 7, 8, 10}. Find the Union, intersection, a-b, b-a, and symmetric difference",
    ),
    ("Convert 1001010001110111₂ to base 10.", "Convert 1001010001110111 from base 2 to base 10."),
    (
        "How many hours and minutes are there in 374 minutes?",
        "Convert 374 minutes to hours & minutes",
    ),
    ("What is sgn(-908)?", "signum of -908 is ="),
    ("What is 45984 (decimal) in base 6?", "Convert 45984 from base 10 to base 6."),
    (
        "Find the 10th term and the sum of the first 9 terms, plus the common ratio, of the GP 2, 6, 18, 54, 162, 486.",
        "For the given GP [2, 6, 18, 54, 162, 486]. Find the value of a common ratio, 10th term value, sum upto 9th term",
    ),
    (
        "A car covers 500 m in 20 seconds moving uniformly. What is its velocity?",
        "An object travels at uniform velocity a distance of 500 m in 20 seconds. What is the velocity of the car?",
    ),
    (
        "Which is larger: 49^(1/3) or 20^(1/5)? Fill in <, > or =.",
        "Fill in the blanks 49^{\\frac{1}{3}} _ 20^{\\frac{1}{5}}",
    ),
    ("Compare ∛49 and 20^(1/5).", "Fill in the blanks 49^{\\frac{1}{3}} _ 20^{\\frac{1}{5}}"),
    ("Evaluate 26⁶ ÷ 26⁷.", "The Quotient of 26^{6} and 26^{7} = 26^{6-7} = 26^{-1}"),
    ("What are the prime factors of the number 89?", "Find prime factors of 89"),
    ("Could you list all positive divisors of 238?", "Factors of 238 ="),
    ("Common factors — 19 and 28?", "Common Factors of 19 and 28 ="),
    ("Profit % if CP is 64 and SP is 398?", "Profit percent when CP = 64 and SP = 398 is:"),
    (
        "A shopkeeper buys a watch for 533 and sells it for 358. Find his loss percentage.",
        "Loss percent when CP = 533 and SP = 358 is:",
    ),
    ("What's -42 °C in °F?", "Convert -42 degrees Celsius to degrees Fahrenheit"),
    (
        "Term 52 of the arithmetic progression 97, 0, -97, ... is what?",
        "Find term number 52 of the AP series: 97, 0, -97 ...",
    ),
    (
        "For the arithmetic sequence 41, 126, 211, ..., find the 29th term.",
        "Find term number 29 of the AP series: 41, 126, 211 ...",
    ),
    (
        "What do the first 96 terms of the AP -72, -93, -114, ... add up to?",
        "Find the sum of first 96 terms of the AP series: -72, -93, -114 ...",
    ),
    (
        "Find the geometric mean of the numbers 59, 11, 97 and 38.",
        "Geometric mean of 4 numbers [59, 11, 97, 38] =",
    ),
    ("Harmonic mean of 39, 19 and 30?", "Harmonic mean of 3 numbers 39, 19, 30 ="),
    (
        "Find the L2 norm of [131.8804335290107, 970.4734512887213].",
        "Euclidian norm or L2 norm of the vector [131.8804335290107, 970.4734512887213] is:",
    ),
    ("Convert 17993 (base 10) into base 13.", "Convert 17993 from base 10 to base 13."),
    (
        "What is the binary number 1001010001110111 in base 10?",
        "Convert 1001010001110111 from base 2 to base 10.",
    ),
    ("Is 1980 a leap year? 🤔", "Is 1980 a leap year?"),
    ("Convert 199 minutes into hours and minutes.", "Convert 199 minutes to hours & minutes"),
    ("What's the sign function value of 888?", "signum of 888 is ="),
    (
        "Work out (5.82 × 10^44) × (7.37 × 10^-56) in scientific notation.",
        "Product of scientific notations 5.82 \\times 10^{44} and 7.37 \\times 10^{-56} =",
    ),
    (
        "Given the sets a = {9, 3, 1, 7} and b = {8, 1, 6}, find their union, intersection, a − b, b − a and symmetric difference.",
        "Given the two sets a={9, 3, 1, 7}, b={8, 1, 6}. Find the Union, intersection, a-b, b-a, and symmetric difference",
    ),
    (
        "What's the quotient of 37^9 and 50^9?",
        "The Quotient of 37^{9} and 50^{9} = (37/50)^9 = 0.74^{9}",
    ),
    (
        "An object moves 600 m in 25 s at constant velocity. Find its velocity.",
        "An object travels at uniform velocity a distance of 600 m in 25 seconds. What is the velocity of the car?",
    ),
    ("Write 14.87(-11.0θ + i-10.0θ) in polar form.", "14.87(-11.0\\theta + i-10.0\\theta)"),
    (
        "Compare 21^(1/6) and 38^(1/8) — which is bigger? Use <, > or =.",
        "Fill in the blanks 21^{\\frac{1}{6}} _ 38^{\\frac{1}{8}}",
    ),
]


def _generator_answer(generator_text: str) -> str:
    found = solve(generator_text)
    assert found is not None, generator_text
    return found.answer


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_hand_written_voice_gets_the_generator_answer(question: str, generator: str) -> None:
    found = solve(question)
    assert found is not None, question
    assert found.answer == _generator_answer(generator)
