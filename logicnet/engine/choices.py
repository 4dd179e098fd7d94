"""Questions that list options: "... = 19? A. 6  B. 12  C. 13  D. 26".

No generator asks one, so the stem is answered in plain mathematics
(``core.plain_only``) and the answer is the text of the one option whose value that is:
the network's multiple-choice ground truth is the text of the correct choice
(docs/conventions.md). No option with the value, or more than one: no claim.

Options are read one a line ("A. 6", "(B) 12", "C) 13", "D: 26") or on one line after the
stem ("A. 6 B. 12 C. 13 D. 26"); their letters run from A without a gap, three to five.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

__all__ = ["Offered", "offered"]

_MARK = r"\(?(?P<letter>[A-E])\s*[.):]"
# one a line, "a) 56" too (all letters of one case)
_LINE = re.compile(r"^[ \t>*\-]*\(?(?P<letter>[A-Ea-e])\s*[.):][ \t]+(?P<text>\S[^\n]*?)\s*$", re.M)
_INLINE = re.compile(rf"(?:(?<=\s)|^){_MARK}\s+")
# a stem's closing word that only introduces the options: "Options:", "Choices:"
_INTRO = re.compile(r"\s*\b(?:options|choices|answers)\s*:\s*$", re.I)
# a closing line that is no option: "Answer:", "Choose one."
_TRAILER = re.compile(r"\n\s*(?:answer|choose|select|pick)\b[^\n]*$", re.I)
# an opening that only announces the format: "The following is a multiple choice question."
_ANNOUNCED = re.compile(r"^[^\n.?!]*\bmultiple[- ]choice\b[^\n.?!]*[.:!]?\s*", re.I)


@dataclass(frozen=True)
class Offered:
    stem: str
    options: tuple[tuple[str, str], ...]  # (letter, text)

    def pick(self, value: str) -> tuple[str, str] | None:
        """The one option whose text states ``value``; None for none or several."""
        hits = [(letter, text) for letter, text in self.options if same_value(text, value)]
        return hits[0] if len(hits) == 1 else None


def _in_order(letters: list[str]) -> bool:
    return 3 <= len(letters) <= 5 and letters == list("ABCDE"[: len(letters)])


def offered(question: str) -> Offered | None:
    """The stem and options of a question that lists them, or None."""
    text = _ANNOUNCED.sub("", _TRAILER.sub("", question.strip()), count=1)
    lines = list(_LINE.finditer(text))
    letters = "".join(m.group("letter") for m in lines)
    if lines and (letters.isupper() or letters.islower()) and _in_order(list(letters.upper())):
        stem = _INTRO.sub("", text[: lines[0].start()]).strip()
        tail = text[lines[-1].end() :].strip()
        if stem and not tail:
            options = tuple((m.group("letter").upper(), m.group("text")) for m in lines)
            return Offered(stem, options)
    # all on one line: the markers in order, the stem before "A"
    marks = list(_INLINE.finditer(text))
    starts = [i for i, m in enumerate(marks) if m.group("letter") == "A"]
    for first in starts:
        run = [marks[first]]
        for m in marks[first + 1 :]:
            if m.group("letter") == "ABCDE"[len(run)]:
                run.append(m)
            if len(run) == 5:
                break
        if not _in_order([m.group("letter") for m in run]):
            continue
        stem = _INTRO.sub("", text[: run[0].start()]).strip()
        ends = [m.start() for m in run[1:]] + [len(text)]
        options = tuple(
            (m.group("letter"), text[m.end() : end].strip().rstrip(";,"))
            for m, end in zip(run, ends, strict=True)
        )
        if stem and all(t for _, t in options):
            return Offered(stem, options)
    return None


# ------------------------------------------------------------------ values compared

_WRAPPERS = re.compile(r"\$|\\[()\[\]]|\\left|\\right|\\,|\\!|\s+")
_ASSIGNED = re.compile(r"^[a-z]=(?=[^=]+$)", re.I)
_FRAC = re.compile(r"\\[dt]?frac\{([^{}]+)\}\{([^{}]+)\}")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:/\d+)?")


# a unit or percent sign after a number: "6283 m^3", "36%", "56.5 degrees", "12 cm"
_UNIT = re.compile(
    r"(?<=\d)(?:\\?%|°|degrees?|radians?|units?|(?:square|cubic|sq)?(?:mm|cm|km|m|in|ft)"
    r"(?:\^\{?[23]\}?)?)$"
)


def _canonical(text: str) -> str:
    text = _WRAPPERS.sub("", text).rstrip(".")
    text = re.sub(r"\\sqrt\{([^{}]+)\}", r"√\1", text)
    text = _UNIT.sub("", text) if re.match(r"^-?[\d.]+[^\d.]", text) else text
    text = _FRAC.sub(r"(\1)/(\2)", text)
    text = _ASSIGNED.sub("", text)
    text = re.sub(r"\^\{([^{}]+)\}", r"^\1", text)
    return text.replace("{", "").replace("}", "").replace("*", "").replace("·", "").lower()


def _number(text: str) -> tuple[Fraction, int] | None:
    """The exact value of a plain number and its decimal places; None for anything else."""
    text = text.replace("(", "").replace(")", "")
    if not _NUMBER.fullmatch(text):
        return None
    try:
        if "/" in text:
            top, bottom = text.split("/")
            if Decimal(bottom) == 0:
                return None
            return Fraction(Decimal(top)) / Fraction(Decimal(bottom)), 0
        places = len(text.split(".")[1]) if "." in text else 0
        return Fraction(Decimal(text)), places
    except (InvalidOperation, ValueError, ZeroDivisionError):
        return None


def same_value(option: str, value: str) -> bool:
    """Whether ``option`` states ``value``: the same number (to the fewer decimal places the
    two show, so "3.1416" states "3.14"), or the same expression up to spacing and markup."""
    a, b = _canonical(option), _canonical(value)
    if not a or not b:
        return False
    if a == b:
        return True
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return _same_expression(a, b)  # "2^9" states 512; "6x" states "6x^{1}"
    places = min(x[1], y[1])  # "6" against "6.0" or "6.4": compared exactly
    return abs(x[0] - y[0]) <= Fraction(1, 2 * 10**places) if places else x[0] == y[0]


# An expression sympy may read safely: digits, one-letter variables, operators, brackets,
# and exponents of at most three digits ("x^{1}" and "x" are the same polynomial).
_EXPRESSION = re.compile(r"[0-9a-z+\-*/^().]{1,80}")
_BIG_POWER = re.compile(r"\^\(?\d{4,}|[a-z]{2,}")


def _same_expression(a: str, b: str) -> bool:
    """Whether two short polynomial-like expressions are equal (sympy, expanded)."""
    if not (_EXPRESSION.fullmatch(a) and _EXPRESSION.fullmatch(b)):
        return False
    if _BIG_POWER.search(a) or _BIG_POWER.search(b):
        return False  # a power too large to expand, or a word, not a variable
    from sympy import SympifyError, expand
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    rules = (*standard_transformations, implicit_multiplication_application, convert_xor)
    try:
        left = parse_expr(a, transformations=rules, evaluate=True)
        right = parse_expr(b, transformations=rules, evaluate=True)
        return bool(expand(left - right) == 0)
    except (SympifyError, SyntaxError, TypeError, ValueError, ZeroDivisionError):
        return False
