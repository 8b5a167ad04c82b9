"""Keras-side pieces shared by notebooks: an epoch logger, a metric, a gradient probe, a build step."""
from __future__ import annotations

import numpy as np

from helpers.tf_quiet import import_tensorflow

tf = import_tensorflow()
import keras  # noqa: E402  (after TensorFlow's quiet import)


class EpochLogger(keras.callbacks.Callback):
    """Print one short line every ``every`` epochs (instead of Keras progress bars).

    Used in: 02-04, 06-10.
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


def build_training_state(model: keras.Model, x_batch, y_batch) -> keras.Model:
    """Create a compiled model's weights, metric variables and optimizer slots before ``fit``.

    With the TensorFlow backend Keras creates the optimizer's slots (Adam's
    moments) and the metrics' counters inside the first traced training step,
    and TensorFlow then traces that step a second time without creating them.
    Building them first, symbolically, as Keras does on its other backends,
    saves that second trace: 1-2 s per recurrent model on a CPU, often more
    than a quick-mode epoch. Training itself is unchanged (same initial
    values, same updates). ``x_batch``, ``y_batch``: one batch of training
    data (a few samples are enough; a stateful model needs its full batch).

    The build uses Keras's private ``Model._symbolic_build``. Where it is
    missing, or fails (a Keras version that changed it; Keras 3.10 with
    ``keras.layers.Attention``), nothing is built here and ``fit`` builds the
    state itself, as it always can: a newer Keras costs a second or two,
    never a failed notebook. Returns the model.
    Used in: 02, 03, 04, 06, 07, 08, 10.
    """
    if not isinstance(model, keras.Model):
        raise ValueError(f"model must be a keras.Model, got {type(model).__name__}.")
    if getattr(model, "optimizer", None) is None:
        raise ValueError("compile the model first (model.compile(optimizer=..., loss=...)), then build its training state.")
    n_x = len(keras.tree.flatten(x_batch)[0])
    n_y = len(keras.tree.flatten(y_batch)[0])
    if n_x == 0 or n_x != n_y:
        raise ValueError(f"x_batch and y_batch must hold the same number (>= 1) of samples, got {n_x} and {n_y}.")
    symbolic_build = getattr(model, "_symbolic_build", None)  # private: Keras's own build, deferred on TensorFlow
    if callable(symbolic_build):
        try:
            symbolic_build(data_batch=(x_batch, y_batch, None))
        except Exception:  # noqa: BLE001  any failure of a private API: fit() builds what is missing
            pass
    return model


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
