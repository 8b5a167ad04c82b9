"""Time series: the deck's generator, windowing, targets and forecast metrics."""
from __future__ import annotations

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
    """
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
    """
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


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error of two arrays of the same number of values."""
    y_true, y_pred = np.asarray(y_true, dtype=np.float64), np.asarray(y_pred, dtype=np.float64)
    if y_true.size != y_pred.size:
        raise ValueError(f"shapes {y_true.shape} and {y_pred.shape} hold different numbers of values.")
    return float(np.mean((y_true.reshape(-1) - y_pred.reshape(-1)) ** 2))


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Root mean squared error, in the units of the data."""
    return float(np.sqrt(mse(y_true, y_pred)))
