"""Paraphrases of basic_math problems in voices the dev set does not use, and near misses.

Each paraphrase must get the same answer as the generator's own wording of the problem
(solved by the exact recognizers); near misses must not be answered at all.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from logicnet.engine import solve
from logicnet.engine.families import basic_math as bm
from logicnet.engine.normalise import Normalised, normalise
from logicnet.engine.problem import Unreadable
from logicnet.engine.readers import basic_math as rbm
from tests.reading_harness import (
    assert_generator_answer,
    assert_lettered_right_or_unanswered,
    assert_not_read_by,
    check_family_paraphrases,
    generator_answer,
)
from tests.test_reading_misc import assert_six_voices

CASES = [
    ("hey quick q: whats the GCD of 84 and 120??", "GCD(84,120)="),
    ("Compute the highest common factor of 1,071 and 462.", "GCD(1071,462)="),
    ("What is seven factorial?", "7! ="),
    ("Is 97 a prime number? Just yes or no.", "Is 97 prime?"),
    ("Pop quiz: is the number 91 composite?", "Is 91 composite?"),
    ("What's 35 percent of 80?", "What is 35% of 80?"),
    ("Give me \\( |{-14} - 27| \\), the absolute difference.".replace("{-14}", "-14"), "|-14-27|="),
    ("Convert 5 ÷ 8 to a decimal, rounded to 2 decimal places.", "5\\div8="),
    ("Multiply the fractions 3/4 and 2/5 — what's the product?", "\\frac{3}{4}\\cdot\\frac{2}{5}="),
    (
        "Which is greater: \\frac{2}{3} or \\frac{3}{5}? Give the symbol (<, > or =).",
        "Which symbol represents the comparison between \\frac{2}{3} and \\frac{3}{5}?",
    ),
    (
        "What's the cube root of 200 to two decimal places?",
        "What is the cube root of: \\sqrt[3]{200}= to 2 decimal places?",
    ),
    ("Evaluate 7^5 for me.", "7^5 ="),
    ("How do I simplify (5^3)^4?", "Simplify 5^{3^{4}}"),
    (
        "## Percentage difference\nWhat's the percentage difference between 30 and 50?",
        "What is the percentage difference between 30 and 50?",
    ),
    (
        "A measured value of 52 against a true value of 50: what is the percent error?",
        "Find the percentage error when observed value equals 52 and exact value equals 50.",
    ),
    ("Simplify √72 into simplest radical form.", "Simplify \\sqrt{72}"),
    ("Is one hundred and one prime?", "Is 101 prime?"),
    (
        "As a 3rd-year student on problem 7 of my homework: what is the GCD of 84 and 120?",
        "GCD(84,120)=",
    ),  # the numbers of the chatter are not operands
    ("I teach 2 classes of 30 students. Is 97 prime?", "Is 97 prime?"),
    ("Find the GCD of forty-eight and eighteen.", "GCD(48,18)="),
    (
        "Cube root of 27, to 2 d.p.?",
        "What is the cube root of: \\sqrt[3]{27}= to 2 decimal places?",
    ),
]

NEAR_MISSES = [
    "What is the LCM of 84 and 120?",
    "Is 31 prime or composite?",
    "What is the next prime after 31?",
    "What is 9^9^9^9?",
    "What is 35 percent of 80 after a 10% discount?",
    "What is the percentage increase from 30 to 50?",
    "What's the cube root of 200 to three decimal places?",
    "What is the square root of 200 to two decimal places?",
    "Find the GCD of 12, 18 and 30.",
    "Compute 2^10 - 1.",  # more than the power is asked
    "What is |-5 - 3| + 2?",
    "What is 7 ÷ 7 × 3 as a decimal?",
    "What is 15% of 240 plus 10?",
    "What is 5! / 3!?",
    # a number with or after the question is part of it; a story's numbers before are not
    "Is 30 composite? Then add 7 to it.",
    "whats 5 factoral plus 1??",
    "What is the double factoral of 7?",
    "n = 5. What is n! / 2?",
    "Divide 29 by 1 and then by 2, as a decimal.",
    "What is 61/85 as a percentage?",
    "What is 61/85 rounded to 3 decimal places?",
    "Find the sixty-first prime number.",
    "Is 31 the 11th prime?",
    "Is 143 a composit or prime?",
    "Given a = 65 and b = -99, find |a + b|.",
    "Base: 16, Exponent: 2. Find the logarithm.",
    "Base: 10, Exponent: 3. How many digits does the result have?",
    "Simplify (36^9)^8 * 36^2.",
    "Simplify (36^9)^8 times 36.",
    "Simplify (2^3)^4^5.",
    "What is the percentage difference between 83, 125 and 140?",
    "First value: 83, Second value: 125. What is the percentage increase?",
    "I measured 22 but the exact value is 68. What is the absolute error?",
    "percentage error if i measured 22.5 but the exact valu is 68??",
    "I measured 83 and 125 on my 2 scales. What's the percentage difference, to 2 places?",
    "simplify sqrt 32 + sqrt 8",
    "What is the square root of 32 to 2 decimal places?",
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
    assert_not_read_by(question, "basic_math")


def test_six_voices_of_basic_math() -> None:
    assert_six_voices("Basic math")


SIX_VOICE_CASES = [
    ("wats 5 factoral?? 😅", "5! ="),
    ("**Question:** Compute the factorial\n\n**Given:** n = 6\n\n**Find:** n!", "6! ="),
    ("**Given:**\n* a = 65\n* b = -99\n\n**Find:** |a - b|", "|65--99|="),
    ("|-50 - (-53)| = ?", "|-50--53|="),
    (
        "**Evaluate:**\n* Base: 16\n* Exponent: 2\n\n**Find:** the base raised to the exponent",
        "16^2 =",
    ),
    ("**Given:**\n* Numerator: 41\n* Denominator: 63\n\n**Find:** the decimal value", "41\\div63="),
    ("What do you get when you divide 29 by 1 and write it as a decimal?", "29\\div1="),
    ("whats 61/85 as a decimel?? 🤔", "61\\div85="),
    (
        "I'm a chess coach with 124 students, so that number has been on my mind all week: "
        "is 124 a composite number?",
        "Is 124 composite?",
    ),
    ("is 143 composit?? 🤓", "Is 143 composite?"),
    (
        "Could you kindly simplify the expression (36^9)^8, that is, 36 raised to the 9th power "
        "and then raised to the power 8, as a single power of 36?",
        "Simplify 36^{9^{8}}",
    ),
    (
        "percentge difference btw 122 and 168??",
        "What is the percentage difference between 122 and 168?",
    ),
    (
        "**Given:**\n* First value: 83\n* Second value: 125\n\n**Find:** the percentage difference",
        "What is the percentage difference between 83 and 125?",
    ),
    (
        "percentge error if i measured 22 but the exact valu is 68??",
        "Find the percentage error when observed value equals 22 and exact value equals 68.",
    ),
    (
        "% error: measured -65, true value -99?",
        "Find the percentage error when observed value equals -65 and exact value equals -99.",
    ),
    ("simplify sqrt 32 pls", "Simplify \\sqrt{32}"),
    ("multiply three-quarters by two-fifths", "\\frac{3}{4}\\cdot\\frac{2}{5}="),
    (
        "Which is greater, two-eighths or one-sixth? Use <, > or =.",
        "Which symbol represents the comparison between \\frac{2}{8} and \\frac{1}{6}?",
    ),
]


@pytest.mark.parametrize(("question", "generator"), SIX_VOICE_CASES)
def test_six_voice_shapes_get_the_generator_answer(question: str, generator: str) -> None:
    assert_generator_answer(question, generator)


def test_composite_and_prime_are_not_confused() -> None:
    prime = solve("Is 31 a prime number?")
    composite = solve("Is 31 a composite number?")
    assert prime is not None and prime.answer == "Yes"
    assert composite is not None and composite.answer == "No"


def test_percentage_difference_is_not_percentage_error() -> None:
    diff = solve("What is the percentage difference between 94 and 77?")
    err = solve(
        "What is the percentage error if the observed value is 94 and the exact value is 77?"
    )
    assert diff is not None and err is not None
    assert diff.topic.endswith("percentage_difference")
    assert err.answer == "22.08\\%"


def test_every_shipped_paraphrase_of_this_family_is_answered_exactly_or_refused() -> None:
    check_family_paraphrases("Basic math")


@pytest.mark.parametrize(
    "question",
    [
        "What do you get when you divide six to the fifth power by six cubed?",
        "List the factors of 9^3 / 9^2.",
        "Which numbers divide \\frac{12}{18} evenly?",
        "Is \\sqrt{49} a prime number?",
    ],
)
def test_numbers_inside_powers_roots_and_fractions_must_all_be_read(question: str) -> None:
    # a reading that takes one number out of "6^5 / 6^3" answers a question nobody asked
    from logicnet.engine.reading import unconsumed

    found = solve(question)
    assert found is None or not unconsumed(question, found.problem), found


def test_unconsumed_finds_the_numbers_a_reading_left_out() -> None:
    from logicnet.engine.reading import unconsumed

    assert unconsumed("4^4 / 4^2", "Factors of 4") == {"2", "4"}  # one 4 used of four
    assert unconsumed("divide 4^4 by 4", "Factors of 4") == {"4"}
    assert unconsumed("13 to the 9th, 13^9 and 13^9", "13^{9}") == set()  # said twice
    assert unconsumed("4^4 / 4^2", "4^4 / 4^2 =") == set()
    assert unconsumed("V = 1/3 \\pi r^2 h with r = 3", "r = 3") == set()  # a formula's constant


MORE_VOICES = [
    ("Work out three fifths multiplied by one seventh.", "\\frac{3}{5}\\cdot\\frac{1}{7}="),
    (
        "**Task:** percentage difference\n**Numbers:** 48 and 64\n**Ask:** the percentage "
        "difference between these two values?",
        "What is the percentage difference between 48 and 64?",
    ),
    (
        "Two numbers, 21 and 35: what is their percentage difference?",
        "What is the percentage difference between 21 and 35?",
    ),
    (
        "Percentage error for a measured (experimental) value of 47 against an accepted (book) "
        "value of 50?",
        "Find the percentage error when observed value equals 47 and exact value equals 50.",
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
        "Is minus 13 a prime number?",
        "Is -13 prime?",
        "What is negative 3 to the fourth power?",
        "Evaluate -3^4.",
    ],
)
def test_a_negative_operand_is_never_read_without_its_sign(question: str) -> None:
    from logicnet.engine.reading import dropped_signs

    found = solve(question)
    assert found is None or not dropped_signs(question, found.problem), found


def test_ordinal_exponents_in_words() -> None:
    found = solve("What is three to the fifth power?")
    assert found is not None and found.answer == _expected("3^5 =")
    assert _expected("3^5 =") == "243"


@pytest.mark.parametrize(
    ("read", "question", "problem"),
    [
        (
            rbm.greatest_common_divisor,
            "hey quick q: whats the GCD of 84 and 120??",
            bm.GreatestCommonDivisor((84, 120)),
        ),
        (rbm.factorial, "wats 5 factoral?? 😅", bm.Factorial(5)),
        (
            rbm.absolute_difference,
            "**Given:**\n* a = 65\n* b = -99\n\n**Find:** |a - b|",
            bm.AbsoluteDifference(65, -99),
        ),
        (
            rbm.exponentiation,
            "**Evaluate:**\n* Base: 16\n* Exponent: 2\n\n**Find:** the base raised to the exponent",
            bm.Exponentiation(16, 2),
        ),
        (rbm.power_of_powers, "How do I simplify (5^3)^4?", bm.PowerOfPowers(5, 3, 4)),
        (
            rbm.percentage_error,
            "% error: measured -65, true value -99?",
            bm.PercentageError(-65, -99),
        ),
        (
            rbm.compare_fractions,
            "Which is greater, two-eighths or one-sixth? Use <, > or =.",
            bm.CompareFractions(2, 8, 1, 6),
        ),
        (rbm.is_composite, "is 143 composit?? 🤓", bm.IsComposite(143)),
        (rbm.simplify_square_root, "simplify sqrt 32 pls", bm.SimplifySquareRoot(32)),
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
        (rbm.exponentiation, "Base: -3, Exponent: 2. Find the power."),
        (rbm.percentage_difference, "What is the percentage difference between -5 and 3?"),
        (rbm.fraction_to_decimal, "What is 5/0 as a decimal?"),
    ],
)
def test_a_reader_refuses_operands_the_generator_never_writes(
    read: Callable[[Normalised], object], question: str
) -> None:
    n = normalise(question)
    assert n is not None
    with pytest.raises(Unreadable):
        read(n)
