"""Checks of notebook 03's exercises (LSTM and GRU cells). Used in: 03."""
from __future__ import annotations

import numpy as np

from helpers import cells
from helpers.exercises import exercise


def _wrong_steps():
    sig = cells.sigmoid

    def swapped_gates(x_t, h, c, kernel, recurrent_kernel, bias):   # reads the columns as f, i, c, o
        f, i, g, o = np.split(x_t @ kernel + h @ recurrent_kernel + bias, 4, axis=-1)
        c = sig(f) * c + sig(i) * np.tanh(g)
        return sig(o) * np.tanh(c), c

    def no_tanh_on_output(x_t, h, c, kernel, recurrent_kernel, bias):
        i, f, g, o = np.split(x_t @ kernel + h @ recurrent_kernel + bias, 4, axis=-1)
        c = sig(f) * c + sig(i) * np.tanh(g)
        return sig(o) * c, c

    def multiplies_the_cell(x_t, h, c, kernel, recurrent_kernel, bias):
        i, f, g, o = np.split(x_t @ kernel + h @ recurrent_kernel + bias, 4, axis=-1)
        c = sig(f) * c * sig(i) * np.tanh(g)
        return sig(o) * np.tanh(c), c

    return [swapped_gates, no_tanh_on_output, multiplies_the_cell]


@exercise("03.1", hint="z = x_t @ kernel + h @ recurrent_kernel + bias 를 np.split(z, 4, axis=-1) 로 나누면 "
                       "Keras 순서 i, f, C̃, o 입니다. c = σ(f)·c + σ(i)·tanh(C̃), h = σ(o)·tanh(c).",
          wrong=_wrong_steps)
def lstm_step(answer):
    """``answer(x_t, h, c, kernel, recurrent_kernel, bias)`` returns ``(h, c)`` of one LSTM step."""
    if not callable(answer):
        return "함수(function)를 답으로 주세요: answer_03_1 = lstm_step"
    rng = np.random.default_rng(5)
    n_in, units = 3, 4
    kernel, recurrent = rng.normal(size=(n_in, 4 * units)), rng.normal(size=(units, 4 * units))
    bias = rng.normal(size=4 * units)
    x = rng.normal(size=(2, 3, n_in))
    expected = cells.lstm_forward(x, kernel, recurrent, bias)      # every h_t, (batch, time, units)
    h, c = np.zeros((2, units)), np.zeros((2, units))
    for t in range(x.shape[1]):
        out = answer(x[:, t], h, c, kernel, recurrent, bias)
        if not isinstance(out, tuple) or len(out) != 2:
            return "(h, c) 두 값을 튜플로 돌려주세요: return h, c"
        h, c = (np.asarray(v, dtype=np.float64) for v in out)
        if h.shape != (2, units) or c.shape != (2, units):
            return f"h 와 c 의 모양은 (batch, units) = (2, {units}) 이어야 합니다 (got {h.shape}, {c.shape})."
        if not np.allclose(h, expected[:, t], atol=1e-6):
            return f"스텝 {t} 의 h 가 helpers.cells.lstm_forward 와 다릅니다."
    return None


@exercise("03.2", hint="GRU 는 블록 3개(z, r, h̃), 블록마다 W (n_in × n), U (n × n), 편향 n 개. "
                       "reset_after=True 는 순환 쪽 편향 n 개가 블록마다 더 있습니다: 3n(n_in + n + 2).",
          wrong=lambda: [1296, 1728, 1776, 432])
def gru_parameters(answer):
    """Parameters of keras.layers.GRU(16) (reset_after=True) on 10 input features: 3*16*(10+16+2) = 1344."""
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer, float)):
        return f"답은 정수 하나여야 합니다 (got {type(answer).__name__})."
    if answer == 1344:
        return None
    if answer == 1296:
        return "그것은 reset_after=False (덱의 식) 의 수입니다. Keras 기본값은 reset_after=True."
    if answer == 1728:
        return "그것은 블록이 4개인 LSTM 의 수입니다."
    return f"{answer} 개가 아닙니다."


def _wrong_optimizers():
    import keras

    return [keras.optimizers.Adam(learning_rate=0.005),
            keras.optimizers.Adam(learning_rate=0.005, clipvalue=1.0),
            keras.optimizers.Adam(learning_rate=0.001, clipnorm=1.0),
            keras.optimizers.SGD(learning_rate=0.005, clipnorm=1.0)]


@exercise("03.3", hint="keras.optimizers.Adam(learning_rate=0.005, clipnorm=1.0): 그래디언트 전체의 노름이 1 을 넘으면 "
                       "방향은 두고 길이만 1 로 줄입니다. clipvalue 는 원소마다 잘라 방향이 바뀝니다.",
          wrong=_wrong_optimizers)
def clipped_adam(answer):
    """A Keras Adam optimizer with learning rate 0.005 and gradient clipping by norm 1.0."""
    import keras

    if not isinstance(answer, keras.optimizers.Adam):
        return f"keras.optimizers.Adam 이 아닙니다 (got {type(answer).__name__})."
    if not np.isclose(float(keras.ops.convert_to_numpy(answer.learning_rate)), 0.005):
        return "학습률은 본문 모델과 같은 0.005 여야 합니다."
    if answer.clipnorm is None or not np.isclose(answer.clipnorm, 1.0):
        return "노름으로 자르는 clipnorm=1.0 이 없습니다" + (" (clipvalue 가 아니라)." if answer.clipvalue else ".")
    return None
