"""What several commands share: logging set-up and the command line they were given."""

from __future__ import annotations

import argparse
import logging
import sys

__all__ = ["command_argv", "configure_logging"]

# Chatty libraries speak only when asked for trace.
_QUIET_LIBRARIES = ("httpx", "httpcore", "openai", "uvicorn", "websockets", "asyncio")


def command_argv(args: argparse.Namespace) -> list[str]:
    """The flags this command was given (config-file flags first, then the command line).

    Settings need them to know which flags were set on purpose (``--subtensor.chain_endpoint``
    alone, ``--axon.ip``); the CLI stores them on the namespace as ``cli_argv``.
    """
    return list(getattr(args, "cli_argv", ()))


def configure_logging(debug: bool, trace: bool, bittensor_logs: bool = True) -> None:
    """One handler on standard error, one line per record.

    bittensor prints its records through its own queue handler on standard output *and*
    lets them propagate to the root logger, so with ``--logging.debug`` every line of
    bittensor's came out twice. Here its handlers are removed and its records go through
    ours, in one format.
    """
    level = logging.DEBUG if (debug or trace) else logging.INFO
    if bittensor_logs:
        # First: bittensor's setters re-level every logger that exists, ours included.
        import bittensor as bt

        _drop_bittensor_handlers()
        if trace:
            bt.logging.set_trace(True)
        elif debug:
            bt.logging.set_debug(True)
        else:
            bt.logging.set_warning(True)
        _drop_bittensor_handlers()
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
    for name in _QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG if trace else logging.WARNING)


def _drop_bittensor_handlers() -> None:
    logger = logging.getLogger("bittensor")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.propagate = True
