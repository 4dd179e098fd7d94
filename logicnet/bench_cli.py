"""Wiring for ``logicnet bench``: flags in, a scored run, a table and a report out."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from logicnet.bench import (
    FORMS,
    BenchItem,
    format_table,
    jsonl_items,
    mathgen_items,
    run_bench,
    run_facts,
    summarise,
    write_report,
)
from logicnet.challenges.topics import topic_pairs
from logicnet.errors import ConfigError
from logicnet.miner.solvers.factory import build_solver, choose_strategy
from logicnet.settings import LLMSettings

__all__ = ["run_bench_command"]

log = logging.getLogger(__name__)


def _select_topics(spec: str) -> list[tuple[str, str]]:
    pairs = topic_pairs()
    if not spec.strip():
        return pairs
    chosen: list[tuple[str, str]] = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        matched = [pr for pr in pairs if part in (pr[0], f"{pr[0]}/{pr[1]}", pr[1])]
        if not matched:
            raise ConfigError(f"--topics: unknown topic or subtopic {part!r}")
        chosen.extend(m for m in matched if m not in chosen)
    return chosen


LINE_REFERENCE = "the line's reference"
ENGINE_REFERENCE = "the engine's working for the raw question"


def _reference(item: BenchItem) -> tuple[str, str] | None:
    """What a validator would compare the reasoning with, and where it came from: the line's
    own reference (the validator model's solution) when the file has one, else the engine's
    working for the raw question (an offline stand-in)."""
    if item.reference:
        return item.reference, LINE_REFERENCE
    from logicnet.engine import solve

    found = solve(item.raw_question)
    return (found.reasoning, ENGINE_REFERENCE) if found else None


def run_bench_command(ns: argparse.Namespace) -> int:
    forms = tuple(f.strip() for f in ns.forms.split(",") if f.strip())
    if not forms or any(f not in FORMS for f in forms):
        raise ConfigError(f"--forms takes a comma-separated subset of {', '.join(FORMS)}")
    if ns.input:
        items = jsonl_items(Path(ns.input))
    else:
        items = mathgen_items(ns.per_topic, ns.seed, _select_topics(ns.topics), forms)
    similarity = None
    if ns.similarity == "auto":
        from logicnet.validator.similarity import load_similarity

        similarity = load_similarity()
        if similarity is None:
            log.warning(
                "similarity off: install the validator extras (bash install.sh "
                "--validator) for all-MiniLM-L6-v2"
            )
    settings = LLMSettings.from_args(ns)
    out_dir = Path(ns.out)
    from logicnet.engine import solve as warm_up

    warm_up("warm-up")  # loads every engine family now, not inside the first timed answer

    described = ""

    async def go() -> list[dict]:
        nonlocal described
        strategy, notes = await choose_strategy(settings)
        bundle = build_solver(settings, strategy, notes)
        described = bundle.describe()
        print(f"bench: {len(items)} challenges through {described}", file=sys.stderr)
        try:
            return await run_bench(
                bundle.solver,
                items,
                timeout=ns.timeout,
                concurrency=ns.concurrency,
                epoch_volume=ns.epoch_volume,
                out_path=out_dir / "results.jsonl",
                similarity=similarity.score_pairs if similarity else None,
                reference=_reference if similarity else None,
            )
        finally:
            await bundle.close()

    records = asyncio.run(go())
    rows = summarise(records)
    print(format_table(rows))
    conventional = [r for r in records if r.get("plain_value")]
    if conventional:
        first = conventional[0]
        print(
            f"note: {len(conventional)} answer{'' if len(conventional) == 1 else 's'} follow "
            "mathgenerator 1.5.0's convention where the plain mathematical value differs "
            f"(e.g. {first['answer']!r}, plain {first['plain_value']!r}); results.jsonl has "
            "'plain_value' on each (README: 'The generator's conventions')",
            file=sys.stderr,
        )
    if similarity is not None:
        used: dict[str, int] = {}
        for record in records:
            source = record.get("reference_source") or "none (no reference)"
            used[source] = used.get(source, 0) + 1
        print(
            "similarity reference: "
            + "; ".join(
                f"{name} for {count} item{'' if count == 1 else 's'}"
                for name, count in used.items()
            )
        )
    source = str(ns.input) if ns.input else f"mathgenerator, {ns.per_topic} per subtopic"
    facts = run_facts(described, None if ns.input else ns.seed, source)
    written = write_report(
        records, rows, out_dir, f"logicnet bench: {len(records)} challenges", facts
    )
    print(
        f"results: {out_dir / 'results.jsonl'}; report: {', '.join(str(p) for p in written)}",
        file=sys.stderr,
    )
    return 0
