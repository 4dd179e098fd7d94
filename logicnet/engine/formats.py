"""A model's answer, printed the way mathgenerator prints the answer to the same question.

Validators compare a miner's answer with the generator's own answer string (docs/network.md §6b):
the trimmed, lower-cased strings must be equal, or the numbers must agree under a rule
that gives up (and leaves the decision to a judge) as soon as the text has powers or
anything but plain arithmetic. A model that found the right value but wrote
``14x^6 + 12x`` for ``14x^{6} + 12x^{1}``, a ``pmatrix`` for a ``bmatrix``, ``x = 2 and
y = 3`` for ``x = 2, y = 3`` or ``24,137,569`` for ``24137569`` therefore wins nothing.

This module rewrites such an answer in the generator's convention, in three steps:

1. Which subtopic is asked (``asked_subtopic``): the paraphrase readers' intent scores
   (``logicnet.engine.reading``) plus the wrapper's ``Topic: X, Subtopic: Y`` line, and,
   for a bare generator sentence, the engine's own recognizers. Only a clear winner counts.
2. The model's value, read by small parsers written here for numbers, fractions, surds,
   lists, sets, matrices (nested lists, LaTeX ``bmatrix``/``pmatrix``), polynomials in x,
   points, complex numbers and labelled values. Nothing is ever handed to ``eval`` or
   ``sympify``; inputs and every intermediate number are bounded.
3. The value printed by the subtopic's formatter (``FORMATTERS``: subtopic -> formatter),
   which knows the generator's quirks (``x^{0}`` terms, ``\\frac{c}{n}`` integrals,
   Python set order, swapped variance labels, ...). A few conventions depend on the
   question's operands (how many dice, which year); they are read from the question in
   the generator's wording when a reader can render it.

The value is never changed: a formatter prints what the model said or declines. When the
subtopic is unknown or unclear, or the answer does not parse, ``render`` returns None and
``in_convention`` returns the answer unchanged.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from logicnet.engine.core import admit, hinted, parse_problem, registered
from logicnet.engine.families import load_all
from logicnet.engine.normalise import Normalised, normalise
from logicnet.engine.problem import Unreadable
from logicnet.engine.reading import HINT_BONUS, readers, unsaid

__all__ = [
    "FORMATTERS",
    "MAX_ANSWER_CHARS",
    "MAX_RENDERED_CHARS",
    "Asked",
    "asked_subtopic",
    "in_convention",
    "render",
    "render_from_reply",
]

# Without the wrapper's subtopic line, the readers' cue scores must lead by this much, or
# the leading reader must find its operands in the question (out-of-domain word problems
# often lead by one cue: measured on benchmarks/data/out-of-domain.jsonl).
CLEAR_MARGIN = 2
MAX_ANSWER_CHARS = 4000  # a longer answer is not parsed at all (a 10x10 matrix is ~800)
MAX_RENDERED_CHARS = 1200  # the longest generator answer is a 10x10 matrix product, ~810
MAX_REPLY_TAIL = 3000  # how much of a reply's end is searched for a structured answer
_MAX_DIGITS = 60  # per number literal, as the engine's bounds
_MAX_TOKENS = 600
_MAX_DEPTH = 12
_MAX_BITS = 20_000  # numerator/denominator size of any intermediate value
_MAX_EXPONENT = 64
_MAX_RADICAND = 10**7
_MAX_ITEMS = 200


class _Unparsed(Exception):
    """The text is not the shape a formatter expected."""


# --------------------------------------------------------------------------- plain text

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_SUB_RUN = re.compile(r"[₀₁₂₃₄₅₆₇₈₉]+")
_SYMBOLS = {
    "−": "-",
    "–": "-",
    "—": " - ",
    "‑": "-",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "✕": "*",
    "÷": "/",
    "√": "\\sqrt",
    "±": "\\pm ",
    "≈": "=",
    "≅": "=",
    "∞": "\\infty ",
    "⟨": "(",
    "⟩": ")",
    "∪": " union ",
    "∩": " intersection ",
    "∅": "{}",
    "Δ": " symmetric ",
    "，": ",",
    "：": ":",
    "≤": "<=",
    "≥": ">=",
}
_LATEX: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])\s*"), ""),
    (re.compile(r"\\(?:displaystyle|quad|qquad)(?![A-Za-z])"), " "),
    (re.compile(r"(?<!\\)\\[,;:! ]"), " "),
    (re.compile(r"\\[dt]frac(?![A-Za-z])"), r"\\frac"),
    (
        re.compile(r"\\(?:text|mathrm|textbf|mathbf|operatorname|textrm|boxed)\s*\{([^{}]*)\}"),
        r"\1",
    ),
    (re.compile(r"\\(?:cdot|times|ast)(?![A-Za-z])"), "*"),
    (re.compile(r"\\(?:approx|simeq|sim)(?![A-Za-z])"), "="),
    (re.compile(r"\\(?:langle)(?![A-Za-z])"), "("),
    (re.compile(r"\\(?:rangle)(?![A-Za-z])"), ")"),
    (re.compile(r"\\(?:emptyset|varnothing)(?![A-Za-z])"), "{}"),
    (re.compile(r"\\(?:cup)(?![A-Za-z])"), " union "),
    (re.compile(r"\\(?:cap)(?![A-Za-z])"), " intersection "),
    (re.compile(r"\\(?:setminus)(?![A-Za-z])"), "-"),
    (re.compile(r"\\(?:lt)(?![A-Za-z])"), "<"),
    (re.compile(r"\\(?:gt)(?![A-Za-z])"), ">"),
    (re.compile(r"\\(?:neq|ne)(?![A-Za-z])"), "!="),
    (re.compile(r"\\(?:leq|le)(?![A-Za-z])"), "<="),
    (re.compile(r"\\(?:geq|ge)(?![A-Za-z])"), ">="),
    (re.compile(r"\\([{}])"), r"\1"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"(?<=[\w)}])\*\*(?=[\d({])"), "^"),
    (re.compile(r"\\\(|\\\)|\$+|`+|\*\*"), " "),
]
_DISPLAY_OPEN = re.compile(r"(?<!\\)\\[\[\]]")


def _plain(text: str) -> str:
    """One line in one notation: ASCII operators, ``^{n}`` for superscripts, no delimiters."""
    text = _SUPER_RUN.sub(lambda m: "^{" + m.group(0).translate(_SUPERSCRIPT) + "}", text)
    text = _SUB_RUN.sub(lambda m: "_{" + m.group(0).translate(_SUBSCRIPT) + "}", text)
    for symbol, repl in _SYMBOLS.items():
        if symbol in text:
            text = text.replace(symbol, repl)
    text = _DISPLAY_OPEN.sub(" ", text)
    for pattern, repl in _LATEX:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


def _bounded(text: str) -> bool:
    """Small enough to parse: no 100 KB answers, no 5,000-digit numbers, no deep nests."""
    if len(text) > MAX_ANSWER_CHARS or re.search(rf"\d{{{_MAX_DIGITS + 1}}}", text):
        return False
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth = max(depth - 1, 0)
    return deepest <= _MAX_DEPTH


# --------------------------------------------------------------------------- numbers


def _literal(text: str) -> Fraction:
    """A decimal literal (``-12``, ``3.25``, ``1.5e3``, ``1,234``) as an exact Fraction."""
    text = text.replace(",", "").strip()
    if len(text) > _MAX_DIGITS + 8:
        raise _Unparsed(text)
    mantissa, _, exp = text.lower().partition("e")
    if exp and abs(int(exp)) > 400:
        raise _Unparsed(text)
    try:
        return Fraction(Decimal(text))
    except (InvalidOperation, ValueError) as exc:
        raise _Unparsed(text) from exc


def _plain_decimal(text: str) -> str:
    """A literal as the model wrote it, less thousands commas and a ``+``: ``1,234.50`` ->
    ``1234.50`` (``1.5e3`` stays: the validators' arithmetic reads it)."""
    return text.replace(",", "").lstrip("+")


def _slash(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _tex_signed(q: Fraction) -> str:
    """``\\frac{-8}{5}`` (the sign on the numerator) or a whole number."""
    return str(q.numerator) if q.denominator == 1 else rf"\frac{{{q.numerator}}}{{{q.denominator}}}"


def _py_float(literal: str) -> str | None:
    """How Python prints the float the literal names (``50`` -> ``50.0``), or None when that
    float is not exactly the literal's value (printing it would change the value)."""
    value = _literal(literal)
    try:
        f = float(value)
    except OverflowError:
        return None
    if not math.isfinite(f):
        return None
    return repr(f) if Fraction(repr(f)) == value else None


def _check(q: Fraction) -> Fraction:
    if q.numerator.bit_length() > _MAX_BITS or q.denominator.bit_length() > _MAX_BITS:
        raise _Unparsed("too large")
    return q


# --------------------------------------------------------------------------- surds: a + b√r


@dataclass(frozen=True)
class _Surd:
    """``a + b·√r`` with r squarefree (r = 1 and b = 0 for a rational)."""

    a: Fraction
    b: Fraction = Fraction(0)
    r: int = 1

    @property
    def rational(self) -> bool:
        return self.b == 0

    def _same(self, other: _Surd) -> int:
        if self.rational:
            return other.r
        if other.rational or other.r == self.r:
            return self.r
        raise _Unparsed("two different radicands")

    def __add__(self, other: _Surd) -> _Surd:
        return _surd(self.a + other.a, self.b + other.b, self._same(other))

    def __neg__(self) -> _Surd:
        return _Surd(-self.a, -self.b, self.r)

    def __sub__(self, other: _Surd) -> _Surd:
        return self + (-other)

    def __mul__(self, other: _Surd) -> _Surd:
        r = self._same(other)
        return _surd(
            self.a * other.a + self.b * other.b * r, self.a * other.b + self.b * other.a, r
        )

    def inverse(self) -> _Surd:
        norm = self.a * self.a - self.b * self.b * self.r
        if norm == 0:
            raise _Unparsed("division by zero")
        return _surd(self.a / norm, -self.b / norm, self.r)

    def value(self) -> float:
        return float(self.a) + float(self.b) * math.sqrt(self.r)


def _surd(a: Fraction, b: Fraction, r: int) -> _Surd:
    _check(a)
    _check(b)
    return _Surd(a, b, r) if b != 0 else _Surd(a)


def _squarefree(n: int) -> tuple[int, int]:
    """n = k²·r with r squarefree -> (k, r), by trial division (n is bounded)."""
    if n > _MAX_RADICAND:
        raise _Unparsed("radicand too large")
    k, r, f = 1, n, 2
    while f * f <= r:
        while r % (f * f) == 0:
            r //= f * f
            k *= f
        f += 1
    return k, r


def _sqrt(x: _Surd) -> _Surd:
    if not x.rational or x.a < 0:
        raise _Unparsed("not a square root of a non-negative rational")
    # √(p/q) = √(p·q) / q
    p, q = x.a.numerator, x.a.denominator
    k, r = _squarefree(p * q)
    if r == 1:
        return _Surd(Fraction(k, q))
    return _Surd(Fraction(0), Fraction(k, q), r)


# --------------------------------------------------------------------------- expressions

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)|(?P<cmd>\\[A-Za-z]+)"
    r"|(?P<word>sqrt)|(?P<op>[-+*/^(){}\[\]]))"
)
Node = tuple  # ("num", Fraction) | (op, child, ...): a small syntax tree


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    at, text = 0, text.strip()
    while at < len(text):
        m = _TOKEN.match(text, at)
        if m is None or m.end() == at:
            raise _Unparsed(text[at : at + 10])
        kind = m.lastgroup or ""
        value = m.group(kind)
        if kind == "word":
            kind, value = "cmd", "\\sqrt"
        if kind == "cmd" and value not in ("\\frac", "\\sqrt", "\\pm", "\\mp"):
            raise _Unparsed(value)
        out.append((kind, value))
        at = m.end()
        if len(out) > _MAX_TOKENS:
            raise _Unparsed("too many tokens")
    return out


class _Parser:
    """Recursive descent over + - * / ^, \\frac, \\sqrt, ± and implicit products."""

    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (value is not None and tok[1] != value):
            raise _Unparsed(f"expected {value}")
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.expr()
        if self.peek() is not None:
            raise _Unparsed("trailing text")
        return node

    def enter(self) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH * 4:
            raise _Unparsed("too deep")

    def expr(self) -> Node:
        self.enter()
        tok = self.peek()
        if tok is not None and tok[1] in ("\\pm", "\\mp"):
            self.take()
            node: Node = ("pm", ("num", Fraction(0)), self.term(), tok[1] == "\\mp")
        else:
            node = self.term()
        while (tok := self.peek()) is not None and tok[1] in ("+", "-", "\\pm", "\\mp"):
            self.take()
            right = self.term()
            if tok[1] in ("\\pm", "\\mp"):
                node = ("pm", node, right, tok[1] == "\\mp")
            else:
                node = ("add" if tok[1] == "+" else "sub", node, right)
        self.depth -= 1
        return node

    def term(self) -> Node:
        node = self.unary()
        while (tok := self.peek()) is not None:
            if tok[1] in ("*", "/"):
                self.take()
                node = ("mul" if tok[1] == "*" else "div", node, self.unary())
            elif tok[0] == "num" or tok[1] in ("(", "{", "\\frac", "\\sqrt"):
                node = ("mul", node, self.power())  # "2\sqrt{3}", "2(3)"
            else:
                break
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok is not None and tok[1] in ("-", "+"):
            self.take()
            self.enter()
            inner = self.unary()
            self.depth -= 1
            return ("neg", inner) if tok[1] == "-" else inner
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if (tok := self.peek()) is not None and tok[1] == "^":
            self.take()
            sign = 1
            if (t := self.peek()) is not None and t[1] in ("{", "("):
                close = "}" if t[1] == "{" else ")"
                self.take()
                if (s := self.peek()) is not None and s[1] in ("-", "+"):
                    sign = -1 if self.take()[1] == "-" else 1
                exp = self.take()
                self.take(close)
            else:
                if (s := self.peek()) is not None and s[1] == "-":
                    sign = -1
                    self.take()
                exp = self.take()
            if exp[0] != "num" or not exp[1].isdigit() or int(exp[1]) > _MAX_EXPONENT:
                raise _Unparsed("exponent")
            return ("pow", base, sign * int(exp[1]))
        return base

    def group(self, close: str) -> Node:
        inner = self.expr()
        self.take(close)
        return inner

    def atom(self) -> Node:
        self.enter()
        try:
            return self._atom()
        finally:
            self.depth -= 1

    def _atom(self) -> Node:
        tok = self.take()
        kind, value = tok
        if kind == "num":
            return ("num", _literal(value))
        if value == "(":
            return self.group(")")
        if value == "{":
            return self.group("}")
        if value == "\\frac":
            self.take("{")
            top = self.group("}")
            self.take("{")
            return ("div", top, self.group("}"))
        if value == "\\sqrt":
            nxt = self.peek()
            if nxt is not None and nxt[1] == "[":
                raise _Unparsed("a root other than the square root")
            if nxt is not None and nxt[1] in ("{", "("):
                self.take()
                return ("sqrt", self.group("}" if nxt[1] == "{" else ")"))
            return ("sqrt", self.atom())
        raise _Unparsed(value)


def _evaluate(node: Node, sign: int) -> _Surd:
    op = node[0]
    if op == "num":
        return _Surd(_check(node[1]))
    if op == "neg":
        return -_evaluate(node[1], sign)
    if op == "sqrt":
        return _sqrt(_evaluate(node[1], sign))
    if op == "pow":
        base, exp = _evaluate(node[1], sign), node[2]
        if not base.rational:
            raise _Unparsed("power of a surd")
        if base.a == 0 and exp < 0:
            raise _Unparsed("division by zero")
        bits = max(base.a.numerator.bit_length(), base.a.denominator.bit_length())
        if bits * abs(exp) > _MAX_BITS:
            raise _Unparsed("power too large")
        return _Surd(base.a**exp)
    left, right = _evaluate(node[1], sign), _evaluate(node[2], sign)
    if op == "add":
        return left + right
    if op == "sub":
        return left - right
    if op == "mul":
        return left * right
    if op == "div":
        return left * right.inverse()
    if op == "pm":
        flip = -1 if node[3] else 1
        return left + right if sign * flip > 0 else left - right
    raise _Unparsed(op)


def _has_pm(node: Node) -> bool:
    return node[0] == "pm" or any(isinstance(c, tuple) and _has_pm(c) for c in node[1:])


def _values(text: str) -> list[_Surd]:
    """The value(s) of an expression: two when it has a ±, one otherwise."""
    node = _Parser(text).parse()
    if _has_pm(node):
        return [_evaluate(node, 1), _evaluate(node, -1)]
    return [_evaluate(node, 1)]


def _value(text: str) -> _Surd:
    found = _values(text)
    if len(found) != 1:
        raise _Unparsed("±")
    return found[0]


def _rational(text: str) -> Fraction:
    """A rational number written as a literal, a fraction or a small arithmetic expression."""
    text = text.strip()
    if not text:
        raise _Unparsed("empty")
    value = _value(text)
    if not value.rational:
        raise _Unparsed("irrational")
    return value.a


# --------------------------------------------------------------------------- shapes


def _split_top(text: str, seps: str = ",") -> list[str]:
    """Split at separators outside any brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    if len(parts) > _MAX_ITEMS:
        raise _Unparsed("too many items")
    return [p.strip() for p in parts]


def _unwrap(text: str, pairs: str = "[](){}") -> tuple[str, str]:
    """``[1, 2]`` -> (``[``, ``1, 2``) when one bracket pair encloses the whole text."""
    text = text.strip()
    for i in range(0, len(pairs), 2):
        o, c = pairs[i], pairs[i + 1]
        if len(text) >= 2 and text[0] == o and text[-1] == c:
            depth = 0
            for j, ch in enumerate(text):
                depth += ch in "([{"
                depth -= ch in ")]}"
                if depth == 0 and j < len(text) - 1:
                    break
            else:
                return o, text[1:-1]
    return "", text


_AND = re.compile(r"(?<!\s)\s*(?:(?:,\s*)?\band\b|&|;)\s*", re.I)


def _items(text: str, allow_and: bool = True) -> list[str]:
    """List items: ``[1, 2, 3]``, ``{1, 2}``, ``(1, 2)``, ``1, 2 and 3``."""
    _, inner = _unwrap(text)
    if allow_and:
        inner = _AND.sub(", ", inner)
    items = _split_top(inner)
    if any(not item for item in items):
        raise _Unparsed("empty item")
    return items


_ENV = re.compile(
    r"\\begin\{(?P<kind>[pbvBV]?matrix|array)\}(?:\{[^{}]*\})?(?P<body>.*?)\\end\{(?P=kind)\}",
    re.S,
)


def _matrix(text: str) -> list[list[Fraction]]:
    """A matrix from LaTeX (``bmatrix``, ``pmatrix``, ``array``), nested lists
    (``[[1, 2], [3, 4]]``, NumPy's ``[[1 2] [3 4]]``) or ``[1, 2; 3, 4]``."""
    text = text.strip()
    found = list(_ENV.finditer(text))
    if found:
        if len(found) != 1:
            raise _Unparsed("several matrices")
        m = found[0]
        rest = (text[: m.start()] + text[m.end() :]).strip(" =.")
        if rest:
            raise _Unparsed("text around the matrix")
        rows = [r for r in re.split(r"\\\\", m.group("body")) if r.strip()]
        cells = [[c.strip() for c in row.split("&")] for row in rows]
    else:
        opener, inner = _unwrap(text, "[]()")
        if not opener:
            raise _Unparsed("no matrix")
        if ";" in inner and "[" not in inner:
            cells = [_split_top(row.strip(), ", ") for row in inner.split(";")]
            cells = [[c for c in row if c] for row in cells]
        else:
            row_texts = _split_top(inner)
            if len(row_texts) == 1:  # NumPy: "[1 2] [3 4]" with no commas between rows
                row_texts = [r for r in re.findall(r"[\[(][^\[\]()]*[\])]", inner)]
            cells = []
            for row in row_texts:
                o, body = _unwrap(row, "[]()")
                if not o:
                    raise _Unparsed("a row without brackets")
                parts = _split_top(body) if "," in body else body.split()
                cells.append([p for p in parts if p])
    if not cells or len({len(r) for r in cells}) != 1 or not cells[0]:
        raise _Unparsed("ragged matrix")
    if sum(len(r) for r in cells) > _MAX_ITEMS:
        raise _Unparsed("too many cells")
    return [[_rational(c) for c in row] for row in cells]


def _vector(text: str) -> list[Fraction]:
    """``[1, 2, 3]``, ``(1, 2, 3)``, ``<1, 2, 3>``, a column or row matrix, ``i - 2j + 3k``."""
    text = text.strip()
    if _ENV.search(text):
        rows = _matrix(text)
        if len(rows) == 1:
            return rows[0]
        if all(len(r) == 1 for r in rows):
            return [r[0] for r in rows]
        raise _Unparsed("not a vector")
    if re.search(r"[ijk](?![a-z])", text) and not re.search(r"[a-hl-z]", text.replace("\\hat", "")):
        return _unit_vector(text)
    if text.startswith("<") and text.endswith(">"):
        text = "(" + text[1:-1] + ")"
    opener, _ = _unwrap(text, "[]()")
    if not opener:
        raise _Unparsed("no brackets")
    return [_rational(item) for item in _items(text, allow_and=False)]


def _unit_vector(text: str) -> list[Fraction]:
    text = re.sub(r"\\hat\s*\{?([ijk])\}?|\\mathbf\s*\{?([ijk])\}?", r"\1\2", text).replace(" ", "")
    comps = {"i": Fraction(0), "j": Fraction(0), "k": Fraction(0)}
    seen = set()
    for m in re.finditer(r"([-+]?)([\d./]*)\*?([ijk])", text):
        if m.group(3) in seen:
            raise _Unparsed("repeated component")
        seen.add(m.group(3))
        mag = _rational(m.group(2)) if m.group(2) else Fraction(1)
        comps[m.group(3)] = -mag if m.group(1) == "-" else mag
    rest = re.sub(r"([-+]?)([\d./]*)\*?([ijk])", "", text)
    if rest or not seen:
        raise _Unparsed("not i/j/k components")
    return [comps["i"], comps["j"], comps["k"]]


# --------------------------------------------------------------------------- polynomials in x

_FRAC_WITH_X = re.compile(r"\\frac\{([^{}]*?)x(\^\{?\d+\}?)?\}\{([^{}]+)\}")
_TERM = re.compile(
    r"(?P<coef>(?:\\frac\{[^{}]+\}\{[^{}]+\}|\([^()]+\)|\d+(?:\.\d+)?(?:/\d+)?)?)"
    r"\*?(?P<x>x(?:\^(?:\{(?P<e1>-?\d+)\}|\((?P<e2>-?\d+)\)|(?P<e3>\d+)))?)?"
    r"(?:/(?P<den>\d+))?"
)


def _poly_terms(text: str) -> tuple[list[tuple[Fraction, int]], bool]:
    """``14x^6 + 12x - 3`` -> ([(14, 6), (12, 1), (-3, 0)], False); the flag says ``+ C``."""
    text = text.replace("**", "^").replace(" ", "")
    text = _FRAC_WITH_X.sub(
        lambda m: rf"\frac{{{m.group(1) or 1}}}{{{m.group(3)}}}x{m.group(2) or ''}", text
    )
    if not text:
        raise _Unparsed("empty")
    pieces: list[tuple[int, str]] = []
    depth, start, sign = 0, 0, 1
    if text[0] in "+-":
        sign, start = (-1 if text[0] == "-" else 1), 1
    for i in range(start, len(text)):
        ch = text[i]
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif ch in "+-" and depth == 0 and text[i - 1] not in "^{(":
            pieces.append((sign, text[start:i]))
            sign, start = (-1 if ch == "-" else 1), i + 1
    pieces.append((sign, text[start:]))
    if len(pieces) > _MAX_ITEMS:
        raise _Unparsed("too many terms")
    terms: list[tuple[Fraction, int]] = []
    constant_c = False
    for s, piece in pieces:
        if piece in ("C", "c", "K"):
            constant_c = True
            continue
        m = _TERM.fullmatch(piece)
        if m is None or not piece:
            raise _Unparsed(piece)
        coef_text = m.group("coef")
        coef = _rational(coef_text) if coef_text else Fraction(1)
        if m.group("x"):
            exp_text = m.group("e1") or m.group("e2") or m.group("e3")
            exp = int(exp_text) if exp_text else 1
        else:
            if not coef_text:
                raise _Unparsed(piece)
            exp = 0
        if m.group("den"):
            coef /= int(m.group("den")) or 1
        if exp < 0 or exp > 1000:
            raise _Unparsed("exponent")
        terms.append((s * coef, exp))
    return terms, constant_c


def _combined(terms: list[tuple[Fraction, int]]) -> dict[int, Fraction]:
    total: dict[int, Fraction] = {}
    for c, e in terms:
        total[e] = total.get(e, Fraction(0)) + c
    return {e: c for e, c in total.items() if c != 0}


def _after_equals(text: str) -> str:
    """What follows the last ``=`` (``f'(x) = 2x`` -> ``2x``), or the text itself."""
    return text.rsplit("=", 1)[-1].strip() if "=" in text else text


_LEAD_WORDS = re.compile(
    r"^(?:(?:so|thus|hence|therefore|then|finally|in\s+conclusion)\b[,:]?\s*)?"
    r"(?:(?:we\s+get|we\s+have|it\s+is|this\s+gives)\b:?\s*)?"
    r"(?:(?:the\s+)?(?:final\s+)?(?:answer|result|derivative|integral|antiderivative|product|"
    r"solution|simplified\s+(?:form|expression)|expansion|expanded\s+form|value)s?"
    r"(?:\s+(?:is|are|equals|=))?\s*:?\s*)?",
    re.I,
)


def _expression(text: str) -> str:
    text = _after_equals(text)
    return _LEAD_WORDS.sub("", text).strip().rstrip(".")


# --------------------------------------------------------------------------- the question asked


@dataclass(frozen=True)
class Asked:
    """The subtopic a question asks, and its text in the generator's wording when a reader
    could render it (else the question without its wrapper)."""

    topic: str
    subtopic: str
    canonical: str


def _ensure_loaded() -> None:
    load_all()


@functools.lru_cache(maxsize=256)
def asked_subtopic(question: str) -> Asked | None:
    """The one subtopic that clearly wins, or None (unknown, tied, or too large to read)."""
    _ensure_loaded()
    text = admit(question)
    if text is None:
        return None
    problem = parse_problem(text)
    n = normalise(text)
    scores: dict[tuple[str, str], int] = {}
    if n is not None:
        said = unsaid(n.text)
        for entry in readers():
            key = (entry.topic, entry.subtopic)
            scores[key] = max(scores.get(key, 0), entry.score(n, said))
    if problem.subtopic_hint:
        for topic, subtopic in FORMATTERS:
            if hinted(problem, subtopic):
                key = (topic, subtopic)
                scores[key] = max(scores.get(key, 0), HINT_BONUS)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] > 0:
        winner, best = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if best <= second or winner not in FORMATTERS:
            return None  # a tie: two subtopics are as likely
        canonical = _read(winner, n)
        if canonical is None and best - second < CLEAR_MARGIN and not hinted(problem, winner[1]):
            return None  # a narrow lead, no wrapper line, no operands: not clear
        return Asked(winner[0], winner[1], canonical or problem.text)
    # a bare generator sentence: the engine's recognizers know its wording
    names = {(r.topic, r.subtopic) for r in registered() if r.pattern.search(problem.text)}
    if len(names) != 1:
        return None
    winner = names.pop()
    if winner not in FORMATTERS:
        return None
    return Asked(winner[0], winner[1], _read(winner, n) or problem.text)


def _read(winner: tuple[str, str], n: Normalised | None) -> str | None:
    """The question in the generator's wording, when the subtopic's reader can render it."""
    if n is None:
        return None
    for entry in readers():
        if (entry.topic, entry.subtopic) != winner:
            continue
        try:
            read = entry.read(n)
        except (Unreadable, ArithmeticError):
            read = None
        text = read if read is None or isinstance(read, str) else read.wording()
        if text:
            return " ".join(text.split())
    return None


def _operands(asked: Asked, pattern: str) -> re.Match[str] | None:
    return re.search(pattern, asked.canonical.replace("$", ""), re.I)


# --------------------------------------------------------------------------- formatters

Formatter = Callable[[str, Asked], "str | None"]


def _scalar(prefix: str = "", suffix: str = "") -> Formatter:
    """One number, printed as the model wrote it (no thousands commas) with the generator's
    prefix and unit: ``1,734 square meters`` -> ``1734 m^2``."""

    def fmt(text: str, asked: Asked) -> str | None:
        return _one_number(text, prefix, suffix)

    return fmt


_UNIT_POWER = re.compile(r"\b[a-zA-Z]{1,12}\s*\^\s*\{?\s*[23]\s*\}?")
_NUMBER_TOKEN = re.compile(
    r"(?<![\w.^])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s*/\s*\d+)?(?![\w.])"
    r"|(?<![\w.^])[-+]?\.\d+(?![\w.])"
)
_NOT_A_UNIT = re.compile(
    r"\b(?:and|or|minus|plus|times|over|sqrt|pi|not|no|x|y|i|j|e)\b|\\|[<>=^]", re.I
)


_REMARK = re.compile(r"\s*\((?=[^()]*(?<![\\A-Za-z])[A-Za-z]{2})[^()]*\)")  # "(to 4 places)"


def _one_number(text: str, prefix: str, suffix: str) -> str | None:
    tail = _expression(_REMARK.sub(" ", text))
    for candidate in (tail, tail.split(":")[-1], re.split(r"\bis\b", tail)[-1]):
        body = _UNIT_POWER.sub(" ", candidate.replace("%", " ").replace("$", " "))
        found = list(_NUMBER_TOKEN.finditer(body))
        if len(found) != 1:
            continue
        rest = body[: found[0].start()] + " " + body[found[0].end() :]
        if re.search(r"\d", rest) or _NOT_A_UNIT.search(rest):
            continue
        literal = found[0].group(0).replace(" ", "")
        number = _plain_decimal(literal)
        return f"{prefix}{number}{suffix}"
    return None


def _integer(text: str, asked: Asked) -> str | None:
    out = _one_number(text, "", "")
    if out is None or not re.fullmatch(r"-?\d+(?:\.0+)?", out):
        return None
    return out.split(".")[0]


def _fraction_slash(text: str, asked: Asked) -> str | None:
    """basic_algebra: ``x = 0.2`` -> ``1/5`` (the generator prints p/q or an integer)."""
    try:
        return _slash(_rational(_expression(text)))
    except (_Unparsed, ZeroDivisionError):
        return None


def _fraction_multiplication(text: str, asked: Asked) -> str | None:
    """``\\frac{p}{q}`` reduced; a whole product keeps the unreduced ``\\frac{ac}{bd}``."""
    value = _rational(_expression(text))
    if value.denominator != 1:
        return rf"\frac{{{value.numerator}}}{{{value.denominator}}}"
    m = _operands(asked, r"\\frac\{(\d+)\}\{(\d+)\}\s*\\cdot\s*\\frac\{(\d+)\}\{(\d+)\}")
    if m is None:
        return None
    a, b, c, d = (int(g) for g in m.groups())
    if b * d == 0 or Fraction(a * c, b * d) != value:
        return None
    return rf"\frac{{{a * c}}}{{{b * d}}}"


def _dice(text: str, asked: Asked) -> str | None:
    """``\\frac{n}{6^k}``, unreduced over all outcomes of k dice."""
    expr = _expression(text)
    literal = re.fullmatch(r"(\d+)\s*/\s*(\d+)", expr)
    m = _operands(asked, r"(\d+) dice")
    if m is not None and 1 <= int(m.group(1)) <= 10:
        outcomes = 6 ** int(m.group(1))
        value = _rational(expr)
        count = value * outcomes
        if count.denominator != 1 or not 0 <= value <= 1:
            return None
        return rf"\frac{{{count.numerator}}}{{{outcomes}}}"
    if literal and re.fullmatch(r"6+|36|216|1296|7776|46656", literal.group(2)) is not None:
        q = int(literal.group(2))
        if q in (6, 36, 216, 1296, 7776, 46656):
            return rf"\frac{{{int(literal.group(1))}}}{{{q}}}"
    return None


def _percent(tex: bool) -> Formatter:
    return _scalar(suffix="\\%" if tex else "%")


# ---- yes / no


_NEGATION = re.compile(
    r"\b(?:not|no|isn't|isnt|cannot|can't|doesn't|does not|never|neither|nor|invalid|"
    r"impossible|violates?|fails?|false)\b",
    re.I,
)


def _yes_no(positive: str, negative: str = "") -> Formatter:
    """``Yes``/``No`` from ``Yes, 83 is prime``, ``66 is not prime``, ``it is composite``:
    ``positive`` words say yes, ``negative`` words say no, a negation turns them round."""

    def fmt(text: str, asked: Asked) -> str | None:
        low = text.lower().strip()
        first = re.match(r"^(yes|no|true|false)\b", low)
        if first:
            return "Yes" if first.group(1) in ("yes", "true") else "No"
        negated = _NEGATION.search(low) is not None
        if re.search(positive, low):
            return "No" if negated else "Yes"
        if negative and re.search(negative, low):
            return "Yes" if negated else "No"
        return None

    return fmt


def _symbol(text: str, asked: Asked) -> str | None:
    """``<``, ``>`` or ``=``: a bare symbol or word, or ``5/6 > 4/6`` turned round when its
    left side is the question's second operand."""
    plain = text.strip().rstrip(".")
    words = {
        "<": r"\b(?:less|smaller|lower)\b",
        ">": r"\b(?:greater|larger|bigger|more)\b",
        "=": r"\b(?:equal|same)\b",
    }
    if plain in ("<", ">", "="):
        return plain
    stated = re.search(r"\b(?:symbol|sign|answer)\s+is\s*:?\s*([<>=])$", plain, re.I)
    if stated:
        return stated.group(1)
    found = re.findall(r"<=|>=|!=|<|>|=", plain)
    if len(found) != 1 or found[0] not in ("<", ">", "="):
        if not found:
            hits = [s for s, w in words.items() if re.search(w, plain, re.I)]
            if len(hits) == 1 and re.fullmatch(r"[\w\s]+", plain):
                return hits[0]
        return None
    symbol = found[0]
    left, right = (s.strip() for s in plain.split(symbol, 1))
    first, second = _question_sides(asked)
    if first is None or not left or not right:
        return symbol if not left and not right else None
    if _same_side(left, first) and _same_side(right, second):
        return symbol
    if _same_side(left, second) and _same_side(right, first):
        return {"<": ">", ">": "<", "=": "="}[symbol]
    return None


def _question_sides(asked: Asked) -> tuple[str | None, str | None]:
    m = _operands(asked, r"between (.+?) and (.+?)\?")
    if m is None:
        m = _operands(asked, r"Fill in the blanks (.+?) _ (.+)$")
    return (m.group(1), m.group(2)) if m else (None, None)


def _same_side(answer_side: str, question_side: str | None) -> bool:
    if question_side is None:
        return False
    nums_a = re.findall(r"\d+(?:\.\d+)?", answer_side)
    nums_q = re.findall(r"\d+(?:\.\d+)?", question_side)
    if nums_a and nums_a == nums_q:
        return True
    try:
        return _rational(answer_side) == _rational(question_side.replace("$", ""))
    except (_Unparsed, ZeroDivisionError):
        return False


# ---- polynomials


def _poly_answer(text: str) -> tuple[list[tuple[Fraction, int]], bool]:
    return _poly_terms(_expression(text))


def _question_terms(asked: Asked) -> list[tuple[int, int]] | None:
    """The generator's ``c x^{e} + ...`` operand, when the question shows it."""
    m = _operands(asked, r"((?:\d+x\^\{\d+\})(?: \+ \d+x\^\{\d+\})*)")
    if m is None:
        return None
    return [(int(c), int(e)) for c, e in re.findall(r"(\d+)x\^\{(\d+)\}", m.group(1))]


def _derivative(text: str, asked: Asked) -> str | None:
    """Power-rule derivative: ``c x^{n}`` per term, ``x^{1}`` and ``x^{0}`` spelled out, in
    the question's term order (the generator never combines like terms)."""
    terms, plus_c = _poly_answer(text)
    if plus_c or not terms or any(c.denominator != 1 for c, _ in terms):
        return None
    given = _question_terms(asked)
    if given:
        expected = [(c * e, e - 1) for c, e in given]
        if _combined([(Fraction(c), e) for c, e in expected]) == _combined(terms):
            return " + ".join(f"{c}x^{{{e}}}" for c, e in expected)
    if any(c <= 0 for c, _ in terms):
        return None
    return " + ".join(f"{c.numerator}x^{{{e}}}" for c, e in terms)


def _integral(text: str, asked: Asked) -> str | None:
    """The generator's antiderivative: term c·x^{n+1} printed ``\\frac{c·n}{n}x^{n+1}``
    (it divides by the old exponent), then ``+ C``."""
    terms, _ = _poly_answer(text)
    if not terms:
        return None
    given = _question_terms(asked)
    if given and all(e >= 1 for _, e in given):
        expected = [(Fraction(c, e), e + 1) for c, e in given]
        if _combined(expected) == _combined(terms):
            return " + ".join(rf"\frac{{{c}}}{{{e}}}x^{{{e + 1}}}" for c, e in given) + " + C"
    out = []
    for c, m in terms:
        top = c * (m - 1)
        if m < 2 or top.denominator != 1 or top <= 0:
            return None
        out.append(rf"\frac{{{top.numerator}}}{{{m - 1}}}x^{{{m}}}")
    return " + ".join(out) + " + C"


def _combine_like_terms(text: str, asked: Asked) -> str | None:
    """Like terms added, powers ascending, every coefficient printed: ``1x^{18}``."""
    terms, plus_c = _poly_answer(text)
    total = _combined(terms)
    if plus_c or not total or any(c.denominator != 1 or c <= 0 for c in total.values()):
        return None
    return " + ".join(f"{total[e].numerator}x^{{{e}}}" for e in sorted(total))


def _sign_int(z: int) -> str:
    return f"+{z}" if z > 0 else (f"-{-z}" if z < 0 else "")


_GENERATOR_EXPANSION = re.compile(r"(?:-?\d+)?x\^2(?:[-+]\d+)?x(?:[-+]\d+)?")


def _expanding(text: str, asked: Asked) -> str | None:
    """``ax^2+bx+c`` the generator's way: no spaces, ``-1x^2``, an empty x coefficient for
    0 or +1, no constant for 0."""
    shown = _expression(text).replace(" ", "")
    if _GENERATOR_EXPANSION.fullmatch(shown):
        return shown  # already the generator's own (lossy) form
    terms, plus_c = _poly_answer(text)
    total = _combined(terms)
    if plus_c or not total or any(e > 2 or c.denominator != 1 for e, c in total.items()):
        return None
    sq, mid, const = (int(total.get(e, 0)) for e in (2, 1, 0))
    if sq == 0:
        return None  # "x^2" would be printed: not this value
    lead = _sign_int(sq)
    lead = "" if lead == "+1" else lead.lstrip("+")
    middle = _sign_int(mid)
    middle = "" if middle == "+1" else middle
    return f"{lead}x^2{middle}x{_sign_int(const)}"


def _line_terms(text: str) -> tuple[Fraction, Fraction, Fraction] | None:
    """``y = mx + b``, ``ky = mx + b`` or (the answer path drops a lone ``y =``) ``mx + b``
    -> (k, m, b); a bare number is not a line."""
    text = text.replace(" ", "")
    if "x" not in text and "y" not in text:
        return None
    k = Fraction(1)
    if "=" in text:
        lhs, rhs = text.rsplit("=", 1)
        m = re.fullmatch(r"(-?\d*)y", lhs)
        if m is None:
            return None
        k = (
            Fraction(int(m.group(1)))
            if m.group(1) not in ("", "-")
            else Fraction(-1 if m.group(1) else 1)
        )
    else:
        rhs = text
    terms, plus_c = _poly_terms(rhs)
    total = _combined(terms)
    if plus_c or any(e > 1 for e in total) or k == 0:
        return None
    return k, total.get(1, Fraction(0)) / k, total.get(0, Fraction(0)) / k


def _line_from_points(text: str, asked: Asked) -> str | None:
    """``y=\\frac{9}{11}x+\\frac{40}{11}``: no spaces, a signed intercept (``+0`` too)."""
    parsed = _line_terms(_LEAD_WORDS.sub("", text).strip().rstrip("."))
    if parsed is None:
        return None
    _, slope, intercept = parsed
    if intercept.denominator == 1:
        tail = f"{intercept.numerator:+d}"
    else:
        sign = "+" if intercept > 0 else "-"
        tail = rf"{sign}\frac{{{abs(intercept.numerator)}}}{{{intercept.denominator}}}"
    if slope == 0:
        return f"y={tail}"
    if slope.denominator == 1:
        lead = {1: "", -1: "-"}.get(slope.numerator, str(slope.numerator))
        return f"y={lead}x{tail}"
    return rf"y=\frac{{{slope.numerator}}}{{{slope.denominator}}}x{tail}"


def _coefficient(c: int) -> str:
    return {1: "", -1: "-"}.get(c, str(c))


def _line_equation(text: str, asked: Asked) -> str | None:
    """``11y = 9x + 40``: y's coefficient the slope's denominator, an integer constant."""
    parsed = _line_terms(_LEAD_WORDS.sub("", text).strip().rstrip("."))
    if parsed is None:
        return None
    _, slope, intercept = parsed
    q, p = slope.denominator, slope.numerator
    k = intercept * q
    if k.denominator != 1:
        return None
    k_int = k.numerator
    if p == 0:
        return f"y = {k_int}"
    if k_int > 0:
        return f"{_coefficient(q)}y = {_coefficient(p)}x + {k_int}"
    return f"{_coefficient(q)}y = {_coefficient(p)}x {k_int}"


# ---- lists, vectors, matrices


def _bmatrix(rows: list[list[str]]) -> str:
    return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(r) for r in rows) + r" \end{bmatrix}"


def _matrix_of(show: Callable[[Fraction], str]) -> Formatter:
    def fmt(text: str, asked: Asked) -> str | None:
        rows = _matrix(_LEAD_WORDS.sub("", _after_matrix_equals(text)).strip().rstrip("."))
        return _bmatrix([[show(v) for v in row] for row in rows])

    return fmt


def _after_matrix_equals(text: str) -> str:
    """The matrix after the last ``=`` outside it (``AB = \\begin{...}``)."""
    envs = list(_ENV.finditer(text))
    if envs:
        return envs[-1].group(0)
    return _after_equals(text)


def _whole(q: Fraction) -> str:
    if q.denominator != 1:
        raise _Unparsed("not a whole number")
    return str(q.numerator)


def _vector_of(show: Callable[[Fraction], str], size: int) -> Formatter:
    def fmt(text: str, asked: Asked) -> str | None:
        values = _vector(_LEAD_WORDS.sub("", _after_matrix_equals(text)).strip().rstrip("."))
        if len(values) != size:
            return None
        return "[" + ", ".join(show(v) for v in values) + "]"

    return fmt


def _int_list(text: str, asked: Asked) -> list[int]:
    body = _expression(text)
    values = [_rational(item) for item in _items(body)]
    if any(v.denominator != 1 for v in values):
        raise _Unparsed("not integers")
    return [int(v) for v in values]


def _factor_list(text: str, asked: Asked) -> str | None:
    """``factors``/``common_factors``: ``[1, 2, 4]``, ascending."""
    values = _int_list(text, asked)
    if len(set(values)) != len(values) or any(v <= 0 for v in values):
        return None
    return str(sorted(values))


def _prime_factors(text: str, asked: Asked) -> str | None:
    """``2, 2, 41`` from ``2 × 2 × 41``, ``2^2 · 41`` or ``[2, 2, 41]``, ascending."""
    body = _expression(text)
    if "*" in body:
        factors: list[int] = []
        for part in body.split("*"):
            m = re.fullmatch(r"\s*(\d+)\s*(?:\^\s*\{?\s*(\d+)\s*\}?)?\s*", part)
            if m is None:
                return None
            count = int(m.group(2) or 1)
            if count > 64:
                return None
            factors += [int(m.group(1))] * count
    else:
        factors = _int_list(body, asked)
    if not factors or any(f < 2 for f in factors):
        return None
    return ", ".join(map(str, sorted(factors)))


_PARALLEL = re.compile(
    r"\bno (?:solution|intersection|point)|parallel"
    r"|do(?:es)? not (?:intersect|meet)|never (?:intersect|meet)"
)


def _point(text: str, asked: Asked) -> str | None:
    """``(x, y)`` in a/b form (``\\frac`` when the question writes its slopes that way), or
    ``No Solution`` for parallel lines."""
    low = text.lower()
    if _PARALLEL.search(low):
        return "No Solution"
    body = _LEAD_WORDS.sub("", text).strip().rstrip(".")
    xy = _assignments(body)
    if xy is not None and set(xy) == {"x", "y"}:
        x, y = xy["x"], xy["y"]
    else:
        body = re.sub(r"^\(?\s*x\s*,\s*y\s*\)?\s*=\s*", "", body)
        at = re.fullmatch(r"[A-Za-z ]*\b(?:at|is)\s+(\(.*\))", body)
        if at:
            body = at.group(1)  # "the lines intersect at (-18, 76)"
        values = _items(_after_equals(body), allow_and=False)
        if len(values) != 2 or not body.lstrip().startswith("("):
            return None
        x, y = _rational(values[0]), _rational(values[1])
    show = _tex_signed if "\\frac" in asked.canonical else _slash
    return f"({show(x)}, {show(y)})"


_ASSIGNMENT = re.compile(
    r"\b([xy])(?:_\{?\d\}?)?\s*=\s*([^=,;]+?)(?=\s*(?:,|;|\band\b|\b[xy]\s*=|$))"
)


def _assignments(text: str) -> dict[str, Fraction] | None:
    found = _ASSIGNMENT.findall(text)
    if not found:
        return None
    out: dict[str, Fraction] = {}
    for name, value in found:
        if name in out:
            return None
        out[name] = _rational(value.strip().rstrip("."))
    rest = _ASSIGNMENT.sub("", text)
    if re.search(r"\d", rest):
        return None
    return out


def _system(text: str, asked: Asked) -> str | None:
    """``x = 20, y = -2`` (a/b for fractions), from ``x = 20 and y = -2``, ``(20, -2)``."""
    body = _LEAD_WORDS.sub("", text).strip().rstrip(".")
    xy = _assignments(body)
    if xy is None:
        pair = re.sub(r"^\(\s*x\s*,\s*y\s*\)\s*=\s*", "", body)
        if not pair.startswith("("):
            return None
        values = _items(pair, allow_and=False)
        if len(values) != 2:
            return None
        xy = {"x": _rational(values[0]), "y": _rational(values[1])}
    want = _operands(asked, r"solve for (x and y|x|y)\b")
    names = want.group(1) if want else "x and y"
    if names in ("x", "y"):
        return _slash(xy[names]) if names in xy else None
    if set(xy) != {"x", "y"}:
        return None
    return f"x = {_slash(xy['x'])}, y = {_slash(xy['y'])}"


# ---- complex numbers


_COMPLEX = re.compile(
    r"(?P<re>[-+]?\d+(?:\.\d+)?)?\s*(?:(?P<sign>[-+])\s*(?P<im>\d+(?:\.\d+)?)?\s*\*?\s*[ij])?"
)
_IMAG_ONLY = re.compile(r"(?P<im>[-+]?\d*(?:\.\d+)?)\s*(?:\*\s*)?[ij]")


def _complex_parts(text: str) -> tuple[Fraction, Fraction]:
    body = text.replace(" ", "")
    _, body = _unwrap(body, "()")
    m = _IMAG_ONLY.fullmatch(body)
    if m:
        im = m.group("im")
        return Fraction(0), _literal(im) if im not in ("", "+", "-") else Fraction(
            -1 if im == "-" else 1
        )
    m = _COMPLEX.fullmatch(body)
    if m is None or m.group("re") is None:
        # "bi + a": imaginary part first
        swapped = re.fullmatch(r"([-+]?\d*(?:\.\d+)?)\*?[ij]([-+]\d+(?:\.\d+)?)", body)
        if swapped is None:
            raise _Unparsed(text)
        im = swapped.group(1)
        imag = _literal(im) if im not in ("", "+", "-") else Fraction(-1 if im == "-" else 1)
        return _literal(swapped.group(2)), imag
    real = _literal(m.group("re"))
    if m.group("sign") is None:
        return real, Fraction(0)
    imag = _literal(m.group("im")) if m.group("im") else Fraction(1)
    return real, -imag if m.group("sign") == "-" else imag


def _complex_product(text: str, asked: Asked) -> str | None:
    """Python's complex repr, as the generator prints ``z1 * z2``: ``(404+0j)``, ``5j``."""
    real, imag = _complex_parts(_expression(text))
    return repr(complex(float(real), float(imag)))


# ---- roots


def _root_values(text: str) -> list[_Surd]:
    """Every root stated: ``x = a, x = b``, ``x = a ± b``, ``{a, b}``, ``a and b``."""
    body = _LEAD_WORDS.sub("", text).strip().rstrip(".")
    body = re.sub(
        r"\b(?:roots?|zeros?|solutions?|points?|x-values?)\b\s*(?:are|is|:)?", " ", body, flags=re.I
    )
    body = re.sub(r"\bx\s*(?:_\{?\d\}?|\d)?\s*=", ",", body)
    body = re.sub(r"\b(?:and|or)\b|;", ",", body)
    opener, inner = _unwrap(body.strip().strip(","), "{}[]()")
    parts = [p for p in _split_top(inner if opener else body) if p.strip()]
    if not parts or len(parts) > 4:
        raise _Unparsed("no roots")
    values: list[_Surd] = []
    for part in parts:
        values += _values(part)
    return values


def _quadratic_set(text: str, asked: Asked) -> str | None:
    """The repr of the Python set ``{larger, smaller}`` of the two floats (the generator's
    insertion order), one element when they are equal."""
    body = _LEAD_WORDS.sub("", text).strip().rstrip(".")
    body = re.sub(r"\bx\s*(?:_\{?\d\}?|\d)?\s*=", ",", body)
    body = re.sub(r"\b(?:and|or)\b|;", ",", body)
    _, inner = _unwrap(body.strip().strip(","), "{}[]()")
    parts = [p.strip() for p in _split_top(inner) if p.strip()]
    if not 1 <= len(parts) <= 2 or not all(re.fullmatch(r"[-+]?\d+(?:\.\d+)?", p) for p in parts):
        return None
    floats = []
    for part in parts:
        shown = _py_float(part)
        if shown is None:
            return None
        floats.append(float(shown))
    ordered: set[float] = set()
    for value in sorted(floats, reverse=True):
        ordered.add(value)
    return str(ordered)


def _complex_quadratic(text: str, asked: Asked) -> str | None:
    """``((r1, r2)) = (\\frac{-b + s}{2*a}, ...)``: the question's coefficients give the form;
    the model's two real roots must be the generator's (rounded to 3 places)."""
    m = _operands(asked, r"(\d*)x\^2 \+ (\d*)x \+ (\d+) = 0")
    if m is None:
        return None
    a, b, c = (int(g) if g else 1 for g in m.groups())
    d = b * b - 4 * a * c
    if d < 0 or a == 0:
        return None
    r1, r2 = round((-b + d**0.5) / (2 * a), 3), round((-b - d**0.5) / (2 * a), 3)
    own = re.match(r"\(\((.+?)\)\)\s*=", text)  # the generator's own "((r1, r2)) = ..."
    stated = sorted(round(v.value(), 3) for v in _root_values(own.group(1) if own else text))
    if stated != sorted([r1, r2]) and not (r1 == r2 and stated == [r1]):
        return None
    s = math.isqrt(d)
    if s * s == d:
        form = rf"(\frac{{{-b} + {s}}}{{2*{a}}}, \frac{{{-b} - {s}}}{{2*{a}}})"
    else:
        root = rf"\sqrt{{{d}}}"
        form = rf"(\frac{{{-b} + {root}}}{{2*{a}}}, (\frac{{{-b} - {root}}}{{2*{a}}})"
    return f"(({r1}, {r2})) = {form}"


def _latex_rational(q: Fraction) -> str:
    if q.denominator == 1:
        return str(q.numerator)
    sign = "- " if q < 0 else ""
    return rf"{sign}\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"


def _latex_surd(coef: Fraction, radicand: int) -> str:
    top = rf"\sqrt{{{radicand}}}"
    if coef.numerator != 1:
        top = f"{coef.numerator} {top}"
    return top if coef.denominator == 1 else rf"\frac{{{top}}}{{{coef.denominator}}}"


def _stationary_points(text: str, asked: Asked) -> str | None:
    """sympy's LaTeX of the set of roots, ascending: ``{- \\frac{2}{3} - \\frac{2
    \\sqrt{10}}{15}, - \\frac{2}{3} + \\frac{2 \\sqrt{10}}{15}}``."""
    values = _root_values(text)
    unique: list[_Surd] = []
    for v in values:
        if v not in unique:
            unique.append(v)
    if len(unique) > 2:
        return None
    if all(v.rational for v in unique):
        ordered = sorted(unique, key=lambda v: v.a)
        return "{" + ", ".join(_latex_rational(v.a) for v in ordered) + "}"
    if len(unique) != 2:
        return None
    lo, hi = sorted(unique, key=lambda v: v.value())
    if lo.a != hi.a or lo.r != hi.r or lo.b != -hi.b or hi.a > 0:
        return None
    surd = _latex_surd(abs(hi.b), hi.r)
    if hi.a == 0:
        return "{" + f"- {surd}, {surd}" + "}"
    centre = _latex_rational(hi.a)
    return "{" + f"{centre} - {surd}, {centre} + {surd}" + "}"


# ---- surds and exact values


def _simplify_root(text: str, asked: Asked) -> str | None:
    """``a\\sqrt{b}``, ``\\sqrt{b}`` or a whole number."""
    value = _value(_expression(text))
    if value.rational:
        return _whole(value.a) if value.a > 0 else None
    if value.a != 0 or value.b <= 0 or value.b.denominator != 1:
        return None
    k = value.b.numerator
    return rf"\sqrt{{{value.r}}}" if k == 1 else rf"{k}\sqrt{{{value.r}}}"


_TRIG_VALUES = [
    (_Surd(Fraction(0)), "0"),
    (_Surd(Fraction(1, 2)), "\\frac{1}{2}"),
    (_Surd(Fraction(0), Fraction(1, 2), 2), "\\frac{1}{\\sqrt{2}}"),
    (_Surd(Fraction(0), Fraction(1, 2), 3), "\\frac{\\sqrt{3}}{2}"),
    (_Surd(Fraction(1)), "1"),
    (_Surd(Fraction(0), Fraction(1, 3), 3), "\\frac{1}{\\sqrt{3}}"),
    (_Surd(Fraction(0), Fraction(1), 3), "\\sqrt{3}"),
]
_TRIG_ROUNDED = {
    0.0: "0",
    0.5: "\\frac{1}{2}",
    0.71: "\\frac{1}{\\sqrt{2}}",
    0.87: "\\frac{\\sqrt{3}}{2}",
    1.0: "1",
    0.58: "\\frac{1}{\\sqrt{3}}",
    1.73: "\\sqrt{3}",
}


def _basic_trigonometry(text: str, asked: Asked) -> str | None:
    """The generator's table of exact values (``\\frac{\\sqrt{3}}{2}``, ``\\infty``)."""
    expr = _expression(text)
    if re.search(r"\\infty|\binfinit|\bundefined\b|does not exist", expr, re.I):
        return "\\infty"
    value = _value(expr)
    for exact, shown in _TRIG_VALUES:
        if value == exact:
            return shown
    if value.rational and re.fullmatch(r"\d+\.\d{2,}", expr):
        return _TRIG_ROUNDED.get(round(float(value.a), 2))
    return None


_TRIG_DERIVATIVES = {
    "cos": r"\cos",
    "-sin": r"-\sin",
    "sec^2": r"\sec^{{2}}",
    "-csc^2": r"-\csc^{{2}}",
    "sectan": r"\sec \cdot \tan",
    "tansec": r"\sec \cdot \tan",
    "-csccot": r"-\csc \cdot \cot",
    "-cotcsc": r"-\csc \cdot \cot",
}


def _trig_derivative(text: str, asked: Asked) -> str | None:
    """``-csc(x)cot(x)``, ``sec²x``, ``−sin x`` -> the generator's table entry."""
    body = _expression(text).lower()
    body = re.sub(r"\\|\(x\)|\s|\*|\(|\)|\{|\}", "", body)
    body = body.replace("x", "")  # the variable: no function name here has an x
    body = body.replace("cosec", "csc")
    return _TRIG_DERIVATIVES.get(body)


# ---- sentences and special notations


def _power_of_powers(text: str, asked: Asked) -> str | None:
    _, body = _unwrap(_expression(text), "()")
    m = re.fullmatch(r"\(?\s*(\d+)\s*\)?\s*\^\s*\{?\s*(\d+)\s*\}?", body)
    return f"{m.group(1)}^{{{m.group(2)}}}" if m else None


def _scientific(text: str, asked: Asked) -> str | None:
    """``2.82 \\times 10^{124}`` from ``2.82 × 10^124``, ``2.82e124`` or ``28.2 × 10^123``."""
    body = _expression(text).replace(" ", "")
    m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)(?:\*|x)10\^\{?([-+]?\d+)\}?", body)
    if m is None:
        m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)[eE]([-+]?\d+)", body)
    if m is None:
        return None
    mantissa, exponent = Decimal(m.group(1)), int(m.group(2))
    if abs(exponent) > 10_000 or mantissa <= 0:
        return None
    while mantissa > 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    while mantissa < 1:
        mantissa, exponent = mantissa * 10, exponent - 1
    shown = _py_float(str(mantissa))
    if shown is None:
        return None
    return f"{shown} \\times 10^{{{exponent}}}"


def _digits_in_base(text: str, asked: Asked) -> str | None:
    """``base_conversion``: the digits alone (``(44532)_7``, ``44532₇``, ``0b1010``), upper
    case letters, checked against the question's target base."""
    body = _expression(text).replace(" ", "")
    body = re.sub(r"\(base\d+\)|base\d+$", "", body, flags=re.I)
    m = re.fullmatch(r"(?:0[bo])?\(?([0-9A-Za-z]+?)\)?(?:_\{?(\d+)\}?)?", body)
    if m is None:
        return None
    digits, sub = m.group(1).upper(), m.group(2)
    want = _operands(asked, r"to base (\d+)")
    base = int(want.group(1)) if want else (int(sub) if sub else None)
    if base is None or not 2 <= base <= 36 or (sub and int(sub) != base):
        return None
    if any(int(ch, 36) >= base for ch in digits):
        return None
    return digits.lstrip("0") or "0"


def _hex(text: str, asked: Asked) -> str | None:
    """``0x28e``: Python's ``hex()``. A bare number is read as hexadecimal, decimal or
    binary only when exactly that reading is the question's number."""
    body = _expression(text).replace(" ", "")
    body = re.sub(r"\((?:hex|hexadecimal|base16)\)$", "", body, flags=re.I)
    binary = re.fullmatch(r"(?:0b)?\(?([01]+)\)?(?:_\{?2\}?)", body)
    if binary:
        return hex(int(binary.group(1), 2))  # "1010_2": the digits say their base
    m = re.fullmatch(r"(0[xX])?([0-9A-Fa-f]+)(?:_\{?16\}?|h)?", body)
    if m is None:
        return None
    digits = m.group(2)
    if m.group(1) or re.search(r"[A-Fa-f]", digits) or body != m.group(2):
        return hex(int(digits, 16))
    q = _operands(asked, r"^([01]+)$|Binary of (\d+)|Hexadecimal of (\d+)")
    if q is None:
        return None
    target = int(q.group(1), 2) if q.group(1) else int(q.group(2) or q.group(3))
    readings = {hex(int(digits, 16))} if int(digits, 16) == target else set()
    if int(digits) == target:
        readings.add(hex(target))
    if set(digits) <= {"0", "1"} and int(digits, 2) == target:
        readings.add(hex(target))
    return readings.pop() if len(readings) == 1 else None


def _bits(text: str, asked: Asked) -> str | None:
    """``binary_2s_complement``: the bits without leading zeros."""
    body = _expression(text).replace(" ", "")
    m = re.fullmatch(r"(?:0b)?([01]+)(?:_\{?2\}?)?", body)
    if m is None:
        return None
    return m.group(1).lstrip("0") or None


def _leap_year(text: str, asked: Asked) -> str | None:
    low = text.lower()
    years = set(re.findall(r"\b\d{3,4}\b", low))
    q = _operands(asked, r"Is (\d+) a leap year")
    if q is not None:
        if years - {q.group(1)}:
            return None
        year = q.group(1)
    elif len(years) == 1:
        year = years.pop()
    else:
        return None
    if re.match(r"^(?:yes|true)\b", low):
        leap = True
    elif re.match(r"^(?:no|false)\b", low):
        leap = False
    elif "leap" in low:
        leap = _NEGATION.search(low) is None
    else:
        return None
    return f"{year} is{'' if leap else ' not'} a leap year"


def _hours_minutes(text: str, asked: Asked) -> str | None:
    body = _after_equals(text).lower()
    m = re.search(
        r"(\d+)\s*(?:hours?|hrs?|h)\b[\s,]*(?:and\s*)?(\d+)\s*(?:minutes?|mins?|m)\b", body
    )
    if m is None:
        m = re.fullmatch(r"\s*(\d+):(\d{2})\s*(?:hours?|hrs?|h)?\s*", body)
    if m is None:
        return None
    hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes >= 60:
        return None
    return f"{hours} hours and {minutes} minutes"


_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.I)


def _progression(text: str, asked: Asked) -> str | None:
    """The generator's sentence: ``The value of a is 6, common ratio is 12 , 11th term is
    ..., sum upto 8th term is 234535470.0`` (the sum as Python's float prints it)."""
    q = _operands(asked, r"common ratio, (\d+)th term value, sum upto (\d+)th term")
    ords = [int(n) for n in _ORDINAL.findall(text)]
    if q is not None:
        n_term, sum_term = int(q.group(1)), int(q.group(2))
    elif len(ords) == 2:
        n_term, sum_term = ords
    else:
        return None
    body = _ORDINAL.sub(" ", text)
    body = re.sub(
        r"\b(?:first|S|a|T)\s*_\s*\{?\d+\}?|\bS\d+\b|\bfirst\s+\d+\b|\b\d+\s+terms\b", " ", body
    )
    numbers = re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", body.replace(",", " , "))
    values = [n for n in numbers if n not in ()]
    if len(values) != 4:
        return None
    a, r, nth, total = (_literal(v) for v in values)
    if any(v.denominator != 1 for v in (a, r, nth, total)) or r in (0, 1) or a == 0:
        return None
    a_i, r_i = int(a), int(r)
    if max(n_term, sum_term) * math.log10(abs(r_i) + 1) > 300 or n_term < 1:
        return None
    if a_i * r_i ** (n_term - 1) != nth or a_i * (r_i**sum_term - 1) // (r_i - 1) != total:
        return None
    shown = a_i * ((r_i**sum_term - 1) / (r_i - 1))
    return (
        f"The value of a is {a_i}, common ratio is {r_i} , {n_term}th term is {int(nth)}, "
        f"sum upto {sum_term}th term is {shown}"
    )


_SET = re.compile(r"\{([^{}]*)\}|set\(\)")


def _python_set(items: list[int]) -> set[int]:
    built: set[int] = set()
    for x in items:
        built.add(x)
    return built


def _printed_sets(shown: list[int]) -> list[set[int]]:
    """CPython sets whose iteration order is ``shown``. Five or more small integers sit in
    a 32-slot table in value order; fewer share 8 slots, where the order depends on how
    they were inserted, so each insertion order is tried."""
    if len(set(shown)) != len(shown) or len(shown) > 10:
        return []
    orders = [shown] if len(shown) > 4 else list(itertools.permutations(shown))
    return [built for order in orders if list(built := _python_set(list(order))) == shown]


def _set_operation(text: str, asked: Asked) -> str | None:
    """Five sets (union, intersection, a-b, b-a, symmetric difference) in CPython's order."""
    groups = []
    for m in _SET.finditer(text):
        body = m.group(1) if m.group(0) != "set()" else ""
        items = [s for s in (p.strip() for p in (body or "").split(",")) if s]
        if not all(re.fullmatch(r"-?\d+", s) for s in items):
            return None
        groups.append([int(s) for s in items])
    if len(groups) != 5:
        return None
    union, inter, a_b, b_a, sym = (set(g) for g in groups)
    if union != a_b | b_a | inter or sym != a_b | b_a or inter & sym:
        return None
    q = _operands(asked, r"a=\{([\d, ]+)\}, b=\{([\d, ]+)\}")
    if q is None:
        sets = [_python_set(sorted(g)) for g in (union, inter, a_b, b_a, sym)]
        return _set_sentence(sets)
    sentences = set()
    for a in _printed_sets([int(v) for v in q.group(1).split(",")]):
        for b in _printed_sets([int(v) for v in q.group(2).split(",")]):
            if (a | b, a & b, a - b, b - a, a ^ b) != (union, inter, a_b, b_a, sym):
                return None  # not the question's sets: another value
            sentences.add(
                _set_sentence(
                    [a.union(b), a.intersection(b), a.difference(b), b.difference(a), a ^ b]
                )
            )
    return sentences.pop() if len(sentences) == 1 else None


def _set_sentence(sets: list[set[int]]) -> str:
    s = [str(x) for x in sets]  # "set()" when empty, as the generator prints it
    return (
        f"Union is {s[0]}. Intersection is {s[1]}, a-b is {s[2]}, b-a is {s[3]}. "
        f"Symmetric difference is {s[4]}."
    )


_LABELLED = re.compile(
    r"(?P<label>mean|average|median|standard\s+deviation|std(?:\.|\s+dev\.?)?|s\.d\.|sd|\\sigma\s*\^\s*\{?2\}?|"
    r"\\sigma|sigma|variance|var)\b[^\d\-+]{0,25}?(?P<value>[-+]?\d+(?:\.\d+)?)",
    re.I,
)


def _labelled(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _LABELLED.finditer(text.replace("σ", "\\sigma")):
        label = m.group("label").lower()
        if label.startswith(("mean", "average")):
            key = "mean"
        elif label.startswith("median"):
            key = "median"
        elif label.startswith("var") or "2" in label:
            key = "variance"
        else:
            key = "sd"
        if key in out and out[key] != m.group("value"):
            raise _Unparsed("two values for one label")
        out[key] = m.group("value")
    return out


def _data_summary(text: str, asked: Asked) -> str | None:
    """``The Mean is m, Standard Deviation is v, Variance is s``: the generator labels the
    variance as the standard deviation and the other way round."""
    found = _labelled(text)
    if set(found) != {"mean", "sd", "variance"}:
        return None
    sd, var = _literal(found["sd"]), _literal(found["variance"])
    if sd > 0 and abs(sd * sd - var) <= var * Fraction(1, 10**6):
        big, small = found["variance"], found["sd"]  # the true labels: swap them
    elif var > 0 and abs(var * var - sd) <= sd * Fraction(1, 10**6):
        big, small = found["sd"], found["variance"]  # already the generator's labels
    else:
        return None
    mean = _py_float(found["mean"])
    big_f, small_f = _py_float(big), _py_float(small)
    if mean is None or big_f is None or small_f is None:
        return None
    return f"The Mean is {mean}, Standard Deviation is {big_f}, Variance is {small_f}"


def _mean_median(text: str, asked: Asked) -> str | None:
    found = _labelled(text)
    if set(found) != {"mean", "median"}:
        return None
    mean, median = _py_float(found["mean"]), _py_float(found["median"])
    if mean is None or median is None:
        return None
    return (
        f"Arithmetic mean of the series is {mean} and Arithmetic median of this series is {median}"
    )


def _interval(text: str, asked: Asked) -> str | None:
    """``(upper, lower)``: the generator prints the upper bound first."""
    body = _LEAD_WORDS.sub("", _after_equals(text)).strip().rstrip(".")
    body = re.sub(r"\bto\b|\band\b", ",", body)
    _, inner = _unwrap(body, "()[]")
    parts = [p.strip() for p in _split_top(inner)]
    if len(parts) != 2 or not all(re.fullmatch(r"-?\d+(?:\.\d+)?", p) for p in parts):
        return None
    shown = [_py_float(p) for p in parts]
    if None in shown:
        return None
    lo, hi = sorted(shown, key=lambda s: float(s or 0))
    return f"({hi}, {lo})"


# --------------------------------------------------------------------------- the table

_M2, _M3 = " m^2", " m^3"

FORMATTERS: dict[tuple[str, str], Formatter] = {
    # calculus
    ("calculus", "power_rule_differentiation"): _derivative,
    ("calculus", "power_rule_integration"): _integral,
    ("calculus", "trig_differentiation"): _trig_derivative,
    ("calculus", "definite_integral"): _scalar(),
    ("calculus", "stationary_points"): _stationary_points,
    # algebra
    ("algebra", "basic_algebra"): _fraction_slash,
    ("algebra", "log"): _integer,
    ("algebra", "multiply_int_to_22_matrix"): _matrix_of(_whole),
    ("algebra", "linear_equations"): _system,
    ("algebra", "intersection_of_two_lines"): _point,
    ("algebra", "vector_cross"): _vector_of(_whole, 3),
    ("algebra", "simple_interest"): _scalar(),
    ("algebra", "matrix_multiplication"): _matrix_of(_whole),
    ("algebra", "quadratic_equation"): _quadratic_set,
    ("algebra", "multiply_complex_numbers"): _complex_product,
    ("algebra", "vector_dot"): _integer,
    ("algebra", "invert_matrix"): _matrix_of(_slash),
    ("algebra", "int_matrix_22_determinant"): _integer,
    ("algebra", "compound_interest"): _scalar(),
    ("algebra", "complex_quadratic"): _complex_quadratic,
    ("algebra", "combine_like_terms"): _combine_like_terms,
    ("algebra", "expanding"): _expanding,
    ("algebra", "line_equation_from_2_points"): _line_from_points,
    ("algebra", "orthogonal_projection"): _vector_of(_tex_signed, 2),
    # basic_math
    ("basic_math", "fraction_to_decimal"): _scalar(),
    ("basic_math", "fraction_multiplication"): _fraction_multiplication,
    ("basic_math", "factorial"): _integer,
    ("basic_math", "compare_fractions"): _symbol,
    ("basic_math", "cube_root"): _scalar(),
    ("basic_math", "exponentiation"): _integer,
    ("basic_math", "absolute_difference"): _integer,
    ("basic_math", "percentage"): _scalar(),
    ("basic_math", "is_prime"): _yes_no(r"\bprime\b", r"\bcomposite\b"),
    ("basic_math", "power_of_powers"): _power_of_powers,
    ("basic_math", "percentage_difference"): _percent(tex=False),
    ("basic_math", "percentage_error"): _percent(tex=True),
    ("basic_math", "greatest_common_divisor"): _integer,
    ("basic_math", "is_composite"): _yes_no(r"\bcomposite\b", r"\bprime\b"),
    ("basic_math", "simplify_square_root"): _simplify_root,
    # geometry
    ("geometry", "area_of_triangle"): _scalar(),
    ("geometry", "valid_triangle"): _yes_no(r"\b(?:exists?|valid|possible|can|forms?|satisf)"),
    ("geometry", "pythagorean_theorem"): _scalar(),
    ("geometry", "angle_regular_polygon"): _scalar(),
    ("geometry", "surface_area_cube"): _scalar(suffix=_M2),
    ("geometry", "surface_area_cuboid"): _scalar(suffix=_M2),
    ("geometry", "surface_area_cylinder"): _scalar(suffix=_M2),
    ("geometry", "volume_cube"): _scalar(suffix=_M3),
    ("geometry", "volume_cuboid"): _scalar(suffix=_M3),
    ("geometry", "volume_cylinder"): _scalar(suffix=_M3),
    ("geometry", "surface_area_cone"): _scalar(suffix=_M2),
    ("geometry", "volume_cone"): _scalar(suffix=_M3),
    ("geometry", "fourth_angle_of_quadrilateral"): _scalar(),
    ("geometry", "basic_trigonometry"): _basic_trigonometry,
    ("geometry", "sum_of_polygon_angles"): _scalar(),
    ("geometry", "surface_area_sphere"): _scalar(suffix=_M2),
    ("geometry", "volume_sphere"): _scalar(suffix=_M3),
    ("geometry", "angle_btw_vectors"): _scalar(suffix=" radians"),
    ("geometry", "sector_area"): _scalar(),
    ("geometry", "degree_to_rad"): _scalar(),
    ("geometry", "radian_to_deg"): _scalar(),
    ("geometry", "curved_surface_area_cylinder"): _scalar(),
    ("geometry", "perimeter_of_polygons"): _scalar(),
    ("geometry", "circumference"): _scalar(),
    ("geometry", "arc_length"): _scalar(prefix="Arc length of the angle = "),
    ("geometry", "area_of_circle"): _scalar(),
    ("geometry", "volume_cone_frustum"): _scalar(suffix=_M3),
    ("geometry", "equation_of_line_from_two_points"): _line_equation,
    ("geometry", "area_of_circle_given_center_and_point"): _scalar(),
    ("geometry", "volume_hemisphere"): _scalar(suffix=_M3),
    ("geometry", "volume_pyramid"): _scalar(suffix=_M3),
    ("geometry", "surface_area_pyramid"): _scalar(suffix=_M2),
    ("geometry", "complementary_and_supplementary_angle"): _scalar(),
    ("geometry", "area_of_trapezoid"): _scalar(),
    # misc
    ("misc", "prime_factors"): _prime_factors,
    ("misc", "common_factors"): _factor_list,
    ("misc", "surds_comparison"): _symbol,
    ("misc", "profit_loss_percent"): _scalar(),
    ("misc", "geometric_progression"): _progression,
    ("misc", "geometric_mean"): _scalar(),
    ("misc", "harmonic_mean"): _scalar(),
    ("misc", "euclidian_norm"): _scalar(),
    ("misc", "celsius_to_fahrenheit"): _scalar(),
    ("misc", "arithmetic_progression_term"): _scalar(),
    ("misc", "arithmetic_progression_sum"): _scalar(),
    ("misc", "complex_to_polar"): _scalar(),
    ("misc", "set_operation"): _set_operation,
    ("misc", "base_conversion"): _digits_in_base,
    ("misc", "quotient_of_power_same_base"): _scalar(),
    ("misc", "quotient_of_power_same_power"): _scalar(),
    ("misc", "is_leap_year"): _leap_year,
    ("misc", "minutes_to_hours"): _hours_minutes,
    ("misc", "signum_function"): _integer,
    ("misc", "factors"): _factor_list,
    ("misc", "product_of_scientific_notations"): _scientific,
    ("misc", "velocity_of_object"): _scalar(suffix=" m/s"),
    # statistics
    ("statistics", "combinations"): _integer,
    ("statistics", "permutation"): _integer,
    ("statistics", "dice_sum_probability"): _dice,
    ("statistics", "confidence_interval"): _interval,
    ("statistics", "data_summary"): _data_summary,
    ("statistics", "mean_median"): _mean_median,
    ("statistics", "conditional_probability"): _percent(tex=False),
    # computer_science
    ("computer_science", "nth_fibonacci_number"): _integer,
    ("computer_science", "binary_to_hex"): _hex,
    ("computer_science", "binary_2s_complement"): _bits,
    ("computer_science", "decimal_to_hexadeci"): _hex,
    ("computer_science", "decimal_to_bcd"): _integer,
    ("computer_science", "nth_tribonacci_number"): _integer,
}

# Kinds whose answer may span lines or run past the answer path's 300 characters: the
# reply's tail is searched for them when the extracted answer did not parse.
_STRUCTURED = {
    name
    for name, fmt in FORMATTERS.items()
    if name[1]
    in (
        "multiply_int_to_22_matrix",
        "matrix_multiplication",
        "invert_matrix",
        "linear_equations",
        "set_operation",
        "data_summary",
        "mean_median",
        "geometric_progression",
    )
}


# --------------------------------------------------------------------------- entry points


def _apply(fmt: Formatter, text: str, asked: Asked) -> str | None:
    try:
        out = fmt(text, asked)
    except (
        _Unparsed,
        ArithmeticError,
        ValueError,
        OverflowError,
        IndexError,
        KeyError,
        RecursionError,
    ):
        return None  # not a value of this shape
    if out is None or len(out) > MAX_RENDERED_CHARS:
        return None
    return out


def render(answer: str, question: str) -> str | None:
    """``answer`` in the generator's convention for the subtopic ``question`` asks, or None
    when the subtopic is not clear or the answer is not a value of that subtopic's shape."""
    if not answer or not question or not _bounded(answer):
        return None
    asked = asked_subtopic(question)
    if asked is None:
        return None
    return _first(FORMATTERS[(asked.topic, asked.subtopic)], answer, asked)


# "X. I hope it is correct.", "X. This follows from the power rule.": a sentence after the value
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")


def _first(fmt: Formatter, text: str, asked: Asked) -> str | None:
    """The formatter's answer for the text, or for its first sentence."""
    opening = _opening(text)
    out = _apply(fmt, opening, asked)
    if out is None:
        cut = _SENTENCE_END.split(opening, maxsplit=1)
        if len(cut) == 2:
            out = _apply(fmt, _opening(cut[0]), asked)
    return out


_TRAILING_REMARK = re.compile(r"\s*\((?=[^()]*(?<![\\A-Za-z])[A-Za-z]{3})[^()]*\)\s*\.?\s*$")


def _opening(text: str) -> str:
    """Plain text without a leading "So, the answer is", a trailing "(by the power rule)"
    or a closing brace nothing opened."""
    text = _LEAD_WORDS.sub("", _plain(text), count=1).strip()
    text = _TRAILING_REMARK.sub("", text)
    while text.endswith("}") and text.count("}") > text.count("{"):
        text = text[:-1].rstrip()
    return text


def in_convention(answer: str, question: str) -> str:
    """``render``'s answer, or ``answer`` itself when there is none."""
    return render(answer, question) or answer


_MARKER = re.compile(
    r"final\s+answer\b(?:\s+(?:is|are))?\s*[:=]?"
    r"|\b(?:answer|result)s?\b\s*(?:(?:is|are)\b\s*[:=]?|[:=])"
    r"|\btherefore\b|\bthus\b|\bhence\b|\bso\b,?\s+the\b|\\boxed",
    re.I,
)


def _tails(reply: str, structured: bool) -> Iterator[str]:
    """Where a final answer may sit when no "final answer" line states it: the last line;
    what follows the last marker ("Answer:", "therefore", ...); for structured subtopics,
    the last matrix or nested list after that marker."""
    tail = reply[-MAX_REPLY_TAIL:]
    lines = [line for line in tail.splitlines() if line.strip()]
    if lines:
        yield lines[-1]
    marks = list(_MARKER.finditer(tail))
    if marks:
        tail = tail[marks[-1].end() :]  # what follows the last marker, and only that
        after = tail.lstrip(" ,:*=\n")
        if structured:
            yield after
        else:
            paragraphs = [p for p in after.split("\n\n") if p.strip(" *$\n")]
            if paragraphs:
                yield paragraphs[0]
    if not structured:
        return
    envs = list(_ENV.finditer(tail))
    if envs:
        yield envs[-1].group(0)
    nested = list(re.finditer(r"\[\s*\[[^\[\]]*\](?:\s*(?:,\s*)?\[[^\[\]]*\])*\s*\]", tail))
    if nested:
        yield nested[-1].group(0)


def render_from_reply(reply: str, question: str) -> str | None:
    """The answer a reply states without a "final answer" line (under an "Answer:"
    heading, on its last line, a matrix over several lines), in the generator's
    convention; None when the subtopic is unclear or nothing there parses."""
    if not reply or not question:
        return None
    asked = asked_subtopic(question)
    if asked is None:
        return None
    name = (asked.topic, asked.subtopic)
    fmt = FORMATTERS[name]
    for tail in _tails(reply, name in _STRUCTURED):
        if not tail.strip() or not _bounded(tail):
            continue
        out = _first(fmt, tail, asked)
        if out is not None:
            return out
    return None
