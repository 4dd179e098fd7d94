"""The miner's metrics: requests by outcome, answer time by strategy, LLM calls, sandbox runs,
volume used per validator.

    logicnet_miner_requests_total{synapse,outcome,hotkey}  answered | fallback | refused_<status>
    logicnet_miner_answer_seconds{strategy,hotkey}         histogram of forward time
    logicnet_miner_llm_calls_total{endpoint,outcome}       one per attempt: ok | timeout | ...
    logicnet_miner_sandbox_runs_total{outcome}             SandboxResult.exit_reason
    logicnet_miner_volume_used{validator,hotkey}           requests admitted this interval
    logicnet_miner_volume_limit{validator,hotkey}          the validator's share of the volume

One process may serve several hotkeys (``--wallet.hotkeys``): they share one registry and
one page; ``hotkey`` is the served hotkey's short form (its first 8 characters,
``logicnet.miner.hotkeys.short_hotkey``). The LLM pool and the sandbox are shared by them
all, so their counts carry no hotkey.

Counting is a few lock-protected additions: it never waits on the HTTP server.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from logicnet.metrics import events

__all__ = ["ANSWER_BUCKETS", "MinerMetrics", "admission_volumes"]

# Validators allow 64 s by default (docs/network.md §2); the buckets resolve the fast answers
# finely.
ANSWER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 120.0)
# Recent answers kept for the page's latency plot.
RECENT = 300

VolumeView = Callable[[], Mapping[str, tuple[int, int]]]


def admission_volumes(admission: Any) -> Mapping[str, tuple[int, int]]:
    """{validator hotkey: (used, limit)} for this interval, read from a miner's Admission."""
    lock = getattr(admission, "_lock", None)
    if lock is None:
        return {}
    with lock:
        volumes = dict(getattr(admission, "_volumes", {}))
        used = dict(getattr(admission, "_used", {}))
    return {hotkey: (used.get(hotkey, 0), limit) for hotkey, limit in volumes.items()}


class _VolumeCollector(Collector):
    def __init__(self) -> None:
        self.views: dict[str, VolumeView] = {}  # served hotkey's label -> its volume table

    def read(self) -> list[tuple[str, str, int, int]]:
        """(served hotkey, validator, used, limit), sorted."""
        return sorted(
            (served, validator, n, cap)
            for served, view in list(self.views.items())
            for validator, (n, cap) in view().items()
        )

    def collect(self) -> Iterator[GaugeMetricFamily]:
        used = GaugeMetricFamily(
            "logicnet_miner_volume_used",
            "Requests admitted from each validator in this interval",
            labels=["validator", "hotkey"],
        )
        limit = GaugeMetricFamily(
            "logicnet_miner_volume_limit",
            "Requests each validator may send in this interval",
            labels=["validator", "hotkey"],
        )
        for served, validator, n, cap in self.read():
            used.add_metric([validator, served], n)
            limit.add_metric([validator, served], cap)
        yield used
        yield limit


class MinerMetrics:
    """Counters of one miner, registered on ``registry``."""

    role = "miner"

    def __init__(self, registry: CollectorRegistry | None = None, admission: Any = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "logicnet_miner_requests",
            "Requests by synapse and outcome",
            ["synapse", "outcome", "hotkey"],
            registry=r,
        )
        self.answer_seconds = Histogram(
            "logicnet_miner_answer_seconds",
            "Time from forward start to answer, by strategy",
            ["strategy", "hotkey"],
            buckets=ANSWER_BUCKETS,
            registry=r,
        )
        self.llm_calls = Counter(
            "logicnet_miner_llm_calls",
            "LLM attempts by endpoint and outcome",
            ["endpoint", "outcome"],
            registry=r,
        )
        self.sandbox_runs = Counter(
            "logicnet_miner_sandbox_runs", "Sandbox jobs by outcome", ["outcome"], registry=r
        )
        self._volumes = _VolumeCollector()
        r.register(self._volumes)
        self.started = time.time()
        self._lock = threading.Lock()
        self._recent: deque[tuple[float, float, str]] = deque(maxlen=RECENT)
        self._served: dict[str, tuple[int | None, int]] = {}  # label -> (uid, port)
        if admission is not None:
            self.watch_volumes(lambda: admission_volumes(admission))

    def bind(self) -> None:
        """Count the current task's LLM calls and sandbox runs here (see events.py)."""
        events.bind(self)

    def watch_volumes(self, view: VolumeView, hotkey: str = "") -> None:
        """Read volume used per validator of the served ``hotkey`` from ``view`` at each
        scrape."""
        self._volumes.views[hotkey] = view

    def serving(self, hotkey: str, uid: int | None, port: int) -> None:
        """The process serves ``hotkey`` (short form) as ``uid`` on ``port``: a page row."""
        with self._lock:
            self._served[hotkey] = (uid, port)

    # -- events (called by the service, the LLM pool and the sandbox through events.py)

    def answered(
        self, synapse: str, seconds: float, strategy: str, complete: bool, hotkey: str = ""
    ) -> None:
        outcome = "answered" if complete else "fallback"
        self.requests.labels(synapse, outcome, hotkey).inc()
        self.answer_seconds.labels(strategy, hotkey).observe(seconds)
        with self._lock:
            self._recent.append((time.time(), seconds, outcome))

    def info_answered(self, hotkey: str = "") -> None:
        self.requests.labels("Information", "answered", hotkey).inc()

    def refused(self, synapse: str, status: int, hotkey: str = "") -> None:
        self.requests.labels(synapse or "unknown", f"refused_{int(status)}", hotkey).inc()

    def count_llm_call(self, endpoint: str, outcome: str) -> None:
        self.llm_calls.labels(endpoint, outcome).inc()

    def count_sandbox_run(self, outcome: str) -> None:
        self.sandbox_runs.labels(outcome).inc()

    # -- the page

    def status(self) -> dict[str, Any]:
        """What the status page shows (its /status.json)."""
        by_outcome: dict[str, float] = {}
        by_synapse: dict[str, dict[str, float]] = {}
        by_hotkey: dict[str, dict[str, float]] = {}
        for sample in _samples(self.requests, "_total"):
            synapse, outcome = sample.labels["synapse"], sample.labels["outcome"]
            by_outcome[outcome] = by_outcome.get(outcome, 0.0) + sample.value
            outcomes = by_synapse.setdefault(synapse, {})
            outcomes[outcome] = outcomes.get(outcome, 0.0) + sample.value
            if synapse == "LogicSynapse":
                mine = by_hotkey.setdefault(sample.labels["hotkey"], {})
                kind = "refused" if outcome.startswith("refused_") else outcome
                mine[kind] = mine.get(kind, 0.0) + sample.value
        refused = sum(v for k, v in by_outcome.items() if k.startswith("refused_"))
        counts: dict[str, list[float]] = {}
        for sample in _samples(self.answer_seconds, "_count"):
            labels = sample.labels
            total = _sample_value(
                self.answer_seconds,
                "_sum",
                {"strategy": labels["strategy"], "hotkey": labels["hotkey"]},
            )
            entry = counts.setdefault(labels["strategy"], [0.0, 0.0])
            entry[0] += sample.value
            entry[1] += total
        strategies = [
            [strategy, int(n), round(total / n, 3) if n else 0.0]
            for strategy, (n, total) in sorted(counts.items())
        ]
        with self._lock:
            recent = [[round(t, 3), round(s, 4), o] for t, s, o in self._recent]
            served = dict(self._served)
        volumes = self._volumes.read()
        several = len({row[0] for row in volumes} | set(served)) > 1
        hotkey_rows = [
            [
                label,
                "-" if uid is None else uid,
                port,
                by_hotkey.get(label, {}).get("answered", 0.0),
                by_hotkey.get(label, {}).get("fallback", 0.0),
                by_hotkey.get(label, {}).get("refused", 0.0),
            ]
            for label, (uid, port) in sorted(served.items())
        ]
        tables: list[dict[str, Any]] = []
        if hotkey_rows:
            tables.append(
                {
                    "title": f"Hotkeys served by this process ({len(hotkey_rows)})",
                    "columns": ["hotkey", "uid", "port", "answered", "fallbacks", "refused"],
                    "rows": hotkey_rows,
                }
            )
        return {
            "role": self.role,
            "uptime_s": round(time.time() - self.started, 1),
            "cards": [
                ["answered", by_outcome.get("answered", 0.0)],
                ["fallbacks", by_outcome.get("fallback", 0.0)],
                ["refused", refused],
                ["LLM calls", sum(s.value for s in _samples(self.llm_calls, "_total"))],
                ["sandbox runs", sum(s.value for s in _samples(self.sandbox_runs, "_total"))],
            ],
            "tables": [
                *tables,
                {
                    "title": "Requests",
                    "columns": ["synapse", "outcome", "count"],
                    "rows": [
                        [syn, out, n]
                        for syn, outs in sorted(by_synapse.items())
                        for out, n in sorted(outs.items())
                    ],
                },
                {
                    "title": "Answer time by strategy",
                    "columns": ["strategy", "answers", "mean seconds"],
                    "rows": strategies,
                },
                {
                    "title": "LLM calls",
                    "columns": ["endpoint", "outcome", "count"],
                    "rows": [
                        [s.labels["endpoint"], s.labels["outcome"], s.value]
                        for s in _samples(self.llm_calls, "_total")
                    ],
                },
                {
                    "title": "Sandbox runs",
                    "columns": ["outcome", "count"],
                    "rows": [
                        [s.labels["outcome"], s.value]
                        for s in _samples(self.sandbox_runs, "_total")
                    ],
                },
                {
                    "title": "Volume per validator (this interval)",
                    "columns": (["hotkey"] if several else []) + ["validator", "used", "limit"],
                    "rows": [
                        ([served_by] if several else []) + [_short(hk), used, cap]
                        for served_by, hk, used, cap in volumes
                    ],
                },
            ],
            "series": {
                "title": "Answer time (s), last answers",
                "points": recent,
                "legend": "red: fallback",
            },
        }


def _short(hotkey: str) -> str:
    """A hotkey as people compare them: the first and last characters (the page only)."""
    return hotkey if len(hotkey) <= 20 else f"{hotkey[:10]}…{hotkey[-6:]}"


def _samples(metric: Any, suffix: str) -> list[Any]:
    """The samples of one metric whose name ends with ``suffix`` (e.g. counters' _total)."""
    out: list[Any] = []
    for family in metric.collect():
        out.extend(s for s in family.samples if s.name.endswith(suffix))
    return out


def _sample_value(metric: Any, suffix: str, labels: dict[str, str]) -> float:
    for sample in _samples(metric, suffix):
        if all(sample.labels.get(k) == v for k, v in labels.items()):
            return float(sample.value)
    return 0.0
