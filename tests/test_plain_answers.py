"""Plain mathematics where no generator asked (issue 20; docs/conventions.md).

Inside a subtopic's default ranges the engine answers as mathgenerator 1.5.0 does, quirks
included; outside them, or when the question lists options, it answers the plain value.
``logicnet solve`` says which in one line on standard error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from logicnet.engine import GENERATOR, PLAIN, solve
from logicnet.engine.choices import offered, same_value

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "logicnet", "solve", "--miner.strategy", "engine", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        cwd=ROOT,
    )


def conventions(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("convention: ")]


def test_a_quirk_inside_the_ranges_keeps_the_generators_answer() -> None:
    found = solve("5x + 5 = 10")  # a = 5 divides c - b = 5: the generator prints 5
    assert found is not None
    assert (found.answer, found.plain, found.convention) == ("5", "1", GENERATOR)


@pytest.mark.parametrize(
    ("question", "answer", "why"),
    [
        ("Solve for x: 2x + 7 = 19", "6", "c = 19"),
        ("12x + 5 = 41", "3", "a = 12"),
        ("3x + 7 = 22", "5", "c = 22"),
        # the generator only ever asks about 0: any other number gets its standard numeral
        ("How would you write 1994 in Roman numerals?", "MCMXCIV", "n = 1994"),
        # ... and never a count of Fibonacci numbers (it prints "{n}")
        ("List the first 7 Fibonacci numbers, starting 0, 1.", "0, 1, 1, 2, 3, 5, 8", "the count"),
    ],
)
def test_outside_the_ranges_the_answer_is_plain(question: str, answer: str, why: str) -> None:
    found = solve(question)
    assert found is not None
    assert (found.answer, found.convention, found.plain) == (answer, PLAIN, "")
    assert why in found.why and "outside the generator's" in found.why


def test_solve_says_which_convention_answered() -> None:
    out = cli("Solve for x: 2x + 7 = 19")
    assert out.returncode == 0, out.stderr
    assert "Answer: 6" in out.stdout
    said = conventions(out.stderr)
    assert len(said) == 1 and said[0].startswith("convention: plain mathematics (c = 19")
    inside = cli("5x + 5 = 10")
    said = conventions(inside.stderr)
    assert "Answer: 5" in inside.stdout
    assert len(said) == 1 and "mathgenerator 1.5.0's" in said[0] and "value is 1" in said[0]
    record = json.loads(cli("--json", "Solve for x: 2x + 7 = 19").stdout)
    assert record["logic_answer"] == "6" and record["convention"] == "plain"
    assert record["convention_why"].startswith("c = 19")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("5x + 5 = 10\nA. 5\nB. 1\nC. 2\nD. 10", "1"),  # the quirk is a distractor
        ("Solve for x: 2x + 7 = 19 A. 12 B. 6 C. 13 D. 26", "6"),
        ("What is 25% of 80?\n(A) 16\n(B) 20\n(C) 25\n(D) 40", "20"),
        ("What is 25% of 80?\nA) 20.0\nB) 25.0\nC) 16.0\nD) 40.0", "20.0"),
    ],
)
def test_options_are_answered_with_the_text_of_the_plain_one(question: str, answer: str) -> None:
    found = solve(question)
    assert found is not None and (found.answer, found.convention) == (answer, PLAIN)
    assert f"({answer}) is this value" in found.reasoning


@pytest.mark.parametrize(
    "question",
    [
        "5x + 5 = 10\nA. 5\nB. 2\nC. 3\nD. 10",  # no option states x = 1
        "What is 25% of 80? A. 20 B. 20.0 C. 16 D. 40",  # two options state it
        "Which gas do plants take in for photosynthesis?\nA. Oxygen\nB. Carbon dioxide\n"
        "C. Nitrogen\nD. Helium",
    ],
)
def test_no_claim_without_exactly_one_matching_option(question: str) -> None:
    assert solve(question) is None


def test_options_are_found_on_lines_and_inline() -> None:
    lines = offered("What is 2 + 2?\nA. 3\nB. 4\nC. 5\nD. 6\nAnswer:")
    assert lines is not None and lines.stem == "What is 2 + 2?"
    assert [t for _, t in lines.options] == ["3", "4", "5", "6"]
    inline = offered("Find x if 2x = 8. A) 2 B) 4 C) 8 D) 16")
    assert inline is not None and inline.stem == "Find x if 2x = 8."
    assert [t for _, t in inline.options] == ["2", "4", "8", "16"]
    assert offered("Is 7 prime? A. yes") is None  # one option is no list
    assert offered("Points A. and B. are 5 apart") is None


@pytest.mark.parametrize(
    ("option", "value", "same"),
    [
        ("6", "6.0", True),
        ("6", "6.4", False),
        ("3.1416", "3.14", True),
        ("3.15", "3.14", False),
        ("$x = 6$", "6", True),
        ("\\frac{3}{4}", "3/4", True),
        ("0.75", "3/4", True),
        ("x^{2} + 1", "x^2+1", True),
        ("7", "x^2", False),
        ("6x", "6x^{1}", True),
        ("6", "6x", False),
        ("512", "2^{9}", True),
        ("36%", "36.0", True),
        ("6283", "6283 m^3", True),
        ("7√2", "7\\sqrt{2}", True),
        ("Yes", "No", False),
    ],
)
def test_values_compare_by_value(option: str, value: str, same: bool) -> None:
    assert same_value(option, value) is same


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # lettered givens are no options: the question is read as it stands
        ("A quadrilateral has angles A: 90, B: 80, C: 100. What is the fourth angle?", "90"),
        (
            "Find the fourth angle of a quadrilateral whose other angles are:\n- A: 90\n- B: 80\n"
            "- C: 100",
            "90",
        ),
        # an option that states the value exactly wins over a less precise one
        ("What is 7/3 as a decimal? A. 2.3 B. 2.33 C. 3.2 D. 1.5", "2.33"),
        # "Multiple choice:" before the question keeps the question
        ("Multiple choice: What is 25% of 80? A. 20 B. 25 C. 16 D. 40", "20"),
        # options a reader cannot evaluate (a tower, broken brackets) are just not the value
        ("What is 25% of 80? A. 9^999^999 B. 20 C. 16 D. 40", "20"),
        ("What is 25% of 80? A. (2x B. 20 C. 16 D. 40", "20"),
        ("What is 25% of 80? A. x.c B. 20 C. 16 D. 40", "20"),
    ],
)
def test_options_the_review_found(question: str, answer: str) -> None:
    found = solve(question)
    assert found is not None and found.answer == answer


def test_a_rounded_value_beside_a_finer_option_is_not_claimed() -> None:
    # the plain surface area is 38 m^2 to the subtopic's whole number; 37.70 may be it
    assert (
        solve(
            "What is the surface area of a cylinder with radius 2 m and height 1 m? "
            "A. 37.70 m^2 B. 38 m^2 C. 25.13 m^2 D. 50.27 m^2"
        )
        is None
    )
    # "2^{3+1}" is 16, not 2^3 + 1 = 9
    assert solve("What is 3^2? A. 2^{3+1} B. 8 C. 6 D. 12") is None


def test_a_question_whose_generator_hides_its_value_says_so() -> None:
    found = solve("Integer of Binary Coded Decimal 5 is =")
    assert found is not None and found.convention == GENERATOR
    assert found.why == "its question hides all but the first digit of the number"
    said = conventions(cli("Integer of Binary Coded Decimal 5 is =").stderr)
    assert len(said) == 1 and "no one can know" in said[0]
