"""Loaders on tampered files, stalled networks and half-made caches (issue: data you can trust).

Every broken file is a copy made in a temporary folder, never the shared datasets.
Each case must end in a clear error naming the file and the fix, or in a correct
result with a printed note; none may hang.
"""
import gzip
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import datasets

LOCAL = datasets.data_dir()
_REAL_REACHABLE = datasets._reachable
needs_local = pytest.mark.skipif(LOCAL is None, reason="WORKBOOK_DATA_DIR is not set")


@pytest.fixture
def data(monkeypatch, tmp_path):
    """An empty local data folder, empty library caches and a closed network."""
    root = tmp_path / "datasets"
    root.mkdir()
    monkeypatch.setenv("WORKBOOK_DATA_DIR", str(root))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv("TFDS_DATA_DIR", str(tmp_path / "tfds"))
    monkeypatch.setattr(datasets, "cache_dir", lambda: tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: False)
    return root


def _put(root: Path, rel: str, content: bytes | str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# ------------------------------------------------------------------ IMDB
def _imdb(root, rows, header="id,rating,label,text"):
    body = "\n".join([header, *rows]) + "\n"
    return _put(root, "imdb/imdb_train.csv.gz", gzip.compress(body.encode("utf-8")))


def test_imdb_text_stays_text(data, capsys):
    _imdb(data, ['1,9,1,"A great, long film."', '2,2,0,""', '3,8,1,NA', '4,1,0,null', '5,7,1,"n/a"'])
    texts = [t.decode() for t, _ in datasets.load_imdb_reviews("train").as_numpy_iterator()]
    assert texts == ["A great, long film.", "NA", "null", "n/a"]
    assert "dropped 1 empty review(s)" in capsys.readouterr().out


@pytest.mark.parametrize("rows, match", [
    (['1,9,,"text"'], "label that is not 0 or 1.*data row 1"),
    (['1,9,2,"text"'], "label that is not 0 or 1"),
])
def test_imdb_bad_labels(data, rows, match):
    _imdb(data, rows)
    with pytest.raises(datasets.DatasetError, match=f"(?s)imdb/imdb_train.csv.gz.*{match}.*How to fix"):
        datasets.load_imdb_reviews("train")


def test_imdb_broken_files(data):
    _imdb(data, ['1,9,1,"x"'], header="id,rating,sentiment,review")
    with pytest.raises(datasets.DatasetError, match="lacks the columns label and text"):
        datasets.load_imdb_reviews("train")
    full = gzip.compress(("id,rating,label,text\n" + '1,9,1,"good"\n' * 2000).encode())
    _put(data, "imdb/imdb_train.csv.gz", full[: len(full) // 2])
    with pytest.raises(datasets.DatasetError, match="imdb_train.csv.gz: cannot be read.*How to fix: copy it again"):
        datasets.load_imdb_reviews("train")
    _put(data, "imdb/imdb_train.csv.gz", b"")
    with pytest.raises(datasets.DatasetError, match="imdb_train.csv.gz"):
        datasets.load_imdb_reviews("train")


# ------------------------------------------------------------------ MNIST / Fashion-MNIST
def _npz(root, **overrides):
    arrays = {"x_train": np.zeros((60000, 28, 28), np.uint8), "y_train": np.arange(60000) % 10,
              "x_test": np.zeros((10000, 28, 28), np.uint8), "y_test": np.arange(10000) % 10}
    arrays.update(overrides)
    arrays = {k: v for k, v in arrays.items() if v is not None}
    path = root / "mnist" / "mnist.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, **arrays)
    return path


@pytest.mark.parametrize("overrides, match", [
    ({"x_train": np.zeros((60000, 784), np.uint8)}, "train images have shape \\(60000, 784\\)"),
    ({"x_test": np.zeros((10000, 28, 28), np.float32)}, "test images .* float32"),
    ({"y_train": np.arange(60000) % 9}, "train labels should be the ten classes"),
    ({"y_test": np.arange(9999) % 10}, "test labels have shape \\(9999,\\)"),
    ({"y_test": None}, "lacks the arrays \\['y_test'\\]"),
])
def test_mnist_npz_is_validated(data, overrides, match):
    _npz(data, **overrides)
    with pytest.raises(datasets.DatasetError, match=f"(?s)mnist/mnist.npz: .*{match}.*How to fix"):
        datasets.load_mnist()


def test_mnist_npz_not_a_zip(data):
    _put(data, "mnist/mnist.npz", b"")
    with pytest.raises(datasets.DatasetError, match="mnist.npz: is not a readable .npz file"):
        datasets.load_mnist()


def _idx(shape, n_bytes=None):
    header = bytes([0, 0, 8, len(shape)]) + b"".join(int(d).to_bytes(4, "big") for d in shape)
    body = (np.arange(int(np.prod(shape))) % 10).astype(np.uint8).tobytes()
    return header + body[: n_bytes if n_bytes is not None else len(body)]


def _fashion(root, broken=None, content=b""):
    shapes = {"train-images-idx3-ubyte.gz": (60000, 28, 28), "train-labels-idx1-ubyte.gz": (60000,),
              "t10k-images-idx3-ubyte.gz": (10000, 28, 28), "t10k-labels-idx1-ubyte.gz": (10000,)}
    for name, shape in shapes.items():
        raw = gzip.compress(_idx(shape), compresslevel=1)
        _put(root, f"fashion-mnist/{name}", content if name == broken else raw)


def test_fashion_mnist_good_copy_loads(data):
    _fashion(data)
    (x_train, y_train), (x_test, y_test) = datasets.load_fashion_mnist()
    assert x_train.shape == (60000, 28, 28) and y_test.shape == (10000,)


@pytest.mark.parametrize("content, match", [
    (b"", "is empty \\(0 bytes\\)"),
    (b"\x1f\x8b\x08\x00garbage", "cannot be decompressed"),
    (gzip.compress(_idx((10000,), 9000)), "it is truncated"),
    (gzip.compress(b"<html>not found</html>"), "bad header"),
])
def test_fashion_mnist_broken_gz(data, content, match):
    _fashion(data, "t10k-labels-idx1-ubyte.gz", content)
    with pytest.raises(datasets.DatasetError, match=f"(?s)t10k-labels-idx1-ubyte.gz: .*{match}.*How to fix"):
        datasets.load_fashion_mnist()


def test_truncated_gzip_stream(data):
    raw = gzip.compress(_idx((10000,)))
    _fashion(data, "t10k-labels-idx1-ubyte.gz", raw[: len(raw) // 2])
    with pytest.raises(datasets.DatasetError, match="cannot be decompressed"):
        datasets.load_fashion_mnist()


# ------------------------------------------------------------------ Shakespeare
SPEECH = "First Citizen:\nBefore we proceed any further, hear me speak.\n\n" * 3000


# ------------------------------------------------------------------ Sixpence (the project's own file)
RHYME = "Sing a song of sixpence,\nA pocket full of rye.\n" * 8


@pytest.fixture
def rhyme_file(monkeypatch, tmp_path, data):
    """A rhyme file of our own: the real helpers/data/sixpence.txt is never touched."""
    path = tmp_path / "package" / "data" / "sixpence.txt"
    path.parent.mkdir(parents=True)
    monkeypatch.setattr(datasets, "sixpence_file", lambda: path)
    return path


def test_sixpence_is_one_line(rhyme_file):
    rhyme_file.write_text("\ufeff" + RHYME.replace("\n", "\n\n  "), encoding="utf-8")
    text = datasets.load_sixpence()
    assert text.startswith("Sing a song of sixpence, A pocket full of rye. Sing") and "\n" not in text
    assert "  " not in text


@pytest.mark.parametrize("content, match", [
    ("", "holds only 0 characters"),
    ("<html><body>Sign in</body></html>" + " " * 300, "is a web page"),
    ("Baa, baa, black sheep, have you any wool? " * 10, "does not start with 'Sing a song of sixpence'"),
])
def test_sixpence_bad_files(rhyme_file, content, match):
    rhyme_file.write_text(content, encoding="utf-8")
    with pytest.raises(datasets.DatasetError,
                       match=f"(?s)helpers/data/sixpence.txt.*{match}.*git checkout -- helpers/data/sixpence.txt"):
        datasets.load_sixpence()


def test_sixpence_missing_is_a_broken_install_not_a_download(rhyme_file):
    start = time.perf_counter()
    with pytest.raises(datasets.DatasetError, match="missing from the installed helpers package.*reinstall"):
        datasets.load_sixpence()
    assert time.perf_counter() - start < 1      # nothing the project owns needs the network


def test_real_sixpence_file():
    text = datasets.load_sixpence()
    assert text.startswith("Sing a song of sixpence") and text.endswith("pecked off her nose.") and len(text) == 409


def test_shakespeare_bom_is_dropped(data):
    _put(data, "shakespeare/tinyshakespeare.txt", "\ufeff" + SPEECH)
    assert datasets.load_shakespeare() == SPEECH


@pytest.mark.parametrize("content, match", [
    (b"", "holds only 0 characters"),
    ("<!DOCTYPE html><html><body>Sign in</body></html>", "is a web page"),
    (SPEECH.encode("utf-16"), "is not UTF-8 text"),
    ("Caf\u00e9 ".encode("latin-1") + SPEECH.encode(), "is not UTF-8 text"),
])
def test_shakespeare_bad_files(data, content, match):
    _put(data, "shakespeare/tinyshakespeare.txt", content)
    with pytest.raises(datasets.DatasetError, match=f"(?s)tinyshakespeare.txt: {match}.*How to fix"):
        datasets.load_shakespeare()


# ------------------------------------------------------------------ stock prices
GOOD = ("Date,Open,High,Low,Close,Volume,Change\n"
        "2024-01-02,100,110,90,105,1000,\n2024-01-03,105,111,95,106,1200,0.0095\n"
        "2024-01-04,106,112,96,107,1300,0.0094\n")


def _stock(root, text, encoding="utf-8"):
    return _put(root, "krx/005930.csv", text.encode(encoding))


@pytest.mark.parametrize("text, encoding", [
    (GOOD, "utf-8"),
    (GOOD.replace(",", ";"), "utf-8"),
    (GOOD.lower(), "utf-8"),
    ("\ufeff" + GOOD, "utf-8"),
    (GOOD.replace("Change", "등락률"), "cp949"),
    ('Date,Open,High,Low,Close,Volume,Change\n2024-01-02,"100","110","90","105","1,000",\n'
     '2024-01-03,105,111,95,106,"1,200",0.0095\n2024-01-04,106,112,96,107,"1,300",0.0094\n', "utf-8"),
])
def test_stock_csv_variants_give_the_same_prices(data, text, encoding):
    _stock(data, text, encoding)
    prices = datasets.load_stock_prices("005930")
    assert prices["Close"].tolist() == [105, 106, 107] and prices["Volume"].tolist() == [1000, 1200, 1300]
    assert prices.index[0] == pd.Timestamp("2024-01-02")


def test_stock_repeated_days(data, capsys):
    lines = GOOD.splitlines()
    _stock(data, "\n".join(lines + [lines[2]]) + "\n")
    assert len(datasets.load_stock_prices("005930")) == 3
    assert "dropped 1 repeated day(s)" in capsys.readouterr().out
    _stock(data, GOOD + "2024-01-03,5250,5500,4750,5300,1200,0\n")
    with pytest.raises(datasets.DatasetError, match="lists 1 day\\(s\\) twice with different prices, e.g. 2024-01-03"):
        datasets.load_stock_prices("005930")


def test_stock_non_numeric_prices_are_counted(data, capsys):
    _stock(data, GOOD.replace("2024-01-03,105,", "2024-01-03,n/a,"))
    assert len(datasets.load_stock_prices("005930")) == 2
    out = capsys.readouterr().out
    assert "1 non-numeric Open value(s) treated as missing" in out and "dropped 1 day(s) with missing prices" in out


@pytest.mark.parametrize("text, match", [
    ("", "is empty"),
    (GOOD.replace("2024-01-03", "03/01/2024"), "1 date\\(s\\) are not YYYY-MM-DD, e.g. '03/01/2024'"),
    (GOOD.replace("Volume", "Vol"), "lacks the column\\(s\\) \\['Volume'\\]"),
])
def test_stock_bad_files(data, text, match):
    _stock(data, text)
    with pytest.raises(datasets.DatasetError, match=f"(?s)krx/005930.csv: {match}.*How to fix"):
        datasets.load_stock_prices("005930")


def test_bad_download_cache_names_the_fix(data, monkeypatch):
    monkeypatch.delenv("WORKBOOK_DATA_DIR")
    cache = datasets.price_cache("005930")
    cache.write_text("")
    with pytest.raises(datasets.DatasetError, match="005930.csv: is empty.*delete .*005930.csv"):
        datasets.load_stock_prices("005930")
    cache.write_text(GOOD[: GOOD.index("2024-01-03,105") + 14])  # a download cut mid-line
    with pytest.raises(datasets.DatasetError):
        datasets.load_stock_prices("005930")


def test_interrupted_download_leaves_no_cache(data, monkeypatch):
    monkeypatch.delenv("WORKBOOK_DATA_DIR")
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)

    class Frame(pd.DataFrame):
        def to_csv(self, f, *a, **k):
            f.write("Date,Open\n2024-01-02,1")
            raise KeyboardInterrupt

    frame = Frame(pd.read_csv(pd.io.common.StringIO(GOOD), index_col="Date", parse_dates=True))
    monkeypatch.setattr(datasets, "_fdr", lambda: type("F", (), {"DataReader": staticmethod(lambda c: frame)}))
    with pytest.raises(KeyboardInterrupt):
        datasets.load_stock_prices("005930")
    assert list(datasets.cache_dir().iterdir()) == []


@needs_local
def test_listing_keeps_leading_zeros_after_excel(data):
    text = (LOCAL / "krx" / "listing.csv").read_text(encoding="utf-8").replace("\n005930,", "\n5930,")
    _put(data, "krx/listing.csv", text)
    assert "005930" in set(datasets.load_krx_listing()["Code"])


# ------------------------------------------------------------------ network: fail fast, never hang
@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def _source(key, **changes):
    return datasets.Source(**{**datasets.REGISTRY[key].__dict__, **changes})


def test_stalled_keras_download_times_out(data, monkeypatch, silent_server):
    monkeypatch.delenv("WORKBOOK_DATA_DIR")
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    monkeypatch.setattr(datasets, "READ_TIMEOUT_S", 1.0)
    monkeypatch.setattr(datasets, "SHAKESPEARE_URL", f"http://127.0.0.1:{silent_server}/shakespeare.txt")
    monkeypatch.setitem(datasets.REGISTRY, "shakespeare", _source("shakespeare", host=("127.0.0.1", silent_server)))
    start = time.monotonic()
    with pytest.raises(datasets.DatasetUnavailableError, match="(?s)tiny Shakespeare is not available.*timed out"):
        datasets.load_shakespeare()
    assert time.monotonic() - start < 15


def test_stalled_finance_data_reader_times_out(data, monkeypatch, silent_server):
    import requests

    monkeypatch.delenv("WORKBOOK_DATA_DIR")
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    monkeypatch.setattr(datasets, "READ_TIMEOUT_S", 1.0)

    class StalledFdr:  # FinanceDataReader calls requests without a timeout
        @staticmethod
        def DataReader(code):
            return requests.get(f"http://127.0.0.1:{silent_server}/{code}")

    monkeypatch.setattr(datasets, "_fdr", lambda: StalledFdr)
    start = time.monotonic()
    with pytest.raises(datasets.DatasetUnavailableError, match="(?s)KRX prices.*ReadTimeout"):
        datasets.load_stock_prices("005930")
    assert time.monotonic() - start < 15


def test_closed_port_is_unreachable_at_once():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    start = time.monotonic()
    assert not datasets._reachable("127.0.0.1", port)
    assert time.monotonic() - start < 2


def test_empty_tfds_folder_is_no_cache_and_fails_in_seconds(data, monkeypatch, tmp_path):
    monkeypatch.delenv("WORKBOOK_DATA_DIR")
    (tmp_path / "tfds" / "imdb_reviews" / "plain_text").mkdir(parents=True)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    monkeypatch.setattr(datasets, "_reachable", _REAL_REACHABLE)
    monkeypatch.setitem(datasets.REGISTRY, "imdb", _source("imdb", host=("127.0.0.1", port)))
    assert not datasets.REGISTRY["imdb"].cached()
    start = time.monotonic()
    with pytest.raises(datasets.DatasetUnavailableError, match="(?s)IMDB reviews.*127.0.0.1 is not reachable"):
        datasets.load_imdb_reviews("train")
    assert time.monotonic() - start < 5
    assert datasets.availability().set_index("dataset").loc["IMDB reviews", "source"] == "UNAVAILABLE"


def test_interrupt_is_never_swallowed(data, monkeypatch):
    monkeypatch.delenv("WORKBOOK_DATA_DIR")
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)

    def wrapped_interrupt(market):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise ConnectionError("aborted") from exc

    monkeypatch.setattr(datasets, "_fdr", lambda: type("F", (), {"StockListing": staticmethod(wrapped_interrupt)}))
    with pytest.raises(KeyboardInterrupt):
        datasets.load_krx_listing()


# ------------------------------------------------------------------ availability agrees with the loaders
def _tfds_cache(root: Path, complete: bool):
    folder = root / "imdb_reviews" / "plain_text" / "1.0.0"
    folder.mkdir(parents=True)
    (folder / "dataset_info.json").write_text("{}")
    if complete:
        for split in ("train", "test"):
            (folder / f"imdb_reviews-{split}.tfrecord-00000-of-00001").write_bytes(b"x")


@pytest.mark.parametrize("complete", [True, False])
def test_availability_and_loaders_agree_on_caches(data, monkeypatch, tmp_path, complete, capsys):
    monkeypatch.delenv("WORKBOOK_DATA_DIR")
    _tfds_cache(tmp_path / "tfds", complete)
    keras_home = tmp_path / "keras" / "datasets"
    keras_home.mkdir(parents=True)
    (keras_home / "shakespeare.txt").write_text(SPEECH if complete else "")
    datasets.price_cache("005930").write_text(GOOD if complete else "")
    table = datasets.availability().set_index("dataset")["source"]
    expected = "library cache" if complete else "UNAVAILABLE"
    assert table["IMDB reviews"] == table["tiny Shakespeare"] == table["KRX prices"] == expected
    assert table["MNIST"] == "UNAVAILABLE"
    if complete:
        import keras

        monkeypatch.setattr(keras.utils, "get_file", lambda *a, **k: str(keras_home / "shakespeare.txt"))
        assert datasets.load_shakespeare() == SPEECH
        assert "from its cache" in capsys.readouterr().out
        assert len(datasets.load_stock_prices("005930")) == 3
        assert "download cache" in capsys.readouterr().out
    else:
        with pytest.raises(datasets.DatasetUnavailableError):
            datasets.load_shakespeare()
