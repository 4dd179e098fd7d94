"""Reading that does not depend on the voice: a person's way of asking reads as the plain
question does, and a word problem in the same shape stays refused.

Each case pairs a question in some voice with the same problem asked plainly; the engine
must give both the same answer (and give one). The examples are written for this test.
"""

from __future__ import annotations

import pytest

from logicnet.engine import solve as solve_question

SAME = [
    # a persona's clause about themselves, then ", and" the problem
    (
        "I've baked 120 loaves this year, and today's tray is a triangle with sides 7, 8 and 9"
        " — how big is its area?",
        "Find the area of a triangle with sides 7, 8 and 9.",
    ),
    (
        "I'm in my 3rd semester of surveying, and the plot we measured has sides 12, 30, 25"
        " and 41 m. what's its perimeter?",
        "What is the perimeter of a polygon with sides 12, 30, 25 and 41?",
    ),
    # a misspelt word whose singular and plural are both known: the slip keeps the ending
    ("how many radians is 45 degres?", "Convert 45 degrees to radians."),
    # "these 2 vectors": a count of the operands, not one of them
    (
        "whats the dot product of these 2 vectors: [1, 2, 3] and [4, 5, 6]",
        "Find the dot product of [1, 2, 3] and [4, 5, 6].",
    ),
    # an aside in brackets about the asker, numbers and all
    (
        "my son's worksheet (page 12, due in 3 days!) asks whether 91 is a prime number",
        "Is 91 a prime number?",
    ),
    (
        "building a circular tabletop for class (took me 2 weekends so far), radius 45 cm."
        " what's the area?",
        "Find the area of a circle with radius 45.",
    ),
    # the position asked ("the 4th one") after the givens
    (
        "a quadrilateral has angles 80°, 95° and 110°... whats the 4th one?",
        "Three angles of a quadrilateral are 80, 95 and 110 degrees. Find the fourth angle.",
    ),
]


@pytest.mark.parametrize(("voiced", "plain"), SAME)
def test_a_voice_reads_as_the_plain_question(voiced: str, plain: str) -> None:
    expected = solve_question(plain)
    assert expected is not None, plain
    got = solve_question(voiced)
    assert got is not None, voiced
    assert got.answer == expected.answer


REFUSED = [
    # one situation told in clauses: the ", and" is no persona handing over to a problem
    "A bus leaves at 9:15, arrives at 11:50, and waits 20 minutes at stops. How long was it"
    " moving?",
    "Maria has 12 stamps, and her brother has 30 stamps. How many more stamps does he have?",
]


@pytest.mark.parametrize("question", REFUSED)
def test_a_word_problem_in_clauses_is_not_claimed(question: str) -> None:
    assert solve_question(question) is None
