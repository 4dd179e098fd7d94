"""``logicnet score``: score answers offline exactly as a validator would.

For miners checking their answer format and for audits. The scoring itself is
``logicnet.validator.offline`` (the validator's profile, checks and judge path); this
module is the command: its flags, the judge LLM they describe, and what is printed.
Without ``--llm_client.base_urls`` the judge path ends in the deterministic local
verdict, as a validator without a judge LLM does.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import sys

from logicnet.errors import ConfigError
from logicnet.flags import VALIDATOR, VALIDATOR_KEY_ENV_VARS, VALIDATOR_OWN
from logicnet.options import (
    EPOCH_VOLUME,
    SECONDS,
    SECONDS_OR_ZERO,
    Setting,
    Table,
    add_settings,
    bounded_float,
    bounded_int,
)
from logicnet.validator.judge import TIMEOUT_S as JUDGE_TIMEOUT_S
from logicnet.validator.judge import Judge, JudgeUnavailable
from logicnet.validator.offline import (
    Item,
    LazySimilarity,
    Scored,
    input_lines,
    score_item,
    score_lines,
)
from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES
from logicnet.validator.rewarder import FULL_VOLUME

__all__ = ["DESCRIPTION", "EXAMPLES", "HELP", "USAGE", "add_arguments", "run"]

log = logging.getLogger(__name__)

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
            default=VALIDATOR_OWN.default("timeout"),
            help="the challenge timeout in seconds (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--volume",
            type=bounded_int(0, int(EPOCH_VOLUME.high)),
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
            default=JUDGE_TIMEOUT_S,
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
            default=VALIDATOR.default("v_models"),
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


def _print_one(result: Scored, item: Item, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.fields(), ensure_ascii=False))
        return
    score = result.correctness
    print(f"correctness {score:.4f}" if score is not None else "correctness -")
    print(f"rule        {result.rule} ({result.reason})")
    print(
        f"reward      {result.reward:.4f}  (profile {result.profile}; similarity "
        f"{item.similarity:g}, time {item.process_time:g} s of {item.timeout:g} s, volume "
        f"{item.epoch_volume})"
    )


def _defaults(args: argparse.Namespace) -> Item:
    """The item the flags describe: every field of a file's line that it leaves out."""
    if (args.reasoning is None) != (args.reference is None):
        raise ConfigError("give both --reasoning and --reference, or neither")
    if args.reasoning is not None and args.similarity is not None:
        raise ConfigError("give --similarity, or --reasoning and --reference, not both")
    return Item(
        args.ground_truth or "",
        args.answer or "",
        args.question,
        args.process_time,
        args.timeout,
        args.volume or FULL_VOLUME,  # no usable volume counts as full scale (docs/network.md §6c)
        0.0 if args.similarity is None else args.similarity,
    )


async def _score_one(
    args: argparse.Namespace, item: Item, judge: Judge, similarity: LazySimilarity
) -> int:
    if args.reasoning is not None:
        try:
            item = dataclasses.replace(item, similarity=similarity(args.reasoning, args.reference))
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
    try:
        result = await score_item(PROFILES[args.profile], judge, item)
    except JudgeUnavailable as exc:
        print(f"logicnet score: the judge failed: {exc}", file=sys.stderr)
        return 1
    _print_one(result, item, args.json)
    return 0


async def _score_file(
    args: argparse.Namespace,
    lines: list[str],
    defaults: Item,
    judge: Judge,
    similarity: LazySimilarity,
) -> int:
    profile = PROFILES[args.profile]
    if args.output:
        with open(args.output, "w", encoding="utf-8") as sink:
            tally = await score_lines(lines, profile, judge, defaults, similarity, sink)
    else:
        tally = await score_lines(lines, profile, judge, defaults, similarity, sys.stdout)
    failed = tally.judge_failures
    print(
        f"logicnet score: {tally.scored} scored, {tally.errors} error records"
        + (f" ({failed} because the judge failed)" if failed else ""),
        file=sys.stderr,
    )
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    defaults = _defaults(args)
    if args.input is None and (args.ground_truth is None or args.answer is None):
        raise ConfigError("give --ground-truth and --answer, or --input FILE.jsonl")
    if args.input is not None and (args.ground_truth is not None or args.answer is not None):
        raise ConfigError("give --ground-truth and --answer, or --input FILE.jsonl, not both")
    if args.process_time > args.timeout:
        raise ConfigError(
            f"--time {args.process_time:g} is after --timeout {args.timeout:g}: such a reply "
            "never reaches the validator"
        )
    lines = input_lines(args.input) if args.input is not None else []
    judge = _judge(args)
    similarity = LazySimilarity()

    async def go() -> int:
        try:
            if args.input is None:
                return await _score_one(args, defaults, judge, similarity)
            return await _score_file(args, lines, defaults, judge, similarity)
        finally:
            if judge.llm is not None:
                await judge.llm.close()

    return asyncio.run(go())
