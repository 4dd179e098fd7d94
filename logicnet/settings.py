"""Typed settings, built once in ``main()`` from bittensor-style dotted flags.

The parser is a plain ``argparse`` parser that also carries bittensor's own
flag groups (``--wallet.*``, ``--subtensor.*``, ``--axon.*``, ``--logging.*``).
We parse it ourselves rather than through ``bt.Config``: that one ignores the
command line unless ``BT_NO_PARSE_CLI_ARGS=false`` is set before import and
silently drops misspelled flags; here a misspelled flag is an error.

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
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from logicnet.credentials import KEY_ENV_VARS, Secret, resolve_llm_key
from logicnet.errors import ConfigError
from logicnet.metrics.config import MetricsSettings, add_metrics_args
from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES, ScoringProfile, get_profile

if TYPE_CHECKING:
    from logicnet.chain import ChainSource

__all__ = [
    "MAX_SECONDS",
    "Bounded",
    "ChainSettings",
    "LLMSettings",
    "MinerSettings",
    "ValidatorSettings",
    "add_validator_args",
    "add_chain_args",
    "add_config_arg",
    "add_llm_args",
    "add_miner_args",
    "bounded_float",
    "bounded_int",
    "given_flags",
]

DEFAULT_BASE_URL = "http://localhost:8000/v1"
DEFAULT_MODEL = "Qwen/Qwen2-7B-Instruct"
SECONDS_PER_BLOCK = 12.0


# --------------------------------------------------------------------------- numeric flags


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


def _retype(parser: argparse.ArgumentParser, flag: str, kind: Bounded) -> None:
    """Give a flag another module declares (bittensor's, the metrics') its range."""
    action = parser._option_string_actions.get(flag)
    if action is not None:
        action.type = kind
        action.help = f"{action.help or ''} (%(type)s)".strip()


def _add_bittensor_groups(parser: argparse.ArgumentParser, axon: bool) -> None:
    import bittensor as bt

    bt.Wallet.add_args(parser)
    bt.Subtensor.add_args(parser)
    if axon:
        bt.Axon.add_args(parser)
        _retype(parser, "--axon.port", PORT)
        _retype(parser, "--axon.external_port", PORT)
        _retype(parser, "--axon.max_workers", bounded_int(1, 1024))
    bt.logging.add_args(parser)


def add_config_arg(parser: argparse.ArgumentParser) -> None:
    """``--config FILE`` (read by the CLI before parsing, see ``logicnet.config_file``)."""
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help="YAML file of these flags, dotted names as keys, nested or flat (wallet: {name: "
        "x} or wallet.name: x), as bittensor's config files; flags on the command line win",
    )


def add_chain_args(parser: argparse.ArgumentParser, axon: bool = True) -> None:
    parser.add_argument(
        "--netuid",
        type=bounded_int(0, MAX_NETUID),
        default=35,
        help="subnet id (%(type)s; default: %(default)s)",
    )
    parser.add_argument(
        "--localnet.registry",
        dest="localnet_registry",
        metavar="FILE",
        default=None,
        help="read the metagraph from this JSON file instead of the chain; never connects "
        "to a chain or the internet (see README, 'Local mode')",
    )
    parser.add_argument(
        "--neuron.epoch_length",
        dest="epoch_length",
        type=bounded_int(1, 100_000),
        default=100,
        help="blocks between metagraph re-syncs on chain (%(type)s; default: %(default)s, "
        "about 20 min)",
    )
    _add_bittensor_groups(parser, axon)


def _strategy_names() -> tuple[str, ...]:
    """``--miner.strategy``'s choices: the strategy registry (a test harness may add its own)."""
    from logicnet.miner.solvers.registry import strategy_names

    return strategy_names()


def add_llm_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--miner.llm_client.base_url",
        dest="llm_base_url",
        default=DEFAULT_BASE_URL,
        metavar="URL[,URL...]",
        help="OpenAI-compatible endpoint(s); several comma-separated URLs serving the same "
        "model share the load and fail over (default: %(default)s)",
    )
    parser.add_argument(
        "--miner.llm_client.model",
        dest="llm_model",
        default=DEFAULT_MODEL,
        help="model name as the endpoint knows it (default: %(default)s)",
    )
    parser.add_argument(
        "--miner.llm_client.key",
        dest="llm_key",
        default=None,
        metavar="KEY",
        help="API key; prefer setting "
        + ", ".join(f"${v}" for v in KEY_ENV_VARS)
        + " in the environment or a .env file (a key on the command line shows in `ps`)",
    )
    parser.add_argument(
        "--miner.strategy",
        dest="strategy",
        choices=_strategy_names(),
        default=None,
        help="auto = engine when certain, else program + chain-of-thought votes; engine = the "
        "embedded math engine only (no LLM); program = the model writes Python run in a "
        "sandbox; baseline = one LLM round-trip (default: auto when the LLM endpoint answers, "
        "else engine)",
    )
    parser.add_argument(
        "--miner.samples",
        dest="samples",
        type=bounded_int(1, 16),
        default=3,
        help="attempts voted on by 'auto' when the engine does not know the problem "
        "(%(type)s; default: %(default)s)",
    )
    parser.add_argument(
        "--miner.reasoning_budget",
        dest="reasoning_budget",
        type=SECONDS_OR_ZERO,
        default=15.0,
        help="seconds 'auto' may spend asking the LLM to explain an engine answer; 0 sends the "
        "engine's own working (%(type)s; default: %(default)s)",
    )
    parser.add_argument(
        "--miner.sandbox.allow_unisolated",
        dest="allow_unisolated",
        action="store_true",
        help="run model-written code even when the host offers no filesystem isolation "
        "(bubblewrap); otherwise 'program' is refused there",
    )
    parser.add_argument(
        "--miner.max_tokens",
        dest="max_tokens",
        type=bounded_int(16, 1_000_000),
        default=1024,
        help="token budget for one LLM reply (%(type)s; default: %(default)s)",
    )


def add_miner_args(parser: argparse.ArgumentParser) -> None:
    add_chain_args(parser, axon=True)
    add_llm_args(parser)
    add_metrics_args(parser)
    _retype(parser, "--metrics.port", bounded_int(0, 65535))
    g = parser.add_argument_group("miner")
    g.add_argument(
        "--miner.category",
        dest="category",
        default="Logic",
        help="category to mine; only Logic exists (default: %(default)s)",
    )
    g.add_argument(
        "--miner.epoch_volume",
        dest="epoch_volume",
        type=EPOCH_VOLUME,
        default=50,
        help="requests per interval this miner commits to serve, split among "
        "validators by stake; more volume earns up to 10%% more reward, capped at "
        "512 (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--miner.min_stake",
        dest="min_stake",
        type=STAKE,
        default=10000.0,
        help="refuse callers with less stake (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--miner.limit_interval",
        dest="limit_interval",
        type=bounded_float(0.0, 86400.0, above=True),
        default=600.0,
        help="seconds after which every validator's volume resets (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--miner.max_body_kib",
        dest="max_body_kib",
        type=bounded_int(1, 16384),
        default=64,
        help="largest request body accepted, in KiB (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--miner.max_concurrency",
        dest="max_concurrency",
        type=bounded_int(1, 10_000),
        default=128,
        help="requests answered at once (idle connections do not count); only "
        "the excess gets 503 (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--miner.max_connections",
        dest="max_connections",
        type=bounded_int(2, 100_000),
        default=1024,
        help="open connections, more than --miner.max_concurrency; when full, a new one "
        "closes the oldest idle one (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--miner.header_timeout",
        dest="header_timeout",
        type=SECONDS,
        default=5.0,
        help="seconds a connection has to send a whole request header (%(type)s; default: "
        "%(default)s)",
    )
    g.add_argument(
        "--miner.body_timeout",
        dest="body_timeout",
        type=SECONDS,
        default=10.0,
        help="seconds to send the body once the header is in (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--miner.keep_alive",
        dest="keep_alive",
        type=SECONDS,
        default=15.0,
        help="seconds an idle connection stays open between requests (%(type)s; default: "
        "%(default)s)",
    )
    g.add_argument(
        "--miner.max_timeout",
        dest="max_timeout",
        type=SECONDS,
        default=120.0,
        help="a request's timeout is clamped to this many seconds (%(type)s; default: %(default)s)",
    )


def given_flags(argv: Sequence[str]) -> set[str]:
    """The ``--flags`` present in ``argv`` (``--flag value`` and ``--flag=value`` alike)."""
    return {arg.split("=", 1)[0] for arg in argv if arg.startswith("--")}


def chain_network(ns: argparse.Namespace, argv: Sequence[str]) -> str:
    """``--subtensor.network``; or ``--subtensor.chain_endpoint`` when only that was given
    (bittensor would silently ignore it and connect to finney)."""
    given = given_flags(argv)
    if "--subtensor.chain_endpoint" in given and "--subtensor.network" not in given:
        return str(getattr(ns, "subtensor.chain_endpoint"))
    return str(getattr(ns, "subtensor.network"))


@dataclass(frozen=True)
class ChainSettings:
    """The wallet and chain block, one for the miner, the validator and ``doctor``."""

    netuid: int
    wallet_name: str
    wallet_hotkey: str
    wallet_path: str
    network: str
    registry: Path | None  # local mode: the metagraph from this JSON file, no chain at all
    epoch_length: int = 100

    @property
    def local(self) -> bool:
        return self.registry is not None

    def open(self, wallet: Any = None) -> ChainSource:
        """The one seam to the chain: the local registry, or a (lazily connected) subtensor."""
        from logicnet.chain import LocalRegistry, SubtensorChain

        if self.registry is not None:
            return LocalRegistry(self.registry, netuid=self.netuid)
        return SubtensorChain(self.network, self.netuid, wallet)

    @classmethod
    def from_args(cls, ns: argparse.Namespace, argv: Sequence[str] = ()) -> ChainSettings:
        return cls(
            netuid=int(ns.netuid),
            wallet_name=str(getattr(ns, "wallet.name")),
            wallet_hotkey=str(getattr(ns, "wallet.hotkey")),
            wallet_path=os.path.expanduser(str(getattr(ns, "wallet.path"))),
            network=chain_network(ns, argv),
            registry=Path(ns.localnet_registry) if ns.localnet_registry else None,
            epoch_length=int(ns.epoch_length),
        )


@dataclass(frozen=True)
class LLMSettings:
    base_urls: tuple[str, ...]
    model: str
    key: Secret
    strategy: str | None  # None: decided at start-up (auto if the LLM answers, else engine)
    max_tokens: int
    samples: int = 3
    reasoning_budget_s: float = 15.0
    allow_unisolated: bool = False

    @classmethod
    def from_args(cls, ns: argparse.Namespace, dotenv: Path | None = None) -> LLMSettings:
        urls = tuple(u.strip().rstrip("/") for u in str(ns.llm_base_url).split(",") if u.strip())
        if not urls:
            raise ConfigError("--miner.llm_client.base_url is empty")
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ConfigError(f"--miner.llm_client.base_url: {url!r} is not an http(s) URL")
        return cls(
            base_urls=urls,
            model=str(ns.llm_model),
            key=resolve_llm_key(ns.llm_key, dotenv),
            strategy=ns.strategy,
            max_tokens=int(ns.max_tokens),
            samples=int(ns.samples),
            reasoning_budget_s=float(ns.reasoning_budget),
            allow_unisolated=bool(ns.allow_unisolated),
        )


@dataclass(frozen=True)
class MinerSettings:
    chain: ChainSettings
    axon_port: int
    axon_ip: str | None  # None: bind on all interfaces, as bittensor does
    external_ip: str | None
    external_port: int | None
    max_workers: int
    category: str
    epoch_volume: int
    min_stake: float
    limit_interval: float
    max_body_bytes: int
    max_concurrency: int
    max_timeout: float
    llm: LLMSettings
    debug: bool
    trace: bool
    metrics: MetricsSettings = MetricsSettings()
    max_connections: int = 1024
    header_timeout: float = 5.0
    body_timeout: float = 10.0
    keep_alive: float = 15.0

    @property
    def sync_interval_s(self) -> float:
        return 2.0 if self.chain.registry else self.chain.epoch_length * SECONDS_PER_BLOCK

    @classmethod
    def from_args(cls, ns: argparse.Namespace, argv: Sequence[str] = ()) -> MinerSettings:
        # Each number's range is its flag's type (see add_miner_args); here what spans flags.
        if ns.category != "Logic":
            raise ConfigError(f"--miner.category {ns.category!r}: only 'Logic' exists")
        if ns.max_connections <= ns.max_concurrency:
            raise ConfigError("--miner.max_connections must be larger than --miner.max_concurrency")
        port = int(getattr(ns, "axon.port"))
        if not 1024 < port < 65535:
            raise ConfigError(f"--axon.port {port}: must be between 1025 and 65534")
        chain = ChainSettings.from_args(ns, argv)
        axon_ip_given = "--axon.ip" in given_flags(argv)
        return cls(
            chain=chain,
            axon_port=port,
            axon_ip=str(getattr(ns, "axon.ip")) if axon_ip_given else None,
            external_ip=getattr(ns, "axon.external_ip"),
            external_port=getattr(ns, "axon.external_port"),
            max_workers=int(getattr(ns, "axon.max_workers")),
            category=str(ns.category),
            epoch_volume=int(ns.epoch_volume),
            min_stake=float(ns.min_stake),
            limit_interval=float(ns.limit_interval),
            max_body_bytes=int(ns.max_body_kib) * 1024,
            max_concurrency=int(ns.max_concurrency),
            max_timeout=float(ns.max_timeout),
            llm=LLMSettings.from_args(ns),
            debug=bool(getattr(ns, "logging.debug")),
            trace=bool(getattr(ns, "logging.trace")),
            metrics=MetricsSettings.from_args(ns),
            max_connections=int(ns.max_connections),
            header_timeout=float(ns.header_timeout),
            body_timeout=float(ns.body_timeout),
            keep_alive=float(ns.keep_alive),
        )


# --------------------------------------------------------------------------- validator

VALIDATOR_KEY_ENV_VARS = ("LOGICNET_VALIDATOR_LLM_KEY", "OPENAI_API_KEY", "TOGETHERAI_API_KEY")


def add_validator_args(parser: argparse.ArgumentParser) -> None:
    add_chain_args(parser, axon=True)
    add_metrics_args(parser)
    _retype(parser, "--metrics.port", bounded_int(0, 65535))
    g = parser.add_argument_group("validator (the network's flags)")
    g.add_argument(
        "--llm_client.base_urls",
        dest="v_base_urls",
        default="",
        metavar="URLS",
        help="comma-separated OpenAI-compatible endpoints for paraphrase, judge and "
        "reference solutions; none: raw questions, programmatic scoring, engine "
        "reference",
    )
    g.add_argument(
        "--llm_client.models",
        dest="v_models",
        default="gpt-4o-mini",
        metavar="MODELS",
        help="one model for all URLs or one per URL (default: %(default)s)",
    )
    g.add_argument(
        "--llm_client.keys",
        dest="v_keys",
        default=None,
        metavar="KEYS",
        help="one key or one per URL; prefer $OPENAI_API_KEY / $TOGETHERAI_API_KEY "
        "in the environment or .env",
    )
    g.add_argument(
        "--loop_base_time",
        type=bounded_float(0.0, 86400.0),
        default=600.0,
        help="seconds per loop; 0: the next loop starts at once (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--async_batch_size",
        type=bounded_int(1, 4096),
        default=None,
        help="miners in one batch of the loop's schedule, in groups of 8 sharing a challenge "
        "(%(type)s; default: the profile's, 16 for seed, 8 for network-2025-05)",
    )
    g.add_argument(
        "--validator.max_in_flight",
        dest="max_in_flight",
        type=bounded_int(1, 65536),
        default=256,
        help="LogicSynapse queries in flight at once; a slow or silent miner holds only its "
        "own (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--dataset_weight",
        default="40,10,10,10,10,10,10",
        help="mix of mathgenerator, zebra grid, zebra mc, ultrainteract, gsm8k, "
        "mmlu-stem, sat math (default: %(default)s)",
    )
    g.add_argument(
        "--min_stake",
        type=STAKE,
        default=10000.0,
        help="stake that counts in the miners' volume split (%(type)s; default: %(default)s)",
    )
    g.add_argument(
        "--neuron.disable_set_weights",
        dest="disable_set_weights",
        action="store_true",
        help="score but never set weights",
    )
    g.add_argument(
        "--neuron.axon_off",
        dest="axon_off",
        action="store_true",
        help="accepted for compatibility (this validator serves no axon)",
    )
    g.add_argument(
        "--proxy.port",
        dest="proxy_port",
        type=PORT,
        default=None,
        help="serve the gateway: an OpenAI-compatible API whose questions the top miners "
        "answer (docs/gateway.md; keys from 'logicnet keys'; %(type)s; default: off)",
    )
    g.add_argument(
        "--proxy.host",
        dest="proxy_host",
        default="127.0.0.1",
        help="address the gateway listens on (default: %(default)s; 0.0.0.0 for every interface)",
    )
    g.add_argument(
        "--proxy.db",
        dest="proxy_db",
        default="gateway.sqlite",
        help="the gateway's API keys and request log (SQLite; default: %(default)s)",
    )
    g.add_argument(
        "--proxy.score",
        dest="proxy_score",
        action="store_true",
        help="score organic answers too, through the same rewarder, where the engine read the "
        "question (default: organic questions never change a miner's score)",
    )
    g.add_argument(
        "--wandb.off",
        dest="wandb_off",
        action="store_true",
        help="accepted for compatibility (no wandb here)",
    )
    o = parser.add_argument_group("validator (this project's)")
    o.add_argument(
        "--scoring.profile",
        dest="profile",
        default=DEFAULT_PROFILE,
        choices=tuple(PROFILES),
        help="the network's rule set: "
        + "; ".join(f"{p.name}: {p.summary}" for p in PROFILES.values())
        + " (default: %(default)s)",
    )
    o.add_argument(
        "--challenge.dataset_dir",
        dest="dataset_dir",
        default=None,
        metavar="DIR",
        help="<source>.jsonl files of {question, answer} for the dataset sources",
    )
    o.add_argument(
        "--challenge.insert_letter",
        dest="insert_letter",
        action="store_true",
        help="give each miner its own copy of the question with one random letter "
        "inserted by the network's rule (a word of 4+ word characters, digits "
        "included, first occurrence), which defeats answer caches (default: off)",
    )
    o.add_argument(
        "--challenge.questions",
        dest="questions",
        default=None,
        metavar="FILE",
        help="draw challenges from this JSONL file of {logic_question, ground_truth, "
        "topic, reference?, raw_question?} (the dev set's format) instead of the "
        "mix; no LLM needed",
    )
    o.add_argument(
        "--challenge.task_pool_url",
        dest="task_pool_url",
        default=None,
        metavar="URL",
        help="the network's task server (credentials from "
        "$VALIDATOR_USERNAME / $VALIDATOR_PASSWORD); while it is unreachable, "
        "challenges come from the local sources",
    )
    o.add_argument(
        "--challenge.paraphrase",
        dest="paraphrase",
        choices=("auto", "off"),
        default="auto",
        help="persona paraphrase when an LLM is configured",
    )
    o.add_argument(
        "--validator.timeout",
        dest="timeout",
        type=SECONDS,
        default=64.0,
        help="seconds a miner has per challenge (%(type)s; default: %(default)s)",
    )
    o.add_argument(
        "--validator.info_timeout",
        dest="info_timeout",
        type=SECONDS,
        default=60.0,
        help="seconds for the Information query (%(type)s; default: %(default)s)",
    )
    o.add_argument(
        "--validator.state",
        dest="state",
        default=None,
        metavar="FILE",
        help="JSON state file (default: ~/.logicnet/<wallet>-<hotkey>-<netuid>/state.json)",
    )
    o.add_argument(
        "--validator.loops",
        dest="loops",
        type=bounded_int(1, 10**9),
        default=None,
        help="stop after this many loops (%(type)s; default: run until stopped)",
    )
    o.add_argument(
        "--validator.seed",
        dest="seed",
        type=SEED,
        default=None,
        help="seed the challenge draws (reproducible runs; %(type)s)",
    )
    o.add_argument(
        "--similarity.backend",
        dest="similarity_backend",
        default="auto",
        choices=("auto", "numpy", "sentence-transformers"),
        help="all-MiniLM-L6-v2 backend: numpy (no torch), sentence-transformers "
        "(needs the torch-similarity extra) or auto, numpy first (default: auto)",
    )


def default_state_path(chain: ChainSettings) -> Path:
    """One state file per validator identity and subnet."""
    return (
        Path.home() / ".logicnet" / f"{chain.wallet_name}-{chain.wallet_hotkey}-"
        f"netuid{chain.netuid}" / "state.json"
    )


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


@dataclass(frozen=True)
class ValidatorSettings:
    chain: ChainSettings
    base_urls: tuple[str, ...]
    models: tuple[str, ...]
    keys: tuple[Secret, ...]
    loop_base_time: float
    async_batch_size: int | None
    dataset_weight: str
    min_stake: float
    disable_set_weights: bool
    profile: ScoringProfile
    dataset_dir: Path | None
    insert_letter: bool
    paraphrase: bool
    timeout: float
    info_timeout: float
    state_path: Path
    loops: int | None
    seed: int | None
    debug: bool
    trace: bool
    questions: Path | None = None
    task_pool_url: str | None = None
    similarity_backend: str = "auto"
    metrics: MetricsSettings = MetricsSettings()
    max_in_flight: int = 256
    proxy_port: int | None = None
    proxy_host: str = "127.0.0.1"
    proxy_db: Path = Path("gateway.sqlite")
    proxy_score: bool = False

    @classmethod
    def from_args(
        cls, ns: argparse.Namespace, argv: Sequence[str] = (), dotenv: Path | None = None
    ) -> ValidatorSettings:
        urls = tuple(u.rstrip("/") for u in _split(ns.v_base_urls))
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ConfigError(f"--llm_client.base_urls: {url!r} is not an http(s) URL")
        models = tuple(_split(ns.v_models)) or ("gpt-4o-mini",)
        if urls and len(models) not in (1, len(urls)):
            raise ConfigError("--llm_client.models: give one model, or one per URL")
        keys: tuple[Secret, ...]
        flag_keys = _split(ns.v_keys)
        if flag_keys:
            if urls and len(flag_keys) not in (1, len(urls)):
                raise ConfigError("--llm_client.keys: give one key, or one per URL")
            keys = tuple(Secret(k, "--llm_client.keys") for k in flag_keys)
        else:
            keys = (resolve_llm_key(None, dotenv, VALIDATOR_KEY_ENV_VARS),)
        chain = ChainSettings.from_args(ns, argv)
        return cls(
            chain=chain,
            base_urls=urls,
            models=models,
            keys=keys,
            loop_base_time=float(ns.loop_base_time),
            async_batch_size=None if ns.async_batch_size is None else int(ns.async_batch_size),
            max_in_flight=int(ns.max_in_flight),
            proxy_port=ns.proxy_port,
            proxy_host=str(ns.proxy_host),
            proxy_db=Path(ns.proxy_db).expanduser(),
            proxy_score=bool(ns.proxy_score),
            dataset_weight=str(ns.dataset_weight),
            min_stake=float(ns.min_stake),
            disable_set_weights=bool(ns.disable_set_weights),
            profile=get_profile(str(ns.profile)),
            dataset_dir=Path(ns.dataset_dir) if ns.dataset_dir else None,
            insert_letter=bool(ns.insert_letter),
            paraphrase=ns.paraphrase == "auto",
            timeout=float(ns.timeout),
            info_timeout=float(ns.info_timeout),
            state_path=Path(ns.state) if ns.state else default_state_path(chain),
            loops=ns.loops,
            seed=ns.seed,
            debug=bool(getattr(ns, "logging.debug")),
            trace=bool(getattr(ns, "logging.trace")),
            questions=Path(ns.questions) if ns.questions else None,
            task_pool_url=str(ns.task_pool_url).rstrip("/") if ns.task_pool_url else None,
            similarity_backend=str(getattr(ns, "similarity_backend", "auto")),
            metrics=MetricsSettings.from_args(ns),
        )
