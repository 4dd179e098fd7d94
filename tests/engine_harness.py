"""Shared checks for the engine: draw problems, dress them as validators do, compare.

``check_subtopic(topic, subtopic, n)`` draws ``n`` problems (seeds 0..n-1 plus an
offset), and for each of the three forms a validator may send (raw, wrapped,
wrapped with an inserted letter) asks the engine; it returns the failures as
readable strings so a test can assert the list is empty and show what broke.
"""

from __future__ import annotations

import random

from logicnet.challenges.generate import GeneratorFailed, generate_problem
from logicnet.challenges.wrap import insert_random_letter, wrap_math_question
from logicnet.engine import solve
from logicnet.engine.working import MAX_CHARS

FORMS = ("raw", "wrapped", "lettered")


def dressed(topic: str, subtopic: str, question: str, form: str, seed: int) -> str:
    if form == "raw":
        return question
    wrapped = wrap_math_question(topic, subtopic, question)
    if form == "wrapped":
        return wrapped
    return insert_random_letter(wrapped, random.Random(seed * 7919 + 1))


def check_subtopic(
    topic: str, subtopic: str, n: int = 20, offset: int = 0, forms: tuple[str, ...] = FORMS
) -> list[str]:
    failures: list[str] = []
    for seed in range(offset, offset + n):
        try:
            question, truth = generate_problem(topic, subtopic, seed)
        except GeneratorFailed:
            continue  # the generator crashes on this draw; validators never send it
        for form in forms:
            text = dressed(topic, subtopic, question, form, seed)
            got = solve(text)
            if got is None:
                failures.append(f"{form} seed {seed}: not recognised: {text!r}")
            elif got.answer != truth:
                failures.append(
                    f"{form} seed {seed}: {text!r}: got {got.answer!r}, "
                    f"want {truth!r} (by {got.topic})"
                )
            elif form != "raw" and got.topic != f"{topic}/{subtopic}":
                # Wrapped forms name the subtopic: the right recognizer must have answered.
                failures.append(f"{form} seed {seed}: answered by {got.topic}, not {subtopic}")
            # The working must fit what the validator's embedding reads (~256 word pieces).
            if got is not None and len(got.reasoning) > MAX_CHARS:
                failures.append(f"seed {seed}: reasoning of {len(got.reasoning)} characters")
    return failures
