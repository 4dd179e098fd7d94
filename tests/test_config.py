"""``--config FILE``: YAML with the dotted flag names, nested or flat; the command line wins."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from logicnet.chain import write_registry
from logicnet.devkit.scripted_llm import free_port
from tests.conftest import registry_neurons

ROOT = Path(__file__).resolve().parents[1]


def _two_gib() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in 2 GiB of address space: a file read without end fails the
    child, never the machine."""
    return subprocess.run(
        [sys.executable, "-m", "logicnet", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        preexec_fn=_two_gib,
    )


def test_nested_and_flat_keys_and_the_command_line_wins(tmp_path: Path, wallets: Any) -> None:
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, free_port()))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        taken = busy.getsockname()[1]
        wanted = free_port()
        config = tmp_path / "miner.yaml"
        config.write_text(
            "netuid: 35\n"
            "wallet:\n"
            "  name: miner\n"
            f"  path: {Path(wallets['miner'].path).expanduser()}\n"
            f"localnet.registry: {registry}\n"
            f"axon:\n  port: {taken}\n"  # taken: the command line must override it
            "miner:\n  strategy: engine\n  epoch_volume: 40\n"
            "logging.debug: false\n"
        )
        out = cli("doctor", "miner", "--config", str(config), "--axon.port", str(wanted))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "uid 0 on netuid 35" in out.stdout  # wallet and registry came from the file
    assert f"127.0.0.1:{wanted} is free" in out.stdout and str(taken) not in out.stdout
    assert "strategy engine needs no LLM" in out.stdout


def test_an_unknown_key_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    config = tmp_path / "miner.yaml"
    config.write_text("wallet:\n  nme: my-wallet\n")
    out = cli("miner", "--config", str(config))
    assert out.returncode == 2
    assert out.stderr.strip() == (
        f"logicnet: error: {config}: unknown key 'wallet.nme' (did you mean wallet.name?)"
    )


def test_bad_yaml_and_bad_values_are_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("wallet:\n  name: [unclosed\n")
    out = cli("validator", "--config", str(broken))
    assert out.returncode == 2 and "is not valid YAML (line" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("axon.port: eighty\nmain: 1\n")
    out = cli("miner", "--config", str(wrong))
    assert out.returncode == 2 and "unknown key 'main'" in out.stderr
    wrong.write_text("axon.port: eighty\n")
    out = cli("miner", "--config", str(wrong))
    assert out.returncode == 2
    assert "argument --axon.port: 'eighty' is not a whole number (1 <= N <= 65535)" in out.stderr
    missing = cli("miner", "--config", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert (
        missing.stderr.strip()
        == f"logicnet: error: --config {tmp_path / 'nope.yaml'} does not exist"
    )


def test_the_example_config_files_are_accepted() -> None:
    """deploy/*.example.yaml use only keys the commands know (the README points at them)."""
    from logicnet.cli import _innermost, build_parser
    from logicnet.config_file import config_tokens

    parser = build_parser()
    for role in ("miner", "validator"):
        inner, _ = _innermost(parser, [role])
        tokens = config_tokens(ROOT / "deploy" / f"{role}.example.yaml", inner)
        assert "--wallet.name=my-wallet" in tokens and "--netuid=35" in tokens
        inner.parse_args(tokens)  # types and choices hold too


def test_env_example_lists_every_variable_the_code_reads() -> None:
    import re

    from logicnet.credentials import KEY_ENV_VARS
    from logicnet.settings import VALIDATOR_KEY_ENV_VARS

    read: set[str] = set(KEY_ENV_VARS) | set(VALIDATOR_KEY_ENV_VARS)
    constants: dict[str, str] = {}
    for path in (ROOT / "logicnet").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        constants.update(re.findall(r'^([A-Z_]+_ENV) = "([A-Z0-9_]+)"', text, re.M))
        read |= set(re.findall(r'os\.environ(?:\.get)?[(\[]"([A-Z0-9_]+)"', text))
        for name in re.findall(r"os\.environ\.get\(([A-Z_]+_ENV)\b", text):
            read.add(constants.get(name, name))
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read and read - listed == set(), f"missing from .env.example: {read - listed}"


@pytest.mark.parametrize("command", [["validator"], ["miner"], ["doctor", "validator"]])
def test_a_config_that_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path, command: list[str]
) -> None:
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    for path, told in (
        (fifo, "is a FIFO, not a regular file"),  # before: blocked in open() for ever
        (Path("/dev/zero"), "is a device, not a regular file"),  # before: MemoryError
        (tmp_path, "is a directory, not a regular file"),
    ):
        started = time.monotonic()
        out = cli(*command, "--config", str(path))
        assert time.monotonic() - started < 60
        assert out.returncode == 2, out.stderr[-2000:]
        assert out.stderr.strip() == f"logicnet: error: --config {path} {told}"


def test_a_config_over_1_mib_deeply_nested_or_with_a_huge_number_is_one_line(
    tmp_path: Path,
) -> None:
    config = tmp_path / "big.yaml"
    with config.open("wb") as fh:
        fh.write(b"netuid: 35\n# ")
        fh.truncate((1 << 20) + 1)
    out = cli("validator", "--config", str(config))
    assert out.returncode == 2
    assert (
        out.stderr.strip() == f"logicnet: error: --config {config} is 1 MiB, over the 1 MiB limit"
    )
    cases = {
        "wallet: " + "[" * 100_000: "is not valid YAML: nested too deeply",
        "netuid: 1" + "0" * 5000: "a number too long to be any flag's value",
        "a:\n" + "".join(f"{'  ' * i}b{i}:\n" for i in range(1, 12)) + "  " * 12 + "c: 1\n": (
            "keys nested deeper than any flag name"
        ),
    }
    for text, told in cases.items():
        config.write_text(text)
        out = cli("validator", "--config", str(config))
        assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-2000:]
        (line,) = out.stderr.strip().splitlines()
        assert line.startswith(f"logicnet: error: {config}") and told in line, line
