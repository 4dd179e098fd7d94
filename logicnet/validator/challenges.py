"""Making challenges as a validator does (SPEC §5, §6b).

Sources, mixed by ``--dataset_weight`` in this order: mathgenerator, ZebraLogic
grid, ZebraLogic multiple choice, UltraInteract, GSM8K, MMLU-STEM, SAT math.
mathgenerator is always available; a dataset source is used when its JSONL file
is in ``--challenge.dataset_dir`` (lines of ``{"question", "answer"}``), or, for
GSM8K and MMLU-STEM, from the Hugging Face hub through ``datasets`` when that is
installed and reachable; a source with no data drops out of the mix with a
warning. When the validator has an LLM, the raw question is paraphrased as a
persona; the ground truth always stays with the validator.
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

__all__ = ["SOURCES", "Challenge", "Challenger", "parse_weights"]

log = logging.getLogger(__name__)

SOURCES = ("mathgenerator", "zebra_grid", "zebra_mc", "ultrainteract", "gsm8k", "mmlu_stem",
           "sat_math")
DEFAULT_WEIGHTS = "40,10,10,10,10,10,10"

PROFILES = ("math student", "engineer", "data analyst", "high school teacher", "curious parent",
            "software developer", "accountant")
MOODS = ("curious", "puzzled", "eager", "tired", "excited", "skeptical")
TONES = ("playful", "serious", "casual", "formal")
PARAPHRASE_PROMPT = (
    "Rewrite the math question below as a message from a {profile} who is {mood}, in a {tone} "
    "tone. Keep every number, expression and condition exactly; do not solve it, do not add "
    "hints or the answer. Output only the rewritten question.\n\nQuestion:\n{question}"
)


@dataclass(frozen=True)
class Challenge:
    task_uid: str
    source: str
    topic: str
    raw_question: str  # before paraphrase: what the reference solution answers
    question: str  # what miners receive
    ground_truth: str

    def for_miner(self, rng: random.Random, insert_letter: bool) -> str:
        """This miner's copy: with one random letter inserted when enabled (SPEC §6b)."""
        return insert_random_letter(self.question, rng) if insert_letter else self.question


def parse_weights(text: str) -> dict[str, float]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(SOURCES):
        raise ConfigError(f"--dataset_weight takes {len(SOURCES)} numbers "
                          f"({', '.join(SOURCES)}), got {len(parts)}")
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
            timeout=HUB_TIMEOUT_S)
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
            raise ConfigError(f"{path} line {number}: needs {{\"question\", \"answer\"}}") from None
        if isinstance(question, str) and question.strip() and answer is not None:
            rows.append((question, str(answer)))
    return rows


class Challenger:
    """Draws challenges; ``next`` is the one entry point."""

    def __init__(
        self,
        weights: dict[str, float],
        rng: random.Random,
        dataset_dir: Path | None = None,
        llm: LLMPool | None = None,
        paraphrase_timeout_s: float = 20.0,
    ) -> None:
        self.rng = rng
        self.llm = llm
        self.paraphrase_timeout_s = paraphrase_timeout_s
        self.datasets: dict[str, list[tuple[str, str]]] = {}
        for source in SOURCES[1:]:
            if weights.get(source, 0) <= 0:
                continue
            path = dataset_dir / f"{source}.jsonl" if dataset_dir else None
            if path is not None and path.is_file():
                self.datasets[source] = _load_jsonl(path)
            else:
                self.datasets[source] = _hub_rows(source)
        self.weights = {s: w for s, w in weights.items()
                        if w > 0 and (s == "mathgenerator" or self.datasets.get(s))}
        dropped = [s for s, w in weights.items() if w > 0 and s not in self.weights]
        if dropped:
            log.warning("no data for %s (put <source>.jsonl in --challenge.dataset_dir): "
                        "drawing from %s only", ", ".join(dropped), ", ".join(self.weights))
        if not self.weights:
            raise ConfigError("no challenge source left: give mathgenerator a weight")
        self._pairs = topic_pairs(unique=False)  # prime_factors twice: its draw weight

    def draw_raw(self) -> tuple[str, str, str, str]:
        """(source, topic, raw question as sent before paraphrase, ground truth)."""
        source = self.rng.choices(list(self.weights), weights=list(self.weights.values()))[0]
        if source == "mathgenerator":
            topic, subtopic = self.rng.choice(self._pairs)
            question, truth = draw_problem(topic, subtopic, self.rng.randrange(2**31))
            return source, f"{topic}/{subtopic}", wrap_math_question(topic, subtopic,
                                                                     question), truth
        question, truth = self.rng.choice(self.datasets[source])
        wrapped = f"Find the solution of this question:\n---\n{question}\n---\n"
        return source, source, wrapped, truth

    async def next(self, loop_time: float | None = None) -> Challenge:
        source, topic, raw, truth = self.draw_raw()
        question = raw
        if self.llm is not None:
            question = await self._paraphrase(raw)
        return Challenge(uuid.uuid4().hex[:8], source, topic, raw, question, truth)

    async def _paraphrase(self, raw: str) -> str:
        import asyncio

        prompt = PARAPHRASE_PROMPT.format(profile=self.rng.choice(PROFILES),
                                          mood=self.rng.choice(MOODS),
                                          tone=self.rng.choice(TONES), question=raw)
        assert self.llm is not None
        try:
            reply = await self.llm.chat(
                [{"role": "user", "content": prompt}],
                deadline=asyncio.get_running_loop().time() + self.paraphrase_timeout_s,
                temperature=0.7, max_tokens=400,
            )
        except LogicNetError as exc:
            log.warning("paraphrase failed (%s); sending the raw question", exc)
            return raw
        return reply.text.strip() or raw
