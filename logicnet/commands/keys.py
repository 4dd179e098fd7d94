"""``logicnet keys``: API keys for the validator's gateway (``--proxy.port``).

The keys live in the gateway's SQLite file (``--proxy.db``, by default ``gateway.sqlite``
in the working directory), through ``logicnet.gateway.keys``. A running gateway reads
the file on every request, so a key made or revoked here counts at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from logicnet.errors import ConfigError
from logicnet.gateway.keys import (
    DEFAULT_DB_PATH,
    MAX_CREDIT,
    MAX_RPM,
    KeyInfo,
    KeyStore,
    parse_expiry,
)
from logicnet.options import Setting, Table, add_settings, bounded_int
from logicnet.printable import printable

__all__ = ["DESCRIPTION", "EXAMPLES", "USAGE", "add_arguments", "run"]

USAGE = "%(prog)s ACTION [options]"
DESCRIPTION = (
    "Make, list and revoke the API keys that applications send to the validator's "
    "gateway (--proxy.port) as 'Authorization: Bearer KEY'. A key is shown once, when it "
    "is made; the database keeps only its SHA-256 hash."
)
EXAMPLES = """\
examples:
  logicnet keys create --name my-app
  logicnet keys create --name trial --expires 30d --credit 1000 --rpm 60
  logicnet keys create --name partner --expires 2026-12-31 --proxy.db /srv/logicnet/gateway.sqlite
  logicnet keys list
  logicnet keys list --json --proxy.db /srv/logicnet/gateway.sqlite
  logicnet keys revoke trial

The secret goes to standard output alone, so a script can keep it:
  KEY=$(logicnet keys create --name ci --expires 12h)
"""


def _expiry(text: str) -> float:
    try:
        return parse_expiry(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_expiry.__name__ = "duration or date"  # argparse names the type in its refusals


CREATE, LIST, REVOKE = "keys create", "keys list", "keys revoke"
KEYS = Table(
    None,
    (
        Setting(
            "--name",
            required=True,
            help="the key's unique name, in lists and logs: 1-64 letters, digits, '.', '_', '-'",
            roles=(CREATE,),
        ),
        Setting(
            "--expires",
            type=_expiry,
            metavar="WHEN",
            help="when the key stops working: a duration from now (90m, 12h, 30d, 2w) or a "
            "date or time, UTC unless it says otherwise (2026-12-31 is that day's first "
            "second); at most ten years away (default: never)",
            roles=(CREATE,),
        ),
        Setting(
            "--credit",
            type=bounded_int(1, MAX_CREDIT),
            metavar="N",
            help="requests the key may make in all (%(type)s; default: unlimited)",
            roles=(CREATE,),
        ),
        Setting(
            "--rpm",
            type=bounded_int(1, MAX_RPM),
            metavar="N",
            help="requests per minute, over a sliding minute; beyond it the gateway answers "
            "429 with Retry-After (%(type)s; default: no limit)",
            roles=(CREATE,),
        ),
        Setting(
            "--json", action="store_true", help="one JSON array instead of a table", roles=(LIST,)
        ),
        Setting(
            "name",
            metavar="NAME",
            help="the key's name, as `logicnet keys list` shows",
            roles=(REVOKE,),
        ),
        Setting(
            "--proxy.db",
            dest="proxy_db",
            metavar="PATH",
            default=DEFAULT_DB_PATH,
            help="the gateway's SQLite file, as the validator's --proxy.db (default: "
            "%(default)s in the working directory)",
            roles=(CREATE, LIST, REVOKE),
        ),
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="keys_command", metavar="ACTION", prog=parser.prog)
    actions.required = True
    create = actions.add_parser(
        "create",
        allow_abbrev=False,
        help="make a key and show its secret, once",
        usage="%(prog)s --name NAME [--expires WHEN] [--credit N] [--rpm N] [--proxy.db PATH]",
        epilog="examples:\n"
        "  logicnet keys create --name my-app\n"
        "  logicnet keys create --name trial --expires 30d --credit 1000 --rpm 60\n"
        "  logicnet keys create --name partner --expires 2026-12-31T18:00",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_settings(create, KEYS, CREATE)

    listing = actions.add_parser(
        "list",
        allow_abbrev=False,
        help="the keys: name, created, expires, credit left, rpm, revoked (never a secret)",
        usage="%(prog)s [--json] [--proxy.db PATH]",
        epilog="examples:\n  logicnet keys list\n  logicnet keys list --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_settings(listing, KEYS, LIST)

    revoke = actions.add_parser(
        "revoke",
        allow_abbrev=False,
        help="revoke a key: the gateway refuses it from its next request",
        usage="%(prog)s NAME [--proxy.db PATH]",
        epilog="example:\n  logicnet keys revoke trial",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_settings(revoke, KEYS, REVOKE)


def run(args: argparse.Namespace) -> int:
    action = {"create": _create, "list": _list, "revoke": _revoke}[args.keys_command]
    return action(args)


def _db(args: argparse.Namespace) -> Path:
    return Path(args.proxy_db).expanduser()


def _when(t: float | None, never: str = "never") -> str:
    if t is None:
        return never
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _limits(info: KeyInfo) -> str:
    return ", ".join(
        (
            f"expires {_when(info.expires_at)}",
            "unlimited credit" if info.credit is None else f"credit {info.credit}",
            "no rate limit" if info.rpm is None else f"{info.rpm} requests/min",
        )
    )


def _create(args: argparse.Namespace) -> int:
    with KeyStore(_db(args)) as store:
        secret, info = store.create(
            args.name, expires_at=args.expires, credit=args.credit, rpm=args.rpm
        )
    print(f"key {info.name} created in {args.proxy_db}: {_limits(info)}", file=sys.stderr)
    print(secret, flush=True)
    print(
        "This is the only time this key is shown; it cannot be shown again (the database "
        "keeps only its hash). Store it now. Applications send it as "
        "'Authorization: Bearer <key>'.",
        file=sys.stderr,
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    if not _db(args).exists():
        if args.json:
            print("[]")
        else:
            print(f"no keys: {args.proxy_db} does not exist yet (`logicnet keys create` makes it)")
        return 0
    with KeyStore(_db(args)) as store:
        keys = store.list()
    if args.json:
        print(json.dumps([_as_json(info) for info in keys], indent=2))
        return 0
    if not keys:
        print(f"no keys in {args.proxy_db}")
        return 0
    header = ("NAME", "CREATED", "EXPIRES", "CREDIT LEFT", "RPM", "REVOKED")
    rows = [header] + [
        (
            printable(info.name, keep_newlines=False),
            _when(info.created_at),
            _when(info.expires_at) + (" (expired)" if info.expired() else ""),
            "unlimited" if info.credit is None else str(info.credit),
            "-" if info.rpm is None else str(info.rpm),
            "yes" if info.revoked else "no",
        )
        for info in keys
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    return 0


def _as_json(info: KeyInfo) -> dict[str, object]:
    return {
        "name": info.name,
        "created_at": info.created_at,
        "expires_at": info.expires_at,
        "expired": info.expired(),
        "credit": info.credit,
        "rpm": info.rpm,
        "revoked": info.revoked,
    }


def _revoke(args: argparse.Namespace) -> int:
    if not _db(args).exists():
        raise ConfigError(f"--proxy.db {args.proxy_db} does not exist: there is no key to revoke")
    with KeyStore(_db(args)) as store:
        if not store.revoke(args.name):
            raise ConfigError(f"no key named {args.name!r} in {args.proxy_db}")
    print(f"key {args.name} revoked; the gateway refuses it from its next request")
    return 0
