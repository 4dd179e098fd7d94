"""The embedded math engine: mathgenerator problems solved exactly, with no LLM.

    from logicnet.engine import solve
    solve("Find the solution of this math problem: ... 8x + 5 = 6 ...")
    -> EngineAnswer(topic="algebra/basic_algebra", answer="1/8", reasoning="...")

``solve`` returns None for anything it does not recognise with certainty.
Families live in ``logicnet.engine.families``, one module per mathgenerator topic.
"""

from __future__ import annotations

from dataclasses import replace

from logicnet.engine.choices import Offered, offered
from logicnet.engine.core import GENERATOR, PLAIN, EngineAnswer, admit, plain_only, solve_text
from logicnet.engine.families import load_all
from logicnet.engine.reading import read_question
from logicnet.engine.working import present

__all__ = ["GENERATOR", "PLAIN", "EngineAnswer", "solve"]


def _answer(question: str) -> EngineAnswer | None:
    """The generator's own wording first (exact recognizers), then a paraphrase's reading."""
    found = solve_text(question)
    return found if found is not None else read_question(question)


def solve(question: str) -> EngineAnswer | None:
    """The question's answer with its working, or None when the engine is not certain.

    A question that lists options is answered with the text of the option whose value the
    stem has in plain mathematics (``choices``); none or several: None."""
    load_all()
    text = admit(question)  # the bounds first: the options are read only in a bounded text
    choice = None if text is None else offered(text)
    picked = None if choice is None else _choose(choice)
    if picked is not None:
        return picked
    # no options, or lettered givens that are no options ("angles A: 90, B: 80, C: 100"):
    # the question as it stands (a real list of options is refused there)
    found = _answer(question)
    return None if found is None else replace(found, reasoning=present(found))


def _choose(choice: Offered) -> EngineAnswer | None:
    with plain_only():
        found = _answer(choice.stem)
    if found is None:
        return None
    picked = choice.pick(found.answer)
    if picked is None:
        return None
    letter, text = picked
    found = replace(found, answer=text, convention=PLAIN)
    body, closing = present(found).rsplit("\n\n", 1)
    said = f"Of the options, {letter} ({text}) is this value."
    return replace(found, reasoning=f"{body}\n\n{said}\n\n{closing}")
