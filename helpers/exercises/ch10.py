"""Checks of notebook 10's exercises (causal mask, scaled dot-product attention, teacher forcing). Used in: 10."""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.exercises import checks, exercise


@exercise("10.1", hint="위치 i 는 자기 자신과 그 앞(j ≤ i)만 볼 수 있습니다: 아래 삼각 행렬(np.tril)이고 대각선은 True 입니다.",
          wrong=lambda: [lambda n: np.triu(np.ones((n, n), dtype=bool)),
                         lambda n: np.tril(np.ones((n, n), dtype=bool), k=-1),
                         lambda n: np.ones((n, n), dtype=bool),
                         lambda n: np.eye(n, dtype=bool),
                         lambda n: np.triu(np.ones((n, n), dtype=bool), k=1),      # PyTorch's attn_mask: True = hidden
                         lambda n: np.tril(np.ones((4, 4), dtype=bool)),           # the n = 4 example hard-coded
                         lambda n: np.tril(np.ones((n, n - 1), dtype=bool))])      # wrong shape
def _causal_mask(answer: Any) -> str | None:
    if problem := checks.not_callable(answer, "answer_10_1"):
        return problem
    for n in [1, 4, 11]:
        got = np.asarray(answer(n))
        expected = np.tril(np.ones((n, n), dtype=bool))
        if problem := checks.wrong_shape(got, expected.shape, f"n={n} 의 결과"):
            return problem
        if not np.array_equal(got.astype(bool), expected):
            if np.array_equal(got.astype(bool), ~expected):
                return f"n={n} 에서 True/False 가 뒤집혔습니다: 여기서는 True = 볼 수 있음 (PyTorch 의 attn_mask 와 반대)."
            return f"n={n} 에서 값이 다릅니다: [i, j] 는 j ≤ i 일 때만 True 여야 합니다."
    return None


def _softmax(scores: np.ndarray, axis: int = -1) -> np.ndarray:
    scores = scores - scores.max(axis=axis, keepdims=True)
    weights = np.exp(scores)
    return weights / weights.sum(axis=axis, keepdims=True)


def _attention(Q, K, V, mask=None, scale=None, axis=-1, use_mask=True):
    scores = Q @ K.T / (np.sqrt(K.shape[-1]) if scale is None else scale)
    if mask is not None and use_mask:
        scores = np.where(mask, scores, -1e9)
    return _softmax(scores, axis=axis) @ V


def _cases():
    rng = np.random.default_rng(10)
    Q, K, V = rng.normal(size=(5, 8)), rng.normal(size=(6, 8)), rng.normal(size=(6, 3))
    Qs, Vs = rng.normal(size=(6, 8)) * 2, rng.normal(size=(6, 4))
    causal = np.tril(np.ones((6, 6), dtype=bool))
    padding = np.ones((5, 6), dtype=bool)
    padding[:, 4:] = False                                     # the last two keys are <pad>
    return [(Q, K, V, None), (Qs, K, Vs, causal), (Q, K, V, padding)]


@exercise("10.2", hint="scores = Q @ K.T / sqrt(d_k) (d_k = K 의 열 수); 가려진 곳은 아주 작은 수로; "
                       "softmax 는 키 축(axis=-1)에 대해; 마지막에 가중치 @ V.",
          wrong=lambda: [lambda Q, K, V, mask=None: _attention(Q, K, V, mask, scale=1.0),            # Luong (section 4)
                         lambda Q, K, V, mask=None: _attention(Q, K, V, mask, scale=K.shape[-1]),   # d instead of √d
                         lambda Q, K, V, mask=None: _attention(Q, K, V, mask, axis=0),             # softmax over queries
                         lambda Q, K, V, mask=None: _attention(Q, K, V, mask, use_mask=False),     # mask ignored
                         lambda Q, K, V, mask=None: _attention(Q, K, V, None if mask is None else ~mask),
                         lambda Q, K, V, mask=None: _softmax(Q @ K.T / np.sqrt(K.shape[-1])),      # weights only
                         lambda Q, K, V, mask=None: V[: len(Q)]])
def _scaled_dot_product(answer: Any) -> str | None:
    if problem := checks.not_callable(answer, "answer_10_2"):
        return problem
    for Q, K, V, mask in _cases():
        expected = _attention(Q, K, V, mask)
        got = answer(Q.copy(), K.copy(), V.copy()) if mask is None else answer(Q.copy(), K.copy(), V.copy(), mask.copy())
        what = f"Q {Q.shape}, K {K.shape}, V {V.shape}" + ("" if mask is None else f", mask {mask.shape}") + " 의 결과"
        if problem := checks.not_close(got, expected, what, atol=1e-6):
            return problem
    return None


def _shift_reference(targets: np.ndarray, bos_id: int) -> np.ndarray:
    return np.concatenate([np.full((len(targets), 1), bos_id, dtype=targets.dtype), targets[:, :-1]], axis=1)


@exercise("10.3", hint="디코더 입력 = 맨 앞에 <bos>, 그 뒤에 정답을 한 칸 밀어 넣고 마지막 토큰(<eos>)은 버립니다 (axis=1, 시간 축).",
          wrong=lambda: [lambda y, bos: y,
                         lambda y, bos: np.concatenate([y[:, 1:], np.full((len(y), 1), bos)], axis=1),
                         lambda y, bos: np.concatenate([np.full((len(y), 1), bos), y], axis=1),
                         lambda y, bos: np.concatenate([np.zeros((len(y), 1), dtype=y.dtype), y[:, :-1]], axis=1),
                         lambda y, bos: np.roll(y, 1, axis=1),                                     # <eos> wraps to the front
                         lambda y, bos: np.concatenate([np.full((1, y.shape[1]), bos), y[:-1]], axis=0),   # wrong axis
                         lambda y, bos: np.concatenate([np.full((len(y), 1), 2), y[:, :-1]], axis=1)])    # <bos> id hard-coded
def _teacher_forcing(answer: Any) -> str | None:
    if problem := checks.not_callable(answer, "answer_10_3"):
        return problem
    rng = np.random.default_rng(10)
    targets = rng.integers(4, 15, size=(6, 11)).astype(np.int32)
    targets[:, -1] = 3                                   # <eos>
    for bos in [2, 7]:
        got = answer(targets.copy(), bos)
        expected = _shift_reference(targets, bos)
        if problem := checks.wrong_shape(got, expected.shape, "디코더 입력"):
            return problem + " (한 칸 밀고 끝을 버림)"
        if not np.array_equal(np.asarray(got), expected):
            return (f"bos_id={bos} 에서 값이 다릅니다: 위치 t 의 디코더 입력은 위치 t-1 의 정답이어야 하고, "
                    "위치 0 은 bos_id 입니다.")
    return None
