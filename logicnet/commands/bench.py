"""``logicnet bench``: score a strategy as validators would (``logicnet.bench``)."""

from __future__ import annotations

import argparse

from logicnet.commands._shared import configure_logging
from logicnet.options import (
    CONCURRENCY,
    EPOCH_VOLUME,
    SECONDS,
    SEED,
    Setting,
    Table,
    add_settings,
    bounded_int,
)

__all__ = ["DESCRIPTION", "EXAMPLES", "add_arguments", "run"]

DESCRIPTION = "Run challenges through a strategy and score them with the network's rules."
EXAMPLES = """\
examples:
  logicnet bench --miner.strategy engine --per-topic 50          # the embedded engine, offline
  logicnet bench --topics algebra,geometry/volume_cube --forms lettered
  logicnet bench --miner.strategy auto --miner.llm_client.base_url http://localhost:8000/v1
  logicnet bench --input my_questions.jsonl --out results/mine
  logicnet bench --miner.strategy engine --input benchmarks/data/paraphrases-7b-voices.jsonl
"""


ROLE = "bench"
BENCH = Table(
    None,
    (
        Setting(
            "--input",
            metavar="FILE.jsonl",
            help='challenges as {"question" or "logic_question", "answer" or '
            '"ground_truth", "topic"?, "reference"?} lines, e.g. a paraphrase set '
            "(default: mathgenerator, every topic)",
            roles=(ROLE,),
        ),
        Setting(
            "--per-topic",
            type=bounded_int(1, 10_000),
            default=10,
            help="problems per mathgenerator subtopic (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--topics",
            default="",
            help="only these topics or topic/subtopic pairs, comma-separated",
            roles=(ROLE,),
        ),
        Setting(
            "--forms",
            default="raw,wrapped,lettered",
            help="question forms to send (default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--seed",
            type=SEED,
            default=0,
            help="draws problems (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--timeout",
            type=SECONDS,
            default=64.0,
            help="the validator's timeout per question (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--concurrency",
            type=CONCURRENCY,
            default=4,
            help="questions in flight (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--epoch-volume",
            type=EPOCH_VOLUME,
            default=50,
            help="for the volume scale of the reward (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--similarity",
            choices=("auto", "off"),
            default="auto",
            help="all-MiniLM-L6-v2 similarity when installed (default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--out",
            default="bench-results",
            metavar="DIR",
            help="results.jsonl and report.html go here (default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--logging.debug", dest="debug", action="store_true", help="debug logs", roles=(ROLE,)
        ),
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from logicnet.settings import add_llm_args

    add_settings(parser, BENCH, ROLE)
    add_llm_args(parser, ROLE)


def run(args: argparse.Namespace) -> int:
    from logicnet.bench import run_bench_command

    configure_logging(args.debug, False, bittensor_logs=False)
    return run_bench_command(args)
