"""The engine's machinery: read a question, find the family that knows it, answer.

A family module registers ``Recognizer``s: a regular expression over the
problem text (validator wrapper and ``$`` signs removed, whitespace folded)
and a parse of its match into the subtopic's typed problem
(``logicnet.engine.problem``), which the subtopic's solver answers in the
generator's own convention. A parse says ``None`` (or raises ``Unreadable``)
when the text is not what it expected, so the engine never guesses.

Validators may insert one random letter into one word (docs/network.md §6b). When no
recognizer matches, the engine removes one letter from a word it does not
know, if that yields a word some recognizer's pattern uses, and tries again.

Text enters the engine through ``admit``, on both paths (these recognizers and the
paraphrase readers): invisible format characters (zero-width spaces and joiners, soft
hyphens, bidi marks) are removed between words, and a number they split is refused, so
"2^9\u200b99" is never read as 2^9. Sizes are checked against ``logicnet.engine.bounds``.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from logicnet.engine.bounds import MAX_DEPTH, MAX_NUMBER_DIGITS, MAX_QUESTION_CHARS, MAX_REPAIRS
from logicnet.engine.problem import TypedProblem, Unreadable, subtopic_of

__all__ = [
    "MAX_NUMBER_DIGITS",
    "MAX_QUESTION_CHARS",
    "EngineAnswer",
    "GENERATOR",
    "PLAIN",
    "Parse",
    "Problem",
    "Recognizer",
    "admit",
    "answer_problem",
    "bounded",
    "hinted",
    "GAP",
    "loosen",
    "parse_problem",
    "plain_only",
    "register",
    "registered",
    "solve_text",
    "strip_invisible",
    "typed_problem",
]


@dataclass(frozen=True)
class Problem:
    text: str  # the problem alone, `$` removed, whitespace folded
    topic_hint: str | None = None  # "basic_math", from a "Topic: Basic math" wrapper
    subtopic_hint: str | None = None


@dataclass(frozen=True)
class EngineAnswer:
    topic: str  # "algebra/basic_algebra"
    answer: str  # exactly what the generator would print, without `$`
    reasoning: str
    problem: str = ""  # the problem in the generator's wording, as the engine solved it
    # The plain mathematical value, where the generator's convention answers otherwise
    # (mathgenerator 1.5.0's quirks: "3x + 7 = 22" answers 15, the plain x is 5); "" when
    # the two agree.
    plain: str = ""
    # Which convention ``answer`` follows: GENERATOR for operands the generator draws,
    # PLAIN for the others (no generator asked it: docs/conventions.md)
    convention: str = "generator"
    # why, in a few words: "c = 19 is outside the generator's range 1..10"; for the
    # generator's convention, what its question hides ("its question hides the number"),
    # when no one can know the answer it scores; "" otherwise
    why: str = ""


# A parse of the generator's sentence: the typed problem it states, or None when the match
# is not really this problem.
Parse = Callable[[re.Match[str], Problem], "TypedProblem | None"]


@dataclass(frozen=True)
class Recognizer:
    topic: str
    subtopic: str
    pattern: re.Pattern[str]
    parse: Parse

    @property
    def name(self) -> str:
        return f"{self.topic}/{self.subtopic}"


_REGISTRY: list[Recognizer] = []
_VOCAB: set[str] = set()
_RUN_VOCAB: set[str] = set()  # every letter run of 2+ in a pattern: "div", "log", "th", "cm"
_lock = threading.Lock()

# "Find the solution of this math problem:\n---\nTopic: X, Subtopic: Y.\n<body>\n---\n",
# matched by shape rather than wording: an inserted letter may land in any word of it.
_WRAPPER = re.compile(
    r"^[^\n]*?:\s*-{3}\s*"
    r"(?:[A-Za-z]+:\s*(?P<topic>[^,\n]+),\s*[A-Za-z]+:\s*(?P<sub>[^\n]+?)\.\s*\n)?"
    r"(?P<body>.*?)\s*(?:-{3}\s*)?$",
    re.S,
)
_BARE_PREFIX = re.compile(r"^find the solution of this (?:math problem|question)\s*:\s*", re.I)
_WORDS = re.compile(r"[A-Za-z]{4,}")
_RUNS = re.compile(r"[A-Za-z]{2,}")
_TOKENS = re.compile(r"\w{5,}")  # a lettered word: 4+ characters plus the inserted letter
_DIGITS_BETWEEN = re.compile(r"\d[a-z]\d")

# Bounds checked before any recognizer runs (issue 7, item 5; see ``bounds``): a 100 KB
# text or a 5,000-digit number is refused at once instead of being matched or computed.
_LONG_NUMBER = re.compile(rf"\d{{{MAX_NUMBER_DIGITS + 1}}}")


def register(
    topic: str, subtopic: str, pattern: str, flags: int = re.I
) -> Callable[[Parse], Parse]:
    """Decorator: ``fn`` parses a match of ``pattern`` (the generator's sentence for
    ``topic/subtopic``) into that subtopic's typed problem."""

    def add(fn: Parse) -> Parse:
        compiled = re.compile(pattern, flags)
        with _lock:
            _REGISTRY.append(Recognizer(topic, subtopic, compiled, fn))
            _VOCAB.update(w.lower() for w in _WORDS.findall(pattern))
            _RUN_VOCAB.update(w.lower() for w in _RUNS.findall(pattern))
        return fn

    return add


# ------------------------------------------------- tolerance of the inserted letter (§6b)


GAP = "(?-i:[a-z])?"  # the one lower-case letter a validator may insert


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
            out.append(f"(?:{word}|{GAP.join(word)})" if len(word) >= 4 else word)
            out.append(last)
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def hinted(p: Problem, subtopic: str) -> bool:
    """Whether the wrapper names ``subtopic``, allowing the one inserted letter of
    docs/network.md §6b."""
    hint = p.subtopic_hint
    if hint is None:
        return False
    if hint == subtopic:
        return True
    return len(hint) == len(subtopic) + 1 and any(
        hint[:i] + hint[i + 1 :] == subtopic for i in range(1, len(hint))
    )


def registered() -> list[Recognizer]:
    return list(_REGISTRY)


def _hint(label: str | None) -> str | None:
    if not label:
        return None
    return re.sub(r"\W+", "_", label.strip().lower()).strip("_") or None


# "12$34": two numbers apart, as the paraphrase path reads them, not 1234
_DOLLAR_BETWEEN_DIGITS = re.compile(r"(?<=\d)\$+(?=\d)")


def parse_problem(question: str) -> Problem:
    text = _DOLLAR_BETWEEN_DIGITS.sub(" ", question).replace("$", "")
    match = _WRAPPER.search(text) if "---" in text else None
    topic = sub = None
    if match:
        topic, sub = _hint(match.group("topic")), _hint(match.group("sub"))
        text = match.group("body")
    else:  # the wrapper's first line without its fences, as people type it
        text = _BARE_PREFIX.sub("", text.strip(), count=1)
    text = re.sub(r"^-{3,}|-{3,}$", "", text.strip()).strip()  # fences only, keep a leading sign
    return Problem(" ".join(text.split()), topic, sub)


def _candidates(problem: Problem) -> Iterable[Recognizer]:
    """Recognizers for the hinted subtopic first, then the rest."""
    hinted = [r for r in _REGISTRY if problem.subtopic_hint and r.subtopic == problem.subtopic_hint]
    yield from hinted
    yield from (r for r in _REGISTRY if r not in hinted)


def _try(problem: Problem) -> EngineAnswer | None:
    for rec in _candidates(problem):
        match = rec.pattern.search(problem.text)
        if match is None:
            continue
        found = _run(rec, match, problem)
        if found is not None:
            return found
    return None


def typed_problem(question: str) -> TypedProblem | None:
    """The typed problem a generator question (raw or wrapped, no inserted letter) states,
    as the first recognizer that reads it parses it; None when none does."""
    text = admit(question)
    if text is None:
        return None
    problem = parse_problem(text)
    for rec in _candidates(problem):
        match = rec.pattern.search(problem.text)
        if match is None:
            continue
        try:
            parsed = rec.parse(match, problem)
        except (Unreadable, ArithmeticError):
            continue
        if parsed is not None and answer_problem(parsed) is not None:
            return parsed
    return None


def _run(rec: Recognizer, match: re.Match[str], problem: Problem) -> EngineAnswer | None:
    try:
        parsed = rec.parse(match, problem)
    except (Unreadable, ArithmeticError):
        return None  # the text matched but its numbers make no sense: not ours
    return None if parsed is None else answer_problem(parsed)


GENERATOR = "generator"
PLAIN = "plain"


# Set while a question that lists options is read (``plain_only``): no generator asks one.
_PLAIN_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("plain_only", default=False)


@contextlib.contextmanager
def plain_only() -> Iterator[None]:
    """Within this block every answer is the plain value (or none)."""
    token = _PLAIN_ONLY.set(True)
    try:
        yield
    finally:
        _PLAIN_ONLY.reset(token)


def answer_problem(problem: TypedProblem) -> EngineAnswer | None:
    """A typed problem answered by its subtopic's solver; None when it refuses.

    Operands the generator draws with its default parameters get its convention; others
    (or all, within ``plain_only``) get the plain value, or None where the subtopic has no
    plain answer (``problem.Subtopic.outside``)."""
    entry = subtopic_of(problem)
    why = entry.outside_ranges(problem)
    if _PLAIN_ONLY.get() and not why:
        why = "the question lists options"
    if why and entry.outside == "refuse":
        return None
    try:
        solution = entry.solve(problem)
    except (Unreadable, ArithmeticError):
        return None
    plain = solution.plain if solution.plain != solution.answer else ""
    if why:
        return EngineAnswer(
            entry.key, plain or solution.answer, solution.working, problem.wording(), "", PLAIN, why
        )
    hides = f"its question hides {solution.hidden}" if solution.hidden else ""
    return EngineAnswer(
        entry.key, solution.answer, solution.working, problem.wording(), plain, GENERATOR, hides
    )


def _known(token: str) -> bool:
    """Whether every letter run of 2+ in ``token`` is one the patterns use (digits are fine)."""
    return all(run.lower() in _RUN_VOCAB for run in _RUNS.findall(token))


def _token_repairs(token: str) -> Iterator[str]:
    """``token`` with one lower-case letter removed, each giving a known token.

    The network inserts at index 1..len-3 of the lettered token (docs/network.md §6c: never first,
    and at least two characters follow it); those positions come first, the rest after,
    for validators that insert elsewhere. A letter between two digits always qualifies
    (``8q045`` -> ``8045``, ``\\div1x6``): the generator never writes one there.
    """
    n = len(token)
    for i in [*range(1, n - 2), n - 2, 0, n - 1]:
        if not token[i].islower():
            continue
        fixed = token[:i] + token[i + 1 :]
        between = 0 < i < n - 1 and token[i - 1].isdigit() and token[i + 1].isdigit()
        if between or _known(fixed):
            yield fixed


def _letter_repairs(text: str) -> Iterator[str]:
    """Texts with one inserted letter undone, each giving known tokens.

    Tokens that are not known come first (a lettered word or number rarely is); known
    tokens follow, because the letter can turn one known word into another ("with" ->
    "width"). A token is any ``\\w`` run, so numbers (``6e844``), LaTeX commands glued
    to a number (``\\dijv16``) and ``log_`` are repaired too.
    """
    # a token longer than any lettered word or bounded number is not repaired: trying
    # every position of a 5,000-letter token costs a quarter of a second
    tokens = [m for m in _TOKENS.finditer(text) if len(m.group(0)) <= MAX_NUMBER_DIGITS + 2]
    first = [m for m in tokens if _DIGITS_BETWEEN.search(m.group(0)) or not _known(m.group(0))]
    ordered = first + [m for m in tokens if m not in first]
    for match in ordered:
        for fixed in _token_repairs(match.group(0)):
            yield text[: match.start()] + fixed + text[match.end() :]


# A tower of three or more powers (9^9^9^9): no generator problem has one (power_of_powers
# has two levels), and every reading of it would either guess or compute forever.
_TOWER = re.compile(r"\d\s*(?:\^\s*[{(]?\s*\d+\s*){3,}")
_BRACKETS = re.compile(r"[()\[\]{}]")


def _depth(text: str) -> int:
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group(0) in "([{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def bounded(question: str) -> bool:
    """Whether the text is small enough to read: no 100 KB texts, no 5,000-digit numbers,
    no brackets nested hundreds deep (each costs the patterns time, none is a problem)."""
    return (
        len(question) <= MAX_QUESTION_CHARS
        and _LONG_NUMBER.search(question) is None
        and _depth(question) <= MAX_DEPTH
        and _TOWER.search(question) is None
    )


# Invisible characters besides the format characters (category Cf): variation selectors,
# the combining grapheme joiner, Hangul fillers. None of them is ever part of a number.
_IGNORABLE = frozenset("\u034f\u115f\u1160\u3164\uffa0") | {chr(c) for c in range(0xFE00, 0xFE10)}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _invisible(ch: str) -> bool:
    return ch in _IGNORABLE or unicodedata.category(ch) == "Cf"


def _in_number(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits inside a number: digits (or a digit and a decimal
    point or thousands comma beside another digit) on both sides."""

    def digit_at(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isdigit()

    before = digit_at(start - 1) or (start >= 2 and text[start - 1] in ".," and digit_at(start - 2))
    after = digit_at(end) or (text[end : end + 1] in (".", ",") and digit_at(end + 1))
    return before and after


def strip_invisible(text: str) -> str | None:
    """``text`` without zero-width and other invisible format characters, or None when one
    splits a number: "2^9\u200d9\u200d9" would otherwise be read as 2^9 or as 2^999, and
    neither is certainly what was meant. Between words they are simply dropped."""
    if text.isascii():
        return text
    out: list[str] = []
    at = 0  # where the text not yet copied starts
    for m in _NON_ASCII.finditer(text):
        if m.start() < at or not _invisible(m.group(0)):
            continue
        end = m.start()
        while end < len(text) and _invisible(text[end]):
            end += 1
        if _in_number(text, m.start(), end):
            return None
        out.append(text[at : m.start()])
        at = end
    out.append(text[at:])
    return "".join(out)


def admit(question: str) -> str | None:
    """The question as the engine reads it, or None when it must not be read at all: too
    large (``bounded``) or a number split by an invisible character (``strip_invisible``)."""
    if not bounded(question):
        return None
    text = strip_invisible(question)
    if text is None or not bounded(text):
        return None  # checked again: "9^\u200b9^9^9" is a tower once the character is gone
    return text


def solve_text(question: str) -> EngineAnswer | None:
    """Answer a raw or wrapped mathgenerator question, or None when it is not recognised."""
    text = admit(question)
    if text is None:
        return None
    problem = parse_problem(text)
    found = _try(problem)
    if found is not None:
        return found
    tried: set[str] = set()
    for repaired in _letter_repairs(problem.text):
        if repaired in tried:
            continue
        if len(tried) >= MAX_REPAIRS:
            break
        tried.add(repaired)
        found = _try(Problem(repaired, problem.topic_hint, problem.subtopic_hint))
        if found is not None:
            return found
    return None
