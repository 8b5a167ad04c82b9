"""The package imports light, and TensorFlow comes in quietly (helpers/tf_quiet.py)."""
import logging
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_numpy_only_helpers_do_not_import_tensorflow():
    code = (
        "import sys\n"
        "import helpers, helpers.series, helpers.dates, helpers.runtime as r, helpers.exercises as e\n"
        "for ch in ('01','02','03','04','05','06','07','08','09','10'): e.registered(ch)\n"
        "r.get_mode(); r.by_mode(1, 2)\n"
        "heavy = sorted(m for m in ('tensorflow', 'keras') if m in sys.modules)\n"
        "print(heavy)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"NumPy-only helpers imported {result.stdout.strip()}"


def test_tensorflow_start_up_lines_stay_out_of_stderr():
    result = _run("from helpers import training, runtime\nruntime.seed_everything(1)\nprint('ok')")
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
    assert result.stderr.strip() == "", f"TensorFlow wrote to stderr: {result.stderr[:300]}"


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("tensorflow", logging.WARNING, __file__, 1, message, None, None)


def test_keras_retracing_notice_is_dropped_and_other_warnings_are_kept():
    from helpers.tf_quiet import KerasRetracingNoticeFilter, import_tensorflow

    tf = import_tensorflow()
    filters = [f for f in tf.get_logger().filters if isinstance(f, KerasRetracingNoticeFilter)]
    assert len(filters) == 1
    keep = filters[0].filter
    keras_notice = ("5 out of the last 13 calls to <function TensorFlowTrainer._make_function.<locals>."
                    "multi_step_on_iterator at 0x7f> triggered tf.function retracing. Tracing is expensive ...")
    user_notice = "5 out of the last 5 calls to <function my_step at 0x7f> triggered tf.function retracing."
    assert not keep(_record(keras_notice))
    assert keep(_record(user_notice))             # a student's own retracing function is still reported
    assert keep(_record("some other TensorFlow warning"))


def test_the_filter_is_not_installed_twice():
    import importlib

    import helpers.tf_quiet as tf_quiet

    tf = tf_quiet.import_tensorflow()
    importlib.reload(tf_quiet)
    tf_quiet.import_tensorflow()
    assert sum(type(f).__name__ == "KerasRetracingNoticeFilter" for f in tf.get_logger().filters) == 1
