"""Paraphrase readers for mathgenerator's ``basic_math`` topic."""

from __future__ import annotations

import re

from logicnet.engine.normalise import Normalised
from logicnet.engine.reading import reader, rx
from logicnet.engine.readers.operands import small_int, whole_numbers

T = "basic_math"

_GCD_CALL = rx(r"\b(?:GCD|HCF|gcd)\s*\(\s*(\d+(?:\s*,\s*\d+)+)\s*\)")


@reader(T, "greatest_common_divisor",
        cues=[r"\bGCD\b|\bHCF\b|greatest common (?:divisor|factor)|highest common factor"],
        avoid=[r"\bLCM\b|least common multiple"])
def greatest_common_divisor(n: Normalised) -> str | None:
    call = _GCD_CALL.search(n.text)
    values = whole_numbers(call.group(1)) if call else whole_numbers(n.text)
    if len(values) != 2 or min(values) < 0:
        return None
    return f"GCD({values[0]},{values[1]}) ="


_FACTORIAL = rx(r"(?<![\w.])(\d+)\s*!")
_FACTORIAL_WORDS = rx(r"factorial of (\d+)\b")


@reader(T, "factorial", cues=[r"(?<![\w.])\d+\s*!(?!=)", r"factorial"])
def factorial(n: Normalised) -> str | None:
    found = {m.group(1) for m in _FACTORIAL.finditer(n.text)}
    found |= {m.group(1) for m in _FACTORIAL_WORDS.finditer(n.text)}
    if len(found) != 1:
        return None
    value = small_int(found.pop(), max_digits=3)
    return f"{value}! =" if re.fullmatch(r"\d+", str(value)) else None
