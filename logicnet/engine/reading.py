"""Read a persona paraphrase: which subtopic is asked, and with which operands.

The generator's recognizers (``logicnet.engine.core``) know one sentence per
subtopic. A live question is an LLM's rewording of that sentence, so reading it
takes three steps, each small:

1. ``normalise`` (``logicnet.engine.normalise``) brings the notation into one style.
2. Intent: every ``Reader`` has *cues* (topic words and their synonyms, as regular
   expressions) and *avoid* patterns (words that mean a near neighbour is asked: a
   cube's surface area is not its volume). A reader's score is the number of its cues
   present, plus a bonus when the ``Topic: …, Subtopic: …`` line names it (then the
   named reader is tried even when a misspelling hides its cues, and a misspelt
   subtopic label is matched to the one subtopic near it).
3. Operands: the best-scoring readers each try to pull their operands out of the text
   and render them in the generator's own wording (the *canonical* question). The
   core then answers that canonical text with the subtopic's exact solver, so every
   answer keeps the generator's convention.

The engine never guesses: it answers only when the best score belongs to readings
that agree on the answer and every reading with a different answer scores lower
(``decide``).

Around those steps, three guards keep a reading honest (``read_question``):

- A persona story before the question: when sentences or clauses before the question
  part carry numbers the question does not repeat, those numbers are set aside only if
  the question part alone reads unambiguously; otherwise the reading must use them all
  (``_read_told``). Counts and shapes of operands ("2 linear equations", "a 2x2
  matrix") are structure, not story.
- What is not a generator problem is refused: lettered options (``multiple_choice``),
  and word problems, whose question needs reasoning about a situation: a share per
  head, a comparison between people, what is left after a change, a restriction on an
  arrangement (``word_problem``), or a rate or price used as an operand (``rates``).
- Misspelt words: the text is read again with them repaired (``vocabulary``,
  ``normalise.repair_words``); when both readings answer, they must agree.

Cue and operand patterns are compiled with ``rx``, which lets every literal word of four
or more letters carry the one letter a validator may insert (docs/network.md §6c); a letter inside
a number is removed by ``normalise``.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from logicnet.engine.bounds import READ_CHARS
from logicnet.engine.core import (
    GAP,
    EngineAnswer,
    admit,
    answer_problem,
    hinted,
    loosen,
    registered,
)
from logicnet.engine.normalise import (
    Normalised,
    Vocabulary,
    edit_distance,
    normalise,
    repair_words,
    words_of,
)
from logicnet.engine.problem import TypedProblem, Unreadable, subtopic_of

__all__ = [
    "HINT_BONUS",
    "Reader",
    "decide",
    "dropped_percents",
    "loosen",
    "multiple_choice",
    "read_question",
    "reader",
    "readers",
    "rx",
    "dropped_signs",
    "unconsumed",
    "unsaid",
    "unsure_sign",
    "vocabulary",
    "word_problem",
]


def _words(text: str) -> list[str]:
    """A list of words written as one block of text."""
    return text.split()


HINT_BONUS = 3  # a Topic/Subtopic line naming the reader outweighs any cue count

# The subtopic's typed problem (``logicnet.engine.problem``), or None when its operands are
# not there.
Read = Callable[[Normalised], "TypedProblem | None"]


@dataclass(frozen=True)
class Reader:
    topic: str
    subtopic: str
    cues: tuple[re.Pattern[str], ...]
    avoid: tuple[re.Pattern[str], ...]
    read: Read
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
        named = n.subtopic_hint is not None and hinted_as(n, self.subtopic)
        # cheapest test first: most readers lack a needed word or any cue
        if not named and not all(p.search(said) for p in self.need):
            return 0
        score = sum(1 for p in self.cues if p.search(said))
        if not (score or named) or any(_avoided(p, n.text, negated) for p in self.avoid):
            return 0
        # The wrapper's Topic line names the subtopic: its reader is tried even when a
        # misspelling hides every cue word (its operands must still be there).
        return score + HINT_BONUS if named else score


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


@functools.lru_cache(maxsize=2048)
def rx(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    """Compile a reader's pattern, tolerant of one inserted letter in its words.

    Remembered: readers that build a pattern while reading (a label, a unit) pay for
    ``loosen`` once, not on every question."""
    return re.compile(loosen(pattern), flags)


def reader(
    topic: str,
    subtopic: str,
    cues: Sequence[str],
    avoid: Sequence[str] = (),
    need: Sequence[str] = (),
    *,
    prepare: Callable[[Normalised], Normalised] | None = None,
    given: str | None = None,
) -> Callable[[Read], Read]:
    """Decorator: register a function that reads a subtopic's typed problem from the text.

    ``need``: patterns that must all be present for any score (the subtopic's defining
    word, e.g. "prime"), so generic cues ("what is", "?") never make a reading on their own.

    Every reader keeps one contract: a text longer than ``READ_CHARS`` is not read (no
    paraphrase is that long, and reading costs time), nor one whose ``Topic: ...,
    Subtopic: ...`` line names another subtopic, nor one that ``given`` matches (a value
    the generator never gives, such as "54 m^2"). ``prepare`` rewrites the text the read
    function sees (cues always see it whole). What the read function returns then passes
    ``_attempt``'s checks: every number of a power, root or fraction used, no sign or
    percentage dropped.
    """
    refused = None if given is None else rx(given)

    def add(fn: Read) -> Read:
        def read(n: Normalised) -> TypedProblem | None:
            if len(n.text) > READ_CHARS or _names_another(n, subtopic):
                return None
            if refused is not None and refused.search(n.text):
                return None
            return fn(n if prepare is None else prepare(n))

        entry = Reader(
            topic,
            subtopic,
            tuple(rx(c) for c in cues),
            tuple(rx(a) for a in avoid),
            read,
            tuple(rx(p) for p in need),
        )
        with _lock:
            _READERS.append(entry)
        return fn

    return add


def _names_another(n: Normalised, subtopic: str) -> bool:
    """Whether a ``Topic: …, Subtopic: …`` line names a different known subtopic."""
    if n.subtopic_hint is None or hinted_as(n, subtopic):
        return False
    known = {r.subtopic for r in _READERS} | {r.subtopic for r in registered()}
    return any(hinted_as(n, other) for other in known)


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
    r"|(?<![\w.^/])(-?\d+)\s*/\s*(\d+)(?![\w.]|\s*/)"
    # a polynomial's term with its coefficient: "8x^3" read as "5x^2 + x + 5" leaves it out
    r"|(?<![\w.^/])(\d+)\s*\*?\s*[xyzt]\s*\^\s*\{?\s*(\d+))"
    r"(?!\s*(?:\\pi\b|[A-Za-z](?![A-Za-z])))"  # a formula's "1/3 pi r^2 h" is no operand
)
_DIGITS = re.compile(r"\d+")


def unconsumed(text: str, canonical: str) -> set[str]:
    """The numbers of ``text``'s powers, roots and fractions that ``canonical`` leaves out,
    counted: "4^4 by 4" read as "the factors of 4" leaves one 4 of the power unused. The
    same expression said twice ("13 to the 9th, 13^9") counts once."""
    said = {m.group(0).replace(" ", ""): m for m in _STRUCTURED.finditer(text)}
    wanted = Counter(g.lstrip("-") for m in said.values() for g in m.groups() if g)
    used = Counter(_DIGITS.findall(canonical))
    return {value for value, count in wanted.items() if used[value] < count}


# Arithmetic said in words, on a result: "..., squared", "divided by pi", "then double it",
# "times 2". Not a unit ("cm squared") nor a formula's letter ("pi r squared"), and "times"
# only before what it multiplies ("3 times a week" is chatter).
_ARITHMETIC_WORD = re.compile(
    r"\b(?:divided by|multiplied by|doubled|halved|tripled|reciprocal|"
    r"subtract(?:ed|ing)?|add(?:ed)? (?:to|up)|add \d+)\b"
    r"|\b(?:double|halve|triple|square|cube)\s+(?:it|that|this|the result|the answer)\b"
    # a sum on the result, not a number's sign ("minus thirty-five degrees")
    r"|(?<=[\d)\]}!%])\s*(?:plus|minus)\b|\b(?:plus|minus)\s+(?:the|its|that|it)\b"
    r"|\btimes\s+(?:\d|it\b|that\b|this result\b|two\b|three\b|four\b|ten\b)"
    r"|(?<!\bcm )(?<!\bmm )(?<!\bkm )(?<!\bm )(?<!\bunits )(?<!\binches )(?<!\bfeet )"
    r"(?<!\bmeters )(?<!\bmetres )(?<!\b[A-Za-z] )\b(?:squared|cubed)\b",
    re.I,
)
# The generator's sentence has an operation of its own: "(2-1j) * (8-13j)", "\\frac{3}{10}",
# "Multiply", "the sum of", "9x + 8 = 8"; a "-" or "+" only between operands ("Convert -42
# degrees" has none), and "=" is not one ("Area of circle with radius 97 =").
_HAS_OPERATION = re.compile(
    r"[*/^×÷]|\\(?:cdot|times|div|frac|sqrt|det)(?![a-z])|(?<=[\d)\]}x])\s*[-+]\s*(?=[\d(\[x])"
    r"|\b(?:multiply|product|quotient|sum|difference|power|root|inverse|exponent)",
    re.I,
)


def foreign_operation(text: str, canonical: str) -> bool:
    """Whether ``text`` asks for arithmetic in words that the generator's sentence for its
    reading (``canonical``) has no operation for: "the area of a circle with radius 4,
    divided by pi", "the HCF of 24 and 36, squared" ask for more than the subtopic does."""
    return _HAS_OPERATION.search(canonical) is None and _ARITHMETIC_WORD.search(text) is not None


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


# A number written as a percentage: a rate. A canonical question that uses it as a plain
# number ("sold at a 15% loss" read as a selling price of 15) answers another question.
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:\\?%|percent\b|per cent\b)", re.I)


def dropped_percents(text: str, canonical: str) -> set[str]:
    """The percentages of ``text`` that ``canonical`` uses, but never as a percentage."""
    dropped = set()
    for value in {m.group(1) for m in _PERCENT.finditer(text)}:
        number = rf"(?<![\d.]){re.escape(value)}(?![\d.]*\d)"
        uses = list(re.finditer(number, canonical))
        if uses and not any(_PERCENT.match(canonical, m.start()) for m in uses):
            dropped.add(value)
    return dropped


def _attempt(entry: Reader, n: Normalised) -> EngineAnswer | None:
    try:
        read = entry.read(n)
    except (Unreadable, ArithmeticError):
        return None  # operands that make no sense: not this reading
    if read is None:
        return None
    canonical = read.wording()
    if (
        unconsumed(n.text, canonical)
        or dropped_signs(n.text, canonical)
        or dropped_percents(n.text, canonical)
        or foreign_operation(n.text, canonical)
    ):
        return None
    if subtopic_of(read).key != entry.name:
        raise TypeError(f"the {entry.name} reader read a {type(read).__name__}")
    return answer_problem(read)


# The readings already made for the question being answered (``read_question``), per thread
_this_question = threading.local()


def _read(n: Normalised) -> Reading | None:
    """``_read_afresh``, once per text within one question: the plainer layers often leave
    a question part as it was, and reading a long story's tail twice cost a third of the
    question's time."""
    memo: dict[Normalised, Reading | None] | None = getattr(_this_question, "memo", None)
    if memo is None:
        return _read_afresh(n)
    if n not in memo:
        memo[n] = _read_afresh(n)
    return memo[n]


def _read_afresh(n: Normalised) -> Reading | None:
    """The one reading of ``n`` as it stands (``decide``), or None."""
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
    found = decide(readings)
    return None if found is None else next(r for r in readings if r.answer is found)


# ------------------------------------------------------------------ what is not a problem

# "A. 5  B. 32  C. 6  D. 8", one option a line or all on one: multiple choice is another
# issue's business, and an answer read from the stem alone would ignore the options.
_OPTION_LINE = re.compile(r"^[ \t>*]*\(?([A-Ea-e])\s*[.):]\s+\S", re.M)
_OPTIONS_INLINE = re.compile(r"(?:^|\s)\(?A[.)]\s+\S.*?\s\(?B[.)]\s+\S.*?\s\(?C[.)]\s+\S", re.S)


def multiple_choice(text: str) -> bool:
    """Whether ``text`` offers lettered options (three or more of A-E)."""
    letters = {m.group(1).upper() for m in _OPTION_LINE.finditer(text)}
    return len(letters & set("ABCDE")) >= 3 or _OPTIONS_INLINE.search(text) is not None


# Word problems: what they ask needs reasoning about the situation, which no generator
# subtopic does. Each pattern names a kind of reasoning, not a phrasing.
_WORD_PROBLEM = [
    # a share per head or in total: "how many beads go on each", "how much do they pay in all"
    rx(
        r"\bhow (?:many|much)\b[^.?!]{0,80}?\b(?:each(?=\s*(?:[?.!]|$|one\b|of (?:them|us|you)\b|"
        r"(?:person|child|kid|student|friend|guest|worker|box|bag|team|group)s?\b))|apiece|"
        r"altogether|in all|per (?:person|student|child|kid|friend|guest|worker|day|week|"
        r"month|hour|minute)\b)"
    ),
    # a comparison: "how many more apples than", "how much older than"
    rx(r"\bhow (?:many|much) (?:more|fewer|less|longer|older|younger)\b[^.?!]{0,60}?\bthan\b"),
    # what is left after something happened: "she ate 3 ... how many are left"
    rx(
        r"\b(?:gave|gives|give away|ate|eats|sold|sells|spent|spends|used|uses|lost|loses|"
        r"took|takes|shared|shares|paid|pays|broke|breaks|stopped)\b[^?]{0,160}?"
        r"\bhow (?:many|much)\b[^.?!]{0,60}?\b(?:left|remain(?:s|ing)?)\b"
    ),
    # a share of what remains: "half of the rest", "a third of the remaining"
    rx(r"\b(?:the rest\b|of the remaining\b|remainder of (?:his|her|their|its|my)\b)"),
    # a restriction on a count or an arrangement: "two books must stand next to each other"
    rx(
        r"\b(?:must|mustn't|can't|cant|cannot|can not|may not|should not|shouldn't|never|"
        r"always|not allowed to|are not allowed|is not allowed)\b[^.?!]{0,60}?\b(?:together|"
        r"next to|adjacent|beside|each other|apart|side by side|in a row|consecutive|"
        r"in the middle|at the ends?)\b"
    ),
    rx(r"\bat (?:least|most) (?:\d+|one|two|three|a)\b(?!\s*(?:decimal|significant|digit|place))"),
    # a comparison between people: "who has more, and by how much"
    rx(
        r"\bwho\b[^.?!]{0,40}?\b(?:more|less|most|least|fewer|faster|slower|longer|older|younger)\b"
    ),
    # a figure built from shapes, or a part of one: "inscribed in a square", "the shaded
    # region", "an L-shaped figure", "the altitude to the hypotenuse", "outside the circle"
    rx(
        r"\b(?:inscribed|circumscribed|shaded|[A-Z]-shaped|cut out of|removed from|"
        r"altitude|made up of|composed of|made (?:from|of) two)\b"
        r"|\boutside (?:of )?the (?:circle|square|triangle|rectangle|shape|figure)\b"
        r"|\bsharing (?:an? |the )?(?:\d+\s*\w+ )?(?:edge|side)\b"
    ),
    # how many of something a job takes: "how many tiles are needed", "how many cups fit"
    rx(
        r"\bhow many\b[^.?!]{0,60}?\b(?:needed|required|does it take|will it take|would it take|"
        r"fit|to fill|to cover)\b"
    ),
    # a next step on the result: "..., then double it", "Then multiply your answer by 4",
    # "and then its square root", "and use it to simplify" (not "then raised to three", a
    # power's own wording, nor "then take the absolute value", the absolute difference's)
    rx(
        r"(?:\bthen\b|\bafter that\b|\bafterwards\b|\bnext\b,|\bfinally\b,?|\band hence\b|"
        r"\b(?:use|using) (?:it|that|this|the result|your answer)\b)\s*,?\s*"
        r"(?:(?:\w+\s+){0,2}?(?:double|halve|triple|square|cube|add|subtract|multiply|divide|"
        r"reverse|count|evaluate|plug|substitute|convert|decide|simplify|to simplify|half of|"
        r"twice)\b"
        r"|(?:(?:find|compute|calculate|determine|take|give|get|work out|what is|what's)\s+)?"
        r"(?:the|its)\s+(?:sum|product|difference|total|number|count|trace|determinant|square|"
        r"cube|square root|cube root|sine|cosine|tangent|real part|imaginary part|reciprocal|"
        r"perimeter|area|volume|absolute error|interest|remaining|mean|median|average|"
        r"probability)\b)"
    ),
    # ... or joined by "and": "and divide by 3", "and add them up", "and square the result",
    # "and evaluate it", "and count how many characters", "then find 25% of that"
    rx(
        r"\band\s+(?:then\s+)?(?:divide|multiply|add|subtract|square|cube|double|halve|count|"
        r"evaluate|reverse)\s+"
        r"(?:(?:it|them|that|this|the result|the answer)(?:\s+up)?\s*(?:[.?!,]|$)|"
        r"(?:it\s+|them\s+)?by\s+\d|how many\b)"
        # (not "then take the absolute value of the result": the absolute difference's own)
        r"|\b(?:then|and)\s+(?:find|compute|take|what is)\s+(?!the absolute value)"
        r"[^.?!]{0,20}?\bof (?:that|it|this|the result)\b"
        r"|\bthen\s+(?:take\s+)?(?:the|its)\s+(?:prime\s+)?factors\b"
        # "and then tell me how many divisors that GCD has"
        r"|\bthen\s+(?:tell me|let me know)\b"
        r"|\bthen\s+(?:say|state|report|list)\s+(?:how many|which|whether)\b"
    ),
    # the problem changed before it is asked: "the matrix you get after doubling every entry",
    # "if every side is halved"; or a rate on a thing: "each game takes 10 minutes", "each
    # card costs $0.25"
    rx(
        # (not "after multiplying out the brackets", an expansion's own words)
        r"\b(?:after|when)\s+(?:doubling|tripling|halving|squaring|swapping|"
        r"transposing|increasing|decreasing|reversing|removing)\s+(?:every|each|all|both|the|its|"
        r"their)\b"
        r"|\b(?:every|each|all)\s+(?:\w+\s+){0,2}?(?:is|are)\s+(?:doubled|tripled|halved|"
        r"increased|decreased|reduced|squared)\b"
        r"|\beach\s+(?:\w+\s+){0,2}?(?:takes|lasts|costs|weighs|uses|needs|holds|earns|pays)\s+"
        r"(?:about\s+|only\s+)?\$?\d"
    ),
    # a second measure of another figure, or of the same one: "the volume of a sphere ...
    # by the volume of a cube", "the area of a sector ... and the length of its arc" (the words
    # as written: a measure said twice, once misspelt, is the same measure)
    re.compile(
        r"\b(volume|area|circumference|perimeter)\s+of\b[^.?!]*?"
        r"\b(?!\1\b)(?:volume|area|circumference|perimeter)\s+of\s+(?:an?|the)\b"
        r"|\bby the (?:volume|area|circumference|perimeter) of\b"
        r"|\band\s+the\s+(?:length|area|volume|perimeter|circumference)\s+of\s+(?:its|the|that)\b",
        re.I,
    ),
    # people seated around a table, a figure cut into slices
    rx(
        r"\b(?:sit|sits|seated|seat|seating)\b[^.?!]{0,40}?\baround\b|\baround an? (?:circular|"
        r"round) table\b|\b(?:cut|divided|split|sliced)\s+into\s+\d+\b"
        r"|\bone (?:slice|piece|share)\b"
    ),
    # a condition on the answer, or a variable other than the one the exercise has:
    # "differentiate 4x^3 twice", "with respect to y", "for integer x", "x > 5", "at x = 10",
    # "what is x + 10", "such that F(0) = 5"
    rx(
        r"\b(?:differentiate|integrate)\b[^.?!]{0,60}?\b(?:twice|again|three times)\b|"
        r"\bwith respect to (?!x\b)[a-z]\b|\bfor (?:integer|positive|whole|natural|real) x\b|"
        r"\b(?:satisf(?:y|ies)|given that|provided|where)\s+x\s*(?:>|<|≥|≤|>=|<=)\s*-?\d|"
        r"\bat x\s*=\s*-?\d|\bwhat is [xy]\s*[-+*/^]|"
        r"\bF\s*\(\s*-?\d+\s*\)\s*=\s*-?\d"
    ),
    # a function's value worked on: "sin(30) squared", "sin(x)^2", "log_5(125) - 1", the
    # log of a power
    rx(
        r"\b(?:sin|cos|tan|log|ln)\s*(?:_\s*\{?\s*\d+\s*\}?)?\s*\([^()]*\)\s*(?:\^|[-+*/]\s*\d)"
        r"|\blog\b[^.?!]{0,30}?\d\s*\^\s*\d"
    ),
    # arithmetic on a bracketed operand or result: "[1,2,3] and [4,5,6] divided by 2"
    rx(r"[\])]\s*,?\s*(?:divided by|squared|cubed|plus|minus)\b"),
    # a share or a rounding no generator asks: "what fraction of the circle", "as a fraction
    # of 300", "to the nearest hundred", "after removing the largest value"
    rx(
        r"\bwhat fraction of\b|\bas a (?:fraction|percentage) of\b|"
        r"\bnearest (?:ten|hundred|thousand|million)\b(?!th)|"
        r"\bafter (?:removing|excluding|dropping|adding|deleting)\b|"
        r"\d\s*!\s*\)?\s*!|\bfactorial\s+factorial\b"
    ),
    # dice that are rolled again, or several sums at once: "rolled three times", "7 or 11",
    # "not getting a sum of 7"
    rx(
        r"\brolled\s+(?:twice|again|\w+ times)\b|\bsum (?:is|of) \d+ or \d+\b|"
        r"\bnot (?:getting|get|rolling|roll)\b"
    ),
    # a next step that points back at the first result: "Once you have that, ...",
    # "Subsequently", "with this number", "using that value as n", "plug that into",
    # "now halve it", "Step 2:", "raise 3 to that power"
    rx(
        r"\bonce you have (?:that|it|this)\b|\bsubsequently\b|"
        r"\bwith (?:that|this|the) (?:result|number|value|answer|outcome)\b|"
        r"\b(?:using|use) (?:that|this|the) (?:value|number|result|answer|outcome)\b|"
        r"\bplug (?:that|it|this)\b|\bstep 2\b|\bto that power\b|"
        r"\bnow,?\s+(?:halve|double|triple|take|find|multiply|divide|add|subtract|square|cube|"
        r"compute|calculate|use|raise|convert)\b"
    ),
    # a follow-up question after the one that asks: "? also, what is ...", "What about 20 and
    # 30?", "; plus, is the triangle ...", "Is the matrix invertible?", "Which is bigger?",
    # "How many digits does it have?", "Is that more than 200?", "and is that a fever?"
    rx(
        r"(?:\?|\b(?:find|compute|calculate|convert|solve|evaluate|determine)\b[^.?!]*[.!;])\s+"
        r"(?:and\s+|also,?\s+|plus,?\s+)?(?:is|are|does|do|what about|how many digits|"
        r"also|plus|which (?:one |number )?(?:is|was) (?:bigger|larger|smaller|greater|less))\b"
        r"[^.?!]*\?"
        r"|;\s*plus,?\s+(?:is|are|what|which)\b|\band (?:is|does) (?:that|it|this)\b"
        r"|\bwhat about\b[^.?!]*\d|\bwhat'?s the (?:area|volume|length) of (?:just )?one\b"
    ),
    # arithmetic before the task, on its result: "half of 45% of 300", "the square root of the
    # determinant", "3 more than the GCD", "twice 7!", "the reciprocal of", "increased by 50%"
    rx(
        r"\b(?:half|a quarter|quarter|a third|double|twice|triple|the square|the cube|"
        r"square root|cube root|the negative|the opposite|\d+ (?:more|less) than)\s+"
        r"(?:of\s+)?(?:the\s+|an?\s+)?"
        r"(?:gcd|hcf|lcm|greatest|highest|determinant|det|hypotenuse|volume|area|perimeter|"
        r"circumference|mean|median|product|\d+\s*%)"
        r"|\b(?:twice|double|triple|half of)\s+\d+\s*!|\bthe reciprocal of\b|"
        r"\b(?:increased|decreased|reduced|raised) by \d+\s*%|"
        r"\bgradians?\b|\bsqrt\s*\{?\s*\\?det\b"
    ),
    # in a circle, cut in half; a condition on x or on pi the generator never sets
    rx(
        r"\b(?:arranged?|arrangements?|arranging|stand|standing|sit|sitting|seated|placed|ways)\b"
        r"[^.?!]{0,40}?\bin a circle\b|\baround an? (?:campfire|table|blanket|fire)\b|"
        r"\b(?:at|around|on)\s+(?:an?\s+)?round (?:picnic )?(?:blankets?|tables?)\b|"
        r"\bcut in half\b|\beach half\b|"
        r"\bfor (?:whole numbers?|integers?|natural numbers?|positive|negative)\b|"
        r"\bover the (?:integers|naturals|reals|rationals)\b|\bx must be\b|"
        r"\b(?:π|pi)\s*(?:=|≈|as|equal to)\s*\d|\bmodulo\b|\bmod \d"
    ),
    # the method, not the value: "which formula", "what method", "the first step", "how many
    # steps", "the name of the theorem", "what does the ! mean", "how many digits"
    rx(
        r"\b(?:which|what)\s+(?:\w+\s+)?(?:formula|method|rule|theorem|identity|algorithm|"
        r"property|law)\b|\bfirst step\b|\bhow many (?:\w+ )?steps\b|\bname of the\b|"
        r"\bwhat does (?:the )?\S+ (?:in \S+ )?mean\b|\bshow me how you would\b|"
        r"\bhow many digits\b|\border of magnitude\b|\bballpark\b|\bmore or less than\b|"
        r"\bhow many times\b[^.?!]{0,40}?\b(?:go|goes|fit|fits) into\b"
    ),
    # a second question about the first one's answer: "..., and what is the total repaid?",
    # "and by how much?", "Give the difference."
    rx(
        r"\band\s+(?:what|how much)\s+(?:is|are|was|were)\s+the\s+(?:total|amount|odds|"
        r"difference|product|remaining)\b|\band by how much\b|"
        r"\band which (?:one )?(?:is|was) (?:larger|bigger|smaller|greater|less)\b|"
        r"\balso,? what is the (?:amount|total)\b|\bgive the difference\b"
    ),
    # a second task on the first one's result: "..., then give the trace of the product",
    # "factor ... and give the sum of the absolute values of its roots"
    rx(
        r"\b(?:then|and)\s+(?:give|find|compute|calculate|determine|state|report|take|add up)\s+"
        r"the\s+(?:sum|product|difference|trace|determinant|mean|average|total|ratio|number|"
        r"count|reciprocal)\s+of\s+(?:the\s+|its\s+|their\s+|this\s+|that\s+|these\s+|both\s+)"
        r"(?:\w+\s+){0,2}?(?:product|result|roots?|solutions?|answers?|matri(?:x|ces)|entries|"
        r"values|sum|difference|quotient|digits)\b"
    ),
]


# Rates and prices: "2 minutes reading each page", "6 hours a day", "60 km/h", "$7 per
# metre", "pies at $9 each". No generator subtopic has one, so a reading that uses a
# rate's number as an operand answers another question; a rate in a persona's chatter
# ("we train 5 days a week") is harmless once the story's numbers are set aside.
_RATE = rx(
    r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*(?:[a-z]+\s+){0,2}?(?:per|an?|each|every|for each)\s+"
    r"(?:hour|day|week|month|minute|second|person|page|item|student|child|kid|book|box|bag|"
    r"ticket|kilogram|kg|km|kilometre|kilometer|mile|litre|liter|gallon|metre|meter)s?\b"
    r"|(?<![\w.])(?P<speed>\d+(?:\.\d+)?)\s*(?:km/h|mph|kph|km per hour|miles per hour)"
    r"|(?:\$\s*|(?<![\w.]))(?P<price>\d+(?:\.\d+)?)\s*(?:dollars?|cents?|euros?|pounds?)?"
    r"\s*(?:per|each|apiece|for each|every)\b"
)
# a share of what the story counted: "each of the other pages"
_EACH_OF = rx(r"\beach of the (?:other|remaining)\b")


def rates(text: str) -> set[str]:
    """The numbers of ``text`` that are only ever rates or prices (``_RATE``): a value that
    also stands on its own elsewhere ("train 5 days a week ... sides 5 and 19") may be an
    operand there."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _RATE.finditer(text):
        name = next(k for k, v in m.groupdict().items() if v)
        spans.setdefault(m.group(name), []).append(m.span(name))
    only = set()
    for value, inside in spans.items():
        alone = re.finditer(rf"(?<![\w.]){re.escape(value)}(?![\d.]*\d)", text)
        if all(m.span() in inside for m in alone):
            only.add(value)
    return only


# Lengths as given beside a number ("5 cm", "3m^2") and as asked for ("in metres"), by name
_LENGTH_UNITS = {
    **dict.fromkeys(["mm", "millimetre", "millimetres", "millimeter", "millimeters"], "mm"),
    **dict.fromkeys(["cm", "centimetre", "centimetres", "centimeter", "centimeters"], "cm"),
    **dict.fromkeys(["m", "metre", "metres", "meter", "meters"], "m"),
    **dict.fromkeys(["km", "kilometre", "kilometres", "kilometer", "kilometers"], "km"),
    **dict.fromkeys(["inch", "inches"], "in"),
    **dict.fromkeys(["ft", "foot", "feet"], "ft"),
}
_UNIT_NAME = "|".join(sorted(_LENGTH_UNITS, key=len, reverse=True))
_GIVEN_UNIT = re.compile(rf"\d\s*({_UNIT_NAME})(?![\w])", re.I)
_ASKED_UNIT = re.compile(rf"\bin (?:square |cubic |sq\.? )?({_UNIT_NAME})(?![\w])", re.I)


def _converts_units(text: str) -> bool:
    """Whether ``text`` gives its lengths in one unit and asks the answer in another ("sides
    5 cm, in metres"): no generator converts units."""
    given = {_LENGTH_UNITS[m.group(1).lower()] for m in _GIVEN_UNIT.finditer(text)}
    asked = {_LENGTH_UNITS[m.group(1).lower()] for m in _ASKED_UNIT.finditer(text)}
    return bool(given) and bool(asked - given)


def word_problem(text: str) -> bool:
    """Whether ``text`` asks for reasoning about a situation (``_WORD_PROBLEM``), or for a
    unit the problem is not given in."""
    return (
        _EACH_OF.search(text) is not None
        or any(p.search(text) for p in _WORD_PROBLEM)
        or _converts_units(text)
    )


# ------------------------------------------------------------------ a story before the question

# A sentence ends at . ? ! before a space, but not in "e.g.", "i.e.", "vs.", after one
# capital ("matrix A. ") or at a factorial ("what 6! equals").
_SENTENCE_END = re.compile(
    r"(?:(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)(?<![^\w][A-Z])[.?]+|(?<![\d)}])!+)"
    r"[!?.]*[\"')\]]*(?:\s+|$)"
)
# Where a story hands over to its question inside one sentence: "..., so here goes: is 30
# composite?", "I'm curious — what is ...", "Anyway, what is ..."
_HANDOVER = re.compile(
    r"(?::|;|\s—|\bso\b,?|\banyway\b,?|\bhere goes\b|\bmy question is\b)\s+"
    r"|,\s+(?=(?:what|what's|whats|which|how|can|could|would|will|is|are|does|do|find|"
    r"compute|calculate|determine|evaluate|work out|tell me|please)\b)"
    # "..., I need to know what 81% of 50 is", "..., I'd like to find ..."
    r"|,\s+(?=(?:I|I'd|I'm|we)\s+(?:need|want|would like|like|wonder|have|am trying|are trying)"
    r"\s+(?:to\s+)?(?:know|find|figure out|work out|check|compute|calculate|determine)\b)",
    re.I,
)
# ... or where a persona's clause about themselves gives way to the problem: "I've made 40
# quilts, and my newest uses a triangle with sides ...". Only after a first-person clause: in
# a word problem's "leaves 10:40, arrives 14:05, and spent 25 minutes ..." the clauses are
# one situation.
_PERSONA_AND = re.compile(r",\s+(?:and|but)\s+")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|Im|my|me|we|our)\b")
# Numbers that say how to answer, not what: "to 2 decimal places", "3 significant figures"
_FORMAT_NUMBER = re.compile(
    r"\b\d+\s*(?:decimal(?:s| places?)?|d\.?p\.?(?!\w)|significant|sig\.? ?figs?|places?)\b",
    re.I,
)
_DIGIT_RUN = re.compile(r"\d+")


def _runs(text: str) -> set[str]:
    return set(_DIGIT_RUN.findall(_FORMAT_NUMBER.sub(" ", text)))


# "a 2x2 matrix", "A (8 * 3) has rows", "a 3-by-3 grid": the shape of an operand
_DIMENSIONS = re.compile(
    r"\(?\b\d+\s*(?:x|\*|-?by-?)\s*\d+\b\)?(?=\s*(?:\(|matri|grid|has\b|\)))", re.I
)
# "2 linear equations", "3 angles", "these 2 big guys", "the following 2 matrices": how
# many operands there are, a small number before a word the readers know or after a
# pointing word. A unit is a measurement, not a count ("7 years", "3 metres").
_COUNT = re.compile(r"\b(?:[1-9]|1[0-2])\s+(?:[A-Za-z]+[ -])?([A-Za-z]{4,}s)\b")
_POINTED = re.compile(
    r"\b(?:these|those|the following|following|both of these)\s+(?:[1-9]|1[0-2])\b", re.I
)
_UNITS = frozenset(
    _words(
        """
        years months weeks days hours minutes seconds degrees radians metres meters
        centimetres centimeters millimetres millimeters kilometres kilometers inches feet
        yards miles dollars cents euros pounds units litres liters grams kilograms times
        """
    )
)
_known_nouns: dict[str, bool] = {}


def _operand_noun(word: str) -> bool:
    """Whether a reader's pattern knows ``word`` ("angles", "matrickes") and it is no unit."""
    word = word.lower()
    if word in _UNITS:
        return False
    if word not in _known_nouns:
        known = vocabulary().words
        _known_nouns[word] = bool({word, word[:-1], word[:-2]} & known) or any(
            _starts_a_word(p, word) for e in _READERS for p in e.cues
        )
        if len(_known_nouns) > 4096:
            _known_nouns.clear()
    return _known_nouns[word]


def _pointer(m: re.Match[str]) -> str:
    """The pointing word without its count: "these 2" -> "these"."""
    return m.group(0).rstrip("0123456789").rstrip()


def _structure(text: str) -> str:
    """``text`` without the numbers that say how many operands there are or their shape."""
    text = _POINTED.sub(" ", _DIMENSIONS.sub(" ", text))
    return _COUNT.sub(lambda m: " " if _operand_noun(m.group(1)) else m.group(0), text)


MAX_TAILS = 5  # question parts read alone, at most, for one text (and at most twice its text)
# Words that gather what the story counted into the question ("the combined volume",
# "each of them", "altogether"): with them, the story's numbers are never set aside.
_GATHERS = rx(
    r"\b(?:combined|altogether|together|in total|in all|all of them|both of them|each of them|"
    r"each one|each is|each has|each costs|their total|sum of (?:their|all)|put together)\b"
)


def _tails(text: str) -> list[int]:
    """Where a question part may begin, the shortest first: each later sentence, and each
    handover inside a sentence ("..., so here goes: is 30 composite?", "she asked me
    this: what is ...", a persona's ", and": ``_PERSONA_AND``). Position 0 (the whole
    text) is not one."""
    starts = {m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)}
    starts |= {m.end() for m in _HANDOVER.finditer(text) if len(text[m.end() :].split()) >= 3}
    for m in _PERSONA_AND.finditer(text):
        clause = text[: m.start()]
        begun = max((e.end() for e in _SENTENCE_END.finditer(clause)), default=0)
        if _FIRST_PERSON.search(clause, begun) and len(text[m.end() :].split()) >= 3:
            starts.add(m.end())
    return sorted((t for t in starts if t > 0), reverse=True)


def _gathers(text: str, start: int) -> bool:
    """Whether the question gathers what the story counted (``_GATHERS``); a story's own
    "together" ("we're building a model together") gathers nothing."""
    return any(
        m.start() >= start or m.group(0).lower() != "together" for m in _GATHERS.finditer(text)
    )


# A sentence before a question part that already asks, with numbers: the question came
# first, and what follows it is a remark, however well it reads alone
_ASKED_BEFORE = rx(
    r"(?:^|[.!?]\s+)\W*(?:differentiate|integrate|find|compute|calculate|evaluate|solve|simplify|"
    r"expand|factori[sz]e|what is|what's|whats)\b[^.?!]{0,200}?\d[^?!]{0,200}?(?:\?|[.!](?=\s|$))"
)
# A number named as what a problem measures: "radius 24", "Radius: 68 m", "a side of 7",
# "height = 12", "angles 50° and 60°". In a story before the question it is an operand,
# whatever the question part reads alone.
_OPERAND_LABEL = rx(
    r"\b(?:radius|radii|diameter|side|sides|edge|height|length|width|base|bases|leg|legs|"
    r"hypotenuse|slant height|apothem|angle|angles|principal|rate|time period|"
    r"observed value|exact value|coordinates?|points?|vertices)\b"
    r"\s*(?:of\s+|is\s+|are\s+|=\s*|:\s*|measures?\s+|measuring\s+)?(?:about\s+)?"
    r"(-?\d+(?:\.\d+)?)"
)


def _labelled_operand(story: str) -> set[str]:
    """The numbers of ``story`` named as a measured quantity (``_OPERAND_LABEL``)."""
    return {m.group(1).lstrip("-").split(".")[0] for m in _OPERAND_LABEL.finditer(story)}


def _incidental(story: str, question: str) -> set[str]:
    """The numbers of the story that the question part does not repeat, structure aside."""
    return _runs(_structure(story)) - _runs(question)


def _read_told(n: Normalised) -> Reading | None:
    """Read ``n``; when a story comes before its question, make sure the story's numbers
    are either the problem's or incidental, never half of each.

    A question part is a tail of the text that starts where a sentence starts or where a
    story hands over to its question inside one (``_tails``); the shortest that reads
    alone is taken. The story's numbers that
    a question part does not repeat (``_incidental``) are set aside only when that part
    alone reads, unambiguously. Its reading is the answer when the whole text reads the
    same, reads nothing, reads it more weakly (a neighbour whose operands the story did not
    disturb), or leaned on an incidental number; otherwise the story said something the
    question needs, and nothing is certain. When no question part reads alone, the story
    is part of the problem, and the whole text's reading stands only if it uses every
    number of the sentences before the one that asks: a quantity left unused is part of a
    situation the reading ignored ("arrives 14:05, and spent 25 minutes stopped").
    """
    whole = _read(n)
    tails = _tails(n.text)
    if not tails:
        return whole
    story = _incidental(n.text[: tails[0]], n.text[tails[0] :])
    if whole is not None and not story:
        return whole
    budget = 2 * len(n.text)  # the question parts read cost about two more whole readings
    for start in tails[:MAX_TAILS]:
        budget -= len(n.text) - start
        if budget < 0:
            break
        if _labelled_operand(n.text[:start]) - _runs(n.text[start:]):
            continue  # "a circle with radius 24. ... I've got 9 more laps": 24 is no story's
        if _ASKED_BEFORE.search(n.text[:start]):
            continue  # "Differentiate x^3 + 2x. (I already integrated x^3 + 2x.)": asked first
        alone = _read(replace(n, text=n.text[start:].strip()))
        if alone is None:
            continue
        if _gathers(n.text, start):
            break  # "each is a cube ...: the combined volume": the story is counted in
        if whole is None or whole.answer.answer == alone.answer.answer:
            return alone
        leaned = _incidental(n.text[:start], n.text[start:]) & _runs(whole.answer.problem)
        return alone if leaned or alone.score > whole.score else None
    # the sentences before the one that asks: numbers beside the question in its own
    # sentence ("Using V = 1/3 pi r^2 h, what's its volume?") are the readers' business
    asks = _asking_sentence(n.text)
    before = _incidental(n.text[:asks], n.text[asks:])
    if whole is None or not _chatter(n.text[:asks], before - _runs(whole.answer.problem)):
        return None  # the story has numbers, and the reading did not use them all
    return whole


# A persona's own count in a first-person sentence: "with 22 years on the job", "my 3 kids",
# "a 10-year-old", "my 4th project", "since 1995". It tells who asks, not what: no
# subtopic needs it.
_ABOUT_ME = rx(
    r"(?<![\w.])(?P<n>\d+)[- ]?(?:years?|year-old|yrs?|months?|weeks?|kids|children|sons?|"
    r"daughters?|nieces?|nephews?|grandkids|grandchildren|grandsons?|granddaughters?|"
    r"siblings|brothers|sisters|friends|students|pupils|cats|dogs|pets)\b"
    r"|(?<![\w.])(?P<nth>\d+)(?:st|nd|rd|th)\b"
    r"|\b(?:since|in|from|back in)\s+(?P<year>1[89]\d\d|20\d\d)\b"
    # an age: "who is 78", "I turned 60", "aged 45" (not "is 78 + 5")
    r"|\b(?:who is|who's|aged?|turned|turning|i am|i'm)\s+(?P<age>\d{1,3})\b(?!\s*[-+*/^=%.,]\s*\d)"
)


# Where the question comes from, in any sentence: "section 3, problem 12", "page 3",
# "problem set 2", "lab 3", "week 3", "room 204", "6th grade", "Q6 (3 marks)". A label,
# never an operand: it is not followed by arithmetic.
_LABEL = rx(
    r"\b(?:page|pages|pg|problem set|problem|question|exercise|ex|section|chapter|lab|"
    r"week|lesson|worksheet|sheet|homework|hw|task|room|period|lecture|grade)\s*(?:(?:#|no\.?)\s*)?"
    r"(?P<label>\d{1,4})\b(?![.,]\d|\s*[-+*/^=×÷%]|\s*(?:x|by)\s*\d)"
    r"|(?<![\w.])(?P<grade>\d{1,2})(?:st|nd|rd|th)[- ]grade\b"
    r"|\((?P<marks>\d{1,2})\s*(?:marks?|points?|pts)\)"
)


def _its_number(m: re.Match[str]) -> str:
    """The number of a ``_LABEL`` or ``_ABOUT_ME`` match: the one named group that matched
    (each alternative has one; the first is group 1)."""
    return m.group(m.lastgroup or 1)


def _without_number(m: re.Match[str]) -> str:
    """A ``_LABEL`` or ``_ABOUT_ME`` match without its number: "page 3" -> "page "."""
    return m.group(0).replace(_its_number(m), "")


def _chatter(story: str, unused: set[str]) -> bool:
    """Whether every number the reading left unused is a persona's own count (``_ABOUT_ME``)
    in a sentence that says "I", "my" or "we", or a label of where the question comes
    from (``_LABEL``)."""
    if not unused:
        return True
    mine = {_its_number(m) for m in _LABEL.finditer(story)}
    for sentence in _SENTENCE_END.split(story):
        if _FIRST_PERSON.search(sentence):
            mine |= {_its_number(m) for m in _ABOUT_ME.finditer(sentence)}
    return unused <= mine


# A story that restricts what the question counts or asks
_STORY_RESTRICTS = rx(
    r"\b(?:at least|at most|must|insist|always|never|together|apart|exactly|only|include|"
    r"exclude|without|except|no more than|no fewer than|instead)\b"
)
_COUNTS = rx(r"\bhow many\b|\bways\b|permutation|combination|arrange|choose|probabilit|chance")
# The asking sentence pointing into the story: "of them", "those", "the rest", "that amount"
_REFERS_BACK = rx(
    r"\b(?:of them|of those|those|the rest|the remaining|that (?:amount|number|many|much)|"
    r"this amount|such|same|it all|each|left|more|fewer|remain)\b"
)


def _asking_sentence(text: str) -> int:
    """Where the last sentence that asks (has "?", or else numbers) begins."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)]
    bounds = list(zip(starts, [*starts[1:], len(text)], strict=True))
    asking = [a for a, b in bounds if "?" in text[a:b]]
    asking = asking or [a for a, b in bounds if _DIGIT_RUN.search(text[a:b])]
    return asking[-1] if asking else 0


# ------------------------------------------------------------------ misspellings


_vocab_lock = threading.Lock()
_vocab: tuple[int, Vocabulary] | None = None


def _starts_a_word(pattern: re.Pattern[str], word: str) -> bool:
    """Whether ``pattern`` matches at the start of ``word`` standing alone: the pattern's
    own word, not the tail of a misspelling it spells out letter by letter."""
    found = pattern.search(f" {word} ")
    return found is not None and found.start() == 1


# After a word: its plural or an optional ending, then a word boundary ("percent\b",
# "cubes?\b", "intersect(?:ion)?\b"): the pattern uses it as a whole word.
_ENDS_WORD = re.compile(r"\)*(?:e?s\??|\(\?:[a-z|]+\)\?)?\\b")


def _whole_in(pattern: str, word: str) -> bool:
    """Whether ``pattern`` (compiled by ``rx``) uses ``word`` as a whole word."""
    loosened = f"(?:{word}|{GAP.join(word)})"
    at = pattern.find(loosened)
    while at >= 0:
        if _ENDS_WORD.match(pattern, at + len(loosened)):
            return True
        at = pattern.find(loosened, at + 1)
    return False


def vocabulary() -> Vocabulary:
    """The words of the readers' patterns and of the generator's sentences (recognizers)."""
    global _vocab
    size = len(_READERS) + len(registered())
    with _vocab_lock:
        if _vocab is None or _vocab[0] != size:
            words = {
                word.lower()
                for entry in _READERS
                for p in (*entry.cues, *entry.avoid, *entry.need)
                for word in words_of([p.pattern])
                if _starts_a_word(p, word)
            }
            words |= {w.lower() for rec in registered() for w in words_of([rec.pattern.pattern])}
            whole = {
                word
                for entry in _READERS
                for p in (*entry.cues, *entry.avoid, *entry.need)
                for word in words_of([p.pattern])
                if _whole_in(p.pattern, word)
            }
            _vocab = (size, Vocabulary(words, whole))
        return _vocab[1]


def _named(n: Normalised) -> Normalised:
    """``n`` with a misspelt ``Subtopic:`` label put right, when one subtopic is that near."""
    hint = n.subtopic_hint
    if hint is None:
        return n
    names = {entry.subtopic for entry in _READERS}
    if any(hinted_as(n, name) for name in names):
        return n
    limit = 2 if len(hint) < 12 else 3
    near = [name for name in names if edit_distance(hint, name, limit) <= limit]
    return replace(n, subtopic_hint=near[0]) if len(near) == 1 else n


# "(period 3, ugh)", "(room 204, 8am lecture)": a number among words, without a sign of
# mathematics (an operator, a list of numbers, a point) inside the brackets
_ASIDE = re.compile(r"\s*\((?=[^()]*\d)(?=[^()]*[A-Za-z]{3})([^()=^*/+×÷<>|\\]{3,80})\)")
_NUMBER_LIST = re.compile(r"^\s*-?[\d.]+(?:\s*,\s*-?[\d.]+)+\s*$")


def _without_asides(text: str) -> str:
    """``text`` without its bracketed asides that carry numbers (``_ASIDE``)."""

    def drop(m: re.Match[str]) -> str:
        return m.group(0) if _NUMBER_LIST.match(m.group(1)) else " "

    return " ".join(_ASIDE.sub(drop, text).split())


# How to round, said where the generator says nothing: "rounded to 2 decimal places", "to
# the nearest tenth", "to one decimal place". Set aside for a second reading; its answer
# must then already be that precise (``_as_precise``): a question asking for three places
# where the generator prints two is another question.
PRECISION = rx(
    r"(?<!\s)\s*(?:\(\s*)?(?:,\s*)?"
    r"(?:\b(?:rounded|round|rounding|correct|accurate|approximately|accurately)\s+)?"
    r"(?:\b(?:off\s+)?to\s+)?(?:\b(?:the\s+)?nearest\s+(?P<word>whole number|integer|tenth|"
    r"hundredth|thousandth)|\b(?P<places>[0-9])\s*(?:decimal places?|decimals?|d\.\s?p\.?|dp|"
    r"places))\b\s*\)?"
)
_NEAREST = {"whole number": 0, "integer": 0, "tenth": 1, "hundredth": 2, "thousandth": 3}
_DECIMAL = re.compile(r"\d\.(\d+)")
# A restatement of what was asked, with numbers of its own: "Evaluate 4!, i.e. 4 * 3 * 2 *
# 1.", "Convert 4.47 radians to degrees, using deg = rad * 180/pi."
_RESTATED = re.compile(
    # (each alternative starts at a run of spaces' first one: a start inside a long run
    # would scan the rest of it, and the next start again)
    r"(?<!\s)\s*(?:,\s*)?"
    r"(?:\bi\.\s?e\.,?|\bthat is,|\bwhich works out (?:as|to)\b|\busing\b(?=[^.?!]*=))"
    r"[^.?!]*?(?=\s*(?:[.?!](?:\s|$)|$))"
    # ... or how to write the answer, by its prefix: "Give your answer with the 0x prefix."
    r"|(?<!\s)\s*(?:[,.;]\s*)?\b(?:give|write|answer|put|use|in)\b[^.?!]*?(?<![\w.])0[xob](?:\.\.\.)?(?!\w)[^.?!]*"
    # ... or a labelled hint among the givens: "Rule: 38^(10-5) = 38^5;", "Formula: V = s^3"
    r"|(?<!\s)\s*(?:[,;]\s*)?\b(?:rules?|hints?|formulas?|formulae|notes?|recall|reminder|tips?|identity|law)"
    r"\s*:(?:[^;?!.]|\.(?=\d))*",
    re.I,
)


def _without_precision(text: str) -> str:
    return PRECISION.sub(" ", text)


def _places_asked(text: str) -> int | None:
    """The one precision ``text`` asks for (``PRECISION``); None for none or several."""
    asked = {
        int(m.group("places")) if m.group("places") else _NEAREST[m.group("word").lower()]
        for m in PRECISION.finditer(text)
    }
    return asked.pop() if len(asked) == 1 else None


def _as_precise(answer: str, places: int) -> bool:
    """Whether the decimals of ``answer`` are rounded as asked: to ``places`` places, or
    fewer for the generator's usual two (it drops trailing zeros: 0.40 prints 0.4); a whole
    number asked, a float's ``.0`` is fine. A fraction is never a rounded decimal ("as a
    decimal to 4 places" where the generator answers \\frac{5}{36})."""
    if places > 0 and re.search(r"\\frac|\d\s*/\s*\d", answer):
        return False
    for m in _DECIMAL.finditer(answer):
        shown = len(m.group(1))
        if places == 0 and set(m.group(1)) == {"0"}:
            continue
        if shown > places or (shown < places and places != 2):
            return False
    return True


def _without_restatement(text: str) -> str:
    return _RESTATED.sub(" ", text)


def _without_chatter(text: str) -> str:
    """``text`` without the persona's own counts (``_ABOUT_ME``) in its first-person
    sentences ("My 2 nieces asked me whether ..." -> "My nieces asked me whether ...") and
    without the numbers of labels in any sentence (``_LABEL``: "page 3", "problem 12")."""
    out = []
    for sentence in re.split(r"(?<=[.?!;])\s+", text):
        sentence = _LABEL.sub(_without_number, sentence)
        if _FIRST_PERSON.search(sentence):
            sentence = _ABOUT_ME.sub(_without_number, sentence)
        out.append(sentence)
    return " ".join(out)


# A closing remark after the question, with a count of its own: "I've got 9 more laps after
# this!", "3 more hours to go", "*Madame Zora has 13 more readings booked tonight.*"
_CLOSING_COUNT = rx(
    r"\b\d+\s+(?:[a-z]+\s+)?(?:more|other|left|to go|remaining)\b"
    r"|\bat \d{1,2}(?::\d\d)?\s*(?:am|pm|tomorrow|today|tonight|o'clock)\b"
    # ... or things counted: "before your 3 warm-up sprints!", "Ben has 2 piggy banks to fill"
    r"|\b\d+\s+(?:[a-z]+[- ]){0,2}(?!(?:met(?:er|re)s|inches|feet|degrees|units|seconds|minutes|"
    r"hours|days|weeks|months|years|dollars|cents|percent|points|terms|times|sides)\b)[a-z]{3,}s\b"
)


# A sentence after the question that sets a condition or changes it ("4 candidates are
# excluded", "2 discounts apply", "use 3 more digits of pi"): never a closing remark
_CONDITION = rx(
    r"\b(?:must|required?|exactly|exclud\w*|includ\w*|identical|instead|actually|swap\w*|use|"
    r"using|only|cannot|can't|won't|not|no|each|per|if|apply|applies|discounts?|withdr\w*|"
    r"extra|additional|also|already|except|without|at least|at most|total|digits?|percent|"
    r"subtract|add|divide|multiply|times|plus|minus)"
    r"\b|%"
)
_ASKS = rx(
    r"\b(?:find|compute|calculate|determine|evaluate|convert|simplify|solve|what|how)\b"
    r"[^!?]{0,400}?[.!?]:?(?=\s|$)"
)


def _without_closing(text: str) -> str:
    """``text`` without the sentences after its last question mark that only count what
    is still to do or what the asker has (``_CLOSING_COUNT``), naming no operand."""
    asked = text.rfind("?")
    if asked < 0:  # no question mark: the end of the last sentence that asks ("Find ...")
        ends = [m.end() for m in _ASKS.finditer(text)]
        asked = ends[-1] - 1 if ends else -1
    if asked < 0:
        return text
    tail = re.split(r"(?:(?<=[.?!;*:])|(?<=[.?!;*][)\"'\]]))\s+", text[asked + 1 :])
    kept = [
        s
        for s in tail
        if not _CLOSING_COUNT.search(s) or _OPERAND_LABEL.search(s) or _CONDITION.search(s)
    ]
    return text[: asked + 1] + " " + " ".join(kept)


# Where a restatement may begin: a sentence, a dash, a bracket, "i.e.", "that's", "vs"
_PIECE = re.compile(r"(?<=[.?!;])\s+|\s+—\s+|\s+-\s+(?=[A-Za-z])|\bthat's\b|\bvs\.?\s|\bi\.e\.,?")
# a number, maybe with its unit glued on ("24m"), not a matrix's "3A" nor part of a longer one
_VALUE = re.compile(r"(?<![\w.^/])-?\d+(?:\.\d+)?(?![\dA-Z_]|\.\d)(?!\s*/\s*\d)")


# a bracket of words and numbers is a piece of its own; one of mathematics ("(3x + 2)") is not
_WORDS_BRACKET = re.compile(r"\((?=[^()]*[A-Za-z]{2})[^()=+*/^<>]*\)")


# a second task after the first: "...; then subtract 100", "— and 100 F to Celsius"
_ASKS_MORE = rx(
    r"\b(?:then|after that|and also|as well as|square it|cube it|double it|halve it)\b"
    r"|;\s*\w+\s+-?\d|—\s*and\b"
)


def _pieces(text: str) -> list[str]:
    cuts = {0, len(text), *(m.end() for m in _PIECE.finditer(text))}
    for m in _WORDS_BRACKET.finditer(text):
        cuts |= {m.start(), m.end()}
    ordered = sorted(cuts)
    return [text[a:b] for a, b in zip(ordered, ordered[1:], strict=False)]


def _values(piece: str) -> set[str]:
    return {m.group(0) for m in _VALUE.finditer(piece)}


def _without_repeats(text: str) -> str:
    """``text`` with a piece that only says again numbers said before it left without them:
    "84 degrees C, 84.", "(eighty four)", a story after the question that names its radius
    again. A piece is cut at sentence ends, semicolons, dashes, brackets of words, "that's"
    and "i.e."; every number of a later piece must have been said in one piece before it
    (``_restates``)."""
    said: list[set[str]] = []
    out: list[str] = []
    for piece in _pieces(text):
        values = _values(piece)
        if values and any(_restates(values, before) for before in said):
            # after "that's", "i.e." or "I mean" the whole piece says it again, in words and
            # symbols alike ("That's negative eight plus one j, times ..."): none of it is kept
            marked = _RESTATES_HERE.match(piece) is not None or (
                bool(out) and _RESTATES_NEXT.search(out[-1]) is not None
            )
            piece = " " * len(piece) if marked else _VALUE.sub(" ", piece)
        said.append(values)
        out.append(piece)
    return "".join(out)


_RESTATES_NEXT = re.compile(r"(?:\bthat's|\bi\.e\.,?)\s*$", re.I)
# a piece that opens by saying it again: "That's ...", "i.e. ...", "I mean |63 - (-35)|, ..."
_RESTATES_HERE = re.compile(
    r"\s*(?:that's|i\.e\.,?|i mean|in other words,?|that is,|in symbols,?)\s", re.I
)


def _restates(values: set[str], other: set[str]) -> bool:
    """Whether a piece with ``values`` says again what a piece with ``other`` said: all of
    them, and one value alone only from a piece of at most two ("3A" after a matrix with a 3
    in it says something new)."""
    return values <= other and (len(values) >= 2 or len(other) <= 2)


def _without_first_saying(text: str) -> str:
    """``text`` with a piece whose numbers are all said again after it left without them:
    "68 percent of 46 laps — what is 68% of 46?" keeps the question's own numbers."""
    pieces = _pieces(text)
    said = [_values(piece) for piece in pieces]
    out = []
    for k, piece in enumerate(pieces):
        again = said[k] and any(_restates(said[k], after) for after in said[k + 1 :])
        out.append(_VALUE.sub(" ", piece) if again else piece)
    return "".join(out)


def _read_plainer(n: Normalised) -> Reading | None:
    """Read ``n`` again without what only dresses the question, one layer at a time: a
    closing count after the question ("3 more to go!"), a bracketed aside about the asker
    ("(page 14)", "(due in 2 days!!)"), the asker's own counts ("my 2 nieces", "my 4th
    project"), then an instruction on rounding, then a restatement ("i.e. 4 * 3 * 2 * 1",
    "using V = 1/3 l w h"); then, apart, numbers said twice (``_without_repeats``, else
    ``_without_first_saying``)."""
    tried = n.text
    layers = (
        _without_closing,
        _without_asides,
        _without_chatter,
        _without_precision,
        _without_restatement,
    )
    for strip in layers:
        text = " ".join(strip(tried).split())
        if text == tried:
            continue
        tried = text
        if word_problem(text) or unsure_sign(text):
            return None
        found = _read_told(replace(n, text=text))
        if found is not None:
            return found
    # numbers said twice: the later saying set aside, or else the earlier one (not when the
    # text goes on to ask more: "convert 100 C to F; then subtract 100")
    if _ASKS_MORE.search(tried):
        return None
    for strip in (_without_repeats, _without_first_saying):
        text = " ".join(strip(tried).split())
        if text == tried or word_problem(text) or unsure_sign(text):
            continue
        found = _read_told(replace(n, text=text))
        if found is not None:
            return found
    return None


def read_question(question: str) -> EngineAnswer | None:
    """Answer a persona paraphrase of a generator problem, or None when unsure."""
    _this_question.memo = {}
    try:
        return _read_question(question)
    finally:
        _this_question.memo = None


def _read_question(question: str) -> EngineAnswer | None:
    text = admit(question)
    if text is None:
        return None  # 100 KB texts, 5,000-digit numbers, numbers split by "\u200b" (core.admit)
    if multiple_choice(text):
        return None
    n = normalise(text)
    if n is None or unsure_sign(n.text):
        return None
    # "these 2 vectors", "the following 3 numbers": how many operands follow, never one
    n = _named(replace(n, text=_POINTED.sub(_pointer, n.text)))
    # the received text too: "$" is gone from the normalised one (a math delimiter there)
    if word_problem(n.text) or word_problem(text):
        past = _past_the_story(n)
        return None if past is None else _checked(past, n, text)
    found = _read_told(n)
    # misspelt words put right ("intrest", "cilinder", "piime"): the repaired text is read
    # too, and when both read, they must agree (a slip in an avoided word, "piime factors",
    # lets a neighbour read the text as written)
    fixed = repair_words(n.text, vocabulary())
    if fixed != n.text:
        # a repaired word may be one the normaliser reads ("four squaryed" -> "4^2")
        again = normalise(fixed)
        fixed = fixed if again is None else again.text
    if fixed != n.text and not unsure_sign(fixed) and not word_problem(fixed):
        repaired = _read_told(replace(n, text=fixed))
        if repaired is not None:
            if found is not None and found.answer.answer != repaired.answer.answer:
                return None
            found = repaired
    if found is None:
        found = _read_plainer(n)
    return None if found is None else _checked(found, n, text)


def _checked(found: Reading, n: Normalised, text: str) -> EngineAnswer | None:
    """The reading's answer, unless a rate is its operand or it is not rounded as asked."""
    if (rates(n.text) | rates(text)) & _runs(found.answer.problem):
        return None  # a rate or a price read as an operand: a word problem
    places = _places_asked(n.text)
    if places is not None and not _as_precise(found.answer.answer, places):
        return None  # "to the nearest tenth" where the generator prints 78.54
    return found.answer


def _past_the_story(n: Normalised) -> Reading | None:
    """The reading of the sentence that asks, when only the persona's story before it sounds
    like a word problem ("I've been hung up on at least 4 times already. ... what is the
    harmonic mean of 100, 88, 54, 80?"): the story must speak in the first person and
    restrict nothing ("at least", "must"), and the asking sentence must read alone and
    gather nothing of the story ("together", "each of them", "those")."""
    start = _asking_sentence(n.text)
    story, question = n.text[:start], n.text[start:].strip()
    if not start or not _FIRST_PERSON.search(story) or word_problem(question):
        return None
    if _STORY_RESTRICTS.search(story) and _COUNTS.search(question):
        return None  # "I need at least 2 girls on my team. How many ways ...": the story counts
    if _gathers(n.text, start) or _REFERS_BACK.search(question):
        return None
    return _read_told(replace(n, text=question))
