"""Challenges as the network makes them (SPEC §6c): the letter rule, the paraphrase and
reference requests as they reach a real OpenAI-compatible server, and questions files."""

from __future__ import annotations

import asyncio
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from logicnet.challenges.wrap import insert_random_letter
from logicnet.credentials import Secret
from logicnet.errors import ConfigError
from logicnet.llm import LLMPool, RetryPolicy
from logicnet.validator.challenges import (
    MOODS,
    PARAPHRASE_SYSTEM,
    PROFILES,
    TONES,
    Challenge,
    Challenger,
    parse_weights,
)
from logicnet.validator.question_file import load_questions
from logicnet.validator.reference import ReferenceSolver
from tests.fake_llm import ScriptedLLM, reply

FAST = RetryPolicy(max_attempts=1, base_delay_s=0.01, max_delay_s=0.02, cooldown_s=0.05)
DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "data" / "paraphrased-dev.jsonl"


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
    ],
)
def test_bad_questions_lines_are_named_by_number(tmp_path: Path, line: str, why: str) -> None:
    path = tmp_path / "q.jsonl"
    good = json.dumps({"logic_question": "q", "ground_truth": "1", "topic": "t"})
    path.write_text(f"{good}\n{good}\n{line}\n")
    with pytest.raises(ConfigError) as err:
        load_questions(path)
    assert f"line 3: {why}" in str(err.value)


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
    with pytest.raises(ConfigError, match="cannot be read"):
        load_questions(tmp_path / "bin.jsonl")


@pytest.mark.skipif(not DEV_SET.is_file(), reason=f"dev set not present at {DEV_SET}")
def test_the_dev_set_loads_whole() -> None:
    questions = load_questions(DEV_SET)
    assert len(questions) == 302  # one line has an empty ground truth: left out
    assert all(q.reference and q.raw_question.startswith("Find the solution") for q in questions)


def _cheats(challenger: Challenger) -> Any:
    return challenger.current_cheats()


def test_no_task_server_means_no_extra_cheats() -> None:
    challenger = Challenger(parse_weights("1,0,0,0,0,0,0"), random.Random(0))
    asyncio.run(challenger.refresh_cheats())
    assert _cheats(challenger) == ()
