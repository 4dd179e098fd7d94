"""Paraphrase readers for mathgenerator's ``calculus`` topic.

Derivative, antiderivative, definite integral and stationary points of one polynomial are
near neighbours: each reader has its own verb (differentiate / integrate / "from 0 to 1" /
stationary) and the others' verbs in ``avoid``, so "the integral of 4x^3" never gets the
derivative. The polynomial is read by shape (``operands.main_polynomial``) and must have
the generator's form (positive coefficients, the exponents it draws), or nothing is answered.
Hurried spellings of the verbs ("derivitive", "stationery", "intergrate") count as the verb,
and "6x^6 plus 3x^8" is a sum of two terms. Each reader returns its subtopic's typed problem
(``families/calculus.py``), which the subtopic's solver answers.
"""

from __future__ import annotations

from logicnet.engine.families.calculus import (
    DefiniteIntegral,
    PowerRuleDifferentiation,
    PowerRuleIntegration,
    StationaryPoints,
    TrigDifferentiation,
)
from logicnet.engine.normalise import Normalised
from logicnet.engine.problem import Unreadable
from logicnet.engine.readers.operands import main_polynomial, said_plus
from logicnet.engine.reading import rx, topic_reader

T = "calculus"


_reader = topic_reader(T)


# the words as typed in a hurry too: "derivitive", "diferentiate", "stationery", "intergrate"
_DERIVE = (
    r"\bderivatives?\b|\bderivitives?\b|differentiat|diferentiat|differenciat"
    r"|rates? of change|\bd\s*/\s*dx\b|\bdy\s*/\s*dx\b"
    r"|\\frac\{d\}\{dx\}"
    r"|\\frac\{dy\}\{dx\}|\bf'\s*\(x\)"
)
_INTEGRATE = r"integra|intergra|antideriv|\\int\b|∫"
# "stationary points", "critical numbers", "where the derivative vanishes / equals zero"
_STATIONARY = (
    r"stationary|stationery|critical (?:points?|numbers?|values?)|turning points?"
    r"|f'\s*\(x\)\s*=\s*0"
    r"|(?:derivative|slope|gradient)\b[^.?!]{0,60}?(?:vanish|(?:equals?|equal to|is|=|be)\s*0\b)"
)
# a derivative of another order: "the second derivative", "f''(x)", "third derivitive"
_HIGHER = r"(?:second|third|2nd|3rd|higher)[- ](?:order )?(?:derivatives?|derivitives?)|f''"
_ZERO_SLOPE = r"vanish|(?:equals?|equal to|=)\s*0\b|horizontal tangent"
# ("one" is left a word by normalise, which reads it as a pronoun elsewhere)
_LIMITS = rx(
    r"(?:from|between|limits?(?: of)?\s*(?:[:=]|are)?|over|on)\s*\[?\s*(?:x\s*=\s*)?0\s*"
    r"(?:(?:up\s*)?to|and|,|-|\.\.)\s*"
    r"(?:x\s*=\s*)?(?:1|one)\b|(?:\\int|∫)\s*_\s*\{?0\}?\s*\^\s*\{?1\}?|\[\s*0\s*,\s*1\s*\]"
    # a list of fields: "Lower limit: 0 / Upper limit: 1", "lower bound 0, upper bound 1"
    r"|lower\s*(?:limit|bound)\s*(?:[:=]|is|of)?\s*(?:x\s*=\s*)?0(?!\d|\.\d)[^\d]{0,30}?"
    r"upper\s*(?:limit|bound)\s*(?:[:=]|is|of)?\s*(?:x\s*=\s*)?(?:1(?!\d|\.\d)|one\b)"
)
# a limit other than 0 or 1 named anywhere: not this generator's integral
_OTHER_LIMITS = rx(
    r"(?:from|between|limits?(?: of)?|bounds?)\s*(?:[:=]|is)?\s*(?:x\s*=\s*)?"
    r"(?!(?:0|1)(?!\d|\.\d))-?\d"
)
_TRIG = {
    "sin": "sin",
    "sine": "sin",
    "cos": "cos",
    "cosine": "cos",
    "tan": "tan",
    "tangent": "tan",
    "cot": "cot",
    "cotangent": "cot",
    "sec": "sec",
    "secant": "sec",
    "csc": "csc",
    "cosec": "csc",
    "cosecant": "csc",
}
_TRIG_NAME = rx(r"\\?\b(" + "|".join(sorted(_TRIG, key=len, reverse=True)) + r")\b")
# A trig function of something other than plain x, or a power of one: not this generator.
_TRIG_ARG = rx(
    r"\\?\b(?:sin|cos|tan|cot|sec|csc)(?:e|ine|ant|ent)?\s*"
    r"(?:\^|\(\s*[^x)\s]|\(\s*x\s*[^)\s])"
    r"|\b(?:sin|cos|tan|cot|sec|csc)\w*\s*\d"
)


def _generator_terms(terms: list[tuple[int, int]] | None) -> tuple[tuple[int, int], ...] | None:
    """The power-rule generators' terms (coefficients and exponents 1..), or None."""
    if not terms or any(c < 1 or e < 1 for c, e in terms) or len(terms) > 12:
        return None
    return tuple(terms)


# e^(3x), ln x, log, a root: a function the power rule alone does not differentiate (the
# generator's polynomials have none)
_NOT_A_POLYNOMIAL = (
    r"(?<![\w\\])e\s*\^|\\?\b(?:exp|ln|log|arcsin|arccos|arctan)\b|\\sqrt|\bsqrt\b|square root"
)


@_reader(
    "power_rule_differentiation",
    cues=[_DERIVE, r"power rule"],
    avoid=[
        _INTEGRATE,
        _ZERO_SLOPE,
        _HIGHER,
        r"stationary|stationery|critical|turning point|tangent line|slope of"
        r"|\bat x\s*=|\b(?:sin|cos|tan|sec|csc|cot)\b|\bsine\b|cosine",
        _NOT_A_POLYNOMIAL,
    ],
)
def power_rule_differentiation(n: Normalised) -> PowerRuleDifferentiation | None:
    if not rx(_DERIVE).search(n.text):
        return None
    terms = _generator_terms(main_polynomial(said_plus(n.text)))
    return None if terms is None else PowerRuleDifferentiation(terms)


@_reader(
    "power_rule_integration",
    cues=[_INTEGRATE, r"power rule|indefinite|\+\s*C\b"],
    avoid=[
        _DERIVE,
        r"\bdefinite|area under|\blimits?\b|\bbounds?\b|\bfrom\s+-?\d|"
        r"\bbetween\s+(?:x\s*=\s*)?-?\d|\\int_|∫\s*_|stationary|stationery",
        _NOT_A_POLYNOMIAL,
    ],
)
def power_rule_integration(n: Normalised) -> PowerRuleIntegration | None:
    if not rx(_INTEGRATE).search(n.text):
        return None
    terms = _generator_terms(main_polynomial(said_plus(n.text)))
    return None if terms is None else PowerRuleIntegration(terms)


def _trig_name(word: str) -> str:
    """``sin``, or the name a lettered ``cotbangent`` stands for (``rx`` matched it)."""
    word = word.lower().lstrip("\\")
    if word in _TRIG:
        return _TRIG[word]
    for i in range(1, len(word)):
        if word[:i] + word[i + 1 :] in _TRIG:
            return _TRIG[word[:i] + word[i + 1 :]]
    raise Unreadable(f"not a trigonometric function: {word}")


@_reader(
    "trig_differentiation",
    cues=[
        _DERIVE,
        r"\b(?:sin|cos|tan|cot|sec|csc)(?:e|ine)?\b"
        r"|cosine|tangent|secant|cosecant|trig",
    ],
    avoid=[_INTEGRATE, _HIGHER, r"power rule|\bat x\s*=|stationary|stationery"],
)
def trig_differentiation(n: Normalised) -> TrigDifferentiation | None:
    if not rx(_DERIVE).search(n.text) or _TRIG_ARG.search(n.text):
        return None
    names = {_trig_name(m.group(1)) for m in _TRIG_NAME.finditer(n.text)}
    if len(names) != 1 or main_polynomial(said_plus(n.text)) is not None:
        return None
    return TrigDifferentiation(names.pop())


@_reader(
    "definite_integral",
    cues=[
        r"\bdefinite integral|" + _INTEGRATE + r"|area under",
        r"\b0\s*(?:to|and|,)\s*(?:x\s*=\s*)?1\b|\blimits?\b|\\int_|∫\s*_",
    ],
    avoid=[_DERIVE, r"indefinite|antideriv|stationary|stationery"],
)
def definite_integral(n: Normalised) -> DefiniteIntegral | None:
    if not _LIMITS.search(n.text):
        return None
    if _OTHER_LIMITS.search(n.text):
        return None  # other limits than 0 and 1 are mentioned as well
    terms = main_polynomial(said_plus(n.text))
    if terms is None or [e for _, e in terms] != [2, 1, 0] or any(c < 0 for c, _ in terms):
        return None
    a, b, c = (coef for coef, _ in terms)
    return DefiniteIntegral(a, b, c)


def _generator_cubic(terms: list[tuple[int, int]]) -> StationaryPoints | None:
    """The generator's cubic as sympy prints it (``10*x^3 + 6*x^2 + 8``), or None."""
    exps = [e for _, e in terms]
    if len(set(exps)) != len(exps) or exps != sorted(exps, reverse=True) or max(exps) > 3:
        return None
    if any(c < 1 or c > 10 for c, _ in terms):
        return None  # the generator draws coefficients 0..10 and drops the zeros
    return StationaryPoints(tuple(terms))


@_reader(
    "stationary_points",
    cues=[
        _STATIONARY,
        r"\bfunction\b|f\s*\(x\)",
    ],
    avoid=[r"maximum value|minimum value|inflection|" + _INTEGRATE],
)
def stationary_points(n: Normalised) -> StationaryPoints | None:
    if not rx(_STATIONARY).search(n.text):
        return None
    terms = main_polynomial(said_plus(n.text), max_exp=3)
    return None if terms is None else _generator_cubic(terms)
