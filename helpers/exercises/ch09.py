"""Checks of notebook 09's exercises (autoencoders, t-SNE, VAE). Used in: 09."""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.exercises import exercise


def _rounded_accuracy_reference(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.mean(np.round(y_true) == np.round(y_pred)))


@exercise("09.1", hint="두 배열을 모두 np.round 로 0/1 로 만든 뒤 같은 픽셀의 비율(평균)을 구하세요.",
          wrong=lambda: [lambda t, p: float(np.mean(np.round(t) == p)),
                         lambda t, p: float(np.mean(t == p)),
                         lambda t, p: float(np.mean(np.abs(t - p)))])
def _rounded_accuracy(answer: Any) -> str | None:
    if not callable(answer):
        return "answer_09_1 은 함수 (y_true, y_pred) -> float 여야 합니다."
    rng = np.random.default_rng(9)
    for shape in [(4, 28, 28), (3, 784), (10,)]:
        y_true, y_pred = rng.random(shape), rng.random(shape)
        got = float(answer(y_true, y_pred))
        expected = _rounded_accuracy_reference(y_true, y_pred)
        if abs(got - expected) > 1e-9:
            return f"모양 {shape} 의 무작위 배열에서 {got:.4f} 가 나왔지만 {expected:.4f} 여야 합니다."
    if float(answer(np.array([0.2, 0.9]), np.array([0.4, 0.6]))) != 1.0:
        return "0.2 와 0.4 는 둘 다 0 으로, 0.9 와 0.6 은 둘 다 1 로 반올림되므로 정확도는 1.0 이어야 합니다."
    return None


def tied_parameter_count(sizes: list[int]) -> int:
    """Parameters of a tied-weight stacked autoencoder with encoder sizes ``sizes`` (input first)."""
    encoder = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    decoder_biases = sum(sizes[:-1])
    return encoder + decoder_biases


@exercise("09.2", hint="묶인 디코더는 인코더 커널의 전치를 다시 쓰므로 자기 편향(bias)만 새로 가집니다: "
                       "784·300+300 + 300·150+150 에 디코더 편향 300+784 를 더하세요.",
          wrong=lambda: [561_934, 280_650, 282_034, 281_734.5])
def _tied_parameters(answer: Any) -> str | None:
    expected = tied_parameter_count([784, 300, 150])
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer)):
        return f"정수(int)를 주세요; {answer!r} 를 받았습니다."
    if answer == 561_934:
        return "그것은 묶지 않은(untied) 오토인코더의 파라미터 수입니다."
    if answer != expected:
        return f"{answer:,} 개가 아닙니다."
    return None


def _kl_reference(mean: np.ndarray, log_var: np.ndarray) -> np.ndarray:
    return -0.5 * np.sum(1 + log_var - np.exp(log_var) - np.square(mean), axis=-1)


@exercise("09.3", hint="KL = -0.5 · Σ (1 + log σ² − σ² − μ²), 잠재 차원(axis=-1)에 대해 더해 샘플마다 하나의 값.",
          wrong=lambda: [lambda m, v: 0.5 * np.sum(1 + v - np.exp(v) - m ** 2, axis=-1),
                         lambda m, v: -np.sum(1 + v - np.exp(v) - m ** 2, axis=-1),
                         lambda m, v: -0.5 * np.mean(1 + v - np.exp(v) - m ** 2, axis=-1),
                         lambda m, v: -0.5 * np.sum(1 + v - v ** 2 - m ** 2, axis=-1)])
def _kl(answer: Any) -> str | None:
    if not callable(answer):
        return "answer_09_3 은 함수 (mean, log_var) -> 샘플별 KL 배열 이어야 합니다."
    rng = np.random.default_rng(3)
    mean, log_var = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    got = np.asarray(answer(mean, log_var), dtype=float)
    expected = _kl_reference(mean, log_var)
    if got.shape != expected.shape:
        return f"모양이 {got.shape} 입니다; 샘플마다 값 하나, 모양 {expected.shape} 여야 합니다."
    if not np.allclose(got, expected, atol=1e-6):
        return "값이 다릅니다. 부호, 0.5, 그리고 σ² = exp(log σ²) 를 확인하세요."
    if not np.allclose(np.asarray(answer(np.zeros((2, 3)), np.zeros((2, 3))), dtype=float), 0.0):
        return "μ = 0, log σ² = 0 (표준정규분포 그 자체) 이면 KL 은 0 이어야 합니다."
    return None
