"""Import TensorFlow without its start-up log lines, and drop one false alarm of its logger.

TensorFlow 2.19-2.21 writes C++ start-up lines (CUDA probing, oneDNN notices)
to the process's stderr before ``TF_CPP_MIN_LOG_LEVEL`` takes effect, so the
first import happens here with that stream muted. Every helper that needs
TensorFlow or Keras gets it through :func:`import_tensorflow` (``training``,
``text``, ``runtime.seed_everything``), so a notebook's setup cell stays clean
while NumPy-only helpers (``series``, ``dates``, the metrics of ``runtime``)
never load TensorFlow at all.
"""
from __future__ import annotations

import logging
import os
import sys
from types import ModuleType

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


class KerasRetracingNoticeFilter(logging.Filter):
    """Drop TensorFlow's "N out of the last M calls to <function TensorFlowTrainer...> triggered tf.function
    retracing" warning.

    Every Keras model builds its own train/test/predict functions from the same Keras code, and TensorFlow's
    heuristic counts them as one function retraced. A notebook that trains several models on purpose (02, 08,
    10) triggers it although nothing is retraced needlessly. The same warning about any other function (for
    example one a student writes) still shows. Used in: import_tensorflow.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("triggered tf.function retracing" in message and "TensorFlowTrainer" in message)


def _import_muted() -> ModuleType:
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no file descriptor 2 (some embedded interpreters): import as is
        import tensorflow

        return tensorflow
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import tensorflow
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
    return tensorflow


def import_tensorflow() -> ModuleType:
    """Return the ``tensorflow`` module, imported quietly, with the retracing filter installed once.

    Used in: helpers.runtime, helpers.training, helpers.text (every notebook through them).
    """
    tf = _import_muted()
    logger = tf.get_logger()
    if not any(type(f).__name__ == "KerasRetracingNoticeFilter" for f in logger.filters):  # also after a reload
        logger.addFilter(KerasRetracingNoticeFilter())
    return tf
