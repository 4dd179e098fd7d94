"""Making challenges as a validator does (SPEC §5, §6b, §6c).

Sources, mixed by ``--dataset_weight`` in this order: mathgenerator, ZebraLogic
grid, ZebraLogic multiple choice, UltraInteract, GSM8K, MMLU-STEM, SAT math.
mathgenerator is always available; a dataset source is used when its JSONL file
is in ``--challenge.dataset_dir`` (lines of ``{"question", "answer"}``), or, for
GSM8K and MMLU-STEM, from the Hugging Face hub through ``datasets`` when that is
installed and reachable; a source with no data drops out of the mix with a
warning. When the validator has an LLM, the raw question is paraphrased as a
persona with the network's own request; the ground truth always stays with the
validator. A task server (``--challenge.task_pool_url``) or a questions file
(``--challenge.questions``) replaces the mix; see ``Challenger``.
"""

from __future__ import annotations

import json
import logging
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from logicnet.challenges.generate import draw_problem
from logicnet.challenges.topics import topic_pairs
from logicnet.challenges.wrap import insert_random_letter, wrap_math_question
from logicnet.errors import ConfigError, LogicNetError
from logicnet.llm import LLMPool
from logicnet.validator.question_file import FileQuestion
from logicnet.validator.task_pool import TaskPoolClient, TaskPoolUnavailable

__all__ = [
    "SOURCES",
    "Challenge",
    "Challenger",
    "is_code_task",
    "paraphrase_messages",
    "parse_weights",
]

log = logging.getLogger(__name__)

SOURCES = (
    "mathgenerator",
    "zebra_grid",
    "zebra_mc",
    "ultrainteract",
    "gsm8k",
    "mmlu_stem",
    "sat_math",
)
DEFAULT_WEIGHTS = "40,10,10,10,10,10,10"

# The network's paraphrase request (SPEC §6c), word for word: a three-message chat.
PARAPHRASE_SYSTEM = (
    "You are simulating various human personas asking problems. Rephrase the following problem "
    "as the specified persona, ensuring the question sounds natural and appropriate for that "
    "individual."
)
PARAPHRASE_USER = (
    "As a {profile} who is feeling {mood}, please rephrase the following problem in a {tone} "
    "tone. Write it as you would naturally ask the question. Do not include the solution or add "
    "unnecessary context."
)
# SPEC §6c names a separate prompt for code tasks but not its words; this one is ours: a code
# task must keep its code, names and I/O format exact, or no miner can solve it.
CODE_PARAPHRASE_USER = (
    "As a {profile} who is feeling {mood}, please rephrase the following programming task in a "
    "{tone} tone. Keep every piece of code, function name, signature, input/output format and "
    "example exactly as given. Do not include the solution or add unnecessary context."
)
PROFILES = (
    "math enthusiast",
    "math student",
    "research mathematician",
    "math teacher",
    "theoretical physicist",
    "engineer",
    "student",
    "teacher",
    "researcher",
    "physicist",
    "scientist",
    "mathematician",
    "data scientist",
    "math tutor",
    "math hobbyist",
    "data analyst",
    "data engineer",
    "data enthusiast",
    "data student",
    "data teacher",
    "data researcher",
)
MOODS = ("curious", "puzzled", "eager", "analytical", "determined", "excited")
TONES = ("inquisitive", "thoughtful", "meticulous", "enthusiastic", "serious", "playful")
PARAPHRASE_TEMPERATURE = 0.7
PARAPHRASE_MAX_TOKENS = 1024


def is_code_task(question: str) -> bool:
    """The network's test for its code-task rephrase prompt (SPEC §6c)."""
    lowered = question.lower()
    return "python" in lowered or "gen-code" in lowered


def paraphrase_messages(raw: str, rng: random.Random) -> list[dict[str, str]]:
    """The chat the network sends its LLM to turn ``raw`` into a persona's question."""
    user = CODE_PARAPHRASE_USER if is_code_task(raw) else PARAPHRASE_USER
    persona = {
        "profile": rng.choice(PROFILES),
        "mood": rng.choice(MOODS),
        "tone": rng.choice(TONES),
    }
    return [
        {"role": "system", "content": PARAPHRASE_SYSTEM},
        {"role": "assistant", "content": raw},
        {"role": "user", "content": user.format(**persona)},
    ]


@dataclass(frozen=True)
class Challenge:
    task_uid: str
    source: str
    topic: str
    raw_question: str  # before paraphrase: what the reference solution answers
    question: str  # what miners receive
    ground_truth: str
    reference: str | None = None  # a ready similarity reference (questions file), else None

    def for_miner(self, rng: random.Random, insert_letter: bool) -> str:
        """This miner's copy: with one random letter inserted by the network's rule (§6c)."""
        return insert_random_letter(self.question, rng) if insert_letter else self.question


def parse_weights(text: str) -> dict[str, float]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(SOURCES):
        raise ConfigError(
            f"--dataset_weight takes {len(SOURCES)} numbers "
            f"({', '.join(SOURCES)}), got {len(parts)}"
        )
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ConfigError(f"--dataset_weight: {text!r} is not a list of numbers") from None
    if any(v < 0 for v in values) or sum(values) <= 0:
        raise ConfigError("--dataset_weight: weights must be >= 0 and not all 0")
    return dict(zip(SOURCES, values, strict=True))


# Hub copies of two sources, tried when the ``datasets`` library is installed and the hub is
# allowed (HF_HUB_OFFLINE unset); (repository, config, split). Others come from JSONL only.
HUB_SOURCES = {
    "gsm8k": ("openai/gsm8k", "main", "test"),
    "mmlu_stem": ("TIGER-Lab/MMLU-STEM", None, "test"),
}
HUB_TIMEOUT_S = 60.0


def _hub_rows(source: str) -> list[tuple[str, str]]:
    """(question, ground truth) rows from the hub; [] when it cannot be reached in time."""
    import concurrent.futures
    import os

    if source not in HUB_SOURCES or os.environ.get("HF_HUB_OFFLINE") in ("1", "true", "yes"):
        return []
    try:
        import datasets
    except ImportError:
        return []
    repo, config, split = HUB_SOURCES[source]
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        data = pool.submit(datasets.load_dataset, repo, config, split=split).result(
            timeout=HUB_TIMEOUT_S
        )
    except Exception as exc:  # the hub client raises many kinds; any of them means "no data"
        log.warning("could not load %s from the hub (%s)", repo, exc)
        return []
    finally:
        pool.shutdown(wait=False)
    rows: list[tuple[str, str]] = []
    for item in data:
        if source == "gsm8k":
            rows.append((str(item["question"]), str(item["answer"])))
        else:  # MMLU-STEM: the ground truth is the text of the correct choice
            choices = list(item["choices"])
            options = "\n".join(f"{chr(65 + i)}. {c}" for i, c in enumerate(choices))
            rows.append((f"{item['question']}\n{options}", str(choices[int(item["answer"])])))
    return rows


def _load_jsonl(path: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            question, answer = item["question"], item["answer"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ConfigError(f'{path} line {number}: needs {{"question", "answer"}}') from None
        if isinstance(question, str) and question.strip() and answer is not None:
            rows.append((question, str(answer)))
    return rows


class Challenger:
    """Draws challenges; ``next`` is the one entry point.

    Order of sources: the network's task pool when one is configured and answering, else
    the questions file when one is given, else the ``--dataset_weight`` mix.
    """

    def __init__(
        self,
        weights: dict[str, float],
        rng: random.Random,
        dataset_dir: Path | None = None,
        llm: LLMPool | None = None,
        paraphrase_timeout_s: float = 20.0,
        questions: list[FileQuestion] | None = None,
        task_pool: TaskPoolClient | None = None,
    ) -> None:
        self.rng = rng
        self.llm = llm
        self.paraphrase_timeout_s = paraphrase_timeout_s
        self.questions = questions or []
        self.task_pool = task_pool
        self.datasets: dict[str, list[tuple[str, str]]] = {}
        self.weights: dict[str, float] = {"mathgenerator": 1.0}
        if not self.questions:
            self._load_mix(weights, dataset_dir)
        self._pairs = topic_pairs(unique=False)  # prime_factors twice: its draw weight

    def _load_mix(self, weights: dict[str, float], dataset_dir: Path | None) -> None:
        for source in SOURCES[1:]:
            if weights.get(source, 0) <= 0:
                continue
            path = dataset_dir / f"{source}.jsonl" if dataset_dir else None
            if path is not None and path.is_file():
                self.datasets[source] = _load_jsonl(path)
            else:
                self.datasets[source] = _hub_rows(source)
        self.weights = {
            s: w
            for s, w in weights.items()
            if w > 0 and (s == "mathgenerator" or self.datasets.get(s))
        }
        dropped = [s for s, w in weights.items() if w > 0 and s not in self.weights]
        if dropped:
            log.warning(
                "no data for %s (put <source>.jsonl in --challenge.dataset_dir): "
                "drawing from %s only",
                ", ".join(dropped),
                ", ".join(self.weights),
            )
        if not self.weights:
            raise ConfigError("no challenge source left: give mathgenerator a weight")

    def draw_raw(self) -> tuple[str, str, str, str]:
        """(source, topic, raw question as sent before paraphrase, ground truth)."""
        source = self.rng.choices(list(self.weights), weights=list(self.weights.values()))[0]
        if source == "mathgenerator":
            topic, subtopic = self.rng.choice(self._pairs)
            question, truth = draw_problem(topic, subtopic, self.rng.randrange(2**31))
            return (
                source,
                f"{topic}/{subtopic}",
                wrap_math_question(topic, subtopic, question),
                truth,
            )
        question, truth = self.rng.choice(self.datasets[source])
        wrapped = f"Find the solution of this question:\n---\n{question}\n---\n"
        return source, source, wrapped, truth

    async def next(self, loop_time: float | None = None) -> Challenge:
        task_uid = uuid.uuid4().hex[:8]
        if self.task_pool is not None and self.task_pool.ready():
            try:
                task = await self.task_pool.random_task()
            except TaskPoolUnavailable:
                pass  # the client logs the outage once; local sources fill in meanwhile
            else:
                question = await self._paraphrase(task.question)
                return Challenge(
                    task_uid, "task_pool", "task_pool", task.question, question, task.answer
                )
        if self.questions:
            item = self.rng.choice(self.questions)
            return Challenge(
                task_uid,
                "questions",
                item.topic,
                item.raw_question,
                item.question,
                item.ground_truth,
                item.reference,
            )
        source, topic, raw, truth = self.draw_raw()
        return Challenge(task_uid, source, topic, raw, await self._paraphrase(raw), truth)

    async def refresh_cheats(self) -> None:
        """Fetch the task server's cheat list when it is due (at most every 100 s)."""
        if self.task_pool is not None:
            await self.task_pool.cheats()

    def current_cheats(self) -> tuple[str, ...]:
        """The task server's cheat list as last fetched (SPEC §6c); none without a server.
        The rewarder reads it for every item."""
        return self.task_pool.cached_cheats if self.task_pool is not None else ()

    async def _paraphrase(self, raw: str) -> str:
        import asyncio

        if self.llm is None:
            return raw
        try:
            reply = await asyncio.wait_for(
                self.llm.chat(
                    paraphrase_messages(raw, self.rng),
                    deadline=asyncio.get_running_loop().time() + self.paraphrase_timeout_s,
                    temperature=PARAPHRASE_TEMPERATURE,
                    max_tokens=PARAPHRASE_MAX_TOKENS,
                ),
                self.paraphrase_timeout_s + 1.0,
            )
        except (LogicNetError, asyncio.TimeoutError) as exc:
            log.warning(
                "paraphrase failed (%s); sending the raw question", exc or "no reply in time"
            )
            return raw
        return reply.text.strip() or raw
