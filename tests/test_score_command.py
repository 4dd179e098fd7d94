"""``logicnet score`` through the real CLI entry: what a user sees, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from logicnet.cli import main
from logicnet.devkit.scripted_llm import ScriptedLLM, status
from logicnet.validator.scoring import reward


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["score", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_answer_prints_correctness_rule_and_reward(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--profile",
        "network-2025-05",
        "--ground-truth",
        "1/8",
        "--answer",
        "0.125",
        "--time",
        "3.2",
        "--timeout",
        "64",
        "--volume",
        "50",
        "--similarity",
        "0.8",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "correctness 1.0000"
    assert lines[1].startswith("rule        numeric")
    expected = reward("network-2025-05", 1.0, 0.8, 3.2, 64, 50)
    assert lines[2].startswith(f"reward      {expected:.4f}")
    # The seed revision reads only the first number of each side: 1 against 0.125.
    code, out, _ = run(capsys, "--profile", "seed", "--ground-truth", "1/8", "--answer", "0.125")
    assert code == 0 and out.splitlines()[0] == "correctness 0.1250"
    # A volume of 0 counts as 512, as the network treats a miner without a usable one.
    code, out, _ = run(capsys, "--ground-truth", "1", "--answer", "1", "--volume", "0")
    assert f"reward      {reward('network-2025-05', 1.0, 0.0, 0, 64, 512):.4f}" in out


@pytest.mark.parametrize(
    "answer,score,rule",
    [
        ("yes", 1.0, "exact"),
        ("unknown", 0.0, "local-judge"),
        ("Yes.", 1.0, "local-judge"),
        (";", 0.0, "judge"),
        ("<example>yes</example>", -1.0, "cheat"),
    ],
)
def test_judge_path_offline(
    capsys: pytest.CaptureFixture[str], answer: str, score: float, rule: str
) -> None:
    code, out, _ = run(capsys, "--json", "--ground-truth", "Yes", "--answer", answer)
    record = json.loads(out)
    assert code == 0 and (record["correctness"], record["rule"]) == (score, rule)
    assert record["reward"] == pytest.approx(reward("network-2025-05", score, 0.0, 0, 64, 512))


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--ground-truth", "1")
    assert code == 2 and "give --ground-truth and --answer" in err
    code, _, err = run(capsys, "--input", "/nonexistent/in.jsonl")
    assert code == 2 and "no such file" in err
    with pytest.raises(SystemExit) as exc:
        main(["score", "--profile", "nope", "--ground-truth", "1", "--answer", "1"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    code, _, err = run(capsys, "--ground-truth", "1", "--answer", "1", "--input", "x.jsonl")
    assert code == 2 and "not both" in err
    code, _, err = run(capsys, "--ground-truth", "1", "--answer", "1", "--time", "100")
    assert code == 2 and "after --timeout 64" in err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["score", "--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert 'logicnet score --ground-truth "1/8" --answer "0.125"' in out
    assert "--input" in out and "local-judge" in out


def test_jsonl_file_bad_lines_become_error_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "ground_truth": "42",
                        "answer": "42.0",
                        "process_time": 6.4,
                        "timeout": 64,
                        "epoch_volume": 256,
                        "similarity": 0.5,
                        "id": "a",
                    }
                ),
                "{not json",
                json.dumps({"answer": "1"}),
                json.dumps({"ground_truth": "42", "answer": {"value": 42}}),
                '{"ground_truth": "42", "answer": "4\\ud8002"}',
                json.dumps({"ground_truth": "42", "answer": "42", "process_time": "soon"}),
                json.dumps(["a list"]),
                "",
                json.dumps({"ground_truth": "2", "answer": "2", "time": 3.0}),
                json.dumps({"ground_truth": "2", "anwser": "3"}),
                json.dumps({"ground_truth": "2", "answer": "2", "process_time": 1e9}),
                json.dumps({"ground_truth": "2", "answer": "1e300*1e300"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "--input", str(source), "--output", str(target))
    assert code == 0
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 11
    assert rows[0]["id"] == "a" and rows[0]["rule"] == "numeric"
    assert rows[0]["reward"] == pytest.approx(reward("network-2025-05", 1.0, 0.5, 6.4, 64, 256))
    assert rows[1]["line"] == 2 and "error" in rows[1]
    assert "ground_truth" in rows[2]["error"]
    assert (rows[3]["rule"], rows[3]["reward"]) == ("invalid", 0.0)
    assert rows[4]["rule"] == "invalid" and "surrogate" in rows[4]["reason"]
    assert "process_time" in rows[5]["error"]
    assert "JSON object" in rows[6]["error"]
    assert "did you mean 'process_time'" in rows[7]["error"]
    assert "did you mean 'answer'" in rows[8]["error"]
    assert "between 0 and the timeout" in rows[9]["error"]
    assert (rows[10]["rule"], rows[10]["correctness"]) == ("numeric", 0.0)
    assert "4 scored, 7 error records" in err


def test_judge_llm_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def respond(payload: dict[str, Any]) -> str:
        return "no" if "screen answers" in payload["messages"][0]["content"] else "0.75"

    with ScriptedLLM(responder=respond) as srv:
        code, out, _ = run(
            capsys,
            "--json",
            "--ground-truth",
            "Yes",
            "--answer",
            "affirmative",
            "--llm_client.base_urls",
            srv.base_url,
            "--llm_client.keys",
            "k",
        )
        # The trick detector, then the verdict.
        assert len(srv.requests) == 2 and "affirmative" in json.dumps(srv.requests[-1])
    record = json.loads(out)
    assert (code, record["rule"], record["correctness"]) == (0, "judge", 0.75)
    with ScriptedLLM(default=status(500)) as srv:
        code, out, err = run(
            capsys,
            "--ground-truth",
            "Yes",
            "--answer",
            "affirmative",
            "--llm_client.base_urls",
            srv.base_url,
            "--llm_client.keys",
            "k",
            "--judge-timeout",
            "2",
        )
    assert code == 1 and out == "" and "the judge failed" in err


def test_similarity_from_reasoning_and_reference(capsys: pytest.CaptureFixture[str]) -> None:
    from logicnet.validator.similarity import load_similarity

    code, _, err = run(capsys, "--ground-truth", "5", "--answer", "5", "--reasoning", "x")
    assert code == 2 and "both --reasoning and --reference" in err
    model = load_similarity()
    if model is None:
        pytest.skip("the similarity model is not installed (bash install.sh --validator)")
    text, ref = "Add 2 and 3 to get 5.", "Adding 2 and 3 gives 5."
    expected = model.score_pairs([text], [ref])[0]
    code, out, _ = run(
        capsys,
        "--json",
        "--ground-truth",
        "5",
        "--answer",
        "5",
        "--reasoning",
        text,
        "--reference",
        ref,
    )
    record = json.loads(out)
    assert code == 0 and 0.5 < expected <= 1.0
    assert record["reward"] == pytest.approx(reward("network-2025-05", 1.0, expected, 0, 64, 512))
