"""Shared building blocks for exercise checks, so every notebook's messages read the same.

Each function returns ``None`` when the answer passes, or a short Korean-first
sentence saying what is wrong (English term in parentheses), ready to be
returned by a check registered with :func:`helpers.exercises.exercise`::

    from helpers.exercises import checks

    @exercise("02.3", hint="...", wrong=lambda: [1281, 5061.5, "5061"])
    def deep_lstm_parameters(answer):
        if problem := checks.not_integer(answer):
            return problem
        if answer != 5061:
            return checks.not_this(answer)
        return None

The API (kept small and stable):

- ``not_callable(answer, name)``  — the answer must be a function (anything callable);
- ``not_integer(answer)``         — one integer: ``int`` or a NumPy integer; ``bool``, floats
  (even ``77.0``) and strings are refused;
- ``not_real(answer)``            — one finite real number: ``int``, ``float``, NumPy scalars or a
  0-d array; ``bool`` and strings are refused;
- ``wrong_shape(got, expected_shape, what)`` — an array's shape;
- ``not_close(got, expected, what, atol, rtol)`` — shape first, then values (``np.allclose``);
- ``not_this(answer)``            — the generic "that is not it" sentence;
- ``wrong_count_function(answer, name, cases, reference, context)`` — a function of two sizes
  ``(n_in, n)`` that must return ``reference(n_in, n)`` as an integer for every case.

Notebooks do not call it directly; the check modules ``helpers/exercises/chNN.py`` do.
"""
from __future__ import annotations

import numbers
from typing import Any, Callable, Iterable

import numpy as np

__all__ = ["not_callable", "not_integer", "not_real", "wrong_shape", "not_close", "not_this", "wrong_count_function"]


def _kind(answer: Any) -> str:
    return type(answer).__name__


def not_callable(answer: Any, name: str) -> str | None:
    """``None`` if ``answer`` can be called like a function, else a message naming the variable ``name``."""
    if callable(answer):
        return None
    return (f"함수(function)를 답으로 주세요 (지금은 {_kind(answer)}): "
            f"{name} = 함수이름  처럼 괄호 없이 함수 자체를 넣습니다.")


def not_integer(answer: Any) -> str | None:
    """``None`` if ``answer`` is one integer (``int`` or a NumPy integer, not ``bool``)."""
    if isinstance(answer, (bool, np.bool_)):
        return f"정수(integer) 하나로 답하세요 (지금은 {_kind(answer)})."
    if isinstance(answer, numbers.Integral):
        return None
    if isinstance(answer, numbers.Real) and float(answer).is_integer():
        return (f"정수(integer) 하나로 답하세요: {answer!r} 은 {_kind(answer)} 입니다. "
                f"나눗셈 / 대신 // 를 쓰거나 int(...) 로 바꾸세요.")
    return f"정수(integer) 하나로 답하세요 (지금은 {_kind(answer)})."


def _as_real(answer: Any) -> float | None:
    if isinstance(answer, (bool, np.bool_)):
        return None
    if isinstance(answer, np.ndarray) and answer.ndim == 0 and np.issubdtype(answer.dtype, np.number):
        answer = answer.item()
    if isinstance(answer, numbers.Real):
        return float(answer)
    return None


def not_real(answer: Any) -> str | None:
    """``None`` if ``answer`` is one finite real number (``int``, ``float``, a NumPy scalar or 0-d array)."""
    value = _as_real(answer)
    if value is None:
        return f"실수(real number) 하나로 답하세요 (지금은 {_kind(answer)})."
    if not np.isfinite(value):
        return f"답이 {value} 입니다. 유한한 실수(finite number)여야 합니다."
    return None


def wrong_shape(got: Any, expected_shape: tuple, what: str = "결과") -> str | None:
    """``None`` if ``np.shape(got)`` equals ``expected_shape``."""
    try:
        shape = tuple(np.shape(got))
    except Exception:  # noqa: BLE001 - ragged lists and the like
        return f"{what}을(를) 배열(array)로 바꿀 수 없습니다 (지금은 {_kind(got)})."
    if shape != tuple(expected_shape):
        return f"{what}의 모양(shape)이 {shape} 입니다. {tuple(expected_shape)} 이어야 합니다."
    return None


def not_close(got: Any, expected: Any, what: str = "결과", atol: float = 1e-6, rtol: float = 1e-5) -> str | None:
    """``None`` if ``got`` has ``expected``'s shape and ``np.allclose`` values (NaN never passes)."""
    expected = np.asarray(expected, dtype=np.float64)
    if problem := wrong_shape(got, expected.shape, what):
        return problem
    try:
        values = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"{what}을(를) 숫자 배열(numeric array)로 바꿀 수 없습니다 (지금은 {_kind(got)})."
    if not np.isfinite(values).all():
        return f"{what}에 NaN 이나 무한대(inf)가 있습니다."
    if not np.allclose(values, expected, atol=atol, rtol=rtol):
        worst = float(np.max(np.abs(values - expected)))
        return f"{what}의 모양은 맞지만 값이 다릅니다 (가장 큰 차이 {worst:.3g})."
    return None


def not_this(answer: Any) -> str:
    """The generic sentence for a well-formed answer that is simply not the right one."""
    return f"{answer!r} 이(가) 아닙니다."


def wrong_count_function(answer: Any, name: str, cases: Iterable[tuple[int, int]],
                         reference: Callable[[int, int], int], context: Callable[[int, int], str]) -> str | None:
    """``None`` if ``answer(n_in, n)`` returns the integer ``reference(n_in, n)`` for every case.

    ``context(n_in, n)`` says which layer the sizes describe, e.g. "입력 28 픽셀, GRU(64) 두 층이면 ...".
    """
    if problem := not_callable(answer, name):
        return problem
    for n_in, n in cases:
        got = answer(n_in, n)
        if problem := not_integer(got):
            return f"{name}({n_in}, {n}): {problem}"
        if got != reference(n_in, n):
            return f"{name}({n_in}, {n}) 가 {int(got):,} 입니다. {context(n_in, n)}"
    return None
