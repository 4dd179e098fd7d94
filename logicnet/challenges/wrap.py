"""How validators dress a mathgenerator problem before sending it (docs/network.md §5, §6b, §6c)."""

from __future__ import annotations

import random
import re
import string

__all__ = ["insert_random_letter", "strip_dollars", "topic_label", "wrap_math_question"]

# The network's word rule (docs/network.md §6c): ``\w`` counts digits and ``_``, so numbers
# qualify too.
_WORD = re.compile(r"\b\w{4,}\b")


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
    """One random lower-case letter inserted the way the network's validators do it.

    A word (``\\b\\w{4,}\\b``, so ``1943`` qualifies) is drawn from all such words, a letter
    goes in at position 1..len-2 (never first, never before the last character), and the
    FIRST occurrence of that word in the text changes, even when it sits inside a longer word
    (drawing ``test`` can edit ``tested`` earlier in the text). A text with no such word is
    returned unchanged.
    """
    words = _WORD.findall(text)
    if not words:
        return text
    word = rng.choice(words)
    at = rng.randint(1, len(word) - 2)
    edited = word[:at] + rng.choice(string.ascii_lowercase) + word[at:]
    return text.replace(word, edited, 1)
