"""Challenges read from a JSONL file (``--challenge.questions``, ``localnet --questions``).

One object per line, the dev set's format::

    {"logic_question": "<what miners get>", "ground_truth": "12x^{2}", "topic": "...",
     "reference": "<a ready similarity reference>"?, "raw_question": "<before paraphrase>"?}

``logic_question`` is sent as it is (it already is a paraphrase: no LLM needed).
``reference``, when present, is the similarity reference for that item; otherwise the
validator's reference solver answers ``raw_question`` (or, without one, the question
itself). Every malformed line is named with its number in one ``ConfigError``: the file
is the operator's, so it is fixed before the validator starts, never half used. A line
whose ground truth is empty (mathgenerator sometimes makes such a problem, and the dev
set keeps one) cannot be scored: it is left out, with a warning naming it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from logicnet.errors import ConfigError

__all__ = ["FileQuestion", "load_questions"]

log = logging.getLogger(__name__)

MAX_FIELD_CHARS = 100_000
MAX_REPORTED = 5


@dataclass(frozen=True)
class FileQuestion:
    line: int
    question: str
    ground_truth: str
    topic: str
    raw_question: str
    reference: str | None


def _text(item: dict[str, Any], name: str, required: bool) -> str | None:
    value = item.get(name)
    if value is None:
        if required:
            raise ValueError(f"lacks '{name}'")
        return None
    if isinstance(value, (bool, dict, list)):
        raise ValueError(f"'{name}' must be text")
    text = str(value) if isinstance(value, (int, float)) else value
    if not isinstance(text, str):
        raise ValueError(f"'{name}' must be text")
    if len(text) > MAX_FIELD_CHARS:
        raise ValueError(f"'{name}' is longer than {MAX_FIELD_CHARS} characters")
    return text


def _parse_line(number: int, line: str) -> FileQuestion:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(item, dict):
        raise ValueError("not a JSON object")
    question = _text(item, "logic_question", True)
    truth = _text(item, "ground_truth", True)
    assert question is not None and truth is not None
    if not question.strip():
        raise ValueError("'logic_question' is empty")
    topic = _text(item, "topic", False) or "questions-file"
    raw = _text(item, "raw_question", False)
    reference = _text(item, "reference", False)
    return FileQuestion(
        number,
        question,
        truth.strip(),
        topic,
        raw if raw and raw.strip() else question,
        reference if reference and reference.strip() else None,
    )


def load_questions(path: Path) -> list[FileQuestion]:
    """Every question in the file, or a ``ConfigError`` naming the bad lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"questions file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"questions file {path} cannot be read ({exc})") from None
    found: list[FileQuestion] = []
    bad: list[str] = []
    unscorable: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = _parse_line(number, line)
        except ValueError as exc:
            bad.append(f"line {number}: {exc}")
            continue
        if item.ground_truth:
            found.append(item)
        else:
            unscorable.append(number)
    if bad:
        more = f" (and {len(bad) - MAX_REPORTED} more)" if len(bad) > MAX_REPORTED else ""
        raise ConfigError(
            f"questions file {path}: "
            + "; ".join(bad[:MAX_REPORTED])
            + more
            + '; each line needs {"logic_question", "ground_truth", "topic"}'
        )
    if unscorable:
        log.warning(
            "questions file %s: lines %s have an empty ground_truth and are left out",
            path,
            ", ".join(map(str, unscorable[:20])),
        )
    if not found:
        raise ConfigError(f"questions file {path} has no questions with a ground truth")
    return found
