"""Text handling for language models: vocabularies, encoding, windows, sampling, perplexity.

The vocabulary part is what notebooks 06, 07 and 10 share::

    from helpers.text import Vocabulary

    chars = Vocabulary.build("hello world")            # a str is a sequence of characters
    words = Vocabulary.build("i like dog".split())     # any iterable of tokens
    ids = words.encode(["i", "like", "cat"])           # array([5, 6, 1]); "cat" -> <unk> (id 1)
    words.decode(ids)                                   # ['i', 'like', '<unk>']
    chars.decode(chars.encode("hello"), join="")       # 'hello'

Ids 0-3 are always the special tokens ``<pad>``, ``<unk>``, ``<bos>``, ``<eos>``
(unless ``specials=()``); the corpus tokens follow, most frequent first (ties
in sorted order), so the same corpus always gives the same ids.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from helpers.tf_quiet import import_tensorflow

tf = import_tensorflow()

PAD, UNK, BOS, EOS = "<pad>", "<unk>", "<bos>", "<eos>"
SPECIALS: tuple[str, ...] = (PAD, UNK, BOS, EOS)


def _as_tokens(tokens: str | Iterable[str], what: str) -> list[str]:
    if isinstance(tokens, (bytes, bytearray)):
        raise ValueError(f"{what} must be text (str) or a list of str tokens, not bytes; decode it first.")
    tokens = list(tokens)
    bad = next((t for t in tokens if not isinstance(t, str)), None)
    if bad is not None:
        raise ValueError(f"{what} must hold str tokens; found {bad!r} ({type(bad).__name__}).")
    return tokens


@dataclass(frozen=True)
class Vocabulary:
    """A fixed token ↔ id mapping with the special tokens first.

    Build it with :meth:`Vocabulary.build`; ``encode`` maps tokens to an int32
    array (unknown tokens to ``<unk>``), ``decode`` maps ids back. Used in: 05, 06, 10.
    """

    tokens: tuple[str, ...]
    specials: tuple[str, ...] = SPECIALS
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.tokens:
            raise ValueError("a vocabulary needs at least one token.")
        if len(set(self.tokens)) != len(self.tokens):
            raise ValueError("vocabulary tokens must be unique.")
        if tuple(self.tokens[:len(self.specials)]) != tuple(self.specials):
            raise ValueError(f"the special tokens {self.specials} must come first.")
        object.__setattr__(self, "_index", {t: i for i, t in enumerate(self.tokens)})

    # ------------------------------------------------------------ building
    @classmethod
    def build(cls, corpus: str | Iterable[str], *, specials: Sequence[str] = SPECIALS,
              min_count: int = 1, max_size: int | None = None) -> "Vocabulary":
        """Count the tokens of ``corpus`` (a str counts characters) and keep the frequent ones.

        ``min_count``: drop tokens seen fewer times; ``max_size``: keep at most
        this many tokens in total (specials included). Dropped tokens encode as ``<unk>``.
        """
        tokens = _as_tokens(corpus, "corpus")
        if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
            raise ValueError(f"min_count must be a positive integer, got {min_count!r}.")
        specials = tuple(specials)
        if max_size is not None and (not isinstance(max_size, int) or max_size <= len(specials)):
            raise ValueError(f"max_size must be an integer larger than the {len(specials)} special tokens, "
                             f"got {max_size!r}.")
        counts = Counter(t for t in tokens if t not in specials)
        kept = sorted((t for t, c in counts.items() if c >= min_count), key=lambda t: (-counts[t], t))
        if max_size is not None:
            kept = kept[:max_size - len(specials)]
        return cls(specials + tuple(kept), specials)

    # ------------------------------------------------------------ look-ups
    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: object) -> bool:
        return token in self._index

    def id_of(self, token: str) -> int:
        """The id of ``token``; ``<unk>``'s id for a token not in the vocabulary."""
        if token in self._index:
            return self._index[token]
        if UNK not in self._index:
            raise ValueError(f"{token!r} is not in the vocabulary and it has no {UNK} token; "
                             f"build it with specials that include {UNK!r}.")
        return self._index[UNK]

    @property
    def pad_id(self) -> int:
        return self._special_id(PAD)

    @property
    def unk_id(self) -> int:
        return self._special_id(UNK)

    @property
    def bos_id(self) -> int:
        return self._special_id(BOS)

    @property
    def eos_id(self) -> int:
        return self._special_id(EOS)

    def _special_id(self, token: str) -> int:
        if token not in self._index:
            raise ValueError(f"this vocabulary has no {token} token (specials: {self.specials}).")
        return self._index[token]

    # ------------------------------------------------------------ encode / decode
    def encode(self, tokens: str | Iterable[str], *, add_bos: bool = False, add_eos: bool = False) -> np.ndarray:
        """Token ids (int32, 1-D) of ``tokens``; a str is encoded character by character."""
        ids = [self.id_of(t) for t in _as_tokens(tokens, "tokens")]
        if add_bos:
            ids.insert(0, self.bos_id)
        if add_eos:
            ids.append(self.eos_id)
        return np.asarray(ids, dtype=np.int32)

    def encode_batch(self, sequences: Iterable[str | Iterable[str]], *, length: int | None = None,
                     add_bos: bool = False, add_eos: bool = False) -> np.ndarray:
        """Encode several sequences into one ``(n, length)`` int32 array padded with ``<pad>``.

        ``length`` defaults to the longest sequence; longer sequences are cut at the end.
        """
        rows = [self.encode(s, add_bos=add_bos, add_eos=add_eos) for s in sequences]
        if length is None:
            length = max((len(r) for r in rows), default=0)
        if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or length < 0:
            raise ValueError(f"length must be a non-negative integer, got {length!r}.")
        out = np.full((len(rows), int(length)), self.pad_id, dtype=np.int32)
        for i, row in enumerate(rows):
            row = row[:length]
            out[i, :len(row)] = row
        return out

    def decode(self, ids: Iterable[int], *, join: str | None = None, skip_specials: bool = False
               ) -> list[str] | str:
        """Tokens of ``ids``; with ``join`` (e.g. ``""`` for characters) one joined string.

        ``skip_specials=True`` drops ``<pad>``, ``<bos>``, ``<eos>`` (and ``<unk>``).
        """
        ids = np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids)
        if ids.ndim != 1 or (ids.size and not np.issubdtype(ids.dtype, np.integer)):
            raise ValueError(f"decode needs a 1-D sequence of integer ids, got shape {ids.shape}, dtype {ids.dtype}.")
        if ids.size and (ids.min() < 0 or ids.max() >= len(self)):
            raise ValueError(f"ids must lie in [0, {len(self) - 1}]; got {ids.min()}..{ids.max()}.")
        tokens = [self.tokens[i] for i in ids.tolist()]
        if skip_specials:
            tokens = [t for t in tokens if t not in self.specials]
        return tokens if join is None else join.join(tokens)


# ---------------------------------------------------------------- language-model windows
def _check_ids(ids, name: str = "ids") -> np.ndarray:
    ids = np.asarray(ids)
    if ids.ndim != 1 or not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"{name} must be a 1-D array of integer token ids, got shape {ids.shape}, dtype {ids.dtype}.")
    return ids.astype(np.int32)


def _positive(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}.")
    return int(value)


def window_count(n_ids: int, length: int, stride: int) -> int:
    """How many windows of ``length`` inputs + 1 target fit in ``n_ids`` ids with this stride. Used in: 06."""
    return max(0, (n_ids - length - 1) // stride + 1)


def lm_windows(ids, length: int, *, stride: int | None = None, batch_size: int = 32,
               shuffle: bool = False, seed: int = 42, many_to_one: bool = False,
               drop_remainder: bool = False) -> tf.data.Dataset:
    """A ``tf.data`` pipeline of language-model windows cut from one long id sequence.

    Window ``k`` starts at ``k * stride`` (``stride`` defaults to ``length``:
    windows do not overlap). Its input is ``ids[s : s + length]``; the target is
    the same window shifted by one, ``ids[s + 1 : s + length + 1]`` (many-to-many),
    or only the next id ``ids[s + length]`` (``many_to_one=True``). Windows are
    gathered batch by batch from one tensor, so memory stays that of ``ids`` however
    many windows there are. ``shuffle`` reshuffles the window order every
    epoch (reproducibly from ``seed``). Used in: 06.
    """
    ids = _check_ids(ids)
    length = _positive("length", length)
    stride = length if stride is None else _positive("stride", stride)
    batch_size = _positive("batch_size", batch_size)
    n = window_count(len(ids), length, stride)
    if n == 0:
        raise ValueError(f"{len(ids)} ids are too few for one window of {length} inputs + 1 target.")
    table = tf.constant(ids)
    offsets = tf.range(length + 1)
    dataset = tf.data.Dataset.range(n)
    if shuffle:
        dataset = dataset.shuffle(n, seed=seed, reshuffle_each_iteration=True)

    def cut(k):  # k: the window numbers of one batch -> one gather for the whole batch
        windows = tf.gather(table, tf.cast(k, tf.int32)[:, None] * stride + offsets[None, :])
        return (windows[:, :-1], windows[:, -1]) if many_to_one else (windows[:, :-1], windows[:, 1:])

    dataset = dataset.batch(batch_size, drop_remainder=drop_remainder)
    return dataset.map(cut).prefetch(tf.data.AUTOTUNE)


def stateful_batches(ids, length: int, batch_size: int) -> tf.data.Dataset:
    """Consecutive batches for a stateful RNN: sample ``i`` of batch ``k + 1`` continues sample ``i`` of batch ``k``.

    ``ids`` is cut into ``batch_size`` equal streams (the tail that does not
    fit is dropped); batch ``k`` holds characters ``k*length`` to
    ``(k+1)*length`` of every stream, with targets shifted by one. Every batch
    has exactly ``batch_size`` rows, as a stateful layer needs. Used in: 06.
    """
    ids = _check_ids(ids)
    length, batch_size = _positive("length", length), _positive("batch_size", batch_size)
    steps = (len(ids) - 1) // (batch_size * length)
    if steps == 0:
        raise ValueError(f"{len(ids)} ids are too few for one batch of {batch_size} x {length} steps.")
    usable = steps * length
    starts = np.arange(batch_size) * (len(ids) - 1) // batch_size
    streams = np.stack([ids[s:s + usable + 1] for s in starts])            # (batch, usable + 1)
    x = streams[:, :-1].reshape(batch_size, steps, length).transpose(1, 0, 2)
    y = streams[:, 1:].reshape(batch_size, steps, length).transpose(1, 0, 2)
    return tf.data.Dataset.from_tensor_slices((x, y))


# ---------------------------------------------------------------- sampling and perplexity
def sample_next(logits, temperature: float, rng: np.random.Generator) -> np.ndarray:
    """Draw the next id from ``logits`` (shape ``(vocab,)`` or ``(batch, vocab)``) at a temperature.

    ``temperature == 0`` is greedy (argmax); below 1 sharpens the distribution,
    above 1 flattens it: p ∝ exp(logits / T). Returns int ids, one per row. Used in: 06.
    """
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim not in (1, 2) or logits.shape[-1] < 1:
        raise ValueError(f"logits must have shape (vocab,) or (batch, vocab), got {logits.shape}.")
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or temperature < 0 \
            or not math.isfinite(temperature):
        raise ValueError(f"temperature must be a number ≥ 0 (0 = greedy), got {temperature!r}.")
    if temperature == 0:
        return np.argmax(logits, axis=-1)
    scaled = logits / temperature
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    p = np.exp(scaled)
    p /= p.sum(axis=-1, keepdims=True)
    if p.ndim == 1:
        return np.asarray(rng.choice(p.shape[0], p=p))
    return np.array([rng.choice(p.shape[1], p=row) for row in p])


def cross_entropy(probabilities, targets) -> float:
    """Mean ``-log p(target)`` in nats: ``probabilities`` ``(..., vocab)``, ``targets`` int ``(...)``. Used in: 06."""
    p = np.asarray(probabilities, dtype=np.float64)
    t = np.asarray(targets)
    if p.shape[:-1] != t.shape or not np.issubdtype(t.dtype, np.integer):
        raise ValueError(f"targets must be integer ids of shape {p.shape[:-1]}, got {t.shape} ({t.dtype}).")
    if t.size == 0:
        raise ValueError("cross_entropy needs at least one target.")
    if t.min() < 0 or t.max() >= p.shape[-1]:
        raise ValueError(f"targets must lie in [0, {p.shape[-1] - 1}].")
    picked = np.take_along_axis(p, t[..., None], axis=-1)[..., 0]
    if (picked < 0).any() or (p > 1 + 1e-6).any():
        raise ValueError("probabilities must lie in [0, 1] (apply softmax to logits first).")
    return float(-np.mean(np.log(np.clip(picked, 1e-300, None))))


def perplexity(probabilities, targets) -> float:
    """``exp(cross_entropy)``: how many equally likely choices the model hesitates between. Used in: 06."""
    return math.exp(cross_entropy(probabilities, targets))
