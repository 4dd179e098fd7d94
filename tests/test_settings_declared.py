"""Every setting is declared once (``logicnet.options``): each flag of every command comes
from exactly one declaration, each copied default equals the declared one, and
``.env.example`` names exactly the declared environment variables."""

from __future__ import annotations

import argparse
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from logicnet import flags
from logicnet.cli import COMMANDS, build_parser
from logicnet.options import TABLES, Setting, Table

ROOT = Path(__file__).resolve().parents[1]

# Bittensor's own groups: added by bittensor, dotted dests, not ours to declare.
BITTENSOR_PREFIXES = ("--wallet.", "--subtensor.", "--axon.", "--logging.")

# The roles whose settings each (sub-)command's parser carries; doctor takes the flags of
# the command it checks, then its own.
ROLES = {
    "miner": {"miner"},
    "validator": {"validator"},
    "doctor": set(),
    "doctor miner": {"miner", "doctor"},
    "doctor validator": {"validator", "doctor"},
    "solve": {"solve"},
    "localnet": {"localnet"},
    "bench": {"bench"},
    "score": {"score"},
    "wallet": set(),
    "wallet create": {"wallet create"},
    "keys": set(),
    "keys create": {"keys create"},
    "keys list": {"keys list"},
    "keys revoke": {"keys revoke"},
}


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _parsers() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """(``"doctor miner"``, its parser) for every command and sub-command."""

    def walk(path: str, parser: argparse.ArgumentParser) -> Iterator[tuple[str, Any]]:
        yield path, parser
        for name, sub in _subparsers(parser).items():
            yield from walk(f"{path} {name}", sub)

    for name, _, _ in COMMANDS:
        yield from walk(name, _subparsers(build_parser(only=name))[name])


PARSERS = dict(_parsers())  # imports every command module: every table is declared now


def _is_bittensors(action: argparse.Action) -> bool:
    return (
        not hasattr(action, "setting")
        and "." in action.dest
        and all(o.startswith(BITTENSOR_PREFIXES) for o in action.option_strings)
    )


def _ours(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    skip = (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)
    return [a for a in parser._actions if not isinstance(a, skip) and not _is_bittensors(a)]


def _undeclared(parser: argparse.ArgumentParser) -> list[str]:
    return [
        "/".join(a.option_strings) or a.dest
        for a in _ours(parser)
        if not isinstance(getattr(a, "setting", None), Setting)
    ]


def _declarations() -> list[Setting]:
    return [s for table in TABLES for s in table]


def test_every_command_parser_was_walked() -> None:
    assert set(PARSERS) == set(ROLES)


@pytest.mark.parametrize("path", sorted(ROLES))
def test_every_option_comes_from_one_declaration(path: str) -> None:
    parser = PARSERS[path]
    assert _undeclared(parser) == [], f"`logicnet {path}`: options with no declaration"
    roles = ROLES[path]
    expected = [s for s in _declarations() if set(s.roles) & roles]
    flags_expected = [s.flag for s in expected]
    duplicates = {f for f in flags_expected if flags_expected.count(f) > 1}
    assert not duplicates, f"`logicnet {path}`: declared more than once: {duplicates}"
    actions = _ours(parser)
    assert sorted(a.setting.flag for a in actions) == sorted(flags_expected)  # type: ignore[attr-defined]
    for action in actions:
        setting: Setting = action.setting  # type: ignore[attr-defined]
        assert setting.flag in action.option_strings or action.dest == setting.flag
        assert action.dest == setting.name
        if setting.action is None:
            assert action.default == setting.default, setting.flag
            assert action.type is setting.type, setting.flag
        assert action.help == setting.help, setting.flag


def test_roles_are_known_and_no_declaration_is_shared_by_two_tables() -> None:
    known = set().union(*ROLES.values())
    for setting in _declarations():
        assert setting.roles, f"{setting.flag}: no roles"
        assert set(setting.roles) <= known, f"{setting.flag}: unknown role in {setting.roles}"
    ids = [id(s) for s in _declarations()]
    assert len(ids) == len(set(ids))


def _settings_classes() -> list[tuple[Any, tuple[Table, ...], set[str] | None]]:
    from logicnet.commands.localnet import LOCALNET
    from logicnet.gateway.server import GatewaySettings
    from logicnet.localnet import LocalnetOptions
    from logicnet.metrics.config import MetricsSettings
    from logicnet.miner.connections import ConnectionLimits
    from logicnet.miner.guard import RequestGuard
    from logicnet.miner.service import MinerService
    from logicnet.miner.solvers.auto import AutoSolver
    from logicnet.miner.solvers.baseline import BaselineSolver
    from logicnet.miner.solvers.program import ProgramSolver
    from logicnet.settings import ChainSettings, LLMSettings, MinerSettings, ValidatorSettings
    from logicnet.validator.service import ValidatorConfig

    validator = (flags.VALIDATOR, flags.VALIDATOR_OWN)
    return [
        (ChainSettings, (flags.CHAIN,), None),
        (LLMSettings, (flags.LLM,), None),
        (AutoSolver, (flags.LLM,), None),
        (BaselineSolver, (flags.LLM,), None),
        (ProgramSolver, (flags.LLM,), None),
        (MetricsSettings, (flags.METRICS,), None),
        (MinerSettings, (flags.MINER,), None),
        (ConnectionLimits, (flags.MINER,), None),
        (MinerService, (flags.MINER,), None),
        (RequestGuard, (flags.MINER,), None),
        (ValidatorSettings, validator, None),
        (ValidatorConfig, validator, None),
        # the gateway's own max_in_flight is not the validator's --validator.max_in_flight
        (GatewaySettings, validator, {"host", "score", "max_timeout_s"}),
        (LocalnetOptions, (LOCALNET,), None),
    ]


def _same(value: Any, declared: Any) -> bool:
    if isinstance(value, Path) and isinstance(declared, str):
        return value == Path(declared)
    return bool(value == declared) and type(value) is type(declared)


def test_copied_defaults_equal_the_declared_ones() -> None:
    body_bytes = flags.MINER.default("max_body_kib") * 1024
    for cls, tables, only in _settings_classes():
        by_name = {n: s for t in tables for s in t for n in (s.name, *s.aka)}
        checked = 0
        for name, param in inspect.signature(cls).parameters.items():
            if param.default is inspect.Parameter.empty or (only and name not in only):
                continue
            if name == "max_body_bytes":
                assert param.default == body_bytes, f"{cls.__name__}.{name}"
                checked += 1
            elif name in by_name:
                declared = by_name[name].default
                assert _same(param.default, declared), (
                    f"{cls.__name__}.{name} = {param.default!r}, but {by_name[name].flag} "
                    f"is declared with {declared!r}"
                )
                checked += 1
        assert checked, f"{cls.__name__}: no default with a declared counterpart"


def test_a_setting_two_commands_share_has_one_default() -> None:
    """Where a tool command takes a node's setting (the challenge timeout, the judge's
    models, the gateway's key file), its default is the node's, and the scoring module's
    items have no defaults of their own to drift from the command's."""
    import dataclasses

    from logicnet.commands.keys import KEYS
    from logicnet.commands.score import JUDGE_LLM, SCORE
    from logicnet.validator import judge
    from logicnet.validator.offline import Item

    shared = [
        (SCORE.default("timeout"), flags.VALIDATOR_OWN.default("timeout")),
        (JUDGE_LLM.default("j_models"), flags.VALIDATOR.default("v_models")),
        (KEYS.default("proxy_db"), flags.VALIDATOR.default("proxy_db")),
        (
            SCORE.default("judge_timeout"),
            inspect.signature(judge.Judge).parameters["timeout_s"].default,
        ),
    ]
    for command_default, node_default in shared:
        assert _same(command_default, node_default)
    assert all(f.default is dataclasses.MISSING for f in dataclasses.fields(Item))


def test_a_settings_object_carries_what_the_service_needs() -> None:
    """ValidatorConfig.from_settings copies by name: every flag-backed field of the service
    config must exist on ValidatorSettings, or it would silently keep its default."""
    import dataclasses

    from logicnet.settings import ValidatorSettings
    from logicnet.validator.service import ValidatorConfig

    declared = {
        n for t in (flags.VALIDATOR, flags.VALIDATOR_OWN) for s in t for n in (s.name, *s.aka)
    }
    settings = {f.name for f in dataclasses.fields(ValidatorSettings)}
    for field in dataclasses.fields(ValidatorConfig):
        if field.name in declared:
            assert field.name in settings, field.name


def _env_example_names() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_env_example_names_exactly_the_declared_variables() -> None:
    declared = {v for s in _declarations() for v in s.env} | {e.name for e in flags.ENVIRONMENT}
    assert _env_example_names() == declared


def test_the_code_reads_the_declared_variables() -> None:
    from logicnet.credentials import KEY_ENV_VARS
    from logicnet.engine.families.geometry import GENERATOR_ANSWERS_ENV
    from logicnet.validator import task_pool

    assert GENERATOR_ANSWERS_ENV in {e.name for e in flags.ENVIRONMENT}
    assert flags.LLM["llm_key"].env == KEY_ENV_VARS
    assert flags.VALIDATOR["v_keys"].env == flags.VALIDATOR_KEY_ENV_VARS
    assert set(flags.VALIDATOR_OWN["task_pool_url"].env) == {
        task_pool.USERNAME_ENV,
        task_pool.PASSWORD_ENV,
    }


@pytest.mark.parametrize("role", ["miner", "validator"])
def test_example_config_keys_are_declared_flags(role: str) -> None:
    import yaml

    from logicnet.config_file import flatten

    path = ROOT / "deploy" / f"{role}.example.yaml"
    keys = flatten(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    ours = {s.flag for s in _declarations() if role in s.roles}
    for key in keys:
        flag = f"--{key}"
        assert flag in ours or flag.startswith(BITTENSOR_PREFIXES), f"{path.name}: {key}"


def test_the_checker_finds_an_undeclared_flag() -> None:
    """The rule itself must be able to fail."""
    parser = argparse.ArgumentParser()
    Setting("--declared", roles=("miner",)).add_to(parser)
    parser.add_argument("--miner.planted", dest="planted")
    parser.add_argument("--wallet.name", dest="wallet.name")  # bittensor's: skipped
    assert _undeclared(parser) == ["--miner.planted"]
