"""Write the engine's working the way the validator's own model writes a solution.

Validators score ``logic_reasoning`` by its all-MiniLM-L6-v2 cosine to their model's
solution of the raw question (docs/network.md §6b: Qwen2.5-7B-Instruct, one user message, at most
300 tokens; the embedding reads the first ~256 word pieces). Such solutions share a
register: they say what is asked ("To find the volume of the cube, ..."), set out
steps with the actual numbers in LaTeX (``\\( \\)`` inline, ``\\[ \\]`` displayed,
``\\times``, ``\\frac``, ``\\sqrt``), and close with "the final answer is
\\(\\boxed{…}\\)". The families' solvers write their working as short plain lines;
``present`` keeps every step and number and recasts them in that register. The
openings and closings vary (picked from the answer's digest, so a question always
gets the same text) instead of one template.
"""

from __future__ import annotations

import hashlib
import re

from logicnet.engine.core import EngineAnswer
from logicnet.engine.problem import goal_of

__all__ = ["MAX_CHARS", "present"]

MAX_CHARS = 1500  # about 256 word pieces of math-heavy text: what the embedding reads

_OPENINGS = (
    "To {goal}, we follow these steps:",
    "To {goal}, we work through it step by step.",
    "We need to {goal}. Let's solve it step by step.",
)
_STEP_HEADS = ("**Step {k}:**", "{k}.")
_CLOSINGS = (
    "Therefore, {what} is \\(\\boxed{{{answer}}}\\).",
    "Therefore, the final answer is \\(\\boxed{{{answer}}}\\).",
    "So, the final answer is \\(\\boxed{{{answer}}}\\).",
    "Therefore, the answer is:\n\\[\n\\boxed{{{answer}}}\n\\]",
)

_SYMBOLS = [
    ("×", " \\times "),
    ("·", " \\cdot "),
    ("÷", " \\div "),
    ("−", "-"),
    ("≈", " \\approx "),
    ("≤", " \\le "),
    ("≥", " \\ge "),
    ("≠", " \\neq "),
    ("π", "\\pi "),
    ("θ", "\\theta "),
    ("°", "^\\circ"),
    ("∫₀¹", "\\int_0^1 "),
    ("∫", "\\int "),
    ("√", "\\sqrt"),
]
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+")
_SQRT_ARG = re.compile(r"\\sqrt\s*\(?(\d+(?:\.\d+)?)\)?")
_PI_WORD = re.compile(r"\bpi\b")
# A span of math: numbers, one-letter names, LaTeX commands, function names, operators.
_MATH_SPAN = re.compile(
    r"(?:(?:\\[a-zA-Z]+|(?:sin|cos|tan|cot|sec|csc|log|ln|det|mod)\b|(?<![a-zA-Z])[a-zA-Z]"
    r"(?![a-zA-Z])|\d+(?:\.\d+)?|[-+*/^=<>()\[\]{}|!_',]|\.(?=\d))[ \t]*)+"
)
_RELATION = re.compile(r"=|<|>|\\approx|\\le|\\ge|\\neq")


def _latex(text: str) -> str:
    for plain, tex in _SYMBOLS:  # first: "∫₀¹" carries a superscript of its own
        text = text.replace(plain, tex)
    text = _SUPER_RUN.sub(lambda m: "^{" + m.group(0).translate(_SUPERSCRIPT) + "}", text)
    text = _SQRT_ARG.sub(r"\\sqrt{\1}", text)
    text = _PI_WORD.sub(r"\\pi", text)
    text = re.sub(r" ?(?<![*])\*(?![*]) ?", r" \\times ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _set_math(line: str) -> str:
    """A working line with its formulas set in LaTeX: the longest equation displayed on a
    line of its own, the others inline."""
    line = _latex(line)
    spans = []
    for m in _MATH_SPAN.finditer(line):
        raw = m.group(0)
        text = raw.strip().strip(",").strip()
        if _RELATION.search(text) and re.search(r"\d|\\pi", text) and len(text) >= 3:
            lead = raw.index(text)
            spans.append((m.start() + lead, m.start() + lead + len(text)))
    if not spans:
        return line
    main = max(spans, key=lambda sp: sp[1] - sp[0])
    out, at = [], 0
    for start, end in spans:
        out.append(line[at:start])
        formula = line[start:end]
        out.append(f"\n\\[\n{formula}\n\\]\n" if (start, end) == main else f"\\({formula}\\)")
        at = end
    tail = line[at:].strip()
    out.append("" if tail in (".", "") else tail)
    lines = [ln.strip() for ln in "".join(out).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _pick(options: tuple[str, ...], digest: bytes, slot: int) -> str:
    return options[digest[slot] % len(options)]


def _inline(line: str) -> str:
    return re.sub(r"\n?\\\[\n(.*?)\n\\\]\n?", r" \\(\1\\) ", _set_math(line)).strip()


def present(answer: EngineAnswer) -> str:
    """The working of ``answer`` in the register of the validator's model, within the
    first ~256 word pieces."""
    subtopic = answer.topic.rsplit("/", 1)[-1]
    goal = goal_of(subtopic) or "solve the problem"
    digest = hashlib.sha256(f"{answer.topic}|{answer.answer}".encode()).digest()
    lines = [ln.strip() for ln in answer.reasoning.splitlines() if ln.strip()]
    if lines and re.match(r"^(?:answer|so the answer is)\s*:", lines[-1], re.I):
        lines = lines[:-1]  # the closing line says it again, boxed
    head = _pick(_STEP_HEADS, digest, 1)
    parts = [_pick(_OPENINGS, digest, 0).format(goal=goal)]
    if answer.problem:
        parts.append(f"We are given: {_inline(answer.problem)}")
    for k, line in enumerate(lines, start=1):
        body = _set_math(line)
        parts.append(f"{head.format(k=k)} {body}")
    what = goal[len("find ") :] if goal.startswith("find ") else "the answer"
    closing = _pick(_CLOSINGS, digest, 2).format(answer=_latex(answer.answer), what=what)
    text = "\n\n".join(parts)
    if len(text) + len(closing) + 2 > MAX_CHARS:
        text = text[: MAX_CHARS - len(closing) - 2].rsplit("\n", 1)[0]
    return f"{text}\n\n{closing}"
