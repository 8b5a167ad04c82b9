"""Shared helpers for the RNN course workbook.

Importing the package first keeps TensorFlow's C++ start-up log lines (CUDA
probing, oneDNN notices) out of notebook outputs: TensorFlow 2.21 writes them
to the process's stderr before ``TF_CPP_MIN_LOG_LEVEL`` takes effect, so the
first import of TensorFlow happens here with that stream muted. It also drops
one false alarm of TensorFlow's Python logger (see ``KerasRetracingNoticeFilter``).
"""
import logging
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _import_tensorflow_quietly() -> None:
    if "tensorflow" in sys.modules:
        return
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import tensorflow  # noqa: F401
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


_import_tensorflow_quietly()


class KerasRetracingNoticeFilter(logging.Filter):
    """Drop TensorFlow's "N out of the last M calls to <function TensorFlowTrainer...> triggered tf.function
    retracing" warning.

    Every Keras model builds its own train/test/predict functions from the same Keras code, and TensorFlow's
    heuristic counts them as one function retraced. A notebook that trains several models on purpose (02, 08,
    10) triggers it although nothing is retraced needlessly. The same warning about any other function (for
    example one a student writes) still shows.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("triggered tf.function retracing" in message and "TensorFlowTrainer" in message)


def _install_log_filter() -> None:
    import tensorflow as tf

    logger = tf.get_logger()
    if not any(type(f).__name__ == "KerasRetracingNoticeFilter" for f in logger.filters):   # also after a reload
        logger.addFilter(KerasRetracingNoticeFilter())


_install_log_filter()

__all__ = ["runtime", "series", "datasets", "plots", "cells"]
