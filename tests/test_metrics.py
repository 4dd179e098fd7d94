"""--metrics.port: Prometheus text and a status page, read over real HTTP from real services."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from logicnet.chain import write_registry
from logicnet.devkit.scripted_llm import ScriptedLLM, free_port, reply, status
from logicnet.errors import ConfigError
from logicnet.metrics import events
from logicnet.metrics.config import MetricsSettings
from logicnet.metrics.miner import MinerMetrics
from logicnet.metrics.server import MetricsServer, serve_metrics
from logicnet.metrics.validator import ValidatorMetrics
from logicnet.miner.sandbox import Sandbox
from logicnet.miner.solvers.program import ProgramSolver
from logicnet.protocol import LogicSynapse
from logicnet.validator.events import GroupScored, LoopEnded, QuestionsDropped
from logicnet.validator.rewarder import Score, ScoreMethod
from logicnet.validator.service import LoopReport
from tests.conftest import registry_neurons, wait_for

ROOT = Path(__file__).resolve().parents[1]


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """{(sample name, sorted labels): value} from a real GET of ``url``/metrics."""
    with urllib.request.urlopen(url + "/metrics", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = response.read().decode()
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_miner_counts_answers_refusals_llm_calls_and_volume(start_miner, wallets) -> None:
    with ScriptedLLM() as llm:
        llm.enqueue(status(500), reply("12 = 2*2*3 and 18 = 2*3*3.\nFinal answer: 6"))
        miner = start_miner(llm=llm)
        answered = miner.query(
            "validator", LogicSynapse(logic_question="GCD of 12 and 18?", task_uid="t1")
        )
        assert answered.dendrite.status_code == 200
        stranger = miner.query("stranger", LogicSynapse(logic_question="1+1?"))
        assert stranger.dendrite.status_code == 403
        # Refused by the request guard before any parsing: a body over the size cap.
        conn = http.client.HTTPConnection("127.0.0.1", miner.port, timeout=10)
        conn.request(
            "POST",
            "/LogicSynapse",
            body=b"{" + b" " * 200_000 + b"}",
            headers={"Content-Type": "application/json"},
        )
        assert conn.getresponse().status == 413
        conn.close()
        with MetricsServer(miner.service.metrics, port=0) as server:
            samples = scrape(server.url)
    requests = "logicnet_miner_requests_total"
    mine = wallets["miner"].hotkey.ss58_address[:8]  # the served hotkey, short form
    for outcome in ("answered", "refused_403", "refused_413"):
        assert value(samples, requests, synapse="LogicSynapse", outcome=outcome, hotkey=mine) == 1
    seconds = "logicnet_miner_answer_seconds_count"
    assert value(samples, seconds, strategy="baseline", hotkey=mine) == 1
    endpoint = llm.base_url.rstrip("/")
    llm_calls = "logicnet_miner_llm_calls_total"
    assert value(samples, llm_calls, endpoint=endpoint, outcome="http_500") == 1
    assert value(samples, llm_calls, endpoint=endpoint, outcome="ok") == 1
    validator = wallets["validator"].hotkey.ss58_address
    assert value(samples, "logicnet_miner_volume_used", validator=validator, hotkey=mine) == 1
    assert value(samples, "logicnet_miner_volume_limit", validator=validator, hotkey=mine) > 1
    assert "sk-test-key" not in json.dumps([list(k) for k in samples])


def test_a_program_miner_counts_its_sandbox_runs(start_miner) -> None:
    code = "print(sum(range(1, 11)))"
    answer = f"Add them up.\n```python\n{code}\n```\nFinal answer: 55"
    sandbox = Sandbox()
    try:
        asyncio.run(sandbox.wait_ready())  # a loaded machine may take seconds to start it
        with ScriptedLLM(default=reply(answer)) as llm:
            miner = start_miner(llm=llm, solver=lambda pool: ProgramSolver(pool, sandbox))
            got = miner.query(
                "validator",
                LogicSynapse(logic_question="What is 1 + 2 + ... + 10?", task_uid="t1"),
            )
            with MetricsServer(miner.service.metrics, port=0) as server:
                samples = scrape(server.url)
    finally:
        sandbox.close()
    assert got.dendrite.status_code == 200 and got.logic_answer == "55"
    assert value(samples, "logicnet_miner_sandbox_runs_total", outcome="ok") == 1


def test_each_service_counts_its_own_llm_calls() -> None:
    a, b = MinerMetrics(), MinerMetrics()

    async def task(metrics: MinerMetrics, n: int) -> None:
        metrics.bind()
        for _ in range(n):
            await asyncio.sleep(0)
            events.llm_call("http://u:secret@127.0.0.1:8000/v1/?key=x")
        events.sandbox_run("timeout" if n > 1 else "ok")

    async def both() -> None:
        await asyncio.gather(task(a, 3), task(b, 1))

    asyncio.run(both())
    events.llm_call("http://127.0.0.1:1/v1")  # nothing bound here: counted nowhere
    with MetricsServer(a) as sa, MetricsServer(b) as sb:
        got_a, got_b = scrape(sa.url), scrape(sb.url)
    name = "logicnet_miner_llm_calls_total"
    assert value(got_a, name, endpoint="http://127.0.0.1:8000/v1", outcome="ok") == 3
    assert value(got_b, name, endpoint="http://127.0.0.1:8000/v1", outcome="ok") == 1
    assert value(got_a, "logicnet_miner_sandbox_runs_total", outcome="timeout") == 1
    assert value(got_b, "logicnet_miner_sandbox_runs_total", outcome="ok") == 1
    assert not any("secret" in str(k) for k in [*got_a, *got_b])


def test_llm_failures_become_a_few_outcomes() -> None:
    cases = {
        "rate limited (429): slow down": "rate_limited",
        "HTTP 503: busy": "http_503",
        "no reply within 2.0 s": "timeout",
        "connection failed: refused": "connection_error",
        "reply has no text": "bad_reply",
        "something new": "error",
    }
    assert {m: events.classify_llm_failure(m) for m in cases} == cases


def _loop_report() -> LoopReport:
    report = LoopReport(step=4, seconds=12.5)
    report.scores = {
        1: [
            Score(1, 0.8, 1.0, 0.6, 2.0, ScoreMethod.EXACT, 200),
            Score(1, 0.6, 1.0, 0.2, 3.0, ScoreMethod.EXACT, 200),
        ],
        2: [Score(2, 0.1, 0.0, 0.1, 9.0, ScoreMethod.EXACT, 200)],
    }
    report.outcomes.update({"answered": 3, "unreachable": 2, "refused": 1})
    report.weights = {1: 0.875, 2: 0.125}
    report.weights_set = True
    return report


def test_validator_counts_loops_queries_rewards_and_weights() -> None:
    metrics = ValidatorMetrics()
    metrics.on_event(
        GroupScored(
            4,
            "t1",
            "topic",
            (
                Score(1, 1.0, 1.0, 1.0, 2.0, ScoreMethod.EXACT, 200),
                Score(3, 0.0, 0.0, 0.0, 64.0, ScoreMethod.FAILED, 0),
            ),
        )
    )
    metrics.on_event(LoopEnded(_loop_report()))
    with MetricsServer(metrics) as server:
        samples = scrape(server.url)
        with urllib.request.urlopen(server.url + "/status.json", timeout=10) as r:
            page_data = json.loads(r.read())
    assert value(samples, "logicnet_validator_loops_total", result="completed") == 1
    assert value(samples, "logicnet_validator_queries_total", outcome="answered") == 3
    assert value(samples, "logicnet_validator_queries_total", outcome="unreachable") == 2
    assert value(samples, "logicnet_validator_reward", uid="1") == pytest.approx(0.7)
    assert value(samples, "logicnet_validator_weight", uid="2") == pytest.approx(0.125)
    assert value(samples, "logicnet_validator_weights_set_total", outcome="set") == 1
    assert value(samples, "logicnet_validator_reply_seconds_count") == 1  # only the answer
    assert value(samples, "logicnet_validator_step") == 5
    assert dict(page_data["cards"])["unreachable"] == 2
    assert [p[1] for p in page_data["series"]["points"]] == [2.0]


def test_server_serves_only_its_paths_and_survives_idle_clients() -> None:
    metrics = MinerMetrics()
    with MetricsServer(metrics, client_timeout_s=1.0) as server:
        port = server.port
        idle = [
            socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(20)
        ]  # more than MAX_CLIENTS, none sends a byte
        try:
            # Some got a slot, the rest an immediate 503; the server is not stuck.
            assert wait_for(lambda: _status_of(server.url + "/metrics") == 200, timeout=15)
        finally:
            for s in idle:
                s.close()
        assert _status_of(server.url + "/nope") == 404
        req = urllib.request.Request(server.url + "/metrics", data=b"x", method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=5)
        assert err.value.code == 501
        with urllib.request.urlopen(server.url + "/", timeout=5) as r:
            assert r.headers["Content-Type"].startswith("text/html")
            assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    with pytest.raises(OSError):  # stopped: nothing listens any more
        socket.create_connection(("127.0.0.1", port), timeout=1)


def _status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=3) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def test_flags_and_a_busy_port_are_clear_errors() -> None:
    import argparse

    from logicnet.metrics.config import add_metrics_args

    parser = argparse.ArgumentParser()
    add_metrics_args(parser)
    assert MetricsSettings.from_args(parser.parse_args([])) == MetricsSettings(None, "127.0.0.1")
    with pytest.raises(ConfigError, match="not a TCP port"):  # the flag's type refuses it first
        MetricsSettings.from_args(argparse.Namespace(metrics_port=70000, metrics_host=None))
    off = serve_metrics(MinerMetrics(), MetricsSettings())
    off.stop()  # flag off: nothing bound, stop is harmless
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=f"--metrics.port {port}: cannot listen"):
            serve_metrics(MinerMetrics(), MetricsSettings(port=port))


def test_miner_process_serves_metrics_on_its_flag(
    wallets, wallet_dir: Path, tmp_path: Path
) -> None:
    axon_port, metrics_port = free_port(), free_port()
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, axon_port))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "logicnet",
            "miner",
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            "miner",
            "--wallet.path",
            str(wallet_dir),
            "--axon.port",
            str(axon_port),
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
            lambda: proc.poll() is not None or _status_of(url + "/metrics") == 200, timeout=90
        )
        assert ready and proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        with urllib.request.urlopen(url + "/metrics", timeout=10) as r:
            text = r.read().decode()
        families = {f.name for f in text_string_to_metric_families(text)}
        assert {
            "logicnet_miner_requests",
            "logicnet_miner_answer_seconds",
            "logicnet_miner_llm_calls",
            "logicnet_miner_sandbox_runs",
            "logicnet_miner_volume_used",
        } <= families
        assert not any(name.startswith("python_gc") for name in families)  # own registry
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_validator_process_serves_metrics_on_its_flag(
    wallets, wallet_dir: Path, tmp_path: Path
) -> None:
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, free_port()))  # the miner is down
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "logicnet",
            "validator",
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            "validator",
            "--wallet.path",
            str(wallet_dir),
            "--loop_base_time",
            "1",
            "--validator.timeout",
            "1",
            "--validator.info_timeout",
            "1",
            "--min_stake",
            "1000",
            "--dataset_weight",
            "1,0,0,0,0,0,0",
            "--validator.state",
            str(tmp_path / "s.json"),
            "--metrics.port",
            str(port),
        ],
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"

    def looped() -> bool:
        if proc.poll() is not None:
            return True
        try:
            return value(scrape(url), "logicnet_validator_loops_total", result="completed") >= 1
        except OSError:
            return False

    try:
        assert wait_for(looped, timeout=120) and proc.poll() is None, (
            proc.stderr.read() if proc.stderr else ""
        )
        samples = scrape(url)
        with urllib.request.urlopen(url + "/", timeout=10) as r:
            assert "LogicNet validator" in r.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert value(samples, "logicnet_validator_weights_set_total", outcome="empty") >= 1
    assert value(samples, "logicnet_validator_step") >= 1


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None,
    reason="chromium is not installed "
    "(apt-get install chromium); the status page is checked in a real browser",
)
def test_status_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    metrics = MinerMetrics()
    for seconds, complete in ((0.4, True), (1.2, True), (2.5, False)):
        metrics.answered("LogicSynapse", seconds, "engine", complete)
    metrics.refused("LogicSynapse", 429)
    metrics.count_llm_call("http://127.0.0.1:8000/v1", "ok")
    with MetricsServer(metrics) as server:
        out = subprocess.run(
            [
                str(_chromium()),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--virtual-time-budget=7000",
                "--dump-dom",
                server.url + "/",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    dom = out.stdout
    assert out.returncode == 0 and "<html" in dom, out.stderr[-2000:]
    # Only the script fills these in: present means the page's JS ran and rendered.
    assert '<div class="v">2</div><div class="k">answered</div>' in dom
    assert '<div class="v">1</div><div class="k">fallbacks</div>' in dom
    assert "refused_429" in dom and "http://127.0.0.1:8000/v1" in dom
    assert dom.count("<circle") == 3  # one point per answer in the latency plot
    assert 'class="stale"' not in dom  # the refresh (every 5 s, run within 7 s) succeeded


def test_labels_a_client_chose_never_become_markup() -> None:
    from logicnet.metrics.page import render_page

    html = render_page(
        "miner",
        {
            "cards": [["x</script><b>", 1]],
            "tables": [],
            "series": {"title": "t", "points": []},
            "uptime_s": 1,
        },
    )
    assert "</script><b>" not in html and "\\u003c/script>" in html


def test_validator_counts_dropped_questions_by_source_and_reason() -> None:
    metrics = ValidatorMetrics()
    drops = [("gsm8k", "malformed", 3), ("gsm8k", "too_large", 1), ("task_pool", "too_large", 1)]
    for source, reason, count in drops + [("task_pool", "too_large", 2)]:
        metrics.on_event(QuestionsDropped(source, reason, count))
    metrics.on_event(QuestionsDropped("gsm8k", "malformed", -4))
    with MetricsServer(metrics) as server:
        samples = scrape(server.url)
        with urllib.request.urlopen(server.url + "/status.json", timeout=10) as r:
            page_data = json.loads(r.read())
    name = "logicnet_validator_questions_dropped_total"
    assert value(samples, name, source="gsm8k", reason="malformed") == 3
    assert value(samples, name, source="gsm8k", reason="too_large") == 1
    assert value(samples, name, source="task_pool", reason="too_large") == 3
    (table,) = [t for t in page_data["tables"] if t["title"].startswith("Questions dropped")]
    assert table["rows"] == [
        ["gsm8k", "malformed", 3.0],
        ["gsm8k", "too_large", 1.0],
        ["task_pool", "too_large", 3.0],
    ]


def test_validator_process_counts_and_names_bad_dataset_lines(
    wallets, wallet_dir: Path, tmp_path: Path
) -> None:
    """``--challenge.dataset_dir`` with the lines that used to be tracebacks: the validator
    runs, names each in one warning line and counts it on its metrics."""
    data = tmp_path / "data"
    data.mkdir()
    good = json.dumps({"question": "What is 2 + 3?", "answer": "5"}).encode()
    lines = [
        good,
        b'{"question": "caf\xe9?", "answer": "1"}',
        b'{"question": "q?", "answer": ' + b"7" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        json.dumps({"question": "x" * 80_000, "answer": "1"}).encode(),
        good,
    ]
    (data / "gsm8k.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, free_port()))  # the miner is down
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "logicnet",
            "validator",
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            "validator",
            "--wallet.path",
            str(wallet_dir),
            "--loop_base_time",
            "1",
            "--validator.timeout",
            "1",
            "--validator.info_timeout",
            "1",
            "--min_stake",
            "1000",
            "--dataset_weight",
            "1,0,0,0,1,0,0",
            "--challenge.dataset_dir",
            str(data),
            "--validator.state",
            str(tmp_path / "s.json"),
            "--metrics.port",
            str(port),
        ],
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"

    def looped() -> bool:
        if proc.poll() is not None:
            return True
        try:
            return value(scrape(url), "logicnet_validator_loops_total", result="completed") >= 1
        except OSError:
            return False

    try:
        assert wait_for(looped, timeout=120) and proc.poll() is None
        samples = scrape(url)
    finally:
        proc.terminate()
        _, stderr = proc.communicate(timeout=30)
    name = "logicnet_validator_questions_dropped_total"
    assert value(samples, name, source="gsm8k", reason="malformed") == 3
    assert value(samples, name, source="gsm8k", reason="too_large") == 1
    path = data / "gsm8k.jsonl"
    for number, why in [
        (2, "not UTF-8 text"),
        (3, "holds an integer longer than Python's 4,300-digit limit"),
        (4, "nested too deeply to parse"),
        (5, "80,045 characters are 82,100 bytes as sent"),  # with the wrap miners get
    ]:
        assert f"{path} line {number}: {why}" in stderr, stderr
    assert "Traceback" not in stderr
