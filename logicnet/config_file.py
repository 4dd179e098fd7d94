"""``--config FILE``: flags from a YAML file, as bittensor's config files hold them.

Keys are the dotted flag names without the dashes, nested or flat, mixed at will:

    netuid: 35
    wallet:
      name: my-wallet
      hotkey: my-hotkey
    miner.llm_client.base_url: http://localhost:8000/v1
    logging.debug: true

The file becomes command-line tokens placed before the real command line, so the same
parser checks types and choices, and a flag given on the command line wins. An unknown
key is an error with a suggestion, never silently ignored.

Several hotkeys in one miner (``--wallet.hotkeys``, ``--axon.ports``,
``--miner.epoch_volumes``) are written as one list, a mapping per hotkey:

    wallet:
      name: my-wallet
      hotkeys:
        - {hotkey: h1, port: 8091}
        - {hotkey: h2, port: 8092, epoch_volume: 100}   # else miner.epoch_volume

The file is read only when it is a regular file of at most ``MAX_CONFIG_BYTES`` (1 MiB,
far past any config: the examples are under 2 KB); a FIFO, a device such as
``/dev/zero`` or a directory is refused in one line, without blocking.
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import Any

from logicnet.errors import ConfigError
from logicnet.fileio import read_text_capped

__all__ = ["config_tokens", "flatten"]

MAX_CONFIG_BYTES = 1 << 20
# The longest flag name has 4 dotted parts and a command has a few hundred flags: a file
# past these is not a config (YAML aliases could otherwise multiply a small file's keys).
MAX_KEY_PARTS = 8
MAX_KEYS = 10_000


def flatten(data: Any, source: str, prefix: str = "") -> dict[str, Any]:
    """``{"wallet": {"name": "x"}}`` -> ``{"wallet.name": "x"}``."""
    if prefix.count(".") >= MAX_KEY_PARTS:
        raise ConfigError(f"{source}: keys nested deeper than any flag name, under {prefix[:80]!r}")
    if not isinstance(data, dict):
        raise ConfigError(
            f"{source}: expected a mapping of flag names to values"
            + (f" under {prefix!r}" if prefix else "")
        )
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not key.strip():
            raise ConfigError(f"{source}: key {key!r} is not a flag name")
        name = f"{prefix}.{key.strip()}" if prefix else key.strip().lstrip("-")
        if isinstance(value, dict):
            flat.update(flatten(value, source, name))
        else:
            if name in flat:
                raise ConfigError(f"{source}: {name} is given twice")
            flat[name] = value
        if len(flat) > MAX_KEYS:
            raise ConfigError(f"{source}: more than {MAX_KEYS} keys; not a config file")
    return flat


def _read(path: Path) -> Any:
    import yaml

    text = read_text_capped(path, MAX_CONFIG_BYTES, "--config")
    try:
        return yaml.safe_load(text) or {}
    except RecursionError:
        raise ConfigError(f"{path} is not valid YAML: nested too deeply") from None
    except ValueError:  # an integer past Python's 4300 digits, which no flag takes
        raise ConfigError(f"{path}: a number too long to be any flag's value") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigError(
            f"{path} is not valid YAML{where}: {getattr(exc, 'problem', None) or exc}"
        ) from exc


# A key whose value may be a list of mappings: each field becomes a comma-separated flag.
_ROWS: dict[str, dict[str, str]] = {
    "wallet.hotkeys": {
        "hotkey": "wallet.hotkeys",
        "port": "axon.ports",
        "epoch_volume": "miner.epoch_volumes",
    },
}
_REQUIRED_FIELDS = {"wallet.hotkeys": ("hotkey", "port")}


def _rows(name: str, rows: list[Any], source: str) -> dict[str, str]:
    """``[{hotkey: h1, port: 8091}, ...]`` -> ``{"wallet.hotkeys": "h1,...", ...}``."""
    fields = _ROWS[name]
    columns: dict[str, list[str]] = {field: [] for field in fields}
    for index, row in enumerate(rows):
        where = f"{source}: {name}[{index}]"
        if not isinstance(row, dict):
            raise ConfigError(f"{where} must be a mapping such as {{hotkey: h1, port: 8091}}")
        for key in row:
            if key not in fields:
                close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise ConfigError(f"{where}: unknown key {key!r}{hint}; use {', '.join(fields)}")
        for required in _REQUIRED_FIELDS[name]:
            if row.get(required) is None:
                raise ConfigError(f"{where} lacks {required!r}")
        for field, values in columns.items():
            value = row.get(field)
            if isinstance(value, (dict, list)) or ("," in str(value)):
                raise ConfigError(f"{where}.{field} must be one value, got {value!r}")
            values.append("" if value is None else str(value))
    out = {fields[f]: ",".join(v) for f, v in columns.items() if any(v)}
    return out


def config_tokens(path: Path, parser: argparse.ArgumentParser) -> list[str]:
    """The file's settings as tokens for ``parser``; ConfigError on an unknown key or value."""
    known = {
        opt: action
        for action in parser._actions
        for opt in action.option_strings
        if opt.startswith("--") and action.help is not argparse.SUPPRESS
    }
    tokens: list[str] = []
    settings: dict[str, Any] = {}
    for name, value in flatten(_read(path), str(path)).items():
        if name in _ROWS and isinstance(value, list) and any(isinstance(v, dict) for v in value):
            for flag_name, joined in _rows(name, value, str(path)).items():
                if flag_name in settings:
                    raise ConfigError(f"{path}: {flag_name} is given twice")
                settings[flag_name] = joined
        else:
            if name in settings:
                raise ConfigError(f"{path}: {name} is given twice")
            settings[name] = value
    for name, value in settings.items():
        flag = f"--{name}"
        if flag == "--config" or flag not in known:
            close = difflib.get_close_matches(flag, list(known), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0][2:]}?)" if close else ""
            raise ConfigError(f"{path}: unknown key {name!r}{hint}")
        action = known[flag]
        if action.nargs == 0:  # store_true style switches
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: {name} takes true or false, got {value!r}")
            if value:
                tokens.append(flag)
            continue
        if value is None:
            continue
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)  # list flags here are comma-separated
        elif isinstance(value, bool):
            value = str(value).lower()
        tokens.append(f"{flag}={value}")  # one token: a value may start with '-'
    return tokens
