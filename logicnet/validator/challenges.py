"""Making challenges as a validator does (docs/network.md §5, §6b, §6c).

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

Every source goes through one check, ``miner_body_problem``: a question whose request
would be larger than the body a miner accepts by default (``DEFAULT_MAX_BODY_BYTES``,
64 KiB; JSON escapes non-ASCII, so an emoji costs 12 bytes) is never sent, since every
miner would refuse it and be scored 0 for the validator's own data. What each source
does with such an item, and with a malformed one:

- dataset files (at most ``DATASET_MAX_BYTES``, a line at most ``DATASET_MAX_LINE_BYTES``):
  the line is dropped, the rest kept; a warning names the file and line;
- the questions file: an oversized question is dropped with a warning naming the line
  (a malformed line stops the start, see ``question_file``);
- the task pool: the reply is a bad reply, the pool is marked down and local sources
  fill in (the client logs it once per outage);
- mathgenerator and paraphrases: the draw is made again, or the raw question sent.

Each drop is counted by (source, reason) for the metrics (``report_drops``); warnings at
run time come at most once per ``DROP_WARN_EVERY_S`` per source and reason.
"""

from __future__ import annotations

import functools
import json
import logging
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from logicnet.challenges.generate import draw_problem
from logicnet.challenges.topics import topic_pairs
from logicnet.challenges.wrap import insert_random_letter, wrap_math_question
from logicnet.errors import ConfigError, LogicNetError
from logicnet.fileio import read_bytes_capped
from logicnet.llm import LLMPool
from logicnet.netutil import call_with_deadline
from logicnet.validator.question_file import FileQuestion, jsonl_records
from logicnet.validator.task_pool import TaskPoolBadReply, TaskPoolClient, TaskPoolUnavailable

__all__ = [
    "BODY_OVERHEAD_BYTES",
    "DATASET_MAX_BYTES",
    "DATASET_MAX_LINE_BYTES",
    "SOURCES",
    "SOURCE_TABLE",
    "Source",
    "SourceSpec",
    "Challenge",
    "Challenger",
    "fits_miner_body",
    "is_code_task",
    "miner_body_bytes",
    "miner_body_limit",
    "miner_body_problem",
    "paraphrase_messages",
    "parse_weights",
]

log = logging.getLogger(__name__)


class Source(str, Enum):
    """Where a challenge comes from. A ``str``: metrics labels and logs show the value."""

    MATHGENERATOR = "mathgenerator"
    ZEBRA_GRID = "zebra_grid"
    ZEBRA_MC = "zebra_mc"
    ULTRAINTERACT = "ultrainteract"
    GSM8K = "gsm8k"
    MMLU_STEM = "mmlu_stem"
    SAT_MATH = "sat_math"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


@dataclass(frozen=True)
class SourceSpec:
    """One challenge source: its default weight and, for a dataset the hub holds, where
    (repository, config, split); the others come from ``<source>.jsonl`` only."""

    source: Source
    default_weight: float
    hub: tuple[str, str | None, str] | None = None

    @property
    def generated(self) -> bool:
        """Drawn from mathgenerator, not read from a dataset."""
        return self.source is Source.MATHGENERATOR


# In the order of ``--dataset_weight``'s numbers.
SOURCE_TABLE = (
    SourceSpec(Source.MATHGENERATOR, 40),
    SourceSpec(Source.ZEBRA_GRID, 10),
    SourceSpec(Source.ZEBRA_MC, 10),
    SourceSpec(Source.ULTRAINTERACT, 10),
    SourceSpec(Source.GSM8K, 10, hub=("openai/gsm8k", "main", "test")),
    SourceSpec(Source.MMLU_STEM, 10, hub=("TIGER-Lab/MMLU-STEM", None, "test")),
    SourceSpec(Source.SAT_MATH, 10),
)
SOURCES = tuple(spec.source.value for spec in SOURCE_TABLE)
DEFAULT_WEIGHTS = ",".join(f"{spec.default_weight:g}" for spec in SOURCE_TABLE)

# The network's paraphrase request (docs/network.md §6c), word for word: a three-message chat.
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
# docs/network.md §6c names a separate prompt for code tasks but not its words; this one is ours:
# a code task must keep its code, names and I/O format exact, or no miner can solve it.
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

# Everything in the body but the question: the synapse's other fields and the dendrite and
# axon blocks (hotkeys, nonce, uuid, signature). With bittensor 10.5, IPv4 addresses and a
# 64 s timeout it is 935 bytes; twice that leaves room for IPv6, long timeouts and new
# fields. Plus the one letter the network's rule inserts into each miner's copy.
BODY_OVERHEAD_BYTES = 2048
INSERTED_LETTER_BYTES = 1
# Dataset files are read whole: 128 MiB is far above GSM8K, MMLU-STEM, SAT math or a
# ZebraLogic split; a full UltraInteract dump must be sampled first. No usable line comes
# near 1 MiB (the question must fit 64 KiB on the wire), so longer lines are not parsed.
DATASET_MAX_BYTES = 128 << 20
DATASET_MAX_LINE_BYTES = 1 << 20
DROP_WARN_EVERY_S = 300.0
MAX_REPORTED_LINES = 5
GENERATOR_TRIES = 20
DATASET_WRAP = "Find the solution of this question:\n---\n{question}\n---\n"

# (source, reason, count): where the validator's metrics learn of dropped questions.
DropSink = Callable[[str, str, int], None]


def miner_body_bytes(question: str) -> int:
    """An upper bound on the body of the request carrying ``question`` to a miner.

    The validator's dendrite sends ``json.dumps(synapse.model_dump())`` (aiohttp's
    ``json=``): ASCII only, so a character outside it is a 6-byte ``\\uXXXX`` escape and
    one outside the BMP a 12-byte surrogate pair. The question's own encoding is exact,
    the rest is ``BODY_OVERHEAD_BYTES``."""
    return len(json.dumps(question)) + BODY_OVERHEAD_BYTES + INSERTED_LETTER_BYTES


def miner_body_limit() -> int:
    """The largest request body a miner reads by default (``DEFAULT_MAX_BODY_BYTES``).

    Imported when first needed: ``logicnet.protocol`` loads bittensor, which ``logicnet
    score`` and the bench (they import this module for ``Challenge``) never need."""
    from logicnet.protocol import DEFAULT_MAX_BODY_BYTES

    return DEFAULT_MAX_BODY_BYTES


def miner_body_problem(question: str, limit: int | None = None) -> tuple[str, str] | None:
    """None when a miner whose body limit is ``limit`` (default: the miners' default) reads
    a request with ``question``; else (``too_large`` or ``malformed``, why). The one check
    every source goes through."""
    default = miner_body_limit()
    limit = default if limit is None else limit
    overhead = BODY_OVERHEAD_BYTES + INSERTED_LETTER_BYTES
    if len(question) > 16 * limit:
        # each character is at least one byte: no need to encode megabytes to say so
        size = f"at least {len(question) + 2 + overhead:,}"
    else:
        wire = miner_body_bytes(question)
        if wire <= limit:
            try:
                question.encode("utf-8")
            except UnicodeEncodeError:
                # a lone surrogate (JSON's \ud800 without its pair): miners answer 400
                return "malformed", "holds a lone surrogate, which miners refuse"
            return None
        size = f"{wire:,}"
    return (
        "too_large",
        f"{len(question):,} characters are {size} bytes as sent, over the "
        f"{limit:,}-byte request body miners accept{' by default' if limit == default else ''}",
    )


def fits_miner_body(question: str, limit: int | None = None) -> bool:
    return miner_body_problem(question, limit) is None


class _Drops:
    """Questions a source dropped: counted by (source, reason), warned about without a flood."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.totals: Counter[tuple[str, str]] = Counter()
        self._pending: Counter[tuple[str, str]] = Counter()
        self._sink: DropSink | None = None
        self._clock = clock
        self._warned_at: dict[tuple[str, str], float] = {}
        self._quiet: Counter[tuple[str, str]] = Counter()

    def bind(self, sink: DropSink) -> None:
        self._sink = sink
        pending, self._pending = self._pending, Counter()
        for (source, reason), n in pending.items():
            sink(source, reason, n)

    def count(self, source: str, reason: str, n: int = 1) -> None:
        self.totals[(source, reason)] += n
        if self._sink is not None:
            self._sink(source, reason, n)
        else:
            self._pending[(source, reason)] += n

    def warn(self, source: str, reason: str, message: str) -> None:
        """Count one drop; warn at once the first time, then at most every DROP_WARN_EVERY_S."""
        self.count(source, reason)
        key = (source, reason)
        self._quiet[key] += 1
        now = self._clock()
        last = self._warned_at.get(key)
        if last is not None and now - last < DROP_WARN_EVERY_S:
            return
        more = self._quiet[key] - 1
        log.warning(
            "%s%s",
            message,
            f" ({more} more like it since the last warning)"
            if more
            else f" (warned at most every {DROP_WARN_EVERY_S:g} s)",
        )
        self._warned_at[key] = now
        self._quiet[key] = 0

    def lines(
        self,
        source: str,
        where: str,
        problems: list[tuple[int, str, str]],
        kept: int,
        unit: str = "line",
    ) -> None:
        """Count the lines a file lost; warn for the first few, then one summary line."""
        for number, _, why in problems[:MAX_REPORTED_LINES]:
            log.warning("%s %s %d: %s (%s dropped)", where, unit, number, why, unit)
        reasons = Counter(reason for _, reason, _ in problems)
        if len(problems) > MAX_REPORTED_LINES:
            log.warning(
                "%s: %d more %ss dropped; in all %s; %d kept",
                where,
                len(problems) - MAX_REPORTED_LINES,
                unit,
                ", ".join(f"{n} {r}" for r, n in sorted(reasons.items())),
                kept,
            )
        for reason, n in reasons.items():
            self.count(source, reason, n)


def is_code_task(question: str) -> bool:
    """The network's test for its code-task rephrase prompt (docs/network.md §6c)."""
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
    return {spec.source: w for spec, w in zip(SOURCE_TABLE, values, strict=True)}


# Hub copies of the sources the table says the hub holds, tried when the ``datasets`` library
# is installed and the hub is allowed (HF_HUB_OFFLINE unset); (repository, config, split).
HUB_SOURCES = {spec.source.value: spec.hub for spec in SOURCE_TABLE if spec.hub is not None}
HUB_TIMEOUT_S = 60.0


def _hub_rows(source: str) -> list[tuple[str, str]]:
    """(question, ground truth) rows from the hub; [] when it cannot be reached in time."""
    import os

    if source not in HUB_SOURCES or os.environ.get("HF_HUB_OFFLINE") in ("1", "true", "yes"):
        return []
    try:
        import datasets
    except ImportError:
        return []
    repo, config, split = HUB_SOURCES[source]
    try:
        data = call_with_deadline(datasets.load_dataset, HUB_TIMEOUT_S, repo, config, split=split)
    except Exception as exc:  # the hub client raises many kinds; any of them means "no data"
        log.warning("could not load %s from the hub (%s)", repo, exc)
        return []
    rows: list[tuple[str, str]] = []
    for item in data:
        if source == "gsm8k":
            rows.append((str(item["question"]), str(item["answer"])))
        else:  # MMLU-STEM: the ground truth is the text of the correct choice
            choices = list(item["choices"])
            options = "\n".join(f"{chr(65 + i)}. {c}" for i, c in enumerate(choices))
            rows.append((f"{item['question']}\n{options}", str(choices[int(item["answer"])])))
    return rows


def _dataset_row(item: object) -> tuple[str, str]:
    if not isinstance(item, dict):
        raise ValueError('not a JSON object; each line needs {"question", "answer"}')
    question, answer = item.get("question"), item.get("answer")
    if not isinstance(question, str) or not question.strip():
        raise ValueError("'question' is missing, empty or not text")
    if not isinstance(answer, (str, int, float)) or isinstance(answer, bool):
        raise ValueError("'answer' is missing or not text or a number")
    return question, str(answer)


def _load_jsonl(
    path: Path, check: Callable[[str], tuple[str, str] | None]
) -> tuple[list[tuple[str, str]], list[tuple[int, str, str]]]:
    """(question, answer) rows whose question miners can be sent, and (line, reason, why)
    for every line left out. A file that cannot be read at all is a ``ConfigError``."""
    data = read_bytes_capped(path, DATASET_MAX_BYTES, "dataset file")
    rows: list[tuple[str, str]] = []
    problems: list[tuple[int, str, str]] = []
    for number, value, error in jsonl_records(data, DATASET_MAX_LINE_BYTES):
        if error is not None:
            problems.append((number, "too_large" if error.too_large else "malformed", str(error)))
            continue
        try:
            question, answer = _dataset_row(value)
        except ValueError as exc:
            problems.append((number, "malformed", str(exc)))
            continue
        problem = check(DATASET_WRAP.format(question=question))
        if problem is not None:
            problems.append((number, *problem))
            continue
        rows.append((question, answer))
    return rows, problems


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
        clock: Callable[[], float] = time.monotonic,
        body_limit: int | None = None,
    ) -> None:
        self.rng = rng
        # What every question must fit: the miners' default request body unless told otherwise.
        self.body_limit = miner_body_limit() if body_limit is None else body_limit
        self._check = functools.partial(miner_body_problem, limit=self.body_limit)
        self.llm = llm
        self.paraphrase_timeout_s = paraphrase_timeout_s
        self.task_pool = task_pool
        self._drops = _Drops(clock)
        self.questions = self._admit_questions(questions or [])
        self.datasets: dict[str, list[tuple[str, str]]] = {}
        self.weights: dict[str, float] = {Source.MATHGENERATOR: 1.0}
        if not self.questions:
            self._load_mix(weights, dataset_dir)
        self._pairs = topic_pairs(unique=False)  # prime_factors twice: its draw weight

    @property
    def dropped(self) -> dict[tuple[str, str], int]:
        """Questions left out so far, by (source, reason)."""
        return dict(self._drops.totals)

    def report_drops(self, sink: DropSink) -> None:
        """Tell ``sink`` of every drop: those made while loading at once, later ones as made."""
        self._drops.bind(sink)

    def _admit_questions(self, questions: list[FileQuestion]) -> list[FileQuestion]:
        if not questions:
            return []
        kept: list[FileQuestion] = []
        problems: list[tuple[int, str, str]] = []
        for item in questions:
            problem = self._check(item.question)
            if problem is None:
                kept.append(item)
            else:
                problems.append((item.line, *problem))
        path = questions[0].path
        where = f"questions file {path}" if path is not None else "questions file"
        self._drops.lines("questions", where, problems, len(kept))
        if not kept:
            raise ConfigError(
                f"{where}: no question fits the {self.body_limit:,}-byte request body miners accept"
            )
        return kept

    def _load_mix(self, weights: dict[str, float], dataset_dir: Path | None) -> None:
        for spec in SOURCE_TABLE:
            source = spec.source
            if spec.generated or weights.get(source, 0) <= 0:
                continue
            path = dataset_dir / f"{source}.jsonl" if dataset_dir else None
            # exists(), not is_file(): a FIFO or a directory in its place is refused, not skipped
            if path is not None and (path.exists() or path.is_symlink()):
                rows, problems = _load_jsonl(path, self._check)
                self._drops.lines(source, f"dataset file {path}", problems, len(rows))
            else:
                rows, problems = [], []
                for number, (question, answer) in enumerate(_hub_rows(source), 1):
                    problem = self._check(DATASET_WRAP.format(question=question))
                    if problem is None:
                        rows.append((question, answer))
                    else:
                        problems.append((number, *problem))
                where = f"{HUB_SOURCES[source][0]} on the hub" if source in HUB_SOURCES else source
                self._drops.lines(source, where, problems, len(rows), unit="row")
            self.datasets[source] = rows
        self.weights = {
            s: w
            for s, w in weights.items()
            if w > 0 and (s == Source.MATHGENERATOR or self.datasets.get(s))
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
        if source != Source.MATHGENERATOR:  # dataset rows were checked when loaded
            question, truth = self.rng.choice(self.datasets[source])
            return source, source, DATASET_WRAP.format(question=question), truth
        for _ in range(GENERATOR_TRIES):
            topic, subtopic = self.rng.choice(self._pairs)
            question, truth = draw_problem(topic, subtopic, self.rng.randrange(2**31))
            wrapped = wrap_math_question(topic, subtopic, question)
            problem = self._check(wrapped)
            if problem is None:
                return source, f"{topic}/{subtopic}", wrapped, truth
            self._drops.warn(
                source, problem[0], f"mathgenerator {topic}/{subtopic}: {problem[1]} (drawn again)"
            )
        raise LogicNetError(f"mathgenerator made no usable question in {GENERATOR_TRIES} draws")

    async def next(self, loop_time: float | None = None) -> Challenge:
        task_uid = uuid.uuid4().hex[:8]
        if self.task_pool is not None and self.task_pool.ready():
            try:
                task = await self.task_pool.random_task(check=self._check)
            except TaskPoolBadReply as exc:
                self._drops.count("task_pool", exc.reason)  # logged by the client, once
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
        """The task server's cheat list as last fetched (docs/network.md §6c); none without a
        server. The rewarder reads it for every item."""
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
        text = reply.text.strip()
        problem = self._check(text) if text else None
        if problem is not None:
            self._drops.warn(
                "paraphrase", problem[0], f"paraphrase: {problem[1]}; sending the raw question"
            )
            return raw
        return text or raw
