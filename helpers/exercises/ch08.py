"""Checks of notebook 08 (GRU on MNIST rows). Used in: 08."""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.exercises import checks, exercise


def _gru_model_parameters(n_in: int, n: int, n_classes: int = 10) -> int:
    """2 GRU layers of n units (reset_after=True, Keras's default) + Dense(n_classes)."""
    return 3 * n * (n_in + n + 2) + 3 * n * (n + n + 2) + n * n_classes + n_classes


# (n_in, n) pairs the check asks about; (28, 128) is the notebook's model (161,034, printed above).
PARAMETER_CASES = [(28, 128), (56, 64), (14, 200), (1, 32), (784, 16)]


def _wrong_parameter_functions():
    return [
        lambda n_in, n: 161_034,                                                    # the printed example
        lambda n_in, n: 3 * n * (n_in + n + 1) + 3 * n * (n + n + 1) + n * 10 + 10,  # reset_after=False
        lambda n_in, n: 4 * n * (n_in + n + 1) + 4 * n * (n + n + 1) + n * 10 + 10,  # an LSTM
        lambda n_in, n: 2 * 3 * n * (n_in + n + 2) + n * 10 + 10,                   # n_in in both layers
        lambda n_in, n: 3 * n * (n_in + n + 2) + 3 * n * (n + n + 2),                # no Dense(10)
        lambda n_in, n: 3 * n * (n_in + n + 2) + n * 10 + 10,                        # one GRU layer
    ]


@exercise("08.1", hint="GRU 층 하나는 3n(n_in + n + 2) 개입니다 (게이트 2개 + 후보 1개 = 가중치 묶음 3개, "
                       "reset_after=True 라 편향이 두 벌). 둘째 층의 입력은 첫 층의 출력 n 개, Dense(10) 은 n * 10 + 10 개.",
          wrong=_wrong_parameter_functions)
def _gru_parameters(answer: Any) -> str | None:
    return checks.wrong_count_function(
        answer, "answer_08_1", PARAMETER_CASES, _gru_model_parameters,
        lambda n_in, n: f"입력 {n_in} 픽셀, GRU({n}) 두 층이면 다른 값이어야 합니다.")


def _images(seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((3, 28, 28)).astype("float32")


def _two_rows(x: np.ndarray) -> np.ndarray:
    return np.asarray(x).reshape(len(x), 14, 56)


def _wrong_two_rows():
    return [
        lambda x: np.asarray(x).transpose(0, 2, 1),                                   # the columns, copied from 5
        lambda x: np.asarray(x),                                                      # unchanged
        lambda x: np.asarray(x)[:, ::2, :],                                           # every other row only
        lambda x: np.asarray(x).reshape(len(x), 56, 14),                              # 56 steps of 14
        lambda x: np.asarray(x).transpose(0, 2, 1).reshape(len(x), 14, 56),           # two columns per step
        lambda x: np.concatenate([np.asarray(x)[:, :14], np.asarray(x)[:, 14:]], axis=2),  # rows t and t + 14
        lambda x: np.asarray(x).reshape(14, len(x), 56).transpose(1, 0, 2),          # batch and steps mixed
    ]


@exercise("08.2", hint="한 스텝 = 연속한 두 행 (2t, 2t+1) 을 이어 붙인 56 픽셀. NumPy 배열은 행 우선(row-major)으로 놓이므로 "
                       "모양만 바꾸면(reshape) 어떤 픽셀들이 한 스텝에 모일지 생각해 보세요.",
          wrong=_wrong_two_rows)
def _two_rows_per_step(answer: Any) -> str | None:
    if problem := checks.not_callable(answer, "answer_08_2"):
        return problem
    x = _images()
    out = np.asarray(answer(x.copy()))
    if problem := checks.wrong_shape(out, (3, 14, 56), "결과"):
        return problem + " (batch, 14 스텝, 56 픽셀) 이어야 합니다."
    if not np.array_equal(out[:, 5, :], np.concatenate([x[:, 10], x[:, 11]], axis=1)):
        return "타임 스텝 5 가 행 10 과 행 11 을 이어 붙인 것(np.concatenate([x[:, 10], x[:, 11]], axis=1))이 아닙니다."
    if not np.array_equal(out, _two_rows(x)):
        return "일부 스텝이 '연속한 두 행' 이 아닙니다."
    return None
