"""Where the generator's answer is not the plain mathematical value (issue 20, item 4).

    python benchmarks/conventions.py [--samples 1000] [--offset 500000] [--write]

Draws every subtopic's generator ``--samples`` times with its default parameters, as the
network calls it; reads each question (wrapped as validators send it) into its typed problem
as the engine does; and checks two
things per draw:

- the operands lie inside the subtopic's declared ranges (``@solves(..., drawn=...)``): a
  draw outside them means a range is declared too narrow;
- the generator's own answer against the engine's plain value for the same operands
  (``Solution.plain``, or the answer where the two agree).

Prints one line per subtopic and a Markdown table of the subtopics whose generator answer
differs from the plain value, with the share of draws affected; ``--write`` puts that table
into docs/conventions.md between its markers.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from logicnet.challenges.generate import GeneratorFailed, generate_problem  # noqa: E402
from logicnet.challenges.topics import topic_pairs  # noqa: E402
from logicnet.challenges.wrap import wrap_math_question  # noqa: E402
from logicnet.engine.core import typed_problem  # noqa: E402
from logicnet.engine.families import load_all  # noqa: E402
from logicnet.engine.problem import Unreadable, subtopic_of  # noqa: E402

DOC = ROOT / "docs" / "conventions.md"
BEGIN = "<!-- conventions table: python benchmarks/conventions.py --write -->"
END = "<!-- end of conventions table -->"


def _same(truth: str, plain: str) -> bool:
    return " ".join(truth.split()) == " ".join(plain.split())


def _part(text: str, other: str) -> str:
    """``text`` shortened to 40 characters around where it first differs from ``other``."""
    if len(text) <= 44:
        return text
    start = next((i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b), 0)
    start = max(0, min(start - 12, len(text) - 40))
    end = start + 40
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def survey(topic: str, subtopic: str, samples: int, offset: int) -> dict[str, object]:
    """One subtopic's draws: how many were read, fell outside the ranges, differ from plain."""
    read = outside = differs = failed = 0
    example = ""
    ranges = ""
    first_outside = ""
    for seed in range(offset, offset + samples):
        try:
            question, truth = generate_problem(topic, subtopic, seed)
        except GeneratorFailed:
            failed += 1
            continue
        problem = typed_problem(wrap_math_question(topic, subtopic, question))
        if problem is None:
            continue
        read += 1
        entry = subtopic_of(problem)
        ranges = entry.drawn.describe() if entry.drawn is not None else "(not declared)"
        why = entry.outside_ranges(problem)
        if why:
            outside += 1
            first_outside = first_outside or f"seed {seed}: {why}"
        try:
            solution = entry.solve(problem)
        except (Unreadable, ArithmeticError):
            continue
        plain = solution.plain or solution.answer
        if not _same(truth, plain):
            differs += 1
            shown = f"generator `{_part(truth, plain)}`, plain `{_part(plain, truth)}`"
            example = example or f"`{question[:60]}`: {shown}"
    return {
        "name": f"{topic}/{subtopic}",
        "read": read,
        "failed": failed,
        "outside": outside,
        "first_outside": first_outside,
        "differs": differs,
        "example": example,
        "ranges": ranges,
    }


def table(rows: list[dict[str, object]], samples: int) -> str:
    """Two Markdown tables: where the generator's answer differs, and every subtopic's ranges."""
    lines = [
        f"Measured by drawing each generator {samples} times with its default parameters "
        "(`python benchmarks/conventions.py --write`).",
        "",
        "#### Where the generator's answer is not the plain value",
        "",
        "| subtopic | draws read | draws whose answer differs | example |",
        "| --- | --- | --- | --- |",
    ]
    for row in rows:
        if not row["differs"]:
            continue
        read = int(str(row["read"]))
        share = int(str(row["differs"])) / read if read else 0.0
        lines.append(f"| `{row['name']}` | {read} | {share:.1%} | {row['example']} |")
    lines += [
        "",
        "#### Every subtopic's operands, as the generator draws them",
        "",
        "| subtopic | default ranges | draws read |",
        "| --- | --- | --- |",
    ]
    for row in rows:
        ranges = str(row["ranges"]).replace("|", "\\|")
        lines.append(f"| `{row['name']}` | {ranges} | {row['read']} |")
    return "\n".join(lines)


def write(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    DOC.write_text(doc[:start] + "\n" + text + "\n" + doc[end:], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000, help="draws per subtopic")
    parser.add_argument("--offset", type=int, default=500_000, help="first seed")
    parser.add_argument("--only", default="", help="only subtopics whose name contains this")
    parser.add_argument("--write", action="store_true", help="update docs/conventions.md")
    args = parser.parse_args()
    load_all()
    started = time.monotonic()
    rows = []
    bad = 0
    for topic, subtopic in topic_pairs():
        if args.only and args.only not in f"{topic}/{subtopic}":
            continue
        row = survey(topic, subtopic, args.samples, args.offset)
        rows.append(row)
        flag = ""
        if row["outside"]:
            bad += 1
            flag = f"  OUTSIDE {row['outside']} ({row['first_outside']})"
        print(
            f"{row['name']:<55} read {row['read']:>5}  differs {row['differs']:>5}  "
            f"[{row['ranges']}]{flag}",
            flush=True,
        )
    text = table(rows, args.samples)
    print()
    print(text)
    print(
        f"\n{len(rows)} subtopics in {time.monotonic() - started:.0f} s; "
        f"{bad} with draws outside their declared ranges"
    )
    if args.write:
        write(text)
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
