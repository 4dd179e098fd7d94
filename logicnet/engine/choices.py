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
_INTRO = re.compile(r"\b(?:options|choices|answers)\s*:$", re.I)
# a closing line that is no option: "Answer:", "Choose one."
_TRAILER = re.compile(r"^[ \t]*(?:answer|choose|select|pick)\b[^\n]*$", re.I)
# an opening sentence that only announces the format: "The following is a multiple choice
# question." (a whole sentence: "Multiple choice: what is ...?" keeps its question)
_ANNOUNCED = re.compile(r"^[^\n.?!:]*\bmultiple[- ]choice\b[^\n.?!:]*\.\s*", re.I)
# a letter that names a point, side or angle of a figure, not an option: "angle A: 90"
_NAMED = re.compile(r"(?:angle|point|side|vertex|vertices|corner|matrix|set|line)s?\s*$", re.I)
MAX_MARKS = 40  # more lettered markers than that: no list of options


@dataclass(frozen=True)
class Offered:
    stem: str
    options: tuple[tuple[str, str], ...]  # (letter, text)

    def pick(self, value: str) -> tuple[str, str] | None:
        """The one option whose text states ``value``; None for none or several.

        An option equal to the value wins over one that states it less precisely ("2.33"
        over "2.3"). An option more precise than the value and within its rounding ("37.70"
        beside a value of 38) means the value may be rounded: no claim."""
        exact = [o for o in self.options if same_value(o[1], value, exact=True)]
        if any(_finer_near(text, value) for _, text in self.options):
            return None
        if exact:
            return exact[0] if len(exact) == 1 else None
        near = [o for o in self.options if same_value(o[1], value)]
        return near[0] if len(near) == 1 else None


def _in_order(letters: list[str]) -> bool:
    return 3 <= len(letters) <= 5 and letters == list("ABCDE"[: len(letters)])


def _without_trailer(text: str) -> str:
    head, _, last = text.rpartition("\n")
    return head.rstrip() if head and _TRAILER.match(last) else text


def _stem(text: str) -> str:
    text = text.rstrip()
    found = _INTRO.search(text)
    return (text[: found.start()] if found else text).strip()


def offered(question: str) -> Offered | None:
    """The stem and options of a question that lists them, or None."""
    text = _ANNOUNCED.sub("", _without_trailer(question.strip()), count=1)
    lines = list(_LINE.finditer(text))
    letters = "".join(m.group("letter") for m in lines)
    if lines and (letters.isupper() or letters.islower()) and _in_order(list(letters.upper())):
        stem = _stem(text[: lines[0].start()])
        tail = text[lines[-1].end() :].strip()
        if stem and not tail:
            options = tuple((m.group("letter").upper(), m.group("text")) for m in lines)
            return Offered(stem, options)
    # all on one line: the markers in order, the stem before "A"
    marks = [m for m in _INLINE.finditer(text) if not _NAMED.search(text, 0, m.start())]
    if len(marks) > MAX_MARKS:
        return None
    starts = [i for i, m in enumerate(marks) if m.group("letter") == "A"]
    for first in starts:
        run = [marks[first]]
        for m in marks[first + 1 :]:
            if m.group("letter") == "A":
                break  # another run starts: this one is over
            if m.group("letter") == "ABCDE"[len(run)]:
                run.append(m)
            if len(run) == 5:
                break
        if not _in_order([m.group("letter") for m in run]):
            continue
        stem = _stem(text[: run[0].start()])
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
    text = re.sub(r"\^\{(\d+)\}", r"^\1", text)
    text = re.sub(r"\^\{([^{}]+)\}", r"^(\1)", text)  # "2^{3+1}" is 2^(3+1)
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


def same_value(option: str, value: str, exact: bool = False) -> bool:
    """Whether ``option`` states ``value``: the same number (to the fewer decimal places the
    two show, so "3.1416" states "3.14"; ``exact``: equal), or the same expression up to
    spacing, markup and units, or of the same value (``_same_expression``)."""
    a, b = _canonical(option), _canonical(value)
    if not a or not b:
        return False
    if a == b:
        return True
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return _same_expression(a, b)  # "2^9" states 512; "6x" states "6x^{1}"
    if exact:
        return x[0] == y[0]
    places = min(x[1], y[1])  # "6" against "6.0" or "6.4": compared exactly
    return abs(x[0] - y[0]) <= Fraction(1, 2 * 10**places) if places else x[0] == y[0]


def _finer_near(option: str, value: str) -> bool:
    """Whether ``option`` is a number more precise than ``value`` and within its rounding:
    "37.70" beside 38, so 38 may be 37.70 rounded."""
    x, y = _number(_canonical(option)), _number(_canonical(value))
    if x is None or y is None or x[1] <= y[1] or x[0] == y[0]:
        return False
    return abs(x[0] - y[0]) <= Fraction(1, 2 * 10 ** y[1])


# An expression sympy may read safely: digits, one-letter variables, operators and brackets,
# and exponents of one or two digits ("x^{1}" and "x" are the same polynomial). Anything
# else (a tower, a three-digit exponent, a word) is compared as text only.
_EXPRESSION = re.compile(r"[0-9a-z+\-*/^().]{1,60}")
_EXPONENT = re.compile(r"\^(?!\(?\d{1,2}\)?(?![\d^]))")
_WORD = re.compile(r"[a-z]{2,}|\de|e\d|\d\.?\d*\.\d")  # a word, "1e9999", "1.2.3"
_POINTS = (Fraction(2, 7), Fraction(3, 5), Fraction(11, 13))


def _same_expression(a: str, b: str) -> bool:
    """Whether two short expressions have the same value at a few rational points (sympy
    parses them unevaluated and nothing is expanded; with exponents of two digits at most,
    six of them, the exact arithmetic is bounded by their size)."""
    for text in (a, b):
        if not _EXPRESSION.fullmatch(text) or _EXPONENT.search(text) or _WORD.search(text):
            return False
        if text.count("^") > 6:
            return False
    from tokenize import TokenError

    from sympy import Rational, Symbol, SympifyError
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    rules = (*standard_transformations, implicit_multiplication_application, convert_xor)
    try:
        left = parse_expr(a, transformations=rules, evaluate=False)
        right = parse_expr(b, transformations=rules, evaluate=False)
        names = sorted({str(s) for s in left.free_symbols | right.free_symbols})
        if len(names) > 3:
            return False
        for point in _POINTS:
            values = {
                Symbol(n): Rational(point.numerator + k, point.denominator)
                for k, n in enumerate(names)
            }
            # exact rational arithmetic: integer exponents of at most two digits
            difference = (left - right).subs(values).doit()
            if difference != 0:
                return False
        return True
    except (
        SympifyError,
        SyntaxError,
        TokenError,
        TypeError,
        ValueError,
        AttributeError,
        IndexError,
        ArithmeticError,
        RecursionError,
    ):  # a parse or an evaluation sympy cannot do: not the same
        return False
