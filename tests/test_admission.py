"""Volume table and admission rules (docs/network.md §4), without a network."""

from __future__ import annotations

import threading

from logicnet.chain import MetagraphSnapshot, Neuron
from logicnet.miner.admission import Admission, volume_table


def snap(*stakes: float) -> MetagraphSnapshot:
    return MetagraphSnapshot(
        35, tuple(Neuron(uid=i, hotkey=f"hk{i}", stake=s) for i, s in enumerate(stakes))
    )


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_volume_split_by_stake_with_minimum_two() -> None:
    table = volume_table(snap(0.0, 30000.0, 10000.0, 500.0, 960000.0), 50, 10000.0)
    # eligible stakes 30000, 10000, 960000 of 1_000_000; the network's +1e-4 per stake
    # puts hk4 a hair under 48, and floor makes that 47.
    assert table == {"hk1": 2, "hk2": 2, "hk4": 47}


def test_nobody_qualifies_everyone_shares_equally() -> None:
    table = volume_table(snap(1.0, 2.0, 3.0, 4.0), 50, 10000.0)
    assert table == {"hk0": 12, "hk1": 12, "hk2": 12, "hk3": 12}


def test_refusals_and_reset() -> None:
    clock = Clock()
    adm = Admission(epoch_volume=4, min_stake=10000.0, limit_interval=600.0, clock=clock)
    assert adm.check("hk1") is not None and adm.check("hk1").status == 503  # no metagraph yet
    adm.update(snap(0.0, 30000.0, 20000.0, 5.0))
    assert adm.check("nobody").status == 403
    assert "not registered" in adm.check("nobody").reason
    assert adm.check("hk3").status == 403 and "stake" in adm.check("hk3").reason
    assert adm.consume("hk1") is None and adm.consume("hk1") is None
    refusal = adm.consume("hk1")
    assert refusal is not None and refusal.status == 429
    assert adm.check("hk1").status == 429  # check never spends, but sees exhaustion
    clock.now = 600.0
    assert adm.consume("hk1") is None
    assert adm.usage()["hk1"] == (1, 2)


def test_check_spends_nothing() -> None:
    adm = Admission(4, 10000.0, 600.0)
    adm.update(snap(0.0, 30000.0, 20000.0))
    for _ in range(100):
        assert adm.check("hk1") is None
    assert adm.usage()["hk1"] == (0, 2)


def test_resync_keeps_usage_and_drops_departed_hotkeys() -> None:
    adm = Admission(100, 10000.0, 600.0)
    adm.update(snap(0.0, 30000.0, 20000.0))
    adm.consume("hk1")
    adm.consume("hk2")
    adm.update(snap(0.0, 30000.0))
    assert adm.usage() == {"hk1": (1, 100)}


def test_priority_is_stake_and_unknown_is_zero() -> None:
    adm = Admission(10, 0.0, 600.0)
    adm.update(snap(5.0, 7.5))
    assert adm.stake_of("hk1") == 7.5
    assert adm.stake_of("nope") == 0.0
    assert adm.stake_of(None) == 0.0


def test_concurrent_consumers_never_exceed_volume() -> None:
    adm = Admission(epoch_volume=100, min_stake=1.0, limit_interval=600.0)
    adm.update(snap(10.0))
    admitted = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(50):
            if adm.consume("hk0") is None:
                with lock:
                    admitted.append(1)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(admitted) == 100
