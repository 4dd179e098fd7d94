"""How a setting is declared: once, with its flag, type, default, help and roles.

A ``Setting`` is one command-line option (or positional) of ours; a ``Table`` is an ordered
group of them, optionally under an ``--help`` section title. ``add_settings`` turns a
table's settings into argparse arguments for one role, and everything else reads the same
declaration: a ``--config`` file's keys are the flags' names, the settings dataclasses and
the services take their defaults from ``Table.default``, and ``.env.example`` lists every
``env`` named here (``tests/test_settings_declared.py`` holds them all to it).

Where the declarations are:

- the miner's and the validator's settings, and the groups other commands share with them
  (``--config``, chain, LLM, metrics, proxy): ``logicnet/flags.py``;
- a tool command's own flags (``solve``, ``bench``, ``localnet``, ``score``, ``doctor``,
  ``keys``, ``wallet``): the table at the top of its module in ``logicnet/commands/``.

Bittensor's own groups (``--wallet.*``, ``--subtensor.*``, ``--axon.*``, ``--logging.*``)
stay bittensor's and are not declared here.

Every numeric flag has a range, checked by its ``type=`` (``bounded_float`` /
``bounded_int``) as argparse parses it, and shown in ``--help``: NaN and infinity are
refused everywhere, a duration is more than 0 and at most ``MAX_SECONDS`` (an hour), a
port is 1..65535, a count is at least 1 (or 0 where 0 means something) and bounded. A
value outside its range is one line naming the flag and the range, from the command line
and from a ``--config`` file alike.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CONCURRENCY",
    "EPOCH_VOLUME",
    "MAX_NETUID",
    "MAX_SECONDS",
    "PORT",
    "SECONDS",
    "SECONDS_OR_ZERO",
    "SEED",
    "STAKE",
    "TABLES",
    "Bounded",
    "EnvVar",
    "Setting",
    "Table",
    "add_settings",
    "bounded_float",
    "bounded_int",
]


# --------------------------------------------------------------------------- numeric types


def _shown(x: float) -> str:
    if isinstance(x, int):
        return str(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else f"{x:g}"


class Bounded:
    """An argparse ``type=``: a finite number in a range, else one line naming the range.

    Its ``__name__`` is the range, so a flag's help says ``%(type)s`` to show it, and
    argparse prefixes a refusal with the flag's name.
    """

    def __init__(self, kind: type[int] | type[float], low: float, high: float, above: bool) -> None:
        self.kind, self.low, self.high, self.above = kind, low, high, above
        self.__name__ = f"{_shown(low)} {'<' if above else '<='} N <= {_shown(high)}"

    def __call__(self, text: str) -> float:
        shown = text if len(text) <= 40 else text[:37] + "..."
        try:
            value: float = self.kind(text)
        except ValueError:
            noun = "a whole number" if self.kind is int else "a number"
            raise argparse.ArgumentTypeError(f"{shown!r} is not {noun} ({self.__name__})") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{shown} is not a finite number ({self.__name__})")
        if value < self.low or (self.above and value == self.low) or value > self.high:
            raise argparse.ArgumentTypeError(f"{shown} is out of range ({self.__name__})")
        return value

    def __repr__(self) -> str:
        return f"Bounded({self.kind.__name__}, {self.__name__})"


def bounded_float(low: float, high: float, above: bool = False) -> Bounded:
    """A finite float in [low, high]; with ``above``, low itself is refused."""
    return Bounded(float, low, high, above)


def bounded_int(low: int, high: int) -> Bounded:
    """A whole number in [low, high]."""
    return Bounded(int, low, high, False)


MAX_SECONDS = 3600.0  # no timeout, deadline or budget of this program is longer than an hour
SECONDS = bounded_float(0.0, MAX_SECONDS, above=True)
SECONDS_OR_ZERO = bounded_float(0.0, MAX_SECONDS)  # 0 means "none": no wait, no budget
PORT = bounded_int(1, 65535)
STAKE = bounded_float(0.0, 21e6)  # TAO; no more than 21 million exist
SEED = bounded_int(0, 2**64 - 1)
MAX_NETUID = 65535  # netuids are 16-bit on chain
CONCURRENCY = bounded_int(1, 1024)
EPOCH_VOLUME = bounded_int(1, 100_000)  # the validator reads at most 100000 (512 earns most)


# --------------------------------------------------------------------------- declarations


@dataclass(frozen=True)
class Setting:
    """One option of ours: everything argparse needs, and where else the value lives.

    ``flag`` is ``--dotted.name`` (or a bare name for a positional); ``dest`` the namespace
    attribute (argparse's own when None); ``roles`` the parsers that have it (a command, or
    ``"keys create"`` for a sub-command); ``env`` the environment variables read for it
    (listed in ``.env.example``); ``aka`` the names its value goes by in settings
    dataclasses and service parameters when not ``dest`` (their defaults must be
    ``default``: the test says so).
    """

    flag: str
    dest: str | None = None
    type: Callable[[str], Any] | None = None
    default: Any = None
    help: str | None = None
    roles: tuple[str, ...] = ()
    env: tuple[str, ...] = ()
    metavar: str | None = None
    choices: tuple[str, ...] | Callable[[], tuple[str, ...]] | None = None
    action: str | None = None
    nargs: str | None = None
    required: bool = False
    aka: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The namespace attribute, as argparse derives it when ``dest`` is not given."""
        if self.dest is not None:
            return self.dest
        return self.flag.lstrip("-").replace("-", "_")

    @property
    def positional(self) -> bool:
        return not self.flag.startswith("-")

    def add_to(self, parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> argparse.Action:
        choices = self.choices() if callable(self.choices) else self.choices
        kwargs: dict[str, Any] = {
            "dest": None if self.positional else self.dest,
            "action": self.action,
            "type": self.type,
            "nargs": self.nargs,
            "choices": choices,
            "metavar": self.metavar,
            "help": self.help,
        }
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        if self.default is not None or self.action is None:
            kwargs["default"] = self.default  # a switch's default is argparse's own (False)
        if self.required:
            kwargs["required"] = True
        action = parser.add_argument(self.flag, **kwargs)
        action.setting = self  # type: ignore[attr-defined]  # the test finds it here
        return action


@dataclass(frozen=True)
class EnvVar:
    """An environment variable read without a flag of its own (see ``.env.example``)."""

    name: str
    help: str


TABLES: list[Table] = []  # every table declared, in import order (for the test)


@dataclass(frozen=True, eq=False)
class Table:
    """Settings added together, in this order, under ``title`` in ``--help`` (None: the
    parser's own "options" section)."""

    title: str | None
    settings: tuple[Setting, ...]

    def __post_init__(self) -> None:
        TABLES.append(self)

    def __iter__(self) -> Iterator[Setting]:
        return iter(self.settings)

    def __getitem__(self, name: str) -> Setting:
        """The setting whose dest (or, failing that, flag) is ``name``."""
        for s in self.settings:
            if name in (s.name, s.flag):
                return s
        raise KeyError(name)

    def default(self, name: str) -> Any:
        return self[name].default

    def for_role(self, role: str) -> tuple[Setting, ...]:
        return tuple(s for s in self.settings if role in s.roles)


def add_settings(parser: argparse.ArgumentParser, table: Table, role: str) -> None:
    """Add ``table``'s settings that ``role`` has, in order, under the table's title."""
    settings = table.for_role(role)
    if not settings:
        raise ValueError(f"{table.title or 'table'} has no setting for {role!r}")
    target: argparse.ArgumentParser | argparse._ArgumentGroup = (
        parser if table.title is None else parser.add_argument_group(table.title)
    )
    for setting in settings:
        setting.add_to(target)
