"""Every dataset loader of the workbook, each in the same order of sources.

1. a local copy under ``$WORKBOOK_DATA_DIR`` (layouts: ``shared/datasets/README.md``);
2. the real online loader (Keras, TensorFlow Datasets, FinanceDataReader), using
   its own cache, after a network check that fails in seconds, not minutes;
3. otherwise :class:`DatasetUnavailableError`, saying what was tried and how to fix it.

Each loader prints one line naming the source it used. Nothing here writes
outside the libraries' own caches and the workbook's ``data/cache/``.
"""
from __future__ import annotations

import gzip
import os
import re
import socket
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.runtime import display_path, project_root

DATA_DIR_VAR = "WORKBOOK_DATA_DIR"
NETWORK_TIMEOUT_S = 3.0
SHAKESPEARE_URL = "https://storage.googleapis.com/download.tensorflow.org/data/shakespeare.txt"
PRICE_COLUMNS = ["Open", "High", "Low", "Close", "Volume"]


class DatasetUnavailableError(RuntimeError):
    """A dataset is neither in the local data folder nor reachable online."""


# ---------------------------------------------------------------- plumbing
def data_dir() -> Path | None:
    """The folder named by ``$WORKBOOK_DATA_DIR`` or ``None`` when it is not set.

    A relative path is tried from the current folder, then from the workbook's
    root (notebooks run inside ``notebooks/``).
    """
    raw = os.environ.get(DATA_DIR_VAR, "").strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, project_root() / path]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    raise ValueError(
        f"{DATA_DIR_VAR}={raw!r} is not a folder (looked in: "
        f"{', '.join(str(c) for c in candidates)}). Point it at the local datasets "
        f"folder, e.g. export {DATA_DIR_VAR}=../shared/datasets, or unset it to download."
    )


def cache_dir() -> Path:
    """``data/cache/`` of the workbook, created on first use (git-ignored)."""
    path = project_root() / "data" / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _local(*parts: str) -> Path | None:
    """A file under the local data folder, or ``None`` if it is not there."""
    root = data_dir()
    if root is None:
        return None
    path = root.joinpath(*parts)
    return path if path.exists() else None


def _reachable(host: str, port: int = 443, timeout: float = NETWORK_TIMEOUT_S) -> bool:
    """True when a TCP connection to ``host:port`` opens within ``timeout`` seconds."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _unavailable(name: str, local_hint: str, online_hint: str, detail: str = "") -> DatasetUnavailableError:
    root = os.environ.get(DATA_DIR_VAR) or "(not set)"
    message = (
        f"{name} is not available.\n"
        f"  tried 1: a local copy at $WORKBOOK_DATA_DIR/{local_hint} ({DATA_DIR_VAR}={root})\n"
        f"  tried 2: {online_hint}{': ' + detail if detail else ''}\n"
        f"How to fix: connect to the internet, or set {DATA_DIR_VAR} to a folder holding "
        f"{local_hint} (the course's shared/datasets folder), then run the cell again."
    )
    return DatasetUnavailableError(message)


def _shown(path: Path) -> str:
    """``$WORKBOOK_DATA_DIR/...`` for local copies, else a short path (outputs get committed)."""
    root = data_dir()
    if root is not None and Path(path).resolve().is_relative_to(root):
        return f"${DATA_DIR_VAR}/{Path(path).resolve().relative_to(root).as_posix()}"
    return display_path(path)


def _say(name: str, source: str) -> None:
    print(f"[data] {name}: {source}")


def _keras_dir() -> Path:
    """Where Keras caches its downloads."""
    return Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "datasets"


def _online(name: str, local_hint: str, what: str, cached: bool, host: tuple[str, int], load):
    """Call the real loader ``load`` when its cache exists or ``host`` answers within seconds."""
    if not cached and not _reachable(*host):
        raise _unavailable(name, local_hint, what, f"{host[0]} is not reachable")
    result = load()
    _say(name, f"{what} ({'from its cache' if cached else 'downloaded'})")
    return result


# ---------------------------------------------------------------- images
def _read_idx_gz(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def load_fashion_mnist() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Fashion-MNIST as ``(x_train, y_train), (x_test, y_test)``, uint8, like Keras."""
    name = "Fashion-MNIST"
    files = {
        "x_train": "train-images-idx3-ubyte.gz",
        "y_train": "train-labels-idx1-ubyte.gz",
        "x_test": "t10k-images-idx3-ubyte.gz",
        "y_test": "t10k-labels-idx1-ubyte.gz",
    }
    local = [_local("fashion-mnist", f) for f in files.values()]
    if all(local):
        arrays = [_read_idx_gz(p) for p in local]
        _say(name, f"local copy in {_shown(local[0].parent)}")
        return (arrays[0], arrays[1]), (arrays[2], arrays[3])
    import keras

    cached = all((_keras_dir() / "fashion-mnist" / f).exists() for f in files.values())
    return _online(name, "fashion-mnist/*.gz", "keras.datasets.fashion_mnist.load_data()", cached,
                   ("storage.googleapis.com", 443), keras.datasets.fashion_mnist.load_data)


def load_mnist() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """MNIST digits as ``(x_train, y_train), (x_test, y_test)``, uint8, like Keras."""
    name = "MNIST"
    local = _local("mnist", "mnist.npz")
    if local:
        with np.load(local) as d:
            data = (d["x_train"], d["y_train"]), (d["x_test"], d["y_test"])
        _say(name, f"local copy {_shown(local)}")
        return data
    import keras

    return _online(name, "mnist/mnist.npz", "keras.datasets.mnist.load_data()", (_keras_dir() / "mnist.npz").exists(),
                   ("storage.googleapis.com", 443), keras.datasets.mnist.load_data)


# ---------------------------------------------------------------- text
def load_imdb_reviews(split: str = "train"):
    """IMDB movie reviews as a ``tf.data.Dataset`` of ``(text, label)``.

    The same elements as ``tfds.load('imdb_reviews', split=split,
    as_supervised=True)``: a string tensor and an int64 label (1 = positive).
    """
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}.")
    import tensorflow as tf

    name = f"IMDB reviews ({split})"
    local = _local("imdb", f"imdb_{split}.csv.gz")
    if local:
        frame = pd.read_csv(local, usecols=["label", "text"])
        _say(name, f"local copy {_shown(local)} ({len(frame):,} reviews)")
        return tf.data.Dataset.from_tensor_slices(
            (frame["text"].to_numpy(dtype=str), frame["label"].to_numpy(dtype=np.int64))
        )
    tfds_dir = Path(os.environ.get("TFDS_DATA_DIR", Path.home() / "tensorflow_datasets"))
    cached = (tfds_dir / "imdb_reviews" / "plain_text").is_dir()

    def load():
        import tensorflow_datasets as tfds

        return tfds.load("imdb_reviews", split=split, as_supervised=True)

    return _online(name, f"imdb/imdb_{split}.csv.gz", "tfds.load('imdb_reviews')", cached, ("ai.stanford.edu", 80), load)


def load_shakespeare() -> str:
    """The tiny-Shakespeare text (1,115,394 characters)."""
    name = "tiny Shakespeare"
    local = _local("shakespeare", "tinyshakespeare.txt")
    if local:
        _say(name, f"local copy {_shown(local)}")
        return local.read_text(encoding="utf-8")
    import keras

    def load() -> str:
        return Path(keras.utils.get_file("shakespeare.txt", SHAKESPEARE_URL)).read_text(encoding="utf-8")

    return _online(name, "shakespeare/tinyshakespeare.txt", "keras.utils.get_file(shakespeare.txt)",
                   (_keras_dir() / "shakespeare.txt").exists(), ("storage.googleapis.com", 443), load)


# ---------------------------------------------------------------- stocks (KRX)
def _fdr():
    import FinanceDataReader as fdr

    return fdr


def load_krx_listing() -> pd.DataFrame:
    """Listed KRX stocks as a frame with columns ``Code, Name, Market``.

    Local ``krx/listing.csv`` first (30 large caps), else FinanceDataReader's
    ``StockListing('KRX')``, else its ``StockListing('KOSPI')`` (the KRX listing
    breaks from time to time).
    """
    name = "KRX listing"
    local = _local("krx", "listing.csv")
    if local:
        frame = pd.read_csv(local, dtype={"Code": str})
        _say(name, f"local copy {_shown(local)} ({len(frame)} stocks)")
        return frame[["Code", "Name", "Market"]]
    errors = []
    for market in ("KRX", "KOSPI"):
        try:
            frame = _fdr().StockListing(market)
            if frame is None or frame.empty or "Code" not in frame:
                raise ValueError("empty listing")
        except Exception as exc:  # FinanceDataReader raises many kinds
            errors.append(f"StockListing({market!r}) failed: {type(exc).__name__}: {exc}"[:200])
            continue
        frame = frame.rename(columns={"Symbol": "Code"})
        if "Market" not in frame:
            frame["Market"] = market
        _say(name, f"FinanceDataReader StockListing({market!r}) ({len(frame):,} stocks)")
        return frame[["Code", "Name", "Market"]].reset_index(drop=True)
    raise _unavailable(name, "krx/listing.csv", "FinanceDataReader", "; ".join(errors))


def _check_code(code: str) -> str:
    if not isinstance(code, str) or not re.fullmatch(r"[0-9A-Z]{6}", code.strip()):
        raise ValueError(
            f"{code!r} is not a KRX stock code. Codes are six characters given as a string, "
            "e.g. '005930' for Samsung Electronics (keep the leading zeros). "
            "Find codes with helpers.datasets.load_krx_listing() or on finance.naver.com."
        )
    return code.strip()


def clean_prices(frame: pd.DataFrame, code: str = "") -> pd.DataFrame:
    """Validate a daily OHLCV frame; drop rows with missing values or no trading.

    Rows with a missing price are dropped, and so are days with zero volume
    (trading halts: FinanceDataReader then reports Open/High/Low as 0). Each
    drop is printed with its count, so nothing disappears silently.
    """
    missing = [c for c in PRICE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"price data {code} lacks the columns {missing}; expected {PRICE_COLUMNS}.")
    frame = frame.sort_index()
    n_nan = int(frame[PRICE_COLUMNS].isna().any(axis=1).sum())
    if n_nan:
        print(f"[data] {code}: dropped {n_nan} day(s) with missing prices")
        frame = frame.dropna(subset=PRICE_COLUMNS)
    halted = (frame["Volume"] <= 0) | (frame[["Open", "High", "Low", "Close"]] <= 0).any(axis=1)
    if halted.any():
        print(f"[data] {code}: dropped {int(halted.sum())} day(s) without trading (zero volume or price)")
        frame = frame[~halted]
    if frame.empty:
        raise ValueError(f"price data {code} has no trading day left after cleaning.")
    return frame


def load_stock_prices(code: str, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Daily prices of one KRX stock: a frame indexed by ``Date`` with OHLCV columns.

    Local ``krx/{code}.csv`` first, then ``data/cache/{code}.csv`` from an earlier
    download, then ``FinanceDataReader.DataReader(code)`` (saved to the cache).
    The result is cleaned by :func:`clean_prices` and cut to ``[start, end]``.
    """
    code = _check_code(code)
    local = _local("krx", f"{code}.csv")
    cached = cache_dir() / f"{code}.csv"
    if local:
        frame, source = pd.read_csv(local, index_col="Date", parse_dates=True), f"local copy {_shown(local)}"
    elif cached.exists():
        frame, source = pd.read_csv(cached, index_col="Date", parse_dates=True), f"download cache {_shown(cached)}"
    else:
        try:
            frame = _fdr().DataReader(code)
        except Exception as exc:
            raise _unavailable(
                f"Daily prices of {code}", f"krx/{code}.csv", f"FinanceDataReader.DataReader({code!r})",
                f"{type(exc).__name__}: {exc}"[:200],
            ) from None
        if frame is None or frame.empty:
            raise ValueError(
                f"FinanceDataReader knows no prices for code {code!r}: it is probably not a listed "
                "stock. Find codes with helpers.datasets.load_krx_listing() or on finance.naver.com."
            )
        frame.index.name = "Date"
        frame.to_csv(cached)
        source = f"FinanceDataReader (saved to {_shown(cached)})"
    frame = clean_prices(frame, code)
    frame = frame.loc[start:end]
    if frame.empty:
        raise ValueError(f"{code} has no prices between {start} and {end}.")
    _say(f"prices {code}", f"{source} ({len(frame):,} days, {frame.index[0]:%Y-%m-%d} to {frame.index[-1]:%Y-%m-%d})")
    return frame


# ---------------------------------------------------------------- report
def availability() -> pd.DataFrame:
    """Where each dataset would come from now: local copy, library cache, online or nowhere.

    Downloads nothing; the online check opens one TCP connection per host.
    """
    home = _keras_dir()
    tfds_dir = Path(os.environ.get("TFDS_DATA_DIR", Path.home() / "tensorflow_datasets"))
    rows = [
        ("Fashion-MNIST", "fashion-mnist/train-images-idx3-ubyte.gz",
         (home / "fashion-mnist" / "train-images-idx3-ubyte.gz").exists(), ("storage.googleapis.com", 443)),
        ("MNIST", "mnist/mnist.npz", (home / "mnist.npz").exists(), ("storage.googleapis.com", 443)),
        ("IMDB reviews", "imdb/imdb_train.csv.gz", (tfds_dir / "imdb_reviews").is_dir(), ("ai.stanford.edu", 80)),
        ("KRX prices", "krx/005930.csv", (project_root() / "data" / "cache" / "005930.csv").exists(),
         ("fchart.stock.naver.com", 443)),
        ("tiny Shakespeare", "shakespeare/tinyshakespeare.txt", (home / "shakespeare.txt").exists(),
         ("storage.googleapis.com", 443)),
    ]
    reachable: dict[tuple[str, int], bool] = {}
    table = []
    for name, local_file, cached, host in rows:
        if host not in reachable:
            reachable[host] = _reachable(*host)
        if _local(*local_file.split("/")):
            source = "local copy"
        elif cached:
            source = "library cache"
        elif reachable[host]:
            source = "online"
        else:
            source = "UNAVAILABLE"
        table.append({"dataset": name, "source": source, "local file": local_file,
                      "online host": f"{host[0]} ({'reachable' if reachable[host] else 'unreachable'})"})
    return pd.DataFrame(table)
