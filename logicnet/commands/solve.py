"""``logicnet solve``: the miner's solver without a chain (``logicnet.solve``).

Honest about its backend: the notes (no LLM answered, the engine alone) go to standard
error, and the exit code is 1 when the answer is only a fallback or when the LLM it was
told to use (``--miner.llm_client.base_url`` or a strategy that needs one) did not answer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

from logicnet.commands._shared import command_argv, configure_logging
from logicnet.errors import ConfigError
from logicnet.options import CONCURRENCY, SECONDS, Setting, Table, add_settings

__all__ = ["DESCRIPTION", "EXAMPLES", "USAGE", "add_arguments", "convention_note", "run"]

DESCRIPTION = "Solve questions exactly as the miner would, without a chain."
USAGE = "%(prog)s [options] QUESTION  |  %(prog)s [options] --input Q.jsonl --output A.jsonl"
EXAMPLES = """\
examples:
  logicnet solve "What is the GCD of 12 and 18?"
  logicnet solve --json "Solve 8x + 5 = 6 for x" --miner.llm_client.base_url http://localhost:8000/v1
  logicnet solve --input questions.jsonl --output answers.jsonl --concurrency 8
  logicnet solve "Solve for x: 2x + 7 = 19"   (19 is beyond the generator's range: plain x = 6)
  logicnet solve "What is 25% of 80? A. 20 B. 25 C. 16 D. 40"   (the option's text: 20)

The engine's answers follow mathgenerator 1.5.0's conventions where the generator could
have asked the question and plain mathematics elsewhere; one line on standard error says
which ("convention: ...", and "convention" in --json).

exit status: 0 answered; 1 only a fallback answer, or the LLM it was told to use failed;
2 a usage or configuration error
"""


ROLE = "solve"
SOLVE = Table(
    None,
    (
        Setting("question", nargs="?", help="the question text", roles=(ROLE,)),
        Setting(
            "--json",
            action="store_true",
            help="print one JSON object (reasoning, answer, strategy, time, notes)",
            roles=(ROLE,),
        ),
        Setting(
            "--input",
            metavar="Q.jsonl",
            help='lines of {"logic_question": ..., "id": ...}',
            roles=(ROLE,),
        ),
        Setting(
            "--output",
            metavar="A.jsonl",
            help="where to write one answer per line",
            roles=(ROLE,),
        ),
        Setting(
            "--concurrency",
            type=CONCURRENCY,
            default=8,
            help="questions in flight (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--timeout",
            type=SECONDS,
            default=64.0,
            help="seconds per question, as a validator's timeout (%(type)s; default: %(default)s)",
            roles=(ROLE,),
        ),
        Setting(
            "--resume",
            action="store_true",
            help="skip ids already answered in --output and append to it",
            roles=(ROLE,),
        ),
        Setting(
            "--logging.debug",
            dest="debug",
            action="store_true",
            help="debug logs, every LLM attempt included",
            roles=(ROLE,),
        ),
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from logicnet.settings import add_llm_args

    add_settings(parser, SOLVE, ROLE)
    add_llm_args(parser, ROLE)


def convention_note(answer: str, plain: str) -> str:
    """The one line said when the answer follows the generator's convention, not plain math."""
    return (
        f"convention: mathgenerator 1.5.0's: {answer} is the generator's answer (what "
        f"validators score); the plain mathematical value is {plain} "
        "(README: 'The generator's conventions')"
    )


def convention_line(result: dict[str, object]) -> str:
    """The one line that says which convention the engine answered in; "" for an answer
    that is not the engine's."""
    convention = result.get("convention")
    if not convention:
        return ""
    if convention == "plain":
        why = result.get("convention_why") or "not a generator's question"
        return (
            f"convention: plain mathematics ({why}, so no generator asked this; "
            "README: 'The generator's conventions')"
        )
    if result.get("convention_why"):  # the generator's question, hiding what it is about
        return (
            f"convention: mathgenerator 1.5.0's, but {result['convention_why']}: "
            "validators score an answer no one can know from it"
        )
    plain = result.get("plain_value")
    if plain:
        return convention_note(str(result["logic_answer"]), str(plain))
    return "convention: mathgenerator 1.5.0's (operands it draws; the plain value is the same)"


def _told_to_use_llm(args: argparse.Namespace, argv: list[str]) -> bool:
    from logicnet.miner.solvers.registry import strategy
    from logicnet.settings import given_flags

    told = args.strategy is not None and strategy(args.strategy).uses_llm
    return told or "--miner.llm_client.base_url" in given_flags(argv)


def run(args: argparse.Namespace) -> int:
    from logicnet.settings import LLMSettings
    from logicnet.solve import solve_file, solve_one

    configure_logging(args.debug, False, bittensor_logs=False)
    if not args.debug:
        # One line says what failed (below); the pool's per-attempt warnings are for --debug.
        logging.getLogger("logicnet.llm").setLevel(logging.ERROR)
    llm = LLMSettings.from_args(args)
    told = _told_to_use_llm(args, command_argv(args))
    if args.input:
        if not args.output:
            raise ConfigError("--input needs --output")
        summary = asyncio.run(
            solve_file(
                llm,
                Path(args.input),
                Path(args.output),
                args.concurrency,
                args.timeout,
                resume=args.resume,
            )
        )
        if summary.notes:
            print(f"note: {summary.notes}", file=sys.stderr)
        print(summary.describe(), file=sys.stderr)
        return 0 if summary.failed == 0 and not (told and summary.notes) else 1
    if not args.question:
        raise ConfigError('give a question ("logicnet solve QUESTION") or --input FILE')
    solved = asyncio.run(solve_one(llm, args.question, args.timeout))
    result = solved.record()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(result["logic_reasoning"])
        print()
        print(f"Answer: {result['logic_answer']}")
        print(f"({result['strategy']}, {result['elapsed_s']:.2f} s)", file=sys.stderr)
    if result.get("notes"):
        print(f"note: {result['notes']}", file=sys.stderr)
    said = convention_line(result)
    if said:
        print(said, file=sys.stderr)
    fallback = not solved.solution.complete
    if fallback:
        print(
            f"error: no answer, only a fallback ({result.get('error', 'no solver knew it')})",
            file=sys.stderr,
        )
    return 1 if fallback or (told and result.get("notes")) else 0
