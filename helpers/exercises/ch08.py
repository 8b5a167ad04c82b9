"""Checks of notebook 08 (GRU on MNIST rows). Used in: 08."""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.exercises import exercise

GRU_MNIST_PARAMETERS = 3 * 128 * (28 + 128 + 2) + 3 * 128 * (128 + 128 + 2) + 128 * 10 + 10  # 161,034


@exercise("08.1", hint="GRU 층 하나는 3n(n_in + n + 2) 개 (reset_after=True). 둘째 층의 n_in 은 128, "
                       "Dense(10) 은 128 * 10 + 10 개입니다.",
          wrong=lambda: [3 * 128 * (28 + 128 + 1) + 3 * 128 * (128 + 128 + 1) + 1290,   # reset_after=False
                         4 * 128 * (28 + 128 + 1) + 4 * 128 * (128 + 128 + 1) + 1290,   # LSTM
                         3 * 128 * (28 + 128 + 2) * 2 + 1290,                          # n_in = 28 twice
                         "161034"])
def _gru_parameters(answer: Any) -> str | None:
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer)):
        return f"정수 하나를 넣으세요 (지금은 {type(answer).__name__})."
    if answer != GRU_MNIST_PARAMETERS:
        return f"{int(answer):,} 개가 아닙니다."
    return None


def _images(seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((3, 28, 28)).astype("float32")


@exercise("08.2", hint="행은 축 1, 열은 축 2 입니다. 두 축을 바꾸세요 (np.transpose(x, (0, 2, 1))).",
          wrong=lambda: [lambda x: x, lambda x: x[:, ::-1, :], lambda x: np.asarray(x).T,
                         lambda x: np.asarray(x).reshape(len(x), 28, 28)[:, :, ::-1]])
def _columns(answer: Any) -> str | None:
    if not callable(answer):
        return "이미지 배치를 받아 배열을 돌려주는 함수를 넣으세요."
    x = _images()
    out = np.asarray(answer(x.copy()))
    if out.shape != (3, 28, 28):
        return f"결과의 모양이 (batch, 28, 28) 이어야 하는데 {out.shape} 입니다."
    if not np.array_equal(out[:, 5, :], x[:, :, 5]):
        return "타임 스텝 5 가 이미지의 5번째 열(x[:, :, 5])이 아닙니다."
    if not np.array_equal(out, x.transpose(0, 2, 1)):
        return "일부 스텝이 열 순서가 아닙니다."
    return None
