"""Evaluating a short arithmetic expression from untrusted text, safely.

The network parses answers with ``sympy``; ``sympify`` on text from the network
can run code. This parser accepts only numbers, + - * / and parentheses
(``**``/``^`` never reach it: the scoring rules send those to the judge), with
caps on length, digits and nesting, and returns an exact ``Fraction``.

``safe_eval_complex`` reads the same grammar plus imaginary literals, which is
all ``sympify`` needs to see ``(-153+96j)``, Python's repr of a complex number,
as one complex value. An imaginary literal is a number written directly before
``j`` or ``J`` (``96j``, ``2.5J``, ``1e3j``), as Python writes it; with
``unit_i`` a ``i`` in the same place (``96i``) counts too. A bare unit (``i``,
``j``, ``I``) or a space between number and unit (``96 j``) is not a literal.
The value is a pair of exact Fractions; a coefficient too large for a float
(``1e999j``) is refused, as ``1e999`` is in the real grammar.
"""

from __future__ import annotations

import ast
import math
import re
import warnings
from fractions import Fraction
from typing import NamedTuple

__all__ = [
    "MAX_EXPRESSION_CHARS",
    "ComplexValue",
    "parse_number",
    "safe_eval",
    "safe_eval_complex",
]

MAX_EXPRESSION_CHARS = 200
MAX_DIGITS = 60
MAX_NODES = 60

# An "i" that ends a number literal (96i, 2.5i, 1e3i) and is not the start of a word
_UNIT_I = re.compile(r"(?<=[0-9.])i(?![0-9A-Za-z_])")


class ComplexValue(NamedTuple):
    real: Fraction
    imag: Fraction


def parse_number(text: str) -> Fraction | None:
    """A decimal literal such as ``-12``, ``.5`` or ``3.25`` as an exact Fraction."""
    text = text.strip()
    if not text or len(text) > MAX_DIGITS + 2:
        return None
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None


def safe_eval(text: str) -> Fraction | None:
    """The value of a small arithmetic expression, or None if it is anything else."""
    tree = _parse(text)
    if tree is None:
        return None
    try:
        return _eval(tree.body)
    except (ZeroDivisionError, ValueError, OverflowError, RecursionError):
        return None


def safe_eval_complex(text: str, *, unit_i: bool = False) -> ComplexValue | None:
    """The value of a small arithmetic expression over real and imaginary literals.

    ``(-153+96j)``, ``-153 + 96j`` and ``96j - 153`` all give (-153, 96); a real
    expression gives an imaginary part of 0. ``unit_i`` also reads ``96i`` as ``96j``.
    None for anything else, including a division by zero.
    """
    text = text.strip()
    if unit_i and len(text) <= MAX_EXPRESSION_CHARS:
        text = _UNIT_I.sub("j", text)
    tree = _parse(text)
    if tree is None:
        return None
    try:
        return _eval_complex(tree.body)
    except (ZeroDivisionError, ValueError, OverflowError, RecursionError):
        return None


def _parse(text: str) -> ast.Expression | None:
    """The expression tree of a short text, or None when it is too long, too big or no
    expression at all. Nothing is evaluated here."""
    text = text.strip()
    if not text or len(text) > MAX_EXPRESSION_CHARS:
        return None
    try:
        with warnings.catch_warnings():
            # "1 5" or "2x" make the parser warn on stderr; a miner's text must not reach it
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        return None
    return tree


def _eval(node: ast.expr) -> Fraction | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return Fraction(node.value) if abs(node.value) < 10**MAX_DIGITS else None
    if isinstance(node, ast.Constant) and type(node.value) is float:
        return Fraction(repr(node.value))  # the literal as written, not its binary float
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        inner = _eval(node.operand)
        if inner is None:
            return None
        return inner if isinstance(node.op, ast.UAdd) else -inner
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
        left, right = _eval(node.left), _eval(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return left / right
    return None


_ZERO = Fraction(0)


def _eval_complex(node: ast.expr) -> ComplexValue | None:
    if isinstance(node, ast.Constant) and type(node.value) is complex:
        # A literal such as 96j is purely imaginary; its coefficient is read like a float
        # literal of the real grammar (the literal as written, up to 17 significant digits).
        imag = node.value.imag
        return ComplexValue(_ZERO, Fraction(repr(imag))) if math.isfinite(imag) else None
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        real = _eval(node)
        return None if real is None else ComplexValue(real, _ZERO)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        inner = _eval_complex(node.operand)
        if inner is None or isinstance(node.op, ast.UAdd):
            return inner
        return ComplexValue(-inner.real, -inner.imag)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
        left, right = _eval_complex(node.left), _eval_complex(node.right)
        if left is None or right is None:
            return None
        (a, b), (c, d) = left, right
        if isinstance(node.op, ast.Add):
            return ComplexValue(a + c, b + d)
        if isinstance(node.op, ast.Sub):
            return ComplexValue(a - c, b - d)
        if isinstance(node.op, ast.Mult):
            return ComplexValue(a * c - b * d, a * d + b * c)
        size = c * c + d * d  # (a+bi)/(c+di) = (a+bi)(c-di) / (c²+d²)
        return ComplexValue((a * c + b * d) / size, (b * c - a * d) / size)
    return None
