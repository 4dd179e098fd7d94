"""The ``logicnet`` command: every behaviour starts here.

    logicnet miner ...           -> logicnet.miner.run.run_miner
    logicnet solve ...           -> logicnet.solve.solve_one / solve_file
    logicnet validator ...       -> logicnet.validator.run.run_validator -> validator.service
    logicnet localnet ...        -> logicnet.localnet.run_localnet (miners + validator)
    logicnet bench ...           -> logicnet.bench_cli.run_bench_command -> logicnet.bench
    logicnet wallet create ...   -> logicnet.wallets.create_wallet

Errors we raise on purpose (``LogicNetError``) become one clean line and exit
code 2 here, at the edge; anything else keeps its traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from logicnet import __version__
from logicnet.errors import LogicNetError

__all__ = ["build_parser", "main"]

STRATEGY_CHOICES = ("engine", "auto", "program", "baseline")

log = logging.getLogger("logicnet")

MINER_EXAMPLES = """\
examples:
  # together.ai (key in .env as TOGETHER_API_KEY)
  logicnet miner --netuid 35 --wallet.name my-wallet --wallet.hotkey my-hotkey \\
      --subtensor.network finney --axon.port 8091 --miner.epoch_volume 50 \\
      --miner.llm_client.base_url https://api.together.xyz/v1 \\
      --miner.llm_client.model Qwen/Qwen2-Instruct-72B

  # a local vLLM server, two replicas sharing the load
  logicnet miner --wallet.name my-wallet --wallet.hotkey my-hotkey --axon.port 8091 \\
      --miner.llm_client.base_url http://localhost:8000/v1,http://localhost:8001/v1

  # no chain: metagraph from a JSON file (see README, "Local mode")
  logicnet miner --localnet.registry registry.json --wallet.name m0 --wallet.hotkey default
"""

SOLVE_EXAMPLES = """\
examples:
  logicnet solve "What is the GCD of 12 and 18?"
  logicnet solve --json "Solve 8x + 5 = 6 for x" --miner.llm_client.base_url http://localhost:8000/v1
  logicnet solve --input questions.jsonl --output answers.jsonl --concurrency 8
"""


VALIDATOR_EXAMPLES = """\
examples:
  # on subnet 35, judge/paraphrase/reference with OpenAI (key in .env as OPENAI_API_KEY)
  logicnet validator --netuid 35 --wallet.name my-wallet --wallet.hotkey my-hotkey \\
      --subtensor.network finney --llm_client.base_urls https://api.openai.com/v1 \\
      --llm_client.models gpt-4o-mini

  # no chain: metagraph from a JSON file, three loops, no weights on chain
  logicnet validator --localnet.registry registry.json --wallet.name v0 --loop_base_time 30 \\
      --validator.loops 3
"""

LOCALNET_EXAMPLES = """\
examples:
  logicnet localnet                                     # offline: engine miners vs cheaters
  logicnet localnet --miners 4 --rounds 3 --json run.json --report report/
  logicnet localnet --miners engine,auto,lazy --miner-llm http://localhost:8000/v1 \\
      --miner-model Qwen/Qwen2.5-7B-Instruct --validator-llm http://localhost:8000/v1
"""

BENCH_EXAMPLES = """\
examples:
  logicnet bench --miner.strategy engine --per-topic 50          # the embedded engine, offline
  logicnet bench --topics algebra,geometry/volume_cube --forms lettered
  logicnet bench --miner.strategy auto --miner.llm_client.base_url http://localhost:8000/v1
  logicnet bench --input my_questions.jsonl --out results/mine
"""


def _configure_logging(debug: bool, trace: bool, bittensor_logs: bool = True) -> None:
    level = logging.DEBUG if (debug or trace) else logging.INFO
    if bittensor_logs:
        # First: bittensor's setters re-level every logger that exists, ours included.
        import bittensor as bt

        if trace:
            bt.logging.set_trace(True)
        elif debug:
            bt.logging.set_debug(True)
        else:
            bt.logging.set_warning(True)
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    # Importing bittensor silences every logger that already exists; ours speak again.
    for name, logger in logging.root.manager.loggerDict.items():
        if name.startswith("logicnet.") and isinstance(logger, logging.Logger):
            logger.setLevel(logging.NOTSET)
            logger.disabled = False
    logging.getLogger("logicnet").setLevel(level)
    logging.getLogger("logicnet").disabled = False
    # Chatty libraries only speak up when asked for trace.
    for name in ("httpx", "httpx2", "httpcore", "httpcore2", "openai", "uvicorn", "websockets"):
        logging.getLogger(name).setLevel(logging.DEBUG if trace else logging.WARNING)


def build_parser() -> argparse.ArgumentParser:
    from logicnet.settings import add_llm_args, add_miner_args, add_validator_args

    parser = argparse.ArgumentParser(
        prog="logicnet",
        allow_abbrev=False,
        description="LogicNet (Bittensor subnet 35) miner and tools.",
    )
    parser.add_argument("--version", action="version", version=f"logicnet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    miner = sub.add_parser(
        "miner",
        allow_abbrev=False,
        help="run a miner that answers LogicNet validators",
        description="Serve LogicNet challenges on a bittensor axon.",
        epilog=MINER_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_miner_args(miner)

    solve = sub.add_parser(
        "solve",
        allow_abbrev=False,
        help="solve one question, or a JSONL file of them, with the miner's solver",
        description="Solve questions exactly as the miner would, without a chain.",
        epilog=SOLVE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    solve.add_argument("question", nargs="?", help="the question text")
    solve.add_argument("--json", action="store_true", help="print one JSON object")
    solve.add_argument("--input", metavar="Q.jsonl",
                       help='lines of {"logic_question": ..., "id": ...}')
    solve.add_argument("--output", metavar="A.jsonl", help="where to write one answer per line")
    solve.add_argument("--concurrency", type=int, default=8,
                       help="questions in flight (default: %(default)s)")
    solve.add_argument("--timeout", type=float, default=64.0,
                       help="seconds per question, as a validator's timeout (default: %(default)s)")
    solve.add_argument("--resume", action="store_true",
                       help="skip ids already answered in --output and append to it")
    solve.add_argument("--logging.debug", dest="debug", action="store_true", help="debug logs")
    add_llm_args(solve)

    validator = sub.add_parser(
        "validator",
        allow_abbrev=False,
        help="run a validator: challenge miners, score them, set weights",
        description="Validate on LogicNet: challenges, scoring profiles, weights, saved state.",
        epilog=VALIDATOR_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_validator_args(validator)

    localnet = sub.add_parser(
        "localnet",
        allow_abbrev=False,
        help="a whole subnet on 127.0.0.1: one validator, N miners, scored in minutes",
        description="Start a local subnet (no chain, real axons and signatures), run rounds of "
        "challenges, and print how each miner scores.",
        epilog=LOCALNET_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    localnet.add_argument("--miners", default="engine,engine,lazy,slow,injector,copycat",
                          help="a number (of --miner-strategy miners) or a list of kinds: "
                          "engine, auto, program, baseline, lazy, slow, injector, copycat "
                          "(default: %(default)s)")
    localnet.add_argument("--rounds", type=int, default=2, help="validator loops "
                          "(default: %(default)s)")
    localnet.add_argument("--timeout", type=float, default=5.0,
                          help="challenge timeout in seconds (64 on the network) "
                          "(default: %(default)s)")
    localnet.add_argument("--volume", type=int, default=3,
                          help="each miner's epoch_volume: queries per round "
                          "(default: %(default)s)")
    localnet.add_argument("--miner-strategy", default="engine", choices=STRATEGY_CHOICES,
                          help="kind of the miners when --miners is a number "
                          "(default: %(default)s)")
    localnet.add_argument("--profile", default="network-2025-05",
                          choices=("network-2025-05", "seed"),
                          help="scoring rules (default: %(default)s)")
    localnet.add_argument("--insert-letter", action="store_true",
                          help="each miner gets its copy with one random letter inserted")
    localnet.add_argument("--seed", type=int, default=None, help="seed the challenges")
    localnet.add_argument("--dir", default=None, help="keep wallets, registry, logs and state "
                          "here (default: a temporary folder, removed afterwards)")
    localnet.add_argument("--json", dest="json_path", default=None, metavar="FILE",
                          help="per round and per miner: reward components and final weights")
    localnet.add_argument("--report", default=None, metavar="DIR",
                          help="table and plots (report.html, miners.png)")
    localnet.add_argument("--miner-llm", default=None, metavar="URL",
                          help="OpenAI-compatible endpoint for auto/program/baseline miners")
    localnet.add_argument("--miner-model", default=None, help="model for --miner-llm")
    localnet.add_argument("--validator-llm", default=None, metavar="URL",
                          help="endpoint for the validator's paraphrase, judge and reference")
    localnet.add_argument("--validator-model", default=None, help="model for --validator-llm")

    bench = sub.add_parser(
        "bench",
        allow_abbrev=False,
        help="score a strategy on mathgenerator problems (or a JSONL file) as validators would",
        description="Run challenges through a strategy and score them with the network's rules.",
        epilog=BENCH_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bench.add_argument("--input", metavar="FILE.jsonl",
                       help='challenges as {"id", "question", "answer", "topic"} lines '
                       "(default: mathgenerator, every topic)")
    bench.add_argument("--per-topic", type=int, default=10,
                       help="problems per mathgenerator subtopic (default: %(default)s)")
    bench.add_argument("--topics", default="",
                       help="only these topics or topic/subtopic pairs, comma-separated")
    bench.add_argument("--forms", default="raw,wrapped,lettered",
                       help="question forms to send (default: %(default)s)")
    bench.add_argument("--seed", type=int, default=0, help="draws problems (default: %(default)s)")
    bench.add_argument("--timeout", type=float, default=64.0,
                       help="the validator's timeout per question (default: %(default)s)")
    bench.add_argument("--concurrency", type=int, default=4,
                       help="questions in flight (default: %(default)s)")
    bench.add_argument("--epoch-volume", type=int, default=50,
                       help="for the volume scale of the reward (default: %(default)s)")
    bench.add_argument("--similarity", choices=("auto", "off"), default="auto",
                       help="all-MiniLM-L6-v2 similarity when installed (default: %(default)s)")
    bench.add_argument("--out", default="bench-results", metavar="DIR",
                       help="results.jsonl and report.html go here (default: %(default)s)")
    bench.add_argument("--logging.debug", dest="debug", action="store_true", help="debug logs")
    add_llm_args(bench)

    wallet = sub.add_parser("wallet", help="local wallets for chain-less use")
    wsub = wallet.add_subparsers(dest="wallet_command", metavar="ACTION")
    wsub.required = True
    create = wsub.add_parser(
        "create",
        allow_abbrev=False,
        help="create a coldkey and hotkey without a password (local use only)",
        epilog="example:\n  logicnet wallet create --name m0 --hotkey default --path ./wallets",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    create.add_argument("--name", required=True)
    create.add_argument("--hotkey", default="default")
    create.add_argument("--path", default="~/.bittensor/wallets/")
    create.add_argument("--overwrite", action="store_true", help="replace existing keys")
    return parser


def _run(ns: argparse.Namespace, argv: Sequence[str]) -> int:
    if ns.command == "miner":
        from logicnet.miner.run import run_miner
        from logicnet.settings import MinerSettings

        settings = MinerSettings.from_args(ns, list(argv))
        _configure_logging(settings.debug, settings.trace)
        return run_miner(settings)
    if ns.command == "solve":
        from logicnet.settings import LLMSettings
        from logicnet.solve import solve_file, solve_one

        _configure_logging(ns.debug, False, bittensor_logs=False)
        llm = LLMSettings.from_args(ns)
        if ns.input:
            if not ns.output:
                raise LogicNetError("--input needs --output")
            if ns.concurrency < 1:
                raise LogicNetError("--concurrency must be at least 1")
            summary = asyncio.run(
                solve_file(llm, Path(ns.input), Path(ns.output), ns.concurrency, ns.timeout,
                           resume=ns.resume)
            )
            print(summary.describe(), file=sys.stderr)
            return 0 if summary.failed == 0 else 1
        if not ns.question:
            raise LogicNetError('give a question ("logicnet solve QUESTION") or --input FILE')
        result = asyncio.run(solve_one(llm, ns.question, ns.timeout))
        if ns.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            print(result["logic_reasoning"])
            print()
            print(f"Answer: {result['logic_answer']}")
            print(f"({result['strategy']}, {result['elapsed_s']:.2f} s)", file=sys.stderr)
        return 0
    if ns.command == "validator":
        from logicnet.settings import ValidatorSettings
        from logicnet.validator.run import run_validator

        vsettings = ValidatorSettings.from_args(ns, list(argv))
        _configure_logging(vsettings.debug, vsettings.trace)
        if ns.proxy_port is not None:
            log.warning("--proxy.port: organic queries are not supported yet; ignored")
        return run_validator(vsettings)
    if ns.command == "localnet":
        from logicnet.localnet import LocalnetOptions, parse_miners, run_localnet

        _configure_logging(False, False)
        logging.getLogger("logicnet").setLevel(logging.WARNING)  # the table speaks instead
        if ns.rounds < 1 or ns.volume < 2 or ns.timeout <= 0:
            raise LogicNetError("--rounds >= 1, --volume >= 2 and --timeout > 0, please")
        miner_llm: tuple[str, ...] = ()
        if ns.miner_llm:
            miner_llm = ("--miner.llm_client.base_url", ns.miner_llm)
            if ns.miner_model:
                miner_llm += ("--miner.llm_client.model", ns.miner_model)
        validator_llm: tuple[str, ...] = ()
        if ns.validator_llm:
            validator_llm = ("--llm_client.base_urls", ns.validator_llm)
            if ns.validator_model:
                validator_llm += ("--llm_client.models", ns.validator_model)
        options = LocalnetOptions(
            miners=parse_miners(ns.miners, ns.miner_strategy), rounds=ns.rounds,
            timeout=ns.timeout, volume=ns.volume, profile=ns.profile,
            workdir=Path(ns.dir) if ns.dir else None,
            json_path=Path(ns.json_path) if ns.json_path else None,
            report_dir=Path(ns.report) if ns.report else None, seed=ns.seed,
            insert_letter=ns.insert_letter, miner_llm_args=miner_llm,
            validator_llm_args=validator_llm,
        )
        run_localnet(options, out=lambda line: print(line, flush=True))
        return 0
    if ns.command == "bench":
        from logicnet.bench_cli import run_bench_command

        _configure_logging(ns.debug, False, bittensor_logs=False)
        return run_bench_command(ns)
    if ns.command == "wallet":
        from logicnet.wallets import create_wallet

        w = create_wallet(ns.name, ns.hotkey, ns.path, overwrite=ns.overwrite)
        print(f"wallet {ns.name} hotkey {ns.hotkey}: {w.hotkey.ss58_address}")
        print(f"coldkey: {w.coldkeypub.ss58_address}  (path {ns.path})")
        return 0
    raise LogicNetError(f"unknown command {ns.command}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    ns = parser.parse_args(argv)
    try:
        return _run(ns, argv)
    except LogicNetError as exc:
        print(f"logicnet: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
