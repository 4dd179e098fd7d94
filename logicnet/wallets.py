"""Loading wallets for the miner, and creating throw-away ones for local use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from logicnet.errors import WalletError

__all__ = ["create_wallet", "load_wallet"]


def load_wallet(name: str, hotkey: str, path: str) -> Any:
    """A wallet whose hotkey file exists; only the hotkey and coldkeypub are needed."""
    import bittensor as bt

    wallet = bt.Wallet(name=name, hotkey=hotkey, path=path)
    hotkey_file = Path(os.path.expanduser(path)) / name / "hotkeys" / hotkey
    if not hotkey_file.is_file():
        raise WalletError(
            f"no hotkey '{hotkey}' in wallet '{name}' under {path}; create one with "
            f"`logicnet wallet create --name {name} --hotkey {hotkey} --path {path}` (local "
            f"use) or `btcli wallet new_hotkey --wallet.name {name} --wallet.hotkey {hotkey} "
            f"--wallet.path {path}`"
        )
    try:
        wallet.hotkey  # noqa: B018  (decrypts/loads now, so errors surface at start-up)
    except Exception as exc:  # bittensor_wallet raises its own KeyFileError and OS errors
        raise WalletError(f"cannot load hotkey '{hotkey}' of wallet '{name}': {exc}") from exc
    return wallet


def create_wallet(name: str, hotkey: str, path: str, overwrite: bool = False) -> Any:
    """Create a coldkey (unencrypted) and hotkey for local use, without prompts. A wallet
    whose coldkey exists gets only the hotkey (several hotkeys of one coldkey, as an
    operator's UIDs are), and nothing is printed about the coldkey already being there."""
    import bittensor as bt

    wallet = bt.Wallet(name=name, hotkey=hotkey, path=path)
    root = Path(os.path.expanduser(path)) / name
    try:
        if not overwrite and (root / "coldkeypub.txt").is_file():
            if not (root / "hotkeys" / hotkey).is_file():
                wallet.create_new_hotkey(use_password=False, overwrite=False, suppress=True)
        elif overwrite:
            wallet.create(
                coldkey_use_password=False, hotkey_use_password=False, overwrite=True, suppress=True
            )
        else:
            wallet.create_if_non_existent(
                coldkey_use_password=False, hotkey_use_password=False, suppress=True
            )
    except Exception as exc:
        raise WalletError(f"cannot create wallet '{name}' hotkey '{hotkey}': {exc}") from exc
    return wallet
