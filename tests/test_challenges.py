"""Challenges as the network makes them (docs/network.md §6c): the letter rule, the paraphrase and
reference requests as they reach a real OpenAI-compatible server, and questions files."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import re
from pathlib import Path
from typing import Any

import pytest

from logicnet.challenges.generate import draw_problem
from logicnet.challenges.topics import topic_pairs
from logicnet.challenges.wrap import insert_random_letter, wrap_math_question
from logicnet.credentials import Secret
from logicnet.devkit.scripted_llm import ScriptedLLM, reply
from logicnet.errors import ConfigError
from logicnet.llm import LLMPool, RetryPolicy
from logicnet.protocol import DEFAULT_MAX_BODY_BYTES, LogicSynapse
from logicnet.validator.challenges import (
    BODY_OVERHEAD_BYTES,
    DATASET_MAX_BYTES,
    DATASET_WRAP,
    MOODS,
    PARAPHRASE_SYSTEM,
    PROFILES,
    TONES,
    Challenge,
    Challenger,
    fits_miner_body,
    miner_body_bytes,
    parse_weights,
)
from logicnet.validator.question_file import QUESTIONS_MAX_BYTES, load_questions
from logicnet.validator.reference import ReferenceSolver

FAST = RetryPolicy(max_attempts=1, base_delay_s=0.01, max_delay_s=0.02, cooldown_s=0.05)
ROOT = Path(__file__).resolve().parents[1]
# Paraphrase sets the repository ships in the network's format (the measuring sets stay out).
SHIPPED_SETS = [
    *sorted((ROOT / "tests" / "data").glob("voices-*.jsonl")),
    ROOT / "benchmarks" / "data" / "paraphrases-varied-voices.jsonl",
]


def _pool(srv: ScriptedLLM) -> LLMPool:
    return LLMPool([srv.base_url], "scripted", Secret("sk-test-0001"), FAST)


# ----------------------------------------------------------------------------- letter rule


def _inserted(before: str, after: str) -> tuple[int, str]:
    """(position, letter) of the one character ``after`` has more than ``before``."""
    assert len(after) == len(before) + 1
    at = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), len(before)
    )
    assert after[:at] + after[at + 1 :] == before
    return at, after[at]


def test_letter_rule_words_include_digits_and_underscores() -> None:
    text = "Sum 1943 and x_12 now"  # words of 4+: "1943" and "x_12"; the rest are too short
    offsets: dict[str, set[int]] = {"1943": set(), "x_12": set()}
    for seed in range(300):
        out = insert_random_letter(text, random.Random(seed))
        at, letter = _inserted(text, out)
        assert letter in "abcdefghijklmnopqrstuvwxyz"
        word = "1943" if at < 9 else "x_12"
        offsets[word].add(at - text.index(word))
    # position 1..len-2: never before the first character, never before the last one
    assert offsets == {"1943": {1, 2}, "x_12": {1, 2}}


class _Scripted(random.Random):
    """Draws the given word, position and letter: the rule's edit is then fully known."""

    def __init__(self, word: str, at: int) -> None:
        super().__init__(0)
        self.word, self.at = word, at

    def choice(self, seq: Any) -> Any:
        return self.word if self.word in seq else "q"

    def randint(self, a: int, b: int) -> int:
        assert (a, b) == (1, len(self.word) - 2)
        return self.at


def test_letter_rule_edits_the_first_occurrence_even_inside_a_longer_word() -> None:
    text = "tested then test"
    assert insert_random_letter(text, _Scripted("test", 2)) == "teqsted then test"
    assert insert_random_letter(text, _Scripted("then", 1)) == "tested tqhen test"
    assert insert_random_letter("a b cd", random.Random(1)) == "a b cd"  # nothing to edit


def test_letter_rule_counts_unicode_word_characters() -> None:
    out = insert_random_letter("π² = ÄÖÜß", random.Random(3))
    assert out != "π² = ÄÖÜß" and out.startswith("π² = Ä")


# ----------------------------------------------------------------------------- requests


def test_paraphrase_request_is_the_networks_three_message_chat() -> None:
    async def go(srv: ScriptedLLM) -> list[Challenge]:
        pool = _pool(srv)
        try:
            challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(5), llm=pool)
            return [await challenger.next() for _ in range(6)]
        finally:
            await pool.close()

    with ScriptedLLM(default=reply("  Hey, what's 2+2?  ")) as srv:
        challenges = asyncio.run(go(srv))
    assert [c.question for c in challenges] == ["Hey, what's 2+2?"] * 6
    user = re.compile(
        r"As a (.+) who is feeling (\w+), please rephrase the following problem in "
        r"a (\w+) tone\. Write it as you would naturally ask the question\. Do not "
        r"include the solution or add unnecessary context\."
    )
    for challenge, request in zip(challenges, srv.requests, strict=True):
        assert request["temperature"] == 0.7 and request["max_tokens"] == 1024
        roles = [m["role"] for m in request["messages"]]
        assert roles == ["system", "assistant", "user"]
        system, assistant, asked = (m["content"] for m in request["messages"])
        assert system == PARAPHRASE_SYSTEM
        assert assistant == challenge.raw_question
        assert assistant.startswith("Find the solution of this math problem:\n---\nTopic: ")
        match = user.fullmatch(asked)
        assert match, asked
        assert match[1] in PROFILES and match[2] in MOODS and match[3] in TONES
        assert challenge.ground_truth not in asked  # the answer is never in the request


def test_code_tasks_get_the_code_rephrase_prompt(tmp_path: Path) -> None:
    data = tmp_path / "ultrainteract.jsonl"
    data.write_text(
        json.dumps(
            {
                "question": "Write Python code: def f(x) returns x+1",
                "answer": "def f(x): return x + 1",
            }
        )
        + "\n"
    )

    async def go(srv: ScriptedLLM) -> Challenge:
        pool = _pool(srv)
        try:
            challenger = Challenger(
                parse_weights("0,0,0,1,0,0,0"), random.Random(1), tmp_path, pool
            )
            return await challenger.next()
        finally:
            await pool.close()

    with ScriptedLLM(default=reply("Could you write f in python?")) as srv:
        challenge = asyncio.run(go(srv))
    asked = srv.requests[0]["messages"][2]["content"]
    assert "programming task" in asked and "exactly as given" in asked
    assert challenge.source == "ultrainteract"


def test_paraphrase_failure_sends_the_raw_question() -> None:
    async def go(srv: ScriptedLLM) -> Challenge:
        pool = _pool(srv)
        try:
            challenger = Challenger(
                parse_weights("1,0,0,0,0,0,0"), random.Random(2), llm=pool, paraphrase_timeout_s=1.0
            )
            return await challenger.next()
        finally:
            await pool.close()

    with ScriptedLLM(default=reply("late", delay=3.0)) as srv:
        challenge = asyncio.run(go(srv))
    assert challenge.question == challenge.raw_question


def test_reference_is_one_user_message_with_the_raw_question() -> None:
    async def go(srv: ScriptedLLM) -> str | None:
        pool = _pool(srv)
        try:
            solver = ReferenceSolver(pool)
            return await solver.reference_for(
                Challenge("t1", "mathgenerator", "x", "RAW Q", "paraphrased q", "4")
            )
        finally:
            await pool.close()

    with ScriptedLLM(default=reply("2 + 2 = 4. The final answer is 4.")) as srv:
        text = asyncio.run(go(srv))
    assert text == "2 + 2 = 4. The final answer is 4."
    (request,) = srv.requests
    assert request["messages"] == [{"role": "user", "content": "RAW Q"}]
    assert request["temperature"] == 0.7 and request["max_tokens"] == 300


def test_a_ready_reference_needs_no_llm() -> None:
    challenge = Challenge("t1", "questions", "x", "raw", "q", "4", reference="Given working.")
    assert asyncio.run(ReferenceSolver(None).reference_for(challenge)) == "Given working."


# ----------------------------------------------------------------------------- questions file


def test_questions_file_draws_its_lines_with_their_references(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    lines = [
        {
            "logic_question": "Yo, what's 3 times 4?",
            "ground_truth": "12",
            "topic": "mult",
            "reference": "3 x 4 = 12. The final answer is 12.",
        },
        {
            "logic_question": "What is 2^5?",
            "ground_truth": 32,
            "topic": "pow",
            "raw_question": "Find 2^5",
        },
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n")
    questions = load_questions(path)
    challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(0), questions=questions)

    async def draw() -> list[Challenge]:
        return [await challenger.next() for _ in range(20)]

    drawn = asyncio.run(draw())
    by_topic = {c.topic: c for c in drawn}
    assert set(by_topic) == {"mult", "pow"}
    assert by_topic["mult"].question == "Yo, what's 3 times 4?"
    assert by_topic["mult"].reference == "3 x 4 = 12. The final answer is 12."
    assert by_topic["mult"].raw_question == "Yo, what's 3 times 4?"
    assert by_topic["pow"].ground_truth == "32" and by_topic["pow"].reference is None
    assert by_topic["pow"].raw_question == "Find 2^5"
    assert all(c.source == "questions" and len(c.task_uid) == 8 for c in drawn)


@pytest.mark.parametrize(
    "line, why",
    [
        ("{not json", "not JSON"),
        ('["a list"]', "not a JSON object"),
        ('{"ground_truth": "1", "topic": "t"}', "lacks 'logic_question'"),
        ('{"logic_question": "q", "topic": "t"}', "lacks 'ground_truth'"),
        ('{"logic_question": "  ", "ground_truth": "1"}', "'logic_question' is empty"),
        ('{"logic_question": {"x": 1}, "ground_truth": "1"}', "'logic_question' must be text"),
        (
            '{"logic_question": "q", "ground_truth": "1", "reference": ["x"]}',
            "'reference' must be text",
        ),
        (b'{"logic_question": "caf\xe9?", "ground_truth": "1"}', "not UTF-8 text"),
        (b'{"logic_question": "\x80", "ground_truth": "1"}', "not UTF-8 text"),
        ('{"logic_question": "q", "ground_truth": ' + "7" * 5000 + "}", "4,300-digit limit"),
        ('{"logic_question": "q", "ground_truth": ' + "7" * 4301 + "}", "4,300-digit limit"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": ' * 5_000 + "1" + "}" * 5_000, "nested too deeply"),
    ],
)
def test_bad_questions_lines_are_named_by_number(
    tmp_path: Path, line: str | bytes, why: str
) -> None:
    path = tmp_path / "q.jsonl"
    good = json.dumps({"logic_question": "q", "ground_truth": "1", "topic": "t"})
    raw = line if isinstance(line, bytes) else line.encode()
    path.write_bytes(f"{good}\n{good}\n".encode() + raw + b"\n")
    with pytest.raises(ConfigError) as err:
        load_questions(path)
    message = str(err.value)
    assert message.startswith(f"questions file {path}: line 3: ") and why in message
    assert "\n" not in message and len(message) < 400  # one line, whatever the input


def test_questions_file_missing_or_empty(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_questions(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n\n")
    with pytest.raises(ConfigError, match="no questions"):
        load_questions(tmp_path / "empty.jsonl")
    (tmp_path / "blank.jsonl").write_text(json.dumps({"logic_question": "q", "ground_truth": ""}))
    with pytest.raises(ConfigError, match="no questions with a ground truth"):
        load_questions(tmp_path / "blank.jsonl")
    (tmp_path / "bin.jsonl").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match=r"bin.jsonl: line 1: not UTF-8 text"):
        load_questions(tmp_path / "bin.jsonl")


@pytest.mark.parametrize("path", SHIPPED_SETS, ids=lambda p: p.name)
def test_a_shipped_paraphrase_set_loads_whole(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    questions = load_questions(path)
    assert len(questions) == len(rows) >= 200
    for question, row in zip(questions, rows, strict=True):
        assert question.question == row["logic_question"]
        assert question.ground_truth == row["ground_truth"].strip()
        assert question.topic == row["topic"]
        assert question.raw_question == row["raw_question"]
        assert question.raw_question.startswith("Find the solution of this math problem:")
        assert question.reference is None  # these sets carry no reference: the solver makes one


def test_a_file_shaped_like_the_dev_set_loads_all_but_its_unscorable_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """One generator draw per subtopic with persona fields and a reference, as the network's
    paraphrase sets are written. At seed 2 binary_2s_complement asks about nothing and
    answers "", the kind of line the dev set keeps: it is left out, with a warning."""
    lines = []
    for topic, subtopic in topic_pairs():
        question, truth = draw_problem(topic, subtopic, 2)
        lines.append(
            {
                "id": len(lines),
                "topic": subtopic,
                "profile": "math student",
                "mood": "curious",
                "tone": "playful",
                "raw_question": wrap_math_question(topic, subtopic, question),
                "logic_question": f"I'm a curious math student: {question}",
                "ground_truth": truth,
                "reference": f"Working through it step by step, the answer is {truth}.",
            }
        )
    empty = [n for n, line in enumerate(lines, 1) if not line["ground_truth"].strip()]
    assert lines[empty[0] - 1]["topic"] == "binary_2s_complement"
    path = tmp_path / "dev-shaped.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))

    caplog.set_level(logging.WARNING, logger="logicnet.validator.question_file")
    questions = load_questions(path)
    assert [q.line for q in questions] == [n for n in range(1, len(lines) + 1) if n not in empty]
    for q in questions:
        line = lines[q.line - 1]
        assert (q.question, q.ground_truth) == (line["logic_question"], line["ground_truth"])
        assert q.topic == line["topic"] and q.raw_question == line["raw_question"]
        assert q.reference == line["reference"]
    (warning,) = [r.getMessage() for r in caplog.records]
    assert f"lines {', '.join(map(str, empty))} have an empty ground_truth" in warning


def _cheats(challenger: Challenger) -> Any:
    return challenger.current_cheats()


def test_no_task_server_means_no_extra_cheats() -> None:
    challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(0))
    asyncio.run(challenger.refresh_cheats())
    assert _cheats(challenger) == ()


# ----------------------------------------------------------------------------- data limits


LIMIT = DEFAULT_MAX_BODY_BYTES


def _sized(wire: int, char: str = "x", wrap: str = "{question}") -> str:
    """A question whose request, with ``wrap`` around it, is ``wire`` bytes by the check's
    bound: as many ``char`` as fit, padded with ASCII to the exact size."""
    base = miner_body_bytes(wrap.format(question=""))
    per = len(json.dumps(char)) - 2
    count, pad = divmod(wire - base, per)
    question = char * count + "x" * pad
    assert miner_body_bytes(wrap.format(question=question)) == wire
    return question


def test_the_body_limit_is_the_miners_own_default() -> None:
    import argparse
    import inspect

    from logicnet.miner.guard import RequestGuard
    from logicnet.miner.service import MinerService
    from logicnet.settings import add_miner_args

    parser = argparse.ArgumentParser()
    add_miner_args(parser)
    assert parser.get_default("max_body_kib") * 1024 == LIMIT
    for cls in (RequestGuard, MinerService):
        assert inspect.signature(cls.__init__).parameters["max_body_bytes"].default == LIMIT
    assert Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(0)).body_limit == LIMIT


def test_the_bound_covers_the_body_a_real_dendrite_sends(start_miner: Any) -> None:
    """What the check lets through, a miner with the default limit reads; what it drops by a
    little more than its margin, the miner refuses with 413 (and would score 0)."""
    miner = start_miner()
    cases = [
        (_sized(LIMIT), True),
        (_sized(LIMIT, "\U0001f600"), True),  # an emoji: 12 bytes as sent
        (_sized(LIMIT, "é"), True),
        (_sized(LIMIT + 1), False),
        (_sized(LIMIT + 1, "\U0001f600"), False),
        (_sized(LIMIT + BODY_OVERHEAD_BYTES), False),
    ]
    for question, fits in cases:
        assert fits_miner_body(question) is fits
        if not fits:
            continue
        synapse = LogicSynapse(logic_question=question, category="Logic", task_uid="t1")
        answered = miner.query("validator", synapse.miner_view(), timeout=20)
        assert answered.dendrite.status_code == 200, answered.dendrite.status_message
    # past the bound by more than the margin: refused by the miner itself
    over = _sized(LIMIT + BODY_OVERHEAD_BYTES)
    refused = miner.query("validator", LogicSynapse(logic_question=over).miner_view(), timeout=20)
    assert refused.dendrite.status_code == 413


def _draw(challenger: Challenger, n: int) -> list[Challenge]:
    async def go() -> list[Challenge]:
        return [await challenger.next() for _ in range(n)]

    return asyncio.run(go())


GOOD_ROWS = [("What is 2 + 3?", "5"), ("What is 7 - 4?", "3")]


def _dataset(tmp_path: Path, bad: bytes) -> Path:
    good = [json.dumps({"question": q, "answer": a}).encode() for q, a in GOOD_ROWS]
    path = tmp_path / "gsm8k.jsonl"
    path.write_bytes(good[0] + b"\n" + bad + b"\n\n" + good[1] + b"\n")
    return path


def _row(question: str, answer: str = "1") -> bytes:
    return json.dumps({"question": question, "answer": answer}).encode()


@pytest.mark.parametrize(
    "bad, why, reason",
    [
        (b'{"question": "caf\xe9?", "answer": "1"}', "not UTF-8 text", "malformed"),
        (b'{"question": "\xff\xfe", "answer": "1"}', "not UTF-8 text", "malformed"),
        (b'{"question": "q?", "answer": ' + b"7" * 5000 + b"}", "4,300-digit", "malformed"),
        (b'{"question": "q?", "answer": ' + b"7" * 4301 + b"}", "4,300-digit", "malformed"),
        (b'{"question": "q?", "answer": -' + b"9" * 50_000 + b"}", "4,300-digit", "malformed"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply", "malformed"),
        (b"[" * 100_000, "nested too deeply", "malformed"),
        (b'{"q": ' * 3_000 + b"1" + b"}" * 3_000, "nested too deeply", "malformed"),
        (b'["What is 1 + 1?", "2"]', "not a JSON object", "malformed"),
        (b"42", "not a JSON object", "malformed"),
        (b'{"question": 5, "answer": "5"}', "'question'", "malformed"),
        (b'{"question": "q?", "answer": [1]}', "'answer'", "malformed"),
        (b'{"question": "q?", "answer": true}', "'answer'", "malformed"),
        (b'{"question": "q?"}', "'answer'", "malformed"),
        (b"{not json", "not JSON", "malformed"),
        (b'{"question": "\\ud800 broken", "answer": "1"}', "lone surrogate", "malformed"),
        (_row("x" * (3 << 20)), "3.0 MiB, longer than the 1.0 MiB a line may hold", "too_large"),
        (_row("y" * (1 << 20)), "longer than the 1.0 MiB a line may hold", "too_large"),
        (_row(_sized(LIMIT + 1, wrap=DATASET_WRAP)), "bytes as sent, over the 65,536", "too_large"),
        (_row(_sized(LIMIT + 1, "\U0001f600", DATASET_WRAP)), "65,537 bytes as sent", "too_large"),
        (_row("\U0001f600" * 19_000), "19,0", "too_large"),
    ],
)
def test_a_bad_dataset_line_is_dropped_with_a_warning_naming_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, bad: bytes, why: str, reason: str
) -> None:
    path = _dataset(tmp_path, bad)
    caplog.set_level(logging.WARNING, logger="logicnet.validator.challenges")
    challenger = Challenger(parse_weights("0,0,0,0,1,0,0"), random.Random(4), tmp_path)
    assert challenger.datasets["gsm8k"] == GOOD_ROWS
    assert challenger.dropped == {("gsm8k", reason): 1}
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning.startswith(f"dataset file {path} line 2: ") and why in warning
    assert warning.endswith("(line dropped)") and "\n" not in warning and len(warning) < 400
    drawn = _draw(challenger, 30)
    assert {c.ground_truth for c in drawn} == {"5", "3"}
    assert all(miner_body_bytes(c.question) <= LIMIT for c in drawn)


@pytest.mark.parametrize("char", ["x", "é", "\U0001f600"])
def test_a_dataset_question_exactly_at_the_limit_is_kept(tmp_path: Path, char: str) -> None:
    question = _sized(LIMIT, char, DATASET_WRAP)
    _dataset(tmp_path, _row(question, "9"))
    challenger = Challenger(parse_weights("0,0,0,0,1,0,0"), random.Random(4), tmp_path)
    assert challenger.dropped == {}
    assert (question, "9") in challenger.datasets["gsm8k"]


def test_many_bad_dataset_lines_give_a_few_warnings_and_exact_counts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = [b"[" * 100_000] * 20 + [_row("x" * 70_000)] * 15 + [b"\xff"] * 5
    (tmp_path / "gsm8k.jsonl").write_bytes(b"\n".join(bad + [_row("What is 1 + 1?", "2")]))
    caplog.set_level(logging.WARNING, logger="logicnet.validator.challenges")
    challenger = Challenger(parse_weights("0,0,0,0,1,0,0"), random.Random(4), tmp_path)
    assert challenger.datasets["gsm8k"] == [("What is 1 + 1?", "2")]
    assert challenger.dropped == {("gsm8k", "malformed"): 25, ("gsm8k", "too_large"): 15}
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 6  # five lines named, then one summary
    assert [m.split(": ")[0] for m in messages[:5]] == [
        f"dataset file {tmp_path / 'gsm8k.jsonl'} line {n}" for n in range(1, 6)
    ]
    assert messages[5].endswith("35 more lines dropped; in all 25 malformed, 15 too_large; 1 kept")


def test_a_dataset_file_with_no_usable_line_leaves_the_mix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "gsm8k.jsonl").write_bytes(_row("z" * 80_000) + b"\n" + b"7" * 5000 + b"\n")
    challenger = Challenger(parse_weights("1,0,0,0,1,0,0"), random.Random(4), tmp_path)
    assert set(challenger.weights) == {"mathgenerator"}
    assert challenger.dropped == {("gsm8k", "too_large"): 1, ("gsm8k", "malformed"): 1}
    assert "no data for gsm8k" in caplog.text


def _promptly(fn: Any, timeout_s: float = 10.0) -> BaseException | None:
    """Run ``fn`` in a thread; what it raised, or fail if it has not returned in time."""
    import threading

    result: list[BaseException | None] = []

    def target() -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            result.append(exc)
        else:
            result.append(None)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout_s)
    assert not thread.is_alive(), f"still running after {timeout_s} s"
    return result[0]


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_a_dataset_file_that_is_not_a_regular_file_or_too_big_is_one_line(tmp_path: Path) -> None:
    weights = parse_weights("1,0,0,0,1,0,0")
    fifo = _fifo(tmp_path / "gsm8k.jsonl")
    err = _promptly(lambda: Challenger(weights, random.Random(0), tmp_path))
    assert (
        isinstance(err, ConfigError)
        and str(err) == f"dataset file {fifo} is a FIFO, not a regular file"
    )
    fifo.unlink()
    (tmp_path / "gsm8k.jsonl").mkdir()
    err = _promptly(lambda: Challenger(weights, random.Random(0), tmp_path))
    assert isinstance(err, ConfigError) and "is a directory" in str(err)
    (tmp_path / "gsm8k.jsonl").rmdir()
    with open(tmp_path / "gsm8k.jsonl", "wb") as fh:  # sparse: nothing is written
        fh.truncate(DATASET_MAX_BYTES + 1)
    err = _promptly(lambda: Challenger(weights, random.Random(0), tmp_path))
    assert isinstance(err, ConfigError) and "over the 128 MiB limit" in str(err)


def _questions_file(tmp_path: Path, big: str) -> Path:
    path = tmp_path / "q.jsonl"
    lines = [
        {"logic_question": "What is 3 times 4?", "ground_truth": "12"},
        {"logic_question": big, "ground_truth": "1", "topic": "big"},
        {"logic_question": "What is 2^5?", "ground_truth": "32"},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return path


@pytest.mark.parametrize(
    "big, size",
    [
        ("x" * 84_000, "84,000 characters are 86,051 bytes as sent"),
        ("\U0001f600" * 19_000, "19,000 characters are 230,051 bytes as sent"),
        ("é" * 11_000, "11,000 characters are 68,051 bytes as sent"),
        ("x" * 2_000_000, "2,000,000 characters are at least 2,002,051 bytes as sent"),
        (_sized(LIMIT + 1), "63,486 characters are 65,537 bytes as sent"),
    ],
)
def test_an_oversized_questions_file_entry_is_never_sent(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, big: str, size: str
) -> None:
    path = _questions_file(tmp_path, big)
    caplog.set_level(logging.WARNING, logger="logicnet.validator.challenges")
    reported: list[tuple[str, str, int]] = []
    challenger = Challenger(
        parse_weights("1,0,0,0,0,0,0"), random.Random(0), questions=load_questions(path)
    )
    challenger.report_drops(lambda *drop: reported.append(drop))
    assert reported == [("questions", "too_large", 1)]  # counted while loading, reported once
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning == (
        f"questions file {path} line 2: {size}, over the 65,536-byte request body miners "
        "accept by default (line dropped)"
    )
    drawn = _draw(challenger, 40)
    assert {c.ground_truth for c in drawn} == {"12", "32"}


@pytest.mark.parametrize("big", [_sized(LIMIT), _sized(LIMIT, "\U0001f600"), "😀" * 5_000])
def test_a_questions_file_entry_within_the_limit_is_kept(tmp_path: Path, big: str) -> None:
    questions = load_questions(_questions_file(tmp_path, big))
    challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(0), questions=questions)
    assert challenger.dropped == {} and len(challenger.questions) == 3
    assert any(c.question == big for c in _draw(challenger, 40))


def test_a_questions_file_of_only_oversized_entries_stops_the_start(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"logic_question": "x" * 84_000, "ground_truth": "1"}) + "\n")
    with pytest.raises(ConfigError, match=r"q.jsonl: no question fits the 65,536-byte"):
        Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(0), questions=load_questions(path))


def test_a_questions_file_on_dev_zero_a_fifo_or_a_directory_is_refused_at_once(
    tmp_path: Path,
) -> None:
    err = _promptly(lambda: load_questions(Path("/dev/zero")))
    assert str(err) == "questions file /dev/zero is a device, not a regular file"
    fifo = _fifo(tmp_path / "q.fifo")
    err = _promptly(lambda: load_questions(fifo))
    assert str(err) == f"questions file {fifo} is a FIFO, not a regular file"
    # with a writer holding it open (and never closing) it is still refused, not read
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    try:
        os.write(writer, b'{"logic_question": "q", "ground_truth": "1"}\n')
        err = _promptly(lambda: load_questions(fifo))
        assert isinstance(err, ConfigError) and "is a FIFO" in str(err)
    finally:
        os.close(writer)
    err = _promptly(lambda: load_questions(tmp_path))
    assert isinstance(err, ConfigError) and "is a directory" in str(err)
    big = tmp_path / "big.jsonl"
    with open(big, "wb") as fh:
        fh.truncate(QUESTIONS_MAX_BYTES + 1)
    err = _promptly(lambda: load_questions(big))
    assert isinstance(err, ConfigError) and "over the 64 MiB limit" in str(err)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_oversized_paraphrase_sends_the_raw_question_warning_rarely(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    caplog.set_level(logging.WARNING, logger="logicnet.validator.challenges")

    async def go(srv: ScriptedLLM) -> list[Challenge]:
        pool = _pool(srv)
        challenger = Challenger(
            parse_weights("1,0,0,0,0,0,0"), random.Random(5), llm=pool, clock=clock
        )
        try:
            drawn = [await challenger.next() for _ in range(4)]
            clock.now += 301  # past the warning interval
            drawn.append(await challenger.next())
            assert challenger.dropped == {("paraphrase", "too_large"): 5}
            return drawn
        finally:
            await pool.close()

    with ScriptedLLM(default=reply("\U0001f600" * 6_000)) as srv:
        drawn = asyncio.run(go(srv))
    assert all(c.question == c.raw_question for c in drawn)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2, messages
    assert messages[0].startswith("paraphrase: 6,000 characters are 74,051 bytes as sent")
    assert messages[0].endswith("sending the raw question (warned at most every 300 s)")
    assert messages[1].endswith("(3 more like it since the last warning)")


def test_generated_questions_go_through_the_same_check() -> None:
    plain = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(7))
    sizes = sorted(miner_body_bytes(c.question) for c in _draw(plain, 60))
    assert plain.dropped == {} and sizes[-1] <= LIMIT
    # a miner whose limit is the median generated size: about half the draws are made again
    limit = sizes[len(sizes) // 2]
    small = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(7), body_limit=limit)
    drawn = _draw(small, 30)
    assert all(miner_body_bytes(c.question) <= limit for c in drawn)
    assert small.dropped.get(("mathgenerator", "too_large"), 0) >= 5
    assert set(small.dropped) == {("mathgenerator", "too_large")}
