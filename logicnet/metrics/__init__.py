"""Prometheus metrics and a status page for the miner and the validator (``--metrics.port``).

    config.py     the ``--metrics.*`` flags and their settings object (imports nothing heavy)
    events.py     what deep code (LLM pool, sandbox) calls: routed to the current process's
                  metrics through a context variable, a no-op when none is bound
    miner.py      the miner's counters on a CollectorRegistry passed in
    validator.py  the validator's, fed by the service's loop events
    server.py     the HTTP server: /metrics (Prometheus text), / (the page), /status.json
    page.py       the page: plain HTML with inline JS and SVG, no external assets

Every metrics object takes its own ``CollectorRegistry`` (never prometheus_client's global
one), so several miners or validators can run in one process (the tests do).
"""
