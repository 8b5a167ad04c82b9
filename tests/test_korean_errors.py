"""Every error a student can meet on Run All starts with one Korean sentence, then the English detail."""
import re

import pytest

from helpers import datasets, runtime

HANGUL = re.compile(r"[가-힣]")


def _assert_korean_first(exc: BaseException, english: str) -> None:
    first, _, rest = str(exc).partition("\n")
    assert HANGUL.search(first), f"first line is not Korean: {first!r}"
    assert english in rest, f"English detail {english!r} missing after the Korean line: {rest[:200]!r}"


def test_bad_run_mode(monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", "fast")
    with pytest.raises(ValueError) as err:
        runtime.get_mode()
    _assert_korean_first(err.value, "is not a run mode")
    with pytest.raises(ValueError) as err:
        runtime.set_mode("fastest")
    _assert_korean_first(err.value, "the run mode is 'full' or 'quick'")


def test_bad_data_folder(monkeypatch):
    monkeypatch.setenv("WORKBOOK_DATA_DIR", "no/such/folder")
    with pytest.raises(ValueError) as err:
        datasets.data_dir()
    _assert_korean_first(err.value, "is not a folder")


def test_failed_result_check(monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", "full")
    with pytest.raises(runtime.ExpectationError) as err:
        runtime.expect_at_least("accuracy", 0.5, full=0.9, quick=0.6)
    _assert_korean_first(err.value, "full-mode run must reach ≥ 0.9")


def test_broken_metrics_file(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_RESULTS_DIR", str(tmp_path))
    monkeypatch.setenv("WORKBOOK_MODE", "full")
    (tmp_path / "metrics.json").write_text("{")
    runtime.start_notebook("02_demo")
    with pytest.raises(runtime.MetricsFileError) as err:
        runtime.record_metrics(mse=0.1)
    _assert_korean_first(err.value, "is not a valid metrics file")


def test_unavailable_dataset(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(datasets, "_reachable", lambda *a, **k: False)
    with pytest.raises(datasets.DatasetUnavailableError) as err:
        datasets.load_shakespeare()
    _assert_korean_first(err.value, "tiny Shakespeare is not available")
    assert err.value.detail == "storage.googleapis.com is not reachable"


def test_broken_dataset_file(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_DATA_DIR", str(tmp_path))
    (tmp_path / "shakespeare").mkdir()
    (tmp_path / "shakespeare" / "tinyshakespeare.txt").write_text("<html>login</html>")
    with pytest.raises(datasets.DatasetError) as err:
        datasets.load_shakespeare()
    _assert_korean_first(err.value, "tinyshakespeare.txt: is a web page")


@pytest.mark.parametrize("call, english", [
    (lambda: datasets.load_stock_prices("5930"), "is not a KRX stock code"),
    (lambda: runtime.start_notebook(""), "start_notebook needs the notebook's name"),
])
def test_wrong_arguments_a_student_types(call, english):
    with pytest.raises(ValueError) as err:
        call()
    _assert_korean_first(err.value, english)
