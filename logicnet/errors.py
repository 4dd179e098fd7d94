"""Every error this project raises on purpose.

    LogicNetError                 base; the CLI prints its message as one line
    ├── ConfigError               a flag, env var or file the operator gave is unusable
    ├── ChainError                the metagraph could not be read (chain or registry file)
    ├── LLMError                  our LLM backend failed (never the miner's "wrong answer")
    │   ├── LLMUnavailable        every endpoint refused / timed out / answered garbage
    │   └── DeadlineExceeded      no time left to try again
    ├── WalletError               a wallet could not be created or loaded
    ├── EngineError               (logicnet.engine.workers) the engine's worker processes
    │   ├── EngineTimeout         still working when its time ran out (the worker is killed)
    │   └── EngineUnavailable     no worker free or able to start before the deadline
    └── SandboxError              (logicnet.miner.sandbox) our sandbox failed
        ├── SandboxUnavailable    no isolation and no opt-in, or a worker would not start
        └── SandboxClosed         used after close()

Foreign errors (openai, bittensor, OS) are translated at the boundary with
``raise ... from exc`` so callers only catch these.
"""

from __future__ import annotations

__all__ = [
    "ChainError",
    "ConfigError",
    "DeadlineExceeded",
    "EngineError",
    "EngineTimeout",
    "EngineUnavailable",
    "LLMError",
    "LLMUnavailable",
    "LogicNetError",
    "WalletError",
]


class LogicNetError(Exception):
    """Base of every error raised on purpose by this project."""


class ConfigError(LogicNetError):
    """The operator's configuration (flags, environment, files) cannot be used."""


class ChainError(LogicNetError):
    """The metagraph could not be read from the chain or the local registry."""


class LLMError(LogicNetError):
    """The LLM backend failed on our side."""


class LLMUnavailable(LLMError):
    """No endpoint produced a usable reply."""


class DeadlineExceeded(LLMError):
    """The deadline passed before a usable reply arrived."""


class WalletError(LogicNetError):
    """A wallet could not be created or loaded."""


class EngineError(LogicNetError):
    """The engine's worker processes gave no answer (not "the engine does not know it")."""

    public_reason = "the embedded engine gave no answer in time"


class EngineTimeout(EngineError):
    """The engine was still working on a question when its time ran out."""


class EngineUnavailable(EngineError):
    """No engine worker was free, or could start, before the deadline."""
