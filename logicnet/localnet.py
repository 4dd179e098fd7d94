"""``logicnet localnet``: a whole subnet on 127.0.0.1, no chain, one command.

    1. wallets for one validator and N miners, and a registry file (the metagraph)
    2. the miners (``logicnet miner --localnet.registry ...``): real axons; the honest
       miners of one strategy are the hotkeys of one process (``--wallet.hotkeys``), as
       an operator runs several UIDs; each cheater is a process of its own
    3. the validator, in this process, with a real dendrite and real signatures
    4. R loops of challenges and scoring, with live progress
    5. a table per miner: correctness, similarity, latency, reward, final weight

Miner kinds: a strategy (engine, auto, program, baseline) or a test behaviour
(lazy, slow, injector, copycat) that shows the validator cannot be gamed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from logicnet.chain import Neuron, write_registry
from logicnet.credentials import resolve_llm_key
from logicnet.errors import ConfigError, LogicNetError
from logicnet.flags import VALIDATOR
from logicnet.localnet_miners import BEHAVIOURS
from logicnet.miner.solvers.registry import strategy_names
from logicnet.netutil import free_port
from logicnet.settings import (
    VALIDATOR_KEY_ENV_VARS,
    ChainSettings,
    ValidatorSettings,
)
from logicnet.validator.profiles import get_profile
from logicnet.wallets import create_wallet

if TYPE_CHECKING:
    from logicnet.validator.events import EventSink, ValidatorEvent

__all__ = ["LocalnetOptions", "MinerProcess", "parse_miners", "run_localnet"]

VALIDATOR_STAKE = 100_000.0
START_TIMEOUT_S = 90.0


@dataclass(frozen=True)
class LocalnetOptions:
    miners: tuple[str, ...]
    rounds: int
    timeout: float
    volume: int
    profile: str
    workdir: Path | None
    json_path: Path | None
    report_dir: Path | None
    seed: int | None
    insert_letter: bool
    miner_llm: str | None = None  # OpenAI-compatible URL for the auto/program/baseline miners
    miner_model: str | None = None
    validator_llm: str | None = None  # the validator's paraphrase, judge and reference
    validator_model: str | None = None
    questions: Path | None = None  # challenges from this JSONL file (the dev set's format)
    # --proxy.port: the validator's gateway; the subnet stays up after its rounds, serving
    # it (the loop goes on, so the miners' organic budget renews) until Ctrl-C
    proxy_port: int | None = None
    # --separate-miners: one process per honest miner too (how localnet ran before)
    separate_miners: bool = False


def parse_miners(spec: str, default_kind: str) -> tuple[str, ...]:
    """``4`` -> four of the default kind; ``engine,lazy`` -> those kinds."""
    spec = spec.strip()
    if spec.isdigit():
        count = int(spec)
        if not 1 <= count <= 32:
            raise ConfigError("--miners: between 1 and 32 miners")
        return (default_kind,) * count
    kinds = tuple(k.strip() for k in spec.split(",") if k.strip())
    known = set(strategy_names()) | set(BEHAVIOURS)
    unknown = [k for k in kinds if k not in known]
    if unknown or not kinds:
        raise ConfigError(
            f"--miners: unknown kind {', '.join(unknown) or spec!r}; use a number "
            f"or a list of {', '.join(sorted(known))}"
        )
    if len(kinds) > 32:
        raise ConfigError("--miners: at most 32 miners")
    return kinds


# The honest miners' wallet: one coldkey, a hotkey per miner (m1, m2, ...).
HONEST_WALLET = "miners"


@dataclass
class MinerProcess:
    """One miner (a uid); honest miners of one kind share their process (``proc``)."""

    uid: int
    kind: str
    port: int
    hotkey: str
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def honest(self) -> bool:
        return self.kind not in BEHAVIOURS

    @property
    def wallet(self) -> tuple[str, str]:
        """(wallet name, hotkey name) of this miner."""
        return (HONEST_WALLET, f"m{self.uid}") if self.honest else (f"miner{self.uid}", "default")

    def listening(self) -> bool:
        with socket.socket() as s:
            s.settimeout(0.2)
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _groups(miners: list[MinerProcess], separate: bool) -> list[list[MinerProcess]]:
    """The processes to start: the honest miners of one kind together (unless
    ``separate``), each cheater alone."""
    together: dict[str, list[MinerProcess]] = {}
    groups: list[list[MinerProcess]] = []
    for m in miners:
        if m.honest and not separate:
            if m.kind not in together:
                together[m.kind] = []
                groups.append(together[m.kind])
            together[m.kind].append(m)
        else:
            groups.append([m])
    return groups


def _start_miners(
    miners: list[MinerProcess], registry: Path, wallet_dir: Path, options: LocalnetOptions
) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    for group in _groups(miners, options.separate_miners):
        m = group[0]
        # A test miner runs through localnet's own entry point, which registers the test
        # strategies; the production ``logicnet miner`` does not know them.
        entry = ["logicnet", "miner"] if m.honest else ["logicnet.localnet_miners"]
        wallet_name, hotkey = m.wallet
        if len(group) == 1:
            identity = ["--wallet.hotkey", hotkey, "--axon.port", str(m.port)]
        else:
            identity = [
                "--wallet.hotkeys",
                ",".join(g.wallet[1] for g in group),
                "--axon.ports",
                ",".join(str(g.port) for g in group),
            ]
        args = [
            sys.executable,
            "-m",
            *entry,
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            wallet_name,
            *identity,
            "--wallet.path",
            str(wallet_dir),
            "--miner.epoch_volume",
            str(options.volume),
            "--miner.min_stake",
            "1000",
            # Rounds follow each other at once here (600 s apart on the network): let each
            # validator's volume come back within a round's time.
            "--miner.limit_interval",
            f"{max(options.timeout, 1.0):g}",
        ]
        args += ["--miner.strategy", m.kind]
        if m.kind not in BEHAVIOURS:
            if options.miner_llm:
                args += ["--miner.llm_client.base_url", options.miner_llm]
            if options.miner_model:
                args += ["--miner.llm_client.model", options.miner_model]
        log = m.log_path.open("wb")
        proc = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        log.close()
        for g in group:
            g.proc, g.log_path = proc, m.log_path
    deadline = time.monotonic() + START_TIMEOUT_S
    waiting = list(miners)
    while waiting and time.monotonic() < deadline:
        for m in list(waiting):
            if m.proc is not None and m.proc.poll() is not None:
                raise LogicNetError(f"miner {m.uid} ({m.kind}) exited at start-up:\n{m.log_tail()}")
            if m.listening():
                waiting.remove(m)
        time.sleep(0.1)
    if waiting:
        raise LogicNetError(
            f"miners {[m.uid for m in waiting]} did not start listening within "
            f"{START_TIMEOUT_S:.0f} s:\n{waiting[0].log_tail()}"
        )


def _stop_miners(miners: list[MinerProcess]) -> None:
    procs = list({id(m.proc): m.proc for m in miners if m.proc is not None}.values())
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 10
    for proc in procs:
        try:
            proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class _Tally:
    rewards: list[float] = field(default_factory=list)
    correctness: list[float] = field(default_factory=list)
    similarity: list[float] = field(default_factory=list)
    latency: list[float] = field(default_factory=list)
    failed: int = 0
    skipped: int = 0


def _progress(
    total_rounds: int, kinds: dict[int, str], out: Callable[[str], None]
) -> tuple[EventSink, list[dict[str, Any]]]:
    from logicnet.validator.events import GroupScored, LoopEnded, LoopStarted

    rounds: list[dict[str, Any]] = []

    def on_event(event: ValidatorEvent) -> None:
        match event:
            case LoopStarted(queries=queries, miners=miners):
                rounds.append({"round": len(rounds) + 1, "groups": []})
                out(
                    f"round {len(rounds)}/{total_rounds}: "
                    f"{plural(queries, 'query', 'queries')} to {plural(len(miners), 'miner')}"
                )
            case GroupScored():
                rounds[-1]["groups"].append(event.as_dict())
                cells = []
                for s in sorted(event.scores, key=lambda s: s.uid):
                    reward = "skip" if s.reward is None else f"{s.reward:.2f}"
                    cells.append(f"{kinds.get(s.uid, '?')}#{s.uid} {reward}")
                out(f"  task {event.task_uid} {event.topic}: " + ", ".join(cells))
            case LoopEnded(report=report):
                rounds[-1]["weights"] = {str(u): w for u, w in report.weights.items()}
                rounds[-1]["seconds"] = round(report.seconds, 2)

    return on_event, rounds


def _table(
    miners: list[MinerProcess], tallies: dict[int, _Tally], weights: dict[int, float]
) -> tuple[str, list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    for m in miners:
        t = tallies.get(m.uid, _Tally())
        rows.append(
            {
                "uid": m.uid,
                "kind": m.kind,
                "scored": len(t.rewards),
                "failed": t.failed,
                "skipped": t.skipped,
                "correctness": statistics.fmean(t.correctness) if t.correctness else 0.0,
                "similarity": statistics.fmean(t.similarity) if t.similarity else 0.0,
                "latency_s": statistics.median(t.latency) if t.latency else 0.0,
                "reward": statistics.fmean(t.rewards) if t.rewards else 0.0,
                "weight": weights.get(m.uid, 0.0),
            }
        )
    rows.sort(key=lambda r: -r["weight"])
    head = (
        f"{'uid':>3} {'miner':10} {'scored':>6} {'failed':>6} {'skipped':>7} {'correct':>7} "
        f"{'similar':>7} {'latency':>8} {'reward':>7} {'weight':>7}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['uid']:>3} {r['kind']:10} {r['scored']:>6} {r['failed']:>6} "
            f"{r['skipped']:>7} {r['correctness']:>7.3f} {r['similarity']:>7.3f} "
            f"{r['latency_s']:>7.2f}s "
            f"{r['reward']:>7.3f} {r['weight']:>7.3f}"
        )
    return "\n".join(lines), rows


def _write_report(report_dir: Path, table: str, rows: list[dict[str, Any]]) -> None:
    import html

    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "table.txt").write_text(table + "\n", encoding="utf-8")
    images = ""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        labels = [f"{r['kind']}#{r['uid']}" for r in rows]
        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        axes[0].bar(labels, [r["reward"] for r in rows], color="#4c72b0")
        axes[0].set_title("mean reward")
        axes[1].bar(labels, [r["weight"] for r in rows], color="#dd8452")
        axes[1].set_title("final weight")
        for ax in axes:
            ax.tick_params(axis="x", rotation=30)
        fig.tight_layout()
        fig.savefig(report_dir / "miners.png", dpi=110)
        plt.close(fig)
        images = '<p><img src="miners.png" alt="rewards and weights"></p>'
    except ImportError:
        pass
    (report_dir / "report.html").write_text(
        "<!doctype html><meta charset=utf-8><title>logicnet localnet</title>"
        f"<h1>logicnet localnet</h1><pre>{html.escape(table)}</pre>{images}",
        encoding="utf-8",
    )


# The network-2025-05 schedule starts a batch every 4 s (logicnet.validator.profiles).
LOCAL_BATCH_SPACING_S = 4.0


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 round``, ``2 rounds`` (``nouns`` for irregular plurals)."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


def _validator_settings(
    options: LocalnetOptions, registry: Path, wallet_dir: Path, workdir: Path
) -> ValidatorSettings:
    """The local validator, built directly. Its loop time holds ``volume`` of the schedule's
    batches (network-2025-05: one every 4 s), so each miner is asked up to ``volume`` times
    per localnet round, as its advertised volume allows (seed: the queue's share of it)."""
    chain = ChainSettings(
        netuid=35,
        wallet_name="validator",
        wallet_hotkey="default",
        wallet_path=str(wallet_dir),
        network="local",
        registry=registry,
    )
    urls = (options.validator_llm.rstrip("/"),) if options.validator_llm else ()
    return ValidatorSettings(
        chain=chain,
        base_urls=urls,
        models=(options.validator_model or VALIDATOR.default("v_models"),),
        keys=(resolve_llm_key(None, env_vars=VALIDATOR_KEY_ENV_VARS),),
        loop_base_time=options.volume * max(options.timeout, LOCAL_BATCH_SPACING_S),
        async_batch_size=None,
        dataset_weight="1,0,0,0,0,0,0",
        min_stake=1000.0,
        disable_set_weights=False,
        profile=get_profile(options.profile),
        dataset_dir=None,
        insert_letter=options.insert_letter,
        paraphrase=True,
        timeout=options.timeout,
        info_timeout=10.0,
        state_path=workdir / "validator_state.json",
        max_loops=options.rounds,
        seed=options.seed,
        debug=False,
        trace=False,
        questions=options.questions,
    )


async def _gateway(
    service: Any,
    settings: ValidatorSettings,
    options: LocalnetOptions,
    workdir: Path,
    on_event: EventSink,
    out: Callable[[str], None],
) -> Any | None:
    """The validator's gateway on ``--proxy.port``, with a fresh key printed once."""
    if options.proxy_port is None:
        return None
    from logicnet.validator.run import start_gateway

    db = workdir / "gateway.sqlite"
    gateway = await start_gateway(
        service, dataclasses.replace(settings, proxy_port=options.proxy_port, proxy_db=db), on_event
    )
    assert gateway is not None  # a port was given
    secret, _ = gateway.keys.create(f"localnet-{int(time.time())}")  # the gateway's own store
    out(f"gateway: http://127.0.0.1:{gateway.port}/v1  key: {secret}  (models: logicnet-top-5)")
    return gateway


def run_localnet(options: LocalnetOptions, out: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the subnet and return the summary (also what ``--json`` writes)."""
    import asyncio

    from logicnet.validator.run import build_validator

    started = time.monotonic()
    own_dir = (
        tempfile.TemporaryDirectory(prefix="logicnet-localnet-") if not options.workdir else None
    )
    workdir = options.workdir or Path(own_dir.name)  # type: ignore[union-attr]
    workdir.mkdir(parents=True, exist_ok=True)
    wallet_dir = workdir / "wallets"
    registry = workdir / "registry.json"
    out(
        f"localnet in {workdir}: 1 validator, {plural(len(options.miners), 'miner')} "
        f"({', '.join(options.miners)}), {plural(options.rounds, 'round')}, "
        f"timeout {options.timeout:g}s"
    )
    validator = create_wallet("validator", "default", str(wallet_dir))
    neurons = [
        Neuron(
            0,
            validator.hotkey.ss58_address,
            validator.coldkeypub.ss58_address,
            VALIDATOR_STAKE,
            True,
            "127.0.0.1",
            0,
        )
    ]
    miners: list[MinerProcess] = []
    for index, kind in enumerate(options.miners, start=1):
        port = free_port()
        m = MinerProcess(index, kind, port, "", workdir / f"miner{index}.log")
        w = create_wallet(*m.wallet, str(wallet_dir))
        m.hotkey = w.hotkey.ss58_address
        neurons.append(
            Neuron(
                index,
                w.hotkey.ss58_address,
                w.coldkeypub.ss58_address,
                0.0,
                False,
                "127.0.0.1",
                port,
            )
        )
        miners.append(m)
    write_registry(registry, 35, neurons)
    try:
        _start_miners(miners, registry, wallet_dir, options)
        out(f"miners listening after {time.monotonic() - started:.1f}s")
        settings = _validator_settings(options, registry, wallet_dir, workdir)
        kinds = {m.uid: m.kind for m in miners}
        on_event, rounds = _progress(options.rounds, kinds, out)

        async def validate() -> list[Any]:
            service, llm = build_validator(settings, on_event)
            stop = asyncio.Event()
            gateway = await _gateway(service, settings, options, workdir, on_event, out)
            try:
                reports = await service.run(stop)
                if gateway is not None:
                    loop = asyncio.get_running_loop()
                    for sig in (signal.SIGINT, signal.SIGTERM):
                        loop.add_signal_handler(sig, stop.set)
                    out(f"{plural(len(reports), 'round')} done; the gateway serves on (Ctrl-C)")
                    service.config = dataclasses.replace(service.config, max_loops=None)
                    await service.run(stop)
                return reports
            finally:
                if gateway is not None:
                    await gateway.stop()
                    gateway.keys.close()
                await service.close()
                if llm is not None:
                    await llm.close()

        reports = asyncio.run(validate())
    finally:
        _stop_miners(miners)

    from logicnet.validator.scoring import ScoreMethod

    tallies: dict[int, _Tally] = {}
    for report in reports:
        for uid, count in report.skipped_by_uid.items():
            tallies.setdefault(uid, _Tally()).skipped += count
        for uid, rows in report.scores.items():
            t = tallies.setdefault(uid, _Tally())
            for s in rows:
                t.rewards.append(s.reward)
                t.correctness.append(s.correctness)
                t.similarity.append(s.similarity)
                t.latency.append(s.process_time)
                t.failed += s.method is ScoreMethod.FAILED
    weights = reports[-1].weights if reports else {}
    table, rows = _table(miners, tallies, weights)
    elapsed = time.monotonic() - started
    out("")
    out(table)
    legend = "scored: answers the validator scored (failed ones score 0)"
    if any(t.skipped for t in tallies.values()):
        legend += "; skipped: answers only an LLM judge could score" + (
            "" if options.validator_llm else ", and none is configured (--validator-llm)"
        )
    out(legend)
    total = sum(weights.values())
    out(
        f"weights sum to {total:.3f}; wall time {elapsed:.1f}s"
        + ("" if total > 0 else " (no miner earned any weight: every answer failed or was skipped)")
    )
    summary = {
        "miners": rows,
        "rounds": rounds,
        "final_weights": {str(u): w for u, w in weights.items()},
        "wall_time_s": round(elapsed, 2),
        "profile": options.profile,
    }
    if options.json_path:
        options.json_path.parent.mkdir(parents=True, exist_ok=True)
        options.json_path.write_text(json.dumps(summary, indent=1, default=str), encoding="utf-8")
    if options.report_dir:
        _write_report(options.report_dir, table, rows)
    if own_dir is not None:
        own_dir.cleanup()
    return summary
