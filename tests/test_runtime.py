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


def test_mode_defaults_to_full_outside_pytest(monkeypatch):
    monkeypatch.delenv("WORKBOOK_MODE", raising=False)
    monkeypatch.setattr(runtime, "default_mode", lambda: "full")
    assert runtime.get_mode() == "full"
    assert runtime.by_mode(full=20, quick=2) == 20


@pytest.mark.parametrize("value", [None, "", "   "])
def test_unset_or_empty_mode_is_quick_under_pytest(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("WORKBOOK_MODE", raising=False)
    else:
        monkeypatch.setenv("WORKBOOK_MODE", value)
    assert runtime.default_mode() == "quick"
    assert runtime.get_mode() == "quick"
    monkeypatch.setenv("WORKBOOK_MODE", "full")  # only an explicit full runs full under pytest
    assert runtime.get_mode() == "full"


def test_quick_mode(monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", " Quick ")
    assert runtime.is_quick()
    assert runtime.by_mode(full=20, quick=2) == 2


def test_set_mode_inside_a_notebook(monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", "full")
    try:
        runtime.set_mode("quick")
        assert runtime.get_mode() == "quick"
        with pytest.raises(ValueError, match="'full' or 'quick'"):
            runtime.set_mode("fast")
    finally:
        runtime.set_mode(None)
    assert runtime.get_mode() == "full"


def test_unknown_mode_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("WORKBOOK_MODE", "fast")
    with pytest.raises(ValueError, match="WORKBOOK_MODE='fast'.*full.*quick"):
        runtime.get_mode()


def test_data_dir_tilde_and_export(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "datasets").mkdir()
    monkeypatch.setenv("WORKBOOK_DATA_DIR", "~/datasets")
    assert runtime.export_absolute_data_dir() == (tmp_path / "datasets").resolve()
    assert runtime.os.environ["WORKBOOK_DATA_DIR"] == str((tmp_path / "datasets").resolve())


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


def test_record_metrics_needs_a_notebook(results):
    with pytest.raises(ValueError, match="start_notebook"):
        runtime.record_metrics(mse=0.1)


def test_full_run_writes_results_metrics(results, monkeypatch, capsys):
    monkeypatch.setenv("WORKBOOK_MODE", "full")
    runtime.start_notebook("02_demo")
    stored = runtime.record_metrics(mse=0.00312345678, count=np.int64(2), acc=np.float32(0.5))
    assert stored == {"mse": 0.00312346, "count": 2.0, "acc": 0.5}
    runtime.record_metrics(other=1.5)
    saved = json.loads((results / "metrics.json").read_text())
    assert saved == {"02_demo": {"mse": 0.00312346, "count": 2.0, "acc": 0.5, "other": 1.5}}
    assert "recorded: mse = 0.00312346" in capsys.readouterr().out


def test_quick_run_never_touches_full_metrics(results, monkeypatch):
    (results / "metrics.json").write_text('{"02_demo": {"mse": 0.003}}')
    monkeypatch.setenv("WORKBOOK_MODE", "quick")
    runtime.start_notebook("02_demo")
    runtime.record_metrics(mse=0.5)
    assert json.loads((results / "metrics.json").read_text()) == {"02_demo": {"mse": 0.003}}
    assert runtime.load_metrics("quick") == {"02_demo": {"mse": 0.5}}


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "0.1", None, True, [0.1], np.array([0.1, 0.2])])
def test_metric_must_be_one_finite_real_number(results, bad):
    runtime.start_notebook("02_demo")
    with pytest.raises(ValueError, match="metric 'mse'"):
        runtime.record_metrics(mse=bad)
    assert not (results / "quick" / "metrics.json").exists()


@pytest.mark.parametrize("content", ["", "{", "[1, 2]", '{"02_demo": 3}'])
def test_malformed_metrics_file_is_named(results, monkeypatch, content):
    monkeypatch.setenv("WORKBOOK_MODE", "full")
    (results / "metrics.json").write_text(content)
    runtime.start_notebook("02_demo")
    with pytest.raises(runtime.MetricsFileError, match="metrics.json is not a valid metrics file.*git checkout"):
        runtime.record_metrics(mse=0.1)
    assert (results / "metrics.json").read_text() == content  # left as it was


_WRITER = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("runtime", sys.argv[3])  # no TensorFlow import
runtime = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runtime)
runtime._current_notebook = sys.argv[1]
for i in range(int(sys.argv[2])):
    runtime.record_metrics(**{f"m{i}": i})
"""


def test_concurrent_notebooks_keep_every_metric(results, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "WORKBOOK_MODE": "full", "WORKBOOK_RESULTS_DIR": str(results)}
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    procs = [subprocess.Popen([sys.executable, str(script), f"0{k}_nb", "150", runtime.__file__], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for k in range(3)]
    errors = [p.communicate(timeout=240)[1].decode() for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    saved = json.loads((results / "metrics.json").read_text())
    assert saved == {f"0{k}_nb": {f"m{i}": float(i) for i in range(150)} for k in range(3)}
    assert not list(results.glob(".metrics.json.*.tmp"))


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


def test_display_path_hides_machine_specific_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert runtime.display_path("relative/file.txt") == "relative/file.txt"
    assert runtime.display_path(tmp_path / "sub" / "f.txt") == "sub/f.txt"
    assert runtime.display_path("/elsewhere/deep/data/krx") == "…/data/krx"
