import logging

import tensorflow as tf

import helpers


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("tensorflow", logging.WARNING, __file__, 1, message, None, None)


def test_keras_retracing_notice_is_dropped_and_other_warnings_are_kept():
    filters = [f for f in tf.get_logger().filters if isinstance(f, helpers.KerasRetracingNoticeFilter)]
    assert len(filters) == 1                      # installed once by importing helpers
    keep = filters[0].filter
    keras_notice = ("5 out of the last 13 calls to <function TensorFlowTrainer._make_function.<locals>."
                    "multi_step_on_iterator at 0x7f> triggered tf.function retracing. Tracing is expensive ...")
    user_notice = "5 out of the last 5 calls to <function my_step at 0x7f> triggered tf.function retracing."
    assert not keep(_record(keras_notice))
    assert keep(_record(user_notice))             # a student's own retracing function is still reported
    assert keep(_record("some other TensorFlow warning"))


def test_the_filter_is_not_installed_twice():
    import importlib

    importlib.reload(helpers)
    assert sum(type(f).__name__ == "KerasRetracingNoticeFilter" for f in tf.get_logger().filters) == 1
