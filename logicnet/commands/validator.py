"""``logicnet validator``: challenge miners, score them, set weights (``validator.run``)."""

from __future__ import annotations

import argparse
import logging

from logicnet.commands._shared import command_argv, configure_logging

__all__ = ["DESCRIPTION", "EXAMPLES", "add_arguments", "run"]

log = logging.getLogger(__name__)

DESCRIPTION = "Validate on LogicNet: challenges, scoring profiles, weights, saved state."
EXAMPLES = """\
examples:
  # on subnet 35, judge/paraphrase/reference with OpenAI (key in .env as OPENAI_API_KEY)
  logicnet validator --netuid 35 --wallet.name my-wallet --wallet.hotkey my-hotkey \\
      --subtensor.network finney --llm_client.base_urls https://api.openai.com/v1 \\
      --llm_client.models gpt-4o-mini

  # every flag in a YAML file (command-line flags win); check it all first
  logicnet doctor validator --config validator.yaml && logicnet validator --config validator.yaml

  # no chain: metagraph from a JSON file, three loops, no weights on chain
  logicnet validator --localnet.registry registry.json --wallet.name v0 --loop_base_time 30 \\
      --validator.loops 3
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from logicnet.settings import add_config_arg, add_validator_args

    add_config_arg(parser, "validator")
    add_validator_args(parser)


def run(args: argparse.Namespace) -> int:
    from logicnet.settings import ValidatorSettings
    from logicnet.validator.run import run_validator

    settings = ValidatorSettings.from_args(args, command_argv(args))
    configure_logging(settings.debug, settings.trace)
    return run_validator(settings)
