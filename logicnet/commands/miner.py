"""``logicnet miner``: serve LogicNet challenges on a bittensor axon (``logicnet.miner.run``)."""

from __future__ import annotations

import argparse

from logicnet.commands._shared import command_argv, configure_logging

__all__ = ["DESCRIPTION", "EXAMPLES", "add_arguments", "run"]

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
