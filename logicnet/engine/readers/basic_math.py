"""Paraphrase readers for mathgenerator's ``basic_math`` topic.

Near neighbours keep each other out through ``avoid``: GCD is not LCM, "is 31 composite"
is not ``is_prime`` (the two answer Yes/No the other way round), a percentage error is
not a percentage difference, a cube root is not a square root. Operands are read by
shape (``|a - b|``, ``a% of b``, ``\\frac{a}{b}`` or ``a/b``) and must occur once.
Each reader returns its subtopic's typed problem (``Factorial(5)``,
``AbsoluteDifference(65, -99)``, from ``logicnet.engine.families.basic_math``), whose
solver answers it; the problem's own checks refuse operands the generator never writes
(a negative base, a denominator of 0).

The module also holds what the readers of basic_math, misc, computer_science and
statistics share for the voices of small models: ``misspelt`` (a hurried typist's
"factoral", "fibonnaci", "decimel"), ``asked`` (the part of a text from where the asked
thing is named: a persona's story before it keeps its numbers), ``given`` (letters given
values in a bullet list: "n = 5 ... n!"), ``labelled`` ("Numerator: 41") and ``ordinals``
("sixty-eighth", "seventy first").
"""

from __future__ import annotations

import re

from logicnet.engine.families.basic_math import (
    AbsoluteDifference,
    CompareFractions,
    CubeRoot,
    Exponentiation,
    Factorial,
    FractionMultiplication,
    FractionToDecimal,
    GreatestCommonDivisor,
    IsComposite,
    IsPrime,
    Percentage,
    PercentageDifference,
    PercentageError,
    PowerOfPowers,
    SimplifySquareRoot,
)
from logicnet.engine.normalise import Normalised
from logicnet.engine.readers.operands import alone, fractions, one, small_int, whole_numbers
from logicnet.engine.readers.quantities import ordinal_words
from logicnet.engine.reading import rx, topic_reader

__all__ = ["asked", "given", "labelled", "misspelt", "ordinals"]

T = "basic_math"


_reader = topic_reader(T)


# ------------------------------------------------------------------ shared by the readers
# of basic_math, misc, computer_science and statistics: a typist's slips, a persona's story
# before the question, operands named by letters or labels, ordinals in words.

_VOWELS = "aeiou"


def misspelt(word: str) -> str:
    """A pattern for ``word`` as a hurried typist writes it (no word boundaries).

    Besides the word itself: any letter doubled or undoubled ("fibonnaci", "comision"), one
    letter after the first left out ("factoral", "percentge"), two neighbours after the first
    swapped ("decmial"), or one vowel after the first written as another ("decimel"). The
    first letter is always kept. Words under six letters are taken as they are: shorter
    ones have too many neighbours ("prime", "prim", "pride").
    """
    if len(word) < 6:
        return word
    base = re.sub(r"(.)\1", r"\1", word.lower())
    forms: set[tuple[str, ...]] = {tuple(base)}
    letters = list(base)
    for i in range(1, len(letters)):
        forms.add(tuple(letters[:i] + letters[i + 1 :]))
        if i + 1 < len(letters):
            forms.add(tuple(letters[:i] + [letters[i + 1], letters[i]] + letters[i + 2 :]))
        if letters[i] in _VOWELS:
            forms.add(tuple(letters[:i] + [f"[{_VOWELS}]"] + letters[i + 1 :]))
    # each letter may be doubled: "+" after every one (a class counts as one letter)
    alternatives = sorted("".join(f"{ch}+" for ch in form) for form in forms)
    # the word itself first: ``rx`` lets it carry the network's inserted letter
    return "(?:" + "|".join([word, *alternatives]) + ")"


# Where one part of a question ends: a sentence end, a colon, a dash between spaces, or a
# comma before a word ("As a coach with 15 runners, I timed ..."); not a comma in a list.
_SEGMENT_END = re.compile(r"[.!?;:]+(?=\s)|\s[—–-]{1,2}\s|,(?=\s*[A-Za-z])")


def asked(text: str, key: str) -> str:
    """The text from the start of the part where ``key`` (a pattern) is first said.

    A persona often tells a story before the question ("I'm a chess coach with 30 students,
    so ...: is 31 composite?"). Numbers of the parts before the one that names the asked
    thing are the story's, not operands; everything from that part on is kept, so a number
    said after the question ("... and add 7") still counts. When ``key`` is not said, or
    no number follows the start of its part (the operands came first: "First value: 83 ...
    Find: the percentage difference"), the whole text.
    """
    found = rx(key).search(text)
    if found is None:
        return text
    start = 0
    for end in _SEGMENT_END.finditer(text, 0, found.start()):
        start = end.end()
    return text[start:] if re.search(r"\d", text[start:]) else text


# "n = 2", "a = 65": a letter given a value; "y = 3x + 2" is an equation, not a value
_ASSIGNED = re.compile(
    r"(?<![\w.\\])([A-Za-z])\s*=\s*(-?\d+(?:\.\d+)?)(?![\d.]*\d)(?![(A-Za-z])(?!\s*[-+*/^])"
)
_MATH_BEFORE = "(|,-+*/^"
_MATH_AFTER = ")|,-+*/^!"


def given(text: str) -> str:
    """The text with letters that were given a value ("n = 2", "a = 65") replaced by the
    value where they stand in a formula ("n!", "|a - b|", "sgn(x)"), and the assignments
    taken out. A letter given two values, or standing in words ("a number"), is left."""
    values: dict[str, set[str]] = {}
    for m in _ASSIGNED.finditer(text):
        values.setdefault(m.group(1), set()).add(m.group(2))
    known = {k: v.pop() for k, v in values.items() if len(v) == 1}
    if not known:
        return text
    body = _ASSIGNED.sub(lambda m: " " if m.group(1) in known else m.group(0), text)
    out: list[str] = []
    last = 0
    for m in re.finditer(rf"(?<![\w\\])([{''.join(known)}])(?!\w)", body):
        before = body[: m.start()].rstrip()[-1:]
        after = body[m.end() :].lstrip()[:1]
        if before and before in _MATH_BEFORE or after and after in _MATH_AFTER:
            out.append(body[last : m.start()] + known[m.group(1)])
            last = m.end()
    out.append(body[last:])
    return "".join(out)


def labelled(text: str, label: str) -> set[str]:
    """The values said right after ``label`` (a pattern): "Numerator: 41", "base = 16",
    "the exponent is 2"; a number written before its label is not looked for."""
    pattern = rx(
        rf"(?:{label})\s*(?:\(\w{{1,3}}\)\s*)?(?:is|=|:|of|equals|being)?\s*"
        r"(-?\d+(?:\.\d+)?)(?![\d.]*\d)"
    )
    return {m.group(1) for m in pattern.finditer(text)}


_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNIT_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_TENS_TH = {f"{word[:-1]}ieth": value for word, value in _TENS.items()}  # "sixtieth"
_TEN = "|".join([*_TENS, *(str(v) for v in _TENS.values())])
# "sixty-eighth", "seventy first", and what the normaliser leaves of them ("60-first",
# "60-8th"): the tens and the unit of one ordinal
_COMPOUND = rx(rf"\b({_TEN})[- ]({'|'.join(_UNIT_ORDINALS)}|[1-9](?:st|nd|rd|th))\b")
_TENTH_WORD = rx(rf"\b({'|'.join(_TENS_TH)})\b")


def _value(word: str, table: dict[str, int]) -> int:
    """The value of a word of ``table``, written as it is or with an inserted letter."""
    if word[0].isdigit():
        return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]
    return next(v for k, v in table.items() if rx(k).fullmatch(word))


def ordinals(text: str) -> str:
    """Ordinals in words as "68th": "sixty-eighth", "seventy first", "tenth", "sixtieth"
    (a lone "first", "second" or "third" stays a word: "the first 9 terms")."""

    def compound(m: re.Match[str]) -> str:
        return f"{_value(m.group(1), _TENS) + _value(m.group(2), _UNIT_ORDINALS)}th"

    text = _COMPOUND.sub(compound, text)
    text = _TENTH_WORD.sub(lambda m: f"{_value(m.group(1), _TENS_TH)}th", text)
    return _COMPOUND.sub(compound, ordinal_words(text))


# a text that starts with an operator is the end of an expression, not a question
_FRAGMENT = re.compile(r"\s*[-+*/^×÷=]\s*\(?\s*\d")
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
def greatest_common_divisor(n: Normalised) -> GreatestCommonDivisor | None:
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
    return GreatestCommonDivisor((values[0], values[1]))


_FACTORIAL = rx(r"(?<![\w.^])(\d+)\s*!")  # not "mm^3!", an exclamation
FACTORIAL = rf"\b{misspelt('factorial')}\b"
_FACTORIAL_WORDS = rx(rf"{FACTORIAL} of (\d+)\b|(\d+)\s+{FACTORIAL}")


@_reader(
    "factorial",
    cues=[rf"(?<![\w.^])\d+\s*!(?!=)|{FACTORIAL}|\b[a-z]\s*!", FACTORIAL],
    avoid=[
        rf"double {FACTORIAL}|\d\s*!!|permutation|combination|choose|arrange|trailing zero|"
        r"digits? (?:of|in)|sum of (?:the )?digits|prime"
    ],
)
def factorial(n: Normalised) -> Factorial | None:
    if _FRAGMENT.match(n.text):
        return None  # "/ 3!": the end of "5! / 3!", not a question of its own
    # "n = 5 ... n!"; "My 4 kids line up in new orders ...: what is 4!?"
    text = asked(given(n.text), rf"(?<![\w.^])\d+\s*!|{FACTORIAL}")
    marks = list(_FACTORIAL.finditer(text)) + list(_FACTORIAL_WORDS.finditer(text))
    if not all(alone(text, m) for m in marks):
        return None  # "5! / 3!" or "5 factorial plus 1" asks for more than one factorial
    found = {next(g for g in m.groups() if g) for m in marks}
    if len(found) != 1 or set(map(str, whole_numbers(text))) - found:
        return None
    return Factorial(small_int(found.pop(), max_digits=3))


# ------------------------------------------------------------------ fractions

_DIVISION = rx(
    r"(?:(?<![\w.^/-])(\d+)\s*(?:/|divided by|over)|\bdivid(?:e|ing)\s+(\d+)\s+by)\s*(\d+)"
    r"(?!\w|\.\d|\s*[/^])"
)
DECIMAL = rf"\b{misspelt('decimal')}"
_NUMERATOR = r"\bnumerator\b"
_DENOMINATOR = r"\bdenominator\b"


@_reader(
    "fraction_to_decimal",
    cues=[
        rf"{DECIMAL}|divided by|\d\s+/\s+\d",
        rf"divided by|\d\s*/\s*\d|\\frac|\bfraction\b|{_DENOMINATOR}",
        DECIMAL,
    ],
    avoid=[
        r"percent|%|multipl|product|times|compare|greater|less than|larger|smaller"
        r"|simplif|lowest terms|remainder|mixed number|\bsum\b|\badd|plus|minus"
        r"|subtract|binary|hexa|octal|\bbase\b|repeating|recurring|\bpower|\^|roman"
        r"|integer (?:part|quotient)|whole number part"
    ],
)
def fraction_to_decimal(n: Normalised) -> FractionToDecimal | None:
    if _FRAGMENT.match(n.text):
        return None
    # "I bake 3 batches every morning ...: what is 41 / 63 as a decimal?"
    text = asked(n.text, rf"{_DIVISION.pattern}|{_NUMERATOR}|{_DENOMINATOR}|\\frac|\d\s*/\s*\d")
    divisions = list(_DIVISION.finditer(text))
    if not all(alone(text, m) for m in divisions):
        return None
    pairs = {(m.group(1) or m.group(2), m.group(3)) for m in divisions}
    pairs |= {(str(a), str(b)) for a, b in fractions(text)}
    top, bottom = labelled(text, _NUMERATOR), labelled(text, _DENOMINATOR)
    if top or bottom:  # "Numerator: 41, Denominator: 63"
        if len(top) != 1 or len(bottom) != 1:
            return None
        pairs.add((top.pop(), bottom.pop()))
    pair = one(pairs)
    if pair is None or not _two_places(n):
        return None
    if set(map(str, whole_numbers(_PLACES.sub(" ", text)))) - set(pair):
        return None  # another number: "divide 29 by 1 and then by 2"
    a, b = _ints(list(pair))
    return FractionToDecimal(a, b)


# the second pair introduced as the first said again ("...: 2/8 ? 1/6", "i.e. 3/4 * 2/5"),
# not "1/2 * 3/4 * 1/2 * 3/4"
_RESTATES_FRACTIONS = rx(
    r"(?:\d\s*/\s*\d+|\bfractions?)\s*[:(—]\s*\d|\b(?:i\.e\.|that is|namely|written)\s*,?\s*\d"
)


def _two_fractions(n: Normalised) -> list[tuple[int, int]] | None:
    found = fractions(n.text)
    if len(found) == 4 and found[:2] == found[2:] and _RESTATES_FRACTIONS.search(n.text):
        found = found[:2]  # said twice: "two-eighths and one-sixth: 2/8 ? 1/6"
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
def fraction_multiplication(n: Normalised) -> FractionMultiplication | None:
    found = _two_fractions(n)
    if found is None:
        return None
    (a, b), (c, d) = found
    return FractionMultiplication(a, b, c, d)


@_reader(
    "compare_fractions",
    cues=[
        r"compar|symbol|which is (?:greater|larger|bigger|smaller|less)|[<>]|"
        r"greater|less than|larger|bigger|smaller",
        r"\\frac|\bfractions?\b|\d\s*/\s*\d",
    ],
    need=[r"\\frac|\d\s*/\s*\d"],
    avoid=[
        r"\byes or no\b|\btrue or false\b",  # the generator answers with the symbol
        r"multipl|product|times|divid|\badd|\bsum\b|plus|minus|subtract|\bdecimal"
        r"|percent|%|\^|\\sqrt|root|surd",
    ],
)
def compare_fractions(n: Normalised) -> CompareFractions | None:
    found = _two_fractions(n)
    if found is None:
        return None
    (a, b), (c, d) = found
    return CompareFractions(a, b, c, d)


# ------------------------------------------------------------------ roots and powers

_CUBE_ROOT = rx(r"\\sqrt\[3\]\s*\{\s*(\d+)\s*\}|cube root of\s*:?\s*(\d+)\b")


@_reader(
    "cube_root",
    cues=[r"cube root|\\sqrt\[3\]|∛", r"decimal|round|approximat"],
    avoid=[
        # "the cube root of 8^2", "of 64 + 1": the root of an expression, not of a number
        r"(?<!\[)\d\s*(?:\^|[-+*/]\s*\d)|"
        r"square root|\\sqrt\{|\\sqrt\[[^3]|fourth root|cube of|cubed|volume|surface"
        r"|compare|greater|larger|simplif|\bsurds?\b"
    ],
)
def cube_root(n: Normalised) -> CubeRoot | None:
    value = one({m.group(1) or m.group(2) for m in _CUBE_ROOT.finditer(n.text)})
    if not isinstance(value, str) or not _two_places(n):
        return None
    return CubeRoot(small_int(value, 12))


_POWER = rx(r"(?<![\w.^{}()])(\d+)\s*\^\s*(?:\{\s*(\d+)\s*\}|(\d+))(?!\s*\^|\d|\.\d)")
_TOWER = rx(r"\^\s*\{?\s*\(?\s*\d+\s*\}?\s*\)?\s*\^|\)\s*\^")


_BASE = r"\bbase\b"
_EXPONENT = r"\bexponent\b|\bpower\b"


@_reader(
    "exponentiation",
    cues=[
        r"\d\s*\^\s*\{?\d|\bexponent\b",
        r"power|exponent|raised|evaluate|value|compute|calculate",
    ],
    avoid=[
        r"simplif|power of a power|powers? of powers|nested|tower|quotient|divid|÷|"
        r"\\frac|\d\s*/\s*\d|\bx\b|x\s*\^|scientific|\bmod\b|modulo|remainder|\bdigits?\b|"
        r"\bsum\b|\bplus\b|\bminus\b|\*|product|\blog|logarithm|\broot|\\sqrt|same base"
    ],
)
def exponentiation(n: Normalised) -> Exponentiation | None:
    if _FRAGMENT.match(n.text) or _TOWER.search(n.text):
        return None  # 9^9^9^9 or (a^b)^c: not a single power
    powers = list(_POWER.finditer(n.text))
    if not all(alone(n.text, m) for m in powers):
        return None  # "2^10 - 1" asks for more than the power
    pairs = {(m.group(1), m.group(2) or m.group(3)) for m in powers}
    bases, exponents = labelled(n.text, _BASE), labelled(n.text, _EXPONENT)
    if bases or exponents:  # "Base: 16, Exponent: 2"
        if len(bases) != 1 or len(exponents) != 1 or len(whole_numbers(n.text)) > 2:
            return None
        pairs.add((bases.pop(), exponents.pop()))
    pair = one(pairs)
    if pair is None:
        return None
    base, expo = _ints(list(pair))
    if expo > 1000 or len(str(base)) * expo > 3000:
        return None  # a result of more than ~3,000 digits is not a generator problem
    return Exponentiation(base, expo)


_NESTED = rx(
    r"(?<![\w.^{])(\d+)\s*\^\s*\{\s*(\d+)\s*\^\s*\{?\s*(\d+)\s*\}?\s*\}(?!\s*\^)"
    r"|(?<![\w.^{])(\d+)\s*\^\s*\(\s*(\d+)\s*\^\s*\{?(\d+)\}?\s*\)(?!\s*\^)"
    r"|\(\s*(\d+)\s*\^\s*\{?\s*(\d+)\s*\}?\s*\)\s*\^\s*\{?\s*(\d+)\s*\}?(?!\s*\^)"
)


@_reader(
    "power_of_powers",
    cues=[r"\d\s*\^\s*[{(]\s*\d+\s*\^|\)\s*\^\s*\{?\d", r"simplif|power|exponent|tower|nested"],
    avoid=[
        r"\bx\b|quotient|divid|÷|\\frac|/|\*|product|same base|scientific|times|multipl"
        r"|\bplus\b|\bminus\b|\badd|\bsum\b|subtract"
    ],
)
def power_of_powers(n: Normalised) -> PowerOfPowers | None:
    found = set()
    nested = list(_NESTED.finditer(n.text))
    for m in nested:
        groups = [g for g in m.groups() if g is not None]
        found.add(tuple(groups))
    triple = one(found)
    if triple is None or not all(alone(n.text, m) for m in nested):
        return None
    base, p1, p2 = _ints(list(triple))
    # Besides the tower, only its own parts said again ("(36^9)^8, that is, 36^9 raised to
    # the power 8, as a single power of 36"): a third exponent or another number is another
    # problem than this generator's two-level tower.
    rest = _NESTED.sub(" ", n.text)
    if {(int(a), int(b or c)) for a, b, c in _POWER.findall(rest)} - {(base, p1), (p1, p2)}:
        return None
    if _TOWER.search(rest) or not set(whole_numbers(_POWER.sub(" ", rest))) <= {base, p1, p2}:
        return None
    return PowerOfPowers(base, p1, p2)


_SQUARE_ROOT = rx(
    r"\\sqrt\s*\{\s*(\d+)\s*\}|square root of\s*(\d+)\b|(?:\\|\b)sqrt\s*\(?\s*(\d+)\b(?!\s*[.,]\d)"
)


@_reader(
    "simplify_square_root",
    cues=[r"simplif|simplest|radical form|surd form|reduce", r"square root|\\sqrt|√|radical"],
    need=[r"square root|\\sqrt|\bsqrt\b"],
    avoid=[
        r"cube|\\sqrt\[|decimal|approximat|compare|greater|larger|smaller|\bsurds\b"
        r"|\d\s*[-+*/]\s*\\sqrt|\\sqrt\s*\{\s*\d+\s*\}\s*[-+*/]|\bx\b|equation"
    ],
)
def simplify_square_root(n: Normalised) -> SimplifySquareRoot | None:
    value = one({m.group(1) or m.group(2) or m.group(3) for m in _SQUARE_ROOT.finditer(n.text)})
    if not isinstance(value, str):
        return None
    return SimplifySquareRoot(small_int(value, 12))


# ------------------------------------------------------------------ differences, percentages

# "|22 - 68|", "|-50 - (-53)|": a negative operand may stand in brackets
_ABS_BARS = rx(r"\|\s*\(?\s*(-?\d+)\s*\)?\s*-\s*(?:\(\s*(-\d+)\s*\)|(-?\d+))\s*\|")
_ABS_WORDS = rx(
    r"absolute (?:value of the )?difference (?:between|of)\s*(-?\d+)\s*(?:and|,)\s*"
    r"(-?\d+)|absolute value of\s*\(?\s*(-?\d+)\s*-\s*(-?\d+)\s*\)?(?!\s*[-+*/^\d])"
)


@_reader(
    "absolute_difference",
    cues=[
        r"\|\s*\(?\s*-?\d+\s*\)?\s*-\s*\(?\s*-?\d+\s*\)?\s*\||absolute difference|absolute value of"
        r"|\|\s*[a-z]\s*-\s*[a-z]\s*\|",
        r"absolute|difference|distance",
    ],
    avoid=[r"percent|%|relative|squared|average|mean"],
)
def absolute_difference(n: Normalised) -> AbsoluteDifference | None:
    text = given(n.text)  # "a = 65, b = -99: |a - b|"
    bars = list(_ABS_BARS.finditer(text))
    if not all(alone(text, m) for m in bars):
        return None
    pairs = {(m.group(1), m.group(2) or m.group(3)) for m in bars}
    pairs |= {
        (m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in _ABS_WORDS.finditer(text)
    }
    pair = one(pairs)
    if pair is None:
        return None
    a, b = _ints(list(pair))
    return AbsoluteDifference(a, b)


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
def percentage(n: Normalised) -> Percentage | None:
    text = asked(n.text, _PERCENT_OF.pattern)  # "I water my 85 plants at 6 ...: 62% of 85?"
    found = list(_PERCENT_OF.finditer(text))
    if not all(alone(text, m) for m in found):
        return None
    pair = one({m.groups() for m in found})
    if pair is None or set(map(str, whole_numbers(text))) - set(pair):
        return None  # another number with the question: "15% of 240 plus 10"
    a, b = _ints(list(pair))
    return Percentage(a, b)


_TWO = rx(r"(?<![\w.])(-?\d+)(?!\d|\.\d)\s*(?:,|and|&|vs\.?|versus|to)\s*(-?\d+)(?!\d|\.\d)")
_LABELLED_VALUE = re.compile(r"[:=]\s*(-?\d+)(?![\d.])")
PERCENTAGE = rf"(?:\b(?:{misspelt('percentage')}|percent|per cent)|%)"
_PERCENT_DIFFERENCE = rf"{PERCENTAGE}\s*{misspelt('difference')}\b|difference in percent"


@_reader(
    "percentage_difference",
    cues=[_PERCENT_DIFFERENCE, r"between|\band\b|\bbtw\b"],
    avoid=[
        r"error|observed|exact value|true value|increase|decrease|change from|profit|loss"
        r"|\bfrom\b[^.?!]*\bto\b"
    ],
)
def percentage_difference(n: Normalised) -> PercentageDifference | None:
    text = asked(n.text, _PERCENT_DIFFERENCE)
    if len(whole_numbers(text)) != 2:
        return None
    pair = one({m.groups() for m in _TWO.finditer(text)})
    if pair is None:
        # two values each after its own label ("First value: 83, Second value: 125"); the
        # measure is symmetric (|a - b| over their mean), so their order does not matter
        pair = tuple(_LABELLED_VALUE.findall(text))
        if len(pair) != 2:
            return None
    a, b = _ints(list(pair))
    return PercentageDifference(a, b)


_OBSERVED = (
    r"observed|measured|measurement|reading|experimental|estimated|approximate|recorded|obtained"
)
_EXACT = r"exact|true|actual|accepted|theoretical|real|correct|expected"
_VALUE = (
    r"\s*(?:value|measurement|reading|result|figure|number|[a-z]{2,12}(?=\s+(?:is|was|of)\b))?"
    r"s?\s*(?:is|was|of|=|equals|equal to|:|came out (?:at|as|to)|comes out (?:at|as|to)|reads"
    r"|gave|gives)?\s*(?:actually|really|exactly|just|only)?\s*"
)


def _valued(words: str, text: str) -> set[str]:
    # "an exact (true) value of 9": a parenthetical between the word and its value
    before = rx(rf"\b(?:{words})(?:\s*\([^()]{{0,20}}\))?{_VALUE}(-?\d+(?:\.\d+)?)(?!\d|\.\d)")
    after = rx(rf"(-?\d+(?:\.\d+)?)\s*(?:is|as|for)\s*the\s*(?:{words})\b")
    return {m.group(1) for m in before.finditer(text)} | {m.group(1) for m in after.finditer(text)}


@_reader(
    "percentage_error",
    cues=[rf"{PERCENTAGE}\s*{misspelt('error')}|relative error", _OBSERVED, _EXACT],
    avoid=[r"percentage difference|percent difference|confidence|interest"],
)
def percentage_error(n: Normalised) -> PercentageError | None:
    # "As a lab assistant on my 3rd trial, I measured -50 ...": the story's numbers
    text = asked(n.text, rf"\b(?:{_OBSERVED}|{_EXACT})\b")
    observed, exact = one(_valued(_OBSERVED, text)), one(_valued(_EXACT, text))
    if not isinstance(observed, str) or not isinstance(exact, str) or "." in observed + exact:
        return None
    if len(whole_numbers(text)) != 2:
        return None
    obs, ex = _ints([observed, exact])
    return PercentageError(obs, ex)


# ------------------------------------------------------------------ prime or composite

_ONE_INT = rx(r"(?<![\w.,])(\d+)(?!\d|[.,]\d)")


COMPOSITE = rf"\b{misspelt('composite')}\b"
_ASKED_INT = rx(
    r"\b(?:is|whether|if)\s*(?:the number\s*|the integer\s*)?(\d+)\s*(?:is\s*)?"
    rf"(?:an?\s*)?(?:prime|{COMPOSITE})"
)


def _subject(n: Normalised, key: str) -> int | None:
    # "I coach 30 students ...: is 31 prime?": the story's numbers are not the one asked, but
    # a number said with or after the question is ("Is 30 composite? Then add 7")
    text = asked(n.text, key)
    asked_ints = set(_ASKED_INT.findall(text)) or set(_ASKED_INT.findall(n.text))
    said = set(_ONE_INT.findall(text))
    value = one(asked_ints) if asked_ints else one(said)
    if not isinstance(value, str) or said - {value}:
        return None
    return small_int(value, max_digits=13)


_NTH_PRIME = "|".join(["\\d+(?:st|nd|rd|th)", "\\d0-\\w+", *_UNIT_ORDINALS, *_TENS_TH, "nth"])
_NOT_A_TEST = (
    rf"(?:\b|\d)(?:{_NTH_PRIME})\s+(?:\w+\s+)?prime\b|"
    r"factor|\bnext\b|\bnearest\b|between|less than|below|up to|how many|\bsum\b|twin"
    r"|co-?prime|relatively prime|mersenne|\blist\b|\ball (?:the )?(?:\w+ )?(?:numbers|primes"
    r"|composites|integers)\b|smallest|largest|primes\b|divisor|multiple"
)


def _near_word(text: str, word: str, most: int) -> bool:
    """Whether a word of ``text`` is at most ``most`` edits from ``word`` (a misspelling
    that also carries the network's inserted letter: "composxit")."""
    return any(_edits(token, word, most) <= most for token in re.findall(r"[a-z]+", text.lower()))


def _edits(a: str, b: str, most: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``most + 1`` once it is sure to exceed it."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > most:
            return most + 1
    return row[-1]


@_reader(
    "is_prime",
    cues=[r"\bprime\b", r"\bis\b|whether|check|determine|\?"],
    avoid=[COMPOSITE, _NOT_A_TEST],
)
def is_prime(n: Normalised) -> IsPrime | None:
    if _near_word(n.text, "composite", 2):
        return None  # "Is 143 a composxit or prime?": the two answer Yes/No the other way
    value = _subject(n, r"\bprime\b")
    return None if value is None else IsPrime(value)


_OR_WORD = re.compile(r"\bor\s+(?:an?\s+)?([a-z]+)|\b([a-z]+)\s+or\b", re.I)


@_reader(
    "is_composite",
    cues=[COMPOSITE, r"\bis\b|whether|check|determine|\?"],
    avoid=[
        rf"prime or {COMPOSITE}|{COMPOSITE} or (?:an? )?prime|prime number or|or a prime"
        r"|or prime\b",
        _NOT_A_TEST,
    ],
)
def is_composite(n: Normalised) -> IsComposite | None:
    if any(_edits((a or b).lower(), "prime", 2) <= 2 for a, b in _OR_WORD.findall(n.text)):
        return None  # "composite or pryme": either subtopic's paraphrase, answered oppositely
    value = _subject(n, COMPOSITE)
    return None if value is None else IsComposite(value)
