"""Scoring answers offline, one item at a time, exactly as the validator scores them.

``logicnet score`` reads its items and scores them here: the same profile, the same
checks in the same order, the same judge path (``logicnet.validator.rewarder``). Without
a judge LLM the judge path ends in the deterministic local verdict, as a validator
without one does.

An item is an answer with what its reward needs besides it. From a JSONL file each line
is one object; a field it leaves out takes the command's value for it (``defaults``), so
the defaults are the command's flags, declared once in its settings table. A line that
cannot be scored becomes an error record, never the end of the file; a judge outage is
an error record too, counted apart (the command then exits 1).
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from logicnet.errors import ConfigError
from logicnet.fileio import read_bytes_capped
from logicnet.validator.judge import Judge, JudgeUnavailable
from logicnet.validator.profiles import ScoringProfile
from logicnet.validator.rewarder import FULL_VOLUME, MAX_ANSWER_CHARS, judge_answer
from logicnet.validator.scoring import ScoreMethod, reward

__all__ = [
    "MAX_INPUT_BYTES",
    "FileTally",
    "Item",
    "LazySimilarity",
    "Scored",
    "SimilarityOf",
    "input_lines",
    "invalid_reason",
    "read_item",
    "score_item",
    "score_lines",
]

# An input file is read whole, and only when it is a regular file of at most this size (a
# FIFO, a device or a directory is refused in one line). 64 MiB is some 200,000 answers.
MAX_INPUT_BYTES = 64 * 1024 * 1024

SimilarityOf = Callable[[str, str], float]  # (reasoning, reference) -> similarity in [-1, 1]


@dataclass(frozen=True)
class Item:
    """One answer to score. No field has a default: the command gives each one from its
    flag, so a default is written once, in the command's settings table."""

    ground_truth: str
    answer: object  # as read: anything but valid text of at most MAX_ANSWER_CHARS scores 0
    question: str
    process_time: float
    timeout: float
    epoch_volume: int
    similarity: float


@dataclass(frozen=True)
class Scored:
    """What the validator would make of one item."""

    profile: str
    correctness: float | None
    rule: ScoreMethod
    reason: str
    reward: float

    def fields(self) -> dict[str, object]:
        """The fields an output line adds to its input, in this order."""
        return {
            "profile": self.profile,
            "correctness": self.correctness,
            "rule": self.rule,
            "reason": self.reason,
            "reward": self.reward,
        }


@dataclass(frozen=True)
class FileTally:
    """Lines of a file scored, and those that became error records (``judge_failures`` of
    them because the judge failed)."""

    scored: int = 0
    errors: int = 0
    judge_failures: int = 0


class LazySimilarity:
    """The validator's similarity model, loaded on first use (a file that gives every
    similarity never loads it)."""

    def __init__(self) -> None:
        self._score_pairs: Callable[[list[str], list[str]], list[float]] | None = None
        self._loaded = False

    def __call__(self, reasoning: str, reference: str) -> float:
        if not self._loaded:
            from logicnet.validator.similarity import load_similarity

            model = load_similarity()
            self._score_pairs, self._loaded = (model.score_pairs if model else None), True
        if self._score_pairs is None:
            raise ConfigError(
                "the similarity model is not installed (bash install.sh --validator); "
                "give a similarity instead of a reasoning and a reference"
            )
        try:
            value = float(self._score_pairs([reasoning], [reference])[0])
        except (RuntimeError, TypeError, UnicodeError) as exc:
            # what the validator does with a text that breaks the model: that answer scores 0
            raise ValueError(f"the reasoning broke the similarity model ({exc})") from exc
        return max(min(value, 1.0), -1.0) if math.isfinite(value) else 0.0


def _number(record: Mapping[str, object], key: str, default: float) -> float:
    value = record.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{key!r} must be a finite number")
    return float(value)


# The keys a line may have; any other is repeated in the output untouched (an "id", a
# "topic"), unless it looks like a misspelt one of these, which would be ignored silently.
KEYS = (
    "ground_truth",
    "answer",
    "process_time",
    "timeout",
    "epoch_volume",
    "similarity",
    "question",
    "reasoning",
    "reference",
)
_MEANT = {"time": "process_time", "volume": "epoch_volume", "truth": "ground_truth"}


def _misspelt_key(record: Mapping[str, object]) -> str:
    """An error for the first key that reads as a misspelling of one of ``KEYS``."""
    for key in record:
        if key in KEYS:
            continue
        meant = _MEANT.get(key) or next(iter(difflib.get_close_matches(key, KEYS, 1, 0.8)), "")
        if meant and meant not in record:
            return f"unknown key {key!r}: did you mean {meant!r}?"
    return ""


def read_item(record: object, defaults: Item, similarity: SimilarityOf) -> Item:
    """The item one input line describes; ValueError (its message is the error record's)
    when the line is not one. ``similarity`` computes it from ``reasoning`` and
    ``reference`` when the line gives those and no ``similarity``."""
    if not isinstance(record, dict):
        raise ValueError("a line must be a JSON object")
    misspelt = _misspelt_key(record)
    if misspelt:
        raise ValueError(misspelt)
    truth = record.get("ground_truth")
    if not isinstance(truth, str):
        raise ValueError("'ground_truth' must be a string")
    if "answer" not in record:
        raise ValueError("'answer' is missing")
    question = record.get("question", "")
    timeout = _number(record, "timeout", defaults.timeout)
    if timeout <= 0:
        raise ValueError("'timeout' must be positive")
    reasoning, reference = record.get("reasoning"), record.get("reference")
    if (
        record.get("similarity") is None
        and isinstance(reasoning, str)
        and isinstance(reference, str)
    ):
        value = similarity(reasoning, reference)
    else:
        value = _number(record, "similarity", defaults.similarity)
    if not -1.0 <= value <= 1.0:
        raise ValueError("'similarity' must be between -1 and 1")
    # no usable volume counts as full scale (docs/network.md §6c)
    volume = _number(record, "epoch_volume", defaults.epoch_volume) or FULL_VOLUME
    if volume < 0:
        raise ValueError("'epoch_volume' must not be negative")
    process_time = _number(record, "process_time", defaults.process_time)
    if not 0 <= process_time <= timeout:
        raise ValueError(
            f"'process_time' must be between 0 and the timeout ({timeout:g} s): a later reply "
            "never reaches the validator"
        )
    return Item(
        truth,
        record["answer"],
        question if isinstance(question, str) else "",
        process_time,
        timeout,
        int(volume),
        value,
    )


def invalid_reason(answer: object) -> str:
    """Why the validator would not read ``answer`` at all ("" when it would)."""
    if not isinstance(answer, str):
        return f"answer is {'null' if answer is None else type(answer).__name__}, not text"
    if len(answer) > MAX_ANSWER_CHARS:
        return f"answer has {len(answer)} characters (limit {MAX_ANSWER_CHARS})"
    try:
        answer.encode("utf-8")
    except UnicodeEncodeError:
        return "answer is not valid Unicode (lone surrogate)"
    return ""


async def score_item(profile: ScoringProfile, judge: Judge, item: Item) -> Scored:
    """Score one item; raises JudgeUnavailable when the judge LLM fails (our side)."""
    defect = invalid_reason(item.answer)
    if defect or not isinstance(item.answer, str):
        # as the validator does: that miner scores 0 for the item
        return Scored(profile.name, 0.0, ScoreMethod.INVALID, defect, 0.0)
    verdict = await judge_answer(profile, judge, item.question, item.ground_truth, item.answer)
    total = reward(
        profile,
        float(verdict.score or 0.0),
        item.similarity,
        item.process_time,
        item.timeout,
        item.epoch_volume,
    )
    return Scored(profile.name, verdict.score, verdict.method, verdict.reason, total)


def input_lines(path: str, what: str = "--input") -> list[str]:
    """The lines of the input file (bad UTF-8 replaced: that line then fails on its own)."""
    if not Path(path).exists():
        raise ConfigError(f"{what} {path}: no such file")
    text = read_bytes_capped(path, MAX_INPUT_BYTES, what).decode("utf-8", "replace")
    # Newlines as a text-mode file reads them; not splitlines(), which also splits at
    # U+2028 and friends, legal inside a JSON string.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


async def score_lines(
    lines: list[str],
    profile: ScoringProfile,
    judge: Judge,
    defaults: Item,
    similarity: SimilarityOf,
    sink: IO[str],
) -> FileTally:
    """Score every non-blank line, writing one output line each to ``sink``: the input
    object with the ``Scored`` fields added, or with ``line`` and ``error``."""
    scored = errors = judge_failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record: dict[str, object] = {}
        out: dict[str, object]
        try:
            value = json.loads(line)
            record = value if isinstance(value, dict) else {}
            item = read_item(value, defaults, similarity)
            out = {**record, **(await score_item(profile, judge, item)).fields()}
            scored += 1
        except (ValueError, RecursionError, ConfigError) as exc:  # incl. JSONDecodeError
            out = {**record, "line": number, "error": str(exc)}
            errors += 1
        except JudgeUnavailable as exc:
            out = {**record, "line": number, "error": f"judge unavailable: {exc}"}
            errors += 1
            judge_failures += 1
        # ASCII escapes: a lone surrogate in an answer must not break the writer
        sink.write(json.dumps(out, default=str) + "\n")
    return FileTally(scored, errors, judge_failures)
