"""Run mode, seeds and determinism, environment report, metrics and checks.

Every notebook starts with ``runtime.start_notebook("NN_topic")``: it reads the
run mode, seeds every random generator, turns on TensorFlow op determinism and
remembers the notebook's name so that ``record_metric`` knows where to file
its numbers.
"""
from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Any, TypeVar

import keras
import numpy as np
import tensorflow as tf

MODES = ("full", "quick")
T = TypeVar("T")

_current_notebook: str | None = None


class ExpectationError(AssertionError):
    """A notebook's result is worse than the number its text promises."""


# ---------------------------------------------------------------- run mode
def get_mode() -> str:
    """Return the run mode from ``WORKBOOK_MODE``: ``"full"`` (default) or ``"quick"``."""
    raw = os.environ.get("WORKBOOK_MODE", "full")
    mode = raw.strip().lower() or "full"
    if mode not in MODES:
        raise ValueError(
            f"WORKBOOK_MODE={raw!r} is not a run mode. Use WORKBOOK_MODE=full "
            "(default: the sizes behind the numbers quoted in the text) or "
            "WORKBOOK_MODE=quick (smaller data, fewer epochs, for CI and live demos)."
        )
    return mode


def is_quick() -> bool:
    """True when the workbook runs in quick mode."""
    return get_mode() == "quick"


def by_mode(full: T, quick: T) -> T:
    """Pick the full-mode or the quick-mode value, e.g. ``epochs = by_mode(20, 3)``."""
    return quick if is_quick() else full


# ---------------------------------------------------------------- seeds
def seed_everything(seed: int = 42) -> None:
    """Seed Python, NumPy, TensorFlow and Keras and make TF ops deterministic."""
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}.")
    os.environ["PYTHONHASHSEED"] = str(seed)
    keras.utils.set_random_seed(int(seed))
    tf.config.experimental.enable_op_determinism()


# ---------------------------------------------------------------- paths
def project_root() -> Path:
    """The workbook's root folder (the one holding ``pyproject.toml``).

    Falls back to the current folder when the helpers were installed without
    the repository (e.g. ``pip install git+...`` in Colab).
    """
    root = Path(__file__).resolve().parents[1]
    return root if (root / "pyproject.toml").exists() else Path.cwd()


def results_dir(mode: str | None = None) -> Path:
    """Where metrics are written: ``results/`` for full runs, ``results/quick/`` otherwise.

    ``WORKBOOK_RESULTS_DIR`` overrides the base folder (the tests use it).
    """
    mode = mode or get_mode()
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}.")
    base = Path(os.environ.get("WORKBOOK_RESULTS_DIR", project_root() / "results"))
    return base if mode == "full" else base / "quick"


def display_path(path: str | os.PathLike) -> str:
    """A path fit for committed outputs: relative to the current folder, or its
    last two parts after ``…/`` (absolute paths differ from machine to machine)."""
    path = Path(path)
    if not path.is_absolute():
        return str(path)
    try:
        return os.path.relpath(path) if path.is_relative_to(Path.cwd().parent) else "…/" + "/".join(path.parts[-2:])
    except ValueError:  # another drive on Windows
        return "…/" + "/".join(path.parts[-2:])


# ---------------------------------------------------------------- notebook start
def start_notebook(stem: str, seed: int = 42) -> str:
    """Seed everything, remember the notebook's name and print the mode line.

    Returns the mode so that a notebook can write ``MODE = runtime.start_notebook(...)``.
    """
    global _current_notebook
    if not stem or not isinstance(stem, str):
        raise ValueError("start_notebook needs the notebook's name, e.g. '02_time_series_forecasting'.")
    mode = get_mode()
    seed_everything(seed)
    _current_notebook = stem
    print(f"{stem}: mode={mode}, seed={seed}")
    return mode


def environment_report() -> dict[str, Any]:
    """Versions, hardware and settings that explain a notebook's numbers."""
    gpus = [d.name for d in tf.config.list_physical_devices("GPU")]
    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "platform": f"{platform.system()} {platform.machine()}",
        "cpu_cores": os.cpu_count(),
        "gpus": gpus or ["none (CPU only)"],
        "mode": get_mode(),
        "data_dir": display_path(os.environ["WORKBOOK_DATA_DIR"]) if os.environ.get("WORKBOOK_DATA_DIR")
        else "(not set)",
        "colab": "google.colab" in sys.modules,
    }


# ---------------------------------------------------------------- metrics
def _metrics_file(mode: str | None = None) -> Path:
    return results_dir(mode) / "metrics.json"


def load_metrics(mode: str | None = None) -> dict[str, dict[str, float]]:
    """Read the recorded metrics ``{notebook_stem: {name: value}}`` of a mode."""
    path = _metrics_file(mode)
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def record_metric(name: str, value: float, notebook: str | None = None) -> float:
    """File ``value`` under ``name`` for the current notebook and return it.

    Full runs write ``results/metrics.json``; quick runs write
    ``results/quick/metrics.json`` so they never overwrite the full figures.
    """
    stem = notebook or _current_notebook
    if stem is None:
        raise ValueError("Call runtime.start_notebook('NN_topic') before record_metric().")
    if not name or not isinstance(name, str):
        raise ValueError(f"metric name must be a non-empty string, got {name!r}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"metric {name!r} is {value}; a recorded metric must be a finite number.")
    path = _metrics_file()
    metrics = load_metrics()
    metrics.setdefault(stem, {})[name] = float(f"{value:.6g}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return value


# ---------------------------------------------------------------- expectations
def _expect(name: str, value: float, bound: float, higher_is_better: bool) -> None:
    value = float(value)
    ok = value >= bound if higher_is_better else value <= bound
    sign = "≥" if higher_is_better else "≤"
    mode = get_mode()
    if not ok:
        raise ExpectationError(
            f"{name} = {value:.4g}, but a {mode}-mode run must reach {sign} {bound:.4g}. "
            "The model did not learn what the text says it learns: check the cells above "
            "(data, model, epochs) before trusting any number below."
        )
    print(f"OK  {name} = {value:.4g} {sign} {bound:.4g} ({mode} mode)")


def expect_at_most(name: str, value: float, *, full: float, quick: float) -> None:
    """Fail loudly unless ``value`` is at most the bound of the current mode."""
    _expect(name, value, by_mode(full, quick), higher_is_better=False)


def expect_at_least(name: str, value: float, *, full: float, quick: float) -> None:
    """Fail loudly unless ``value`` is at least the bound of the current mode."""
    _expect(name, value, by_mode(full, quick), higher_is_better=True)


# ---------------------------------------------------------------- training log
class EpochLogger(keras.callbacks.Callback):
    """Print one short line every ``every`` epochs (instead of Keras progress bars)."""

    def __init__(self, every: int = 5):
        super().__init__()
        if every < 1:
            raise ValueError(f"every must be >= 1, got {every}.")
        self.every = every

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        total = self.params.get("epochs", epoch + 1)
        if (epoch + 1) % self.every and epoch + 1 != total:
            return
        shown = ", ".join(f"{k}={v:.4g}" for k, v in (logs or {}).items())
        print(f"epoch {epoch + 1:>3}/{total}: {shown}")
