"""Paraphrase readers for mathgenerator's ``algebra`` topic.

Matrices, vectors, equations and complex numbers are read by shape (``operands``); the
words decide which operation is asked: a determinant is not an inverse, a dot product is
not a cross product (``·`` and ``×`` both become ``*`` in the normalised text, so the raw
question is consulted for the symbol), simple interest is not compound interest.
The two quadratic generators differ only in their coefficient ranges (1..9 with spaces
for ``complex_quadratic``, up to 100 and 200 for ``quadratic_equation``); a quadratic that
could be either is not answered.

Operands are read the way small models lay them out, whatever the wording around them:
a matrix as LaTeX, nested brackets, MATLAB's ``[1 2; 3 4]``, bullet rows "Row 1: 3, 5",
prose rows "whose first row is 3 and 5" / "top row ... bottom row ...", rows one per line
or in a markdown table (``operands.matrix_layouts``, ``line_matrices``); a vector as
brackets, a tuple, ``2i + j - 3k`` or "with components 7, -8 and 4"; a line as ``y = mx + b``
or by its slope and y-intercept (in prose, as fields or in a table); a complex number with
or without brackets (``z1 = 14 + 1j``); quadratic coefficients as fields ``a = 64``. The
numbers outside the operands must be accounted for (a stated size "(4x2)" must be a
matrix's, a scalar must be asked), and operands named by letters follow the product as
written ("BA", "v × u", "proj_u v"), or nothing is answered.

Most readers return their subtopic's typed problem (``families/algebra.py``); the
polynomial and line readers still render the generator's sentence, which its
recognizers parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from logicnet.engine.families.algebra import (
    BasicAlgebra,
    CombineLikeTerms,
    ComplexQuadratic,
    CompoundInterest,
    Expanding,
    IntersectionOfTwoLines,
    IntMatrix22Determinant,
    InvertMatrix,
    Line,
    LinearEquations,
    LineEquationFrom2Points,
    Log,
    Matrix,
    MatrixMultiplication,
    MultiplyComplexNumbers,
    MultiplyIntTo22Matrix,
    OrthogonalProjection,
    QuadraticEquation,
    SimpleInterest,
    VectorCross,
    VectorDot,
)
from logicnet.engine.normalise import Normalised, normalise
from logicnet.engine.problem import Unreadable, subtopic_of
from logicnet.engine.readers.operands import (
    blank_spans,
    line_matrices,
    main_polynomial,
    markdown_tables,
    matrices,
    matrix_layouts,
    numbers,
    one,
    said_plus,
    small_int,
    stated_dims,
    vector_layouts,
    whole_numbers,
)
from logicnet.engine.reading import rx, topic_reader

T = "algebra"


_reader = topic_reader(T)


def _matrix(rows: list[list[int]]) -> Matrix:
    return tuple(tuple(row) for row in rows)


# "Equation 1 = 19x - 3y = -237", "Expression = 6x^{15} + ...": normalise writes a list's
# "Label: value" as "Label = value"; that "=" is no equation's (a label is a word of two
# letters or more, maybe numbered; "y = 2x" and "x = 3" keep theirs)
_LABEL = re.compile(r"\b[A-Za-z]{2,}(?:\s+[A-Za-z]{2,})?(?:\s+\d{1,2})?\s*=\s*")
_EQUATION_SIGN = r"(?<![A-Za-z]{2}\s)(?<![A-Za-z]{2}\s\d\s)(?<![A-Za-z]{2}\s\d\d\s)="


def _unlabelled(text: str) -> str:
    return _LABEL.sub(" ", text)


# ------------------------------------------------------------------ one-variable equations

# "seven times x plus two equals eight": the equation said in words
_SAID = [
    (rx(r"(?<![\w.])(\d+)\s*(?:times|multiplied by)\s*x\b"), r"\1x"),
    (rx(r"\s+plus\s+"), " + "),
    (rx(r"\s+minus\s+"), " - "),
    (rx(r"\s+(?:equals|is equal to|gives|makes)\s+"), " = "),
]


def _in_symbols(text: str) -> str:
    for pattern, repl in _SAID:
        text = pattern.sub(repl, text)
    return text


_LINEAR = rx(
    r"(?<![\w^.])(?=[-\d*x])(-?\d*)(?:(?<=[\d-])\s*)?(?:\*\s*)?x\s*([-+])\s*(\d+)\s*=\s*(-?\d+)"
    r"(?!\d|\.\d|\s*[x(*/^]|\s*[-+]\s*[\dx(])"
)


@_reader(
    "basic_algebra",
    cues=[
        r"(?<![\w^])(?=[-\d*tmx])-?\d*(?:(?<=[\d-])\s*)?(?:(?:\*|times|multiplied by)\s*)?x\s*"
        r"(?:[-+]|plus|minus)\s*\d+\s*"
        r"(?:=|equals|is equal to|gives|makes)\s*-?\d",
        r"solve|value of x|find x|"
        r"satisf|for x|what is x|x\s*=\s*\?",
        r"equation",
    ],
    avoid=[
        r"\by\b|x\s*\^|\bz\b|system|simultaneous|quadratic|zeros?\b|roots?\b|"
        r"inequalit|\|"
    ],
)
def basic_algebra(n: Normalised) -> BasicAlgebra | None:
    found = one({m.groups() for m in _LINEAR.finditer(_in_symbols(n.text))})
    if not isinstance(found, tuple):
        return None
    a_text, sign, b_text, c_text = found
    a = -1 if a_text == "-" else (1 if a_text == "" else small_int(a_text, 6))
    b = small_int(b_text, 6) * (-1 if sign == "-" else 1)
    c = small_int(c_text, 6)
    if a < 1 or b < 1 or c < b:
        return None  # the generator draws a, b >= 1 and c >= b: a paraphrase keeps them
    return BasicAlgebra(a, b, c)


_LOG = rx(
    r"l[a-z]?o[a-z]?g[a-z]?\s*_\s*\{?\s*(\d+)\s*\}?\s*(?:of\s*)?\(?\s*(\d+)\s*\)?(?!\w|\.\d)"
    r"|(?:logarithm|log)\s*,?\s*(?:with\s*|to\s*(?:the\s*)?)?base[-\s]*(\d+)\s*,?\s*of\s*(\d+)"
    r"(?!\w|\.\d)"
    # "the base-2 logarithm of 8"
    r"|\bbase[-\s]*(\d+)\s*(?:logarithm|log)\s*of\s*(\d+)(?!\w|\.\d)"
    # "log3(2187)": the base glued to "log"
    r"|\blog(\d{1,2})\s*\(\s*(\d+)\s*\)(?!\w|\.\d)"
)
# "To what power must 2 be raised to get 128?", "2 raised to what power gives 128?"
_LOG_POWER = rx(
    r"(?:power|exponent)\s*(?:must|should|do|does|would|will|is)?\s*(?:you|we|I|one)?\s*"
    r"(?:need to\s*)?(?:raise\s*(\d+)|(\d+)\s*(?:be\s*|is\s*)?raised)\s*(?:to\s*){0,2}"
    r"(?:get|give|obtain|make|produce|equal|reach|yield|result in)s?\s*(\d+)(?!\w|\.\d)"
    r"|(?<![\w.])(\d+)\s*(?:raised\s*)?to\s*(?:the\s*)?(?:what|which)\s*(?:power|exponent)\s*"
    r"(?:is|gives|equals|makes|yields|=|to get|to give)\s*(\d+)(?!\w|\.\d)"
)
# "to what power must the number 3 be raised in order to obtain 81?"
_LOG_RAISED = rx(
    r"(?:power|exponent)\b[^.?!\d]{0,40}?(?<![\w.])(\d+)\s+(?:must|should|has to|needs to|"
    r"would have to|is to)?\s*(?:be\s+)?raised\b[^.?!\d]{0,30}?\b(?:get|give|obtain|equal|"
    r"reach|yield|make|produce|result in|become|arrive at)s?\s+(?:exactly\s+)?(\d+)(?!\w|\.\d)"
)
# a list of fields: "Base: 3 / Argument: 6561"
_LOG_BASE_FIELD = rx(r"\bbase\s*(?:[:=]|is)\s*(\d+)(?!\w|\.\d)")
_LOG_VALUE_FIELD = rx(r"\b(?:argument|number|value|input)\s*(?:[:=]|is)\s*(\d+)(?!\w|\.\d)")
_LOG_OF = rx(
    r"(?:logarithm|log)\s*(?:of\s*)?(\d+)\s*(?:to|with|in|using)\s*(?:the\s*)?"
    r"base\s*(\d+)(?!\w|\.\d)"
)


@_reader(
    "log",
    cues=[
        r"\bl[a-z]?o[a-z]?g[a-z]?\s*_|\blog|logarithm|(?:what|which) (?:power|exponent)",
        r"base|_\s*\{?\d",
        r"what|evaluate|value|compute",
    ],
    avoid=[r"\bln\b|natural|derivative|integra|\blog\s*\(|solve for x|\bx\b|\*|\+"],
)
def log(n: Normalised) -> Log | None:
    pairs = {
        (
            m.group(1) or m.group(3) or m.group(5) or m.group(7),
            m.group(2) or m.group(4) or m.group(6) or m.group(8),
        )
        for m in _LOG.finditer(n.text)
    }
    pairs |= {(m.group(2), m.group(1)) for m in _LOG_OF.finditer(n.text)}
    pairs |= {
        (m.group(1) or m.group(2) or m.group(4), m.group(3) or m.group(5))
        for m in _LOG_POWER.finditer(n.text)
    }
    pairs |= {(m.group(1), m.group(2)) for m in _LOG_RAISED.finditer(n.text)}
    bases, values = _LOG_BASE_FIELD.findall(n.text), _LOG_VALUE_FIELD.findall(n.text)
    if len(bases) == 1 and len(values) == 1 and len(numbers(n.text)) == 2:
        pairs.add((bases[0], values[0]))
    pair = one(pairs)
    if not isinstance(pair, tuple):
        return None
    base, value = (small_int(v, 12) for v in pair)
    return Log(base, value)


# ------------------------------------------------------------------ matrices

# What says a matrix is asked: the word, LaTeX, nested brackets, a stated size "(4x2)" or
# "3x3 matrix", or bracketed rows after "rows"
_MATRIX_WORD = (
    r"matri|\\begin\{[bpv]?matrix|\[\s*\[|\b\d+\s*(?:x|by|\*|-by-)\s*\d+\s*(?:\)|matri)"
    r"|\brows?\b\s*:?\s*[\[(]"
)
# "the 2 matrices": how many, not a scalar (but "Scalar: 12 Matrix: ..." is one)
_DETERMINER = r"(?:the|these|those|both|following|my|your|our)"
_COUNTED = rx(r"\b\d+\s+matri(?!x\b)\w*")
# A number of a one-sentence story ("8 hours a day", "for 12 years"): no scalar either
_STORY_NUMBER = re.compile(
    r"(?<![\w.])\d+\s+(?:hours?|minutes?|days?|weeks?|months?|years?|kids|children|students"
    r"|people|employees|clients|patients|customers)\b",
    re.I,
)
# A matrix's one-letter name right before it: "A = ...", "Matrix B (2x3) rows: ...", "P has rows"
# (each run of spaces and bold stars is crossed by one [*\s]*: nested optional runs would try
# every split of a long gap)
_NAME_BEFORE = re.compile(
    r"(?<![\w'])\**([A-Za-z])[*\s]*(?:\([^()]{0,30}\)[*\s]*)?"
    r"(?:(?:=|:|is|has|with|rows?|are)[*\s]*)*$"
)


def _names(text: str, spans: list[tuple[int, int]], capital: bool) -> list[str | None]:
    """Each operand's one-letter name, when the text gives it one right before it."""
    out: list[str | None] = []
    prev = 0
    for start, end in spans:
        gap = text[max(prev, start - 60) : start]
        m = _NAME_BEFORE.search(gap)
        name = m.group(1) if m else None
        if name is not None and (name == "I" or (capital and not name.isupper())):
            name = None  # "I" is the speaker; a matrix is named by a capital
        out.append(name)
        prev = end
    return out


_WRITTEN_PRODUCT = re.compile(
    r"(?<![\w'])([A-Za-z])\s*(?:\*|times)\s*([A-Za-z])(?![\w'])|(?<![\w'])([A-Z])([A-Z])(?![\w'])"
)


def _named_order(outside: str, names: list[str | None]) -> bool | None:
    """Whether a product written by names ("BA", "v * u") swaps the operands' text order.

    False when no such product is written or it keeps the order; None when the text
    writes both orders (or names one operand twice): which product is asked is unclear.
    """
    first, second = names
    if first is None or second is None or first == second:
        # unnamed operands: "AB", "u × v" are taken in text order, "BA", "v × u" cannot be
        written = _WRITTEN_PRODUCT.findall(outside)
        pairs = [(a or c, b or d) for a, b, c, d in written]
        return None if any(a.lower() > b.lower() and "I" not in (a, b) for a, b in pairs) else False
    orders = {
        (m.group(1), m.group(2))
        for m in re.finditer(
            r"(?<![\w'])([A-Za-z])\s*(?:\*|times|by)?\s*([A-Za-z])(?![\w'])", outside
        )
        if {m.group(1), m.group(2)} == {first, second}
    }
    if len(orders) > 1:
        return None
    return orders == {(second, first)}


@dataclass(frozen=True)
class _Matrices:
    """The matrices of a question, their names, the text outside them, the sizes it states.

    Outside: without sizes ("2x2", "2 rows × 3 columns"), counts ("the 2 matrices") and a
    story's numbers ("8 hours a day"), so what is left is a scalar or a number too many.
    """

    found: list[list[list[int]]]
    names: list[str | None]
    outside: str
    sizes: list[tuple[int, int]]

    def sizes_fit(self, *results: tuple[int, int]) -> bool:
        """Whether every size the text states is one of the matrices' (or of ``results``):
        a size that none has means the rows were misread."""
        shapes = {(len(rows), len(rows[0])) for rows in self.found} | set(results)
        return all(size in shapes for size in self.sizes)


def _matrix_operands(n: Normalised) -> _Matrices:
    """The question's matrices, in any layout. Rows one per line ("A =\n1 2\n3 4") are read
    from the question as received, the only text that keeps its line breaks."""
    text, found = n.text, matrix_layouts(n.text)
    names = _names(text, [span for _, span in found], capital=True)
    if not found and n.raw:
        lined = line_matrices(n.raw)
        rest = normalise(blank_spans(n.raw, [span for _, span in lined])) if lined else None
        if rest is not None:
            names = _names(n.raw, [span for _, span in lined], capital=True)
            text, found = rest.text, [(rows, (0, 0)) for rows, _ in lined]
    dims = stated_dims(text)
    outside = blank_spans(text, [span for _, span in found] + [span for _, span in dims])
    outside = _STORY_NUMBER.sub(" ", _COUNTED.sub(" ", outside))
    # "multiply these 2 big guys": how many matrices there are, when it is how many there are
    outside = re.sub(rf"\b{_DETERMINER}\s+{len(found)}\b(?![\d.,*/^]|\s*[x*)])", " ", outside)
    sizes = [size for size, _ in dims]
    whole = normalise(n.raw) if n.raw else None
    if whole is not None and whole.text != n.text:
        # the text read may be a part of the question: a size stated elsewhere counts too
        sizes += [size for size, _ in stated_dims(whole.text)]
    return _Matrices([rows for rows, _ in found], names, outside, sizes)


def _one_square(n: Normalised, size: int | None) -> tuple[list[list[int]], str] | None:
    """The text's one square matrix (of ``size``, when given) and the text outside it."""
    m = _matrix_operands(n)
    if len(m.found) != 1 or len(m.found[0]) != len(m.found[0][0]) or not m.sizes_fit():
        return None
    if size is not None and len(m.found[0]) != size:
        return None
    return m.found[0], m.outside


@_reader(
    "multiply_int_to_22_matrix",
    cues=[_MATRIX_WORD, r"multipl|scal|times|\*|\bby\b", r"integer|scalar|constant"],
    avoid=[
        r"determin[ae]nt|\bdet\b|invers|invert|transpose|eigen|\badd|\bsum\b|subtract|"
        r"rank|trace|power|squared|\^"
    ],
)
def multiply_int_to_22_matrix(n: Normalised) -> MultiplyIntTo22Matrix | None:
    found = _one_square(n, 2)
    if found is None:
        return None
    rows, outside = found
    k = one(set(numbers(outside)))
    if not isinstance(k, str) or not k.isdigit():
        return None  # no scalar, several, or not a whole one ("by 1.5")
    return MultiplyIntTo22Matrix(small_int(k, 6), _matrix(rows))


@_reader(
    "matrix_multiplication",
    cues=[_MATRIX_WORD, r"multipl|product|times|\*|(?-i:\b[A-Z]{2}\b)", r"two|both|following"],
    avoid=[
        r"determin[ae]nt|\bdet\b|invers|invert|transpose|eigen|\badd|\bsum\b|subtract|"
        r"scalar|element-?wise|hadamard|kronecker"
    ],
)
def matrix_multiplication(n: Normalised) -> MatrixMultiplication | None:
    m = _matrix_operands(n)
    if len(m.found) != 2 or numbers(m.outside):
        return None  # a scalar as well: not a plain product of two matrices
    swap = _named_order(m.outside, m.names)
    if swap is None:
        return None
    first, second = reversed(m.found) if swap else m.found
    if len(first[0]) != len(second) or not m.sizes_fit((len(first), len(second[0]))):
        return None  # "the resulting 8 × 8 matrix" is a size the text may state too
    return MatrixMultiplication(_matrix(first), _matrix(second))


@_reader(
    "int_matrix_22_determinant",
    # "|A| for A = ...": the bars around a matrix's name
    cues=[r"determin[ae]nt|\\det\b|\bdet\b|\\begin\{vmatrix\}|(?-i:\|\s*[A-Z]\s*\|)", _MATRIX_WORD],
    avoid=[r"invers|invert|eigen|trace|transpose|adjugate|cofactor|squared|cubed|\^"],
)
def int_matrix_22_determinant(n: Normalised) -> IntMatrix22Determinant | None:
    found = _one_square(n, 2)
    if found is None or numbers(found[1]):
        return None  # a scalar as well: more than the determinant is asked
    return IntMatrix22Determinant(_matrix(found[0]))


_INVERSE_MARK = re.compile(r"\^\s*\{?\s*\(?\s*-\s*1\s*\)?\s*\}?")  # "A^{-1}": no scalar


@_reader(
    "invert_matrix",
    cues=[r"invers|invert|(?-i:\b[A-Z])\s*\^\s*\{?\s*\(?-\s*1\b", _MATRIX_WORD],
    avoid=[
        r"eigen|transpose|pseudo|modulo|\bmod\b|solve",
        # a measure of the inverse, not the inverse: "the determinant of the inverse of A"
        r"\b(?:determinant|det|trace|sum|product|rank|norm|entries)\s+of\s+(?:the|its|this|that)\s+"
        r"inverse\b|\binverse'?s\s+(?:determinant|trace|entries)\b",
    ],
)
def invert_matrix(n: Normalised) -> InvertMatrix | None:
    found = _one_square(n, None)
    if found is None or len(found[0]) > 6:
        return None
    if numbers(_INVERSE_MARK.sub(" ", found[1])):
        return None  # a scalar as well: more than the inverse is asked
    return InvertMatrix(_matrix(found[0]))


# ------------------------------------------------------------------ vectors


def _cell(text: str) -> str | None:
    """A table cell in plain notation ("−11" -> "-11", "seven" -> "7"), or None."""
    n = normalise(text)
    return None if n is None else n.text


_AXES = {"x", "y", "z", "i", "j", "k", "x1", "x2", "x3", "1", "2", "3"}


def _table_vectors(raw: str) -> tuple[list[list[int]], list[str | None]] | None:
    """Vectors given as the rows of a markdown table ("| a | -11 | -19 | -16 |"), a label
    first; the header, when there is one, names the components (x, y, z)."""
    vecs: list[list[int]] = []
    names: list[str | None] = []
    for table in markdown_tables(raw):
        if table.header and not set(table.header[1:]) <= _AXES:
            return None  # other columns: not a table of vectors' components
        for row in table.rows:
            cells = [_cell(c) for c in row]
            label = cells[0] if cells and not re.fullmatch(r"-?\d+", cells[0] or "") else None
            values = cells[1:] if label is not None else cells
            if not values or not all(v is not None and re.fullmatch(r"-?\d+", v) for v in values):
                return None
            vecs.append([small_int(v or "") for v in values])
            names.append(label if label is not None and len(label) == 1 else None)
    return (vecs, names) if vecs else None


_INT = r"-?\d+(?!\d|\.\d)"


def _said_vectors(text: str, size: int) -> list[list[int]] | None:
    """Two vectors said aloud without brackets, "18, 19, -5 and -19, 6, -2": two lists of
    ``size`` integers joined by "and", and no other number in the text."""
    row = rf"{_INT}(?:\s*,\s*{_INT}){{{size - 1}}}"
    said = rf"(?<![\w.^/\[(,-])({row})\s+and\s+({row})(?![\w\])]|\.\d|\s*,)"
    pairs = list(re.finditer(said, text))
    if len(pairs) != 1 or len(numbers(text)) != 2 * size:
        return None
    m = pairs[0]
    return [[small_int(x, 6) for x in re.findall(_INT, g)] for g in m.groups()]


def _vectors(n: Normalised, size: int) -> tuple[list[list[int]], list[str | None], str] | None:
    """The text's two vectors of ``size`` integers (any layout), their names, the rest."""
    found = vector_layouts(n.text)
    if not found and n.raw:
        table = _table_vectors(n.raw)
        if table is not None and len(table[0]) == 2 and all(len(v) == size for v in table[0]):
            return table[0], table[1], n.text  # "a × b" written outside the table
    if not found:
        said = _said_vectors(n.text, size)
        if said is not None:
            return said, [None, None], n.text
    if len(found) != 2 or any(len(v) != size for v, _ in found) or matrices(n.text):
        return None
    spans = [span for _, span in found]
    return [v for v, _ in found], _names(n.text, spans, capital=False), blank_spans(n.text, spans)


_CROSS_RAW = rx(r"×|\\times|cross")
_DOT_RAW = rx(r"·|⋅|∙|\\cdot|\bdot\b|scalar product|inner product")
# "[1, 2, 3] × [4, 5, 6]", "a × b" ("×" and "·" are both "*" once normalised)
_PRODUCT_SIGN = r"[\])>]\s*\*\s*[\[(<]|(?<![\w'])[a-zA-Z]\s*\*\s*[a-zA-Z](?![\w'])"


@_reader(
    "vector_cross",
    cues=[r"\bcross|" + _PRODUCT_SIGN, r"vectors?|product"],
    avoid=[
        r"\bdot\b|scalar product|inner product|angle|magnitude|norm|projection|unit"
        r"|area|triple"
    ],
)
def vector_cross(n: Normalised) -> VectorCross | None:
    found = _vectors(n, 3)
    if found is None or not _CROSS_RAW.search(n.raw or n.text) or _DOT_RAW.search(n.raw):
        return None
    vecs, names, outside = found
    swap = _named_order(outside, names)
    if swap is None:
        return None
    (a1, a2, a3), (b1, b2, b3) = reversed(vecs) if swap else vecs
    return VectorCross((a1, a2, a3), (b1, b2, b3))


@_reader(
    "vector_dot",
    cues=[r"\bdot\b|scalar product|inner product|" + _PRODUCT_SIGN, r"vectors?"],
    avoid=[r"\bcross|angle|magnitude|norm\b|projection|unit vector|triple"],
)
def vector_dot(n: Normalised) -> VectorDot | None:
    found = _vectors(n, 3)
    if found is None or not _DOT_RAW.search(n.raw or n.text) or _CROSS_RAW.search(n.raw):
        return None
    (a1, a2, a3), (b1, b2, b3) = found[0]
    return VectorDot((a1, a2, a3), (b1, b2, b3))


_ONTO = rx(r"\bonto\b|\bon to\b|\bon\b")
# "proj_b a", "proj_{u}(v)": v projected onto u
_PROJ_NOTATION = re.compile(r"\bproj\s*_\s*\{?\s*([A-Za-z])\s*\}?\s*\(?\s*([A-Za-z])(?![\w'])")
_NAMED_ONTO = rx(
    r"(?<![\w'])([A-Za-z])\s+(?:onto|on to|on)\s+(?:the\s+)?(?:vector\s+)?([A-Za-z])(?![\w'])"
)


@_reader(
    "orthogonal_projection",
    # "project" alone is also a school project: the verb comes with "onto"
    cues=[
        r"projection|\bproject\w*[^.?!]{0,80}?\bonto\b|\bproj(?:\b|_)",
        r"onto|orthogonal|vector",
    ],
    avoid=[
        r"\bcross|\bdot product|angle|scalar projection|length of the projection"
        r"|magnitude|matri|plane"
    ],
)
def orthogonal_projection(n: Normalised) -> OrthogonalProjection | None:
    found = _vectors(n, 2)
    if found is None:
        return None
    (v, u), names, outside = found
    spans = [span for _, span in vector_layouts(n.text)]
    between = bool(_ONTO.search(n.text[spans[0][1] : spans[1][0]]))  # "of [3, 4] onto [1, 0]"
    # "v: [-8, -8] ... u: [9, -2] ... the projection of v onto u"
    said = {(m.group(1), m.group(2)) for m in _NAMED_ONTO.finditer(outside)}
    said |= {(m.group(2), m.group(1)) for m in _PROJ_NOTATION.finditer(outside)}
    if None in names or not said:
        swap: bool | None = False if between else None
    elif said == {(names[0], names[1])}:
        swap = False
    elif said == {(names[1], names[0])} and not between:
        swap = True
    else:
        swap = None
    if swap is None:
        return None  # which vector is projected onto which is not clear
    if swap:
        v, u = u, v
    return OrthogonalProjection((v[0], v[1]), (u[0], u[1]))


# ------------------------------------------------------------------ interest

_RATE = rx(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:\\?%|percent\b|per cent\b)")
# "one percent", "one year": normalise leaves "one" a word (mostly a pronoun); before a
# rate or a time it is the number
_ONE_UNIT = rx(r"\bone(?=\s*(?:%|percent\b|per cent\b|years?\b|yrs?\b|dollars?\b))")
_YEARS = rx(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:-\s*)?(?:years?|yrs?)\b")
# the time as a field: "Years (t): 5", "time period = 7", "t = 10"
_YEARS_FIELD = rx(
    r"\b(?:years?|yrs?|time(?:\s*period)?|period|duration|term|t)\s*(?:\(\s*[a-z]\s*\))?\s*"
    r"(?:in years\s*)?(?:[:=]|is)\s*(\d+(?:\.\d+)?)(?!\d|\.\d|\s*%|\s*(?:months?|days?|weeks?)\b)"
)


def _interest(n: Normalised) -> tuple[int, int, int] | None:
    text = _ONE_UNIT.sub("1", n.text)
    rate = one(set(_RATE.findall(text)))
    years = one(set(_YEARS.findall(text)) | set(_YEARS_FIELD.findall(text)))
    if not isinstance(rate, str) or not isinstance(years, str) or "." in rate + years:
        return None
    said = _YEARS_FIELD.sub(" ", _YEARS.sub(" ", _RATE.sub(" ", text)))
    rest = {v for v in whole_numbers(said, 9)}
    principal = one(rest)
    if not isinstance(principal, int) or principal <= 0:
        return None
    return principal, small_int(rate, 3), small_int(years, 3)


# the words as typed in a hurry too: "intrest", "compund", "compond"
_INTEREST = r"(?:interest|intrest)"
_COMPOUND = r"(?:compound|compund|compond)"
# "simple interest", or "interest ... (simple, not compounded)" within one sentence
_SIMPLE = (
    rf"simple {_INTEREST}|\bsimple\b[^.?!]{{0,40}}\b{_INTEREST}\b"
    rf"|\b{_INTEREST}\b[^.?!]{{0,40}}\bsimple\b"
)


# The interest given and something else asked, or money moved in between: a word problem
# ("how much must be deposited so that $6,000 ...", "the interest earned was $600. He then
# withdrew half ..."), not the generator's interest on a principal
_INTEREST_SOLVED_FOR = (
    r"withdr[ae]w|must be (?:deposited|invested)|should be (?:deposited|invested)"
    r"|how much (?:money )?(?:must|should|do|does|did|would)\b.{0,40}\b(?:invest|deposit|put)"
    r"|interest (?:earned |paid )?(?:was|is|of|totall?ed|came to|amounted to) \$?\d"
    r"|\bearned \$?\d|\bhalf of\b|\bthe rest\b|remaining|how (?:many|long) years"
    r"|what (?:interest )?rate|which (?:interest )?rate|\bdoubles?\b|\btriples?\b"
    r"|(?:what|which|how much) principal|principal (?:is )?(?:needed|required)"
    r"|\bgives? \$?\d+(?:\.\d+)? (?:dollars )?(?:of )?interest"
    r"|\bearns? (?:\$\d|\d+(?:\.\d+)? dollars)"
)


@_reader(
    "simple_interest",
    cues=[_SIMPLE, r"principal|principle|invest|deposit|loan"],
    avoid=[
        _COMPOUND + r"|monthly|quarterly|per month|months|days",
        _INTEREST_SOLVED_FOR,
        # the generator asks the interest alone, never what is owed or held at the end (when
        # the text does not ask for the interest by name: "how much interest will you owe")
        r"^(?![\s\S]*\b(?:how much interest|the interest (?:will|would|is|was|owed|due)))"
        r"[\s\S]*?(?:\btotal\b|\bowe\b|\brepa(?:y|id)\b|\bhow much will\b|\badded to\b|"
        r"\b(?:final|whole|full) amount\b|\bamount (?:after|at the end|owed|due)\b|"
        r"\balso\b[^.?!]*\bamount\b|\bwhat is the amount\b|\bmaturity\b|\bbalance\b)",
        r"\b(?:what|find) (?:is )?the (?:sum|principal)\b",  # the principal asked
    ],
)
def simple_interest(n: Normalised) -> SimpleInterest | None:
    found = _interest(n)
    return None if found is None else SimpleInterest(*found)


@_reader(
    "compound_interest",
    cues=[_COMPOUND, _INTEREST, r"principal|principle|invest|deposit|loan"],
    avoid=[
        _SIMPLE + r"|monthly|quarterly|semi-?annual|daily|continuous|per month|"
        r"months|days|\bweeks?\b|times a year|times per year|half[- ]?year",
        _INTEREST_SOLVED_FOR,
        # the generator answers the amount at the end, never the interest earned alone
        r"\binterest (?:is |was |will be )?(?:earned|gained|made|accrued|paid)\b|"
        r"\bhow much interest\b|\bnot the amount\b|\bonly the interest\b|"
        r"\bgain\b|\bover the principal\b|\bprofit\b",
    ],
    need=[_INTEREST],
)
def compound_interest(n: Normalised) -> CompoundInterest | None:
    found = _interest(n)
    return None if found is None else CompoundInterest(*found)


# ------------------------------------------------------------------ quadratics

_QUAD = rx(
    r"(?<![\w.^])(?=[\d*x])(\d*)(?:(?<=\d)\s*)?(?:\*\s*)?x\s*\^\s*(?:\{\s*)?2\s*(?:\}\s*)?\+\s*"
    r"(\d*)(?:(?<=\d)\s*)?(?:\*\s*)?x\s*\+\s*(\d+)"
    r"(?:\s*=\s*0(?!\d|\.\d)|(?!\d|\.\d|\s*[-+*/^=x]))"
)  # "= 0" may be left out
_QUAD_WORDS = (
    r"quadratic|zeros?\b|roots?\b|solutions?\b|solve|equal to 0\b|equals? 0\b"
    r"|=\s*0\b|values? of x"
)
_QUAD_SHAPE = r"x\s*\^\s*\{?\s*2\b"
_QUAD_AVOID = [
    r"discriminant|vertex|factori[sz]e|\bsum of (?:the )?roots|product of "
    r"(?:the )?roots|derivative|integra|stationary|inequalit"
    # "greater than zero", "equal to 5": not the equation = 0 the generators solve
    r"|greater|less than|more than|at least|at most|positive|negative|[<>]"
    # ("a = 64" names a coefficient)
    # (a right-hand side, not "Equation = 17x^2 + ...", a field's value)
    r"|(?<!\b[abc]\s)(?<!\b[abc])(?:equal to|equals?|=)\s*(?!0(?!\.?\d))-?\d+(?:\.\d+)?"
    r"(?!\d|\s*\*?\s*x|\s*[-+*/^])"
]
# "ax^2 + bx + c = 0 with a = 64, b = 127, c = 48": the coefficients as fields
_QUAD_LETTERS = re.compile(r"(?<![\w.])ax\s*\^\s*\{?2\}?\s*\+\s*bx\s*\+\s*c\b")
_COEF_FIELDS = {  # "a = 64", not the "c = 0" of "bx + c = 0"
    k: re.compile(rf"(?<![\w'+*/^-])(?<![+*/^-]\s)(?-i:{k})\s*(?:=|:|is)\s*(\d+)(?![\w.])")
    for k in "abc"
}


def _coefficient_fields(text: str) -> tuple[str, str, str] | None:
    if not _QUAD_LETTERS.search(text):
        return None
    found = [_COEF_FIELDS[k].findall(text) for k in "abc"]
    if any(len(f) != 1 for f in found):
        return None
    values = [f[0] for f in found]
    if "0" in values or sorted(x for x in numbers(text) if x != "0") != sorted(values):
        return None  # a zero coefficient, or a number more than the three coefficients
    return values[0], values[1], values[2]


def _quadratic(n: Normalised) -> tuple[int, int, int, bool] | None:
    """(a, b, c, compact): the one quadratic ``ax^2 + bx + c = 0`` of the text."""
    said = _in_symbols(n.text)  # "3x^2 plus 8x plus 5 equals 0"
    written = {m.groups() for m in _QUAD.finditer(said)}
    found = one(written) if written else _coefficient_fields(n.text)
    if not isinstance(found, tuple):
        return None
    a, b, c = (small_int(g, 4) if g else 1 for g in found)
    compact = bool(re.search(r"\d*x\^\{?2\}?\+\d*x\+\d+=0", n.raw.replace("²", "^2")))
    explicit_one = bool(re.search(r"(?<![\d.])1\s*\*?\s*x", n.text))
    return a, b, c, compact or explicit_one


def _outside(kind: type, a: int, b: int, c: int) -> bool:
    """Whether the generator of ``kind`` could not have drawn these coefficients."""
    try:
        problem = kind(a, b, c)
    except Unreadable:  # quadratic_equation has no complex roots
        return True
    return bool(subtopic_of(problem).outside_ranges(problem))


def _quadratic_source(a: int, b: int, c: int, compact: bool) -> type:
    """Which generator asked ``ax^2 + bx + c = 0``: the one whose draws hold the
    coefficients ("2x^2+3x+1=0" is complex_quadratic's: quadratic_equation draws
    b > round(2*sqrt(ac))); when both or neither could, the generator's spacing and range
    decide (quadratic_equation prints "18x^2+89x+73=0", complex_quadratic "2x^2 + 8x + 8 = 0")."""
    in_wide = b * b >= 4 * a * c and not _outside(QuadraticEquation, a, b, c)
    in_small = not _outside(ComplexQuadratic, a, b, c)
    if in_wide != in_small:
        return QuadraticEquation if in_wide else ComplexQuadratic
    return QuadraticEquation if compact or max(a, b, c) >= 10 else ComplexQuadratic


# Both quadratic readers have the same cues: they are one reading whose generator the
# coefficients decide, so neither may outscore (and block) the other.
@_reader(
    "quadratic_equation", cues=[_QUAD_WORDS, r"quadratic"], avoid=_QUAD_AVOID, need=[_QUAD_SHAPE]
)
def quadratic_equation(n: Normalised) -> QuadraticEquation | None:
    found = _quadratic(n)
    if found is None:
        return None
    a, b, c, compact = found
    if _quadratic_source(a, b, c, compact) is not QuadraticEquation:
        return None
    return QuadraticEquation(a, b, c)


_REAL_ROOTS = rx(r"\breal (?:roots?|solutions?|zeros?)\b")


@_reader(
    "complex_quadratic",
    cues=[_QUAD_WORDS, r"quadratic"],
    avoid=_QUAD_AVOID,
    need=[_QUAD_SHAPE],
)
def complex_quadratic(n: Normalised) -> ComplexQuadratic | None:
    found = _quadratic(n)
    if found is None:
        return None
    a, b, c, compact = found
    if _quadratic_source(a, b, c, compact) is not ComplexQuadratic:
        return None
    if b * b < 4 * a * c and _REAL_ROOTS.search(n.text):
        return None  # complex roots answer no question about real ones
    return ComplexQuadratic(a, b, c)


# ------------------------------------------------------------------ complex numbers

# a + bi with or without brackets ("(3-2i)", "z1 = 14 + 1j"), or a pure imaginary "13j"
# (Python prints 0+13j as 13j)
_Z_PARTS = r"(-?\d+)\s*([-+])\s*(\d*)\s*\*?\s*[ij]"
_Z_BRACKETED = re.compile(rf"\(\s*{_Z_PARTS}\s*\)", re.I)
_Z_BARE = re.compile(rf"(?<![\w.^}}])({_Z_PARTS})(?![\w(^])", re.I)
_Z_PURE = re.compile(r"(?<![\w.)])(-?\d+)\s*\*?\s*[ij](?![\w(^])", re.I)
# A complex number (Z) in arithmetic with a plain number ("2 * 3 + 2i"), or one written
# without brackets (B) beside an operator ("3 + 2i * 4 - i" is 3 + 8i - i)
_IN_ARITHMETIC = re.compile(
    r"[ZB]\s*(?:\^|[-+*/]\s*[\d(.])|[\d).]\s*[-+*/^]\s*[ZB]|B\s*[*/^]|[-+*/^]\s*B"
)


def _complex_numbers(text: str) -> list[tuple[int, int]] | None:
    """The complex numbers of the text as (real part, imaginary part), in order; None when
    one of them is part of a longer expression ("3 + 2i * 4"), whose value is not one
    number."""
    found: list[tuple[int, tuple[int, int]]] = []
    for pattern in (_Z_BRACKETED, _Z_BARE, _Z_PURE):
        for m in pattern.finditer(text):
            if pattern is _Z_PURE:
                found.append((m.start(), (0, small_int(m.group(1), 6))))
            else:
                re_part, sign, im_part = m.groups()[-3:]
                im = small_int(im_part or "1", 6) * (-1 if sign == "-" else 1)
                found.append((m.start(), (small_int(re_part, 6), im)))
            start, end = m.span()
            mark = "B" if pattern is _Z_BARE else "Z"
            text = text[:start] + mark + " " * (end - start - 1) + text[end:]
    if _IN_ARITHMETIC.search(text):
        return None
    return [z for _, z in sorted(found)]


@_reader(
    "multiply_complex_numbers",
    # the word, or a number a + bi written out
    cues=[
        r"complex|imaginary|\d\s*[ij]\s*\)|\d\s*[-+]\s*\d*\s*[ij]\b",
        r"multipl|product|times|\*|\)\s*\(",
    ],
    avoid=[
        r"\badd|\bsum\b|plus|subtract|minus|differen|divid|quotient|conjugate|modulus|"
        # "i^2 = -1" is an aside about i; any other power is another question
        r"polar|argument|magnitude|\broots?\b|quadratic|power|(?<!\bi)(?<!\bj)\s*\^"
    ],
    need=[r"multipl|product|times|\*|[ij]\s*\)\s*\("],
)
def multiply_complex_numbers(n: Normalised) -> MultiplyComplexNumbers | None:
    found = _complex_numbers(n.text)
    if found is None or len(found) != 2:
        return None
    return MultiplyComplexNumbers(found[0], found[1])


# ------------------------------------------------------------------ polynomials


@_reader(
    "combine_like_terms",
    cues=[r"like terms|combin|collect|simplif|tidy|clean up", r"expression|polynomial|terms"],
    avoid=[
        r"derivative|differentiat|integra|power rule|\bexpand|factor|evaluate|"
        + _EQUATION_SIGN
        + "|"
        r"\bfor x\b|\bat x\b|stationary"
    ],
    need=[r"\d\s*\*?\s*x\s*\^"],
)
def combine_like_terms(n: Normalised) -> CombineLikeTerms | None:
    terms = main_polynomial(said_plus(n.text))
    if not terms or any(c < 1 or e < 1 for c, e in terms) or len(terms) > 30:
        return None
    return CombineLikeTerms(tuple(terms))


_FACTOR = r"\(\s*(-?\d*)\s*\*?\s*x\s*(?:([-+])\s*(\d+))?\s*\)"
_PRODUCT = rx(_FACTOR + r"\s*\*?\s*" + _FACTOR)
_ONE_FACTOR = rx(_FACTOR)
# between two factors listed apart ("Factor 1: (2x+1) / Factor 2: (x-3)", "(2x+1) by (x-3)"),
# anything that would make them a sum or a quotient instead of a product
_SUM = r"plus|minus|\badd|\bsum|subtract|divid|\bover\b|\bthen\b"
_NOT_PRODUCT = rx(r"[-+/^]|" + _EQUATION_SIGN + "|" + _SUM)
_SUM_WORDS = rx(_SUM)


def _listed_factors(text: str) -> tuple[str | None, ...] | None:
    """Two binomial factors written apart, with nothing between them but words of a product."""
    found = list(_ONE_FACTOR.finditer(text))
    if len(found) != 2:
        return None
    first, second = found
    if _NOT_PRODUCT.search(text, first.end(), second.start()) or _SUM_WORDS.search(text):
        return None
    if re.search(r"[-+*/^]\s*$", text[: first.start()]) or re.match(
        r"\s*[-+*/^(]", text[second.end() :]
    ):
        return None  # a factor of a longer expression
    return first.groups() + second.groups()


@_reader(
    "expanding",
    cues=[
        r"expand|multipl\w* out|distribut|\bfoil\b|product",
        r"brackets|polynomial|expression|binomial",
    ],
    # "factorise", "factor x^2 + 5x + 6", but not a list's "Factor 1: (2x + 1)" or a
    # field's "First factor: (2x + 1)"
    avoid=[
        r"factori[sz]|\bfactor\b(?!\s*\d|\s*(?:[AB]\s*)?:)|derivative|integra|roots?\b|zeros?\b"
        r"|solve|\^|" + _EQUATION_SIGN
    ],
    need=[r"\(\s*-?\d*\s*x\s*[-+)]"],
)
def expanding(n: Normalised) -> Expanding | None:
    if len(_ONE_FACTOR.findall(n.text)) != 2:
        return None  # a third factor: more than one product of two binomials
    adjacent = {m.groups() for m in _PRODUCT.finditer(n.text)}
    found = one(adjacent) if adjacent else _listed_factors(n.text)
    if not isinstance(found, tuple):
        return None
    (a, x1), (b, x2) = (
        (
            -1 if coef == "-" else (1 if not coef else small_int(coef, 4)),
            0 if const is None else small_int(const, 4) * (-1 if sign == "-" else 1),
        )
        for coef, sign, const in (found[:3], found[3:])
    )
    if a == 1:
        # the generator prints a first coefficient of 0 and of 1 alike ("(x..."): a guess
        return None
    return Expanding(a, x1, b, x2)


# ------------------------------------------------------------------ two variables

# a term starts on a sign, digit, star or unknown, and crosses each run of spaces once
_EQ2 = rx(
    r"(?<![\w^.])(?=[-+\d*xy])"
    r"((?:[-+]?\s*(?:-?\d+\s*)?(?:\*\s*)?[xy](?![\w^])\s*)+)=\s*(-?\d+)(?!\d|\.\d)"
)
_EQ_TERM = re.compile(r"(?=[-+\d*xy])([-+]?)\s*(-?\d*)(?:(?<=[\d-])\s*)?(?:\*\s*)?([xy])")


# "-9x + (-3)y": a negative coefficient in brackets, the generator's "-9x + -3y"
_BRACKETED_COEF = re.compile(r"\(\s*(-?\d+)\s*\)\s*\*?\s*([xy])(?![\w^])")
# "solve for x and y", "find x, y": the unknowns named, not a term of an equation
_UNKNOWNS = rx(
    r"\b(for|find|of|are|solve|determine|get|compute|both)\s+x\s*(?:,|and|&|n|or)\s*y\b(?!\s*=)"
)


def _coef(text: str) -> int:
    text = text.replace(" ", "")
    if text in ("", "+"):
        return 1
    if text == "-":
        return -1
    return small_int(text, 6)


@_reader(
    "linear_equations",
    cues=[r"(?<![a-z])y\s*=|\by\b", r"system|simultaneous|equations|solve|x and y|values? of x"],
    # "find x + y", "what is xy": a value of x and y together, not the pair
    avoid=[
        r"\bz\b|x\s*\^|y\s*\^|matri|intersect|\blines?\b|slope|inequalit|graph"
        r"|\bx\s*[-+*/]\s*y\b(?!\s*=)|\bxy\b"
    ],
    need=[
        r"system|simultaneous|equations|solve|\bx\s*(?:and|&|,|n)\s*y\b|values? of x|what are x",
        r"y\s*=\s*-?\d",
    ],
)
def linear_equations(n: Normalised) -> LinearEquations | None:
    text = _BRACKETED_COEF.sub(r"\1\2", _UNKNOWNS.sub(r"\1 ", _unlabelled(n.text)))
    found = [m.groups() for m in _EQ2.finditer(text)]
    if len(found) != 2 or len(re.findall(r"=", text)) != 2:
        return None
    eqs: list[tuple[int, int, int]] = []
    for side, c_text in found:
        coef: dict[str, int] = {}
        for sign, digits, var in _EQ_TERM.findall(side):
            if var in coef:
                return None  # "2x + 3x": not the generator's form
            coef[var] = _coef(digits) * (-1 if sign == "-" else 1)
        eqs.append((coef.get("x", 0), coef.get("y", 0), small_int(c_text, 6)))
    # an equation without x or y, or x or y in neither, is a dependent system: refused
    return LinearEquations(*eqs[0], *eqs[1])


_LINE = rx(
    r"\by\s*=\s*(?:(?P<m>-?\s*\(?\s*-?\d+\s*/\s*\d+\s*\)?|-?\s*\\frac\{-?\d+\}\{\d+\}"
    r"|-?\s*\d+|-)?\s*\*?\s*x(?:\s*(?P<s>[-+])\s*(?P<b>\d+))?"
    r"(?!\w|\.\d|\s*[-+*/^]\s*[\d(x])"
    r"|(?P<c>-?\s*\d+)(?!\d|\.\d|\s*[-+*/^x]))"
)


def _line_of(m: re.Match[str]) -> Line:
    """One line as written: ``y = -3/2x - 9``, ``y = x``, ``y = 5`` (a ``\\frac`` slope is
    read as the PyPI generator's ``a/b``)."""
    if m.group("c") is not None:
        return Line(0, 1, int(m.group("c").replace(" ", "")), flat=True)
    slope = (m.group("m") or "").replace(" ", "").replace("(", "").replace(")", "")
    if slope.startswith("--"):
        slope = slope[2:]
    b = 0 if m.group("b") is None else int(m.group("b")) * (-1 if m.group("s") == "-" else 1)
    return replace(Line.of(slope, b), tex=False)


# A line given by its slope and y-intercept: "slope -7/4 and y-intercept 2", "m = 4/3, b = 1",
# "slopes 3/2 and 2/5 and intercepts 1 and 10"
# (a value is not glued to a word: "3-hqalves" is a number word half read)
_VALUE_END = r"(?!\d|\.\d|\s*/\s*\d|\s*\*?\s*x|-?[A-Za-z])"
_SLOPE_VALUE = rf"(-?\s*\d+\s*/\s*\d+|-?\s*\\frac\{{-?\d+\}}\{{\d+\}}|-?\s*\d+){_VALUE_END}"
_INTERCEPT_VALUE = rf"(?:\(\s*0\s*,\s*(-?\s*\d+)\s*\)|(-?\s*\d+){_VALUE_END})"
_IS = r"\s*(?:of|is|=|:|equal to|equals|at)?\s*"
_AND = r"\s*(?:,\s*and|,|and|&)\s*"
_SLOPE = rx(
    rf"\b(?:slope|gradient)\b{_IS}(?:m\s*=\s*)?{_SLOPE_VALUE}|(?<![\w'])m\s*=\s*{_SLOPE_VALUE}"
)
_NOT_X = r"(?<![xX]\s)(?<![xX]-)"  # an x-intercept is another point of the line
_INTERCEPT = rx(
    rf"{_NOT_X}\b(?:y\s*)?intercept\b{_IS}(?:[bc]\s*=\s*)?{_INTERCEPT_VALUE}"
    rf"|(?<![\w'])b\s*=\s*{_INTERCEPT_VALUE}"
)
_SLOPES = rx(rf"\b(?:slopes|gradients)\b{_IS}{_SLOPE_VALUE}{_AND}{_SLOPE_VALUE}")
_INTERCEPTS = rx(rf"{_NOT_X}\b(?:y\s*)?intercepts\b{_IS}{_INTERCEPT_VALUE}{_AND}{_INTERCEPT_VALUE}")


def _slope_line(slope: str, intercept: str) -> Line:
    """``y = 3/2x + 1`` from the slope and intercept as written ("3/2", "\\frac{3}{2}", "-5")."""
    slope = slope.replace(" ", "")
    if slope.startswith("--"):
        slope = slope[2:]
    b = small_int(intercept.replace(" ", ""), 6)
    line = replace(Line.of(slope, b), tex=False)  # a zero denominator: Unreadable, no line
    return Line(0, 1, b, flat=True) if line.num == 0 else line


def _slope_intercept_lines(text: str) -> list[Line] | None:
    """The lines a text gives by slope and intercept, in order; None when it gives none or
    they cannot be paired for sure (one slope per intercept, line by line)."""
    # "negative 1/3": normalise signs a number word only before it became a fraction
    text = re.sub(r"\bnegative\s+(?=\d)", "-", text)
    said: list[tuple[int, str, str]] = []
    for m in _SLOPE.finditer(text):
        said.append((m.start(), "m", next(g for g in m.groups() if g is not None)))
    for m in _INTERCEPT.finditer(text):
        said.append((m.start(), "b", next(g for g in m.groups() if g is not None)))
    plural_m = [[g for g in m.groups() if g is not None] for m in _SLOPES.finditer(text)]
    plural_b = [[g for g in m.groups() if g is not None] for m in _INTERCEPTS.finditer(text)]
    if plural_m or plural_b:
        if said or len(plural_m) != 1 or len(plural_b) != 1:
            return None
        pairs = list(zip(plural_m[0], plural_b[0], strict=True))
    else:
        said.sort()
        kinds = "".join(k for _, k, _ in said)
        if kinds not in ("mbmb", "bmbm"):
            return None
        values = [v for _, _, v in said]
        pairs = [(values[0], values[1]), (values[2], values[3])]
        if kinds == "bmbm":
            pairs = [(m_, b_) for b_, m_ in pairs]
    return [_slope_line(m_, b_) for m_, b_ in pairs]


def _table_lines(raw: str) -> list[Line] | None:
    """Lines as the rows of a markdown table with a slope column and a y-intercept column."""
    for table in markdown_tables(raw):
        slope = [i for i, h in enumerate(table.header) if re.fullmatch(r"slopes?|gradients?|m", h)]
        icpt = [
            i
            for i, h in enumerate(table.header)
            if re.fullmatch(r"(?:y[- ]?)?intercepts?|b|y[- ]intercept \(b\)", h)
        ]
        if len(slope) == 1 and len(icpt) == 1 and len(table.rows) == 2:
            lines = []
            for row in table.rows:
                if len(row) != len(table.header):
                    return None
                m_, b_ = _cell(row[slope[0]]), _cell(row[icpt[0]])
                if m_ is None or b_ is None or not re.fullmatch(r"-?\d+", b_):
                    return None
                if not re.fullmatch(r"-?\d+(?:/\d+)?|-?\\frac\{-?\d+\}\{\d+\}", m_):
                    return None
                lines.append(_slope_line(m_, b_))
            return lines
    return None


@_reader(
    "intersection_of_two_lines",
    cues=[r"intersect|cross|\bmeet|common point", r"lines?\b|graphs?"],
    avoid=[r"\bz\b|x\s*\^|parallel|perpendicular|angle|distance|\bplanes?\b|circle|parabola"],
    need=[r"\by\s*=.*\by\s*=|\bslopes?\b|\bgradients?\b"],
)
def intersection_of_two_lines(n: Normalised) -> IntersectionOfTwoLines | None:
    text = _unlabelled(n.text)
    written = [_line_of(m) for m in _LINE.finditer(text)]
    given = _slope_intercept_lines(n.text) or (_table_lines(n.raw) if n.raw else None)
    if written and given is not None:
        return None  # both ways at once: one line might be described twice
    if given is not None:
        lines = given
    elif len(written) != 2 or len(re.findall(r"=", text)) != 2:
        return None
    else:
        lines = written
    if len(lines) != 2:
        return None
    return IntersectionOfTwoLines(lines[0], lines[1])


_POINT = rx(r"\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)")


@_reader(
    "line_equation_from_2_points",
    cues=[
        r"equation of (?:the |a )?(?:straight )?line|line (?:that )?pass|line (?:through|thru)|"
        r"line (?:joining|connecting|containing)",
        r"points?|through|thru|joining|connecting|between",
    ],
    need=[r"\(\s*-?\d+\s*,\s*-?\d+\s*\).*\(\s*-?\d+\s*,\s*-?\d+\s*\)"],
    avoid=[
        # "slope-intercept form" is geometry's line subtopic (y = mx + b), not this one's, and
        # "the slope of" asks a number; "i forgot how slope works" asks nothing
        r"\b(?:the|its|a)\s+slope\b|\bslope\s*(?:of|and|form|[- ]?intercept)\b|\by\s*=\s*mx"
        r"|intercept|gradient|midpoint|distance|perpendicular|parallel"
        r"|intersect|\bz\b|circle"
    ],
)
def line_equation_from_2_points(n: Normalised) -> LineEquationFrom2Points | None:
    points = [m.groups() for m in _POINT.finditer(n.text)]
    if len(points) != 2:
        return None
    (a, b), (c, d) = ((small_int(x, 6), small_int(y, 6)) for x, y in points)
    return LineEquationFrom2Points(a, b, c, d)
