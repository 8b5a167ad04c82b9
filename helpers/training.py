"""Keras-side pieces shared by notebooks: an epoch logger, a metric, a gradient probe."""
from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf


class EpochLogger(keras.callbacks.Callback):
    """Print one short line every ``every`` epochs (instead of Keras progress bars).

    Used in: 02, 03, 04, 05-10.
    """

    def __init__(self, every: int = 5):
        super().__init__()
        if isinstance(every, bool) or not isinstance(every, (int, np.integer)) or every < 1:
            raise ValueError(f"every must be a positive integer, got {every!r}.")
        self.every = int(every)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        total = self.params.get("epochs", epoch + 1)
        if (epoch + 1) % self.every and epoch + 1 != total:
            return
        shown = ", ".join(f"{k}={v:.4g}" for k, v in (logs or {}).items())
        print(f"epoch {epoch + 1:>3}/{total}: {shown}")


def last_time_step_mse(y_true, y_pred):
    """Keras metric: MSE of the last time step only (the forecast that matters).

    Used in: 02.
    """
    return keras.ops.mean(keras.ops.square(y_true[:, -1] - y_pred[:, -1]))


def input_gradient_norms(layer, X) -> np.ndarray:
    """``|| d sum(layer(X)) / d x_t ||`` for every sample and time step, shape ``(batch, steps)``.

    How strongly the output at the end reacts to each input step: the probe
    behind the vanishing/exploding-gradient tables. ``layer`` is any callable
    Keras layer or model; ``X`` has shape ``(batch, steps, features)``.
    Used in: 01, 03.
    """
    X = np.asarray(X, dtype=np.float32)
    if X.ndim != 3:
        raise ValueError(f"X must have shape (batch, steps, features), got {X.shape}.")
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = tf.reduce_sum(layer(x))
    grads = tape.gradient(total, x)
    if grads is None:
        raise ValueError("the layer's output does not depend on X; pass the recurrent layer itself.")
    return tf.norm(grads, axis=2).numpy()
