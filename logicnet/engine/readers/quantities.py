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

Voices other than plain prose (``reader(stories=True)``): numbered labels in a list of
givens ("Base 1: 11", "Base 2: 18") lose their index (``index_labels``), counts may be
labelled ("Number of sides: 9", ``labelled_count``), and a persona's chatter sentence
("I visited Egypt back in 1999.") loses its numbers when none of them stands beside a
unit, a measuring word, a label, a list or a shape noun (``without_story``). Keywords may
be misspelt once ("cilinder", "heigth"): ``sloppy`` spells a word's one-slip variants out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from logicnet.engine.normalise import ORDINALS, Normalised
from logicnet.engine.reading import Read, rx
from logicnet.engine.reading import reader as register

__all__ = [
    "Quantity",
    "bind",
    "cleaned",
    "count_phrase",
    "index_labels",
    "labelled_count",
    "metric",
    "misspellings",
    "ordinal_words",
    "quantities",
    "reader",
    "sloppy",
    "without",
    "without_story",
]

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
# "6 m in radius", "11 metres in height": a number with its unit, then "in" and the keyword
_BEFORE_IN = rx(_NUMBER + _UNIT.removesuffix("?") + r"\s+in\s*$")
_POSTFIXES = frozenset(
    ["tall", "high", "long", "wide", "deep", "thick", "across", "degree", "degrees", "deg"]
)


def _postfix(word: str) -> bool:
    """An adjective that follows its number ("21 m tall"), perhaps with the one inserted
    letter ("talxl"); "heigth" is a misspelt height, not "high" with two letters more."""
    word = word.lower()
    if word in _POSTFIXES:
        return True
    return len(word) >= 5 and any(
        word[:i] + word[i + 1 :] in _POSTFIXES for i in range(1, len(word))
    )


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
        if _postfix(key.group(0)):
            after = None  # "21 m tall": an adjective follows its number
        if after and others and others.search(tail[: after.start(1)]):
            after = None
        head = text[: key.start()]
        before = _BEFORE.search(head) or _BEFORE_IN.search(head)  # "3m radius", "14m-radius"
        if before and not (before.group("unit") or before.group("glue") or _postfix(key.group(0))):
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
    r"(?<!\s)\s*(?:\(\s*)?(?:\b(?:rounded|round|rounding|correct|accurate|approximately|accurately)\s+)?"
    r"(?:\b(?:off\s+)?to\s+)?(?:\b(?:the\s+)?nearest\s+(?:whole number|integer|hundredth|tenth|"
    r"unit|degree)|\b\d{1,2}\s*(?:decimal places?|decimals?|d\.\s?p\.?|dp|significant "
    r"(?:figures|digits)|sig\.? figs?|s\.f\.|places))\b\s*\)?"
)
# a formula quoted beside the question: "C = 2\pi r", "(4/3)\pi r^3", "A = 6a^2", "F = 9/5 C + 32"
_FORMULA = re.compile(
    r"\b[A-Z]\s*=\s*[\d/().\s*+-]*?\b[A-Z]\b(?:\s*[*/+-]\s*[\d.]+)*|"
    r"(?!(?<=\s)\s)(?:\b[A-Za-z]\s*=\s*)?(?:\(\s*\d+\s*/\s*\d+\s*\)|\b\d+\s*/\s*\d+|"
    r"\\frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\})?\s*(?:\d+\s*)?\\pi\s*"
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


# --- misspelt words ----------------------------------------------------------------------

_VOWELS = "aeiouy"
# one-edit spellings that are other English words: "curved" is not "carved", "cones" not
# "canes"; a singular is not its plural ("angles" is asked where "angle" is not)
_OTHER_WORDS = frozenset(
    [
        "carved",
        "cured",
        "curve",
        "literal",
        "radios",
        "angel",
        "anglo",
        "angle",
        "angels",
        "circe",
        "canes",
        "sades",
        "victor",
        "victors",
        "vector",
        "degree",
    ]
)


def misspellings(word: str) -> list[str]:
    """``word`` and its spellings one slip away: a letter left out ("surfce", "volum",
    words of 6+ letters), two letters swapped ("heigth", "circel") or a vowel for another
    ("cilinder"), never at the first letter (no "eight" for "height") and never another
    English word."""
    out = {word}
    n = len(word)
    if n >= 6:
        out |= {word[:i] + word[i + 1 :] for i in range(1, n)}
    if n >= 5:
        out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, n - 1)}
        out |= {
            word[:i] + v + word[i + 1 :] for i in range(1, n) if word[i] in _VOWELS for v in _VOWELS
        }
    return sorted((out - _OTHER_WORDS) | {word}, key=lambda w: (-len(w), w))


_Node = dict[str, "_Node"]


def _trie(words: Sequence[str]) -> str:
    """One pattern for many words, their common beginnings written once: compiling and
    matching it costs little however many spellings it holds."""
    tree: _Node = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Node) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def sloppy(*words: str) -> str:
    """A pattern for whole ``words`` as written (with the one inserted letter ``rx`` allows)
    or misspelt once (``misspellings``)."""
    spellings = {m for w in words for m in misspellings(w)}
    return r"\b(?:" + "|".join(words) + r")\b|\b" + _trie(sorted(spellings)) + r"\b"


# --- labels and stories ------------------------------------------------------------------

# "Base 1: 11", "Side 2 = 7", "radius 1 is 3", "point 2 (4, 5)": the index of a label that
# comes in a series
_INDEXED = rx(
    r"\b(?P<word>[A-Za-z]{1,14})\s(?P<index>[1-9])"
    r"(?=\s*(?:[:=)(\[]|\b(?:is|of|measures|measuring|equals)\b))"
)


def index_labels(text: str) -> str:
    """The text with the indices of numbered labels ("Base 1:", "Base 2:") blanked.

    Only a label word that comes with two different indices is a series, so "a circle of
    radius 5: find its area" keeps its 5 while "Base 1: 11, Base 2: 18" keeps 11 and 18
    only. Glued labels ("r1", "r_{2}") are no numbers already (``quantities``).
    """
    found = list(_INDEXED.finditer(text))
    if len(found) < 2:
        return text
    indices: dict[str, set[str]] = {}
    for m in found:
        indices.setdefault(m.group("word").lower(), set()).add(m.group("index"))
    series = {word for word, seen in indices.items() if len(seen) > 1}
    if not series:
        return text
    out, last = [], 0
    for m in found:
        if m.group("word").lower() in series:
            out.append(text[last : m.start("index")])
            last = m.end("index")
    out.append(text[last:])
    return "".join(out)


# a count is a whole number on its own: no decimals, no unit ("Sides: 67 cm, 68 cm"), no list
_COUNT_TAIL = (
    r"(?!\d|\.\d)(?!" + _UNIT.removesuffix("?").replace("?P<unit>", "?:") + r")"
    r"(?!\s*(?:,|&|\band\b|\bor\b|\bby\b)\s*-?\d)"
)


def labelled_count(text: str, nouns: str) -> tuple[str, list[int]]:
    """Counts written as labelled values taken out of the text: "Number of sides: 13",
    "sides = 13", "the number of sides is 13", "n = 13".

    A label followed by a list ("Sides: 5, 7, 9") is not a count; ``count_phrase`` reads
    the forms where the count comes first ("13 sides").
    """
    found: list[int] = []
    patterns = [
        rx(
            rf"\b(?:(?:the\s+)?(?:total\s+)?number\s+of|no\.?\s+of|count\s+of)\s+(?:{nouns})\s*"
            rf"(?:[:=]|\bis\b|\bare\b|\bequals\b)?\s*(\d{{1,4}}){_COUNT_TAIL}"
        ),
        rx(rf"\b(?:{nouns})\s*[:=]\s*(\d{{1,4}}){_COUNT_TAIL}"),
        rx(rf"(?<![\w.])n\s*=\s*(\d{{1,4}}){_COUNT_TAIL}"),
    ]

    def take(m: re.Match[str]) -> str:
        found.append(int(m.group(1)))
        return " "

    for pattern in patterns:
        text = pattern.sub(take, text)
    return text, found


# A sentence of chatter: "I visited Egypt once, back in 1999, and ..." or "I sold 40 of them
# last month." Its numbers count years, days and things, none of them the problem's. A
# number is the problem's when a unit, a measuring word, a label ("r =", "Height:"), a list,
# a bracket or a shape noun stands beside it, or when it is not a plain whole number.
_SEGMENT_END = re.compile(r"(?<=[.!?;:])\s+")
_SHAPES = (
    r"cubes?|cuboids?|box(?:es)?|prisms?|cylinders?|cones?|spheres?|balls?|hemispheres?|"
    r"pyramids?|frust(?:um|ums|a)|triangles?|circles?|polygons?|squares?|rectangles?|"
    r"trapez(?:oid|ium)s?|sectors?|arcs?|angles?|sides?|sided|edges?|faces?|vectors?|points?|"
    r"gons?|legs?|shapes?|solids?|figures?|copies|identical"
)
_MEASURES = (  # not "sine": its lettered form "since" is chatter
    r"radius|radii|diameter|heights?|high|tall|sides?|lengths?|long|widths?|wide|breadth|"
    r"depth|deep|bases?|edges?|legs?|hypotenuse|angles?|arc|sectors?|perimeter|area|volume|"
    r"dimensions?|measures?|measuring|measured|sin|cos|tan|cosine|tangent|theta"
)
_LIGHT_WORDS = (
    r"(?:\s+(?:of|is|are|was|be|to|at|about|just|exactly|only|roughly|around|nearly|"
    r"measuring|measures|equal|equals|the|a|an|its|it|each|all|every|one))*"
)
_OPERAND_BEFORE = rx(
    rf"(?:[=:(\[<+*/^]|\b(?:{_MEASURES})\b{_LIGHT_WORDS}|(?<!')\b[b-hj-z]|\b[a-z]_?\{{?\d\}}?|"
    r"\d\s*(?:[,&]|\band\b|\bor\b|\bby\b|\bx\b|\bto\b))\s*$"
)
_OPERAND_AFTER = rx(
    rf"^\s*(?:-\s*)?(?:[)\]>%*/^+=]|(?:[,&]|\b(?:and|or|by|x|to)\b)\s*-?\d|"
    r"\b(?:times|each|per|apiece|more|less|fewer|percent|degrees?|deg|radians?|rad|tall|"
    rf"high|long|wide|deep|thick|across)\b|(?:[a-z]+\s+)?(?:{_SHAPES})\b)"
)
_TOGETHER = rx(r"\b(?:their|combined|altogether|together|in total|in all|all of them)\b")


def _segments(text: str) -> list[tuple[int, int]]:
    """Where each sentence (or clause ended by ":" or ";") starts and ends."""
    bounds = [0, *(m.end() for m in _SEGMENT_END.finditer(text)), len(text) + 1]
    return list(zip(bounds, bounds[1:], strict=False))


def _incidental(text: str, q: Quantity) -> bool:
    """Whether ``q`` counts something of the story rather than measuring the problem."""
    if q.unit or "." in q.value or q.value.startswith("-"):
        return False
    end = q.start + len(q.value)
    if text[end : end + 1].isalpha():
        return True  # "3D shapes", "my 30th birthday": glued to a word that is no unit
    before = text[max(0, q.start - 40) : q.start]
    return not _OPERAND_BEFORE.search(before) and not _OPERAND_AFTER.match(text[end:])


def without_story(text: str) -> str | None:
    """The text with the numbers of its chatter sentences taken out, or None when no
    sentence is all chatter (or the text is one sentence of bare numbers).

    A sentence is chatter when every number in it is ``_incidental``. Words stay (a
    story's "in litres" still refuses), and a text that adds things up ("their total
    volume") keeps all its numbers.
    """
    every = quantities(text)
    if not every:
        return None
    drop: list[Quantity] = []
    kept = 0
    segments = _segments(text)
    for start, end in segments:
        inside = [q for q in every if start <= q.start < end]
        if inside and all(_incidental(text, q) for q in inside):
            drop.extend(inside)
        else:
            kept += len(inside)
            if _TOGETHER.search(text[start:end]):
                return None
    if not drop or (not kept and len(segments) < 2):
        return None  # one sentence of bare numbers: "Sphere 21, volume?"
    out, last = [], 0
    for q in drop:
        out.append(text[last : q.start])
        last = q.start + len(q.value)
        ordinal = _SUFFIX.match(text, last)
        if ordinal:
            # "the 4th one" -> "the fourth one": the position's word stays, its digit goes
            out.append(_POSITIONS.get(int(q.value), ""))
            last = ordinal.end()
    out.append(text[last:])
    return " ".join("".join(out).split())


_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
# 4 -> "fourth": the normaliser's ordinal words, the other way round
_POSITIONS = {value: word for word, value in ORDINALS.items() if value}


def _clean(n: Normalised) -> Normalised:
    return Normalised(cleaned(n.text), n.topic_hint, n.subtopic_hint)


def _clean_past_story(n: Normalised) -> Normalised:
    text = index_labels(cleaned(n.text))
    rest = without_story(text)
    # never the whole text as well: a story's "20 years" would fill a size the
    # question does not give ("I've taught for 20 years. A cube's volume is 216 m^3.")
    return Normalised(text if rest is None else rest, n.topic_hint, n.subtopic_hint)


def reader(
    topic: str,
    subtopic: str,
    cues: Sequence[str],
    avoid: Sequence[str] = (),
    need: Sequence[str] = (),
    stories: bool = False,
    given: str | None = None,
) -> Callable[[Read], Read]:
    """``reading.reader`` for readers of measured quantities: the read function sees the
    ``cleaned`` text; with ``stories``, also with ``index_labels`` blanked and
    ``without_story``."""
    prepare = _clean_past_story if stories else _clean
    return register(topic, subtopic, cues, avoid, need, prepare=prepare, given=given)
