"""Turning a model's free text into the short final answer validators compare.

Validators (SPEC §6/§6b) compare the FIRST number of the answer, or the whole
trimmed string, with the ground truth: the answer must be the bare value, with
no "x =", no "$", no second number in front of it, no markup.
"""

from __future__ import annotations

import re
from fractions import Fraction

from logicnet.cheats import strip_cheat_markers, talks_to_grader

__all__ = [
    "MAX_ANSWER_CHARS",
    "as_choice",
    "clean_answer",
    "drop_unit",
    "extract_final_answer",
    "normalise_for_validator",
    "sanitise_answer",
    "split_reasoning",
    "trim_reasoning",
    "vote_key",
]

MAX_ANSWER_CHARS = 300

_FINAL_LINE = re.compile(
    r"\b(?:final\s+answer|answer)\s*(?:is\s*[:：]?|[:：=])\s*(.+)$", re.IGNORECASE
)
_HASHES = re.compile(r"^\s*####\s*(.+)$", re.MULTILINE)
_NUMBER = re.compile(r"[-+]?\d*\.?\d+(?:/\d+)?")
_MD_BOLD = re.compile(r"\*\*|__")


def _last_boxed(text: str) -> str | None:
    """Content of the last \\boxed{...}, with nested braces handled."""
    start = text.rfind("\\boxed{")
    if start < 0:
        return None
    i = start + len("\\boxed{")
    depth = 1
    out: list[str] = []
    while i < len(text):
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


def clean_answer(answer: str) -> str:
    """Strip wrappers a grader's number/string comparison would trip over."""
    text = answer.strip()
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
    return " ".join(text.split())[:MAX_ANSWER_CHARS]


def extract_final_answer(text: str) -> str:
    """The final answer stated in ``text``; "" when it states none."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    for line in reversed(lines):
        plain = _MD_BOLD.sub("", line).lstrip("#>*- ").strip()
        match = _FINAL_LINE.search(plain)
        if match and match.group(1).strip():
            return clean_answer(match.group(1))
    boxed = _last_boxed(text)
    if boxed is not None:
        return clean_answer(boxed)
    hashes = _HASHES.findall(text)
    if hashes:
        return clean_answer(hashes[-1])
    numbers = _NUMBER.findall(lines[-1]) if lines else []
    if numbers:
        return numbers[-1]
    return clean_answer(lines[-1]) if lines else ""


def split_reasoning(text: str, max_chars: int = 6000) -> str:
    """Reasoning to send: the model's working, trimmed to a sane size."""
    text = text.strip()
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 3].rstrip() + "..."


# --------------------------------------------------------------------------- for the validator

_TAG = re.compile(r"</?[A-Za-z_][^<>]{0,60}>")
_NUMBER_THEN_UNIT = re.compile(
    r"^(?P<num>[-+]?\d+(?:\.\d+)?(?:/\d+)?)\s*(?:[a-zA-Z°][a-zA-Z°\s/.^23]*)$"
)
_OPTION = re.compile(r"(?m)^\s*\(?([A-E])[.)]\s+(.+?)\s*$")
_WORDS_MAX = 200


def sanitise_answer(answer: str) -> str:
    """Remove anything a grader could read as markup or as an instruction to it."""
    if answer.strip() in ("<", ">", "=", "<=", ">="):  # compare_fractions answers with a symbol
        return answer.strip()
    text = _TAG.sub(" ", answer)
    text = strip_cheat_markers(text)
    if talks_to_grader(text):
        numbers = _NUMBER.findall(text)
        text = numbers[-1] if numbers else "unknown"
    return " ".join(text.split())


def drop_unit(answer: str) -> str:
    """``12.5 cm^2`` -> ``12.5``: a unit with digits would add a second number."""
    match = _NUMBER_THEN_UNIT.match(answer.strip())
    if match and re.search(r"\d", answer[match.end("num"):]):
        return match.group("num")
    return answer


def as_choice(answer: str, question: str) -> str:
    """A bare option letter becomes ``<letter>. <option text>`` when the question lists options."""
    letter = answer.strip().strip("().").upper()
    if len(letter) != 1:
        return answer
    for found, text in _OPTION.findall(question):
        if found == letter:
            return f"{letter}. {text}"
    return answer


def normalise_for_validator(answer: str, question: str = "") -> str:
    """The miner's final answer in the form the validator's checks reward."""
    text = clean_answer(answer)
    text = sanitise_answer(text)
    text = drop_unit(text)
    text = as_choice(text, question)
    return text or "unknown"


def trim_reasoning(text: str, max_words: int = _WORDS_MAX) -> str:
    """Keep what the similarity model reads (its first ~256 word pieces)."""
    if len(text.split()) <= max_words:
        return text.strip()
    kept: list[str] = []
    count = 0
    for line in text.strip().splitlines():
        n = len(line.split())
        if count + n > max_words:
            remaining = max_words - count
            if remaining > 5:
                kept.append(" ".join(line.split()[:remaining]) + " ...")
            break
        kept.append(line)
        count += n
    return "\n".join(kept).strip()


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
