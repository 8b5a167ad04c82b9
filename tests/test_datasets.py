"""Loaders: the local copies (when WORKBOOK_DATA_DIR is set), the online
plumbing with FinanceDataReader faked, and the clear error when nothing works."""
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import datasets

HAS_LOCAL = bool(os.environ.get("WORKBOOK_DATA_DIR"))
LOCAL_DIR = datasets.data_dir() if HAS_LOCAL else None  # read before the offline fixture unsets it
local_only = pytest.mark.skipif(not HAS_LOCAL, reason="WORKBOOK_DATA_DIR is not set")


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No local folder, empty library caches, every host unreachable."""
    monkeypatch.delenv("WORKBOOK_DATA_DIR", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv("TFDS_DATA_DIR", str(tmp_path / "tfds"))
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: False)
    monkeypatch.setattr(datasets, "cache_dir", lambda: tmp_path)
    return tmp_path


class FakeFdr:
    """Stands in for FinanceDataReader; records calls."""

    def __init__(self, prices=None, listing=None, fail=()):
        self.prices, self.listing, self.fail, self.calls = prices, listing, set(fail), []

    def DataReader(self, code):
        self.calls.append(("DataReader", code))
        if "DataReader" in self.fail:
            raise ConnectionError("no network")
        return self.prices.copy() if self.prices is not None else pd.DataFrame()

    def StockListing(self, market):
        self.calls.append(("StockListing", market))
        if market in self.fail:
            raise ConnectionError(f"{market} listing needs a login")
        return self.listing


def _prices(n=30):
    index = pd.date_range("2024-01-01", periods=n, freq="B", name="Date")
    close = np.linspace(100, 130, n)
    return pd.DataFrame({"Open": close, "High": close + 1, "Low": close - 1, "Close": close,
                         "Volume": np.full(n, 1000), "Change": np.r_[np.nan, np.diff(close) / close[:-1]]},
                        index=index)


# ------------------------------------------------------------------ local copies
@local_only
def test_fashion_mnist_local(capsys):
    (x_train, y_train), (x_test, y_test) = datasets.load_fashion_mnist()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8 and set(np.unique(y_test)) == set(range(10))
    assert "[data] Fashion-MNIST: local copy" in capsys.readouterr().out


@local_only
def test_mnist_local():
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist()
    assert x_train.shape == (60000, 28, 28) and y_test.shape == (10000,)
    assert np.bincount(y_train)[:2].tolist() == [5923, 6742]


@local_only
def test_imdb_local_is_like_tfds():
    ds = datasets.load_imdb_reviews("test")
    assert ds.cardinality().numpy() == 24996
    text, label = next(iter(ds))
    assert text.dtype.name == "string" and label.dtype.name == "int64"
    with pytest.raises(ValueError, match="'train' or 'test'"):
        datasets.load_imdb_reviews("validation")


@local_only
def test_krx_local():
    listing = datasets.load_krx_listing()
    assert list(listing.columns) == ["Code", "Name", "Market"] and "005930" in set(listing["Code"])
    prices = datasets.load_stock_prices("005930", start="2020-01-01", end="2020-12-31")
    assert prices.index[0] >= pd.Timestamp("2020-01-01") and prices.index[-1] <= pd.Timestamp("2020-12-31")
    assert (prices["Volume"] > 0).all() and not prices[datasets.PRICE_COLUMNS].isna().any().any()


@local_only
def test_shakespeare_local():
    text = datasets.load_shakespeare()
    assert len(text) == 1_115_394 and text.startswith("First Citizen")


def test_relative_data_dir_is_found_from_the_project_root(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # like a kernel running inside notebooks/: not the project root
    monkeypatch.setenv("WORKBOOK_DATA_DIR", "tests")
    assert datasets.data_dir() == (datasets.project_root() / "tests").resolve()
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "datasets").mkdir()
    monkeypatch.setenv("WORKBOOK_DATA_DIR", "~/datasets")
    assert datasets.data_dir() == (tmp_path / "datasets").resolve()
    monkeypatch.setenv("WORKBOOK_DATA_DIR", "")
    assert datasets.data_dir() is None
    monkeypatch.setenv("WORKBOOK_DATA_DIR", "no/such/folder")
    with pytest.raises(ValueError, match="is not a folder"):
        datasets.data_dir()


# ------------------------------------------------------------------ nothing available
@pytest.mark.parametrize("loader, name", [
    (datasets.load_fashion_mnist, "Fashion-MNIST"),
    (datasets.load_mnist, "MNIST"),
    (lambda: datasets.load_imdb_reviews("train"), "IMDB reviews"),
    (datasets.load_shakespeare, "tiny Shakespeare"),
])
def test_unavailable_dataset_is_a_clear_error(offline, loader, name):
    with pytest.raises(datasets.DatasetUnavailableError) as err:
        loader()
    message = str(err.value)
    korean, english = message.split("\n", 1)
    assert korean.startswith(f"데이터셋 {name}") and "다시 실행하세요" in korean      # Korean first: what to do
    assert english.startswith(f"{name}") and "not reachable" in message
    assert "tried 1: a local copy" in message and "How to fix" in message and "WORKBOOK_DATA_DIR" in message


def test_unavailable_stock_prices(offline, monkeypatch):
    fake = FakeFdr(fail={"DataReader"})
    monkeypatch.setattr(datasets, "_fdr", lambda: fake)
    with pytest.raises(datasets.DatasetUnavailableError, match="(?s)KRX prices.*krx/005930.csv.*not reachable"):
        datasets.load_stock_prices("005930")
    assert fake.calls == []  # no reachability, no FinanceDataReader call
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    with pytest.raises(datasets.DatasetUnavailableError, match="(?s)DataReader\\('005930'\\): ConnectionError"):
        datasets.load_stock_prices("005930")


def test_unavailable_listing(offline, monkeypatch):
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    monkeypatch.setattr(datasets, "_fdr", lambda: FakeFdr(fail={"KRX", "KOSPI"}))
    with pytest.raises(datasets.DatasetUnavailableError, match="(?s)KRX listing.*StockListing\\('KRX'\\) failed"):
        datasets.load_krx_listing()


# ------------------------------------------------------------------ online plumbing (FinanceDataReader faked)
def test_prices_download_once_then_cache(offline, monkeypatch, capsys):
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    fake = FakeFdr(prices=_prices())
    monkeypatch.setattr(datasets, "_fdr", lambda: fake)
    first = datasets.load_stock_prices("005930")
    assert (offline / "005930.csv").exists() and "FinanceDataReader" in capsys.readouterr().out
    second = datasets.load_stock_prices("005930")
    assert fake.calls == [("DataReader", "005930")]  # the second call used the cache
    assert "download cache" in capsys.readouterr().out
    pd.testing.assert_frame_equal(first, second, check_freq=False)


def test_listing_falls_back_to_kospi(offline, monkeypatch):
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    listing = pd.DataFrame({"Code": ["005930"], "Name": ["삼성전자"], "Market": ["KOSPI"], "Close": [1]})
    fake = FakeFdr(listing=listing, fail={"KRX"})
    monkeypatch.setattr(datasets, "_fdr", lambda: fake)
    frame = datasets.load_krx_listing()
    assert list(frame.columns) == ["Code", "Name", "Market"] and frame["Code"].tolist() == ["005930"]
    assert fake.calls == [("StockListing", "KRX"), ("StockListing", "KOSPI")]


@pytest.mark.parametrize("code", ["5930", 5930, "삼성전자", "0059300"])
def test_malformed_code(code):
    with pytest.raises(ValueError, match="not a KRX stock code.*load_krx_listing"):
        datasets.load_stock_prices(code)


def test_unknown_code(offline, monkeypatch):
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    monkeypatch.setattr(datasets, "_fdr", lambda: FakeFdr(prices=pd.DataFrame()))
    with pytest.raises(ValueError, match="no prices for code '999999'.*load_krx_listing"):
        datasets.load_stock_prices("999999")


# ------------------------------------------------------------------ cleaning
def test_clean_prices_drops_missing_and_halted_days(capsys):
    frame = _prices(10)
    frame.iloc[2, frame.columns.get_loc("Close")] = np.nan
    frame.iloc[5, frame.columns.get_loc("Volume")] = 0
    frame.iloc[6, frame.columns.get_loc("Open")] = 0
    cleaned = datasets.clean_prices(frame, "TEST")
    assert len(cleaned) == 7
    out = capsys.readouterr().out
    assert "dropped 1 day(s) with missing prices" in out and "dropped 2 day(s) without trading" in out


def test_clean_prices_rejects_bad_frames():
    with pytest.raises(datasets.DatasetError, match="lacks the columns \\['Volume'\\]"):
        datasets.clean_prices(_prices().drop(columns="Volume"))
    empty = _prices(3)
    empty["Volume"] = 0
    with pytest.raises(ValueError, match="no trading day left"):
        datasets.clean_prices(empty)


def test_availability_reports_every_dataset(offline):
    table = datasets.availability()
    assert len(table) == len(datasets.REGISTRY) and set(table["source"]) == {"UNAVAILABLE"}


def test_online_loader_is_called_when_the_host_answers(offline, monkeypatch, capsys):
    import keras

    fake = ((np.zeros((60000, 28, 28), np.uint8), np.arange(60000) % 10),
            (np.zeros((10000, 28, 28), np.uint8), np.arange(10000) % 10))
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    monkeypatch.setattr(keras.datasets.mnist, "load_data", lambda: fake)
    assert datasets.load_mnist() is fake
    assert "[data] MNIST: keras.datasets.mnist.load_data() (downloaded)" in capsys.readouterr().out


@local_only
def test_online_plumbing_with_a_frame_from_the_local_csv(offline, monkeypatch):
    """FinanceDataReader faked with the real local file: the download path cleans and caches it."""
    frame = pd.read_csv(LOCAL_DIR / "krx" / "005930.csv", index_col="Date", parse_dates=True)
    monkeypatch.setattr(datasets, "_fdr", lambda: FakeFdr(prices=frame))
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: True)
    prices = datasets.load_stock_prices("005930", start="2024-01-01")
    assert prices.index[0] >= pd.Timestamp("2024-01-01") and prices.index[-1] == pd.Timestamp("2024-12-16")
    assert (offline / "005930.csv").exists()
    cached = pd.read_csv(offline / "005930.csv", index_col="Date", parse_dates=True)
    assert len(cached) == len(frame)  # the cache keeps the download as it came
