"""The rule sets are values: one registry, looked up once, never compared by name."""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path

import pytest

from logicnet.settings import ValidatorSettings, add_validator_args
from logicnet.validator.profiles import DEFAULT_PROFILE, PROFILES, Check, get_profile

ROOT = Path(__file__).resolve().parents[1]


def _settings(*argv: str) -> ValidatorSettings:
    parser = argparse.ArgumentParser()
    add_validator_args(parser)
    args = ["--localnet.registry", "registry.json", *argv]
    return ValidatorSettings.from_args(parser.parse_args(args), args)


def test_settings_resolve_the_profile_once() -> None:
    assert _settings().profile is PROFILES[DEFAULT_PROFILE]
    assert _settings("--scoring.profile", "seed").profile is PROFILES["seed"]
    with pytest.raises(SystemExit):
        _settings("--scoring.profile", "network-2024")


def test_the_flag_offers_the_registry() -> None:
    parser = argparse.ArgumentParser()
    add_validator_args(parser)
    action = next(a for a in parser._actions if "--scoring.profile" in a.option_strings)
    assert tuple(action.choices or ()) == tuple(PROFILES)


def test_profiles_carry_every_decision() -> None:
    seed, head = PROFILES["seed"], PROFILES["network-2025-05"]
    assert (seed.weights.similarity, seed.weights.correctness, seed.weights.time) == (0.2, 0.8, 0.1)
    assert (head.weights.similarity, head.weights.correctness, head.weights.time) == (
        0.3,
        0.7,
        0.05,
    )
    assert seed.checks == (Check.FIRST_NUMBER,) and head.checks == (Check.EXACT, Check.NUMBERS)
    assert (seed.judge.cheat_score, head.judge.cheat_score) == (0.0, -1.0)
    assert (seed.judge.extract_min_words, head.judge.extract_min_words) == (None, 20)
    assert (seed.history, head.history) == (20, 5)
    assert (seed.round_decimals, head.round_decimals) == (3, None)
    assert seed.incentive.share_ties and not head.incentive.share_ties
    assert (head.incentive.min_mean, head.incentive.max_rank, head.incentive.fallback_rank) == (
        0.3,
        160,
        250,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        head.history = 20  # type: ignore[misc]
    with pytest.raises(ValueError, match="choose from"):
        get_profile("network")


def test_no_module_compares_profile_names() -> None:
    """Scoring, rewarder, incentives, state and settings read fields, never the name."""
    names = "|".join(re.escape(n) for n in PROFILES)
    quoted = rf"""["']({names})["']"""
    comparison = re.compile(rf"(==|!=|\bin)\s*\(?\s*{quoted}|{quoted}\s*(==|!=)")
    files = [
        *(ROOT / "logicnet" / "validator").glob("*.py"),
        ROOT / "logicnet" / "settings.py",
        ROOT / "logicnet" / "commands" / "score.py",
    ]
    offenders = [
        f"{f.name}: {m.group(0)}"
        for f in files
        if f.name != "profiles.py"
        for m in comparison.finditer(f.read_text(encoding="utf-8"))
    ]
    assert offenders == []
