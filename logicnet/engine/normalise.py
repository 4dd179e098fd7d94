"""Bring a persona paraphrase into one plain notation before anyone reads it.

A validator's LLM rewrites every generator problem in a persona's voice (SPEC §5):
the math is copied verbatim (``x^{3}``, ``\\frac{3}{4}``) or restyled (``$…$``,
``\\( … \\)``, backticks, ``x²``, ``×``, ``÷``, "seven", ``364,365,760``), wrapped in
chatter, greetings, emoji and markdown, and one letter may be inserted into one
word of four or more characters, digits included (SPEC §6c: ``1943`` -> ``1y943``).

``normalise`` undoes the notation so that the readers (``logicnet.engine.reading``)
see one style: ASCII operators (``*`` for ×/·/\\cdot/\\times, ``/`` for ÷/\\div),
``^`` powers, ``sqrt``/``pi`` spelled out as LaTeX commands the generator uses,
plain digits for small number words, no math delimiters, no markdown, no emoji,
no thousands separators, and a letter sandwiched between digits removed. It never
changes the words of the question otherwise: the readers decide what is asked.

The text is bounded first (``MAX_CHARS``): a persona paraphrase is a few hundred
characters, so anything far longer is not a question the engine will read. Invisible
format characters (zero-width spaces and joiners, soft hyphens) are not handled here:
``core.admit`` removes them, or refuses a number they split, before ``normalise`` runs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from logicnet.engine.bounds import MAX_PARAPHRASE_CHARS

__all__ = ["MAX_CHARS", "Normalised", "normalise", "repair_letters", "split_topic_line"]

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
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "…": "...",
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
]
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
    if m.group(1).lower() == "minus" and _OPERAND_END.search(m.string, 0, m.start()):
        return m.group(0)
    return "-"


# "x-values", "x-coordinates": the variable named, not a polynomial that goes on with "-"
_AXIS_WORD = re.compile(r"\b([xy])-(?=(?:values?|coordinates?|co-ordinates?|axis|intercepts?)\b)")
# "the two numbers", "these three values": how many operands there are, not one of them
_COUNT_OF = re.compile(
    r"\s+(?:numbers|values|integers|vectors|matrices|fractions|quantities)\b", re.I
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
        ]
    )
    for word in words.split()
}
_PLURAL_FRACTION = re.compile(
    r"(?<![\w.])([2-9]|1[0-9])[- ](halves|thirds|quarters|fourths|fifths|sixths|sevenths|"
    r"eighths|ninths|tenths)\b",
    re.I,
)
_ONE_FRACTION = re.compile(
    r"\b(?:one|1)[- ](third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
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
_SPELLED = frozenset(w for w in [*_UNITS, *_TENS, "hundred", "thousand"] if len(w) >= 4)
# Sign words too: "miknus thirty-five" left lettered would lose its sign (-35 read as 35)
_REPAIRED = _SPELLED | {"minus", "negative"}
_LETTERED_WORD = re.compile(r"\b[A-Za-z]{5,}\b")
_UNIT_WORDS = "|".join(["one", *_UNITS])
_NINE = "one|two|three|four|five|six|seven|eight|nine"
_BELOW_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_NINE}))?|{_UNIT_WORDS})"
_BELOW_1000 = rf"(?:(?:{_NINE}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100})"
# "one hundred and one", "two hundred thirty-four", "forty-eight", "three thousand and five";
# "and" only after hundred/thousand, so "between five and seven" stays two numbers.
_NUMBER_WORD = re.compile(
    rf"\b(?:{_BELOW_1000}\s+thousand(?:\s+(?:and\s+)?{_BELOW_1000})?|{_BELOW_1000})\b", re.I
)
_WORD_VALUES = {**_UNITS, **_TENS, "one": 1, "a": 1}
# "one" is mostly a pronoun in chatter ("this one", "one of"); only these read as 1.
_ONE = re.compile(r"\bone(?=[- ](?:hundred|sided?|digit|number|term|decimal)\b)", re.I)
_FRACTION_WORDS = [
    (re.compile(r"\b(?:a|one) half\b", re.I), "1/2"),
    (re.compile(r"\b(?:a|one) quarter\b", re.I), "1/4"),
    (re.compile(r"\b(?:a|one) third\b", re.I), "1/3"),
]
_RAISED = "[a-z]?".join("raised")  # the inserted letter may land in these words too
_POWER = "[a-z]?".join("power")
_ORDINALS = {
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
# "to the fourth power", "to the seventh": an ordinal exponent in words
_ORDINAL_POWER = re.compile(
    rf"\bto\s+the\s+({'|'.join(_ORDINALS)})(?=\s+{_POWER}\b|\s*[,.?!;:]|\s*$)", re.I
)
_POWER_WORDS = [
    (
        re.compile(
            rf"(\d+)\s+(?:{_RAISED}\s+)?to\s+the\s+(?:{_POWER}\s+of\s+)?(\d+)"
            rf"(?:st|nd|rd|th)?(?:\s+{_POWER})?\b",
            re.I,
        ),
        r"\1^\2",
    ),
    (re.compile(rf"(\d+)\s+{_RAISED}\s+to\s+(\d+)\b", re.I), r"\1^\2"),
    (re.compile(r"(\w|\))\s+squared\b", re.I), r"\1^2"),
    (re.compile(r"(\w|\))\s+cubed\b", re.I), r"\1^3"),
    (re.compile(r"(\w)\s+to the (?:power of )?(\d+)(?:st|nd|rd|th)?(?: power)?\b", re.I), r"\1^\2"),
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
_PREFACE = re.compile(
    r"^\s*(?:sure|certainly|of course|absolutely|okay|ok)\b[^\n:]*?"
    r"(?:rephrased|rewritten|rephrasing|version|question)[^\n:]*:\s*",
    re.I,
)


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
    total = current = 0
    for word in words:
        if word == "hundred":
            current *= 100
        elif word == "thousand":
            total, current = total + current * 1000, 0
        elif word != "and":
            current += _WORD_VALUES[word]
    return str(total + current)


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

    The rule (SPEC §6c) inserts into a token of 4+ characters at index 1..len-2, so the
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


def normalise(question: str) -> Normalised | None:
    """The paraphrase in plain notation, or None when it is too long to be a question."""
    if len(question) > MAX_CHARS:
        return None
    text, topic, sub = split_topic_line(question)
    text = _PREFACE.sub("", text, count=1)
    text = repair_letters(text)
    text = _SUPER_RUN.sub(_superscript, text)
    text = _SUB_RUN.sub(lambda m: "_{" + m.group(1).translate(_SUBSCRIPTS) + "}", text)
    text = _NUMBER_WORD.sub(_number_word, text)  # before "∛ten" is read as a root
    text = _SIGN_WORD.sub(_sign_word, text)
    for pattern, repl in _SQRT_SYMBOLS:
        text = pattern.sub(repl, text)
    text = _strip_symbols(text)
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
    for pattern, repl in _FRACTION_WORDS:
        text = pattern.sub(repl, text)
    text = _ONE_FRACTION.sub(lambda m: f"1/{_DENOMINATORS[m.group(1).lower()]}", text)
    text = _PLURAL_FRACTION.sub(lambda m: f"{m.group(1)}/{_DENOMINATORS[m.group(2).lower()]}", text)
    text = _AXIS_WORD.sub(r"\1 ", text)
    text = _ONE.sub("1", text)
    text = _ORDINAL_POWER.sub(lambda m: f"to the {_ORDINALS[m.group(1).lower()]}", text)
    for pattern, repl in _POWER_WORDS:
        text = pattern.sub(repl, text)
    text = " ".join(_SPACES.sub(" ", text).split())
    return Normalised(text, topic, sub, question)
