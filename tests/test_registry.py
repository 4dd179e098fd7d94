"""The local registry reader against any file content, and a running miner that survives it."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from logicnet.chain import LocalRegistry, Neuron, write_registry
from logicnet.errors import ChainError
from logicnet.protocol import LogicSynapse
from tests.conftest import registry_neurons

GOOD = [
    Neuron(0, "5Hot0", "5Cold0", 20000.0, True, "127.0.0.1", 0),
    Neuron(1, "5Hot1", "5Cold1", 0.0, False, "127.0.0.1", 8091),
]


def neuron_json(**override: Any) -> str:
    fields = {"uid": "1", "hotkey": '"5Hot1"', "stake": "10.0", "port": "8091", **override}
    return (
        '{"netuid": 35, "neurons": [{' + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}]}"
    )


BAD_FILES: dict[str, bytes] = {
    "nested 2 MB deep": b"[" * 2_000_000 + b"]" * 2_000_000,
    "a 5,000-digit integer": neuron_json(stake="9" * 5000).encode(),
    "a 4,000-digit stake": neuron_json(stake="9" * 4000).encode(),
    "a 4,000-digit uid": neuron_json(uid="9" * 4000).encode(),
    "not UTF-8": b'{"netuid": 35, "neurons": [{"uid": 0, "hotkey": "\xff\xfe"}]}',
    "truncated": b'{"netuid": 35, "neurons": [{"uid": 0,',
    "empty": b"",
    "a list at the top": b"[1, 2, 3]",
    "neurons not a list": b'{"netuid": 35, "neurons": "all of them"}',
    "stake a string": neuron_json(stake='"lots"').encode(),
    "uid a boolean": neuron_json(uid="true").encode(),
    "uid negative": neuron_json(uid="-1").encode(),
    "netuid fractional": b'{"netuid": 35.5, "neurons": []}',
    "stake infinite": neuron_json(stake="1e400").encode(),
    "port out of range": neuron_json(port="70000").encode(),
    "hotkey 10,000 chars": neuron_json(hotkey='"' + "5" * 10_000 + '"').encode(),
    "a neuron not an object": b'{"netuid": 35, "neurons": [7]}',
    "duplicate uid": b'{"netuid": 35, "neurons": [{"uid": 1, "hotkey": "a"}, '
    b'{"uid": 1, "hotkey": "b"}]}',
    "another netuid": b'{"netuid": 7, "neurons": []}',
}


def replace(path: Path, data: bytes) -> None:
    """Write as a person or a bad tool would: in place, not atomically; a new mtime each time."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_bytes(data)
    while path.stat().st_mtime_ns == before:  # coarse clocks: make the change visible
        time.sleep(0.01)
        path.write_bytes(data)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.json"
    write_registry(path, 35, GOOD)
    return path


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_keeps_the_last_good_metagraph_and_says_why_once(
    registry: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    reader = LocalRegistry(registry, netuid=35)
    good = reader.snapshot()
    replace(registry, BAD_FILES[name])
    with caplog.at_level(logging.WARNING, logger="logicnet.chain"):
        for _ in range(3):
            assert reader.snapshot() is good
    warnings = [r for r in caplog.records if "keeping the last good metagraph" in r.getMessage()]
    assert len(warnings) == 1, name
    assert str(registry) in warnings[0].getMessage()
    assert len(warnings[0].getMessage()) < 600  # a reason, not the file


@pytest.mark.parametrize("name", ["nested 2 MB deep", "a 5,000-digit integer", "not UTF-8"])
def test_without_a_good_metagraph_a_bad_file_is_a_clear_chain_error(
    registry: Path, name: str
) -> None:
    replace(registry, BAD_FILES[name])
    with pytest.raises(ChainError, match=str(registry.name)):
        LocalRegistry(registry).snapshot()


def test_each_new_bad_version_is_reported_and_a_fixed_file_is_taken(
    registry: Path, caplog: pytest.LogCaptureFixture
) -> None:
    reader = LocalRegistry(registry, netuid=35)
    good = reader.snapshot()
    with caplog.at_level(logging.WARNING, logger="logicnet.chain"):
        replace(registry, BAD_FILES["truncated"])
        reader.snapshot()
        replace(registry, BAD_FILES["stake a string"])
        reader.snapshot()
        reader.snapshot()
        registry.unlink()
        assert reader.snapshot() is good
        assert reader.snapshot() is good
    reasons = [r.getMessage() for r in caplog.records]
    assert len(reasons) == 3, reasons
    assert "not valid JSON" in reasons[0] and "stake" in reasons[1]
    assert "cannot read" in reasons[2]
    bigger = [*GOOD, Neuron(2, "5Hot2", "5Cold2", 5.0)]
    write_registry(registry, 35, bigger)
    assert len(reader.snapshot().neurons) == 3


def test_an_oversized_file_is_refused_unread(registry: Path, monkeypatch) -> None:
    import logicnet.chain as chain

    reader = LocalRegistry(registry)
    good = reader.snapshot()
    monkeypatch.setattr(chain, "MAX_REGISTRY_BYTES", 1024)
    replace(registry, b'{"netuid": 35, "neurons": []' + b" " * 2000 + b"}")
    assert reader.snapshot() is good
    with pytest.raises(ChainError, match="larger than 1024 bytes"):
        LocalRegistry(registry).snapshot()


def test_a_running_miner_survives_hostile_registry_files(
    start_miner, wallets, caplog: pytest.LogCaptureFixture
) -> None:
    """The miner's own sync loop reads each file; it must keep answering the validator."""
    caplog.set_level(logging.WARNING, logger="logicnet.chain")
    miner = start_miner()
    stop = threading.Event()
    loop = threading.Thread(target=miner.service.serve_forever, args=(stop, 0.05), daemon=True)
    loop.start()

    def reported() -> int:
        return sum("keeping the last good" in r.getMessage() for r in caplog.records)

    try:
        for name in ("nested 2 MB deep", "a 5,000-digit integer", "not UTF-8", "stake a string"):
            seen = reported()
            replace(miner.registry, BAD_FILES[name])
            deadline = time.monotonic() + 20
            while reported() == seen and loop.is_alive():  # the loop under test read it
                assert time.monotonic() < deadline, f"the bad file was never read: {name}"
                stop.wait(0.02)
            assert loop.is_alive(), f"the sync loop died on: {name}"
            out = miner.query("validator", LogicSynapse(logic_question="What is 6*7?"))
            assert out.dendrite.status_code == 200, name
            assert out.logic_answer == "42"
        # A good file again: the change is taken (the poor wallet now has stake).
        stakes = {"miner": 0.0, "validator": 30000.0, "validator2": 20000.0, "poor": 50000.0}
        write_registry(miner.registry, 35, registry_neurons(wallets, miner.port, stakes))
        deadline = time.monotonic() + 10
        while miner.service.admission.stake_of(wallets["poor"].hotkey.ss58_address) < 50000:
            assert time.monotonic() < deadline, "the good registry was never taken"
            stop.wait(0.05)
        assert miner.query("poor", LogicSynapse(logic_question="q")).dendrite.status_code == 200
    finally:
        stop.set()
        loop.join(timeout=10)
