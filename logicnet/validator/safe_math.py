"""Evaluating a short arithmetic expression from untrusted text, safely.

The network parses answers with ``sympy``; ``sympify`` on text from the network
can run code. This parser accepts only numbers, + - * / and parentheses
(``**``/``^`` never reach it: the scoring rules send those to the judge), with
caps on length, digits and nesting, and returns an exact ``Fraction``.
"""

from __future__ import annotations

import ast
import warnings
from fractions import Fraction

__all__ = ["MAX_EXPRESSION_CHARS", "parse_number", "safe_eval"]

MAX_EXPRESSION_CHARS = 200
MAX_DIGITS = 60
MAX_NODES = 60


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
    try:
        return _eval(tree.body)
    except (ZeroDivisionError, ValueError, OverflowError, RecursionError):
        return None


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
