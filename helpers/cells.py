"""NumPy reference implementations of SimpleRNN, LSTM and GRU forward passes.

They take the weights in Keras's layout (``layer.get_weights()``), so a
notebook can show that a few lines of NumPy compute exactly what the Keras
layer computes. Each returns the hidden state of every time step,
shape ``(batch, time, units)``.
"""
from __future__ import annotations

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + e^-x). Used in: lstm_forward, gru_forward."""
    return 1.0 / (1.0 + np.exp(-x))


def _check(x: np.ndarray, kernel: np.ndarray, recurrent: np.ndarray, gates: int) -> tuple[np.ndarray, int]:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 3:
        raise ValueError(f"inputs must have shape (batch, time, features), got {x.shape}.")
    units = recurrent.shape[0]
    if recurrent.shape != (units, gates * units):
        raise ValueError(f"recurrent kernel must have shape ({units}, {gates * units}), got {recurrent.shape}.")
    if kernel.shape != (x.shape[2], gates * units):
        raise ValueError(
            f"kernel must have shape (features={x.shape[2]}, {gates * units}), got {kernel.shape}."
        )
    return x, units


def simple_rnn_forward(x, kernel, recurrent_kernel, bias, h0=None) -> np.ndarray:
    """h_t = tanh(x_t W_x + h_{t-1} W_h + b), Keras ``SimpleRNN`` weights. Used in: 01."""
    x, units = _check(x, np.asarray(kernel), np.asarray(recurrent_kernel), 1)
    h = np.zeros((x.shape[0], units)) if h0 is None else np.asarray(h0, dtype=np.float64)
    states = []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ kernel + h @ recurrent_kernel + bias)
        states.append(h)
    return np.stack(states, axis=1)


def lstm_forward(x, kernel, recurrent_kernel, bias) -> np.ndarray:
    """Keras ``LSTM`` (gate order i, f, c, o in the weight columns).

    i = σ(x W_i + h U_i + b_i), f = σ(...), c̃ = tanh(...), o = σ(...),
    c_t = f ⊙ c_{t-1} + i ⊙ c̃, h_t = o ⊙ tanh(c_t).
    Used in: 03."""
    x, units = _check(x, np.asarray(kernel), np.asarray(recurrent_kernel), 4)
    h = np.zeros((x.shape[0], units))
    c = np.zeros_like(h)
    states = []
    for t in range(x.shape[1]):
        z = x[:, t] @ kernel + h @ recurrent_kernel + bias
        i, f, g, o = np.split(z, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        states.append(h)
    return np.stack(states, axis=1)


def gru_forward(x, kernel, recurrent_kernel, bias, reset_after: bool = True) -> np.ndarray:
    """Keras ``GRU`` (gate order z, r, h in the weight columns).

    z = σ(x W_z + h U_z + b_z), r = σ(x W_r + h U_r + b_r), h_t = z ⊙ h_{t-1} + (1 - z) ⊙ h̃.
    ``reset_after=False`` (the decks' formula): h̃ = tanh(x W_h + (r ⊙ h_{t-1}) U_h + b_h).
    ``reset_after=True`` (Keras default, cuDNN): h̃ = tanh(x W_h + b_h + r ⊙ (h_{t-1} U_h + b'_h)),
    with a second bias row ``b'`` for the recurrent part.
    Used in: 03."""
    x, units = _check(x, np.asarray(kernel), np.asarray(recurrent_kernel), 3)
    bias = np.asarray(bias)
    if reset_after:
        if bias.shape != (2, 3 * units):
            raise ValueError(f"with reset_after=True the bias has shape (2, {3 * units}), got {bias.shape}.")
        b_in, b_rec = bias
    else:
        if bias.shape != (3 * units,):
            raise ValueError(f"with reset_after=False the bias has shape ({3 * units},), got {bias.shape}.")
        b_in, b_rec = bias, np.zeros(3 * units)
    w_z, w_r, w_h = np.split(np.asarray(kernel), 3, axis=1)
    u_z, u_r, u_h = np.split(np.asarray(recurrent_kernel), 3, axis=1)
    bi_z, bi_r, bi_h = np.split(b_in, 3)
    br_z, br_r, br_h = np.split(b_rec, 3)
    h = np.zeros((x.shape[0], units))
    states = []
    for t in range(x.shape[1]):
        xt = x[:, t]
        z = sigmoid(xt @ w_z + bi_z + h @ u_z + br_z)
        r = sigmoid(xt @ w_r + bi_r + h @ u_r + br_r)
        if reset_after:
            h_tilde = np.tanh(xt @ w_h + bi_h + r * (h @ u_h + br_h))
        else:
            h_tilde = np.tanh(xt @ w_h + bi_h + (r * h) @ u_h)
        h = z * h + (1 - z) * h_tilde
        states.append(h)
    return np.stack(states, axis=1)
