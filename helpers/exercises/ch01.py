"""Checks of notebook 01's exercises (RNN basics). Used in: 01."""
from __future__ import annotations

import numpy as np

from helpers.exercises import exercise


def _number(answer) -> float:
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
        raise TypeError(f"답은 숫자 하나여야 합니다 (got {type(answer).__name__})")
    return float(answer)


@exercise("01.1", hint="W_x 는 n_inputs × n, W_y 는 n × n, b 는 n 개입니다. 모두 더하세요.",
          wrong=lambda: [70, 49, 56, 308])
def simple_rnn_parameters(answer):
    """Parameters of SimpleRNN(7) on 3 inputs: 7 * (3 + 7 + 1) = 77."""
    value = _number(answer)
    if value == 77:
        return None
    if value == 70:
        return "편향(bias) b 를 빠뜨렸습니다."
    return f"{answer:g} 개가 아닙니다."


def _last_output_cases():
    rng = np.random.default_rng(7)
    for batch, steps, n_in, units in [(2, 6, 3, 5), (1, 4, 2, 3)]:
        X = rng.normal(size=(batch, steps, n_in))
        W_x, W_y = rng.normal(size=(n_in, units)) * 0.5, rng.normal(size=(units, units)) * 0.5
        b = rng.normal(size=units) * 0.5
        yield X, W_x, W_y, b


def _reference_last(X, W_x, W_y, b):
    Y = np.zeros((X.shape[0], W_y.shape[0]))
    for t in range(X.shape[1]):
        Y = np.tanh(X[:, t] @ W_x + Y @ W_y + b)
    return Y


@exercise("01.2", hint="Y_t = tanh(X[:, t] @ W_x + Y_t @ W_y + b) 를 t = 0 … 마지막까지 반복하고 마지막 Y_t 만 돌려주세요 "
                       "(모양 (batch, neurons)).",
          wrong=lambda: [
              lambda X, W_x, W_y, b: np.tanh(X[:, -1] @ W_x + b),                      # no recurrence
              lambda X, W_x, W_y, b: _reference_last(X[:, :1], W_x, W_y, b),           # first step only
              lambda X, W_x, W_y, b: np.stack([_reference_last(X[:, :t + 1], W_x, W_y, b)
                                               for t in range(X.shape[1])], axis=1),   # every step
          ])
def rnn_last_output(answer):
    """``answer(X, W_x, W_y, b)`` returns the last output of the unrolled SimpleRNN."""
    if not callable(answer):
        return "함수(function)를 답으로 주세요: answer_01_2 = rnn_last"
    for X, W_x, W_y, b in _last_output_cases():
        expected = _reference_last(X, W_x, W_y, b)
        got = np.asarray(answer(X, W_x, W_y, b))
        if got.shape != expected.shape:
            return f"출력 모양이 {got.shape} 입니다. 마지막 스텝의 출력만, 모양 {expected.shape} 이어야 합니다."
        if not np.allclose(got, expected, atol=1e-5):
            return "모양은 맞지만 값이 SimpleRNN 의 마지막 출력과 다릅니다."
    return None


def _reference_jacobian(h, W_y):
    return np.diag(1.0 - np.asarray(h) ** 2) @ np.asarray(W_y).T


@exercise("01.3", hint="h_k = tanh(x_k W_x + h_{k-1} W_y + b) 이므로 ∂h_k[i]/∂h_{k-1}[j] = (1 - h_k[i]²) · W_y[j, i] "
                       "입니다: np.diag(1 - h_k**2) @ W_y.T",
          wrong=lambda: [
              lambda h, W_y: np.asarray(W_y).T,                                   # forgets tanh'
              lambda h, W_y: np.diag(1.0 - np.asarray(h) ** 2) @ np.asarray(W_y),  # no transpose
              lambda h, W_y: np.diag(np.asarray(h)) @ np.asarray(W_y).T,          # h instead of tanh'
          ])
def step_jacobian(answer):
    """``answer(h_k, W_y)`` is the one-step Jacobian dh_k/dh_{k-1} of a tanh RNN, checked numerically."""
    if not callable(answer):
        return "함수(function)를 답으로 주세요: answer_01_3 = step_jacobian"
    rng = np.random.default_rng(3)
    units = 4
    W_x, W_y, b = rng.normal(size=(1, units)), rng.normal(size=(units, units)), rng.normal(size=units)
    x, h_prev = rng.normal(size=(1,)), rng.normal(size=units) * 0.5
    step = lambda h: np.tanh(x @ W_x + h @ W_y + b)
    h = step(h_prev)
    eps = 1e-6
    numeric = np.stack([(step(h_prev + eps * e) - step(h_prev - eps * e)) / (2 * eps)
                        for e in np.eye(units)], axis=1)           # numeric[i, j] = dh[i] / dh_prev[j]
    got = np.asarray(answer(h, W_y), dtype=np.float64)
    if got.shape != (units, units):
        return f"모양이 {got.shape} 입니다. (units, units) = ({units}, {units}) 행렬이어야 합니다."
    if not np.allclose(got, numeric, atol=1e-5):
        return "수치 미분(numerical derivative)으로 잰 야코비안(Jacobian)과 다릅니다."
    return None
