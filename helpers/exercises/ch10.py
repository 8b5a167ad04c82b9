"""Checks of notebook 10's exercises (causal mask, positional encoding, teacher forcing). Used in: 10."""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.exercises import exercise


@exercise("10.1", hint="위치 i 는 자기 자신과 그 앞(j ≤ i)만 볼 수 있습니다: 아래 삼각 행렬(np.tril)이고 대각선은 True 입니다.",
          wrong=lambda: [lambda n: np.triu(np.ones((n, n), dtype=bool)),
                         lambda n: np.tril(np.ones((n, n), dtype=bool), k=-1),
                         lambda n: np.ones((n, n), dtype=bool),
                         lambda n: np.eye(n, dtype=bool)])
def _causal_mask(answer: Any) -> str | None:
    if not callable(answer):
        return "answer_10_1 은 함수 n -> (n, n) 불리언 배열 이어야 합니다."
    for n in [1, 4, 11]:
        got = np.asarray(answer(n))
        expected = np.tril(np.ones((n, n), dtype=bool))
        if got.shape != expected.shape:
            return f"n={n} 에서 모양이 {got.shape} 입니다; ({n}, {n}) 이어야 합니다."
        if not np.array_equal(got.astype(bool), expected):
            return f"n={n} 에서 값이 다릅니다: [i, j] 는 j ≤ i 일 때만 True 여야 합니다."
    return None


def positional_encoding(max_length: int, dim: int) -> np.ndarray:
    """The sinusoidal encoding of "Attention Is All You Need": sin on even, cos on odd columns."""
    positions = np.arange(max_length)[:, None]
    rates = 1 / 10_000 ** (np.arange(0, dim, 2) / dim)
    encoding = np.zeros((max_length, dim))
    encoding[:, 0::2] = np.sin(positions * rates)
    encoding[:, 1::2] = np.cos(positions * rates[: dim // 2])
    return encoding


def _swapped(max_length: int, dim: int) -> np.ndarray:
    encoding = positional_encoding(max_length, dim)
    return encoding[:, ::-1].copy() if dim % 2 == 0 else encoding * -1


@exercise("10.2", hint="PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)); "
                       "짝수 열은 sin, 홀수 열은 cos, 같은 i 의 두 열은 같은 진동수입니다.",
          wrong=lambda: [lambda n, d: np.cos(np.arange(n)[:, None] / 10_000 ** (np.arange(d) / d)),
                         lambda n, d: np.sin(np.arange(n)[:, None] / 10_000 ** (np.arange(d) / d)),
                         _swapped,
                         lambda n, d: np.zeros((n, d))])
def _positional_encoding(answer: Any) -> str | None:
    if not callable(answer):
        return "answer_10_2 는 함수 (max_length, dim) -> (max_length, dim) 배열 이어야 합니다."
    for n, d in [(5, 4), (50, 64), (11, 8)]:
        got = np.asarray(answer(n, d), dtype=float)
        expected = positional_encoding(n, d)
        if got.shape != expected.shape:
            return f"({n}, {d}) 에서 모양이 {got.shape} 입니다; {expected.shape} 여야 합니다."
        if not np.allclose(got, expected, atol=1e-5):
            return f"({n}, {d}) 에서 값이 다릅니다. 위치 0 의 행은 [0, 1, 0, 1, ...] 이어야 합니다."
    return None


def _shift_reference(targets: np.ndarray, bos_id: int) -> np.ndarray:
    return np.concatenate([np.full((len(targets), 1), bos_id, dtype=targets.dtype), targets[:, :-1]], axis=1)


@exercise("10.3", hint="디코더 입력 = 맨 앞에 <bos>, 그 뒤에 정답을 한 칸 밀어 넣고 마지막 토큰(<eos>)은 버립니다.",
          wrong=lambda: [lambda y, bos: y,
                         lambda y, bos: np.concatenate([y[:, 1:], np.full((len(y), 1), bos)], axis=1),
                         lambda y, bos: np.concatenate([np.full((len(y), 1), bos), y], axis=1),
                         lambda y, bos: np.concatenate([np.zeros((len(y), 1), dtype=y.dtype), y[:, :-1]], axis=1)])
def _teacher_forcing(answer: Any) -> str | None:
    if not callable(answer):
        return "answer_10_3 은 함수 (targets, bos_id) -> 디코더 입력 배열 이어야 합니다."
    rng = np.random.default_rng(10)
    targets = rng.integers(4, 15, size=(6, 11)).astype(np.int32)
    targets[:, -1] = 3                                   # <eos>
    got = np.asarray(answer(targets.copy(), 2))
    expected = _shift_reference(targets, 2)
    if got.shape != expected.shape:
        return f"모양이 {got.shape} 입니다; 정답과 같은 {expected.shape} 여야 합니다 (한 칸 밀고 끝을 버림)."
    if not np.array_equal(got, expected):
        return "값이 다릅니다: 위치 t 의 디코더 입력은 위치 t-1 의 정답이어야 하고, 위치 0 은 <bos> 입니다."
    return None
