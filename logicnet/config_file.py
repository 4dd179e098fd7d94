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


def config_tokens(path: Path, parser: argparse.ArgumentParser) -> list[str]:
    """The file's settings as tokens for ``parser``; ConfigError on an unknown key or value."""
    known = {
        opt: action
        for action in parser._actions
        for opt in action.option_strings
        if opt.startswith("--") and action.help is not argparse.SUPPRESS
    }
    tokens: list[str] = []
    for name, value in flatten(_read(path), str(path)).items():
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
