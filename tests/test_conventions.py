"""Where mathgenerator 1.5.0's answer is not the plain mathematical value, a person is told.

The engine answers in the generator's convention (what validators score); for the
subtopics whose convention differs from plain mathematics it also knows the plain value,
and ``logicnet solve`` / ``logicnet bench`` say both in one line on stderr. (Beyond the
generator's ranges the answer is the plain value itself: tests/test_plain_answers.py.)
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from logicnet.challenges.generate import GeneratorFailed, generate_problem
from logicnet.challenges.wrap import wrap_math_question
from logicnet.engine import solve

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "logicnet", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        cwd=ROOT,
    )


def _plain_basic_algebra(problem: str) -> str:
    a, b, c = (int(g) for g in re.findall(r"-?\d+", problem))
    x = Fraction(c - b, a)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _plain_power_of_powers(problem: str) -> str:
    base, p, q = (int(g) for g in re.findall(r"\d+", problem))
    return f"{base}^{{{p**q}}}"


def _plain_harmonic_mean(problem: str) -> str:
    count, *numbers = (int(g) for g in re.findall(r"\d+", problem))
    return str(float(count / sum(Fraction(1, n) for n in numbers)))


PLAIN = {
    ("algebra", "basic_algebra"): _plain_basic_algebra,
    ("basic_math", "power_of_powers"): _plain_power_of_powers,
    ("misc", "harmonic_mean"): _plain_harmonic_mean,
}


@pytest.mark.parametrize(("topic", "subtopic"), sorted(PLAIN))
def test_the_plain_value_is_known_where_the_convention_differs(topic: str, subtopic: str) -> None:
    """Sampled generator problems: the generator's answer, and beside it the plain value
    exactly when the two differ."""
    differing = 0
    for seed in range(70_000, 70_040):
        try:
            raw, truth = generate_problem(topic, subtopic, seed)
        except GeneratorFailed:
            continue
        found = solve(wrap_math_question(topic, subtopic, raw))
        assert found is not None and found.answer == truth.replace("$", "")
        plain = PLAIN[(topic, subtopic)](found.problem)
        if plain == found.answer or (
            subtopic == "harmonic_mean" and math.isclose(float(plain), float(found.answer))
        ):
            assert found.plain in ("", plain), found
        else:
            differing += 1
            assert found.plain == plain, (raw, found.answer, found.plain)
    assert differing > 0  # the quirk shows up in the generator's own draws


def test_other_conventions_say_their_plain_value() -> None:
    hexa = solve("Binary of 663 =")
    assert hexa is not None and (hexa.answer, hexa.plain) == ("0x297", "1010010111")
    interest = solve(
        "Compound interest for a principal amount of 6541 dollars, 10% rate of interest and "
        "for a time period of 9 years is ="
    )
    assert interest is not None and interest.answer == "15423.34"
    assert interest.plain == "8882.34"  # the interest, not the amount
    # fifteen values in 5..50, as the generator draws them: its swapped pair, and the plain one
    data = ", ".join(["10"] * 5 + ["20"] * 5 + ["30"] * 5)
    summary = solve(f"Find the mean, standard deviation and variance for the data {data}")
    assert summary is not None
    assert summary.answer.startswith("The Mean is 20.0, Standard Deviation is 66.66")
    assert summary.plain.startswith("The Mean is 20.0, Standard Deviation is 8.16")
    # four values are no generator's: the plain answer alone
    small = solve("Find the mean, standard deviation and variance for the data 2, 4, 4, 6")
    assert small is not None and small.convention == "plain"
    assert small.answer.startswith("The Mean is 4.0, Standard Deviation is 1.414")


def test_no_plain_value_where_the_convention_is_plain() -> None:
    for question in (
        "Solve 2x + 3 = 8",
        "GCD(12,18) =",
        "Volume of cube with a side length of 6m is",
    ):
        found = solve(question)
        assert found is not None and found.plain == "", question


def test_solve_says_the_plain_value_in_one_line() -> None:
    out = cli("solve", "--miner.strategy", "engine", "Solve 5x + 5 = 10 for x")
    assert out.returncode == 0, out.stderr
    assert "Answer: 5" in out.stdout
    notes = [line for line in out.stderr.splitlines() if "plain mathematical value" in line]
    assert len(notes) == 1 and "is 1" in notes[0] and notes[0].startswith("convention: ")
    as_json = cli("solve", "--json", "--miner.strategy", "engine", "Solve 5x + 5 = 10 for x")
    assert json.loads(as_json.stdout)["plain_value"] == "1"
    plain = cli("solve", "--miner.strategy", "engine", "Solve 2x + 3 = 8 for x")
    assert "plain mathematical value" not in plain.stderr


def test_bench_counts_the_conventional_answers(tmp_path: Path) -> None:
    out = cli(
        "bench",
        "--miner.strategy",
        "engine",
        "--topics",
        "power_of_powers",
        "--per-topic",
        "3",
        "--similarity",
        "off",
        "--out",
        str(tmp_path),
    )
    assert out.returncode == 0, out.stderr
    notes = [line for line in out.stderr.splitlines() if "convention" in line]
    assert len(notes) == 1 and notes[0].startswith("note: ")
    records = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text().splitlines()]
    assert all(r.get("plain_value") for r in records if r["form"] == "wrapped")
