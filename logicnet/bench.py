"""``logicnet bench``: run challenges through a strategy and score them as validators do.

Challenges come from mathgenerator (every topic of docs/network.md §9, in the forms a
validator sends: raw, wrapped, wrapped with an inserted letter) or from a
JSONL file (the paraphrase dev set's format). Each answer is scored with both
profiles' correctness rules and, when the similarity model is installed,
all-MiniLM-L6-v2 similarity against a reference: the line's own ``reference``
(the validator model's solution) when it has one, else the engine's working for
the raw question; each record says which. Coverage counts the answers the
strategy gave itself (not its fallback), precision the share of those that are
right. Results go to JSONL as they finish (errors stored as data); a table per
topic is printed and a report with plots written.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import json
import logging
import os
import random
import statistics
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from logicnet.challenges.generate import draw_problem
from logicnet.challenges.topics import UNWINNABLE, topic_pairs
from logicnet.challenges.wrap import insert_random_letter, wrap_math_question
from logicnet.errors import ConfigError
from logicnet.fileio import read_text_capped
from logicnet.miner.solvers.base import Solver
from logicnet.miner.solvers.factory import build_solver, choose_strategy
from logicnet.settings import LLMSettings
from logicnet.solve import Solved, attempt_with
from logicnet.validator.profiles import NETWORK_2025_05, SEED
from logicnet.validator.scoring import correctness, reward

__all__ = [
    "FORMS",
    "BenchItem",
    "format_table",
    "jsonl_items",
    "mathgen_items",
    "run_bench",
    "run_bench_command",
    "stable_seed",
    "summarise",
    "write_report",
]

log = logging.getLogger(__name__)

FORMS = ("raw", "wrapped", "lettered")
# (profile, the suffix of its record fields): both rule sets, each scored separately.
_RULE_SETS = ((SEED, "seed"), (NETWORK_2025_05, "net"))


@dataclass(frozen=True)
class BenchItem:
    id: str
    topic: str
    question: str
    truth: str
    raw_question: str
    form: str = "raw"
    reference: str | None = None  # the validator model's solution, when the file has one


def stable_seed(*parts: object) -> int:
    """A seed from the parts that is the same in every process (``hash`` is salted)."""
    digest = hashlib.sha256(repr(parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def mathgen_items(
    per_topic: int,
    seed: int,
    topics: Iterable[tuple[str, str]] | None = None,
    forms: Iterable[str] = FORMS,
) -> list[BenchItem]:
    """``per_topic`` problems per (topic, subtopic), each in every requested form."""
    items: list[BenchItem] = []
    for topic, subtopic in topics or topic_pairs():
        for index in range(per_topic):
            item_seed = stable_seed(seed, topic, subtopic, index)
            raw, truth = draw_problem(topic, subtopic, item_seed)
            wrapped = wrap_math_question(topic, subtopic, raw)
            for form in forms:
                question = {"raw": raw, "wrapped": wrapped}.get(form) or insert_random_letter(
                    wrapped, random.Random(item_seed)
                )
                items.append(
                    BenchItem(
                        f"{topic}/{subtopic}/{index}/{form}",
                        f"{topic}/{subtopic}",
                        question,
                        truth,
                        raw,
                        form,
                    )
                )
    return items


# --input is read only when it is a regular file of at most this size (a FIFO, a device or
# a directory is refused in one line); 64 MiB is tens of thousands of challenges.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def jsonl_items(path: Path) -> list[BenchItem]:
    """Lines of {"id"?, "question" (or "logic_question"), "answer" (or "ground_truth"),
    "topic"?, "raw_question"?, "reference"?} (the paraphrase dev set's format). Lines whose
    ground truth is empty are left out, as the validator leaves them out, and said so."""
    items = []
    empty: list[int] = []
    # Split at "\n" only: splitlines() would also split at U+2028, legal inside a JSON string.
    lines = read_text_capped(path, MAX_INPUT_BYTES, "--input").split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            question = row.get("question", row.get("logic_question"))
            truth = row.get("answer", row.get("ground_truth"))
            if not isinstance(question, str) or truth is None:
                raise ValueError(
                    "needs 'question' (or 'logic_question') and 'answer' (or 'ground_truth')"
                )
            raw = row.get("raw_question")
            reference = row.get("reference")
        except RecursionError:
            raise ConfigError(f"{path} line {number}: nested too deeply") from None
        except (ValueError, AttributeError) as exc:  # JSONDecodeError, an over-long integer
            raise ConfigError(f"{path} line {number}: {str(exc)[:200]}") from exc
        if not str(truth).strip():
            empty.append(number)  # nothing to be right about: any answer would "match"
            continue
        items.append(
            BenchItem(
                str(row.get("id", number)),
                str(row.get("topic", "file")),
                question,
                str(truth),
                raw if isinstance(raw, str) and raw else question,
                reference=reference if isinstance(reference, str) and reference.strip() else None,
            )
        )
    if empty:
        log.warning(
            "%s: line%s %s left out: empty ground truth",
            path,
            "" if len(empty) == 1 else "s",
            ", ".join(map(str, empty)),
        )
    return items


async def run_bench(
    solver: Solver,
    items: list[BenchItem],
    *,
    timeout: float,
    concurrency: int,
    epoch_volume: int,
    out_path: Path,
    similarity: Callable[[list[str], list[str]], list[float]] | None = None,
    reference: Callable[[BenchItem], tuple[str, str] | None] | None = None,
    progress: bool = True,
) -> list[dict[str, Any]]:
    """Solve every item, then score them all; records go to ``out_path`` as JSONL.

    Scoring (the similarity model above all) runs after solving, so it never
    competes with the solver for the CPU and the latencies are the solver's own.
    """
    from tqdm import tqdm

    gate = asyncio.Semaphore(concurrency)
    solved: list[tuple[BenchItem, Solved]] = []
    with tqdm(
        total=len(items), unit="q", file=sys.stderr, disable=not progress, desc="solving"
    ) as bar:

        async def one(item: BenchItem) -> None:
            async with gate:
                result = await attempt_with(solver, item.question, timeout)
            solved.append((item, result))
            bar.update(1)

        await asyncio.gather(*(one(item) for item in items))

    sims: list[float | None] = [None] * len(solved)
    sources: list[str | None] = [None] * len(solved)
    if similarity is not None and reference is not None:
        refs = [reference(item) for item, _ in solved]
        pairs = []
        for i, ref in enumerate(refs):
            if ref is not None:
                pairs.append((i, solved[i][1].solution.reasoning, ref[0]))
                sources[i] = ref[1]
        for chunk in range(0, len(pairs), 64):
            batch = pairs[chunk : chunk + 64]
            values = similarity([b[1] for b in batch], [b[2] for b in batch])
            for (i, _, _), value in zip(batch, values, strict=True):
                sims[i] = value
    records = [
        _score(item, result, timeout, epoch_volume, sims[i], sources[i])
        for i, (item, result) in enumerate(solved)
    ]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return records


RIGHT = 0.999  # a correctness at least this counts as right for precision


def _score(
    item: BenchItem,
    solved: Solved,
    timeout: float,
    epoch_volume: int,
    sim: float | None,
    source: str | None = None,
) -> dict[str, Any]:
    result = solved.record()
    fields = asdict(item)
    fields.pop("reference")  # long, and already in the input file
    record: dict[str, Any] = {
        **fields,
        "answer": result["logic_answer"],
        "strategy": result["strategy"],
        "elapsed_s": result["elapsed_s"],
        "reasoning_words": len(result["logic_reasoning"].split()),
        "answered": solved.answered,
    }
    if "error" in result:
        record["error"] = result["error"]
    if "plain_value" in result:  # the generator's convention answered, not plain mathematics
        record["plain_value"] = result["plain_value"]
    if "convention" in result:  # the engine answered: "generator" or "plain" (and why)
        record["convention"] = result["convention"]
        if "convention_why" in result:
            record["convention_why"] = result["convention_why"]
    record["similarity"] = sim
    record["reference_source"] = source
    answer = str(result["logic_answer"])
    for profile, key in _RULE_SETS:
        c = correctness(profile, item.truth, answer)
        score, method = c.score, str(c.method)
        if c.needs_judge and answer.strip().lower() == item.truth.strip().lower():
            score, method = 1.0, "judge:identical"  # what any judge says of identical answers
        record[f"correct_{key}"] = score
        record[f"method_{key}"] = method
        # Other judge-only items count as 0 here (no judge in the bench); the table counts them.
        record[f"reward_{key}"] = reward(
            profile,
            max(score or 0.0, 0.0),
            sim if sim is not None else 0.0,
            result["elapsed_s"],
            timeout,
            epoch_volume,
        )
    return record


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summarise(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per topic, then an overall row (topics whose answer follows from the question)."""
    unwinnable = {f"{t}/{s}" for t, s in UNWINNABLE}
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        groups.setdefault(r["topic"], []).append(r)

    def row(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
        lat = [r["elapsed_s"] for r in rows]
        sims = [r["similarity"] for r in rows if r["similarity"] is not None]
        answered = [r for r in rows if r.get("answered", True)]

        def mean_of(key: str) -> float:
            return statistics.fmean(max(r[key] or 0.0, 0.0) for r in rows)

        return {
            "topic": name,
            "n": len(rows),
            "correct_seed": mean_of("correct_seed"),
            "correct_net": mean_of("correct_net"),
            "judge_needed": sum(1 for r in rows if "judge" in (r["method_net"], r["method_seed"])),
            "coverage": len(answered) / len(rows),
            "precision": (sum((r["correct_net"] or 0.0) >= RIGHT for r in answered) / len(answered))
            if answered
            else None,
            "similarity": statistics.fmean(sims) if sims else None,
            "p50_s": _pct(lat, 0.5),
            "p99_s": _pct(lat, 0.99),
            "reward_seed": statistics.fmean(r["reward_seed"] for r in rows),
            "reward_net": statistics.fmean(r["reward_net"] for r in rows),
            "unwinnable": name in unwinnable,
        }

    rows = [row(name, groups[name]) for name in sorted(groups)]
    winnable = [r for r in records if r["topic"] not in unwinnable]
    if winnable:
        rows.append(row("OVERALL (winnable topics)", winnable))
    return rows


# (title, key, width, format): the table's columns, named for a reader without the spec.
_COLUMNS = (
    ("n", "n", 4, "d"),
    ("correct (seed rules)", "correct_seed", 20, ".3f"),
    ("correct (2025 rules)", "correct_net", 20, ".3f"),
    ("coverage", "coverage", 8, ".3f"),
    ("precision", "precision", 9, ".3f"),
    ("judge-only", "judge_needed", 10, "d"),
    ("similarity", "similarity", 10, ".3f"),
    ("p50 s", "p50_s", 7, ".3f"),
    ("p99 s", "p99_s", 7, ".3f"),
    ("reward (seed rules)", "reward_seed", 19, ".3f"),
    ("reward (2025 rules)", "reward_net", 19, ".3f"),
)


def format_table(rows: list[dict[str, Any]]) -> str:
    head = f"{'topic':44}" + "".join(f" {title:>{width}}" for title, _, width, _ in _COLUMNS)
    lines = [head, "-" * len(head)]
    for r in rows:
        mark = " *" if r["unwinnable"] else ""
        cells = []
        for _, key, width, fmt in _COLUMNS:
            value = r.get(key)
            cells.append(f" {'-':>{width}}" if value is None else f" {value:>{width}{fmt}}")
        lines.append(f"{(r['topic'] + mark)[:44]:44}" + "".join(cells))
    lines.append(
        "* unwinnable: the generator's answer does not follow from its question "
        "(left out of OVERALL)"
    )
    lines.append(
        "judge-only: answers only a judge could score (counted 1 when identical to "
        "the ground truth, else 0); coverage: answered by the strategy itself, not "
        "its fallback; precision: answered and right"
    )
    return "\n".join(lines)


def run_facts(strategy: str, seed: int | None, source: str) -> dict[str, str]:
    """What a report needs to be read later: what ran, on what, when, where."""
    import datetime
    import platform

    from logicnet import __version__

    return {
        "strategy": strategy,
        "challenges": source,
        "seed": "-" if seed is None else str(seed),
        "logicnet version": __version__,
        "date (UTC)": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.node()} ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()})",
    }


def write_report(
    records: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    out_dir: Path,
    title: str,
    facts: dict[str, str] | None = None,
) -> list[Path]:
    """report.html with the run's facts and the table, plus PNG plots with matplotlib."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    plots = [p.name for p in _plots(records, rows, out_dir)]
    written.extend(out_dir / name for name in plots)
    images = "".join(f'<p><img src="{name}" alt="{name}"></p>' for name in plots)
    about = "".join(
        f"<tr><th align=left>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
        for k, v in (facts or {}).items()
    )
    page = (
        f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title>"
        f"<h1>{html.escape(title)}</h1><table>{about}</table>"
        f"<pre>{html.escape(format_table(rows))}</pre>{images}"
    )
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    written.append(path)
    return written


def _plots(records: list[dict[str, Any]], rows: list[dict[str, Any]], out_dir: Path) -> list[Path]:
    """Correctness by topic and the latency distribution, when matplotlib is installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    written: list[Path] = []
    topics = [r for r in rows if not r["topic"].startswith("OVERALL")]
    fig, ax = plt.subplots(figsize=(10, max(4, 0.18 * len(topics))))
    ax.barh([r["topic"] for r in topics], [r["correct_net"] for r in topics], color="#4c72b0")
    ax.set_xlabel("mean correctness (network-2025-05 rules)")
    ax.set_xlim(0, 1.02)
    ax.tick_params(axis="y", labelsize=6)
    ax.invert_yaxis()
    fig.tight_layout()
    path = out_dir / "correctness_by_topic.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    written.append(path)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.hist([r["elapsed_s"] * 1000 for r in records], bins=50, color="#55a868")
    ax.set_xlabel("latency per answer (ms)")
    ax.set_ylabel("answers")
    fig.tight_layout()
    path = out_dir / "latency.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    written.append(path)
    return written


# ---------------------------------------------------------------- the command's run


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
    plain = [r for r in records if r.get("convention") == "plain"]
    if plain:
        print(
            f"note: {len(plain)} engine answer{'' if len(plain) == 1 else 's'} in plain "
            f"mathematics, not the generator's convention (e.g. {plain[0]['answer']!r}: "
            f"{plain[0].get('convention_why', '')}); results.jsonl has 'convention' on each",
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
