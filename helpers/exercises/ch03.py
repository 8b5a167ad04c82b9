"""Checks of notebook 03's exercises (LSTM and GRU cells). Used in: 03."""
from __future__ import annotations

import numpy as np

from helpers import cells
from helpers.exercises import checks, exercise


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

    def returns_c_then_h(x_t, h, c, kernel, recurrent_kernel, bias):
        h, c = cells_step(x_t, h, c, kernel, recurrent_kernel, bias)
        return c, h

    def output_from_the_old_cell(x_t, h, c, kernel, recurrent_kernel, bias):
        i, f, g, o = np.split(x_t @ kernel + h @ recurrent_kernel + bias, 4, axis=-1)
        return sig(o) * np.tanh(c), sig(f) * c + sig(i) * np.tanh(g)

    def no_sigmoid_on_forget(x_t, h, c, kernel, recurrent_kernel, bias):
        i, f, g, o = np.split(x_t @ kernel + h @ recurrent_kernel + bias, 4, axis=-1)
        c = f * c + sig(i) * np.tanh(g)
        return sig(o) * np.tanh(c), c

    return [swapped_gates, no_tanh_on_output, multiplies_the_cell, returns_c_then_h, output_from_the_old_cell,
            no_sigmoid_on_forget]


def cells_step(x_t, h, c, kernel, recurrent_kernel, bias):
    """One LSTM step in Keras's layout (the reference the wrong answers start from)."""
    sig = cells.sigmoid
    i, f, g, o = np.split(x_t @ kernel + h @ recurrent_kernel + bias, 4, axis=-1)
    c = sig(f) * c + sig(i) * np.tanh(g)
    return sig(o) * np.tanh(c), c


@exercise("03.1", hint="z = x_t @ kernel + h @ recurrent_kernel + bias 를 np.split(z, 4, axis=-1) 로 나누면 "
                       "Keras 순서 i, f, C̃, o 입니다. c = σ(f)·c + σ(i)·tanh(C̃), h = σ(o)·tanh(c).",
          wrong=_wrong_steps)
def lstm_step(answer):
    """``answer(x_t, h, c, kernel, recurrent_kernel, bias)`` returns ``(h, c)`` of one LSTM step."""
    if problem := checks.not_callable(answer, "answer_03_1"):
        return problem
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
        h, c = out
        for name, value in [("h", h), ("c", c)]:
            if problem := checks.wrong_shape(value, (2, units), name):
                return problem + " h 와 c 는 (batch, units) 입니다."
        if problem := checks.not_close(h, expected[:, t], f"스텝 {t} 의 h", atol=1e-6):
            return problem + " helpers.cells.lstm_forward 와 비교했습니다. 돌려주는 순서는 (h, c) 입니다."
        h, c = np.asarray(h, dtype=np.float64), np.asarray(c, dtype=np.float64)
    return None


@exercise("03.2", hint="GRU 는 블록 3개(z, r, h̃), 블록마다 W (n_in × n), U (n × n), 편향 n 개. "
                       "reset_after=True 는 순환 쪽 편향 n 개가 블록마다 더 있습니다: 3n(n_in + n + 2).",
          wrong=lambda: [1296,      # reset_after=False (the deck's formula)
                         1728,      # an LSTM's four blocks
                         1776,      # four blocks and two biases
                         432,       # a SimpleRNN
                         1328,      # one recurrent bias row instead of three blocks' worth: 3*16*27 + 32
                         510,       # the table's (5 inputs, 10 units) GRU row
                         1344.0, "1344"])
def gru_parameters(answer):
    """Parameters of keras.layers.GRU(16) (reset_after=True) on 10 input features: 3*16*(10+16+2) = 1344."""
    if problem := checks.not_integer(answer):
        return problem
    if answer == 1344:
        return None
    if answer == 1296:
        return "그것은 reset_after=False (덱의 식) 의 수입니다. Keras 기본값은 reset_after=True."
    if answer == 1728:
        return "그것은 블록이 4개인 LSTM 의 수입니다."
    return f"{answer} 개가 아닙니다."


def _reference_clip_each(grads, max_norm):
    out = []
    for g in grads:
        g = np.asarray(g, dtype=np.float64)
        norm = np.sqrt(np.sum(g ** 2))
        out.append(g * (max_norm / norm) if norm > max_norm else g)
    return out


def _clip_global(grads, max_norm):
    grads = [np.asarray(g, dtype=np.float64) for g in grads]
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    return [g * min(1.0, max_norm / total) for g in grads]


def _clip_rows(grads, max_norm):              # clips each row of a matrix, not the whole variable
    out = []
    for g in grads:
        g = np.asarray(g, dtype=np.float64)
        norms = np.linalg.norm(np.atleast_2d(g), axis=-1, keepdims=True)
        out.append((np.atleast_2d(g) * np.minimum(1.0, max_norm / np.maximum(norms, 1e-12))).reshape(g.shape))
    return out


def _wrong_clippers():
    return [
        _clip_global,                                                                      # global_clipnorm
        lambda grads, max_norm: [np.clip(g, -max_norm, max_norm) for g in grads],         # clipvalue
        lambda grads, max_norm: [np.asarray(g) * max_norm / np.linalg.norm(g) for g in grads],  # always rescales
        lambda grads, max_norm: list(grads),                                               # no clipping
        lambda grads, max_norm: [g * (1.0 / np.linalg.norm(g)) if np.linalg.norm(g) > 1.0 else g
                                 for g in map(np.asarray, grads)],                         # max_norm fixed at 1
        _clip_rows,                                                                        # per row
        lambda grads, max_norm: [np.array([0.6, 0.8]), np.array([0.3, 0.4])],             # the demo's output typed in
    ]


def _clip_cases():
    rng = np.random.default_rng(3)
    big_matrix = rng.normal(size=(3, 4)) * 2.0                 # norm about 7: clipped
    small = np.array([0.3, -0.2, 0.1])                         # norm 0.37: left alone
    medium = np.array([1.2, -1.6])                             # norm 2.0: clipped at 1, not at 2.5
    zero = np.zeros(2)                                         # a variable that got no gradient
    return [([big_matrix, small, medium, zero], 1.0), ([big_matrix, medium, small], 2.5)]


@exercise("03.3", hint="변수마다 따로: norm = np.sqrt(np.sum(g**2)); norm > max_norm 이면 g * (max_norm / norm), 아니면 g 그대로. "
                       "모든 그래디언트를 한 벡터로 보는 것은 global_clipnorm 입니다.",
          wrong=_wrong_clippers)
def clip_each(answer):
    """``answer(grads, max_norm)`` clips each array's L2 norm to ``max_norm``, as Keras's ``clipnorm`` does."""
    if problem := checks.not_callable(answer, "answer_03_3"):
        return problem
    for grads, max_norm in _clip_cases():
        with np.errstate(all="ignore"):
            got = answer([g.copy() for g in grads], max_norm)
        expected = _reference_clip_each(grads, max_norm)
        if not isinstance(got, (list, tuple)) or len(got) != len(grads):
            return f"그래디언트 {len(grads)} 개의 리스트를 받았으니, 자른 배열 {len(grads)} 개의 리스트를 돌려주세요."
        for k, (g, e) in enumerate(zip(got, expected)):
            if problem := checks.not_close(g, e, f"max_norm={max_norm} 일 때 {k} 번째 배열", atol=1e-6):
                norm = float(np.sqrt(np.sum(np.asarray(grads[k]) ** 2)))
                return problem + f" (이 배열의 노름은 {norm:.3g} 입니다.)"
    return None
