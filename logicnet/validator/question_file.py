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
set keeps one) cannot be scored: it is left out, with a warning naming it. A question
too large for the miners' default request body is left out by the ``Challenger`` (it
checks every source the same way), with a warning naming the line.

The file is read only when it is a regular file of at most ``QUESTIONS_MAX_BYTES``: a FIFO
or a device such as ``/dev/zero`` is refused at once. ``jsonl_records`` is the line reader
shared with the dataset files: each line is decoded and parsed on its own, so a line that
is not UTF-8, holds an integer over Python's 4,300-digit limit or nests too deeply is one
reason for that line, never a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from logicnet.errors import ConfigError
from logicnet.fileio import read_bytes_capped

__all__ = [
    "QUESTIONS_MAX_BYTES",
    "FileQuestion",
    "LineError",
    "jsonl_records",
    "load_questions",
]

log = logging.getLogger(__name__)

# A questions file is read whole; 64 MiB holds tens of thousands of dev-set-sized items.
QUESTIONS_MAX_BYTES = 64 << 20
MAX_FIELD_CHARS = 100_000  # ground truth, topic, reference, raw question (kept, never sent)
MAX_REPORTED = 5


@dataclass(frozen=True)
class FileQuestion:
    line: int
    question: str
    ground_truth: str
    topic: str
    raw_question: str
    reference: str | None
    path: Path | None = None  # the file it came from, for messages


class LineError(ValueError):
    """Why one line of a JSONL file cannot be used; ``too_large`` when size is the reason."""

    def __init__(self, why: str, too_large: bool = False) -> None:
        super().__init__(why)
        self.too_large = too_large


def _bytes(n: int) -> str:
    return f"{n / (1 << 20):.1f} MiB" if n >= 1 << 20 else f"{n:,} bytes"


def _parse(raw: bytes) -> object:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LineError(f"not UTF-8 text (bad byte at column {exc.start + 1})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LineError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise LineError("nested too deeply to parse") from None
    except ValueError as exc:  # int() past sys.get_int_max_str_digits(): 4,300 by default
        if "digits" in str(exc):
            raise LineError("holds an integer longer than Python's 4,300-digit limit") from None
        raise LineError(f"not JSON ({str(exc)[:100]})") from None


def jsonl_records(
    data: bytes, max_line_bytes: int
) -> Iterator[tuple[int, object, LineError | None]]:
    """(line number, parsed value, None) or (line number, None, why) for each non-blank line.

    A line longer than ``max_line_bytes`` is refused by its length, without being copied
    or parsed."""
    start, number, size = 0, 0, len(data)
    while start < size:
        end = data.find(b"\n", start)
        if end < 0:
            end = size
        number += 1
        if end - start > max_line_bytes:
            why = f"{_bytes(end - start)}, longer than the {_bytes(max_line_bytes)} a line may hold"
            yield number, None, LineError(why, too_large=True)
        else:
            raw = data[start:end]
            if raw.strip():
                try:
                    yield number, _parse(raw), None
                except LineError as exc:
                    yield number, None, exc
        start = end + 1


def _text(item: dict[str, object], name: str, required: bool, limit: int | None) -> str | None:
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
    if limit is not None and len(text) > limit:
        raise ValueError(f"'{name}' is longer than {limit} characters")
    return text


def _question(number: int, item: object, path: Path) -> FileQuestion:
    if not isinstance(item, dict):
        raise ValueError("not a JSON object")
    # The question's own limit is the miners' body: the Challenger drops it when too large.
    question = _text(item, "logic_question", True, None)
    truth = _text(item, "ground_truth", True, MAX_FIELD_CHARS)
    assert question is not None and truth is not None
    if not question.strip():
        raise ValueError("'logic_question' is empty")
    topic = _text(item, "topic", False, MAX_FIELD_CHARS) or "questions-file"
    raw = _text(item, "raw_question", False, MAX_FIELD_CHARS)
    reference = _text(item, "reference", False, MAX_FIELD_CHARS)
    return FileQuestion(
        number,
        question,
        truth.strip(),
        topic,
        raw if raw and raw.strip() else question,
        reference if reference and reference.strip() else None,
        path,
    )


def load_questions(path: Path) -> list[FileQuestion]:
    """Every question in the file, or a ``ConfigError`` naming the bad lines."""
    data = read_bytes_capped(path, QUESTIONS_MAX_BYTES, "questions file")
    found: list[FileQuestion] = []
    bad: list[str] = []
    unscorable: list[int] = []
    for number, value, error in jsonl_records(data, QUESTIONS_MAX_BYTES):
        try:
            if error is not None:
                raise error
            item = _question(number, value, path)
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
