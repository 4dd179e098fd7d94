"""Our validator against a fleet of 64, 128 or 256 miners: what each loop costs and reaches.

    python benchmarks/validator_scale.py [--miners 64|128|256] [--honest N --wrong N --slow N
        --silent N --mute N] [--loops 4] [--loop-base-time 60] [--timeout S]
        [--info-timeout S] [--batch 16] [--profile network-2025-05|seed] [--no-similarity]
        [--no-pause] [--workdir DIR] [--json FILE] [--validator-args "..."]

The miners are benchmarks/fleet.py in ONE child process (each its own hotkey and port on
127.0.0.1; honest ones answer with the embedded engine). The validator runs in this process,
built by ``build_validator`` from the validator's own flags, as ``logicnet validator
--localnet.registry REG --wallet.name validator ... --loop_base_time T`` builds it: local
registry, no LLM (raw questions, programmatic scoring, the engine's reference), challenges
from mathgenerator only (no dataset files offline), the similarity model when it is installed.
Each loop is one ``service.run_loop()``; between loops the runner waits out the rest of
``--loop-base-time`` as the service does (``--no-pause``: back to back).

Time is scaled down to fit on this machine: the network runs loop_base_time 600 s with a 64 s
timeout and a 60 s Information timeout; the default here is a 60 s loop with both timeouts
scaled by the same factor (rounded to whole seconds, since ``LogicSynapse.timeout`` is an int:
6 s and 6 s). A loop then asks about a tenth of a network loop's questions: the
network-2025-05 schedule draws a batch of 8 every 4 s whatever the loop's length (15 batches,
120 queries in 60 s, where the network asks 150 batches in 600 s); the seed schedule gives
every miner its synthetic share spread over the loop; a fixed-round validator (before the
schedules) asks floor(60 / 6) = 10 rounds of 16 where the network asks floor(600 / 64) = 9.

Per loop: queries the validator counted (and LogicSynapse requests the fleet received),
distinct miners asked, UIDs with weight > 0 (honest ones among them), the loop's seconds,
the validator's CPU seconds (this process, and with its engine worker processes) and its peak
RSS during the loop (the counter is reset at each loop's start); then the loops it took until
every honest miner had weight, and the fleet's own CPU seconds and RSS. Everything stops by
itself: each loop has a deadline, the fleet is stopped at the end (and stops by itself when
this process is gone or its time budget is used up).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import math
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.fleet import KINDS  # noqa: E402

NETWORK_LOOP_S = 600.0
NETWORK_TIMEOUT_S = 64.0
NETWORK_INFO_TIMEOUT_S = 60.0
READY_WITHIN_S = 180.0
ROUND_GRACE_S = 120.0  # the service's own allowance per round beyond the timeout
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- /proc


def _status_mb(pid: int | str, field: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    """utime + stime of a live process, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def _children(root: int, exclude: set[int]) -> list[int]:
    """Every live descendant of ``root`` but those under ``exclude``."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in exclude:
                found.append(child)
                todo.append(child)
    return found


def _reset_peak(pid: int | str) -> None:
    """Linux: writing 5 to clear_refs resets VmHWM to the current RSS."""
    with contextlib.suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")


class ValidatorUsage:
    """CPU seconds and peak RSS of this process and its workers (not the fleet)."""

    def __init__(self, fleet_pid: int) -> None:
        self.exclude = {fleet_pid}
        self.me = os.getpid()

    def workers(self) -> list[int]:
        return _children(self.me, self.exclude)

    def start(self) -> tuple[float, float]:
        _reset_peak("self")
        for pid in self.workers():
            _reset_peak(pid)
        return self.cpu()

    def cpu(self) -> tuple[float, float]:
        own = time.process_time()
        return own, own + sum(_cpu_s(p) for p in self.workers())

    def peak_mb(self) -> tuple[float, float]:
        own = _status_mb("self", "VmHWM")
        return own, own + sum(_status_mb(p, "VmHWM") for p in self.workers())


# --------------------------------------------------------------------------- the fleet


class FleetProcess:
    def __init__(self, workdir: Path, mix: dict[str, int], validator: str, budget_s: float):
        self.workdir = workdir
        self.out = (workdir / "fleet.out").open("w")
        for stale in ("fleet.json", "registry.json"):
            (workdir / stale).unlink(missing_ok=True)
        argv = [sys.executable, str(ROOT / "benchmarks" / "fleet.py"), "--dir", str(workdir)]
        for kind in KINDS:
            argv += [f"--{kind}", str(mix.get(kind, 0))]
        argv += ["--validator-hotkey", validator, "--parent-pid", str(os.getpid())]
        argv += ["--max-seconds", str(int(budget_s))]
        self.proc = subprocess.Popen(argv, stdout=self.out, stderr=subprocess.STDOUT)
        self.ready: dict[str, Any] = {}

    def wait_ready(self, within_s: float = READY_WITHIN_S) -> dict[str, Any]:
        path = self.workdir / "fleet.json"
        deadline = time.monotonic() + within_s
        while not path.exists():
            if self.proc.poll() is not None:
                raise SystemExit(f"the fleet exited ({self.proc.returncode}): {self.log()}")
            if time.monotonic() > deadline:
                raise SystemExit(f"the fleet was not ready within {within_s:.0f} s")
            time.sleep(0.1)
        self.ready = json.loads(path.read_text())
        return self.ready

    async def stats(self) -> dict[str, Any]:
        import aiohttp

        url = f"http://127.0.0.1:{self.ready['control_port']}/stats"
        async with (
            aiohttp.ClientSession() as session,
            session.get(url, timeout=aiohttp.ClientTimeout(total=10)) as reply,
        ):
            return dict(await reply.json())

    def log(self) -> str:
        self.out.flush()
        return (self.workdir / "fleet.out").read_text()[-2000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.out.close()


# --------------------------------------------------------------------------- the run


def default_mix(miners: int, given: dict[str, int | None]) -> dict[str, int]:
    """1/8 wrong, 1/16 slow, 1/32 silent, 1/32 mute, the rest honest (256: 192/32/16/8/8);
    counts given on the command line win, honest fills up."""
    shares = {"wrong": 8, "slow": 16, "silent": 32, "mute": 32}
    mix = {k: given[k] if given[k] is not None else miners // d for k, d in shares.items()}
    rest = miners - sum(mix.values())
    honest = given["honest"] if given["honest"] is not None else rest
    if honest != rest or honest < 1:
        raise SystemExit(f"the mix {dict(mix, honest=honest)} does not make {miners} miners")
    return {"honest": honest, **mix}


def validator_argv(args: argparse.Namespace, workdir: Path, registry: str) -> list[str]:
    argv = [
        "--localnet.registry",
        registry,
        "--wallet.name",
        "validator",
        "--wallet.hotkey",
        "default",
        "--wallet.path",
        str(workdir / "wallets"),
        "--validator.state",
        str(workdir / "state.json"),
        "--loop_base_time",
        f"{args.loop_base_time:g}",
        "--validator.timeout",
        str(args.timeout),
        "--validator.info_timeout",
        str(args.info_timeout),
        "--dataset_weight",
        args.dataset_weight,
        "--scoring.profile",
        args.profile,
        "--validator.seed",
        str(args.seed),
        "--min_stake",
        "1000",
        "--validator.loops",
        str(args.loops),
    ]
    if args.batch is not None:
        argv += ["--async_batch_size", str(args.batch)]
    return argv + shlex.split(args.validator_args)


def _delta(after: dict[str, Any], before: dict[str, Any], uid: str, key: str) -> int:
    return int(after["miners"].get(uid, {}).get(key, 0)) - int(
        before["miners"].get(uid, {}).get(key, 0)
    )


async def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    from logicnet.netutil import pin_external_ip

    pin_external_ip("127.0.0.1")
    from logicnet.settings import ValidatorSettings, add_validator_args
    from logicnet.validator.run import build_validator
    from logicnet.wallets import create_wallet

    mix = default_mix(args.miners, {k: getattr(args, k) for k in KINDS})
    wallet = create_wallet("validator", "default", str(workdir / "wallets"))
    for stale in ("state.json", "registry.weights.json"):
        (workdir / stale).unlink(missing_ok=True)
    loop_deadline = (
        args.loop_base_time + args.info_timeout + 2 * (args.timeout + ROUND_GRACE_S) + 60
    )
    budget = args.loops * (loop_deadline + args.loop_base_time) + READY_WITHIN_S + 120
    fleet = FleetProcess(workdir, mix, wallet.hotkey.ss58_address, budget)
    rows: list[dict[str, Any]] = []
    result: dict[str, Any] = {"miners": args.miners, "mix": mix, "loops": rows}
    try:
        started = time.monotonic()
        ready = fleet.wait_ready()
        kinds = {str(m["uid"]): m["kind"] for m in ready["miners"]}
        honest = {uid for uid, kind in kinds.items() if kind == "honest"}
        at_ready = await fleet.stats()
        print(
            f"fleet: {args.miners} miners {mix} ready in {time.monotonic() - started:.1f} s, "
            f"RSS {at_ready['rss_mb']:.0f} MB",
            flush=True,
        )
        parser = argparse.ArgumentParser()
        add_validator_args(parser)
        argv = validator_argv(args, workdir, ready["registry"])
        settings = ValidatorSettings.from_args(parser.parse_args(argv), argv)
        usage = ValidatorUsage(fleet.proc.pid)
        rss_before = _status_mb("self", "VmRSS")
        service, llm = build_validator(settings, similarity="auto" if args.similarity else None)
        describe = getattr(service, "describe_schedule", None)
        planned = (
            describe()
            if callable(describe)
            else f"{getattr(service, 'planned_rounds', '?')} rounds of {args.batch or 16}"
        )
        print(
            f"validator: built in-process (RSS {rss_before:.0f} -> "
            f"{_status_mb('self', 'VmRSS'):.0f} MB); loop_base_time {args.loop_base_time:g} s, "
            f"timeout {args.timeout} s, info timeout {args.info_timeout} s, profile "
            f"{args.profile}, similarity {'on' if args.similarity else 'off'}; schedule: "
            f"{planned}",
            flush=True,
        )
        print(
            "loop  queries fleet  asked  weighted honest-w  loop s  cpu s (+workers)  peak MB "
            "(+workers)  outcomes",
            flush=True,
        )
        all_honest_at: int | None = None
        try:
            for index in range(1, args.loops + 1):
                before = await fleet.stats()
                cpu0 = usage.start()
                t0 = time.monotonic()
                try:
                    report = await asyncio.wait_for(service.run_loop(), loop_deadline)
                except asyncio.TimeoutError:
                    print(f"loop {index}: no end within {loop_deadline:.0f} s; stopping")
                    break
                wall = time.monotonic() - t0
                cpu1 = usage.cpu()
                peak = usage.peak_mb()
                after = await fleet.stats()
                fleet_logic = sum(
                    _delta(after, before, uid, "LogicSynapse_received") for uid in kinds
                )
                asked = sorted(
                    int(uid)
                    for uid in kinds
                    if _delta(after, before, uid, "LogicSynapse_received") > 0
                )
                weights = {str(u): w for u, w in dict(getattr(report, "weights", {})).items()}
                weighted = {u for u, w in weights.items() if w > 0}
                share: Counter[str] = Counter()
                holders: Counter[str] = Counter()
                for uid, w in weights.items():
                    share[kinds.get(uid, "validator")] += w
                    holders[kinds.get(uid, "validator")] += w > 0
                total_w = sum(share.values()) or 1.0
                population = Counter(kinds.values())
                if all_honest_at is None and honest <= weighted:
                    all_honest_at = index
                row = {
                    "loop": index,
                    "queries": getattr(report, "queries", None),
                    "fleet_logic_requests": fleet_logic,
                    "distinct_asked": len(asked),
                    "asked_by_kind": dict(Counter(kinds[str(u)] for u in asked)),
                    "uids_weighted": len(weighted),
                    "honest_weighted": len(weighted & honest),
                    "weight_share_by_kind": {k: round(v / total_w, 4) for k, v in share.items()},
                    "weighted_by_kind": dict(holders),
                    "mean_weight_by_kind": {
                        k: round(share[k] / total_w / population[k], 6) for k in population
                    },
                    "loop_s": round(wall, 2),
                    "validator_cpu_s": round(cpu1[0] - cpu0[0], 2),
                    "validator_cpu_with_workers_s": round(cpu1[1] - cpu0[1], 2),
                    "validator_peak_rss_mb": round(peak[0], 1),
                    "validator_peak_rss_with_workers_mb": round(peak[1], 1),
                    "rounds_run": getattr(report, "rounds_run", None),
                    "planned": getattr(report, "planned", None),
                    "scheduled": getattr(report, "scheduled", None),
                    "outcomes": dict(getattr(report, "outcomes", {})),
                    "notes": list(getattr(report, "notes", [])),
                    "fleet_cpu_s": round(after["cpu_s"] - before["cpu_s"], 2),
                    "fleet_rss_mb": after["rss_mb"],
                }
                rows.append(row)
                print(
                    f"{index:>4}  {row['queries']!s:>7} {fleet_logic:>5}  {len(asked):>5}  "
                    f"{len(weighted):>8} {row['honest_weighted']:>4}/{len(honest):<4}"
                    f"{wall:7.1f}  {row['validator_cpu_s']:6.1f} "
                    f"({row['validator_cpu_with_workers_s']:5.1f})   {peak[0]:6.0f} "
                    f"({peak[1]:5.0f})     {row['outcomes']}",
                    flush=True,
                )
                print(
                    "      weight by kind: "
                    + ", ".join(
                        f"{k} {holders[k]}/{n} weighted, share {share[k] / total_w:.3f}, mean "
                        f"{share[k] / total_w / n:.4f}"
                        for k, n in sorted(population.items())
                    )
                    + (f"; {'; '.join(row['notes'])}" if row["notes"] else ""),
                    flush=True,
                )
                pause = args.loop_base_time - wall
                if index < args.loops and pause > 0 and not args.no_pause:
                    await asyncio.sleep(pause)
        finally:
            await service.close()
            if llm is not None:
                await llm.close()
        end = await fleet.stats()
        result.update(
            {
                "loops_until_every_honest_miner_has_weight": all_honest_at,
                "fleet": {
                    "cpu_s": end["cpu_s"],
                    "rss_mb": end["rss_mb"],
                    "peak_rss_mb": end["peak_rss_mb"],
                    "rss_at_ready_mb": at_ready["rss_mb"],
                    "uptime_s": end["uptime_s"],
                    "engine": end["engine"],
                    "totals": end["totals"],
                },
                "settings": {
                    "loop_base_time": args.loop_base_time,
                    "timeout": args.timeout,
                    "info_timeout": args.info_timeout,
                    "batch": args.batch,
                    "profile": args.profile,
                    "similarity": args.similarity,
                    "schedule": planned,
                },
            }
        )
        print(
            "loops until every honest miner has weight: "
            + (str(all_honest_at) if all_honest_at else f"not within {len(rows)}"),
            flush=True,
        )
        f = result["fleet"]
        print(
            f"fleet process: CPU {f['cpu_s']:.1f} s over {f['uptime_s']:.0f} s "
            f"({100 * f['cpu_s'] / max(f['uptime_s'], 1e-9):.0f}% of one core), RSS "
            f"{f['rss_at_ready_mb']:.0f} MB at ready, {f['rss_mb']:.0f} MB now, peak "
            f"{f['peak_rss_mb']:.0f} MB; engine {f['engine']}",
            flush=True,
        )
    finally:
        fleet.stop()
    return result


def main() -> None:
    from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES

    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--miners", type=int, default=64, help="64, 128 or 256 (1..1024)")
    for kind in KINDS:
        parser.add_argument(f"--{kind}", type=int, default=None, help=f"{kind} miners")
    parser.add_argument("--loops", type=int, default=4)
    parser.add_argument("--loop-base-time", type=float, default=60.0, help="seconds per loop")
    parser.add_argument(
        "--timeout",
        type=int,
        default=None,
        help="whole seconds per challenge (default: 64 s scaled by loop-base-time / 600)",
    )
    parser.add_argument(
        "--info-timeout",
        type=int,
        default=None,
        help="seconds for Information (default: 60 s scaled likewise)",
    )
    parser.add_argument(
        "--batch", type=int, default=None, help="--async_batch_size (default: the profile's)"
    )
    parser.add_argument("--profile", default=DEFAULT_PROFILE, choices=tuple(PROFILES))
    parser.add_argument("--dataset-weight", default="1,0,0,0,0,0,0")
    parser.add_argument("--seed", type=int, default=1, help="--validator.seed")
    parser.add_argument("--no-similarity", dest="similarity", action="store_false")
    parser.add_argument("--no-pause", action="store_true", help="start loops back to back")
    parser.add_argument(
        "--workdir", default=None, help="keep the validator wallet here between runs"
    )
    parser.add_argument("--json", default=None, help="write the figures to this file")
    parser.add_argument(
        "--validator-args", default="", help="more validator flags, as one quoted string"
    )
    parser.add_argument("--verbose", action="store_true", help="the validator's INFO log")
    args = parser.parse_args()
    if not 1 <= args.miners <= 1024 or args.loops < 1 or args.loop_base_time <= 0:
        parser.error("--miners 1..1024, --loops >= 1 and --loop-base-time > 0")
    scale = args.loop_base_time / NETWORK_LOOP_S
    if args.timeout is None:
        args.timeout = max(1, round(NETWORK_TIMEOUT_S * scale))
    if args.info_timeout is None:
        args.info_timeout = max(1, round(NETWORK_INFO_TIMEOUT_S * scale))
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    with contextlib.suppress(ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    print(
        f"scaled to loop_base_time {args.loop_base_time:g} s (the network's "
        f"{NETWORK_LOOP_S:g} s x {scale:g}): timeout {args.timeout} s, info timeout "
        f"{args.info_timeout} s; a loop asks about {scale:g} of the questions of a network "
        f"loop (fixed-round validators: floor({args.loop_base_time:g} / {args.timeout}) = "
        f"{math.floor(args.loop_base_time / args.timeout)} rounds, the network 9)",
        flush=True,
    )
    keep = args.workdir is not None
    workdir = Path(args.workdir) if keep else Path(tempfile.mkdtemp(prefix="bench-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        result = asyncio.run(run(args, workdir))
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
