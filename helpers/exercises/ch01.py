"""Checks of notebook 01's exercises (RNN basics). Used in: 01."""
from __future__ import annotations

import numpy as np

from helpers.exercises import checks, exercise


@exercise("01.1", hint="W_x 는 n_inputs × n, W_y 는 n × n, b 는 n 개입니다. 모두 더하세요.",
          wrong=lambda: [70,            # no bias
                         49, 56,        # W_y only; W_y and b only
                         28,            # no recurrent weights: 3*7 + 7
                         84,            # two biases per unit
                         308,           # an LSTM's four blocks
                         45,            # the table's (3 inputs, 5 units) row
                         77.5, "77", True])
def simple_rnn_parameters(answer):
    """Parameters of SimpleRNN(7) on 3 inputs: 7 * (3 + 7 + 1) = 77."""
    if problem := checks.not_integer(answer):
        return problem
    if answer == 77:
        return None
    if answer == 70:
        return "편향(bias) b 를 빠뜨렸습니다."
    if answer == 28:
        return "순환 가중치 W_y (7 × 7) 를 빠뜨렸습니다."
    if answer == 45:
        return "그것은 위 표의 (입력 3, 뉴런 5) 줄입니다. 뉴런이 7개일 때를 계산하세요."
    return f"{answer} 개가 아닙니다."


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


def _no_tanh_last(X, W_x, W_y, b):
    Y = np.zeros((X.shape[0], W_y.shape[0]))
    for t in range(X.shape[1]):
        Y = X[:, t] @ W_x + Y @ W_y + b
    return Y


@exercise("01.2", hint="Y_t = tanh(X[:, t] @ W_x + Y_t @ W_y + b) 를 t = 0 … 마지막까지 반복하고 마지막 Y_t 만 돌려주세요 "
                       "(모양 (batch, neurons)).",
          wrong=lambda: [
              lambda X, W_x, W_y, b: np.tanh(X[:, -1] @ W_x + b),                      # no recurrence
              lambda X, W_x, W_y, b: _reference_last(X[:, :1], W_x, W_y, b),           # first step only
              lambda X, W_x, W_y, b: np.stack([_reference_last(X[:, :t + 1], W_x, W_y, b)
                                               for t in range(X.shape[1])], axis=1),   # every step: rnn_forward copied
              lambda X, W_x, W_y, b: _reference_last(X, W_x, W_y.T, b),                # W_y transposed
              lambda X, W_x, W_y, b: _reference_last(X, W_x, W_y, 0 * b),              # bias forgotten
              lambda X, W_x, W_y, b: _reference_last(X[:, ::-1], W_x, W_y, b),         # runs backwards in time
              _no_tanh_last,                                                           # no activation
          ])
def rnn_last_output(answer):
    """``answer(X, W_x, W_y, b)`` returns the last output of the unrolled SimpleRNN."""
    if problem := checks.not_callable(answer, "answer_01_2"):
        return problem
    for X, W_x, W_y, b in _last_output_cases():
        expected = _reference_last(X, W_x, W_y, b)
        got = answer(X.copy(), W_x.copy(), W_y.copy(), b.copy())
        if problem := checks.wrong_shape(got, expected.shape, "출력"):
            return problem + " 마지막 스텝의 출력만 (batch, neurons) 로 돌려주세요."
        if problem := checks.not_close(got, expected, "출력", atol=1e-5):
            return problem + " SimpleRNN 의 마지막 출력과 다릅니다."
    return None


def _reference_jacobian(h, W_y):
    return np.diag(1.0 - np.asarray(h) ** 2) @ np.asarray(W_y).T


@exercise("01.3", hint="h_k = tanh(x_k W_x + h_{k-1} W_y + b) 이므로 ∂h_k[i]/∂h_{k-1}[j] = (1 - h_k[i]²) · W_y[j, i] "
                       "입니다: np.diag(1 - h_k**2) @ W_y.T",
          wrong=lambda: [
              lambda h, W_y: np.asarray(W_y).T,                                   # forgets tanh'
              lambda h, W_y: np.diag(1.0 - np.asarray(h) ** 2) @ np.asarray(W_y),  # no transpose
              lambda h, W_y: np.diag(np.asarray(h)) @ np.asarray(W_y).T,          # h instead of tanh'
              lambda h, W_y: np.asarray(W_y).T * (1.0 - np.asarray(h) ** 2),      # scales columns, not rows
              lambda h, W_y: np.asarray(W_y) @ np.diag(1.0 - np.asarray(h) ** 2), # the transpose of the answer
              lambda h, W_y: np.diag(1.0 - np.tanh(h) ** 2) @ np.asarray(W_y).T,  # tanh applied twice
              lambda h, W_y: np.diag(1.0 - np.asarray(h) ** 2),                   # forgets W_y
          ])
def step_jacobian(answer):
    """``answer(h_k, W_y)`` is the one-step Jacobian dh_k/dh_{k-1} of a tanh RNN, checked numerically."""
    if problem := checks.not_callable(answer, "answer_01_3"):
        return problem
    rng = np.random.default_rng(3)
    units = 4
    W_x, W_y, b = rng.normal(size=(1, units)), rng.normal(size=(units, units)), rng.normal(size=units)
    x, h_prev = rng.normal(size=(1,)), rng.normal(size=units) * 0.5
    step = lambda h: np.tanh(x @ W_x + h @ W_y + b)
    h = step(h_prev)
    eps = 1e-6
    numeric = np.stack([(step(h_prev + eps * e) - step(h_prev - eps * e)) / (2 * eps)
                        for e in np.eye(units)], axis=1)           # numeric[i, j] = dh[i] / dh_prev[j]
    got = answer(h.copy(), W_y.copy())
    if problem := checks.wrong_shape(got, (units, units), "야코비안"):
        return problem + " (units, units) 행렬이어야 합니다."
    if problem := checks.not_close(got, numeric, "야코비안", atol=1e-5):
        return problem + " 수치 미분(numerical derivative)으로 잰 야코비안(Jacobian)과 다릅니다."
    return None
