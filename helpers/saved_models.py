"""Trained weights as data: save a model's weights with its preprocessing, load and verify them.

A saved model is one ``.weights.zip`` file that holds

* ``manifest.json``: the format version, the model's name, every weight's
  path, shape and dtype (the architecture's fingerprint), the preprocessing
  the model needs to read raw input (e.g. ``{"vocabulary": [...]}``) and the
  metrics measured when it was saved;
* one ``.npy`` array per weight, written without pickle.

Saving is deterministic: the same weights and preprocessing give a
byte-identical file (fixed zip timestamps, sorted JSON), so a re-run that
changes no number changes no file. Loading reads only JSON and plain arrays
(``allow_pickle=False``): a model file is data, never code. It checks that
the file opens, that its architecture matches the model built by the code and
that its preprocessing is the one the caller expects; otherwise it stops with
a :class:`SavedModelError` that starts with one Korean sentence and names the
file and the fix.

    saved_models.save_weights(model, path, preprocessing={"vocabulary": vocab.tokens})
    prep = saved_models.load_weights(model, path, expect={"vocabulary": vocab.tokens})

Where the files live: the project ships the models of the last full run of
``tools/run_notebooks.py`` inside the package (``helpers/data/models/``), so a
wheel install (Colab) and an offline class have them. A full-mode run saves
what it trained with :func:`save_trained`: into the package when
``tools/run_notebooks.py`` runs it (``WORKBOOK_PUBLISH_MODELS=1``), otherwise
into ``data/cache/models/`` so a student's full run never overwrites the
shipped files. :func:`trained_path` is where a notebook loads from: what this
full run saved, or the shipped file in quick mode.

Used in: 06, 07, 08, 09, 10.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from helpers import runtime
from helpers.files import write_bytes_atomically

FORMAT = "rnn-workbook-weights/1"
MANIFEST = "manifest.json"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)   # the zip format's earliest date: no save date in the file
PUBLISH_ENV = "WORKBOOK_PUBLISH_MODELS"   # set to 1 by tools/run_notebooks.py in full mode
SUFFIX = ".weights.zip"
KO = "저장된 모델 파일을 쓸 수 없습니다: 아래 안내대로 고친 뒤 셀을 다시 실행하세요."


class SavedModelError(ValueError):
    """A saved model file is missing, broken or does not match the code. Used in: load_weights."""


def _error(path: Path, problem: str, fix: str) -> SavedModelError:
    return SavedModelError(f"{KO}\n{Path(path).name}: {problem}. How to fix: {fix}.")


def fingerprint(model) -> list[dict[str, Any]]:
    """Each weight's path, shape and dtype, in the model's order: what a file must match. Used in: save_weights."""
    return [{"path": w.path, "shape": list(w.shape), "dtype": str(w.dtype)} for w in model.weights]


def _to_jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ValueError(f"preprocessing and metrics must be JSON data (str, numbers, lists, dicts), got "
                     f"{type(value).__name__}.")


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def to_bytes(model, preprocessing: Mapping[str, Any] | None = None,
             metrics: Mapping[str, float] | None = None) -> bytes:
    """The file's bytes: the same weights and preprocessing always give the same bytes. Used in: save_weights."""
    manifest = {"format": FORMAT, "model": model.name, "weights": fingerprint(model),
                "preprocessing": _to_jsonable(dict(preprocessing or {})),
                "metrics": _to_jsonable(dict(metrics or {}))}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(_entry(MANIFEST), json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                    compresslevel=9)
        for i, weight in enumerate(model.weights):
            array = io.BytesIO()
            np.lib.format.write_array(array, np.asarray(weight.numpy()), allow_pickle=False)
            zf.writestr(_entry(f"weights/{i:04d}.npy"), array.getvalue(), compresslevel=9)
    return buffer.getvalue()


def save_weights(model, path: str | Path, preprocessing: Mapping[str, Any] | None = None,
                 metrics: Mapping[str, float] | None = None) -> Path:
    """Write ``model``'s weights with its preprocessing to ``path`` (``*.weights.zip``), atomically.

    Returns the path. Used in: save_trained.
    """
    path = Path(path)
    if not path.name.endswith(".weights.zip"):
        raise ValueError(f"a saved model's file name ends with .weights.zip, got {path.name!r}.")
    write_bytes_atomically(path, to_bytes(model, preprocessing, metrics))
    return path


def shipped_path(name: str) -> Path:
    """The file the project ships for model ``name`` (``helpers/data/models/{name}.weights.zip``).

    Used in: trained_path.
    """
    if not name or not all(c.isalnum() or c in "_-" for c in name):
        raise ValueError(f"a saved model's name is letters, digits, '_' and '-', got {name!r}.")
    return Path(__file__).resolve().parent / "data" / "models" / f"{name}{SUFFIX}"


def _cache_path(name: str) -> Path:
    shipped = shipped_path(name)
    return runtime.project_root() / "data" / "cache" / "models" / shipped.name


def publishing() -> bool:
    """True when a full run writes into the package (``WORKBOOK_PUBLISH_MODELS=1``, set by the tool).

    Used in: trained_path.
    """
    return os.environ.get(PUBLISH_ENV, "") == "1" and not runtime.is_quick()


def trained_path(name: str) -> Path:
    """Where a notebook saves (full mode) and loads model ``name``.

    Quick mode: the shipped file. Full mode: the shipped file when publishing,
    else ``data/cache/models/`` (a student's full run keeps the shipped file).
    Used in: 06, 07, 08, 10 (printed labels), save_trained, load_trained.
    """
    if runtime.is_quick() or publishing():
        return shipped_path(name)
    return _cache_path(name)


def save_trained(model, name: str, preprocessing: Mapping[str, Any] | None = None,
                 metrics: Mapping[str, float] | None = None) -> Path:
    """Save a full run's trained ``model`` as ``name`` (see :func:`trained_path`); refused in quick mode.

    Prints where it went and the file's size. Used in: 06, 07, 08, 09, 10.
    """
    if runtime.is_quick():
        raise RuntimeError("quick mode never saves a model: the shipped files come from full runs.")
    path = save_weights(model, trained_path(name), preprocessing, metrics)
    print(f"saved {name}: {runtime.display_path(path)} ({path.stat().st_size / 1e6:.2f} MB)")
    return path


def read_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest of a saved model (format, model name, weights, preprocessing, metrics). Used in: load_weights."""
    path = Path(path)
    fix = "copy the file again from the repository (git checkout -- <file>) or reinstall the helpers"
    if not path.is_file():
        raise _error(path, "does not exist", fix)
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, json.JSONDecodeError, OSError) as exc:
        raise _error(path, f"is not a saved model ({type(exc).__name__}: {exc})", fix) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _error(path, f"has format {manifest.get('format') if isinstance(manifest, dict) else None!r}, "
                           f"expected {FORMAT!r}", fix)
    return manifest


def load_weights(model, path: str | Path, expect: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Load a saved model's weights into ``model`` (built by the notebook's code) after checking them.

    ``expect``: preprocessing entries the file must hold with exactly these
    values (e.g. the vocabulary the code builds). Returns the manifest's
    ``preprocessing`` and ``metrics`` as ``{"preprocessing": ..., "metrics": ...}``.
    Used in: load_trained.
    """
    path = Path(path)
    manifest = read_manifest(path)
    stale = "the file was saved from another version of the code: run the notebook in full mode to save it again"
    saved, built = manifest["weights"], fingerprint(model)
    if [(w["shape"], w["dtype"]) for w in saved] != [(w["shape"], w["dtype"]) for w in built]:
        first = next((f"{b['path']} {b['shape']} vs saved {s['path']} {s['shape']}" for s, b in zip(saved, built)
                      if (s["shape"], s["dtype"]) != (b["shape"], b["dtype"])),
                     f"{len(built)} weights in the model, {len(saved)} in the file")
        raise _error(path, f"does not match the model's architecture ({first})", stale)
    for key, value in (expect or {}).items():
        got = manifest["preprocessing"].get(key)
        if got != _to_jsonable(value):
            raise _error(path, f"holds another {key!r} than the code builds", stale)
    try:
        with zipfile.ZipFile(path) as zf:
            arrays = [np.lib.format.read_array(io.BytesIO(zf.read(f"weights/{i:04d}.npy")), allow_pickle=False)
                      for i in range(len(saved))]
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise _error(path, f"has a damaged weight ({type(exc).__name__}: {exc})",
                     "copy the file again from the repository (git checkout -- <file>)") from None
    model.set_weights(arrays)
    return {"preprocessing": manifest["preprocessing"], "metrics": manifest["metrics"]}


def load_trained(model, name: str, expect: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Load model ``name`` (see :func:`trained_path`) into ``model`` built by the notebook's code, after checks.

    Prints the file, its size and the load time; returns what :func:`load_weights`
    returns (the saved preprocessing and metrics). Used in: 06, 07, 08, 09, 10.
    """
    import time
    path = trained_path(name)
    start = time.perf_counter()
    info = load_weights(model, path, expect)
    print(f"loaded {name}: {runtime.display_path(path)} ({path.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - start:.2f} s)")
    return info
