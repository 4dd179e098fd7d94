"""Bring a persona paraphrase into one plain notation before anyone reads it.

A validator's LLM rewrites every generator problem in a persona's voice (docs/network.md §5):
the math is copied verbatim (``x^{3}``, ``\\frac{3}{4}``) or restyled (``$…$``,
``\\( … \\)``, backticks, ``x²``, ``×``, ``÷``, "seven", ``364,365,760``), wrapped in
chatter, greetings, emoji and markdown, and one letter may be inserted into one
word of four or more characters, digits included (docs/network.md §6c: ``1943`` -> ``1y943``).

``normalise`` undoes the notation so that the readers (``logicnet.engine.reading``)
see one style: ASCII operators (``*`` for ×/·/\\cdot/\\times, ``/`` for ÷/\\div),
``^`` powers, ``sqrt``/``pi`` spelled out as LaTeX commands the generator uses,
plain digits for number words (fractions such as "seven-twelfths" become ``7/12``,
ordinals such as "twenty-first" ``21st``), no math delimiters, no emoji, no thousands
separators, and a letter sandwiched between digits removed. A model's preface ("Here's
a rephrased version:") goes, and the question it quotes is kept without the note after
it (``strip_preface``); markdown headings and bullet lists of givens become plain
clauses (``markdown_clauses``). It never changes the words of the question otherwise:
the readers decide what is asked.

Misspelt words ("intrest", "cilinder", "percantage") are not repaired here but by
``repair_words``, with a ``Vocabulary`` of the readers' own words that
``logicnet.engine.reading`` builds from their patterns: only a word of five or more
letters that no reader and no common English word spells, one slip (two for long
words) from exactly one reader's word. Numbers are never touched.

The text is bounded first (``MAX_CHARS``): a persona paraphrase is a few hundred
characters, so anything far longer is not a question the engine will read. Invisible
format characters (zero-width spaces and joiners, soft hyphens) are not handled here:
``core.admit`` removes them, or refuses a number they split, before ``normalise`` runs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from logicnet.engine.bounds import MAX_PARAPHRASE_CHARS

__all__ = [
    "MAX_CHARS",
    "ORDINALS",
    "Normalised",
    "Vocabulary",
    "edit_distance",
    "normalise",
    "repair_letters",
    "markdown_clauses",
    "repair_words",
    "split_topic_line",
    "strip_preface",
    "words_of",
]


def _words(text: str) -> list[str]:
    """A list of words written as one block of text."""
    return text.split()


MAX_CHARS = MAX_PARAPHRASE_CHARS  # see logicnet.engine.bounds

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUPER_RUN = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUB_RUN = re.compile(r"([₀₁₂₃₄₅₆₇₈₉]+)")  # log₂(64) -> log_{2}(64)

_SYMBOLS = {
    "×": " * ",
    "·": " * ",
    "∙": " * ",
    "⋅": " * ",
    "✕": " * ",
    "÷": " / ",
    "−": "-",
    "–": "-",
    "—": " — ",
    "‑": "-",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "π": r"\pi ",
    "θ": r"\theta ",
    "°": " degrees ",
    "℃": " degrees C ",
    "℉": " degrees F ",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "…": "...",
    "∪": " union ",
    "∩": " intersection ",
    "Δ": " symmetric difference ",
    "△": " symmetric difference ",
    "→": " to ",
    "⟶": " to ",
    "½": " 1/2 ",
    "⅓": " 1/3 ",
    "⅔": " 2/3 ",
    "¼": " 1/4 ",
    "¾": " 3/4 ",
    "⅕": " 1/5 ",
    "⅖": " 2/5 ",
    "⅗": " 3/5 ",
    "⅘": " 4/5 ",
    "⅙": " 1/6 ",
    "⅚": " 5/6 ",
    "⅛": " 1/8 ",
    "⅜": " 3/8 ",
    "⅝": " 5/8 ",
    "⅞": " 7/8 ",
}
_LATEX_OPS = [
    (re.compile(r"\\(?:times|cdot|ast)\b"), " * "),
    (re.compile(r"\\div(?![a-z])"), " / "),
    (re.compile(r"\\left\s*|\\right\s*"), ""),
    (re.compile(r"(?<!\\)\\[,;:! ]"), " "),  # thin spaces, not a matrix's row break
    (re.compile(r"\\text\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\mathrm\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\dfrac|\\tfrac"), r"\\frac"),
    (re.compile(r"\\%"), "%"),  # an escaped percent sign
    (re.compile(r"\\cup(?![a-z])"), " union "),
    (re.compile(r"\\cap(?![a-z])"), " intersection "),
    (re.compile(r"\\(?:triangle|ominus|bigtriangleup)(?![a-z])"), " symmetric difference "),
    (re.compile(r"\\setminus(?![a-z])"), " - "),
]
# A number's base as a subscript: "1110111000_2", "1101₂", "7F_{16}" -> "1110111000 (binary)";
# other bases keep the subscript (base_conversion reads "112B4_{15}")
_BASE_SUBSCRIPT = re.compile(
    r"(?<![\w.])(?:([01]+)_\{?(2)\}?|([0-7]+)_\{?(8)\}?|(\d+)_\{?(10)\}?|([0-9A-F]+)_\{?(16)\}?)"
    r"(?![\w}])"
)
_BASE_NAMES = {"2": "binary", "8": "octal", "10": "decimal", "16": "hexadecimal"}


def _base_subscript(m: re.Match[str]) -> str:
    digits, base = (g for g in m.groups() if g is not None)
    return f"{digits} ({_BASE_NAMES[base]})"


# `\( … \)`, `\[ … \]` as delimiters, not `\[` inside a vector: only with a backslash
_DELIMS = re.compile(r"\\\(|\\\)|\$\$?|`+")
_DISPLAY = re.compile(r"\\\[(.*?)\\\]", re.S)
_MARKDOWN = re.compile(r"\*\*|__|^#+\s*|^\s*>\s?", re.M)
_FENCES = re.compile(
    r"^\s*-{3,}\s*$|^\s*find the solution of this (?:math problem|question)\s*:", re.I | re.M
)
_PY_POWER = re.compile(r"(?<=[\w)])\*\*(?=[\d(])")
# "minus 35", "negative 4": a sign, unless "minus" follows an operand ("7 minus 3", "x minus 2")
_SIGN_WORD = re.compile(r"\b(minus|negative)\s+(?=\d)", re.I)
_OPERAND_END = re.compile(r"(?:\d|[)\]}]|(?<![A-Za-z])[A-Za-z])\s*$")


def _sign_word(m: re.Match[str]) -> str:
    before = max(0, m.start() - 12)  # a window: the whole prefix would cost its length each
    if m.group(1).lower() == "minus" and _OPERAND_END.search(m.string, before, m.start()):
        return m.group(0)
    return "-"


# An equation said aloud: "9 x plus 19 y equals -57", "y equals 7/4 x plus 5". Between two
# operands (a number, a one-letter name or a bracket) "plus", "minus" and "equals" are the
# operators; a coefficient said apart from its name ("9 x", "7/4 x") is joined to it when an
# operator, "and" or the end follows ("a 2 x 3 matrix" stays).
_OPERAND_BEFORE = re.compile(r"(?:\d|(?<![\w'])[a-z]|\))$")
_SAID_OPERATOR = re.compile(
    r"(?<!\s)\s+(plus|minus|equals|is equal to)\s+(?=-?\d|(?<![\w'])[a-z]\b(?!')|\(|\\frac)", re.I
)
_SAID_COEFFICIENT = re.compile(r"(?<=\d)\s+([xy])\b(?=\s*(?:[-+=^]|\band\b|,|\?|\.(?!\d)|$))")
_SAID_SYMBOL = {"plus": " + ", "minus": " - ", "equals": " = ", "is equal to": " = "}


def _said_operator(m: re.Match[str]) -> str:
    if not _OPERAND_BEFORE.search(m.string, max(0, m.start() - 2), m.start()):
        return m.group(0)
    return _SAID_SYMBOL[m.group(1).lower()]


# "x-values", "x-coordinates": the variable named, not a polynomial that goes on with "-"
_AXIS_WORD = re.compile(r"\b([xy])-(?=(?:values?|coordinates?|co-ordinates?|axis|intercepts?)\b)")
# "the two numbers", "these three values": how many operands there are, not one of them
_COUNT_OF = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:numbers|values|integers|vectors|matrices|fractions|quantities|"
    r"scores|readings|results|measurements|figures|sets)\b",
    re.I,
)
# "two ninths", "three-quarters", "one fifth": a numerator and a spelled-out denominator
_DENOMINATORS = {
    word: value
    for value, words in enumerate(
        [
            "",
            "",
            "half halves",
            "third thirds",
            "quarter quarters fourth fourths",
            "fifth fifths",
            "sixth sixths",
            "seventh sevenths",
            "eighth eighths",
            "ninth ninths",
            "tenth tenths",
            "eleventh elevenths",
            "twelfth twelfths",
            "thirteenth thirteenths",
            "fourteenth fourteenths",
            "fifteenth fifteenths",
            "sixteenth sixteenths",
            "seventeenth seventeenths",
            "eighteenth eighteenths",
            "nineteenth nineteenths",
            "twentieth twentieths",
        ]
    )
    for word in words.split()
} | {"hundredth": 100, "hundredths": 100}
_PLURALS = "|".join(sorted((w for w in _DENOMINATORS if w.endswith("s")), key=len, reverse=True))
_SINGULARS = "|".join(
    # "one hundredth", "one twentieth" are positions more often than fractions: plural only
    sorted(
        (w for w in _DENOMINATORS if not w.endswith("s") and 2 < _DENOMINATORS[w] <= 12),
        key=len,
        reverse=True,
    )
)
_PLURAL_FRACTION = re.compile(rf"(?<![\w.])([2-9]|[1-9][0-9])[- ]({_PLURALS})\b", re.I)
_ONE_FRACTION = re.compile(
    rf"\b(?:one|1)[- ]({_SINGULARS})\b"
    r"(?!\s+(?:term|power|root|place|element|row|column|digit|number|day|year|of the way))",
    re.I,
)
_GLUED_DX = re.compile(r"(?<=[\d})])\s*d([xt])\b")
# "1. Take the matrices ...", "- Multiply them": list markers are not operands
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•])[ \t]+(?=\D)", re.M)
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]*\.\d)(?!,\d)")
# An inserted letter between two digits ("74z39"). Not "e" (1.5e3), and not in a text that
# talks about hexadecimal or a base above ten, where letters are digits ("4B7F").
_LETTER_IN_NUMBER = re.compile(r"(?<=\d)[a-z](?=\d)")
_TOKEN = re.compile(r"\w{5,}")
_DIMENSIONS = re.compile(r"(?:[1-9]|10)x(?:[1-9]|10)")  # "10x10 matrix", not a lettered number
_LETTERED_TERM = re.compile(r"(\d+)(?:([a-wyz])x|x([a-wyz]))([\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_ORDINAL = re.compile(r"(\d+)([a-z]?)(st|nd|rd|th)([a-z]?)")
# LaTeX commands and environments a paraphrase of a generator problem uses; one inserted
# letter in ``\\div16`` (the token is ``div16``) or ``{bmatrix}`` is taken out again.
_COMMANDS = frozenset(
    re.findall(
        r"[a-z]+",
        "frac dfrac tfrac sqrt div times cdot ast begin end left right det log ln exp sin cos "
        "tan cot sec csc arcsin arccos arctan pi theta alpha beta circ text mathrm mathbf pm le "
        "ge leq geq neq approx quad qquad binom boxed infty int sum prod angle triangle vec "
        "overline cup cap setminus in mid bmatrix pmatrix vmatrix matrix array cases dx",
    )
)
_COMMAND = re.compile(r"(?<=\\)[a-z]{4,}|(?<=\\begin\{)[a-z]{4,}|(?<=\\end\{)[a-z]{4,}")
_LETTER_DIGITS = re.compile(r"\bhex|\bbase[- ]?(?:1[1-9]|[2-9]\d)\b", re.I)
_SPACES = re.compile(r"[ \t]+")

_UNITS = {
    "zero": 0,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
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
_SPELLED = frozenset(
    w for w in [*_UNITS, *_TENS, "hundred", "thousand", "million", "billion"] if len(w) >= 4
)
# Sign words too: "miknus thirty-five" left lettered would lose its sign (-35 read as 35)
_REPAIRED = _SPELLED | {"minus", "negative"}
_LETTERED_WORD = re.compile(r"\b[A-Za-z]{5,}\b")
_UNIT_WORDS = "|".join(["one", *_UNITS])
_NINE = "one|two|three|four|five|six|seven|eight|nine"
_BELOW_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_NINE}))?|{_UNIT_WORDS})"
_BELOW_1000 = rf"(?:(?:{_NINE}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100})"
# "one hundred and one", "two hundred thirty-four", "forty-eight", "three thousand and five";
# "and" only after hundred/thousand, so "between five and seven" stays two numbers.
_BELOW_MILLION = rf"(?:{_BELOW_1000}\s+thousand(?:,?\s+(?:and\s+)?{_BELOW_1000})?|{_BELOW_1000})"
_NUMBER_WORD = re.compile(
    rf"\b(?:{_BELOW_1000}\s+(?:billion|million)(?:,?\s+(?:and\s+)?{_BELOW_1000}\s+million)?"
    rf"(?:,?\s+(?:and\s+)?{_BELOW_MILLION})?|{_BELOW_MILLION})\b",
    re.I,
)
_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}
# A decimal said digit by digit: "261 point 5 8" (the words already digits) -> 261.58
_SPOKEN_DECIMAL = re.compile(r"(?<![\w.])(\d+) point((?: \d(?![\w.]))+)", re.I)
# "a four-sided frame" is a quadrilateral: its 4 names the shape, it counts nothing
_FOUR_SIDED = re.compile(r"\b4[- ]sided(?:\s+(?:shape|figure|polygon))?\b", re.I)
# "comma" said between two numbers: "261.58 comma 533.99"
_SPOKEN_COMMA = re.compile(r"(?<=\d) comma (?=-?\d|minus\b|negative\b)", re.I)
# A year said in pairs after a word that introduces one: "in nineteen eighty five" -> 1985
# (only there: in a list, "thirteen thirty four" is two numbers)
_YEAR_PAIR = re.compile(
    r"(?:\b(?P<lead>in|year|since|from|until|till|by|is|was|born|around|circa)\s+|(?P<paren>\()\s*)"
    r"(?P<century>eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    rf"twenty)\s+(?P<rest>(?:{'|'.join(_TENS)})(?:[- ](?:{_NINE}))?|oh[- ](?:{_NINE})|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
    r"(?![- ](?:hundred|thousand)\b)",
    re.I,
)
_WORD_VALUES = {**_UNITS, **_TENS, "one": 1, "a": 1}
# "one" is mostly a pronoun in chatter ("this one", "one of"); only these read as 1.
_ONE = re.compile(
    r"\bone(?=[- ](?:hundred|sided|digit|number|term|decimal)\b|\s+at a time\b)"
    r"|(?<=\bpower of )one\b|(?<=\bover )one\b",
    re.I,
)
_FRACTION_WORDS = [
    (re.compile(r"\b(?:a|one) half\b", re.I), "1/2"),
    (re.compile(r"\b(?:a|one) quarter\b", re.I), "1/4"),
    (re.compile(r"\b(?:a|one) third\b", re.I), "1/3"),
]
_RAISED = "[a-z]?".join("raised")  # the inserted letter may land in these words too
_POWER = "[a-z]?".join("power")
ORDINALS = {
    word: value
    for value, word in enumerate(
        [
            "zeroth",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ]
    )
}
_ORDINAL_UNITS = {
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
_ORDINAL_TENS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_TEENTHS = {
    f"{w}th": v
    for w, v in [
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
    ]
}
# "twenty-first", "sixty-eighth", "the thirteenth", "fortieth": an ordinal in words that
# cannot be a fraction's denominator (not after a number: "three twentieths" is 3/20)
_COMPOUND_ORDINAL = re.compile(
    rf"(?<!\d[ -])\b({'|'.join(_TENS)})[- ]({'|'.join(_ORDINAL_UNITS)})\b"
    rf"|(?<!\d[ -])(?<!\b[Aa] )(?<!\bone )\b({'|'.join([*_TEENTHS, *_ORDINAL_TENS])})\b"
    r"(?![- ](?!plus\b|minus\b)\w+s\b)",
    re.I,
)
# "the ninth term", "the eleventh Fibonacci number": a small ordinal naming a position;
# not "the fourth root", "the first 10 terms" or "the second derivative"
_POSITION_ORDINAL = re.compile(
    r"\b(the\s+)(third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s+"
    r"(?=(?:[A-Za-z]+\s+)?(?:term|number|element|member|entry|position|value|prime|digit)\b)",
    re.I,
)
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _ordinal(value: int) -> str:
    return f"{value}{'th' if 10 <= value % 100 <= 20 else _SUFFIX.get(value % 10, 'th')}"


def _compound_ordinal(m: re.Match[str]) -> str:
    if m.group(1):
        return _ordinal(_TENS[m.group(1).lower()] + _ORDINAL_UNITS[m.group(2).lower()])
    word = m.group(3).lower()
    return _ordinal(_TEENTHS.get(word) or _ORDINAL_TENS[word])


def _position_ordinal(m: re.Match[str]) -> str:
    word = m.group(2).lower()
    value = _ORDINAL_UNITS.get(word) or {"tenth": 10, "eleventh": 11, "twelfth": 12}[word]
    return f"{m.group(1)}{_ordinal(value)} "


# "to the fourth power", "to the seventh": an ordinal exponent in words
_ORDINAL_POWER = re.compile(
    rf"\bto\s+the\s+({'|'.join(ORDINALS)})(?=\s+{_POWER}\b|\s*[,.?!;:]|\s*$"
    r"|\s*[-+*/=)]|\s+(?:plus|minus|times|over|divided|equals|and)\b)",
    re.I,
)
_POWER_WORDS = [
    (
        re.compile(
            rf"(\d+)\s+(?:{_RAISED}\s+)?to\s+the\s+(?:{_POWER}\s+(?:of\s+)?)?(\d+)"
            rf"(?:st|nd|rd|th)?(?:\s+{_POWER})?\b",
            re.I,
        ),
        r"\1^\2",
    ),
    (re.compile(rf"(\d+)\s+{_RAISED}\s+to\s+(\d+)\b", re.I), r"\1^\2"),
    # "(11 power 3) power 3": a power said without "to the"
    (re.compile(rf"(\d|\))\s+{_POWER}\s+(\d+)\b(?!\s*(?:of|th|st|nd|rd)\b)", re.I), r"\1^\2"),
    (re.compile(r"(\w|\))[\s-]+squared\b", re.I), r"\1^2"),  # "x-squared" too
    (re.compile(r"(\w|\))[\s-]+cubed\b", re.I), r"\1^3"),
    # "x to the 5th", "(2x) to the 3rd"; not "sum up to the 10th term"
    (
        re.compile(
            r"((?<![A-Za-z])[A-Za-z]|\d|\))\s+to the (?:power of )?(\d+)(?:st|nd|rd|th)?"
            r"(?: power)?\b",
            re.I,
        ),
        r"\1^\2",
    ),
    (re.compile(r"(\d+) factorial\b", re.I), r"\1!"),
]
_SQRT_SYMBOLS = [
    (re.compile(r"∛\s*\(?(\d+(?:\.\d+)?)\)?"), r"\\sqrt[3]{\1}"),
    (re.compile(r"√\s*\(?(\d+(?:\.\d+)?)\)?"), r"\\sqrt{\1}"),
]
_TOPIC_WORD = "[a-z]?".join("Topic")  # the inserted letter may land in either label
_TOPIC_LINE = re.compile(
    rf"^\W*{_TOPIC_WORD}\s*:\s*(?P<topic>[^,\n]+?)\s*,\s*S[a-z]?u[a-z]?b[a-z]?{_TOPIC_WORD}"
    r"\s*:\s*(?P<sub>[^\n]+?)\s*\.?\s*$",
    re.I | re.M,
)
# A model's first line before the question: up to a colon, one line, and either saying it
# rewords ("Here's a rephrased version:", "... in the voice of a chef:") or opening with
# "Sure!" and naming the question or problem. "Here is the matrix:" is part of a question.
_PREFACE = re.compile(r"^\s*(?P<line>[^\n:]{3,160}):[ \t]*(?:\n|(?=[*_]*\"))")
_REWORDED = re.compile(
    r"\b(?:rephras|rewrit|reword|paraphras|restat|reformulat|version\b|in (?:the|a|my) "
    r"(?:voice|style|tone|words)\b)",
    re.I,
)
_ASSENT = re.compile(
    r"^\W*(?:sure|certainly|of course|absolutely|okay|ok|alright|great)\b.*\b(?:question|problem)",
    re.I,
)
_OPENING_QUOTE = re.compile(r'^[*_]*"')


def strip_preface(text: str) -> str:
    """The question without a model's preface ("Here's a rephrased version:", "Sure! Here
    is the problem rephrased as ...:") and, when the question follows it in double
    quotes, without whatever comes after the quotes (a note on how it was reworded).
    A preface inside the quotes (a reworded rewording) goes too."""
    for _ in range(3):
        m = _PREFACE.match(text)
        if m is None or not (_REWORDED.search(m.group("line")) or _ASSENT.search(m.group("line"))):
            return text
        rest = text[m.end() :].strip()
        opened = _OPENING_QUOTE.match(rest)
        if opened is not None:
            close = rest.rfind('"')
            # the last quote closes it when only a note without numbers follows
            if close > opened.end() and not re.search(r"\d", rest[close + 1 :]):
                rest = rest[opened.end() : close]
            else:
                rest = rest[opened.end() :]
        text = rest.strip()
    return text


# "* Radius: 7", "- **Height:** 20 m", "1. Principal = $500": one given a line
_BULLET = re.compile(r"^[ \t]*(?:[-*•+]|\d{1,2}[.)])[ \t]+(?P<item>\S.*?)[ \t]*$")
_HEADING = re.compile(
    r"^[ \t]*(?:#+[ \t]*|\*\*|__)(?P<head>[^*_\n]{1,60}?)(?:\*\*|__)?[ \t]*:?[ \t]*"
    r"(?:\*\*|__)?[ \t]*$"
)


def markdown_clauses(text: str) -> str:
    """Markdown turned into plain clauses, line structure kept for the rest of ``normalise``.

    A run of bullet lines without a sentence end becomes one clause of givens ("* Radius:
    7" and "* Height: 20" -> "Radius: 7, Height: 20;"); bullets that are sentences stay
    sentences; a heading alone on its line ("**Given:**", "### Problem") ends with a colon.
    """
    if "\n" not in text:
        return text
    out: list[str] = []
    run: list[str] = []

    def close() -> None:
        if run:
            # a semicolon, not a period: "125." would read as a decimal to come
            out.append(", ".join(run) + ";")
            run.clear()

    for line in text.split("\n"):
        bullet = _BULLET.match(line)
        if bullet is None:
            close()
            heading = _HEADING.match(line)
            out.append(heading.group("head").strip() + ":" if heading else line)
            continue
        item = bullet.group("item").replace("**", "").replace("__", "").strip()
        if item[-1:] in ".?!":
            close()
            out.append(item)
            continue
        run.append(item)
    close()
    return "\n".join(out)


@dataclass(frozen=True)
class Normalised:
    text: str  # one line, plain notation, original words
    topic_hint: str | None  # "basic_math", when a "Topic: …, Subtopic: …" line was present
    subtopic_hint: str | None
    raw: str = ""  # the question as received: "·" and "×" both became "*" in ``text``


def _label(label: str | None) -> str | None:
    if not label:
        return None
    return re.sub(r"\W+", "_", label.strip().lower()).strip("_") or None


def split_topic_line(text: str) -> tuple[str, str | None, str | None]:
    """The text without its ``Topic: X, Subtopic: Y.`` line, and the two labels."""
    match = _TOPIC_LINE.search(text)
    if match is None:
        return text, None, None
    rest = text[: match.start()] + "\n" + text[match.end() :]
    return rest, _label(match.group("topic")), _label(match.group("sub"))


def _number_word(m: re.Match[str]) -> str:
    words = re.findall(r"[a-z]+", m.group(0).lower())
    if words in (["one"], ["a"]) or (words[0] == "a" and len(words) == 1):
        return m.group(0)  # "this one", "one of": a pronoun, not the number 1
    if len(words) == 1 and _COUNT_OF.match(m.string, m.end()):
        return m.group(0)  # "the two numbers 15 and 194": a count, not a third operand
    if len(words) == 1 and _counts_what_follows(m):
        return m.group(0)  # "two quotes, 59 and 43", "three of the angles are 161, 50, 47"
    total = current = 0
    for word in words:
        if word == "hundred":
            current *= 100
        elif word in _SCALES:
            total, current = total + current * _SCALES[word], 0
        elif word != "and":
            current += _WORD_VALUES[word]
    return str(total + current)


# "two quotes for my fence, 59 and 43", "three of the angles are ...": a count in words before
# a plural noun, whose sentence goes on to give exactly that many numbers
_COUNTED_NOUN = re.compile(
    r"\s+(?:of\s+(?:the|my|these|those)\s+)?(?:[a-z]+\s+)?([a-z]{2,}s)\b", re.I
)
# "two fifths", "two dozens": a fraction or a multiple, not a count of what follows
_NOT_COUNTED = frozenset(["dozens", "scores", "tens", "hundreds", "thousands", "millions"])
_CLAUSE_END = re.compile(r"[.?!;](?:\s|$)|\n")
# (read before the symbols are made plain: a minus may still be "\u2212" or "\u2013")
_POINT_PAIRS = re.compile(
    r"\(\s*[-\u2212\u2013]?\d+(?:\.\d+)?\s*,\s*[-\u2212\u2013]?\d+(?:\.\d+)?\s*\)"
)
_COUNTED_VALUE = re.compile(  # 3/4 is one
    r"(?<![\w./])[-\u2212\u2013]?\d+(?:\.\d+)?(?:\s*/\s*\d+)?(?![\w.])"
)


def _counts_what_follows(m: re.Match[str]) -> bool:
    count = _WORD_VALUES.get(m.group(0).lower(), 0)
    noun = _COUNTED_NOUN.match(m.string, m.end())
    if not 2 <= count <= 10 or noun is None:
        return False
    word = noun.group(1).lower()
    if word in _NOT_COUNTED or word in _DENOMINATORS:
        return False
    end = _CLAUSE_END.search(m.string, noun.end())
    rest = m.string[noun.end() : end.start() if end else len(m.string)]
    if _NUMBER_WORD.search(rest):
        return False  # the operands in words too: not counted here
    points = _POINT_PAIRS.findall(rest)  # "two survey points, (-8, -10) and (1, -5)"
    return len(points or _COUNTED_VALUE.findall(rest)) == count


def _year_pair(m: re.Match[str]) -> str:
    century = (_UNITS | _TENS)[m.group("century").lower()]
    rest = m.group("rest").lower().replace("-", " ").split()
    value = sum(_WORD_VALUES.get(w, 0) for w in rest)  # "oh five" -> 5
    lead = f"{m.group('lead')} " if m.group("lead") else "("
    return f"{lead}{century * 100 + value}"


def _superscript(m: re.Match[str]) -> str:
    return "^" + m.group(1).translate(_SUPERSCRIPTS)


def _strip_symbols(text: str) -> str:
    out = []
    for ch in text:
        if ch in _SYMBOLS:
            out.append(_SYMBOLS[ch])
            continue
        cat = unicodedata.category(ch)
        # ASCII "^" and "`" are modifier symbols (Sk) too, but they are notation, not emoji
        if ch.isascii():
            out.append(ch)
        elif cat in ("So", "Sk", "Cs", "Co", "Cn"):
            out.append(" ")  # emoji (joiners and variation selectors are gone: core.admit)
        else:
            out.append(ch)
    return "".join(out)


def _number_token(token: str) -> str:
    """A ``\\w`` token with a letter the network put inside a number taken out again.

    The rule (docs/network.md §6c) inserts into a token of 4+ characters at index 1..len-2, so the
    lettered token has 5+ characters and 2+ after the letter: ``6e844`` -> ``6844`` and
    ``40e7137850429`` -> ``407137850429``, while ``1e6`` or ``2x2`` stay (too short to be
    lettered). ``1st``/``21st``-style ordinals lose a letter beside their suffix.
    """
    for m in _LETTER_IN_NUMBER.finditer(token):
        if m.start() <= len(token) - 3 and not _DIMENSIONS.fullmatch(token):
            return token[: m.start()] + token[m.end() :]
    term = _LETTERED_TERM.fullmatch(token)  # "10dx³", "5xs¹⁰": a polynomial term
    if term and len(token) >= 5:
        return term.group(1) + "x" + term.group(4)
    ordinal = _ORDINAL.fullmatch(token)
    if ordinal and bool(ordinal.group(2)) != bool(ordinal.group(4)):
        return ordinal.group(1) + ordinal.group(3)
    return token


def _command(m: re.Match[str]) -> str:
    word = m.group(0)
    if word in _COMMANDS:
        return word
    for i in range(1, len(word)):  # the last letter too: "\\divx16" was "\\div16"
        if word[:i] + word[i + 1 :] in _COMMANDS:
            return word[:i] + word[i + 1 :]
    return word


def _number_word_repair(m: re.Match[str]) -> str:
    """``forzty`` -> ``forty``: the letter at index 1..len-3, as the network inserts it."""
    word = m.group(0)
    if word.lower() in _REPAIRED:
        return word
    for i in range(1, len(word) - 2):
        fixed = word[:i] + word[i + 1 :]
        if fixed.lower() in _REPAIRED:
            return fixed
    return word


def repair_letters(text: str) -> str:
    """Undo the network's inserted letter where it is certain: inside a number or a command.

    Not in a text that talks about hexadecimal or a base above ten, where letters are digits.
    Letters inside ordinary words are left to the readers' patterns (``rx`` accepts them).
    """
    text = _COMMAND.sub(_command, text)
    text = _LETTERED_WORD.sub(_number_word_repair, text)
    if _LETTER_DIGITS.search(text):
        return text
    return _TOKEN.sub(lambda m: _number_token(m.group(0)), text)


# A worksheet's item label and mark count: "Q3 (2 marks).", "Question 4 [3 marks]:"
_ITEM_LABEL = re.compile(
    r"^\s*(?:Q|Question|Problem|Exercise|Ex\.?)\s?\d{1,3}[a-z]?\s*[.):]?\s*"
    r"(?:[(\[]\s*\d{1,2}\s*(?:marks?|points?|pts?)\s*[)\]]\s*[.:]?)?\s*"
    r"|\s*[(\[]\s*\d{1,2}\s*(?:marks?|points?|pts)\s*[)\]]\s*[.:]?",
    re.I | re.M,
)


# "i^2 = -1" said beside complex numbers is the rule, not an operand
_IMAGINARY_RULE = re.compile(
    r"(?:(?<![\s,(]),?[ \t]*\(?[ \t]*(?:where|with|since|given|using|recall(?:ing)?(?: that)?|as)"
    r"[ \t]+)?(?<![\w^])[ij][ \t]*\^[ \t]*\{?2\}?[ \t]*=[ \t]*-[ \t]*1(?!\d|\.\d)[ \t]*\)?"
)
# A label numbered in words, "Point one: (16, -2)", "Vector two:": a name, not an operand
_WORD_NUMBERED_LABEL = re.compile(
    r"\b(point|vector|number|value|side|leg|edge|base|angle|set|fraction|line|term|factor|root|"
    r"dataset|list|score|reading|matrix)\s+"
    r"(one|two|three|four)(?=\s*:)",
    re.I,
)
_LABEL_LETTERS = {"one": "A", "two": "B", "three": "C", "four": "D"}


# Numbers said one after another with no commas ("the dot product of 18 19 -5 and -19 6
# -2", spoken lists): three or more in a row are a list (not inside brackets, where
# "[[1 2] [3 4]]" is a matrix printed by numpy)
_SPACED_RUN = re.compile(
    r"(?<![\w.,/^*+\-\[(=])(-?\d+(?:\.\d+)?)((?: -?\d+(?:\.\d+)?){2,})(?![\w\]/^*)]|\.\d)"
)
_DIVIDE_BY = re.compile(r"(?<=[\d})])\s+divide\s+by\b", re.I)  # "18^10 divide by 44^10"
# A worksheet's named given: "Given: N = 977. Find: the cube root of N" -> "... of 977"
_GIVEN_NAME = re.compile(
    r"\bGiven\s*:?\s*(?:the number\s+)?([A-Z])\s*=\s*(-?\d+(?:\.\d+)?)"
    # the value ends there: "N = 977." or "N = 977 (decimal)", not "N = 2^10" or "N = 9 261"
    r"(?=\s*(?:[.,;:](?!\d)|$)|\s+(?:\(|[A-Za-z]{2,}))"
)


# A number said again in words right after it: "17 (seventeen)", "68 m (sixty-eight metres)",
# "4! (four factorial)" -- by now "17 (17)": the bracket repeats it and goes
_SAID_AGAIN = re.compile(
    r"(?<![\w.])(-?\d+(?:\.\d+)?)(!?)((?:[ \t]*(?:[A-Za-z]{1,12}|degrees(?: [CF])?|%))?)[ \t]+"
    r"\(\s*\1\2?\s*(?:[A-Za-z]{1,12}(?:\s+[A-Za-z]{1,12})?)?\s*\)"
    r"(?!\s*[\^!%*/(\d])"  # "5 (5)^3", "4 (4)!" are products, not a number said again
)


# A binomial given as a labelled field without its brackets: "First factor: 6x, Second
# factor: 8x + 9" -> "First factor: (6x), Second factor: (8x + 9)"
_FACTOR_FIELD = re.compile(
    r"\b((?:first|second|1st|2nd)\s+factor|factor\s+(?:[12AB]))\s*:\s*"
    r"(-?\d*\s*x(?:\s*[-+]\s*\d+)?)(?=\s*[,;.]|\s*$)",
    re.I,
)


def _spaced_run(m: re.Match[str]) -> str:
    return ", ".join([m.group(1), *m.group(2).split()])


def _given_name(text: str) -> str:
    found = list(_GIVEN_NAME.finditer(text))
    if len(found) != 1:
        return text
    m = found[0]
    name, value = m.group(1), m.group(2)
    later = re.compile(rf"(?<![\w\\]){name}(?![\w(])")
    rest = text[m.end() :]
    if not later.search(rest):
        return text
    return text[: m.start()] + "Given: " + later.sub(value, rest).lstrip(" .;,")


# Remembered: the readers ask again for the question as received (a matrix's line layout, a
# size stated outside the part read), and the answer never changes.
@functools.lru_cache(maxsize=256)
def normalise(question: str) -> Normalised | None:
    """The paraphrase in plain notation, or None when it is too long to be a question."""
    if len(question) > MAX_CHARS:
        return None
    text, topic, sub = split_topic_line(question)
    text = _ITEM_LABEL.sub(" ", text)
    text = markdown_clauses(strip_preface(text.strip()))
    text = repair_letters(text)
    text = _SUPER_RUN.sub(_superscript, text)
    text = _SUB_RUN.sub(lambda m: "_{" + m.group(1).translate(_SUBSCRIPTS) + "}", text)
    text = _BASE_SUBSCRIPT.sub(_base_subscript, text)
    text = _WORD_NUMBERED_LABEL.sub(
        lambda m: f"{m.group(1)} {_LABEL_LETTERS[m.group(2).lower()]}", text
    )
    text = _COMPOUND_ORDINAL.sub(_compound_ordinal, text)  # before "twenty" is read as 20
    text = _POSITION_ORDINAL.sub(_position_ordinal, text)
    text = _YEAR_PAIR.sub(_year_pair, text)  # before "nineteen" and "eighty five" are read apart
    text = _NUMBER_WORD.sub(_number_word, text)  # before "∛ten" is read as a root
    text = _SPOKEN_DECIMAL.sub(lambda m: f"{m.group(1)}.{m.group(2).replace(' ', '')}", text)
    text = _SPOKEN_COMMA.sub(", ", text)
    text = _FOUR_SIDED.sub("quadrilateral", text)  # a name, not an operand to account for
    text = _SIGN_WORD.sub(_sign_word, text)
    text = _SAID_OPERATOR.sub(_said_operator, text)
    text = _SAID_COEFFICIENT.sub(r"\1", text)
    for pattern, repl in _SQRT_SYMBOLS:
        text = pattern.sub(repl, text)
    text = _strip_symbols(text)
    text = _IMAGINARY_RULE.sub(" ", text)
    text = _DISPLAY.sub(lambda m: " " + m.group(1) + " ", text)
    text = _DELIMS.sub(" ", text)
    for pattern, repl in _LATEX_OPS:
        text = pattern.sub(repl, text)
    text = _FENCES.sub(" ", text)  # the validator's wrapper, when a paraphrase keeps it
    text = _PY_POWER.sub("^", text)  # "4x**3" is a power, not markdown bold
    text = _LIST_MARKER.sub("", text)
    text = _MARKDOWN.sub("", text)
    text = _GLUED_DX.sub(r" d\1", text)  # "∫4x³dx": the variable of integration apart
    text = _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)
    text = _SAID_AGAIN.sub(r"\1\2\3", text)
    text = _SPACED_RUN.sub(_spaced_run, text)
    text = _DIVIDE_BY.sub(" divided by", text)
    text = _given_name(text)
    text = _FACTOR_FIELD.sub(r"\1: (\2)", text)
    for pattern, repl in _FRACTION_WORDS:
        text = pattern.sub(repl, text)
    text = _ONE_FRACTION.sub(lambda m: f"1/{_DENOMINATORS[m.group(1).lower()]}", text)
    text = _PLURAL_FRACTION.sub(lambda m: f"{m.group(1)}/{_DENOMINATORS[m.group(2).lower()]}", text)
    text = _AXIS_WORD.sub(r"\1 ", text)
    text = _ONE.sub("1", text)
    text = _ORDINAL_POWER.sub(lambda m: f"to the {ORDINALS[m.group(1).lower()]}", text)
    for pattern, repl in _POWER_WORDS:
        text = pattern.sub(repl, text)
    text = " ".join(_SPACES.sub(" ", text).split())
    return Normalised(text, topic, sub, question)


# ------------------------------------------------------------------ misspelt words


def edit_distance(a: str, b: str, limit: int) -> int:
    """Letters inserted, removed, changed or two neighbours swapped between ``a`` and ``b``
    (the optimal string alignment distance), or ``limit + 1`` once it is certainly above."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(row[j] + 1, cur[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], before[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        before, row = row, cur
    return row[-1]


def _deletions(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


# Endings that make another form of a known word or stem ("multipl" + "ication",
# "compound" + "ed"): such a word is known, not a misspelling of a neighbour.
_ENDINGS = tuple(
    _words(
        """
        s es ed d e y ies ied ing ings ly al ally er ers est ion ions ation ations ication
        ications ity ities ive ively ment ments ness able ible ic ical ically ise ize ised
        ized ising izing isation ization te ted tes ting tion tions or ors ian ial ia n ns
        """
    )
)
# Common English words a slip away from a reader's word ("different" is not "difference",
# "geometry" not "geometric", "including" not "excluding"): never repaired. Derived once
# from a dictionary: the words within ``Vocabulary``'s reach of the readers' words that are
# common in English text (here: the Python standard library's docs and comments), plus
# everyday words of five letters. The readers' own words are known already.
_ENGLISH = frozenset(
    _words(
        """
        about above accessed addend adder after again allowing angeles arena being below
        black bland blink boots brace bracelets bracketed built burning canonical casts
        charge chose citation citations clone codes coincidence commute commutes companion
        compilation compiled compiler compiles concert conference conserved consonant
        constraint contained contiguous continues continuum contract contracted converge
        could count coverage creation cropped decide deciding decimate decision dedication
        deduce defining deflection deletion determining different differential dilation
        dimes disjoint dividend doubled dover eight elementary emulation equivalence
        estimates estimator euclidean every evolution examples exceeding executed
        experiments exported fleet forced forked forth friction geometry given gives globs
        grace grape great greeting gross ground hides hosts hover hypotheses including
        inertial inference infinite infinitely ingest initiate injection insert inspection
        instance instruct integrator integrity interact interaction internal internals
        interrupt invisible isolation isometric joint joints junction kevin lanes larges
        letting light lightest lines links lives location locations loses material measures
        medial menus might module modules molar month mount mover movie multiplicative
        multiplier multipliers mutation mutations newer night observer observers obsolete
        occurring onion opposite other outlined packed paint parabolic parameter parses
        parsing pasting percentile perms peter pickled pinpoint place placed plans plate
        point position posts pressing price prices prime primer print prints prize produce
        produced producer produces profession promotion prompter proposition protection
        protections quarters quite quotation radio raises recorder recorders recording
        recreate recurrent referring reflection regression rejecting rejection reloaded
        remained rendered reordered replacing reported reporting representative represented
        requiring reserved resetting respected respecting retained retaining returning
        revision rides right robot robots roller rotation rotations sampler scope seats
        sections selector selectors sentence sequencer serves services setters setting
        settings shade shake shape shard share sharp shell should simply since singular
        sites sized sizes slide slides solar sought spell spelling spellings spend
        spheroidal squares stanford stations symmetries symmetry teams telling texts thank
        their there these thing things think thinks thorough those though tight tiles timer
        total track trackers trade transport traverse tuning under universe untested until
        value variable variants weight where which while whole whose woman world would
        yanked
        compile cousin latest priced redoing subtest weather
        """
    )
)


# Another form of a word, not a longer word it is the stem of: "prime" of "primes" is a
# word, "percent" of "percentage" and "matri" of "matrix" may be a stem.
_FORMS = frozenset(
    _words(
        """
        s es d ed ing ly r er st est
        """
    )
)


def _stems(words: frozenset[str]) -> set[str]:
    """The words that begin a longer one other than by an ending: "multipl" of "multiply",
    "confiden" of "confidence". A pattern matches them as prefixes, so they are no word a
    misspelling can be repaired into (the longer word is)."""
    ordered = sorted(words)
    stems = set()
    for i, word in enumerate(ordered):
        for longer in ordered[i + 1 :]:
            if not longer.startswith(word):
                break
            if longer[len(word) :] not in _FORMS:
                stems.add(word)
                break
    return stems


def _variants(words: frozenset[str] | set[str]) -> set[str]:
    """The words that misspell a longer one of ``words`` themselves ("compond", "intrest",
    which a reader accepts beside "compound" and "interest"): known, but never a repair,
    which would otherwise always be ambiguous between the two."""
    out = set()
    for word in words:
        for longer in (word[:i] + ch + word[i:] for i in range(1, len(word)) for ch in _LETTERS):
            if longer in words and not longer.startswith(word):
                out.add(word)
                break
    return out


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_INFLECTIONS = frozenset("sdry")  # "angle"/"angles", "square"/"squared", "multipl"/"multiply"


class Vocabulary:
    """The words the readers know, indexed so that a misspelt word finds its neighbours fast.

    ``repair`` returns the one known word a slip away from a word that is not known: one
    edit for words of five to seven letters, two for longer ones (a swap of two neighbours
    counts one); a word of six or seven letters may also carry the network's inserted
    letter beside its slip (``_slip_and_letter``). A word is known when it is a reader's
    word, one of them with an ending (``_ENDINGS``: "multiplying" from the stem "multipl"),
    or a common English word that lies a slip away from a reader's word (``_ENGLISH``).
    Nothing is repaired when two known words are equally near, nor into a word that begins
    or ends the misspelling.
    """

    def __init__(self, words: Iterable[str], whole: Iterable[str] = ()) -> None:
        """``whole``: words a pattern uses as whole words ("\\bpercent\\b"), which stay
        repair targets even when they begin a longer word ("percentage")."""
        self.words = frozenset(w.lower() for w in words if len(w) >= 4 and w.isalpha())
        self._index: dict[str, set[str]] = {}
        self.targets = (self.words - _stems(self.words)) | (self.words & {w.lower() for w in whole})
        self.targets -= _variants(self.targets)
        for word in self.targets:
            for key in _deletions(word, 2 if len(word) >= 6 else 1):
                self._index.setdefault(key, set()).add(word)
        self._seen: dict[str, str | None] = {}

    def known(self, word: str) -> bool:
        if word in self.words or word in _ENGLISH:
            return True
        return any(
            word.endswith(end) and word[: -len(end)] in self.words
            for end in _ENDINGS
            if len(word) - len(end) >= 4
        )

    def repair(self, word: str) -> str | None:
        """The known word ``word`` misspells, or None when it is known or not certain."""
        word = word.lower()
        if word in self._seen:
            return self._seen[word]
        found = None
        if len(word) >= 5 and not self.known(word):
            found = self._nearest(word)
            if found is None and len(word) in (6, 7):
                found = self._slip_and_letter(word)
        if len(self._seen) < 4096:
            self._seen[word] = found
        return found

    def _slip_and_letter(self, word: str) -> str | None:
        """A slip and the network's inserted letter in one word: "cisrcl" is "circl" without
        its "s" (two letters follow an inserted letter), a slip from "circle". The one word
        that some such deletion lies a slip from, or None when deletions lead to two words.
        The slip is a dropped letter or two swapped ones: a changed letter beside an
        inserted one is too far ("litres" is no misspelt "lines")."""
        found = set()
        for i in range(1, len(word) - 2):  # two letters always follow the inserted one
            rest = word[:i] + word[i + 1 :]
            near = self._nearest(rest)
            if near is not None and (len(near) == len(rest) + 1 or sorted(near) == sorted(rest)):
                found.add(near)
        return found.pop() if len(found) == 1 else None

    def _nearest(self, word: str) -> str | None:
        limit = 2 if len(word) >= 8 else 1
        candidates = {t for key in _deletions(word, limit) for t in self._index.get(key, ())}
        near: dict[int, list[str]] = {}
        for target in candidates:
            if target.endswith(word) or word.endswith(target):
                continue  # another word ending in it ("along", "long"), not a slip
            if target.startswith(word) or word.startswith(target):
                extra = target[len(word) :] or word[len(target) :]
                if len(extra) > 1 or extra in _INFLECTIONS:
                    continue  # a stem or another form of it ("double", "doubles")
                # else one letter short or over at the end: a slip ("composit")
            distance = edit_distance(word, target, limit)
            if distance <= limit:
                near.setdefault(distance, []).append(target)
        if not near:
            return None
        best = near[min(near)]
        if len(best) == 2:
            # one word and its plural ("degres": "degree", "degrees"): the slip kept the
            # ending, so it says which form was meant
            short, long_ = sorted(best, key=len)
            if long_ == short + "s":
                return long_ if word.endswith("s") else short
        return best[0] if len(best) == 1 else None


# a word of letters alone: not a LaTeX command, not glued to a digit or a brace
_PLAIN_WORD = re.compile(r"(?<![\\\w])[A-Za-z]{5,}(?![\w{])")


def _cased(repaired: str, original: str) -> str:
    if original[:1].isupper():
        return repaired[:1].upper() + repaired[1:]
    return repaired


def repair_words(text: str, vocabulary: Vocabulary) -> str:
    """``text`` with each misspelt word of five or more letters put right (``Vocabulary``).

    Numbers, LaTeX commands and words in capitals ("SHORT", an acronym) are never touched.
    """

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.isupper():
            return word
        found = vocabulary.repair(word)
        return word if found is None else _cased(found, word)

    return _PLAIN_WORD.sub(fix, text)


def words_of(patterns: Iterable[str]) -> Iterator[str]:
    """The literal words of regular expressions compiled by ``reading.rx`` (or plain ones)."""
    for pattern in patterns:
        yield from _LOOSENED_WORD.findall(pattern)
        yield from _LITERAL_WORD.findall(pattern)


_LOOSENED_WORD = re.compile(r"(?<=\(\?:)([A-Za-z]{4,})(?=\|)")
_LITERAL_WORD = re.compile(r"(?<![A-Za-z\\])[A-Za-z]{4,}(?![A-Za-z])")
