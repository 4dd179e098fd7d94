"""``logicnet bench``: score a strategy as validators would (``logicnet.bench_cli``)."""

from __future__ import annotations

import argparse

from logicnet.commands._shared import configure_logging

__all__ = ["DESCRIPTION", "EXAMPLES", "add_arguments", "run"]

DESCRIPTION = "Run challenges through a strategy and score them with the network's rules."
EXAMPLES = """\
examples:
  logicnet bench --miner.strategy engine --per-topic 50          # the embedded engine, offline
  logicnet bench --topics algebra,geometry/volume_cube --forms lettered
  logicnet bench --miner.strategy auto --miner.llm_client.base_url http://localhost:8000/v1
  logicnet bench --input my_questions.jsonl --out results/mine
  logicnet bench --miner.strategy engine --input ../shared/data/paraphrased-dev.jsonl
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from logicnet.settings import (
        CONCURRENCY,
        EPOCH_VOLUME,
        SECONDS,
        SEED,
        add_llm_args,
        bounded_int,
    )

    parser.add_argument(
        "--input",
        metavar="FILE.jsonl",
        help='challenges as {"question" or "logic_question", "answer" or '
        '"ground_truth", "topic"?, "reference"?} lines, e.g. a paraphrase set '
        "(default: mathgenerator, every topic)",
    )
    parser.add_argument(
        "--per-topic",
        type=bounded_int(1, 10_000),
        default=10,
        help="problems per mathgenerator subtopic (%(type)s; default: %(default)s)",
    )
    parser.add_argument(
        "--topics", default="", help="only these topics or topic/subtopic pairs, comma-separated"
    )
    parser.add_argument(
        "--forms",
        default="raw,wrapped,lettered",
        help="question forms to send (default: %(default)s)",
    )
    parser.add_argument(
        "--seed", type=SEED, default=0, help="draws problems (%(type)s; default: %(default)s)"
    )
    parser.add_argument(
        "--timeout",
        type=SECONDS,
        default=64.0,
        help="the validator's timeout per question (%(type)s; default: %(default)s)",
    )
    parser.add_argument(
        "--concurrency",
        type=CONCURRENCY,
        default=4,
        help="questions in flight (%(type)s; default: %(default)s)",
    )
    parser.add_argument(
        "--epoch-volume",
        type=EPOCH_VOLUME,
        default=50,
        help="for the volume scale of the reward (%(type)s; default: %(default)s)",
    )
    parser.add_argument(
        "--similarity",
        choices=("auto", "off"),
        default="auto",
        help="all-MiniLM-L6-v2 similarity when installed (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        default="bench-results",
        metavar="DIR",
        help="results.jsonl and report.html go here (default: %(default)s)",
    )
    parser.add_argument("--logging.debug", dest="debug", action="store_true", help="debug logs")
    add_llm_args(parser)


def run(args: argparse.Namespace) -> int:
    from logicnet.bench_cli import run_bench_command

    configure_logging(args.debug, False, bittensor_logs=False)
    return run_bench_command(args)
