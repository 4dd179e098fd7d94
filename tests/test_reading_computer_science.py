# ruff: noqa: E501  (hand-written paraphrases read best on one line each)
"""Computer-science paraphrases in voices the dev set does not use, and near misses.

The generator's quirks fix the meaning: "Binary of N =" is answered in hexadecimal, so
"the binary of N" is that subtopic, while a bit string asked in hexadecimal is
``binary_to_hex``. Voices are filled with real generator draws and must get the
generator's exact answer (``tests/reading_harness.py``)."""

from __future__ import annotations

import pytest

from logicnet.engine import solve
from tests.reading_harness import check_family_paraphrases, check_voices
from tests.test_reading_misc import assert_six_voices

PREFACE = "Sure! Here's the rephrased question:\n\n"

VOICES: dict[str, tuple[str, list[str]]] = {
    "nth_fibonacci_number": (
        r"the (?P<n>\d+)th",
        [
            "fib number #{n}?",
            "What's F({n}), the {n}th number of the Fibonacci sequence?",
            PREFACE + "Which value sits at position {n} in the Fibonacci sequence — the {n}th "
            "Fibonacci number?",
        ],
    ),
    "nth_tribonacci_number": (
        r"the (?P<n>\d+)th",
        [
            "What is the {n}th Tribonacci number?",
            "Tribonacci: give me term number {n}.",
        ],
    ),
    "binary_to_hex": (
        r"^(?P<b>[01]+)$",
        [
            "Convert the binary number {b} to hexadecimal.",
            "What is {b} (binary) in hex?",
            "Topic: Computer science, Subtopic: Binary to hex.\nWrite the bit string `{b}` in "
            "hexadecimal.",
        ],
    ),
    "binary_2s_complement": (
        r"complement of (?P<b>[01]*) ?=",
        [
            "Find the two's complement of the binary number {b}.",
            "2's complement of {b}?",
        ],
    ),
    "decimal_to_hexadeci": (
        r"Binary of (?P<n>\d+)",
        [
            "What is the binary of {n}?",
            "Topic: Computer science, Subtopic: Decimal to hexadeci.\nConvert {n} to hexadecimal.",
            "What's the hexadecimal representation of the decimal number {n}?",
        ],
    ),
    "decimal_to_bcd": (
        r"Number (?P<n>\d+)",
        [
            "Encode the decimal number {n} in BCD.",
            "What is {n} in binary-coded decimal (BCD)?",
        ],
    ),
}


@pytest.mark.parametrize("subtopic", sorted(VOICES))
def test_voices_get_the_generator_answer(subtopic: str) -> None:
    parse, voices = VOICES[subtopic]
    failures, answered, asked = check_voices("computer_science", subtopic, parse, voices)
    assert failures == []
    assert answered >= 0.6 * asked, f"lettered coverage {answered}/{asked}"


NEAR_MISSES = [
    "2's complement of 0110 in 8 bits?",
    "What is the 23rd Fibonacci number squared?",
    "Is the 12th Fibonacci number even?",
    "How many hex digits does the binary number 0100 have?",
    "What is the 0th Fibonacci number if F(0) = 1?",
    "List the first 5 Tribonacci numbers.",
    "Convert the decimal number 12 to octal.",
    "What is the decimal value of the BCD 0001 0010?",
    "What is the sum of the first 10 Fibonacci numbers?",
    "What is the 10th Lucas number?",
    "What is the 4th prime number?",
    "What is the 1's complement of 1011?",
    "Convert the hexadecimal number 1F to binary.",
    "Decode the BCD value 0101 0011 into decimal.",
    "What is 1011 in octal?",
    "What is the 2's complement of 13 in 8 bits?",
    "what is the 62nd fibonnaci number squared?",
    "What is the sum of the first 62 fibonnaci numbers?",
    "Find the sixty-first prime number.",
    "What is 2s complemnt of 110010 in 8 bits?",
    "What's the 1s complemnt of 110010?",
    "Decimal: 663. Find the octal representation.",
    "Decimal: 663. Find the binary representation.",
]


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_miss_is_not_answered(question: str) -> None:
    found = solve(question)
    assert found is None or not found.topic.startswith("computer_science/"), (
        f"{question!r} -> {found.answer!r} by {found.topic}"
    )


def _answer(question: str) -> str:
    found = solve(question)
    assert found is not None, question
    return found.answer


def test_bits_given_or_decimal_given() -> None:
    # the same digits: a bit string to rewrite in hex, or a decimal number the generator
    # asks "the binary of" and answers in hex
    assert _answer("Convert the binary number 1010 to hexadecimal.") == "0xa"
    # 1010 is beyond the generator's 0..1000: its hexadecimal quirk does not apply
    assert _answer("What is the binary of 1010?") == "1111110010"
    assert _answer("What is the binary of 1000?") == "0x3e8"


def test_base_words_are_base_conversion_not_hex() -> None:
    # "base 2 ... base 16" is the misc generator's wording, answered without 0x
    assert _answer("Convert the base-2 number 111010110001111 to base 16.") == "758F"
    assert _answer("What's the hexadecimal form of the binary number 111010110001111?") == "0x758f"


# The generator's "Binary of N =" is answered in hexadecimal, and its noun phrase ("the
# binary of N", "the binary representation of N") is read as that subtopic. A number asked
# *in* binary or octal is not: computer_science has no decimal-to-binary subtopic, and a
# hexadecimal answer to it would be wrong, so it is refused (misc/base_conversion answers it
# only when the bases are written as numbers).
ASKED_IN_BINARY_OR_OCTAL = [
    "convert 255 to binary",
    "Convert 490 into binary, please.",
    "What is 195 in binary?",
    "Express 195 in binary.",
    "Express 333 as a binary number.",
    "what's 255 in octal?",
    "Convert the decimal number 564 to binary.",
    "Write 75 in base 2.",
    "Decimal: 663 — find its binary digits.",
    "Topic: Computer science, Subtopic: Decimal to octal.\nWhat is 724 in octal?",
]


@pytest.mark.parametrize("question", ASKED_IN_BINARY_OR_OCTAL)
def test_binary_or_octal_never_gets_the_hex_answer(question: str) -> None:
    found = solve(question)
    assert found is None or not (
        found.topic == "computer_science/decimal_to_hexadeci" or found.answer.startswith("0x")
    ), f"{question!r} -> {found.answer!r} by {found.topic}"


def test_decimal_to_binary_with_written_bases_is_base_conversion() -> None:
    found = solve("Convert 255 from base 10 to base 2.")
    assert found is not None and (found.topic, found.answer) == ("misc/base_conversion", "11111111")


def test_six_voices_of_computer_science() -> None:
    assert_six_voices("Computer science")


def test_every_shipped_paraphrase_of_this_family_is_answered_exactly_or_refused() -> None:
    check_family_paraphrases("Computer science")


def test_fibonacci_and_tribonacci_read_apart() -> None:
    assert _answer("What is the 10th Fibonacci number?") == "55"
    assert _answer("What is the 10th Tribonacci number?") == "44"


def test_empty_complement_is_the_generators_empty_answer() -> None:
    found = solve("What is the 2's complement of the given binary number?")
    assert found is not None and found.answer == ""


# Hand-written voices: (paraphrase, the generator's own wording of the same problem)
CASES = [
    ("Could you compute Fibonacci(39) for me?", "What is the 39th Fibonacci number?"),
    ("Find the 23rd element of the Fibonacci sequence.", "What is the 23th Fibonacci number?"),
    ("What is the eighteenth Tribonacci number?", "What is the 18th Tribonacci number?"),
    ("Hey! What's 0100 (binary) in hex? 🔐", "0100"),
    ("Translate the bit string 00110 into hexadecimal notation.", "00110"),
    ("What's the two's-complement of 111111?", "2's complement of 111111 ="),
    ("2s complement of 11?", "2's complement of 11 ="),
    ("What do you get for the binary of 195?", "Binary of 195 ="),
    ("Convert decimal 564 into hexadecimal.", "Binary of 564 ="),
    ("What's the BCD encoding of 5505?", "BCD of Decimal Number 5505 ="),
    ("Convert the decimal number 3425 to binary-coded decimal.", "BCD of Decimal Number 3425 ="),
    ("Express the decimal number 67 in hexadecimal notation.", "Binary of 67 ="),
    (
        "Using Binet's formula or otherwise, find the 23rd Fibonacci number.",
        "What is the 23th Fibonacci number?",
    ),
    (
        "What's the value of the Tribonacci sequence at n = 14?",
        "What is the 14th Tribonacci number?",
    ),
    ("Express binary 0100 as a hexadecimal number.", "0100"),
    ("What's the BCD representation of the decimal number 3425?", "BCD of Decimal Number 3425 ="),
    ("Two's complement of 11, please!", "2's complement of 11 ="),
    ("What is F₂₃ in the Fibonacci sequence?", "What is the 23th Fibonacci number?"),
    ("Give me the 23rd term of the Fibonacci sequence.", "What is the 23th Fibonacci number?"),
    ("What's the hex equivalent of binary 0110?", "0110"),
    ("Convert 0b0110 to hexadecimal.", "0110"),
    ("What's the binary representation of 195?", "Binary of 195 ="),
    ("whats the 62nd fibonnaci number??", "What is the 62th Fibonacci number?"),
    (
        "Could you kindly provide the seventy-first Fibonacci number?",
        "What is the 71th Fibonacci number?",
    ),
    ("**Decimal:** 663\n\n**Find:** the hexadecimal representation", "Binary of 663 ="),
    ("2s complemnt of 110010 ??", "2's complement of 110010 ="),
    ("what's 5505 in BCD", "BCD of Decimal Number 5505 ="),
    ("What's 2's complement of 0110?", "2's complement of 0110 ="),
    ("What is the 39th number in the Fibonacci sequence?", "What is the 39th Fibonacci number?"),
    ("What is the fourteenth Tribonacci number?", "What is the 14th Tribonacci number?"),
    ("What's the hexadecimal form of the binary number 00110?", "00110"),
    ("Compute the two's complement of 111111.", "2's complement of 111111 ="),
    ("What's 564 in hexadecimal?", "Binary of 564 ="),
    ("BCD code of 2909?", "BCD of Decimal Number 2909 ="),
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
