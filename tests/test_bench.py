"""``logicnet bench`` end to end on a small draw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from logicnet.bench import mathgen_items, summarise

ROOT = Path(__file__).resolve().parents[1]


def test_items_are_reproducible_and_dressed() -> None:
    a = mathgen_items(2, seed=7, topics=[("algebra", "basic_algebra")])
    b = mathgen_items(2, seed=7, topics=[("algebra", "basic_algebra")])
    assert a == b and len(a) == 6
    assert {i.form for i in a} == {"raw", "wrapped", "lettered"}
    assert a[1].question.startswith("Find the solution of this math problem:")
    assert mathgen_items(2, seed=8, topics=[("algebra", "basic_algebra")]) != a


def test_bench_command_writes_results_table_and_report(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "logicnet",
            "bench",
            "--miner.strategy",
            "engine",
            "--topics",
            "algebra/basic_algebra",
            "--per-topic",
            "4",
            "--similarity",
            "off",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert "algebra/basic_algebra" in out.stdout and "OVERALL" in out.stdout
    records = [json.loads(x) for x in (tmp_path / "results.jsonl").read_text().splitlines()]
    assert len(records) == 12
    assert all(r["correct_net"] == 1.0 and r["correct_seed"] == 1.0 for r in records)
    assert (tmp_path / "report.html").is_file()
    rows = summarise(records)
    assert rows[-1]["topic"].startswith("OVERALL") and rows[-1]["n"] == 12


def test_similarity_model_loads_offline_and_ranks_sensibly() -> None:
    import pytest

    from logicnet.validator.similarity import load_similarity

    sim = load_similarity()
    if sim is None:
        pytest.skip("the similarity model is not installed (bash install.sh --validator)")
    close = sim.score("Subtract 5, then divide by 8: x = 1/8.", "8x + 5 = 6 so 8x = 1 and x = 1/8")
    far = sim.score("Paris is the capital of France.", "8x + 5 = 6 so 8x = 1 and x = 1/8")
    assert close > far + 0.3
    assert sim.score_pairs(["", "a"], ["b", ""]) == [0.0, 0.0]


def test_bench_on_a_paraphrase_file_reports_coverage_precision_and_reference(
    tmp_path: Path,
) -> None:
    lines = [
        {
            "topic": "greatest_common_divisor",
            "logic_question": "Hey! What's the GCD of 12 and 18?",
            "ground_truth": "6",
            "reference": "The GCD of 12 and 18 is 6.",
        },
        {
            "topic": "greatest_common_divisor",
            "logic_question": "Tell me a story about a dragon.",
            "ground_truth": "6",
        },
        {
            "topic": "factorial",
            "logic_question": "What is five factorial, please?",
            "ground_truth": "120",
            "raw_question": "5! =",
        },
        {
            "topic": "binary_2s_complement",
            "logic_question": "2's complement of?",
            "ground_truth": "",
        },
    ]
    data = tmp_path / "questions.jsonl"
    data.write_text("".join(json.dumps(x) + "\n" for x in lines))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "logicnet",
            "bench",
            "--miner.strategy",
            "engine",
            "--input",
            str(data),
            "--similarity",
            "off",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert "correct (2025 rules)" in out.stdout and "coverage" in out.stdout
    records = [json.loads(x) for x in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    by_question = {r["question"]: r for r in records}
    assert "2's complement of?" not in by_question  # no ground truth: left out
    story = by_question["Tell me a story about a dragon."]
    assert story["answered"] is False and story["strategy"].endswith(":fallback")
    assert by_question["Hey! What's the GCD of 12 and 18?"]["correct_net"] == 1.0
    assert by_question["What is five factorial, please?"]["raw_question"] == "5! ="
    gcd = [r for r in summarise(records) if r["topic"] == "greatest_common_divisor"][0]
    assert gcd["coverage"] == 0.5 and gcd["precision"] == 1.0
    page = (tmp_path / "out" / "report.html").read_text()
    for fact in ("strategy", "logicnet version", "date (UTC)", "machine", "questions.jsonl"):
        assert fact in page


def test_similarity_uses_the_lines_reference_and_says_so(tmp_path: Path) -> None:
    import pytest

    from logicnet.validator.similarity import load_similarity

    if load_similarity() is None:
        pytest.skip("the similarity model is not installed")
    data = tmp_path / "q.jsonl"
    data.write_text(
        json.dumps(
            {
                "topic": "t",
                "logic_question": "What is GCD(12,18)?",
                "ground_truth": "6",
                "reference": "GCD is 6.",
            }
        )
        + "\n"
        + json.dumps({"topic": "t", "question": "GCD(12,18) =", "answer": "6"})
        + "\n"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "logicnet",
            "bench",
            "--miner.strategy",
            "engine",
            "--input",
            str(data),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert "the line's reference for 1 item" in out.stdout
    assert "the engine's working for the raw question for 1 item" in out.stdout
