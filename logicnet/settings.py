"""Typed settings, built once in ``main()`` from bittensor-style dotted flags.

Each flag is declared once, in ``logicnet/flags.py`` (its type, default, help, roles; see
``logicnet.options``); here the functions that add those tables to a parser, and the
settings dataclasses built from the parsed namespace, whose defaults are the declarations'.
What spans flags (``--miner.max_connections`` > ``--miner.max_concurrency``, URLs, one
model or one per URL) is checked in ``from_args``.

The parser is a plain ``argparse`` parser that also carries bittensor's own
flag groups (``--wallet.*``, ``--subtensor.*``, ``--axon.*``, ``--logging.*``).
We parse it ourselves rather than through ``bt.Config``: that one ignores the
command line unless ``BT_NO_PARSE_CLI_ARGS=false`` is set before import and
silently drops misspelled flags; here a misspelled flag is an error.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from logicnet import flags
from logicnet.credentials import Secret, resolve_llm_key
from logicnet.errors import ConfigError
from logicnet.flags import DEFAULT_BASE_URL, DEFAULT_MODEL, VALIDATOR_KEY_ENV_VARS
from logicnet.metrics.config import MetricsSettings, add_metrics_args
from logicnet.miner.hotkeys import HotkeySlot
from logicnet.options import (
    CONCURRENCY,
    EPOCH_VOLUME,
    MAX_NETUID,
    MAX_SECONDS,
    PORT,
    SECONDS,
    SECONDS_OR_ZERO,
    SEED,
    STAKE,
    Bounded,
    add_settings,
    bounded_float,
    bounded_int,
)
from logicnet.validator.profiles import ScoringProfile, get_profile

if TYPE_CHECKING:
    from logicnet.chain import ChainSource

__all__ = [
    "CONCURRENCY",
    "DEFAULT_BASE_URL",
    "DEFAULT_MODEL",
    "EPOCH_VOLUME",
    "MAX_NETUID",
    "MAX_SECONDS",
    "PORT",
    "SECONDS",
    "SECONDS_OR_ZERO",
    "SEED",
    "STAKE",
    "VALIDATOR_KEY_ENV_VARS",
    "Bounded",
    "ChainSettings",
    "LLMSettings",
    "MinerSettings",
    "ValidatorSettings",
    "add_chain_args",
    "add_config_arg",
    "add_llm_args",
    "add_miner_args",
    "add_validator_args",
    "bounded_float",
    "bounded_int",
    "given_flags",
]

SECONDS_PER_BLOCK = 12.0


def _retype(parser: argparse.ArgumentParser, flag: str, kind: Bounded) -> None:
    """Give one of bittensor's flags its range."""
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


def add_config_arg(parser: argparse.ArgumentParser, role: str = "miner") -> None:
    """``--config FILE`` (read by the CLI before parsing, see ``logicnet.config_file``)."""
    add_settings(parser, flags.CONFIG, role)


def add_chain_args(parser: argparse.ArgumentParser, axon: bool = True, role: str = "miner") -> None:
    add_settings(parser, flags.CHAIN, role)
    _add_bittensor_groups(parser, axon)


def add_llm_args(parser: argparse.ArgumentParser, role: str = "miner") -> None:
    add_settings(parser, flags.LLM, role)


def add_miner_args(parser: argparse.ArgumentParser) -> None:
    add_chain_args(parser, axon=True, role="miner")
    add_llm_args(parser, "miner")
    add_metrics_args(parser, "miner")
    add_settings(parser, flags.MINER, "miner")


def add_validator_args(parser: argparse.ArgumentParser) -> None:
    add_chain_args(parser, axon=True, role="validator")
    add_metrics_args(parser, "validator")
    add_settings(parser, flags.VALIDATOR, "validator")
    add_settings(parser, flags.VALIDATOR_OWN, "validator")


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
    epoch_length: int = flags.CHAIN.default("epoch_length")

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
    samples: int = flags.LLM.default("samples")
    reasoning_budget_s: float = flags.LLM.default("reasoning_budget")
    allow_unisolated: bool = flags.LLM.default("allow_unisolated")

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
    max_connections: int = flags.MINER.default("max_connections")
    header_timeout: float = flags.MINER.default("header_timeout")
    body_timeout: float = flags.MINER.default("body_timeout")
    keep_alive: float = flags.MINER.default("keep_alive")
    # --wallet.hotkeys: every hotkey this process serves; empty: the one of --wallet.hotkey
    hotkeys: tuple[HotkeySlot, ...] = ()

    @property
    def sync_interval_s(self) -> float:
        return 2.0 if self.chain.registry else self.chain.epoch_length * SECONDS_PER_BLOCK

    @property
    def slots(self) -> tuple[HotkeySlot, ...]:
        """The hotkeys to serve, each with its port and volume (one without --wallet.hotkeys)."""
        if self.hotkeys:
            return self.hotkeys
        return (HotkeySlot(self.chain.wallet_hotkey, self.axon_port, self.epoch_volume),)

    @classmethod
    def from_args(cls, ns: argparse.Namespace, argv: Sequence[str] = ()) -> MinerSettings:
        # Each number's range is its flag's type (logicnet/flags.py); here what spans flags.
        if ns.category != "Logic":
            raise ConfigError(f"--miner.category {ns.category!r}: only 'Logic' exists")
        if ns.max_connections <= ns.max_concurrency:
            raise ConfigError("--miner.max_connections must be larger than --miner.max_concurrency")
        port = int(getattr(ns, "axon.port"))
        if not 1024 < port < 65535:
            raise ConfigError(f"--axon.port {port}: must be between 1025 and 65534")
        chain = ChainSettings.from_args(ns, argv)
        axon_ip_given = "--axon.ip" in given_flags(argv)
        hotkeys = _hotkey_slots(ns, argv)
        return cls(
            hotkeys=hotkeys,
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


def _hotkey_slots(ns: argparse.Namespace, argv: Sequence[str]) -> tuple[HotkeySlot, ...]:
    """``--wallet.hotkeys`` with ``--axon.ports`` (and ``--miner.epoch_volumes``) as slots;
    () without them. The single-hotkey flags stay as they are, but not beside these."""
    names = getattr(ns, "wallet_hotkeys", None)
    ports = getattr(ns, "axon_ports", None)
    volumes = getattr(ns, "epoch_volumes", None)
    if names is None:
        for flag, value in (("--axon.ports", ports), ("--miner.epoch_volumes", volumes)):
            if value is not None:
                raise ConfigError(f"{flag} goes with --wallet.hotkeys")
        return ()
    given = given_flags(argv)
    for single, several in (
        ("--wallet.hotkey", "--wallet.hotkeys"),
        ("--axon.port", "--axon.ports"),
        ("--axon.external_port", "--axon.ports"),
    ):
        if single in given:
            raise ConfigError(
                f"{single} and --wallet.hotkeys: give one hotkey with {single}, or several "
                f"with {several}"
            )
    if ports is None or len(ports) != len(names):
        raise ConfigError(
            f"--wallet.hotkeys names {len(names)} hotkeys: give as many ports in --axon.ports "
            f"(got {0 if ports is None else len(ports)})"
        )
    volumes = tuple(volumes or ())
    if len(volumes) > len(names):
        raise ConfigError(
            f"--miner.epoch_volumes has {len(volumes)} entries for {len(names)} hotkeys"
        )
    default = int(ns.epoch_volume)
    padded = volumes + (None,) * (len(names) - len(volumes))
    return tuple(
        HotkeySlot(name, port, default if volume is None else volume)
        for name, port, volume in zip(names, ports, padded, strict=True)
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
    max_loops: int | None
    seed: int | None
    debug: bool
    trace: bool
    questions: Path | None = None
    task_pool_url: str | None = None
    similarity_backend: str = flags.VALIDATOR_OWN.default("similarity_backend")
    metrics: MetricsSettings = MetricsSettings()
    max_in_flight: int = flags.VALIDATOR.default("max_in_flight")
    proxy_port: int | None = flags.VALIDATOR.default("proxy_port")
    proxy_host: str = flags.VALIDATOR.default("proxy_host")
    proxy_db: Path = Path(flags.VALIDATOR.default("proxy_db"))
    proxy_score: bool = flags.VALIDATOR.default("proxy_score")

    @classmethod
    def from_args(
        cls, ns: argparse.Namespace, argv: Sequence[str] = (), dotenv: Path | None = None
    ) -> ValidatorSettings:
        urls = tuple(u.rstrip("/") for u in _split(ns.v_base_urls))
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ConfigError(f"--llm_client.base_urls: {url!r} is not an http(s) URL")
        models = tuple(_split(ns.v_models)) or (flags.VALIDATOR.default("v_models"),)
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
            max_loops=ns.loops,
            seed=ns.seed,
            debug=bool(getattr(ns, "logging.debug")),
            trace=bool(getattr(ns, "logging.trace")),
            questions=Path(ns.questions) if ns.questions else None,
            task_pool_url=str(ns.task_pool_url).rstrip("/") if ns.task_pool_url else None,
            similarity_backend=str(ns.similarity_backend),
            metrics=MetricsSettings.from_args(ns),
        )
