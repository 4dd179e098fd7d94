"""``logicnet doctor miner|validator ...``: a pre-flight table before ``pm2 start``.

Takes exactly the flags (and ``--config`` file) of the command it checks, so the line that
passes here is the line to hand to pm2. Each row is ok, warn, FAIL or skip, with a fix for
what is not ok; the exit code is 1 when any row failed. Every check has a deadline.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

from logicnet.commands._shared import command_argv
from logicnet.options import SECONDS, Setting, Table, add_settings
from logicnet.preflight import Check

__all__ = ["DESCRIPTION", "EXAMPLES", "USAGE", "add_arguments", "run"]

DESCRIPTION = (
    "Check everything a miner or validator needs before it starts, with the same "
    "flags: wallet and hotkey files, registration on the subnet, the axon port (each "
    "hotkey's, with --wallet.hotkeys), the "
    "LLM endpoint (a one-token chat), the sandbox, the similarity model, the clock."
)
USAGE = "%(prog)s {miner,validator} [the miner's or validator's options]"
EXAMPLES = """\
examples:
  logicnet doctor miner --wallet.name my-wallet --wallet.hotkey my-hotkey --axon.port 8091 \\
      --miner.llm_client.base_url http://localhost:8000/v1
  logicnet doctor validator --config validator.yaml
  logicnet doctor miner --localnet.registry registry.json --wallet.name m0
  logicnet doctor miner --wallet.name my-wallet --wallet.hotkeys h1,h2 --axon.ports 8091,8092

exit status: 0 every check passed (warnings allowed); 1 a check failed; 2 a flag is wrong
"""

# Added to `doctor miner` and `doctor validator`, after the flags of the command checked.
DOCTOR = Table(
    None,
    (
        Setting(
            "--doctor.deadline",
            dest="doctor_deadline",
            type=SECONDS,
            default=10.0,
            metavar="SECONDS",
            help="deadline of each network check: LLM chat, chain read (%(type)s; default: "
            "%(default)s)",
            roles=("doctor",),
        ),
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from logicnet.commands import miner, validator

    roles = parser.add_subparsers(dest="role", metavar="ROLE", prog=parser.prog)
    roles.required = True
    for name, module in (("miner", miner), ("validator", validator)):
        role = roles.add_parser(
            name,
            allow_abbrev=False,
            help=f"check a {name} started with these flags",
            usage=f"%(prog)s [the {name}'s options]",
            description=f"Check a {name}'s set-up; takes the flags of `logicnet {name}`.",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(role)
        add_settings(role, DOCTOR, "doctor")


def _miner_checks(args: argparse.Namespace, argv: list[str], deadline: float) -> list[Check]:
    from logicnet import preflight as pf
    from logicnet.settings import MinerSettings

    settings = MinerSettings.from_args(args, argv)
    rows = pf.check_hotkeys(settings, deadline_s=max(deadline, 1.0) * 2)
    from logicnet.miner.solvers.registry import strategy as registered

    llm = settings.llm
    strategy = llm.strategy
    needs = registered(strategy) if strategy is not None else None
    if needs is not None and needs.llm == "none":
        rows.append(pf.Check("LLM endpoint", pf.SKIP, f"strategy {strategy} needs no LLM"))
    else:
        why = (
            "the miner would mine with the engine alone"
            if strategy is None
            else f"strategy {strategy} needs it"
        )
        rows += pf.check_llm(
            llm.base_urls,
            llm.model,
            llm.key,
            required=strategy is not None,
            deadline_s=deadline,
            why=why,
        )
    if needs is not None and needs.sandbox == "none":
        rows.append(pf.Check("sandbox", pf.SKIP, f"strategy {strategy} runs no model code"))
    else:
        required = needs is not None and needs.sandbox == "required"
        rows.append(pf.check_sandbox(required=required, allow_unisolated=llm.allow_unisolated))
    rows.append(pf.check_clock())
    return rows


def _validator_checks(args: argparse.Namespace, argv: list[str], deadline: float) -> list[Check]:
    from logicnet import preflight as pf
    from logicnet.settings import ValidatorSettings

    settings = ValidatorSettings.from_args(args, argv)
    chain = settings.chain
    rows = pf.check_wallet(chain.wallet_name, chain.wallet_hotkey, chain.wallet_path)
    hotkey = pf.hotkey_address(chain.wallet_name, chain.wallet_hotkey, chain.wallet_path)
    rows.append(
        pf.check_registered(
            chain.open(),
            hotkey,
            chain.netuid,
            chain.network,
            deadline_s=max(deadline, 1.0) * 2,
            local=chain.local,
            wallet=(chain.wallet_name, chain.wallet_hotkey),
        )
    )
    if not settings.base_urls:
        rows.append(
            pf.Check(
                "LLM endpoint",
                pf.WARN,
                "no --llm_client.base_urls: raw "
                "questions, programmatic scoring only, answers that need a judge "
                "are skipped",
                "--llm_client.base_urls URL --llm_client.models M",
            )
        )
    else:
        n = len(settings.base_urls)
        models = settings.models if len(settings.models) == n else settings.models[:1] * n
        keys = settings.keys if len(settings.keys) == n else settings.keys[:1] * n
        for url, model, key in zip(settings.base_urls, models, keys, strict=True):
            rows += pf.check_llm(
                (url,),
                model,
                key,
                required=True,
                deadline_s=deadline,
                why="the judge, paraphrase and reference need it",
            )
    rows.append(pf.check_similarity())
    rows.append(pf.check_clock())
    return rows


def format_table(rows: list[Check]) -> str:
    width = max(len(r.name) for r in rows)
    lines = [f"{'status':6}  {'check':{width}}  detail", f"{'-' * 6}  {'-' * width}  {'-' * 40}"]
    for r in rows:
        lines.append(f"{r.status:6}  {r.name:{width}}  {r.detail}")
        if r.fix and r.status in ("FAIL", "warn"):
            lines.append(f"{'':6}  {'':{width}}  fix: {r.fix}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from logicnet.commands._shared import configure_logging

    configure_logging(False, False)
    logging.getLogger("logicnet").setLevel(logging.WARNING)  # the table speaks instead
    started = time.monotonic()
    argv = command_argv(args)
    checks = _miner_checks if args.role == "miner" else _validator_checks
    rows = checks(args, argv, float(args.doctor_deadline))
    print(format_table(rows))
    failed = sum(r.status == "FAIL" for r in rows)
    warned = sum(r.status == "warn" for r in rows)
    verdict = (f"{failed} failed" if failed else "ready") + (
        f", {warned} warning{'s' if warned != 1 else ''}" if warned else ""
    )
    print(
        f"\n{args.role}: {verdict} ({len(rows)} checks in {time.monotonic() - started:.1f} s)",
        file=sys.stdout,
    )
    return 1 if failed else 0
