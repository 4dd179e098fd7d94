"""``--validator.state`` against hostile files: nothing in one can poison weights, crash the
loop, hang the start or eat memory.

A bad history entry in an otherwise good file is dropped with one warning naming its uid
and why, and the repaired state is saved; a file that is not a state at all, or not a
regular file of bounded size, is one line telling the operator to move it away.
"""

from __future__ import annotations

import json
import logging
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from logicnet.errors import ConfigError
from logicnet.validator.incentive import (
    INCENTIVE_RANGE,
    incentive_for_rank,
    loop_incentives,
    weights_from_history,
)
from logicnet.validator.profiles import PROFILES
from logicnet.validator.state import MAX_STATE_BYTES, MAX_UIDS, ValidatorState, load_state

ROOT = Path(__file__).resolve().parents[1]
HEAD, SEED = PROFILES["network-2025-05"], PROFILES["seed"]
GOOD = [0.5, incentive_for_rank(1), 0.0]


def _state_text(bad_values: str, good: list[float] = GOOD) -> str:
    """A state whose uid 5 holds ``bad_values`` (raw JSON text) and uid 6 good ones."""
    return (
        '{"version": 1, "step": 7, "history": {'
        f'"5": {{"hotkey": "hk5", "incentives": {bad_values}}}, '
        f'"6": {{"hotkey": "hk6", "incentives": {json.dumps(good)}}}'
        '}, "last_loop": {"step": 6, "weights": {"6": 1.0}}}'
    )


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name == "logicnet.validator.state"
    ]


def _one_loop(state: ValidatorState, profile: Any) -> dict[int, float]:
    """What a loop's end does with the state: round, record, weigh."""
    state.round_history(profile)
    incentives = loop_incentives({5: [0.9], 6: [0.8]}, profile)
    state.record_loop(incentives, {5: "hk5", 6: "hk6"}, profile)
    return weights_from_history({u: r.incentives for u, r in state.history.items()}, profile)


# Each value the issue found, and others of its kind.
BAD_VALUES = {
    "1.7e308 twice (fsum overflowed)": ("[1.7e308, 1.7e308]", "outside 0..0.975362"),
    "1.7e308 once": ("[1.7e308]", "outside 0..0.975362"),
    "-1.7e308": ("[0.5, -1.7e308]", "outside 0..0.975362"),
    "1e300": ("[1e300]", "outside"),
    "2.0": ("[2.0]", "incentive 2 is outside"),
    "1.0, above f(1)": ("[1.0]", "incentive 1 is outside"),
    "0.98, above f(1)": ("[0.98]", "incentive 0.98 is outside"),
    "negative": ("[-0.5]", "incentive -0.5 is outside"),
    "just below 0": ("[-1e-6]", "outside"),
    "NaN": ("[NaN, 0.5]", "incentive nan is not a finite number"),
    "Infinity": ("[Infinity]", "incentive inf is not a finite number"),
    "-Infinity": ("[-Infinity]", "incentive -inf is not a finite number"),
    "1e400": ("[1e400]", "incentive inf is not a finite number"),
    "-1e400": ("[0.1, -1e400]", "incentive -inf is not a finite number"),
    "a string": ('["0.9"]', "incentive is str, not a number"),
    "another string": ('["nan"]', "incentive is str, not a number"),
    "a boolean": ("[true]", "incentive is bool, not a number"),
    "null": ("[null]", "incentive is null, not a number"),
    "a nested list": ("[[0.5]]", "incentive is list, not a number"),
    "5,001-digit integer": ("[1" + "0" * 5000 + "]", "an integer of 5001 digits"),
    "401-digit integer": ("[1" + "0" * 400 + "]", "an integer of 401 digits"),
    "big integer": ("[123456789012345]", "incentive huge is outside"),
    "21 values": (json.dumps([0.5] * 21), "21 incentives, more than 20"),
    "not a list": ('"0.5"', "incentives must be a list"),
}


@pytest.mark.parametrize("name", list(BAD_VALUES))
def test_a_bad_value_drops_its_entry_with_one_warning_and_the_state_is_saved(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    values, reason = BAD_VALUES[name]
    path = tmp_path / "state.json"
    path.write_text(_state_text(values))
    with caplog.at_level(logging.WARNING, logger="logicnet.validator.state"):
        state = load_state(path)
    assert sorted(state.history) == [6] and state.history[6].incentives == GOOD
    assert state.step == 7 and state.last_loop == {"step": 6, "weights": {"6": 1.0}}
    (warning,) = _warnings(caplog)
    assert f"validator state {path}: dropped 1 bad entry: uid 5 (" in warning, warning
    assert reason in warning and "the repaired state is saved" in warning
    assert len(warning) < 300
    # Saved: the next start reads a clean file, warns no more and keeps uid 6 as it was.
    saved = json.loads(path.read_text())
    assert sorted(saved["history"]) == ["6"] and saved["step"] == 7
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="logicnet.validator.state"):
        again = load_state(path)
    assert _warnings(caplog) == [] and again.history[6].incentives == GOOD
    # And the loop's end goes on: both uids weighed, finite, summing to 1.
    for profile in (HEAD, SEED):
        weights = _one_loop(load_state(path), profile)
        assert set(weights) == {5, 6} and all(math.isfinite(w) for w in weights.values())
        assert math.fsum(weights.values()) == pytest.approx(1.0)


def test_bad_entries_share_one_warning_and_good_ones_stay(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    history: dict[str, Any] = {
        str(uid): {"hotkey": f"hk{uid}", "incentives": [0.5]} for uid in range(40)
    }
    kinds: list[list[Any]] = [[1.7e308], [-2.0], ["x"]]
    bad = list(range(0, 40, 3))  # 14 of 40, of three kinds
    for i, uid in enumerate(bad):
        history[str(uid)]["incentives"] = kinds[i % 3]
    history["7"]["hotkey"] = "h" * 257
    history["70000"] = {"hotkey": "far", "incentives": [0.5]}
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 1, "step": 1, "history": history}))
    with caplog.at_level(logging.WARNING, logger="logicnet.validator.state"):
        state = load_state(path)
    (warning,) = _warnings(caplog)  # one line for all 16, the first 10 named
    assert "dropped 16 bad entries: uid 0 (incentive 1.7e+308 is outside" in warning
    assert "uid 3 (incentive -2 is outside" in warning
    assert "uid 6 (incentive is str, not a number)" in warning
    assert "uid 7 (hotkey must be a string of 1..256 characters)" in warning
    assert "; and 6 more; the repaired state is saved" in warning and "70000" not in warning
    assert set(state.history) == set(range(40)) - {*bad, 7}
    assert sorted(json.loads(path.read_text())["history"], key=int) == [
        str(u) for u in sorted(state.history)
    ]


@pytest.mark.parametrize(
    "history",
    [
        {1: [1.7e308, 1.7e308], 2: [0.5]},
        {1: [1.7e308] * 20, 2: [1.7e308] * 20},
        {1: [-1.7e308, 1.7e308], 2: [0.9]},
        {1: [math.inf, 0.5], 2: [0.9]},
        {1: [math.nan], 2: [-math.inf]},
        {1: [10**400], 2: [0.5]},
        {1: [float(10**308)] * 5, 2: [0.2] * 5},
    ],
    ids=repr,
)
@pytest.mark.parametrize("profile", [HEAD, SEED], ids=lambda p: p.name)
def test_weights_never_raise_and_never_let_one_value_outweigh(
    history: dict[int, list[float]], profile: Any
) -> None:
    weights = weights_from_history(history, profile)
    assert set(weights) == set(history)
    assert all(math.isfinite(w) and 0.0 <= w <= 1.0 for w in weights.values())
    total = math.fsum(weights.values())
    assert total == pytest.approx(1.0) or total == 0.0
    # A huge value counts as at most 1 per slot: it cannot take everything from uid 2.
    if history[2] == [0.5] and weights[1] > 0:
        assert weights[2] > 0


def test_a_recorded_value_always_passes_the_loader(tmp_path: Path) -> None:
    """What a loop records lies in INCENTIVE_RANGE, past rank 256 and for NaN too."""
    state = ValidatorState()
    low, high = INCENTIVE_RANGE
    assert (low, high) == (0.0, incentive_for_rank(1))
    for value in (incentive_for_rank(300), incentive_for_rank(1000), math.nan, math.inf, 5.0):
        state.record(1, "hk", value)
    assert state.history[1].incentives == [0.0, 0.0, 0.0, 0.0, high]
    rewards = {uid: [1.0 - uid / 1000] for uid in range(300)}  # 300 distinct ranks, seed
    state.record_loop(loop_incentives(rewards, SEED), {u: f"hk{u}" for u in range(300)}, SEED)
    path = tmp_path / "state.json"
    from logicnet.validator.state import save_state

    save_state(state, path)
    again = load_state(path)
    assert set(again.history) == set(state.history)


# --------------------------------------------------------------------- whole-file errors


WHOLE_FILE = {
    "100,000 nested brackets": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "100,000 nested objects": ('{"a":' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    "deep inside incentives": (_state_text("[" * 100_000 + "]" * 100_000), "nested too deeply"),
    "not JSON": ("{broken", "not JSON"),
    "empty": ("", "not JSON"),
    "not UTF-8": (b'{"version": 1, "\xff": 1}', "not UTF-8"),
    "a list": ("[1, 2]", "not a version-1 validator state"),
    "version 2": ('{"version": 2}', "not a version-1 validator state"),
    "history a list": ('{"version": 1, "history": []}', "'history' must be an object"),
    "step 1e400": ('{"version": 1, "step": 1e400}', "'step' must be a whole number"),
    "step a 5,001-digit integer": (
        '{"version": 1, "step": 1' + "0" * 5000 + "}",
        "'step' must be a whole number",
    ),
    "step negative": ('{"version": 1, "step": -1}', "'step' must be a whole number"),
    "step true": ('{"version": 1, "step": true}', "'step' must be a whole number"),
    "a key not a uid": ('{"version": 1, "history": {"x": {}}}', "history key 'x' is not a uid"),
    "a key with a sign": (
        '{"version": 1, "history": {"-1": {"hotkey": "a", "incentives": []}}}',
        "is not a uid",
    ),
    "an entry without incentives": (
        '{"version": 1, "history": {"5": {"hotkey": "a"}}}',
        "bad history entry for uid 5",
    ),
    "too many uids": (
        json.dumps(
            {
                "version": 1,
                "history": {str(u): {"hotkey": "h", "incentives": []} for u in range(4097)},
            }
        ),
        f"holds 4097 uids, more than {MAX_UIDS}",
    ),
}


@pytest.mark.parametrize("name", list(WHOLE_FILE))
def test_a_file_that_is_not_a_state_is_one_line_to_move_it_away(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    content, reason = WHOLE_FILE[name]
    path = tmp_path / "state.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    before = path.read_bytes()
    with pytest.raises(ConfigError) as exc:
        load_state(path)
    message = str(exc.value)
    assert reason in message and str(path) in message, message
    assert message.endswith("move it away to start afresh") and "\n" not in message
    assert len(message) < 300
    assert path.read_bytes() == before  # never reset or rewritten behind the operator's back


def test_last_loop_deeper_than_the_loop_writes_is_dropped_and_the_state_saves(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # 500 deep loads, but the indented writer recurses per level and would fail each save.
    deep = "[" * 500 + "]" * 500
    path = tmp_path / "state.json"
    path.write_text(
        _state_text(json.dumps(GOOD)).replace('{"step": 6,', f'{{"x": {deep}, "step": 6,')
    )
    with caplog.at_level(logging.WARNING, logger="logicnet.validator.state"):
        state = load_state(path)
    (warning,) = _warnings(caplog)
    assert "last_loop (not an object of plain values 3 deep)" in warning
    assert state.last_loop == {} and sorted(state.history) == [5, 6]
    from logicnet.validator.state import save_state

    save_state(state, path)


# --------------------------------------------------------------------- what the file is


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    for size in (MAX_STATE_BYTES + 1, 1 << 30):  # just over, and the 1 GB (sparse)
        path = tmp_path / f"state-{size}.json"
        with path.open("wb") as fh:
            fh.write(b'{"version": 1, "pad": "')
            fh.truncate(size)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        started = time.monotonic()
        with pytest.raises(ConfigError) as exc:
            load_state(path)
        assert time.monotonic() - started < 5
        assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 64 * 1024
        assert "over the 16 MiB limit; move it away to start afresh" in str(exc.value)
    at_cap = tmp_path / "at-cap.json"
    text = _state_text(json.dumps(GOOD))
    at_cap.write_text(text[:-1] + " " * (MAX_STATE_BYTES - len(text)) + "}")
    assert at_cap.stat().st_size == MAX_STATE_BYTES
    assert sorted(load_state(at_cap).history) == [5, 6]  # exactly at the cap: read


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory, not a regular file; move it away"):
        load_state(tmp_path)


def _load_in_child(path: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """load_state in a child limited to 1 GiB of memory: were the file read without end,
    the child fails (or times out) instead of the machine."""
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from pathlib import Path\n"
        "from logicnet.errors import ConfigError\n"
        "from logicnet.validator.state import load_state\n"
        "try:\n"
        "    load_state(Path(sys.argv[1]))\n"
        "except ConfigError as exc:\n"
        "    print(exc, file=sys.stderr)\n"
        "    sys.exit(2)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, path],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    out = _load_in_child(str(fifo))  # before: blocked in open() for ever
    assert time.monotonic() - started < 30
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip() == (
        f"validator state {fifo} is a FIFO, not a regular file; move it away to start afresh"
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_refused_not_read_until_memory_runs_out() -> None:
    out = _load_in_child("/dev/zero")  # before: MemoryError after gigabytes
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip() == (
        "validator state /dev/zero is a device, not a regular file; move it away to start afresh"
    )


def test_the_validator_command_refuses_a_fifo_state_in_one_line(
    tmp_path: Path, wallets: Any
) -> None:
    """The real command: a FIFO as --validator.state once hung the start, deaf to SIGTERM."""
    from logicnet.chain import write_registry
    from logicnet.devkit.scripted_llm import free_port
    from tests.conftest import registry_neurons

    registry = tmp_path / "registry.json"
    write_registry(registry, 35, registry_neurons(wallets, free_port()))
    fifo = tmp_path / "state.fifo"
    os.mkfifo(fifo)
    out = subprocess.run(
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
            str(Path(wallets["validator"].path).expanduser()),
            "--validator.state",
            str(fifo),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip().splitlines()[-1] == (
        f"logicnet: error: validator state {fifo} is a FIFO, not a regular file; "
        "move it away to start afresh"
    )
    assert "Traceback" not in out.stderr
