"""The ``logicnet`` command: it only wires sub-commands; each lives in ``logicnet/commands``.

    logicnet miner ...           -> commands/miner.py     -> logicnet.miner.run
    logicnet validator ...       -> commands/validator.py -> logicnet.validator.run
    logicnet doctor ROLE ...     -> commands/doctor.py    -> logicnet.preflight
    logicnet solve ...           -> commands/solve.py     -> logicnet.solve
    logicnet localnet ...        -> commands/localnet.py  -> logicnet.localnet
    logicnet bench ...           -> commands/bench.py     -> logicnet.bench
    logicnet score ...           -> commands/score.py
    logicnet wallet create ...   -> commands/wallet.py    -> logicnet.wallets

Each command module has ``add_arguments(parser)`` and ``run(args) -> int``. Here, at the
edge: ``--config FILE`` is expanded, usage errors become one line plus the command's usage
(with "did you mean" for a misspelled flag), and errors we raise on purpose
(``LogicNetError``) become one clean line and exit code 2; anything else keeps its traceback.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from logicnet import __version__
from logicnet.errors import LogicNetError, exit_code

__all__ = ["build_parser", "main"]

# (name, module). Order is the order of ``logicnet --help``.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("miner", "logicnet.commands.miner", "run a miner that answers LogicNet validators"),
    (
        "validator",
        "logicnet.commands.validator",
        "run a validator: challenge miners, score them, set weights",
    ),
    (
        "doctor",
        "logicnet.commands.doctor",
        "check a miner's or validator's set-up before starting it",
    ),
    (
        "solve",
        "logicnet.commands.solve",
        "solve one question, or a JSONL file of them, with the miner's solver",
    ),
    (
        "localnet",
        "logicnet.commands.localnet",
        "a whole subnet on 127.0.0.1: one validator, N miners, scored in minutes",
    ),
    (
        "bench",
        "logicnet.commands.bench",
        "score a strategy on mathgenerator problems (or a JSONL file) as validators would",
    ),
    (
        "score",
        "logicnet.commands.score",
        "score answers against ground truths offline, as a validator would",
    ),
    ("wallet", "logicnet.commands.wallet", "local wallets for chain-less use"),
    ("keys", "logicnet.commands.keys", "API keys for the validator's gateway (--proxy.port)"),
)


class Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line plus this (sub-)command's short usage."""

    def error(self, message: str) -> NoReturn:
        message = _with_suggestion(message, self)
        self.exit(
            2,
            f"{self.prog}: error: {message}\n{self.format_usage().rstrip()}"
            f"  (`{self.prog} --help` lists every option)\n",
        )


def _flags_of(parser: argparse.ArgumentParser) -> list[str]:
    return [
        opt
        for action in parser._actions
        for opt in action.option_strings
        if opt.startswith("--") and action.help is not argparse.SUPPRESS
    ]


def _with_suggestion(message: str, parser: argparse.ArgumentParser) -> str:
    """Append "did you mean ...?" to an unknown flag or command."""
    unknown = re.match(r"unrecognized arguments: (\S+)", message)
    if unknown and unknown.group(1).startswith("--"):
        flag = unknown.group(1).split("=", 1)[0]
        close = difflib.get_close_matches(flag, _flags_of(parser), n=1, cutoff=0.6)
        if close:
            return f"{message} (did you mean {close[0]}?)"
    choice = re.match(r"argument .*: invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if choice:
        options = re.findall(r"'([^']*)'", choice.group(2)) or [
            c.strip() for c in choice.group(2).split(",")
        ]
        close = difflib.get_close_matches(choice.group(1), options, n=1, cutoff=0.5)
        if close:
            return f"{message} (did you mean {close[0]}?)"
    return message


def build_parser(only: str | None = None) -> Parser:
    """The whole parser; ``only`` imports that one command's module and fills in its flags,
    and no other's: the miner's flags import bittensor, another command's module may import
    openai, and neither ``solve`` nor ``logicnet --help`` should wait for them."""
    parser = Parser(
        prog="logicnet",
        allow_abbrev=False,
        description="LogicNet (Bittensor subnet 35): miner, validator and tools.",
        epilog="`logicnet COMMAND --help` shows a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"logicnet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    for name, module_name, summary in COMMANDS:
        if only is not None and only != name:
            sub.add_parser(name, help=summary)  # listed in the usage, never parsed
            continue
        module = importlib.import_module(module_name)  # a missing module is a bug: said loudly
        command = sub.add_parser(
            name,
            allow_abbrev=False,
            help=summary,
            description=getattr(module, "DESCRIPTION", None) or summary,
            epilog=getattr(module, "EXAMPLES", None),
            usage=getattr(module, "USAGE", "%(prog)s [options]"),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(run=module.run)
        module.add_arguments(command)
    return parser


def _command_of(argv: Sequence[str]) -> str | None:
    return next((a for a in argv if not a.startswith("-")), None)


def _innermost(
    parser: argparse.ArgumentParser, argv: Sequence[str]
) -> tuple[argparse.ArgumentParser, int]:
    """The (sub-)sub-parser named by the leading words of ``argv`` and how many words
    named it (``doctor miner`` -> the doctor's miner parser, 2)."""
    depth = 0
    while True:
        choices = next(
            (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None
        )
        if not choices or depth >= len(argv) or argv[depth] not in choices:
            return parser, depth
        parser = choices[argv[depth]]
        depth += 1


def _expand_config(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Insert ``--config FILE``'s flags right after the command words (the command line,
    coming later, wins)."""
    from logicnet.config_file import config_tokens

    inner, depth = _innermost(parser, argv)
    if "--config" not in inner._option_string_actions:
        return argv  # this command takes no config file: argparse says so, with its usage
    probe = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    probe.add_argument("--config", action="append")
    known, _ = probe.parse_known_args(argv[depth:])
    if not known.config:
        return argv
    if len(known.config) > 1:
        raise LogicNetError("--config: give one file")
    tokens = config_tokens(Path(known.config[0]), inner)
    return [*argv[:depth], *tokens, *argv[depth:]]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=_command_of(argv) or "")
    try:
        argv = _expand_config(parser, argv)
        ns, extras = parser.parse_known_args(argv)
        if extras:
            inner, _ = _innermost(parser, argv)
            inner.error(f"unrecognized arguments: {' '.join(extras)}")
        ns.cli_argv = tuple(argv[1:])
        return int(ns.run(ns))
    except (LogicNetError, KeyboardInterrupt) as exc:
        if isinstance(exc, LogicNetError):
            print(f"logicnet: error: {exc}", file=sys.stderr)
        return exit_code(exc)


if __name__ == "__main__":
    sys.exit(main())
