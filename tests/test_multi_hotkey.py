"""Several hotkeys in one miner process (``--wallet.hotkeys``): each on its own real Axon
with its own signature checks and volume, one solver and one in-flight cap shared; queried
by real Dendrites with real signatures."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bittensor as bt
import pytest

from logicnet.chain import LocalRegistry, Neuron, write_registry
from logicnet.devkit.scripted_llm import free_port
from logicnet.errors import ConfigError
from logicnet.metrics.miner import MinerMetrics
from logicnet.miner.admission import Admission
from logicnet.miner.axons import AxonServer, open_listener
from logicnet.miner.connections import ConnectionLimits
from logicnet.miner.guard import InFlightShares
from logicnet.miner.run import run_miner
from logicnet.miner.service import MinerService
from logicnet.miner.solvers.base import Solution, fallback_solution
from logicnet.protocol import Information, LogicSynapse
from logicnet.wallets import create_wallet
from tests.conftest import registry_neurons, wait_for

ROOT = Path(__file__).resolve().parents[1]
OPERATOR = "operator"  # one coldkey, several hotkeys: how an operator's UIDs look


@dataclass
class Subnet:
    registry: Path
    wallet_dir: Path
    hotkeys: dict[str, Any]  # name -> wallet of the operator with that hotkey
    ports: dict[str, int]


@pytest.fixture
def subnet(wallets: dict[str, Any], wallet_dir: Path, tmp_path: Path) -> Subnet:
    """Validators from conftest; the operator's hotkeys h1 and h2 registered, h3 not."""
    hotkeys = {n: create_wallet(OPERATOR, n, str(wallet_dir)) for n in ("h1", "h2", "h3")}
    ports = {n: free_port() for n in hotkeys}
    neurons = registry_neurons(wallets, 0)
    for i, name in enumerate(("h1", "h2"), start=len(neurons)):
        w = hotkeys[name]
        neurons.append(
            Neuron(
                i,
                w.hotkey.ss58_address,
                w.coldkeypub.ss58_address,
                0.0,
                False,
                "127.0.0.1",
                ports[name],
            )
        )
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, neurons)
    return Subnet(registry, wallet_dir, hotkeys, ports)


def miner_settings(subnet: Subnet, *extra: str, names: tuple[str, ...] = ("h1", "h2", "h3")):
    from logicnet.cli import build_parser
    from logicnet.settings import MinerSettings

    argv = [
        "--localnet.registry",
        str(subnet.registry),
        "--wallet.name",
        OPERATOR,
        "--wallet.path",
        str(subnet.wallet_dir),
        "--wallet.hotkeys",
        ",".join(names),
        "--axon.ports",
        ",".join(str(subnet.ports[n]) for n in names),
        "--miner.strategy",
        "engine",
        *extra,
    ]
    return MinerSettings.from_args(build_parser(only="miner").parse_args(["miner", *argv]), argv)


def axon_info(subnet: Subnet, name: str, as_hotkey: str | None = None) -> Any:
    hotkey = subnet.hotkeys[as_hotkey or name].hotkey.ss58_address
    return bt.AxonInfo(
        version=1,
        ip="127.0.0.1",
        port=subnet.ports[name],
        ip_type=4,
        hotkey=hotkey,
        coldkey=subnet.hotkeys[name].coldkeypub.ss58_address,
    )


def listening(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def running(subnet: Subnet, caplog: pytest.LogCaptureFixture) -> Iterator[threading.Event]:
    """run_miner with h1 (volume 3), h2 (volume 40) and the unregistered h3, in a thread."""
    caplog.set_level(logging.INFO, logger="logicnet")
    settings = miner_settings(subnet, "--miner.epoch_volumes", "3,40")
    stop = threading.Event()
    done: list[int] = []
    thread = threading.Thread(target=lambda: done.append(run_miner(settings, stop)), daemon=True)
    thread.start()
    ready = wait_for(
        lambda: not thread.is_alive() or all(listening(subnet.ports[n]) for n in ("h1", "h2")),
        timeout=90,
    )
    assert ready and thread.is_alive(), "the miner did not start"
    yield stop
    started = time.monotonic()
    stop.set()
    thread.join(20)
    assert not thread.is_alive() and done == [0]
    assert time.monotonic() - started < 10, "stopping took too long"
    assert not listening(subnet.ports["h1"]) and not listening(subnet.ports["h2"])


def query(wallet: Any, calls: list[tuple[Any, Any]], timeout: float = 12.0) -> list[Any]:
    async def go() -> list[Any]:
        dendrite = bt.Dendrite(wallet=wallet)
        try:
            return [
                await dendrite.forward(info, syn, timeout=timeout, deserialize=False)
                for info, syn in calls
            ]
        finally:
            await dendrite.aclose_session()

    return asyncio.run(go())


def test_each_hotkey_answers_on_its_own_axon_with_its_own_volume(
    subnet: Subnet,
    running: threading.Event,
    wallets: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    validator = wallets["validator"]
    h1, h2 = axon_info(subnet, "h1"), axon_info(subnet, "h2")
    info1, info2 = query(validator, [(h1, Information()), (h2, Information())])
    assert info1.response_dict["epoch_volume"] == 3
    assert info2.response_dict["epoch_volume"] == 40
    q = "GCD(84,120) ="
    a1, a2 = query(
        validator, [(h1, LogicSynapse(logic_question=q)), (h2, LogicSynapse(logic_question=q))]
    )
    assert (a1.dendrite.status_code, a1.logic_answer) == (200, "12")
    assert (a2.dendrite.status_code, a2.logic_answer) == (200, "12")
    # Signed for h2 but sent to h1's port: h1's axon checks its own hotkey's signature.
    wrong = query(
        validator, [(axon_info(subnet, "h1", as_hotkey="h2"), LogicSynapse(logic_question=q))]
    )
    assert wrong[0].dendrite.status_code != 200 and not wrong[0].logic_answer
    # Spending the validator's volume at h1 leaves its volume at h2 whole.
    codes = [
        r.dendrite.status_code for r in query(validator, [(h1, LogicSynapse(logic_question=q))] * 6)
    ]
    assert 429 in codes, codes
    after = query(
        validator, [(h1, LogicSynapse(logic_question=q)), (h2, LogicSynapse(logic_question=q))]
    )
    assert [r.dendrite.status_code for r in after] == [429, 200]
    # The unregistered hotkey is left out, said so, and the others are served.
    assert not listening(subnet.ports["h3"])
    h3 = subnet.hotkeys["h3"].hotkey.ss58_address
    logged = caplog.get_records("setup") + caplog.records
    left_out = [r.getMessage() for r in logged if "left out" in r.getMessage()]
    assert len(left_out) == 1 and "h3" in left_out[0] and h3 in left_out[0]
    assert "not registered" in left_out[0]
    # Registered later: the next metagraph sync says so (local mode: every 2 s).
    from logicnet.chain import read_registry

    snap = read_registry(subnet.registry)
    w3 = subnet.hotkeys["h3"]
    late = Neuron(len(snap.neurons), h3, w3.coldkeypub.ss58_address, 0.0, False, "127.0.0.1", 0)
    write_registry(subnet.registry, 35, [*snap.neurons, late])
    assert wait_for(
        lambda: any("now registered" in r.getMessage() for r in caplog.records), timeout=15
    ), "the late registration was never noticed"
    said = next(r.getMessage() for r in caplog.records if "now registered" in r.getMessage())
    assert said.startswith("hotkey h3 (") and "restart the miner to serve it" in said


# --------------------------------------------------------------------- fairness


class GatedSolver:
    """Answers "quick" at once; holds every other question until ``gate`` is set."""

    name = "gated"

    def __init__(self) -> None:
        self.gate = threading.Event()

    async def solve(self, question: str, deadline: float) -> Solution:
        while question != "quick" and not self.gate.is_set():
            await asyncio.sleep(0.01)
        return Solution("held, then answered", "7", self.name)

    def fallback(self, question: str, why: str) -> Solution:
        return fallback_solution(question, self.name, why)


def test_a_flooded_hotkey_leaves_the_others_their_share(
    subnet: Subnet, wallets: dict[str, Any]
) -> None:
    """max_concurrency 4 over two hotkeys: h1 flooded by six requests gets its share of 2
    (the rest 503), and h2 still answers at once."""
    solver = GatedSolver()
    chain = LocalRegistry(subnet.registry, netuid=35)
    metrics = MinerMetrics()
    labels = tuple(subnet.hotkeys[n].hotkey.ss58_address for n in ("h1", "h2"))
    shares = InFlightShares(4, labels)
    limits = ConnectionLimits(max_connections=64)
    listeners = {}
    for name in ("h1", "h2"):
        service = MinerService(
            wallet=subnet.hotkeys[name],
            chain=chain,
            solver=solver,
            admission=Admission(200, 10000.0, 600.0),
            epoch_volume=200,
            max_concurrency=4,
            connection_limits=limits,
            metrics=metrics,
            shares=shares,
        )
        service.resync()
        port = subnet.ports[name]
        axon = service.build_axon(port=port, external_ip="127.0.0.1", bind_host="127.0.0.1")
        listeners[port] = (open_listener("127.0.0.1", port), axon)
    server = AxonServer(listeners, limits)
    server.start()
    h1, h2 = axon_info(subnet, "h1"), axon_info(subnet, "h2")

    async def scenario() -> tuple[list[Any], Any]:
        dendrite = bt.Dendrite(wallet=wallets["validator"])
        try:
            flood = [
                asyncio.ensure_future(
                    dendrite.forward(h1, LogicSynapse(logic_question=f"slow {i}"), timeout=20)
                )
                for i in range(6)
            ]
            deadline = time.monotonic() + 15
            while not (shares.in_flight_of(labels[0]) == 2 and sum(f.done() for f in flood) == 4):
                assert time.monotonic() < deadline, "the flood never filled h1's share"
                await asyncio.sleep(0.01)
            quick = await dendrite.forward(h2, LogicSynapse(logic_question="quick"), timeout=10)
            solver.gate.set()
            return list(await asyncio.gather(*flood)), quick
        finally:
            solver.gate.set()
            await dendrite.aclose_session()

    try:
        flooded, quick = asyncio.run(scenario())
    finally:
        server.stop()
    assert (quick.dendrite.status_code, quick.logic_answer) == (200, "7")
    codes = sorted(r.dendrite.status_code for r in flooded)
    assert codes == [200, 200, 503, 503, 503, 503]


def test_shares_lend_idle_capacity_but_never_a_guaranteed_place() -> None:
    shares = InFlightShares(6, ("a", "b", "c"))  # 2 each for sure
    assert [shares.acquire("a") for _ in range(3)] == [True, True, False]
    shares.release("a")
    one = InFlightShares(6, ("a",))  # one hotkey: the plain cap
    assert sum(one.acquire("a") for _ in range(8)) == 6
    both = InFlightShares(6, ("a", "b"))  # 3 each; a borrows nothing while b is idle
    assert sum(both.acquire("a") for _ in range(6)) == 3
    assert sum(both.acquire("b") for _ in range(6)) == 3


# --------------------------------------------------------------------- flags and files


@pytest.mark.parametrize(
    ("extra", "names", "message"),
    [
        (["--wallet.hotkey", "h1"], ("h1", "h2"), "--wallet.hotkey and --wallet.hotkeys"),
        (["--axon.port", "9001"], ("h1", "h2"), "--axon.port and --wallet.hotkeys"),
        (["--miner.epoch_volumes", "1,2,3"], ("h1", "h2"), "3 entries for 2 hotkeys"),
    ],
)
def test_contradictory_hotkey_flags_are_one_line(
    subnet: Subnet, extra: list[str], names: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        miner_settings(subnet, *extra, names=names)


def test_ports_must_match_hotkeys(subnet: Subnet) -> None:
    with pytest.raises(ConfigError, match="names 3 hotkeys: give as many ports"):
        miner_settings(subnet, "--axon.ports", "9001,9002", names=("h1", "h2", "h3"))


def test_a_config_file_lists_hotkeys_with_ports_and_volumes(subnet: Subnet, tmp_path: Path) -> None:
    from logicnet.cli import _expand_config, build_parser
    from logicnet.settings import MinerSettings

    config = tmp_path / "miner.yaml"
    config.write_text(
        "wallet:\n  name: operator\n  hotkeys:\n"
        "    - {hotkey: h1, port: 9101}\n"
        "    - {hotkey: h2, port: 9102, epoch_volume: 100}\n"
        "miner:\n  epoch_volume: 30\n"
    )
    parser = build_parser(only="miner")
    argv = _expand_config(parser, ["miner", "--config", str(config)])
    settings = MinerSettings.from_args(parser.parse_args(argv), argv[1:])
    assert [(s.name, s.port, s.epoch_volume) for s in settings.slots] == [
        ("h1", 9101, 30),
        ("h2", 9102, 100),
    ]
    config.write_text("wallet:\n  hotkeys:\n    - {hotkey: h1, prot: 9101}\n")
    with pytest.raises(ConfigError, match="unknown key 'prot' \\(did you mean port\\?\\)"):
        _expand_config(parser, ["miner", "--config", str(config)])


def test_the_honest_miners_of_a_kind_share_one_process() -> None:
    from logicnet.localnet import MinerProcess, _groups

    miners = [
        MinerProcess(i, kind, 9000 + i, "", Path(f"m{i}.log"))
        for i, kind in enumerate(("engine", "lazy", "engine", "auto", "slow"), start=1)
    ]
    uids = [[m.uid for m in g] for g in _groups(miners, separate=False)]
    assert uids == [[1, 3], [2], [4], [5]]
    assert [[m.uid for m in g] for g in _groups(miners, separate=True)] == [[1], [2], [3], [4], [5]]
    assert miners[0].wallet == ("miners", "m1") and miners[1].wallet == ("miner2", "default")


# --------------------------------------------------------------------- doctor


def test_doctor_checks_every_hotkey_and_says_one_is_left_out(
    subnet: Subnet, capsys: pytest.CaptureFixture[str]
) -> None:
    from logicnet.cli import main

    base = [
        "doctor",
        "miner",
        "--localnet.registry",
        str(subnet.registry),
        "--wallet.name",
        OPERATOR,
        "--wallet.path",
        str(subnet.wallet_dir),
        "--miner.strategy",
        "engine",
    ]
    ports = ",".join(str(subnet.ports[n]) for n in ("h1", "h2", "h3"))
    code = main([*base, "--wallet.hotkeys", "h1,h2,h3", "--axon.ports", ports])
    out = capsys.readouterr().out
    assert code == 0, out  # h3 unregistered: a warning, the others are served
    for name in ("h1", "h2", "h3"):
        assert f"hotkey file ({name})" in out and f"axon port ({name})" in out
    rows = {n: next(x for x in out.splitlines() if f"registered ({n})" in x) for n in ("h1", "h3")}
    assert rows["h1"].startswith("ok") and "uid 4" in rows["h1"]
    assert rows["h3"].startswith("warn") and "serves the other hotkeys without it" in rows["h3"]
    code = main([*base, "--wallet.hotkeys", "h3", "--axon.ports", str(subnet.ports["h3"])])
    out = capsys.readouterr().out
    assert code == 1 and "FAIL    registered (h3)" in out
    assert f"--wallet.name {OPERATOR} --wallet.hotkey h3" in out  # the fix names them


# --------------------------------------------------------------------- the process


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return int(r.status)
    except OSError:
        return 0


def test_one_process_serves_every_hotkey_metrics_by_hotkey_and_stops_on_sigterm(
    subnet: Subnet, wallets: dict[str, Any]
) -> None:
    metrics_port = free_port()
    ports = ",".join(str(subnet.ports[n]) for n in ("h1", "h2"))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "logicnet",
            "miner",
            "--localnet.registry",
            str(subnet.registry),
            "--wallet.name",
            OPERATOR,
            "--wallet.path",
            str(subnet.wallet_dir),
            "--wallet.hotkeys",
            "h1,h2",
            "--axon.ports",
            ports,
            "--miner.strategy",
            "engine",
            "--metrics.port",
            str(metrics_port),
        ],
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{metrics_port}"
    try:
        ready = wait_for(
            lambda: (
                proc.poll() is not None
                or (all(listening(subnet.ports[n]) for n in ("h1", "h2")) and _status(url) == 200)
            ),
            timeout=90,
        )
        assert ready and proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        q = "GCD(84,120) ="
        got = query(
            wallets["validator"],
            [(axon_info(subnet, n), LogicSynapse(logic_question=q)) for n in ("h1", "h1", "h2")],
        )
        assert [(r.dendrite.status_code, r.logic_answer) for r in got] == [(200, "12")] * 3
        with urllib.request.urlopen(url + "/metrics", timeout=10) as r:
            text = r.read().decode()
        with urllib.request.urlopen(url + "/status.json", timeout=10) as r:
            status = json.load(r)
    finally:
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            _, logs = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, logs = proc.communicate()
    assert proc.returncode == 0, logs[-3000:]
    assert time.monotonic() - started < 10, "SIGTERM took too long"
    short = {n: subnet.hotkeys[n].hotkey.ss58_address[:8] for n in ("h1", "h2")}
    for name, count in (("h1", 2), ("h2", 1)):
        labels = f'hotkey="{short[name]}",outcome="answered",synapse="LogicSynapse"'
        line = "logicnet_miner_requests_total{" + labels + "}"
        assert f"{line} {float(count)}" in _sorted_labels(text), text[:3000]
    table = next(t for t in status["tables"] if t["title"].startswith("Hotkeys served"))
    assert sorted((row[0], row[3]) for row in table["rows"]) == sorted(
        [(short["h1"], 2.0), (short["h2"], 1.0)]
    )
    assert "received SIGTERM" in logs and logs.count("stopping ") == 2


def _sorted_labels(text: str) -> str:
    """The exposition with each sample's labels in name order (prometheus_client keeps the
    declared order)."""
    from prometheus_client.parser import text_string_to_metric_families

    lines = []
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(s.labels.items()))
            lines.append(f"{s.name}{{{labels}}} {float(s.value)}")
    return "\n".join(lines)


def test_localnet_test_miners_use_the_miners_parser_and_error_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "logicnet.localnet_miners", "--miner.strategy", "lazy"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 2
    assert "logicnet miner: error: test miners exist only on a local subnet" in out.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "logicnet.localnet_miners", "--wallet.hotkeys", "a,a"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert bad.returncode == 2 and "hotkey a is named twice" in bad.stderr


# --------------------------------------------------------------------- on chain


class RefusingRegistry(LocalRegistry):
    """The local registry, with serve_axon refused for some hotkeys (as a chain may refuse
    an extrinsic); everything else as the real one."""

    def __init__(self, path: Path, refuse: set[str]) -> None:
        super().__init__(path, netuid=35)
        self.refuse = refuse
        self.served: list[str] = []

    def serve_axon(self, axon: Any) -> None:
        from logicnet.errors import ChainError

        hotkey = axon.wallet.hotkey.ss58_address
        if hotkey in self.refuse:
            raise ChainError("serve_axon was refused: rate limited")
        self.served.append(hotkey)


def test_a_refused_serve_axon_is_that_hotkeys_alone(
    subnet: Subnet, caplog: pytest.LogCaptureFixture
) -> None:
    from logicnet.chain import ChainError
    from logicnet.miner.hotkeys import HotkeySlot
    from logicnet.miner.run import _Hotkey, _serve_on_chain

    settings = miner_settings(subnet, names=("h1", "h2"))
    address = {n: subnet.hotkeys[n].hotkey.ss58_address for n in ("h1", "h2")}

    def hotkeys(chain: RefusingRegistry) -> list[_Hotkey]:
        out = []
        for n in ("h1", "h2"):
            service = MinerService(
                wallet=subnet.hotkeys[n],
                chain=chain,
                solver=GatedSolver(),
                admission=Admission(50, 10000.0, 600.0),
                epoch_volume=50,
            )
            service.build_axon(port=subnet.ports[n], external_ip="127.0.0.1")  # never started
            out.append(
                _Hotkey(HotkeySlot(n, subnet.ports[n], 50), subnet.hotkeys[n], service=service)
            )
        return out

    caplog.set_level(logging.INFO, logger="logicnet")
    one_refused = RefusingRegistry(subnet.registry, {address["h1"]})
    _serve_on_chain(hotkeys(one_refused), one_refused, "127.0.0.1", settings)
    assert one_refused.served == [address["h2"]]
    refused = [r.getMessage() for r in caplog.records if "serve_axon failed" in r.getMessage()]
    assert len(refused) == 1 and refused[0].startswith("hotkey h1 (")
    all_refused = RefusingRegistry(subnet.registry, set(address.values()))
    with pytest.raises(ChainError, match="rate limited"):
        _serve_on_chain(hotkeys(all_refused), all_refused, "127.0.0.1", settings)
