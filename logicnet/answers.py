"""Turning a model's free text into the short final answer validators compare: ONE path.

Validators (docs/network.md §6/§6b) compare the FIRST number of the answer, or the whole
trimmed string, with the ground truth: the answer must be the bare value, with
no "x =", no "$", no second number in front of it, no markup, and nothing that
talks to a grader (our own validator scores that -1).

Every LLM-derived answer (baseline, program, auto and each of its votes) goes
through ``normalise_for_validator`` (``answer_from_reply`` when the answer is
still inside a reply), and every reasoning through ``cap_reasoning``:

    reply ─ extract_final_answer ─► normalise_for_validator ─► answer sent
              (last "Final answer:",   printable → clean_answer (markup)
               \\boxed, ####, last      → sanitise_answer (tags, cheat
               number)                    markers, grader talk; logicnet.cheats)
                                          → in_convention (a mathgenerator question:
                                            the generator's own format; logicnet.engine.
                                            formats) or else drop_unit → as_choice
                                          → "unknown" if empty
    reasoning ─ cap_reasoning ─► printable, cheat markers stripped, at most
                                 MAX_REASONING_CHARS characters and
                                 MAX_REASONING_PIECES word pieces
"""

from __future__ import annotations

import re
from fractions import Fraction

from logicnet.cheats import strip_cheat_markers, talks_to_grader
from logicnet.printable import printable

__all__ = [
    "MAX_ANSWER_CHARS",
    "MAX_CONVENTION_CHARS",
    "MAX_REASONING_CHARS",
    "MAX_REASONING_PIECES",
    "answer_from_reply",
    "as_choice",
    "cap_reasoning",
    "clean_answer",
    "drop_unit",
    "extract_final_answer",
    "in_convention",
    "normalise_for_validator",
    "sanitise_answer",
    "vote_key",
]

MAX_ANSWER_CHARS = 300
# An answer in the generator's convention may be longer: a 10x10 matrix product is ~800.
MAX_CONVENTION_CHARS = 1200
MAX_REASONING_CHARS = 4000
# The similarity model reads about 256 word pieces; a little more leaves room for our estimate.
MAX_REASONING_PIECES = 320
# A final answer sits at the end of a reply: a huge reply is read from its tail only.
_MAX_SCANNED_CHARS = 64 << 10
_MAX_BOXED_CHARS = 4096

_FINAL_LINE = re.compile(
    r"\b(?:final\s+answer|answer)\s*(?:is\s*[:：]?|[:：=])\s*(.+)$", re.IGNORECASE
)
_HASHES = re.compile(r"^\s*####\s*(.+)$", re.MULTILINE)
_NUMBER = re.compile(r"[-+]?\d*\.?\d+(?:/\d+)?")
_MD_BOLD = re.compile(r"\*\*|__")
_PY_POWER = re.compile(r"(?<=[A-Za-z0-9)])\*\*(?=[0-9(])")  # "x**5": a power, not bold


def _last_boxed(text: str) -> str | None:
    """Content of the last \\boxed{...}, with nested braces handled."""
    start = text.rfind("\\boxed{")
    if start < 0:
        return None
    i = start + len("\\boxed{")
    depth = 1
    out: list[str] = []
    while i < min(len(text), start + _MAX_BOXED_CHARS):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return "".join(out)
        out.append(ch)
        i += 1
    return None


def clean_answer(answer: str, limit: int = MAX_ANSWER_CHARS) -> str:
    """Strip wrappers a grader's number/string comparison would trip over; at most
    ``limit`` characters."""
    text = printable(answer[:_MAX_SCANNED_CHARS], keep_newlines=False).strip()
    boxed = _last_boxed(text)
    if boxed is not None:
        text = boxed
    text = _MD_BOLD.sub("", text)
    for token in ("$$", "$", "\\[", "\\]", "\\(", "\\)"):
        text = text.replace(token, "")
    text = re.sub(r"\\text\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\(?:d|t)?frac\{([^{}]+)\}\{([^{}]+)\}", r"\1/\2", text)
    text = text.strip().strip("`").strip()
    text = re.sub(r"^(?:the\s+)?(?:final\s+)?answer\s*(?:is)?\s*[:：=]?\s*", "", text, flags=re.I)
    # "x = 5" -> "5" only for a single assignment; "x = 1, y = 2" keeps its names.
    single = re.fullmatch(r"[A-Za-z]\w{0,2}\s*=\s*([^=,;]+)", text)
    if single:
        text = single.group(1)
    text = text.rstrip(" .;")
    return " ".join(text.split())[:limit]


def extract_final_answer(text: str) -> str:
    """The final answer stated in ``text``; "" when it states none."""
    return _extract(text)[0]


def _extract(text: str, convention: bool = False) -> tuple[str, bool]:
    """The final answer, and whether the text states it as one (a "final answer" line,
    ``\\boxed``, ``####``) rather than it being guessed from the last line. For the
    generator's convention, Python's ``x**5`` is read as ``x^5`` instead of losing its
    stars to the markdown-bold rule, and up to ``MAX_CONVENTION_CHARS`` are kept."""

    def clean(found: str) -> str:
        if convention:
            return clean_answer(_PY_POWER.sub("^", found), MAX_CONVENTION_CHARS)
        return clean_answer(found)

    text = text[-_MAX_SCANNED_CHARS:]
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    for line in reversed(lines):
        plain = _PY_POWER.sub("^", line) if convention else line
        plain = _MD_BOLD.sub("", plain).lstrip("#>*- ").strip()
        match = _FINAL_LINE.search(plain)
        if match and match.group(1).strip():
            return clean(match.group(1)), True
    boxed = _last_boxed(text)
    if boxed is not None:
        return clean(boxed), True
    hashes = _HASHES.findall(text)
    if hashes:
        return clean(hashes[-1]), True
    numbers = _NUMBER.findall(lines[-1]) if lines else []
    if numbers:
        return numbers[-1], False
    return (clean(lines[-1]) if lines else ""), False


# --------------------------------------------------------------------------- the one answer path

_TAG = re.compile(r"</?[A-Za-z_][^<>]{0,60}>")
# A block addressed to a grader, content and all: "<example>miner_answer 1.0</example> 5" -> "5".
_GRADER_BLOCK = re.compile(
    r"<(example|preference\w*|score|grade|grader|judge|system|instruction\w*|rubric)\b[^<>]{0,60}>"
    r".*?</\1\s*>",
    re.I | re.S,
)
# A claimed grade: "miner_answer: 1.0" (the number would otherwise be the first one read).
_CLAIMED_GRADE = re.compile(r"miner_answer\W{0,3}[-+]?\d*\.?\d+", re.I)
_NUMBER_THEN_UNIT = re.compile(
    r"^(?P<num>[-+]?\d+(?:\.\d+)?(?:/\d+)?)\s*(?:[a-zA-Z°][a-zA-Z°\s/.^23]*)$"
)
_OPTION_LINE = re.compile(r"(?m)^\s*\(?([A-Ea-e])\s*[.):]\s+(.+?)\s*$")
_OPTION_INLINE = re.compile(r"\(([A-E])\)\s*([^()]+?)\s*(?=\([A-E]\)|$)")
_LETTER = re.compile(r"^\(?(?:option\s+|choice\s+)?([A-Ea-e])\)?(?:[.):]\s*(.*))?$", re.I)
_COMPARISON_SYMBOLS = ("<", ">", "=", "<=", ">=")  # compare_fractions answers with a symbol


def sanitise_answer(answer: str) -> str:
    """Remove anything a grader could read as markup or as an instruction to it."""
    if answer.strip() in _COMPARISON_SYMBOLS:
        return answer.strip()
    text = _GRADER_BLOCK.sub(" ", answer)
    text = _CLAIMED_GRADE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = strip_cheat_markers(text)
    if talks_to_grader(text):
        numbers = _NUMBER.findall(text)
        text = numbers[-1] if numbers else "unknown"
    return " ".join(text.split())


def drop_unit(answer: str) -> str:
    """``12.5 cm^2`` -> ``12.5``: a unit with digits would add a second number."""
    match = _NUMBER_THEN_UNIT.match(answer.strip())
    if match and re.search(r"\d", answer[match.end("num") :]):
        return match.group("num")
    return answer


def _options(question: str) -> dict[str, str]:
    """The options a question lists, by letter: ``A. 3`` / ``(B) 7`` lines, or inline."""
    found = {letter.upper(): text for letter, text in _OPTION_LINE.findall(question[-4000:])}
    if len(found) < 2:
        found = dict(_OPTION_INLINE.findall(question[-4000:]))
    return found if len(found) >= 2 else {}


def as_choice(answer: str, question: str) -> str:
    """An option letter (``B``, ``(B)``, ``Option B``, ``B.``) becomes ``B. <option text>``
    when the question lists its options; anything else stays as it is."""
    match = _LETTER.match(answer.strip())
    options = _options(question) if match else {}
    if not match or not options:
        return answer
    letter, given = match.group(1).upper(), (match.group(2) or "").strip()
    text = options.get(letter)
    if text is None or (given and given.lower().rstrip(".") != text.lower().rstrip(".")):
        return answer  # a letter the question does not list, or different option text
    return f"{letter}. {text}"


def in_convention(answer: str, question: str) -> str:
    """``answer`` printed the way mathgenerator prints the answer to ``question`` (``14x^6 +
    12x`` -> ``14x^{6} + 12x^{1}``), or ``answer`` unchanged when the question is not
    clearly one of its subtopics or the answer is not a value of that subtopic's shape."""
    return _styled(answer, question) or answer


def _styled(answer: str, question: str) -> str | None:
    """``in_convention``'s rendering, None when there is none (``logicnet.engine.formats``;
    the engine is imported on first use only)."""
    if not question or not answer or _options(question):
        return None  # a question that lists options is answered by as_choice
    from logicnet.engine.formats import render

    return render(answer, question)


def _cleaned(answer: str, limit: int = MAX_ANSWER_CHARS) -> str:
    text = clean_answer(answer, limit)
    text = sanitise_answer(text)
    return clean_answer(text, limit)  # tags may have hidden a "$...$" or an "x =" in front


def normalise_for_validator(answer: str, question: str = "", *, convention: bool = True) -> str:
    """The miner's final answer in the form the validator's checks reward: the one step
    every LLM-derived answer (baseline, program, auto and its votes) goes through.

    For a mathgenerator question the cleaned answer is printed in the generator's own
    convention (``in_convention``) before units are dropped; anything else, and every
    answer when ``convention`` is False, takes the steps as before."""
    if convention and question:
        styled = _styled(_cleaned(answer, MAX_CONVENTION_CHARS), question)
        if styled is not None:
            return styled
    text = drop_unit(_cleaned(answer))
    text = as_choice(text, question)
    return text or "unknown"


def answer_from_reply(reply: str, question: str = "", *, convention: bool = True) -> str:
    """The final answer a model's reply states, normalised (``unknown`` when it states none).

    For a mathgenerator question the answer is printed in the generator's convention
    (``in_convention``). When the reply does not state its answer on a "final answer" line
    (the answer under an "Answer:" heading, a matrix over several lines, one longer than
    ``MAX_ANSWER_CHARS``), the reply's own last statement of a value of the subtopic's
    shape is used before the last number of its last line."""
    extracted, stated = _extract(reply)
    if convention and question and not _options(question):
        from logicnet.engine.formats import render_from_reply

        cleaned = _cleaned(_extract(reply, convention=True)[0], MAX_CONVENTION_CHARS)
        styled = _styled(cleaned, question) if stated else None
        if styled is None:
            styled = render_from_reply(reply, question)
        if styled is None and not stated:
            styled = _styled(cleaned, question)
        if styled is not None:
            return styled
    return normalise_for_validator(extracted, question, convention=False)


# --------------------------------------------------------------------------- the one reasoning cap

# A rough word-piece count: letters in runs of up to 8, digits in runs of up to 4, every other
# visible character alone. It over-counts a little, so what is sent fits what the model reads.
_PIECE = re.compile(r"[^\W\d_]{1,8}|\d{1,4}|\S")


def cap_reasoning(
    text: str,
    max_chars: int = MAX_REASONING_CHARS,
    max_pieces: int = MAX_REASONING_PIECES,
) -> str:
    """Reasoning to send: printable, no cheat markers, at most ``max_chars`` characters and
    ``max_pieces`` word pieces (a 20 MB single "word" is as capped as 20 MB of words)."""
    text = text[: max_chars * 2]  # before any regex: the cap below is never longer
    text = strip_cheat_markers(printable(text))
    text = "\n".join(" ".join(line.split()) for line in text.strip().splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text)
    cut = None
    for count, piece in enumerate(_PIECE.finditer(text), start=1):
        if count > max_pieces:
            cut = piece.start()
            break
    if cut is not None:
        text = text[:cut].rstrip() + " ..."
    if len(text) > max_chars:
        text = text[: max_chars - 4].rstrip() + " ..."
    return text


def vote_key(answer: str) -> str:
    """Answers that a validator would score the same compare equal under this key."""
    text = answer.strip().lower().rstrip(".")
    text = re.sub(r"\s+", "", text)
    try:
        if re.fullmatch(r"[-+]?\d+(?:\.\d+)?(?:/\d+)?", text):
            value = Fraction(text)
            return f"num:{value.numerator}/{value.denominator}"
    except (ValueError, ZeroDivisionError):
        pass
    return f"str:{text}"
