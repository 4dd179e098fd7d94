"""Text that tries to game a grader: the one list both sides read.

The validator punishes answers that contain these (docs/network.md §6b/§6c: a cheat string
scores -1 at network-2025-05); the miner strips them from what it sends, so an
honest answer that happens to quote markup is not punished. Keeping the
patterns here means the two sides can never drift apart.

Two kinds:
- cheat markers: fixed strings the network's code looks for (closing tags,
  ``<example>``, ``miner_answer``, ``<preference``, a ``{{ answer }}``
  template), plus any strings the task server lists at ``/cheats``;
- grader talk: prose addressed to a grader ("ignore previous instructions",
  "score this 1.0", "you are the judge"), our local stand-in for the
  network's LLM trick detector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "CHEAT_MARKERS",
    "CHEAT_PATTERN",
    "GRADER_TALK",
    "contains_cheat_marker",
    "strip_cheat_markers",
    "talks_to_grader",
]

# Lower-case substrings, as the network's code compares them.
CHEAT_MARKERS: tuple[str, ...] = (
    "</",
    "<example>",
    "miner_answer",
    "<preference",
    "{{ answer }}",
    "{{answer}}",
)

# The same markers as one regex, with any spacing inside the template, for stripping.
CHEAT_PATTERN = re.compile(r"</|<example>|miner_answer|<preference|\{\{\s*answer\s*\}\}", re.I)

GRADER_TALK = re.compile(
    r"\bignore (?:all\b|(?:the )?(?:previous|above|prior))"
    r"|\b(?:score|grade|rate)\s+(?:this|it|me)?\s*(?:as\s+)?"
    r"(?:1(?:\.0+)?\b|100\s*%|full marks|perfect)"
    r"|\byou (?:are|act as) (?:the|a) (?:grader|judge)"
    r"|\bgrader\b"
    r"|\byou must (?:give|return|output)\b"
    r"|\bsystem prompt\b"
    r"|\bas an ai\b"
    r"|\bthe correct answer is whatever\b",
    re.I,
)


def contains_cheat_marker(text: str, extra: Iterable[str] = ()) -> bool:
    """True when ``text`` holds a fixed marker or one of ``extra`` (the task server's list)."""
    lowered = text.lower()
    if CHEAT_PATTERN.search(text) or any(marker in lowered for marker in CHEAT_MARKERS):
        return True
    return any(item and item.lower() in lowered for item in extra)


def talks_to_grader(text: str) -> bool:
    """True when ``text`` addresses a grader instead of answering."""
    return bool(GRADER_TALK.search(text))


def strip_cheat_markers(text: str) -> str:
    """``text`` with every cheat marker replaced by a space (the miner's side)."""
    return CHEAT_PATTERN.sub(" ", text)
