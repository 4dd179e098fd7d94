"""``logicnet score``: score answers offline exactly as a validator would.

For miners checking their answer format and for audits: the same profile, the same
checks in the same order, the same judge path (``logicnet.validator.rewarder``).
Without ``--llm_client.base_urls`` the judge path ends in the deterministic local
verdict, as a validator without a judge LLM does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from logicnet.errors import ConfigError
from logicnet.fileio import read_bytes_capped
from logicnet.flags import VALIDATOR_KEY_ENV_VARS
from logicnet.options import (
    SECONDS,
    SECONDS_OR_ZERO,
    Setting,
    Table,
    add_settings,
    bounded_float,
    bounded_int,
)
from logicnet.validator.judge import Judge, JudgeUnavailable
from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES, ScoringProfile
from logicnet.validator.rewarder import FULL_VOLUME, MAX_ANSWER_CHARS, judge_answer
from logicnet.validator.scoring import Correctness, ScoreMethod, reward

__all__ = ["DESCRIPTION", "EXAMPLES", "HELP", "USAGE", "add_arguments", "run"]

log = logging.getLogger(__name__)

# --input is read whole, and only when it is a regular file of at most this size (a FIFO,
# a device or a directory is refused in one line). 64 MiB is some 200,000 scored answers.
MAX_INPUT_BYTES = 64 * 1024 * 1024

HELP = "score answers against ground truths offline, as a validator would"
DESCRIPTION = (
    "Score one answer, or a JSONL file of them, with a profile's rules: the "
    "correctness, the rule that decided it, and the reward."
)
USAGE = (
    "%(prog)s [options] --ground-truth TRUTH --answer ANSWER  |  "
    "%(prog)s [options] --input IN.jsonl [--output OUT.jsonl]"
)
EXAMPLES = """\
examples:
  logicnet score --ground-truth "1/8" --answer "0.125"
  logicnet score --profile seed --ground-truth "1/8" --answer "0.125" --time 3.2 --timeout 64 \\
      --volume 50 --similarity 0.8
  logicnet score --json --ground-truth "Yes" --answer "yes, it is"
  logicnet score --ground-truth 5 --answer 5 --reasoning "2 + 3 = 5" --reference "Add 2 and 3: 5"
  logicnet score --input answers.jsonl --output scored.jsonl
  logicnet score --input answers.jsonl --llm_client.base_urls http://localhost:8000/v1 \\
      --llm_client.models gpt-4o-mini

input lines: {"ground_truth": "...", "answer": "...", "process_time": 3.2, "timeout": 64,
  "epoch_volume": 50, "similarity": 0.8, "question": "..."} (all but the first two optional;
  "reasoning" and "reference" instead of "similarity" compute it with all-MiniLM-L6-v2);
  each output line repeats the input and adds correctness, rule, reason and reward, or an
  "error" for a line that could not be scored.

rules: exact | numeric | judge | local-judge (no judge LLM: equal values or normalised
  strings score 1, anything else 0) | cheat | invalid (not text, too long, bad Unicode)

exit status: 0 scored (in a file, bad lines become error records); 1 the judge LLM failed;
2 a usage or configuration error
"""


ROLE = "score"
SCORE = Table(
    None,
    (
        Setting(
            "--profile",
            default=DEFAULT_PROFILE,
            choices=tuple(PROFILES),
            help="the validator's rule set (default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--ground-truth",
            dest="ground_truth",
            metavar="TRUTH",
            help="the validator's ground truth",
            roles=(ROLE,),
        ),
        Setting("--answer", help="the miner's logic_answer", roles=(ROLE,)),
        Setting(
            "--question", default="", help="the question (the LLM judge sees it)", roles=(ROLE,)
        ),
        Setting(
            "--time",
            dest="process_time",
            type=SECONDS_OR_ZERO,
            default=0.0,
            metavar="S",
            help="the miner's process time in seconds (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--timeout",
            type=SECONDS,
            default=64.0,
            help="the challenge timeout in seconds (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--volume",
            type=bounded_int(0, 100_000),
            default=FULL_VOLUME,
            help="the miner's epoch_volume; 0 counts as 512, as on the network (%(type)s; "
            "default: %(default)s)",
            roles=(ROLE,),
            aka=("epoch_volume",),
        ),
        Setting(
            "--similarity",
            type=bounded_float(-1.0, 1.0),
            help="similarity of the reasoning to the validator's reference (%(type)s; default: "
            "0, or computed from --reasoning and --reference)",
            roles=(ROLE,),
        ),
        Setting(
            "--reasoning", help="the miner's logic_reasoning (with --reference)", roles=(ROLE,)
        ),
        Setting(
            "--reference",
            help="the validator's reference working: the similarity is computed with "
            "all-MiniLM-L6-v2, as a validator does",
            roles=(ROLE,),
        ),
        Setting("--input", metavar="IN.jsonl", help="score every line of this file", roles=(ROLE,)),
        Setting(
            "--output",
            metavar="OUT.jsonl",
            help="write the scored lines here (default: standard output)",
            roles=(ROLE,),
        ),
        Setting("--json", action="store_true", help="print one JSON object", roles=(ROLE,)),
        Setting(
            "--judge-timeout",
            dest="judge_timeout",
            type=SECONDS,
            default=30.0,
            help="seconds per judge LLM call (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
    ),
)
JUDGE_LLM = Table(
    "judge LLM (optional; without it: the local verdict)",
    (
        Setting(
            "--llm_client.base_urls",
            dest="j_base_urls",
            default="",
            metavar="URLS",
            help="comma-separated OpenAI-compatible endpoints",
            roles=(ROLE,),
        ),
        Setting(
            "--llm_client.models",
            dest="j_models",
            default="gpt-4o-mini",
            metavar="MODELS",
            help="model name(s) (default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--llm_client.keys",
            dest="j_keys",
            metavar="KEYS",
            help="API key(s); default: OPENAI_API_KEY / TOGETHERAI_API_KEY or .env",
            roles=(ROLE,),
            env=VALIDATOR_KEY_ENV_VARS,
        ),
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_settings(parser, SCORE, ROLE)
    add_settings(parser, JUDGE_LLM, ROLE)


@dataclass(frozen=True)
class Item:
    ground_truth: str
    answer: Any
    question: str = ""
    process_time: float = SCORE.default("process_time")
    timeout: float = SCORE.default("timeout")
    epoch_volume: int = SCORE.default("volume")
    similarity: float = 0.0


def _number(record: dict[str, Any], key: str, default: float) -> float:
    value = record.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{key!r} must be a finite number")
    return float(value)


def _item(record: Any, defaults: Item) -> Item:
    if not isinstance(record, dict):
        raise ValueError("a line must be a JSON object")
    truth = record.get("ground_truth")
    if not isinstance(truth, str):
        raise ValueError("'ground_truth' must be a string")
    if "answer" not in record:
        raise ValueError("'answer' is missing")
    question = record.get("question", "")
    timeout = _number(record, "timeout", defaults.timeout)
    if timeout <= 0:
        raise ValueError("'timeout' must be positive")
    reasoning, reference = record.get("reasoning"), record.get("reference")
    if (
        record.get("similarity") is None
        and isinstance(reasoning, str)
        and isinstance(reference, str)
    ):
        similarity = similarity_of(reasoning, reference)
    else:
        similarity = _number(record, "similarity", defaults.similarity)
    if not -1.0 <= similarity <= 1.0:
        raise ValueError("'similarity' must be between -1 and 1")
    volume = _number(record, "epoch_volume", defaults.epoch_volume) or FULL_VOLUME
    if volume < 0:
        raise ValueError("'epoch_volume' must not be negative")
    return Item(
        truth,
        record["answer"],
        question if isinstance(question, str) else "",
        max(_number(record, "process_time", defaults.process_time), 0.0),
        timeout,
        int(volume),
        similarity,
    )


class _Similarity:
    """The validator's similarity model, loaded on first use."""

    def __init__(self) -> None:
        self._model: Any = None
        self._loaded = False

    def __call__(self, reasoning: str, reference: str) -> float:
        if not self._loaded:
            from logicnet.validator.similarity import load_similarity

            self._model, self._loaded = load_similarity(), True
        if self._model is None:
            raise ConfigError(
                "the similarity model is not installed (bash install.sh --validator); "
                "give a similarity instead of a reasoning and a reference"
            )
        try:
            value = float(self._model.score_pairs([reasoning], [reference])[0])
        except (RuntimeError, TypeError, UnicodeError) as exc:
            # what the validator does with a text that breaks the model: that answer scores 0
            raise ValueError(f"the reasoning broke the similarity model ({exc})") from exc
        return max(min(value, 1.0), -1.0) if math.isfinite(value) else 0.0


similarity_of = _Similarity()


def _invalid(answer: Any) -> str:
    if not isinstance(answer, str):
        return f"answer is {'null' if answer is None else type(answer).__name__}, not text"
    if len(answer) > MAX_ANSWER_CHARS:
        return f"answer has {len(answer)} characters (limit {MAX_ANSWER_CHARS})"
    try:
        answer.encode("utf-8")
    except UnicodeEncodeError:
        return "answer is not valid Unicode (lone surrogate)"
    return ""


async def _score(profile: ScoringProfile, judge: Judge, item: Item) -> dict[str, Any]:
    defect = _invalid(item.answer)
    if defect:  # as the validator does: that miner scores 0 for the item
        verdict = Correctness(0.0, ScoreMethod.INVALID, defect)
        total = 0.0
    else:
        verdict = await judge_answer(profile, judge, item.question, item.ground_truth, item.answer)
        total = reward(
            profile,
            float(verdict.score or 0.0),
            item.similarity,
            item.process_time,
            item.timeout,
            item.epoch_volume,
        )
    return {
        "profile": profile.name,
        "correctness": verdict.score,
        "rule": verdict.method,
        "reason": verdict.reason,
        "reward": total,
    }


def _judge(args: argparse.Namespace) -> Judge:
    from logicnet.credentials import Secret, resolve_llm_key
    from logicnet.llm import LLMPool

    urls = [u.strip().rstrip("/") for u in args.j_base_urls.split(",") if u.strip()]
    if not urls:
        return Judge(None)
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"--llm_client.base_urls: {url!r} is not an http(s) URL")
    models = [m.strip() for m in args.j_models.split(",") if m.strip()] or [
        JUDGE_LLM.default("j_models")
    ]
    flag_keys = [k.strip() for k in (args.j_keys or "").split(",") if k.strip()]
    keys = (
        [Secret(k, "--llm_client.keys") for k in flag_keys]
        if flag_keys
        else [resolve_llm_key(None, None, VALIDATOR_KEY_ENV_VARS)]
    )
    for name, values in (("models", models), ("keys", keys)):
        if len(values) not in (1, len(urls)):
            raise ConfigError(f"--llm_client.{name}: give one, or one per URL")
    models, keys = models * (len(urls) // len(models)), keys * (len(urls) // len(keys))
    pool = LLMPool(urls, models[0], keys[0], models=models, keys=keys)
    return Judge(pool, timeout_s=args.judge_timeout)


def _print_one(result: dict[str, Any], item: Item, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    score = result["correctness"]
    print(f"correctness {score:.4f}" if score is not None else "correctness -")
    print(f"rule        {result['rule']} ({result['reason']})")
    print(
        f"reward      {result['reward']:.4f}  (profile {result['profile']}; similarity "
        f"{item.similarity:g}, time {item.process_time:g} s of {item.timeout:g} s, volume "
        f"{item.epoch_volume})"
    )


def _input_lines(path: str) -> list[str]:
    """The lines of ``--input`` (bad UTF-8 replaced: that line then fails on its own)."""
    if not Path(path).exists():
        raise ConfigError(f"--input {path}: no such file")
    text = read_bytes_capped(path, MAX_INPUT_BYTES, "--input").decode("utf-8", "replace")
    # Newlines as a text-mode file reads them; not splitlines(), which also splits at
    # U+2028 and friends, legal inside a JSON string.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


async def _run_file(
    lines: list[str], profile: ScoringProfile, judge: Judge, defaults: Item, sink: IO[str]
) -> tuple[int, int, int]:
    scored = errors = judge_failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record: Any = None
        try:
            record = json.loads(line)
            item = _item(record, defaults)
            out = {**record, **(await _score(profile, judge, item))}
            scored += 1
        except (ValueError, RecursionError, ConfigError) as exc:  # incl. JSONDecodeError
            base = record if isinstance(record, dict) else {}
            out = {**base, "line": number, "error": str(exc)}
            errors += 1
        except JudgeUnavailable as exc:
            out = {**record, "line": number, "error": f"judge unavailable: {exc}"}
            errors += 1
            judge_failures += 1
        # ASCII escapes: a lone surrogate in an answer must not break the writer
        sink.write(json.dumps(out, default=str) + "\n")
    return scored, errors, judge_failures


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    profile = PROFILES[args.profile]
    if (args.reasoning is None) != (args.reference is None):
        raise ConfigError("give both --reasoning and --reference, or neither")
    if args.reasoning is not None and args.similarity is not None:
        raise ConfigError("give --similarity, or --reasoning and --reference, not both")
    if args.similarity is None:
        args.similarity = 0.0
    # no usable volume counts as full scale (docs/network.md §6c)
    args.volume = args.volume or FULL_VOLUME
    defaults = Item(
        "",
        "",
        args.question,
        args.process_time,
        args.timeout,
        args.volume,
        args.similarity,
    )
    if args.input is None and (args.ground_truth is None or args.answer is None):
        raise ConfigError("give --ground-truth and --answer, or --input FILE.jsonl")
    lines = _input_lines(args.input) if args.input is not None else []
    judge = _judge(args)

    async def go() -> int:
        try:
            if args.input is None:
                similarity = args.similarity
                if args.reasoning is not None:
                    try:
                        similarity = similarity_of(args.reasoning, args.reference)
                    except ValueError as exc:
                        raise ConfigError(str(exc)) from exc
                item = Item(
                    args.ground_truth,
                    args.answer,
                    args.question,
                    defaults.process_time,
                    args.timeout,
                    args.volume,
                    similarity,
                )
                try:
                    result = await _score(profile, judge, item)
                except JudgeUnavailable as exc:
                    print(f"logicnet score: the judge failed: {exc}", file=sys.stderr)
                    return 1
                _print_one(result, item, args.json)
                return 0
            if args.output:
                with open(args.output, "w", encoding="utf-8") as sink:
                    counts = await _run_file(lines, profile, judge, defaults, sink)
            else:
                counts = await _run_file(lines, profile, judge, defaults, sys.stdout)
            scored, errors, judge_failures = counts
            print(
                f"logicnet score: {scored} scored, {errors} error records"
                + (f" ({judge_failures} because the judge failed)" if judge_failures else ""),
                file=sys.stderr,
            )
            return 1 if judge_failures else 0
        finally:
            if judge.llm is not None:
                await judge.llm.close()

    return asyncio.run(go())
