# ruff: noqa: E501  (hand-written paraphrases read best on one line each)
"""The shared reading layer in six voices: a persona story before the question, sloppy
lower-case text with misspelt words, Gemma-style markdown, a Llama-style preface with
the question in quotes, a kept ``Topic:`` line, and numbers in words. Each voice is
filled with fresh generator draws and must get the generator's exact answer
(``tests/reading_harness.py``); lettered copies are right or refused.

The other way round: word problems, multiple choice and near misses are refused, and the
engine claims nothing of ``benchmarks/data/out-of-domain.jsonl``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from logicnet.challenges.generate import generate_problem
from logicnet.engine import solve
from logicnet.engine.reading import multiple_choice, word_problem
from tests.reading_harness import check_voices, number_word

SEEDS = range(9200, 9204)  # draws no other test uses

# subtopic: (topic, pattern over the generator's sentence, voices)
VOICES: dict[str, tuple[str, str, list[str]]] = {
    "is_composite": (
        "basic_math",
        r"Is (?P<n>\d+) composite",
        [
            "I teach piano to 14 kids and one of them wrote {n} on the board, so now I wonder: is {n} a composite number?",
            "is {n} composit?? 🤔",
            "**Question:** Is {n} composite?\n\n**Answer format:** Yes or No",
            'Here\'s a rephrased version:\n\n"Would you say {n} is a composite number?"\n\nI kept the number as it was.',
            "Topic: Basic math, Subtopic: Is composite.\nquick one: {n}, composite or not?",
        ],
    ),
    "simple_interest": (
        "algebra",
        r"amount of (?P<p>\d+) dollars, (?P<r>\d+)% rate of interest and for a time period of (?P<t>\d+) years",
        [
            "My uncle opened a shop in 1987 and still keeps every receipt. He asked me: what is the simple interest on {p} dollars at {r}% for {t} years?",
            "simpel interst on ${p} at {r}% for {t} years?? 💸",
            "**Problem:** Simple interest\n\n**Given:**\n* Principal: ${p}\n* Rate: {r}%\n* Time: {t} years\n\n**Find:** the simple interest",
            'Sure! Here is the problem rephrased as a question from a banker:\n\n"As a banker I often check this: how much simple interest does a principal of {p} dollars earn at {r}% a year over {t} years?"',
        ],
    ),
    "compound_interest": (
        "algebra",
        r"amount of (?P<p>\d+) dollars, (?P<r>\d+)% rate of interest and for a time period of (?P<t>\d+) years",
        [
            "compoud interest on a principal of {p} dollars at {r}% for {t} years?",
            "Topic: Algebra, Subtopic: Compound interest.\nwhat does {p} dollars grow to at {r}% over {t} years",
        ],
    ),
    "percentage_difference": (
        "basic_math",
        r"between (?P<a>\d+) and (?P<b>\d+)",
        [
            "I run a food truck that sold 3 kinds of tacos this week, so here goes: what is the percentage difference between {a} and {b}?",
            "percantage difference between {a} and {b}?? 😅",
            "**Given:**\n* First value: {a}\n* Second value: {b}\n\n**Find:** the percentage difference",
        ],
    ),
    "percentage_error": (
        "basic_math",
        r"observed value equals (?P<o>-?\d+) and exact value equals (?P<e>-?\d+)",
        [
            "pecentage error when the observed value equals {o} and the exact value equals {e}??",
            "My lab has 6 benches and a 20-year-old scale. What is the percentage error when the observed value equals {o} and the exact value equals {e}?",
        ],
    ),
    "surface_area_cylinder": (
        "geometry",
        r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m",
        [
            "surfase area of a cylnder, radius {r} m height {h} m",
            "**Problem:** A tin can.\n\n**Given:**\n* Radius: {r} m\n* Height: {h} m\n\n**Find:** the total surface area of the cylinder",
            'Here is a rephrased version in the voice of a potter:\n\n"I shape clay cylinders all day: what is the surface area of one with radius {r} m and height {h} m?"',
        ],
    ),
    "volume_cube": (
        "geometry",
        r"side length of (?P<s>\d+)m",
        [
            "I have loved 3D puzzles since I was 6. What is the volume of a cube with a side length of {s} m?",
            "volumme of a cube w/ side {s} m??",
        ],
    ),
    "pythagorean_theorem": (
        "geometry",
        r"lengths (?P<a>\d+) and (?P<b>\d+)",
        [
            "I coach 25 swimmers and we train 5 days a week, anyway: what is the hypotenuse of a right triangle whose other two sides are {a} and {b}?",
            "hypotenuse of a rigth triangle with legs {a} and {b}?",
        ],
    ),
    "nth_fibonacci_number": (
        "computer_science",
        r"the (?P<k>\d+)th Fibonacci",
        [
            "whats the {k}th fibonaci number??",
            "My daughter is 9 and loves patterns. She asked me: what is the {k}th Fibonacci number?",
        ],
    ),
    "fraction_multiplication": (
        "basic_math",
        r"\\frac\{(?P<a>\d+)\}\{(?P<b>\d+)\}\\cdot\\frac\{(?P<c>\d+)\}\{(?P<d>\d+)\}",
        [
            "I bake 12 loaves every morning, so fractions are my life: what is {a}/{b} multiplied by {c}/{d}?",
            "multiply {a}/{b} by {c}/{d} pls 🙏",
        ],
    ),
    "celsius_to_fahrenheit": (
        "misc",
        r"Convert (?P<c>-?\d+) degrees Celsius",
        [
            "It is {c}°C on my balcony right now and I keep wondering: what is {c}°C in Fahrenheit?",
            "convert {c} degrees celcius to farenheit",
        ],
    ),
    "combinations": (
        "statistics",
        r"from (?P<n>\d+) objects picked (?P<k>\d+) at a time",
        [
            "I run a book club of 30 readers. How many combinations of {k} objects can be picked from {n} objects?",
            'Here\'s a rephrased version:\n\n"How many ways are there to choose {k} objects out of {n}, order not mattering?"',
        ],
    ),
}


@pytest.mark.parametrize("subtopic", sorted(VOICES))
def test_six_voices_get_the_generator_answer(subtopic: str) -> None:
    topic, parse, voices = VOICES[subtopic]
    failures, answered, asked = check_voices(topic, subtopic, parse, voices, seeds=SEEDS)
    assert not failures, "\n".join(failures)
    assert answered >= asked // 3  # lettered copies: mostly answered, and never wrongly


def _truth(topic: str, subtopic: str, seed: int) -> tuple[str, str]:
    return generate_problem(topic, subtopic, seed)


# Numbers in words: fractions, ordinals, a sign in words, each checked against the
# generator's own answer for the same operands.
NUMBER_WORDS = [
    ("multiply three-quarters by two-fifths", r"\frac{3}{4}\cdot\frac{2}{5}="),
    ("what is two-thirds times a quarter?", r"\frac{2}{3}\cdot\frac{1}{4}="),
    ("What is the twenty-first Fibonacci number?", "What is the 21th Fibonacci number?"),
    ("what's the sixty-eighth fibonacci number", "What is the 68th Fibonacci number?"),
    (
        "Find the ninth term of the Fibonacci sequence, the ninth Fibonacci number.",
        "What is the 9th Fibonacci number?",
    ),
    (
        "Convert negative forty degrees Celsius to Fahrenheit.",
        "Convert -40 degrees Celsius to degrees Fahrenheit",
    ),
    ("seven-twelfths as a decimal?", r"7\div12="),
]


@pytest.mark.parametrize(("question", "generator_text"), NUMBER_WORDS)
def test_number_words_get_the_generator_answer(question: str, generator_text: str) -> None:
    from tests.reading_harness import assert_generator_answer

    assert_generator_answer(question, generator_text)


def test_number_word_voices_from_fresh_draws() -> None:
    failures, _, _ = check_voices(
        "misc",
        "celsius_to_fahrenheit",
        r"Convert (?P<c>-?\d+) degrees Celsius",
        ["Convert {w} degrees Celsius into Fahrenheit."],
        seeds=range(9300, 9340),
        extra=lambda f: {"w": _signed_words(f["c"])},
        letters=0,
    )
    assert not failures, "\n".join(failures)


def _signed_words(value: str) -> str:
    number = int(value)
    if abs(number) > 20:
        return value
    word = number_word(str(abs(number)))
    return f"negative {word}" if number < 0 else word


# --------------------------------------------------------------------------- refusals

# A story's quantities that the question needs, a rate, a share, a constraint, a
# comparison between people: reasoning no generator subtopic does.
WORD_PROBLEMS = [
    "Priya bought a lamp for $80 and sold it at a 25% loss a month later. What was the selling price?",
    "A class of 28 pupils shares 140 stickers equally. How many stickers does each pupil get?",
    "Tom has 45 marbles and gives away 12 to his sister. How many marbles are left?",
    "There are 12 cookies. Half of the rest go to the neighbours after I eat 4. How many go to the neighbours?",
    "In how many ways can 6 people sit in a row if two of them must sit next to each other?",
    "From 9 toppings I choose 3, but olives and anchovies cannot go together. How many choices are there?",
    "A garden is 15 m by 8 m. Fencing costs $12 per metre. What does fencing the garden cost?",
    "A cyclist rides 18 km an hour for 3 hours and then walks 4 km. How far did she travel?",
    "Ana saves $500 at 3% simple interest and Ben saves $400 at 5% simple interest. After 2 years, who has more?",
    "I have 3 boxes. Each is a cube of side 4 m. What is their combined volume?",
    "A shop had 60 shirts and sold 40% of them on Monday. Of the remaining shirts, it sold half on Tuesday. How many are left?",
]


@pytest.mark.parametrize("question", WORD_PROBLEMS)
def test_word_problems_are_refused(question: str) -> None:
    found = solve(question)
    assert found is None, f"{question!r} -> {found.answer!r} by {found.topic}"


MULTIPLE_CHOICE = [
    ("What is the GCD of 12 and 18?\nA. 2\nB. 3\nC. 6\nD. 9", "6"),
    ("Is 91 prime?\n(A) Yes\n(B) No\n(C) Only if odd\n(D) Cannot tell", "No"),
    ("What is 5! equal to? A) 24 B) 60 C) 120 D) 720", "120"),
    (
        "The following is a multiple choice question.\n\nWhat is the derivative of 3x^2?\n"
        "A. 6x\nB. 3x\nC. x^3\nD. 6",
        "6x",
    ),
]


@pytest.mark.parametrize(("question", "option"), MULTIPLE_CHOICE)
def test_multiple_choice_is_answered_with_the_options_text(question: str, option: str) -> None:
    """No generator asks with options: the stem's plain value, said as the option's text
    (docs/conventions.md)."""
    assert multiple_choice(question)
    found = solve(question)
    assert found is not None and (found.answer, found.convention) == (option, "plain")


def test_the_options_rule_needs_three_lettered_options() -> None:
    assert not multiple_choice("Multiply matrix A. by B. and report the result.")
    assert not multiple_choice("Points A. and B. are 5 apart.")


def test_the_word_problem_rule_leaves_generator_wording_alone() -> None:
    for text in (
        "How many degrees are in each interior angle of a regular nonagon?",
        "A quadrilateral has angles of 16, 195 and 51 degrees. How many degrees are left for the remaining angle?",
        "797 minutes: how many whole hours is that, and how many minutes are left over?",
        "What is the simple interest on 5000 dollars at 4% per annum for 3 years?",
        "How many combinations of 3 objects can be picked from 10, order not mattering?",
    ):
        assert not word_problem(text), text


# Near misses in the voices: a story or a misspelling must not turn them into a claim of
# the neighbour they resemble.
NEAR_MISSES = [
    # a story whose number is needed: the question part alone lacks an operand
    "My garden is a circle and I've tended it for 30 years. What is its area?",
    # a misspelt word repaired, but the question asks for something else
    "whats the sum of the first 11 fibonnaci numbers??",
    # incidental numbers and a question part that reads differently from the whole text
    "I have 4 cubes of side 3 m. What is the total volume of all of them?",
]


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_misses_are_refused(question: str) -> None:
    found = solve(question)
    assert found is None, f"{question!r} -> {found.answer!r} by {found.topic}"


def test_a_story_number_is_never_read_as_an_operand() -> None:
    """The same question with and without a story around it gets the same answer."""
    for seed in SEEDS:
        question, truth = _truth("geometry", "pythagorean_theorem", seed)
        plain = question.replace("given the other two sides have", "whose other two sides have")
        for story in (
            "I'm a chess coach with 31 students, and this has been on my mind: {q}",
            "Back in 2003 I measured 17 fences. {q}",
            "I've loved right triangles since I was 8, so here goes: {q}",
        ):
            found = solve(story.format(q=plain))
            assert found is not None and found.answer == truth, (story, plain, found)


# --------------------------------------------------------------------------- out of domain

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("out-of-domain", 400),
        ("out-of-domain-2", 320),
        ("out-of-domain-3", 290),
        ("out-of-domain-4", 310),
        ("out-of-domain-5", 290),
        ("out-of-domain-6", 100),
        ("out-of-domain-7", 70),
        ("out-of-domain-8", 290),
    ],
)
def test_nothing_out_of_domain_is_claimed_wrongly(name: str, size: int) -> None:
    rows = [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text().splitlines() if line]
    assert len(rows) > size
    claimed = []
    for row in rows:
        found = solve(row["question"])
        if found is None:
            continue
        # a multiple-choice math question may be answered with its right option's text
        if row["kind"].startswith("mc") and found.answer == row.get("answer"):
            continue
        claimed.append(f"{row['id']} ({row['kind']}): {found.topic} -> {found.answer!r}")
    assert not claimed, "claimed out of domain:\n" + "\n".join(claimed)
