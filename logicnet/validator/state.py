"""The validator's memory, saved as JSON after every loop and restored on start.

File format (``validator_state.json``, version 1)::

    {"version": 1, "step": 12, "saved_at": 1764000000.0,
     "history": {"<uid>": {"hotkey": "<ss58>", "incentives": [0.98, ...]}},
     "last_loop": {"step": 12, "rewards": {"<uid>": [0.91, ...]}, "weights": {"<uid>": 0.4}}}

Written to a temporary file, fsynced, then renamed over the old one: a
``kill -9`` at any moment leaves either the previous or the new state, so
at most the loop in progress is lost. No pickle: the file is data only.

Loading trusts nothing in the file (it may be hand-edited, or hostile):

- read only when it is a regular file of at most ``MAX_STATE_BYTES`` (16 MiB; a state
  for 256 uids is a few hundred KB): a FIFO, a device or a directory is refused at once;
- a file that is not JSON, nests too deeply, is not a version-1 state, has a bad
  ``step``, more than ``MAX_UIDS`` (4096) uids or a history entry not shaped as this
  program writes one (a key that is not a decimal uid, a value without ``hotkey`` and
  ``incentives``) is an error telling the operator to move it away, never a silent reset;
- in an otherwise good file, an entry whose values break a rule is dropped: the uid is
  at most 65535, the hotkey a string of 1..256 characters, the incentives a list of at
  most ``MAX_HISTORY`` numbers (not strings, not booleans), each finite and inside
  ``INCENTIVE_RANGE`` (what a loop can give, ``logicnet.validator.incentive``) give or
  take ``TOLERANCE``. One warning names every dropped uid and why, and the repaired
  state is saved at once. ``last_loop`` (a report, never read back) is kept only when it
  is as shallow as the loop writes it.
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from logicnet.errors import ConfigError
from logicnet.fileio import read_bytes_capped, write_json_atomic
from logicnet.validator.incentive import INCENTIVE_RANGE, clamp_incentive
from logicnet.validator.profiles import PROFILES, ScoringProfile, get_profile

__all__ = [
    "MAX_HISTORY",
    "MAX_STATE_BYTES",
    "MAX_UIDS",
    "MinerRecord",
    "ValidatorState",
    "load_state",
    "save_state",
]

log = logging.getLogger(__name__)

VERSION = 1
# The most any profile keeps: a state saved under one profile still serves the other.
MAX_HISTORY = max(p.history for p in PROFILES.values())
MAX_STATE_BYTES = 16 * 1024 * 1024
MAX_UIDS = 4096  # subtensor's largest subnet; subnet 35 has 256
MAX_UID = 65535  # uids are 16-bit on chain
MAX_HOTKEY_CHARS = 256  # an ss58 address has 48; the local registry allows 256
MAX_STEP = 2**63 - 1
# Rounding (seed: 3 decimals) may move a value this little past the curve's range.
TOLERANCE = 1e-9
# The deepest the loop writes last_loop: {"rewards": {"<uid>": [0.9, ...]}}.
_LAST_LOOP_DEPTH = 3
# Integers longer than this many digits are kept as a marker, not parsed: far past any
# value of the file, and a 5,001-digit one would otherwise fail the whole file.
_MAX_INT_DIGITS = 64
_SHOWN_PROBLEMS = 10


class _LongInteger:
    """An integer literal too long to be a value of the file (stands in for it)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _parse_int(text: str) -> int | _LongInteger:
    digits = len(text.lstrip("-"))
    return int(text) if digits <= _MAX_INT_DIGITS else _LongInteger(digits)


@dataclass
class MinerRecord:
    hotkey: str
    incentives: list[float] = field(default_factory=list)

    def add(self, value: float, keep: int = MAX_HISTORY) -> None:
        """Append ``value`` moved into ``INCENTIVE_RANGE`` (NaN counts 0): what is recorded
        always passes ``load_state``."""
        self.incentives.append(clamp_incentive(value))
        del self.incentives[:-keep]


@dataclass
class ValidatorState:
    step: int = 0
    history: dict[int, MinerRecord] = field(default_factory=dict)
    last_loop: dict[str, Any] = field(default_factory=dict)

    def record(self, uid: int, hotkey: str, incentive: float, keep: int = MAX_HISTORY) -> None:
        rec = self.history.get(uid)
        if rec is None or rec.hotkey != hotkey:  # a new hotkey on this uid starts afresh
            rec = self.history[uid] = MinerRecord(hotkey)
        rec.add(incentive, keep)

    def round_history(self, profile: ScoringProfile | str) -> None:
        """Round stored values as the profile's revision does (seed: 3 decimals), else nothing.

        Called at each loop's start and again after the loop's incentives are recorded.
        """
        decimals = get_profile(profile).round_decimals
        if decimals is None:
            return
        for rec in self.history.values():
            rec.incentives = [round(v, decimals) for v in rec.incentives]

    def record_loop(
        self, incentives: dict[int, float], hotkeys: dict[int, str], profile: ScoringProfile | str
    ) -> None:
        """The end of a loop: each scored uid's incentive joins its last ``history`` values."""
        keep = get_profile(profile).history
        for uid, value in incentives.items():
            self.record(uid, hotkeys[uid], value, keep)
        self.round_history(profile)

    def close_loop(
        self, incentives: dict[int, float], hotkeys: dict[int, str], profile: ScoringProfile | str
    ) -> dict[int, float]:
        """The end of a loop, in the network's order: each scored uid's incentive joins its
        history, the weights are computed, and only then are stored values rounded (the seed
        revision computes its weights before its end-of-loop rounding)."""
        from logicnet.validator.incentive import weights_from_history

        keep = get_profile(profile).history
        for uid, value in incentives.items():
            self.record(uid, hotkeys[uid], value, keep)
        weights = weights_from_history(
            {uid: rec.incentives for uid, rec in self.history.items()}, profile
        )
        self.round_history(profile)
        return weights

    def forget_missing(self, hotkeys: dict[int, str]) -> None:
        """Drop records whose uid left or changed hands."""
        for uid in list(self.history):
            if hotkeys.get(uid) != self.history[uid].hotkey:
                del self.history[uid]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "step": self.step,
            "saved_at": time.time(),
            "history": {
                str(uid): {"hotkey": r.hotkey, "incentives": r.incentives}
                for uid, r in sorted(self.history.items())
            },
            "last_loop": self.last_loop,
        }

    @classmethod
    def from_json(cls, data: object, source: str) -> ValidatorState:
        """The state in ``data``, bad history entries left out (``repair`` says which)."""
        return cls.repair(data, source)[0]

    @classmethod
    def repair(cls, data: object, source: str) -> tuple[ValidatorState, list[str]]:
        """The state in ``data`` and what was dropped from it, one line per entry.

        A ``ConfigError`` when ``data`` as a whole is not a state (see the module's rules).
        """
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ConfigError(f"{source}: not a version-{VERSION} validator state")
        raw_history = data.get("history", {})
        if not isinstance(raw_history, dict):
            raise ConfigError(f"{source}: 'history' must be an object")
        if len(raw_history) > MAX_UIDS:
            raise ConfigError(
                f"{source}: 'history' holds {len(raw_history)} uids, more than {MAX_UIDS}"
            )
        step = data.get("step", 0)
        if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= MAX_STEP:
            raise ConfigError(f"{source}: 'step' must be a whole number 0..{MAX_STEP}")
        history: dict[int, MinerRecord] = {}
        problems: list[str] = []
        for key, value in raw_history.items():
            uid, record, problem = _history_entry(key, value, source)
            if record is None:
                problems.append(f"uid {uid} ({problem})")
            else:
                history[uid] = record
        last = data.get("last_loop", {})
        if not _shallow(last, _LAST_LOOP_DEPTH):
            problems.append(f"last_loop (not an object of plain values {_LAST_LOOP_DEPTH} deep)")
            last = {}
        return cls(step=step, history=history, last_loop=last), problems


def _show(key: object, limit: int = 24) -> str:
    text = repr(key)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _value_problem(value: object) -> str:
    """Why ``value`` cannot be a stored incentive, or ''."""
    low, high = INCENTIVE_RANGE
    if isinstance(value, _LongInteger):
        return f"incentive is an integer of {value.digits} digits"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"incentive is {'null' if value is None else type(value).__name__}, not a number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"incentive {value} is not a finite number"
    if not low - TOLERANCE <= value <= high + TOLERANCE:
        shown = f"{value:.6g}" if isinstance(value, float) or abs(value) < 10**12 else "huge"
        return f"incentive {shown} is outside {low:g}..{high:.6g}"
    return ""


def _history_entry(key: object, value: object, source: str) -> tuple[int, MinerRecord | None, str]:
    """(uid, record, '') for a good entry, (uid, None, why) for one to drop; a
    ``ConfigError`` for an entry not shaped as this program writes one."""
    if (
        not (isinstance(key, str) and 0 < len(key) <= 5 and key.isascii() and key.isdigit())
        or str(int(key)) != key
    ):
        raise ConfigError(f"{source}: history key {_show(key)} is not a uid")
    if not isinstance(value, dict) or "hotkey" not in value or "incentives" not in value:
        raise ConfigError(f"{source}: bad history entry for uid {key} (no hotkey or incentives)")
    uid = int(key)
    if uid > MAX_UID:
        return uid, None, f"uid past {MAX_UID}"
    hotkey = value["hotkey"]
    if not isinstance(hotkey, str) or not 0 < len(hotkey) <= MAX_HOTKEY_CHARS:
        return uid, None, f"hotkey must be a string of 1..{MAX_HOTKEY_CHARS} characters"
    incentives = value["incentives"]
    if not isinstance(incentives, list):
        return uid, None, "incentives must be a list"
    if len(incentives) > MAX_HISTORY:
        return uid, None, f"{len(incentives)} incentives, more than {MAX_HISTORY}"
    for item in incentives:
        problem = _value_problem(item)
        if problem:
            return uid, None, problem
    return uid, MinerRecord(hotkey, [float(x) for x in incentives]), ""


def _shallow(value: object, depth: int) -> bool:
    """An object whose containers nest at most ``depth`` deep and whose leaves are plain
    JSON values (the writer would fail on anything deeper: it recurses per level)."""
    if not isinstance(value, dict):
        return False
    todo: list[tuple[object, int]] = [(value, 1)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, (dict, list)):
            if level > depth:
                return False
            children = item.values() if isinstance(item, dict) else item
            todo.extend((child, level + 1) for child in children)
        elif not (item is None or isinstance(item, (str, int, float))):
            return False
    return True


def save_state(state: ValidatorState, path: Path) -> None:
    write_json_atomic(path, state.to_json(), durable=True)


def _unreadable(path: Path, why: str) -> ConfigError:
    return ConfigError(
        f"validator state {path} is unreadable ({why}); move it away to start afresh"
    )


def load_state(path: Path) -> ValidatorState:
    """The saved state, a fresh one when there is none; a corrupt file is an error, not a reset.

    Bad history entries in an otherwise good file are dropped with one warning, and the
    repaired state is saved before this returns.
    """
    if not path.exists():
        return ValidatorState()
    try:
        raw = read_bytes_capped(path, MAX_STATE_BYTES, "validator state")
    except ConfigError as exc:
        raise ConfigError(f"{exc}; move it away to start afresh") from None
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=_parse_int)
    except UnicodeDecodeError as exc:
        raise _unreadable(path, f"not UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise _unreadable(path, f"not JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise _unreadable(path, "nested too deeply") from None
    except ValueError as exc:  # a number the decoder could not convert
        raise _unreadable(path, f"not JSON: {str(exc)[:80]}") from None
    try:
        state, problems = ValidatorState.repair(data, f"validator state {path}")
    except ConfigError as exc:
        raise ConfigError(f"{exc}; move it away to start afresh") from None
    if problems:
        shown = "; ".join(problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        try:
            save_state(state, path)
        except OSError as exc:
            raise ConfigError(
                f"validator state {path}: dropped {shown}, but the repaired state cannot be "
                f"saved ({exc.strerror or exc})"
            ) from None
        log.warning(
            "validator state %s: dropped %d bad entr%s: %s%s; the repaired state is saved",
            path,
            len(problems),
            "y" if len(problems) == 1 else "ies",
            shown,
            f"; and {more} more" if more > 0 else "",
        )
    return state
