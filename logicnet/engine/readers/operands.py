"""Small operand finders the readers share, with the sanity bounds every reader applies.

A reader must never hand the solvers a number that would keep the interpreter busy:
``MAX_DIGITS`` bounds every integer a reader accepts, so a 5,000-digit number or
``9^9^9^9`` is refused as unrecognised instead of computed.
"""

from __future__ import annotations

import re

__all__ = ["MAX_DIGITS", "NUMBER", "numbers", "small_int", "whole_numbers"]

MAX_DIGITS = 30
# A signed integer or decimal that is not glued to a word on its left ("x2", "log_2").
NUMBER = r"(?<![\w.^_{])-?\d+(?:\.\d+)?(?![\d.]*\d)"
_NUMBER = re.compile(NUMBER)


def numbers(text: str) -> list[str]:
    """Every number in the text, as written (``-3``, ``4.5``)."""
    return _NUMBER.findall(text)


def small_int(text: str, max_digits: int = MAX_DIGITS) -> int:
    """``int(text)``, refusing (ValueError) numbers longer than ``max_digits``."""
    digits = text.lstrip("+-")
    if not digits.isdigit() or len(digits) > max_digits:
        raise ValueError(f"not a bounded integer: {text[:40]!r}")
    return int(text)


def whole_numbers(text: str, max_digits: int = MAX_DIGITS) -> list[int]:
    """The integers of the text (decimals excluded), each bounded by ``max_digits``."""
    return [small_int(x, max_digits) for x in numbers(text) if "." not in x]
