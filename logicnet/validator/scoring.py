"""How the network scores one answer, as pure functions (docs/network.md §6, §6b, §6c).

The profile (``logicnet.validator.profiles``) says which programmatic checks
run and in which order; the first that can decide gives the score. When none
can, the outcome says a judge is needed: the judge path lives in the
rewarder, so this module never calls out and never evaluates miner text
beyond ``safe_math``.

Arithmetic is exact (``Fraction``) up to the final clamp, so an answer such as
``1e300*1e300`` is simply wrong, never an ``OverflowError``.

Complex ground truths (network-2025-05). mathgenerator prints a complex answer as
Python's repr (``(-153+96j)``, ``5j``, ``(3+0j)``, ``(-0-5j)``) and the network's
``sympify`` reads that text as one complex number, so the numbers rule does too,
without changing a step:

1. Unsigned numbers are counted as before: ``(-153+96j)`` holds two, ``5j`` one. When
   each side holds exactly one, those two are compared and the rest of both texts is
   ignored, as for real numbers; so ``5j`` against ``5``, ``-5j`` or ``5i`` scores 1.
2. Otherwise (and with no power sign on either side) each whole text is valued. A
   truth that is no real expression but is one in Python's complex notation (real
   and ``j`` literals, ``+ - * /``, parentheses; ``safe_math.safe_eval_complex``) is
   a complex truth. The answer is then valued the same way, ``96i`` counting as
   ``96j``, and the formula is the real one with the modulus for ``|.|``:
   clamp(1 - |truth - answer| / (|truth| + 1e-8), 0, 1). A real answer is a complex
   value with no imaginary part: ``-153`` against ``(-153+96j)`` keeps the network's
   partial score (0.4685...), ``4`` against ``(3+0j)`` the real 0.6667....
3. Units are treated as for real numbers in that step: ``m^2``, ``m^3``, ``$`` and
   ``%`` are stripped beforehand, so ``(-153+96j) m^2`` scores 1; any other word or
   unit makes the text no expression and the answer goes to the judge, as ``0.125 m``
   against ``1/8`` does.
4. A real truth never takes the complex step; a complex answer to it (``12+0j``) goes
   to the judge as before.

Where this differs from the network: ``sympify`` cannot read ``96i`` (the network asks
its judge about ``-153+96i``; we score it) but reads the name ``I`` as the unit
(``-153+96*I``; we send it to the judge). A truth written with ``i`` is not complex
here, and the network judges such a truth too. The seed profile's first-number rule
is unchanged: its pattern never takes in the ``j``, so the seed revision compared
the first signed number of each side for complex truths as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import Enum
from fractions import Fraction

from logicnet.validator.profiles import Check, ScoringProfile, get_profile
from logicnet.validator.safe_math import ComplexValue, parse_number, safe_eval, safe_eval_complex
from logicnet.volume import DEFAULT_EPOCH_VOLUME

__all__ = [
    "MAX_TEXT_CHARS",
    "Correctness",
    "ScoreMethod",
    "correctness",
    "relative_score",
    "relative_score_complex",
    "reward",
]

MAX_TEXT_CHARS = 4000  # longer texts are cut before any parsing

_SEED_STRIP = ("$$", "$", "\\[", "\\]", "%")
_NET_STRIP = ("$$", "$", "\\[", "\\]", "%", "m^2", "m^3")
_SEED_NUMBER = re.compile(r"[-+]?\d*\.?\d+|\d+")
_NET_NUMBER = re.compile(r"\d+\.\d+|\d+")
_EPSILON = Fraction(1, 10**8)


class ScoreMethod(str, Enum):
    """The rule that decided an answer's score. A ``str``: JSON, logs and status pages show
    the value (``exact``, ``local-judge``, ...)."""

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    EXACT = "exact"
    NUMERIC = "numeric"
    JUDGE = "judge"
    LOCAL_JUDGE = "local-judge"
    CHEAT = "cheat"
    INVALID = "invalid"  # the reply was malformed or made a rule raise: 0 for that miner
    FAILED = "failed"  # no answer (transport status, empty text)
    SKIPPED = "skipped"  # our side could not score it


@dataclass(frozen=True)
class Correctness:
    """A score in [0, 1] (-1 for a cheat), or None when a judge must decide.

    ``method`` names the rule that decided: exact | numeric | judge | local-judge | cheat |
    invalid (``judge`` with ``score`` None: not decided yet); ``reason`` says more.
    """

    score: float | None
    method: ScoreMethod
    reason: str = ""

    @property
    def needs_judge(self) -> bool:
        return self.score is None


def relative_score(truth: Fraction, answer: Fraction) -> float:
    """clamp(1 - |gt - answer| / (|gt| + 1e-8), 0, 1), computed exactly."""
    value = 1 - abs(truth - answer) / (abs(truth) + _EPSILON)
    return float(min(max(value, Fraction(0)), Fraction(1)))


def relative_score_complex(truth: ComplexValue, answer: ComplexValue) -> float:
    """The same formula with the modulus: clamp(1 - |gt - answer| / (|gt| + 1e-8), 0, 1).

    Exact where it decides: two real values give ``relative_score``'s float, a zero
    distance 1.0 and a distance at least |gt| + 1e-8 0.0 (both tested on squares, in
    Fractions); only a score strictly between is rounded, to 40 digits before the float.
    """
    if truth.imag == 0 and answer.imag == 0:
        return relative_score(truth.real, answer.real)
    distance2 = (truth.real - answer.real) ** 2 + (truth.imag - answer.imag) ** 2
    if distance2 == 0:
        return 1.0
    size2 = truth.real**2 + truth.imag**2
    # d >= s + e  <=>  d² - s² - e² >= 2·e·s  <=>  gap >= 0 and gap² >= 4·e²·s²
    gap = distance2 - size2 - _EPSILON**2
    if gap >= 0 and gap * gap >= 4 * _EPSILON**2 * size2:
        return 0.0
    with localcontext() as ctx:
        ctx.prec = 40  # the default exponent range (±999,999) covers any parsed value
        distance = _decimal(distance2).sqrt()
        size = _decimal(size2).sqrt()
        value = 1 - distance / (size + _decimal(_EPSILON))
        return float(min(max(value, Decimal(0)), Decimal(1)))


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _strip(text: str, tokens: tuple[str, ...]) -> str:
    for token in tokens:
        text = text.replace(token, "")
    return text


def _as_text(value: object) -> str:
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    return text[:MAX_TEXT_CHARS]


def _exact(gt: str, ans: str) -> Correctness:
    if gt.strip().lower() == ans.strip().lower():
        return Correctness(1.0, ScoreMethod.EXACT, "the trimmed, lower-cased strings are equal")
    return Correctness(None, ScoreMethod.JUDGE, "not an exact match")


def _first_number(gt: str, ans: str) -> Correctness:
    g = _SEED_NUMBER.search(_strip(gt, _SEED_STRIP))
    a = _SEED_NUMBER.search(_strip(ans, _SEED_STRIP))
    if g is None or a is None:
        return Correctness(None, ScoreMethod.JUDGE, "no number on one side")
    gv, av = parse_number(g.group(0)), parse_number(a.group(0))
    if gv is None or av is None:
        return Correctness(None, ScoreMethod.JUDGE, "a number did not parse")
    return Correctness(relative_score(gv, av), ScoreMethod.NUMERIC, "first number of each side")


def _numbers(gt: str, ans: str) -> Correctness:
    g_text, a_text = _strip(gt, _NET_STRIP), _strip(ans, _NET_STRIP)
    g_nums, a_nums = _NET_NUMBER.findall(g_text), _NET_NUMBER.findall(a_text)
    if not g_nums:
        return Correctness(None, ScoreMethod.JUDGE, "the ground truth has no number")
    if len(g_nums) == 1 and len(a_nums) == 1:
        gv, av = parse_number(g_nums[0]), parse_number(a_nums[0])
        if gv is not None and av is not None:
            return Correctness(
                relative_score(gv, av), ScoreMethod.NUMERIC, "one number on each side"
            )
        return Correctness(None, ScoreMethod.JUDGE, "a number did not parse")
    if any(op in text for op in ("**", "^") for text in (g_text, a_text)):
        return Correctness(None, ScoreMethod.JUDGE, "powers in the text")
    gv, av = safe_eval(g_text), safe_eval(a_text)
    if gv is not None and av is not None:
        return Correctness(
            relative_score(gv, av), ScoreMethod.NUMERIC, "value of the whole expressions"
        )
    gz = safe_eval_complex(g_text) if gv is None else None
    if gz is not None:
        az = safe_eval_complex(a_text, unit_i=True)
        if az is not None:
            return Correctness(
                relative_score_complex(gz, az),
                ScoreMethod.NUMERIC,
                "complex value of the whole expressions",
            )
        return Correctness(
            None, ScoreMethod.JUDGE, "the truth is complex; the answer is no complex value"
        )
    return Correctness(None, ScoreMethod.JUDGE, "not a plain arithmetic expression")


_CHECKS: dict[Check, Callable[[str, str], Correctness]] = {
    Check.EXACT: _exact,
    Check.FIRST_NUMBER: _first_number,
    Check.NUMBERS: _numbers,
}


def correctness(profile: ScoringProfile | str, truth: object, answer: object) -> Correctness:
    """Programmatic correctness of ``answer`` against ``truth``: the profile's checks in order."""
    rules = get_profile(profile)
    gt, ans = _as_text(truth), _as_text(answer)
    result = Correctness(None, ScoreMethod.JUDGE, "no check ran")
    for check in rules.checks:
        result = _CHECKS[check](gt, ans)
        if not result.needs_judge:
            return result
    return result


def reward(
    profile: ScoringProfile | str,
    correctness_score: float,
    similarity: float,
    process_time: float,
    timeout: float,
    epoch_volume: int,
) -> float:
    """One answer's reward: weighted sum, then /2 + 0.5, then the volume scale."""
    w = get_profile(profile).weights
    time_share = min(max(process_time, 0.0) / max(timeout, 1e-9), 1.0)
    value = w.similarity * similarity + w.correctness * correctness_score - w.time * time_share
    value = value / 2 + 0.5
    if value > 0:
        value *= 0.9 + 0.1 * min(max(epoch_volume / DEFAULT_EPOCH_VOLUME, 0.0), 1.0)
    return value
