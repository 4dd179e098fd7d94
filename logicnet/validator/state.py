"""The validator's memory, saved as JSON after every loop and restored on start.

File format (``validator_state.json``, version 1)::

    {"version": 1, "step": 12, "saved_at": 1764000000.0,
     "history": {"<uid>": {"hotkey": "<ss58>", "incentives": [0.98, ...]}},
     "last_loop": {"step": 12, "rewards": {"<uid>": [0.91, ...]}, "weights": {"<uid>": 0.4}}}

Written to a temporary file, fsynced, then renamed over the old one: a
``kill -9`` at any moment leaves either the previous or the new state, so
at most the loop in progress is lost. No pickle: the file is data only.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from logicnet.errors import ConfigError
from logicnet.fileio import write_json_atomic
from logicnet.validator.profiles import PROFILES, ScoringProfile, get_profile

__all__ = ["MinerRecord", "ValidatorState", "load_state", "save_state"]

VERSION = 1
# The most any profile keeps: a state saved under one profile still serves the other.
MAX_HISTORY = max(p.history for p in PROFILES.values())


@dataclass
class MinerRecord:
    hotkey: str
    incentives: list[float] = field(default_factory=list)

    def add(self, value: float, keep: int = MAX_HISTORY) -> None:
        self.incentives.append(value if math.isfinite(value) else 0.0)
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
    def from_json(cls, data: Any, source: str) -> ValidatorState:
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ConfigError(f"{source}: not a version-{VERSION} validator state")
        history: dict[int, MinerRecord] = {}
        raw_history = data.get("history", {})
        if not isinstance(raw_history, dict):
            raise ConfigError(f"{source}: 'history' must be an object")
        for key, value in raw_history.items():
            try:
                uid = int(key)
                hotkey = str(value["hotkey"])
                incentives = [float(x) for x in value["incentives"]][-MAX_HISTORY:]
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"{source}: bad history entry for uid {key!r}") from exc
            history[uid] = MinerRecord(hotkey, [x if math.isfinite(x) else 0.0 for x in incentives])
        step = data.get("step", 0)
        if not isinstance(step, int) or step < 0:
            raise ConfigError(f"{source}: 'step' must be a whole number")
        last = data.get("last_loop", {})
        return cls(step=step, history=history, last_loop=last if isinstance(last, dict) else {})


def save_state(state: ValidatorState, path: Path) -> None:
    write_json_atomic(path, state.to_json(), durable=True)


def load_state(path: Path) -> ValidatorState:
    """The saved state, a fresh one when there is none; a corrupt file is an error, not a reset."""
    if not path.exists():
        return ValidatorState()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(
            f"validator state {path} is unreadable ({exc}); move it away to start afresh"
        ) from exc
    return ValidatorState.from_json(data, str(path))
