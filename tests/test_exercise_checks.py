"""The shared exercise-check building blocks (helpers/exercises/checks.py)."""
import numpy as np
import pytest

from helpers.exercises import checks


def test_not_callable():
    assert checks.not_callable(len, "answer_01_2") is None
    assert checks.not_callable(lambda x: x, "a") is None
    message = checks.not_callable(3, "answer_01_2")
    assert "함수(function)" in message and "answer_01_2" in message and "int" in message
    assert checks.not_callable(np.zeros(2), "a")


@pytest.mark.parametrize("answer", [77, np.int64(77), np.int32(-3), 0])
def test_not_integer_accepts_integers(answer):
    assert checks.not_integer(answer) is None


@pytest.mark.parametrize("answer", [True, np.bool_(False), 77.0, np.float64(77.0), 77.5, "77", None, [77], np.array([77])])
def test_not_integer_refuses_the_rest(answer):
    message = checks.not_integer(answer)
    assert message and message.startswith("정수(integer)")


def test_not_integer_explains_integral_floats():
    assert "//" in checks.not_integer(77.0)


@pytest.mark.parametrize("answer", [4, 4.0, np.float32(4.5), np.float64(-1e-3), np.int64(2), np.array(3.5)])
def test_not_real_accepts_numbers(answer):
    assert checks.not_real(answer) is None


@pytest.mark.parametrize("answer", [True, "4", None, [4.0], np.array([4.0]), 1j])
def test_not_real_refuses_the_rest(answer):
    assert checks.not_real(answer).startswith("실수(real number)")


@pytest.mark.parametrize("answer", [float("nan"), float("inf"), np.float64("-inf")])
def test_not_real_refuses_non_finite(answer):
    assert "유한한" in checks.not_real(answer)


def test_wrong_shape():
    assert checks.wrong_shape(np.zeros((2, 3)), (2, 3)) is None
    assert checks.wrong_shape([[1, 2, 3]], (1, 3)) is None
    message = checks.wrong_shape(np.zeros((3, 2)), (2, 3), "출력")
    assert "(3, 2)" in message and "(2, 3)" in message and message.startswith("출력")
    assert checks.wrong_shape(5.0, (1,))


def test_not_close():
    expected = np.arange(6.0).reshape(2, 3)
    assert checks.not_close(expected + 1e-9, expected) is None
    assert checks.not_close(expected.tolist(), expected) is None
    assert "모양(shape)" in checks.not_close(expected.T, expected)
    assert "값이 다릅니다" in checks.not_close(expected + 0.1, expected)
    nan = expected.copy()
    nan[0, 0] = np.nan
    assert "NaN" in checks.not_close(nan, expected)
    assert checks.not_close(np.array([["a", "b", "c"], ["d", "e", "f"]]), expected)
    assert checks.not_close(expected + 0.05, expected, atol=0.1) is None


def test_not_this():
    assert checks.not_this(70) == "70 이(가) 아닙니다."
    assert checks.not_this((5, 4, 20)) == "(5, 4, 20) 이(가) 아닙니다."


def test_api_is_small_and_stable():
    assert checks.__all__ == ["not_callable", "not_integer", "not_real", "wrong_shape", "not_close", "not_this",
                             "wrong_count_function"]


def test_wrong_count_function():
    def reference(n_in, n):
        return 4 * n * (n_in + n + 1)

    def context(n_in, n):
        return f"LSTM({n}), 입력 {n_in}"

    cases = [(3, 5), (10, 2)]
    assert checks.wrong_count_function(reference, "f", cases, reference, context) is None
    assert "함수" in checks.wrong_count_function(44, "f", cases, reference, context)
    float_answer = checks.wrong_count_function(lambda a, b: float(reference(a, b)), "f", cases, reference, context)
    assert float_answer.startswith("f(3, 5): ") and "정수" in float_answer
    hard_coded = checks.wrong_count_function(lambda a, b: 180, "f", cases, reference, context)
    assert hard_coded == "f(10, 2) 가 180 입니다. LSTM(2), 입력 10"
