"""Checks of notebook 07 (IMDB sentiment with a bidirectional LSTM). Used in: 07."""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.exercises import checks, exercise


def _bidirectional_lstm_parameters(n_in: int, n: int) -> int:
    """Bidirectional(LSTM(n)) on n_in inputs: 2 directions x 4 blocks (3 gates + 1 candidate) x n(n_in + n + 1)."""
    return 2 * 4 * n * (n_in + n + 1)


# (n_in, n) pairs the check asks about; (64, 64) is the deck's layer (66,048, printed in the notebook).
PARAMETER_CASES = [(64, 64), (128, 32), (100, 50), (1, 7), (300, 128)]


def _wrong_parameter_functions():
    return [
        lambda n_in, n: 66_048,                                 # the printed example
        lambda n_in, n: 4 * n * (n_in + n + 1),                 # one direction only
        lambda n_in, n: 2 * 3 * n * (n_in + n + 2),             # a bidirectional GRU
        lambda n_in, n: 2 * 4 * n * (n_in + n),                 # no bias
        lambda n_in, n: 2 * 4 * n * (2 * n + 1),                # n_in taken as n (true only for 64, 64)
        lambda n_in, n: 2 * 3 * n * (n_in + n + 1),             # three blocks: the candidate forgotten
        lambda n_in, n: 2 * 4 * n * (n_in + n + 1) + 8 * n,     # biases counted twice
        lambda n_in, n: 2 * 4 * n_in * (n + n_in + 1),          # n_in and n swapped
        lambda n_in, n: {(64, 64): 66_048, (128, 32): 41_216}[(n_in, n)],   # the two sizes the table prints
        lambda n_in, n: 2 * 4 * n * (n_in + n + 1) / 1,         # a float, not an integer count
    ]


@exercise("07.1", hint="LSTM 하나는 4n(n_in + n + 1) 개입니다: 게이트 3개 (입력, 망각, 출력) 와 후보 셀 1개, "
                       "묶음마다 입력 가중치, 순환 가중치, 편향. 양방향(Bidirectional)은 앞·뒤 두 벌입니다.",
          wrong=_wrong_parameter_functions)
def _bidirectional_parameters(answer: Any) -> str | None:
    return checks.wrong_count_function(
        answer, "answer_07_1", PARAMETER_CASES, _bidirectional_lstm_parameters,
        lambda n_in, n: f"입력 {n_in} 차원, LSTM({n}) 양방향이면 다른 값이어야 합니다.")


def _left_pad(ids, n):
    ids = list(ids)[-n:]
    return [0] * (n - len(ids)) + ids


def _no_truncation(ids, n):
    ids = list(ids)
    return ids + [0] * max(0, n - len(ids))


def _keep_head(ids, n):
    ids = list(ids)[:n]
    return ids + [0] * (n - len(ids))


def _pads_by_length(ids, n):            # pads len(ids) zeros instead of n - len(ids)
    ids = list(ids)[-n:]
    return ids + [0] * len(ids)


def _pads_to_n_plus(ids, n):            # one zero too many
    ids = list(ids)[-n:]
    return ids + [0] * (n - len(ids) + 1)


def _example_only(ids, n):              # the first case hard-coded
    return [5, 8, 2, 0, 0, 0]


CASES = [([5, 8, 2], 6, [5, 8, 2, 0, 0, 0]),
         ([5, 8], 7, [5, 8, 0, 0, 0, 0, 0]),
         ([3, 1, 4, 1], 5, [3, 1, 4, 1, 0]),
         ([7, 1, 9, 4, 3], 3, [9, 4, 3]),
         ([4, 4], 2, [4, 4]),
         ([], 2, [0, 0])]


@exercise("07.2", hint="ids[-n:] 로 뒤의 n 개만 남긴 뒤, 모자란 만큼 (n - 길이 개) 0 을 **뒤에** 붙이세요 (오른쪽 패딩).",
          wrong=lambda: [_left_pad, _no_truncation, _keep_head, _pads_by_length, _pads_to_n_plus,
                         _example_only, lambda ids, n: list(ids)])
def _right_pad(answer: Any) -> str | None:
    if problem := checks.not_callable(answer, "answer_07_2"):
        return problem
    for ids, n, expected in CASES:
        got = [int(v) for v in np.asarray(answer(list(ids), n)).reshape(-1)]
        if got != expected:
            return f"answer_07_2({ids}, {n}) 가 {got} 입니다. {expected} 이어야 합니다."
    return None
