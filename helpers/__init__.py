"""Shared helpers for the RNN course workbook.

Importing the package first keeps TensorFlow's C++ start-up log lines (CUDA
probing, oneDNN notices) out of notebook outputs: TensorFlow 2.21 writes them
to the process's stderr before ``TF_CPP_MIN_LOG_LEVEL`` takes effect, so the
first import of TensorFlow happens here with that stream muted.
"""
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

__all__ = ["runtime", "series", "datasets", "plots", "cells"]
