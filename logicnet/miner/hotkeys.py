"""Several hotkeys in one miner process: which hotkey listens on which port, with what volume.

``--wallet.hotkeys h1,h2 --axon.ports 8091,8092`` (and ``--miner.epoch_volumes 50,100``)
become one ``HotkeySlot`` each; the single-hotkey flags (``--wallet.hotkey``,
``--axon.port``, ``--miner.epoch_volume``) are the one-slot case. The argparse types here
turn a comma-separated list into a tuple, refusing a bad entry in one line naming it.

Nothing here imports bittensor: ``logicnet/flags.py`` uses these types at import.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

__all__ = [
    "MAX_HOTKEYS",
    "HotkeySlot",
    "hotkey_names",
    "hotkey_ports",
    "hotkey_volumes",
    "short_hotkey",
]

MAX_HOTKEYS = 64  # a subnet allows 256 uids in all; one operator's share fits well under this
LOW_PORT, HIGH_PORT = 1025, 65534  # bittensor's Axon refuses ports outside 1024 < p < 65535
MIN_VOLUME, MAX_VOLUME = 1, 100_000  # logicnet.options.EPOCH_VOLUME's range
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


@dataclass(frozen=True)
class HotkeySlot:
    """One hotkey this process serves: its wallet hotkey name, its axon port, its volume."""

    name: str
    port: int
    epoch_volume: int


def _items(text: str, what: str) -> list[str]:
    items = [part.strip() for part in str(text).split(",")]
    if len(items) > MAX_HOTKEYS:
        raise argparse.ArgumentTypeError(f"more than {MAX_HOTKEYS} {what}")
    return items


def hotkey_names(text: str) -> tuple[str, ...]:
    """``h1,h2,h3``: hotkey names of one wallet, each once (argparse ``type=``)."""
    names = _items(text, "hotkeys")
    for name in names:
        if not name or not set(name) <= _NAME_CHARS or name.startswith("."):
            shown = name if len(name) <= 40 else name[:37] + "..."
            raise argparse.ArgumentTypeError(
                f"{shown!r} is not a hotkey name (letters, digits, '_', '-', '.')"
            )
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise argparse.ArgumentTypeError(f"hotkey {twice[0]} is named twice")
    return tuple(names)


def hotkey_ports(text: str) -> tuple[int, ...]:
    """``8091,8092``: one axon port per hotkey, each once (argparse ``type=``)."""
    ports: list[int] = []
    for item in _items(text, "ports"):
        if not item.isdigit() or not LOW_PORT <= int(item) <= HIGH_PORT:
            shown = item if len(item) <= 12 else item[:9] + "..."
            raise argparse.ArgumentTypeError(
                f"{shown!r} is not an axon port ({LOW_PORT} <= N <= {HIGH_PORT})"
            )
        ports.append(int(item))
    twice = sorted({p for p in ports if ports.count(p) > 1})
    if twice:
        raise argparse.ArgumentTypeError(f"port {twice[0]} is given twice")
    return tuple(ports)


def hotkey_volumes(text: str) -> tuple[int | None, ...]:
    """``50,,100``: each hotkey's epoch volume; an empty entry means --miner.epoch_volume."""
    volumes: list[int | None] = []
    for item in _items(text, "volumes"):
        if not item:
            volumes.append(None)
            continue
        if not item.isdigit() or not MIN_VOLUME <= int(item) <= MAX_VOLUME:
            shown = item if len(item) <= 12 else item[:9] + "..."
            raise argparse.ArgumentTypeError(
                f"{shown!r} is not an epoch volume ({MIN_VOLUME} <= N <= {MAX_VOLUME}, or "
                "empty for --miner.epoch_volume)"
            )
        volumes.append(int(item))
    return tuple(volumes)


def short_hotkey(ss58: str) -> str:
    """The label a hotkey goes by in metrics and logs: its first 8 characters (ss58
    addresses all start with 5, and 7 more base-58 characters tell one operator's apart)."""
    return str(ss58)[:8]
