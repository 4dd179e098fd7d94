"""Every error this project raises on purpose, and what each one means to a caller.

Every deliberate error is defined here and derives from ``LogicNetError``; the module that
raises it imports it from here (and re-exports it, so ``from logicnet.miner.sandbox_setup
import SandboxError`` keeps working). ``exit_code`` is what the CLI returns for an error,
``http_status`` what an HTTP service answers with; both read the table below, so a new
class only has to be put in the tree (it inherits its parent's row). tests/test_errors.py
fails when a public exception class is defined anywhere else.

    class                         meaning                                          exit  HTTP
    LogicNetError                 base; the CLI prints its message as one line       2   500
    ├── ConfigError               a flag, env var or file the operator gave is       2   500
    │   │                         unusable (the operator's to fix, not the client's)
    │   ├── FileRefused           (fileio) a file not read: missing, not a regular   2   500
    │   │                         file, over its size cap
    │   └── KeyStoreUnavailable   (gateway.keys) the gateway's key file failed in    2   503
    │                             use: closed, locked, or its SQLite failing
    ├── ChainError                the metagraph could not be read (chain or          2   503
    │                             registry file)
    ├── WalletError               a wallet could not be created or loaded            2   500
    ├── LLMError                  our LLM backend failed (never the miner's "wrong   2   502
    │   │                         answer")
    │   ├── LLMUnavailable        every endpoint refused / timed out / answered      2   503
    │   │                         garbage
    │   └── DeadlineExceeded      no time left to try again                          2   504
    ├── EngineError               (engine.workers) the engine's worker processes     2   503
    │   │                         gave no answer
    │   ├── EngineTimeout         still working when its time ran out (the worker    2   504
    │   │                         is killed)
    │   └── EngineUnavailable     no worker free or able to start before the         2   503
    │                             deadline
    ├── NotRecognised             (miner.solvers.engine) the engine does not know    2   422
    │                             this problem: the question, not an outage
    ├── SandboxError              (miner.sandbox) our sandbox failed, never the      2   500
    │   │                         outcome of the code it ran
    │   ├── SandboxUnavailable    no isolation and no opt-in, or a worker would      2   503
    │   │                         not start
    │   └── SandboxClosed         used after close() (shutting down)                 2   503
    ├── JudgeUnavailable          (validator.judge) no usable verdict: the item is   2   503
    │                             skipped, not scored
    ├── TaskPoolUnavailable       (validator.task_pool) the task server is down or   2   503
    │   │                         refused us
    │   └── TaskPoolBadReply      it answered with nothing usable; ``reason`` is     2   502
    │                             ``too_large`` or ``malformed``
    ├── ReplyTooLarge             (validator.transport) a miner's reply went past    2   502
    │                             its byte cap (its connection is dropped)
    ├── GeneratorFailed           (challenges.generate) mathgenerator crashed on     2   500
    │                             this draw; callers draw again
    ├── ModelFilesError *         (validator.minilm) the packaged MiniLM files are   2   503
    │                             missing, unreadable or not the expected BERT
    └── SimilarityUnavailable *   (validator.similarity) the similarity backend      2   503
                                  asked for cannot be loaded

    * also a ``RuntimeError``, as they were before, so ``except RuntimeError`` still
      catches them (validator.rewarder, validator.offline, preflight).

    not a LogicNetError:          KeyboardInterrupt -> exit 130; SystemExit -> its own
                                  code; anything else (a bug) -> exit 1, HTTP 500.

HTTP statuses: 4xx only where the request itself is the cause (422: this question is not
one the engine can read); 502 when something upstream of us answered unusably; 503 when a
part we depend on is down or not installed (retrying later may help); 504 when time ran
out; 500 for our own failures and the operator's setup, which the client cannot fix.

Foreign errors (openai, bittensor, OS) are translated at the boundary with
``raise ... from exc`` so callers only catch these. Internal control-flow exceptions stay
where they are defined and never leave their module (or the few modules of one part
that share them): each is caught, or turned into one of the errors above, before any
other caller sees it. They are names starting with ``_``,
``WorkerLost`` / ``JobNotAccepted`` (miner._sandbox_client, caught by miner.sandbox),
``LineError`` (validator.question_file) and ``Unreadable`` / ``TooLarge`` (engine.problem,
engine.bounds: a reader's refusal, caught by engine.core). tests/test_errors.py lists them.
"""

from __future__ import annotations

__all__ = [
    "ChainError",
    "ConfigError",
    "DeadlineExceeded",
    "EngineError",
    "EngineTimeout",
    "EngineUnavailable",
    "FileRefused",
    "GeneratorFailed",
    "JudgeUnavailable",
    "KeyStoreUnavailable",
    "LLMError",
    "LLMUnavailable",
    "LogicNetError",
    "ModelFilesError",
    "NotRecognised",
    "ReplyTooLarge",
    "SandboxClosed",
    "SandboxError",
    "SandboxUnavailable",
    "SimilarityUnavailable",
    "TaskPoolBadReply",
    "TaskPoolUnavailable",
    "WalletError",
    "exit_code",
    "http_status",
]


class LogicNetError(Exception):
    """Base of every error raised on purpose by this project."""


# --------------------------------------------------------------------------- configuration


class ConfigError(LogicNetError):
    """The operator's configuration (flags, environment, files) cannot be used."""


class FileRefused(ConfigError):
    """A file not read: ``what path reason`` in one line; ``too_large`` when over its cap."""

    def __init__(self, what: str, path: object, reason: str, too_large: bool = False) -> None:
        super().__init__(f"{what} {path} {reason}")
        self.reason = reason
        self.too_large = too_large


class KeyStoreUnavailable(ConfigError):
    """The gateway's key store failed while in use (closed, locked past its busy timeout,
    its SQLite failing): a request is refused with 503, never let through; the same
    failure from ``logicnet keys`` is a configuration error like any other."""


class ChainError(LogicNetError):
    """The metagraph could not be read from the chain or the local registry."""


class WalletError(LogicNetError):
    """A wallet could not be created or loaded."""


# --------------------------------------------------------------------------- LLM


class LLMError(LogicNetError):
    """The LLM backend failed on our side."""


class LLMUnavailable(LLMError):
    """No endpoint produced a usable reply."""


class DeadlineExceeded(LLMError):
    """The deadline passed before a usable reply arrived."""


# --------------------------------------------------------------------------- engine


class EngineError(LogicNetError):
    """The engine's worker processes gave no answer (not "the engine does not know it")."""

    public_reason = "the embedded engine gave no answer in time"


class EngineTimeout(EngineError):
    """The engine was still working on a question when its time ran out."""


class EngineUnavailable(EngineError):
    """No engine worker was free, or could start, before the deadline."""


class NotRecognised(LogicNetError):
    """The engine does not know this problem."""

    public_reason = "the embedded engine does not recognise this problem"


# --------------------------------------------------------------------------- sandbox


class SandboxError(LogicNetError):
    """The sandbox failed on our side; never the outcome of the code it ran."""


class SandboxUnavailable(SandboxError):
    """No layer isolates the filesystem here (and no opt-in), or a worker could not start."""


class SandboxClosed(SandboxError):
    """The sandbox was closed before or during the run."""


# --------------------------------------------------------------------------- validator


class JudgeUnavailable(LogicNetError):
    """The judge could not give a usable verdict: the item is skipped, not scored."""


class TaskPoolUnavailable(LogicNetError):
    """The task server could not give a usable answer (down, refused, garbage)."""


class TaskPoolBadReply(TaskPoolUnavailable):
    """The server answered, but with nothing usable; ``reason`` is ``too_large`` or
    ``malformed`` (the label the validator's dropped-questions count uses)."""

    def __init__(self, message: str, reason: str = "malformed") -> None:
        super().__init__(message)
        self.reason = reason


class ReplyTooLarge(LogicNetError):
    """A miner's reply went past its byte cap."""

    def __init__(self, cap: int) -> None:
        super().__init__(f"reply larger than {cap} bytes")


class GeneratorFailed(LogicNetError):
    """mathgenerator itself crashed on this draw (e.g. expanding with b = 0); validators
    never send such a problem, so callers draw again."""


class ModelFilesError(LogicNetError, RuntimeError):
    """The packaged model files are missing, unreadable, or not the expected BERT."""


class SimilarityUnavailable(LogicNetError, RuntimeError):
    """The backend asked for cannot be loaded (its packages or model files are missing)."""


# --------------------------------------------------------------------------- the mapping

# What an HTTP service answers with, by class; a class not listed takes its nearest
# listed ancestor's status (LogicNetError's 500 at the least).
_HTTP_STATUS: dict[type[BaseException], int] = {
    LogicNetError: 500,
    ConfigError: 500,
    KeyStoreUnavailable: 503,
    ChainError: 503,
    WalletError: 500,
    LLMError: 502,
    LLMUnavailable: 503,
    DeadlineExceeded: 504,
    EngineError: 503,
    EngineTimeout: 504,
    EngineUnavailable: 503,
    NotRecognised: 422,
    SandboxError: 500,
    SandboxUnavailable: 503,
    SandboxClosed: 503,
    JudgeUnavailable: 503,
    TaskPoolUnavailable: 503,
    TaskPoolBadReply: 502,
    ReplyTooLarge: 502,
    GeneratorFailed: 500,
    ModelFilesError: 503,
    SimilarityUnavailable: 503,
}
EXIT_ERROR = 2  # a deliberate error: its message is printed as one line
EXIT_BUG = 1  # anything else: Python's own code for an uncaught exception
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def exit_code(exc: BaseException) -> int:
    """What the CLI returns when ``exc`` ends a command (see the table above)."""
    if isinstance(exc, LogicNetError):
        return EXIT_ERROR
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, SystemExit):
        code = exc.code
        if code is None:
            return 0
        return code if isinstance(code, int) else EXIT_BUG
    return EXIT_BUG


def http_status(exc: BaseException) -> int:
    """The HTTP status a service answers with when ``exc`` ends a request: the row of its
    class, or of the nearest ancestor in the table; 500 for anything not deliberate."""
    for cls in type(exc).__mro__:
        status = _HTTP_STATUS.get(cls)
        if status is not None:
            return status
    return 500
