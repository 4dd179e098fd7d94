"""How validators dress a mathgenerator problem before sending it (SPEC §5, §6b)."""

from __future__ import annotations

import random
import re

__all__ = ["insert_random_letter", "strip_dollars", "topic_label", "wrap_math_question"]

_WORD = re.compile(r"[A-Za-z]{4,}")


def topic_label(name: str) -> str:
    """``basic_math`` -> ``Basic math``."""
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


def strip_dollars(text: str) -> str:
    return text.replace("$", "").strip()


def wrap_math_question(topic: str, subtopic: str, question: str) -> str:
    return (
        "Find the solution of this math problem:\n---\n"
        f"Topic: {topic_label(topic)}, Subtopic: {topic_label(subtopic)}.\n"
        f"{strip_dollars(question)}\n---\n"
    )


def insert_random_letter(text: str, rng: random.Random) -> str:
    """One random lower-case letter inserted inside one word of four or more letters."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    word = rng.choice(words)
    at = rng.randint(word.start() + 1, word.end() - 1)
    return text[:at] + rng.choice("abcdefghijklmnopqrstuvwxyz") + text[at:]
