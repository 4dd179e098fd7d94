"""What the validator service tells its observers (the metrics, localnet's progress lines).

One frozen dataclass per kind of event; consumers ``match`` on the type. The gateway
(``logicnet.gateway.server``) reports each organic request as ``OrganicAnswered`` to the
same observer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from logicnet.validator.rewarder import Score

if TYPE_CHECKING:
    from logicnet.validator.service import LoopReport

__all__ = [
    "EventSink",
    "GroupScored",
    "LoopEnded",
    "LoopStarted",
    "OrganicAnswered",
    "QuestionsDropped",
    "ValidatorEvent",
    "ignore",
]


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
