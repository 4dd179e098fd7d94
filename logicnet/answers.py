"""Turning a model's free text into the short final answer validators compare.

Validators (SPEC §6/§6b) compare the FIRST number of the answer, or the whole
trimmed string, with the ground truth: the answer must be the bare value, with
no "x =", no "$", no second number in front of it, no markup.
"""

from __future__ import annotations

import re

__all__ = ["MAX_ANSWER_CHARS", "clean_answer", "extract_final_answer", "split_reasoning"]

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
