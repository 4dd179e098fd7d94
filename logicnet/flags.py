"""Every setting of the miner and the validator, declared once (see ``logicnet.options``).

One table per ``--help`` section, in ``--help`` order. ``add_*_args`` in
``logicnet.settings`` add them to a parser; the settings dataclasses, ``MinerService``,
``ConnectionLimits`` and ``ValidatorConfig`` take their defaults from here. A tool
command's own flags are declared in its module in ``logicnet/commands/``.
"""

from __future__ import annotations

from logicnet.credentials import KEY_ENV_VARS
from logicnet.miner.hotkeys import hotkey_names, hotkey_ports, hotkey_volumes
from logicnet.options import (
    EPOCH_VOLUME,
    MAX_NETUID,
    PORT,
    SECONDS,
    SECONDS_OR_ZERO,
    SEED,
    STAKE,
    EnvVar,
    Setting,
    Table,
    bounded_float,
    bounded_int,
)
from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES

__all__ = [
    "CHAIN",
    "CONFIG",
    "DEFAULT_BASE_URL",
    "DEFAULT_MODEL",
    "ENVIRONMENT",
    "LLM",
    "METRICS",
    "MINER",
    "SIMILARITY_BACKENDS",
    "TASK_POOL_ENV_VARS",
    "VALIDATOR",
    "VALIDATOR_KEY_ENV_VARS",
    "VALIDATOR_OWN",
]

NODES = ("miner", "validator")
LLM_ROLES = ("miner", "solve", "bench")

DEFAULT_BASE_URL = "http://localhost:8000/v1"
DEFAULT_MODEL = "Qwen/Qwen2-7B-Instruct"
VALIDATOR_KEY_ENV_VARS = ("LOGICNET_VALIDATOR_LLM_KEY", "OPENAI_API_KEY", "TOGETHERAI_API_KEY")
TASK_POOL_ENV_VARS = ("VALIDATOR_USERNAME", "VALIDATOR_PASSWORD")
# --similarity.backend's choices; logicnet.validator.similarity loads them (it needs numpy,
# so this list lives here, where the flag is declared without it)
SIMILARITY_BACKENDS = ("auto", "numpy", "sentence-transformers")


def _strategy_names() -> tuple[str, ...]:
    """``--miner.strategy``'s choices: the strategy registry (a test harness may add its own)."""
    from logicnet.miner.solvers.registry import strategy_names

    return strategy_names()


CONFIG = Table(
    None,
    (
        Setting(
            "--config",
            metavar="FILE",
            help="YAML file of these flags, dotted names as keys, nested or flat (wallet: "
            "{name: x} or wallet.name: x), as bittensor's config files; flags on the command "
            "line win",
            roles=NODES,
        ),
    ),
)

# Then bittensor's --wallet.*, --subtensor.* (and --axon.*, --logging.*) in the same section.
CHAIN = Table(
    None,
    (
        Setting(
            "--netuid",
            type=bounded_int(0, MAX_NETUID),
            default=35,
            help="subnet id (%(type)s; default: %(default)s)",
            roles=NODES,
        ),
        Setting(
            "--localnet.registry",
            dest="localnet_registry",
            metavar="FILE",
            help="read the metagraph from this JSON file instead of the chain; never connects "
            "to a chain or the internet (see README, 'Local mode')",
            roles=NODES,
            aka=("registry",),
        ),
        Setting(
            "--neuron.epoch_length",
            dest="epoch_length",
            type=bounded_int(1, 100_000),
            default=100,
            help="blocks between metagraph re-syncs on chain (%(type)s; default: %(default)s, "
            "about 20 min)",
            roles=NODES,
        ),
    ),
)

LLM = Table(
    None,
    (
        Setting(
            "--miner.llm_client.base_url",
            dest="llm_base_url",
            default=DEFAULT_BASE_URL,
            metavar="URL[,URL...]",
            help="OpenAI-compatible endpoint(s); several comma-separated URLs serving the same "
            "model share the load and fail over (default: %(default)s)",
            roles=LLM_ROLES,
        ),
        Setting(
            "--miner.llm_client.model",
            dest="llm_model",
            default=DEFAULT_MODEL,
            help="model name as the endpoint knows it (default: %(default)s)",
            roles=LLM_ROLES,
        ),
        Setting(
            "--miner.llm_client.key",
            dest="llm_key",
            metavar="KEY",
            help="API key; prefer setting "
            + ", ".join(f"${v}" for v in KEY_ENV_VARS)
            + " in the environment or a .env file (a key on the command line shows in `ps`)",
            roles=LLM_ROLES,
            env=KEY_ENV_VARS,
        ),
        Setting(
            "--miner.strategy",
            dest="strategy",
            choices=_strategy_names,
            help="auto = engine when certain, else program + chain-of-thought votes; engine = "
            "the embedded math engine only (no LLM); program = the model writes Python run in "
            "a sandbox; baseline = one LLM round-trip (default: auto when the LLM endpoint "
            "answers, else engine)",
            roles=LLM_ROLES,
        ),
        Setting(
            "--miner.samples",
            dest="samples",
            type=bounded_int(1, 16),
            default=3,
            help="attempts voted on by 'auto' when the engine does not know the problem "
            "(%(type)s; default: %(default)s)",
            roles=LLM_ROLES,
        ),
        Setting(
            "--miner.reasoning_budget",
            dest="reasoning_budget",
            type=SECONDS_OR_ZERO,
            default=15.0,
            help="seconds 'auto' may spend asking the LLM to explain an engine answer; 0 sends "
            "the engine's own working (%(type)s; default: %(default)s)",
            roles=LLM_ROLES,
            aka=("reasoning_budget_s",),
        ),
        Setting(
            "--miner.sandbox.allow_unisolated",
            dest="allow_unisolated",
            action="store_true",
            default=False,
            help="run model-written code even when the host offers no filesystem isolation "
            "(bubblewrap); otherwise 'program' is refused there",
            roles=LLM_ROLES,
        ),
        Setting(
            "--miner.max_tokens",
            dest="max_tokens",
            type=bounded_int(16, 1_000_000),
            default=1024,
            help="token budget for one LLM reply (%(type)s; default: %(default)s)",
            roles=LLM_ROLES,
        ),
    ),
)

METRICS = Table(
    "metrics",
    (
        Setting(
            "--metrics.port",
            dest="metrics_port",
            type=bounded_int(0, 65535),
            metavar="PORT",
            help="serve Prometheus text at /metrics and a status page at / on this port "
            "(default: off) (%(type)s)",
            roles=NODES,
            aka=("port",),
        ),
        Setting(
            "--metrics.host",
            dest="metrics_host",
            default="127.0.0.1",
            metavar="HOST",
            help="address the metrics server binds; 0.0.0.0 exposes it to the network "
            "(default: %(default)s)",
            roles=NODES,
            aka=("host",),
        ),
    ),
)

MINER = Table(
    "miner",
    (
        Setting(
            "--miner.category",
            dest="category",
            default="Logic",
            help="category to mine; only Logic exists (default: %(default)s)",
            roles=("miner",),
        ),
        Setting(
            "--miner.epoch_volume",
            dest="epoch_volume",
            type=EPOCH_VOLUME,
            default=50,
            help="requests per interval each served hotkey commits to serve, split among "
            "validators by stake (--miner.epoch_volumes sets them one by one); more volume "
            "earns up to 10%% more reward, capped at 512 (%(type)s; default: %(default)s)",
            roles=("miner",),
        ),
        Setting(
            "--miner.min_stake",
            dest="min_stake",
            type=STAKE,
            default=10000.0,
            help="refuse callers with less stake (%(type)s; default: %(default)s)",
            roles=("miner",),
        ),
        Setting(
            "--miner.limit_interval",
            dest="limit_interval",
            type=bounded_float(0.0, 86400.0, above=True),
            default=600.0,
            help="seconds after which every validator's volume resets (%(type)s; default: "
            "%(default)s)",
            roles=("miner",),
        ),
        Setting(
            "--miner.max_body_kib",
            dest="max_body_kib",
            type=bounded_int(1, 16384),
            default=64,  # logicnet.protocol.DEFAULT_MAX_BODY_BYTES: this, in bytes
            help="largest request body accepted, in KiB (%(type)s; default: %(default)s)",
            roles=("miner",),
        ),
        Setting(
            "--miner.max_concurrency",
            dest="max_concurrency",
            type=bounded_int(1, 10_000),
            default=128,
            help="requests answered at once (idle connections do not count); only the excess "
            "gets 503 (%(type)s; default: %(default)s)",
            roles=("miner",),
            aka=("max_in_flight",),  # RequestGuard's name for it
        ),
        Setting(
            "--miner.max_connections",
            dest="max_connections",
            type=bounded_int(2, 100_000),
            default=1024,
            help="open connections, more than --miner.max_concurrency; when full, a new one "
            "closes the oldest idle one (%(type)s; default: %(default)s)",
            roles=("miner",),
        ),
        Setting(
            "--miner.header_timeout",
            dest="header_timeout",
            type=SECONDS,
            default=5.0,
            help="seconds a connection has to send a whole request header (%(type)s; "
            "default: %(default)s)",
            roles=("miner",),
            aka=("header_timeout_s",),
        ),
        Setting(
            "--miner.body_timeout",
            dest="body_timeout",
            type=SECONDS,
            default=10.0,
            help="seconds to send the body once the header is in (%(type)s; default: %(default)s)",
            roles=("miner",),
            aka=("body_timeout_s",),
        ),
        Setting(
            "--miner.keep_alive",
            dest="keep_alive",
            type=SECONDS,
            default=15.0,
            help="seconds an idle connection stays open between requests (%(type)s; default: "
            "%(default)s)",
            roles=("miner",),
            aka=("keep_alive_s",),
        ),
        Setting(
            "--miner.max_timeout",
            dest="max_timeout",
            type=SECONDS,
            default=120.0,
            help="a request's timeout is clamped to this many seconds (%(type)s; default: "
            "%(default)s)",
            roles=("miner",),
            aka=("max_timeout_s",),
        ),
        # Several hotkeys in one process (logicnet.miner.hotkeys; docs/miner-hotkeys.md).
        Setting(
            "--wallet.hotkeys",
            dest="wallet_hotkeys",
            type=hotkey_names,
            metavar="NAME[,NAME...]",
            help="serve several hotkeys of --wallet.name from this one process, each on its "
            "own axon (the port of the same place in --axon.ports), sharing the solver, the "
            "LLM pool, the sandbox and the limits; instead of --wallet.hotkey",
            roles=("miner",),
        ),
        Setting(
            "--axon.ports",
            dest="axon_ports",
            type=hotkey_ports,
            metavar="PORT[,PORT...]",
            help="one axon port per --wallet.hotkeys entry, in the same order; instead of "
            "--axon.port",
            roles=("miner",),
        ),
        Setting(
            "--miner.epoch_volumes",
            dest="epoch_volumes",
            type=hotkey_volumes,
            metavar="N[,N...]",
            help="one epoch volume per --wallet.hotkeys entry; an empty entry (50,,100) or a "
            "missing one is --miner.epoch_volume",
            roles=("miner",),
        ),
    ),
)

VALIDATOR = Table(
    "validator (the network's flags)",
    (
        Setting(
            "--llm_client.base_urls",
            dest="v_base_urls",
            default="",
            metavar="URLS",
            help="comma-separated OpenAI-compatible endpoints for paraphrase, judge and "
            "reference solutions; none: raw questions, programmatic scoring, engine reference",
            roles=("validator",),
        ),
        Setting(
            "--llm_client.models",
            dest="v_models",
            default="gpt-4o-mini",
            metavar="MODELS",
            help="one model for all URLs or one per URL (default: %(default)s)",
            roles=("validator",),
        ),
        Setting(
            "--llm_client.keys",
            dest="v_keys",
            metavar="KEYS",
            help="one key or one per URL; prefer $OPENAI_API_KEY / $TOGETHERAI_API_KEY in the "
            "environment or .env",
            roles=("validator",),
            env=VALIDATOR_KEY_ENV_VARS,
        ),
        Setting(
            "--loop_base_time",
            type=bounded_float(0.0, 86400.0),
            default=600.0,
            help="seconds per loop; 0: the next loop starts at once (%(type)s; default: "
            "%(default)s)",
            roles=("validator",),
        ),
        Setting(
            "--async_batch_size",
            type=bounded_int(1, 4096),
            help="miners in one batch of the loop's schedule, in groups of 8 sharing a "
            "challenge (%(type)s; default: the profile's, 16 for seed, 8 for network-2025-05)",
            roles=("validator",),
        ),
        Setting(
            "--validator.max_in_flight",
            dest="max_in_flight",
            type=bounded_int(1, 65536),
            default=256,
            help="LogicSynapse queries in flight at once; a slow or silent miner holds only "
            "its own (%(type)s; default: %(default)s)",
            roles=("validator",),
        ),
        Setting(
            "--dataset_weight",
            default="40,10,10,10,10,10,10",
            help="mix of mathgenerator, zebra grid, zebra mc, ultrainteract, gsm8k, mmlu-stem, "
            "sat math (default: %(default)s)",
            roles=("validator",),
        ),
        Setting(
            "--min_stake",
            type=STAKE,
            default=10000.0,
            help="stake that counts in the miners' volume split (%(type)s; default: %(default)s)",
            roles=("validator",),
        ),
        Setting(
            "--neuron.disable_set_weights",
            dest="disable_set_weights",
            action="store_true",
            default=False,
            help="score but never set weights",
            roles=("validator",),
        ),
        Setting(
            "--neuron.axon_off",
            dest="axon_off",
            action="store_true",
            default=False,
            help="accepted for compatibility (this validator serves no axon)",
            roles=("validator",),
        ),
        # The gateway (logicnet.gateway, docs/gateway.md); its keys: `logicnet keys`.
        Setting(
            "--proxy.port",
            dest="proxy_port",
            type=PORT,
            help="serve the gateway: an OpenAI-compatible API whose questions the top miners "
            "answer (docs/gateway.md; keys from 'logicnet keys'; %(type)s; default: off)",
            roles=("validator",),
        ),
        Setting(
            "--proxy.host",
            dest="proxy_host",
            default="127.0.0.1",
            help="address the gateway listens on (default: %(default)s; 0.0.0.0 for every "
            "interface)",
            roles=("validator",),
            aka=("host",),  # GatewaySettings's name for it
        ),
        Setting(
            "--proxy.db",
            dest="proxy_db",
            default="gateway.sqlite",
            help="the gateway's API keys and request log (SQLite; default: %(default)s)",
            roles=("validator",),
        ),
        Setting(
            "--proxy.score",
            dest="proxy_score",
            action="store_true",
            default=False,
            help="score organic answers too, through the same rewarder, where the engine read "
            "the question (default: organic questions never change a miner's score)",
            roles=("validator",),
            aka=("score",),
        ),
        Setting(
            "--wandb.off",
            dest="wandb_off",
            action="store_true",
            default=False,
            help="accepted for compatibility (no wandb here)",
            roles=("validator",),
        ),
    ),
)

VALIDATOR_OWN = Table(
    "validator (this project's)",
    (
        Setting(
            "--scoring.profile",
            dest="profile",
            default=DEFAULT_PROFILE,
            choices=tuple(PROFILES),
            help="the network's rule set: "
            + "; ".join(f"{p.name}: {p.summary}" for p in PROFILES.values())
            + " (default: %(default)s)",
            roles=("validator",),
        ),
        Setting(
            "--challenge.dataset_dir",
            dest="dataset_dir",
            metavar="DIR",
            help="<source>.jsonl files of {question, answer} for the dataset sources",
            roles=("validator",),
        ),
        Setting(
            "--challenge.insert_letter",
            dest="insert_letter",
            action="store_true",
            default=False,
            help="give each miner its own copy of the question with one random letter "
            "inserted by the network's rule (a word of 4+ word characters, digits included, "
            "first occurrence), which defeats answer caches (default: off)",
            roles=("validator",),
        ),
        Setting(
            "--challenge.questions",
            dest="questions",
            metavar="FILE",
            help="draw challenges from this JSONL file of {logic_question, ground_truth, "
            "topic, reference?, raw_question?} (the dev set's format) instead of the mix; no "
            "LLM needed",
            roles=("validator",),
        ),
        Setting(
            "--challenge.task_pool_url",
            dest="task_pool_url",
            metavar="URL",
            help="the network's task server (credentials from "
            + " / ".join(f"${name}" for name in TASK_POOL_ENV_VARS)
            + "); while it is unreachable, challenges come from the local sources",
            roles=("validator",),
            env=TASK_POOL_ENV_VARS,
        ),
        Setting(
            "--challenge.paraphrase",
            dest="paraphrase",
            choices=("auto", "off"),
            default="auto",
            help="persona paraphrase when an LLM is configured",
            roles=("validator",),
        ),
        Setting(
            "--validator.timeout",
            dest="timeout",
            type=SECONDS,
            default=64.0,
            help="seconds a miner has per challenge (%(type)s; default: %(default)s)",
            roles=("validator",),
            aka=("max_timeout_s",),  # GatewaySettings's name for it: a request's longest wait
        ),
        Setting(
            "--validator.info_timeout",
            dest="info_timeout",
            type=SECONDS,
            default=60.0,
            help="seconds for the Information query (%(type)s; default: %(default)s)",
            roles=("validator",),
        ),
        Setting(
            "--validator.state",
            dest="state",
            metavar="FILE",
            help="JSON state file (default: ~/.logicnet/<wallet>-<hotkey>-<netuid>/state.json)",
            roles=("validator",),
        ),
        Setting(
            "--validator.loops",
            dest="loops",
            type=bounded_int(1, 10**9),
            help="stop after this many loops (%(type)s; default: run until stopped)",
            roles=("validator",),
            aka=("max_loops",),
        ),
        Setting(
            "--validator.seed",
            dest="seed",
            type=SEED,
            help="seed the challenge draws (reproducible runs; %(type)s)",
            roles=("validator",),
        ),
        Setting(
            "--similarity.backend",
            dest="similarity_backend",
            default="auto",
            choices=SIMILARITY_BACKENDS,
            help="all-MiniLM-L6-v2 backend: numpy (no torch), sentence-transformers (needs the "
            "torch-similarity extra) or auto, numpy first (default: auto)",
            roles=("validator",),
        ),
    ),
)

# Read from the environment with no flag of their own (the flags' ``env`` are the rest).
ENVIRONMENT = (
    EnvVar(
        "HF_HUB_OFFLINE",
        "1 keeps the validator's dataset sources and the similarity model off the internet",
    ),
    EnvVar("PYTHON", "install.sh: the Python to install with (default: python, else python3)"),
    EnvVar(
        "LOGICNET_GENERATOR_ANSWERS",
        "pypi (default) or github: which mathgenerator's answers the engine gives where the "
        "two versions ask the same question (logicnet.engine.families.geometry)",
    ),
)
