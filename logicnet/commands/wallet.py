"""``logicnet wallet create``: password-less wallets for local use (``logicnet.wallets``)."""

from __future__ import annotations

import argparse

from logicnet.options import Setting, Table, add_settings

__all__ = ["USAGE", "add_arguments", "run"]

USAGE = "%(prog)s ACTION [options]"
DESCRIPTION = (
    "Wallets without a password, for --localnet.registry and logicnet localnet. "
    "Never hold real funds in them: use btcli (pip install bittensor-cli) on chain."
)


CREATE = "wallet create"
WALLET = Table(
    None,
    (
        Setting("--name", required=True, help="wallet (coldkey) name", roles=(CREATE,)),
        Setting(
            "--hotkey",
            default="default",
            help="hotkey name inside the wallet (default: %(default)s)",
            roles=(CREATE,),
        ),
        Setting(
            "--path",
            default="~/.bittensor/wallets/",
            help="folder holding the wallets, as --wallet.path (default: %(default)s)",
            roles=(CREATE,),
        ),
        Setting("--overwrite", action="store_true", help="replace existing keys", roles=(CREATE,)),
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="wallet_command", metavar="ACTION", prog=parser.prog)
    actions.required = True
    create = actions.add_parser(
        "create",
        allow_abbrev=False,
        help="create a coldkey and hotkey without a password (local use only)",
        usage="%(prog)s --name NAME [options]",
        epilog="example:\n  logicnet wallet create --name m0 --hotkey default --path ./wallets",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_settings(create, WALLET, CREATE)


def run(args: argparse.Namespace) -> int:
    from logicnet.wallets import create_wallet

    wallet = create_wallet(args.name, args.hotkey, args.path, overwrite=args.overwrite)
    print(f"wallet {args.name} hotkey {args.hotkey}: {wallet.hotkey.ss58_address}")
    print(f"coldkey: {wallet.coldkeypub.ss58_address}  (path {args.path})")
    return 0
