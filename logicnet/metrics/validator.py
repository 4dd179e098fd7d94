"""The validator's metrics, fed by the service's events (``on_event(event)``, the types of
``logicnet.validator.events``).

logicnet_validator_loops_total{result}            completed | interrupted
logicnet_validator_loop_seconds                   histogram of loop wall time
logicnet_validator_queries_total{outcome}         answered | unreachable | refused | ...
logicnet_validator_reply_seconds                  histogram of answered replies' time
logicnet_validator_reward{uid}                    a miner's mean reward in the last loop
logicnet_validator_weight{uid}                    the weight computed in the last loop
logicnet_validator_weights_set_total{outcome}     set | failed | disabled | empty
logicnet_validator_llm_calls_total{endpoint,outcome}
logicnet_validator_step                           loops finished (the state's step)
logicnet_validator_questions_dropped_total{source,reason}
                                                  questions left out: too_large (over the
                                                  miners' default body) | malformed
logicnet_validator_loop_queries{kind}             the last loop's queries: scheduled (the
                                                  profile's schedule) | planned (after
                                                  thinning to the scorer's pace) | asked
logicnet_validator_loop_miners_asked              distinct miners asked in the last loop
logicnet_validator_loop_overrun_seconds           how far the last loop's work ran past
                                                  loop_base_time (0 when it did not)
logicnet_validator_organic_requests_total{outcome}
                                                  gateway requests (--proxy.port) by HTTP
                                                  status: 200 | 400 | 401 | 429 | 504 | ...
logicnet_validator_organic_seconds                histogram of gateway request time
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from logicnet.metrics import events
from logicnet.validator.events import (
    GroupScored,
    LoopEnded,
    OrganicAnswered,
    QuestionsDropped,
    ValidatorEvent,
)

if TYPE_CHECKING:
    from logicnet.validator.events import LoopReport

__all__ = ["ValidatorMetrics"]

LOOP_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 900, 1200, 1800)
REPLY_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 120)
RECENT = 300


class ValidatorMetrics:
    """Counters of one validator, registered on ``registry``."""

    role = "validator"

    def __init__(
        self, registry: CollectorRegistry | None = None, weights_disabled: bool = False
    ) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.weights_disabled = weights_disabled
        self.loops = Counter("logicnet_validator_loops", "Loops by result", ["result"], registry=r)
        self.loop_seconds = Histogram(
            "logicnet_validator_loop_seconds", "Loop wall time", buckets=LOOP_BUCKETS, registry=r
        )
        self.queries = Counter(
            "logicnet_validator_queries", "Miner queries by outcome", ["outcome"], registry=r
        )
        self.reply_seconds = Histogram(
            "logicnet_validator_reply_seconds",
            "Process time of answered replies",
            buckets=REPLY_BUCKETS,
            registry=r,
        )
        self.reward = Gauge(
            "logicnet_validator_reward", "Mean reward in the last loop", ["uid"], registry=r
        )
        self.weight = Gauge(
            "logicnet_validator_weight", "Weight from the last loop", ["uid"], registry=r
        )
        self.weights_set = Counter(
            "logicnet_validator_weights_set", "set_weights by outcome", ["outcome"], registry=r
        )
        self.llm_calls = Counter(
            "logicnet_validator_llm_calls",
            "LLM attempts by endpoint and outcome",
            ["endpoint", "outcome"],
            registry=r,
        )
        self.step = Gauge("logicnet_validator_step", "Loops finished", registry=r)
        self.questions_dropped = Counter(
            "logicnet_validator_questions_dropped",
            "Questions a source left out, by source and reason",
            ["source", "reason"],
            registry=r,
        )
        self.loop_queries = Gauge(
            "logicnet_validator_loop_queries",
            "The last loop's queries: scheduled, planned (thinned to the scorer's pace), asked",
            ["kind"],
            registry=r,
        )
        self.miners_asked = Gauge(
            "logicnet_validator_loop_miners_asked",
            "Distinct miners asked in the last loop",
            registry=r,
        )
        self.overrun = Gauge(
            "logicnet_validator_loop_overrun_seconds",
            "How far the last loop's work ran past loop_base_time",
            registry=r,
        )
        self.organic = Counter(
            "logicnet_validator_organic_requests",
            "Gateway requests by HTTP status",
            ["outcome"],
            registry=r,
        )
        self.organic_seconds = Histogram(
            "logicnet_validator_organic_seconds",
            "Gateway request time",
            buckets=REPLY_BUCKETS,
            registry=r,
        )
        self.started = time.time()
        self._lock = threading.Lock()
        self._recent: deque[tuple[float, float, str]] = deque(maxlen=RECENT)
        self._last_loop: dict[str, Any] = {}

    # -- events

    def on_event(self, event: ValidatorEvent) -> None:
        """The service's event callback (groups, loop ends, dropped questions, the gateway's
        organic requests; others are ignored)."""
        match event:
            case GroupScored(scores=scores):
                now = time.time()
                with self._lock:
                    for row in scores:
                        if row.status == 200:
                            self.reply_seconds.observe(float(row.process_time))
                            self._recent.append((now, float(row.process_time), str(row.uid)))
            case LoopEnded(report=report):
                self._loop_end(report)
            case OrganicAnswered(outcome=outcome, seconds=seconds):
                # the outcome is our own status code (a small set), never the client's text
                self.organic.labels(outcome[:8]).inc()
                if seconds >= 0:
                    self.organic_seconds.observe(float(seconds))
            case QuestionsDropped(source=source, reason=reason, count=count):
                # Labels from the Challenger's own names (its sources, two reasons): bounded.
                if count > 0:
                    self.questions_dropped.labels(source[:32], reason[:32]).inc(count)

    def _loop_end(self, report: LoopReport) -> None:
        interrupted = report.interrupted
        self.loops.labels("interrupted" if interrupted else "completed").inc()
        self.loop_seconds.observe(float(report.seconds))
        for outcome, n in report.outcomes.items():
            self.queries.labels(str(outcome)).inc(n)
        self.loop_queries.labels("scheduled").set(report.scheduled)
        self.loop_queries.labels("planned").set(report.planned)
        self.loop_queries.labels("asked").set(report.queries)
        self.miners_asked.set(report.miners_asked)
        self.overrun.set(float(report.overrun_s))
        if interrupted:
            return
        self.step.set(report.step + 1)
        rewards: dict[int, float] = {}
        for uid, rows in report.scores.items():
            values = [r.reward for r in rows if r.reward is not None]
            if values:
                rewards[int(uid)] = sum(values) / len(values)
                self.reward.labels(str(uid)).set(rewards[int(uid)])
        weights = dict(report.weights)
        for uid, w in weights.items():
            self.weight.labels(str(uid)).set(float(w))
        if self.weights_disabled:
            outcome = "disabled"
        elif not weights:
            outcome = "empty"
        else:
            outcome = "set" if report.weights_set else "failed"
        self.weights_set.labels(outcome).inc()
        with self._lock:
            self._last_loop = {
                "step": report.step,
                "seconds": round(float(report.seconds), 2),
                "rewards": rewards,
                "weights": weights,
                "weights_outcome": outcome,
            }

    def bind(self) -> None:
        """Count the current task's LLM calls here (see events.py)."""
        events.bind(self)

    def count_llm_call(self, endpoint: str, outcome: str) -> None:
        self.llm_calls.labels(endpoint, outcome).inc()

    def count_sandbox_run(self, outcome: str) -> None:
        """The validator runs no model-written code; nothing to count."""

    # -- the page

    def status(self) -> dict[str, Any]:
        queries = {s.labels["outcome"]: s.value for s in _samples(self.queries, "_total")}
        loops = {s.labels["result"]: s.value for s in _samples(self.loops, "_total")}
        sets = {s.labels["outcome"]: s.value for s in _samples(self.weights_set, "_total")}
        dropped = [
            [s.labels["source"], s.labels["reason"], s.value]
            for s in _samples(self.questions_dropped, "_total")
        ]
        organic = {s.labels["outcome"]: s.value for s in _samples(self.organic, "_total")}
        with self._lock:
            last = dict(self._last_loop)
            recent = [[round(t, 3), round(s, 4), u] for t, s, u in self._recent]
        rewards: dict[int, float] = last.get("rewards", {})
        weights: dict[int, float] = last.get("weights", {})
        uids = sorted(set(rewards) | set(weights))
        outcome = last.get("weights_outcome", "-")
        return {
            "role": self.role,
            "uptime_s": round(time.time() - self.started, 1),
            "cards": [
                ["loops", loops.get("completed", 0.0)],
                ["queries", sum(queries.values())],
                ["answered", queries.get("answered", 0.0)],
                ["unreachable", queries.get("unreachable", 0.0)],
                ["weights set", sets.get("set", 0.0)],
            ],
            "tables": [
                {
                    "title": "Queries by outcome",
                    "columns": ["outcome", "count"],
                    "rows": [[k, v] for k, v in sorted(queries.items())],
                },
                {
                    "title": f"Miners, last loop (step {last.get('step', '-')}, "
                    f"{last.get('seconds', '-')} s, weights {outcome})",
                    "columns": ["uid", "mean reward", "weight"],
                    "rows": [
                        [
                            u,
                            round(rewards[u], 4) if u in rewards else "-",
                            round(float(weights.get(u, 0.0)), 4),
                        ]
                        for u in uids
                    ],
                },
                {
                    "title": "set_weights",
                    "columns": ["outcome", "count"],
                    "rows": [[k, v] for k, v in sorted(sets.items())],
                },
                {
                    "title": "Organic requests (gateway) by status",
                    "columns": ["status", "count"],
                    "rows": [[k, v] for k, v in sorted(organic.items())],
                },
                {
                    "title": "Questions dropped (not sent to miners)",
                    "columns": ["source", "reason", "count"],
                    "rows": sorted(dropped),
                },
                {
                    "title": "LLM calls",
                    "columns": ["endpoint", "outcome", "count"],
                    "rows": [
                        [s.labels["endpoint"], s.labels["outcome"], s.value]
                        for s in _samples(self.llm_calls, "_total")
                    ],
                },
            ],
            "series": {"title": "Reply time (s), last answered replies", "points": recent},
        }


def _samples(metric: Any, suffix: str) -> list[Any]:
    out: list[Any] = []
    for family in metric.collect():
        out.extend(s for s in family.samples if s.name.endswith(suffix))
    return out
