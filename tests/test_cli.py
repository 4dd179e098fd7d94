"""The command line as a user runs it: real subprocesses, real servers on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from logicnet.chain import write_registry
from logicnet.devkit.scripted_llm import ScriptedLLM, free_port, reply, status
from logicnet.protocol import Information, LogicSynapse
from tests.conftest import registry_neurons

ROOT = Path(__file__).resolve().parents[1]
SECRET = "sk-live-DO-NOT-LEAK-7f3a9c"


def cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "logicnet", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=cwd or ROOT,
    )


def test_help_has_examples_and_never_shows_the_key() -> None:
    out = cli("miner", "--help", env={"LOGICNET_LLM_KEY": SECRET, "TOGETHER_API_KEY": SECRET})
    assert out.returncode == 0
    assert "examples:" in out.stdout and "--miner.epoch_volume" in out.stdout
    assert "--localnet.registry" in out.stdout
    assert SECRET not in out.stdout + out.stderr
    solve = cli("solve", "--help", env={"OPENAI_API_KEY": SECRET})
    assert "logicnet solve --input" in solve.stdout and SECRET not in solve.stdout


def test_misspelled_flag_is_an_error_not_ignored() -> None:
    out = cli("miner", "--miner.epoch_volum", "50")
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == (
        "logicnet miner: error: unrecognized arguments: "
        "--miner.epoch_volum 50 (did you mean "
        "--miner.epoch_volume?)"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["miner", "--axon.port"],
        ["validator", "--netuid", "x"],
        ["wallet", "create"],
        ["solve", "--concurrency"],
    ],
)
def test_a_usage_error_is_one_line_and_the_commands_usage(args: list[str]) -> None:
    out = cli(*args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    command = " ".join(a for a in args if not a.startswith("-") and a != "x")
    assert len(lines) == 2, out.stderr
    assert lines[0].startswith(f"logicnet {command}: error: ")
    assert lines[1].startswith(f"usage: logicnet {command} ")
    assert f"`logicnet {command} --help` lists every option" in lines[1]


def test_a_misspelled_command_gets_a_suggestion() -> None:
    out = cli("minr")
    assert out.returncode == 2 and "(did you mean miner?)" in out.stderr


def test_every_flag_of_every_command_has_help_text() -> None:
    import argparse

    from logicnet.cli import build_parser

    def walk(parser: argparse.ArgumentParser) -> list[str]:
        missing = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    missing += walk(sub)
            elif action.option_strings and not action.help:
                missing.append(f"{parser.prog} {action.option_strings[0]}")
        return missing

    assert walk(build_parser()) == []
    help_text = cli("wallet", "create", "--help").stdout
    assert "wallet (coldkey) name" in help_text and "as --wallet.path" in help_text


def test_solve_says_when_it_had_no_llm_and_fails_on_a_fallback(tmp_path: Path) -> None:
    """The README's own example with no LLM: the note on stderr, exit 1, not 'unknown' and 0."""
    dead = f"http://127.0.0.1:{free_port()}/v1"
    out = cli(
        "solve", "What is the GCD of 12 and 18?", "--miner.llm_client.base_url", dead, cwd=tmp_path
    )
    assert out.returncode == 1
    assert f"note: no LLM answered at {dead}" in out.stderr
    assert "note:" not in out.stdout  # the answer alone on stdout
    riddle = cli(
        "solve", "Who wrote the play Hamlet?", "--miner.llm_client.base_url", dead, cwd=tmp_path
    )
    assert riddle.returncode == 1 and "Answer: " in riddle.stdout
    assert "error: no answer, only a fallback" in riddle.stderr


def test_solve_exit_code_follows_the_backend_it_was_told_to_use(tmp_path: Path) -> None:
    import mathgenerator

    question, _ = mathgenerator.factorial()  # one the engine knows
    engine = cli("solve", question, "--miner.strategy", "engine", cwd=tmp_path)
    assert engine.returncode == 0, engine.stderr
    assert "Answer: " in engine.stdout and "note:" not in engine.stderr
    dead = f"http://127.0.0.1:{free_port()}/v1"
    told = cli("solve", "--json", question, "--miner.llm_client.base_url", dead, cwd=tmp_path)
    assert told.returncode == 1  # answered by the engine, but the LLM it was given is dead
    assert json.loads(told.stdout)["notes"].startswith(f"no LLM answered at {dead}")
    baseline = cli(
        "solve",
        question,
        "--miner.strategy",
        "baseline",
        "--miner.llm_client.base_url",
        dead,
        cwd=tmp_path,
    )
    assert baseline.returncode == 1
    errors = [x for x in baseline.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and "connection failed" in errors[0]
    assert "llm attempt" not in baseline.stderr  # one line, not one per retry


def test_localnet_refuses_llm_miners_without_an_llm_and_checks_endpoints() -> None:
    out = cli("localnet", "--miners", "2", "--miner-strategy", "baseline")
    assert out.returncode == 2
    assert out.stderr.strip() == (
        "logicnet: error: baseline miners need an LLM: give "
        "--miner-llm URL, or use engine/auto miners"
    )
    dead = f"http://127.0.0.1:{free_port()}/v1"
    out = cli("localnet", "--miners", "auto", "--validator-llm", dead)
    assert out.returncode == 2
    lines = [x for x in out.stderr.strip().splitlines() if x.startswith("logicnet:")]
    assert lines and lines[-1].startswith(
        f"logicnet: error: --validator-llm {dead} (model "
        "gpt-4o-mini) does not answer: connection failed"
    )
    assert "miners listening" not in out.stdout  # stopped before anything started


def test_solve_json_prints_one_object(tmp_path: Path) -> None:
    with ScriptedLLM(default=reply("8x = 1, so x = 1/8.\nFinal answer: 1/8")) as llm:
        out = cli(
            "solve",
            "--json",
            "Solve 8x + 5 = 6",
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.strategy",
            "baseline",
            env={"LOGICNET_LLM_KEY": SECRET},
            cwd=tmp_path,
        )
        assert out.returncode == 0, out.stderr
        result = json.loads(out.stdout)
        assert set(result) == {"logic_reasoning", "logic_answer", "elapsed_s", "strategy"}
        assert result["logic_answer"] == "1/8" and result["strategy"] == "baseline"
        assert llm.auth_headers == [f"Bearer {SECRET}"]


def test_key_from_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"TOGETHER_API_KEY={SECRET}\n")
    env = {k: "" for k in ("LOGICNET_LLM_KEY", "TOGETHER_API_KEY", "OPENAI_API_KEY")}
    with ScriptedLLM() as llm:
        out = cli(
            "solve",
            "q?",
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.strategy",
            "baseline",
            env=env,
            cwd=tmp_path,
        )
        assert out.returncode == 0, out.stderr
        assert llm.auth_headers == [f"Bearer {SECRET}"]
        assert "Answer: 42" in out.stdout


def test_llm_errors_never_print_the_key(tmp_path: Path) -> None:
    echo = json.dumps({"error": {"message": f"invalid key {SECRET}"}})
    with ScriptedLLM(default=status(401, echo)) as llm:
        out = cli(
            "solve",
            "--json",
            "2+2?",
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.strategy",
            "baseline",
            "--logging.debug",
            env={"LOGICNET_LLM_KEY": SECRET},
            cwd=tmp_path,
        )
        assert out.returncode == 1  # the backend it was told to use failed
        assert SECRET not in out.stdout + out.stderr
        assert json.loads(out.stdout)["strategy"] == "baseline:fallback"
        assert "HTTP 401" in out.stderr


def test_solve_file_concurrently_with_bad_lines_and_resume(tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    lines = [json.dumps({"id": i, "logic_question": f"What is {i}+{i}?"}) for i in range(6)]
    lines += ["not json", json.dumps({"id": "x", "logic_question": 5})]
    questions.write_text("\n".join(lines) + "\n")
    answers = tmp_path / "out" / "a.jsonl"
    with ScriptedLLM(default=reply("Final answer: 9", delay=0.3)) as llm:
        start = time.monotonic()
        out = cli(
            "solve",
            "--input",
            str(questions),
            "--output",
            str(answers),
            "--concurrency",
            "6",
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.strategy",
            "baseline",
        )
        elapsed = time.monotonic() - start
        records = [json.loads(x) for x in answers.read_text().splitlines()]
        assert out.returncode == 1  # two bad input lines
        assert "6 solved" in out.stderr and "2 bad input" in out.stderr
        assert sorted(r["id"] for r in records if "logic_answer" in r) == list(range(6))
        assert {r["id"] for r in records if "error" in r} == {"line-7", "x"}
        assert elapsed < 6 * 0.3 + 8  # concurrent, not 6 sequential LLM calls plus start-up
        assert len(llm.requests) == 6
        again = cli(
            "solve",
            "--input",
            str(questions),
            "--output",
            str(answers),
            "--resume",
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.strategy",
            "baseline",
        )
        assert "8 skipped" in again.stderr  # answered, and still-bad lines not written twice
        assert len(llm.requests) == 6
        assert len(answers.read_text().splitlines()) == 8


def test_wallet_create(tmp_path: Path) -> None:
    out = cli("wallet", "create", "--name", "w1", "--hotkey", "h1", "--path", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "w1" / "hotkeys" / "h1").is_file()
    assert (tmp_path / "w1" / "coldkeypub.txt").is_file()
    assert out.stdout.startswith("wallet w1 hotkey h1: 5")


def test_missing_wallet_and_bad_registry_are_one_line_errors(tmp_path: Path, wallets) -> None:
    registry = tmp_path / "reg.json"
    registry.write_text("{not json")
    wallet_path = str(Path(wallets["miner"].path).expanduser())
    base = ["miner", "--localnet.registry", str(registry), "--axon.port", str(free_port())]
    out = cli(*base, "--wallet.name", "nope", "--wallet.path", wallet_path)
    assert out.returncode == 2 and "no hotkey 'default' in wallet 'nope'" in out.stderr
    assert f"logicnet wallet create --name nope --hotkey default --path {wallet_path}" in out.stderr
    assert "Traceback" not in out.stderr
    out = cli(*base, "--wallet.name", "miner", "--wallet.path", wallet_path)
    assert out.returncode == 2 and "not valid JSON" in out.stderr
    assert "Traceback" not in out.stderr


def _wait_listening(port: int, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"miner exited early: {proc.communicate()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("miner did not start listening")


def test_seed_entry_script_serves_and_stops_cleanly(tmp_path: Path, wallets, start_miner) -> None:
    """`python neurons/miner/miner.py` with the seed guide's flags, in local mode."""
    port = free_port()
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, port))
    wallet_path = str(Path(wallets["miner"].path).expanduser())
    with ScriptedLLM(default=reply("6*7 = 42\nFinal answer: 42")) as llm:
        cmd = [
            sys.executable,
            "neurons/miner/miner.py",
            "--netuid",
            "35",
            "--wallet.name",
            "miner",
            "--wallet.hotkey",
            "default",
            "--wallet.path",
            wallet_path,
            "--subtensor.network",
            "finney",
            "--axon.port",
            str(port),
            "--miner.category",
            "Logic",
            "--miner.epoch_volume",
            "50",
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.llm_client.model",
            "Qwen/Qwen2-7B-Instruct",
            "--miner.llm_client.key",
            SECRET,
            "--logging.debug",
            "--miner.strategy",
            "baseline",
            "--localnet.registry",
            str(registry),
        ]
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        try:
            _wait_listening(port, proc)
            client = _Client(wallets, port)
            info = client.query(Information())
            assert info.response_dict == {"epoch_volume": 50, "category": "Logic"}
            answer = client.query(LogicSynapse(logic_question="What is 6*7?", task_uid="t1"))
            assert answer.logic_answer == "42"
            client.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                logs, _ = proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                logs, _ = proc.communicate()
        assert proc.returncode == 0, logs
        assert "received SIGTERM" in logs
        assert "task t1 answered" in logs
        assert SECRET not in logs


def test_miner_logs_at_info_without_debug_flags(tmp_path: Path, wallets) -> None:
    port = free_port()
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, port))
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
            str(Path(wallets["miner"].path).expanduser()),
            "--axon.port",
            str(port),
            "--miner.llm_client.base_url",
            f"http://127.0.0.1:{free_port()}/v1",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    try:
        _wait_listening(port, proc)
    finally:
        proc.send_signal(signal.SIGINT)
        logs, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0, logs
    assert "mining with the embedded engine only" in logs  # no LLM: says so, mines anyway
    assert "solver engine" in logs and f"serving on 127.0.0.1:{port}" in logs
    assert "received SIGINT" in logs


class _Client:
    def __init__(self, wallets: dict[str, Any], port: int) -> None:
        import asyncio

        import bittensor as bt

        self.loop = asyncio.new_event_loop()
        self.dendrite = bt.Dendrite(wallet=wallets["validator"])
        self.target = bt.AxonInfo(
            version=1,
            ip="127.0.0.1",
            port=port,
            ip_type=4,
            hotkey=wallets["miner"].hotkey.ss58_address,
            coldkey=wallets["miner"].coldkeypub.ss58_address,
        )

    def query(self, synapse: Any) -> Any:
        return self.loop.run_until_complete(
            self.dendrite.forward(self.target, synapse, timeout=20, deserialize=False)
        )

    def close(self) -> None:
        self.loop.run_until_complete(self.dendrite.aclose_session())
        self.loop.close()


@pytest.mark.parametrize("flag", ["--subtensor.network", "--netuid"])
def test_flags_are_parsed_not_silently_defaulted(flag: str) -> None:
    from logicnet.cli import build_parser
    from logicnet.settings import MinerSettings

    argv = ["miner", flag, "ws://127.0.0.1:9944" if "network" in flag else "7"]
    settings = MinerSettings.from_args(build_parser().parse_args(argv), argv[1:])
    assert (
        (settings.chain.network == "ws://127.0.0.1:9944")
        if "network" in flag
        else (settings.chain.netuid == 7)
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--subtensor.chain_endpoint", "ws://127.0.0.1:9945"],
        ["--subtensor.chain_endpoint=ws://127.0.0.1:9945"],
    ],
)
def test_a_chain_endpoint_alone_is_honoured(argv: list[str]) -> None:
    from logicnet.cli import build_parser
    from logicnet.settings import MinerSettings, ValidatorSettings

    parser = build_parser()
    miner = MinerSettings.from_args(parser.parse_args(["miner", *argv]), argv)
    validator = ValidatorSettings.from_args(parser.parse_args(["validator", *argv]), argv)
    assert miner.chain.network == validator.chain.network == "ws://127.0.0.1:9945"


@pytest.mark.parametrize("command", ["miner", "validator", "localnet", "bench", "solve"])
def test_help_examples_keep_their_line_breaks(command: str) -> None:
    out = cli(command, "--help")
    assert out.returncode == 0
    examples = out.stdout.split("examples:", 1)[1]
    for line in examples.splitlines():
        assert len(line) <= 110, f"an example ran into the next line: {line!r}"


def test_debug_logs_print_each_line_once() -> None:
    """--logging.debug: a bittensor record comes once, in our format on stderr; it used to
    come a second time, in colour, through bittensor's own handler on stdout."""
    script = (
        "from logicnet.commands._shared import configure_logging\n"
        "configure_logging(debug=True, trace=False)\n"
        "import bittensor as bt, logging\n"
        "bt.logging.debug('probe-from-bittensor')\n"
        "logging.getLogger('logicnet.x').debug('probe-from-logicnet')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 0, out.stderr
    both = out.stdout + out.stderr
    assert both.count("probe-from-bittensor") == 1 and both.count("probe-from-logicnet") == 1
    assert "\x1b[" not in both and out.stdout == ""


def test_every_command_is_a_module_with_add_arguments_and_run() -> None:
    import argparse
    import importlib
    import inspect

    from logicnet.cli import COMMANDS

    for name, module_name, summary in COMMANDS:
        module = importlib.import_module(module_name)
        assert module_name == f"logicnet.commands.{name}" and summary
        assert list(inspect.signature(module.add_arguments).parameters) == ["parser"]
        assert list(inspect.signature(module.run).parameters) == ["args"]
        module.add_arguments(argparse.ArgumentParser(prog=name))  # builds on its own


def test_a_taken_axon_port_is_one_line_at_once(tmp_path: Path, wallets) -> None:
    import socket

    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    try:
        registry = tmp_path / "registry.json"
        write_registry(registry, 35, registry_neurons(wallets, port))
        wallet_path = str(Path(wallets["miner"].path).expanduser())
        out = cli(
            "miner",
            "--wallet.name",
            "miner",
            "--wallet.path",
            wallet_path,
            "--localnet.registry",
            str(registry),
            "--axon.port",
            str(port),
            "--miner.strategy",
            "engine",
        )
        assert out.returncode == 2, out.stderr[-2000:]
        assert f"cannot listen on 127.0.0.1:{port}" in out.stderr
        assert "Traceback" not in out.stderr
    finally:
        holder.close()


# --------------------------------------------------------------------- numeric flag ranges

# (command words, flag, value, what the user is told): the inputs and their kin.
BAD_NUMBERS = [
    (["validator"], "--validator.timeout", "1e308", "is out of range (0 < N <= 3600)"),
    (["validator"], "--validator.timeout", "nan", "is not a finite number (0 < N <= 3600)"),
    (["validator"], "--validator.timeout", "inf", "is not a finite number (0 < N <= 3600)"),
    (["validator"], "--validator.timeout", "-1", "is out of range (0 < N <= 3600)"),
    (["validator"], "--validator.timeout", "0", "is out of range (0 < N <= 3600)"),
    (["validator"], "--validator.timeout", "3600.5", "is out of range (0 < N <= 3600)"),
    (["validator"], "--validator.timeout", "1e400", "is not a finite number (0 < N <= 3600)"),
    (["validator"], "--validator.timeout", "ten", "'ten' is not a number (0 < N <= 3600)"),
    (["validator"], "--validator.info_timeout", "NaN", "is not a finite number (0 < N <= 3600)"),
    (["validator"], "--loop_base_time", "-0.5", "is out of range (0 <= N <= 86400)"),
    (["validator"], "--loop_base_time", "-inf", "is not a finite number (0 <= N <= 86400)"),
    (["validator"], "--async_batch_size", "0", "is out of range (1 <= N <= 4096)"),
    (["validator"], "--async_batch_size", "2.5", "'2.5' is not a whole number (1 <= N <= 4096)"),
    (["validator"], "--min_stake", "nan", "is not a finite number (0 <= N <= 21000000)"),
    (["validator"], "--min_stake", "-1", "is out of range (0 <= N <= 21000000)"),
    (["validator"], "--validator.loops", "0", "is out of range (1 <= N <= 1000000000)"),
    (["validator"], "--validator.seed", "-1", "is out of range (0 <= N <= 18446744073709551615)"),
    (["validator"], "--netuid", "70000", "is out of range (0 <= N <= 65535)"),
    (["validator"], "--metrics.port", "65536", "is out of range (0 <= N <= 65535)"),
    (["validator"], "--proxy.port", "0", "is out of range (1 <= N <= 65535)"),
    (["miner"], "--miner.max_timeout", "inf", "is not a finite number (0 < N <= 3600)"),
    (["miner"], "--miner.keep_alive", "nan", "is not a finite number (0 < N <= 3600)"),
    (["miner"], "--miner.header_timeout", "7200", "is out of range (0 < N <= 3600)"),
    (["miner"], "--miner.epoch_volume", "0", "is out of range (1 <= N <= 100000)"),
    (["miner"], "--miner.min_stake", "1e9", "is out of range (0 <= N <= 21000000)"),
    (["miner"], "--miner.max_body_kib", "0", "is out of range (1 <= N <= 16384)"),
    (["miner"], "--miner.max_connections", "1", "is out of range (2 <= N <= 100000)"),
    (["miner"], "--miner.limit_interval", "0", "is out of range (0 < N <= 86400)"),
    (["miner"], "--miner.samples", "17", "is out of range (1 <= N <= 16)"),
    (["miner"], "--miner.max_tokens", "15", "is out of range (16 <= N <= 1000000)"),
    (["miner"], "--miner.reasoning_budget", "-1", "is out of range (0 <= N <= 3600)"),
    (["miner"], "--neuron.epoch_length", "0", "is out of range (1 <= N <= 100000)"),
    (["miner"], "--axon.port", "70000", "is out of range (1 <= N <= 65535)"),
    (["miner"], "--axon.max_workers", "0", "is out of range (1 <= N <= 1024)"),
    (["solve"], "--timeout", "nan", "is not a finite number (0 < N <= 3600)"),
    (["solve"], "--timeout", "1e308", "is out of range (0 < N <= 3600)"),
    (["solve"], "--concurrency", "0", "is out of range (1 <= N <= 1024)"),
    (["bench"], "--timeout", "inf", "is not a finite number (0 < N <= 3600)"),
    (["bench"], "--per-topic", "0", "is out of range (1 <= N <= 10000)"),
    (["bench"], "--epoch-volume", "-5", "is out of range (1 <= N <= 100000)"),
    (["localnet"], "--timeout", "nan", "is not a finite number (0 < N <= 3600)"),
    (["localnet"], "--timeout", "1e308", "is out of range (0 < N <= 3600)"),
    (["localnet"], "--volume", "1", "is out of range (2 <= N <= 100000)"),
    (["score"], "--timeout", "1e308", "is out of range (0 < N <= 3600)"),
    (["score"], "--similarity", "1.5", "is out of range (-1 <= N <= 1)"),
    (["score"], "--similarity", "nan", "is not a finite number (-1 <= N <= 1)"),
    (["score"], "--time", "-1", "is out of range (0 <= N <= 3600)"),
    (["score"], "--volume", "-1", "is out of range (0 <= N <= 100000)"),
    (["score"], "--judge-timeout", "0", "is out of range (0 < N <= 3600)"),
    (["doctor", "validator"], "--doctor.deadline", "nan", "is not a finite number (0 < N <= 3600)"),
    (
        ["doctor", "validator"],
        "--validator.timeout",
        "inf",
        "is not a finite number (0 < N <= 3600)",
    ),
]


@pytest.mark.parametrize(("words", "flag", "value", "told"), BAD_NUMBERS, ids=str)
def test_a_number_out_of_its_range_is_one_line_naming_flag_and_range(
    capsys: pytest.CaptureFixture[str], words: list[str], flag: str, value: str, told: str
) -> None:
    from logicnet.cli import main

    given = [f"{flag}={value}"] if value == "-inf" else [flag, value]  # "-inf" looks like a flag
    with pytest.raises(SystemExit) as exc:
        main([*words, *given])
    assert exc.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    command = " ".join(words)
    assert len(lines) == 2 and lines[1].startswith(f"usage: logicnet {command} "), lines
    shown = value if told.startswith("is") else ""
    assert lines[0].startswith(f"logicnet {command}: error: argument {flag}: {shown}"), lines[0]
    assert lines[0].endswith(told), lines[0]


def test_the_ranges_edges_are_accepted_and_shown_in_help() -> None:
    from logicnet.cli import build_parser

    ns = build_parser().parse_args(
        ["validator", "--validator.timeout", "3600", "--loop_base_time", "0", "--netuid", "0"]
    )
    assert (ns.timeout, ns.loop_base_time, ns.netuid) == (3600.0, 0.0, 0)
    ns = build_parser().parse_args(["solve", "--timeout", "0.001", "--concurrency", "1024"])
    assert (ns.timeout, ns.concurrency) == (0.001, 1024)
    help_text = " ".join(cli("validator", "--help").stdout.split())
    assert "seconds a miner has per challenge (0 < N <= 3600; default: 64.0)" in help_text
    assert "--axon.port AXON.PORT The local port" in help_text and "(1 <= N <= 65535)" in help_text


def test_every_numeric_flag_of_every_command_has_a_range() -> None:
    """No ``type=int`` or ``type=float`` left: each number is checked as it is parsed."""
    import argparse

    from logicnet.cli import build_parser
    from logicnet.settings import Bounded

    unbounded: list[str] = []
    checked = 0

    def walk(parser: argparse.ArgumentParser) -> None:
        nonlocal checked
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    walk(sub)
            elif action.type in (int, float):
                unbounded.append(f"{parser.prog} {action.option_strings[0]}")
            elif isinstance(action.type, Bounded):
                checked += 1

    walk(build_parser())
    assert unbounded == [] and checked > 60


def test_a_range_in_a_config_file_is_checked_as_on_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "validator.yaml"
    config.write_text("validator:\n  timeout: .nan\n")
    out = cli("validator", "--config", str(config))
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == (
        "logicnet validator: error: argument --validator.timeout: nan is not a finite number "
        "(0 < N <= 3600)"
    )


def test_localnet_timeout_1e308_is_refused_not_a_traceback() -> None:
    out = cli("localnet", "--timeout", "1e308", "--rounds", "1", timeout=60)
    assert out.returncode == 2 and "Traceback" not in out.stderr  # before: OverflowError
    assert "argument --timeout: 1e308 is out of range (0 < N <= 3600)" in out.stderr


# --------------------------------------------------------------------- files read


def _limited_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI with 2 GiB of address space: a file read without end fails the child (or
    times out), never the machine."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run(
        [sys.executable, "-m", "logicnet", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        cwd=ROOT,
        preexec_fn=limit,
    )


def _special_files(tmp_path: Path) -> dict[str, tuple[str, str]]:
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    return {
        "/dev/zero": ("/dev/zero", "is a device, not a regular file"),
        "a FIFO": (str(fifo), "is a FIFO, not a regular file"),
        "a directory": (str(tmp_path), "is a directory, not a regular file"),
    }


@pytest.mark.parametrize("kind", ["/dev/zero", "a FIFO", "a directory"])
@pytest.mark.parametrize(
    "command",
    [
        ["solve", "--output", "{out}", "--input"],
        ["bench", "--miner.strategy", "engine", "--similarity", "off", "--input"],
        ["score", "--input"],
    ],
    ids=lambda c: c[0],
)
def test_an_input_that_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    path, told = _special_files(tmp_path)[kind]
    argv = [a.replace("{out}", str(tmp_path / "out.jsonl")) for a in command]
    started = time.monotonic()
    out = _limited_cli(*argv, path)  # before: /dev/zero ran out of memory, a FIFO hung
    assert time.monotonic() - started < 30
    assert out.returncode == 2, out.stderr[-2000:]
    assert out.stderr.strip().splitlines()[-1] == f"logicnet: error: --input {path} {told}"


def test_solve_input_over_its_cap_is_refused_unread(tmp_path: Path) -> None:
    from logicnet.solve import MAX_INPUT_BYTES

    big = tmp_path / "q.jsonl"
    with big.open("wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing written
    out = _limited_cli("solve", "--input", str(big), "--output", str(tmp_path / "a.jsonl"))
    assert out.returncode == 2
    assert out.stderr.strip() == f"logicnet: error: --input {big} is 64 MiB, over the 64 MiB limit"


def test_solve_resume_refuses_an_output_that_is_not_a_regular_file(tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": 1, "logic_question": "What is 2+2?"}) + "\n")
    fifo = tmp_path / "a.fifo"
    os.mkfifo(fifo)
    out = _limited_cli("solve", "--input", str(questions), "--output", str(fifo), "--resume")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines()[-1] == (
        f"logicnet: error: --resume: --output {fifo} is a FIFO, not a regular file"
    )
