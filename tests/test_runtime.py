import json

import numpy as np
import pytest
import tensorflow as tf

from helpers import runtime


@pytest.fixture
def results(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_RESULTS_DIR", str(tmp_path))
    monkeypatch.setattr(runtime, "_current_notebook", None)
    return tmp_path


def test_mode_defaults_to_full(monkeypatch):
    monkeypatch.delenv("WORKBOOK_MODE", raising=False)
    assert runtime.get_mode() == "full"
    assert runtime.by_mode(full=20, quick=2) == 20


def test_quick_mode(monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", " Quick ")
    assert runtime.is_quick()
    assert runtime.by_mode(full=20, quick=2) == 2


def test_unknown_mode_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", "fast")
    with pytest.raises(ValueError, match="WORKBOOK_MODE='fast'.*full.*quick"):
        runtime.get_mode()


def test_seed_everything_repeats_numbers():
    runtime.seed_everything(7)
    a = np.random.rand(3), tf.random.uniform((3,)).numpy()
    runtime.seed_everything(7)
    b = np.random.rand(3), tf.random.uniform((3,)).numpy()
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


@pytest.mark.parametrize("bad", [-1, 1.5, "42", True])
def test_seed_must_be_a_non_negative_int(bad):
    with pytest.raises(ValueError, match="seed"):
        runtime.seed_everything(bad)


def test_record_metric_needs_a_notebook(results):
    with pytest.raises(ValueError, match="start_notebook"):
        runtime.record_metric("mse", 0.1)


def test_full_run_writes_results_metrics(results, monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", "full")
    runtime.start_notebook("02_demo")
    runtime.record_metric("mse", 0.00312345678)
    runtime.record_metric("other", 2, notebook="03_demo")
    saved = json.loads((results / "metrics.json").read_text())
    assert saved == {"02_demo": {"mse": 0.00312346}, "03_demo": {"other": 2.0}}


def test_quick_run_never_touches_full_metrics(results, monkeypatch):
    (results / "metrics.json").write_text('{"02_demo": {"mse": 0.003}}')
    monkeypatch.setenv("WORKBOOK_MODE", "quick")
    runtime.start_notebook("02_demo")
    runtime.record_metric("mse", 0.5)
    assert json.loads((results / "metrics.json").read_text()) == {"02_demo": {"mse": 0.003}}
    assert runtime.load_metrics("quick") == {"02_demo": {"mse": 0.5}}


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_metric_must_be_finite(results, bad):
    runtime.start_notebook("02_demo")
    with pytest.raises(ValueError, match="finite"):
        runtime.record_metric("mse", bad)


def test_expectations_follow_the_mode(monkeypatch, capsys):
    monkeypatch.setenv("WORKBOOK_MODE", "full")
    runtime.expect_at_most("mse", 0.002, full=0.003, quick=0.05)
    assert "OK  mse" in capsys.readouterr().out
    with pytest.raises(runtime.ExpectationError, match="full-mode run must reach ≤ 0.003"):
        runtime.expect_at_most("mse", 0.01, full=0.003, quick=0.05)
    monkeypatch.setenv("WORKBOOK_MODE", "quick")
    runtime.expect_at_most("mse", 0.01, full=0.003, quick=0.05)
    with pytest.raises(runtime.ExpectationError):
        runtime.expect_at_least("accuracy", 0.5, full=0.9, quick=0.6)


def test_environment_report_names_versions(monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", "quick")
    report = runtime.environment_report()
    assert report["tensorflow"] == tf.__version__
    assert report["keras"].startswith("3.")
    assert report["mode"] == "quick"


def test_epoch_logger_prints_every_n(capsys):
    logger = runtime.EpochLogger(every=2)
    logger.set_params({"epochs": 3})
    for epoch in range(3):
        logger.on_epoch_end(epoch, {"loss": 1.0 / (epoch + 1)})
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["epoch   2/3: loss=0.5", "epoch   3/3: loss=0.3333"]
    with pytest.raises(ValueError):
        runtime.EpochLogger(every=0)


def test_display_path_hides_machine_specific_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert runtime.display_path("relative/file.txt") == "relative/file.txt"
    assert runtime.display_path(tmp_path / "sub" / "f.txt") == "sub/f.txt"
    assert runtime.display_path("/elsewhere/deep/data/krx") == "…/data/krx"
