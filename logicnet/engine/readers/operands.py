"""Small operand finders the readers share, with the sanity bounds every reader applies.

``MAX_DIGITS`` bounds every integer a reader accepts and ``MAX_ITEMS`` every list, so a
5,000-digit number is refused as unrecognised instead of read. Both come from the
engine's one table (``logicnet.engine.bounds``); what a solver then computes from the
operands is checked there too, whichever path rendered the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from logicnet.engine.bounds import READ_DIGITS, READ_ITEMS
from logicnet.engine.problem import Unreadable
from logicnet.engine.reading import rx

__all__ = [
    "MAX_DIGITS",
    "MAX_ITEMS",
    "NUMBER",
    "Table",
    "fractions",
    "int_lists",
    "line_matrices",
    "matrices",
    "matrix_layouts",
    "numbers",
    "alone",
    "blank_spans",
    "data_list",
    "main_polynomial",
    "markdown_tables",
    "one",
    "polynomials",
    "row_cells",
    "said_plus",
    "small_int",
    "stated_dims",
    "vector_layouts",
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
    """``int(text)``, refusing (``Unreadable``) numbers longer than ``max_digits``."""
    digits = text.lstrip("+-")
    if not digits.isdigit() or len(digits) > max_digits:
        raise Unreadable(f"not a bounded integer: {text[:40]!r}")
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
            raise Unreadable("list too long")
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
            raise Unreadable("polynomial with an unreadable part")
        terms = []
        for part in re.findall(r"[-+]?\s*[^-+]+", expr):
            t = _ONE_TERM.fullmatch(part.strip())
            if t is None or not (t.group(2) or t.group(3)):
                break
            sign = -1 if t.group(1) == "-" else 1
            coef = small_int(t.group(2)) if t.group(2) else 1
            exp = (int(t.group(4)) if t.group(4) else 1) if t.group(3) else 0
            if exp > max_exp:
                raise Unreadable("exponent too large")
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


# ------------------------------------------------------------ operands by layout, with spans
#
# ``matrix_layouts`` and ``vector_layouts`` find matrices and vectors however a paraphrase
# lays them out (brackets, tuples, bullet rows "Row 1: 3, 5", prose "whose first row is 3
# and 5", "top row ... bottom row ...", i/j/k components) and say where each one lies, so a
# reader can tell the numbers outside them (a scalar, a count) from their entries. A layout
# that cannot be read for sure (rows named out of order, separators mixed) raises
# ValueError: the reader then refuses rather than guess.

Span = tuple[int, int]

# One entry: an integer, not the start of a decimal or of a fraction ("3/4"; "1 0 / 6 2" is
# two rows apart), nor glued to a word ("3x", the "3-" of a number word normalise left half
# read, "3-hqalves")
_CELL = r"-?\d+(?![\d.]*\d|/\s*\d|[A-Za-z_]|-[A-Za-z])"
_CELL_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+|\s*&\s*|\s+)"
_SEQ = rf"{_CELL}(?:{_CELL_SEP}{_CELL})*"
_ROW_BODY = rf"(?:\[\s*({_SEQ})\s*\]|\(\s*({_SEQ})\s*\)|(?<![\w.^/])({_SEQ}))"
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "top": 1,
    "second": 2,
    "2nd": 2,
    "middle": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
    "bottom": 0,  # the last row, whichever its number
    "last": 0,
}
# (the words tolerate the one letter a validator may insert, as the readers' cues do)
_ORDINAL_ROW = rx(
    rf"\b({'|'.join(_ORDINALS)})\s+row\b\s*"
    r"(?:(?:is|are|reads|contains|has|holds|being|of|with|=|:)\s*)?"
    r"(?:(?:the\s+)?(?:numbers|entries|values|elements)\s*)?" + _ROW_BODY
)
# "with entries 20 and 4 in its first row": the row's entries before its name
_ROW_NAMED_AFTER = rx(
    rf"(?<![\w.^/])({_SEQ})\s+(?:in|on|for|as|form(?:ing)?)\s+(?:its|the|their)\s+"
    rf"({'|'.join(_ORDINALS)})\s+row\b"
)
# "Row 1: 3, 5", "row 2 = [4, 6]", "Row 3 is 7 8 9": a number, then a separator (not "-")
_NUMBERED_ROW = rx(
    r"\brow\s*#?\s*(\d{1,2})(?:\s*[:=)]|\s+(?:is|reads|contains|has|are)\b)\s*" + _ROW_BODY
)
_LIST_SEP = r"\s*(?:,\s*and|,|;|/|and|then)?\s*"
_BRACKET_ROW = rf"\[\s*{_SEQ}\s*\]"
_PAREN_ROW = rf"\(\s*{_SEQ}\s*\)"
_ROWS_WORD = r"\br[a-z]?o[a-z]?w[a-z]?s?\b"  # "row" is too short for rx: the letter spelled out
_ROW_RUN = rf"({_BRACKET_ROW}(?:{_LIST_SEP}{_BRACKET_ROW})+)"
_TUPLE_RUN = rf"({_PAREN_ROW}(?:{_LIST_SEP}{_PAREN_ROW})+)"
_SEQ_RUN = rf"((?<![\w.^/]){_SEQ}(?:\s*[;/|]\s*(?:and\s+)?{_SEQ})+)"
# "rows 32, -15 and -77, -5": rows of commas, one "and" (or ";") between rows
_COMMA_ROW = rf"{_CELL}(?:\s*,\s*{_CELL})+"
_AND_ROW_SPLIT = r"\s*(?:;\s*(?:and\b)?|,?\s*\band\b)\s*"
_AND_RUN = rf"((?<![\w.^/]){_COMMA_ROW}(?:{_AND_ROW_SPLIT}{_COMMA_ROW})+)(?!\s*,\s*-?\d)"
# right after a run of rows: another row, in a shape the run did not take ("; and 3, 1")
_MORE_ROWS = re.compile(r"\s*+(?:[;/|,]\s*+)?(?:and\s+|then\s+)?[\[(]?\s*+-?\d")
_SPLIT_ROWS = r"\s*[;/|]\s*(?:and\s+)?"
# (pattern, what splits its rows when they are not bracketed)
_LAYOUTS = [
    # [[1, 2], [3, 4]] and MATLAB's [1 2; 3 4]
    (re.compile(rf"\[\s*({_BRACKET_ROW}(?:\s*,?\s*{_BRACKET_ROW})+)\s*\]"), None),
    (re.compile(rf"\(\s*({_PAREN_ROW}(?:\s*,?\s*{_PAREN_ROW})+)\s*\)"), None),  # ((1, 2), (3, 4))
    (re.compile(rf"[\[(]\s*({_SEQ}(?:\s*;\s*{_SEQ})+)\s*[\])]"), _SPLIT_ROWS),
    # "rows: [1, 2]; [3, 4]", "with rows (6, 10) and (1, 6)", "rows are 1 0 / 6 2"
    (re.compile(rf"{_ROWS_WORD}[^\[\]]{{0,40}}?{_ROW_RUN}", re.I), None),
    (re.compile(rf"{_ROWS_WORD}[^\[\]()]{{0,40}}?{_TUPLE_RUN}", re.I), None),
    # (possessive spaces: a blanked layout leaves a long run of them, and three greedy
    # ``\s*`` in a row try every split of it)
    (rx(rf"{_ROWS_WORD}\s*+(?:are|r|is|=|:)?\s*+:?\s*+{_SEQ_RUN}"), _SPLIT_ROWS),
    (rx(rf"{_ROWS_WORD}\s*+(?:are|r|is|=|:|of)?\s*+:?\s*+{_AND_RUN}"), _AND_ROW_SPLIT),
]
# Rows one after another with nothing but space or ";" between: "[5, 1] [12, 3]", "[7 5]\n[1 6]"
_BRACKET_RUN = re.compile(rf"{_BRACKET_ROW}(?:\s*;?\s*{_BRACKET_ROW})+")


def row_cells(seq: str) -> list[int]:
    """The entries of one row, ``"3, -5 and 7"`` -> [3, -5, 7]; mixed separators refused."""
    items = re.findall(r"-?\d+", seq)
    kinds = []
    for sep in re.split(r"-?\d+", seq)[1:-1]:
        kinds.append("comma" if "," in sep else ("and" if re.search(r"and|&", sep) else "space"))
    if kinds and not (
        all(k == "space" for k in kinds)
        or all(k == "comma" for k in kinds)
        or (kinds[-1] == "and" and all(k == "comma" for k in kinds[:-1]))
        or all(k == "and" for k in kinds)
    ):
        raise Unreadable(f"a row with mixed separators: {seq[:40]!r}")
    if len(items) > MAX_ITEMS:
        raise Unreadable("row too long")
    return [small_int(x) for x in items]


def _body(m: re.Match[str], first: int) -> str:
    return next(g for g in m.groups()[first : first + 3] if g is not None)


def _grouped_rows(
    matches: list[re.Match[str]], index: Callable[[str], int], after: bool = False
) -> list[tuple[list[list[int]], Span]]:
    """Rows named one by one, grouped into matrices: row 1 starts one, the next must follow.

    ``after``: the entries come before the row's name ("3 and 5 in its first row")."""
    out: list[tuple[list[list[int]], Span]] = []
    rows: list[list[int]] = []
    start = end = 0
    closed = True
    for m in matches:
        k = index(m.group(2) if after else m.group(1))
        if k == 1:
            if rows:
                out.append((rows, (start, end)))
            rows, start, closed = [], m.start(), False
        elif closed or (k != 0 and k != len(rows) + 1):
            raise Unreadable("rows named out of order")
        rows.append(row_cells(m.group(1) if after else _body(m, 1)))
        end = m.end()
        closed = k == 0
    if rows:
        out.append((rows, (start, end)))
    return out


def _ordinal(word: str) -> int:
    """The row an ordinal names: "second" -> 2, "bottom" -> 0 (the last); "secofnd" too."""
    word = word.lower()
    for i in range(len(word) + 1):
        if word[:i] + word[i + 1 :] in _ORDINALS:
            return _ORDINALS[word[:i] + word[i + 1 :]]
    raise Unreadable(word)


def _blank(text: str, span: Span) -> str:
    return text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]


def matrix_layouts(text: str) -> list[tuple[list[list[int]], Span]]:
    """Every integer matrix of the text with its span, in text order, whatever its layout.

    A layout found first (LaTeX, nested brackets, rows after "rows", numbered rows, rows
    named by ordinal, runs of bracketed rows, determinant bars) blanks its text for the
    next, so one matrix is never read twice. Ragged rows raise ValueError.
    """
    found: list[tuple[list[list[int]], Span]] = []
    rest = text

    def keep(rows: list[list[int]], span: Span) -> None:
        nonlocal rest
        if _rows(rows) is None:
            raise Unreadable("ragged or oversized matrix")
        found.append((rows, span))
        rest = _blank(rest, span)

    for m in _BMATRIX.finditer(rest):
        body = m.group(1).strip()
        cells = [[small_int(c.strip()) for c in row.split("&")] for row in re.split(r"\\\\", body)]
        keep([r for r in cells if r] if all(cells) else cells, m.span())
    for i, (pattern, split) in enumerate(_LAYOUTS):
        for m in pattern.finditer(rest):
            if _MORE_ROWS.match(rest, m.end()):
                raise Unreadable("rows go on past the layout read")  # a row would be lost
            inner = m.group(1)
            if split:
                rows = [row_cells(r) for r in re.split(split, inner.strip())]
            else:
                rows = [row_cells(r) for r in re.findall(r"[\[(]([^\[\]()]*)[\])]", inner)]
            keep(rows, m.span() if i < 3 else m.span(1))  # "rows" itself is no entry
    for rows, span in _grouped_rows(list(_NUMBERED_ROW.finditer(rest)), int):
        keep(rows, span)
    for rows, span in _grouped_rows(list(_ORDINAL_ROW.finditer(rest)), _ordinal):
        keep(rows, span)
    for rows, span in _grouped_rows(list(_ROW_NAMED_AFTER.finditer(rest)), _ordinal, True):
        keep(rows, span)
    for m in _BRACKET_RUN.finditer(rest):
        keep([row_cells(r) for r in re.findall(r"\[([^\[\]]*)\]", m.group(0))], m.span())
    for m in _BAR_ROWS.finditer(rest):
        bars = _BAR_ROW.findall(m.group(0))
        keep([[small_int(c) for c in row.split()] for row in bars], m.span())
    return sorted(found, key=lambda f: f[1])


# "3x3", "2 by 2", "2-by-2", "(3 * 3)", "2 rows and 3 columns": a size the text states
_STATED_DIMS = rx(
    r"(?<![\w.\-])(\d{1,2})\s*(?:x|by|\*|-by-)\s*(\d{1,2})(?![\w.])"
    rf"|(?<![\w.])(\d{{1,2}})\s*{_ROWS_WORD}\s*(?:and|by|x|\*|,)?\s*(\d{{1,2}})\s*"
    r"(?:columns?|cols?)\b"
)


def stated_dims(text: str) -> list[tuple[tuple[int, int], Span]]:
    """The matrix sizes the text names ("a 2x3 matrix", "(4 rows × 2 columns)"), with spans."""
    out = []
    for m in _STATED_DIMS.finditer(text):
        r, c = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        out.append(((int(r), int(c)), m.span()))
    return out


_UNIT_VECTOR = re.compile(r"\\(?:hat|mathbf|vec|boldsymbol)\s*\{?\s*([ijk])\s*\}?")
# Each run of spaces is crossed by one \s* only, and a match starts on a sign, digit or unit:
# a blanked matrix leaves long runs of spaces, where \s*\d*\s* would try every split.
_IJK_TERM = r"(?:\d+\s*)?(?:\*\s*)?[ijk](?![\w^({])"
_IJK = re.compile(
    rf"(?<![\w.^])(?=[-+\d*ijk])[-+]?\s*{_IJK_TERM}(?:\s*[-+]\s*{_IJK_TERM})+(?!\s*[*/^(\d])"
)
_VECTOR_FORMS = [
    re.compile(rf"\[\s*({_SEQ})\s*\]"),
    re.compile(rf"[(<⟨]\s*({_CELL}(?:\s*,\s*{_CELL})+)\s*[)>⟩]"),
    # "the vector with components 7, -8 and 4", "entries 5 and 1"
    rx(
        r"\b(?:components?|entries|coordinates|elements)\b\s*(?:of\s+)?(?:are\s+|is\s+|:\s*|=\s*)?"
        rf"((?<![\w.^/]){_CELL}(?:\s*,\s*(?:and\s+)?{_CELL}|\s+and\s+{_CELL})+)"
    ),
]


def _ijk(expr: str) -> list[int] | None:
    coef: dict[str, int] = {}
    for sign, digits, unit in re.findall(r"([-+]?)\s*(\d*)\s*\*?\s*([ijk])", expr):
        if unit in coef or any(u > unit for u in coef):
            return None  # a unit twice, or out of order: not a vector in i, j, k
        coef[unit] = (small_int(digits) if digits else 1) * (-1 if sign == "-" else 1)
    if not any(re.search(rf"\d\s*\*?\s*{u}", expr) for u in coef):
        return None  # "i - j" in chatter, no coefficient at all
    return [coef.get(u, 0) for u in ("ijk" if "k" in coef else "ij")]


def vector_layouts(text: str) -> list[tuple[list[int], Span]]:
    """Every integer vector of the text with its span, in text order: ``[1, 2, 3]``,
    ``(1, 2, 3)``, ``<1, 2, 3>``, ``i + 2j - 3k``, "with components 1, 2 and 3"."""
    found: list[tuple[list[int], Span]] = []
    rest = _UNIT_VECTOR.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - 1), text)
    for pattern in _VECTOR_FORMS:
        for m in pattern.finditer(rest):
            found.append((row_cells(m.group(1)), m.span()))
            rest = _blank(rest, m.span())
    for m in _IJK.finditer(rest):
        vec = _ijk(m.group(0))
        if vec is not None:
            found.append((vec, m.span()))
    return sorted(found, key=lambda f: f[1])


def blank_spans(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each span replaced by spaces (the positions of the rest are kept)."""
    for span in spans:
        text = _blank(text, span)
    return text


# A line that is one row and nothing else: "1 2 3", "* 4, 5, 6", "• [7, 8, 9]", "| 1 2 |"
# (not "- 4, 5": normalise keeps that "-" as a possible sign, so the engine would refuse it)
_LINE_ROW = re.compile(
    r"[ \t]*(?:[*•][ \t]+)?(?:\*\*)?[ \t]*[\[(|]?[ \t]*"
    rf"({_SEQ})"
    r"[ \t]*[\])|]?[ \t]*(?:\*\*)?[ \t]*,?"
)


# a table row of numbers: "| -3 | 11 |"
_PIPE_ROW = re.compile(rf"[ \t]*\|[ \t]*({_CELL}(?:[ \t]*\|[ \t]*{_CELL})*)[ \t]*\|[ \t]*")


def line_matrices(raw: str) -> list[tuple[list[list[int]], Span]]:
    """Matrices written one row per line with nothing else on the line, as in

        A =
        1 2
        3 4

    (only the question as received keeps its line breaks), with their spans in ``raw``.
    Two or more such lines in a row make one matrix; a blank line ends it.
    """
    found: list[tuple[list[list[int]], Span]] = []
    rows: list[list[int]] = []
    start = end = pos = 0
    for line in raw.split("\n") + [""]:
        m = _LINE_ROW.fullmatch(line)
        piped = _PIPE_ROW.fullmatch(line) if m is None else None
        if m is not None or piped is not None:
            if not rows:
                start = pos
            if m is not None:
                rows.append(row_cells(m.group(1)))
            else:
                rows.append(
                    [small_int(c.strip()) for c in piped.group(1).split("|")] if piped else []
                )
            end = pos + len(line)
        else:
            if len(rows) > 1:
                if _rows(rows) is None:
                    raise Unreadable("ragged matrix")
                found.append((rows, (start, end)))
            rows = []
        pos += len(line) + 1
    return found


@dataclass(frozen=True)
class Table:
    """A markdown table of the question as received: its header cells (lower case, may be
    empty) and its data rows, each a list of cell texts."""

    header: list[str]
    rows: list[list[str]]


_TABLE_LINE = re.compile(r"[ \t]*\|(.*)\|[ \t]*")
_RULE_CELL = re.compile(r"\s*:?-{2,}:?\s*")


def markdown_tables(raw: str) -> list[Table]:
    """The markdown tables of ``raw``: runs of lines ``| a | b |``, a rule line ``|---|---|``
    after the header (a run without one has no header)."""
    tables: list[Table] = []
    run: list[list[str]] = []
    for line in raw.split("\n") + [""]:
        m = _TABLE_LINE.fullmatch(line)
        if m is not None:
            run.append([c.strip().strip("*").strip() for c in m.group(1).split("|")])
            continue
        if run:
            rules = [
                i for i, cells in enumerate(run) if all(_RULE_CELL.fullmatch(c) for c in cells)
            ]
            if rules == [1]:
                tables.append(Table([c.lower() for c in run[0]], run[2:]))
            elif not rules:
                tables.append(Table([], run))
            run = []
    return tables


# "6x^6 plus 3x^8", "4x^3 added to 2x": the sum said in words, between two terms
_SAID_PLUS = re.compile(r"(?<=[\dx}])\s+(?:plus|and then plus)\s+(?=\d|x\b|x\s*\^)", re.I)


def said_plus(text: str) -> str:
    """``text`` with "plus" between two terms of a polynomial written ``+``."""
    return _SAID_PLUS.sub(" + ", text)
