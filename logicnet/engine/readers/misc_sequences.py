"""Paraphrase readers for the ``misc`` subtopics that take a list, a set, a vector or a
number in some base (the rest are in ``readers.misc``, which imports this module).

A list may come bracketed, as a run with commas or "and", typed with spaces, or one number
a bullet; said twice, it is one list. A set may be in braces or in prose ("the set A
containing 2, 3 and 5"). A term's index may be an ordinal in words ("the sixty-first").
Bases may be named without numbers ("from hex to decimal") except where another
subtopic's words are meant (bits to hex, "the binary of N"). Each reader builds its
subtopic's typed problem (``families.misc``), which checks the rules and bounds.
"""

from __future__ import annotations

import functools
import re

from logicnet.engine.bounds import READ_ITEMS
from logicnet.engine.families.misc import (
    ArithmeticProgressionSum,
    ArithmeticProgressionTerm,
    BaseConversion,
    ComplexToPolar,
    EuclidianNorm,
    GeometricMean,
    GeometricProgression,
    HarmonicMean,
    SetOperation,
)
from logicnet.engine.normalise import Normalised
from logicnet.engine.readers.basic_math import asked, ordinals
from logicnet.engine.readers.operands import small_int
from logicnet.engine.readers.quantities import count_phrase, quantities, reader
from logicnet.engine.reading import rx

T = "misc"
MAX_ITEMS = 50

_rx = functools.lru_cache(maxsize=None)(rx)


def _has(text: str, pattern: str) -> bool:
    return _rx(pattern).search(text) is not None


_INT = r"-?\d{1,12}"
_BRACKETED = re.compile(rf"\[\s*({_INT}(?:\s*,\s*{_INT})+)\s*\]")
# "2, 6, 18, 54" or "13 and 30" or "39, 19, and 30" (no decimals, no other separators)
_RUN = re.compile(
    rf"(?<![\w.\-])({_INT}(?:\s*,\s*(?:and\s+)?{_INT}|\s+and\s+{_INT})+)"
    rf"(?!\d|\.\d)"
)
# A list written one number a line ("* 70\n* 58\n* 77"), which the normaliser joins with
# spaces, or typed with spaces only ("of 70 58 77 57"): three numbers or more, or two
# after a colon, with no operator or decimal around them
_SPACED = re.compile(
    rf"(?<![\w.\-+*/^])({_INT}(?:\s+{_INT}){{2,}}|(?<=:)\s*{_INT}\s+{_INT})"
    r"(?![\w.]|\s*[-+*/^=]|\s*,\s*\d)"
)


# "Find the mean of: * 70 * 58 * 77": a bullet list the normaliser left its stars, which
# right after a colon cannot be multiplications
_BULLETED = re.compile(rf"(?:^|(?<=:))\s*[*•]\s*({_INT}(?:\s*[*•]\s*{_INT})+)(?![\w.]|\s*[-+*/^=])")


def _runs(text: str) -> list[re.Match[str]]:
    """The lists of the text: bracketed ones, else runs with commas or "and", else spaced
    or bulleted ones."""
    for pattern in (_BRACKETED, _RUN, _SPACED, _BULLETED):
        found = list(pattern.finditer(text))
        if found:
            return found
    return []


def _one_list(text: str, runs: list[re.Match[str]]) -> tuple[list[int], str] | None:
    """The values of ``runs`` when they are one list said once or repeated word for word
    ("63, 33 and 13 km long. What is the mean of 63, 33 and 13?"), and the text without
    them; None when there is none or two different ones."""
    lists = {tuple(small_int(x) for x in re.findall(_INT, m.group(1))) for m in runs}
    if len(lists) != 1:
        return None
    rest = text
    for m in reversed(runs):
        rest = rest[: m.start()] + " ... " + rest[m.end() :]
    return list(lists.pop()), rest


def _int_list(text: str) -> tuple[list[int], str] | None:
    """The one list of integers of the text (bracketed, or written as a run), and the text
    without it; None when there is none or two."""
    found = _one_list(text, _runs(text))
    if found is None or not 2 <= len(found[0]) <= MAX_ITEMS:
        return None
    return found


# --------------------------------------------------------------------- means


def _mean_list(n: Normalised) -> list[int] | None:
    text = asked(n.text, r"\bgeometric\b|\bharmonic\b")  # a hiker's "3 trails" before
    text, counts = count_phrase(text, r"numbers|values|integers|terms|items|elements")
    found = _int_list(text)
    if found is None:
        return None
    values, rest = found
    if quantities(rest) or any(c != len(values) for c in counts) or min(values) < 1:
        return None
    return values


@reader(
    T,
    "geometric_mean",
    need=[r"\bgeometric\b"],
    cues=[r"\bgeometric means?\b", r"\bmeans?\b|\baverage\b"],
    avoid=[r"\bharmonic\b|\barithmetic\b|\bprogression\b|\bratio\b|\bGP\b"],
)
def geometric_mean(n: Normalised) -> GeometricMean | None:
    values = _mean_list(n) if _has(n.text, r"\bgeometric\b") else None
    return None if values is None else GeometricMean(tuple(values))


@reader(
    T,
    "harmonic_mean",
    need=[r"\bharmonic\b"],
    cues=[r"\bharmonic means?\b", r"\bmeans?\b|\baverage\b"],
    avoid=[r"\bgeometric\b|\barithmetic\b|\bprogression\b"],
)
def harmonic_mean(n: Normalised) -> HarmonicMean | None:
    values = _mean_list(n) if _has(n.text, r"\bharmonic\b") else None
    return None if values is None else HarmonicMean(tuple(values))


# --------------------------------------------------------------------- vectors

_FLOAT = r"\d{1,6}(?:\.\d{1,20})?"
_VECTOR = re.compile(rf"[\[(<⟨]\s*({_FLOAT}(?:\s*,\s*{_FLOAT})+)\s*[\])>⟩]")


@reader(
    T,
    "euclidian_norm",
    need=[r"\bnorm\b|\bmagnitude\b|\blength\b"],
    cues=[
        r"\beuclid(?:ean|ian)\b|\bL2\b|\bL_\{?2\}?|\bℓ2\b|\btwo-norm\b|\b2-norm\b",
        r"\bnorm\b|\bmagnitude\b|\blength\b",
        r"\bvectors?\b",
    ],
    avoid=[
        r"\bangles?\b|\bdot\b|\bcross\b|\bunit vector\b|\bnormali[sz]|\bbetween\b",
        r"\bL1\b|\bmanhattan\b|\binfinity\b|\bmax(?:imum)? norm\b",
    ],
)
def euclidian_norm(n: Normalised) -> EuclidianNorm | None:
    if not _has(n.text, r"\bnorm\b|\bmagnitude\b|\blength\b"):
        return None
    text = re.sub(r"\bL_?\{?2\}?\b|\b2-norm\b", " ", n.text)
    vectors = [m.group(1) for m in _VECTOR.finditer(text)]
    if len(vectors) != 1 or quantities(_VECTOR.sub(" ", text)):
        return None
    items = [x.strip() for x in vectors[0].split(",")]
    if len(items) > READ_ITEMS:
        return None
    return EuclidianNorm(tuple(items))


# --------------------------------------------------------------------- progressions

AP = r"\bAP\b|\barithm[ae]tic (?:progression|sequence|series)\b|\bcommon difference\b"
GP = r"\bGP\b|\bgeometric (?:progression|sequence|series)\b"
# Three terms and "...", without the sequence named: "54, 103, 152, ...". Only the readers
# that check a common difference take it as an AP.
AP_LISTED = AP + r"|(?<![\w.])-?\d+\s*,\s*-?\d+\s*,\s*-?\d+\s*,?\s*(?:\.\.\.|…|\betc\b|and so on)"
SUM = r"\bsum\b|\btotal\b|\badd\b|\badded\b|\badding\b|\bsumm"
# a sum asked for, not a word of the story ("I've been adding to my savings jar"): "add up",
# "add the first 9 terms", "added together"
SUM_ASKED = (
    r"\bsum\b|\btotal\b|\bsumm|\badd(?:s|ed|ing)?\s+(?:up|together|them|all|these|those"
    r"|(?:the|its)\s+(?:first|\d|terms))\b|\badd(?:s|ed|ing)?\s+(?:first\s+)?\d"
)
# the count of terms as a field: "Number of terms: 86" (what a sum runs up to)
_TERM_COUNT = rx(r"\b(?:number|no\.?|count) of terms\s*(?:is|=|:)?\s*(\d+)\b")
_TERM_N = [
    _TERM_COUNT,
    rx(r"\b(?:term|position|place|index) (?:number |no\.? |#)?(\d+)\b"),
    rx(r"(?<![\w.])(\d+)(?:st|nd|rd|th)?\s*(?:-\s*)?terms?\b"),
    re.compile(r"\b[at]_\{?(\d+)\}?", re.I),
]


_GIVEN = rx(r"^\s*(?:-\s*)?terms?\s*(?:are|were|is|being|given|:|read)\b|^\s*terms?\s*:")


def _terms(text: str, listed: int | None = None) -> list[tuple[int, int]]:
    """(position, n) of every "term number n", "nth term", "n terms", "a_n" of the text,
    except "the first 3 terms are ...", which describes the list given (when ``listed``,
    the list's length, is known: only if n is that; "first 98 terms: 54, 103, 152" asks)."""
    found = {
        (m.start(), int(m.group(1)))
        for p in _TERM_N
        for m in p.finditer(text)
        if len(m.group(1)) <= 7
        and not (_GIVEN.match(text[m.end(1) :]) and listed in (None, int(m.group(1))))
    }
    return sorted(found)


def _is_sum(text: str, at: int) -> bool:
    """Whether the term mention at ``at`` is what a sum runs up to ("the sum up to the 9th
    term", "the first 9 terms"), reading back to the last "and", comma or full stop."""
    if _TERM_COUNT.match(text, at):
        return True
    window = re.split(r"\band\b|[,;.?!]", text[max(0, at - 40) : at])[-1]
    return _has(window, SUM + r"|\bfirst\b")


_FIRST = rx(r"\b1st\s+(?=\d)")  # "the 1st 36 terms": the first 36


def _listed(text: str) -> list[re.Match[str]]:
    """The runs of three or more terms (bracketed lists first)."""
    return list(_BRACKETED.finditer(text)) or [
        m for m in _RUN.finditer(text) if len(re.findall(_INT, m.group(1))) >= 3
    ]


def _progression(n: Normalised) -> tuple[list[int], str] | None:
    # "I've saved every week since 2015. In the AP 68, 90, 112, ...": the story's numbers
    text = asked(
        _FIRST.sub("first ", ordinals(n.text)), rf"{AP}|{GP}|\bterms?\b|\bratio\b|{SUM_ASKED}"
    )
    runs = _listed(text)
    if not runs:
        # the list came before the part that names what is asked ("Series: 5, 12, 19, ...
        # Number of terms: 30"): the whole text
        text = _FIRST.sub("first ", ordinals(n.text))
        runs = _listed(text)
    found = _one_list(text, runs)
    if found is None or not 3 <= len(found[0]) <= MAX_ITEMS:
        return None
    return found


def _ap(n: Normalised, want_sum: bool) -> tuple[int, int, int, int] | None:
    """(k, a1, a2, a3): the term number or term count asked and the AP's first terms."""
    found = _progression(n)
    if found is None:
        return None
    values, rest = found
    d = values[1] - values[0]
    if any(b - a != d for a, b in zip(values, values[1:], strict=False)):
        return None
    mentions = _terms(rest, len(values))
    wanted = {k for at, k in mentions if _is_sum(rest, at) == want_sum}
    others = {k for at, k in mentions if _is_sum(rest, at) != want_sum}
    if len(wanted) != 1 or others or len(quantities(_strip_terms(rest))) != 0:
        return None
    a1, a2, a3 = values[:3]
    return wanted.pop(), a1, a2, a3


def _strip_terms(text: str) -> str:
    for p in _TERM_N:
        text = p.sub(" ", text)
    return text


@reader(
    T,
    "arithmetic_progression_term",
    need=[AP_LISTED],
    cues=[AP, r"\bterms?\b", r"\bfind\b|\bwhat\b"],
    avoid=[SUM_ASKED, GP, r"\bratio\b"],
)
def arithmetic_progression_term(n: Normalised) -> ArithmeticProgressionTerm | None:
    found = _ap(n, want_sum=False) if _has(n.text, AP_LISTED) else None
    return None if found is None else ArithmeticProgressionTerm(*found)


@reader(
    T,
    "arithmetic_progression_sum",
    need=[AP_LISTED, SUM],
    cues=[AP, r"\bterms?\b", SUM],
    avoid=[GP, r"\bratio\b"],
)
def arithmetic_progression_sum(n: Normalised) -> ArithmeticProgressionSum | None:
    found = _ap(n, want_sum=True) if _has(n.text, AP_LISTED) and _has(n.text, SUM) else None
    return None if found is None else ArithmeticProgressionSum(*found)


@reader(
    T,
    "geometric_progression",
    need=[GP, r"\bratio\b"],
    cues=[GP, r"\bratio\b", r"\bterms?\b", SUM],
    avoid=[AP, r"\bgeometric mean\b"],
)
def geometric_progression(n: Normalised) -> GeometricProgression | None:
    if not (_has(n.text, GP) and _has(n.text, r"\bratio\b") and _has(n.text, SUM)):
        return None
    found = _progression(n)
    if found is None:
        return None
    values, rest = found
    mentions = _terms(rest)
    sums = {k for at, k in mentions if _is_sum(rest, at)}
    nth = {k for at, k in mentions if not _is_sum(rest, at)}
    if len(sums) != 1 or len(nth) != 1 or quantities(_strip_terms(rest)):
        return None
    # their cost is the problem's to check (bounds.py)
    return GeometricProgression(tuple(values), nth.pop(), sums.pop())


# --------------------------------------------------------------------- complex numbers

_NUM = r"-?\d{1,12}(?:\.\d{1,12})?"
_THETA_FORM = re.compile(
    rf"(?<![\d.])(\d{{1,12}}(?:\.\d{{1,12}})?)\s*\(\s*({_NUM})\s*\\theta\s*\+\s*i\s*\*?\s*"
    # "i-10.0θ" as the generator prints it, or "i(-10.0)θ"
    rf"(?:({_NUM})|\(\s*({_NUM})\s*\))\s*\\theta\s*\)"
)


@reader(
    T,
    "complex_to_polar",
    need=[r"\bpolar\b"],
    cues=[r"\bpolar\b", r"\\theta", r"\bcomplex\b|\bconvert\b"],
)
def complex_to_polar(n: Normalised) -> ComplexToPolar | None:
    matches = list(_THETA_FORM.finditer(n.text))
    found = {(m.group(1), m.group(2), m.group(3) or m.group(4)) for m in matches}
    if len(found) != 1 or len(matches) > 2:
        return None
    r, a, b = found.pop()
    return ComplexToPolar(r, a, b)


# --------------------------------------------------------------------- sets

_SET = re.compile(r"\{\s*(\d{1,4}(?:\s*,\s*\d{1,4})*)\s*\}")
_ELEMENTS = r"\d{1,4}(?:\s*,\s*(?:and\s+)?\d{1,4}|\s*,?\s+and\s+\d{1,4})*"
# a set in prose: "the set A containing 2, 3, 5 and 10", "set B = 1, 2, 3", "A: 8, 7"
_PROSE_SET = rx(
    r"\bset\s+(?P<name>[AaBb])\b\s*,?\s*(?:(?:which|that)\s+)?(?:containing|contains|consisting"
    r" of|consists of|made up of|with (?:the )?elements|has (?:the )?elements|holding|of|=|:|is)?"
    rf"\s*(?P<run>{_ELEMENTS})(?!\d|\.\d)"
    rf"|(?<![\w-])(?P<label>[AB])\s*(?:=|:)\s*(?P<run2>{_ELEMENTS})(?!\d|\.\d)"
)


def _braced(text: str) -> str:
    """Sets said in prose written in braces, as the generator writes them."""
    if "{" in text:
        return text

    def brace(m: re.Match[str]) -> str:
        name, run = (m.group("name"), m.group("run")) if m.group("name") else m.groups()[2:]
        items = re.findall(r"\d+", run)
        return f" {name.lower()}={{{', '.join(items)}}} "

    return _PROSE_SET.sub(brace, text)


@reader(
    T,
    "set_operation",
    need=[r"\bunion\b|∪", r"\bintersections?\b|∩"],
    cues=[
        r"\bunion\b",
        r"\bintersections?\b",
        r"\bsymmetric difference\b|\bdifferences?\b",
        r"\bsets?\b",
    ],
    avoid=[r"\bcartesian\b|\bpower set\b|\bsubsets?\b|\bcomplement\b"],
)
def set_operation(n: Normalised) -> SetOperation | None:
    if not (_has(n.text, r"\bunion\b|∪") and _has(n.text, r"\bintersections?\b|∩")):
        return None
    text, counts = count_phrase(_braced(n.text), r"sets")  # "the 2 sets a = {...} and ..."
    sets = list(_SET.finditer(text))
    if any(c != 2 for c in counts):
        return None
    if len(sets) != 2 or quantities(_SET.sub(" ", text).replace("a-b", " ").replace("b-a", " ")):
        return None
    first, second = (tuple(int(x) for x in m.group(1).split(",")) for m in sets)
    if max(len(first), len(second)) > 12:
        return None
    label_b = re.search(r"\b[Bb]\s*=\s*$", text[: sets[0].start()])
    if label_b:
        first, second = second, first
    return SetOperation(first, second)


# --------------------------------------------------------------------- bases

_BASE_WORDS = {"b": 2, "o": 8, "d": 10, "h": 16}
_BASE = r"\bbase[- ]?(\d{1,2})\b|\bbase[- ]?\{(\d{1,2})\}"
_DIGITS = re.compile(r"(?<![\w.])([0-9A-Z]*\d[0-9A-Za-z]*|[A-Z][0-9A-Z]*)(?!\w|\.\w)")


_BASE_NAMED_AGAIN = re.compile(
    r"\b(base\s*(?:2|8|10|16))\s*\((?:binary|octal|decimal|hexadecimal|hex)\)", re.I
)


def _base_roles(text: str) -> tuple[int, int, str] | None:
    """(source base, target base, the number) from "X from base S to base D", "X (base S)
    in base D", "base-S number X ... to base D", "X_S"; None unless each is said once."""
    src: set[int] = set()
    dst: set[int] = set()
    spans: list[tuple[int, int]] = []
    own: set[int] = set()  # "1011 in base 2": an "in" right after the number may be its base
    text = _BASE_NAMED_AGAIN.sub(r"\1", text)  # "to base 2 (binary)": the base said again
    for m in _rx(rf"(\(?\s*)?(?:(from|to|into|in|as)\s*:?\s+)?(?:{_BASE})(\s*\))?").finditer(text):
        base = int(m.group(3) or m.group(4))
        spans.append(m.span())
        word = (m.group(2) or "").lower()
        if word.startswith("f") or (m.group(1) and m.group(5)):  # "from", a lettered "ferom"
            src.add(base)
        elif word:
            dst.add(base)
            before = text[: m.start()]
            # "23906, written in base 11, ... to base 2": "written in" may say the number's
            # own base, as "1011 in base 2" may, when another base is the target
            if word == "in" and re.search(
                r"(?:(?<![\w.])[0-9A-Z]*\d[0-9A-Z]*|\b(?:written|expressed|given|shown)),?\s*$",
                before,
            ):
                own.add(base)
        elif _rx(r"\s*(?:number|numeral|value)?\s*[0-9A-Z]").match(text[m.end() :]):
            src.add(base)  # "base-2 number 1011"
        else:
            return None
    for m in _rx(
        r"\b(?:(from|to|into|in|as)\s*:?\s+)(binary|octal|decimal|hexadecimal|hex)\b"
    ).finditer(text):
        spans.append(m.span())
        # by the first letter, which a lettered "binxary" keeps
        (src if m.group(1)[0].lower() == "f" else dst).add(_BASE_WORDS[m.group(2)[0].lower()])
    for m in _rx(
        r"\((binary|octal|decimal|hexadecimal|hex)\)|(?<=[0-9A-Z])_\{?(\d{1,2})\}?|"
        r"\b(binary|octal|decimal|hexadecimal|hex)(?:\s+(?:number|numeral|value|integer))?"
        r"(?=\s+[0-9A-Z]*\d)"
    ).finditer(text):
        spans.append(m.span())  # "45984 (decimal)", "1011_2" / "1011₂": the number's own base
        word = m.group(1) or m.group(3)
        src.add(_BASE_WORDS[word[0].lower()] if word else int(m.group(2)))
    if not src and len(dst) == 2 and len(own) == 1:
        src, dst = own, dst - own  # "shows 1011 in base 2. What is that in base 11?"
    if len(src) != 1 or len(dst) != 1 or src == dst:
        return None
    rest = text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    numbers = {
        m.group(1)
        for m in _DIGITS.finditer(rest)
        if any(ch.isdigit() for ch in m.group(1)) or len(m.group(1)) > 1
    }
    numbers = {x for x in numbers if not re.fullmatch(r"[A-Z]{2,}|I|A", x)}  # "CP", "I", "A"
    if len(numbers) != 1:
        return None
    return src.pop(), dst.pop(), numbers.pop()


_BASE_SAID = r"\bbase[- ]?\{?\d"
_FROM_NAMED = r"\bfrom\s*:?\s*(?:binary|octal|decimal|hexadecimal|hex)\b"
# Named bases alone that other subtopics' paraphrases use: bits "from binary to hex"
# (binary_to_hex, answered 0x...), "decimal ... to hex" and the "binary of N" that
# decimal_to_hexadeci answers in hexadecimal. Only written base numbers make them this one.
_OTHERS_PAIRS = {(2, 16), (10, 16), (10, 2)}


@reader(
    T,
    "base_conversion",
    need=[f"{_BASE_SAID}|{_FROM_NAMED}"],
    cues=[f"{_BASE_SAID}|{_FROM_NAMED}", r"\bconvert|\bwritten\b|\bexpress|\bin base\b"],
    avoid=[
        r"\blog\b|\blogarithm\b|\bexponent\b|\bBCD\b|\bcomplement\b",
        r"\bhow many\b|\bdigits? sum\b|\bsum of (?:the|its) digits\b",
    ],
)
def base_conversion(n: Normalised) -> BaseConversion | None:
    found = _base_roles(n.text)
    if found is None:
        return None
    src, dst, digits = found
    if (src, dst) in _OTHERS_PAIRS and not _has(n.text, _BASE_SAID):
        return None
    written = _base_digits(digits, src)
    return None if written is None else BaseConversion(written, src, dst)


def _base_digits(digits: str, base: int) -> str | None:
    """The generator's upper-case digits, telling an inserted letter from lower-cased digits.

    The network's letter goes into a word of 4+ characters, never first nor in the last two
    places, so "758f" or "75af" were written in lower case (a base above ten: upper-case
    them) while "17x993" in base 10 holds an inserted x (drop it). A lone lower-case letter
    that could be either in a base above ten ("17a993" in base 13) is refused.
    """
    lower = [i for i, ch in enumerate(digits) if ch.islower()]
    if not lower:
        return digits
    insertable = len(lower) == 1 and len(digits) >= 5 and 1 <= lower[0] <= len(digits) - 3
    letter_digit = base > 10 and ord(digits[lower[0]].upper()) - ord("A") + 10 < base
    if insertable and (not letter_digit or any(ch.isupper() for ch in digits)):
        return digits[: lower[0]] + digits[lower[0] + 1 :]
    if base > 10 and not any(ch.isupper() for ch in digits) and not insertable:
        return digits.upper()
    return None
