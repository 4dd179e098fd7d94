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
from logicnet.validator.incentive import HISTORY

__all__ = ["MinerRecord", "ValidatorState", "load_state", "save_state"]

VERSION = 1


@dataclass
class MinerRecord:
    hotkey: str
    incentives: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.incentives.append(value if math.isfinite(value) else 0.0)
        del self.incentives[:-HISTORY]


@dataclass
class ValidatorState:
    step: int = 0
    history: dict[int, MinerRecord] = field(default_factory=dict)
    last_loop: dict[str, Any] = field(default_factory=dict)

    def record(self, uid: int, hotkey: str, incentive: float) -> None:
        rec = self.history.get(uid)
        if rec is None or rec.hotkey != hotkey:  # a new hotkey on this uid starts afresh
            rec = self.history[uid] = MinerRecord(hotkey)
        rec.add(incentive)

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
            "history": {str(uid): {"hotkey": r.hotkey, "incentives": r.incentives}
                        for uid, r in sorted(self.history.items())},
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
                incentives = [float(x) for x in value["incentives"]][-HISTORY:]
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"{source}: bad history entry for uid {key!r}") from exc
            history[uid] = MinerRecord(hotkey, [x if math.isfinite(x) else 0.0
                                                for x in incentives])
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
        raise ConfigError(f"validator state {path} is unreadable ({exc}); move it away to "
                          "start afresh") from exc
    return ValidatorState.from_json(data, str(path))
