"""Read a persona paraphrase: which subtopic is asked, and with which operands.

The generator's recognizers (``logicnet.engine.core``) know one sentence per
subtopic. A live question is an LLM's rewording of that sentence, so reading it
takes three steps, each small:

1. ``normalise`` (``logicnet.engine.normalise``) brings the notation into one style.
2. Intent: every ``Reader`` has *cues* (topic words and their synonyms, as regular
   expressions) and *avoid* patterns (words that mean a near neighbour is asked: a
   cube's surface area is not its volume). A reader's score is the number of its cues
   present, plus a bonus when the ``Topic: …, Subtopic: …`` line names it.
3. Operands: the best-scoring readers each try to pull their operands out of the text
   and render them in the generator's own wording (the *canonical* question). The
   core then answers that canonical text with the subtopic's exact solver, so every
   answer keeps the generator's convention.

The engine never guesses: it answers only when the best score belongs to readings
that agree on the answer and every reading with a different answer scores lower
(``decide``). Cue and operand patterns are compiled with ``rx``, which lets every
literal word of four or more letters carry the one letter a validator may insert
(SPEC §6c); a letter inside a number is removed by ``normalise``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from logicnet.engine.core import EngineAnswer, admit, hinted, solve_as
from logicnet.engine.normalise import Normalised, normalise

__all__ = [
    "HINT_BONUS",
    "Reader",
    "decide",
    "loosen",
    "read_question",
    "reader",
    "readers",
    "rx",
    "dropped_signs",
    "unconsumed",
    "unsaid",
    "unsure_sign",
]

HINT_BONUS = 3  # a Topic/Subtopic line naming the reader outweighs any cue count

Read = Callable[[Normalised], "str | None"]


@dataclass(frozen=True)
class Reader:
    topic: str
    subtopic: str
    cues: tuple[re.Pattern[str], ...]
    avoid: tuple[re.Pattern[str], ...]
    read: Read  # the canonical generator question, or None when the operands are not there
    need: tuple[re.Pattern[str], ...] = ()  # all must be present, or the score is 0

    @property
    def name(self) -> str:
        return f"{self.topic}/{self.subtopic}"

    def score(
        self, n: Normalised, cue_text: str | None = None, negated: Sequence[Span] = ()
    ) -> int:
        """How strongly the text asks for this subtopic; 0 when it does not or must not.

        ``cue_text``: the text with negated mentions blanked (``unsaid``); cues and needed
        words are looked for there. Avoid patterns are looked for in the whole text, but a
        match that lies inside a negated mention (``negated``: "not compounded") does not
        count, while one that only contains a negation ("order does not matter") does.
        """
        said = n.text if cue_text is None else cue_text
        # cheapest test first: most readers lack a needed word or any cue
        if not all(p.search(said) for p in self.need):
            return 0
        score = sum(1 for p in self.cues if p.search(said))
        if not score or any(_avoided(p, n.text, negated) for p in self.avoid):
            return 0
        if score and hinted_as(n, self.subtopic):
            score += HINT_BONUS
        return score


Span = tuple[int, int]


def _avoided(pattern: re.Pattern[str], text: str, negated: Sequence[Span]) -> bool:
    if not negated:
        return pattern.search(text) is not None
    return any(
        not any(a <= m.start() and m.end() <= b for a, b in negated) for m in pattern.finditer(text)
    )


_READERS: list[Reader] = []
_lock = threading.Lock()


def hinted_as(n: Normalised, subtopic: str) -> bool:
    from logicnet.engine.core import Problem

    return hinted(Problem("", n.topic_hint, n.subtopic_hint), subtopic)


_GAP = "(?-i:[a-z])?"  # the one lower-case letter a validator may insert


def loosen(pattern: str) -> str:
    """``pattern`` with each literal word of 4+ letters also accepting one inserted letter.

    Escapes (``\\b``, ``\\d``), character classes and group names are copied as they are.
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif ch == "[":
            end = pattern.find("]", i + 2)
            end = n - 1 if end < 0 else end
            out.append(pattern[i : end + 1])
            i = end + 1
        elif pattern.startswith("(?P<", i):
            end = pattern.find(">", i)
            out.append(pattern[i : end + 1])
            i = end + 1
        elif ch.isalpha():
            j = i
            while j < n and pattern[j].isalpha():
                j += 1
            word = pattern[i:j]
            # A quantifier binds the last letter only ("cubes?"): keep that letter outside
            last = ""
            if j < n and pattern[j] in "?*+{":
                word, last = word[:-1], word[-1]
            # (?-i:...): a case-insensitive class costs ~10x more to compile, for ~700 patterns
            out.append(f"(?:{word}|{_GAP.join(word)})" if len(word) >= 4 else word)
            out.append(last)
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def rx(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    """Compile a reader's pattern, tolerant of one inserted letter in its words."""
    return re.compile(loosen(pattern), flags)


def reader(
    topic: str,
    subtopic: str,
    cues: Sequence[str],
    avoid: Sequence[str] = (),
    need: Sequence[str] = (),
) -> Callable[[Read], Read]:
    """Decorator: register a function that renders the canonical question for a subtopic.

    ``need``: patterns that must all be present for any score (the subtopic's defining
    word, e.g. "prime"), so generic cues ("what is", "?") never make a reading on their own.
    """

    def add(fn: Read) -> Read:
        entry = Reader(
            topic,
            subtopic,
            tuple(rx(c) for c in cues),
            tuple(rx(a) for a in avoid),
            fn,
            tuple(rx(p) for p in need),
        )
        with _lock:
            _READERS.append(entry)
        return fn

    return add


def topic_reader(topic: str) -> Callable[..., Callable[[Read], Read]]:
    """``reader`` for one topic, whose first cue is the subtopic's defining word: a text
    without that word gives the reader no score (``need``)."""

    def make(
        subtopic: str,
        cues: list[str],
        avoid: Sequence[str] = (),
        need: Sequence[str] = (),
    ) -> Callable[[Read], Read]:
        return reader(topic, subtopic, cues=cues, avoid=avoid, need=[cues[0], *need])

    return make


def readers() -> list[Reader]:
    return list(_READERS)


@dataclass(frozen=True)
class Reading:
    score: int
    reader: Reader
    answer: EngineAnswer


def decide(readings: Sequence[Reading]) -> EngineAnswer | None:
    """The answer of the best readings when they agree and nothing as strong disagrees."""
    if not readings:
        return None
    best = max(r.score for r in readings)
    top = [r for r in readings if r.score == best]
    answers = {r.answer.answer for r in top}
    if len(answers) != 1:
        return None
    return top[0].answer


# "not compounded", "non-compound", "rather than simple", "instead of the cube", "without
# compounding": the word after a negator is not asked, so it must not count as a cue.
_NEGATED = re.compile(
    loosen(r"\b(?:not|never|non|rather than|instead of|without|no)\b[\s-]+(?:the\s+|an?\s+)?")
    + r"(?P<word>[A-Za-z][\w-]*)",
    re.I,
)


def unsaid(text: str) -> str:
    """``text`` with each negated word blanked: its cues do not count.

    Spaces are folded again: the readers' patterns expect normalised text, and a run of
    blanks ("not not not ...") makes some of them backtrack for seconds.
    """
    return " ".join(_NEGATED.sub(" ", text).split())


# A number that is part of a power, a root or a fraction. A reading must use all of them:
# "4^4 / 4^2" read as "the factors of 4" would answer a question nobody asked.
_STRUCTURED = re.compile(
    r"(?<![\w.])(\d+)\s*\^\s*\{?\s*(-?\d+)"
    r"|\\sqrt\s*(?:\[\s*(\d+)\s*\])?\s*\{?\s*(\d+)"
    r"|(?:\\frac\s*\{\s*(-?\d+)\s*\}\s*\{\s*(-?\d+)\s*\}"
    r"|(?<![\w.^/])(-?\d+)\s*/\s*(\d+)(?![\w.]|\s*/))"
    r"(?!\s*(?:\\pi\b|[A-Za-z](?![A-Za-z])))"  # a formula's "1/3 pi r^2 h" is no operand
)
_DIGITS = re.compile(r"\d+")


def unconsumed(text: str, canonical: str) -> set[str]:
    """The numbers of ``text``'s powers, roots and fractions that ``canonical`` leaves out."""
    wanted = {g.lstrip("-") for m in _STRUCTURED.finditer(text) for g in m.groups() if g}
    return wanted - set(_DIGITS.findall(canonical))


# A negative number: "-" not after an operand ("7 - 3", "x - 2", "(a) - b") nor in an exponent
_MINUS = re.compile(r"-\s?(\d+(?:\.\d+)?)(?![\d.])")
# ... or a hyphen glued to a word ("base-2", "x-3")
_OPERAND_END = re.compile(r"(?:\d|[)\]}|!]|(?<![A-Za-z\\])[A-Za-z])\s*$|\^\s*\{?\s*$|[A-Za-z]$")


def dropped_signs(text: str, canonical: str) -> set[str]:
    """The negative numbers of ``text`` that ``canonical`` uses without their sign.

    A reader of positive operands that reads "-7" as 7 ("is -7 prime?", "-2^5") answers
    another question; a number it does not use at all is ``unconsumed``'s business.
    """
    dropped = set()
    for m in _MINUS.finditer(text):
        if _OPERAND_END.search(text, max(0, m.start() - 8), m.start()):
            continue  # a subtraction, or an exponent's sign
        value = m.group(1)
        if not re.search(rf"-\s?{re.escape(value)}(?![\d.])", canonical):
            dropped.add(value)
    return dropped


# A word one letter away from a sign word, right before a number ("miknus 35", "negativ 4"):
# its sign cannot be read for sure, so nothing is answered.
_SIGN_WORDS = ("minus", "negative")
_BEFORE_NUMBER = re.compile(r"\b([A-Za-z]{4,9})\s+(?=-?\d)")


def _one_edit(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with one letter inserted, removed or changed."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        return sum(a != b for a, b in zip(word, target, strict=True)) == 1
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def unsure_sign(text: str) -> bool:
    """Whether a word before a number looks like a mistyped minus or negative."""
    return any(
        _one_edit(m.group(1).lower(), sign)
        for m in _BEFORE_NUMBER.finditer(text)
        for sign in _SIGN_WORDS
    )


def _attempt(entry: Reader, n: Normalised) -> EngineAnswer | None:
    try:
        canonical = entry.read(n)
    except (ArithmeticError, ValueError, OverflowError, IndexError, KeyError):
        return None  # operands that make no sense: not this reading
    if canonical is None or unconsumed(n.text, canonical) or dropped_signs(n.text, canonical):
        return None
    return solve_as(entry.topic, entry.subtopic, canonical)


def read_question(question: str) -> EngineAnswer | None:
    """Answer a persona paraphrase of a generator problem, or None when unsure."""
    text = admit(question)
    if text is None:
        return None  # 100 KB texts, 5,000-digit numbers, numbers split by "\u200b" (core.admit)
    n = normalise(text)
    if n is None or unsure_sign(n.text):
        return None
    said = unsaid(n.text)
    # only the negated word: an avoid pattern about the negation itself ("without its top",
    # "order does not matter") still counts
    negated = [m.span("word") for m in _NEGATED.finditer(n.text)]
    scored = sorted(
        ((entry.score(n, said, negated), entry) for entry in _READERS), key=lambda pair: -pair[0]
    )
    readings: list[Reading] = []
    failed = 0  # the best score whose reader found no operands
    for score, entry in scored:
        if score == 0:
            break
        if readings and score < readings[0].score:
            # A lower score can only matter if the best ones fail; they did not.
            break
        if score + 1 < failed:
            # The text asks much more strongly (two cues more) for a reading whose operands
            # are not there: a weaker neighbour that happens to find numbers would be a guess.
            break
        answer = _attempt(entry, n)
        if answer is not None:
            readings.append(Reading(score, entry, answer))
        else:
            failed = max(failed, score)
    return decide(readings)
