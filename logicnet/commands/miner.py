"""``logicnet miner``: serve LogicNet challenges on a bittensor axon (``logicnet.miner.run``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from logicnet.commands._shared import command_argv, configure_logging
from logicnet.errors import LogicNetError, exit_code

__all__ = ["DESCRIPTION", "EXAMPLES", "add_arguments", "main", "run"]

DESCRIPTION = "Serve LogicNet challenges on a bittensor axon."
EXAMPLES = """\
examples:
  # together.ai (key in .env as TOGETHER_API_KEY)
  logicnet miner --netuid 35 --wallet.name my-wallet --wallet.hotkey my-hotkey \\
      --subtensor.network finney --axon.port 8091 --miner.epoch_volume 50 \\
      --miner.llm_client.base_url https://api.together.xyz/v1 \\
      --miner.llm_client.model Qwen/Qwen2-Instruct-72B

  # a local vLLM server, two replicas sharing the load
  logicnet miner --wallet.name my-wallet --wallet.hotkey my-hotkey --axon.port 8091 \\
      --miner.llm_client.base_url http://localhost:8000/v1,http://localhost:8001/v1

  # every flag in a YAML file (command-line flags win); check it all first
  logicnet doctor miner --config miner.yaml && logicnet miner --config miner.yaml

  # no chain: metagraph from a JSON file (see README, "Local mode")
  logicnet miner --localnet.registry registry.json --wallet.name m0 --wallet.hotkey default

  # three hotkeys of one wallet in one process: one solver, one LLM pool, one sandbox
  logicnet miner --wallet.name my-wallet --wallet.hotkeys h1,h2,h3 \\
      --axon.ports 8091,8092,8093 --miner.epoch_volumes 50,50,100
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from logicnet.settings import add_config_arg, add_miner_args

    add_config_arg(parser)
    add_miner_args(parser)


def run(args: argparse.Namespace) -> int:
    from logicnet.miner.run import run_miner
    from logicnet.settings import MinerSettings

    settings = MinerSettings.from_args(args, command_argv(args))
    configure_logging(settings.debug, settings.trace)
    return run_miner(settings)


def main(argv: Sequence[str], local_only: str | None = None) -> int:
    """``logicnet miner`` started by another entry point (localnet's test miners): the same
    declarations and parser, the same one-line errors and exit codes as the ``logicnet``
    command. ``local_only``: the usage error when ``--localnet.registry`` is missing."""
    parser = argparse.ArgumentParser(
        prog="logicnet miner", allow_abbrev=False, description=DESCRIPTION
    )
    add_arguments(parser)
    args = parser.parse_args(list(argv))
    args.cli_argv = tuple(argv)
    if local_only is not None and args.localnet_registry is None:
        parser.error(local_only)
    try:
        return run(args)
    except (LogicNetError, KeyboardInterrupt) as exc:
        if isinstance(exc, LogicNetError):
            print(f"logicnet: error: {exc}", file=sys.stderr)
        return exit_code(exc)
