"""The normaliser: notation into one style, the network's inserted letter taken out of
numbers and LaTeX commands, and the ``Topic:`` line read even when it carries the letter."""

from __future__ import annotations

import random

import pytest

from logicnet.challenges.wrap import insert_random_letter
from logicnet.engine.normalise import normalise, repair_letters


def _text(question: str) -> str:
    found = normalise(question)
    assert found is not None
    return found.text


@pytest.mark.parametrize(
    ("lettered", "plain"),
    [
        ("GCD(6e59405754,734323518)", "GCD(659405754,734323518)"),  # 'e' too: no sign, too long
        ("a principal of 8q045 dollars", "a principal of 8045 dollars"),
        ("[907.40e7137850429, 1.5]", "[907.407137850429, 1.5]"),
        ("23\\dijv16=", "23\\div16="),
        ("23\\divx16=", "23\\div16="),
        ("\\begin{bmaxtrix} 1 & 2 \\end{bmatrix}", "\\begin{bmatrix} 1 & 2 \\end{bmatrix}"),
        ("the 71ath term", "the 71th term"),
        ("log base 10 of 10x00", "log base 10 of 1000"),  # not a "10x10" dimension
        ("the GCD of forzty-eiglht", "the GCD of forty-eight"),  # a lettered number word
    ],
)
def test_a_letter_inside_a_number_or_command_is_removed(lettered: str, plain: str) -> None:
    assert repair_letters(lettered) == plain


@pytest.mark.parametrize("kept", ["1e6 joules", "a 2x2 matrix", "a 10x10 grid", "hex 4B7F"])
def test_what_cannot_be_a_lettered_number_is_kept(kept: str) -> None:
    assert repair_letters(kept) == kept


def test_every_network_letter_in_a_number_is_undone() -> None:
    rng = random.Random(3)
    for _ in range(200):
        number = str(rng.randint(1000, 10**9))
        lettered = insert_random_letter(number, rng)
        assert repair_letters(f"What is {lettered}?") == f"What is {number}?"


def test_notation_becomes_one_style() -> None:
    text = _text(
        "Sure! Here's the rephrased question:\n\n**What is** \\( 5 \\times 3 \\) "
        "÷ 2 and x² — with 364,365,760 and seven? 🤔"
    )
    assert text == "What is 5 * 3 / 2 and x^2 — with 364365760 and 7?"  # a dash, not a minus


def test_matrix_row_breaks_survive() -> None:
    text = _text("\\[ \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} \\]")
    assert "1 & 2 \\\\ 3 & 4" in text


def test_powers_and_subscripts_in_words() -> None:
    assert _text("13 raised to the 9th power, and log₂(64)") == "13^9, and log_{2}(64)"


def test_topic_line_read_with_an_inserted_letter() -> None:
    found = normalise("Topic: Basic math, Subtopjic: Fraction to decimal.\nWhat is 3/4?")
    assert found is not None
    assert (found.topic_hint, found.subtopic_hint) == ("basic_math", "fraction_to_decimal")
    assert "Topic" not in found.text


def test_number_words_compound_but_and_separates() -> None:
    assert _text("Is one hundred and one prime?") == "Is 101 prime?"
    assert _text("two hundred thirty-four and between five and seven") == (
        "234 and between 5 and 7"
    )
    assert _text("this one, one-sided") == "this one, 1-sided"
    assert _text("Multiply ½ by ¾.") == "Multiply 1/2 by 3/4 ."


def test_list_markers_are_not_operands() -> None:
    assert _text("1. Take the matrices A and B.\n2. Multiply them.") == (
        "Take the matrices A and B. Multiply them."
    )


def test_python_powers_and_glued_dx() -> None:
    assert _text("**What is** 2**10 and 4x**3?") == "What is 2^10 and 4x^3?"
    assert _text("∫4x³dx") == "∫4x^3 dx"


def test_a_kept_validator_wrapper_is_dropped() -> None:
    text = _text(
        "Find the solution of this math problem:\n---\nCould you differentiate 4x^{3}?\n---\n"
    )
    assert text == "Could you differentiate 4x^{3}?"


def test_too_long_is_not_read() -> None:
    assert normalise("x" * 100_000) is None


def test_a_lettered_sign_word_keeps_its_sign() -> None:
    assert _text("It is miknus thirty-five degrees") == "It is -35 degrees"
    assert _text("a negatqive 12") == "a -12"
    assert _text("7 minus 3 and x minus 2") == "7 - 3 and x - 2"  # subtraction, not a sign


def test_an_equation_said_aloud_is_written_in_symbols() -> None:
    said = "nine x plus nineteen y equals negative fifty seven"
    assert _text(said) == "9x + 19y = -57"
    assert _text("y equals seven fourths x plus five") == "y = 7/4 x + 5"
    # a matrix's size and a word after "plus" are no equation's
    assert _text("a 2 x 3 matrix, plus the constant") == "a 2 x 3 matrix, plus the constant"


def test_a_sign_word_that_cannot_be_repaired_refuses_rather_than_dropping_the_sign() -> None:
    from logicnet.engine import solve

    right = solve("It is minus 40 degrees Celsius outside; what is that in Fahrenheit?")
    assert right is not None and right.answer == "-40.0"
    for garbled in (
        "It is mimus 40 degrees Celsius outside; what is that in Fahrenheit?",
        "It is mnus 40 degrees Celsius outside; what is that in Fahrenheit?",
        "It is negatve 40 degrees Celsius outside; what is that in Fahrenheit?",
    ):
        assert solve(garbled) is None, garbled


def test_a_spelled_sign_is_read_and_never_dropped() -> None:
    from logicnet.engine import solve

    for question in (
        "Convert negative 40 degrees Celsius to Fahrenheit.",
        "It is minus forty degrees Celsius; what is that in Fahrenheit?",
    ):
        found = solve(question)
        assert found is not None and found.answer == "-40.0", question
    # a reader of positive operands must not take the 3 of "minus 3" as 3
    found = solve("What is minus 3 divided by 4 as a decimal?")
    assert found is None or found.answer.startswith("-"), found


# --------------------------------------------------------------- invisible characters (issue 18)

# Zero-width space, zero-width joiner, word joiner, byte-order mark, soft hyphen, a
# left-to-right mark and a right-to-left override: format characters (Unicode Cf).
_INVISIBLE = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e"]

# Each asks something the engine answers; with a character inside a number it used to
# answer another question (2^9 = 512, 0% of 80, 2! or 5!).
_SPLIT_NUMBERS = [
    ("What is 2^9{c}9{c}9?", "What is 2^999?"),
    ("What is 5{c}0% of 80?", "What is 50% of 80?"),
    ("What is 1{c}2 factorial?", "What is 12 factorial?"),
    ("What is 4{c}5! ?", "What is 45! ?"),
    ("What is 50% of 1,{c}000?", "What is 50% of 1,000?"),  # beside a thousands comma
    ("GCD(12{c}34,58)=", "GCD(1234,58)="),  # the generator's own wording
    (
        "Find the solution of this math problem:\n---\nTopic: Basic math, Subtopic: "
        "Exponentiation.\n2^{{9{c}99}} =\n---\n",
        "Find the solution of this math problem:\n---\nTopic: Basic math, Subtopic: "
        "Exponentiation.\n2^{{999}} =\n---\n",
    ),
]


@pytest.mark.parametrize("char", _INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(("split", "whole"), _SPLIT_NUMBERS, ids=lambda q: q[:16])
def test_an_invisible_character_inside_a_number_makes_it_unreadable(
    char: str, split: str, whole: str
) -> None:
    from logicnet.engine import solve

    assert solve(whole.format(c="")) is not None  # readable without the character
    assert solve(split.format(c=char)) is None


def test_the_finding_is_not_answered_as_two_to_the_ninth() -> None:
    from logicnet.engine import solve
    from logicnet.engine.core import solve_text
    from logicnet.engine.reading import read_question

    question = "What is 2^9\u200d9\u200d9?"
    assert solve(question) is None
    assert solve_text(question) is None and read_question(question) is None


@pytest.mark.parametrize("char", _INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Is 97 pri{c}me?", "Yes"),
        ("What is 12 fac{c}torial?", "479001600"),
        ("Find prime fac{c}tors of 84", "2, 2, 3, 7"),  # the generator's own wording
        ("{c}What is 50%{c} of 80?{c}", "40.00"),  # at the ends and beside a number
        (
            "Find the solution of this math problem:\n---\nTopic: Basic math, Subtopic: "
            "Expo{c}nentiation.\n2^{{9}} =\n---\n",
            "512",
        ),
    ],
)
def test_an_invisible_character_between_or_inside_words_is_dropped(
    char: str, question: str, answer: str
) -> None:
    from logicnet.engine import solve

    found = solve(question.format(c=char))
    assert found is not None and found.answer == answer


def test_strip_invisible_keeps_the_text_and_refuses_a_split_number() -> None:
    from logicnet.engine.core import strip_invisible

    assert strip_invisible("plain ASCII 1234") == "plain ASCII 1234"
    assert (
        strip_invisible("x\u00b2 \u2212 3, caf\u00e9") == "x\u00b2 \u2212 3, caf\u00e9"
    )  # visible
    assert strip_invisible("fac\u00adtorial of 12\u200b") == "factorial of 12"
    assert strip_invisible("a \U0001f468\u200d\U0001f469 b") == "a \U0001f468\U0001f469 b"
    for split in ("12\u200b34", "3.\u200b5", "3\u2060.5", "1,\ufeff000", "2\ufe0f9"):
        assert strip_invisible(split) is None, split


def test_a_dollar_sign_between_digits_keeps_the_numbers_apart() -> None:
    from logicnet.engine.core import parse_problem

    assert parse_problem("GCD(12$34,58)=").text == "GCD(12 34,58)="
    assert parse_problem("$2^{999}$ =").text == "2^{999} ="


# --------------------------------------------------------------- voices (issue 13)


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ('Here\'s a rephrased version:\n\n"Is 57 prime?"\n\nI kept the number.', "Is 57 prime?"),
        (
            'Sure! Here is the problem rephrased as a question from a gardener:\n\n"As a gardener, '
            'what is the GCD of 84 and 36?"',
            "As a gardener, what is the GCD of 84 and 36?",
        ),
        (  # a rewording of a rewording: both prefaces go
            "Here's a rephrased version:\n\n\"Sure! Here's the rephrased question:\n\n"
            '"What is 7!?""',
            "What is 7!?",
        ),
        ("Here is the matrix: [[1, 2], [3, 4]]. Its determinant?", None),  # part of a question
    ],
)
def test_a_preface_and_its_quotes_are_dropped(question: str, plain: str | None) -> None:
    assert _text(question) == (plain if plain is not None else " ".join(question.split()))


def test_markdown_givens_become_one_clause() -> None:
    text = _text(
        "**Problem:** A can of soup.\n\n**Given:**\n* Radius: 4 m\n* Height: 11 m\n\n"
        "**Find:** the surface area of the cylinder"
    )
    assert text == (
        "Problem: A can of soup. Given: Radius: 4 m, Height: 11 m; Find: the surface area of "
        "the cylinder"
    )
    # bullets that are sentences stay sentences
    assert _text("- Take the matrices A and B.\n- Multiply them.") == (
        "Take the matrices A and B. Multiply them."
    )


@pytest.mark.parametrize(
    ("words", "plain"),
    [
        ("multiply three-quarters by two-fifths", "multiply 3/4 by 2/5"),
        ("seven-twelfths and three twentieths", "7/12 and 3/20"),
        ("negative seven-fourths", "-7/4"),
        ("the twenty-first term and the sixty-eighth prime", "the 21st term and the 68th prime"),
        ("the thirteenth Fibonacci number", "the 13th Fibonacci number"),
        ("the ninth term, the fourth root", "the 9th term, the fourth root"),  # a root stays
        ("it is 25 ℃ or 77 ℉", "it is 25 degrees C or 77 degrees F"),
    ],
)
def test_number_words_fractions_and_ordinals(words: str, plain: str) -> None:
    assert _text(words) == plain


def _vocabulary() -> object:
    from logicnet.engine import solve
    from logicnet.engine.reading import vocabulary

    solve("warm-up")  # families and readers loaded
    return vocabulary()


@pytest.mark.parametrize(
    ("misspelt", "word"),
    [
        ("interst", "interest"),
        ("compoud", "compound"),
        ("percantage", "percentage"),
        ("surfase", "surface"),
        ("cylnder", "cylinder"),  # a letter left out
        ("cilinder", "cylinder"),  # a vowel for another
        ("hypotneuse", "hypotenuse"),  # two letters swapped
        ("fibonnacci", "fibonacci"),
        ("composit", "composite"),  # the last letter left out
        ("pecent", "percent"),  # a whole word of a pattern, though it begins "percentage"
        # a slip and the network's inserted letter in one word
        ("cisrcl", "circle"),
        ("himeght", "height"),
        ("facktrs", "factors"),
    ],
)
def test_a_misspelt_reader_word_is_put_right(misspelt: str, word: str) -> None:
    from logicnet.engine.normalise import Vocabulary, repair_words

    vocabulary = _vocabulary()
    assert isinstance(vocabulary, Vocabulary)
    assert (
        repair_words(f"what is the {misspelt} of 12?", vocabulary) == f"what is the {word} of 12?"
    )


@pytest.mark.parametrize(
    "kept",
    [
        "different",  # an English word one slip from "difference"
        "geometry",  # not "geometric"
        "including",  # not "excluding"
        "multiplying",  # another form of a reader's stem
        "double",  # a singular, not a slip of "doubles"
        "Rebecca",  # a name far from every reader's word
        "GCDXY",  # capitals: an acronym
        "\\sqrtx",  # a LaTeX command
        "1y943",  # a number (the inserted letter is repair_letters' business)
        "litres",  # an inserted letter and a changed one are too far from "lines"
        "cousin",  # an English word, not "cosine"
    ],
)
def test_what_is_no_misspelling_is_kept(kept: str) -> None:
    from logicnet.engine.normalise import Vocabulary, repair_words

    vocabulary = _vocabulary()
    assert isinstance(vocabulary, Vocabulary)
    assert repair_words(f"so {kept} here", vocabulary) == f"so {kept} here"


def test_an_ambiguous_misspelling_is_not_repaired() -> None:
    from logicnet.engine.normalise import Vocabulary

    vocabulary = Vocabulary(["median", "medial", "sphere"])
    assert vocabulary.repair("mediak") is None  # "median" and "medial" are as near
    assert vocabulary.repair("shpere") == "sphere"
    assert vocabulary.repair("sphere") is None  # known: nothing to repair
    # a letter inserted beside a slip: "barxre" is "barre", as near "barrel" as "barren"
    assert Vocabulary(["barrel", "barren"]).repair("barxre") is None
    assert Vocabulary(["barrel", "sphere"]).repair("barxre") == "barrel"


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        (
            "the gcd of two hundred thirty six million two hundred forty four thousand and "
            "eleven and nine",
            "the gcd of 236244011 and 9",
        ),
        ("the vectors two hundred sixty one point five eight comma three", "the vectors 261.58, 3"),
        ("affects zero point four nine percent", "affects 0.49 percent"),
        ("is nineteen eighty five a leap year", "is 1985 a leap year"),
        ("born in twenty oh five", "born in 2005"),
        ("nine x to the eighth plus eight x to the sixteenth", "9 x^8 plus 8 x^16"),
        # a list said without commas stays a list: no year, no decimal
        ("the numbers thirteen thirty four", "the numbers 13 34"),
        ("the point 3 and the point 4", "the point 3 and the point 4"),
    ],
)
def test_spoken_numbers_are_read(spoken: str, written: str) -> None:
    found = normalise(spoken)
    assert found is not None and found.text == written
