"""Start-up of the validator: settings in, loops run, state kept."""

from __future__ import annotations

import asyncio
import logging
import random
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from logicnet.chain import ChainError, ChainSource
from logicnet.errors import ConfigError
from logicnet.llm import LLMPool
from logicnet.metrics.server import serve_metrics
from logicnet.metrics.validator import ValidatorMetrics
from logicnet.netutil import lookup_external_ip, pin_external_ip
from logicnet.settings import ValidatorSettings
from logicnet.validator.challenges import Challenger, parse_weights
from logicnet.validator.events import EventSink, LoopEnded, LoopReport, ValidatorEvent, ignore
from logicnet.validator.judge import Judge
from logicnet.validator.question_file import load_questions
from logicnet.validator.reference import ReferenceSolver
from logicnet.validator.rewarder import Rewarder
from logicnet.validator.service import ValidatorConfig, ValidatorService
from logicnet.validator.state import load_state
from logicnet.validator.task_pool import TaskPoolClient
from logicnet.validator.transport import BoundedDendrite
from logicnet.wallets import load_wallet

if TYPE_CHECKING:
    from logicnet.gateway.server import Gateway

__all__ = ["build_validator", "run_validator", "summarise_loop"]

log = logging.getLogger(__name__)

# (texts, references) -> similarities: what the rewarder calls, e.g. Similarity.score_pairs
ScorePairs = Callable[[list[str], list[str]], list[float]]


def _llm(settings: ValidatorSettings) -> LLMPool | None:
    if not settings.base_urls:
        return None
    n = len(settings.base_urls)
    models = settings.models if len(settings.models) == n else settings.models[:1] * n
    keys = settings.keys if len(settings.keys) == n else settings.keys[:1] * n
    return LLMPool(settings.base_urls, models[0], keys[0], models=models, keys=keys)


def build_validator(
    settings: ValidatorSettings,
    on_event: EventSink | None = None,
    similarity: ScorePairs | Literal["auto"] | None = "auto",
) -> tuple[ValidatorService, LLMPool | None]:
    """Everything the loop needs, built once (call inside the event loop that will run it).

    The state is read first: a state file that cannot be used (a FIFO, a device, too large,
    not a state) is one line at once, before any chain, model or LLM is touched.
    """
    state = load_state(settings.state_path)
    wallet = load_wallet(
        settings.chain.wallet_name, settings.chain.wallet_hotkey, settings.chain.wallet_path
    )
    # Local mode never looks up a public IP; on chain, once and with a deadline (the Dendrite
    # would ask again, without one).
    pin_external_ip("127.0.0.1" if settings.chain.local else lookup_external_ip())
    chain: ChainSource = settings.chain.open(wallet)
    snapshot = chain.snapshot()
    if snapshot.by_hotkey(wallet.hotkey.ss58_address) is None:
        raise ChainError(
            f"validator hotkey {wallet.hotkey.ss58_address} is not registered on "
            f"netuid {settings.chain.netuid} ({chain.description})"
        )
    llm = _llm(settings)
    if similarity == "auto":
        from logicnet.validator.similarity import load_similarity

        model = load_similarity(settings.similarity_backend)
        if model is None:
            log.warning(
                "similarity model not installed (bash install.sh --validator): every "
                "miner gets similarity 0"
            )
        similarity = model.score_pairs if model else None
    rng = random.Random(settings.seed)
    questions = load_questions(settings.questions) if settings.questions else None
    pool = TaskPoolClient.from_env(settings.task_pool_url) if settings.task_pool_url else None
    challenger = Challenger(
        parse_weights(settings.dataset_weight),
        rng,
        settings.dataset_dir,
        llm if settings.paraphrase else None,
        questions=questions,
        task_pool=pool,
    )
    rewarder = Rewarder(
        settings.profile, Judge(llm), similarity, settings.timeout, cheats=challenger.current_cheats
    )
    config = ValidatorConfig.from_settings(settings)
    reference = ReferenceSolver(llm)
    reference.warm_up()
    service = ValidatorService(
        wallet=wallet,
        chain=chain,
        dendrite=BoundedDendrite(wallet),
        challenger=challenger,
        rewarder=rewarder,
        reference=reference,
        config=config,
        state=state,
        on_event=on_event,
    )
    source = (f"task pool {pool.url}, else " if pool else "") + (
        f"{len(questions)} questions from {settings.questions}"
        if questions
        else f"the mix {settings.dataset_weight}"
    )
    log.info(
        "validator %s on %s: profile %s, LLM %s, challenges from %s, schedule: %s, at most %d "
        "queries in flight, state %s (step %d)",
        wallet.hotkey.ss58_address,
        chain.description,
        settings.profile,
        llm.describe() if llm else "none (raw questions, programmatic scoring)",
        source,
        service.describe_schedule(),
        settings.max_in_flight,
        settings.state_path,
        state.step,
    )
    return service, llm


async def start_gateway(
    service: ValidatorService, settings: ValidatorSettings, on_event: EventSink = ignore
) -> Gateway | None:
    """``--proxy.port``: the gateway in this process and event loop (None when off); its
    organic requests reach ``on_event`` as ``OrganicAnswered``."""
    if settings.proxy_port is None:
        return None
    from logicnet.gateway.keys import KeyStore
    from logicnet.gateway.server import Gateway, GatewaySettings

    keys = KeyStore(settings.proxy_db)
    gateway = Gateway(
        service,
        keys,
        GatewaySettings(
            host=settings.proxy_host,
            port=settings.proxy_port,
            max_timeout_s=settings.timeout,
            score=settings.proxy_score,
        ),
        on_event,
    )
    try:
        await gateway.start()
    except OSError as exc:
        keys.close()
        raise ConfigError(
            f"--proxy.port {settings.proxy_port}: cannot listen on {settings.proxy_host} "
            f"({exc.strerror or exc})"
        ) from exc
    return gateway


def summarise_loop(report: LoopReport) -> str:
    """Per uid: mean reward this loop and weight (the service logs what happened itself)."""
    parts = []
    for uid in sorted(report.weights):
        rewards = [s.reward for s in report.scores.get(uid, []) if s.reward is not None]
        mean = sum(rewards) / len(rewards) if rewards else 0.0
        parts.append(f"uid {uid}: reward {mean:.3f} weight {report.weights[uid]:.3f}")
    return f"loop {report.step} rewards and weights: " + ("; ".join(parts) or "none")


def run_validator(settings: ValidatorSettings) -> int:
    """Loop until SIGINT/SIGTERM or ``--validator.loops``; return the exit code."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)

        metrics = ValidatorMetrics(weights_disabled=settings.disable_set_weights)

        def on_event(event: ValidatorEvent) -> None:
            metrics.on_event(event)
            if isinstance(event, LoopEnded):
                log.info("%s", summarise_loop(event.report))

        service, llm = build_validator(settings, on_event)
        metrics.bind()  # the loop's LLM calls count here
        metrics_server = serve_metrics(metrics, settings.metrics)  # off: a no-op
        gateway = await start_gateway(service, settings, on_event)  # off: None
        try:
            await service.run(stop)
        finally:
            if gateway is not None:
                await gateway.stop()
                gateway.keys.close()
            metrics_server.stop()
            await service.close()
            if llm is not None:
                await llm.close()

    asyncio.run(main())
    return 0
