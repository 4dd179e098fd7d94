"""Paraphrase readers for mathgenerator's ``algebra`` topic.

Matrices, vectors, equations and complex numbers are read by shape (``operands``); the
words decide which operation is asked: a determinant is not an inverse, a dot product is
not a cross product (``·`` and ``×`` both become ``*`` in the normalised text, so the raw
question is consulted for the symbol), simple interest is not compound interest.
The two quadratic generators differ only in their coefficient ranges (1..9 with spaces
for ``complex_quadratic``, up to 100 and 200 for ``quadratic_equation``); a quadratic that
could be either is not answered.
"""

from __future__ import annotations

import re

from logicnet.engine.normalise import Normalised
from logicnet.engine.readers.operands import (
    int_lists,
    main_polynomial,
    matrices,
    one,
    small_int,
    whole_numbers,
)
from logicnet.engine.reading import rx, topic_reader

T = "algebra"


_reader = topic_reader(T)


def _bmatrix(rows: list[list[int]]) -> str:
    return (
        r"\begin{bmatrix} "
        + r" \\ ".join(" & ".join(str(c) for c in r) for r in rows)
        + r" \end{bmatrix}"
    )


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
    r"(?<![\w^.])(-?\d*)\s*\*?\s*x\s*([-+])\s*(\d+)\s*=\s*(-?\d+)(?!\d|\.\d|\s*[x(*/^]|\s*[-+]\s*[\dx(])"
)


@_reader(
    "basic_algebra",
    cues=[
        r"(?<![\w^])-?\d*\s*(?:\*|times|multiplied by)?\s*x\s*(?:[-+]|plus|minus)\s*\d+\s*"
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
def basic_algebra(n: Normalised) -> str | None:
    found = one({m.groups() for m in _LINEAR.finditer(_in_symbols(n.text))})
    if not isinstance(found, tuple):
        return None
    a_text, sign, b_text, c_text = found
    a = -1 if a_text == "-" else (1 if a_text == "" else small_int(a_text, 6))
    b = small_int(b_text, 6) * (-1 if sign == "-" else 1)
    c = small_int(c_text, 6)
    if a < 1 or b < 1 or c < b:
        return None  # the generator draws a, b >= 1 and c >= b: a paraphrase keeps them
    return f"{a}x + {b} = {c}"


_LOG = rx(
    r"l[a-z]?o[a-z]?g\s*_\s*\{?\s*(\d+)\s*\}?\s*(?:of\s*)?\(?\s*(\d+)\s*\)?(?!\w|\.\d)"
    r"|(?:logarithm|log)\s*(?:with\s*|to\s*(?:the\s*)?)?base[-\s]*(\d+)\s*of\s*(\d+)(?!\w|\.\d)"
)
# "To what power must 2 be raised to get 128?", "2 raised to what power gives 128?"
_LOG_POWER = rx(
    r"(?:power|exponent)\s*(?:must|should|do|does|would|will|is)?\s*(?:you|we|I|one)?\s*"
    r"(?:need to\s*)?(?:raise\s*(\d+)|(\d+)\s*(?:be\s*|is\s*)?raised)\s*(?:to\s*){0,2}"
    r"(?:get|give|obtain|make|produce|equal|reach|yield|result in)s?\s*(\d+)(?!\w|\.\d)"
    r"|(?<![\w.])(\d+)\s*(?:raised\s*)?to\s*(?:the\s*)?(?:what|which)\s*(?:power|exponent)\s*"
    r"(?:is|gives|equals|makes|yields|=|to get|to give)\s*(\d+)(?!\w|\.\d)"
)
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
def log(n: Normalised) -> str | None:
    pairs = {(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in _LOG.finditer(n.text)}
    pairs |= {(m.group(2), m.group(1)) for m in _LOG_OF.finditer(n.text)}
    pairs |= {
        (m.group(1) or m.group(2) or m.group(4), m.group(3) or m.group(5))
        for m in _LOG_POWER.finditer(n.text)
    }
    pair = one(pairs)
    if not isinstance(pair, tuple):
        return None
    base, value = (small_int(v, 12) for v in pair)
    return f"log_{{{base}}}({value})="


# ------------------------------------------------------------------ matrices

_DIMS = re.compile(r"\b\d+\s*(?:x|by|\*)\s*\d+\b(?:\s*matri)?", re.I)
_MATRIX_WORD = r"matri|\\begin\{[bp]matrix|\[\s*\["
_COUNTED = rx(r"\b\d+\s+matri\w*")
_PAREN_ROW = re.compile(r"\(\s*-?\d+(?:\s*,\s*-?\d+)+\s*\)")
_BAR_ROW = re.compile(r"\|\s*-?\d+(?:\s+-?\d+)+\s*\|")


def _outside_matrices(n: Normalised) -> str:
    """The text without its matrices and dimension words ("2x2", "2 by 2")."""
    text = re.sub(r"\\begin\{[bpv]?matrix\}.*?\\end\{[bpv]?matrix\}", " ", n.text)
    text = re.sub(r"\[\s*\[.*?\]\s*\]", " ", text)
    text = re.sub(r"\[[^\[\]]*\]", " ", text)
    text = _PAREN_ROW.sub(" ", text)  # "with rows (6, 10) and (1, 6)"
    text = _BAR_ROW.sub(" ", text)  # "| 99 54 |"
    text = _DIMS.sub(" ", text)  # before "2 matrix" goes: "the 2 * 2 matrix" is no scalar
    return _COUNTED.sub(" ", text)  # "the 2 matrices"


@_reader(
    "multiply_int_to_22_matrix",
    cues=[_MATRIX_WORD, r"multipl|scal|times|\*|\bby\b", r"integer|scalar|constant"],
    avoid=[
        r"determinant|\bdet\b|invers|invert|transpose|eigen|\badd|\bsum\b|subtract|"
        r"rank|trace|power|squared|\^"
    ],
)
def multiply_int_to_22_matrix(n: Normalised) -> str | None:
    found = matrices(n.text)
    if len(found) != 1 or len(found[0]) != 2 or len(found[0][0]) != 2:
        return None
    scalars = whole_numbers(_outside_matrices(n), max_digits=6)
    k = one(set(scalars))
    if not isinstance(k, int) or k < 0:
        return None
    return f"{k} * {_bmatrix(found[0])} ="


@_reader(
    "matrix_multiplication",
    cues=[_MATRIX_WORD, r"multipl|product|times|\*", r"two|both|following"],
    avoid=[
        r"determinant|\bdet\b|invers|invert|transpose|eigen|\badd|\bsum\b|subtract|"
        r"scalar|element-?wise|hadamard|kronecker"
    ],
)
def matrix_multiplication(n: Normalised) -> str | None:
    found = matrices(n.text)
    if len(found) != 2 or len(found[0][0]) != len(found[1]):
        return None
    if whole_numbers(_outside_matrices(n)):
        return None  # a scalar as well: not a plain product of two matrices
    return f"Multiply {_bmatrix(found[0])} and {_bmatrix(found[1])}"


@_reader(
    "int_matrix_22_determinant",
    cues=[r"determinant|\\det\b|\bdet\b|\\begin\{vmatrix\}", _MATRIX_WORD],
    avoid=[r"invers|invert|eigen|trace|transpose|adjugate|cofactor|squared|cubed|\^"],
)
def int_matrix_22_determinant(n: Normalised) -> str | None:
    found = matrices(n.text)
    if len(found) != 1 or len(found[0]) != 2 or len(found[0][0]) != 2:
        return None
    if whole_numbers(_outside_matrices(n)):
        return None  # a scalar as well: more than the determinant is asked
    return rf"\det {_bmatrix(found[0])}="


_INVERSE_MARK = re.compile(r"\^\s*\{?\s*\(?\s*-\s*1\s*\)?\s*\}?")  # "A^{-1}": no scalar


@_reader(
    "invert_matrix",
    cues=[r"invers|invert|(?-i:\b[A-Z])\s*\^\s*\{?\s*\(?-\s*1\b", _MATRIX_WORD],
    avoid=[r"eigen|transpose|pseudo|modulo|\bmod\b|solve"],
)
def invert_matrix(n: Normalised) -> str | None:
    found = matrices(n.text)
    if len(found) != 1 or len(found[0]) != len(found[0][0]) or len(found[0]) > 6:
        return None
    if whole_numbers(_INVERSE_MARK.sub(" ", _outside_matrices(n))):
        return None  # a scalar as well: more than the inverse is asked
    return f"Inverse of Matrix {_bmatrix(found[0])} is:"


# ------------------------------------------------------------------ vectors

_TUPLE3 = re.compile(r"[(<⟨]\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*[)>⟩]")


def _vectors(n: Normalised, size: int) -> list[list[int]] | None:
    """Two vectors of ``size`` integers, bracketed (or, for 3-vectors, parenthesised)."""
    lists = int_lists(n.text)
    if not lists and size == 3:
        lists = [[small_int(g) for g in m.groups()] for m in _TUPLE3.finditer(n.text)]
    found = [v for v in lists if len(v) == size]
    if len(found) != 2 or len(lists) != 2 or matrices(n.text):
        return None
    return found


_CROSS_RAW = rx(r"×|\\times|cross")
_DOT_RAW = rx(r"·|⋅|∙|\\cdot|\bdot\b|scalar product|inner product")


@_reader(
    "vector_cross",
    cues=[r"\bcross|\]\s*\*\s*\[", r"vectors?|product"],
    avoid=[
        r"\bdot\b|scalar product|inner product|angle|magnitude|norm|projection|unit"
        r"|area|triple"
    ],
)
def vector_cross(n: Normalised) -> str | None:
    vecs = _vectors(n, 3)
    if vecs is None or not _CROSS_RAW.search(n.raw or n.text) or _DOT_RAW.search(n.raw):
        return None
    (a1, a2, a3), (b1, b2, b3) = vecs
    return rf"[{a1}, {a2}, {a3}] \times [{b1}, {b2}, {b3}] ="


@_reader(
    "vector_dot",
    cues=[r"\bdot\b|scalar product|inner product|\]\s*\*\s*\[", r"vectors?"],
    avoid=[r"\bcross|angle|magnitude|norm\b|projection|unit vector|triple"],
)
def vector_dot(n: Normalised) -> str | None:
    vecs = _vectors(n, 3)
    if vecs is None or not _DOT_RAW.search(n.raw or n.text) or _CROSS_RAW.search(n.raw):
        return None
    (a1, a2, a3), (b1, b2, b3) = vecs
    return rf"[{a1}, {a2}, {a3}]\cdot[{b1}, {b2}, {b3}]="


@_reader(
    "orthogonal_projection",
    cues=[r"project", r"onto|orthogonal|vector"],
    avoid=[
        r"\bcross|\bdot product|angle|scalar projection|length of the projection"
        r"|magnitude|matri|plane"
    ],
)
def orthogonal_projection(n: Normalised) -> str | None:
    vecs = _vectors(n, 2)
    if vecs is None:
        return None
    lists = list(re.finditer(r"\[[^\[\]]*\]", n.text))
    between = n.text[lists[0].end() : lists[1].start()]
    if not rx(r"\bonto\b|\bon to\b|\bon\b").search(between):
        return None  # which vector is projected onto which is not clear
    (v1, v2), (u1, u2) = vecs
    return f"Find the orthogonal projection of [{v1}, {v2}] onto [{u1}, {u2}]"


# ------------------------------------------------------------------ interest

_RATE = rx(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:\\?%|percent\b|per cent\b)")
_YEARS = rx(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:-\s*)?(?:years?|yrs?)\b")


def _interest(n: Normalised) -> tuple[int, int, int] | None:
    rate = one(set(_RATE.findall(n.text)))
    years = one(set(_YEARS.findall(n.text)))
    if not isinstance(rate, str) or not isinstance(years, str) or "." in rate + years:
        return None
    rest = {v for v in whole_numbers(_YEARS.sub(" ", _RATE.sub(" ", n.text)), 9)}
    principal = one(rest)
    if not isinstance(principal, int) or principal <= 0:
        return None
    return principal, small_int(rate, 3), small_int(years, 3)


# "simple interest", or "interest ... (simple, not compounded)" within one sentence
_SIMPLE = r"simple interest|\bsimple\b[^.?!]{0,40}\binterest\b|\binterest\b[^.?!]{0,40}\bsimple\b"
_MONEY = (
    "{0} interest for a principle amount of {1} dollars, {2}% rate of interest and for a "
    "time period of {3} years is ="
)


@_reader(
    "simple_interest",
    cues=[_SIMPLE, r"principal|principle|invest|deposit|loan"],
    avoid=[r"compound|monthly|quarterly|per month|months|days"],
)
def simple_interest(n: Normalised) -> str | None:
    found = _interest(n)
    return None if found is None else _MONEY.format("Simple", *found)


@_reader(
    "compound_interest",
    cues=[r"compound", r"interest", r"principal|principle|invest|deposit|loan"],
    avoid=[
        _SIMPLE + r"|monthly|quarterly|semi-?annual|daily|continuous|per month|"
        r"months|days|\bweeks?\b|times a year|times per year"
    ],
    need=[r"interest"],
)
def compound_interest(n: Normalised) -> str | None:
    found = _interest(n)
    return None if found is None else _MONEY.format("Compound", *found)


# ------------------------------------------------------------------ quadratics

_QUAD = rx(
    r"(?<![\w.^])(\d*)\s*\*?\s*x\s*\^\s*\{?\s*2\s*\}?\s*\+\s*(\d*)\s*\*?\s*x\s*\+\s*(\d+)"
    r"(?:\s*=\s*0(?!\d|\.\d)|(?!\d|\.\d|\s*[-+*/^=x]))"
)  # "= 0" may be left out
_QUAD_WORDS = (
    r"quadratic|zeros?\b|roots?\b|solutions?\b|solve|equal to 0\b|equals? 0\b"
    r"|=\s*0\b|values? of x"
)
_QUAD_SHAPE = r"x\s*\^\s*\{?\s*2\b"
_QUAD_AVOID = [
    r"discriminant only|vertex|factori[sz]e|\bsum of (?:the )?roots|product of "
    r"(?:the )?roots|derivative|integra|stationary|inequalit"
    # "greater than zero", "equal to 5": not the equation = 0 the generators solve
    r"|greater|less than|more than|at least|at most|positive|negative|[<>]"
    r"|(?:equal to|equals?|=)\s*(?!0(?!\.?\d))-?\d"
]


def _quadratic(n: Normalised) -> tuple[int, int, int, bool] | None:
    """(a, b, c, compact): the one quadratic ``ax^2 + bx + c = 0`` of the text."""
    found = one({m.groups() for m in _QUAD.finditer(n.text)})
    if not isinstance(found, tuple):
        return None
    a, b, c = (small_int(g, 4) if g else 1 for g in found)
    compact = bool(re.search(r"\d*x\^\{?2\}?\+\d*x\+\d+=0", n.raw.replace("²", "^2")))
    explicit_one = bool(re.search(r"(?<![\d.])1\s*\*?\s*x", n.text))
    return a, b, c, compact or explicit_one


# Both quadratic readers have the same cues: they are one reading whose generator the
# coefficients decide, so neither may outscore (and block) the other.
@_reader(
    "quadratic_equation", cues=[_QUAD_WORDS, r"quadratic"], avoid=_QUAD_AVOID, need=[_QUAD_SHAPE]
)
def quadratic_equation(n: Normalised) -> str | None:
    found = _quadratic(n)
    if found is None:
        return None
    a, b, c, compact = found
    if max(a, b, c) < 10 and not compact:
        return None  # complex_quadratic's range and spacing: not this generator's
    return f"What are the zeros of the quadratic equation {a}x^2+{b}x+{c}=0"


@_reader(
    "complex_quadratic", cues=[_QUAD_WORDS, r"quadratic"], avoid=_QUAD_AVOID, need=[_QUAD_SHAPE]
)
def complex_quadratic(n: Normalised) -> str | None:
    found = _quadratic(n)
    if found is None:
        return None
    a, b, c, compact = found
    if max(a, b, c) >= 10 or compact:
        return None
    return (
        f"Find the roots of given Quadratic Equation {'' if a == 1 else a}x^2 + "
        f"{'' if b == 1 else b}x + {c} = 0"
    )


# ------------------------------------------------------------------ complex numbers

_COMPLEX = rx(
    r"\(\s*(-?\d+)\s*([-+])\s*(\d*)\s*\*?\s*[ij]\s*\)"
    r"|(?<![\w.)])(-?\d+)\s*\*?\s*[ij](?![\w(])"
)  # Python prints 0+13j as 13j


@_reader(
    "multiply_complex_numbers",
    cues=[r"complex|imaginary|\d\s*[ij]\s*\)", r"multipl|product|times|\*|\)\s*\("],
    avoid=[
        r"\badd|\bsum\b|plus|subtract|minus|differen|divid|quotient|conjugate|modulus|"
        r"polar|argument|magnitude|\broots?\b|quadratic|power|\^"
    ],
    need=[r"multipl|product|times|\*|[ij]\s*\)\s*\("],
)
def multiply_complex_numbers(n: Normalised) -> str | None:
    found = [m.groups() for m in _COMPLEX.finditer(n.text)]
    if len(found) != 2:
        return None
    parts = []
    for re_part, sign, im_part, pure in found:
        if pure is not None:
            parts.append(f"{small_int(pure, 6)}j")
        else:
            parts.append(f"({small_int(re_part, 6)}{sign}{small_int(im_part or '1', 6)}j)")
    return f"{parts[0]} * {parts[1]} ="


# ------------------------------------------------------------------ polynomials


@_reader(
    "combine_like_terms",
    cues=[r"like terms|combin|collect|simplif|tidy|clean up", r"expression|polynomial|terms"],
    avoid=[
        r"derivative|differentiat|integra|power rule|\bexpand|factor|=|evaluate|"
        r"\bfor x\b|\bat x\b|stationary"
    ],
    need=[r"\d\s*\*?\s*x\s*\^"],
)
def combine_like_terms(n: Normalised) -> str | None:
    terms = main_polynomial(n.text)
    if not terms or any(c < 1 or e < 1 for c, e in terms) or len(terms) > 30:
        return None
    return " + ".join(f"{c}x^{{{e}}}" for c, e in terms)


_FACTOR = r"\(\s*(-?\d*)\s*\*?\s*x\s*(?:([-+])\s*(\d+))?\s*\)"
_PRODUCT = rx(_FACTOR + r"\s*\*?\s*" + _FACTOR)


def _sign_int(z: int) -> str:
    return f"+{z}" if z > 0 else (f"-{-z}" if z < 0 else "")


@_reader(
    "expanding",
    cues=[
        r"expand|multiply out|multiplying out|distribut|\bfoil\b|product",
        r"brackets|polynomial|expression|binomial",
    ],
    avoid=[r"factor|derivative|integra|roots?\b|zeros?\b|solve|=|\^"],
    need=[r"\(\s*-?\d*\s*x\s*[-+)]"],
)
def expanding(n: Normalised) -> str | None:
    found = one({m.groups() for m in _PRODUCT.finditer(n.text)})
    if not isinstance(found, tuple):
        return None
    out = []
    for coef, sign, const in (found[:3], found[3:]):
        a = -1 if coef == "-" else (1 if coef == "" else small_int(coef, 4))
        b = 0 if const is None else small_int(const, 4) * (-1 if sign == "-" else 1)
        lead = "" if a == 1 else str(a)
        out.append(f"({lead}x{_sign_int(b)})")
    return "".join(out)


# ------------------------------------------------------------------ two variables

_EQ2 = rx(r"(?<![\w^.])((?:[-+]?\s*-?\d*\s*\*?\s*[xy](?![\w^])\s*)+)=\s*(-?\d+)(?!\d|\.\d)")
_EQ_TERM = re.compile(r"([-+]?)\s*(-?\d*)\s*\*?\s*([xy])")


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
    avoid=[r"\bz\b|x\s*\^|y\s*\^|matri|intersect|\blines?\b|slope|inequalit|graph"],
    need=[r"system|simultaneous|equations|solve|x and y|values? of x|what are x", r"y\s*=\s*-?\d"],
)
def linear_equations(n: Normalised) -> str | None:
    found = [m.groups() for m in _EQ2.finditer(n.text)]
    if len(found) != 2 or len(re.findall(r"=", n.text)) != 2:
        return None
    eqs = []
    for side, c_text in found:
        coef: dict[str, int] = {}
        for sign, digits, var in _EQ_TERM.findall(side):
            if var in coef:
                return None  # "2x + 3x": not the generator's form
            coef[var] = _coef(digits) * (-1 if sign == "-" else 1)
        # the generator prints "{c}{var}" joined by " + ", leaving out zero coefficients
        terms = [f"{coef[v]}{v}" for v in "xy" if coef.get(v)]
        if not terms:
            return None
        eqs.append(" + ".join(terms) + f" = {small_int(c_text, 6)}")
    if not all(v in " ".join(eqs) for v in "xy"):
        return None
    return f"Given the equations {eqs[0]} and {eqs[1]}, solve for x and y"


_LINE = rx(
    r"\by\s*=\s*(?:(?P<m>-?\s*\(?\s*-?\d+\s*/\s*\d+\s*\)?|-?\s*\\frac\{-?\d+\}\{\d+\}"
    r"|-?\s*\d+|-)?\s*\*?\s*x(?:\s*(?P<s>[-+])\s*(?P<b>\d+))?"
    r"(?!\w|\.\d|\s*[-+*/^]\s*[\d(x])"
    r"|(?P<c>-?\s*\d+)(?!\d|\.\d|\s*[-+*/^x]))"
)


def _line_text(m: re.Match[str]) -> str | None:
    """One line in the generator's own notation: ``y = -3/2x - 9``, ``y = x``, ``y = 5``."""
    if m.group("c") is not None:
        return f"y = {m.group('c').replace(' ', '')}"
    slope = (m.group("m") or "").replace(" ", "").replace("(", "").replace(")", "")
    frac = re.fullmatch(r"(-?)\\frac\{(-?\d+)\}\{(\d+)\}", slope)
    if frac:
        num = int(frac.group(2)) * (-1 if frac.group(1) else 1)
        slope = f"{num}/{frac.group(3)}"
    if slope.startswith("--"):
        slope = slope[2:]
    head = f"y = {slope}x"
    if m.group("b") is None or int(m.group("b")) == 0:
        return head
    return f"{head} {m.group('s')} {int(m.group('b'))}"


@_reader(
    "intersection_of_two_lines",
    cues=[r"intersect|cross|\bmeet|common point", r"lines?\b|graphs?"],
    avoid=[r"\bz\b|x\s*\^|parallel|perpendicular|angle|distance|plane|circle|parabola"],
    need=[r"\by\s*=.*\by\s*="],
)
def intersection_of_two_lines(n: Normalised) -> str | None:
    lines = [_line_text(m) for m in _LINE.finditer(n.text)]
    if len(lines) != 2 or None in lines or len(re.findall(r"=", n.text)) != 2:
        return None
    return f"Find the point of intersection of the two lines: {lines[0]} and {lines[1]}"


_POINT = rx(r"\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)")


@_reader(
    "line_equation_from_2_points",
    cues=[
        r"equation of (?:the |a )?(?:straight )?line|line (?:that )?pass|line through|"
        r"line (?:joining|connecting|containing)",
        r"points?|through",
    ],
    need=[r"\(\s*-?\d+\s*,\s*-?\d+\s*\).*\(\s*-?\d+\s*,\s*-?\d+\s*\)"],
    avoid=[
        r"\bslope\b(?!\s*-?\s*intercept)|gradient|midpoint|distance|perpendicular|parallel"
        r"|intersect|\bz\b|circle"
    ],
)
def line_equation_from_2_points(n: Normalised) -> str | None:
    points = [m.groups() for m in _POINT.finditer(n.text)]
    if len(points) != 2:
        return None
    (a, b), (c, d) = ((small_int(x, 6), small_int(y, 6)) for x, y in points)
    return f"Find the equation of the line passing through the points ({a}, {b}) and ({c}, {d})."
