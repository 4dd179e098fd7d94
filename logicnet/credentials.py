"""Keeping API keys out of logs, errors and reprs."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["KEY_ENV_VARS", "Secret", "redact", "resolve_llm_key"]

# Looked up in this order when no key is given on the command line.
KEY_ENV_VARS = ("LOGICNET_LLM_KEY", "TOGETHER_API_KEY", "OPENAI_API_KEY")
# What the network's miner sends when no key is configured (vLLM ignores it).
DEFAULT_KEY = "xyz"


class Secret:
    """A string that never prints itself."""

    __slots__ = ("_value", "source")

    def __init__(self, value: str, source: str = "") -> None:
        self._value = value
        self.source = source

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret(<hidden>, source={self.source!r})"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)


def redact(text: str, *secrets: Secret | str | None) -> str:
    """Replace every occurrence of the given secrets in ``text``."""
    for s in secrets:
        raw = s.reveal() if isinstance(s, Secret) else s
        if raw and len(raw) >= 4 and raw != DEFAULT_KEY:
            text = text.replace(raw, "<redacted>")
    return text


def _read_dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v}


def resolve_llm_key(
    flag_value: str | None,
    dotenv_path: Path | None = None,
    env_vars: tuple[str, ...] = KEY_ENV_VARS,
) -> Secret:
    """The key from the flag, else the environment, else ``.env``, else the network's default."""
    if flag_value:
        return Secret(flag_value, "--miner.llm_client.key")
    for name in env_vars:
        value = os.environ.get(name)
        if value:
            return Secret(value, f"${name}")
    dotenv = _read_dotenv(dotenv_path or Path.cwd() / ".env")
    for name in env_vars:
        if dotenv.get(name):
            return Secret(dotenv[name], f".env {name}")
    return Secret(DEFAULT_KEY, "default")
