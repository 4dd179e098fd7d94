"""Small operand finders the readers share, with the sanity bounds every reader applies.

``MAX_DIGITS`` bounds every integer a reader accepts and ``MAX_ITEMS`` every list, so a
5,000-digit number is refused as unrecognised instead of read. Both come from the
engine's one table (``logicnet.engine.bounds``); what a solver then computes from the
operands is checked there too, whichever path rendered the question.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from typing import TypeVar

from logicnet.engine.bounds import READ_DIGITS, READ_ITEMS

__all__ = [
    "MAX_DIGITS",
    "MAX_ITEMS",
    "NUMBER",
    "fractions",
    "int_lists",
    "matrices",
    "numbers",
    "alone",
    "data_list",
    "main_polynomial",
    "one",
    "polynomials",
    "small_int",
    "whole_numbers",
]

MAX_DIGITS = READ_DIGITS
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


H = TypeVar("H", bound=Hashable)
MAX_ITEMS = READ_ITEMS  # entries of one list or matrix a reader accepts

_LIST = re.compile(r"\[\s*(-?\d+(?:\s*,\s*-?\d+)*)\s*\]")
_ROW_LISTS = re.compile(r"\[\s*(\[[^\[\]]*\](?:\s*,?\s*\[[^\[\]]*\])+)\s*\]")
_BMATRIX = re.compile(r"\\begin\{[bpv]?matrix\}(.*?)\\end\{[bpv]?matrix\}", re.S)
_ROWS_PROSE = re.compile(
    r"\br[a-z]?o[a-z]?w[a-z]?s?\b[^\[\]]{0,40}?"
    r"(\[[^\[\]]*\](?:\s*(?:,|and|,\s*and|then)?\s*\[[^\[\]]*\])+)",
    re.I,
)
# "with rows (6, 10) and (1, 6)", "whose rows are (1, 0), (5, 1) and (1, 3)": tuples named rows
_TUPLE = r"\(\s*-?\d+(?:\s*,\s*-?\d+)+\s*\)"
_ROWS_TUPLES = re.compile(
    r"\br[a-z]?o[a-z]?w[a-z]?s?\b[^\[\]()]{0,40}?"
    rf"({_TUPLE}(?:\s*(?:,|and|,\s*and|then|;)?\s*{_TUPLE})+)",
    re.I,
)
# A determinant's bars, one row each: "| 99 54 | | 85 97 |" (numbers apart, no operator)
_BAR_ROWS = re.compile(
    # possessive: a long bar or bracket that never closes must not backtrack
    r"(?:\|\s*+-?\d++(?:\s++-?\d++)++\s*+\|\s*+){2,}"
    r"|(?:\[\s*+-?\d++(?:\s++-?\d++)++\s*+\]\s*+){2,}"
)
_BAR_ROW = re.compile(r"[|\[]([^|\[\]]*)[|\]]")
# "whose first row is (3, 8) and second row is (4, 6)": each row named on its own
_NAMED_ROW = re.compile(
    r"\b(?:first|second|third|fourth|fifth|top|middle|bottom|1st|2nd|3rd|4th|5th)\s+row\s*"
    r"(?:is|=|:|of)?\s*(?:\(([^()]*)\)|\[([^\[\]]*)\])",
    re.I,
)
_FRAC = re.compile(
    r"\\frac\s*\{\s*(-?\d+)\s*\}\s*\{\s*(-?\d+)\s*\}"
    r"|(?<![\w.^/])(-?\d+)\s*/\s*(\d+)(?!\w|\.\d|\s*x)"
)
# One term of a polynomial in x: "4x^{3}", "4x^3", "4*x^3", "x", "-x^2", "7"
_TERM = (
    r"(?:\d+\s*\*?\s*)?x(?![A-Za-z])(?:\s*\^\s*(?:\{\s*\d+\s*\}|\d+))?(?![A-Za-z])"
    r"|\d+(?!\d|\.\d|\s*[x(*^]|[A-Za-z])"
)
_POLY = re.compile(rf"(?<![\w.^{{])[-+]?\s*(?:{_TERM})(?:\s*[-+]\s*(?:{_TERM}))*")
_ONE_TERM = re.compile(r"([-+]?)\s*(?:(\d+)\s*\*?\s*)?(x)?(?:\s*\^\s*\{?\s*(\d+)\s*\}?)?")


def one(values: Iterable[H]) -> H | None:
    """The single distinct value, or None when there are none or several."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def int_lists(text: str, max_digits: int = MAX_DIGITS) -> list[list[int]]:
    """Every flat bracketed list of integers: ``[1, -2, 3]`` -> [1, -2, 3]."""
    out = []
    for m in _LIST.finditer(text):
        items = [small_int(x.strip(), max_digits) for x in m.group(1).split(",")]
        if len(items) > MAX_ITEMS:
            raise ValueError("list too long")
        out.append(items)
    return out


def _rows(cells: list[list[int]]) -> list[list[int]] | None:
    if not cells or len({len(r) for r in cells}) != 1 or len(cells) * len(cells[0]) > MAX_ITEMS:
        return None
    return cells


def matrices(text: str) -> list[list[list[int]]]:
    """Integer matrices written as bmatrix, as ``[[1, 2], [3, 4]]`` or in prose by rows."""
    found: list[list[list[int]]] = []
    for m in _BMATRIX.finditer(text):
        body = m.group(1).strip()
        rows = [r for r in re.split(r"\\\\", body) if r.strip()]
        cells = [[small_int(c.strip()) for c in row.split("&")] for row in rows]
        if (good := _rows(cells)) is not None:
            found.append(good)
    if found:
        return found
    for pattern in (_ROW_LISTS, _ROWS_PROSE):
        for m in pattern.finditer(text):
            cells = int_lists(m.group(1))
            if (good := _rows(cells)) is not None and len(good) > 1:
                found.append(good)
        if found:
            return found
    for m in _ROWS_TUPLES.finditer(text):
        cells = int_lists(re.sub(r"\(([^()]*)\)", r"[\1]", m.group(1)))
        if (good := _rows(cells)) is not None and len(good) > 1:
            found.append(good)
    if found:
        return found
    named = [a or b for a, b in _NAMED_ROW.findall(text)]
    if len(named) > 1:
        cells = [[small_int(c.strip()) for c in row.split(",")] for row in named]
        if (good := _rows(cells)) is not None:
            return [good]
    for m in _BAR_ROWS.finditer(text):
        cells = [[small_int(c) for c in row.split()] for row in _BAR_ROW.findall(m.group(0))]
        if (good := _rows(cells)) is not None:
            found.append(good)
    return found


def fractions(text: str) -> list[tuple[int, int]]:
    """``\\frac{3}{4}`` and ``3/4`` as (numerator, denominator), in order."""
    out = []
    for m in _FRAC.finditer(text):
        num, den = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        out.append((small_int(num), small_int(den)))
    return out


_CONTINUES = re.compile(r"\s*[-+]\s*[\d(\\]|\s*[*/^]|[-+][A-Za-z]")


def polynomials(text: str, max_exp: int = 50) -> list[list[tuple[int, int]]]:
    """Polynomials in x as [(coefficient, exponent), ...] in written order (signs kept).

    Only expressions with at least one x term count; a lone number is not a polynomial.
    """
    out = []
    for m in _POLY.finditer(text):
        expr = m.group(0)
        if "x" not in expr:
            continue
        before, after, head = text[: m.start()].rstrip(), text[m.end() :], expr.lstrip()[:1]
        if (
            head == "+"
            or (head == "-" and before[-1:].isalnum())
            or before[-1:] in ("^", "*", "/")
            or _CONTINUES.match(after)
        ):
            # a fragment: the expression goes on with something that is not a term
            # ("5xs^10 + 3x^2"), so reading only the terms would answer another question
            raise ValueError("polynomial with an unreadable part")
        terms = []
        for part in re.findall(r"[-+]?\s*[^-+]+", expr):
            t = _ONE_TERM.fullmatch(part.strip())
            if t is None or not (t.group(2) or t.group(3)):
                break
            sign = -1 if t.group(1) == "-" else 1
            coef = small_int(t.group(2)) if t.group(2) else 1
            exp = (int(t.group(4)) if t.group(4) else 1) if t.group(3) else 0
            if exp > max_exp:
                raise ValueError("exponent too large")
            terms.append((sign * coef, exp))
        else:
            out.append(terms)
    return out


def main_polynomial(text: str, max_exp: int = 50) -> list[tuple[int, int]] | None:
    """The one polynomial the text is about; a bare ``x`` ("with respect to x") is ignored."""
    polys = {tuple(p) for p in polynomials(text, max_exp) if p not in ([(1, 1)], [(1, 0)])}
    # a term quoted again on its own ("including the 6x^{1} term") is part of the polynomial
    whole = [p for p in polys if not any(q != p and _inside(p, q) for q in polys)]
    return list(whole[0]) if len(whole) == 1 else None


def _inside(part: tuple[tuple[int, int], ...], whole: tuple[tuple[int, int], ...]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


_RUN = re.compile(
    r"(?<![\w.\-])-?\d+(?:\s*,\s*-?\d+){2,}(?:\s*,?\s*(?:and|&)\s*-?\d+)?"
    r"(?!\d|\.\d|\s*,\s*-?\d|\s*,?\s*(?:and|&)\s*-?\d)"
)


def data_list(text: str, min_items: int = 3) -> list[int] | None:
    """The one data set of the text: a bracketed list, or else a comma-separated run."""
    lists = [x for x in int_lists(text) if len(x) >= min_items]
    if not lists:
        runs = _RUN.findall(text)
        lists = [[small_int(v) for v in re.findall(r"-?\d+", r)] for r in runs]
        lists = [x for x in lists if len(x) >= min_items]
    distinct = {tuple(x) for x in lists}
    if len(distinct) != 1:
        return None
    data = list(distinct.pop())
    return data if len(data) <= MAX_ITEMS else None


_OP_AFTER = re.compile(r"\s*(?:[-+*/^]|plus\b|minus\b|times\b|divided\b)\s*[\d(|\\]", re.I)
_OP_BEFORE = re.compile(r"[\d)|]\s*(?:[-+*/^]|plus|minus|times)\s*$", re.I)


def alone(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` is a whole expression: "2^10 - 1" or "3 + |a - b|" is more than it."""
    return (
        _OP_AFTER.match(text, match.end()) is None
        and _OP_BEFORE.search(text[max(0, match.start() - 12) : match.start()]) is None
    )
