"""The engine's size and shape: lines, reader patterns, subtopics typed and not.

    python benchmarks/engine_structure.py [--root DIR]

``--root`` measures another checkout of this repository (e.g. an older commit unpacked
with ``git archive REV | tar -x -C DIR``), so a redesign can be compared before and after
with the same script. Prints:

- lines of ``logicnet/engine`` (all ``.py`` files, blank lines and comments included);
- paraphrase readers and their patterns (cue, avoid and need expressions: what grows one
  phrasing at a time);
- generator-sentence recognizers;
- subtopics with a typed problem and one solver (``logicnet.engine.problem``), and the
  readers and recognizers still answering through the generator's re-parsed sentence.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    engine_dir = root / "logicnet" / "engine"
    lines = sum(len(p.read_text().splitlines()) for p in engine_dir.rglob("*.py"))
    importlib.import_module("logicnet.engine.families").load_all()
    readers_package = importlib.import_module("logicnet.engine.readers")
    if hasattr(readers_package, "load_readers"):  # a checkout from before one loader
        readers_package.load_readers()
    reading = importlib.import_module("logicnet.engine.reading")
    core = importlib.import_module("logicnet.engine.core")
    readers = reading.readers()
    patterns = sum(len(r.cues) + len(r.avoid) + len(r.need) for r in readers)
    recognizers = core.registered()
    print(f"checkout: {root}")
    print(f"lines of logicnet/engine: {lines}")
    print(f"paraphrase readers: {len(readers)}, their cue/avoid/need patterns: {patterns}")
    print(f"generator-sentence recognizers: {len(recognizers)}")
    names = {(r.topic, r.subtopic) for r in [*readers, *recognizers]}
    try:
        problem = importlib.import_module("logicnet.engine.problem")
    except ModuleNotFoundError:
        print(f"subtopics: {len(names)}, none with a typed problem (no logicnet.engine.problem)")
        return
    typed = {(s.topic, s.name) for s in problem.subtopics()}
    print(f"subtopics: {len(names)}, with a typed problem and one solver: {len(typed & names)}")
    untyped = sorted(f"{t}/{s}" for t, s in names - typed)
    if untyped:
        print(f"  still answered through the re-parsed generator sentence: {', '.join(untyped)}")


if __name__ == "__main__":
    main()
