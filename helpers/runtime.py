"""Run mode, seeds and determinism, environment report, metrics and checks.

Every notebook starts with ``runtime.start_notebook("NN_topic")``: it reads the
run mode, seeds every random generator, turns on TensorFlow op determinism,
applies the figure style and remembers the notebook's name so that
``record_metrics`` knows where to file its numbers.
"""
from __future__ import annotations

import json
import math
import numbers
import os
import platform
import sys
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from helpers.files import update_json_locked

MODES = ("full", "quick")
MODE_VAR = "WORKBOOK_MODE"
DATA_DIR_VAR = "WORKBOOK_DATA_DIR"
T = TypeVar("T")

_current_notebook: str | None = None


class ExpectationError(AssertionError):
    """A notebook's result is worse than the number its text promises. Used in: expect_at_most, expect_at_least."""


# ---------------------------------------------------------------- run mode
_mode_override: str | None = None


def default_mode() -> str:
    """``"quick"`` under pytest (tests never overwrite the full results), else ``"full"``. Used in: get_mode."""
    return "quick" if "PYTEST_CURRENT_TEST" in os.environ or "pytest" in sys.modules else "full"


def get_mode() -> str:
    """Return the run mode: ``"full"`` or ``"quick"``.

    Read from :func:`set_mode` (a notebook's setup cell) first, then from
    ``WORKBOOK_MODE``; unset or empty means full mode, except under pytest,
    where it means quick mode. Used in: 00.
    """
    if _mode_override is not None:
        return _mode_override
    raw = os.environ.get(MODE_VAR, "")
    mode = raw.strip().lower() or default_mode()
    if mode not in MODES:
        raise ValueError(
            f"실행 모드 WORKBOOK_MODE={raw!r} 를 알 수 없습니다: full 또는 quick 으로 설정하세요.\n"
            f"WORKBOOK_MODE={raw!r} is not a run mode. Use WORKBOOK_MODE=full "
            "(default: the sizes behind the numbers quoted in the text) or "
            "WORKBOOK_MODE=quick (smaller data, fewer epochs, for CI and live demos)."
        )
    return mode


def set_mode(mode: str | None) -> None:
    """Switch this kernel's run mode from inside a notebook (Colab has no shell before Jupyter).

    ``runtime.set_mode("quick")`` before ``start_notebook``; ``set_mode(None)``
    goes back to ``WORKBOOK_MODE``. Used in: all notebooks (the setup cell's switch).
    """
    global _mode_override
    if mode is not None:
        mode = str(mode).strip().lower()
        if mode not in MODES:
            raise ValueError(f"실행 모드는 'full' 또는 'quick' 입니다: runtime.set_mode(\"quick\") 처럼 쓰세요.\n"
                             f"set_mode({mode!r}): the run mode is 'full' or 'quick'.")
    _mode_override = mode


def is_quick() -> bool:
    """True when the workbook runs in quick mode. Used in: 02, 04, 08, 10."""
    return get_mode() == "quick"


def by_mode(full: T, quick: T) -> T:
    """Pick the full-mode or the quick-mode value, e.g. ``epochs = by_mode(20, 3)``. Used in: 00, 02-04, 06-10."""
    return quick if is_quick() else full


# ---------------------------------------------------------------- seeds
def seed_everything(seed: int = 42) -> None:
    """Seed Python, NumPy, TensorFlow and Keras and make TF ops deterministic. Used in: 03, 06-10."""
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}.")
    os.environ["PYTHONHASHSEED"] = str(seed)
    from helpers.tf_quiet import import_tensorflow  # here: the mode, metrics and path helpers need no TensorFlow

    tf = import_tensorflow()
    import keras

    keras.utils.set_random_seed(int(seed))
    tf.config.experimental.enable_op_determinism()


# ---------------------------------------------------------------- paths
def project_root() -> Path:
    """The workbook's root folder (the one holding ``pyproject.toml``).

    Falls back to the current folder when the helpers were installed without
    the repository (e.g. ``pip install git+...`` in Colab).
    Used in: 08, 09 (files written under data/cache/), helpers.datasets, results_dir.
    """
    root = Path(__file__).resolve().parents[1]
    return root if (root / "pyproject.toml").exists() else Path.cwd()


def resolve_data_dir(raw: str | None = None) -> Path | None:
    """The folder named by ``$WORKBOOK_DATA_DIR`` as an absolute path, or ``None`` when unset.

    ``~`` is expanded; a relative path is tried from the current folder, then
    from the workbook's root (notebooks run inside ``notebooks/``). The one
    place that reads the variable: loaders, ``conftest.py`` and
    ``tools/run_notebooks.py`` all call it. Used in: helpers.datasets (every loader), conftest.py,
    tools/run_notebooks.py.
    """
    raw = os.environ.get(DATA_DIR_VAR, "") if raw is None else raw
    raw = raw.strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, project_root() / path]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    raise ValueError(
        f"{DATA_DIR_VAR} 가 가리키는 폴더가 없습니다: 강의용 데이터 폴더 경로로 고치거나 변수를 지우세요.\n"
        f"{DATA_DIR_VAR}={raw!r} is not a folder (looked in: "
        f"{', '.join(str(c) for c in candidates)}). Point it at the local datasets "
        f"folder, e.g. export {DATA_DIR_VAR}=../shared/datasets, or unset it to download."
    )


def export_absolute_data_dir() -> Path | None:
    """Rewrite ``$WORKBOOK_DATA_DIR`` as an absolute path so child kernels (run in
    ``notebooks/``) find the same folder. Used by ``conftest.py`` and ``tools/run_notebooks.py``."""
    path = resolve_data_dir()
    if path is not None:
        os.environ[DATA_DIR_VAR] = str(path)
    return path


def results_dir(mode: str | None = None) -> Path:
    """Where metrics are written: ``results/`` for full runs, ``results/quick/`` otherwise.

    ``WORKBOOK_RESULTS_DIR`` overrides the base folder (the tests use it).
    Used in: record_metrics, load_metrics.
    """
    mode = mode or get_mode()
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}.")
    base = Path(os.environ.get("WORKBOOK_RESULTS_DIR", project_root() / "results"))
    return base if mode == "full" else base / "quick"


def display_path(path: str | os.PathLike) -> str:
    """A path fit for committed outputs: relative to the current folder, or its
    last two parts after ``…/`` (absolute paths differ from machine to machine).
    Used in: 06-10 (file names in printed lines), helpers.datasets, helpers.saved_models.
    """
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
    Used in: all notebooks.
    """
    global _current_notebook
    if not stem or not isinstance(stem, str):
        raise ValueError("start_notebook 에 노트북 이름을 주세요 (예: '02_time_series_forecasting').\n"
                         "start_notebook needs the notebook's name, e.g. '02_time_series_forecasting'.")
    mode = get_mode()
    seed_everything(seed)
    from helpers import plots  # the figure style is applied here, not on import

    plots.use_style()
    _current_notebook = stem
    print(f"{stem}: mode={mode}, seed={seed}")
    return mode


def environment_report() -> dict[str, Any]:
    """Versions, hardware and settings that explain a notebook's numbers. Used in: 00."""
    from helpers.tf_quiet import import_tensorflow

    tf = import_tensorflow()
    import keras

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
        "data_dir": display_path(os.environ[DATA_DIR_VAR]) if os.environ.get(DATA_DIR_VAR, "").strip()
        else "(not set)",
        "colab": "google.colab" in sys.modules,
    }


# ---------------------------------------------------------------- metrics
class MetricsFileError(ValueError):
    """``metrics.json`` cannot be read as the workbook wrote it. Used in: record_metrics, load_metrics."""


def _metrics_file(mode: str | None = None) -> Path:
    return results_dir(mode) / "metrics.json"


def _read_metrics(path: Path) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        metrics = json.loads(text) if text.strip() else None
    except json.JSONDecodeError as exc:
        metrics, detail = None, f"{exc.msg} at line {exc.lineno}"
    else:
        detail = "it is empty" if metrics is None else "it is not {notebook: {metric: number}}"
    if not isinstance(metrics, dict) or not all(isinstance(v, dict) for v in metrics.values()):
        raise MetricsFileError(
            f"결과 파일 {path.name} 이 손상되었습니다: 아래 방법으로 되돌린 뒤 노트북을 다시 실행하세요.\n"
            f"{display_path(path)} is not a valid metrics file ({detail}). Fix: restore it with "
            f"`git checkout -- {path.parent.name}/{path.name}` (full mode) or delete it (quick mode); "
            "then run the notebook again."
        )
    return metrics


def load_metrics(mode: str | None = None) -> dict[str, dict[str, float]]:
    """Read the recorded metrics ``{notebook_stem: {name: value}}`` of a mode. Used in: 02, 04, 06, 08, 10."""
    return _read_metrics(_metrics_file(mode))


def _finite_number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        if not (hasattr(value, "shape") and getattr(value, "shape") == () and hasattr(value, "dtype")
                and np.issubdtype(np.asarray(value).dtype, np.number)):
            raise ValueError(f"metric {name!r} is {value!r} ({type(value).__name__}); "
                             "a recorded metric must be one real number.")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"metric {name!r} is {value}; a recorded metric must be a finite number.")
    return value


def record_metrics(**values: float) -> dict[str, float]:
    """File this notebook's results, e.g. ``record_metrics(linear_mse=linear_mse, ...)``.

    One call per notebook. Full runs write ``results/metrics.json``; quick runs
    write ``results/quick/metrics.json`` so they never overwrite the full
    figures. Every value must be a finite real number; the file is updated under
    a lock and replaced atomically, so notebooks run at the same time keep every
    entry. Returns the values as stored (6 significant digits). Used in: 02-04, 06-10.
    """
    stem = _current_notebook
    if stem is None:
        raise ValueError("먼저 설정 셀(runtime.start_notebook)을 실행하세요.\n"
                         "Call runtime.start_notebook('NN_topic') before record_metrics().")
    if not values:
        raise ValueError("record_metrics() needs at least one name=value pair.")
    stored = {name: float(f"{_finite_number(name, v):.6g}") for name, v in values.items()}

    def change(metrics: dict) -> None:
        metrics.setdefault(stem, {}).update(stored)

    update_json_locked(_metrics_file(), change, read=_read_metrics)
    print("recorded: " + ", ".join(f"{k} = {v:.6g}" for k, v in stored.items()))
    return stored


# ---------------------------------------------------------------- expectations
def _expect(name: str, value: float, bound: float, higher_is_better: bool) -> None:
    value = float(value)
    ok = value >= bound if higher_is_better else value <= bound
    sign = "≥" if higher_is_better else "≤"
    mode = get_mode()
    if not ok:
        raise ExpectationError(
            f"결과가 본문이 말하는 수준에 못 미칩니다 ({name} = {value:.4g}, 기준 {sign} {bound:.4g}): "
            "위의 셀(데이터, 모델, 에포크)을 확인하고 커널을 재시작한 뒤 모두 다시 실행하세요.\n"
            f"{name} = {value:.4g}, but a {mode}-mode run must reach {sign} {bound:.4g}. "
            "The model did not learn what the text says it learns: check the cells above "
            "(data, model, epochs) before trusting any number below."
        )
    print(f"OK  {name} = {value:.4g} {sign} {bound:.4g} ({mode} mode)")


def expect_at_most(name: str, value: float, *, full: float, quick: float) -> None:
    """Fail loudly unless ``value`` is at most the bound of the current mode. Used in: 02-04, 06-08."""
    _expect(name, value, by_mode(full, quick), higher_is_better=False)


def expect_at_least(name: str, value: float, *, full: float, quick: float) -> None:
    """Fail loudly unless ``value`` is at least the bound of the current mode. Used in: 03, 04, 06-10."""
    _expect(name, value, by_mode(full, quick), higher_is_better=True)
