"""Layering rules, read from the source: the validator never imports the miner package, and
nothing imports the CLI module (it is the edge: it imports everything, nothing imports it)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "logicnet"


def _imports(path: Path, root: Path = PACKAGE.parent) -> set[tuple[int, str]]:
    """(line, module) for every import in the file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    found: set[tuple[int, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {(node.lineno, alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level + (path.name == "__init__.py")]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # ``from logicnet import cli`` imports the module too: check both spellings
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
            found |= {(node.lineno, name) for name in names}
    return found


def _hits(files: list[Path], forbidden: str, root: Path = PACKAGE.parent) -> list[str]:
    hits = set()
    for path in files:
        for line, module in _imports(path, root):
            if module == forbidden or module.startswith(forbidden + "."):
                hits.add(f"{path.relative_to(root)}:{line} imports {forbidden}")
    return sorted(hits)


def test_the_validator_never_imports_the_miner() -> None:
    files = sorted((PACKAGE / "validator").rglob("*.py"))
    assert files, "no validator package found"
    assert _hits(files, "logicnet.miner") == []


def test_nothing_imports_the_cli() -> None:
    # ``__main__`` is the CLI's own launcher (``python -m logicnet``), part of the edge.
    edge = {PACKAGE / "cli.py", PACKAGE / "__main__.py"}
    files = [p for p in sorted(PACKAGE.rglob("*.py")) if p not in edge]
    assert _hits(files, "logicnet.cli") == []


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    """The rule itself must be able to fail: planted imports, in every spelling, are found."""
    probe = tmp_path / "logicnet" / "validator" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "from ..miner import admission\nfrom logicnet import cli\nimport logicnet.cli as c\n"
    )
    assert _hits([probe], "logicnet.miner", tmp_path) == [
        "logicnet/validator/probe.py:1 imports logicnet.miner"
    ]
    assert len(_hits([probe], "logicnet.cli", tmp_path)) == 2
