"""Time series: the deck's generator, windowing, forecasts and metrics (NumPy only)."""
from __future__ import annotations

from typing import Callable

import numpy as np


def _positive_int(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}.")
    return int(value)


def generate_time_series(batch_size: int, n_steps: int, seed: int | None = None) -> np.ndarray:
    """Two sine waves plus noise, shape ``(batch_size, n_steps, 1)``, float32.

    This is deck 000's (and *Hands-On ML*'s) generator. With ``seed=None`` it
    draws from NumPy's global generator, so ``np.random.seed(42)`` followed by
    ``generate_time_series(10000, 51)`` gives exactly the deck's data.
    Used in: 00, 02."""
    batch_size = _positive_int("batch_size", batch_size)
    n_steps = _positive_int("n_steps", n_steps)
    rng = np.random if seed is None else np.random.RandomState(seed)
    freq1, freq2, offsets1, offsets2 = rng.rand(4, batch_size, 1)
    time = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))  # wave 1
    series += 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20))  # + wave 2
    series += 0.1 * (rng.rand(batch_size, n_steps) - 0.5)  # + noise
    return series[..., np.newaxis].astype(np.float32)


def make_windows(
    series: np.ndarray, window: int, horizon: int = 1, stride: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Cut one series into (input window, following ``horizon`` values) pairs.

    ``series`` has shape ``(time,)`` or ``(time, features)``. Returns ``X`` of
    shape ``(n, window, features)`` and ``y`` of shape ``(n, horizon, features)``
    where ``y[i]`` directly follows ``X[i]``. No Python loop: the windows are
    views made by ``sliding_window_view``.
    Used in: 04."""
    series = np.asarray(series)
    if series.ndim == 1:
        series = series[:, np.newaxis]
    if series.ndim != 2:
        raise ValueError(
            f"series must have shape (time,) or (time, features), got {series.shape}."
        )
    window = _positive_int("window", window)
    horizon = _positive_int("horizon", horizon)
    stride = _positive_int("stride", stride)
    if window + horizon > len(series):
        raise ValueError(
            f"A window of {window} steps plus {horizon} target step(s) needs at least "
            f"{window + horizon} time steps, but the series has only {len(series)}. "
            "Use a shorter window or a longer series."
        )
    if np.isnan(series).any():
        raise ValueError("series contains NaN values; drop or fill them before windowing.")
    views = np.lib.stride_tricks.sliding_window_view(series, window + horizon, axis=0)
    views = views.transpose(0, 2, 1)[::stride]  # (n, window + horizon, features)
    return views[:, :window].copy(), views[:, window:].copy()


def iterative_forecast(
    predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray, steps: int, window: int | None = None
) -> np.ndarray:
    """Forecast ``steps`` values ahead one step at a time, feeding each forecast back in.

    ``predict`` maps inputs of shape ``(batch, window, features)`` to the next
    value, shape ``(batch, features)`` or ``(batch, 1)`` for one feature (a Keras
    model works: pass ``model`` or ``lambda x: model.predict(x, verbose=0)``).
    The input always holds the **last ``window`` steps** (default: as many as
    ``X`` has), so the model always sees inputs as long as those it was trained
    on: the window slides forward and the oldest value drops out. Returns the
    forecasts, shape ``(batch, steps, features)``. Used in: 02, 04.
    """
    X = np.asarray(X)
    if X.ndim != 3:
        raise ValueError(f"X must have shape (batch, time steps, features), got {X.shape}.")
    steps = _positive_int("steps", steps)
    window = X.shape[1] if window is None else _positive_int("window", window)
    if window > X.shape[1]:
        raise ValueError(f"window={window} is longer than the {X.shape[1]} input steps of X.")
    if not callable(predict):
        raise ValueError("predict must be a callable (e.g. a Keras model) mapping X to the next value.")
    batch, features = X.shape[0], X.shape[2]
    history = X[:, -window:].astype(np.float32)
    forecasts = []
    for _ in range(steps):
        next_value = np.asarray(predict(history[:, -window:]), dtype=np.float32)
        if next_value.size != batch * features:
            raise ValueError(
                f"predict returned shape {next_value.shape}; expected one next value per series "
                f"and feature, i.e. ({batch}, {features})."
            )
        next_value = next_value.reshape(batch, 1, features)
        forecasts.append(next_value)
        history = np.concatenate([history[:, 1:], next_value], axis=1)
    return np.concatenate(forecasts, axis=1)


def naive_forecast(X: np.ndarray, steps: int = 1) -> np.ndarray:
    """The naive baseline: repeat the last input value ``steps`` times.

    ``X`` has shape ``(batch, time steps, features)``; returns
    ``(batch, steps, features)``. Used in: 02, 04.
    """
    X = np.asarray(X)
    if X.ndim != 3 or X.shape[1] < 1:
        raise ValueError(f"X must have shape (batch, time steps >= 1, features), got {X.shape}.")
    steps = _positive_int("steps", steps)
    return np.repeat(X[:, -1:], steps, axis=1)


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error of two arrays of the same number of values. Used in: 02."""
    y_true, y_pred = np.asarray(y_true, dtype=np.float64), np.asarray(y_pred, dtype=np.float64)
    if y_true.size != y_pred.size:
        raise ValueError(f"shapes {y_true.shape} and {y_pred.shape} hold different numbers of values.")
    return float(np.mean((y_true.reshape(-1) - y_pred.reshape(-1)) ** 2))


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Root mean squared error, in the units of the data. Used in: 04."""
    return float(np.sqrt(mse(y_true, y_pred)))
