"""Locked, atomic file writing: a reader never sees half a file, concurrent writers keep every entry.

``record_metrics`` (results/metrics.json), ``tools/run_notebooks.py``
(results/timings.json, the README table) and the stock-price cache
(``data/cache/*.csv``) all write through here.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path.lock`` (POSIX; no lock where fcntl is missing).

    Used in: update_json_locked, tools/run_notebooks.py.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: single-user runs, no lock
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _replace(path: Path, write: Callable[[Any], None], binary: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)   # mkstemp makes 0600; the files we write are ordinary, readable files
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    """Call ``write(f)`` on a temporary text file beside ``path``, then rename it over ``path``.

    An interrupted write leaves ``path`` as it was and no temporary file behind.
    Used in: write_json_atomically, helpers.datasets (stock-price cache).
    """
    _replace(path, write, binary=False)


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` the same way (a temporary file, then a rename). Used in: helpers.saved_models."""
    _replace(path, lambda f: f.write(data), binary=True)


def write_json_atomically(path: Path, data: Any) -> None:
    """Write ``data`` as sorted, indented JSON with :func:`write_atomically`. Used in: update_json_locked."""
    write_atomically(path, lambda f: f.write(json.dumps(data, indent=2, sort_keys=True) + "\n"))


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def update_json_locked(path: Path, change: Callable[[dict], None],
                       read: Callable[[Path], dict] = _read_json) -> dict:
    """Read ``path`` (a JSON object) with ``read``, apply ``change(data)`` and write it back, under a file lock.

    Concurrent notebook runs each keep their entries. Used in: helpers.runtime
    (record_metrics), tools/run_notebooks.py.
    """
    with file_lock(path):
        data = read(path)
        change(data)
        write_json_atomically(path, data)
    return data
