"""Shared helpers for the RNN course workbook.

Importing the package loads nothing heavy: NumPy-only modules (``series``,
``dates``, the mode and metrics part of ``runtime``) work without TensorFlow.
Modules that need TensorFlow import it through :mod:`helpers.tf_quiet`, which
keeps TensorFlow's start-up log lines out of notebook outputs.
"""

__all__ = ["cells", "datasets", "dates", "exercises", "plots", "runtime", "series", "text", "training"]
