"""Paraphrase readers for mathgenerator's ``basic_math`` topic.

Near neighbours keep each other out through ``avoid``: GCD is not LCM, "is 31 composite"
is not ``is_prime`` (the two answer Yes/No the other way round), a percentage error is
not a percentage difference, a cube root is not a square root. Operands are read by
shape (``|a - b|``, ``a% of b``, ``\\frac{a}{b}`` or ``a/b``) and must occur once.
"""

from __future__ import annotations

import re

from logicnet.engine.normalise import Normalised
from logicnet.engine.readers.operands import alone, fractions, one, small_int, whole_numbers
from logicnet.engine.reading import rx, topic_reader

T = "basic_math"


_reader = topic_reader(T)


_PLACES = rx(r"\b(\d+)\s*(?:decimal places|decimals|d\.?p\.?\b|places)")


def _two_places(n: Normalised) -> bool:
    """The generators round to 2 places; a question asking for other places is not theirs."""
    return all(m.group(1) == "2" for m in _PLACES.finditer(n.text))


def _ints(values: list[str]) -> list[int]:
    return [small_int(v, max_digits=12) for v in values]


# ------------------------------------------------------------------ GCD and factorial

_GCD_CALL = rx(r"\b(?:GCD|HCF|gcd)\s*\(\s*(\d+(?:\s*,\s*\d+)+)\s*\)")
_GCD_OF = rx(
    r"(?:\bGCD|\bHCF|\bGCF|greatest common (?:divisor|factor)|highest common factor)"
    r"\s*(?:of|for|between)\s*(?:the numbers\s*)?(\d+)\s*(?:,|and|&)\s*(\d+)"
    r"(?!\d|\.\d|\s*(?:,|and|&)\s*\d)"
)


@_reader(
    "greatest_common_divisor",
    cues=[
        r"\bGCD\b|\bHCF\b|\bGCF\b|greatest common (?:divisor|factor)|highest common factor"
        r"|largest (?:number|integer) that divides"
    ],
    avoid=[
        r"\bLCM\b|least common multiple|lowest common multiple|common factors\b"
        r"|\bprime factor"
    ],
)
def greatest_common_divisor(n: Normalised) -> str | None:
    call = _GCD_CALL.search(n.text)
    named = {m.groups() for m in _GCD_OF.finditer(n.text)}
    if call:
        values = whole_numbers(call.group(1))
    elif len(named) == 1:  # "the GCD of 84 and 120", whatever other numbers the chatter has
        values = [small_int(v) for v in named.pop()]
    else:
        values = whole_numbers(n.text)
    if len(values) != 2 or min(values) < 0:
        return None
    return f"GCD({values[0]},{values[1]}) ="


_FACTORIAL = rx(r"(?<![\w.])(\d+)\s*!")
_FACTORIAL_WORDS = rx(r"factorial of (\d+)\b|(\d+)\s+factorial")


@_reader(
    "factorial",
    cues=[r"(?<![\w.])\d+\s*!(?!=)|factorial", r"factorial"],
    avoid=[
        r"double factorial|\d\s*!!|permutation|combination|choose|arrange|trailing zero|"
        r"digits? (?:of|in)|sum of (?:the )?digits|prime"
    ],
)
def factorial(n: Normalised) -> str | None:
    marks = list(_FACTORIAL.finditer(n.text))
    if not all(alone(n.text, m) for m in marks):
        return None  # "5! / 3!" or "5! + 1" asks for more than one factorial
    found = {m.group(1) for m in marks}
    found |= {m.group(1) or m.group(2) for m in _FACTORIAL_WORDS.finditer(n.text)}
    if len(found) != 1:
        return None
    value = small_int(found.pop(), max_digits=3)
    return f"{value}! =" if re.fullmatch(r"\d+", str(value)) else None


# ------------------------------------------------------------------ fractions

_DIVISION = rx(r"(?<![\w.^/-])(\d+)\s*(?:/|divided by|over)\s*(\d+)(?!\w|\.\d|\s*[/^])")


@_reader(
    "fraction_to_decimal",
    cues=[
        r"\bdecimal|divided by|\d\s+/\s+\d",
        r"divided by|\d\s*/\s*\d|\\frac|\bfraction\b",
        r"\bdecimal",
    ],
    avoid=[
        r"percent|%|multipl|product|times|compare|greater|less than|larger|smaller"
        r"|simplif|lowest terms|remainder|quotient|mixed number|\bsum\b|\badd|plus|minus"
        r"|subtract|binary|hexa|octal|\bbase\b|repeating|recurring|\bpower|\^|roman"
    ],
)
def fraction_to_decimal(n: Normalised) -> str | None:
    divisions = list(_DIVISION.finditer(n.text))
    if not all(alone(n.text, m) for m in divisions):
        return None
    pairs = {(m.group(1), m.group(2)) for m in divisions}
    pairs |= {(str(a), str(b)) for a, b in fractions(n.text)}
    pair = one(pairs)
    if pair is None or not _two_places(n):
        return None
    a, b = _ints(list(pair))
    if b == 0:
        return None
    return f"{a}\\div{b}="


def _two_fractions(n: Normalised) -> list[tuple[int, int]] | None:
    found = fractions(n.text)
    if len(found) != 2 or any(a < 0 or b <= 0 for a, b in found):
        return None
    return found


@_reader(
    "fraction_multiplication",
    cues=[r"multipl|product|times|\*", r"\\frac|\bfractions?\b|\d\s*/\s*\d"],
    need=[r"\\frac|\d\s*/\s*\d"],
    avoid=[
        r"divid|÷|\badd|\bsum\b|plus|minus|subtract|differen|compare|comparison|symbol"
        r"|greater|less|larger|smaller|bigger|\bdecimal|percent|%|\^|matri|vector|\bx\b"
        r"|\d\s*x\b|\by\s*="
    ],
)
def fraction_multiplication(n: Normalised) -> str | None:
    found = _two_fractions(n)
    if found is None:
        return None
    (a, b), (c, d) = found
    return rf"\frac{{{a}}}{{{b}}}\cdot\frac{{{c}}}{{{d}}}="


@_reader(
    "compare_fractions",
    cues=[
        r"compar|symbol|which is (?:greater|larger|bigger|smaller|less)|[<>]|"
        r"greater|less than|larger|bigger|smaller",
        r"\\frac|\bfractions?\b|\d\s*/\s*\d",
    ],
    need=[r"\\frac|\d\s*/\s*\d"],
    avoid=[
        r"multipl|product|times|divid|\badd|\bsum\b|plus|minus|subtract|\bdecimal"
        r"|percent|%|\^|\\sqrt|root|surd"
    ],
)
def compare_fractions(n: Normalised) -> str | None:
    found = _two_fractions(n)
    if found is None:
        return None
    (a, b), (c, d) = found
    return (
        rf"Which symbol represents the comparison between \frac{{{a}}}{{{b}}} and "
        rf"\frac{{{c}}}{{{d}}}?"
    )


# ------------------------------------------------------------------ roots and powers

_CUBE_ROOT = rx(r"\\sqrt\[3\]\s*\{\s*(\d+)\s*\}|cube root of\s*:?\s*(\d+)\b")


@_reader(
    "cube_root",
    cues=[r"cube root|\\sqrt\[3\]|∛", r"decimal|round|approximat"],
    avoid=[
        r"square root|\\sqrt\{|\\sqrt\[[^3]|fourth root|cube of|cubed|volume|surface"
        r"|compare|greater|larger|simplif|\bsurds?\b"
    ],
)
def cube_root(n: Normalised) -> str | None:
    value = one({m.group(1) or m.group(2) for m in _CUBE_ROOT.finditer(n.text)})
    if not isinstance(value, str) or not _two_places(n):
        return None
    return rf"What is the cube root of: \sqrt[3]{{{small_int(value, 12)}}}= to 2 decimal places?"


_POWER = rx(r"(?<![\w.^{}()])(\d+)\s*\^\s*(?:\{\s*(\d+)\s*\}|(\d+))(?!\s*\^|\d|\.\d)")
_TOWER = rx(r"\^\s*\{?\s*\(?\s*\d+\s*\}?\s*\)?\s*\^|\)\s*\^")


@_reader(
    "exponentiation",
    cues=[r"\d\s*\^\s*\{?\d", r"power|exponent|raised|evaluate|value|compute|calculate"],
    avoid=[
        r"simplif|power of a power|powers? of powers|nested|tower|quotient|divid|÷|"
        r"\\frac|\d\s*/\s*\d|\bx\b|x\s*\^|scientific|\bmod\b|modulo|remainder|last digit|"
        r"digits|\bsum\b|\bplus\b|\bminus\b|\*|product|\blog|\broot|\\sqrt|same base"
    ],
)
def exponentiation(n: Normalised) -> str | None:
    if _TOWER.search(n.text):
        return None  # 9^9^9^9 or (a^b)^c: not a single power
    powers = list(_POWER.finditer(n.text))
    if not all(alone(n.text, m) for m in powers):
        return None  # "2^10 - 1" asks for more than the power
    pairs = {(m.group(1), m.group(2) or m.group(3)) for m in powers}
    pair = one(pairs)
    if pair is None:
        return None
    base, expo = _ints(list(pair))
    if expo > 1000 or len(str(base)) * expo > 3000:
        return None  # a result of more than ~3,000 digits is not a generator problem
    return f"{base}^{expo} ="


_NESTED = rx(
    r"(?<![\w.^{])(\d+)\s*\^\s*\{\s*(\d+)\s*\^\s*\{?\s*(\d+)\s*\}?\s*\}(?!\s*\^)"
    r"|(?<![\w.^{])(\d+)\s*\^\s*\(\s*(\d+)\s*\^\s*\{?(\d+)\}?\s*\)(?!\s*\^)"
    r"|\(\s*(\d+)\s*\^\s*\{?\s*(\d+)\s*\}?\s*\)\s*\^\s*\{?\s*(\d+)\s*\}?(?!\s*\^)"
)


@_reader(
    "power_of_powers",
    cues=[r"\d\s*\^\s*[{(]\s*\d+\s*\^|\)\s*\^\s*\{?\d", r"simplif|power|exponent|tower|nested"],
    avoid=[r"\bx\b|quotient|divid|÷|\\frac|/|\*|product|same base|scientific"],
)
def power_of_powers(n: Normalised) -> str | None:
    found = set()
    for m in _NESTED.finditer(n.text):
        groups = [g for g in m.groups() if g is not None]
        found.add(tuple(groups))
    triple = one(found)
    if triple is None or len(re.findall(r"\^", n.text)) > 2 * len(_NESTED.findall(n.text)):
        return None  # a third exponent somewhere: not this generator's two-level tower
    base, p1, p2 = _ints(list(triple))
    return f"Simplify {base}^{{{p1}^{{{p2}}}}}"


_SQUARE_ROOT = rx(r"\\sqrt\s*\{\s*(\d+)\s*\}|square root of\s*(\d+)\b|\\sqrt\s*(\d+)\b")


@_reader(
    "simplify_square_root",
    cues=[r"simplif|simplest|radical form|surd form|reduce", r"square root|\\sqrt|√|radical"],
    need=[r"square root|\\sqrt"],
    avoid=[
        r"cube|\\sqrt\[|decimal|approximat|compare|greater|larger|smaller|\bsurds\b"
        r"|\d\s*[-+*/]\s*\\sqrt|\\sqrt\s*\{\s*\d+\s*\}\s*[-+*/]|\bx\b|equation"
    ],
)
def simplify_square_root(n: Normalised) -> str | None:
    value = one({m.group(1) or m.group(2) or m.group(3) for m in _SQUARE_ROOT.finditer(n.text)})
    if not isinstance(value, str):
        return None
    return rf"Simplify \sqrt{{{small_int(value, 12)}}}"


# ------------------------------------------------------------------ differences, percentages

_ABS_BARS = rx(r"\|\s*(-?\d+)\s*-\s*(-?\d+)\s*\|")
_ABS_WORDS = rx(
    r"absolute (?:value of the )?difference (?:between|of)\s*(-?\d+)\s*(?:and|,)\s*"
    r"(-?\d+)|absolute value of\s*\(?\s*(-?\d+)\s*-\s*(-?\d+)\s*\)?(?!\s*[-+*/^\d])"
)


@_reader(
    "absolute_difference",
    cues=[
        r"\|\s*-?\d+\s*-\s*-?\d+\s*\||absolute difference|absolute value of",
        r"absolute|difference|distance",
    ],
    avoid=[r"percent|%|relative|squared|average|mean"],
)
def absolute_difference(n: Normalised) -> str | None:
    bars = list(_ABS_BARS.finditer(n.text))
    if not all(alone(n.text, m) for m in bars):
        return None
    pairs = {m.groups() for m in bars}
    pairs |= {
        (m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in _ABS_WORDS.finditer(n.text)
    }
    pair = one(pairs)
    if pair is None:
        return None
    a, b = _ints(list(pair))
    return f"|{a}-{b}|="


_PERCENT_OF = rx(
    r"(?<![\w.])(\d+)\s*(?:%|percent\b|per cent\b)\s*of\s*(?:the number\s*)?(\d+)"
    r"(?!\d|\.\d)"
)


@_reader(
    "percentage",
    cues=[
        r"\d\s*(?:%|percent|per cent)\s*of\s*(?:the number\s*)?\d",
        r"what is|what's|find|calculate|compute|value",
    ],
    avoid=[
        r"error|difference|increase|decrease|change|interest|profit|loss|discount|"
        r"probabilit|confiden|\btax|markup|sensitiv|specific|what percent|which percent|"
        r"how many percent|rate"
    ],
)
def percentage(n: Normalised) -> str | None:
    found = list(_PERCENT_OF.finditer(n.text))
    if not all(alone(n.text, m) for m in found):
        return None
    pair = one({m.groups() for m in found})
    if pair is None:
        return None
    a, b = _ints(list(pair))
    return f"What is {a}% of {b}?"


_TWO = rx(r"(?<![\w.])(-?\d+)(?!\d|\.\d)\s*(?:,|and|&|vs\.?|versus|to)\s*(-?\d+)(?!\d|\.\d)")


@_reader(
    "percentage_difference",
    cues=[
        r"percentage difference|percent difference|% difference|difference in percent",
        r"between|\band\b",
    ],
    avoid=[r"error|observed|exact value|true value|increase|decrease|change from|profit|loss"],
)
def percentage_difference(n: Normalised) -> str | None:
    pair = one({m.groups() for m in _TWO.finditer(n.text)})
    if pair is None or len(whole_numbers(n.text)) != 2:
        return None
    a, b = _ints(list(pair))
    return f"What is the percentage difference between {a} and {b}?"


_OBSERVED = r"observed|measured|experimental|estimated|approximate|recorded|obtained"
_EXACT = r"exact|true|actual|accepted|theoretical|real|correct|expected"
_VALUE = (
    r"\s*(?:value|measurement|reading|result)?s?\s*(?:is|was|of|=|equals|equal to|:"
    r"|came out (?:at|as|to)|comes out (?:at|as|to)|reads|gave|gives)?\s*"
)


def _valued(words: str, text: str) -> set[str]:
    # "an exact (true) value of 9": a parenthetical between the word and its value
    before = rx(rf"\b(?:{words})(?:\s*\([^()]{{0,20}}\))?{_VALUE}(-?\d+(?:\.\d+)?)(?!\d|\.\d)")
    after = rx(rf"(-?\d+(?:\.\d+)?)\s*(?:is|as|for)\s*the\s*(?:{words})\b")
    return {m.group(1) for m in before.finditer(text)} | {m.group(1) for m in after.finditer(text)}


@_reader(
    "percentage_error",
    cues=[r"percentage error|percent error|% error|relative error", _OBSERVED, _EXACT],
    avoid=[r"percentage difference|percent difference|confidence|interest"],
)
def percentage_error(n: Normalised) -> str | None:
    observed, exact = one(_valued(_OBSERVED, n.text)), one(_valued(_EXACT, n.text))
    if not isinstance(observed, str) or not isinstance(exact, str) or "." in observed + exact:
        return None
    if len(whole_numbers(n.text)) != 2:
        return None
    obs, ex = _ints([observed, exact])
    return (
        f"Find the percentage error when observed value equals {obs} and exact value equals {ex}."
    )


# ------------------------------------------------------------------ prime or composite

_ONE_INT = rx(r"(?<![\w.,])(\d+)(?!\d|[.,]\d)")


_ASKED_INT = rx(
    r"\b(?:is|whether|if)\s*(?:the number\s*|the integer\s*)?(\d+)\s*(?:is\s*)?"
    r"(?:an?\s*)?(?:prime|composite)\b"
)


def _subject(n: Normalised) -> int | None:
    asked = set(_ASKED_INT.findall(n.text))
    value = one(asked) if asked else one(set(_ONE_INT.findall(n.text)))
    return small_int(value, max_digits=13) if isinstance(value, str) else None


_NOT_A_TEST = (
    r"factor|\bnext\b|\bnearest\b|between|less than|below|up to|how many|\bsum\b|twin"
    r"|co-?prime|relatively prime|mersenne|\blist\b|\ball\b|smallest|largest|primes\b"
    r"|divisor|multiple"
)


@_reader(
    "is_prime",
    cues=[r"\bprime\b", r"\bis\b|whether|check|determine|\?"],
    avoid=[r"composite", _NOT_A_TEST],
)
def is_prime(n: Normalised) -> str | None:
    value = _subject(n)
    return None if value is None else f"Is {value} prime?"


@_reader(
    "is_composite",
    cues=[r"\bcomposite\b", r"\bis\b|whether|check|determine|\?"],
    avoid=[
        r"prime or composite|composite or prime|prime number or|or a prime|or prime\b",
        _NOT_A_TEST,
    ],
)
def is_composite(n: Normalised) -> str | None:
    value = _subject(n)
    return None if value is None else f"Is {value} composite?"
