"""Named quantities in a paraphrase: which number is the radius, which the height.

A persona rewrites "Volume of cylinder with height = 21m and radius = 3m" as "a can
21 m tall with a 3m radius" or "r = 3 m, h = 21 m". ``bind`` ties each role of a
problem to the one number its keyword stands next to: the keyword first ("radius of
3m", "height = 21", "radius, 5") or the number first ("3m radius", "21 m tall"). The
gap between a keyword and its number may hold a few words but no other number and no
other role's keyword, so "radius and height are 3 and 21" binds nothing (both roles
would take the same number) and the reader refuses rather than guesses.

Units come back as written; ``metric`` folds the ways of writing metres into the
generator's ``m`` and refuses any other unit, because every mathgenerator solid is in
metres and a paraphrase in other units cannot be mapped back unambiguously.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from logicnet.engine.bounds import READ_CHARS
from logicnet.engine.core import registered
from logicnet.engine.normalise import Normalised
from logicnet.engine.reading import Read, hinted_as, readers, rx
from logicnet.engine.reading import reader as register

__all__ = [
    "Quantity",
    "bind",
    "cleaned",
    "count_phrase",
    "metric",
    "ordinal_words",
    "quantities",
    "reader",
    "without",
]

MAX_TEXT = READ_CHARS  # see logicnet.engine.bounds
# a number not glued to a word on its left, nor to letters and more digits on its right
# ("1x5", "2x2": not one number); "21m", "3rd" are fine
_NUMBER = r"(?<![\w.^_{/])(-?\d+(?:\.\d+)?)(?![\d.]*\d)(?![A-Za-z]+\d)(?!\s*/\s*\d)"
_UNIT = (
    r"(?:\s*(?P<unit>metres?|meters?|m|cm|mm|km|centimet(?:re|er)s?|millimet(?:re|er)s?|"
    r"kilomet(?:re|er)s?|units?|ft|feet|foot|inch(?:es)?|yards?|yd)(?![a-z\d]))?"
)
_QUANTITY = rx(_NUMBER + _UNIT)  # "16 metdres": the unit word may carry the inserted letter
# what may stand between a keyword and its number: words and light punctuation, no digits,
# no sentence end; "(r)" or "r" after "radius" is an allowed label
_GAP = r"[^\d.?!;\n]{0,28}?"
_AFTER = rx(_GAP + _NUMBER + _UNIT)
_BEFORE = rx(_NUMBER + r"(?:\s*-(?=\s*[a-z]))?" + _UNIT + r"\s*(?P<glue>-?)\s*$")
_POSTFIX = rx(r"^(?:tall|high|long|wide|deep|thick|across|degrees?|deg)$")
_LIGHT = rx(
    r"^(?:\s|[=:,()]|\b(?:of|is|are|was|be|equal|equals|to|measuring|measures|"
    r"measured|being|about|exactly|a|an|the|its|it|with|value|length|set|at|just|only|"
    r"around|roughly|approximately|given|as|for|r|h)\b)*$"
)
_METRES = rx(r"^(?:m|metres?|meters?|units?)?$")


@dataclass(frozen=True)
class Quantity:
    value: str  # as written: "3", "-4", "2.5"
    unit: str  # as written after it ("m", "metres", ""), lower case
    start: int  # where the number starts in the text


def quantities(text: str) -> list[Quantity]:
    """Every number of the text with the unit written after it, left to right."""
    return [
        Quantity(m.group(1), (m.group("unit") or "").lower(), m.start(1))
        for m in _QUANTITY.finditer(text)
    ]


def without(text: str, *patterns: str) -> str:
    """The text with every match of the (letter-tolerant) patterns blanked out."""
    for pattern in patterns:
        text = rx(pattern).sub(" ", text)
    return text


def count_phrase(text: str, nouns: str) -> tuple[str, list[int]]:
    """Counts such as "3 numbers", "a 7-sided", "with 9 sides" taken out of the text.

    Returns the text without them and the counts found, so that a list of operands is not
    confused with the number of its items.
    """
    found: list[int] = []
    pattern = rx(rf"(?<![\w.,-])(\d{{1,3}})(?:\s*-\s*|\s+)(?:{nouns})\b")

    def take(m: re.Match[str]) -> str:
        found.append(int(m.group(1)))
        return " "

    return pattern.sub(take, text), found


def _near(text: str, keyword: re.Pattern[str], others: re.Pattern[str] | None) -> list[Quantity]:
    """Numbers standing right after or right before one occurrence of ``keyword``.

    "radius of 3m", "height = 21" (only light words between) bind the number after; "a
    14m-radius cylinder that is 25m high" binds 14 to the radius (the number glued before
    it) rather than 25 (after words that are not a radius's), and an adjective ("tall")
    always takes the number before it.
    """
    found: list[Quantity] = []
    for key in keyword.finditer(text):
        tail = text[key.end() :]
        after = _AFTER.match(tail)
        if _POSTFIX.match(key.group(0)):
            after = None  # "21 m tall": an adjective follows its number
        if after and others and others.search(tail[: after.start(1)]):
            after = None
        head = text[: key.start()]
        before = _BEFORE.search(head)  # "3m radius", "42-unit radius", "14m-radius"
        if before and not (
            before.group("unit") or before.group("glue") or _POSTFIX.match(key.group(0))
        ):
            before = None  # "865 sells at": a bare number before a verb is not its operand
        if after and (before is None or _LIGHT.match(tail[: after.start(1)])):
            found.append(
                Quantity(
                    after.group(1), (after.group("unit") or "").lower(), key.end() + after.start(1)
                )
            )
        elif before:
            found.append(
                Quantity(before.group(1), (before.group("unit") or "").lower(), before.start(1))
            )
    return found


def bind(text: str, roles: dict[str, str]) -> dict[str, Quantity] | None:
    """Each role's one number, or None when a role has none, two, or shares one.

    ``roles`` maps a role name to the (letter-tolerant) pattern of its keywords, e.g.
    ``{"radius": r"\\bradius\\b|\\br\\b", "height": r"\\bheight\\b|\\btall\\b|\\bh\\b"}``.
    """
    if len(roles) == 2 and _RESPECTIVELY.search(text):
        in_order = _respectively(text, roles)
        if in_order is not None:
            return in_order
    compiled = {name: rx(pattern) for name, pattern in roles.items()}
    out: dict[str, Quantity] = {}
    for name, keyword in compiled.items():
        others_src = "|".join(f"(?:{p})" for n, p in roles.items() if n != name)
        others = rx(others_src) if others_src else None
        found = _near(text, keyword, others)
        values = {q.value for q in found}
        if len(values) != 1:
            return None
        out[name] = found[0]
    starts = [q.start for q in out.values()]
    if len(set(starts)) != len(starts):
        return None  # one number claimed by two roles
    return out


_RESPECTIVELY = rx(r"\brespectively\b")


def _respectively(text: str, roles: dict[str, str]) -> dict[str, Quantity] | None:
    """ "radius and height are 3 m and 21 m respectively": the numbers in the roles' order."""
    unit1, unit2 = (_UNIT.replace("(?P<unit>", f"(?P<u{k}>") for k in (1, 2))
    for first, second in (tuple(roles), tuple(reversed(roles))):
        pattern = rx(
            rf"(?:{roles[first]})\s*(?:,|and)\s*(?:the\s+|its\s+)?(?:{roles[second]})"
            rf"[^\d.?!;]{{0,30}}?{_NUMBER}{unit1}\s*(?:,|and|,\s*and)\s*{_NUMBER}{unit2}"
            r"\s*,?\s*respectively\b"
        )
        m = pattern.search(text)
        if m:
            return {
                first: Quantity(m.group(1), (m.group("u1") or "").lower(), m.start(1)),
                second: Quantity(m.group(3), (m.group("u2") or "").lower(), m.start(3)),
            }
    return None


def metric(found: list[Quantity]) -> str | None:
    """The generator's unit "m" when every quantity is in metres or bare, else None."""
    if all(_METRES.match(q.unit) for q in found):
        return "m"
    return None


_ORDINALS = {
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
_ORDINAL_WORDS = [(rx(rf"\b{word}\b"), value) for word, value in _ORDINALS.items()]


def ordinal_words(text: str) -> str:
    """ "the tenth term" -> "the 10th term", a lettered "foulrteenth" too ("first", "second"
    and "third" stay words: they mean other things as well, as in "the first 9 terms")."""
    if "th" not in text.lower():
        return text
    for pattern, value in _ORDINAL_WORDS:
        text = pattern.sub(f"{value}th", text)
    return text


# "rounded to 2 decimal places", "(2 d.p.)", "to the nearest whole number": instructions,
# not operands (the generator's answer keeps its own rounding)
_PRECISION = rx(
    r"\(?\s*(?:\b(?:rounded|round|rounding|correct|accurate|approximately|accurately)\s+)?"
    r"(?:\b(?:off\s+)?to\s+)?(?:\b(?:the\s+)?nearest\s+(?:whole number|integer|hundredth|tenth|"
    r"unit|degree)|\b\d{1,2}\s*(?:decimal places?|decimals?|d\.\s?p\.?|dp|significant "
    r"(?:figures|digits)|sig\.? figs?|s\.f\.|places))\b\s*\)?"
)
# a formula quoted beside the question: "C = 2\pi r", "(4/3)\pi r^3", "A = 6a^2"
_FORMULA = re.compile(
    r"(?:\b[A-Za-z]\s*=\s*)?(?:\(\s*\d+\s*/\s*\d+\s*\)|\b\d+\s*/\s*\d+|"
    r"\\frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\})?\s*\d*\s*\\pi\s*"
    r"(?:[a-z]\b\s*(?:\^\s*\{?\d\}?)?\s*)+"
    r"|(?:\b[A-Za-z]\s*=\s*)?\b\d+\s*[a-z]\s*\^\s*\{?\d\}?"
)


# "one metre": the normaliser leaves "one" a word (mostly a pronoun); before a unit it is 1
_ONE_UNIT = rx(r"\bone(?=\s+(?:metres?|meters?|m|units?|seconds?|minutes?|degrees?|radians?)\b)")
_CIRC = re.compile(r"\s*\^\s*\{?\s*\\circ\s*\}?")  # 30^{\circ}: LaTeX's degree sign


def cleaned(text: str) -> str:
    """The text without rounding instructions and quoted formulas, degrees spelled out."""
    text = text.replace("\\{", "{").replace("\\}", "}")  # LaTeX's escaped set braces
    text = _ONE_UNIT.sub("1", text)
    return _FORMULA.sub(" ", _PRECISION.sub(" ", _CIRC.sub(" degrees ", text)))


def _names_another(n: Normalised, subtopic: str) -> bool:
    """Whether a ``Topic: …, Subtopic: …`` line names a different known subtopic."""
    if n.subtopic_hint is None or hinted_as(n, subtopic):
        return False
    known = {r.subtopic for r in readers()} | {r.subtopic for r in registered()}
    return any(hinted_as(n, other) for other in known)


def reader(
    topic: str,
    subtopic: str,
    cues: Sequence[str],
    avoid: Sequence[str] = (),
    need: Sequence[str] = (),
) -> Callable[[Read], Read]:
    """``reading.reader`` whose read function sees the ``cleaned`` text (cues see it all)."""

    def add(fn: Read) -> Read:
        def read(n: Normalised) -> str | None:
            if len(n.text) > MAX_TEXT:
                return None  # no generator paraphrase is this long; reading it costs time
            if _names_another(n, subtopic):
                return None  # the Topic line copied from the raw question names another one
            return fn(Normalised(cleaned(n.text), n.topic_hint, n.subtopic_hint))

        register(topic, subtopic, cues, avoid, need)(read)
        return fn

    return add
