"""What the validator service tells its observers (the metrics, localnet's progress lines).

One frozen dataclass per kind of event; consumers ``match`` on the type. The gateway
(``logicnet.gateway.server``) reports each organic request as ``OrganicAnswered`` to the
same observer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from logicnet.validator.rewarder import Score
from logicnet.volume import DEFAULT_EPOCH_VOLUME

__all__ = [
    "Census",
    "EventSink",
    "GroupScored",
    "LoopEnded",
    "LoopReport",
    "LoopStarted",
    "OrganicAnswered",
    "QuestionsDropped",
    "ValidatorEvent",
    "ignore",
]


@dataclass
class Census:
    """Who may be asked this loop, and why the others are not."""

    volumes: dict[int, int] = field(default_factory=dict)  # uid -> epoch_volume used
    unreachable: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # uid -> why
    volume_defaulted: list[int] = field(default_factory=list)  # no usable epoch_volume: 512


@dataclass
class LoopReport:
    step: int
    seconds: float = 0.0
    scores: dict[int, list[Score]] = field(default_factory=dict)
    skipped: int = 0
    skipped_by_uid: dict[int, int] = field(default_factory=dict)
    incentives: dict[int, float] = field(default_factory=dict)
    weights: dict[int, float] = field(default_factory=dict)
    weights_set: bool = False
    planned: int = 0  # queries the schedule asked for (after thinning)
    scheduled: int = 0  # queries the profile's schedule asked for before thinning
    batches_run: int = 0
    batches_planned: int = 0
    queries: int = 0
    miners_asked: int = 0
    cut_off: int = 0  # groups still running at the loop's end
    overrun_s: float = 0.0
    census: Census = field(default_factory=Census)
    outcomes: Counter[str] = field(default_factory=Counter)  # answered/unreachable/refused/..
    notes: list[str] = field(default_factory=list)
    interrupted: bool = False

    def summary(self) -> str:
        c = self.census
        parts = [
            f"loop {self.step}: {self.queries} quer{'y' if self.queries == 1 else 'ies'} in "
            f"{self.batches_run}/{self.batches_planned} batches to {self.miners_asked} of "
            f"{len(c.volumes)} miner{'' if len(c.volumes) == 1 else 's'}, {self.seconds:.1f}s"
        ]
        if self.scheduled > self.planned:
            parts.append(
                f"the schedule asked {self.scheduled}: thinned to what the scorer keeps up with"
            )
        parts.append(
            ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())) or "no replies"
        )
        if self.skipped:
            parts.append(f"{self.skipped} items skipped on our side")
        if c.unreachable:
            parts.append(f"Information unreachable: uids {c.unreachable}")
        if c.refused:
            parts.append(f"Information refused: uids {c.refused}")
        why = Counter(c.skipped.values())
        if why:
            parts.append(
                "not asked: " + ", ".join(f"{n} {reason}" for reason, n in sorted(why.items()))
            )
        if c.volume_defaulted:
            parts.append(
                f"no usable epoch_volume (counted as {DEFAULT_EPOCH_VOLUME}): uids "
                f"{c.volume_defaulted}"
            )
        parts.append("weights set" if self.weights_set else "weights NOT set")
        return "; ".join(parts + self.notes)


@dataclass(frozen=True)
class LoopStarted:
    """The loop's census and schedule are done: ``queries`` planned to ``miners``."""

    step: int
    miners: list[int]
    queries: int
    scheduled: int


@dataclass(frozen=True)
class GroupScored:
    """One group's answers to one challenge, scored (skipped ones included)."""

    step: int
    task_uid: str
    topic: str
    scores: tuple[Score, ...]

    def as_dict(self) -> dict[str, Any]:
        """The group as JSON-ready data (localnet's ``rounds[].groups[]``)."""
        return {
            "step": self.step,
            "task_uid": self.task_uid,
            "topic": self.topic,
            "scores": [asdict(s) for s in self.scores],
        }


@dataclass(frozen=True)
class LoopEnded:
    """The loop is over (finished, interrupted or with no metagraph)."""

    report: LoopReport


@dataclass(frozen=True)
class QuestionsDropped:
    """A challenge source left ``count`` questions out for ``reason``."""

    source: str
    reason: str
    count: int


@dataclass(frozen=True)
class OrganicAnswered:
    """The gateway answered (or refused) one organic request."""

    outcome: str  # our own status code, as text
    seconds: float
    decided_by: str = ""


ValidatorEvent = LoopStarted | GroupScored | LoopEnded | QuestionsDropped | OrganicAnswered
EventSink = Callable[[ValidatorEvent], None]


def ignore(event: ValidatorEvent) -> None:
    """The sink when nobody listens."""
