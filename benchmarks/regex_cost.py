"""How long each of the engine's regular expressions takes on texts built to make it backtrack.

Every compiled pattern in ``logicnet.engine`` (module constants, lists of them, and every
reader's cue, avoid and needed-word patterns) is run with ``finditer`` over a set of
adversarial texts of ``--length`` characters: long runs of spaces or newlines (a blanked
matrix leaves them), digits, signs, commas, stars. A pattern whose time grows with the square
or cube of the run shows here long before a validator's paraphrase hits it.

    python benchmarks/regex_cost.py --length 1000 --top 15
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator

import logicnet.engine as engine
from logicnet.engine import reading


def _patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, tuple[str, re.Pattern[str]]] = {}

    def walk(obj: object, name: str, depth: int) -> Iterator[tuple[str, re.Pattern[str]]]:
        if isinstance(obj, re.Pattern):
            yield name, obj
        elif depth < 3 and isinstance(obj, (list, tuple, set, frozenset)):
            for k, item in enumerate(obj):
                yield from walk(item, f"{name}[{k}]", depth + 1)
        elif depth < 3 and isinstance(obj, dict):
            for key, item in obj.items():
                yield from walk(item, f"{name}[{key!r}]", depth + 1)

    for info in pkgutil.walk_packages(engine.__path__, "logicnet.engine."):
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            for name, pattern in walk(value, f"{info.name}.{attr}", 0):
                found.setdefault(pattern.pattern, (name, pattern))
    for entry in reading.readers():
        for kind in ("need", "cues", "avoid"):
            for k, pattern in enumerate(getattr(entry, kind)):
                found.setdefault(pattern.pattern, (f"{entry.name} {kind}[{k}]", pattern))
    return dict(found.values())


def _texts(length: int) -> dict[str, str]:
    return {
        "spaces": "a 3" + " " * length + "4 b",
        "newlines": "a 3" + "\n" * length + "4 b",
        "digit, space": "1 " * (length // 2),
        "sign, space": "- " * (length // 2),
        "digits": "1" * length,
        "comma list": ", ".join(["12"] * (length // 4)),
        "words": " ".join(["the"] * (length // 4)),
        "dots": "." * length,
        "gaps and signs": ("x " + " " * 20 + "- 3 ") * (length // 26),
        "vectors": "[1, 2] " * (length // 7),
        "stars": "* " * (length // 2),
        "spaced digits": "   3   " * (length // 7),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=1000, help="characters per text")
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest to print")
    args = parser.parse_args()
    patterns = _patterns()
    texts = _texts(args.length)
    timings: list[tuple[float, str, str]] = []
    start = time.perf_counter()
    for name, pattern in patterns.items():
        for kind, text in texts.items():
            began = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            timings.append((time.perf_counter() - began, name, kind))
    total = time.perf_counter() - start
    timings.sort(reverse=True)
    print(
        f"{len(patterns)} patterns x {len(texts)} texts of {args.length} characters: "
        f"{total:.2f} s in all"
    )
    for seconds, name, kind in timings[: args.top]:
        print(f"  {seconds * 1000:8.2f} ms  {name}  on {kind}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
