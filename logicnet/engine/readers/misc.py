"""Paraphrase readers for mathgenerator's ``misc`` topic.

The misc subtopics are many small ones, so each reader is short: its words (prime
factors are not factors, and neither is a common factor), operands by shape (a list, a
set, a power ``a^{p}``, a number glued to "minutes" or "degrees Celsius") and the
subtopic's typed problem (``families.misc``) built from them, which checks the rules and
bounds. ``decimal_to_roman_numerals`` is read, though its generator asks about 0 and
answers for another number (``challenges.topics.UNWINNABLE``): any other number is beyond
its ranges, and gets the standard numeral (docs/conventions.md).
"""

from __future__ import annotations

import functools
import re

from logicnet.engine.families.misc import (
    CelsiusToFahrenheit,
    CommonFactors,
    DecimalToRomanNumerals,
    Factors,
    IsLeapYear,
    MinutesToHours,
    PrimeFactors,
    ProductOfScientificNotations,
    ProfitLossPercent,
    QuotientOfPowerSameBase,
    QuotientOfPowerSamePower,
    SignumFunction,
    SurdsComparison,
    VelocityOfObject,
)
from logicnet.engine.normalise import Normalised
from logicnet.engine.readers.basic_math import asked, misspelt, ordinals
from logicnet.engine.readers.operands import small_int
from logicnet.engine.readers.quantities import bind, quantities, reader
from logicnet.engine.reading import hinted_as, rx

T = "misc"
MAX_DIGITS = 9

_rx = functools.lru_cache(maxsize=None)(rx)


def _has(text: str, pattern: str) -> bool:
    return _rx(pattern).search(text) is not None


def _ints(text: str) -> list[int]:
    return [small_int(q.value, MAX_DIGITS) for q in quantities(text)]


def _one_int(text: str) -> int | None:
    """The one integer of the text (it may be repeated), or None."""
    values = {q.value for q in quantities(text)}
    return small_int(values.pop(), MAX_DIGITS) if len(values) == 1 else None


# --------------------------------------------------------------------- factors

PRIME_FACTORS = (
    r"\bprime factors?\b|\bprime factorization\b|\bprime factorisation\b|"
    r"\bprime decomposition\b|\bfactori[sz]e\b[^.?!]*\bprimes?\b"
)
COMMON = r"\bcommon\b|\bshared?\b|\bboth\b|\bin common\b"
GREATEST = (
    r"\bgreatest\b|\bhighest\b|\blargest\b|\bbiggest\b|\bGCD\b|\bGCF\b|\bHCF\b|"
    r"\bleast\b|\bsmallest\b|\bLCM\b|\bmultiples?\b"
)
NOT_NUMBERS = (
    r"\bpolynomials?\b|\bquadratic\b|\bexpressions?\b|\b[a-z]\s*\^\s*\d|\bfactor out\b|"
    r"\b[a-z]\s*[+*/]\s*\d|\d\s*[+*/]\s*[a-z]\b|\b[xyz]\s*-\s*\d|\d\s*-\s*[xyz]\b|"
    r"\bf\s*\(\s*x\s*\)"
)  # a dash alone is often an em dash of chatter


@reader(
    T,
    "prime_factors",
    need=[PRIME_FACTORS],
    cues=[PRIME_FACTORS, r"\bfactors?\b|\bfactori", r"\bprimes?\b"],
    avoid=[
        COMMON,
        GREATEST,
        r"\bdistinct\b|\bunique\b|\bhow many\b|\bsum\b|\bcount\b",
        NOT_NUMBERS,
    ],
)
def prime_factors(n: Normalised) -> PrimeFactors | None:
    if not _has(n.text, PRIME_FACTORS):
        return None
    value = _one_int(asked(n.text, PRIME_FACTORS))
    return None if value is None or value < 2 else PrimeFactors(value)


_ROMAN = r"\broman(?:\s+numerals?|\s+numbers?|\s+notation|\s+form|\s+style)?\b"


@reader(
    T,
    "decimal_to_roman_numerals",
    need=[_ROMAN],
    cues=[_ROMAN, r"\bwrite\b|\bconvert\b|\bexpress\b|\bin\b"],
    avoid=[r"\bfrom roman\b|\bto (?:a )?(?:decimal|arabic|integer|number)\b|\bvalue of\b"],
)
def decimal_to_roman_numerals(n: Normalised) -> DecimalToRomanNumerals | None:
    if re.search(r"\b[MDCLXVI]{2,}\b", n.text):
        return None  # a numeral given to read: the other way round
    value = _one_int(asked(n.text, _ROMAN))
    if value is None or value == 0:
        return None  # 0: the generator's own question, whose answer is another number's
    return DecimalToRomanNumerals(value)


# the factors of two numbers, or the numbers that divide both ("divides both 8 and 98")
_DIVIDE_BOTH = r"\bfactors?\b|\bdivisors?\b|\bdivides? (?:both|each of)\b"


@reader(
    T,
    "common_factors",
    need=[_DIVIDE_BOTH],
    cues=[r"\bcommon (?:factors?|divisors?)\b", _DIVIDE_BOTH, COMMON],
    avoid=[
        GREATEST,
        r"\bprimes?\b",
        NOT_NUMBERS,
        r"\bhow many\b|\bnumber of\b|\bsum\b|\bcount\b|\bodd\b|\beven\b",
    ],
)
def common_factors(n: Normalised) -> CommonFactors | None:
    if not (_has(n.text, COMMON) and _has(n.text, _DIVIDE_BOTH)):
        return None
    values = _ints(asked(n.text, _DIVIDE_BOTH))
    return CommonFactors(values[0], values[1]) if len(values) == 2 else None


@reader(
    T,
    "factors",
    # ("what divides 6", not the instruction "divide by 6")
    need=[r"\bfactors?\b|\bdivisors?\b|\bdivides?\b(?!\s+by\b)"],
    cues=[
        r"\bfactors? of\b|\bdivisors? of\b|\bdivides?\b(?!\s+by\b)",
        r"\bfactors?\b|\bdivisors?\b",
        r"\ball\b|\blist\b|\bevery\b",
    ],
    avoid=[
        r"\bprimes?\b|\bcomposite\b",
        r"!|\bfactorial",  # "Find 5!. Divide by 6." divides a result, it asks no factors
        COMMON,
        GREATEST,
        NOT_NUMBERS,
        r"\bhow many\b|\bnumber of\b|\bsum\b|\bcount\b|\bproper\b|\bpairs?\b|\bproduct\b",
        r"\bodd\b|\beven\b|\bnegative\b",
    ],
)
def factors(n: Normalised) -> Factors | None:
    if not _has(n.text, r"\bfactors?\b|\bdivisors?\b|\bdivides?\b"):
        return None
    value = _one_int(asked(n.text, r"\bfactors?\b|\bdivisors?\b|\bdivides?\b"))
    return None if value is None else Factors(value)


# --------------------------------------------------------------------- comparisons and signs

COMPARE = (
    r"\bsurds?\b|\bcompare\b|\bcomparison\b|\bblanks?\b|\bsymbol\b|\bgreater\b|"
    r"\blarger\b|\bbigger\b|\bsmaller\b|\bless\b|[<>]|\binequality\b|\brelation"
)
_SURD = re.compile(
    r"(?<![\d.])(?P<a>\d+)\s*\^\s*\{?\s*(?:\\frac\s*\{\s*1\s*\}\s*\{\s*(?P<d1>\d+)\s*\}|"
    r"\(\s*1\s*/\s*(?P<d2>\d+)\s*\)|1\s*/\s*(?P<d3>\d+))\s*\}?"
    r"|\\sqrt\s*\[\s*(?P<d4>\d+)\s*\]\s*\{\s*(?P<a4>\d+)\s*\}|\\sqrt\s*\{\s*(?P<a5>\d+)\s*\}"
)


_A_ROOT = r"\d\s*\^|\broots? of\b|\\sqrt"
# "the eighth root of 71", "the square root of 62", "cube root of 9"
_NAMED_ROOT = rx(r"\b(\d{1,3})(?:st|nd|rd|th)\s+roots?\b(?!\s*of)")
_ROOT_WORDS = rx(
    r"\b(?:(?P<k>\d{1,3})(?:st|nd|rd|th)|(?P<sq>square)|(?P<cu>cube))\s*roots?\s*of\s*(?P<a>\d+)"
    r"(?![\d.])"
)


def _surds(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    spans = [(m.start(), m, "symbol") for m in _SURD.finditer(text)]
    spans += [(m.start(), m, "words") for m in _ROOT_WORDS.finditer(ordinals(text))]
    if spans and len({kind for _, _, kind in spans}) > 1:
        return []  # roots both as symbols and in words: their order is not sure
    for _, m, kind in sorted(spans, key=lambda t: t[0]):
        if kind == "words":
            a, d = m.group("a"), m.group("k") or ("2" if m.group("sq") else "3")
        elif m.group("a"):
            a, d = m.group("a"), m.group("d1") or m.group("d2") or m.group("d3")
        elif m.group("a4"):
            a, d = m.group("a4"), m.group("d4")
        else:
            a, d = m.group("a5"), "2"
        pair = (small_int(a, 6), small_int(d, 3))
        if pair not in out:
            out.append(pair)
    return out


@reader(
    T,
    "surds_comparison",
    need=[COMPARE],
    cues=[
        COMPARE,
        r"\^\s*\{?\s*\\frac\s*\{\s*1\s*\}|\^\s*\{?\(?\s*1\s*/|\\sqrt|\broots? of\b",
    ],
    avoid=[
        r"\bproduct\b|\bmultiply\b|\bsum\b|\badd\b|\bsimplify\b|\bquotient\b|\bdivide\b",
        r"\bhow much\b|\bdifference\b|\bby what\b|\bratio\b",
    ],
)
def surds_comparison(n: Normalised) -> SurdsComparison | None:
    surds = _surds(n.text)
    if len(surds) != 2:
        return None
    rest = _ROOT_WORDS.sub(" ", _SURD.sub(" ", ordinals(asked(n.text, _A_ROOT))))
    orders = {str(d) for _, d in surds}
    # "cube root vs 5th root": the two roots named again, without their numbers
    rest = _NAMED_ROOT.sub(lambda m: " " if m.group(1) in orders else m.group(0), rest)
    if quantities(rest):
        return None  # a number besides the two roots: another comparison ("... + 1")
    (a, da), (b, db) = surds
    if max(da, db) > 100:
        return None
    return SurdsComparison(a, da, b, db)


@reader(
    T,
    "signum_function",
    need=[r"\bsignum\b|\bsgn\b|\bsign\b"],
    cues=[r"\bsignum\b|\bsgn\b|\bsign function\b", r"\bsigns?\b|\bsgn\b|\bsignum\b"],
    avoid=[r"\bderivative\b|\bintegral\b", NOT_NUMBERS],
)
def signum_function(n: Normalised) -> SignumFunction | None:
    if not _has(n.text, r"\bsignum\b|\bsgn\b|\bsign function\b|\bsign of\b"):
        return None
    text = re.sub(r"\bminus\s+(?=\d)", "-", n.text, flags=re.I)
    value = _one_int(text)
    return None if value is None else SignumFunction(value)


@reader(
    T,
    "is_leap_year",
    need=[r"\bleap\b"],
    cues=[r"\bleap\b", r"\bleap[- ]?years?\b"],
    avoid=[
        r"\bjulian\b|\bhebrew\b|\bchinese\b|\bislamic\b|\blunar\b",
        r"\bhow many\b|\bcount\b|\bnumber of\b|\bbetween\b|\bsince\b|\buntil\b|\bnext\b"
        r"|\bprevious\b|\blast\b|\bnearest\b|\bleap years\b|\bleap days\b|\bday of the week",
    ],
)
def is_leap_year(n: Normalised) -> IsLeapYear | None:
    year = _one_int(asked(n.text, r"\bleap\b"))
    return None if year is None or not 1 <= year <= 99999 else IsLeapYear(year)


# --------------------------------------------------------------------- money and units

_CP = (
    r"\bCP\b|\bcost price\b|\bcost\b|\bcosts\b|\bbought\b|\bpurchased?\b|\bbuying price\b|"
    r"\bbuys\b|\bbuy\b|\bpaid\b|\bpays?\b|\bpurchases\b"
)
_SP = r"\bSP\b|\bselling price\b|\bsold\b|\bsells?\b|\bsale price\b|\bselling\b"
_PROFIT = r"\bprofits?\b|\bgain(?:ed)?\b"
_LOSS = r"\bloss\b|\blost\b"


@reader(
    T,
    "profit_loss_percent",
    need=[f"{_PROFIT}|{_LOSS}", r"\bpercent\b|\bpercentage\b|%"],
    cues=[f"{_PROFIT}|{_LOSS}", r"\bpercent\b|\bpercentage\b|%", _CP, _SP],
    avoid=[r"\bdiscount\b|\binterest\b|\bmarked price\b|\btax\b|\bmarkup percent"],
)
def profit_loss_percent(n: Normalised) -> ProfitLossPercent | None:
    text = asked(n.text, f"{_CP}|{_SP}")  # "I have flipped 12 pieces so far. I bought ..."
    found = bind(text, {"cp": _CP, "sp": _SP})
    if found is None or {q.value for q in quantities(text)} != {q.value for q in found.values()}:
        return None
    cost, sale = small_int(found["cp"].value, MAX_DIGITS), small_int(found["sp"].value, MAX_DIGITS)
    profit, loss = _has(n.text, _PROFIT), _has(n.text, _LOSS)
    if profit != loss and profit != (sale >= cost):
        return None  # the generator names the side the numbers are on: ours are mixed up
    return ProfitLossPercent(cost, sale)


_C_WORD = rf"{misspelt('celsius')}\b|centigrade\b"
# two temperatures compared ("how many degrees warmer is it inside"): a word problem
_TEMPERATURE_COMPARED = (
    r"warmer|colder|hotter|cooler|difference|\brises?\b|\brose\b|\bdrops?\b|dropped"
    r"|increase|decrease|\bchange|higher|lower|\bper (?:hour|day|minute)\b"
    r"|went (?:up|down)|\bclimb|\bfell\b|\bgap\b|\bswing|\bby \d+(?:\.\d+)? degrees"
)
_F_WORD = rf"{misspelt('fahrenheit')}\b"
_CELSIUS = rx(rf"(?<![\d.])(-?\d+(?:\.\d+)?)\s*(?:degrees?\s*)?(?:{_C_WORD}|C\b)")
_FAHRENHEIT = rx(rf"(?<![\d.])(-?\d+(?:\.\d+)?)\s*(?:degrees?\s*)?(?:{_F_WORD}|F\b)")


@reader(
    T,
    "celsius_to_fahrenheit",
    need=[rf"\b{_F_WORD}|\bF\b"],
    cues=[rf"\b{_C_WORD}|\d\s*(?:degrees\s*)?C\b", rf"\b{_F_WORD}|\bF\b"],
    avoid=[r"\bkelvin\b", _TEMPERATURE_COMPARED],
)
def celsius_to_fahrenheit(n: Normalised) -> CelsiusToFahrenheit | None:
    text = re.sub(r"\bminus\s+(?=\d)", "-", n.text, flags=re.I)
    if not _has(text, rf"\b{_F_WORD}|\bdegrees F\b|\bF\b") or _FAHRENHEIT.search(text):
        return None  # no target, or the number given is in Fahrenheit (the reverse)
    text = asked(text, rf"\b{_F_WORD}|\bdegrees F\b|\bF\b")  # a nurse's 12-hour shifts
    values = {m.group(1) for m in _CELSIUS.finditer(text)}
    if len(values) != 1 or len(quantities(text)) != 1:
        return None
    return CelsiusToFahrenheit(small_int(values.pop(), 6))


_MINUTES_SAID = r"(?<![\w.])(\d+)\s*(?:minutes?|mins|min)\b"
_MINUTES = rx(_MINUTES_SAID)


@reader(
    T,
    "minutes_to_hours",
    need=[r"\bhours?\b|\bhrs?\b"],
    cues=[r"\bminutes?\b|\bmins?\b", r"\bhours?\b|\bhrs?\b"],
    avoid=[r"\bseconds?\b|\bdays?\b|\bweeks?\b", r"\bspeed\b|\bkm\b|\bmiles?\b"],
)
def minutes_to_hours(n: Normalised) -> MinutesToHours | None:
    text = asked(n.text, _MINUTES_SAID)
    found = {m.group(1) for m in _MINUTES.finditer(text)}
    if len(found) != 1 or len(quantities(text)) != 1:
        return None
    return MinutesToHours(small_int(found.pop(), MAX_DIGITS))


_DISTANCE_SAID = r"(?<![\w.])(\d+)\s*(?:m|metres?|meters?)\b"
_SECONDS_SAID = r"(?<![\w.])(\d+)\s*(?:s|secs?|seconds?)\b"
_DISTANCE = rx(_DISTANCE_SAID)
_SECONDS = rx(_SECONDS_SAID)


@reader(
    T,
    "velocity_of_object",
    need=[r"\bvelocity\b|\bspeed\b"],
    cues=[
        r"\bvelocity\b|\bspeed\b",
        r"\bseconds?\b|\bsecs?\b|\d\s*s\b",
        r"\bdistance\b|\btravels?\b|\bcovers?\b|\bmoves?\b|\d\s*m\b|\bmetres?\b|\bmeters?\b",
    ],
    avoid=[
        r"\bkm\b|\bkilomet|\bhours?\b|\bminutes?\b|\bmiles?\b|\bfeet\b",
        r"\baccelerat|\bfalls?\b|\bdropped\b|\bangular\b|\binitial\b",
    ],
)
def velocity_of_object(n: Normalised) -> VelocityOfObject | None:
    text = asked(n.text, f"{_DISTANCE_SAID}|{_SECONDS_SAID}")  # "a coach with 15 runners, I ..."
    distance = {m.group(1) for m in _DISTANCE.finditer(text)}
    seconds = {m.group(1) for m in _SECONDS.finditer(text)}
    if len(distance) != 1 or len(seconds) != 1 or len(quantities(text)) != 2:
        return None
    return VelocityOfObject(
        small_int(distance.pop(), MAX_DIGITS), small_int(seconds.pop(), MAX_DIGITS)
    )


# --------------------------------------------------------------------- power notation

_POWER = re.compile(r"(?<![\d.])(\d+)\s*\^\s*(?:\{\s*(-?\d+)\s*\}|(-?\d+))")
_BETWEEN = rx(
    r"^\s*(?:,?\s*(?:and|by|(?:is\s+)?divided by|over|/|\\?div)\s*"
    # the givens as labelled fields: "Dividend: 38^10, Divisor: 38^5"
    r"|[,;]?\s*(?:and\s+)?(?:the\s+)?(?:divisor|denominator)\s*(?:is|=|:)?\s*)$"
)


_ONE_POWER = r"(\d+\s*\^\s*\{?-?\d+\}?)"
_FRAC_POWERS = re.compile(rf"\\frac\s*\{{\s*{_ONE_POWER}\s*\}}\s*\{{\s*{_ONE_POWER}\s*\}}")


# the generator's own working, which a paraphrase may copy: "b^{p-q}", "(b1/b2)^p", "0.74^{9}"
_WORKING = re.compile(
    r"\d+\s*\^\s*(?:\{[^{}]*\}|\([-\d\s+]*\)|-?\d+)|\(\s*\d+\s*/\s*\d+\s*\)\s*\^\s*\{?\d+\}?|"
    r"\d+\.\d+\s*\^\s*\{?\d+\}?"
)


def _two_powers(n: Normalised) -> tuple[int, int, int, int] | None:
    text = _FRAC_POWERS.sub(r"\1 / \2", n.text)  # \frac{26^{6}}{26^{7}}
    powers = list(_POWER.finditer(text))
    if not 2 <= len(powers) <= 4 or not _BETWEEN.match(text[powers[0].end() : powers[1].start()]):
        return None
    bases = {m.group(1) for m in powers}
    if len(powers) > 2 and len(bases) != 1:
        return None  # beyond the two operands only the same-base working "b^{p-q} = b^{r}"
    if quantities(_WORKING.sub(" ", text)):
        return None  # another number besides the powers and their working ("plus 1")
    (b1, p1), (b2, p2) = ((m.group(1), m.group(2) or m.group(3)) for m in powers[:2])
    values = (small_int(b1, 4), small_int(p1, 3), small_int(b2, 4), small_int(p2, 3))
    if min(values[0], values[2]) < 1:
        return None
    return values  # the size of the powers is the problem's to check (bounds.py)


QUOTIENT = (
    r"\bquotients?\b|\bdivide\b|\bdivided\b|\bdividing\b|\bdivision\b|\bover\b|"
    r"\d\s*\^\s*\{?-?\d+\}?\s*/\s*\d+\s*\^|\\frac\s*\{\s*\d+\s*\^"
)


@reader(
    T,
    "quotient_of_power_same_base",
    need=[QUOTIENT],
    cues=[QUOTIENT, r"\d\s*\^"],
    avoid=[r"\bproduct\b|\bmultiply\b|\bmultiplied\b|\bsum\b|\bscientific\b"],
)
def quotient_of_power_same_base(n: Normalised) -> QuotientOfPowerSameBase | None:
    found = _two_powers(n) if _has(n.text, QUOTIENT) else None
    if found is None or found[0] != found[2]:
        return None
    b, p1, _, p2 = found
    if p1 == p2 and not (
        hinted_as(n, "quotient_of_power_same_base")
        or re.search(rf"\b{b}\s*\^\s*\{{\s*{p1}\s*-\s*{p2}\s*\}}", n.text)
    ):
        # b^p / b^p is both subtopics ("1" here, "1.0" there): only the Topic line or the
        # same-base working "b^{p-p}" tells which
        return None
    return QuotientOfPowerSameBase(b, p1, p2)


@reader(
    T,
    "quotient_of_power_same_power",
    need=[QUOTIENT],
    cues=[QUOTIENT, r"\d\s*\^"],
    avoid=[r"\bproduct\b|\bmultiply\b|\bmultiplied\b|\bsum\b|\bscientific\b"],
)
def quotient_of_power_same_power(n: Normalised) -> QuotientOfPowerSamePower | None:
    found = _two_powers(n) if _has(n.text, QUOTIENT) else None
    if found is None or found[1] != found[3]:
        return None
    b1, p, b2, _ = found
    if b1 == b2 and not (
        hinted_as(n, "quotient_of_power_same_power")
        or re.search(rf"\(\s*{b1}\s*/\s*{b2}\s*\)", n.text)
    ):
        return None  # b^p / b^p: only the Topic line or the working "(b/b)^p" tells which
    return QuotientOfPowerSamePower(b1, b2, p)


_SCIENTIFIC = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:\*|x|X)\s*10\s*\^\s*(?:\{\s*([-+]?\d+)\s*\}|([-+]?\d+))"
    r"|(?<![\d.])(\d+(?:\.\d+)?)[eE]([-+]?\d+)\b"
)


@reader(
    T,
    "product_of_scientific_notations",
    need=[
        r"\bproducts?\b|\bmultiply\b|\bmultiplied\b|\btimes\b|\bmultiplication\b|"
        r"\^\s*\{?-?\d+\}?\s*\)?\s*\*\s*\(?\s*\d"
        # two bracketed numbers side by side: "(3.89 * 10^11)(6.09 * 10^-82)"
        r"|\*\s*10\s*\^\s*\{?-?\d+\}?\s*\)\s*\(\s*\d"
    ],
    cues=[
        r"\bproducts?\b|\bmultiply\b|\bmultiplied\b|\btimes\b|\bmultiplication\b",
        r"\bscientific\b|\bnotations?\b|\*\s*10\s*\^",
    ],
    avoid=[r"\bdivide|\bquotient\b|\bsum\b|\badd\b|\bsubtract"],
)
def product_of_scientific_notations(n: Normalised) -> ProductOfScientificNotations | None:
    found = list(_SCIENTIFIC.finditer(n.text))
    if len(found) != 2 or quantities(_SCIENTIFIC.sub(" ", n.text)):
        return None
    parts: list[tuple[str, int]] = []
    for m in found:
        mantissa = m.group(1) or m.group(4)
        exponent = small_int((m.group(2) or m.group(3) or m.group(5)).lstrip("+"), 4)
        if not 1 <= float(mantissa) < 10 or len(mantissa) > 12:
            return None  # the generator's mantissas are in [1, 10)
        parts.append((mantissa, exponent))
    (a, ea), (b, eb) = parts
    return ProductOfScientificNotations(a, ea, b, eb)


# the progressions, means, norms, sets and bases
from logicnet.engine.readers import misc_sequences as _sequences  # noqa: E402,F401
