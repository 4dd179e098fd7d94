"""``logicnet localnet``: a whole subnet on 127.0.0.1 (``logicnet.localnet``).

Before anything starts, the LLM endpoints it was given must answer a one-token chat, and
miners that cannot work without an LLM are refused without one: a run where every answer
is skipped teaches nothing.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from logicnet.commands._shared import configure_logging
from logicnet.credentials import KEY_ENV_VARS
from logicnet.errors import ConfigError
from logicnet.flags import DEFAULT_MODEL, VALIDATOR, VALIDATOR_KEY_ENV_VARS
from logicnet.options import PORT, SECONDS, SEED, Setting, Table, add_settings, bounded_int
from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES

__all__ = ["DESCRIPTION", "EXAMPLES", "add_arguments", "run"]

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Start a local subnet (no chain, real axons and signatures), run rounds of "
    "challenges, and print how each miner scores."
)
EXAMPLES = """\
examples:
  logicnet localnet                                     # offline: engine miners vs cheaters
  logicnet localnet --miners 4 --rounds 3 --json run.json --report report/
  logicnet localnet --miners engine,auto,lazy --miner-llm http://localhost:8000/v1 \\
      --miner-model Qwen/Qwen2.5-7B-Instruct --validator-llm http://localhost:8000/v1
  logicnet localnet --proxy.port 8080   # then: OpenAI(base_url="http://127.0.0.1:8080/v1")
"""

# Miner kinds that answer nothing without an LLM; 'auto' falls back to the engine.
ENDPOINT_DEADLINE_S = 10.0


def _production_strategies() -> tuple[str, ...]:
    from logicnet.miner.solvers.registry import PRODUCTION_STRATEGIES

    return tuple(PRODUCTION_STRATEGIES)


ROLE = "localnet"
LOCALNET = Table(
    None,
    (
        Setting(
            "--miners",
            default="engine,engine,lazy,slow,injector,copycat",
            help="a number (of --miner-strategy miners) or a list of kinds: "
            "engine, auto, program, baseline, lazy, slow, injector, copycat "
            "(default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--rounds",
            type=bounded_int(1, 1000),
            default=2,
            help="validator loops (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--timeout",
            type=SECONDS,
            default=5.0,
            help="challenge timeout in seconds, 64 on the network (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--volume",
            type=bounded_int(2, 100_000),
            default=3,
            help="each miner's epoch_volume: at most this many queries per miner per round "
            "(%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--miner-strategy",
            default="engine",
            choices=_production_strategies,
            help="kind of the miners when --miners is a number (default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--profile",
            default=DEFAULT_PROFILE,
            choices=tuple(PROFILES),
            help="scoring rules (default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--insert-letter",
            action="store_true",
            help="each miner gets its copy with one random letter inserted",
            roles=(ROLE,),
        ),
        Setting("--seed", type=SEED, help="seed the challenges (%(type)s)", roles=(ROLE,)),
        Setting(
            "--separate-miners",
            dest="separate_miners",
            action="store_true",
            default=False,
            help="one process per honest miner (default: the honest miners of a strategy are "
            "the hotkeys of one process, --wallet.hotkeys; the cheaters always run apart)",
            roles=(ROLE,),
        ),
        Setting(
            "--proxy.port",
            dest="proxy_port",
            type=PORT,
            help="also serve the validator's gateway (an OpenAI-compatible API, "
            "docs/gateway.md) on this port; the subnet then stays up after its rounds until "
            "Ctrl-C",
            roles=(ROLE,),
        ),
        Setting(
            "--questions",
            metavar="FILE",
            help="draw the challenges from this JSONL file of {logic_question, "
            "ground_truth, topic, reference?} (the dev set's format): paraphrased "
            "traffic with no LLM",
            roles=(ROLE,),
        ),
        Setting(
            "--dir",
            help="keep wallets, registry, logs and state here (default: a "
            "temporary folder, removed afterwards)",
            roles=(ROLE,),
            aka=("workdir",),
        ),
        Setting(
            "--json",
            dest="json_path",
            metavar="FILE",
            help="per round and per miner: reward components and final weights",
            roles=(ROLE,),
        ),
        Setting(
            "--report",
            metavar="DIR",
            help="table and plots (report.html, miners.png)",
            roles=(ROLE,),
            aka=("report_dir",),
        ),
        Setting(
            "--miner-llm",
            metavar="URL",
            help="OpenAI-compatible endpoint for auto/program/baseline miners "
            "(key from $LOGICNET_LLM_KEY, $TOGETHER_API_KEY, $OPENAI_API_KEY)",
            roles=(ROLE,),
            env=KEY_ENV_VARS,
        ),
        Setting(
            "--miner-model",
            help="model for --miner-llm (default: the miner's default model)",
            roles=(ROLE,),
        ),
        Setting(
            "--validator-llm",
            metavar="URL",
            help="endpoint for the validator's paraphrase, judge and reference "
            "(key from $LOGICNET_VALIDATOR_LLM_KEY, $OPENAI_API_KEY, "
            "$TOGETHERAI_API_KEY)",
            roles=(ROLE,),
            env=VALIDATOR_KEY_ENV_VARS,
        ),
        Setting(
            "--validator-model",
            help="model for --validator-llm (default: gpt-4o-mini)",
            roles=(ROLE,),
        ),
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_settings(parser, LOCALNET, ROLE)


def _check_endpoints(args: argparse.Namespace) -> None:
    """Each endpoint given must answer a one-token chat before anything starts."""
    from logicnet.credentials import resolve_llm_key
    from logicnet.preflight import check_chat_endpoint

    wanted = []
    if args.miner_llm:
        wanted.append(
            (
                "--miner-llm",
                args.miner_llm,
                args.miner_model or DEFAULT_MODEL,
                resolve_llm_key(None),
            )
        )
    if args.validator_llm:
        wanted.append(
            (
                "--validator-llm",
                args.validator_llm,
                args.validator_model or VALIDATOR.default("v_models"),
                resolve_llm_key(None, env_vars=VALIDATOR_KEY_ENV_VARS),
            )
        )
    for flag, url, model, key in wanted:
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"{flag} {url!r} is not an http(s) URL")
        problem = check_chat_endpoint(url, model, key, ENDPOINT_DEADLINE_S)
        if problem:
            raise ConfigError(f"{flag} {url} (model {model}) does not answer: {problem}")


def _needs_llm(kind: str) -> bool:
    from logicnet.miner.solvers.registry import strategy, strategy_names

    return kind in strategy_names() and strategy(kind).llm == "required"


def run(args: argparse.Namespace) -> int:
    from logicnet.localnet import LocalnetOptions, parse_miners, run_localnet

    configure_logging(False, False)
    logging.getLogger("logicnet").setLevel(logging.WARNING)  # the table speaks instead
    miners = parse_miners(args.miners, args.miner_strategy)
    if not args.miner_llm:
        helpless = sorted({k for k in miners if _needs_llm(k)})
        if helpless:
            raise ConfigError(
                f"{' and '.join(helpless)} miners need an LLM: give --miner-llm "
                "URL, or use engine/auto miners"
            )
        if "auto" in miners:
            print("note: auto miners without --miner-llm answer with the engine alone", flush=True)
    _check_endpoints(args)
    options = LocalnetOptions(
        miners=miners,
        rounds=args.rounds,
        timeout=args.timeout,
        volume=args.volume,
        profile=args.profile,
        workdir=Path(args.dir) if args.dir else None,
        json_path=Path(args.json_path) if args.json_path else None,
        report_dir=Path(args.report) if args.report else None,
        seed=args.seed,
        insert_letter=args.insert_letter,
        miner_llm=args.miner_llm,
        miner_model=args.miner_model,
        validator_llm=args.validator_llm,
        validator_model=args.validator_model,
        questions=Path(args.questions) if args.questions else None,
        proxy_port=args.proxy_port,
        separate_miners=args.separate_miners,
    )
    run_localnet(options, out=lambda line: print(line, flush=True))
    return 0
