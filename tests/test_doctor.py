"""``logicnet doctor``: the pre-flight table, through the real entry point."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from logicnet.chain import write_registry
from logicnet.devkit.scripted_llm import ScriptedLLM, free_port, hang
from tests.conftest import registry_neurons

ROOT = Path(__file__).resolve().parents[1]
SECRET = "sk-live-DOCTOR-NEVER-SHOWS-1c2d"


def doctor(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "LOGICNET_LLM_KEY": SECRET}
    return subprocess.run(
        [sys.executable, "-m", "logicnet", "doctor", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )


def rows(out: str) -> dict[str, str]:
    """check name -> status, from the table."""
    found: dict[str, str] = {}
    for line in out.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0] in ("ok", "warn", "FAIL", "skip"):
            name = parts[1].split("  ")[0].strip()
            found.setdefault(name, parts[0])
    return found


def _registry(tmp_path: Path, wallets: dict[str, Any], port: int) -> Path:
    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, port))
    return registry


def _wallet_path(wallets: dict[str, Any]) -> str:
    return str(Path(wallets["miner"].path).expanduser())


def test_a_ready_miner_passes_with_one_token_chat(tmp_path: Path, wallets) -> None:
    port = free_port()
    registry = _registry(tmp_path, wallets, port)
    with ScriptedLLM() as llm:
        out = doctor(
            "miner",
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            "miner",
            "--wallet.path",
            _wallet_path(wallets),
            "--axon.port",
            str(port),
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.strategy",
            "baseline",
        )
        assert out.returncode == 0, out.stdout + out.stderr
        table = rows(out.stdout)
        assert table["hotkey file"] == "ok" and table["coldkeypub.txt"] == "ok"
        assert table["registered"] == "ok" and "uid 0 on netuid 35" in out.stdout
        assert table["axon port"] == "ok" and table["LLM endpoint"] == "ok"
        assert table["clock"] == "ok"
        # test wallets keep their coldkey: a warning with its fix, not a failure
        assert table["no coldkey here"] == "warn" and "fix: move the coldkey" in out.stdout
        assert "miner: ready" in out.stdout
        assert [r.get("max_tokens") for r in llm.requests] == [1]
        assert llm.auth_headers == [f"Bearer {SECRET}"]
    assert SECRET not in out.stdout + out.stderr


def test_each_problem_is_a_failed_row_with_a_fix(tmp_path: Path, wallets) -> None:
    """Unregistered hotkey, a port already taken, an LLM that hangs: exit 1, three FAILs."""
    registry = _registry(tmp_path, wallets, free_port())
    with socket.socket() as busy, ScriptedLLM(default=hang(30)) as llm:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        taken = busy.getsockname()[1]
        started = time.monotonic()
        out = doctor(
            "miner",
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            "stranger",
            "--wallet.path",
            _wallet_path(wallets),
            "--axon.port",
            str(taken),
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.strategy",
            "baseline",
            "--doctor.deadline",
            "2",
        )
        elapsed = time.monotonic() - started
    assert out.returncode == 1, out.stdout + out.stderr
    table = rows(out.stdout)
    assert table["registered"] == "FAIL" and "is not registered on netuid 35" in out.stdout
    assert table["axon port"] == "FAIL" and f"sport = :{taken}" in out.stdout
    assert table["LLM endpoint"] == "FAIL" and "no reply within 2 s" in out.stdout
    assert out.stdout.count("fix: ") >= 3
    assert "miner: 3 failed" in out.stdout
    assert elapsed < 90  # the hanging LLM is cut at its deadline


def test_missing_wallet_says_how_to_make_one(tmp_path: Path, wallets) -> None:
    registry = _registry(tmp_path, wallets, free_port())
    out = doctor(
        "miner",
        "--localnet.registry",
        str(registry),
        "--wallet.name",
        "nobody",
        "--wallet.path",
        str(tmp_path / "wallets"),
        "--axon.port",
        str(free_port()),
        "--miner.strategy",
        "engine",
    )
    assert out.returncode == 1
    table = rows(out.stdout)
    assert table["hotkey file"] == "FAIL" and "no hotkey 'default' in wallet 'nobody'" in out.stdout
    assert f"--wallet.path {tmp_path / 'wallets'}" in out.stdout  # the fix keeps the path
    assert table["registered"] == "skip"
    assert table["LLM endpoint"] == "skip" and table["sandbox"] == "skip"  # engine needs neither
    assert "Traceback" not in out.stderr


def test_an_unreachable_chain_fails_with_one_line_and_a_deadline(wallets) -> None:
    started = time.monotonic()
    out = doctor(
        "validator",
        "--wallet.name",
        "validator",
        "--wallet.path",
        _wallet_path(wallets),
        "--subtensor.network",
        f"ws://127.0.0.1:{free_port()}",
        "--doctor.deadline",
        "2",
    )
    assert out.returncode == 1
    line = next(x for x in out.stdout.splitlines() if x.startswith("FAIL") and "registered" in x)
    assert "ws://127.0.0.1:" in line and ("refused" in line or "within 4 s" in line)
    assert "fix: check --subtensor.network" in out.stdout
    assert time.monotonic() - started < 120
    assert "Traceback" not in out.stderr


def test_validator_checks_its_judge_and_the_similarity_model(tmp_path: Path, wallets) -> None:
    registry = _registry(tmp_path, wallets, free_port())
    with ScriptedLLM() as llm:
        out = doctor(
            "validator",
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            "validator",
            "--wallet.path",
            _wallet_path(wallets),
            "--llm_client.base_urls",
            llm.base_url,
            "--llm_client.models",
            "judge-1",
        )
    table = rows(out.stdout)
    assert table["registered"] == "ok" and table["LLM endpoint"] == "ok"
    assert "model judge-1" in out.stdout and llm.requests[0]["model"] == "judge-1"
    assert "axon port" not in table  # a validator serves no axon
    assert table["similarity model"] in ("ok", "FAIL")
    assert out.returncode == (0 if table["similarity model"] == "ok" else 1)


def test_a_key_echoed_by_the_endpoint_is_redacted(tmp_path: Path, wallets) -> None:
    import json

    from logicnet.devkit.scripted_llm import status

    port = free_port()
    registry = _registry(tmp_path, wallets, port)
    echo = json.dumps({"error": {"message": f"invalid api key {SECRET}"}})
    with ScriptedLLM(default=status(401, echo)) as llm:
        out = doctor(
            "miner",
            "--localnet.registry",
            str(registry),
            "--wallet.name",
            "miner",
            "--wallet.path",
            _wallet_path(wallets),
            "--axon.port",
            str(port),
            "--miner.llm_client.base_url",
            llm.base_url,
            "--miner.strategy",
            "auto",
        )
    assert out.returncode == 1
    assert rows(out.stdout)["LLM endpoint"] == "FAIL" and "HTTP 401" in out.stdout
    assert SECRET not in out.stdout + out.stderr and "<redacted>" in out.stdout
