"""Every dataset loader of the workbook, each in the same order of sources.

1. a local copy under ``$WORKBOOK_DATA_DIR`` (layouts: ``shared/datasets/README.md``);
2. the real online loader (Keras, TensorFlow Datasets, FinanceDataReader), using
   its own cache when that cache is complete, else after a network check that
   fails in seconds and under a read timeout, so a stalled network cannot hang;
3. otherwise :class:`DatasetUnavailableError`, saying what was tried and how to fix it.

What a loader reads is validated (the file opens and decompresses, columns or
keys, shapes, dtypes, label values, non-empty text). A broken file raises
:class:`DatasetError` naming the file, what is wrong and how to fix it; repairs
(dropped rows) are printed with their count. Each loader prints one line naming
the source it used. :data:`REGISTRY` is the one place that knows each dataset's
local files, library cache and host: loaders and :func:`availability` read it.
Nothing here writes outside the libraries' own caches and ``data/cache/``.
"""
from __future__ import annotations

import contextlib
import gzip
import importlib.resources
import io
import os
import re
import socket
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from importlib.resources.abc import Traversable
from typing import Callable, Iterator

import numpy as np
import pandas as pd

from helpers.files import write_atomically
from helpers.runtime import DATA_DIR_VAR, display_path, project_root, resolve_data_dir

CONNECT_TIMEOUT_S = 3.0   # the reachability check
READ_TIMEOUT_S = 20.0     # a server that accepts and then says nothing
SHAKESPEARE_URL = "https://storage.googleapis.com/download.tensorflow.org/data/shakespeare.txt"
PRICE_COLUMNS = ["Open", "High", "Low", "Close", "Volume"]
LOCAL_FIX = "copy it again from the course's shared/datasets folder"


class DatasetUnavailableError(RuntimeError):
    """A dataset is neither in the local data folder nor reachable online.

    The message starts with one Korean sentence (what happened, what to do),
    then the English detail; ``detail`` holds why the online loader failed.
    Used in: 00 (the error an offline student meets), every loader.
    """

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


class DatasetError(ValueError):
    """A dataset file was found but its content is broken; the message names the file and the fix.

    Used in: every loader of this module.
    """


# ---------------------------------------------------------------- paths
def data_dir() -> Path | None:
    """The folder named by ``$WORKBOOK_DATA_DIR`` or ``None`` when it is not set (see runtime). Used in: the loaders."""
    return resolve_data_dir()


def cache_dir() -> Path:
    """``data/cache/`` of the workbook, created on first use (git-ignored). Used in: price_cache."""
    path = project_root() / "data" / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def keras_dir() -> Path:
    """Where Keras caches its downloads (``$KERAS_HOME/datasets``). Used in: REGISTRY."""
    return Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")).expanduser() / "datasets"


def tfds_dir() -> Path:
    """Where TensorFlow Datasets keeps prepared datasets (``$TFDS_DATA_DIR``). Used in: REGISTRY, load_imdb_reviews."""
    return Path(os.environ.get("TFDS_DATA_DIR", Path.home() / "tensorflow_datasets")).expanduser()


# ---------------------------------------------------------------- registry
FASHION_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")


def _tfds_imdb_cache() -> list[Path]:
    """Files a complete TFDS ``imdb_reviews/plain_text`` preparation holds (an empty folder is no cache)."""
    versions = sorted((tfds_dir() / "imdb_reviews" / "plain_text").glob("*/dataset_info.json"))
    if not versions:
        return [tfds_dir() / "imdb_reviews" / "plain_text" / "1.0.0" / "dataset_info.json"]
    folder = versions[-1].parent
    shards = [next(iter(sorted(folder.glob(f"imdb_reviews-{s}.tfrecord*"))), folder / f"imdb_reviews-{s}.tfrecord")
              for s in ("train", "test")]
    return [versions[-1], *shards]


@dataclass(frozen=True)
class Source:
    """Where one dataset comes from: local files, the online loader, its cache and host. Used in: REGISTRY."""

    name: str
    local: tuple[str, ...]                     # under $WORKBOOK_DATA_DIR
    online: str                                # the real loader, as shown to students
    host: tuple[str, int]                      # checked before any download
    cache: Callable[[], list[Path]]            # files that make a complete library cache

    def local_file(self, rel: str) -> Path | None:
        """One file under ``$WORKBOOK_DATA_DIR`` (e.g. one split or one stock), or ``None`` when it is not there."""
        root = data_dir()
        path = root / rel if root is not None else None
        return path if path is not None and path.is_file() else None

    def local_paths(self) -> list[Path] | None:
        """The local files, or ``None`` unless every one of them exists."""
        paths = [self.local_file(rel) for rel in self.local]
        return paths if paths and all(paths) else None

    def cached(self) -> bool:
        """True when the library cache is complete (every file there and not empty)."""
        files = self.cache()
        return bool(files) and all(p.is_file() and p.stat().st_size > 0 for p in files)


def price_file(code: str) -> str:
    """The local copy of one stock's prices, under ``$WORKBOOK_DATA_DIR``. Used in: load_stock_prices."""
    return f"krx/{code}.csv"


def price_cache(code: str) -> Path:
    """Where a downloaded stock's prices are kept (``data/cache/{code}.csv``). Used in: load_stock_prices."""
    return cache_dir() / f"{code}.csv"


GOOGLE = ("storage.googleapis.com", 443)
REGISTRY: dict[str, Source] = {
    "fashion_mnist": Source("Fashion-MNIST", tuple(f"fashion-mnist/{f}" for f in FASHION_FILES),
                            "keras.datasets.fashion_mnist.load_data()", GOOGLE,
                            lambda: [keras_dir() / "fashion-mnist" / f for f in FASHION_FILES]),
    "mnist": Source("MNIST", ("mnist/mnist.npz",), "keras.datasets.mnist.load_data()", GOOGLE,
                    lambda: [keras_dir() / "mnist.npz"]),
    "imdb": Source("IMDB reviews", ("imdb/imdb_train.csv.gz", "imdb/imdb_test.csv.gz"),
                   "tfds.load('imdb_reviews')", ("ai.stanford.edu", 80), _tfds_imdb_cache),
    "krx_listing": Source("KRX listing", ("krx/listing.csv",), "FinanceDataReader StockListing('KRX')",
                          ("kind.krx.co.kr", 443), lambda: []),  # never cached: listings change
    "krx_prices": Source("KRX prices", (price_file("005930"),), "FinanceDataReader DataReader(code)",
                         ("fchart.stock.naver.com", 443), lambda: [price_cache("005930")]),
    "shakespeare": Source("tiny Shakespeare", ("shakespeare/tinyshakespeare.txt",),
                          "keras.utils.get_file(shakespeare.txt)", GOOGLE,
                          lambda: [keras_dir() / "shakespeare.txt"]),
}


# ---------------------------------------------------------------- network
def _reachable(host: str, port: int = 443, timeout: float = CONNECT_TIMEOUT_S) -> bool:
    """True when a TCP connection to ``host:port`` opens within ``timeout`` seconds."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def read_timeout(seconds: float | None = None) -> Iterator[None]:
    """Give every socket opened inside a read timeout (urllib, requests, TFDS, FinanceDataReader).

    ``urllib`` follows ``socket.setdefaulttimeout``; ``requests`` ignores it, so
    its sessions get ``timeout=(CONNECT_TIMEOUT_S, seconds)`` when called with none.
    Used in: _online (every online loader).
    """
    import requests

    seconds = READ_TIMEOUT_S if seconds is None else seconds
    original_request = requests.Session.request
    previous = socket.getdefaulttimeout()

    def request(self, method, url, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = (CONNECT_TIMEOUT_S, seconds)
        return original_request(self, method, url, **kwargs)

    socket.setdefaulttimeout(seconds)
    requests.Session.request = request
    try:
        yield
    finally:
        requests.Session.request = original_request
        socket.setdefaulttimeout(previous)


def _unavailable(source: Source, detail: str = "", local_hint: str | None = None) -> DatasetUnavailableError:
    root = os.environ.get(DATA_DIR_VAR) or "(not set)"
    local_hint = local_hint or ", ".join(source.local)
    message = (
        f"데이터셋 {source.name} 을(를) 구할 수 없습니다: 인터넷에 연결하거나 {DATA_DIR_VAR} 를 강의용 데이터 폴더"
        f"(shared/datasets)로 지정한 뒤 셀을 다시 실행하세요.\n"
        f"{source.name} is not available.\n"
        f"  tried 1: a local copy at $WORKBOOK_DATA_DIR/{local_hint} ({DATA_DIR_VAR}={root})\n"
        f"  tried 2: {source.online}{': ' + detail if detail else ''}\n"
        f"How to fix: connect to the internet, or set {DATA_DIR_VAR} to a folder holding "
        f"{local_hint} (the course's shared/datasets folder), then run the cell again."
    )
    return DatasetUnavailableError(message, detail)


def _interrupted(exc: BaseException) -> bool:
    """True when ``exc`` was caused by Jupyter's stop button (a wrapped KeyboardInterrupt)."""
    while exc is not None:
        if isinstance(exc, KeyboardInterrupt):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _online(source: Source, load: Callable[[], object], what: str | None = None, local_hint: str | None = None,
            announce: bool = True):
    """Call the real loader when its cache is complete or its host answers; fail fast otherwise.

    The one path of every online loader: reachability check, read timeout,
    Jupyter's stop button passed through, any library error turned into
    :class:`DatasetUnavailableError`; ``announce=False`` when the caller prints
    its own ``[data]`` line.
    """
    cached = source.cached()
    if not cached and not _reachable(*source.host):
        raise _unavailable(source, f"{source.host[0]} is not reachable", local_hint)
    try:
        with read_timeout():
            result = load()
    except DatasetError:
        raise
    except Exception as exc:  # libraries raise many kinds; an interrupt is never swallowed
        if _interrupted(exc):
            raise KeyboardInterrupt from exc
        raise _unavailable(source, f"{type(exc).__name__}: {exc}"[:300], local_hint) from exc
    if announce:
        _say(source.name if what is None else what,
             f"{source.online} ({'from its cache' if cached else 'downloaded'})")
    return result


def _shown(path: Path) -> str:
    """``$WORKBOOK_DATA_DIR/...`` for local copies, else a short path (outputs get committed)."""
    root = data_dir()
    if root is not None and Path(path).resolve().is_relative_to(root):
        return f"${DATA_DIR_VAR}/{Path(path).resolve().relative_to(root).as_posix()}"
    return display_path(path)


def _say(name: str, source: str) -> None:
    print(f"[data] {name}: {source}")


BROKEN_KO = "데이터 파일에 문제가 있습니다: 아래 파일을 안내대로 고친 뒤 셀을 다시 실행하세요."


def _broken(path: Path, problem: str, fix: str = LOCAL_FIX) -> DatasetError:
    return DatasetError(f"{BROKEN_KO}\n{_shown(path)}: {problem}. How to fix: {fix}.")


def _cache_fix(path: Path) -> str:
    return f"delete {_shown(path)} (a damaged download) and run the cell again to download it anew"


# ---------------------------------------------------------------- images
def _read_idx_gz(path: Path, fix: str = LOCAL_FIX) -> np.ndarray:
    """Read one IDX file (``*-idx?-ubyte.gz``), checking its header against its size."""
    if path.stat().st_size == 0:
        raise _broken(path, "is empty (0 bytes): an interrupted copy or download", fix)
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise _broken(path, f"cannot be decompressed ({type(exc).__name__}: {exc})", fix) from None
    if len(raw) < 8 or raw[:2] != b"\x00\x00" or raw[2] != 0x08 or raw[3] not in (1, 3):
        raise _broken(path, "is not an IDX file of unsigned bytes (bad header)", fix)
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    offset = 4 + 4 * ndim
    if len(raw) - offset != int(np.prod(shape)):
        raise _broken(path, f"holds {len(raw) - offset:,} bytes of data but its header announces shape "
                            f"{shape} ({int(np.prod(shape)):,} bytes): it is truncated", fix)
    return np.frombuffer(raw, dtype=np.uint8, offset=offset).reshape(shape)


def _check_images(data, where: Path, fix: str):
    """Validate ``(x_train, y_train), (x_test, y_test)`` like Keras returns for (Fashion-)MNIST."""
    (x_train, y_train), (x_test, y_test) = data
    for split, x, y, n in (("train", x_train, y_train, 60_000), ("test", x_test, y_test, 10_000)):
        if x.shape != (n, 28, 28) or x.dtype != np.uint8:
            raise _broken(where, f"{split} images have shape {x.shape} and dtype {x.dtype}; expected "
                                 f"({n}, 28, 28) uint8", fix)
        if y.shape != (n,) or not np.issubdtype(y.dtype, np.integer):
            raise _broken(where, f"{split} labels have shape {y.shape} and dtype {y.dtype}; expected ({n},) "
                                 "integers", fix)
        if y.min() < 0 or y.max() > 9 or len(np.unique(y)) != 10:
            raise _broken(where, f"{split} labels should be the ten classes 0-9, found {sorted(np.unique(y))[:12]}",
                          fix)
    return data


def load_fashion_mnist() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Fashion-MNIST as ``(x_train, y_train), (x_test, y_test)``, uint8, like Keras. Used in: 09."""
    source = REGISTRY["fashion_mnist"]
    local = source.local_paths()
    if local:
        x_train, y_train, x_test, y_test = (_read_idx_gz(p) for p in local)
        data = _check_images(((x_train, y_train), (x_test, y_test)), local[0].parent, LOCAL_FIX)
        _say(source.name, f"local copy in {_shown(local[0].parent)}")
        return data
    import keras

    folder = keras_dir() / "fashion-mnist"

    def load():
        try:
            return keras.datasets.fashion_mnist.load_data()
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            if folder.exists() and not isinstance(exc, (ConnectionError, socket.timeout)):
                raise _broken(folder, f"holds a damaged file ({type(exc).__name__}: {exc})",
                              f"delete the folder {_shown(folder)} and run the cell again") from None
            raise

    data = _online(source, load)
    return _check_images(data, folder, f"delete the folder {_shown(folder)} and run the cell again")


def _read_npz(path: Path, fix: str) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    keys = ("x_train", "y_train", "x_test", "y_test")
    try:
        with np.load(path, allow_pickle=False) as d:
            missing = [k for k in keys if k not in d.files]
            if missing:
                raise _broken(path, f"lacks the arrays {missing} (it has {d.files})", fix)
            x_train, y_train, x_test, y_test = (d[k] for k in keys)
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error) as exc:
        if isinstance(exc, DatasetError):
            raise
        raise _broken(path, f"is not a readable .npz file ({type(exc).__name__}: {exc})", fix) from None
    return (x_train, y_train), (x_test, y_test)


def load_mnist() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """MNIST digits as ``(x_train, y_train), (x_test, y_test)``, uint8, like Keras. Used in: 00, 08."""
    source = REGISTRY["mnist"]
    local = source.local_paths()
    if local:
        data = _check_images(_read_npz(local[0], LOCAL_FIX), local[0], LOCAL_FIX)
        _say(source.name, f"local copy {_shown(local[0])}")
        return data
    import keras

    cache = source.cache()[0]
    data = _online(source, keras.datasets.mnist.load_data)
    return _check_images(data, cache, _cache_fix(cache))


# ---------------------------------------------------------------- text
def _read_imdb_csv(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Texts (Python ``str``, whatever they hold: "NA" stays "NA") and 0/1 labels of one local IMDB file."""
    try:
        frame = pd.read_csv(path, usecols=["label", "text"], dtype={"label": str, "text": str},
                            keep_default_na=False, na_filter=False, encoding="utf-8")
    except ValueError as exc:  # usecols mismatch
        if "Usecols" in str(exc) or "columns" in str(exc):
            raise _broken(path, f"lacks the columns label and text ({exc})") from None
        raise _broken(path, f"cannot be read as CSV ({exc})") from None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, pd.errors.ParserError,
            pd.errors.EmptyDataError) as exc:
        raise _broken(path, f"cannot be read ({type(exc).__name__}: {exc})") from None
    labels = frame["label"].str.strip()
    bad = ~labels.isin(["0", "1"])
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise _broken(path, f"{int(bad.sum())} review(s) have a label that is not 0 or 1 "
                            f"(first at data row {row + 1}: {labels.iloc[row]!r})")
    texts = frame["text"].to_numpy(dtype=object)
    empty = np.array([not t.strip() for t in texts], dtype=bool)
    if empty.all():
        raise _broken(path, "holds no review text")
    if empty.any():
        print(f"[data] {_shown(path)}: dropped {int(empty.sum())} empty review(s)")
    return texts[~empty], labels.to_numpy()[~empty].astype(np.int64)


def load_imdb_reviews(split: str = "train"):
    """IMDB movie reviews as a ``tf.data.Dataset`` of ``(text, label)``.

    The same elements as ``tfds.load('imdb_reviews', split=split,
    as_supervised=True)``: a string tensor and an int64 label (1 = positive).
    Used in: 07.
    """
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}.")
    import tensorflow as tf

    source = REGISTRY["imdb"]
    name = f"IMDB reviews ({split})"
    local_hint = source.local[("train", "test").index(split)]
    local = source.local_file(local_hint)
    if local is not None:
        texts, labels = _read_imdb_csv(local)
        _say(name, f"local copy {_shown(local)} ({len(texts):,} reviews)")
        return tf.data.Dataset.from_tensor_slices((tf.constant(list(texts), dtype=tf.string), labels))

    def load():
        import tensorflow_datasets as tfds

        return tfds.load("imdb_reviews", split=split, as_supervised=True, data_dir=str(tfds_dir()))

    return _online(source, load, what=name, local_hint=local_hint)


SHAKESPEARE_MIN_CHARS = 100_000


def _decode_text(raw: bytes, path: Path, fix: str, min_chars: int = SHAKESPEARE_MIN_CHARS,
                 expected: str = "tiny Shakespeare has 1,115,394") -> str:
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (BOM) is dropped
    except UnicodeDecodeError as exc:
        raise _broken(path, f"is not UTF-8 text (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})",
                      fix + " (or re-save it as UTF-8)") from None
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html", "<?xml")):
        raise _broken(path, "is a web page (HTML), not the text: a login or error page was saved", fix)
    if len(text) < min_chars:
        raise _broken(path, f"holds only {len(text):,} characters; {expected}", fix)
    return text


def load_shakespeare() -> str:
    """The tiny-Shakespeare text (1,115,394 characters), UTF-8 with or without BOM. Used in: 00, 06."""
    source = REGISTRY["shakespeare"]
    local = source.local_paths()
    if local:
        text = _decode_text(local[0].read_bytes(), local[0], LOCAL_FIX)
        _say(source.name, f"local copy {_shown(local[0])}")
        return text
    import keras

    path = Path(_online(source, lambda: keras.utils.get_file("shakespeare.txt", SHAKESPEARE_URL)))
    return _decode_text(path.read_bytes(), path, _cache_fix(path))


SIXPENCE_FILE = "helpers/data/sixpence.txt"
SIXPENCE_FIX = ("restore it with `git checkout -- helpers/data/sixpence.txt`, or reinstall the helpers "
                "(in Colab: run the setup cell again)")


def sixpence_file() -> Traversable:
    """The rhyme shipped inside the helpers package (also in the wheel Colab installs). Used in: load_sixpence."""
    return importlib.resources.files("helpers") / "data" / "sixpence.txt"


def load_sixpence() -> str:
    """Deck 002's nursery rhyme as one line (runs of spaces and newlines made one space). Used in: 06.

    The rhyme is the project's own data: it ships inside the ``helpers``
    package (``helpers/data/sixpence.txt``), so it needs no network, in a
    clone or in a pip-installed wheel alike.
    """
    resource = sixpence_file()
    shown = Path(SIXPENCE_FILE)
    if not resource.is_file():
        raise _broken(shown, "is missing from the installed helpers package", SIXPENCE_FIX)
    text = " ".join(_decode_text(resource.read_bytes(), shown, SIXPENCE_FIX, min_chars=200,
                                 expected="the rhyme has about 400").split())
    if not text.lower().startswith("sing a song of sixpence"):
        raise _broken(shown, f"does not start with 'Sing a song of sixpence' but with {text[:30]!r}", SIXPENCE_FIX)
    return text


# ---------------------------------------------------------------- stocks (KRX)
def _fdr():
    import FinanceDataReader as fdr

    return fdr


def load_krx_listing() -> pd.DataFrame:
    """Listed KRX stocks as a frame with columns ``Code, Name, Market``.

    Local ``krx/listing.csv`` first (30 large caps), else FinanceDataReader's
    ``StockListing('KRX')``, else its ``StockListing('KOSPI')`` (the KRX listing
    breaks from time to time: it needs a login since 2026). Used in: 04.
    """
    source = REGISTRY["krx_listing"]
    local = source.local_paths()
    if local:
        frame = _read_table(local[0], LOCAL_FIX, dtype=str)
        frame = _canonical_columns(frame, ["Code", "Name", "Market"], local[0], LOCAL_FIX)
        frame["Code"] = frame["Code"].str.strip().str.zfill(6)
        bad = ~frame["Code"].str.fullmatch(r"[0-9A-Z]{6}")
        if bad.any():
            raise _broken(local[0], f"{int(bad.sum())} code(s) are not six-character KRX codes, "
                                    f"e.g. {frame.loc[bad, 'Code'].iloc[0]!r}")
        _say(source.name, f"local copy {_shown(local[0])} ({len(frame)} stocks)")
        return frame[["Code", "Name", "Market"]].reset_index(drop=True)
    errors = []
    for market in ("KRX", "KOSPI"):
        try:
            frame = _online(source, lambda: _fdr().StockListing(market), what=f"{source.name} ({market})")
        except DatasetUnavailableError as exc:
            errors.append(f"StockListing({market!r}) failed: {exc.detail}"[:200])
            continue
        if frame is None or frame.empty or not ({"Code", "Symbol"} & set(frame.columns)):
            errors.append(f"StockListing({market!r}) failed: it returned an empty listing")
            continue
        frame = frame.rename(columns={"Symbol": "Code"})
        if "Market" not in frame:
            frame["Market"] = market
        _say(source.name, f"FinanceDataReader StockListing({market!r}) ({len(frame):,} stocks)")
        return frame[["Code", "Name", "Market"]].reset_index(drop=True)
    raise _unavailable(source, "; ".join(errors))


def _check_code(code: str) -> str:
    if not isinstance(code, str) or not re.fullmatch(r"[0-9A-Z]{6}", code.strip()):
        raise ValueError(
            f"{code!r} 은(는) 종목 코드가 아닙니다: 여섯 자리 문자열로 쓰세요 (예: '005930').\n"
            f"{code!r} is not a KRX stock code. Codes are six characters given as a string, "
            "e.g. '005930' for Samsung Electronics (keep the leading zeros). "
            "Find codes with helpers.datasets.load_krx_listing() or on finance.naver.com."
        )
    return code.strip()


def _read_table(path: Path, fix: str, **kwargs) -> pd.DataFrame:
    """Read a small CSV whatever its separator (, ; tab) and encoding (UTF-8 with/without BOM, cp949)."""
    raw = path.read_bytes()
    if not raw.strip():
        raise _broken(path, "is empty (0 bytes of data)", fix)
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _broken(path, "is neither UTF-8 nor cp949 text", fix + " (or re-save it as a UTF-8 CSV)")
    if encoding == "cp949":
        print(f"[data] {_shown(path)}: read as cp949 (Korean Windows encoding); UTF-8 is preferred")
    lines = text.strip().splitlines()
    sep = max([",", ";", "\t"], key=lines[0].count)
    if len(lines) > 1 and lines[-1].count(sep) < lines[0].count(sep) and '"' not in lines[-1]:
        raise _broken(path, f"its last line {lines[-1][:40]!r} is cut short: the file was not completely written",
                      fix)
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, keep_default_na=False, **kwargs)
    except (pd.errors.ParserError, ValueError) as exc:
        raise _broken(path, f"cannot be read as CSV ({str(exc).strip()[:150]})", fix) from None


def _canonical_columns(frame: pd.DataFrame, wanted: list[str], path: Path, fix: str) -> pd.DataFrame:
    """Match column names case- and space-insensitively to ``wanted``; fail naming the missing ones."""
    by_key = {str(c).strip().lower(): c for c in frame.columns}
    missing = [w for w in wanted if w.lower() not in by_key]
    if missing:
        raise _broken(path, f"lacks the column(s) {missing} (it has {list(map(str, frame.columns))})", fix)
    return frame.rename(columns={by_key[w.lower()]: w for w in wanted})


def _read_prices_csv(path: Path, fix: str) -> pd.DataFrame:
    """A price CSV (FinanceDataReader's layout) as a frame indexed by Date with numeric OHLCV."""
    frame = _read_table(path, fix, dtype=str)
    frame = _canonical_columns(frame, ["Date", *PRICE_COLUMNS], path, fix)
    dates = pd.to_datetime(frame["Date"].str.strip(), format="ISO8601", errors="coerce")
    if dates.isna().any():
        bad = frame.loc[dates.isna(), "Date"].iloc[0]
        raise _broken(path, f"{int(dates.isna().sum())} date(s) are not YYYY-MM-DD, e.g. {bad!r}",
                      fix + " (dates must be written year-month-day, e.g. 2024-12-16)")
    for column in PRICE_COLUMNS:  # "55,600" and " 55600 " are numbers; "n/a" is not
        text = frame[column].fillna("").str.strip().str.replace(",", "", regex=False)
        frame[column] = pd.to_numeric(text.replace("", np.nan), errors="coerce")
        n_bad = int((frame[column].isna() & (text != "")).sum())
        if n_bad:
            print(f"[data] {_shown(path)}: {n_bad} non-numeric {column} value(s) treated as missing")
    for column in set(frame.columns) - {"Date", *PRICE_COLUMNS}:  # e.g. FinanceDataReader's Change
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    frame.index = pd.DatetimeIndex(dates, name="Date")
    return frame.drop(columns="Date")


PRICES_KO = "주가 데이터에 문제가 있습니다: 아래 설명대로 파일을 다시 받거나 고친 뒤 셀을 다시 실행하세요."


def clean_prices(frame: pd.DataFrame, code: str = "") -> pd.DataFrame:
    """Validate a daily OHLCV frame; drop rows with missing values, no trading or repeated days.

    Rows with a missing price are dropped, and so are days with zero volume
    (trading halts: FinanceDataReader then reports Open/High/Low as 0) and exact
    repeats of a day. A day listed twice with different prices is refused. Each
    drop is printed with its count, so nothing disappears silently. Used in: load_stock_prices.
    """
    missing = [c for c in PRICE_COLUMNS if c not in frame.columns]
    if missing:
        raise DatasetError(f"{PRICES_KO}\nprice data {code} lacks the columns {missing}; expected {PRICE_COLUMNS}.")
    frame = frame.sort_index(kind="stable")
    repeated = frame.index.duplicated(keep="first")
    if repeated.any():
        same = frame.reset_index().duplicated(keep="first").to_numpy()
        if (repeated & ~same).any():
            day = frame.index[repeated & ~same][0]
            raise DatasetError(
                f"{PRICES_KO}\nprice data {code} lists {int((repeated & ~same).sum())} day(s) twice with different prices, "
                f"e.g. {day:%Y-%m-%d}. Keep one row per trading day (download the file again).")
        print(f"[data] {code}: dropped {int(repeated.sum())} repeated day(s)")
        frame = frame[~repeated]
    n_nan = int(frame[PRICE_COLUMNS].isna().any(axis=1).sum())
    if n_nan:
        print(f"[data] {code}: dropped {n_nan} day(s) with missing prices")
        frame = frame.dropna(subset=PRICE_COLUMNS)
    halted = (frame["Volume"] <= 0) | (frame[["Open", "High", "Low", "Close"]] <= 0).any(axis=1)
    if halted.any():
        print(f"[data] {code}: dropped {int(halted.sum())} day(s) without trading (zero volume or price)")
        frame = frame[~halted]
    if frame.empty:
        raise DatasetError(f"{PRICES_KO}\nprice data {code} has no trading day left after cleaning.")
    return frame


def load_stock_prices(code: str, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Daily prices of one KRX stock: a frame indexed by ``Date`` with OHLCV columns.

    Local ``krx/{code}.csv`` first, then ``data/cache/{code}.csv`` from an earlier
    download, then ``FinanceDataReader.DataReader(code)`` (saved to the cache).
    The result is cleaned by :func:`clean_prices` and cut to ``[start, end]``.
    Used in: 04.
    """
    code = _check_code(code)
    source = REGISTRY["krx_prices"]
    local = source.local_file(price_file(code))
    cached = price_cache(code)
    if local is not None:
        frame, where = _read_prices_csv(local, LOCAL_FIX), f"local copy {_shown(local)}"
    elif cached.is_file():
        frame, where = _read_prices_csv(cached, _cache_fix(cached)), f"download cache {_shown(cached)}"
    else:
        this_stock = replace(source, local=(price_file(code),), online=f"FinanceDataReader DataReader({code!r})",
                             cache=lambda: [cached])
        frame = _online(this_stock, lambda: _fdr().DataReader(code), announce=False)
        if frame is None or frame.empty:
            raise ValueError(
                f"종목 코드 {code!r} 의 주가가 없습니다: 상장된 종목 코드인지 확인하세요.\n"
                f"FinanceDataReader knows no prices for code {code!r}: it is probably not a listed "
                "stock. Find codes with helpers.datasets.load_krx_listing() or on finance.naver.com."
            )
        frame.index.name = "Date"
        write_atomically(cached, frame.to_csv)
        where = f"FinanceDataReader (saved to {_shown(cached)})"
    frame = clean_prices(frame, code)
    frame = frame.loc[start:end]
    if frame.empty:
        raise ValueError(f"{code} 는 {start} ~ {end} 사이에 주가가 없습니다: 기간을 넓히세요.\n"
                         f"{code} has no prices between {start} and {end}.")
    _say(f"prices {code}", f"{where} ({len(frame):,} days, {frame.index[0]:%Y-%m-%d} to {frame.index[-1]:%Y-%m-%d})")
    return frame


# ---------------------------------------------------------------- report
def availability() -> pd.DataFrame:
    """Where each dataset would come from now: local copy, library cache, online or nowhere.

    Reads :data:`REGISTRY`, the same facts the loaders use. Downloads nothing;
    the online check opens one TCP connection per host. Used in: 00.
    """
    reachable: dict[tuple[str, int], bool] = {}
    table = []
    for source in REGISTRY.values():
        if source.host not in reachable:
            reachable[source.host] = _reachable(*source.host)
        if source.local_paths():
            where = "local copy"
        elif source.cached():
            where = "library cache"
        elif reachable[source.host]:
            where = "online"
        else:
            where = "UNAVAILABLE"
        table.append({"dataset": source.name, "source": where, "local file": source.local[0],
                      "online host": f"{source.host[0]} ({'reachable' if reachable[source.host] else 'unreachable'})"})
    return pd.DataFrame(table)
