"""Paraphrase readers for mathgenerator's ``computer_science`` topic.

The generator's quirks decide what a paraphrase means: "Binary of 195 =" is answered in
hexadecimal (``0xc3``), so its noun phrase "what is the binary of 195?" is read as that
subtopic, but a number asked *in*, *to* or *as* binary or octal ("convert 255 to binary")
is not: no subtopic here answers it, and the hexadecimal answer would be wrong; a bit
string asked "in hexadecimal" is ``binary_to_hex``; a decimal number "in BCD" is
``decimal_to_bcd``. ``bcd_to_decimal`` and ``decimal_to_octal`` are not read: their 1.5.0
questions do not carry the number the answer is about (``challenges.topics.UNWINNABLE``).
``fibonacci_series`` is read only with a count, which 1.5.0 never shows: the plain list.

Each reader returns its subtopic's typed problem (``families.computer_science``), which
the subtopic's solver answers; none renders the generator's sentence to be parsed again.
"""

from __future__ import annotations

import functools
import re

from logicnet.engine.families.computer_science import (
    Binary2sComplement,
    BinaryToHex,
    DecimalToBcd,
    DecimalToHexadeci,
    FibonacciSeries,
    NthFibonacciNumber,
    NthTribonacciNumber,
)
from logicnet.engine.normalise import Normalised
from logicnet.engine.readers.basic_math import misspelt, ordinals
from logicnet.engine.readers.operands import small_int
from logicnet.engine.readers.quantities import quantities, reader
from logicnet.engine.reading import rx

T = "computer_science"

_rx = functools.lru_cache(maxsize=None)(rx)


def _has(text: str, pattern: str) -> bool:
    return _rx(pattern).search(text) is not None


# --------------------------------------------------------------------- sequences

FIBONACCI = rf"\b{misspelt('fibonacci')}\b|\bfib\b"
TRIBONACCI = rf"\b{misspelt('tribonacci')}\b"
_NTH = [
    r"(?<![\w.])(\d{1,4})\s*(?:-\s*)?(?:st|nd|rd|th)\b",
    r"\b(?:term|number|element|index|position)\s*(?:n\s*=\s*|#|no\.?\s*|:\s*(?:n\s*=\s*)?)?"
    r"(\d{1,4})\b",
    r"\b[FT]\s*(?:_\s*\{?\s*(\d{1,4})\s*\}?|\(\s*(\d{1,4})\s*\))",
    rf"(?:{FIBONACCI}|{TRIBONACCI})\s*\(\s*(\d{{1,4}})\s*\)",
    r"\bn\s*=\s*(\d{1,4})\b",
]


def _nth(n: Normalised) -> int | None:
    """The one position asked for: "23rd", "the 23-th", "term 23", "F(23)", "n = 23",
    "the seventy-first"."""
    text = ordinals(n.text)
    found = {int(g) for p in _NTH for m in _rx(p).finditer(text) for g in m.groups() if g}
    if len(found) != 1:
        return None
    # every number of the text must be that position (no stated seeds or other terms)
    if {int(q.value) for q in quantities(re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text))} - found:
        return None
    return found.pop()


# an operation on the answer ("squared", "is it even") is another question
_AFTER = (
    r"\bsquared\b|\bcubed\b|\^|\bproduct\b|\bprimes?\b|\beven\b|\bodd\b|\bdigits\b|"
    r"\bmod\b|\bmodulo\b|\bremainder\b|\bdivisible\b|\bratio\b|\bhow many\b"
)
_SERIES = (
    r"\bfirst \d+\b|\bseries\b|\blist\b|\bsequence of\b|\bterms\b|\bsum\b|\bnumbers up to\b|"
    r"\bup to\b"
)


@reader(
    T,
    "nth_fibonacci_number",
    need=[FIBONACCI],
    cues=[FIBONACCI, r"\bnumbers?\b|\bterms?\b"],
    avoid=[TRIBONACCI, r"\blucas\b", _SERIES, _AFTER, r"\bF\s*\(\s*0\s*\)\s*=\s*1\b"],
)
def nth_fibonacci_number(n: Normalised) -> NthFibonacciNumber | None:
    k = _nth(n)
    return None if k is None or not 1 <= k <= 1000 else NthFibonacciNumber(k)


# how many terms a series lists: "the first 12 numbers", "12 Fibonacci terms"
_COUNT = (
    rf"\bfirst\s+(\d{{1,4}})\b(?!\s*(?:st|nd|rd|th)\b)|(?<![\w.])(\d{{1,4}})\s+(?:{FIBONACCI}\s+)?"
    r"(?:numbers|terms|values)\b"
)


@reader(
    T,
    "fibonacci_series",
    need=[FIBONACCI, _COUNT],
    cues=[FIBONACCI, r"\bseries\b|\bsequence\b|\blist\b|\bfirst\b"],
    avoid=[TRIBONACCI, r"\blucas\b|\bsum\b|\btotal\b", _AFTER],
)
def fibonacci_series(n: Normalised) -> FibonacciSeries | None:
    """The first N Fibonacci numbers; the generator never shows N (it prints ``{n}``), so
    any count is beyond its ranges and gets the plain list. The series starts 0, 1: a
    question that starts it otherwise ("with 1 and 1") is another series."""
    counts = {int(g) for m in _rx(_COUNT).finditer(n.text) for g in m.groups() if g}
    if len(counts) != 1:
        return None
    count = counts.pop()
    others = {int(q.value) for q in quantities(n.text) if q.value.isdigit()} - {count}
    if others - {0, 1} or (1 in others and 0 not in others):
        return None
    return FibonacciSeries(count)


@reader(
    T,
    "nth_tribonacci_number",
    need=[TRIBONACCI],
    cues=[TRIBONACCI, r"\bnumbers?\b|\bterms?\b"],
    avoid=[_SERIES, _AFTER],
)
def nth_tribonacci_number(n: Normalised) -> NthTribonacciNumber | None:
    k = _nth(n)
    return None if k is None or not 1 <= k <= 2000 else NthTribonacciNumber(k)


# --------------------------------------------------------------------- binary

HEX = r"\bhex\b|\bhexadecimal\b"
BINARY = r"\bbinary\b|\bbits?\b|\b0b[01]+\b"
_OTHER_CODES = r"\bBCD\b|\bbinary[- ]coded\b|\boctal\b|\bcomplement\b|\bgray code\b|\bASCII\b"
_BITS = re.compile(r"(?<![\w.])([01]{1,64})(?!\w|\.\w)")
_LETTERED_BITS = re.compile(r"(?<![\w.])([01]+)[a-z]([01]{2,})(?!\w|\.\w)")


@reader(
    T,
    "binary_to_hex",
    need=[BINARY, HEX],
    cues=[BINARY, HEX, r"\bconvert|\brepresentation\b|\bequivalent\b"],
    avoid=[_OTHER_CODES, r"\bdecimal\b", r"\bhow many\b", r"\bbase[- ]?\d"],
)  # "base 2 ... base 16" is base_conversion's wording (758F)
def binary_to_hex(n: Normalised) -> BinaryToHex | None:
    if not (_has(n.text, BINARY) and _has(n.text, HEX)):
        return None
    text = re.sub(r"\bbase[- ]?(?:16|2)\b", " ", n.text)
    # a letter inside a bit string was inserted (docs/network.md §6c); the normaliser keeps
    # letters in a text about hexadecimal, where they may be digits, but bits have none
    text = _LETTERED_BITS.sub(r"\1\2", text)
    bits = {m.group(1) for m in _BITS.finditer(text)}
    if len(bits) != 1 or len(quantities(text)) != 1:
        return None
    value = bits.pop()
    # the bits are the number given, in binary: "binary number 0100", "0100 (binary)",
    # "0100 in hexadecimal" -- not "the binary of 100" (a decimal number, the other subtopic)
    if _has(
        n.text,
        rf"\bbinary (?:representation |form |equivalent |value )?of (?:the )?"
        rf"(?:number )?{value}\b",
    ):
        return None
    return BinaryToHex(value)


COMPLEMENT = rf"\b{misspelt('complement')}\b"
_TWOS = rf"\b(?:2'?s|two'?s)[- ]{COMPLEMENT}"


@reader(
    T,
    "binary_2s_complement",
    need=[COMPLEMENT],
    cues=[_TWOS, rf"\bbinary\b|\bbits?\b|{COMPLEMENT}"],
    avoid=[rf"\b(?:1'?s|ones'?|one'?s)[- ]{COMPLEMENT}"],
)
def binary_2s_complement(n: Normalised) -> Binary2sComplement | None:
    text = _rx(_TWOS).sub(" ", n.text)
    if not _has(n.text, _TWOS):
        return None
    if _has(text, r"\b\d+[- ]?bits?\b|\bbits? wide\b|\bwidth\b|\bsigned\b|\bdecimal\b"):
        return None  # a stated width or a decimal input: not the generator's keep-the-width rule
    bits = {m.group(1) for m in _BITS.finditer(text)}
    numbers = quantities(text)
    if not bits and not numbers:
        # the generator's own question can be "2's complement of  =" (no digits): its
        # answer is the empty string, and a paraphrase of it has no number either; but "its
        # 2's complement" is the end of a question whose number was said before
        if _has(n.text, r"\bits\b"):
            return None
        return Binary2sComplement("")
    if len(bits) != 1 or len(numbers) != 1:
        return None
    return Binary2sComplement(bits.pop())


# "the binary of 195": the generator's own noun phrase for a decimal number it answers in
# hexadecimal; "195 in hex", "convert 195 to hexadecimal", "Decimal: 195 ... hexadecimal".
# A number asked *in*, *to* or *as* binary (or octal) is another question: answering it in
# hexadecimal would be wrong, and this topic has no decimal-to-binary subtopic.
_DECIMAL_TO = (
    r"\b(?:binary|hex|hexadecimal)(?: (?:representation|form|equivalent|value|"
    r"number|code))? (?:of|for) (?:the )?(?:decimal )?(?:number |integer |value )?"
    r"(\d{1,9})\b"
    r"|(?<![\w.])(\d{1,9}) (?:in|into|to|as) (?:hex|hexadecimal)\b"
)
_IN_BINARY = (
    r"\b(?:in|into|to|as)\s+(?:(?:its|a|the)\s+)?(?:binary|base[- ]?(?:2|two|8|eight))\b"
    r"|\bbinary\s+(?:digits|bits|string|notation|numeral|number|system)\b"
)
_DECIMAL_GIVEN = rx(r"\bdecimal(?: number| value| integer)?\s*(?::|=|is)?\s*(\d{1,9})\b")


_PREFIX_NAMED = re.compile(r"(?<![\w.])0[xX](?![0-9a-fA-F])")


@reader(
    T,
    "decimal_to_hexadeci",
    need=[rf"{_DECIMAL_TO}|\bdecimal\b[^.?!]*\bhex(?:adecimal)?\b"],
    cues=[r"\bbinary\b|\bhex\b|\bhexadecimal\b", _DECIMAL_TO, r"\bdecimal\b|\bconvert"],
    avoid=[_OTHER_CODES, r"\bbase[- ]?\d", _IN_BINARY],
)
def decimal_to_hexadeci(n: Normalised) -> DecimalToHexadeci | None:
    found = {g for m in _rx(_DECIMAL_TO).finditer(n.text) for g in m.groups() if g}
    if not found and _has(n.text, HEX):
        found = {m.group(1) for m in _DECIMAL_GIVEN.finditer(n.text)}  # "Decimal: 663"
    # "with the 0x prefix" names the notation: its 0 is no number
    bare = _PREFIX_NAMED.sub(" ", n.text)
    if len(found) != 1 or {q.value for q in quantities(bare)} != found:
        return None
    value = found.pop()
    if _has(n.text, HEX) and _has(
        n.text,
        rf"\bbinary\b[^.?!]*\b{value}\b|\b{value}\b[^.?!]*"
        rf"\bfrom binary\b",
    ):
        return None  # "binary 1010 to hexadecimal": the bits are the number given
    if re.fullmatch(r"[01]{2,}", value) and not _has(
        n.text, r"\bdecimal\b|\bbinary (?:representation |form |equivalent |value )?of\b"
    ):
        return None  # "1010 to hexadecimal" may be bits: binary_to_hex would answer 0xa
    # what was asked: "Binary of N" (1.5.0's words, answered in hexadecimal), or plainly
    # hexadecimal; beyond the generator's range the two answers differ
    asks_hex = _has(n.text, HEX) and not _has(n.text, r"\bbinary\b")
    return DecimalToHexadeci(small_int(value, 9), binary=not asks_hex)


_BCD = r"\bBCD\b|\bbinary[- ]coded[- ]decimal\b"


@reader(
    T,
    "decimal_to_bcd",
    need=[_BCD],
    cues=[_BCD, r"\bdecimal\b|\bnumber\b|\bconvert|\bencode"],
    avoid=[
        r"\binteger of\b|\bdecode\b|\bfrom BCD\b|\bBCD (?:code|number|value) \d|"
        r"\binto decimal\b|\bto decimal\b|\bin decimal\b|\bdecimal value\b"
    ],
)
def decimal_to_bcd(n: Normalised) -> DecimalToBcd | None:
    value = {q.value for q in quantities(n.text)}
    if len(value) != 1:
        return None
    number = small_int(value.pop(), 12)
    if number < 0 or re.fullmatch(r"[01]{5,}", str(number)):
        return None  # a bit string is a BCD code to decode, not a decimal number
    return DecimalToBcd(number)
