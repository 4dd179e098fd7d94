"""/metrics and /status.json scrape time while the counters are being hammered.

    python benchmarks/metrics_scrape.py [--scrapes 200] [--writers 4] [--scrapers 4]

A miner's metrics with realistic label sets (64 validators' volume, 3 strategies, 2 LLM
endpoints with 5 outcomes, every refusal status) are served on 127.0.0.1; ``--writers``
threads record answers, refusals and LLM calls as fast as they can (far more than a real
miner's rate) while ``--scrapers`` threads fetch /metrics, then /status.json, over real
HTTP. Prints p50/p99/max scrape times, the response size, and the writers' event rate with
and without scraping (how much serving the page costs the code that counts). Bounded: stops
after ``--scrapes`` scrapes per path; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from logicnet.metrics.miner import MinerMetrics  # noqa: E402
from logicnet.metrics.server import MetricsServer  # noqa: E402

VALIDATORS = {f"5{'V' * 40}{i:06d}": (i % 7, 50) for i in range(64)}
STRATEGIES = ("engine", "baseline", "program")
OUTCOMES = ("ok", "timeout", "http_500", "rate_limited", "connection_error")


def writer(metrics: MinerMetrics, stop: threading.Event, counts: list[int]) -> None:
    n = 0
    while not stop.is_set():
        metrics.answered("LogicSynapse", 0.01 * (n % 300), STRATEGIES[n % 3], n % 11 != 0)
        metrics.refused("LogicSynapse", (403, 429, 503)[n % 3])
        metrics.count_llm_call(f"http://127.0.0.1:{8000 + n % 2}/v1", OUTCOMES[n % 5])
        n += 1
    counts.append(n)


def events_per_second(metrics: MinerMetrics, writers: int, seconds: float) -> float:
    stop, counts = threading.Event(), []
    threads = [
        threading.Thread(target=writer, args=(metrics, stop, counts)) for _ in range(writers)
    ]
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    return 3 * sum(counts) / seconds


def scrape_times(url: str, scrapes: int, scrapers: int) -> tuple[list[float], int]:
    times: list[float] = []
    size = [0]
    lock = threading.Lock()
    per = max(scrapes // scrapers, 1)

    def scraper() -> None:
        for _ in range(per):
            start = time.perf_counter()
            with urllib.request.urlopen(url, timeout=10) as r:
                body = r.read()
            elapsed = time.perf_counter() - start
            with lock:
                times.append(elapsed)
                size[0] = len(body)

    threads = [threading.Thread(target=scraper) for _ in range(scrapers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, size[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scrapes", type=int, default=200)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--scrapers", type=int, default=4)
    args = parser.parse_args()
    metrics = MinerMetrics()
    metrics.watch_volumes(lambda: VALIDATORS)
    print(f"load average at start: {os.getloadavg()}")
    quiet_rate = events_per_second(metrics, args.writers, 2.0)
    with MetricsServer(metrics) as server:
        stop, counts = threading.Event(), []
        threads = [
            threading.Thread(target=writer, args=(metrics, stop, counts))
            for _ in range(args.writers)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        results = {}
        for path in ("/metrics", "/status.json", "/"):
            results[path] = scrape_times(server.url + path, args.scrapes, args.scrapers)
        stop.set()
        for t in threads:
            t.join()
        busy_rate = 3 * sum(counts) / (time.perf_counter() - started)
    print(
        f"{args.writers} writer threads, {args.scrapers} concurrent scrapers, "
        f"{args.scrapes} scrapes per path"
    )
    print(f"{'path':<14}{'bytes':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for path, (times, size) in results.items():
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"{path:<14}{size:>8}{statistics.median(times) * 1000:>9.1f}"
            f"{p99 * 1000:>9.1f}{times[-1] * 1000:>9.1f}"
        )
    print(f"counter updates/s: {quiet_rate:,.0f} without scrapes, {busy_rate:,.0f} while scraped")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
