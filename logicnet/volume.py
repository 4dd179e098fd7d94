"""How a miner's ``epoch_volume`` is split among validators by stake (docs/network.md §4).

Both sides need the same table: the miner to admit requests, the validator to
plan how often it may ask each miner. It lives here, outside both packages, so
that the validator never imports the miner.
"""

from __future__ import annotations

import math

from logicnet.chain import MetagraphSnapshot

__all__ = ["DEFAULT_EPOCH_VOLUME", "MIN_VOLUME_FOR_STAKED", "STAKE_EPSILON", "volume_table"]

STAKE_EPSILON = 1e-4
MIN_VOLUME_FOR_STAKED = 2
# What the network assumes for a miner that does not say (docs/network.md §6c): full reward scale.
DEFAULT_EPOCH_VOLUME = 512


def volume_table(
    snapshot: MetagraphSnapshot, epoch_volume: int, min_stake: float
) -> dict[str, int]:
    """Requests per interval each hotkey may make, as the network computes it."""
    eligible = [n for n in snapshot.neurons if n.stake >= min_stake]
    if eligible:
        stakes = {n.hotkey: n.stake + STAKE_EPSILON for n in eligible}
    else:  # nobody qualifies: everyone shares equally, stake treated as 0
        stakes = {n.hotkey: STAKE_EPSILON for n in snapshot.neurons}
    total = sum(stakes.values())
    table: dict[str, int] = {}
    for n in snapshot.neurons:
        if n.hotkey not in stakes:
            continue
        volume = math.floor(epoch_volume * stakes[n.hotkey] / total) if total > 0 else 0
        if n.stake >= min_stake:
            volume = max(volume, MIN_VOLUME_FOR_STAKED)
        table[n.hotkey] = volume
    return table
