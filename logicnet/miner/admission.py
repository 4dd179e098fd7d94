"""Who may ask this miner, and how often (docs/network.md §4).

The volume table splits ``epoch_volume`` among callers by stake; each caller
may spend its share once per ``limit_interval``. All state sits behind one
lock: the axon runs blacklist/priority hooks from many requests at once.

Two entry points, because bittensor checks the blacklist BEFORE it verifies
the signature: ``check`` (read-only, for the blacklist) and ``consume`` (for
the first hook that runs after verification). Unsigned requests that merely
claim a validator's hotkey can therefore never spend its volume.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from logicnet.chain import MetagraphSnapshot
from logicnet.volume import volume_table

__all__ = ["Admission", "Refusal", "volume_table"]


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str


class Admission:
    """Thread-safe admission control for one miner."""

    def __init__(
        self,
        epoch_volume: int,
        min_stake: float,
        limit_interval: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.epoch_volume = epoch_volume
        self.min_stake = min_stake
        self.limit_interval = limit_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot: MetagraphSnapshot | None = None
        self._volumes: dict[str, int] = {}
        self._used: dict[str, int] = {}
        self._interval_start = clock()

    def update(self, snapshot: MetagraphSnapshot) -> None:
        """Recompute the volume table from a fresh metagraph; usage so far is kept."""
        volumes = volume_table(snapshot, self.epoch_volume, self.min_stake)
        with self._lock:
            self._snapshot = snapshot
            self._volumes = volumes
            self._used = {k: v for k, v in self._used.items() if k in volumes}

    @property
    def snapshot(self) -> MetagraphSnapshot | None:
        return self._snapshot

    def _roll_interval(self) -> None:
        now = self._clock()
        if now - self._interval_start >= self.limit_interval:
            self._used.clear()
            self._interval_start = now

    def _refusal(self, hotkey: str | None) -> Refusal | None:
        snap = self._snapshot
        if snap is None:
            return Refusal(503, "miner has no metagraph yet")
        if snap.by_hotkey(hotkey) is None:
            return Refusal(403, f"hotkey {hotkey} is not registered on netuid {snap.netuid}")
        volume = self._volumes.get(hotkey or "", 0)
        if volume <= 0:
            return Refusal(403, f"not enough stake (min_stake {self.min_stake:g})")
        if self._used.get(hotkey or "", 0) >= volume:
            left = self.limit_interval - (self._clock() - self._interval_start)
            return Refusal(
                429, f"volume of {volume} requests used up; resets in {max(left, 0):.0f} s"
            )
        return None

    def check(self, hotkey: str | None) -> Refusal | None:
        """Would a request from this hotkey be admitted? Spends nothing."""
        with self._lock:
            self._roll_interval()
            return self._refusal(hotkey)

    def consume(self, hotkey: str | None) -> Refusal | None:
        """Admit one verified request and count it, or say why not."""
        with self._lock:
            self._roll_interval()
            refusal = self._refusal(hotkey)
            if refusal is None:
                key = hotkey or ""
                self._used[key] = self._used.get(key, 0) + 1
            return refusal

    def stake_of(self, hotkey: str | None) -> float:
        snap = self._snapshot
        neuron = snap.by_hotkey(hotkey) if snap else None
        return neuron.stake if neuron else 0.0

    def usage(self) -> dict[str, tuple[int, int]]:
        """hotkey -> (used, volume) in the current interval."""
        with self._lock:
            return {k: (self._used.get(k, 0), v) for k, v in self._volumes.items()}
